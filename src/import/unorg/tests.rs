//! One fixture per layout of the un.org pages (written for the tests, not copied from the
//! pages): the French header with `Date: … |` and one paragraph per line, cut short; a French
//! page with blank lines, notes and a recorded vote; the English typewriter page with the
//! `[on the report of …]` form. Then the rules one by one: markers, votes, detection, refusals.

use std::path::Path;

use jiff::civil::date;

use super::{header, is_unorg_page, notes};
use crate::diag::Problems;
use crate::formats::meta::{Committee, Vote};
use crate::import::detect::Format;
use crate::import::{Parsed, parse_raw};

const FR_CUT: &str = include_str!("../../../tests/fixtures/import/unorg/fr-cut-short.txt");
const FR_FULL: &str = include_str!("../../../tests/fixtures/import/unorg/fr-complete.txt");
const EN: &str = include_str!("../../../tests/fixtures/import/unorg/en-report.txt");

fn parse(text: &str) -> Parsed {
    parse_raw(Path::new("page.txt"), text, None).expect("the page parses")
}

fn counts(p: &Parsed) -> (usize, usize, usize) {
    (
        p.body.preamble.len(),
        p.body.operative.len(),
        p.footnotes.len(),
    )
}

fn symbols(list: &[crate::formats::symbol::Symbol]) -> Vec<&str> {
    list.iter().map(|s| s.as_str()).collect()
}

fn without_vote() -> Vote {
    Vote {
        without_vote: true,
        in_favour: None,
        against: None,
        abstaining: None,
    }
}

#[test]
fn french_page_cut_short_is_an_excerpt_with_its_header_facts() {
    let p = parse(FR_CUT);
    assert_eq!(p.format, Format::UnOrg);
    assert_eq!((p.symbol.as_str(), p.lang.as_str()), ("A/RES/52/134", "fr"));
    let h = &p.header;
    assert_eq!(h.adopted, Some(date(1997, 12, 12)));
    assert_eq!(h.meeting, Some(70));
    assert_eq!(h.session, Some(52));
    assert_eq!(symbols(&h.report), ["A/52/644/Add.2"]);
    assert_eq!(h.committee, None, "the page does not name the committee");
    assert_eq!(h.vote, Some(without_vote()));
    assert_eq!(
        h.title.as_deref(),
        Some("Renforcement de la coopération internationale dans le domaine des droits de l'homme")
    );
    // The second operative paragraph is cut in the middle ("et toute"): left out.
    assert_eq!(counts(&p), (4, 1, 2));
    assert!(!p.markdown.contains("et toute"));
    assert!(p.body.preamble[0].contains("adoptés le 25 juin 1993[^1], afin que"));
    assert!(p.body.operative[0].text.ends_with("le 18 avril 1997[^2];"));
    assert!(!p.complete);
    assert_eq!(
        p.remark.as_deref(),
        Some(
            "Le texte source s'arrête au milieu du paragraphe 2 du dispositif ; ce fragment n'est pas repris et la suite manque. Le texte des notes 1 et 2 ne figure pas dans la source."
        )
    );
    let meta = p.meta(None);
    assert_eq!(meta.vote, Some(without_vote()));
    assert!(!meta.texts["fr"].complete);
}

#[test]
fn notes_missing_from_a_cut_page_are_said_so_and_warned_with_their_lines() {
    let p = parse(FR_CUT);
    assert!(
        p.footnotes
            .iter()
            .all(|f| f.text == "*(Le texte de cette note ne figure pas dans la source.)*")
    );
    let warnings: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("page.txt:6: note 1/ is called here")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("page.txt:11: the unfinished paragraph")),
        "{warnings:?}"
    );
}

