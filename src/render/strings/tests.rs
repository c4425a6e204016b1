//! The strings file: required words, whole sentences, placeholders.

use super::words::COMMITTEES;
use super::*;

const TEXT: &str = include_str!("../../../templates/strings.toml");

#[test]
fn the_bundled_strings_cover_french_and_english() {
    let strings = Strings::parse(Path::new("strings.toml"), TEXT, &["fr", "en"]).unwrap();
    assert_eq!(
        strings.date("fr", jiff::civil::date(2007, 12, 18)),
        "18 décembre 2007"
    );
    assert_eq!(
        strings.date("fr", jiff::civil::date(2000, 1, 1)),
        "1er janvier 2000"
    );
    assert_eq!(
        strings.date("en", jiff::civil::date(2006, 12, 19)),
        "19 December 2006"
    );
    assert_eq!(strings.committee("fr", "third"), "Troisième Commission");
    assert_eq!(strings.language_name("fr", "en"), "anglais");
    assert_eq!(strings.language_name("en", "fr"), "French");
}

#[test]
fn ordinals_follow_each_language() {
    let suffixes: Vec<_> = [1, 2, 3, 11, 12, 21, 76, 81, 113]
        .iter()
        .map(|&n| Strings::ordinal_suffix("en", n, false))
        .collect();
    assert_eq!(
        suffixes,
        ["st", "nd", "rd", "th", "th", "st", "th", "st", "th"]
    );
    assert_eq!(Strings::ordinal_suffix("fr", 1, true), "re");
    assert_eq!(Strings::ordinal_suffix("fr", 81, true), "e");
}

#[test]
fn a_language_without_strings_is_an_error() {
    let problems = Strings::parse(Path::new("strings.toml"), TEXT, &["fr", "es"]).unwrap_err();
    assert!(problems.to_string().contains("no [es] table"), "{problems}");
}

#[test]
fn a_missing_translation_is_named() {
    let text = "[fr]\na = \"1\"\nb = \"2\"\n[en]\na = \"1\"\n";
    let problems = Strings::parse(Path::new("s.toml"), text, &["fr", "en"]).unwrap_err();
    assert!(
        problems.to_string().contains("[en] lacks `b`"),
        "{problems}"
    );
}

/// The bundled strings with `edit` applied to their text.
fn bundled_with(edit: impl Fn(&str) -> String) -> Result<Strings, Problems> {
    Strings::parse(Path::new("strings.toml"), &edit(TEXT), &["fr", "en"])
}

#[test]
fn a_translator_may_reorder_a_sentence() {
    let reordered =
        "recorded_vote = \"Abstentions {abstaining}, contre {against}, pour {in_favour}\"";
    let strings = bundled_with(|t| {
        t.lines()
            .map(|l| match l.starts_with("recorded_vote = \"Pour") {
                true => reordered,
                false => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap();
    let values = [("in_favour", "120"), ("against", "3"), ("abstaining", "58")];
    assert_eq!(
        strings.sentence("fr", "recorded_vote", &values),
        "Abstentions 58, contre 3, pour 120"
    );
    assert_eq!(
        strings.sentence("en", "recorded_vote", &values),
        "In favour: 120, against: 3, abstaining: 58"
    );
}

#[test]
fn a_word_the_pages_need_is_required_of_every_file() {
    let problems = bundled_with(|t| {
        t.lines()
            .filter(|l| !l.starts_with("history_fate ="))
            .collect::<Vec<_>>()
            .join("\n")
    })
    .unwrap_err()
    .to_string();
    assert!(
        problems.contains("[fr] lacks `history_fate`, which the pages need"),
        "{problems}"
    );
    assert!(problems.contains("{step}, {symbol}"), "{problems}");
    assert!(problems.contains("strings.toml"), "{problems}");
}

#[test]
fn a_sentence_must_keep_its_placeholders_and_add_none() {
    let problems = bundled_with(|t| {
        t.replacen("contre\\u00A0: {against}", "contre\\u00A0: ?", 1)
            .replacen("Since {symbol}", "Since {symbol} ({year})", 1)
    })
    .unwrap_err()
    .to_string();
    assert!(
        problems.contains("[fr] `recorded_vote` lacks the placeholder `{against}`"),
        "{problems}"
    );
    assert!(
        problems.contains("[en] `history_since` has `{year}`, which nothing fills"),
        "{problems}"
    );
}

#[test]
fn html_sentences_escape_their_words_not_their_values() {
    let html = fill(
        "Le texte de {skipped} est <incomplet> {other}",
        &[("skipped", "<a href=\"x.html\">62/160</a>")],
        crate::render::escape::html,
    );
    assert_eq!(
        html,
        "Le texte de <a href=\"x.html\">62/160</a> est &lt;incomplet&gt; {other}"
    );
}

#[test]
fn every_committee_and_language_of_the_site_has_a_name() {
    use crate::formats::meta::Committee::{self, *};
    // Exhaustive: a new Main Committee fails to compile here until COMMITTEES has it.
    let key = |c: Committee| match c {
        First | SpecialPolitical | Second | Third | Fifth | Sixth | Plenary => c.key(),
    };
    let all = [
        First,
        SpecialPolitical,
        Second,
        Third,
        Fifth,
        Sixth,
        Plenary,
    ];
    assert_eq!(all.map(key), COMMITTEES);
    let problems = bundled_with(|t| {
        t.replacen("third = \"Troisième Commission\"\n", "", 1)
            .replacen("names = [", "names = [\"Smarch\", ", 1)
    })
    .unwrap_err()
    .to_string();
    assert!(
        problems.contains("[fr.committees] lacks `third`"),
        "{problems}"
    );
    assert!(problems.contains("[fr.months] needs `names`"), "{problems}");
    let problems = Strings::parse(Path::new("strings.toml"), TEXT, &["fr", "en", "de"])
        .unwrap_err()
        .to_string();
    assert!(
        problems.contains("[fr.language_names] lacks `de`"),
        "{problems}"
    );
}

#[test]
fn a_value_is_not_filled_again() {
    let text = fill(
        "{older} → {newer}",
        &[("older", "{newer}"), ("newer", "68/160")],
        str::to_string,
    );
    assert_eq!(text, "{newer} → 68/160");
}
