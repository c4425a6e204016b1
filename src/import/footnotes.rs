//! Footnote markers in the body, in every form a source gives them, turned into `[^N]` exactly
//! where they stood: `<sup>1</sup>`, superscript digits ("1993¹"), glued to a word ("l’homme3,",
//! "Durban4,"), glued to a year ("8 septembre 20002" = 2000 + note 2), or spaced ("1993 1 ,").
//!
//! A bare digit is ambiguous ("Article 1," is no marker), so markers are searched in order of
//! appearance: for note k (the numbers come from the footnote texts found), the earliest
//! candidate after note k−1's marker wins, and a spaced digit only counts after a year or before
//! punctuation, never after a word that takes a number ("Article", "paragraphe").
//!
//! For a parsed text, [`bind_texts`] binds the footnote texts to their numbers and
//! [`place_in_body`] places the markers in its paragraphs: a note given twice, a note whose
//! marker is not found, or a digit left glued to a word is a warning with its line.

use std::path::Path;

use regex::Regex;
use std::sync::LazyLock;

use super::body::Body;
use super::canonical::Footnote;
use super::hyphens;
use super::layout::Layout;
use crate::diag::{Problem, Problems};

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
    "target",
    "cible",
    "level",
    "niveau",
    "step",
    "étape",
    "stage",
    "option",
    "recommendation",
    "recommandation",
    "table",
    "tableau",
    "figure",
    "box",
    "encadré",
    "appendix",
    "appendice",
    "indicator",
    "indicateur",
    "pillar",
    "pilier",
    "round",
    "zone",
    "vols.",
    "volume",
    "sub-item",
    "subparagraph",
    "alinea",
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

static GLUED_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}+\d+").expect("valid regex"));
static MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^\d+\]").expect("valid regex"));
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

/// The earliest marker of note `k` in `text` at or after byte `from`: `<sup>k</sup>`, a
/// superscript `k`, or the digits of `k` standing in the text (earliest wins; on a tie, in that
/// order).
fn find(text: &str, k: u32, from: usize) -> Option<Found> {
    let hay = text.get(from..)?;
    [
        find_literal(hay, k),
        find_html(hay, k),
        find_superscript(hay, k),
        find_digits(text, k, from),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|f| f.start)
    .map(|f| Found {
        start: from + f.start,
        end: from + f.end,
    })
}

/// `[^k]` as a Markdown conversion already wrote it, as a range of `hay`.
fn find_literal(hay: &str, k: u32) -> Option<Found> {
    let literal = format!("[^{k}]");
    let p = hay.find(&literal)?;
    Some(Found {
        start: p,
        end: p + literal.len(),
    })
}

/// `<sup>k</sup>`, as a range of `hay`.
fn find_html(hay: &str, k: u32) -> Option<Found> {
    let html = format!("<sup>{k}</sup>");
    let p = hay.find(&html)?;
    Some(Found {
        start: p,
        end: p + html.len(),
    })
}

/// The superscript digits of `k`, not part of a longer superscript number, as a range of `hay`.
fn find_superscript(hay: &str, k: u32) -> Option<Found> {
    let sup = to_superscript(k);
    let is_sup = |c: Option<char>| c.is_some_and(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c));
    hay.match_indices(&sup).find_map(|(p, _)| {
        let before = hay[..p].chars().next_back();
        let after = hay[p + sup.len()..].chars().next();
        (!is_sup(before) && !is_sup(after)).then_some(Found {
            start: p,
            end: p + sup.len(),
        })
    })
}

