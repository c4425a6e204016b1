//! Which texts are compared, and the rows of each comparison.
//!
//! A text is compared with the nearest predecessor in its series, following the lineage of the
//! model (a stated predecessor, or else the order of the series), that the archive holds in the
//! same language and in full. An incomplete text in between is skipped and named, so a page can
//! say why 68/160 is compared with 61/168 and not with 62/160.

use std::borrow::Cow;

use crate::archive::{
    Annex, Archive, Footnote, Member, Paragraph, ParagraphKind, Resolution, Series, Text,
};

use super::align::{Alignment, align, ratio};
use super::cache::{self, Cache};
use super::diff::{Segment, word_diff};
use super::words::{Interner, Token, same_text, similarity_words, tokenize};
use super::{Compared, Comparison, Part, Row, Status};

/// Two texts to compare, and the incomplete texts passed over between them.
pub(super) struct Pair<'a> {
    older: (&'a Resolution, &'a Text),
    newer: (&'a Resolution, &'a Text),
    skipped: Vec<&'a Resolution>,
}

/// Every text of every series with the text it is compared with.
pub(super) fn pairs(archive: &Archive) -> Vec<Pair<'_>> {
    let mut pairs = Vec::new();
    for series in &archive.series {
        for member in series.members.iter().filter(|m| m.held) {
            let Some(newer) = archive.resolution(&member.symbol) else {
                continue;
            };
            for text in &newer.texts {
                if let Some((older, skipped)) =
                    predecessor_text(archive, series, member, &text.lang)
                {
                    pairs.push(Pair {
                        older,
                        newer: (newer, text),
                        skipped,
                    });
                }
            }
        }
    }
    pairs
}

/// Walks back the lineage to the nearest complete text in `lang`, noting incomplete ones.
fn predecessor_text<'a>(
    archive: &'a Archive,
    series: &Series,
    member: &Member,
    lang: &str,
) -> Option<((&'a Resolution, &'a Text), Vec<&'a Resolution>)> {
    let mut skipped = Vec::new();
    let mut current = member.predecessor.as_ref();
    // At most one step per member: stated predecessors cannot send the walk round in circles.
    for _ in 0..series.members.len() {
        let symbol = current?;
        let held = archive.resolution(symbol);
        if let Some((resolution, text)) = held.and_then(|r| Some((r, r.text(lang)?))) {
            if text.complete {
                return Some(((resolution, text), skipped));
            }
            skipped.push(resolution);
        }
        current = series
            .members
            .iter()
            .find(|m| &m.symbol == symbol)?
            .predecessor
            .as_ref();
    }
    None
}

/// Aligns the two texts part by part and compares each continued paragraph word by word.
/// Parts whose words are in `cache` are taken from it; the others are compared and added.
pub(super) fn compare<'a>(pair: Pair<'a>, cache: &Cache) -> Comparison<'a> {
    let (older, older_text) = pair.older;
    let (newer, newer_text) = pair.newer;
    let mut parts: Vec<Part> = [ParagraphKind::Preambular, ParagraphKind::Operative]
        .into_iter()
        .map(|kind| Part {
            kind,
            annex: None,
            rows: compare_part(
                part_name(kind),
                &part_of(older_text, kind),
                &part_of(newer_text, kind),
                cache,
            ),
        })
        .chain(annex_parts(older_text, newer_text, cache))
        .filter(|p| !p.rows.is_empty())
        .collect();
    let not_compared = if newer_text.complete {
        Vec::new()
    } else {
        set_aside_beyond_the_end(&mut parts, older_text)
    };
    let all = |text: &'a Text| -> Vec<&'a Footnote> { text.footnotes.iter().collect() };
    let mut footnotes = compare_part("footnotes", &all(older_text), &all(newer_text), cache);
    if !newer_text.complete {
        footnotes.retain(|row| row.status != Status::Dropped);
    }
    Comparison {
        lang: &newer_text.lang,
        older,
        older_text,
        newer,
        newer_text,
        skipped: pair.skipped,
        parts,
        not_compared,
        footnotes,
    }
}

/// The annexes, each compared with the annex at the same place in the other text (never with
/// the resolution's own paragraphs).
fn annex_parts<'a>(
    older: &'a Text,
    newer: &'a Text,
    cache: &Cache,
) -> impl Iterator<Item = Part<'a>> {
    let count = older.annexes.len().max(newer.annexes.len());
    (0..count).map(move |i| {
        let (old, new) = (older.annexes.get(i), newer.annexes.get(i));
        let paragraphs = |annex: Option<&'a Annex>| -> Vec<&'a Paragraph> {
            annex.map_or_else(Vec::new, |a| a.all_paragraphs().collect())
        };
        Part {
            kind: ParagraphKind::Annex,
            annex: new.or(old),
            rows: compare_part("annex", &paragraphs(old), &paragraphs(new), cache),
        }
    })
}

