//! Citations and lineage on the bundled archive: references in the texts become links, each
//! resolution knows what cites it, and the series lists its members, held or only cited.

use recueil::archive::{Archive, Derivation};
use recueil::config::Config;

use crate::support::repo_root;
use crate::support::site::Site;

fn archive() -> Archive {
    let config = Config::load(&repo_root()).expect("book.toml is valid");
    recueil::load::load(&config)
        .expect("content/ loads")
        .archive
}

fn built() -> (tempfile::TempDir, Site) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(&repo_root(), Some(&public), false).expect("the archive builds");
    let site = Site::read(&public);
    (out, site)
}

/// The `<a …>` element whose text starts with `words`, inside the element with id `within`.
fn link_in<'p>(page: &'p str, within: &str, words: &str) -> &'p str {
    let start = page
        .find(&format!("id=\"{within}\""))
        .unwrap_or_else(|| panic!("no #{within}"));
    let end = page[start..]
        .find("</li>")
        .into_iter()
        .chain(page[start..].find("</p>"))
        .min()
        .unwrap();
    let part = &page[start..start + end];
    let at = part
        .find(&format!(">{words}"))
        .unwrap_or_else(|| panic!("no link `{words}` in #{within}: {part}"));
    let open = part[..at].rfind("<a ").expect("the words are a link");
    let close = part[at..].find("</a>").unwrap();
    &part[open..at + close + 4]
}

#[test]
fn a_resolution_held_in_another_language_is_linked_there_and_says_so() {
    let (_out, site) = built();
    let link = link_in(site.page("en/a-res-62-160.html"), "pp2", "61/168");
    assert!(link.contains("href=\"../fr/a-res-61-168.html\""), "{link}");
    assert!(link.contains("hreflang=\"fr\""), "{link}");
    assert!(link.contains("(available in French)"), "{link}");
}

#[test]
fn resolutions_not_held_are_linked_to_the_official_document_in_the_page_language() {
    let (_out, site) = built();
    let page = site.page("fr/a-res-68-160.html");
    let link = link_in(page, "pp2", "67/169");
    assert!(
        link.contains("href=\"https://undocs.org/fr/A/RES/67/169\""),
        "{link}"
    );
    assert!(link.contains("rel=\"external\""), "{link}");
    let footnote = link_in(page, "fn4", "66/3");
    assert!(
        footnote.contains("href=\"https://undocs.org/fr/A/RES/66/3\""),
        "{footnote}"
    );
    let council = link_in(page, "pp2", "19/33");
    assert!(
        council.contains("undocs.org/fr/A/HRC/RES/19/33"),
        "{council}"
    );
}

#[test]
fn the_canonical_texts_are_not_changed_by_linking() {
    let text = std::fs::read_to_string(repo_root().join("content/resolutions/a-res-68-160/fr.md"))
        .unwrap();
    assert!(text.contains("sa résolution 67/169 du 20 décembre 2012"));
    assert!(!text.contains("undocs.org"));
}

#[test]
fn a_resolution_page_lists_what_cites_it_with_the_paragraph() {
    let (_out, site) = built();
    let page = site.page("fr/a-res-61-168.html");
    let section = &page[page.find("class=\"cited-by\"").expect("a cited-by section")..];
    assert!(
        section.contains("data-citing=\"A/RES/62/160\""),
        "{section}"
    );
    assert!(
        section.contains("href=\"../fr/a-res-62-160.html#pp2\""),
        "{section}"
    );
    // 68/160 does not cite 61/168: it is not listed.
    assert!(!section.contains("A/RES/68/160"), "{section}");
}

