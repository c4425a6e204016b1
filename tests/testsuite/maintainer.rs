//! A maintainer's own archive through the binary: `recueil init`, `recueil import FOLDER`,
//! `recueil check` and `build`; a folder of texts with bad ones among them imports the good ones
//! and lists the others, and what it wrote passes `check`.

use std::path::Path;

use crate::support::{fixture, recueil, stderr};

fn run(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = recueil(&all);
    (output.status.code(), stderr(&output))
}

/// Every file under `dir` with its bytes, to prove nothing changed.
fn tree(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn init_gives_an_archive_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("my-archive");
    let output = recueil(&["init", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for file in [
        "book.toml",
        "content/series/example.yaml",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    assert!(root.join("content/resolutions").is_dir());
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("no errors"), "{err}");
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(root.join("public/index.html").is_file(), "{err}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.toml"), "# mine\n").unwrap();
    let before = tree(dir.path());
    let output = recueil(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("not empty") && err.contains("help:"), "{err}");
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn a_folder_imports_every_text_it_can_and_lists_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    assert_eq!(
        recueil(&["init", root.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let inbox = dir.path().join("inbox");
    crate::support::copy_dir(&fixture("import"), &inbox.join("seeds"));
    std::fs::write(
        inbox.join("letter.txt"),
        "Dear colleagues,\n\nthe minutes.\n",
    )
    .unwrap();
    // The same text twice: the second in path order is refused.
    std::fs::copy(
        fixture("import/003_9abaddd9ae80c91a.txt"),
        inbox.join("seeds/zz_again.md"),
    )
    .unwrap();
    std::fs::write(inbox.join("ignored.pdf"), "%PDF").unwrap();

    let (code, err) = run(&root, &["import", inbox.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("5 text(s) imported"), "{err}");
    assert!(err.contains("2 text(s) refused"), "{err}");
    assert!(
        err.contains("refused inbox/letter.txt:") || err.contains("letter.txt:"),
        "{err}"
    );
    assert!(err.contains("not the text of a resolution"), "{err}");
    assert!(err.contains("A/RES/59/187 (fr) is also given by"), "{err}");
    assert!(!err.contains("ignored.pdf"), "{err}");
    let resolutions = root.join("content/resolutions");
    for slug in [
        "a-res-59-187",
        "a-res-61-168",
        "a-res-62-160",
        "a-res-68-160",
    ] {
        assert!(resolutions.join(slug).join("meta.yaml").is_file(), "{slug}");
    }
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, Some(0), "what the import wrote passes check: {err}");

    // The archive's own folder: its content/ is no inbox, and nothing else is a text.
    let (code, err) = run(&root, &["import", root.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("holds no .txt, .md or .xml file"), "{err}");

    // Again: nothing to write, the same two refused.
    let (code, err) = run(&root, &["import", inbox.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("0 file(s) written"), "{err}");
}

/// The development corpus (../shared/corpus-dev, which CI has): what the import writes of its
/// 30 real texts passes `recueil check` as a whole, whatever the importer cannot yet read.
#[test]
fn the_development_corpus_imports_into_an_archive_that_checks() {
    let corpus = crate::support::repo_root().join("../shared/corpus-dev");
    assert!(
        corpus.join("truth.tsv").is_file(),
        "{} is missing",
        corpus.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let evaluation = recueil::import::eval::evaluate(&corpus, &dir.path().join("archive")).unwrap();
    assert_eq!(evaluation.rows.len(), 30);
    assert_eq!(evaluation.check_errors, 0, "{}", evaluation.check_report);
    let imported = evaluation
        .rows
        .iter()
        .filter(|r| r.counts.is_some())
        .count();
    assert!(imported > 0, "{}", evaluation.markdown());
}
