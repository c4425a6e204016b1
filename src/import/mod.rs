//! Turning raw official texts into archive content.
//!
//! One raw text (a PDF text extraction or a Markdown-like text, told apart by `detect`) becomes
//! `content/resolutions/<slug>/meta.yaml`, the canonical `<lang>.md` and `source/<lang>.txt`.
//! The work is split so that each step can be tested on the seed that shows its difficulty:
//!
//! - `detect`: bytes to text, form (PDF or Markdown-like) and language;
//! - `layout`: header / body / footnote blocks / closing, page furniture dropped (`furniture`);
//! - `header`: the metadata fields of the header and closing lines;
//! - `body`: lines re-joined into paragraphs (`hyphens`), classified, leads in italics;
//! - `footnotes`: markers in every form turned into `[^N]`;
//! - `canonical`: the Markdown writer;
//! - `merge`: meta.yaml merged with what the archive holds, series membership;
//! - `plan`: what an import would write, per resolution folder and series file;
//! - `inputs`: the files and folders named, read and parsed in parallel, duplicates refused;
//! - `guard`: what would be written, read back by the archive's loader before it is;
//! - `write`: the no-loss rules (hand edits, backups), per resolution folder;
//! - `disk`: each folder written whole or not at all (atomic files, staging, put back);
//! - `unorg`: the un.org document pages of the 1990s and 2000s, read on their own path;
//! - `akn`: Akoma Ntoso 3.0 documents (recueil's export or another publisher's), read as XML.
//!
//! [`parse_raw`] does everything but the disk and is what tests use; [`import_files`] is the
//! command.

pub(crate) mod akn;
pub(crate) mod body;
pub(crate) mod canonical;
#[cfg(test)]
mod corpus_tests;
pub(crate) mod detect;
pub(crate) mod disk;
pub mod eval;
pub(crate) mod footnotes;
pub(crate) mod front_matter;
pub(crate) mod furniture;
pub(crate) mod guard;
pub(crate) mod header;
pub(crate) mod hyphens;
pub(crate) mod inputs;
pub(crate) mod labels;
pub(crate) mod layout;
#[cfg(test)]
mod layout_tests;
pub(crate) mod merge;
pub(crate) mod parts;
pub(crate) mod plan;
pub(crate) mod unorg;
pub(crate) mod vocab;
pub(crate) mod write;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use std::sync::LazyLock;

use crate::diag::{Problem, Problems};
use crate::formats::meta::{Meta, TextMeta};
use crate::formats::symbol::Symbol;

pub use body::{Annex, Body, Heading, Operative, Sub};
pub use canonical::Footnote;
pub use detect::Format;
pub use header::Header;
pub use inputs::expand_inputs;
use layout::{Layout, Line};
pub(crate) use write::import_files_with_progress;
pub use write::{ImportOptions, ImportReport, Imported, Refused, import_files};

/// Everything a raw text gives, before anything is written.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub format: Format,
    pub lang: String,
    pub symbol: Symbol,
    pub header: Header,
    /// The opening line as in the source, without emphasis ("L’Assemblée générale,").
    pub opening: String,
    pub body: Body,
    pub footnotes: Vec<Footnote>,
    /// False when the source stops before the end of the resolution.
    pub complete: bool,
    /// Where a truncated source stops, in the text's language.
    pub remark: Option<String>,
    /// The canonical text.
    pub markdown: String,
    pub warnings: Problems,
    /// The series and stated predecessor the source names (an Akoma Ntoso document exported by
    /// recueil); none from a raw text.
    pub series: Option<String>,
    pub predecessor: Option<Symbol>,
}

