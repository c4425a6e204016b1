//! One language version of a resolution as an Akoma Ntoso 3.0 document (OASIS LegalDocML),
//! named as the AKN4UN guidelines name a General Assembly resolution.
//!
//! - The document is a `<statement name="resolution">` (AKN4UN: document class "deliberation",
//!   subtype `deliberation`, name `resolution`). Its FRBR identification: the work
//!   `/akn/un/statement/deliberation/unga/<adopted>/<session>-<number>` (country `un`, author
//!   the General Assembly, `#unga`), the expression `<work>/<lang>@` (ISO 639-2: `fra@`, `eng@`),
//!   the manifestation `<expression>/!main.xml` (author recueil). Every date is the adoption
//!   date, so that the same text always gives the same bytes.
//! - `<preface>`: the symbol (`docNumber`) and the title (`docTitle`); `<preamble>`: the opening
//!   line as the `formula`, then the preambular paragraphs as `<recital>`s; `<mainBody>`: the
//!   operative paragraphs as `<paragraph>` with their `<num>`, sub-paragraphs `<subparagraph>`
//!   and their items `<point>`. A section heading (`### …`) is a `<p class="sectionHeading">`
//!   before its paragraph. Each annex is an `<attachment>` holding a `<doc name="annex">` (its
//!   heading and title in its preface, its unnumbered paragraphs as recitals, its numbered ones in
//!   its body). Footnotes are `<authorialNote>`s where first referenced, citations `<ref>`s.
//! - `eId`s are the archive's ids in the naming convention's form: `pp3` → `recital_3`, `op10`
//!   → `para_10`, `op4-a` → `para_4__subpara_a`, `op4-a-ii` → `para_4__subpara_a__point_ii`,
//!   `fn2` → `authorialNote_2`; an annex's are prefixed with the annex's id (`annex-3` →
//!   `annex__para_3`, `annex2-pp1` → `annex2__recital_1`, `annex-fn1` → `annex__authorialNote_1`).
//! - What the archive knows and AKN has no element for (series, stated predecessor, committee,
//!   report, vote, completeness…) is in `<proprietary source="#recueil">`, in recueil's own
//!   namespace, so that `recueil import` gives back the same `meta.yaml`.
//!
//! A text with no operative paragraph (a source that stops in the preamble) has a `<mainBody>`
//! holding one empty `<p class="empty"/>`: the schema wants the body, and it has nothing.

use std::io::Write;

use super::inline::{self, Notes, escape};
use crate::archive::{Annex, Paragraph, Resolution, Text};
use crate::formats::meta::Meta;

/// The namespace of Akoma Ntoso 3.0.
pub(crate) const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// recueil's namespace for the metadata AKN has no element for.
pub(crate) const RECUEIL_NS: &str = "https://recueil-archive.github.io/ns/akn/1";

/// Writes the Akoma Ntoso document of `text`, a language version of `resolution`.
pub(super) fn write(
    resolution: &Resolution,
    text: &Text,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(document(resolution, text).as_bytes())
}

/// The document, whole: one text's, a few tens of kilobytes.
pub(super) fn document(resolution: &Resolution, text: &Text) -> String {
    let mut doc = Doc {
        out: String::with_capacity(64 * 1024),
        depth: 0,
    };
    let names = Names::of(resolution, &text.lang);
    doc.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    doc.open(&format!(
        "akomaNtoso xmlns=\"{AKN_NS}\" xmlns:recueil=\"{RECUEIL_NS}\""
    ));
    doc.open("statement name=\"resolution\" contains=\"originalVersion\"");
    doc.meta(&names, Some((&resolution.meta, text)));
    doc.preface(resolution, &text.lang);
    let mut notes = Notes::of(text);
    doc.preamble(text.opening.as_deref(), &text.paragraphs, &mut notes, "");
    let operative: Vec<&Paragraph> = text
        .paragraphs
        .iter()
        .filter(|p| p.kind != crate::archive::ParagraphKind::Preambular)
        .collect();
    doc.main_body(&operative, &mut notes);
    if !text.annexes.is_empty() {
        doc.open("attachments");
        for (i, annex) in text.annexes.iter().enumerate() {
            doc.annex(&names, annex, i + 1, &mut notes);
        }
        doc.close("attachments");
    }
    doc.close("statement");
    doc.close("akomaNtoso");
    doc.out
}

