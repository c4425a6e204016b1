//! The offline search index: every paragraph and footnote of every text, with a word index per
//! language, written as `search-index.js` (a script, so that it loads from `file://` where a
//! page cannot fetch a JSON file) and searched by `theme/search.js`.
//!
//! Words are folded before anything else: lower case, accents and ligatures dropped (`États` ->
//! `etats`, `cœur` -> `coeur`), so that a reader finds `coopération` by typing `cooperation`. Each
//! word is then reduced to its stem by the Snowball stemmer of its text's language
//! (rust-stemmers), so that `member state` finds "Member States". The index maps every folded word
//! of the texts to its stem, and every stem to the paragraphs holding it; the script folds the
//! reader's words the same way (`String.normalize('NFD')`), looks each up as a word, as a stem,
//! or as the beginning of words, and intersects the paragraphs. Stop words are not indexed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::archive::Archive;
use crate::archive::text::without_footnote_refs;
use crate::render::views::paths;

/// The index as the script reads it (`window.recueilSearch`).
#[derive(Serialize)]
struct Index<'a> {
    /// Resolutions: symbol and short form, in the archive's order.
    resolutions: Vec<(&'a str, &'a str)>,
    /// Languages with their word index.
    languages: BTreeMap<&'a str, LanguageIndex>,
    /// Searchable parts: resolution index, language, paragraph id, page path, plain text.
    docs: Vec<(usize, &'a str, &'a str, Shared, Cow<'a, str>)>,
}

/// A text's page path, made once and shared by the entries of its paragraphs.
#[derive(Clone)]
struct Shared(Arc<str>);

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[derive(Serialize, Default)]
struct LanguageIndex {
    /// Folded word -> index of its stem.
    words: BTreeMap<String, usize>,
    /// Stems (folded), and for each the docs holding it.
    stems: Vec<String>,
    postings: Vec<Vec<u32>>,
    /// Folded stop words: ignored in a query.
    stop: Vec<&'static str>,
}

const STOP_FR: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "il",
    "la", "le", "les", "leur", "leurs", "ou", "par", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "un", "une",
];
const STOP_EN: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "their", "this", "to", "which", "with",
];

/// Lower case, without accents or ligatures: what both the index and the script compare.
pub(crate) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(word.len());
    for c in word
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        match c {
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            c => folded.push(c),
        }
    }
    folded
}

/// The words of a text, as written (letters and digits; apostrophes and hyphens separate).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
}

fn algorithm(lang: &str) -> Option<Algorithm> {
    match lang {
        "fr" => Some(Algorithm::French),
        "en" => Some(Algorithm::English),
        "es" => Some(Algorithm::Spanish),
        "ru" => Some(Algorithm::Russian),
        "ar" => Some(Algorithm::Arabic),
        _ => None,
    }
}

fn stop_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => STOP_FR,
        "en" => STOP_EN,
        _ => &[],
    }
}

/// Where the index is written in the site.
pub(crate) const INDEX_PATH: &str = "search-index.js";

/// The index of the whole archive, ready to be written as `search-index.js`.
pub(crate) struct SearchIndex<'a> {
    index: Index<'a>,
}

impl<'a> SearchIndex<'a> {
    /// The list of parts first, then the word index of each language (languages in parallel;
    /// each in the archive's order, so stems are numbered the same at every build).
    pub(crate) fn new(archive: &'a Archive) -> SearchIndex<'a> {
        let mut index = Index {
            resolutions: Vec::with_capacity(archive.resolutions.len()),
            languages: BTreeMap::new(),
            docs: Vec::new(),
        };
        for (r, resolution) in archive.resolutions.iter().enumerate() {
            index
                .resolutions
                .push((resolution.symbol.as_str(), resolution.symbol.short()));
            for text in &resolution.texts {
                let page = Shared(paths::resolution(&text.lang, &resolution.slug).into());
                let parts = text
                    .all_paragraphs()
                    .map(|p| (&p.id, &p.plain))
                    .chain(text.footnotes.iter().map(|f| (&f.id, &f.plain)));
                for (id, plain) in parts {
                    let plain = without_footnote_refs(plain);
                    index
                        .docs
                        .push((r, text.lang.as_str(), id.as_str(), page.clone(), plain));
                }
            }
        }
        let mut languages: Vec<&str> = index.docs.iter().map(|d| d.1).collect();
        languages.sort_unstable();
        languages.dedup();
        let docs = &index.docs;
        index.languages = languages
            .into_par_iter()
            .map(|lang| {
                let mut builder = LanguageBuilder::new(lang);
                for (n, doc) in docs.iter().enumerate().filter(|(_, d)| d.1 == lang) {
                    builder.add(n as u32, &doc.4);
                }
                (lang, builder.finish())
            })
            .collect();
        SearchIndex { index }
    }

    /// Writes the script, as it is serialized (hundreds of megabytes for the whole General
    /// Assembly are never held in memory).
    pub(crate) fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(b"window.recueilSearch = ")?;
        serde_json::to_writer(&mut *out, &self.index)?;
        out.write_all(b";\n")
    }
}