impl Parsed {
    /// The meta.yaml this text alone would give.
    pub fn meta(&self, series: Option<String>) -> Meta {
        let h = &self.header;
        let mut title = BTreeMap::new();
        if let Some(t) = &h.title {
            title.insert(self.lang.clone(), t.clone());
        }
        let mut texts = BTreeMap::new();
        texts.insert(
            self.lang.clone(),
            TextMeta {
                complete: self.complete,
                remark: self.remark.clone(),
            },
        );
        Meta {
            symbol: self.symbol.clone(),
            series: series.or_else(|| self.series.clone()),
            session: h.session,
            agenda_title: h
                .agenda_title
                .iter()
                .map(|t| (self.lang.clone(), t.clone()))
                .collect(),
            agenda_item: h.agenda_item.clone(),
            adopted: h.adopted,
            meeting: h.meeting,
            committee: h.committee,
            draft: h.draft.clone(),
            report: h.report.clone(),
            distributed: h.distributed,
            predecessor: self.predecessor.clone(),
            vote: h.vote.clone(),
            title,
            texts,
        }
    }
}

static TITLE_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}/\d{1,4}\.\s+\S").expect("valid regex"));

/// Parse raw bytes (UTF-8 checked, BOM and CRLF handled). `path` names the input in problems.
pub fn parse_bytes(path: &Path, bytes: &[u8], lang_hint: Option<&str>) -> Result<Parsed, Problems> {
    let text = detect::decode(path, bytes)?;
    parse_raw(path, &text, lang_hint)
}

/// Parse a raw text without touching the disk. `lang_hint` is `--lang`; `path` names the input
/// in problems.
pub fn parse_raw(path: &Path, text: &str, lang_hint: Option<&str>) -> Result<Parsed, Problems> {
    let text = normalise_text(text);
    if akn::is_akn(&text) {
        return akn::parse(path, &text, lang_hint);
    }
    let mut warnings = Problems::new();
    let (text, front) = front_matter::split(path, text.as_ref(), &mut warnings);
    let text = text.as_ref();
    check_not_empty(path, text)?;
    let format = detect::detect_format(text);
    if format == Format::UnOrg {
        return unorg::parse(path, text, lang_hint);
    }
    // The document's words decide line-end hyphens; the language only sets the policy where
    // they give no evidence, so the guess made before the language is checked is enough.
    let guess = lang_hint
        .or_else(|| detect::detect_lang(text))
        .unwrap_or("fr");
    let words = hyphens::Words::of_lang(text, guess);
    let layout = layout::split_with(text, format, Some(&words));
    let opening = opening_line(path, &layout)?;
    // The language is asked for only once the text is known to be a resolution.
    let lang = decide_lang(path, text, lang_hint)?;
    let opening_text = layout::opening_text(opening.text)
        .unwrap_or(opening.text)
        .to_string();
    let mut header = header::parse(
        path,
        &layout.header,
        &layout.closing,
        &layout.dropped,
        &mut warnings,
    );
    if let Some(front) = &front {
        front.complete(path, &mut header, &mut warnings);
    }
    let symbol = symbol_of(path, &header, &layout)?;
    let mut body = parse_body(path, &layout, format, opening, &words)?;
    warn_repeated(path, &body, &mut warnings);
    let footnotes = footnotes::bind_texts(path, &layout, &mut warnings);
    footnotes::place_in_body(path, &mut body, &footnotes, &mut warnings);
    let (complete, remark) = match completeness(&body, &lang, text.contains('’')) {
        (true, _) => annex_completeness(&body, &lang, text.contains('’')),
        incomplete => incomplete,
    };
    let markdown = canonical::render(&opening_text, &body, &footnotes);
    Ok(Parsed {
        format,
        lang,
        symbol,
        header,
        opening: opening_text,
        body,
        footnotes,
        complete,
        remark,
        markdown,
        warnings,
        series: None,
        predecessor: None,
    })
}

