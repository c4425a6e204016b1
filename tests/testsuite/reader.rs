//! A reader in a real headless Chromium walks the bundled archive by clicking, from `file://`
//! (a copy opened from disk) and over http under a subpath (as GitHub Pages serves a project).

use crate::support::browser::{Browser, file_url};
use crate::support::http::Server;
use crate::support::repo_root;

fn build_archive() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    recueil::build::build(&repo_root(), Some(&out.path().join("public")), false)
        .expect("the archive builds");
    out
}

/// Home -> 62/160 -> its predecessor 61/168 -> back to 62/160 -> parallel view -> English ->
/// the citation of 61/168 -> its "cited by" list back to the citing paragraph.
fn walk(browser: &Browser, base: &str) {
    browser.open(&format!("{base}index.html"));
    assert_eq!(browser.lang(), "fr");
    assert_eq!(
        browser.click(r#"li[data-symbol="A/RES/62/160"] a.resolution-link"#),
        format!("{base}fr/a-res-62-160.html")
    );
    assert!(browser.text("h1").contains("62/160"));
    assert!(
        browser.text(".notice.incomplete").contains("pp5"),
        "the truncated French text is flagged"
    );

    assert_eq!(
        browser.click(r#"nav.lineage a[data-nav="prev"]"#),
        format!("{base}fr/a-res-61-168.html")
    );
    assert!(browser.text("h1").contains("61/168"));
    assert_eq!(
        browser.count("#op11"),
        1,
        "61/168 has eleven operative paragraphs"
    );

    assert_eq!(
        browser.click(r#"nav.lineage a[data-nav="next"]"#),
        format!("{base}fr/a-res-62-160.html")
    );
    assert_eq!(
        browser.click(r#"a[data-nav="parallel"]"#),
        format!("{base}parallel/a-res-62-160.html")
    );
    assert_eq!(browser.lang(), "fr");
    let columns = browser.eval(
        r#"[...document.querySelectorAll('#pp2 .cell')].map(c => c.lang + ':' + (c.textContent.includes('61/168') ? 'text' : 'gap')).join(' ')"#,
    );
    assert_eq!(
        columns, "fr:text en:text",
        "pp2 is aligned in both languages"
    );
    let gap = browser.text(r#"#pp6 .cell[lang="fr"]"#);
    assert!(
        gap.contains("l’alinéa 5 du préambule"),
        "the first French gap is explained: {gap}"
    );
    let later = browser.eval(r#"document.querySelector('#op1 .cell[lang="fr"] .gap-note').title"#);
    assert!(
        later
            .as_str()
            .unwrap_or_default()
            .contains("l’alinéa 5 du préambule"),
        "later gaps keep the reason at hand: {later}"
    );

    assert_eq!(
        browser.click(r#"nav.languages a[hreflang="en"]"#),
        format!("{base}en/a-res-62-160.html")
    );
    assert_eq!(browser.lang(), "en");
    assert!(
        browser
            .text("h1")
            .contains("Enhancement of international cooperation")
    );

    // A citation in the English text leads to the French page of 61/168 (the only language
    // held), whose "cited by" list leads back to the citing paragraph.
    assert_eq!(
        browser.click(r#"#pp2 a.ref[hreflang="fr"]"#),
        format!("{base}fr/a-res-61-168.html")
    );
    assert_eq!(browser.lang(), "fr");
    assert_eq!(
        browser.click(r#".cited-by a[data-paragraph="pp2"]"#),
        format!("{base}fr/a-res-62-160.html#pp2")
    );
    browser.assert_no_errors();
}

#[test]
fn a_reader_walks_the_archive_from_file_urls() {
    let out = build_archive();
    let browser = Browser::launch();
    let base = file_url(&out.path().join("public")) + "/";
    walk(&browser, &base);
}

#[test]
fn a_reader_walks_the_archive_over_http_under_a_subpath() {
    let out = build_archive();
    let server = Server::start(&out.path().join("public"), "/archive/");
    let browser = Browser::launch();
    walk(&browser, &server.url(""));
    assert!(
        server.not_found().is_empty(),
        "requests that failed: {:?}",
        server.not_found()
    );
}

#[test]
fn a_cited_paragraph_opens_at_its_anchor() {
    let out = build_archive();
    let browser = Browser::launch();
    let page = out.path().join("public/fr/a-res-61-168.html");
    browser.open(&format!("{}#op10", file_url(&page)));
    assert_eq!(browser.eval("document.querySelector(':target').id"), "op10");
    assert!(browser.text("#op10").contains("Secrétaire général"));
    // The footnote marker leads to its note and back.
    let back = browser.click(r##"#pp1 a[href="#fn1"]"##);
    assert!(back.ends_with("#fn1"), "{back}");
    assert!(browser.text("#fn1").contains("A/CONF.157/24"));
    browser.assert_no_errors();
}

#[test]
fn a_reader_goes_from_a_paragraph_to_what_changed_and_back() {
    let out = build_archive();
    let browser = Browser::launch();
    let base = file_url(&out.path().join("public")) + "/";
    browser.open(&format!("{base}fr/a-res-68-160.html"));
    assert_eq!(
        browser.click(r#"a[data-nav="compare-since"]"#),
        format!("{base}fr/compare/a-res-61-168--a-res-68-160.html")
    );
    assert_eq!(browser.lang(), "fr");
    assert_eq!(
        browser.count(r#"section:not([aria-labelledby="part-footnotes"]) li[data-status="new"]"#),
        3,
        "three new paragraphs (and new footnotes in a section of their own)"
    );
    assert!(browser.text(".notice.skipped").contains("62/160"));
    assert_eq!(
        browser.click(r#"#op9 a[data-nav="to"]"#),
        format!("{base}fr/a-res-68-160.html#op9")
    );
    // The paragraph's history opens without a script and leads to the comparison that found it.
    browser.eval("document.querySelector('#op9 details.history').open = true");
    assert!(browser.text("#op9 details.history").contains("59/187"));
    let compare =
        browser.click(r#"#op9 details.history li.step.modified:last-child a[data-nav="compare"]"#);
    assert_eq!(
        compare,
        format!("{base}fr/compare/a-res-61-168--a-res-68-160.html#op9")
    );
    browser.assert_no_errors();
}
