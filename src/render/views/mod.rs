//! Borrowed, serializable views of the archive: what each template sees.
//!
//! Views are built per page from the immutable archive. They resolve what templates should not
//! compute: relative links (every href is relative to the page, so the site works from `file://`
//! and under any subpath), the language a link leads to, dates in words, and the alignment of
//! paragraphs across languages.

mod chart;
mod citing;
mod compare;
mod force;
mod history;
mod home;
mod html;
mod links;
mod notes;
mod pages;
pub(crate) mod paths;
mod redirect;
pub(crate) mod references;
mod search;
mod text;
mod timeline;

use serde::Serialize;

use html::body_html;
pub(crate) use notes::{NoteView, Scope};
pub(crate) use text::TextView;

use crate::analysis::Analysis;
use std::collections::HashMap;

use crate::archive::{
    Archive, Derivation, Footnote, Member, Paragraph, ParagraphKind, Resolution, Series, Symbol,
    Text,
};
use crate::archive::{NoteKey, Notes};
use crate::config::Config;
use crate::render::escape::html as escape;
use crate::render::inventory::{self, Inventory};
use crate::render::notes::Page;
use crate::render::strings::Strings;

/// What every page shares: its language, the way back to the site root, the interface words.
#[derive(Serialize)]
pub(crate) struct Common<'a> {
    pub lang: &'a str,
    /// The site's default language (the `x-default` alternate).
    pub default_lang: &'a str,
    /// Relative path from the page to the site root: `""`, `"../"`, `"../../"`.
    pub root: String,
    pub site_title: &'a str,
    pub site_description: &'a str,
    pub t: &'a tera::Value,
    pub page_title: String,
    pub alternates: Vec<Alternate>,
    /// The home page in this language.
    pub home_href: String,
    /// The search page in this language.
    pub search_href: String,
    /// The page's published address, when `site-url` is set.
    pub canonical: Option<String>,
    /// The Atom feed of this language, when the site has one (it needs `site-url`).
    pub feed_href: Option<String>,
    /// The page shows highlighted code (a note's fenced code): it loads the highlighting
    /// stylesheets, which no other page needs.
    pub highlight: bool,
}

/// An entry of the language switch.
#[derive(Serialize)]
pub(crate) struct Alternate {
    pub lang: String,
    /// The language's own name (`English`), as a language switch shows it.
    pub name: String,
    /// Its name in the page's language (`anglais`), for the page's own sentences.
    pub name_here: String,
    /// None when the page does not exist in that language.
    pub href: Option<String>,
    /// The published address of that page, when `site-url` is set (for `hreflang` links).
    pub url: Option<String>,
    pub current: bool,
}

/// Builds views for one site; cheap to share across render threads.
pub(crate) struct Views<'a> {
    pub config: &'a Config,
    pub archive: &'a Archive,
    pub analysis: &'a Analysis<'a>,
    pub strings: &'a Strings,
    /// Notes read again since the archive was loaded (`serve` after a notes file changed), by
    /// slug: they replace the resolution's own.
    pub edited_notes: &'a HashMap<String, Notes>,
    /// Every page of the site: each view's own path and language switch come from it.
    pub inventory: &'a Inventory<'a>,
}

#[derive(Serialize)]
pub(crate) struct ResolutionSummary<'a> {
    pub symbol: &'a str,
    pub short: &'a str,
    pub title: &'a str,
    /// Set when the title is not in the page's language.
    pub title_lang: Option<&'a str>,
    pub adopted: Option<String>,
    pub href: String,
    pub texts: Vec<TextLink>,
    pub parallel_href: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct TextLink {
    pub lang: String,
    pub name: String,
    pub href: String,
    pub complete: bool,
}

