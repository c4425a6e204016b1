//! The benchmark of issue 7: recueil against Hugo on generated archives of the General
//! Assembly's size. From a clean clone (Hugo from the system's packages: `apt-get install hugo`):
//!
//! ```sh
//! cargo run --release --features bench-corpus --example bench      # N = 2,000 and 20,000
//! cargo run --release --features bench-corpus --example bench -- --sizes 2000 --runs 3
//! ```
//!
//! For each size it generates the archive once (`recueil::corpus`, kept under
//! `target/bench/`), then measures, each the median of `--runs` runs:
//!
//! - a full build into a new folder: time, pages per second, peak memory (the peak resident
//!   size of the process, read from /proc while it runs), alternating with Hugo's runs (below),
//!   each run after a `sync`, each into a folder of its own removed only at the end: both tools
//!   meet the same disk;
//!   (each without the analysis cache a previous run left: a first build);
//! - a full build into a new folder with the comparisons cached (`.recueil-cache/`);
//! - a rebuild with nothing changed, and a rebuild after one note changed (`recueil build`);
//! - in `recueil serve`, one note saved: from the write of the file to the answer of the preview's
//!   status request that waits for the next build, i.e. to the last byte written;
//! - Hugo building, from the same texts, one page per resolution per language and one page per
//!   pair of successive texts per language (the two texts compared), as plain Markdown with a
//!   minimal template, for the ratio: the same pages whatever recueil's page set;
//! - the site on disk and its largest file, and the bytes a search loads in Chromium for three
//!   queries over `file://` and over http (`site.rs`).
//!
//! It prints the machine, the load before and after, and a Markdown table (for BENCHMARKS.md).
//! The figures are wall-clock times on a shared machine: compare them with the load shown.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;

mod measure;
mod site;

use measure::{Run, run};

#[derive(Debug, Parser)]
struct Args {
    /// The sizes of the archives, in resolutions.
    #[arg(long, value_delimiter = ',', default_values_t = [2000, 20000])]
    sizes: Vec<usize>,
    /// Runs of each measure (the median is shown); default 5, 3 from 10,000 resolutions.
    #[arg(long)]
    runs: Option<usize>,
    /// Where corpora, outputs and the Hugo sites go (default: target/bench).
    #[arg(long)]
    dir: Option<PathBuf>,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Leave out Hugo.
    #[arg(long)]
    no_hugo: bool,
    /// Only weigh this built site and measure its searches (no builds).
    #[arg(long)]
    measure_site: Option<PathBuf>,
}

/// One row of the table.
#[derive(Debug, Default)]
struct Row {
    resolutions: usize,
    pages: usize,
    full: Duration,
    /// A full build into a new folder with the comparisons of the last build cached.
    full_cached: Duration,
    peak_mib: u64,
    unchanged: Duration,
    one_note_build: Duration,
    one_note_serve: Duration,
    hugo: Option<(usize, Duration, u64)>,
    weight: Option<site::Weight>,
    search: Vec<(String, u64, u64)>,
}

