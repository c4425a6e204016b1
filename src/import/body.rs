//! The body: layout lines re-joined into paragraphs, each classified as preambular, operative
//! (`N.`) or sub-paragraph (`(a)`), with its lead word(s) put in italics.
//!
//! Blank lines cannot be trusted in a PDF extraction (seed 000 has none between paragraphs,
//! seed 002 has a page break inside one), so a new paragraph starts only where the text so far
//! ends with paragraph punctuation (, ; . :) and the next line opens a paragraph: a lead
//! participle or adjective in the preamble, the next operative number, or `(a)`. A
//! Markdown-like text has one paragraph per block (a block that neither ends a paragraph nor
//! opens one continues the last: a page break fell there), and its own italics are kept.
//!
//! Besides paragraphs, a text has section headings (short lines without closing punctuation
//! before a numbered paragraph, or "I. Global context"), operative paragraphs without numbers
//! (after "The General Assembly" without its comma) and annexes, read by the same rules from
//! their own lines (`parse_annex`); sub-paragraph labels are in `labels`, the data in `parts`.

use regex::Regex;
use std::sync::LazyLock;

use super::detect::Format;
use super::hyphens::{self, Words};
use super::labels::{Pushed, lost_label, push_sub};
use super::layout::Line;
pub use super::parts::{Annex, Body, Heading, Operative, Repeated, Sub};
use super::vocab;

static OPERATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
static OPERATIVE_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.$").expect("valid regex"));
static FRENCH_SUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-z]{1,2}|[ivx]{1,5})\)(?:\s+\S|$)").expect("valid regex"));
pub(super) static SUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([a-z]{1,2}|[ivx]{1,5})\)(?:\s+\S|$)").expect("valid regex"));
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[IVXL]{1,6}|[A-H])\.(?:\s+\p{Lu}|$)").expect("valid regex"));
pub(super) static TRAILING_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:<sup>\d+</sup>|\[\^\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\s\d{1,2}|\*)+$").expect("valid regex")
});

/// Does the text so far end a paragraph (, ; . :), ignoring a trailing footnote marker?
fn ends_paragraph(text: &str) -> bool {
    let t = text.trim_end();
    let t = TRAILING_MARKER.replace(t, "");
    let t = t.trim_end();
    t.ends_with([',', ';', '.', ':'])
        || t.ends_with(".”")
        || t.ends_with(".\"")
        || ends_with_glued_marker(t)
}

/// "…, 2,": "objective,2" — punctuation then a footnote number glued to it.
fn ends_with_glued_marker(t: &str) -> bool {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    digits.len() < t.len() && t.len() - digits.len() <= 2 && digits.ends_with([',', ';', '.', ':'])
}

/// The number of an operative paragraph opening `line` ("12. …" or "12." alone).
pub(super) fn operative_number(line: &str) -> Option<u32> {
    OPERATIVE
        .captures(line)
        .or_else(|| OPERATIVE_ALONE.captures(line))
        .and_then(|c| c[1].parse().ok())
}

/// Does `line` open a new paragraph, given the paragraph number reached so far?
fn opens_paragraph(line: &str, last_op: u32) -> bool {
    if let Some(n) = operative_number(line) {
        return n == last_op + 1;
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

/// "a) …", "iv) …" as French texts print sub-paragraph labels, written "(a) …": the label is
/// the paragraph's id, whatever the language's typography.
fn bracket_label(line: &str) -> std::borrow::Cow<'_, str> {
    match FRENCH_SUB.captures(line) {
        Some(c) => format!("({}){}", &c[1], &line[c[1].len() + 1..]).into(),
        None => line.into(),
    }
}

/// Could `text` be a section heading: short, capitalised, no closing punctuation?
fn heading_like(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=24).contains(&words)
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !ends_paragraph(t)
        && !t.ends_with([',', ';', ':', '-'])
        && !t.starts_with('[')
}

/// A raw paragraph: its first line and text, and whether it reads as a section heading.
#[derive(Debug)]
struct Raw {
    no: usize,
    text: String,
    heading: bool,
}

