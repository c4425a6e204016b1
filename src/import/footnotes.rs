//! Footnote markers in the body, in every form a source gives them, turned into `[^N]` exactly
//! where they stood: `<sup>1</sup>`, superscript digits ("1993¹"), glued to a word ("l’homme3,",
//! "Durban4,"), glued to a year ("8 septembre 20002" = 2000 + note 2), or spaced ("1993 1 ,").
//!
//! A bare digit is ambiguous ("Article 1," is no marker), so markers are searched in order of
//! appearance: for note k (the numbers come from the footnote texts found), the earliest
//! candidate after note k−1's marker wins, and a spaced digit only counts after a year or before
//! punctuation, never after a word that takes a number ("Article", "paragraphe").

use regex::Regex;
use std::sync::LazyLock;

/// Words after which a number is a reference, not a footnote marker.
const NUMBER_NOUNS: &[&str] = &[
    "article",
    "articles",
    "paragraphe",
    "paragraphes",
    "paragraph",
    "paragraphs",
    "résolution",
    "résolutions",
    "resolution",
    "resolutions",
    "chap.",
    "chapitre",
    "chapter",
    "sect.",
    "section",
    "session",
    "no",
    "n°",
    "no.",
    "nos",
    "annexe",
    "annex",
    "point",
    "points",
    "item",
    "items",
    "page",
    "p.",
    "alinéa",
    "alinéas",
    "partie",
    "part",
    "vol.",
    "tome",
    "principe",
    "principle",
    "objectif",
    "goal",
    "règle",
    "rule",
    "décision",
    "decision",
    "protocole",
    "protocol",
    "catégorie",
    "category",
    "phase",
    "et",
    "and",
    "à",
    "to",
    "au",
    "du",
    "le",
    "la",
    "les",
    "des",
    "of",
    "the",
    "en",
    "in",
    "sur",
    "on",
    "pour",
    "for",
];

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:1[89]|20)\d\d$").expect("re"));

fn to_superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            d => char::from_u32(u32::from('⁴') + (u32::from(d) - u32::from('4'))).unwrap_or(d),
        })
        .collect()
}

/// A marker found: the byte range to replace in the paragraph.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
}

/// The earliest marker of note `k` in `text` at or after byte `from`.
fn find(text: &str, k: u32, from: usize) -> Option<Found> {
    let ks = k.to_string();
    let sup = to_superscript(k);
    let html = format!("<sup>{ks}</sup>");
    let mut best: Option<Found> = None;
    let mut consider = |f: Found| {
        if best.is_none_or(|b| f.start < b.start) {
            best = Some(f);
        }
    };
    let hay = text.get(from..)?;
    if let Some(p) = hay.find(&html) {
        consider(Found {
            start: from + p,
            end: from + p + html.len(),
        });
    }
    for (p, _) in hay.match_indices(&sup) {
        let before = hay[..p].chars().next_back();
        let after = hay[p + sup.len()..].chars().next();
        let is_sup = |c: Option<char>| c.is_some_and(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c));
        if !is_sup(before) && !is_sup(after) {
            consider(Found {
                start: from + p,
                end: from + p + sup.len(),
            });
            break;
        }
    }
    // Digits of `ks` standing in the text: glued to a word or a year, or spaced.
    for (p, _) in hay.match_indices(&ks) {
        let start = from + p;
        let end = start + ks.len();
        let before = &text[..start];
        let after = &text[end..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let prev = before.chars().next_back();
        let accept = match prev {
            Some(c) if c.is_alphabetic() || c == '’' || c == '»' => true,
            Some(c) if c.is_ascii_digit() => {
                // Glued to a year: the digits before form exactly a year ("2000" + "2").
                let digits: String = before
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_digit)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let lead = &before[..before.len() - digits.len()];
                YEAR.is_match(&digits)
                    && !lead.ends_with(|c: char| c == '/' || c == '.' || c.is_alphanumeric())
            }
            Some(' ') => spaced_marker(before, after),
            _ => false,
        };
        if accept {
            consider(Found { start, end });
            break;
        }
    }
    best
}

