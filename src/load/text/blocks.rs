//! The top-level blocks of a canonical text: the opening line, preambular paragraphs, section
//! headings, annexes and footnote definitions (the lists are read by `lists`).
//!
//! A section heading (`### …`) is no paragraph: it waits for the next paragraph and is attached to
//! it, so it never shifts an id. An annex heading (`## Annex`, `## Annexe II`) opens an annex, to
//! which everything after it belongs until the next one; the first `###` right after it is the
//! annex's title.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::{Cursor, ParsedText, describe, plain_text};
use crate::archive::{Annex, Paragraph, ParagraphKind};

/// Where the reading stands, between two top-level blocks.
#[derive(Default)]
pub(super) struct Doc {
    pub(super) parsed: ParsedText,
    /// An operative paragraph was read (a preambular paragraph may no longer come).
    pub(super) operative_seen: bool,
    /// A numbered operative list was read (a bullet list may no longer stand for operative
    /// paragraphs).
    pub(super) numbered_seen: bool,
    /// The number the next operative paragraph should have, once one was read.
    pub(super) next_operative: Option<u64>,
    /// In the current annex: the number its next numbered paragraph should have, once one was
    /// read, and how many unnumbered paragraphs it has.
    pub(super) next_in_annex: Option<u64>,
    pub(super) annex_unnumbered: usize,
    /// The annex heading was just read: a `###` now is the annex's title.
    pub(super) title_open: bool,
    /// Section headings waiting for the paragraph they introduce: (text, offset).
    pub(super) headings: Vec<(String, usize)>,
}

impl Doc {
    pub(super) fn in_annex(&self) -> bool {
        !self.parsed.annexes.is_empty()
    }

    /// The id prefix of the current annex's paragraphs (`annex`, `annex2`).
    pub(super) fn annex_id(&self) -> Option<&str> {
        self.parsed.annexes.last().map(|a| a.id.as_str())
    }

    /// Adds a top-level paragraph where the reading stands, with the headings before it.
    pub(super) fn place(&mut self, mut paragraph: Paragraph) {
        paragraph.headings = self.headings.drain(..).map(|(text, _)| text).collect();
        self.title_open = false;
        match self.parsed.annexes.last_mut() {
            Some(annex) => annex.paragraphs.push(paragraph),
            None => self.parsed.paragraphs.push(paragraph),
        }
    }
}

/// How many annex headings stand at the top level of the text (one pass over the events).
pub(super) fn count_annexes(events: &[super::Spanned]) -> usize {
    let mut depth = 0usize;
    let mut count = 0;
    let mut heading: Option<String> = None;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) if depth == 0 => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(text);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) if depth == 1 => {
                count += usize::from(heading.take().is_some_and(|h| is_annex_heading(&h)));
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    count
}

/// `Annex`, `Annexe`, `Annex I`, `Annexe II`, `Annex 2`, `Annex A`: a heading opening an annex.
pub(super) fn is_annex_heading(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or_default().to_lowercase();
    let number = words.next();
    let numbered = number.is_none_or(|n| {
        n.chars().all(|c| "IVXLC".contains(c))
            || n.chars().all(|c| c.is_ascii_digit())
            || (n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase()))
    });
    matches!(first.as_str(), "annex" | "annexe" | "anexo") && numbered && words.next().is_none()
}

