//! The parser's tests: each form of the canonical text, each id it gives, each problem with
//! its line.

use super::*;

const SAMPLE: &str = "L’Assemblée générale,\n\n*Réaffirmant* sa volonté, le 25 juin 1993[^1], pour favoriser,\n\n*Rappelant également* la Conférence,\n\n1. *Réaffirme* que l’un des buts ;\n\n2. *Demande* à tous :\n\n   - (a) d’abord ;\n\n   - (b) ensuite ;\n\n3. *Décide* de poursuivre.\n\n[^1]: A/CONF.157/24 (Part I), chap. III.\n";

fn parse(source: &str) -> (ParsedText, Problems) {
    let (mut parsed, mut problems) = parse_text(Path::new("fr.md"), source);
    link_footnotes(Path::new("fr.md"), &mut parsed, &mut problems);
    (parsed, problems)
}

fn ids(parsed: &ParsedText) -> Vec<String> {
    parsed.all_paragraphs().map(|p| p.id.clone()).collect()
}

#[test]
fn paragraphs_get_their_ids() {
    let (parsed, problems) = parse(SAMPLE);
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(parsed.opening.as_deref(), Some("L’Assemblée générale,"));
    assert_eq!(
        ids(&parsed),
        ["pp1", "pp2", "op1", "op2", "op2-a", "op2-b", "op3"]
    );
    let op2a = &parsed.paragraphs[3].subs[0];
    assert_eq!(op2a.label.as_deref(), Some("(a)"));
    assert_eq!(op2a.plain, "d’abord ;");
}

#[test]
fn a_paragraph_keeps_the_words_of_its_italic_lead() {
    let (parsed, _) = parse(SAMPLE);
    let leads: Vec<Option<&str>> = parsed.all_paragraphs().map(|p| p.lead.as_deref()).collect();
    assert_eq!(
        leads,
        [
            Some("Réaffirmant"),
            Some("Rappelant également"),
            Some("Réaffirme"),
            Some("Demande"),
            None,
            None,
            Some("Décide")
        ]
    );
}

#[test]
fn footnotes_are_linked_both_ways() {
    let (parsed, _) = parse(SAMPLE);
    let pp1 = &parsed.paragraphs[0];
    assert!(
        pp1.html.contains("<a id=\"fnref1\" href=\"#fn1\""),
        "{}",
        pp1.html
    );
    assert!(pp1.html.contains("<em>Réaffirmant</em>"));
    assert_eq!(
        pp1.plain,
        "Réaffirmant sa volonté, le 25 juin 1993, pour favoriser,"
    );
    assert_eq!(parsed.footnotes[0].id, "fn1");
    assert_eq!(parsed.footnotes[0].refs, ["fnref1"]);
}

#[test]
fn operative_numbers_follow_the_list_start() {
    let (parsed, _) =
        parse("L’Assemblée générale,\n\n*Rappelant* x,\n\n4. *Décide* y ;\n\n5. *Prie* z.\n");
    assert_eq!(ids(&parsed), ["pp1", "op4", "op5"]);
}

#[test]
fn operative_ids_follow_the_written_numbers() {
    let (parsed, problems) = parse(
        "L’Assemblée générale,\n\n*Rappelant* x,\n\n1. *Décide* a ;\n\n2. *Prie* b ;\n\n4. *Invite* c.\n",
    );
    assert_eq!(ids(&parsed), ["pp1", "op1", "op2", "op4"]);
    let warning = problems
        .iter()
        .find(|p| !p.is_error())
        .expect("a gap warns");
    assert_eq!(
        (warning.line, warning.message.as_str()),
        (Some(9), "operative paragraph 4 follows 2")
    );
    let (_, problems) = parse("L’Assemblée générale,\n\n1. *Décide* a ;\n\n1. *Prie* b.\n");
    assert!(
        problems.to_string().contains("`op1` is used twice"),
        "{problems}"
    );
}

