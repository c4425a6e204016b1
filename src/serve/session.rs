//! The preview's builds: one full build kept in memory, then for each change only what it
//! affects.
//!
//! A full build loads the archive, runs the analysis and writes the site through the same
//! staging and swap as `recueil build` (files whose bytes are the same are kept). Its archive,
//! analysis and compiled templates then stay in memory for as long as no change needs a new
//! one. A change to notes files (what a contributor previews at every save) is handled alone:
//! the resolution's notes are read and checked again, its pages (one per language, and the
//! parallel page) rendered again, and each page whose bytes changed replaced in the output
//! folder by a rename, so a reader never gets half a page. What lists or searches every note is
//! made again too and replaced where it changed: the home pages (the latest notes), the feeds
//! and the search files (`Renderer::rewrite_notes_lists`; the search index is made whole again,
//! which at the General Assembly's scale takes longer than the pages). The other pages do not
//! show notes. Files a build does not read
//! (an editor's swap or backup file, `source/`) are ignored. Any other change (a text,
//! meta.yaml, a series, book.toml, templates, theme) starts a new full build.
//!
//! The analysis and the renderer borrow from the archive, so [`preview`] keeps them in the
//! closure it gives to [`Site::render`] (see `site.rs`): a change that needs a full build returns
//! from it, and [`run`] loads the next site.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::Live;
use super::watch::Watching;
use crate::archive::{Archive, Resolution};
use crate::build::BuildError;
use crate::config::Config;
use crate::diag::Problems;
use crate::progress::Progress;
use crate::render::Renderer;
use crate::site::Site;

/// Builds, then rebuilds after each change until the watcher stops. `started` runs once, after
/// the first build (good or not): it starts serving.
pub(crate) fn run(
    root: &Path,
    out: &Path,
    live: &Live,
    watching: &mut Watching<'_>,
    started: impl FnOnce() -> Result<(), Problems>,
) -> Result<(), Problems> {
    let mut started = Some(started);
    let mut verb = "built";
    while preview(root, out, live, watching, verb, &mut started)? {
        verb = "rebuilt";
    }
    Ok(())
}

/// One full build, then rebuilds of what each change affects. Returns true when a change needs a
/// full build, false when the watcher has stopped.
fn preview<F: FnOnce() -> Result<(), Problems>>(
    root: &Path,
    out: &Path,
    live: &Live,
    watching: &mut Watching<'_>,
    verb: &str,
    started: &mut Option<F>,
) -> Result<bool, Problems> {
    let began = Instant::now();
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(problems) => return failed(live, &problems, watching, started),
    };
    let inputs = crate::inputs::fingerprint(&config, out);
    let mut progress = Progress::on_stderr();
    let site = match Site::load(config, &mut progress) {
        Ok(site) => site,
        Err(problems) => return failed(live, &problems, watching, started),
    };
    let previewed = site.render(
        crate::site::Keep::Save,
        &mut progress,
        |renderer, progress| {
            let written =
                crate::build::write_all(&renderer, out, false, inputs, &site.warnings, progress);
            progress.finish();
            let (rendered, _) = match written {
                Ok(written) => written,
                Err(BuildError::Content(problems) | BuildError::Output(problems)) => {
                    return failed(live, &problems, watching, started);
                }
            };
            eprint!("{}", site.warnings);
            eprintln!(
                "{verb} {} pages in {} ms",
                rendered.pages,
                began.elapsed().as_millis()
            );
            live.publish(None);
            if let Some(start) = started.take() {
                start()?;
            }
            let mut session = Session::new(&site, renderer, out);
            loop {
                let Some(paths) = watching.next_change() else {
                    return Ok(false);
                };
                match session.affected(&paths) {
                    Some(changed) if changed.is_empty() => {}
                    Some(changed) => session.notes_changed(&changed, live),
                    None => return Ok(true),
                }
            }
        },
    );
    match previewed {
        Ok(previewed) => previewed,
        Err(problems) => failed(live, &problems, watching, started),
    }
}

