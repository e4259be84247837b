//! Facet tables kept beside the index, so that opening an index for a search costs
//! nothing in proportion to its size.
//!
//! At the end of an ingest, [`write_missing`] writes each segment's [`SegmentTable`]
//! (labels and document records) to `<segment id>.ndxt`, and the current generation's
//! [`View`] (global labels and each segment's ordinal -> global id maps) to
//! `<hash of its segment ids>.ndxv`, and removes the files of segments merged away.
//! A search maps them (tantivy's [`MmapDirectory`]) instead of reading every
//! document's columns: only the pages a query touches are read.
//!
//! A file is a sequence of little-endian `u32` arrays, each preceded by its length, and
//! of byte strings padded to four bytes; it starts with a magic word and a version. A
//! file that is missing, of another version, or does not fit its segment (a different
//! number of documents or labels) is ignored: the table is then built in memory, as
//! for an index written by an older newsdex or an ingest that was stopped.

use std::collections::HashSet;
use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use super::{DocArrays, FacetIndex, SegmentTable, SegmentView, View, FIELDS};

const MAGIC: &[u8; 4] = b"NDXT";
/// Bumped when the layout of either file changes.
const VERSION: u32 = 2;
const TABLE_EXT: &str = "ndxt";
const VIEW_EXT: &str = "ndxv";

/// `u32`s read in place from a mapped file, or owned.
#[derive(Clone)]
pub enum U32s {
    Owned(Vec<u32>),
    /// Four-byte aligned, a multiple of four bytes long.
    Mapped(OwnedBytes),
}

impl Default for U32s {
    fn default() -> Self {
        U32s::Owned(Vec::new())
    }
}

impl From<Vec<u32>> for U32s {
    fn from(v: Vec<u32>) -> Self {
        U32s::Owned(v)
    }
}

impl U32s {
    /// The words of little-endian bytes: in place where the machine and alignment
    /// allow, else copied.
    fn of_bytes(bytes: OwnedBytes) -> U32s {
        let aligned = bytes.as_slice().as_ptr().align_offset(4) == 0;
        if cfg!(target_endian = "little") && aligned && bytes.len().is_multiple_of(4) {
            return U32s::Mapped(bytes);
        }
        U32s::Owned(
            bytes
                .as_slice()
                .chunks_exact(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .collect(),
        )
    }
}

impl Deref for U32s {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self {
            U32s::Owned(v) => v,
            U32s::Mapped(b) => {
                let bytes = b.as_slice();
                // SAFETY: `of_bytes` made `Mapped` only of four-byte aligned bytes whose
                // length is a multiple of four, on a little-endian machine; every bit
                // pattern is a valid u32, and the bytes live (immutable) as long as `b`.
                unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<u32>(), bytes.len() / 4) }
            }
        }
    }
}

/// Strings by index: offsets into one UTF-8 blob (sorted or not, as built).
pub struct Strs {
    /// `len() + 1` offsets, non-decreasing, each on a character boundary.
    offsets: U32s,
    blob: OwnedBytes,
}

impl Default for Strs {
    fn default() -> Self {
        Strs::from_strings::<&str>([])
    }
}

impl Strs {
    pub fn from_strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Strs {
        let mut offsets = vec![0u32];
        let mut blob = Vec::new();
        for s in items {
            blob.extend_from_slice(s.as_ref().as_bytes());
            offsets.push(blob.len() as u32);
        }
        Strs {
            offsets: U32s::Owned(offsets),
            blob: OwnedBytes::new(blob),
        }
    }

    /// Checks what a file holds: valid UTF-8 cut at character boundaries.
    fn checked(offsets: U32s, blob: OwnedBytes) -> Option<Strs> {
        let text = std::str::from_utf8(blob.as_slice()).ok()?;
        let (&first, _) = offsets.split_first()?;
        let fine = first == 0
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.iter().all(|&o| text.is_char_boundary(o as usize));
        fine.then_some(Strs { offsets, blob })
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let (a, e) = (*self.offsets.get(i)?, *self.offsets.get(i + 1)?);
        let bytes = self.blob.as_slice().get(a as usize..e as usize)?;
        // Built from `&str`s, or checked by `checked`.
        std::str::from_utf8(bytes).ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or(""))
    }

    /// The index of `s` in strings sorted in byte order.
    pub fn binary_search(&self, s: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).unwrap_or("").cmp(s) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }
}

