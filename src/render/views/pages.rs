//! The page views: one struct per template, built from the helpers of `views`.
//!
//! Kept apart from the shared helpers so that each page's shape can be read on its own; the
//! parallel page's alignment of paragraphs across languages lives here.

use serde::Serialize;

use crate::render::inventory;

use super::{
    Common, FootnoteView, Head, MemberLink, NoteView, ResolutionSummary, Scope, SeriesRef,
    TextLink, TextView, Views, body_html, kind_name, paths, series_title,
};
use crate::archive::{NoteKey, Paragraph, ParagraphKind, Resolution, Series, Text};
use crate::render::notes::Page;
use crate::render::strings::Strings;

#[derive(Serialize)]
pub(crate) struct HomePage<'a> {
    pub common: Common<'a>,
    pub series: Vec<SeriesSummary<'a>>,
    pub sessions: Vec<SessionGroup<'a>>,
}

#[derive(Serialize)]
pub(crate) struct SeriesSummary<'a> {
    pub title: &'a str,
    pub href: String,
    pub known: usize,
    pub held: usize,
}

#[derive(Serialize)]
pub(crate) struct SessionGroup<'a> {
    pub session: Option<u32>,
    /// Set as a superscript: 62e, 62nd.
    pub session_suffix: Option<&'static str>,
    pub resolutions: Vec<ResolutionSummary<'a>>,
}

#[derive(Serialize)]
pub(crate) struct ResolutionPage<'a> {
    pub common: Common<'a>,
    pub head: Head<'a>,
    pub text: TextView<'a>,
    pub series: Option<SeriesRef<'a>>,
    pub predecessor: Option<MemberLink>,
    pub successor: Option<MemberLink>,
    pub parallel_href: Option<String>,
    pub other_texts: Vec<TextLink>,
    /// Languages of the site this resolution is not held in, with the official document.
    pub missing: Vec<TextLink>,
    /// The resolutions of the archive citing this one, with their paragraphs.
    pub cited_by: Vec<super::citing::CitingView>,
    pub references_href: String,
    /// Contributors' notes on the resolution as a whole: they open the page.
    pub general_notes: Vec<NoteView>,
    /// Where to write a note on the resolution (with `repository-url` in book.toml).
    pub annotate_href: Option<String>,
    /// What changed since the text it is compared with, and in the texts compared with it.
    pub comparisons: Vec<CompareLink>,
    /// The resolution as open data, when the site publishes it (`[export] formats`).
    pub data: Option<DataLinks>,
}

/// The open data of a resolution published with the site: its JSON document, and the Akoma
/// Ntoso document of the text shown.
#[derive(Serialize)]
pub(crate) struct DataLinks {
    pub json: Option<String>,
    pub akn: Option<String>,
}

/// A link to a comparison page, worded from the page that links to it.
#[derive(Serialize)]
pub(crate) struct CompareLink {
    pub href: String,
    pub label: String,
    /// The other text of the comparison.
    pub short: String,
    /// "since" (this text is the newer one) or "in" (a later text).
    pub direction: &'static str,
}

#[derive(Serialize)]
pub(crate) struct ParallelPage<'a> {
    pub common: Common<'a>,
    pub head: Head<'a>,
    pub columns: Vec<Column<'a>>,
    pub sections: Vec<Section<'a>>,
    pub series: Option<SeriesRef<'a>>,
    pub predecessor: Option<MemberLink>,
    pub successor: Option<MemberLink>,
    /// Notes on the resolution as a whole, those of every language first.
    pub general_notes: Vec<NoteView>,
}

#[derive(Serialize)]
pub(crate) struct Column<'a> {
    pub lang: &'a str,
    pub name: String,
    pub title: &'a str,
    pub href: String,
    pub complete: bool,
    pub last_id: Option<&'a str>,
    pub remark: Option<&'a str>,
    pub opening: Option<&'a str>,
    pub footnotes: Vec<FootnoteView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Section<'a> {
    /// `preambular`, `operative` or `annex`.
    pub kind: &'static str,
    /// The anchor of an annex's heading row (`annex`, `annex2`).
    pub id: Option<&'a str>,
    /// An annex's heading and title in each column (none where that text lacks the annex).
    pub annex_heads: Vec<AnnexHead<'a>>,
    pub rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
pub(crate) struct AnnexHead<'a> {
    pub lang: &'a str,
    pub heading: Option<&'a str>,
    pub title: Option<&'a str>,
}

/// Which paragraphs of each text a section of the parallel page aligns.
#[derive(Clone, Copy)]
enum Part {
    /// The preamble, or the operative part with its sub-paragraphs.
    Own(ParagraphKind),
    /// The annex at this place in each text.
    Annex(usize),
}

