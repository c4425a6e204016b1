//! Akoma Ntoso 3.0 documents (OASIS LegalDocML): recueil's own export, or another publisher's,
//! read into the canonical text and meta.yaml.
//!
//! The document is read as a tree (roxmltree: no DTD, no external entities) and its parts
//! mapped onto the importer's [`Body`], which the canonical writer turns into Markdown as it does
//! for every other form:
//!
//! - the opening line is the preamble's `<formula>`; preambular paragraphs are its `<recital>`s
//!   and `<citation>`s (or its bare `<p>`s); operative paragraphs are the body's `<paragraph>`s
//!   (their `<num>` the official number; none, and they are unnumbered), their
//!   `<subparagraph>`s, `<point>`s or list items the sub-paragraphs `(a)` and items `(i)`;
//!   a `<heading>` of a `<section>` or `<hcontainer>`, or a `<p class="sectionHeading">`, is a
//!   section heading `### …`; each `<attachment>` is an annex;
//! - inline: `<i>` is `*…*`, `<b>` `**…**`, `<del>` `~~…~~`, `<a href>` a link, `<inline
//!   name="code">` code; an `<authorialNote>` becomes a footnote `[^N]` (N its `marker`), a
//!   `<noteRef>` a second reference to one; `<ref>` and every other inline element give their
//!   words (the loader finds citations again in the words);
//! - metadata: recueil's `<proprietary>` block when there is one (all of meta.yaml for this
//!   language), else the FRBR identification (language, adoption date, the symbol from the
//!   work's name) and the preface (`docNumber`, `docTitle`).
//!
//! What is read is what recueil's export writes, so that export then import gives back the same
//! canonical text byte for byte (`tests/testsuite/export.rs`).

use std::path::Path;

use roxmltree::{Document, Node};

use super::canonical::Footnote;
use super::detect::Format;
use super::header::Header;
use super::{Body, Heading, Operative, Parsed, Sub};
use crate::diag::{Problem, Problems};
use crate::formats::meta::{Committee, Vote};
use crate::formats::symbol::Symbol;

/// The namespace of recueil's metadata in an exported document.
const RECUEIL_NS: &str = "https://recueil-archive.github.io/ns/akn/1";

/// An Akoma Ntoso document: XML whose root element is `akomaNtoso`.
pub(crate) fn is_akn(text: &str) -> bool {
    let start = text.trim_start();
    start.starts_with('<') && {
        let head: String = start.chars().take(4000).collect();
        head.contains("<akomaNtoso") || head.contains(":akomaNtoso")
    }
}

/// Reads an Akoma Ntoso document; `path` names it in problems.
pub(crate) fn parse(path: &Path, text: &str, lang_hint: Option<&str>) -> Result<Parsed, Problems> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 2_000_000,
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        Problems::from(
            Problem::error(
                path,
                format!("this Akoma Ntoso document is not well-formed XML: {e}"),
            )
            .at(pos.row as usize, Some(pos.col as usize))
            .hint("check the file against the XML it was exported as; a DTD is refused"),
        )
    })?;
    let root = doc.root_element();
    let Some(document) = elements(root).next() else {
        return Err(
            Problem::error(path, "this Akoma Ntoso document holds no document")
                .hint("give an <akomaNtoso> element with a <statement>, <doc> or <act> in it")
                .into(),
        );
    };
    let mut reader = Reader::default();
    let own = own_metadata(document);
    let lang = language(path, document, text, lang_hint)?;
    let mut header = own
        .as_ref()
        .map_or_else(Header::default, |o| o.header.clone());
    complete_header(&mut header, document);
    let Some(symbol) = header.symbol.clone() else {
        let line = doc.text_pos_at(document.range().start).row as usize;
        return Err(Problem::error(path, "no symbol found in this Akoma Ntoso document")
            .at(line, None)
            .hint("give it in the preface as <docNumber>A/RES/68/160</docNumber>, or in the FRBR work's name (…/unga/2013-12-18/68-160)")
            .into());
    };
    let opening = reader.opening(document, &lang);
    let mut body = Body::default();
    reader.preamble(document, &mut body);
    reader.main_body(document, &mut body);
    if body.preamble.is_empty() && body.operative.is_empty() {
        return Err(Problem::error(path, "no paragraph in this Akoma Ntoso document")
            .hint("preambular paragraphs are <recital>s of the <preamble>, operative ones <paragraph>s of the <mainBody>")
            .into());
    }
    body.annexes = reader.annexes(document);
    let (complete, remark) = match &own {
        Some(own) => (own.complete, own.remark.clone()),
        None => super::completeness(&body, &lang, text.contains('’')),
    };
    let markdown = super::canonical::render(&opening, &body, &reader.footnotes);
    Ok(Parsed {
        format: Format::Akn,
        lang,
        symbol,
        header,
        opening,
        body,
        footnotes: reader.footnotes,
        complete,
        remark,
        markdown,
        warnings: Problems::new(),
        series: own.as_ref().and_then(|o| o.series.clone()),
        predecessor: own.and_then(|o| o.predecessor),
    })
}

