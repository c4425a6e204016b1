//! The un.org document pages of the 1990s and 2000s (`www.un.org/documents/ga/res/51/…`,
//! `www.un.org/french/ga/document/…`), French and English, read on a path of their own.
//!
//! These pages are neither PDF extractions nor Markdown: the French ones open with a header
//! `52/134 | Titre | |`, `Date: 12 décembre 1997 Adoptée sans vote |`, `Séance plénière: 70ème`,
//! `Rapport: A/52/644/Add.2 |` and give one paragraph per line (or per block); the English ones
//! keep the typewriter layout of the time (`Distr. GENERAL`, `[on the report of the Third
//! Committee (A/51/619/Add.2)]`, `51/100.  Title`, indented paragraphs wrapped at 70 columns, the
//! closing `82nd plenary meeting`). Both write footnote markers `1/`, glued to a word or a year
//! (`19931/`) or spaced (`1997 2/`, `1993, 1/`), with the notes after the text. And the copies
//! people have are often cut short: an excerpt is imported as far as it goes, `complete: false`,
//! with a remark saying where it stops, never with a count the page does not give.
//!
//! - `header`: the metadata of the header and closing lines, the vote included;
//! - `paragraphs`: the body re-joined into paragraphs, classified, leads in italics;
//! - `notes`: markers `N/` turned into `[^N]`, and the notes after the text bound to them.
//!
//! The result is the same [`Parsed`] as the other forms give, rendered by
//! [`canonical::render`](super::canonical::render).

mod header;
mod notes;
mod paragraphs;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::detect::Format;
use super::{Header, Parsed, canonical, hyphens, vocab};
use crate::diag::{Problem, Problems};
use crate::formats::symbol::Symbol;
use paragraphs::{Read, Stop};

/// One line of the page, trimmed, with its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row<'a> {
    no: usize,
    text: &'a str,
}

static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:L['’]Assemblée générale|The General Assembly),$").expect("valid regex")
});
/// The French header's own labels: `Date: …`, `Séance plénière: …`, `Rapport: …`.
static FR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:Date|Séance plénière|Rapport)\s*:").expect("valid regex")
});
/// The English typewriter header: `Distr. GENERAL` (the PDFs write `Distr.: General`).
static EN_DISTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*Distr\. GENERAL\s*$").expect("valid regex"));
/// A marker `1/` after a word, a year or a space, before a space, punctuation or the line end.
static SLASH_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)[\p{L}\d,;)]\s?\d{1,2}/(?:[\s,;.:)]|$)").expect("re"));
/// The closing line: "82nd plenary meeting", "70e séance plénière".
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{1,3})\s*(?:st|nd|rd|th|e|ème|re)?\s+(?:plenary meeting|séance plénière)\b",
    )
    .expect("valid regex")
});
/// A part letter on a line of its own ("A"), in a resolution adopted in parts.
static PART: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z]$").expect("valid regex"));
/// The page's own footer, after which nothing belongs to the resolution.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:This document has been posted online|Ce document a été mis en ligne)")
        .expect("valid regex")
});

/// Is this an un.org document page? Told from the page's own marks: the French header labels
/// (two of `Date:`, `Séance plénière:`, `Rapport:`), or the English `Distr. GENERAL`, or an
/// opening line with markers written `1/` in the text.
pub(crate) fn is_unorg_page(text: &str) -> bool {
    let french_header = FR_LABEL.find_iter(text).take(2).count() == 2;
    let opening = text.lines().any(|l| OPENING.is_match(l.trim()));
    opening && (french_header || EN_DISTR.is_match(text) || SLASH_MARKER.is_match(text))
}

