//! The body: layout lines re-joined into paragraphs, each classified as preambular, operative
//! (`N.`) or sub-paragraph (`(a)`), with its lead word(s) put in italics.
//!
//! Blank lines cannot be trusted in a PDF extraction (seed 000 has none between paragraphs,
//! seed 002 has a page break inside one), so a new paragraph starts only where the text so far
//! ends with paragraph punctuation (, ; . :) and the next line opens a paragraph: a lead
//! participle or adjective in the preamble, the next operative number, or `(a)`. A
//! Markdown-like text has one paragraph per block, and its own italics are kept.

use regex::Regex;
use std::sync::LazyLock;

use super::detect::Format;
use super::hyphens::{self, Words};
use super::layout::Line;
use super::vocab;

/// One operative paragraph with its sub-paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operative {
    pub number: u32,
    pub text: String,
    /// Sub-paragraphs, each starting with its letter: "(a) …".
    pub subs: Vec<String>,
}

/// The paragraphs of a resolution's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub preamble: Vec<String>,
    pub operative: Vec<Operative>,
    /// Line of the first line of each paragraph, preamble then operative (for diagnostics).
    pub lines: Vec<usize>,
}

static OPERATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
static OPERATIVE_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.$").expect("valid regex"));
static SUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([a-z]{1,2}|[ivx]{1,5})\)\s+\S").expect("valid regex"));
static TRAILING_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\s\d{1,2}|\*)+$").expect("valid regex")
});

/// Does the text so far end a paragraph (, ; . :), ignoring a trailing footnote marker?
fn ends_paragraph(text: &str) -> bool {
    let t = text.trim_end();
    let t = TRAILING_MARKER.replace(t, "");
    let t = t.trim_end();
    t.ends_with([',', ';', '.', ':'])
}

/// Does `line` open a new paragraph, given the operative number reached so far?
fn opens_paragraph(line: &str, last_op: u32) -> bool {
    if let Some(c) = OPERATIVE
        .captures(line)
        .or_else(|| OPERATIVE_ALONE.captures(line))
    {
        return c[1].parse::<u32>().is_ok_and(|n| n == last_op + 1);
    }
    if SUB.is_match(line) {
        return true;
    }
    last_op == 0
        && line
            .split(' ')
            .next()
            .is_some_and(|w| vocab::is_preamble_lead(w.trim_end_matches(',')))
}

