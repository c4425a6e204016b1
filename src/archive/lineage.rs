//! The members of each series in order, and each member's predecessor and successor.
//!
//! A series' members are the resolutions that name it in their meta.yaml, the members its series
//! file lists as known but not held, and the resolutions a member's text recalls as its own
//! earlier resolution when no other member is recalled (so that a gap in the series file does not
//! hide a member). They are ordered by session.
//!
//! A member's predecessor is, in this order of trust: the one its meta.yaml states; the most recent
//! member of the series its text recalls as its own ("*Rappelant* sa résolution 61/168", in the
//! preamble, any language held); the member before it in the series. Its successor is the member
//! that follows from it. Lineage is derived here once, so pages never recompute it; what is
//! inconsistent is reported by `lineage_check`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::archive::{Derivation, Member, ParagraphKind, Resolution, Series, Symbol, sort_key};
use crate::diag::{Problem, Problems};
use crate::formats::meta::SeriesFile;

/// A series file as loaded, before its members are known.
pub(crate) struct SeriesSource {
    pub id: String,
    pub path: PathBuf,
    pub file: SeriesFile,
}

/// A predecessor recalled by a text: the symbol and the paragraph recalling it.
#[derive(Debug, Clone)]
pub(crate) struct Recalled {
    pub symbol: Symbol,
    pub paragraph: String,
}

/// Builds every series with its ordered members and their lineage.
pub(crate) fn build_series(
    sources: Vec<SeriesSource>,
    resolutions: &[Resolution],
    problems: &mut Problems,
) -> Vec<Series> {
    let mut by_id: BTreeMap<String, Series> = sources
        .into_iter()
        .map(|source| (source.id.clone(), series_from_file(source)))
        .collect();
    add_held_members(&mut by_id, resolutions, problems);
    let recalled = infer_predecessors(&mut by_id, resolutions, problems);
    let stated: BTreeMap<_, _> = resolutions
        .iter()
        .filter_map(|r| Some((r.symbol.clone(), r.meta.predecessor.clone()?)))
        .collect();
    let mut all: Vec<Series> = by_id.into_values().collect();
    for series in &mut all {
        link_members(&mut series.members, &stated, &recalled);
    }
    crate::archive::lineage_check::check(&all, resolutions, &recalled, problems);
    all
}

/// A series with the members its file lists as known but not held.
fn series_from_file(source: SeriesSource) -> Series {
    let members = source
        .file
        .members
        .iter()
        .map(|known| not_held(known.symbol.clone(), known.adopted, known.source.clone()))
        .collect();
    Series {
        id: source.id,
        path: source.path,
        title: source.file.title,
        description: source.file.description,
        members,
    }
}

fn not_held(symbol: Symbol, adopted: Option<jiff::civil::Date>, source: Option<String>) -> Member {
    Member {
        symbol,
        held: false,
        adopted,
        source,
        predecessor: None,
        derivation: None,
        successor: None,
    }
}

/// Adds each held resolution to the series it names; a held member replaces a listed one.
fn add_held_members(
    by_id: &mut BTreeMap<String, Series>,
    resolutions: &[Resolution],
    problems: &mut Problems,
) {
    for resolution in resolutions {
        let Some(id) = &resolution.meta.series else {
            continue;
        };
        let Some(series) = by_id.get_mut(id) else {
            let known: Vec<&str> = by_id.keys().map(String::as_str).collect();
            problems.push(resolution.meta_problem("series", |path| {
                Problem::error(path, format!("series `{id}` does not exist")).hint(format!(
                    "correct `series:` (known series: {}) or create content/series/{id}.yaml",
                    known.join(", ")
                ))
            }));
            continue;
        };
        if series
            .members
            .iter()
            .any(|m| m.held && m.symbol == resolution.symbol)
        {
            continue; // two folders for one resolution: reported by `load`
        }
        let listed = series.members.len();
        series.members.retain(|m| m.symbol != resolution.symbol);
        if series.members.len() < listed {
            problems.push(
                Problem::warning(
                    &series.path,
                    format!(
                        "{} is listed as a member not held, but the archive holds it",
                        resolution.symbol
                    ),
                )
                .hint("remove it from `members:` (its facts now come from its meta.yaml)"),
            );
        }
        let mut member = not_held(resolution.symbol.clone(), resolution.meta.adopted, None);
        member.held = true;
        series.members.push(member);
    }
}

