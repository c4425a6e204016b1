//! Writing imported texts into `content/`, so that nothing a person wrote is lost and nothing
//! is written that the archive would refuse.
//!
//! Every input is read, parsed and checked first (`inputs`, `guard`); each resolution folder is
//! then planned from the inputs that complete it, its meta.yaml read back with the loader, and
//! every target file checked against the no-loss rules. A folder with a problem is refused whole
//! (each of its inputs listed with the reasons) and the others are written: an import never stops
//! because one text of many is wrong. A file whose bytes equal what would be written is left
//! alone; one that differs (a hand edit) is refused unless `--force`, and then kept as a backup
//! that never overwrites an earlier one. meta.yaml and the series file are merged (existing
//! values win, a conflict is a warning) and rewritten only when the merge adds something and the
//! file is exactly what serde would write (not hand-formatted).
//!
//! No resolution is left half-written: `disk` writes each folder whole or not at all.

use std::path::{Path, PathBuf};

use super::disk::{ToWrite, write_folder};
use super::guard;
use super::inputs::{self, Input};
use super::merge::load_series;
use super::plan::{self, FolderPlan, Plan};
use crate::diag::{Problem, Problems};
use crate::formats::meta::{Meta, SeriesFile};
use crate::formats::symbol::Symbol;
use crate::progress::Progress;

/// What the command line asks for.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--lang`: the language of every file, instead of detecting it.
    pub lang: Option<String>,
    /// `--series`: the series every file belongs to (created if needed).
    pub series: Option<String>,
    /// `--force`: replace files that differ, keeping backups.
    pub force: bool,
    /// The site's languages (book.toml), when known: a text in another one is refused.
    pub languages: Option<Vec<String>>,
}

/// One input file, imported.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: PathBuf,
    pub symbol: Symbol,
    pub lang: String,
    /// `content/resolutions/<slug>`.
    pub folder: PathBuf,
}

/// One input file, not imported, and why.
#[derive(Debug, Clone)]
pub struct Refused {
    pub file: PathBuf,
    /// The reasons (errors), and the warnings found on the way.
    pub problems: Problems,
}

impl Refused {
    pub(crate) fn new(file: &Path, problems: Problems) -> Refused {
        Refused {
            file: file.to_path_buf(),
            problems,
        }
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub imported: Vec<Imported>,
    /// The inputs not imported, in the order given, each with its reasons.
    pub refused: Vec<Refused>,
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
    /// Backups made of replaced files (with `--force`).
    pub backups: Vec<PathBuf>,
    pub warnings: Problems,
    /// Files that could not be written (the disk's problem, not the content's); their folders
    /// were put back as they were and their inputs are among `refused`.
    pub write_errors: Problems,
}

/// Import raw texts into the archive's content folder (`content/`, or book.toml's content-dir).
/// Every text that can be imported is; the others are in the report's `refused`. `Err` is for
/// what stops the whole command (a bad `--series`, a series file that cannot be read or updated):
/// then nothing is written.
pub fn import_files(
    content: &Path,
    files: &[PathBuf],
    opts: &ImportOptions,
) -> Result<ImportReport, Problems> {
    import_files_with_progress(content, files, opts, &mut Progress::quiet())
}

/// [`import_files`], showing its progress (the command line's: a bar on a terminal).
pub(crate) fn import_files_with_progress(
    content: &Path,
    files: &[PathBuf],
    opts: &ImportOptions,
    progress: &mut Progress,
) -> Result<ImportReport, Problems> {
    let mut problems = Problems::new();
    check_series_id(content, opts, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    progress.stage("importing", Some(files.len() as u64));
    let (inputs, refused) =
        inputs::read_inputs(&content.join("resolutions"), files, opts, progress);
    progress.done(files.len(), || format!("read {} raw texts", files.len()));
    let known_series = load_series(&content.join("series"))?;
    let mut report = ImportReport {
        refused,
        ..ImportReport::default()
    };
    let mut accepted = Vec::new();
    for folder in plan::plan_resolutions(content, &inputs, &known_series, opts) {
        if let Some(ready) = check_folder(folder, opts, &mut report) {
            accepted.push(ready);
        }
    }
    let members: Vec<&Input> = accepted
        .iter()
        .flat_map(|f| f.members.iter().copied())
        .collect();
    if !members.is_empty() {
        // The series file first: the folders written next name it.
        let series = plan_series(content, &members, opts)?;
        let (series_writes, series_report) = check_targets(series, opts.force)?;
        absorb(&mut report, series_report);
        write_folder(None, series_writes, &mut report).map_err(|p| {
            let mut problems = p;
            problems.extend(report.warnings.clone());
            problems
        })?;
    }
    progress.stage("writing", Some(accepted.len() as u64));
    for folder in accepted {
        progress.inc();
        write_accepted(folder, &mut report);
    }
    progress.done(report.imported.len(), || {
        format!("imported {} texts", report.imported.len())
    });
    report
        .refused
        .sort_by_key(|r| files.iter().position(|f| f == &r.file));
    Ok(report)
}

/// A folder whose every file passed the loader and the no-loss rules, ready to be written.
struct ReadyFolder<'a> {
    members: Vec<&'a Input>,
    writes: Vec<ToWrite>,
    report: ImportReport,
}

/// Check one folder's plan: its meta.yaml read back by the loader, then the no-loss rules. A
/// problem refuses every input of the folder, with the folder's problems as reasons.
fn check_folder<'a>(
    folder: FolderPlan<'a>,
    opts: &ImportOptions,
    report: &mut ImportReport,
) -> Option<ReadyFolder<'a>> {
    let FolderPlan { members, mut plan } = folder;
    for target in plan.targets.iter().filter(|t| t.is_meta()) {
        let content = String::from_utf8_lossy(&target.content);
        let found = guard::check_meta(&target.path, &content, opts.languages.as_deref());
        plan.problems.extend(found);
    }
    for input in &members {
        plan.report.warnings.extend(input.parsed.warnings.clone());
    }
    match check_targets(plan, opts.force) {
        Ok((writes, folder_report)) => Some(ReadyFolder {
            members,
            writes,
            report: folder_report,
        }),
        Err(problems) => {
            for input in members {
                report
                    .refused
                    .push(Refused::new(&input.file, problems.clone()));
            }
            None
        }
    }
}

