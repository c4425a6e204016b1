//! Syntax highlighting of the fenced code blocks of notes (syntect), as CSS classes.
//!
//! Code is turned into `<span class="hl-…">` elements, never inline styles, so that colours
//! live in two stylesheets generated from syntect's bundled themes, each wrapped in its own
//! `@media` so that their rules never mix (a more specific light rule would beat a dark one):
//! `highlight-dark.css` for screens that prefer a dark scheme, `highlight-light.css` for
//! everything else, paper included. Colours too faint for their background are darkened or lightened to WCAG AA. An
//! archive may replace either file in its own `theme/`. The syntaxes are loaded once, on the
//! first code block of a build, since most pages have none.

use std::sync::LazyLock;

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::escape;

/// Every class syntect writes starts with this, so none can clash with the site's own (`.meta`).
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The class of a highlighted block (`.hl-code` carries the theme's colours).
pub(crate) const BLOCK_CLASS: &str = "hl-code";

const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// Where each sheet applies. The conditions are inside the files, not on the `<link>`s: a
/// browser fetches a stylesheet whose `media` does not match last, and a page's load waits
/// for it.
const DARK_MEDIA: &str = "screen and (prefers-color-scheme: dark)";
const LIGHT_MEDIA: &str = "not screen and (prefers-color-scheme: dark)";

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
        return escape::html(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return escape::html(code);
        }
    }
    generator.finalize()
}

/// `(file name under theme/, contents)` of the light and dark stylesheets.
pub(crate) fn stylesheets() -> Vec<(&'static str, String)> {
    let mut themes = ThemeSet::load_defaults();
    [
        ("highlight-light.css", LIGHT_THEME, LIGHT_MEDIA),
        ("highlight-dark.css", DARK_THEME, DARK_MEDIA),
    ]
    .into_iter()
    .filter_map(|(file, name, media)| {
        let theme = themes.themes.get_mut(name)?;
        readable(theme);
        let css = css_for_theme_with_class_style(theme, STYLE).ok()?;
        Some((file, format!("@media {media} {{\n{css}}}\n")))
    })
    .collect()
}

/// The contrast every colour of code keeps with its background: WCAG AA for text (4.5:1), with
/// a margin for rounding.
const MIN_CONTRAST: f64 = 4.6;

/// Darkens (on a light background) or lightens (on a dark one) every foreground colour of
/// `theme` that is too faint to read: the bundled themes have a few (green tags on white).
fn readable(theme: &mut Theme) {
    let Some(background) = theme.settings.background else {
        return;
    };
    let fix = |color: &mut Option<Color>| {
        if let Some(c) = color.as_mut() {
            *c = with_contrast(*c, background);
        }
    };
    fix(&mut theme.settings.foreground);
    for item in &mut theme.scopes {
        fix(&mut item.style.foreground);
    }
}

/// `color` moved towards black or white until it reaches [`MIN_CONTRAST`] with `background`.
fn with_contrast(color: Color, background: Color) -> Color {
    let towards_black = luminance(background) > 0.5;
    let mut adjusted = color;
    for step in 1..=20 {
        if contrast(adjusted, background) >= MIN_CONTRAST {
            break;
        }
        let t = f64::from(step) * 0.05;
        let mix = |c: u8| {
            let c = f64::from(c);
            let target = if towards_black { 0.0 } else { 255.0 };
            // In 0..=255 by construction.
            (c + (target - c) * t).round() as u8
        };
        adjusted = Color {
            r: mix(color.r),
            g: mix(color.g),
            b: mix(color.b),
            a: color.a,
        };
    }
    adjusted
}

/// WCAG contrast ratio of two colours.
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
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
    fn every_colour_of_code_is_readable_on_its_background() {
        let themes = ThemeSet::load_defaults();
        for name in [LIGHT_THEME, DARK_THEME] {
            let mut theme = themes.themes[name].clone();
            readable(&mut theme);
            let background = theme.settings.background.unwrap();
            for item in &theme.scopes {
                if let Some(color) = item.style.foreground {
                    assert!(contrast(color, background) >= 4.5, "{name}: {color:?}");
                }
            }
        }
        let green = Color {
            r: 0x63,
            g: 0xa3,
            b: 0x5c,
            a: 0xff,
        };
        let white = Color {
            r: 255,
            g: 255,
            b: 255,
            a: 255,
        };
        assert!(contrast(green, white) < 4.5);
        assert!(contrast(with_contrast(green, white), white) >= 4.5);
    }

    #[test]
    fn both_stylesheets_are_generated_with_prefixed_classes() {
        let sheets = stylesheets();
        assert_eq!(sheets.len(), 2);
        for (name, css) in sheets {
            assert!(css.contains(".hl-code {"), "{name}");
            assert!(css.starts_with("@media ") && css.ends_with("}\n"), "{name}");
            assert!(!css.contains("\n.meta"), "{name}: unprefixed classes");
        }
    }
}
