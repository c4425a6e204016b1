//! One resolution as a JSON document (`json/<slug>.json`), as `schema.json` describes it.
//!
//! The document is a tree of borrowed views of the model, serialized straight into the file's
//! writer: nothing is copied but the few values computed here (links, rounded similarities).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use jiff::civil::Date;
use serde::Serialize;

use super::Context;
use crate::analysis::{Comparison, Counts, Row, Status};
use crate::archive::references::Reference;
use crate::archive::{
    Annex, Derivation, Footnote, Member, NoteKey, Paragraph, ParagraphKind, Resolution, Symbol,
    Text,
};
use crate::formats::meta::Vote;

/// The version of the format, raised when a field changes meaning or goes away.
pub(super) const FORMAT: &str = "recueil-resolution/1";

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    symbol: &'a str,
    slug: &'a str,
    series: Option<SeriesRef<'a>>,
    session: Option<u32>,
    adopted: Option<Date>,
    meeting: Option<u32>,
    committee: Option<&'static str>,
    report: Vec<&'a str>,
    draft: Option<&'a str>,
    agenda_item: Option<&'a str>,
    agenda_title: &'a BTreeMap<String, String>,
    distributed: Option<Date>,
    vote: Option<&'a Vote>,
    title: &'a BTreeMap<String, String>,
    /// The official document in each language held, on undocs.org.
    official: BTreeMap<&'a str, String>,
    predecessor: Option<Neighbour<'a>>,
    successor: Option<Neighbour<'a>>,
    texts: Vec<TextOut<'a>>,
    notes: Vec<NoteOut<'a>>,
}

#[derive(Serialize)]
struct SeriesRef<'a> {
    id: &'a str,
    title: Option<&'a BTreeMap<String, String>>,
}

/// The member before or after in the series, held by the archive or not.
#[derive(Serialize)]
struct Neighbour<'a> {
    symbol: &'a str,
    held: bool,
    /// Its JSON file beside this one, when the archive holds it.
    json: Option<String>,
    /// How the predecessor is known: `stated`, `recalled` (in `paragraph`) or `order`.
    derivation: Option<&'static str>,
    paragraph: Option<&'a str>,
}

#[derive(Serialize)]
struct TextOut<'a> {
    lang: &'a str,
    complete: bool,
    remark: Option<&'a str>,
    opening: Option<&'a str>,
    paragraphs: Vec<ParagraphOut<'a>>,
    annexes: Vec<AnnexOut<'a>>,
    footnotes: Vec<FootnoteOut<'a>>,
    alignment: Option<AlignmentOut<'a>>,
}

#[derive(Serialize)]
struct ParagraphOut<'a> {
    id: &'a str,
    kind: &'static str,
    number: Option<&'a str>,
    headings: &'a [String],
    text: &'a str,
    markdown: &'a str,
    footnotes: Vec<&'a str>,
    citations: Vec<CitationOut<'a>>,
    /// Its lead verb as the lexicon reads it (`analysis::force`), when it knows it.
    lead_verb: Option<LeadVerbOut<'a>>,
    subparagraphs: Vec<ParagraphOut<'a>>,
}

/// A paragraph's lead verb: as written, the lexicon's entry, its category and rank of force.
#[derive(Serialize)]
pub(super) struct LeadVerbOut<'a> {
    lead: &'a str,
    entry: &'a str,
    category: crate::lexicon::Category,
    rank: u8,
    intensity: u8,
}

/// The lead verb of `paragraph` in `lang`, for the data.
pub(super) fn lead_verb<'a>(
    ctx: &Context<'_, 'a>,
    lang: &str,
    paragraph: &'a Paragraph,
) -> Option<LeadVerbOut<'a>> {
    let verb = crate::analysis::force::verb(ctx.analysis.lexicons, lang, paragraph)?;
    Some(LeadVerbOut {
        lead: verb.lead,
        entry: verb.entry_lead,
        category: verb.category,
        rank: verb.rank,
        intensity: verb.intensity,
    })
}

#[derive(Serialize)]
struct CitationOut<'a> {
    symbol: &'a str,
    /// The words cited, as the text writes them, and their byte offset in `text`.
    text: &'a str,
    start: usize,
    resolution: bool,
    held: bool,
}

#[derive(Serialize)]
struct FootnoteOut<'a> {
    id: &'a str,
    number: &'a str,
    text: &'a str,
    markdown: &'a str,
    citations: Vec<CitationOut<'a>>,
}

#[derive(Serialize)]
struct AnnexOut<'a> {
    id: &'a str,
    heading: &'a str,
    title: Option<&'a str>,
    paragraphs: Vec<ParagraphOut<'a>>,
}

