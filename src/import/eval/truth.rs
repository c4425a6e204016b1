//! `truth.tsv` of the development corpus: for each PDF text, the counts a careful reader finds.
//!
//! Columns (tab-separated, a header line first): `file`, `symbol`, `pp`, `op`, `fn`,
//! `annex_paras`, `note`. A malformed line is an error with its line number, never a silent
//! zero: a wrong truth would make the evaluation lie.

use std::collections::BTreeMap;

/// The counts a careful reader finds in one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truth {
    pub pp: usize,
    pub op: usize,
    pub fns: usize,
    pub annex: usize,
}

/// The truth of each text, by its path in the corpus (`pdf-text/A_RES_80_1.txt`).
pub(crate) fn parse(text: &str) -> Result<BTreeMap<String, Truth>, String> {
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = match lines.next() {
        Some((_, h)) => h.split('\t').map(str::trim).collect(),
        None => return Err("truth.tsv is empty".into()),
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("truth.tsv:1: no column `{name}`"))
    };
    let (file, pp, op, fns, annex) = (
        column("file")?,
        column("pp")?,
        column("op")?,
        column("fn")?,
        column("annex_paras")?,
    );
    let mut truths = BTreeMap::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let number = |c: usize, name: &str| -> Result<usize, String> {
            let cell = cells.get(c).copied().unwrap_or("");
            cell.parse()
                .map_err(|_| format!("truth.tsv:{}: `{name}` is `{cell}`, not a count", i + 1))
        };
        let truth = Truth {
            pp: number(pp, "pp")?,
            op: number(op, "op")?,
            fns: number(fns, "fn")?,
            annex: number(annex, "annex_paras")?,
        };
        let name = cells.get(file).copied().unwrap_or("").to_string();
        if name.is_empty() {
            return Err(format!("truth.tsv:{}: no file name", i + 1));
        }
        truths.insert(name, truth);
    }
    Ok(truths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_by_column_name_with_quoted_notes() {
        let text = "file\tsymbol\tpp\top\tfn\tannex_paras\tnote\n\
            pdf-text/A.txt\tA/RES/80/3\t1\t2\t16\t25\tthe annex holds 25 paragraphs\n\
            pdf-text/B.txt\tA/RES/80/5\t0\t1\t15\t44\t\"The General Assembly\" without comma\n\
            \n\
            pdf-text/C.txt\tA/RES/80/1\t5\t3\t1\t0\t\n";
        let truth = parse(text).unwrap();
        assert_eq!(truth.len(), 3);
        assert_eq!(
            truth["pdf-text/A.txt"],
            Truth {
                pp: 1,
                op: 2,
                fns: 16,
                annex: 25
            }
        );
        assert_eq!(truth["pdf-text/B.txt"].annex, 44);
        assert_eq!(truth["pdf-text/C.txt"].fns, 1);
    }

    #[test]
    fn a_bad_count_or_missing_column_is_an_error_with_its_line() {
        let err = parse("file\tpp\top\tfn\tannex_paras\nx.txt\t5\tfive\t1\t0\n").unwrap_err();
        assert!(
            err.contains("truth.tsv:2") && err.contains("`op` is `five`"),
            "{err}"
        );
        let err = parse("file\tpp\top\tfn\n").unwrap_err();
        assert!(err.contains("no column `annex_paras`"), "{err}");
        assert!(parse("").is_err());
    }
}
