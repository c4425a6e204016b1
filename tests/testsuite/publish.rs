//! Publishing: the head of every page (canonical, hreflang), the sitemap and feeds (well-formed,
//! every language version with its alternates), robots.txt, CNAME, a 404 page that works at any
//! depth, and the offline search from `file://` and over http under a subpath.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::browser::{Browser, file_url};
use crate::support::http::Server;
use crate::support::site::Site;
use crate::support::{copy_dir, copy_fixture, recueil, repo_root, stderr};

const SITE: &str = "https://recueil-archive.github.io/recueil/";

fn build_archive() -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&repo_root(), Some(&public), false).expect("the archive builds");
    let site = Site::read(&public);
    (out, site)
}

#[test]
fn every_page_head_carries_its_canonical_address_and_language_versions() {
    let (_out, site) = build_archive();
    let page = site.page("en/a-res-62-160.html");
    let head = &page[..page.find("</head>").unwrap()];
    for link in [
        format!("<link rel=\"canonical\" href=\"{SITE}en/a-res-62-160.html\">"),
        format!("<link rel=\"alternate\" hreflang=\"fr\" href=\"{SITE}fr/a-res-62-160.html\">"),
        format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{SITE}en/a-res-62-160.html\">"),
        format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{SITE}fr/a-res-62-160.html\">"
        ),
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../en/feed.xml\"".into(),
    ] {
        assert!(head.contains(&link), "missing {link} in\n{head}");
    }
    // A resolution held in French only has no English alternate.
    let french_only = site.page("fr/a-res-61-168.html");
    assert!(!french_only.contains("hreflang=\"en\" href=\"https://"));
    let home = site.page("index.html");
    assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{SITE}\">")));
}

#[test]
fn the_sitemap_is_well_formed_and_lists_each_language_version_with_its_alternates() {
    let (out, site) = build_archive();
    let text = std::fs::read_to_string(out.path().join("public/sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed");
    let urls: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let mut listed = BTreeSet::new();
    for url in &urls {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap();
        let path = loc.strip_prefix(SITE).expect("absolute under site-url");
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        site.page(&file);
        listed.insert(file);
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap(),
                    n.attribute("href").unwrap(),
                )
            })
            .collect();
        if !alternates.is_empty() {
            assert!(alternates.iter().any(|(_, href)| *href == loc), "{loc}");
        }
    }
    for page in [
        "index.html",
        "en/index.html",
        "fr/a-res-62-160.html",
        "en/a-res-62-160.html",
        "fr/series/international-cooperation-human-rights.html",
    ] {
        assert!(listed.contains(page), "{page} is not in the sitemap");
    }
    // The old addresses of views send readers on: not pages to index.
    for page in [
        "parallel/a-res-62-160.html",
        "fr/compare/a-res-61-168--a-res-68-160.html",
    ] {
        assert!(!listed.contains(page), "{page} is in the sitemap");
    }
    let en = urls
        .iter()
        .find(|u| {
            u.children()
                .any(|n| n.text() == Some(&format!("{SITE}en/a-res-62-160.html")))
        })
        .unwrap();
    let langs: Vec<&str> = en
        .children()
        .filter_map(|n| n.attribute("hreflang"))
        .collect();
    assert_eq!(langs, ["fr", "en"]);
}

