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
pub(crate) const INLINE: usize = 16;

/// A chunk closes once it holds this many postings (its last resolution whole): a query loads
/// a frequent stem's first chunk (a few kilobytes) and later ones only while it lacks results.
pub(crate) const CHUNK: usize = 128;

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

/// What writing postings needs besides them: each resolution's slug and short symbol, a text's
/// parts by resolution (one language), and a resolution's index by slug (for lineages).
pub(crate) struct Names<'a> {
    pub slugs: &'a [&'a str],
    pub shorts: &'a [&'a str],
    pub texts: HashMap<u32, &'a TextParts<'a>>,
    pub by_slug: &'a HashMap<&'a str, u32>,
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

/// `[[place, part, part…],…]`: one array per resolution (newest first), its place in `res`,
/// then each part holding the stem (see [`write_part`]).
pub(crate) fn write_entries(
    names: &Names,
    resolutions: &[&[Posting]],
    place: &dyn Fn(u32) -> usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (n, postings) in resolutions.iter().enumerate() {
        let comma = if n > 0 { "," } else { "" };
        write!(out, "{comma}[{}", place(postings[0].resolution))?;
        for posting in postings.iter() {
            out.write_all(b",")?;
            write_part(names, posting, out)?;
        }
        out.write_all(b"]")?;
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

/// One part holding the stem: its id (`"op3"`); `["op3",2]` when the stem occurs twice there;
/// `["op3",1,d]` when the paragraph's lineage begins `d` resolutions earlier in the archive
/// under the same id, `["op3",1,d,"op2"]` under another (the script groups a paragraph's years
/// by that origin, and links the other years by id without loading their texts).
fn write_part(names: &Names, posting: &Posting, out: &mut dyn Write) -> io::Result<()> {
    let text = names.texts.get(&posting.resolution);
    let Some((id, _, of)) = text.and_then(|t| t.parts.get(posting.part as usize)) else {
        return write!(out, "[\"\",{}]", posting.count);
    };
    let origin = match of {
        PartOf::Lineage(origin) => origin
            .split_once('#')
            .and_then(|(slug, first)| Some((names.by_slug.get(slug)?, first))),
        _ => None,
    };
    match (origin, posting.count) {
        (None, 1) => out.write_all(json(id).as_bytes()),
        (None, count) => write!(out, "[{},{count}]", json(id)),
        (Some((&r0, first)), count) => {
            let back = i64::from(posting.resolution) - i64::from(r0);
            write!(out, "[{},{count},{back}", json(id))?;
            if first != id.as_ref() {
                write!(out, ",{}", json(first))?;
            }
            out.write_all(b"]")
        }
    }
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
        for r in 0..300 {
            postings.push(posting(r, 0));
        }
        postings.extend((0..200).map(|part| posting(300, part)));
        let chunks = chunks(&postings);
        // The newest resolution's 200 parts are one chunk, larger than CHUNK but whole.
        assert_eq!(chunks[0].len(), 1);
        assert_eq!(chunks[0][0].len(), 200);
        assert_eq!(chunks[1].len(), CHUNK);
        assert_eq!(chunks[1][0][0].resolution, 299);
        assert_eq!(chunks[1][CHUNK - 1][0].resolution, (300 - CHUNK) as u32);
        let held: usize = chunks.iter().flatten().map(|r| r.len()).sum();
        assert_eq!(held, postings.len(), "every posting in one chunk");
        let order: Vec<u32> = chunks.iter().flatten().map(|r| r[0].resolution).collect();
        assert!(order.windows(2).all(|w| w[0] > w[1]), "newest first");
    }
}
