//! What an import should have removed and did not, found in the plain text of the paragraphs
//! and footnotes the archive holds: page furniture (job numbers `25-12345 (E)`, barcodes
//! `*2512345*`, page numbers `2/3`, the text's own symbol, the running title as a paragraph) and
//! footnote markers left glued to the words (`Child4`, `19904`, `1996,1`, `matter.3`).
//!
//! The patterns are those of the official layouts; what could also be ordinary text is kept out
//! (a resolution number `60/1` is not a page number: its first number is larger, or a word such
//! as "resolution" stands before it; `Add.2` is an abbreviation, not a marker).

use std::sync::LazyLock;

use regex::Regex;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

static JOB: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{2}-\d{5}\b(?:\s*\([A-Z]\))?"));
static BARCODE: LazyLock<Regex> = LazyLock::new(|| re(r"\*?\b\d{7}\b\*?"));
static PAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)(?:(\p{L}+)\s+)?(\d{1,2})/(\d{1,2})(?:\s|$)"));
static WORD_DIGIT: LazyLock<Regex> = LazyLock::new(|| re(r"\b\p{L}*\p{Ll}\d{1,3}\b"));
static YEAR_DIGIT: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:19|20)\d{3,4}\b"));
static COMMA_DIGIT: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{4},\d{1,2}\b"));
static PUNCT_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\p{L}*\p{Ll})[.;:]\d{1,2}\b|\)\d{1,2}\b"));

/// The most pages counted in a page number (`3/5`): resolutions are short; `49/66` is a
/// resolution of the forty-ninth session, not a page.
const MAX_PAGES: u32 = 40;

/// Words after which a number is a citation, not a page number.
const CITING: [&str; 8] = [
    "resolution",
    "resolutions",
    "résolution",
    "résolutions",
    "decision",
    "decisions",
    "décision",
    "décisions",
];

/// Abbreviations followed by a number with no space (`Add.2`, `No.3`).
const ABBREVIATIONS: [&str; 14] = [
    "Add", "Rev", "Corr", "para", "paras", "No", "no", "vol", "chap", "sect", "art", "p", "pp",
    "Suppl",
];

/// The furniture left in `text`: each match as found. `symbol` is the text's own symbol,
/// `title` its title (a paragraph that is only the title is a running title).
pub(crate) fn furniture(text: &str, symbol: &str, title: Option<&str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    found.extend(JOB.find_iter(text).map(|m| m.as_str().to_string()));
    found.extend(BARCODE.find_iter(text).map(|m| m.as_str().to_string()));
    for c in PAGE.captures_iter(text) {
        let word = c.get(1).map_or("", |m| m.as_str());
        let (page, of) = (&c[2], &c[3]);
        let (p, n) = (
            page.parse::<u32>().unwrap_or(0),
            of.parse::<u32>().unwrap_or(0),
        );
        let paged = p >= 1 && p <= n && (2..=MAX_PAGES).contains(&n);
        if paged && !CITING.contains(&word.to_lowercase().as_str()) {
            found.push(format!("{page}/{of}"));
        }
    }
    if own_symbol(text, symbol) {
        found.push(symbol.to_string());
    }
    if let Some(title) = title
        && squeeze(text) == squeeze(title)
        && !title.trim().is_empty()
    {
        found.push(format!("the title as a paragraph: {title}"));
    }
    found
}

/// Does `text` hold `symbol` (and not a longer symbol it begins: A/RES/80/1 in A/RES/80/10)?
fn own_symbol(text: &str, symbol: &str) -> bool {
    !symbol.is_empty()
        && text.match_indices(symbol).any(|(i, _)| {
            !text[i + symbol.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        })
}

fn squeeze(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ',', ';'])
        .to_lowercase()
}

static VOTE_STATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)without a vote|sans vote|recorded vote|vote enregistré|\d+ votes? to \d+|\d+ voix contre|\d+ in favour",
    )
});
static OPENING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^\s*\*?(?:The General Assembly|L['’]Assemblée générale),?\*?\s*$"));
static AGENDA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?mi)(?:Agenda items?|Points?)\s+\d+(?:\s*\(?[a-z]\))?(?:,\s*[a-z],)?(?:\s+de l['’]ordre du jour)?[ \t]*(\S.*)?$\n?(.*)",
    )
});

/// Does the raw text state `field` at all? Only the vote and the agenda item's title may be
/// absent from a header: a PDF of the General Assembly records no vote, and a one-line header
/// may give the agenda item's number alone ("Agenda item 92").
pub(crate) fn states(raw: &str, field: &str) -> bool {
    // The header: what stands before the opening line (a text may say "without a vote" of
    // another resolution).
    let header = OPENING.find(raw).map_or(raw, |m| &raw[..m.start()]);
    match field {
        "vote" => VOTE_STATED.is_match(header),
        "agenda title" => AGENDA_LINE.captures(raw).is_some_and(|c| {
            let rest = c.get(1).map_or("", |m| m.as_str().trim());
            let next = c.get(2).map_or("", |m| m.as_str().trim());
            !rest.is_empty()
                || !(next.is_empty() || next.starts_with("Res") || next.starts_with("Rés"))
        }),
        _ => true,
    }
}

