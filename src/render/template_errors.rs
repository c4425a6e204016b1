//! Tera's errors as problems a person can act on: the template's file in the archive's
//! `templates/`, the line and column, what is wrong (Tera names the variable, field or filter)
//! and the template's line with a caret under the place.
//!
//! Tera 2 gives one located report (file name and span) for a syntax or rendering error, but
//! joins the reports of its checks across templates (an unknown filter, a block missing from the
//! parent) into one message of several `error: … --> file:line:column` reports. Both become one
//! problem per report, so each template mistake is listed at its own place.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use tera::ErrorKind;

use crate::diag::Problem;

/// `--> resolution.html:11:127`, the location line of a Tera report.
static LOCATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*--> (.+):(\d+):(\d+)\s*$").expect("valid regex"));

/// The problems of one Tera error; `template` (the one being rendered, or "" when loading) is
/// where a report without a location is put. Never empty.
pub(crate) fn problems(templates_dir: &Path, template: &str, err: &tera::Error) -> Vec<Problem> {
    let text = super::error_chain(err);
    if let ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) = err.kind()
        && !report.filename().is_empty()
    {
        let span = report.span();
        let problem = Problem::error(
            templates_dir.join(report.filename()),
            with_snippet(report.message(), &text),
        )
        .at(span.start_line, Some(span.start_col + 1));
        return vec![problem];
    }
    let found: Vec<Problem> = reports(&text)
        .into_iter()
        .filter_map(|report| located(templates_dir, report))
        .collect();
    if found.is_empty() {
        let message = text.strip_prefix("error: ").unwrap_or(&text).to_string();
        return vec![Problem::error(templates_dir.join(template), message)];
    }
    found
}

/// The reports of a message that joins several (`error: …` at the start of a line each).
fn reports(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = text
        .match_indices("error: ")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || text.as_bytes()[i - 1] == b'\n')
        .collect();
    starts.push(text.len());
    starts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

/// One report (`error: message`, `--> file:line:column`, the snippet) as a located problem.
fn located(templates_dir: &Path, report: &str) -> Option<Problem> {
    let message = report.lines().next()?.strip_prefix("error: ")?;
    let captures = report.lines().find_map(|line| LOCATION.captures(line))?;
    let line = captures[2].parse().ok()?;
    let column = captures[3].parse().ok()?;
    Some(
        Problem::error(
            templates_dir.join(&captures[1]),
            with_snippet(message, report),
        )
        .at(line, Some(column)),
    )
}

/// `message`, then the lines of the report after its location line (the template's line and the
/// caret), so that the problem shows where without opening the file.
fn with_snippet(message: &str, report: &str) -> String {
    let snippet: Vec<&str> = report
        .lines()
        .skip_while(|line| !LOCATION.is_match(line))
        .skip(1)
        .take_while(|line| !line.trim().is_empty() || line.contains('|'))
        .collect();
    if snippet.is_empty() {
        return message.to_string();
    }
    format!("{message}\n{}", snippet.join("\n").trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, source: &str) -> tera::Error {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates([
            ("base.html", "<p>{% block body %}{% endblock body %}</p>"),
            (name, source),
        ])
        .expect_err("the template is broken")
    }

    #[test]
    fn a_syntax_error_is_located_in_its_template() {
        let err = load("page.html", "<h1>\n{{ title </h1>\n");
        let problems = problems(Path::new("templates"), "", &err);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!(p.path, Path::new("templates/page.html"));
        assert_eq!(p.line, Some(2));
        assert!(p.column.is_some());
        assert!(p.message.contains("{{ title </h1>"), "{}", p.message);
        assert!(p.message.contains('^'), "{}", p.message);
    }

    #[test]
    fn each_report_of_a_joined_message_is_its_own_problem() {
        let err = load(
            "page.html",
            "{% extends \"base.html\" %}{% block nope %}{{ x | nofilter }}{% endblock nope %}",
        );
        let problems = problems(Path::new("templates"), "", &err);
        let found: Vec<_> = problems
            .iter()
            .map(|p| {
                (
                    p.path.display().to_string(),
                    p.line,
                    p.message.lines().next().unwrap().to_string(),
                )
            })
            .collect();
        assert!(found.len() >= 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(path, line, _)| path == "templates/page.html" && *line == Some(1)),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(_, _, m)| m.contains("nofilter")),
            "{found:?}"
        );
    }

    #[test]
    fn a_rendering_error_names_the_variable_and_its_line() {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates([("page.html", "<p>\n{{ head.titel }}</p>")])
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("head", &serde_json::json!({"title": "x"}));
        let err = tera.render("page.html", &context).unwrap_err();
        let problems = problems(Path::new("templates"), "page.html", &err);
        let p = &problems[0];
        assert_eq!(
            (p.path.to_str(), p.line),
            (Some("templates/page.html"), Some(2))
        );
        assert!(p.message.contains("`titel`"), "{}", p.message);
    }

    #[test]
    fn an_error_without_a_location_is_put_on_the_template() {
        let problems = problems(
            Path::new("templates"),
            "page.html",
            &tera::Error::message("something odd"),
        );
        assert_eq!(problems[0].path, Path::new("templates/page.html"));
        assert_eq!(problems[0].message, "something odd");
    }
}
