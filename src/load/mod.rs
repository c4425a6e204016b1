//! Reading `content/` into the archive model.
//!
//! Walks `content/resolutions/<slug>/` and `content/series/*.yaml`, parses metadata (serde_yaml)
//! and canonical texts (pulldown-cmark) in parallel (rayon), and assembles the immutable
//! [`Archive`]. Every problem found along the way is collected with its file and line, so one
//! run reports all of them; only then does loading fail.
//!
//! This file walks `content/` and checks what holds across folders (one folder per symbol, the
//! series files); `resolution.rs` reads one resolution folder. Files are read through
//! [`crate::files`], the formats they hold are [`crate::formats`]'s.

mod cites;
pub(crate) mod notes;
mod resolution;
pub(crate) mod text;

pub(crate) use resolution::{check_meta_langs, load_resolution, parse_canonical, parse_meta};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::lineage::{SeriesSource, build_series};
use crate::archive::{Archive, Resolution};
use crate::config::Config;
use crate::diag::{Problem, Problems};
use crate::files::yaml::read_yaml;
use crate::formats::meta::SeriesFile;

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
