//! One whole build: configuration, loading, analysis, rendering and writing, with what it found.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diag::Problems;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
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
    let config = Config::load(root)?;
    let loaded = crate::load::load(&config)?;
    let analysis = crate::analysis::Analysis::run(&loaded.archive);
    let files = crate::render::render_site(&config, &loaded.archive, &analysis)?;
    let archive = &loaded.archive;
    Ok(CheckReport {
        resolutions: archive.resolutions.len(),
        texts: archive.resolutions.iter().map(|r| r.texts.len()).sum(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        warnings: loaded.warnings,
    })
}

/// Builds the archive at `root` into `out` (default: book.toml's build-dir).
pub fn build(root: &Path, out: Option<&Path>, force: bool) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut timings = crate::timings::Timings::start();
    let config = Config::load(root).map_err(BuildError::Content)?;
    let loaded = crate::load::load(&config).map_err(BuildError::Content)?;
    timings.lap("load");
    let analysis = crate::analysis::Analysis::run(&loaded.archive);
    timings.lap("analysis");
    let files = crate::render::render_site(&config, &loaded.archive, &analysis)
        .map_err(BuildError::Content)?;
    timings.lap("render");
    let out = out.map_or_else(|| config.build_dir.clone(), Path::to_path_buf);
    crate::write::write_site(&out, &files, force).map_err(BuildError::Output)?;
    timings.lap("write");
    timings.report();
    Ok(BuildReport {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        out,
        elapsed: started.elapsed(),
        warnings: loaded.warnings,
    })
}
