//! Writing imported texts into `content/`, so that nothing a person wrote is lost.
//!
//! Every input is parsed first, then every target file is checked, and only if nothing is
//! refused is anything written: an import either happens whole or not at all. A file whose bytes
//! equal what would be written is left alone; one that differs (a hand edit) is refused unless
//! `--force`, and then kept as a backup that never overwrites an earlier one. meta.yaml and the
//! series file are merged (existing values win, a conflict is a warning) and rewritten only when
//! the merge adds something and the file is exactly what serde would write (not hand-formatted).
//! Each file is written atomically: a temporary file in the same folder, then a rename.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::Parsed;
use super::plan::{self, Plan};
use crate::archive::symbol::Symbol;
use crate::diag::{Problem, Problems};
use crate::load::meta::{Meta, SeriesFile};
use crate::progress::Progress;

/// What the command line asks for.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--lang`: the language of every file, instead of detecting it.
    pub lang: Option<String>,
    /// `--series`: the series every file belongs to (created if needed).
    pub series: Option<String>,
    /// `--force`: replace files that differ, keeping backups.
    pub force: bool,
}

/// One input file, imported.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: PathBuf,
    pub symbol: Symbol,
    pub lang: String,
    /// `content/resolutions/<slug>`.
    pub folder: PathBuf,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub imported: Vec<Imported>,
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
    /// Backups made of replaced files (with `--force`).
    pub backups: Vec<PathBuf>,
    pub warnings: Problems,
}

/// Import raw texts into the archive's content folder (`content/`, or book.toml's content-dir).
pub fn import_files(
    content: &Path,
    files: &[PathBuf],
    opts: &ImportOptions,
) -> Result<ImportReport, Problems> {
    import_files_with_progress(content, files, opts, &mut Progress::quiet())
}

/// [`import_files`], showing its progress (the command line's: a bar on a terminal).
pub(crate) fn import_files_with_progress(
    content: &Path,
    files: &[PathBuf],
    opts: &ImportOptions,
    progress: &mut Progress,
) -> Result<ImportReport, Problems> {
    let mut problems = Problems::new();
    check_series_id(content, opts, &mut problems);
    progress.stage("importing", Some(files.len() as u64));
    let inputs = read_inputs(files, opts, &mut problems, progress);
    progress.done(files.len(), || format!("read {} raw texts", files.len()));
    if problems.has_errors() {
        return Err(problems);
    }
    let mut report = ImportReport::default();
    for input in &inputs {
        report.warnings.extend(input.parsed.warnings.clone());
    }
    let mut plan = Plan {
        targets: Vec::new(),
        problems,
        report,
    };
    plan::plan_resolutions(content, &inputs, opts, &mut plan)?;
    plan::plan_series_file(content, &inputs, opts, &mut plan)?;
    let (writes, report) = check_targets(plan, opts.force)?;
    write_all(writes, report)
}

fn check_series_id(content: &Path, opts: &ImportOptions, problems: &mut Problems) {
    if let Some(id) = &opts.series
        && !valid_series_id(id)
    {
        problems.push(
            Problem::error(content, format!("`{id}` is not a usable series id")).hint(
                "use lower-case letters, digits and `-`, e.g. --series human-rights-cooperation",
            ),
        );
    }
}

/// One input file, read and parsed.
pub(super) struct Input {
    pub(super) file: PathBuf,
    pub(super) bytes: Vec<u8>,
    pub(super) parsed: Parsed,
}

