//! The references pages: every document the archive cites, split by symbol prefix so that no
//! page grows with the archive.
//!
//! `<lang>/references.html` (an address readers share) is the index: one link per group with its
//! count. Each group, `<lang>/references/<key>.html`, lists its documents with the paragraphs
//! citing them. A General Assembly resolution is grouped by session (`A/RES/62`: a few hundred
//! documents at most); any other symbol by its first two parts (`E/CN.4`, `A/HRC`, `S/RES`,
//! `A/67`): the organ and the series or session that name its documents. The inventory makes
//! the groups once ([`cited_groups`]); the pages read them from it.

use std::collections::HashMap;

use serde::Serialize;

use super::citing::CitingView;
use super::{Views, paths};
use crate::archive::Symbol;
use crate::archive::citations::Citations;
use crate::render::inventory;

/// The citing resolutions a list shows in full; beyond, a document's citations are split by the
/// session of the citing resolution, one page each (`<lang>/references/<key>/<document>/<session>.html`),
/// so that a document cited by thousands of texts (the Charter, the Universal Declaration) does
/// not make one page grow with the archive.
pub(crate) const MAX_CITING_LISTED: usize = 50;

/// The cited documents sharing one symbol prefix, in the order the archive lists them.
pub(crate) struct CitedGroup<'a> {
    /// The prefix as readers know it: `A/RES/62`, `E/CN.4`.
    pub label: String,
    /// Its file name: the prefix's slug, `a-res-62`.
    pub key: String,
    pub symbols: Vec<&'a Symbol>,
    /// The documents cited by more than [`MAX_CITING_LISTED`] resolutions, with the sessions of
    /// the citing resolutions (none for a symbol without one), each a page of its own.
    pub split: Vec<(&'a Symbol, Vec<Option<u32>>)>,
}

/// The sessions of the resolutions citing a document, in order, when there are more of them
/// than a list shows; none otherwise.
pub(crate) fn citing_sessions(
    citations: &[crate::archive::citations::Citation],
) -> Option<Vec<Option<u32>>> {
    let mut citing: Vec<&Symbol> = citations.iter().map(|c| &c.from).collect();
    citing.dedup();
    if citing.len() <= MAX_CITING_LISTED {
        return None;
    }
    let mut sessions: Vec<Option<u32>> = citing.iter().map(|s| s.ga_session()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    Some(sessions)
}

/// The file name of a citing session's page: `62`, or `other`.
pub(crate) fn session_key(session: Option<u32>) -> String {
    session.map_or_else(|| "other".to_string(), |n| n.to_string())
}

/// The prefix that groups `symbol`: its session for an Assembly resolution, else its first two
/// parts (the whole symbol when it has fewer).
pub(crate) fn prefix_of(symbol: &Symbol) -> String {
    if let Some(session) = symbol.ga_session() {
        return format!("A/RES/{session}");
    }
    let parts: Vec<&str> = symbol.as_str().split('/').take(2).collect();
    parts.join("/")
}

/// Every cited document in its group, the groups in the order of their first document (the
/// Assembly's resolutions by session, then the rest by symbol: `Citations`' order).
pub(crate) fn cited_groups(citations: &Citations) -> Vec<CitedGroup<'_>> {
    let mut groups: Vec<CitedGroup> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (symbol, citing) in citations.iter() {
        let label = prefix_of(symbol);
        // A prefix of a valid symbol is one too; its slug is safe as a file name.
        let key = prefix_slug(symbol);
        let at = *by_key.entry(key.clone()).or_insert_with(|| {
            groups.push(CitedGroup {
                label,
                key,
                symbols: Vec::new(),
                split: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].symbols.push(symbol);
        if let Some(sessions) = citing_sessions(citing) {
            groups[at].split.push((symbol, sessions));
        }
    }
    groups
}

/// The index of the references: each group with its count.
#[derive(Serialize)]
pub(crate) struct ReferencesIndex<'a> {
    pub common: super::Common<'a>,
    pub count: usize,
    pub groups: Vec<GroupLink>,
}

#[derive(Serialize)]
pub(crate) struct GroupLink {
    pub label: String,
    pub href: String,
    pub count: usize,
}

/// One group's page: its documents, by kind.
#[derive(Serialize)]
pub(crate) struct ReferencesPage<'a> {
    pub common: super::Common<'a>,
    pub label: String,
    pub index_href: String,
    pub groups: Vec<ReferenceGroup>,
}

/// Resolutions of the Assembly, resolutions of other organs, other documents.
#[derive(Serialize)]
pub(crate) struct ReferenceGroup {
    /// `assembly`, `other_resolutions`, `documents`: the key of its heading in strings.toml.
    pub key: &'static str,
    pub entries: Vec<ReferenceEntry>,
}

#[derive(Serialize)]
pub(crate) struct ReferenceEntry {
    /// Its key (`data-symbol`).
    pub symbol: String,
    /// As documents print it: `A/CONF.157/24 (Part I)`.
    pub shown: String,
    pub held: bool,
    pub href: String,
    pub hreflang: Option<String>,
    pub lang_name: Option<String>,
    pub cited_by: Vec<CitingView>,
    /// For a document cited by many: how many resolutions cite it, and a link per citing
    /// session instead of the list.
    pub citing_count: usize,
    pub by_session: Vec<SessionLink>,
}

/// A link to the resolutions of one session citing a document.
#[derive(Serialize)]
pub(crate) struct SessionLink {
    pub label: String,
    pub href: String,
    pub count: usize,
}

/// The resolutions of one session citing a document (`citers.html`).
#[derive(Serialize)]
pub(crate) struct CitersPage<'a> {
    pub common: super::Common<'a>,
    pub symbol: String,
    pub session: String,
    pub group_href: String,
    pub group_label: String,
    pub cited_by: Vec<CitingView>,
}

