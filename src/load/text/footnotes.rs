//! Footnotes: each definition made a [`Footnote`], then bound to the references to it (the
//! back-links), and what does not match reported.
//!
//! A footnote keeps its official label `[^N]` (the United Nations number footnotes on through an
//! annex); its id is `fnN`, or `annex-fnN` (`annex2-fnN`) when its first reference stands in an
//! annex: the parser decides that where it meets the reference.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::Event;

use super::{MAX_RECORDED, ParsedText, plain_text};
use crate::archive::Footnote;
use crate::diag::{Problem, Problems};

/// Binds footnote references to their definitions and reports what does not match.
pub(crate) fn link_footnotes(path: &Path, parsed: &mut ParsedText, problems: &mut Problems) {
    // Label -> the anchors of its references, in text order.
    let mut referenced: HashMap<String, Vec<String>> = HashMap::new();
    for paragraph in parsed.all_paragraphs() {
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
        .all_paragraphs()
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

pub(super) fn footnote(label: &str, inlines: &[Event], line: usize) -> Footnote {
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
        markdown: String::new(),
        line,
        refs: Vec::new(),
        cites: Vec::new(),
    }
}
