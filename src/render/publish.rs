//! The files a publisher expects beside the pages: `sitemap.xml` (each page with its language
//! versions as `hreflang` alternates), `robots.txt`, an Atom feed per language, and `CNAME` for
//! a custom domain. A feed's entries are the latest resolutions (by adoption) and the latest
//! contributors' notes (by the date their file gives), so that a new note reaches a feed reader. Search engines and feed readers need absolute addresses, so the sitemap,
//! the feeds and the sitemap line of robots.txt are written only when `book.toml` gives the
//! `site-url`; the pages themselves keep relative links and work anywhere.

use crate::archive::{NoteKey, Notes, Resolution};
use crate::config::Config;
use crate::render::OutputFile;
use crate::render::escape::xml as escape;
use crate::render::inventory::{DatedNote, Inventory, Kind};
use crate::render::strings::Strings;
use crate::render::typography::typeset_text;
use crate::render::views::paths;

/// The language versions of one page: `(language, path)`.
type PageGroup<'p> = Vec<(&'p str, &'p str)>;

/// `robots.txt`, and with a site URL `sitemap.xml` and the feeds; `CNAME` when configured.
pub(crate) fn publishing_files<'n>(
    config: &Config,
    inventory: &Inventory<'n>,
    strings: &Strings,
    notes_of: &dyn Fn(&'n Resolution) -> &'n Notes,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let site = config.site_url.as_deref();
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(site) = site {
        robots.push_str(&format!("\nSitemap: {site}sitemap.xml\n"));
        let groups: Vec<PageGroup> = inventory
            .listed()
            .map(|group| {
                group
                    .iter()
                    .map(|page| (page.lang, page.path.as_str()))
                    .collect()
            })
            .collect();
        files.extend(sitemaps(site, groups));
        for lang in config.language_codes() {
            files.push(file(
                &paths::feed(lang),
                feed(config, inventory, strings, notes_of, site, lang),
            ));
        }
    }
    files.push(file("robots.txt", robots));
    if let Some(cname) = &config.cname {
        files.push(file("CNAME", format!("{cname}\n")));
    }
    files
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// How many groups of pages (a page and its other-language versions) one sitemap file lists.
/// Beyond, `sitemap.xml` is an index of files of this many (the protocol allows 50,000 URLs and
/// 50 MB a file; a file of every page was 12 MB at 20,000 resolutions, more than a page of the
/// site may weigh): 2,000 groups made a file of 1.1 MB with their alternates, 1,000 make about 560 KB.
pub(crate) const SITEMAP_GROUPS: usize = 1_000;

/// `sitemap.xml`: every listed page when they fit in one file, else an index of
/// `sitemap-<n>.xml`, each of at most [`SITEMAP_GROUPS`] groups.
fn sitemaps(site: &str, groups: Vec<PageGroup<'_>>) -> Vec<OutputFile> {
    if groups.len() <= SITEMAP_GROUPS {
        return vec![file("sitemap.xml", sitemap(site, groups.into_iter()))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in groups.chunks(SITEMAP_GROUPS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(&url(site, &name))
        ));
        files.push(file(&name, sitemap(site, chunk.iter().cloned())));
    }
    index.push_str("</sitemapindex>\n");
    files.push(file("sitemap.xml", index));
    files
}

/// Every page of `groups`, with its alternates when it has versions in other languages.
fn sitemap<'p>(site: &str, groups: impl Iterator<Item = PageGroup<'p>>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for group in groups {
        for (_, path) in &group {
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                escape(&url(site, path))
            ));
            if group.len() > 1 {
                for (lang, other) in &group {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape(lang),
                        escape(&url(site, other))
                    ));
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

fn url(site: &str, path: &str) -> String {
    format!("{site}{}", paths::without_index(path))
}

/// How many entries a feed holds: the latest adoptions. A feed reader fetches the whole file at
/// every poll, so it must not grow with the archive (every resolution made 8 MB at 20,000); 50
/// entries are about 20 KB. Why 50: ARCHITECTURE.md, "Pages that list the archive".
pub(crate) const FEED_ENTRIES: usize = 50;

/// One feed entry before it is written: its date (`YYYY-MM-DD`, empty if unknown), the order
/// key of its symbol, and its XML.
type Entry = (String, (Option<u32>, Option<u32>, String), String);

/// The Atom feed of one language: the latest [`FEED_ENTRIES`] resolutions held in it and notes
/// shown with them, the most recent first (by adoption date, or the note's date, then symbol).
fn feed<'n>(
    config: &Config,
    inventory: &Inventory<'n>,
    strings: &Strings,
    notes_of: &dyn Fn(&'n Resolution) -> &'n Notes,
    site: &str,
    lang: &str,
) -> String {
    let title = config.language(lang).map_or("", |l| l.title.as_str());
    let entries: Vec<Entry> = inventory
        .resolutions_in(lang)
        .filter_map(|page| match page.kind {
            Kind::Resolution(r, _) => Some((r, &page.path)),
            _ => None,
        })
        .map(|(r, path)| {
            let date = r.meta.adopted.or(r.meta.distributed);
            let heading = r
                .title(lang)
                .map_or_else(|| r.symbol.to_string(), |t| format!("{} — {t}", r.symbol));
            let heading = typeset_text(&heading, lang);
            let link = url(site, path);
            let key = (
                r.symbol.ga_session(),
                r.symbol.ga_number(),
                r.symbol.to_string(),
            );
            (
                date.map(|d| d.to_string()).unwrap_or_default(),
                key,
                entry(&link, &heading, date, None),
            )
        })
        .chain(
            (inventory
                .latest_notes(lang, FEED_ENTRIES, notes_of)
                .iter()
                .enumerate())
            .map(|(at, note)| note_entry(note, at, strings, site, lang)),
        )
        .collect();
    let entries = latest(entries, FEED_ENTRIES);
    let updated = entries
        .iter()
        .map(|(date, _, _)| date.as_str())
        .find(|d| !d.is_empty())
        .unwrap_or("1945-10-24")
        .to_string();
    let self_url = url(site, &paths::feed(lang));
    let home = url(site, &paths::home(lang, &config.default_language));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n  <generator>recueil</generator>\n",
        escape(lang),
        escape(title),
        escape(&self_url),
        escape(&self_url),
        escape(&home),
        escape(title),
    );
    for (date, _, body) in entries {
        let when = if date.is_empty() { &updated } else { &date };
        xml.push_str(&body.replace("{updated}", when));
    }
    xml.push_str("</feed>\n");
    xml
}