impl<'a> Views<'a> {
    pub fn references_index(&self, page: &inventory::Page<'a>) -> ReferencesIndex<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let groups = self
            .inventory
            .cited_groups()
            .iter()
            .map(|g| GroupLink {
                label: g.label.clone(),
                href: format!("{root}{}", paths::reference_group(lang, &g.key)),
                count: g.symbols.len(),
            })
            .collect();
        let title = self.strings.get(lang, "references_title").to_string();
        ReferencesIndex {
            common: self.common(lang, path, title, self.alternates(page, &root)),
            count: self.archive.citations.len(),
            groups,
        }
    }

    pub fn references_page(&self, page: &inventory::Page<'a>, group: usize) -> ReferencesPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let group = &self.inventory.cited_groups()[group];
        let mut kinds: Vec<ReferenceGroup> = ["assembly", "other_resolutions", "documents"]
            .into_iter()
            .map(|key| ReferenceGroup {
                key,
                entries: Vec::new(),
            })
            .collect();
        for symbol in &group.symbols {
            let kind = match symbol.ga_session() {
                Some(_) => 0,
                None if symbol.as_str().contains("/RES/") => 1,
                None => 2,
            };
            kinds[kind]
                .entries
                .push(self.reference_entry(symbol, lang, &root));
        }
        kinds.retain(|g| !g.entries.is_empty());
        let title = self.strings.get(lang, "references_title");
        let title = format!("{title} — {}", group.label);
        ReferencesPage {
            common: self.common(lang, path, title, self.alternates(page, &root)),
            label: group.label.clone(),
            index_href: format!("{root}{}", paths::references(lang)),
            groups: kinds,
        }
    }

