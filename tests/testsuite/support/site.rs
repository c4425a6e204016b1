//! A built site read back for assertions: pages, links, anchors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// Every file of a built site, HTML pages parsed for their links and ids.
pub struct Site {
    pub dir: PathBuf,
    pub pages: BTreeMap<String, String>,
}

/// A link that does not resolve inside the site.
#[derive(Debug)]
pub struct BrokenLink {
    pub page: String,
    pub href: String,
    pub why: &'static str,
}

impl Site {
    pub fn read(dir: &Path) -> Site {
        let mut pages = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap();
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".html") {
                pages.insert(rel, std::fs::read_to_string(entry.path()).unwrap());
            } else if rel.ends_with(".js") {
                let script = std::fs::read_to_string(entry.path()).unwrap();
                if let Some(html) = fragment_html(&script) {
                    pages.insert(rel, html);
                }
            }
        }
        Site {
            dir: dir.to_path_buf(),
            pages,
        }
    }

    pub fn page(&self, rel: &str) -> &str {
        self.pages
            .get(rel)
            .unwrap_or_else(|| panic!("{rel} was not built; pages: {:?}", self.pages.keys()))
    }

    /// All `href`, `src` and form `action` values of a page (but a `<base href>`, no link).
    pub fn links(html: &str) -> Vec<String> {
        let re = Regex::new(r#"(<base )?(?:href|src|action)="([^"]*)""#).unwrap();
        re.captures_iter(html)
            .filter(|c| c.get(1).is_none())
            .map(|c| c[2].replace("&amp;", "&"))
            .collect()
    }

    pub fn ids(html: &str) -> BTreeSet<String> {
        let re = Regex::new(r#"\sid="([^"]*)""#).unwrap();
        re.captures_iter(html).map(|c| c[1].to_string()).collect()
    }

    /// Whether `id` is an anchor of the page at `target`, or, for a view of it
    /// (`?view=changes`), of the fragment that view shows (`changes-<id>`).
    fn has_anchor(&self, target: &str, query: &str, id: &str) -> bool {
        if self
            .pages
            .get(target)
            .is_some_and(|t| Self::ids(t).contains(id))
        {
            return true;
        }
        let Some((lang, file)) = target.split_once('/') else {
            return false;
        };
        let stem = file.trim_end_matches(".html");
        query.contains("view=changes")
            && self.pages.iter().any(|(path, html)| {
                path.starts_with(&format!("{lang}/compare/"))
                    && path.ends_with(&format!("--{stem}.js"))
                    && Self::ids(html).contains(&format!("changes-{id}"))
            })
    }

    /// Internal links that lead nowhere: a missing file or a missing anchor. A fragment's
    /// links are read from the page that shows it (`<lang>/<slug>.html`, one folder down).
    pub fn broken_links(&self) -> Vec<BrokenLink> {
        let mut broken = Vec::new();
        for (page, html) in &self.pages {
            // The 404 page, shown at any depth, links from the site's path (`/archive/…`): the
            // path its stylesheet link starts with.
            let site_path = (page == "404.html")
                .then(|| Self::links(html))
                .and_then(|links| {
                    links
                        .iter()
                        .find_map(|l| l.strip_suffix("theme/style.css").map(str::to_string))
                })
                .filter(|p| p.starts_with('/'));
            let from = if site_path.is_some() {
                "index.html".to_string()
            } else if let Some(lang) = page.strip_suffix(".js").and_then(|p| p.split('/').next()) {
                format!("{lang}/host.html")
            } else {
                page.clone()
            };
            let host = from.clone();
            for href in Self::links(html) {
                if href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:")
                {
                    continue;
                }
                let href = match &site_path {
                    Some(prefix) if href.starts_with(prefix.as_str()) => {
                        href[prefix.len()..].to_string()
                    }
                    _ => href,
                };
                let fail = |why| BrokenLink {
                    page: page.clone(),
                    href: href.clone(),
                    why,
                };
                if href.starts_with('/') || href.contains("://") {
                    broken.push(fail("not relative"));
                    continue;
                }
                let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
                let (path, query) = path.split_once('?').unwrap_or((path, ""));
                let target = if path.is_empty() {
                    host.clone()
                } else {
                    match resolve(&from, path) {
                        Some(t) => t,
                        None => {
                            broken.push(fail("climbs out of the site"));
                            continue;
                        }
                    }
                };
                if target.ends_with("host.html") {
                    continue; // a fragment's link into the page that shows it
                }
                if !self.dir.join(&target).is_file() {
                    broken.push(fail("no such file"));
                    continue;
                }
                if !fragment.is_empty() && !self.has_anchor(&target, query, fragment) {
                    broken.push(fail("no such anchor"));
                }
            }
        }
        broken
    }
}

/// The HTML a fragment script hands to its page: `recueilFragment("path","html");`.
pub fn fragment_html(script: &str) -> Option<String> {
    let args = script
        .trim()
        .strip_prefix("recueilFragment(")?
        .strip_suffix(");")?;
    let mut values = serde_json::Deserializer::from_str(args).into_iter::<serde_json::Value>();
    let _path = values.next()?.ok()?;
    // The arguments are separated by a comma, which the stream reader does not skip.
    let rest = &args[values.byte_offset()..];
    let html: String = serde_json::from_str(rest.trim_start_matches(',')).ok()?;
    Some(html)
}

/// Resolves `href` relative to the page at `page` (both relative to the site root).
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// What a page would need `unsafe-inline` (or a hash) for under a Content-Security-Policy: a
/// `<script>` without `src`, a `<style>` element, an `on…=` handler, a `style=` attribute, a
/// `javascript:` URL. Each as `<tag attribute>`; empty for a page a strict policy allows.
///
/// A small tag reader, not a regex over the text: the text of a built page has its `<` escaped,
/// so every `<` starts a tag, a comment or the doctype, and attribute values are read with their
/// quotes (a `>` inside a quoted value does not end the tag).
pub fn inline_code(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.split_once("-->").map_or("", |(_, after)| after);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (tag, attributes, after) = read_tag(rest);
        rest = after;
        if tag == "style" {
            found.push("<style>".to_string());
        }
        if tag == "script" && !attributes.iter().any(|(name, _)| name == "src") {
            found.push("<script> without src".to_string());
        }
        for (name, value) in &attributes {
            let url = value.trim().to_ascii_lowercase();
            if name.starts_with("on") || name == "style" || url.starts_with("javascript:") {
                found.push(format!("<{tag} {name}=\"{value}\">"));
            }
        }
        if tag == "script" {
            // A script's text is not HTML: skip to its end tag.
            rest = rest.split_once("</script>").map_or("", |(_, after)| after);
        }
    }
    found
}

