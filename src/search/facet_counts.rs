//! Facet counts and per-day counts over a whole result set, fast on large ones: a
//! collector over the [`super::tables`] records that counts into dense arrays by
//! global id and looks labels up for the top values only. Matches are counted in
//! batches whose records are loaded first (a record is usually a cache miss: the CPU
//! then waits once per batch rather than once per match).
//!
//! The number of matches and the days are counted exactly: a match whose facets are
//! counted has its day in its record, the others' days come from a small
//! per-document day column. Facets are counted exactly for the first [`Aggregate::exact_up_to`]
//! matches (each segment its share, by size); past that, from one match in [`SAMPLE`] (chosen by a hash of
//! the document number), each counting [`SAMPLE`] times: an unbiased estimate whose
//! error for a value counted `n` times is about `sqrt(SAMPLE * n)`, small beside `n`
//! for the top values a user sees, and a large result set costs an eighth of the
//! record reads (its records are most of a search's time at a million articles).
//! [`Counts::exact`] says whether any estimate was made.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::people::{KeyedRecords, PeopleMap, SegmentPeople};
use super::tables::{
    Children, DocArrays, Record, SegmentChildren, SegmentView, View, LANG, NONE, SOURCE, SPEAKER,
};

/// Collects the number of matches, speaker, place (children of a parent) and source
/// counts, and matches per day, without scoring.
pub struct Aggregate {
    pub view: Arc<View>,
    pub children: Arc<Children>,
    /// Matches whose facets are counted exactly before sampling starts
    /// (`u64::MAX`: every match), shared among segments by their size.
    pub exact_up_to: u64,
    /// Documents in the searcher's segments.
    pub num_docs: u64,
    /// Who each speaker entry is: speakers are counted by person, a match once per
    /// person however many of their name forms it has. Without it, by entry.
    pub people: Option<Arc<PeopleMap>>,
}

/// Past [`Aggregate::exact_up_to`], one match in this many has its facets counted.
pub const SAMPLE: u32 = 8;

/// Whether a document is in the sample: the top three bits of a multiplicative
/// (Fibonacci) hash, spread evenly over consecutive numbers.
fn sampled(doc: DocId) -> bool {
    const _: () = assert!(SAMPLE == 8);
    doc.wrapping_mul(0x9E37_79B9) >> 29 == 0
}