    fn reference_entry(&self, symbol: &Symbol, lang: &str, root: &str) -> ReferenceEntry {
        let held = self.archive.resolution(symbol);
        let (href, hreflang) = match held {
            Some(resolution) => {
                let (path, other) = self.reading_path(resolution, lang);
                (format!("{root}{path}"), other)
            }
            None => (symbol.official_url(lang), None),
        };
        ReferenceEntry {
            symbol: symbol.to_string(),
            shown: symbol.official().into_owned(),
            held: held.is_some(),
            lang_name: hreflang
                .as_deref()
                .map(|l| self.strings.language_name(lang, l)),
            href,
            hreflang,
            cited_by: Vec::new(),
            citing_count: 0,
            by_session: Vec::new(),
        }
        .with_citers(self, symbol, lang, root)
    }

    /// The resolutions of `session` citing the `at`-th split document of `group`.
    pub fn citers_page(
        &self,
        page: &inventory::Page<'a>,
        group: usize,
        at: usize,
        session: Option<u32>,
    ) -> CitersPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let group = &self.inventory.cited_groups()[group];
        let symbol = group.split[at].0;
        let session_label = self.session_label(session, lang);
        let title = format!("{symbol} — {session_label}");
        let mut cited_by = self.cited_by(symbol, lang, &root);
        cited_by.retain(|c| Symbol::parse(&c.symbol).ok().and_then(|s| s.ga_session()) == session);
        CitersPage {
            common: self.common(lang, path, title, self.alternates(page, &root)),
            symbol: symbol.to_string(),
            session: session_label,
            group_href: format!("{root}{}", paths::reference_group(lang, &group.key)),
            group_label: group.label.clone(),
            cited_by,
        }
    }

    /// "62e session", "Other texts".
    fn session_label(&self, session: Option<u32>, lang: &str) -> String {
        match session {
            Some(n) => {
                self.strings
                    .sentence(lang, "citing_session", &[("session", &n.to_string())])
            }
            None => self.strings.get(lang, "citing_other").to_string(),
        }
    }
}

impl ReferenceEntry {
    /// The citing resolutions: listed, or for a document cited by many, counted and linked by
    /// session.
    fn with_citers(mut self, views: &Views, symbol: &Symbol, lang: &str, root: &str) -> Self {
        let citing = views.archive.citations.of(symbol);
        let Some(sessions) = citing_sessions(citing) else {
            self.cited_by = views.cited_by(symbol, lang, root);
            return self;
        };
        let mut resolutions: Vec<&Symbol> = citing.iter().map(|c| &c.from).collect();
        resolutions.dedup();
        self.citing_count = resolutions.len();
        self.by_session = sessions
            .into_iter()
            .map(|session| SessionLink {
                label: views.session_label(session, lang),
                href: format!(
                    "{root}{}",
                    paths::citers(
                        lang,
                        &prefix_slug(symbol),
                        &symbol.slug(),
                        &session_key(session)
                    )
                ),
                count: resolutions
                    .iter()
                    .filter(|s| s.ga_session() == session)
                    .count(),
            })
            .collect();
        self
    }
}

/// The slug of the group a symbol is in (its prefix's).
pub(crate) fn prefix_slug(symbol: &Symbol) -> String {
    let label = prefix_of(symbol);
    Symbol::parse(&label).map_or_else(|_| symbol.slug(), |p| p.slug())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbol(s: &str) -> Symbol {
        Symbol::parse(s).unwrap()
    }

    #[test]
    fn assembly_resolutions_are_grouped_by_session_others_by_two_parts() {
        for (cited, prefix) in [
            ("A/RES/62/160", "A/RES/62"),
            ("A/RES/8/1", "A/RES/8"),
            ("E/CN.4/RES/2005/54", "E/CN.4"),
            ("A/HRC/RES/19/33", "A/HRC"),
            ("A/67/53", "A/67"),
            ("S/RES/1325", "S/RES"),
            ("A/RES/ES-10/15", "A/RES"),
            ("ST", "ST"),
        ] {
            assert_eq!(prefix_of(&symbol(cited)), prefix, "{cited}");
        }
    }
}