/// With `--series`, the series file given the titles of the texts that are imported.
fn plan_series(content: &Path, members: &[&Input], opts: &ImportOptions) -> Result<Plan, Problems> {
    let mut plan = Plan::default();
    plan::plan_series_file(content, members, opts, &mut plan)?;
    if plan.problems.has_errors() {
        return Err(plan.problems);
    }
    Ok(plan)
}

/// Write a checked folder; a failure puts the folder back and refuses its inputs.
fn write_accepted(folder: ReadyFolder<'_>, report: &mut ImportReport) {
    let ReadyFolder {
        members,
        writes,
        report: folder_report,
    } = folder;
    let dir = members
        .first()
        .and_then(|m| m.target.parent().map(Path::to_path_buf));
    let before = report.written.len();
    match write_folder(dir.as_deref(), writes, report) {
        Ok(()) => absorb(report, folder_report),
        Err(problems) => {
            report.written.truncate(before);
            for input in members {
                report
                    .refused
                    .push(Refused::new(&input.file, problems.clone()));
            }
            report.write_errors.extend(problems);
        }
    }
}

fn absorb(report: &mut ImportReport, folder: ImportReport) {
    report.imported.extend(folder.imported);
    report.unchanged.extend(folder.unchanged);
    report.warnings.extend(folder.warnings);
}

fn check_series_id(content: &Path, opts: &ImportOptions, problems: &mut Problems) {
    if let Some(id) = &opts.series
        && !crate::formats::valid_series_id(id)
    {
        problems.push(
            Problem::error(content, format!("`{id}` is not a usable series id"))
                .hint(format!("{} (--series)", crate::formats::SERIES_ID_HINT)),
        );
    }
}

/// Apply the no-loss rules to every target. If one is refused, nothing of the plan is written:
/// the problems are returned with the warnings found so far.
fn check_targets(plan: Plan, force: bool) -> Result<(Vec<ToWrite>, ImportReport), Problems> {
    let Plan {
        targets,
        mut problems,
        mut report,
    } = plan;
    let mut writes = Vec::new();
    for target in targets {
        match target.decide(force) {
            Decision::Unchanged => report.unchanged.push(target.path),
            Decision::Write { backup } => writes.push(ToWrite {
                path: target.path,
                content: target.content,
                backup,
            }),
            Decision::Refuse(problem) => problems.push(problem),
        }
    }
    if problems.has_errors() {
        problems.extend(report.warnings);
        return Err(problems);
    }
    Ok((writes, report))
}

