//! Word-level comparison of two versions of a paragraph, with the `similar` crate.
//!
//! Tokens are compared on their typographic key (see `words`), so `’` against `'` is no change;
//! what is shown is the newer text, with the older words that went in `Deleted` and the newer
//! ones that came in `Inserted`, in place. A short run of unchanged words caught between two
//! changes ("de la") is folded into them: "<del>a de la b</del> <ins>c de la d</ins>" reads
//! better than four fragments.

use std::borrow::Cow;

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::words::Token;

/// A piece of the compared text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Segment<'a> {
    /// Borrowed from the paragraph when the whole paragraph is one segment (unchanged, new or
    /// dropped rows: most rows of most comparisons), so the analysis does not copy the archive.
    Same(Cow<'a, str>),
    Deleted(String),
    Inserted(String),
}

/// The newer text with the words deleted from the older and inserted into it, in place.
pub(crate) fn word_diff(old: &[Token], new: &[Token]) -> Vec<Segment<'static>> {
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_ref()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_ref()).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);
    let runs = fold_short_equal_runs(runs_of(&ops, old, new));
    let mut out = Output::default();
    // The space a change took into itself from the text after it.
    let mut space_taken = false;
    for (i, run) in runs.iter().enumerate() {
        match run {
            Run::Same { new, .. } => out.same(&join(new, !std::mem::take(&mut space_taken))),
            Run::Change { deleted, inserted } => {
                // Whether each text goes on after the change with a space (or ends there).
                let spaced =
                    |tokens: &[&Token]| tokens.first().is_none_or(|t| !t.space_before.is_empty());
                let after = match runs.get(i + 1) {
                    Some(Run::Same { old, new }) => Spaced {
                        old: spaced(old),
                        new: spaced(new),
                    },
                    _ => Spaced {
                        old: true,
                        new: true,
                    },
                };
                space_taken = out.change(deleted, inserted, after);
            }
        }
    }
    out.segments
}

/// Equal stretches (the same words in both, each with its own spacing) and changes (older
/// tokens out, newer tokens in).
enum Run<'t> {
    Same {
        old: Vec<&'t Token<'t>>,
        new: Vec<&'t Token<'t>>,
    },
    Change {
        deleted: Vec<&'t Token<'t>>,
        inserted: Vec<&'t Token<'t>>,
    },
}

fn runs_of<'t>(ops: &[DiffOp], old: &'t [Token], new: &'t [Token]) -> Vec<Run<'t>> {
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let deleted: Vec<&Token> = old[op.old_range()].iter().collect();
        let inserted: Vec<&Token> = new[op.new_range()].iter().collect();
        if let DiffOp::Equal { .. } = op {
            runs.push(Run::Same {
                old: deleted,
                new: inserted,
            });
            continue;
        }
        match runs.last_mut() {
            Some(Run::Change {
                deleted: d,
                inserted: i,
            }) => {
                d.extend(deleted);
                i.extend(inserted);
            }
            _ => runs.push(Run::Change { deleted, inserted }),
        }
    }
    runs
}

/// At most this many tokens of unchanged text between two changes are folded into them.
const FOLDED_RUN: usize = 2;

/// Folds a short unchanged run of small words between two changes into one change.
fn fold_short_equal_runs(runs: Vec<Run<'_>>) -> Vec<Run<'_>> {
    let mut out: Vec<Run> = Vec::new();
    let mut runs = runs.into_iter().peekable();
    while let Some(run) = runs.next() {
        let foldable = matches!(&run, Run::Same { new, .. } if is_filler(new))
            && matches!(out.last(), Some(Run::Change { .. }))
            && matches!(runs.peek(), Some(Run::Change { .. }));
        if !foldable {
            push_run(&mut out, run);
            continue;
        }
        let Run::Same { old, new } = run else {
            continue;
        };
        if let Some(Run::Change { deleted, inserted }) = out.last_mut() {
            deleted.extend(old);
            inserted.extend(new);
        }
    }
    out
}

/// Appends a run, joining it to the previous change when both are changes.
fn push_run<'t>(out: &mut Vec<Run<'t>>, run: Run<'t>) {
    if let (
        Some(Run::Change {
            deleted: d,
            inserted: i,
        }),
        Run::Change { deleted, inserted },
    ) = (out.last_mut(), &run)
    {
        d.extend(deleted.iter().copied());
        i.extend(inserted.iter().copied());
        return;
    }
    out.push(run);
}

fn is_filler(tokens: &[&Token]) -> bool {
    tokens.len() <= FOLDED_RUN && tokens.iter().all(|t| t.text.chars().count() <= 3)
}

