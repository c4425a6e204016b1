//! Parses a canonical text (`fr.md`) into paragraphs with their ids.
//!
//! The canonical form is plain Markdown a person can correct: an opening line, one preambular
//! paragraph per block, the operative paragraphs as an ordered list (sub-paragraphs `(a)` as a
//! nested bullet list) and Markdown footnotes. Anything else (headings, raw HTML, code blocks,
//! a list or a quote inside a paragraph) is reported as a problem with its line, because it would
//! have no paragraph id.
//!
//! The text may come from anywhere (a hand edit, a broken import, a hostile pull request), so the
//! parser stays linear in the size of its input: pulldown-cmark's events are walked once, without
//! recursion (a list nested 10,000 levels deep is refused at its first level, then skipped), each
//! problem is recorded once per line in constant time, and a text with more than
//! [`MAX_PARAGRAPHS`] paragraphs is refused (and cut there) before later stages see it.

use std::collections::{HashMap, HashSet};

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::archive::{Footnote, Paragraph, ParagraphKind};
use crate::diag::{Problem, Problems};

/// The most paragraphs, sub-paragraphs and footnotes one text may have. The longest resolutions of
/// the Assembly have about 500; a text with more is not a resolution (or is several), and
/// refusing it bounds every later stage on hostile input, the comparison of successive texts
/// above all (its cost grows with the product of their paragraph counts).
pub(crate) const MAX_PARAGRAPHS: usize = 2_000;

/// What a canonical text holds, before it is attached to its resolution.
#[derive(Debug, Default)]
pub(crate) struct ParsedText {
    pub opening: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub footnotes: Vec<Footnote>,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

struct Cursor<'a, 'p> {
    source: &'a str,
    events: Vec<Spanned<'a>>,
    pos: usize,
    path: &'p Path,
    line_starts: Vec<usize>,
    problems: Problems,
    /// (line, message) of the problems recorded, so that each is reported once.
    reported: HashSet<(usize, String)>,
    /// Problems found beyond [`MAX_RECORDED`]: counted, not kept.
    unrecorded: (usize, usize),
    /// How many references to each footnote label were met, to give each its own anchor.
    fn_refs: HashMap<String, usize>,
    /// Paragraphs, sub-paragraphs and footnotes made so far.
    made: usize,
}

/// The most problems kept for one text; a text pasted in the wrong form can have one per line,
/// and only the first ones help (the display shows 50 per file).
const MAX_RECORDED: usize = 1_000;

/// Parses `source`; problems are located in `path`.
pub(crate) fn parse_text(path: &Path, source: &str) -> (ParsedText, Problems) {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Spanned> = Parser::new_ext(source, options)
        .into_offset_iter()
        .collect();
    let line_starts = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut cursor = Cursor {
        source,
        events,
        pos: 0,
        path,
        line_starts,
        problems: Problems::new(),
        reported: HashSet::new(),
        unrecorded: (0, 0),
        fn_refs: HashMap::new(),
        made: 0,
    };
    let mut parsed = cursor.document();
    cut_to_limit(&mut parsed);
    cursor.report_unrecorded();
    (parsed, cursor.problems)
}

/// Keeps the first [`MAX_PARAGRAPHS`] paragraphs and footnotes of a text the parser stopped
/// reading (it reported why), so that later stages see a bounded text.
fn cut_to_limit(parsed: &mut ParsedText) {
    let mut kept = 0;
    let cut = parsed.paragraphs.iter().position(|p| {
        kept += 1 + p.subs.len();
        kept > MAX_PARAGRAPHS
    });
    if let Some(cut) = cut {
        parsed.paragraphs.truncate(cut);
        parsed.footnotes.clear();
    } else {
        parsed
            .footnotes
            .truncate(MAX_PARAGRAPHS.saturating_sub(kept));
    }
}

impl<'a> Cursor<'a, '_> {
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Records an error at `offset`; the same message on the same line is reported once.
    fn problem(&mut self, offset: usize, message: impl Into<String>, hint: &str) {
        let line = self.line(offset);
        let message = message.into();
        if self.problems.len() >= MAX_RECORDED {
            self.unrecorded.0 += 1;
        } else if self.reported.insert((line, message.clone())) {
            self.problems
                .push(Problem::error(self.path, message).at(line, None).hint(hint));
        }
    }

