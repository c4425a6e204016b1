//! The force of each paragraph's lead verb, and where it changes: from one year to the next,
//! and between the languages of one text.
//!
//! A paragraph's lead is the words in *italics* that open it in its canonical text (kept by the
//! loader as `Paragraph::lead`); the words of the paragraph from there are looked up in the
//! lexicon of its language and part (`lexicon`), which gives the lead's category and rank; its
//! intensifiers ("strongly", "vivement", "deep") add steps within that rank. A [`Force`] is the
//! pair (rank, intensifiers), ordered rank first, so that "Strongly encourages" is stronger than
//! "Encourages" and weaker than "Requests". Only the resolution's own preambular and operative
//! paragraphs have a lead: sub-paragraphs and annexes are not read.
//!
//! A continued paragraph whose lead changed force between two texts is *strengthened* or
//! *weakened* ([`change`]); a paragraph whose leads differ in rank between two languages of one
//! resolution is a translation to look at ([`disagreements`]). [`problems`] reports both, with
//! the leads the lexicon does not know, for `check`. Facts only: FORCE.md says what a mark means
//! and what it does not.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::{Row, Status};
use crate::archive::{Archive, Paragraph, ParagraphKind, Resolution, Text};
use crate::diag::{Problem, Problems};
use crate::lexicon::{Category, Entry, Lexicons, Part};

/// How strong a lead is: its rank, then how many intensifiers it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Force {
    pub rank: u8,
    pub intensity: u8,
}

/// A paragraph's lead, read.
#[derive(Debug, Clone, Copy)]
pub struct Lead<'a> {
    /// The words read as the lead, as written ("Demande instamment"); the words in italics
    /// when the lexicon does not know them.
    pub written: &'a str,
    /// Its lexicon entry; none when the lexicon does not know it.
    pub entry: Option<&'a Entry>,
    pub intensity: u8,
}

impl Lead<'_> {
    pub fn force(&self) -> Option<Force> {
        self.entry.map(|e| Force {
            rank: e.rank,
            intensity: self.intensity,
        })
    }
}

/// A paragraph's lead verb, its category and rank, as the data export carries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Verb<'a> {
    /// The words read as the lead, as written: `Strongly urges`.
    pub lead: &'a str,
    /// The lexicon's lead it was read as: `Urges`.
    pub entry_lead: &'a str,
    pub category: Category,
    /// 1 (weakest) to 10, on the scale of its part (preamble or operative part).
    pub rank: u8,
    /// How many intensifiers raise it within its rank.
    pub intensity: u8,
}

/// The lead verb of `paragraph` (of a text in `lang`) for the export: none when it has no lead
/// in italics, its language no lexicon, or the lexicon does not know its lead.
pub(crate) fn verb<'a>(
    lexicons: &'a Lexicons,
    lang: &str,
    paragraph: &'a Paragraph,
) -> Option<Verb<'a>> {
    let lead = lead(lexicons, lang, paragraph)?;
    let entry = lead.entry?;
    Some(Verb {
        lead: lead.written,
        entry_lead: &entry.lead,
        category: entry.category,
        rank: entry.rank,
        intensity: lead.intensity,
    })
}

/// The scale a paragraph's lead is read on; none for sub-paragraphs and annexes.
fn part_of(kind: ParagraphKind) -> Option<Part> {
    match kind {
        ParagraphKind::Preambular => Some(Part::Preambular),
        ParagraphKind::Operative => Some(Part::Operative),
        ParagraphKind::Sub | ParagraphKind::Annex => None,
    }
}

/// The lead of `paragraph` in a text of `lang`: none when it has no lead in italics, is no
/// paragraph of the preamble or the operative part, or its language has no lexicon.
pub fn lead<'a>(lexicons: &'a Lexicons, lang: &str, paragraph: &'a Paragraph) -> Option<Lead<'a>> {
    let italic = paragraph.lead.as_deref()?;
    let part = part_of(paragraph.kind)?;
    let lexicon = lexicons.get(lang)?;
    Some(match lexicon.find(part, &paragraph.plain) {
        Some(found) => Lead {
            written: paragraph.plain[..found.end].trim(),
            entry: Some(found.entry),
            intensity: found.intensity,
        },
        None => Lead {
            written: italic,
            entry: None,
            intensity: 0,
        },
    })
}

/// Which way a lead's force went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shift {
    Strengthened,
    Weakened,
}

impl Shift {
    pub fn as_str(self) -> &'static str {
        match self {
            Shift::Strengthened => "strengthened",
            Shift::Weakened => "weakened",
        }
    }

    /// The shift from `older` to `newer`, if their forces differ.
    pub fn between(older: Force, newer: Force) -> Option<Shift> {
        match newer.cmp(&older) {
            std::cmp::Ordering::Greater => Some(Shift::Strengthened),
            std::cmp::Ordering::Less => Some(Shift::Weakened),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// A continued paragraph whose lead changed force.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub shift: Shift,
    pub from: Lead<'a>,
    pub to: Lead<'a>,
}

/// How a row of a comparison in `lang` changed its lead's force, when it continues a paragraph
/// (the first of a merge or split on each side) and both leads are known.
pub fn change<'a>(lexicons: &'a Lexicons, lang: &str, row: &Row<'a>) -> Option<Change<'a>> {
    if !matches!(row.status, Status::Unchanged | Status::Modified) {
        return None;
    }
    let from = lead(lexicons, lang, row.from.first()?)?;
    let to = lead(lexicons, lang, row.to.first()?)?;
    let shift = Shift::between(from.force()?, to.force()?)?;
    Some(Change { shift, from, to })
}

/// How many rows strengthened and weakened their lead.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shifts {
    pub strengthened: usize,
    pub weakened: usize,
}

