//! What kind of input this is, before anything is parsed: the bytes decoded (UTF-8 only, a BOM
//! dropped, CRLF turned into LF), the form (a PDF text extraction with wrapped lines, or a
//! Markdown-like text with one paragraph per line, or an un.org document page recognised by its
//! own marks) and the language (French or English, by counting function words).
//!
//! The form matters because it says whether blank lines and line ends can be trusted as
//! paragraph breaks; the language names the canonical file (`fr.md`) and the remark's language.

use std::path::Path;

use crate::diag::{Problem, Problems};

/// How the raw text was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text extracted from a PDF: lines wrapped by the page layout, page furniture, footnotes
    /// at the page bottoms.
    Pdf,
    /// A Markdown-like text: one paragraph per line, blank lines between paragraphs.
    Markdown,
    /// An un.org document page of the 1990s and 2000s (markers written `1/`), read by
    /// [`unorg`](super::unorg).
    UnOrg,
    /// An Akoma Ntoso 3.0 XML document, read by [`akn`](super::akn).
    Akn,
}

/// Decode raw bytes: UTF-8 or an error naming the file; the BOM dropped; CRLF and lone CR as LF.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Problems> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
            let (line, col) = crate::diag::line_col(valid, valid.len());
            return Err(Problem::error(path, "this file is not UTF-8 text")
                .at(line, Some(col))
                .hint("save the text as UTF-8 (for a PDF, extract it with `pdftotext -enc UTF-8`)")
                .into());
        }
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(Problem::error(path, "this file is empty")
            .hint("give the text of a resolution, as extracted from the official PDF")
            .into());
    }
    if text.contains('\0') {
        return Err(
            Problem::error(path, "this file contains NUL bytes: it is not a text")
                .hint("give the text of a resolution, not the PDF itself")
                .into(),
        );
    }
    Ok(text)
}

/// Markdown-like texts have long lines (one paragraph per line) or Markdown markup.
pub(crate) fn detect_format(text: &str) -> Format {
    if super::unorg::is_unorg_page(text) {
        return Format::UnOrg;
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let markup = lines.iter().any(|l| {
        l.starts_with("# ")
            || l.starts_with("## ")
            || l.starts_with("### ")
            || l.contains("<sup>")
            || (l.starts_with('*')
                && l.ends_with('*')
                && l.len() > 2
                && !l.trim_matches('*').chars().all(|c| c.is_ascii_digit()))
    });
    let long = lines.iter().filter(|l| l.chars().count() > 200).count();
    // One paragraph per line: nearly every line is followed by a blank one (a wrapped PDF
    // extraction has several lines per paragraph, and blank lines only between them).
    let all: Vec<&str> = text.lines().map(str::trim).collect();
    let standing = all
        .windows(2)
        .filter(|w| !w[0].is_empty() && w[1].is_empty())
        .count();
    let one_per_line = lines.len() >= 8 && standing * 10 >= lines.len() * 8;
    if markup || one_per_line || long * 5 >= lines.len().max(1) {
        Format::Markdown
    } else {
        Format::Pdf
    }
}

/// "fr" or "en", by counting the commonest function words of each language.
pub(crate) fn detect_lang(text: &str) -> Option<&'static str> {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "du", "de", "et", "à", "que", "dans", "pour", "sur", "une", "est",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "that", "for", "on", "with", "its", "is", "by",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        fr += usize::from(FR.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
    }
    if fr + en < 5 {
        None
    } else if fr >= en {
        Some("fr")
    } else {
        Some("en")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tests::SEEDS;

    #[test]
    fn seeds_are_told_apart_by_form_and_language() {
        let expected = [
            (Format::Pdf, "fr"),
            (Format::Markdown, "fr"),
            (Format::Pdf, "fr"),
            (Format::Pdf, "fr"),
            (Format::Markdown, "en"),
        ];
        for (i, (seed, (format, lang))) in SEEDS.iter().zip(expected).enumerate() {
            assert_eq!(detect_format(seed), format, "seed {i}");
            assert_eq!(detect_lang(seed), Some(lang), "seed {i}");
        }
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(Path::new("x.txt"), b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(text, "a\nb\nc");
    }

    #[test]
    fn binary_input_is_an_error_naming_the_file() {
        let err = decode(Path::new("scan.pdf"), b"%PDF-1.4\n\xff\xfe\x00").unwrap_err();
        let p = err.iter().next().unwrap();
        assert_eq!(p.path, Path::new("scan.pdf"));
        assert!(p.message.contains("not UTF-8"), "{}", p.message);
        assert_eq!(p.line, Some(2));
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(decode(Path::new("e.txt"), b"").is_err());
        assert!(decode(Path::new("e.txt"), b" \n\n  \n").is_err());
        assert!(decode(Path::new("e.txt"), b"a\0b").is_err());
    }
}
