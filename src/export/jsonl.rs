//! The paragraph dataset (`paragraphs.jsonl`): one JSON object per line for each paragraph of
//! each language version, with the paragraph of the predecessor it continues.
//!
//! Written as a stream: one resolution's lines at a time, each serialized straight into the
//! buffered writer, so the dataset of the whole General Assembly never sits in memory. The
//! fields are documented for its readers in `card.md` (published as `DATA.md`).

use std::io::Write;

use jiff::civil::Date;
use serde::Serialize;

use super::Context;
use super::json::{kind_name, rounded, rows_by_newer};
use crate::analysis::Status;
use crate::archive::{Paragraph, Resolution, Text};

/// One line of the dataset.
#[derive(Serialize)]
struct Line<'a> {
    resolution: &'a str,
    series: Option<&'a str>,
    session: Option<u32>,
    date: Option<Date>,
    lang: &'a str,
    paragraph: &'a str,
    kind: &'static str,
    number: Option<&'a str>,
    text: &'a str,
    /// The resolution this text is compared with (its nearest complete predecessor held).
    predecessor: Option<&'a str>,
    /// The paragraph of `predecessor` it continues; several joined by `+` when it merges them.
    continues: Option<String>,
    status: Option<Status>,
    similarity: Option<f64>,
    /// Its lead verb (`Prie instamment`), the verb's category (`urges`) and rank of force (1–10).
    lead_verb: Option<&'a str>,
    verb_category: Option<crate::lexicon::Category>,
    verb_rank: Option<u8>,
    /// `strengthened` or `weakened` when its lead verb changed force from the paragraph it
    /// continues.
    force: Option<crate::analysis::force::Shift>,
}

/// Writes every line, resolution by resolution, in the archive's order.
pub(super) fn write(ctx: &Context<'_, '_>, out: &mut dyn Write) -> std::io::Result<()> {
    for resolution in &ctx.archive.resolutions {
        for text in &resolution.texts {
            write_text(ctx, resolution, text, out)?;
        }
    }
    Ok(())
}

fn write_text(
    ctx: &Context<'_, '_>,
    resolution: &Resolution,
    text: &Text,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let comparison = ctx.analysis.as_newer(resolution, &text.lang);
    let rows = comparison.map(rows_by_newer).unwrap_or_default();
    for paragraph in text.all_paragraphs() {
        let row = rows.get(paragraph.id.as_str());
        let continues = row.filter(|r| !r.from.is_empty()).map(|r| ids(&r.from));
        let verb = crate::analysis::force::verb(ctx.analysis.lexicons, &text.lang, paragraph);
        let force = row.and_then(|r| {
            crate::analysis::force::change(ctx.analysis.lexicons, &text.lang, r).map(|c| c.shift)
        });
        let line = Line {
            resolution: resolution.symbol.as_str(),
            series: resolution.meta.series.as_deref(),
            session: resolution.session(),
            date: resolution.meta.adopted,
            lang: &text.lang,
            paragraph: &paragraph.id,
            kind: kind_name(paragraph.kind),
            number: paragraph.label.as_deref(),
            text: &paragraph.plain,
            predecessor: comparison.map(|c| c.older.symbol.as_str()),
            continues,
            status: row.map(|r| r.status),
            similarity: row.and_then(|r| r.similarity).map(rounded),
            lead_verb: verb.as_ref().map(|v| v.lead),
            verb_category: verb.as_ref().map(|v| v.category),
            verb_rank: verb.as_ref().map(|v| v.rank),
            force,
        };
        serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn ids(paragraphs: &[&Paragraph]) -> String {
    paragraphs
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join("+")
}
