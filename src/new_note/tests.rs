use super::*;

fn basic() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

fn request(symbol: &str, paragraph: Option<&str>) -> NewNote {
    NewNote {
        symbol: symbol.into(),
        paragraph: paragraph.map(str::to_string),
        lang: None,
        author: Some("Jane Doe".into()),
        today: jiff::civil::date(2025, 3, 1),
    }
}

#[test]
fn a_new_file_gets_front_matter_and_the_heading() {
    let dir = basic();
    let outcome = new_note(dir.path(), &request("A/RES/11/2", Some("op2-a"))).unwrap();
    let path = dir.path().join("content/resolutions/a-res-11-2/notes.md");
    assert_eq!(
        outcome,
        Outcome::Created {
            path: path.clone(),
            line: 8
        }
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("---\nauthors: [Jane Doe]\ndate: 2025-03-01\n---\n\n## op2-a\n\n<!--"),
        "{text}"
    );
    // What it wrote loads (with a warning that the note is still empty).
    let (found, problems) = parse_notes(&path, &text, None);
    assert_eq!(found.unwrap().notes.len(), 1);
    assert!(!problems.has_errors());
}

#[test]
fn an_existing_file_is_extended_and_an_existing_note_left_alone() {
    let dir = basic();
    let path = dir.path().join("content/resolutions/a-res-10-1/notes.md");
    let written = "---\nauthors: [A]\n---\nMy general note.\n\n## op1\n\nMy note on op1.\n";
    std::fs::write(&path, written).unwrap();
    let outcome = new_note(dir.path(), &request("A/RES/10/1", Some("op1"))).unwrap();
    assert_eq!(
        outcome,
        Outcome::Exists {
            path: path.clone(),
            line: 6
        }
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    let outcome = new_note(dir.path(), &request("A/RES/10/1", Some("pp2"))).unwrap();
    assert_eq!(
        outcome,
        Outcome::Added {
            path: path.clone(),
            line: 12
        }
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(written),
        "nothing written is changed: {text}"
    );
    assert!(
        text.ends_with("My note on op1.\n\n## pp2\n\n<!--") || text.contains("\n## pp2\n\n<!--")
    );
    let outcome = new_note(dir.path(), &request("A/RES/10/1", None)).unwrap();
    assert!(
        matches!(outcome, Outcome::Exists { line: 4, .. }),
        "{outcome:?}"
    );
}

#[test]
fn a_general_note_goes_after_the_front_matter() {
    let dir = basic();
    let path = dir.path().join("content/resolutions/a-res-10-1/notes.md");
    std::fs::write(&path, "---\nauthors: [A]\n---\n\n## op1\n\nText.\n").unwrap();
    let outcome = new_note(dir.path(), &request("A/RES/10/1", None)).unwrap();
    assert_eq!(
        outcome,
        Outcome::Added {
            path: path.clone(),
            line: 5
        }
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("---\nauthors: [A]\n---\n\n<!--"), "{text}");
    assert!(text.ends_with("-->\n\n## op1\n\nText.\n"), "{text}");
}

#[test]
fn unknown_resolutions_and_paragraphs_are_refused_with_the_valid_choices() {
    let dir = basic();
    let err = new_note(dir.path(), &request("A/RES/99/1", None)).unwrap_err();
    assert!(
        err.to_string().contains("A/RES/99/1 is not in the archive"),
        "{err}"
    );
    assert!(err.to_string().contains("A/RES/10/1, A/RES/11/2"), "{err}");
    let err = new_note(dir.path(), &request("A/RES/10/1", Some("op9"))).unwrap_err();
    assert!(
        err.to_string()
            .contains("`op9` is not a paragraph of A/RES/10/1"),
        "{err}"
    );
    assert!(err.to_string().contains("pp1, pp2, op1, op2, fn1"), "{err}");
    let mut english = request("A/RES/10/1", Some("op1"));
    english.lang = Some("en".into());
    let err = new_note(dir.path(), &english).unwrap_err();
    assert!(err.to_string().contains("has no en text"), "{err}");
    assert!(
        !dir.path()
            .join("content/resolutions/a-res-10-1/notes.md")
            .exists()
    );
}
