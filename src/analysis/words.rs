//! Texts as sequences of word tokens, compared on a key where typography is not a change.
//!
//! The same paragraph reaches the archive through different channels (a PDF extraction, a
//! Markdown file): `’` against `'`, a no-break space against a space, `« oui »` against `«oui»`,
//! a ligature `ﬁ` against `fi`. None of that is a change a reader wants to see. Each token keeps
//! the original text it was cut from (what a page shows) and a key (what is compared): the NFKC
//! form with apostrophes, quotes and hyphens unified. Spaces are not tokens at all, only the
//! `space_before` of the next token, so spacing around punctuation never counts.

use unicode_normalization::UnicodeNormalization;

/// A word, or one punctuation character, of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The characters as the text has them.
    pub text: String,
    /// What comparisons use: typography normalised, case kept.
    pub key: String,
    /// The spaces before it in the text (empty at the start or after a glued character).
    pub space_before: String,
    pub is_word: bool,
}

/// Cuts a paragraph into tokens: runs of letters and digits, and single other characters.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut space = String::new();
    let mut word = String::new();
    let flush_word = |word: &mut String, space: &mut String, tokens: &mut Vec<Token>| {
        if !word.is_empty() {
            tokens.push(token(std::mem::take(word), std::mem::take(space), true));
        }
    };
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            flush_word(&mut word, &mut space, &mut tokens);
            space.push(c);
        } else if c.is_alphanumeric() || is_combining(c) {
            word.push(c);
        } else {
            flush_word(&mut word, &mut space, &mut tokens);
            tokens.push(token(c.to_string(), std::mem::take(&mut space), false));
        }
    }
    flush_word(&mut word, &mut space, &mut tokens);
    tokens
}

fn token(text: String, space_before: String, is_word: bool) -> Token {
    Token {
        key: normalize(&text),
        text,
        space_before,
        is_word,
    }
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
pub(crate) fn similarity_words(tokens: &[Token]) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| t.is_word)
        .map(|t| t.key.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.key).collect()
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
        let texts: Vec<_> = tokens.iter().map(|t| t.text.as_str()).collect();
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
}