/// The FRBR names of one language version, or of one of its components (an annex).
struct Names {
    /// `main`, or the annex's id.
    component: String,
    work: String,
    expression: String,
    lang3: &'static str,
    date: String,
    date_name: &'static str,
}

impl Names {
    fn of(resolution: &Resolution, lang: &str) -> Names {
        let (date, date_name) = match resolution.meta.adopted {
            Some(date) => (date.to_string(), "adoption"),
            None => ("1945-10-24".to_string(), "unknown"),
        };
        let number = match (resolution.session(), resolution.symbol.ga_number()) {
            (Some(session), Some(number)) => format!("{session}-{number}"),
            _ => resolution.slug.clone(),
        };
        let work = format!("/akn/un/statement/deliberation/unga/{date}/{number}");
        let lang3 = iso639_2(lang);
        Names {
            component: "main".to_string(),
            expression: format!("{work}/{lang3}@"),
            work,
            lang3,
            date,
            date_name,
        }
    }
}

/// The ISO 639-2 code AKN names a language by (`fr` → `fra`); the UN's six, else `mul`.
pub(crate) fn iso639_2(lang: &str) -> &'static str {
    match lang {
        "fr" => "fra",
        "en" => "eng",
        "es" => "spa",
        "ar" => "ara",
        "ru" => "rus",
        "zh" => "zho",
        _ => "mul",
    }
}

/// The eId of an archive id (see the module's doc).
pub(super) fn eid(id: &str) -> String {
    let (annex, rest) = match id.split_once('-') {
        Some((first, rest)) if first.starts_with("annex") => (Some(first), rest),
        _ => (None, id),
    };
    let mut parts = rest.split('-');
    let first = parts.next().unwrap_or_default();
    let head = if let Some(n) = first.strip_prefix("pp") {
        format!("recital_{n}")
    } else if let Some(n) = first.strip_prefix("op") {
        format!("para_{n}")
    } else if let Some(n) = first.strip_prefix("fn") {
        format!("authorialNote_{n}")
    } else {
        format!("para_{first}")
    };
    let mut eid = match annex {
        Some(annex) => format!("{annex}__{head}"),
        None => head,
    };
    for (depth, label) in parts.enumerate() {
        let element = if depth == 0 { "subpara" } else { "point" };
        eid.push_str(&format!("__{element}_{label}"));
    }
    eid
}

/// The document being written, indented two spaces per level.
struct Doc {
    out: String,
    depth: usize,
}

impl Doc {
    fn line(&mut self, line: &str) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn open(&mut self, tag: &str) {
        self.line(&format!("<{tag}>"));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(&format!("</{name}>"));
    }

    /// `<name attrs>text</name>` on one line, `text` escaped.
    fn leaf(&mut self, name: &str, attrs: &str, text: &str) {
        let mut line = format!("<{name}{attrs}>");
        escape(text, &mut line);
        line.push_str(&format!("</{name}>"));
        self.line(&line);
    }

    /// `<p>` of already-made inline markup.
    fn p(&mut self, attrs: &str, inline: &str) {
        self.line(&format!("<p{attrs}>{inline}</p>"));
    }

