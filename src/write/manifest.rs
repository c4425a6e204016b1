//! The manifest of an output folder: what the last build read and what it wrote.
//!
//! It sits in the output folder (`.recueil-manifest`), written by every build, and lets the next
//! one do less: when the fingerprint of what a build reads is the same and every file is still as
//! written, there is nothing to do; otherwise a file whose bytes are the same as last time is
//! kept (hard-linked into the new folder) rather than written again.
//!
//! A file's entry is trusted only while the file on disk still has the size and modification
//! time recorded: a file changed by hand, or replaced by a build that was stopped before it
//! could write the manifest, is not taken for what the manifest says.
//!
//! The format is lines of text, quick to read for a hundred thousand files:
//!
//! ```text
//! recueil-manifest 1
//! inputs <hash of what the build read, 32 hex digits>
//! pages <n>
//! warning <one warning, as JSON>
//! file <size> <hash, 32 hex digits> <modification time, ns> <path>
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::diag::{Problem, Problems, Severity};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = ".recueil-manifest";
const HEADER: &str = "recueil-manifest 1";

/// A file as the build wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub len: u64,
    pub hash: u128,
    /// Its modification time once written, in ns since the epoch.
    pub mtime: u64,
}

/// What the last build into a folder read, found and wrote.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    /// The fingerprint of what it read (`None`: not known, never equal to another).
    pub inputs: Option<u128>,
    pub pages: usize,
    pub warnings: Problems,
    pub files: HashMap<String, Entry>,
}

/// The hash of a file's bytes.
pub(crate) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A file's modification time in ns since the epoch, as the manifest records it.
pub(crate) fn mtime_of(metadata: &std::fs::Metadata) -> Option<u64> {
    let since = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    u64::try_from(since.as_nanos()).ok()
}

impl Entry {
    /// True when the file at `path` still is as this entry says (size and modification time).
    pub(crate) fn is_intact(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path)
            .is_ok_and(|m| self.describes(m.is_file(), m.len(), mtime_of(&m)))
    }

    /// The one rule of intactness: a regular file (not a link) of the size and time recorded.
    fn describes(&self, is_file: bool, len: u64, mtime: Option<u64>) -> bool {
        is_file && len == self.len && mtime == Some(self.mtime)
    }
}

/// A warning as the manifest keeps it, to be shown again by a build that finds nothing to do.
#[derive(Serialize, Deserialize)]
struct StoredWarning {
    path: PathBuf,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
}

impl Manifest {
    /// The manifest of the output folder `out`, if it has a readable one.
    pub(crate) fn read(out: &Path) -> Option<Manifest> {
        Manifest::parse(&Manifest::read_text(out)?)
    }

    /// The text of the manifest of `out`, if it has a readable one (see [`Manifest::parse_listed`]).
    pub(crate) fn read_text(out: &Path) -> Option<String> {
        std::fs::read_to_string(out.join(MANIFEST)).ok()
    }

    fn parse(text: &str) -> Option<Manifest> {
        let (mut manifest, files) = Manifest::parse_listed(text)?;
        manifest.files = files
            .into_iter()
            .map(|(path, entry)| (path.to_string(), entry))
            .collect();
        Some(manifest)
    }

    /// The manifest without its map of files, and its files as listed (sorted by path, so the
    /// files of a folder follow each other): what a build that may have nothing to do needs.
    pub(crate) fn parse_listed(text: &str) -> Option<(Manifest, Vec<(&str, Entry)>)> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut manifest = Manifest::default();
        let mut files = Vec::new();
        for line in lines {
            let (kind, rest) = line.split_once(' ')?;
            match kind {
                "inputs" => manifest.inputs = Some(u128::from_str_radix(rest, 16).ok()?),
                "pages" => manifest.pages = rest.parse().ok()?,
                "warning" => {
                    let w: StoredWarning = serde_json::from_str(rest).ok()?;
                    manifest.warnings.push(Problem {
                        severity: Severity::Warning,
                        path: w.path,
                        line: w.line,
                        column: w.column,
                        message: w.message,
                        hint: w.hint,
                    });
                }
                "file" => {
                    let mut parts = rest.splitn(4, ' ');
                    let entry = Entry {
                        len: parts.next()?.parse().ok()?,
                        hash: u128::from_str_radix(parts.next()?, 16).ok()?,
                        mtime: parts.next()?.parse().ok()?,
                    };
                    files.push((parts.next()?, entry));
                }
                _ => return None,
            }
        }
        Some((manifest, files))
    }

    pub(crate) fn to_text(&self) -> String {
        let mut out = String::with_capacity(64 + self.files.len() * 96);
        out.push_str(HEADER);
        out.push('\n');
        if let Some(inputs) = self.inputs {
            out.push_str(&format!("inputs {inputs:032x}\n"));
        }
        out.push_str(&format!("pages {}\n", self.pages));
        for problem in self.warnings.iter().filter(|p| !p.is_error()) {
            let stored = StoredWarning {
                path: problem.path.clone(),
                line: problem.line,
                column: problem.column,
                message: problem.message.clone(),
                hint: problem.hint.clone(),
            };
            let json = serde_json::to_string(&stored).expect("a warning serializes");
            out.push_str(&format!("warning {json}\n"));
        }
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        for path in paths {
            let e = &self.files[path];
            out.push_str(&format!(
                "file {} {:032x} {} {path}\n",
                e.len, e.hash, e.mtime
            ));
        }
        out
    }
}

