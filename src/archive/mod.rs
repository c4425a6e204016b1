//! The archive model: every resolution, its language versions as structured paragraphs, the
//! series and their lineage. Built once by `load` and never mutated afterwards, so that analysis
//! and rendering can share it across threads by reference.
//!
//! The model holds facts, not presentation: it never renders itself. Templates see it through the
//! borrowed views of `render::views`.

pub mod citations;
pub mod lineage;
mod lineage_check;
pub mod notes;
pub mod references;
pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::formats::meta::Meta;
pub use crate::formats::symbol::Symbol;
pub use notes::{Note, NoteFile, NoteKey, NoteLink, Notes};
pub use text::{Annex, Footnote, Paragraph, ParagraphKind, Text};

/// The whole archive, sorted: resolutions by (session, number), series by id.
#[derive(Debug, Default)]
pub struct Archive {
    pub resolutions: Vec<Resolution>,
    pub series: Vec<Series>,
    /// For every document the texts cite, the paragraphs citing it.
    pub citations: citations::Citations,
    by_symbol: HashMap<Symbol, usize>,
}

/// A resolution held by the archive.
#[derive(Debug)]
pub struct Resolution {
    pub symbol: Symbol,
    pub slug: String,
    /// `content/resolutions/<slug>/`.
    pub dir: PathBuf,
    pub meta: Meta,
    /// The line of each top-level key of meta.yaml, to locate problems found later.
    pub meta_lines: BTreeMap<String, usize>,
    /// Language versions in the configuration's language order.
    pub texts: Vec<Text>,
    /// Contributors' notes (`notes.md`, `notes.<lang>.md`).
    pub notes: Notes,
}

/// A yearly series of resolutions on one subject.
#[derive(Debug)]
pub struct Series {
    pub id: String,
    pub path: PathBuf,
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    /// Every known member, held or not, in order of session.
    pub members: Vec<Member>,
}

/// A member of a series: held by the archive or only known from other records.
#[derive(Debug, Clone)]
pub struct Member {
    pub symbol: Symbol,
    pub held: bool,
    pub adopted: Option<jiff::civil::Date>,
    /// Where a member not held is known from.
    pub source: Option<String>,
    pub predecessor: Option<Symbol>,
    /// How the predecessor is known.
    pub derivation: Option<Derivation>,
    pub successor: Option<Symbol>,
}

/// How a member's predecessor is known: stated in meta.yaml, recalled by its text, or only the
/// member before it in the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Derivation {
    Stated,
    /// The text recalls it ("Rappelant sa résolution 61/168") in this paragraph.
    Recalled {
        paragraph: String,
    },
    Order,
}

impl Archive {
    /// Assembles the archive; `resolutions` and `series` are sorted here.
    pub(crate) fn new(mut resolutions: Vec<Resolution>, mut series: Vec<Series>) -> Archive {
        resolutions.sort_by_key(|r| sort_key(&r.symbol));
        series.sort_by(|a, b| a.id.cmp(&b.id));
        let by_symbol = resolutions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.symbol.clone(), i))
            .collect();
        let citations = citations::Citations::build(&resolutions);
        Archive {
            resolutions,
            series,
            citations,
            by_symbol,
        }
    }

    pub fn resolution(&self, symbol: &Symbol) -> Option<&Resolution> {
        self.by_symbol.get(symbol).map(|&i| &self.resolutions[i])
    }

    /// Called for every page that shows lineage: series are sorted by id, so it is a binary search.
    pub fn series(&self, id: &str) -> Option<&Series> {
        let found = self
            .series
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()?;
        Some(&self.series[found])
    }

    /// The series member entry for a held resolution, with its lineage.
    pub fn member(&self, resolution: &Resolution) -> Option<&Member> {
        let series = self.series(resolution.meta.series.as_deref()?)?;
        series
            .members
            .iter()
            .find(|m| m.symbol == resolution.symbol)
    }
}

impl Resolution {
    pub fn text(&self, lang: &str) -> Option<&Text> {
        self.texts.iter().find(|t| t.lang == lang)
    }

    pub fn title(&self, lang: &str) -> Option<&str> {
        self.meta.title.get(lang).map(String::as_str)
    }

    /// A problem located at `key` in this resolution's meta.yaml.
    pub fn meta_problem(
        &self,
        key: &str,
        problem: impl FnOnce(PathBuf) -> crate::diag::Problem,
    ) -> crate::diag::Problem {
        problem(self.dir.join("meta.yaml")).at_line(self.meta_lines.get(key).copied())
    }

    pub fn session(&self) -> Option<u32> {
        self.meta.session.or_else(|| self.symbol.ga_session())
    }
}

/// Orders symbols as the Assembly does: by session, then number, then the symbol itself.
pub fn sort_key(symbol: &Symbol) -> (u32, u32, String) {
    (
        symbol.ga_session().unwrap_or(u32::MAX),
        symbol.ga_number().unwrap_or(u32::MAX),
        symbol.as_str().to_string(),
    )
}
