//! Contributors' notes on a resolution: facts as written, never rendered here.
//!
//! A resolution folder may hold `notes.md` (shown with every language) and `notes.<lang>.md`
//! (shown with one). Each file has optional front matter (authors, date, the language it is
//! written in); the text before its first `##` heading is a note on the whole resolution, and a
//! heading that starts with a paragraph id (`## op10`, `## pp3 Durban`) opens a note on that
//! paragraph. The model keeps each note's Markdown source, key and place in its file, so that
//! rendering (`render::notes`) and diagnostics can both find their way back to the line.

use std::path::PathBuf;

use jiff::civil::Date;
use pulldown_cmark::Options;

use super::Symbol;

/// The Markdown dialect notes are written in: the loader finds headings and short links with it
/// and the renderer renders with it, so that both read the same source the same way.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_WIKILINKS);

/// A short link's destination; in a table cell, `[[A/RES/61/168#op4\|op4]]` escapes its pipe
/// and pulldown-cmark leaves the backslash at the end of the destination.
pub(crate) fn link_destination(dest: &str) -> String {
    dest.trim_end_matches('\\').to_string()
}

/// Every note of one resolution, from all its notes files.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// The notes files found, `notes.md` first, then one per language in the site's order.
    pub files: Vec<NoteFile>,
    /// Notes in file order, then in the order they appear in their file.
    pub notes: Vec<Note>,
}

/// A notes file and what its front matter says of all its notes.
#[derive(Debug, Clone)]
pub struct NoteFile {
    pub path: PathBuf,
    /// `Some("en")` for `notes.en.md`: its notes are shown with the English text only.
    pub lang: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<Date>,
    /// The language the notes are written in (front matter `lang:`), for the `lang` attribute.
    pub written_in: Option<String>,
}

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteKey {
    /// The text before the first heading: the resolution as a whole.
    Resolution,
    /// A paragraph id: `op10`, `pp3`, `op4-a`, `fn2`.
    Paragraph(String),
}

/// One note: its key, its Markdown and where it was written.
#[derive(Debug, Clone)]
pub struct Note {
    /// Index of its file in [`Notes::files`].
    pub file: usize,
    pub key: NoteKey,
    /// What follows the paragraph id in the heading (`## pp3 Durban` -> `Durban`).
    pub title: Option<String>,
    /// The Markdown body, without its heading.
    pub markdown: String,
    /// 1-based line of the heading (or of the first line of a note on the resolution).
    pub line: usize,
    /// 1-based line of the first line of `markdown` in the file.
    pub body_line: usize,
    /// The short links (`[[A/RES/61/168#op4]]`) it contains, checked against the archive.
    pub links: Vec<NoteLink>,
}

/// A short link to a resolution or one of its paragraphs, as written in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLink {
    /// What is between the brackets (before any `|`): `A/RES/61/168#op4`, `#op4`.
    pub raw: String,
    /// The resolution, or `None` for the note's own resolution (`[[#op4]]`).
    pub symbol: Option<Symbol>,
    pub paragraph: Option<String>,
    /// 1-based line in the notes file.
    pub line: usize,
}

impl Note {
    /// The words of the note without their Markdown: what the search indexes and a list of
    /// notes quotes. Text, code and short links' words (`[[A/RES/61/168#op4]]` gives
    /// `A/RES/61/168#op4`), blocks separated by a space; raw HTML left out.
    pub fn plain_text(&self) -> String {
        use pulldown_cmark::{Event, Parser, TagEnd};
        let mut text = String::with_capacity(self.markdown.len());
        let space = |text: &mut String| {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        };
        for event in Parser::new_ext(&self.markdown, OPTIONS) {
            match event {
                Event::Text(words) | Event::Code(words) => text.push_str(&words),
                Event::SoftBreak | Event::HardBreak => space(&mut text),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock,
                ) => space(&mut text),
                _ => {}
            }
        }
        text.trim_end().to_string()
    }
}

impl Notes {
    pub fn file_of(&self, note: &Note) -> &NoteFile {
        &self.files[note.file]
    }

