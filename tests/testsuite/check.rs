//! `recueil check`: the whole archive validated without writing anything; every broken fixture
//! under `tests/fixtures/sites/broken/` named at its file and line, with exit code 1.

use crate::support::{copy_fixture, fixture, recueil, repo_root, stderr};

fn check(dir: &std::path::Path) -> std::process::Output {
    recueil(&["--root", dir.to_str().unwrap(), "check"])
}

#[test]
fn the_bundled_archive_checks_clean_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    std::fs::copy(repo_root().join("book.toml"), dir.path().join("book.toml")).unwrap();
    let output = check(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("checked 4 resolutions (5 texts,"), "{err}");
    assert!(err.contains("no errors"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(entries.len(), 2, "check wrote something: {entries:?}");
}

#[test]
fn each_broken_fixture_is_named_at_its_file_and_line() {
    let cases = [
        (
            "lineage-cycle",
            "a-res-10-1/meta.yaml:3: the predecessors of series `s` go round in a circle: A/RES/10/1 → A/RES/11/2 → A/RES/10/1",
        ),
        (
            "self-predecessor",
            "a-res-11-2/meta.yaml:3: A/RES/11/2 cannot be its own predecessor",
        ),
        (
            "duplicate-symbol",
            "a-res-10-1-copie/meta.yaml:1: A/RES/10/1 is also the symbol of",
        ),
        (
            "bad-yaml",
            "a-res-11-2/meta.yaml:5:1: did not find expected ',' or ']'",
        ),
        (
            "predecessor-other-series",
            "a-res-11-2/meta.yaml:3: predecessor A/RES/10/1 belongs to series `t`, not to `s`",
        ),
        (
            "shared-predecessor",
            "a-res-12-3/meta.yaml:3: A/RES/11/2 and A/RES/12/3 both follow A/RES/10/1",
        ),
        (
            "template-syntax",
            "template-syntax/templates/series.html:3:21: Found `}` but expected }}.",
        ),
        (
            "template-variable",
            "template-variable/templates/index.html:4:7: failed to render index.html: Variable `home` is not defined",
        ),
    ];
    for (case, expected) in cases {
        let output = check(&fixture(&format!("sites/broken/{case}")));
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{case}: {err}");
        assert!(
            err.contains(expected),
            "{case}: expected {expected:?} in\n{err}"
        );
        assert!(err.contains("check failed: 1 error(s)"), "{case}: {err}");
        assert!(!err.contains("warning"), "{case}: {err}");
    }
}

#[test]
fn build_refuses_what_check_refuses() {
    let dir = copy_fixture("sites/broken/lineage-cycle");
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("go round in a circle"));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_stated_predecessor_the_text_contradicts_is_a_warning_and_strict_fails_on_it() {
    let dir = copy_fixture("sites/basic");
    state_a_predecessor_the_text_contradicts(dir.path());
    let output = check(dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("a-res-11-2/meta.yaml:3: predecessor is stated as A/RES/9/5, but the text recalls A/RES/10/1 (pp1)"),
        "{err}"
    );
    let strict = recueil(&["--root", dir.path().to_str().unwrap(), "check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}

#[test]
fn a_recalled_resolution_missing_from_the_series_file_joins_it_as_a_member_not_held() {
    let dir = copy_fixture("sites/basic");
    let series = dir.path().join("content/series/coop.yaml");
    let text = std::fs::read_to_string(&series).unwrap();
    let without = text.replace(
        "  - symbol: A/RES/9/5\n    adopted: 1954-12-10\n    source: recalled by A/RES/10/1\n",
        "",
    );
    assert_ne!(without, text, "the fixture lists A/RES/9/5");
    std::fs::write(&series, without).unwrap();
    let output = recueil(&["--root", dir.path().to_str().unwrap(), "build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "A/RES/10/1 recalls its resolution A/RES/9/5 (pp1), which this series does not list"
        ),
        "{err}"
    );
    let page = std::fs::read_to_string(dir.path().join("public/fr/series/coop.html")).unwrap();
    assert!(page.contains("data-symbol=\"A/RES/9/5\""), "{page}");
    let resolution = std::fs::read_to_string(dir.path().join("public/fr/a-res-10-1.html")).unwrap();
    let lineage = &resolution[resolution.find("class=\"lineage\"").unwrap()..];
    assert!(
        lineage.contains("https://undocs.org/fr/A/RES/9/5"),
        "{lineage}"
    );
}

/// Runs `recueil check --format github` in `dir` on the archive `root` (relative to `dir`).
fn check_github(dir: &std::path::Path, root: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_recueil"))
        .args(["--root", root, "check", "--format", "github"])
        .current_dir(dir)
        .output()
        .expect("the recueil binary runs")
}

#[test]
fn check_format_github_prints_each_error_as_a_workflow_command_relative_to_the_repository() {
    let cases = [
        (
            "lineage-cycle",
            "::error file=tests/fixtures/sites/broken/lineage-cycle/content/resolutions/a-res-10-1/meta.yaml,line=3::the predecessors of series `s` go round in a circle: A/RES/10/1 → A/RES/11/2 → A/RES/10/1%0Ahelp: a predecessor is an earlier member: correct `predecessor:` in one of them\n",
        ),
        (
            "bad-yaml",
            "::error file=tests/fixtures/sites/broken/bad-yaml/content/resolutions/a-res-11-2/meta.yaml,line=5,col=1::did not find expected ',' or ']'%0Ahelp: check the key and value on that line against CONTRIBUTING.md\n",
        ),
    ];
    for (case, expected) in cases {
        // From a subfolder of the repository: paths are still written from its root.
        let output = check_github(
            &repo_root().join("tests"),
            &format!("fixtures/sites/broken/{case}"),
        );
        let out = String::from_utf8_lossy(&output.stdout);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{case}: {err}");
        assert_eq!(out, expected, "{case}");
        assert_eq!(err, "check failed: 1 error(s)\n", "{case}");
    }
}

#[test]
fn check_format_github_prints_warnings_and_passes_outside_a_repository() {
    let dir = copy_fixture("sites/basic");
    state_a_predecessor_the_text_contradicts(dir.path());
    let output = check_github(dir.path(), ".");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The stated predecessor contradicts the text, and A/RES/9/5 now has two successors.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let at = "::warning file=content/resolutions/a-res-11-2/meta.yaml,line=3::";
    assert!(
        lines[0].starts_with(&format!(
            "{at}predecessor is stated as A/RES/9/5, but the text recalls A/RES/10/1 (pp1)"
        )),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{at}A/RES/10/1 and A/RES/11/2 both follow A/RES/9/5"
        )),
        "{out}"
    );
}

/// States in 11/2's meta.yaml a predecessor (9/5) that its text does not recall: a warning.
fn state_a_predecessor_the_text_contradicts(root: &std::path::Path) {
    let meta = root.join("content/resolutions/a-res-11-2/meta.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace("series: coop", "series: coop\npredecessor: A/RES/9/5"),
    )
    .unwrap();
}
