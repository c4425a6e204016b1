//! Page furniture: the lines a PDF page carries that are not part of the resolution's text
//! (running symbol headers, page numbers, separators, footer URLs, "Nations Unies", job numbers
//! and barcodes), and the closing lines ("76th plenary meeting" and its date).
//!
//! They are recognised one line at a time, wherever they stand, because a page break can fall
//! anywhere, mid-sentence included. What is dropped here never reaches the canonical text.

use std::collections::HashSet;

use regex::Regex;
use std::sync::LazyLock;

use super::layout::Line;

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

static PAGE_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}/\d{1,3}$").expect("valid regex"));
static TITLE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}/\d{1,4}\.\s+(\S.*)$").expect("valid regex"));

/// A line that marks a page top or bottom in a PDF extraction: the symbol alone, a page number
/// "2/5", a job number "25-16680" or a barcode.
fn page_anchor(line: &str) -> bool {
    let t = line.trim();
    RUNNING_SYMBOL.is_match(t) || PAGE_OF.is_match(t) || JOB_NUMBER.is_match(t)
}

/// The rest of a line that starts or ends with a resolution symbol ("A/RES/80/3 Awaza …",
/// "Awaza … A/RES/80/3").
fn symbol_and_title(line: &str) -> Option<&str> {
    let t = line.trim();
    let (first, rest) = t.split_once(' ')?;
    if RUNNING_SYMBOL.is_match(first) {
        return Some(rest);
    }
    let (rest, last) = t.rsplit_once(' ')?;
    RUNNING_SYMBOL.is_match(last).then_some(rest)
}

/// Lower-case words joined by single spaces, for comparing running titles with the title.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The titles a page may repeat at its top: the resolution's ("80/3. Awaza Political
/// Declaration", over one or more lines) and each annex's (the lines after "Annex").
fn running_titles(lines: &[Line<'_>]) -> Vec<String> {
    let mut titles = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text;
        let start = if let Some(c) = TITLE_LINE.captures(t) {
            Some(c.get(1).map_or("", |m| m.as_str()).to_string())
        } else if super::layout::annex_heading(t).is_some() {
            Some(String::new())
        } else if let Some((_, title)) = super::layout::annex_heading_with_title(t) {
            Some(title.to_string())
        } else {
            None
        };
        if let Some(mut title) = start {
            let mut j = i + 1;
            // Skip blank lines right after "Annex".
            while title.is_empty() && j < lines.len() && lines[j].text.is_empty() {
                j += 1;
            }
            while j < lines.len() && !lines[j].text.is_empty() && j - i < 6 {
                let next = lines[j].text;
                if next.ends_with(',') || next.starts_with(|c: char| c.is_ascii_digit()) {
                    break;
                }
                title.push(' ');
                title.push_str(next);
                j += 1;
            }
            let folded = fold(&title);
            if folded.len() >= 8 {
                titles.push(folded);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    titles
}

/// The numbers of the lines that belong to page tops and bottoms: each anchor (symbol, "2/5",
/// job number) with the blank lines, other anchors and pieces of a running title around it.
/// A page break can fall mid-sentence, so these lines are found before the text is read.
pub(crate) fn page_clusters(lines: &[Line<'_>]) -> HashSet<usize> {
    let titles = running_titles(lines);
    let title_piece = |t: &str| {
        let f = fold(t);
        f.len() >= 3 && titles.iter().any(|title| title.contains(&f))
    };
    let opening = lines
        .iter()
        .position(|l| super::layout::opening_text(l.text).is_some())
        .unwrap_or(lines.len());
    let mut marked = HashSet::new();
    // Layouts that print one paragraph per line repeat the title alone between two blank
    // lines, without symbol or page number: the whole title, or its beginning.
    let blank = |j: Option<usize>| {
        j.and_then(|j| lines.get(j))
            .is_none_or(|l| l.text.is_empty())
    };
    for (i, line) in lines.iter().enumerate().skip(opening + 1) {
        // "A/RES/80/3 Awaza Political Declaration": the symbol and the running title on one line.
        if let Some(rest) = symbol_and_title(line.text)
            && title_piece(rest)
        {
            marked.insert(line.no);
            continue;
        }
        let f = fold(line.text);
        if f.len() >= 20
            && blank(i.checked_sub(1))
            && blank(Some(i + 1))
            && titles.iter().any(|t| t.starts_with(&f))
        {
            marked.insert(line.no);
        }
    }
    for (i, line) in lines.iter().enumerate().skip(opening + 1) {
        if !page_anchor(line.text) {
            continue;
        }
        marked.insert(line.no);
        for dir in [-1isize, 1] {
            let mut j = i as isize + dir;
            let mut steps = 0;
            while j > opening as isize && (j as usize) < lines.len() && steps < 8 {
                let other = lines[j as usize];
                if other.text.is_empty() {
                } else if page_anchor(other.text) || title_piece(other.text) {
                    marked.insert(other.no);
                } else {
                    break;
                }
                j += dir;
                steps += 1;
            }
        }
    }
    marked
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
