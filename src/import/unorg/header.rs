//! The metadata an un.org page states, in its two headers and its closing lines.
//!
//! French: `52/134 | Titre | |` (the title possibly over several lines), then labelled lines,
//! one fact or two each: `Date: 12 décembre 1997 Adoptée sans vote |`, `Séance plénière:
//! 70ème`, `Rapport: A/52/644/Add.2 |`. No committee is named, so none is set.
//!
//! English: `A/RES/51/77` (not on every page), `Distr. GENERAL` and the date on a later line,
//! `Fifty-first session`, `Agenda item 110 (b)`, `[on the report of the Third Committee
//! (A/51/619/Add.2)]` (over two lines when the committee's name is long), `51/100.  Title`
//! wrapped up to a blank line; the closing `82nd plenary meeting` and the date of adoption.
//!
//! The vote is read where the page records it: "Adoptée sans vote", "adopted without a vote",
//! or the counts ("par 150 voix contre 2, avec 10 abstentions", "Vote: 150-2-10").

use std::sync::LazyLock;

use regex::Regex;

use super::Row;
use crate::formats::meta::Vote;
use crate::formats::symbol::Symbol;
use crate::import::header::{
    Header, agenda_item, committee_and_report, report_symbols, session_of,
};
use crate::import::{hyphens, vocab};

static SYMBOL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(A/RES/\d{1,3}/\d{1,4})\b").expect("valid regex"));
/// "52/134 | Titre | |", "52/125 Titre", "51/100.     Title".
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})/(\d{1,4})(?:\.|\s*\|)?\s+(\S.*)$").expect("re"));
/// A labelled line of the French header; the title stops there.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:Date|Vote|Adoptée|Séance plénière|Rapport)\b").expect("valid regex")
});
static MEETING_FR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)séance plénière\s*:\s*(\d{1,3})").expect("valid regex"));
static CLOSING_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{1,3})\s*(?:st|nd|rd|th|e|ème|re)?\s+(?:plenary meeting|séance plénière)")
        .expect("valid regex")
});
static REPORT_FR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^Rapport\s*:\s*([^|]+)").expect("valid regex"));
/// "150 voix contre 2, avec 10 abstentions", "150 votes to 2, with 10 abstentions",
/// "150 in favour to 2 against, with 10 abstentions".
static VOTE_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{1,3})\s+(?:voix\s+contre|(?:votes\s+)?(?:in favour\s+)?to)\s+(\d{1,3})(?:\s+against)?\s*,?\s*(?:avec|with)\s+(\d{1,3})\s+abstentions?")
        .expect("valid regex")
});
static VOTE_TRIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:vote|adoptée|adopted)\b[^0-9]*\(?(\d{1,3})-(\d{1,3})-(\d{1,3})\)?")
        .expect("valid regex")
});

/// Read the header rows (before the opening line) and the closing rows.
pub(super) fn parse(rows: &[Row<'_>], closing: &[Row<'_>]) -> Header {
    let mut h = Header::default();
    let mut symbol_line = None;
    let mut i = 0;
    while i < rows.len() {
        let row = rows[i];
        i += 1;
        let t = row.text;
        if t.is_empty() {
            continue;
        }
        if let Some(c) = SYMBOL_LINE.captures(t) {
            symbol_line = symbol_line.or_else(|| Symbol::parse(&c[1]).ok());
        } else if h.title.is_none()
            && let Some(c) = TITLE.captures(t)
        {
            i += title(&mut h, &c, row.no, &rows[i..]);
        } else if t.starts_with("Distr.") {
            h.distributed = rows[i..]
                .iter()
                .take(3)
                .find_map(|r| vocab::find_date(r.text));
        } else if t.starts_with('[') {
            i += committee(&mut h, t, &rows[i..]);
        } else {
            labelled(&mut h, t);
        }
    }
    if symbol_line.is_some() {
        h.symbol = symbol_line;
    }
    closing_lines(&mut h, closing);
    h
}

/// The title and the symbol its number gives; returns the rows it took after its first.
fn title(h: &mut Header, c: &regex::Captures<'_>, no: usize, rest: &[Row<'_>]) -> usize {
    h.symbol = Symbol::parse(&format!("A/RES/{}/{}", &c[1], &c[2])).ok();
    h.title_line = Some(no);
    let mut title = c[3].to_string();
    let mut taken = 0;
    for row in rest {
        if row.text.is_empty() || LABEL.is_match(row.text) {
            break;
        }
        hyphens::push_line(&mut title, row.text, None);
        taken += 1;
    }
    let title = title.trim_end_matches(|c: char| c == '|' || c.is_whitespace());
    h.title = Some(hyphens::collapse_spaces(&title.replace('|', " ")));
    taken
}

/// "[on the report of the Third Committee (A/51/619/Add.2)]", up to its closing bracket.
fn committee(h: &mut Header, first: &str, rest: &[Row<'_>]) -> usize {
    let mut text = first.to_string();
    let mut taken = 0;
    while !text.contains(']')
        && let Some(next) = rest.get(taken)
        && taken < 4
    {
        hyphens::push_line(&mut text, next.text, None);
        taken += 1;
    }
    committee_and_report(&text, h);
    taken
}

/// The other header lines: French labels, the English session and agenda item, the vote.
fn labelled(h: &mut Header, t: &str) {
    if t.starts_with("Date") && h.adopted.is_none() {
        h.adopted = vocab::find_date(t);
    }
    if let Some(c) = MEETING_FR.captures(t) {
        h.meeting = c[1].parse().ok();
    }
    if let Some(c) = REPORT_FR.captures(t) {
        if c[1].to_lowercase().contains("sans renvoi") {
            // "Sans renvoi à une grande commission (A/52/L.50)": a draft, not a report.
            committee_and_report(&c[1], h);
        } else {
            h.report = report_symbols(&c[1]);
        }
    }
    if let Some(n) = session_of(t) {
        h.session = Some(n);
    }
    if let Some(item) = agenda_item(t) {
        h.agenda_item = Some(item);
    }
    if h.vote.is_none() {
        h.vote = vote(t);
    }
}

/// The vote a line records, if any.
pub(super) fn vote(t: &str) -> Option<Vote> {
    let lower = t.to_lowercase();
    if lower.contains("sans vote") || lower.contains("without a vote") {
        return Some(Vote {
            without_vote: true,
            in_favour: None,
            against: None,
            abstaining: None,
        });
    }
    let c = VOTE_COUNTS
        .captures(t)
        .or_else(|| VOTE_TRIPLE.captures(t))?;
    Some(Vote {
        without_vote: false,
        in_favour: c[1].parse().ok(),
        against: c[2].parse().ok(),
        abstaining: c[3].parse().ok(),
    })
}

/// "82nd plenary meeting" and the date under it; the header's date and meeting win.
fn closing_lines(h: &mut Header, closing: &[Row<'_>]) {
    for row in closing {
        if let Some(c) = CLOSING_MEETING.captures(row.text) {
            h.meeting = h.meeting.or_else(|| c[1].parse().ok());
        }
        if h.adopted.is_none() {
            h.adopted = vocab::find_date(row.text);
        }
    }
}
