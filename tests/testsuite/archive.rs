//! The bundled archive (`content/`, made by the importer from the seed texts): it builds, its
//! texts have the official paragraph counts, no import artefact is left, and it is reproducible.

use recueil::archive::{Archive, ParagraphKind};
use recueil::config::Config;
use regex::Regex;

use crate::support::site::Site;
use crate::support::{copy_dir, fixture, repo_root};

fn archive() -> Archive {
    let config = Config::load(&repo_root()).expect("book.toml is valid");
    recueil::load::load(&config)
        .expect("content/ loads")
        .archive
}

#[test]
fn the_bundled_archive_builds_with_every_link_resolving() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let report =
        recueil::build::build(&repo_root(), Some(&public), false).expect("the archive builds");
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    let site = Site::read(&public);
    for page in [
        "fr/a-res-59-187.html",
        "fr/a-res-61-168.html",
        "fr/a-res-62-160.html",
        "en/a-res-62-160.html",
        "fr/a-res-68-160.html",
        "parallel/a-res-62-160.html",
        "fr/text/a-res-62-160.js",
        "en/text/a-res-62-160.js",
        "fr/series/international-cooperation-human-rights.html",
        "en/series/international-cooperation-human-rights.html",
    ] {
        site.page(page);
    }
    let broken = site.broken_links();
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn each_text_has_the_official_paragraph_counts() {
    let archive = archive();
    // (symbol, language, preambular, operative, footnotes, complete), counted in the official texts.
    let expected = [
        ("A/RES/59/187", "fr", 8, 10, 4, true),
        ("A/RES/61/168", "fr", 9, 11, 4, true),
        ("A/RES/62/160", "fr", 5, 0, 3, false),
        ("A/RES/62/160", "en", 9, 11, 4, true),
        ("A/RES/68/160", "fr", 9, 14, 5, true),
    ];
    let mut held = Vec::new();
    for r in &archive.resolutions {
        for t in &r.texts {
            held.push((r.symbol.to_string(), t.lang.clone()));
        }
    }
    assert_eq!(held.len(), expected.len(), "texts held: {held:?}");
    for (symbol, lang, pp, op, fns, complete) in expected {
        let resolution = archive
            .resolutions
            .iter()
            .find(|r| r.symbol.as_str() == symbol)
            .unwrap();
        let text = resolution.text(lang).unwrap();
        let counts = (
            text.count(ParagraphKind::Preambular),
            text.count(ParagraphKind::Operative),
            text.footnotes.len(),
            text.complete,
        );
        assert_eq!(counts, (pp, op, fns, complete), "{symbol} {lang}");
        let ids: Vec<_> = text.all_paragraphs().map(|p| p.id.clone()).collect();
        let want: Vec<_> = (1..=pp)
            .map(|n| format!("pp{n}"))
            .chain((1..=op).map(|n| format!("op{n}")))
            .collect();
        assert_eq!(ids, want, "{symbol} {lang}");
    }
}

#[test]
fn no_footnote_marker_or_page_furniture_is_left_in_any_paragraph() {
    let glued = Regex::new(r"\p{L}\d|\d{5,}|\d \d+ ?[,;.]").unwrap();
    let furniture =
        Regex::new(r"https?://|_{3,}|A/RES/\d+/\d+|\bNations Unies\b\s*$|^\d+$|\[\^").unwrap();
    for r in &archive().resolutions {
        for t in &r.texts {
            for p in t.all_paragraphs() {
                assert!(
                    !glued.is_match(&p.plain),
                    "{} {} {}: glued marker in {:?}",
                    r.symbol,
                    t.lang,
                    p.id,
                    p.plain
                );
                assert!(
                    !furniture.is_match(&p.plain),
                    "{} {} {}: furniture in {:?}",
                    r.symbol,
                    t.lang,
                    p.id,
                    p.plain
                );
            }
            for f in &t.footnotes {
                assert!(
                    !f.plain.contains("http"),
                    "{} {}: {:?}",
                    r.symbol,
                    f.id,
                    f.plain
                );
                assert_eq!(
                    f.refs.len(),
                    1,
                    "{} {} {}: referenced once",
                    r.symbol,
                    t.lang,
                    f.id
                );
            }
        }
    }
}

#[test]
fn the_series_lists_held_and_known_members_in_order() {
    let archive = archive();
    let series = archive
        .series("international-cooperation-human-rights")
        .unwrap();
    let order: Vec<_> = series
        .members
        .iter()
        .map(|m| (m.symbol.short().to_string(), m.held))
        .collect();
    let want = [
        ("51/100", false),
        ("52/134", false),
        ("54/181", false),
        ("58/170", false),
        ("59/187", true),
        ("60/156", false),
        ("61/168", true),
        ("62/160", true),
        ("64/171", false),
        ("67/169", false),
        ("68/160", true),
        ("69/179", false),
        ("75/180", false),
        ("76/159", false),
    ];
    let want: Vec<_> = want.iter().map(|(s, h)| (s.to_string(), *h)).collect();
    assert_eq!(order, want);
    let m61 = series
        .members
        .iter()
        .find(|m| m.symbol.short() == "61/168")
        .unwrap();
    assert_eq!(m61.predecessor.as_ref().unwrap().short(), "60/156");
    assert_eq!(m61.successor.as_ref().unwrap().short(), "62/160");
}

/// content/ is made by the importer, never by hand: importing the seeds again reproduces every
/// file of content/resolutions/ byte for byte, except contributors' notes, which people write.
#[test]
fn content_is_reproduced_by_importing_the_seed_texts() {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    copy_dir(&repo_root().join("content/series"), &content.join("series"));
    // The seeds are the files of the folder; its subfolders hold other fixtures.
    let mut seeds: Vec<_> = std::fs::read_dir(fixture("import"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    seeds.sort();
    let options = recueil::import::ImportOptions {
        series: Some("international-cooperation-human-rights".into()),
        ..Default::default()
    };
    recueil::import::import_files(&content, &seeds, &options).expect("the seeds import");
    let bundled = repo_root().join("content/resolutions");
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&bundled) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        let is_notes = name == "notes.md" || (name.starts_with("notes.") && name.ends_with(".md"));
        if entry.file_type().is_file() && !is_notes {
            let rel = entry.path().strip_prefix(&bundled).unwrap();
            let fresh = std::fs::read(content.join("resolutions").join(rel)).unwrap_or_default();
            assert!(
                fresh == std::fs::read(entry.path()).unwrap(),
                "{} differs from a fresh import",
                rel.display()
            );
            compared += 1;
        }
    }
    assert_eq!(
        compared, 14,
        "3 files for each of 59/187, 61/168, 68/160; 5 for 62/160"
    );
}
