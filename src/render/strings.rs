//! The words of the interface per language (`templates/strings.toml`), and dates in words.
//!
//! Kept out of the templates so that a translator edits one file; a language of the site that the
//! file lacks is an error before any page is rendered, not a page with holes.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::diag::{Problem, Problems};

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
                for key in first.keys().filter(|k| !table.contains_key(*k)) {
                    problems.push(
                        Problem::error(path, format!("[{lang}] lacks `{key}`"))
                            .hint(format!("translate `{key}` into `{lang}`")),
                    );
                }
            }
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

    /// The interface words of `lang`, as the templates see them (`common.t`).
    pub fn value(&self, lang: &str) -> &tera::Value {
        &self.values[lang]
    }

    pub fn get<'s>(&'s self, lang: &str, key: &'s str) -> &'s str {
        self.by_lang
            .get(lang)
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(key)
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = include_str!("../../templates/strings.toml");

    #[test]
    fn the_bundled_strings_cover_french_and_english() {
        let strings = Strings::parse(Path::new("strings.toml"), TEXT, &["fr", "en"]).unwrap();
        assert_eq!(
            strings.date("fr", jiff::civil::date(2007, 12, 18)),
            "18 décembre 2007"
        );
        assert_eq!(
            strings.date("fr", jiff::civil::date(2000, 1, 1)),
            "1er janvier 2000"
        );
        assert_eq!(
            strings.date("en", jiff::civil::date(2006, 12, 19)),
            "19 December 2006"
        );
        assert_eq!(strings.committee("fr", "third"), "Troisième Commission");
        assert_eq!(strings.language_name("fr", "en"), "anglais");
        assert_eq!(strings.language_name("en", "fr"), "French");
    }

    #[test]
    fn ordinals_follow_each_language() {
        let suffixes: Vec<_> = [1, 2, 3, 11, 12, 21, 76, 81, 113]
            .iter()
            .map(|&n| Strings::ordinal_suffix("en", n, false))
            .collect();
        assert_eq!(
            suffixes,
            ["st", "nd", "rd", "th", "th", "st", "th", "st", "th"]
        );
        assert_eq!(Strings::ordinal_suffix("fr", 1, true), "re");
        assert_eq!(Strings::ordinal_suffix("fr", 81, true), "e");
    }

    #[test]
    fn a_language_without_strings_is_an_error() {
        let problems = Strings::parse(Path::new("strings.toml"), TEXT, &["fr", "es"]).unwrap_err();
        assert!(problems.to_string().contains("no [es] table"), "{problems}");
    }

    #[test]
    fn a_missing_translation_is_named() {
        let text = "[fr]\na = \"1\"\nb = \"2\"\n[en]\na = \"1\"\n";
        let problems = Strings::parse(Path::new("s.toml"), text, &["fr", "en"]).unwrap_err();
        assert!(
            problems.to_string().contains("[en] lacks `b`"),
            "{problems}"
        );
    }
}
