//! `book.toml`: the site's configuration, parsed and validated into a [`Config`].
//!
//! Raw TOML is read into structs that reject unknown keys (a misspelt key is an error with its line,
//! never a silently ignored setting), then checked as a whole (the default language is one of the
//! languages, each language has its titles, the site URL is absolute) and resolved against the
//! archive's root folder. Everything downstream sees only the resolved [`Config`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Problem, Problems, line_col};

/// The name of the configuration file at the root of an archive.
pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    book: RawBook,
    #[serde(default)]
    language: BTreeMap<String, RawLanguage>,
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    notes: RawNotes,
    #[serde(default)]
    export: RawExport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBook {
    languages: Vec<String>,
    default_language: Option<String>,
    site_url: Option<String>,
    repository_url: Option<String>,
    cname: Option<String>,
    repository_branch: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLanguage {
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawNotes {
    #[serde(default)]
    trust_html: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExport {
    #[serde(default)]
    formats: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBuild {
    content_dir: Option<PathBuf>,
    build_dir: Option<PathBuf>,
}

/// One language of the site, in the order the configuration gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code: `fr`, `en`.
    pub code: String,
    pub title: String,
    pub description: String,
}

/// A form of the open data (`recueil export --format`, `[export] formats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataFormat {
    /// One JSON file per resolution, described by a JSON Schema.
    Json,
    /// One Akoma Ntoso 3.0 document per language version.
    Akn,
    /// The paragraph dataset: one JSON line per paragraph per language.
    Jsonl,
}

impl DataFormat {
    pub const ALL: [DataFormat; 3] = [DataFormat::Json, DataFormat::Akn, DataFormat::Jsonl];

    /// The name written in book.toml and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DataFormat::Json => "json",
            DataFormat::Akn => "akn",
            DataFormat::Jsonl => "jsonl",
        }
    }

    pub fn parse(name: &str) -> Option<DataFormat> {
        DataFormat::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The validated configuration of one archive.
#[derive(Debug, Clone)]
pub struct Config {
    /// The archive's folder (where book.toml is).
    pub root: PathBuf,
    pub languages: Vec<Language>,
    pub default_language: String,
    /// Absolute URL of the published site, always ending with `/` (may carry a subpath).
    pub site_url: Option<String>,
    /// The repository that holds the archive (`https://github.com/user/archive`): pages offer
    /// links to edit its notes there.
    pub repository_url: Option<String>,
    /// The custom domain GitHub Pages serves the site at (written to `CNAME`).
    pub cname: Option<String>,
    /// The branch edit links open (`main` unless `repository-branch` says otherwise).
    pub repository_branch: String,
    /// Raw HTML in notes is kept as written (`[notes] trust-html = true`) instead of sanitised.
    pub trust_html: bool,
    pub content_dir: PathBuf,
    pub build_dir: PathBuf,
    /// The open data a build publishes under `data/` (`[export] formats`), in the order of
    /// [`DataFormat::ALL`], each once.
    pub export_formats: Vec<DataFormat>,
}

impl Config {
    /// Reads and validates `<root>/book.toml`.
    pub fn load(root: &Path) -> Result<Config, Problems> {
        let path = root.join(CONFIG_FILE);
        let text = crate::files::read_text(&path).map_err(|problem| {
            problem.hint("run recueil from the archive's folder, or pass --root DIR")
        })?;
        Config::parse(root, &path, &text)
    }

    /// Validates the text of a book.toml found at `path`.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config, Problems> {
        let raw: RawConfig = parse_toml(path, text)
            .map_err(|problem| problem.hint("see the example book.toml in the README"))?;
        validate(root, path, text, raw)
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }
}

/// Checks the configuration as a whole; every inconsistency is reported, with its line.
fn validate(root: &Path, path: &Path, text: &str, raw: RawConfig) -> Result<Config, Problems> {
    let mut problems = Problems::new();
    let checker = Checker { path, text };
    let languages = checker.languages(&raw, &mut problems);
    let default_language = checker.default_language(&raw, &mut problems);
    let site_url = checker.site_url(&raw, &mut problems);
    let cname = checker.cname(&raw, &mut problems);
    let export_formats = checker.export_formats(&raw, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Config {
        root: root.to_path_buf(),
        languages,
        default_language,
        site_url,
        cname,
        repository_url: raw
            .book
            .repository_url
            .map(|u| u.trim_end_matches('/').to_string()),
        repository_branch: raw
            .book
            .repository_branch
            .unwrap_or_else(|| "main".to_string()),
        trust_html: raw.notes.trust_html,
        content_dir: root.join(raw.build.content_dir.unwrap_or_else(|| "content".into())),
        build_dir: root.join(raw.build.build_dir.unwrap_or_else(|| "public".into())),
        export_formats,
    })
}

/// Locates problems in the text of book.toml.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Checker<'_> {
    /// An error on the first line that contains `needle`.
    fn error(&self, needle: &str, message: String, hint: String) -> Problem {
        let line = self
            .text
            .find(needle)
            .map(|offset| line_col(self.text, offset).0);
        Problem::error(self.path, message).at_line(line).hint(hint)
    }

    /// `book.languages`, in order, each with its `[language.<code>]` table.
    fn languages(&self, raw: &RawConfig, problems: &mut Problems) -> Vec<Language> {
        let listed = &raw.book.languages;
        if listed.is_empty() {
            let hint = "list the site's languages in order, e.g. languages = [\"fr\", \"en\"]";
            problems.push(self.error("languages", "`book.languages` is empty".into(), hint.into()));
        }
        let mut languages = Vec::new();
        for code in listed {
            if !is_language_code(code) {
                let hint = "use two lower-case letters (ISO 639-1): fr, en, es, ar, ru, zh";
                let message = format!("`{code}` is not a language code");
                problems.push(self.error("languages", message, hint.into()));
                continue;
            }
            match raw.language.get(code) {
                Some(lang) => languages.push(Language {
                    code: code.clone(),
                    title: lang.title.clone(),
                    description: lang.description.clone(),
                }),
                None => problems.push(self.error(
                    "languages",
                    format!("language `{code}` has no [language.{code}] table"),
                    format!("add [language.{code}] with a `title` for the site in that language"),
                )),
            }
        }
        for code in raw.language.keys().filter(|code| !listed.contains(code)) {
            problems.push(self.error(
                &format!("[language.{code}]"),
                format!("[language.{code}] is not in `book.languages`"),
                format!("add \"{code}\" to book.languages or remove the table"),
            ));
        }
        languages
    }

    /// `default-language`, the first language when absent.
    fn default_language(&self, raw: &RawConfig, problems: &mut Problems) -> String {
        let listed = &raw.book.languages;
        let default = raw
            .book
            .default_language
            .clone()
            .or_else(|| listed.first().cloned())
            .unwrap_or_default();
        if !listed.is_empty() && !listed.contains(&default) {
            problems.push(self.error(
                "default-language",
                format!("default-language `{default}` is not one of book.languages"),
                "pick one of the languages listed in book.languages".into(),
            ));
        }
        default
    }

    /// `cname`: a bare domain name, as GitHub Pages expects it in the `CNAME` file.
    fn cname(&self, raw: &RawConfig, problems: &mut Problems) -> Option<String> {
        let name = raw.book.cname.as_deref()?.trim().to_string();
        let valid = !name.is_empty()
            && name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !valid {
            problems.push(
                self.error(
                    "cname",
                    format!("cname `{name}` is not a domain name"),
                    "write the domain alone, without https:// or a path, e.g. archive.example.org"
                        .into(),
                ),
            );
            return None;
        }
        Some(name)
    }

    /// `[export] formats`: each a known format; kept once each, in a fixed order.
    fn export_formats(&self, raw: &RawConfig, problems: &mut Problems) -> Vec<DataFormat> {
        let mut formats = Vec::new();
        for name in &raw.export.formats {
            match DataFormat::parse(name) {
                Some(format) => formats.push(format),
                None => problems.push(self.error(
                    &format!("\"{name}\""),
                    format!("[export] formats: `{name}` is not a data format"),
                    "the formats are \"json\" (a file per resolution), \"akn\" (Akoma Ntoso XML per language) and \"jsonl\" (the paragraph dataset), e.g. formats = [\"json\", \"akn\", \"jsonl\"]".into(),
                )),
            }
        }
        formats.sort();
        formats.dedup();
        formats
    }

    /// `site-url`, absolute and ending with `/`.
    fn site_url(&self, raw: &RawConfig, problems: &mut Problems) -> Option<String> {
        let url = raw.book.site_url.as_deref().map(normalise_url)?;
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            problems.push(self.error(
                "site-url",
                format!("site-url `{url}` is not an absolute http(s) URL"),
                "write the published address, e.g. https://user.github.io/archive/".into(),
            ));
        }
        Some(url)
    }
}

