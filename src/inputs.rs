//! What a build reads, as one fingerprint: book.toml, every file of `content/`, the archive's
//! `templates/` and `theme/`, and the recueil program itself.
//!
//! A build records the fingerprint in the output's manifest; the next build, finding the same
//! one and the site intact, has nothing to do (a no-change rebuild of the whole General Assembly
//! takes the time to list its sources, not to render them). Contents are hashed rather than
//! modification times compared, so that a checkout or a save without change is no change. The
//! program is part of it (its version, size and modification time): a new recueil renders
//! differently.
//!
//! Reading 480 MB of sources at 20,000 resolutions to hash them again was half the time of a
//! build with nothing to do, so the hashes are kept (`.recueil-cache/inputs`) with each file's
//! size and modification time, and a file whose size and time are those recorded is not read
//! again. As Git does with its index, a file modified less than [`RACY`] before the record was
//! written is read all the same: a second write within the file system's clock tick keeps the
//! time, and the same size would hide it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::config::Config;

/// The file of the recorded hashes, in the analysis cache's folder.
const RECORD: &str = "inputs";
/// How long before the record's writing a file's time must be for its hash to be trusted.
const RACY: Duration = Duration::from_secs(2);

/// A file as the last fingerprint saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    len: u64,
    /// Modification time, ns since the epoch.
    mtime: u64,
    hash: u128,
}

/// The hashes of the last fingerprint, and when they were written (ns since the epoch).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    written: u64,
    files: HashMap<PathBuf, Seen>,
}

/// The fingerprint of everything a build of `config` into `out` reads; `None` when some file
/// cannot be read (the build then reports it, and nothing is skipped).
pub(crate) fn fingerprint(config: &Config, out: &Path) -> Option<u128> {
    let mut files = vec![listed(&config.root.join(crate::config::CONFIG_FILE))?];
    for folder in [
        config.content_dir.clone(),
        config.root.join("templates"),
        config.root.join("theme"),
    ] {
        if folder.is_dir() {
            files.extend(files_under(&folder, out)?);
        }
    }
    let record_path = config
        .root
        .join(crate::analysis::cache::FOLDER)
        .join(RECORD);
    let record = read_record(&record_path);
    let trusted_before = record.written.saturating_sub(RACY.as_nanos() as u64);
    let seen: Vec<Seen> = files
        .par_iter()
        .map(|(path, len, mtime)| match record.files.get(path) {
            Some(s) if s.len == *len && s.mtime == *mtime && *mtime < trusted_before => Some(*s),
            _ => Some(Seen {
                len: *len,
                mtime: *mtime,
                hash: xxh3_128(&std::fs::read(path).ok()?),
            }),
        })
        .collect::<Option<_>>()?;
    let mut all = Xxh3::new();
    all.update(program().as_bytes());
    for ((path, _, _), seen) in files.iter().zip(&seen) {
        all.update(path.as_os_str().as_encoded_bytes());
        all.update(&[0]);
        all.update(&seen.hash.to_le_bytes());
    }
    let changed = files.len() != record.files.len()
        || files.iter().zip(&seen).any(|((path, _, _), s)| {
            record.files.get(path) != Some(s) || s.mtime >= trusted_before
        });
    if changed {
        let files = files
            .into_iter()
            .map(|(path, _, _)| path)
            .zip(seen)
            .collect();
        // A record that cannot be written only means reading the files again next time.
        let _ = write_record(&record_path, files);
    }
    Some(all.digest128())
}

/// A file with its size and modification time (ns since the epoch).
type Listed = (PathBuf, u64, u64);

fn listed(path: &Path) -> Option<Listed> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((path.to_path_buf(), metadata.len(), mtime(&metadata)))
}

fn mtime(metadata: &std::fs::Metadata) -> u64 {
    crate::write::manifest::mtime_of(metadata).unwrap_or(0)
}

