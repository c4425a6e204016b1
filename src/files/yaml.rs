//! YAML written by people: parsed with the line and column of each error, a repeated key
//! found at its second occurrence, and a hint in the words of the file (tabs, dates, symbols,
//! the nearest known key) rather than of the parser.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::Problem;
use crate::files::read_text;

/// Reads and deserializes a YAML file; a problem carries the line and column serde_yaml gives.
pub(crate) fn read_yaml<T: DeserializeOwned>(path: &Path) -> Result<T, Problem> {
    parse_yaml(path, &read_text(path)?)
}

/// Reads a YAML file that may not exist yet (one the importer is about to write or update):
/// `Ok(None)` when it is missing, else the value and the text it was read from.
pub(crate) fn read_yaml_if_exists<T: DeserializeOwned>(
    path: &Path,
) -> Result<Option<(T, String)>, Problem> {
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(path)?;
    Ok(Some((parse_yaml(path, &text)?, text)))
}

/// Deserializes YAML written by a person: syntax and duplicate keys are checked on the generic
/// value first (serde would let a repeated key silently win), then the typed structure.
pub(crate) fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Problem> {
    let located = |err: serde_yaml::Error| {
        let message = yaml_message(&err);
        let line = err
            .location()
            .and_then(|at| text.lines().nth(at.line().saturating_sub(1)));
        let hint = match line {
            Some(line) if line.contains('\t') => {
                "YAML is indented with spaces: replace the tab on this line with spaces".to_string()
            }
            _ => yaml_hint(&message),
        };
        let problem = Problem::error(path, message.clone()).hint(hint);
        match err.location() {
            Some(at) => {
                let (line, column) = second_key_line(text, &message, at.line(), at.column())
                    .unwrap_or((at.line(), at.column()));
                problem.at(line, Some(column))
            }
            None => problem,
        }
    };
    serde_yaml::from_str::<serde_yaml::Value>(text).map_err(located)?;
    serde_yaml::from_str(text).map_err(located)
}

/// serde_yaml places a repeated key at the start of its mapping; the person needs the line of
/// the second one: the next line at the mapping's indentation that starts with the same key.
fn second_key_line(
    text: &str,
    message: &str,
    line: usize,
    column: usize,
) -> Option<(usize, usize)> {
    let key = message
        .split("duplicate entry with key \"")
        .nth(1)?
        .split('"')
        .next()?;
    let indent = column.checked_sub(1)?;
    let mut seen = 0;
    for (i, text_line) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let own = text_line.len() - text_line.trim_start().len();
        let rest = text_line.trim_start().trim_start_matches("- ");
        if !text_line.trim().is_empty() && own < indent {
            break;
        }
        let is_key = rest
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'));
        if own == indent && is_key {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, indent + 1));
            }
        }
    }
    None
}

fn yaml_message(err: &serde_yaml::Error) -> String {
    let message = err.to_string();
    // serde_yaml appends " at line L column C"; the location is reported separately.
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// What to do about a YAML error, in the words of the file rather than of the parser.
fn yaml_hint(message: &str) -> String {
    if let Some(suggestion) = nearest_field(message) {
        return format!("did you mean `{suggestion}`?");
    }
    let hints = [
        (
            "duplicate entry",
            "each key may appear once here: keep one of them",
        ),
        (
            "tab",
            "YAML is indented with spaces: replace the tab with spaces",
        ),
        (
            "could not find expected ':'",
            "this line or the one before is not of the form `key: value`",
        ),
        ("parse", "write dates as YYYY-MM-DD, e.g. 2007-12-18"),
        (
            "UN symbol",
            "write the symbol as the official document does, e.g. `A/RES/62/160`",
        ),
        (
            "symbols look like",
            "write the symbol as the official document does, e.g. `A/RES/62/160`",
        ),
        (
            "a symbol cannot be empty",
            "write the symbol as the official document does, e.g. `A/RES/62/160`",
        ),
        (
            "struct Vote",
            "write `vote: {without_vote: true}` or `vote: {in_favour: 120, against: 50, abstaining: 10}`",
        ),
        (
            "struct TextMeta",
            "write `texts: {fr: {complete: false, remark: …}}`",
        ),
        ("unknown variant", "use one of the values listed"),
        ("expected u32", "write a whole number, e.g. `session: 62`"),
        (
            "expected a sequence",
            "write a list in brackets, e.g. `report: [A/62/439/Add.2]`",
        ),
        (
            "invalid type",
            "the value on that line is not of the kind expected: see the example in CONTRIBUTING.md",
        ),
    ];
    hints
        .iter()
        .find(|(needle, _)| message.contains(needle))
        .map_or(
            "check the key and value on that line against CONTRIBUTING.md",
            |(_, hint)| hint,
        )
        .to_string()
}

/// For "unknown field `adpoted`, expected one of `symbol`, …", the closest expected field.
fn nearest_field(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, expected) = rest.split_once('`')?;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|field| (strsim::levenshtein(unknown, field), field))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, field)| field.to_string())
}

/// The line of each top-level key of a YAML text (`adopted: …` -> its line), for problems found
/// after parsing.
pub(crate) fn key_lines(text: &str) -> std::collections::BTreeMap<String, usize> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (key, _) = line.split_once(':')?;
            let top_level =
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            top_level.then(|| (key.to_string(), i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::read_yaml_if_exists;

    type Map = BTreeMap<String, String>;

    #[test]
    fn a_missing_file_is_none_and_a_present_one_keeps_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("series.yaml");
        assert!(read_yaml_if_exists::<Map>(&path).unwrap().is_none());
        std::fs::write(&path, "\u{feff}title: x\n").unwrap();
        let (map, text) = read_yaml_if_exists::<Map>(&path).unwrap().unwrap();
        assert_eq!(map["title"], "x", "the byte-order mark is dropped");
        assert_eq!(text, "title: x\n");
    }

    #[test]
    fn the_importers_reads_have_the_loaders_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.yaml");
        std::fs::write(&path, "a: 1\nb: 2\na: 3\n").unwrap();
        let problem = read_yaml_if_exists::<Map>(&path).unwrap_err();
        assert!(problem.message.contains("duplicate"), "{problem}");
        assert_eq!(problem.line, Some(3), "the second `a`");
        std::fs::write(&path, vec![b'#'; 2_000_001]).unwrap();
        let problem = read_yaml_if_exists::<Map>(&path).unwrap_err();
        assert!(problem.message.contains("at most 2 MB"), "{problem}");
    }
}
