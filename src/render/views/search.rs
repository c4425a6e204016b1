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

/// The page served for an address that leads nowhere, at any depth of the site: in every
/// language of the site, each with a way home and a search.
#[derive(Serialize)]
pub(crate) struct NotFoundPage<'a> {
    pub common: Common<'a>,
    pub languages: Vec<NotFoundLanguage<'a>>,
}

/// What the 404 page says in one language.
#[derive(Serialize)]
pub(crate) struct NotFoundLanguage<'a> {
    pub lang: &'a str,
    /// The interface words of that language.
    pub t: &'a tera::Value,
    pub home_href: String,
    pub search_href: String,
}

impl<'a> Views<'a> {
    /// With `site-url` set, every link starts from the site's path (`/archive/fr/index.html`),
    /// so that they work wherever the server shows the page (`/archive/a/b/c` shows
    /// `404.html`). A `<base>` would do the same for the links but send the skip link
    /// (`#main`) to the home page.
    pub fn not_found_page(&self, page: &inventory::Page<'a>) -> NotFoundPage<'a> {
        let lang = page.lang;
        let title = self.strings.get(lang, "not_found_title").to_string();
        let mut common = self.common(lang, &page.path, title, Vec::new());
        common.canonical = None;
        let root = self
            .config
            .site_url
            .as_deref()
            .map_or_else(|| common.root.clone(), site_path);
        let default = &self.config.default_language;
        common.home_href = format!("{root}{}", paths::home(lang, default));
        common.search_href = format!("{root}{}", paths::search(lang));
        common.feed_href = common
            .feed_href
            .as_ref()
            .map(|_| format!("{root}{}", paths::feed(lang)));
        common.root = root.clone();
        NotFoundPage {
            common,
            languages: self
                .config
                .language_codes()
                .map(|l| NotFoundLanguage {
                    lang: l,
                    t: self.strings.value(l),
                    home_href: format!("{root}{}", paths::home(l, default)),
                    search_href: format!("{root}{}", paths::search(l)),
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
