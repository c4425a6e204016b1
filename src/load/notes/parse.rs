//! Parsing one notes file into notes: the front matter ([`front`](super::front)), then the
//! Markdown split at its headings ([`scan`](super::scan)): the text before the first one is the
//! note on the resolution, each heading must start with the paragraph id it annotates; the short
//! links are attached to the note that holds them. The number of notes is bounded by
//! [`MAX_NOTES`].

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::front::read_front_matter;
use super::scan::{Heading, Scan, scan};
use super::{Found, MAX_NESTING, MAX_NOTES};
use crate::archive::Symbol;
use crate::archive::notes::{Note, NoteKey, NoteLink, is_paragraph_id};
use crate::diag::{Problem, Problems};

/// Parses one notes file; `lang` is `Some` for `notes.<lang>.md`. Returns `None` when the front
/// matter is unreadable or the Markdown nests too deep (its problem says why).
pub(crate) fn parse_notes(
    path: &Path,
    source: &str,
    lang: Option<&str>,
) -> (Option<Found>, Problems) {
    let mut problems = Problems::new();
    let (file, body_start) = match read_front_matter(path, source, lang) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(problem);
            return (None, problems);
        }
    };
    let lines = LineIndex::new(source);
    let Some(scan) = bounded_scan(path, source, body_start, &lines, &mut problems) else {
        return (None, problems);
    };
    let mut split = Split::default();
    split.general_note(source, body_start, &scan.headings, &lines);
    split.heading_notes(path, source, &scan.headings, &lines, &mut problems);
    split.attach_links(path, &scan.links, &lines, &mut problems);
    warn_empty(path, &split.notes, &mut problems);
    let notes = split.notes;
    (Some(Found { file, notes }), problems)
}

/// The headings and links of the Markdown after the front matter; `None` when it nests deeper
/// than [`MAX_NESTING`]; at most [`MAX_NOTES`] headings (the others reported).
fn bounded_scan(
    path: &Path,
    source: &str,
    body_start: usize,
    lines: &LineIndex,
    problems: &mut Problems,
) -> Option<Scan> {
    let mut scan = scan(&source[body_start..], body_start);
    if let Some(offset) = scan.too_deep {
        problems.push(
            Problem::error(
                path,
                format!("lists, quotes or emphasis nested more than {MAX_NESTING} levels deep"),
            )
            .at(lines.line(offset), None)
            .hint("write the note with fewer levels: a list inside a list is usually enough"),
        );
        return None;
    }
    if scan.headings.len() > MAX_NOTES {
        let line = lines.line(scan.headings[MAX_NOTES].range.start);
        problems.push(
            Problem::error(
                path,
                format!(
                    "this file has {} notes; a notes file may hold at most {MAX_NOTES}",
                    scan.headings.len()
                ),
            )
            .at(line, None)
            .hint("one note per paragraph at most: merge notes on the same paragraph"),
        );
        scan.headings.truncate(MAX_NOTES);
    }
    Some(scan)
}

/// The notes of a file as they are split off, with the byte range of each in the file (to find
/// the note each link belongs to).
#[derive(Default)]
struct Split {
    notes: Vec<Note>,
    /// In file order, not overlapping.
    spans: Vec<Range<usize>>,
}

impl Split {
    /// The text before the first heading, when there is any, is the note on the resolution.
    fn general_note(
        &mut self,
        source: &str,
        body_start: usize,
        headings: &[Heading],
        lines: &LineIndex,
    ) {
        let first_heading = headings.first().map_or(source.len(), |h| h.range.start);
        let general = &source[body_start..first_heading];
        if general.trim().is_empty() {
            return;
        }
        let first_line = body_start + (general.len() - general.trim_start().len());
        let range = body_start..first_heading;
        self.notes.push(note(
            NoteKey::Resolution,
            None,
            range.clone(),
            lines.line(first_line),
            source,
            lines,
        ));
        self.spans.push(range);
    }

    /// One note per heading, up to the next one; a heading without a paragraph id, or a second
    /// heading on the same paragraph, is reported and its text left out.
    fn heading_notes(
        &mut self,
        path: &Path,
        source: &str,
        headings: &[Heading],
        lines: &LineIndex,
        problems: &mut Problems,
    ) {
        // The line of the note already written for each key, to report a second one.
        let mut first_lines: HashMap<NoteKey, usize> = HashMap::new();
        for (i, heading) in headings.iter().enumerate() {
            let end = headings.get(i + 1).map_or(source.len(), |h| h.range.start);
            let line = lines.line(heading.range.start);
            let Some((key, title)) = heading_key(path, heading, line, problems) else {
                continue;
            };
            if let Some(first) = first_lines.get(&key) {
                problems.push(second_note(path, &key, line, *first));
                continue;
            }
            first_lines.insert(key.clone(), line);
            let range = heading.range.end..end;
            self.notes
                .push(note(key, title, range, line, source, lines));
            self.spans.push(heading.range.start..end);
        }
    }

