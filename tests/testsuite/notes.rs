//! Contributors' notes: where readers see them, what a mistake in one tells the contributor, and
//! `new-note`. The good site is `fixtures/sites/notes`; each broken case is one file of
//! `fixtures/sites/notes-broken/<case>/` laid over a copy of it.

use crate::support::site::Site;
use crate::support::{copy_dir, copy_fixture, fixture, recueil, stderr};

fn build_notes() -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&fixture("sites/notes"), Some(&public), false)
        .unwrap_or_else(|e| panic!("the notes fixture builds: {e:?}"));
    let site = Site::read(&public);
    (out, site)
}

/// The part of `html` from the element with `id` to the end of its paragraph block.
fn block<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[start..];
    let open = rest.find('>').unwrap();
    let end = rest[open..]
        .find("class=\"para ")
        .or_else(|| rest[open..].find("class=\"row "))
        .map_or(rest.len(), |e| e + open);
    &rest[..end]
}

#[test]
fn a_paragraph_note_sits_beside_its_paragraph_with_its_anchor_and_author() {
    let (_out, site) = build_notes();
    let page = site.page("fr/a-res-10-1.html");
    let op2 = block(page, "op2");
    assert!(
        op2.contains(r#"<details class="pnote" id="note-op2" open data-more="Lire la suite""#),
        "{op2}"
    );
    assert!(
        op2.contains("Suite de l’examen"),
        "the heading's title is shown"
    );
    assert!(
        op2.contains(
            "par <span class=\"note-authors\" lang=\"fr\">Jeanne Essai</span>, 1er mai 2024"
        ),
        "{op2}"
    );
    assert!(
        op2.contains(r#"<pre class="hl-code" data-lang="yaml"><code><span class="hl-"#),
        "fenced code is highlighted in classes: {op2}"
    );
    assert!(!op2.contains("style="), "no inline style: {op2}");
    assert!(op2.contains("<del>projet</del>") && op2.contains("<table>"));
    assert!(!block(page, "op1").contains("pnote"), "op1 has no note");
    // The general note opens the page, before the text.
    let general = page
        .find(r#"id="note-resolution""#)
        .expect("the general note");
    assert!(general < page.find(r#"id="pp1""#).unwrap());
    // A note on a footnote sits with the footnote, its own footnotes anchored under it.
    let fn1 = &page[page.find(r#"<li id="fn1""#).unwrap()..];
    assert!(fn1.contains(r#"id="note-fn1""#) && fn1.contains(r#"id="note-fn1-fn1""#));
}

#[test]
fn short_links_in_notes_lead_to_the_paragraph_in_a_language_that_holds_it() {
    let (_out, site) = build_notes();
    let page = site.page("fr/a-res-10-1.html");
    // 11/2's op1 is only in English.
    assert!(page.contains(r##"<a href="../en/a-res-11-2.html#op1">A/RES/11/2, paragraphe 1</a>"##));
    assert!(page.contains(r##"<a href="#pp1">alinéa 1 du préambule</a>"##));
    let broken = site.broken_links();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn every_view_of_a_resolution_shows_its_notes() {
    let (_out, site) = build_notes();
    let french = site.page("fr/a-res-11-2.html");
    let english = site.page("en/a-res-11-2.html");
    // notes.md applies to every language; notes.en.md to English only.
    assert!(english.contains(r#"id="note-op2-a""#) && english.contains(r#"id="note-op1-en""#));
    assert!(english.contains("note on the text in English"), "{english}");
    assert!(
        !french.contains("note-op1-en"),
        "the English note stays off the French page"
    );
    assert!(french.contains(r#"id="note-pp1""#));
    // The side-by-side view: language notes in their column, shared notes across the row.
    let english = site.page("en/text/a-res-11-2.js");
    let cell = english.split(r#"data-row="op1""#).nth(1).unwrap();
    let cell = &cell[..cell.find("data-row").unwrap()];
    assert!(cell.contains(r#"id="note-op1-en""#), "{cell}");
    let french = site.page("fr/text/a-res-11-2.js");
    assert!(
        !french.contains("note-op1-en"),
        "the English note stays off the French column"
    );
    assert!(french.contains(r#"<div class="pnotes row-notes" data-row-notes="op2-a">"#));
}

#[test]
fn pages_offer_edit_and_annotate_links_on_the_configured_branch() {
    let (_out, site) = build_notes();
    let page = site.page("fr/a-res-10-1.html");
    assert!(page.contains(
        r#"href="https://github.com/example/archive/edit/trunk/content/resolutions/a-res-10-1/notes.md""#
    ));
    assert!(page.contains("Modifier cette note") && page.contains("Annoter le paragraphe"));
    // Without notes.md, "annotate" opens a new file with the front matter and the heading.
    let fixture = copy_fixture("sites/notes");
    std::fs::remove_file(
        fixture
            .path()
            .join("content/resolutions/a-res-10-1/notes.md"),
    )
    .unwrap();
    let out = fixture.path().join("public");
    recueil::build::build(fixture.path(), Some(&out), false).unwrap();
    let page = std::fs::read_to_string(out.join("fr/a-res-10-1.html")).unwrap();
    assert!(
        page.contains("https://github.com/example/archive/new/trunk/content/resolutions/a-res-10-1?filename=notes.md&amp;value=---%0Aauthors%3A%20%5B%5D%0A---%0A%0A%23%23%20op2%0A%0A"),
        "{page}"
    );
}

#[test]
fn the_highlighting_stylesheets_follow_the_colour_scheme() {
    let (out, site) = build_notes();
    let theme = out.path().join("public/theme");
    let light = std::fs::read_to_string(theme.join("highlight-light.css")).unwrap();
    let dark = std::fs::read_to_string(theme.join("highlight-dark.css")).unwrap();
    assert!(light.contains(".hl-code") && dark.contains(".hl-code"));
    assert_ne!(light, dark);
    // Loaded by the page whose note holds code, and by no other.
    let page = site.page("fr/a-res-10-1.html");
    assert!(page.contains(r#"<link rel="stylesheet" href="../theme/highlight-light.css">"#));
    assert!(page.contains(r#"<link rel="stylesheet" href="../theme/highlight-dark.css">"#));
    assert!(!site.page("index.html").contains("highlight-light.css"));
    // Complementary media inside the files: the rules of the two sheets never mix.
    assert!(light.starts_with("@media not screen and (prefers-color-scheme: dark) {"));
    assert!(dark.starts_with("@media screen and (prefers-color-scheme: dark) {"));
}

/// Builds the good site with one file replaced by the `case` of `notes-broken`.
fn build_broken(case: &str) -> (std::process::Output, tempfile::TempDir) {
    let dir = copy_fixture("sites/notes");
    copy_dir(&fixture(&format!("sites/notes-broken/{case}")), dir.path());
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    (output, dir)
}

#[test]
fn a_note_on_a_paragraph_that_does_not_exist_is_an_error_with_the_valid_ids() {
    let (output, dir) = build_broken("unknown-key");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("a-res-10-1/notes.md:6: `op9` is not a paragraph of A/RES/10/1"),
        "{err}"
    );
    assert!(
        err.contains("help: key the note to one of its paragraphs: pp1, pp2, op1, op2, fn1"),
        "{err}"
    );
    assert!(!dir.path().join("public").exists(), "nothing was written");
}

#[test]
fn a_broken_short_link_names_its_file_line_and_fix() {
    let (output, _dir) = build_broken("broken-link");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "a-res-10-1/notes.md:3: [[A/RES/11/2#op7]]: `op7` is not a paragraph of A/RES/11/2"
        ),
        "{err}"
    );
    assert!(
        err.contains("link to one of its paragraphs: pp1, pp2, op1"),
        "{err}"
    );
}

#[test]
fn bad_front_matter_is_named_with_its_line() {
    let (output, _dir) = build_broken("bad-front-matter");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("a-res-10-1/notes.md:3:"), "{err}");
    assert!(err.contains("date"), "{err}");
}

#[test]
fn new_note_creates_the_file_and_refuses_unknown_paragraphs() {
    let dir = copy_fixture("sites/basic");
    let root = dir.path().to_str().unwrap();
    let output = recueil(&["--root", root, "new-note", "A/RES/11/2", "op9"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("`op9` is not a paragraph of A/RES/11/2"),
        "{err}"
    );
    assert!(
        err.contains("pp1, pp2, op1–op3, op2-a, op2-b, fn1"),
        "{err}"
    );
    let output = recueil(&["--root", root, "new-note", "A/RES/11/2", "op2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let notes = dir.path().join("content/resolutions/a-res-11-2/notes.md");
    let text = std::fs::read_to_string(&notes).unwrap();
    assert!(
        text.starts_with("---\nauthors: [") && text.contains("\n## op2\n"),
        "{text}"
    );
    assert!(
        stderr(&output).contains("write your note on op2 at line"),
        "{}",
        stderr(&output)
    );
    // The site still builds, warning that the note is empty.
    let output = recueil(&["--root", root, "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the note on op2 is empty"),
        "{}",
        stderr(&output)
    );
}

/// The main content of a page with notes, reviewed as a snapshot.
#[test]
fn page_with_notes_snapshot() {
    let (_out, site) = build_notes();
    let html = site.page("fr/a-res-10-1.html");
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap() + "</main>".len();
    let main: Vec<&str> = html[start..end]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    insta::assert_snapshot!(main.join("\n"));
}

#[test]
fn check_reports_a_note_on_a_paragraph_that_does_not_exist() {
    let dir = copy_fixture("sites/notes");
    copy_dir(&fixture("sites/notes-broken/unknown-key"), dir.path());
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("a-res-10-1/notes.md:6: `op9` is not a paragraph of A/RES/10/1"),
        "{err}"
    );
    assert!(err.contains("pp1, pp2, op1, op2, fn1"), "{err}");
    assert!(!dir.path().join("public").exists(), "check writes nothing");
}

/// In a real browser 1280 px wide, a note on op10 sits in the margin beside op10: to the right of
/// its text, starting level with it.
#[test]
fn a_note_on_op10_sits_beside_op10_in_a_browser() {
    use crate::support::browser::{Browser, file_url};
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&crate::support::repo_root(), Some(&public), false).unwrap();
    let browser = Browser::launch();
    browser.open(&file_url(&public.join("fr/a-res-68-160.html")));
    let geometry = browser.eval(
        "(() => { const body = document.querySelector('#op10 > .body').getBoundingClientRect(); \
         const note = document.querySelector('#note-op10').getBoundingClientRect(); \
         return [note.left - body.right, Math.abs(note.top - body.top), note.width]; })()",
    );
    let [gap, top, width] = [0, 1, 2].map(|i| geometry[i].as_f64().unwrap());
    assert!(gap > 0.0, "the note is right of the text: {geometry}");
    assert!(
        top < 8.0,
        "the note starts level with its paragraph: {geometry}"
    );
    assert!(width > 200.0, "the note has a readable width: {geometry}");
    assert!(browser.eval("document.querySelector('#note-op10').open") == true);
    assert!(
        browser
            .text("#note-op10 .note-body")
            .contains("crises mondiales")
    );
    browser.assert_no_errors();
}

/// A long note beside its paragraph (61/168 op10, with a table) does not push the text apart:
/// it is folded to the paragraph's height, its table scrolls inside it, and a button, reached
/// and pressed with the keyboard, unfolds it.
#[test]
fn a_long_note_is_folded_beside_its_paragraph_and_unfolds_on_demand() {
    use crate::support::browser::{Browser, file_url};
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&crate::support::repo_root(), Some(&public), false).unwrap();
    let browser = Browser::launch();
    browser.open(&file_url(&public.join("fr/a-res-61-168.html")));
    let measure = "(() => { const para = document.getElementById('op10'); \
         const text = [...para.children].filter(c => !c.matches('.pnotes')).reduce((h, c) => h + c.offsetHeight, 0); \
         const note = document.getElementById('note-op10'), table = note.querySelector('table'); \
         const body = note.querySelector('.note-body'), more = note.querySelector('button.note-more'); \
         return { empty: para.offsetHeight - text, folded: note.classList.contains('folded'), \
           expanded: more && more.getAttribute('aria-expanded'), \
           boxOverflow: note.scrollWidth - note.clientWidth, \
           table: table ? table.getBoundingClientRect().right - note.getBoundingClientRect().right : null, \
           hidden: body.scrollHeight - body.clientHeight }; })()";
    let folded = browser.eval(measure);
    assert!(
        folded["empty"].as_f64().unwrap() < 40.0,
        "the note leaves no empty column under op10: {folded}"
    );
    assert_eq!(folded["folded"], true, "{folded}");
    assert_eq!(folded["expanded"], "false", "{folded}");
    assert!(folded["hidden"].as_f64().unwrap() > 0.0, "{folded}");
    assert!(folded["boxOverflow"].as_f64().unwrap() <= 1.0, "{folded}");
    assert!(
        folded["table"].as_f64().unwrap() <= 1.0,
        "the table stays inside the note: {folded}"
    );
    browser.eval("document.querySelector('#note-op10 button.note-more').focus()");
    browser.press("Enter");
    let open = browser.eval(measure);
    assert_eq!(open["folded"], false, "{open}");
    assert_eq!(open["expanded"], "true", "{open}");
    assert!(open["hidden"].as_f64().unwrap() <= 1.0, "{open}");
    browser.press("Enter");
    assert_eq!(browser.eval(measure)["folded"], true);
    // A link to the note opens it whole.
    browser.eval("location.hash = '#note-op10'");
    assert_eq!(browser.eval(measure)["folded"], false);
    browser.assert_no_errors();
}
