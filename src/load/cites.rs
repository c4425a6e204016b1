//! Finds what each paragraph and footnote of a loaded text cites (`archive::references` holds the
//! rules), and turns what looks like a reference but does not parse into a warning with its line.

use std::path::Path;

use crate::archive::references::{self, Reference};
use crate::diag::{Problem, Problems};
use crate::load::text::ParsedText;

/// Fills `cites` of every paragraph, sub-paragraph (annexes included) and footnote of `parsed`.
pub(crate) fn find_citations(path: &Path, parsed: &mut ParsedText, problems: &mut Problems) {
    parsed.each_paragraph_mut(|paragraph| {
        paragraph.cites = citations_in(path, &paragraph.plain, paragraph.line, problems);
    });
    for footnote in &mut parsed.footnotes {
        footnote.cites = citations_in(path, &footnote.plain, footnote.line, problems);
    }
}

fn citations_in(path: &Path, plain: &str, line: usize, problems: &mut Problems) -> Vec<Reference> {
    let found = references::find(plain);
    for suspect in found.suspects {
        problems.push(
            Problem::warning(
                path,
                format!(
                    "`{}` looks like a document symbol or resolution number but does not parse",
                    suspect.text
                ),
            )
            .at_line(Some(line))
            .hint(
                "correct it as the official text writes it (resolutions as `61/168`, documents \
                 as `A/62/439/Add.2`); it is shown as plain text until then",
            ),
        );
    }
    found.references
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::text::parse_text;

    #[test]
    fn paragraphs_sub_paragraphs_and_footnotes_get_their_citations() {
        let source = "L’Assemblée générale,\n\n*Rappelant* sa résolution 61/168[^1],\n\n1. *Prie* :\n\n   - (a) de voir A/62/439/Add.2 ;\n\n   - (b) et la résolution 6l/168 ;\n\n[^1]: Voir résolution 55/2.\n";
        let path = Path::new("fr.md");
        let (mut parsed, found) = parse_text(path, source);
        assert!(!found.has_errors(), "{found}");
        let mut problems = Problems::new();
        crate::load::text::link_footnotes(path, &mut parsed, &mut problems);
        find_citations(path, &mut parsed, &mut problems);
        let symbols = |cites: &[Reference]| -> Vec<String> {
            cites.iter().map(|r| r.symbol.to_string()).collect()
        };
        assert_eq!(symbols(&parsed.paragraphs[0].cites), ["A/RES/61/168"]);
        assert_eq!(
            symbols(&parsed.paragraphs[1].subs[0].cites),
            ["A/62/439/Add.2"]
        );
        assert_eq!(symbols(&parsed.footnotes[0].cites), ["A/RES/55/2"]);
        let warnings = problems.to_string();
        assert!(warnings.contains("fr.md:9:"), "{warnings}");
        assert!(warnings.contains("`6l/168` looks like"), "{warnings}");
    }
}
