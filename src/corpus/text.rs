//! A resolution's text as the generator edits it: paragraphs paired French/English, changed from
//! one year to the next as the Assembly changes its texts, and written as canonical Markdown.
//!
//! Every edit applies to both languages at once, so the two texts of a year always have the same
//! paragraph ids. Paragraphs carrying a footnote marker, the recall of the predecessor and the
//! closing decision are pinned: never dropped or moved, so footnotes stay in order.

use super::material::{CLAUSES, OPERATIVE_POOL, PREAMBLE_POOL, REWORDINGS};
use super::rng::Rng;

/// One paragraph in both languages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Para {
    pub fr: String,
    pub en: String,
    /// Sub-paragraphs `(a)`, `(b)`, each in both languages.
    pub subs: Vec<(String, String)>,
    /// Never dropped or moved.
    pub pinned: bool,
    /// Where an inserted paragraph comes from, so that it is not inserted twice.
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Preamble(usize),
    Operative(usize),
    Citation,
}

impl Para {
    pub(crate) fn new(fr: impl Into<String>, en: impl Into<String>) -> Para {
        Para {
            fr: fr.into(),
            en: en.into(),
            subs: Vec::new(),
            pinned: false,
            origin: None,
        }
    }
}

/// A text in both languages: opening line, preamble, operative part, footnotes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub opening: (String, String),
    pub preamble: Vec<Para>,
    pub operative: Vec<Para>,
    pub footnotes: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

/// What fills the placeholders of one year's text, and where an incomplete text stops.
pub(crate) struct Fill<'a> {
    pub recall: &'a str,
    pub next: &'a str,
    /// Keep only the first N preambular paragraphs (an incomplete source).
    pub stop_after: Option<usize>,
}

/// The fewest paragraphs a part keeps, so that drops never empty it.
const MIN_PARAGRAPHS: usize = 4;
/// Citations of other series a text carries at most.
const MAX_CITATIONS: usize = 2;

impl Draft {
    /// The text of a series on `topic` (`des droits de l’homme` / `human rights` are replaced).
    pub(crate) fn on_topic(mut self, topic: (&str, &str)) -> Draft {
        for para in self.preamble.iter_mut().chain(self.operative.iter_mut()) {
            para.fr = with_topic_fr(&para.fr, topic.0);
            para.en = with_topic_en(&para.en, topic.1);
        }
        self
    }

    /// One year's changes: a few edits drawn at random, and possibly a citation of `cite`.
    pub(crate) fn evolve(&mut self, rng: &mut Rng, topic: (&str, &str), cite: Option<Para>) {
        for _ in 0..rng.between(1, 4) {
            let done = match rng.below(100) {
                0..45 => self.reword(rng),
                45..60 => self.toggle_clause(rng),
                60..78 => self.insert(rng, topic),
                78..94 => self.drop_one(rng),
                _ => self.shift(rng),
            };
            if !done {
                self.reword(rng);
            }
        }
        if let Some(citation) = cite {
            self.insert_citation(rng, citation);
        }
    }

    fn paragraph_count(&self) -> usize {
        self.preamble.len() + self.operative.len()
    }

    fn nth_mut(&mut self, n: usize) -> &mut Para {
        let pre = self.preamble.len();
        if n < pre {
            &mut self.preamble[n]
        } else {
            &mut self.operative[n - pre]
        }
    }

    /// Replaces words in one paragraph, in both languages (or back again).
    fn reword(&mut self, rng: &mut Rng) -> bool {
        let n = rng.below(self.paragraph_count());
        let start = rng.below(REWORDINGS.len() * 2);
        let para = self.nth_mut(n);
        for k in 0..REWORDINGS.len() * 2 {
            let (a_fr, b_fr, a_en, b_en) = REWORDINGS[(start + k) % REWORDINGS.len()];
            let ((from_fr, to_fr), (from_en, to_en)) =
                if ((start + k) / REWORDINGS.len()).is_multiple_of(2) {
                    ((a_fr, b_fr), (a_en, b_en))
                } else {
                    ((b_fr, a_fr), (b_en, a_en))
                };
            if let (Some(fr), Some(en)) = (
                substitute(&para.fr, from_fr, to_fr),
                substitute(&para.en, from_en, to_en),
            ) {
                para.fr = fr;
                para.en = en;
                return true;
            }
        }
        false
    }