/// Read an un.org page into the same [`Parsed`] as the other forms.
pub(crate) fn parse(path: &Path, text: &str, lang_hint: Option<&str>) -> Result<Parsed, Problems> {
    let rows: Vec<Row<'_>> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Row {
            no: i + 1,
            text: l.trim(),
        })
        .collect();
    let regions = Regions::split(path, &rows)?;
    let lang = super::decide_lang(path, text, lang_hint)?;
    let mut warnings = Problems::new();
    let mut head = header::parse(&regions.header, &regions.closing);
    let symbol = symbol_of(path, &head, regions.opening)?;
    if head.session.is_none() {
        head.session = symbol.ga_session();
    }
    let mut read = paragraphs::read(&regions.body, &hyphens::Words::of(text));
    if read.body.preamble.is_empty() && read.body.operative.is_empty() {
        return Err(Problem::error(path, "no paragraph after the opening line")
            .at(regions.opening.no, None)
            .hint("check that this is the whole text of the resolution")
            .into());
    }
    for (line, what) in &read.left_out {
        warnings.push(
            Problem::warning(path, format!("{what} left out of the canonical text"))
                .at(*line, None)
                .hint("the source keeps it; add it by hand if it belongs to the resolution"),
        );
    }
    let definitions = notes::definitions(path, &regions.notes, &mut warnings);
    let placed = notes::place(path, &mut read.body, &read.paragraph_lines, &mut warnings);
    let bound = notes::bind(path, &placed, definitions, &lang, &mut warnings);
    let (complete, remark) = completeness(&read, &bound.missing, &lang, text);
    let markdown = canonical::render(regions.opening.text, &read.body, &bound.footnotes);
    Ok(Parsed {
        format: Format::UnOrg,
        lang,
        symbol,
        header: head,
        opening: regions.opening.text.to_string(),
        body: read.body,
        footnotes: bound.footnotes,
        complete,
        remark,
        markdown,
        warnings,
        series: None,
        predecessor: None,
    })
}

/// The symbol the header gives, without which nothing can be filed.
fn symbol_of(path: &Path, head: &Header, opening: Row<'_>) -> Result<Symbol, Problems> {
    head.symbol.clone().ok_or_else(|| {
        Problem::error(
            path,
            "no symbol found on this un.org page: expected a title line such as “52/134 | Renforcement de …” or “51/100.  Enhancement of …”, or a line “A/RES/51/100”",
        )
        .at(opening.no, None)
        .hint("add the symbol line above the opening line")
        .into()
    })
}

/// The regions of a page: header, opening line, body, notes after the text, closing lines.
struct Regions<'a> {
    header: Vec<Row<'a>>,
    opening: Row<'a>,
    body: Vec<Row<'a>>,
    notes: Vec<Row<'a>>,
    closing: Vec<Row<'a>>,
}

