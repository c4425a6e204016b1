//! What a reader of either language finds on the pages (issue 16): French typography on every
//! French string, paragraphs named as readers name them, every page in the reader's language,
//! comparisons in redline or side by side, the 404 page, print. Read in a real Chromium where
//! the browser's own view (its DOM, its `lang`, its computed styles) is what counts.
//!
//! `RECUEIL_SHOTS=<folder>` also saves screenshots (1366 and 390 px, light and dark) there.

use headless_chrome::protocol::cdp::Emulation;

use crate::support::browser::{Browser, file_url};
use crate::support::http::Server;
use crate::support::site::Site;
use crate::support::{copy_dir, recueil, repo_root, stderr};

fn build_archive() -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&repo_root(), Some(&public), false).expect("the archive builds");
    let site = Site::read(&public);
    (out, site)
}

/// Every text node and shown attribute of the page that the browser holds to be French (its
/// `lang`), outside code, with a space that may break before `; : ! ?` or inside `« »`, or a
/// straight apostrophe after a letter.
const FRENCH_FAULTS: &str = r#"(() => {
  const faults = [];
  const bad = /[ \t\n][;:!?»]|«[ \t\n]|\p{L}'/u;
  const french = el => (el.closest('[lang]') || document.documentElement).getAttribute('lang').startsWith('fr');
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('code, pre, script, style') || !french(el)) continue;
    const m = n.data.match(bad);
    if (m) faults.push(el.tagName + ': …' + n.data.slice(Math.max(0, m.index - 30), m.index + 10) + '…');
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
    if (!french(el)) continue;
    for (const a of ['title', 'aria-label', 'alt', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v && bad.test(v)) faults.push(a + '="' + v + '"');
    }
  }
  return faults;
})()"#;