/// A file the import would write.
pub(super) struct Target {
    path: PathBuf,
    content: Vec<u8>,
    /// For merged YAML files: (the merge added nothing, the file's current text).
    merged: Option<Option<(bool, String)>>,
}

enum Decision {
    Unchanged,
    Write { backup: bool },
    Refuse(Problem),
}

impl Target {
    pub(super) fn text(path: PathBuf, content: &[u8]) -> Target {
        Target {
            path,
            content: content.to_vec(),
            merged: None,
        }
    }

    pub(super) fn merged(
        path: PathBuf,
        content: String,
        existing: Option<(bool, String)>,
    ) -> Target {
        Target {
            path,
            content: content.into_bytes(),
            merged: Some(existing),
        }
    }

    /// Is this the folder's meta.yaml (which the loader reads back before anything is written)?
    fn is_meta(&self) -> bool {
        self.merged.is_some() && self.path.file_name().is_some_and(|n| n == "meta.yaml")
    }

    fn decide(&self, force: bool) -> Decision {
        let refuse = |what: &str| {
            let name = self
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Decision::Refuse(
                Problem::error(&self.path, what).hint(format!(
                    "check the changes, then run again with --force to replace it (the current file is kept as {name}.bak)"
                )),
            )
        };
        match &self.merged {
            None => match fs_err::read(&self.path) {
                Err(_) => Decision::Write { backup: false },
                Ok(old) if old == self.content => Decision::Unchanged,
                Ok(_) if force => Decision::Write { backup: true },
                Ok(old) => refuse(&format!(
                    "this file differs from what the import would write (edited by hand?): {}",
                    first_difference(&old, &self.content)
                )),
            },
            Some(None) => {
                // A YAML file that does not exist, or could not be read (then only with --force).
                Decision::Write {
                    backup: self.path.exists(),
                }
            }
            Some(Some((same, raw))) => {
                if *same || raw.as_bytes() == self.content.as_slice() {
                    Decision::Unchanged
                } else if is_serde_form(raw, &self.path) {
                    Decision::Write { backup: false }
                } else if force {
                    Decision::Write { backup: true }
                } else {
                    refuse("the import would add values to this file, which was written by hand")
                }
            }
        }
    }
}

/// Is `raw` exactly what serde_yaml writes for its own parsed value (no comments, no hand layout)?
fn is_serde_form(raw: &str, path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "meta.yaml" {
        serde_yaml::from_str::<Meta>(raw)
            .ok()
            .and_then(|m| serde_yaml::to_string(&m).ok())
            .is_some_and(|s| s == raw)
    } else {
        serde_yaml::from_str::<SeriesFile>(raw)
            .ok()
            .and_then(|m| serde_yaml::to_string(&m).ok())
            .is_some_and(|s| s == raw)
    }
}

/// Read and parse a YAML file with the loader's reader (`files::yaml`): `Ok(None)` when it does
/// not exist. A file that cannot be read gets the importer's way out added to its hint.
pub(crate) fn read_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<(T, String)>, Problem> {
    crate::files::yaml::read_yaml_if_exists(path).map_err(|mut problem| {
        let fix = "or run again with --force to replace it (a backup is kept)";
        problem.hint = Some(match problem.hint.take() {
            Some(hint) => format!("{hint}; {fix}"),
            None => format!("fix it by hand, {fix}"),
        });
        problem
    })
}

pub(super) fn to_yaml<T: serde::Serialize>(value: &T, path: &Path) -> Result<String, Problems> {
    serde_yaml::to_string(value)
        .map_err(|e| Problem::error(path, format!("cannot write YAML: {e}")).into())
}

