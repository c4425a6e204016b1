//! The on-disk metadata formats: `meta.yaml` of a resolution and `content/series/<id>.yaml`.
//!
//! These structs are the contract between the importer (which writes them), the loader (which
//! reads them) and the people who correct them by hand. Unknown keys are rejected so that a typo
//! (`adpoted:`) is an error with a line number rather than a silently missing date.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::formats::symbol::Symbol;

/// `content/resolutions/<slug>/meta.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub symbol: Symbol,
    /// Id of the series (`content/series/<id>.yaml`) this resolution belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<u32>,
    /// As the text gives it, e.g. `70 (b)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<String>,
    /// The agenda item's title per language, as the header states it ("Peacebuilding and
    /// sustaining peace").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub agenda_title: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    /// Number of the plenary meeting at which it was adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<Committee>,
    /// Symbols of the committee's report (and its corrigenda).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report: Vec<Symbol>,
    /// The draft resolution adopted in plenary without reference to a Main Committee
    /// (`A/80/L.2/Rev.1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Symbol>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distributed: Option<Date>,
    /// The member of the series this one follows; derived from the series order when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predecessor: Option<Symbol>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    /// Title per language code, without the `62/160.` number.
    #[serde(default)]
    pub title: BTreeMap<String, String>,
    /// The language versions the archive holds, with their state.
    #[serde(default)]
    pub texts: BTreeMap<String, TextMeta>,
}

/// The Main Committee on whose report a resolution was adopted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Committee {
    First,
    SpecialPolitical,
    Second,
    Third,
    Fifth,
    Sixth,
    /// Adopted without reference to a Main Committee.
    Plenary,
}

impl Committee {
    pub fn key(self) -> &'static str {
        match self {
            Committee::First => "first",
            Committee::SpecialPolitical => "special_political",
            Committee::Second => "second",
            Committee::Third => "third",
            Committee::Fifth => "fifth",
            Committee::Sixth => "sixth",
            Committee::Plenary => "plenary",
        }
    }
}

/// How the resolution was adopted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub without_vote: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_favour: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstaining: Option<u32>,
}

/// One language version held by the archive (`fr.md`, `en.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextMeta {
    /// False when the source stops before the end of the resolution.
    #[serde(default = "yes")]
    pub complete: bool,
    /// What is known about the text's state, shown to readers (e.g. where a truncated source stops).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

fn yes() -> bool {
    true
}

/// `content/series/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesFile {
    /// Title per language code.
    pub title: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: BTreeMap<String, String>,
    /// Known members the archive does not hold (held ones name the series in their meta.yaml).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<KnownMember>,
}

/// A member of a series known from other records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownMember {
    pub symbol: Symbol,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<u32>,
    /// Where the fact comes from (e.g. "recalled by A/RES/59/187").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_round_trips_through_yaml() {
        let yaml = "symbol: A/RES/62/160\nseries: s\nsession: 62\nadopted: 2007-12-18\ncommittee: third\nreport: [A/62/439/Add.2]\ntitle:\n  fr: Renforcement\ntexts:\n  fr:\n    complete: false\n    remark: stops after pp5\n  en: {}\n";
        let meta: Meta = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(meta.symbol.as_str(), "A/RES/62/160");
        assert_eq!(meta.adopted, Some(jiff::civil::date(2007, 12, 18)));
        assert_eq!(meta.committee, Some(Committee::Third));
        assert!(!meta.texts["fr"].complete);
        assert!(meta.texts["en"].complete);
        let again: Meta = serde_yaml::from_str(&serde_yaml::to_string(&meta).unwrap()).unwrap();
        assert_eq!(again, meta);
    }

    #[test]
    fn unknown_keys_are_rejected_with_a_line() {
        let err =
            serde_yaml::from_str::<Meta>("symbol: A/RES/1/1\nadpoted: 2000-01-01\n").unwrap_err();
        assert!(err.to_string().contains("adpoted"), "{err}");
        assert_eq!(err.location().map(|l| l.line()), Some(2));
    }
}