#[derive(Serialize)]
pub(crate) struct Head<'a> {
    pub symbol: &'a str,
    pub short: &'a str,
    pub title: &'a str,
    pub title_lang: Option<&'a str>,
    pub session: Option<u32>,
    pub agenda_item: Option<&'a str>,
    /// The agenda item's title in the page's language, else in another one (`agenda_title_lang`).
    pub agenda_title: Option<&'a str>,
    pub agenda_title_lang: Option<&'a str>,
    pub adopted: Option<String>,
    pub meeting: Option<u32>,
    /// Set as a superscript after the meeting number: `e`, `th`.
    pub meeting_suffix: Option<&'static str>,
    pub committee: Option<String>,
    /// Adopted without reference to a Main Committee: the committee line reads "Main Committee:
    /// none", not "On the report of the plenary".
    pub plenary: bool,
    pub report: Vec<Official>,
    /// The draft adopted in plenary (`A/80/L.2/Rev.1`).
    pub draft: Option<Official>,
    pub distributed: Option<String>,
    pub vote: Option<String>,
    pub official: Official,
}

#[derive(Serialize)]
pub(crate) struct Official {
    pub symbol: String,
    pub href: String,
}

/// A link to a member of a series, wherever it can be read.
#[derive(Serialize)]
pub(crate) struct MemberLink {
    pub symbol: String,
    pub short: String,
    pub href: String,
    pub held: bool,
    /// The language of the linked page when it is not the page's own.
    pub hreflang: Option<String>,
    pub lang_name: Option<String>,
    pub adopted: Option<String>,
    pub title: Option<String>,
    pub session: Option<u32>,
    pub session_suffix: Option<&'static str>,
    pub source: Option<String>,
    /// The paragraph of the page's text recalling this member, when that is how the lineage
    /// is known.
    pub recalled_in: Option<String>,
    /// That paragraph named, with its article.
    pub recalled_in_name: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct SeriesRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct ParagraphView<'a> {
    pub id: &'a str,
    /// As a reader names it, with its article: "l’alinéa 2 du préambule".
    pub name: String,
    pub kind: &'static str,
    pub label: Option<&'a str>,
    /// The section headings shown before it.
    pub headings: &'a [String],
    pub html: String,
    /// Its sub-paragraphs; theirs hold their items `(i)`.
    pub subs: Vec<ParagraphView<'a>>,
    /// Contributors' notes about it.
    pub notes: Vec<NoteView>,
    /// Where to write a note about it (with `repository-url` in book.toml).
    pub annotate_href: Option<String>,
    /// Where the paragraph comes from (resolution pages of texts that take part in a comparison).
    pub history: Option<history::HistoryView>,
    /// Why its lead verb is marked: another rank in another language (`views/force.rs`).
    pub force_note: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct FootnoteView<'a> {
    pub id: String,
    pub label: &'a str,
    pub html: String,
    pub backrefs: Vec<String>,
    pub notes: Vec<NoteView>,
}

fn kind_name(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Preambular => "preambular",
        ParagraphKind::Operative => "operative",
        ParagraphKind::Sub => "sub",
        ParagraphKind::Annex => "annex",
    }
}

