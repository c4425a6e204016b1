//! Hostile and broken inputs through the binary, as a contributor or an attacker would hand them
//! in: each case changes a copy of `sites/notes` and runs `recueil build`. Every case must end in
//! time with the expected exit code and words; every problem printed must carry its advice
//! (`help:`); nothing may appear outside the output folder. The table of what the user saw is
//! printed (`cargo test --test testsuite hostile -- --nocapture`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{copy_fixture, recueil, stderr};

const TEXT: &str = "content/resolutions/a-res-10-1/fr.md";
const META: &str = "content/resolutions/a-res-10-1/meta.yaml";
const NOTES: &str = "content/resolutions/a-res-10-1/notes.md";

/// A case: what it is, how it changes the archive, the exit code, words the output must hold.
struct Case {
    input: &'static str,
    change: Box<dyn Fn(&Path)>,
    code: i32,
    expect: Vec<&'static str>,
}

fn case(
    input: &'static str,
    change: impl Fn(&Path) + 'static,
    code: i32,
    expect: &[&'static str],
) -> Case {
    Case {
        input,
        change: Box::new(change),
        code,
        expect: expect.to_vec(),
    }
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Replaces `from` (which must be there) by `to` in a file of the archive.
fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(root, rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    write(root, rel, text.replacen(from, to, 1));
}

/// Every file under `root` with its size, the output folder and the analysis cache left out.
fn tree(root: &Path) -> BTreeMap<PathBuf, u64> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(root.join("public")))
        // The build's own cache (`analysis::cache`'s comparisons, `inputs`' hashes), the only
        // files it keeps beside its output; anything else written would show here.
        .filter(|e| {
            !["comparisons", "inputs"]
                .iter()
                .any(|name| e.path() == root.join(".recueil-cache").join(name))
        })
        .map(|e| {
            let size = e.metadata().unwrap().len();
            (e.path().strip_prefix(root).unwrap().to_path_buf(), size)
        })
        .collect()
}

