//! The lexicon of lead words: for each language, the words that open a resolution's paragraphs
//! ("Calls upon", "Prie instamment", "Noting with concern"), what each does (its [`Category`]) and
//! how strongly (its rank, 1 to 10, on the scale of its part: preamble or operative part).
//!
//! Kept in a data file a contributor can extend, `templates/lexicon/<lang>.toml` (TOML; the
//! repository's own French and English files are embedded in the binary, and an archive replaces
//! one with a file of the same name in its own `templates/lexicon/`, as it does a template). A
//! language without a file has no lexicon: its leads are neither ranked nor reported. The file's
//! mistakes (an unknown category, a rank out of range, a lead listed twice, an unknown key) are
//! errors at its line, with advice. This module reads words only: which words of a paragraph are
//! its lead, and what a change of lead means, is the analysis's (`analysis::force`).
//!
//! Matching ([`Lexicon::find`]): the words that open a paragraph are folded (lower case, accents
//! and ligatures dropped, any other character a separator); the `neutral` words ("also",
//! "également") are skipped; then the longest lead of the part that the words begin with is
//! found, an `intensifier` ("strongly", "vivement", "deep", "une profonde") counting one step of
//! force wherever it stands in or right after the lead, unless the lead itself holds it ("Prie
//! instamment"). FORCE.md explains the scale.

mod parse;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::config::Config;
use crate::diag::Problems;

/// The lexicons embedded in the binary, by language.
const EMBEDDED: &[(&str, &str)] = &[
    ("fr", include_str!("../../templates/lexicon/fr.toml")),
    ("en", include_str!("../../templates/lexicon/en.toml")),
];

/// The highest rank of force; 1 is the lowest.
pub const MAX_RANK: u8 = 10;

/// How many words at the start of a paragraph are read for its lead.
const WINDOW: usize = 16;
/// The tokens read first ([`Lexicon::find`]): enough for nearly every lead.
const FIRST_WINDOW: usize = 4;
/// Words read beyond a window, so that a neutral or intensifier phrase at its edge is whole.
const PHRASE_WORDS: usize = 8;

/// What a paragraph does, as its lead says it. A closed list, so that pages, the search and the
/// export can name it in every language; a lexicon that needs another says so in an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Demands,
    Decides,
    Approves,
    Condemns,
    Deplores,
    Alarmed,
    Calls,
    Urges,
    Concerned,
    Declares,
    Requests,
    Stresses,
    Reaffirms,
    Recommends,
    Encourages,
    Supports,
    Convinced,
    Determined,
    Invites,
    Welcomes,
    Recognizes,
    Considers,
    Aware,
    Recalls,
    Guided,
    Notes,
}

impl Category {
    pub const ALL: &[Category] = &[
        Category::Demands,
        Category::Decides,
        Category::Approves,
        Category::Condemns,
        Category::Deplores,
        Category::Alarmed,
        Category::Calls,
        Category::Urges,
        Category::Concerned,
        Category::Declares,
        Category::Requests,
        Category::Stresses,
        Category::Reaffirms,
        Category::Recommends,
        Category::Encourages,
        Category::Supports,
        Category::Convinced,
        Category::Determined,
        Category::Invites,
        Category::Welcomes,
        Category::Recognizes,
        Category::Considers,
        Category::Aware,
        Category::Recalls,
        Category::Guided,
        Category::Notes,
    ];

    /// Its name in the lexicon files, the search (`verb:demands`) and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Demands => "demands",
            Category::Decides => "decides",
            Category::Approves => "approves",
            Category::Condemns => "condemns",
            Category::Deplores => "deplores",
            Category::Alarmed => "alarmed",
            Category::Calls => "calls",
            Category::Urges => "urges",
            Category::Concerned => "concerned",
            Category::Declares => "declares",
            Category::Requests => "requests",
            Category::Stresses => "stresses",
            Category::Reaffirms => "reaffirms",
            Category::Recommends => "recommends",
            Category::Encourages => "encourages",
            Category::Supports => "supports",
            Category::Convinced => "convinced",
            Category::Determined => "determined",
            Category::Invites => "invites",
            Category::Welcomes => "welcomes",
            Category::Recognizes => "recognizes",
            Category::Considers => "considers",
            Category::Aware => "aware",
            Category::Recalls => "recalls",
            Category::Guided => "guided",
            Category::Notes => "notes",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

/// The part of a resolution a lead opens a paragraph of: each has its own scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Preambular,
    Operative,
}

