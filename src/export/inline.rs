//! The words of a paragraph as Akoma Ntoso inline markup, made from its canonical Markdown.
//!
//! `*Réaffirmant*` becomes `<i>`, `**…**` `<b>`, `~~…~~` `<del>`, a link `<a href>`, code
//! `<inline name="code">`; a footnote reference `[^2]` becomes the `<authorialNote>` that holds
//! the footnote, where it is first referenced (a later reference to the same footnote is a
//! `<noteRef>` to it); each citation the loader found (`archive::references`) is wrapped in a
//! `<ref href>` to the official document. Citations are located by their offset in the
//! paragraph's plain text, which is the concatenation of the Markdown's text events: the same
//! walk finds both. A citation that straddles two runs of markup (half in italics) is left
//! unwrapped rather than break the nesting.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::akn::eid;
use crate::archive::references::Reference;
use crate::archive::{Footnote, Text};

/// The footnotes of one text, and which have been placed already.
pub(super) struct Notes<'t> {
    by_label: HashMap<&'t str, &'t Footnote>,
    placed: HashSet<&'t str>,
    lang: &'t str,
}

impl<'t> Notes<'t> {
    pub(super) fn of(text: &'t Text) -> Notes<'t> {
        Notes {
            by_label: text
                .footnotes
                .iter()
                .map(|f| (f.label.as_str(), f))
                .collect(),
            placed: HashSet::new(),
            lang: &text.lang,
        }
    }
}

/// XML text: `&`, `<`, `>` and `"` escaped, characters XML 1.0 cannot hold dropped.
pub(super) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// Appends the inline markup of `markdown` (whose plain text the `cites` offsets refer to).
pub(super) fn write(markdown: &str, cites: &[Reference], notes: &mut Notes<'_>, out: &mut String) {
    if markdown.is_empty() {
        return;
    }
    let labels = footnote_labels(markdown);
    // The definitions make pulldown-cmark read `[^2]` as a reference; only the first
    // paragraph (the words themselves) is walked.
    let mut source = markdown.to_string();
    for label in &labels {
        source.push_str(&format!("\n\n[^{label}]: ."));
    }
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Parser::new_ext(&source, options);
    if !matches!(events.next(), Some(Event::Start(Tag::Paragraph))) {
        escape(markdown, out);
        return;
    }
    let mut walk = Walk {
        lang: notes.lang,
        cites,
        next_cite: 0,
        pos: 0,
        out,
    };
    for event in events {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            event => walk.event(event, notes),
        }
    }
}

/// The labels of the footnote references `[^label]` in a Markdown text, once each.
fn footnote_labels(markdown: &str) -> Vec<&str> {
    let mut labels: Vec<&str> = Vec::new();
    for part in markdown.split("[^").skip(1) {
        if let Some((label, _)) = part.split_once(']')
            && !label.is_empty()
            && !label.contains(char::is_whitespace)
            && !labels.contains(&label)
        {
            labels.push(label);
        }
    }
    labels
}

struct Walk<'w> {
    lang: &'w str,
    cites: &'w [Reference],
    next_cite: usize,
    /// Bytes of plain text written so far.
    pos: usize,
    out: &'w mut String,
}

impl Walk<'_> {
    fn event(&mut self, event: Event<'_>, notes: &mut Notes<'_>) {
        match event {
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.out.push_str("<inline name=\"code\">");
                escape(&code, self.out);
                self.out.push_str("</inline>");
                self.pos += code.len();
            }
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Start(tag) => self.open(&tag),
            Event::End(tag) => self.close(tag),
            Event::FootnoteReference(label) => self.note(&label, notes),
            Event::Html(html) | Event::InlineHtml(html) => escape(&html, self.out),
            _ => {}
        }
    }

    fn open(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Emphasis => self.out.push_str("<i>"),
            Tag::Strong => self.out.push_str("<b>"),
            Tag::Strikethrough => self.out.push_str("<del>"),
            Tag::Superscript => self.out.push_str("<sup>"),
            Tag::Subscript => self.out.push_str("<sub>"),
            Tag::Link { dest_url, .. } => {
                self.out.push_str("<a href=\"");
                escape(dest_url, self.out);
                self.out.push_str("\">");
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: TagEnd) {
        let closing = match tag {
            TagEnd::Emphasis => "</i>",
            TagEnd::Strong => "</b>",
            TagEnd::Strikethrough => "</del>",
            TagEnd::Superscript => "</sup>",
            TagEnd::Subscript => "</sub>",
            TagEnd::Link => "</a>",
            _ => "",
        };
        self.out.push_str(closing);
    }

    /// A run of words, with the citations that lie wholly inside it wrapped in `<ref>`.
    fn text(&mut self, text: &str) {
        let (start, end) = (self.pos, self.pos + text.len());
        let mut at = 0;
        while let Some(cite) = self.cites.get(self.next_cite) {
            if cite.start < start + at {
                self.next_cite += 1; // straddles the markup before: left unwrapped
                continue;
            }
            let cite_end = cite.start + cite.anchor.len();
            if cite_end > end {
                break;
            }
            let (from, to) = (cite.start - start, cite_end - start);
            let (Some(before), Some(words)) = (text.get(at..from), text.get(from..to)) else {
                break;
            };
            escape(before, self.out);
            self.out.push_str("<ref href=\"");
            escape(&cite.symbol.official_url(self.lang), self.out);
            self.out.push_str("\">");
            escape(words, self.out);
            self.out.push_str("</ref>");
            at = to;
            self.next_cite += 1;
        }
        escape(text.get(at..).unwrap_or_default(), self.out);
        self.pos = end;
    }

    /// The footnote `label` where it is first referenced, a reference to it afterwards.
    fn note(&mut self, label: &str, notes: &mut Notes<'_>) {
        let Some(footnote) = notes.by_label.get(label).copied() else {
            escape(&format!("[^{label}]"), self.out);
            return;
        };
        let id = eid(&footnote.id);
        if !notes.placed.insert(footnote.label.as_str()) {
            self.out.push_str("<noteRef href=\"#");
            escape(&id, self.out);
            self.out.push_str("\" marker=\"");
            escape(label, self.out);
            self.out.push_str("\"/>");
            return;
        }
        self.out.push_str("<authorialNote eId=\"");
        escape(&id, self.out);
        self.out.push_str("\" marker=\"");
        escape(label, self.out);
        self.out.push_str("\" placement=\"bottom\"><p>");
        write(&footnote.markdown, &footnote.cites, notes, self.out);
        self.out.push_str("</p></authorialNote>");
    }
}
