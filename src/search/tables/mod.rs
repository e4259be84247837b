//! Per-segment facet tables and per-generation views, what facet counting reads.
//!
//! tantivy's `FacetCollector` resolves every collected ordinal through the term
//! dictionary, where each block read sets up a zstd decompressor (~0.7 s a query on a
//! million articles); reading the fast-field columns for every match came next in the
//! profile, then hashing label strings to merge segments. So:
//! - each segment's facet labels, and the ordinals and day of each of its documents,
//!   are copied once into flat arrays ([`SegmentTable`]; segments never change); a
//!   record also carries its article's distinct continents, so top-level place counts
//!   do not walk every place;
//! - each searcher generation gets one [`View`] that maps every segment's ordinals to
//!   global ids (labels sorted, so id order is path order).
//!
//! Both are written beside the index at the end of an ingest and mapped from there
//! when present ([`store`]).
//!
//! [`FacetIndex`] is a tantivy [`Warmer`]: a server registers it so that the tables
//! of a new commit are built before its searcher is published, and dropped with it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::index::SegmentId;
use tantivy::{Searcher, SearcherGeneration, SegmentReader, Warmer};

use crate::schema::DATE_FAST_FIELD;

pub mod store;
use store::{Store, Strs, U32s};

/// The facet fields counted, in this order (indices below).
pub use crate::schema::FACET_FIELDS as FIELDS;
pub const SPEAKER: usize = 0;
pub const PLACE: usize = 1;
pub const SOURCE: usize = 2;
pub const LANG: usize = 3;

pub(super) const SECS_PER_DAY: i64 = 86_400;
/// Not under the place filter.
pub(super) const NONE: u32 = u32::MAX;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a segment's documents carry, read once from its columns, one record per
/// document in one array so that counting a match touches few cache lines.
pub(super) struct DocArrays {
    /// Per document: where its record starts in `data`; one more at the end.
    pub(super) starts: U32s,
    /// Per document: its day as in its record, apart so that counting days reads
    /// a small array instead of every record.
    pub(super) days: U32s,
    /// Records: day (days after the segment's first, [`NONE`]: undated), source
    /// ordinal ([`NONE`]: none), language ordinal ([`NONE`]: none), number of speakers, number of top-level places,
    /// speaker ordinals, the document's distinct top-level places (indices in the
    /// segment's `roots`: counted without going through every place), place ordinals.
    pub(super) data: U32s,
    /// Smallest and largest day (since the epoch), if any document has one.
    pub(super) day_range: Option<(i32, i32)>,
}

/// One document's record in [`DocArrays::data`], in its parts.
pub(super) struct Record<'a> {
    /// Days after the segment's first ([`NONE`]: undated).
    pub(super) day: u32,
    /// Source and language ordinals ([`NONE`]: none).
    pub(super) source: u32,
    pub(super) lang: u32,
    pub(super) speakers: &'a [u32],
    /// The document's distinct top-level places (indices in the segment's roots).
    pub(super) roots: &'a [u32],
    pub(super) places: &'a [u32],
}

impl<'a> Record<'a> {
    pub(super) fn parse(words: &'a [u32]) -> Option<Record<'a>> {
        let ([day, source, lang, n_speakers, n_roots], rest) = words.split_first_chunk::<5>()?;
        let (speakers, rest) = rest.split_at(rest.len().min(*n_speakers as usize));
        let (roots, places) = rest.split_at(rest.len().min(*n_roots as usize));
        Some(Record {
            day: *day,
            source: *source,
            lang: *lang,
            speakers,
            roots,
            places,
        })
    }
}

impl DocArrays {
    /// The record of a document of the segment.
    pub(super) fn record(&self, doc: u32) -> Option<Record<'_>> {
        let d = doc as usize;
        let (&a, &e) = (self.starts.get(d)?, self.starts.get(d + 1)?);
        Record::parse(self.data.get(a as usize..e as usize)?)
    }

    /// The records (`starts`, `data`) with each one's speakers replaced by what
    /// `speakers` pushes for them, given its day and speakers; a record too short to
    /// parse is kept as it is.
    pub(super) fn with_speakers(
        &self,
        mut speakers: impl FnMut(u32, &[u32], &mut Vec<u32>),
    ) -> (Vec<u32>, Vec<u32>) {
        let n = self.starts.len().saturating_sub(1);
        let mut starts = Vec::with_capacity(n + 1);
        let mut data = Vec::with_capacity(self.data.len());
        for d in 0..n {
            starts.push(data.len() as u32);
            let (a, e) = (self.starts[d] as usize, self.starts[d + 1] as usize);
            let words = self.data.get(a..e).unwrap_or_default();
            let Some(r) = Record::parse(words) else {
                data.extend_from_slice(words);
                continue;
            };
            data.extend_from_slice(&[r.day, r.source, r.lang, 0, r.roots.len() as u32]);
            let at = data.len();
            speakers(r.day, r.speakers, &mut data);
            data[at - 2] = (data.len() - at) as u32;
            data.extend_from_slice(r.roots);
            data.extend_from_slice(r.places);
        }
        starts.push(data.len() as u32);
        (starts, data)
    }
}