/// The element children of a node.
fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

fn name<'a>(node: &Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// The first element child called `local`.
fn child<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    elements(node).find(|n| name(n) == local)
}

/// The first descendant called `local`.
fn descendant<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    node.descendants()
        .find(|n| n.is_element() && name(n) == local)
}

/// The words of an element, its whitespace collapsed.
fn words(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What recueil's own export says in `<proprietary>`.
#[derive(Default)]
struct Own {
    header: Header,
    series: Option<String>,
    predecessor: Option<Symbol>,
    complete: bool,
    remark: Option<String>,
}

fn own_metadata(document: Node<'_, '_>) -> Option<Own> {
    let meta = child(document, "meta")?;
    let block = elements(meta)
        .filter(|n| name(n) == "proprietary")
        .flat_map(elements)
        .find(|n| n.tag_name().namespace() == Some(RECUEIL_NS) && name(n) == "resolution")?;
    let mut own = Own {
        complete: true,
        ..Own::default()
    };
    let h = &mut own.header;
    for field in elements(block) {
        let value = field.text().unwrap_or_default().trim().to_string();
        let symbol = || Symbol::parse(&value).ok();
        let date = || value.parse::<jiff::civil::Date>().ok();
        match name(&field) {
            "symbol" => h.symbol = symbol(),
            "series" => own.series = Some(value),
            "session" => h.session = value.parse().ok(),
            "agendaItem" => h.agenda_item = Some(value),
            "agendaTitle" => h.agenda_title = Some(value),
            "adopted" => h.adopted = date(),
            "meeting" => h.meeting = value.parse().ok(),
            "committee" => h.committee = committee(&value),
            "report" => h.report.extend(symbol()),
            "draft" => h.draft = symbol(),
            "distributed" => h.distributed = date(),
            "predecessor" => own.predecessor = symbol(),
            "vote" => h.vote = Some(vote(field)),
            "title" => h.title = Some(value),
            "complete" => own.complete = value != "false",
            "remark" => own.remark = Some(value),
            _ => {}
        }
    }
    Some(own)
}

fn committee(key: &str) -> Option<Committee> {
    serde_yaml::from_str(key).ok()
}

fn vote(node: Node<'_, '_>) -> Vote {
    let number = |name: &str| node.attribute(name).and_then(|v| v.parse().ok());
    Vote {
        without_vote: node.attribute("withoutVote") == Some("true"),
        in_favour: number("inFavour"),
        against: number("against"),
        abstaining: number("abstaining"),
    }
}

/// The language: recueil's, else the expression's `FRBRlanguage`, else `--lang`, else the words.
fn language(
    path: &Path,
    document: Node<'_, '_>,
    text: &str,
    hint: Option<&str>,
) -> Result<String, Problems> {
    let declared = descendant(document, "FRBRExpression")
        .and_then(|e| child(e, "FRBRlanguage"))
        .and_then(|l| l.attribute("language"))
        .and_then(iso639_1);
    let found = declared
        .or(hint)
        .or_else(|| super::detect::detect_lang(text));
    let Some(lang) = found else {
        return Err(
            Problem::error(path, "cannot tell the language of this document")
                .hint("give it with --lang fr or --lang en, or in <FRBRlanguage language=\"fra\"/>")
                .into(),
        );
    };
    if let (Some(declared), Some(hint)) = (declared, hint)
        && declared != hint
    {
        return Err(Problem::error(
            path,
            format!("--lang {hint} was given, but the document declares `{declared}`"),
        )
        .hint(format!("drop --lang to import it as `{declared}`"))
        .into());
    }
    Ok(lang.to_string())
}

/// `fra` → `fr`: the ISO 639-2 codes of the UN's languages (a two-letter code as it is).
fn iso639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "fra" | "fre" | "fr" => "fr",
        "eng" | "en" => "en",
        "spa" | "es" => "es",
        "ara" | "ar" => "ar",
        "rus" | "ru" => "ru",
        "zho" | "chi" | "zh" => "zh",
        _ => return None,
    })
}