/// The footnote markers left glued in `text`: each match as found.
pub(crate) fn glued(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    found.extend(WORD_DIGIT.find_iter(text).map(|m| m.as_str().to_string()));
    // A year with a digit glued to it, unless it is a number: "Treaty Series, vol. 1249, No. 20378".
    found.extend(
        YEAR_DIGIT
            .find_iter(text)
            .filter(|m| !after_number_word(&text[..m.start()]))
            .map(|m| m.as_str().to_string()),
    );
    found.extend(COMMA_DIGIT.find_iter(text).map(|m| m.as_str().to_string()));
    for c in PUNCT_DIGIT.captures_iter(text) {
        let abbreviation = c
            .get(1)
            .is_some_and(|w| ABBREVIATIONS.contains(&w.as_str()));
        if !abbreviation {
            found.push(c[0].to_string());
        }
    }
    found
}

/// Does `before` end with a word that introduces a number ("No. ", "no ", "vol. ", "p. ")?
fn after_number_word(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    ["no.", "no", "nos.", "vol.", "p.", "pp.", "para.", "n°"].contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_found_wherever_it_falls() {
        let s = "A/RES/80/6";
        let f = |t: &str| furniture(t, s, Some("Report of the International Criminal Court"));
        assert_eq!(
            f("strengthening their 25-18301 (E) domestic"),
            ["25-18301 (E)"]
        );
        assert_eq!(f("strengthening 25-18301 their"), ["25-18301"]);
        assert_eq!(f("the *2518301* capacity"), ["*2518301*"]);
        assert_eq!(f("the 2518301 capacity"), ["2518301"]);
        assert_eq!(f("of States 3/5 upon their request"), ["3/5"]);
        assert_eq!(f("3/5"), ["3/5"]);
        assert_eq!(f("in A/RES/80/6 the"), ["A/RES/80/6"]);
        assert_eq!(
            f("Report of the International Criminal Court"),
            ["the title as a paragraph: Report of the International Criminal Court"]
        );
    }

    #[test]
    fn citations_and_dates_are_not_furniture() {
        let s = "A/RES/80/1";
        let f = |t: &str| furniture(t, s, Some("Participation"));
        assert!(f("Recalling its resolutions 60/1 and 51/45 B of 10 December 1996").is_empty());
        assert!(f("Recalling its resolution 1/5 and Council decision 2/4").is_empty());
        assert!(f("as in A/RES/80/10 and A/80/L.2/Rev.1, 2025-2030").is_empty());
        assert!(f("1996, 53/77 Q of 4 December 1998, 54/54 L of 1 December 1999").is_empty());
        assert!(f("Welcomes the Participation of all").is_empty());
    }

    #[test]
    fn glued_markers_are_found() {
        assert_eq!(glued("the Rights of the Child4 and"), ["Child4"]);
        assert_eq!(glued("le 25 juin 1993 et l’homme3 pour"), ["homme3"]);
        assert_eq!(glued("of 10 October 19904 on"), ["19904"]);
        assert_eq!(glued("for 2025–20286 and"), ["20286"]);
        assert_eq!(glued("in 1996,1 the Assembly"), ["1996,1"]);
        assert_eq!(glued("of the matter.3 Decides"), ["matter.3"]);
        assert_eq!(glued("the Agreement (A/50/426)2 and"), [")2"]);
    }

    #[test]
    fn a_vote_and_an_agenda_title_are_stated_or_not() {
        assert!(!states(
            "Resolution adopted by the General Assembly on 1 December 2025",
            "vote"
        ));
        assert!(states("Date: 12 décembre 1997 Adoptée sans vote |", "vote"));
        assert!(!states(
            "The General Assembly,\n\nNoting the adoption, without a vote, of",
            "vote"
        ));
        assert!(!states(
            "Eightieth session Agenda item 92\n\nResolution adopted",
            "agenda title"
        ));
        assert!(states(
            "Eightieth session Agenda item 62 Peacebuilding\n",
            "agenda title"
        ));
        assert!(states(
            "Agenda item 7 \nOrganization of work\n",
            "agenda title"
        ));
    }

    #[test]
    fn symbols_numbers_and_abbreviations_are_not_glued_markers() {
        let clean = "See A/80/342/Add.2, para. 7, No. 40446, vol.2271, G77, COVID-19, \
            E/2005/23, 1,000 and 25,000 people, in 2025, 10 December 1996, resolution 80/3, \
            GC(69)/RES/9 A.2, Sales No. E.96.IV.13, Ibid., vol. 1249, No. 20378.";
        assert!(glued(clean).is_empty(), "{:?}", glued(clean));
    }
}
