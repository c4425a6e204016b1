//! Checking notes against what they annotate: each key against the resolution's own texts as
//! soon as it is loaded ([`check_keys`]), each short link between resolutions
//! (`[[A/RES/61/168#op4]]`) once the whole archive is known ([`check_links`]). Every problem
//! names the file, the line and what to write instead.

use std::path::Path;

use super::Found;
use super::ids::valid_ids;
use crate::archive::notes::{NoteKey, NoteLink, Notes};
use crate::archive::{Archive, Resolution, Symbol, Text};
use crate::diag::{Problem, Problems};

/// Each note must be about a paragraph its language's text has (any text for `notes.md`).
pub(super) fn check_keys(found: &Found, symbol: &Symbol, texts: &[Text], problems: &mut Problems) {
    let path = &found.file.path;
    let scope: Vec<&Text> = match &found.file.lang {
        Some(lang) => texts.iter().filter(|t| &t.lang == lang).collect(),
        None => texts.iter().collect(),
    };
    if let (Some(lang), true) = (&found.file.lang, scope.is_empty()) {
        problems.push(
            Problem::error(
                path,
                format!("{symbol} has no {lang} text, so these notes would not be shown"),
            )
            .hint("move them to notes.md (shown with every language), or add the text first"),
        );
        return;
    }
    if scope.is_empty() {
        // No text could be read: that is reported on its own, and there is nothing to check
        // the keys against.
        return;
    }
    for note in &found.notes {
        let NoteKey::Paragraph(id) = &note.key else {
            continue;
        };
        if scope.iter().any(|t| has_paragraph(t, id)) {
            continue;
        }
        let of = match &found.file.lang {
            Some(lang) => format!("of the {lang} text of {symbol}"),
            None => format!("of {symbol}"),
        };
        problems.push(
            Problem::error(path, format!("`{id}` is not a paragraph {of}"))
                .at(note.line, None)
                .hint(format!(
                    "key the note to one of its paragraphs: {}",
                    valid_ids(&scope)
                )),
        );
    }
}

fn has_paragraph(text: &Text, id: &str) -> bool {
    text.paragraph(id).is_some() || text.footnotes.iter().any(|f| f.id == id)
}

/// Checks every short link of every note against the whole archive.
pub(crate) fn check_links(archive: &Archive, problems: &mut Problems) {
    for resolution in &archive.resolutions {
        check_links_of(archive, resolution, &resolution.notes, problems);
    }
}

/// Checks the short links of `notes`, the notes of `resolution`, against the whole archive
/// (`serve` reads a notes file again alone when it changes).
pub(crate) fn check_links_of(
    archive: &Archive,
    resolution: &Resolution,
    notes: &Notes,
    problems: &mut Problems,
) {
    for note in &notes.notes {
        let path = &notes.file_of(note).path;
        for link in &note.links {
            if let Err(problem) = resolve_link(archive, resolution, link, path) {
                problems.push(problem);
            }
        }
    }
}

/// Where a short link leads, checked: the resolution it names (or `None`: a series member the
/// archive does not hold, linked to its official document) and the paragraph.
fn resolve_link<'a>(
    archive: &'a Archive,
    from: &'a Resolution,
    link: &NoteLink,
    path: &Path,
) -> Result<Option<&'a Resolution>, Problem> {
    let error = |message: String, hint: String| {
        Problem::error(path, format!("[[{}]]: {message}", link.raw))
            .at(link.line, None)
            .hint(hint)
    };
    let target = match &link.symbol {
        None => from,
        Some(symbol) => match archive.resolution(symbol) {
            Some(target) => target,
            None if link.paragraph.is_none() && is_known_member(archive, symbol) => {
                return Ok(None);
            }
            None => {
                return Err(error(
                    format!("{symbol} is not in the archive"),
                    not_held_hint(archive, symbol),
                ));
            }
        },
    };
    // A resolution whose texts could not be read has its own problem; its links are not
    // checked against nothing.
    if let Some(id) = &link.paragraph
        && !target.texts.is_empty()
        && !target.texts.iter().any(|t| has_paragraph(t, id))
    {
        let texts: Vec<&Text> = target.texts.iter().collect();
        return Err(error(
            format!("`{id}` is not a paragraph of {}", target.symbol),
            format!("link to one of its paragraphs: {}", valid_ids(&texts)),
        ));
    }
    Ok(Some(target))
}

fn is_known_member(archive: &Archive, symbol: &Symbol) -> bool {
    archive
        .series
        .iter()
        .any(|s| s.members.iter().any(|m| &m.symbol == symbol))
}

fn not_held_hint(archive: &Archive, symbol: &Symbol) -> String {
    if let Some(held) = archive
        .resolutions
        .iter()
        .find(|r| r.symbol.as_str().eq_ignore_ascii_case(symbol.as_str()))
    {
        return format!("did you mean [[{}]]?", held.symbol);
    }
    let held: Vec<&str> = archive
        .resolutions
        .iter()
        .map(|r| r.symbol.as_str())
        .collect();
    format!(
        "the archive holds {}; cite another document with an ordinary link: [{symbol}]({})",
        held.join(", "),
        symbol.official_url("en").replace("/en/", "/")
    )
}
