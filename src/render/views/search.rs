//! The view of the search page: the form and where the script finds the index. The results are
//! drawn in the reader's browser by `theme/search.js` from `search-index.js`.

use serde::Serialize;

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
    pub fn search_page(&self, lang: &'a str) -> SearchPage<'a> {
        let path = paths::search(lang);
        let root = paths::root_of(&path);
        let alternates = self.alternates(lang, &root, |l| Some(paths::search(l)));
        let title = self.strings.get(lang, "search").to_string();
        SearchPage {
            common: self.common(lang, &path, title, alternates),
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
