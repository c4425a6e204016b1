//! Splitting the raw lines into their regions: the header (before the opening line "L’Assemblée
//! générale,", with or without its comma), the body, the footnote texts, the closing lines
//! (meeting and date) and the annexes after them ("Annex", "Annexe II"). Page furniture is
//! dropped on the way: the lines of page tops and bottoms are found first, as clusters around a
//! symbol, a page number "2/5" or a job number, with the running title beside them
//! (`furniture::page_clusters`).
//!
//! Footnote texts come in every form a source gives: page-bottom blocks after a separator (and
//! after the closing line), notes standing alone between paragraphs in layouts that print one
//! paragraph per line ("3 A/80/225." when the text before calls note 3), "¹ …" /
//! "<sup>4</sup> …" lines, and Markdown definitions "[^4]: …" with their continued lines.
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
static ANNEX_WITH_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:Annex|Annexe)(?:\s+[IVX]{1,5})?)\s+(\p{Lu}\S*\s.*|\d{4}\s.*)$")
        .expect("valid regex")
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

/// An annex heading with its title on the same line, as some conversions join them ("Annex
/// Awaza Political Declaration"): the heading and the title. Read only after the closing
/// lines, where no paragraph of the resolution can stand.
pub(crate) fn annex_heading_with_title(line: &str) -> Option<(&str, &str)> {
    let c = ANNEX_WITH_TITLE.captures(bare(line))?;
    let (heading, title) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let closes = title.trim_end().ends_with([',', ';', ':', '.']);
    (!closes && title.split_whitespace().count() <= 40).then_some((heading, title))
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
    let lines: Vec<Line<'a>> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim(),
        })
        .collect();
    let mut splitter = Splitter {
        page_furniture: furniture::page_clusters(&lines),
        lines,
        format,
        words,
        out: Layout::default(),
        called: String::new(),
    };
    splitter.run();
    splitter.out
}

/// What to do after a line: go on to the next, or read the same line again in the new state.
enum Step {
    Next,
    Again,
}

/// The state machine over the lines of one text.
struct Splitter<'a, 'w> {
    lines: Vec<Line<'a>>,
    /// Lines of page tops and bottoms, found before reading (`furniture::page_clusters`).
    page_furniture: std::collections::HashSet<usize>,
    format: Format,
    words: Option<&'w Words>,
    out: Layout<'a>,
    /// The body read so far, to tell a footnote text standing between paragraphs by its call.
    called: String,
}

