//! One small fixture per layout the United Nations print, written for these tests after the
//! real texts of `../shared/corpus-dev/` (`tests/fixtures/import/layouts/`), each checked for
//! what a reader of the official text would find: the paragraphs, their ids, the footnotes at
//! their words, the header fields, nothing of the page left in the text.

use std::path::Path;

use jiff::civil::date;

use super::{Parsed, parse_raw};

fn fixture(name: &str) -> Parsed {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/layouts")
        .join(name);
    let text = fs_err::read_to_string(&path).expect("fixture reads");
    parse_raw(&path, &text, None).expect("fixture parses")
}

fn counts(p: &Parsed) -> (usize, usize, usize, usize) {
    super::corpus_tests::counts(p)
}

fn clean(p: &Parsed) {
    let left = super::corpus_tests::leftovers(p);
    assert!(left.is_empty(), "{left:#?}");
}

#[test]
fn wrapped_pdf_with_multi_line_header_page_furniture_and_page_foot_notes() {
    let p = fixture("pdf-wrapped-en.txt");
    assert_eq!(counts(&p), (3, 2, 6, 0));
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    clean(&p);
    let h = &p.header;
    assert_eq!(h.symbol.as_ref().map(|s| s.as_str()), Some("A/RES/80/901"));
    assert_eq!(h.agenda_item.as_deref(), Some("27 (a)"));
    assert_eq!(
        h.agenda_title.as_deref(),
        Some(
            "Social development: implementation of the outcome of the World Summit for Social Development"
        )
    );
    assert_eq!(h.distributed, Some(date(2025, 10, 2)));
    assert_eq!(h.adopted, Some(date(2025, 9, 30)));
    assert_eq!(h.meeting, Some(6));
    assert_eq!(h.report.len(), 1);
    assert_eq!(
        h.title.as_deref(),
        Some("Cooperatives in post-conflict recovery and gender-balanced development")
    );
    let md = &p.markdown;
    // Markers glued to a word, a year, punctuation, after a title, in a year range.
    assert!(md.contains("the Rights of the Child[^1] and"), "{md}");
    assert!(md.contains("18 December 1979,[^2]"), "{md}");
    assert!(
        md.contains("Sustainable Development[^4] and the Addis"),
        "{md}"
    );
    assert!(md.contains("for the period 2025–2028[^5] adopted"), "{md}");
    // A paragraph cut by the page foot, its notes and the next page's running title.
    assert!(
        md.contains("the role of the Committee on Disarmament[^6] in this regard,"),
        "{md}"
    );
    // Line-end hyphens of compounds kept; note bodies over two lines joined.
    assert!(md.contains("in post-conflict recovery and in gender-balanced development"));
    assert!(md.contains("Official Records of the General Assembly, Seventy-ninth Session,"));
    // Numbers and letters alone on their lines open their paragraphs.
    assert!(md.contains("1. *Encourages* Member States:\n\n   - (a) To support cooperatives"));
    assert!(
        md.contains("[^6]: See A/50/426, annex.\n"),
        "the note after the closing line"
    );
}

#[test]
fn one_line_layout_with_notes_between_paragraphs_headings_and_lost_labels() {
    let p = fixture("pdf-oneline-en.txt");
    assert_eq!(counts(&p), (3, 3, 3, 0));
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    clean(&p);
    let h = &p.header;
    assert_eq!(h.session, Some(80));
    assert_eq!(h.agenda_item.as_deref(), Some("99 (c)"));
    assert_eq!(
        h.agenda_title.as_deref(),
        Some("General and complete disarmament: transparency of military expenditures")
    );
    assert_eq!(h.distributed, Some(date(2025, 12, 4)));
    let md = &p.markdown;
    // The paragraph the notes interrupted is whole; the repeated title is gone.
    assert!(md.contains("regional organizations in the field of transparency, and welcoming the new online reporting tool,[^3]"), "{md}");
    assert!(!md.contains("\n\nObjective information"), "{md}");
    // Notes over two lines; the note printed after the closing line.
    assert!(md.contains("(United Nations publication, Sales No. E.25.IX.1)."));
    assert!(md.contains("[^3]: See https://milex-reporting.unoda.org/en/reporting-tool.\n"));
    // The extraction's gap after a hyphen is closed.
    assert!(md.contains("confidence-building measures"));
    // A section heading, and sub-paragraphs whose letters the extraction lost.
    assert!(
        md.contains("\n\n### Reporting system\n\n1. *Calls upon*"),
        "{md}"
    );
    assert!(md.contains("   - (a) To continue the practice"), "{md}");
    assert!(md.contains("   - (b) To circulate annually"), "{md}");
    assert!(
        md.contains("     - (i) By electronic means;\n\n     - (ii) In print"),
        "{md}"
    );
    assert!(
        md.contains("   - (c) To promote regional symposiums"),
        "{md}"
    );
}

