//! The lineage of paragraphs across a series in one language, as threads.
//!
//! The texts are the chain of comparisons that ends with the latest complete text of the series:
//! 59/187 → 61/168 → 68/160 in French (62/160 fr, incomplete, is compared but is no link of the
//! chain). A thread follows one paragraph from text to text: it starts where the paragraph
//! appears and stops where it is dropped. The series page draws the threads and lists them as a
//! table.

use crate::archive::{Archive, Resolution, Series, Text, sort_key};

use super::history::StepKind;
use super::{Analysis, Comparison, Status};

/// The threads of paragraphs across the chain of texts of a series in one language.
#[derive(Debug)]
pub struct Lineage<'a> {
    pub lang: &'a str,
    /// The texts of the chain, oldest first.
    pub texts: Vec<(&'a Resolution, &'a Text)>,
    /// The comparison (index in `Analysis::comparisons`) between each text and the next.
    pub comparisons: Vec<usize>,
    /// Threads in reading order: the preamble's, then the operative part's.
    pub threads: Vec<Thread<'a>>,
}

/// One paragraph followed across the texts: a cell per text of the chain.
#[derive(Debug, Clone)]
pub struct Thread<'a> {
    pub cells: Vec<Option<ThreadCell<'a>>>,
}

/// A paragraph in one text of the chain, and how it came there.
#[derive(Debug, Clone)]
pub struct ThreadCell<'a> {
    pub ids: Vec<&'a str>,
    pub kind: StepKind,
}

impl Thread<'_> {
    /// True when the thread holds a preambular paragraph.
    pub fn is_preamble(&self) -> bool {
        self.cells
            .iter()
            .flatten()
            .any(|c| c.ids.iter().any(|id| id.starts_with("pp")))
    }

    fn holds(&self, column: usize, id: &str) -> bool {
        self.cells[column]
            .as_ref()
            .is_some_and(|c| c.ids.contains(&id))
    }
}

/// The lineage of `series` in `lang`, when at least two of its texts are compared.
pub(super) fn lineage<'a>(
    analysis: &Analysis<'a>,
    archive: &'a Archive,
    series: &Series,
    lang: &str,
) -> Option<Lineage<'a>> {
    let chain = chain(analysis, archive, series, lang)?;
    let first = analysis.comparisons[chain[0]].older_text;
    let columns = chain.len() + 1;
    let mut threads: Vec<Thread> = first
        .all_paragraphs()
        .map(|p| start(columns, 0, vec![p.id.as_str()], StepKind::Earliest))
        .collect();
    for (k, &c) in chain.iter().enumerate() {
        follow(&mut threads, &analysis.comparisons[c], k + 1, columns);
    }
    let mut texts = vec![(analysis.comparisons[chain[0]].older, first)];
    texts.extend(chain.iter().map(|&c| {
        let comparison = &analysis.comparisons[c];
        (comparison.newer, comparison.newer_text)
    }));
    Some(Lineage {
        lang: analysis.comparisons[chain[0]].lang,
        texts,
        comparisons: chain,
        threads,
    })
}

/// The comparisons from the earliest text to the latest complete one, oldest first.
fn chain(
    analysis: &Analysis<'_>,
    archive: &Archive,
    series: &Series,
    lang: &str,
) -> Option<Vec<usize>> {
    let latest = series
        .members
        .iter()
        .rev()
        .filter_map(|m| archive.resolution(&m.symbol))
        .find(|r| r.text(lang).is_some_and(|t| t.complete))?;
    let mut chain = Vec::new();
    let mut current = latest;
    while let Some(c) = analysis.as_newer_index(current, lang) {
        // The older text is always earlier in the series: the walk ends.
        if chain.contains(&c)
            || sort_key(&analysis.comparisons[c].older.symbol) >= sort_key(&current.symbol)
        {
            break;
        }
        chain.push(c);
        current = analysis.comparisons[c].older;
    }
    chain.reverse();
    (!chain.is_empty()).then_some(chain)
}

fn start<'a>(columns: usize, column: usize, ids: Vec<&'a str>, kind: StepKind) -> Thread<'a> {
    let mut cells = vec![None; columns];
    cells[column] = Some(ThreadCell { ids, kind });
    Thread { cells }
}

/// Extends the threads into `column` with the rows of the comparison that leads to it.
fn follow<'a>(
    threads: &mut Vec<Thread<'a>>,
    comparison: &Comparison<'a>,
    column: usize,
    columns: usize,
) {
    let mut last_placed: Option<usize> = None;
    for row in comparison.rows() {
        let ids: Vec<&str> = row.to.iter().map(|p| p.id.as_str()).collect();
        let kind = match row.status {
            Status::Dropped => continue,
            Status::New => StepKind::New,
            Status::Unchanged => StepKind::Unchanged,
            Status::Modified => StepKind::Modified,
        };
        let continued = row
            .from
            .first()
            .and_then(|from| threads.iter().position(|t| t.holds(column - 1, &from.id)));
        let at = match continued {
            Some(t) => {
                threads[t].cells[column] = Some(ThreadCell { ids, kind });
                t
            }
            None => {
                let at = last_placed.map_or(0, |t| t + 1);
                threads.insert(at, start(columns, column, ids, kind));
                at
            }
        };
        last_placed = Some(at);
    }
}
