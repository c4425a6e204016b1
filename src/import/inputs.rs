//! The inputs of one `recueil import`: the files named and the texts found in the folders named,
//! each read, parsed and checked on its own (in parallel), then kept or refused.
//!
//! A folder gives every `.txt` and `.md` file under it, recursively, in the order of their paths
//! (so that two runs import in the same order and refuse the same duplicate). An input is refused,
//! with its reasons, when it cannot be read or parsed, when the canonical text it gives would be
//! refused by the archive's loader (`guard`), or when an earlier input gives the same symbol and
//! language; the other inputs go on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Parsed;
use super::guard;
use super::write::{ImportOptions, Refused};
use crate::diag::{Problem, Problems, shown};
use crate::progress::Progress;

/// One input file, read, parsed and checked.
pub(crate) struct Input {
    pub(crate) file: PathBuf,
    pub(crate) bytes: Vec<u8>,
    pub(crate) parsed: Parsed,
    /// Where its canonical text goes (`content/resolutions/<slug>/<lang>.md`).
    pub(crate) target: PathBuf,
}

/// The files to import from the paths given: a file as it is, a folder as every `.txt`/`.md`/`.xml`
/// file under it in path order, leaving out the folder `skip` (the archive's `content/`, whose
/// texts and notes are no raw texts) when a folder holds it. A path that does not exist, or a
/// folder that cannot be read, is a problem (the command's, not the content's).
pub fn expand_inputs(paths: &[PathBuf], skip: Option<&Path>) -> Result<Vec<PathBuf>, Problems> {
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut files = Vec::new();
    let mut problems = Problems::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
        } else if path.is_dir() {
            texts_in(path, skip.as_deref(), &mut files, &mut problems);
        } else {
            problems.push(Problem::error(path, "no such file or folder").hint(
                "give raw text files (.txt extracted from the official PDF, or .md) or folders holding them",
            ));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

fn texts_in(dir: &Path, skip: Option<&Path>, files: &mut Vec<PathBuf>, problems: &mut Problems) {
    let before = files.len();
    let skipped = |e: &walkdir::DirEntry| {
        e.file_type().is_dir()
            && skip.is_some_and(|s| e.path().canonicalize().is_ok_and(|p| p == s))
    };
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walk.filter_entry(|e| !skipped(e)) {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_text_name(entry.path()) => {
                files.push(entry.into_path());
            }
            Ok(_) => {}
            Err(err) => problems.push(
                Problem::error(err.path().unwrap_or(dir), err.to_string())
                    .hint("check that you may read this folder"),
            ),
        }
    }
    files[before..].sort();
    if files.len() == before {
        problems.push(
            Problem::error(dir, "this folder holds no .txt, .md or .xml file to import")
                .hint("give the folder of the raw texts (the archive's own content/ is left out)"),
        );
    }
}

fn is_text_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !hidden && matches!(ext.as_deref(), Some("txt" | "md" | "xml"))
}

/// Read, parse and check every file (in parallel), then refuse the later of two inputs giving one
/// symbol and language. Inputs and refusals keep the order of `files`.
pub(crate) fn read_inputs(
    resolutions: &Path,
    files: &[PathBuf],
    opts: &ImportOptions,
    progress: &Progress,
) -> (Vec<Input>, Vec<Refused>) {
    let results: Vec<Result<Input, Refused>> = files
        .par_iter()
        .map(|file| {
            let result = read_one(resolutions, file, opts);
            progress.inc();
            result
        })
        .collect();
    let mut inputs: Vec<Input> = Vec::new();
    let mut refused = Vec::new();
    let mut seen: HashMap<(String, String), PathBuf> = HashMap::new();
    for result in results {
        match result {
            Ok(input) => {
                let key = (input.parsed.symbol.to_string(), input.parsed.lang.clone());
                match seen.get(&key) {
                    Some(first) => refused.push(duplicate(&input, first)),
                    None => {
                        seen.insert(key, input.file.clone());
                        inputs.push(input);
                    }
                }
            }
            Err(r) => refused.push(r),
        }
    }
    (inputs, refused)
}

fn read_one(resolutions: &Path, file: &Path, opts: &ImportOptions) -> Result<Input, Refused> {
    let refuse = |problems: Problems| Refused::new(file, problems);
    let bytes = crate::files::read_limited(file).map_err(|p| refuse(p.into()))?;
    let parsed = super::parse_bytes(file, &bytes, opts.lang.as_deref()).map_err(refuse)?;
    if let Some(site) = &opts.languages
        && !site.contains(&parsed.lang)
    {
        return Err(refuse(
            Problem::error(
                file,
                format!(
                    "this text is in `{}`, which is not a language of this site",
                    parsed.lang
                ),
            )
            .hint(format!(
                "the site's languages are {}; add `{}` to book.languages in book.toml",
                site.join(", "),
                parsed.lang
            ))
            .into(),
        ));
    }
    let target = resolutions
        .join(parsed.symbol.slug())
        .join(format!("{}.md", parsed.lang));
    let found = guard::check_text(&target, &parsed.markdown);
    if found.has_errors() {
        let source = String::from_utf8_lossy(&bytes);
        let mut problems = guard::refusals(file, &source, &parsed.markdown, &found);
        problems.extend(parsed.warnings);
        return Err(refuse(problems));
    }
    let mut parsed = parsed;
    parsed.warnings.extend(found);
    Ok(Input {
        file: file.to_path_buf(),
        bytes,
        parsed,
        target,
    })
}

/// The refusal of a text whose symbol and language an earlier input already gives.
fn duplicate(input: &Input, first: &Path) -> Refused {
    let p = &input.parsed;
    Refused::new(
        &input.file,
        Problem::error(
            &input.file,
            format!(
                "{} ({}) is also given by {}, imported first",
                p.symbol,
                p.lang,
                shown(first).display()
            ),
        )
        .hint(
            "import one text per symbol and language: remove one of the two files from the command",
        )
        .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_give_their_texts_recursively_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b/2.txt",
            "b/1.md",
            "a.TXT",
            "c/d/e.txt",
            "c/f.xml",
            "notes.pdf",
            ".hidden.txt",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        std::fs::create_dir_all(root.join("content/resolutions/x")).unwrap();
        std::fs::write(root.join("content/resolutions/x/fr.md"), "x").unwrap();
        let skip = root.join("content");
        let files =
            expand_inputs(&[root.to_path_buf(), root.join("notes.pdf")], Some(&skip)).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.TXT",
                "b/1.md",
                "b/2.txt",
                "c/d/e.txt",
                "c/f.xml",
                "notes.pdf"
            ]
        );
        let err = expand_inputs(&[root.join("missing")], None).unwrap_err();
        // Without a folder to skip, the content's texts are found too.
        let all = expand_inputs(&[root.to_path_buf()], None).unwrap();
        assert_eq!(all.len(), 6);
        assert!(err.to_string().contains("no such file or folder"), "{err}");
        let err = expand_inputs(&[root.join("content")], Some(&skip)).unwrap_err();
        assert!(
            err.to_string().contains("no .txt, .md or .xml file"),
            "{err}"
        );
    }
}