    /// The identification (and, for the resolution itself, recueil's metadata).
    fn meta(&mut self, names: &Names, own: Option<(&Meta, &Text)>) {
        self.open("meta");
        self.open("identification source=\"#recueil\"");
        let date = format!(
            "<FRBRdate date=\"{}\" name=\"{}\"/>",
            names.date, names.date_name
        );
        self.open("FRBRWork");
        self.line(&format!(
            "<FRBRthis value=\"{}/!{}\"/>",
            names.work, names.component
        ));
        self.line(&format!("<FRBRuri value=\"{}\"/>", names.work));
        self.line(&date);
        self.line("<FRBRauthor href=\"#unga\"/>");
        self.line("<FRBRcountry value=\"un\"/>");
        self.line("<FRBRsubtype value=\"deliberation\"/>");
        self.close("FRBRWork");
        self.open("FRBRExpression");
        self.line(&format!(
            "<FRBRthis value=\"{}/!{}\"/>",
            names.expression, names.component
        ));
        self.line(&format!("<FRBRuri value=\"{}\"/>", names.expression));
        self.line(&date);
        self.line("<FRBRauthor href=\"#unga\"/>");
        self.line(&format!("<FRBRlanguage language=\"{}\"/>", names.lang3));
        self.close("FRBRExpression");
        self.open("FRBRManifestation");
        self.line(&format!(
            "<FRBRthis value=\"{}/!{}.xml\"/>",
            names.expression, names.component
        ));
        self.line(&format!("<FRBRuri value=\"{}.akn\"/>", names.expression));
        self.line(&date);
        self.line("<FRBRauthor href=\"#recueil\"/>");
        self.close("FRBRManifestation");
        self.close("identification");
        // An annex's authors are the document's: eIds are unique in the whole document.
        if let Some((meta, text)) = own {
            self.open("references source=\"#recueil\"");
            self.line("<TLCOrganization eId=\"unga\" href=\"/ontology/organization/un/unga\" showAs=\"General Assembly\"/>");
            self.line("<TLCOrganization eId=\"recueil\" href=\"/ontology/organization/recueil\" showAs=\"recueil\"/>");
            self.close("references");
            self.proprietary(meta, text);
        }
        self.close("meta");
    }

    /// recueil's metadata of one language version: what meta.yaml says of it.
    fn proprietary(&mut self, meta: &Meta, text: &Text) {
        let lang = text.lang.as_str();
        self.open("proprietary source=\"#recueil\"");
        self.open("recueil:resolution");
        let field = |doc: &mut Doc, name: &str, value: Option<String>| {
            if let Some(value) = value {
                doc.leaf(&format!("recueil:{name}"), "", &value);
            }
        };
        field(self, "symbol", Some(meta.symbol.to_string()));
        field(self, "series", meta.series.clone());
        field(self, "session", meta.session.map(|s| s.to_string()));
        field(self, "agendaItem", meta.agenda_item.clone());
        field(self, "agendaTitle", meta.agenda_title.get(lang).cloned());
        field(self, "adopted", meta.adopted.map(|d| d.to_string()));
        field(self, "meeting", meta.meeting.map(|m| m.to_string()));
        field(
            self,
            "committee",
            meta.committee.map(|c| c.key().to_string()),
        );
        for report in &meta.report {
            field(self, "report", Some(report.to_string()));
        }
        field(self, "draft", meta.draft.as_ref().map(|d| d.to_string()));
        field(self, "distributed", meta.distributed.map(|d| d.to_string()));
        field(
            self,
            "predecessor",
            meta.predecessor.as_ref().map(|p| p.to_string()),
        );
        if let Some(vote) = &meta.vote {
            let mut attrs = String::new();
            if vote.without_vote {
                attrs.push_str(" withoutVote=\"true\"");
            }
            for (name, value) in [
                ("inFavour", vote.in_favour),
                ("against", vote.against),
                ("abstaining", vote.abstaining),
            ] {
                if let Some(value) = value {
                    attrs.push_str(&format!(" {name}=\"{value}\""));
                }
            }
            self.line(&format!("<recueil:vote{attrs}/>"));
        }
        field(self, "title", meta.title.get(lang).cloned());
        field(self, "complete", Some(text.complete.to_string()));
        field(self, "remark", text.remark.clone());
        self.close("recueil:resolution");
        self.close("proprietary");
    }

    fn preface(&mut self, resolution: &Resolution, lang: &str) {
        self.open("preface");
        let mut symbol = String::from("<docNumber>");
        escape(resolution.symbol.as_str(), &mut symbol);
        symbol.push_str("</docNumber>");
        self.p(" class=\"symbol\"", &symbol);
        if let Some(title) = resolution.title(lang) {
            let mut line = String::new();
            if let Some(date) = resolution.meta.adopted {
                line.push_str(&format!("<docDate date=\"{date}\">{date}</docDate> "));
            }
            line.push_str("<docTitle>");
            escape(title, &mut line);
            line.push_str("</docTitle>");
            self.p(" class=\"title\"", &line);
        }
        self.close("preface");
    }

