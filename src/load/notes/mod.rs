//! Contributors' notes (`notes.md`, `notes.<lang>.md`): reading a resolution's notes files
//! into the model. The work is split by job:
//!
//! - [`parse`]: one file into notes (the front matter in [`front`], the headings and short links
//!   found by one pass of pulldown-cmark in [`scan`]);
//! - [`check`]: the notes against what they annotate: keys against the resolution's own texts as
//!   soon as it is loaded, short links between resolutions (`[[A/RES/61/168#op4]]`) once the
//!   whole archive is known ([`check_links`]);
//! - [`ids`]: the ids a note may be keyed to, written as ranges for the hints.
//!
//! Every problem names the file, the line and what to write instead.
//!
//! Notes are Markdown from anyone who sends a pull request, so their shape is bounded before
//! they reach the renderer and its HTML sanitiser: lists and quotes nest at most
//! [`MAX_NESTING`] levels (a million `>` in a row would otherwise cost minutes of sanitising) and
//! a file holds at most [`MAX_NOTES`] notes.

mod check;
mod front;
mod ids;
mod parse;
mod scan;

use std::path::Path;

use crate::archive::notes::{Note, NoteFile, Notes};
use crate::archive::{Symbol, Text};
use crate::config::Config;
use crate::diag::{Problem, Problems};
use check::check_keys;
pub(crate) use check::{check_links, check_links_of};
pub(crate) use ids::valid_ids;
pub(crate) use parse::parse_notes;
#[cfg(test)]
use {crate::archive::notes::NoteKey, ids::compact_ids};

/// The Markdown extensions notes are written with (the model states them; rendering uses the
/// same).
pub(crate) use crate::archive::notes::OPTIONS;

/// How deep blocks and inline markup may nest in a note. Real notes nest lists two or three levels.
pub(crate) const MAX_NESTING: usize = 32;

/// The most notes (headings) one notes file may hold: one per paragraph is already a lot.
pub(crate) const MAX_NOTES: usize = crate::load::text::MAX_PARAGRAPHS;

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

#[cfg(test)]
mod tests;
