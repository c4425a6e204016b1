//! Writes a generated archive for the benchmark (see `recueil::corpus`):
//!
//! ```sh
//! cargo run --release --features bench-corpus --example corpus -- --out /tmp/corpus-2000 -n 2000 --series 40 --seed 7
//! ```
//!
//! An example rather than a `recueil` subcommand: the generator is a tool for measuring recueil,
//! not something a maintainer of an archive needs, so it stays out of the command line they
//! read. The code lives in the library behind the `bench-corpus` feature (off by default, so
//! not in what a user links), and its unit tests run with the others.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes a synthetic archive of N resolutions in M series (French and English, with notes).
#[derive(Debug, Parser)]
struct Args {
    /// The folder to write (must be empty or not exist).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// How many resolutions.
    #[arg(short = 'n', long, default_value_t = 2000)]
    resolutions: usize,
    /// How many series (default: one per 50 resolutions, as in the Assembly's agenda).
    #[arg(long)]
    series: Option<usize>,
    /// The seed: the same seed writes the same files.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = recueil::corpus::Options {
        resolutions: args.resolutions,
        series: args.series.unwrap_or((args.resolutions / 50).max(1)),
        seed: args.seed,
    };
    let started = std::time::Instant::now();
    match recueil::corpus::generate(&args.out, &options) {
        Ok(summary) => {
            eprintln!(
                "wrote {} resolutions ({} texts, {} notes files) in {} series into {} in {} ms",
                summary.resolutions,
                summary.texts,
                summary.notes_files,
                summary.series,
                args.out.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{problems}");
            ExitCode::from(1)
        }
    }
}