/// A digit standing alone: a marker only after a year ("1993 1 ,", "2000 2 et") or before
/// punctuation ("l’homme 3,"), and never after a noun that takes a number.
fn spaced_marker(before: &str, after: &str) -> bool {
    let prev_word = before.split_whitespace().next_back().unwrap_or("");
    let noun = prev_word.rsplit(['’', '\'']).next().unwrap_or(prev_word);
    if prev_word.is_empty() || NUMBER_NOUNS.contains(&noun.to_lowercase().as_str()) {
        return false;
    }
    let after_trim = after.trim_start_matches(' ');
    let punct_after = after_trim.is_empty() || after_trim.starts_with([',', ';', '.', ':', ')']);
    let spaced_ok = after.is_empty() || after.starts_with([' ', ',', ';', '.', ':', ')']);
    let prev_is_year = YEAR.is_match(prev_word);
    let next_is_month = after_trim
        .split(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| super::vocab::month(w).is_some());
    spaced_ok && !next_is_month && (prev_is_year || punct_after)
}

/// Replace the markers of `numbers` (in order) in the paragraphs by `[^N]`. Returns the numbers
/// whose marker was not found.
pub(crate) fn place_markers(paragraphs: &mut [&mut String], numbers: &[u32]) -> Vec<u32> {
    let mut missing = Vec::new();
    let (mut para, mut offset) = (0usize, 0usize);
    for &k in numbers {
        let mut found = None;
        for (i, text) in paragraphs.iter().enumerate().skip(para) {
            let from = if i == para { offset } else { 0 };
            if let Some(f) = find(text, k, from) {
                found = Some((i, f));
                break;
            }
        }
        let Some((i, f)) = found else {
            missing.push(k);
            continue;
        };
        let text = &mut *paragraphs[i];
        let head = text[..f.start].trim_end_matches(' ').to_string();
        let tail = &text[f.end..];
        let tail_trim = tail.trim_start_matches(' ');
        let tail = if tail_trim.starts_with([',', ';', '.', ':', ')']) {
            tail_trim
        } else {
            tail
        };
        let marker = format!("[^{k}]");
        let new = format!("{head}{marker}{tail}");
        offset = head.len() + marker.len();
        para = i;
        *text = new;
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, numbers: &[u32]) -> (String, Vec<u32>) {
        let mut s = text.to_string();
        let missing = place_markers(&mut [&mut s], numbers);
        (s, missing)
    }

    #[test]
    fn spaced_marker_after_a_year_seed_000() {
        let (s, m) = place(
            "au paragraphe 3 de son Article 1, et … le 25 juin 1993 1 , pour favoriser",
            &[1],
        );
        assert_eq!(
            s,
            "au paragraphe 3 de son Article 1, et … le 25 juin 1993[^1], pour favoriser"
        );
        assert!(m.is_empty());
        let (s, _) = place("le 8 septembre 2000 2 et sa résolution", &[2]);
        assert_eq!(s, "le 8 septembre 2000[^2] et sa résolution");
        let (s, _) = place("droits de l’homme 3,", &[3]);
        assert_eq!(s, "droits de l’homme[^3],");
    }

    #[test]
    fn markers_glued_to_words_and_years_seed_002() {
        let (s, m) = place(
            "droits de l’homme1 pour favoriser, le 8 septembre 20002 et, en date du 23 mars 20123, et Durban4, ainsi",
            &[1, 2, 3, 4],
        );
        assert_eq!(
            s,
            "droits de l’homme[^1] pour favoriser, le 8 septembre 2000[^2] et, en date du 23 mars 2012[^3], et Durban[^4], ainsi"
        );
        assert!(m.is_empty());
    }

    #[test]
    fn superscript_and_html_markers_seeds_001_and_004() {
        let (s, _) = place("le 25 juin 1993¹, pour … l’homme⁴,", &[1, 4]);
        assert_eq!(s, "le 25 juin 1993[^1], pour … l’homme[^4],");
        let (s, _) = place(
            "on 25 June 1993,<sup>1</sup> for … 2000<sup>2</sup> and",
            &[1, 2],
        );
        assert_eq!(s, "on 25 June 1993,[^1] for … 2000[^2] and");
    }

    #[test]
    fn numbers_that_are_no_markers_are_left_alone() {
        let (s, m) = place(
            "résolution 2005/54 du 8 septembre 2001, à l’Article 2, A/61/2",
            &[2],
        );
        assert_eq!(
            s,
            "résolution 2005/54 du 8 septembre 2001, à l’Article 2, A/61/2"
        );
        assert_eq!(m, [2]);
    }
}
