//! The body of an un.org page re-joined into paragraphs and classified: preambular, operative
//! (`1.`), sub-paragraph (`(a)`, or the French `a)`), with the lead words in italics.
//!
//! A page separates paragraphs either by blank lines (the English typewriter layout, lines
//! wrapped at 70 columns) or by line ends (the French pages, one paragraph per line). Without
//! blank lines, a line still continues the one before when that one does not end a paragraph,
//! so a wrapped line is never taken for a paragraph of its own.
//!
//! A page cut short stops in the middle of a paragraph, sometimes of a word ("et toute"): that
//! fragment is left out (it would be published and cited as a paragraph it is not) and the
//! stop is recorded for the remark.

use std::sync::LazyLock;

use regex::Regex;

use super::Row;
use crate::import::hyphens::{self, Words};
use crate::import::vocab;
use crate::import::{Body, Operative, Sub};

/// Where the body stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The last operative paragraph ends with a full stop.
    Complete,
    /// After the n-th preambular paragraph, with no operative part.
    AfterPreamble(usize),
    /// In the middle of the paragraph after the n-th preambular paragraph (left out).
    InPreamble(usize),
    /// After operative paragraph n, which does not end the text.
    AfterOperative(u32),
    /// In the middle of operative paragraph n (the fragment left out).
    InOperative(u32),
}

/// The paragraphs of the body and what could not be kept.
#[derive(Debug)]
pub(super) struct Read {
    pub(super) body: Body,
    /// First line of each paragraph, sub-paragraphs included, in document order.
    pub(super) paragraph_lines: Vec<usize>,
    pub(super) stop: Stop,
    /// Lines left out of the canonical text, and what they were.
    pub(super) left_out: Vec<(usize, String)>,
    /// Headings inside the body, which the canonical text cannot hold.
    pub(super) headings: Vec<String>,
}

static OPERATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
static SUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?([a-z]{1,2}|[ivx]{1,5})\)\s+(\S.*)$").expect("valid regex"));
static TRAILING_MARKERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\s*\d{1,2}/)+$").expect("valid regex"));

/// Does `text` end a paragraph (, ; . :), a trailing marker `1/` and closing quotes aside?
pub(super) fn ends_paragraph(text: &str) -> bool {
    let t = TRAILING_MARKERS.replace(text.trim_end(), "");
    let t = t.trim_end_matches(['"', '»', '”', ' ', '\u{a0}']);
    t.ends_with([',', ';', '.', ':'])
}

/// Does a line open a paragraph: a capital, an operative number or a sub-paragraph letter?
fn opens_paragraph(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_uppercase)
        || OPERATIVE.is_match(line)
        || SUB.is_match(line)
}

/// Re-join body lines into blocks: (first line, text).
fn blocks(rows: &[Row<'_>], words: &Words) -> Vec<(usize, String)> {
    let first = rows.iter().position(|r| !r.text.is_empty());
    let last = rows.iter().rposition(|r| !r.text.is_empty());
    let blank_separated = match (first, last) {
        (Some(f), Some(l)) => rows[f..l].iter().any(|r| r.text.is_empty()),
        _ => false,
    };
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for row in rows {
        if row.text.is_empty() {
            open = !blank_separated && open;
            continue;
        }
        let continues = open
            && match out.last() {
                Some((_, text)) => {
                    blank_separated || !(ends_paragraph(text) && opens_paragraph(row.text))
                }
                None => false,
            };
        match out.last_mut() {
            Some((_, text)) if continues => hyphens::push_line(text, row.text, Some(words)),
            _ => out.push((row.no, row.text.to_string())),
        }
        open = true;
    }
    out.into_iter()
        .map(|(no, t)| (no, hyphens::collapse_spaces(&t)))
        .collect()
}

/// A heading inside the body ("GENERAL", "I. IMPLEMENTATION …"): capitals only.
fn is_heading(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Put the lead word(s) in italics.
fn italicise(text: &str) -> String {
    let n = vocab::lead_len(text);
    if n == 0 || !text.is_char_boundary(n) {
        return text.to_string();
    }
    format!("*{}*{}", &text[..n], &text[n..])
}

/// Read the body rows into paragraphs.
pub(super) fn read(rows: &[Row<'_>], words: &Words) -> Read {
    let mut blocks = blocks(rows, words);
    let mut left_out = Vec::new();
    let mut headings = Vec::new();
    let cut = blocks
        .last()
        .is_some_and(|(_, t)| !ends_paragraph(t) && !is_heading(t));
    let mut cut_op = None;
    if cut && let Some((no, text)) = blocks.pop() {
        cut_op = OPERATIVE
            .captures(&text)
            .and_then(|c| c[1].parse::<u32>().ok());
        left_out.push((
            no,
            "the unfinished paragraph where the source stops is".to_string(),
        ));
    }
    let mut body = Body::default();
    let mut paragraph_lines = Vec::new();
    let mut op_lines = Vec::new();
    for (no, text) in blocks {
        if is_heading(&text) {
            left_out.push((no, format!("the heading “{text}” is")));
            headings.push(text);
            continue;
        }
        paragraph_lines.push(no);
        if let Some(c) = OPERATIVE.captures(&text)
            && let Ok(number) = c[1].parse::<u32>()
        {
            body.operative.push(Operative {
                number,
                text: italicise(&c[2]),
                subs: Vec::new(),
            });
            op_lines.push(no);
        } else if let Some(op) = body.operative.last_mut() {
            match SUB.captures(&text) {
                Some(c) => op.subs.push(Sub::new(format!("({}) {}", &c[1], &c[2]))),
                None => {
                    paragraph_lines.pop();
                    let target = op.subs.last_mut().map_or(&mut op.text, |s| &mut s.text);
                    hyphens::push_line(target, &text, Some(words));
                }
            }
        } else {
            body.preamble.push(italicise(&text));
            body.lines.push(no);
        }
    }
    body.lines.extend(op_lines);
    let stop = stop(&body, cut, cut_op);
    Read {
        body,
        paragraph_lines,
        stop,
        left_out,
        headings,
    }
}

/// Where the body stops, given whether its last block was cut (and its number if operative).
fn stop(body: &Body, cut: bool, cut_op: Option<u32>) -> Stop {
    let Some(op) = body.operative.last() else {
        return match (cut, cut_op) {
            (true, Some(n)) => Stop::InOperative(n),
            (true, None) => Stop::InPreamble(body.preamble.len()),
            (false, _) => Stop::AfterPreamble(body.preamble.len()),
        };
    };
    if cut {
        return Stop::InOperative(cut_op.unwrap_or(op.number));
    }
    let last = op.subs.last().map_or(&op.text, |s| &s.text);
    let end = TRAILING_MARKERS.replace(last.trim_end(), "");
    if end.trim_end().ends_with('.') {
        Stop::Complete
    } else {
        Stop::AfterOperative(op.number)
    }
}
