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

/// The words that the views read in Rust (templates' own words are checked when a template that
/// lacks one is rendered), with the placeholders each must hold and no others.
pub(crate) const CODE_WORDS: &[(&str, &[&str])] = &[
    ("language_name", &[]),
    ("without_vote", &[]),
    ("recorded_vote", &["in_favour", "against", "abstaining"]),
    ("official_document_note", &[]),
    ("only_in", &[]),
    ("references_title", &[]),
    ("parallel_title", &[]),
    ("gap_incomplete", &["last"]),
    ("gap_missing", &[]),
    ("compare_since", &[]),
    ("compare_in", &[]),
    ("compare_page_title", &["older", "newer"]),
    (
        "compare_skipped",
        &["language", "skipped", "newer", "older"],
    ),
    (
        "compare_not_compared",
        &["language", "newer", "older", "last", "ids"],
    ),
    ("counts", &["unchanged", "modified", "new", "dropped"]),
    ("row_moved", &[]),
    ("row_merged", &[]),
    ("row_split", &[]),
    ("status_unchanged", &[]),
    ("status_modified", &[]),
    ("status_new", &[]),
    ("status_dropped", &[]),
    ("marker_deleted", &[]),
    ("marker_inserted", &[]),
    ("marker_end", &[]),
    ("history_new_here", &[]),
    ("history_new_in", &["symbol"]),
    ("history_since", &["symbol"]),
    ("history_changed_in", &["symbols"]),
    ("history_unchanged", &[]),
    ("history_next", &["fates"]),
    ("history_fate", &["step", "symbol"]),
    ("step_earliest", &[]),
    ("step_new", &[]),
    ("step_unchanged", &[]),
    ("step_modified", &[]),
    ("step_dropped", &[]),
    ("preamble", &[]),
    ("operative", &[]),
    ("lineage_title", &["texts"]),
    ("lineage_legend", &[]),
    ("lineage_counts", &["older", "newer", "counts"]),
    ("search", &[]),
    ("not_found_title", &[]),
    ("go_home", &[]),
];

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

/// The keys of `[<lang>.committees]`: `Committee::key` of each Main Committee.
const COMMITTEES: [&str; 7] = [
    "first",
    "special_political",
    "second",
    "third",
    "fifth",
    "sixth",
    "plenary",
];

/// Checks the tables of `lang`'s words that views read by a key from the archive: every Main
/// Committee, every language of the site, twelve months.
fn check_named_tables(
    path: &Path,
    lang: &str,
    table: &toml::Table,
    languages: &[&str],
    problems: &mut Problems,
) {
    let names = |name: &str| table.get(name).and_then(|v| v.as_table());
    for (name, keys) in [
        ("committees", &COMMITTEES[..]),
        ("language_names", languages),
    ] {
        for key in keys {
            if names(name).and_then(|t| t.get(*key)?.as_str()).is_none() {
                problems.push(
                    Problem::error(path, format!("[{lang}.{name}] lacks `{key}`"))
                        .hint(format!("add `{key} = \"…\"` under [{lang}.{name}]")),
                );
            }
        }
    }
    let months = names("months")
        .and_then(|m| m.get("names")?.as_array())
        .filter(|n| n.len() == 12 && n.iter().all(|m| m.is_str()));
    if months.is_none() {
        problems.push(
            Problem::error(
                path,
                format!("[{lang}.months] needs `names`, the twelve months"),
            )
            .hint(format!(
                "write `names = [\"…\", …]` under [{lang}.months], January first"
            )),
        );
    }
}

/// Checks that `table` (the words of `lang`) holds every word of [`CODE_WORDS`] with its
/// placeholders and no others.
fn check_code_words(path: &Path, lang: &str, table: &toml::Table, problems: &mut Problems) {
    for (key, wanted) in CODE_WORDS {
        let Some(text) = table.get(*key).and_then(|v| v.as_str()) else {
            let example = wanted
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect::<Vec<_>>();
            problems.push(
                Problem::error(path, format!("[{lang}] lacks `{key}`, which the pages need"))
                    .hint(format!(
                        "add `{key} = \"…\"` to [{lang}]{}; the bundled templates/strings.toml has every word",
                        if example.is_empty() {
                            String::new()
                        } else {
                            format!(" with {}", example.join(", "))
                        }
                    )),
            );
            continue;
        };
        let found = placeholders(text);
        for missing in wanted.iter().filter(|p| !found.contains(p)) {
            problems.push(
                Problem::error(
                    path,
                    format!("[{lang}] `{key}` lacks the placeholder `{{{missing}}}`"),
                )
                .hint(format!(
                    "write `{{{missing}}}` where its value goes in the sentence"
                )),
            );
        }
        for unknown in found.iter().filter(|p| !wanted.contains(p)) {
            problems.push(
                Problem::error(
                    path,
                    format!("[{lang}] `{key}` has `{{{unknown}}}`, which nothing fills"),
                )
                .hint(placeholders_hint(wanted)),
            );
        }
    }
}

