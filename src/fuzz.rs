//! Fuzzing the parsers of what people hand in: the importer (raw official texts), the
//! canonical-text parser, the notes parser and renderer, the comparison of two texts, the
//! reference finder and symbols.
//!
//! Property tests (proptest) over three kinds of input: arbitrary Unicode, a soup of the tokens
//! these formats give meaning to (`*`, `[^1]`, `1.`, `- (a)`, `>`, `<sup>`, `¹`, `résolution
//! 61/168`, CR, BOM, NUL…), and the real texts of the archive mutated (cut, spliced, tokens
//! inserted). Every case must end without a panic, within a time proportional to its size, and
//! with an output of bounded size (no blow-up: memory stays bounded).
//!
//! A short run is part of `cargo test` (256 cases per property). The long run:
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --release --lib fuzz -- --test-threads 2
//! ```
//!
//! A failure is shrunk to a minimal input and written to `proptest-regressions/fuzz.txt` (replayed
//! first by every later run); each crash found is also kept below as a named regression test.

use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use crate::archive::Symbol;

/// 256 cases per property (about a second in all) unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

/// What the formats give meaning to, and what breaks naive code.
const TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "   ",
    "\t",
    "\u{feff}",
    "\0",
    "*",
    "**",
    "_",
    "`",
    "```",
    "[^1]",
    "[^",
    "]",
    "]:",
    "[^1]: ",
    "[^a-b]",
    "[[",
    "]]",
    "[[A/RES/61/168#op4]]",
    "[[#op1|x]]",
    "#",
    "## ",
    "## op1\n",
    "## pp3 Durban\n",
    "---\n",
    "authors: [x]\n",
    "1. ",
    "2. ",
    "99999999999999999999. ",
    "0. ",
    "- ",
    "- (a) ",
    "   - (b) ",
    "> ",
    "|",
    "|-|-|\n",
    "<",
    ">",
    "</",
    "<sup>",
    "</sup>",
    "<b>",
    "<script>",
    "<!--",
    "-->",
    "&amp;",
    "&#x",
    "¹",
    "²³",
    "⁴⁵⁶",
    "é",
    "e\u{301}",
    "’",
    "«",
    "»",
    "L’Assemblée générale,",
    "The General Assembly,",
    "*Rappelant* ",
    "*Décide* ",
    "Rappelant ",
    "Réaffirmant ",
    "Decides ",
    "sa résolution 61/168",
    "résolutions 60/156 et 61/168",
    "résolution 2005/54 de la Commission des droits de l’homme",
    "A/CONF.157/24 (Part I)",
    "A/RES/62/160",
    "A/RES/../x",
    "6l/168",
    "62/160.",
    "Distr. générale",
    "13 mars 2008",
    "Soixante-deuxième session",
    "Point 70, b, de l’ordre du jour",
    "____",
    "A/RES/59/187\n3\n",
    "http://www.un.org/",
    "coopé-\nration",
    "1\n",
    "Adoptée à la 76e séance plénière",
    ";",
    ",",
    ".",
];

/// A soup of tokens, up to `max` of them.
fn soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|t| t.concat())
}

/// `seed` changed by a few edits: a range cut out, a token put in, a range repeated.
fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    let edit = (
        0..3u8,
        any::<prop::sample::Index>(),
        0..200usize,
        prop::sample::select(TOKENS),
    );
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit, 0..8),
    )
        .prop_map(|(seed, edits)| {
            let mut text = seed.to_string();
            for (kind, at, len, token) in edits {
                let start = floor_boundary(&text, at.index(text.len() + 1));
                let end = floor_boundary(&text, (start + len).min(text.len()));
                match kind {
                    0 => text.replace_range(start..end, ""),
                    1 => text.insert_str(start, token),
                    _ => {
                        let piece = text[start..end].to_string();
                        text.insert_str(end, &piece);
                    }
                }
            }
            text
        })
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Any of the three kinds of input.
fn input(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), soup(300), mutated(seeds)]
}

/// Fails the case if `f` took longer than a generous bound for `len` bytes (debug builds are slow;
/// a hang or a quadratic blow-up on a few KB goes far beyond it).
fn timed<T>(len: usize, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    let bound = Duration::from_secs(5) + Duration::from_micros(50 * len as u64);
    assert!(took < bound, "{len} bytes took {took:?}");
    out
}

const TEXT_SEEDS: &[&str] = &[
    include_str!("../content/resolutions/a-res-61-168/fr.md"),
    include_str!("../content/resolutions/a-res-62-160/en.md"),
    include_str!("../content/resolutions/a-res-68-160/fr.md"),
    include_str!("../content/resolutions/a-res-59-187/fr.md"),
];