/// Reports a failed full build, then waits for the next change (any: the next build is full).
fn failed<F: FnOnce() -> Result<(), Problems>>(
    live: &Live,
    problems: &Problems,
    watching: &mut Watching<'_>,
    started: &mut Option<F>,
) -> Result<bool, Problems> {
    report_failure(live, problems);
    if let Some(start) = started.take() {
        start()?;
    }
    Ok(watching.next_change().is_some())
}

fn report_failure(live: &Live, problems: &Problems) {
    eprint!("{problems}");
    eprintln!(
        "build failed: {} error(s); the preview keeps the last good site",
        problems.error_count()
    );
    live.publish(Some(problems.to_string()));
}

/// What a full build left in memory, and the notes read again since.
struct Session<'a> {
    config: &'a Config,
    archive: &'a Archive,
    renderer: Renderer<'a>,
    out: &'a Path,
    /// Each resolution by its folder (absolute, as the watcher reports paths).
    by_folder: HashMap<PathBuf, &'a Resolution>,
    /// The full build's warnings.
    warnings: &'a Problems,
    /// The problems of the notes read again since, by resolution folder: they replace the full
    /// build's for those notes files.
    notes_problems: BTreeMap<PathBuf, Problems>,
}

/// What a path in a resolution's folder is to a build.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// `notes.md`, `notes.<lang>.md` (or a stray `notes.*.md`, which the notes reader reports).
    Notes,
    /// Something a build reads in another way: a text, meta.yaml, the folder itself.
    Read,
    /// Nothing a build reads: an editor's swap or backup file, the raw texts of `source/`.
    Unread,
}

fn kind_of(relative: &Path) -> Kind {
    let mut parts = relative.components();
    let (Some(name), None) = (parts.next(), parts.next()) else {
        return if relative.as_os_str().is_empty() {
            Kind::Read
        } else {
            Kind::Unread
        };
    };
    let name = name.as_os_str().to_string_lossy();
    if name.starts_with("notes.") && name.ends_with(".md") {
        Kind::Notes
    } else if name.ends_with(".md") || name.ends_with(".yaml") {
        Kind::Read
    } else {
        Kind::Unread
    }
}

impl<'a> Session<'a> {
    fn new(site: &'a Site, renderer: Renderer<'a>, out: &'a Path) -> Session<'a> {
        let (config, archive) = (&site.config, &site.archive);
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let by_folder = archive
            .resolutions
            .iter()
            .map(|r| (absolute(&r.dir), r))
            .collect();
        Session {
            config,
            archive,
            renderer,
            out,
            by_folder,
            warnings: &site.warnings,
            notes_problems: BTreeMap::new(),
        }
    }

    /// The resolutions whose notes `paths` changed, when that is all they changed (none when
    /// they touched nothing a build reads); `None` when a full build is needed.
    fn affected(&self, paths: &[PathBuf]) -> Option<Vec<&'a Resolution>> {
        let mut changed: Vec<&'a Resolution> = Vec::new();
        for path in paths {
            let (resolution, relative) = self.folder_of(path)?;
            match kind_of(relative) {
                Kind::Notes if !changed.iter().any(|r| r.slug == resolution.slug) => {
                    changed.push(resolution);
                }
                Kind::Notes | Kind::Unread => {}
                Kind::Read => return None,
            }
        }
        Some(changed)
    }

