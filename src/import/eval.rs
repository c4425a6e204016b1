//! How exact the importer is on real texts: the evaluation behind `IMPORT-EVAL.md`.
//!
//! `cargo run --release --example import-eval -- ../shared/corpus-dev` calls [`evaluate`]: each
//! text of the development corpus (`pdf-text/*.txt`, measured against `truth.tsv`, and
//! `markdown/*.md`, counted only) is imported, one command per text and timed, into a new archive
//! (`init`); then the whole archive goes through `recueil check`. Everything is counted from what
//! the archive holds, read back with the archive's own loader (the ids `ppN`, `opN`, `fnN`,
//! `annex-N`, `annex-fnN` it assigns, the metadata it reads), never from the importer's
//! internals, so the figures measure what readers will get. [`Evaluation::markdown`] writes the
//! table. Only [`evaluate`] and the report types are public: they are the example's entry.

mod leftovers;
mod table;
mod truth;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::archive::{ParagraphKind, Resolution, Text};
use crate::config::Config;
pub use truth::Truth;

/// What the archive holds of one text, as its loader reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pp: usize,
    pub op: usize,
    /// Footnotes defined (`fnN`, `annex-fnN`).
    pub fns: usize,
    /// Numbered paragraphs of annexes (`annex-N`, `annex2-N`).
    pub annex: usize,
    /// References to footnotes in the paragraphs.
    pub fn_refs: usize,
}

/// One text of the corpus, imported and read back.
#[derive(Debug, Clone)]
pub struct Row {
    /// The path in the corpus (`pdf-text/A_RES_80_1.txt`).
    pub file: String,
    pub truth: Option<Truth>,
    pub symbol: Option<String>,
    /// `None` when the import refused the text (then `refused` says why).
    pub counts: Option<Counts>,
    pub refused: Option<String>,
    pub furniture: Vec<String>,
    pub glued: Vec<String>,
    /// The header fields meta.yaml holds, those it lacks although the text states them, and
    /// those the text does not state (a PDF of the 80th session records no vote).
    pub filled: Vec<&'static str>,
    pub missing: Vec<&'static str>,
    pub unstated: Vec<&'static str>,
    pub time: Duration,
}

impl Row {
    /// The four counts equal the truth.
    pub fn exact(&self) -> bool {
        match (self.truth, self.counts) {
            (Some(t), Some(c)) => (t.pp, t.op, t.fns, t.annex) == (c.pp, c.op, c.fns, c.annex),
            _ => false,
        }
    }
}

/// The evaluation of a corpus.
#[derive(Debug)]
pub struct Evaluation {
    pub rows: Vec<Row>,
    /// `recueil check` over the archive holding every imported text: errors and warnings.
    pub check_errors: usize,
    pub check_warnings: usize,
    /// The first errors of that check, as printed.
    pub check_report: String,
}

/// The header fields counted (meta.yaml's), in the order shown.
pub const HEADER_FIELDS: [&str; 11] = [
    "symbol",
    "session",
    "agenda item",
    "agenda title",
    "distributed",
    "adopted",
    "meeting",
    "committee",
    "report/draft",
    "title",
    "vote",
];

/// Import every text of `corpus` into a new archive under `work` (which must not exist or be
/// empty), read it back and check it.
pub fn evaluate(corpus: &Path, work: &Path) -> Result<Evaluation, String> {
    let truths = read_truth(corpus)?;
    let files = corpus_files(corpus)?;
    crate::init::init(work).map_err(|p| p.to_string())?;
    let config = Config::load(work).map_err(|p| p.to_string())?;
    let mut rows = Vec::new();
    for file in &files {
        let name = relative(corpus, file);
        let truth = truths.get(&name).copied();
        rows.push(import_one(&config, file, name, truth));
    }
    let (check_errors, check_warnings, check_report) = match crate::build::check(work) {
        Ok(report) => (0, report.warnings.warning_count(), String::new()),
        Err(problems) => {
            let shown: String = problems
                .to_string()
                .lines()
                .take(20)
                .collect::<Vec<_>>()
                .join("\n");
            (problems.error_count(), problems.warning_count(), shown)
        }
    };
    Ok(Evaluation {
        rows,
        check_errors,
        check_warnings,
        check_report,
    })
}