/// The tokens as text; `with_first_space` keeps the spaces before the first one.
fn join(tokens: &[&Token], with_first_space: bool) -> String {
    let mut text = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 || with_first_space {
            text.push_str(&token.space_before);
        }
        text.push_str(&token.text);
    }
    text
}

#[derive(Default)]
struct Output {
    segments: Vec<Segment<'static>>,
}

impl Output {
    fn same(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.segments.last_mut() {
            Some(Segment::Same(last)) => last.to_mut().push_str(text),
            _ => self
                .segments
                .push(Segment::Same(Cow::Owned(text.to_string()))),
        }
    }

    /// A change, deletion first, then insertion, each side keeping its own spacing: read without
    /// the insertions, the line is the older text; without the deletions, the newer. A space
    /// both sides have stays outside the change; a space only one side has goes inside its
    /// side (`coopération<del> mutuelle, de</del><ins>,</ins> la`), unless the text around the
    /// change gives it anyway (`États<del>,</del> <ins>et</ins> les`). Words deleted and inserted
    /// side by side are kept one space apart, inside the insertion when either text is glued
    /// to what follows (`<del>2003</del><ins> 2005</ins>,`). `after` says whether the older and the newer text
    /// have a space after the change (the text after it is shown with the newer's spacing);
    /// a space only the newer has there is taken into the change: returns whether it was.
    fn change(&mut self, deleted: &[&Token], inserted: &[&Token], after: Spaced) -> bool {
        let at_start = self.segments.is_empty();
        let space = |tokens: &[&Token]| -> String {
            match tokens.first() {
                Some(t) if !at_start => t.space_before.to_string(),
                _ => String::new(),
            }
        };
        let (del_space, ins_space) = (space(deleted), space(inserted));
        let (o1, n1) = (!del_space.is_empty(), !ins_space.is_empty());
        // At the start, nothing comes before: only the newer's spacing after the change counts.
        let after = if at_start {
            Spaced {
                old: after.new,
                new: after.new,
            }
        } else {
            after
        };
        // A space the older text has after the change and the newer lacks: the deletion's.
        let trail = if after.old && !after.new { " " } else { "" };
        // One the newer has and the older lacks: the insertion's (else before the deletion).
        if after.new && !after.old {
            match (deleted.is_empty(), inserted.is_empty()) {
                (_, false) => {
                    self.deleted(deleted, &del_space, "");
                    let lead = if n1 && !o1 || !deleted.is_empty() {
                        " "
                    } else {
                        ""
                    };
                    let text = format!("{lead}{} ", join(inserted, false));
                    self.segments.push(Segment::Inserted(text));
                }
                (false, true) => {
                    self.same(" ");
                    self.deleted(deleted, "", "");
                }
                (true, true) => {}
            }
            return true;
        }
        match (deleted.is_empty(), inserted.is_empty()) {
            (false, false) => {
                if o1 && n1 {
                    self.same(&ins_space);
                    self.deleted(deleted, "", trail);
                    if after.new && after.old {
                        self.same(" ");
                        self.inserted(inserted, "");
                    } else {
                        self.inserted(inserted, " ");
                    }
                } else if o1 {
                    self.deleted(deleted, &del_space, trail);
                    self.inserted(inserted, "");
                } else {
                    self.deleted(deleted, "", trail);
                    // Words replaced at the very start, read apart (`Reconnaissant` `Considérant`).
                    let words = at_start
                        && deleted.last().is_some_and(|t| t.is_word)
                        && inserted.first().is_some_and(|t| t.is_word);
                    if n1 {
                        self.same(&ins_space);
                    } else if words {
                        self.same(" ");
                    }
                    self.inserted(inserted, "");
                }
            }
            (false, true) if o1 && after.new => {
                self.same(&del_space);
                self.deleted(deleted, "", trail);
            }
            (false, true) => self.deleted(deleted, &del_space, trail),
            (true, false) if n1 && (after.old || after.new) => {
                self.same(&ins_space);
                self.inserted(inserted, "");
            }
            (true, false) => self.inserted(inserted, &ins_space),
            (true, true) => {}
        }
        false
    }

    fn deleted(&mut self, tokens: &[&Token], space: &str, trail: &str) {
        if tokens.is_empty() {
            return;
        }
        let text = format!("{space}{}{trail}", join(tokens, false));
        self.segments.push(Segment::Deleted(text));
    }

