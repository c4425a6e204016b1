//! The page views: one struct per template, built from the helpers of `views`.
//!
//! Kept apart from the shared helpers so that each page's shape can be read on its own; the
//! parallel page's alignment of paragraphs across languages lives here.

use serde::Serialize;

use crate::render::inventory;

use super::{
    Common, FootnoteView, Head, MemberLink, NoteView, Scope, SeriesRef, TextLink, TextView, Views,
    body_html, kind_name, paths, series_title,
};
use crate::archive::{NoteKey, Paragraph, ParagraphKind, Resolution, Series, Text};
use crate::render::notes::Page;

#[derive(Serialize)]
pub(crate) struct ResolutionPage<'a> {
    pub common: Common<'a>,
    pub head: Head<'a>,
    pub text: TextView<'a>,
    pub series: Option<SeriesRef<'a>>,
    pub predecessor: Option<MemberLink>,
    pub successor: Option<MemberLink>,
    /// The texts of the series held just before and after it, when not its official neighbours.
    pub previous_held: Option<MemberLink>,
    pub next_held: Option<MemberLink>,
    pub parallel_href: Option<String>,
    /// The views of the text a reader can choose (`theme/views.js`).
    pub views: ViewChoices,
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

/// What the view switch of a resolution page offers: each fragment is a script that calls
/// `recueilFragment(path, html)`.
#[derive(Serialize)]
pub(crate) struct ViewChoices {
    /// The text alone: the page itself, without a view chosen (`a-res-62-160.html`).
    pub text: String,
    /// This text's own fragment (its column of the side-by-side view).
    pub own: Option<String>,
    /// The other languages held, each with its fragment.
    pub side: Vec<SideChoice>,
    /// The comparison with the text this one is compared with, as a fragment.
    pub changes: Option<ChangesChoice>,
}

#[derive(Serialize)]
pub(crate) struct SideChoice {
    pub lang: String,
    pub name: String,
    pub src: String,
}

