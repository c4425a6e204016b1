use super::*;
use std::path::PathBuf;

fn files_of(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap().to_path_buf();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn options(seed: u64) -> Options {
    Options {
        resolutions: 90,
        series: 4,
        seed,
    }
}

#[test]
fn the_same_seed_writes_the_same_files_byte_for_byte() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let summary = generate(a.path(), &options(7)).unwrap();
    generate(b.path(), &options(7)).unwrap();
    generate(c.path(), &options(8)).unwrap();
    assert_eq!(summary.resolutions, 90);
    assert_eq!(summary.series, 4);
    assert!(
        summary.notes_files > 0 && summary.texts > 170,
        "{summary:?}"
    );
    assert!(files_of(a.path()) == files_of(b.path()), "seed 7 twice");
    assert!(
        files_of(a.path()) != files_of(c.path()),
        "another seed, another corpus"
    );
}

#[test]
fn a_generated_archive_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &options(7)).unwrap();
    let report = crate::build::check(dir.path()).unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(report.resolutions, 90);
    assert_eq!(report.warnings.warning_count(), 0, "{}", report.warnings);
    let archive = crate::load::load(&crate::config::Config::load(dir.path()).unwrap())
        .unwrap()
        .archive;
    let recalled = archive
        .series
        .iter()
        .flat_map(|s| &s.members)
        .filter(|m| {
            matches!(
                m.derivation,
                Some(crate::archive::Derivation::Recalled { .. })
            )
        })
        .count();
    assert!(
        recalled >= 85,
        "each text recalls its predecessor: {recalled}"
    );
    assert!(
        archive.citations.len() > 90,
        "citations of predecessors and other series"
    );
}

#[test]
fn a_corpus_is_never_written_over_a_folder_in_use() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.tex"), "work").unwrap();
    let err = generate(dir.path(), &options(1)).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
}
