//! French typography for every French string a page shows, wherever it comes from: the official
//! texts, contributors' notes, metadata (titles, remarks) and the interface words.
//!
//! One pass over each rendered page ([`typeset_html`]), not one call per place where text enters
//! a template: the strings come from a dozen sources (canonical texts, `meta.yaml`, notes,
//! `strings.toml`, Tera's escaping), and a rule applied at each of them is a rule forgotten at
//! the next one. The pass knows the language of every element from the `lang` attributes of the
//! page itself, so a French note on an English page is typeset and an English column of a
//! French page is left alone. It changes only text (and the attributes a reader sees: `title`,
//! `aria-label`, `alt`, `placeholder`, `data-*` messages), never a URL, an id, code (`code`,
//! `pre`, `kbd`, `samp`), a script or a style.
//!
//! The rules (Imprimerie nationale, as the official French texts of the UN follow them):
//! a narrow no-break space (U+202F) before `; ! ?`, a no-break space (U+00A0) before `:` and
//! inside `« »`, so that no line breaks before the sign; a straight apostrophe after a letter
//! becomes `’`. A sign written without its space ("Vote: oui") gets one only when a letter comes
//! before it and a space or the end of the text after it, so that `10:30`, `https://` and
//! `search.html?q=` stay as they are. The pass is idempotent.

/// Narrow no-break space, before `; ! ?`.
const NARROW: char = '\u{202F}';
/// No-break space, before `:` and inside guillemets.
const NBSP: char = '\u{A0}';

/// Elements whose content is never typeset (code, and raw text).
const VERBATIM: [&str; 7] = ["code", "pre", "kbd", "samp", "script", "style", "textarea"];
/// Elements without an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];
/// Attributes whose value a reader sees or hears.
const SHOWN: [&str; 6] = [
    "title",
    "aria-label",
    "alt",
    "placeholder",
    "aria-description",
    "aria-roledescription",
];

/// An open element: its name, its language if it sets one, whether its content is verbatim.
struct Open<'h> {
    name: &'h str,
    lang: Option<&'h str>,
    verbatim: bool,
}

/// `html` with French typography in every French text node and shown attribute; `lang` is the
/// language of the context (a fragment without `<html lang>`).
pub(crate) fn typeset_html(html: &str, lang: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut stack: Vec<Open> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let french = is_french(stack.iter().rev().find_map(|o| o.lang).unwrap_or(lang));
        let verbatim = stack.iter().any(|o| o.verbatim);
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest, french && !verbatim);
            break;
        };
        push_text(&mut out, &rest[..lt], french && !verbatim);
        rest = &rest[lt..];
        if verbatim && let Some(open) = stack.last().filter(|o| is_raw(o.name)) {
            // Raw text (script, style): only its own end tag closes it.
            let end = find_end_tag(rest, open.name).unwrap_or(rest.len());
            if end > 0 {
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
        }
        let len = markup_len(rest);
        let markup = &rest[..len];
        rest = &rest[len..];
        if let Some(name) = markup.strip_prefix("</") {
            let name = tag_name(name);
            if let Some(at) = stack
                .iter()
                .rposition(|o| o.name.eq_ignore_ascii_case(name))
            {
                stack.truncate(at);
            }
            out.push_str(markup);
        } else if markup.starts_with("<!") || markup.starts_with("<?") || markup.len() < 2 {
            out.push_str(markup);
        } else {
            let name = tag_name(&markup[1..]);
            let own_lang = attribute(markup, "lang");
            let element_french = is_french(
                own_lang.unwrap_or_else(|| stack.iter().rev().find_map(|o| o.lang).unwrap_or(lang)),
            );
            push_tag(&mut out, markup, element_french && !verbatim);
            let self_closing = markup.ends_with("/>");
            let void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
            if !self_closing && !void && !name.is_empty() {
                stack.push(Open {
                    name,
                    lang: own_lang,
                    verbatim: VERBATIM.iter().any(|v| v.eq_ignore_ascii_case(name)),
                });
            }
        }
    }
    out
}

