//! The comparisons of the last build, kept on disk so that the next one redoes only what changed.
//!
//! Aligning two texts and comparing their paragraphs word by word is the costly part of the
//! analysis (about 14 s of a build of 20,000 resolutions), and after one note or one text
//! changed almost every pair of texts is the same as before. Each part of a comparison (the
//! preamble, the operative part, an annex, the footnotes) is stored under a key: the hash of
//! the words of both sides and of the code that compares them (this module's sources and those
//! of `align`, `compare`, `diff` and `words`, embedded in the binary). A pair whose texts did
//! not change finds its rows under its key; a changed text, or a new version of recueil, makes
//! new keys, and only those parts are compared again.
//!
//! What is stored is the outcome, not the texts: for each row its status, the positions of its
//! paragraphs in each side, whether it moved, its similarity, and the redline of a modified
//! row. A row read back is checked against the texts (positions in range) and a part that does
//! not fit is compared again, so a damaged or foreign file costs time, never a wrong page.
//!
//! The file is `.recueil-cache/comparisons` at the archive's root (kept out of Git; deleting it
//! is always safe). It is rewritten after a build that compared something or left entries
//! unused, with only the entries that build used, so it never grows beyond one archive's
//! comparisons. A cache that cannot be read or written (a read-only stick) is ignored: the
//! build is as it would be without one.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::diff::Segment;
use super::{Compared, Row, Status};

/// The folder of the cache, at the archive's root.
pub const FOLDER: &str = ".recueil-cache";
/// The file of the comparisons, in [`FOLDER`].
const FILE: &str = "comparisons";
/// What every cache file starts with, then the hash of the code ([`code_hash`]).
const MAGIC: &[u8; 16] = b"recueil-compare\x01";

/// The sources whose behaviour decides a comparison's rows: a change to any of them is a new
/// cache.
const SOURCES: [&str; 5] = [
    include_str!("align.rs"),
    include_str!("compare.rs"),
    include_str!("diff.rs"),
    include_str!("words.rs"),
    include_str!("cache.rs"),
];

/// One row of a stored part.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct StoredRow {
    status: Status,
    from: Vec<u32>,
    to: Vec<u32>,
    moved: bool,
    similarity: Option<f32>,
    /// The redline of a modified row; the others are the whole text of their paragraph.
    redline: Option<Vec<Piece>>,
}

/// A piece of a stored redline ([`Segment`], owned).
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Piece {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// The comparisons read from disk, and what this build looked up and added.
#[derive(Debug, Default)]
pub struct Cache {
    /// Where it is saved; none for a cache that lives only in memory (tests, `Analysis::run`).
    path: Option<PathBuf>,
    stored: HashMap<u128, Vec<StoredRow>>,
    /// The keys this build found (and how many times), and the parts it compared.
    used: Mutex<HashSet<u128>>,
    found: std::sync::atomic::AtomicUsize,
    fresh: Mutex<Vec<(u128, Vec<StoredRow>)>>,
}

/// How a build used the cache (parts that are the same in several comparisons, such as two
/// texts without footnotes, count each time).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheUse {
    /// Parts of comparisons found in the cache.
    pub found: usize,
    /// Parts compared again.
    pub compared: usize,
}

impl Cache {
    /// A cache that is never read nor saved.
    pub fn none() -> Cache {
        Cache::default()
    }

    /// The cache of the archive at `root`: what the last build saved, or nothing when there is
    /// no cache yet or it cannot be read (it will be written anew).
    pub fn open(root: &Path) -> Cache {
        let path = root.join(FOLDER).join(FILE);
        let stored = std::fs::read(&path)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default();
        Cache {
            path: Some(path),
            stored,
            ..Cache::default()
        }
    }

    /// The rows stored under `key`, rebuilt over `old` and `new`; none when missing or when
    /// they do not fit these paragraphs.
    pub(super) fn find<'a, T: Compared>(
        &self,
        key: u128,
        old: &[&'a T],
        new: &[&'a T],
    ) -> Option<Vec<Row<'a, T>>> {
        let rows = self.stored.get(&key)?;
        let rows = rows
            .iter()
            .map(|row| row.rebuild(old, new))
            .collect::<Option<Vec<_>>>()?;
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key);
        self.found
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(rows)
    }

    /// Keeps the rows of a part just compared under `key`.
    pub(super) fn add<T: Compared>(&self, key: u128, rows: &[Row<'_, T>], old: &[&T], new: &[&T]) {
        let stored = rows
            .iter()
            .map(|row| StoredRow::of(row, old, new))
            .collect();
        self.fresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, stored));
    }

    /// How this build used the cache.
    pub fn usage(&self) -> CacheUse {
        CacheUse {
            found: self.found.load(std::sync::atomic::Ordering::Relaxed),
            compared: self.fresh.lock().map_or(0, |f| f.len()),
        }
    }

    /// Saves what this build used and compared, when it differs from what was read: the entries
    /// no part asked for are dropped. Fails only with the error of the file system, which a build
    /// may ignore.
    pub fn save(self) -> std::io::Result<()> {
        let Some(path) = self.path else {
            return Ok(());
        };
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        if fresh.is_empty() && used.len() == self.stored.len() {
            return Ok(());
        }
        let mut entries: Vec<(u128, Vec<StoredRow>)> = self
            .stored
            .into_iter()
            .filter(|(key, _)| used.contains(key))
            .chain(fresh)
            .collect();
        entries.sort_unstable_by_key(|(key, _)| *key);
        entries.dedup_by_key(|(key, _)| *key);
        write(&path, &entries)
    }
}

