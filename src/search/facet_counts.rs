//! Facet counts and per-day counts over a whole result set, fast on large ones: a
//! collector over the [`super::tables`] records that counts into dense arrays by
//! global id and looks labels up for the top values only. Matches are counted in
//! batches whose records are loaded first (a record is usually a cache miss: the CPU
//! then waits once per batch rather than once per match).
//!
//! The number of matches and the days are counted exactly: a match whose facets are
//! counted has its day in its record, the others' days come from a small per-document
//! day column. A segment's matches are gathered first, so that it knows how many it
//! has before it counts. Facets are counted exactly when a segment has at most its
//! share of [`Aggregate::exact_up_to`] matches (the shares go by segment size);
//! past that, from every `s`-th match, `s` the fewest that keeps the sample within
//! the share, each counting `s` times: an estimate whose error for a value counted
//! `n` times is about `sqrt(s * n)`, small beside `n` for the top values a user sees.
//! So a search reads about as many records however many matches it has (the records
//! are most of a large search's time at a million articles: one or two cache misses
//! each). [`Counts::exact`] says whether any estimate was made.

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
    /// The most matches whose facets are counted exactly, and about the most whose
    /// records a search reads when it samples (`u64::MAX`: every match's), shared
    /// among segments by their size.
    pub exact_up_to: u64,
    /// Documents in the searcher's segments.
    pub num_docs: u64,
    /// Who each speaker entry is: speakers are counted by person, a match once per
    /// person however many of their name forms it has. Without it, by entry.
    pub people: Option<Arc<PeopleMap>>,
}

/// A segment's share of [`Aggregate::exact_up_to`] is at least this many matches (or
/// all of it, when it is smaller): a small segment with a few matches counts them all.
const MIN_SHARE: u64 = 64;

/// A segment's share of `exact_up_to` (`u64::MAX`: all), by its size: `max_doc` of
/// the searcher's `num_docs` documents.
fn share(exact_up_to: u64, max_doc: u32, num_docs: u64) -> u64 {
    match exact_up_to {
        u64::MAX => u64::MAX,
        n => ((n as u128 * max_doc as u128 / num_docs.max(1) as u128) as u64).max(MIN_SHARE.min(n)),
    }
}

/// Which of a segment's `n` matches have their facets counted, when it may count
/// `share` of them exactly: every `stride`-th, starting at `first`, each counting
/// `stride` times (the middle of each run of `stride`, so that the sample spreads
/// over the segment as evenly as it can).
fn sample(n: u64, share: u64) -> (usize, usize) {
    let share = share.max(1);
    if n <= share {
        return (1, 0);
    }
    let stride = n.div_ceil(share) as usize;
    (stride, stride / 2)
}

pub struct SegmentAggregate {
    segment: Arc<SegmentView>,
    docs: Arc<DocArrays>,
    /// Place ordinal (or top-level place) -> child index.
    place_child: Arc<SegmentChildren>,
    /// The segment's matches, counted at harvest.
    matches: Vec<DocId>,
    /// The segment's share of [`Aggregate::exact_up_to`].
    share: u64,
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
            matches: MATCHES.take().unwrap_or_default(),
            share: share(self.exact_up_to, reader.max_doc(), self.num_docs),
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

/// Vectors kept for the next search, so that a search does not allocate (and the
/// kernel zero, page by page) one per segment: at most 16, none longer than its
/// `max_kept` entries.
struct Pool {
    kept: std::sync::Mutex<Vec<Vec<u32>>>,
    max_kept: usize,
}

impl Pool {
    const fn new(max_kept: usize) -> Pool {
        Pool {
            kept: std::sync::Mutex::new(Vec::new()),
            max_kept,
        }
    }

    fn take(&self) -> Option<Vec<u32>> {
        self.kept.lock().map(|mut p| p.pop()).unwrap_or(None)
    }