pub struct SegmentAggregate {
    segment: Arc<SegmentView>,
    docs: Arc<DocArrays>,
    /// Place ordinal (or top-level place) -> child index.
    place_child: Arc<SegmentChildren>,
    /// Matches not counted yet (see [`BATCH`]).
    pending: Vec<DocId>,
    exact_up_to: u64,
    /// Whether a match's facets were left to the sample.
    sampled: bool,
    /// Speaker counts by segment ordinal, or by person key with `people`; source and
    /// language counts by segment ordinal.
    speakers: Vec<u32>,
    /// Who each of the segment's speaker entries is.
    people: Option<SegmentPeople>,
    /// The segment's records with person keys for speaker ordinals, once made.
    keyed: Option<Arc<KeyedRecords>>,
    /// The speaker ordinals (or keys) counted, so that harvesting reads those only (a
    /// segment has tens of thousands of speakers; a small result set a few).
    touched: Vec<u32>,
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
    sampled: bool,
    /// (global id, count) of the speakers (person keys with people), sources and
    /// languages seen.
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
    /// Whether every match's facets were counted (else they are estimates; the total
    /// and the days are always exact).
    pub exact: bool,
    /// By global id (speakers: by person key when counted by person).
    pub speakers: Vec<u32>,
    pub sources: Vec<u32>,
    pub langs: Vec<u32>,
    /// By child index of the place parent.
    pub places: Vec<u32>,
    pub days: super::histogram::DayCountsFruit,
    /// Whom the speaker keys are, when counted by person.
    pub people: Option<Arc<PeopleMap>>,
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
        let people = self
            .people
            .as_ref()
            .map(|p| p.segment(reader.segment_id(), &segment.to_global[SPEAKER], first_day));
        Ok(SegmentAggregate {
            speakers: zeroed(
                self.people
                    .as_ref()
                    .map_or(segment.table.labels[SPEAKER].len(), |p| p.keys()),
            ),
            keyed: people
                .as_ref()
                .and_then(|p| p.keyed(|| keyed_records(&docs, p))),
            people,
            touched: Vec::new(),
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
            // A segment's share of the exact matches, by its size.
            exact_up_to: match self.exact_up_to {
                u64::MAX => u64::MAX,
                n => (n as u128 * reader.max_doc() as u128 / self.num_docs.max(1) as u128) as u64,
            },
            sampled: false,
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
            exact: fruits.iter().all(|f| !f.sampled),
            speakers: vec![
                0;
                self.people
                    .as_ref()
                    .map_or(self.view.labels[SPEAKER].len(), |p| p.keys())
            ],
            sources: vec![0; self.view.labels[SOURCE].len()],
            langs: vec![0; self.view.labels[LANG].len()],
            places: vec![0; self.children.paths.len()],
            days: Default::default(),
            people: self.people.clone(),
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

/// Count arrays kept for the next search (all zeros), so that a search does not
/// allocate and clear one per segment.
static POOL: std::sync::Mutex<Vec<Vec<u32>>> = std::sync::Mutex::new(Vec::new());
const POOL_SIZE: usize = 16;

/// `n` zeros, from the pool when it has an array.
fn zeroed(n: usize) -> Vec<u32> {
    let pooled = POOL.lock().map(|mut p| p.pop()).unwrap_or(None);
    match pooled {
        Some(mut v) => {
            v.resize(n, 0);
            v
        }
        None => vec![0; n],
    }
}

/// Returns an array whose entries are all zero again to the pool.
fn give_back(v: Vec<u32>) {
    if let Ok(mut p) = POOL.lock() {
        if p.len() < POOL_SIZE {
            p.push(v);
        }
    }
}

/// Matches counted together: their records are loaded first, all at once, so that the
/// CPU waits for memory once per batch rather than once per match (a match's record is
/// usually not in cache: matches lie far apart in a large segment).
const BATCH: usize = 64;

impl SegmentAggregate {
    fn flush(&mut self) {
        let docs = self.docs.clone();
        let pending = std::mem::take(&mut self.pending);
        // The matches whose facets are counted, and how many times each counts; the
        // others' days are read from the day column, theirs from their records.
        let mut chosen = [(0 as DocId, 0u32); BATCH];
        let mut n = 0;
        for (i, &doc) in pending.iter().enumerate() {
            let weight = if self.total + (i as u64) < self.exact_up_to {
                1
            } else if sampled(doc) {
                SAMPLE
            } else {
                self.sampled = true;
                let day = docs.days.get(doc as usize).copied().unwrap_or(NONE);
                self.count_day(day);
                continue;
            };
            chosen[n] = (doc, weight);
            n += 1;
        }
        // Independent loads the CPU overlaps: where each record is, then each of its
        // cache lines (a match that names a score of speakers has a record of several).
        let keyed = self.keyed.clone();
        let (starts, data): (&[u32], &[u32]) = match &keyed {
            Some(k) => (&k.starts, &k.data),
            None => (&docs.starts, &docs.data),
        };
        let mut bounds = [(0usize, 0usize); BATCH];
        for (b, &(doc, _)) in bounds.iter_mut().zip(&chosen[..n]) {
            let d = doc as usize;
            if let (Some(&a), Some(&e)) = (starts.get(d), starts.get(d + 1)) {
                *b = (a as usize, e as usize);
            }
        }
        let mut touched = 0u32;
        for &(a, e) in &bounds[..n] {
            for w in data.get(a..e).unwrap_or_default().iter().step_by(16) {
                touched ^= *w;
            }
        }
        std::hint::black_box(touched);
        for (&(a, e), &(doc, weight)) in bounds.iter().zip(&chosen[..n]) {
            self.count(doc, weight, data.get(a..e).unwrap_or_default());
        }
        self.total += pending.len() as u64;
        self.pending = pending;
        self.pending.clear();
    }

    fn count_day(&mut self, day: u32) {
        match self.days.get_mut(day as usize) {
            Some(c) => *c += 1,
            None => self.undated += 1,
        }
    }

    /// Counts the day and facets of one match from its record (see [`DocArrays`]), `weight`
    /// times.
    fn count(&mut self, doc: DocId, weight: u32, record: &[u32]) {
        let Some(Record {
            day,
            source,
            lang,
            speakers,
            roots,
            places,
        }) = Record::parse(record)
        else {
            self.undated += 1;
            return;
        };
        self.count_day(day);
        if let Some(c) = self.sources.get_mut(source as usize) {
            *c += weight;
        }
        if let Some(c) = self.langs.get_mut(lang as usize) {
            *c += weight;
        }
        match &self.people {
            None => {
                for &o in speakers {
                    if let Some(c) = self.speakers.get_mut(o as usize) {
                        if *c == 0 {
                            self.touched.push(o);
                        }
                        *c += weight;
                    }
                }
            }
            // The records hold the keys already, one per person.
            Some(_) if self.keyed.is_some() => {
                for &key in speakers {
                    if let Some(c) = self.speakers.get_mut(key as usize) {
                        if *c == 0 {
                            self.touched.push(key);
                        }
                        *c += weight;
                    }
                }
            }
            Some(people) => {
                // A match counts once per person, whatever forms of the name it has.
                let (counts, touched) = (&mut self.speakers, &mut self.touched);
                people.keys_of(speakers, day, |key| {
                    if let Some(c) = counts.get_mut(key as usize) {
                        if *c == 0 {
                            touched.push(key);
                        }
                        *c += weight;
                    }
                });
            }
        }
        // At the top level: the document's distinct continents.
        if let Some(of_root) = &self.place_child.of_root {
            for &r in roots {
                if let Some(c) = of_root
                    .get(r as usize)
                    .and_then(|&c| self.places.get_mut(c as usize))
                {
                    *c += weight;
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
                    *c += weight;
                }
            }
        }
    }
}

/// A segment's records with each one's speaker ordinals replaced by the keys
/// [`SegmentPeople::keys_of`] gives (see [`KeyedRecords`]).
fn keyed_records(docs: &DocArrays, people: &SegmentPeople) -> KeyedRecords {
    let (starts, data) =
        docs.with_speakers(|day, speakers, out| people.keys_of(speakers, day, |key| out.push(key)));
    KeyedRecords { starts, data }
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
        let to_global = &self.segment.to_global[SPEAKER];
        let mut speakers = Vec::with_capacity(self.touched.len());
        for &o in &self.touched {
            let Some(n) = self.speakers.get_mut(o as usize) else {
                continue;
            };
            // Person keys are the same in every segment.
            let id = match self.people {
                Some(_) => Some(o),
                None => to_global.get(o as usize).copied(),
            };
            if let Some(id) = id {
                speakers.push((id, *n));
            }
            *n = 0;
        }
        give_back(std::mem::take(&mut self.speakers));
        SegmentCounts {
            total: self.total,
            sampled: self.sampled,
            speakers,
            sources: sparse(&self.sources, SOURCE),
            langs: sparse(&self.langs, LANG),
            places: self.places,
            first_day: self.first_day,
            days: self.days,
            undated: self.undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::people::{Form, Forms, Linked, Person, Registry};
    use crate::search::tables::store::{Strs, U32s};

    #[test]
    fn keyed_records_hold_each_records_people_once_and_the_rest_as_it_was() {
        let form = |name: &str| Form {
            name: name.to_string(),
            years: None,
            undated: false,
            articles: 1,
        };
        let registry = Registry {
            people: vec![Person {
                id: "t".into(),
                name: "Donald Trump".into(),
                forms: vec![form("Donald Trump"), form("Trump")],
                articles: 2,
                first: None,
                last: None,
            }],
        };
        let labels = Strs::from_strings(["/Donald Trump", "/Nobody Known", "/Trump"]);
        let map = Arc::new(PeopleMap::new(
            Arc::new(Forms::new(Linked::of(&registry))),
            &labels,
        ));
        let people = map.segment(
            tantivy::index::SegmentId::generate_random(),
            &U32s::from(vec![0, 1, 2]),
            0,
        );
        // Records: day, source, language, speakers, continents, then the speaker
        // ordinals, continents and places. The second is too short to be a record.
        let records: Vec<Vec<u32>> = vec![
            vec![3, 1, 0, 3, 1, 0, 2, 1, 7, 40, 41],
            vec![9],
            vec![NONE, NONE, NONE, 0, 0],
        ];
        let mut starts = vec![0];
        let mut data = Vec::new();
        for r in &records {
            data.extend_from_slice(r);
            starts.push(data.len() as u32);
        }
        let docs = DocArrays {
            starts: starts.into(),
            days: U32s::from(vec![3, NONE, NONE]),
            data: data.into(),
            day_range: Some((0, 3)),
        };
        let keyed = keyed_records(&docs, &people);
        let record = |d: usize| &keyed.data[keyed.starts[d] as usize..keyed.starts[d + 1] as usize];
        let (trump, unknown) = (map.key(0, || None), map.key(1, || None));
        assert_eq!(record(0), [3, 1, 0, 2, 1, trump, unknown, 7, 40, 41]);
        assert_eq!(record(1), [9]);
        assert_eq!(record(2), [NONE, NONE, NONE, 0, 0]);
    }

    #[test]
    fn one_document_in_eight_is_sampled_whatever_the_pattern_of_matches() {
        let rate = |docs: &mut dyn Iterator<Item = DocId>| {
            let (mut n, mut hit) = (0u32, 0u32);
            for d in docs {
                n += 1;
                hit += sampled(d) as u32;
            }
            hit as f64 / n as f64
        };
        for (what, r) in [
            ("every document", rate(&mut (0..400_000))),
            ("every eighth", rate(&mut (0..400_000).step_by(8))),
            ("every 64th", rate(&mut (0..4_000_000).step_by(64))),
            ("a dense run", rate(&mut (123_456..133_456))),
        ] {
            assert!((r - 0.125).abs() < 0.01, "{what}: {r}");
        }
    }
}