/// The key of one part: its kind, the words of both sides and the code that compares them.
pub(super) fn key<T: Compared>(kind: &str, old: &[&T], new: &[&T]) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(&code_hash().to_le_bytes());
    hasher.update(kind.as_bytes());
    for side in [old, new] {
        hasher.update(&(side.len() as u64).to_le_bytes());
        for paragraph in side {
            let plain = paragraph.plain();
            hasher.update(&(plain.len() as u64).to_le_bytes());
            hasher.update(plain.as_bytes());
        }
    }
    hasher.digest128()
}

/// The hash of the comparing code's sources, computed once.
fn code_hash() -> u128 {
    static HASH: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| {
        let mut hasher = Xxh3::new();
        for source in SOURCES {
            hasher.update(&(source.len() as u64).to_le_bytes());
            hasher.update(source.as_bytes());
        }
        hasher.digest128()
    })
}

impl StoredRow {
    fn of<T: Compared>(row: &Row<'_, T>, old: &[&T], new: &[&T]) -> StoredRow {
        let position = |side: &[&T], p: &T| {
            side.iter()
                .position(|q| std::ptr::eq(*q, p))
                .map_or(u32::MAX, |i| i as u32)
        };
        StoredRow {
            status: row.status,
            from: row.from.iter().map(|p| position(old, p)).collect(),
            to: row.to.iter().map(|p| position(new, p)).collect(),
            moved: row.moved,
            similarity: row.similarity,
            redline: (row.status == Status::Modified)
                .then(|| row.segments.iter().map(Piece::of).collect()),
        }
    }

    /// The row over these paragraphs; none if a position is out of range or a row that must
    /// have a paragraph has none.
    fn rebuild<'a, T: Compared>(&self, old: &[&'a T], new: &[&'a T]) -> Option<Row<'a, T>> {
        let pick = |side: &[&'a T], at: &[u32]| -> Option<Vec<&'a T>> {
            at.iter().map(|&i| side.get(i as usize).copied()).collect()
        };
        let from = pick(old, &self.from)?;
        let to = pick(new, &self.to)?;
        let segments = match &self.redline {
            Some(pieces) => pieces.iter().map(Piece::segment).collect(),
            None => {
                let whole = to.first().or(from.first())?;
                vec![Segment::Same(Cow::Borrowed(whole.plain()))]
            }
        };
        Some(Row {
            status: self.status,
            from,
            to,
            moved: self.moved,
            similarity: self.similarity,
            segments,
        })
    }
}

impl Piece {
    fn of(segment: &Segment) -> Piece {
        match segment {
            Segment::Same(text) => Piece::Same(text.to_string()),
            Segment::Deleted(text) => Piece::Deleted(text.clone()),
            Segment::Inserted(text) => Piece::Inserted(text.clone()),
        }
    }

    fn segment(&self) -> Segment<'static> {
        match self {
            Piece::Same(text) => Segment::Same(Cow::Owned(text.clone())),
            Piece::Deleted(text) => Segment::Deleted(text.clone()),
            Piece::Inserted(text) => Segment::Inserted(text.clone()),
        }
    }
}

/// The entries of a cache file; none if it is not one of this version of recueil's.
fn decode(bytes: &[u8]) -> Option<HashMap<u128, Vec<StoredRow>>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (code, rest) = rest.split_at_checked(16)?;
    if code != code_hash().to_le_bytes() {
        return None;
    }
    let entries: Vec<(u128, Vec<StoredRow>)> = postcard::from_bytes(rest).ok()?;
    Some(entries.into_iter().collect())
}

/// Removes what saves killed midway left (a save takes a second or two, so a partial file an
/// hour old is nobody's).
fn remove_stale_partials(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = format!("{FILE}.partial-");
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if stale && entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes the cache file beside its place, then renames it there: a build killed while saving
/// leaves the previous file or the new one.
fn write(path: &Path, entries: &[(u128, Vec<StoredRow>)]) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(folder)?;
    // Unique to this save: two builds of one archive in one process (tests) may save at once.
    static SAVES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SAVES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = folder.join(format!("{FILE}.partial-{}-{n}", std::process::id()));
    remove_stale_partials(folder);
    let result = (|| {
        let mut out = BufWriter::new(fs_err::File::create(&partial)?);
        out.write_all(MAGIC)?;
        out.write_all(&code_hash().to_le_bytes())?;
        postcard::to_io(entries, &mut out).map_err(std::io::Error::other)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs_err::rename(&partial, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
