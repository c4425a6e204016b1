//! How the search index is cut into files, so that a query loads only what it needs: a small
//! `search/index.js` (languages, stop words, prefix length, the shards' names), one shard per
//! language and term prefix (`search/<lang>/<shard>.js`: the folded words of that prefix with
//! their stems, the postings of its rare stems, and for each frequent stem the name of its
//! chunk files, `search/<lang>/<shard>/<stem>.<k>.js`, see [`postings`](super::postings)), and
//! one file per text with the paragraphs a result shows (`search/<lang>/text/<slug>.js`). Every
//! file is a script that registers its part with `window.recueilSearch` (defined by
//! `theme/search.js`), since `<script>` loads from `file://` where `fetch` does not.
//! ARCHITECTURE.md says why a three-character prefix, chunks and per-text files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use rayon::prelude::*;

#[cfg(test)]
use super::postings::CHUNK;
use super::postings::{self, INLINE, Names, json};
use super::{LanguageIndex, PartOf, SearchIndex, TextParts};
use crate::diag::Problem;
use crate::render::Sink;
use crate::render::views::paths;

/// How many folded characters of a term name its shard (a two-character word has a
/// two-character shard). A query word of at least this length is looked up as the beginning of
/// words too, and all the words it begins are in its shard.
pub(crate) const PREFIX: usize = 3;

/// The folder of the search files in the site.
pub(crate) const FOLDER: &str = "search";

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
    let shorts: Vec<&str> = index.symbols.iter().map(|s| s.1).collect();
    let names: HashMap<&str, Names> = (index.languages.keys())
        .map(|&lang| {
            let texts = index.texts.iter().filter(|t| t.lang == lang);
            let names = Names {
                slugs: &index.slugs,
                shorts: &shorts,
                texts: postings::lineages(texts, &index.slugs),
            };
            (lang, names)
        })
        .collect();
    let mut problems = Vec::new();
    let path = format!("{FOLDER}/index.js");
    if let Err(problem) = sink.put_streamed(&path, &|out| write_meta(index, &shards, out)) {
        problems.push(problem);
    }
    let written: Vec<(usize, Vec<Problem>)> = (shards.par_iter())
        .map(|(lang, li, name, shard)| write_shard(&names[lang], sink, (lang, li, name, shard)))
        .collect();
    let files: usize = written.iter().map(|(files, _)| files).sum();
    problems.extend(written.into_iter().flat_map(|(_, failed)| failed));
    problems.par_extend(index.texts.par_iter().filter_map(|text| {
        let slug = index.slugs[text.resolution];
        let path = format!("{FOLDER}/{}/text/{slug}.js", text.lang);
        let write = |out: &mut dyn Write| write_text(index, text, out);
        sink.put_streamed(&path, &write).err()
    }));
    (1 + files + index.texts.len(), problems)
}

/// The words of one shard (folded word, stem id) and the stems it names: its own (by their
/// prefix) and those of its words.
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

/// A shard to write: language, its index, name, content.
type Named<'a> = (&'a str, &'a LanguageIndex, String, Shard);