#[test]
fn an_annex_after_an_opening_without_comma_is_imported_whole() {
    let p = fixture("pdf-annex-en.txt");
    assert_eq!(counts(&p), (0, 1, 3, 4));
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    clean(&p);
    assert!(p.complete);
    assert_eq!(p.opening, "The General Assembly");
    assert!(p.body.unnumbered);
    assert_eq!(
        p.header.committee,
        Some(crate::formats::meta::Committee::Plenary)
    );
    assert_eq!(
        p.header.draft.as_ref().map(|s| s.as_str()),
        Some("A/80/L.9/Rev.1")
    );
    let annex = &p.body.annexes[0];
    assert_eq!(annex.heading, "Annex");
    assert_eq!(
        annex.title.as_deref(),
        Some("Political declaration of the Summit on Rural Cooperatives")
    );
    let headings: Vec<&str> = annex.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        headings,
        [
            "I. A call to action",
            "II. Follow-up and review of the implementation of this declaration by the Commission for Social Development"
        ]
    );
    let md = &p.markdown;
    assert!(
        md.starts_with("The General Assembly\n\n- *Adopts* the Political Declaration"),
        "{md}"
    );
    assert!(md.contains("\n\n## Annex\n\n### Political declaration of the Summit on Rural Cooperatives\n\n1. We, Heads of State"), "{md}");
    assert!(
        md.contains("Social Development[^1] and to the 2030 Agenda.[^2]"),
        "{md}"
    );
    assert!(
        md.contains("where cooperatives can make a decisive contribution."),
        "{md}"
    );
    assert!(md.contains("3. We commit to:\n\n   - (a) Supporting cooperatives in the least developed countries;[^3]"), "{md}");
}

#[test]
fn a_french_pdf_with_furniture_glued_markers_and_an_annex_stays_exact() {
    let p = fixture("pdf-annexe-fr.txt");
    assert_eq!(p.lang, "fr");
    assert_eq!(counts(&p), (1, 2, 4, 2));
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    clean(&p);
    let h = &p.header;
    assert_eq!(h.session, Some(80));
    assert_eq!(h.agenda_item.as_deref(), Some("13"));
    assert!(
        h.agenda_title
            .as_deref()
            .is_some_and(|t| t.ends_with("sous l’égide de l’Organisation des Nations Unies"))
    );
    assert_eq!(h.distributed, Some(date(2025, 10, 20)));
    assert_eq!(h.meeting, Some(18));
    assert_eq!(h.draft.as_ref().map(|s| s.as_str()), Some("A/80/L.4"));
    let md = &p.markdown;
    assert!(md.contains("relative aux droits de l’enfant[^1],"), "{md}");
    assert!(
        md.contains("\n\n## Annexe\n\n### Déclaration politique d’Awaza\n\n1. Nous, chefs d’État"),
        "{md}"
    );
    assert!(
        md.contains("la décennie 2024-2034[^2], qui s’appuie"),
        "{md}"
    );
    assert!(md.contains("du Programme d’action de Vienne[^3].\n\n### I. Contexte mondial et engagements communs\n\n2. Nous"), "{md}");
    assert!(md.contains("en faveur du Programme 2030[^4]."), "{md}");
}

#[test]
fn a_markdown_conversion_uses_its_front_matter_and_never_leaves_an_undefined_call() {
    let p = fixture("markdown-conversion-en.md");
    assert_eq!(counts(&p), (4, 2, 5, 0));
    clean(&p);
    let h = &p.header;
    assert_eq!(h.symbol.as_ref().map(|s| s.as_str()), Some("A/RES/80/905"));
    // The title line stops at "and": the front matter's title completes it.
    assert_eq!(
        h.title.as_deref(),
        Some("Nuclear-weapon-free zones in the southern hemisphere and adjacent areas")
    );
    let md = &p.markdown;
    // Calls written [^N], glued digits, and a note whose text stood in the body.
    assert!(md.contains("General Assembly,[^1]\n"), "{md}");
    assert!(
        md.contains("Tlatelolco,[^3] Rarotonga[^4] and Pelindaba[^7] establishing"),
        "{md}"
    );
    assert!(md.contains("[^7]: A/50/426, annex.\n"), "{md}");
    assert!(md.contains("Sales No. E.86.IX.7), appendix VII."), "{md}");
    // [^9] has no text anywhere: the call is left out, with a warning at its line.
    assert!(md.contains("zone treaties,\n"), "{md}");
    assert!(!md.contains("[^9]"));
    let warnings: Vec<String> = p.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("markdown-conversion-en.md:34") && warnings[0].contains("footnote 9"),
        "{warnings:?}"
    );
}