/// Re-join the body lines into raw paragraphs and headings.
fn paragraphs(lines: &[Line<'_>], format: Format, words: &Words) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut last_op = 0u32;
    let mut blank_before = true;
    let owned: Vec<std::borrow::Cow<'_, str>> =
        lines.iter().map(|l| bracket_label(l.text.trim())).collect();
    let rest: Vec<&str> = owned.iter().map(|l| l.as_ref()).collect();
    for (i, line) in lines.iter().enumerate() {
        let t = rest[i];
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        let new = match out.last() {
            None => true,
            Some(prev) if prev.heading => opens_paragraph(t, last_op) || SECTION.is_match(t),
            Some(prev) => match format {
                // A block after one that does not end a paragraph continues it (a page break
                // fell there), even when it starts with what reads as a lead ("Stockpiling of
                // Bacteriological …"); only the next number opens one regardless (a conversion
                // may lose the end of a paragraph's last line).
                // Some conversions also set numbered paragraphs line after line, without blank
                // lines: the next number after a finished paragraph opens one.
                Format::Markdown => {
                    // A conversion may also lose a number ("10." then "12."): a small jump
                    // still opens a paragraph.
                    let next_number = operative_number(t)
                        .is_some_and(|n| n > last_op && n <= last_op + 3)
                        && OPERATIVE
                            .captures(t)
                            .is_none_or(|c| c[2].starts_with(char::is_uppercase));
                    (blank_before
                        && (ends_paragraph(&prev.text)
                            || next_number
                            || starts_heading(t, &rest[i + 1..], last_op)))
                        || (ends_paragraph(&prev.text) && (next_number || SUB.is_match(t)))
                }
                Format::Pdf | Format::UnOrg | Format::Akn => {
                    ends_paragraph(&prev.text)
                        && (opens_paragraph(t, last_op)
                            || starts_heading(t, &rest[i + 1..], last_op))
                }
            },
        };
        blank_before = false;
        if new {
            if let Some(n) = operative_number(t) {
                last_op = n;
            }
            let heading = operative_number(t).is_none()
                && !SUB.is_match(t)
                && starts_heading(t, &rest[i + 1..], last_op);
            out.push(Raw {
                no: line.no,
                text: t.to_string(),
                heading,
            });
        } else if let Some(prev) = out.last_mut() {
            hyphens::push_line(&mut prev.text, t, Some(words));
        }
    }
    for raw in &mut out {
        raw.text = hyphens::repair_gaps(&hyphens::collapse_spaces(&raw.text));
        if raw.heading && !heading_like(&raw.text) {
            raw.heading = false;
        }
    }
    out
}

/// Does `line` start a section heading: "I. Global context" or "II." alone, or a short
/// capitalised line (or two) without closing punctuation, followed by a numbered paragraph (or,
/// before the operative part, by a paragraph)? `after` are the lines after `line`.
fn starts_heading(line: &str, after: &[&str], last_op: u32) -> bool {
    if SUB.is_match(line) || operative_number(line).is_some() {
        return false;
    }
    if SECTION.is_match(line) {
        return true;
    }
    if !heading_like(line) {
        return false;
    }
    let lead = line.split(' ').next().is_some_and(vocab::is_preamble_lead);
    let mut words = line.split_whitespace().count();
    for next in after.iter().filter(|l| !l.is_empty()).take(3) {
        if operative_number(next).is_some() {
            return words <= if lead { 8 } else { 24 };
        }
        if !lead && opens_paragraph(next, last_op) {
            return words <= 24;
        }
        if !heading_like(next) {
            return false;
        }
        words += next.split_whitespace().count();
    }
    false
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

/// The paragraphs of a part (the resolution's body, or an annex), classified.
struct Part {
    unnumbered: Vec<(usize, String)>,
    numbered: Vec<Operative>,
    numbered_lines: Vec<usize>,
    headings: Vec<Heading>,
    repeated: Vec<Repeated>,
}

/// The last text of `op`, to continue: its own, or that of its last sub-paragraph.
fn last_text_mut(op: &mut Operative) -> &mut String {
    match op.subs.last_mut() {
        Some(sub) => sub.subs.last_mut().unwrap_or(&mut sub.text),
        None => &mut op.text,
    }
}

fn parse_part(lines: &[Line<'_>], format: Format, words: &Words, italics: bool) -> Part {
    let mut part = Part {
        unnumbered: Vec::new(),
        numbered: Vec::new(),
        numbered_lines: Vec::new(),
        headings: Vec::new(),
        repeated: Vec::new(),
    };
    let lead = |t: &str| {
        if italics {
            italicise_lead(t)
        } else {
            t.to_string()
        }
    };
    let raws = paragraphs(lines, format, words);
    let texts: Vec<&str> = raws.iter().map(|r| r.text.as_str()).collect();
    for (index, raw) in raws.iter().enumerate() {
        let mut text = raw.text.clone();
        if let Some(op) = part.numbered.last()
            && !raw.heading
            && let Some(label) = lost_label(op, &texts[index..])
        {
            // A sub-paragraph whose "(a)" the extraction lost.
            text = format!("({label}) {text}");
        }
        let position = part.unnumbered.len() + part.numbered.len();
        if raw.heading {
            let text = text.clone();
            part.headings.push(Heading {
                before: position,
                text,
            });
        } else if let Some(c) = OPERATIVE.captures(&text)
            && let Ok(number) = c[1].parse::<u32>()
        {
            part.numbered.push(Operative {
                number,
                text: lead(&c[2]),
                subs: Vec::new(),
            });
            part.numbered_lines.push(raw.no);
            continue;
        } else if SUB.is_match(&text) {
            match part.numbered.last_mut() {
                Some(op) => {
                    if let Pushed::Repeated(label) = push_sub(op, text.clone()) {
                        // Kept as words of the paragraph before, never as a second id.
                        part.repeated.push(Repeated {
                            line: raw.no,
                            paragraph: op.number,
                            label,
                        });
                        let target = last_text_mut(op);
                        hyphens::push_line(target, &text, Some(words));
                    }
                }
                None => part.unnumbered.push((raw.no, text.clone())),
            }
        } else if let Some(op) = part.numbered.last_mut() {
            // Text after the numbered part began that opens nothing: it continues the last
            // paragraph (or its last sub-paragraph).
            hyphens::push_line(last_text_mut(op), &text, Some(words));
        } else {
            part.unnumbered.push((raw.no, lead(&text)));
        }
    }
    part
}

#[cfg(test)]
/// Build the body from its lines. `unnumbered` says the opening line has no comma ("The General
/// Assembly" then "Adopts …"): paragraphs before any number are operative, not preambular.
pub(crate) fn parse(lines: &[Line<'_>], format: Format, words: &Words) -> Body {
    parse_with(lines, format, words, false)
}

pub(crate) fn parse_with(
    lines: &[Line<'_>],
    format: Format,
    words: &Words,
    unnumbered: bool,
) -> Body {
    let part = parse_part(lines, format, words, true);
    let mut body = Body {
        headings: part.headings,
        repeated: part.repeated,
        ..Body::default()
    };
    if unnumbered && part.numbered.is_empty() {
        body.unnumbered = true;
        for (i, (no, text)) in part.unnumbered.into_iter().enumerate() {
            body.operative.push(Operative {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                text,
                subs: Vec::new(),
            });
            body.lines.push(no);
        }
        return body;
    }
    for (no, text) in part.unnumbered {
        body.preamble.push(text);
        body.lines.push(no);
    }
    body.operative = part.numbered;
    body.lines.extend(part.numbered_lines);
    body
}

/// Build an annex from its heading line and its lines. The first heading before any paragraph
/// is its title.
pub(crate) fn parse_annex(
    heading: &str,
    lines: &[Line<'_>],
    format: Format,
    words: &Words,
) -> Annex {
    let mut part = parse_part(lines, format, words, false);
    let title = match part.headings.first() {
        Some(h) if h.before == 0 => Some(part.headings.remove(0).text),
        _ => None,
    };
    Annex {
        heading: heading.to_string(),
        title,
        intro: part.unnumbered.into_iter().map(|(_, t)| t).collect(),
        paragraphs: part.numbered,
        headings: part.headings,
        repeated: part.repeated,
    }
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
