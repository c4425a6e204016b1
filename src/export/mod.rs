//! The archive as open data: what the site shows as pages, written as files for researchers and
//! tools (`recueil export`, or `[export] formats` in book.toml to publish them under `data/`
//! with the site).
//!
//! Three forms, each read from the loaded [`Archive`] and its [`Analysis`] (the alignment of each
//! text with its predecessor), never from `content/` again:
//!
//! - **JSON** (`json.rs`): one file per resolution, `json/<slug>.json`: metadata, lineage, each
//!   language version with its paragraphs (plain text and canonical Markdown, footnote
//!   references, citations resolved to symbols), footnotes, notes, and the alignment with the
//!   predecessor. `schema.json` (JSON Schema 2020-12, embedded from this folder) describes it
//!   and is published beside the files.
//! - **Akoma Ntoso 3.0** (`akn.rs`, inline markup in `inline.rs`): one document per language
//!   version, `akn/<slug>.<lang>.xml`, named as AKN4UN names a General Assembly resolution (a
//!   `statement` of subtype `deliberation`, work `/akn/un/statement/deliberation/unga/<date>/<session>-<number>`);
//!   `recueil import` reads it back into the same canonical text.
//! - **JSONL** (`jsonl.rs`): the paragraph dataset, `paragraphs.jsonl`, one line per paragraph
//!   per language with the paragraph of the predecessor it continues, and its data card
//!   `DATA.md` (`card.md`).
//!
//! Bounded: every file is streamed to its writer as it is made (one resolution at a time, the
//! JSON and XML files in parallel), so no more than one resolution's output is ever in memory;
//! the archive and the analysis are the build's own, already in memory.

mod akn;
mod inline;
mod json;
mod jsonl;

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::archive::{Archive, Resolution};
pub use crate::config::DataFormat;
use crate::diag::{Problem, Problems};

/// The JSON Schema of the JSON files, published as `schema.json` beside them.
pub const SCHEMA: &str = include_str!("schema.json");
/// The data card of the paragraph dataset, published as `DATA.md`.
const CARD: &str = include_str!("card.md");
/// The folder of a site that holds the data, when a build publishes it.
pub const SITE_FOLDER: &str = "data";

/// `json/<slug>.json`, under the data folder.
pub fn json_path(slug: &str) -> String {
    format!("json/{slug}.json")
}

/// `akn/<slug>.<lang>.xml`, under the data folder.
pub fn akn_path(slug: &str, lang: &str) -> String {
    format!("akn/{slug}.{lang}.xml")
}

/// The dataset's file, under the data folder.
pub const JSONL_PATH: &str = "paragraphs.jsonl";

/// Where exported files go: a folder (`recueil export`) or a build's writer.
pub(crate) trait Sink: Sync {
    /// Writes the file at `path` (relative, `/`-separated) as `write` makes it.
    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Problem>;
}

/// Files written straight into a folder, each through a buffer.
pub(crate) struct FolderSink {
    pub root: PathBuf,
}

impl Sink for FolderSink {
    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Problem> {
        let target = self.root.join(path);
        let io = |e: std::io::Error| {
            Problem::error(&target, e.to_string())
                .hint("check that the output folder can be written to")
        };
        if let Some(parent) = target.parent() {
            fs_err::create_dir_all(parent).map_err(io)?;
        }
        let file = fs_err::File::create(&target).map_err(io)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out).and_then(|()| out.flush()).map_err(io)
    }
}

/// Writes `formats` of the archive through `sink`, each path under `prefix` (`data/` in a
/// site, nothing in a folder of its own); the number of files written.
pub(crate) fn export(
    archive: &Archive,
    analysis: &Analysis<'_>,
    formats: &[DataFormat],
    prefix: &str,
    sink: &dyn Sink,
) -> Result<usize, Problems> {
    let ctx = Context { archive, analysis };
    // The dataset is one stream, written while the per-resolution files are made in parallel.
    let ((whole, mut problems), failed) = rayon::join(
        || whole_archive_files(&ctx, formats, prefix, sink),
        || {
            archive
                .resolutions
                .par_iter()
                .flat_map_iter(|r| resolution_files(&ctx, r, formats, prefix, sink))
                .collect::<Vec<Problem>>()
        },
    );
    failed.into_iter().for_each(|p| problems.push(p));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(whole + count_files(archive, formats))
}

/// The files of the whole archive: the schema, the dataset and its card; how many, and what
/// could not be written.
fn whole_archive_files(
    ctx: &Context<'_, '_>,
    formats: &[DataFormat],
    prefix: &str,
    sink: &dyn Sink,
) -> (usize, Problems) {
    let mut problems = Problems::new();
    let mut files = 0;
    let mut put = |path: &str, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| {
        files += 1;
        if let Err(p) = sink.put_streamed(&format!("{prefix}{path}"), write) {
            problems.push(p);
        }
    };
    if formats.contains(&DataFormat::Json) {
        put("schema.json", &|out| out.write_all(SCHEMA.as_bytes()));
    }
    if formats.contains(&DataFormat::Jsonl) {
        put(JSONL_PATH, &|out| jsonl::write(ctx, out));
        put("DATA.md", &|out| out.write_all(CARD.as_bytes()));
    }
    (files, problems)
}

/// The JSON file and the Akoma Ntoso documents of one resolution; what could not be written.
fn resolution_files(
    ctx: &Context<'_, '_>,
    resolution: &Resolution,
    formats: &[DataFormat],
    prefix: &str,
    sink: &dyn Sink,
) -> Vec<Problem> {
    let mut failed = Vec::new();
    if formats.contains(&DataFormat::Json) {
        let path = format!("{prefix}{}", json_path(&resolution.slug));
        let written = sink.put_streamed(&path, &|out| json::write(ctx, resolution, out));
        failed.extend(written.err());
    }
    if formats.contains(&DataFormat::Akn) {
        for text in &resolution.texts {
            let path = format!("{prefix}{}", akn_path(&resolution.slug, &text.lang));
            let written = sink.put_streamed(&path, &|out| akn::write(resolution, text, out));
            failed.extend(written.err());
        }
    }
    failed
}

/// How many per-resolution files `formats` make.
fn count_files(archive: &Archive, formats: &[DataFormat]) -> usize {
    let json = usize::from(formats.contains(&DataFormat::Json)) * archive.resolutions.len();
    let akn = if formats.contains(&DataFormat::Akn) {
        archive.resolutions.iter().map(|r| r.texts.len()).sum()
    } else {
        0
    };
    json + akn
}

/// What every writer reads: the archive and what the analysis found.
pub(crate) struct Context<'c, 'a> {
    pub archive: &'a Archive,
    pub analysis: &'c Analysis<'a>,
}

/// The default folder of `recueil export`: `data/` in the site's output folder.
pub fn default_folder(build_dir: &Path) -> PathBuf {
    build_dir.join(SITE_FOLDER)
}

#[cfg(test)]
mod tests;
