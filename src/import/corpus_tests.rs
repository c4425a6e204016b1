//! The importer against the real texts of `../shared/corpus-dev/` (PDF text extractions with the
//! counts a careful reader finds in `truth.tsv`, and Markdown conversions). The folder sits beside
//! the repository (CI has it); without it these tests say so and pass, as the fixtures under
//! `tests/fixtures/import/` carry each layout on their own.

use std::path::{Path, PathBuf};

use regex::Regex;

use super::{Parsed, parse_bytes};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-dev");
    if dir.join("truth.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("../shared/corpus-dev is not here: the real-text checks are skipped");
        None
    }
}

/// (file, pp, op, fn, annex paragraphs) of `truth.tsv`.
fn truth(dir: &Path) -> Vec<(String, usize, usize, usize, usize)> {
    let text = fs_err::read_to_string(dir.join("truth.tsv")).expect("truth.tsv reads");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |i: usize| f[i].trim().parse::<usize>().expect("a count");
            (f[0].to_string(), n(2), n(3), n(4), n(5))
        })
        .collect()
}

pub(crate) fn counts(p: &Parsed) -> (usize, usize, usize, usize) {
    let annex = p.body.annexes.iter().map(|a| a.numbered()).sum();
    (
        p.body.preamble.len(),
        p.body.operative.len(),
        p.footnotes.len(),
        annex,
    )
}

/// What is left in the paragraphs that should not be: glued markers, furniture.
pub(crate) fn leftovers(p: &Parsed) -> Vec<String> {
    let glued = Regex::new(r"\p{Ll}{2,}\d{1,2}\b|\b(?:19|20)\d\d\d{1,2}\b").unwrap();
    let furniture =
        Regex::new(r"\b\d{2}-\d{5}\b|\*\d{7}\*|^\d+/\d+$|A/RES/\d+/\d+\s*$|^(?:[ivxlc]+\.)$|_{4,}")
            .unwrap();
    let markers = Regex::new(r"\[\^\d+\]").unwrap();
    let gap = Regex::new(r"\p{L}- (\p{L}+)").unwrap();
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let title = p.header.title.as_deref().map(fold).unwrap_or_default();
    let mut out = Vec::new();
    let headings = p
        .body
        .headings
        .iter()
        .chain(p.body.annexes.iter().flat_map(|a| a.headings.iter()));
    for h in headings {
        if title.starts_with(&fold(&h.text)) {
            out.push(format!("running title as a heading: {}", h.text));
        }
    }
    for para in p.body.all_texts() {
        let bare = markers.replace_all(para, "");
        if let Some(m) = glued.find(&bare) {
            out.push(format!("glued `{}` in: {para}", m.as_str()));
        }
        if let Some(m) = furniture.find(&bare) {
            out.push(format!("furniture `{}` in: {para}", m.as_str()));
        }
        if let Some(c) = gap.captures(&bare)
            && !["and", "or", "to", "et", "ou"].contains(&&c[1])
        {
            out.push(format!("gap after a hyphen `{}` in: {para}", &c[0]));
        }
        let folded = fold(para.trim_start_matches('*'));
        if folded.len() >= 20 && title.starts_with(&folded) {
            out.push(format!("running title as a paragraph: {para}"));
        }
    }
    out
}

#[test]
fn pdf_texts_import_with_the_counts_a_reader_finds() {
    let Some(dir) = corpus() else { return };
    let mut wrong = Vec::new();
    for (file, pp, op, fns, annex) in truth(&dir) {
        let path = dir.join(&file);
        let bytes = fs_err::read(&path).expect("reads");
        match parse_bytes(&path, &bytes, None) {
            Ok(p) => {
                let got = counts(&p);
                if got != (pp, op, fns, annex) {
                    wrong.push(format!(
                        "{file}: got {got:?}, truth {:?}",
                        (pp, op, fns, annex)
                    ));
                }
                for l in leftovers(&p) {
                    wrong.push(format!("{file}: {l}"));
                }
                for w in p.warnings.iter() {
                    wrong.push(format!("{file}: warning {w}"));
                }
            }
            Err(e) => wrong.push(format!("{file}: refused: {e}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn markdown_conversions_import_clean() {
    let Some(dir) = corpus() else { return };
    let mut wrong = Vec::new();
    let mut files: Vec<PathBuf> = fs_err::read_dir(dir.join("markdown"))
        .expect("markdown folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert_eq!(files.len(), 15);
    for path in files {
        let bytes = fs_err::read(&path).expect("reads");
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        match parse_bytes(&path, &bytes, None) {
            Ok(p) => {
                for l in leftovers(&p) {
                    wrong.push(format!("{name:?}: {l}"));
                }
                for w in p.warnings.iter() {
                    wrong.push(format!("{name:?}: warning {w}"));
                }
                let (pp, op, fns, _) = counts(&p);
                eprintln!("{name:?}: {pp} pp, {op} op, {fns} fn");
            }
            Err(e) => wrong.push(format!("{name:?}: refused: {e}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
