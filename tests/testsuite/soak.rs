//! Nothing lost: a build killed with `kill -9` at a random moment, twenty times in a row, never
//! leaves `public/` broken or empty: after each kill it is a whole site, all of one build (the
//! previous one, or the new one when the kill came after the swap), and the next build that
//! completes removes what the killed ones left beside it.
//!
//! The archive is the bundled one copied 30 times under new symbols (120 resolutions), so that a
//! build lasts long enough for the kills to land in every stage. Odd runs are killed at a moment
//! drawn over the whole build (mostly loading and rendering); even runs once the build has started
//! to write its staging folder, at a moment drawn over the writing and the swap, which take a
//! small part of a build. `RECUEIL_SOAK_KILLS` (default 20) and `RECUEIL_SOAK_SEED` (default: the
//! clock; printed) repeat or lengthen a run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{recueil, repo_root, stderr};

/// The resolutions the bundled archive holds: (session, number).
const HELD: [(u32, u32); 4] = [(62, 160), (61, 168), (68, 160), (59, 187)];

/// Copies the bundled archive `copies` times, each copy in its own series, its symbols moved to
/// other sessions and numbers (and every mention of them in its texts, notes and metadata).
fn large_archive(copies: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = repo_root().join("content");
    std::fs::copy(repo_root().join("book.toml"), dir.path().join("book.toml")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/series")).unwrap();
    for copy in 0..copies {
        // Sessions stay below 1946 (above, a number reads as a year); numbers keep 4 digits.
        let (shift_session, shift_number) = (100 * (1 + copy % 15), 1000 * (copy / 15));
        let series = format!("copy-{copy}");
        let moved = |text: &str| {
            let mut text = text.to_string();
            for (session, number) in HELD {
                let (s, n) = (session + shift_session, number + shift_number);
                text = text
                    .replace(&format!("{session}/{number}"), &format!("{s}/{n}"))
                    .replace(&format!("session: {session}\n"), &format!("session: {s}\n"));
            }
            text.replace(
                "series: international-cooperation-human-rights",
                &format!("series: {series}"),
            )
        };
        std::fs::copy(
            content.join("series/international-cooperation-human-rights.yaml"),
            dir.path().join(format!("content/series/{series}.yaml")),
        )
        .unwrap();
        for (session, number) in HELD {
            let from = content.join(format!("resolutions/a-res-{session}-{number}"));
            let (s, n) = (session + shift_session, number + shift_number);
            let to = dir
                .path()
                .join(format!("content/resolutions/a-res-{s}-{n}"));
            for entry in walkdir::WalkDir::new(&from) {
                let entry = entry.unwrap();
                let target = to.join(entry.path().strip_prefix(&from).unwrap());
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else {
                    let text = std::fs::read_to_string(entry.path()).unwrap();
                    std::fs::write(&target, moved(&text)).unwrap();
                }
            }
        }
    }
    dir
}

/// Marks every page of the next build with `stamp` (in the site's titles).
fn stamp_titles(root: &Path, stamp: &str) {
    let path = root.join("book.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        match line.strip_prefix("title = \"") {
            Some(rest) => {
                let title = rest.split(" [run ").next().unwrap().trim_end_matches('"');
                out.push_str(&format!("title = \"{title} [run {stamp}]\"\n"));
            }
            None => out.push_str(&format!("{line}\n")),
        }
    }
    std::fs::write(path, out).unwrap();
}

/// Every file of the site, relative to it.
fn files(site: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(site).unwrap().to_path_buf())
        .collect()
}

/// The one run stamp every page carries; panics if the site is not whole or mixes two builds.
fn whole_site_stamp(site: &Path, expected: &BTreeSet<PathBuf>) -> String {
    assert!(
        site.join(".recueil-output").is_file(),
        "public/ has lost its marker"
    );
    let found = files(site);
    let missing: Vec<_> = expected.difference(&found).take(5).collect();
    let extra: Vec<_> = found.difference(expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "public/ is not a whole site: missing {missing:?}, extra {extra:?}"
    );
    let mut stamps = BTreeSet::new();
    for page in found
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(
            html.trim_end().ends_with("</html>"),
            "{} is cut short",
            page.display()
        );
        let stamp = html
            .split("[run ")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap_or_else(|| panic!("{} has no run stamp", page.display()));
        stamps.insert(stamp.to_string());
    }
    assert_eq!(stamps.len(), 1, "pages of different builds: {stamps:?}");
    stamps.pop_first().unwrap()
}

