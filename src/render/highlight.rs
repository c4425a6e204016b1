//! Syntax highlighting of the fenced code blocks of notes (syntect), as CSS classes.
//!
//! Code is turned into `<span class="hl-…">` elements, never inline styles, so that colours
//! live in two stylesheets generated from syntect's bundled themes: `theme/highlight-light.css`
//! (always loaded) and `theme/highlight-dark.css` (loaded for screens that prefer a dark scheme;
//! paper gets the light one). An archive may replace either file in its own `theme/`. The
//! syntaxes are loaded once, on the first code block of a build, since most pages have none.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Every class syntect writes starts with this, so none can clash with the site's own (`.meta`).
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The class of a highlighted block (`.hl-code` carries the theme's colours).
pub(crate) const BLOCK_CLASS: &str = "hl-code";

const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The HTML of `code` highlighted as `lang` (a fence's info string: `yaml`, `rust`, `toml`),
/// without the enclosing `<pre>`. Unknown languages and failures give escaped plain text.
pub(crate) fn highlight(code: &str, lang: &str) -> String {
    let syntaxes = &*SYNTAXES;
    let token = lang.split([' ', ',', '{']).next().unwrap_or_default();
    let Some(syntax) = (!token.is_empty())
        .then(|| syntaxes.find_syntax_by_token(token))
        .flatten()
    else {
        return escape(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return escape(code);
        }
    }
    generator.finalize()
}

/// `(file name under theme/, contents)` of the light and dark stylesheets.
pub(crate) fn stylesheets() -> Vec<(&'static str, String)> {
    let themes = ThemeSet::load_defaults();
    [
        ("highlight-light.css", LIGHT_THEME),
        ("highlight-dark.css", DARK_THEME),
    ]
    .into_iter()
    .filter_map(|(file, name)| {
        let theme = themes.themes.get(name)?;
        let css = css_for_theme_with_class_style(theme, STYLE).ok()?;
        Some((file, css))
    })
    .collect()
}

/// Text as HTML body text: `&`, `<` and `>` escaped.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_highlighted_with_classes_not_styles() {
        let html = highlight("symbol: A/RES/62/160\nvote: {without_vote: true}\n", "yaml");
        assert!(html.contains("<span class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("A/RES/62/160"));
    }

    #[test]
    fn an_unknown_language_is_escaped_plain_text() {
        assert_eq!(highlight("<b>&", "klingon"), "&lt;b&gt;&amp;");
        assert_eq!(highlight("x", ""), "x");
    }

    #[test]
    fn both_stylesheets_are_generated_with_prefixed_classes() {
        let sheets = stylesheets();
        assert_eq!(sheets.len(), 2);
        for (name, css) in sheets {
            assert!(css.contains(".hl-code {"), "{name}");
            assert!(!css.contains("\n.meta"), "{name}: unprefixed classes");
        }
    }
}