    /// Adds a clause at the end of a paragraph, or takes out the one it has.
    fn toggle_clause(&mut self, rng: &mut Rng) -> bool {
        let n = rng.below(self.paragraph_count());
        let clause = *rng.pick(CLAUSES);
        let para = self.nth_mut(n);
        if para.fr.contains("{next}") || !para.subs.is_empty() {
            return false;
        }
        if let Some((fr, en)) = CLAUSES
            .iter()
            .find(|(fr, en)| para.fr.contains(fr) && para.en.contains(en))
        {
            para.fr = para.fr.replacen(fr, "", 1);
            para.en = para.en.replacen(en, "", 1);
            return true;
        }
        para.fr = with_clause(&para.fr, clause.0);
        para.en = with_clause(&para.en, clause.1);
        true
    }

    /// Inserts a paragraph of the pool that the text does not have.
    fn insert(&mut self, rng: &mut Rng, topic: (&str, &str)) -> bool {
        let operative = rng.chance(55);
        let (pool_len, origin): (usize, fn(usize) -> Origin) = if operative {
            (OPERATIVE_POOL.len(), Origin::Operative)
        } else {
            (PREAMBLE_POOL.len(), Origin::Preamble)
        };
        let start = rng.below(pool_len);
        let Some(k) = (0..pool_len)
            .map(|k| (start + k) % pool_len)
            .find(|k| !self.has_origin(origin(*k)))
        else {
            return false;
        };
        let mut para = if operative {
            let (fr, en, subs) = OPERATIVE_POOL[k];
            let mut para = Para::new(with_topic_fr(fr, topic.0), with_topic_en(en, topic.1));
            para.subs = subs
                .iter()
                .map(|(fr, en)| (fr.to_string(), en.to_string()))
                .collect();
            para
        } else {
            let (fr, en) = PREAMBLE_POOL[k];
            Para::new(with_topic_fr(fr, topic.0), with_topic_en(en, topic.1))
        };
        para.origin = Some(origin(k));
        if operative {
            // Before the closing decision.
            let at = rng.below(self.operative.len());
            self.operative.insert(at, para);
        } else {
            // After the recall of the predecessor (pp2).
            let at = rng.between(2.min(self.preamble.len()), self.preamble.len());
            self.preamble.insert(at, para);
        }
        true
    }

    fn has_origin(&self, origin: Origin) -> bool {
        self.preamble
            .iter()
            .chain(&self.operative)
            .any(|p| p.origin == Some(origin))
    }

    fn drop_one(&mut self, rng: &mut Rng) -> bool {
        let part = if rng.chance(50) {
            &mut self.preamble
        } else {
            &mut self.operative
        };
        if part.len() <= MIN_PARAGRAPHS {
            return false;
        }
        let start = rng.below(part.len());
        let found = (0..part.len())
            .map(|k| (start + k) % part.len())
            .find(|&k| !part[k].pinned);
        match found {
            Some(k) => {
                part.remove(k);
                true
            }
            None => false,
        }
    }

    /// Moves an operative paragraph elsewhere in the operative part.
    fn shift(&mut self, rng: &mut Rng) -> bool {
        let movable = self.operative.len() - 1;
        if movable < 3 {
            return false;
        }
        let from = rng.below(movable);
        let to = rng.below(movable);
        if from == to || self.operative[from].pinned {
            return false;
        }
        let para = self.operative.remove(from);
        self.operative.insert(to, para);
        true
    }

    fn insert_citation(&mut self, rng: &mut Rng, mut citation: Para) {
        let count = self
            .preamble
            .iter()
            .filter(|p| p.origin == Some(Origin::Citation))
            .count();
        if count >= MAX_CITATIONS {
            return;
        }
        citation.origin = Some(Origin::Citation);
        let at = rng.between(2.min(self.preamble.len()), self.preamble.len());
        self.preamble.insert(at, citation);
    }