impl Part {
    fn paragraphs(self, text: &Text) -> Vec<&Paragraph> {
        match self {
            Part::Own(kind) => text.own_paragraphs().filter(|p| part_of(p, kind)).collect(),
            Part::Annex(i) => text
                .annexes
                .get(i)
                .map_or_else(Vec::new, |a| a.all_paragraphs().collect()),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Row<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub label: Option<&'a str>,
    pub cells: Vec<Cell<'a>>,
    /// The notes of `notes.md` about this paragraph, shown across the columns.
    pub notes: Vec<NoteView>,
    pub annotate_href: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Cell<'a> {
    pub lang: &'a str,
    pub html: Option<String>,
    /// The section headings before the paragraph in this language.
    pub headings: &'a [String],
    /// Why the paragraph is absent from this language, when it is.
    pub gap: Option<String>,
    /// The first gap of its column says why in full; the next ones say it briefly.
    pub first_gap: bool,
    /// The notes of `notes.<lang>.md` about this paragraph.
    pub notes: Vec<NoteView>,
}

#[derive(Serialize)]
pub(crate) struct SeriesPage<'a> {
    pub common: Common<'a>,
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub members: Vec<MemberLink>,
    pub held: usize,
    pub timeline: Option<super::timeline::Timeline>,
    /// The lineage of paragraphs across the texts, drawn.
    pub chart: Option<super::chart::ChartView>,
    /// Every comparison between texts of the series, the page's language first.
    pub comparisons: Vec<ComparisonSummary>,
}

#[derive(Serialize)]
pub(crate) struct ComparisonSummary {
    pub href: String,
    pub older: String,
    pub newer: String,
    pub counts_text: String,
    /// The language of the comparison when it is not the page's.
    pub hreflang: Option<String>,
    pub lang_name: Option<String>,
}

impl<'a> Views<'a> {
    pub fn home(&self, page: &inventory::Page<'a>) -> HomePage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let mut sessions: Vec<SessionGroup> = Vec::new();
        for resolution in self.archive.resolutions.iter().rev() {
            let session = resolution.session();
            let summary = self.summary(resolution, lang, &root);
            match sessions.last_mut() {
                Some(group) if group.session == session => group.resolutions.push(summary),
                _ => sessions.push(SessionGroup {
                    session,
                    session_suffix: session.map(|n| Strings::ordinal_suffix(lang, n, true)),
                    resolutions: vec![summary],
                }),
            }
        }
        let series = self
            .archive
            .series
            .iter()
            .map(|s| SeriesSummary {
                title: series_title(s, lang),
                href: format!("{root}{}", paths::series(lang, &s.id)),
                known: s.members.len(),
                held: s.members.iter().filter(|m| m.held).count(),
            })
            .collect();
        let title = self
            .config
            .language(lang)
            .map_or(String::new(), |l| l.title.clone());
        HomePage {
            common: self.common(lang, path, title, alternates),
            series,
            sessions,
        }
    }

    pub fn resolution(
        &self,
        page: &inventory::Page<'a>,
        resolution: &'a Resolution,
        text: &'a Text,
    ) -> ResolutionPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let head = self.head(resolution, lang);
        let page_title = format!("{} — {}", resolution.symbol, head.title);
        let (predecessor, successor) = self.lineage(resolution, lang, &root);
        let page = Page {
            archive: self.archive,
            resolution,
            lang,
            path,
            parallel: false,
        };
        let general_notes = self.notes_about(&page, &NoteKey::Resolution, lang, Scope::All);
        let other_texts = self
            .text_links(resolution, lang, &root)
            .into_iter()
            .filter(|t| t.lang != lang)
            .collect();
        let missing = self
            .config
            .language_codes()
            .filter(|l| resolution.text(l).is_none())
            .map(|l| TextLink {
                lang: l.to_string(),
                name: self.strings.language_name(lang, l),
                href: resolution.symbol.official_url(l),
                complete: false,
            })
            .collect();
        ResolutionPage {
            common: self.common(lang, path, page_title, alternates),
            head,
            cited_by: self.cited_by(&resolution.symbol, lang, &root),
            references_href: format!("{root}{}", paths::references(lang)),
            comparisons: self.compare_links(resolution, lang, &root),
            text: self.text_with_history(resolution, text, &page, &root),
            series: self
                .series_of(resolution)
                .map(|s| self.series_ref(s, lang, &root)),
            predecessor,
            successor,
            parallel_href: self.parallel_href(resolution, &root),
            other_texts,
            missing,
            general_notes,
            annotate_href: self.annotate_href(resolution, None),
            data: self.data_links(resolution, &text.lang, &root),
        }
    }

