//! The importer's promise: nothing is written that `recueil check` would refuse.
//!
//! Before anything is written, what the import is about to write is read back with the archive's
//! own loader: each canonical text through `load::parse_canonical` (the parser, footnote linking,
//! citations) and each merged meta.yaml through `load::parse_meta` and `load::check_meta_langs`.
//! The rules live in the loader only; this module turns what it finds into problems a maintainer
//! can act on: an error on the generated file becomes a refusal of the input file, at the line of
//! the input the offending paragraph comes from, with the generated file's problem in the message.
//! Warnings stay warnings. Notes are not touched by an import, so they are not read here.

use crate::archive::text::without_footnote_refs;
use std::path::Path;

use crate::diag::{Problem, Problems};
use crate::formats::meta::Meta;

/// The loader's problems with a canonical text the import would write at `target`.
pub(crate) fn check_text(target: &Path, markdown: &str) -> Problems {
    let mut found = Problems::new();
    crate::load::parse_canonical(target, markdown, &mut found);
    found
}

/// The loader's problems with a meta.yaml the import would write at `target`: its YAML reader and
/// checks, and the site's languages when known (`site`).
pub(crate) fn check_meta(target: &Path, yaml: &str, site: Option<&[String]>) -> Problems {
    let mut found = Problems::new();
    match crate::load::parse_meta(target, yaml) {
        Ok((meta, _)) => {
            if let Some(site) = site {
                check_langs(target, &meta, site, &mut found);
            }
        }
        Err(problem) => found.push(problem),
    }
    found
}

fn check_langs(target: &Path, meta: &Meta, site: &[String], found: &mut Problems) {
    crate::load::check_meta_langs(target, meta, |lang| site.iter().any(|s| s == lang), found);
}

/// The errors among `found` (problems of a generated file), as problems of the input `file`
/// whose text is `source`: at the input line the generated line comes from, when it can be found.
pub(crate) fn refusals(file: &Path, source: &str, generated: &str, found: &Problems) -> Problems {
    let mut refused = Problems::new();
    for problem in found.iter().filter(|p| p.is_error()) {
        let line = problem
            .line
            .and_then(|l| generated.lines().nth(l.saturating_sub(1)))
            .and_then(|l| source_line(source, l));
        let name = problem
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let at = problem
            .line
            .map_or_else(String::new, |l| format!(" (at its line {l})"));
        let advice = problem
            .hint
            .as_deref()
            .map_or(String::new(), |h| format!("; in the text made: {h}"));
        refused.push(
            Problem::error(
                file,
                format!(
                    "cannot be imported: `recueil check` would refuse the {name} made from it{at}: {}",
                    problem.message
                ),
            )
            .at_line(line)
            .hint(format!(
                "correct the raw text at this line, then import it again{advice}"
            )),
        );
    }
    refused
}

/// The 1-based line of `source` where the words of `generated_line` (a line of the canonical
/// text) begin: its first words, without Markdown marks, found on one raw line.
pub(crate) fn source_line(source: &str, generated_line: &str) -> Option<usize> {
    let words = plain_words(generated_line);
    if words.is_empty() {
        return None;
    }
    // The longest run of leading words that one raw line holds (lines break anywhere).
    for n in (1..=words.len().min(4)).rev() {
        let needle = words[..n].join(" ");
        if n == 1 && needle.chars().count() < 4 {
            return None;
        }
        let hit = source.lines().position(|line| {
            line.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&needle)
        });
        if let Some(i) = hit {
            return Some(i + 1);
        }
    }
    None
}

/// The words of a canonical line without its Markdown: emphasis, list numbers, footnote marks.
fn plain_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in line.split_whitespace() {
        let is_label = word
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit())
            || word.starts_with('(') && word.ends_with(')') && word.len() <= 6
            || word == "-";
        if words.is_empty() && is_label {
            continue;
        }
        let bare = without_footnote_refs(&word.replace(['*', '_'], "")).into_owned();
        if !bare.is_empty() {
            words.push(bare);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_line_is_found_in_the_raw_text_across_marks() {
        let source = "A/RES/1/1\nThe General Assembly,\nRecalling its resolution 60/1 of\n16 September 2005,\n1. Decides to remain seized of the matter.\n";
        assert_eq!(
            source_line(
                source,
                "*Recalling* its resolution 60/1[^2] of 16 September 2005,"
            ),
            Some(3)
        );
        assert_eq!(
            source_line(source, "1. *Decides* to remain seized of the matter."),
            Some(5)
        );
        assert_eq!(source_line(source, "*Nothing* like this here"), None);
        assert_eq!(source_line(source, ""), None);
    }

    #[test]
    fn an_undefined_footnote_is_refused_at_the_input_line() {
        let source = "A/RES/1/1\nThe General Assembly,\nRecalling its resolution 60/1,\n1. Decides to remain seized of the matter.\n";
        let generated = "The General Assembly,\n\n*Recalling* its resolution 60/1[^7],\n\n1. *Decides* to remain seized of the matter.\n";
        let target = Path::new("content/resolutions/a-res-1-1/en.md");
        let found = check_text(target, generated);
        assert!(found.has_errors(), "{found}");
        let refused = refusals(Path::new("in/x.txt"), source, generated, &found);
        let first = refused.iter().next().expect("a refusal");
        assert_eq!(first.path, Path::new("in/x.txt"));
        assert_eq!(first.line, Some(3));
        assert!(
            first
                .message
                .contains("the en.md made from it (at its line 3)"),
            "{}",
            first.message
        );
    }

    #[test]
    fn a_valid_text_gives_no_refusal() {
        let generated = "The General Assembly,\n\n*Recalling* its resolution 60/1[^1],\n\n1. *Decides* to remain seized of the matter.\n\n[^1]: A/60/1.\n";
        let found = check_text(Path::new("en.md"), generated);
        assert!(!found.has_errors(), "{found}");
        assert!(refusals(Path::new("x.txt"), "", generated, &found).is_empty());
    }

    #[test]
    fn meta_is_read_as_the_loader_reads_it() {
        let ok = "symbol: A/RES/1/1\ntexts:\n  en: {}\n";
        let site = ["fr".to_string(), "en".to_string()];
        assert!(!check_meta(Path::new("meta.yaml"), ok, Some(&site)).has_errors());
        let de = "symbol: A/RES/1/1\ntexts:\n  de: {}\n";
        let found = check_meta(Path::new("meta.yaml"), de, Some(&site));
        assert!(
            found
                .iter()
                .any(|p| p.message.contains("`de` is not a language")),
            "{found}"
        );
        assert!(!check_meta(Path::new("meta.yaml"), de, None).has_errors());
        let bad = "symbol: not a symbol\n";
        assert!(check_meta(Path::new("meta.yaml"), bad, None).has_errors());
    }
}