    /// One problem for those found beyond [`MAX_RECORDED`], an error if any of them was.
    fn report_unrecorded(&mut self) {
        let (errors, warnings) = self.unrecorded;
        if errors + warnings == 0 {
            return;
        }
        let message = format!(
            "{} more problem(s) found after these ({errors} error(s)), not listed",
            errors + warnings
        );
        let problem = if errors > 0 {
            Problem::error(self.path, message)
        } else {
            Problem::warning(self.path, message)
        };
        self.problems.push(problem.hint(
            "this file is far from the canonical form: fix the first problems and check again",
        ));
    }

    /// Counts one paragraph or footnote made at `line`; past [`MAX_PARAGRAPHS`] the text is
    /// refused there and the rest is not read.
    fn count_one(&mut self, line: usize) {
        self.made += 1;
        if self.made == MAX_PARAGRAPHS + 1 {
            let offset = self.line_starts.get(line - 1).copied().unwrap_or(0);
            self.problem(
                offset,
                format!("this text has more than {MAX_PARAGRAPHS} paragraphs, sub-paragraphs and footnotes; the rest is not read"),
                "a resolution has a few hundred paragraphs at most: check that this file holds one resolution, in the canonical form",
            );
            self.pos = self.events.len();
        }
    }

    /// Refuses a block (a list, a quote, a heading…) where only the words of a paragraph may
    /// be, and skips it whole, however deep it nests.
    fn refuse_block(&mut self, offset: usize, tag: &Tag, inside: &str) {
        let what = describe(tag);
        self.problem(
            offset,
            format!("{what} inside {inside} has no paragraph id"),
            "a paragraph holds only its words (with *italics* and footnotes [^1]); only operative paragraphs have sub-paragraphs, as a bullet list `   - (a) …`",
        );
        self.skip_block();
    }

    fn warn(&mut self, offset: usize, message: impl Into<String>, hint: &str) {
        let line = self.line(offset);
        if self.problems.len() >= MAX_RECORDED {
            self.unrecorded.1 += 1;
            return;
        }
        self.problems.push(
            Problem::warning(self.path, message)
                .at(line, None)
                .hint(hint),
        );
    }