impl<'a> Views<'a> {
    /// The notes of `resolution`: as edited since loading, else as loaded.
    pub(crate) fn notes_of<'r>(&self, resolution: &'r Resolution) -> &'r Notes
    where
        'a: 'r,
    {
        self.edited_notes
            .get(&resolution.slug)
            .unwrap_or(&resolution.notes)
    }

    fn name_of(&self, lang: &str) -> String {
        self.strings.get(lang, "language_name").to_string()
    }

    pub fn common(
        &self,
        lang: &'a str,
        path: &str,
        page_title: String,
        alternates: Vec<Alternate>,
    ) -> Common<'a> {
        let language = self.config.language(lang);
        let root = paths::root_of(path);
        Common {
            lang,
            default_lang: &self.config.default_language,
            home_href: format!("{root}{}", paths::home(lang, &self.config.default_language)),
            search_href: format!("{root}{}", paths::search(lang)),
            canonical: self.published_url(path),
            highlight: false,
            feed_href: self
                .config
                .site_url
                .as_ref()
                .map(|_| format!("{root}{}", paths::feed(lang))),
            root,
            site_title: language.map_or("", |l| l.title.as_str()),
            site_description: language.map_or("", |l| l.description.as_str()),
            t: self.strings.value(lang),
            page_title,
            alternates,
        }
    }

    /// The address a page is published at: `site-url` and its path, `index.html` left out.
    pub fn published_url(&self, path: &str) -> Option<String> {
        let site = self.config.site_url.as_deref()?;
        Some(format!("{site}{}", paths::without_index(path)))
    }

    /// The language switch: the same page in each language, when it exists.
    pub fn alternates(&self, page: &inventory::Page, root: &str) -> Vec<Alternate> {
        let versions = self.inventory.language_versions(page);
        self.config
            .language_codes()
            .map(|lang| {
                let path = versions.iter().find(|p| p.lang == lang).map(|p| &p.path);
                Alternate {
                    lang: lang.to_string(),
                    name: self.name_of(lang),
                    name_here: self.strings.language_name(page.lang, lang),
                    url: path.and_then(|p| self.published_url(p)),
                    href: path.map(|p| format!("{root}{p}")),
                    current: lang == page.lang,
                }
            })
            .collect()
    }

    /// The relative link to the side-by-side view of `resolution` from `lang` (its page in
    /// `lang`, else in the first language held, beside the next language held), when it is held
    /// in more than one language.
    fn parallel_href(&self, resolution: &Resolution, lang: &str, root: &str) -> Option<String> {
        paths::side_by_side(resolution, lang).map(|p| format!("{root}{p}"))
    }

    fn title_in<'r>(&self, resolution: &'r Resolution, lang: &str) -> (&'r str, Option<&'r str>) {
        if let Some(title) = resolution.title(lang) {
            return (title, None);
        }
        match resolution.meta.title.iter().next() {
            Some((other, title)) => (title, Some(other.as_str())),
            None => (resolution.symbol.as_str(), None),
        }
    }

    /// Links to each language version, languages named in the words of the page (`lang`).
    fn text_links(&self, resolution: &Resolution, lang: &str, root: &str) -> Vec<TextLink> {
        resolution
            .texts
            .iter()
            .map(|text| TextLink {
                lang: text.lang.clone(),
                name: self.strings.language_name(lang, &text.lang),
                href: format!("{root}{}", paths::resolution(&text.lang, &resolution.slug)),
                complete: text.complete,
            })
            .collect()
    }

    /// Where a reader of `lang` reads `resolution`: its page in `lang`, or else in the first language held.
    fn reading_path(&self, resolution: &Resolution, lang: &str) -> (String, Option<String>) {
        match resolution.text(lang).or_else(|| resolution.texts.first()) {
            Some(text) => (
                paths::resolution(&text.lang, &resolution.slug),
                (text.lang != lang).then(|| text.lang.clone()),
            ),
            None => (resolution.symbol.official_url(lang), None),
        }
    }

    pub fn summary(
        &self,
        resolution: &'a Resolution,
        lang: &str,
        root: &str,
    ) -> ResolutionSummary<'a> {
        let (title, title_lang) = self.title_in(resolution, lang);
        let (path, _) = self.reading_path(resolution, lang);
        ResolutionSummary {
            symbol: resolution.symbol.as_str(),
            short: resolution.symbol.short(),
            title,
            title_lang,
            adopted: resolution.meta.adopted.map(|d| self.strings.date(lang, d)),
            href: format!("{root}{path}"),
            texts: self.text_links(resolution, lang, root),
            parallel_href: self.parallel_href(resolution, lang, root),
        }
    }

    pub fn head(&self, resolution: &'a Resolution, lang: &str) -> Head<'a> {
        let meta = &resolution.meta;
        let (title, title_lang) = self.title_in(resolution, lang);
        let official = |symbol: &Symbol| Official {
            symbol: symbol.to_string(),
            href: symbol.official_url(lang),
        };
        let (agenda_title, agenda_title_lang) = match meta.agenda_title.get(lang) {
            Some(title) => (Some(title.as_str()), None),
            None => match meta.agenda_title.iter().next() {
                Some((other, title)) => (Some(title.as_str()), Some(other.as_str())),
                None => (None, None),
            },
        };
        Head {
            symbol: resolution.symbol.as_str(),
            short: resolution.symbol.short(),
            title,
            title_lang,
            session: resolution.session(),
            agenda_item: meta.agenda_item.as_deref(),
            agenda_title,
            agenda_title_lang,
            adopted: meta.adopted.map(|d| self.strings.date(lang, d)),
            meeting: meta.meeting,
            meeting_suffix: meta.meeting.map(|n| Strings::ordinal_suffix(lang, n, true)),
            committee: meta
                .committee
                .map(|c| self.strings.committee(lang, c.key())),
            plenary: meta.committee == Some(crate::formats::meta::Committee::Plenary),
            report: meta.report.iter().map(official).collect(),
            draft: meta.draft.as_ref().map(official),
            distributed: meta.distributed.map(|d| self.strings.date(lang, d)),
            vote: meta.vote.as_ref().map(|vote| {
                if vote.without_vote {
                    self.strings.get(lang, "without_vote").to_string()
                } else {
                    let n = |v: Option<u32>| v.map_or("?".to_string(), |n| n.to_string());
                    self.strings.sentence(
                        lang,
                        "recorded_vote",
                        &[
                            ("in_favour", &n(vote.in_favour)),
                            ("against", &n(vote.against)),
                            ("abstaining", &n(vote.abstaining)),
                        ],
                    )
                }
            }),
            official: official(&resolution.symbol),
        }
    }

    pub fn member_link(&self, member: &Member, lang: &str, root: &str) -> MemberLink {
        let held = self.archive.resolution(&member.symbol);
        let (href, hreflang, title) = match held {
            Some(resolution) => {
                let (path, other) = self.reading_path(resolution, lang);
                let (title, _) = self.title_in(resolution, lang);
                (format!("{root}{path}"), other, Some(title.to_string()))
            }
            None => (member.symbol.official_url(lang), None, None),
        };
        MemberLink {
            symbol: member.symbol.to_string(),
            short: member.symbol.short().to_string(),
            href,
            held: held.is_some(),
            lang_name: hreflang
                .as_deref()
                .map(|l| self.strings.language_name(lang, l)),
            hreflang,
            adopted: member.adopted.map(|d| self.strings.date(lang, d)),
            title,
            session: member.symbol.ga_session(),
            session_suffix: member
                .symbol
                .ga_session()
                .map(|n| Strings::ordinal_suffix(lang, n, true)),
            source: member.source.clone(),
            recalled_in: None,
            recalled_in_name: None,
        }
    }

    fn lineage(
        &self,
        resolution: &Resolution,
        lang: &str,
        root: &str,
    ) -> (Option<MemberLink>, Option<MemberLink>) {
        let Some(member) = self.archive.member(resolution) else {
            return (None, None);
        };
        let series = resolution
            .meta
            .series
            .as_deref()
            .and_then(|id| self.archive.series(id));
        let find = |symbol: &Option<Symbol>| {
            let symbol = symbol.as_ref()?;
            let member = series?.members.iter().find(|m| &m.symbol == symbol)?;
            Some(self.member_link(member, lang, root))
        };
        let mut predecessor = find(&member.predecessor);
        if let (Some(link), Some(Derivation::Recalled { paragraph })) =
            (predecessor.as_mut(), &member.derivation)
        {
            link.recalled_in = Some(paragraph.clone());
            link.recalled_in_name = Some(self.strings.paragraph_name_the(lang, paragraph));
        }
        (predecessor, find(&member.successor))
    }

    /// The texts of `resolution`'s series that the archive holds just before and after it (in
    /// the series' order, by session), when they are not its official neighbours already: the
    /// official predecessor is often not held (a link to undocs.org), and a reader wants the
    /// previous text they can read here one click away.
    fn held_neighbours(
        &self,
        resolution: &Resolution,
        lang: &str,
        root: &str,
    ) -> (Option<MemberLink>, Option<MemberLink>) {
        let Some(series) = self.series_of(resolution) else {
            return (None, None);
        };
        let members = &series.members;
        let Some(at) = members.iter().position(|m| m.symbol == resolution.symbol) else {
            return (None, None);
        };
        let Some(own) = self.archive.member(resolution) else {
            return (None, None);
        };
        let previous = members[..at]
            .iter()
            .rev()
            .find(|m| m.held)
            .filter(|m| own.predecessor.as_ref() != Some(&m.symbol));
        let next = members[at + 1..]
            .iter()
            .find(|m| m.held)
            .filter(|m| own.successor.as_ref() != Some(&m.symbol));
        let link = |m: &Member| self.member_link(m, lang, root);
        (previous.map(link), next.map(link))
    }

    pub fn series_ref(&self, series: &'a Series, lang: &str, root: &str) -> SeriesRef<'a> {
        SeriesRef {
            id: &series.id,
            title: series_title(series, lang),
            href: format!("{root}{}", paths::series(lang, &series.id)),
        }
    }

    fn series_of(&self, resolution: &Resolution) -> Option<&'a Series> {
        self.archive.series(resolution.meta.series.as_deref()?)
    }

    /// A paragraph of a text in `lang` on a resolution page: its citations linked, its notes.
    pub fn paragraph(
        &self,
        paragraph: &'a Paragraph,
        lang: &str,
        page: &Page,
    ) -> ParagraphView<'a> {
        let root = paths::root_of(page.path);
        let html = self.cited_html(&paragraph.html, &paragraph.cites, lang, &root);
        let key = NoteKey::Paragraph(paragraph.id.clone());
        ParagraphView {
            id: &paragraph.id,
            name: self.strings.paragraph_name_the(lang, &paragraph.id),
            kind: kind_name(paragraph.kind),
            label: paragraph.label.as_deref(),
            headings: &paragraph.headings,
            html: body_html(&html, lang, ""),
            subs: paragraph
                .subs
                .iter()
                .map(|s| self.paragraph(s, lang, page))
                .collect(),
            notes: self.notes_about(page, &key, lang, Scope::All),
            annotate_href: self.annotate_href(page.resolution, Some(&paragraph.id)),
            history: None,
            force_note: None,
        }
    }

    /// The footnotes of `text`, citations linked; `prefix` sets their anchors apart (parallel
    /// page), `scope` says which notes on them this place shows.
    pub fn footnotes(
        &self,
        text: &'a Text,
        prefix: &str,
        page: &Page,
        scope: Scope,
    ) -> Vec<FootnoteView<'a>> {
        let root = paths::root_of(page.path);
        text.footnotes
            .iter()
            .map(|f: &'a Footnote| FootnoteView {
                id: format!("{prefix}{}", f.id),
                label: &f.label,
                html: body_html(
                    &self.cited_html(&f.html, &f.cites, &text.lang, &root),
                    &text.lang,
                    "",
                ),
                backrefs: f.refs.iter().map(|r| format!("#{prefix}{r}")).collect(),
                notes: self.notes_about(page, &NoteKey::Paragraph(f.id.clone()), &text.lang, scope),
            })
            .collect()
    }
}

pub(super) fn series_title<'s>(series: &'s Series, lang: &str) -> &'s str {
    series
        .title
        .get(lang)
        .or_else(|| series.title.values().next())
        .map_or(series.id.as_str(), String::as_str)
}
