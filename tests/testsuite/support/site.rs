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

    /// All `href` and `src` values of a page (but a `<base href>`, which is no link).
    pub fn links(html: &str) -> Vec<String> {
        let re = Regex::new(r#"(<base )?(?:href|src)="([^"]*)""#).unwrap();
        re.captures_iter(html)
            .filter(|c| c.get(1).is_none())
            .map(|c| c[2].replace("&amp;", "&"))
            .collect()
    }

    pub fn ids(html: &str) -> BTreeSet<String> {
        let re = Regex::new(r#"\sid="([^"]*)""#).unwrap();
        re.captures_iter(html).map(|c| c[1].to_string()).collect()
    }

    /// Internal links that lead nowhere: a missing file or a missing anchor.
    pub fn broken_links(&self) -> Vec<BrokenLink> {
        let mut broken = Vec::new();
        for (page, html) in &self.pages {
            // A page with a <base> (the 404 page) links from the site's root wherever it is shown.
            let from = if html.contains("<base href=") {
                "index.html".to_string()
            } else {
                page.clone()
            };
            for href in Self::links(html) {
                if href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:")
                {
                    continue;
                }
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
                let target = if path.is_empty() {
                    page.clone()
                } else {
                    match resolve(&from, path) {
                        Some(t) => t,
                        None => {
                            broken.push(fail("climbs out of the site"));
                            continue;
                        }
                    }
                };
                if !self.dir.join(&target).is_file() {
                    broken.push(fail("no such file"));
                    continue;
                }
                if !fragment.is_empty() {
                    let ok = self
                        .pages
                        .get(&target)
                        .is_some_and(|t| Self::ids(t).contains(fragment));
                    if !ok {
                        broken.push(fail("no such anchor"));
                    }
                }
            }
        }
        broken
    }
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
