//! HTML helpers of the views: what is done to a text's HTML before a page shows it.
//!
//! French typography (no line break before `; : ? !` or inside guillemets) and the language
//! prefix of footnote anchors in the columns of the parallel page.

/// The HTML of a text's paragraph or footnote as a page shows it: anchors prefixed, typeset.
pub(crate) fn body_html(html: &str, lang: &str, prefix: &str) -> String {
    typeset(&prefix_anchors(html, prefix), lang)
}

/// French typography: the space before `; : ? !` and inside `« »` must not break a line (a
/// narrow no-break space before `; ? !`, a no-break space before `:` and inside guillemets).
pub(super) fn typeset(html: &str, lang: &str) -> String {
    if lang != "fr" {
        return html.to_string();
    }
    html.replace(" ;", "\u{202F};")
        .replace(" ?", "\u{202F}?")
        .replace(" !", "\u{202F}!")
        .replace(" :", "\u{A0}:")
        .replace("« ", "«\u{A0}")
        .replace(" »", "\u{A0}»")
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
    fn french_punctuation_does_not_break_from_its_word() {
        assert_eq!(
            typeset("égalité ; dialogue : « oui »", "fr"),
            "égalité\u{202F}; dialogue\u{A0}: «\u{A0}oui\u{A0}»"
        );
        assert_eq!(typeset("equality ; x", "en"), "equality ; x");
    }

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
