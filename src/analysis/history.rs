//! The history of each paragraph: the first text held in the archive in which it appears, the
//! texts in which it changed, and its own text.
//!
//! Comparisons are taken oldest newer text first, so the history of an older paragraph is known
//! when a newer one continues it: the newer one's history is the older's plus one step. The
//! texts it passed through unchanged are left out (all but the last, its own): a paragraph of the
//! fiftieth text of a series would otherwise carry fifty steps, and its page list them all, which
//! makes a series' pages grow with the square of its length. What changed is what a reader
//! follows; the comparison pages show every year.

use std::collections::HashMap;

use serde::Serialize;

use crate::archive::{Resolution, sort_key};

use super::{Comparison, Status};

/// How a paragraph stood in one text of its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// In the earliest text of its language that the archive compares: it may be older still.
    Earliest,
    /// New in this text.
    New,
    Unchanged,
    /// Reworded, split or merged in this text.
    Modified,
}

/// One text in the history of a paragraph.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub resolution: &'a Resolution,
    /// Its ids in that text (several when it was merged from, or split into, several).
    pub ids: Vec<&'a str>,
    pub kind: StepKind,
    /// The comparison (index in `Analysis::comparisons`) that found this step; none for the
    /// earliest text.
    pub comparison: Option<usize>,
}

/// The texts where a paragraph appears and changed, oldest first, ending with its own.
#[derive(Debug, Clone)]
pub struct History<'a> {
    pub steps: Vec<Step<'a>>,
}

impl<'a> History<'a> {
    /// The first step: the text in which the paragraph first appears.
    pub fn origin(&self) -> &Step<'a> {
        &self.steps[0]
    }

    /// The steps in which it changed.
    pub fn changes(&self) -> impl Iterator<Item = &Step<'a>> {
        self.steps.iter().filter(|s| s.kind == StepKind::Modified)
    }
}

type TextHistories<'a> = HashMap<&'a str, History<'a>>;
/// By slug, then language, then paragraph id.
pub(super) type Histories<'a> = HashMap<&'a str, HashMap<&'a str, TextHistories<'a>>>;

/// The histories of the paragraphs of every text that takes part in a comparison.
pub(super) fn trace<'a>(comparisons: &[Comparison<'a>]) -> Histories<'a> {
    let mut order: Vec<usize> = (0..comparisons.len()).collect();
    order.sort_by_key(|&c| sort_key(&comparisons[c].newer.symbol));
    let mut all: Histories = HashMap::new();
    for c in order {
        let comparison = &comparisons[c];
        let older = all
            .entry(comparison.older.slug.as_str())
            .or_default()
            .entry(comparison.lang)
            .or_insert_with(|| earliest(comparison))
            .clone();
        let newer = continue_histories(c, comparison, &older);
        all.entry(comparison.newer.slug.as_str())
            .or_default()
            .insert(comparison.lang, newer);
    }
    all
}

/// The histories of a text that is compared with nothing older: each starts there.
fn earliest<'a>(comparison: &Comparison<'a>) -> TextHistories<'a> {
    comparison
        .older_text
        .all_paragraphs()
        .map(|p| {
            let step = Step {
                resolution: comparison.older,
                ids: vec![p.id.as_str()],
                kind: StepKind::Earliest,
                comparison: None,
            };
            (p.id.as_str(), History { steps: vec![step] })
        })
        .collect()
}

/// The newer text's histories: each continued paragraph carries its older one's, plus a step.
fn continue_histories<'a>(
    index: usize,
    comparison: &Comparison<'a>,
    older: &TextHistories<'a>,
) -> TextHistories<'a> {
    let mut newer = HashMap::new();
    for row in comparison.rows() {
        let kind = match row.status {
            Status::Dropped => continue,
            Status::New => StepKind::New,
            Status::Unchanged => StepKind::Unchanged,
            Status::Modified => StepKind::Modified,
        };
        let mut steps = row
            .from
            .iter()
            .find_map(|p| older.get(p.id.as_str()))
            .map_or_else(Vec::new, |h| h.steps.clone());
        // A text through which the paragraph passed unchanged is not kept (unless it is where
        // the paragraph starts): over a long series every paragraph would carry every text.
        if steps.len() > 1 && steps.last().is_some_and(|s| s.kind == StepKind::Unchanged) {
            steps.pop();
        }
        steps.push(Step {
            resolution: comparison.newer,
            ids: row.to.iter().map(|p| p.id.as_str()).collect(),
            kind,
            comparison: Some(index),
        });
        for p in &row.to {
            newer.insert(
                p.id.as_str(),
                History {
                    steps: steps.clone(),
                },
            );
        }
    }
    newer
}
