//! The series page's picture of paragraph lineage, drawn at build time, and what it says in words.
//!
//! One column per text of the chain of comparisons, one row per thread (a paragraph followed
//! from text to text). A box is a paragraph in a text; a solid line means unchanged, a dashed
//! line modified; `+` before a box marks a new paragraph, `×` after one a paragraph dropped in
//! the next text. The view computes every coordinate; `series.html` only writes the SVG. A box
//! is a link to its paragraph, a line between two boxes a link to the comparison that found the
//! step, each with its name in words. The same threads are given as a table (the chart's text
//! alternative) and the comparisons as links.

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
    /// The paragraph on its page, and its name in words ("61/168 op10, modifié").
    pub href: String,
    pub name: String,
}

#[derive(Serialize)]
pub(crate) struct ChartLine {
    pub x1: u32,
    pub x2: u32,
    pub y: u32,
    pub kind: &'static str,
    /// The comparison that found the step, at the newer paragraph, and the step in words.
    pub href: String,
    pub name: String,
}

/// Where the boxes and lines of a chart lead, per column, and the words that name them.
struct Links<'s> {
    /// Each text's short symbol and page (relative to the chart's page).
    texts: Vec<(&'s str, String)>,
    /// The comparison page between each text and the next.
    compares: Vec<String>,
    /// `step_new`, `step_unchanged`, `step_modified` in the page's language.
    words: [&'s str; 3],
}

impl Links<'_> {
    fn word(&self, kind: StepKind) -> Option<&str> {
        match kind {
            StepKind::New => Some(self.words[0]),
            StepKind::Unchanged => Some(self.words[1]),
            StepKind::Modified => Some(self.words[2]),
            StepKind::Earliest => None,
        }
    }
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
        let links = self.links(&lineage, lang, root);
        let (lines, boxes, labels, height) = self.geometry(&lineage, lang, &links);
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

    fn links<'s>(&'s self, lineage: &'s Lineage, lang: &str, root: &str) -> Links<'s> {
        let texts = lineage
            .texts
            .iter()
            .map(|(r, _)| {
                let page = paths::resolution(lineage.lang, &r.slug);
                (r.symbol.short(), format!("{root}{page}"))
            })
            .collect();
        let compares = lineage
            .texts
            .windows(2)
            .map(|pair| {
                // The newer text's "changes" view (its comparison with the older one).
                let newer = &pair[1].0.slug;
                format!("{root}{}", paths::changes(lineage.lang, newer))
            })
            .collect();
        let word = |key| self.strings.get(lang, key);
        Links {
            texts,
            compares,
            words: [
                word("step_new"),
                word("step_unchanged"),
                word("step_modified"),
            ],
        }
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
        links: &Links,
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
            draw_thread(thread, y, links, &mut lines, &mut boxes);
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

fn draw_thread(
    thread: &Thread,
    y: u32,
    links: &Links,
    lines: &mut Vec<ChartLine>,
    boxes: &mut Vec<ChartBox>,
) {
    let last = thread.cells.len().saturating_sub(1);
    for (k, cell) in thread.cells.iter().enumerate() {
        let Some(cell) = cell else { continue };
        let x = PAD + column_x(k);
        let next = thread.cells.get(k + 1).and_then(Option::as_ref);
        let ids = cell.ids.join(", ");
        let (short, page) = links
            .texts
            .get(k)
            .map_or(("", ""), |(s, p)| (s, p.as_str()));
        let first = cell.ids.first().copied().unwrap_or_default();
        boxes.push(ChartBox {
            x,
            y,
            href: format!("{page}#{first}"),
            name: match links.word(cell.kind).filter(|_| k > 0) {
                Some(word) => format!("{short} {ids}, {word}"),
                None => format!("{short} {ids}"),
            },
            label: ids,
            kind: kind_name(cell.kind),
            ends: k < last && next.is_none(),
        });
        if let Some(next) = next {
            let newer = links.texts.get(k + 1).map_or("", |(s, _)| s);
            let to = next.ids.first().copied().unwrap_or_default();
            let compare = links.compares.get(k).map_or("", String::as_str);
            let word = links.word(next.kind).unwrap_or_default();
            lines.push(ChartLine {
                x1: x + BOX_W,
                x2: PAD + column_x(k + 1),
                y: y + BOX_H / 2,
                kind: kind_name(next.kind),
                href: format!("{compare}#{to}"),
                name: format!(
                    "{short} {} → {newer} {}, {word}",
                    cell.ids.join(", "),
                    next.ids.join(", ")
                ),
            });
        }
    }
}