    /// The resolution whose folder holds `path`, and the path inside the folder.
    fn folder_of<'p>(&self, path: &'p Path) -> Option<(&'a Resolution, &'p Path)> {
        path.ancestors().find_map(|folder| {
            let resolution = self.by_folder.get(folder)?;
            Some((*resolution, path.strip_prefix(folder).ok()?))
        })
    }

    /// Reads the notes of `changed` again; if the site then has no error, renders their pages
    /// and replaces those whose bytes changed.
    fn notes_changed(&mut self, changed: &[&'a Resolution], live: &Live) {
        let began = Instant::now();
        let mut reread = Vec::new();
        for resolution in changed {
            let mut found = Problems::new();
            let notes = crate::load::notes::load_notes(
                &resolution.dir,
                &resolution.symbol,
                &resolution.texts,
                self.config,
                &mut found,
            );
            crate::load::notes::check_links_of(self.archive, resolution, &notes, &mut found);
            self.notes_problems.insert(resolution.dir.clone(), found);
            reread.push((*resolution, notes));
        }
        let problems = self.problems();
        if problems.has_errors() {
            report_failure(live, &problems);
            return;
        }
        for (resolution, notes) in reread {
            self.renderer.set_notes(resolution, notes);
        }
        match self.rewrite(changed) {
            Ok(pages) => {
                eprint!("{problems}");
                let symbols: Vec<&str> = changed.iter().map(|r| r.symbol.as_str()).collect();
                eprintln!(
                    "rebuilt {pages} pages in {} ms (notes of {})",
                    began.elapsed().as_millis(),
                    symbols.join(", ")
                );
                live.publish(None);
            }
            Err(problems) => {
                report_failure(live, &problems);
                return;
            }
        }
        // The open page is up to date: the lists that show every resolution's notes follow (the
        // home pages' latest notes, the feeds, the search files, made whole again: about a
        // second at 2,000 resolutions), then a second generation says the site is whole.
        let began = Instant::now();
        match self.rewrite_lists() {
            Ok(()) => {
                eprintln!(
                    "rewrote the home pages, feeds and search files in {} ms",
                    began.elapsed().as_millis()
                );
                live.publish(None);
            }
            Err(problems) => report_failure(live, &problems),
        }
    }

    /// The problems of the site now: the full build's, those of the notes read again replaced.
    fn problems(&self) -> Problems {
        let mut problems = Problems::new();
        let reread = |p: &Path| {
            let name = p.file_name().map(|n| n.to_string_lossy());
            let is_notes = name.is_some_and(|n| n.starts_with("notes.") && n.ends_with(".md"));
            is_notes
                && p.parent()
                    .is_some_and(|folder| self.notes_problems.contains_key(folder))
        };
        for problem in self.warnings.iter().filter(|p| !reread(&p.path)) {
            problems.push(problem.clone());
        }
        for found in self.notes_problems.values() {
            problems.extend(found.clone());
        }
        problems
    }

    /// Renders the pages showing the notes of `changed` and replaces those that changed; the
    /// number of pages rendered.
    fn rewrite(&self, changed: &[&'a Resolution]) -> Result<usize, Problems> {
        let pages: Vec<_> = changed
            .iter()
            .flat_map(|r| self.renderer.pages_showing_notes_of(r))
            .collect();
        let results: Vec<Result<(), crate::diag::Problem>> = pages
            .par_iter()
            .map(|page| {
                let file = self.renderer.page(page).map_err(|failure| failure.1)?;
                crate::write::replace_in_place(self.out, &file.path, &file.bytes).map(|_| ())
            })
            .collect();
        let mut problems = Problems::new();
        for problem in results.into_iter().filter_map(Result::err) {
            problems.push(problem);
        }
        if problems.is_empty() {
            Ok(pages.len())
        } else {
            Err(problems)
        }
    }

    /// Writes again what lists every resolution's notes: the home pages, the feeds and sitemap,
    /// the search files (each replaced only when its bytes changed).
    fn rewrite_lists(&self) -> Result<(), Problems> {
        let replace = |file: crate::render::OutputFile| {
            crate::write::replace_in_place(self.out, &file.path, &file.bytes).map(|_| ())
        };
        let mut problems = Problems::new();
        for problem in self.renderer.rewrite_notes_lists(&replace) {
            problems.push(problem);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_files_alone_are_rebuilt_alone() {
        assert_eq!(kind_of(Path::new("notes.md")), Kind::Notes);
        assert_eq!(kind_of(Path::new("notes.en.md")), Kind::Notes);
        assert_eq!(kind_of(Path::new("fr.md")), Kind::Read);
        assert_eq!(kind_of(Path::new("meta.yaml")), Kind::Read);
        assert_eq!(kind_of(Path::new("")), Kind::Read, "the folder itself");
        for unread in [".notes.md.swp", "notes.md~", "4913", "source/fr.txt"] {
            assert_eq!(kind_of(Path::new(unread)), Kind::Unread, "{unread}");
        }
    }
}