    fn document(&mut self) -> ParsedText {
        let mut parsed = ParsedText::default();
        let mut operative_seen = false;
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Paragraph) => {
                    let line = self.line(range.start);
                    let inlines = self.inlines_until(TagEnd::Paragraph);
                    let starts_with_lead =
                        matches!(inlines.first(), Some(Event::Start(Tag::Emphasis)));
                    if parsed.opening.is_none() && parsed.paragraphs.is_empty() && !starts_with_lead
                    {
                        parsed.opening = Some(plain_text(&inlines));
                    } else if operative_seen {
                        self.problem(
                            range.start,
                            "a paragraph after the operative paragraphs has no paragraph id",
                            "operative paragraphs are a numbered list (`12. *Décide* …`); join this text to one of them or make it a list item",
                        );
                    } else {
                        let n = parsed.paragraphs.len() + 1;
                        if !starts_with_lead {
                            self.warn(
                                range.start,
                                format!("pp{n} has no lead word in italics"),
                                "put the opening participle in italics: `*Rappelant* …`",
                            );
                        }
                        parsed.paragraphs.push(self.paragraph(
                            format!("pp{n}"),
                            ParagraphKind::Preambular,
                            None,
                            inlines,
                            line,
                        ));
                    }
                }
                Event::Start(Tag::List(Some(start))) => {
                    operative_seen = true;
                    let operative = self.operative_list(start);
                    parsed.paragraphs.extend(operative);
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let line = self.line(range.start);
                    let inlines = self.inlines_until(TagEnd::FootnoteDefinition);
                    self.count_one(line);
                    parsed.footnotes.push(footnote(&label, &inlines, line));
                }
                Event::Start(tag) => {
                    let what = match tag {
                        Tag::List(None) => "a bullet list outside an operative paragraph",
                        _ => describe(&tag),
                    };
                    self.problem(
                        range.start,
                        format!("{what} has no place in a canonical text"),
                        "a canonical text holds the opening line, preambular paragraphs, a numbered list of operative paragraphs and footnotes (`[^1]: …`); put commentary in notes.md",
                    );
                    self.skip_block();
                }
                Event::Html(_) | Event::InlineHtml(_) => self.refuse_html(range.start),
                Event::Rule => {}
                other => self.problem(
                    range.start,
                    format!("unexpected {other:?} in a canonical text"),
                    "see CONTRIBUTING.md for the canonical text format",
                ),
            }
        }
        parsed
    }

    /// The items of the operative list. Each keeps the number written before it (the official
    /// one: Markdown itself would renumber from the first); a gap is a warning, a repeat an error.
    fn operative_list(&mut self, start: u64) -> Vec<Paragraph> {
        let mut items: Vec<Paragraph> = Vec::new();
        let mut expected = start;
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    let number = written_number(&self.source[range.start..]).unwrap_or(expected);
                    let id = format!("op{number}");
                    if items.iter().any(|p| p.id == id) {
                        let message = format!("paragraph id `{id}` is used twice");
                        self.problem(
                            range.start,
                            message,
                            "number operative paragraphs once, in order, as the official text does",
                        );
                    } else if number != expected {
                        let message = format!(
                            "operative paragraph {number} follows {}",
                            expected.saturating_sub(1)
                        );
                        self.warn(range.start, message, "check the numbering against the official text: the numbers are the paragraphs' ids");
                    }
                    let line = self.line(range.start);
                    items.push(self.operative_item(id, number, line));
                    expected = number + 1;
                }
                Event::End(TagEnd::List(true)) => break,
                _ => {}
            }
        }
        items
    }

    /// One operative paragraph: its text, then its sub-paragraphs.
    fn operative_item(&mut self, id: String, number: u64, line: usize) -> Paragraph {
        let mut inlines = Vec::new();
        let mut subs = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                Event::Start(Tag::List(None)) => self.sub_list(&id, &mut subs),
                Event::Start(Tag::List(Some(_))) => {
                    self.problem(
                        range.start,
                        "a numbered list inside an operative paragraph",
                        "write sub-paragraphs as a bullet list: `   - (a) …`",
                    );
                    self.skip_block();
                }
                Event::Start(tag) if !is_inline(&tag) => self.refuse_block(range.start, &tag, &id),
                inline => self.push_inline(inline, range.start, &mut inlines),
            }
        }
        if !matches!(inlines.first(), Some(Event::Start(Tag::Emphasis))) {
            let offset = self.line_starts.get(line - 1).copied().unwrap_or(0);
            self.warn(
                offset,
                format!("{id} has no lead word in italics"),
                "put the opening verb in italics: `12. *Décide* …`",
            );
        }
        let mut paragraph = self.paragraph(
            id,
            ParagraphKind::Operative,
            Some(number.to_string()),
            inlines,
            line,
        );
        paragraph.subs = subs;
        paragraph
    }

    /// The sub-paragraphs of `parent`, added to `subs` (a second list in the same paragraph
    /// goes on with the letters).
    fn sub_list(&mut self, parent: &str, subs: &mut Vec<Paragraph>) {
        let inside = format!("a sub-paragraph of {parent}");
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    let line = self.line(range.start);
                    let mut inlines = Vec::new();
                    while let Some((event, range)) = self.events.get(self.pos).cloned() {
                        self.pos += 1;
                        match event {
                            Event::End(TagEnd::Item) => break,
                            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                            Event::Start(tag) if !is_inline(&tag) => {
                                self.refuse_block(range.start, &tag, &inside)
                            }
                            inline => self.push_inline(inline, range.start, &mut inlines),
                        }
                    }
                    let position = subs.len();
                    let (letter, inlines) = split_letter(inlines, position);
                    let id = format!("{parent}-{letter}");
                    if subs.iter().any(|p: &Paragraph| p.id == id) {
                        self.problem(
                            range.start,
                            format!("paragraph id `{id}` is used twice"),
                            "letter sub-paragraphs (a), (b), … once each",
                        );
                    }
                    subs.push(self.paragraph(
                        id,
                        ParagraphKind::Sub,
                        Some(format!("({letter})")),
                        inlines,
                        line,
                    ));
                }
                Event::End(TagEnd::List(false)) => break,
                _ => {}
            }
        }
    }

    /// Inline events up to the end of the current block, which is consumed.
    fn inlines_until(&mut self, end: TagEnd) -> Vec<Event<'a>> {
        let mut inlines = Vec::new();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::End(found) if found == end => break,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {
                    if !inlines.is_empty() && end == TagEnd::FootnoteDefinition {
                        inlines.push(Event::SoftBreak);
                    }
                }
                Event::Start(tag) if !is_inline(&tag) => {
                    self.refuse_block(range.start, &tag, "a footnote")
                }
                inline => self.push_inline(inline, range.start, &mut inlines),
            }
        }
        inlines
    }

    /// Adds one inline event of a paragraph: raw HTML is refused, a line break is checked for
    /// two paragraphs glued together.
    fn push_inline(&mut self, event: Event<'a>, offset: usize, inlines: &mut Vec<Event<'a>>) {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => self.refuse_html(offset),
            Event::SoftBreak => {
                self.check_merged_paragraphs();
                inlines.push(Event::SoftBreak);
            }
            inline => inlines.push(inline),
        }
    }

    fn refuse_html(&mut self, offset: usize) {
        self.problem(
            offset,
            "raw HTML has no place in a canonical text",
            "write the text as Markdown: *italics*, footnotes as [^1]",
        );
    }

    /// A line that starts with an italic lead inside a paragraph is most likely the next
    /// paragraph, glued to this one by a missing blank line: every later id would shift.
    fn check_merged_paragraphs(&mut self) {
        if let Some((Event::Start(Tag::Emphasis), range)) = self.events.get(self.pos).cloned() {
            self.warn(
                range.start,
                "this line starts with a lead in italics inside the paragraph above",
                "if it begins a new paragraph, put a blank line before it; otherwise the paragraph ids after it shift",
            );
        }
    }

    fn skip_block(&mut self) {
        let mut depth = 1usize;
        while let Some((event, _)) = self.events.get(self.pos) {
            self.pos += 1;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
    }

    fn paragraph(
        &mut self,
        id: String,
        kind: ParagraphKind,
        label: Option<String>,
        inlines: Vec<Event<'a>>,
        line: usize,
    ) -> Paragraph {
        self.count_one(line);
        let plain = plain_text(&inlines);
        let html = self.inline_html(inlines);
        Paragraph {
            id,
            kind,
            label,
            html,
            plain,
            line,
            cites: Vec::new(),
            subs: Vec::new(),
        }
    }

    /// Inline HTML of a paragraph, footnote references turned into links to `#fnN`.
    fn inline_html(&mut self, inlines: Vec<Event<'a>>) -> String {
        let events: Vec<Event> = inlines
            .into_iter()
            .map(|event| match event {
                Event::FootnoteReference(label) => {
                    let seen = self.fn_refs.entry(label.to_string()).or_default();
                    *seen += 1;
                    let anchor = if *seen == 1 { format!("fnref{label}") } else { format!("fnref{label}-{seen}") };
                    Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"fnref\"><a id=\"{anchor}\" href=\"#fn{label}\" role=\"doc-noteref\">{label}</a></sup>"
                    )))
                }
                Event::SoftBreak => Event::Text(" ".into()),
                other => other,
            })
            .collect();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }
}

