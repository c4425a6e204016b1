//! Output is safe to publish: every value a person wrote is escaped wherever a page shows it,
//! and no page needs an inline script, an inline style, an event handler or a `javascript:` URL,
//! so a site served with a strict `Content-Security-Policy` works whole: a real browser under
//! `default-src 'self'; img-src 'self' data:` reports no violation on the pages readers use.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::browser::Browser;
use crate::support::http::Server;
use crate::support::site::{Site, inline_code};
use crate::support::{copy_dir, copy_fixture, recueil, repo_root, stderr};

/// The policy the README gives for a host that can send headers.
const CSP: &str = "default-src 'self'; img-src 'self' data:";

/// Markup that would run or restyle if it were not escaped.
const PAYLOAD: &str = r#"<script>alert(1)</script><img src=x onerror=alert(2)> " ' &"#;

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// `sites/notes` with the payload in every free-text value: titles, a remark, the series'
/// title and description, a note's author, the agenda item, the site's own title.
fn hostile_metadata_site() -> tempfile::TempDir {
    let dir = copy_fixture("sites/notes");
    let root = dir.path();
    let value = yaml_string(PAYLOAD);
    let meta = "content/resolutions/a-res-10-1/meta.yaml";
    replace(
        root,
        meta,
        "  fr: Coopération d’essai",
        &format!("  fr: {value}"),
    );
    replace(
        root,
        meta,
        "agenda_item: 5 (a)",
        &format!("agenda_item: {value}"),
    );
    std::fs::write(
        root.join(meta),
        std::fs::read_to_string(root.join(meta)).unwrap()
            + &format!("texts:\n  fr:\n    complete: false\n    remark: {value}\n"),
    )
    .unwrap();
    let series = "content/series/coop.yaml";
    replace(
        root,
        series,
        "  en: Test cooperation",
        &format!("  en: {value}"),
    );
    replace(
        root,
        series,
        "  en: A series made up for tests.",
        &format!("  en: {value}\n  fr: {value}"),
    );
    replace(
        root,
        "content/resolutions/a-res-10-1/notes.md",
        "authors: [Jeanne Essai]",
        &format!("authors: [{value}]"),
    );
    replace(
        root,
        "book.toml",
        "title = \"Test archive\"",
        &format!("title = {value}"),
    );
    replace(
        root,
        "book.toml",
        "default-language = \"fr\"",
        "default-language = \"fr\"\nsite-url = \"https://example.org/archive/\"",
    );
    let output = recueil(&["--root", root.to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    dir
}

#[test]
fn every_metadata_value_is_escaped_on_every_page() {
    let dir = hostile_metadata_site();
    let site = Site::read(&dir.path().join("public"));
    let escaped = "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
    let mut shown = 0;
    for (rel, html) in &site.pages {
        for raw in ["<script>alert", "<img src=x"] {
            assert!(!html.contains(raw), "{rel} holds {raw:?} unescaped");
        }
        if html.contains(escaped) || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") {
            shown += 1;
        }
    }
    assert!(
        shown >= 5,
        "the values are shown, escaped, on the pages ({shown})"
    );
    let resolution = site.page("fr/a-res-10-1.html");
    assert!(
        resolution.contains("alert(1)"),
        "the title and remark are shown as text"
    );
    let series = site.page("en/series/coop.html");
    assert!(
        series.contains("alert(2)"),
        "the series description is shown as text"
    );
    for xml in ["sitemap.xml", "fr/feed.xml", "en/feed.xml"] {
        let text = std::fs::read_to_string(dir.path().join("public").join(xml)).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{xml}: {e}"));
        assert!(!text.contains("<script>"), "{xml}");
    }
}

#[test]
fn no_page_needs_inline_script_or_style() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&repo_root(), Some(&public), false).expect("the archive builds");
    let hostile = hostile_metadata_site();
    for dir in [public, hostile.path().join("public")] {
        let site = Site::read(&dir);
        assert!(site.pages.len() > 10);
        for (rel, html) in &site.pages {
            let found = inline_code(html);
            assert!(found.is_empty(), "{rel} needs unsafe-inline for {found:?}");
        }
    }
}

/// Waits until `expression` is true on the open page.
fn wait(browser: &Browser, what: &str, expression: &str) {
    let start = Instant::now();
    while browser.try_eval(expression).ok() != Some(serde_json::Value::Bool(true)) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what}: timed out"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_strict_content_security_policy_breaks_nothing_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    std::fs::copy(repo_root().join("book.toml"), dir.path().join("book.toml")).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let public = dir.path().join("public");
    // What the policy must catch, to show that the browser reports it.
    std::fs::write(
        public.join("csp-probe.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>probe</title>\
         <script>document.title = 'ran'</script></head><body><p style=\"color:red\">x</p></body></html>",
    )
    .unwrap();
    let server = Server::start_with_headers(&public, "/", &[("Content-Security-Policy", CSP)]);
    let browser = Browser::launch();

    browser.open(&server.url("csp-probe.html"));
    wait(&browser, "the probe's violation is reported", "true");
    std::thread::sleep(Duration::from_millis(300));
    let errors = browser.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "the browser reports a violation: {errors:?}"
    );
    assert_eq!(
        browser.eval("document.title").as_str(),
        Some("probe"),
        "the inline script did not run"
    );
    browser.clear_errors();

    for page in [
        "index.html",
        "fr/a-res-61-168.html",
        "en/a-res-62-160.html",
        "fr/a-res-62-160.html?view=side&with=en",
        "fr/a-res-68-160.html?view=changes",
        "fr/series/international-cooperation-human-rights.html",
        "fr/references.html",
    ] {
        browser.open(&server.url(page));
        let style = browser.eval("getComputedStyle(document.body).fontFamily");
        assert_ne!(style.as_str(), Some(""), "{page}: the stylesheet applies");
        browser.assert_no_errors();
    }
    browser.open(&server.url("fr/a-res-61-168.html"));
    assert!(browser.count("[id^=note-]") > 0, "a page with notes, shown");
    browser.assert_no_errors();
    browser.open(&server.url("fr/search.html?q=cooperation+internationale"));
    wait(
        &browser,
        "the search shows results",
        "document.querySelectorAll('#search-results li').length > 0",
    );
    browser.assert_no_errors();
    assert!(server.not_found().is_empty(), "{:?}", server.not_found());
}