/// What the FRBR identification and the preface say, where recueil's metadata is silent.
fn complete_header(header: &mut Header, document: Node<'_, '_>) {
    let work = descendant(document, "FRBRWork");
    let preface = child(document, "preface");
    if header.symbol.is_none() {
        header.symbol = preface
            .and_then(|p| descendant(p, "docNumber"))
            .and_then(|n| Symbol::parse(&words(n)).ok())
            .or_else(|| work.and_then(symbol_of_work));
    }
    if header.adopted.is_none() {
        header.adopted = work
            .and_then(|w| child(w, "FRBRdate"))
            .filter(|d| d.attribute("name") != Some("unknown"))
            .and_then(|d| d.attribute("date")?.get(..10)?.parse().ok());
    }
    if header.title.is_none() {
        header.title = preface
            .and_then(|p| descendant(p, "docTitle"))
            .map(words)
            .filter(|t| !t.is_empty());
    }
    if header.session.is_none() {
        header.session = header.symbol.as_ref().and_then(Symbol::ga_session);
    }
}

/// `A/RES/68/160` from a work named `…/unga/2013-12-18/68-160` (or its `FRBRnumber` `68/160`).
fn symbol_of_work(work: Node<'_, '_>) -> Option<Symbol> {
    let uri = child(work, "FRBRuri").and_then(|u| u.attribute("value"))?;
    let number = child(work, "FRBRnumber")
        .and_then(|n| n.attribute("value"))
        .map(|n| n.replace('/', "-"))
        .or_else(|| Some(uri.trim_end_matches('/').rsplit('/').next()?.to_string()))?;
    if !uri.contains("/unga/") && !uri.contains("/ga/") {
        return None;
    }
    let (session, number) = number.split_once('-')?;
    Symbol::parse(&format!("A/RES/{session}/{number}")).ok()
}

/// The footnotes met so far, in the order met.
#[derive(Default)]
struct Reader {
    footnotes: Vec<Footnote>,
}

impl Reader {
    /// The opening line (`formula`), or the Assembly's usual one in the text's language.
    fn opening(&mut self, document: Node<'_, '_>, lang: &str) -> String {
        let formula = child(document, "preamble").and_then(|p| child(p, "formula"));
        match formula {
            Some(formula) => self.blocks(formula),
            None if lang == "fr" => "L’Assemblée générale,".to_string(),
            None => "The General Assembly,".to_string(),
        }
    }

    /// The preambular paragraphs and the section headings among them.
    fn preamble(&mut self, document: Node<'_, '_>, body: &mut Body) {
        let Some(preamble) = child(document, "preamble") else {
            return;
        };
        let mut paragraphs = Vec::new();
        self.recitals(preamble, &mut paragraphs, &mut body.headings);
        body.preamble = paragraphs;
    }

    /// The recitals (or bare paragraphs) under `node`, with their headings.
    fn recitals(&mut self, node: Node<'_, '_>, out: &mut Vec<String>, headings: &mut Vec<Heading>) {
        for element in elements(node) {
            match name(&element) {
                "formula" | "longTitle" => {}
                "p" if is_heading(element) => headings.push(Heading {
                    before: out.len(),
                    text: words(element),
                }),
                "p" if element.attribute("class") == Some("empty") => {}
                "recital" | "citation" | "p" => out.push(self.blocks(element)),
                _ => self.recitals(element, out, headings),
            }
        }
    }

    /// The operative paragraphs, numbered or not, and their headings.
    fn main_body(&mut self, document: Node<'_, '_>, body: &mut Body) {
        let Some(main) = child(document, "mainBody").or_else(|| child(document, "body")) else {
            return;
        };
        let first = body.preamble.len();
        let mut headings = Vec::new();
        let mut items = Vec::new();
        self.paragraphs(main, &mut items, &mut headings);
        body.unnumbered = !items.is_empty() && items.iter().all(|(n, _)| n.is_none());
        body.operative = numbered(items);
        body.headings.extend(headings.into_iter().map(|h| Heading {
            before: h.before + first,
            text: h.text,
        }));
    }

