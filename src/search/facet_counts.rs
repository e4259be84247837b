//! Facet counts and per-day counts over a whole result set, fast on large ones: a
//! collector over the [`super::tables`] records that counts into dense arrays by
//! global id and looks labels up for the top values only. Matches are counted in
//! batches whose records are loaded first (a record is usually a cache miss: the CPU
//! then waits once per batch rather than once per match).

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::tables::{
    Children, DocArrays, SegmentChildren, SegmentView, View, LANG, NONE, SOURCE, SPEAKER,
};

/// Collects the number of matches, speaker, place (children of a parent) and source
/// counts, and matches per day, without scoring.
pub struct Aggregate {
    pub view: Arc<View>,
    pub children: Arc<Children>,
}

pub struct SegmentAggregate {
    segment: Arc<SegmentView>,
    docs: Arc<DocArrays>,
    /// Place ordinal (or top-level place) -> child index.
    place_child: Arc<SegmentChildren>,
    /// Matches not counted yet (see [`BATCH`]).
    pending: Vec<DocId>,
    /// Speaker, source and language counts by segment ordinal.
    speakers: Vec<u32>,
    sources: Vec<u32>,
    langs: Vec<u32>,
    /// Place counts by child index.
    places: Vec<u32>,
    /// Per child, the last document counted.
    last_doc: Vec<DocId>,
    first_day: i32,
    days: Vec<u32>,
    undated: u64,
    total: u64,
}

/// What one segment counted.
pub struct SegmentCounts {
    total: u64,
    /// (global id, count) of the speakers, sources and languages seen.
    speakers: Vec<(u32, u32)>,
    sources: Vec<(u32, u32)>,
    langs: Vec<(u32, u32)>,
    places: Vec<u32>,
    first_day: i32,
    days: Vec<u32>,
    undated: u64,
}

/// The counts of a whole result set.
pub struct Counts {
    pub total: u64,
    /// By global id.
    pub speakers: Vec<u32>,
    pub sources: Vec<u32>,
    pub langs: Vec<u32>,
    /// By child index of the place parent.
    pub places: Vec<u32>,
    pub days: super::histogram::DayCountsFruit,
}

