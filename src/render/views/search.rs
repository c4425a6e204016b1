//! The view of the search page: the form and where the script finds the index. The results are
//! drawn in the reader's browser by `theme/search.js` from the files under `search/`.

use serde::Serialize;

use crate::render::inventory;

use super::{Common, Views, paths};

#[derive(Serialize)]
pub(crate) struct SearchPage<'a> {
    pub common: Common<'a>,
    /// The languages offered as a filter, named in the page's language.
    pub languages: Vec<LanguageChoice>,
}

#[derive(Serialize)]
pub(crate) struct LanguageChoice {
    pub code: String,
    pub name: String,
}

impl<'a> Views<'a> {
    pub fn search_page(&self, page: &inventory::Page<'a>) -> SearchPage<'a> {
        let (lang, path) = (page.lang, &page.path);
        let root = paths::root_of(path);
        let alternates = self.alternates(page, &root);
        let title = self.strings.get(lang, "search").to_string();
        SearchPage {
            common: self.common(lang, path, title, alternates),
            languages: self
                .config
                .language_codes()
                .map(|code| LanguageChoice {
                    code: code.to_string(),
                    name: self.strings.language_name(lang, code),
                })
                .collect(),
        }
    }
}

/// The page served for an address that leads nowhere, at any depth of the site.
#[derive(Serialize)]
pub(crate) struct NotFoundPage<'a> {
    pub common: Common<'a>,
    pub homes: Vec<HomeLink>,
}

#[derive(Serialize)]
pub(crate) struct HomeLink {
    pub lang: String,
    pub href: String,
    pub label: String,
}

impl<'a> Views<'a> {
    /// In the default language, links to every home; with `site-url` set, a `<base>` makes its
    /// relative links resolve wherever the server shows it (`/archive/a/b/c` shows `404.html`).
    pub fn not_found_page(&self, page: &inventory::Page<'a>) -> NotFoundPage<'a> {
        let lang = page.lang;
        let title = self.strings.get(lang, "not_found_title").to_string();
        let mut common = self.common(lang, &page.path, title, Vec::new());
        common.base_href = self.config.site_url.as_deref().map(site_path);
        common.canonical = None;
        let default = lang;
        NotFoundPage {
            common,
            homes: self
                .config
                .language_codes()
                .map(|l| HomeLink {
                    lang: l.to_string(),
                    href: paths::home(l, default),
                    label: self.strings.get(l, "go_home").to_string(),
                })
                .collect(),
        }
    }
}

/// `https://user.github.io/archive/` -> `/archive/`.
fn site_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(slash) => after_scheme[slash..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_site_path_is_the_url_without_its_host() {
        assert_eq!(
            super::site_path("https://user.github.io/archive/"),
            "/archive/"
        );
        assert_eq!(super::site_path("https://archive.example.org/"), "/");
        assert_eq!(super::site_path("https://archive.example.org"), "/");
    }
}