/// Where two versions of a file first differ, for a person deciding whether to `--force`.
fn first_difference(on_disk: &[u8], imported: &[u8]) -> String {
    let on_disk = String::from_utf8_lossy(on_disk);
    let imported = String::from_utf8_lossy(imported);
    let mut lines = on_disk.lines().zip(imported.lines()).enumerate();
    match lines.find(|(_, (a, b))| a != b) {
        Some((i, (a, b))) => {
            let cut = |line: &str| line.chars().take(70).collect::<String>();
            format!(
                "first at line {}: the file has “{}”, the import gives “{}”",
                i + 1,
                cut(a),
                cut(b)
            )
        }
        None => format!(
            "the file has {} lines, the import gives {}",
            on_disk.lines().count(),
            imported.lines().count()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tests::SEEDS;

    const NAMES: [&str; 5] = [
        "000_b910416a0ea72ba1.txt",
        "001_f207325484d46f91.txt",
        "002_367e980c57a681ce.txt",
        "003_9abaddd9ae80c91a.txt",
        "004_0c83b350d768e6c1.txt",
    ];

    fn setup() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        std::fs::create_dir_all(&inbox).unwrap();
        let files = NAMES
            .iter()
            .zip(SEEDS)
            .map(|(name, seed)| {
                let path = inbox.join(name);
                std::fs::write(&path, seed).unwrap();
                path
            })
            .collect();
        let root = dir.path().join("archive");
        std::fs::create_dir_all(&root).unwrap();
        (dir, root, files)
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn import_reimport_refuse_then_force_with_backups() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions::default();
        let report = import_files(&root.join("content"), &files, &opts).unwrap();
        let res = root.join("content/resolutions");
        let folder = res.join("a-res-62-160");
        for f in [
            "meta.yaml",
            "fr.md",
            "en.md",
            "source/fr.txt",
            "source/en.txt",
        ] {
            assert!(folder.join(f).is_file(), "{f}");
        }
        for slug in ["a-res-61-168", "a-res-68-160", "a-res-59-187"] {
            assert!(res.join(slug).join("fr.md").is_file(), "{slug}");
        }
        assert_eq!(report.imported.len(), 5);
        assert_eq!(report.written.len(), 4 * 3 + 2);
        // The source is kept byte for byte.
        assert_eq!(read(&folder.join("source/fr.txt")), SEEDS[0]);
        // The second language completed the same meta.yaml.
        let meta: Meta = serde_yaml::from_str(&read(&folder.join("meta.yaml"))).unwrap();
        assert_eq!(meta.title.len(), 2);
        assert!(!meta.texts["fr"].complete);
        assert!(meta.texts["en"].complete);
        assert_eq!(meta.meeting, Some(76));
        // No series yet: a warning suggests --series.
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.hint.as_deref().is_some_and(|h| h.contains("--series")))
        );

        // Re-import: nothing changes.
        let again = import_files(&root.join("content"), &files, &opts).unwrap();
        assert!(again.written.is_empty(), "{:?}", again.written);
        assert_eq!(again.unchanged.len(), report.written.len());

        // A hand edit is refused, and the file stays as it is.
        let fr = res.join("a-res-61-168/fr.md");
        let edited = read(&fr).replace("*Estime*", "*Estime* (corrigé)");
        std::fs::write(&fr, &edited).unwrap();
        let report = import_files(&root.join("content"), &files[1..2], &opts).unwrap();
        let problem = report.refused[0]
            .problems
            .iter()
            .find(|p| p.is_error())
            .unwrap();
        assert_eq!(problem.path, fr);
        assert!(problem.hint.as_deref().unwrap().contains("--force"));
        assert_eq!(read(&fr), edited);

        // --force replaces it and keeps the edit as a backup, never overwriting a backup.
        let force = ImportOptions {
            force: true,
            ..ImportOptions::default()
        };
        let forced = import_files(&root.join("content"), &files[1..2], &force).unwrap();
        assert_eq!(forced.backups, [res.join("a-res-61-168/fr.md.bak")]);
        assert_eq!(read(&res.join("a-res-61-168/fr.md.bak")), edited);
        assert_ne!(read(&fr), edited);
        std::fs::write(&fr, "second edit\n").unwrap();
        let forced = import_files(&root.join("content"), &files[1..2], &force).unwrap();
        assert_eq!(forced.backups, [res.join("a-res-61-168/fr.md.bak.1")]);
        assert_eq!(read(&res.join("a-res-61-168/fr.md.bak")), edited);
    }

    #[test]
    fn series_is_created_then_found_by_title() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions {
            series: Some("cooperation-droits-homme".into()),
            ..ImportOptions::default()
        };
        import_files(&root.join("content"), &files[..1], &opts).unwrap();
        let series_path = root.join("content/series/cooperation-droits-homme.yaml");
        let series: SeriesFile = serde_yaml::from_str(&read(&series_path)).unwrap();
        assert_eq!(series.title.len(), 1);
        // The English text adds its title to the series file.
        import_files(&root.join("content"), &files[4..5], &opts).unwrap();
        let series: SeriesFile = serde_yaml::from_str(&read(&series_path)).unwrap();
        assert!(series.title["en"].starts_with("Enhancement"));
        // Without --series, a text whose title matches (’ vs ', case) joins the series.
        let report = import_files(
            &root.join("content"),
            &files[1..2],
            &ImportOptions::default(),
        )
        .unwrap();
        let meta: Meta = serde_yaml::from_str(&read(
            &root.join("content/resolutions/a-res-61-168/meta.yaml"),
        ))
        .unwrap();
        assert_eq!(meta.series.as_deref(), Some("cooperation-droits-homme"));
        assert!(
            report
                .warnings
                .iter()
                .all(|w| !w.message.contains("series"))
        );
    }

    #[test]
    fn hand_formatted_meta_is_not_rewritten_without_force() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions::default();
        import_files(&root.join("content"), &files[..1], &opts).unwrap();
        let meta_path = root.join("content/resolutions/a-res-62-160/meta.yaml");
        let hand = format!("# checked by hand\n{}", read(&meta_path));
        std::fs::write(&meta_path, &hand).unwrap();
        // Re-importing the same text adds nothing: the file is left alone.
        let report = import_files(&root.join("content"), &files[..1], &opts).unwrap();
        assert!(report.unchanged.contains(&meta_path));
        // The English text would add to it: refused, then done with --force and a backup.
        let report = import_files(&root.join("content"), &files[4..5], &opts).unwrap();
        assert!(
            report.refused[0]
                .problems
                .iter()
                .any(|p| p.is_error() && p.path == meta_path)
        );
        assert_eq!(read(&meta_path), hand);
        let force = ImportOptions {
            force: true,
            ..ImportOptions::default()
        };
        let report = import_files(&root.join("content"), &files[4..5], &force).unwrap();
        assert_eq!(report.backups, [meta_path.with_file_name("meta.yaml.bak")]);
        let meta: Meta = serde_yaml::from_str(&read(&meta_path)).unwrap();
        assert_eq!(meta.title.len(), 2);
    }

    #[test]
    fn a_bad_input_is_refused_and_the_others_imported() {
        let (_dir, root, mut files) = setup();
        let bad = files[0].with_file_name("bad.txt");
        std::fs::write(&bad, b"\xff\xfe not text").unwrap();
        files.insert(2, bad.clone());
        let report =
            import_files(&root.join("content"), &files, &ImportOptions::default()).unwrap();
        assert_eq!(report.imported.len(), 5);
        assert_eq!(report.refused.len(), 1);
        assert_eq!(report.refused[0].file, bad);
        assert!(report.refused[0].problems.has_errors());
        let res = root.join("content/resolutions");
        assert!(res.join("a-res-59-187/fr.md").is_file());
        // A bad --series stops the whole command before anything is read.
        let err = import_files(
            &root.join("other"),
            &files[..1],
            &ImportOptions {
                series: Some("../x".into()),
                ..ImportOptions::default()
            },
        )
        .unwrap_err();
        assert!(err.iter().any(|p| p.message.contains("series id")));
        assert!(!root.join("other").exists());
        // Every text refused: no series file is made for none of them.
        let opts = ImportOptions {
            series: Some("new-series".into()),
            ..ImportOptions::default()
        };
        let report = import_files(&root.join("other"), &[bad], &opts).unwrap();
        assert_eq!(report.refused.len(), 1);
        assert!(!root.join("other/series/new-series.yaml").exists());
    }

    #[test]
    fn the_second_text_of_one_symbol_and_language_is_refused() {
        let (_dir, root, mut files) = setup();
        let copy = files[1].with_file_name("zz_copy.txt");
        std::fs::copy(&files[1], &copy).unwrap();
        files.push(copy.clone());
        let report =
            import_files(&root.join("content"), &files, &ImportOptions::default()).unwrap();
        assert_eq!(report.imported.len(), 5);
        let [refused] = &report.refused[..] else {
            panic!("{:?}", report.refused)
        };
        assert_eq!(refused.file, copy);
        let message = &refused.problems.iter().next().unwrap().message;
        assert!(
            message.contains("A/RES/61/168 (fr) is also given by"),
            "{message}"
        );
        assert!(message.contains("001_f207325484d46f91.txt"), "{message}");
    }

    /// 2,100 operative paragraphs and sub-paragraphs: the importer makes them, the loader
    /// refuses more than 2,000 (whatever the parser does, this text gives content the archive
    /// would refuse).
    fn too_long() -> String {
        let mut text = String::from(
            "A/RES/70/1\n70/1. Test of the guard\nThe General Assembly,\nRecalling its work,\n",
        );
        for n in 1..=100 {
            text.push_str(&format!("{n}. Decides to act on point {n}:\n"));
            for c in 'a'..='t' {
                text.push_str(&format!("({c}) on the matter {c} of point {n};\n"));
            }
        }
        text.push_str("101. Decides to remain seized of the matter.\n");
        text
    }

    #[test]
    fn what_the_loader_would_refuse_is_not_written_and_says_where() {
        let (dir, root, mut files) = setup();
        let long = dir.path().join("inbox/long.txt");
        std::fs::write(&long, too_long()).unwrap();
        files.push(long.clone());
        let content = root.join("content");
        let report = import_files(&content, &files, &ImportOptions::default()).unwrap();
        assert_eq!(report.imported.len(), 5);
        let [refused] = &report.refused[..] else {
            panic!("{:?}", report.refused)
        };
        assert_eq!(refused.file, long);
        let error = refused.problems.iter().find(|p| p.is_error()).unwrap();
        assert!(
            error
                .message
                .contains("would refuse the en.md made from it"),
            "{}",
            error.message
        );
        assert!(error.line.is_some(), "{error}");
        assert!(!content.join("resolutions/a-res-70-1").exists());
    }

    #[test]
    fn a_text_in_a_language_the_site_lacks_is_refused() {
        let (_dir, root, files) = setup();
        let opts = ImportOptions {
            languages: Some(vec!["fr".into()]),
            ..ImportOptions::default()
        };
        let report = import_files(&root.join("content"), &files, &opts).unwrap();
        assert_eq!(report.imported.len(), 4);
        assert_eq!(report.refused.len(), 1);
        assert_eq!(report.refused[0].file, files[4]);
        let meta = read(&root.join("content/resolutions/a-res-62-160/meta.yaml"));
        assert!(!meta.contains("en:"), "{meta}");
    }

    #[test]
    fn a_folder_refused_whole_leaves_what_was_there() {
        let (_dir, root, files) = setup();
        let content = root.join("content");
        import_files(&content, &files[..1], &ImportOptions::default()).unwrap();
        let folder = content.join("resolutions/a-res-62-160");
        let fr = folder.join("fr.md");
        std::fs::write(&fr, "edited\n").unwrap();
        let meta = read(&folder.join("meta.yaml"));
        // The English text would complete the folder, but its French text was edited: the
        // whole folder is refused, the other texts are imported.
        let report = import_files(&content, &files, &ImportOptions::default()).unwrap();
        let refused: Vec<&Path> = report.refused.iter().map(|r| r.file.as_path()).collect();
        assert_eq!(refused, [files[0].as_path(), files[4].as_path()]);
        assert_eq!(read(&fr), "edited\n");
        assert_eq!(read(&folder.join("meta.yaml")), meta);
        assert!(!folder.join("en.md").exists());
        assert_eq!(report.imported.len(), 3);
    }

    #[test]
    fn an_unreadable_yaml_gets_the_loaders_hint_and_the_way_out_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.yaml");
        std::fs::write(&path, "symbol: A/RES/1/1\nsymbol: A/RES/1/2\n").unwrap();
        let problem = read_yaml::<Meta>(&path).unwrap_err();
        assert_eq!(problem.line, Some(2));
        let hint = problem.hint.unwrap();
        assert!(hint.starts_with("each key may appear once here"), "{hint}");
        assert!(
            hint.ends_with("run again with --force to replace it (a backup is kept)"),
            "{hint}"
        );
    }
}