impl<'a> Regions<'a> {
    fn split(path: &Path, rows: &[Row<'a>]) -> Result<Regions<'a>, Problems> {
        let rows: Vec<Row<'a>> = match rows.iter().position(|r| FOOTER.is_match(r.text)) {
            Some(end) => rows[..end].to_vec(),
            None => rows.to_vec(),
        };
        let openings: Vec<usize> = (0..rows.len())
            .filter(|&i| OPENING.is_match(rows[i].text))
            .collect();
        let Some(&at) = openings.first() else {
            return Err(Problem::error(
                path,
                "no opening line: expected “L’Assemblée générale,” or “The General Assembly,” on a line of its own",
            )
            .at(rows.first().map_or(1, |r| r.no), None)
            .hint("check that this is the whole text of the resolution")
            .into());
        };
        if let Some(&second) = openings.get(1) {
            return Err(Problem::error(
                path,
                "this page holds several resolutions (parts A, B, …), each with its opening line",
            )
            .at(rows[second].no, None)
            .hint(
                "save each part in a file of its own, with the header, and import them one by one",
            )
            .into());
        }
        if let Some(part) = rows[..at].iter().find(|r| PART.is_match(r.text)) {
            return Err(Problem::error(
                path,
                format!("this page holds a resolution in parts (A, B, …): the text after it is part {}", part.text),
            )
            .at(part.no, None)
            .hint("the archive holds one text per symbol: import each part by hand, or the resolution from its official PDF")
            .into());
        }
        let rest = &rows[at + 1..];
        let end = body_end(rest);
        let (body, after) = rest.split_at(end);
        let (mut closing, mut notes) = (Vec::new(), Vec::new());
        let mut in_closing = after.first().is_some_and(|r| CLOSING.is_match(r.text));
        for row in after {
            if in_closing && notes::starts_note(row.text) {
                in_closing = false;
            }
            if in_closing {
                closing.push(*row);
            } else {
                notes.push(*row);
            }
        }
        Ok(Regions {
            header: rows[..at].to_vec(),
            opening: rows[at],
            body: body.to_vec(),
            notes,
            closing,
        })
    }
}

/// Where the body ends: at the closing line, at a separator, or at the first note (`1/ …` at
/// the start of a line, after a line that ends the text with a full stop).
fn body_end(rest: &[Row<'_>]) -> usize {
    let mut last_text: Option<&str> = None;
    for (i, row) in rest.iter().enumerate() {
        if CLOSING.is_match(row.text) || (row.text.len() >= 3 && row.text.chars().all(|c| c == '_'))
        {
            return i;
        }
        if notes::starts_first_note(row.text) && last_text.is_some_and(|t| t.ends_with('.')) {
            return i;
        }
        if !row.text.is_empty() {
            last_text = Some(row.text);
        }
    }
    rest.len()
}

/// Is the text complete, and if not, where does the source stop (in the text's language)?
fn completeness(read: &Read, missing: &[u32], lang: &str, text: &str) -> (bool, Option<String>) {
    let apos = if text.contains('’') { '’' } else { '\'' };
    let fr = lang == "fr";
    let mut remark = stop_remark(read.stop, fr, apos);
    let mut add = |sentence: String| {
        if !remark.is_empty() {
            remark.push(' ');
        }
        remark.push_str(&sentence);
    };
    if !read.headings.is_empty() {
        let list = read.headings.join(" », « ");
        add(if fr {
            format!("Les intertitres du texte (« {list} ») ne sont pas repris.")
        } else {
            format!(
                "The headings of the text (“{}”) are left out.",
                read.headings.join("”, “")
            )
        });
    }
    if !missing.is_empty() {
        add(notes::missing_remark(missing, fr));
    }
    if remark.is_empty() {
        (true, None)
    } else {
        (false, Some(remark))
    }
}

/// Where the source stops, in the text's language ("" when it does not stop early).
fn stop_remark(stop: Stop, fr: bool, apos: char) -> String {
    match stop {
        Stop::Complete => String::new(),
        Stop::AfterPreamble(n) if fr => format!(
            "Le texte source s{apos}arrête après le {} alinéa du préambule (pp{n}) ; le dispositif manque.",
            vocab::french_ordinal(n)
        ),
        Stop::AfterPreamble(n) => format!(
            "The source text stops after the {} preambular paragraph (pp{n}); the operative part is missing.",
            vocab::english_ordinal(n)
        ),
        Stop::InPreamble(0) if fr => format!(
            "Le texte source s{apos}arrête au milieu du premier alinéa du préambule, qui n{apos}est pas repris ; la suite manque."
        ),
        Stop::InPreamble(0) => "The source text stops in the middle of the first preambular paragraph, which is left out; the rest is missing.".to_string(),
        Stop::InPreamble(n) if fr => format!(
            "Le texte source s{apos}arrête au milieu de l{apos}alinéa du préambule qui suit le {} (pp{n}) ; ce fragment n{apos}est pas repris et la suite manque.",
            vocab::french_ordinal(n)
        ),
        Stop::InPreamble(n) => format!(
            "The source text stops in the middle of the preambular paragraph after the {} (pp{n}); that fragment is left out and the rest is missing.",
            vocab::english_ordinal(n)
        ),
        Stop::AfterOperative(n) if fr => format!(
            "Le texte source s{apos}arrête après le paragraphe {n} du dispositif (op{n}) ; la suite manque."
        ),
        Stop::AfterOperative(n) => format!(
            "The source text stops after operative paragraph {n} (op{n}); the rest is missing."
        ),
        Stop::InOperative(n) if fr => format!(
            "Le texte source s{apos}arrête au milieu du paragraphe {n} du dispositif ; ce fragment n{apos}est pas repris et la suite manque."
        ),
        Stop::InOperative(n) => format!(
            "The source text stops in the middle of operative paragraph {n}; that fragment is left out and the rest is missing."
        ),
    }
}
