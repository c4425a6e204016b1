//! The force of lead verbs as pages show it (`analysis::force` finds it): on a comparison, each
//! continued paragraph whose lead verb got stronger or weaker ("strengthened: *Encourages* →
//! *Urges*") and their count, for `theme/force.js`'s filter; on a series page, each paragraph's
//! lead verb text after text, as a row of steps, and which comparisons strengthened or weakened
//! the text as a whole; on a resolution page, a mark beside a paragraph whose lead verb has
//! another rank in another language. Each view is added to its page by one field (`force`,
//! `force_note`): the pages' own views stay as they are.

use std::collections::HashMap;

use serde::Serialize;

use super::text::TextView;
use super::{Views, escape, paths};
use crate::analysis::force::{self, Change, Lead, Shift, Shifts};
use crate::analysis::{Comparison, Lineage, Row};
use crate::archive::{Resolution, Series, Text};

/// A continued paragraph's change of force, on a comparison row.
#[derive(Serialize)]
pub(crate) struct ForceMark {
    /// `strengthened` or `weakened`.
    pub shift: &'static str,
    /// "strengthened: <em>Encourages</em> → <em>Urges</em>" (HTML).
    pub html: String,
}

/// A comparison's count of strengthened and weakened paragraphs.
#[derive(Serialize)]
pub(crate) struct ForceSummary {
    pub strengthened: usize,
    pub weakened: usize,
    pub any: bool,
}

/// The series page's table: one row per paragraph followed, one step per text.
#[derive(Serialize)]
pub(crate) struct ForceSeries {
    /// The language of the texts, and its name when it is not the page's.
    pub lang: String,
    pub other_language: Option<String>,
    pub columns: Vec<ForceColumn>,
    pub rows: Vec<ForceRow>,
    /// How many paragraphs kept the force of their lead from text to text (not drawn).
    pub steady: usize,
    /// Each comparison of the chain, with how it changed the text's lead verbs.
    pub years: Vec<ForceYear>,
}

#[derive(Serialize)]
pub(crate) struct ForceColumn {
    pub short: String,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct ForceRow {
    /// The paragraph's id in the last text that holds it.
    pub ids: String,
    /// Its force changed at least once.
    pub changed: bool,
    pub steps: Vec<Option<ForceStep>>,
}

#[derive(Serialize)]
pub(crate) struct ForceStep {
    pub lead: String,
    pub href: String,
    /// 1 to 10, and `rank` with a `+` per intensifier ("8+"); none when the lead is unknown.
    pub rank: Option<u8>,
    pub rank_text: String,
    /// `strengthened` or `weakened` since the text before, with its arrow and its words.
    pub shift: Option<&'static str>,
    pub arrow: &'static str,
    pub shift_label: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ForceYear {
    pub older: String,
    pub newer: String,
    pub href: String,
    /// `strengthened`, `weakened` or `even`.
    pub overall: &'static str,
    pub text: String,
}

fn arrow(shift: Option<Shift>) -> &'static str {
    match shift {
        Some(Shift::Strengthened) => "↑",
        Some(Shift::Weakened) => "↓",
        None => "",
    }
}

fn rank_text(lead: &Lead) -> String {
    lead.force().map_or_else(String::new, |f| {
        format!("{}{}", f.rank, "+".repeat(usize::from(f.intensity)))
    })
}

impl<'a> Views<'a> {
    /// The mark of a comparison row whose lead verb changed force.
    pub fn force_mark(&self, comparison: &Comparison, row: &Row) -> Option<ForceMark> {
        let lang = comparison.lang;
        let change: Change = force::change(self.analysis.lexicons, lang, row)?;
        let key = match change.shift {
            Shift::Strengthened => "force_strengthened",
            Shift::Weakened => "force_weakened",
        };
        let em = |lead: &Lead| format!("<em>{}</em>", escape(lead.written));
        let html = self.strings.sentence_html(
            lang,
            key,
            &[("from", &em(&change.from)), ("to", &em(&change.to))],
        );
        Some(ForceMark {
            shift: change.shift.as_str(),
            html,
        })
    }

    /// How many rows of a comparison strengthened and weakened their lead verb.
    pub fn force_summary(&self, comparison: &Comparison) -> ForceSummary {
        let shifts = force::shifts(self.analysis.lexicons, comparison.lang, comparison.rows());
        ForceSummary {
            strengthened: shifts.strengthened,
            weakened: shifts.weakened,
            any: shifts.strengthened + shifts.weakened > 0,
        }
    }

    /// Marks the paragraphs of `text` whose lead verb has another rank in another language of
    /// the resolution.
    pub fn mark_language_disagreements(
        &self,
        resolution: &'a Resolution,
        text: &'a Text,
        mut view: TextView<'a>,
    ) -> TextView<'a> {
        let mut notes = self.disagreement_notes(resolution, text);
        if !notes.is_empty() {
            view.each_paragraph_mut(|p| p.force_note = notes.remove(p.id));
        }
        view
    }

    /// The same marks in a text's share of the side-by-side view.
    pub fn mark_side_disagreements(
        &self,
        resolution: &'a Resolution,
        text: &'a Text,
        sections: &mut [super::pages::Section<'a>],
    ) {
        let mut notes = self.disagreement_notes(resolution, text);
        if notes.is_empty() {
            return;
        }
        for row in sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
            if let Some(cell) = row.cells.iter_mut().find(|c| c.lang == text.lang) {
                cell.force_note = notes.remove(row.id);
            }
        }
    }

