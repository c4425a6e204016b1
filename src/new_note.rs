//! `recueil new-note SYMBOL [PARAGRAPH] [--lang xx]`: where a contributor starts writing.
//!
//! Finds the resolution, checks the paragraph against its texts (listing the valid ids when it is
//! not one of them), then creates the notes file with its front matter, or adds the heading of
//! the new note at the end of the file that is there. What a person wrote is never replaced: an
//! existing note on that paragraph is pointed to, not touched, and a file is only ever extended
//! (written whole to a temporary file, then renamed over the old one).

use std::path::{Path, PathBuf};

use crate::archive::notes::{NoteKey, is_paragraph_id};
use crate::archive::{Resolution, Symbol, Text};
use crate::config::Config;
use crate::diag::{Problem, Problems};
use crate::load::notes::{parse_notes, valid_ids};

/// What was asked.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub symbol: String,
    /// `op10`; none for a note on the whole resolution.
    pub paragraph: Option<String>,
    /// `notes.<lang>.md` (shown with that language only) rather than `notes.md`.
    pub lang: Option<String>,
    /// Written in new files' front matter (`git config user.name` by default).
    pub author: Option<String>,
    pub today: jiff::civil::Date,
}

/// What `new-note` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new notes file; the note starts at `line`.
    Created { path: PathBuf, line: usize },
    /// A heading added to an existing file.
    Added { path: PathBuf, line: usize },
    /// That note is already there: nothing was changed.
    Exists { path: PathBuf, line: usize },
}

const INVITATION: &str = "<!-- Write here: what the paragraph does, what changed from the previous resolution, why it matters. Cite a paragraph with [[A/RES/61/168#op4]]. -->";

/// Creates or extends the notes file for `request`.
pub fn new_note(root: &Path, request: &NewNote) -> Result<Outcome, Problems> {
    let config = Config::load(root)?;
    let at = |message: String| Problem::error(root, message);
    if let Some(lang) = &request.lang
        && config.language(lang).is_none()
    {
        let site: Vec<&str> = config.language_codes().collect();
        return Err(at(format!("`{lang}` is not a language of this site"))
            .hint(format!("use one of: {}", site.join(", ")))
            .into());
    }
    let symbol = Symbol::parse(&request.symbol).map_err(|err| {
        at(err.to_string()).hint("write the symbol as it is printed, e.g. A/RES/61/168")
    })?;
    let resolution = find_resolution(&config, &symbol)?;
    let texts: Vec<&Text> = match &request.lang {
        Some(lang) => resolution
            .texts
            .iter()
            .filter(|t| &t.lang == lang)
            .collect(),
        None => resolution.texts.iter().collect(),
    };
    if texts.is_empty() {
        let lang = request.lang.as_deref().unwrap_or_default();
        return Err(at(format!("{symbol} has no {lang} text"))
            .hint("leave out --lang to write a note shown with every language")
            .into());
    }
    if let Some(id) = &request.paragraph {
        check_paragraph(&resolution.dir, &symbol, id, &texts)?;
    }
    let name = request
        .lang
        .as_ref()
        .map_or("notes.md".to_string(), |l| format!("notes.{l}.md"));
    write_note(&resolution.dir.join(name), request)
}

fn find_resolution(config: &Config, symbol: &Symbol) -> Result<Resolution, Problems> {
    let dir = config.content_dir.join("resolutions").join(symbol.slug());
    if !dir.join("meta.yaml").is_file() {
        let held = held_symbols(config);
        return Err(
            Problem::error(&config.root, format!("{symbol} is not in the archive"))
                .hint(format!(
                    "the archive holds {}; add a resolution with `recueil import`",
                    held.join(", ")
                ))
                .into(),
        );
    }
    let (resolution, problems) = crate::load::load_resolution(&dir, config);
    resolution.ok_or(problems)
}

fn held_symbols(config: &Config) -> Vec<String> {
    let Ok(entries) = fs_err::read_dir(config.content_dir.join("resolutions")) else {
        return Vec::new();
    };
    let mut held: Vec<Symbol> = entries
        .flatten()
        .filter_map(|e| {
            crate::files::yaml::read_yaml::<crate::formats::meta::Meta>(&e.path().join("meta.yaml"))
                .ok()
        })
        .map(|meta| meta.symbol)
        .collect();
    held.sort_by_key(crate::archive::sort_key);
    held.iter().map(ToString::to_string).collect()
}

