//! The force of lead verbs: the `force` fixture (three French texts; the third changes
//! *Encourage* into *Prie instamment* in op2 and *Demande* into *Invite* in op3, and its English
//! text keeps *Encourages* in op2) read through its pages' `data-*` attributes; the filter of a
//! comparison page in a browser under a strict Content-Security-Policy; `check`'s warnings; the
//! lexicon's own errors; and every lead of the bundled archive and of `../shared/corpus-dev/`
//! known to the lexicon of its language.

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::support::browser::Browser;
use crate::support::http::Server;
use crate::support::site::Site;
use crate::support::{copy_fixture, fixture, recueil, repo_root, stderr};

fn build(root: &Path) -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(root, Some(&public), false).expect("the site builds");
    let site = Site::read(&public);
    (out, site)
}

/// (newer id, shift) of every row of a comparison page that carries `data-force`.
fn force_rows(html: &str) -> Vec<(String, String)> {
    let re = Regex::new(r#"data-to="([^"]*)" data-force="([a-z]+)""#).unwrap();
    re.captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

/// The number a comparison page's summary gives for `count` (`data-count="…"`).
fn count(html: &str, count: &str) -> usize {
    let re = Regex::new(&format!(
        r#"data-count="{count}"><dt>[^<]*</dt><dd>(\d+)</dd>"#
    ))
    .unwrap();
    re.captures(html)
        .unwrap_or_else(|| panic!("no count {count}"))[1]
        .parse()
        .unwrap()
}

#[test]
fn the_third_text_strengthens_op2_and_weakens_op3_on_its_comparison_page() {
    let (_out, site) = build(&fixture("sites/force"));
    let page = site.page("fr/compare/a-res-21-1--a-res-22-1.js");
    assert_eq!(
        force_rows(page),
        [
            ("op2".to_string(), "strengthened".to_string()),
            ("op3".to_string(), "weakened".to_string())
        ]
    );
    assert_eq!(count(page, "strengthened"), 1);
    assert_eq!(count(page, "weakened"), 1);
    assert!(
        page.contains("renforcé\u{a0}: <em>Encourage</em> → <em>Prie instamment</em>"),
        "the strengthened paragraph says from what to what"
    );
    assert!(page.contains("affaibli\u{a0}: <em>Demande</em> → <em>Invite</em>"));
    assert!(page.contains("data-force-filter"), "the filter is offered");
    // Only the preamble's *Profondément préoccupée* → *Préoccupée* changed force before.
    let before = site.page("fr/compare/a-res-20-1--a-res-21-1.js");
    assert_eq!(
        force_rows(before),
        [("pp2".to_string(), "weakened".to_string())]
    );
    assert!(before.contains("<em>Profondément préoccupée</em> → <em>Préoccupée</em>"));
}

#[test]
fn the_series_page_shows_each_lead_year_after_year_and_which_years_changed_the_text() {
    let (_out, site) = build(&fixture("sites/force"));
    let page = site.page("en/series/vigueur.html");
    let section = &page[page
        .find("class=\"force-series\"")
        .expect("a force section")..];
    let section = &section[..section.find("</section>").unwrap()];
    // Each step links to its paragraph; the shifts stand in 22/1's column.
    let re = Regex::new(r#"href="[^"]*/fr/(a-res-\d+-1)\.html#(\w+)" hreflang="fr" lang="fr" data-shift="([a-z]+)""#).unwrap();
    let shifts: Vec<(String, String, String)> = re
        .captures_iter(section)
        .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        .collect();
    let expected = [
        ("a-res-21-1", "pp2", "weakened"),
        ("a-res-22-1", "op2", "strengthened"),
        ("a-res-22-1", "op3", "weakened"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(shifts, expected);
    assert!(section.contains("(texts in French)"), "{section}");
    assert!(
        section.contains("<span class=\"arrow\" aria-hidden=\"true\">↑</span> <span class=\"lead\">Prie instamment</span>"),
        "a shift is an arrow and words, not a colour"
    );
    let years = Regex::new(r#"data-overall="([a-z]+)"><a href="[^"]*"[^>]*>([^<]*)</a>"#).unwrap();
    let years: Vec<(String, String)> = years
        .captures_iter(section)
        .map(|c| (c[2].to_string(), c[1].to_string()))
        .collect();
    assert_eq!(
        years,
        [
            ("20/1 → 21/1".to_string(), "weakened".to_string()),
            ("21/1 → 22/1".to_string(), "even".to_string())
        ]
    );
    assert!(section.contains("strengthened: 1, weakened: 1 — neither stronger nor weaker"));
}

#[test]
fn a_paragraph_whose_languages_disagree_is_marked_on_both_pages_and_reported_by_check() {
    let (_out, site) = build(&fixture("sites/force"));
    for (page, text) in [
        (
            "fr/a-res-22-1.html",
            "Prie instamment (rang 8) ici, Encourages (rang 5) en anglais",
        ),
        (
            "en/a-res-22-1.html",
            "Encourages (rank 5) here, Prie instamment (rank 8) in French",
        ),
    ] {
        let html = site.page(page);
        assert_eq!(html.matches("class=\"force-note\"").count(), 1, "{page}");
        let op2 = &html[html.find("id=\"op2\"").unwrap()..];
        let op2 = &op2[..op2.find("</li>").unwrap()];
        assert!(op2.contains("class=\"force-note\""), "{page}: on op2");
        assert!(op2.contains(text), "{page}: {op2}");
        assert!(
            op2.contains("<span aria-hidden=\"true\">≠</span>"),
            "a text mark"
        );
    }
    // And in each language's share of the side-by-side view.
    for fragment in ["fr/text/a-res-22-1.js", "en/text/a-res-22-1.js"] {
        let html = site.page(fragment);
        assert_eq!(
            html.matches("class=\"force-note\"").count(),
            1,
            "{fragment}"
        );
        let op2 = &html[html.find("data-row=\"op2\"").unwrap()..];
        let op2 = &op2[..op2.find("</div>").unwrap()];
        assert!(op2.contains("class=\"force-note\""), "{fragment}: on op2");
    }
    let output = recueil(&["--root", fixture("sites/force").to_str().unwrap(), "check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("content/resolutions/a-res-22-1/en.md:9: op2: the lead verbs differ in force between languages: fr *Prie instamment* (urges, rank 8) but en *Encourages* (encourages, rank 5)"),
        "{err}"
    );
    assert!(err.contains("a translation to look at"), "{err}");
    assert!(err.contains("1 warning"), "only that one: {err}");
}

#[test]
fn an_unknown_lead_is_a_warning_that_names_it_at_its_line() {
    let dir = copy_fixture("sites/force");
    let text = dir.path().join("content/resolutions/a-res-21-1/fr.md");
    let source = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, source.replace("*Encourage*", "*Pataugeant*")).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "a warning only: {err}");
    assert!(
        err.contains("a-res-21-1/fr.md:9: op2: the lead `Pataugeant` is not in the fr lexicon"),
        "{err}"
    );
    assert!(
        err.contains("add it to templates/lexicon/fr.toml with its category and rank"),
        "{err}"
    );
}

#[test]
fn an_archive_s_own_lexicon_replaces_the_embedded_one_and_its_mistakes_are_errors_at_their_line() {
    let dir = copy_fixture("sites/force");
    let lexicon = dir.path().join("templates/lexicon");
    std::fs::create_dir_all(&lexicon).unwrap();
    let own = "neutral = []\nintensifiers = [\"instamment\", \"profondément\"]\n\n[[operative]]\ncategory = \"requests\"\nrank = 6\nleads = [\"Prie\", \"Encourage\", \"Demande\", \"Invite\", \"Réaffirme\", \"Décide\"]\n\n[[preambular]]\ncategory = \"recalls\"\nrank = 2\nleads = [\"Rappelant\", \"Préoccupée\"]\n";
    std::fs::write(lexicon.join("fr.toml"), own).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("not in the fr lexicon")
            && err.contains("fr *Prie instamment* (requests, rank 6)"),
        "the archive's lexicon is read: {err}"
    );
    let broken = own
        .replace("\"recalls\"", "\"recals\"")
        .replace("rank = 6", "rank = 0");
    std::fs::write(lexicon.join("fr.toml"), broken).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("templates/lexicon/fr.toml:6: rank 0 is out of range: ranks go from 1 (weakest) to 10 (strongest)"),
        "{err}"
    );
    assert!(
        err.contains("templates/lexicon/fr.toml:10: unknown category `recals`")
            && err.contains("did you mean `recalls`?"),
        "{err}"
    );
}

/// Waits (up to five seconds) until the "changes" view has drawn its comparison.
fn wait_for_changes(browser: &Browser) {
    let js = "new Promise(done => { const t = Date.now(); (function wait() { \
              if (document.querySelector('.view-area li.change') || Date.now() - t > 5000) \
              done(!!document.querySelector('.view-area li.change')); else setTimeout(wait, 50); })(); })";
    assert_eq!(
        browser.eval(js).as_bool(),
        Some(true),
        "the comparison is drawn"
    );
}

/// The browser's view of the filter, in the "changes" view of the newer text's page: keyboard
/// only, under a policy that forbids inline script.
#[test]
fn the_filter_shows_only_the_changed_paragraphs_from_the_keyboard_under_a_strict_policy() {
    let (out, _site) = build(&fixture("sites/force"));
    let public = out.path().join("public");
    let csp = "default-src 'self'; img-src 'self' data:";
    let server = Server::start_with_headers(&public, "/", &[("Content-Security-Policy", csp)]);
    let browser = Browser::launch();
    browser.open(&server.url("fr/a-res-22-1.html?view=changes"));
    wait_for_changes(&browser);
    let shown = "[...document.querySelectorAll('.view-area li.change')].filter(li => li.offsetParent !== null).map(li => li.dataset.to).join(' ')";
    assert_eq!(
        browser.eval(shown).as_str(),
        Some("pp1 pp2 op1 op2 op3 op4 op5")
    );
    browser.eval("document.querySelector('button[data-force-filter]').focus()");
    browser.press("Enter");
    assert_eq!(browser.eval(shown).as_str(), Some("op2 op3"));
    assert_eq!(
        browser
            .eval(
                "document.querySelector('button[data-force-filter]').getAttribute('aria-pressed')"
            )
            .as_str(),
        Some("true")
    );
    browser.press(" ");
    assert_eq!(
        browser.eval(shown).as_str(),
        Some("pp1 pp2 op1 op2 op3 op4 op5")
    );
    browser.assert_no_errors();
}

/// The leads of `archive` that its lexicons do not know, as `file:line: lead`.
fn unknown_leads(root: &Path) -> Vec<String> {
    let config = recueil::config::Config::load(root).unwrap();
    let archive = recueil::load::load(&config).unwrap().archive;
    let lexicons = recueil::lexicon::Lexicons::embedded();
    let mut unknown = Vec::new();
    for resolution in &archive.resolutions {
        for text in &resolution.texts {
            for p in text.own_paragraphs() {
                let Some(lead) = recueil::analysis::force::lead(lexicons, &text.lang, p) else {
                    continue;
                };
                if lead.entry.is_none() {
                    let file = text.path.strip_prefix(root).unwrap_or(&text.path);
                    unknown.push(format!("{}:{}: {}", file.display(), p.line, lead.written));
                }
            }
        }
    }
    unknown
}

#[test]
fn every_lead_of_the_bundled_archive_is_known() {
    let unknown = unknown_leads(&repo_root());
    assert!(unknown.is_empty(), "unknown leads:\n{}", unknown.join("\n"));
    // And each text's leads were read: the bundled archive has leads in both languages.
    let config = recueil::config::Config::load(&repo_root()).unwrap();
    let archive = recueil::load::load(&config).unwrap().archive;
    let lexicons = recueil::lexicon::Lexicons::embedded();
    for resolution in &archive.resolutions {
        for text in &resolution.texts {
            let known = text
                .own_paragraphs()
                .filter_map(|p| recueil::analysis::force::lead(lexicons, &text.lang, p))
                .filter(|l| l.entry.is_some())
                .count();
            assert!(
                known >= 5,
                "{} {}: {known} leads",
                resolution.symbol,
                text.lang
            );
        }
    }
}

/// Paragraphs of the development corpus that are no paragraphs with a lead: the items (a) to (e)
/// of 80/34's pp10, quoted from the Convention, whose labels the Markdown conversion lost, so
/// that the importer makes each one a preambular paragraph with its first word in italics.
const NOT_LEADS: &[&str] = &[
    "International",
    "Eliminating",
    "The",
    "Excluding",
    "Promoting",
];

fn corpus() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/corpus-dev");
    if dir.join("truth.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("../shared/corpus-dev is not here: the real-text check is skipped");
        None
    }
}

#[test]
fn every_lead_of_the_development_corpus_is_known() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let output = recueil(&["init", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = recueil(&[
        "--root",
        root.to_str().unwrap(),
        "import",
        corpus.join("pdf-text").to_str().unwrap(),
        corpus.join("markdown").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let unknown = unknown_leads(root);
    let (artifacts, unknown): (Vec<String>, Vec<String>) = unknown.into_iter().partition(|u| {
        u.contains("a-res-80-34/") && NOT_LEADS.iter().any(|w| u.ends_with(&format!(": {w}")))
    });
    assert!(unknown.is_empty(), "unknown leads:\n{}", unknown.join("\n"));
    assert_eq!(artifacts.len(), NOT_LEADS.len(), "{artifacts:?}");
}

/// `verb:urges` finds the paragraphs that urge, in every language; `verb:prie` every lead that
/// begins with *Prie*.
#[test]
fn search_can_be_narrowed_to_a_lead_verb() {
    use crate::support::browser::file_url;
    let (out, _site) = build(&fixture("sites/force"));
    let public = out.path().join("public");
    let browser = Browser::launch();
    let found = |query: &str| -> String {
        browser.open(&format!(
            "{}?q={query}",
            file_url(&public.join("en/search.html"))
        ));
        let js = "new Promise(done => { const t = Date.now(); (function wait() { \
                  const s = document.getElementById('search-status').textContent; \
                  if (s && !s.includes('…') || Date.now() - t > 5000) done([...document.querySelectorAll('#search-results li')] \
                  .map(li => li.dataset.symbol + ' ' + li.dataset.paragraph + ' ' + li.lang).sort().join(', ')); \
                  else setTimeout(wait, 50); })(); })";
        browser.eval(js).as_str().unwrap_or_default().to_string()
    };
    assert_eq!(found("verb%3Aurges"), "A/RES/22/1 op2 fr");
    // 21/1 op2 continues 20/1 op2: one entry, led by the newer year, the older linked.
    assert_eq!(
        found("verb%3Aencourages"),
        "A/RES/21/1 op2 fr, A/RES/22/1 op2 en"
    );
    let also = browser.eval(
        "[...document.querySelectorAll('#search-results li[data-symbol=\"A/RES/21/1\"] .also a')].map(a => a.getAttribute('href'))",
    );
    assert_eq!(also, serde_json::json!(["../fr/a-res-20-1.html#op2"]));
    // Each lineage once, led by its newest year: 22/1 op2 (20/1 op2 before it), 22/1 op4
    // (20/1 and 21/1 op4 before it).
    assert_eq!(found("verb%3Aprie"), "A/RES/22/1 op2 fr, A/RES/22/1 op4 fr");
    let also = browser.eval(
        "[...document.querySelectorAll('#search-results li[data-paragraph=\"op4\"] .also a')].map(a => a.textContent)",
    );
    assert_eq!(
        also,
        serde_json::json!([
            "20/1 (operative paragraph 4)",
            "21/1 (operative paragraph 4)"
        ])
    );
    assert_eq!(found("verb%3Aprie-instamment"), "A/RES/22/1 op2 fr");
    assert_eq!(found("verb%3Aurges+partager"), "A/RES/22/1 op2 fr");
    assert_eq!(found("verb%3Ademands"), "");
    browser.assert_no_errors();
}

/// The markup the force of leads adds (marks, counts, the filter, the steps, ≠) passes the Nu Html
/// Checker, and axe-core finds no violation on its pages, the filter on and off.
#[test]
fn the_force_pages_pass_the_html_checker_and_axe() {
    use crate::support::browser::file_url;
    let (out, _site) = build(&fixture("sites/force"));
    let public = out.path().join("public");
    let errors = crate::support::tools::vnu_errors(&public);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let axe = crate::support::tools::axe_source();
    let browser = Browser::launch();
    let mut report = Vec::new();
    for page in [
        "fr/a-res-22-1.html?view=changes",
        "en/series/vigueur.html",
        "fr/a-res-22-1.html",
        "en/a-res-22-1.html?view=side&with=fr",
    ] {
        let (file, query) = page.split_once('?').unwrap_or((page, ""));
        let url = file_url(&public.join(file));
        browser.open(&if query.is_empty() {
            url
        } else {
            format!("{url}?{query}")
        });
        if page.contains("changes") {
            wait_for_changes(&browser);
        }
        if page.contains("side") {
            let js = "new Promise(done => { const t = Date.now(); (function wait() { \
                      if (document.querySelector('.view-area .force-note') || Date.now() - t > 5000) \
                      done(!!document.querySelector('.view-area .force-note')); else setTimeout(wait, 50); })(); })";
            assert_eq!(
                browser.eval(js).as_bool(),
                Some(true),
                "side by side shows the mark"
            );
        }
        browser.eval("document.querySelectorAll('details').forEach(d => d.open = true)");
        for v in crate::quality::violations(&browser, &axe) {
            report.push(format!("{page}: {v}"));
        }
        if page.contains("changes") {
            browser.eval("document.querySelector('button[data-force-filter]').click()");
            for v in crate::quality::violations(&browser, &axe) {
                report.push(format!("{page} (filtered): {v}"));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