/// The text without byte-order mark, its line ends turned into `\n`.
fn normalise_text(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

fn check_not_empty(path: &Path, text: &str) -> Result<(), Problems> {
    if text.trim().is_empty() {
        return Err(Problem::error(path, "this file is empty")
            .hint("give the text of a resolution, as extracted from the official PDF")
            .into());
    }
    Ok(())
}

/// The number of the first non-blank header line (1 if there is none).
fn first_line(layout: &Layout<'_>) -> usize {
    layout
        .header
        .iter()
        .find(|l| !l.text.is_empty())
        .map_or(1, |l| l.no)
}

/// The opening line ("L’Assemblée générale,"), without which the text is not a resolution.
fn opening_line<'a>(path: &Path, layout: &Layout<'a>) -> Result<Line<'a>, Problems> {
    if let Some(opening) = layout.opening {
        return Ok(opening);
    }
    let title = layout
        .header
        .iter()
        .find(|l| TITLE_ANYWHERE.is_match(furniture::bare(l.text)));
    let problem = match title {
        Some(t) => Problem::error(
            path,
            "no opening line after the title: expected “L’Assemblée générale,” or “The General Assembly,” on a line of its own",
        )
        .at(t.no, None)
        .hint("check that this is the whole text of the resolution"),
        None => Problem::error(
            path,
            "this is not the text of a resolution: expected a title line such as “62/160. Renforcement de …” and the opening line “L’Assemblée générale,” or “The General Assembly,”",
        )
        .at(first_line(layout), None)
        .hint("give the text of a General Assembly resolution, as extracted from its PDF"),
    };
    Err(problem.into())
}

/// The language: `--lang` if given (a warning if the text reads otherwise), else detected.
fn decide_lang(path: &Path, text: &str, lang_hint: Option<&str>) -> Result<String, Problems> {
    let detected = detect::detect_lang(text);
    let Some(hint) = lang_hint else {
        return detected.map(str::to_string).ok_or_else(|| {
            Problem::error(path, "cannot tell the language of this text")
                .hint("give it with --lang fr or --lang en")
                .into()
        });
    };
    let valid = hint.len() == 2 && hint.chars().all(|c| c.is_ascii_lowercase());
    if !valid {
        return Err(
            Problem::error(path, format!("`{hint}` is not a language code"))
                .hint("use a two-letter code: --lang fr or --lang en")
                .into(),
        );
    }
    if let Some(d) = detected
        && d != hint
    {
        // Filing a text under the wrong language would publish it with the wrong `lang`.
        return Err(Problem::error(
            path,
            format!("--lang {hint} was given, but the text reads as `{d}`"),
        )
        .hint(format!(
            "check that this is the right file; drop --lang to import it as `{d}`"
        ))
        .into());
    }
    Ok(hint.to_string())
}

/// The symbol the header gives, without which nothing can be filed.
fn symbol_of(path: &Path, header: &Header, layout: &Layout<'_>) -> Result<Symbol, Problems> {
    header.symbol.clone().ok_or_else(|| {
        Problem::error(
            path,
            "no symbol found: expected a header line such as “A/RES/62/160” or a title line such as “62/160. Renforcement de …”",
        )
        .at(first_line(layout), None)
        .hint("add the symbol line at the top of the text")
        .into()
    })
}

/// A sub-paragraph label met twice under one paragraph is a warning at its line.
fn warn_repeated(path: &Path, body: &Body, warnings: &mut Problems) {
    let repeated = body.repeated.iter().map(|r| (r, "paragraph")).chain(
        body.annexes
            .iter()
            .flat_map(|a| a.repeated.iter().map(|r| (r, "annex paragraph"))),
    );
    for (r, place) in repeated {
        warnings.push(
            Problem::warning(
                path,
                format!(
                    "sub-paragraph ({}) appears twice under {place} {}; its words were joined to the sub-paragraph before",
                    r.label, r.paragraph
                ),
            )
            .at(r.line, None)
            .hint("the source probably lost a paragraph number here: restore it in the canonical text"),
        );
    }
}

