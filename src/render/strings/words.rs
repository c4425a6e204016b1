//! The words the views read in Rust, and the checks that a strings file holds each of them.
//!
//! Templates' own words are checked when a template that lacks one is rendered; the words that
//! Rust reads are checked here, at load, so that no page prints a key or a `{placeholder}`.

use std::path::Path;

use crate::diag::{Problem, Problems};

/// The words that the views read in Rust (templates' own words are checked when a template that
/// lacks one is rendered), with the placeholders each must hold and no others.
pub(super) const CODE_WORDS: &[(&str, &[&str])] = &[
    ("language_name", &[]),
    ("list_separator", &[]),
    ("all_series", &[]),
    ("note_on", &[]),
    ("note_on_resolution", &[]),
    ("resolutions_one", &["n"]),
    ("resolutions_other", &["n"]),
    ("sessions_one", &["n"]),
    ("sessions_other", &["n"]),
    ("series_one", &["n"]),
    ("series_other", &["n"]),
    ("session_title", &["n"]),
    ("session_other", &[]),
    ("without_vote", &[]),
    ("recorded_vote", &["in_favour", "against", "abstaining"]),
    ("official_document_note", &[]),
    ("ref_only_in", &["language"]),
    ("references_title", &[]),
    ("parallel_title", &[]),
    ("parallel_page_title", &["symbol"]),
    ("citing_session", &["session"]),
    ("citing_other", &[]),
    ("gap_incomplete", &["last"]),
    ("gap_missing", &[]),
    ("compare_since", &[]),
    ("compare_in", &[]),
    ("compare_page_title", &["older", "newer"]),
    (
        "compare_skipped",
        &["language", "skipped", "newer", "older"],
    ),
    (
        "compare_not_compared",
        &["language", "newer", "older", "last", "ids"],
    ),
    ("counts", &["unchanged", "modified", "new", "dropped"]),
    ("row_moved", &[]),
    ("row_merged", &[]),
    ("row_split", &[]),
    ("status_unchanged", &[]),
    ("status_modified", &[]),
    ("status_new", &[]),
    ("status_dropped", &[]),
    ("marker_deleted", &[]),
    ("marker_inserted", &[]),
    ("marker_end", &[]),
    ("history_new_here", &[]),
    ("history_new_in", &["symbol"]),
    ("history_since", &["symbol"]),
    ("history_changed_in", &["symbols"]),
    ("history_changed_times", &["count", "symbol"]),
    ("history_elided", &["count"]),
    ("history_unchanged", &[]),
    ("history_next", &["fates"]),
    ("history_fate", &["step", "symbol"]),
    ("step_earliest", &[]),
    ("step_new", &[]),
    ("step_unchanged", &[]),
    ("step_modified", &[]),
    ("step_dropped", &[]),
    ("preamble", &[]),
    ("operative", &[]),
    ("lineage_title", &["texts"]),
    ("lineage_legend", &[]),
    ("lineage_counts", &["older", "newer", "counts"]),
    ("force_strengthened", &["from", "to"]),
    ("force_weakened", &["from", "to"]),
    (
        "force_disagrees",
        &["language", "this", "this_rank", "other", "other_rank"],
    ),
    ("force_step_strengthened", &[]),
    ("force_step_weakened", &[]),
    ("force_year", &["strengthened", "weakened", "overall"]),
    ("force_overall_strengthened", &[]),
    ("force_overall_weakened", &[]),
    ("force_overall_even", &[]),
    ("search", &[]),
    ("not_found_title", &[]),
    ("label_pp", &["n"]),
    ("label_pp_the", &["n"]),
    ("label_op", &["n"]),
    ("label_op_the", &["n"]),
    ("label_fn", &["n"]),
    ("label_fn_the", &["n"]),
    ("label_annex_para", &["n"]),
    ("label_annex_para_the", &["n"]),
    ("label_annex_pp", &["n"]),
    ("label_annex_pp_the", &["n"]),
    ("label_sub", &["paragraph", "sub"]),
    ("label_in_annex", &["paragraph"]),
    ("label_in_annex_n", &["paragraph", "n"]),
    ("written_in", &["language"]),
    ("go_home", &[]),
];

