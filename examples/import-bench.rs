//! How long `recueil import` takes over 1,000 texts in one command (the target: under 10 s on a
//! 2-core machine):
//!
//! ```sh
//! cargo run --release --example import-bench            # 1,000 texts, median of 5 runs
//! cargo run --release --example import-bench -- -n 200 --runs 3
//! ```
//!
//! It writes N raw texts into a temporary folder, made from the seed texts of
//! `tests/fixtures/import/` and the fixture of each layout (`layouts/`: PDF extractions with both
//! header layouts and annexes, Markdown conversions, French and English) with their symbols varied (the French and English texts of one
//! resolution stay paired, as a maintainer's folder would hold them), then imports the folder into
//! a new archive (`recueil::init`) as the command line does, as many times as asked, each into a
//! fresh archive; and once more over the archive just written (nothing to write). It prints each
//! run and the median. A measurement, not a test: speed is never asserted.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use recueil::import::{ImportOptions, expand_inputs, import_files};

#[derive(Debug, Parser)]
struct Args {
    /// How many raw texts to import in one command.
    #[arg(short = 'n', long, default_value_t = 1000)]
    texts: usize,
    /// How many runs (the median is printed).
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

/// The seed texts and the fixture of each layout (`tests/fixtures/import/layouts/`), and the
/// symbol (session, number) each states.
const SEEDS: [(&str, &str); 12] = [
    (
        include_str!("../tests/fixtures/import/000_b910416a0ea72ba1.txt"),
        "62/160",
    ),
    (
        include_str!("../tests/fixtures/import/001_f207325484d46f91.txt"),
        "61/168",
    ),
    (
        include_str!("../tests/fixtures/import/002_367e980c57a681ce.txt"),
        "68/160",
    ),
    (
        include_str!("../tests/fixtures/import/003_9abaddd9ae80c91a.txt"),
        "59/187",
    ),
    (
        include_str!("../tests/fixtures/import/004_0c83b350d768e6c1.txt"),
        "62/160",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/pdf-wrapped-en.txt"),
        "80/901",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/pdf-oneline-en.txt"),
        "80/902",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/pdf-annex-en.txt"),
        "80/903",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/pdf-annexe-fr.txt"),
        "80/904",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/markdown-conversion-en.md"),
        "80/905",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/markdown-conversion-annex-en.md"),
        "80/906",
    ),
    (
        include_str!("../tests/fixtures/import/layouts/pdf-oneline-fr.txt"),
        "80/907",
    ),
];

fn main() -> ExitCode {
    let args = Args::parse();
    let work = tempfile::tempdir().expect("a temporary folder");
    let inbox = work.path().join("inbox");
    write_inputs(&inbox, args.texts);
    println!(
        "importing {} texts (from the {} seed and layout texts, symbols varied), {} run(s)",
        args.texts,
        SEEDS.len(),
        args.runs
    );
    let mut times = Vec::new();
    let mut last = None;
    for run in 1..=args.runs.max(1) {
        let archive = work.path().join(format!("archive-{run}"));
        match import_once(&archive, &inbox) {
            Ok((elapsed, summary)) => {
                println!("run {run}: {:.2} s ({summary})", elapsed.as_secs_f64());
                times.push(elapsed);
                last = Some(archive);
            }
            Err(message) => {
                eprintln!("run {run} failed: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "median: {:.2} s for {} texts",
        median.as_secs_f64(),
        args.texts
    );
    if let Some(archive) = last {
        let started = Instant::now();
        let again = reimport(&archive, &inbox);
        println!(
            "again over the same archive (nothing to write): {:.2} s ({again})",
            started.elapsed().as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}

/// N raw texts: text i is source i % 12 with its symbol's number replaced by a number of its own
/// in its round of 12, so that 62/160's French and English texts give the same new resolution.
fn write_inputs(inbox: &Path, n: usize) {
    std::fs::create_dir_all(inbox).expect("the inbox folder");
    for i in 0..n {
        let source = i % SEEDS.len();
        let (text, symbol) = SEEDS[source];
        let (session, _) = symbol.split_once('/').expect("session/number");
        // Every source its own number in each round, but 62/160's English text (source 4) that
        // of its French text (source 0).
        let offset = if source == 4 { 0 } else { source };
        let new = format!(
            "{session}/{}",
            1000 + (i / SEEDS.len()) * SEEDS.len() + offset
        );
        let path = inbox.join(format!("{i:05}.txt"));
        std::fs::write(&path, text.replace(symbol, &new)).expect("an input file");
    }
}

/// One import of the inbox folder into a new archive, timed as the command runs it: the folder
/// expanded, every text read, parsed, checked and written.
fn import_once(archive: &Path, inbox: &Path) -> Result<(Duration, String), String> {
    recueil::init::init(archive).map_err(|p| p.to_string())?;
    let started = Instant::now();
    let summary = import_folder(archive, inbox)?;
    Ok((started.elapsed(), summary))
}

fn reimport(archive: &Path, inbox: &Path) -> String {
    import_folder(archive, inbox).unwrap_or_else(|e| e)
}

fn import_folder(archive: &Path, inbox: &Path) -> Result<String, String> {
    let files: Vec<PathBuf> =
        expand_inputs(&[inbox.to_path_buf()], None).map_err(|p| p.to_string())?;
    let options = ImportOptions {
        series: Some("bench".into()),
        languages: Some(vec!["fr".into(), "en".into()]),
        ..ImportOptions::default()
    };
    let report =
        import_files(&archive.join("content"), &files, &options).map_err(|p| p.to_string())?;
    if let Some(refused) = report.refused.first() {
        return Err(format!("{}: {}", refused.file.display(), refused.problems));
    }
    Ok(format!(
        "{} imported, {} files written, {} unchanged",
        report.imported.len(),
        report.written.len(),
        report.unchanged.len()
    ))
}