/// The paragraphs after the opening line: at least one is needed.
fn parse_body(
    path: &Path,
    layout: &Layout<'_>,
    format: Format,
    opening: Line<'_>,
    words: &hyphens::Words,
) -> Result<Body, Problems> {
    // "The General Assembly" without its comma opens a text of operative paragraphs only.
    let unnumbered = !opening.text.trim_end_matches('*').ends_with(',');
    let mut body = body::parse_with(&layout.body, format, words, unnumbered);
    body.annexes = layout
        .annexes
        .iter()
        .map(|a| body::parse_annex(a.heading.text, &a.lines, format, words))
        .collect();
    if body.preamble.is_empty() && body.operative.is_empty() {
        return Err(Problem::error(path, "no paragraph after the opening line")
            .at(opening.no, None)
            .hint("check that this is the whole text of the resolution")
            .into());
    }
    Ok(body)
}

/// A text that adopts what is "annexed to the present resolution" is whole only with its annex:
/// a source that stops before it is an excerpt, said in the text's language.
fn annex_completeness(body: &Body, lang: &str, curly: bool) -> (bool, Option<String>) {
    let adopts_annex = body.operative.iter().any(|op| {
        let t = op.text.to_lowercase();
        t.contains("annex to the present resolution")
            || t.contains("annexed to the present resolution")
            || t.contains("annexe à la présente résolution")
            || t.contains("annexée à la présente résolution")
            || (t.contains("en annexe") && t.contains("présente résolution"))
    });
    if !adopts_annex || !body.annexes.is_empty() {
        return (true, None);
    }
    let apos = if curly { '’' } else { '\'' };
    let remark = if lang == "fr" {
        format!("Le texte source s{apos}arrête à la fin de la résolution ; l{apos}annexe manque.")
    } else {
        "The source text stops at the end of the resolution; the annex is missing.".to_string()
    };
    (false, Some(remark))
}

