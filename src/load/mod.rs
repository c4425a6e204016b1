//! Reading `content/` into the archive model.
//!
//! Walks `content/resolutions/<slug>/` and `content/series/*.yaml`, parses metadata (serde_yaml)
//! and canonical texts (pulldown-cmark) in parallel (rayon), and assembles the immutable
//! [`Archive`]. Every problem found along the way is collected with its file and line, so one
//! run reports all of them; only then does loading fail.

mod cites;
pub(crate) mod notes;
pub(crate) mod text;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::lineage::{SeriesSource, build_series};
use crate::archive::{Archive, Resolution, Text};
use crate::config::Config;
use crate::diag::{Problem, Problems};
use crate::files::read_text;
use crate::files::yaml::{key_lines, parse_yaml, read_yaml};
use crate::formats::meta::{Meta, SeriesFile};

/// A loaded archive and the warnings found while loading it.
pub struct Loaded {
    pub archive: Archive,
    pub warnings: Problems,
}

/// Loads the archive under `config.content_dir`; fails with every error found.
pub fn load(config: &Config) -> Result<Loaded, Problems> {
    let content = &config.content_dir;
    if !content.is_dir() {
        return Err(Problem::error(content, "the content folder does not exist")
            .hint("create it, or set build.content-dir in book.toml")
            .into());
    }
    let mut problems = Problems::new();
    let dirs = subfolders(&content.join("resolutions"), &mut problems);
    let results: Vec<(Option<Resolution>, Problems)> = dirs
        .par_iter()
        .map(|dir| load_resolution(dir, config))
        .collect();
    let mut resolutions = Vec::new();
    for (resolution, found) in results {
        problems.extend(found);
        resolutions.extend(resolution);
    }
    check_folders(&resolutions, &mut problems);
    let sources = load_series_files(&content.join("series"), &mut problems);
    let series = build_series(sources, &resolutions, &mut problems);
    let archive = Archive::new(resolutions, series);
    notes::check_links(&archive, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Loaded {
        archive,
        warnings: problems,
    })
}

/// Each resolution in the folder its symbol names, and in one folder only (two symbols that
/// differ only in case share a slug, and so a page).
fn check_folders(resolutions: &[Resolution], problems: &mut Problems) {
    let mut seen: std::collections::HashMap<&str, &Resolution> = std::collections::HashMap::new();
    let mut sorted: Vec<&Resolution> = resolutions.iter().collect();
    // The folder named by the slug comes first, so that the other one is the one reported.
    sorted.sort_by_key(|r| (!r.dir.ends_with(&r.slug), r.dir.clone()));
    for resolution in sorted {
        match seen.get(resolution.slug.as_str()) {
            Some(first) => problems.push(resolution.meta_problem("symbol", |path| {
                let other = crate::diag::shown(&first.dir.join("meta.yaml"));
                let message = if resolution.symbol == first.symbol {
                    format!(
                        "{} is also the symbol of {}: two folders hold the same resolution",
                        resolution.symbol,
                        other.display()
                    )
                } else {
                    format!(
                        "{} and {} (in {}) differ only in case: both would be the page `{}`",
                        resolution.symbol,
                        first.symbol,
                        other.display(),
                        resolution.slug
                    )
                };
                Problem::error(path, message).hint(
                    "keep one folder (merge its texts and notes into it) or correct `symbol:`",
                )
            })),
            None => {
                seen.insert(&resolution.slug, resolution);
                check_folder_name(resolution, problems);
            }
        }
    }
}

fn check_folder_name(resolution: &Resolution, problems: &mut Problems) {
    let slug = &resolution.slug;
    if resolution.dir.file_name().and_then(|n| n.to_str()) != Some(slug.as_str()) {
        problems.push(
            Problem::error(
                resolution.dir.join("meta.yaml"),
                format!("the folder of {} must be named `{slug}`", resolution.symbol),
            )
            .at_line(resolution.meta_lines.get("symbol").copied())
            .hint(format!(
                "rename the folder to content/resolutions/{slug}/ or correct `symbol:`"
            )),
        );
    }
}

fn subfolders(dir: &Path, problems: &mut Problems) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => found.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => problems.push(
                Problem::error(dir, err.to_string()).hint("check that you may read this folder"),
            ),
        }
    }
    found
}

/// A meta.yaml's text read as the loader reads it: the metadata and the line of each key.
pub(crate) fn parse_meta(
    path: &Path,
    text: &str,
) -> Result<(Meta, std::collections::BTreeMap<String, usize>), Problem> {
    Ok((parse_yaml::<Meta>(path, text)?, key_lines(text)))
}

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

fn load_series_files(dir: &Path, problems: &mut Problems) -> Vec<SeriesSource> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut sources = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(
                    Problem::error(dir, err.to_string())
                        .hint("check that you may read this folder"),
                );
                continue;
            }
        };
        let path = entry.path();
        let Some(id) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".yaml"))
        else {
            continue;
        };
        if !crate::formats::valid_series_id(id) {
            problems.push(
                Problem::error(path, format!("`{id}` is not a usable series id")).hint(format!(
                    "rename the file: {}",
                    crate::formats::SERIES_ID_HINT
                )),
            );
            continue;
        }
        match read_yaml::<SeriesFile>(path) {
            Ok(file) => sources.push(SeriesSource {
                id: id.to_string(),
                path: path.to_path_buf(),
                file,
            }),
            Err(problem) => problems.push(problem),
        }
    }
    sources
}