/// One lead of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// As the file writes it: `Calls upon`.
    pub lead: String,
    pub category: Category,
    /// 1 (weakest) to [`MAX_RANK`].
    pub rank: u8,
    /// Its line in the lexicon file.
    pub line: usize,
}

/// A lead found at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'l> {
    pub entry: &'l Entry,
    /// How many intensifiers stand in or right after it (each one step of force).
    pub intensity: u8,
    /// The byte offset in the text where the lead and its intensifiers end.
    pub end: usize,
}

/// The lead words of one language.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The file it was read from (the embedded ones are named as the repository's file).
    pub path: PathBuf,
    entries: Vec<Entry>,
    /// Folded neutral and intensifier phrases, as words.
    neutral: Vec<Vec<String>>,
    intensifiers: Vec<Vec<String>>,
    preambular: Trie,
    operative: Trie,
}

/// Leads as sequences of folded words: each node's children by word, and the entry ending there.
#[derive(Debug, Clone, Default)]
struct Trie {
    children: HashMap<(usize, String), usize>,
    ends: HashMap<usize, usize>,
    nodes: usize,
}

impl Trie {
    /// Adds `words` ending at entry `entry` (the parser refuses a lead listed twice first).
    fn insert(&mut self, words: &[String], entry: usize) {
        let mut node = 0;
        for word in words {
            node = match self.children.get(&(node, word.clone())) {
                Some(&next) => next,
                None => {
                    self.nodes += 1;
                    self.children.insert((node, word.clone()), self.nodes);
                    self.nodes
                }
            };
        }
        self.ends.entry(node).or_insert(entry);
    }

    fn child(&self, node: usize, word: &str) -> Option<usize> {
        self.children.get(&(node, word.to_string())).copied()
    }
}

/// One word of a text, folded, with where it ends in the text.
#[derive(Debug, Clone)]
enum Token {
    Word(String, usize),
    Intensifier(String, usize),
}

impl Lexicon {
    /// Every lead of the lexicon, in the file's order, with its part.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The longest lead of `part` that `text` begins with (neutral words skipped, intensifiers
    /// counted).
    pub fn find(&self, part: Part, text: &str) -> Option<Found<'_>> {
        // Most leads are a few words long, and every paragraph of every page asks: read the
        // first words only, and the whole window when the lead or its intensifiers may go on
        // past them.
        self.find_within(part, text, FIRST_WINDOW)
            .unwrap_or_else(|| self.find_within(part, text, WINDOW).flatten())
    }

    /// [`Lexicon::find`] over the first `window` tokens of `text`; `None` when the reading
    /// reached the end of a window that cut the text short (the answer may lie beyond it).
    fn find_within(&self, part: Part, text: &str, window: usize) -> Option<Option<Found<'_>>> {
        let trie = match part {
            Part::Preambular => &self.preambular,
            Part::Operative => &self.operative,
        };
        let (tokens, cut) = self.tokens(text, window);
        let (mut node, mut intensity) = (0, 0u8);
        let mut best: Option<(usize, u8, usize)> = None;
        let mut stopped = false;
        for (i, token) in tokens.iter().enumerate() {
            let (word, is_intensifier) = match token {
                Token::Word(w, _) => (w, false),
                Token::Intensifier(w, _) => (w, true),
            };
            if let Some(next) = trie.child(node, word) {
                node = next;
                if let Some(&entry) = trie.ends.get(&node) {
                    best = Some((entry, intensity, i));
                }
            } else if is_intensifier {
                intensity = intensity.saturating_add(1);
            } else {
                stopped = true;
                break;
            }
        }
        if cut && !stopped {
            return None;
        }
        let Some((entry, mut intensity, last)) = best else {
            return Some(None);
        };
        let mut end = token_end(&tokens[last]);
        let mut ended = false;
        for token in &tokens[last + 1..] {
            match token {
                Token::Intensifier(_, e) => {
                    intensity = intensity.saturating_add(1);
                    end = *e;
                }
                Token::Word(..) => {
                    ended = true;
                    break;
                }
            }
        }
        if cut && !ended {
            return None;
        }
        Some(Some(Found {
            entry: &self.entries[entry],
            intensity,
            end,
        }))
    }

    /// The first `window` tokens of `text`: its words folded, neutral phrases left out and
    /// intensifier phrases as one token each (the longest phrase first); and whether the text
    /// goes on after them.
    fn tokens(&self, text: &str, window: usize) -> (Vec<Token>, bool) {
        let words = words_with_ends(text, window + PHRASE_WORDS);
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < words.len() && tokens.len() < window {
            let rest = &words[i..];
            if let Some(n) = longest_phrase(&self.neutral, rest) {
                i += n;
            } else if let Some(n) = longest_phrase(&self.intensifiers, rest) {
                let phrase: Vec<&str> = rest[..n].iter().map(|(w, _)| w.as_str()).collect();
                tokens.push(Token::Intensifier(phrase.join(" "), words[i + n - 1].1));
                i += n;
            } else {
                tokens.push(Token::Word(words[i].0.clone(), words[i].1));
                i += 1;
            }
        }
        let cut = i < words.len() || words.len() == window + PHRASE_WORDS;
        (tokens, cut)
    }
}