const NOTE_SEEDS: &[&str] = &[
    include_str!("../content/resolutions/a-res-61-168/notes.md"),
    include_str!("../content/resolutions/a-res-62-160/notes.md"),
    include_str!("../content/resolutions/a-res-62-160/notes.fr.md"),
    include_str!("../tests/fixtures/sites/notes/content/resolutions/a-res-10-1/notes.md"),
];

/// The importer on text: a result or problems, never a panic; a canonical text of bounded size.
fn check_import(text: &str) {
    for lang in [None, Some("fr"), Some("en")] {
        let parsed = timed(text.len(), || {
            crate::import::parse_raw(Path::new("raw.txt"), text, lang)
        });
        if let Ok(parsed) = parsed {
            assert!(parsed.markdown.len() <= 4 * text.len() + 4_096);
            // What the importer writes, the loader reads back without a panic.
            check_canonical(&parsed.markdown);
        }
    }
}

/// The canonical-text parser, its footnotes and citations.
fn check_canonical(text: &str) {
    timed(text.len(), || {
        let path = Path::new("fr.md");
        let (mut parsed, mut problems) = crate::load::text::parse_text(path, text);
        crate::load::text::link_footnotes(path, &mut parsed, &mut problems);
        let mut html = 0;
        for paragraph in parsed.all_paragraphs() {
            assert!(!paragraph.id.is_empty());
            html += paragraph.html.len();
            let _ = crate::archive::references::find(&paragraph.plain);
        }
        for footnote in &parsed.footnotes {
            html += footnote.html.len();
            let _ = crate::archive::references::find(&footnote.plain);
        }
        assert!(html <= 64 * text.len() + 4_096, "{html} bytes of HTML");
        let _ = problems.to_string();
    });
}

/// An archive to render notes against (the `sites/notes` fixture).
static STRINGS: LazyLock<crate::render::strings::Strings> =
    LazyLock::new(crate::render::strings::Strings::bundled);

static NOTES_ARCHIVE: LazyLock<crate::archive::Archive> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/notes");
    let config = crate::config::Config::load(&root).expect("the fixture's book.toml");
    crate::load::load(&config)
        .unwrap_or_else(|p| panic!("{p}"))
        .archive
});

/// The notes parser, then each note rendered (Markdown, highlighting, sanitiser).
fn check_notes(text: &str) {
    timed(text.len(), || {
        let (found, problems) = crate::load::notes::parse_notes(Path::new("notes.md"), text, None);
        let _ = problems.to_string();
        let Some(found) = found else { return };
        let archive = &*NOTES_ARCHIVE;
        let resolution = &archive.resolutions[0];
        let page = crate::render::notes::Page {
            archive,
            resolution,
            lang: "fr",
            path: "fr/a-res-10-1.html",
            parallel: false,
            strings: &STRINGS,
        };
        for note in &found.notes {
            for trust in [false, true] {
                let html = crate::render::notes::note_html(note, "note-x", &page, trust);
                if !trust {
                    let lower = html.to_ascii_lowercase();
                    assert!(!lower.contains("<script"), "{html}");
                    assert!(!lower.contains("javascript:"), "{html}");
                }
            }
        }
    });
}

/// The comparison of two texts (`analysis`): every paragraph of each side is matched, dropped
/// or new exactly once, and the word-level comparison of each match ends.
fn check_comparison(old: &str, new: &str) {
    use crate::analysis::{align, diff, words};
    timed(old.len() + new.len(), || {
        let plains = |text: &str| -> Vec<String> {
            let (parsed, _) = crate::load::text::parse_text(Path::new("fr.md"), text);
            parsed.all_paragraphs().map(|p| p.plain.clone()).collect()
        };
        let (old, new) = (plains(old), plains(new));
        fn tokens(plains: &[String]) -> Vec<Vec<words::Token<'_>>> {
            plains.iter().map(|p| words::tokenize(p)).collect()
        }
        let (old_tokens, new_tokens) = (tokens(&old), tokens(&new));
        let similarity = |tokens: &[Vec<words::Token>]| -> Vec<Vec<String>> {
            tokens
                .iter()
                .map(|t| {
                    words::similarity_words(t)
                        .into_iter()
                        .map(|w| w.into_owned())
                        .collect()
                })
                .collect()
        };
        let alignment = align::align(&similarity(&old_tokens), &similarity(&new_tokens));
        let mut seen_old: Vec<usize> = alignment.dropped.clone();
        let mut seen_new: Vec<usize> = alignment.new.clone();
        for matched in &alignment.matches {
            seen_old.extend(&matched.old);
            seen_new.extend(&matched.new);
            fn join<'t>(side: &[usize], tokens: &[Vec<words::Token<'t>>]) -> Vec<words::Token<'t>> {
                side.iter()
                    .flat_map(|&i| tokens[i].iter().cloned())
                    .collect()
            }
            let _ = diff::word_diff(
                &join(&matched.old, &old_tokens),
                &join(&matched.new, &new_tokens),
            );
        }
        seen_old.sort_unstable();
        seen_new.sort_unstable();
        assert_eq!(
            seen_old,
            (0..old.len()).collect::<Vec<_>>(),
            "older paragraphs"
        );
        assert_eq!(
            seen_new,
            (0..new.len()).collect::<Vec<_>>(),
            "newer paragraphs"
        );
    });
}

