//! What an import would write, decided before anything is written: one folder per symbol,
//! completed by every language given (`<lang>.md`, `source/<lang>.txt` and one meta.yaml merged
//! from all of them and from the one already there, its series found by title when none is
//! given), and with `--series` the series file, given the titles of the texts.
//!
//! Nothing here touches the disk but to read; [`write`](super::write) checks every target
//! against the no-loss rules and writes them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::Parsed;
use super::inputs::Input;
use super::merge::{load_series, match_series, merge_meta, normalise};
use super::write::{ImportOptions, ImportReport, Imported, Target, read_yaml, to_yaml};
use crate::diag::{Problem, Problems};
use crate::formats::meta::{Meta, SeriesFile};

/// The files an import would write, and what was found on the way.
#[derive(Default)]
pub(super) struct Plan {
    pub(super) targets: Vec<Target>,
    pub(super) problems: Problems,
    pub(super) report: ImportReport,
}

/// One resolution folder's plan: the inputs that complete it and what they would write. The
/// folder is imported or refused whole.
pub(super) struct FolderPlan<'a> {
    pub(super) members: Vec<&'a Input>,
    pub(super) plan: Plan,
}

/// Plan one folder per symbol, completed by every language given.
pub(super) fn plan_resolutions<'a>(
    content: &Path,
    inputs: &'a [Input],
    known_series: &[(String, SeriesFile)],
    opts: &ImportOptions,
) -> Vec<FolderPlan<'a>> {
    let resolutions = content.join("resolutions");
    let mut folders = Vec::new();
    for (slug, members) in by_slug(inputs) {
        let folder = resolutions.join(&slug);
        let mut plan = Plan::default();
        if is_safe_folder(&slug, &folder, &resolutions) {
            plan_folder(&folder, &members, known_series, opts, &mut plan);
        } else {
            plan.problems.push(Problem::error(
                &folder,
                "this symbol does not give a safe folder name",
            ));
        }
        folders.push(FolderPlan { members, plan });
    }
    folders
}

/// The inputs grouped by folder name, folders in the order first given.
fn by_slug(inputs: &[Input]) -> Vec<(String, Vec<&Input>)> {
    let mut groups: Vec<(String, Vec<&Input>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for input in inputs {
        let slug = input.parsed.symbol.slug();
        match index.get(&slug) {
            Some(&i) => groups[i].1.push(input),
            None => {
                index.insert(slug.clone(), groups.len());
                groups.push((slug, vec![input]));
            }
        }
    }
    groups
}

fn is_safe_folder(slug: &str, folder: &Path, resolutions: &Path) -> bool {
    !(slug.is_empty()
        || slug.contains(['/', '\\'])
        || slug.starts_with('.')
        || !folder.starts_with(resolutions))
}

/// Plan a resolution folder: each language's text and source, and the merged meta.yaml.
fn plan_folder(
    folder: &Path,
    members: &[&Input],
    known_series: &[(String, SeriesFile)],
    opts: &ImportOptions,
    plan: &mut Plan,
) {
    let meta_path = folder.join("meta.yaml");
    let existing = match existing_meta(&meta_path, opts.force, &mut plan.report.warnings) {
        Ok(existing) => existing,
        Err(problem) => {
            plan.problems.push(problem);
            return;
        }
    };
    let mut merged = existing.as_ref().map(|(m, _)| m.clone());
    for input in members {
        let new = input.parsed.meta(opts.series.clone());
        match &mut merged {
            None => merged = Some(new),
            Some(m) => merge_meta(m, &new, &meta_path, &mut plan.report.warnings),
        }
        plan_text(folder, input, plan);
    }
    let Some(mut merged) = merged else {
        return;
    };
    if merged.series.is_none() && opts.series.is_none() {
        join_known_series(
            &mut merged,
            known_series,
            &meta_path,
            &mut plan.report.warnings,
        );
    }
    match to_yaml(&merged, &meta_path) {
        Ok(new_yaml) => plan.targets.push(Target::merged(
            meta_path,
            new_yaml,
            existing.map(|(m, raw)| (m == merged, raw)),
        )),
        Err(problems) => plan.problems.extend(problems),
    }
}

/// The folder's meta.yaml and its text (`None` if there is none). One that cannot be read is a
/// problem, or with `--force` a warning, and is replaced.
fn existing_meta(
    meta_path: &Path,
    force: bool,
    warnings: &mut Problems,
) -> Result<Option<(Meta, String)>, Problem> {
    match read_yaml::<Meta>(meta_path) {
        Err(_) if force => {
            warnings.push(Problem::warning(
                meta_path,
                "this meta.yaml cannot be read; --force replaces it (a backup is kept)",
            ));
            Ok(None)
        }
        result => result,
    }
}

/// One input's canonical text and its source, kept byte for byte.
fn plan_text(folder: &Path, input: &Input, plan: &mut Plan) {
    let p = &input.parsed;
    plan.report.imported.push(Imported {
        file: input.file.clone(),
        symbol: p.symbol.clone(),
        lang: p.lang.clone(),
        folder: folder.to_path_buf(),
    });
    plan.targets.push(Target::text(
        folder.join(format!("{}.md", p.lang)),
        p.markdown.as_bytes(),
    ));
    plan.targets.push(Target::text(
        folder
            .join("source")
            .join(format!("{}.{}", p.lang, source_extension(p.format))),
        &input.bytes,
    ));
}

/// The source keeps its form's extension: `.xml` for Akoma Ntoso, `.txt` for a raw text.
fn source_extension(format: super::Format) -> &'static str {
    match format {
        super::Format::Akn => "xml",
        _ => "txt",
    }
}

