//! A note's Markdown into the HTML a page shows.
//!
//! pulldown-cmark with tables, footnotes, strikethrough and short links (`[[A/RES/61/168#op4]]`,
//! parsed as wikilinks); the events are rewritten before HTML is written: short links become
//! relative links to the paragraph in the page's language (or the language that holds it),
//! fenced code is highlighted into classes (`highlight`), headings and footnotes get anchors
//! under the note's own (`note-op10-…`) so that several notes live on one page. Raw HTML is then
//! cleaned by ammonia (no script, event handler, `javascript:` URL, iframe, style), unless the
//! archive trusts its contributors' HTML (`[notes] trust-html = true` in book.toml).
//!
//! A note is read once, forward: footnote numbers, heading anchors and short links are looked up
//! in maps, and heading texts gathered in one pass, so that a hostile note (a hundred thousand
//! footnotes or identical headings) renders in time proportional to its length.

use std::collections::{HashMap, HashSet, VecDeque};

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::strings::Strings;
use super::views::paths;
use super::{escape, highlight};
use crate::archive::notes::OPTIONS;
use crate::archive::{Archive, Note, NoteLink, Resolution};

/// Which page a note is rendered for: where its links must lead from.
#[derive(Clone, Copy)]
pub(crate) struct Page<'a> {
    pub archive: &'a Archive,
    /// The resolution whose page this is (`[[#op4]]` means one of its paragraphs).
    pub resolution: &'a Resolution,
    /// The page's language: links lead to texts in it when the archive holds them.
    pub lang: &'a str,
    /// The page's path from the site root (`fr/a-res-61-168.html`).
    pub path: &'a str,
    /// The parallel page, where every paragraph of the resolution has its row.
    pub parallel: bool,
    /// The interface words: a short link to a paragraph names it ("61/168, paragraphe 10").
    pub strings: &'a Strings,
}

/// The sanitiser for notes: ammonia's allow-list, plus the classes and ids the renderer writes.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["class", "id"])
        .add_tag_attributes("pre", ["data-lang"])
        // Links keep their meaning: `target` is not allowed, so `noopener` is not needed.
        .link_rel(None);
    builder
});

/// Removes from `html` what could run code or load from elsewhere.
pub(crate) fn sanitise(html: &str) -> String {
    SANITISER.clean(html).to_string()
}

/// The HTML of `note` on `page`; `anchor` (`note-op10`) prefixes its headings and footnotes.
pub(crate) fn note_html(note: &Note, anchor: &str, page: &Page, trust_html: bool) -> String {
    let events: Vec<Event> = Parser::new_ext(&note.markdown, OPTIONS).collect();
    let events = Rewriter::new(note, anchor, page).rewrite(events);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if trust_html { html } else { sanitise(&html) }
}

struct Rewriter<'a> {
    anchor: &'a str,
    page: &'a Page<'a>,
    /// Footnote names -> their number, in order of first appearance from 1.
    footnotes: HashMap<String, usize>,
    /// The heading anchors given so far, and the last number added to each base.
    heading_ids: HashSet<String>,
    heading_counts: HashMap<String, usize>,
    /// The note's short links by destination as written (the first of each).
    links: HashMap<&'a str, &'a NoteLink>,
}

impl<'a> Rewriter<'a> {
    fn new(note: &'a Note, anchor: &'a str, page: &'a Page<'a>) -> Self {
        let mut links = HashMap::new();
        for link in &note.links {
            links.entry(link.raw.as_str()).or_insert(link);
        }
        Rewriter {
            anchor,
            page,
            footnotes: HashMap::new(),
            heading_ids: HashSet::new(),
            heading_counts: HashMap::new(),
            links,
        }
    }

