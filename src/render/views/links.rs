//! Links added to a paragraph's HTML where its text cites a document, leaving the canonical text
//! untouched: the citation's words (`61/168`) are found in the text of the HTML, outside tags and
//! existing links, in the order the paragraph cites them, and wrapped in a link.
//!
//! The HTML is read once from start to end whatever the paragraph holds (a hostile text may cite
//! the same number a hundred thousand times): where a position stands (in a tag, in a link) is
//! carried forward as the citations are placed, and words known to be absent are not looked for
//! again.

use std::collections::HashMap;

use crate::archive::references::Reference;

/// How one citation is linked: the opening tag, and what follows the cited words inside the link.
pub(super) struct Anchor {
    pub open: String,
    pub after: String,
}

/// `html` with each citation of `cites` (in text order) wrapped in the link `anchor_for` gives.
pub(super) fn link_citations(
    html: &str,
    cites: &[Reference],
    anchor_for: impl Fn(&Reference) -> Anchor,
) -> String {
    if cites.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + cites.len() * 96);
    let mut cursor = 0;
    let mut state = Position::new(html);
    // Words found nowhere standing alone at or after this position: not looked for again.
    let mut absent_from: HashMap<&str, usize> = HashMap::new();
    for cite in cites {
        let words = cite.anchor.as_str();
        if absent_from.get(words).is_some_and(|&from| cursor >= from) {
            continue;
        }
        let Some(at) = find_in_text(html, cursor, words, &mut state) else {
            absent_from.insert(words, cursor);
            continue;
        };
        let end = at + cite.anchor.len();
        let anchor = anchor_for(cite);
        out.push_str(&html[cursor..at]);
        out.push_str(&anchor.open);
        out.push_str(&html[at..end]);
        out.push_str(&anchor.after);
        out.push_str("</a>");
        cursor = end;
    }
    out.push_str(&html[cursor..]);
    out
}

