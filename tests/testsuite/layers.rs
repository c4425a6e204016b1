//! The crate's layers point down: a module uses only the stages below its own, or its own.
//!
//! Reads every `src/**/*.rs`, maps each file to its stage through [`STAGES`] (an explicit table,
//! bottom first), finds every path into the crate (`crate::x`, `use crate::{x, y}`, and a
//! `super::` that climbs to the crate's root) and fails with each reference that points up,
//! naming the file, the line and the two stages. Test code is exempt (see [`is_test_file`]): a
//! test may drive its stage through the ones above it (load an archive to check a view).
//! ARCHITECTURE.md draws the same stages.

use std::path::{Path, PathBuf};

/// The stages, bottom first, and the top-level modules (files or folders under `src/`) of each.
/// A module may use its own stage's modules and any stage below.
const STAGES: &[(&str, &[&str])] = &[
    // What every stage may use: problems, the bounded file layer, timings and progress lines.
    ("plumbing", &["diag", "files", "timings", "progress"]),
    // The on-disk formats (meta.yaml, series files, UN symbols): written by the importer, read
    // by the loader, embedded in the model; below all three.
    ("formats", &["formats"]),
    // book.toml, and the lexicon of lead words (templates/lexicon/<lang>.toml): data files of
    // the archive validated into what the stages above read.
    ("config", &["config", "lexicon"]),
    ("archive", &["archive"]),
    ("analysis", &["analysis"]),
    // The writer owns what an output file is; the renderer produces them (render -> write).
    ("write", &["write"]),
    // The open data (JSON, Akoma Ntoso, the paragraph dataset) is made from the model and the
    // analysis beside the pages: the renderer publishes it with a site, `recueil export` alone.
    ("render", &["render", "export"]),
    // The loader reads content/ into the model. It stands above the stages that take the model
    // (analysis, rendering, writing), though it runs before them, so that none of them reads
    // content/ or borrows the loader's rules: they get an `Archive`, and files through `files`.
    ("load", &["load"]),
    // The owner of a loaded site (`site`) drives load, analysis and render for build, check and
    // serve.
    ("build", &["build", "inputs", "site"]),
    // Commands beside the pipeline: each uses it, none is used by it.
    ("tools", &["serve", "import", "new_note", "init", "corpus"]),
    ("cli", &["cli", "main", "lib"]),
];

/// The stage index of a top-level module, if the table names it.
fn stage_of(module: &str) -> Option<usize> {
    STAGES
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// Test-only files: `fuzz.rs` (property tests over every parser) and `tests.rs`/`*_tests.rs`.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    name == "fuzz" || name == "tests" || name.ends_with("_tests")
}

/// The module path of a file under `src/`: `render/views/mod.rs` -> `[render, views]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without its comments and without its `#[cfg(test)]` modules.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut skipping_depth: Option<i64> = None;
    let mut pending_cfg_test = false;
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("").to_string();
        let trimmed = code.trim();
        if let Some(depth) = skipping_depth.as_mut() {
            *depth += brace_balance(&code);
            if *depth <= 0 && code.contains('}') {
                skipping_depth = None;
            }
            continue;
        }
        if trimmed == "#[cfg(test)]" {
            pending_cfg_test = true;
            continue;
        }
        if pending_cfg_test && trimmed.starts_with("mod ") && trimmed.ends_with('{') {
            skipping_depth = Some(brace_balance(&code));
            pending_cfg_test = false;
            continue;
        }
        pending_cfg_test = false;
        lines.push((i + 1, code));
    }
    lines
}

fn brace_balance(code: &str) -> i64 {
    code.chars().fold(0, |n, c| match c {
        '{' => n + 1,
        '}' => n - 1,
        _ => n,
    })
}