#[test]
fn two_paragraphs_glued_by_a_missing_blank_line_are_flagged() {
    let (parsed, problems) =
        parse("L’Assemblée générale,\n\n*Rappelant* x,\n*Considérant* y,\n\n1. *Décide* z.\n");
    assert_eq!(ids(&parsed), ["pp1", "op1"]);
    let warning = problems.iter().next().expect("a warning");
    assert_eq!(warning.line, Some(4));
    assert!(
        warning
            .message
            .contains("lead in italics inside the paragraph above")
    );
}

#[test]
fn a_paragraph_without_its_lead_in_italics_is_flagged() {
    let (_, problems) =
        parse("L’Assemblée générale,\n\n*Rappelant* x,\n\nSoulignant y,\n\n1. Décide z.\n");
    let messages: Vec<_> = problems
        .iter()
        .map(|p| (p.line, p.message.clone()))
        .collect();
    assert_eq!(
        messages,
        [
            (Some(5), "pp2 has no lead word in italics".to_string()),
            (Some(7), "op1 has no lead word in italics".to_string())
        ]
    );
}

#[test]
fn headings_and_html_are_reported_with_their_line() {
    let (_, problems) = parse("L’Assemblée générale,\n\n## Note\n\n*Rappelant* <b>x</b>,\n");
    let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(5)], "{problems}");
}

#[test]
fn raw_html_is_refused_in_sub_paragraphs_too() {
    let (parsed, problems) = parse(
        "L’Assemblée générale,\n\n1. *Demande* :\n\n   - (a) <img src=x onerror=alert(1)> ;\n",
    );
    assert!(
        problems.to_string().contains("5: raw HTML has no place"),
        "{problems}"
    );
    assert!(!parsed.paragraphs[0].subs[0].html.contains("<img"));
}

#[test]
fn a_missing_footnote_definition_is_an_error() {
    let (_, problems) = parse("L’Assemblée générale,\n\n*Rappelant* x[^2],\n");
    assert!(problems.has_errors());
    assert!(
        problems
            .to_string()
            .contains("[^2] in pp1 has no definition"),
        "{problems}"
    );
}

#[test]
fn hostile_texts_never_panic() {
    let deep_list: String = (0..10_000)
        .map(|depth| format!("{}- x\n", "  ".repeat(depth)))
        .collect();
    let deep_quote = ">".repeat(10_000) + " x\n";
    let inputs = [
        String::new(),
        "\n\n\n".to_string(),
        "[^1]: only a note\n".to_string(),
        "99999999999999999999. *Décide* x.\n".to_string(),
        "0. *Décide* x.\n\n0. *Prie* y.\n".to_string(),
        "1. - - - (a)\n".to_string(),
        "*\n".to_string(),
        deep_list,
        deep_quote,
        "L’Assemblée générale,\n\n*Rappelant* [^x] [^] [^1\n".to_string(),
    ];
    for input in inputs {
        let (parsed, problems) = parse(&input);
        let _ = (parsed.paragraphs.len(), problems.len());
    }
}

#[test]
fn blocks_inside_a_paragraph_are_refused_at_the_first_level_with_no_id() {
    let deep: String = (0..10_000)
        .map(|depth| format!("     {}- x\n", "  ".repeat(depth)))
        .collect();
    let source = format!(
        "L’Assemblée générale,\n\n1. *Décide* :\n\n   - (a) d’abord :\n\n{deep}\n2. *Prie* :\n\n   > cité\n"
    );
    let (parsed, problems) = parse(&source);
    // The first nested level is the items (i) of op1-a; the one below has no id.
    assert_eq!(ids(&parsed), ["op1", "op1-a", "op1-a-i", "op2"]);
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Some(8),
                "a bullet list inside a sub-paragraph of op1 has no paragraph id"
            ),
            (Some(10_010), "a block quote inside op2 has no paragraph id"),
        ],
        "{problems}"
    );
    assert!(!parsed.paragraphs[0].subs[0].subs[0].html.contains("<ul>"));
}