    /// The ids of the paragraphs (`pp1`…, `op1`…, `op3-a`…) of the complete text.
    pub(crate) fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = (1..=self.preamble.len())
            .map(|n| format!("pp{n}"))
            .collect();
        for (n, para) in self.operative.iter().enumerate() {
            ids.push(format!("op{}", n + 1));
            for sub in 0..para.subs.len() {
                ids.push(format!("op{}-{}", n + 1, (b'a' + sub as u8) as char));
            }
        }
        ids
    }

    /// The canonical Markdown of the text in `lang`.
    pub(crate) fn markdown(&self, lang: Lang, fill: &Fill) -> String {
        fn pick<'s>(lang: Lang, (fr, en): (&'s str, &'s str)) -> &'s str {
            if lang == Lang::Fr { fr } else { en }
        }
        let mut out = String::with_capacity(8 * 1024);
        out.push_str(pick(lang, (&self.opening.0, &self.opening.1)));
        out.push_str("\n\n");
        let fill_in = |text: &str| {
            text.replace("{recall}", fill.recall)
                .replace("{next}", fill.next)
        };
        let preamble = match fill.stop_after {
            Some(n) => &self.preamble[..n.min(self.preamble.len())],
            None => &self.preamble[..],
        };
        for para in preamble {
            out.push_str(&fill_in(pick(lang, (&para.fr, &para.en))));
            out.push_str("\n\n");
        }
        if fill.stop_after.is_none() {
            for (n, para) in self.operative.iter().enumerate() {
                let marker = format!("{}. ", n + 1);
                out.push_str(&marker);
                out.push_str(&fill_in(pick(lang, (&para.fr, &para.en))));
                out.push_str("\n\n");
                let indent = " ".repeat(marker.len());
                for sub in &para.subs {
                    out.push_str(&format!("{indent}- {}\n\n", pick(lang, (&sub.0, &sub.1))));
                }
            }
        }
        for (n, note) in self.footnotes.iter().enumerate() {
            let label = n + 1;
            if out.contains(&format!("[^{label}]")) {
                out.push_str(&format!(
                    "[^{label}]: {}\n\n",
                    pick(lang, (&note.0, &note.1))
                ));
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// `text` with the first `from` replaced by `to`, unless it has none or already says `to`.
fn substitute(text: &str, from: &str, to: &str) -> Option<String> {
    if !text.contains(from) || (to.contains(from) && text.contains(to)) {
        return None;
    }
    Some(text.replacen(from, to, 1))
}

/// The clause inserted before the paragraph's closing punctuation (`,` `;` ` ;`).
fn with_clause(text: &str, clause: &str) -> String {
    let end = text.trim_end_matches([',', ';', '.', ':']).trim_end().len();
    format!("{}{clause}{}", &text[..end], &text[end..])
}

fn with_topic_fr(text: &str, topic: &str) -> String {
    text.replace(
        "dans le domaine des droits de l'homme",
        &format!("dans le domaine {topic}"),
    )
    .replace(
        "dans le domaine des droits de l’homme",
        &format!("dans le domaine {topic}"),
    )
}

fn with_topic_en(text: &str, topic: &str) -> String {
    text.replace(
        "in the field of human rights",
        &format!("in the field of {topic}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::material::base;

    fn fill() -> Fill<'static> {
        Fill {
            recall: " et sa résolution 1/1 du 1 décembre 1946",
            next: "3e",
            stop_after: None,
        }
    }

    #[test]
    fn both_languages_keep_the_same_paragraphs_year_after_year() {
        let mut draft = base();
        let mut rng = Rng::new(3);
        for _ in 0..60 {
            draft.evolve(&mut rng, ("de la santé", "health"), None);
            let fr = draft.markdown(Lang::Fr, &fill());
            let en = draft.markdown(Lang::En, &fill());
            let count =
                |text: &str, prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
            assert_eq!(count(&fr, "*"), count(&en, "*"), "{fr}\n{en}");
            assert_eq!(count(&fr, "[^"), count(&en, "[^"));
            assert!(
                draft.preamble.len() >= MIN_PARAGRAPHS && draft.operative.len() >= MIN_PARAGRAPHS
            );
            assert!(
                draft.operative.last().unwrap().fr.contains("{next}"),
                "the decision stays last"
            );
        }
        assert_ne!(draft, base(), "sixty years change a text");
    }

    #[test]
    fn sub_paragraphs_are_indented_under_their_number() {
        let mut draft = base();
        let mut para = Para::new("*Demande* :", "*Calls upon*:");
        para.subs = vec![("(a) de x ;".into(), "(a) To x;".into())];
        draft.operative.insert(9, para);
        let fr = draft.markdown(Lang::Fr, &fill());
        assert!(fr.contains("10. *Demande* :\n\n    - (a) de x ;\n"), "{fr}");
    }

    #[test]
    fn an_incomplete_text_stops_and_keeps_only_its_footnotes() {
        let fill = Fill {
            stop_after: Some(5),
            ..fill()
        };
        let fr = base().markdown(Lang::Fr, &fill);
        assert!(!fr.contains("1. *Réaffirme*"));
        assert!(fr.contains("[^3]: ") && !fr.contains("[^4]: "), "{fr}");
    }
}
