//! Building fixture sites: what pages exist, where links lead, what readers see.

use crate::support::main_of;
use crate::support::site::Site;
use crate::support::{copy_fixture, fixture};

fn build_basic() -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&fixture("sites/basic"), Some(&public), false)
        .expect("the basic fixture builds");
    let site = Site::read(&public);
    (out, site)
}

#[test]
fn every_internal_link_of_the_basic_site_resolves() {
    let (_out, site) = build_basic();
    assert!(site.pages.len() >= 8, "{:?}", site.pages.keys());
    let broken = site.broken_links();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn pages_exist_at_the_promised_urls() {
    let (_out, site) = build_basic();
    for page in [
        "index.html",
        "en/index.html",
        "fr/a-res-10-1.html",
        "fr/a-res-11-2.html",
        "en/a-res-11-2.html",
        "parallel/a-res-11-2.html",
        "fr/text/a-res-11-2.js",
        "en/text/a-res-11-2.js",
        "fr/series/coop.html",
        "en/series/coop.html",
    ] {
        site.page(page);
    }
    // 10/1 has no English text: no page pretends it has.
    assert!(!site.pages.contains_key("en/a-res-10-1.html"));
    assert!(!site.pages.contains_key("parallel/a-res-10-1.html"));
    assert!(!site.pages.contains_key("fr/text/a-res-10-1.js"));
}

#[test]
fn each_page_declares_its_language() {
    let (_out, site) = build_basic();
    assert!(
        site.page("fr/a-res-10-1.html")
            .contains("<html lang=\"fr\">")
    );
    assert!(
        site.page("en/a-res-11-2.html")
            .contains("<html lang=\"en\">")
    );
    let parallel = site.page("parallel/a-res-11-2.html");
    assert!(
        parallel.contains("<html lang=\"fr\">"),
        "the parallel page's old address speaks the default language"
    );
    // Each cell of a side-by-side fragment carries its language, wherever it is shown.
    for lang in ["fr", "en"] {
        let fragment = site.page(&format!("{lang}/text/a-res-11-2.js"));
        let cells =
            fragment.matches("class=\"cell ").count() + fragment.matches("class=\"cell\"").count();
        let tagged = fragment
            .matches(&format!(" lang=\"{lang}\" data-row="))
            .count();
        assert_eq!(cells, tagged, "{lang}: every cell says its language");
        assert!(cells > 5);
    }
}

#[test]
fn paragraphs_are_anchored_by_their_ids() {
    let (_out, site) = build_basic();
    let ids = Site::ids(site.page("en/a-res-11-2.html"));
    for id in [
        "pp1", "pp2", "op1", "op2", "op2-a", "op2-b", "op3", "fn1", "fnref1",
    ] {
        assert!(ids.contains(id), "missing #{id} in {ids:?}");
    }
    let fr = Site::ids(site.page("fr/a-res-10-1.html"));
    assert!(fr.contains("op2") && !fr.contains("op3"));
}

#[test]
fn the_side_by_side_view_aligns_by_id_and_explains_gaps() {
    let (_out, site) = build_basic();
    let fr = site.page("fr/text/a-res-11-2.js");
    let en = site.page("en/text/a-res-11-2.js");
    let cell = |html: &str| -> String {
        html.split(r#"data-row="op1""#)
            .nth(1)
            .unwrap()
            .split("data-row=")
            .next()
            .unwrap()
            .to_string()
    };
    // op1 exists only in English; the French cell says why it is empty.
    let french = cell(fr);
    assert!(
        french.contains("Absent de la source, incomplète après l’alinéa 2 du préambule."),
        "{french}"
    );
    assert!(cell(en).contains("<em>Reaffirms</em>"));
    // Footnote anchors of the two languages do not collide with each other or with the page's.
    assert!(Site::ids(fr).contains("fr-fn1"));
    assert!(Site::ids(en).contains("en-fn1"));
    assert!(
        !Site::ids(en).contains("op1"),
        "rows leave the page's ids to the page"
    );
}

#[test]
fn lineage_links_walk_the_series_including_members_not_held() {
    let (_out, site) = build_basic();
    let first = site.page("fr/a-res-10-1.html");
    assert!(
        first.contains(r#"href="https://undocs.org/fr/A/RES/9/5" rel="prev external""#),
        "9/5 is not held: official link"
    );
    assert!(first.contains(r#"href="../fr/a-res-11-2.html" rel="next""#));
    let english = site.page("en/a-res-11-2.html");
    // 10/1 has no English text: the English page links to the French one and says so.
    assert!(
        english
            .contains(r#"href="../fr/a-res-10-1.html" rel="prev" data-nav="prev" hreflang="fr""#),
        "{english}"
    );
    assert!(
        english.contains("available in French"),
        "the language is named in the page's language"
    );
    let series = site.page("fr/series/coop.html");
    let order: Vec<_> = ["A/RES/9/5", "A/RES/10/1", "A/RES/11/2", "A/RES/12/7"]
        .iter()
        .map(|s| {
            series
                .find(&format!("data-symbol=\"{s}\""))
                .unwrap_or_else(|| panic!("{s} missing"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "members in session order: {order:?}"
    );
}

#[test]
fn an_incomplete_text_is_flagged_to_readers() {
    let (_out, site) = build_basic();
    let page = site.page("fr/a-res-11-2.html");
    assert!(page.contains("Texte incomplet"));
    assert!(
        page.contains("La source s’arrête après le deuxième alinéa."),
        "the remark of meta.yaml is shown"
    );
    let english = site.page("en/a-res-11-2.html");
    assert!(
        english.contains("This text in French</a> <span class=\"flag\">(incomplete text)</span>"),
        "{english}"
    );
    assert!(!site.page("fr/a-res-10-1.html").contains("Texte incomplet"));
}

#[test]
fn metadata_values_are_escaped() {
    let dir = copy_fixture("sites/basic");
    let meta = dir.path().join("content/resolutions/a-res-10-1/meta.yaml");
    let text = std::fs::read_to_string(&meta).unwrap().replace(
        "agenda_item: 5 (a)",
        "agenda_item: \"<script>alert(1)</script>\"",
    );
    std::fs::write(&meta, text).unwrap();
    let out = dir.path().join("public");
    recueil::build::build(dir.path(), Some(&out), false).unwrap();
    let page = std::fs::read_to_string(out.join("fr/a-res-10-1.html")).unwrap();
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;"));
}

#[test]
fn resolution_page_snapshot() {
    let (_out, site) = build_basic();
    insta::assert_snapshot!(main_of(site.page("en/a-res-11-2.html")));
}

#[test]
fn side_by_side_fragment_snapshot() {
    let (_out, site) = build_basic();
    insta::assert_snapshot!(site.page("fr/text/a-res-11-2.js"));
}

#[test]
fn a_build_piped_to_a_log_prints_plain_lines_and_its_summary() {
    let dir = copy_fixture("sites/basic");
    let output = crate::support::recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    let log = crate::support::stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{log}");
    assert!(
        !log.contains('\r') && !log.contains('\u{1b}'),
        "nothing redrawn in a log: {log:?}"
    );
    let last = log.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("built ") && last.contains(" pages (") && last.ends_with(" ms"),
        "{log}"
    );
}
