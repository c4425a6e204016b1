//! The members of each series in order, and each member's predecessor and successor.
//!
//! A series' members are the resolutions that name it in their meta.yaml plus the members its
//! series file lists as known but not held. They are ordered by session. A member's predecessor
//! is the one its meta.yaml states, or else the member before it; its successor is the member that
//! follows from it. Lineage is derived here once, so pages never recompute it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::archive::{Member, Resolution, Series, sort_key};
use crate::diag::{Problem, Problems};
use crate::load::meta::SeriesFile;

/// A series file as loaded, before its members are known.
pub(crate) struct SeriesSource {
    pub id: String,
    pub path: PathBuf,
    pub file: SeriesFile,
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
    let stated: BTreeMap<_, _> = resolutions
        .iter()
        .filter_map(|r| Some((r.symbol.clone(), r.meta.predecessor.clone()?)))
        .collect();
    let mut all: Vec<Series> = by_id.into_values().collect();
    for series in &mut all {
        link_members(&mut series.members, &stated);
    }
    check_stated_predecessors(&all, resolutions, problems);
    all
}

/// A stated predecessor must be a member of the same series, held or listed.
fn check_stated_predecessors(all: &[Series], resolutions: &[Resolution], problems: &mut Problems) {
    for resolution in resolutions {
        let (Some(stated), Some(id)) = (&resolution.meta.predecessor, &resolution.meta.series)
        else {
            continue;
        };
        let Some(series) = all.iter().find(|s| &s.id == id) else {
            continue;
        };
        if !series.members.iter().any(|m| &m.symbol == stated) {
            problems.push(resolution.meta_problem("predecessor", |path| {
                Problem::error(
                    path,
                    format!("predecessor {stated} is not a member of series `{id}`"),
                )
                .hint(format!(
                    "correct it, or list {stated} under `members:` in content/series/{id}.yaml"
                ))
            }));
        }
    }
}

/// A series with the members its file lists as known but not held.
fn series_from_file(source: SeriesSource) -> Series {
    let members = source
        .file
        .members
        .iter()
        .map(|known| Member {
            symbol: known.symbol.clone(),
            held: false,
            adopted: known.adopted,
            source: known.source.clone(),
            predecessor: None,
            successor: None,
        })
        .collect();
    Series {
        id: source.id,
        path: source.path,
        title: source.file.title,
        description: source.file.description,
        members,
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
        series.members.push(Member {
            symbol: resolution.symbol.clone(),
            held: true,
            adopted: resolution.meta.adopted,
            source: None,
            predecessor: None,
            successor: None,
        });
    }
}

/// Sorts the members and sets predecessor and successor of each.
fn link_members(
    members: &mut [Member],
    stated: &BTreeMap<crate::archive::Symbol, crate::archive::Symbol>,
) {
    members.sort_by_key(|m| sort_key(&m.symbol));
    for i in 0..members.len() {
        let derived = i.checked_sub(1).map(|p| members[p].symbol.clone());
        members[i].predecessor = stated.get(&members[i].symbol).cloned().or(derived);
    }
    for i in 0..members.len() {
        let symbol = members[i].symbol.clone();
        members[i].successor = members
            .iter()
            .find(|m| m.predecessor.as_ref() == Some(&symbol))
            .map(|m| m.symbol.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Symbol;

    fn member(s: &str) -> Member {
        Member {
            symbol: Symbol::parse(s).unwrap(),
            held: false,
            adopted: None,
            source: None,
            predecessor: None,
            successor: None,
        }
    }

    #[test]
    fn members_are_ordered_by_session_and_chained() {
        let mut members = vec![
            member("A/RES/61/168"),
            member("A/RES/58/170"),
            member("A/RES/9/1"),
        ];
        link_members(&mut members, &BTreeMap::new());
        let order: Vec<_> = members.iter().map(|m| m.symbol.short()).collect();
        assert_eq!(order, ["9/1", "58/170", "61/168"]);
        assert_eq!(members[0].predecessor, None);
        assert_eq!(members[2].predecessor.as_ref().unwrap().short(), "58/170");
        assert_eq!(members[1].successor.as_ref().unwrap().short(), "61/168");
        assert_eq!(members[2].successor, None);
    }

    #[test]
    fn a_stated_predecessor_wins_over_the_order() {
        let mut members = vec![
            member("A/RES/1/1"),
            member("A/RES/2/1"),
            member("A/RES/3/1"),
        ];
        let stated = BTreeMap::from([(
            Symbol::parse("A/RES/3/1").unwrap(),
            Symbol::parse("A/RES/1/1").unwrap(),
        )]);
        link_members(&mut members, &stated);
        assert_eq!(members[2].predecessor.as_ref().unwrap().short(), "1/1");
        // 1/1 is followed by both 2/1 (by order) and 3/1 (stated); the first in order wins.
        assert_eq!(members[0].successor.as_ref().unwrap().short(), "2/1");
        assert_eq!(members[1].successor, None);
    }
}
