//! Sub-paragraph labels: letters "(a)", "(b)" under an operative paragraph, roman numerals
//! "(i)", "(ii)" under a letter, told apart where they collide ("(i)" after "(h)" is a letter;
//! after a letter that ends with ":" it opens numerals), and the labels an extraction lost,
//! restored from their place in the sequence.

use super::body::{SUB, TRAILING_MARKER, operative_number};
use super::parts::{Operative, Sub};

/// The label of a sub-paragraph text: "(a) …" -> "a".
fn sub_label(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('(')?;
    let end = rest.find(')')?;
    Some(&rest[..end])
}

/// Roman numerals of nested sub-paragraphs, in order.
const ROMAN: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// A letter label ("a", "aa"), not a roman numeral of the nested list.
fn is_letter(label: &str) -> bool {
    !ROMAN.contains(&label) || label == "i" || label == "v" || label == "x"
}

/// The position of a letter label: "a" 1, "z" 26, "aa" 27.
fn letter_rank(label: &str) -> usize {
    let last = label
        .chars()
        .last()
        .map_or(0, |c| (c as usize).saturating_sub('a' as usize) + 1);
    last + 26 * label.len().saturating_sub(1)
}

/// The letter after `label` ("a" -> "b", "z" -> "aa").
fn next_letter(label: Option<&str>) -> String {
    match label {
        None => "a".to_string(),
        Some(l) => {
            let c = l.chars().last().unwrap_or('a');
            if c == 'z' {
                "aa".to_string()
            } else {
                let next = char::from_u32(c as u32 + 1).unwrap_or('a');
                format!("{}{next}", &l[..l.len() - 1])
            }
        }
    }
}

/// Attach a sub-paragraph text to `op` (unless its label is taken there: see [`Pushed`]): a letter, or a roman numeral nested in the last letter.
#[must_use]
pub(super) fn push_sub(op: &mut Operative, text: String) -> Pushed {
    let label = sub_label(&text).unwrap_or("").to_string();
    if let Some(last) = op.subs.last_mut() {
        let next_roman = ROMAN.get(last.subs.len()).copied();
        let expected_letter = next_letter(sub_label(&last.text));
        let opens_nested = last.subs.is_empty() && last.text.trim_end().ends_with(':');
        let roman = Some(label.as_str()) == next_roman
            && label != expected_letter
            && (opens_nested || !last.subs.is_empty());
        let roman = roman || (label == "i" && opens_nested && expected_letter == "i");
        if roman {
            if last
                .subs
                .iter()
                .any(|s| sub_label(s) == Some(label.as_str()))
            {
                return Pushed::Repeated(label);
            }
            last.subs.push(text);
            return Pushed::Sub;
        }
    }
    if op
        .subs
        .iter()
        .any(|s| sub_label(&s.text) == Some(label.as_str()))
    {
        return Pushed::Repeated(label);
    }
    op.subs.push(Sub::new(text));
    Pushed::Sub
}

/// What [`push_sub`] did: added the sub-paragraph, or found its label already used in the same
/// paragraph (a conversion that lost a paragraph number puts two lists under one paragraph).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Pushed {
    Sub,
    Repeated(String),
}

/// The last text of `op`: its own, or that of its last sub-paragraph.
pub(super) fn last_text(op: &Operative) -> &str {
    op.subs
        .last()
        .map_or(&op.text, |s| s.subs.last().unwrap_or(&s.text))
}

/// The label a paragraph lost in extraction, if `rest[0]` is a sub-paragraph without its
/// "(a)": it follows an operative paragraph or sub-paragraph that ends with ":" or ";",
/// starts with a capital, and is not numbered. Letter or roman numeral is decided by the next
/// label the text does give ("(e)" after two paragraphs without labels makes them (c), (d)).
pub(super) fn lost_label(op: &Operative, rest: &[&str]) -> Option<String> {
    let text = *rest.first()?;
    if SUB.is_match(text)
        || operative_number(text).is_some()
        || !text.starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let before = last_text(op).trim_end();
    let before = TRAILING_MARKER.replace(before, "");
    if !before.ends_with([':', ';']) || (op.subs.is_empty() && !before.ends_with(':')) {
        return None;
    }
    let letter = next_letter(op.subs.last().and_then(|s| sub_label(&s.text)));
    // The next label the text gives must come after the one inferred, or the inference is
    // wrong (a paragraph cut in two, a label lost twice): the text then continues the last.
    let given = rest
        .iter()
        .skip(1)
        .take_while(|r| operative_number(r).is_none())
        .find_map(|r| SUB.is_match(r).then(|| sub_label(r)).flatten());
    if let Some(given) = given
        && is_letter(given)
        && letter_rank(given) <= letter_rank(&letter)
        && !op
            .subs
            .last()
            .is_some_and(|s| s.text.trim_end().ends_with(':'))
    {
        return None;
    }
    let Some(last) = op.subs.last() else {
        return Some(letter);
    };
    let opens_nested = last.subs.is_empty() && last.text.trim_end().ends_with(':');
    let roman = ROMAN.get(last.subs.len()).map(|r| r.to_string());
    if opens_nested {
        return roman;
    }
    if last.subs.is_empty() {
        return Some(letter);
    }
    // Inside (i), (ii): the next given label tells whether the list of numerals goes on.
    let unlabeled = rest
        .iter()
        .take_while(|r| !SUB.is_match(r) && operative_number(r).is_none())
        .count();
    let next = rest.get(unlabeled).and_then(|r| sub_label(r));
    let mut expected = letter.clone();
    for _ in 0..unlabeled {
        expected = next_letter(Some(&expected));
    }
    if next == Some(expected.as_str()) {
        Some(letter)
    } else {
        roman
    }
}
