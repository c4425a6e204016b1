//! The comparison page: what changed from one text of a series to a later one, in one language.
//!
//! A summary of the counts, then the aligned rows of the preamble, of the operative part and of
//! each annex (under its heading as written). Each
//! row carries `data-status`, `data-from` and `data-to` so that a program can check the
//! alignment, and shows the newer text with deletions and insertions in place (`<del>`, `<ins>`,
//! each with words for screen readers, since strike-through and underline are not read out).

use serde::Serialize;

use crate::render::inventory;

use super::{Common, SeriesRef, Views, escape, paths};
use crate::analysis::{Compared, Comparison, Counts, Row, Segment, Status};
use crate::archive::Resolution;

#[derive(Serialize)]
pub(crate) struct ComparePage<'a> {
    pub common: Common<'a>,
    pub older: Side<'a>,
    pub newer: Side<'a>,
    pub series: Option<SeriesRef<'a>>,
    /// Why the nearest predecessor was passed over, as a sentence with links (HTML).
    pub skipped_html: Option<String>,
    /// Why some older paragraphs are not compared, as a sentence with links (HTML).
    pub not_compared_html: Option<String>,
    pub counts: Counts,
    /// How many continued paragraphs' lead verbs got stronger or weaker (`views/force.rs`).
    pub force: super::force::ForceSummary,
    pub sections: Vec<CompareSection<'a>>,
}

/// One of the two texts compared.
#[derive(Serialize)]
pub(crate) struct Side<'a> {
    pub symbol: &'a str,
    pub short: &'a str,
    pub title: &'a str,
    pub title_lang: Option<&'a str>,
    pub href: String,
    pub adopted: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct CompareSection<'a> {
    pub kind: &'static str,
    /// The anchor of the section's heading: `part-<id>` (`preambular`, `operative`, `annex2`).
    pub id: &'a str,
    /// An annex's heading as written and its title.
    pub heading: Option<&'a str>,
    pub title: Option<&'a str>,
    pub counts: Counts,
    pub rows: Vec<CompareRow>,
}

#[derive(Serialize)]
pub(crate) struct CompareRow {
    /// The row's anchor: the newer paragraph's id, or `was-<older id>` for a dropped one.
    pub anchor: String,
    /// The other newer ids of a split paragraph, so that each can be linked to.
    pub extra_anchors: Vec<String>,
    pub status: &'static str,
    pub status_label: String,
    /// Moved, split or merged.
    pub note: Option<String>,
    pub data_from: String,
    pub data_to: String,
    pub from: Vec<IdLink>,
    pub to: Vec<IdLink>,
    /// The newer text with deletions and insertions in place (the redline).
    pub html: String,
    /// The change of force of its lead verb, if any (`views/force.rs`).
    pub force: Option<super::force::ForceMark>,
    /// A modified row side by side: the older text with its deletions, the newer with its
    /// insertions.
    pub older_html: Option<String>,
    pub newer_html: Option<String>,
}

/// A paragraph id linked to its place on its resolution page.
#[derive(Serialize)]
pub(crate) struct IdLink {
    pub id: String,
    /// As a reader names it: "paragraphe 10".
    pub name: String,
    pub href: String,
}

