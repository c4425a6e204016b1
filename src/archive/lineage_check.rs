//! What is wrong or doubtful in the lineage of the series, each at the line of the meta.yaml
//! (or series file) to correct.
//!
//! Errors: a resolution stated as its own predecessor; a stated predecessor that belongs to
//! another series, is not a member at all, or comes after it; a cycle of predecessors; two
//! members both stating the same predecessor. Warnings: a stated predecessor that the text
//! contradicts (it recalls another member as its latest); two members continuing the same one
//! when at least one of them was only inferred.

use std::collections::{BTreeMap, HashMap};

use crate::archive::lineage::Recalled;
use crate::archive::{Derivation, Member, Resolution, Series, Symbol, sort_key};
use crate::diag::{Problem, Problems};

pub(crate) fn check(
    all: &[Series],
    resolutions: &[Resolution],
    recalled: &BTreeMap<Symbol, Recalled>,
    problems: &mut Problems,
) {
    let held: HashMap<&Symbol, &Resolution> = resolutions.iter().map(|r| (&r.symbol, r)).collect();
    for series in all {
        let in_cycles = check_cycles(series, &held, problems);
        for member in series.members.iter().filter(|m| m.held) {
            let resolution = held[&member.symbol];
            if member.derivation == Some(Derivation::Stated) {
                let skip_order = in_cycles.contains(&member.symbol);
                check_stated(series, resolution, &held, skip_order, problems);
                if let (Some(stated), Some(text)) =
                    (&member.predecessor, recalled.get(&member.symbol))
                    && &text.symbol != stated
                {
                    problems.push(disagreement(resolution, stated, text));
                }
            }
        }
        check_shared_predecessors(series, &held, problems);
    }
}

/// A stated predecessor must be another, earlier member of the same series.
fn check_stated(
    series: &Series,
    resolution: &Resolution,
    held: &HashMap<&Symbol, &Resolution>,
    skip_order: bool,
    problems: &mut Problems,
) {
    let Some(stated) = &resolution.meta.predecessor else {
        return;
    };
    let id = &series.id;
    let error = |message: String, hint: String| {
        resolution.meta_problem("predecessor", |path| {
            Problem::error(path, message).hint(hint)
        })
    };
    if stated == &resolution.symbol {
        problems.push(error(
            format!("{stated} cannot be its own predecessor"),
            "remove `predecessor:` (it is inferred from the text), or name the member this one follows".into(),
        ));
    } else if let Some(other) = held
        .get(stated)
        .filter(|o| o.meta.series.as_ref() != Some(id))
    {
        let theirs = other
            .meta
            .series
            .as_deref()
            .map_or_else(|| "no series".to_string(), |s| format!("series `{s}`"));
        problems.push(error(
            format!("predecessor {stated} belongs to {theirs}, not to `{id}`"),
            "a predecessor is an earlier member of the same series: correct `predecessor:` or `series:`".into(),
        ));
    } else if !series.members.iter().any(|m| &m.symbol == stated) {
        problems.push(error(
            format!("predecessor {stated} is not a member of series `{id}`"),
            format!("correct it, or list {stated} under `members:` in content/series/{id}.yaml"),
        ));
    } else if !skip_order && sort_key(stated) >= sort_key(&resolution.symbol) {
        problems.push(error(
            format!(
                "predecessor {stated} does not come before {}",
                resolution.symbol
            ),
            "a predecessor is an earlier member of the series: correct `predecessor:`".into(),
        ));
    }
}

fn disagreement(resolution: &Resolution, stated: &Symbol, text: &Recalled) -> Problem {
    resolution.meta_problem("predecessor", |path| {
        Problem::warning(
            path,
            format!(
                "predecessor is stated as {stated}, but the text recalls {} ({}) as its latest \
                 resolution of the series; the stated one is used",
                text.symbol, text.paragraph
            ),
        )
        .hint("check which is right; remove `predecessor:` to follow the text")
    })
}

/// Predecessor links that come back to where they started; returns the members in a cycle.
fn check_cycles(
    series: &Series,
    held: &HashMap<&Symbol, &Resolution>,
    problems: &mut Problems,
) -> Vec<Symbol> {
    let predecessor: HashMap<&Symbol, &Symbol> = series
        .members
        .iter()
        .filter_map(|m| Some((&m.symbol, m.predecessor.as_ref()?)))
        .collect();
    let mut in_cycles: Vec<Symbol> = Vec::new();
    for start in &series.members {
        if in_cycles.contains(&start.symbol) {
            continue;
        }
        let mut path = vec![&start.symbol];
        let mut at = &start.symbol;
        while let Some(&next) = predecessor.get(at) {
            if next == &start.symbol && path.len() == 1 {
                break; // its own predecessor: reported by `check_stated`
            }
            if next == &start.symbol {
                let names: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
                in_cycles.extend(path.iter().map(|&s| s.clone()));
                problems.push(cycle_problem(&start.symbol, &names, held, series));
                break;
            }
            if path.contains(&next) || path.len() > series.members.len() {
                break;
            }
            path.push(next);
            at = next;
        }
    }
    in_cycles
}

fn cycle_problem(
    first: &Symbol,
    names: &[&str],
    held: &HashMap<&Symbol, &Resolution>,
    series: &Series,
) -> Problem {
    let message = format!(
        "the predecessors of series `{}` go round in a circle: {} → {first}",
        series.id,
        names.join(" → ")
    );
    let hint = "a predecessor is an earlier member: correct `predecessor:` in one of them";
    match held.get(first) {
        Some(resolution) => resolution.meta_problem("predecessor", |path| {
            Problem::error(path, message).hint(hint)
        }),
        None => Problem::error(&series.path, message).hint(hint),
    }
}

/// Two members continuing the same one: an error when both state it, a warning otherwise.
fn check_shared_predecessors(
    series: &Series,
    held: &HashMap<&Symbol, &Resolution>,
    problems: &mut Problems,
) {
    let mut by_predecessor: BTreeMap<&Symbol, Vec<&Member>> = BTreeMap::new();
    for member in &series.members {
        if let Some(predecessor) = &member.predecessor {
            by_predecessor.entry(predecessor).or_default().push(member);
        }
    }
    for (predecessor, members) in by_predecessor.into_iter().filter(|(_, m)| m.len() > 1) {
        let stated: Vec<&&Member> = members
            .iter()
            .filter(|m| m.derivation == Some(Derivation::Stated))
            .collect();
        let names: Vec<&str> = members.iter().map(|m| m.symbol.as_str()).collect();
        let message = format!(
            "{} {} follow {predecessor}: a member has one successor",
            names.join(" and "),
            if names.len() == 2 { "both" } else { "all" }
        );
        let last = members.last().expect("groups have two members or more");
        let (at, severity_error) = match stated.as_slice() {
            [_, second, ..] => (*second, true),
            _ => (last, false),
        };
        let hint = "state the right `predecessor:` in the meta.yaml of the one that follows another member";
        let make = |path| {
            if severity_error {
                Problem::error(path, message.clone()).hint(hint)
            } else {
                Problem::warning(path, message.clone()).hint(hint)
            }
        };
        problems.push(match held.get(&at.symbol) {
            Some(resolution) => resolution.meta_problem("predecessor", make),
            None => make(series.path.clone()),
        });
    }
}
