//! The disk side of an import: each resolution folder written whole or not at all.
//!
//! Each file is written atomically (a temporary file in the same folder, then a rename). A folder
//! that does not exist yet is assembled under a temporary name in `content/` (where the loader
//! never looks, so a folder left by a killed import is not taken for a resolution) and renamed
//! into place. In a folder that exists, meta.yaml is written last, and a failed write puts back
//! the files written before it. A file replaced with `--force` is first copied to a backup that
//! never overwrites an earlier one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::write::ImportReport;
use crate::diag::{Problem, Problems};

/// A file to write, once every target has passed the no-loss rules.
pub(super) struct ToWrite {
    pub(super) path: PathBuf,
    pub(super) content: Vec<u8>,
    pub(super) backup: bool,
}

/// Write one folder's files, meta.yaml last. A folder that does not exist yet is assembled under
/// a temporary name beside it and renamed into place; in one that exists, a failed write puts back
/// what was written before it. `dir` is `None` for files outside a resolution folder.
pub(super) fn write_folder(
    dir: Option<&Path>,
    mut writes: Vec<ToWrite>,
    report: &mut ImportReport,
) -> Result<(), Problems> {
    writes.sort_by_key(|w| w.path.file_name().is_some_and(|n| n == "meta.yaml"));
    match dir {
        Some(dir) if !dir.exists() && !writes.is_empty() => write_new_folder(dir, writes, report),
        _ => write_in_place(writes, report),
    }
}

fn write_new_folder(
    dir: &Path,
    writes: Vec<ToWrite>,
    report: &mut ImportReport,
) -> Result<(), Problems> {
    let fail = |path: &Path, e: &dyn std::fmt::Display| -> Problems {
        Problem::error(path, format!("cannot write this folder: {e}")).into()
    };
    let parent = dir.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(parent).map_err(|e| fail(parent, &e))?;
    // Staged beside `resolutions/` (in `content/`), where the loader never looks: a folder left
    // by a killed import is not taken for a resolution.
    let stage_in = parent.parent().filter(|p| p.is_dir()).unwrap_or(parent);
    let staging = tempfile::Builder::new()
        .prefix(".import-")
        .tempdir_in(stage_in)
        .map_err(|e| fail(stage_in, &e))?;
    for w in &writes {
        let relative = w.path.strip_prefix(dir).unwrap_or(&w.path);
        write_atomic(&staging.path().join(relative), &w.content)?;
    }
    let staged = staging.keep();
    if let Err(e) = fs_err::rename(&staged, dir) {
        let _ = fs_err::remove_dir_all(&staged);
        return Err(fail(dir, &e));
    }
    report.written.extend(writes.into_iter().map(|w| w.path));
    Ok(())
}

fn write_in_place(writes: Vec<ToWrite>, report: &mut ImportReport) -> Result<(), Problems> {
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for w in writes {
        let previous = fs_err::read(&w.path).ok();
        let result = (|| {
            if w.backup {
                report.backups.push(backup_file(&w.path)?);
            }
            write_atomic(&w.path, &w.content)
        })();
        if let Err(problems) = result {
            put_back(done);
            return Err(problems);
        }
        done.push((w.path.clone(), previous));
        report.written.push(w.path);
    }
    Ok(())
}

/// Undo the writes of a folder whose next write failed: earlier files back as they were.
fn put_back(done: Vec<(PathBuf, Option<Vec<u8>>)>) {
    for (path, previous) in done.into_iter().rev() {
        let _ = match previous {
            Some(bytes) => write_atomic(&path, &bytes),
            None => {
                fs_err::remove_file(&path).map_err(|e| Problem::error(&path, e.to_string()).into())
            }
        };
    }
}

/// Copy `path` to the first free `<name>.bak`, `<name>.bak.1`, … beside it.
fn backup_file(path: &Path) -> Result<PathBuf, Problems> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut candidate = dir.join(format!("{name}.bak"));
    let mut n = 1;
    while candidate.exists() {
        candidate = dir.join(format!("{name}.bak.{n}"));
        n += 1;
    }
    fs_err::copy(path, &candidate)
        .map_err(|e| Problem::error(path, format!("cannot make a backup: {e}")))?;
    Ok(candidate)
}

/// Write through a temporary file in the same folder, then rename it into place.
fn write_atomic(path: &Path, content: &[u8]) -> Result<(), Problems> {
    let fail = |e: &dyn std::fmt::Display| -> Problems {
        Problem::error(path, format!("cannot write this file: {e}")).into()
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(dir).map_err(|e| fail(&e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
    tmp.write_all(content).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn a_failed_write_puts_back_the_files_written_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a-res-1-1");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("fr.md"), "old\n").unwrap();
        std::fs::write(folder.join("blocker"), "a file, not a folder").unwrap();
        let write = |name: &str, content: &str| ToWrite {
            path: folder.join(name),
            content: content.as_bytes().to_vec(),
            backup: false,
        };
        let writes = vec![
            write("meta.yaml", "symbol: A/RES/1/1\n"),
            write("fr.md", "new\n"),
            write("en.md", "new\n"),
            write("blocker/fr.txt", "cannot be written under a file"),
        ];
        let mut report = ImportReport::default();
        let err = write_folder(Some(&folder), writes, &mut report).unwrap_err();
        assert!(
            err.iter().any(|p| p.path.ends_with("blocker/fr.txt")),
            "{err}"
        );
        assert_eq!(read(&folder.join("fr.md")), "old\n");
        assert!(!folder.join("en.md").exists());
        // meta.yaml comes last, so it was never written.
        assert!(!folder.join("meta.yaml").exists());
    }
}
