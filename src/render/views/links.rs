//! Links added to a paragraph's HTML where its text cites a document, leaving the canonical text
//! untouched: the citation's words (`61/168`) are found in the text of the HTML, outside tags and
//! existing links, in the order the paragraph cites them, and wrapped in a link.

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
    for cite in cites {
        let Some(at) = find_in_text(html, cursor, &cite.anchor) else {
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
fn find_in_text(html: &str, from: usize, words: &str) -> Option<usize> {
    let mut search = from;
    while let Some(found) = html.get(search..)?.find(words) {
        let at = search + found;
        let end = at + words.len();
        if stands_alone(html, at, end) && in_text(&html[..at]) {
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

/// Outside any tag and any link, given the HTML before the position.
fn in_text(before: &str) -> bool {
    let closed = |open: Option<usize>, close: Option<usize>| match (open, close) {
        (Some(open), Some(close)) => close > open,
        (Some(_), None) => false,
        (None, _) => true,
    };
    let link_open = before.rfind("<a ").max(before.rfind("<a>"));
    closed(before.rfind('<'), before.rfind('>')) && closed(link_open, before.rfind("</a>"))
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
}
