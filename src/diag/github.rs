//! Problems as GitHub Actions workflow commands (`recueil check --format github`).
//!
//! A line `::error file=content/x/meta.yaml,line=3,col=1::message` printed by a step of a
//! workflow becomes an annotation on that line of the file: on a pull request, on the changed
//! line itself. So a contributor who is not a programmer sees the problem where they wrote it,
//! without reading the log. GitHub reads `file` relative to the repository's root, which the
//! archive's folder need not be: paths are made relative to the nearest folder above the current
//! one that holds `.git`. Values are escaped as GitHub's own toolkit does
//! (`@actions/core`, `command.ts`): `%`, CR and LF in the message, and also `:` and `,` in the
//! properties.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::{Problem, Problems, Severity, shown};

/// Every problem as one workflow command line, sorted by file and line (each line ends in `\n`).
/// Paths are written relative to `repository` (see [`repository_root`]).
pub fn annotations(problems: &Problems, repository: &Path) -> String {
    let mut out = String::new();
    for problem in problems.sorted() {
        let _ = writeln!(out, "{}", annotation(problem, repository));
    }
    out
}

/// One problem as a workflow command: `::error file=…,line=…,col=…::message`, the hint on a
/// second line of the message.
pub fn annotation(problem: &Problem, repository: &Path) -> String {
    let command = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = format!(
        "file={}",
        escape_property(&relative(&problem.path, repository))
    );
    if let Some(line) = problem.line {
        let _ = write!(properties, ",line={line}");
        if let Some(column) = problem.column {
            let _ = write!(properties, ",col={column}");
        }
    }
    let mut message = problem.message.clone();
    if let Some(hint) = &problem.hint {
        let _ = write!(message, "\nhelp: {hint}");
    }
    format!("::{command} {properties}::{}", escape_data(&message))
}

/// The repository that holds the current folder: the nearest folder at or above it with a
/// `.git` (a folder, or a file in a git worktree); the current folder itself when there is none.
pub fn repository_root() -> PathBuf {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    current
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(&current)
        .to_path_buf()
}

/// `path` relative to `repository`, with `/` between components; as [`shown`] when it is
/// outside the repository.
fn relative(path: &Path, repository: &Path) -> String {
    let absolute = match std::env::current_dir() {
        Ok(current) if path.is_relative() => normalized(&current.join(path)),
        _ => normalized(path),
    };
    let inside = absolute.strip_prefix(normalized(repository)).ok();
    let path = match inside {
        Some(inside) if !inside.as_os_str().is_empty() => inside.to_path_buf(),
        _ => shown(path),
    };
    path.to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/")
}

/// `a/./b/../c` -> `a/c`, without reading the disk.
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A message: `%`, CR and LF escaped (`%25`, `%0D`, `%0A`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=`): as a message, and `:` and `,` escaped too (`%3A`, `%2C`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_file_line_and_column_relative_to_the_repository() {
        let problem = Problem::error("/repo/content/x/meta.yaml", "unknown key `foo`")
            .at(3, Some(1))
            .hint("remove it");
        assert_eq!(
            annotation(&problem, Path::new("/repo")),
            "::error file=content/x/meta.yaml,line=3,col=1::unknown key `foo`%0Ahelp: remove it"
        );
    }

    #[test]
    fn a_warning_without_line_annotates_the_whole_file() {
        let problem = Problem::warning("/repo/./content/a/../b/notes.md", "the note is empty");
        assert_eq!(
            annotation(&problem, Path::new("/repo/")),
            "::warning file=content/b/notes.md::the note is empty"
        );
    }

    #[test]
    fn percent_cr_and_lf_are_escaped_in_the_message() {
        let problem = Problem::error("/repo/a.md", "50% done\r\nnext: line, two").at(2, None);
        assert_eq!(
            annotation(&problem, Path::new("/repo")),
            "::error file=a.md,line=2::50%25 done%0D%0Anext: line, two"
        );
    }

    #[test]
    fn colons_and_commas_are_escaped_in_the_file_property() {
        let problem = Problem::error("/repo/odd, name:%.md", "x");
        assert_eq!(
            annotation(&problem, Path::new("/repo")),
            "::error file=odd%2C name%3A%25.md::x"
        );
    }

    #[test]
    fn a_path_outside_the_repository_is_shown_as_given() {
        let problem = Problem::error("/elsewhere/book.toml", "x");
        assert_eq!(
            annotation(&problem, Path::new("/repo")),
            "::error file=/elsewhere/book.toml::x"
        );
    }

    #[test]
    fn annotations_are_sorted_one_per_line() {
        let mut problems = Problems::new();
        problems.push(Problem::warning("/r/b.md", "late").at(1, None));
        problems.push(Problem::error("/r/a.md", "first").at(2, None));
        assert_eq!(
            annotations(&problems, Path::new("/r")),
            "::error file=a.md,line=2::first\n::warning file=b.md,line=1::late\n"
        );
    }
}