fn deep_list(indent: &str, levels: usize) -> String {
    (0..levels)
        .map(|depth| format!("{indent}{}- x\n", "  ".repeat(depth)))
        .collect()
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "meta.yaml: a wrong type (`session: sixty`)",
            |r| replace(r, META, "session: 10", "session: sixty"),
            1,
            &[
                "meta.yaml:3:10: session: invalid type: string \"sixty\", expected u32",
                "write a whole number",
            ],
        ),
        case(
            "meta.yaml: a list where a number goes (`session: [10]`)",
            |r| replace(r, META, "session: 10", "session: [10]"),
            1,
            &["meta.yaml:3:10: session: invalid type: sequence, expected u32"],
        ),
        case(
            "meta.yaml: an unknown key (`sesion:`)",
            |r| replace(r, META, "session: 10", "sesion: 10"),
            1,
            &[
                "meta.yaml:3:1: unknown field `sesion`",
                "did you mean `session`?",
            ],
        ),
        case(
            "meta.yaml: a tab in the indentation",
            |r| replace(r, META, "  fr: ", "\tfr: "),
            1,
            &[
                "meta.yaml:10:1: found character that cannot start any token",
                "replace the tab on this line with spaces",
            ],
        ),
        case(
            "meta.yaml: a key given twice",
            |r| replace(r, META, "meeting: 40", "meeting: 40\nmeeting: 41"),
            1,
            &[
                "meta.yaml:7:1: duplicate entry with key \"meeting\"",
                "each key may appear once",
            ],
        ),
        case(
            "meta.yaml: an impossible date (`1955-02-30`)",
            |r| replace(r, META, "adopted: 1955-12-01", "adopted: 1955-02-30"),
            1,
            &[
                "meta.yaml:5:10: adopted: parsed date is not valid",
                "write dates as YYYY-MM-DD",
            ],
        ),
        case(
            "meta.yaml: a date in words",
            |r| replace(r, META, "adopted: 1955-12-01", "adopted: 1er décembre 1955"),
            1,
            &["meta.yaml:5:10: adopted:", "write dates as YYYY-MM-DD"],
        ),
        case(
            "symbol with `..` (`A/RES/../../../../escape`)",
            |r| {
                replace(
                    r,
                    META,
                    "symbol: A/RES/10/1",
                    "symbol: A/RES/../../../../escape",
                )
            },
            1,
            &[
                "meta.yaml:1:1: `A/RES/../../../../escape` contains `..`",
                "e.g. `A/RES/62/160`",
            ],
        ),
        case(
            "symbol starting with `/` (`/etc/passwd`)",
            |r| replace(r, META, "symbol: A/RES/10/1", "symbol: /etc/passwd"),
            1,
            &["meta.yaml:1:1: `/etc/passwd` has an empty part"],
        ),
        case(
            "symbol with `\\` (`A\\RES\\10\\1`)",
            |r| replace(r, META, "symbol: A/RES/10/1", "symbol: 'A\\RES\\10\\1'"),
            1,
            &["contains '\\\\', which no UN symbol uses"],
        ),
        case(
            "symbol with NUL",
            |r| replace(r, META, "symbol: A/RES/10/1", "symbol: \"A/RES/10/1\\0\""),
            1,
            &["`A/RES/10/1\\0` contains '\\0', which no UN symbol uses"],
        ),
        case(
            "symbol with a drive letter (`C:/RES/10/1`)",
            |r| replace(r, META, "symbol: A/RES/10/1", "symbol: 'C:/RES/10/1'"),
            1,
            &["contains ':', which no UN symbol uses"],
        ),
        case(
            "a series file named `../x` in spirit (`Bad..Name.yaml`)",
            |r| write(r, "content/series/Bad..Name.yaml", "title: {fr: x}\n"),
            1,
            &[
                "Bad..Name.yaml: `Bad..Name` is not a usable series id",
                "lower-case letters, digits and hyphens",
            ],
        ),
        case(
            "a text that is empty",
            |r| write(r, TEXT, ""),
            1,
            &["fr.md: this text has no paragraph"],
        ),
        case(
            "a text that is not UTF-8 (Latin-1)",
            |r| {
                let mut bytes = read(r, TEXT).into_bytes();
                bytes.extend_from_slice(b"\n*Rappelant* caf\xe9,\n");
                write(r, TEXT, bytes);
            },
            1,
            &[
                "fr.md:13:",
                "this file is not valid UTF-8 text",
                "save it as UTF-8",
            ],
        ),
        case(
            "a text and meta.yaml with a byte-order mark",
            |r| {
                for rel in [TEXT, META] {
                    let text = read(r, rel);
                    write(r, rel, format!("\u{feff}{text}"));
                }
            },
            0,
            &["built "],
        ),
        case(
            "a text, meta.yaml and notes with CRLF line ends",
            |r| {
                for rel in [TEXT, META, NOTES] {
                    let text = read(r, rel);
                    write(r, rel, text.replace('\n', "\r\n"));
                }
            },
            0,
            &["built "],
        ),
        case(
            "a CRLF text with a mistake: the line is still right",
            |r| {
                replace(r, TEXT, "2. *Décide*", "1. *Décide*");
                let text = read(r, TEXT);
                write(r, TEXT, text.replace('\n', "\r\n"));
            },
            1,
            &["fr.md:9: paragraph id `op1` is used twice"],
        ),
        case(
            "a text of 50 MB",
            |r| {
                let paragraph = "*Rappelant* sa résolution 9/5 du 10 décembre 1954,\n\n";
                write(r, TEXT, paragraph.repeat(50_000_000 / paragraph.len() + 1));
            },
            1,
            &[
                "fr.md: this file is 500",
                "recueil reads files of at most 2 MB",
                "check that this is the file you meant",
            ],
        ),
        case(
            "a text of 1.9 MB: one paragraph citing 9/5 a hundred thousand times",
            |r| {
                let words = "sa résolution 9/5, ".repeat(95_000);
                write(
                    r,
                    TEXT,
                    format!(
                        "L’Assemblée générale,\n\n*Rappelant* {words}\n\n1. *Réaffirme* x ;\n\n2. *Décide* y[^1].\n\n[^1]: z.\n"
                    ),
                );
            },
            0,
            &["built "],
        ),
        case(
            "a text with 10,000 nested list levels in an operative paragraph (`1. - - - … x`)",
            |r| {
                let deep = format!("3. {}x\n", "- ".repeat(10_000));
                replace(r, TEXT, "\n[^1]:", &format!("\n{deep}\n[^1]:"));
            },
            1,
            &["fr.md:11: a bullet list inside a sub-paragraph of op3 has no paragraph id"],
        ),
        case(
            "a text with 10,000 nested list levels at its top (`- - - … x`)",
            |r| {
                let text = read(r, TEXT);
                write(r, TEXT, format!("{text}\n{}x\n", "- ".repeat(10_000)));
            },
            1,
            &[
                "fr.md:13: a bullet list outside an operative paragraph has no place in a canonical text",
            ],
        ),
        case(
            "a text with 10,000 nested list levels by indentation (100 MB)",
            |r| {
                let text = read(r, TEXT);
                write(r, TEXT, format!("{text}\n{}", deep_list("", 10_000)));
            },
            1,
            &["fr.md: this file is 100", "at most 2 MB"],
        ),
        case(
            "notes with 10,000 nested list levels (`- - - … x`)",
            |r| {
                let notes = read(r, NOTES);
                write(r, NOTES, format!("{notes}\n{}x\n", "- ".repeat(10_000)));
            },
            1,
            &["notes.md:", "nested more than 32 levels deep"],
        ),
        case(
            "notes with a million nested quotes (1 MB)",
            |r| {
                let notes = read(r, NOTES);
                write(r, NOTES, format!("{notes}\n{} x\n", ">".repeat(1_000_000)));
            },
            1,
            &["nested more than 32 levels deep"],
        ),
        case(
            "a text with a paragraph id used twice (two `1.`)",
            |r| replace(r, TEXT, "2. *Décide*", "1. *Décide*"),
            1,
            &[
                "fr.md:9: paragraph id `op1` is used twice",
                "number operative paragraphs once",
            ],
        ),
        case(
            "a text with raw HTML",
            |r| {
                replace(
                    r,
                    TEXT,
                    "*Considérant* que",
                    "*Considérant* <script>alert(1)</script> que",
                )
            },
            1,
            &["fr.md:5: raw HTML has no place in a canonical text"],
        ),
        case(
            "notes with raw HTML (script, onerror, javascript:, style)",
            |r| {
                let notes = read(r, NOTES);
                write(
                    r,
                    NOTES,
                    format!(
                        "{notes}\n<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">x</a><p style=\"color:red\">y</p>\n"
                    ),
                );
            },
            0,
            &["built "],
        ),
        case(
            "two resolutions claiming the same slug (A/RES/10/1 and a/res/10/1)",
            |r| {
                let dir = r.join("content/resolutions/a-res-10-1");
                let twin = r.join("content/resolutions/a-res-10-1-bis");
                std::fs::create_dir_all(&twin).unwrap();
                std::fs::copy(dir.join("fr.md"), twin.join("fr.md")).unwrap();
                let meta = read(r, META).replace("symbol: A/RES/10/1", "symbol: a/res/10/1");
                write(r, "content/resolutions/a-res-10-1-bis/meta.yaml", meta);
            },
            1,
            &[
                "a-res-10-1-bis/meta.yaml:1: a/res/10/1 and A/RES/10/1 (in ",
                "differ only in case: both would be the page `a-res-10-1`",
                "keep one folder",
            ],
        ),
        case(
            "a predecessor cycle",
            |r| {
                replace(
                    r,
                    META,
                    "series: coop",
                    "series: coop\npredecessor: A/RES/11/2",
                );
                replace(
                    r,
                    "content/resolutions/a-res-11-2/meta.yaml",
                    "series: coop",
                    "series: coop\npredecessor: A/RES/10/1",
                );
            },
            1,
            &["go round in a circle: A/RES/10/1 → A/RES/11/2 → A/RES/10/1"],
        ),
        case(
            "book.toml: a wrong type (`languages = \"fr\"`)",
            |r| {
                replace(
                    r,
                    "book.toml",
                    "languages = [\"fr\", \"en\"]",
                    "languages = \"fr\"",
                )
            },
            1,
            &["book.toml:2:13: invalid type: string \"fr\", expected a sequence"],
        ),
        case(
            "a template override with a syntax error",
            |r| {
                write(
                    r,
                    "templates/series.html",
                    "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ series.title }</h1>\n{% endblock main %}\n",
                )
            },
            1,
            &[
                "templates/series.html:3:21: Found `}` but expected }}.",
                "^",
                "fix the template syntax",
            ],
        ),
    ]
}

