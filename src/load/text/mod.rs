//! Parses a canonical text (`fr.md`) into paragraphs with their ids.
//!
//! The canonical form is plain Markdown a person can correct: an opening line, one preambular
//! paragraph per block, the operative paragraphs as an ordered list (sub-paragraphs `(a)` as a
//! nested bullet list, their items `(i)` one level deeper; an unnumbered operative paragraph as a
//! top-level bullet item), section headings `### …` before the paragraph they introduce, annexes
//! opened by `## Annex…` (`annex`), and Markdown footnotes. Anything else (other headings, raw
//! HTML, code blocks, a list or a quote inside a paragraph) is reported as a problem with its
//! line, because it would have no paragraph id. `blocks` reads the top-level blocks and annexes,
//! `lists` the numbered and bullet lists, `footnotes` binds footnotes to their references.
//!
//! The text may come from anywhere (a hand edit, a broken import, a hostile pull request), so the
//! parser stays linear in the size of its input: pulldown-cmark's events are walked once, without
//! recursion (lists nest at most two levels below a paragraph; a list nested 10,000 levels deep
//! is refused at the first level with no id, then skipped), each problem is recorded once per
//! line in constant time, and a text with more than [`MAX_PARAGRAPHS`] paragraphs is refused (and
//! cut there) before later stages see it.

mod blocks;
mod footnotes;
mod lists;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::archive::{Annex, Footnote, Paragraph, ParagraphKind};
use crate::diag::{Problem, Problems};

pub(crate) use footnotes::link_footnotes;

/// The most paragraphs, sub-paragraphs, annexes and footnotes one text may have. The longest resolutions of
/// the Assembly have about 500; a text with more is not a resolution (or is several), and
/// refusing it bounds every later stage on hostile input, the comparison of successive texts
/// above all (its cost grows with the product of their paragraph counts).
pub(crate) const MAX_PARAGRAPHS: usize = 2_000;

/// What a canonical text holds, before it is attached to its resolution.
#[derive(Debug, Default)]
pub(crate) struct ParsedText {
    pub opening: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub annexes: Vec<Annex>,
    pub footnotes: Vec<Footnote>,
}

impl ParsedText {
    /// Every paragraph, the resolution's then each annex's, sub-paragraphs after their parent.
    pub(crate) fn all_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        crate::archive::text::all_in(&self.paragraphs, &self.annexes)
    }

    /// Calls `f` on every paragraph, the annexes' included.
    pub(crate) fn each_paragraph_mut(&mut self, mut f: impl FnMut(&mut Paragraph)) {
        crate::archive::text::each_mut(&mut self.paragraphs, &mut f);
        for annex in &mut self.annexes {
            crate::archive::text::each_mut(&mut annex.paragraphs, &mut f);
        }
    }
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
    /// The id of each footnote referenced so far: `fnN`, or `annex-fnN` when its first
    /// reference stands in an annex.
    fn_ids: HashMap<String, String>,
    /// The annex being read (its id), if any: footnotes first referenced there take its prefix.
    annex: Option<String>,
    /// How many annexes the text has (`annex` for one, `annex1`, `annex2`… for several).
    annex_total: usize,
    /// Every paragraph id given so far, so that one given twice is reported.
    ids: HashSet<String>,
    /// Paragraphs, sub-paragraphs, annexes and footnotes made so far.
    made: usize,
    /// Where the words of the block last read by [`Cursor::inlines_until`] stand in `source`.
    last_span: Option<Range<usize>>,
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
    let annex_total = blocks::count_annexes(&events);
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
        fn_ids: HashMap::new(),
        annex: None,
        annex_total,
        ids: HashSet::new(),
        made: 0,
        last_span: None,
    };
    let mut parsed = cursor.document();
    for footnote in &mut parsed.footnotes {
        if let Some(id) = cursor.fn_ids.get(&footnote.label) {
            footnote.id.clone_from(id);
        }
    }
    cut_to_limit(&mut parsed);
    cursor.report_unrecorded();
    (parsed, cursor.problems)
}

/// How many paragraphs a paragraph is, its sub-paragraphs and their items counted.
fn size(paragraph: &Paragraph) -> usize {
    1 + paragraph
        .subs
        .iter()
        .map(|s| 1 + s.subs.len())
        .sum::<usize>()
}

