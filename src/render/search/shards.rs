//! How the search index is cut into files, so that a query loads only what it needs: a small
//! `search/index.js` (languages, stop words, prefix length), one shard per language and term
//! prefix (`search/<lang>/<shard>.js`: the folded words of that prefix with their stems, and the
//! postings of those stems; a large stem's in `search/<lang>/<shard>/<stem>.js`, see [`LARGE`]),
//! and one file per text with the paragraphs a result shows
//! (`search/<lang>/text/<slug>.js`). Every file is a script that registers its part with
//! `window.recueilSearch` (defined by `theme/search.js`), since `<script>` loads from `file://`
//! where `fetch` does not. ARCHITECTURE.md says why a three-character prefix and per-text files.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use rayon::prelude::*;

use super::{LanguageIndex, PartOf, SearchIndex, TextParts};
use crate::diag::Problem;
use crate::render::Sink;

/// How many folded characters of a term name its shard (a two-character word has a
/// two-character shard). A query word of at least this length is looked up as the beginning of
/// words too, and all the words it begins are in its shard.
pub(crate) const PREFIX: usize = 3;

/// The folder of the search files in the site.
pub(crate) const FOLDER: &str = "search";

/// A stem with more postings than this has them in a file of its own,
/// `search/<lang>/<shard>/<stem>.js`, loaded only by a query that reaches that stem: a shard
/// then stays a few kilobytes of words and small stems, and a query word does not load the
/// postings of the frequent stems that share its prefix (`conflit` without `conform`).
pub(crate) const LARGE: usize = 500;

/// The shard of a folded term: its first [`PREFIX`] characters, ASCII letters and digits as they
/// are, any other character as `_<hex code point>_`, so that every name is a safe file name.
/// `theme/search.js` names shards the same way.
pub(crate) fn shard_of(term: &str) -> String {
    safe_name(term, PREFIX)
}

/// The first `limit` characters of `term` as a file name (see [`shard_of`]).
fn safe_name(term: &str, limit: usize) -> String {
    let mut name = String::new();
    for c in term.chars().take(limit) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}_", c as u32));
        }
    }
    name
}

/// Writes every search file through `sink`, in parallel: how many files, and the problems of
/// those that failed.
pub(crate) fn write_index(index: &SearchIndex, sink: &dyn Sink) -> (usize, Vec<Problem>) {
    let shards: Vec<Named> = index
        .languages
        .iter()
        .flat_map(|(lang, li)| {
            cut(li)
                .into_iter()
                .map(move |(name, shard)| (*lang, li, name, shard))
        })
        .collect();
    let mut problems = Vec::new();
    let path = format!("{FOLDER}/index.js");
    if let Err(problem) = sink.put_streamed(&path, &|out| write_meta(index, &shards, out)) {
        problems.push(problem);
    }
    problems.par_extend(
        (shards.par_iter()).flat_map_iter(|(lang, li, name, shard)| {
            write_shard(index, sink, (lang, li, name, shard))
        }),
    );
    problems.par_extend(index.texts.par_iter().filter_map(|text| {
        let slug = index.slugs[text.resolution];
        let path = format!("{FOLDER}/{}/text/{slug}.js", text.lang);
        let write = |out: &mut dyn Write| write_text(index, text, out);
        sink.put_streamed(&path, &write).err()
    }));
    let large = |(_, li, _, shard): &Named| {
        (shard.stems.iter())
            .filter(|&&s| li.postings[s].len() > LARGE)
            .count()
    };
    let files = shards.len() + shards.iter().map(large).sum::<usize>();
    (1 + files + index.texts.len(), problems)
}

/// The words of one shard (folded word, stem id) and the stems whose postings it holds: its
/// own (by their prefix) and those of its words.
#[derive(Default, Debug)]
pub(crate) struct Shard {
    words: Vec<(String, usize)>,
    stems: BTreeSet<usize>,
}

