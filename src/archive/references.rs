//! References in the texts: which UN documents a paragraph cites, resolved to canonical symbols.
//!
//! Official texts cite in a handful of fixed forms, in French and in English. Every rule lives
//! here, so that a new form is one more regex and one more row in the table of tests:
//!
//! | written | resolved to |
//! |---|---|
//! | `sa résolution 61/168`, `resolution 55/2`, `Résolution 66/3`, `résolutions 60/156 et 61/168` | `A/RES/61/168` (General Assembly) |
//! | `la résolution 19/33 du Conseil des droits de l'homme`, `Human Rights Council resolution 19/33` | `A/HRC/RES/19/33` |
//! | `résolution 2005/54 de la Commission des droits de l'homme`, `Commission on Human Rights resolution 2005/54` | `E/CN.4/RES/2005/54` |
//! | `résolution 2000/22` in a paragraph naming the Sub-Commission | `E/CN.4/Sub.2/RES/2000/22` |
//! | `résolution 2005/3 du Conseil économique et social` | `E/RES/2005/3` |
//! | `Security Council resolution 1325 (2000)` | `S/RES/1325(2000)` |
//! | `A/CONF.157/24 (Part I)`, `E/2005/23`, `A/62/439/Add.2`, `A/67/53` | the symbol (a part is kept: `A/CONF.157/24(PartI)`, and its corrigendum: `…(PartI)/Corr.2`; pages print it spaced, `Symbol::official`) |
//! | `E/CN.4/2001/2-E/CN.4/Sub.2/2000/46` (one document under two symbols) | the joint symbol, whole (its link: the first symbol's document) |
//!
//! A number of the form `session/number` is the General Assembly's unless a body is named right
//! beside it. A number of the form `year/number` belongs to a body that numbers by year (the
//! Commission, its Sub-Commission, the Economic and Social Council): the body named beside it, or
//! else the nearest one the paragraph names; with no such body it stays plain text. What looks
//! like a reference but does not parse (`résolution 61/l68`, `A/RES/62//160`) is reported as a
//! suspect so that `recueil check` can name it.

use std::sync::LazyLock;

use regex::Regex;

use crate::archive::Symbol;

/// A document a paragraph cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub symbol: Symbol,
    /// The words to link, exactly as the text writes them: `61/168`, `A/CONF.157/24 (Part I)`.
    pub anchor: String,
    /// Byte offset of `anchor` in the paragraph's plain text.
    pub start: usize,
    /// A resolution of some organ, rather than a report or another document.
    pub resolution: bool,
    /// `sa résolution`, `its resolution`: the Assembly recalling one of its own resolutions.
    pub possessive: bool,
}

/// Words that look like a reference but do not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    pub text: String,
    pub start: usize,
}

/// Everything found in one paragraph.
#[derive(Debug, Default)]
pub struct Found {
    pub references: Vec<Reference>,
    pub suspects: Vec<Suspect>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    GeneralAssembly,
    HumanRightsCouncil,
    CommissionOnHumanRights,
    SubCommission,
    EconomicAndSocialCouncil,
    SecurityCouncil,
}

/// The organs, as the texts name them (the Sub-Commission first: "Sous-Commission … des droits
/// de l'homme" must not be read as the Commission).
const BODIES: &str = r"(?P<body>Sous-Commission|Sub-?[Cc]ommission|Commission des droits de l['’]homme|Commission on Human Rights|Conseil des droits de l['’]homme|Human Rights Council|Conseil économique et social|Economic and Social Council|Conseil de sécurité|Security Council|Assemblée générale|General Assembly)";

/// A resolution number: `61/168`, `2005/54`, or the Security Council's `1325 (2000)`.
const NUMBER: &str = r"\d{1,4}/\d{1,4}|\d{1,5} ?\(\d{4}\)";

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let bodies = BODIES.replace("?P<body>", "?P<before>");
    Regex::new(&format!(
        r"(?:{bodies}\s+)?\b(?P<word>[Rr][ée]solutions?|RÉSOLUTIONS?)\s+(?:n[°o]s?\s*)?(?P<list>(?:{NUMBER})(?:(?:\s*,\s*|\s+(?:et|and)\s+|\s*,\s*(?:et|and)\s+)(?:{NUMBER}))*)"
    ))
    .expect("the phrase pattern is valid")
});

