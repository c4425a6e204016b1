//! Real resolutions' structure through a whole build (`sites/annexes`: 80/3 in French and English
//! with a section heading, items (i) and an annexed declaration with its title, sections,
//! numbered paragraphs, sub-paragraphs and a footnote; its predecessor 79/3 with an annex; 80/5,
//! whose one operative paragraph has no number): the anchors, headings, parallel rows,
//! comparison rows, search entries and notes that readers and tools rely on.

use regex::Regex;

use crate::support::fixture;
use crate::support::site::Site;

fn build() -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&fixture("sites/annexes"), Some(&public), false)
        .expect("the site builds");
    let site = Site::read(&public);
    (out, site)
}

/// Where `needle` stands in `html`, which must hold it.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("the page has no {needle:?}"))
}

/// The HTML of the element whose start tag holds `id="<id>"`, up to the next element with an id
/// of the same kind (enough to read one paragraph's own markup).
fn element<'h>(html: &'h str, id: &str, next: &str) -> &'h str {
    let start = at(html, &format!("id=\"{id}\""));
    let end = html[start + 1..]
        .find(next)
        .map_or(html.len(), |e| start + 1 + e);
    &html[start..end]
}

#[test]
fn an_annex_follows_its_resolution_with_its_own_anchors_and_headings() {
    let (_out, site) = build();
    let html = site.page("en/a-res-80-3.html");
    let ids = Site::ids(html);
    for id in [
        "op1-a-i",
        "op1-a-ii",
        "annex",
        "annex-pp1",
        "annex-1",
        "annex-3",
        "annex-3-a",
        "annex-4",
        "annex-fn2",
        "fn1",
    ] {
        assert!(ids.contains(id), "no id=\"{id}\" on the page");
    }
    // The section heading stands between op2 and op3, as a heading of the operative part.
    let heading = at(html, "<h3 class=\"section-heading\">Follow-up</h3>");
    assert!(at(html, "id=\"op2\"") < heading && heading < at(html, "id=\"op3\""));
    // The annex comes after the resolution's paragraphs and before the footnotes, under its
    // heading as written and its title; its own sections are headings too.
    let annex = at(
        html,
        "<h2 id=\"annex-heading\" class=\"annex-heading\"><span class=\"annex-name\">Annex</span> <span class=\"annex-title\">Awaza Political Declaration</span></h2>",
    );
    assert!(at(html, "id=\"op3\"") < annex && annex < at(html, "id=\"footnotes-title\""));
    let section = at(
        html,
        "<h3 class=\"section-heading\">I. Global context and shared commitments</h3>",
    );
    assert!(annex < section && section < at(html, "id=\"annex-1\""));
    // Numbered annex paragraphs show their number; the opening words of the declaration none.
    assert!(element(html, "annex-3", "<li id=").contains("<span class=\"num\">3.</span>"));
    assert!(!element(html, "annex-pp1", "id=\"annex-1\"").contains("class=\"num\""));
    let item = element(html, "op1-a-i", "<li id=");
    assert!(
        item.contains("<span class=\"num\">(i)</span> <em>Assisting</em>"),
        "{item}"
    );
    // The footnote first referenced in the annex is `annex-fn2`, and its marker leads to it.
    assert!(element(html, "annex-1", "<li id=").contains("href=\"#annex-fn2\""));
    let broken = site.broken_links();
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_page_says_which_agenda_item_and_which_draft() {
    let (_out, site) = build();
    let html = site.page("fr/a-res-80-3.html");
    assert!(html.contains("<dd>18 (b) <span class=\"agenda-title\">Groupes de pays en situation particulière</span></dd>"));
    assert!(html.contains(
        "<dt>Projet de résolution</dt><dd><a href=\"https://undocs.org/fr/A/80/L.2/Rev.1\""
    ));
    // 80/5 has no agenda item and no French text: no empty line, and its draft in English.
    let html = site.page("en/a-res-80-5.html");
    assert!(!html.contains("agenda-title"));
    assert!(
        html.contains("<dt>Draft resolution</dt><dd><a href=\"https://undocs.org/en/A/80/L.5\"")
    );
}

#[test]
fn an_unnumbered_operative_paragraph_shows_no_number() {
    let (_out, site) = build();
    let html = site.page("en/a-res-80-5.html");
    assert!(html.contains("<p class=\"opening\">The General Assembly</p>"));
    let op1 = element(html, "op1", "</li>");
    assert!(
        op1.starts_with("id=\"op1\" class=\"para operative unnumbered\">"),
        "{op1}"
    );
    assert!(!op1.contains("class=\"num\""), "{op1}");
    assert!(op1.contains("<em>Adopts</em> the Doha Political Declaration"));
    assert!(element(html, "annex-1", "</li>").contains("<span class=\"num\">1.</span>"));
}

/// The cell of row `row` in a side-by-side fragment, up to the next row.
fn cell<'h>(html: &'h str, row: &str) -> &'h str {
    let start = at(html, &format!("data-row=\"{row}\""));
    let end = html[start + 1..]
        .find("data-row=")
        .map_or(html.len(), |e| start + 1 + e);
    &html[start..end]
}

