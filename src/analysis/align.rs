//! Which paragraph of a newer text continues which paragraph of an older one.
//!
//! The method, in three passes over one part of a text (preamble or operative part):
//!
//! 1. **Order-preserving pairs.** Every older paragraph is scored against every newer one with
//!    the similarity ratio of `similar` over their words (2 × words in common, in order ÷ words
//!    in both; punctuation, case and typography ignored). A dynamic programme then picks the
//!    pairs that keep the order of both texts and maximise the sum of `ratio − THRESHOLD`;
//!    a pair below [`THRESHOLD`] is never taken. Renumbering, insertions and deletions are what
//!    this pass is for. (A pair whose words in common, in any order, cannot reach the threshold is
//!    not diffed at all: that bound keeps the analysis of the bundled archive at a few ms.)
//! 2. **Moved paragraphs.** Among what is left, pairs that cross the order are taken greedily,
//!    best first, if their ratio reaches [`MOVE_THRESHOLD`] (stricter: a paragraph that moved
//!    must be clearly the same).
//! 3. **Splits and merges.** A newer paragraph left alone next to a pair is added to it when its
//!    words are contained in the older paragraph ([`CONTAINMENT`]) and adding it raises the
//!    pair's ratio; the same for an older paragraph left alone (two merged into one).
//!
//! [`THRESHOLD`] is 0.5, set on the bundled series (French texts of 59/187, 61/168, 68/160):
//! every true continuation scores 0.59 or more (61/168 op2 against 68/160 op2, reworded; 59/187
//! op9 against 68/160 op11), while the best pair of unrelated paragraphs scores 0.41 (op4 and op5,
//! which end with the same list "le racisme, la discrimination raciale, la xénophobie…"); most
//! unrelated pairs score 0.15–0.35, from the boilerplate every paragraph shares ("droits de
//! l'homme"). 0.5 sits in the middle of the gap. Typography-only differences score 1.0.

use similar::{Algorithm, DiffOp, capture_diff_slices, get_diff_ratio};

/// The least similarity ratio for an older and a newer paragraph to be the same paragraph.
pub(crate) const THRESHOLD: f32 = 0.5;
/// The least ratio for a pair that crosses the order of the texts.
pub(crate) const MOVE_THRESHOLD: f32 = 0.6;
/// The least share of a paragraph's words found, in order, in the one it was split from or
/// merged into.
pub(crate) const CONTAINMENT: f32 = 0.7;
/// A piece shorter than this (in words) is not taken as part of a split or merge.
const MIN_PIECE_WORDS: usize = 3;

/// A word as alignment compares it: a string in tests, a number given to each distinct word
/// by the comparison (`words::Interner`), so that comparing two words is comparing two numbers.
pub(crate) trait Word: Clone + Ord + std::hash::Hash {}

impl<W: Clone + Ord + std::hash::Hash> Word for W {}

/// Older paragraphs continued by newer ones: one to one, one to several (a split), several to
/// one (a merge). Indices are positions in the part's paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Match {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// Taken by the second pass: the paragraph moved against the order of the others.
    pub moved: bool,
}

/// The alignment of one part: matches, newer paragraphs that are new, older ones dropped.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Alignment {
    pub matches: Vec<Match>,
    pub new: Vec<usize>,
    pub dropped: Vec<usize>,
}

/// Aligns the paragraphs of two parts, each paragraph given as its words.
pub(crate) fn align<W: Word>(old: &[Vec<W>], new: &[Vec<W>]) -> Alignment {
    let (old_sorted, new_sorted) = (sorted_words(old), sorted_words(new));
    let scores: Vec<Vec<f32>> = (0..old.len())
        .map(|i| {
            (0..new.len())
                .map(|j| {
                    // The ratio never exceeds the share of words in common, in any order: a
                    // pair that cannot reach the threshold is not diffed at all.
                    let bound = common_share(&old_sorted[i], &new_sorted[j]);
                    if bound < THRESHOLD {
                        0.0
                    } else {
                        ratio(&old[i], &new[j])
                    }
                })
                .collect()
        })
        .collect();
    let mut matches: Vec<Match> = ordered_pairs(&scores, old.len(), new.len())
        .into_iter()
        .map(|(i, j)| Match {
            old: vec![i],
            new: vec![j],
            moved: false,
        })
        .collect();
    add_moved_pairs(&scores, &mut matches, old.len(), new.len());
    while extend_splits(&mut matches, old, new) || extend_merges(&mut matches, old, new) {}
    matches.sort_by_key(|m| m.new[0]);
    let new_left = (0..new.len())
        .filter(|j| !matches.iter().any(|m| m.new.contains(j)))
        .collect();
    let dropped = (0..old.len())
        .filter(|i| !matches.iter().any(|m| m.old.contains(i)))
        .collect();
    Alignment {
        matches,
        new: new_left,
        dropped,
    }
}

