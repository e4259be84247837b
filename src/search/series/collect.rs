//! The collectors behind a series: matches per day and per value, from the columns
//! of the matching documents (one-valued facets) or through the per-segment facet
//! tables (speakers and places, many to an article).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::super::people::{PeopleMap, SegmentPeople};
use super::super::tables::store::U32s;
use super::super::tables::{
    Children, DocArrays, Record, SegmentChildren, View, LANG, NONE, PLACE, SECS_PER_DAY, SOURCE,
    SPEAKER,
};

/// Counts matches per day, and per value of a one-valued facet (source, language)
/// and day, from the columns of the matching documents.
pub(super) struct ColumnTally {
    pub(super) view: Arc<View>,
    pub(super) field: Option<usize>,
    /// The largest per-segment grid of (value, day) cells counted densely.
    pub(super) dense_cells: usize,
}

#[derive(Default)]
pub(super) struct ColumnFruit {
    pub(super) total: u64,
    pub(super) undated: u64,
    /// Days since the epoch -> matches.
    pub(super) days: std::collections::BTreeMap<i64, u64>,
    /// (global id, day, matches) of dated matches; a pair may come more than once
    /// (from several segments): the reader sums.
    pub(super) value_days: Vec<(u32, i64, u64)>,
    /// Global id -> matches, undated ones included.
    pub(super) value_totals: rustc_hash::FxHashMap<u32, u64>,
}

/// Matches per (segment ordinal, day index): one cell each while the grid is small
/// (sources or languages by day), else a map of the pairs seen.
enum Grid {
    /// `cells[ordinal * span + day]`.
    Dense(Vec<u32>),
    /// `ordinal << 32 | day` -> matches.
    Sparse(rustc_hash::FxHashMap<u64, u64>),
}

/// The largest dense grid, in cells (16 MB).
pub(super) const DENSE_CELLS: usize = 1 << 22;

pub(super) struct SegmentColumnTally {
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    facets: Option<tantivy::fastfield::FacetReader>,
    to_global: U32s,
    total: u64,
    undated: u64,
    /// The segment's first day (days since the epoch) and matches per day from it.
    first_day: i64,
    days: Vec<u64>,
    value_days: Grid,
    /// By segment ordinal, undated matches included.
    value_totals: Vec<u64>,
}