#[test]
fn every_french_string_of_every_page_keeps_french_typography() {
    let (out, site) = build_archive();
    let browser = Browser::launch();
    let mut faults = Vec::new();
    for page in site.pages.keys().filter(|p| !p.starts_with("search/")) {
        browser.open(&file_url(&out.path().join("public").join(page)));
        browser.eval("document.querySelectorAll('details').forEach(d => d.open = true)");
        for fault in browser.eval(FRENCH_FAULTS).as_array().unwrap() {
            faults.push(format!("{page}: {}", fault.as_str().unwrap()));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // 61/168's title and text came with straight apostrophes; the page curls them.
    let page = site.page("fr/a-res-61-168.html");
    assert!(page.contains("droits de l’homme</h1>"), "the title");
    assert!(page.contains("L’Assemblée générale,"), "the opening");
    // An English text is left as it is, and its French column stays French.
    assert!(!site.page("en/a-res-62-160.html").contains('\u{202F}'));
    // The canonical texts keep what the importer wrote: typography is the page's.
    let canonical =
        std::fs::read_to_string(repo_root().join("content/resolutions/a-res-61-168/fr.md"))
            .unwrap();
    assert!(canonical.starts_with("L'Assemblée générale,"));
}

#[test]
fn paragraphs_are_named_as_readers_name_them_and_ids_stay_in_urls() {
    let (_out, site) = build_archive();
    let fr = site.page("fr/a-res-62-160.html");
    for said in [
        ">Note sur l’alinéa 2 du préambule<",
        "rappelée dans <a href=\"#pp2\">l’alinéa 2 du préambule</a>",
        ">61/168, alinéa 2 du préambule</a>",
        "aria-label=\"Lien vers l’alinéa 1 du préambule\"",
    ] {
        assert!(fr.contains(said), "fr/a-res-62-160.html lacks {said}");
    }
    let en = site.page("en/a-res-62-160.html");
    for said in [
        ">Note on preambular paragraph 2<",
        "aria-label=\"Link to operative paragraph 10\"",
    ] {
        assert!(en.contains(said), "en/a-res-62-160.html lacks {said}");
    }
    let compare = site.page("fr/compare/a-res-61-168--a-res-68-160.js");
    assert!(
        compare.contains(
            "<a href=\"../fr/a-res-61-168.html#op10\" data-nav=\"from\">paragraphe 10</a>"
        )
    );
    let cited = site.page("fr/a-res-61-168.html");
    assert!(cited.contains("data-paragraph=\"pp2\">alinéa 2 du préambule</a>"));
    // A short link in a note names the paragraph it leads to.
    assert!(fr.contains(">A/RES/62/160, paragraphe 1</a>"), "short link");
}

#[test]
fn every_page_speaks_the_readers_language() {
    let (_out, site) = build_archive();
    let fr = site.page("fr/a-res-61-168.html");
    assert!(fr.contains("title=\"pas dans le recueil en anglais\""));
    assert!(!fr.contains("en English"));
    // The English note on the French page says so, and its authors are in its language.
    let page = site.page("fr/a-res-62-160.html");
    let note = &page[page.find("id=\"note-resolution\"").unwrap()..];
    let note = &note[..note.find("</article>").unwrap()];
    assert!(
        note.contains("<span class=\"note-lang\">en anglais</span>"),
        "{note}"
    );
    assert!(
        note.contains("<div class=\"note-body\" lang=\"en\">"),
        "{note}"
    );
    assert!(
        note.contains("par <span class=\"note-authors\" lang=\"en\">Recueil editors</span>"),
        "{note}"
    );
    // No vote recorded: nothing said about it.
    assert!(!fr.contains("<dt>Vote</dt>"));
    assert!(!fr.contains("non indiqué"));
}

#[test]
fn only_pages_with_highlighted_code_load_the_highlighting() {
    let (_out, site) = build_archive();
    let mut with = Vec::new();
    // Fragments have no head: the page that shows them loads what they need.
    for (path, html) in site.pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let links = html.contains("theme/highlight-light.css");
        let code = html.contains("class=\"hl-code\"");
        assert_eq!(links, code, "{path}: stylesheet {links}, code {code}");
        if links {
            with.push(path.as_str());
        }
    }
    assert_eq!(
        with,
        ["fr/a-res-62-160.html"],
        "the notes of 62/160 in French hold YAML"
    );
}

const SITE: &str = "https://recueil-archive.github.io/recueil/";

#[test]
fn the_404_page_speaks_every_language_searches_and_skips_to_its_own_content() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    let book = std::fs::read_to_string(repo_root().join("book.toml"))
        .unwrap()
        .replace(SITE, "https://example.org/archive/");
    std::fs::write(dir.path().join("book.toml"), book).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let server = Server::start(&dir.path().join("public"), "/archive/");
    let browser = Browser::launch();
    let wrong = server.url("fr/no/such/page.html");
    browser.open(&wrong);
    let langs = browser.eval(
        "[...document.querySelectorAll('.not-found-lang')].map(s => s.lang + ':' + s.querySelector('h2').textContent).join(' ')",
    );
    assert_eq!(langs, "fr:Page introuvable en:Page not found");
    // The skip link stays on the page and moves to its main content.
    browser.press("Tab");
    let skip = browser.click(".skip");
    assert_eq!(skip, format!("{wrong}#main"));
    assert_eq!(browser.eval("document.activeElement.id"), "main");
    // A search from the English part lands on the English search page with its results.
    browser.type_into("#not-found-q-en", "cooperation");
    browser.press("Enter");
    let results = browser.text("#search-results li");
    assert!(!results.is_empty());
    assert_eq!(browser.url(), server.url("en/search.html?q=cooperation"));
    assert_eq!(browser.lang(), "en");
    assert!(server.not_found().iter().all(|p| p.contains("no/such")));
}

fn emulate_print(browser: &Browser) {
    browser
        .tab()
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("print".into()),
            features: None,
        })
        .expect("print can be emulated");
}