/// Plain text (not HTML) in `lang`, typeset: for the titles of feeds and the like.
pub(crate) fn typeset_text(text: &str, lang: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text, is_french(lang));
    out
}

fn is_french(lang: &str) -> bool {
    lang == "fr" || lang.starts_with("fr-")
}

fn is_raw(name: &str) -> bool {
    name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")
}

/// Where `</name` starts in `html`.
fn find_end_tag(html: &str, name: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    lower.find(&format!("</{}", name.to_ascii_lowercase()))
}

/// The length of the tag, comment or declaration that `html` starts with (quoted attribute
/// values may hold `>`); a lone `<` is one character of text.
fn markup_len(html: &str) -> usize {
    if html.starts_with("<!--") {
        return html.find("-->").map_or(html.len(), |i| i + 3);
    }
    let bytes = html.as_bytes();
    if bytes.len() < 2
        || !(bytes[1].is_ascii_alphabetic() || matches!(bytes[1], b'/' | b'!' | b'?'))
    {
        return 1;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

fn tag_name(after_lt: &str) -> &str {
    let end = after_lt
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(after_lt.len());
    &after_lt[..end]
}

/// The value of attribute `name` in a start tag (double- or single-quoted).
fn attribute<'h>(tag: &'h str, name: &str) -> Option<&'h str> {
    attributes(tag)
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, start, end)| &tag[start..end])
}

/// The attributes of a start tag: name, and where its quoted value starts and ends.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, usize, usize)> {
    let bytes = tag.as_bytes();
    let mut i = 1 + tag_name(&tag[1..]).len();
    std::iter::from_fn(move || {
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                return None;
            }
            let start = i;
            while i < bytes.len()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let name = &tag[start..i];
            if i >= bytes.len() || bytes[i] != b'=' {
                continue; // a bare attribute
            }
            i += 1;
            let Some(&quote) = bytes.get(i).filter(|b| matches!(b, b'"' | b'\'')) else {
                // Unquoted: up to the next space.
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                return Some((name, start, i));
            };
            let start = i + 1;
            let end = tag[start..]
                .find(char::from(quote))
                .map_or(tag.len(), |e| start + e);
            i = (end + 1).min(bytes.len());
            return Some((name, start, end));
        }
    })
}

/// Writes a start tag, the values of its shown attributes typeset when `french`.
fn push_tag(out: &mut String, tag: &str, french: bool) {
    if !french {
        out.push_str(tag);
        return;
    }
    let mut written = 0;
    for (name, start, end) in attributes(tag) {
        let lower = name.to_ascii_lowercase();
        if SHOWN.contains(&lower.as_str()) || lower.starts_with("data-") {
            out.push_str(&tag[written..start]);
            push_text(out, &tag[start..end], true);
            written = end;
        }
    }
    out.push_str(&tag[written..]);
}

/// Writes a run of text (HTML-escaped, entities possible), typeset when `french`.
fn push_text(out: &mut String, text: &str, french: bool) {
    if !french {
        out.push_str(text);
        return;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '&' => {
                let entity = entity_at(&text[at..]);
                if is_apostrophe_entity(entity) && after_letter(out) {
                    out.push('’');
                } else {
                    out.push_str(entity);
                }
                for _ in 1..entity.chars().count() {
                    chars.next();
                }
            }
            ' ' | NBSP | NARROW => match next {
                Some(';' | '!' | '?') => out.push(NARROW),
                Some(':' | '»') => out.push(NBSP),
                _ => out.push(c),
            },
            ';' | '!' | '?' | ':' => {
                let ends = next.is_none_or(char::is_whitespace);
                let glued = out.chars().next_back().is_some_and(char::is_alphabetic);
                if ends && glued {
                    out.push(if c == ':' { NBSP } else { NARROW });
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                match next {
                    Some(' ' | NBSP | NARROW) => {
                        chars.next();
                        out.push(NBSP);
                    }
                    Some(_) => out.push(NBSP),
                    None => {}
                }
            }
            '»' => {
                if out.chars().next_back().is_some_and(|p| !p.is_whitespace()) {
                    out.push(NBSP);
                }
                out.push(c);
            }
            '\'' if after_letter(out) => out.push('’'),
            _ => out.push(c),
        }
    }
}

