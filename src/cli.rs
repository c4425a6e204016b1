//! The command line: arguments parsed by clap, dispatched to the library, problems printed.
//!
//! Exit codes (documented in the README): 0 success; 1 the content has errors (the build or
//! import refused it, with every problem listed); 2 a usage error or an I/O failure outside the
//! content (clap uses 2 for usage errors too).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{BuildError, check};
use crate::config::Config;
use crate::diag::{Problem, Problems, shown};
use crate::import::ImportOptions;

/// recueil builds an annotated, bilingual archive of UN resolutions into a static site.
#[derive(Debug, Parser)]
#[command(name = "recueil", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// The archive's folder (where book.toml is).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/ into public/ (or --out).
    Build {
        /// Output folder (default: build-dir from book.toml, `public/`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace the output folder even if it is not an earlier output of recueil.
        #[arg(long)]
        force: bool,
    },
    /// Check the whole archive as a build would, without writing anything: metadata, lineage,
    /// references, notes and templates. Every problem is listed with its file and line.
    Check {
        /// Fail on warnings too (for a CI that keeps the archive free of them).
        #[arg(long)]
        strict: bool,
        /// How problems are printed: `human` (on stderr) or `github` (GitHub Actions workflow
        /// commands on stdout, which a pull request shows on the lines they concern).
        #[arg(long, value_enum, default_value_t = ProblemFormat::Human)]
        format: ProblemFormat,
    },
    /// Write the archive as open data: JSON per resolution (with its JSON Schema), Akoma Ntoso
    /// XML per language version, and the paragraph dataset (JSONL, with its data card).
    Export {
        /// The formats: json, akn, jsonl (repeat the option or list them: --format json,akn).
        #[arg(long, required = true, value_delimiter = ',', value_parser = parse_format)]
        format: Vec<crate::config::DataFormat>,
        /// Output folder (default: `data/` in the build folder, `public/data/`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Turn raw official texts (PDF text extractions or Markdown-like texts) into content/.
    Import {
        /// The raw texts, one resolution in one language each, or folders: every .txt, .md and
        /// .xml (Akoma Ntoso) file in them, recursively, in path order.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// The language of the texts (detected when not given; a contradiction is refused).
        #[arg(long, value_parser = ["fr", "en"])]
        lang: Option<String>,
        /// The series the resolutions belong to (content/series/ID.yaml). Without it, a series
        /// with the text's title is joined; a new ID is created only if no series has that title.
        #[arg(long, value_name = "ID")]
        series: Option<String>,
        /// Replace files edited by hand; the previous versions are kept as backups (.bak).
        #[arg(long)]
        force: bool,
    },
    /// Start a new archive in DIR (created; refused if not empty): a commented book.toml, an
    /// example series, an empty content/resolutions/ and the GitHub Pages workflow.
    Init {
        /// The folder of the new archive.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Preview the site: build, serve it on this machine, rebuild and reload at each change.
    Serve {
        /// The port to listen on (0: any free port).
        #[arg(long, short, default_value_t = 3000)]
        port: u16,
        /// The address to listen on; the preview is for this machine only unless told otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        address: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Start a note: create the notes file (or add the heading to it) for a resolution or one of
    /// its paragraphs. Never replaces what is written.
    NewNote {
        /// The resolution, e.g. A/RES/61/168.
        symbol: String,
        /// The paragraph id, e.g. op10, pp3, op4-a; without it, a note on the whole resolution.
        paragraph: Option<String>,
        /// Write the note for one language only (notes.<lang>.md) instead of every language.
        #[arg(long)]
        lang: Option<String>,
    },
}

/// How `check` prints the problems it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProblemFormat {
    /// `error: file:line:col: message` and a `help:` line, on stderr.
    Human,
    /// `::error file=…,line=…,col=…::message` on stdout, paths relative to the repository.
    Github,
}

const EXIT_CODES: &str = "Exit codes: 0 success; 1 the content has errors (all listed, with file and line; \
nothing changed; for import: a text was refused, the others were imported); 2 a usage error, or a file or folder outside the content that cannot be read or written.

Examples:
  recueil build                          build content/ into public/
  recueil check                          check content/ without writing anything
  recueil check --format github          the same, as annotations for a GitHub workflow
  recueil serve                          preview at http://127.0.0.1:3000/, live
  recueil new-note A/RES/61/168 op10     start a note on paragraph op10
  recueil init my-archive                start a new archive in my-archive/
  recueil import A_RES_69_179_fr.txt --series international-cooperation-human-rights
  recueil import texts/                  every .txt, .md and .xml file in texts/
  recueil export --format json,akn,jsonl open data into public/data/
  recueil --root ../archive build --out /tmp/site";

/// Success, content errors, usage or I/O errors.
pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_IO: u8 = 2;

/// Runs the command line; returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Init { dir } = &cli.command {
        return ExitCode::from(run_init(dir));
    }
    if let Err(problem) = check_archive_root(&cli.root) {
        eprintln!("{problem}");
        return ExitCode::from(EXIT_IO);
    }
    ExitCode::from(match cli.command {
        Command::Build { out, force } => run_build(&cli.root, out, force),
        Command::Check { strict, format } => run_check(&cli.root, strict, format),
        Command::Export { format, out } => run_export(&cli.root, &format, out.as_deref()),
        Command::Import {
            files,
            lang,
            series,
            force,
        } => run_import(
            &cli.root,
            &files,
            ImportOptions {
                lang,
                series,
                force,
                languages: None,
            },
        ),
        Command::Init { .. } => unreachable!("init runs before the archive is checked"),
        Command::Serve {
            port,
            address,
            open,
        } => run_serve(
            &cli.root,
            &crate::serve::ServeOptions {
                address,
                port,
                open,
            },
        ),
        Command::NewNote {
            symbol,
            paragraph,
            lang,
        } => run_new_note(&cli.root, symbol, paragraph, lang),
    })
}