/// The `n` most recent entries, newest first: by date, then by symbol (session, then number),
/// so that the texts of one day keep one order from build to build.
fn latest(mut entries: Vec<Entry>, n: usize) -> Vec<Entry> {
    entries.sort_by(|a, b| (&b.0, &b.1).cmp(&(&a.0, &a.1)));
    entries.truncate(n);
    entries
}

/// How many characters of a note its feed entry quotes.
const NOTE_SUMMARY: usize = 300;

/// A note's entry: "A/RES/61/168 — Note sur op10 · Consultation…", dated when it was written,
/// with its first words; `at` is its place among the latest notes, which keeps the notes of one
/// day in their order.
fn note_entry(note: &DatedNote, at: usize, strings: &Strings, site: &str, lang: &str) -> Entry {
    let r = note.resolution;
    let what = match &note.note.key {
        NoteKey::Resolution => strings.get(lang, "note_on_resolution").to_string(),
        NoteKey::Paragraph(id) => format!("{} {id}", strings.get(lang, "note_on")),
    };
    let heading = match &note.note.title {
        Some(title) => format!("{} — {what} · {title}", r.symbol),
        None => format!("{} — {what}", r.symbol),
    };
    let plain = note.note.plain_text();
    let mut summary: String = plain.chars().take(NOTE_SUMMARY).collect();
    if summary.len() < plain.len() {
        summary = format!("{}…", summary.trim_end());
    }
    let key = (
        r.symbol.ga_session(),
        r.symbol.ga_number(),
        format!("{} note {:06}", r.symbol, FEED_ENTRIES - at),
    );
    let link = url(site, &note.href);
    let date = note.date;
    let body = entry(&link, &heading, Some(date), Some(&summary));
    (date.to_string(), key, body)
}