#[test]
fn a_text_with_too_many_paragraphs_is_refused_and_cut() {
    let source: String = std::iter::once("L’Assemblée générale,\n\n".to_string())
        .chain((0..MAX_PARAGRAPHS + 10).map(|i| format!("*Rappelant* {i},\n\n")))
        .collect();
    let (parsed, problems) = parse(&source);
    assert_eq!(parsed.paragraphs.len(), MAX_PARAGRAPHS);
    let error = problems.iter().find(|p| p.is_error()).expect("an error");
    assert!(error.message.contains("more than 2000"), "{error}");
    assert_eq!(error.line, Some(3 + 2 * MAX_PARAGRAPHS));
    assert_eq!(problems.len(), 1, "the rest is not read: {problems}");
}

#[test]
fn the_same_mistake_on_many_lines_is_reported_in_linear_time() {
    let source = "## titre\n\n".repeat(50_000);
    let started = std::time::Instant::now();
    let (_, problems) = parse(&source);
    assert_eq!(problems.error_count(), MAX_RECORDED + 1);
    let last = problems.iter().last().unwrap();
    assert!(
        last.message
            .starts_with("49000 more problem(s) found after these (49000 error(s))"),
        "{last}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn text_is_escaped() {
    let (parsed, _) = parse("L’Assemblée générale,\n\n*Rappelant* a < b & c,\n");
    assert!(parsed.paragraphs[0].html.contains("a &lt; b &amp; c"));
}

/// 80/3, abridged: a resolution adopting a declaration printed as its annex.
const WITH_ANNEX: &str = r"The General Assembly,

*Recalling* its resolution 76/217,[^1]

1. *Endorses* the political declaration contained in the annex to the present resolution;
   - (a) *Requesting* the Commission to serve as a platform by:
     - (i) *Assisting* Member States;
     - (ii) *Inviting* international financial institutions;
   - (b) *Taking note* of the report;

### Follow-up

2. *Decides* to remain seized of the matter.

## Annex

### Awaza Political Declaration

We, the Heads of State and Government,

1. We welcome the Programme of Action,[^2] which we adopted;

### I. Global context and shared commitments

3. We gather at a critical juncture[^1];

13. We strongly commit ourselves:
    - (a) Structural transformation;
      - (i) science;

[^1]: Resolution 76/217.

[^2]: Resolution 79/233, annex.
";

#[test]
fn items_of_sub_paragraphs_get_their_roman_ids() {
    let (parsed, problems) = parse(WITH_ANNEX);
    let op1 = &parsed.paragraphs[1];
    let ids: Vec<&str> = crate::archive::text::tree(op1)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(ids, ["op1", "op1-a", "op1-a-i", "op1-a-ii", "op1-b"]);
    let item = &op1.subs[0].subs[1];
    assert_eq!(item.label.as_deref(), Some("(ii)"));
    assert_eq!(item.kind, ParagraphKind::Sub);
    assert_eq!(item.plain, "Inviting international financial institutions;");
    assert!(
        !op1.subs[0].plain.contains("Assisting"),
        "an item is not in its parent's words"
    );
    assert!(!problems.has_errors(), "{problems}");
}

#[test]
fn a_section_heading_introduces_a_paragraph_without_shifting_the_numbers() {
    let (parsed, problems) = parse(WITH_ANNEX);
    let op2 = parsed
        .paragraphs
        .iter()
        .find(|p| p.id == "op2")
        .expect("op2");
    assert_eq!(op2.headings, ["Follow-up"]);
    assert!(
        parsed
            .paragraphs
            .iter()
            .all(|p| p.id == "op2" || p.headings.is_empty())
    );
    let (parsed, problems_two) = parse(
        "The General Assembly,\n\n12. *Decides* a;\n\n### Peacebuilding Commission\n\n13. *Welcomes* b;\n\n### Other\n\n15. *Requests* c.\n",
    );
    assert_eq!(ids(&parsed), ["op12", "op13", "op15"]);
    let warnings: Vec<_> = problems_two
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [(Some(11), "operative paragraph 15 follows 13")],
        "the count goes on across headings"
    );
    assert!(problems.iter().all(|p| !p.is_error()), "{problems}");
}