#[test]
fn the_feeds_and_robots_txt_are_written() {
    let (out, _site) = build_archive();
    let public = out.path().join("public");
    for lang in ["fr", "en"] {
        let text = std::fs::read_to_string(public.join(format!("{lang}/feed.xml"))).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("the feed is well-formed");
        let entries: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        let child = |entry: &roxmltree::Node, tag: &str| {
            let node = entry.children().find(|n| n.has_tag_name(tag));
            node.and_then(|n| n.text()).unwrap_or_default().to_string()
        };
        let ids: Vec<String> = entries.iter().map(|e| child(e, "id")).collect();
        let texts = ids.iter().filter(|id| !id.contains('#')).count();
        let held = if lang == "fr" { 4 } else { 1 };
        assert_eq!(texts, held, "{lang}: {ids:#?}");
        assert!(doc.descendants().any(|n| n.has_tag_name("author")));
        // Notes are entries too, dated when written (their front matter: 2025-01-15), which is
        // the feed's date: a new note reaches a feed reader.
        let note = format!("{SITE}{lang}/a-res-62-160.html#note-op10");
        let entry = entries.iter().find(|e| child(e, "id") == note);
        let entry = entry.unwrap_or_else(|| panic!("{lang}: no entry {note} among {ids:#?}"));
        assert_eq!(child(entry, "updated"), "2025-01-15T00:00:00Z");
        assert!(
            child(entry, "title").starts_with("A/RES/62/160 — "),
            "{}",
            child(entry, "title")
        );
        assert!(!child(entry, "summary").is_empty());
        let updated = doc
            .root_element()
            .children()
            .find(|n| n.has_tag_name("updated"));
        assert_eq!(updated.and_then(|n| n.text()), Some("2025-01-15T00:00:00Z"));
    }
    let robots = std::fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {SITE}sitemap.xml")));
    assert!(public.join(".nojekyll").is_file());
    assert!(!public.join("CNAME").exists(), "no cname is configured");
}

#[test]
fn a_custom_domain_gets_a_cname_file_and_a_bad_one_is_named() {
    let dir = copy_fixture("sites/basic");
    let book = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&book).unwrap();
    std::fs::write(
        &book,
        text.replace("[book]\n", "[book]\ncname = \"archive.example.org\"\n"),
    )
    .unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let cname = std::fs::read_to_string(dir.path().join("public/CNAME")).unwrap();
    assert_eq!(cname, "archive.example.org\n");
    std::fs::write(
        &book,
        text.replace(
            "[book]\n",
            "[book]\ncname = \"https://archive.example.org/\"\n",
        ),
    )
    .unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("book.toml:2: cname `https://archive.example.org/` is not a domain name"),
        "{}",
        stderr(&output)
    );
}

/// The bundled archive with `site-url` under `/archive/`, as the test server serves it.
fn build_under_archive_path() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    let book = std::fs::read_to_string(repo_root().join("book.toml"))
        .unwrap()
        .replace(SITE, "https://example.org/archive/");
    std::fs::write(dir.path().join("book.toml"), book).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    dir
}

