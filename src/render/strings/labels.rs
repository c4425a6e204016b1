//! Paragraph ids as a reader reads them. `pp2`, `op10`, `fn2` are the archive's addresses (URLs,
//! notes' keys); a page says "alinéa 2 du préambule", "paragraphe 10", "note 2" ("preambular
//! paragraph 2", "operative paragraph 10", "footnote 2"), in the words of `strings.toml`.

use super::Strings;

impl Strings {
    /// `id` named for a reader of `lang`: `op4-a` -> "paragraphe 4 a)", "operative paragraph
    /// 4 (a)". An id of no known form is shown as it is.
    pub fn paragraph_name(&self, lang: &str, id: &str) -> String {
        self.name(lang, id, false)
    }

    /// The same with its article where the language has one: "le paragraphe 10", "l’alinéa 2
    /// du préambule" (after "Note sur", "s’arrête après").
    pub fn paragraph_name_the(&self, lang: &str, id: &str) -> String {
        self.name(lang, id, true)
    }

    fn name(&self, lang: &str, id: &str, definite: bool) -> String {
        let (annex, rest) = match id.split_once('-') {
            Some((annex, rest)) if annex.starts_with("annex") => (Some(annex), rest),
            _ => (None, id),
        };
        let mut parts = rest.split('-');
        let first = parts.next().unwrap_or_default();
        let (key, n) = if let Some(n) = first.strip_prefix("pp") {
            let key = if annex.is_some() {
                "label_annex_pp"
            } else {
                "label_pp"
            };
            (key, n)
        } else if let Some(n) = first.strip_prefix("op") {
            ("label_op", n)
        } else if let Some(n) = first.strip_prefix("fn") {
            ("label_fn", n)
        } else if annex.is_some() {
            ("label_annex_para", first)
        } else {
            return id.to_string();
        };
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return id.to_string();
        }
        let key = if definite {
            format!("{key}_the")
        } else {
            key.to_string()
        };
        let mut name = self.sentence(lang, &key, &[("n", n)]);
        for sub in parts {
            name = self.sentence(lang, "label_sub", &[("paragraph", &name), ("sub", sub)]);
        }
        match annex.map(|a| &a["annex".len()..]) {
            None => name,
            Some("") => self.sentence(lang, "label_in_annex", &[("paragraph", &name)]),
            Some(n) => self.sentence(lang, "label_in_annex_n", &[("paragraph", &name), ("n", n)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::strings::Strings;

    #[test]
    fn ids_are_named_as_readers_say_them_in_each_language() {
        let s = Strings::bundled();
        for (id, fr, en) in [
            ("pp2", "alinéa 2 du préambule", "preambular paragraph 2"),
            ("op10", "paragraphe 10", "operative paragraph 10"),
            ("fn2", "note 2", "footnote 2"),
            ("op4-a", "paragraphe 4 a)", "operative paragraph 4 (a)"),
            (
                "op4-a-ii",
                "paragraphe 4 a) ii)",
                "operative paragraph 4 (a) (ii)",
            ),
            (
                "annex-3",
                "paragraphe 3 de l’annexe",
                "paragraph 3 of the annex",
            ),
            (
                "annex2-3-b",
                "paragraphe 3 b) de l’annexe 2",
                "paragraph 3 (b) of annex 2",
            ),
            (
                "annex-pp1",
                "alinéa 1 de l’annexe",
                "unnumbered paragraph 1 of the annex",
            ),
            ("annex-fn4", "note 4 de l’annexe", "footnote 4 of the annex"),
            ("was-op3", "was-op3", "was-op3"),
        ] {
            assert_eq!(s.paragraph_name("fr", id), fr, "{id}");
            assert_eq!(s.paragraph_name("en", id), en, "{id}");
        }
        assert_eq!(s.paragraph_name_the("fr", "pp2"), "l’alinéa 2 du préambule");
        assert_eq!(s.paragraph_name_the("fr", "op10"), "le paragraphe 10");
        assert_eq!(s.paragraph_name_the("fr", "fn1"), "la note 1");
        assert_eq!(s.paragraph_name_the("en", "op10"), "operative paragraph 10");
    }
}