/// The top-level modules a line of code reaches from a file at `module`.
fn targets(code: &str, module: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let preceded = at > 0 && {
            let c = bytes[at - 1];
            c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b':'
        };
        if !preceded && rest.starts_with("crate::") {
            found.extend(first_segments(&rest["crate::".len()..]));
            at += "crate::".len();
        } else if !preceded && rest.starts_with("super::") {
            let mut depth = 0;
            let mut tail = rest;
            while let Some(next) = tail.strip_prefix("super::") {
                depth += 1;
                tail = next;
            }
            // `super` from `a/b.rs` (module a::b) is `a`; from a top-level file, the root.
            if depth >= module.len() {
                found.extend(first_segments(tail));
            }
            at += rest.len() - tail.len();
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// `x::…` -> `[x]`; `{x::a, y, self}` -> `[x, y]`.
fn first_segments(path: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = path.strip_prefix('{') else {
        return vec![ident(path)];
    };
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(ident(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(ident(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    items.retain(|m| !m.is_empty() && m != "self");
    items
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// Every reference that points up, as `file:line: stage (module) -> stage (module): code`.
fn upward_references(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let relative = path.strip_prefix(src).expect("under src/");
        if is_test_file(relative) {
            continue;
        }
        let module = module_path(relative);
        let own = &module[0];
        let Some(from) = stage_of(own) else {
            found.push(format!(
                "src/{}: module `{own}` is in no stage: add it to STAGES in tests/testsuite/layers.rs",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for (line, code) in code_lines(&text) {
            for target in targets(&code, &module) {
                let Some(to) = stage_of(&target) else {
                    continue; // an item of lib.rs itself, or a macro's path
                };
                if to > from {
                    found.push(format!(
                        "src/{}:{line}: {} ({own}) -> {} ({target}): {}",
                        relative.display(),
                        STAGES[from].0,
                        STAGES[to].0,
                        code.trim()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn modules_use_only_the_stages_below_theirs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = upward_references(&src);
    assert!(
        found.is_empty(),
        "{} references point up the layers (stages, bottom first: {}):\n{}",
        found.len(),
        STAGES.iter().map(|s| s.0).collect::<Vec<_>>().join(" < "),
        found.join("\n")
    );
}

#[test]
fn the_check_sees_every_form_of_path() {
    let at = |file: &str| module_path(Path::new(file));
    let of = |code: &str, file: &str| targets(code, &at(file));
    assert_eq!(
        of("use crate::render::OutputFile;", "write/mod.rs"),
        ["render"]
    );
    assert_eq!(
        of("use crate::{config::Config, load::{self, x}};", "a.rs"),
        ["config", "load"]
    );
    assert_eq!(of("let x = crate::load::read(p)?;", "config.rs"), ["load"]);
    assert_eq!(of("use super::cli::EXIT_IO;", "serve/mod.rs"), ["cli"]);
    assert_eq!(of("use super::super::cli;", "serve/http.rs"), ["cli"]);
    assert!(of("use super::super::session;", "serve/http/x.rs").is_empty());
    assert!(of("use super::session;", "serve/http.rs").is_empty());
    assert!(of("$crate::diag::x", "a.rs").is_empty());
    let code = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::cli;\n    fn f() { }\n}\n";
    let kept: Vec<usize> = code_lines(code).iter().map(|(n, _)| *n).collect();
    assert_eq!(kept, [1]);
}

#[test]
fn an_upward_use_is_reported_with_its_file_line_and_stages() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("write")).unwrap();
    std::fs::write(
        src.join("write/mod.rs"),
        "//! w\nuse crate::diag::Problem;\nuse crate::render::OutputFile;\n",
    )
    .unwrap();
    std::fs::write(src.join("ghost.rs"), "//! g\n").unwrap();
    let found = upward_references(src);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.contains(
            &"src/write/mod.rs:3: write (write) -> render (render): use crate::render::OutputFile;"
                .to_string()
        ),
        "{found:#?}"
    );
    assert!(found.iter().any(|f| f.contains("`ghost` is in no stage")));
}