/// The number written at the start of an ordered-list item (`12. …` -> 12).
fn written_number(item: &str) -> Option<u64> {
    let digits: String = item
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Binds footnote references to their definitions and reports what does not match.
pub(crate) fn link_footnotes(path: &Path, parsed: &mut ParsedText, problems: &mut Problems) {
    // Label -> the anchors of its references, in text order.
    let mut referenced: HashMap<String, Vec<String>> = HashMap::new();
    for paragraph in parsed
        .paragraphs
        .iter()
        .flat_map(|p| std::iter::once(p).chain(p.subs.iter()))
    {
        collect_refs(&paragraph.html, &mut referenced);
    }
    for footnote in &mut parsed.footnotes {
        footnote.refs = referenced.remove(&footnote.label).unwrap_or_default();
        if footnote.refs.is_empty() {
            problems.push(
                Problem::warning(
                    path,
                    format!("footnote [^{}] is never referenced", footnote.label),
                )
                .at(footnote.line, None)
                .hint(format!(
                    "put [^{}] where the note's marker stands in the text",
                    footnote.label
                )),
            );
        }
    }
    // pulldown-cmark leaves a reference without a definition as literal text.
    let unmatched = parsed
        .paragraphs
        .iter()
        .flat_map(|p| std::iter::once(p).chain(p.subs.iter()))
        .flat_map(|p| {
            p.plain
                .match_indices("[^")
                .map(move |(start, _)| (p, start))
        })
        .take(MAX_RECORDED);
    {
        for (paragraph, start) in unmatched {
            // A label is short; a run of `[^[^[^…` without `]` must not be read to its end each time.
            let label: String = paragraph.plain[start + 2..]
                .chars()
                .take_while(|c| *c != ']')
                .take(40)
                .collect();
            problems.push(
                Problem::error(
                    path,
                    format!(
                        "footnote reference [^{label}] in {} has no definition",
                        paragraph.id
                    ),
                )
                .at(paragraph.line, None)
                .hint(format!("add a line `[^{label}]: …` at the end of the text")),
            );
        }
    }
}

fn collect_refs(html: &str, out: &mut HashMap<String, Vec<String>>) {
    for part in html.split("<a id=\"fnref").skip(1) {
        let anchor_tail = part.split('"').next().unwrap_or_default();
        let label = anchor_tail.split('-').next().unwrap_or_default();
        out.entry(label.to_string())
            .or_default()
            .push(format!("fnref{anchor_tail}"));
    }
}

fn footnote(label: &str, inlines: &[Event], line: usize) -> Footnote {
    let mut html = String::new();
    let events = inlines.iter().cloned().map(|e| match e {
        Event::SoftBreak => Event::Text(" ".into()),
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    Footnote {
        id: format!("fn{label}"),
        label: label.to_string(),
        html,
        plain: plain_text(inlines),
        line,
        refs: Vec::new(),
        cites: Vec::new(),
    }
}

/// Splits a leading `(a)` from a sub-paragraph; without one, the letter follows the position.
fn split_letter(mut inlines: Vec<Event>, position: usize) -> (String, Vec<Event>) {
    if let Some(Event::Text(text)) = inlines.first() {
        let text = text.to_string();
        if let Some(rest) = text.strip_prefix('(')
            && let Some((letter, after)) = rest.split_once(')')
            && !letter.is_empty()
            && letter.len() <= 4
            && letter.chars().all(|c| c.is_ascii_lowercase())
        {
            let after = after.trim_start().to_string();
            if after.is_empty() {
                inlines.remove(0);
            } else {
                inlines[0] = Event::Text(after.into());
            }
            return (letter.to_string(), inlines);
        }
    }
    let letter = char::from(b'a' + (position % 26) as u8).to_string();
    (letter, inlines)
}

/// The text of inline events, footnote references left out.
pub(crate) fn plain_text(inlines: &[Event]) -> String {
    let mut out = String::new();
    for event in inlines {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The tags that may sit among the words of a paragraph.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn describe(tag: &Tag) -> &'static str {
    match tag {
        Tag::Heading { .. } => "a heading",
        Tag::BlockQuote(_) => "a block quote",
        Tag::CodeBlock(_) => "a code block",
        Tag::List(None) => "a bullet list",
        Tag::List(Some(_)) => "a numbered list",
        Tag::Table(_) => "a table",
        Tag::HtmlBlock => "raw HTML",
        Tag::FootnoteDefinition(_) => "a footnote definition",
        _ => "this block",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "L’Assemblée générale,\n\n*Réaffirmant* sa volonté, le 25 juin 1993[^1], pour favoriser,\n\n*Rappelant également* la Conférence,\n\n1. *Réaffirme* que l’un des buts ;\n\n2. *Demande* à tous :\n\n   - (a) d’abord ;\n\n   - (b) ensuite ;\n\n3. *Décide* de poursuivre.\n\n[^1]: A/CONF.157/24 (Part I), chap. III.\n";

    fn parse(source: &str) -> (ParsedText, Problems) {
        let (mut parsed, mut problems) = parse_text(Path::new("fr.md"), source);
        link_footnotes(Path::new("fr.md"), &mut parsed, &mut problems);
        (parsed, problems)
    }

    fn ids(parsed: &ParsedText) -> Vec<String> {
        parsed
            .paragraphs
            .iter()
            .flat_map(|p| std::iter::once(p).chain(p.subs.iter()))
            .map(|p| p.id.clone())
            .collect()
    }

    #[test]
    fn paragraphs_get_their_ids() {
        let (parsed, problems) = parse(SAMPLE);
        assert!(problems.is_empty(), "{problems}");
        assert_eq!(parsed.opening.as_deref(), Some("L’Assemblée générale,"));
        assert_eq!(
            ids(&parsed),
            ["pp1", "pp2", "op1", "op2", "op2-a", "op2-b", "op3"]
        );
        let op2a = &parsed.paragraphs[3].subs[0];
        assert_eq!(op2a.label.as_deref(), Some("(a)"));
        assert_eq!(op2a.plain, "d’abord ;");
    }

    #[test]
    fn footnotes_are_linked_both_ways() {
        let (parsed, _) = parse(SAMPLE);
        let pp1 = &parsed.paragraphs[0];
        assert!(
            pp1.html.contains("<a id=\"fnref1\" href=\"#fn1\""),
            "{}",
            pp1.html
        );
        assert!(pp1.html.contains("<em>Réaffirmant</em>"));
        assert_eq!(
            pp1.plain,
            "Réaffirmant sa volonté, le 25 juin 1993, pour favoriser,"
        );
        assert_eq!(parsed.footnotes[0].id, "fn1");
        assert_eq!(parsed.footnotes[0].refs, ["fnref1"]);
    }

    #[test]
    fn operative_numbers_follow_the_list_start() {
        let (parsed, _) =
            parse("L’Assemblée générale,\n\n*Rappelant* x,\n\n4. *Décide* y ;\n\n5. *Prie* z.\n");
        assert_eq!(ids(&parsed), ["pp1", "op4", "op5"]);
    }

    #[test]
    fn operative_ids_follow_the_written_numbers() {
        let (parsed, problems) = parse(
            "L’Assemblée générale,\n\n*Rappelant* x,\n\n1. *Décide* a ;\n\n2. *Prie* b ;\n\n4. *Invite* c.\n",
        );
        assert_eq!(ids(&parsed), ["pp1", "op1", "op2", "op4"]);
        let warning = problems
            .iter()
            .find(|p| !p.is_error())
            .expect("a gap warns");
        assert_eq!(
            (warning.line, warning.message.as_str()),
            (Some(9), "operative paragraph 4 follows 2")
        );
        let (_, problems) = parse("L’Assemblée générale,\n\n1. *Décide* a ;\n\n1. *Prie* b.\n");
        assert!(
            problems.to_string().contains("`op1` is used twice"),
            "{problems}"
        );
    }

    #[test]
    fn two_paragraphs_glued_by_a_missing_blank_line_are_flagged() {
        let (parsed, problems) =
            parse("L’Assemblée générale,\n\n*Rappelant* x,\n*Considérant* y,\n\n1. *Décide* z.\n");
        assert_eq!(ids(&parsed), ["pp1", "op1"]);
        let warning = problems.iter().next().expect("a warning");
        assert_eq!(warning.line, Some(4));
        assert!(
            warning
                .message
                .contains("lead in italics inside the paragraph above")
        );
    }

    #[test]
    fn a_paragraph_without_its_lead_in_italics_is_flagged() {
        let (_, problems) =
            parse("L’Assemblée générale,\n\n*Rappelant* x,\n\nSoulignant y,\n\n1. Décide z.\n");
        let messages: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.message.clone()))
            .collect();
        assert_eq!(
            messages,
            [
                (Some(5), "pp2 has no lead word in italics".to_string()),
                (Some(7), "op1 has no lead word in italics".to_string())
            ]
        );
    }

    #[test]
    fn headings_and_html_are_reported_with_their_line() {
        let (_, problems) = parse("L’Assemblée générale,\n\n## Note\n\n*Rappelant* <b>x</b>,\n");
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(5)], "{problems}");
    }

    #[test]
    fn raw_html_is_refused_in_sub_paragraphs_too() {
        let (parsed, problems) = parse(
            "L’Assemblée générale,\n\n1. *Demande* :\n\n   - (a) <img src=x onerror=alert(1)> ;\n",
        );
        assert!(
            problems.to_string().contains("5: raw HTML has no place"),
            "{problems}"
        );
        assert!(!parsed.paragraphs[0].subs[0].html.contains("<img"));
    }

    #[test]
    fn a_missing_footnote_definition_is_an_error() {
        let (_, problems) = parse("L’Assemblée générale,\n\n*Rappelant* x[^2],\n");
        assert!(problems.has_errors());
        assert!(
            problems
                .to_string()
                .contains("[^2] in pp1 has no definition"),
            "{problems}"
        );
    }

    #[test]
    fn hostile_texts_never_panic() {
        let deep_list: String = (0..10_000)
            .map(|depth| format!("{}- x\n", "  ".repeat(depth)))
            .collect();
        let deep_quote = ">".repeat(10_000) + " x\n";
        let inputs = [
            String::new(),
            "\n\n\n".to_string(),
            "[^1]: only a note\n".to_string(),
            "99999999999999999999. *Décide* x.\n".to_string(),
            "0. *Décide* x.\n\n0. *Prie* y.\n".to_string(),
            "1. - - - (a)\n".to_string(),
            "*\n".to_string(),
            deep_list,
            deep_quote,
            "L’Assemblée générale,\n\n*Rappelant* [^x] [^] [^1\n".to_string(),
        ];
        for input in inputs {
            let (parsed, problems) = parse(&input);
            let _ = (parsed.paragraphs.len(), problems.len());
        }
    }

    #[test]
    fn blocks_inside_a_paragraph_are_refused_at_their_first_level() {
        let deep: String = (0..10_000)
            .map(|depth| format!("     {}- x\n", "  ".repeat(depth)))
            .collect();
        let source = format!(
            "L’Assemblée générale,\n\n1. *Décide* :\n\n   - (a) d’abord :\n\n{deep}\n2. *Prie* :\n\n   > cité\n"
        );
        let (parsed, problems) = parse(&source);
        assert_eq!(ids(&parsed), ["op1", "op1-a", "op2"]);
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(7),
                    "a bullet list inside a sub-paragraph of op1 has no paragraph id"
                ),
                (Some(10_010), "a block quote inside op2 has no paragraph id"),
            ],
            "{problems}"
        );
        assert!(!parsed.paragraphs[0].subs[0].html.contains("<ul>"));
    }

    #[test]
    fn a_text_with_too_many_paragraphs_is_refused_and_cut() {
        let source: String = std::iter::once("L’Assemblée générale,\n\n".to_string())
            .chain((0..MAX_PARAGRAPHS + 10).map(|i| format!("*Rappelant* {i},\n\n")))
            .collect();
        let (parsed, problems) = parse(&source);
        assert_eq!(parsed.paragraphs.len(), MAX_PARAGRAPHS);
        let error = problems.iter().find(|p| p.is_error()).expect("an error");
        assert!(error.message.contains("more than 2000"), "{error}");
        assert_eq!(error.line, Some(3 + 2 * MAX_PARAGRAPHS));
        assert_eq!(problems.len(), 1, "the rest is not read: {problems}");
    }

    #[test]
    fn the_same_mistake_on_many_lines_is_reported_in_linear_time() {
        let source = "## titre\n\n".repeat(50_000);
        let started = std::time::Instant::now();
        let (_, problems) = parse(&source);
        assert_eq!(problems.error_count(), MAX_RECORDED + 1);
        let last = problems.iter().last().unwrap();
        assert!(
            last.message
                .starts_with("49000 more problem(s) found after these (49000 error(s))"),
            "{last}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn text_is_escaped() {
        let (parsed, _) = parse("L’Assemblée générale,\n\n*Rappelant* a < b & c,\n");
        assert!(parsed.paragraphs[0].html.contains("a &lt; b &amp; c"));
    }
}
