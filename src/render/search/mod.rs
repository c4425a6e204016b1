//! The offline search index: every paragraph and footnote of every text, with a word index per
//! language, written by [`shards`] as scripts under `search/` (a script loads from `file://`
//! where a page cannot fetch a JSON file) and searched by `theme/search.js`.
//!
//! Words are folded before anything else: lower case, accents and ligatures dropped (`États` ->
//! `etats`, `cœur` -> `coeur`), so that a reader finds `coopération` by typing `cooperation`. Each
//! word is then reduced to its stem by the Snowball stemmer of its text's language
//! (rust-stemmers), so that `member state` finds "Member States". The index maps every folded word
//! of the texts to its stem, and every stem to the paragraphs holding it (and how often); the script folds the
//! reader's words the same way (`String.normalize('NFD')`), looks each up as a word, as a stem,
//! or as the beginning of words, and intersects the paragraphs. Stop words are not indexed.
//!
//! Contributors' notes are searched too: each text's parts end with the notes its page shows
//! (their title and words, `Note::plain_text`), each under its anchor (`note-op10`). A paragraph
//! carries the place where its lineage begins (`a-res-59-187#op9`, from the analysis' histories)
//! when that is in an earlier text, so that the script shows the same paragraph across the
//! years as one result.
//! A paragraph whose lead verb the lexicon knows (`analysis::force`) is also indexed under the
//! terms `verb:<category>`, `verb:<its lead, words joined by hyphens>` and, for a lead of several
//! words, `verb:<its first word>` (`verb:demands`, `verb:exige`, `verb:urges`,
//! `verb:prie-instamment`, `verb:prie`), each its own stem: a query holding `verb:demands` finds
//! the paragraphs that demand, in every language (categories are named alike in all of them).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use rust_stemmers::{Algorithm, Stemmer};

use crate::analysis::{Analysis, force};
use crate::archive::text::without_footnote_refs;
use crate::archive::{Archive, NoteKey, Notes, Resolution, Text};
use crate::lexicon::Lexicons;
use crate::render::views::paths;

mod postings;
mod shards;
pub(crate) use shards::write_index;

/// One text's searchable parts (paragraphs and footnotes), in its order: what a result shows.
pub(crate) struct TextParts<'a> {
    /// The resolution's index in the archive's order.
    resolution: usize,
    lang: &'a str,
    /// The text's page, relative to the site's root.
    page: String,
    /// The resolution's title in that language, and its adoption date (`YYYY-MM-DD`).
    title: Option<&'a str>,
    date: Option<String>,
    /// Paragraph id (or a note's anchor) and plain text (footnote markers dropped), with what
    /// the script needs to show it.
    parts: Vec<(Cow<'a, str>, Cow<'a, str>, PartOf)>,
    /// The `verb:` terms of the parts whose lead verb is known, by part, in order.
    verbs: Vec<(u32, String)>,
}

/// What a searchable part is, besides its words.
#[derive(Debug, PartialEq)]
pub(crate) enum PartOf {
    /// A paragraph or footnote that begins in this text (or that no comparison follows).
    Own,
    /// A paragraph whose lineage begins in an earlier text: `<slug>#<id>` there.
    Lineage(String),
    /// A note about this paragraph id (empty: the resolution as a whole).
    Note(String),
}

/// Where a stem occurs: resolution, part of its text in that language, occurrences there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Posting {
    resolution: u32,
    part: u32,
    count: u32,
}

/// The word index of one language.
#[derive(Default)]
pub(crate) struct LanguageIndex {
    /// Folded word -> index of its stem.
    words: BTreeMap<String, usize>,
    /// Stems (folded), and for each where it occurs.
    stems: Vec<String>,
    postings: Vec<Vec<Posting>>,
    /// Folded stop words: not indexed, ignored in a query.
    stop: &'static [&'static str],
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

/// Lower case, without accents or ligatures: what both the index and the script compare (the
/// lexicon's folding, so that `verb:` terms and words meet).
pub(crate) use crate::lexicon::fold;

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