fn main() {
    let args = Args::parse();
    if let Some(site) = &args.measure_site {
        let row = Row {
            weight: Some(site::weigh(site)),
            search: site::search_bytes(site).unwrap_or_else(|why| panic!("{why}")),
            ..Row::default()
        };
        print_site_table(&[row]);
        return;
    }
    let release = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.to_path_buf()))
        .expect("the example runs from target/<profile>/examples");
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| release.parent().unwrap().join("bench"));
    std::fs::create_dir_all(&dir).expect("the bench folder");
    let recueil = build_recueil(&release);
    let hugo = (!args.no_hugo).then(find_hugo).flatten();
    println!("{}", machine(hugo.is_some()));
    println!("load before: {}", load_average());
    let mut rows = Vec::new();
    for &n in &args.sizes {
        let runs = args.runs.unwrap_or(if n >= 10_000 { 3 } else { 5 });
        let corpus = corpus(&dir, n, args.seed);
        eprintln!("== {n} resolutions, {runs} runs each");
        // Every full build, of either tool, writes into a folder of its own, made and removed
        // outside the timings, and the runs of the two tools alternate: both meet the same
        // disk (a file system slows down creating files right after thousands were deleted).
        let runs_dir = dir.join(format!("runs-{n}"));
        let _ = std::fs::remove_dir_all(&runs_dir);
        std::fs::create_dir_all(&runs_dir).expect("the runs folder");
        let mut full = Full::default();
        let mut hugo_runs = Full::default();
        let mut site = None;
        for i in 0..runs {
            let out = runs_dir.join(format!("recueil-{i}"));
            // A full build is a first build: without the comparisons a previous one kept.
            let _ = std::fs::remove_dir_all(corpus.join(recueil::analysis::cache::FOLDER));
            full.add(
                "full build",
                i,
                run(&mut build_command(&recueil, &corpus, &out)),
            );
            if hugo.is_some() {
                let site = site.get_or_insert_with(|| hugo_site(&dir, n, &corpus, &out));
                let public = runs_dir.join(format!("hugo-{i}"));
                hugo_runs.add("hugo", i, run(&mut hugo_command(site, &public)));
            }
        }
        let out = runs_dir.join(format!("recueil-{}", runs - 1));
        let weight = site::weigh(&out);
        let search = site::search_bytes(&out).unwrap_or_else(|why| {
            eprintln!("  search not measured: {why}");
            Vec::new()
        });
        let mut row = measure_rebuilds(&recueil, &corpus, &out, runs);
        // After the rebuilds, which meet the site as a build leaves it (its files still in the
        // system's caches): full builds into new folders with the comparisons cached.
        let mut cached = Full::default();
        for i in 0..runs {
            let out = runs_dir.join(format!("recueil-cached-{i}"));
            let what = "full build, comparisons cached";
            cached.add(what, i, run(&mut build_command(&recueil, &corpus, &out)));
        }

        row.weight = Some(weight);
        row.search = search;
        row.resolutions = n;
        row.pages = pages_of(&full.last_stderr);
        row.full = median(full.times);
        row.full_cached = median(cached.times);
        row.peak_mib = full.peak_mib;
        if site.is_some() {
            row.hugo = Some((
                pages_in(&runs_dir.join("hugo-0")),
                median(hugo_runs.times),
                hugo_runs.peak_mib,
            ));
        }
        let _ = std::fs::remove_dir_all(&runs_dir);
        rows.push(row);
    }
    println!("load after: {}\n", load_average());
    print_table(&rows);
}

/// Builds the recueil binary beside this example (cargo builds only the example for `run`).
fn build_recueil(release: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let profile = release.file_name().unwrap().to_string_lossy().into_owned();
    let mut command = Command::new(cargo);
    command.args(["build", "--bin", "recueil"]);
    if profile == "release" {
        command.arg("--release");
    }
    let status = command.status().expect("cargo runs");
    assert!(status.success(), "cargo build --bin recueil failed");
    release.join("recueil")
}

fn find_hugo() -> Option<PathBuf> {
    let found = Command::new("hugo").arg("version").output().ok()?;
    if found.status.success() {
        Some(PathBuf::from("hugo"))
    } else {
        eprintln!("hugo not found: install it (apt-get install hugo) for the ratio");
        None
    }
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

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The full builds of one tool: their times and their peak memory.
#[derive(Default)]
struct Full {
    times: Vec<Duration>,
    peak_mib: u64,
    last_stderr: String,
}

impl Full {
    fn add(&mut self, what: &str, i: usize, done: Run) {
        eprintln!("  {what} {}: {:?}, {} MiB", i + 1, done.time, done.peak_mib);
        self.times.push(done.time);
        self.peak_mib = self.peak_mib.max(done.peak_mib);
        self.last_stderr = done.stderr;
    }
}

fn build_command(recueil: &Path, corpus: &Path, out: &Path) -> Command {
    let mut command = Command::new(recueil);
    command
        .arg("--root")
        .arg(corpus)
        .arg("build")
        .arg("--out")
        .arg(out);
    command
}

/// Rebuilds into `out`, a full build's output: nothing changed, one note changed (`build`), one
/// note saved in `serve`.
fn measure_rebuilds(recueil: &Path, corpus: &Path, out: &Path, runs: usize) -> Row {
    let build = || build_command(recueil, corpus, out);
    let mut row = Row::default();
    let unchanged: Vec<Duration> = (0..runs).map(|_| run(&mut build()).time).collect();
    row.unchanged = median(unchanged);
    eprintln!("  nothing changed: {:?}", row.unchanged);
    let note = note_to_edit(corpus);
    let original = std::fs::read_to_string(&note).unwrap();
    let mut one_note = Vec::new();
    for i in 0..runs {
        std::fs::write(&note, format!("{original}\nEdit {i} of the benchmark.\n")).unwrap();
        one_note.push(run(&mut build()).time);
    }
    row.one_note_build = median(one_note);
    eprintln!("  one note, build: {:?}", row.one_note_build);
    row.one_note_serve = measure_serve(recueil, corpus, &note, &original, runs);
    std::fs::write(&note, &original).unwrap();
    row
}

/// `built N pages (...)` -> N.
fn pages_of(stderr: &str) -> usize {
    stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("built ")?.split(' ').next()?.parse().ok())
        .unwrap_or(0)
}

