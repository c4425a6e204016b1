//! How exact the importer is on the development corpus (issue 13, point 6):
//!
//! ```sh
//! cargo run --release --example import-eval -- ../shared/corpus-dev
//! cargo run --release --example import-eval -- ../shared/corpus-dev --write IMPORT-EVAL.md
//! ```
//!
//! Imports each text into a new archive in a temporary folder, reads it back with the archive's
//! loader, checks the whole archive, and prints a Markdown table (see
//! `recueil::import::eval`); `--write FILE` also writes it there, with the command that made it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Debug, Parser)]
struct Args {
    /// The corpus folder (truth.tsv, pdf-text/, markdown/).
    corpus: PathBuf,
    /// Also write the table into FILE (e.g. IMPORT-EVAL.md).
    #[arg(long, value_name = "FILE")]
    write: Option<PathBuf>,
}

const HEADER: &str = "# How exact the importer is on real texts

Made by `cargo run --release --example import-eval -- ../shared/corpus-dev --write IMPORT-EVAL.md`
(run it again to update this file). Each text of the development corpus (`../shared/corpus-dev/`:
15 PDF text extractions counted against `truth.tsv`, 15 Markdown conversions counted only) is
imported with `recueil import` into a new archive, then read back with the archive's own loader:
`pp` and `op` count the paragraph ids `ppN` and `opN`, `fn` the footnotes (`fnN`, `annex-fnN`),
`annex` the annex paragraphs (`annex-N`, `annex2-N`), `fn refs` the references to footnotes in the
text; `x ✓` is right, `x ✗ (y)` is x where the truth is y. `furniture` counts job numbers, barcodes,
page numbers, the text's own symbol and the title as a paragraph left in the text; `glued` counts
footnote markers left in the words (`Child4`, `19904`, `1996,1`); `header` the fields of meta.yaml
filled, of symbol, session, agenda item, agenda title, distributed, adopted, meeting, committee,
report or draft, title and vote (not every text states all of them: a vote is printed only when
recorded); `ms` the time of the import of that text alone.

";

fn main() -> ExitCode {
    let args = Args::parse();
    let work = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cannot make a temporary folder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let evaluation =
        match recueil::import::eval::evaluate(&args.corpus, &work.path().join("archive")) {
            Ok(evaluation) => evaluation,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        };
    let table = evaluation.markdown();
    println!("{table}");
    if let Some(path) = args.write {
        let date = jiff::Zoned::now().date();
        let text = format!("{HEADER}Latest run: {date}.\n\n{table}");
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}
