//! The canonical Markdown text: the contract with the loader and the form people correct by hand.
//!
//! The opening line, then one block per preambular paragraph, the operative paragraphs as an
//! ordered list with their official numbers (sub-paragraphs as a nested bullet list), and the
//! footnote definitions at the end in numeric order. Blank line between blocks, no trailing
//! spaces, one final newline. Nothing else: header and furniture are metadata.

use super::body::{Annex, Body, Heading, Operative};

/// A footnote definition, bound to its official number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
}

/// Write the canonical text.
pub(crate) fn render(opening: &str, body: &Body, footnotes: &[Footnote]) -> String {
    let mut blocks: Vec<String> = vec![opening.to_string()];
    let mut position = 0;
    for p in &body.preamble {
        push_headings(&mut blocks, &body.headings, position);
        blocks.push(p.clone());
        position += 1;
    }
    for op in &body.operative {
        push_headings(&mut blocks, &body.headings, position);
        push_item(&mut blocks, op, body.unnumbered);
        position += 1;
    }
    for annex in &body.annexes {
        push_annex(&mut blocks, annex);
    }
    let mut notes: Vec<&Footnote> = footnotes.iter().collect();
    notes.sort_by_key(|f| f.number);
    for note in notes {
        blocks.push(format!("[^{}]: {}", note.number, note.text));
    }
    let mut out = String::new();
    for block in blocks {
        let block: Vec<&str> = block.lines().map(str::trim_end).collect();
        let block = block.join(" ");
        let block = block.trim_end();
        if block.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(block);
    }
    out.push('\n');
    out
}

/// The section headings standing before the paragraph at `position`.
fn push_headings(blocks: &mut Vec<String>, headings: &[Heading], position: usize) {
    for h in headings.iter().filter(|h| h.before == position) {
        blocks.push(format!("### {}", h.text));
    }
}

/// A numbered (or unnumbered) paragraph, its sub-paragraphs indented under it.
fn push_item(blocks: &mut Vec<String>, op: &Operative, unnumbered: bool) {
    let marker = if unnumbered {
        "-".to_string()
    } else {
        format!("{}.", op.number)
    };
    blocks.push(format!("{marker} {}", op.text));
    let indent = " ".repeat(marker.len() + 1);
    for sub in &op.subs {
        blocks.push(format!("{indent}- {}", sub.text));
        for nested in &sub.subs {
            blocks.push(format!("{indent}  - {nested}"));
        }
    }
}

/// An annex: its heading, its title, then its paragraphs with their section headings.
fn push_annex(blocks: &mut Vec<String>, annex: &Annex) {
    blocks.push(format!("## {}", annex.heading));
    if let Some(title) = &annex.title {
        blocks.push(format!("### {title}"));
    }
    let mut position = 0;
    for p in &annex.intro {
        push_headings(blocks, &annex.headings, position);
        blocks.push(p.clone());
        position += 1;
    }
    for item in &annex.paragraphs {
        push_headings(blocks, &annex.headings, position);
        push_item(blocks, item, false);
        position += 1;
    }
    push_headings(blocks, &annex.headings, position);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::body::Sub;

    #[test]
    fn canonical_layout_matches_the_contract() {
        let body = Body {
            preamble: vec!["*Rappelant* sa résolution[^1],".into()],
            operative: vec![
                Operative {
                    number: 1,
                    text: "*Demande* aux États :".into(),
                    subs: vec![
                        Sub::new("(a) De faire ceci ;".into()),
                        Sub::new("(b) De faire cela ;".into()),
                    ],
                },
                Operative {
                    number: 2,
                    text: "*Décide* de rester saisie.".into(),
                    subs: vec![],
                },
            ],
            ..Body::default()
        };
        let notes = [
            Footnote {
                number: 2,
                text: "B.".into(),
            },
            Footnote {
                number: 1,
                text: "A.".into(),
            },
        ];
        assert_eq!(
            render("L’Assemblée générale,", &body, &notes),
            "L’Assemblée générale,\n\n*Rappelant* sa résolution[^1],\n\n1. *Demande* aux États :\n\n   - (a) De faire ceci ;\n\n   - (b) De faire cela ;\n\n2. *Décide* de rester saisie.\n\n[^1]: A.\n\n[^2]: B.\n"
        );
    }
}
