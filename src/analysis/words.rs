//! Texts as sequences of word tokens, compared on a key where typography is not a change.
//!
//! The same paragraph reaches the archive through different channels (a PDF extraction, a
//! Markdown file): `’` against `'`, a no-break space against a space, `« oui »` against `«oui»`,
//! a ligature `ﬁ` against `fi`. None of that is a change a reader wants to see. Each token keeps
//! the original text it was cut from (what a page shows) and a key (what is compared): the NFKC
//! form with apostrophes, quotes and hyphens unified. Spaces are not tokens at all, only the
//! `space_before` of the next token, so spacing around punctuation never counts.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// A word, or one punctuation character, of a paragraph. Its pieces borrow from the paragraph's
/// text wherever they can (a text of the archive is cut into tokens twice per build, as the newer
/// and as the older of two comparisons: copying every word would dominate the analysis).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'t> {
    /// The characters as the text has them.
    pub text: Cow<'t, str>,
    /// What comparisons use: typography normalised, case kept.
    pub key: Cow<'t, str>,
    /// The spaces before it in the text (empty at the start or after a glued character).
    pub space_before: Cow<'t, str>,
    pub is_word: bool,
}

/// A run of characters of the text being cut, borrowed while it is one slice of it (an
/// invisible character skipped inside a run makes it a copy).
#[derive(Default)]
struct Run {
    start: usize,
    end: usize,
    copy: Option<String>,
}

impl Run {
    fn is_empty(&self) -> bool {
        self.start == self.end && self.copy.is_none()
    }

    fn push(&mut self, text: &str, at: usize, c: char) {
        let next = at + c.len_utf8();
        if let Some(copy) = &mut self.copy {
            copy.push(c);
        } else if self.start == self.end {
            (self.start, self.end) = (at, next);
        } else if at == self.end {
            self.end = next;
        } else {
            let mut copy = text[self.start..self.end].to_string();
            copy.push(c);
            self.copy = Some(copy);
        }
    }

    fn take<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        let piece = match self.copy.take() {
            Some(copy) => Cow::Owned(copy),
            None => Cow::Borrowed(&text[self.start..self.end]),
        };
        (self.start, self.end) = (0, 0);
        piece
    }
}

/// Cuts a paragraph into tokens: runs of letters and digits, and single other characters.
pub(crate) fn tokenize<'t>(text: &'t str) -> Vec<Token<'t>> {
    let mut tokens: Vec<Token<'t>> = Vec::new();
    let mut space = Run::default();
    let mut word = Run::default();
    let flush_word = |word: &mut Run, space: &mut Run, tokens: &mut Vec<Token<'t>>| {
        if !word.is_empty() {
            tokens.push(token(word.take(text), space.take(text), true));
        }
    };
    for (at, c) in text.char_indices() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            flush_word(&mut word, &mut space, &mut tokens);
            space.push(text, at, c);
        } else if c.is_alphanumeric() || is_combining(c) {
            word.push(text, at, c);
        } else {
            flush_word(&mut word, &mut space, &mut tokens);
            let one = Cow::Borrowed(&text[at..at + c.len_utf8()]);
            tokens.push(token(one, space.take(text), false));
        }
    }
    flush_word(&mut word, &mut space, &mut tokens);
    tokens
}

fn token<'t>(text: Cow<'t, str>, space_before: Cow<'t, str>, is_word: bool) -> Token<'t> {
    let key = match &text {
        Cow::Borrowed(borrowed) if is_own_key(borrowed) => Cow::Borrowed(*borrowed),
        _ => Cow::Owned(normalize(&text)),
    };
    Token {
        key,
        text,
        space_before,
        is_word,
    }
}

/// True when `normalize` would give `text` back: already NFKC, no apostrophe, quote or hyphen
/// to unify (most words of a text: checked without building the normal form).
fn is_own_key(text: &str) -> bool {
    let unified = |c: char| {
        matches!(
            c,
            '\u{2019}'
                | '\u{2018}'
                | '\u{02BC}'
                | '\u{2032}'
                | '`'
                | '\u{00B4}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{201E}'
                | '\u{2033}'
                | '\u{2010}'
                | '\u{2011}'
        )
    };
    if text.is_ascii() {
        return !text.contains('`');
    }
    is_nfkc_quick(text.chars()) == IsNormalized::Yes && !text.chars().any(unified)
}