fn placeholders_hint(wanted: &[&str]) -> String {
    if wanted.is_empty() {
        return "this word takes no placeholder: remove it".to_string();
    }
    let names: Vec<String> = wanted.iter().map(|p| format!("{{{p}}}")).collect();
    format!("its placeholders are {}", names.join(", "))
}

/// The names of the `{placeholders}` of `text`: a brace followed by a lower-case name.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            if is_placeholder_name(name) {
                names.push(name);
                rest = &rest[end + 1..];
            }
        }
    }
    names
}

fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
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

    /// The bundled strings with `edit` applied to their text.
    fn bundled_with(edit: impl Fn(&str) -> String) -> Result<Strings, Problems> {
        Strings::parse(Path::new("strings.toml"), &edit(TEXT), &["fr", "en"])
    }

    #[test]
    fn a_translator_may_reorder_a_sentence() {
        let reordered =
            "recorded_vote = \"Abstentions {abstaining}, contre {against}, pour {in_favour}\"";
        let strings = bundled_with(|t| {
            t.lines()
                .map(|l| match l.starts_with("recorded_vote = \"Pour") {
                    true => reordered,
                    false => l,
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap();
        let values = [("in_favour", "120"), ("against", "3"), ("abstaining", "58")];
        assert_eq!(
            strings.sentence("fr", "recorded_vote", &values),
            "Abstentions 58, contre 3, pour 120"
        );
        assert_eq!(
            strings.sentence("en", "recorded_vote", &values),
            "In favour: 120, against: 3, abstaining: 58"
        );
    }

    #[test]
    fn a_word_the_pages_need_is_required_of_every_file() {
        let problems = bundled_with(|t| {
            t.lines()
                .filter(|l| !l.starts_with("history_fate ="))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_err()
        .to_string();
        assert!(
            problems.contains("[fr] lacks `history_fate`, which the pages need"),
            "{problems}"
        );
        assert!(problems.contains("{step}, {symbol}"), "{problems}");
        assert!(problems.contains("strings.toml"), "{problems}");
    }

    #[test]
    fn a_sentence_must_keep_its_placeholders_and_add_none() {
        let problems = bundled_with(|t| {
            t.replacen("contre\\u00A0: {against}", "contre\\u00A0: ?", 1)
                .replacen("Since {symbol}", "Since {symbol} ({year})", 1)
        })
        .unwrap_err()
        .to_string();
        assert!(
            problems.contains("[fr] `recorded_vote` lacks the placeholder `{against}`"),
            "{problems}"
        );
        assert!(
            problems.contains("[en] `history_since` has `{year}`, which nothing fills"),
            "{problems}"
        );
    }

    #[test]
    fn html_sentences_escape_their_words_not_their_values() {
        let html = fill(
            "Le texte de {skipped} est <incomplet> {other}",
            &[("skipped", "<a href=\"x.html\">62/160</a>")],
            crate::render::escape::html,
        );
        assert_eq!(
            html,
            "Le texte de <a href=\"x.html\">62/160</a> est &lt;incomplet&gt; {other}"
        );
    }

    #[test]
    fn every_committee_and_language_of_the_site_has_a_name() {
        use crate::load::meta::Committee::{self, *};
        // Exhaustive: a new Main Committee fails to compile here until COMMITTEES has it.
        let key = |c: Committee| match c {
            First | SpecialPolitical | Second | Third | Fifth | Sixth | Plenary => c.key(),
        };
        let all = [
            First,
            SpecialPolitical,
            Second,
            Third,
            Fifth,
            Sixth,
            Plenary,
        ];
        assert_eq!(all.map(key), COMMITTEES);
        let problems = bundled_with(|t| {
            t.replacen("third = \"Troisième Commission\"\n", "", 1)
                .replacen("names = [", "names = [\"Smarch\", ", 1)
        })
        .unwrap_err()
        .to_string();
        assert!(
            problems.contains("[fr.committees] lacks `third`"),
            "{problems}"
        );
        assert!(problems.contains("[fr.months] needs `names`"), "{problems}");
        let problems = Strings::parse(Path::new("strings.toml"), TEXT, &["fr", "en", "de"])
            .unwrap_err()
            .to_string();
        assert!(
            problems.contains("[fr.language_names] lacks `de`"),
            "{problems}"
        );
    }

    #[test]
    fn a_value_is_not_filled_again() {
        let text = fill(
            "{older} → {newer}",
            &[("older", "{newer}"), ("newer", "68/160")],
            str::to_string,
        );
        assert_eq!(text, "{newer} → 68/160");
    }
}