/// The entity `text` starts with (`&amp;`, `&#39;`), or `&` alone.
fn entity_at(text: &str) -> &str {
    let end = text
        .char_indices()
        .skip(1)
        .take(10)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
        .filter(|&(_, c)| c == ';')
        .map(|(i, _)| i + 1);
    &text[..end.unwrap_or(1)]
}

fn is_apostrophe_entity(entity: &str) -> bool {
    matches!(entity, "&#39;" | "&#x27;" | "&#X27;" | "&apos;")
}

fn after_letter(out: &str) -> bool {
    out.chars().next_back().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(html: &str) -> String {
        typeset_html(html, "fr")
    }

    #[test]
    fn french_punctuation_does_not_break_from_its_word() {
        assert_eq!(
            fr("égalité ; dialogue : « oui » ! non ?"),
            "égalité\u{202F}; dialogue\u{A0}: «\u{A0}oui\u{A0}»\u{202F}! non\u{202F}?"
        );
        assert_eq!(typeset_html("equality ; x : y", "en"), "equality ; x : y");
    }

    #[test]
    fn a_sign_written_without_its_space_gets_one_but_urls_and_times_do_not() {
        assert_eq!(
            fr("Vote: oui; non!"),
            "Vote\u{A0}: oui\u{202F}; non\u{202F}!"
        );
        assert_eq!(fr("«oui»"), "«\u{A0}oui\u{A0}»");
        for kept in [
            "https://undocs.org/fr/A/RES/61/168",
            "à 10:30",
            "search.html?q=droits",
            "a &amp; b",
            "2000;",
        ] {
            assert_eq!(fr(kept), kept);
        }
    }

    #[test]
    fn straight_apostrophes_after_a_letter_become_curly() {
        assert_eq!(fr("l'homme d&#39;abord"), "l’homme d’abord");
        assert_eq!(fr("'cité'"), "'cité’");
    }

    #[test]
    fn typesetting_twice_changes_nothing() {
        let once = fr("<p>l'égalité ; « oui » : non !</p>");
        assert_eq!(fr(&once), once);
    }

    #[test]
    fn only_french_elements_are_typeset_by_their_lang() {
        let page = concat!(
            r#"<html lang="en"><p>a ; b</p><div lang="fr"><p>c ; d</p><span lang="en">e ; f</span>"#,
            r#"<p>g ; h</p></div><p>i ; j</p></html>"#
        );
        assert_eq!(
            typeset_html(page, "en"),
            page.replace("c ;", "c\u{202F};")
                .replace("g ;", "g\u{202F};")
        );
    }

    #[test]
    fn code_urls_scripts_and_hidden_attributes_are_left_alone() {
        let page = concat!(
            r#"<p title="Voir : ici" href="a.html?x=l'a ; b" data-count="{n} trouvé(s) !">"#,
            r#"<code>a ; b</code> <pre>x : y</pre><script>if (a ; b) {}</script>"#,
            r#"<!-- c ; d --><br>e ; f<img alt="l'image"></p>"#
        );
        assert_eq!(
            fr(page),
            concat!(
                "<p title=\"Voir\u{A0}: ici\" href=\"a.html?x=l'a ; b\" data-count=\"{n} trouvé(s)\u{202F}!\">",
                r#"<code>a ; b</code> <pre>x : y</pre><script>if (a ; b) {}</script>"#,
                "<!-- c ; d --><br>e\u{202F}; f<img alt=\"l’image\"></p>"
            )
        );
    }

    #[test]
    fn plain_text_in_french_is_typeset() {
        assert_eq!(
            typeset_text("droits de l'homme : 61/168", "fr"),
            "droits de l’homme\u{A0}: 61/168"
        );
        assert_eq!(typeset_text("rights : x", "en"), "rights : x");
    }
}
