//! What templates see of contributors' notes, and the links to write or edit them.
//!
//! A note is shown with every text its file applies to (`notes.md`: all; `notes.en.md`: the
//! English one), beside the paragraph it is about. With `repository-url` in book.toml, each note
//! links to its file on the repository host ("edit this note") and each paragraph to the notes
//! file where a note on it belongs ("annotate this paragraph"): the file's edit page when it
//! exists, else a new-file page with the front matter and heading already written (GitHub's
//! `new/<branch>/<folder>?filename=…&value=…`).

use std::path::Path;

use serde::Serialize;

use super::Views;
use crate::archive::{Note, NoteKey, Resolution};
use crate::render::notes::{Page, note_html};

#[derive(Serialize)]
pub(crate) struct NoteView {
    /// Its anchor: `note-op10`, `note-op10-en`, `note-resolution`.
    pub anchor: String,
    /// The paragraph id it is about; none for a note on the resolution.
    pub key: Option<String>,
    /// That paragraph as a reader names it, with its article ("le paragraphe 10").
    pub key_name: Option<String>,
    pub title: Option<String>,
    pub html: String,
    pub authors: Option<String>,
    pub date: Option<String>,
    /// The language it is written in, when its front matter says.
    pub written_in: Option<String>,
    /// When that is not the page's language: "en anglais", in the page's words.
    pub written_in_name: Option<String>,
    /// For a note of `notes.<lang>.md`: that language, named in the page's language.
    pub only_lang: Option<String>,
    pub edit_href: Option<String>,
}

/// Which of the notes about a paragraph a place on the page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every note shown with the text in that language (a resolution page).
    All,
    /// Only the notes of `notes.md` (a row of the parallel page).
    Shared,
    /// Only the notes of `notes.<lang>.md` (a cell of the parallel page).
    OwnLanguage,
}

impl<'a> Views<'a> {
    /// The notes about `key` shown with the text in `lang` on `page`.
    pub(crate) fn notes_about(
        &self,
        page: &Page,
        key: &NoteKey,
        lang: &str,
        scope: Scope,
    ) -> Vec<NoteView> {
        let notes = self.notes_of(page.resolution);
        notes
            .about(key, lang)
            .filter(|note| {
                let own = notes.file_of(note).lang.is_some();
                match scope {
                    Scope::All => true,
                    Scope::Shared => !own,
                    Scope::OwnLanguage => own,
                }
            })
            .map(|note| self.note_view(note, page))
            .collect()
    }

    fn note_view(&self, note: &Note, page: &Page) -> NoteView {
        let file = self.notes_of(page.resolution).file_of(note);
        let anchor = note.key.anchor(file.lang.as_deref());
        NoteView {
            html: note_html(note, &anchor, page, self.config.trust_html),
            anchor,
            key: match &note.key {
                NoteKey::Resolution => None,
                NoteKey::Paragraph(id) => Some(id.clone()),
            },
            key_name: match &note.key {
                NoteKey::Resolution => None,
                NoteKey::Paragraph(id) => Some(self.strings.paragraph_name_the(page.lang, id)),
            },
            title: note.title.clone(),
            authors: (!file.authors.is_empty()).then(|| file.authors.join(", ")),
            date: file.date.map(|d| self.strings.date(page.lang, d)),
            written_in: file.written_in.clone(),
            written_in_name: file
                .written_in
                .as_deref()
                .filter(|w| *w != page.lang)
                .map(|w| {
                    let language = self.strings.language_name(page.lang, w);
                    self.strings
                        .sentence(page.lang, "written_in", &[("language", &language)])
                }),
            only_lang: file
                .lang
                .as_deref()
                .map(|l| self.strings.language_name(page.lang, l)),
            edit_href: self.edit_href(&file.path),
        }
    }

    /// Whether a note shown with the text of `resolution` in one of `langs` holds fenced code
    /// in a language (highlighted: the page needs the highlighting stylesheets).
    pub(crate) fn shows_code(&self, resolution: &Resolution, langs: &[&str]) -> bool {
        let notes = self.notes_of(resolution);
        notes.notes.iter().any(|note| {
            let applies = notes
                .file_of(note)
                .lang
                .as_deref()
                .is_none_or(|only| langs.contains(&only));
            applies && has_fenced_code(&note.markdown)
        })
    }

    /// The repository page that edits the file at `path` (under the archive's root).
    pub(crate) fn edit_href(&self, path: &Path) -> Option<String> {
        let repository = self.config.repository_url.as_deref()?;
        let branch = &self.config.repository_branch;
        Some(format!(
            "{repository}/edit/{branch}/{}",
            self.repo_path(path)
        ))
    }

    /// Where to write a note on `id` (or on the whole resolution): the edit page of `notes.md`
    /// when it exists, else a new-file page holding the front matter and the heading.
    pub(crate) fn annotate_href(
        &self,
        resolution: &Resolution,
        id: Option<&str>,
    ) -> Option<String> {
        if let Some(file) = self.notes_of(resolution).file_for(None) {
            return self.edit_href(&file.path);
        }
        let repository = self.config.repository_url.as_deref()?;
        let branch = &self.config.repository_branch;
        let folder = self.repo_path(&resolution.dir);
        let value = new_notes_file(id);
        Some(format!(
            "{repository}/new/{branch}/{folder}?filename=notes.md&value={}",
            percent_encode(&value)
        ))
    }

    fn repo_path(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.config.root).unwrap_or(path);
        relative
            .components()
            .map(|c| percent_encode(&c.as_os_str().to_string_lossy()))
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Whether Markdown holds a fenced code block with a language (`yaml`, `rust`…).
fn has_fenced_code(markdown: &str) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    (markdown.contains("```") || markdown.contains("~~~"))
        && Parser::new_ext(markdown, crate::archive::notes::OPTIONS).any(|event| {
            matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if !info.trim().is_empty())
        })
}

/// The text of a new notes file: front matter to fill in, and the heading of the note on `id`.
pub(crate) fn new_notes_file(id: Option<&str>) -> String {
    let heading = id.map(|id| format!("## {id}\n\n")).unwrap_or_default();
    format!("---\nauthors: []\n---\n\n{heading}")
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_file_links_carry_the_front_matter_and_heading_encoded() {
        assert_eq!(
            percent_encode(&new_notes_file(Some("op10"))),
            "---%0Aauthors%3A%20%5B%5D%0A---%0A%0A%23%23%20op10%0A%0A"
        );
        assert_eq!(percent_encode("a-res-61-168"), "a-res-61-168");
        assert_eq!(percent_encode("é /\n"), "%C3%A9%20%2F%0A");
    }

    #[test]
    fn only_fenced_code_in_a_language_needs_the_highlighting() {
        assert!(has_fenced_code("Voir :\n\n```yaml\na: 1\n```\n"));
        assert!(has_fenced_code("> ~~~ rust\n> fn f() {}\n> ~~~\n"));
        assert!(!has_fenced_code("```\nplain\n```\n"));
        assert!(!has_fenced_code("Un mot en `code` et ``` au milieu."));
    }
}