#[test]
fn an_unnumbered_operative_paragraph_is_op1_with_no_label() {
    let (parsed, problems) = parse(
        "The General Assembly\n\n- *Adopts* the Doha Political Declaration, as contained in the annex to the present resolution.\n",
    );
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(parsed.opening.as_deref(), Some("The General Assembly"));
    let op1 = &parsed.paragraphs[0];
    assert_eq!(
        (op1.id.as_str(), op1.kind, op1.label.as_deref()),
        ("op1", ParagraphKind::Operative, None)
    );
    let (parsed, _) = parse("The General Assembly\n\n- *Adopts* x;\n- *Decides* y.\n");
    assert_eq!(ids(&parsed), ["op1", "op2"]);
}

#[test]
fn an_annex_keeps_its_own_numbering_title_and_sections() {
    let (parsed, problems) = parse(WITH_ANNEX);
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str(), p.is_error()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(25), "annex paragraph 3 follows 1", false),
            (Some(27), "annex paragraph 13 follows 3", false)
        ],
        "this abridged annex skips numbers, as any text would be told"
    );
    assert_eq!(
        ids(&parsed)[..6],
        ["pp1", "op1", "op1-a", "op1-a-i", "op1-a-ii", "op1-b"]
    );
    let [annex] = parsed.annexes.as_slice() else {
        panic!("one annex")
    };
    assert_eq!(
        (annex.id.as_str(), annex.heading.as_str()),
        ("annex", "Annex")
    );
    assert_eq!(annex.title.as_deref(), Some("Awaza Political Declaration"));
    assert_eq!(annex.line, 15);
    let ids: Vec<&str> = annex.all_paragraphs().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "annex-pp1",
            "annex-1",
            "annex-3",
            "annex-13",
            "annex-13-a",
            "annex-13-a-i"
        ]
    );
    let pp1 = &annex.paragraphs[0];
    assert_eq!(
        (pp1.kind, pp1.label.as_deref()),
        (ParagraphKind::Annex, None)
    );
    assert!(
        pp1.headings.is_empty(),
        "the title is not a section heading"
    );
    assert_eq!(annex.paragraphs[1].label.as_deref(), Some("1"));
    assert_eq!(
        annex.paragraphs[2].headings,
        ["I. Global context and shared commitments"]
    );
}

#[test]
fn a_footnote_first_referenced_in_an_annex_takes_the_annex_prefix() {
    let (parsed, _) = parse(WITH_ANNEX);
    let ids: Vec<(&str, &str)> = parsed
        .footnotes
        .iter()
        .map(|f| (f.label.as_str(), f.id.as_str()))
        .collect();
    assert_eq!(ids, [("1", "fn1"), ("2", "annex-fn2")]);
    let annex_1 = &parsed.annexes[0].paragraphs[1];
    assert!(
        annex_1.html.contains("href=\"#annex-fn2\""),
        "{}",
        annex_1.html
    );
    let annex_3 = &parsed.annexes[0].paragraphs[2];
    assert!(
        annex_3.html.contains("href=\"#fn1\""),
        "fn1 was first referenced in pp1: {}",
        annex_3.html
    );
    assert_eq!(parsed.footnotes[1].refs, ["fnref2"]);
}

#[test]
fn several_annexes_are_numbered() {
    let (parsed, problems) = parse(
        "The General Assembly,\n\n1. *Adopts* the texts annexed;\n\n## Annex I\n\n1. First[^3].\n\n## Annexe II\n\nA note.\n\n2. Second.\n\n[^3]: x.\n",
    );
    assert!(problems.is_empty(), "{problems}");
    let annexes: Vec<(&str, &str)> = parsed
        .annexes
        .iter()
        .map(|a| (a.id.as_str(), a.heading.as_str()))
        .collect();
    assert_eq!(annexes, [("annex1", "Annex I"), ("annex2", "Annexe II")]);
    assert_eq!(ids(&parsed), ["op1", "annex1-1", "annex2-pp1", "annex2-2"]);
    assert_eq!(parsed.footnotes[0].id, "annex1-fn3");
}

