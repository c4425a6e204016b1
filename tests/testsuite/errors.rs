//! Bad input: every problem named with its file and line, exit code 1, the previous site intact.

use crate::support::{copy_fixture, recueil, stderr};

fn build_in(dir: &std::path::Path) -> std::process::Output {
    recueil(&["--root", dir.to_str().unwrap(), "build"])
}

#[test]
fn a_malformed_book_toml_is_named_with_its_line() {
    let dir = copy_fixture("sites/basic");
    let path = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("default-language", "default-langage");
    std::fs::write(&path, text).unwrap();
    let output = build_in(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("book.toml:3:1: unknown field `default-langage`"),
        "{err}"
    );
}

#[test]
fn a_malformed_meta_yaml_is_named_with_its_line_and_all_problems_are_listed() {
    let dir = copy_fixture("sites/basic");
    let first = dir.path().join("content/resolutions/a-res-10-1/meta.yaml");
    let text = std::fs::read_to_string(&first)
        .unwrap()
        .replace("adopted: 1955-12-01", "adopted: 1955-13-01");
    std::fs::write(&first, text).unwrap();
    let second = dir.path().join("content/resolutions/a-res-11-2/meta.yaml");
    let text = std::fs::read_to_string(&second)
        .unwrap()
        .replace("session: 11", "sesion: 11");
    std::fs::write(&second, text).unwrap();
    let output = build_in(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("a-res-10-1/meta.yaml:5:10: adopted"), "{err}");
    assert!(err.contains("a-res-11-2/meta.yaml:3:"), "{err}");
    assert!(err.contains("unknown field `sesion`"), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
}

#[test]
fn a_text_that_is_not_utf8_is_named() {
    let dir = copy_fixture("sites/basic");
    let path = dir.path().join("content/resolutions/a-res-10-1/fr.md");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n*Rappelant* caf\xe9,\n");
    std::fs::write(&path, bytes).unwrap();
    let output = build_in(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("a-res-10-1/fr.md:13:"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = copy_fixture("sites/basic");
    assert_eq!(build_in(dir.path()).status.code(), Some(0));
    let index = dir.path().join("public/index.html");
    let before = std::fs::read(&index).unwrap();
    std::fs::write(
        dir.path().join("content/series/coop.yaml"),
        "title: [unclosed",
    )
    .unwrap();
    let output = build_in(dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read(&index).unwrap(), before);
    assert!(dir.path().join("public/fr/a-res-11-2.html").is_file());
}

#[test]
fn a_folder_that_is_not_an_archive_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = build_in(dir.path());
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("this folder is not an archive: it has no book.toml"),
        "{err}"
    );
    assert!(err.contains("pass --root DIR"), "{err}");
    let output = recueil(&["--root", "/no/such/folder", "build"]);
    assert_eq!(output.status.code(), Some(2));
    let seed = crate::support::fixture("import/001_f207325484d46f91.txt");
    let output = recueil(&[
        "--root",
        dir.path().to_str().unwrap(),
        "import",
        seed.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "no import outside an archive"
    );
    assert!(!dir.path().join("content").exists());
}

#[test]
fn importing_a_missing_file_is_a_usage_error() {
    let dir = copy_fixture("sites/basic");
    let root = dir.path().to_str().unwrap();
    let seed = crate::support::fixture("import/001_f207325484d46f91.txt");
    let output = recueil(&[
        "--root",
        root,
        "import",
        seed.to_str().unwrap(),
        "/no/such/file.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no such file or folder"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.path().join("content/resolutions/a-res-61-168").exists(),
        "nothing imported"
    );
}

#[test]
fn importing_a_file_that_is_not_a_resolution_is_refused_and_writes_nothing() {
    let dir = copy_fixture("sites/basic");
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    let letter = dir.path().join("letter.txt");
    std::fs::write(
        &letter,
        "Dear colleagues,\n\nPlease find attached the minutes of our meeting.\n\nRegards\n",
    )
    .unwrap();
    let output = recueil(&[
        "--root",
        dir.path().to_str().unwrap(),
        "import",
        letter.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("letter.txt:1: this is not the text of a resolution: expected a title line"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn importing_a_file_that_is_not_utf8_is_refused() {
    let dir = copy_fixture("sites/basic");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(
        &latin1,
        b"61/168. Renforcement de la coop\xe9ration\n\nL'Assembl\xe9e g\xe9n\xe9rale,\n",
    )
    .unwrap();
    let output = recueil(&[
        "--root",
        dir.path().to_str().unwrap(),
        "import",
        latin1.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("latin1.txt") && err.contains("UTF-8"), "{err}");
}

#[test]
fn a_usage_error_exits_with_2() {
    let output = recueil(&["build", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
    let output = recueil(&["import"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "import needs at least one file"
    );
}

#[test]
fn reimporting_over_a_hand_corrected_text_needs_force_and_keeps_a_backup() {
    let dir = copy_fixture("sites/basic");
    let root = dir.path().to_str().unwrap();
    let seed = crate::support::fixture("import/001_f207325484d46f91.txt");
    let seed = seed.to_str().unwrap();
    assert_eq!(
        recueil(&["--root", root, "import", seed]).status.code(),
        Some(0)
    );
    let text = dir.path().join("content/resolutions/a-res-61-168/fr.md");
    let corrected = std::fs::read_to_string(&text)
        .unwrap()
        .replace("Réaffirme", "Réaffirme (corrigé)");
    std::fs::write(&text, &corrected).unwrap();

    let output = recueil(&["--root", root, "import", seed]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        corrected,
        "the correction is intact"
    );

    assert_eq!(
        recueil(&["--root", root, "import", "--force", seed])
            .status
            .code(),
        Some(0)
    );
    assert_ne!(std::fs::read_to_string(&text).unwrap(), corrected);
    assert_eq!(
        std::fs::read_to_string(text.with_file_name("fr.md.bak")).unwrap(),
        corrected,
        "the correction is kept as a backup"
    );
}

#[test]
fn a_template_error_names_the_template_line_and_variable_once() {
    let dir = copy_fixture("sites/basic");
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let bundled =
        std::fs::read_to_string(crate::support::repo_root().join("templates/resolution.html"))
            .unwrap();
    std::fs::write(
        templates.join("resolution.html"),
        bundled.replace("{{ head.title }}", "{{ head.titel }}"),
    )
    .unwrap();
    let output = build_in(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("failed to render fr/"), "{err}");
    assert!(
        err.contains("(and 2 more pages)"),
        "one problem for the three pages it broke: {err}"
    );
    assert!(err.contains("Field `titel` is not defined"), "{err}");
    let line = bundled
        .lines()
        .position(|l| l.contains("{{ head.title }}"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "error: {}:{line}:",
            templates.join("resolution.html").display()
        )),
        "the template's file, line and column: {err}"
    );
    assert!(
        err.contains("{{ head.titel }}") && err.contains("^^^^^"),
        "the line, marked: {err}"
    );
    assert!(err.contains("1 error(s)"), "{err}");
}

/// Replaces `from` by `to` in a file of a copied fixture.
fn edit(dir: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const META_10_1: &str = "content/resolutions/a-res-10-1/meta.yaml";

#[test]
fn yaml_mistakes_get_advice_in_the_words_of_the_file() {
    let cases = [
        (
            "agenda_item: 5 (a)",
            "agenda_itme: 5 (a)",
            ":4:1: unknown field `agenda_itme`",
            "did you mean `agenda_item`?",
        ),
        (
            "adopted: 1955-12-01",
            "adopted: 1 décembre 1955",
            ":5:10: adopted:",
            "write dates as YYYY-MM-DD",
        ),
        (
            "  fr: Coopération d’essai",
            "  fr: Coopération d’essai\n  fr: Doublon",
            ":11:3: title: duplicate entry with key \"fr\"",
            "each key may appear once",
        ),
        (
            "meeting: 40",
            "meeting 40",
            ":7:",
            "not of the form `key: value`",
        ),
    ];
    for (from, to, located, advice) in cases {
        let dir = copy_fixture("sites/basic");
        edit(dir.path(), META_10_1, from, to);
        let output = build_in(dir.path());
        assert_eq!(output.status.code(), Some(1), "{to}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("a-res-10-1/meta.yaml{located}")),
            "{to}: {err}"
        );
        assert!(err.contains(advice), "{to}: {err}");
    }
}

#[test]
fn lineage_mistakes_are_named_at_their_line() {
    let dir = copy_fixture("sites/basic");
    edit(
        dir.path(),
        META_10_1,
        "series: coop",
        "series: coop\npredecessor: A/RES/9/99",
    );
    edit(
        dir.path(),
        "content/resolutions/a-res-11-2/meta.yaml",
        "series: coop",
        "series: cop",
    );
    let err = stderr(&build_in(dir.path()));
    assert!(
        err.contains(
            "a-res-10-1/meta.yaml:3: predecessor A/RES/9/99 is not a member of series `coop`"
        ),
        "{err}"
    );
    assert!(
        err.contains("a-res-11-2/meta.yaml:2: series `cop` does not exist"),
        "{err}"
    );
    assert!(err.contains("known series: coop"), "{err}");
}

#[test]
fn slips_that_would_shift_paragraph_ids_are_warned_about() {
    let dir = copy_fixture("sites/basic");
    let text = "content/resolutions/a-res-10-1/fr.md";
    edit(
        dir.path(),
        text,
        "1954[^1],\n\n*Considérant*",
        "1954[^1],\n*Considérant*",
    );
    edit(dir.path(), text, "2. *Décide*", "3. *Décide*");
    std::fs::write(
        dir.path().join("content/resolutions/a-res-10-1/es.md"),
        "El Asamblea General,\n",
    )
    .unwrap();
    let output = build_in(dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "warnings do not stop the build"
    );
    let err = stderr(&output);
    assert!(
        err.contains("fr.md:4: this line starts with a lead in italics inside the paragraph above"),
        "{err}"
    );
    assert!(
        err.contains("fr.md:8: operative paragraph 3 follows 1"),
        "{err}"
    );
    assert!(
        err.contains("es.md: `es` is not a language of this site"),
        "{err}"
    );
    assert!(err.contains("3 warnings"), "{err}");
}

#[test]
fn a_mistyped_series_or_language_is_refused_at_import() {
    let dir = tempfile::tempdir().unwrap();
    let repo = crate::support::repo_root();
    std::fs::copy(repo.join("book.toml"), dir.path().join("book.toml")).unwrap();
    crate::support::copy_dir(
        &repo.join("content/series"),
        &dir.path().join("content/series"),
    );
    let root = dir.path().to_str().unwrap();
    let english = crate::support::fixture("import/004_0c83b350d768e6c1.txt");
    let english = english.to_str().unwrap();

    let output = recueil(&[
        "--root",
        root,
        "import",
        english,
        "--series",
        "internatonal-cooperation",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("did you mean --series international-cooperation-human-rights?"),
        "{err}"
    );
    assert!(
        !dir.path()
            .join("content/series/internatonal-cooperation.yaml")
            .exists()
    );

    let output = recueil(&["--root", root, "import", english, "--lang", "fr"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--lang fr was given, but the text reads as `en`"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.path().join("content/resolutions").exists(),
        "nothing was written"
    );

    let output = recueil(&["--root", root, "import", english]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let meta = std::fs::read_to_string(
        dir.path()
            .join("content/resolutions/a-res-62-160/meta.yaml"),
    )
    .unwrap();
    assert!(
        meta.contains("series: international-cooperation-human-rights"),
        "joined by its title: {meta}"
    );
}

#[test]
fn out_never_replaces_a_folder_that_is_not_an_earlier_output_without_force() {
    let dir = copy_fixture("sites/basic");
    let root = dir.path().to_str().unwrap();
    let project = tempfile::tempdir().unwrap();
    std::fs::write(project.path().join("thesis.tex"), "years of work").unwrap();
    let out = project.path().to_str().unwrap();
    let output = recueil(&["--root", root, "build", "--out", out]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("not an earlier output of recueil"), "{err}");
    assert!(
        err.contains("help: choose an empty or new --out folder, or pass --force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(project.path().join("thesis.tex")).unwrap(),
        "years of work"
    );
    let file = project.path().join("thesis.tex");
    let output = recueil(&["--root", root, "build", "--out", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "a file is no output folder");
    assert!(file.is_file());

    let output = recueil(&["--root", root, "build", "--out", out, "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(project.path().join("index.html").is_file());
    assert!(
        !project.path().join("thesis.tex").exists(),
        "--force replaced it, as asked"
    );
    let again = recueil(&["--root", root, "build", "--out", out]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "an earlier output is replaced without --force"
    );
}

#[test]
fn run_from_the_archive_folder_problems_name_files_as_typed_there() {
    let dir = copy_fixture("sites/basic");
    edit(
        dir.path(),
        META_10_1,
        "adopted: 1955-12-01",
        "adopted: 1955-13-01",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_recueil"))
        .arg("build")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.starts_with("error: content/resolutions/a-res-10-1/meta.yaml:5:10: adopted:"),
        "{err}"
    );
    assert!(!err.contains("./"), "{err}");
}