fn read_truth(corpus: &Path) -> Result<BTreeMap<String, Truth>, String> {
    let path = corpus.join("truth.tsv");
    let text = fs_err::read_to_string(&path).map_err(|e| e.to_string())?;
    truth::parse(&text)
}

/// `pdf-text/*.txt` then `markdown/*.md`, each in the order of their resolution numbers.
fn corpus_files(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    let mut all = Vec::new();
    for (dir, ext) in [("pdf-text", "txt"), ("markdown", "md")] {
        let mut files: Vec<PathBuf> = fs_err::read_dir(corpus.join(dir))
            .map_err(|e| e.to_string())?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        files.sort_by_key(|p| natural_key(p));
        all.extend(files);
    }
    Ok(all)
}

/// `A_RES_80_10.txt` after `A_RES_80_9.txt`: the name's numbers compared as numbers.
fn natural_key(path: &Path) -> Vec<(String, u64)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut key = Vec::new();
    let mut word = String::new();
    let mut number = String::new();
    for c in name.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            if !number.is_empty() || !word.is_empty() {
                key.push((std::mem::take(&mut word), number.parse().unwrap_or(0)));
                number.clear();
            }
            word.push(c);
        }
    }
    key
}

fn relative(corpus: &Path, file: &Path) -> String {
    file.strip_prefix(corpus)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Import one text (timed), then read its folder back with the loader.
fn import_one(config: &Config, file: &Path, name: String, truth: Option<Truth>) -> Row {
    let options = super::ImportOptions {
        languages: Some(config.language_codes().map(str::to_string).collect()),
        ..super::ImportOptions::default()
    };
    let started = Instant::now();
    let result = super::import_files(&config.content_dir, &[file.to_path_buf()], &options);
    let time = started.elapsed();
    let mut row = Row {
        file: name,
        truth,
        symbol: None,
        counts: None,
        refused: None,
        furniture: Vec::new(),
        glued: Vec::new(),
        filled: Vec::new(),
        missing: Vec::new(),
        unstated: Vec::new(),
        time,
    };
    let report = match result {
        Ok(report) => report,
        Err(problems) => {
            row.refused = Some(first_error(&problems));
            return row;
        }
    };
    if let Some(refused) = report.refused.first() {
        let reason = first_error(&refused.problems);
        // The archive is a temporary folder: name its files from the archive's root.
        let root = format!("{}/", config.root.display());
        row.refused = Some(reason.replace(&root, ""));
        return row;
    }
    let Some(imported) = report.imported.first() else {
        row.refused = Some("nothing imported".into());
        return row;
    };
    row.symbol = Some(imported.symbol.to_string());
    let (resolution, _) = crate::load::load_resolution(&imported.folder, config);
    if let Some(resolution) = resolution
        && let Some(text) = resolution.text(&imported.lang)
    {
        let raw = fs_err::read_to_string(file).unwrap_or_default();
        read_back(&mut row, &resolution, text, &raw);
    }
    row
}

/// The first reason, at its line of the input (the row names the file).
fn first_error(problems: &crate::diag::Problems) -> String {
    let Some(p) = problems.iter().find(|p| p.is_error()) else {
        return "refused".into();
    };
    match p.line {
        Some(line) => format!("line {line}: {}", p.message),
        None => p.message.clone(),
    }
}

/// The counts, leftovers and header fields of a text the loader read.
fn read_back(row: &mut Row, resolution: &Resolution, text: &Text, raw: &str) {
    row.counts = Some(counts(text));
    let symbol = resolution.symbol.to_string();
    let title = resolution.title(&text.lang);
    let plains = text
        .all_paragraphs()
        .map(|p| p.plain.as_str())
        .chain(text.footnotes.iter().map(|f| f.plain.as_str()));
    for plain in plains {
        row.furniture
            .extend(leftovers::furniture(plain, &symbol, title));
        row.glued.extend(leftovers::glued(plain));
    }
    let fields = header_fields(resolution);
    for (name, filled) in HEADER_FIELDS.iter().zip(fields) {
        if filled {
            row.filled.push(name);
        } else if leftovers::states(raw, name) {
            row.missing.push(name);
        } else {
            row.unstated.push(name);
        }
    }
}

/// Counted from the ids the loader gave: `ppN`, `opN` (top level), `annex-N`/`annex2-N`, and the
/// footnotes (`fnN`, `annex-fnN`).
fn counts(text: &Text) -> Counts {
    let mut c = Counts {
        fns: text.footnotes.len(),
        fn_refs: text.footnotes.iter().map(|f| f.refs.len()).sum(),
        ..Counts::default()
    };
    for p in text.all_paragraphs() {
        let id = p.id.as_str();
        if p.kind == ParagraphKind::Sub {
            continue;
        }
        if is_numbered(id, "pp") {
            c.pp += 1;
        } else if is_numbered(id, "op") {
            c.op += 1;
        } else if is_annex_paragraph(id) {
            c.annex += 1;
        }
    }
    c
}

fn is_numbered(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `annex-3`, `annex2-14` (not `annex-3-a`, not `annex-fn1`).
fn is_annex_paragraph(id: &str) -> bool {
    let Some(rest) = id.strip_prefix("annex") else {
        return false;
    };
    let Some((annex, number)) = rest.split_once('-') else {
        return false;
    };
    annex.chars().all(|c| c.is_ascii_digit())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

fn header_fields(r: &Resolution) -> [bool; 11] {
    let m = &r.meta;
    [
        true,
        m.session.is_some(),
        m.agenda_item.is_some(),
        !m.agenda_title.is_empty(),
        m.distributed.is_some(),
        m.adopted.is_some(),
        m.meeting.is_some(),
        m.committee.is_some(),
        !m.report.is_empty() || m.draft.is_some(),
        !m.title.is_empty(),
        m.vote.is_some(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_and_operative_ids_are_told_apart() {
        assert!(is_numbered("op12", "op") && !is_numbered("op12-a", "op"));
        assert!(!is_numbered("op", "op"));
        assert!(is_annex_paragraph("annex-3") && is_annex_paragraph("annex2-14"));
        assert!(!is_annex_paragraph("annex-3-a") && !is_annex_paragraph("annex-fn1"));
        assert!(!is_annex_paragraph("annex") && !is_annex_paragraph("annexes-1"));
    }

    #[test]
    fn counts_are_read_from_the_ids_the_loader_gives() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(root).unwrap();
        let dir = root.join("content/resolutions/a-res-61-168");
        let (resolution, _) = crate::load::load_resolution(&dir, &config);
        let resolution = resolution.unwrap();
        let text = resolution.text("fr").unwrap();
        let c = counts(text);
        // 61/168 in French: 9 preambular, 11 operative paragraphs, 4 footnotes, each called once.
        assert_eq!((c.pp, c.op, c.fns, c.annex, c.fn_refs), (9, 11, 4, 0, 4));
    }

    #[test]
    fn corpus_files_come_in_number_order() {
        let mut names = vec!["A_RES_80_10.txt", "A_RES_80_9.txt", "A_RES_80_1.txt"];
        names.sort_by_key(|n| natural_key(Path::new(n)));
        assert_eq!(
            names,
            ["A_RES_80_1.txt", "A_RES_80_9.txt", "A_RES_80_10.txt"]
        );
    }
}