/// The name of a part of the resolution itself in the cache's keys.
fn part_name(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Preambular => "preamble",
        _ => "operative",
    }
}

/// The paragraphs of one part of the resolution itself; sub-paragraphs belong to the operative
/// part.
fn part_of(text: &Text, kind: ParagraphKind) -> Vec<&Paragraph> {
    text.own_paragraphs()
        .filter(|p| match kind {
            ParagraphKind::Preambular => p.kind == ParagraphKind::Preambular,
            _ => p.kind != ParagraphKind::Preambular,
        })
        .collect()
}

/// The rows of one part (`kind` names it in the cache's key): from `cache` when its words are
/// there, else aligned and compared, and added to it.
fn compare_part<'a, T: Compared>(
    kind: &str,
    old: &[&'a T],
    new: &[&'a T],
    cache: &Cache,
) -> Vec<Row<'a, T>> {
    let key = cache::key(kind, old, new);
    if let Some(rows) = cache.find(key, old, new) {
        return rows;
    }
    let rows = align_and_compare(old, new);
    cache.add(key, &rows, old, new);
    rows
}

fn align_and_compare<'a, T: Compared>(old: &[&'a T], new: &[&'a T]) -> Vec<Row<'a, T>> {
    let old_tokens: Vec<Vec<Token<'a>>> = old.iter().map(|p| tokenize(p.plain())).collect();
    let new_tokens: Vec<Vec<Token<'a>>> = new.iter().map(|p| tokenize(p.plain())).collect();
    let mut interner = Interner::default();
    let mut words = |tokens: &[Vec<Token<'a>>]| -> Vec<Vec<u32>> {
        tokens
            .iter()
            .map(|t| interner.ids(similarity_words(t)))
            .collect()
    };
    let (old_words, new_words) = (words(&old_tokens), words(&new_tokens));
    let alignment = align(&old_words, &new_words);
    let texts = Texts {
        old,
        new,
        old_tokens: &old_tokens,
        new_tokens: &new_tokens,
        old_words: &old_words,
        new_words: &new_words,
    };
    rows_in_reading_order(&alignment, &texts)
}

/// The paragraphs of a part and their tokens.
struct Texts<'t, 'a, T> {
    old: &'t [&'a T],
    new: &'t [&'a T],
    old_tokens: &'t [Vec<Token<'a>>],
    new_tokens: &'t [Vec<Token<'a>>],
    /// Their words as alignment compares them.
    old_words: &'t [Vec<u32>],
    new_words: &'t [Vec<u32>],
}

/// Rows in the order of the newer text; a dropped paragraph comes where it stood in the older,
/// before what is new at that place (as a reader expects: what went out, then what came in).
fn rows_in_reading_order<'a, T: Compared>(
    alignment: &Alignment,
    texts: &Texts<'_, 'a, T>,
) -> Vec<Row<'a, T>> {
    let mut rows = Vec::new();
    let mut dropped = alignment.dropped.iter().copied().peekable();
    // The older paragraph of the next pair in order from position `j` of the newer text.
    let next_in_order = |j: usize| {
        alignment
            .matches
            .iter()
            .filter(|m| !m.moved && m.new[0] >= j)
            .min_by_key(|m| m.new[0])
            .map_or(usize::MAX, |m| m.old[0])
    };
    for j in 0..texts.new.len() {
        let pair = alignment.matches.iter().find(|m| m.new[0] == j);
        if pair.is_none() && !alignment.new.contains(&j) {
            continue; // the second part of a split paragraph, shown with the first
        }
        if !pair.is_some_and(|m| m.moved) {
            let before = next_in_order(j);
            while let Some(i) = dropped.next_if(|&i| i < before) {
                rows.push(single(Status::Dropped, texts.old[i], true));
            }
        }
        rows.push(match pair {
            Some(m) => continued(&m.old, &m.new, m.moved, texts),
            None => single(Status::New, texts.new[j], false),
        });
    }
    rows.extend(dropped.map(|i| single(Status::Dropped, texts.old[i], true)));
    rows
}

fn single<T: Compared>(status: Status, paragraph: &T, older: bool) -> Row<'_, T> {
    let (from, to) = if older {
        (vec![paragraph], Vec::new())
    } else {
        (Vec::new(), vec![paragraph])
    };
    Row {
        status,
        from,
        to,
        moved: false,
        similarity: None,
        segments: vec![Segment::Same(Cow::Borrowed(paragraph.plain()))],
    }
}