/// The `data-symbol` values of a page, in order.
fn data_symbols(page: &str) -> Vec<&str> {
    page.split("data-symbol=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn the_references_are_split_by_symbol_prefix_each_group_holding_exactly_its_documents() {
    let (_out, site) = built();
    // Each cited document, with the group page that must list it: an Assembly resolution by
    // session, any other symbol by its first two parts.
    let expected = [
        ("A/RES/55/2", "a-res-55"),
        ("A/RES/58/170", "a-res-58"),
        ("A/RES/61/168", "a-res-61"),
        ("A/RES/66/3", "a-res-66"),
        ("A/RES/67/169", "a-res-67"),
        ("A/HRC/RES/19/33", "a-hrc"),
        ("E/CN.4/RES/2005/54", "e-cn-4"),
        ("E/CN.4/Sub.2/RES/2000/22", "e-cn-4"),
        ("E/CN.4/2001/2-E/CN.4/Sub.2/2000/46", "e-cn-4"),
        ("A/CONF.157/24(PartI)", "a-conf-157"),
        ("E/2005/23", "e-2005"),
        ("A/67/53", "a-67"),
    ];
    for lang in ["fr", "en"] {
        let index = site.page(&format!("{lang}/references.html"));
        assert!(
            data_symbols(index).is_empty(),
            "the index lists groups only"
        );
        let groups: Vec<(&String, &String)> = site
            .pages
            .iter()
            .filter(|(path, _)| path.starts_with(&format!("{lang}/references/")))
            .collect();
        for (path, page) in &groups {
            let key = &path[lang.len() + "/references/".len()..path.len() - ".html".len()];
            let href = format!("href=\"../{lang}/references/{key}.html\"");
            assert!(index.contains(&href), "{lang} index lacks {href}");
            let count = data_symbols(page).len();
            assert!(
                index[index.find(&href).unwrap()..].contains(&format!("({count})</span>")),
                "{path}: the index gives its count, {count}"
            );
            for symbol in data_symbols(page) {
                let wanted = expected.iter().find(|(s, _)| *s == symbol);
                // Documents cited beyond the list above must be in their own prefix's group.
                if let Some((_, group)) = wanted {
                    assert_eq!(key, *group, "{symbol} is on {path}");
                } else {
                    let slug = symbol.to_lowercase().replace(['/', '.', '(', ')'], "-");
                    assert!(
                        slug.starts_with(&format!("{key}-")),
                        "{symbol} is on {path}"
                    );
                }
            }
        }
        let listed: usize = groups.iter().map(|(_, p)| data_symbols(p).len()).sum();
        assert!(
            index.contains(&format!("{listed} ")),
            "{lang}: the total is {listed}"
        );
        for (symbol, group) in expected {
            let page = site.page(&format!("{lang}/references/{group}.html"));
            let held = data_symbols(page);
            assert_eq!(held.iter().filter(|s| **s == symbol).count(), 1, "{symbol}");
        }
    }
    // Symbols are shown as documents print them, a joint symbol whole.
    let conf = site.page("fr/references/a-conf-157.html");
    assert!(conf.contains(">A/CONF.157/24 (Part I)</a>"), "{conf}");
    let commission = site.page("en/references/e-cn-4.html");
    for shown in [
        ">E/CN.4/Sub.2/RES/2000/22</a>",
        ">E/CN.4/2001/2-E/CN.4/Sub.2/2000/46</a>",
    ] {
        assert!(commission.contains(shown), "{shown} in {commission}");
    }
    let text = site.page("fr/a-res-68-160.html");
    assert!(
        text.contains("title=\"A/CONF.157/24 (Part I) — document officiel"),
        "the citation's tooltip"
    );
    let page = site.page("fr/references/a-res-55.html");
    let entry = &page[page.find("data-symbol=\"A/RES/55/2\"").unwrap()..];
    let entry = &entry[..entry.find("</ul>").unwrap()];
    for citing in [
        "A/RES/59/187",
        "A/RES/61/168",
        "A/RES/62/160",
        "A/RES/68/160",
    ] {
        assert!(
            entry.contains(&format!("data-citing=\"{citing}\"")),
            "{entry}"
        );
    }
    assert!(
        entry.contains("href=\"../../fr/a-res-68-160.html#fn2\""),
        "{entry}"
    );
    assert!(site.page("en/references.html").contains("Cited documents"));
    assert!(site.broken_links().is_empty(), "{:#?}", site.broken_links());
    let sitemap = std::fs::read_to_string(site.dir.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("/en/references/e-cn-4.html</loc>"),
        "the sitemap lists groups"
    );
}

#[test]
fn the_series_page_lists_held_and_cited_members_in_order_of_session() {
    let (_out, site) = built();
    let page = site.page("fr/series/international-cooperation-human-rights.html");
    let list = &page[page.find("<ol class=\"members\">").unwrap()..];
    let order: Vec<usize> = [
        "A/RES/58/170",
        "A/RES/59/187",
        "A/RES/60/156",
        "A/RES/61/168",
        "A/RES/62/160",
        "A/RES/67/169",
        "A/RES/68/160",
    ]
    .iter()
    .map(|s| list.find(&format!("data-symbol=\"{s}\"")).expect(s))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let held = &list[list.find("data-symbol=\"A/RES/61/168\"").unwrap()..];
    assert!(held.starts_with("data-symbol=\"A/RES/61/168\""));
    assert!(held.contains("href=\"../../fr/a-res-61-168.html\""));
    let cited = &list[list.find("data-symbol=\"A/RES/67/169\"").unwrap()..];
    assert!(cited.contains("href=\"https://undocs.org/fr/A/RES/67/169\""));
    // The timeline: one mark per member, filled for the held ones, each a link.
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert_eq!(svg.matches("<a class=\"mark").count(), 14);
    assert_eq!(svg.matches("<a class=\"mark held\"").count(), 4);
    assert!(svg.contains("href=\"../../fr/a-res-61-168.html\""));
    assert!(svg.contains("href=\"https://undocs.org/fr/A/RES/67/169\""));
    assert!(svg.contains("role=\"group\""));
}

#[test]
fn predecessors_are_the_members_each_text_recalls() {
    let archive = archive();
    let series = &archive.series[0];
    let member = |short: &str| {
        series
            .members
            .iter()
            .find(|m| m.symbol.short() == short)
            .unwrap_or_else(|| panic!("{short} is a member"))
    };
    for (newer, older) in [
        ("59/187", "58/170"),
        ("61/168", "60/156"),
        ("62/160", "61/168"),
        ("68/160", "67/169"),
    ] {
        let m = member(newer);
        assert_eq!(m.predecessor.as_ref().unwrap().short(), older, "{newer}");
        assert_eq!(
            m.derivation,
            Some(Derivation::Recalled {
                paragraph: "pp2".into()
            }),
            "{newer}"
        );
    }
    assert_eq!(
        member("61/168").successor.as_ref().unwrap().short(),
        "62/160"
    );
    assert_eq!(
        member("67/169").successor.as_ref().unwrap().short(),
        "68/160"
    );
    let cited_by: Vec<String> = archive
        .citations
        .of(&member("61/168").symbol)
        .iter()
        .map(|c| format!("{} {} {:?}", c.from, c.paragraph, c.langs))
        .collect();
    assert_eq!(cited_by, ["A/RES/62/160 pp2 [\"fr\", \"en\"]"]);
}

/// A document cited by more texts than a list shows: its group page counts them and links one
/// page per citing session, which lists that session's citing paragraphs; no page grows with
/// the archive.
#[test]
fn a_document_cited_by_many_is_listed_by_citing_session() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\nlanguages = [\"fr\"]\n\n[language.fr]\ntitle = \"Beaucoup de citations\"\n",
    )
    .unwrap();
    for session in 1..=61 {
        let folder = dir
            .path()
            .join(format!("content/resolutions/a-res-{session}-1"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("meta.yaml"),
            format!("symbol: A/RES/{session}/1\nsession: {session}\nadopted: {}-12-01\ntitle:\n  fr: Texte {session}\n", 1945 + session),
        )
        .unwrap();
        let recalls = match session {
            1 => String::new(),
            _ => "*Rappelant* sa résolution 1/1 du 1er décembre 1946,\n\n".to_string(),
        };
        std::fs::write(
            folder.join("fr.md"),
            format!("L’Assemblée générale,\n\n{recalls}1. *Décide* de poursuivre l’examen de la question.\n"),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    recueil::build::build(dir.path(), Some(&public), false).expect("the site builds");
    let site = Site::read(&public);
    let group = site.page("fr/references/a-res-1.html");
    assert!(
        group.contains("Résolutions qui le citent\u{a0}: 60"),
        "{group}"
    );
    assert!(
        !group.contains("data-citing="),
        "the 60 are not listed on the group page"
    );
    for session in [2, 61] {
        let href = format!("href=\"../../fr/references/a-res-1/a-res-1-1/{session}.html\"");
        assert!(group.contains(&href), "{href}");
        let page = site.page(&format!("fr/references/a-res-1/a-res-1-1/{session}.html"));
        assert_eq!(
            page.matches("data-citing=").count(),
            1,
            "one citing text per session"
        );
        assert!(page.contains(&format!("data-citing=\"A/RES/{session}/1\"")));
    }
    let broken = site.broken_links();
    assert!(broken.is_empty(), "{broken:#?}");
}