#[test]
fn french_page_with_blank_lines_notes_and_a_recorded_vote() {
    let p = parse(FR_FULL);
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    let h = &p.header;
    assert_eq!(p.symbol.as_str(), "A/RES/52/999");
    assert_eq!(
        h.title.as_deref(),
        Some("Coopération technique dans le domaine des archives publiques")
    );
    assert_eq!(h.adopted, Some(date(1997, 12, 15)));
    assert_eq!(h.meeting, Some(71));
    assert_eq!(symbols(&h.report), ["A/52/999", "A/52/999/Corr.1"]);
    assert_eq!(
        h.vote,
        Some(Vote {
            without_vote: false,
            in_favour: Some(150),
            against: Some(2),
            abstaining: Some(10),
        })
    );
    assert_eq!(counts(&p), (2, 3, 2));
    assert!(p.complete && p.remark.is_none());
    // A symbol keeps its slashes; a marker glued to a word or spaced is placed.
    assert!(p.body.preamble[0].contains("droits de l'homme[^1] et sa résolution 51/45 S du"));
    assert!(
        p.body.operative[0]
            .text
            .contains("un rapport[^2] sur la question;")
    );
    // French sub-paragraphs `a)` become `(a)`; note 1 is called a second time.
    assert_eq!(
        p.body.operative[1].subs,
        [
            "(a) À conserver leurs archives publiques;",
            "(b) À en faciliter l'accès aux chercheurs[^1];"
        ]
    );
    assert!(
        p.markdown
            .ends_with("[^1]: Résolution 217 A (III).\n\n[^2]: A/52/999.\n")
    );
}

#[test]
fn english_page_with_the_report_in_brackets_and_the_closing_lines() {
    let p = parse(EN);
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    assert_eq!((p.symbol.as_str(), p.lang.as_str()), ("A/RES/51/999", "en"));
    let h = &p.header;
    assert_eq!(h.session, Some(51));
    assert_eq!(h.agenda_item.as_deref(), Some("110 (b)"));
    assert_eq!(h.distributed, Some(date(1997, 3, 3)));
    assert_eq!(h.committee, Some(Committee::SpecialPolitical));
    assert_eq!(symbols(&h.report), ["A/51/999/Add.2"]);
    assert_eq!(
        h.title.as_deref(),
        Some("Cooperation among public record offices and archives")
    );
    assert_eq!((h.adopted, h.meeting), (Some(date(1996, 12, 12)), Some(82)));
    assert_eq!(h.vote, None, "the page records no vote");
    assert_eq!(counts(&p), (3, 2, 2));
    assert!(p.complete);
    assert!(p.body.preamble[0].contains("on 10 December 1948,[^1] and its resolution 50/153"));
    assert!(p.body.preamble[1].ends_with("on public archives,[^2]"));
    assert!(
        p.body.operative[0]
            .text
            .ends_with("report of the Secretary-General;[^2]")
    );
    assert_eq!(p.body.operative[1].subs.len(), 2);
    assert!(p.body.operative[1].text.contains("with Member States:"));
    assert_eq!(
        p.footnotes[1].text,
        "A/51/999, prepared by the Secretary-General."
    );
    assert!(!p.markdown.contains("posted online"));
    assert!(
        p.markdown
            .starts_with("The General Assembly,\n\n*Recalling* the")
    );
}

#[test]
fn english_page_cut_in_a_paragraph_or_after_one() {
    let cut = EN.find("the work of the Organization").unwrap();
    let p = parse(&EN[..cut]);
    assert_eq!(counts(&p), (2, 0, 2));
    assert!(!p.complete);
    assert_eq!(
        p.remark.as_deref(),
        Some(
            "The source text stops in the middle of the preambular paragraph after the second (pp2); that fragment is left out and the rest is missing. The text of notes 1 and 2 is not in the source."
        )
    );
    let end = EN.find("      2.    Requests").unwrap();
    let p = parse(&EN[..end]);
    assert_eq!(counts(&p), (3, 1, 2));
    assert!(
        p.remark
            .as_deref()
            .unwrap()
            .starts_with("The source text stops after operative paragraph 1 (op1); the rest")
    );
}

fn convert(text: &str) -> (String, Problems) {
    let mut body = crate::import::Body {
        preamble: vec![text.to_string()],
        ..Default::default()
    };
    let mut warnings = Problems::new();
    notes::place(Path::new("p.txt"), &mut body, &[3], &mut warnings);
    (body.preamble.remove(0), warnings)
}