/// The files under `folder` in a stable order (by name, depth first), leaving out the output
/// folder; its subfolders listed in parallel (`content/resolutions` holds one per resolution).
fn files_under(folder: &Path, out: &Path) -> Option<Vec<Listed>> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(folder)
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    entries.sort_by_key(|e| e.file_name());
    let lists: Vec<Vec<Listed>> = entries
        .par_iter()
        .filter(|e| e.path() != out)
        .map(|entry| {
            let kind = entry.file_type().ok()?;
            if kind.is_dir() {
                files_under(&entry.path(), out)
            } else if kind.is_file() {
                // The entry's own metadata: looked up by name in its open folder.
                let metadata = entry.metadata().ok()?;
                Some(vec![(entry.path(), metadata.len(), mtime(&metadata))])
            } else {
                Some(Vec::new())
            }
        })
        .collect::<Option<_>>()?;
    Some(lists.into_iter().flatten().collect())
}

/// The record of the last fingerprint; an empty one if there is none or it cannot be read.
fn read_record(path: &Path) -> Record {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| postcard::from_bytes(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the record (a new file renamed over the old one).
fn write_record(path: &Path, files: HashMap<PathBuf, Seen>) -> std::io::Result<()> {
    let written = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let bytes = postcard::to_stdvec(&Record { written, files }).map_err(std::io::Error::other)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(folder)?;
    let partial = tempfile::NamedTempFile::new_in(folder)?;
    fs_err::write(partial.path(), bytes)?;
    partial.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// This program: its version, and the size and time of its executable (a rebuilt recueil is
/// another program, even under the same version).
fn program() -> String {
    let executable = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| (m.len(), crate::write::manifest::mtime_of(&m)));
    format!("recueil {} {executable:?}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("book.toml"),
            "[book]\nlanguages = [\"fr\"]\n[language.fr]\ntitle = \"T\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("content/series")).unwrap();
        std::fs::write(dir.path().join("content/series/s.yaml"), "title: {fr: S}\n").unwrap();
        dir
    }

    #[test]
    fn the_fingerprint_changes_with_the_content_and_not_with_the_output() {
        let dir = archive();
        let config = Config::load(dir.path()).unwrap();
        let out = dir.path().join("public");
        let first = fingerprint(&config, &out).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "x").unwrap();
        assert_eq!(
            fingerprint(&config, &out),
            Some(first),
            "the output is not an input"
        );
        std::fs::write(dir.path().join("content/series/s.yaml"), "title: {fr: T}\n").unwrap();
        assert_ne!(fingerprint(&config, &out), Some(first));
        std::fs::create_dir_all(dir.path().join("theme")).unwrap();
        let before_theme = fingerprint(&config, &out);
        std::fs::write(dir.path().join("theme/extra.css"), "a{}").unwrap();
        assert_ne!(
            fingerprint(&config, &out),
            before_theme,
            "the theme is read"
        );
    }

    #[test]
    fn a_file_with_its_recorded_size_and_time_is_not_read_again_unless_its_time_is_recent() {
        let dir = archive();
        let config = Config::load(dir.path()).unwrap();
        let out = dir.path().join("public");
        let file = dir.path().join("content/series/s.yaml");
        let set_time = |when: SystemTime| {
            std::fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_modified(when)
                .unwrap();
        };
        let ago = |secs: u64| SystemTime::now() - Duration::from_secs(secs);
        // Written an hour ago: its hash is recorded, and trusted from then on.
        let hour_ago = ago(3600);
        set_time(hour_ago);
        let first = fingerprint(&config, &out).unwrap();
        assert!(dir.path().join(".recueil-cache/inputs").is_file());
        std::fs::write(&file, "title: {fr: T}\n").unwrap();
        set_time(hour_ago);
        assert_eq!(
            fingerprint(&config, &out),
            Some(first),
            "same size, same time: taken from the record, not read"
        );
        // A new time: read again, and the change is seen.
        set_time(ago(1800));
        let second = fingerprint(&config, &out).unwrap();
        assert_ne!(second, first);
        // A file written just now is read every time, whatever the record says.
        std::fs::write(&file, "title: {fr: U}\n").unwrap();
        let tick = std::fs::metadata(&file).unwrap().modified().unwrap();
        let racy = fingerprint(&config, &out).unwrap();
        assert_ne!(racy, second);
        // Written again in the same clock tick: the same size and the same time.
        std::fs::write(&file, "title: {fr: V}\n").unwrap();
        set_time(tick);
        assert_ne!(
            fingerprint(&config, &out),
            Some(racy),
            "same size, same tick"
        );
    }
}
