//! The header and closing of a resolution, in French or English: symbol, session, agenda item,
//! adoption date and meeting, committee and its report, distribution date and title.
//!
//! These become meta.yaml, never canonical text. Each field is read from the line that states it
//! and cross-checked against the others (the session against the symbol, the adoption date of the
//! header against the closing date): a disagreement is a warning naming both values, because a
//! maintainer must look, but the import can go on.

use std::path::Path;

use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

use super::furniture::{self, bare};
use super::hyphens;
use super::layout::Line;
use super::vocab;
use crate::diag::{Problem, Problems};
use crate::formats::meta::{Committee, Vote};
use crate::formats::symbol::Symbol;

/// The metadata a raw text states about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Header {
    pub symbol: Option<Symbol>,
    /// Line of the title (or of the symbol), for diagnostics.
    pub title_line: Option<usize>,
    pub session: Option<u32>,
    pub agenda_item: Option<String>,
    /// The agenda item's title, as the header states it.
    pub agenda_title: Option<String>,
    pub adopted: Option<Date>,
    pub meeting: Option<u32>,
    pub committee: Option<Committee>,
    pub report: Vec<Symbol>,
    /// The draft adopted in plenary, without reference to a Main Committee.
    pub draft: Option<Symbol>,
    pub distributed: Option<Date>,
    pub title: Option<String>,
    /// How it was adopted, where the text says so ("Adoptée sans vote").
    pub vote: Option<Vote>,
}

static SYMBOL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(A/RES/\d+/\d+)$").expect("valid regex"));
static TITLE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})/(\d{1,4})\.\s+(\S.*)$").expect("valid regex"));
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(\p{L}[\p{L} -]*?)\s+session$").expect("valid regex"));
static SESSION_THEN_AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\p{L}[\p{L} -]*?\s+session)\s+((?:Agenda items?|Points?)\s+\d.*)$")
        .expect("valid regex")
});
static AGENDA_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^Points?\s+(\d+)(?:\s*,\s*([a-z])\s*,|\s*\(([a-z])\)|\s+([a-z])\))?\s+de l['’]ordre du jour",
    )
    .expect("valid regex")
});
static AGENDA_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^Agenda items?\s+(\d+)(?:\s*\(([a-z])\))?").expect("valid regex")
});
static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:adoptée par l['’]Assemblée générale|adopted by the General Assembly)")
        .expect("valid regex")
});
static COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(Première|Deuxième|Troisième|Quatrième|Cinquième|Sixième|First|Second|Third|Fourth|Fifth|Sixth)\s+(?:Commission|Committee)\b")
        .expect("valid regex")
});
static REPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((A/[^()]*)\)").expect("valid regex"));

