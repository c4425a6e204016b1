//! Who cites what: for every document the texts of the archive cite, the paragraphs that cite it.
//!
//! Built once with the archive from the references `load` found in each paragraph and footnote
//! (`archive::references` holds the rules). A paragraph held in several languages cites the same
//! documents in each: it is counted once, with the languages it was found in.

use std::collections::HashMap;

use crate::archive::{Resolution, Symbol, sort_key};

/// A paragraph (or footnote) of a resolution of the archive that cites a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub from: Symbol,
    /// `pp2`, `op10`, `fn3`.
    pub paragraph: String,
    /// The languages in which that paragraph cites it, in the site's order.
    pub langs: Vec<String>,
}

/// Every cited document with its citations, citing resolutions in order of session.
#[derive(Debug, Default)]
pub struct Citations {
    by_cited: HashMap<Symbol, Vec<Citation>>,
    /// The cited documents: resolutions of the Assembly by session, then the rest by symbol.
    order: Vec<Symbol>,
}

impl Citations {
    /// `resolutions` are sorted by session, so the citations of a document come in that order.
    pub(crate) fn build(resolutions: &[Resolution]) -> Citations {
        let mut by_cited: HashMap<Symbol, Vec<Citation>> = HashMap::new();
        // (cited, citing, paragraph) -> its place in the cited document's list, so that a
        // paragraph found again in another language is merged in constant time.
        let mut known: HashMap<(&Symbol, &Symbol, &str), usize> = HashMap::new();
        for resolution in resolutions {
            for text in &resolution.texts {
                for (paragraph, _, cites) in text.citing_parts() {
                    for cited in cites.iter().filter(|c| c.symbol != resolution.symbol) {
                        let list = by_cited.entry(cited.symbol.clone()).or_default();
                        let key = (&cited.symbol, &resolution.symbol, paragraph);
                        match known.get(&key) {
                            Some(&at) => add_lang(&mut list[at], &text.lang),
                            None => {
                                known.insert(key, list.len());
                                list.push(Citation {
                                    from: resolution.symbol.clone(),
                                    paragraph: paragraph.to_string(),
                                    langs: vec![text.lang.clone()],
                                });
                            }
                        }
                    }
                }
            }
        }
        let mut order: Vec<Symbol> = by_cited.keys().cloned().collect();
        order.sort_by_key(sort_key);
        Citations { by_cited, order }
    }

    /// The paragraphs of the archive that cite `symbol`.
    pub fn of(&self, symbol: &Symbol) -> &[Citation] {
        self.by_cited.get(symbol).map_or(&[], Vec::as_slice)
    }

    /// Every cited document in order, with its citations.
    pub fn iter(&self) -> impl Iterator<Item = (&Symbol, &[Citation])> {
        self.order.iter().map(|s| (s, self.of(s)))
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

fn add_lang(citation: &mut Citation, lang: &str) {
    if !citation.langs.iter().any(|l| l == lang) {
        citation.langs.push(lang.to_string());
    }
}
