//! Footnotes as the un.org pages write them: a marker `N/` where the note is called, glued to a
//! word (`l'homme1/,`), to a year (`19931/` is 1993 and note 1), or spaced (`1997 2/;`,
//! `1993, 1/ to`), and the notes after the text, each opening with `N/` (`1/    A/CONF.157/24
//! (Part I), chap. III.`), over one or several lines.
//!
//! `N/` is unambiguous where a digit alone is not, but symbols hold slashes too (`A/52/644`,
//! `E/1997/23`), so a marker is a number of one or two digits before a slash that is followed by
//! a space, punctuation or the line end, and not preceded by a slash or a dot. In a run of digits
//! (`19931/`), the marker is the shortest tail that is a note already called or the next one.
//! Each marker becomes `[^N]`, right after the word, year or punctuation it follows.
//!
//! A note called in the text whose body the page does not give (a page cut short before its
//! notes, or in its last note) keeps its marker, with a definition saying so in the text's language, and a warning;
//! a note given but never called is left out, with a warning.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::Row;
use crate::diag::{Problem, Problems};
use crate::import::canonical::Footnote;
use crate::import::{Body, hyphens};

static DIGITS_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+)/").expect("valid regex"));
static NOTE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})/\s+(\S.*)$").expect("valid regex"));

/// Does this line open a note (`1/    Text`)?
pub(super) fn starts_note(line: &str) -> bool {
    NOTE_START.is_match(line)
}

/// Does this line open the first note (`1/ …`)?
pub(super) fn starts_first_note(line: &str) -> bool {
    NOTE_START.captures(line).is_some_and(|c| &c[1] == "1")
}