/// Keeps the first [`MAX_PARAGRAPHS`] paragraphs and footnotes of a text the parser stopped
/// reading (it reported why), so that later stages see a bounded text.
fn cut_to_limit(parsed: &mut ParsedText) {
    let mut kept = 0;
    let mut over = |p: &Paragraph| {
        kept += size(p);
        kept > MAX_PARAGRAPHS
    };
    if let Some(cut) = parsed.paragraphs.iter().position(&mut over) {
        parsed.paragraphs.truncate(cut);
        parsed.annexes.clear();
        parsed.footnotes.clear();
        return;
    }
    for a in 0..parsed.annexes.len() {
        if let Some(cut) = parsed.annexes[a].paragraphs.iter().position(&mut over) {
            parsed.annexes[a].paragraphs.truncate(cut);
            parsed.annexes.truncate(a + 1);
            parsed.footnotes.clear();
            return;
        }
    }
    parsed
        .footnotes
        .truncate(MAX_PARAGRAPHS.saturating_sub(kept));
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

    /// Counts one paragraph, annex or footnote made at `line`; past [`MAX_PARAGRAPHS`] the text is
    /// refused there and the rest is not read.
    fn count_one(&mut self, line: usize) {
        self.made += 1;
        if self.made == MAX_PARAGRAPHS + 1 {
            let offset = self.line_starts.get(line - 1).copied().unwrap_or(0);
            self.problem(
                offset,
                format!("this text has more than {MAX_PARAGRAPHS} paragraphs, sub-paragraphs, annexes and footnotes; the rest is not read"),
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
            "a paragraph holds only its words (with *italics* and footnotes [^1]); only operative and annex paragraphs have sub-paragraphs, as a bullet list `   - (a) …`, and these have items `     - (i) …`",
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

    /// Inline events up to the end of the current block, which is consumed.
    fn inlines_until(&mut self, end: TagEnd) -> Vec<Event<'a>> {
        let mut inlines = Vec::new();
        let mut span = None;
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
                inline => {
                    extend_span(&mut span, &range);
                    self.push_inline(inline, range.start, &mut inlines)
                }
            }
        }
        self.last_span = span;
        inlines
    }

    /// The Markdown of the words at `span` (a paragraph's, without its list marker), its lines
    /// trimmed and joined by a space; a written sub-paragraph `label` (`(a)`) at its start left out.
    fn markdown(&self, span: Option<Range<usize>>, label: Option<&str>) -> String {
        let Some(span) = span else {
            return String::new();
        };
        let text = self.source.get(span).unwrap_or_default();
        let mut joined = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(label) = label
            && let Some(rest) = joined.strip_prefix(label)
        {
            joined = rest.trim_start().to_string();
        }
        joined
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
        let lead = lead_text(&inlines);
        let html = self.inline_html(inlines);
        Paragraph {
            id,
            kind,
            label,
            html,
            plain,
            lead,
            markdown: String::new(),
            line,
            cites: Vec::new(),
            headings: Vec::new(),
            subs: Vec::new(),
        }
    }

    /// Inline HTML of a paragraph, footnote references turned into links to their footnote
    /// (`#fnN`, or `#annex-fnN` for one first referenced in an annex).
    fn inline_html(&mut self, inlines: Vec<Event<'a>>) -> String {
        let events: Vec<Event> = inlines
            .into_iter()
            .map(|event| match event {
                Event::FootnoteReference(label) => {
                    let seen = self.fn_refs.entry(label.to_string()).or_default();
                    *seen += 1;
                    let anchor = if *seen == 1 { format!("fnref{label}") } else { format!("fnref{label}-{seen}") };
                    let annex = &self.annex;
                    let id = self.fn_ids.entry(label.to_string()).or_insert_with(|| match annex {
                        Some(annex) => format!("{annex}-fn{label}"),
                        None => format!("fn{label}"),
                    });
                    Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"fnref\"><a id=\"{anchor}\" href=\"#{id}\" role=\"doc-noteref\">{label}</a></sup>"
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

/// Widens `span` to cover `range`.
fn extend_span(span: &mut Option<Range<usize>>, range: &Range<usize>) {
    *span = Some(match span.take() {
        Some(s) => s.start.min(range.start)..s.end.max(range.end),
        None => range.clone(),
    });
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

/// The plain text of the emphasis that opens a paragraph, if it opens with one.
fn lead_text(inlines: &[Event]) -> Option<String> {
    if !matches!(inlines.first(), Some(Event::Start(Tag::Emphasis))) {
        return None;
    }
    let end = inlines
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Emphasis)))?;
    let lead = plain_text(&inlines[1..end]);
    (!lead.is_empty()).then_some(lead)
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
