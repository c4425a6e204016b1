//! The YAML front matter of a Markdown conversion (`---` … `---` at the top: symbol, title,
//! date, source PDF and the converter's own keys). What it states fills the header fields the
//! text leaves empty or cuts short; the rest of the file is read as the text it introduces.
//!
//! The block is replaced by blank lines rather than cut, so that every problem found in the text
//! still names its line in the file as the maintainer sees it.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::header::Header;
use crate::diag::{Problem, Problems};
use crate::formats::symbol::Symbol;

/// The keys the importer uses; a converter's other keys (`record_id`, `source_pdf`, …) are
/// ignored, because they describe the conversion, not the resolution.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FrontMatter {
    #[serde(default)]
    symbol: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Splits off a front matter block: the text with the block blanked, and what it states. A
/// block that is not valid YAML is a warning, and the text is read without it.
pub(crate) fn split<'a>(
    path: &Path,
    text: &'a str,
    warnings: &mut Problems,
) -> (std::borrow::Cow<'a, str>, Option<FrontMatter>) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (text.into(), None);
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---").filter(|&e| e + 4 == rest.len()))
    else {
        return (text.into(), None);
    };
    let yaml = &rest[..end];
    let lines = yaml.lines().count() + 2;
    let after = rest.get(end + 5..).unwrap_or("");
    let blanked = format!("{}{after}", "\n".repeat(lines));
    match crate::files::yaml::parse_yaml::<FrontMatter>(path, yaml) {
        Ok(front) => (blanked.into(), Some(front)),
        Err(problem) => {
            // The YAML's own line is counted from the first line after `---`.
            let line = problem.line.map_or(1, |l| l + 1);
            warnings.push(
                Problem::warning(
                    path,
                    format!("the front matter is not read: {}", problem.message),
                )
                .at(line, None)
                .hint("correct the YAML between the two `---` lines, or remove it"),
            );
            (blanked.into(), None)
        }
    }
}

impl FrontMatter {
    /// Fill what the text's own header lacks: the symbol, a title the header cut short (the
    /// front matter's, when the header's is the beginning of it), and the distribution date.
    /// A symbol that contradicts the header is a warning.
    pub(crate) fn complete(&self, path: &Path, header: &mut Header, warnings: &mut Problems) {
        if let Some(raw) = &self.symbol
            && let Ok(symbol) = Symbol::parse(raw.trim())
        {
            match &header.symbol {
                None => header.symbol = Some(symbol),
                Some(s) if *s != symbol => warnings.push(
                    Problem::warning(
                        path,
                        format!(
                            "the front matter says {symbol} but the text says {s}; keeping {s}"
                        ),
                    )
                    .at(2, None)
                    .hint("check which document this file holds"),
                ),
                Some(_) => {}
            }
        }
        if let Some(title) = &self.title {
            let title = title.trim().trim_end_matches(':').trim_end();
            header.title = Some(match header.title.take() {
                Some(t) if longer_title(&t, title) => title.to_string(),
                Some(t) => t,
                None => title.to_string(),
            });
        }
        if header.distributed.is_none()
            && let Some(date) = &self.date
            && let Ok(date) = date.trim().parse::<Date>()
        {
            header.distributed = Some(date);
        }
    }
}

/// Is `other` the same title as `cut`, only longer (the header's title line stopped early)?
pub(crate) fn longer_title(cut: &str, other: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (cut, other) = (fold(cut), fold(other));
    other.len() > cut.len() && other.starts_with(&cut) && other[cut.len()..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_is_blanked_and_read() {
        let mut warnings = Problems::new();
        let text = "---\nsymbol: A/RES/80/32\ntitle: \"Observance of norms in the drafting and implementation :\"\ndate: \"2025-12-03\"\nrecord_id: \"4095472\"\n---\n\nUnited Nations\n";
        let (body, front) = split(Path::new("x.md"), text, &mut warnings);
        assert!(warnings.is_empty());
        assert_eq!(body.lines().position(|l| l == "United Nations"), Some(7));
        let front = front.expect("read");
        let mut header = Header {
            title: Some("Observance of norms in the drafting and".into()),
            ..Header::default()
        };
        front.complete(Path::new("x.md"), &mut header, &mut warnings);
        assert_eq!(
            header.symbol.map(|s| s.to_string()).as_deref(),
            Some("A/RES/80/32")
        );
        assert_eq!(
            header.title.as_deref(),
            Some("Observance of norms in the drafting and implementation")
        );
        assert_eq!(
            header.distributed.map(|d| d.to_string()).as_deref(),
            Some("2025-12-03")
        );
    }

    #[test]
    fn a_title_is_only_replaced_by_its_own_continuation() {
        assert!(longer_title(
            "Treaty in Latin America",
            "Treaty in Latin America and the Caribbean"
        ));
        assert!(!longer_title("Treaty in Lat", "Treaty in Latin America"));
        assert!(!longer_title(
            "Treaty in Latin America",
            "Treaty in Latin America"
        ));
        assert!(!longer_title("Oceans", "Cooperation between"));
    }

    #[test]
    fn a_broken_block_is_a_warning_and_the_text_is_still_read() {
        let mut warnings = Problems::new();
        let (body, front) = split(
            Path::new("x.md"),
            "---\ntitle: [unclosed\n---\nText\n",
            &mut warnings,
        );
        assert!(front.is_none());
        assert_eq!(warnings.len(), 1);
        assert_eq!(body.lines().nth(3), Some("Text"));
    }
}