impl Collector for Aggregate {
    type Fruit = Counts;
    type Child = SegmentAggregate;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let segment = self.view.segment(reader)?;
        let docs = segment.table.docs(reader);
        let (first_day, span) = match docs.day_range {
            Some((lo, hi)) => (lo, (hi as i64 - lo as i64 + 1).clamp(0, 200_000) as usize),
            None => (0, 0),
        };
        Ok(SegmentAggregate {
            speakers: vec![0; segment.table.labels[SPEAKER].len()],
            sources: vec![0; segment.table.labels[SOURCE].len()],
            langs: vec![0; segment.table.labels[LANG].len()],
            places: vec![0; self.children.paths.len()],
            last_doc: vec![DocId::MAX; self.children.paths.len()],
            docs,
            segment,
            place_child: self
                .children
                .of_segment
                .get(&reader.segment_id())
                .cloned()
                .unwrap_or_default(),
            pending: Vec::with_capacity(BATCH),
            first_day,
            days: vec![0; span],
            undated: 0,
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Counts> {
        let mut out = Counts {
            total: 0,
            speakers: vec![0; self.view.labels[SPEAKER].len()],
            sources: vec![0; self.view.labels[SOURCE].len()],
            langs: vec![0; self.view.labels[LANG].len()],
            places: vec![0; self.children.paths.len()],
            days: Default::default(),
        };
        let dated = fruits.iter().filter(|f| !f.days.is_empty());
        let first = dated.clone().map(|f| f.first_day).min();
        let last = dated
            .map(|f| f.first_day as i64 + f.days.len() as i64 - 1)
            .max();
        if let (Some(first), Some(last)) = (first, last) {
            out.days.first_day = first as i64;
            out.days.counts = vec![0; (last - first as i64 + 1).max(0) as usize];
        }
        for f in fruits {
            out.total += f.total;
            out.days.undated += f.undated;
            for (dense, sparse) in [
                (&mut out.speakers, f.speakers),
                (&mut out.sources, f.sources),
                (&mut out.langs, f.langs),
            ] {
                for (id, n) in sparse {
                    if let Some(c) = dense.get_mut(id as usize) {
                        *c += n;
                    }
                }
            }
            for (total, n) in out.places.iter_mut().zip(f.places) {
                *total += n;
            }
            let offset = (f.first_day as i64 - out.days.first_day).max(0) as usize;
            for (i, n) in f.days.into_iter().enumerate() {
                if let Some(c) = out.days.counts.get_mut(offset + i) {
                    *c += n as u64;
                }
            }
        }
        Ok(out)
    }
}

/// Matches counted together: their records are loaded first, all at once, so that the
/// CPU waits for memory once per batch rather than once per match (a match's record is
/// usually not in cache: matches lie far apart in a large segment).
const BATCH: usize = 64;

impl SegmentAggregate {
    fn flush(&mut self) {
        let docs = self.docs.clone();
        // Independent loads the CPU overlaps: where each record is, then its first word.
        let mut bounds = [(0usize, 0usize); BATCH];
        let n = self.pending.len();
        for (b, &doc) in bounds.iter_mut().zip(&self.pending) {
            let d = doc as usize;
            if let (Some(&a), Some(&e)) = (docs.starts.get(d), docs.starts.get(d + 1)) {
                *b = (a as usize, e as usize);
            }
        }
        let mut touched = 0u32;
        for &(a, _) in &bounds[..n] {
            touched ^= docs.data.get(a).copied().unwrap_or(0);
        }
        std::hint::black_box(touched);
        let pending = std::mem::take(&mut self.pending);
        for (&(a, e), &doc) in bounds.iter().zip(&pending) {
            self.count(doc, docs.data.get(a..e).unwrap_or_default());
        }
        self.pending = pending;
        self.total += n as u64;
        self.pending.clear();
    }

    /// Counts one match from its record (see [`DocArrays`]).
    fn count(&mut self, doc: DocId, record: &[u32]) {
        let Some(([day, source, lang, n_speakers, n_roots], rest)) =
            record.split_first_chunk::<5>()
        else {
            self.undated += 1;
            return;
        };
        let (speakers, rest) = rest.split_at(rest.len().min(*n_speakers as usize));
        let (roots, places) = rest.split_at(rest.len().min(*n_roots as usize));
        match self.days.get_mut(*day as usize) {
            Some(c) => *c += 1,
            None => self.undated += 1,
        }
        if let Some(c) = self.sources.get_mut(*source as usize) {
            *c += 1;
        }
        if let Some(c) = self.langs.get_mut(*lang as usize) {
            *c += 1;
        }
        for &o in speakers {
            if let Some(c) = self.speakers.get_mut(o as usize) {
                *c += 1;
            }
        }
        // At the top level: the document's distinct continents.
        if let Some(of_root) = &self.place_child.of_root {
            for &r in roots {
                if let Some(c) = of_root
                    .get(r as usize)
                    .and_then(|&c| self.places.get_mut(c as usize))
                {
                    *c += 1;
                }
            }
            return;
        }
        // A document counts once per child, however many of its places lie under it:
        // `last_doc` remembers the last document counted for each child.
        let of_place = &self.place_child.of_place;
        for &o in places {
            let child = of_place.get(o as usize).copied().unwrap_or(NONE) as usize;
            if let (Some(c), Some(last)) =
                (self.places.get_mut(child), self.last_doc.get_mut(child))
            {
                if *last != doc {
                    *last = doc;
                    *c += 1;
                }
            }
        }
    }
}

impl SegmentCollector for SegmentAggregate {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == BATCH {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(mut self) -> SegmentCounts {
        self.flush();
        let sparse = |counts: &[u32], field: usize| -> Vec<(u32, u32)> {
            let to_global = &self.segment.to_global[field];
            counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(o, &n)| Some((*to_global.get(o)?, n)))
                .collect()
        };
        SegmentCounts {
            total: self.total,
            speakers: sparse(&self.speakers, SPEAKER),
            sources: sparse(&self.sources, SOURCE),
            langs: sparse(&self.langs, LANG),
            places: self.places,
            first_day: self.first_day,
            days: self.days,
            undated: self.undated,
        }
    }
}
