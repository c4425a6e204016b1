//! A loaded site, owned in one place (as Zola's `Site`): the configuration, the archive read from
//! `content/` and the warnings found reading it; `check`, `build` and `serve` each load one and
//! render it, and none drives the stages by itself.
//!
//! What comes after loading borrows from the archive: the analysis holds references to its
//! resolutions and texts, the renderer (with its page inventory) to both. Rather than a struct
//! that refers to itself, [`Site::render`] runs the analysis and compiles the templates on its
//! own stack and lends the renderer to a closure for as long as the caller needs it: `check`
//! renders into nothing, `build` into the writer, and `serve` keeps it while it waits for
//! changes, re-rendering a resolution's pages when its notes change; a change that needs a new
//! full build returns from the closure, and the next `Site` is loaded.

use crate::analysis::{Analysis, Cache};
use crate::archive::Archive;
use crate::config::Config;
use crate::diag::Problems;
use crate::lexicon::Lexicons;
use crate::progress::Progress;
use crate::render::Renderer;

/// The configuration and the archive, loaded.
pub(crate) struct Site {
    pub config: Config,
    pub archive: Archive,
    /// The lead words of each language (`templates/lexicon/<lang>.toml` or the embedded ones).
    pub lexicons: Lexicons,
    /// What loading found that does not stop a build.
    pub warnings: Problems,
}

impl Site {
    /// Loads the archive `config` describes, a stage of `progress`; fails with every error found.
    pub(crate) fn load(config: Config, progress: &mut Progress) -> Result<Site, Problems> {
        progress.stage("reading content", None);
        let lexicons = Lexicons::load(&config);
        let loaded = crate::load::load(&config);
        let (mut loaded, (lexicons, lexicon_warnings)) = match (loaded, lexicons) {
            (Ok(loaded), Ok(lexicons)) => (loaded, lexicons),
            (Err(mut problems), Err(more)) => {
                problems.extend(more);
                return Err(problems);
            }
            (Err(problems), _) | (_, Err(problems)) => return Err(problems),
        };
        loaded.warnings.extend(lexicon_warnings);
        loaded
            .warnings
            .extend(crate::analysis::force::problems(&loaded.archive, &lexicons));
        let archive = loaded.archive;
        progress.done(archive.resolutions.len(), || {
            let texts: usize = archive.resolutions.iter().map(|r| r.texts.len()).sum();
            format!(
                "read {} resolutions ({texts} texts)",
                archive.resolutions.len()
            )
        });
        Ok(Site {
            config,
            archive,
            lexicons,
            warnings: loaded.warnings,
        })
    }

    /// Runs the analysis (a stage of `progress`; its cache saved for the next build when `keep`
    /// says so: `check` writes nothing), compiles the templates, and hands the renderer to
    /// `then` with `progress`; fails with the templates' problems.
    pub(crate) fn render<R>(
        &self,
        keep: Keep,
        progress: &mut Progress,
        then: impl FnOnce(Renderer<'_>, &mut Progress) -> R,
    ) -> Result<R, Problems> {
        let analysis = analyse(self, keep, progress);
        let renderer = Renderer::new(&self.config, &self.archive, &analysis)?;
        Ok(then(renderer, progress))
    }

    /// The number of texts, all languages counted.
    pub(crate) fn texts(&self) -> usize {
        self.archive.resolutions.iter().map(|r| r.texts.len()).sum()
    }
}

/// Whether a run saves the analysis cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    Save,
    ReadOnly,
}

/// Runs the analysis of the site's archive, a stage of `progress`, with the comparisons the
/// last build left in the archive's cache (`analysis::cache`); saves the cache after it when
/// `keep` says so.
pub(crate) fn analyse<'a>(site: &'a Site, keep: Keep, progress: &mut Progress) -> Analysis<'a> {
    progress.stage("comparing texts", None);
    let cache = Cache::open(&site.config.root);
    let analysis = Analysis::run_cached(&site.archive, &site.lexicons, &cache);
    let usage = analysis.cache_use;
    // A cache that cannot be saved (a read-only archive) only makes the next build slower.
    let saved = match keep {
        Keep::Save => cache.save(),
        Keep::ReadOnly => Ok(()),
    };
    progress.done(analysis.comparisons.len(), || {
        let mut line = format!(
            "compared {} pairs of texts ({} parts compared, {} from the cache)",
            analysis.comparisons.len(),
            usage.compared,
            usage.found
        );
        if let Err(err) = saved {
            line.push_str(&format!("; the cache was not saved: {err}"));
        }
        line
    });
    analysis
}
