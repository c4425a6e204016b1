//! UN document symbols (`A/RES/62/160`) and the slugs that name their folders and pages.
//!
//! A symbol comes from user input (meta.yaml, an imported text, a citation), so it is validated
//! here once: only the characters official symbols use, no empty part, nothing that could make a
//! path leave its folder. The slug (`a-res-62-160`) is derived from it and is what URLs promise.

use std::fmt;

/// A validated UN document symbol such as `A/RES/62/160` or `E/CN.4/RES/2005/54`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(String);

/// Why a string is not a usable symbol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SymbolError {
    #[error("a symbol cannot be empty")]
    Empty,
    // Symbols come from files people write: shown escaped, so that a NUL or a control
    // character is visible in the message.
    #[error("`{}` has an empty part: symbols look like `A/RES/62/160`", .0.escape_debug())]
    EmptyPart(String),
    #[error("`{}` contains {ch:?}, which no UN symbol uses", .symbol.escape_debug())]
    BadCharacter { symbol: String, ch: char },
    #[error("`{}` contains `..`, which no UN symbol uses", .0.escape_debug())]
    DotDot(String),
}

impl Symbol {
    pub fn parse(raw: &str) -> Result<Symbol, SymbolError> {
        let symbol = raw.trim();
        if symbol.is_empty() {
            return Err(SymbolError::Empty);
        }
        if let Some(ch) = symbol
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '(' | ')')))
        {
            return Err(SymbolError::BadCharacter {
                symbol: symbol.to_string(),
                ch,
            });
        }
        if symbol.contains("..") {
            return Err(SymbolError::DotDot(symbol.to_string()));
        }
        if symbol.split('/').any(|part| part.is_empty() || part == ".") {
            return Err(SymbolError::EmptyPart(symbol.to_string()));
        }
        Ok(Symbol(symbol.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-case symbol with `/` turned into `-`: `a-res-62-160`. Safe as a file name.
    pub fn slug(&self) -> String {
        self.0
            .chars()
            .map(|c| match c {
                '/' | '.' | '(' | ')' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }

    /// The session number of a General Assembly resolution (`A/RES/62/160` -> 62).
    pub fn ga_session(&self) -> Option<u32> {
        let rest = self.0.strip_prefix("A/RES/")?;
        rest.split('/').next()?.parse().ok()
    }

    /// The resolution number within its session (`A/RES/62/160` -> 160).
    pub fn ga_number(&self) -> Option<u32> {
        let rest = self.0.strip_prefix("A/RES/")?;
        rest.split('/').nth(1)?.parse().ok()
    }

    /// The short form used in texts: `62/160` for `A/RES/62/160`, the symbol otherwise.
    pub fn short(&self) -> &str {
        self.0.strip_prefix("A/RES/").unwrap_or(&self.0)
    }

    /// The official document: `https://undocs.org/<lang>/<symbol>` (a joint symbol's document
    /// under its first symbol).
    pub fn official_url(&self, lang: &str) -> String {
        format!("https://undocs.org/{lang}/{}", self.first_of_joint())
    }

    /// The first symbol of a joint symbol (one document under two symbols:
    /// `E/CN.4/2001/2-E/CN.4/Sub.2/2000/46`), the symbol itself otherwise. A hyphen inside a
    /// symbol (`A/RES/ES-10/15`, `S-1/1`) is followed by a digit; one joining two symbols, by
    /// the letters and slash of the second.
    pub fn first_of_joint(&self) -> &str {
        let bytes = self.0.as_bytes();
        let joint = self.0.match_indices('-').map(|(i, _)| i).find(|&i| {
            let rest = &bytes[i + 1..];
            let letters = rest.iter().take_while(|b| b.is_ascii_uppercase()).count();
            letters > 0 && rest.get(letters) == Some(&b'/')
        });
        joint.map_or(self.0.as_str(), |i| &self.0[..i])
    }

    /// The symbol as documents print it: a part or volume spaced (`A/CONF.157/24 (Part I)`,
    /// `(Vol. II)`), which the symbol's key writes without spaces (`A/CONF.157/24(PartI)`).
    pub fn official(&self) -> std::borrow::Cow<'_, str> {
        let mut out = String::new();
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('(') {
            let after = &rest[open + 1..];
            let word = ["Partie", "Part", "Vol."]
                .into_iter()
                .find(|w| after.starts_with(w) && after[w.len()..].starts_with(['I', 'V', 'X']));
            let Some(word) = word else {
                out.push_str(&rest[..=open]);
                rest = after;
                continue;
            };
            let before = rest[..open].trim_end();
            out.push_str(before);
            out.push_str(" (");
            out.push_str(word);
            out.push(' ');
            rest = &after[word.len()..];
        }
        if out.is_empty() {
            return std::borrow::Cow::Borrowed(&self.0);
        }
        out.push_str(rest);
        std::borrow::Cow::Owned(out)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Symbol {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Symbol {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Symbol::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_lowercases_and_replaces_separators() {
        let s = Symbol::parse("A/RES/62/160").unwrap();
        assert_eq!(s.slug(), "a-res-62-160");
        assert_eq!(s.short(), "62/160");
        assert_eq!(s.ga_session(), Some(62));
        assert_eq!(s.ga_number(), Some(160));
        assert_eq!(s.official_url("fr"), "https://undocs.org/fr/A/RES/62/160");
    }

    #[test]
    fn symbols_show_in_their_official_form() {
        let official = |s: &str| Symbol::parse(s).unwrap().official().into_owned();
        assert_eq!(official("A/CONF.157/24(PartI)"), "A/CONF.157/24 (Part I)");
        assert_eq!(
            official("NPT/CONF.1995/32(PartI)/Corr.2"),
            "NPT/CONF.1995/32 (Part I)/Corr.2"
        );
        assert_eq!(official("A/CONF.1/2(Vol.II)"), "A/CONF.1/2 (Vol. II)");
        assert_eq!(official("S/RES/1325(2000)"), "S/RES/1325(2000)");
        assert_eq!(official("E/CN.4/Sub.2/2000/22"), "E/CN.4/Sub.2/2000/22");
    }

    #[test]
    fn a_joint_symbol_leads_to_its_first_symbol() {
        let joint = Symbol::parse("E/CN.4/2001/2-E/CN.4/Sub.2/2000/46").unwrap();
        assert_eq!(joint.first_of_joint(), "E/CN.4/2001/2");
        assert_eq!(
            joint.official_url("fr"),
            "https://undocs.org/fr/E/CN.4/2001/2"
        );
        for one in ["A/RES/ES-10/15", "A/HRC/RES/S-1/1", "A/RES/62/160"] {
            assert_eq!(Symbol::parse(one).unwrap().first_of_joint(), one);
        }
    }

    #[test]
    fn hostile_symbols_are_rejected() {
        for bad in [
            "",
            "A/RES/../x",
            "A/RES//1",
            "A\\RES",
            "C:/x",
            "A/RES/1\0",
            "./x",
            "a b",
        ] {
            assert!(Symbol::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        let nul = Symbol::parse("A/RES/1\0").unwrap_err().to_string();
        assert_eq!(nul, "`A/RES/1\\0` contains '\\0', which no UN symbol uses");
    }

    #[test]
    fn other_bodies_symbols_are_kept() {
        let s = Symbol::parse("E/CN.4/RES/2005/54").unwrap();
        assert_eq!(s.slug(), "e-cn-4-res-2005-54");
        assert_eq!(s.ga_session(), None);
    }
}