fn check_paragraph(dir: &Path, symbol: &Symbol, id: &str, texts: &[&Text]) -> Result<(), Problems> {
    let held = texts
        .iter()
        .any(|t| t.paragraph(id).is_some() || t.footnotes.iter().any(|f| f.id == id));
    if held {
        return Ok(());
    }
    let message = if is_paragraph_id(id) {
        format!("`{id}` is not a paragraph of {symbol}")
    } else {
        format!("`{id}` is not a paragraph id")
    };
    Err(Problem::error(dir, message)
        .hint(format!(
            "the paragraphs of {symbol} are: {}",
            valid_ids(texts)
        ))
        .into())
}

/// Creates `path`, or adds the note's heading to it; never replaces a note.
fn write_note(path: &Path, request: &NewNote) -> Result<Outcome, Problems> {
    let key = request
        .paragraph
        .clone()
        .map_or(NoteKey::Resolution, NoteKey::Paragraph);
    if !path.exists() {
        let (text, line) = new_file(request);
        write_new(path, &text)?;
        return Ok(Outcome::Created {
            path: path.to_path_buf(),
            line,
        });
    }
    let existing = crate::files::read_text(path)?;
    let (found, problems) = parse_notes(path, &existing, request.lang.as_deref());
    let Some(found) = found else {
        return Err(problems);
    };
    if let Some(note) = found.notes.iter().find(|n| n.key == key) {
        return Ok(Outcome::Exists {
            path: path.to_path_buf(),
            line: note.line,
        });
    }
    let (text, line) = match &key {
        NoteKey::Paragraph(id) => append_heading(&existing, id),
        NoteKey::Resolution => insert_general(&existing),
    };
    replace(path, &text)?;
    Ok(Outcome::Added {
        path: path.to_path_buf(),
        line,
    })
}

/// A new file's text and the line where the note is to be written.
fn new_file(request: &NewNote) -> (String, usize) {
    let authors = match &request.author {
        Some(name) => format!("authors: [{}]", yaml_item(name)),
        None => "authors: []  # your name, e.g. [Jane Doe]".to_string(),
    };
    let mut text = format!("---\n{authors}\ndate: {}\n---\n", request.today);
    match &request.paragraph {
        Some(id) => text.push_str(&format!("\n## {id}\n\n{INVITATION}\n")),
        None => text.push_str(&format!("\n{INVITATION}\n")),
    }
    let line = text.lines().count();
    (text, line)
}

fn append_heading(existing: &str, id: &str) -> (String, usize) {
    let mut text = existing.trim_end_matches('\n').to_string();
    text.push_str(&format!("\n\n## {id}\n\n{INVITATION}\n"));
    let line = text.lines().count();
    (text, line)
}

/// Puts the invitation for a general note right after the front matter.
fn insert_general(existing: &str) -> (String, usize) {
    let body_start = front_matter_end(existing);
    let (head, body) = existing.split_at(body_start);
    let line = head.lines().count() + 2;
    (
        format!("{head}\n{INVITATION}\n\n{}", body.trim_start_matches('\n')),
        line,
    )
}

/// The byte offset after the closing `---` of the front matter (0 without one).
fn front_matter_end(text: &str) -> usize {
    if !text.starts_with("---") {
        return 0;
    }
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        if i > 0 && matches!(line.trim_end(), "---" | "...") {
            return offset;
        }
    }
    0
}

/// A name as a YAML flow-sequence item, quoted when it needs to be.
fn yaml_item(name: &str) -> String {
    if name.chars().any(|c| ",[]{}:#\"'&*!|>%@`".contains(c)) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        name.to_string()
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), Problem> {
    use std::io::Write;
    let mut file = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Problem::error(path, e.to_string()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Problem::error(path, e.to_string()))
}

fn replace(path: &Path, text: &str) -> Result<(), Problem> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let io = |e: std::io::Error| Problem::error(path, e.to_string());
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut temp, text.as_bytes()).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// The contributor's name as git knows it, for the front matter of a new file.
pub fn git_author(root: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(root)
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests;