/// The similarity ratio of two word sequences (1.0 for equal ones).
pub(crate) fn ratio<W: Word>(a: &[W], b: &[W]) -> f32 {
    let ops = capture_diff_slices(Algorithm::Myers, a, b);
    get_diff_ratio(&ops, a.len(), b.len())
}

fn sorted_words<W: Word>(paragraphs: &[Vec<W>]) -> Vec<Vec<&W>> {
    paragraphs
        .iter()
        .map(|words| {
            let mut sorted: Vec<&W> = words.iter().collect();
            sorted.sort_unstable();
            sorted
        })
        .collect()
}

/// 2 × words in common (as multisets) ÷ words in both: an upper bound of [`ratio`].
fn common_share<W: Word>(a: &[&W], b: &[&W]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// The share of `part`'s words found in order in `whole`.
fn containment<W: Word>(part: &[W], whole: &[W]) -> f32 {
    if part.len() < MIN_PIECE_WORDS {
        return 0.0;
    }
    let ops = capture_diff_slices(Algorithm::Myers, part, whole);
    let common: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    common as f32 / part.len() as f32
}

/// Pass 1: the order-preserving pairs of greatest total `ratio − THRESHOLD` (a weighted LCS).
fn ordered_pairs(scores: &[Vec<f32>], n: usize, m: usize) -> Vec<(usize, usize)> {
    let weight = |i: usize, j: usize| {
        let s = scores[i][j];
        (s >= THRESHOLD).then_some(s - THRESHOLD + f32::EPSILON)
    };
    let mut best = vec![vec![0.0f32; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let diagonal = weight(i - 1, j - 1).map_or(f32::MIN, |w| best[i - 1][j - 1] + w);
            best[i][j] = best[i - 1][j].max(best[i][j - 1]).max(diagonal);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let diagonal = weight(i - 1, j - 1).map(|w| best[i - 1][j - 1] + w);
        if diagonal == Some(best[i][j]) {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if best[i][j] == best[i - 1][j] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// Pass 2: pairs across the order among the paragraphs left, best first.
fn add_moved_pairs(scores: &[Vec<f32>], matches: &mut Vec<Match>, n: usize, m: usize) {
    let taken_old = |matches: &[Match], i| matches.iter().any(|x| x.old.contains(&i));
    let taken_new = |matches: &[Match], j| matches.iter().any(|x| x.new.contains(&j));
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for i in (0..n).filter(|&i| !taken_old(matches, i)) {
        for j in (0..m).filter(|&j| !taken_new(matches, j)) {
            if scores[i][j] >= MOVE_THRESHOLD {
                candidates.push((scores[i][j], i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    for (_, i, j) in candidates {
        if !taken_old(matches, i) && !taken_new(matches, j) {
            matches.push(Match {
                old: vec![i],
                new: vec![j],
                moved: true,
            });
        }
    }
}

/// Pass 3a: a newer paragraph left alone beside a pair, made of its older paragraph's words.
fn extend_splits<W: Word>(matches: &mut [Match], old: &[Vec<W>], new: &[Vec<W>]) -> bool {
    extend(matches, new, old, |m| (&mut m.new, &m.old))
}

/// Pass 3b: an older paragraph left alone beside a pair, whose words went into the newer one.
fn extend_merges<W: Word>(matches: &mut [Match], old: &[Vec<W>], new: &[Vec<W>]) -> bool {
    extend(matches, old, new, |m| (&mut m.old, &m.new))
}

/// Adds one lone paragraph of `side` to a neighbouring match whose `other` side is a single
/// paragraph containing it; true when one was added. Written once for splits and merges.
fn extend<W: Word>(
    matches: &mut [Match],
    side: &[Vec<W>],
    other: &[Vec<W>],
    sides: impl Fn(&mut Match) -> (&mut Vec<usize>, &Vec<usize>),
) -> bool {
    let lone: Vec<usize> = (0..side.len())
        .filter(|k| !matches.iter_mut().any(|m| sides(m).0.contains(k)))
        .collect();
    for k in lone {
        for m in matches.iter_mut() {
            let (pieces, whole) = sides(m);
            let [whole] = whole[..] else { continue };
            let beside = pieces.iter().any(|&p| p + 1 == k || k + 1 == p);
            if !beside || containment(&side[k], &other[whole]) < CONTAINMENT {
                continue;
            }
            let mut extended = pieces.clone();
            extended.push(k);
            extended.sort_unstable();
            let joined = |ids: &[usize]| -> Vec<W> {
                ids.iter().flat_map(|&p| side[p].iter().cloned()).collect()
            };
            if ratio(&joined(&extended), &other[whole]) > ratio(&joined(pieces), &other[whole]) {
                *pieces = extended;
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    fn part(texts: &[&str]) -> Vec<Vec<String>> {
        texts.iter().map(|t| words(t)).collect()
    }

    /// Five paragraphs that share some words, as those of a resolution do.
    const A: &str = "reaffirms its commitment to promote international cooperation in the field of human rights";
    const B: &str =
        "recalls the world conference against racism held in durban and its contribution";
    const C: &str =
        "considers that dialogue among cultures and civilizations can contribute to cooperation";
    const D: &str =
        "requests the secretary general to consult states on ways to strengthen cooperation";
    const E: &str = "decides to continue its consideration of the question at its next session";

    fn pairs(alignment: &Alignment) -> Vec<(Vec<usize>, Vec<usize>)> {
        alignment
            .matches
            .iter()
            .map(|m| (m.old.clone(), m.new.clone()))
            .collect()
    }

    fn one(i: usize, j: usize) -> (Vec<usize>, Vec<usize>) {
        (vec![i], vec![j])
    }

    #[test]
    fn renumbered_after_an_insertion_each_paragraph_keeps_its_partner() {
        let inserted =
            "stresses the role of technical assistance provided at the request of states";
        let aligned = align(&part(&[A, B, C, E]), &part(&[A, inserted, B, C, E]));
        assert_eq!(aligned.new, [1]);
        assert!(aligned.dropped.is_empty());
        assert_eq!(
            pairs(&aligned),
            [one(0, 0), one(1, 2), one(2, 3), one(3, 4)]
        );
    }

    #[test]
    fn a_deleted_paragraph_is_dropped_and_the_rest_follow() {
        let aligned = align(&part(&[A, B, C, D, E]), &part(&[A, B, D, E]));
        assert_eq!(aligned.dropped, [2]);
        assert!(aligned.new.is_empty());
        assert_eq!(
            pairs(&aligned),
            [one(0, 0), one(1, 1), one(3, 2), one(4, 3)]
        );
    }

    #[test]
    fn a_reworded_paragraph_still_continues() {
        let reworded = "considers that dialogue among religions cultures and civilizations could greatly contribute to cooperation";
        let aligned = align(&part(&[A, C, E]), &part(&[A, reworded, E]));
        assert_eq!(pairs(&aligned), [one(0, 0), one(1, 1), one(2, 2)]);
        assert!(!aligned.matches[1].moved);
    }

    #[test]
    fn a_paragraph_moved_across_others_is_found_and_marked_moved() {
        let aligned = align(&part(&[A, B, C, D, E]), &part(&[A, D, B, C, E]));
        assert!(aligned.new.is_empty() && aligned.dropped.is_empty());
        assert_eq!(
            pairs(&aligned),
            [one(0, 0), one(3, 1), one(1, 2), one(2, 3), one(4, 4)]
        );
        let moved: Vec<bool> = aligned.matches.iter().map(|m| m.moved).collect();
        assert_eq!(moved, [false, true, false, false, false]);
    }

    #[test]
    fn a_paragraph_split_in_two_continues_as_both() {
        let long = format!("{B} and welcomes the review conference held in geneva in april");
        let first = B;
        let second = "welcomes the review conference held in geneva in april";
        let aligned = align(&part(&[A, &long, E]), &part(&[A, first, second, E]));
        assert_eq!(
            pairs(&aligned),
            [one(0, 0), (vec![1], vec![1, 2]), one(2, 3)]
        );
        assert!(aligned.new.is_empty() && aligned.dropped.is_empty());
    }

    #[test]
    fn two_paragraphs_merged_continue_as_one() {
        let merged = format!("{C} and {D}");
        let aligned = align(&part(&[A, C, D, E]), &part(&[A, &merged, E]));
        assert_eq!(
            pairs(&aligned),
            [one(0, 0), (vec![1, 2], vec![1]), one(3, 2)]
        );
        assert!(aligned.new.is_empty() && aligned.dropped.is_empty());
    }

    #[test]
    fn unrelated_paragraphs_are_new_and_dropped_not_paired() {
        let aligned = align(&part(&[B, D]), &part(&[C, E]));
        assert!(aligned.matches.is_empty(), "{aligned:?}");
        assert_eq!(aligned.new, [0, 1]);
        assert_eq!(aligned.dropped, [0, 1]);
    }

    #[test]
    fn the_share_of_common_words_bounds_the_ratio() {
        for (a, b) in [(A, B), (A, C), (C, D), (B, E), (A, A)] {
            let (a, b) = (words(a), words(b));
            let bound = common_share(
                &sorted_words(std::slice::from_ref(&a))[0],
                &sorted_words(std::slice::from_ref(&b))[0],
            );
            assert!(ratio(&a, &b) <= bound + f32::EPSILON, "{a:?} {b:?}");
        }
    }

    #[test]
    fn empty_parts_align_to_nothing() {
        assert_eq!(align::<String>(&[], &[]), Alignment::default());
        assert_eq!(align(&part(&[A]), &[]).dropped, [0]);
        assert_eq!(align(&[], &part(&[A])).new, [0]);
    }
}