#[derive(Serialize)]
struct AlignmentOut<'a> {
    /// The text compared with: the nearest complete predecessor held in this language.
    predecessor: &'a str,
    /// Incomplete predecessors passed over on the way, nearest first.
    skipped: Vec<&'a str>,
    counts: Counts,
    pairs: Vec<PairOut<'a>>,
    /// Older paragraphs after the point where this (incomplete) text stops.
    not_compared: Vec<&'a str>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    status: Status,
    from: Vec<&'a str>,
    to: Vec<&'a str>,
    moved: bool,
    similarity: Option<f64>,
    /// `strengthened` or `weakened`: the force of the lead verb, when it changed.
    force: Option<crate::analysis::force::Shift>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    /// The one language it is shown with, or none for every language.
    lang: Option<&'a str>,
    paragraph: Option<&'a str>,
    title: Option<&'a str>,
    authors: &'a [String],
    date: Option<Date>,
    markdown: &'a str,
}

/// Writes the JSON document of `resolution`.
pub(super) fn write(
    ctx: &Context<'_, '_>,
    resolution: &Resolution,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let document = document(ctx, resolution);
    serde_json::to_writer_pretty(&mut *out, &document).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

fn document<'a>(ctx: &Context<'_, 'a>, resolution: &'a Resolution) -> Document<'a> {
    let meta = &resolution.meta;
    let member = ctx.archive.member(resolution);
    let series = meta.series.as_deref().map(|id| SeriesRef {
        id,
        title: ctx.archive.series(id).map(|s| &s.title),
    });
    Document {
        format: FORMAT,
        symbol: resolution.symbol.as_str(),
        slug: &resolution.slug,
        series,
        session: resolution.session(),
        adopted: meta.adopted,
        meeting: meta.meeting,
        committee: meta.committee.map(|c| c.key()),
        report: meta.report.iter().map(|s| s.as_str()).collect(),
        draft: meta.draft.as_ref().map(|s| s.as_str()),
        agenda_item: meta.agenda_item.as_deref(),
        agenda_title: &meta.agenda_title,
        distributed: meta.distributed,
        vote: meta.vote.as_ref(),
        title: &meta.title,
        official: resolution
            .texts
            .iter()
            .map(|t| (t.lang.as_str(), resolution.symbol.official_url(&t.lang)))
            .collect(),
        predecessor: member.and_then(|m| predecessor(ctx, m)),
        successor: member.and_then(|m| {
            let symbol = m.successor.as_ref()?;
            Some(neighbour(ctx, symbol, None, None))
        }),
        texts: resolution
            .texts
            .iter()
            .map(|text| text_out(ctx, resolution, text))
            .collect(),
        notes: notes(resolution),
    }
}

fn predecessor<'a>(ctx: &Context<'_, 'a>, member: &'a Member) -> Option<Neighbour<'a>> {
    let symbol = member.predecessor.as_ref()?;
    let (derivation, paragraph) = match &member.derivation {
        Some(Derivation::Stated) => (Some("stated"), None),
        Some(Derivation::Recalled { paragraph }) => (Some("recalled"), Some(paragraph.as_str())),
        Some(Derivation::Order) => (Some("order"), None),
        None => (None, None),
    };
    Some(neighbour(ctx, symbol, derivation, paragraph))
}

fn neighbour<'a>(
    ctx: &Context<'_, 'a>,
    symbol: &'a Symbol,
    derivation: Option<&'static str>,
    paragraph: Option<&'a str>,
) -> Neighbour<'a> {
    let held = ctx.archive.resolution(symbol);
    Neighbour {
        symbol: symbol.as_str(),
        held: held.is_some(),
        json: held.map(|r| format!("{}.json", r.slug)),
        derivation,
        paragraph,
    }
}

fn text_out<'a>(ctx: &Context<'_, 'a>, resolution: &'a Resolution, text: &'a Text) -> TextOut<'a> {
    let paragraphs = |list: &'a [Paragraph]| -> Vec<ParagraphOut<'a>> {
        list.iter()
            .map(|p| paragraph_out(ctx, &text.lang, p))
            .collect()
    };
    TextOut {
        lang: &text.lang,
        complete: text.complete,
        remark: text.remark.as_deref(),
        opening: text.opening.as_deref(),
        paragraphs: paragraphs(&text.paragraphs),
        annexes: text
            .annexes
            .iter()
            .map(|annex: &'a Annex| AnnexOut {
                id: &annex.id,
                heading: &annex.heading,
                title: annex.title.as_deref(),
                paragraphs: paragraphs(&annex.paragraphs),
            })
            .collect(),
        footnotes: text
            .footnotes
            .iter()
            .map(|f| footnote_out(ctx, f))
            .collect(),
        alignment: ctx
            .analysis
            .as_newer(resolution, &text.lang)
            .map(|c| alignment_out(ctx, c)),
    }
}

