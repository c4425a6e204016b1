//! One language version of a resolution, as structured paragraphs.
//!
//! Paragraph ids are the spine of the archive: `pp1`… for preambular paragraphs, `op1`… for
//! operative ones, `op4-a` for a sub-paragraph, `fn1`… for footnotes. They are the HTML anchors,
//! the keys of notes and the unit of alignment between languages and years.

use std::path::PathBuf;

use crate::archive::references::Reference;

/// A canonical text (`fr.md`), parsed.
#[derive(Debug, Clone)]
pub struct Text {
    pub lang: String,
    pub path: PathBuf,
    /// False when the source stopped before the end of the resolution.
    pub complete: bool,
    pub remark: Option<String>,
    /// "L'Assemblée générale," — the words before the first paragraph.
    pub opening: Option<String>,
    /// Preambular then operative paragraphs, in order; sub-paragraphs sit in their parent.
    pub paragraphs: Vec<Paragraph>,
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Preambular,
    Operative,
    Sub,
}

/// A paragraph with its id, its inline HTML (escaped, with footnote links) and its plain text.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub id: String,
    pub kind: ParagraphKind,
    /// What readers see as its number: `1`, `(a)`; nothing for the preamble.
    pub label: Option<String>,
    pub html: String,
    pub plain: String,
    /// 1-based line in the canonical text, for diagnostics.
    pub line: usize,
    /// The documents it cites, in text order (found by `archive::references`).
    pub cites: Vec<Reference>,
    pub subs: Vec<Paragraph>,
}

/// A footnote with the number the official text gives it.
#[derive(Debug, Clone)]
pub struct Footnote {
    pub id: String,
    pub label: String,
    pub html: String,
    pub plain: String,
    pub line: usize,
    /// Anchors of the references to it (`fnref1`), for back-links.
    pub refs: Vec<String>,
    /// The documents it cites, in text order.
    pub cites: Vec<Reference>,
}

impl Text {
    /// Every paragraph, sub-paragraphs right after their parent.
    pub fn all_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs
            .iter()
            .flat_map(|p| std::iter::once(p).chain(p.subs.iter()))
    }

    pub fn paragraph(&self, id: &str) -> Option<&Paragraph> {
        self.all_paragraphs().find(|p| p.id == id)
    }

    pub fn count(&self, kind: ParagraphKind) -> usize {
        self.all_paragraphs().filter(|p| p.kind == kind).count()
    }

    /// Every paragraph (with its kind) and footnote (`None`) with its id and what it cites.
    pub fn citing_parts(
        &self,
    ) -> impl Iterator<Item = (&str, Option<ParagraphKind>, &[Reference])> {
        let paragraphs = self
            .all_paragraphs()
            .map(|p| (p.id.as_str(), Some(p.kind), p.cites.as_slice()));
        let footnotes = self
            .footnotes
            .iter()
            .map(|f| (f.id.as_str(), None, f.cites.as_slice()));
        paragraphs.chain(footnotes)
    }

    /// The id of the last paragraph held (where an incomplete text stops).
    pub fn last_id(&self) -> Option<&str> {
        self.all_paragraphs().last().map(|p| p.id.as_str())
    }
}