#[derive(Serialize)]
pub(crate) struct ChangesChoice {
    pub src: String,
    /// The older text: `61/168`.
    pub short: String,
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

/// One language's share of the side-by-side view (`text_fragment.html`).
#[derive(Serialize)]
pub(crate) struct TextFragment<'a> {
    pub common: Common<'a>,
    pub head: Head<'a>,
    pub columns: Vec<Column<'a>>,
    pub sections: Vec<Section<'a>>,
    pub series: Option<SeriesRef<'a>>,
    pub predecessor: Option<MemberLink>,
    pub successor: Option<MemberLink>,
    pub previous_held: Option<MemberLink>,
    pub next_held: Option<MemberLink>,
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
    /// The last paragraph named in the page's language, with its article.
    pub last_name: Option<String>,
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
    /// As a reader of the page names it, with its article.
    pub name: String,
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
    /// Why its lead verb is marked: another rank in another language (`views/force.rs`).
    pub force_note: Option<String>,
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
    /// The force of each paragraph's lead verb, text after text (`views/force.rs`).
    pub force: Option<super::force::ForceSeries>,
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
        let (previous_held, next_held) = self.held_neighbours(resolution, lang, &root);
        let page = Page {
            archive: self.archive,
            resolution,
            lang,
            path,
            parallel: false,
            strings: self.strings,
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
        let mut common = self.common(lang, path, page_title, alternates);
        common.highlight = self.shows_code(resolution, &[lang]);
        ResolutionPage {
            common,
            head,
            cited_by: self.cited_by(&resolution.symbol, lang, &root),
            references_href: format!("{root}{}", paths::references(lang)),
            comparisons: self.compare_links(resolution, lang, &root),
            text: self.mark_language_disagreements(
                resolution,
                text,
                self.text_with_history(resolution, text, &page, &root),
            ),
            series: self
                .series_of(resolution)
                .map(|s| self.series_ref(s, lang, &root)),
            predecessor,
            successor,
            previous_held,
            next_held,
            parallel_href: self.parallel_href(resolution, lang, &root),
            views: self.view_choices(resolution, lang, &root),
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

    /// One language's share of the side-by-side view: every paragraph held in any language in
    /// text order (the same rows in every language's fragment, so that the view lines up any two
    /// of them), with `only`'s text, or the reason of its absence, and `only`'s notes. Links are
    /// written for the page that shows it (`paths::fragment_host`).
    pub fn text_fragment(
        &self,
        page: &inventory::Page<'a>,
        resolution: &'a Resolution,
        only: &'a Text,
    ) -> TextFragment<'a> {
        let lang = page.lang;
        let host = paths::fragment_host(lang, &resolution.slug);
        let root = paths::root_of(&host);
        let head = self.head(resolution, lang);
        let page = Page {
            archive: self.archive,
            resolution,
            lang,
            path: &host,
            parallel: true,
            strings: self.strings,
        };
        let columns = vec![Column {
            lang: &only.lang,
            name: self.name_of(&only.lang),
            title: self.title_in(resolution, &only.lang).0,
            href: format!("{root}{}", paths::resolution(&only.lang, &resolution.slug)),
            complete: only.complete,
            last_id: only.last_id(),
            last_name: only
                .last_id()
                .map(|id| self.strings.paragraph_name_the(lang, id)),
            remark: only.remark.as_deref(),
            opening: only.opening.as_deref(),
            footnotes: self.column_footnotes(resolution, only, &page),
        }];
        let own = [ParagraphKind::Preambular, ParagraphKind::Operative]
            .into_iter()
            .map(|kind| Section {
                kind: kind_name(kind),
                id: None,
                annex_heads: Vec::new(),
                rows: self.aligned_rows(resolution, &page, Part::Own(kind), only),
            });
        let annexes = resolution.texts.iter().map(|t| t.annexes.len()).max();
        let annexes = (0..annexes.unwrap_or(0)).map(|i| Section {
            kind: kind_name(ParagraphKind::Annex),
            id: resolution
                .texts
                .iter()
                .find_map(|t| t.annexes.get(i))
                .map(|a| a.id.as_str()),
            annex_heads: vec![AnnexHead {
                lang: &only.lang,
                heading: only.annexes.get(i).map(|a| a.heading.as_str()),
                title: only.annexes.get(i).and_then(|a| a.title.as_deref()),
            }],
            rows: self.aligned_rows(resolution, &page, Part::Annex(i), only),
        });
        let mut sections: Vec<Section> =
            own.chain(annexes).filter(|s| !s.rows.is_empty()).collect();
        mark_first_gaps(&mut sections);
        self.mark_side_disagreements(resolution, only, &mut sections);
        let (predecessor, successor) = self.lineage(resolution, lang, &root);
        let (previous_held, next_held) = self.held_neighbours(resolution, lang, &root);
        TextFragment {
            common: self.common(lang, &host, String::new(), Vec::new()),
            head,
            columns,
            sections,
            series: self
                .series_of(resolution)
                .map(|s| self.series_ref(s, lang, &root)),
            predecessor,
            successor,
            previous_held,
            next_held,
            general_notes: Vec::new(),
        }
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

    /// Rows of the side-by-side view: every paragraph id held in any language, in text order,
    /// each with its cell in `only`'s language.
    fn aligned_rows(
        &self,
        resolution: &'a Resolution,
        page: &Page,
        part: Part,
        only: &'a Text,
    ) -> Vec<Row<'a>> {
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
                name: self.strings.paragraph_name_the(page.lang, id),
                kind,
                label,
                cells: vec![self.cell(page, only, id)],
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
                force_note: None,
            },
            None => {
                let lang = text.lang.as_str();
                let gap = match (text.complete, text.last_id()) {
                    (false, Some(last)) => {
                        let last = self.strings.paragraph_name_the(lang, last);
                        self.strings
                            .sentence(lang, "gap_incomplete", &[("last", &last)])
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
                    force_note: None,
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
            timeline: self.timeline(series, lang, &root),
            chart: self.chart(series, lang, &root),
            force: self.force_series(series, lang, &root),
            comparisons: self.comparison_summaries(series, lang, &root),
        }
    }

    /// The views a resolution page offers besides its text.
    fn view_choices(&self, resolution: &Resolution, lang: &str, root: &str) -> ViewChoices {
        let fragments: Vec<&inventory::Page> = self.inventory.fragments_of(resolution).collect();
        let src = |l: &str| {
            let page = fragments.iter().find(|p| p.lang == l)?;
            Some(format!("{root}{}", page.path))
        };
        ViewChoices {
            text: format!("{}.html", resolution.slug),
            own: src(lang),
            side: resolution
                .texts
                .iter()
                .filter(|t| t.lang != lang)
                .filter_map(|t| {
                    Some(SideChoice {
                        lang: t.lang.clone(),
                        name: self.strings.language_name(lang, &t.lang),
                        src: src(&t.lang)?,
                    })
                })
                .collect(),
            changes: self
                .analysis
                .as_newer(resolution, lang)
                .map(|c| ChangesChoice {
                    src: format!(
                        "{root}{}",
                        paths::compare_fragment(lang, &c.older.slug, &c.newer.slug)
                    ),
                    short: c.older.symbol.short().to_string(),
                }),
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
