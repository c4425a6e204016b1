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
/// How many series the home page draws with their timelines (those holding the most texts);
/// the series' index lists them all. The Assembly has hundreds of yearly series: a home page
/// drawing each would grow with the archive (about 5 KB a timeline).
pub(crate) const HOME_SERIES: usize = 6;

#[derive(Serialize)]
pub(crate) struct HomePage<'a> {
    pub common: Common<'a>,
    /// "4 resolutions, 4 sessions, 1 series".
    pub holdings: String,
    /// The series holding the most texts, at most [`HOME_SERIES`].
    pub series: Vec<SeriesSummary<'a>>,
    /// How many series the archive has, and the page listing them all.
    pub series_count: usize,
    pub series_index_href: String,
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

/// The page listing every series.
#[derive(Serialize)]
pub(crate) struct SeriesIndex<'a> {
    pub common: Common<'a>,
    pub series: Vec<SeriesSummary<'a>>,
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
        let mut largest: Vec<&Series> = self.archive.series.iter().collect();
        let held = |s: &Series| s.members.iter().filter(|m| m.held).count();
        // Stable: series holding as many texts keep the archive's order (by id).
        largest.sort_by_key(|s| std::cmp::Reverse(held(s)));
        let series = largest
            .into_iter()
            .take(HOME_SERIES)
            .map(|s| self.series_summary(s, lang, &root, true))
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
            series_count: self.archive.series.len(),
            series_index_href: format!("{root}{}", paths::series_index(lang)),
            notes: self.latest_notes(lang, &root),
            sessions,
        }
    }

    /// Every series, one line each, by id.
    pub fn series_index(&self, page: &inventory::Page<'a>) -> SeriesIndex<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let title = self.strings.get(lang, "all_series").to_string();
        SeriesIndex {
            common: self.common(lang, path, title, alternates),
            series: (self.archive.series.iter())
                .map(|s| self.series_summary(s, lang, &root, false))
                .collect(),
        }
    }

    /// A series as a list shows it; `drawn`: with its timeline.
    fn series_summary(
        &self,
        s: &'a Series,
        lang: &str,
        root: &str,
        drawn: bool,
    ) -> SeriesSummary<'a> {
        SeriesSummary {
            id: &s.id,
            title: series_title(s, lang),
            href: format!("{root}{}", paths::series(lang, &s.id)),
            known: s.members.len(),
            held: s.members.iter().filter(|m| m.held).count(),
            timeline: drawn.then(|| self.timeline(s, lang, root)).flatten(),
        }
    }

    fn latest_notes(&self, lang: &str, root: &str) -> Vec<NoteSummary> {
        self.inventory
            .latest_notes(lang, HOME_NOTES, |r| self.notes_of(r))
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

#[cfg(test)]
mod tests {
    use crate::analysis::Analysis;
    use crate::config::Config;
    use crate::corpus::{Options, generate};
    use crate::render::Renderer;
    use crate::render::inventory::Kind;

    /// The home page of a generated archive of `n` resolutions in `series` series: its bytes
    /// besides the timelines, its number of timelines and the marks on them, and the
    /// resolutions its session pages list.
    fn home_of(n: usize, series: usize) -> (usize, usize, usize, usize) {
        let dir = tempfile::tempdir().unwrap();
        let options = Options {
            resolutions: n,
            series,
            seed: 7,
        };
        generate(dir.path(), &options).expect("the corpus is written");
        let config = Config::load(dir.path()).expect("its book.toml");
        let loaded = crate::load::load(&config).expect("it loads");
        let analysis = Analysis::run(&loaded.archive);
        let renderer = Renderer::new(&config, &loaded.archive, &analysis).expect("templates");
        let html = |page| String::from_utf8(renderer.page(page).expect("renders").bytes).unwrap();
        let pages = renderer.pages();
        let home = pages.iter().find(|p| p.path == "index.html").unwrap();
        let home = html(home);
        let listed: usize = pages
            .iter()
            .filter(|p| matches!(p.kind, Kind::Session(_)) && p.lang == "fr")
            .map(|p| html(p).matches("class=\"resolution-link\"").count())
            .sum();
        let figures: usize = home
            .split("<figure class=\"timeline\"")
            .skip(1)
            .map(|rest| rest.find("</figure>").unwrap())
            .sum();
        let drawn = home.matches("<figure class=\"timeline\"").count();
        let marks = home.matches("<a class=\"mark").count();
        (home.len() - figures, drawn, marks, listed)
    }

    #[test]
    fn the_home_page_does_not_grow_with_the_archive_and_session_pages_list_every_text() {
        let (small, small_drawn, small_marks, small_listed) = home_of(40, 8);
        let (large, large_drawn, large_marks, large_listed) = home_of(160, 8);
        assert_eq!((small_listed, large_listed), (40, 160));
        assert_eq!(small_drawn, super::HOME_SERIES);
        assert_eq!(large_drawn, super::HOME_SERIES);
        // Four times the texts: a few more sessions, not a line per text (the old home page
        // grew by about 700 bytes a resolution). The timelines have one mark per member of the
        // series drawn: at most one per session, whatever the archive holds besides.
        assert!(
            large < small + 4_000,
            "home page besides its timelines: {small} bytes for 40 resolutions, {large} for 160"
        );
        assert!(large_marks <= super::HOME_SERIES * 80, "{large_marks}");
        assert!(small_marks < large_marks);
    }
}
