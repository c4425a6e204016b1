//! Synthetic archives for the benchmark: N resolutions in M yearly series, written in the real
//! `content/` format (book.toml, `content/series/*.yaml`, `content/resolutions/<slug>/` with
//! meta.yaml, fr.md, en.md and notes), French and English.
//!
//! The four resolutions of the bundled archive cannot show how a build behaves at the scale of
//! the General Assembly. Every generated series starts from the bundled texts (the French of
//! A/RES/61/168 and the English of A/RES/62/160, paired paragraph by paragraph, on a subject of
//! its own) and changes from one session to the next as the Assembly's texts do: words
//! reworded, clauses added and taken out, paragraphs inserted, dropped and moved (so operative
//! paragraphs are renumbered). Each text recalls its predecessor in its second preambular
//! paragraph ("sa résolution 61/168 du 19 décembre 2006"), some cite members of other series, a
//! quarter carry contributors' notes: alignment, lineage, citations and search all do real work.
//!
//! The same options give the same files, byte for byte, on any machine: the only randomness is
//! [`rng::Rng`], seeded from `--seed`, one stream per series (so series are generated in
//! parallel without changing the result). `examples/corpus.rs` is the command line.

mod material;
mod rng;
mod text;

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::archive::Symbol;
use crate::diag::{Problem, Problems};
use crate::formats::meta::{Committee, KnownMember, Meta, SeriesFile, TextMeta, Vote};
use rng::Rng;
use text::{Draft, Fill, Lang, Para};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many resolutions the archive holds.
    pub resolutions: usize,
    /// How many series they are spread over (at least one).
    pub series: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub resolutions: usize,
    pub series: usize,
    pub texts: usize,
    pub notes_files: usize,
}

/// The last session of the Assembly; series end at or a little before it.
const LAST_SESSION: u32 = 79;
/// The share (in percent) of resolutions with a notes.md, with a notes.en.md, held in French
/// only, with an incomplete French text, citing a member of another series.
const WITH_NOTES: usize = 25;
const WITH_ENGLISH_NOTES: usize = 5;
const FRENCH_ONLY: usize = 3;
const INCOMPLETE: usize = 2;
const CITING_OTHERS: usize = 12;

/// A resolution of the plan: its place in its series and its symbol.
#[derive(Debug, Clone)]
struct Planned {
    symbol: Symbol,
    session: u32,
    adopted: Date,
}

/// A series of the plan.
#[derive(Debug, Clone)]
struct SeriesPlan {
    id: String,
    title: (String, String),
    topic: (&'static str, &'static str),
    /// The member before the first one held: known, not held.
    before: Option<Planned>,
    members: Vec<Planned>,
}

/// Writes a generated archive into `out`, which must be empty or not exist yet.
pub fn generate(out: &Path, options: &Options) -> Result<Summary, Problems> {
    if options.resolutions == 0 || options.series == 0 {
        return Err(
            Problem::error(out, "a corpus needs at least one resolution and one series")
                .hint("pass -n N and --series M with N, M ≥ 1")
                .into(),
        );
    }
    check_empty(out)?;
    let plan = plan(options);
    let content = out.join("content");
    write(&out.join("book.toml"), BOOK_TOML)?;
    let series_dir = content.join("series");
    for series in &plan {
        let yaml = serde_yaml::to_string(&series_file(series))
            .map_err(|e| Problem::error(&series_dir, e.to_string()))?;
        write(&series_dir.join(format!("{}.yaml", series.id)), &yaml)?;
    }
    let written: Vec<Summary> = plan
        .par_iter()
        .enumerate()
        .map(|(j, series)| write_series(&content, &plan, j, series, options.seed))
        .collect::<Result<_, Problems>>()?;
    Ok(written.iter().fold(
        Summary {
            series: plan.len(),
            ..Summary::default()
        },
        |mut sum, s| {
            sum.resolutions += s.resolutions;
            sum.texts += s.texts;
            sum.notes_files += s.notes_files;
            sum
        },
    ))
}

const BOOK_TOML: &str = r#"# A generated archive (examples/corpus.rs): synthetic texts derived from the bundled ones.
[book]
languages = ["fr", "en"]
default-language = "fr"
site-url = "https://example.org/recueil/"
repository-url = "https://github.com/example/recueil"

[language.fr]
title = "Recueil annoté des résolutions (corpus généré)"
description = "Une archive synthétique pour mesurer la vitesse de recueil."

