//! The on-disk formats of an archive, below every stage that reads or writes them.
//!
//! `meta.yaml` and `content/series/<id>.yaml` ([`meta`]), UN document symbols and their slugs
//! ([`symbol`]) and the rule for a series id are the contract between the importer (which
//! writes them), the loader (which reads them), the model (which embeds them) and the people who
//! correct them by hand. They live here, under all of those, so that each rule is written once.

pub mod meta;
pub mod symbol;

/// A series id names `content/series/<id>.yaml` and the series' pages (`<lang>/series/<id>.html`):
/// lower-case ASCII letters, digits and `-`, not empty, not starting with `-` (a file name that
/// reads as a command-line option).
pub(crate) fn valid_series_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// What to do about an id [`valid_series_id`] refuses.
pub(crate) const SERIES_ID_HINT: &str = "use lower-case letters, digits and hyphens, not starting with a hyphen, e.g. human-rights-cooperation";

#[cfg(test)]
mod tests {
    use super::valid_series_id;

    #[test]
    fn a_series_id_is_lower_case_letters_digits_and_inner_hyphens() {
        for good in ["human-rights-cooperation", "hr2", "a", "a-", "2005-54"] {
            assert!(valid_series_id(good), "{good}");
        }
        for bad in [
            "", "-x", "-", "Human", "a_b", "a b", "a/b", "..", "é", "a.yaml",
        ] {
            assert!(!valid_series_id(bad), "{bad}");
        }
    }
}