/// The first occurrence of `words` at or after `from` that stands alone in the text of `html`.
/// `from` never goes back between calls with the same `state`.
fn find_in_text(html: &str, from: usize, words: &str, state: &mut Position) -> Option<usize> {
    let mut search = from;
    while let Some(found) = html.get(search..)?.find(words) {
        let at = search + found;
        let end = at + words.len();
        if stands_alone(html, at, end) && state.in_text(at) {
            return Some(at);
        }
        search = at + words.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Not part of a longer number or symbol (`161/168`, `A/RES/61/168`).
fn stands_alone(html: &str, at: usize, end: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric() || c == '/';
    !html[..at].chars().next_back().is_some_and(glued)
        && !html[end..].chars().next().is_some_and(glued)
}

/// Where the last `<`, `>`, link opening and link closing stand before a position of the HTML,
/// read forward as the positions asked about move forward.
#[derive(Clone)]
struct Position<'h> {
    html: &'h str,
    /// Every byte before this one has been read.
    read: usize,
    lt: Option<usize>,
    gt: Option<usize>,
    link_open: Option<usize>,
    link_close: Option<usize>,
}

impl<'h> Position<'h> {
    fn new(html: &'h str) -> Self {
        Position {
            html,
            read: 0,
            lt: None,
            gt: None,
            link_open: None,
            link_close: None,
        }
    }

    /// Outside any tag and any link, given the HTML before `at`: the last `<` is closed by a
    /// `>`, the last `<a …>` by a `</a>`.
    fn in_text(&mut self, at: usize) -> bool {
        if at < self.read {
            // Never happens in order; answered from the start rather than wrongly.
            return Position::new(self.html).in_text(at);
        }
        let bytes = self.html.as_bytes();
        while self.read < at {
            let p = self.read;
            match bytes[p] {
                b'<' => {
                    let rest = &bytes[p..];
                    let opens = rest.starts_with(b"<a ") || rest.starts_with(b"<a>");
                    let closes = rest.starts_with(b"</a>");
                    let len = if opens {
                        3
                    } else if closes {
                        4
                    } else {
                        1
                    };
                    if p + len > at {
                        // A link tag cut by `at` counts as a plain `<` this time only.
                        let mut cut = self.clone();
                        cut.lt = Some(p);
                        cut.gt = bytes[p..at]
                            .iter()
                            .rposition(|&b| b == b'>')
                            .map(|i| p + i)
                            .or(cut.gt);
                        return cut.answer();
                    }
                    self.lt = Some(p);
                    if opens {
                        self.link_open = Some(p);
                    } else if closes {
                        self.link_close = Some(p);
                    }
                }
                b'>' => self.gt = Some(p),
                _ => {}
            }
            self.read += 1;
        }
        self.answer()
    }

    fn answer(&self) -> bool {
        let closed = |open: Option<usize>, close: Option<usize>| match (open, close) {
            (Some(open), Some(close)) => close > open,
            (Some(_), None) => false,
            (None, _) => true,
        };
        closed(self.lt, self.gt) && closed(self.link_open, self.link_close)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::references;

    fn linked(html: &str, plain: &str) -> String {
        let cites = references::find(plain).references;
        link_citations(html, &cites, |c| Anchor {
            open: format!("<a href=\"{}\">", c.symbol),
            after: String::new(),
        })
    }

    #[test]
    fn citations_are_linked_in_the_text_only() {
        let plain = "sa résolution 61/168 du 19 décembre 2006[^2] et la résolution 2005/54 de la Commission des droits de l’homme";
        let html = "sa <em>résolution</em> 61/168 du 19 décembre 2006<sup class=\"footnote-ref\"><a href=\"#fn2\" id=\"fnref2\">2</a></sup> et la résolution 2005/54 de la Commission des droits de l’homme";
        assert_eq!(
            linked(html, plain),
            "sa <em>résolution</em> <a href=\"A/RES/61/168\">61/168</a> du 19 décembre 2006<sup class=\"footnote-ref\"><a href=\"#fn2\" id=\"fnref2\">2</a></sup> et la résolution <a href=\"E/CN.4/RES/2005/54\">2005/54</a> de la Commission des droits de l’homme"
        );
    }

    #[test]
    fn words_inside_attributes_links_or_longer_numbers_are_left_alone() {
        let plain = "voir 55/2 et résolution 55/2";
        let html = "<a href=\"x\" title=\"55/2\">voir 55/2</a> et 155/2 résolution 55/2";
        assert_eq!(
            linked(html, plain),
            "<a href=\"x\" title=\"55/2\">voir 55/2</a> et 155/2 résolution <a href=\"A/RES/55/2\">55/2</a>"
        );
    }

    #[test]
    fn a_citation_missing_from_the_html_is_skipped_not_misplaced() {
        let plain = "résolution 61/168 et résolution 62/160";
        let html = "résolution 62/160";
        assert_eq!(
            linked(html, plain),
            "résolution <a href=\"A/RES/62/160\">62/160</a>"
        );
    }

    /// The reading of the position forward gives what reading the whole prefix gives.
    #[test]
    fn the_position_read_forward_agrees_with_the_prefix() {
        fn slow(before: &str) -> bool {
            let closed = |open: Option<usize>, close: Option<usize>| match (open, close) {
                (Some(open), Some(close)) => close > open,
                (Some(_), None) => false,
                (None, _) => true,
            };
            let link_open = before.rfind("<a ").max(before.rfind("<a>"));
            closed(before.rfind('<'), before.rfind('>')) && closed(link_open, before.rfind("</a>"))
        }
        let html =
            "x <em>y</em> <a href=\"z\">in</a> out <a>in</a><sup>1</sup> <b title=\"<a \">t</b>";
        let mut position = Position::new(html);
        for at in 0..=html.len() {
            assert_eq!(
                position.in_text(at),
                slow(&html[..at]),
                "at {at}: {:?}",
                &html[..at]
            );
        }
    }

    #[test]
    fn a_hundred_thousand_citations_are_linked_in_linear_time() {
        let plain = "résolution 61/168, résolution 6/1 ".repeat(100_000);
        let html = "résolution 61/168, résolution <em>6</em>/1 ".repeat(100_000);
        let started = std::time::Instant::now();
        let out = linked(&html, &plain);
        assert_eq!(out.matches("<a href=\"A/RES/61/168\">").count(), 100_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
