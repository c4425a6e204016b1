//! One language version of a resolution, as structured paragraphs.
//!
//! Paragraph ids are the spine of the archive: `pp1`… for preambular paragraphs, `op1`… for
//! operative ones, `op4-a` for a sub-paragraph and `op4-a-i` for one of its items, `fn1`… for
//! footnotes. An annex keeps its own numbering under its id (`annex-3`, `annex2-3`, `annex-3-a`,
//! `annex-pp1` for an unnumbered paragraph, `annex-fn1` for a footnote first referenced there).
//! They are the HTML anchors, the keys of notes and the unit of alignment between languages and
//! years. Section headings are facts about the paragraph they stand before, never paragraphs.

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
    /// The annexes after the resolution's own paragraphs, in order.
    pub annexes: Vec<Annex>,
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    Preambular,
    Operative,
    /// A sub-paragraph `(a)` or one of its items `(i)`, of an operative or annex paragraph.
    Sub,
    /// A paragraph of an annex, numbered (`annex-3`) or not (`annex-pp1`).
    Annex,
}

/// A paragraph with its id, its inline HTML (escaped, with footnote links) and its plain text.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub id: String,
    pub kind: ParagraphKind,
    /// What readers see as its number: `1`, `(a)`, `(i)`; nothing for the preamble, an
    /// unnumbered operative paragraph or an unnumbered paragraph of an annex.
    pub label: Option<String>,
    pub html: String,
    pub plain: String,
    /// The words in *italics* that open it ("Demande instamment", "Reaffirming its
    /// commitment"), as plain text: its lead, where the analysis reads the force of its verb.
    pub lead: Option<String>,
    /// Its words as the canonical text writes them (Markdown: `*Réaffirmant* … 1993[^1],`),
    /// without its number or label; its lines joined by a space.
    pub markdown: String,
    /// 1-based line in the canonical text, for diagnostics.
    pub line: usize,
    /// The documents it cites, in text order (found by `archive::references`).
    pub cites: Vec<Reference>,
    /// The section headings written right before it (`### Peacebuilding Commission`), in order.
    pub headings: Vec<String>,
    /// Its sub-paragraphs; a sub-paragraph's own items (`(i)`) sit in it, never deeper.
    pub subs: Vec<Paragraph>,
}

/// An annex: a text the resolution adopts or transmits, printed after it.
#[derive(Debug, Clone)]
pub struct Annex {
    /// `annex` when the text has one annex; `annex1`, `annex2`… when it has several.
    pub id: String,
    /// The heading as written: `Annex`, `Annexe II`.
    pub heading: String,
    /// Its title (the first `###` heading right after the annex heading).
    pub title: Option<String>,
    /// 1-based line of the annex heading.
    pub line: usize,
    pub paragraphs: Vec<Paragraph>,
}

/// A footnote with the number the official text gives it.
#[derive(Debug, Clone)]
pub struct Footnote {
    /// `fnN`, or `annex-fnN` when its first reference stands in an annex.
    pub id: String,
    pub label: String,
    pub html: String,
    pub plain: String,
    /// Its words as the canonical text writes them, without `[^N]: `.
    pub markdown: String,
    pub line: usize,
    /// Anchors of the references to it (`fnref1`), for back-links.
    pub refs: Vec<String>,
    /// The documents it cites, in text order.
    pub cites: Vec<Reference>,
}

/// A paragraph, then its sub-paragraphs, each followed by its own items.
pub fn tree(paragraph: &Paragraph) -> impl Iterator<Item = &Paragraph> {
    std::iter::once(paragraph).chain(
        paragraph
            .subs
            .iter()
            .flat_map(|sub| std::iter::once(sub).chain(sub.subs.iter())),
    )
}

/// Calls `f` on every paragraph of `paragraphs` and of their sub-paragraphs, in reading order.
pub fn each_mut(paragraphs: &mut [Paragraph], f: &mut impl FnMut(&mut Paragraph)) {
    for paragraph in paragraphs {
        f(paragraph);
        for sub in &mut paragraph.subs {
            f(sub);
            for item in &mut sub.subs {
                f(item);
            }
        }
    }
}

/// Every paragraph of the resolution, then of each annex, sub-paragraphs after their parent.
pub fn all_in<'a>(
    paragraphs: &'a [Paragraph],
    annexes: &'a [Annex],
) -> impl Iterator<Item = &'a Paragraph> {
    paragraphs
        .iter()
        .chain(annexes.iter().flat_map(|a| a.paragraphs.iter()))
        .flat_map(tree)
}

impl Annex {
    /// Its paragraphs, sub-paragraphs after their parent.
    pub fn all_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().flat_map(tree)
    }
}

impl Text {
    /// Every paragraph, the resolution's then each annex's, sub-paragraphs after their parent.
    pub fn all_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        all_in(&self.paragraphs, &self.annexes)
    }

    /// The resolution's own paragraphs (no annex), sub-paragraphs after their parent.
    pub fn own_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().flat_map(tree)
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

/// `2000[^2] et` -> `2000 et`: a text's words without its footnote references (`[^N]`), for
/// search and for matching words across forms. Borrowed when there is none.
pub(crate) fn without_footnote_refs(plain: &str) -> std::borrow::Cow<'_, str> {
    if !plain.contains("[^") {
        return std::borrow::Cow::Borrowed(plain);
    }
    let mut out = String::with_capacity(plain.len());
    let mut rest = plain;
    while let Some(start) = rest.find("[^") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}