/// The notes.md of the latest resolution that has one: its pages are among the largest.
fn note_to_edit(corpus: &Path) -> PathBuf {
    let mut notes: Vec<PathBuf> = std::fs::read_dir(corpus.join("content/resolutions"))
        .unwrap()
        .map(|e| e.unwrap().path().join("notes.md"))
        .filter(|p| p.is_file())
        .collect();
    notes.sort();
    notes.pop().expect("the corpus has notes")
}

/// One note saved in a running preview: from the file's write to the status request's answer
/// (the next build done, every byte written), median of `runs` saves.
fn measure_serve(
    recueil: &Path,
    corpus: &Path,
    note: &Path,
    original: &str,
    runs: usize,
) -> Duration {
    let mut child = Command::new(recueil)
        .arg("--root")
        .arg(corpus)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("recueil serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("serving http://127.0.0.1:")
        .and_then(|rest| rest.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    let mut times = Vec::new();
    let mut lists = Vec::new();
    for i in 0..runs.max(3) {
        let since = generation(&get(port, "/__recueil/status"));
        let text = format!("{original}\nPreview edit {i} of the benchmark.\n");
        let started = Instant::now();
        std::fs::write(note, text).unwrap();
        let answer = get(port, &format!("/__recueil/status?since={since}"));
        let took = started.elapsed();
        assert!(
            generation(&answer) > since && answer.contains("\"error\":null"),
            "{answer}"
        );
        times.push(took);
        // The lists of every note (home pages, feeds, search files) follow the pages in a
        // second generation: the next edit waits for the site to be whole, and that time is
        // shown too.
        let pages = generation(&answer);
        let whole = get(port, &format!("/__recueil/status?since={pages}"));
        assert!(generation(&whole) > pages, "{whole}");
        lists.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(corpus.join("public"));
    let median = median(times.clone());
    eprintln!(
        "  one note, serve: {median:?} ({times:?}); the site whole: {:?}",
        self::median(lists)
    );
    median
}

fn get(port: u16, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

fn generation(response: &str) -> u64 {
    response
        .split("\"generation\":")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// A Hugo site with one Markdown page for each page recueil built into `out`, made of the same
/// texts, and a minimal template.
fn hugo_site(dir: &Path, n: usize, corpus: &Path, out: &Path) -> PathBuf {
    let site = dir.join(format!("hugo-{n}"));
    let _ = std::fs::remove_dir_all(&site);
    let content = site.join("content");
    std::fs::create_dir_all(site.join("layouts/_default")).unwrap();
    std::fs::write(
        site.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\nuglyURLs = true\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"section\", \"home\"]\n",
    )
    .unwrap();
    std::fs::write(
        site.join("layouts/_default/single.html"),
        "<!DOCTYPE html>\n<html lang=\"{{ .Params.lang }}\"><head><meta charset=\"utf-8\">\
         <title>{{ .Title }}</title></head>\n<body><main>{{ .Content }}</main></body></html>\n",
    )
    .unwrap();
    let texts = corpus.join("content/resolutions");
    let text = |slug: &str, lang: &str| {
        std::fs::read_to_string(texts.join(slug).join(format!("{lang}.md"))).unwrap_or_default()
    };
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Some(page) = relative.strip_suffix(".html") else {
            continue;
        };
        let parts: Vec<&str> = page.split('/').collect();
        let (lang, body) = match parts[..] {
            // The old address of the parallel page: not a page of Hugo's fixed set.
            ["parallel", _] => continue,
            [lang, "compare", pair] => {
                let (older, newer) = pair.split_once("--").unwrap();
                (
                    lang,
                    format!("{}\n\n{}", text(older, lang), relabel(&text(newer, lang))),
                )
            }
            [lang, slug] if slug.starts_with("a-res-") => (lang, text(slug, lang)),
            _ => ("fr", format!("A page of the site: {page}.\n")),
        };
        let target = content.join(format!("{}.md", page.replace("index", "home")));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(
            target,
            format!("---\ntitle: \"{page}\"\nlang: {lang}\n---\n{body}"),
        )
        .unwrap();
    }
    site
}

/// The second text of a page gets footnote labels of its own.
fn relabel(text: &str) -> String {
    text.replace("[^", "[^b")
}

fn hugo_command(site: &Path, public: &Path) -> Command {
    let mut command = Command::new("hugo");
    command
        .arg("--quiet")
        .arg("--source")
        .arg(site)
        .arg("--destination")
        .arg(public);
    command
}

/// The HTML pages under `folder`.
fn pages_in(folder: &Path) -> usize {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

fn machine(with_hugo: bool) -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |kib| kib as f64 / 1024.0 / 1024.0);
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .unwrap_or_default()
        .trim_matches('"')
        .to_string();
    let version = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let mut text = format!(
        "machine: {cpu}, {cores} cores, {ram_gib:.1} GiB RAM, {os}\nrustc: {}",
        version("rustc", "-V")
    );
    if with_hugo {
        text.push_str(&format!("\nhugo: {}", version("hugo", "version")));
    }
    text
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn print_table(rows: &[Row]) {
    println!(
        "| resolutions | pages | full build | pages/s | peak memory | full build, comparisons cached | nothing changed | one note (build) | one note (serve) | Hugo (pages) | Hugo | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
        let ms = |d: Duration| format!("{} ms", d.as_millis());
        let (hugo_pages, hugo_time, ratio) = match row.hugo {
            Some((pages, time, _)) => (
                pages.to_string(),
                secs(time),
                format!("{:.2}", row.full.as_secs_f64() / time.as_secs_f64()),
            ),
            None => ("—".into(), "—".into(), "—".into()),
        };
        println!(
            "| {} | {} | {} | {:.0} | {} MiB | {} | {} | {} | {} | {hugo_pages} | {hugo_time} | {ratio} |",
            row.resolutions,
            row.pages,
            secs(row.full),
            row.pages as f64 / row.full.as_secs_f64(),
            row.peak_mib,
            secs(row.full_cached),
            ms(row.unchanged),
            secs(row.one_note_build),
            ms(row.one_note_serve),
        );
    }
    print_site_table(rows);
    for row in rows {
        if let Some((_, _, peak)) = row.hugo {
            println!(
                "Hugo's peak memory at {} resolutions: {peak} MiB",
                row.resolutions
            );
        }
    }
}

/// The site's weight and what each search loaded (issue 15).
fn print_site_table(rows: &[Row]) {
    println!(
        "\n| resolutions | site on disk | files | largest file | search: query | loaded (file://) | loaded (http) |"
    );
    println!("|---:|---:|---:|---|---|---:|---:|");
    for row in rows {
        let Some(weight) = &row.weight else { continue };
        let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
        let kb = |b: u64| format!("{:.0} KB", b as f64 / 1e3);
        let largest = format!("{} ({})", kb(weight.largest.0), weight.largest.1);
        let mut first = true;
        for (query, file, http) in &row.search {
            let (n, size, files, big) = match first {
                true => (
                    row.resolutions.to_string(),
                    mb(weight.bytes),
                    weight.files.to_string(),
                    largest.clone(),
                ),
                false => Default::default(),
            };
            first = false;
            println!(
                "| {n} | {size} | {files} | {big} | {query} | {} | {} |",
                kb(*file),
                kb(*http)
            );
        }
        if row.search.is_empty() {
            println!(
                "| {} | {} | {} | {largest} | — | — | — |",
                row.resolutions,
                mb(weight.bytes),
                weight.files
            );
        }
    }
}