/// A continued paragraph: unchanged when only typography differs, else modified with its diff.
fn continued<'a, T: Compared>(
    old: &[usize],
    new: &[usize],
    moved: bool,
    texts: &Texts<'_, 'a, T>,
) -> Row<'a, T> {
    let before = joined(old, texts.old_tokens);
    let after = joined(new, texts.new_tokens);
    let one_to_one = old.len() == 1 && new.len() == 1;
    let (status, segments, similarity) = if one_to_one && same_text(&before, &after) {
        let text = texts.new[new[0]].plain();
        (
            Status::Unchanged,
            vec![Segment::Same(Cow::Borrowed(text))],
            1.0,
        )
    } else {
        let words = |ids: &[usize], all: &[Vec<u32>]| -> Vec<u32> {
            ids.iter().flat_map(|&i| all[i].iter().copied()).collect()
        };
        let similarity = ratio(&words(old, texts.old_words), &words(new, texts.new_words));
        (Status::Modified, word_diff(&before, &after), similarity)
    };
    Row {
        status,
        from: old.iter().map(|&i| texts.old[i]).collect(),
        to: new.iter().map(|&j| texts.new[j]).collect(),
        moved,
        similarity: Some(similarity),
        segments,
    }
}

/// The tokens of several paragraphs read as one text (a split or merged paragraph); those of a
/// single paragraph, as they are.
fn joined<'t, 'a>(indices: &[usize], tokens: &'t [Vec<Token<'a>>]) -> Cow<'t, [Token<'a>]> {
    if let [one] = indices {
        return Cow::Borrowed(&tokens[*one]);
    }
    let mut all: Vec<Token> = Vec::new();
    for &i in indices {
        let start = all.len();
        all.extend(tokens[i].iter().cloned());
        match all.get_mut(start) {
            Some(first) if start > 0 && first.space_before.is_empty() => {
                first.space_before = " ".into();
            }
            _ => {}
        }
    }
    Cow::Owned(all)
}

