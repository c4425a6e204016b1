//! What a build reads, as one fingerprint: book.toml, every file of `content/`, the archive's
//! `templates/` and `theme/`, and the recueil program itself.
//!
//! A build records the fingerprint in the output's manifest; the next build, finding the same
//! one and the site intact, has nothing to do (a no-change rebuild of the whole General Assembly
//! takes the time to read its sources, not to render them). Contents are hashed rather than
//! modification times compared, so that a checkout or a save without change is no change. The
//! program is part of it (its version, size and modification time): a new recueil renders
//! differently.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::config::Config;

/// The fingerprint of everything a build of `config` into `out` reads; `None` when some file
/// cannot be read (the build then reports it, and nothing is skipped).
pub(crate) fn fingerprint(config: &Config, out: &Path) -> Option<u128> {
    let mut files = vec![config.root.join(crate::config::CONFIG_FILE)];
    for folder in [
        config.content_dir.clone(),
        config.root.join("templates"),
        config.root.join("theme"),
    ] {
        files.extend(files_under(&folder, out)?);
    }
    let hashes: Vec<u128> = files
        .par_iter()
        .map(|path| std::fs::read(path).ok().map(|bytes| xxh3_128(&bytes)))
        .collect::<Option<_>>()?;
    let mut all = Xxh3::new();
    all.update(program().as_bytes());
    for (path, hash) in files.iter().zip(hashes) {
        all.update(path.as_os_str().as_encoded_bytes());
        all.update(&[0]);
        all.update(&hash.to_le_bytes());
    }
    Some(all.digest128())
}

/// The files under `folder` in a stable order, leaving out the output folder.
fn files_under(folder: &Path, out: &Path) -> Option<Vec<PathBuf>> {
    if !folder.is_dir() {
        return Some(Vec::new());
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.path() != out);
    for entry in walk {
        let entry = entry.ok()?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Some(files)
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
}
