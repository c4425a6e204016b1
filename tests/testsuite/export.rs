//! The open data (`recueil export`, `[export]` in book.toml) of the bundled archive and of the
//! `annexes` fixture: every JSON file valid against the published JSON Schema, every Akoma
//! Ntoso document against the OASIS schema (xmllint), the dataset's lineage of 68/160 as the
//! issue states it, and export → import → export giving the same canonical texts and documents.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::tools::xmllint_errors;
use crate::support::{copy_dir, fixture, recueil, repo_root, stderr};

/// Exports `formats` of the archive at `root` into a new folder.
fn export(root: &Path, formats: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = recueil(&[
        "--root",
        root.to_str().unwrap(),
        "export",
        "--format",
        formats,
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

/// The files of `dir` with extension `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_json_file_validates_against_the_published_schema() {
    for root in [repo_root(), fixture("sites/annexes")] {
        let out = export(&root, "json");
        let schema = read_json(&out.path().join("schema.json"));
        let validator = jsonschema::draft202012::new(&schema).expect("the schema is valid");
        let documents = files(&out.path().join("json"), "json");
        assert!(documents.len() >= 3, "{documents:?}");
        for path in &documents {
            let document = read_json(path);
            let errors: Vec<String> = validator
                .iter_errors(&document)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
        // The validator is not vacuous: a document without its symbol, or with an unknown
        // status, is refused.
        let mut broken = read_json(&documents[0]);
        broken.as_object_mut().unwrap().remove("symbol");
        assert!(!validator.is_valid(&broken));
        let mut broken = read_json(&documents[0]);
        broken["texts"][0]["paragraphs"][0]["kind"] = "clause".into();
        assert!(!validator.is_valid(&broken));
    }
}

#[test]
fn every_akn_document_validates_against_akomantoso30_xsd() {
    for root in [repo_root(), fixture("sites/annexes")] {
        let out = export(&root, "akn");
        let documents = files(&out.path().join("akn"), "xml");
        assert!(documents.len() >= 3, "{documents:?}");
        if let Some(report) = xmllint_errors(&documents) {
            panic!("{report}");
        }
    }
    // And the check is not vacuous: the same document without its body is refused.
    let out = export(&repo_root(), "akn");
    let path = out.path().join("akn/a-res-68-160.fr.xml");
    let xml = std::fs::read_to_string(&path).unwrap();
    let start = xml.find("<mainBody>").unwrap();
    let end = xml.find("</mainBody>").unwrap() + "</mainBody>".len();
    std::fs::write(&path, format!("{}{}", &xml[..start], &xml[end..])).unwrap();
    let report = xmllint_errors(&[path]).expect("a statement without mainBody is invalid");
    assert!(
        report.contains("mainBody") || report.contains("fails to validate"),
        "{report}"
    );
}

#[test]
fn the_akn_document_is_named_and_structured_as_akn4un_says() {
    let out = export(&repo_root(), "akn");
    let xml = std::fs::read_to_string(out.path().join("akn/a-res-68-160.fr.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let value = |element: &str, attr: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == element)
            .filter_map(|n| n.attribute(attr).map(str::to_string))
            .collect()
    };
    let work = "/akn/un/statement/deliberation/unga/2013-12-18/68-160";
    assert_eq!(value("FRBRthis", "value")[0], format!("{work}/!main"));
    assert_eq!(value("FRBRuri", "value")[1], format!("{work}/fra@"));
    assert_eq!(value("FRBRcountry", "value"), ["un"]);
    assert_eq!(value("FRBRlanguage", "language"), ["fra"]);
    let eids = value("recital", "eId");
    assert_eq!(eids.len(), 9, "68/160 has nine preambular paragraphs");
    assert_eq!(value("paragraph", "eId").len(), 14);
    assert!(value("paragraph", "eId").contains(&"para_13".to_string()));
    // Five footnotes, each an authorial note where it is referenced; citations resolved.
    assert_eq!(value("authorialNote", "marker"), ["1", "2", "3", "4", "5"]);
    assert!(
        value("ref", "href").contains(&"https://undocs.org/fr/A/RES/55/2".to_string()),
        "{:?}",
        value("ref", "href")
    );
}

#[test]
fn the_dataset_names_the_paragraphs_68_160_continues_in_61_168() {
    let out = export(&repo_root(), "jsonl");
    let dataset = std::fs::read_to_string(out.path().join("paragraphs.jsonl")).unwrap();
    assert!(
        out.path().join("DATA.md").is_file(),
        "the data card is beside the dataset"
    );
    let mut operative = BTreeMap::new();
    for line in dataset.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        if row["resolution"] == "A/RES/68/160" && row["kind"] == "operative" {
            assert_eq!(
                row["predecessor"], "A/RES/61/168",
                "62/160 fr is incomplete: passed over"
            );
            let id = row["paragraph"].as_str().unwrap().to_string();
            operative.insert(id, (row["continues"].clone(), row["status"].clone()));
        }
    }
    let continues = |id: &str| operative[id].0.as_str().map(str::to_string);
    // As the issue states it: op9 from op8, op11 from op9, op13 from op10, op14 from op11.
    assert_eq!(continues("op9").as_deref(), Some("op8"));
    assert_eq!(continues("op11").as_deref(), Some("op9"));
    assert_eq!(continues("op13").as_deref(), Some("op10"));
    assert_eq!(continues("op14").as_deref(), Some("op11"));
    for new in ["op8", "op10", "op12"] {
        assert_eq!(continues(new), None, "{new}");
        assert_eq!(operative[new].1, "new", "{new}");
    }
    assert_eq!(operative.len(), 14);
    // Every paragraph of every text (sub-paragraphs and annexes included) is a line.
    let json = export(&repo_root(), "json");
    let mut paragraphs = 0;
    for path in files(&json.path().join("json"), "json") {
        for text in read_json(&path)["texts"].as_array().unwrap() {
            let annexes = text["annexes"].as_array().unwrap();
            let lists = std::iter::once(&text["paragraphs"])
                .chain(annexes.iter().map(|a| &a["paragraphs"]));
            paragraphs += lists.map(count).sum::<usize>();
        }
    }
    assert_eq!(dataset.lines().count(), paragraphs);
}

/// Paragraphs in a JSON list of them, their sub-paragraphs counted.
fn count(list: &serde_json::Value) -> usize {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| 1 + count(&p["subparagraphs"]))
        .sum()
}

/// A fresh archive with `root`'s book.toml and series, and nothing imported.
fn fresh_archive(root: &Path) -> tempfile::TempDir {
    let fresh = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("book.toml"), fresh.path().join("book.toml")).unwrap();
    let series = root.join("content/series");
    if series.is_dir() {
        copy_dir(&series, &fresh.path().join("content/series"));
    }
    std::fs::create_dir_all(fresh.path().join("content/resolutions")).unwrap();
    fresh
}

/// Every file under `dir`, by its path below it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn export_then_import_gives_back_the_canonical_texts_and_export_again_the_same_documents() {
    // The bundled archive's texts are in the importer's layout: they come back byte for byte.
    for (root, byte_for_byte) in [(repo_root(), true), (fixture("sites/annexes"), false)] {
        let first = export(&root, "akn");
        let fresh = fresh_archive(&root);
        let akn = first.path().join("akn");
        let output = recueil(&[
            "--root",
            fresh.path().to_str().unwrap(),
            "import",
            akn.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let resolutions = root.join("content/resolutions");
        let mut compared = 0;
        for (path, bytes) in tree(&resolutions) {
            let name = path.file_name().unwrap().to_str().unwrap();
            let canonical = name.len() == 5 && name.ends_with(".md");
            let imported = fresh.path().join("content/resolutions").join(&path);
            if canonical && byte_for_byte {
                let again = std::fs::read(&imported)
                    .unwrap_or_else(|e| panic!("{}: {e}", imported.display()));
                assert!(
                    again == bytes,
                    "{} differs after export and import:\n{}",
                    path.display(),
                    String::from_utf8_lossy(&again)
                );
                compared += 1;
            } else if name == "meta.yaml" {
                // The same metadata (a hand-written meta.yaml may order its keys otherwise).
                let meta = |bytes: &[u8]| -> recueil::formats::meta::Meta {
                    serde_yaml::from_slice(bytes).unwrap()
                };
                let again = std::fs::read(&imported).unwrap();
                assert_eq!(meta(&again), meta(&bytes), "{}", path.display());
            }
        }
        if byte_for_byte {
            assert!(compared >= 3, "{compared} texts compared");
        } else {
            // A hand-written fixture (sub-paragraphs as tight lists) comes back in the
            // importer's layout: the same paragraphs, ids and words.
            let (before, after) = (export(&root, "json"), export(fresh.path(), "json"));
            let documents = files(&before.path().join("json"), "json");
            assert!(documents.len() >= 3);
            for path in documents {
                let again = after.path().join("json").join(path.file_name().unwrap());
                assert_eq!(
                    read_json(&path)["texts"],
                    read_json(&again)["texts"],
                    "{}",
                    path.display()
                );
            }
        }
        let second = export(fresh.path(), "akn");
        assert_eq!(
            tree(first.path()),
            tree(second.path()),
            "export → import → export"
        );
    }
}

#[test]
fn a_site_build_publishes_the_formats_of_book_toml_and_links_them() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    recueil::build::build(&repo_root(), Some(&out), false).expect("the archive builds");
    for file in [
        "data/schema.json",
        "data/paragraphs.jsonl",
        "data/DATA.md",
        "data/json/a-res-61-168.json",
        "data/akn/a-res-62-160.en.xml",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let page = std::fs::read_to_string(out.join("fr/a-res-68-160.html")).unwrap();
    assert!(
        page.contains("Données\u{a0}: <a href=\"../data/json/a-res-68-160.json\""),
        "the French page links the JSON"
    );
    assert!(page.contains("<a href=\"../data/akn/a-res-68-160.fr.xml\""));
    let page = std::fs::read_to_string(out.join("en/a-res-62-160.html")).unwrap();
    assert!(page.contains("Data: <a href=\"../data/json/a-res-62-160.json\""));
    assert!(page.contains("../data/akn/a-res-62-160.en.xml"));
    // A fixture without [export] publishes nothing and links nothing.
    let plain = site.path().join("plain");
    recueil::build::build(&fixture("sites/annexes"), Some(&plain), false).expect("builds");
    assert!(!plain.join("data").exists());
    let any_page = files(&plain.join("fr"), "html");
    assert!(
        any_page
            .iter()
            .all(|p| !std::fs::read_to_string(p).unwrap().contains("data-links"))
    );
}

#[test]
fn an_unknown_format_is_refused_with_the_known_ones() {
    let output = recueil(&[
        "--root",
        repo_root().to_str().unwrap(),
        "export",
        "--format",
        "xml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`xml` is not a data format: use json, akn or jsonl"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_real_texts_of_the_development_corpus_survive_export_and_import_and_validate() {
    let corpus = repo_root().join("../shared/corpus-dev");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is absent", corpus.display());
        return;
    }
    // Imported into an archive of their own (a series for all), exported, imported again.
    let first = fresh_archive(&fixture("sites/annexes"));
    std::fs::remove_dir_all(first.path().join("content/series")).unwrap();
    let root = first.path().to_str().unwrap();
    let output = recueil(&[
        "--root",
        root,
        "import",
        corpus.to_str().unwrap(),
        "--series",
        "corpus",
    ]);
    assert!(
        stderr(&output).contains("text(s) imported"),
        "{}",
        stderr(&output)
    );
    let out = export(first.path(), "akn,json");
    let documents = files(&out.path().join("akn"), "xml");
    assert!(documents.len() >= 20, "{} documents", documents.len());
    if let Some(report) = xmllint_errors(&documents) {
        panic!("{report}");
    }
    let schema = read_json(&out.path().join("schema.json"));
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    for path in files(&out.path().join("json"), "json") {
        assert!(validator.is_valid(&read_json(&path)), "{}", path.display());
    }
    let second = fresh_archive(first.path());
    let akn = out.path().join("akn");
    let output = recueil(&[
        "--root",
        second.path().to_str().unwrap(),
        "import",
        akn.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let resolutions = first.path().join("content/resolutions");
    let mut compared = 0;
    for (path, bytes) in tree(&resolutions) {
        if path.extension().is_some_and(|e| e == "md") {
            let imported = second.path().join("content/resolutions").join(&path);
            let again = std::fs::read(&imported).unwrap();
            assert!(
                again == bytes,
                "{} differs after export and import",
                path.display()
            );
            compared += 1;
        }
    }
    assert_eq!(compared, documents.len(), "every canonical text compared");
}

/// The force of lead verbs is in the data (issue 18): in the `force` fixture, 22/1 strengthens
/// op2 (*Encourage* → *Prie instamment*) and weakens op3 (*Demande* → *Invite*), in the dataset
/// and in the JSON's alignment, each paragraph with its lead verb and rank; and the JSON of the
/// fixture still validates against the schema.
#[test]
fn the_data_carries_each_lead_verb_its_rank_and_its_change_of_force() {
    let out = export(&fixture("sites/force"), "json,jsonl");
    let dataset = std::fs::read_to_string(out.path().join("paragraphs.jsonl")).unwrap();
    let mut changed = Vec::new();
    for line in dataset.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        if row["resolution"] == "A/RES/22/1"
            && row["lang"] == "fr"
            && let Some(force) = row["force"].as_str()
        {
            changed.push(format!(
                "{} {force} {} {}",
                row["paragraph"].as_str().unwrap(),
                row["lead_verb"].as_str().unwrap(),
                row["verb_rank"]
            ));
        }
    }
    assert_eq!(
        changed,
        [
            "op2 strengthened Prie instamment 8",
            "op3 weakened Invite 4"
        ]
    );
    let json = read_json(&out.path().join("json/a-res-22-1.json"));
    let text = json["texts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["lang"] == "fr")
        .unwrap();
    let pairs = text["alignment"]["pairs"].as_array().unwrap();
    let forces: Vec<String> = pairs
        .iter()
        .filter(|p| !p["force"].is_null())
        .map(|p| {
            format!(
                "{} {}",
                p["to"][0].as_str().unwrap(),
                p["force"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(forces, ["op2 strengthened", "op3 weakened"]);
    let op2 = text["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "op2")
        .unwrap();
    assert_eq!(op2["lead_verb"]["category"], "urges");
    assert_eq!(op2["lead_verb"]["rank"], 8);
}