/// When the newer text is incomplete, the older paragraphs after the last one it continues are
/// not dropped: the newer source just stops before them. They are taken out of the rows.
fn set_aside_beyond_the_end<'a>(parts: &mut [Part<'a>], older: &Text) -> Vec<&'a Paragraph> {
    let position = |p: &Paragraph| older.all_paragraphs().position(|q| q.id == p.id);
    let last_continued = parts
        .iter()
        .flat_map(|part| part.rows.iter())
        .filter(|r| r.status != Status::Dropped)
        .flat_map(|r| r.from.iter())
        .filter_map(|p| position(p))
        .max();
    let mut set_aside = Vec::new();
    for part in parts.iter_mut() {
        part.rows.retain(|row| {
            let beyond = row.status == Status::Dropped
                && position(row.from[0]).is_some_and(|i| last_continued.is_none_or(|l| i > l));
            if beyond {
                set_aside.push(row.from[0]);
            }
            !beyond
        });
    }
    set_aside
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn text(source: &str, complete: bool) -> Text {
        let (parsed, _) = crate::load::text::parse_text(Path::new("fr.md"), source);
        Text {
            lang: "fr".into(),
            path: "fr.md".into(),
            complete,
            remark: None,
            opening: parsed.opening,
            paragraphs: parsed.paragraphs,
            annexes: parsed.annexes,
            footnotes: parsed.footnotes,
        }
    }

    fn summary(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                let ids = |ps: &[&Paragraph]| {
                    ps.iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join("+")
                };
                format!("{} {}>{}", r.status.as_str(), ids(&r.from), ids(&r.to))
            })
            .collect()
    }

    const OLDER: &str = "L’Assemblée générale,\n\n\
        *Rappelant* la Conférence mondiale sur les droits de l’homme tenue à Vienne en 1993,\n\n\
        1. *Réaffirme* que la coopération internationale est l’un des buts de l’Organisation ;\n\n\
        2. *Prie* le Secrétaire général de lui présenter un rapport à sa prochaine session ;\n\n\
        3. *Décide* de poursuivre l’examen de la question à sa soixantième session.\n";

    #[test]
    fn what_went_out_comes_before_what_came_in_and_typography_is_no_change() {
        let newer = "L'Assemblée générale,\n\n\
            *Rappelant* la Conférence mondiale sur les droits de l'homme tenue à Vienne en 1993,\n\n\
            1. *Réaffirme* que la coopération internationale est l'un des buts de l'Organisation ;\n\n\
            2. *Souligne* le rôle de l'assistance technique fournie à la demande des États concernés ;\n\n\
            3. *Décide* de poursuivre l'examen de la question à sa soixante et unième session.\n";
        let (older, newer) = (text(OLDER, true), text(newer, true));
        let rows = align_and_compare(
            &part_of(&older, ParagraphKind::Operative),
            &part_of(&newer, ParagraphKind::Operative),
        );
        assert_eq!(
            summary(&rows),
            [
                "unchanged op1>op1",
                "dropped op2>",
                "new >op2",
                "modified op3>op3"
            ]
        );
        let preamble = align_and_compare(
            &part_of(&older, ParagraphKind::Preambular),
            &part_of(&newer, ParagraphKind::Preambular),
        );
        assert_eq!(summary(&preamble), ["unchanged pp1>pp1"]);
    }

    #[test]
    fn an_incomplete_newer_text_leaves_what_it_does_not_reach_uncompared() {
        let newer = "L’Assemblée générale,\n\n\
            *Rappelant* la Conférence mondiale sur les droits de l’homme tenue à Vienne en 1993,\n";
        let (older, newer) = (text(OLDER, true), text(newer, false));
        let mut parts: Vec<Part> = [ParagraphKind::Preambular, ParagraphKind::Operative]
            .into_iter()
            .map(|kind| Part {
                kind,
                annex: None,
                rows: align_and_compare(&part_of(&older, kind), &part_of(&newer, kind)),
            })
            .collect();
        let set_aside = set_aside_beyond_the_end(&mut parts, &older);
        let ids: Vec<&str> = set_aside.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["op1", "op2", "op3"]);
        assert_eq!(summary(&parts[0].rows), ["unchanged pp1>pp1"]);
        assert!(parts[1].rows.is_empty(), "nothing is said to be dropped");
    }

    #[test]
    fn sub_paragraphs_are_compared_with_the_operative_part() {
        let source = "L’Assemblée générale,\n\n\
            1. *Demande* aux États :\n\n   - (a) de coopérer entre eux dans tous les domaines ;\
            \n\n   - (b) de présenter leurs rapports dans les délais prévus ;\n";
        let older = text(source, true);
        let ids: Vec<&str> = part_of(&older, ParagraphKind::Operative)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, ["op1", "op1-a", "op1-b"]);
    }

    #[test]
    fn annex_paragraphs_are_compared_with_annex_paragraphs_only() {
        let older = "The General Assembly,\n\n\
            1. *Welcomes* the programme of action for the least developed countries adopted at Doha;\n\n\
            ## Annex\n\n\
            1. We gather at a critical juncture for the landlocked developing countries of the world.\n";
        let newer = "The General Assembly,\n\n\
            1. *Endorses* the political declaration contained in the annex to the present resolution;\n\n\
            ## Annex\n\n\
            ### Awaza Political Declaration\n\n\
            1. We welcome the programme of action for the least developed countries adopted at Doha;\n\n\
            2. We gather at a critical juncture for the landlocked developing countries of the world.\n";
        let (older, newer) = (text(older, true), text(newer, true));
        let parts: Vec<(ParagraphKind, Option<&str>, Vec<String>)> = [Part {
            kind: ParagraphKind::Operative,
            annex: None,
            rows: align_and_compare(
                &part_of(&older, ParagraphKind::Operative),
                &part_of(&newer, ParagraphKind::Operative),
            ),
        }]
        .into_iter()
        .chain(annex_parts(&older, &newer, &Cache::none()))
        .map(|p| {
            let title = p.annex.and_then(|a| a.title.as_deref());
            (p.kind, title, summary(&p.rows))
        })
        .collect();
        assert_eq!(
            parts,
            [
                (
                    ParagraphKind::Operative,
                    None,
                    vec!["dropped op1>".to_string(), "new >op1".to_string()]
                ),
                (
                    ParagraphKind::Annex,
                    Some("Awaza Political Declaration"),
                    vec![
                        "new >annex-1".to_string(),
                        "unchanged annex-1>annex-2".to_string()
                    ]
                ),
            ],
            "the words of the old op1 stand in the new annex, but an annex is compared with an annex"
        );
    }

    /// The rows as a page reads them: status, paragraphs, move, similarity and redline.
    fn full(rows: &[Row]) -> Vec<String> {
        let summaries = summary(rows);
        rows.iter()
            .zip(summaries)
            .map(|(r, s)| format!("{s} {} {:?} {:?}", r.moved, r.similarity, r.segments))
            .collect()
    }

    const NEWER: &str = "L'Assemblée générale,\n\n\
        1. *Souligne* le rôle de l'assistance technique fournie à la demande des États ;\n\n\
        2. *Réaffirme* que la coopération internationale est l'un des buts de l'Organisation ;\n\n\
        3. *Décide* de poursuivre l'examen de la question à sa soixante et unième session.\n";

    fn operative(text: &Text) -> Vec<&Paragraph> {
        part_of(text, ParagraphKind::Operative)
    }

    #[test]
    fn a_part_read_back_from_the_cache_is_the_part_compared() {
        let dir = tempfile::tempdir().unwrap();
        let (older, newer) = (text(OLDER, true), text(NEWER, true));
        let (old, new) = (operative(&older), operative(&newer));
        let cache = Cache::open(dir.path());
        let compared = compare_part("operative", &old, &new, &cache);
        assert_eq!(cache.usage().compared, 1);
        cache.save().unwrap();
        let cache = Cache::open(dir.path());
        let found = compare_part("operative", &old, &new, &cache);
        assert_eq!((cache.usage().found, cache.usage().compared), (1, 0));
        assert_eq!(full(&found), full(&compared));
        assert!(
            full(&found).iter().any(|r| r.starts_with("modified")),
            "a redline was stored and read back: {:?}",
            full(&found)
        );
        assert_eq!(full(&found), full(&align_and_compare(&old, &new)));
    }

    #[test]
    fn a_changed_text_is_compared_again_and_what_no_build_asks_for_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let (older, newer) = (text(OLDER, true), text(NEWER, true));
        let part = operative;
        let cache = Cache::open(dir.path());
        compare_part("operative", &part(&older), &part(&newer), &cache);
        cache.save().unwrap();
        // The newer text changes one word: its part has a new key.
        let edited = text(&NEWER.replace("Souligne", "Rappelle"), true);
        let cache = Cache::open(dir.path());
        let rows = compare_part("operative", &part(&older), &part(&edited), &cache);
        assert_eq!((cache.usage().found, cache.usage().compared), (0, 1));
        assert_eq!(
            full(&rows),
            full(&align_and_compare(&part(&older), &part(&edited)))
        );
        cache.save().unwrap();
        // Only the edited pair is kept: the first one is found no more.
        let cache = Cache::open(dir.path());
        compare_part("operative", &part(&older), &part(&newer), &cache);
        compare_part("operative", &part(&older), &part(&edited), &cache);
        assert_eq!((cache.usage().found, cache.usage().compared), (1, 1));
    }

    #[test]
    fn a_damaged_cache_is_compared_again_never_read_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let (older, newer) = (text(OLDER, true), text(NEWER, true));
        let (old, new) = (operative(&older), operative(&newer));
        let cache = Cache::open(dir.path());
        let compared = full(&compare_part("operative", &old, &new, &cache));
        cache.save().unwrap();
        let file = dir.path().join(cache::FOLDER).join("comparisons");
        let mut bytes = std::fs::read(&file).unwrap();
        let cut = bytes.len() - 7;
        bytes.truncate(cut);
        std::fs::write(&file, &bytes).unwrap();
        let cache = Cache::open(dir.path());
        let rows = compare_part("operative", &old, &new, &cache);
        assert_eq!((cache.usage().found, cache.usage().compared), (0, 1));
        assert_eq!(full(&rows), compared);
        cache.save().unwrap();
        // The same key over paragraphs that do not fit the stored positions: not found.
        let cache = Cache::open(dir.path());
        let key = cache::key("operative", &old, &new);
        assert!(cache.find(key, &old, &new).is_some());
        assert!(cache.find(key, &old, &new[..1]).is_none());
    }

    #[test]
    fn a_save_removes_what_a_killed_save_left_an_hour_ago_and_nothing_newer() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(cache::FOLDER);
        std::fs::create_dir_all(&folder).unwrap();
        let (old, recent) = (
            folder.join("comparisons.partial-1-0"),
            folder.join("comparisons.partial-2-0"),
        );
        for path in [&old, &recent] {
            std::fs::write(path, b"half a cache").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        let (older, newer) = (text(OLDER, true), text(NEWER, true));
        let cache = Cache::open(dir.path());
        compare_part("operative", &operative(&older), &operative(&newer), &cache);
        cache.save().unwrap();
        assert!(!old.exists(), "a partial file two hours old is removed");
        assert!(
            recent.exists(),
            "another build's save in progress is left alone"
        );
        assert!(folder.join("comparisons").is_file());
    }
}