/// Digits of `k` standing in the text: glued to a word or a year, or spaced. The range is of
/// `text[from..]`.
fn find_digits(text: &str, k: u32, from: usize) -> Option<Found> {
    let ks = k.to_string();
    text[from..].match_indices(&ks).find_map(|(p, _)| {
        let start = from + p;
        let end = start + ks.len();
        let before = &text[..start];
        let after = &text[end..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let accept = match before.chars().next_back() {
            Some(c) if c.is_alphabetic() || c == '’' || c == '»' => true,
            Some(c) if c.is_ascii_digit() => glued_to_year(before),
            Some(' ') => spaced_marker(before, after),
            Some(c) if ",;.:)”\"".contains(c) => glued_to_punctuation(before, after),
            _ => false,
        };
        accept.then_some(Found {
            start: p,
            end: p + ks.len(),
        })
    })
}

/// "session,1", "(Tlatelolco)1", "“Nuclear disarmament”.3": a marker glued after punctuation
/// that closes a word, and followed by a space, punctuation or the end.
fn glued_to_punctuation(before: &str, after: &str) -> bool {
    let mut back = before.chars().rev();
    back.next();
    let word_before = back
        .next()
        .is_some_and(|c| c.is_alphanumeric() || ")”’\"".contains(c));
    let end_after = after.is_empty() || after.starts_with([' ', ',', ';', '.', ':', ')']);
    word_before && end_after
}

/// Do the digits that end `before` form exactly a year ("2000" + "2"), not part of a symbol
/// or a longer number?
fn glued_to_year(before: &str) -> bool {
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lead = &before[..before.len() - digits.len()];
    YEAR.is_match(&digits) && !lead.ends_with(|c: char| c == '/' || c == '.' || c.is_alphanumeric())
}

/// What follows a number as part of it ("2nd", "21st", "3e", "5km"), never a marker's next word.
const ORDINAL_OR_UNIT: &[&str] = &[
    "st", "nd", "rd", "th", "e", "er", "re", "ème", "eme", "bis", "ter", "km", "kg", "cm", "mm",
    "am", "pm", "h", "m", "g", "t",
];

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
    // "1993 1", "2013, 9", "the Lausanne Action Plan 2021–2026 3".
    let last_year = prev_word
        .trim_end_matches([',', ';'])
        .rsplit(['–', '-'])
        .next()
        .unwrap_or("");
    let prev_is_year = YEAR.is_match(last_year);
    let next_is_month = after_trim
        .split(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| super::vocab::month(w).is_some());
    // "Rights, 1 the International Covenant": a marker after the punctuation closing a title.
    let after_punct = prev_word.ends_with([',', ';', '.', ')', '”'])
        && prev_word.chars().any(char::is_alphabetic)
        && !after_trim.starts_with(|c: char| c.is_ascii_digit());
    // "the 2030 Agenda for Sustainable Development 5 and its Goals", "the agenda 2 and": after
    // the last word of a title (not a noun that takes a number), before a lower-case word.
    let after_title = prev_word.chars().all(char::is_alphabetic)
        && after.starts_with(' ')
        && after_trim.starts_with(|c: char| c.is_lowercase());
    // "the Treaty on the Non-Proliferation of Nuclear Weapons 6and the advisory opinion": the
    // superscript set between a space and the next word, glued to it.
    let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let glued_to_next = prev_word.chars().any(char::is_alphabetic)
        && next_word.starts_with(char::is_lowercase)
        && !ORDINAL_OR_UNIT.contains(&next_word.as_str());
    (spaced_ok && !next_is_month && (prev_is_year || punct_after || after_punct || after_title))
        || glued_to_next
}

/// Does the end of `text` call note `n`: its digits glued to a word, a year, a closing
/// bracket or punctuation ("Tlatelolco)1", "objective,2", "2024 3")? Only the last pages are
/// read (16 kB, four pages of text): a note stands at the foot of the page that calls it.
pub(crate) fn calls(text: &str, n: u32) -> bool {
    let mut from = text.len().saturating_sub(16_000);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let tail = &text[from..];
    if tail.contains(&format!("[^{n}]")) {
        return true;
    }
    let ks = n.to_string();
    tail.match_indices(&ks).any(|(p, _)| {
        let before = &tail[..p];
        let after = &tail[p + ks.len()..];
        if after.starts_with(|c: char| c.is_ascii_digit() || c.is_alphabetic()) {
            return false;
        }
        match before.chars().next_back() {
            Some(c) if c.is_alphabetic() => true,
            Some(c) if c.is_ascii_digit() => glued_to_year(before),
            Some(c) => ",;.:)”’\"»".contains(c) || (c == ' ' && spaced_marker(before, after)),
            None => false,
        }
    })
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
        // "1993 1 ," closes up; "débats2 ;" keeps the space French puts before ; and :.
        let tail = if tail_trim.starts_with([',', '.', ')']) {
            tail_trim
        } else {
            tail
        };
        let marker = format!("[^{k}]");
        // "Weapons 6and": the word the superscript was glued to gets its space back.
        let space = if tail.starts_with(char::is_alphanumeric) {
            " "
        } else {
            ""
        };
        let new = format!("{head}{marker}{space}{tail}");
        offset = head.len() + marker.len();
        para = i;
        *text = new;
    }
    missing
}

/// The footnote texts bound to their numbers, in order; a number given twice keeps its first
/// text, and a block whose numbers and texts do not pair up is a warning.
pub(crate) fn bind_texts(
    path: &Path,
    layout: &Layout<'_>,
    warnings: &mut Problems,
) -> Vec<Footnote> {
    let mut footnotes: Vec<Footnote> = Vec::new();
    for note in &layout.footnotes {
        if footnotes.iter().any(|f| f.number == note.number) {
            warnings.push(
                Problem::warning(path, format!("footnote {} is given twice", note.number))
                    .at(note.line, None)
                    .hint("the first text is kept; check the source"),
            );
            continue;
        }
        footnotes.push(Footnote {
            number: note.number,
            text: hyphens::repair_gaps(&hyphens::collapse_spaces(&note.text)),
        });
    }
    footnotes.sort_by_key(|f| f.number);
    for &(line, numbers, texts) in &layout.mismatched_blocks {
        warnings.push(
            Problem::warning(
                path,
                format!("this footnote block has {numbers} numbers but {texts} texts"),
            )
            .at(line, None)
            .hint("check the footnotes in the canonical text against the source"),
        );
    }
    footnotes
}

