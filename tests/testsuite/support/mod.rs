//! Helpers shared by the integration tests: fixture sites, running the binary, reading output.

#![allow(dead_code)]

pub mod browser;
pub mod http;
pub mod site;
pub mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The repository's own folder (the bundled archive).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a fixture folder into a fresh temporary folder, so a test may change it.
pub fn copy_fixture(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(rel), dir.path());
    dir
}

/// Copies a folder, leaving out the analysis cache that builds of a fixture in place leave in it.
pub fn copy_dir(from: &Path, to: &Path) {
    let walk = walkdir::WalkDir::new(from).into_iter();
    for entry in walk.filter_entry(|e| e.file_name() != recueil::analysis::cache::FOLDER) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the `recueil` binary with `args`.
pub fn recueil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recueil"))
        .args(args)
        .output()
        .expect("the recueil binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The main content of a page, where template changes show up; reviewed as a snapshot.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main> landmark");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    html[start..end]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
