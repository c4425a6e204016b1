//! Splitting the raw lines into their regions: the header (before the opening line "L’Assemblée
//! générale,"), the body, the footnote texts (page-bottom blocks after a separator, or lines such
//! as "¹ …" / "<sup>4</sup> …" standing in the middle of a Markdown-like text) and the closing
//! lines (meeting and date). Page furniture is dropped on the way.
//!
//! This is a line-level state machine because a PDF page break can fall anywhere: a footnote
//! block may interrupt a sentence, and the body resumes after it, mid-sentence or with a new
//! paragraph. Footnote numbers may even stand on their own lines, out of order (seed 000): the
//! texts then come in order and are bound to the sorted numbers.

use regex::Regex;
use std::sync::LazyLock;

use super::detect::Format;
use super::furniture::{self, bare};
use super::hyphens::Words;
use super::vocab;

/// One line of the input, trimmed, with its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
}

/// A footnote text as found at a page bottom, before its marker is placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FootnoteText {
    pub number: u32,
    pub text: String,
    pub line: usize,
}

/// The lines of one annex: its heading ("Annex", "Annexe II") and what follows it.
#[derive(Debug)]
pub(crate) struct AnnexLines<'a> {
    pub heading: Line<'a>,
    pub lines: Vec<Line<'a>>,
}

/// The regions of a raw text.
#[derive(Debug, Default)]
pub(crate) struct Layout<'a> {
    pub header: Vec<Line<'a>>,
    pub opening: Option<Line<'a>>,
    /// Body lines in order; blank lines are kept (as empty text) for Markdown-like inputs.
    pub body: Vec<Line<'a>>,
    pub footnotes: Vec<FootnoteText>,
    pub closing: Vec<Line<'a>>,
    /// The annexes printed after the resolution, each with its heading line and its lines.
    pub annexes: Vec<AnnexLines<'a>>,
    /// Furniture dropped from the body (kept for tests and diagnostics).
    pub dropped: Vec<Line<'a>>,
    /// Footnote blocks whose numbers and texts did not pair up: (line, numbers, texts).
    pub mismatched_blocks: Vec<(usize, usize, usize)>,
}

static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:L['’]Assemblée générale|The General Assembly),?$").expect("valid regex")
});
static ANNEX_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Annex|Annexe|ANNEX|ANNEXE)(?:\s+[IVX]{1,5})?$").expect("valid regex")
});
static INLINE_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\s+(\S.*)$").expect("valid regex"));
static MARKDOWN_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:<sup>(\d{1,3})</sup>|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\[\^(\d{1,3})\]:)\s*(\S.*)$")
        .expect("valid regex")
});
static OPERATIVE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s").expect("valid regex"));

/// The opening line, without Markdown emphasis, if `line` is one.
pub(crate) fn opening_text(line: &str) -> Option<&str> {
    let b = bare(line);
    OPENING.is_match(b).then_some(b)
}

/// Value of a string of superscript digits ("¹²" -> 12).
pub(crate) fn superscript_value(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .map(|c| match c {
            '⁰' => Some('0'),
            '¹' => Some('1'),
            '²' => Some('2'),
            '³' => Some('3'),
            '⁴'..='⁹' => char::from_u32(u32::from(c) - u32::from('⁴') + u32::from('4')),
            _ => None,
        })
        .collect::<Option<String>>()?;
    digits.parse().ok()
}

/// A footnote definition line of a Markdown-like text: "¹ text", "<sup>4</sup> text".
fn markdown_note(line: &str) -> Option<(u32, String)> {
    let c = MARKDOWN_NOTE.captures(line)?;
    let number = match (c.get(1).or(c.get(3)), c.get(2)) {
        (Some(n), _) => n.as_str().parse().ok()?,
        (None, Some(s)) => superscript_value(s.as_str())?,
        _ => return None,
    };
    Some((number, c[4].to_string()))
}

/// A Markdown footnote definition "[^7]: text".
fn definition(line: &str) -> Option<(u32, String)> {
    line.starts_with("[^")
        .then(|| markdown_note(line))
        .flatten()
}