#[test]
fn the_side_by_side_fragments_align_annex_rows_by_id() {
    let (_out, site) = build();
    let fr = site.page("fr/text/a-res-80-3.js");
    let en = site.page("en/text/a-res-80-3.js");
    assert!(fr.contains("<div class=\"side-fragment\" lang=\"fr\""));
    let head = cell(fr, "annex:annex");
    assert!(
        head.contains("<span class=\"annex-name\">Annexe</span>"),
        "{head}"
    );
    assert!(cell(fr, "annex-3").contains("Nous nous engageons résolument"));
    assert!(cell(en, "annex-3").contains("We strongly commit ourselves"));
    for (lang, html) in [("fr", fr), ("en", en)] {
        let row = cell(html, "annex-1");
        assert_eq!(
            row.matches("<h3 class=\"section-heading\">").count(),
            1,
            "the section heading in each language: {row}"
        );
        assert!(
            row.contains(&format!("href=\"#{lang}-annex-fn2\"")),
            "{row}"
        );
        assert!(Site::ids(html).contains(&format!("{lang}-annex-fn2")));
        // The annex rows come after every operative row, the items (i) with the operative part.
        let rows: Vec<&str> = html
            .split("data-row=\"")
            .skip(1)
            .map(|r| &r[..r.find('"').unwrap()])
            .collect();
        let place = |id: &str| {
            rows.iter()
                .position(|r| *r == id)
                .unwrap_or_else(|| panic!("{id} in {rows:?}"))
        };
        assert!(place("op1-a-ii") < place("op3") && place("op3") < place("annex:annex"));
    }
    // Every language's fragment has the same rows, in the same order: any two line up.
    let rows = |html: &str| -> Vec<String> {
        html.split("data-row=\"")
            .skip(1)
            .map(|r| r[..r.find('"').unwrap()].to_string())
            .collect()
    };
    assert_eq!(rows(fr), rows(en));
}

#[test]
fn comparisons_compare_annex_paragraphs_with_annex_paragraphs() {
    let (_out, site) = build();
    let html = site.page("en/compare/a-res-79-3--a-res-80-3.js");
    let re = Regex::new(r#"data-status="([a-z]+)" data-from="([^"]*)" data-to="([^"]*)""#).unwrap();
    let rows: Vec<(String, String, String)> = re
        .captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        .collect();
    let annex = at(
        html,
        "<h3 id=\"part-annex\">Annex — Awaza Political Declaration</h3>",
    );
    assert!(at(html, "id=\"part-operative\"") < annex);
    for (status, from, to) in &rows {
        let ids: Vec<&str> = from
            .split(' ')
            .chain(to.split(' '))
            .filter(|id| !id.is_empty())
            .collect();
        let in_annex = ids.iter().filter(|id| id.starts_with("annex")).count();
        assert!(
            in_annex == 0 || in_annex == ids.len(),
            "{status} {from} > {to} crosses the annex"
        );
    }
    let row = |s: &str, f: &str, t: &str| (s.to_string(), f.to_string(), t.to_string());
    assert!(
        rows.contains(&row("unchanged", "annex-1", "annex-2")),
        "{rows:?}"
    );
    assert!(
        rows.contains(&row("unchanged", "annex-2", "annex-4")),
        "{rows:?}"
    );
    assert!(rows.contains(&row("new", "", "op1-a-i")), "{rows:?}");
    let footnotes = html.find("id=\"part-footnotes\"").unwrap_or(html.len());
    let annex_rows = html[annex..footnotes].matches("data-status=").count();
    assert_eq!(
        annex_rows, 8,
        "the annex rows stand under the annex heading"
    );
}

#[test]
fn search_notes_and_citations_reach_annex_paragraphs_and_items() {
    let (_out, site) = build();
    let index = std::fs::read_to_string(site.dir.join("search/en/text/a-res-80-3.js")).unwrap();
    for id in [
        "\"annex-3-a\"",
        "\"op1-a-ii\"",
        "\"annex-fn2\"",
        "\"annex-pp1\"",
    ] {
        assert!(index.contains(id), "the search's text lacks {id}");
    }
    assert!(index.contains("Structural transformation"));
    let html = site.page("en/a-res-80-3.html");
    let note = element(html, "note-annex-3", "</details>");
    assert!(note.contains("href=\"#op1-a-i\""), "{note}");
    assert!(
        note.contains("href=\"../en/a-res-79-3.html#annex-2\""),
        "{note}"
    );
    assert!(at(html, "id=\"annex-3\"") < at(html, "id=\"note-annex-3\""));
    // The resolution an annex paragraph cites lists it among those citing it.
    let cited = site.page("fr/a-res-79-3.html");
    assert!(
        cited.contains(
            "<a href=\"../fr/a-res-80-3.html#annex-pp1\" data-paragraph=\"annex-pp1\">alinéa 1 de l’annexe</a>"
        ),
        "79/3 is cited by 80/3 annex-pp1"
    );
}

#[test]
fn axe_finds_no_violation_on_pages_with_annexes() {
    use crate::support::browser::{Browser, file_url};
    let (_out, site) = build();
    let axe = crate::support::tools::axe_source();
    let browser = Browser::launch();
    let mut report = Vec::new();
    for page in [
        "en/a-res-80-3.html",
        "en/a-res-80-5.html",
        "fr/a-res-80-3.html?view=side&with=en",
        "fr/a-res-80-3.html?view=changes",
    ] {
        let (file, query) = page.split_once('?').unwrap_or((page, ""));
        let url = file_url(&site.dir.join(file));
        browser.open(&format!(
            "{url}{}{query}",
            if query.is_empty() { "" } else { "?" }
        ));
        browser.eval("new Promise(r => setTimeout(r, 300))");
        browser.eval("document.querySelectorAll('details').forEach(d => d.open = true)");
        for v in crate::quality::violations(&browser, &axe) {
            report.push(format!("{page}: {v}"));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
