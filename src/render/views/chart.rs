//! The series page's picture of paragraph lineage, drawn at build time, and what it says in words.
//!
//! One column per text of the chain of comparisons, one row per thread (a paragraph followed
//! from text to text). A box is a paragraph in a text; a solid line means unchanged, a dashed
//! line modified; `+` before a box marks a new paragraph, `×` after one a paragraph dropped in
//! the next text. The view computes every coordinate; `series.html` only writes the SVG. The
//! same threads are given as a table (the chart's text alternative) and the comparisons as links.

use serde::Serialize;

use super::{Views, paths};
use crate::analysis::{Counts, Lineage, StepKind, Thread};
use crate::archive::Series;

const PAD: u32 = 8;
const HEADER: u32 = 30;
const BOX_W: u32 = 76;
const BOX_H: u32 = 18;
const ROW_H: u32 = 22;
const GAP: u32 = 40;
/// The height of a section label ("Préambule") above the first thread of its part.
const LABEL_H: u32 = 24;

#[derive(Serialize)]
pub(crate) struct ChartView {
    /// The language of the texts drawn, and its name when it is not the page's.
    pub lang: String,
    pub other_language: Option<String>,
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub description: String,
    pub columns: Vec<ChartColumn>,
    pub labels: Vec<ChartLabel>,
    pub boxes: Vec<ChartBox>,
    pub lines: Vec<ChartLine>,
    /// The text alternative: one row per thread, one cell per text.
    pub table: Vec<Vec<Option<TableCell>>>,
    /// Held texts of that language left out of the chain (incomplete), by short symbol.
    pub not_shown: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct ChartColumn {
    pub short: String,
    pub href: String,
    /// The centre of the column, for its heading.
    pub x: u32,
}

#[derive(Serialize)]
pub(crate) struct ChartLabel {
    pub text: String,
    pub y: u32,
}

#[derive(Serialize)]
pub(crate) struct ChartBox {
    pub x: u32,
    pub y: u32,
    pub label: String,
    /// `earliest`, `new`, `unchanged` or `modified`.
    pub kind: &'static str,
    /// The paragraph is dropped in the next text.
    pub ends: bool,
}

#[derive(Serialize)]
pub(crate) struct ChartLine {
    pub x1: u32,
    pub x2: u32,
    pub y: u32,
    pub kind: &'static str,
}

#[derive(Serialize)]
pub(crate) struct TableCell {
    pub ids: String,
    pub href: String,
    pub kind: &'static str,
    /// Said in words when the paragraph is new or modified in this text.
    pub label: Option<String>,
}

fn kind_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Earliest => "earliest",
        StepKind::New => "new",
        StepKind::Unchanged => "unchanged",
        StepKind::Modified => "modified",
    }
}

impl<'a> Views<'a> {
    /// The chart of the page's language, or else of the first language that has one.
    pub fn chart(&self, series: &Series, lang: &str, root: &str) -> Option<ChartView> {
        let mut languages = std::iter::once(lang).chain(self.config.language_codes());
        let lineage = languages.find_map(|l| self.analysis.lineage(self.archive, series, l))?;
        let other_language =
            (lineage.lang != lang).then(|| self.strings.language_name(lang, lineage.lang));
        let (lines, boxes, labels, height) = self.geometry(&lineage, lang);
        let columns = self.columns(&lineage, root);
        let shown: std::collections::HashSet<&str> =
            lineage.texts.iter().map(|(t, _)| t.slug.as_str()).collect();
        let not_shown = series
            .members
            .iter()
            .filter_map(|m| self.archive.resolution(&m.symbol))
            .filter(|r| r.text(lineage.lang).is_some())
            .filter(|r| !shown.contains(r.slug.as_str()))
            .map(|r| r.symbol.short().to_string())
            .collect();
        Some(ChartView {
            lang: lineage.lang.to_string(),
            other_language,
            width: PAD * 2 + column_x(lineage.texts.len()) - GAP,
            height,
            title: self.chart_title(&lineage, lang),
            description: self.chart_description(&lineage, lang),
            table: self.table(&lineage, root, lang),
            columns,
            labels,
            boxes,
            lines,
            not_shown,
        })
    }

    fn columns(&self, lineage: &Lineage, root: &str) -> Vec<ChartColumn> {
        lineage
            .texts
            .iter()
            .enumerate()
            .map(|(k, (resolution, _))| ChartColumn {
                short: resolution.symbol.short().to_string(),
                href: format!(
                    "{root}{}",
                    paths::resolution(lineage.lang, &resolution.slug)
                ),
                x: PAD + column_x(k) + BOX_W / 2,
            })
            .collect()
    }

