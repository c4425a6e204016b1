//! The lists of a canonical text: operative paragraphs (numbered, or a bullet list when the
//! resolution has unnumbered ones), an annex's numbered paragraphs, and below either their
//! sub-paragraphs `(a)` and the items `(i)` of those.
//!
//! A numbered paragraph keeps the number written before it (the official one: Markdown itself
//! would renumber from the first), across the lists a section heading separates; a gap is a
//! warning, a repeat an error. A sub-paragraph's id is its written label (`(a)`, `(ii)`), or else
//! its position (a letter, or a roman number for an item). Lists nest at most two levels below a
//! paragraph: a third level is refused and skipped whole, however deep it goes.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::blocks::Doc;
use super::{Cursor, is_inline};
use crate::archive::{Paragraph, ParagraphKind};

impl<'a> Cursor<'a, '_> {
    /// A numbered list: operative paragraphs, or an annex's numbered paragraphs.
    pub(super) fn numbered_list(&mut self, doc: &mut Doc, start: u64) {
        let annex = doc.annex_id().map(str::to_string);
        if annex.is_none() {
            doc.operative_seen = true;
            doc.numbered_seen = true;
        }
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    let expected = match annex {
                        Some(_) => doc.next_in_annex,
                        None => doc.next_operative,
                    };
                    let number = written_number(&self.source[range.start..])
                        .unwrap_or(expected.unwrap_or(start));
                    let (id, what, hint) = match &annex {
                        Some(annex) => (
                            format!("{annex}-{number}"),
                            "annex paragraph",
                            "number an annex's paragraphs once, in order, as the official text does",
                        ),
                        None => (
                            format!("op{number}"),
                            "operative paragraph",
                            "number operative paragraphs once, in order, as the official text does",
                        ),
                    };
                    if self.ids.contains(&id) {
                        self.claim(&id, range.start, hint);
                    } else if let Some(expected) = expected.filter(|e| *e != number) {
                        let message = format!("{what} {number} follows {}", expected - 1);
                        self.warn(range.start, message, "check the numbering against the official text: the numbers are the paragraphs' ids");
                    }
                    self.ids.insert(id.clone());
                    let line = self.line(range.start);
                    let (inlines, subs, span) = self.item(&id, &id, 0);
                    let kind = match annex {
                        Some(_) => ParagraphKind::Annex,
                        None => {
                            self.check_lead(&inlines, &id, line);
                            ParagraphKind::Operative
                        }
                    };
                    let mut paragraph =
                        self.paragraph(id, kind, Some(number.to_string()), inlines, line);
                    paragraph.markdown = self.markdown(span, None);
                    paragraph.subs = subs;
                    doc.place(paragraph);
                    let next = Some(number.saturating_add(1));
                    match annex {
                        Some(_) => doc.next_in_annex = next,
                        None => doc.next_operative = next,
                    }
                }
                Event::End(TagEnd::List(true)) => break,
                _ => {}
            }
        }
    }

    /// A top-level bullet list: the unnumbered operative paragraphs of a resolution that has
    /// no numbered ones (`op1`, `op2`… in order); anywhere else it has no id.
    pub(super) fn bullet_list(&mut self, doc: &mut Doc, offset: usize) {
        if doc.in_annex() || doc.numbered_seen {
            let (what, hint) = if doc.in_annex() {
                (
                    "a bullet list in an annex",
                    "in an annex, numbered paragraphs are a numbered list `1. …` and the others plain blocks; the resolution's own paragraphs stand before `## Annex`",
                )
            } else {
                (
                    "a bullet list outside an operative paragraph",
                    "a canonical text holds the opening line, preambular paragraphs, a numbered list of operative paragraphs (a bullet list only when none is numbered) and footnotes; sub-paragraphs are indented under their paragraph",
                )
            };
            self.problem(
                offset,
                format!("{what} has no place in a canonical text"),
                hint,
            );
            self.skip_block();
            return;
        }
        doc.operative_seen = true;
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    let number = doc.next_operative.unwrap_or(1);
                    let id = format!("op{number}");
                    self.claim(&id, range.start, "");
                    let line = self.line(range.start);
                    let (inlines, subs, span) = self.item(&id, &id, 0);
                    self.check_lead(&inlines, &id, line);
                    let mut paragraph =
                        self.paragraph(id, ParagraphKind::Operative, None, inlines, line);
                    paragraph.markdown = self.markdown(span, None);
                    paragraph.subs = subs;
                    doc.place(paragraph);
                    doc.next_operative = Some(number.saturating_add(1));
                }
                Event::End(TagEnd::List(false)) => break,
                _ => {}
            }
        }
    }

    /// An operative paragraph opens with its verb in italics; without it, the lead was most
    /// likely lost in a copy.
    fn check_lead(&mut self, inlines: &[Event], id: &str, line: usize) {
        if !matches!(inlines.first(), Some(Event::Start(Tag::Emphasis))) {
            let offset = self.line_starts.get(line - 1).copied().unwrap_or(0);
            self.warn(
                offset,
                format!("{id} has no lead word in italics"),
                "put the opening verb in italics: `12. *Décide* …`",
            );
        }
    }

    /// The words of a list item and, below a paragraph (`depth` 0) or a sub-paragraph (1), its
    /// sub-paragraphs, and where its words stand in the source; `root` is the id of the
    /// paragraph it belongs to, for messages.
    fn item(&mut self, id: &str, root: &str, depth: usize) -> Item<'a> {
        let mut inlines = Vec::new();
        let mut subs = Vec::new();
        let mut span = None;
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                Event::Start(Tag::List(None)) if depth < 2 => {
                    self.sub_list(id, root, depth + 1, &mut subs);
                }
                Event::Start(Tag::List(Some(_))) if depth == 0 => {
                    self.problem(
                        range.start,
                        format!("a numbered list inside {id}"),
                        "write sub-paragraphs as a bullet list: `   - (a) …`",
                    );
                    self.skip_block();
                }
                Event::Start(tag) if !is_inline(&tag) => {
                    let inside = match depth {
                        0 => id.to_string(),
                        _ => format!("a sub-paragraph of {root}"),
                    };
                    self.refuse_block(range.start, &tag, &inside);
                }
                inline => {
                    super::extend_span(&mut span, &range);
                    self.push_inline(inline, range.start, &mut inlines)
                }
            }
        }
        (inlines, subs, span)
    }

    /// The sub-paragraphs (`depth` 1: `(a)`) or items (`depth` 2: `(i)`) of `parent`, added to
    /// `subs` (a second list in the same paragraph goes on with the letters).
    fn sub_list(&mut self, parent: &str, root: &str, depth: usize, subs: &mut Vec<Paragraph>) {
        while let Some((event, range)) = self.events.get(self.pos).cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    let line = self.line(range.start);
                    let written = written_label(&self.source[range.start..]);
                    let label =
                        written.map_or_else(|| fallback_label(subs.len(), depth), str::to_string);
                    let id = format!("{parent}-{label}");
                    self.claim(
                        &id,
                        range.start,
                        "letter sub-paragraphs (a), (b), … and their items (i), (ii), … once each",
                    );
                    let (inlines, items, span) = self.item(&id, root, depth);
                    let markdown =
                        self.markdown(span, written.map(|w| format!("({w})")).as_deref());
                    let inlines = match written {
                        Some(written) => strip_label(inlines, written),
                        None => inlines,
                    };
                    let mut paragraph = self.paragraph(
                        id,
                        ParagraphKind::Sub,
                        Some(format!("({label})")),
                        inlines,
                        line,
                    );
                    paragraph.markdown = markdown;
                    paragraph.subs = items;
                    subs.push(paragraph);
                }
                Event::End(TagEnd::List(false)) => break,
                _ => {}
            }
        }
    }
}