[language.en]
title = "Annotated archive of resolutions (generated corpus)"
description = "A synthetic archive to measure the speed of recueil."
"#;

fn check_empty(out: &Path) -> Result<(), Problems> {
    if !out.exists() {
        return Ok(());
    }
    let empty = fs_err::read_dir(out)
        .map_err(|e| Problem::error(out, e.to_string()))?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        Err(Problem::error(
            out,
            "this folder is not empty; a corpus is written into a new folder",
        )
        .hint("choose another --out, or delete this one first")
        .into())
    }
}

fn write(path: &Path, text: &str) -> Result<(), Problems> {
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir).map_err(|e| Problem::error(dir, e.to_string()))?;
    }
    fs_err::write(path, text).map_err(|e| Problem::error(path, e.to_string()).into())
}

/// Every symbol and date, decided before any text so that texts may cite other series.
fn plan(options: &Options) -> Vec<SeriesPlan> {
    let mut rng = Rng::new(options.seed);
    let count = options.series.min(options.resolutions);
    let mut numbers: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
    let mut next_number = |session: u32, rng: &mut Rng| {
        let number = numbers.entry(session).or_insert(99);
        *number += rng.between(1, 3) as u32;
        *number
    };
    let mut plan = Vec::with_capacity(count);
    for j in 0..count {
        let length = options.resolutions / count + usize::from(j < options.resolutions % count);
        let last = LAST_SESSION - (j % 4) as u32;
        let first = last.saturating_sub(length as u32 - 1).max(1);
        let mut planned = |session: u32, rng: &mut Rng| {
            let number = next_number(session, rng);
            Planned {
                symbol: Symbol::parse(&format!("A/RES/{session}/{number}"))
                    .expect("a valid symbol"),
                session,
                adopted: adoption_date(session, rng),
            }
        };
        let before = (first > 1).then(|| planned(first - 1, &mut rng));
        let members = (0..length as u32)
            .map(|k| planned(first + k, &mut rng))
            .collect();
        let topic = material::TOPICS[j % material::TOPICS.len()];
        let region = material::REGIONS[(j / material::TOPICS.len()) % material::REGIONS.len()];
        let round = j / (material::TOPICS.len() * material::REGIONS.len());
        let suffix = if round > 0 {
            format!(" ({})", round + 1)
        } else {
            String::new()
        };
        plan.push(SeriesPlan {
            id: format!("{}-{j:03}", slug_of(topic.1)),
            title: (
                format!(
                    "Renforcement de la coopération internationale dans le domaine {}{}{suffix}",
                    topic.0, region.0
                ),
                format!(
                    "Enhancement of international cooperation in the field of {}{}{suffix}",
                    topic.1, region.1
                ),
            ),
            topic,
            before,
            members,
        });
    }
    plan
}

fn adoption_date(session: u32, rng: &mut Rng) -> Date {
    let year = (1945 + session).min(9000) as i16;
    Date::new(year, 12, rng.between(1, 22) as i8).expect("a day of December")
}

fn slug_of(words: &str) -> String {
    let slug: String = words
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    slug.trim_start_matches("the-").to_string()
}

fn series_file(series: &SeriesPlan) -> SeriesFile {
    SeriesFile {
        title: [
            ("fr".to_string(), series.title.0.clone()),
            ("en".to_string(), series.title.1.clone()),
        ]
        .into(),
        description: [
            (
                "fr".to_string(),
                format!("Série générée : {}.", series.title.0),
            ),
            (
                "en".to_string(),
                format!("Generated series: {}.", series.title.1),
            ),
        ]
        .into(),
        members: series
            .before
            .iter()
            .map(|before| KnownMember {
                symbol: before.symbol.clone(),
                adopted: Some(before.adopted),
                meeting: None,
                source: series
                    .members
                    .first()
                    .map(|m| format!("{} (pp2)", m.symbol)),
            })
            .collect(),
    }
}