impl<'a> Cursor<'a, '_> {
    pub(super) fn document(&mut self) -> ParsedText {
        let mut doc = Doc::default();
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Paragraph) => self.block(&mut doc, range.start),
                Event::Start(Tag::List(Some(start))) => {
                    self.numbered_list(&mut doc, start);
                }
                Event::Start(Tag::List(None)) => self.bullet_list(&mut doc, range.start),
                Event::Start(Tag::Heading { level, .. }) => {
                    self.heading(&mut doc, level, range.start);
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let line = self.line(range.start);
                    let inlines = self.inlines_until(TagEnd::FootnoteDefinition);
                    self.count_one(line);
                    let mut footnote = super::footnotes::footnote(&label, &inlines, line);
                    footnote.markdown = self.markdown(self.last_span.clone(), None);
                    doc.parsed.footnotes.push(footnote);
                }
                Event::Start(tag) => {
                    self.problem(
                        range.start,
                        format!("{} has no place in a canonical text", describe(&tag)),
                        "a canonical text holds the opening line, preambular paragraphs, a numbered list of operative paragraphs, `###` section headings, annexes (`## Annex`) and footnotes (`[^1]: …`); put commentary in notes.md",
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
        self.unplaced_headings(&mut doc);
        self.check_annex_has_paragraphs(&doc);
        doc.parsed
    }

    /// A top-level paragraph: the opening line, a preambular paragraph, or an unnumbered
    /// paragraph of an annex.
    fn block(&mut self, doc: &mut Doc, offset: usize) {
        let line = self.line(offset);
        let inlines = self.inlines_until(TagEnd::Paragraph);
        let markdown = self.markdown(self.last_span.clone(), None);
        if let Some(annex) = doc.annex_id() {
            let id = format!("{annex}-pp{}", doc.annex_unnumbered + 1);
            doc.annex_unnumbered += 1;
            self.claim(&id, offset, "");
            let mut paragraph = self.paragraph(id, ParagraphKind::Annex, None, inlines, line);
            paragraph.markdown = markdown;
            doc.place(paragraph);
            return;
        }
        let parsed = &doc.parsed;
        let starts_with_lead = matches!(inlines.first(), Some(Event::Start(Tag::Emphasis)));
        if parsed.opening.is_none() && parsed.paragraphs.is_empty() && !starts_with_lead {
            doc.parsed.opening = Some(plain_text(&inlines));
        } else if doc.operative_seen {
            self.problem(
                offset,
                "a paragraph after the operative paragraphs has no paragraph id",
                "operative paragraphs are a numbered list (`12. *Décide* …`); join this text to one of them or make it a list item; an annex opens with `## Annex`",
            );
        } else {
            let n = parsed.paragraphs.len() + 1;
            if !starts_with_lead {
                self.warn(
                    offset,
                    format!("pp{n} has no lead word in italics"),
                    "put the opening participle in italics: `*Rappelant* …`",
                );
            }
            let id = format!("pp{n}");
            self.claim(&id, offset, "");
            let mut paragraph = self.paragraph(id, ParagraphKind::Preambular, None, inlines, line);
            paragraph.markdown = markdown;
            doc.place(paragraph);
        }
    }

    /// A heading: `##` opens an annex, `###` is an annex's title or a section heading.
    fn heading(&mut self, doc: &mut Doc, level: HeadingLevel, offset: usize) {
        let inlines = self.inlines_until(TagEnd::Heading(level));
        let text = plain_text(&inlines);
        match level {
            HeadingLevel::H2 if is_annex_heading(&text) => self.open_annex(doc, text, offset),
            HeadingLevel::H2 => self.problem(
                offset,
                format!("the level-2 heading `## {text}` is not an annex heading"),
                "`##` opens an annex: write `## Annex`, `## Annex I`, `## Annexe II`…; a section heading inside a text is `### …`",
            ),
            HeadingLevel::H3 if text.is_empty() => self.problem(
                offset,
                "this section heading is empty",
                "write the heading's words after `### `, or delete the line",
            ),
            HeadingLevel::H3 if doc.title_open => {
                doc.title_open = false;
                if let Some(annex) = doc.parsed.annexes.last_mut() {
                    annex.title = Some(text);
                }
            }
            HeadingLevel::H3
                if !doc.in_annex()
                    && doc.parsed.opening.is_none()
                    && doc.parsed.paragraphs.is_empty() =>
            {
                self.problem(
                    offset,
                    "a section heading before the opening line",
                    "a text starts with its opening line (“The General Assembly,”); section headings stand between paragraphs",
                );
            }
            HeadingLevel::H3 => doc.headings.push((text, offset)),
            _ => self.problem(
                offset,
                format!("a level-{} heading has no place in a canonical text", level as usize),
                "a section heading is `### …`; an annex opens with `## Annex`; put commentary in notes.md",
            ),
        }
    }

    /// Opens an annex: what follows belongs to it, until the next annex heading.
    fn open_annex(&mut self, doc: &mut Doc, heading: String, offset: usize) {
        self.unplaced_headings(doc);
        self.check_annex_has_paragraphs(doc);
        let line = self.line(offset);
        self.count_one(line);
        let n = doc.parsed.annexes.len() + 1;
        let id = if self.annex_total <= 1 && n == 1 {
            "annex".to_string()
        } else {
            format!("annex{n}")
        };
        self.annex = Some(id.clone());
        doc.parsed.annexes.push(Annex {
            id,
            heading,
            title: None,
            line,
            paragraphs: Vec::new(),
        });
        doc.next_in_annex = None;
        doc.annex_unnumbered = 0;
        doc.title_open = true;
    }

    /// Section headings with no paragraph after them (at the end of the text or of an annex).
    fn unplaced_headings(&mut self, doc: &mut Doc) {
        for (text, offset) in std::mem::take(&mut doc.headings) {
            self.problem(
                offset,
                format!("the section heading `### {text}` has no paragraph after it"),
                "a section heading introduces the paragraph that follows it: move it before that paragraph, or delete it",
            );
        }
    }

    /// An annex heading with nothing under it is a warning (an annex is shown with its text).
    fn check_annex_has_paragraphs(&mut self, doc: &Doc) {
        if let Some(annex) = doc.parsed.annexes.last()
            && annex.paragraphs.is_empty()
        {
            let offset = self
                .line_starts
                .get(annex.line.saturating_sub(1))
                .copied()
                .unwrap_or(0);
            self.warn(
                offset,
                format!("the annex `{}` has no paragraph", annex.heading),
                "copy the annex's text under its heading, or delete the heading and mark the text `complete: false` in meta.yaml",
            );
        }
    }

    /// Records `id` as given; a second time is an error at `offset`.
    pub(super) fn claim(&mut self, id: &str, offset: usize, hint: &str) {
        if !self.ids.insert(id.to_string()) {
            self.problem(
                offset,
                format!("paragraph id `{id}` is used twice"),
                if hint.is_empty() {
                    "each paragraph id is given once: check the numbering against the official text"
                } else {
                    hint
                },
            );
        }
    }
}
