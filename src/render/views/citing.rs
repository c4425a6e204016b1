//! Views of the citations: the links a paragraph's citations become and the "cited by" list of
//! a cited document (the references pages that show them are `references.rs`).
//!
//! A citation of a resolution the archive holds leads to its page in the reader's language, or,
//! when it is not held in that language, to the language held, saying so; any other citation
//! leads to the official document on undocs.org in the reader's language.

use serde::Serialize;

use super::links::{Anchor, link_citations};
use super::{Views, paths};
use crate::archive::citations::Citation;
use crate::archive::references::Reference;
use crate::archive::{Resolution, Symbol};
use crate::render::escape::html as escape;

/// A resolution of the archive citing a document, with the paragraphs that cite it.
#[derive(Serialize)]
pub(crate) struct CitingView {
    pub symbol: String,
    pub short: String,
    pub href: String,
    pub hreflang: Option<String>,
    pub paragraphs: Vec<CitingParagraph>,
}

#[derive(Serialize)]
pub(crate) struct CitingParagraph {
    pub id: String,
    /// The paragraph as a reader names it: "alinéa 2 du préambule".
    pub name: String,
    pub href: String,
    pub hreflang: Option<String>,
    /// The language of the paragraph's page, named, when it is not the reader's.
    pub lang_name: Option<String>,
}

impl<'a> Views<'a> {
    /// A paragraph's or footnote's HTML with each citation linked.
    pub(super) fn cited_html(
        &self,
        html: &str,
        cites: &[Reference],
        lang: &str,
        root: &str,
    ) -> String {
        link_citations(html, cites, |cite| {
            self.citation_anchor(&cite.symbol, lang, root)
        })
    }

    fn citation_anchor(&self, symbol: &Symbol, lang: &str, root: &str) -> Anchor {
        let Some(resolution) = self.archive.resolution(symbol) else {
            let note = self.strings.get(lang, "official_document_note");
            return Anchor {
                open: format!(
                    "<a class=\"ref external\" rel=\"external\" href=\"{}\" title=\"{} — {}\">",
                    escape(&symbol.official_url(lang)),
                    escape(&symbol.official()),
                    escape(note)
                ),
                after: String::new(),
            };
        };
        let (path, other) = self.reading_path(resolution, lang);
        let (hreflang, after) = match &other {
            Some(other) => (
                format!(" hreflang=\"{}\"", escape(other)),
                format!(
                    "<span class=\"ref-lang\"> ({})</span>",
                    self.strings.sentence_html(
                        lang,
                        "ref_only_in",
                        &[(
                            "language",
                            &escape(&self.strings.language_name(lang, other))
                        )]
                    )
                ),
            ),
            None => (String::new(), String::new()),
        };
        // The address a printed page shows after the citation (theme: `a.ref[data-url]`).
        let url = self
            .published_url(&path)
            .map(|url| format!(" data-url=\"{}\"", escape(&url)))
            .unwrap_or_default();
        Anchor {
            open: format!(
                "<a class=\"ref\" href=\"{root}{}\" title=\"{}\"{hreflang}{url}>",
                escape(&path),
                escape(&symbol.official())
            ),
            after,
        }
    }

    /// The resolutions citing `symbol`, each with its citing paragraphs, in order of session.
    pub(super) fn cited_by(&self, symbol: &Symbol, lang: &str, root: &str) -> Vec<CitingView> {
        let mut views: Vec<CitingView> = Vec::new();
        for citation in self.archive.citations.of(symbol) {
            let Some(citing) = self.archive.resolution(&citation.from) else {
                continue;
            };
            let paragraph = self.citing_paragraph(citing, citation, lang, root);
            match views.last_mut() {
                Some(view) if view.symbol == citing.symbol.as_str() => {
                    view.paragraphs.push(paragraph)
                }
                _ => {
                    let (path, hreflang) = self.reading_path(citing, lang);
                    views.push(CitingView {
                        symbol: citing.symbol.to_string(),
                        short: citing.symbol.short().to_string(),
                        href: format!("{root}{path}"),
                        hreflang,
                        paragraphs: vec![paragraph],
                    });
                }
            }
        }
        views
    }

    /// The citing paragraph in the reader's language when it cites there, else where it does.
    fn citing_paragraph(
        &self,
        citing: &Resolution,
        citation: &Citation,
        lang: &str,
        root: &str,
    ) -> CitingParagraph {
        let page_lang = if citation.langs.iter().any(|l| l == lang) {
            lang
        } else {
            citation.langs.first().map_or(lang, String::as_str)
        };
        let other = (page_lang != lang).then(|| page_lang.to_string());
        CitingParagraph {
            id: citation.paragraph.clone(),
            name: self.strings.paragraph_name(lang, &citation.paragraph),
            href: format!(
                "{root}{}#{}",
                paths::resolution(page_lang, &citing.slug),
                citation.paragraph
            ),
            lang_name: other
                .as_deref()
                .map(|l| self.strings.language_name(lang, l)),
            hreflang: other,
        }
    }
}
