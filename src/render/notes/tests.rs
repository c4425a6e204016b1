use std::path::Path;

use super::*;
use crate::archive::{NoteKey, Symbol};
use crate::config::Config;

const BOOK: &str = "[book]\nlanguages = [\"fr\", \"en\"]\n[language.fr]\ntitle = \"R\"\n[language.en]\ntitle = \"R\"\n";

/// A two-resolution archive: 10/1 in French; 11/2 in English and (up to pp2) French.
fn archive_with(notes: &str) -> (tempfile::TempDir, crate::load::Loaded) {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("book.toml", BOOK);
    let first = "content/resolutions/a-res-10-1/";
    write(&format!("{first}meta.yaml"), "symbol: A/RES/10/1\n");
    write(
        &format!("{first}fr.md"),
        "L’Assemblée générale,\n\n*Rappelant* x,\n\n1. *Décide* y ;\n\n2. *Prie* z.\n",
    );
    write(&format!("{first}notes.md"), notes);
    let second = "content/resolutions/a-res-11-2/";
    write(&format!("{second}meta.yaml"), "symbol: A/RES/11/2\n");
    write(
        &format!("{second}fr.md"),
        "L’Assemblée générale,\n\n*Rappelant* x,\n\n*Considérant* y,\n",
    );
    write(
        &format!("{second}en.md"),
        "The General Assembly,\n\n*Recalling* x,\n\n*Considering* y,\n\n1. *Decides* z;\n",
    );
    let config = Config::parse(dir.path(), &dir.path().join("book.toml"), BOOK).unwrap();
    let loaded = crate::load::load(&config).unwrap_or_else(|p| panic!("{p}"));
    (dir, loaded)
}

fn render(notes: &str, key: NoteKey, trust: bool) -> String {
    let (_dir, loaded) = archive_with(notes);
    let archive = &loaded.archive;
    let resolution = archive
        .resolution(&Symbol::parse("A/RES/10/1").unwrap())
        .unwrap();
    let note = resolution.notes.about(&key, "fr").next().expect("the note");
    let page = Page {
        archive,
        resolution,
        lang: "fr",
        path: "fr/a-res-10-1.html",
        parallel: false,
        strings: &crate::render::strings::Strings::bundled(),
    };
    note_html(note, &key.anchor(None), &page, trust)
}

const HOSTILE: &str = "## op1

<script>alert('x')</script>

<img src=\"x.png\" onerror=\"alert(1)\">

A [click](javascript:alert(1)) and <a href=\"javascript:alert(2)\">here</a>.

<iframe src=\"https://example.org\"></iframe>
<p style=\"color:red\" onclick=\"alert(3)\">kept text</p>
";

#[test]
fn script_handlers_javascript_urls_and_iframes_are_removed() {
    let html = render(HOSTILE, NoteKey::Paragraph("op1".into()), false);
    for banned in [
        "<script",
        "alert",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "style=",
    ] {
        assert!(!html.contains(banned), "{banned} survived: {html}");
    }
    assert!(html.contains("kept text"), "{html}");
    assert!(html.contains("<img src=\"x.png\">"), "{html}");
}

#[test]
fn trusted_html_is_kept_as_written() {
    let html = render(HOSTILE, NoteKey::Paragraph("op1".into()), true);
    assert!(html.contains("<iframe"), "{html}");
}

#[test]
fn short_links_lead_to_the_paragraph_in_the_page_language_or_the_one_held() {
    // Each is named in the page's words: "alinéa 2 du préambule", not `pp2`.
    let notes =
        "## op1\n\n[[A/RES/11/2#pp2]] [[A/RES/11/2#op1]] [[#op2]] [[A/RES/11/2|the next one]]\n";
    let html = render(notes, NoteKey::Paragraph("op1".into()), false);
    assert!(
        html.contains(
            r##"<a href="../fr/a-res-11-2.html#pp2">A/RES/11/2, alinéa 2 du préambule</a>"##
        ),
        "{html}"
    );
    // op1 exists only in English.
    assert!(
        html.contains(r##"<a href="../en/a-res-11-2.html#op1">A/RES/11/2, paragraphe 1</a>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#op2">paragraphe 2</a>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="../fr/a-res-11-2.html">the next one</a>"##),
        "{html}"
    );
}

#[test]
fn a_broken_short_link_is_an_error_with_its_line_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let _ = dir;
    let bad = "The resolution.\n\n## op1\n\nSee [[A/RES/11/2#op7]] and [[A/RES/99/9]].\n";
    let result = std::panic::catch_unwind(|| archive_with(bad));
    let message = match result {
        Err(panic) => panic.downcast_ref::<String>().cloned().unwrap_or_default(),
        Ok(_) => panic!("a broken link must stop loading"),
    };
    assert!(
        message.contains("notes.md:5: [[A/RES/11/2#op7]]: `op7` is not a paragraph of A/RES/11/2"),
        "{message}"
    );
    assert!(
        message.contains("pp1, pp2, op1"),
        "the valid ids are listed: {message}"
    );
    assert!(
        message.contains("[[A/RES/99/9]]: A/RES/99/9 is not in the archive"),
        "{message}"
    );
    assert!(
        message.contains("the archive holds A/RES/10/1, A/RES/11/2"),
        "{message}"
    );
}

#[test]
fn fenced_code_is_highlighted_in_classes_and_headings_and_footnotes_get_note_anchors() {
    let notes = "## op2\n\n### The fix\n\n```yaml\nvote:\n  without_vote: true\n```\n\nA claim.[^a]\n\n[^a]: Its source.\n\n| a | b |\n|---|---|\n| ~~1~~ | 2 |\n";
    let html = render(notes, NoteKey::Paragraph("op2".into()), false);
    assert!(html.contains(r#"<h3 id="note-op2-the-fix">"#), "{html}");
    assert!(
        html.contains(r#"<pre class="hl-code" data-lang="yaml"><code><span class="hl-"#),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#note-op2-fn1" id="note-op2-fnref1">1</a>"##),
        "{html}"
    );
    assert!(html.contains(r#"id="note-op2-fn1""#), "{html}");
    assert!(
        html.contains("<table>") && html.contains("<del>1</del>"),
        "{html}"
    );
}

#[test]
fn keys_of_notes_must_be_paragraphs_of_the_text() {
    let result = std::panic::catch_unwind(|| archive_with("## op9\n\nx\n"));
    let message = result
        .err()
        .and_then(|p| p.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(
        message.contains("notes.md:1: `op9` is not a paragraph of A/RES/10/1"),
        "{message}"
    );
    assert!(message.contains("pp1, op1, op2"), "{message}");
    let _ = Path::new("");
}

#[test]
fn a_note_with_thousands_of_footnotes_headings_and_links_renders_quickly() {
    let mut note = String::from("## op1\n\n");
    for i in 0..20_000 {
        note.push_str(&format!(
            "### Même titre\n\nVoir [[#op{}]] et x[^{i}].\n\n[^{i}]: note {i}\n\n",
            1 + i % 2
        ));
    }
    let started = std::time::Instant::now();
    let html = render(&note, NoteKey::Paragraph("op1".into()), false);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(
        html.contains("id=\"note-op1-même-titre-20000\""),
        "the last heading keeps its own anchor"
    );
    assert!(html.contains("href=\"#note-op1-fn20000\""));
    assert_eq!(html.matches("href=\"#op2\"").count(), 10_000);
}