/// Generates and writes the members of series `j`, year after year.
fn write_series(
    content: &Path,
    plan: &[SeriesPlan],
    j: usize,
    series: &SeriesPlan,
    seed: u64,
) -> Result<Summary, Problems> {
    let mut rng = Rng::fork(seed, j as u64 + 1);
    let mut draft = material::base().on_topic(series.topic);
    let mut summary = Summary::default();
    let mut previous: Option<(&Planned, Vec<String>)> =
        series.before.as_ref().map(|b| (b, Vec::new()));
    for (k, member) in series.members.iter().enumerate() {
        if k > 0 {
            let cite = rng
                .chance(CITING_OTHERS)
                .then(|| citation(plan, j, member, &mut rng))
                .flatten();
            draft.evolve(&mut rng, series.topic, cite);
        }
        let folder = content.join("resolutions").join(member.symbol.slug());
        let held_before = previous.as_ref().filter(|(_, ids)| !ids.is_empty());
        let files = resolution_files(
            series,
            member,
            previous.as_ref().map(|p| p.0),
            held_before,
            &draft,
            &mut rng,
        );
        for (name, text) in &files {
            write(&folder.join(name), text)?;
        }
        summary.resolutions += 1;
        summary.texts += files
            .iter()
            .filter(|(n, _)| n == "fr.md" || n == "en.md")
            .count();
        summary.notes_files += files.iter().filter(|(n, _)| n.starts_with("notes")).count();
        previous = Some((member, draft.ids()));
    }
    Ok(summary)
}

/// A preambular paragraph recalling a member of another series adopted earlier.
fn citation(plan: &[SeriesPlan], j: usize, member: &Planned, rng: &mut Rng) -> Option<Para> {
    let other = rng.below(plan.len());
    if other == j {
        return None;
    }
    let earlier: Vec<&Planned> = plan[other]
        .members
        .iter()
        .filter(|m| m.session < member.session)
        .collect();
    let recent = &earlier[earlier.len().saturating_sub(5)..];
    if recent.is_empty() {
        return None;
    }
    let cited = *rng.pick(recent);
    let short = cited.symbol.as_str().trim_start_matches("A/RES/");
    let topic = plan[other].topic;
    Some(Para::new(
        format!(
            "*Rappelant en outre* la résolution {short}, relative à la coopération internationale dans le domaine {},",
            topic.0
        ),
        format!(
            "*Recalling further* resolution {short} on international cooperation in the field of {},",
            topic.1
        ),
    ))
}

/// The files of one resolution's folder: meta.yaml, the texts, the notes.
fn resolution_files(
    series: &SeriesPlan,
    member: &Planned,
    previous: Option<&Planned>,
    held_before: Option<&(&Planned, Vec<String>)>,
    draft: &Draft,
    rng: &mut Rng,
) -> Vec<(String, String)> {
    let french_only = rng.chance(FRENCH_ONLY);
    let incomplete = !french_only && rng.chance(INCOMPLETE);
    let (recall_fr, recall_en) = match previous {
        Some(p) => {
            let short = p.symbol.as_str().trim_start_matches("A/RES/");
            (
                format!(" et sa résolution {short} du {}", date_fr(p.adopted)),
                format!(" and its resolution {short} of {}", date_en(p.adopted)),
            )
        }
        None => (String::new(), String::new()),
    };
    let next = member.session + 1;
    let fr_fill = Fill {
        recall: &recall_fr,
        next: &format!("{next}e"),
        stop_after: incomplete.then_some(5),
    };
    let en_fill = Fill {
        recall: &recall_en,
        next: &ordinal_en(next),
        stop_after: None,
    };
    let mut files = vec![
        (
            "meta.yaml".to_string(),
            meta_yaml(series, member, french_only, incomplete, rng),
        ),
        ("fr.md".to_string(), draft.markdown(Lang::Fr, &fr_fill)),
    ];
    if !french_only {
        files.push(("en.md".to_string(), draft.markdown(Lang::En, &en_fill)));
    }
    if rng.chance(WITH_NOTES) {
        files.push((
            "notes.md".to_string(),
            notes_fr(member, held_before, draft, rng),
        ));
    }
    if !french_only && rng.chance(WITH_ENGLISH_NOTES) {
        files.push(("notes.en.md".to_string(), notes_en(draft, rng)));
    }
    files
}