static ONE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<a>\d{1,5})(?:/(?P<b>\d{1,4})| ?\((?P<year>\d{4})\))")
        .expect("the number pattern is valid")
});

/// A body named right after the number, possibly after its date: `du 18 août 2000, de la …`.
static BODY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\s*,?\s*(?:en date )?(?:du|of|dated)\s+\d{{1,2}}(?:er)?\s+\p{{L}}+\s+\d{{4}})?\s*,?\s*(?:de la|du|de l['’]|of the|adoptée? par la|adopted by the)\s+{BODIES}"
    ))
    .expect("the body pattern is valid")
});

static BODY_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(BODIES).expect("the body pattern is valid"));

/// A document symbol: `A/CONF.157/24 (Part I)`, `E/CN.4/2001/2-E/CN.4/Sub.2/2000/46`.
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    let symbol = r"[A-Z]{1,8}(?:/(?:[A-Z][A-Za-z]*\.\d+|[A-Z]+|\d+))+";
    Regex::new(&format!(
        r"\b(?P<symbol>{symbol})(?P<part> \((?:Part|Partie|Vol\.) [IVX]+\)(?:/(?:Corr|Add|Rev)\.\d+)*)?(?P<joint>-{symbol})?"
    ))
    .expect("the document pattern is valid")
});

/// What a reference could be: the word "résolution" before a slash, or a symbol's first letters.
static SUSPECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Rr][ée]solutions?\s+(?P<number>[0-9A-Za-z]*/[0-9A-Za-z/]*)|(?P<symbol>[A-Z]{1,8}/[^\s,;:()\[\]]*))")
        .expect("the suspect pattern is valid")
});

/// Finds the references of one paragraph or footnote (its plain text).
///
/// Linear in the length of the text, whatever it holds: the text may be hostile (a paragraph of
/// a million "résolution 1/1"), so nothing here scans the whole text again for each match.
pub fn find(plain: &str) -> Found {
    let mut found = Found::default();
    // Every pattern needs a slash (`61/168`, `A/CONF.157/24`) or a parenthesis (`1325 (2000)`):
    // most paragraphs have neither, and skip the Unicode-aware searches.
    if !plain.contains(['/', '(']) {
        return found;
    }
    // Byte ranges of the references found, in text order, never overlapping.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    // The bodies the text names (for numbers by year), found once when first needed.
    let bodies = std::cell::OnceCell::new();
    for m in DOCUMENT.captures_iter(plain) {
        let whole = m.get(0).expect("group 0 always matches");
        let glued = plain[whole.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '/');
        let Some(symbol) = document_symbol(&m).filter(|_| !glued) else {
            continue;
        };
        covered.push((whole.start(), whole.end()));
        found.references.push(Reference {
            resolution: symbol.as_str().contains("/RES/"),
            symbol,
            anchor: whole.as_str().to_string(),
            start: whole.start(),
            possessive: false,
        });
    }
    let documents = covered.len();
    for phrase in PHRASE.captures_iter(plain) {
        let whole = phrase.get(0).expect("group 0 always matches");
        // Phrases never overlap each other: only the documents need checking.
        if overlaps(&covered[..documents], whole.start(), whole.end()) {
            continue;
        }
        covered.push((whole.start(), whole.end()));
        found
            .references
            .extend(phrase_references(plain, &phrase, &bodies));
    }
    covered.sort_unstable();
    found.references.sort_by_key(|r| r.start);
    found.suspects = suspects(plain, &covered);
    found
}

