//! HTML helpers of the views: what is done to a text's HTML before a page shows it.
//!
//! The language prefix of footnote anchors in the columns of the parallel page. (French
//! typography is applied to the whole page once it is rendered: `render::typography`.)

/// The HTML of a text's paragraph or footnote as a page shows it: anchors prefixed (French
/// typography is the page's, `render::typography`).
pub(crate) fn body_html(html: &str, _lang: &str, prefix: &str) -> String {
    prefix_anchors(html, prefix)
}

/// Gives the footnote anchors of a column of the parallel page their language prefix (`#fn1`
/// and `#annex-fn2` alike).
fn prefix_anchors(html: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return html.to_string();
    }
    html.replace("href=\"#fn", &format!("href=\"#{prefix}fn"))
        .replace("href=\"#annex", &format!("href=\"#{prefix}annex"))
        .replace("id=\"fnref", &format!("id=\"{prefix}fnref"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_columns_get_their_own_footnote_anchors() {
        let html = r##"x<sup class="fnref"><a id="fnref1" href="#fn1">1</a></sup>"##;
        let prefixed = prefix_anchors(html, "en-");
        assert!(
            prefixed.contains(r##"id="en-fnref1" href="#en-fn1""##),
            "{prefixed}"
        );
        let annex = r##"x<sup class="fnref"><a id="fnref2" href="#annex-fn2">2</a></sup>"##;
        let prefixed = prefix_anchors(annex, "fr-");
        assert!(
            prefixed.contains(r##"id="fr-fnref2" href="#fr-annex-fn2""##),
            "{prefixed}"
        );
    }
}