/// A symbol that parses gives a slug that is one plain file name.
fn check_symbol(raw: &str) {
    if let Ok(symbol) = Symbol::parse(raw) {
        let slug = symbol.slug();
        assert!(!slug.is_empty());
        assert!(
            slug.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{slug:?}"
        );
        let path = Path::new("out").join(format!("{slug}.html"));
        assert!(path.starts_with("out") && path.components().count() == 2);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_the_importer(text in input(&crate::import::tests::SEEDS)) {
        check_import(&text);
    }

    #[test]
    fn fuzz_the_importer_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        let _ = timed(bytes.len(), || crate::import::parse_bytes(Path::new("raw.txt"), &bytes, None));
    }

    #[test]
    fn fuzz_the_canonical_text_parser(text in input(TEXT_SEEDS)) {
        check_canonical(&text);
    }

    #[test]
    fn fuzz_the_notes_parser_and_renderer(text in input(NOTE_SEEDS)) {
        check_notes(&text);
    }

    #[test]
    fn fuzz_the_comparison_of_two_texts(old in mutated(TEXT_SEEDS), new in input(TEXT_SEEDS)) {
        check_comparison(&old, &new);
    }

    #[test]
    fn fuzz_the_reference_finder(text in input(TEXT_SEEDS)) {
        let _ = timed(text.len(), || crate::archive::references::find(&text));
    }

    #[test]
    fn fuzz_symbols(raw in prop_oneof![any::<String>(), "[A-Za-z0-9/.()\\\\:\\-\\x00 ]{0,24}"]) {
        check_symbol(&raw);
    }
}

/// The inputs that stalled a build when this work began (minutes to hours each), found by
/// hand-made hostile files and kept here through the same checks as the fuzzing (no panic, time
/// bounded by size). The long fuzz runs found no further crash.
mod regressions {
    use super::*;

    const OPENING: &str = "L’Assemblée générale,\n\n*Rappelant* ";

    #[test]
    fn a_million_nested_quotes_in_notes() {
        // ammonia's parser over a million nested blockquotes: minutes.
        check_notes(&format!("## op1\n\n{} x\n", ">".repeat(1_000_000)));
    }

    #[test]
    fn ten_thousand_list_levels_on_one_line() {
        check_canonical(&format!(
            "L’Assemblée générale,\n\n1. {}x\n",
            "- ".repeat(10_000)
        ));
        check_notes(&format!("{}x\n", "- ".repeat(10_000)));
    }

    #[test]
    fn fifty_thousand_references_to_one_footnote() {
        // Each reference counted the earlier ones, each footnote scanned every reference.
        check_canonical(&format!("{OPENING}{}\n\n[^1]: x\n", "[^1] ".repeat(50_000)));
    }

    #[test]
    fn a_paragraph_citing_the_same_resolution_fifty_thousand_times() {
        // The possessive before each citation and the tags before each link were read from the
        // start of the paragraph every time.
        check_canonical(&format!(
            "{OPENING}{}\n",
            "sa résolution 9/5, ".repeat(50_000)
        ));
    }

    #[test]
    fn footnote_references_never_closed() {
        // Each `[^` read its label to the end of the paragraph.
        check_canonical(&format!("{OPENING}{}\n", "[^".repeat(100_000)));
    }

    #[test]
    fn the_same_heading_mistake_on_every_line() {
        // Each problem was compared with every earlier one.
        check_canonical(&"# titre\n\n".repeat(100_000));
    }

    #[test]
    fn twenty_thousand_footnotes_and_identical_headings_in_a_note() {
        // Footnote numbers and heading anchors were looked up in lists, each heading copied the
        // rest of the note.
        let note: String = (0..20_000)
            .map(|i| format!("### Même titre\n\nx[^{i}]\n\n[^{i}]: y\n\n"))
            .collect();
        check_notes(&format!("## op1\n\n{note}"));
    }
}
