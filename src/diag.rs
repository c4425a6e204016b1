//! Problems found in user input, collected and reported together.
//!
//! Every stage that reads something a person wrote (book.toml, meta.yaml, a canonical text, a raw
//! import) reports what is wrong as a [`Problem`]: the file, the line and column where known, what
//! is wrong and what to do about it. Stages push problems into a [`Problems`] list instead of
//! returning at the first one, so that a contributor sees every mistake of a build at once.

pub mod github;

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with the input, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    pub message: String,
    /// What the person should do to fix it.
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn at_line(self, line: Option<usize>) -> Self {
        match line {
            Some(line) => self.at(line, None),
            None => self,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", shown(&self.path).display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// A list of problems, kept sorted by file and line when reported.
#[derive(Debug, Default, Clone)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// The problems sorted by file, then line, errors before warnings at the same place.
    pub fn sorted(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self.0.iter().collect();
        all.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity))
        });
        all
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Problems(vec![problem])
    }
}

/// How many problems of one file are printed; the rest are counted. A file with thousands of
/// the same slip (a text pasted in the wrong form) would otherwise bury every other message.
pub const SHOWN_PER_FILE: usize = 50;

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sorted = self.sorted();
        for same_file in sorted.chunk_by(|a, b| a.path == b.path) {
            for problem in same_file.iter().take(SHOWN_PER_FILE) {
                writeln!(f, "{problem}")?;
            }
            if let Some(more) = same_file
                .len()
                .checked_sub(SHOWN_PER_FILE)
                .filter(|n| *n > 0)
            {
                let errors = same_file[SHOWN_PER_FILE..]
                    .iter()
                    .filter(|p| p.is_error())
                    .count();
                writeln!(
                    f,
                    "note: {}: {more} more problem(s) in this file ({errors} error(s)) are not shown\n  help: fix the ones above and run the command again",
                    shown(&same_file[0].path).display()
                )?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A path as a person reads it in a message: relative to the current folder when it is inside
/// it, without a leading `./` (`content/x/meta.yaml`, not `./content/x/meta.yaml` nor
/// `/home/me/archive/content/x/meta.yaml`), so that it can be pasted after `cd` into the archive.
pub fn shown(path: &Path) -> PathBuf {
    let inside_current = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
    } else {
        None
    };
    let path = inside_current.as_deref().unwrap_or(path);
    let without_dot: PathBuf = path
        .components()
        .skip_while(|c| matches!(c, Component::CurDir))
        .collect();
    if without_dot.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        without_dot
    }
}

/// 1-based (line, column) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
    }

    #[test]
    fn problems_are_sorted_by_file_then_line() {
        let mut problems = Problems::new();
        problems.push(Problem::error("b.yaml", "late").at(1, None));
        problems.push(Problem::warning("a.yaml", "warn").at(9, None));
        problems.push(Problem::error("a.yaml", "first").at(2, None));
        let order: Vec<_> = problems
            .sorted()
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(order, ["first", "warn", "late"]);
        assert_eq!(problems.error_count(), 2);
    }

    #[test]
    fn a_file_with_very_many_problems_shows_the_first_ones_and_counts_the_rest() {
        let mut problems = Problems::new();
        for line in 1..=SHOWN_PER_FILE + 7 {
            problems.push(Problem::error("a.md", "same slip").at(line, None));
        }
        problems.push(Problem::warning("b.md", "other").at(1, None));
        let text = problems.to_string();
        assert_eq!(text.matches("same slip").count(), SHOWN_PER_FILE);
        assert!(
            text.contains("note: a.md: 7 more problem(s) in this file (7 error(s)) are not shown"),
            "{text}"
        );
        assert!(text.ends_with("warning: b.md:1: other\n"), "{text}");
    }

    #[test]
    fn paths_are_shown_without_a_leading_dot() {
        assert_eq!(
            shown(Path::new("./content/x/meta.yaml")),
            Path::new("content/x/meta.yaml")
        );
        assert_eq!(shown(Path::new(".")), Path::new("."));
        assert_eq!(
            shown(Path::new("../other/book.toml")),
            Path::new("../other/book.toml")
        );
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            shown(&cwd.join("content/fr.md")),
            Path::new("content/fr.md")
        );
        assert_eq!(
            shown(Path::new("/elsewhere/fr.md")),
            Path::new("/elsewhere/fr.md")
        );
        let p = Problem::error("./templates/resolution.html", "x").at(3, Some(7));
        assert_eq!(p.to_string(), "error: templates/resolution.html:3:7: x");
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let p = Problem::error("content/x/meta.yaml", "unknown key `foo`")
            .at(3, Some(1))
            .hint("remove it");
        assert_eq!(
            p.to_string(),
            "error: content/x/meta.yaml:3:1: unknown key `foo`\n  help: remove it"
        );
    }
}
