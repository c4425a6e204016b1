//! The home page and the session pages: what the archive holds, at a size that does not grow
//! with it.
//!
//! The home page opens on the series (each with its timeline), the latest notes and the list of
//! sessions; each session has its own page listing its resolutions (`<lang>/sessions/<n>.html`).
//! A home page that listed every resolution was 13 MB at 20,000 (issue 15); by session, it
//! holds one line per session (about 80 for the whole Assembly) and a session page the few
//! hundred texts of one year.

use serde::Serialize;

use super::{Common, ResolutionSummary, Views, paths, series_title};
use crate::archive::{NoteKey, Series};
use crate::render::inventory;
use crate::render::strings::Strings;

/// How many notes the home page lists.
const HOME_NOTES: usize = 5;

#[derive(Serialize)]
pub(crate) struct HomePage<'a> {
    pub common: Common<'a>,
    /// "4 resolutions, 4 sessions, 1 series".
    pub holdings: String,
    pub series: Vec<SeriesSummary<'a>>,
    /// The latest dated notes.
    pub notes: Vec<NoteSummary>,
    pub sessions: Vec<SessionLink>,
}

#[derive(Serialize)]
pub(crate) struct SeriesSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub known: usize,
    pub held: usize,
    pub timeline: Option<super::timeline::Timeline>,
}

/// A note as the home page lists it.
#[derive(Serialize)]
pub(crate) struct NoteSummary {
    pub href: String,
    pub symbol: String,
    pub date: String,
    /// The paragraph it is about; none for a note on the whole resolution.
    pub key: Option<String>,
    pub title: Option<String>,
    /// The language it is written in, when its file says and it is not the page's.
    pub written_in: Option<String>,
    /// Its first words.
    pub excerpt: String,
}

/// A link to a session's page.
#[derive(Serialize)]
pub(crate) struct SessionLink {
    pub session: Option<u32>,
    /// Set as a superscript: 62e, 62nd.
    pub session_suffix: Option<&'static str>,
    pub href: String,
    /// "1 resolution", "12 resolutions".
    pub count: String,
}

#[derive(Serialize)]
pub(crate) struct SessionPage<'a> {
    pub common: Common<'a>,
    pub session: Option<u32>,
    pub session_suffix: Option<&'static str>,
    pub count: String,
    pub resolutions: Vec<ResolutionSummary<'a>>,
    /// The sessions before and after it that the archive holds texts of.
    pub previous: Option<SessionLink>,
    pub next: Option<SessionLink>,
}

/// How many characters of a note the home page quotes.
const EXCERPT: usize = 180;

impl<'a> Views<'a> {
    pub fn home(&self, page: &inventory::Page<'a>) -> HomePage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let series = self
            .archive
            .series
            .iter()
            .map(|s| self.series_summary(s, lang, &root))
            .collect();
        let sessions: Vec<SessionLink> = (0..self.inventory.sessions().len())
            .map(|at| self.session_link(at, lang, &root))
            .collect();
        let counts = [
            ("resolutions", self.archive.resolutions.len()),
            ("sessions", sessions.len()),
            ("series", self.archive.series.len()),
        ];
        let holdings: Vec<String> = counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key, n)| self.strings.count(lang, key, *n))
            .collect();
        let title = self
            .config
            .language(lang)
            .map_or(String::new(), |l| l.title.clone());
        HomePage {
            common: self.common(lang, path, title, alternates),
            holdings: holdings.join(self.strings.get(lang, "list_separator")),
            series,
            notes: self.latest_notes(lang, &root),
            sessions,
        }
    }

    fn series_summary(&self, s: &'a Series, lang: &str, root: &str) -> SeriesSummary<'a> {
        SeriesSummary {
            id: &s.id,
            title: series_title(s, lang),
            href: format!("{root}{}", paths::series(lang, &s.id)),
            known: s.members.len(),
            held: s.members.iter().filter(|m| m.held).count(),
            timeline: self.timeline(s, lang, root),
        }
    }

    fn latest_notes(&self, lang: &str, root: &str) -> Vec<NoteSummary> {
        self.inventory
            .latest_notes(lang, HOME_NOTES)
            .into_iter()
            .map(|n| {
                let plain = n.note.plain_text();
                let mut excerpt: String = plain.chars().take(EXCERPT).collect();
                if excerpt.len() < plain.len() {
                    excerpt = format!("{}…", excerpt.trim_end());
                }
                NoteSummary {
                    href: format!("{root}{}", n.href),
                    symbol: n.resolution.symbol.to_string(),
                    date: self.strings.date(lang, n.date),
                    key: match &n.note.key {
                        NoteKey::Resolution => None,
                        NoteKey::Paragraph(id) => Some(id.clone()),
                    },
                    title: n.note.title.clone(),
                    written_in: n.written_in.filter(|w| *w != lang).map(str::to_string),
                    excerpt,
                }
            })
            .collect()
    }

    /// The link to the page of session `at` (an index in the inventory's sessions).
    fn session_link(&self, at: usize, lang: &str, root: &str) -> SessionLink {
        let session = &self.inventory.sessions()[at];
        SessionLink {
            session: session.number,
            session_suffix: session
                .number
                .map(|n| Strings::ordinal_suffix(lang, n, true)),
            href: format!("{root}{}", paths::session(lang, session.number)),
            count: self
                .strings
                .count(lang, "resolutions", session.resolutions.len()),
        }
    }

    /// The page of session `at` (an index in the inventory's sessions).
    pub fn session_page(&self, page: &inventory::Page<'a>, at: usize) -> SessionPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let session = &self.inventory.sessions()[at];
        let link = self.session_link(at, lang, &root);
        let title = match session.number {
            Some(n) => self.strings.sentence(
                lang,
                "session_title",
                &[(
                    "n",
                    &format!("{n}{}", Strings::ordinal_suffix(lang, n, true)),
                )],
            ),
            None => self.strings.get(lang, "session_other").to_string(),
        };
        // Sessions are listed the latest first: the next session is the one before in the list.
        let count = self.inventory.sessions().len();
        SessionPage {
            common: self.common(lang, path, title, alternates),
            session: link.session,
            session_suffix: link.session_suffix,
            count: link.count,
            resolutions: session
                .resolutions
                .iter()
                .rev()
                .map(|r| self.summary(r, lang, &root))
                .collect(),
            previous: (at + 1 < count && self.inventory.sessions()[at + 1].number.is_some())
                .then(|| self.session_link(at + 1, lang, &root)),
            next: at.checked_sub(1).map(|n| self.session_link(n, lang, &root)),
        }
    }
}