/// Read and parse every input. A file that cannot be read or parsed, or that gives a symbol and
/// language another one gives, is a problem.
fn read_inputs(
    files: &[PathBuf],
    opts: &ImportOptions,
    problems: &mut Problems,
    progress: &Progress,
) -> Vec<Input> {
    let mut inputs: Vec<Input> = Vec::new();
    for file in files {
        progress.inc();
        let bytes = match crate::load::read_limited(file) {
            Ok(b) => b,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match super::parse_bytes(file, &bytes, opts.lang.as_deref()) {
            Ok(parsed) => match duplicate(&inputs, file, &parsed) {
                Some(problem) => problems.push(problem),
                None => inputs.push(Input {
                    file: file.clone(),
                    bytes,
                    parsed,
                }),
            },
            Err(e) => problems.extend(e),
        }
    }
    inputs
}

/// The problem of a text whose symbol and language an earlier input already gives.
fn duplicate(inputs: &[Input], file: &Path, p: &Parsed) -> Option<Problem> {
    let other = inputs
        .iter()
        .find(|q| q.parsed.symbol == p.symbol && q.parsed.lang == p.lang)?;
    Some(
        Problem::error(
            file,
            format!(
                "{} ({}) is also given by {}",
                p.symbol,
                p.lang,
                crate::diag::shown(&other.file).display()
            ),
        )
        .hint("import one text per symbol and language"),
    )
}

/// A file to write, once every target has passed the no-loss rules.
struct ToWrite {
    path: PathBuf,
    content: Vec<u8>,
    backup: bool,
}

/// Apply the no-loss rules to every target. If one is refused, nothing is written: the
/// problems are returned with the warnings found so far.
fn check_targets(plan: Plan, force: bool) -> Result<(Vec<ToWrite>, ImportReport), Problems> {
    let Plan {
        targets,
        mut problems,
        mut report,
    } = plan;
    let mut writes = Vec::new();
    for target in targets {
        match target.decide(force) {
            Decision::Unchanged => report.unchanged.push(target.path),
            Decision::Write { backup } => writes.push(ToWrite {
                path: target.path,
                content: target.content,
                backup,
            }),
            Decision::Refuse(problem) => problems.push(problem),
        }
    }
    if problems.has_errors() {
        problems.extend(report.warnings);
        return Err(problems);
    }
    Ok((writes, report))
}

/// Write every file atomically, after a backup of the one it replaces where one is kept.
fn write_all(writes: Vec<ToWrite>, mut report: ImportReport) -> Result<ImportReport, Problems> {
    for w in writes {
        if w.backup {
            let b = backup_file(&w.path)?;
            report.backups.push(b);
        }
        write_atomic(&w.path, &w.content)?;
        report.written.push(w.path);
    }
    Ok(report)
}

/// A file the import would write.
pub(super) struct Target {
    path: PathBuf,
    content: Vec<u8>,
    /// For merged YAML files: (the merge added nothing, the file's current text).
    merged: Option<Option<(bool, String)>>,
}

enum Decision {
    Unchanged,
    Write { backup: bool },
    Refuse(Problem),
}

impl Target {
    pub(super) fn text(path: PathBuf, content: &[u8]) -> Target {
        Target {
            path,
            content: content.to_vec(),
            merged: None,
        }
    }

    pub(super) fn merged(
        path: PathBuf,
        content: String,
        existing: Option<(bool, String)>,
    ) -> Target {
        Target {
            path,
            content: content.into_bytes(),
            merged: Some(existing),
        }
    }

    fn decide(&self, force: bool) -> Decision {
        let refuse = |what: &str| {
            let name = self
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Decision::Refuse(
                Problem::error(&self.path, what).hint(format!(
                    "check the changes, then run again with --force to replace it (the current file is kept as {name}.bak)"
                )),
            )
        };
        match &self.merged {
            None => match fs_err::read(&self.path) {
                Err(_) => Decision::Write { backup: false },
                Ok(old) if old == self.content => Decision::Unchanged,
                Ok(_) if force => Decision::Write { backup: true },
                Ok(old) => refuse(&format!(
                    "this file differs from what the import would write (edited by hand?): {}",
                    first_difference(&old, &self.content)
                )),
            },
            Some(None) => {
                // A YAML file that does not exist, or could not be read (then only with --force).
                Decision::Write {
                    backup: self.path.exists(),
                }
            }
            Some(Some((same, raw))) => {
                if *same || raw.as_bytes() == self.content.as_slice() {
                    Decision::Unchanged
                } else if is_serde_form(raw, &self.path) {
                    Decision::Write { backup: false }
                } else if force {
                    Decision::Write { backup: true }
                } else {
                    refuse("the import would add values to this file, which was written by hand")
                }
            }
        }
    }
}

/// Is `raw` exactly what serde_yaml writes for its own parsed value (no comments, no hand layout)?
fn is_serde_form(raw: &str, path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "meta.yaml" {
        serde_yaml::from_str::<Meta>(raw)
            .ok()
            .and_then(|m| serde_yaml::to_string(&m).ok())
            .is_some_and(|s| s == raw)
    } else {
        serde_yaml::from_str::<SeriesFile>(raw)
            .ok()
            .and_then(|m| serde_yaml::to_string(&m).ok())
            .is_some_and(|s| s == raw)
    }
}

/// Read and parse a YAML file: `Ok(None)` when it does not exist.
pub(crate) fn read_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<(T, String)>, Problem> {
    if !path.exists() {
        return Ok(None);
    }
    let raw = fs_err::read_to_string(path)
        .map_err(|e| Problem::error(path, format!("cannot read this file: {e}")))?;
    match serde_yaml::from_str::<T>(&raw) {
        Ok(v) => Ok(Some((v, raw))),
        Err(e) => {
            let line = e.location().map(|l| l.line());
            Err(Problem::error(path, format!("this file cannot be read: {e}"))
                .at_line(line)
                .hint("fix it by hand, or run again with --force to replace it (a backup is kept)"))
        }
    }
}

pub(super) fn to_yaml<T: serde::Serialize>(value: &T, path: &Path) -> Result<String, Problems> {
    serde_yaml::to_string(value)
        .map_err(|e| Problem::error(path, format!("cannot write YAML: {e}")).into())
}

fn valid_series_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
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

/// Where two versions of a file first differ, for a person deciding whether to `--force`.
fn first_difference(on_disk: &[u8], imported: &[u8]) -> String {
    let on_disk = String::from_utf8_lossy(on_disk);
    let imported = String::from_utf8_lossy(imported);
    let mut lines = on_disk.lines().zip(imported.lines()).enumerate();
    match lines.find(|(_, (a, b))| a != b) {
        Some((i, (a, b))) => {
            let cut = |line: &str| line.chars().take(70).collect::<String>();
            format!(
                "first at line {}: the file has “{}”, the import gives “{}”",
                i + 1,
                cut(a),
                cut(b)
            )
        }
        None => format!(
            "the file has {} lines, the import gives {}",
            on_disk.lines().count(),
            imported.lines().count()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tests::SEEDS;

    const NAMES: [&str; 5] = [
        "000_b910416a0ea72ba1.txt",
        "001_f207325484d46f91.txt",
        "002_367e980c57a681ce.txt",
        "003_9abaddd9ae80c91a.txt",
        "004_0c83b350d768e6c1.txt",
    ];

    fn setup() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        std::fs::create_dir_all(&inbox).unwrap();
        let files = NAMES
            .iter()
            .zip(SEEDS)
            .map(|(name, seed)| {
                let path = inbox.join(name);
                std::fs::write(&path, seed).unwrap();
                path
            })
            .collect();
        let root = dir.path().join("archive");
        std::fs::create_dir_all(&root).unwrap();
        (dir, root, files)
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn import_reimport_refuse_then_force_with_backups() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions::default();
        let report = import_files(&root.join("content"), &files, &opts).unwrap();
        let res = root.join("content/resolutions");
        let folder = res.join("a-res-62-160");
        for f in [
            "meta.yaml",
            "fr.md",
            "en.md",
            "source/fr.txt",
            "source/en.txt",
        ] {
            assert!(folder.join(f).is_file(), "{f}");
        }
        for slug in ["a-res-61-168", "a-res-68-160", "a-res-59-187"] {
            assert!(res.join(slug).join("fr.md").is_file(), "{slug}");
        }
        assert_eq!(report.imported.len(), 5);
        assert_eq!(report.written.len(), 4 * 3 + 2);
        // The source is kept byte for byte.
        assert_eq!(read(&folder.join("source/fr.txt")), SEEDS[0]);
        // The second language completed the same meta.yaml.
        let meta: Meta = serde_yaml::from_str(&read(&folder.join("meta.yaml"))).unwrap();
        assert_eq!(meta.title.len(), 2);
        assert!(!meta.texts["fr"].complete);
        assert!(meta.texts["en"].complete);
        assert_eq!(meta.meeting, Some(76));
        // No series yet: a warning suggests --series.
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.hint.as_deref().is_some_and(|h| h.contains("--series")))
        );

        // Re-import: nothing changes.
        let again = import_files(&root.join("content"), &files, &opts).unwrap();
        assert!(again.written.is_empty(), "{:?}", again.written);
        assert_eq!(again.unchanged.len(), report.written.len());

        // A hand edit is refused, and the file stays as it is.
        let fr = res.join("a-res-61-168/fr.md");
        let edited = read(&fr).replace("*Estime*", "*Estime* (corrigé)");
        std::fs::write(&fr, &edited).unwrap();
        let err = import_files(&root.join("content"), &files[1..2], &opts).unwrap_err();
        let problem = err.iter().find(|p| p.is_error()).unwrap();
        assert_eq!(problem.path, fr);
        assert!(problem.hint.as_deref().unwrap().contains("--force"));
        assert_eq!(read(&fr), edited);

        // --force replaces it and keeps the edit as a backup, never overwriting a backup.
        let force = ImportOptions {
            force: true,
            ..ImportOptions::default()
        };
        let forced = import_files(&root.join("content"), &files[1..2], &force).unwrap();
        assert_eq!(forced.backups, [res.join("a-res-61-168/fr.md.bak")]);
        assert_eq!(read(&res.join("a-res-61-168/fr.md.bak")), edited);
        assert_ne!(read(&fr), edited);
        std::fs::write(&fr, "second edit\n").unwrap();
        let forced = import_files(&root.join("content"), &files[1..2], &force).unwrap();
        assert_eq!(forced.backups, [res.join("a-res-61-168/fr.md.bak.1")]);
        assert_eq!(read(&res.join("a-res-61-168/fr.md.bak")), edited);
    }

    #[test]
    fn series_is_created_then_found_by_title() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions {
            series: Some("cooperation-droits-homme".into()),
            ..ImportOptions::default()
        };
        import_files(&root.join("content"), &files[..1], &opts).unwrap();
        let series_path = root.join("content/series/cooperation-droits-homme.yaml");
        let series: SeriesFile = serde_yaml::from_str(&read(&series_path)).unwrap();
        assert_eq!(series.title.len(), 1);
        // The English text adds its title to the series file.
        import_files(&root.join("content"), &files[4..5], &opts).unwrap();
        let series: SeriesFile = serde_yaml::from_str(&read(&series_path)).unwrap();
        assert!(series.title["en"].starts_with("Enhancement"));
        // Without --series, a text whose title matches (’ vs ', case) joins the series.
        let report = import_files(
            &root.join("content"),
            &files[1..2],
            &ImportOptions::default(),
        )
        .unwrap();
        let meta: Meta = serde_yaml::from_str(&read(
            &root.join("content/resolutions/a-res-61-168/meta.yaml"),
        ))
        .unwrap();
        assert_eq!(meta.series.as_deref(), Some("cooperation-droits-homme"));
        assert!(
            report
                .warnings
                .iter()
                .all(|w| !w.message.contains("series"))
        );
    }

    #[test]
    fn hand_formatted_meta_is_not_rewritten_without_force() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions::default();
        import_files(&root.join("content"), &files[..1], &opts).unwrap();
        let meta_path = root.join("content/resolutions/a-res-62-160/meta.yaml");
        let hand = format!("# checked by hand\n{}", read(&meta_path));
        std::fs::write(&meta_path, &hand).unwrap();
        // Re-importing the same text adds nothing: the file is left alone.
        let report = import_files(&root.join("content"), &files[..1], &opts).unwrap();
        assert!(report.unchanged.contains(&meta_path));
        // The English text would add to it: refused, then done with --force and a backup.
        let err = import_files(&root.join("content"), &files[4..5], &opts).unwrap_err();
        assert!(err.iter().any(|p| p.is_error() && p.path == meta_path));
        assert_eq!(read(&meta_path), hand);
        let force = ImportOptions {
            force: true,
            ..ImportOptions::default()
        };
        let report = import_files(&root.join("content"), &files[4..5], &force).unwrap();
        assert_eq!(report.backups, [meta_path.with_file_name("meta.yaml.bak")]);
        let meta: Meta = serde_yaml::from_str(&read(&meta_path)).unwrap();
        assert_eq!(meta.title.len(), 2);
    }

    #[test]
    fn bad_inputs_write_nothing() {
        let (_dir, root, mut files) = setup();
        let bad = files[0].with_file_name("bad.txt");
        std::fs::write(&bad, b"\xff\xfe not text").unwrap();
        files.push(bad.clone());
        let err =
            import_files(&root.join("content"), &files, &ImportOptions::default()).unwrap_err();
        assert!(err.iter().any(|p| p.path == bad));
        assert!(!root.join("content").exists());
        let err = import_files(
            &root,
            &files[..1],
            &ImportOptions {
                series: Some("../x".into()),
                ..ImportOptions::default()
            },
        )
        .unwrap_err();
        assert!(err.iter().any(|p| p.message.contains("series id")));
    }
}