/// A definition's text with the lines that continue it (up to a blank line or the next
/// definition), and how many lines were taken.
fn continued(mut text: String, rest: &[Line<'_>], words: Option<&Words>) -> (String, usize) {
    let mut taken = 0;
    for next in rest {
        if next.text.is_empty() || definition(next.text).is_some() {
            break;
        }
        super::hyphens::push_line(&mut text, next.text, words);
        taken += 1;
    }
    (text, taken)
}

/// Does this line open a paragraph (lead word or operative number)? Used to tell where the body
/// resumes after a footnote block.
fn opens_paragraph(line: &str) -> bool {
    OPERATIVE_START.is_match(line)
        || line
            .split(' ')
            .next()
            .is_some_and(|w| vocab::is_preamble_lead(w.trim_end_matches(',')))
}

/// An annex heading line ("Annex", "Annexe II"), as printed.
pub(crate) fn annex_heading(line: &str) -> Option<&str> {
    let b = bare(line);
    ANNEX_HEADING.is_match(b).then_some(b)
}

/// A footnote text is finished when it ends with a full stop.
fn finished(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches('*');
    t.ends_with('.') || t.ends_with(".)")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Unknown,
    /// "1 A/CONF.157/24 …": the number starts the line.
    Inline,
    /// "1" alone, then the text on the next lines.
    Bare,
}

/// One footnote block being read.
struct Block {
    line: usize,
    style: Style,
    numbers: Vec<u32>,
    texts: Vec<FootnoteText>,
    /// Opened by a separator line (a PDF page bottom), not by a note standing between blocks.
    separated: bool,
    /// A blank line was met since the last note line.
    blank: bool,
    /// Page furniture was met: the page ended, and the body resumes after it.
    page_ended: bool,
    /// Where the text resumes after the block.
    resume: Region,
}

impl Block {
    fn new(line: usize, separated: bool, resume: Region) -> Block {
        Block {
            line,
            style: Style::Unknown,
            numbers: Vec::new(),
            texts: Vec::new(),
            separated,
            blank: false,
            page_ended: false,
            resume,
        }
    }
}

impl Block {
    fn current_finished(&self) -> bool {
        self.texts.last().is_none_or(|t| finished(&t.text))
    }

    fn continue_text(&mut self, text: &str, words: Option<&Words>) {
        if let Some(last) = self.texts.last_mut() {
            super::hyphens::push_line(&mut last.text, text, words);
        }
    }

    /// Close the block: bind bare texts to their sorted numbers.
    fn close(mut self, out: &mut Layout<'_>) {
        if self.style == Style::Bare {
            self.numbers.sort_unstable();
            self.numbers.dedup();
            if self.numbers.len() != self.texts.len() {
                out.mismatched_blocks
                    .push((self.line, self.numbers.len(), self.texts.len()));
            }
            let mut next = out
                .footnotes
                .iter()
                .map(|f| f.number)
                .max()
                .unwrap_or(0)
                .saturating_add(1);
            for (i, text) in self.texts.iter_mut().enumerate() {
                text.number = match self.numbers.get(i) {
                    Some(&n) => n,
                    None => next,
                };
                next = text.number.saturating_add(1);
            }
        }
        out.footnotes.extend(self.texts);
    }
}

/// Where body lines go: the resolution, or its annex number k.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Resolution,
    Annex(usize),
    Closing,
}

enum State {
    Header,
    Body(Region),
    Notes(Block),
    Closing,
}

impl<'a> Layout<'a> {
    fn push_body(&mut self, region: Region, line: Line<'a>) {
        match region {
            Region::Resolution => self.body.push(line),
            Region::Annex(k) => {
                if let Some(annex) = self.annexes.get_mut(k) {
                    annex.lines.push(line);
                }
            }
            Region::Closing => self.closing.push(line),
        }
    }

    /// The number the next footnote text should carry.
    fn next_note(&self, block: Option<&Block>) -> u32 {
        let taken = block.map_or(0, |b| b.texts.len());
        self.footnotes
            .iter()
            .map(|f| f.number)
            .max()
            .unwrap_or(0)
            .saturating_add(u32::try_from(taken).unwrap_or(u32::MAX))
            .saturating_add(1)
    }
}

/// "3 Official Records …": a footnote text standing between paragraphs (layouts that print one
/// paragraph per line), when its number is the next one and the text before calls it.
fn standing_note(t: &str, expected: u32, called: &str) -> Option<(u32, String)> {
    let c = INLINE_NOTE.captures(t)?;
    let n: u32 = c[1].parse().ok()?;
    // A call a conversion already wrote ("Pelindaba[^7]") names its note whatever the order.
    let written = called.contains(&format!("[^{n}]"));
    ((n == expected || written) && super::footnotes::calls(called, n))
        .then(|| (n, c[2].to_string()))
}

/// Split `text` into its regions.
#[cfg(test)]
pub(crate) fn split(text: &str, format: Format) -> Layout<'_> {
    split_with(text, format, None)
}