/// A document symbol as the text writes it, canonical: a part in the symbol, no space.
fn document_symbol(m: &regex::Captures) -> Option<Symbol> {
    let symbol = &m["symbol"];
    if !symbol.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let part = m
        .name("part")
        .map(|p| p.as_str().replace([' '], ""))
        .unwrap_or_default();
    let joint = m.name("joint").map_or("", |j| j.as_str());
    Symbol::parse(&format!("{symbol}{part}{joint}")).ok()
}

/// Whether `start..end` overlaps a range of `covered` (in order, not overlapping).
fn overlaps(covered: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = covered.partition_point(|&(_, e)| e <= start);
    covered.get(i).is_some_and(|&(s, _)| s < end)
}

/// The range of `covered` (in order, not overlapping) that holds byte `at`, if any.
fn holder(covered: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let i = covered.partition_point(|&(_, end)| end <= at);
    covered.get(i).copied().filter(|&(start, _)| start <= at)
}

/// Where the text names a body that numbers its resolutions by year, in text order.
type Bodies = std::cell::OnceCell<Vec<(usize, Body)>>;

fn bodies_by_year(plain: &str) -> Vec<(usize, Body)> {
    BODY_ANYWHERE
        .find_iter(plain)
        .map(|m| (m.start(), body_named(m.as_str())))
        .filter(|&(_, body)| numbers_by_year(body))
        .collect()
}