/// Is the text complete? A source without operative part, or whose last operative paragraph
/// does not end with a full stop, stops early: say where, in the text's language.
pub(super) fn completeness(body: &Body, lang: &str, curly: bool) -> (bool, Option<String>) {
    let apos = if curly { '’' } else { '\'' };
    let fr = lang == "fr";
    match body.operative.last() {
        None => {
            let n = body.preamble.len();
            let remark = if fr {
                format!(
                    "Le texte source s{apos}arrête après le {} alinéa du préambule (pp{n}) ; le dispositif manque.",
                    vocab::french_ordinal(n)
                )
            } else {
                format!(
                    "The source text stops after the {} preambular paragraph (pp{n}); the operative part is missing.",
                    vocab::english_ordinal(n)
                )
            };
            (false, Some(remark))
        }
        Some(op) => {
            let last = op
                .subs
                .last()
                .map_or(&op.text, |s| s.subs.last().unwrap_or(&s.text));
            let end = last.trim_end().trim_end_matches('*');
            let end = end
                .rfind("[^")
                .filter(|&i| end[i..].ends_with(']'))
                .map_or(end, |i| &end[..i]);
            if end.ends_with('.') {
                (true, None)
            } else {
                let n = op.number;
                let remark = if fr {
                    format!(
                        "Le texte source s{apos}arrête dans le paragraphe {n} du dispositif (op{n}), inachevé."
                    )
                } else {
                    format!(
                        "The source text stops in operative paragraph {n} (op{n}), which is unfinished."
                    )
                };
                (false, Some(remark))
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use jiff::civil::date;

    pub(crate) const SEEDS: [&str; 5] = [
        include_str!("../../tests/fixtures/import/000_b910416a0ea72ba1.txt"),
        include_str!("../../tests/fixtures/import/001_f207325484d46f91.txt"),
        include_str!("../../tests/fixtures/import/002_367e980c57a681ce.txt"),
        include_str!("../../tests/fixtures/import/003_9abaddd9ae80c91a.txt"),
        include_str!("../../tests/fixtures/import/004_0c83b350d768e6c1.txt"),
    ];

    pub(crate) fn seed(i: usize) -> Parsed {
        parse_raw(Path::new("seed.txt"), SEEDS[i], None).expect("seed parses")
    }

    /// All paragraph texts of a parsed seed.
    fn paragraphs(p: &Parsed) -> Vec<&str> {
        p.body.all_texts()
    }

    fn assert_clean(p: &Parsed) {
        let glued = Regex::new(r"\p{L}\d").unwrap();
        let five = Regex::new(r"\b\d{5,}\b").unwrap();
        let markers = Regex::new(r"\[\^\d+\]").unwrap();
        for para in paragraphs(p) {
            let bare = markers.replace_all(para, "");
            assert!(!glued.is_match(&bare), "digit glued to a letter: {para}");
            assert!(!five.is_match(&bare), "5-digit number: {para}");
            for furniture in [
                "A/RES/",
                "http",
                "____",
                "Nations Unies\n",
                "<sup>",
                "¹",
                "²",
            ] {
                assert!(
                    !para.contains(furniture),
                    "furniture {furniture:?} in {para}"
                );
            }
            assert!(!para.contains("  "), "double space in {para}");
        }
        assert!(p.markdown.ends_with('\n') && !p.markdown.ends_with("\n\n"));
        assert!(p.markdown.lines().all(|l| l == l.trim_end()));
        // Every footnote is called exactly once, and defined once.
        let text = paragraphs(p).join("\n");
        for f in &p.footnotes {
            let marker = format!("[^{}]", f.number);
            assert_eq!(text.matches(&marker).count(), 1, "{marker}");
            assert_eq!(
                p.markdown.matches(&format!("{marker}:")).count(),
                1,
                "{marker}:"
            );
        }
    }

    fn counts(p: &Parsed) -> (usize, usize, usize) {
        (
            p.body.preamble.len(),
            p.body.operative.len(),
            p.footnotes.len(),
        )
    }

    #[test]
    fn seed_000_truncated_pdf_with_scrambled_footnote_numbers() {
        let p = seed(0);
        assert_eq!(p.symbol.as_str(), "A/RES/62/160");
        assert_eq!(p.lang, "fr");
        assert_eq!(counts(&p), (5, 0, 3));
        assert!(!p.complete);
        assert_eq!(
            p.remark.as_deref(),
            Some(
                "Le texte source s’arrête après le cinquième alinéa du préambule (pp5) ; le dispositif manque."
            )
        );
        assert!(p.body.preamble[0].contains("le 25 juin 1993[^1], pour favoriser"));
        assert!(p.body.preamble[1].contains("le 8 septembre 2000[^2] et sa résolution 61/168"));
        assert!(p.body.preamble[1].ends_with("dans le domaine des droits de l’homme[^3],"));
        assert!(
            p.body.preamble[1].contains("Article 1")
                || p.body.preamble[0].contains("Article 1, et")
        );
        assert_eq!(p.footnotes[1].text, "Voir résolution 55/2.");
        assert_clean(&p);
    }

    #[test]
    fn seed_001_markdown_with_superscript_markers() {
        let p = seed(1);
        assert_eq!(p.symbol.as_str(), "A/RES/61/168");
        assert_eq!(p.lang, "fr");
        // The brief said 10 preambular paragraphs; the text has 9 (Réaffirmant, Rappelant,
        // Rappelant également, Considérant, Reconnaissant, Réaffirmant, Soulignant, Insistant,
        // Rappelant).
        assert_eq!(counts(&p), (9, 11, 4));
        assert!(p.complete);
        assert_eq!(p.header.meeting, Some(81));
        assert_eq!(p.header.adopted, Some(date(2006, 12, 19)));
        assert_eq!(p.header.distributed, Some(date(2007, 2, 27)));
        assert_eq!(p.header.session, Some(61));
        assert_eq!(p.header.agenda_item.as_deref(), Some("67 (b)"));
        assert!(p.body.preamble[0].contains("1993[^1], pour"));
        assert!(p.body.preamble[8].ends_with("droits de l'homme[^4],"));
        assert!(
            p.body.operative[3]
                .text
                .starts_with("*Demande instamment* à tous")
        );
        assert!(p.footnotes[2].text.contains("*Documents officiels"));
        assert_clean(&p);
    }

    #[test]
    fn seed_002_pdf_without_header_glued_markers_and_footer_url() {
        let p = seed(2);
        assert_eq!(p.symbol.as_str(), "A/RES/68/160");
        // The brief said 11 preambular paragraphs; the text has 9.
        assert_eq!(counts(&p), (9, 14, 5));
        assert_eq!(p.footnotes[3].number, 4);
        assert_eq!(p.footnotes[3].text, "Résolution 66/3.");
        assert_eq!(p.header.adopted, Some(date(2013, 12, 18)));
        assert_eq!(p.header.session, Some(68));
        assert!(p.complete);
        assert!(p.body.preamble[1].contains("le 8 septembre 2000[^2] et sa résolution"));
        assert!(p.body.preamble[1].contains("en date du 23 mars 2012[^3], et"));
        assert!(p.body.preamble[2].contains("Programme d’action de Durban[^4], ainsi"));
        assert!(p.body.preamble[0].contains("droits de l’homme[^1] pour favoriser"));
        assert_clean(&p);
    }

    #[test]
    fn seed_003_pdf_with_running_header_mid_text() {
        let p = seed(3);
        assert_eq!(p.symbol.as_str(), "A/RES/59/187");
        // The brief said 9 preambular paragraphs; the text has 8.
        assert_eq!(counts(&p), (8, 10, 4));
        assert_eq!(p.header.session, Some(59));
        assert!(
            p.body.operative[7]
                .text
                .contains("protéger tous les droits de l’homme et toutes")
        );
        assert!(p.complete);
        assert_clean(&p);
    }

    #[test]
    fn seed_004_english_markdown_with_sup_markers() {
        let p = seed(4);
        assert_eq!(p.symbol.as_str(), "A/RES/62/160");
        assert_eq!(p.lang, "en");
        // The brief said 10 preambular paragraphs; the text has 9.
        assert_eq!(counts(&p), (9, 11, 4));
        assert_eq!(p.header.meeting, Some(76));
        assert_eq!(p.header.adopted, Some(date(2007, 12, 18)));
        assert_eq!(p.opening, "The General Assembly,");
        assert!(p.body.preamble[0].contains("on 25 June 1993,[^1] for enhancing"));
        assert!(
            p.markdown
                .starts_with("The General Assembly,\n\n*Reaffirming its commitment* to")
        );
        assert!(p.complete);
        assert_clean(&p);
    }

    #[test]
    fn canonical_text_of_seed_000_reads_as_the_contract() {
        let p = seed(0);
        let expected_start = "L’Assemblée générale,\n\n*Réaffirmant* sa volonté de promouvoir la coopération internationale, conformément à la Charte des Nations Unies, en particulier au paragraphe 3 de son Article 1, et aux dispositions pertinentes de la Déclaration et du Programme d’action de Vienne, adoptés par la Conférence mondiale sur les droits de l’homme le 25 juin 1993[^1], pour favoriser une coopération authentique renforcée entre les États Membres dans le domaine des droits de l’homme,\n\n*Rappelant* la Déclaration";
        assert!(p.markdown.starts_with(expected_start), "{}", p.markdown);
        assert!(p.markdown.ends_with("\n\n[^3]: Voir Documents officiels du Conseil économique et social, 2005, Supplément no 3 (E/2005/23), chap. II, sect. A.\n"));
    }

    #[test]
    fn seeds_parse_without_warnings() {
        for i in 0..5 {
            let p = seed(i);
            assert!(p.warnings.is_empty(), "seed {i}: {}", p.warnings);
        }
    }

    #[test]
    fn a_marker_that_cannot_be_placed_is_a_warning_with_the_line() {
        let text = "62/160. Titre\nL’Assemblée générale,\nRappelant la Charte3 et le reste,\n1. Décide de rester saisie.\n_____\n1 Note.\n";
        let p = parse_raw(Path::new("x.txt"), text, Some("fr")).unwrap();
        let messages: Vec<String> = p.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            messages.iter().any(|m| m.contains("footnote 1")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("x.txt:3") && m.contains("Charte3")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_contradicting_lang_is_refused() {
        let err = parse_raw(Path::new("x.txt"), SEEDS[4], Some("fr")).unwrap_err();
        assert!(
            err.to_string()
                .contains("--lang fr was given, but the text reads as `en`"),
            "{err}"
        );
        assert!(parse_raw(Path::new("x.txt"), SEEDS[4], Some("en")).is_ok());
    }

    #[test]
    fn not_a_resolution_is_an_error_saying_what_was_expected() {
        let err = parse_raw(
            Path::new("notes.txt"),
            "\nShopping list\nbread, milk and the eggs of the day for the cake\n",
            None,
        )
        .unwrap_err();
        let p = err.iter().next().unwrap();
        assert!(
            p.message.contains("not the text of a resolution"),
            "{}",
            p.message
        );
        assert_eq!(p.line, Some(2));
        let err = parse_raw(Path::new("t.txt"), "62/160. Renforcement de la coopération\ndans le domaine des droits de l’homme et de la paix\n", None).unwrap_err();
        assert!(
            err.iter()
                .next()
                .unwrap()
                .message
                .contains("no opening line")
        );
        let err = parse_raw(
            Path::new("t.txt"),
            "62/160. Renforcement de la coopération et de la paix\nL’Assemblée générale,\n",
            None,
        )
        .unwrap_err();
        assert!(err.iter().next().unwrap().message.contains("no paragraph"));
    }

    #[test]
    fn crlf_and_bom_give_the_same_result() {
        let crlf = format!("\u{feff}{}", SEEDS[3].replace('\n', "\r\n"));
        let p = parse_raw(Path::new("x.txt"), &crlf, None).unwrap();
        assert_eq!(p.markdown, seed(3).markdown);
        let p = parse_bytes(Path::new("x.txt"), crlf.as_bytes(), None).unwrap();
        assert_eq!(p.markdown, seed(3).markdown);
    }

    #[test]
    fn truncated_and_shuffled_seeds_never_panic() {
        for seed in SEEDS {
            let cuts: Vec<usize> = seed.char_indices().map(|(i, _)| i).step_by(53).collect();
            for cut in cuts {
                let _ = parse_raw(Path::new("x.txt"), &seed[..cut], None);
                let _ = parse_raw(Path::new("x.txt"), &seed[cut..], Some("en"));
            }
            let mut lines: Vec<&str> = seed.lines().collect();
            lines.reverse();
            let _ = parse_raw(Path::new("x.txt"), &lines.join("\n"), None);
            let every_other: Vec<&str> = seed.lines().step_by(2).collect();
            let _ = parse_raw(Path::new("x.txt"), &every_other.join("\n"), None);
        }
    }

    #[test]
    fn hostile_inputs_never_panic() {
        let inputs = [
            "L’Assemblée générale,",
            "L’Assemblée générale,\n1.",
            "L’Assemblée générale,\n¹\n<sup>",
            "1/1. x\nL’Assemblée générale,\nRappelant é-\n-\n_____\n1\n",
            "A/RES/1/1\nThe General Assembly,\n1. Decides ¹²³⁴⁵⁶⁷⁸⁹⁰ 1 2 3;\n¹ a\n² b\n",
            "é\u{301}\u{0}",
            "L’Assemblée générale,\nRappelant x,\n¹²³⁴⁵⁶⁷⁸⁹⁰¹²³ a\n⁹⁹⁹ b\n<sup>999</sup> c\n",
            "L’Assemblée générale,\nRappelant x,\n____\n999\n998 a.\n1 b\n",
        ];
        for input in inputs {
            let _ = parse_raw(Path::new("x.txt"), input, Some("fr"));
            let _ = parse_raw(Path::new("x.txt"), input, None);
        }
    }
}