#[test]
fn a_printed_page_shows_its_address_and_those_of_what_it_cites() {
    let (out, _site) = build_archive();
    let browser = Browser::launch();
    browser.open(&file_url(&out.path().join("public/fr/a-res-62-160.html")));
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('.print-address')).display"),
        "none",
        "not on screen"
    );
    emulate_print(&browser);
    assert_eq!(
        browser.text(".print-address"),
        format!("{SITE}fr/a-res-62-160.html")
    );
    let after = |selector: &str| {
        browser.eval(&format!(
            "getComputedStyle(document.querySelector('{selector}'), '::after').content"
        ))
    };
    let external = after("#pp2 a.ref.external");
    assert!(
        external
            .as_str()
            .unwrap()
            .contains("https://undocs.org/fr/E/CN.4/RES/2005/54"),
        "{external}"
    );
    let internal = after("#pp2 a.ref[data-url]");
    assert!(
        internal
            .as_str()
            .unwrap()
            .contains(&format!("{SITE}fr/a-res-61-168.html")),
        "{internal}"
    );
    if let Ok(dir) = std::env::var("RECUEIL_SHOTS") {
        browser.screenshot(&std::path::Path::new(&dir).join("print-62-160.png"));
    }
}

/// The viewport `width` px wide in `scheme` (light or dark).
fn set_view(browser: &Browser, width: u32, scheme: &str) {
    let tab = browser.tab();
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height: 900,
        device_scale_factor: 1.0,
        mobile: width < 500,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("the viewport can be set");
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: scheme.into(),
        }]),
    })
    .expect("the colour scheme can be emulated");
}

/// With `RECUEIL_SHOTS` set, the current page at 1366 and 390 px, light and dark.
fn shots(browser: &Browser, name: &str) {
    let Ok(dir) = std::env::var("RECUEIL_SHOTS") else {
        return;
    };
    for width in [1366, 390] {
        for scheme in ["light", "dark"] {
            set_view(browser, width, scheme);
            let file = format!("{name}-{width}-{scheme}.png");
            browser.screenshot(&std::path::Path::new(&dir).join(file));
        }
    }
    set_view(browser, 1366, "light");
}

/// Whitespace of every kind as one space, one apostrophe, guillemets without their spaces.
const NORMALISE: &str = "t => t.replace(/[\\s\\u00a0\\u202f]+/g, ' ').replace(/’/g, \"'\")
    .replace(/« /g, '«').replace(/ »/g, '»').trim()";

#[test]
fn a_redline_read_without_its_insertions_is_the_older_text_and_without_its_deletions_the_newer() {
    let (out, _site) = build_archive();
    let public = out.path().join("public");
    let browser = Browser::launch();
    for (older, newer) in [
        ("a-res-59-187", "a-res-61-168"),
        ("a-res-61-168", "a-res-68-160"),
    ] {
        // The texts of the paragraphs as their own pages show them.
        let texts = |slug: &str| {
            browser.open(&file_url(&public.join(format!("fr/{slug}.html"))));
            browser.eval(&format!(
                "(() => {{ const norm = {NORMALISE}; const out = {{}};
                  for (const p of document.querySelectorAll('.para')) {{
                    const body = p.querySelector('.body').cloneNode(true);
                    body.querySelectorAll('.pid, .annotate, .num, sup.fnref, .ref-lang').forEach(e => e.remove());
                    out[p.id] = norm(body.textContent);
                  }}
                  return out; }})()"
            ))
        };
        let (old_texts, new_texts) = (texts(older), texts(newer));
        let page = public.join(format!("fr/{newer}.html"));
        browser.open(&format!("{}?view=changes", file_url(&page)));
        browser.text(".view-area li.change.modified");
        let rows = browser.eval(&format!(
            "(() => {{ const norm = {NORMALISE};
              return [...document.querySelectorAll('li.change.modified')]
                .filter(li => !/ |fn/.test(li.dataset.from) && !/ |fn/.test(li.dataset.to))
                .map(li => {{
                  const read = drop => {{
                    const c = li.querySelector('.change-text').cloneNode(true);
                    c.querySelectorAll(drop + ', .visually-hidden').forEach(e => e.remove());
                    return norm(c.textContent);
                  }};
                  return [li.dataset.from, li.dataset.to, read('ins'), read('del')];
                }}); }})()"
        ));
        let rows = rows.as_array().unwrap();
        assert!(rows.len() > 5, "{older}--{newer}: {rows:?}");
        for row in rows {
            let (from, to) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
            assert_eq!(
                row[2], old_texts[from],
                "{older} {from}, read without insertions"
            );
            assert_eq!(
                row[3], new_texts[to],
                "{newer} {to}, read without deletions"
            );
        }
    }
    // The opening words keep their italics, inside a change too.
    let script =
        std::fs::read_to_string(public.join("fr/compare/a-res-61-168--a-res-68-160.js")).unwrap();
    let page = crate::support::site::fragment_html(&script).expect("a fragment");
    assert!(
        page.contains("</span><em>Reconnaissant</em><span"),
        "pp5's deleted lead"
    );
    assert!(page.contains("</span><em>Considérant également</em><span"));
    assert!(page.contains("<em>Réaffirmant</em> sa volonté"));
    // Footnotes are compared too.
    assert!(page.contains("id=\"part-footnotes\""));
    assert!(page.contains("data-from=\"fn1\" data-to=\"fn1\""));
}