/// `window.recueilSearchIndex`: the prefix length, the path of a text's page
/// (`{lang}/{slug}.html`), and per language its stop words and the names of its shards
/// (space-separated), so that a word no shard holds is not asked for.
fn write_meta(index: &SearchIndex, shards: &[Named], out: &mut dyn Write) -> io::Result<()> {
    let page = json(&paths::resolution("{lang}", "{slug}"));
    write!(
        out,
        "window.recueilSearchIndex = {{\"prefix\":{PREFIX},\"page\":{page},\"languages\":{{"
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

/// The name of a frequent stem's chunk files without their number, under the shard of the
/// stem's own prefix (every shard naming the stem points there): `con/conflit`.
fn chunk_base(stem: &str) -> String {
    format!("{}/{}", shard_of(stem), safe_name(stem, usize::MAX))
}

/// Writes a shard, and the chunks of its frequent stems: how many files, and the failures.
fn write_shard(
    names: &Names,
    sink: &dyn Sink,
    shard: (&str, &LanguageIndex, &String, &Shard),
) -> (usize, Vec<Problem>) {
    let (lang, li, name, shard) = shard;
    let mut problems = Vec::new();
    let mut files = 1;
    let path = format!("{FOLDER}/{lang}/{name}.js");
    let write = |out: &mut dyn Write| write_shard_file(names, li, lang, name, shard, out);
    problems.extend(sink.put_streamed(&path, &write).err());
    for &stem in &shard.stems {
        if li.postings[stem].len() <= INLINE || shard_of(&li.stems[stem]) != *name {
            continue;
        }
        let base = chunk_base(&li.stems[stem]);
        let chunks = postings::chunks(&li.postings[stem]);
        let lows: Vec<u32> = (chunks.iter())
            .map(|c| c.last().map_or(0, |r| r[0].resolution))
            .collect();
        for (k, chunk) in chunks.iter().enumerate() {
            let path = format!("{FOLDER}/{lang}/{base}.{k}.js");
            let lows = (k == 0).then_some(lows.as_slice());
            let file = format!("{base}.{k}");
            let write = |out: &mut dyn Write| {
                write!(
                    out,
                    "window.recueilSearch.add({},{},{{",
                    json(lang),
                    json(&file)
                )?;
                let held: Vec<u32> = chunk.iter().map(|r| r[0].resolution).collect();
                postings::write_res(names, &held, out)?;
                out.write_all(b",\"post\":")?;
                let places: HashMap<u32, usize> =
                    held.iter().enumerate().map(|(n, &r)| (r, n)).collect();
                let place = |r: u32| places.get(&r).copied().unwrap_or(0);
                postings::write_entries(names, chunk, &place, out)?;
                if let Some(lows) = lows {
                    let lows: Vec<String> = lows.iter().map(u32::to_string).collect();
                    write!(out, ",\"lows\":[{}]", lows.join(","))?;
                }
                out.write_all(b"});\n")
            };
            problems.extend(sink.put_streamed(&path, &write).err());
            files += 1;
        }
    }
    (files, problems)
}

/// `add(lang, name, {words, res, stems})`: `words` folded word -> stem; `stems` stem -> for a
/// rare stem (at most [`INLINE`] postings) its postings, newest first, naming resolutions by
/// their place in `res` (see [`postings::write_entries`]); for a frequent stem
/// `{"file": "<shard>/<stem>", "chunks": n, "total": postings}`, its chunks being the scripts
/// `<file>.0` to `<file>.<n-1>`, newest resolutions first, each `{res, post, lows}` (`post` the
/// stem's postings in that chunk; `lows`, in the first only, the lowest resolution of each
/// chunk, so that a query skips the chunks where another of its words does not occur).
fn write_shard_file(
    names: &Names,
    li: &LanguageIndex,
    lang: &str,
    name: &str,
    shard: &Shard,
    out: &mut dyn Write,
) -> io::Result<()> {
    write!(
        out,
        "window.recueilSearch.add({},{},{{\"words\":{{",
        json(lang),
        json(name)
    )?;
    for (n, (word, stem)) in shard.words.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        write!(out, "{comma}{}:{}", json(word), json(&li.stems[*stem]))?;
    }
    out.write_all(b"},")?;
    let (small, large): (Vec<usize>, Vec<usize>) =
        (shard.stems.iter()).partition(|&&s| li.postings[s].len() <= INLINE);
    let held: BTreeSet<u32> = (small.iter())
        .flat_map(|&s| li.postings[s].iter().map(|p| p.resolution))
        .collect();
    let held: Vec<u32> = held.into_iter().rev().collect();
    let places: HashMap<u32, usize> = held.iter().enumerate().map(|(n, &r)| (r, n)).collect();
    let place = |r: u32| places.get(&r).copied().unwrap_or(0);
    postings::write_res(names, &held, out)?;
    out.write_all(b",\"stems\":{")?;
    for (n, &stem) in large.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        write!(
            out,
            "{comma}{}:{{\"file\":{},\"chunks\":{},\"total\":{}}}",
            json(&li.stems[stem]),
            json(&chunk_base(&li.stems[stem])),
            postings::chunks(&li.postings[stem]).len(),
            li.postings[stem].len()
        )?;
    }
    for (n, &stem) in small.iter().enumerate() {
        let comma = if n > 0 || !large.is_empty() { "," } else { "" };
        write!(out, "{comma}{}:", json(&li.stems[stem]))?;
        let resolutions = postings::by_resolution(&li.postings[stem]);
        postings::write_entries(names, &resolutions, &place, out)?;
    }
    out.write_all(b"}});\n")
}

