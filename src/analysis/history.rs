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

use crate::archive::{Paragraph, Resolution, sort_key};

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

/// One step of a history, shared by every later history that continues it: a history is its
/// last step and the chain of `prev` links back to its origin, so the fiftieth text of a series
/// adds one step per paragraph rather than copying fifty.
#[derive(Debug)]
struct Node<'a> {
    resolution: &'a Resolution,
    ids: Box<[&'a str]>,
    kind: StepKind,
    comparison: Option<usize>,
    prev: Option<u32>,
}

/// The histories of the paragraphs of every text that takes part in a comparison.
#[derive(Debug, Default)]
pub(super) struct Histories<'a> {
    nodes: Vec<Node<'a>>,
    /// Per text (slug, language): each paragraph id and the last step of its history.
    by_text: HashMap<(&'a str, &'a str), Vec<(&'a str, u32)>>,
}

impl<'a> Histories<'a> {
    /// The history of paragraph `id` of the text of `slug` in `lang`.
    pub(super) fn get(&self, slug: &str, lang: &str, id: &str) -> Option<History<'a>> {
        let (_, last) = self
            .by_text
            .get(&(slug, lang))?
            .iter()
            .find(|(p, _)| *p == id)?;
        let mut steps = Vec::new();
        let mut at = Some(*last);
        while let Some(n) = at {
            let node = &self.nodes[n as usize];
            steps.push(Step {
                resolution: node.resolution,
                ids: node.ids.to_vec(),
                kind: node.kind,
                comparison: node.comparison,
            });
            at = node.prev;
        }
        steps.reverse();
        Some(History { steps })
    }

    fn add(&mut self, node: Node<'a>) -> u32 {
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    /// The step a continued paragraph follows: the older paragraph's last step, or the one
    /// before when that one only passed it on unchanged (and is not where it starts).
    fn parent(&self, older: &[(&str, u32)], from: &[&Paragraph]) -> Option<u32> {
        let last = from
            .iter()
            .find_map(|p| older.iter().find(|(id, _)| *id == p.id).map(|(_, n)| *n))?;
        let node = &self.nodes[last as usize];
        match (node.kind, node.prev) {
            (StepKind::Unchanged, Some(prev)) => Some(prev),
            _ => Some(last),
        }
    }
}

/// The histories of the paragraphs of every text that takes part in a comparison.
pub(super) fn trace<'a>(comparisons: &[Comparison<'a>]) -> Histories<'a> {
    let mut order: Vec<usize> = (0..comparisons.len()).collect();
    order.sort_by_key(|&c| sort_key(&comparisons[c].newer.symbol));
    let mut all = Histories::default();
    for c in order {
        let comparison = &comparisons[c];
        let older_key = (comparison.older.slug.as_str(), comparison.lang);
        if !all.by_text.contains_key(&older_key) {
            let earliest = earliest(&mut all, comparison);
            all.by_text.insert(older_key, earliest);
        }
        let older = all.by_text.get(&older_key).cloned().unwrap_or_default();
        let newer = continue_histories(&mut all, c, comparison, &older);
        all.by_text
            .insert((comparison.newer.slug.as_str(), comparison.lang), newer);
    }
    all
}

/// The histories of a text that is compared with nothing older: each starts there.
fn earliest<'a>(all: &mut Histories<'a>, comparison: &Comparison<'a>) -> Vec<(&'a str, u32)> {
    comparison
        .older_text
        .all_paragraphs()
        .map(|p| {
            let node = all.add(Node {
                resolution: comparison.older,
                ids: Box::new([p.id.as_str()]),
                kind: StepKind::Earliest,
                comparison: None,
                prev: None,
            });
            (p.id.as_str(), node)
        })
        .collect()
}

/// The newer text's histories: each continued paragraph follows its older one's, plus a step.
fn continue_histories<'a>(
    all: &mut Histories<'a>,
    index: usize,
    comparison: &Comparison<'a>,
    older: &[(&'a str, u32)],
) -> Vec<(&'a str, u32)> {
    let mut newer = Vec::new();
    for row in comparison.rows() {
        let kind = match row.status {
            Status::Dropped => continue,
            Status::New => StepKind::New,
            Status::Unchanged => StepKind::Unchanged,
            Status::Modified => StepKind::Modified,
        };
        let prev = all.parent(older, &row.from);
        let node = all.add(Node {
            resolution: comparison.newer,
            ids: row.to.iter().map(|p| p.id.as_str()).collect(),
            kind,
            comparison: Some(index),
            prev,
        });
        newer.extend(row.to.iter().map(|p| (p.id.as_str(), node)));
    }
    newer
}