/// A language's index cut into shards by prefix: each word in exactly one (its prefix's).
pub(crate) fn cut(li: &LanguageIndex) -> BTreeMap<String, Shard> {
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (word, &stem) in &li.words {
        let shard = shards.entry(shard_of(word)).or_default();
        shard.words.push((word.clone(), stem));
        shard.stems.insert(stem);
    }
    for (id, stem) in li.stems.iter().enumerate() {
        shards.entry(shard_of(stem)).or_default().stems.insert(id);
    }
    shards
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A shard to write: language, its index, name, content.
type Named<'a> = (&'a str, &'a LanguageIndex, String, Shard);

/// `window.recueilSearchIndex`: the prefix length, and per language its stop words and the
/// names of its shards (space-separated), so that a word no shard holds is not asked for.
fn write_meta(index: &SearchIndex, shards: &[Named], out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "window.recueilSearchIndex = {{\"prefix\":{PREFIX},\"languages\":{{"
    )?;
    for (n, (lang, li)) in index.languages.iter().enumerate() {
        let stop: Vec<String> = li.stop.iter().map(|w| json(w)).collect();
        let names: Vec<&str> = shards
            .iter()
            .filter(|s| s.0 == *lang)
            .map(|s| s.2.as_str())
            .collect();
        let comma = if n > 0 { "," } else { "" };
        let (lang, stop, names) = (json(lang), stop.join(","), json(&names.join(" ")));
        write!(
            out,
            "{comma}{lang}:{{\"stop\":[{stop}],\"shards\":{names}}}"
        )?;
    }
    out.write_all(b"}};\n")
}

/// Writes a shard, and each of its large stems in a file of its own.
fn write_shard(
    index: &SearchIndex,
    sink: &dyn Sink,
    shard: (&str, &LanguageIndex, &String, &Shard),
) -> Vec<Problem> {
    let (lang, li, name, shard) = shard;
    let (large, small): (Vec<usize>, Vec<usize>) =
        (shard.stems.iter()).partition(|&&s| li.postings[s].len() > LARGE);
    let mut parts: Vec<Part> = (large.iter())
        .map(|&stem| Part {
            name: format!("{name}/{}", safe_name(&li.stems[stem], usize::MAX)),
            words: &[],
            stems: vec![stem],
            large: Vec::new(),
        })
        .collect();
    parts.push(Part {
        name: name.clone(),
        words: &shard.words,
        stems: small,
        large,
    });
    (parts.iter())
        .filter_map(|part| {
            let path = format!("{FOLDER}/{lang}/{}.js", part.name);
            let write = |out: &mut dyn Write| write_part(index, li, lang, part, out);
            sink.put_streamed(&path, &write).err()
        })
        .collect()
}

/// What one file of the index holds: a shard's words and small stems (its large stems named,
/// their postings in files of their own), or one large stem.
struct Part<'a> {
    name: String,
    words: &'a [(String, usize)],
    stems: Vec<usize>,
    large: Vec<usize>,
}

/// `add(lang, name, {res, words, stems})`: `res` the resolutions the file's postings name
/// (archive index, slug), `words` folded word -> stem, `stems` stem -> postings, one array per
/// resolution: its place in `res`, then each part holding the stem (`[part, count]` when the
/// stem occurs more than once there); for a large stem, the name of its file instead.
fn write_part(
    index: &SearchIndex,
    li: &LanguageIndex,
    lang: &str,
    part: &Part,
    out: &mut dyn Write,
) -> io::Result<()> {
    let postings = || part.stems.iter().flat_map(|&s| &li.postings[s]);
    let resolutions: BTreeSet<u32> = postings().map(|p| p.resolution).collect();
    let place: BTreeMap<u32, usize> = resolutions
        .iter()
        .enumerate()
        .map(|(n, &r)| (r, n))
        .collect();
    write!(
        out,
        "window.recueilSearch.add({},{},{{\"res\":[",
        json(lang),
        json(&part.name)
    )?;
    for (n, &r) in resolutions.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        write!(out, "{comma}[{r},{}]", json(index.slugs[r as usize]))?;
    }
    out.write_all(b"],\"words\":{")?;
    for (n, (word, stem)) in part.words.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        write!(out, "{comma}{}:{}", json(word), json(&li.stems[*stem]))?;
    }
    out.write_all(b"},\"stems\":{")?;
    for (n, &stem) in part.large.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        let file = format!("{}/{}", part.name, safe_name(&li.stems[stem], usize::MAX));
        write!(out, "{comma}{}:{}", json(&li.stems[stem]), json(&file))?;
    }
    for (n, &stem) in part.stems.iter().enumerate() {
        let comma = if n > 0 || !part.large.is_empty() {
            ","
        } else {
            ""
        };
        write!(out, "{comma}{}:[", json(&li.stems[stem]))?;
        let mut current = None;
        for p in &li.postings[stem] {
            if current != Some(p.resolution) {
                let open = if current.is_some() { "],[" } else { "[" };
                write!(out, "{open}{}", place[&p.resolution])?;
                current = Some(p.resolution);
            }
            match p.count {
                1 => write!(out, ",{}", p.part)?,
                count => write!(out, ",[{},{count}]", p.part)?,
            }
        }
        out.write_all(if current.is_some() { b"]]" } else { b"]" })?;
    }
    out.write_all(b"}});\n")
}