    /// The opening line and the preambular paragraphs (or an annex's unnumbered ones).
    fn preamble(
        &mut self,
        opening: Option<&str>,
        paragraphs: &[Paragraph],
        notes: &mut Notes<'_>,
        annex: &str,
    ) {
        let recitals: Vec<&Paragraph> = paragraphs.iter().filter(|p| is_recital(p)).collect();
        if opening.is_none() && recitals.is_empty() {
            return;
        }
        self.open("preamble");
        if let Some(opening) = opening {
            self.open("formula name=\"enactingFormula\"");
            let mut words = String::new();
            escape(opening, &mut words);
            self.p("", &words);
            self.close("formula");
        }
        if !recitals.is_empty() {
            self.open(&format!("recitals eId=\"{annex}recitals\""));
            for paragraph in recitals {
                self.headings(paragraph);
                self.open(&format!("recital eId=\"{}\"", eid(&paragraph.id)));
                self.words(paragraph, notes);
                self.close("recital");
            }
            self.close("recitals");
        }
        self.close("preamble");
    }

    /// The operative paragraphs (or an annex's numbered ones).
    fn main_body(&mut self, paragraphs: &[&Paragraph], notes: &mut Notes<'_>) {
        self.open("mainBody");
        if paragraphs.is_empty() {
            self.line("<p class=\"empty\"/>");
        }
        for paragraph in paragraphs {
            self.headings(paragraph);
            self.hierarchy(paragraph, "paragraph", notes);
        }
        self.close("mainBody");
    }

    /// A paragraph, sub-paragraph or item with its number and what it holds.
    fn hierarchy(&mut self, paragraph: &Paragraph, element: &str, notes: &mut Notes<'_>) {
        self.open(&format!("{element} eId=\"{}\"", eid(&paragraph.id)));
        if let Some(label) = &paragraph.label {
            let num = if paragraph.kind == crate::archive::ParagraphKind::Sub {
                label.clone()
            } else {
                format!("{label}.")
            };
            self.leaf("num", "", &num);
        }
        let wrapper = if paragraph.subs.is_empty() {
            "content"
        } else {
            "intro"
        };
        self.open(wrapper);
        self.words(paragraph, notes);
        self.close(wrapper);
        let child = if element == "paragraph" {
            "subparagraph"
        } else {
            "point"
        };
        for sub in &paragraph.subs {
            self.hierarchy(sub, child, notes);
        }
        self.close(element);
    }

    fn headings(&mut self, paragraph: &Paragraph) {
        for heading in &paragraph.headings {
            let mut words = String::new();
            escape(heading, &mut words);
            self.p(" class=\"sectionHeading\"", &words);
        }
    }

    fn words(&mut self, paragraph: &Paragraph, notes: &mut Notes<'_>) {
        let mut words = String::new();
        inline::write(&paragraph.markdown, &paragraph.cites, notes, &mut words);
        self.p("", &words);
    }

    /// An annex: an attachment holding a document of its own.
    fn annex(&mut self, names: &Names, annex: &Annex, n: usize, notes: &mut Notes<'_>) {
        self.open(&format!("attachment eId=\"att_{n}\""));
        self.open("doc name=\"annex\"");
        let component = Names {
            component: annex.id.clone(),
            work: names.work.clone(),
            expression: names.expression.clone(),
            lang3: names.lang3,
            date: names.date.clone(),
            date_name: names.date_name,
        };
        self.meta(&component, None);
        self.open("preface");
        let mut heading = String::from("<docType>");
        escape(&annex.heading, &mut heading);
        heading.push_str("</docType>");
        self.p(" class=\"heading\"", &heading);
        if let Some(title) = &annex.title {
            let mut words = String::from("<docTitle>");
            escape(title, &mut words);
            words.push_str("</docTitle>");
            self.p(" class=\"title\"", &words);
        }
        self.close("preface");
        let prefix = format!("{}__", annex.id);
        self.preamble(None, &annex.paragraphs, notes, &prefix);
        let numbered: Vec<&Paragraph> =
            annex.paragraphs.iter().filter(|p| !is_recital(p)).collect();
        self.main_body(&numbered, notes);
        self.close("doc");
        self.close("attachment");
    }
}

/// A preambular paragraph, or an unnumbered paragraph of an annex (`annex-pp1`).
fn is_recital(paragraph: &Paragraph) -> bool {
    paragraph.kind == crate::archive::ParagraphKind::Preambular
        || (paragraph.kind == crate::archive::ParagraphKind::Annex && paragraph.label.is_none())
}