/// The keys of `[<lang>.committees]`: `Committee::key` of each Main Committee.
pub(super) const COMMITTEES: [&str; 7] = [
    "first",
    "special_political",
    "second",
    "third",
    "fifth",
    "sixth",
    "plenary",
];

/// Checks the tables of `lang`'s words that views read by a key from the archive: every Main
/// Committee, every language of the site, twelve months.
pub(super) fn check_named_tables(
    path: &Path,
    lang: &str,
    table: &toml::Table,
    languages: &[&str],
    problems: &mut Problems,
) {
    let names = |name: &str| table.get(name).and_then(|v| v.as_table());
    for (name, keys) in [
        ("committees", &COMMITTEES[..]),
        ("language_names", languages),
    ] {
        for key in keys {
            if names(name).and_then(|t| t.get(*key)?.as_str()).is_none() {
                problems.push(
                    Problem::error(path, format!("[{lang}.{name}] lacks `{key}`"))
                        .hint(format!("add `{key} = \"…\"` under [{lang}.{name}]")),
                );
            }
        }
    }
    let months = names("months")
        .and_then(|m| m.get("names")?.as_array())
        .filter(|n| n.len() == 12 && n.iter().all(|m| m.is_str()));
    if months.is_none() {
        problems.push(
            Problem::error(
                path,
                format!("[{lang}.months] needs `names`, the twelve months"),
            )
            .hint(format!(
                "write `names = [\"…\", …]` under [{lang}.months], January first"
            )),
        );
    }
}

/// Checks that `table` (the words of `lang`) holds every word of [`CODE_WORDS`] with its
/// placeholders and no others.
pub(super) fn check_code_words(
    path: &Path,
    lang: &str,
    table: &toml::Table,
    problems: &mut Problems,
) {
    for (key, wanted) in CODE_WORDS {
        let Some(text) = table.get(*key).and_then(|v| v.as_str()) else {
            let example = wanted
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect::<Vec<_>>();
            problems.push(
                Problem::error(path, format!("[{lang}] lacks `{key}`, which the pages need"))
                    .hint(format!(
                        "add `{key} = \"…\"` to [{lang}]{}; the bundled templates/strings.toml has every word",
                        if example.is_empty() {
                            String::new()
                        } else {
                            format!(" with {}", example.join(", "))
                        }
                    )),
            );
            continue;
        };
        let found = placeholders(text);
        for missing in wanted.iter().filter(|p| !found.contains(p)) {
            problems.push(
                Problem::error(
                    path,
                    format!("[{lang}] `{key}` lacks the placeholder `{{{missing}}}`"),
                )
                .hint(format!(
                    "write `{{{missing}}}` where its value goes in the sentence"
                )),
            );
        }
        for unknown in found.iter().filter(|p| !wanted.contains(p)) {
            problems.push(
                Problem::error(
                    path,
                    format!("[{lang}] `{key}` has `{{{unknown}}}`, which nothing fills"),
                )
                .hint(placeholders_hint(wanted)),
            );
        }
    }
}

fn placeholders_hint(wanted: &[&str]) -> String {
    if wanted.is_empty() {
        return "this word takes no placeholder: remove it".to_string();
    }
    let names: Vec<String> = wanted.iter().map(|p| format!("{{{p}}}")).collect();
    format!("its placeholders are {}", names.join(", "))
}

/// The names of the `{placeholders}` of `text`: a brace followed by a lower-case name.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            if is_placeholder_name(name) {
                names.push(name);
                rest = &rest[end + 1..];
            }
        }
    }
    names
}

fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}