/// Builds a file: words and padded byte strings.
struct Encoder(Vec<u8>);

impl Encoder {
    fn new() -> Encoder {
        let mut e = Encoder(MAGIC.to_vec());
        e.word(VERSION);
        e
    }

    fn word(&mut self, w: u32) {
        self.0.extend_from_slice(&w.to_le_bytes());
    }

    fn words(&mut self, ws: &[u32]) {
        self.word(ws.len() as u32);
        self.0.reserve(ws.len() * 4);
        for w in ws {
            self.0.extend_from_slice(&w.to_le_bytes());
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        self.word(b.len() as u32);
        self.0.extend_from_slice(b);
        self.0.resize(self.0.len().next_multiple_of(4), 0);
    }

    fn strs(&mut self, s: &Strs) {
        self.words(&s.offsets);
        self.bytes(s.blob.as_slice());
    }
}

/// Reads a file [`Encoder`] wrote; `None` once anything does not fit.
struct Decoder {
    bytes: OwnedBytes,
    at: usize,
}

impl Decoder {
    fn new(bytes: OwnedBytes) -> Option<Decoder> {
        let mut d = Decoder { bytes, at: 0 };
        let magic = d.take(4)?;
        (magic.as_slice() == MAGIC && d.word()? == VERSION).then_some(d)
    }

    fn take(&mut self, n: usize) -> Option<OwnedBytes> {
        let end = self.at.checked_add(n)?;
        if end > self.bytes.len() {
            return None;
        }
        let out = self.bytes.slice(self.at..end);
        self.at = end.next_multiple_of(4);
        Some(out)
    }

