//! What changed between the texts of a series: comparison pages checked through their `data-*`
//! attributes (the bundled archive, for the facts the issue names, and the `compare` fixture, for
//! renumbering, a new, a dropped, a split and a typography-only paragraph), the links between
//! comparisons, resolution pages and the series page, and the history of paragraphs.

use std::collections::BTreeMap;

use recueil::analysis::{Analysis, StepKind};
use recueil::config::Config;
use regex::Regex;

use crate::support::site::Site;
use crate::support::{fixture, repo_root};

fn build(root: &std::path::Path) -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(root, Some(&public), false).expect("the site builds");
    let site = Site::read(&public);
    (out, site)
}

/// One aligned row of a comparison page, as a program reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AlignedRow {
    status: String,
    from: String,
    to: String,
}

/// The rows of paragraphs of a comparison page, in order (the footnotes' rows come after them).
fn rows(html: &str) -> Vec<AlignedRow> {
    let html = &html[..html.find("id=\"part-footnotes\"").unwrap_or(html.len())];
    let re = Regex::new(r#"data-status="([a-z]+)" data-from="([^"]*)" data-to="([^"]*)""#).unwrap();
    re.captures_iter(html)
        .map(|c| AlignedRow {
            status: c[1].to_string(),
            from: c[2].to_string(),
            to: c[3].to_string(),
        })
        .collect()
}

/// The rows by the newer paragraph's id (`to`); dropped rows are left out.
fn by_newer_id(html: &str) -> BTreeMap<String, AlignedRow> {
    rows(html)
        .into_iter()
        .filter(|r| !r.to.is_empty())
        .map(|r| (r.to.clone(), r))
        .collect()
}

fn row(status: &str, from: &str, to: &str) -> AlignedRow {
    AlignedRow {
        status: status.into(),
        from: from.into(),
        to: to.into(),
    }
}

/// The text of the row whose newer id is `to`.
fn row_text<'h>(html: &'h str, to: &str) -> &'h str {
    let start = html
        .find(&format!("data-to=\"{to}\""))
        .unwrap_or_else(|| panic!("no row to {to}"));
    let rest = &html[start..];
    &rest[..rest.find("</li>").unwrap()]
}

