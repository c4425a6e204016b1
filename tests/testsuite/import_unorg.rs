//! The un.org document pages imported by the binary into a copy of the bundled archive: the
//! French page cut short joins its series by title as an excerpt with its vote, and the archive
//! with every page imported still passes `recueil check`.

use crate::support::{copy_dir, fixture, recueil, repo_root, stderr};

#[test]
fn un_org_pages_import_into_an_archive_that_still_checks() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    std::fs::copy(repo_root().join("book.toml"), dir.path().join("book.toml")).unwrap();
    let root = dir.path().to_str().unwrap();
    let pages: Vec<String> = ["fr-cut-short.txt", "fr-complete.txt", "en-report.txt"]
        .iter()
        .map(|f| fixture(&format!("import/unorg/{f}")).display().to_string())
        .collect();
    let mut args = vec!["--root", root, "import"];
    args.extend(pages.iter().map(String::as_str));
    let output = recueil(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let folder = dir.path().join("content/resolutions/a-res-52-134");
    let meta = std::fs::read_to_string(folder.join("meta.yaml")).unwrap();
    for line in [
        "series: international-cooperation-human-rights",
        "adopted: 1997-12-12",
        "meeting: 70",
        "- A/52/644/Add.2",
        "vote:\n  without_vote: true",
        "complete: false",
        "remark: Le texte source s'arrête au milieu du paragraphe 2 du dispositif",
    ] {
        assert!(meta.contains(line), "{line:?} not in\n{meta}");
    }
    let text = std::fs::read_to_string(folder.join("fr.md")).unwrap();
    assert!(text.contains("\n\n1. *Se félicite* de la déclaration"));
    assert!(!text.contains("\n\n2. "), "the cut paragraph is left out");
    assert_eq!(
        std::fs::read(folder.join("source/fr.txt")).unwrap(),
        std::fs::read(&pages[0]).unwrap(),
        "the page is kept as received"
    );

    let output = recueil(&["--root", root, "check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("no errors"), "{}", stderr(&output));
}
