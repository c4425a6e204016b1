//! Page furniture: the lines a PDF page carries that are not part of the resolution's text
//! (running symbol headers, page numbers, separators, footer URLs, "Nations Unies", job numbers
//! and barcodes), and the closing lines ("76th plenary meeting" and its date).
//!
//! They are recognised one line at a time, wherever they stand, because a page break can fall
//! anywhere, mid-sentence included. What is dropped here never reaches the canonical text.

use regex::Regex;
use std::sync::LazyLock;

static RUNNING_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^A/RES/\d+/\d+$").expect("valid regex"));
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}$").expect("valid regex"));
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[_\-–—=*] ?){3,}$").expect("valid regex"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:https?://|www\.)\S+$").expect("valid regex"));
static JOB_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})*(?:\s+\*\d{7}\*)?|\*\d{7}\*)$")
        .expect("valid regex")
});
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\*?\s*(\d{1,3})\s*(?:\^?e|\^?re|<sup>e</sup>|<sup>th</sup>|th|st|nd|rd|<sup>st</sup>|<sup>nd</sup>|<sup>rd</sup>)?\s+(?:séance plénière|plenary meeting)\b",
    )
    .expect("valid regex")
});

/// Strip Markdown decoration a line may carry around furniture: `#`, `*`, spaces.
pub(crate) fn bare(line: &str) -> &str {
    line.trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
}

/// A footnote separator ("_______________", "---").
pub(crate) fn is_separator(line: &str) -> bool {
    SEPARATOR.is_match(line.trim())
}

/// A bare page number on its own line.
pub(crate) fn is_page_number(line: &str) -> bool {
    PAGE_NUMBER.is_match(line.trim())
}

/// A line that belongs to the page, not to the text, wherever it stands.
pub(crate) fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    let b = bare(t);
    RUNNING_SYMBOL.is_match(b)
        || PAGE_NUMBER.is_match(t)
        || is_separator(t)
        || URL.is_match(t)
        || JOB_NUMBER.is_match(t)
        || matches!(
            b,
            "Nations Unies" | "United Nations" | "Assemblée générale" | "General Assembly"
        )
        || b.eq_ignore_ascii_case("Merci de recycler")
        || b.eq_ignore_ascii_case("Please recycle")
}

/// The closing line "81^e séance plénière" / "76th plenary meeting": its meeting number.
pub(crate) fn closing_meeting(line: &str) -> Option<u32> {
    CLOSING.captures(line.trim())?.get(1)?.as_str().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_recognised() {
        for line in [
            "A/RES/59/187 ",
            "3 ",
            "_______________ ",
            "---",
            "http://undocs.org/fr/2000/22",
            " Nations Unies",
            "# General Assembly",
            "07-47093 (F)",
            "*0747093*",
        ] {
            assert!(is_furniture(line), "{line:?}");
        }
        for line in [
            "droits de l’homme et toutes les libertés fondamentales et encourage",
            "1. Réaffirme que",
            "A/CONF.157/24 (Part I), chap. III.",
            "1993 1 , afin que",
        ] {
            assert!(!is_furniture(line), "{line:?}");
        }
    }

    #[test]
    fn closing_lines_give_the_meeting() {
        assert_eq!(closing_meeting("*81^e séance plénière"), Some(81));
        assert_eq!(closing_meeting("*76th plenary meeting  "), Some(76));
        assert_eq!(closing_meeting("76e séance plénière"), Some(76));
        assert_eq!(closing_meeting("76 séances"), None);
    }
}