/// One segment's facet labels, and (on first need) its documents' ordinals and days.
pub struct SegmentTable {
    /// Facet paths by column ordinal, per field.
    pub(super) labels: [Strs; 4],
    /// The top-level place paths (continents) of the segment, sorted.
    roots: Strs,
    /// Place ordinal -> index in `roots`.
    place_root: U32s,
    /// Read from the file beside the index (else built from the segment).
    from_file: bool,
    docs: OnceLock<Arc<DocArrays>>,
}

impl SegmentTable {
    fn read_labels(reader: &SegmentReader) -> SegmentTable {
        let mut labels: [Vec<String>; 4] = Default::default();
        for (slot, name) in labels.iter_mut().zip(FIELDS) {
            let Ok(facets) = reader.facet_reader(name) else {
                continue;
            };
            let Ok(mut stream) = facets.facet_dict().stream() else {
                continue;
            };
            while stream.advance() {
                let label = std::str::from_utf8(stream.key())
                    .map(crate::search::stored::facet_path)
                    .unwrap_or_default();
                slot.push(label);
            }
        }
        let roots = Strs::from_strings(
            labels[PLACE]
                .iter()
                .filter_map(|l| child_under(l, "/"))
                .collect::<BTreeSet<_>>(),
        );
        let place_root: Vec<u32> = labels[PLACE]
            .iter()
            .map(|l| {
                child_under(l, "/")
                    .and_then(|r| roots.binary_search(r).ok())
                    .map_or(NONE, |i| i as u32)
            })
            .collect();
        SegmentTable {
            labels: labels.map(Strs::from_strings),
            roots,
            place_root: place_root.into(),
            from_file: false,
            docs: OnceLock::new(),
        }
    }

    pub(super) fn docs(&self, reader: &SegmentReader) -> Arc<DocArrays> {
        self.docs
            .get_or_init(|| Arc::new(read_docs(reader, &self.place_root)))
            .clone()
    }
}