/// With no series given, join the series that has the resolution's title (a warning if none).
fn join_known_series(
    meta: &mut Meta,
    known_series: &[(String, SeriesFile)],
    meta_path: &Path,
    warnings: &mut Problems,
) {
    match match_series(meta, known_series) {
        Some(id) => meta.series = Some(id),
        None => warnings.push(
            Problem::warning(
                meta_path,
                format!(
                    "no series in content/series/ has the title of {}",
                    meta.symbol
                ),
            )
            .hint("give --series ID to create the series or join it"),
        ),
    }
}

/// With `--series`, the series file, given the titles of the texts in their languages.
pub(super) fn plan_series_file(
    content: &Path,
    inputs: &[&Input],
    opts: &ImportOptions,
    plan: &mut Plan,
) -> Result<(), Problems> {
    let Some(id) = &opts.series else {
        return Ok(());
    };
    let path = content.join("series").join(format!("{id}.yaml"));
    let existing = match read_yaml::<SeriesFile>(&path) {
        Ok(existing) => existing,
        Err(problem) => {
            plan.problems.push(problem);
            return Ok(());
        }
    };
    if existing.is_none() {
        refuse_a_twin_series(content, id, inputs, &path, plan)?;
    }
    let mut series = existing.as_ref().map_or_else(
        || SeriesFile {
            title: BTreeMap::new(),
            description: BTreeMap::new(),
            members: Vec::new(),
        },
        |(s, _)| s.clone(),
    );
    for input in inputs {
        add_series_title(&mut series, &input.parsed, &path, &mut plan.report.warnings);
    }
    let yaml = to_yaml(&series, &path)?;
    plan.targets.push(Target::merged(
        path,
        yaml,
        existing.map(|(s, raw)| (s == series, raw)),
    ));
    Ok(())
}

/// `--series` with a new id while an existing series has the text's title is most likely a typo:
/// creating a second series of the same name would split its members.
fn refuse_a_twin_series(
    content: &Path,
    id: &str,
    inputs: &[&Input],
    path: &Path,
    plan: &mut Plan,
) -> Result<(), Problems> {
    let known = load_series(&content.join("series"))?;
    for input in inputs {
        if let Some(twin) = match_series(&input.parsed.meta(None), &known) {
            plan.problems.push(
                Problem::error(path, format!("series `{id}` does not exist, but series `{twin}` has the title of {}", input.parsed.symbol))
                    .hint(format!("did you mean --series {twin}? (a new series is created only when no series has this title)")),
            );
            return Ok(());
        }
    }
    Ok(())
}

/// A text's title becomes the series title in its language, unless the series has another one
/// (then a warning, and the series title is kept).
fn add_series_title(series: &mut SeriesFile, p: &Parsed, path: &Path, warnings: &mut Problems) {
    let Some(title) = &p.header.title else {
        return;
    };
    match series.title.get(&p.lang) {
        None => {
            series.title.insert(p.lang.clone(), title.clone());
        }
        Some(t) if normalise(t) != normalise(title) => {
            warnings.push(Problem::warning(
                path,
                format!(
                    "the series title ({}) is “{t}”, {} has “{title}”; keeping the series title",
                    p.lang, p.symbol
                ),
            ));
        }
        Some(_) => {}
    }
}
