//! One pass of pulldown-cmark over a notes file's Markdown: the `#`/`##` headings that open
//! notes and the short links (`[[A/RES/61/168#op4]]`), with their offsets, stopping where the
//! nesting goes deeper than [`MAX_NESTING`]. Using the Markdown parser rather than lines means
//! that a `## op10` inside a fenced code block is not taken for a heading.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use super::{MAX_NESTING, OPTIONS};
use crate::archive::notes::link_destination;

pub(super) struct Heading {
    pub(super) range: Range<usize>,
    pub(super) text: String,
}

#[derive(Default)]
pub(super) struct Scan {
    /// `#` and `##` headings, which open notes.
    pub(super) headings: Vec<Heading>,
    /// `[[…]]` links: offset and destination.
    pub(super) links: Vec<(usize, String)>,
    /// Where the nesting first went deeper than [`MAX_NESTING`].
    pub(super) too_deep: Option<usize>,
}

/// The headings that open notes and the short links, with offsets in the whole file.
pub(super) fn scan(body: &str, base: usize) -> Scan {
    let mut scan = Scan::default();
    let mut open: Option<Heading> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, OPTIONS).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            scan.too_deep = Some(range.start);
            return scan;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H2 => {
                open = Some(Heading {
                    range,
                    text: String::new(),
                })
            }
            Event::End(TagEnd::Heading(level)) if level <= HeadingLevel::H2 => {
                scan.headings.extend(open.take())
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = open.as_mut() {
                    heading.text.push_str(&text);
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => scan.links.push((range.start, link_destination(&dest_url))),
            _ => {}
        }
    }
    scan
}