/// True when every file of `files` (as [`Manifest::parse_listed`] gives them) is still in `out`
/// as it was written. Each folder is opened once and its files looked up by name in it, folders
/// in parallel: at 300,000 files, looking up each whole path again was most of the time of a
/// build with nothing to do.
pub(crate) fn all_intact(out: &Path, files: &[(&str, Entry)]) -> bool {
    use rayon::prelude::*;
    let folders: Vec<&[(&str, Entry)]> = files
        .chunk_by(|(a, _), (b, _)| parent(a) == parent(b))
        .collect();
    folders.par_iter().all(|folder| folder_intact(out, folder))
}

/// The folder part of a path in the site (`fr/text` of `fr/text/a.js`; `` at the root).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// True when the files of one folder (all with the same [`parent`]) are as written.
fn folder_intact(out: &Path, files: &[(&str, Entry)]) -> bool {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    let Some((first, _)) = files.first() else {
        return true;
    };
    let folder = out.join(parent(first));
    let flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
    let Ok(dir) = rustix::fs::open(&folder, flags, Mode::empty()) else {
        return false;
    };
    files.iter().all(|(path, entry)| {
        let name = path.rsplit_once('/').map_or(*path, |(_, name)| name);
        rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|st| {
            // `st_mtime_nsec` is unsigned here and signed on other targets.
            #[allow(clippy::unnecessary_cast)]
            let nanos = u64::try_from(st.st_mtime)
                .ok()
                .and_then(|s| s.checked_mul(1_000_000_000))
                .and_then(|s| s.checked_add(st.st_mtime_nsec as u64));
            let is_file = FileType::from_raw_mode(st.st_mode) == FileType::RegularFile;
            entry.describes(is_file, st.st_size as u64, nanos)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written() {
        let mut manifest = Manifest {
            inputs: Some(0xfeed),
            pages: 3,
            ..Manifest::default()
        };
        manifest.warnings.push(
            Problem::warning("content/x/meta.yaml", "no title")
                .at(2, Some(4))
                .hint("add one"),
        );
        manifest.files.insert(
            "fr/a b.html".into(),
            Entry {
                len: 10,
                hash: hash(b"0123456789"),
                mtime: 1_700_000_000_123_456_789,
            },
        );
        let again = Manifest::parse(&manifest.to_text()).expect("it parses");
        assert_eq!(again.inputs, Some(0xfeed));
        assert_eq!(again.pages, 3);
        assert_eq!(again.files, manifest.files);
        assert_eq!(again.warnings.to_string(), manifest.warnings.to_string());
    }

    #[test]
    fn anything_else_is_no_manifest() {
        assert!(Manifest::parse("").is_none());
        assert!(Manifest::parse("recueil-manifest 1\nfile 1 zz 3 a\n").is_none());
        assert!(Manifest::parse("something else\n").is_none());
    }

    #[test]
    fn a_site_is_intact_while_every_file_keeps_its_size_and_time() {
        let out = tempfile::tempdir().unwrap();
        let mut listed = Vec::new();
        for path in ["index.html", "fr/a.html", "fr/b.html", "fr/text/a.js"] {
            let file = out.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, path).unwrap();
            let metadata = std::fs::metadata(&file).unwrap();
            let entry = Entry {
                len: metadata.len(),
                hash: hash(path.as_bytes()),
                mtime: mtime_of(&metadata).unwrap(),
            };
            listed.push((path.to_string(), entry));
        }
        let check = |listed: &[(String, Entry)]| {
            let borrowed: Vec<(&str, Entry)> =
                listed.iter().map(|(p, e)| (p.as_str(), *e)).collect();
            all_intact(out.path(), &borrowed)
        };
        assert!(check(&listed));
        std::fs::write(out.path().join("fr/b.html"), "edited by hand").unwrap();
        assert!(!check(&listed), "a file edited");
        std::fs::write(out.path().join("fr/b.html"), "fr/b.html").unwrap();
        let metadata = std::fs::metadata(out.path().join("fr/b.html")).unwrap();
        listed[2].1.mtime = mtime_of(&metadata).unwrap();
        assert!(check(&listed));
        std::fs::remove_file(out.path().join("fr/text/a.js")).unwrap();
        assert!(!check(&listed), "a file deleted");
        std::fs::remove_dir_all(out.path().join("fr/text")).unwrap();
        assert!(!check(&listed), "a folder deleted");
        listed.pop();
        assert!(check(&listed));
        std::fs::remove_file(out.path().join("index.html")).unwrap();
        std::os::unix::fs::symlink("fr/a.html", out.path().join("index.html")).unwrap();
        assert!(!check(&listed), "a link in place of a file");
    }
}