/// Read the header lines (before the opening) and the closing lines.
pub(crate) fn parse(
    path: &Path,
    header: &[Line<'_>],
    closing: &[Line<'_>],
    dropped: &[Line<'_>],
    warnings: &mut Problems,
) -> Header {
    let stated = Stated::read(header);
    let mut h = stated.header;
    h.symbol = symbol(
        path,
        stated.symbol_line,
        stated.title_symbol,
        dropped,
        warnings,
    );
    if h.title_line.is_none() {
        h.title_line = header.first().map(|l| l.no);
    }
    let from_symbol = h.symbol.as_ref().and_then(Symbol::ga_session);
    h.session = session(path, stated.session_words, from_symbol, warnings);
    h.meeting = closing
        .first()
        .and_then(|first| furniture::closing_meeting(first.text));
    h.adopted = adopted(path, stated.adopted, closing, warnings);
    // A title line cut short ("… in Latin America") that the agenda item's title completes
    // ("… in Latin America and the Caribbean (Treaty of Tlatelolco)") is the agenda's.
    if let (Some(title), Some(agenda)) = (&h.title, &h.agenda_title)
        && super::front_matter::longer_title(title, agenda)
    {
        h.title = Some(agenda.clone());
    }
    h
}

/// What the header lines state, each value with the line that states it, before the
/// cross-checks.
#[derive(Default)]
struct Stated {
    /// The fields read as they are: title, agenda item, distribution date, committee, report.
    header: Header,
    symbol_line: Option<(Symbol, usize)>,
    title_symbol: Option<(Symbol, usize)>,
    session_words: Option<(u32, usize, String)>,
    adopted: Option<(Date, usize)>,
    /// A "Distr." line without its date: the date is on a following line.
    waiting_distr: bool,
}

impl Stated {
    fn read(lines: &[Line<'_>]) -> Stated {
        let mut stated = Stated::default();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            i += stated.line(line, &lines[i..]);
        }
        stated
    }

    /// Read one line; `rest` are the lines after it. Returns how many of them it took too.
    fn line(&mut self, line: Line<'_>, rest: &[Line<'_>]) -> usize {
        let b = bare(line.text);
        if b.is_empty() {
            return 0;
        }
        if let Some(c) = SYMBOL_LINE.captures(b) {
            if self.symbol_line.is_none() {
                self.symbol_line = Symbol::parse(&c[1]).ok().map(|s| (s, line.no));
            }
            return 0;
        }
        if let Some(c) = TITLE_LINE.captures(b)
            && self.header.title.is_none()
        {
            return self.title(&c, line.no, rest);
        }
        if self.distributed(b) {
            return 0;
        }
        // "Eightieth session Agenda item 62 Peacebuilding and sustaining peace": the one-line
        // header layout puts the session and the agenda item on one line.
        let (session_part, agenda_part) = match SESSION_THEN_AGENDA.captures(b) {
            Some(c) => (
                c.get(1).map_or(b, |m| m.as_str()),
                c.get(2).map(|m| m.as_str()),
            ),
            None => (b, None),
        };
        if let Some(c) = SESSION.captures(session_part)
            && let Some(n) = vocab::ordinal_words(&c[1])
        {
            self.session_words = Some((n, line.no, session_part.to_string()));
            return agenda_part.map_or(0, |a| self.agenda(a, rest));
        }
        if agenda_item(b).is_some() {
            return self.agenda(b, rest);
        }
        if ADOPTED.is_match(b) {
            self.adopted = vocab::find_date(b).map(|d| (d, line.no));
            return 0;
        }
        if b.starts_with('[') {
            return self.committee(b, rest);
        }
        0
    }

    /// "Agenda item 62 Peacebuilding and sustaining peace", the title going on over the
    /// following lines up to a blank one (or the line saying the resolution was adopted).
    fn agenda(&mut self, b: &str, rest: &[Line<'_>]) -> usize {
        let Some((item, end)) = agenda_item_at(b) else {
            return 0;
        };
        self.header.agenda_item = Some(item);
        let mut title = b[end..].trim().to_string();
        let mut taken = 0;
        for next in rest {
            let nb = bare(next.text);
            if nb.is_empty()
                || ADOPTED.is_match(nb)
                || nb.starts_with('[')
                || TITLE_LINE.is_match(nb)
                || furniture::is_furniture(nb)
            {
                break;
            }
            hyphens::push_line(&mut title, nb, None);
            taken += 1;
        }
        let title = hyphens::repair_gaps(&hyphens::collapse_spaces(&title));
        if !title.is_empty() {
            self.header.agenda_title = Some(title);
        }
        taken
    }

    /// "62/160. Renforcement de …", continued on the following lines up to a blank one.
    fn title(&mut self, c: &regex::Captures<'_>, no: usize, rest: &[Line<'_>]) -> usize {
        self.title_symbol = Symbol::parse(&format!("A/RES/{}/{}", &c[1], &c[2]))
            .ok()
            .map(|s| (s, no));
        let mut title = c[3].to_string();
        let mut taken = 0;
        for next in rest {
            let nb = bare(next.text);
            if nb.is_empty() || furniture::is_furniture(nb) {
                break;
            }
            hyphens::push_line(&mut title, nb, None);
            taken += 1;
        }
        self.header.title = Some(hyphens::repair_gaps(&hyphens::collapse_spaces(&title)));
        self.header.title_line = Some(no);
        taken
    }

    /// "Distr. générale 13 mars 2008", the date possibly on a later line. True if the line
    /// was taken.
    fn distributed(&mut self, b: &str) -> bool {
        if let Some(at) = b.find("Distr.") {
            let b = &b[at..];
            match vocab::find_date(b) {
                Some(d) => self.header.distributed = Some(d),
                None => self.waiting_distr = true,
            }
            return true;
        }
        if self.waiting_distr
            && !ADOPTED.is_match(b)
            && let Some(d) = vocab::find_date(b)
        {
            self.header.distributed = Some(d);
            self.waiting_distr = false;
            return true;
        }
        false
    }

    /// "[sur la base du rapport de la Troisième Commission (…)]", up to its closing bracket.
    fn committee(&mut self, b: &str, rest: &[Line<'_>]) -> usize {
        let mut text = b.to_string();
        let mut taken = 0;
        while !text.contains(']')
            && let Some(next) = rest.get(taken)
        {
            hyphens::push_line(&mut text, bare(next.text), None);
            taken += 1;
        }
        committee_and_report(&text, &mut self.header);
        taken
    }
}

/// "Sixty-first session", "Soixante et unième session" -> 61.
pub(crate) fn session_of(b: &str) -> Option<u32> {
    vocab::ordinal_words(SESSION.captures(b)?.get(1)?.as_str())
}

/// "Point 70 b) de l’ordre du jour", "Agenda item 70 (b)" -> "70 (b)".
pub(crate) fn agenda_item(b: &str) -> Option<String> {
    agenda_item_at(b).map(|(item, _)| item)
}

/// The agenda item and the byte offset where the words after it (its title) begin.
fn agenda_item_at(b: &str) -> Option<(String, usize)> {
    if let Some(c) = AGENDA_FR.captures(b) {
        let end = c.get(0).map_or(b.len(), |m| m.end());
        return Some((
            agenda(
                &c[1],
                c.get(2).or(c.get(3)).or(c.get(4)).map(|m| m.as_str()),
            ),
            end,
        ));
    }
    let c = AGENDA_EN.captures(b)?;
    let end = c.get(0).map_or(b.len(), |m| m.end());
    Some((agenda(&c[1], c.get(2).map(|m| m.as_str())), end))
}

/// The symbol: the header line, else the title's number, else a running page header.
fn symbol(
    path: &Path,
    symbol_line: Option<(Symbol, usize)>,
    title_symbol: Option<(Symbol, usize)>,
    dropped: &[Line<'_>],
    warnings: &mut Problems,
) -> Option<Symbol> {
    match (symbol_line, title_symbol) {
        (Some((s, line)), Some((t, _))) => {
            if s != t {
                warnings.push(
                    Problem::warning(
                        path,
                        format!(
                            "the header says {s} but the title is numbered {}",
                            t.short()
                        ),
                    )
                    .at(line, None)
                    .hint("check which is right; the header symbol is used"),
                );
            }
            Some(s)
        }
        (Some((s, _)), None) | (None, Some((s, _))) => Some(s),
        (None, None) => dropped
            .iter()
            .find_map(|l| SYMBOL_LINE.captures(bare(l.text)))
            .and_then(|c| Symbol::parse(&c[1]).ok()),
    }
}

/// The session: the words, cross-checked with the symbol (whose session wins).
fn session(
    path: &Path,
    words: Option<(u32, usize, String)>,
    from_symbol: Option<u32>,
    warnings: &mut Problems,
) -> Option<u32> {
    match (words, from_symbol) {
        (Some((n, line, words)), Some(s)) => {
            if n != s {
                warnings.push(
                    Problem::warning(
                        path,
                        format!("“{words}” is session {n}, but the symbol is of session {s}"),
                    )
                    .at(line, None)
                    .hint("check the header; the session of the symbol is used"),
                );
            }
            Some(s)
        }
        (Some((n, _, _)), None) => Some(n),
        (None, s) => s,
    }
}

/// The adoption date: the header's, cross-checked with the closing's (the header's wins).
fn adopted(
    path: &Path,
    header_adopted: Option<(Date, usize)>,
    closing: &[Line<'_>],
    warnings: &mut Problems,
) -> Option<Date> {
    let closing_date = closing.iter().find_map(|l| vocab::find_date(l.text));
    match (header_adopted, closing_date) {
        (Some((d, line)), Some(c)) => {
            if d != c {
                warnings.push(
                    Problem::warning(
                        path,
                        format!("the header says adopted on {d} but the closing date is {c}"),
                    )
                    .at(line, None)
                    .hint("check which is right; the header date is used"),
                );
            }
            Some(d)
        }
        (Some((d, _)), None) => Some(d),
        (None, c) => c,
    }
}

fn agenda(number: &str, letter: Option<&str>) -> String {
    match letter {
        Some(l) => format!("{number} ({})", l.to_lowercase()),
        None => number.to_string(),
    }
}

/// "[sur la base du rapport de la Troisième Commission (A/61/443/Add.2 et Corr.1)]".
pub(crate) fn committee_and_report(text: &str, h: &mut Header) {
    let lower = text.to_lowercase();
    if lower.contains("sans renvoi") || lower.contains("without reference") {
        h.committee = Some(Committee::Plenary);
    } else if let Some(c) = COMMITTEE.captures(text) {
        h.committee = match c[1].to_lowercase().as_str() {
            "première" | "first" => Some(Committee::First),
            "deuxième" | "second" => Some(Committee::Second),
            "troisième" | "third" => Some(Committee::Third),
            "quatrième" | "fourth" => Some(Committee::SpecialPolitical),
            "cinquième" | "fifth" => Some(Committee::Fifth),
            "sixième" | "sixth" => Some(Committee::Sixth),
            _ => None,
        };
    } else if lower.contains("politiques spéciales") || lower.contains("special political") {
        h.committee = Some(Committee::SpecialPolitical);
    }
    if let Some(c) = REPORT.captures(text) {
        let symbols = report_symbols(&c[1]);
        if h.committee == Some(Committee::Plenary) {
            // Without a Main Committee the bracket names the draft adopted ("A/80/L.2/Rev.1").
            h.draft = symbols.into_iter().next();
        } else {
            h.report = symbols;
        }
    }
}

/// "A/61/443/Add.2 et Corr.1" -> [A/61/443/Add.2, A/61/443/Add.2/Corr.1];
/// "E/2005/23 and Corr.1 and 2" -> [E/2005/23, E/2005/23/Corr.1, E/2005/23/Corr.2].
pub(crate) fn report_symbols(list: &str) -> Vec<Symbol> {
    let mut out = Vec::new();
    let mut base: Option<String> = None;
    let mut last_kind: Option<&str> = None;
    for piece in list
        .split([',', ';'])
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let full = if piece.contains('/') && piece.starts_with(|c: char| c.is_ascii_uppercase()) {
            base = Some(piece.to_string());
            piece.to_string()
        } else if let Some(kind) = ["Corr.", "Add.", "Rev."]
            .into_iter()
            .find(|k| piece.starts_with(k))
        {
            last_kind = Some(kind);
            match &base {
                Some(b) => format!("{b}/{piece}"),
                None => continue,
            }
        } else if piece.chars().all(|c| c.is_ascii_digit())
            && let (Some(b), Some(kind)) = (&base, last_kind)
        {
            format!("{b}/{kind}{piece}")
        } else {
            continue;
        };
        if let Ok(s) = Symbol::parse(&full) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::detect::detect_format;
    use crate::import::layout;
    use crate::import::tests::SEEDS;
    use jiff::civil::date;

    fn header(i: usize) -> (Header, Problems) {
        let l = layout::split(SEEDS[i], detect_format(SEEDS[i]));
        let mut w = Problems::new();
        let h = parse(
            Path::new("seed.txt"),
            &l.header,
            &l.closing,
            &l.dropped,
            &mut w,
        );
        (h, w)
    }

    #[test]
    fn french_pdf_header_seed_000() {
        let (h, w) = header(0);
        assert!(w.is_empty(), "{w}");
        assert_eq!(h.symbol.unwrap().as_str(), "A/RES/62/160");
        assert_eq!(h.session, Some(62));
        assert_eq!(h.agenda_item.as_deref(), Some("70 (b)"));
        assert_eq!(h.adopted, Some(date(2007, 12, 18)));
        assert_eq!(h.distributed, Some(date(2008, 3, 13)));
        assert_eq!(h.committee, Some(Committee::Third));
        assert_eq!(h.report.len(), 1);
        assert_eq!(
            h.title.as_deref(),
            Some(
                "Renforcement de la coopération internationale dans le domaine des droits de l’homme"
            )
        );
    }

    #[test]
    fn title_number_gives_the_symbol_and_corrigendum_joins_the_report_seed_001() {
        let (h, w) = header(1);
        assert!(w.is_empty(), "{w}");
        assert_eq!(h.symbol.unwrap().as_str(), "A/RES/61/168");
        assert_eq!(h.session, Some(61));
        assert_eq!(h.agenda_item.as_deref(), Some("67 (b)"));
        assert_eq!(h.meeting, Some(81));
        assert_eq!(h.adopted, Some(date(2006, 12, 19)));
        assert_eq!(h.distributed, Some(date(2007, 2, 27)));
        let report: Vec<&str> = h.report.iter().map(Symbol::as_str).collect();
        assert_eq!(report, ["A/61/443/Add.2", "A/61/443/Add.2/Corr.1"]);
    }

    #[test]
    fn english_markdown_header_and_closing_seed_004() {
        let (h, w) = header(4);
        assert!(w.is_empty(), "{w}");
        assert_eq!(h.symbol.unwrap().as_str(), "A/RES/62/160");
        assert_eq!(h.session, Some(62));
        assert_eq!(h.agenda_item.as_deref(), Some("70 (b)"));
        assert_eq!(h.meeting, Some(76));
        assert_eq!(h.adopted, Some(date(2007, 12, 18)));
        assert_eq!(h.distributed, Some(date(2008, 3, 13)));
        assert_eq!(h.committee, Some(Committee::Third));
        assert_eq!(
            h.title.as_deref(),
            Some("Enhancement of international cooperation in the field of human rights")
        );
    }

    #[test]
    fn session_falls_back_to_the_symbol_seed_003() {
        let (h, _) = header(3);
        assert_eq!(h.symbol.unwrap().as_str(), "A/RES/59/187");
        assert_eq!(h.session, Some(59));
        assert_eq!(h.adopted, None);
        let (h, _) = header(2);
        assert_eq!(h.symbol.unwrap().as_str(), "A/RES/68/160");
        assert_eq!(h.adopted, Some(date(2013, 12, 18)));
        assert_eq!(h.report.len(), 1);
    }

    #[test]
    fn session_disagreeing_with_the_symbol_is_a_warning() {
        let text =
            "A/RES/62/160\nSoixante-troisième session\n62/160. Titre\nL’Assemblée générale,\n";
        let l = layout::split(text, crate::import::detect::Format::Pdf);
        let mut w = Problems::new();
        let h = parse(
            Path::new("x.txt"),
            &l.header,
            &l.closing,
            &l.dropped,
            &mut w,
        );
        assert_eq!(h.session, Some(62));
        assert_eq!(w.warning_count(), 1);
        assert!(w.iter().next().unwrap().message.contains("63"));
    }
}