/// `name attr="v" …>` (after the `<`): the tag's name, its attributes (names in lower case,
/// values unquoted) and what follows the tag.
fn read_tag(text: &str) -> (String, Vec<(String, String)>, &str) {
    let name_end = text
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(text.len());
    let tag = text[..name_end].to_ascii_lowercase();
    let mut rest = &text[name_end..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return (tag, attributes, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (tag, attributes, after);
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v.to_string();
            rest = tail;
        }
        attributes.push((name, value));
    }
}

#[cfg(test)]
mod inline_code_tests {
    #[test]
    fn the_reader_finds_what_a_strict_policy_blocks_and_nothing_else() {
        let page = r#"<!DOCTYPE html><!-- <script>x</script> --><html><head><script src="a.js" defer></script>
<script>alert(1)</script><style>p{}</style></head><body onload="x()"><p title="a > b" class="on">x &lt;script&gt;</p>
<a href=" JavaScript:alert(1)">l</a><a href="https://x/javascript:">ok</a><div STYLE='color:red'></div>
<svg viewBox="0 0 1 1"><rect width="1"/></svg></body></html>"#;
        assert_eq!(
            super::inline_code(page),
            [
                "<script> without src",
                "<style>",
                "<body onload=\"x()\">",
                "<a href=\" JavaScript:alert(1)\">",
                "<div style=\"color:red\">",
            ]
        );
    }
}