fn token_end(token: &Token) -> usize {
    match token {
        Token::Word(_, end) | Token::Intensifier(_, end) => *end,
    }
}

/// The length of the longest of `phrases` that `words` begin with.
fn longest_phrase(phrases: &[Vec<String>], words: &[(String, usize)]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| p.len() <= words.len() && p.iter().zip(words).all(|(a, (b, _))| a == b))
        .map(Vec::len)
        .max()
}

/// The first `limit` words of `text`, folded, each with the byte offset where it ends.
pub(crate) fn words_with_ends(text: &str, limit: usize) -> Vec<(String, usize)> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((fold(&text[s..i]), i));
            if words.len() == limit {
                break;
            }
        }
    }
    words
}

/// Lower case, accents and ligatures dropped: `Préoccupée` -> `preoccupee`.
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

/// The lexicon of every language that has one.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    by_lang: BTreeMap<String, Lexicon>,
}

/// The embedded lexicons, read once (a unit test proves they read without a problem).
static DEFAULTS: LazyLock<Lexicons> = LazyLock::new(|| {
    let mut by_lang = BTreeMap::new();
    for (lang, text) in EMBEDDED {
        let path = embedded_path(lang);
        if let Ok((lexicon, _)) = parse::parse(&path, text) {
            by_lang.insert(lang.to_string(), lexicon);
        }
    }
    Lexicons { by_lang }
});

fn embedded_path(lang: &str) -> PathBuf {
    PathBuf::from(format!("templates/lexicon/{lang}.toml"))
}

impl Lexicons {
    /// The lexicons embedded in the binary (French and English).
    pub fn embedded() -> &'static Lexicons {
        &DEFAULTS
    }

    /// The lexicon of each language of the site: the archive's `templates/lexicon/<lang>.toml`
    /// when it has one, else the embedded one, else none. Fails with every problem of a file.
    pub fn load(config: &Config) -> Result<(Lexicons, Problems), Problems> {
        let dir = config.root.join("templates").join("lexicon");
        let mut by_lang = BTreeMap::new();
        let mut problems = Problems::new();
        for lang in config.language_codes() {
            let path = dir.join(format!("{lang}.toml"));
            let read = if path.is_file() {
                Some(crate::files::read_text(&path).map(|text| (path, text)))
            } else {
                embedded_text(lang).map(|text| Ok((embedded_path(lang), text.to_string())))
            };
            let Some(read) = read else { continue };
            match read {
                Ok((path, text)) => match parse::parse(&path, &text) {
                    Ok((lexicon, warnings)) => {
                        problems.extend(warnings);
                        by_lang.insert(lang.to_string(), lexicon);
                    }
                    Err(errors) => problems.extend(errors),
                },
                Err(problem) => problems.push(problem),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok((Lexicons { by_lang }, problems))
    }

    pub fn get(&self, lang: &str) -> Option<&Lexicon> {
        self.by_lang.get(lang)
    }
}

fn embedded_text(lang: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(l, _)| *l == lang).map(|(_, t)| *t)
}