    fn inserted(&mut self, tokens: &[&Token], space: &str) {
        let text = format!("{space}{}", join(tokens, false));
        self.segments.push(Segment::Inserted(text));
    }
}

/// Whether the older and the newer text have a space at some place (the end of a text counts
/// as one).
#[derive(Clone, Copy)]
struct Spaced {
    old: bool,
    new: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::words::tokenize;
    use Segment::*;

    fn diff(old: &str, new: &str) -> Vec<Segment<'static>> {
        word_diff(&tokenize(old), &tokenize(new))
    }

    fn s(text: &str) -> Segment<'static> {
        Same(text.to_string().into())
    }

    #[test]
    fn a_replaced_word_is_deleted_then_inserted_in_place() {
        assert_eq!(
            diff(
                "la protection efficaces de tous",
                "la protection effectives de tous"
            ),
            [
                s("la protection "),
                Deleted("efficaces".into()),
                s(" "),
                Inserted("effectives".into()),
                s(" de tous")
            ]
        );
    }

    #[test]
    fn insertions_and_deletions_alone_keep_their_spaces() {
        assert_eq!(
            diff("a b c", "a c"),
            [s("a "), Deleted("b".into()), s(" c")]
        );
        assert_eq!(
            diff("a c", "a b c"),
            [s("a "), Inserted("b".into()), s(" c")]
        );
        assert_eq!(diff("a c", "x a c"), [Inserted("x".into()), s(" a c")]);
    }

    #[test]
    fn a_space_only_one_side_has_stays_inside_that_side() {
        // Read without the insertions: the older text; without the deletions: the newer.
        assert_eq!(
            diff(
                "la coopération mutuelle, de la compréhension",
                "la coopération, la compréhension"
            ),
            [
                s("la coopération"),
                Deleted(" mutuelle, de".into()),
                Inserted(",".into()),
                s(" la compréhension")
            ]
        );
        assert_eq!(
            diff(
                "les États, les organisations",
                "les États et les organisations"
            ),
            [
                s("les États"),
                Deleted(",".into()),
                s(" "),
                Inserted("et".into()),
                s(" les organisations")
            ]
        );
        assert_eq!(
            diff("la coopération, la", "la coopération mutuelle, la"),
            [s("la coopération"), Inserted(" mutuelle".into()), s(", la")]
        );
        assert_eq!(
            diff("décembre 2003, et", "décembre 2005, et"),
            [
                s("décembre "),
                Deleted("2003".into()),
                Inserted(" 2005".into()),
                s(", et")
            ]
        );
        assert_eq!(
            diff(
                "civilisations favorise l’instauration d’une culture",
                "civilisations permet de promouvoir une culture"
            ),
            [
                s("civilisations"),
                Deleted(" favorise l’instauration d’".into()),
                Inserted(" permet de promouvoir ".into()),
                s("une culture")
            ]
        );
        assert_eq!(
            diff("promouvoir et encourager", "promouvoir et d’encourager"),
            [s("promouvoir et "), Inserted("d’".into()), s("encourager")]
        );
        assert_eq!(
            diff(
                "la soixante-huitième session",
                "la soixante-neuvième session"
            ),
            [
                s("la soixante-"),
                Deleted("huitième".into()),
                Inserted("neuvième".into()),
                s(" session")
            ]
        );
        assert_eq!(
            diff("les droits; et", "les droits, et"),
            [
                s("les droits"),
                Deleted(";".into()),
                Inserted(",".into()),
                s(" et")
            ]
        );
    }

    #[test]
    fn typography_shows_the_newer_text_without_a_change() {
        assert_eq!(
            diff("l'homme ;", "l’homme\u{202F};"),
            [s("l’homme\u{202F};")]
        );
    }

    #[test]
    fn folded_words_keep_the_spacing_of_their_own_text() {
        // "à" is both in "État, à l'égard" and glued in "vis-à-vis": each side keeps its spaces.
        let segments = diff("chaque État, à l'égard", "vis-à-vis");
        assert!(
            segments.contains(&Deleted("chaque État, à l'égard".into())),
            "{segments:?}"
        );
        assert!(
            segments.contains(&Inserted("vis-à-vis".into())),
            "{segments:?}"
        );
    }

    #[test]
    fn a_short_unchanged_run_between_two_changes_is_folded() {
        let segments = diff(
            "les responsabilités de la société",
            "leurs devoirs de la planète",
        );
        assert_eq!(
            segments,
            [
                Deleted("les responsabilités de la société".into()),
                s(" "),
                Inserted("leurs devoirs de la planète".into())
            ]
        );
    }
}
