//! Analysis: what changed from one resolution of a series to the next, paragraph by paragraph.
//!
//! This stage sits between the immutable archive and rendering. It owns the facts that pages
//! about change need and that are too costly or too subtle to recompute per page:
//!
//! - **which texts are compared** (`compare`): each held member of a series with its nearest
//!   predecessor held in the same language, or the latest complete text before it when that one
//!   is incomplete (62/160 fr stops after pp5, so 68/160 is compared with 61/168);
//! - **the alignment** of their paragraphs, preamble, operative part and each annex apart
//!   (an annex against the annex at the same place in the other text; `align`, where
//!   the method and its threshold are documented): renumbered, inserted, dropped, moved, split and
//!   merged paragraphs;
//! - **the word-level comparison** of each continued paragraph (`diff`, with the `similar`
//!   crate), on a key where typography is not a change (`words`);
//! - **the history of each paragraph** (`history`): the first text it appears in and the texts
//!   in which it changed; and the **lineage** of paragraphs across a series (`threads`) that the
//!   series page draws;
//! - **the force of each paragraph's lead verb** (`force`): strengthened and weakened paragraphs,
//!   leads that differ in rank between languages, read with the lexicon of each language.
//!
//! It runs once per build, comparisons in parallel (rayon), after loading and before rendering;
//! views borrow its results. The rows of each comparison are kept on disk between builds
//! (`cache`, keyed by the hashes of the words compared), so a build after one change compares
//! only the texts that changed. Like the model, it holds facts, never HTML.

pub(crate) mod align;
pub mod cache;
mod compare;
pub(crate) mod diff;
pub mod force;
mod history;
mod threads;
pub(crate) mod words;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::archive::{
    Annex, Archive, Footnote, Paragraph, ParagraphKind, Resolution, Series, Text,
};
use crate::lexicon::Lexicons;
pub use cache::{Cache, CacheUse};
pub use diff::Segment;
pub use history::{History, Step, StepKind};
pub use threads::{Lineage, Thread, ThreadCell};

/// What became of a paragraph from the older text to the newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unchanged,
    Modified,
    New,
    Dropped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Modified => "modified",
            Status::New => "new",
            Status::Dropped => "dropped",
        }
    }
}

/// Two texts of a series in one language, compared.
#[derive(Debug)]
pub struct Comparison<'a> {
    pub lang: &'a str,
    pub older: &'a Resolution,
    pub older_text: &'a Text,
    pub newer: &'a Resolution,
    pub newer_text: &'a Text,
    /// Held predecessors in this language passed over because their text is incomplete,
    /// nearest first.
    pub skipped: Vec<&'a Resolution>,
    /// The preamble, the operative part (sub-paragraphs included), then each annex; empty parts
    /// left out.
    pub parts: Vec<Part<'a>>,
    /// Older paragraphs after the point where an incomplete newer text stops: nothing can be
    /// said of them, so they are neither continued nor dropped.
    pub not_compared: Vec<&'a Paragraph>,
    /// The footnotes, aligned and compared as paragraphs are (an incomplete newer text drops
    /// none: its source stops before them).
    pub footnotes: Vec<Row<'a, Footnote>>,
}

/// What a comparison aligns and compares word by word: a paragraph or a footnote.
pub trait Compared {
    fn id(&self) -> &str;
    /// Its words, as `diff` and `align` read them.
    fn plain(&self) -> &str;
    /// Its inline HTML (emphasis): the views keep its opening words in italics.
    fn html(&self) -> &str;
}

impl Compared for Paragraph {
    fn id(&self) -> &str {
        &self.id
    }
    fn plain(&self) -> &str {
        &self.plain
    }
    fn html(&self) -> &str {
        &self.html
    }
}

impl Compared for Footnote {
    fn id(&self) -> &str {
        &self.id
    }
    fn plain(&self) -> &str {
        &self.plain
    }
    fn html(&self) -> &str {
        &self.html
    }
}

/// The aligned rows of one part of the texts.
#[derive(Debug)]
pub struct Part<'a> {
    /// `Annex` for an annex, compared with the annex at the same place in the other text.
    pub kind: ParagraphKind,
    /// The annex compared (the newer text's, or the older's when the newer has none there).
    pub annex: Option<&'a Annex>,
    pub rows: Vec<Row<'a>>,
}

/// One step of the alignment: a paragraph (or footnote) continued (possibly split or merged),
/// new or dropped.
#[derive(Debug)]
pub struct Row<'a, T = Paragraph> {
    pub status: Status,
    /// The older paragraphs (none for a new one; several when merged).
    pub from: Vec<&'a T>,
    /// The newer paragraphs (none for a dropped one; several when split).
    pub to: Vec<&'a T>,
    /// The paragraph moved against the order of the others.
    pub moved: bool,
    /// How alike the older and newer words are (`align::ratio`: 1.0 for the same words,
    /// punctuation, case and typography aside); none for a new or dropped paragraph.
    pub similarity: Option<f32>,
    /// The newer text with deletions and insertions in place (modified rows); the text of the
    /// paragraph otherwise.
    pub segments: Vec<Segment<'a>>,
}

/// How many rows of each status a comparison has.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub unchanged: usize,
    pub modified: usize,
    pub new: usize,
    pub dropped: usize,
}

impl Counts {
    pub fn of<'r, 'a: 'r, T: 'a>(rows: impl IntoIterator<Item = &'r Row<'a, T>>) -> Counts {
        let mut counts = Counts::default();
        for row in rows {
            *match row.status {
                Status::Unchanged => &mut counts.unchanged,
                Status::Modified => &mut counts.modified,
                Status::New => &mut counts.new,
                Status::Dropped => &mut counts.dropped,
            } += 1;
        }
        counts
    }
}