    /// Each short link, parsed, joins the note that holds it; a malformed one is reported.
    fn attach_links(
        &mut self,
        path: &Path,
        links: &[(usize, String)],
        lines: &LineIndex,
        problems: &mut Problems,
    ) {
        for (offset, raw) in links {
            let line = lines.line(*offset);
            // The spans are in file order and do not overlap: the last that starts at or before
            // the link is the only one that can hold it.
            let index = self.spans.partition_point(|span| span.start <= *offset);
            let Some(index) = index
                .checked_sub(1)
                .filter(|&i| self.spans[i].contains(offset))
            else {
                continue;
            };
            match parse_link(raw) {
                Ok((symbol, paragraph)) => self.notes[index].links.push(NoteLink {
                    raw: raw.clone(),
                    symbol,
                    paragraph,
                    line,
                }),
                Err(hint) => problems.push(
                    Problem::error(
                        path,
                        format!("[[{raw}]] is not a link to a resolution or a paragraph"),
                    )
                    .at(line, None)
                    .hint(hint),
                ),
            }
        }
    }
}

fn second_note(path: &Path, key: &NoteKey, line: usize, first: usize) -> Problem {
    Problem::error(
        path,
        format!(
            "a second note on {} in this file (the first is at line {first})",
            key_name(key),
        ),
    )
    .at(line, None)
    .hint("merge the two notes under one heading")
}

/// A note with nothing but blanks and comments under its heading is a warning.
fn warn_empty(path: &Path, notes: &[Note], problems: &mut Problems) {
    for note in notes.iter().filter(|n| is_blank(&n.markdown)) {
        problems.push(
            Problem::warning(
                path,
                format!("the note on {} is empty", key_name(&note.key)),
            )
            .at(note.line, None)
            .hint("write the note under its heading, or remove the heading"),
        );
    }
}

fn note(
    key: NoteKey,
    title: Option<String>,
    range: Range<usize>,
    line: usize,
    source: &str,
    lines: &LineIndex,
) -> Note {
    Note {
        file: 0,
        key,
        title,
        markdown: source[range.clone()].to_string(),
        line,
        body_line: lines.line(range.start.min(source.len())),
        links: Vec::new(),
    }
}

/// The key and title of a heading that opens a note, or a problem saying how to write it.
fn heading_key(
    path: &Path,
    heading: &Heading,
    line: usize,
    problems: &mut Problems,
) -> Option<(NoteKey, Option<String>)> {
    let text = heading.text.trim();
    let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let first = first.trim_end_matches([':', '.', ',', '—', '–']);
    if is_paragraph_id(first) {
        let title = rest.trim().trim_start_matches(['—', '–', '-', ':']).trim();
        return Some((
            NoteKey::Paragraph(first.to_string()),
            (!title.is_empty()).then(|| title.to_string()),
        ));
    }
    let hint = if is_paragraph_id(&first.to_lowercase()) {
        format!(
            "write the paragraph id in lower case: `## {}`",
            first.to_lowercase()
        )
    } else if let Some(joined) = joined_id(first, rest) {
        format!("write the paragraph id without a space: `## {joined}`")
    } else {
        "a `#` or `##` heading opens a note and starts with the paragraph id it is about, e.g. `## op10` or `## pp3 Durban`; for a heading inside a note, use `###`".to_string()
    };
    problems.push(
        Problem::error(
            path,
            format!("the heading `{text}` does not start with a paragraph id"),
        )
        .at(line, None)
        .hint(hint),
    );
    None
}

/// `op 10` -> `op10`, when that makes a paragraph id.
fn joined_id(first: &str, rest: &str) -> Option<String> {
    let number = rest.split_whitespace().next()?;
    let joined = format!("{}{number}", first.to_lowercase());
    is_paragraph_id(&joined).then_some(joined)
}

/// `A/RES/61/168#op4` -> (symbol, paragraph); `#op4` -> (None, paragraph). Errors are hints.
fn parse_link(raw: &str) -> Result<(Option<Symbol>, Option<String>), String> {
    let example = "write [[A/RES/61/168]] for a resolution, [[A/RES/61/168#op4]] for one of its paragraphs, [[#op4]] for a paragraph of this resolution";
    let (symbol, paragraph) = match raw.trim().split_once('#') {
        Some((symbol, paragraph)) => (symbol.trim(), Some(paragraph.trim())),
        None => (raw.trim(), None),
    };
    if let Some(paragraph) = paragraph.filter(|p| !is_paragraph_id(p)) {
        return Err(format!(
            "`{paragraph}` is not a paragraph id (pp3, op10, op4-a, fn2); {example}"
        ));
    }
    let symbol = if symbol.is_empty() {
        if paragraph.is_none() {
            return Err(example.to_string());
        }
        None
    } else {
        Some(Symbol::parse(symbol).map_err(|err| format!("{err}; {example}"))?)
    };
    Ok((symbol, paragraph.map(str::to_string)))
}

fn is_blank(markdown: &str) -> bool {
    let mut rest = markdown;
    let mut kept = String::new();
    while let Some(start) = rest.find("<!--") {
        kept.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    kept.push_str(rest);
    kept.trim().is_empty()
}

fn key_name(key: &NoteKey) -> String {
    match key {
        NoteKey::Resolution => "the resolution".to_string(),
        NoteKey::Paragraph(id) => id.clone(),
    }
}

/// 1-based line numbers of byte offsets.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}
