//! A stem's postings as the search files write them: newest resolution first, cut into chunks
//! of about [`CHUNK`] postings (never splitting a resolution), each part named by its id with
//! what groups it with the same paragraph in other years. ARCHITECTURE.md ("A sharded search")
//! says why chunks, why newest first, and why ids rather than part numbers.

use std::collections::HashMap;
use std::io::{self, Write};

use super::{PartOf, Posting, TextParts};

/// A stem with at most this many postings has them in its shard; a larger one in chunk files
/// of its own (`search/<lang>/<shard>/<stem>.<k>.js`), so that a shard stays a few kilobytes
/// of words and rare stems whatever the size of the archive.
pub(crate) const INLINE: usize = 32;

/// A chunk closes once it holds this many postings (its last resolution whole): a query loads
/// a frequent stem's first chunk (a few kilobytes) and later ones only while it lacks results.
pub(crate) const CHUNK: usize = 256;

/// A stem's postings cut into chunks, newest resolution first; each chunk a list of the
/// postings of one resolution each (in the order of the text's parts).
pub(crate) fn chunks(postings: &[Posting]) -> Vec<Vec<&[Posting]>> {
    let mut chunks = Vec::new();
    let mut current: Vec<&[Posting]> = Vec::new();
    let mut held = 0;
    for resolution in by_resolution(postings) {
        held += resolution.len();
        current.push(resolution);
        if held >= CHUNK {
            chunks.push(std::mem::take(&mut current));
            held = 0;
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// What writing postings needs besides them: each resolution's slug and short symbol, and by
/// resolution the text's parts (one language) with the lineage of each (see [`lineages`]).
pub(crate) struct Names<'a> {
    pub slugs: &'a [&'a str],
    pub shorts: &'a [&'a str],
    pub texts: HashMap<u32, (&'a TextParts<'a>, Vec<Option<u32>>)>,
}

/// The texts of one language by resolution, each part with the number of its lineage when the
/// same paragraph is in several texts: the lineages are numbered in the archive's order, from
/// the origins the parts name (`PartOf::Lineage`); the origin itself is `Own` and takes the
/// number of the lineage it begins.
pub(crate) fn lineages<'a>(
    texts: impl Iterator<Item = &'a TextParts<'a>> + Clone,
    slugs: &[&str],
) -> HashMap<u32, (&'a TextParts<'a>, Vec<Option<u32>>)> {
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    for text in texts.clone() {
        for (_, _, of) in &text.parts {
            if let PartOf::Lineage(origin) = of {
                let next = numbers.len() as u32;
                numbers.entry(origin.as_str()).or_insert(next);
            }
        }
    }
    let number = |text: &TextParts, id: &str, of: &PartOf| match of {
        PartOf::Lineage(origin) => numbers.get(origin.as_str()).copied(),
        PartOf::Own => numbers
            .get(format!("{}#{id}", slugs[text.resolution]).as_str())
            .copied(),
        PartOf::Note(_) => None,
    };
    texts
        .map(|text| {
            let parts = (text.parts.iter())
                .map(|(id, _, of)| number(text, id, of))
                .collect();
            (text.resolution as u32, (text, parts))
        })
        .collect()
}

pub(crate) fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// `"res":[[r,slug,short],…]`: the resolutions that postings name (archive index, slug, short
/// symbol), in the order given; a posting names one by its place in this list.
pub(crate) fn write_res(names: &Names, resolutions: &[u32], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"\"res\":[")?;
    for (n, &r) in resolutions.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        let r = r as usize;
        let (slug, short) = (json(names.slugs[r]), json(names.shorts[r]));
        write!(out, "{comma}[{r},{slug},{short}]")?;
    }
    out.write_all(b"]")
}

/// `["place part part…",…]`: one string per resolution (newest first), its place in `res`,
/// then each part holding the stem, space-separated (see [`part`]).
pub(crate) fn write_entries(
    names: &Names,
    resolutions: &[&[Posting]],
    place: &dyn Fn(u32) -> usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (n, postings) in resolutions.iter().enumerate() {
        let mut entry = place(postings[0].resolution).to_string();
        for posting in postings.iter() {
            entry.push(' ');
            part(names, posting, &mut entry);
        }
        let comma = if n > 0 { "," } else { "" };
        write!(out, "{comma}{}", json(&entry))?;
    }
    out.write_all(b"]")
}

/// A stem's postings grouped by resolution, newest first.
pub(crate) fn by_resolution(postings: &[Posting]) -> Vec<&[Posting]> {
    postings
        .chunk_by(|a, b| a.resolution == b.resolution)
        .rev()
        .collect()
}

/// One part holding the stem: its id (`op3`), then `*2` when the stem occurs twice there, then
/// `~<n>` when the paragraph is in several texts, `n` its lineage's number in base 36 (the
/// script groups a paragraph's years by it, and links the other years by id without loading
/// their texts). Ids are letters, digits and hyphens: no separator is ambiguous.
fn part(names: &Names, posting: &Posting, entry: &mut String) {
    let text = names.texts.get(&posting.resolution);
    let held = text.and_then(|(t, lineages)| {
        let (id, _, _) = t.parts.get(posting.part as usize)?;
        Some((id, lineages.get(posting.part as usize).copied().flatten()))
    });
    let Some((id, lineage)) = held else { return };
    entry.push_str(id);
    if posting.count > 1 {
        entry.push_str(&format!("*{}", posting.count));
    }
    if let Some(n) = lineage {
        entry.push('~');
        entry.push_str(&base36(n));
    }
}

fn base36(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit(n % 36, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(resolution: u32, part: u32) -> Posting {
        Posting {
            resolution,
            part,
            count: 1,
        }
    }

    #[test]
    fn chunks_run_newest_first_and_keep_a_resolution_whole() {
        let mut postings = Vec::new();
        for r in 0..2 * CHUNK as u32 {
            postings.push(posting(r, 0));
        }
        postings.extend((0..CHUNK as u32 + 50).map(|part| posting(2 * CHUNK as u32, part)));
        let chunks = chunks(&postings);
        // The newest resolution's parts are one chunk, larger than CHUNK but whole.
        assert_eq!(chunks[0].len(), 1);
        assert_eq!(chunks[0][0].len(), CHUNK + 50);
        assert_eq!(chunks[1].len(), CHUNK);
        assert_eq!(chunks[1][0][0].resolution, 2 * CHUNK as u32 - 1);
        assert_eq!(chunks[1][CHUNK - 1][0].resolution, CHUNK as u32);
        assert_eq!(chunks.len(), 3);
        let held: usize = chunks.iter().flatten().map(|r| r.len()).sum();
        assert_eq!(held, postings.len(), "every posting in one chunk");
        let order: Vec<u32> = chunks.iter().flatten().map(|r| r[0].resolution).collect();
        assert!(order.windows(2).all(|w| w[0] > w[1]), "newest first");
    }

    #[test]
    fn lineage_numbers_are_written_in_base_36() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(base36(36 * 36 * 36 - 1), "zzz");
    }
}