fn read_docs(reader: &SegmentReader, place_root: &[u32]) -> DocArrays {
    let max = reader.max_doc();
    let column = reader.fast_fields().date(DATE_FAST_FIELD).ok();
    let days: Vec<Option<i32>> = (0..max)
        .map(|doc| {
            let d = column.as_ref()?.first(doc)?;
            let day = d.into_timestamp_secs().div_euclid(SECS_PER_DAY);
            Some(day.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
        })
        .collect();
    let day_range = days
        .iter()
        .flatten()
        .fold(None, |r: Option<(i32, i32)>, &d| {
            Some(r.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
        });
    let first = day_range.map_or(0, |r| r.0) as i64;
    let [speakers, places, sources, langs] = FIELDS.map(|f| reader.facet_reader(f).ok());
    let mut starts = Vec::with_capacity(max as usize + 1);
    let mut day_column = Vec::with_capacity(max as usize);
    let mut data = Vec::with_capacity(max as usize * 4);
    let mut ords: Vec<u32> = Vec::new();
    for (doc, day) in (0..max).zip(days) {
        starts.push(data.len() as u32);
        let day = day.map_or(NONE, |d| (d as i64 - first) as u32);
        day_column.push(day);
        data.push(day);
        let source = sources.as_ref().and_then(|s| s.facet_ords(doc).next());
        data.push(source.map_or(NONE, |o| o as u32));
        let lang = langs.as_ref().and_then(|l| l.facet_ords(doc).next());
        data.push(lang.map_or(NONE, |o| o as u32));
        let n_at = data.len();
        data.extend([0, 0]);
        if let Some(s) = &speakers {
            data.extend(s.facet_ords(doc).map(|o| o as u32));
        }
        data[n_at] = (data.len() - n_at - 2) as u32;
        ords.clear();
        if let Some(p) = &places {
            ords.extend(p.facet_ords(doc).map(|o| o as u32));
        }
        let roots_at = data.len();
        for &o in &ords {
            let r = place_root.get(o as usize).copied().unwrap_or(NONE);
            if r != NONE && !data[roots_at..].contains(&r) {
                data.push(r);
            }
        }
        data[n_at + 1] = (data.len() - roots_at) as u32;
        data.extend_from_slice(&ords);
    }
    starts.push(data.len() as u32);
    data.shrink_to_fit();
    DocArrays {
        starts: starts.into(),
        days: day_column.into(),
        data: data.into(),
        day_range,
    }
}

/// A segment in a [`View`]: its table and the global id of each of its ordinals.
pub struct SegmentView {
    pub(super) table: Arc<SegmentTable>,
    pub(super) to_global: [U32s; 4],
}

/// The facet labels of one searcher generation, with global ids.
#[derive(Default)]
pub struct View {
    /// Distinct facet paths of all segments, sorted, per field.
    pub labels: [Strs; 4],
    pub(super) segments: HashMap<SegmentId, Arc<SegmentView>>,
    /// Place counts grouping, by parent path (most recent first few kept).
    children: Mutex<HashMap<String, Arc<Children>>>,
    /// Read from the file beside the index (else built from the tables).
    from_file: bool,
}

/// The children of a place filter: which child each place lies under.
pub struct Children {
    pub(super) of_segment: HashMap<SegmentId, Arc<SegmentChildren>>,
    /// Child paths, sorted.
    pub paths: Strs,
}

/// Which child of the parent a segment's places lie under ([`NONE`]: not under it).
#[derive(Default)]
pub(super) struct SegmentChildren {
    /// By place ordinal.
    pub(super) of_place: Vec<u32>,
    /// By top-level place (index in the segment's roots), when the parent is the top.
    pub(super) of_root: Option<Vec<u32>>,
}

/// How many searcher generations' views are kept when no warmer collects them.
const MAX_VIEWS: usize = 4;

/// How many place parents a view keeps groupings for.
const MAX_PARENTS: usize = 256;

impl View {
    fn new(labels: [Strs; 4], segments: HashMap<SegmentId, Arc<SegmentView>>) -> View {
        View {
            labels,
            segments,
            children: Mutex::new(HashMap::new()),
            from_file: false,
        }
    }

    /// The view of one segment of the searcher this view was built for.
    pub(super) fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentView>> {
        self.segments
            .get(&reader.segment_id())
            .cloned()
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError("facet view built for another searcher".into())
            })
    }

    /// Calls `f` with every facet path of a field and each of their ancestors
    /// (`/Europe`, `/Europe/Ukraine`, ...), as the inverted index holds them.
    pub fn for_each_path(&self, field: usize, f: &mut dyn FnMut(&str)) {
        for label in self.labels[field].iter() {
            for (i, _) in label.match_indices('/').skip(1) {
                f(&label[..i]);
            }
            f(label);
        }
    }

    /// The children of `parent` ("/" for the top level) that places are counted under.
    pub fn children(&self, parent: &str) -> Arc<Children> {
        if let Some(c) = lock(&self.children).get(parent) {
            return c.clone();
        }
        let child_of: Vec<Option<&str>> = self.labels[PLACE]
            .iter()
            .map(|l| child_under(l, parent))
            .collect();
        let paths = Strs::from_strings(child_of.iter().flatten().collect::<BTreeSet<_>>());
        let index: HashMap<&str, u32> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p, i as u32))
            .collect();
        let of_place: Vec<u32> = child_of
            .iter()
            .map(|c| c.and_then(|c| index.get(c).copied()).unwrap_or(NONE))
            .collect();
        let of_segment = self
            .segments
            .iter()
            .map(|(id, seg)| {
                let of_place = seg.to_global[PLACE]
                    .iter()
                    .map(|&g| of_place.get(g as usize).copied().unwrap_or(NONE))
                    .collect();
                let of_root = (parent == "/").then(|| {
                    seg.table
                        .roots
                        .iter()
                        .map(|r| index.get(r).copied().unwrap_or(NONE))
                        .collect()
                });
                (*id, Arc::new(SegmentChildren { of_place, of_root }))
            })
            .collect();
        let children = Arc::new(Children { of_segment, paths });
        let mut cache = lock(&self.children);
        if cache.len() >= MAX_PARENTS {
            cache.clear();
        }
        cache.insert(parent.to_string(), children.clone());
        children
    }
}

/// Segment tables and generation views, shared by the searches of one index.
#[derive(Default)]
pub struct FacetIndex {
    tables: Mutex<HashMap<SegmentId, Arc<SegmentTable>>>,
    views: Mutex<HashMap<u64, Arc<View>>>,
    /// The tables written beside the index, if it is on disk.
    store: Option<Store>,
}

impl FacetIndex {
    pub fn with_store(store: Option<Store>) -> FacetIndex {
        FacetIndex {
            store,
            ..FacetIndex::default()
        }
    }