impl<'a> Splitter<'a, '_> {
    fn run(&mut self) {
        let mut state = State::Header;
        let mut blank_before = true;
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.lines[i];
            let (step, taken) = match &mut state {
                State::Header => (self.header_line(line, &mut state), 0),
                State::Body(region) => {
                    let region = *region;
                    self.body_line(i, region, blank_before, &mut state)
                }
                State::Notes(_) | State::Closing if definition(line.text).is_some() => {
                    if let State::Notes(block) = std::mem::replace(&mut state, State::Closing) {
                        block.close(&mut self.out);
                    }
                    (Step::Next, self.definition_at(i))
                }
                State::Notes(block) => (self.notes_line(line, block), 0),
                State::Closing => (self.closing_line(line, &mut state), 0),
            };
            if let Step::Again = step {
                // The footnote block ended on this line: read it again as text.
                if let State::Notes(block) = std::mem::replace(&mut state, State::Header) {
                    state = match block.resume {
                        Region::Closing => State::Closing,
                        region => State::Body(region),
                    };
                    block.close(&mut self.out);
                }
                continue;
            }
            blank_before = line.text.is_empty();
            i += 1 + taken;
        }
        if let State::Notes(block) = state {
            block.close(&mut self.out);
        }
    }

    fn header_line(&mut self, line: Line<'a>, state: &mut State) -> Step {
        if opening_text(line.text).is_some() {
            self.out.opening = Some(line);
            *state = State::Body(Region::Resolution);
        } else {
            self.out.header.push(line);
        }
        Step::Next
    }

    /// A footnote definition "[^7]: …" at line `i`, with the lines that continue it; returns
    /// how many lines after `i` it took.
    fn definition_at(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let Some((number, note)) = markdown_note(line.text) else {
            return 0;
        };
        let (text, taken) = if definition(line.text).is_some() {
            continued(note, &self.lines[i + 1..], self.words)
        } else {
            (note, 0)
        };
        self.out.footnotes.push(FootnoteText {
            number,
            text,
            line: line.no,
        });
        taken
    }

    /// An annex heading ("Annex", "Annexe II") opens the annex's region.
    fn open_annex(&mut self, line: Line<'a>, heading: &'a str, state: &mut State) {
        self.out.annexes.push(AnnexLines {
            heading: Line {
                no: line.no,
                text: heading,
            },
            lines: Vec::new(),
        });
        *state = State::Body(Region::Annex(self.out.annexes.len() - 1));
    }

    /// "Annex Awaza Political Declaration": the annex opens, its title is its first line.
    fn open_annex_with_title(
        &mut self,
        line: Line<'a>,
        (heading, title): (&'a str, &'a str),
        state: &mut State,
    ) {
        self.open_annex(line, heading, state);
        let region = Region::Annex(self.out.annexes.len() - 1);
        self.out.push_body(
            region,
            Line {
                no: line.no,
                text: title,
            },
        );
        if self.format == Format::Markdown {
            self.out.push_body(
                region,
                Line {
                    no: line.no,
                    text: "",
                },
            );
        }
    }

    /// A footnote text standing between paragraphs opens a block of them.
    fn standing_block(&self, line: Line<'a>, resume: Region) -> Option<Block> {
        let (number, note) = standing_note(line.text, self.out.next_note(None), &self.called)?;
        let mut block = Block::new(line.no, false, resume);
        block.style = Style::Inline;
        block.texts.push(FootnoteText {
            number,
            text: note,
            line: line.no,
        });
        Some(block)
    }

    fn body_line(
        &mut self,
        i: usize,
        region: Region,
        blank_before: bool,
        state: &mut State,
    ) -> (Step, usize) {
        let line = self.lines[i];
        let t = line.text;
        if t.is_empty() {
            if self.format == Format::Markdown {
                self.out.push_body(region, line);
            }
        } else if self.page_furniture.contains(&line.no) {
            self.out.dropped.push(line);
        } else if region == Region::Resolution && furniture::closing_meeting(t).is_some() {
            self.out.closing.push(line);
            *state = State::Closing;
        } else if let Some(heading) = annex_heading(t) {
            self.open_annex(line, heading, state);
        } else if markdown_note(t).is_some() {
            return (Step::Next, self.definition_at(i));
        } else if furniture::is_separator(t) {
            self.out.dropped.push(line);
            if self.format == Format::Pdf {
                *state = State::Notes(Block::new(line.no, true, region));
            }
        } else if furniture::is_furniture(t) {
            self.out.dropped.push(line);
        } else if let Some(block) = (self.format == Format::Markdown && blank_before)
            .then(|| self.standing_block(line, region))
            .flatten()
        {
            *state = State::Notes(block);
        } else {
            self.called.push(' ');
            self.called.push_str(t);
            self.out.push_body(region, line);
        }
        (Step::Next, 0)
    }

    fn notes_line(&mut self, line: Line<'a>, block: &mut Block) -> Step {
        let t = line.text;
        let expected = self.out.next_note(Some(block));
        let inline = INLINE_NOTE
            .captures(t)
            .and_then(|c| Some((c[1].parse::<u32>().ok()?, c[2].to_string())))
            .filter(|(n, _)| *n == expected && block.style != Style::Bare);
        if t.is_empty() {
            // Blank lines mean nothing inside a footnote block, but between notes standing in
            // the text they end a note.
            block.blank = true;
        } else if self.page_furniture.contains(&line.no) {
            block.page_ended = true;
            self.out.dropped.push(line);
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
            self.out.dropped.push(line);
        } else if !block.page_ended
            && if block.separated {
                !block.current_finished()
            } else {
                !block.blank
            }
        {
            block.continue_text(t, self.words);
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
            return Step::Again;
        }
        Step::Next
    }

    /// After the closing lines: the date, notes printed at the foot of the last page, and the
    /// annexes.
    fn closing_line(&mut self, line: Line<'a>, state: &mut State) -> Step {
        let t = line.text;
        if t.is_empty() || self.page_furniture.contains(&line.no) {
        } else if let Some(heading) = annex_heading(t) {
            self.open_annex(line, heading, state);
        } else if let Some(parts) = annex_heading_with_title(t) {
            self.open_annex_with_title(line, parts, state);
        } else if furniture::is_separator(t) {
            self.out.dropped.push(line);
            *state = State::Notes(Block::new(line.no, true, Region::Closing));
        } else if let Some(block) = self.standing_block(line, Region::Closing) {
            *state = State::Notes(block);
        } else if furniture::is_furniture(t) {
            self.out.dropped.push(line);
        } else {
            self.out.closing.push(line);
        }
        Step::Next
    }
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