/// What the view switch shows of row `li`: its redline, its two columns side by side, or
/// nothing (hidden).
const SHOWN: &str = "(li => {
  if (getComputedStyle(li).display === 'none') return 'hidden';
  const redline = getComputedStyle(li.querySelector('.change-text')).display !== 'none';
  const sides = li.querySelector('.side.older');
  if (redline) return 'redline';
  const a = sides.getBoundingClientRect(), b = li.querySelector('.side.newer').getBoundingClientRect();
  return a.right <= b.left && a.top === b.top ? 'side by side' : 'stacked'; })";

/// Switches the comparison to side by side, then hides the unchanged paragraphs: `scope` is
/// where the comparison's markup stands in the page (its rows' ids are `changes-<id>`).
fn switch_views(browser: &Browser, scope: &str) {
    let shown = |id: &str| {
        let found = browser.eval(&format!(
            "{SHOWN}(document.querySelector('{scope}').querySelector('li[id=\"{id}\"]'))"
        ));
        found.as_str().unwrap().to_string()
    };
    assert_eq!(shown("changes-pp5"), "redline");
    browser.click_no_wait(&format!("{scope} input[value=\"sides\"]"));
    assert_eq!(shown("changes-pp5"), "side by side", "older | newer");
    browser.click_no_wait(&format!("{scope} .hide-unchanged input"));
    let unchanged = browser.eval(&format!(
        "document.querySelector('{scope} li.change.unchanged').id"
    ));
    assert_eq!(shown(unchanged.as_str().unwrap()), "hidden");
    assert_eq!(shown("changes-pp5"), "side by side");
    browser.click_no_wait(&format!("{scope} input[value=\"redline\"]"));
    assert_eq!(shown("changes-pp5"), "redline");
}

#[test]
fn a_reader_switches_a_comparison_to_side_by_side_and_hides_what_did_not_change() {
    let (out, _site) = build_archive();
    let public = out.path().join("public");
    let browser = Browser::launch();
    set_view(&browser, 1366, "light");
    // The comparison is a fragment the "changes" view inserts into the newer text's page after
    // it has loaded: the switches work with no script run on insertion.
    let page = public.join("fr/a-res-68-160.html");
    browser.open(&format!("{}?view=changes", file_url(&page)));
    browser.text(".view-area li.change.modified");
    shots(&browser, "compare-redline");
    switch_views(&browser, ".view-area article.compare");
    browser.click_no_wait("input[value=\"sides\"]");
    browser.eval("document.querySelector('li.change.modified').scrollIntoView()");
    shots(&browser, "compare-sides");
    // Side by side passes axe-core as the redline does (quality.rs), light and dark.
    let axe = crate::support::tools::axe_source();
    for scheme in ["light", "dark"] {
        set_view(&browser, 1366, scheme);
        let found = crate::quality::violations(&browser, &axe);
        assert!(found.is_empty(), "{scheme}: {}", found.join("\n"));
    }
    // axe-core reads the stylesheets again, which `file://` refuses: not the page's fault.
    browser.clear_errors();
    browser.assert_no_errors();
}