/// A small xorshift generator: the kills' moments, reproducible from the printed seed.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

fn spawn_build(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_recueil"))
        .args(["--root", root.to_str().unwrap(), "build"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits until the build starts writing (a staging folder appears beside `public/`); `false`
/// if the build ended first.
fn wait_for_staging(root: &Path, child: &mut std::process::Child) -> bool {
    let before: BTreeSet<String> = leftovers(root).into_iter().collect();
    loop {
        if leftovers(root).iter().any(|name| !before.contains(name)) {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".recueil-build-"))
        .collect()
}

#[test]
fn a_build_killed_at_random_moments_never_leaves_public_broken_or_empty() {
    let kills: u32 = std::env::var("RECUEIL_SOAK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("RECUEIL_SOAK_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("soak: {kills} kills, RECUEIL_SOAK_SEED={seed}");
    let mut random = Random(seed);
    let archive = large_archive(30);
    let root = archive.path();
    let root_arg = root.to_str().unwrap();
    let site = root.join("public");

    stamp_titles(root, "0");
    let started = Instant::now();
    let first = recueil(&["--root", root_arg, "build"]);
    let full = started.elapsed();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let expected = files(&site);
    assert!(
        expected.len() > 200,
        "a large site: {} files",
        expected.len()
    );
    whole_site_stamp(&site, &expected);
    // How long the writing and the swap take, measured on a build left to finish (of changed
    // inputs: a build of unchanged inputs stops before writing anything).
    stamp_titles(root, "measured");
    let mut child = spawn_build(root);
    let started = Instant::now();
    assert!(
        wait_for_staging(root, &mut child),
        "the build writes a staging folder"
    );
    let writing_from = started.elapsed();
    assert!(child.wait().unwrap().success());
    let mut current = whole_site_stamp(&site, &expected);
    assert_eq!(current, "measured");
    let writing = started
        .elapsed()
        .saturating_sub(writing_from)
        .max(Duration::from_millis(5));
    eprintln!(
        "soak: a whole build takes {full:?} ({} files), its writing and swap {writing:?}",
        expected.len()
    );

    let (mut before_swap, mut after_swap) = (0, 0);
    for run in 1..=kills {
        let stamp = run.to_string();
        stamp_titles(root, &stamp);
        let mut child = spawn_build(root);
        let (stage, delay) = if run % 2 == 1 {
            // From the start of the process to a little after a whole build's time.
            let bound = full.as_micros() as u64 * 11 / 10;
            ("from its start", Duration::from_micros(random.below(bound)))
        } else {
            wait_for_staging(root, &mut child);
            let bound = writing.as_micros() as u64 * 15 / 10;
            ("once writing", Duration::from_micros(random.below(bound)))
        };
        std::thread::sleep(delay);
        // SIGKILL: nothing of the build runs after it.
        let _ = child.kill();
        let status = child.wait().unwrap();
        let seen = whole_site_stamp(&site, &expected);
        assert!(
            seen == current || seen == stamp,
            "run {run}: public/ holds run {seen}, neither the previous ({current}) nor this one"
        );
        if seen == stamp {
            after_swap += 1;
        } else {
            before_swap += 1;
        }
        eprintln!(
            "soak: run {run}: killed {delay:?} {stage} ({status}); public/ is run {seen}, whole; {} leftover(s) beside it",
            leftovers(root).len()
        );
        current = seen;
    }
    eprintln!(
        "soak: {kills} kills: {before_swap} before the swap (previous site kept), {after_swap} after it (new site whole)"
    );

    let last = recueil(&["--root", root_arg, "build"]);
    assert_eq!(last.status.code(), Some(0), "{}", stderr(&last));
    assert_eq!(whole_site_stamp(&site, &expected), kills.to_string());
    assert_eq!(
        leftovers(root),
        Vec::<String>::new(),
        "the next build removes what the killed ones left"
    );
}