/// `text(lang, slug, {symbol, short, page, title, date, parts})`: the parts in the order the
/// postings number them, each `[id, plain text]`, a paragraph whose lineage begins in an
/// earlier text `[id, text, "<slug>#<id>"]`, a note `[anchor, text, "", about]` (`about`: the
/// paragraph id, empty for the resolution).
fn write_text(index: &SearchIndex, text: &TextParts, out: &mut dyn Write) -> io::Result<()> {
    let (symbol, short) = index.symbols[text.resolution];
    write!(
        out,
        "window.recueilSearch.text({},{},{{\"symbol\":{},\"short\":{},\"page\":{}",
        json(text.lang),
        json(index.slugs[text.resolution]),
        json(symbol),
        json(short),
        json(&text.page)
    )?;
    if let Some(title) = text.title {
        write!(out, ",\"title\":{}", json(title))?;
    }
    if let Some(date) = &text.date {
        write!(out, ",\"date\":{}", json(date))?;
    }
    out.write_all(b",\"parts\":[")?;
    for (n, (id, plain, of)) in text.parts.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        write!(out, "{comma}[{},{}", json(id), json(plain))?;
        match of {
            PartOf::Own => {}
            PartOf::Lineage(origin) => write!(out, ",{}", json(origin))?,
            PartOf::Note(about) => write!(out, ",\"\",{}", json(about))?,
        }
        out.write_all(b"]")?;
    }
    out.write_all(b"]});\n")
}

#[cfg(test)]
mod tests {
    use super::super::LanguageBuilder;
    use super::*;

    #[test]
    fn a_term_s_shard_is_its_first_three_folded_characters_as_a_safe_name() {
        assert_eq!(shard_of("cooperation"), "coo");
        assert_eq!(shard_of("un"), "un");
        assert_eq!(shard_of("2005"), "200");
        assert_eq!(shard_of("право"), "_43f__440__430_");
        assert_eq!(shard_of("合作"), "_5408__4f5c_");
    }

    fn english() -> LanguageIndex {
        let mut en = LanguageBuilder::new("en");
        en.add(
            0,
            0,
            "Cooperation between States; the United Nations cooperates",
        );
        en.add(
            1,
            0,
            "states cooperating, and cooperation again: cooperation",
        );
        en.add(1, 1, "Dying peoples die");
        en.finish()
    }

    #[test]
    fn every_word_is_in_exactly_one_shard_with_the_postings_of_its_stem() {
        let en = english();
        let shards = cut(&en);
        for (word, &stem) in &en.words {
            let holding: Vec<&String> = shards
                .iter()
                .filter(|(_, s)| s.words.iter().any(|(w, _)| w == word))
                .map(|(name, _)| name)
                .collect();
            assert_eq!(holding, [&shard_of(word)], "{word}");
            assert!(shards[&shard_of(word)].stems.contains(&stem), "{word}");
        }
        for (id, stem) in en.stems.iter().enumerate() {
            assert!(shards[&shard_of(stem)].stems.contains(&id), "{stem}");
        }
        // "dying" stems to "die": its shard carries the stem's postings too.
        let dying = &shards["dyi"];
        assert!(dying.stems.contains(&en.words["dying"]));
        let names: Vec<&str> = shards.keys().map(String::as_str).collect();
        let expected = [
            "aga", "bet", "coo", "die", "dyi", "nat", "peo", "sta", "uni",
        ];
        assert_eq!(names, expected, "one shard per prefix of the words written");
    }