/// The General Assembly resolutions a text recalls as its own in its preamble, earlier than it.
fn recalled_by(resolution: &Resolution) -> Vec<Recalled> {
    let own = sort_key(&resolution.symbol);
    let mut found: Vec<Recalled> = Vec::new();
    for text in &resolution.texts {
        let preamble = text
            .citing_parts()
            .filter(|(_, kind, _)| *kind == Some(ParagraphKind::Preambular));
        for (paragraph, _, cites) in preamble {
            for cited in cites.iter().filter(|c| c.possessive) {
                if sort_key(&cited.symbol) < own && !found.iter().any(|f| f.symbol == cited.symbol)
                {
                    found.push(Recalled {
                        symbol: cited.symbol.clone(),
                        paragraph: paragraph.to_string(),
                    });
                }
            }
        }
    }
    found
}

/// The predecessor each held member's text recalls: the most recent member of its series it
/// recalls or, when it recalls none, the most recent resolution it recalls that the archive
/// does not hold elsewhere, which then joins the series as a member not held.
fn infer_predecessors(
    by_id: &mut BTreeMap<String, Series>,
    resolutions: &[Resolution],
    problems: &mut Problems,
) -> BTreeMap<Symbol, Recalled> {
    let mut inferred = BTreeMap::new();
    let held: HashSet<&Symbol> = resolutions.iter().map(|r| &r.symbol).collect();
    for resolution in resolutions {
        let Some(series) = resolution
            .meta
            .series
            .as_ref()
            .and_then(|id| by_id.get_mut(id))
        else {
            continue;
        };
        let recalled = recalled_by(resolution);
        let latest = |candidates: Vec<&Recalled>| {
            candidates
                .into_iter()
                .max_by_key(|r| sort_key(&r.symbol))
                .cloned()
        };
        let known = latest(
            recalled
                .iter()
                .filter(|r| series.members.iter().any(|m| m.symbol == r.symbol))
                .collect(),
        );
        let found = match known {
            Some(found) => found,
            None => {
                let unknown = recalled
                    .iter()
                    .filter(|r| !held.contains(&r.symbol))
                    .collect();
                let Some(found) = latest(unknown) else {
                    continue;
                };
                problems.push(cited_member_warning(resolution, series, &found));
                series.members.push(not_held(
                    found.symbol.clone(),
                    None,
                    Some(format!("{} ({})", resolution.symbol, found.paragraph)),
                ));
                found
            }
        };
        inferred.insert(resolution.symbol.clone(), found);
    }
    inferred
}

fn cited_member_warning(resolution: &Resolution, series: &Series, found: &Recalled) -> Problem {
    Problem::warning(
        &series.path,
        format!(
            "{} recalls its resolution {} ({}), which this series does not list; it is taken \
             as a member not held and as its predecessor",
            resolution.symbol, found.symbol, found.paragraph
        ),
    )
    .hint(format!(
        "list {} under `members:` with its adoption date, or state the right `predecessor:` in \
         the meta.yaml of {}",
        found.symbol, resolution.symbol
    ))
}