/// The index of the whole archive, ready to be written as shards and text files ([`shards`]).
pub(crate) struct SearchIndex<'a> {
    /// Slug of each resolution, in the archive's order.
    slugs: Vec<&'a str>,
    /// Symbol and short form of each resolution, in the archive's order.
    symbols: Vec<(&'a str, &'a str)>,
    texts: Vec<TextParts<'a>>,
    languages: BTreeMap<&'a str, LanguageIndex>,
}

impl<'a> SearchIndex<'a> {
    /// The parts of every text first, then the word index of each language (languages in
    /// parallel; each in the archive's order, so that every build writes the same files).
    /// `notes_of` gives each resolution's notes (as `serve` read them again, or as loaded).
    pub(crate) fn new<'n>(
        archive: &'a Archive,
        analysis: &Analysis<'a>,
        notes_of: &(dyn Fn(&'a Resolution) -> &'n Notes + Sync),
    ) -> SearchIndex<'a> {
        let mut texts = Vec::new();
        for (r, resolution) in archive.resolutions.iter().enumerate() {
            for text in &resolution.texts {
                let verbs = verb_terms(analysis.lexicons, text);
                texts.push(TextParts {
                    resolution: r,
                    lang: text.lang.as_str(),
                    page: paths::resolution(&text.lang, &resolution.slug),
                    title: resolution.title(&text.lang),
                    date: resolution.meta.adopted.map(|d| d.to_string()),
                    parts: parts(resolution, text, analysis, notes_of(resolution)),
                    verbs,
                });
            }
        }
        let mut languages: Vec<&str> = texts.iter().map(|t| t.lang).collect();
        languages.sort_unstable();
        languages.dedup();
        let languages = languages
            .into_par_iter()
            .map(|lang| {
                let mut builder = LanguageBuilder::new(lang);
                for text in texts.iter().filter(|t| t.lang == lang) {
                    let mut verbs = text.verbs.iter().peekable();
                    for (k, (_, plain, _)) in text.parts.iter().enumerate() {
                        builder.add(text.resolution as u32, k as u32, plain);
                        while let Some((_, term)) = verbs.next_if(|(part, _)| *part == k as u32) {
                            builder.add_term(text.resolution as u32, k as u32, term);
                        }
                    }
                }
                (lang, builder.finish())
            })
            .collect();
        SearchIndex {
            slugs: archive
                .resolutions
                .iter()
                .map(|r| r.slug.as_str())
                .collect(),
            symbols: archive
                .resolutions
                .iter()
                .map(|r| (r.symbol.as_str(), r.symbol.short()))
                .collect(),
            texts,
            languages,
        }
    }
}

/// The `verb:` terms of a text's paragraphs (numbered as its parts: paragraphs come first).
fn verb_terms(lexicons: &Lexicons, text: &crate::archive::Text) -> Vec<(u32, String)> {
    let mut terms = Vec::new();
    for (k, paragraph) in text.all_paragraphs().enumerate() {
        let Some(verb) = force::verb(lexicons, &text.lang, paragraph) else {
            continue;
        };
        let words: Vec<String> = crate::lexicon::words_with_ends(verb.entry_lead, 8)
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        let mut own = vec![format!("verb:{}", verb.category.as_str())];
        own.push(format!("verb:{}", words.join("-")));
        if words.len() > 1 && words[0].chars().count() > 2 {
            own.push(format!("verb:{}", words[0]));
        }
        own.sort_unstable();
        own.dedup();
        terms.extend(own.into_iter().map(|term| (k as u32, term)));
    }
    terms
}