#[test]
fn from_59_187_to_61_168_operative_1_to_9_continue_op10_is_new_and_op5_is_unchanged() {
    let (_out, site) = build(&repo_root());
    let page = site.page("fr/compare/a-res-59-187--a-res-61-168.js");
    let rows = by_newer_id(page);
    for n in 1..=9 {
        let id = format!("op{n}");
        let row = &rows[&id];
        assert_eq!(row.from, id, "59/187 {id} continues as 61/168 {id}");
        assert_ne!(row.status, "new");
    }
    assert_eq!(
        rows["op5"].status, "unchanged",
        "op5 differs only in its apostrophes: typography is not a change"
    );
    assert_eq!(rows["op10"], row("new", "", "op10"));
    assert!(row_text(page, "op10").contains("Secrétaire général"));
    assert_eq!(rows["op11"].from, "op10");
    assert_eq!(rows["pp5"], row("new", "", "pp5"));
    assert!(row_text(page, "pp5").contains("<em>Reconnaissant</em> que la promotion"));
    assert!(
        !page.contains(r#"data-status="dropped""#),
        "nothing is dropped"
    );
}

#[test]
fn from_61_168_to_68_160_in_french_because_62_160_is_incomplete() {
    let (_out, site) = build(&repo_root());
    assert!(
        !site
            .pages
            .contains_key("fr/compare/a-res-62-160--a-res-68-160.js"),
        "62/160 fr is incomplete: 68/160 is not compared with it"
    );
    let page = site.page("fr/compare/a-res-61-168--a-res-68-160.js");
    assert!(page.contains("Ce qui a changé"), "in French");
    let notice = page
        .split("notice skipped")
        .nth(1)
        .expect("the page says why");
    assert!(notice.contains(">62/160</a> est incomplet"), "{notice}");
    let rows = by_newer_id(page);
    for new in ["op8", "op10", "op12"] {
        assert_eq!(rows[new], row("new", "", new));
    }
    for (older, newer) in [
        ("op8", "op9"),
        ("op9", "op11"),
        ("op10", "op13"),
        ("op11", "op14"),
    ] {
        assert_eq!(
            rows[newer].from, older,
            "61/168 {older} continues as 68/160 {newer}"
        );
    }
    assert_eq!(rows["pp5"], row("modified", "pp5", "pp5"));
    let pp5 = row_text(page, "pp5");
    assert!(
        pp5.contains("Reconnaissant") && pp5.contains("Considérant également"),
        "{pp5}"
    );
    assert_eq!(
        rows.values().filter(|r| r.status == "new").count(),
        3,
        "only op8, op10 and op12 are new"
    );
}

#[test]
fn an_incomplete_newer_text_is_compared_only_as_far_as_it_goes() {
    let (_out, site) = build(&repo_root());
    let page = site.page("fr/compare/a-res-61-168--a-res-62-160.js");
    let rows = rows(page);
    assert_eq!(rows.len(), 5, "pp1–pp5 of 62/160 fr: {rows:?}");
    assert!(rows.iter().all(|r| r.status != "dropped"), "{rows:?}");
    let notice = page.split("notice incomplete").nth(1).unwrap();
    assert!(
        notice.contains("#op11\">paragraphe 11</a>"),
        "what is not compared is named"
    );
}

#[test]
fn the_fixture_comparison_finds_renumbering_new_dropped_split_and_typography() {
    let (_out, site) = build(&fixture("sites/compare"));
    let page = site.page("fr/compare/a-res-1-1--a-res-3-1.js");
    assert_eq!(
        rows(page),
        [
            row("modified", "pp1", "pp1"),
            row("unchanged", "pp2", "pp2"),
            row("dropped", "pp3", ""),
            row("unchanged", "op1", "op1"),
            row("new", "", "op2"),
            row("unchanged", "op2", "op3"),
            row("modified", "op3", "op4 op5"),
            row("modified", "op4", "op6"),
        ]
    );
    let counts = Regex::new(r#"data-count="([a-z]+)"><dt>[^<]*</dt><dd>(\d+)"#).unwrap();
    let counts: Vec<String> = counts
        .captures_iter(page)
        .map(|c| format!("{}={}", &c[1], &c[2]))
        .collect();
    assert_eq!(counts, ["unchanged=3", "modified=3", "new=1", "dropped=1"]);
    let op6 = row_text(page, "op6");
    assert!(
        op6.contains("<del><span class=\"visually-hidden\">[supprimé\u{a0}: </span>deuxième"),
        "deletions are marked in words, not only by colour: {op6}"
    );
    assert!(op6.contains("<ins><span class=\"visually-hidden\">[ajouté\u{a0}: </span>quatrième"));
}

#[test]
fn comparisons_exist_per_language_and_link_both_ways() {
    let (_out, site) = build(&fixture("sites/compare"));
    let english = site.page("en/compare/a-res-1-1--a-res-3-1.js");
    assert!(english.contains("What changed"));
    let older = site.page("fr/a-res-1-1.html");
    assert!(older.contains(r#"href="../fr/a-res-3-1.html?view=changes" data-nav="compare-in""#));
    assert!(older.contains(r#"href="../fr/a-res-2-1.html?view=changes" data-nav="compare-in""#));
    let newer = site.page("fr/a-res-3-1.html");
    assert!(
        newer.contains(
            r#"href="?view=changes" data-view="changes" data-src="../fr/compare/a-res-1-1--a-res-3-1.js""#
        ),
        "{newer}"
    );
    let broken = site.broken_links();
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn each_paragraph_shows_where_it_comes_from() {
    let (_out, site) = build(&fixture("sites/compare"));
    let page = site.page("fr/a-res-3-1.html");
    let op3 = page.split("id=\"op3\"").nth(1).unwrap();
    let history = &op3[..op3.find("</details>").unwrap()];
    assert!(
        history.contains("Depuis 1/1 · sans changement"),
        "{history}"
    );
    assert!(
        history.contains(r#"href="../fr/a-res-1-1.html#op2""#),
        "{history}"
    );
    let op2 = page.split("id=\"op2\"").nth(1).unwrap();
    assert!(op2[..op2.find("</details>").unwrap()].contains("Nouveau dans ce texte"));
    assert!(op2.contains(r#"href="../fr/a-res-3-1.html?view=changes#op2""#));
    let earliest = site.page("fr/a-res-1-1.html");
    let pp3 = earliest.split("id=\"pp3\"").nth(1).unwrap();
    assert!(
        pp3[..pp3.find("</details>").unwrap()].contains("Ensuite\u{a0}: supprimé dans 3/1"),
        "the earliest text says what became of its paragraphs"
    );
}

#[test]
fn the_series_page_draws_the_lineage_with_a_text_alternative() {
    let (_out, site) = build(&repo_root());
    let page = site.page("fr/series/international-cooperation-human-rights.html");
    let svg = &page[page.find("<svg class=\"chart\"").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains(r#"role="group""#) && svg.contains("<title id=\"chart-title\">"));
    // Each box opens its paragraph, each step its comparison.
    assert!(svg.contains(r#"<a class="para-box new" href="../../fr/a-res-68-160.html#op8""#));
    assert!(svg.contains(r#"href="../../fr/a-res-68-160.html?view=changes#op13""#));
    assert!(
        svg.contains("59/187 → 61/168 → 68/160"),
        "the chain skips the incomplete 62/160"
    );
    assert!(svg.contains("<desc id=\"chart-desc\">"));
    assert_eq!(
        svg.matches("class=\"para-box new\"").count(),
        5,
        "pp5 and op10 in 61/168, op8, op10, op12 in 68/160"
    );
    let table = page
        .split("class=\"chart-table\"")
        .nth(1)
        .expect("the table alternative");
    assert!(table.contains(
        r#"href="../../fr/a-res-68-160.html#op12">op12</a> <span class="note">(nouveau)"#
    ));
    assert!(page.contains(r#"href="../../fr/a-res-68-160.html?view=changes" data-nav="compare""#));
    let english = site.page("en/series/international-cooperation-human-rights.html");
    assert!(
        english.contains("(texts in French)"),
        "no two English texts: the French chart, said so"
    );
}

#[test]
fn the_history_of_a_paragraph_follows_it_through_the_series() {
    let config = Config::load(&repo_root()).unwrap();
    let archive = recueil::load::load(&config).unwrap().archive;
    let analysis = Analysis::run(&archive);
    let latest = archive
        .resolutions
        .iter()
        .find(|r| r.symbol.short() == "68/160")
        .unwrap();
    let history = analysis
        .history(latest, "fr", "op9")
        .expect("op9 has a history");
    let steps: Vec<(String, String, StepKind)> = history
        .steps
        .iter()
        .map(|s| {
            (
                s.resolution.symbol.short().to_string(),
                s.ids.join(" "),
                s.kind,
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("59/187".into(), "op8".into(), StepKind::Earliest),
            ("61/168".into(), "op8".into(), StepKind::Modified),
            ("68/160".into(), "op9".into(), StepKind::Modified),
        ]
    );
    let op8 = analysis.history(latest, "fr", "op8").unwrap();
    assert_eq!(op8.origin().kind, StepKind::New);
}

#[test]
fn comparison_page_snapshot() {
    let (_out, site) = build(&fixture("sites/compare"));
    insta::assert_snapshot!(site.page("fr/compare/a-res-1-1--a-res-3-1.js"));
}

#[test]
fn comparisons_are_views_of_the_newer_text_and_their_old_addresses_lead_there() {
    let (out, site) = build(&repo_root());
    let sitemap = std::fs::read_to_string(out.path().join("public/sitemap.xml")).unwrap();
    for (older, newer) in [
        ("a-res-59-187", "a-res-61-168"),
        ("a-res-61-168", "a-res-62-160"),
        ("a-res-61-168", "a-res-68-160"),
    ] {
        let old = format!("fr/compare/{older}--{newer}.html");
        assert!(
            !sitemap.contains(&format!("{old}</loc>")),
            "{old} is no page to index"
        );
        assert!(
            site.page(&old)
                .contains(&format!("url=../../fr/{newer}.html?view=changes")),
            "{old} sends readers on"
        );
        assert!(
            site.page(&format!("fr/{newer}.html"))
                .contains(&format!("data-src=\"../fr/compare/{older}--{newer}.js\"")),
            "the newer text offers the comparison as a view"
        );
    }
}

/// A paragraph changed in every text of a long series: each page names where it first appears,
/// counts the texts between, and links the last one that changed it, so that a page's histories
/// do not grow with the series (and a reader walks the chain back page by page).
#[test]
fn a_history_stays_short_however_long_the_series() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\nlanguages = [\"en\"]\n\n[language.en]\ntitle = \"Long series\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content/series")).unwrap();
    std::fs::write(
        dir.path().join("content/series/long.yaml"),
        "title:\n  en: A long series\n",
    )
    .unwrap();
    let words = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    ];
    for (n, word) in words.iter().enumerate() {
        let session = n + 1;
        let folder = dir
            .path()
            .join(format!("content/resolutions/a-res-{session}-1"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("meta.yaml"),
            format!("symbol: A/RES/{session}/1\nseries: long\nsession: {session}\nadopted: {}-12-01\ntitle:\n  en: Long\n", 1950 + n),
        )
        .unwrap();
        std::fs::write(
            folder.join("en.md"),
            format!("The General Assembly,\n\n*Recalling* the Charter of the United Nations,\n\n1. *Requests* the Secretary-General to report on the {word} question of cooperation among States in the field of education and culture;\n"),
        )
        .unwrap();
    }
    let (_out, site) = build(dir.path());
    let last = site.page("en/a-res-7-1.html");
    let op1 = last.split("id=\"op1\"").nth(1).unwrap();
    let history = &op1[..op1.find("</details>").unwrap()];
    assert!(
        history.contains("Since 1/1 · changed 6 times, last in 7/1"),
        "{history}"
    );
    assert!(
        history.contains("changed in 4 more texts in between"),
        "{history}"
    );
    assert!(
        history.contains(r#"href="../en/a-res-1-1.html#op1""#),
        "the origin: {history}"
    );
    assert!(
        history.contains(r#"href="../en/a-res-6-1.html#op1""#),
        "the last change before: {history}"
    );
    for elided in ["a-res-2-1", "a-res-3-1", "a-res-4-1", "a-res-5-1"] {
        assert!(
            !history.contains(elided),
            "{elided} is counted, not listed: {history}"
        );
    }
}