/// Every command works on an archive: a folder with a book.toml.
fn check_archive_root(root: &Path) -> Result<(), Problem> {
    if !root.is_dir() {
        return Err(Problem::error(root, "no such folder")
            .hint("pass --root DIR, the archive's folder (where book.toml is)"));
    }
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(
            Problem::error(root, "this folder is not an archive: it has no book.toml")
                .hint("run recueil from the archive's folder, or pass --root DIR"),
        );
    }
    Ok(())
}

fn run_import(root: &Path, paths: &[PathBuf], mut options: ImportOptions) -> u8 {
    let content = match Config::load(root) {
        Ok(config) => {
            options.languages = Some(config.language_codes().map(str::to_string).collect());
            config.content_dir
        }
        Err(problems) => return fail("import failed", &problems, EXIT_CONTENT),
    };
    let files = match crate::import::expand_inputs(paths, Some(&content)) {
        Ok(files) => files,
        Err(problems) => {
            eprint!("{problems}");
            return EXIT_IO;
        }
    };
    let mut progress = crate::progress::Progress::on_stderr();
    let imported =
        crate::import::import_files_with_progress(&content, &files, &options, &mut progress);
    progress.finish();
    match imported {
        Ok(report) => print_import(&report),
        Err(problems) => fail_import(&problems),
    }
}