fn entry(
    link: &str,
    heading: &str,
    date: Option<jiff::civil::Date>,
    summary: Option<&str>,
) -> String {
    let published = date.map_or(String::new(), |d| {
        format!("    <published>{d}T00:00:00Z</published>\n")
    });
    let summary = summary.map_or(String::new(), |s| {
        format!("    <summary>{}</summary>\n", escape(s))
    });
    format!(
        "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{{updated}}T00:00:00Z</updated>\n{published}{summary}  </entry>\n",
        escape(heading),
        escape(link),
        escape(link)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_a_sitemap_index_of_bounded_files() {
        let groups: Vec<PageGroup> = (0..SITEMAP_GROUPS * 2 + 1)
            .map(|_| vec![("fr", "fr/a.html"), ("en", "en/a.html")])
            .collect();
        let files = sitemaps("https://u.github.io/a/", groups);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(files[3].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://u.github.io/a/sitemap-3.xml</loc>"));
        let last = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert_eq!(
            last.matches("<url>").count(),
            2,
            "one group of two versions"
        );
        let small = sitemaps("https://u.github.io/a/", vec![vec![("fr", "fr/a.html")]]);
        assert_eq!(small.len(), 1);
        assert!(
            String::from_utf8(small[0].bytes.clone())
                .unwrap()
                .contains("<urlset")
        );
    }

    #[test]
    fn the_sitemap_lists_each_version_with_its_alternates() {
        let groups = vec![
            vec![("fr", "index.html"), ("en", "en/index.html")],
            vec![("fr", "parallel/a-res-1-1.html")],
        ];
        let xml = sitemap("https://u.github.io/a/", groups.into_iter());
        assert_eq!(xml.matches("<url>").count(), 3);
        assert!(xml.contains("<loc>https://u.github.io/a/</loc>"));
        assert!(xml.contains("<loc>https://u.github.io/a/en/</loc>"));
        assert_eq!(
            xml.matches("hreflang=\"en\" href=\"https://u.github.io/a/en/\"")
                .count(),
            2
        );
        assert!(xml.contains("<loc>https://u.github.io/a/parallel/a-res-1-1.html</loc>\n  </url>"));
    }

    fn entry_of(date: &str, session: u32, number: u32) -> Entry {
        let symbol = format!("A/RES/{session}/{number}");
        (
            date.into(),
            (Some(session), Some(number), symbol.clone()),
            symbol,
        )
    }

    #[test]
    fn the_feed_keeps_the_latest_entries_newest_first() {
        // 60 texts over 60 days, given oldest first; the feed keeps the last 50 days.
        let entries: Vec<Entry> = (0..60)
            .map(|i| entry_of(&format!("2000-{:02}-{:02}", 1 + i / 28, 1 + i % 28), 55, i))
            .collect();
        let kept = latest(entries, FEED_ENTRIES);
        assert_eq!(kept.len(), FEED_ENTRIES);
        assert_eq!(kept[0].2, "A/RES/55/59");
        assert_eq!(kept[FEED_ENTRIES - 1].2, "A/RES/55/10");
    }

    #[test]
    fn texts_of_one_day_are_ordered_by_symbol_number_not_text() {
        let day = "2007-12-18";
        let entries = vec![
            entry_of(day, 62, 99),
            entry_of(day, 62, 160),
            entry_of(day, 61, 200),
        ];
        let kept: Vec<String> = latest(entries, 2).into_iter().map(|e| e.2).collect();
        // 160 > 99 as numbers (as text "99" > "160"); session 61 is older and dropped.
        assert_eq!(kept, ["A/RES/62/160", "A/RES/62/99"]);
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(escape("a & <b> \"c\""), "a &amp; &lt;b&gt; &quot;c&quot;");
    }
}
