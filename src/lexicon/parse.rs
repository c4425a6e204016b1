//! A lexicon file read into a [`Lexicon`], every mistake at its line with advice.
//!
//! ```toml
//! neutral = ["also", "further"]
//! intensifiers = ["strongly", "deep"]
//!
//! [[operative]]
//! category = "urges"
//! rank = 8
//! leads = ["Urges", "Exhorts"]
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Category, Entry, Lexicon, MAX_RANK, Part, Token, Trie, WINDOW, words_with_ends};
use crate::diag::{Problem, Problems, line_col};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    neutral: Vec<Spanned<String>>,
    #[serde(default)]
    intensifiers: Vec<Spanned<String>>,
    #[serde(default)]
    preambular: Vec<RawGroup>,
    #[serde(default)]
    operative: Vec<RawGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    category: Spanned<String>,
    rank: Spanned<i64>,
    leads: Vec<Spanned<String>>,
}

/// Reads the lexicon file at `path`: the lexicon and its warnings, or every error.
pub(super) fn parse(path: &Path, text: &str) -> Result<(Lexicon, Problems), Problems> {
    let raw: RawLexicon = crate::config::parse_toml(path, text).map_err(|problem| {
        problem.hint(
            "a lexicon holds `neutral`, `intensifiers`, then [[operative]] and [[preambular]] \
             groups of `category`, `rank` and `leads` (see FORCE.md)",
        )
    })?;
    let mut reader = Reader {
        path,
        text,
        problems: Problems::new(),
    };
    let mut lexicon = Lexicon {
        path: path.to_path_buf(),
        neutral: reader.phrases(&raw.neutral, "neutral"),
        intensifiers: reader.phrases(&raw.intensifiers, "intensifiers"),
        ..Lexicon::default()
    };
    for (part, groups) in [
        (Part::Preambular, &raw.preambular),
        (Part::Operative, &raw.operative),
    ] {
        let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
        for group in groups {
            reader.group(&mut lexicon, part, group, &mut seen);
        }
    }
    if reader.problems.has_errors() {
        return Err(reader.problems);
    }
    Ok((lexicon, reader.problems))
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Problems,
}

impl Reader<'_> {
    fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        line_col(self.text, spanned.span().start).0
    }

    fn error<T>(&mut self, at: &Spanned<T>, message: String, hint: String) {
        let line = self.line(at);
        self.problems
            .push(Problem::error(self.path, message).at(line, None).hint(hint));
    }

    /// Folded phrases (`neutral`, `intensifiers`), each as its words.
    fn phrases(&mut self, raw: &[Spanned<String>], key: &str) -> Vec<Vec<String>> {
        let mut phrases: Vec<Vec<String>> = Vec::new();
        for phrase in raw {
            let words: Vec<String> = words_with_ends(phrase.get_ref(), usize::MAX)
                .into_iter()
                .map(|(w, _)| w)
                .collect();
            if words.is_empty() {
                let hint = format!("write a word or remove the empty entry from `{key}`");
                self.error(phrase, format!("an empty entry in `{key}`"), hint);
            } else if phrases.contains(&words) {
                let message = format!("`{}` is listed twice in `{key}`", phrase.get_ref());
                self.error(phrase, message, "remove one of them".into());
            } else {
                phrases.push(words);
            }
        }
        phrases
    }

    /// One `[[operative]]` or `[[preambular]]` group: its category, rank and leads.
    fn group(
        &mut self,
        lexicon: &mut Lexicon,
        part: Part,
        group: &RawGroup,
        seen: &mut HashMap<Vec<String>, usize>,
    ) {
        let category = Category::from_name(group.category.get_ref());
        if category.is_none() {
            let name = group.category.get_ref();
            let message = format!("unknown category `{name}`");
            self.error(&group.category, message, category_hint(name));
        }
        let rank = u8::try_from(*group.rank.get_ref())
            .ok()
            .filter(|r| (1..=MAX_RANK).contains(r));
        if rank.is_none() {
            let message = format!(
                "rank {} is out of range: ranks go from 1 (weakest) to {MAX_RANK} (strongest)",
                group.rank.get_ref()
            );
            let hint = "give the rank of the leads' category on the scale of FORCE.md".to_string();
            self.error(&group.rank, message, hint);
        }
        let (Some(category), Some(rank)) = (category, rank) else {
            return;
        };
        for lead in &group.leads {
            self.lead(lexicon, part, lead, category, rank, seen);
        }
    }

    fn lead(
        &mut self,
        lexicon: &mut Lexicon,
        part: Part,
        lead: &Spanned<String>,
        category: Category,
        rank: u8,
        seen: &mut HashMap<Vec<String>, usize>,
    ) {
        let line = self.line(lead);
        let words: Vec<String> = lexicon
            .tokens(lead.get_ref(), WINDOW)
            .0
            .into_iter()
            .map(|t| match t {
                Token::Word(w, _) | Token::Intensifier(w, _) => w,
            })
            .collect();
        let part_name = match part {
            Part::Preambular => "preambular",
            Part::Operative => "operative",
        };
        if words.is_empty() {
            let message = format!("an empty lead in a [[{part_name}]] group");
            let hint = "write the lead as the texts do, or remove it (a lead of neutral words only is empty)";
            self.error(lead, message, hint.into());
            return;
        }
        if let Some(&first) = seen.get(&words) {
            let earlier = &lexicon.entries[first];
            let message = format!(
                "`{}` is listed twice among the {part_name} leads",
                lead.get_ref()
            );
            let hint = format!(
                "line {} lists `{}` ({}, rank {}): keep one of them",
                earlier.line,
                earlier.lead,
                earlier.category.as_str(),
                earlier.rank
            );
            self.error(lead, message, hint);
            return;
        }
        let index = lexicon.entries.len();
        lexicon.entries.push(Entry {
            lead: lead.get_ref().clone(),
            category,
            rank,
            line,
        });
        seen.insert(words.clone(), index);
        let trie: &mut Trie = match part {
            Part::Preambular => &mut lexicon.preambular,
            Part::Operative => &mut lexicon.operative,
        };
        trie.insert(&words, index);
    }
}

/// The nearest category's name, and the list.
fn category_hint(name: &str) -> String {
    let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let nearest = names
        .iter()
        .map(|n| (strsim::levenshtein(n, name), *n))
        .min()
        .filter(|(d, _)| *d <= 3)
        .map(|(_, n)| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    format!("{nearest}the categories are: {}", names.join(", "))
}