/// The notes after the text: number -> (text, line). A number given twice is a warning.
pub(super) fn definitions(
    path: &Path,
    rows: &[Row<'_>],
    warnings: &mut Problems,
) -> BTreeMap<u32, (String, usize)> {
    let mut out: BTreeMap<u32, (String, usize)> = BTreeMap::new();
    let mut current: Option<(u32, String, usize)> = None;
    let mut flush = |current: &mut Option<(u32, String, usize)>, warnings: &mut Problems| {
        if let Some((n, text, line)) = current.take() {
            match out.entry(n) {
                Entry::Occupied(_) => warnings.push(
                    Problem::warning(path, format!("note {n}/ is given twice; the first is kept"))
                        .at(line, None)
                        .hint("check the notes after the text"),
                ),
                Entry::Vacant(v) => {
                    v.insert((hyphens::collapse_spaces(&text), line));
                }
            }
        }
    };
    for row in rows {
        if let Some(c) = NOTE_START.captures(row.text)
            && let Ok(n) = c[1].parse::<u32>()
        {
            flush(&mut current, warnings);
            current = Some((n, c[2].to_string(), row.no));
        } else if row.text.is_empty() || row.text.chars().all(|c| c == '_') {
            flush(&mut current, warnings);
        } else if let Some((_, text, _)) = current.as_mut() {
            hyphens::push_line(text, row.text, None);
        }
    }
    flush(&mut current, warnings);
    drop_cut_last(path, &mut out, warnings);
    out
}

/// The last note of a page cut short in its notes ("A/51/999, prepar") is not its text: it is
/// left out (the note is then said to be missing), with a warning.
fn drop_cut_last(path: &Path, notes: &mut BTreeMap<u32, (String, usize)>, warnings: &mut Problems) {
    let Some(entry) = notes.last_entry() else {
        return;
    };
    let (text, line) = entry.get();
    if text.ends_with(['.', ')', ']']) {
        return;
    }
    warnings.push(
        Problem::warning(
            path,
            format!("note {}/ is cut short on the page; left out", entry.key()),
        )
        .at(*line, None)
        .hint(
            "copy the note from the official document into its definition at the end of the text",
        ),
    );
    entry.remove();
}

/// The notes called in the body, in order of first call.
#[derive(Debug, Default)]
pub(super) struct Placed {
    /// Note number -> line of its first call.
    pub(super) called: BTreeMap<u32, usize>,
}

/// Replace every marker `N/` of the body by `[^N]`, in document order.
pub(super) fn place(
    path: &Path,
    body: &mut Body,
    lines: &[usize],
    warnings: &mut Problems,
) -> Placed {
    let mut placed = Placed::default();
    let mut lines = lines.iter().copied();
    let mut last_line = 1;
    let mut texts: Vec<&mut String> = body.preamble.iter_mut().collect();
    for op in &mut body.operative {
        texts.push(&mut op.text);
        texts.extend(op.subs.iter_mut().map(|s| &mut s.text));
    }
    for text in texts {
        last_line = lines.next().unwrap_or(last_line);
        *text = convert(text, last_line, &mut placed, path, warnings);
    }
    placed
}

/// One paragraph with its markers turned into `[^N]`.
fn convert(
    text: &str,
    line: usize,
    placed: &mut Placed,
    path: &Path,
    warnings: &mut Problems,
) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for c in DIGITS_SLASH.captures_iter(text) {
        let (Some(whole), Some(run)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let before = text[..run.start()].chars().next_back();
        let after = text[whole.end()..].chars().next();
        let is_marker_place = !matches!(before, Some('/' | '.'))
            && after.is_none_or(|a| a.is_whitespace() || ",;.:)".contains(a));
        if !is_marker_place {
            continue;
        }
        let next = placed.called.keys().next_back().map_or(1, |n| n + 1);
        let Some((prefix_len, n)) = marker_in(run.as_str(), next) else {
            if run.len() <= 2 {
                warnings.push(
                    Problem::warning(
                        path,
                        format!("`{}` looks like a note marker out of sequence (note {next} expected); left as it is", whole.as_str().trim_end()),
                    )
                    .at(line, None)
                    .hint("check the notes of the page and correct the marker by hand"),
                );
            }
            continue;
        };
        let cut = run.start() + prefix_len;
        let kept = &text[last..cut];
        out.push_str(if prefix_len == 0 {
            kept.trim_end()
        } else {
            kept
        });
        out.push_str(&format!("[^{n}]"));
        placed.called.entry(n).or_insert(line);
        last = whole.end();
    }
    out.push_str(&text[last..]);
    out
}

/// The marker in a run of digits before a slash: (length of the digits kept before it, note
/// number). The whole run if short; otherwise a tail of one or two digits: the next note if it
/// is one (`199312/` after note 11 is 1993 and note 12), else a note already called (`19931/`
/// is 1993 and note 1).
fn marker_in(run: &str, next: u32) -> Option<(usize, u32)> {
    let fits = |n: u32| n >= 1 && n <= next;
    if run.len() <= 2
        && let Ok(n) = run.parse::<u32>()
    {
        return fits(n).then_some((0, n));
    }
    let tails: Vec<(usize, u32)> = (1..=2.min(run.len() - 1))
        .filter_map(|tail| {
            let at = run.len() - tail;
            let n: u32 = run[at..].parse().ok()?;
            (fits(n) && !run[at..].starts_with('0')).then_some((at, n))
        })
        .collect();
    tails
        .iter()
        .find(|&&(_, n)| n == next)
        .or(tails.first())
        .copied()
}

/// The footnotes, and the numbers of the notes called whose text the page does not give.
#[derive(Debug, Default)]
pub(super) struct Bound {
    pub(super) footnotes: Vec<Footnote>,
    pub(super) missing: Vec<u32>,
}

/// Bind the notes called to the notes given.
pub(super) fn bind(
    path: &Path,
    placed: &Placed,
    mut given: BTreeMap<u32, (String, usize)>,
    lang: &str,
    warnings: &mut Problems,
) -> Bound {
    let mut bound = Bound::default();
    for (&n, &line) in &placed.called {
        let text = match given.remove(&n) {
            Some((text, _)) => text,
            None => {
                warnings.push(
                    Problem::warning(path, format!("note {n}/ is called here but its text is not on the page"))
                        .at(line, None)
                        .hint("copy the note from the official document into the definition at the end of the text"),
                );
                bound.missing.push(n);
                missing_text(lang)
            }
        };
        bound.footnotes.push(Footnote { number: n, text });
    }
    for (n, (_, line)) in given {
        warnings.push(
            Problem::warning(
                path,
                format!("note {n}/ is never called in the text; left out"),
            )
            .at(line, None)
            .hint("put the marker where the note is called, or drop the note"),
        );
    }
    bound
}

/// The definition of a note whose text the source does not give.
fn missing_text(lang: &str) -> String {
    if lang == "fr" {
        "*(Le texte de cette note ne figure pas dans la source.)*".to_string()
    } else {
        "*(The text of this note is not in the source.)*".to_string()
    }
}

/// "Le texte des notes 1 et 2 ne figure pas dans la source." and its English.
pub(super) fn missing_remark(missing: &[u32], fr: bool) -> String {
    let list = |and: &str| match missing {
        [one] => one.to_string(),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(u32::to_string).collect();
            format!("{} {and} {last}", init.join(", "))
        }
        [] => String::new(),
    };
    match (fr, missing.len()) {
        (true, 1) => format!(
            "Le texte de la note {} ne figure pas dans la source.",
            list("et")
        ),
        (true, _) => format!(
            "Le texte des notes {} ne figure pas dans la source.",
            list("et")
        ),
        (false, 1) => format!("The text of note {} is not in the source.", list("and")),
        (false, _) => format!("The text of notes {} is not in the source.", list("and")),
    }
}
