//! Reading contributors' notes (`notes.md`, `notes.<lang>.md`) into the model, and checking them.
//!
//! A notes file is split at its `#`/`##` headings, found by pulldown-cmark (so that a `## op10`
//! inside a fenced code block is not taken for a heading): the text before the first one is the
//! note on the resolution, each heading must start with the paragraph id it annotates. Keys are
//! checked against the resolution's own texts as soon as it is loaded; the short links between
//! resolutions (`[[A/RES/61/168#op4]]`) are checked once the whole archive is known
//! ([`check_links`]). Every problem names the file, the line and what to write instead.
//!
//! Notes are Markdown from anyone who sends a pull request, so their shape is bounded before
//! they reach the renderer and its HTML sanitiser: lists and quotes nest at most
//! [`MAX_NESTING`] levels (a million `>` in a row would otherwise cost minutes of sanitising) and
//! a file holds at most [`MAX_NOTES`] notes.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::archive::notes::{
    Note, NoteFile, NoteKey, NoteLink, Notes, OPTIONS, is_paragraph_id, link_destination,
};
use crate::archive::{Archive, Resolution, Symbol, Text};
use crate::config::Config;
use crate::diag::{Problem, Problems};

/// How deep blocks and inline markup may nest in a note. Real notes nest lists two or three levels.
pub(crate) const MAX_NESTING: usize = 32;

/// The most notes (headings) one notes file may hold: one per paragraph is already a lot.
pub(crate) const MAX_NOTES: usize = crate::load::text::MAX_PARAGRAPHS;

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

/// One notes file as found in a resolution folder.
pub(crate) struct Found {
    pub file: NoteFile,
    pub notes: Vec<Note>,
}

/// Reads every notes file of the resolution in `dir` and checks their keys against `texts`.
pub(crate) fn load_notes(
    dir: &Path,
    symbol: &Symbol,
    texts: &[Text],
    config: &Config,
    problems: &mut Problems,
) -> Notes {
    let mut notes = Notes::default();
    let languages = std::iter::once(None).chain(config.language_codes().map(Some));
    for lang in languages {
        let name = lang.map_or("notes.md".to_string(), |l| format!("notes.{l}.md"));
        let path = dir.join(name);
        if !path.is_file() {
            continue;
        }
        let source = match crate::files::read_text(&path) {
            Ok(source) => source,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let (found, file_problems) = parse_notes(&path, &source, lang);
        problems.extend(file_problems);
        let Some(found) = found else { continue };
        check_keys(&found, symbol, texts, problems);
        let index = notes.files.len();
        notes.files.push(found.file);
        notes
            .notes
            .extend(found.notes.into_iter().map(|n| Note { file: index, ..n }));
    }
    report_stray_files(dir, config, problems);
    notes
}

/// `notes.es.md` on a site without Spanish would silently go unpublished.
fn report_stray_files(dir: &Path, config: &Config, problems: &mut Problems) {
    let Ok(entries) = fs_err::read_dir(dir) else {
        return;
    };
    let site: Vec<&str> = config.language_codes().collect();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(lang) = name
            .strip_prefix("notes.")
            .and_then(|rest| rest.strip_suffix(".md"))
        else {
            continue;
        };
        if !site.contains(&lang) {
            problems.push(
                Problem::error(
                    entry.path(),
                    format!(
                        "`{lang}` is not a language of this site, so these notes would not be shown"
                    ),
                )
                .hint(format!(
                    "name the file notes.md (every language) or notes.<lang>.md with one of: {}",
                    site.join(", ")
                )),
            );
        }
    }
}

