//! The words of the interface per language (`templates/strings.toml`), and dates in words.
//!
//! Kept out of the templates so that a translator edits one file; a language of the site that the
//! file lacks is an error before any page is rendered, not a page with holes. The words that the
//! views read in Rust are listed in [`CODE_WORDS`], each with the named placeholders it must hold
//! (`{in_favour}`): a file that lacks one of them, or a sentence that lacks a placeholder, is an
//! error at load that names the key and the file, so no page prints a key or a `{placeholder}`.
//! Sentences are whole, placeholders filled in one place ([`Strings::sentence`]), so that a
//! translator may reorder them.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::diag::{Problem, Problems};
use words::{CODE_WORDS, check_code_words, check_named_tables};

mod labels;
mod words;

/// Interface strings of every language.
#[derive(Debug, Clone)]
pub struct Strings {
    by_lang: BTreeMap<String, toml::Table>,
    /// Each language's table as a template value, made once: every page shares it (Tera clones
    /// a `Value` it meets while serializing a view by reference, not by copy).
    values: BTreeMap<String, tera::Value>,
}

impl Strings {
    /// Parses the strings file and checks it covers `languages` with the same keys as the first.
    pub fn parse(path: &Path, text: &str, languages: &[&str]) -> Result<Strings, Problems> {
        let table: toml::Table = crate::config::parse_toml(path, text)?;
        let mut by_lang = BTreeMap::new();
        let mut problems = Problems::new();
        for lang in languages {
            match table.get(*lang).and_then(|v| v.as_table()) {
                Some(t) => {
                    by_lang.insert(lang.to_string(), t.clone());
                }
                None => problems.push(
                    Problem::error(
                        path,
                        format!("no [{lang}] table: the site has language `{lang}`"),
                    )
                    .hint(format!("copy the [en] table as [{lang}] and translate it")),
                ),
            }
        }
        if let Some(first) = languages.first().and_then(|l| by_lang.get(*l)) {
            for (lang, table) in &by_lang {
                // A word of CODE_WORDS is reported by `check_code_words`, with its placeholders.
                let missing = first
                    .keys()
                    .filter(|k| !table.contains_key(*k) && !CODE_WORDS.iter().any(|(c, _)| c == k));
                for key in missing {
                    problems.push(
                        Problem::error(path, format!("[{lang}] lacks `{key}`"))
                            .hint(format!("translate `{key}` into `{lang}`")),
                    );
                }
            }
        }
        for (lang, table) in &by_lang {
            check_code_words(path, lang, table, &mut problems);
            check_named_tables(path, lang, table, languages, &mut problems);
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let values = by_lang
            .iter()
            .map(|(lang, table)| (lang.clone(), tera::Value::from_serializable(table)))
            .collect();
        Ok(Strings { by_lang, values })
    }

    /// The bundled words (`templates/strings.toml`) of French and English, for tests.
    #[cfg(test)]
    pub(crate) fn bundled() -> Strings {
        let text = include_str!("../../../templates/strings.toml");
        Strings::parse(Path::new("templates/strings.toml"), text, &["fr", "en"])
            .unwrap_or_else(|p| panic!("{p}"))
    }

    /// The interface words of `lang`, as the templates see them (`common.t`).
    pub fn value(&self, lang: &str) -> &tera::Value {
        &self.values[lang]
    }

    /// A word of [`CODE_WORDS`] without placeholders, as the file has it: [`Strings::parse`]
    /// made sure it is there.
    pub fn get(&self, lang: &str, key: &str) -> &str {
        debug_assert!(
            CODE_WORDS.iter().any(|(k, p)| *k == key && p.is_empty()),
            "`{key}` is read in Rust: list it in CODE_WORDS"
        );
        self.word(lang, key)
    }

    /// A sentence of [`CODE_WORDS`], its `{placeholders}` filled with `values` (plain text).
    pub fn sentence(&self, lang: &str, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.sentence_word(lang, key, values), values, |s| {
            s.to_string()
        })
    }

    /// A sentence set into HTML: its words escaped, its placeholders filled with `values`,
    /// which are HTML already (links).
    pub fn sentence_html(&self, lang: &str, key: &str, values: &[(&str, &str)]) -> String {
        fill(
            self.sentence_word(lang, key, values),
            values,
            super::escape::html,
        )
    }

    /// "1 résolution", "12 résolutions": `{key}_one` or `{key}_other` of [`CODE_WORDS`], its
    /// `{n}` filled. French counts 0 and 1 as one; the other languages 1 only.
    pub fn count(&self, lang: &str, key: &str, n: usize) -> String {
        let one = match lang {
            "fr" => n < 2,
            _ => n == 1,
        };
        let key = format!("{key}_{}", if one { "one" } else { "other" });
        self.sentence(lang, &key, &[("n", &n.to_string())])
    }

    fn sentence_word(&self, lang: &str, key: &str, values: &[(&str, &str)]) -> &str {
        debug_assert!(
            CODE_WORDS
                .iter()
                .any(|(k, p)| *k == key && p.iter().eq(values.iter().map(|(name, _)| name))),
            "`{key}` and its placeholders must be listed in CODE_WORDS"
        );
        self.word(lang, key)
    }

    fn word(&self, lang: &str, key: &str) -> &str {
        self.by_lang
            .get(lang)
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    pub fn committee(&self, lang: &str, key: &str) -> String {
        self.nested(lang, "committees", key)
            .unwrap_or(key)
            .to_string()
    }

    /// The name of language `code` in the words of `lang` ("anglais" on a French page).
    pub fn language_name(&self, lang: &str, code: &str) -> String {
        self.nested(lang, "language_names", code)
            .unwrap_or(code)
            .to_string()
    }

    /// The suffix of an ordinal number, to be set as a superscript: 81e, 1re, 76th, 81st.
    pub fn ordinal_suffix(lang: &str, n: u32, feminine: bool) -> &'static str {
        match lang {
            "fr" if n == 1 && feminine => "re",
            "fr" if n == 1 => "er",
            "fr" => "e",
            _ => match (n % 10, n % 100) {
                (1, r) if r != 11 => "st",
                (2, r) if r != 12 => "nd",
                (3, r) if r != 13 => "rd",
                _ => "th",
            },
        }
    }

    fn nested(&self, lang: &str, table: &str, key: &str) -> Option<&str> {
        self.by_lang.get(lang)?.get(table)?.get(key)?.as_str()
    }

    /// `18 décembre 2007`, `18 December 2007`, `1er janvier 2000`.
    pub fn date(&self, lang: &str, date: Date) -> String {
        let month = self
            .by_lang
            .get(lang)
            .and_then(|t| t.get("months"))
            .and_then(|m| m.get("names"))
            .and_then(|n| n.as_array())
            .and_then(|names| names.get(usize::try_from(date.month() - 1).ok()?))
            .and_then(|name| name.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("{:02}", date.month()));
        let day = match (lang, date.day()) {
            ("fr", 1) => "1er".to_string(),
            (_, day) => day.to_string(),
        };
        format!("{day} {month} {}", date.year())
    }
}

/// `sentence` with each `{name}` replaced by its value, read in one pass (a value that holds
/// a `{name}` is not filled again), and the words between passed through `words`.
fn fill(sentence: &str, values: &[(&str, &str)], words: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(sentence.len() * 2);
    let mut rest = sentence;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(&words(&rest[..start]));
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&words(&rest[..=start]));
                rest = after;
            }
        }
    }
    out.push_str(&words(rest));
    out
}

#[cfg(test)]
mod tests;