#[test]
fn markers_glued_to_years_and_words_or_spaced_are_placed_and_symbols_kept() {
    for (raw, expected) in [
        ("le 25 juin 19931/, afin", "le 25 juin 1993[^1], afin"),
        ("de l'homme1/, les", "de l'homme[^1], les"),
        ("le 18 avril 1997 1/;", "le 18 avril 1997[^1];"),
        ("in 1993, 1/ to enhance", "in 1993,[^1] to enhance"),
        ("the Programme; 1/", "the Programme;[^1]"),
        (
            "A/52/644/Add.2, E/1997/23 and 51/45 S",
            "A/52/644/Add.2, E/1997/23 and 51/45 S",
        ),
        ("a 1/ b 2/ c 1/ d", "a[^1] b[^2] c[^1] d"),
        (
            "1/ 2/ 3/ 4/ 5/ 6/ 7/ 8/ 9/ 10/ 11/ en 199312/ et 19932/",
            "[^1][^2][^3][^4][^5][^6][^7][^8][^9][^10][^11] en 1993[^12] et 1993[^2]",
        ),
    ] {
        let (out, warnings) = convert(raw);
        assert_eq!(out, expected);
        assert!(warnings.is_empty(), "{warnings}");
    }
}

#[test]
fn a_marker_out_of_sequence_is_left_and_warned() {
    let (out, warnings) = convert("le Programme 5/ et");
    assert_eq!(out, "le Programme 5/ et");
    let w = warnings.iter().next().unwrap().to_string();
    assert!(
        w.contains("p.txt:3") && w.contains("note 1 expected"),
        "{w}"
    );
}

#[test]
fn votes_in_the_forms_the_pages_write() {
    assert_eq!(
        header::vote("Date: 1 mars 1997 Adoptée sans vote |"),
        Some(without_vote())
    );
    assert_eq!(header::vote("Adopted without a vote"), Some(without_vote()));
    let counts = |v: Option<Vote>| v.map(|v| (v.in_favour, v.against, v.abstaining));
    let expected = Some((Some(142), Some(0), Some(18)));
    assert_eq!(counts(header::vote("Vote: 142-0-18")), expected);
    assert_eq!(
        counts(header::vote(
            "Adoptée par 142 voix contre 0, avec 18 abstentions"
        )),
        expected
    );
    assert_eq!(
        counts(header::vote(
            "adopted by 142 votes to 0, with 18 abstentions"
        )),
        expected
    );
    assert_eq!(header::vote("Date: 12 décembre 1997"), None);
}

#[test]
fn a_text_adopted_without_reference_to_a_committee_is_plenary_without_report() {
    let fr = FR_CUT.replace(
        "Rapport: A/52/644/Add.2 |",
        "Rapport: Sans renvoi à une grande commission (A/52/L.50) |",
    );
    let h = parse(&fr).header;
    assert_eq!((h.committee, h.report.len()), (Some(Committee::Plenary), 0));
    let en = EN.replace(
        "[on the report of the Special Political and Decolonization Committee\n                     (Fourth Committee) (A/51/999/Add.2)]",
        "[without reference to a Main Committee (A/51/L.99)]",
    );
    let h = parse(&en).header;
    assert_eq!((h.committee, h.report.len()), (Some(Committee::Plenary), 0));
}

#[test]
fn pages_are_told_apart_from_pdf_and_markdown_texts() {
    assert!(is_unorg_page(FR_CUT) && is_unorg_page(FR_FULL) && is_unorg_page(EN));
    for seed in crate::import::tests::SEEDS {
        assert!(!is_unorg_page(seed));
    }
    let pdf = "A/RES/62/160\n[on the report of the Third Committee (A/62/439/Add.2)]\n62/160. Title\nThe General Assembly,\nRecalling its resolution 61/168 of 19 December 2006,\n1. Decides to remain seized of the matter.\n";
    assert!(!is_unorg_page(pdf));
}