    fn put(&self, v: Vec<u32>) {
        if v.capacity() > self.max_kept {
            return;
        }
        if let Ok(mut p) = self.kept.lock() {
            if p.len() < 16 {
                p.push(v);
            }
        }
    }
}

/// Count arrays, all zeros.
static COUNTS: Pool = Pool::new(usize::MAX);
/// Match lists, empty; none longer than a quarter of a million (a million articles'
/// list is 4 MB).
static MATCHES: Pool = Pool::new(1 << 18);

/// `n` zeros, from the pool when it has an array.
fn zeroed(n: usize) -> Vec<u32> {
    match COUNTS.take() {
        Some(mut v) => {
            v.resize(n, 0);
            v
        }
        None => vec![0; n],
    }
}

/// Matches counted together: their records are loaded first, all at once, so that the
/// CPU waits for memory once per batch rather than once per match (a match's record is
/// usually not in cache: matches lie far apart in a large segment).
const BATCH: usize = 64;

impl SegmentAggregate {
    /// Counts the days of a run of matches, and the facets of every `stride`-th
    /// from `first` (see [`sample`]), `stride` times each.
    fn count_run(&mut self, run: &[DocId], stride: usize, first: usize) {
        let docs = self.docs.clone();
        // The matches whose facets are counted; the others' days are read from the
        // day column, theirs from their records.
        let mut chosen = [0 as DocId; BATCH];
        let mut n = 0;
        for (i, &doc) in run.iter().enumerate() {
            if i % stride == first && n < BATCH {
                chosen[n] = doc;
                n += 1;
            } else {
                let day = docs.days.get(doc as usize).copied().unwrap_or(NONE);
                self.count_day(day);
            }
        }
        // Independent loads the CPU overlaps: where each record is, then each of its
        // cache lines (a match that names a score of speakers has a record of several).
        let keyed = self.keyed.clone();
        let (starts, data): (&[u32], &[u32]) = match &keyed {
            Some(k) => (&k.starts, &k.data),
            None => (&docs.starts, &docs.data),
        };
        let mut bounds = [(0usize, 0usize); BATCH];
        for (b, &doc) in bounds.iter_mut().zip(&chosen[..n]) {
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
        let weight = stride as u32;
        for (&(a, e), &doc) in bounds.iter().zip(&chosen[..n]) {
            self.count(doc, weight, data.get(a..e).unwrap_or_default());
        }
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
        self.matches.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.matches.extend_from_slice(docs);
    }

    fn harvest(mut self) -> SegmentCounts {
        let mut matches = std::mem::take(&mut self.matches);
        self.total = matches.len() as u64;
        let (stride, first) = sample(self.total, self.share);
        self.sampled = stride > 1;
        // Runs of `BATCH` counted matches, which start at multiples of the stride.
        for run in matches.chunks(BATCH.saturating_mul(stride)) {
            self.count_run(run, stride, first);
        }
        matches.clear();
        MATCHES.put(matches);
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
        // (Every entry counted is zero again.)
        COUNTS.put(std::mem::take(&mut self.speakers));
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
    fn a_segment_shares_the_exact_matches_by_its_size_and_a_small_one_counts_a_few() {
        assert_eq!(share(10_000, 250_000, 1_000_000), 2_500);
        assert_eq!(share(10_000, 1_000, 1_000_000), MIN_SHARE);
        assert_eq!(share(40, 10, 1_000_000), 40);
        assert_eq!(share(u64::MAX, 10, 1_000_000), u64::MAX);
    }

    #[test]
    fn a_sample_stays_within_the_share_and_its_weights_add_up_to_the_matches() {
        assert_eq!(sample(0, 5_000), (1, 0));
        assert_eq!(sample(5_000, 5_000), (1, 0));
        assert_eq!(sample(7, 0), (7, 3));
        for (n, share) in [
            (5_001u64, 5_000u64),
            (9_999, 5_000),
            (120_000, 5_000),
            (1_000_000, 64),
            (65, 64),
        ] {
            let (stride, first) = sample(n, share);
            assert!(stride > 1 && first < stride, "{n} {share}");
            let chosen = (0..n as usize).filter(|i| i % stride == first).count() as u64;
            assert!(
                chosen <= share && chosen * 2 >= share,
                "{n} {share}: {chosen}"
            );
            // Each counts `stride` times: the estimate of "every match" is off by less
            // than one stride.
            assert!(
                (chosen * stride as u64).abs_diff(n) < stride as u64,
                "{n} {share}"
            );
        }
    }
}
