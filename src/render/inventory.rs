//! The page inventory: every page of the site, listed once, each with its kind, its language,
//! its output path and the versions of the same page in the site's other languages.
//!
//! Rendering renders exactly these pages (each view takes its own path and its language switch
//! from its page), the sitemap lists them with their `hreflang` alternates, the feeds link to
//! their resolution pages, and `serve` re-renders the pages that show a resolution's notes
//! ([`Inventory::of_resolution`]): all from this list, so that a page added, renamed or left out
//! here is added, renamed or left out everywhere at once. Which resolutions have a parallel page
//! is decided here only (`add_resolution`); the views ask for it. The path of each kind of page
//! is the URL scheme's (`views::paths`): here each page's path is computed once.

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{Analysis, Comparison};
use crate::archive::{Archive, Note, Notes, Resolution, Series, Text};
use crate::config::Config;
use crate::render::views::paths;
use crate::render::views::references::{self, CitedGroup, cited_groups};

/// What a page shows, and so which template and view make it.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    Home,
    /// The resolutions of one session: its index in [`Inventory::sessions`].
    Session(usize),
    Resolution(&'a Resolution, &'a Text),
    /// The old address of the side-by-side view (`parallel/<slug>.html`): a page that sends
    /// the reader on to it.
    ParallelRedirect(&'a Resolution),
    /// A text's paragraphs, aligned with the other languages', as a fragment that the
    /// side-by-side view of the resolution's pages loads.
    TextFragment(&'a Resolution, &'a Text),
    /// Every series, one line each.
    SeriesIndex,
    Series(&'a Series),
    /// The index of the cited documents' groups.
    References,
    /// One group of cited documents: its index in [`Inventory::cited_groups`].
    ReferenceGroup(usize),
    /// The resolutions of one session citing a document cited by many: the group, the
    /// document's place among the group's `split`, and the session.
    Citers(usize, usize, Option<u32>),
    Search,
    NotFound,
    /// A comparison as a fragment, which the "changes" view of the newer text's page loads.
    Comparison(&'a Comparison<'a>),
    /// The old address of a comparison (`<lang>/compare/<older>--<newer>.html`): a page that
    /// sends the reader on to the newer text's "changes" view.
    ComparisonRedirect(&'a Comparison<'a>),
}

impl Kind<'_> {
    /// Whether the page is a fragment (a script holding HTML that a page loads), not a page a
    /// reader opens.
    pub(crate) fn is_fragment(&self) -> bool {
        matches!(self, Kind::TextFragment(..) | Kind::Comparison(_))
    }
}

/// One page of the site.
pub(crate) struct Page<'a> {
    pub kind: Kind<'a>,
    /// The language the page is written in (`<html lang>`; the default one for the parallel
    /// and 404 pages).
    pub lang: &'a str,
    /// Its path in the output folder, relative to the root.
    pub path: String,
    /// Its group among the inventory's: the same page in each language that has it.
    group: usize,
}

/// The same page in each language that has it (a parallel page and the 404 page stand alone).
struct Group {
    pages: Range<usize>,
    /// Whether the sitemap lists it (the search and 404 pages are not for search engines).
    listed: bool,
    /// The group whose pages the language switch of these pages offers: their own, except for
    /// a parallel page, whose switch leads to the resolution's page in each language.
    switch: usize,
}

/// Every page of the site, grouped with its other-language versions.
pub(crate) struct Inventory<'a> {
    pages: Vec<Page<'a>>,
    groups: Vec<Group>,
    /// The pages of each resolution (its texts, then its parallel page), by slug.
    by_resolution: HashMap<&'a str, Range<usize>>,
    /// The cited documents by symbol prefix, one references page each.
    cited: Vec<CitedGroup<'a>>,
    /// The resolutions by session, one page each.
    sessions: Vec<Session<'a>>,
}

/// A dated note, where a reader finds it (see [`Inventory::latest_notes`]).
pub(crate) struct DatedNote<'a> {
    pub resolution: &'a Resolution,
    pub note: &'a Note,
    /// When its file says it was written.
    pub date: jiff::civil::Date,
    /// The language it is written in, when its file says.
    pub written_in: Option<&'a str>,
    /// Its resolution's page, from the site's root, with the note's anchor.
    pub href: String,
    /// Its place among its resolution's notes.
    order: usize,
}

