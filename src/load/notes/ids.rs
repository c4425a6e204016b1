//! The paragraph and footnote ids a note may be keyed to, listed for a hint as compact ranges
//! (`pp1–pp17, op1–op11, op2-a–op2-c, fn1–fn3`): what the checks and `new-note` tell a
//! contributor to write instead.

use crate::archive::Text;

/// Every paragraph and footnote id of `texts`, in text order, runs written as ranges:
/// `pp1–pp17, op1–op11, op2-a–op2-c, fn1–fn3`.
pub(crate) fn valid_ids(texts: &[&Text]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for text in texts {
        let all = text
            .all_paragraphs()
            .map(|p| p.id.as_str())
            .chain(text.footnotes.iter().map(|f| f.id.as_str()));
        for id in all {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    compact_ids(&ids)
}

/// Consecutive ids of one family (`op1, op2, op3`; `op2-a, op2-b`) written as ranges.
pub(crate) fn compact_ids(ids: &[&str]) -> String {
    // Family (prefix before the last number or letter) -> runs, in order of first appearance.
    let mut families: Vec<(String, Vec<Vec<&str>>)> = Vec::new();
    for id in ids {
        let (family, position) = family_of(id);
        match families.iter_mut().find(|(f, _)| *f == family) {
            Some((_, runs)) => {
                let last = runs.last_mut().expect("a family has a run");
                let previous = family_of(last.last().expect("a run has an id")).1;
                if position == previous + 1 {
                    last.push(id);
                } else {
                    runs.push(vec![id]);
                }
            }
            None => families.push((family, vec![vec![id]])),
        }
    }
    // By annex (the resolution's own first): preamble, numbered paragraphs, sub-paragraphs by
    // parent, footnotes.
    families.sort_by_key(|(family, runs)| family_rank(family, runs[0][0]));
    let mut parts = Vec::new();
    for (_, runs) in families {
        for run in runs {
            match run.as_slice() {
                [one] => parts.push(one.to_string()),
                [a, b] => parts.push(format!("{a}, {b}")),
                [first, .., last] => parts.push(format!("{first}–{last}")),
                [] => {}
            }
        }
    }
    parts.join(", ")
}

/// Where a family of ids comes in a list: (annex, part, position of the parent).
fn family_rank(family: &str, first: &str) -> (u64, u8, u64) {
    let annex = match family.strip_prefix("annex") {
        Some(rest) => {
            1 + rest
                .split('-')
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        }
        None => 0,
    };
    let own = family.split_once('-').map_or(family, |(_, own)| own);
    let own = if annex == 0 { family } else { own };
    let part = match own {
        "pp" => 0,
        "op" | "" => 1,
        "fn" => 3,
        _ => 2,
    };
    let parent = first.rsplit_once('-').map_or(first, |(parent, _)| parent);
    (annex, part, family_of(parent).1)
}

/// `op2-b` -> ("op2-", 2); `op10` -> ("op", 10); `op2-b-iv` -> ("op2-b-", 4); `annex-3` ->
/// ("annex-", 3); `annex-pp1` -> ("annex-pp", 1).
fn family_of(id: &str) -> (String, u64) {
    let (head, last) = match id.rsplit_once('-') {
        Some((head, last)) => (format!("{head}-"), last),
        None => (String::new(), id),
    };
    let digits = last.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let letters = &last[..last.len() - digits.len()];
    if !digits.is_empty() {
        return (
            format!("{head}{letters}"),
            digits.parse().unwrap_or(u64::MAX),
        );
    }
    // An item of a sub-paragraph (its parent ends in a letter) counts in roman numbers.
    let under_letter = head
        .trim_end_matches('-')
        .rsplit('-')
        .next()
        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()))
        && head.matches('-').count() >= 2;
    let position = if under_letter {
        roman_value(last)
    } else {
        last.bytes().fold(0u64, |n, b| {
            n.saturating_mul(26)
                .saturating_add(u64::from(b.saturating_sub(b'a')) + 1)
        })
    };
    (head, position)
}

/// `iv` -> 4; what is not a roman number gives a value that starts no run.
fn roman_value(numeral: &str) -> u64 {
    let value = |c: u8| match c {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        b'l' => 50,
        b'c' => 100,
        _ => 0,
    };
    let bytes = numeral.as_bytes();
    let mut total = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        let v = value(b);
        if bytes.get(i + 1).is_some_and(|&next| value(next) > v) {
            total = total.saturating_sub(v);
        } else {
            total += v;
        }
    }
    total
}