    fn table(&self, reader: &SegmentReader) -> Arc<SegmentTable> {
        let id = reader.segment_id();
        if let Some(t) = lock(&self.tables).get(&id) {
            return t.clone();
        }
        let stored = self.store.as_ref().and_then(|s| s.table(reader));
        let table = Arc::new(stored.unwrap_or_else(|| SegmentTable::read_labels(reader)));
        lock(&self.tables).entry(id).or_insert(table).clone()
    }

    /// The view of the segments of a searcher, from the global labels of their tables.
    fn build_view(&self, searcher: &Searcher) -> View {
        let tables: Vec<(SegmentId, Arc<SegmentTable>)> = searcher
            .segment_readers()
            .iter()
            .map(|r| (r.segment_id(), self.table(r)))
            .collect();
        let labels: [Strs; 4] = std::array::from_fn(|f| {
            Strs::from_strings(
                tables
                    .iter()
                    .flat_map(|(_, t)| t.labels[f].iter())
                    .collect::<BTreeSet<&str>>(),
            )
        });
        let ids: [HashMap<&str, u32>; 4] = std::array::from_fn(|f| {
            labels[f]
                .iter()
                .enumerate()
                .map(|(i, l)| (l, i as u32))
                .collect()
        });
        let segments = tables
            .into_iter()
            .map(|(id, table)| {
                let to_global = std::array::from_fn(|f| {
                    let map: Vec<u32> = table.labels[f]
                        .iter()
                        .map(|l| ids[f].get(l).copied().unwrap_or(NONE))
                        .collect();
                    U32s::from(map)
                });
                (id, Arc::new(SegmentView { table, to_global }))
            })
            .collect();
        View::new(labels, segments)
    }

    /// The view of a searcher's generation, read from its file or built on first use.
    pub fn view(&self, searcher: &Searcher) -> Arc<View> {
        let generation = searcher.generation().generation_id();
        if let Some(v) = lock(&self.views).get(&generation) {
            return v.clone();
        }
        let stored = self.store.as_ref().and_then(|s| s.view(searcher, self));
        let view = Arc::new(stored.unwrap_or_else(|| self.build_view(searcher)));
        let mut views = lock(&self.views);
        views.insert(generation, view.clone());
        // Without a warmer (one-shot searches) nothing else forgets old generations:
        // keep the latest few, and the tables their segments use.
        if views.len() > MAX_VIEWS {
            let mut ids: Vec<u64> = views.keys().copied().collect();
            ids.sort_unstable();
            for old in &ids[..ids.len() - MAX_VIEWS] {
                views.remove(old);
            }
            let live: HashSet<SegmentId> = views
                .values()
                .flat_map(|v| v.segments.keys().copied())
                .collect();
            lock(&self.tables).retain(|id, _| live.contains(id));
        }
        view
    }
}

impl Warmer for FacetIndex {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        use rayon::prelude::*;
        self.view(searcher);
        searcher.segment_readers().par_iter().for_each(|reader| {
            self.table(reader).docs(reader);
        });
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        let generations: HashSet<u64> = live.iter().map(|g| g.generation_id()).collect();
        lock(&self.views).retain(|g, _| generations.contains(g));
        let segments: HashSet<SegmentId> = live
            .iter()
            .flat_map(|g| g.segments().keys().copied())
            .collect();
        lock(&self.tables).retain(|id, _| segments.contains(id));
    }
}

/// The child of `parent` that `path` lies under ("/Europe/Ukraine" under "/Europe"
/// for "/Europe/Ukraine/Kyiv City/Kyiv"), if any.
pub fn child_under<'a>(path: &'a str, parent: &str) -> Option<&'a str> {
    let rest = if parent == "/" {
        path.strip_prefix('/')?
    } else {
        path.strip_prefix(parent)?.strip_prefix('/')?
    };
    let end = rest
        .find('/')
        .map_or(path.len(), |i| path.len() - rest.len() + i);
    (!rest.is_empty()).then(|| &path[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_under_a_parent() {
        assert_eq!(
            child_under("/Europe/Ukraine/Kyiv City/Kyiv", "/"),
            Some("/Europe")
        );
        assert_eq!(
            child_under("/Europe/Ukraine/Kyiv City/Kyiv", "/Europe"),
            Some("/Europe/Ukraine")
        );
        assert_eq!(child_under("/Europe/Ukraine", "/Europe/Ukraine"), None);
        assert_eq!(child_under("/Europe/Ukrainex", "/Europe/Ukraine"), None);
        assert_eq!(child_under("/Asia", "/Europe"), None);
    }
}