struct LanguageBuilder {
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
    words: BTreeMap<String, usize>,
    stems: Vec<String>,
    stem_ids: HashMap<String, usize>,
    postings: Vec<Vec<u32>>,
    /// Each word as written, once seen: its stem (`None` for a stop word). A text repeats the
    /// same few thousand words; folding and stemming each occurrence would dominate the index.
    seen: HashMap<String, Option<usize>>,
}

impl LanguageBuilder {
    fn new(lang: &str) -> LanguageBuilder {
        LanguageBuilder {
            stemmer: algorithm(lang).map(Stemmer::create),
            stop: stop_words(lang),
            words: BTreeMap::new(),
            stems: Vec::new(),
            stem_ids: HashMap::new(),
            postings: Vec::new(),
            seen: HashMap::new(),
        }
    }

    fn add(&mut self, doc: u32, text: &str) {
        for word in words(text) {
            let id = match self.seen.get(word) {
                Some(id) => *id,
                None => {
                    let id = self.stem_of(word);
                    self.seen.insert(word.to_string(), id);
                    id
                }
            };
            let Some(id) = id else { continue };
            if self.postings[id].last() != Some(&doc) {
                self.postings[id].push(doc);
            }
        }
    }

    /// The stem id of a word seen for the first time (and its folded form recorded); none for a
    /// stop word.
    fn stem_of(&mut self, word: &str) -> Option<usize> {
        let folded = fold(word);
        if self.stop.contains(&folded.as_str()) {
            return None;
        }
        let stem = match &self.stemmer {
            Some(stemmer) => fold(&stemmer.stem(&word.to_lowercase())),
            None => folded.clone(),
        };
        let id = match self.stem_ids.get(&stem) {
            Some(&id) => id,
            None => {
                let id = self.stems.len();
                self.stem_ids.insert(stem.clone(), id);
                self.stems.push(stem);
                self.postings.push(Vec::new());
                id
            }
        };
        self.words.insert(folded, id);
        Some(id)
    }

    fn finish(self) -> LanguageIndex {
        LanguageIndex {
            words: self.words,
            stems: self.stems,
            postings: self.postings,
            stop: self.stop.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_ligatures() {
        assert_eq!(fold("États"), "etats");
        assert_eq!(fold("coopération"), "cooperation");
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold("ÉLÈVE"), "eleve");
    }

    #[test]
    fn words_are_stemmed_in_their_language_then_folded() {
        let mut fr = LanguageBuilder::new("fr");
        fr.add(0, "la coopération internationale entre les États Membres");
        let fr = fr.finish();
        let stem_of = |index: &LanguageIndex, word: &str| index.stems[index.words[word]].clone();
        assert_eq!(stem_of(&fr, "cooperation"), "cooper");
        assert_eq!(stem_of(&fr, "etats"), stem_of(&fr, "etats"));
        assert!(!fr.words.contains_key("les"), "stop words are not indexed");
        let mut en = LanguageBuilder::new("en");
        en.add(0, "Member States");
        en.add(1, "a member state");
        let en = en.finish();
        assert_eq!(stem_of(&en, "states"), "state");
        assert_eq!(en.postings[en.words["states"]], [0, 1]);
    }

    #[test]
    fn footnote_markers_are_not_words() {
        assert_eq!(without_footnote_refs("2000[^2] et sa"), "2000 et sa");
        assert_eq!(without_footnote_refs("a [^x"), "a [^x");
    }
}
