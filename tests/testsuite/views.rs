//! The page set (issue 15): each text is written once per language, and its views (side by side
//! with any other language held, what changed since the text it is compared with) are chosen
//! by the reader on that page, from fragments loaded with `<script>`, over `file://` and over
//! http under a subpath; the old addresses of the parallel and comparison pages still land on
//! their paragraph. Held against three languages (`tests/fixtures/sites/three-languages`).

use std::path::Path;

use crate::support::browser::{Browser, file_url};
use crate::support::http::Server;
use crate::support::{copy_fixture, repo_root};

/// The three-language fixture with a Spanish table of interface words (the bundled
/// `strings.toml` has French and English): the English words, named as Spanish.
fn three_languages() -> tempfile::TempDir {
    let dir = copy_fixture("sites/three-languages");
    let bundled = std::fs::read_to_string(repo_root().join("templates/strings.toml")).unwrap();
    let mut table: toml::Table = bundled.parse().unwrap();
    let mut es = table["en"].as_table().unwrap().clone();
    es.insert("language_name".into(), "Español".into());
    for (lang, name) in [("fr", "espagnol"), ("en", "Spanish"), ("es", "español")] {
        let names = match lang {
            "es" => es.get_mut("language_names"),
            _ => table
                .get_mut(lang)
                .and_then(|t| t.get_mut("language_names")),
        };
        let names = names.and_then(|n| n.as_table_mut()).unwrap();
        names.insert("es".into(), name.into());
        if lang == "es" {
            names.insert("fr".into(), "francés".into());
            names.insert("en".into(), "inglés".into());
        }
    }
    table.insert("es".into(), es.into());
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("strings.toml"), table.to_string()).unwrap();
    dir
}