    /// The notes shown with the text in `lang` about `key`: every-language notes first.
    pub fn about<'a>(&'a self, key: &'a NoteKey, lang: &'a str) -> impl Iterator<Item = &'a Note> {
        self.notes.iter().filter(move |note| {
            note.key == *key
                && self.files[note.file]
                    .lang
                    .as_deref()
                    .is_none_or(|only| only == lang)
        })
    }

    /// The notes file for `lang` (`None`: `notes.md`), when there is one.
    pub fn file_for(&self, lang: Option<&str>) -> Option<&NoteFile> {
        self.files.iter().find(|f| f.lang.as_deref() == lang)
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
}

impl NoteKey {
    /// The anchor of a note with this key: `note-op10`, `note-resolution`; a note of a
    /// one-language file adds its language (`note-op10-en`), so both can sit on one page.
    pub fn anchor(&self, lang: Option<&str>) -> String {
        let base = match self {
            NoteKey::Resolution => "note-resolution".to_string(),
            NoteKey::Paragraph(id) => format!("note-{id}"),
        };
        match lang {
            Some(lang) => format!("{base}-{lang}"),
            None => base,
        }
    }
}

/// Whether `word` has the shape of a paragraph id: `pp3`, `op10`, `op4-a`, `op4-a-ii`, `fn2`,
/// and in an annex `annex-3`, `annex2-3-a-i`, `annex-pp1`, `annex-fn2`.
pub fn is_paragraph_id(word: &str) -> bool {
    let mut parts = word.split('-');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.take(4).collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let letters = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    let numbered = |s: &str, prefix: &str| s.strip_prefix(prefix).is_some_and(digits);
    if let Some(annex) = first.strip_prefix("annex") {
        let annex_ok = annex.is_empty() || digits(annex);
        return annex_ok
            && match rest.as_slice() {
                [one] => numbered(one, "pp") || numbered(one, "fn") || digits(one),
                [number, subs @ ..] => {
                    digits(number) && subs.len() <= 2 && subs.iter().all(letters)
                }
                [] => false,
            };
    }
    if numbered(first, "pp") || numbered(first, "fn") {
        return rest.is_empty();
    }
    numbered(first, "op") && rest.len() <= 2 && rest.iter().all(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_ids_are_recognised_by_shape() {
        for id in [
            "pp1",
            "op10",
            "op4-a",
            "fn2",
            "op12-bb",
            "op1-a-ii",
            "annex-3",
            "annex2-3",
            "annex-3-a",
            "annex-3-a-i",
            "annex-pp1",
            "annex-fn2",
            "annex2-fn16",
        ] {
            assert!(is_paragraph_id(id), "{id}");
        }
        for word in [
            "Op10",
            "op",
            "op-a",
            "pp3-a",
            "p3",
            "op10a",
            "op 10",
            "Durban",
            "op4-",
            "op1-a-i-x",
            "annex",
            "annex-",
            "annex-a",
            "annexe-3",
            "annex-pp",
            "annex-3-a-i-v",
            "annex-pp1-a",
            "fn2-a",
            "annexII-3",
        ] {
            assert!(!is_paragraph_id(word), "{word}");
        }
    }

    #[test]
    fn a_note_s_plain_text_keeps_its_words_and_drops_its_markup() {
        let note = Note {
            file: 0,
            key: NoteKey::Resolution,
            title: None,
            markdown: "Voir **op10** et [[A/RES/61/168#op4]],\nla suite.\n\n| a | b |\n|---|---|\n| `x` | <b>y</b> |\n".into(),
            line: 1,
            body_line: 1,
            links: Vec::new(),
        };
        assert_eq!(
            note.plain_text(),
            "Voir op10 et A/RES/61/168#op4, la suite. a b x y"
        );
    }

    #[test]
    fn anchors_set_one_language_notes_apart() {
        let key = NoteKey::Paragraph("op10".into());
        assert_eq!(key.anchor(None), "note-op10");
        assert_eq!(key.anchor(Some("en")), "note-op10-en");
        assert_eq!(NoteKey::Resolution.anchor(None), "note-resolution");
    }
}
