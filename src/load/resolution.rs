//! One resolution folder read into a [`Resolution`]: `meta.yaml`, the canonical text of each
//! language the site has (parsed, footnotes linked, citations found), and its notes.
//!
//! The importer's guard reads what it would write through the same entry points
//! ([`parse_meta`], [`check_meta_langs`], [`parse_canonical`]), so the rules stay here.

use std::path::Path;

use super::{cites, notes, text};
use crate::archive::{Resolution, Text};
use crate::config::Config;
use crate::diag::{Problem, Problems};
use crate::files::read_text;
use crate::files::yaml::{key_lines, parse_yaml};
use crate::formats::meta::Meta;

/// A meta.yaml's text read as the loader reads it: the metadata and the line of each key.
pub(crate) fn parse_meta(
    path: &Path,
    text: &str,
) -> Result<(Meta, std::collections::BTreeMap<String, usize>), Problem> {
    Ok((parse_yaml::<Meta>(path, text)?, key_lines(text)))
}

/// Reads one resolution folder: `None`, with the problem, when its meta.yaml is missing or
/// unreadable; otherwise the resolution and what its texts and notes gave.
pub(crate) fn load_resolution(dir: &Path, config: &Config) -> (Option<Resolution>, Problems) {
    let mut problems = Problems::new();
    let meta_path = dir.join("meta.yaml");
    if !meta_path.is_file() {
        problems.push(
            Problem::error(dir, "this resolution folder has no meta.yaml")
                .hint("create it with `recueil import`, or remove the folder"),
        );
        return (None, problems);
    }
    let parsed = read_text(&meta_path).and_then(|text| parse_meta(&meta_path, &text));
    let (meta, meta_lines) = match parsed {
        Ok(parsed) => parsed,
        Err(problem) => {
            problems.push(problem);
            return (None, problems);
        }
    };
    let slug = meta.symbol.slug();
    let texts = load_texts(dir, &meta, config, &mut problems);
    let notes = notes::load_notes(dir, &meta.symbol, &texts, config, &mut problems);
    let resolution = Resolution {
        symbol: meta.symbol.clone(),
        slug,
        dir: dir.to_path_buf(),
        meta,
        meta_lines,
        texts,
        notes,
    };
    (Some(resolution), problems)
}

/// Every language meta.yaml lists must be one of the site's.
pub(crate) fn check_meta_langs(
    meta_path: &Path,
    meta: &Meta,
    site: impl Fn(&str) -> bool,
    problems: &mut Problems,
) {
    for lang in meta.texts.keys().filter(|lang| !site(lang)) {
        problems.push(
            Problem::error(
                meta_path,
                format!("texts.{lang}: `{lang}` is not a language of this site"),
            )
            .hint("add it to book.languages in book.toml, or remove it here"),
        );
    }
}

/// A canonical text parsed as the archive reads it: paragraphs, footnotes linked, citations.
pub(crate) fn parse_canonical(
    path: &Path,
    source: &str,
    problems: &mut Problems,
) -> text::ParsedText {
    let (mut parsed, found) = text::parse_text(path, source);
    problems.extend(found);
    text::link_footnotes(path, &mut parsed, problems);
    cites::find_citations(path, &mut parsed, problems);
    if parsed.all_paragraphs().next().is_none() {
        problems.push(
            Problem::error(path, "this text has no paragraph")
                .hint("a canonical text holds at least one preambular or operative paragraph"),
        );
    }
    parsed
}

fn load_texts(dir: &Path, meta: &Meta, config: &Config, problems: &mut Problems) -> Vec<Text> {
    let meta_path = dir.join("meta.yaml");
    check_meta_langs(
        &meta_path,
        meta,
        |lang| config.language(lang).is_some(),
        problems,
    );
    warn_about_stray_texts(dir, config, problems);
    let mut texts = Vec::new();
    let mut files_found = 0;
    for lang in config.language_codes() {
        let path = dir.join(format!("{lang}.md"));
        let state = meta.texts.get(lang);
        if !path.is_file() {
            if state.is_some() {
                problems.push(
                    Problem::error(
                        &meta_path,
                        format!("texts.{lang} is listed but {lang}.md is missing"),
                    )
                    .hint(format!("import the {lang} text, or remove texts.{lang}")),
                );
            }
            continue;
        }
        files_found += 1;
        if !meta.title.contains_key(lang) {
            problems.push(
                Problem::warning(&meta_path, format!("no title.{lang} for the {lang} text"))
                    .hint(format!("add `title: {{{lang}: …}}`")),
            );
        }
        let source = match read_text(&path) {
            Ok(source) => source,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let parsed = parse_canonical(&path, &source, problems);
        texts.push(Text {
            lang: lang.to_string(),
            path,
            complete: state.is_none_or(|s| s.complete),
            remark: state.and_then(|s| s.remark.clone()),
            opening: parsed.opening,
            paragraphs: parsed.paragraphs,
            annexes: parsed.annexes,
            footnotes: parsed.footnotes,
        });
    }
    if files_found == 0 {
        problems.push(
            Problem::error(
                dir,
                "this resolution has no text in any language of the site",
            )
            .hint("add fr.md or en.md with `recueil import`"),
        );
    }
    texts
}

/// A `<lang>.md` for a language the site does not have would silently go unpublished.
fn warn_about_stray_texts(dir: &Path, config: &Config, problems: &mut Problems) {
    let Ok(entries) = fs_err::read_dir(dir) else {
        return;
    };
    let site: Vec<&str> = config.language_codes().collect();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        // Notes files are read (and stray ones reported) by `notes`.
        if stem == "notes" || stem.starts_with("notes.") || site.contains(&stem) {
            continue;
        }
        problems.push(
            Problem::warning(entry.path(), format!("`{stem}` is not a language of this site, so this text is not published"))
                .hint(format!("the site's languages are {}; add `{stem}` to book.languages in book.toml, or rename the file", site.join(", "))),
        );
    }
}
