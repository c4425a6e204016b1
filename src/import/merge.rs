//! Merging what an import reads into what the archive already holds: meta.yaml values (the
//! existing value wins, a conflict is a warning naming both) and series membership (an explicit
//! `--series`, or a match of the title against the titles of `content/series/*.yaml`, compared
//! as people read them: NFC, one apostrophe, case and whitespace folded).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::write::read_yaml;
use crate::diag::{Problem, Problems};
use crate::formats::meta::{Meta, SeriesFile};

/// Merge `new` into `meta`: existing values win, a conflict is a warning naming both.
pub(crate) fn merge_meta(meta: &mut Meta, new: &Meta, path: &Path, warnings: &mut Problems) {
    let mut m = Merger { path, warnings };
    m.field("series", &mut meta.series, &new.series);
    m.field("session", &mut meta.session, &new.session);
    m.field("agenda_item", &mut meta.agenda_item, &new.agenda_item);
    m.field("adopted", &mut meta.adopted, &new.adopted);
    m.field("meeting", &mut meta.meeting, &new.meeting);
    m.field("committee", &mut meta.committee, &new.committee);
    m.field("distributed", &mut meta.distributed, &new.distributed);
    m.field("draft", &mut meta.draft, &new.draft);
    m.field("vote", &mut meta.vote, &new.vote);
    m.field("predecessor", &mut meta.predecessor, &new.predecessor);
    let mut report = (!meta.report.is_empty()).then(|| meta.report.clone());
    let new_report = (!new.report.is_empty()).then(|| new.report.clone());
    m.field("report", &mut report, &new_report);
    meta.report = report.unwrap_or_default();
    m.per_language("title", &mut meta.title, &new.title);
    m.per_language("agenda_title", &mut meta.agenda_title, &new.agenda_title);
    m.per_language("texts", &mut meta.texts, &new.texts);
}

/// Where merged values are written, and where their conflicts are reported.
struct Merger<'a> {
    path: &'a Path,
    warnings: &'a mut Problems,
}

impl Merger<'_> {
    /// Take the new value where there is none; a different one is a warning.
    fn field<T: PartialEq + Clone + serde::Serialize>(
        &mut self,
        name: &str,
        old: &mut Option<T>,
        new: &Option<T>,
    ) {
        match (old.as_ref(), new) {
            (None, Some(n)) => *old = Some(n.clone()),
            (Some(o), Some(n)) if o != n => self.warnings.push(
                Problem::warning(
                    self.path,
                    format!(
                        "`{name}` is {} here but the imported text gives {}; keeping the first",
                        inline_yaml(o),
                        inline_yaml(n)
                    ),
                )
                .hint(format!(
                    "correct `{name}` by hand if the imported value is right"
                )),
            ),
            _ => {}
        }
    }

    /// Merge every language of a per-language field (`title.fr`, `texts.en`, …).
    fn per_language<T: PartialEq + Clone + serde::Serialize>(
        &mut self,
        name: &str,
        old: &mut BTreeMap<String, T>,
        new: &BTreeMap<String, T>,
    ) {
        for (lang, value) in new {
            let mut merged = old.get(lang).cloned();
            self.field(&format!("{name}.{lang}"), &mut merged, &Some(value.clone()));
            if let Some(v) = merged {
                old.insert(lang.clone(), v);
            }
        }
    }
}

/// A value as it would read in meta.yaml, on one line: `{complete: false, remark: …}`.
fn inline_yaml<T: serde::Serialize>(value: &T) -> String {
    let yaml = serde_yaml::to_string(value).unwrap_or_default();
    let lines: Vec<&str> = yaml
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [one] => format!("`{one}`"),
        many => format!("`{{{}}}`", many.join(", ")),
    }
}

/// The series files of the archive: id -> series.
pub(crate) fn load_series(dir: &Path) -> Result<Vec<(String, SeriesFile)>, Problems> {
    let mut out = Vec::new();
    let Ok(entries) = fs_err::read_dir(dir) else {
        return Ok(out);
    };
    let mut problems = Problems::new();
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let Some(id) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        match read_yaml::<SeriesFile>(&path) {
            Ok(Some((s, _))) => out.push((id, s)),
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(out)
    }
}

/// Titles compared as people read them: NFC, one apostrophe, case, whitespace.
pub(crate) fn normalise(title: &str) -> String {
    let nfc: String = title.nfc().collect();
    nfc.replace('’', "'")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The series whose title (in any language) is one of this resolution's titles.
pub(crate) fn match_series(meta: &Meta, series: &[(String, SeriesFile)]) -> Option<String> {
    let titles: Vec<String> = meta.title.values().map(|t| normalise(t)).collect();
    series
        .iter()
        .find(|(_, s)| s.title.values().any(|t| titles.contains(&normalise(t))))
        .map(|(id, _)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicting_values_are_warnings_naming_both() {
        let mut meta = crate::import::tests::seed(0).meta(None);
        let mut new = meta.clone();
        new.adopted = Some(jiff::civil::date(2007, 12, 19));
        let mut warnings = Problems::new();
        merge_meta(&mut meta, &new, Path::new("meta.yaml"), &mut warnings);
        assert_eq!(meta.adopted, Some(jiff::civil::date(2007, 12, 18)));
        let w = warnings.iter().next().unwrap();
        assert!(
            w.message.contains("2007-12-18") && w.message.contains("2007-12-19"),
            "{}",
            w.message
        );
    }

    #[test]
    fn titles_match_across_apostrophes_case_and_spaces() {
        assert_eq!(
            normalise("Renforcement de la  coopération … droits de l’homme"),
            normalise("renforcement de la coope\u{301}ration … droits de l'homme")
        );
    }
}