/// Place the `[^N]` markers of `footnotes` in the body. A note whose marker is not found, or a
/// digit still glued to a word (probably a marker missed), is a warning.
pub(crate) fn place_in_body(
    path: &Path,
    body: &mut Body,
    footnotes: &[Footnote],
    warnings: &mut Problems,
) {
    let missing = place_in_paragraphs(body, footnotes);
    drop_undefined_references(path, body, footnotes, warnings);
    warn_glued_digits(path, body, warnings);
    warn_unplaced_notes(path, &missing, warnings);
}

/// Place the markers in every paragraph; the numbers of notes not found are returned.
fn place_in_paragraphs(body: &mut Body, footnotes: &[Footnote]) -> Vec<u32> {
    let numbers: Vec<u32> = footnotes.iter().map(|f| f.number).collect();
    let mut paras = body.all_texts_mut();
    place_markers(&mut paras, &numbers)
}

/// "UN80", "G20", "COP29": names that end with a number, never markers.
fn acronym_with_number(glued: &str) -> bool {
    let letters = glued.trim_end_matches(|c: char| c.is_ascii_digit());
    letters.chars().count() >= 1 && letters.chars().all(char::is_uppercase)
}

fn warn_glued_digits(path: &Path, body: &Body, warnings: &mut Problems) {
    for (line, para) in body.located_texts() {
        let bare = MARKER.replace_all(para, "");
        if let Some(m) = GLUED_DIGIT.find_iter(&bare).find(|m| {
            !acronym_with_number(m.as_str()) && !bare[m.end()..].starts_with(char::is_alphabetic)
        }) {
            warnings.push(
                Problem::warning(
                    path,
                    format!(
                        "a digit is glued to a word here (“{}”): an unplaced footnote marker?",
                        m.as_str()
                    ),
                )
                .at_line(line)
                .hint("check this paragraph of the canonical text against the source"),
            );
        }
    }
}

/// A `[^N]` the source wrote without any definition of note N would leave the canonical text
/// unbuildable: it is left out, with a warning.
fn drop_undefined_references(
    path: &Path,
    body: &mut Body,
    footnotes: &[Footnote],
    warnings: &mut Problems,
) {
    // Lines are known for the preamble (and the operative paragraphs after it): name one
    // only where the paragraph is known.
    let lines: Vec<usize> = body
        .lines
        .iter()
        .take(body.preamble.len())
        .copied()
        .collect();
    for (i, text) in body.all_texts_mut().into_iter().enumerate() {
        if !text.contains("[^") {
            continue;
        }
        let mut dropped = Vec::new();
        let kept = MARKER.replace_all(text, |c: &regex::Captures<'_>| {
            let label = &c[0][2..c[0].len() - 1];
            let defined = label
                .parse::<u32>()
                .is_ok_and(|n| footnotes.iter().any(|f| f.number == n));
            if defined {
                c[0].to_string()
            } else {
                dropped.push(label.to_string());
                String::new()
            }
        });
        if dropped.is_empty() {
            continue;
        }
        *text = kept.into_owned();
        for label in dropped {
            let mut problem = Problem::warning(
                path,
                format!("footnote {label} is called but its text is nowhere in the source; the call is left out"),
            )
            .hint(format!("add the note's text as `[^{label}]: …` and its call `[^{label}]` by hand"));
            if let Some(&line) = lines.get(i) {
                problem = problem.at(line, None);
            }
            warnings.push(problem);
        }
    }
}

fn warn_unplaced_notes(path: &Path, missing: &[u32], warnings: &mut Problems) {
    for n in missing {
        warnings.push(
            Problem::warning(
                path,
                format!("no marker found in the text for footnote {n}"),
            )
            .hint(format!(
                "add `[^{n}]` where the note is called in the canonical text"
            )),
        );
    }
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
    fn markers_of_real_conversions_spaced_or_glued_to_the_next_word() {
        let (s, m) = place(
            "the Non-Proliferation of Nuclear Weapons 6and the advisory opinion, 7in which the Court",
            &[6, 7],
        );
        assert_eq!(
            s,
            "the Non-Proliferation of Nuclear Weapons[^6] and the advisory opinion,[^7] in which the Court"
        );
        assert!(m.is_empty());
        let (s, _) = place("the Lausanne Action Plan 2021–2026 3 to support", &[3]);
        assert_eq!(s, "the Lausanne Action Plan 2021–2026[^3] to support");
        let (s, m) = place(
            "at its 2nd meeting on 3rd October, the 5km zone",
            &[2, 3, 5],
        );
        assert_eq!(s, "at its 2nd meeting on 3rd October, the 5km zone");
        assert_eq!(m, [2, 3, 5]);
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