/// Re-join the body lines into raw paragraphs: (first line number, text).
fn paragraphs(lines: &[Line<'_>], format: Format, words: &Words) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut last_op = 0u32;
    let mut blank_before = true;
    for line in lines {
        let t = line.text.trim();
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        let new = match out.last() {
            None => true,
            Some((_, text)) => match format {
                Format::Markdown => blank_before,
                Format::Pdf | Format::UnOrg => ends_paragraph(text) && opens_paragraph(t, last_op),
            },
        };
        blank_before = false;
        if new {
            if let Some(c) = OPERATIVE
                .captures(t)
                .or_else(|| OPERATIVE_ALONE.captures(t))
                && let Ok(n) = c[1].parse::<u32>()
            {
                last_op = n;
            }
            out.push((line.no, t.to_string()));
        } else if let Some((_, text)) = out.last_mut() {
            hyphens::push_line(text, t, Some(words));
        }
    }
    out.into_iter()
        .map(|(no, t)| (no, hyphens::collapse_spaces(&t)))
        .collect()
}

/// Put the lead word(s) in italics, unless the source already did.
pub(crate) fn italicise_lead(text: &str) -> String {
    if text.starts_with('*') || text.starts_with('_') {
        return text.to_string();
    }
    let n = vocab::lead_len(text);
    if n == 0 || !text.is_char_boundary(n) {
        return text.to_string();
    }
    format!("*{}*{}", &text[..n], &text[n..])
}

/// Build the body from its lines.
pub(crate) fn parse(lines: &[Line<'_>], format: Format, words: &Words) -> Body {
    let mut body = Body::default();
    let mut op_lines = Vec::new();
    for (no, text) in paragraphs(lines, format, words) {
        if let Some(c) = OPERATIVE.captures(&text)
            && let Ok(number) = c[1].parse::<u32>()
        {
            body.operative.push(Operative {
                number,
                text: italicise_lead(&c[2]),
                subs: Vec::new(),
            });
            op_lines.push(no);
        } else if SUB.is_match(&text) {
            match body.operative.last_mut() {
                Some(op) => op.subs.push(text),
                None => {
                    body.preamble.push(text);
                    body.lines.push(no);
                }
            }
        } else if let Some(op) = body.operative.last_mut() {
            // Text after the operative part began that opens nothing: it continues the
            // last paragraph (or its last sub-paragraph).
            let target = op.subs.last_mut().unwrap_or(&mut op.text);
            hyphens::push_line(target, &text, Some(words));
        } else {
            body.preamble.push(italicise_lead(&text));
            body.lines.push(no);
        }
    }
    body.lines.extend(op_lines);
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::detect::detect_format;
    use crate::import::layout;
    use crate::import::tests::SEEDS;

    fn body(i: usize) -> Body {
        let f = detect_format(SEEDS[i]);
        let l = layout::split(SEEDS[i], f);
        parse(&l.body, f, &Words::of(SEEDS[i]))
    }

    #[test]
    fn paragraphs_without_blank_lines_are_split_at_lead_words_seed_000() {
        let b = body(0);
        assert_eq!(b.preamble.len(), 5);
        assert!(b.operative.is_empty());
        assert!(b.preamble[2].starts_with("*Rappelant également* la Conférence mondiale"));
        assert!(b.preamble[4].starts_with("*Considérant également* que"));
        assert!(b.preamble[4].ends_with("au profit de tous les êtres humains,"));
    }

    #[test]
    fn a_page_break_mid_paragraph_is_joined_seed_002() {
        let b = body(2);
        assert_eq!(b.preamble.len(), 9);
        assert_eq!(b.operative.len(), 14);
        assert!(b.preamble[3].contains("réalisation des buts de l’Organisation des Nations Unies"));
        assert!(
            b.operative[5]
                .text
                .contains("effective et concrète à la tâche")
        );
        assert!(
            b.operative[12]
                .text
                .contains("la Haut-Commissaire des Nations Unies")
        );
        assert!(
            b.operative[9]
                .text
                .starts_with("*Demande instamment* aux États")
        );
        assert!(b.operative[11].text.starts_with("*Prend note* de la tenue"));
        assert_eq!(
            b.operative[13].text,
            "*Décide* de poursuivre l’examen de la question à sa soixante-neuvième session."
        );
    }

    #[test]
    fn markdown_italics_are_kept_seed_004() {
        let b = body(4);
        assert_eq!(b.preamble.len(), 9);
        assert_eq!(b.operative.len(), 11);
        assert!(b.preamble[0].starts_with("*Reaffirming its commitment* to promoting"));
        assert!(
            b.operative[7]
                .text
                .starts_with("*Calls upon* Member States")
        );
    }

    #[test]
    fn sub_paragraphs_nest_under_their_operative_paragraph() {
        let text = "L’Assemblée générale,\nRappelant sa résolution,\n1. Demande aux États :\n(a) De faire ceci ;\n(b) De faire\ncela ;\n2. Décide de rester saisie.\n";
        let l = layout::split(text, Format::Pdf);
        let b = parse(&l.body, Format::Pdf, &Words::of(text));
        assert_eq!(b.operative.len(), 2);
        assert_eq!(
            b.operative[0].subs,
            ["(a) De faire ceci ;", "(b) De faire cela ;"]
        );
    }

    #[test]
    fn an_operative_number_alone_on_its_line_opens_the_paragraph() {
        let text = "The General Assembly,\nRecalling its resolution,\n1.\nDecides to remain\nseized of the matter;\n2.\nRequests a report.\n";
        let l = layout::split(text, Format::Pdf);
        let b = parse(&l.body, Format::Pdf, &Words::of(text));
        assert_eq!(b.operative.len(), 2);
        assert_eq!(
            b.operative[0].text,
            "*Decides* to remain seized of the matter;"
        );
    }
}