impl<'a> Views<'a> {
    pub fn compare_page(
        &self,
        page: &inventory::Page<'a>,
        comparison: &'a Comparison<'a>,
    ) -> ComparePage<'a> {
        let lang = page.lang;
        let (older, newer) = (comparison.older, comparison.newer);
        // A fragment: its links are written for the newer text's page, which shows it.
        let host = paths::fragment_host(lang, &newer.slug);
        let root = paths::root_of(&host);
        let page_title = self.strings.sentence(
            lang,
            "compare_page_title",
            &[
                ("older", older.symbol.short()),
                ("newer", newer.symbol.short()),
            ],
        );
        ComparePage {
            common: self.common(lang, &host, page_title, Vec::new()),
            older: self.side(older, lang, &root),
            newer: self.side(newer, lang, &root),
            series: self
                .series_of(newer)
                .map(|s| self.series_ref(s, lang, &root)),
            skipped_html: self.skipped_html(comparison, &root),
            not_compared_html: self.not_compared_html(comparison, &root),
            counts: comparison.counts(),
            force: self.force_summary(comparison),
            sections: comparison
                .parts
                .iter()
                .map(|part| CompareSection {
                    kind: super::kind_name(part.kind),
                    id: part
                        .annex
                        .map_or(super::kind_name(part.kind), |a| a.id.as_str()),
                    heading: part.annex.map(|a| a.heading.as_str()),
                    title: part.annex.and_then(|a| a.title.as_deref()),
                    counts: Counts::of(&part.rows),
                    rows: part
                        .rows
                        .iter()
                        .map(|row| CompareRow {
                            force: self.force_mark(comparison, row),
                            ..self.compare_row(comparison, row, &root)
                        })
                        .collect(),
                })
                .chain(self.footnotes_section(comparison, &root))
                .collect(),
        }
    }

    /// The footnotes compared, as a last section.
    fn footnotes_section(
        &self,
        comparison: &'a Comparison<'a>,
        root: &str,
    ) -> Option<CompareSection<'a>> {
        if comparison.footnotes.is_empty() {
            return None;
        }
        Some(CompareSection {
            kind: "footnotes",
            id: "footnotes",
            heading: None,
            title: None,
            counts: Counts::of(&comparison.footnotes),
            rows: comparison
                .footnotes
                .iter()
                .map(|row| self.compare_row(comparison, row, root))
                .collect(),
        })
    }

    fn side(&self, resolution: &'a Resolution, lang: &str, root: &str) -> Side<'a> {
        let (title, title_lang) = self.title_in(resolution, lang);
        Side {
            symbol: resolution.symbol.as_str(),
            short: resolution.symbol.short(),
            title,
            title_lang,
            href: format!("{root}{}", paths::resolution(lang, &resolution.slug)),
            adopted: resolution.meta.adopted.map(|d| self.strings.date(lang, d)),
        }
    }

    fn compare_row<T: Compared>(
        &self,
        comparison: &Comparison,
        row: &Row<T>,
        root: &str,
    ) -> CompareRow {
        let lang = comparison.lang;
        let links = |resolution: &Resolution, paragraphs: &[&T]| -> Vec<IdLink> {
            let page = paths::resolution(lang, &resolution.slug);
            paragraphs
                .iter()
                .map(|p| IdLink {
                    id: p.id().to_string(),
                    name: self.strings.paragraph_name(lang, p.id()),
                    href: format!("{root}{page}#{}", p.id()),
                })
                .collect()
        };
        let ids = |paragraphs: &[&T]| -> Vec<String> {
            paragraphs.iter().map(|p| p.id().to_string()).collect()
        };
        let to = ids(&row.to);
        let anchor = match to.first() {
            Some(id) => id.clone(),
            None => format!("was-{}", row.from.first().map_or("", |p| p.id())),
        };
        let note_key = if row.moved {
            Some("row_moved")
        } else if row.from.len() > 1 {
            Some("row_merged")
        } else if row.to.len() > 1 {
            Some("row_split")
        } else {
            None
        };
        CompareRow {
            anchor,
            extra_anchors: to.iter().skip(1).cloned().collect(),
            status: row.status.as_str(),
            status_label: self.strings.get(lang, status_key(row.status)).to_string(),
            note: note_key.map(|k| self.strings.get(lang, k).to_string()),
            data_from: ids(&row.from).join(" "),
            data_to: to.join(" "),
            from: links(comparison.older, &row.from),
            to: links(comparison.newer, &row.to),
            html: self.segments_html(row, lang, Show::Redline),
            older_html: (row.status == Status::Modified)
                .then(|| self.segments_html(row, lang, Show::Older)),
            newer_html: (row.status == Status::Modified)
                .then(|| self.segments_html(row, lang, Show::Newer)),
            // Paragraphs only: set by the caller (footnotes have no lead verb).
            force: None,
        }
    }

    /// The compared text: deletions and insertions marked for the eye and for screen readers,
    /// the opening words in italics as the texts have them.
    fn segments_html<T: Compared>(&self, row: &Row<T>, lang: &str, show: Show) -> String {
        let marked = |tag: &str, key: &str, html: &str| {
            format!(
                "<{tag}><span class=\"visually-hidden\">{}</span>{html}<span class=\"visually-hidden\">{}</span></{tag}>",
                escape(self.strings.get(lang, key)),
                escape(self.strings.get(lang, "marker_end")),
            )
        };
        let lead = |side: &[&T]| side.first().map_or(0, |p| lead_length(p.html()));
        let (mut old_lead, mut new_lead) = (lead(&row.from), lead(&row.to));
        if row.to.is_empty() {
            new_lead = old_lead; // a dropped row shows the older text
        }
        let mut html = String::new();
        for segment in &row.segments {
            match (segment, show) {
                (Segment::Same(text), Show::Older) => {
                    html.push_str(&emphasised(text, &mut old_lead));
                    skip(text, &mut new_lead);
                }
                (Segment::Same(text), _) => {
                    html.push_str(&emphasised(text, &mut new_lead));
                    skip(text, &mut old_lead);
                }
                (Segment::Deleted(text), Show::Newer) => skip(text, &mut old_lead),
                (Segment::Deleted(text), _) => {
                    let inner = emphasised(text, &mut old_lead);
                    html.push_str(&marked("del", "marker_deleted", &inner));
                }
                (Segment::Inserted(text), Show::Older) => skip(text, &mut new_lead),
                (Segment::Inserted(text), _) => {
                    let inner = emphasised(text, &mut new_lead);
                    html.push_str(&marked("ins", "marker_inserted", &inner));
                }
            }
        }
        html
    }

    /// "The French text of 62/160 is incomplete: this page compares 68/160 with 61/168, …"
    fn skipped_html(&self, comparison: &Comparison, root: &str) -> Option<String> {
        let lang = comparison.lang;
        let skipped: Vec<String> = comparison
            .skipped
            .iter()
            .map(|r| self.symbol_link(r, lang, root))
            .collect();
        if skipped.is_empty() {
            return None;
        }
        Some(self.strings.sentence_html(
            lang,
            "compare_skipped",
            &[
                ("language", &escape(&self.strings.language_name(lang, lang))),
                ("skipped", &skipped.join(", ")),
                ("newer", &self.symbol_link(comparison.newer, lang, root)),
                ("older", &self.symbol_link(comparison.older, lang, root)),
            ],
        ))
    }

    /// "The French text of 62/160 stops early: these paragraphs of 61/168 are not compared: …"
    fn not_compared_html(&self, comparison: &Comparison, root: &str) -> Option<String> {
        if comparison.not_compared.is_empty() {
            return None;
        }
        let lang = comparison.lang;
        let page = paths::resolution(lang, &comparison.older.slug);
        let ids: Vec<String> = comparison
            .not_compared
            .iter()
            .map(|p| {
                let name = self.strings.paragraph_name(lang, &p.id);
                format!(
                    "<a href=\"{root}{page}#{}\">{}</a>",
                    escape(&p.id),
                    escape(&name)
                )
            })
            .collect();
        let stops = comparison
            .newer_text
            .last_id()
            .map(|id| {
                let newer = paths::resolution(lang, &comparison.newer.slug);
                let name = self.strings.paragraph_name_the(lang, id);
                format!(
                    "<a href=\"{root}{newer}#{}\">{}</a>",
                    escape(id),
                    escape(&name)
                )
            })
            .unwrap_or_default();
        Some(self.strings.sentence_html(
            lang,
            "compare_not_compared",
            &[
                ("language", &escape(&self.strings.language_name(lang, lang))),
                ("newer", &self.symbol_link(comparison.newer, lang, root)),
                ("older", &self.symbol_link(comparison.older, lang, root)),
                ("last", &stops),
                ("ids", &ids.join(", ")),
            ],
        ))
    }

    fn symbol_link(&self, resolution: &Resolution, lang: &str, root: &str) -> String {
        let (path, _) = self.reading_path(resolution, lang);
        format!(
            "<a href=\"{root}{path}\">{}</a>",
            escape(resolution.symbol.short())
        )
    }
}

