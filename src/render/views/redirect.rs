//! The old addresses of views that are now chosen on a resolution's page: the parallel page
//! (`parallel/<slug>.html`) and the comparison pages (`<lang>/compare/<older>--<newer>.html`).
//!
//! Readers have shared and bookmarked them, often with a paragraph (`#op10`), so each is still a
//! page: it names where the view now lives, links to it, and sends the reader on
//! (`<meta http-equiv="refresh">`, and `theme/redirect.js`, which keeps the paragraph of the
//! address; `views.js` then finds it in the view). Search engines are told the new address by
//! `rel="canonical"`, and the sitemap lists only the new one.

use serde::Serialize;

use super::{Common, Views, paths};
use crate::analysis::Comparison;
use crate::archive::Resolution;
use crate::render::inventory;

#[derive(Serialize)]
pub(crate) struct RedirectPage<'a> {
    pub common: Common<'a>,
    /// Where the view lives now, relative to the old address.
    pub target: String,
}

impl<'a> Views<'a> {
    /// The parallel page's old address: on to the side-by-side view.
    pub fn parallel_redirect(
        &self,
        page: &inventory::Page<'a>,
        resolution: &'a Resolution,
    ) -> RedirectPage<'a> {
        let lang = page.lang;
        let target = paths::side_by_side(resolution, lang)
            .unwrap_or_else(|| paths::resolution(lang, &resolution.slug));
        let title = self.strings.sentence(
            lang,
            "parallel_page_title",
            &[("symbol", resolution.symbol.as_str())],
        );
        self.redirect_page(page, title, &target)
    }

    /// A comparison's old address: on to the newer text's "changes" view.
    pub fn comparison_redirect(
        &self,
        page: &inventory::Page<'a>,
        comparison: &'a Comparison<'a>,
    ) -> RedirectPage<'a> {
        let (older, newer) = (comparison.older, comparison.newer);
        let title = self.strings.sentence(
            page.lang,
            "compare_page_title",
            &[
                ("older", older.symbol.short()),
                ("newer", newer.symbol.short()),
            ],
        );
        let target = paths::changes(comparison.lang, &newer.slug);
        self.redirect_page(page, title, &target)
    }

    fn redirect_page(
        &self,
        page: &inventory::Page<'a>,
        title: String,
        target: &str,
    ) -> RedirectPage<'a> {
        let root = paths::root_of(&page.path);
        let mut common = self.common(page.lang, &page.path, title, Vec::new());
        let bare = target.split('?').next().unwrap_or(target);
        common.canonical = self.published_url(bare);
        RedirectPage {
            common,
            target: format!("{root}{target}"),
        }
    }
}
