//! The history of each paragraph as a resolution page shows it: a one-line summary ("Since 59/187
//! · changed in 61/168, 68/160") that opens on the texts it passed through, each linked to the
//! comparison that found the step, and what became of it in the texts compared with this one.

use serde::Serialize;

use super::{Views, paths};
use crate::analysis::{Comparison, History, Status, Step, StepKind};
use crate::archive::{Resolution, Text};

/// The texts that changed a paragraph a history's summary names; beyond, it counts them.
const MAX_LISTED_CHANGES: usize = 3;

#[derive(Serialize)]
pub(crate) struct HistoryView {
    pub summary: String,
    /// From the first text in which the paragraph appears to this one.
    pub steps: Vec<StepView>,
    /// What became of it in each later text compared with this one.
    pub next: Vec<StepView>,
}

#[derive(Serialize)]
pub(crate) struct StepView {
    pub short: String,
    /// The paragraph on that text's page; none for the page itself.
    pub href: Option<String>,
    /// The paragraphs as a reader names them: "paragraphe 9", or "paragraphe 3, paragraphe 4"
    /// for a paragraph split in two.
    pub ids: String,
    pub kind: &'static str,
    pub label: String,
    /// The row of the comparison that found this step.
    pub compare_href: Option<String>,
}

impl<'a> Views<'a> {
    /// A resolution page's text, each paragraph with its history.
    pub fn text_with_history(
        &self,
        resolution: &'a Resolution,
        text: &'a Text,
        page: &crate::render::notes::Page,
        root: &str,
    ) -> super::TextView<'a> {
        let mut view = self.text(text, page);
        view.each_paragraph_mut(|paragraph| {
            paragraph.history = self.history_view(resolution, &text.lang, paragraph.id, root);
        });
        view
    }

    fn history_view(
        &self,
        resolution: &Resolution,
        lang: &str,
        id: &str,
        root: &str,
    ) -> Option<HistoryView> {
        let history = self.analysis.history(resolution, lang, id)?;
        let steps = self.bounded_steps(&history, lang, root, resolution);
        let next = self
            .analysis
            .as_older(resolution, lang)
            .filter_map(|c| self.next_view(c, id, root))
            .collect::<Vec<_>>();
        if history.steps.len() == 1
            && history.origin().kind == StepKind::Earliest
            && next.is_empty()
        {
            return None; // nothing known before this text, nothing compared after it
        }
        Some(HistoryView {
            summary: self.history_summary(&history, resolution, lang, &next),
            steps,
            next,
        })
    }

    /// The steps a page shows: where the paragraph first appears, the last text that changed it
    /// before this one, and this one. The texts between are counted, not listed: each text's
    /// page shows its own last change, so a reader walks the whole chain back, one page at a
    /// time, and a page's histories do not grow with the length of its series (at the General
    /// Assembly's scale they were half of a resolution page, every step repeated on every later
    /// page).
    fn bounded_steps(
        &self,
        history: &History,
        lang: &str,
        root: &str,
        here: &Resolution,
    ) -> Vec<StepView> {
        let steps = &history.steps;
        let view = |step| self.step_view(step, lang, root, here);
        if steps.len() <= 3 {
            return steps.iter().map(view).collect();
        }
        let (first, last_change, this) =
            (&steps[0], &steps[steps.len() - 2], &steps[steps.len() - 1]);
        let between = (steps.len() - 3).to_string();
        vec![
            view(first),
            StepView {
                short: String::new(),
                href: None,
                ids: String::new(),
                kind: "elided",
                label: self
                    .strings
                    .sentence(lang, "history_elided", &[("count", &between)]),
                compare_href: None,
            },
            view(last_change),
            view(this),
        ]
    }

    /// "Since 59/187 · changed in 61/168, 68/160"; "New in 68/160"; for the earliest text, what
    /// became of the paragraph next.
    fn history_summary(
        &self,
        history: &History,
        here: &Resolution,
        lang: &str,
        next: &[StepView],
    ) -> String {
        let (t, said) = (
            |key| self.strings.get(lang, key).to_string(),
            |key, values: &[(&str, &str)]| self.strings.sentence(lang, key, values),
        );
        let origin = history.origin();
        let symbol = origin.resolution.symbol.short();
        let changed: Vec<&str> = history
            .changes()
            .map(|s| s.resolution.symbol.short())
            .collect();
        let mut parts = Vec::new();
        match origin.kind {
            StepKind::New if origin.resolution.symbol == here.symbol => {
                parts.push(t("history_new_here"));
            }
            StepKind::New => parts.push(said("history_new_in", &[("symbol", symbol)])),
            _ if origin.resolution.symbol != here.symbol => {
                parts.push(said("history_since", &[("symbol", symbol)]));
            }
            _ => {}
        }
        if origin.resolution.symbol != here.symbol {
            parts.push(match changed.len() {
                0 => t("history_unchanged"),
                // A long series: how many times, and the latest (the steps show it).
                n if n > MAX_LISTED_CHANGES => said(
                    "history_changed_times",
                    &[("count", &n.to_string()), ("symbol", changed[n - 1])],
                ),
                _ => said("history_changed_in", &[("symbols", &changed.join(", "))]),
            });
        }
        if parts.is_empty() {
            let fates: Vec<String> = next
                .iter()
                .map(|n| said("history_fate", &[("step", &n.label), ("symbol", &n.short)]))
                .collect();
            parts.push(said("history_next", &[("fates", &fates.join(", "))]));
        }
        parts.join(" · ")
    }

    fn step_view(&self, step: &Step, lang: &str, root: &str, here: &Resolution) -> StepView {
        let (kind, key) = match step.kind {
            StepKind::Earliest => ("earliest", "step_earliest"),
            StepKind::New => ("new", "step_new"),
            StepKind::Unchanged => ("unchanged", "step_unchanged"),
            StepKind::Modified => ("modified", "step_modified"),
        };
        let this_page = step.resolution.symbol == here.symbol;
        StepView {
            short: step.resolution.symbol.short().to_string(),
            href: (!this_page).then(|| {
                let page = paths::resolution(lang, &step.resolution.slug);
                format!("{root}{page}#{}", step.ids.first().copied().unwrap_or(""))
            }),
            ids: self.names(lang, step.ids.iter().copied()),
            kind,
            label: self.strings.get(lang, key).to_string(),
            compare_href: step.comparison.and_then(|c| {
                let comparison = self.analysis.comparisons.get(c)?;
                Some(format!(
                    "{}#{}",
                    self.compare_href(comparison, root),
                    step.ids.first()?
                ))
            }),
        }
    }

    /// What became of paragraph `id` in the newer text of `comparison`, if it was compared.
    fn next_view(&self, comparison: &Comparison, id: &str, root: &str) -> Option<StepView> {
        let row = comparison.row_from(id)?;
        let lang = comparison.lang;
        let (kind, key) = match row.status {
            Status::Dropped => ("dropped", "step_dropped"),
            Status::Unchanged => ("unchanged", "step_unchanged"),
            _ => ("modified", "step_modified"),
        };
        let anchor = match row.to.first() {
            Some(p) => p.id.clone(),
            None => format!("was-{id}"),
        };
        let newer = comparison.newer;
        Some(StepView {
            short: newer.symbol.short().to_string(),
            href: row
                .to
                .first()
                .map(|p| format!("{root}{}#{}", paths::resolution(lang, &newer.slug), p.id)),
            ids: self.names(lang, row.to.iter().map(|p| p.id.as_str())),
            kind,
            label: self.strings.get(lang, key).to_string(),
            compare_href: Some(format!("{}#{anchor}", self.compare_href(comparison, root))),
        })
    }

    /// Paragraph ids as a reader names them, one after the other.
    fn names<'i>(&self, lang: &str, ids: impl Iterator<Item = &'i str>) -> String {
        let names: Vec<String> = ids
            .map(|id| self.strings.paragraph_name(lang, id))
            .collect();
        names.join(", ")
    }

    pub(super) fn compare_href(&self, comparison: &Comparison, root: &str) -> String {
        let page = paths::changes(comparison.lang, &comparison.newer.slug);
        format!("{root}{page}")
    }
}