/// The searchable parts of `text`: its paragraphs, footnotes, then the notes its page shows.
fn parts<'a>(
    resolution: &'a Resolution,
    text: &'a Text,
    analysis: &Analysis<'a>,
    notes: &Notes,
) -> Vec<(Cow<'a, str>, Cow<'a, str>, PartOf)> {
    let lineage = |id: &str| {
        let history = analysis.history(resolution, &text.lang, id)?;
        let origin = history.origin();
        let first = origin.ids.first()?;
        let own = std::ptr::eq(origin.resolution, resolution) && *first == id;
        (!own).then(|| PartOf::Lineage(format!("{}#{first}", origin.resolution.slug)))
    };
    let paragraphs = text.all_paragraphs().map(|p| {
        let of = lineage(&p.id).unwrap_or(PartOf::Own);
        (
            Cow::from(p.id.as_str()),
            without_footnote_refs(&p.plain),
            of,
        )
    });
    let footnotes = text.footnotes.iter().map(|f| {
        let plain = without_footnote_refs(&f.plain);
        (Cow::from(f.id.as_str()), plain, PartOf::Own)
    });
    let notes = notes.notes.iter().filter_map(|note| {
        let file = notes.file_of(note);
        let shown = file.lang.as_deref().is_none_or(|only| only == text.lang);
        let about = match &note.key {
            NoteKey::Resolution => String::new(),
            NoteKey::Paragraph(id) => id.clone(),
        };
        let words = match &note.title {
            Some(title) => format!("{title}. {}", note.plain_text()),
            None => note.plain_text(),
        };
        let anchor = note.key.anchor(file.lang.as_deref());
        shown.then(|| (Cow::from(anchor), Cow::from(words), PartOf::Note(about)))
    });
    paragraphs.chain(footnotes).chain(notes).collect()
}

struct LanguageBuilder {
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
    words: BTreeMap<String, usize>,
    stems: Vec<String>,
    stem_ids: HashMap<String, usize>,
    postings: Vec<Vec<Posting>>,
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

    /// Indexes part `part` of resolution `resolution`'s text (parts are added in order).
    fn add(&mut self, resolution: u32, part: u32, text: &str) {
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
            match self.postings[id].last_mut() {
                Some(last) if last.resolution == resolution && last.part == part => last.count += 1,
                _ => self.postings[id].push(Posting {
                    resolution,
                    part,
                    count: 1,
                }),
            }
        }
    }

    /// Indexes `term` (a `verb:` term: its own word and stem) in part `part`.
    fn add_term(&mut self, resolution: u32, part: u32, term: &str) {
        let id = match self.stem_ids.get(term) {
            Some(&id) => id,
            None => {
                let id = self.stems.len();
                self.stem_ids.insert(term.to_string(), id);
                self.stems.push(term.to_string());
                self.postings.push(Vec::new());
                self.words.insert(term.to_string(), id);
                id
            }
        };
        match self.postings[id].last_mut() {
            Some(last) if last.resolution == resolution && last.part == part => last.count += 1,
            _ => self.postings[id].push(Posting {
                resolution,
                part,
                count: 1,
            }),
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
            stop: self.stop,
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
        fr.add(
            0,
            0,
            "la coopération internationale entre les États Membres",
        );
        let fr = fr.finish();
        let stem_of = |index: &LanguageIndex, word: &str| index.stems[index.words[word]].clone();
        assert_eq!(stem_of(&fr, "cooperation"), "cooper");
        assert_eq!(stem_of(&fr, "etats"), stem_of(&fr, "etats"));
        assert!(!fr.words.contains_key("les"), "stop words are not indexed");
        let mut en = LanguageBuilder::new("en");
        en.add(0, 0, "Member States");
        en.add(0, 1, "a member state member");
        let en = en.finish();
        assert_eq!(stem_of(&en, "states"), "state");
        let posting = |part, count| Posting {
            resolution: 0,
            part,
            count,
        };
        assert_eq!(
            en.postings[en.words["states"]],
            [posting(0, 1), posting(1, 1)]
        );
        assert_eq!(
            en.postings[en.words["member"]],
            [posting(0, 1), posting(1, 2)]
        );
    }

    #[test]
    fn footnote_markers_are_not_words() {
        assert_eq!(without_footnote_refs("2000[^2] et sa"), "2000 et sa");
        assert_eq!(without_footnote_refs("a [^x"), "a [^x");
    }
}
