//! The canonical Markdown text: the contract with the loader and the form people correct by hand.
//!
//! The opening line, then one block per preambular paragraph, the operative paragraphs as an
//! ordered list with their official numbers (sub-paragraphs as a nested bullet list), and the
//! footnote definitions at the end in numeric order. Blank line between blocks, no trailing
//! spaces, one final newline. Nothing else: header and furniture are metadata.

use super::body::Body;

/// A footnote definition, bound to its official number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
}

/// Write the canonical text.
pub(crate) fn render(opening: &str, body: &Body, footnotes: &[Footnote]) -> String {
    let mut blocks: Vec<String> = vec![opening.to_string()];
    blocks.extend(body.preamble.iter().cloned());
    for op in &body.operative {
        blocks.push(format!("{}. {}", op.number, op.text));
        for sub in &op.subs {
            blocks.push(format!("   - {sub}"));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::body::Operative;

    #[test]
    fn canonical_layout_matches_the_contract() {
        let body = Body {
            preamble: vec!["*Rappelant* sa résolution[^1],".into()],
            operative: vec![
                Operative {
                    number: 1,
                    text: "*Demande* aux États :".into(),
                    subs: vec!["(a) De faire ceci ;".into(), "(b) De faire cela ;".into()],
                },
                Operative {
                    number: 2,
                    text: "*Décide* de rester saisie.".into(),
                    subs: vec![],
                },
            ],
            lines: vec![],
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