/// The resolutions of one session of the Assembly (or of none known), in the archive's order.
pub(crate) struct Session<'a> {
    pub number: Option<u32>,
    pub resolutions: Vec<&'a Resolution>,
}

impl<'a> Inventory<'a> {
    /// Every page of the site: homes, sessions, resolutions (each language, then the parallel page),
    /// the series' index and each series, references (when anything is cited: the index, then each group), comparisons; then the search and 404 pages.
    pub(crate) fn new(
        config: &'a Config,
        archive: &'a Archive,
        analysis: &'a Analysis<'a>,
    ) -> Inventory<'a> {
        let mut inventory = Inventory {
            pages: Vec::new(),
            groups: Vec::new(),
            by_resolution: HashMap::with_capacity(archive.resolutions.len()),
            cited: cited_groups(&archive.citations),
            sessions: sessions(archive),
        };
        let default = config.default_language.as_str();
        inventory.each_language(config, true, Kind::Home, |l| paths::home(l, default));
        let numbers: Vec<Option<u32>> = inventory.sessions.iter().map(|s| s.number).collect();
        for (at, number) in numbers.into_iter().enumerate() {
            let kind = Kind::Session(at);
            inventory.each_language(config, true, kind, |l| paths::session(l, number));
        }
        for resolution in &archive.resolutions {
            inventory.add_resolution(config, resolution);
        }
        if !archive.series.is_empty() {
            inventory.each_language(config, true, Kind::SeriesIndex, paths::series_index);
        }
        for series in &archive.series {
            let kind = Kind::Series(series);
            inventory.each_language(config, true, kind, |l| paths::series(l, &series.id));
        }
        if !archive.citations.is_empty() {
            inventory.each_language(config, true, Kind::References, paths::references);
        }
        let keys: Vec<String> = inventory.cited.iter().map(|g| g.key.clone()).collect();
        for (at, key) in keys.iter().enumerate() {
            let kind = Kind::ReferenceGroup(at);
            inventory.each_language(config, true, kind, |l| paths::reference_group(l, key));
        }
        let citers: Vec<(usize, usize, String, Option<u32>)> = inventory
            .cited
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .split
                    .iter()
                    .enumerate()
                    .flat_map(move |(d, (symbol, sessions))| {
                        sessions.iter().map(move |s| (g, d, symbol.slug(), *s))
                    })
            })
            .collect();
        for (group, at, document, session) in citers {
            let kind = Kind::Citers(group, at, session);
            let key = &keys[group];
            let file = references::session_key(session);
            inventory.each_language(config, true, kind, |l| {
                paths::citers(l, key, &document, &file)
            });
        }
        for pair in comparisons_by_pair(analysis) {
            inventory.group(false, pair.iter().map(|c| comparison_fragment(c)));
            inventory.group(false, pair.iter().map(|c| comparison_redirect(c)));
        }
        inventory.each_language(config, false, Kind::Search, paths::search);
        let not_found = page(Kind::NotFound, default, "404.html".into());
        inventory.group(false, std::iter::once(not_found));
        inventory
    }

    /// Every page, in the order of the groups.
    pub(crate) fn pages(&self) -> &[Page<'a>] {
        &self.pages
    }

    /// The pages the language switch of `page` leads to: its versions in each language that
    /// has it, `page` among them (the sitemap's alternates), or for a parallel page the
    /// resolution's page in each language.
    pub(crate) fn language_versions(&self, page: &Page) -> &[Page<'a>] {
        let switch = self.groups[page.group].switch;
        &self.pages[self.groups[switch].pages.clone()]
    }

    /// The pages that show `resolution`'s text and notes: its page in each language it is held
    /// in, then, when it is held in more than one, its text fragments (the side-by-side view
    /// shows their notes) and the parallel page's old address.
    pub(crate) fn of_resolution(&self, resolution: &Resolution) -> &[Page<'a>] {
        let range = self.by_resolution.get(resolution.slug.as_str());
        range.map_or(&[], |range| &self.pages[range.clone()])
    }

    /// The text fragments of `resolution` for its side-by-side view, one per language held,
    /// when it is held in more than one.
    pub(crate) fn fragments_of(&self, resolution: &Resolution) -> impl Iterator<Item = &Page<'a>> {
        let pages = self.of_resolution(resolution);
        pages
            .iter()
            .filter(|p| matches!(p.kind, Kind::TextFragment(..)))
    }

    /// The cited documents by symbol prefix (`Kind::ReferenceGroup` indexes them).
    pub(crate) fn cited_groups(&self) -> &[CitedGroup<'a>] {
        &self.cited
    }

    /// The resolutions by session, the latest session first, those of no known session last
    /// (`Kind::Session` indexes them).
    pub(crate) fn sessions(&self) -> &[Session<'a>] {
        &self.sessions
    }

    /// The groups of pages the sitemap lists, each page with its alternates.
    pub(crate) fn listed(&self) -> impl Iterator<Item = &[Page<'a>]> {
        self.groups
            .iter()
            .filter(|g| g.listed)
            .map(|g| &self.pages[g.pages.clone()])
    }

    /// The resolution pages written in `lang`, in the archive's order.
    pub(crate) fn resolutions_in<'s>(
        &'s self,
        lang: &'s str,
    ) -> impl Iterator<Item = &'s Page<'a>> {
        self.pages
            .iter()
            .filter(move |p| matches!(p.kind, Kind::Resolution(..)) && p.lang == lang)
    }

    /// The `n` latest dated notes shown on the resolution pages written in `lang`, newest
    /// first (by the date of their file's front matter, then symbol, then place in the file):
    /// what the home page and the feed list. Notes without a date are not listed. `notes_of`
    /// gives each resolution's notes (as `serve` read them again, or as loaded).
    pub(crate) fn latest_notes<'n>(
        &self,
        lang: &str,
        n: usize,
        notes_of: impl Fn(&'a Resolution) -> &'n Notes,
    ) -> Vec<DatedNote<'n>>
    where
        'a: 'n,
    {
        let mut notes: Vec<DatedNote<'n>> = Vec::new();
        for page in self.resolutions_in(lang) {
            let Kind::Resolution(resolution, _) = page.kind else {
                continue;
            };
            let all = notes_of(resolution);
            for (order, note) in all.notes.iter().enumerate() {
                let file = all.file_of(note);
                let shown = file.lang.as_deref().is_none_or(|only| only == lang);
                let Some(date) = file.date.filter(|_| shown) else {
                    continue;
                };
                let anchor = note.key.anchor(file.lang.as_deref());
                notes.push(DatedNote {
                    resolution,
                    note,
                    date,
                    written_in: file.written_in.as_deref(),
                    href: format!("{}#{anchor}", page.path),
                    order,
                });
            }
        }
        notes.sort_by(|a, b| {
            let key = |n: &DatedNote| (n.date, crate::archive::sort_key(&n.resolution.symbol));
            key(b).cmp(&key(a)).then(a.order.cmp(&b.order))
        });
        notes.truncate(n);
        notes
    }

    /// A resolution's page in each language it is held in and, when it is held in more than
    /// one, its text fragments for the side-by-side view and the old parallel page's address.
    fn add_resolution(&mut self, config: &'a Config, resolution: &'a Resolution) {
        let slug = &resolution.slug;
        let start = self.pages.len();
        let texts = resolution.texts.iter().map(|text| {
            let lang = text.lang.as_str();
            page(
                Kind::Resolution(resolution, text),
                lang,
                paths::resolution(lang, slug),
            )
        });
        let texts_group = self.group(true, texts);
        if resolution.texts.len() > 1 {
            let fragments = resolution.texts.iter().map(|text| {
                let lang = text.lang.as_str();
                let path = paths::text_fragment(lang, slug);
                page(Kind::TextFragment(resolution, text), lang, path)
            });
            self.group(false, fragments);
            let parallel = page(
                Kind::ParallelRedirect(resolution),
                &config.default_language,
                paths::parallel(slug),
            );
            let group = self.group(false, std::iter::once(parallel));
            self.groups[group].switch = texts_group;
        }
        self.by_resolution
            .insert(slug.as_str(), start..self.pages.len());
    }

    /// One page of `kind` in each of the site's languages, grouped.
    fn each_language(
        &mut self,
        config: &'a Config,
        listed: bool,
        kind: Kind<'a>,
        path: impl Fn(&str) -> String,
    ) {
        let pages = config.language_codes().map(|l| page(kind, l, path(l)));
        self.group(listed, pages);
    }

    /// Adds `pages` as one group, its index returned.
    fn group(&mut self, listed: bool, pages: impl Iterator<Item = Page<'a>>) -> usize {
        let group = self.groups.len();
        let start = self.pages.len();
        self.pages.extend(pages.map(|page| Page { group, ..page }));
        self.groups.push(Group {
            pages: start..self.pages.len(),
            listed,
            switch: group,
        });
        group
    }
}