    fn word(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        let b = b.as_slice();
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn words(&mut self) -> Option<U32s> {
        let n = self.word()? as usize;
        Some(U32s::of_bytes(self.take(n.checked_mul(4)?)?))
    }

    fn bytes(&mut self) -> Option<OwnedBytes> {
        let n = self.word()? as usize;
        self.take(n)
    }

    fn strs(&mut self) -> Option<Strs> {
        let offsets = self.words()?;
        let blob = self.bytes()?;
        Strs::checked(offsets, blob)
    }
}

fn table_file(id: SegmentId) -> String {
    format!("{}.{TABLE_EXT}", id.uuid_string())
}

/// The view file of a generation: named by its segments, so that any reader of the
/// same segments finds it.
fn view_file(ids: &[SegmentId]) -> String {
    let mut key = Vec::with_capacity(ids.len() * 33);
    for id in ids {
        key.extend_from_slice(id.uuid_string().as_bytes());
        key.push(b'\n');
    }
    format!("{:016x}.{VIEW_EXT}", xxh3_64(&key))
}

fn sorted_ids(searcher: &Searcher) -> Vec<SegmentId> {
    let mut ids: Vec<SegmentId> = searcher
        .segment_readers()
        .iter()
        .map(SegmentReader::segment_id)
        .collect();
    ids.sort_unstable();
    ids
}

fn encode_table(table: &SegmentTable, docs: &DocArrays, max_doc: u32) -> Vec<u8> {
    let mut e = Encoder::new();
    e.word(max_doc);
    for labels in &table.labels {
        e.strs(labels);
    }
    e.strs(&table.roots);
    e.words(&table.place_root);
    let (has, lo, hi) = docs.day_range.map_or((0, 0, 0), |(lo, hi)| (1, lo, hi));
    e.words(&[has, lo as u32, hi as u32]);
    e.words(&docs.starts);
    e.words(&docs.days);
    e.words(&docs.data);
    e.0
}

/// The number of facet labels of each field in a segment, as its dictionaries have them.
fn label_counts(reader: &SegmentReader) -> [usize; 4] {
    FIELDS.map(|f| {
        reader
            .facet_reader(f)
            .map_or(0, |r| r.facet_dict().num_terms())
    })
}

fn decode_table(bytes: OwnedBytes, reader: &SegmentReader) -> Option<SegmentTable> {
    let mut d = Decoder::new(bytes)?;
    if d.word()? != reader.max_doc() {
        return None;
    }
    let mut labels: [Strs; 4] = Default::default();
    for (slot, want) in labels.iter_mut().zip(label_counts(reader)) {
        *slot = d.strs()?;
        if slot.len() != want {
            return None;
        }
    }
    let roots = d.strs()?;
    let place_root = d.words()?;
    let range = d.words()?;
    let day_range = match *range {
        [1, lo, hi] => Some((lo as i32, hi as i32)),
        [0, _, _] => None,
        _ => return None,
    };
    let starts = d.words()?;
    let days = d.words()?;
    let data = d.words()?;
    let max = reader.max_doc() as usize;
    if starts.len() != max + 1 || days.len() != max || place_root.len() != labels[1].len() {
        return None;
    }
    let docs = Arc::new(DocArrays {
        starts,
        days,
        data,
        day_range,
    });
    Some(SegmentTable {
        labels,
        roots,
        place_root,
        from_file: true,
        docs: OnceLock::from(docs),
    })
}

fn encode_view(view: &View, ids: &[SegmentId]) -> Option<Vec<u8>> {
    let mut e = Encoder::new();
    e.word(ids.len() as u32);
    for id in ids {
        e.bytes(id.uuid_string().as_bytes());
    }
    for labels in &view.labels {
        e.strs(labels);
    }
    for id in ids {
        for map in &view.segments.get(id)?.to_global {
            e.words(map);
        }
    }
    Some(e.0)
}

fn decode_view(bytes: OwnedBytes, ids: &[SegmentId], tables: &[Arc<SegmentTable>]) -> Option<View> {
    let mut d = Decoder::new(bytes)?;
    if d.word()? as usize != ids.len() {
        return None;
    }
    for id in ids {
        if d.bytes()?.as_slice() != id.uuid_string().as_bytes() {
            return None;
        }
    }
    let mut labels: [Strs; 4] = Default::default();
    for slot in labels.iter_mut() {
        *slot = d.strs()?;
    }
    let mut segments = std::collections::HashMap::with_capacity(ids.len());
    for (id, table) in ids.iter().zip(tables) {
        let mut to_global: [U32s; 4] = Default::default();
        for (f, slot) in to_global.iter_mut().enumerate() {
            *slot = d.words()?;
            if slot.len() != table.labels[f].len() {
                return None;
            }
        }
        let table = table.clone();
        segments.insert(*id, Arc::new(SegmentView { table, to_global }));
    }
    Some(View {
        from_file: true,
        ..View::new(labels, segments)
    })
}

/// The files of one index directory.
pub struct Store {
    dir: MmapDirectory,
}

impl Store {
    /// The tables beside the index in `path`.
    pub fn open(path: &Path) -> Option<Store> {
        MmapDirectory::open(path).ok().map(|dir| Store { dir })
    }

    fn read(&self, name: &str) -> Option<OwnedBytes> {
        let file = self.dir.open_read(Path::new(name)).ok()?;
        file.read_bytes().ok()
    }

    /// A segment's table from its file, if there is one that fits.
    pub(super) fn table(&self, reader: &SegmentReader) -> Option<SegmentTable> {
        decode_table(self.read(&table_file(reader.segment_id()))?, reader)
    }

