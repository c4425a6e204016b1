//! The `---` front matter of a notes file (authors, date, the language the notes are written
//! in), read into the [`NoteFile`] that describes the file.

use std::path::Path;

use serde::Deserialize;

use crate::archive::notes::NoteFile;
use crate::diag::Problem;

/// `---` front matter of a notes file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default)]
    authors: Authors,
    #[serde(default)]
    date: Option<jiff::civil::Date>,
    #[serde(default)]
    lang: Option<String>,
}

/// `authors: Jane Doe` or `authors: [Jane Doe, John Roe]`.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum Authors {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

/// The file's description and the byte offset where its Markdown starts, or the problem that
/// makes the front matter unreadable.
pub(super) fn read_front_matter(
    path: &Path,
    source: &str,
    lang: Option<&str>,
) -> Result<(NoteFile, usize), Problem> {
    let (front, body_start) = front_matter(path, source)?;
    let file = NoteFile {
        path: path.to_path_buf(),
        lang: lang.map(str::to_string),
        authors: match front.authors {
            Authors::None => Vec::new(),
            Authors::One(author) => vec![author],
            Authors::Many(authors) => authors,
        },
        date: front.date,
        written_in: front.lang,
    };
    Ok((file, body_start))
}

/// The front matter and the byte offset where the Markdown starts.
fn front_matter(path: &Path, source: &str) -> Result<(FrontMatter, usize), Problem> {
    let Some(rest) = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))
    else {
        return Ok((FrontMatter::default(), 0));
    };
    let yaml_start = source.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &source[yaml_start..offset];
            let front = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                crate::files::yaml::parse_yaml::<FrontMatter>(path, yaml).map_err(
                    |mut problem| {
                        // The YAML starts on the file's second line.
                        problem.line = problem.line.map(|l| l + 1);
                        problem
                    },
                )?
            };
            return Ok((front, offset + line.len()));
        }
        offset += line.len();
    }
    Err(Problem::error(path, "the front matter opened by `---` on line 1 is never closed")
        .at(1, None)
        .hint("end it with a line holding only `---`, e.g.\n---\nauthors: [Jane Doe]\ndate: 2024-05-01\n---"))
}
