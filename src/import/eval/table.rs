//! The evaluation as Markdown: one row per text, a total, then what is left per text (the
//! furniture and glued markers found, the header fields missing, the reasons of refusals).

use std::fmt::Write as _;

use super::{Evaluation, HEADER_FIELDS, Row};

impl Evaluation {
    /// The table, the total line and the details, as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "| text | symbol | pp | op | fn | annex | fn refs | furniture | glued | header | ms |\n\
             |---|---|---|---|---|---|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            out.push_str(&row_line(row));
        }
        out.push('\n');
        out.push_str(&self.total());
        out.push_str(&self.details());
        out
    }

    /// The total line: texts exact, each count exact, footnotes found, leftovers, fields filled.
    pub fn total(&self) -> String {
        let measured: Vec<&Row> = self.rows.iter().filter(|r| r.truth.is_some()).collect();
        let imported = self.rows.iter().filter(|r| r.counts.is_some()).count();
        let exact = measured.iter().filter(|r| r.exact()).count();
        let each =
            |f: fn(&Row) -> Option<bool>| measured.iter().filter(|r| f(r) == Some(true)).count();
        let pp = each(|r| Some(r.counts?.pp == r.truth?.pp));
        let op = each(|r| Some(r.counts?.op == r.truth?.op));
        let annex = each(|r| Some(r.counts?.annex == r.truth?.annex));
        let fn_truth: usize = measured.iter().filter_map(|r| r.truth).map(|t| t.fns).sum();
        let fn_found: usize = measured
            .iter()
            .filter_map(|r| Some(r.counts?.fns.min(r.truth?.fns)))
            .sum();
        let furniture: usize = self.rows.iter().map(|r| r.furniture.len()).sum();
        let glued: usize = self.rows.iter().map(|r| r.glued.len()).sum();
        let imported_rows = || self.rows.iter().filter(|r| r.counts.is_some());
        let filled: usize = imported_rows().map(|r| r.filled.len()).sum();
        let stated: usize = imported_rows()
            .map(|r| r.filled.len() + r.missing.len())
            .sum();
        let check = if self.check_errors == 0 {
            format!("passes ({} warnings)", self.check_warnings)
        } else {
            format!(
                "**fails**: {} errors, {} warnings",
                self.check_errors, self.check_warnings
            )
        };
        let n = measured.len();
        format!(
            "**Total**: PDF texts exact (pp, op, fn and annex all right) **{exact}/{n}** \
             (pp {pp}/{n}, op {op}/{n}, annex {annex}/{n}); footnotes found {fn_found}/{fn_truth}; \
             furniture left {furniture}; glued markers left {glued}; header fields filled \
             {filled}/{stated} (of the {} counted, those the texts state, over the texts \
             imported); texts imported {imported}/{}; `recueil check` on the archive of all of \
             them: {check}.\n",
            HEADER_FIELDS.len(),
            self.rows.len(),
        )
    }

    fn details(&self) -> String {
        let mut out = String::from("\n### What is left, per text\n\n");
        for row in &self.rows {
            let mut notes = Vec::new();
            if let Some(reason) = &row.refused {
                notes.push(format!("refused: {}", reason.replace('|', "\\|")));
            }
            if !row.furniture.is_empty() {
                notes.push(format!("furniture: {}", sample(&row.furniture)));
            }
            if !row.glued.is_empty() {
                notes.push(format!("glued: {}", sample(&row.glued)));
            }
            if row.counts.is_some() && !row.missing.is_empty() {
                notes.push(format!("header lacks: {}", row.missing.join(", ")));
            }
            if !notes.is_empty() {
                let _ = writeln!(out, "- `{}`: {}", row.file, notes.join("; "));
            }
        }
        if self.check_errors > 0 {
            let _ = write!(
                out,
                "\n`recueil check` says:\n\n```\n{}\n```\n",
                self.check_report
            );
        }
        out
    }
}

fn row_line(row: &Row) -> String {
    let symbol = row.symbol.as_deref().unwrap_or("—");
    let Some(c) = row.counts else {
        return format!(
            "| {} | {symbol} | refused | | | | | | | | {} |\n",
            row.file,
            row.time.as_millis()
        );
    };
    let t = row.truth;
    format!(
        "| {} | {symbol} | {} | {} | {} | {} | {} | {} | {} | {}/{} | {} |\n",
        row.file,
        against(c.pp, t.map(|t| t.pp)),
        against(c.op, t.map(|t| t.op)),
        against(c.fns, t.map(|t| t.fns)),
        against(c.annex, t.map(|t| t.annex)),
        c.fn_refs,
        row.furniture.len(),
        row.glued.len(),
        row.filled.len(),
        row.filled.len() + row.missing.len(),
        row.time.as_millis()
    )
}

/// `5` when there is no truth, `5 ✓` when it is right, `4 ✗ (5)` when it is not.
pub(super) fn against(got: usize, want: Option<usize>) -> String {
    match want {
        None => got.to_string(),
        Some(w) if w == got => format!("{got} ✓"),
        Some(w) => format!("{got} ✗ ({w})"),
    }
}

/// The first few items, quoted, and how many more.
fn sample(items: &[String]) -> String {
    let shown: Vec<String> = items
        .iter()
        .take(4)
        .map(|s| format!("`{}`", s.replace('`', "'")))
        .collect();
    match items.len().saturating_sub(4) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_against_the_truth() {
        assert_eq!(against(5, None), "5");
        assert_eq!(against(5, Some(5)), "5 ✓");
        assert_eq!(against(4, Some(5)), "4 ✗ (5)");
        let items: Vec<String> = (1..=6).map(|i| format!("x{i}")).collect();
        assert_eq!(sample(&items), "`x1`, `x2`, `x3`, `x4` and 2 more");
    }
}
