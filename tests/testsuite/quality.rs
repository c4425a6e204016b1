//! The HTML of the site as a validator and an accessibility checker see it: every page passes
//! the Nu Html Checker with no error, and axe-core finds no violation (WCAG 2.1 A and AA, and
//! axe's best practices) on the pages a reader uses most, in light and dark colour schemes.

use headless_chrome::protocol::cdp::Emulation;

use crate::support::browser::{Browser, file_url};
use crate::support::tools::{axe_source, vnu_errors};
use crate::support::{fixture, repo_root};

fn build(root: &std::path::Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    recueil::build::build(root, Some(&out.path().join("public")), false).expect("the site builds");
    out
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    for root in [
        repo_root(),
        fixture("sites/basic"),
        fixture("sites/annexes"),
    ] {
        let out = build(&root);
        let errors = vnu_errors(&out.path().join("public"));
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            root.display(),
            errors.join("\n")
        );
    }
}

/// axe-core's violations on the page open in `browser`, one line each.
pub(crate) fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    if browser.eval("typeof window.axe") != "object" {
        browser
            .tab()
            .evaluate(axe, false)
            .expect("axe-core loads into the page");
    }
    let found = browser.eval(
        "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
           .then(r => r.violations.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')))",
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn set_colour_scheme(browser: &Browser, scheme: &str) {
    browser
        .tab()
        .call_method(Emulation::SetEmulatedMedia {
            media: None,
            features: Some(vec![Emulation::MediaFeature {
                name: "prefers-color-scheme".into(),
                value: scheme.into(),
            }]),
        })
        .expect("the colour scheme can be emulated");
}

#[test]
fn axe_finds_no_violation_on_the_pages_readers_use() {
    let out = build(&repo_root());
    let public = out.path().join("public");
    let axe = axe_source();
    let browser = Browser::launch();
    let mut report = Vec::new();
    for scheme in ["light", "dark"] {
        set_colour_scheme(&browser, scheme);
        for page in [
            "index.html",
            "en/index.html",
            "fr/sessions/62.html",
            "fr/series.html",
            "fr/a-res-61-168.html",
            "fr/a-res-62-160.html",
            "en/a-res-62-160.html",
            "fr/a-res-62-160.html?view=side&with=en",
            "fr/series/international-cooperation-human-rights.html",
            "fr/a-res-68-160.html?view=changes",
            "fr/references.html",
            "fr/references/a-res-55.html",
            "fr/search.html?q=cooperation+internationale",
            "fr/search.html?q=consultation+secretaire",
            "404.html",
        ] {
            let (file, query) = page.split_once('?').unwrap_or((page, ""));
            let mut url = file_url(&public.join(file));
            if !query.is_empty() {
                url = format!("{url}?{query}");
            }
            browser.open(&url);
            // The results and views are drawn once their scripts have loaded: waited for.
            if query.starts_with("q=") {
                let first = browser.text("#search-results li");
                assert!(!first.is_empty(), "search shows results");
            } else if query.contains("view=side") {
                assert!(
                    !browser.text(".view-area .row").is_empty(),
                    "the side-by-side view"
                );
            } else if query.contains("view=changes") {
                assert!(
                    !browser.text(".view-area li.change").is_empty(),
                    "the changes view"
                );
            }
            // Folded content (paragraph histories, the lineage table) is checked open.
            browser.eval("document.querySelectorAll('details').forEach(d => d.open = true)");
            for v in violations(&browser, &axe) {
                report.push(format!("{scheme} {page}: {v}"));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_checkers_do_find_faults() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>x</title></head><body><p><div></p><img src=\"x.png\"><a href=\"#\"></a></body></html>",
    )
    .unwrap();
    let errors = vnu_errors(dir.path());
    assert!(errors.iter().any(|e| e.contains("“p”")), "{errors:?}");
    let browser = Browser::launch();
    browser.open(&file_url(&page));
    let found = violations(&browser, &axe_source()).join("\n");
    for rule in ["html-has-lang", "image-alt", "link-name"] {
        assert!(found.contains(rule), "{rule} not reported:\n{found}");
    }
}