/// The comparison key of a piece of text: NFKC (ligatures, compatibility spaces, `…`), then one
/// form for every apostrophe, quotation mark and hyphen.
pub(crate) fn normalize(text: &str) -> String {
    text.nfkc()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            '\u{2010}' | '\u{2011}' => '-',
            other => other,
        })
        .collect()
}

/// Soft hyphens and zero-width characters: invisible, never a difference.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'
    )
}

/// Combining marks stay in their word (a decomposed `é` is one letter).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// True when two texts differ only in typography.
pub(crate) fn same_text(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.key == y.key)
}

/// The words of a text, lower-cased, for measuring how alike two paragraphs are.
pub(crate) fn similarity_words<'t>(tokens: &[Token<'t>]) -> Vec<Cow<'t, str>> {
    tokens
        .iter()
        .filter(|t| t.is_word)
        .map(|t| {
            if t.key.chars().any(char::is_uppercase) {
                Cow::Owned(t.key.to_lowercase())
            } else {
                t.key.clone()
            }
        })
        .collect()
}

/// Numbers the distinct words of the paragraphs compared, so that alignment compares numbers
/// rather than strings.
#[derive(Default)]
pub(crate) struct Interner<'t> {
    ids: std::collections::HashMap<Cow<'t, str>, u32>,
}

impl<'t> Interner<'t> {
    pub(crate) fn ids(&mut self, words: Vec<Cow<'t, str>>) -> Vec<u32> {
        words
            .into_iter()
            .map(|word| {
                let next = self.ids.len() as u32;
                *self.ids.entry(word).or_insert(next)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.key.into_owned())
            .collect()
    }

    #[test]
    fn apostrophes_spaces_and_guillemet_spacing_are_not_changes() {
        let a = tokenize("l’homme\u{202F}; «\u{A0}oui\u{A0}» ﬁn");
        let b = tokenize("l'homme ; «oui» fin");
        assert!(
            same_text(&a, &b),
            "{:?} / {:?}",
            keys("l’homme"),
            keys("l'homme")
        );
    }

    #[test]
    fn words_and_case_are_changes() {
        assert!(!same_text(&tokenize("la Charte"), &tokenize("la charte")));
        assert!(!same_text(&tokenize("efficaces"), &tokenize("effectives")));
        assert!(!same_text(&tokenize("a b"), &tokenize("a, b")));
    }

    #[test]
    fn tokens_keep_the_original_text_and_its_spaces() {
        let tokens = tokenize("d’un  dialogue ;");
        let texts: Vec<_> = tokens.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(texts, ["d", "’", "un", "dialogue", ";"]);
        assert_eq!(tokens[3].space_before, "  ");
        assert_eq!(tokens[4].space_before, " ");
        assert!(tokens[2].is_word && !tokens[1].is_word);
    }

    #[test]
    fn a_decomposed_accent_is_the_same_letter() {
        assert!(same_text(&tokenize("e\u{301}tat"), &tokenize("état")));
        assert_eq!(tokenize("e\u{301}tat").len(), 1);
    }

    #[test]
    fn similarity_ignores_punctuation_and_case() {
        let words = similarity_words(&tokenize("Réaffirme, que l’un"));
        assert_eq!(words, ["réaffirme", "que", "l", "un"]);
    }

    #[test]
    fn tokens_borrow_from_the_text_unless_an_invisible_character_is_dropped() {
        let tokens = tokenize("coopé\u{AD}ration  internationale");
        assert_eq!(tokens[0].text, "coopération");
        assert!(matches!(tokens[0].text, Cow::Owned(_)));
        assert!(matches!(tokens[1].text, Cow::Borrowed("internationale")));
        assert!(matches!(tokens[1].key, Cow::Borrowed(_)));
        assert_eq!(tokenize("l’un")[1].key, "'");
    }
}
