//! The words of official texts the importer recognises: month names, ordinal numbers written
//! out ("Soixante et unième", "Sixty-second"), and the lead words that open preambular and
//! operative paragraphs.
//!
//! Kept apart from the parsing logic because these are language data, not rules: adding a
//! month spelling or a lead word should not mean reading a state machine.

use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// Month number of a French or English month name (case-insensitive).
pub(crate) fn month(name: &str) -> Option<i8> {
    let m = match name.to_lowercase().as_str() {
        "janvier" | "january" => 1,
        "février" | "fevrier" | "february" => 2,
        "mars" | "march" => 3,
        "avril" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "june" => 6,
        "juillet" | "july" => 7,
        "août" | "aout" | "august" => 8,
        "septembre" | "september" => 9,
        "octobre" | "october" => 10,
        "novembre" | "november" => 11,
        "décembre" | "decembre" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:er|\^er|<sup>er</sup>|st|nd|rd|th)?\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b",
    )
    .expect("valid regex")
});

/// The first date written out in `text` ("18 décembre 2007", "1er mars 2008", "13 March 2008").
pub(crate) fn find_date(text: &str) -> Option<Date> {
    DATE.captures_iter(text).find_map(|c| {
        let day: i8 = c[1].parse().ok()?;
        let month = month(&c[2])?;
        let year: i16 = c[3].parse().ok()?;
        Date::new(year, month, day).ok()
    })
}

/// The number written out in an ordinal such as "Soixante-deuxième", "Soixante et unième",
/// "quatre-vingt-dixième", "Sixty-second", "Fifty-ninth", "Hundredth".
pub(crate) fn ordinal_words(text: &str) -> Option<u32> {
    let lower = text
        .to_lowercase()
        .replace("quatre-vingts", "quatrevingt")
        .replace("quatre-vingt", "quatrevingt")
        .replace("quatre vingt", "quatrevingt")
        .replace("one hundred", "hundred");
    let mut total = 0u32;
    let mut saw_ordinal = false;
    for word in lower.split(['-', ' ']).filter(|w| !w.is_empty()) {
        if matches!(word, "et" | "and") {
            continue;
        }
        let (value, ordinal) = word_value(word)?;
        total += value;
        saw_ordinal |= ordinal;
    }
    (saw_ordinal && total > 0).then_some(total)
}