fn meta_yaml(
    series: &SeriesPlan,
    member: &Planned,
    french_only: bool,
    incomplete: bool,
    rng: &mut Rng,
) -> String {
    let session = member.session;
    let mut texts = std::collections::BTreeMap::new();
    texts.insert(
        "fr".to_string(),
        TextMeta {
            complete: !incomplete,
            remark: incomplete.then(|| {
                "Le texte source s’arrête après le cinquième alinéa du préambule.".to_string()
            }),
        },
    );
    if !french_only {
        texts.insert(
            "en".to_string(),
            TextMeta {
                complete: true,
                remark: None,
            },
        );
    }
    let committee = *rng.pick(&[
        Committee::Third,
        Committee::Second,
        Committee::Third,
        Committee::Plenary,
    ]);
    let report = match committee {
        Committee::Plenary => Vec::new(),
        _ => vec![
            Symbol::parse(&format!(
                "A/{session}/{}/Add.{}",
                rng.between(400, 480),
                rng.between(1, 4)
            ))
            .expect("a valid symbol"),
        ],
    };
    let vote = if rng.chance(70) {
        Vote {
            without_vote: true,
            in_favour: None,
            against: None,
            abstaining: None,
        }
    } else {
        Vote {
            without_vote: false,
            in_favour: Some(rng.between(100, 180) as u32),
            against: Some(rng.between(0, 50) as u32),
            abstaining: Some(rng.between(0, 30) as u32),
        }
    };
    let mut title = std::collections::BTreeMap::new();
    title.insert("fr".to_string(), series.title.0.clone());
    if !french_only {
        title.insert("en".to_string(), series.title.1.clone());
    }
    let meta = Meta {
        symbol: member.symbol.clone(),
        series: Some(series.id.clone()),
        session: Some(session),
        agenda_title: Default::default(),
        agenda_item: Some(format!(
            "{} ({})",
            rng.between(20, 130),
            (b'a' + rng.below(4) as u8) as char
        )),
        adopted: Some(member.adopted),
        meeting: Some(rng.between(50, 90) as u32),
        committee: Some(committee),
        report,
        draft: None,
        distributed: member
            .adopted
            .checked_add((rng.between(30, 90) as i64).days())
            .ok(),
        predecessor: None,
        vote: Some(vote),
        title,
        texts,
    };
    serde_yaml::to_string(&meta).expect("meta.yaml serializes")
}

/// A notes.md in French: a note on the resolution, one or two on its paragraphs.
fn notes_fr(
    member: &Planned,
    held_before: Option<&(&Planned, Vec<String>)>,
    draft: &Draft,
    rng: &mut Rng,
) -> String {
    let ids = draft.ids();
    let mut out = format!(
        "---\nauthors: [{}]\ndate: {}\nlang: fr\n---\n",
        rng.pick(material::NOTE_AUTHORS),
        member
            .adopted
            .checked_add((rng.between(200, 4000) as i64).days())
            .unwrap_or(member.adopted)
    );
    match held_before {
        Some((previous, previous_ids)) => out.push_str(&format!(
            "Par rapport à [[{}]], le texte change peu : voir en particulier [[{}#{}]].\n",
            previous.symbol,
            previous.symbol,
            rng.pick(previous_ids)
        )),
        None => out.push_str("Premier texte de la série tenu par le recueil.\n"),
    }
    let first = rng.below(ids.len());
    let keys = [Some(first), rng.chance(50).then(|| (first + 1) % ids.len())];
    for id in keys.into_iter().flatten().map(|k| &ids[k]) {
        let (title, _) = rng.pick(material::NOTE_TITLES);
        out.push_str(&format!("\n## {id} {title}\n\nCet alinéa reprend une formule négociée de longue date ; voir aussi [[#{}]].\n", rng.pick(&ids)));
        if rng.chance(20) {
            out.push_str("\n| session | paragraphe |\n|---|---|\n");
            out.push_str(&format!("| {} | {id} |\n", member.session));
        }
    }
    out
}

/// A notes.en.md: a note on one paragraph of the English text.
fn notes_en(draft: &Draft, rng: &mut Rng) -> String {
    let id = rng.pick(&draft.ids()).clone();
    let (_, title) = rng.pick(material::NOTE_TITLES);
    format!(
        "---\nauthors: [{}]\nlang: en\n---\n## {id} {title}\n\nThe English text words this paragraph *differently* from the French.\n",
        rng.pick(material::NOTE_AUTHORS)
    )
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date_fr(date: Date) -> String {
    let day = if date.day() == 1 {
        "1er".to_string()
    } else {
        date.day().to_string()
    };
    format!(
        "{day} {} {}",
        MONTHS_FR[date.month() as usize - 1],
        date.year()
    )
}

fn date_en(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_EN[date.month() as usize - 1],
        date.year()
    )
}

fn ordinal_en(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests;