    fn rewrite<'e>(mut self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        let mut heading_texts = heading_texts(&events);
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole },
                    dest_url,
                    title,
                    id,
                }) => {
                    let (href, label) = self.short_link(&dest_url);
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: href.into(),
                        title,
                        id,
                    }));
                    if !has_pothole {
                        // The text is the destination as written: show it as a citation.
                        for inner in events.by_ref() {
                            if matches!(inner, Event::End(TagEnd::Link)) {
                                break;
                            }
                        }
                        out.push(Event::Text(label.into()));
                        out.push(Event::End(TagEnd::Link));
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    let mut code = String::new();
                    for inner in events.by_ref() {
                        match inner {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(text) => code.push_str(&text),
                            _ => {}
                        }
                    }
                    out.push(Event::Html(code_block(&code, &lang).into()));
                }
                Event::Start(Tag::Heading {
                    level,
                    id: _,
                    classes,
                    attrs,
                }) => {
                    let text = heading_texts.pop_front().unwrap_or_default();
                    out.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(self.heading_id(&text).into()),
                        classes,
                        attrs,
                    }));
                }
                Event::FootnoteReference(name) => {
                    let n = self.footnote_number(&name);
                    let anchor = self.anchor;
                    out.push(Event::Html(
                        format!("<sup class=\"fnref\"><a href=\"#{anchor}-fn{n}\" id=\"{anchor}-fnref{n}\">{n}</a></sup>").into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let n = self.footnote_number(&name);
                    let anchor = self.anchor;
                    out.push(Event::Html(
                        format!("<div class=\"note-footnote\" id=\"{anchor}-fn{n}\"><a class=\"note-footnote-label\" href=\"#{anchor}-fnref{n}\">{n}</a>").into(),
                    ));
                }
                Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>".into())),
                other => out.push(other),
            }
        }
        out
    }

    /// The href and the citation text of a short link.
    fn short_link(&self, raw: &str) -> (String, String) {
        // Every short link was read and checked when the archive was loaded.
        let raw = crate::archive::notes::link_destination(raw);
        let Some(link) = self.links.get(raw.as_str()) else {
            return ("#".to_string(), raw);
        };
        (self.href(link), citation(link, self.page))
    }

    /// Where a (checked) short link leads from this page.
    fn href(&self, link: &NoteLink) -> String {
        let page = self.page;
        let target = match &link.symbol {
            None => page.resolution,
            Some(symbol) => match page.archive.resolution(symbol) {
                Some(target) => target,
                None => return symbol.official_url(page.lang),
            },
        };
        let id = link.paragraph.as_deref();
        let holds = |lang: &str| {
            target
                .text(lang)
                .is_some_and(|t| id.is_none_or(|id| has_id(t, id)))
        };
        let lang = if holds(page.lang) {
            page.lang
        } else {
            target
                .texts
                .iter()
                .find(|t| holds(&t.lang))
                .map_or(page.lang, |t| t.lang.as_str())
        };
        if page.parallel && std::ptr::eq(target, page.resolution) {
            return match id {
                Some(id) if is_footnote_id(id) => format!("#{lang}-{id}"),
                Some(id) => format!("#{id}"),
                None => "#main".to_string(),
            };
        }
        let path = paths::resolution(lang, &target.slug);
        let fragment = id.map(|id| format!("#{id}")).unwrap_or_default();
        if path == page.path && !fragment.is_empty() {
            fragment
        } else {
            format!("{}{path}{fragment}", paths::root_of(page.path))
        }
    }

    fn heading_id(&mut self, text: &str) -> String {
        let slug: String = text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = format!(
            "{}-{}",
            self.anchor,
            if slug.is_empty() { "section" } else { &slug }
        );
        let mut id = base.clone();
        let n = self.heading_counts.entry(base.clone()).or_insert(1);
        while self.heading_ids.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.heading_ids.insert(id.clone());
        id
    }

    fn footnote_number(&mut self, name: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(name.to_string()).or_insert(next)
    }
}

/// `fn2`, `annex-fn2`: footnotes have one anchor per column on the parallel page.
fn is_footnote_id(id: &str) -> bool {
    id.starts_with("fn")
        || id
            .split_once('-')
            .is_some_and(|(_, own)| own.starts_with("fn"))
}

fn has_id(text: &crate::archive::Text, id: &str) -> bool {
    text.paragraph(id).is_some() || text.footnotes.iter().any(|f| f.id == id)
}

/// `A/RES/61/168, op4`; `op4` for a paragraph of the same resolution.
fn citation(link: &NoteLink, page: &Page) -> String {
    let name = |id: &str| page.strings.paragraph_name(page.lang, id);
    match (&link.symbol, &link.paragraph) {
        (Some(symbol), Some(id)) => format!("{symbol}, {}", name(id)),
        (Some(symbol), None) => symbol.to_string(),
        (None, Some(id)) => name(id),
        (None, None) => link.raw.clone(),
    }
}

/// The plain text of each heading, in order.
fn heading_texts(events: &[Event]) -> VecDeque<String> {
    let mut texts = VecDeque::new();
    let mut open: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => open = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => texts.extend(open.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = open.as_mut() {
                    text.push_str(t);
                }
            }
            _ => {}
        }
    }
    texts
}

fn code_block(code: &str, lang: &str) -> String {
    let token = lang.split_whitespace().next().unwrap_or_default();
    let data = if token.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape::html(token))
    };
    format!(
        "<pre class=\"{}\"{data}><code>{}</code></pre>\n",
        highlight::BLOCK_CLASS,
        highlight::highlight(code, token)
    )
}

#[cfg(test)]
mod tests;