/// `sa résolution`, `its resolution`: a possessive right before the word (what the pattern
/// `\b(?:sa|ses|its|Sa|Ses|Its)\s+$` says), read from the end of `before`, so that it costs the
/// same wherever the word stands in a long text.
fn possessive_before(before: &str) -> bool {
    let word_end = before.trim_end();
    if word_end.len() == before.len() {
        return false;
    }
    ["sa", "ses", "its", "Sa", "Ses", "Its"].iter().any(|word| {
        word_end.strip_suffix(word).is_some_and(|rest| {
            !rest
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// The references of one phrase: `résolutions 60/156 et 61/168 de …`, each number resolved.
fn phrase_references(plain: &str, phrase: &regex::Captures, bodies: &Bodies) -> Vec<Reference> {
    let word = phrase.name("word").expect("the word always matches");
    let list = phrase.name("list").expect("the list always matches");
    let named = phrase
        .name("before")
        .map(|b| body_named(b.as_str()))
        .or_else(|| {
            BODY_AFTER
                .captures(&plain[list.end()..])
                .map(|c| body_named(&c["body"]))
        });
    let possessive = phrase.name("before").is_none() && possessive_before(&plain[..word.start()]);
    ONE_NUMBER
        .captures_iter(list.as_str())
        .filter_map(|n| {
            let whole = n.get(0).expect("group 0 always matches");
            let start = list.start() + whole.start();
            let body = named.or_else(|| nearest_body(plain, start, &n, bodies));
            let symbol = resolution_symbol(body?, &n)?;
            Some(Reference {
                possessive: possessive && symbol.ga_session().is_some(),
                symbol,
                anchor: whole.as_str().to_string(),
                start,
                resolution: true,
            })
        })
        .collect()
}

/// The body of a number no body stands beside: the Assembly for a session number; for a year
/// number, the body numbering by year that the paragraph names nearest to it.
fn nearest_body(plain: &str, at: usize, number: &regex::Captures, bodies: &Bodies) -> Option<Body> {
    if number.name("year").is_some() {
        return Some(Body::SecurityCouncil);
    }
    let first: u32 = number["a"].parse().ok()?;
    if first < 1946 {
        return Some(Body::GeneralAssembly);
    }
    let bodies = bodies.get_or_init(|| bodies_by_year(plain));
    // The nearest is the last one before `at` or the first one after it (the one before on a tie).
    let i = bodies.partition_point(|&(start, _)| start < at);
    let before = i.checked_sub(1).map(|j| bodies[j]);
    let after = bodies.get(i).copied();
    match (before, after) {
        (Some((b, body)), Some((a, other))) => Some(if at - b <= a - at { body } else { other }),
        (Some((_, body)), None) | (None, Some((_, body))) => Some(body),
        (None, None) => None,
    }
}

fn numbers_by_year(body: Body) -> bool {
    matches!(
        body,
        Body::CommissionOnHumanRights | Body::SubCommission | Body::EconomicAndSocialCouncil
    )
}

fn body_named(name: &str) -> Body {
    let name = name.to_lowercase();
    if name.starts_with("sous") || name.starts_with("sub") {
        Body::SubCommission
    } else if name.starts_with("commission") {
        Body::CommissionOnHumanRights
    } else if name.contains("droits de l") || name.starts_with("human rights council") {
        Body::HumanRightsCouncil
    } else if name.contains("économique") || name.contains("economic") {
        Body::EconomicAndSocialCouncil
    } else if name.contains("sécurité") || name.contains("security") {
        Body::SecurityCouncil
    } else {
        Body::GeneralAssembly
    }
}

/// The symbol of resolution `number` of `body`, when the body numbers that way.
fn resolution_symbol(body: Body, number: &regex::Captures) -> Option<Symbol> {
    let a = &number["a"];
    let by_year = a.parse::<u32>().ok()? >= 1946;
    let raw = match (body, number.name("b"), number.name("year")) {
        (Body::SecurityCouncil, None, Some(year)) => format!("S/RES/{a}({})", year.as_str()),
        (Body::GeneralAssembly, Some(b), _) if !by_year => format!("A/RES/{a}/{}", b.as_str()),
        (Body::HumanRightsCouncil, Some(b), _) if !by_year => {
            format!("A/HRC/RES/{a}/{}", b.as_str())
        }
        (Body::CommissionOnHumanRights, Some(b), _) if by_year => {
            format!("E/CN.4/RES/{a}/{}", b.as_str())
        }
        (Body::SubCommission, Some(b), _) if by_year => {
            format!("E/CN.4/Sub.2/RES/{a}/{}", b.as_str())
        }
        (Body::EconomicAndSocialCouncil, Some(b), _) if by_year => {
            format!("E/RES/{a}/{}", b.as_str())
        }
        _ => return None,
    };
    Symbol::parse(&raw).ok()
}

/// Words that start like a reference, outside every reference found, that do not parse.
fn suspects(plain: &str, covered: &[(usize, usize)]) -> Vec<Suspect> {
    SUSPECT
        .captures_iter(plain)
        .filter_map(|c| {
            let m = c.name("number").or_else(|| c.name("symbol"))?;
            let inside = holder(covered, m.start()).is_some();
            let text = m.as_str().trim_end_matches(['.', '-']);
            let looks_like_one = text.bytes().any(|b| b.is_ascii_digit());
            (!inside && looks_like_one).then(|| Suspect {
                text: text.to_string(),
                start: m.start(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, the symbols found in order, the words linked)
    const FORMS: &[(&str, &[&str], &[&str])] = &[
        // General Assembly, French and English, as the seeds write them.
        (
            "et sa résolution 61/168 du 19 décembre 2006, et",
            &["A/RES/61/168"],
            &["61/168"],
        ),
        (
            "and its resolution 61/168 of 19 December 2006, and",
            &["A/RES/61/168"],
            &["61/168"],
        ),
        ("Voir résolution 55/2.", &["A/RES/55/2"], &["55/2"]),
        ("See resolution 55/2.", &["A/RES/55/2"], &["55/2"]),
        ("Résolution 66/3.", &["A/RES/66/3"], &["66/3"]),
        ("Resolution 66/3.", &["A/RES/66/3"], &["66/3"]),
        (
            "ses résolutions 60/156 et 61/168,",
            &["A/RES/60/156", "A/RES/61/168"],
            &["60/156", "61/168"],
        ),
        (
            "its resolutions 58/170, 60/156 and 61/168,",
            &["A/RES/58/170", "A/RES/60/156", "A/RES/61/168"],
            &["58/170", "60/156", "61/168"],
        ),
        (
            "General Assembly resolution 60/251 of 15 March 2006",
            &["A/RES/60/251"],
            &["60/251"],
        ),
        // Human Rights Council.
        (
            "la résolution 19/33 du Conseil des droits de l’homme, en date du 23 mars 2012",
            &["A/HRC/RES/19/33"],
            &["19/33"],
        ),
        (
            "Human Rights Council resolution 19/33 of 23 March 2012",
            &["A/HRC/RES/19/33"],
            &["19/33"],
        ),
        // Commission on Human Rights.
        (
            "prenant note de la résolution 2005/54 de la Commission des droits de l'homme, en date",
            &["E/CN.4/RES/2005/54"],
            &["2005/54"],
        ),
        (
            "taking note of Commission on Human Rights resolution 2005/54 of 20 April 2005",
            &["E/CN.4/RES/2005/54"],
            &["2005/54"],
        ),
        (
            "la résolution 2004/63 du 21 avril 2004 de la Commission des droits de l’homme",
            &["E/CN.4/RES/2004/63"],
            &["2004/63"],
        ),
        // Sub-Commission: named earlier in the paragraph, or later.
        (
            "Rappelant que la Sous-Commission de la promotion et de la protection des droits de l’homme a adopté, à sa cinquante-deuxième session, la résolution 2000/22 du 18 août 2000,",
            &["E/CN.4/Sub.2/RES/2000/22"],
            &["2000/22"],
        ),
        (
            "Recalling the adoption of resolution 2000/22 of 18 August 2000, on the promotion of dialogue on human rights issues, by the Subcommission on the Promotion and Protection of Human Rights",
            &["E/CN.4/Sub.2/RES/2000/22"],
            &["2000/22"],
        ),
        // Economic and Social Council and Security Council.
        (
            "la résolution 2005/3 du Conseil économique et social",
            &["E/RES/2005/3"],
            &["2005/3"],
        ),
        (
            "Security Council resolution 1325 (2000)",
            &["S/RES/1325(2000)"],
            &["1325 (2000)"],
        ),
        (
            "la résolution 1325 (2000) du Conseil de sécurité",
            &["S/RES/1325(2000)"],
            &["1325 (2000)"],
        ),
        // Document symbols.
        (
            "[^1]: A/CONF.157/24 (Part I), chap. III.",
            &["A/CONF.157/24(PartI)"],
            &["A/CONF.157/24 (Part I)"],
        ),
        (
            "See A/CONF.157/24 (Part I), chap. III.",
            &["A/CONF.157/24(PartI)"],
            &["A/CONF.157/24 (Part I)"],
        ),
        (
            "Final Document, Part I (NPT/CONF.1995/32 (Part I) and NPT/CONF.1995/32 (Part I)/Corr.2), annex.",
            &["NPT/CONF.1995/32(PartI)", "NPT/CONF.1995/32(PartI)/Corr.2"],
            &[
                "NPT/CONF.1995/32 (Part I)",
                "NPT/CONF.1995/32 (Part I)/Corr.2",
            ],
        ),
        (
            "Supplément no 3 (E/2005/23), chap. II",
            &["E/2005/23"],
            &["E/2005/23"],
        ),
        (
            "Supplement No. 3 and corrigenda (E/2005/23 and Corr.1 and 2)",
            &["E/2005/23"],
            &["E/2005/23"],
        ),
        (
            "sur le rapport de la Troisième Commission (A/62/439/Add.2)",
            &["A/62/439/Add.2"],
            &["A/62/439/Add.2"],
        ),
        (
            "on the report of the Third Committee (A/62/439/Add.2)",
            &["A/62/439/Add.2"],
            &["A/62/439/Add.2"],
        ),
        (
            "Voir E/CN.4/2001/2-E/CN.4/Sub.2/2000/46, chap. II, sect. A.",
            &["E/CN.4/2001/2-E/CN.4/Sub.2/2000/46"],
            &["E/CN.4/2001/2-E/CN.4/Sub.2/2000/46"],
        ),
        (
            "See E/CN.4/2001/2-E/CN.4/Sub.2/2000/46, chap. II, sect. A.",
            &["E/CN.4/2001/2-E/CN.4/Sub.2/2000/46"],
            &["E/CN.4/2001/2-E/CN.4/Sub.2/2000/46"],
        ),
        (
            "Supplément no 53 (A/67/53), chap. III",
            &["A/67/53"],
            &["A/67/53"],
        ),
        (
            "Supplement No. 53 (A/67/53), chap. III",
            &["A/67/53"],
            &["A/67/53"],
        ),
        (
            "conformément à la résolution A/RES/61/168",
            &["A/RES/61/168"],
            &["A/RES/61/168"],
        ),
    ];

    #[test]
    fn every_form_resolves_to_its_canonical_symbol() {
        for (text, symbols, anchors) in FORMS {
            let found = find(text);
            let got: Vec<&str> = found.references.iter().map(|r| r.symbol.as_str()).collect();
            assert_eq!(&got, symbols, "in {text:?}");
            let linked: Vec<&str> = found.references.iter().map(|r| r.anchor.as_str()).collect();
            assert_eq!(&linked, anchors, "in {text:?}");
            for r in &found.references {
                assert_eq!(&text[r.start..r.start + r.anchor.len()], r.anchor);
            }
            assert!(found.suspects.is_empty(), "{text:?}: {:?}", found.suspects);
        }
    }

    #[test]
    fn the_assembly_recalling_its_own_resolution_is_possessive() {
        let found = find("et sa résolution 58/170 du 22 décembre 2003, et la résolution 55/2");
        let possessive: Vec<bool> = found.references.iter().map(|r| r.possessive).collect();
        assert_eq!(possessive, [true, false]);
        assert!(find("its resolution 61/168").references[0].possessive);
        assert!(!find("Human Rights Council resolution 19/33").references[0].possessive);
    }

    #[test]
    fn what_cannot_be_resolved_stays_plain_text() {
        for text in [
            "la résolution 2000/22 du 18 août 2000",
            "au paragraphe 3 de son Article 1",
            "le 8 septembre 2000",
            "A/B",
            "les résolutions de la Commission des droits de l’homme",
        ] {
            let found = find(text);
            assert!(
                found.references.is_empty(),
                "{text:?}: {:?}",
                found.references
            );
            assert!(found.suspects.is_empty(), "{text:?}: {:?}", found.suspects);
        }
    }

    #[test]
    fn what_looks_like_a_reference_but_does_not_parse_is_a_suspect() {
        for (text, suspect) in [
            ("sa résolution 61/l68 du 19 décembre", "61/l68"),
            ("sa résolution 6l/168 du 19 décembre", "6l/168"),
            ("voir A/RES/62//160.", "A/RES/62//160"),
            ("voir A/RES/6O/156.", "A/RES/6O/156"),
        ] {
            let found = find(text);
            let got: Vec<&str> = found.suspects.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(got, [suspect], "in {text:?}");
        }
    }

    #[test]
    fn the_possessive_is_the_word_right_before() {
        for (before, expected) in [
            ("Rappelant sa ", true),
            ("Recalling its\n", true),
            ("Rappelant Sa  ", true),
            ("Rappelant sa", false),
            ("Rappelant visa ", false),
            ("Rappelant ses ", true),
            ("", false),
        ] {
            assert_eq!(possessive_before(before), expected, "{before:?}");
        }
    }

    #[test]
    fn a_long_hostile_paragraph_is_read_in_linear_time() {
        let unit = "sa résolution 61/168, la résolution 2005/54 de la Commission des droits de l’homme, A/CONF.157/24 (Part I), résolution 6l/168, ";
        let plain = unit.repeat(20_000);
        let started = std::time::Instant::now();
        let found = find(&plain);
        assert_eq!(found.references.len(), 60_000);
        assert_eq!(found.suspects.len(), 20_000);
        assert!(found.references[0].possessive);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
    }
}