fn page<'a>(kind: Kind<'a>, lang: &'a str, path: String) -> Page<'a> {
    Page {
        kind,
        lang,
        path,
        group: 0,
    }
}

/// The archive's resolutions grouped by session, the latest first, those of no known session
/// last; within a session, in the archive's order.
fn sessions(archive: &Archive) -> Vec<Session<'_>> {
    let mut by_number: std::collections::BTreeMap<Option<u32>, Vec<&Resolution>> =
        std::collections::BTreeMap::new();
    for resolution in &archive.resolutions {
        by_number
            .entry(resolution.session())
            .or_default()
            .push(resolution);
    }
    let unknown = by_number.remove(&None);
    let mut sessions: Vec<Session> = by_number
        .into_iter()
        .rev()
        .map(|(number, resolutions)| Session {
            number,
            resolutions,
        })
        .collect();
    if let Some(resolutions) = unknown {
        sessions.push(Session {
            number: None,
            resolutions,
        });
    }
    sessions
}

fn comparison_fragment<'a>(comparison: &'a Comparison<'a>) -> Page<'a> {
    let c = comparison;
    let path = paths::compare_fragment(c.lang, &c.older.slug, &c.newer.slug);
    page(Kind::Comparison(c), c.lang, path)
}

fn comparison_redirect<'a>(comparison: &'a Comparison<'a>) -> Page<'a> {
    let c = comparison;
    let path = paths::compare(c.lang, &c.older.slug, &c.newer.slug);
    page(Kind::ComparisonRedirect(c), c.lang, path)
}