/// Each problem printed (a block from `error:` or `warning:` to the next) has its advice.
fn assert_every_problem_has_help(input: &str, err: &str) {
    let mut block = String::new();
    let mut blocks = Vec::new();
    for line in err.lines() {
        if line.starts_with("error: ") || line.starts_with("warning: ") {
            blocks.push(std::mem::take(&mut block));
        }
        if !line.starts_with("build failed") && !line.starts_with("built ") {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks.push(block);
    for block in blocks
        .iter()
        .filter(|b| b.starts_with("error: ") || b.starts_with("warning: "))
    {
        assert!(
            block.contains("\n  help: "),
            "{input}: a problem without advice:\n{block}"
        );
    }
}

#[test]
fn every_hostile_input_is_answered_clearly_in_time_and_writes_nothing_outside() {
    let mut table = vec![
        "| input | exit | what the user saw (first error) | advice (`help:`) | time |".to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    for case in cases() {
        let dir = copy_fixture("sites/notes");
        let root = dir.path();
        (case.change)(root);
        let before = tree(root);
        let started = Instant::now();
        let output = recueil(&["--root", root.to_str().unwrap(), "build"]);
        let took = started.elapsed();
        let err = stderr(&output);
        assert!(
            took < Duration::from_secs(60),
            "{}: took {took:?}",
            case.input
        );
        assert_eq!(
            output.status.code(),
            Some(case.code),
            "{}:\n{err}",
            case.input
        );
        for expected in &case.expect {
            assert!(
                err.contains(expected),
                "{}: expected {expected:?} in\n{err}",
                case.input
            );
        }
        assert!(!err.contains("panicked"), "{}: {err}", case.input);
        assert_every_problem_has_help(case.input, &err);
        assert_eq!(
            tree(root),
            before,
            "{}: something was written outside public/",
            case.input
        );
        assert_eq!(
            root.join("public").exists(),
            case.code == 0,
            "{}: public/ is written only by a build that succeeds",
            case.input
        );
        // The first error of a failed build (or the first line of a good one), and its advice.
        let lines: Vec<&str> = err.lines().collect();
        let at = lines
            .iter()
            .position(|l| case.code == 0 || l.starts_with("error: "))
            .unwrap_or(0);
        let help = lines[at + 1..]
            .iter()
            .take_while(|l| !l.starts_with("error: ") && !l.starts_with("warning: "))
            .find_map(|l| l.trim_start().strip_prefix("help: "))
            .unwrap_or("");
        let cell = |text: &str| {
            text.replace(&format!("{}/", root.display()), "")
                .replace('|', "\\|")
        };
        table.push(format!(
            "| {} | {} | `` {} `` | {} | {} ms |",
            case.input,
            case.code,
            cell(lines.get(at).copied().unwrap_or_default()),
            cell(help),
            took.as_millis()
        ));
    }
    eprintln!("{}", table.join("\n"));
}

#[test]
fn notes_with_raw_html_are_served_without_anything_that_runs() {
    let dir = copy_fixture("sites/notes");
    let root = dir.path();
    let notes = read(root, NOTES);
    write(
        root,
        NOTES,
        format!(
            "{notes}\n<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">lien</a><p style=\"color:red\">gardé</p><iframe src=\"https://example.org\"></iframe>\n"
        ),
    );
    let output = recueil(&["--root", root.to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = read(root, "public/fr/a-res-10-1.html");
    let note = &page[page
        .find("gardé")
        .expect("the note's text is kept")
        .saturating_sub(2000)..];
    for banned in ["alert(", "onerror", "javascript:", "style=", "<iframe"] {
        assert!(!note.contains(banned), "{banned} in {note}");
    }
}

#[test]
fn hostile_names_on_the_command_line_write_nothing() {
    let dir = copy_fixture("sites/notes");
    let root = dir.path();
    let seed = crate::support::fixture("import/000_b910416a0ea72ba1.txt");
    let evil = root.join("evil.txt");
    let text = std::fs::read_to_string(&seed)
        .unwrap()
        .replacen("A/RES/62/160", "A/RES/../../../evil", 1)
        .replacen("62/160. Renforcement", "../../evil. Renforcement", 1);
    std::fs::write(&evil, text).unwrap();
    let before = tree(root);
    let root_arg = root.to_str().unwrap();
    let seed_arg = seed.to_str().unwrap();
    let runs: [(&[&str], &str); 6] = [
        (
            &["import", seed_arg, "--series", "../../evil"],
            "`../../evil` is not a usable series id",
        ),
        (
            &["import", seed_arg, "--series", "a/b"],
            "`a/b` is not a usable series id",
        ),
        (&["import", evil.to_str().unwrap()], "no symbol found"),
        (&["new-note", "A/RES/../../evil", "op1"], "contains `..`"),
        (
            &["new-note", "A/RES/10/1", "op1", "--lang", "../../evil"],
            "`../../evil` is not a language of this site",
        ),
        (
            &["new-note", "A/RES/10/1", "../op1"],
            "`../op1` is not a paragraph id",
        ),
    ];
    for (args, expected) in runs {
        let mut all = vec!["--root", root_arg];
        all.extend_from_slice(args);
        let output = recueil(&all);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_every_problem_has_help(&format!("{args:?}"), &err);
        assert_eq!(tree(root), before, "{args:?} wrote something");
    }
    assert!(!root.parent().unwrap().join("evil.yaml").exists());
}