    #[test]
    fn a_shard_is_a_script_registering_its_words_stems_and_postings() {
        let index = SearchIndex {
            slugs: vec!["a-res-1-1", "a-res-2-1"],
            symbols: vec![("A/RES/1/1", "1/1"), ("A/RES/2/1", "2/1")],
            texts: Vec::new(),
            languages: BTreeMap::from([("en", english())]),
        };
        let en = &index.languages["en"];
        let shards = cut(en);
        let mut out = Vec::new();
        let coo = &shards["coo"];
        let part = Part {
            name: "coo".to_string(),
            words: &coo.words,
            stems: coo.stems.iter().copied().collect(),
            large: Vec::new(),
        };
        write_part(&index, en, "en", &part, &mut out).unwrap();
        let script = String::from_utf8(out).unwrap();
        let args = script
            .strip_prefix("window.recueilSearch.add(")
            .and_then(|s| s.strip_suffix(");\n"))
            .unwrap();
        let args: serde_json::Value = serde_json::from_str(&format!("[{args}]")).unwrap();
        assert_eq!(args[0], "en");
        assert_eq!(args[1], "coo");
        let shard = &args[2];
        assert_eq!(
            shard["res"],
            serde_json::json!([[0, "a-res-1-1"], [1, "a-res-2-1"]])
        );
        assert_eq!(shard["words"]["cooperation"], "cooper");
        assert_eq!(shard["words"]["cooperating"], "cooper");
        // Once in part 0 of the first resolution; in the second, three times in part 0.
        assert_eq!(
            shard["stems"]["cooper"],
            serde_json::json!([[0, [0, 2]], [1, [0, 3]]])
        );
    }

    /// The arguments a file of the index registers, parsed.
    fn registered(script: &[u8]) -> serde_json::Value {
        let script = std::str::from_utf8(script).unwrap();
        let args = script
            .strip_prefix("window.recueilSearch.add(")
            .and_then(|s| s.strip_suffix(");\n"))
            .unwrap();
        serde_json::from_str(&format!("[{args}]")).unwrap()
    }

    #[test]
    fn a_large_stem_s_postings_are_in_a_file_of_their_own() {
        let mut en = LanguageBuilder::new("en");
        for part in 0..=LARGE as u32 {
            en.add(0, part, "armed conflicts");
        }
        en.add(0, 0, "in conformity with");
        let index = SearchIndex {
            slugs: vec!["a-res-1-1"],
            symbols: vec![("A/RES/1/1", "1/1")],
            texts: Vec::new(),
            languages: BTreeMap::from([("en", en.finish())]),
        };
        let files = std::sync::Mutex::new(BTreeMap::new());
        let sink = |file: crate::render::OutputFile| {
            files.lock().unwrap().insert(file.path, file.bytes);
            Ok(())
        };
        let (count, problems) = write_index(&index, &sink);
        assert!(problems.is_empty());
        let files = files.into_inner().unwrap();
        assert_eq!(count, files.len());
        let con = registered(&files["search/en/con.js"]);
        assert_eq!(con[2]["words"]["conflicts"], "conflict");
        assert_eq!(con[2]["stems"]["conflict"], "con/conflict");
        assert_eq!(con[2]["stems"]["conform"], serde_json::json!([[0, 0]]));
        let conflict = registered(&files["search/en/con/conflict.js"]);
        assert_eq!(conflict[1], "con/conflict");
        let postings = conflict[2]["stems"]["conflict"][0].as_array().unwrap();
        assert_eq!(
            postings.len(),
            1 + LARGE + 1,
            "resolution 0, then every part"
        );
        assert!(files.contains_key("search/index.js"));
    }
}