fn build(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    recueil::build::build(root, Some(&out.path().join("public")), false).expect("the site builds");
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Waits until `expression` is true in the page (fragments load after the page).
#[track_caller]
fn wait_for(browser: &Browser, expression: &str) {
    for _ in 0..100 {
        if browser.eval(expression) == serde_json::Value::Bool(true) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("not true on {} within 5 s: {expression}", browser.url());
}

#[test]
fn each_text_is_written_once_per_language_and_offers_every_other_language_beside_it() {
    let archive = three_languages();
    let out = build(archive.path());
    let site = out.path().join("public");
    for lang in ["fr", "en", "es"] {
        let page = read(&site.join(format!("{lang}/a-res-2-1.html")));
        // The text is on the page once: no other page holds it but its fragment.
        assert_eq!(page.matches("class=\"para operative").count(), 3, "{lang}");
        for other in ["fr", "en", "es"].into_iter().filter(|o| *o != lang) {
            assert!(
                page.contains(&format!("href=\"?view=side&amp;with={other}\"")),
                "{lang} offers side by side with {other}"
            );
            assert!(page.contains(&format!("data-src=\"../{other}/text/a-res-2-1.js\"")));
        }
        let fragment = read(&site.join(format!("{lang}/text/a-res-2-1.js")));
        assert!(fragment.starts_with("recueilFragment(\""), "{lang}");
        // Its HTML is one JSON string, markup as written (no `\u003c` for each `<`).
        let arguments = fragment
            .trim_end()
            .strip_prefix("recueilFragment(")
            .and_then(|f| f.strip_suffix(");"))
            .unwrap();
        let [path, html]: [String; 2] =
            serde_json::from_str(&format!("[{arguments}]")).expect("two JSON strings");
        assert_eq!(path, format!("{lang}/text/a-res-2-1.js"));
        assert!(html.contains("class=\"cell operative"), "{lang}: {html}");
        assert!(
            fragment.contains("<p") && !fragment.contains("\\u003c"),
            "{lang}: markup escaped"
        );
    }
    // No page per pair of languages: the parallel page's old address only sends readers on.
    let parallel: Vec<_> = std::fs::read_dir(site.join("parallel")).unwrap().collect();
    assert_eq!(parallel.len(), 2, "one old address per resolution");
    let old = read(&site.join("parallel/a-res-2-1.html"));
    assert!(old.contains("url=../fr/a-res-2-1.html?view=side&amp;with=en"));
    assert!(
        !old.contains("class=\"para"),
        "the old address holds no text"
    );
}

/// What a reader does with the views, in a browser at `base` (the site's root URL).
fn use_the_views(browser: &Browser, base: &str) {
    // Side by side with Spanish, from the French page, by the keyboard.
    browser.open(&format!("{base}fr/a-res-2-1.html"));
    assert_eq!(
        browser.count(".view-area:not([hidden])"),
        0,
        "the text alone first"
    );
    let link = r#"a[data-nav="side-es"]"#;
    browser.eval(&format!("document.querySelector('{link}').focus()"));
    let marker = browser.url();
    browser.press("Enter");
    wait_for(browser, &format!("location.href !== '{marker}'"));
    wait_for(
        browser,
        "document.querySelectorAll('.view-area .row').length > 0",
    );
    assert!(
        browser
            .url()
            .ends_with("fr/a-res-2-1.html?view=side&with=es")
    );
    let row = browser.eval(
        "[...document.querySelectorAll('#side-op2 .cell')].map(c => c.lang + ':' + c.innerText.includes('2.')).join(' ')",
    );
    assert_eq!(row, "fr:true es:true", "op2 lines up in French and Spanish");
    assert!(
        browser
            .text("#side-op2")
            .contains("Alienta encarecidamente")
    );
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('section.text')).display"),
        "none",
        "the view replaces the text"
    );
    assert_eq!(
        browser.eval("document.querySelector('a[aria-current=page][data-view]').dataset.nav"),
        "side-es",
        "the view chosen is marked, in words for screen readers (aria-current), not by colour"
    );
    // Back to the text alone.
    browser.click(r#"a[data-nav="text"]"#);
    assert_eq!(browser.count(".view-area:not([hidden])"), 0);
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('section.text')).display"),
        "block"
    );

    // From the English page, the view speaks English whatever the other language.
    browser.open(&format!("{base}en/a-res-2-1.html?view=side&with=fr"));
    wait_for(
        browser,
        "document.querySelectorAll('.view-area .row').length > 0",
    );
    assert_eq!(
        browser.eval("document.querySelector('.view-area .section-title').innerText"),
        "Preamble"
    );
    assert_eq!(
        browser.eval("document.querySelector('#side-op2 .cell').lang"),
        "en"
    );
    browser.open(&format!("{base}fr/a-res-2-1.html"));

    // What changed since 1/1, without colour: deletions and insertions say so in words.
    browser.click(r#"a[data-nav="changes"]"#);
    wait_for(
        browser,
        "document.querySelectorAll('.view-area li.change').length > 0",
    );
    let op2 = browser.text("#changes-op2");
    assert!(op2.contains("culture"), "{op2}");
    let hidden_words = browser.eval(
        "[...document.querySelectorAll('#changes-op2 ins .visually-hidden, #changes-op2 del .visually-hidden')].length",
    );
    assert!(
        hidden_words.as_u64().unwrap() >= 2,
        "changes are named for screen readers"
    );

    // The old addresses land on their paragraph in the view that replaced them.
    browser.open(&format!("{base}parallel/a-res-2-1.html#op3"));
    wait_for(browser, "!!document.getElementById('side-op3')");
    assert!(
        browser
            .url()
            .ends_with("fr/a-res-2-1.html?view=side&with=en#op3"),
        "{}",
        browser.url()
    );
    wait_for(
        browser,
        "(r => r.top >= 0 && r.top < innerHeight)(document.getElementById('side-op3').getBoundingClientRect())",
    );
    browser.open(&format!("{base}en/compare/a-res-1-1--a-res-2-1.html#op2"));
    wait_for(browser, "!!document.getElementById('changes-op2')");
    assert!(
        browser
            .url()
            .ends_with("en/a-res-2-1.html?view=changes#op2"),
        "{}",
        browser.url()
    );
    wait_for(
        browser,
        "(r => r.top >= 0 && r.top < innerHeight)(document.getElementById('changes-op2').getBoundingClientRect())",
    );
    // And an address readers already share, with its paragraph, still works as it did.
    browser.open(&format!("{base}fr/a-res-2-1.html#op2"));
    wait_for(
        browser,
        "(r => r.top >= 0 && r.top < innerHeight)(document.getElementById('op2').getBoundingClientRect())",
    );
    browser.assert_no_errors();
}

#[test]
fn a_reader_chooses_the_views_from_file_urls() {
    let archive = three_languages();
    let out = build(archive.path());
    let browser = Browser::launch();
    let base = file_url(&out.path().join("public/index.html"));
    use_the_views(&browser, base.trim_end_matches("index.html"));
}

#[test]
fn a_reader_chooses_the_views_over_http_under_a_subpath() {
    let archive = three_languages();
    let out = build(archive.path());
    let server = Server::start(&out.path().join("public"), "/archive/");
    let browser = Browser::launch();
    use_the_views(&browser, &server.url(""));
    assert_eq!(server.not_found(), Vec::<String>::new());
}