/// Deserializes TOML; a problem carries the line and column of the offending key or value.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, Problem> {
    toml::from_str(text).map_err(|err| {
        let problem = Problem::error(path, err.message().to_string());
        match err.span() {
            Some(span) => {
                let (line, column) = line_col(text, span.start);
                problem.at(line, Some(column))
            }
            None => problem,
        }
    })
}

fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
}

fn normalise_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[book]
languages = ["fr", "en"]
default-language = "fr"
site-url = "https://user.github.io/archive"

[language.fr]
title = "Recueil"

[language.en]
title = "Collection"
"#;

    fn parse(text: &str) -> Result<Config, Problems> {
        Config::parse(Path::new("/site"), Path::new("/site/book.toml"), text)
    }

    #[test]
    fn a_good_config_resolves_folders_and_url() {
        let config = parse(GOOD).unwrap();
        assert_eq!(config.language_codes().collect::<Vec<_>>(), ["fr", "en"]);
        assert_eq!(config.default_language, "fr");
        assert_eq!(
            config.site_url.as_deref(),
            Some("https://user.github.io/archive/")
        );
        assert_eq!(config.content_dir, Path::new("/site/content"));
        assert_eq!(config.build_dir, Path::new("/site/public"));
        assert_eq!(config.repository_branch, "main");
        assert!(
            !config.trust_html,
            "raw HTML in notes is sanitised unless trusted"
        );
    }

    #[test]
    fn notes_settings_are_read_and_unknown_ones_refused() {
        let trusted = format!("{GOOD}\n[notes]\ntrust-html = true\n");
        assert!(parse(&trusted).unwrap().trust_html);
        let typo = format!("{GOOD}\n[notes]\ntrust-htm = true\n");
        let problem = parse(&typo).unwrap_err().iter().next().unwrap().clone();
        assert!(problem.message.contains("trust-htm"), "{problem}");
        assert_eq!(problem.line, Some(14), "{problem}");
    }

    #[test]
    fn export_formats_are_read_and_an_unknown_one_is_named_with_its_line() {
        assert!(parse(GOOD).unwrap().export_formats.is_empty());
        let text = format!("{GOOD}\n[export]\nformats = [\"jsonl\", \"json\", \"json\"]\n");
        let formats = parse(&text).unwrap().export_formats;
        assert_eq!(formats, [DataFormat::Json, DataFormat::Jsonl]);
        let text = format!("{GOOD}\n[export]\nformats = [\"json\", \"xml\"]\n");
        let problem = parse(&text).unwrap_err().iter().next().unwrap().clone();
        assert!(
            problem.message.contains("`xml` is not a data format"),
            "{problem}"
        );
        assert_eq!(problem.line, Some(14), "{problem}");
        assert!(problem.hint.as_deref().unwrap_or("").contains("\"akn\""));
        let text = format!("{GOOD}\n[export]\nformat = [\"json\"]\n");
        let problem = parse(&text).unwrap_err().iter().next().unwrap().clone();
        assert!(problem.message.contains("format"), "{problem}");
        assert_eq!(problem.line, Some(14), "{problem}");
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let text = GOOD.replace("default-language", "default-langage");
        let problems = parse(&text).unwrap_err();
        let problem = problems.iter().next().unwrap();
        assert!(problem.message.contains("default-langage"), "{problem}");
        assert_eq!(problem.line, Some(4));
    }

    #[test]
    fn a_wrong_type_is_an_error_with_its_line() {
        let text = GOOD.replace(r#"["fr", "en"]"#, "\"fr\"");
        let problem = parse(&text).unwrap_err().iter().next().unwrap().clone();
        assert_eq!(problem.line, Some(3), "{problem}");
    }

    #[test]
    fn every_inconsistency_is_reported_at_once() {
        let text = GOOD
            .replace("default-language = \"fr\"", "default-language = \"es\"")
            .replace("[language.en]\ntitle = \"Collection\"", "");
        let problems = parse(&text).unwrap_err();
        let messages: Vec<_> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("[language.en]"));
        assert!(messages[1].contains("`es`"));
    }
}
