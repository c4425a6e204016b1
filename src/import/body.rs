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

/// One operative (or annex) paragraph with its sub-paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operative {
    /// The official number; for unnumbered operative paragraphs, the position (1, 2, …).
    pub number: u32,
    pub text: String,
    /// Sub-paragraphs, each starting with its letter: "(a) …".
    pub subs: Vec<Sub>,
}

/// A sub-paragraph "(a) …" with its own sub-paragraphs "(i) …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sub {
    pub text: String,
    pub subs: Vec<String>,
}

impl PartialEq<&str> for Sub {
    fn eq(&self, other: &&str) -> bool {
        self.subs.is_empty() && self.text == *other
    }
}

impl Sub {
    pub(crate) fn new(text: String) -> Sub {
        Sub {
            text,
            subs: Vec::new(),
        }
    }
}

/// A section heading ("Peacebuilding Commission", "I. Global context"), standing before the
/// paragraph at `before` (an index into the part's paragraphs: preamble then operative, or an
/// annex's unnumbered then numbered paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub before: usize,
    pub text: String,
}

/// An annex printed after the resolution: a declaration, a programme of action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annex {
    /// As printed: "Annex", "Annexe", "Annex I".
    pub heading: String,
    pub title: Option<String>,
    /// Unnumbered paragraphs before the numbered ones.
    pub intro: Vec<String>,
    pub paragraphs: Vec<Operative>,
    pub headings: Vec<Heading>,
}

impl Annex {
    /// How many numbered paragraphs it holds.
    pub fn numbered(&self) -> usize {
        self.paragraphs.len()
    }
}

/// The paragraphs of a resolution's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub preamble: Vec<String>,
    pub operative: Vec<Operative>,
    /// The operative paragraphs carry no numbers ("The General Assembly / Adopts …").
    pub unnumbered: bool,
    pub headings: Vec<Heading>,
    pub annexes: Vec<Annex>,
    /// Line of the first line of each paragraph, preamble then operative (for diagnostics).
    pub lines: Vec<usize>,
}

impl Body {
    /// Every paragraph text, sub-paragraphs and annexes included, in reading order.
    #[cfg(test)]
    pub(crate) fn all_texts(&self) -> Vec<&str> {
        self.located_texts().into_iter().map(|(_, t)| t).collect()
    }

    /// Every paragraph text with the line it starts on where it is known (preamble and
    /// numbered operative paragraphs), in reading order.
    pub(crate) fn located_texts(&self) -> Vec<(Option<usize>, &str)> {
        let mut lines = self.lines.iter().copied();
        let mut out: Vec<(Option<usize>, &str)> = Vec::new();
        for p in &self.preamble {
            out.push((lines.next(), p));
        }
        for op in &self.operative {
            out.push((lines.next(), &op.text));
            let mut rest = Vec::new();
            push_items(std::slice::from_ref(op), &mut rest);
            out.extend(rest.into_iter().skip(1).map(|t| (None, t)));
        }
        for annex in &self.annexes {
            out.extend(annex.intro.iter().map(|t| (None, t.as_str())));
            let mut rest = Vec::new();
            push_items(&annex.paragraphs, &mut rest);
            out.extend(rest.into_iter().map(|t| (None, t)));
        }
        out
    }

    /// Every paragraph text, mutable, in reading order (as [`Body::all_texts`]).
    pub(crate) fn all_texts_mut(&mut self) -> Vec<&mut String> {
        let mut out: Vec<&mut String> = self.preamble.iter_mut().collect();
        push_items_mut(&mut self.operative, &mut out);
        for annex in &mut self.annexes {
            out.extend(annex.intro.iter_mut());
            push_items_mut(&mut annex.paragraphs, &mut out);
        }
        out
    }
}

fn push_items<'a>(items: &'a [Operative], out: &mut Vec<&'a str>) {
    for op in items {
        out.push(&op.text);
        for sub in &op.subs {
            out.push(&sub.text);
            out.extend(sub.subs.iter().map(String::as_str));
        }
    }
}

fn push_items_mut<'a>(items: &'a mut [Operative], out: &mut Vec<&'a mut String>) {
    for op in items {
        out.push(&mut op.text);
        for sub in &mut op.subs {
            out.push(&mut sub.text);
            out.extend(sub.subs.iter_mut());
        }
    }
}

static OPERATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
static OPERATIVE_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.$").expect("valid regex"));
static SUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([a-z]{1,2}|[ivx]{1,5})\)(?:\s+\S|$)").expect("valid regex"));
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[IVXL]{1,6}|[A-H])\.(?:\s+\p{Lu}|$)").expect("valid regex"));
static TRAILING_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\s\d{1,2}|\*)+$").expect("valid regex")
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
fn operative_number(line: &str) -> Option<u32> {
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
    let rest: Vec<&str> = lines.iter().map(|l| l.text.trim()).collect();
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
                Format::Markdown => {
                    blank_before
                        && (ends_paragraph(&prev.text)
                            || opens_paragraph(t, last_op)
                            || starts_heading(t, &rest[i + 1..], last_op))
                }
                Format::Pdf | Format::UnOrg => {
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

/// The label of a sub-paragraph text: "(a) …" -> "a".
fn sub_label(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('(')?;
    let end = rest.find(')')?;
    Some(&rest[..end])
}

/// Roman numerals of nested sub-paragraphs, in order.
const ROMAN: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// The letter after `label` ("a" -> "b", "z" -> "aa").
fn next_letter(label: Option<&str>) -> String {
    match label {
        None => "a".to_string(),
        Some(l) => {
            let c = l.chars().last().unwrap_or('a');
            if c == 'z' {
                "aa".to_string()
            } else {
                let next = char::from_u32(c as u32 + 1).unwrap_or('a');
                format!("{}{next}", &l[..l.len() - 1])
            }
        }
    }
}

/// Attach a sub-paragraph text to `op`: a letter, or a roman numeral nested in the last letter.
fn push_sub(op: &mut Operative, text: String) {
    let label = sub_label(&text).unwrap_or("").to_string();
    if let Some(last) = op.subs.last_mut() {
        let next_roman = ROMAN.get(last.subs.len()).copied();
        let expected_letter = next_letter(sub_label(&last.text));
        let opens_nested = last.subs.is_empty() && last.text.trim_end().ends_with(':');
        let roman = Some(label.as_str()) == next_roman
            && label != expected_letter
            && (opens_nested || !last.subs.is_empty());
        let roman = roman || (label == "i" && opens_nested && expected_letter == "i");
        if roman {
            last.subs.push(text);
            return;
        }
    }
    op.subs.push(Sub::new(text));
}

/// The last text of `op`: its own, or that of its last sub-paragraph.
fn last_text(op: &Operative) -> &str {
    op.subs
        .last()
        .map_or(&op.text, |s| s.subs.last().unwrap_or(&s.text))
}

/// The label a paragraph lost in extraction, if `rest[0]` is a sub-paragraph without its
/// "(a)": it follows an operative paragraph or sub-paragraph that ends with ":" or ";",
/// starts with a capital, and is not numbered. Letter or roman numeral is decided by the next
/// label the text does give ("(e)" after two paragraphs without labels makes them (c), (d)).
fn lost_label(op: &Operative, rest: &[Raw]) -> Option<String> {
    let text = rest.first()?.text.as_str();
    if rest[0].heading
        || SUB.is_match(text)
        || operative_number(text).is_some()
        || !text.starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let before = last_text(op).trim_end();
    let before = TRAILING_MARKER.replace(before, "");
    if !before.ends_with([':', ';']) || (op.subs.is_empty() && !before.ends_with(':')) {
        return None;
    }
    let letter = next_letter(op.subs.last().and_then(|s| sub_label(&s.text)));
    let Some(last) = op.subs.last() else {
        return Some(letter);
    };
    let opens_nested = last.subs.is_empty() && last.text.trim_end().ends_with(':');
    let roman = ROMAN.get(last.subs.len()).map(|r| r.to_string());
    if opens_nested {
        return roman;
    }
    if last.subs.is_empty() {
        return Some(letter);
    }
    // Inside (i), (ii): the next given label tells whether the list of numerals goes on.
    let unlabeled = rest
        .iter()
        .take_while(|r| !SUB.is_match(&r.text) && operative_number(&r.text).is_none())
        .count();
    let next = rest.get(unlabeled).and_then(|r| sub_label(&r.text));
    let mut expected = letter.clone();
    for _ in 0..unlabeled {
        expected = next_letter(Some(&expected));
    }
    if next == Some(expected.as_str()) {
        Some(letter)
    } else {
        roman
    }
}

/// The paragraphs of a part (the resolution's body, or an annex), classified.
struct Part {
    unnumbered: Vec<(usize, String)>,
    numbered: Vec<Operative>,
    numbered_lines: Vec<usize>,
    headings: Vec<Heading>,
}

fn parse_part(lines: &[Line<'_>], format: Format, words: &Words, italics: bool) -> Part {
    let mut part = Part {
        unnumbered: Vec::new(),
        numbered: Vec::new(),
        numbered_lines: Vec::new(),
        headings: Vec::new(),
    };
    let lead = |t: &str| {
        if italics {
            italicise_lead(t)
        } else {
            t.to_string()
        }
    };
    let raws = paragraphs(lines, format, words);
    for (index, raw) in raws.iter().enumerate() {
        let mut text = raw.text.clone();
        if let Some(op) = part.numbered.last()
            && let Some(label) = lost_label(op, &raws[index..])
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
                Some(op) => push_sub(op, text),
                None => part.unnumbered.push((raw.no, text.clone())),
            }
        } else if let Some(op) = part.numbered.last_mut() {
            // Text after the numbered part began that opens nothing: it continues the last
            // paragraph (or its last sub-paragraph).
            let target = match op.subs.last_mut() {
                Some(sub) => sub.subs.last_mut().unwrap_or(&mut sub.text),
                None => &mut op.text,
            };
            hyphens::push_line(target, &text, Some(words));
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