/// Cardinal numbers written out, in French and English.
const CARDINALS: &[(&str, u32)] = &[
    ("un", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("quatrevingt", 80),
    ("cent", 100),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

/// The French ordinals not made by adding "ième" to a cardinal, and the English ordinals.
const ORDINALS: &[(&str, u32)] = &[
    ("premier", 1),
    ("première", 1),
    ("unième", 1),
    ("second", 2),
    ("seconde", 2),
    ("cinquième", 5),
    ("neuvième", 9),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
];

/// Value of one word of a written-out number, and whether it is an ordinal.
fn word_value(word: &str) -> Option<(u32, bool)> {
    if let Some(v) = lookup(ORDINALS, word) {
        return Some((v, true));
    }
    if let Some(v) = lookup(CARDINALS, word) {
        return Some((v, false));
    }
    french_regular_ordinal(word).map(|v| (v, true))
}

fn lookup(table: &[(&str, u32)], word: &str) -> Option<u32> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// French regular ordinals: cardinal + "ième" ("deuxième", "soixantième", "onzième").
fn french_regular_ordinal(word: &str) -> Option<u32> {
    let stem = word.strip_suffix("ième")?;
    let candidates = [
        stem.to_string(),
        format!("{stem}e"),
        stem.replace('v', "f"),
        stem.replace("quinz", "quinze"),
    ];
    candidates.iter().find_map(|c| lookup(CARDINALS, c))
}

/// French ordinal adjective used in remarks: "premier", "cinquième", "12e".
pub(crate) fn french_ordinal(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "premier",
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
    ];
    match n {
        1..=10 => WORDS[n - 1].to_string(),
        _ => format!("{n}e"),
    }
}

/// English ordinal adjective used in remarks: "first", "fifth", "12th".
pub(crate) fn english_ordinal(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match n {
        1..=10 => WORDS[n - 1].to_string(),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// Adjectives and adverbs that open preambular paragraphs (besides participles in -ant/-ing).
const PREAMBLE_WORDS: &[&str] = &[
    // French
    "Profondément",
    "Gravement",
    "Vivement",
    "Sérieusement",
    "Préoccupée",
    "Convaincue",
    "Consciente",
    "Résolue",
    "Alarmée",
    "Inquiète",
    "Déterminée",
    "Persuadée",
    "Satisfaite",
    "Guidée",
    "Soucieuse",
    "Désireuse",
    "Encouragée",
    "Ayant",
    "Se",
    "S’étant",
    "S'étant",
    "Tenant",
    "Prenant",
    "Notant",
    "Sachant",
    "Consciente",
    // English
    "Deeply",
    "Gravely",
    "Seriously",
    "Strongly",
    "Concerned",
    "Convinced",
    "Aware",
    "Mindful",
    "Conscious",
    "Alarmed",
    "Determined",
    "Guided",
    "Desirous",
    "Encouraged",
    "Bearing",
    "Having",
    "Taking",
    "Noting",
    "Acknowledging",
    "Welcoming",
    "Expressing",
    "Stressing",
    "Believing",
    "Affirming",
];

/// Words that open a preambular paragraph but are not participles ending in -ant/-ing.
const NOT_LEADS: &[&str] = &[
    "Durant",
    "Pendant",
    "Avant",
    "Maintenant",
    "Cependant",
    "During",
    "Nothing",
    "Something",
];

/// Does `word` (the first word of a line) open a preambular paragraph?
pub(crate) fn is_preamble_lead(word: &str) -> bool {
    let word = word.trim_matches(|c: char| c == '*' || c == '_');
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if !first_upper || NOT_LEADS.contains(&word) {
        return false;
    }
    PREAMBLE_WORDS.contains(&word)
        || (word.chars().count() > 5 && (word.ends_with("ant") || word.ends_with("ing")))
}

/// Adverbs and particles that belong to a lead ("*Rappelant également*", "*Calls upon*").
const LEAD_FOLLOWERS: &[&str] = &[
    "également",
    "aussi",
    "instamment",
    "vivement",
    "fermement",
    "énergiquement",
    "encore",
    "note",
    "acte",
    "compte",
    "sienne",
    "siennes",
    "siens",
    "also",
    "further",
    "furthermore",
    "again",
    "upon",
    "on",
    "note",
    "strongly",
];

/// Two-word followers ("en outre", "de nouveau", "in mind").
const LEAD_FOLLOWER_PAIRS: &[&str] = &[
    "en outre",
    "de nouveau",
    "in mind",
    "with appreciation",
    "with concern",
    "with satisfaction",
    "avec satisfaction",
    "avec préoccupation",
];

/// Words that need the next word to make a lead ("Deeply concerned", "Se félicitant").
const LEAD_PREFIXES: &[&str] = &[
    "Profondément",
    "Gravement",
    "Vivement",
    "Sérieusement",
    "Se",
    "S’étant",
    "S'étant",
    "Ayant",
    "Deeply",
    "Gravely",
    "Seriously",
    "Strongly",
    "Also",
    "Further",
    "Having",
];

/// Byte length of the lead words at the start of `text` ("Rappelant également" in
/// "Rappelant également la Conférence"). Zero when the text does not start with a word.
pub(crate) fn lead_len(text: &str) -> usize {
    let words: Vec<(usize, &str)> = word_spans(text).take(4).collect();
    let Some(&(start, first)) = words.first() else {
        return 0;
    };
    if start != 0 || !first.chars().next().is_some_and(char::is_alphabetic) {
        return 0;
    }
    let bare_first = first.trim_end_matches([',', ';', ':']);
    let mut end = bare_first.len();
    if bare_first.len() != first.len() {
        return end;
    }
    let mut i = 1;
    if LEAD_PREFIXES.contains(&first)
        && let Some(&(s, w)) = words.get(1)
    {
        let w = w.trim_end_matches([',', ';', ':']);
        // "Ayant examiné", "Deeply concerned", "Taking note": take the next word.
        end = s + w.len();
        i = 2;
    }
    // Then any adverbs: "également", "en outre", "also".
    while let Some(&(s, w)) = words.get(i) {
        let bare = w.trim_end_matches([',', ';', ':']);
        if let Some(&(s2, w2)) = words.get(i + 1) {
            let pair = format!("{bare} {}", w2.trim_end_matches([',', ';', ':']));
            if LEAD_FOLLOWER_PAIRS.contains(&pair.as_str()) && s2 > s {
                end = s2 + w2.trim_end_matches([',', ';', ':']).len();
                i += 2;
                continue;
            }
        }
        if LEAD_FOLLOWERS.contains(&bare) {
            end = s + bare.len();
            i += 1;
            if bare.len() != w.len() {
                break;
            }
            continue;
        }
        break;
    }
    end
}

/// (byte offset, word) of the space-separated words of `text`.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_both_languages() {
        assert_eq!(ordinal_words("Soixante-deuxième"), Some(62));
        assert_eq!(ordinal_words("Soixante et unième"), Some(61));
        assert_eq!(ordinal_words("Cinquante-neuvième"), Some(59));
        assert_eq!(ordinal_words("Soixantième"), Some(60));
        assert_eq!(ordinal_words("soixante-dix-septième"), Some(77));
        assert_eq!(ordinal_words("Soixante et onzième"), Some(71));
        assert_eq!(ordinal_words("quatre-vingt-unième"), Some(81));
        assert_eq!(ordinal_words("Sixty-second"), Some(62));
        assert_eq!(ordinal_words("Fifty-ninth"), Some(59));
        assert_eq!(ordinal_words("Seventieth"), Some(70));
        assert_eq!(ordinal_words("Soixante"), None);
        assert_eq!(ordinal_words("Bonjour"), None);
    }

    #[test]
    fn dates_in_both_languages_with_premier() {
        assert_eq!(
            find_date("le 18 décembre 2007"),
            Some(jiff::civil::date(2007, 12, 18))
        );
        assert_eq!(
            find_date("1er mars 2008"),
            Some(jiff::civil::date(2008, 3, 1))
        );
        assert_eq!(
            find_date("13 March 2008"),
            Some(jiff::civil::date(2008, 3, 13))
        );
        assert_eq!(find_date("31 février 2008"), None);
    }

    #[test]
    fn leads_take_their_adverbs() {
        let lead = |t: &str| t[..lead_len(t)].to_string();
        assert_eq!(
            lead("Rappelant également la Conférence"),
            "Rappelant également"
        );
        assert_eq!(lead("Demande instamment à tous"), "Demande instamment");
        assert_eq!(lead("Prend note de la tenue"), "Prend note");
        assert_eq!(lead("Deeply concerned that"), "Deeply concerned");
        assert_eq!(lead("Calls upon Member States"), "Calls upon");
        assert_eq!(lead("Requests also the"), "Requests also");
        assert_eq!(lead("Décide de poursuivre"), "Décide");
        assert_eq!(lead("Prie en outre le"), "Prie en outre");
        assert_eq!(lead("Considérant, en outre,"), "Considérant");
        assert!(is_preamble_lead("Réaffirmant"));
        assert!(is_preamble_lead("Recalling"));
        assert!(!is_preamble_lead("Durban"));
        assert!(!is_preamble_lead("Article"));
    }
}