    /// A generation's view from its file, if there is one that fits the tables.
    pub(super) fn view(&self, searcher: &Searcher, index: &FacetIndex) -> Option<View> {
        let ids = sorted_ids(searcher);
        let bytes = self.read(&view_file(&ids))?;
        let readers = searcher.segment_readers();
        let tables: Vec<Arc<SegmentTable>> = ids
            .iter()
            .map(|id| {
                let r = readers.iter().find(|r| r.segment_id() == *id)?;
                Some(index.table(r))
            })
            .collect::<Option<_>>()?;
        decode_view(bytes, &ids, &tables)
    }
}

/// Writes the tables of a searcher's segments that have no file that fits, and its
/// view if it has none, and removes the files of segments no longer in it. `facets`
/// reads the files of `path`: what it reads from them is not written again.
pub(in crate::search) fn write_missing(
    searcher: &Searcher,
    facets: &FacetIndex,
    path: &Path,
) -> anyhow::Result<()> {
    use anyhow::Context;
    use rayon::prelude::*;
    let store = facets
        .store
        .as_ref()
        .context("internal error: facet tables without their directory")?;
    let write = |name: &str, bytes: &[u8]| {
        store
            .dir
            .atomic_write(Path::new(name), bytes)
            .with_context(|| format!("cannot write {}", path.join(name).display()))
    };
    searcher
        .segment_readers()
        .par_iter()
        .try_for_each(|r| -> anyhow::Result<()> {
            let table = facets.table(r);
            if table.from_file {
                return Ok(());
            }
            let docs = table.docs(r);
            write(
                &table_file(r.segment_id()),
                &encode_table(&table, &docs, r.max_doc()),
            )
        })?;
    let ids = sorted_ids(searcher);
    let name = view_file(&ids);
    let view = facets.view(searcher);
    if !view.from_file {
        if let Some(bytes) = encode_view(&view, &ids) {
            write(&name, &bytes)?;
        }
    }
    remove_stale(path, &ids, &name);
    Ok(())
}

/// Removes table files of segments not in `ids`, and view files other than `keep`.
fn remove_stale(path: &Path, ids: &[SegmentId], keep: &str) {
    let live: HashSet<String> = ids.iter().map(|&id| table_file(id)).collect();
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let stale = match name.rsplit_once('.') {
            Some((_, TABLE_EXT)) => !live.contains(name),
            Some((_, VIEW_EXT)) => name != keep,
            _ => false,
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(words: &[u32]) -> OwnedBytes {
        OwnedBytes::new(
            words
                .iter()
                .flat_map(|w| w.to_le_bytes())
                .collect::<Vec<u8>>(),
        )
    }

    #[test]
    fn strings_round_trip_and_bad_offsets_are_refused() {
        let s = Strs::from_strings(["", "/Asia/Japan/Tōkyō", "/Europe", "/Europe/Ukraine"]);
        let mut e = Encoder::new();
        e.strs(&s);
        e.words(&[7, 8]);
        let mut d = Decoder::new(OwnedBytes::new(e.0)).unwrap();
        let back = d.strs().unwrap();
        assert_eq!(
            back.iter().collect::<Vec<_>>(),
            s.iter().collect::<Vec<_>>()
        );
        assert_eq!(back.binary_search("/Europe/Ukraine"), Ok(3));
        assert_eq!(back.binary_search("/Asia"), Err(1));
        assert_eq!(&*d.words().unwrap(), &[7, 8]);
        assert!(d.word().is_none(), "nothing after the end");

        let blob = OwnedBytes::new("Tōkyō".as_bytes().to_vec());
        assert!(Strs::checked(U32s::of_bytes(bytes(&[0, 2])), blob.clone()).is_none());
        assert!(Strs::checked(U32s::of_bytes(bytes(&[0, 3, 1])), blob.clone()).is_none());
        assert!(Strs::checked(U32s::of_bytes(bytes(&[0, 99])), blob.clone()).is_none());
        assert!(Strs::checked(U32s::of_bytes(bytes(&[0, 3, 7])), blob).is_some());
    }

    #[test]
    fn a_file_cut_short_or_of_another_version_is_not_read() {
        let mut e = Encoder::new();
        e.words(&[1, 2, 3]);
        let whole = e.0.clone();
        let mut d = Decoder::new(OwnedBytes::new(whole[..whole.len() - 4].to_vec())).unwrap();
        assert!(d.words().is_none());
        let mut other = whole.clone();
        other[4] = 99;
        assert!(Decoder::new(OwnedBytes::new(other)).is_none());
        assert!(Decoder::new(OwnedBytes::new(b"NDX".to_vec())).is_none());
    }

    #[test]
    fn misaligned_words_are_copied() {
        let raw: Vec<u8> = [0u8].into_iter().chain(5u32.to_le_bytes()).collect();
        let w = U32s::of_bytes(OwnedBytes::new(raw).slice(1..5));
        assert_eq!(&*w, &[5]);
    }
}