    /// Lines, boxes, section labels and the height of the picture.
    fn geometry(
        &self,
        lineage: &Lineage,
        lang: &str,
    ) -> (Vec<ChartLine>, Vec<ChartBox>, Vec<ChartLabel>, u32) {
        let (mut lines, mut boxes, mut labels) = (Vec::new(), Vec::new(), Vec::new());
        let mut y = HEADER;
        let mut section: Option<bool> = None;
        for thread in &lineage.threads {
            let preamble = thread.is_preamble();
            if section != Some(preamble) {
                section = Some(preamble);
                let key = if preamble { "preamble" } else { "operative" };
                labels.push(ChartLabel {
                    text: self.strings.get(lang, key).to_string(),
                    y: y + LABEL_H - 8,
                });
                y += LABEL_H;
            }
            draw_thread(thread, y, &mut lines, &mut boxes);
            y += ROW_H;
        }
        (lines, boxes, labels, y + PAD)
    }

    fn table(&self, lineage: &Lineage, root: &str, lang: &str) -> Vec<Vec<Option<TableCell>>> {
        lineage
            .threads
            .iter()
            .map(|thread| {
                thread
                    .cells
                    .iter()
                    .zip(&lineage.texts)
                    .map(|(cell, (resolution, _))| {
                        let cell = cell.as_ref()?;
                        let page = paths::resolution(lineage.lang, &resolution.slug);
                        let label = match cell.kind {
                            StepKind::New => Some("step_new"),
                            StepKind::Modified => Some("step_modified"),
                            _ => None,
                        };
                        Some(TableCell {
                            ids: cell.ids.join(", "),
                            href: format!(
                                "{root}{page}#{}",
                                cell.ids.first().copied().unwrap_or("")
                            ),
                            kind: kind_name(cell.kind),
                            label: label.map(|k| self.strings.get(lang, k).to_string()),
                        })
                    })
                    .collect()
            })
            .collect()
    }

    fn chart_title(&self, lineage: &Lineage, lang: &str) -> String {
        let shorts: Vec<&str> = lineage
            .texts
            .iter()
            .map(|(r, _)| r.symbol.short())
            .collect();
        self.strings
            .sentence(lang, "lineage_title", &[("texts", &shorts.join(" → "))])
    }

    /// The legend, then the counts of each comparison in words.
    fn chart_description(&self, lineage: &Lineage, lang: &str) -> String {
        let mut sentences = vec![self.strings.get(lang, "lineage_legend").to_string()];
        for &c in &lineage.comparisons {
            let comparison = &self.analysis.comparisons[c];
            sentences.push(self.strings.sentence(
                lang,
                "lineage_counts",
                &[
                    ("older", comparison.older.symbol.short()),
                    ("newer", comparison.newer.symbol.short()),
                    ("counts", &self.counts_in_words(&comparison.counts(), lang)),
                ],
            ));
        }
        sentences.join(" ")
    }

    /// "unchanged: 7, modified: 9, new: 4, dropped: 0" (a label before its number reads right for 1).
    pub(super) fn counts_in_words(&self, counts: &Counts, lang: &str) -> String {
        self.strings.sentence(
            lang,
            "counts",
            &[
                ("unchanged", &counts.unchanged.to_string()),
                ("modified", &counts.modified.to_string()),
                ("new", &counts.new.to_string()),
                ("dropped", &counts.dropped.to_string()),
            ],
        )
    }
}

/// The left edge of column `k`, from the left padding.
fn column_x(k: usize) -> u32 {
    u32::try_from(k).unwrap_or(u32::MAX / 2) * (BOX_W + GAP)
}

fn draw_thread(thread: &Thread, y: u32, lines: &mut Vec<ChartLine>, boxes: &mut Vec<ChartBox>) {
    let last = thread.cells.len().saturating_sub(1);
    for (k, cell) in thread.cells.iter().enumerate() {
        let Some(cell) = cell else { continue };
        let x = PAD + column_x(k);
        let next = thread.cells.get(k + 1).and_then(Option::as_ref);
        boxes.push(ChartBox {
            x,
            y,
            label: cell.ids.join(", "),
            kind: kind_name(cell.kind),
            ends: k < last && next.is_none(),
        });
        if let Some(next) = next {
            lines.push(ChartLine {
                x1: x + BOX_W,
                x2: PAD + column_x(k + 1),
                y: y + BOX_H / 2,
                kind: kind_name(next.kind),
            });
        }
    }
}