/// A list item's words, its sub-paragraphs and where its words stand in the source.
type Item<'a> = (
    Vec<Event<'a>>,
    Vec<Paragraph>,
    Option<std::ops::Range<usize>>,
);

/// The number written at the start of an ordered-list item (`12. …` -> 12).
fn written_number(item: &str) -> Option<u64> {
    let digits: String = item
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The label written at the start of a bullet item (`- (a) …` -> `a`, `- (iv) …` -> `iv`): one
/// to four lower-case letters in brackets.
fn written_label(item: &str) -> Option<&str> {
    let rest = item
        .trim_start()
        .strip_prefix(['-', '*', '+'])?
        .trim_start();
    let (label, _) = rest.strip_prefix('(')?.split_once(')')?;
    let letters =
        !label.is_empty() && label.len() <= 4 && label.chars().all(|c| c.is_ascii_lowercase());
    letters.then_some(label)
}

/// The label of an item written without one: the letter of its position for a sub-paragraph,
/// its roman number for an item of a sub-paragraph.
fn fallback_label(position: usize, depth: usize) -> String {
    if depth >= 2 {
        return roman(position + 1);
    }
    char::from(b'a' + (position % 26) as u8).to_string()
}

/// `4` -> `iv`, in lower case (positions past 39 are not found in resolutions: `x` repeats).
fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, digits) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The item's words without the `(a)` written before them.
fn strip_label<'a>(mut inlines: Vec<Event<'a>>, label: &str) -> Vec<Event<'a>> {
    if let Some(Event::Text(text)) = inlines.first()
        && let Some(after) = text.strip_prefix(&format!("({label})"))
    {
        let after = after.trim_start().to_string();
        if after.is_empty() {
            inlines.remove(0);
        } else {
            inlines[0] = Event::Text(after.into());
        }
    }
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_from_the_item_as_written() {
        assert_eq!(written_label("- (a) x"), Some("a"));
        assert_eq!(written_label("  - (iv) x"), Some("iv"));
        assert_eq!(written_label("- *(a)* x"), None);
        assert_eq!(written_label("- (A) x"), None);
        assert_eq!(written_label("- (abcde) x"), None);
        assert_eq!(fallback_label(1, 1), "b");
        assert_eq!(fallback_label(3, 2), "iv");
        assert_eq!(roman(14), "xiv");
    }
}
