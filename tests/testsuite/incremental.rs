//! Rebuilds do only what changed: a rebuild with nothing changed writes no file, a rebuild after
//! a note edit writes only that resolution's pages, and either way the site is byte for byte
//! what a full build into an empty folder makes.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::{copy_fixture, recueil, stderr};

/// Every file of a built site (its manifest left out) with its bytes.
pub fn contents(out: &Path) -> BTreeMap<String, Vec<u8>> {
    files(out, |p| std::fs::read(p).unwrap())
}

/// The files whose identity changed between two [`identities`] of a site: those written again.
pub fn rewritten(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(path, id)| before.get(*path) != Some(id))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Every file of a built site with its inode and modification time: what a write changes.
pub fn identities(out: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    files(out, |p| {
        let m = std::fs::metadata(p).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec())
    })
}

fn files<T>(out: &Path, of: impl Fn(&Path) -> T) -> BTreeMap<String, T> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.file_name() != recueil::write::MANIFEST)
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (path, of(e.path()))
        })
        .collect()
}

/// The site a full build of `root` makes in an empty folder.
pub fn fresh_build(root: &Path) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(root, Some(&public), false).expect("it builds");
    let site = contents(&public);
    (out, site)
}

#[test]
fn a_rebuild_with_nothing_changed_writes_no_file() {
    let dir = copy_fixture("sites/notes");
    let public = dir.path().join("public");
    let first = recueil::build::build(dir.path(), Some(&public), false).unwrap();
    assert_eq!(first.unchanged, 0, "an empty folder has nothing to keep");
    let before = identities(&public);
    let again = recueil::build::build(dir.path(), Some(&public), false).unwrap();
    assert_eq!(again.unchanged, again.files);
    assert_eq!((again.pages, again.files), (first.pages, first.files));
    assert_eq!(identities(&public), before, "not one file written again");
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert!(
        stderr(&output).contains(&format!("{} unchanged", first.files)),
        "{}",
        stderr(&output)
    );
}

#[test]
fn nothing_changed_but_a_page_deleted_by_hand_is_a_rebuild() {
    let dir = copy_fixture("sites/notes");
    let public = dir.path().join("public");
    recueil::build::build(dir.path(), Some(&public), false).unwrap();
    std::fs::remove_file(public.join("fr/a-res-10-1.html")).unwrap();
    std::fs::write(public.join("index.html"), "edited by hand").unwrap();
    // The search files are streamed to their files rather than made in memory: kept the same way.
    std::fs::write(public.join("search/index.js"), "damaged").unwrap();
    let again = recueil::build::build(dir.path(), Some(&public), false).unwrap();
    assert_eq!(
        again.unchanged,
        again.files - 3,
        "the three damaged files only"
    );
    assert_eq!(contents(&public), fresh_build(dir.path()).1);
}

#[test]
fn a_rebuild_after_a_note_edit_writes_its_pages_only_and_as_a_full_build() {
    let dir = copy_fixture("sites/notes");
    let public = dir.path().join("public");
    recueil::build::build(dir.path(), Some(&public), false).unwrap();
    let before = identities(&public);
    let notes = dir.path().join("content/resolutions/a-res-11-2/notes.md");
    let text = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(&notes, format!("{text}\nUne phrase de plus.\n")).unwrap();
    let report = recueil::build::build(dir.path(), Some(&public), false).unwrap();
    let rewritten = rewritten(&before, &identities(&public));
    assert_eq!(
        rewritten,
        [
            "en/a-res-11-2.html",
            "en/text/a-res-11-2.js",
            "fr/a-res-11-2.html",
            "fr/text/a-res-11-2.js",
            // The note is searched: its text in each language's file of the resolution, the
            // shards of the words added ("une phrase de plus"; "de" is a stop word in French
            // only) and the list of shards.
            "search/en/de.js",
            "search/en/phr.js",
            "search/en/plu.js",
            "search/en/text/a-res-11-2.js",
            "search/en/une.js",
            "search/fr/phr.js",
            "search/fr/plu.js",
            "search/fr/text/a-res-11-2.js",
            "search/index.js",
        ],
        "its pages in each language, their side-by-side fragments, and the search files its words reach"
    );
    assert_eq!(report.unchanged, report.files - rewritten.len());
    assert_eq!(contents(&public), fresh_build(dir.path()).1);
}

#[test]
fn a_build_after_one_text_changed_compares_that_text_only_and_makes_the_site_of_a_fresh_build() {
    let dir = copy_fixture("sites/compare");
    let public = dir.path().join("public");
    let cache = dir.path().join(recueil::analysis::cache::FOLDER);
    let first = recueil::build::build(dir.path(), Some(&public), false).unwrap();
    let all = first.comparisons.compared;
    assert!(all > 0, "the first build compares everything");
    assert_eq!(first.comparisons.found, 0);
    assert!(
        cache.is_dir(),
        "the comparisons are kept in the archive's cache"
    );
    assert!(
        !contents(&public)
            .keys()
            .any(|p| p.contains("recueil-cache")),
        "the cache is never published"
    );
    // Built again from scratch (templates or output gone): everything comes from the cache.
    let again = recueil::build::build(dir.path(), Some(&public), true).unwrap();
    assert_eq!(
        (again.comparisons.found, again.comparisons.compared),
        (all, 0)
    );
    // One word of the English 3/1 changes: of the three comparisons (fr 1→2, fr 2→3, en 1→3),
    // only the operative part of the English one is compared again.
    let en = dir.path().join("content/resolutions/a-res-3-1/en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, text.replace("fourth session", "fifth session")).unwrap();
    let edited = recueil::build::build(dir.path(), Some(&public), false).unwrap();
    assert_eq!(
        (edited.comparisons.found, edited.comparisons.compared),
        (all - 1, 1)
    );
    // The site is the one a build without any cache makes, byte for byte.
    let copy = tempfile::tempdir().unwrap();
    let without_cache = copy.path();
    crate::support::copy_dir(&dir.path().join("content"), &without_cache.join("content"));
    std::fs::copy(
        dir.path().join("book.toml"),
        without_cache.join("book.toml"),
    )
    .unwrap();
    let (_out, fresh) = fresh_build(without_cache);
    assert_eq!(contents(&public), fresh);
    // A damaged cache is compared again, never read wrong.
    let file = cache.join("comparisons");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let damaged = recueil::build::build(dir.path(), Some(&public), true).unwrap();
    assert_eq!(damaged.comparisons.compared, all);
    assert_eq!(contents(&public), fresh);
}