/// What an import did, then each refused input with its reasons; the exit code.
fn print_import(report: &crate::import::ImportReport) -> u8 {
    eprint!("{}", report.warnings);
    for imported in &report.imported {
        eprintln!(
            "imported {} ({}) from {} into {}",
            imported.symbol,
            imported.lang,
            shown(&imported.file).display(),
            shown(&imported.folder).display()
        );
    }
    for backup in &report.backups {
        eprintln!("kept the previous version as {}", shown(backup).display());
    }
    for refused in &report.refused {
        eprintln!("refused {}:", shown(&refused.file).display());
        eprint!("{}", refused.problems);
    }
    let refused = match report.refused.len() {
        0 => String::new(),
        n => format!(", {n} text(s) refused, listed above: nothing was written for them"),
    };
    eprintln!(
        "{} text(s) imported: {} file(s) written, {} unchanged{}{refused}",
        report.imported.len(),
        report.written.len(),
        report.unchanged.len(),
        warning_suffix(&report.warnings)
    );
    if !report.write_errors.is_empty() {
        EXIT_IO
    } else if !report.refused.is_empty() {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}

fn fail_import(problems: &Problems) -> u8 {
    eprint!("{problems}");
    eprintln!(
        "import failed: {} error(s){}; nothing was written",
        problems.error_count(),
        warning_suffix(problems)
    );
    EXIT_CONTENT
}

/// `--format json`: one of the data formats.
fn parse_format(name: &str) -> Result<crate::config::DataFormat, String> {
    crate::config::DataFormat::parse(name)
        .ok_or_else(|| format!("`{name}` is not a data format: use json, akn or jsonl"))
}

fn run_export(root: &Path, formats: &[crate::config::DataFormat], out: Option<&Path>) -> u8 {
    match crate::build::export(root, formats, out) {
        Ok(report) => {
            eprint!("{}", report.warnings);
            eprintln!(
                "exported {} files into {} in {} ms{}",
                report.files,
                shown(&report.out).display(),
                report.elapsed.as_millis(),
                warning_suffix(&report.warnings)
            );
            EXIT_OK
        }
        Err(BuildError::Content(problems)) => {
            eprint!("{problems}");
            eprintln!("export failed: {} error(s)", problems.error_count());
            EXIT_CONTENT
        }
        Err(BuildError::Output(problems)) => {
            eprint!("{problems}");
            eprintln!(
                "export failed: {} file(s) could not be written",
                problems.error_count()
            );
            EXIT_IO
        }
    }
}

fn run_init(dir: &Path) -> u8 {
    match crate::init::init(dir) {
        Ok(written) => {
            for path in &written {
                eprintln!("created {}", shown(path).display());
            }
            let dir = shown(dir);
            eprintln!(
                "a new archive is in {0}: import texts with `recueil --root {0} import FOLDER`, then `recueil --root {0} build`",
                dir.display()
            );
            EXIT_OK
        }
        Err(problems) => {
            eprint!("{problems}");
            EXIT_IO
        }
    }
}

fn run_build(root: &Path, out: Option<PathBuf>, force: bool) -> u8 {
    let mut progress = crate::progress::Progress::on_stderr();
    let built = crate::build::build_with_progress(root, out.as_deref(), force, &mut progress);
    progress.finish();
    match built {
        Ok(report) => {
            eprint!("{}", report.warnings);
            let unchanged = match report.unchanged {
                0 => String::new(),
                n => format!(", {n} unchanged"),
            };
            eprintln!(
                "built {} pages ({} files) into {} in {} ms{unchanged}{}",
                report.pages,
                report.files,
                shown(&report.out).display(),
                report.elapsed.as_millis(),
                warning_suffix(&report.warnings),
            );
            EXIT_OK
        }
        Err(BuildError::Content(problems)) => fail("build failed", &problems, EXIT_CONTENT),
        Err(BuildError::Output(problems)) => fail("could not write the site", &problems, EXIT_IO),
    }
}

fn run_check(root: &Path, strict: bool, format: ProblemFormat) -> u8 {
    match check(root) {
        Ok(report) => {
            print_problems(&report.warnings, format);
            let warnings = report.warnings.warning_count();
            eprintln!(
                "checked {} resolutions ({} texts, {} pages): no errors{}",
                report.resolutions,
                report.texts,
                report.pages,
                warning_suffix(&report.warnings)
            );
            if strict && warnings > 0 {
                eprintln!("check failed: --strict treats the {warnings} warning(s) as errors");
                return EXIT_CONTENT;
            }
            EXIT_OK
        }
        Err(problems) => {
            print_problems(&problems, format);
            eprintln!(
                "check failed: {} error(s){}",
                problems.error_count(),
                warning_suffix(&problems)
            );
            EXIT_CONTENT
        }
    }
}

fn print_problems(problems: &Problems, format: ProblemFormat) {
    match format {
        ProblemFormat::Human => eprint!("{problems}"),
        ProblemFormat::Github => {
            let repository = crate::diag::github::repository_root();
            print!(
                "{}",
                crate::diag::github::annotations(problems, &repository)
            );
        }
    }
}

fn run_serve(root: &Path, options: &crate::serve::ServeOptions) -> u8 {
    match crate::serve::serve(root, options) {
        Ok(()) => EXIT_OK,
        Err(problems) => {
            eprint!("{problems}");
            EXIT_IO
        }
    }
}

fn run_new_note(
    root: &Path,
    symbol: String,
    paragraph: Option<String>,
    lang: Option<String>,
) -> u8 {
    use crate::new_note::{NewNote, Outcome, git_author, new_note};
    let request = NewNote {
        symbol,
        paragraph,
        lang,
        author: git_author(root),
        today: jiff::Zoned::now().date(),
    };
    let about = request
        .paragraph
        .as_deref()
        .map_or("the resolution".to_string(), str::to_string);
    match new_note(root, &request) {
        Ok(Outcome::Created { path, line }) => {
            eprintln!(
                "created {}: write your note on {about} at line {line}",
                shown(&path).display()
            )
        }
        Ok(Outcome::Added { path, line }) => {
            eprintln!(
                "added a note on {about} to {}: write it at line {line}",
                shown(&path).display()
            )
        }
        Ok(Outcome::Exists { path, line }) => {
            eprintln!(
                "{} already has a note on {about} at line {line}: edit it there",
                shown(&path).display()
            )
        }
        Err(problems) => {
            eprint!("{problems}");
            return EXIT_CONTENT;
        }
    }
    eprintln!("preview it with `recueil serve` (or `cargo run --release -- serve`)");
    EXIT_OK
}

fn warning_suffix(warnings: &Problems) -> String {
    match warnings.warning_count() {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}

fn fail(what: &str, problems: &Problems, code: u8) -> u8 {
    eprint!("{problems}");
    eprintln!(
        "{what}: {} error(s){}; nothing was changed in the output folder",
        problems.error_count(),
        warning_suffix(problems)
    );
    code
}