    /// The data files of `resolution` (its text in `lang`) the site publishes, if any.
    fn data_links(&self, resolution: &Resolution, lang: &str, root: &str) -> Option<DataLinks> {
        use crate::export::{DataFormat, SITE_FOLDER, akn_path, json_path};
        let formats = &self.config.export_formats;
        let href = |format: DataFormat, path: String| {
            formats
                .contains(&format)
                .then(|| format!("{root}{SITE_FOLDER}/{path}"))
        };
        let links = DataLinks {
            json: href(DataFormat::Json, json_path(&resolution.slug)),
            akn: href(DataFormat::Akn, akn_path(&resolution.slug, lang)),
        };
        (links.json.is_some() || links.akn.is_some()).then_some(links)
    }

    pub fn parallel(
        &self,
        page: &inventory::Page<'a>,
        resolution: &'a Resolution,
    ) -> ParallelPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let head = self.head(resolution, lang);
        let page_title = format!(
            "{} — {}",
            resolution.symbol,
            self.strings.get(lang, "parallel_title")
        );
        let page = Page {
            archive: self.archive,
            resolution,
            lang,
            path,
            parallel: true,
        };
        let columns = resolution
            .texts
            .iter()
            .map(|text| Column {
                lang: &text.lang,
                name: self.name_of(&text.lang),
                title: self.title_in(resolution, &text.lang).0,
                href: format!("{root}{}", paths::resolution(&text.lang, &resolution.slug)),
                complete: text.complete,
                last_id: text.last_id(),
                remark: text.remark.as_deref(),
                opening: text.opening.as_deref(),
                footnotes: self.column_footnotes(resolution, text, &page),
            })
            .collect();
        let own = [ParagraphKind::Preambular, ParagraphKind::Operative]
            .into_iter()
            .map(|kind| Section {
                kind: kind_name(kind),
                id: None,
                annex_heads: Vec::new(),
                rows: self.aligned_rows(resolution, &page, Part::Own(kind)),
            });
        let annexes = resolution.texts.iter().map(|t| t.annexes.len()).max();
        let annexes = (0..annexes.unwrap_or(0)).map(|i| Section {
            kind: kind_name(ParagraphKind::Annex),
            id: resolution
                .texts
                .iter()
                .find_map(|t| t.annexes.get(i))
                .map(|a| a.id.as_str()),
            annex_heads: resolution
                .texts
                .iter()
                .map(|t| AnnexHead {
                    lang: &t.lang,
                    heading: t.annexes.get(i).map(|a| a.heading.as_str()),
                    title: t.annexes.get(i).and_then(|a| a.title.as_deref()),
                })
                .collect(),
            rows: self.aligned_rows(resolution, &page, Part::Annex(i)),
        });
        let mut sections: Vec<Section> =
            own.chain(annexes).filter(|s| !s.rows.is_empty()).collect();
        mark_first_gaps(&mut sections);
        let (predecessor, successor) = self.lineage(resolution, lang, &root);
        ParallelPage {
            common: self.common(lang, path, page_title, alternates),
            head,
            columns,
            sections,
            series: self
                .series_of(resolution)
                .map(|s| self.series_ref(s, lang, &root)),
            predecessor,
            successor,
            general_notes: self.parallel_general_notes(&page),
        }
    }

    /// The notes on the resolution: those of every language, then each language's own.
    fn parallel_general_notes(&self, page: &Page) -> Vec<NoteView> {
        let key = NoteKey::Resolution;
        let mut notes = self.notes_about(page, &key, page.lang, Scope::Shared);
        for text in &page.resolution.texts {
            notes.extend(self.notes_about(page, &key, &text.lang, Scope::OwnLanguage));
        }
        notes
    }

    /// A column's footnotes; a note of `notes.md` on a footnote goes with the first column
    /// that has that footnote, so that it is shown once.
    fn column_footnotes(
        &self,
        resolution: &'a Resolution,
        text: &'a Text,
        page: &Page,
    ) -> Vec<FootnoteView<'a>> {
        let mut footnotes =
            self.footnotes(text, &format!("{}-", text.lang), page, Scope::OwnLanguage);
        for footnote in &mut footnotes {
            let id = footnote
                .id
                .trim_start_matches(&format!("{}-", text.lang))
                .to_string();
            let first = resolution
                .texts
                .iter()
                .find(|t| t.footnotes.iter().any(|f| f.id == id));
            if first.is_some_and(|t| t.lang == text.lang) {
                let shared =
                    self.notes_about(page, &NoteKey::Paragraph(id), &text.lang, Scope::Shared);
                footnote.notes.splice(0..0, shared);
            }
        }
        footnotes
    }

    /// Rows of the parallel page: every paragraph id held in any language, in text order.
    fn aligned_rows(&self, resolution: &'a Resolution, page: &Page, part: Part) -> Vec<Row<'a>> {
        let mut ids: Vec<(&'a str, &'static str, Option<&'a str>)> = Vec::new();
        for text in &resolution.texts {
            for p in part.paragraphs(text) {
                if !ids.iter().any(|(id, _, _)| *id == p.id) {
                    ids.push((&p.id, kind_name(p.kind), p.label.as_deref()));
                }
            }
        }
        ids.into_iter()
            .map(|(id, kind, label)| Row {
                id,
                kind,
                label,
                cells: resolution
                    .texts
                    .iter()
                    .map(|text| self.cell(page, text, id))
                    .collect(),
                notes: self.notes_about(
                    page,
                    &NoteKey::Paragraph(id.to_string()),
                    page.lang,
                    Scope::Shared,
                ),
                annotate_href: self.annotate_href(resolution, Some(id)),
            })
            .collect()
    }

    fn cell(&self, page: &Page, text: &'a Text, id: &str) -> Cell<'a> {
        let prefix = format!("{}-", text.lang);
        let key = NoteKey::Paragraph(id.to_string());
        let notes = self.notes_about(page, &key, &text.lang, Scope::OwnLanguage);
        let root = paths::root_of(page.path);
        match text.paragraph(id) {
            Some(p) => Cell {
                lang: &text.lang,
                html: Some(body_html(
                    &self.cited_html(&p.html, &p.cites, &text.lang, &root),
                    &text.lang,
                    &prefix,
                )),
                headings: &p.headings,
                gap: None,
                first_gap: false,
                notes,
            },
            None => {
                let lang = text.lang.as_str();
                let gap = match (text.complete, text.last_id()) {
                    (false, Some(last)) => {
                        self.strings
                            .sentence(lang, "gap_incomplete", &[("last", last)])
                    }
                    _ => self.strings.get(lang, "gap_missing").to_string(),
                };
                Cell {
                    lang,
                    html: None,
                    headings: &[],
                    gap: Some(gap),
                    first_gap: false,
                    notes,
                }
            }
        }
    }

    pub fn series_page(&self, page: &inventory::Page<'a>, series: &'a Series) -> SeriesPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let title = series_title(series, lang);
        SeriesPage {
            common: self.common(lang, path, title.to_string(), alternates),
            id: &series.id,
            title,
            description: series.description.get(lang).map(String::as_str),
            members: series
                .members
                .iter()
                .map(|m| self.member_link(m, lang, &root))
                .collect(),
            held: series.members.iter().filter(|m| m.held).count(),
            timeline: super::timeline::timeline(series),
            chart: self.chart(series, lang, &root),
            comparisons: self.comparison_summaries(series, lang, &root),
        }
    }

    /// Links from a resolution page to the comparisons it takes part in.
    fn compare_links(&self, resolution: &Resolution, lang: &str, root: &str) -> Vec<CompareLink> {
        let since = self
            .analysis
            .as_newer(resolution, lang)
            .map(|c| CompareLink {
                href: self.compare_href(c, root),
                label: self.strings.get(lang, "compare_since").to_string(),
                short: c.older.symbol.short().to_string(),
                direction: "since",
            });
        let later = self
            .analysis
            .as_older(resolution, lang)
            .map(|c| CompareLink {
                href: self.compare_href(c, root),
                label: self.strings.get(lang, "compare_in").to_string(),
                short: c.newer.symbol.short().to_string(),
                direction: "in",
            });
        since.into_iter().chain(later).collect()
    }

    fn comparison_summaries(
        &self,
        series: &Series,
        lang: &str,
        root: &str,
    ) -> Vec<ComparisonSummary> {
        let mut comparisons: Vec<&crate::analysis::Comparison> =
            self.analysis.in_series(&series.id).collect();
        comparisons.sort_by_key(|c| (c.lang != lang, crate::archive::sort_key(&c.newer.symbol)));
        comparisons
            .into_iter()
            .map(|c| ComparisonSummary {
                href: self.compare_href(c, root),
                older: c.older.symbol.short().to_string(),
                newer: c.newer.symbol.short().to_string(),
                counts_text: self.counts_in_words(&c.counts(), lang),
                hreflang: (c.lang != lang).then(|| c.lang.to_string()),
                lang_name: (c.lang != lang).then(|| self.strings.language_name(lang, c.lang)),
            })
            .collect()
    }
}

fn mark_first_gaps(sections: &mut [Section]) {
    let mut explained: Vec<&str> = Vec::new();
    for cell in sections
        .iter_mut()
        .flat_map(|s| s.rows.iter_mut())
        .flat_map(|r| r.cells.iter_mut())
    {
        if cell.gap.is_some() && !explained.contains(&cell.lang) {
            cell.first_gap = true;
            explained.push(cell.lang);
        }
    }
}

fn part_of(paragraph: &Paragraph, kind: ParagraphKind) -> bool {
    match kind {
        ParagraphKind::Operative => paragraph.kind != ParagraphKind::Preambular,
        other => paragraph.kind == other,
    }
}
