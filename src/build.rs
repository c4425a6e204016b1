//! One whole build: configuration, loading, analysis, rendering and writing, with what it found.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diag::{Problem, Problems};
use crate::progress::Progress;
use crate::site::Site;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    /// Files whose bytes were those of the previous build: kept, not written again.
    pub unchanged: usize,
    /// The parts of comparisons taken from the analysis cache, and those compared again (none
    /// of either when nothing changed and the build stopped early).
    pub comparisons: crate::analysis::CacheUse,
    pub elapsed: Duration,
    pub warnings: Problems,
}

/// Why a build failed: the content (exit code 1) or the machine (exit code 2).
#[derive(Debug)]
pub enum BuildError {
    Content(Problems),
    Output(Problems),
}

/// What a successful check found: the archive's size and its warnings.
#[derive(Debug)]
pub struct CheckReport {
    pub resolutions: usize,
    pub texts: usize,
    pub pages: usize,
    pub warnings: Problems,
}

/// Runs every check of a build (configuration, content, lineage, references, analysis,
/// templates) without writing anything.
pub fn check(root: &Path) -> Result<CheckReport, Problems> {
    let progress = &mut Progress::quiet();
    let site = Site::load(Config::load(root)?, progress)?;
    let rendered = site.render(crate::site::Keep::ReadOnly, progress, |renderer, _| {
        renderer
            .render_all(&|_: crate::render::OutputFile| Ok(()))
            .map_err(crate::render::RenderError::into_problems)
    })??;
    Ok(CheckReport {
        resolutions: site.archive.resolutions.len(),
        texts: site.texts(),
        pages: rendered.pages,
        warnings: site.warnings,
    })
}

/// Builds the archive at `root` into `out` (default: book.toml's build-dir).
///
/// When nothing it reads has changed since the build that made `out`, and `out` is intact, the
/// build stops there (unless `force`); otherwise every page is rendered and streamed into a new
/// folder, where files whose bytes did not change are kept from the previous site.
pub fn build(root: &Path, out: Option<&Path>, force: bool) -> Result<BuildReport, BuildError> {
    build_with_progress(root, out, force, &mut Progress::quiet())
}

/// [`build`], showing its progress (the command line's: a bar on a terminal).
pub(crate) fn build_with_progress(
    root: &Path,
    out: Option<&Path>,
    force: bool,
    progress: &mut Progress,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut timings = crate::timings::Timings::start();
    let config = Config::load(root).map_err(BuildError::Content)?;
    let out = out.map_or_else(|| config.build_dir.clone(), Path::to_path_buf);
    let inputs = crate::inputs::fingerprint(&config, &out);
    timings.lap("inputs");
    if !force && let Some((manifest, written)) = crate::write::unchanged_site(&out, inputs) {
        timings.lap("unchanged");
        timings.report();
        return Ok(BuildReport {
            pages: manifest.pages,
            files: written.unchanged,
            unchanged: written.unchanged,
            comparisons: Default::default(),
            out,
            elapsed: started.elapsed(),
            warnings: manifest.warnings,
        });
    }
    let site = Site::load(config, progress).map_err(BuildError::Content)?;
    timings.lap("load");
    let (comparisons, (rendered, written)) = site
        .render(crate::site::Keep::Save, progress, |renderer, progress| {
            timings.lap("analysis and templates");
            let comparisons = renderer.analysis().cache_use;
            let written = write_all(&renderer, &out, force, inputs, &site.warnings, progress);
            written.map(|w| (comparisons, w))
        })
        .map_err(BuildError::Content)??;
    timings.lap("render and write");
    timings.report();
    progress.finish();
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.files,
        unchanged: written.unchanged,
        comparisons,
        out,
        elapsed: started.elapsed(),
        warnings: site.warnings,
    })
}

/// Renders the whole site into a new folder and swaps it into place at `out` (files whose bytes
/// did not change are kept from the previous site); the manifest records `inputs`, the number
/// of pages and `warnings`.
pub(crate) fn write_all(
    renderer: &crate::render::Renderer,
    out: &Path,
    force: bool,
    inputs: Option<u128>,
    warnings: &Problems,
    progress: &mut Progress,
) -> Result<(crate::render::Rendered, crate::write::Written), BuildError> {
    let writer = crate::write::Writer::begin(out, force).map_err(BuildError::Output)?;
    progress.stage("rendering", Some(renderer.pages().len() as u64));
    let sink = WriterSink {
        writer: &writer,
        progress: &*progress,
    };
    let mut rendered = renderer.render_all(&sink).map_err(split_failure)?;
    rendered.files += renderer.export_data(&sink).map_err(BuildError::Output)?;
    let summary = crate::write::Summary {
        inputs,
        pages: rendered.pages,
        warnings: warnings.clone(),
    };
    let written = writer.finish(&summary).map_err(BuildError::Output)?;
    progress.done(rendered.files, || {
        format!(
            "rendered {} pages, {} files written, {} unchanged",
            rendered.pages, written.written, written.unchanged
        )
    });
    Ok((rendered, written))
}

/// The writer of a build, counting pages on the progress bar.
struct WriterSink<'w> {
    writer: &'w crate::write::Writer,
    progress: &'w Progress,
}

impl crate::render::Sink for WriterSink<'_> {
    fn put(&self, file: crate::render::OutputFile) -> Result<(), Problem> {
        if file.path.ends_with(".html") {
            self.progress.inc();
        }
        self.writer.put(&file.path, &file.bytes)
    }

    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Problem> {
        self.writer.put_streamed(path, write)
    }
}

impl crate::export::Sink for WriterSink<'_> {
    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Problem> {
        self.writer.put_streamed(path, write)
    }
}

/// Exports the archive at `root` as open data (`recueil export`) into `out` (default:
/// `data/` in the build folder); the number of files written.
pub fn export(
    root: &Path,
    formats: &[crate::config::DataFormat],
    out: Option<&Path>,
) -> Result<ExportReport, BuildError> {
    let started = Instant::now();
    let progress = &mut Progress::quiet();
    let config = Config::load(root).map_err(BuildError::Content)?;
    let out = out.map_or_else(
        || crate::export::default_folder(&config.build_dir),
        Path::to_path_buf,
    );
    let site = Site::load(config, progress).map_err(BuildError::Content)?;
    let analysis = crate::site::analyse(&site, crate::site::Keep::Save, progress);
    let sink = crate::export::FolderSink { root: out.clone() };
    let files = crate::export::export(&site.archive, &analysis, formats, "", &sink)
        .map_err(BuildError::Output)?;
    Ok(ExportReport {
        out,
        files,
        elapsed: started.elapsed(),
        warnings: site.warnings,
    })
}

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    pub out: PathBuf,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Problems,
}

/// A failure while pages were rendered and written: the content's when a template failed (exit
/// code 1), else the output folder's (exit code 2).
fn split_failure(error: crate::render::RenderError) -> BuildError {
    if error.content.is_empty() {
        BuildError::Output(error.output)
    } else {
        BuildError::Content(error.into_problems())
    }
}
