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

/// Home -> the 62nd session -> 62/160 -> its predecessor 61/168 -> back to 62/160 -> side by side -> English ->
/// the citation of 61/168 -> its "cited by" list back to the citing paragraph.
fn walk(browser: &Browser, base: &str) {
    browser.open(&format!("{base}index.html"));
    assert_eq!(browser.lang(), "fr");
    assert_eq!(
        browser.click(r#"ul.sessions a[href$="sessions/62.html"]"#),
        format!("{base}fr/sessions/62.html")
    );
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
        browser.click(r#"a[data-nav="side-en"]"#),
        format!("{base}fr/a-res-62-160.html?view=side&with=en")
    );
    assert_eq!(browser.lang(), "fr");
    browser.text("#side-pp2");
    let columns = browser.eval(
        r#"[...document.querySelectorAll('#side-pp2 .cell')].map(c => c.lang + ':' + (c.textContent.includes('61/168') ? 'text' : 'gap')).join(' ')"#,
    );
    assert_eq!(
        columns, "fr:text en:text",
        "pp2 is aligned in both languages"
    );
    let gap = browser.text(r#"#side-pp6 .cell[lang="fr"]"#);
    assert!(
        gap.contains("l’alinéa 5 du préambule"),
        "the first French gap is explained: {gap}"
    );
    let later =
        browser.eval(r#"document.querySelector('#side-op1 .cell[lang="fr"] .gap-note').title"#);
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
        browser.click(r#"a[data-nav="changes"]"#),
        format!("{base}fr/a-res-68-160.html?view=changes")
    );
    assert_eq!(browser.lang(), "fr");
    assert!(
        browser
            .text(".view-area .notice.skipped")
            .contains("62/160")
    );
    assert_eq!(
        browser.count(r#"section:not([aria-labelledby="part-footnotes"]) li[data-status="new"]"#),
        3,
        "three new paragraphs (and new footnotes in a section of their own)"
    );
    assert_eq!(
        browser.click(r#"#changes-op9 a[data-nav="to"]"#),
        format!("{base}fr/a-res-68-160.html#op9")
    );
    // The paragraph's history opens without a script and leads to the comparison that found it.
    browser.eval("document.querySelector('#op9 details.history').open = true");
    assert!(browser.text("#op9 details.history").contains("59/187"));
    let compare =
        browser.click(r#"#op9 details.history li.step.modified:last-child a[data-nav="compare"]"#);
    assert_eq!(
        compare,
        format!("{base}fr/a-res-68-160.html?view=changes#op9")
    );
    browser.text("#changes-op9.target");
    browser.assert_no_errors();
}

/// The previous and next texts of the series that the archive holds are one click away, even
/// when the official neighbours are not held (59/187: 58/170 and 60/156, both on undocs.org).
#[test]
fn a_reader_steps_to_the_previous_and_next_texts_the_archive_holds() {
    let out = build_archive();
    let browser = Browser::launch();
    let base = file_url(&out.path().join("public")) + "/";
    browser.open(&format!("{base}fr/a-res-59-187.html"));
    let official = browser.eval(r#"document.querySelector('nav.lineage a[data-nav="next"]').href"#);
    assert_eq!(official, "https://undocs.org/fr/A/RES/60/156");
    assert_eq!(
        browser.click(r#"nav.lineage a[data-nav="next-held"]"#),
        format!("{base}fr/a-res-61-168.html")
    );
    // 61/168 follows 60/156 (not held) and precedes 62/160 (held): the previous text held is
    // 59/187, and no second link repeats its official successor.
    assert_eq!(browser.count(r#"nav.lineage [data-nav="next-held"]"#), 0);
    let previous =
        browser.eval(r#"document.querySelector('nav.lineage a[data-nav="previous-held"]').href"#);
    assert_eq!(previous, format!("{base}fr/a-res-59-187.html"));
    browser.open(&format!("{base}fr/a-res-68-160.html"));
    assert_eq!(
        browser.click(r#"nav.lineage a[data-nav="previous-held"]"#),
        format!("{base}fr/a-res-62-160.html")
    );
    browser.assert_no_errors();
}

/// On the series page a timeline dot opens its resolution (or the official document), a box of
/// the lineage chart its paragraph and a line the comparison; by mouse and by keyboard.
#[test]
fn a_reader_opens_texts_from_the_series_timeline_and_chart() {
    let out = build_archive();
    let browser = Browser::launch();
    let base = file_url(&out.path().join("public")) + "/";
    let series = format!("{base}fr/series/international-cooperation-human-rights.html");
    browser.open(&series);
    assert_eq!(
        browser.click(r#"figure.timeline a.mark[data-symbol="61/168"]"#),
        format!("{base}fr/a-res-61-168.html")
    );
    browser.back();
    let official = r#"figure.timeline a.mark[data-symbol="60/156"]"#;
    assert_eq!(
        browser.eval(&format!(
            "document.querySelector('{official}').getAttribute('href')"
        )),
        "https://undocs.org/fr/A/RES/60/156"
    );
    assert_eq!(
        browser.click(r#"svg.chart a.para-box[href$="a-res-68-160.html#op13"]"#),
        format!("{base}fr/a-res-68-160.html#op13")
    );
    browser.back();
    assert_eq!(
        browser.click(r#"svg.chart a.step[href$="a-res-68-160.html?view=changes#op13"]"#),
        format!("{base}fr/a-res-68-160.html?view=changes#op13")
    );
    browser.back();
    // The keyboard: Tab reaches the dots, each named and visibly focused; Enter opens one.
    let mut reached = serde_json::Value::Null;
    for _ in 0..40 {
        browser.press("Tab");
        reached = browser.eval(
            "(() => { const a = document.activeElement; if (!a.matches('a.mark.held')) return null; \
             return [a.getAttribute('aria-label'), a.matches(':focus-visible'), \
             getComputedStyle(a.querySelector('circle.hit')).strokeWidth]; })()",
        );
        if !reached.is_null() {
            break;
        }
    }
    assert_eq!(
        reached,
        serde_json::json!(["59/187 (dans le recueil)", true, "3px"]),
        "Tab reaches the first dot of a held text, named and with a visible focus"
    );
    assert_eq!(
        browser.press_to_navigate("Enter"),
        format!("{base}fr/a-res-59-187.html")
    );
    browser.assert_no_errors();
}

/// On a 390 px phone the timeline's labels are at least 12 px and the whole strip can be
/// reached: it scrolls sideways, and every label lies inside it.
#[test]
fn the_timeline_is_readable_on_a_phone() {
    let out = build_archive();
    let browser = Browser::launch();
    browser.set_viewport(390, 844);
    for page in [
        "index.html",
        "fr/series/international-cooperation-human-rights.html",
    ] {
        browser.open(&file_url(&out.path().join("public").join(page)));
        let found = browser.eval(
            "(() => { const svg = document.querySelector('figure.timeline svg'); \
             const strip = svg.closest('.timeline-scroll'); \
             const scale = svg.getScreenCTM().a; \
             const size = Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale)); \
             const box = svg.getBoundingClientRect(); \
             const outside = [...svg.querySelectorAll('text')].filter(t => { const r = t.getBoundingClientRect(); \
               return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1; }).map(t => t.textContent); \
             return { size, scrolls: getComputedStyle(strip).overflowX, fits: strip.scrollWidth <= strip.clientWidth, outside, width: innerWidth }; })()",
        );
        assert_eq!(found["width"], 390, "{page}");
        assert!(found["size"].as_f64().unwrap() >= 12.0, "{page}: {found}");
        assert_eq!(found["outside"], serde_json::json!([]), "{page}: {found}");
        assert!(
            found["fits"] == true || found["scrolls"] == "auto",
            "{page}: {found}"
        );
    }
}

/// Tab through 61/168 with the keyboard: at most one stop per paragraph for its tools (its link;
/// annotate, history and notes are reached with the arrow keys), besides the links in its words;
/// every stop visibly focused, `summary` included.
#[test]
fn the_keyboard_path_through_a_resolution_stops_once_per_paragraph() {
    let out = build_archive();
    let browser = Browser::launch();
    let page = out.path().join("public/fr/a-res-61-168.html");
    browser.open(&file_url(&page));
    const TOOLS: &str = "a.pid, a.annotate, details.history > summary, details.pnote > summary, details.pnote > button.note-more, details.pnote a.edit-link";
    let probe = format!(
        "(() => {{ const a = document.activeElement, para = a.closest('.para'), cs = getComputedStyle(a); \
         return {{ para: para ? para.id : null, tool: a.matches('{TOOLS}'), \
           after: !!a.closest('section.footnotes, section.cited-by, footer'), \
           name: a.tagName + (a.className ? '.' + a.className : '') + ' ' + (a.getAttribute('href') || a.textContent.slice(0, 20)), \
           outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2, \
           hint: !!document.getElementById('tools-hint') && !document.getElementById('tools-hint').hidden }}; }})()"
    );
    let mut per_paragraph: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut in_text = 0;
    let mut hinted = false;
    for _ in 0..400 {
        browser.press("Tab");
        let stop = browser.eval(&probe);
        if stop["after"] == true {
            break;
        }
        let name = stop["name"].as_str().unwrap_or_default().to_string();
        assert_eq!(stop["outline"], true, "no visible focus on {name}");
        if let Some(para) = stop["para"].as_str() {
            in_text += 1;
            if stop["tool"] == true {
                per_paragraph
                    .entry(para.to_string())
                    .or_default()
                    .push(name);
                hinted |= stop["hint"] == true;
            }
        }
    }
    let paragraphs = browser.count(".para");
    let crowded: Vec<_> = per_paragraph.iter().filter(|(_, t)| t.len() > 1).collect();
    assert!(
        crowded.is_empty(),
        "paragraphs with several tool stops: {crowded:?}"
    );
    assert!(
        per_paragraph.len() >= 20,
        "the path reaches the paragraphs: {per_paragraph:?}"
    );
    assert!(
        in_text <= paragraphs + 20,
        "{in_text} stops to cross {paragraphs} paragraphs"
    );
    assert!(
        hinted,
        "a paragraph's link shows the hint when the keyboard reaches it"
    );
    // The arrows move among op10's tools; Enter opens its history.
    browser.eval("document.querySelector('#op10 a.pid').focus()");
    let focused = "(() => { const a = document.activeElement; return a.closest('.para').id + ' ' + (a.matches('summary') ? a.parentElement.className.split(' ')[0] + '>summary' : a.className); })()";
    browser.press("ArrowRight");
    assert_eq!(browser.eval(focused), "op10 annotate");
    browser.press("ArrowRight");
    assert_eq!(browser.eval(focused), "op10 history>summary");
    browser.press("Enter");
    assert_eq!(
        browser.eval("document.querySelector('#op10 details.history').open"),
        true
    );
    browser.press("ArrowRight");
    assert_eq!(browser.eval(focused), "op10 pnote>summary");
    browser.press("ArrowLeft");
    assert_eq!(browser.eval(focused), "op10 history>summary");
    browser.assert_no_errors();
}
