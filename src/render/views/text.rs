//! A text as its resolution page shows it: the preamble, the operative part and each annex, cut
//! into blocks where a section heading stands (the heading shown before the paragraphs it
//! introduces, never as a paragraph), and where numbered and unnumbered paragraphs alternate (an
//! annex's opening words, then its numbered paragraphs).

use serde::Serialize;

use super::{FootnoteView, ParagraphView, Scope, Views};
use crate::archive::{Annex, Paragraph, ParagraphKind, Text};
use crate::render::notes::Page;

#[derive(Serialize)]
pub(crate) struct TextView<'a> {
    pub lang: &'a str,
    pub complete: bool,
    pub remark: Option<&'a str>,
    pub last_id: Option<&'a str>,
    /// The last paragraph named, with its article ("l’alinéa 5 du préambule").
    pub last_name: Option<String>,
    pub opening: Option<&'a str>,
    pub preamble: Vec<Block<'a>>,
    pub operative: Vec<Block<'a>>,
    pub annexes: Vec<AnnexView<'a>>,
    pub footnotes: Vec<FootnoteView<'a>>,
}

/// Paragraphs that follow one another with no heading between them, all numbered or all not.
#[derive(Serialize)]
pub(crate) struct Block<'a> {
    /// The section headings before the block (those of its first paragraph).
    pub headings: &'a [String],
    /// Numbered paragraphs are an ordered list; the others stand on their own.
    pub numbered: bool,
    pub paragraphs: Vec<ParagraphView<'a>>,
}

#[derive(Serialize)]
pub(crate) struct AnnexView<'a> {
    /// Its id (`annex`, `annex2`): the anchor of its heading.
    pub id: &'a str,
    /// As written: `Annex`, `Annexe II`.
    pub heading: &'a str,
    pub title: Option<&'a str>,
    pub blocks: Vec<Block<'a>>,
}

impl<'a> Views<'a> {
    pub fn text(&self, text: &'a Text, page: &Page) -> TextView<'a> {
        let part = |kind| {
            let paragraphs = text.paragraphs.iter().filter(|p| p.kind == kind);
            self.blocks(paragraphs, &text.lang, page)
        };
        TextView {
            lang: &text.lang,
            complete: text.complete,
            remark: text.remark.as_deref(),
            last_id: text.last_id(),
            last_name: text
                .last_id()
                .map(|id| self.strings.paragraph_name_the(page.lang, id)),
            opening: text.opening.as_deref(),
            preamble: part(ParagraphKind::Preambular),
            operative: part(ParagraphKind::Operative),
            annexes: text
                .annexes
                .iter()
                .map(|annex: &'a Annex| AnnexView {
                    id: &annex.id,
                    heading: &annex.heading,
                    title: annex.title.as_deref(),
                    blocks: self.blocks(annex.paragraphs.iter(), &text.lang, page),
                })
                .collect(),
            footnotes: self.footnotes(text, "", page, Scope::All),
        }
    }

    /// The paragraphs of a part, in blocks: a new one at each heading and wherever numbered
    /// and unnumbered paragraphs meet.
    fn blocks(
        &self,
        paragraphs: impl Iterator<Item = &'a Paragraph>,
        lang: &str,
        page: &Page,
    ) -> Vec<Block<'a>> {
        let mut blocks: Vec<Block<'a>> = Vec::new();
        for paragraph in paragraphs {
            let numbered = paragraph.label.is_some();
            let view = self.paragraph(paragraph, lang, page);
            match blocks.last_mut() {
                Some(block) if paragraph.headings.is_empty() && block.numbered == numbered => {
                    block.paragraphs.push(view);
                }
                _ => blocks.push(Block {
                    headings: &paragraph.headings,
                    numbered,
                    paragraphs: vec![view],
                }),
            }
        }
        blocks
    }
}

impl<'a> TextView<'a> {
    /// Every paragraph shown, sub-paragraphs and their items included, to be completed (with
    /// their history).
    pub fn each_paragraph_mut(&mut self, mut f: impl FnMut(&mut ParagraphView<'a>)) {
        let annexes = self.annexes.iter_mut().flat_map(|a| a.blocks.iter_mut());
        let blocks = self
            .preamble
            .iter_mut()
            .chain(self.operative.iter_mut())
            .chain(annexes);
        for paragraph in blocks.flat_map(|b| b.paragraphs.iter_mut()) {
            f(paragraph);
            for sub in &mut paragraph.subs {
                f(sub);
                for item in &mut sub.subs {
                    f(item);
                }
            }
        }
    }
}