#[test]
fn the_404_page_works_at_any_depth() {
    let dir = build_under_archive_path();
    let server = Server::start(&dir.path().join("public"), "/archive/");
    let browser = Browser::launch();
    browser.open(&server.url("no/such/deep/page.html"));
    assert!(browser.text("h1").contains("Page introuvable"));
    let style = browser.eval("getComputedStyle(document.body).fontFamily");
    assert_ne!(style.as_str(), Some(""), "the stylesheet loaded");
    assert_eq!(
        browser.click(r#".not-found a[hreflang="en"]"#),
        server.url("en/index.html")
    );
    assert_eq!(browser.lang(), "en");
}

/// Types a query in the home page's header, lands on the search page with the query in its
/// address, checks the first result, follows it, and comes back to the same query and results.
fn search(browser: &Browser, base: &str) {
    browser.open(&format!("{base}index.html"));
    browser.type_into("header.site #site-q", "cooperation internationale");
    assert_eq!(
        browser.press_to_navigate("Enter"),
        format!("{base}fr/search.html?q=cooperation+internationale")
    );
    settled(browser);
    assert_eq!(
        browser.eval("document.getElementById('search-q').value"),
        "cooperation internationale"
    );
    let first = r#"#search-results li:first-child"#;
    let lang = browser.eval(&format!("document.querySelector('{first}').lang"));
    assert_eq!(lang, "fr");
    let marked = browser.eval(&format!(
        "[...document.querySelectorAll('{first} mark')].map(m => m.textContent.toLowerCase()).join(' ')"
    ));
    let marked = marked.as_str().unwrap().to_string();
    assert!(marked.contains("coopération"), "{marked}");
    assert!(marked.contains("internationale"), "{marked}");
    let paragraph = browser.eval(&format!(
        "document.querySelector('{first}').dataset.paragraph"
    ));
    let paragraph = paragraph.as_str().unwrap().to_string();
    let landed = browser.click(&format!("{first} a"));
    assert!(landed.ends_with(&format!("#{paragraph}")), "{landed}");
    assert!(landed.contains("/fr/a-res-"), "{landed}");
    let text = browser.text(&format!("#{paragraph}")).to_lowercase();
    assert!(text.contains("coopération internationale"), "{text}");
    // Back: the query typed, and what it found, are there again.
    let drawn = |browser: &Browser| {
        settled(browser);
        browser.eval("[document.getElementById('search-q').value, document.querySelectorAll('#search-results li').length]")
    };
    assert!(browser.back().contains("/fr/search.html?q="));
    let after = drawn(browser);
    assert_eq!(after[0], "cooperation internationale", "{after}");
    assert!(after[1].as_u64().unwrap_or(0) > 0, "{after}");
    // A query typed on the search page goes into its address, so that Back and a shared link
    // find it again.
    browser.eval("document.getElementById('search-q').value = ''");
    browser.type_into("#search-q", "consultation");
    settled(browser);
    let url = browser.url();
    assert!(url.ends_with("search.html?q=consultation"), "{url}");
    browser.click(r#"#search-results li:first-child a"#);
    browser.back();
    assert_eq!(drawn(browser)[0], "consultation");
    browser.assert_no_errors();
}

#[test]
fn a_reader_searches_from_file_urls() {
    let (out, _site) = build_archive();
    let browser = Browser::launch();
    search(&browser, &(file_url(&out.path().join("public")) + "/"));
}

#[test]
fn a_reader_searches_over_http_under_a_subpath() {
    let (out, _site) = build_archive();
    let server = Server::start(&out.path().join("public"), "/archive/");
    let browser = Browser::launch();
    search(&browser, &server.url(""));
    assert!(server.not_found().is_empty(), "{:?}", server.not_found());
}

/// Waits until the search has loaded its files and drawn its results (the status says how many
/// results, or none, rather than that the index is loading).
fn settled(browser: &Browser) {
    browser.eval(
        "(async () => { const s = document.getElementById('search-status'), l = document.getElementById('search-results').dataset.loading; \
         for (let i = 0; i < 200 && (s.textContent === '' || s.textContent === l); i++) await new Promise(r => setTimeout(r, 25)); })()",
    );
}

/// The results of a query given in the address, as `lang:resolution:paragraph`.
fn results(browser: &Browser, page: &Path, query: &str) -> Vec<String> {
    browser.open(&format!("{}?{query}", file_url(page)));
    settled(browser);
    let found = browser.eval(
        "[...document.querySelectorAll('#search-results li')].map(li => li.lang + ':' + li.dataset.symbol + ':' + li.dataset.paragraph + ':' + [...li.querySelectorAll('mark')].map(m => m.textContent).join('+'))",
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_ignores_accents_and_case_and_finds_the_forms_of_a_word() {
    let (out, _site) = build_archive();
    let browser = Browser::launch();
    let page = out.path().join("public/fr/search.html");
    let french = results(&browser, &page, "q=etats+membres&lang=fr");
    assert!(!french.is_empty());
    assert!(french.iter().all(|r| r.starts_with("fr:")), "{french:?}");
    assert!(
        french.iter().any(|r| r.ends_with("États+Membres")),
        "{french:?}"
    );
    let english = results(&browser, &page, "q=member+state&lang=en");
    assert!(!english.is_empty());
    assert!(
        english.iter().all(|r| r.starts_with("en:A/RES/62/160:")),
        "{english:?}"
    );
    assert!(
        english.iter().any(|r| r.ends_with("Member+States")),
        "{english:?}"
    );
    // Every language is searched when none is chosen: the newest text (68/160) is French only,
    // so the English passages of 62/160 come on a later page of results.
    results(&browser, &page, "q=COOPERATION");
    for _ in 0..10 {
        if browser.eval("document.getElementById('search-more').hidden") == true {
            break;
        }
        browser.click_no_wait("#search-more");
        settled(&browser);
    }
    let both =
        browser.eval("[...document.querySelectorAll('#search-results li')].map(li => li.lang)");
    let both = both.as_array().unwrap();
    assert!(
        both.iter().any(|l| l == "fr") && both.iter().any(|l| l == "en"),
        "{both:?}"
    );
    assert!(results(&browser, &page, "q=zzzyx").is_empty());
    browser.assert_no_errors();
}

/// The search files a page has added (`search/…` scripts), as paths under `search/`.
fn search_scripts(browser: &Browser) -> BTreeSet<String> {
    let found = browser.eval(
        "[...document.querySelectorAll('script[src]')].map(s => s.getAttribute('src')).filter(s => s.includes('search/'))",
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap()
                .split("search/")
                .nth(1)
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_search_loads_only_the_shards_of_its_words_and_the_texts_it_shows() {
    let (out, _site) = build_archive();
    let public = out.path().join("public");
    let browser = Browser::launch();
    let found = results(
        &browser,
        &public.join("fr/search.html"),
        "q=cooperation+internationale+les&lang=fr",
    );
    assert!(!found.is_empty());
    let scripts = search_scripts(&browser);
    let shards: Vec<&str> = scripts
        .iter()
        .filter(|s| !s.contains("/text/") && s.matches('/').count() < 2)
        .map(|s| s.as_str())
        .collect();
    // The stop word "les" loads nothing; English is not asked for.
    assert_eq!(
        shards,
        ["fr/coo.js", "fr/int.js", "index.js"],
        "{scripts:?}"
    );
    // Of a frequent stem's postings, only the first chunk (this archive needs no more).
    let chunks: Vec<&String> = scripts
        .iter()
        .filter(|s| !s.contains("/text/") && s.matches('/').count() == 2)
        .collect();
    assert!(chunks.iter().all(|s| s.ends_with(".0.js")), "{scripts:?}");
    // One text file per result shown, and only those: the other years of a paragraph are
    // linked from the postings, their texts not loaded.
    let shown: BTreeSet<String> = found
        .iter()
        .map(|r| r.split(':').nth(1).unwrap().to_string())
        .collect();
    let texts: BTreeSet<String> = scripts
        .iter()
        .filter_map(|s| s.strip_prefix("fr/text/"))
        .map(|s| s.trim_end_matches(".js").to_uppercase().replace('-', "/"))
        .collect();
    assert_eq!(texts, shown);
    let held = std::fs::read_dir(public.join("search/fr")).unwrap().count();
    assert!(
        held > 100,
        "the French index has {held} shards, a query took 2"
    );
    browser.assert_no_errors();
}

#[test]
fn a_frequent_word_s_postings_load_from_their_own_file() {
    // More paragraphs holding "conflit" than a shard keeps inline (recueil's `LARGE`, 500).
    let dir = copy_fixture("sites/notes");
    let mut text =
        String::from("L’Assemblée générale,\n\n*Considérant* que la paix est utile[^1],\n");
    for n in 1..=520 {
        text.push_str(&format!("\n{n}. *Note* le conflit armé numéro {n} ;\n"));
    }
    text.push_str("\n[^1]: Voir résolution 9/5.\n");
    std::fs::write(
        dir.path().join("content/resolutions/a-res-10-1/fr.md"),
        text,
    )
    .unwrap();
    let public = dir.path().join("public");
    recueil::build::build(dir.path(), Some(&public), false).expect("the site builds");
    let browser = Browser::launch();
    let found = results(
        &browser,
        &public.join("fr/search.html"),
        "q=conflit&lang=fr",
    );
    assert_eq!(found.len(), 10, "the first 10 of the 520 are shown");
    assert!(found.iter().all(|r| r.ends_with(":conflit")), "{found:?}");
    let status = browser.text("#search-status");
    assert!(status.contains("520"), "{status}");
    let scripts = search_scripts(&browser);
    let large: Vec<&String> = scripts
        .iter()
        .filter(|s| s.starts_with("fr/con/"))
        .collect();
    // One resolution's 520 paragraphs: a chunk never splits a resolution.
    assert_eq!(large, ["fr/con/confl.0.js"], "{scripts:?}");
    browser.click_no_wait("#search-more");
    settled(&browser);
    assert_eq!(browser.count("#search-results li"), 20);
    browser.assert_no_errors();
}

/// An archive of 300 more resolutions (A/RES/20/1 to 20/300, in that order, after the two of
/// `sites/notes`): each recalls peace (pp1), notes conflict n (op1) and protects civilians in
/// it (op2); disarmament for peace is encouraged in 20/1–3 and 20/150 (op3), mediation for
/// peace in 20/250.
fn chunked_archive() -> tempfile::TempDir {
    let dir = copy_fixture("sites/notes");
    for n in 1..=300 {
        let folder = dir.path().join(format!("content/resolutions/a-res-20-{n}"));
        std::fs::create_dir_all(&folder).unwrap();
        let meta = format!(
            "symbol: A/RES/20/{n}\nsession: 20\nadopted: 1965-12-01\ntitle:\n  fr: Texte {n}\n"
        );
        std::fs::write(folder.join("meta.yaml"), meta).unwrap();
        let mut text = format!(
            "L’Assemblée générale,\n\n*Considérant* que la paix est utile,\n\n\
             1. *Note* le conflit armé numéro {n} ;\n\n\
             2. *Décide* de protéger les civils dans le conflit {n} ;\n"
        );
        if [1, 2, 3, 150].contains(&n) {
            text.push_str("\n3. *Encourage* le désarmement général pour la paix ;\n");
        }
        if n == 250 {
            text.push_str("\n3. *Salue* la médiation régionale pour la paix ;\n");
        }
        std::fs::write(folder.join("fr.md"), text).unwrap();
    }
    let public = dir.path().join("public");
    recueil::build::build(dir.path(), Some(&public), false).expect("the site builds");
    dir
}

/// The search's chunk files (`<lang>/<shard>/<stem>.<k>.js`) and text files a page loaded.
fn chunks_and_texts(browser: &Browser) -> (Vec<String>, usize) {
    let scripts = search_scripts(browser);
    let chunks = (scripts.iter())
        .filter(|s| !s.contains("/text/") && s.matches('/').count() == 2)
        .cloned()
        .collect();
    (
        chunks,
        scripts.iter().filter(|s| s.contains("/text/")).count(),
    )
}

#[test]
fn a_search_loads_the_first_chunks_and_one_page_of_texts_and_more_on_demand() {
    let dir = chunked_archive();
    let public = dir.path().join("public");
    let page = public.join("fr/search.html");
    // A frequent stem's postings are cut in chunks, newest first.
    let peace = public.join("search/fr/pai");
    assert!(peace.join("paix.0.js").exists() && peace.join("paix.1.js").exists());
    let browser = Browser::launch();
    let found = results(&browser, &page, "q=conflit+civils&lang=fr");
    // Ten results, the newest first: 20/300 op2, then 20/299 op2…
    assert_eq!(found.len(), 10, "{found:?}");
    assert!(found[0].starts_with("fr:A/RES/20/300:op2:"), "{found:?}");
    assert!(found[9].starts_with("fr:A/RES/20/291:op2:"), "{found:?}");
    let (chunks, texts) = chunks_and_texts(&browser);
    assert_eq!(chunks.len(), 2, "one first chunk per word: {chunks:?}");
    assert!(chunks.iter().all(|c| c.ends_with(".0.js")), "{chunks:?}");
    assert_eq!(texts, 10, "the texts of the results shown only");
    let status = browser.text("#search-status");
    assert!(status.starts_with("Au moins"), "{status}");
    // "More results": ten more, their texts loaded; the focus on the first of them.
    browser.click_no_wait("#search-more");
    settled(&browser);
    assert_eq!(browser.count("#search-results li"), 20);
    let focused = browser.eval("document.activeElement.closest('li').dataset.symbol");
    assert_eq!(focused, "A/RES/20/290");
    let (chunks, texts) = chunks_and_texts(&browser);
    assert_eq!(chunks.len(), 2, "{chunks:?}");
    assert_eq!(texts, 20);
    // Disarmament is rare: peace's second chunk is loaded only because the first holds one
    // result of the four.
    let found = results(&browser, &page, "q=paix+desarmement&lang=fr");
    let symbols: Vec<&str> = found.iter().map(|r| r.split(':').nth(1).unwrap()).collect();
    assert_eq!(
        symbols,
        ["A/RES/20/150", "A/RES/20/3", "A/RES/20/2", "A/RES/20/1"]
    );
    let (chunks, _) = chunks_and_texts(&browser);
    assert!(
        chunks.contains(&"fr/pai/paix.1.js".to_string()),
        "{chunks:?}"
    );
    assert!(
        browser
            .text("#search-status")
            .starts_with("4\u{a0}passages")
    );
    assert_eq!(
        browser.eval("document.getElementById('search-more').hidden"),
        true
    );
    // Mediation is in the newest chunk only: the others are known not to hold it, not loaded.
    let found = results(&browser, &page, "q=paix+mediation&lang=fr");
    assert_eq!(found.len(), 1, "{found:?}");
    let (chunks, _) = chunks_and_texts(&browser);
    assert_eq!(chunks, ["fr/pai/paix.0.js"], "{chunks:?}");
    browser.assert_no_errors();
}

#[test]
fn search_shows_a_paragraph_once_across_the_years_with_its_date_and_title_and_finds_notes() {
    let (out, _site) = build_archive();
    let browser = Browser::launch();
    let page = out.path().join("public/fr/search.html");
    let found = results(&browser, &page, "q=consultation+secretaire&lang=fr");
    // The Secretary-General's consultation: 61/168 op10 became 68/160 op13; one entry, led by
    // the best match, with the other year linked.
    let entry = r#"#search-results li[data-symbol="A/RES/68/160"][data-paragraph="op13"]"#;
    let head = browser.text(&format!("{entry} .result-head"));
    assert!(
        head.starts_with(
            "A/RES/68/160 · 18 déc. 2013 · Renforcement de la coopération internationale"
        ),
        "{head}"
    );
    assert!(head.ends_with("· paragraphe 13"), "{head}");
    let also = browser.eval(&format!(
        "[...document.querySelectorAll('{entry} .also a')].map(a => a.getAttribute('href'))"
    ));
    assert_eq!(also, serde_json::json!(["../fr/a-res-61-168.html#op10"]));
    assert!(
        !found.iter().any(|r| r.starts_with("fr:A/RES/61/168:op10:")),
        "61/168 op10 is listed under 68/160 op13, not apart: {found:?}"
    );
    // The contributors' notes are searched: the note on 61/168 op10 leads to itself.
    let note =
        r#"#search-results li.note-result[data-symbol="A/RES/61/168"][data-paragraph="note-op10"]"#;
    assert!(
        browser
            .text(&format!("{note} .result-head"))
            .ends_with("· note sur paragraphe 10")
    );
    let status = browser.text("#search-status");
    assert!(
        status.ends_with("\u{a0}passages trouvés.") && !status.contains("(s)"),
        "{status}"
    );
    let landed = browser.click(&format!("{note} a.result-link"));
    assert!(
        landed.ends_with("/fr/a-res-61-168.html#note-op10"),
        "{landed}"
    );
    assert_eq!(browser.count("#note-op10"), 1);
    // One passage: the singular.
    results(&browser, &page, "q=tenue+seminaire&lang=fr");
    let one = browser.text("#search-status");
    assert!(one.starts_with("1\u{a0}passage trouvé."), "{one}");
    browser.assert_no_errors();
}
