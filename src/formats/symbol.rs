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

    /// The official document: `https://undocs.org/<lang>/<symbol>`.
    pub fn official_url(&self, lang: &str) -> String {
        format!("https://undocs.org/{lang}/{}", self.0)
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