/// `text(lang, slug, {symbol, short, page, title, date, parts})`: the parts a result shows,
/// each `[id, plain text]`, a note `[anchor, text, about]` (`about`: the paragraph id, empty
/// for the resolution). Postings name parts by id.
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
        if let PartOf::Note(about) = of {
            write!(out, ",{}", json(about))?;
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

    /// A text of `n` paragraphs `op1`… (their words do not matter to the writer).
    fn text(resolution: usize, n: usize, lineage: Option<&str>) -> TextParts<'static> {
        let of = |k: usize| match lineage {
            Some(origin) if k == 0 => PartOf::Lineage(origin.to_string()),
            _ => PartOf::Own,
        };
        TextParts {
            resolution,
            lang: "en",
            page: format!("en/r{resolution}.html"),
            title: None,
            date: None,
            parts: (0..n)
                .map(|k| (format!("op{}", k + 1).into(), "".into(), of(k)))
                .collect(),
            verbs: Vec::new(),
        }
    }

    /// Every file `write_index` writes, by path.
    fn written(index: &SearchIndex) -> BTreeMap<String, Vec<u8>> {
        let files = std::sync::Mutex::new(BTreeMap::new());
        let sink = |file: crate::render::OutputFile| {
            files.lock().unwrap().insert(file.path, file.bytes);
            Ok(())
        };
        let (count, problems) = write_index(index, &sink);
        assert!(problems.is_empty());
        let files = files.into_inner().unwrap();
        assert_eq!(count, files.len());
        files
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
    fn a_shard_is_a_script_registering_its_words_stems_and_postings() {
        let index = SearchIndex {
            slugs: vec!["a-res-1-1", "a-res-2-1"],
            symbols: vec![("A/RES/1/1", "1/1"), ("A/RES/2/1", "2/1")],
            texts: vec![text(0, 1, None), text(1, 2, Some("a-res-1-1#op1"))],
            languages: BTreeMap::from([("en", english())]),
        };
        let files = written(&index);
        let args = registered(&files["search/en/coo.js"]);
        assert_eq!(args[0], "en");
        assert_eq!(args[1], "coo");
        let shard = &args[2];
        // Newest first: the second resolution, then the first.
        assert_eq!(
            shard["res"],
            serde_json::json!([[1, "a-res-2-1", "2/1"], [0, "a-res-1-1", "1/1"]])
        );
        assert_eq!(shard["words"]["cooperation"], "cooper");
        assert_eq!(shard["words"]["cooperating"], "cooper");
        // In the second resolution three times in op1, whose lineage begins at op1 of the
        // first, where the stem is twice: both in lineage 0.
        assert_eq!(
            shard["stems"]["cooper"],
            serde_json::json!(["0 op1*3~0", "1 op1*2~0"])
        );
        // "Dying peoples die": op2 of the second resolution, twice (dying, die), alone.
        let die = registered(&files["search/en/die.js"]);
        assert_eq!(die[2]["stems"]["die"], serde_json::json!(["0 op2*2"]));
        let meta = std::str::from_utf8(&files["search/index.js"]).unwrap();
        assert!(meta.contains(r#""page":"{lang}/{slug}.html""#), "{meta}");
    }

    #[test]
    fn a_frequent_stem_s_postings_are_in_chunks_newest_first() {
        let mut en = LanguageBuilder::new("en");
        let resolutions = 2 * CHUNK + 10;
        for r in 0..resolutions as u32 {
            en.add(r, 0, "armed conflicts");
        }
        en.add(0, 1, "in conformity with");
        let slugs: Vec<&'static str> = (0..resolutions)
            .map(|r| &*Box::leak(format!("r{r}").into_boxed_str()))
            .collect();
        let index = SearchIndex {
            symbols: slugs.iter().map(|s| (*s, *s)).collect(),
            slugs,
            texts: (0..resolutions).map(|r| text(r, 2, None)).collect(),
            languages: BTreeMap::from([("en", en.finish())]),
        };
        let files = written(&index);
        let con = registered(&files["search/en/con.js"]);
        assert_eq!(con[2]["words"]["conflicts"], "conflict");
        assert_eq!(
            con[2]["stems"]["conflict"],
            serde_json::json!({"file": "con/conflict", "chunks": 3, "total": resolutions})
        );
        assert_eq!(con[2]["stems"]["conform"], serde_json::json!(["0 op2"]));
        let first = registered(&files["search/en/con/conflict.0.js"]);
        assert_eq!(first[1], "con/conflict.0");
        let (res, post) = (&first[2]["res"], &first[2]["post"]);
        assert_eq!(post.as_array().unwrap().len(), CHUNK);
        let newest = resolutions - 1;
        assert_eq!(
            res[0],
            serde_json::json!([newest, format!("r{newest}"), format!("r{newest}")])
        );
        assert_eq!(post[0], "0 op1");
        let lows = [resolutions - CHUNK, resolutions - 2 * CHUNK, 0];
        assert_eq!(first[2]["lows"], serde_json::json!(lows));
        let last = registered(&files["search/en/con/conflict.2.js"]);
        assert_eq!(last[2]["post"].as_array().unwrap().len(), 10);
        assert!(
            last[2].get("lows").is_none(),
            "only the first chunk lists them"
        );
        assert!(!files.contains_key("search/en/con/conflict.3.js"));
    }
}
