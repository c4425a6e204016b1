use std::path::Path;

use super::parse::parse;
use super::*;

fn read(lang: &str) -> (Lexicon, Problems) {
    let text = embedded_text(lang).expect("an embedded lexicon");
    parse(&embedded_path(lang), text).unwrap_or_else(|p| panic!("{lang}: {p}"))
}

/// (category, rank, intensity, the words read as the lead) of `text`'s lead.
fn lead(lexicon: &Lexicon, part: Part, text: &str) -> Option<(&'static str, u8, u8, String)> {
    let found = lexicon.find(part, text)?;
    Some((
        found.entry.category.as_str(),
        found.entry.rank,
        found.intensity,
        text[..found.end].to_string(),
    ))
}

#[test]
fn the_embedded_lexicons_read_without_a_problem() {
    for (lang, _) in EMBEDDED {
        let (lexicon, warnings) = read(lang);
        assert!(warnings.is_empty(), "{lang}: {warnings}");
        assert!(lexicon.entries().len() > 100, "{lang}");
        assert!(Lexicons::embedded().get(lang).is_some());
    }
}

#[test]
fn the_longest_lead_is_found_with_its_adverbs() {
    let (fr, _) = read("fr");
    let op = Part::Operative;
    let cases = [
        (
            "Prie instamment les États",
            ("urges", 8, 0, "Prie instamment"),
        ),
        ("Prie le Secrétaire général", ("requests", 6, 0, "Prie")),
        (
            "Prie vivement les États",
            ("requests", 6, 1, "Prie vivement"),
        ),
        (
            "Demande vivement à tous",
            ("calls", 8, 1, "Demande vivement"),
        ),
        (
            "Demande instamment à tous",
            ("urges", 8, 0, "Demande instamment"),
        ),
        (
            "Engage vivement les États",
            ("calls", 8, 1, "Engage vivement"),
        ),
        ("Exige que", ("demands", 10, 0, "Exige")),
        ("Se félicite de", ("welcomes", 3, 0, "Se félicite")),
        (
            "Prend note avec satisfaction du",
            ("welcomes", 3, 0, "Prend note avec satisfaction"),
        ),
        ("Prend note du rapport", ("notes", 1, 0, "Prend note")),
        ("Demande également aux États", ("calls", 8, 0, "Demande")),
    ];
    for (text, (c, r, i, w)) in cases {
        assert_eq!(
            lead(&fr, op, text),
            Some((c, r, i, w.to_string())),
            "{text}"
        );
    }
    let pp = Part::Preambular;
    assert_eq!(
        lead(&fr, pp, "Notant avec une profonde préoccupation que"),
        Some((
            "concerned",
            7,
            1,
            "Notant avec une profonde préoccupation".into()
        ))
    );
    assert_eq!(
        lead(&fr, pp, "Profondément préoccupée par"),
        Some(("concerned", 7, 1, "Profondément préoccupée".into()))
    );
    assert_eq!(
        lead(&fr, pp, "ETANT donné"),
        None,
        "an unknown lead is none"
    );
    let (en, _) = read("en");
    assert_eq!(
        lead(&en, op, "Strongly urges all States"),
        Some(("urges", 8, 1, "Strongly urges".into()))
    );
    assert_eq!(
        lead(&en, op, "Notes with grave concern the reports"),
        Some(("concerned", 7, 1, "Notes with grave concern".into()))
    );
    assert_eq!(
        lead(&en, op, "Calls once again upon all States"),
        Some(("calls", 8, 0, "Calls once again upon".into()))
    );
    assert_eq!(
        lead(&en, pp, "Recalling also its resolution"),
        Some(("recalls", 2, 0, "Recalling".into()))
    );
    assert_eq!(
        lead(&en, op, "Recalling its resolution"),
        None,
        "parts apart"
    );
}

fn problems_of(text: &str) -> Vec<(Option<usize>, String, String)> {
    let problems = match parse(Path::new("lexicon/xx.toml"), text) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    };
    problems
        .sorted()
        .into_iter()
        .map(|p| {
            (
                p.line,
                p.message.clone(),
                p.hint.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn mistakes_are_reported_at_their_line_with_advice() {
    let text = "neutral = [\"also\"]\n\
                [[operative]]\n\
                category = \"urgs\"\n\
                rank = 8\n\
                leads = [\"Urges\"]\n\
                [[operative]]\n\
                category = \"requests\"\n\
                rank = 12\n\
                leads = [\"Requests\"]\n\
                [[operative]]\n\
                category = \"invites\"\n\
                rank = 4\n\
                leads = [\"Invites\", \"Suggests\",\n  \"also invites\", \"Also\"]\n";
    let found = problems_of(text);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!(found[0].0, Some(3));
    assert_eq!(found[0].1, "unknown category `urgs`");
    assert!(found[0].2.starts_with("did you mean `urges`?"), "{found:?}");
    assert_eq!(found[1].0, Some(8));
    assert!(found[1].1.starts_with("rank 12 is out of range"));
    assert_eq!(found[2].0, Some(14));
    assert_eq!(
        found[2].1,
        "`also invites` is listed twice among the operative leads"
    );
    assert!(
        found[2].2.starts_with("line 13 lists `Invites`"),
        "{found:?}"
    );
    assert_eq!(found[3].1, "an empty lead in a [[operative]] group");
}

#[test]
fn an_unknown_key_is_an_error_at_its_line() {
    let found = problems_of(
        "neutral = []\n[[operative]]\ncategory = \"urges\"\nrank = 8\nlead = [\"Urges\"]\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, Some(5));
    assert!(found[0].1.contains("lead"), "{found:?}");
}

#[test]
fn reading_the_first_words_first_finds_what_reading_the_whole_window_finds() {
    let (fr, _) = read("fr");
    let (en, _) = read("en");
    let long = [
        "Strongly urges all States",
        "Strongly and urgently calls once again upon all States to act",
        "Also strongly strongly strongly strongly urges all States",
        "Notes with grave concern the reports",
        "Recalling also its resolution 61/168",
        "Takes note with appreciation of the report",
        "Prie instamment les États",
        "Notant avec une profonde préoccupation que",
        "Prend note avec satisfaction du rapport du Secrétaire général",
        "Demande vivement et instamment à tous les États",
        "Word",
        "",
    ];
    for lexicon in [&fr, &en] {
        for part in [Part::Operative, Part::Preambular] {
            for text in long {
                let whole = lexicon.find_within(part, text, WINDOW).flatten();
                let first = lexicon.find(part, text);
                let key = |f: Option<Found>| f.map(|f| (f.entry.lead.clone(), f.intensity, f.end));
                assert_eq!(key(first), key(whole), "{text:?}");
            }
        }
    }
    // A lead whose intensifiers run past the first window is read whole.
    let many = "Strongly strongly strongly strongly strongly urges all States";
    let found = en.find(Part::Operative, many).expect("a lead");
    assert_eq!(found.intensity, 5, "{many}");
    assert_eq!(
        &many[..found.end],
        "Strongly strongly strongly strongly strongly urges"
    );
}