#[test]
fn a_markdown_conversion_with_its_annex_title_running_headers_and_lost_numbers_on_one_line() {
    let p = fixture("markdown-conversion-annex-en.md");
    assert_eq!(counts(&p), (0, 1, 3, 4));
    clean(&p);
    let h = &p.header;
    // "Distr.: General" without its date: the adoption line is not taken for it.
    assert_eq!(h.adopted, Some(date(2025, 11, 24)));
    assert_eq!(
        h.distributed,
        Some(date(2025, 11, 26)),
        "the front matter's date"
    );
    let annex = &p.body.annexes[0];
    assert_eq!(annex.heading, "Annex");
    assert_eq!(
        annex.title.as_deref(),
        Some("Political declaration on rural cooperatives")
    );
    let numbers: Vec<u32> = annex.paragraphs.iter().map(|a| a.number).collect();
    assert_eq!(
        numbers,
        [1, 2, 4, 5],
        "numbered lines without blank lines, 3 lost"
    );
    let md = &p.markdown;
    assert!(md.contains("Non-Proliferation of Nuclear Weapons[^1] and the advisory opinion of the International Court of Justice,[^2] in which"), "{md}");
    assert!(md.contains("4. We express solidarity with the members of cooperatives, and we:\n\n   - (a) Recognize their contribution;"), "{md}");
    assert!(
        !md.contains("A/RES/80/906"),
        "the running header is gone: {md}"
    );
    // The second "(a)" under paragraph 5 keeps its words in the first, with a warning.
    assert!(
        md.contains("   - (a) In the annual report; (a) In a special report.\n"),
        "{md}"
    );
    let warnings: Vec<String> = p.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("sub-paragraph (a) appears twice under annex paragraph 5"),
        "{warnings:?}"
    );
}

#[test]
fn a_french_one_line_layout_with_french_labels_keeps_french_typography() {
    let p = fixture("pdf-oneline-fr.txt");
    assert_eq!(p.lang, "fr");
    assert_eq!(counts(&p), (2, 2, 2, 0));
    assert!(p.warnings.is_empty(), "{}", p.warnings);
    clean(&p);
    let h = &p.header;
    assert_eq!(h.agenda_item.as_deref(), Some("62 (b)"));
    assert_eq!(
        h.agenda_title.as_deref(),
        Some("Consolidation et pérennisation de la paix")
    );
    assert_eq!(h.distributed, Some(date(2025, 12, 1)), "« 1er décembre »");
    assert_eq!(h.meeting, Some(51));
    let md = &p.markdown;
    assert!(md.contains("du Conseil de sécurité[^1],\n\n### Commission de consolidation de la paix\n\n1. *Réaffirme*"), "{md}");
    // "a)" and "i)" as French prints them are the labels (a) and (i).
    assert!(
        md.contains("   - (a) En priant la Commission d’établir"),
        "{md}"
    );
    assert!(
        md.contains("     - (i) En aidant les États Membres"),
        "{md}"
    );
    // The space French puts before a semicolon stays after the marker.
    assert!(md.contains("à participer aux débats[^2] ;"), "{md}");
}

#[test]
fn a_text_that_adopts_an_annex_it_does_not_hold_is_an_excerpt() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/layouts/pdf-annex-en.txt");
    let text = fs_err::read_to_string(&path).expect("fixture reads");
    let cut = &text[..text.find("\nAnnex \n").expect("the annex heading")];
    let p = parse_raw(&path, cut, None).expect("parses");
    assert!(p.body.annexes.is_empty());
    assert!(!p.complete);
    assert_eq!(
        p.remark.as_deref(),
        Some("The source text stops at the end of the resolution; the annex is missing.")
    );
}