impl<'a> Comparison<'a> {
    pub fn rows(&self) -> impl Iterator<Item = &Row<'a>> {
        self.parts.iter().flat_map(|p| p.rows.iter())
    }

    pub fn counts(&self) -> Counts {
        Counts::of(self.rows())
    }

    /// The row an older paragraph went into, if it was compared.
    pub fn row_from(&self, id: &str) -> Option<&Row<'a>> {
        self.rows().find(|r| r.from.iter().any(|p| p.id == id))
    }
}

/// Everything the analysis found, borrowed from the archive it was run on.
#[derive(Debug)]
pub struct Analysis<'a> {
    pub comparisons: Vec<Comparison<'a>>,
    /// The lead words of each language, which the force of leads is read with (`force`).
    pub lexicons: &'a Lexicons,
    /// How many parts of comparisons were taken from the cache, and how many compared.
    pub cache_use: cache::CacheUse,
    /// The history of each paragraph of each text compared.
    histories: history::Histories<'a>,
    /// The comparisons of each text, found by its slug and language (pages ask for them for
    /// every paragraph: a scan of every comparison would make a build quadratic).
    index: Index<'a>,
}

/// Where each text stands in the comparisons, by (slug, language).
#[derive(Debug, Default)]
struct Index<'a> {
    as_newer: HashMap<(&'a str, &'a str), usize>,
    as_older: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// By the id of the newer text's series.
    by_series: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(comparisons: &[Comparison<'a>]) -> Index<'a> {
        let mut index = Index::default();
        for (c, comparison) in comparisons.iter().enumerate() {
            let lang = comparison.lang;
            index
                .as_newer
                .entry((comparison.newer.slug.as_str(), lang))
                .or_insert(c);
            index
                .as_older
                .entry((comparison.older.slug.as_str(), lang))
                .or_default()
                .push(c);
            if let Some(series) = comparison.newer.meta.series.as_deref() {
                index.by_series.entry(series).or_default().push(c);
            }
        }
        index
    }
}

impl<'a> Analysis<'a> {
    /// [`Analysis::run_with`] the lexicons embedded in the binary.
    pub fn run(archive: &'a Archive) -> Analysis<'a> {
        Analysis::run_with(archive, Lexicons::embedded())
    }

    /// [`Analysis::run_cached`] without a cache: every pair is compared.
    pub fn run_with(archive: &'a Archive, lexicons: &'a Lexicons) -> Analysis<'a> {
        Analysis::run_cached(archive, lexicons, &Cache::none())
    }

    /// Compares every text with its predecessor (in parallel), taking from `cache` the parts
    /// whose words it holds and adding the others to it, then traces paragraph histories; leads
    /// are read with `lexicons`.
    pub fn run_cached(archive: &'a Archive, lexicons: &'a Lexicons, cache: &Cache) -> Analysis<'a> {
        let comparisons: Vec<Comparison> = compare::pairs(archive)
            .into_par_iter()
            .map(|pair| compare::compare(pair, cache))
            .collect();
        let histories = history::trace(&comparisons);
        let index = Index::new(&comparisons);
        Analysis {
            comparisons,
            lexicons,
            cache_use: cache.usage(),
            histories,
            index,
        }
    }

    /// The index in [`Analysis::comparisons`] of the comparison in which this text is the newer.
    pub fn as_newer_index(&self, resolution: &Resolution, lang: &str) -> Option<usize> {
        self.index
            .as_newer
            .get(&(resolution.slug.as_str(), lang))
            .copied()
    }

    /// The comparison in which this text is the newer one.
    pub fn as_newer(&self, resolution: &Resolution, lang: &str) -> Option<&Comparison<'a>> {
        Some(&self.comparisons[self.as_newer_index(resolution, lang)?])
    }

    /// The comparisons in which this text is the older one (several when a later text is
    /// incomplete and the one after it is compared with this one too).
    pub fn as_older<'s>(
        &'s self,
        resolution: &'s Resolution,
        lang: &'s str,
    ) -> impl Iterator<Item = &'s Comparison<'a>> {
        self.index
            .as_older
            .get(&(resolution.slug.as_str(), lang))
            .into_iter()
            .flatten()
            .map(|&c| &self.comparisons[c])
    }

    /// The comparison of `older` and `newer` in `lang`, if they are compared.
    pub fn between(
        &self,
        lang: &str,
        older: &Resolution,
        newer: &Resolution,
    ) -> Option<&Comparison<'a>> {
        self.as_newer(newer, lang)
            .filter(|c| c.older.symbol == older.symbol)
    }

    /// The comparisons whose newer text belongs to the series `id`.
    pub fn in_series(&self, id: &str) -> impl Iterator<Item = &Comparison<'a>> {
        self.index
            .by_series
            .get(id)
            .into_iter()
            .flatten()
            .map(|&c| &self.comparisons[c])
    }

    /// Where a paragraph of a text comes from, when the text takes part in a comparison.
    pub fn history(&self, resolution: &Resolution, lang: &str, id: &str) -> Option<History<'a>> {
        self.histories.get(&resolution.slug, lang, id)
    }

    /// The lineage of paragraphs across the series in `lang`, when two texts can be compared.
    pub fn lineage(
        &self,
        archive: &'a Archive,
        series: &Series,
        lang: &str,
    ) -> Option<Lineage<'a>> {
        threads::lineage(self, archive, series, lang)
    }
}