#[test]
fn a_page_in_parts_or_without_symbol_is_refused_with_its_line() {
    let parts = EN.replace(
        "      The General Assembly,",
        "A\n\n      The General Assembly,",
    );
    let err = parse_raw(Path::new("p.txt"), &parts, None).unwrap_err();
    assert!(err.to_string().contains("in parts"), "{err}");
    let anonymous = FR_CUT.replacen("52/134 | ", "", 1);
    let err = parse_raw(Path::new("p.txt"), &anonymous, None).unwrap_err();
    let p = err.iter().next().unwrap();
    assert!(p.message.contains("no symbol found"), "{}", p.message);
    assert_eq!(p.line, Some(5), "the opening line");
}

#[test]
fn a_heading_inside_the_body_is_left_out_and_the_text_marked_incomplete() {
    let text = EN.replace(
        "      2.    Requests",
        "                 I. RECORD OFFICES\n\n      2.    Requests",
    );
    let p = parse(&text);
    assert_eq!(counts(&p), (3, 2, 2));
    assert!(!p.complete);
    assert_eq!(
        p.remark.as_deref(),
        Some("The headings of the text (“I. RECORD OFFICES”) are left out.")
    );
}

#[test]
fn the_vote_of_a_second_language_fills_the_meta_of_the_first() {
    let mut meta = parse(EN).meta(None);
    let french = parse(&FR_CUT.replace("52/134", "51/999")).meta(None);
    let mut warnings = Problems::new();
    crate::import::merge::merge_meta(&mut meta, &french, Path::new("meta.yaml"), &mut warnings);
    assert_eq!(meta.vote, Some(without_vote()));
}

#[test]
fn wrapped_lines_without_blank_lines_rejoin_their_paragraph() {
    let text = "52/998 | Titre | |\nDate: 2 mars 1997 Adoptée sans vote |\nSéance plénière: 60ème\nRapport: A/52/998 |\nL'Assemblée générale,\nRappelant sa résolution 50/1 du\n1er janvier 1996 1/,\nConsidérant que la question\nreste ouverte,\n1. Décide de poursuivre\nl'examen de la question.\n1/ Voir A/50/1.\n";
    let p = parse(text);
    assert_eq!(counts(&p), (2, 1, 1));
    assert_eq!(
        p.body.preamble[0],
        "*Rappelant* sa résolution 50/1 du 1er janvier 1996[^1],"
    );
    assert_eq!(
        p.body.operative[0].text,
        "*Décide* de poursuivre l'examen de la question."
    );
    assert_eq!(p.footnotes[0].text, "Voir A/50/1.");
    assert!(p.complete, "{:?}", p.remark);
}

/// Errors the archive's own loader finds in a canonical text.
fn loader_errors(markdown: &str) -> Vec<String> {
    let path = Path::new("fr.md");
    let (mut parsed, mut problems) = crate::load::text::parse_text(path, markdown);
    crate::load::text::link_footnotes(path, &mut parsed, &mut problems);
    problems
        .iter()
        .filter(|p| p.severity == crate::diag::Severity::Error)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn pages_cut_anywhere_never_panic_and_give_texts_the_loader_takes() {
    let mut imported = 0;
    // Each page, and where its last note ends (a cut before that is never complete).
    let ends = [
        (FR_CUT, FR_CUT.len() + 1),
        (FR_FULL, FR_FULL.find("A/52/999.\n").unwrap() + 9),
        (EN, EN.find("General.\n").unwrap() + 8),
    ];
    for (page, end) in ends {
        let cuts: Vec<usize> = page.char_indices().map(|(i, _)| i).step_by(17).collect();
        for cut in cuts {
            if let Ok(p) = parse_raw(Path::new("p.txt"), &page[..cut], None) {
                assert_eq!(
                    loader_errors(&p.markdown),
                    Vec::<String>::new(),
                    "{}",
                    p.markdown
                );
                assert!(!p.complete || cut >= end, "{}", &page[..cut]);
                imported += 1;
            }
            let _ = parse_raw(Path::new("p.txt"), &page[cut..], Some("fr"));
        }
    }
    assert!(imported > 50, "{imported}");
}
