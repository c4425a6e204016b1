//! The embedded defaults and an archive's overrides: templates, interface words, theme files.
//!
//! The repository's own `templates/` and `theme/` are compiled into the binary; an archive
//! replaces any of them by a file of the same name in its own `templates/` or `theme/` folder,
//! as mdBook does. Rendering asks this module for the compiled templates, the words and the
//! theme's files, and never reads those folders itself.

use std::path::Path;

use super::strings::Strings;
use super::{OutputFile, escape, highlight, template_errors};
use crate::config::Config;
use crate::diag::{Problem, Problems};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("meta.html", include_str!("../../templates/meta.html")),
    ("lineage.html", include_str!("../../templates/lineage.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("session.html", include_str!("../../templates/session.html")),
    (
        "series_index.html",
        include_str!("../../templates/series_index.html"),
    ),
    (
        "resolution.html",
        include_str!("../../templates/resolution.html"),
    ),
    (
        "text_fragment.html",
        include_str!("../../templates/text_fragment.html"),
    ),
    ("series.html", include_str!("../../templates/series.html")),
    (
        "references.html",
        include_str!("../../templates/references.html"),
    ),
    (
        "reference_group.html",
        include_str!("../../templates/reference_group.html"),
    ),
    (
        "cited_by.html",
        include_str!("../../templates/cited_by.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "not_found.html",
        include_str!("../../templates/not_found.html"),
    ),
    ("compare.html", include_str!("../../templates/compare.html")),
    (
        "redirect.html",
        include_str!("../../templates/redirect.html"),
    ),
    ("citers.html", include_str!("../../templates/citers.html")),
];

const STRINGS: &str = include_str!("../../templates/strings.toml");

const THEME: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/style.css")),
    ("search.js", include_bytes!("../../theme/search.js")),
    ("notes.js", include_bytes!("../../theme/notes.js")),
    ("force.js", include_bytes!("../../theme/force.js")),
    ("views.js", include_bytes!("../../theme/views.js")),
    ("redirect.js", include_bytes!("../../theme/redirect.js")),
    ("paragraphs.js", include_bytes!("../../theme/paragraphs.js")),
];

/// `theme/highlight-light.css` and `theme/highlight-dark.css`, generated once per process.
static HIGHLIGHT_CSS: std::sync::LazyLock<Vec<(&str, String)>> =
    std::sync::LazyLock::new(highlight::stylesheets);

pub(super) fn load_strings(config: &Config, templates_dir: &Path) -> Result<Strings, Problems> {
    let path = templates_dir.join("strings.toml");
    let text = if path.is_file() {
        crate::files::read_text(&path)?
    } else {
        STRINGS.to_string()
    };
    let languages: Vec<&str> = config.language_codes().collect();
    Strings::parse(&path, &text, &languages)
}

/// The embedded templates, each replaced by the archive's own file when it has one.
pub(super) fn load_templates(templates_dir: &Path) -> Result<tera::Tera, Problems> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape::write_html);
    let mut sources = Vec::new();
    for (name, embedded) in TEMPLATES {
        let path = templates_dir.join(name);
        let source = if path.is_file() {
            crate::files::read_text(&path)?
        } else {
            embedded.to_string()
        };
        sources.push((*name, source));
    }
    tera.add_raw_templates(sources.iter().map(|(n, s)| (*n, s.as_str())))
        .map_err(|err| {
            let mut problems = Problems::new();
            for problem in template_errors::problems(templates_dir, "", &err) {
                problems.push(problem.hint("fix the template syntax at the place shown"));
            }
            problems
        })?;
    Ok(tera)
}

/// The embedded theme files and the highlighting stylesheets, overridden and extended by the
/// archive's `theme/` folder.
pub(super) fn theme_files(theme_dir: &Path) -> Result<Vec<OutputFile>, Problems> {
    let embedded = THEME
        .iter()
        .map(|(name, bytes)| (*name, bytes.to_vec()))
        .chain(
            HIGHLIGHT_CSS
                .iter()
                .map(|(name, css)| (*name, css.as_bytes().to_vec())),
        );
    let mut files: Vec<OutputFile> = embedded
        .map(|(name, bytes)| OutputFile {
            path: format!("theme/{name}"),
            bytes,
        })
        .collect();
    if !theme_dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(theme_dir).sort_by_file_name() {
        let entry = entry.map_err(|err| {
            Problem::error(theme_dir, err.to_string()).hint("check that you may read this folder")
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(theme_dir).unwrap_or(entry.path());
        let path = format!("theme/{}", relative.to_string_lossy().replace('\\', "/"));
        let bytes = fs_err::read(entry.path()).map_err(|err| {
            Problem::error(entry.path(), err.to_string()).hint("check that you may read this file")
        })?;
        files.retain(|f| f.path != path);
        files.push(OutputFile { path, bytes });
    }
    Ok(files)
}