fn paragraph_out<'a>(
    ctx: &Context<'_, 'a>,
    lang: &str,
    paragraph: &'a Paragraph,
) -> ParagraphOut<'a> {
    ParagraphOut {
        id: &paragraph.id,
        kind: kind_name(paragraph.kind),
        number: paragraph.label.as_deref(),
        headings: &paragraph.headings,
        text: &paragraph.plain,
        markdown: &paragraph.markdown,
        footnotes: footnote_refs(&paragraph.html).collect(),
        citations: citations(ctx, &paragraph.cites),
        lead_verb: lead_verb(ctx, lang, paragraph),
        subparagraphs: paragraph
            .subs
            .iter()
            .map(|s| paragraph_out(ctx, lang, s))
            .collect(),
    }
}

pub(super) fn kind_name(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Preambular => "preambular",
        ParagraphKind::Operative => "operative",
        ParagraphKind::Sub => "subparagraph",
        ParagraphKind::Annex => "annex",
    }
}

/// The ids of the footnotes a paragraph's HTML refers to (`href="#fn1" role="doc-noteref"`), in
/// order.
pub(super) fn footnote_refs(html: &str) -> impl Iterator<Item = &str> {
    html.split(" role=\"doc-noteref\"")
        .filter_map(|before| before.rsplit_once(" href=\"#"))
        .map(|(_, id)| id.trim_end_matches('"'))
        .filter(|id| !id.contains(['<', '>', ' ']))
}

fn citations<'a>(ctx: &Context<'_, 'a>, cites: &'a [Reference]) -> Vec<CitationOut<'a>> {
    cites
        .iter()
        .map(|c| CitationOut {
            symbol: c.symbol.as_str(),
            text: &c.anchor,
            start: c.start,
            resolution: c.resolution,
            held: ctx.archive.resolution(&c.symbol).is_some(),
        })
        .collect()
}

fn footnote_out<'a>(ctx: &Context<'_, 'a>, footnote: &'a Footnote) -> FootnoteOut<'a> {
    FootnoteOut {
        id: &footnote.id,
        number: &footnote.label,
        text: &footnote.plain,
        markdown: &footnote.markdown,
        citations: citations(ctx, &footnote.cites),
    }
}

fn alignment_out<'a>(ctx: &Context<'_, 'a>, comparison: &Comparison<'a>) -> AlignmentOut<'a> {
    let ids = |ps: &[&'a Paragraph]| -> Vec<&'a str> { ps.iter().map(|p| p.id.as_str()).collect() };
    AlignmentOut {
        predecessor: comparison.older.symbol.as_str(),
        skipped: comparison
            .skipped
            .iter()
            .map(|r| r.symbol.as_str())
            .collect(),
        counts: comparison.counts(),
        pairs: comparison
            .rows()
            .map(|row: &Row<'a>| PairOut {
                status: row.status,
                from: ids(&row.from),
                to: ids(&row.to),
                moved: row.moved,
                similarity: row.similarity.map(rounded),
                force: crate::analysis::force::change(ctx.analysis.lexicons, comparison.lang, row)
                    .map(|c| c.shift),
            })
            .collect(),
        not_compared: ids(&comparison.not_compared),
    }
}

/// A similarity with three decimals, as a reader compares them.
pub(super) fn rounded(similarity: f32) -> f64 {
    (f64::from(similarity) * 1000.0).round() / 1000.0
}

fn notes(resolution: &Resolution) -> Vec<NoteOut<'_>> {
    resolution
        .notes
        .notes
        .iter()
        .map(|note| {
            let file = resolution.notes.file_of(note);
            NoteOut {
                lang: file.lang.as_deref(),
                paragraph: match &note.key {
                    NoteKey::Resolution => None,
                    NoteKey::Paragraph(id) => Some(id.as_str()),
                },
                title: note.title.as_deref(),
                authors: &file.authors,
                date: file.date,
                markdown: &note.markdown,
            }
        })
        .collect()
}

/// The rows of a comparison by the id of each newer paragraph they lead to.
pub(super) fn rows_by_newer<'r, 'a>(
    comparison: &'r Comparison<'a>,
) -> HashMap<&'a str, &'r Row<'a>> {
    comparison
        .rows()
        .flat_map(|row| row.to.iter().map(move |p| (p.id.as_str(), row)))
        .collect()
}
