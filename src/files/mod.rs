//! The file layer every stage reads through: bounded reads, UTF-8 with the BOM dropped, and
//! YAML written by people ([`yaml`]).
//!
//! Config, the loader, the renderer (template and theme overrides), `new-note` and the importer
//! all read files a person handed them; each gets the same size limit, the same UTF-8 check and
//! the same problems with the path and what to do. It sits at the bottom of the crate, under
//! every stage, and knows nothing of the archive.

pub(crate) mod yaml;

use std::path::Path;

use crate::diag::Problem;

/// The largest file recueil reads as text (a canonical text, notes, YAML, a template, a raw text
/// to import). The longest resolutions are a few hundred KB; a file of 50 MB is a mistake (a PDF,
/// a whole collection), and refusing it at once keeps every build and import quick.
pub(crate) const MAX_FILE_BYTES: u64 = 2_000_000;

/// Reads a file of at most [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let unreadable = |err: std::io::Error| {
        Problem::error(path, err.to_string())
            .hint("check that the file exists and that you may read it")
    };
    let size = fs_err::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Problem::error(
            path,
            format!(
                "this file is {size} bytes ({:.1} MB); recueil reads files of at most {} MB",
                size as f64 / 1e6,
                MAX_FILE_BYTES / 1_000_000
            ),
        )
        .hint("a resolution's text is a few hundred KB at most: check that this is the file you meant (the text, not a PDF or a whole collection)"));
    }
    fs_err::read(path).map_err(unreadable)
}

/// Reads a UTF-8 file of at most [`MAX_FILE_BYTES`], without a byte-order mark.
pub(crate) fn read_text(path: &Path) -> Result<String, Problem> {
    let bytes = read_limited(path)?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let (line, column) = crate::diag::line_col(
            &String::from_utf8_lossy(&err.as_bytes()[..err.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Problem::error(path, "this file is not valid UTF-8 text")
            .at(line, Some(column))
            .hint("save it as UTF-8 (most editors offer this in \"Save as\")")
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}