    /// Paragraphs under `node` (with their number, if any) and the headings before them.
    fn paragraphs(
        &mut self,
        node: Node<'_, '_>,
        out: &mut Vec<(Option<u32>, Operative)>,
        headings: &mut Vec<Heading>,
    ) {
        for element in elements(node) {
            match name(&element) {
                "paragraph" | "article" | "clause" => out.push(self.paragraph(element)),
                "p" if is_heading(element) => headings.push(Heading {
                    before: out.len(),
                    text: words(element),
                }),
                "p" if element.attribute("class") == Some("empty") => {}
                "p" => out.push((None, operative(self.blocks(element)))),
                "num" | "heading" | "subheading" => {}
                _ => {
                    if let Some(heading) = section_heading(element) {
                        headings.push(Heading {
                            before: out.len(),
                            text: heading,
                        });
                    }
                    self.paragraphs(element, out, headings);
                }
            }
        }
    }

    /// One operative paragraph: its number, its words and its sub-paragraphs.
    fn paragraph(&mut self, element: Node<'_, '_>) -> (Option<u32>, Operative) {
        let number = child(element, "num").and_then(|n| {
            let digits: String = words(n).chars().filter(char::is_ascii_digit).collect();
            digits.parse().ok()
        });
        let (text, subs) = self.hierarchy(element);
        let subs = subs
            .into_iter()
            .enumerate()
            .map(|(i, (label, node))| {
                let (text, items) = self.hierarchy(node);
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(|(j, (label, item))| {
                        let (words, _) = self.hierarchy(item);
                        labelled(label, roman(j + 1), &words)
                    })
                    .collect();
                Sub {
                    text: labelled(label, letter(i), &text),
                    subs: items,
                }
            })
            .collect();
        (
            number,
            Operative {
                number: number.unwrap_or(0),
                text,
                subs,
            },
        )
    }

    /// The words of a hierarchical element (its `content`, or its `intro`) and its children
    /// one level down, each with its label.
    fn hierarchy<'a, 'i>(
        &mut self,
        element: Node<'a, 'i>,
    ) -> (String, Vec<(Option<String>, Node<'a, 'i>)>) {
        let mut text = Vec::new();
        let mut children = Vec::new();
        for part in elements(element) {
            match name(&part) {
                "content" | "intro" | "wrapUp" => text.push(self.blocks(part)),
                "p" => text.push(self.blocks(part)),
                "num" | "heading" | "subheading" => {}
                "list" | "blockList" => {
                    for item in elements(part) {
                        match name(&item) {
                            "listIntroduction" => text.push(self.blocks(item)),
                            "item" | "point" => children.push((label_of(item), item)),
                            _ => {}
                        }
                    }
                }
                _ => children.push((label_of(part), part)),
            }
        }
        let text = text
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        (text, children)
    }

    /// The annexes: one per attachment.
    fn annexes(&mut self, document: Node<'_, '_>) -> Vec<super::Annex> {
        let Some(attachments) = child(document, "attachments") else {
            return Vec::new();
        };
        elements(attachments)
            .filter_map(|a| elements(a).find(|d| name(d) != "meta"))
            .map(|doc| self.annex(doc))
            .collect()
    }

