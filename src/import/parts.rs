//! The parts of an imported text, between the parser and the canonical writer: preambular
//! paragraphs, operative paragraphs with their sub-paragraphs "(a)" and "(i)", section headings,
//! and the annexes printed after the resolution. Plain data: `body` fills it, `footnotes` places
//! markers in its texts, `canonical` writes it.

/// One operative (or annex) paragraph with its sub-paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operative {
    /// The official number; for unnumbered operative paragraphs, the position (1, 2, …).
    pub number: u32,
    pub text: String,
    /// Sub-paragraphs, each starting with its letter: "(a) …".
    pub subs: Vec<Sub>,
}

/// A sub-paragraph "(a) …" with its own sub-paragraphs "(i) …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sub {
    pub text: String,
    pub subs: Vec<String>,
}

impl PartialEq<&str> for Sub {
    fn eq(&self, other: &&str) -> bool {
        self.subs.is_empty() && self.text == *other
    }
}

impl Sub {
    pub(crate) fn new(text: String) -> Sub {
        Sub {
            text,
            subs: Vec::new(),
        }
    }
}

/// A section heading ("Peacebuilding Commission", "I. Global context"), standing before the
/// paragraph at `before` (an index into the part's paragraphs: preamble then operative, or an
/// annex's unnumbered then numbered paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub before: usize,
    pub text: String,
}

/// A sub-paragraph label met twice under one paragraph (a conversion that lost the number of
/// the paragraph between): its words were kept in the sub-paragraph before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The line in the input where the repeated label stands.
    pub line: usize,
    /// The number of the paragraph it was met under.
    pub paragraph: u32,
    pub label: String,
}

/// An annex printed after the resolution: a declaration, a programme of action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annex {
    /// As printed: "Annex", "Annexe", "Annex I".
    pub heading: String,
    pub title: Option<String>,
    /// Unnumbered paragraphs before the numbered ones.
    pub intro: Vec<String>,
    pub paragraphs: Vec<Operative>,
    pub headings: Vec<Heading>,
    pub repeated: Vec<Repeated>,
}

impl Annex {
    /// How many numbered paragraphs it holds.
    pub fn numbered(&self) -> usize {
        self.paragraphs.len()
    }
}

/// The paragraphs of a resolution's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub preamble: Vec<String>,
    pub operative: Vec<Operative>,
    /// The operative paragraphs carry no numbers ("The General Assembly / Adopts …").
    pub unnumbered: bool,
    pub headings: Vec<Heading>,
    pub annexes: Vec<Annex>,
    pub repeated: Vec<Repeated>,
    /// Line of the first line of each paragraph, preamble then operative (for diagnostics).
    pub lines: Vec<usize>,
}

impl Body {
    /// Every paragraph text, sub-paragraphs and annexes included, in reading order.
    #[cfg(test)]
    pub(crate) fn all_texts(&self) -> Vec<&str> {
        self.located_texts().into_iter().map(|(_, t)| t).collect()
    }

    /// Every paragraph text with the line it starts on where it is known (preamble and
    /// numbered operative paragraphs), in reading order.
    pub(crate) fn located_texts(&self) -> Vec<(Option<usize>, &str)> {
        let mut lines = self.lines.iter().copied();
        let mut out: Vec<(Option<usize>, &str)> = Vec::new();
        for p in &self.preamble {
            out.push((lines.next(), p));
        }
        for op in &self.operative {
            out.push((lines.next(), &op.text));
            let mut rest = Vec::new();
            push_items(std::slice::from_ref(op), &mut rest);
            out.extend(rest.into_iter().skip(1).map(|t| (None, t)));
        }
        for annex in &self.annexes {
            out.extend(annex.intro.iter().map(|t| (None, t.as_str())));
            let mut rest = Vec::new();
            push_items(&annex.paragraphs, &mut rest);
            out.extend(rest.into_iter().map(|t| (None, t)));
        }
        out
    }

    /// Every paragraph text, mutable, in reading order (as [`Body::all_texts`]).
    pub(crate) fn all_texts_mut(&mut self) -> Vec<&mut String> {
        let mut out: Vec<&mut String> = self.preamble.iter_mut().collect();
        push_items_mut(&mut self.operative, &mut out);
        for annex in &mut self.annexes {
            out.extend(annex.intro.iter_mut());
            push_items_mut(&mut annex.paragraphs, &mut out);
        }
        out
    }
}

fn push_items<'a>(items: &'a [Operative], out: &mut Vec<&'a str>) {
    for op in items {
        out.push(&op.text);
        for sub in &op.subs {
            out.push(&sub.text);
            out.extend(sub.subs.iter().map(String::as_str));
        }
    }
}

fn push_items_mut<'a>(items: &'a mut [Operative], out: &mut Vec<&'a mut String>) {
    for op in items {
        out.push(&mut op.text);
        for sub in &mut op.subs {
            out.push(&mut sub.text);
            out.extend(sub.subs.iter_mut());
        }
    }
}