impl Collector for ColumnTally {
    type Fruit = ColumnFruit;
    type Child = SegmentColumnTally;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentColumnTally> {
        let to_global = match self.field {
            Some(f) => self.view.segment(reader)?.to_global[f].clone(),
            None => U32s::default(),
        };
        let dates = reader
            .fast_fields()
            .date(crate::schema::DATE_FAST_FIELD)
            .ok();
        let day = |t: tantivy::DateTime| t.into_timestamp_secs().div_euclid(SECS_PER_DAY);
        let (first_day, span) = match &dates {
            Some(c) if c.values.num_vals() > 0 => {
                let (lo, hi) = (day(c.min_value()), day(c.max_value()));
                (lo, (hi - lo + 1).clamp(0, 400_000) as usize)
            }
            _ => (0, 0),
        };
        let grid = if to_global.len().saturating_mul(span) <= self.dense_cells {
            Grid::Dense(vec![0; to_global.len() * span])
        } else {
            Grid::Sparse(Default::default())
        };
        Ok(SegmentColumnTally {
            dates,
            facets: self
                .field
                .and_then(|f| reader.facet_reader(super::super::tables::FIELDS[f]).ok()),
            value_totals: vec![0; to_global.len()],
            to_global,
            total: 0,
            undated: 0,
            first_day,
            days: vec![0; span],
            value_days: grid,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<ColumnFruit>) -> tantivy::Result<ColumnFruit> {
        let mut out = ColumnFruit::default();
        for f in fruits {
            out.total += f.total;
            out.undated += f.undated;
            for (d, n) in f.days {
                *out.days.entry(d).or_default() += n;
            }
            out.value_days.extend(f.value_days);
            for (k, n) in f.value_totals {
                *out.value_totals.entry(k).or_default() += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentColumnTally {
    type Fruit = ColumnFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        let index = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs().div_euclid(SECS_PER_DAY) - self.first_day)
            .filter(|&i| i >= 0 && (i as usize) < self.days.len());
        match index {
            Some(i) => self.days[i as usize] += 1,
            None => self.undated += 1,
        }
        let ord = self.facets.as_ref().and_then(|r| r.facet_ords(doc).next());
        if let Some(o) = ord.filter(|&o| (o as usize) < self.value_totals.len()) {
            self.value_totals[o as usize] += 1;
            if let Some(i) = index {
                match &mut self.value_days {
                    Grid::Dense(cells) => {
                        if let Some(c) = cells.get_mut(o as usize * self.days.len() + i as usize) {
                            *c += 1;
                        }
                    }
                    Grid::Sparse(map) => *map.entry(o << 32 | i as u64).or_default() += 1,
                }
            }
        }
    }

    fn harvest(self) -> ColumnFruit {
        let mut fruit = ColumnFruit {
            total: self.total,
            undated: self.undated,
            ..Default::default()
        };
        for (i, &n) in self.days.iter().enumerate().filter(|(_, n)| **n > 0) {
            fruit.days.insert(self.first_day + i as i64, n);
        }
        let mut push = |o: usize, i: i64, n: u64| {
            if let Some(&g) = self.to_global.get(o) {
                fruit.value_days.push((g, self.first_day + i, n));
            }
        };
        match self.value_days {
            Grid::Dense(cells) => {
                let span = self.days.len().max(1);
                for (k, &n) in cells.iter().enumerate().filter(|(_, n)| **n > 0) {
                    push(k / span, (k % span) as i64, n as u64);
                }
            }
            Grid::Sparse(map) => {
                for (key, n) in map {
                    push((key >> 32) as usize, (key & 0xffff_ffff) as i64, n);
                }
            }
        }
        for (o, &n) in self
            .value_totals
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
        {
            if let Some(&g) = self.to_global.get(o) {
                *fruit.value_totals.entry(g).or_default() += n;
            }
        }
        fruit
    }
}

/// Counts, per day, the matches holding each top value of a facet.
pub(super) struct SplitDays {
    pub(super) view: Arc<View>,
    pub(super) children: Arc<Children>,
    pub(super) field: usize,
    /// Global id (place: child index; speaker with `people`: person key) -> column.
    pub(super) slot_of: HashMap<u32, u32>,
    pub(super) first_day: i64,
    pub(super) span: usize,
    /// Speakers by person (see [`PeopleMap`]).
    pub(super) people: Option<Arc<PeopleMap>>,
}

pub(super) struct SegmentSplitDays {
    docs: Arc<DocArrays>,
    field: usize,
    /// Segment ordinal (place: child index) -> column, [`NONE`] if not a column.
    slot_of_ord: Vec<u32>,
    place_child: Arc<SegmentChildren>,
    /// The segment's day 0, as days since the epoch, and the series' first day.
    seg_first: i64,
    first_day: i64,
    /// Column-major: `counts[slot * span + day]`.
    counts: Vec<u64>,
    totals: Vec<u64>,
    span: usize,
    seen: Vec<DocId>,
    /// Speakers by person: who each speaker entry is, and the columns by person key.
    people: Option<(SegmentPeople, HashMap<u32, u32>)>,
}

impl Collector for SplitDays {
    type Fruit = (Vec<Vec<u64>>, Vec<u64>);
    type Child = SegmentSplitDays;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSplitDays> {
        let seg = self.view.segment(reader)?;
        let docs = seg.table.docs(reader);
        let slots = self.slot_of.len();
        let slot_of_ord = if self.field == PLACE {
            (0..self.children.paths.len() as u32)
                .map(|c| self.slot_of.get(&c).copied().unwrap_or(NONE))
                .collect()
        } else {
            seg.to_global[self.field]
                .iter()
                .map(|g| self.slot_of.get(g).copied().unwrap_or(NONE))
                .collect()
        };
        let seg_first = docs.day_range.map_or(0, |r| r.0);
        Ok(SegmentSplitDays {
            seg_first: seg_first as i64,
            docs,
            field: self.field,
            slot_of_ord,
            place_child: self
                .children
                .of_segment
                .get(&reader.segment_id())
                .cloned()
                .unwrap_or_default(),
            first_day: self.first_day,
            counts: vec![0; slots * self.span],
            totals: vec![0; slots],
            span: self.span,
            seen: vec![DocId::MAX; slots],
            people: self
                .people
                .as_ref()
                .filter(|_| self.field == SPEAKER)
                .map(|p| {
                    let people = p.segment(reader.segment_id(), &seg.to_global[SPEAKER], seg_first);
                    (people, self.slot_of.clone())
                }),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(Vec<u64>, Vec<u64>)>) -> tantivy::Result<Self::Fruit> {
        let slots = self.slot_of.len();
        let mut days = vec![vec![0u64; self.span]; slots];
        let mut totals = vec![0u64; slots];
        for (counts, t) in fruits {
            for (s, day_counts) in days.iter_mut().enumerate() {
                for (d, c) in day_counts.iter_mut().enumerate() {
                    *c += counts[s * self.span + d];
                }
                totals[s] += t[s];
            }
        }
        Ok((days, totals))
    }
}

impl SegmentSplitDays {
    fn add(&mut self, doc: DocId, slot: u32, day: Option<usize>) {
        let s = slot as usize;
        if slot == NONE || self.seen.get(s) == Some(&doc) {
            return;
        }
        self.seen[s] = doc;
        self.totals[s] += 1;
        if let Some(d) = day.filter(|&d| d < self.span) {
            self.counts[s * self.span + d] += 1;
        }
    }
}

impl SegmentCollector for SegmentSplitDays {
    type Fruit = (Vec<u64>, Vec<u64>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        let docs = self.docs.clone();
        let Some(Record {
            day,
            source,
            lang,
            speakers,
            roots,
            places,
        }) = docs.record(doc)
        else {
            return;
        };
        let day_index = (day != NONE)
            .then(|| self.seg_first + day as i64 - self.first_day)
            .filter(|&d| d >= 0)
            .map(|d| d as usize);
        let slot_of_ord = std::mem::take(&mut self.slot_of_ord);
        let slot = |o: u32| slot_of_ord.get(o as usize).copied().unwrap_or(NONE);
        match self.field {
            SOURCE => self.add(doc, slot(source), day_index),
            LANG => self.add(doc, slot(lang), day_index),
            SPEAKER => match self.people.take() {
                None => {
                    for &o in speakers {
                        self.add(doc, slot(o), day_index);
                    }
                }
                Some((people, slot_of_key)) => {
                    for &o in speakers {
                        let Some(key) = people.key(o, day) else {
                            continue;
                        };
                        let slot = slot_of_key.get(&key).copied().unwrap_or(NONE);
                        self.add(doc, slot, day_index);
                    }
                    self.people = Some((people, slot_of_key));
                }
            },
            _ => {
                let children: Vec<u32> = match &self.place_child.of_root {
                    Some(of_root) => roots
                        .iter()
                        .map(|&r| of_root.get(r as usize).copied().unwrap_or(NONE))
                        .collect(),
                    None => places
                        .iter()
                        .map(|&o| {
                            self.place_child
                                .of_place
                                .get(o as usize)
                                .copied()
                                .unwrap_or(NONE)
                        })
                        .collect(),
                };
                for c in children.into_iter().filter(|&c| c != NONE) {
                    self.add(doc, slot(c), day_index);
                }
            }
        }
        self.slot_of_ord = slot_of_ord;
    }

    fn harvest(self) -> (Vec<u64>, Vec<u64>) {
        (self.counts, self.totals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Article;
    use crate::schema::NewsSchema;
    use crate::search::Searchable;

    /// The dense grid and the map of pairs count the same.
    #[test]
    fn dense_and_sparse_grids_count_alike() {
        let schema = NewsSchema::new();
        let index = tantivy::Index::create_in_ram(schema.schema.clone());
        crate::analyzer::register(&index);
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let day = 86_400;
        for (i, (source, d)) in [("a", 0), ("b", 0), ("a", 3), ("c", 9), ("a", 9), ("b", 40)]
            .into_iter()
            .enumerate()
        {
            let article = Article {
                id: format!("x{i}"),
                title: "Storm".into(),
                body: "A storm hit the coast.".into(),
                date: Some(1_700_000_000 + d * day),
                source: Some(source.into()),
                lang: Some("en".into()),
                ..Default::default()
            };
            writer
                .add_document(crate::writer::to_document(&schema, &article))
                .unwrap();
        }
        writer
            .add_document(crate::writer::to_document(
                &schema,
                &Article {
                    id: "undated".into(),
                    title: "Storm".into(),
                    body: "Another storm.".into(),
                    source: Some("a".into()),
                    ..Default::default()
                },
            ))
            .unwrap();
        writer.commit().unwrap();
        let s = Searchable::from_index(index, schema, None, false).unwrap();
        let searcher = s.searcher();
        let view = s.facets.view(&searcher);
        let query = s.parse_query("storm").unwrap();
        let tally = |dense_cells| {
            let collector = ColumnTally {
                view: view.clone(),
                field: Some(crate::search::tables::SOURCE),
                dense_cells,
            };
            let mut fruit = searcher.search(&*query, &collector).unwrap();
            fruit.value_days.sort_unstable();
            let mut totals: Vec<_> = fruit.value_totals.into_iter().collect();
            totals.sort_unstable();
            (fruit.total, fruit.undated, fruit.value_days, totals)
        };
        let dense = tally(DENSE_CELLS);
        assert_eq!(dense, tally(0));
        assert_eq!((dense.0, dense.1), (7, 1));
        assert_eq!(dense.2.len(), 6, "{:?}", dense.2);
        assert_eq!(dense.3.iter().map(|t| t.1).sum::<u64>(), 7);
    }
}