/// The comparisons, those of the same two texts (one per language) together, in the order of
/// the first of each pair.
fn comparisons_by_pair<'a>(analysis: &'a Analysis<'a>) -> Vec<Vec<&'a Comparison<'a>>> {
    let mut pairs: Vec<Vec<&Comparison>> = Vec::new();
    // Where each pair has its group, found by a map: a scan of the groups for each comparison
    // would be quadratic.
    let mut at: HashMap<(&str, &str), usize> = HashMap::new();
    for c in &analysis.comparisons {
        let key = (c.older.slug.as_str(), c.newer.slug.as_str());
        match at.get(&key) {
            Some(&g) => pairs[g].push(c),
            None => {
                at.insert(key, pairs.len());
                pairs.push(vec![c]);
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use crate::analysis::Analysis;
    use crate::config::Config;
    use crate::render::{Renderer, render_site};

    const SITE: &str = "https://example.org/archive/";

    /// The site of the archive at `root` (published at [`SITE`]): each page rendered with its
    /// `<html lang>`, and the sitemap.
    fn rendered(root: &Path, check: impl Fn(&Renderer)) -> (BTreeMap<String, String>, String) {
        let mut config = Config::load(root).expect("the archive's book.toml");
        config.site_url = Some(SITE.into());
        let loaded = crate::load::load(&config).expect("the archive loads");
        let analysis = Analysis::run(&loaded.archive);
        check(&Renderer::new(&config, &loaded.archive, &analysis).expect("templates"));
        let files = render_site(&config, &loaded.archive, &analysis).expect("the site renders");
        let mut pages = BTreeMap::new();
        let mut sitemap = String::new();
        for file in files {
            let text = String::from_utf8(file.bytes).unwrap();
            if file.path == "sitemap.xml" {
                sitemap = text;
            } else if file.path.ends_with(".html") {
                let lang = text.split("<html lang=\"").nth(1).unwrap();
                let lang = lang[..lang.find('"').unwrap()].to_string();
                pages.insert(file.path, lang);
            }
        }
        (pages, sitemap)
    }

    /// A page's path without its language folder: the versions of one page share it.
    fn same_page(path: &str, langs: &[&str]) -> String {
        match path.split_once('/') {
            Some((first, rest)) if langs.contains(&first) => rest.to_string(),
            _ => path.to_string(),
        }
    }

    /// The sitemap's pages (paths under [`SITE`]), each with its alternates (language, path).
    fn sitemap_entries(xml: &str) -> Vec<(String, BTreeSet<(String, String)>)> {
        let path = |url: &str| {
            let path = url.strip_prefix(SITE).expect("an address under site-url");
            match path.is_empty() || path.ends_with('/') {
                true => format!("{path}index.html"),
                false => path.to_string(),
            }
        };
        let doc = roxmltree::Document::parse(xml).expect("a well-formed sitemap");
        doc.descendants()
            .filter(|n| n.has_tag_name("url"))
            .map(|url| {
                let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap();
                let alternates = url
                    .children()
                    .filter(|n| n.has_tag_name("link"))
                    .map(|n| {
                        let lang = n.attribute("hreflang").unwrap().to_string();
                        (lang, path(n.attribute("href").unwrap()))
                    })
                    .collect();
                (path(loc.text().unwrap()), alternates)
            })
            .collect()
    }

    /// The inventory's pages are those rendered; the sitemap lists each once but the search
    /// and 404 pages, with, when the page exists in several languages, every rendered version
    /// (the same path in another language's folder) under the language of its `<html lang>`;
    /// `serve` re-renders a resolution's pages, each of them.
    fn check_site(root: &Path) {
        let langs = ["fr", "en"];
        let (pages, sitemap) = rendered(root, |renderer| {
            let listed: Vec<&str> = renderer.pages().iter().map(|p| p.path.as_str()).collect();
            let unique: BTreeSet<&str> = listed.iter().copied().collect();
            assert_eq!(unique.len(), listed.len(), "a page listed twice");
            for resolution in &renderer.archive.resolutions {
                let slug = &resolution.slug;
                let shown: Vec<&str> = renderer
                    .pages_showing_notes_of(resolution)
                    .iter()
                    .map(|p| p.path.as_str())
                    .collect();
                let mut expected: Vec<String> = resolution
                    .texts
                    .iter()
                    .map(|t| format!("{}/{slug}.html", t.lang))
                    .collect();
                if resolution.texts.len() > 1 {
                    let fragments = resolution.texts.iter();
                    expected.extend(fragments.map(|t| format!("{}/text/{slug}.js", t.lang)));
                    expected.push(format!("parallel/{slug}.html"));
                }
                assert_eq!(shown, expected);
            }
        });
        let entries = sitemap_entries(&sitemap);
        let listed: BTreeSet<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            listed.len(),
            entries.len(),
            "a page listed twice:\n{sitemap}"
        );
        let expected: BTreeSet<&str> = pages
            .keys()
            .map(String::as_str)
            .filter(|p| *p != "404.html" && !p.ends_with("/search.html"))
            // The old addresses of the parallel and comparison pages only send readers on.
            .filter(|p| !p.starts_with("parallel/") && !p.contains("/compare/"))
            .collect();
        assert_eq!(listed, expected);
        for (path, alternates) in &entries {
            let versions: BTreeSet<(String, String)> = pages
                .iter()
                .filter(|(p, _)| same_page(p, &langs) == same_page(path, &langs))
                .map(|(p, lang)| (lang.clone(), p.clone()))
                .collect();
            match versions.len() {
                1 => assert!(alternates.is_empty(), "{path}: {alternates:?}"),
                _ => assert_eq!(alternates, &versions, "{path}"),
            }
        }
    }

    #[test]
    fn the_inventory_is_what_is_rendered_and_the_sitemap_lists_it_with_its_alternates() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        check_site(repo);
        check_site(&repo.join("tests/fixtures/sites/compare"));
    }
}
