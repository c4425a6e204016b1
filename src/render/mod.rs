//! Rendering: the archive through Tera templates into the files of the site.
//!
//! Templates and theme files are embedded in the binary as defaults (the repository's own
//! `templates/` and `theme/`); an archive overrides any of them by a file of the same name in its
//! own `templates/` or `theme/` folder, as mdBook does. Templates are compiled once, then every
//! page is one job in a flat list rendered in parallel. Nothing is written here: the result is a
//! list of files for `write` to put in place.

mod assets;
mod escape;
pub(crate) mod highlight;
pub(crate) mod inventory;
pub(crate) mod notes;
mod publish;
mod search;
pub(crate) mod strings;
mod template_errors;
pub(crate) mod typography;
pub(crate) mod views;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use std::collections::HashMap;

use crate::archive::{Archive, Notes, Resolution};
use crate::config::Config;
use crate::diag::{Problem, Problems};
use assets::{load_strings, load_templates, theme_files};
use inventory::{Inventory, Kind, Page};
use strings::Strings;
use views::Views;

/// The files rendering makes are the writer's ([`crate::write::OutputFile`]).
pub use crate::write::OutputFile;

/// Where rendered files go: a build's writer, or memory (any `Fn(OutputFile)`).
pub(crate) trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Problem>;

    /// A file written as it is made, for a writer that need not hold it whole in memory (the
    /// search index). By default made in memory and [`Sink::put`].
    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Problem> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Problem::error(path, e.to_string()))?;
        self.put(OutputFile {
            path: path.to_string(),
            bytes,
        })
    }
}

impl<F: Fn(OutputFile) -> Result<(), Problem> + Sync> Sink for F {
    fn put(&self, file: OutputFile) -> Result<(), Problem> {
        self(file)
    }
}

/// A page that failed to render: its path and the problem (boxed: the error path is cold).
pub(crate) type PageFailure = Box<(String, Problem)>;

/// Why a page is missing: its template failed, or `write` could not take it.
enum Failure {
    Render(PageFailure),
    Write(Problem),
}

/// The site's renderer: the templates compiled once, the interface words, and the model.
/// Pages are rendered one job at a time, so that `write` takes each file as soon as it is made
/// and no build ever holds the whole site in memory.
pub(crate) struct Renderer<'a> {
    config: &'a Config,
    archive: &'a Archive,
    analysis: &'a Analysis<'a>,
    tera: tera::Tera,
    strings: Strings,
    templates_dir: std::path::PathBuf,
    /// Every page of the site.
    inventory: Inventory<'a>,
    /// Notes read again since loading (see [`Renderer::set_notes`]).
    edited_notes: HashMap<String, Notes>,
}

/// Why rendering stopped: problems of the templates or content, and of the output (`sink`).
#[derive(Debug, Default)]
pub(crate) struct RenderError {
    pub content: Problems,
    pub output: Problems,
}

impl RenderError {
    /// All the problems, the content's first.
    pub(crate) fn into_problems(self) -> Problems {
        let mut problems = self.content;
        problems.extend(self.output);
        problems
    }
}

/// What rendering made: pages (HTML) and files in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub pages: usize,
    pub files: usize,
}