    fn annex(&mut self, doc: Node<'_, '_>) -> super::Annex {
        let preface = child(doc, "preface");
        let heading = preface
            .and_then(|p| descendant(p, "docType").or_else(|| child(p, "p")))
            .map(words)
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "Annex".to_string());
        let title = preface
            .and_then(|p| descendant(p, "docTitle"))
            .map(words)
            .filter(|t| !t.is_empty());
        let mut annex = super::Annex {
            heading,
            title,
            ..super::Annex::default()
        };
        if let Some(preamble) = child(doc, "preamble") {
            self.recitals(preamble, &mut annex.intro, &mut annex.headings);
        }
        if let Some(main) = child(doc, "mainBody") {
            let first = annex.intro.len();
            let mut items = Vec::new();
            let mut headings = Vec::new();
            self.paragraphs(main, &mut items, &mut headings);
            annex.paragraphs = numbered(items);
            annex.headings.extend(headings.into_iter().map(|h| Heading {
                before: h.before + first,
                text: h.text,
            }));
        }
        annex
    }

    /// The Markdown of an element's blocks (`p`s joined by a space) or inline content.
    fn blocks(&mut self, node: Node<'_, '_>) -> String {
        let mut out = String::new();
        for part in node.children() {
            if part.is_element()
                && matches!(name(&part), "p" | "content" | "intro" | "blockContainer")
            {
                let words = self.blocks(part);
                if !words.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&words);
                }
            } else if part.is_element() && matches!(name(&part), "num" | "heading") {
            } else {
                self.inline(part, &mut out);
            }
        }
        collapse(&out)
    }

    /// The Markdown of one inline node.
    fn inline(&mut self, node: Node<'_, '_>, out: &mut String) {
        if node.is_text() {
            escape_markdown(node.text().unwrap_or_default(), out);
            return;
        }
        if !node.is_element() {
            return;
        }
        let wrap = |reader: &mut Reader, mark: &str, out: &mut String| {
            out.push_str(mark);
            for child in node.children() {
                reader.inline(child, out);
            }
            out.push_str(mark);
        };
        match name(&node) {
            "i" | "em" => wrap(self, "*", out),
            "b" | "strong" => wrap(self, "**", out),
            "del" => wrap(self, "~~", out),
            "inline" if node.attribute("name") == Some("code") => {
                out.push('`');
                out.push_str(&words(node));
                out.push('`');
            }
            "a" => {
                out.push('[');
                for child in node.children() {
                    self.inline(child, out);
                }
                out.push_str(&format!(
                    "]({})",
                    node.attribute("href").unwrap_or_default()
                ));
            }
            "authorialNote" | "note" => {
                let number = self.footnote_number(node.attribute("marker"));
                let text = self.blocks(node);
                self.footnotes.push(Footnote { number, text });
                out.push_str(&format!("[^{number}]"));
            }
            "noteRef" => {
                if let Some(marker) = node.attribute("marker") {
                    out.push_str(&format!("[^{marker}]"));
                }
            }
            "eol" | "eop" => out.push(' '),
            "img" | "authorialNoteRef" => {}
            _ => {
                for child in node.children() {
                    self.inline(child, out);
                }
            }
        }
    }

    /// A footnote's number: its marker, or the next free one when the marker is not a number.
    fn footnote_number(&self, marker: Option<&str>) -> u32 {
        let taken = |n: u32| self.footnotes.iter().any(|f| f.number == n);
        match marker.and_then(|m| m.trim().parse::<u32>().ok()) {
            Some(n) if !taken(n) => n,
            _ => (1..).find(|&n| !taken(n)).unwrap_or(1),
        }
    }
}

fn is_heading(p: Node<'_, '_>) -> bool {
    p.attribute("class") == Some("sectionHeading")
}

/// The heading of a section-like container (`<section><num>I.</num><heading>…`), if any.
fn section_heading(element: Node<'_, '_>) -> Option<String> {
    let heading = child(element, "heading").map(words)?;
    let num = child(element, "num").map(words);
    Some(match num {
        Some(num) if !num.is_empty() => format!("{num} {heading}"),
        _ => heading,
    })
}

/// A paragraph without number or sub-paragraphs.
fn operative(text: String) -> Operative {
    Operative {
        number: 0,
        text,
        subs: Vec::new(),
    }
}

/// Paragraphs numbered as written, or by position where they have no number.
fn numbered(items: Vec<(Option<u32>, Operative)>) -> Vec<Operative> {
    let mut last = 0;
    items
        .into_iter()
        .map(|(number, mut op)| {
            op.number = number.unwrap_or(last + 1);
            last = op.number;
            op
        })
        .collect()
}

/// The label of a sub-paragraph or item from its `<num>`: `(a)`, `a)`, `a.` → `a`.
fn label_of(node: Node<'_, '_>) -> Option<String> {
    let num = words(child(node, "num")?);
    let label = num.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c.is_whitespace());
    (!label.is_empty() && label.len() <= 4 && label.chars().all(|c| c.is_ascii_lowercase()))
        .then(|| label.to_string())
}

/// `(a) words`: the label written, or the one of its position.
fn labelled(label: Option<String>, fallback: String, words: &str) -> String {
    let label = label.unwrap_or(fallback);
    if words.is_empty() {
        format!("({label})")
    } else {
        format!("({label}) {words}")
    }
}

fn letter(position: usize) -> String {
    char::from(b'a' + (position % 26) as u8).to_string()
}

fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, digits) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Whitespace runs that hold a line break (the indentation of a pretty-printed document)
/// become one space; the ends are trimmed.
fn collapse(text: &str) -> String {
    if !text.contains(['\n', '\r', '\t']) {
        return text.trim().to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            out.push_str(if run.contains(['\n', '\r', '\t']) {
                " "
            } else {
                &run
            });
            run.clear();
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// Text as Markdown that reads back as the same text: the characters that would open markup
/// are escaped (`*`, `` ` ``, `\`, `_` outside a word, `[^`, `~~`, `<` before a tag, `&` before an
/// entity).
fn escape_markdown(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let escape = match c {
            '\\' | '*' | '`' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '[' => next == Some('^'),
            '~' => next == Some('~'),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests;