/// Split `text` into its regions; `words` (the document's vocabulary) decides the line-end
/// hyphens of footnote texts.
pub(crate) fn split_with<'a>(text: &'a str, format: Format, words: Option<&Words>) -> Layout<'a> {
    let mut out = Layout::default();
    let mut state = State::Header;
    let lines: Vec<Line<'_>> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim(),
        })
        .collect();
    let page_furniture = furniture::page_clusters(&lines);
    // The text read so far, to tell a footnote text standing between paragraphs by its call.
    let mut called = String::new();
    let mut blank_before = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.text;
        let was_blank = std::mem::replace(&mut blank_before, t.is_empty());
        match &mut state {
            State::Header => {
                if opening_text(t).is_some() {
                    out.opening = Some(line);
                    state = State::Body(Region::Resolution);
                } else {
                    out.header.push(line);
                }
            }
            State::Body(region) => {
                let region = *region;
                if t.is_empty() {
                    if format == Format::Markdown {
                        out.push_body(region, line);
                    }
                } else if page_furniture.contains(&line.no) {
                    out.dropped.push(line);
                } else if region == Region::Resolution && furniture::closing_meeting(t).is_some() {
                    out.closing.push(line);
                    state = State::Closing;
                } else if let Some(heading) = annex_heading(t) {
                    out.annexes.push(AnnexLines {
                        heading: Line {
                            no: line.no,
                            text: heading,
                        },
                        lines: Vec::new(),
                    });
                    state = State::Body(Region::Annex(out.annexes.len() - 1));
                } else if let Some((number, note)) = markdown_note(t) {
                    let (text, taken) = if definition(t).is_some() {
                        continued(note, &lines[i + 1..], words)
                    } else {
                        (note, 0)
                    };
                    out.footnotes.push(FootnoteText {
                        number,
                        text,
                        line: line.no,
                    });
                    i += taken;
                } else if furniture::is_separator(t) {
                    out.dropped.push(line);
                    if format == Format::Pdf {
                        state = State::Notes(Block::new(line.no, true, region));
                    }
                } else if furniture::is_furniture(t) {
                    out.dropped.push(line);
                } else if format == Format::Markdown
                    && was_blank
                    && let Some((number, note)) = standing_note(t, out.next_note(None), &called)
                {
                    let mut block = Block::new(line.no, false, region);
                    block.style = Style::Inline;
                    block.texts.push(FootnoteText {
                        number,
                        text: note,
                        line: line.no,
                    });
                    state = State::Notes(block);
                } else {
                    called.push(' ');
                    called.push_str(t);
                    out.push_body(region, line);
                }
            }
            State::Notes(_) | State::Closing if definition(t).is_some() => {
                if let State::Notes(block) = std::mem::replace(&mut state, State::Closing) {
                    block.close(&mut out);
                }
                if let Some((number, note)) = definition(t) {
                    let (text, taken) = continued(note, &lines[i + 1..], words);
                    out.footnotes.push(FootnoteText {
                        number,
                        text,
                        line: line.no,
                    });
                    i += taken;
                }
            }
            State::Notes(block) => {
                let expected = out.next_note(Some(block));
                let inline = INLINE_NOTE
                    .captures(t)
                    .and_then(|c| Some((c[1].parse::<u32>().ok()?, c[2].to_string())))
                    .filter(|(n, _)| *n == expected && block.style != Style::Bare);
                if t.is_empty() {
                    // Blank lines mean nothing inside a footnote block, but between notes
                    // standing in the text they end a note.
                    block.blank = true;
                } else if page_furniture.contains(&line.no) {
                    block.page_ended = true;
                    out.dropped.push(line);
                } else if let Some((number, note)) = inline {
                    block.style = Style::Inline;
                    block.blank = false;
                    block.texts.push(FootnoteText {
                        number,
                        text: note,
                        line: line.no,
                    });
                } else if block.separated
                    && !block.page_ended
                    && furniture::is_page_number(t)
                    && matches!(block.style, Style::Unknown | Style::Bare)
                    && (block.style == Style::Bare || block.texts.is_empty())
                {
                    block.style = Style::Bare;
                    if let Ok(n) = t.parse() {
                        block.numbers.push(n);
                    }
                } else if furniture::is_separator(t) || furniture::is_furniture(t) {
                    out.dropped.push(line);
                } else if !block.page_ended
                    && if block.separated {
                        !block.current_finished()
                    } else {
                        !block.blank
                    }
                {
                    block.continue_text(t, words);
                } else if block.separated
                    && !block.page_ended
                    && block.style == Style::Bare
                    && !opens_paragraph(t)
                    && t.chars().next().is_some_and(|c| !c.is_lowercase())
                {
                    block.texts.push(FootnoteText {
                        number: 0,
                        text: t.to_string(),
                        line: line.no,
                    });
                } else {
                    // The body resumes: close the block and read this line again.
                    if let State::Notes(block) = std::mem::replace(&mut state, State::Header) {
                        state = match block.resume {
                            Region::Closing => State::Closing,
                            region => State::Body(region),
                        };
                        block.close(&mut out);
                    }
                    blank_before = was_blank;
                    continue;
                }
            }
            State::Closing => {
                if t.is_empty() || page_furniture.contains(&line.no) {
                } else if let Some(heading) = annex_heading(t) {
                    out.annexes.push(AnnexLines {
                        heading: Line {
                            no: line.no,
                            text: heading,
                        },
                        lines: Vec::new(),
                    });
                    state = State::Body(Region::Annex(out.annexes.len() - 1));
                } else if furniture::is_separator(t) {
                    out.dropped.push(line);
                    state = State::Notes(Block::new(line.no, true, Region::Closing));
                } else if let Some((number, note)) = standing_note(t, out.next_note(None), &called)
                {
                    let mut block = Block::new(line.no, false, Region::Closing);
                    block.style = Style::Inline;
                    block.texts.push(FootnoteText {
                        number,
                        text: note,
                        line: line.no,
                    });
                    state = State::Notes(block);
                } else if furniture::is_furniture(t) {
                    out.dropped.push(line);
                } else {
                    out.closing.push(line);
                }
            }
        }
        i += 1;
    }
    if let State::Notes(block) = state {
        block.close(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::detect::detect_format;
    use crate::import::tests::SEEDS;

    fn layout(i: usize) -> Layout<'static> {
        split(SEEDS[i], detect_format(SEEDS[i]))
    }

    #[test]
    fn scrambled_footnote_numbers_bind_texts_in_order() {
        let l = layout(0);
        let notes: Vec<(u32, &str)> = l
            .footnotes
            .iter()
            .map(|f| (f.number, f.text.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (1, "A/CONF.157/24 (Part I), chap. III."),
                (2, "Voir résolution 55/2."),
                (
                    3,
                    "Voir Documents officiels du Conseil économique et social, 2005, Supplément no 3 (E/2005/23), chap. II, sect. A."
                ),
            ]
        );
        assert!(l.mismatched_blocks.is_empty());
    }

    #[test]
    fn body_resumes_mid_sentence_after_a_footnote_block() {
        let l = layout(2);
        assert_eq!(l.footnotes.len(), 5);
        assert_eq!(
            l.footnotes[2].text,
            "Voir Documents officiels de l’Assemblée générale, soixante-septième session, Supplément no 53 (A/67/53), chap. III, sect. A."
        );
        assert_eq!(l.footnotes[3].text, "Résolution 66/3.");
        assert!(l.body.iter().any(|b| {
            b.text
                .starts_with("l’Organisation des Nations Unies, notamment")
        }));
        assert!(
            l.body
                .iter()
                .any(|b| b.text.starts_with("concrète à la tâche"))
        );
        assert!(
            l.dropped
                .iter()
                .any(|d| d.text.starts_with("http://undocs.org"))
        );
    }

    #[test]
    fn running_header_and_page_number_are_dropped_mid_text() {
        let l = layout(3);
        let dropped: Vec<&str> = l.dropped.iter().map(|d| d.text).collect();
        assert!(dropped.contains(&"A/RES/59/187"), "{dropped:?}");
        assert!(dropped.contains(&"3"), "{dropped:?}");
        assert_eq!(l.footnotes.len(), 4);
        assert!(l.body.iter().any(|b| b.text.starts_with("Soulignant")));
    }

    #[test]
    fn markdown_footnote_lines_in_mid_text_are_taken_out() {
        let l = layout(1);
        assert_eq!(l.footnotes.len(), 4);
        assert_eq!(l.footnotes[3].number, 4);
        assert!(l.footnotes[2].text.contains("*Documents officiels"));
        assert_eq!(l.closing.len(), 2);
        let l = layout(4);
        assert_eq!(l.footnotes.len(), 4);
        assert_eq!(l.opening.map(|o| o.text), Some("*The General Assembly,*"));
    }
}