/// Sorts the members and sets predecessor and successor of each.
fn link_members(
    members: &mut [Member],
    stated: &BTreeMap<Symbol, Symbol>,
    recalled: &BTreeMap<Symbol, Recalled>,
) {
    members.sort_by_key(|m| sort_key(&m.symbol));
    for i in 0..members.len() {
        let symbol = &members[i].symbol;
        let (predecessor, derivation) = if let Some(stated) = stated.get(symbol) {
            (Some(stated.clone()), Some(Derivation::Stated))
        } else if let Some(recalled) = recalled.get(symbol) {
            let paragraph = recalled.paragraph.clone();
            (
                Some(recalled.symbol.clone()),
                Some(Derivation::Recalled { paragraph }),
            )
        } else {
            let previous = i.checked_sub(1).map(|p| members[p].symbol.clone());
            let derivation = previous.as_ref().map(|_| Derivation::Order);
            (previous, derivation)
        };
        members[i].predecessor = predecessor;
        members[i].derivation = derivation;
    }
    // The first member (in order) following each one: a map, not a scan per member.
    let mut followers: HashMap<Symbol, Symbol> = HashMap::new();
    for member in members.iter() {
        if let Some(predecessor) = &member.predecessor {
            followers
                .entry(predecessor.clone())
                .or_insert_with(|| member.symbol.clone());
        }
    }
    for member in members.iter_mut() {
        member.successor = followers.get(&member.symbol).cloned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(s: &str) -> Member {
        not_held(Symbol::parse(s).unwrap(), None, None)
    }

    fn symbol(s: &str) -> Symbol {
        Symbol::parse(s).unwrap()
    }

    #[test]
    fn members_are_ordered_by_session_and_chained() {
        let mut members = vec![
            member("A/RES/61/168"),
            member("A/RES/58/170"),
            member("A/RES/9/1"),
        ];
        link_members(&mut members, &BTreeMap::new(), &BTreeMap::new());
        let order: Vec<_> = members.iter().map(|m| m.symbol.short()).collect();
        assert_eq!(order, ["9/1", "58/170", "61/168"]);
        assert_eq!(members[0].predecessor, None);
        assert_eq!(members[2].predecessor.as_ref().unwrap().short(), "58/170");
        assert_eq!(members[2].derivation, Some(Derivation::Order));
        assert_eq!(members[1].successor.as_ref().unwrap().short(), "61/168");
        assert_eq!(members[2].successor, None);
    }

    #[test]
    fn a_stated_predecessor_wins_over_the_text_and_the_order() {
        let mut members = vec![
            member("A/RES/1/1"),
            member("A/RES/2/1"),
            member("A/RES/3/1"),
        ];
        let stated = BTreeMap::from([(symbol("A/RES/3/1"), symbol("A/RES/1/1"))]);
        let recalled = BTreeMap::from([(
            symbol("A/RES/3/1"),
            Recalled {
                symbol: symbol("A/RES/2/1"),
                paragraph: "pp2".into(),
            },
        )]);
        link_members(&mut members, &stated, &recalled);
        assert_eq!(members[2].predecessor.as_ref().unwrap().short(), "1/1");
        assert_eq!(members[2].derivation, Some(Derivation::Stated));
        // 1/1 is followed by both 2/1 (by order) and 3/1 (stated); the first in order wins.
        assert_eq!(members[0].successor.as_ref().unwrap().short(), "2/1");
        assert_eq!(members[1].successor, None);
    }

    #[test]
    fn a_recalled_predecessor_wins_over_the_order() {
        let mut members = vec![
            member("A/RES/1/1"),
            member("A/RES/2/1"),
            member("A/RES/3/1"),
        ];
        let recalled = BTreeMap::from([(
            symbol("A/RES/3/1"),
            Recalled {
                symbol: symbol("A/RES/1/1"),
                paragraph: "pp2".into(),
            },
        )]);
        link_members(&mut members, &BTreeMap::new(), &recalled);
        assert_eq!(members[2].predecessor.as_ref().unwrap().short(), "1/1");
        assert_eq!(
            members[2].derivation,
            Some(Derivation::Recalled {
                paragraph: "pp2".into()
            })
        );
    }
}