impl<'a> Renderer<'a> {
    /// Compiles the templates and reads the interface words (the archive's own, if it has them).
    pub(crate) fn new(
        config: &'a Config,
        archive: &'a Archive,
        analysis: &'a Analysis<'a>,
    ) -> Result<Renderer<'a>, Problems> {
        let templates_dir = config.root.join("templates");
        let strings = load_strings(config, &templates_dir)?;
        let tera = load_templates(&templates_dir)?;
        Ok(Renderer {
            config,
            archive,
            analysis,
            tera,
            strings,
            templates_dir,
            inventory: Inventory::new(config, archive, analysis),
            edited_notes: HashMap::new(),
        })
    }

    fn views(&self) -> Views<'_> {
        Views {
            config: self.config,
            archive: self.archive,
            analysis: self.analysis,
            strings: &self.strings,
            edited_notes: &self.edited_notes,
            inventory: &self.inventory,
        }
    }

    /// Renders `resolution` with `notes` from now on instead of the notes it was
    /// loaded with: `serve` reads a notes file again when it changes, without reloading the
    /// archive (the texts, and so the analysis, are the same).
    pub(crate) fn set_notes(&mut self, resolution: &Resolution, notes: Notes) {
        self.edited_notes.insert(resolution.slug.clone(), notes);
    }

    /// The analysis the pages show.
    pub(crate) fn analysis(&self) -> &Analysis<'a> {
        self.analysis
    }

    /// Every page of the site.
    pub(crate) fn pages(&self) -> &[Page<'a>] {
        self.inventory.pages()
    }

    /// Renders one page.
    pub(crate) fn page(&self, page: &Page<'a>) -> Result<OutputFile, PageFailure> {
        render_page(&self.tera, &self.views(), page, &self.templates_dir)
    }

    /// The pages that show the notes of `resolution`: its page in each language and its
    /// parallel page, as the inventory lists them.
    pub(crate) fn pages_showing_notes_of(&self, resolution: &Resolution) -> &[Page<'a>] {
        self.inventory.of_resolution(resolution)
    }

    /// Renders every page and file of the site and hands each to `sink` as soon as it is made,
    /// pages in parallel; the search index, feeds and sitemap are made meanwhile. Fails with
    /// every problem found, after trying every page: the templates' (content) apart from
    /// `sink`'s (output).
    /// Writes the open data `[export] formats` asks for under `data/` (none when it asks for
    /// none); the number of files.
    pub(crate) fn export_data(&self, sink: &dyn crate::export::Sink) -> Result<usize, Problems> {
        if self.config.export_formats.is_empty() {
            return Ok(0);
        }
        let prefix = format!("{}/", crate::export::SITE_FOLDER);
        crate::export::export(
            self.archive,
            self.analysis,
            &self.config.export_formats,
            &prefix,
            sink,
        )
    }

    pub(crate) fn render_all(&self, sink: &dyn Sink) -> Result<Rendered, RenderError> {
        let pages = self.pages();
        let (failures, others) = rayon::join(
            || {
                pages
                    .par_iter()
                    .filter_map(|page| match self.page(page) {
                        Ok(file) => sink.put(file).err().map(Failure::Write),
                        Err(failure) => Some(Failure::Render(failure)),
                    })
                    .collect::<Vec<Failure>>()
            },
            || self.other_files(),
        );
        let mut error = RenderError::default();
        let mut render_failures = Vec::new();
        for failure in failures {
            match failure {
                Failure::Render(failure) => render_failures.push(*failure),
                Failure::Write(problem) => error.output.push(problem),
            }
        }
        if !render_failures.is_empty() {
            error.content.extend(group_failures(render_failures));
        }
        let (others, search_index) = others.unwrap_or_else(|problems| {
            error.content.extend(problems);
            (Vec::new(), None)
        });
        let mut count = others.len();
        for file in others {
            if let Err(problem) = sink.put(file) {
                error.output.push(problem);
            }
        }
        if let Some(index) = search_index {
            let (files, problems) = search::write_index(&index, sink);
            count += files;
            problems.into_iter().for_each(|p| error.output.push(p));
        }
        if !error.content.is_empty() || !error.output.is_empty() {
            return Err(error);
        }
        Ok(Rendered {
            pages: pages.iter().filter(|p| !p.kind.is_fragment()).count(),
            files: pages.len() + count,
        })
    }

    /// Everything but the pages: theme files, sitemap and feeds, `.nojekyll`; and the search
    /// index, made ready to be written (it is the largest file of a site, streamed to its file).
    pub(crate) fn other_files(
        &self,
    ) -> Result<(Vec<OutputFile>, Option<search::SearchIndex<'a>>), Problems> {
        let (theme, search_index) = rayon::join(
            || theme_files(&self.config.root.join("theme")),
            || self.search_index(),
        );
        let mut files = theme?;
        files.extend(self.publishing_files());
        files.push(OutputFile {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
        });
        Ok((files, Some(search_index)))
    }

    /// The notes of `resolution`: as read again since loading (`set_notes`), else as loaded.
    fn notes_of<'s>(&'s self, resolution: &'s Resolution) -> &'s Notes {
        self.edited_notes
            .get(&resolution.slug)
            .unwrap_or(&resolution.notes)
    }

    fn search_index(&self) -> search::SearchIndex<'a> {
        search::SearchIndex::new(self.archive, self.analysis, &|r| self.notes_of(r))
    }

    fn publishing_files(&self) -> Vec<OutputFile> {
        let notes_of = |r| self.notes_of(r);
        publish::publishing_files(self.config, &self.inventory, &self.strings, &notes_of)
    }

    /// What shows every resolution's notes besides their own pages, rendered again after
    /// [`Renderer::set_notes`] (for `serve`): the home pages (the latest notes), the sitemap
    /// and feeds (notes are entries), and the search files (notes are searched), written to
    /// `sink`. The problems of those that failed.
    pub(crate) fn rewrite_notes_lists(&self, sink: &dyn Sink) -> Vec<Problem> {
        let mut problems = Vec::new();
        let homes = self.pages().iter().filter(|p| matches!(p.kind, Kind::Home));
        for page in homes {
            match self.page(page) {
                Ok(file) => problems.extend(sink.put(file).err()),
                Err(failure) => problems.push(failure.1),
            }
        }
        for file in self.publishing_files() {
            problems.extend(sink.put(file).err());
        }
        let (_, failed) = search::write_index(&self.search_index(), sink);
        problems.extend(failed);
        problems
    }
}

/// Renders every page and theme file of the site into memory (small sites and tests; a build
/// streams them to `write` with [`Renderer::render_all`]).
pub fn render_site<'a>(
    config: &'a Config,
    archive: &'a Archive,
    analysis: &'a Analysis<'a>,
) -> Result<Vec<OutputFile>, Problems> {
    let renderer = Renderer::new(config, archive, analysis)?;
    let files = std::sync::Mutex::new(Vec::new());
    renderer
        .render_all(&|file: OutputFile| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok(())
        })
        .map_err(RenderError::into_problems)?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Renders `page` with the template and view of its kind.
