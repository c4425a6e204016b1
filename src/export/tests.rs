//! Unit tests of the export: ids, inline markup, and a small archive's documents.

use std::path::Path;

use super::akn::eid;
use super::inline::{self, Notes};
use crate::archive::Text;

fn text(source: &str) -> Text {
    let (mut parsed, problems) = crate::load::text::parse_text(Path::new("fr.md"), source);
    assert!(!problems.has_errors(), "{problems}");
    parsed.each_paragraph_mut(|p| p.cites = crate::archive::references::find(&p.plain).references);
    for f in &mut parsed.footnotes {
        f.cites = crate::archive::references::find(&f.plain).references;
    }
    Text {
        lang: "fr".into(),
        path: "fr.md".into(),
        complete: true,
        remark: None,
        opening: parsed.opening,
        paragraphs: parsed.paragraphs,
        annexes: parsed.annexes,
        footnotes: parsed.footnotes,
    }
}

#[test]
fn eids_follow_the_naming_convention_from_the_archive_ids() {
    assert_eq!(eid("pp3"), "recital_3");
    assert_eq!(eid("op10"), "para_10");
    assert_eq!(eid("op4-a"), "para_4__subpara_a");
    assert_eq!(eid("op4-a-ii"), "para_4__subpara_a__point_ii");
    assert_eq!(eid("fn2"), "authorialNote_2");
    assert_eq!(eid("annex-3"), "annex__para_3");
    assert_eq!(eid("annex2-pp1"), "annex2__recital_1");
    assert_eq!(eid("annex-3-a"), "annex__para_3__subpara_a");
    assert_eq!(eid("annex-fn1"), "annex__authorialNote_1");
}

#[test]
fn the_loader_keeps_each_paragraphs_markdown_without_its_number_or_label() {
    let t = text(
        "L’Assemblée générale,\n\n*Rappelant* sa résolution 61/168[^1],\n\n1. *Demande* aux États :\n\n   - (a) De faire *ceci* ;\n\n     - (i) et cela ;\n\n[^1]: Voir *Documents officiels*.\n",
    );
    assert_eq!(
        t.paragraphs[0].markdown,
        "*Rappelant* sa résolution 61/168[^1],"
    );
    assert_eq!(t.paragraphs[1].markdown, "*Demande* aux États :");
    assert_eq!(t.paragraphs[1].subs[0].markdown, "De faire *ceci* ;");
    assert_eq!(t.paragraphs[1].subs[0].subs[0].markdown, "et cela ;");
    assert_eq!(t.footnotes[0].markdown, "Voir *Documents officiels*.");
}

#[test]
fn inline_markup_carries_italics_footnotes_and_citations() {
    let t = text(
        "L’Assemblée générale,\n\n*Rappelant* sa résolution 61/168[^1] & la « Charte » < 3,\n\n1. *Note* encore[^1].\n\n[^1]: Voir résolution 55/2.\n",
    );
    let mut notes = Notes::of(&t);
    let mut out = String::new();
    let p = &t.paragraphs[0];
    inline::write(&p.markdown, &p.cites, &mut notes, &mut out);
    assert_eq!(
        out,
        "<i>Rappelant</i> sa résolution <ref href=\"https://undocs.org/fr/A/RES/61/168\">61/168</ref><authorialNote eId=\"authorialNote_1\" marker=\"1\" placement=\"bottom\"><p>Voir résolution <ref href=\"https://undocs.org/fr/A/RES/55/2\">55/2</ref>.</p></authorialNote> &amp; la « Charte » &lt; 3,"
    );
    // A second reference to the same footnote points to the note placed first.
    let mut out = String::new();
    let p = &t.paragraphs[1];
    inline::write(&p.markdown, &p.cites, &mut notes, &mut out);
    assert_eq!(
        out,
        "<i>Note</i> encore<noteRef href=\"#authorialNote_1\" marker=\"1\"/>."
    );
}

#[test]
fn a_citation_across_markup_is_left_unwrapped_rather_than_break_the_nesting() {
    let t = text("L’Assemblée générale,\n\n*Rappelant sa résolution 61*/168,\n");
    let p = &t.paragraphs[0];
    let mut out = String::new();
    inline::write(&p.markdown, &p.cites, &mut Notes::of(&t), &mut out);
    assert!(!out.contains("<ref"), "{out}");
    assert!(
        roxmltree::Document::parse(&format!("<p>{out}</p>")).is_ok(),
        "{out}"
    );
}

#[test]
fn characters_xml_cannot_hold_are_dropped_and_the_rest_escaped() {
    let mut out = String::new();
    super::inline::escape("a\u{1}b<&>\"c\u{ffff}", &mut out);
    assert_eq!(out, "ab&lt;&amp;&gt;&quot;c");
}