    /// Why each paragraph of `text` whose lead verb has another rank in another language of the
    /// resolution is marked, by paragraph id.
    fn disagreement_notes(
        &self,
        resolution: &'a Resolution,
        text: &'a Text,
    ) -> HashMap<&'a str, String> {
        let lang = text.lang.as_str();
        let mut notes = HashMap::new();
        for d in force::disagreements(self.analysis.lexicons, resolution) {
            let (this, other) = if d.first.text.lang == lang {
                (d.first, d.other)
            } else if d.other.text.lang == lang {
                (d.other, d.first)
            } else {
                continue;
            };
            let rank = |lead: &Lead| lead.force().map_or(0, |f| f.rank).to_string();
            let note = self.strings.sentence(
                lang,
                "force_disagrees",
                &[
                    (
                        "language",
                        &self.strings.language_name(lang, &other.text.lang),
                    ),
                    ("this", this.lead.written),
                    ("this_rank", &rank(&this.lead)),
                    ("other", other.lead.written),
                    ("other_rank", &rank(&other.lead)),
                ],
            );
            notes.insert(d.id, note);
        }
        notes
    }

    /// The series page's steps of force, in the language of its chart.
    pub fn force_series(&self, series: &Series, lang: &str, root: &str) -> Option<ForceSeries> {
        let mut languages = std::iter::once(lang).chain(self.config.language_codes());
        let lineage = languages.find_map(|l| self.analysis.lineage(self.archive, series, l))?;
        let rows: Vec<ForceRow> = lineage
            .threads
            .iter()
            .filter_map(|thread| self.force_row(&lineage, thread, lang, root))
            .collect();
        if rows.is_empty() {
            return None;
        }
        // The paragraphs whose lead changed force are the signal; the others are counted, not
        // drawn (a series of fifty texts drew a 460 KB table of steps that never moved).
        let (rows, steady): (Vec<ForceRow>, Vec<ForceRow>) =
            rows.into_iter().partition(|row| row.changed);
        let steady = steady.len();
        Some(ForceSeries {
            lang: lineage.lang.to_string(),
            other_language: (lineage.lang != lang)
                .then(|| self.strings.language_name(lang, lineage.lang)),
            columns: lineage
                .texts
                .iter()
                .map(|(resolution, _)| ForceColumn {
                    short: resolution.symbol.short().to_string(),
                    href: format!(
                        "{root}{}",
                        paths::resolution(lineage.lang, &resolution.slug)
                    ),
                })
                .collect(),
            years: self.force_years(&lineage, lang, root),
            rows,
            steady,
        })
    }

    /// A thread's steps; none when no text of it has a lead the lexicon knows.
    fn force_row(
        &self,
        lineage: &Lineage<'a>,
        thread: &crate::analysis::Thread<'a>,
        lang: &str,
        root: &str,
    ) -> Option<ForceRow> {
        let lexicons = self.analysis.lexicons;
        let mut previous: Option<force::Force> = None;
        let mut changed = false;
        let mut steps = Vec::with_capacity(thread.cells.len());
        for (cell, (resolution, text)) in thread.cells.iter().zip(&lineage.texts) {
            let Some(cell) = cell else {
                previous = None;
                steps.push(None);
                continue;
            };
            let id = cell.ids.first().copied().unwrap_or("");
            let lead = text
                .paragraph(id)
                .and_then(|p| force::lead(lexicons, lineage.lang, p));
            let Some(lead) = lead else {
                previous = None;
                steps.push(None);
                continue;
            };
            let force = lead.force();
            let shift = previous.zip(force).and_then(|(a, b)| Shift::between(a, b));
            changed |= shift.is_some();
            previous = force;
            let page = paths::resolution(lineage.lang, &resolution.slug);
            steps.push(Some(ForceStep {
                lead: lead.written.to_string(),
                href: format!("{root}{page}#{id}"),
                rank: force.map(|f| f.rank),
                rank_text: rank_text(&lead),
                shift: shift.map(Shift::as_str),
                arrow: arrow(shift),
                shift_label: shift.map(|s| self.strings.get(lang, shift_key(s)).to_string()),
            }));
        }
        if steps.iter().flatten().all(|s| s.rank.is_none()) {
            return None;
        }
        let last = thread.cells.iter().rev().flatten().next()?;
        Some(ForceRow {
            ids: last.ids.join(", "),
            changed,
            steps,
        })
    }

    fn force_years(&self, lineage: &Lineage, lang: &str, root: &str) -> Vec<ForceYear> {
        lineage
            .comparisons
            .iter()
            .map(|&c| {
                let comparison = &self.analysis.comparisons[c];
                let shifts: Shifts =
                    force::shifts(self.analysis.lexicons, comparison.lang, comparison.rows());
                let overall = shifts.overall();
                let key = match overall {
                    Some(Shift::Strengthened) => "force_overall_strengthened",
                    Some(Shift::Weakened) => "force_overall_weakened",
                    None => "force_overall_even",
                };
                ForceYear {
                    older: comparison.older.symbol.short().to_string(),
                    newer: comparison.newer.symbol.short().to_string(),
                    href: self.compare_href(comparison, root),
                    overall: overall.map_or("even", Shift::as_str),
                    text: self.strings.sentence(
                        lang,
                        "force_year",
                        &[
                            ("strengthened", &shifts.strengthened.to_string()),
                            ("weakened", &shifts.weakened.to_string()),
                            ("overall", self.strings.get(lang, key)),
                        ],
                    ),
                }
            })
            .collect()
    }
}

fn shift_key(shift: Shift) -> &'static str {
    match shift {
        Shift::Strengthened => "force_step_strengthened",
        Shift::Weakened => "force_step_weakened",
    }
}