impl Shifts {
    pub fn add(&mut self, shift: Shift) {
        match shift {
            Shift::Strengthened => self.strengthened += 1,
            Shift::Weakened => self.weakened += 1,
        }
    }

    /// Which way the text as a whole went: more paragraphs strengthened than weakened, or fewer.
    pub fn overall(&self) -> Option<Shift> {
        match self.strengthened.cmp(&self.weakened) {
            std::cmp::Ordering::Greater => Some(Shift::Strengthened),
            std::cmp::Ordering::Less => Some(Shift::Weakened),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// The shifts of every row of a comparison in `lang`.
pub fn shifts<'r, 'a: 'r>(
    lexicons: &'a Lexicons,
    lang: &str,
    rows: impl IntoIterator<Item = &'r Row<'a>>,
) -> Shifts {
    let mut shifts = Shifts::default();
    for change in rows.into_iter().filter_map(|r| change(lexicons, lang, r)) {
        shifts.add(change.shift);
    }
    shifts
}

/// One paragraph of a resolution whose leads have different ranks in two languages.
#[derive(Debug, Clone, Copy)]
pub struct Disagreement<'a> {
    pub id: &'a str,
    /// (language, text, paragraph, lead) of the first text of the resolution, then of the other.
    pub first: Side<'a>,
    pub other: Side<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub text: &'a Text,
    pub paragraph: &'a Paragraph,
    pub lead: Lead<'a>,
}

/// The paragraphs of `resolution` whose known leads differ in rank between its first text and
/// another (intensifiers aside: "Demande instamment" and "Urges" agree).
pub fn disagreements<'a>(
    lexicons: &'a Lexicons,
    resolution: &'a Resolution,
) -> Vec<Disagreement<'a>> {
    let Some((first, others)) = resolution.texts.split_first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for other in others {
        let by_id: HashMap<&str, &Paragraph> =
            other.own_paragraphs().map(|p| (p.id.as_str(), p)).collect();
        for paragraph in first.own_paragraphs() {
            let Some(&twin) = by_id.get(paragraph.id.as_str()) else {
                continue;
            };
            let side = |text: &'a Text, paragraph: &'a Paragraph| {
                let lead = lead(lexicons, &text.lang, paragraph)?;
                lead.entry?;
                Some(Side {
                    text,
                    paragraph,
                    lead,
                })
            };
            let (Some(a), Some(b)) = (side(first, paragraph), side(other, twin)) else {
                continue;
            };
            if a.lead.force().map(|f| f.rank) != b.lead.force().map(|f| f.rank) {
                found.push(Disagreement {
                    id: &paragraph.id,
                    first: a,
                    other: b,
                });
            }
        }
    }
    found
}

/// For `check`: each lead the lexicon of its language does not know, and each paragraph whose
/// leads differ in rank between languages (a translation to look at), with file and line.
pub fn problems(archive: &Archive, lexicons: &Lexicons) -> Problems {
    let mut problems = Problems::new();
    for resolution in &archive.resolutions {
        for text in &resolution.texts {
            unknown_leads(lexicons, text, &mut problems);
        }
        for d in disagreements(lexicons, resolution) {
            problems.push(disagreement_problem(&d));
        }
    }
    problems
}

fn unknown_leads(lexicons: &Lexicons, text: &Text, problems: &mut Problems) {
    let Some(lexicon) = lexicons.get(&text.lang) else {
        return;
    };
    for paragraph in text.own_paragraphs() {
        let Some(lead) = lead(lexicons, &text.lang, paragraph) else {
            continue;
        };
        if lead.entry.is_some() {
            continue;
        }
        let message = format!(
            "{}: the lead `{}` is not in the {} lexicon",
            paragraph.id, lead.written, text.lang
        );
        let hint = format!(
            "if it is a lead verb, add it to {} with its category and rank (see FORCE.md); if the \
             italics hold words that are no lead, correct them",
            shown_lexicon(&lexicon.path)
        );
        problems.push(
            Problem::warning(&text.path, message)
                .at(paragraph.line, None)
                .hint(hint),
        );
    }
}

fn shown_lexicon(path: &Path) -> String {
    crate::diag::shown(path).display().to_string()
}

fn disagreement_problem(d: &Disagreement) -> Problem {
    let describe = |side: &Side| {
        let entry = side.lead.entry.expect("a known lead");
        format!(
            "{} *{}* ({}, rank {})",
            side.text.lang,
            side.lead.written,
            entry.category.as_str(),
            entry.rank
        )
    };
    let message = format!(
        "{}: the lead verbs differ in force between languages: {} but {}",
        d.id,
        describe(&d.first),
        describe(&d.other)
    );
    Problem::warning(&d.other.text.path, message)
        .at(d.other.paragraph.line, None)
        .hint(format!(
            "a translation to look at: read {} of both texts against the official documents \
             (line {} of {})",
            d.id,
            d.first.paragraph.line,
            crate::diag::shown(&d.first.text.path).display()
        ))
}