#[test]
fn what_still_has_no_id_is_reported_with_its_line() {
    let cases: [(&str, usize, &str); 7] = [
        (
            "The General Assembly,\n\n## Notes\n\n1. *Decides* x.\n",
            3,
            "the level-2 heading `## Notes` is not an annex heading",
        ),
        (
            "The General Assembly,\n\n1. *Decides* x.\n\n### Follow-up\n",
            5,
            "the section heading `### Follow-up` has no paragraph after it",
        ),
        (
            "The General Assembly,\n\n1. *Decides* x.\n\n### End\n\n## Annex\n\n1. y.\n",
            5,
            "the section heading `### End` has no paragraph after it",
        ),
        (
            "The General Assembly,\n\n1. *Decides* x.\n\n## Annex\n\n1. y;\n\n### II\n\n1. z.\n",
            11,
            "paragraph id `annex-1` is used twice",
        ),
        (
            "The General Assembly,\n\n1. *Decides* x.\n\n## Annex\n\n1. y.\n\n- *Requests* z.\n",
            9,
            "a bullet list in an annex has no place in a canonical text",
        ),
        (
            "### Heading\n\nThe General Assembly,\n\n1. *Decides* x.\n",
            1,
            "a section heading before the opening line",
        ),
        (
            "The General Assembly,\n\n#### Part\n\n1. *Decides* x.\n",
            3,
            "a level-4 heading has no place in a canonical text",
        ),
    ];
    for (source, line, message) in cases {
        let (_, problems) = parse(source);
        let errors: Vec<_> = problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(errors, [(Some(line), message)], "{source}");
    }
}

#[test]
fn an_annex_without_paragraphs_and_a_resolution_after_bullets_are_flagged() {
    let (_, problems) =
        parse("The General Assembly,\n\n1. *Decides* x.\n\n## Annex\n\n### Title\n");
    let warning = problems.iter().next().expect("a warning");
    assert_eq!(
        (warning.line, warning.message.as_str(), warning.is_error()),
        (Some(5), "the annex `Annex` has no paragraph", false)
    );
    let (_, problems) = parse("The General Assembly,\n\n1. *Decides* x.\n\n- *Requests* y.\n");
    assert!(
        problems
            .to_string()
            .contains("5: a bullet list outside an operative paragraph"),
        "{problems}"
    );
}

#[test]
fn an_annex_counts_towards_the_paragraph_limit() {
    let source: String =
        std::iter::once("The General Assembly,\n\n1. *Adopts* x.\n\n## Annex\n\n".to_string())
            .chain((1..=MAX_PARAGRAPHS + 10).map(|i| format!("{i}. We {i}.\n\n")))
            .collect();
    let (parsed, problems) = parse(&source);
    assert_eq!(parsed.paragraphs.len(), 1);
    assert_eq!(parsed.annexes[0].paragraphs.len(), MAX_PARAGRAPHS - 1);
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1, "{problems}");
    assert!(errors[0].message.contains("more than 2000"));
}

#[test]
fn thousands_of_annex_headings_are_cut_at_the_limit() {
    let source = format!(
        "The General Assembly,\n\n1. *Adopts* x.\n\n{}",
        "## Annex\n\n".repeat(3 * MAX_PARAGRAPHS)
    );
    let (parsed, problems) = parse(&source);
    assert!(
        parsed.annexes.len() <= MAX_PARAGRAPHS,
        "{}",
        parsed.annexes.len()
    );
    assert_eq!(problems.error_count(), 1, "{problems}");
    assert!(problems.len() <= MAX_RECORDED + 1);
}
