use super::*;

fn parse(source: &str) -> (Found, Problems) {
    let (found, problems) = parse_notes(Path::new("notes.md"), source, None);
    (found.expect("the front matter is readable"), problems)
}

fn keys(found: &Found) -> Vec<String> {
    found
        .notes
        .iter()
        .map(|n| match &n.key {
            NoteKey::Resolution => "resolution".to_string(),
            NoteKey::Paragraph(id) => id.clone(),
        })
        .collect()
}

const NOTES: &str = "---
authors: [Jane Doe, John Roe]
date: 2024-05-01
lang: en
---
The resolution as a whole.

## op10 Reporting

The Secretary-General reports.

```markdown
## op3 not a heading: this is code
```

### A heading inside the note

## pp3 — Durban

See [[A/RES/61/168#op4]] and [[#op10|paragraph 10]].
";

#[test]
fn a_notes_file_splits_at_headings_with_paragraph_ids() {
    let (found, problems) = parse(NOTES);
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(keys(&found), ["resolution", "op10", "pp3"]);
    assert_eq!(found.file.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(found.file.date, Some(jiff::civil::date(2024, 5, 1)));
    assert_eq!(found.file.written_in.as_deref(), Some("en"));
    let [general, op10, pp3] = &found.notes[..] else {
        panic!()
    };
    assert_eq!(general.line, 6);
    assert!(general.markdown.trim() == "The resolution as a whole.");
    assert_eq!((op10.line, op10.title.as_deref()), (8, Some("Reporting")));
    assert!(op10.markdown.contains("## op3 not a heading"));
    assert!(op10.markdown.contains("### A heading inside the note"));
    assert_eq!((pp3.line, pp3.title.as_deref()), (18, Some("Durban")));
}

#[test]
fn short_links_are_read_with_their_line() {
    let (found, _) = parse(NOTES);
    let links = &found.notes[2].links;
    assert_eq!(links.len(), 2, "{links:?}");
    assert_eq!(links[0].symbol.as_ref().unwrap().as_str(), "A/RES/61/168");
    assert_eq!(links[0].paragraph.as_deref(), Some("op4"));
    assert_eq!(links[0].line, 20);
    assert_eq!(links[1].symbol, None);
    assert_eq!(links[1].paragraph.as_deref(), Some("op10"));
}

#[test]
fn a_file_without_front_matter_or_headings_is_one_general_note() {
    let (found, problems) = parse("Just a remark.\n");
    assert!(problems.is_empty());
    assert_eq!(keys(&found), ["resolution"]);
    assert!(found.file.authors.is_empty());
    let (found, _) = parse("---\nauthors: Jane Doe\n---\n## op1\nText.\n");
    assert_eq!(found.file.authors, ["Jane Doe"]);
    assert_eq!(keys(&found), ["op1"]);
}

#[test]
fn a_heading_without_a_paragraph_id_is_an_error_that_says_how_to_write_it() {
    let (_, problems) = parse("## Op10\n\nx\n\n## op 11\n\ny\n\n## Context\n\nz\n");
    let all: Vec<_> = problems.iter().collect();
    assert_eq!(all.len(), 3, "{problems}");
    assert_eq!(all[0].line, Some(1));
    assert!(
        all[0].hint.as_deref().unwrap().contains("`## op10`"),
        "{}",
        all[0]
    );
    assert!(
        all[1].hint.as_deref().unwrap().contains("`## op11`"),
        "{}",
        all[1]
    );
    assert!(
        all[2].hint.as_deref().unwrap().contains("`###`"),
        "{}",
        all[2]
    );
}

#[test]
fn bad_front_matter_is_located_in_the_file() {
    let (found, problems) = parse_notes(
        Path::new("notes.md"),
        "---\nauthors: [A]\ndaet: 2024-01-01\n---\nx\n",
        None,
    );
    assert!(found.is_none());
    let problem = problems.iter().next().unwrap();
    assert_eq!(problem.line, Some(3), "{problem}");
    assert!(problem.message.contains("daet"), "{problem}");
    assert!(
        problem.hint.as_deref().unwrap().contains("`date`"),
        "{problem}"
    );
    let (_, problems) = parse_notes(Path::new("notes.md"), "---\nauthors: [A]\n\n## op1\n", None);
    let problem = problems.iter().next().unwrap();
    assert!(problem.message.contains("never closed"), "{problem}");
}

#[test]
fn a_second_note_on_the_same_paragraph_is_refused() {
    let (_, problems) = parse("## op1\n\nx\n\n## op1 again\n\ny\n");
    let problem = problems.iter().next().unwrap();
    assert_eq!(problem.line, Some(5));
    assert!(problem.message.contains("first is at line 1"), "{problem}");
}

#[test]
fn malformed_short_links_are_errors_with_their_line() {
    let (_, problems) = parse("## op1\n\nSee [[A/RES/61/168#paragraph4]].\n\n[[]] [[#]]\n");
    let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(5)], "{problems}");
    assert!(
        problems
            .to_string()
            .contains("`paragraph4` is not a paragraph id")
    );
}

#[test]
fn an_empty_note_is_a_warning() {
    let (_, problems) = parse("## op1\n\n<!-- write here -->\n");
    let problem = problems.iter().next().unwrap();
    assert!(!problem.is_error());
    assert!(problem.message.contains("op1 is empty"), "{problem}");
}

#[test]
fn id_lists_are_written_as_ranges() {
    let ids = [
        "pp1", "pp2", "pp3", "op1", "op2", "op2-a", "op2-b", "op2-c", "op3", "op5", "fn1", "fn2",
    ];
    assert_eq!(
        compact_ids(&ids),
        "pp1–pp3, op1–op3, op5, op2-a–op2-c, fn1, fn2"
    );
}

#[test]
fn id_lists_of_items_and_annexes_are_written_as_ranges() {
    let ids = [
        "pp1",
        "op1",
        "op1-a",
        "op1-a-i",
        "op1-a-ii",
        "op1-a-iii",
        "op1-b",
        "op2",
        "fn1",
        "annex-pp1",
        "annex-1",
        "annex-2",
        "annex-2-a",
        "annex-3",
        "annex-fn2",
        "annex-fn3",
    ];
    assert_eq!(
        compact_ids(&ids),
        "pp1, op1, op2, op1-a, op1-b, op1-a-i–op1-a-iii, fn1, annex-pp1, annex-1–annex-3, annex-2-a, annex-fn2, annex-fn3"
    );
}

#[test]
fn notes_nested_too_deep_are_refused_before_rendering() {
    let deep_quote = format!("## op1\n\n{} x\n", ">".repeat(1_000_000));
    let deep_list: String = (0..100)
        .map(|depth| format!("{}- x\n", "  ".repeat(depth)))
        .collect();
    let stars = format!("{}a{}\n", "*".repeat(30_000), "*".repeat(30_000));
    for (source, refused) in [(deep_quote, true), (deep_list, true), (stars, true)] {
        let started = std::time::Instant::now();
        let (found, problems) = parse_notes(Path::new("notes.md"), &source, None);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        assert_eq!(found.is_none(), refused, "{problems}");
        if refused {
            let text = problems.to_string();
            assert!(text.contains("nested more than 32 levels deep"), "{text}");
        }
    }
    let (found, problems) = parse("- a\n  - b\n    - c\n      > d\n");
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(keys(&found), ["resolution"]);
}

#[test]
fn a_file_with_too_many_notes_is_refused_and_cut_quickly() {
    let source: String = (0..MAX_NOTES + 5)
        .map(|i| format!("## op1\n\nSee [[#op{i}]].\n\n"))
        .collect();
    let started = std::time::Instant::now();
    let (found, problems) = parse(&source);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(
        problems.iter().any(|p| p.message.contains("at most 2000")),
        "the limit is named"
    );
    assert_eq!(
        found.notes.len(),
        1,
        "the same key: one note, the others reported"
    );
    assert_eq!(problems.error_count(), MAX_NOTES);
}
