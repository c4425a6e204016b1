//! The benchmark of issue 17: `recueil export` of each format on a generated archive of the
//! General Assembly's size. From a clean clone:
//!
//! ```sh
//! cargo run --release --features bench-corpus --example export-bench            # N = 20,000
//! cargo run --release --features bench-corpus --example export-bench -- --size 2000
//! ```
//!
//! The archive is the one `examples/corpus` makes (`--series N/50 --seed 7`, kept under
//! `target/bench/corpus-<N>-seed7/`, shared with `examples/bench`). Each format is exported
//! once into a new folder by the release binary: wall time (loading and the analysis included,
//! as `recueil export` runs them), the peak resident memory of the process (read from /proc
//! while it runs), the files and bytes written. It prints the machine's load before and after
//! and a Markdown table for BENCHMARKS.md; the target is 30 s per format at 20,000.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use clap::Parser;

// Shared with `bench`, which also reads a run's stderr.
#[allow(dead_code)]
#[path = "bench/measure.rs"]
mod measure;

#[derive(Debug, Parser)]
struct Args {
    /// The size of the archive, in resolutions.
    #[arg(long, default_value_t = 20_000)]
    size: usize,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Where the corpus and the outputs go (default: target/bench).
    #[arg(long)]
    dir: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    let profile = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.to_path_buf()))
        .expect("the example runs from target/<profile>/examples");
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| profile.parent().unwrap().join("bench"));
    std::fs::create_dir_all(&dir).expect("the bench folder");
    let recueil = build_recueil(&profile);
    let corpus = corpus(&dir, args.size, args.seed);
    println!("load before: {}", load_average());
    let mut rows = Vec::new();
    for format in ["json", "akn", "jsonl"] {
        let out = dir.join(format!("export-{}-{format}", args.size));
        let _ = std::fs::remove_dir_all(&out);
        let mut command = Command::new(&recueil);
        command
            .arg("--root")
            .arg(&corpus)
            .args(["export", "--format", format, "--out"])
            .arg(&out);
        let measure::Run { time, peak_mib, .. } = measure::run(&mut command);
        let (files, bytes) = size_of(&out);
        eprintln!("  {format}: {time:?}, {peak_mib} MiB, {files} files, {bytes} bytes");
        rows.push((format, time, peak_mib, files, bytes));
        let _ = std::fs::remove_dir_all(&out);
    }
    println!("load after: {}\n", load_average());
    println!("| format | resolutions | time | peak memory | files | size |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (format, time, peak, files, bytes) in rows {
        println!(
            "| {format} | {} | {:.1} s | {peak} MiB | {files} | {:.0} MB |",
            args.size,
            time.as_secs_f64(),
            bytes as f64 / 1e6
        );
    }
}

/// Builds the recueil binary beside this example.
fn build_recueil(profile: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["build", "--bin", "recueil"]);
    if profile.file_name().is_some_and(|n| n == "release") {
        command.arg("--release");
    }
    let status = command.status().expect("cargo runs");
    assert!(status.success(), "cargo build --bin recueil failed");
    profile.join("recueil")
}

/// The generated archive of `n` resolutions (one series per 50), generated once.
fn corpus(dir: &Path, n: usize, seed: u64) -> PathBuf {
    let corpus = dir.join(format!("corpus-{n}-seed{seed}"));
    if corpus.join("book.toml").is_file() {
        return corpus;
    }
    let _ = std::fs::remove_dir_all(&corpus);
    let options = recueil::corpus::Options {
        resolutions: n,
        series: (n / 50).max(1),
        seed,
    };
    let started = Instant::now();
    recueil::corpus::generate(&corpus, &options).expect("the corpus is written");
    eprintln!("generated {} in {:?}", corpus.display(), started.elapsed());
    corpus
}

/// Files and bytes under `dir`.
fn size_of(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map_or(0, |m| m.len());
        }
    }
    (files, bytes)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