/// Parses one notes file; `lang` is `Some` for `notes.<lang>.md`. Returns `None` when the front
/// matter is unreadable (its problem says why).
pub(crate) fn parse_notes(
    path: &Path,
    source: &str,
    lang: Option<&str>,
) -> (Option<Found>, Problems) {
    let mut problems = Problems::new();
    let lines = LineIndex::new(source);
    let (front, body_start) = match front_matter(path, source) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(problem);
            return (None, problems);
        }
    };
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
    let body = &source[body_start..];
    let mut scan = scan(body, body_start);
    if let Some(offset) = scan.too_deep {
        problems.push(
            Problem::error(
                path,
                format!("lists, quotes or emphasis nested more than {MAX_NESTING} levels deep"),
            )
            .at(lines.line(offset), None)
            .hint("write the note with fewer levels: a list inside a list is usually enough"),
        );
        return (None, problems);
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
    let mut notes = Vec::new();
    // The byte range of each note in `source`, to find the note each link belongs to.
    let mut spans: Vec<Range<usize>> = Vec::new();
    let first_heading = scan
        .headings
        .first()
        .map_or(source.len(), |h| h.range.start);
    // The line of the note already written for each key, to report a second one.
    let mut first_lines: std::collections::HashMap<NoteKey, usize> = Default::default();
    let general = &source[body_start..first_heading];
    if !general.trim().is_empty() {
        let first_line = body_start + (general.len() - general.trim_start().len());
        let range = body_start..first_heading;
        notes.push(note(
            NoteKey::Resolution,
            None,
            range.clone(),
            lines.line(first_line),
            source,
            &lines,
        ));
        spans.push(range);
    }
    for (i, heading) in scan.headings.iter().enumerate() {
        let end = scan
            .headings
            .get(i + 1)
            .map_or(source.len(), |h| h.range.start);
        let line = lines.line(heading.range.start);
        let Some((key, title)) = heading_key(path, heading, line, &mut problems) else {
            continue;
        };
        if let Some(first) = first_lines.get(&key) {
            problems.push(
                Problem::error(
                    path,
                    format!(
                        "a second note on {} in this file (the first is at line {first})",
                        key_name(&key),
                    ),
                )
                .at(line, None)
                .hint("merge the two notes under one heading"),
            );
            continue;
        }
        first_lines.insert(key.clone(), line);
        notes.push(note(
            key,
            title,
            heading.range.end..end,
            line,
            source,
            &lines,
        ));
        spans.push(heading.range.start..end);
    }
    for (offset, raw) in &scan.links {
        let line = lines.line(*offset);
        // The spans are in file order and do not overlap: the last that starts at or before
        // the link is the only one that can hold it.
        let index = spans.partition_point(|span| span.start <= *offset);
        let Some(index) = index.checked_sub(1).filter(|&i| spans[i].contains(offset)) else {
            continue;
        };
        match parse_link(raw) {
            Ok((symbol, paragraph)) => notes[index].links.push(NoteLink {
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
    (Some(Found { file, notes }), problems)
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

struct Heading {
    range: Range<usize>,
    text: String,
}

#[derive(Default)]
struct Scan {
    /// `#` and `##` headings, which open notes.
    headings: Vec<Heading>,
    /// `[[…]]` links: offset and destination.
    links: Vec<(usize, String)>,
    /// Where the nesting first went deeper than [`MAX_NESTING`].
    too_deep: Option<usize>,
}

/// The headings that open notes and the short links, with offsets in the whole file.
fn scan(body: &str, base: usize) -> Scan {
    let mut scan = Scan::default();
    let mut open: Option<Heading> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, OPTIONS).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            scan.too_deep = Some(range.start);
            return scan;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H2 => {
                open = Some(Heading {
                    range,
                    text: String::new(),
                })
            }
            Event::End(TagEnd::Heading(level)) if level <= HeadingLevel::H2 => {
                scan.headings.extend(open.take())
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = open.as_mut() {
                    heading.text.push_str(&text);
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => scan.links.push((range.start, link_destination(&dest_url))),
            _ => {}
        }
    }
    scan
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

/// Each note must be about a paragraph its language's text has (any text for `notes.md`).
fn check_keys(found: &Found, symbol: &Symbol, texts: &[Text], problems: &mut Problems) {
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

/// Every paragraph and footnote id of `texts`, in text order, runs written as ranges:
/// `pp1–pp17, op1–op11, op2-a–op2-c, fn1–fn3`.
pub(crate) fn valid_ids(texts: &[&Text]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for text in texts {
        let all = text
            .all_paragraphs()
            .map(|p| p.id.as_str())
            .chain(text.footnotes.iter().map(|f| f.id.as_str()));
        for id in all {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    compact_ids(&ids)
}

/// Consecutive ids of one family (`op1, op2, op3`; `op2-a, op2-b`) written as ranges.
pub(crate) fn compact_ids(ids: &[&str]) -> String {
    // Family (prefix before the last number or letter) -> runs, in order of first appearance.
    let mut families: Vec<(String, Vec<Vec<&str>>)> = Vec::new();
    for id in ids {
        let (family, position) = family_of(id);
        match families.iter_mut().find(|(f, _)| *f == family) {
            Some((_, runs)) => {
                let last = runs.last_mut().expect("a family has a run");
                let previous = family_of(last.last().expect("a run has an id")).1;
                if position == previous + 1 {
                    last.push(id);
                } else {
                    runs.push(vec![id]);
                }
            }
            None => families.push((family, vec![vec![id]])),
        }
    }
    // By annex (the resolution's own first): preamble, numbered paragraphs, sub-paragraphs by
    // parent, footnotes.
    families.sort_by_key(|(family, runs)| family_rank(family, runs[0][0]));
    let mut parts = Vec::new();
    for (_, runs) in families {
        for run in runs {
            match run.as_slice() {
                [one] => parts.push(one.to_string()),
                [a, b] => parts.push(format!("{a}, {b}")),
                [first, .., last] => parts.push(format!("{first}–{last}")),
                [] => {}
            }
        }
    }
    parts.join(", ")
}

/// Where a family of ids comes in a list: (annex, part, position of the parent).
fn family_rank(family: &str, first: &str) -> (u64, u8, u64) {
    let annex = match family.strip_prefix("annex") {
        Some(rest) => {
            1 + rest
                .split('-')
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        }
        None => 0,
    };
    let own = family.split_once('-').map_or(family, |(_, own)| own);
    let own = if annex == 0 { family } else { own };
    let part = match own {
        "pp" => 0,
        "op" | "" => 1,
        "fn" => 3,
        _ => 2,
    };
    let parent = first.rsplit_once('-').map_or(first, |(parent, _)| parent);
    (annex, part, family_of(parent).1)
}

/// `op2-b` -> ("op2-", 2); `op10` -> ("op", 10); `op2-b-iv` -> ("op2-b-", 4); `annex-3` ->
/// ("annex-", 3); `annex-pp1` -> ("annex-pp", 1).
fn family_of(id: &str) -> (String, u64) {
    let (head, last) = match id.rsplit_once('-') {
        Some((head, last)) => (format!("{head}-"), last),
        None => (String::new(), id),
    };
    let digits = last.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let letters = &last[..last.len() - digits.len()];
    if !digits.is_empty() {
        return (
            format!("{head}{letters}"),
            digits.parse().unwrap_or(u64::MAX),
        );
    }
    // An item of a sub-paragraph (its parent ends in a letter) counts in roman numbers.
    let under_letter = head
        .trim_end_matches('-')
        .rsplit('-')
        .next()
        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()))
        && head.matches('-').count() >= 2;
    let position = if under_letter {
        roman_value(last)
    } else {
        last.bytes().fold(0u64, |n, b| {
            n.saturating_mul(26)
                .saturating_add(u64::from(b.saturating_sub(b'a')) + 1)
        })
    };
    (head, position)
}

/// `iv` -> 4; what is not a roman number gives a value that starts no run.
fn roman_value(numeral: &str) -> u64 {
    let value = |c: u8| match c {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        b'l' => 50,
        b'c' => 100,
        _ => 0,
    };
    let bytes = numeral.as_bytes();
    let mut total = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        let v = value(b);
        if bytes.get(i + 1).is_some_and(|&next| value(next) > v) {
            total = total.saturating_sub(v);
        } else {
            total += v;
        }
    }
    total
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
pub(crate) fn resolve_link<'a>(
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

#[cfg(test)]
mod tests;