/// Which text a row shows: both in one (the redline), or one side of the two columns.
#[derive(Clone, Copy)]
enum Show {
    Redline,
    Older,
    Newer,
}

/// How many visible characters (spaces aside) of a paragraph's HTML its opening `<em>` holds:
/// the lead words in italics (`*Réaffirmant*`, `1. *Décide*`).
fn lead_length(html: &str) -> usize {
    let Some(rest) = html.trim_start().strip_prefix("<em>") else {
        return 0;
    };
    let inner = &rest[..rest.find("</em>").unwrap_or(0)];
    let mut count = 0;
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                chars.by_ref().find(|&c| c == '>');
            }
            '&' => {
                chars.by_ref().find(|&c| c == ';');
                count += 1;
            }
            c if !c.is_whitespace() => count += 1,
            _ => {}
        }
    }
    count
}

/// `text` escaped, its first `lead` visible characters in italics; `lead` is what remains of
/// the lead after it.
fn emphasised(text: &str, lead: &mut usize) -> String {
    if *lead == 0 {
        return escape(text);
    }
    let mut split = 0;
    for (at, c) in text.char_indices() {
        if *lead == 0 {
            break;
        }
        split = at + c.len_utf8();
        if !c.is_whitespace() {
            *lead -= 1;
        }
    }
    let (italic, rest) = text.split_at(split);
    let plain = italic.trim_start();
    if plain.is_empty() {
        return escape(text);
    }
    let space = &italic[..italic.len() - plain.len()];
    format!(
        "{}<em>{}</em>{}",
        escape(space),
        escape(plain),
        escape(rest)
    )
}

/// Counts `text`'s visible characters off `lead` (text the other side does not show).
fn skip(text: &str, lead: &mut usize) {
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    *lead = lead.saturating_sub(visible);
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Unchanged => "status_unchanged",
        Status::Modified => "status_modified",
        Status::New => "status_new",
        Status::Dropped => "status_dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_words_of_a_paragraph_are_counted_from_its_opening_emphasis() {
        assert_eq!(
            lead_length("<em>Rappelant également</em> la Conférence"),
            18
        );
        assert_eq!(lead_length("<em>Prie</em> le Secrétaire général"), 4);
        assert_eq!(lead_length("la résolution <em>x</em>"), 0);
    }

    #[test]
    fn the_lead_is_set_in_italics_across_segments() {
        let mut lead = 18;
        assert_eq!(emphasised("Rappelant", &mut lead), "<em>Rappelant</em>");
        assert_eq!(emphasised(" ", &mut lead), " ");
        assert_eq!(
            emphasised(" également la", &mut lead),
            " <em>également</em> la"
        );
        assert_eq!(lead, 0);
        assert_eq!(emphasised("l'a", &mut lead), "l&#39;a");
    }
}