fn render_page<'v>(
    tera: &tera::Tera,
    views: &Views<'v>,
    page: &Page<'v>,
    templates_dir: &Path,
) -> Result<OutputFile, PageFailure> {
    let path = (page.path.clone(), page.lang);
    let dir = templates_dir;
    match page.kind {
        Kind::Home => render(tera, "index.html", path, &views.home(page), dir),
        Kind::Session(at) => {
            let view = views.session_page(page, at);
            render(tera, "session.html", path, &view, dir)
        }
        Kind::Resolution(resolution, text) => {
            let view = views.resolution(page, resolution, text);
            render(tera, "resolution.html", path, &view, dir)
        }
        Kind::ParallelRedirect(resolution) => {
            let view = views.parallel_redirect(page, resolution);
            render(tera, "redirect.html", path, &view, dir)
        }
        Kind::TextFragment(resolution, text) => {
            let view = views.text_fragment(page, resolution, text);
            render(tera, "text_fragment.html", path, &view, dir).map(fragment)
        }
        Kind::SeriesIndex => {
            let view = views.series_index(page);
            render(tera, "series_index.html", path, &view, dir)
        }
        Kind::Series(series) => {
            let view = views.series_page(page, series);
            render(tera, "series.html", path, &view, dir)
        }
        Kind::NotFound => render(
            tera,
            "not_found.html",
            path,
            &views.not_found_page(page),
            dir,
        ),
        Kind::Search => render(tera, "search.html", path, &views.search_page(page), dir),
        Kind::References => {
            let view = views.references_index(page);
            render(tera, "references.html", path, &view, dir)
        }
        Kind::Citers(group, at, session) => {
            let view = views.citers_page(page, group, at, session);
            render(tera, "citers.html", path, &view, dir)
        }
        Kind::ReferenceGroup(group) => {
            let view = views.references_page(page, group);
            render(tera, "reference_group.html", path, &view, dir)
        }
        Kind::Comparison(comparison) => {
            let view = views.compare_page(page, comparison);
            render(tera, "compare.html", path, &view, dir).map(fragment)
        }
        Kind::ComparisonRedirect(comparison) => {
            let view = views.comparison_redirect(page, comparison);
            render(tera, "redirect.html", path, &view, dir)
        }
    }
}

/// A fragment's HTML made into the script that hands it to the page loading it:
/// `recueilFragment("fr/compare/a--b.js", "<article …>");`. A script, not a file to fetch:
/// `<script src>` loads from `file://`, where `fetch` is refused. The HTML is a JSON string, so
/// nothing in it can end the call; `</script>` cannot either, since the file is loaded by
/// `src` and never inlined in a `<script>` element, so `<` is left as it is (escaped as
/// `\u003c`, it made the fragments of a 20,000-resolution site 0.2 GB larger).
fn fragment(file: OutputFile) -> OutputFile {
    let html = String::from_utf8_lossy(&file.bytes);
    let json = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let script = format!(
        "recueilFragment({},{});\n",
        json(&file.path),
        json(html.trim())
    );
    OutputFile {
        path: file.path,
        bytes: script.into_bytes(),
    }
}

/// Renders `template` with `view` into the page at `path` in `lang`.
fn render<T: Serialize>(
    tera: &tera::Tera,
    template: &str,
    (path, lang): (String, &str),
    view: &T,
    templates_dir: &Path,
) -> Result<OutputFile, PageFailure> {
    let failed = |problem: Problem| {
        let problem =
            problem.hint("check the variable names against ARCHITECTURE.md (template views)");
        Box::new((path.clone(), problem))
    };
    let context = tera::Context::from_serialize(view).map_err(|e| {
        failed(Problem::error(
            templates_dir.join(template),
            error_chain(&e),
        ))
    })?;
    let html = tera.render(template, &context).map_err(|e| {
        let mut problems = template_errors::problems(templates_dir, template, &e);
        failed(problems.swap_remove(0))
    })?;
    // Every French string of the page, wherever it came from, typeset in one pass.
    let html = typography::typeset_html(&html, lang);
    Ok(OutputFile {
        path,
        bytes: html.into_bytes(),
    })
}

/// One problem per distinct template error, naming the first page it broke and how many more.
fn group_failures(failures: Vec<(String, Problem)>) -> Problems {
    let mut grouped: Vec<(Problem, Vec<String>)> = Vec::new();
    for (page, problem) in failures {
        match grouped.iter_mut().find(|(p, _)| *p == problem) {
            Some((_, pages)) => pages.push(page),
            None => grouped.push((problem, vec![page])),
        }
    }
    let mut problems = Problems::new();
    for (mut problem, pages) in grouped {
        let more = match pages.len() {
            1 => String::new(),
            n => format!(" (and {} more pages)", n - 1),
        };
        problem.message = format!("failed to render {}{more}: {}", pages[0], problem.message);
        problems.push(problem);
    }
    problems
}

/// An error and its causes, one per line ("Reason: …"), as Zola reports them.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut cause = err.source();
    while let Some(reason) = cause {
        message.push_str(&format!("\n  Reason: {reason}"));
        cause = reason.source();
    }
    message
}
