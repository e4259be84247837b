//! Counts over time: the number of matching articles per calendar day, week, month
//! or year, every period between the first and the last (or the request's date
//! range) listed, empty ones as 0, and optionally one column per top value of a
//! facet (`newsdex counts`, `GET /api/counts`).
//!
//! A first pass is the search's own facet count (total, per-day counts, facet
//! counts, from which the top values are taken); a second pass over the same
//! per-segment tables counts each top value per day.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::histogram::DayCountsFruit;
use super::tables::{
    Children, DocArrays, SegmentChildren, View, LANG, NONE, PLACE, SOURCE, SPEAKER,
};
use super::{SearchError, SearchRequest, Searchable, SortBy};

const SECS_PER_DAY: i64 = 86_400;
/// Most periods listed (a century of weeks).
const MAX_PERIODS: usize = 6_000;

/// Length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

impl Period {
    pub fn parse(s: &str) -> Result<Period, String> {
        match s.trim() {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "" | "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            other => Err(format!(
                "by must be day, week, month or year, not {other:?}"
            )),
        }
    }

    /// The first day of the period holding `day`.
    fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => day,
            Period::Week => day - chrono::Days::new(day.weekday().num_days_from_monday() as u64),
            Period::Month => day.with_day(1).unwrap_or(day),
            Period::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the next period.
    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.succ_opt(),
            Period::Week => start.checked_add_days(chrono::Days::new(7)),
            Period::Month => start.checked_add_months(chrono::Months::new(1)),
            Period::Year => start.checked_add_months(chrono::Months::new(12)),
        }
    }

    /// `2026-02-04`, `2026-W06`, `2026-02`, `2026`.
    fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = start.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Year => start.format("%Y").to_string(),
        }
    }
}

/// The facet a series is split by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SplitBy {
    Source,
    Speaker,
    /// The places one level under the request's place filter (continents without
    /// one; `--place /Europe` splits by country).
    Place,
    Lang,
}

impl SplitBy {
    pub fn parse(s: &str) -> Result<SplitBy, String> {
        match s.trim() {
            "source" => Ok(SplitBy::Source),
            "speaker" => Ok(SplitBy::Speaker),
            "place" => Ok(SplitBy::Place),
            "lang" => Ok(SplitBy::Lang),
            other => Err(format!(
                "split must be source, speaker, place or lang, not {other:?}"
            )),
        }
    }

    fn field(self) -> usize {
        match self {
            SplitBy::Source => SOURCE,
            SplitBy::Speaker => SPEAKER,
            SplitBy::Place => PLACE,
            SplitBy::Lang => LANG,
        }
    }
}

/// One period of a series.
#[derive(Clone, Debug, Serialize)]
pub struct SeriesRow {
    /// `2026-02`.
    pub period: String,
    /// Its first day.
    pub start: String,
    /// Matching articles dated in it.
    pub count: u64,
    /// Per split column, in the order of [`Series::columns`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<u64>,
}

/// Matching articles per period.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub query: String,
    pub by: Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<SplitBy>,
    /// The split's values, most frequent first (sources, names, place paths, codes).
    pub columns: Vec<String>,
    pub rows: Vec<SeriesRow>,
    /// Every match, dated or not; the counts are exact.
    pub total: u64,
    pub undated: u64,
    /// Per split column, its matches over all periods (undated ones included).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub column_totals: Vec<u64>,
}

fn day_of(n: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(n * SECS_PER_DAY, 0).map(|d| d.date_naive())
}

/// What a series is made from: matches per day, and per split column.
struct Tally {
    total: u64,
    days: DayCountsFruit,
    /// The split's values, most frequent first.
    columns: Vec<String>,
    /// Per column, matches per day (the days of `days`).
    split_days: Vec<Vec<u64>>,
    column_totals: Vec<u64>,
}

/// The `top` ids by count (most first, then by label).
fn top_ids(counts: &[u64], labels: &[String], top: usize) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..counts.len() as u32)
        .filter(|&i| counts[i as usize] > 0)
        .collect();
    ids.sort_by(|&x, &y| {
        counts[y as usize]
            .cmp(&counts[x as usize])
            .then_with(|| labels[x as usize].cmp(&labels[y as usize]))
    });
    ids.truncate(top);
    ids
}

impl Searchable {
    /// The series of `req`'s matches by `by`, split by the `top` most frequent values
    /// of a facet when asked.
    pub fn counts(
        &self,
        req: &SearchRequest,
        by: Period,
        split: Option<(SplitBy, usize)>,
    ) -> Result<Series, SearchError> {
        let mut r = req.clone();
        (r.limit, r.offset, r.facets, r.snippets, r.sort) = (1, 0, true, false, SortBy::Relevance);
        r.check()?;
        let tally = match split {
            None | Some((SplitBy::Source | SplitBy::Lang, _)) => {
                self.tally_from_columns(&r, split)?
            }
            _ => self.tally_with_tables(&r, split)?,
        };
        let days = &tally.days;
        // Periods: from the request's range if it has one, else from the first to the
        // last dated match.
        let first_match = days
            .counts
            .iter()
            .position(|&n| n > 0)
            .map(|i| days.first_day + i as i64);
        let last_match = days
            .counts
            .iter()
            .rposition(|&n| n > 0)
            .map(|i| days.first_day + i as i64);
        let lo = req.from.map(|t| t.div_euclid(SECS_PER_DAY)).or(first_match);
        let hi = req
            .to
            .map(|t| (t - 1).div_euclid(SECS_PER_DAY))
            .or(last_match);
        let mut rows = Vec::new();
        if let (Some(lo), Some(hi)) = (lo.and_then(day_of), hi.and_then(day_of)) {
            let mut start = by.start(lo);
            while start <= hi && rows.len() < MAX_PERIODS {
                let Some(end) = by.next(start) else { break };
                let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                let a = start.signed_duration_since(epoch).num_days() - days.first_day;
                let b = end.signed_duration_since(epoch).num_days() - days.first_day;
                // Matches on the period's days, by index in a per-day vector.
                let range = |v: &[u64]| -> u64 {
                    let (from, to) = (a.max(0) as usize, (b.max(0) as usize).min(v.len()));
                    v.get(from..to.max(from)).map_or(0, |s| s.iter().sum())
                };
                rows.push(SeriesRow {
                    period: by.label(start),
                    start: start.format("%Y-%m-%d").to_string(),
                    count: range(&days.counts),
                    split: tally.split_days.iter().map(|d| range(d)).collect(),
                });
                start = end;
            }
        }
        Ok(Series {
            query: req.query.clone(),
            by,
            split: split.filter(|_| !tally.columns.is_empty()).map(|s| s.0),
            undated: days.undated,
            total: tally.total,
            columns: tally.columns,
            rows,
            column_totals: tally.column_totals,
        })
    }

    /// The tally from the columns of the matching documents only: days, and the
    /// source or language of each. Costs in proportion to the matches, with no
    /// per-segment tables to build first (what a cold `counts` spends most on).
    fn tally_from_columns(
        &self,
        r: &SearchRequest,
        split: Option<(SplitBy, usize)>,
    ) -> Result<Tally, SearchError> {
        let searcher = self.searcher();
        let view = self.facets.view(&searcher);
        let filtered = self.filtered_query(&view, r)?;
        let collector = ColumnTally {
            view: view.clone(),
            field: split.map(|s| s.0.field()),
        };
        let fruit = self.search_wide(&searcher, &*filtered.query, &collector)?;
        let first_day = fruit.days.keys().next().copied().unwrap_or(0);
        let last_day = fruit.days.keys().next_back().copied().unwrap_or(-1);
        let span = (last_day - first_day + 1).max(0) as usize;
        let mut days = DayCountsFruit {
            first_day,
            counts: vec![0; span],
            undated: fruit.undated,
        };
        for (d, n) in &fruit.days {
            days.counts[(d - first_day) as usize] += n;
        }
        let mut tally = Tally {
            total: fruit.total,
            days,
            columns: Vec::new(),
            split_days: Vec::new(),
            column_totals: Vec::new(),
        };
        if let Some((by_facet, top)) = split {
            let labels = &view.labels[by_facet.field()];
            let mut totals = vec![0u64; labels.len()];
            for (&g, &n) in &fruit.value_totals {
                if let Some(t) = totals.get_mut(g as usize) {
                    *t += n;
                }
            }
            let ids = top_ids(&totals, labels, top);
            let slot: rustc_hash::FxHashMap<u32, usize> =
                ids.iter().enumerate().map(|(s, &g)| (g, s)).collect();
            tally.split_days = vec![vec![0u64; span]; ids.len()];
            for (&(g, d), &n) in &fruit.value_days {
                if let Some(&s) = slot.get(&g) {
                    tally.split_days[s][(d - first_day) as usize] += n;
                }
            }
            tally.column_totals = ids.iter().map(|&g| totals[g as usize]).collect();
            tally.columns = ids
                .iter()
                .map(|&g| labels[g as usize].trim_start_matches('/').to_string())
                .collect();
        }
        Ok(tally)
    }

    /// The tally through the per-segment facet tables (speakers and places, whose
    /// documents hold many values): the search's own facet count, then a pass that
    /// counts each top value per day.
    fn tally_with_tables(
        &self,
        r: &SearchRequest,
        split: Option<(SplitBy, usize)>,
    ) -> Result<Tally, SearchError> {
        let ranked = self.rank(r)?;
        let Some((counts, children)) = ranked.counts else {
            return Err(SearchError::Query("counts were not computed".into()));
        };
        let view = ranked.view;
        let mut tally = Tally {
            total: counts.total,
            days: counts.days.clone(),
            columns: Vec::new(),
            split_days: Vec::new(),
            column_totals: Vec::new(),
        };
        let Some((by_facet, top)) = split else {
            return Ok(tally);
        };
        let (dense, labels): (&[u32], &[String]) = match by_facet {
            SplitBy::Source => (&counts.sources, &view.labels[SOURCE]),
            SplitBy::Speaker => (&counts.speakers, &view.labels[SPEAKER]),
            SplitBy::Lang => (&counts.langs, &view.labels[LANG]),
            SplitBy::Place => (&counts.places, &children.paths),
        };
        let dense: Vec<u64> = dense.iter().map(|&n| n as u64).collect();
        let ids = top_ids(&dense, labels, top);
        if ids.is_empty() {
            return Ok(tally);
        }
        tally.columns = ids
            .iter()
            .map(|&i| {
                let l = &labels[i as usize];
                if by_facet == SplitBy::Place {
                    l.clone()
                } else {
                    l.trim_start_matches('/').to_string()
                }
            })
            .collect();
        let filtered = self.filtered_query(&view, r)?;
        let collector = SplitDays {
            view: view.clone(),
            children: children.clone(),
            field: by_facet.field(),
            slot_of: ids
                .iter()
                .enumerate()
                .map(|(s, &id)| (id, s as u32))
                .collect(),
            first_day: counts.days.first_day,
            span: counts.days.counts.len(),
        };
        let searcher = self.searcher();
        (tally.split_days, tally.column_totals) =
            self.search_wide(&searcher, &*filtered.query, &collector)?;
        Ok(tally)
    }
}

/// Counts matches per day, and per value of a one-valued facet (source, language)
/// and day, from the columns of the matching documents.
struct ColumnTally {
    view: Arc<View>,
    field: Option<usize>,
}

#[derive(Default)]
struct ColumnFruit {
    total: u64,
    undated: u64,
    /// Days since the epoch -> matches.
    days: std::collections::BTreeMap<i64, u64>,
    /// (global id, day) -> matches, dated ones.
    value_days: rustc_hash::FxHashMap<(u32, i64), u64>,
    /// Global id -> matches, undated ones included.
    value_totals: rustc_hash::FxHashMap<u32, u64>,
}

struct SegmentColumnTally {
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    facets: Option<tantivy::fastfield::FacetReader>,
    to_global: Vec<u32>,
    total: u64,
    undated: u64,
    /// The segment's first day (days since the epoch) and matches per day from it.
    first_day: i64,
    days: Vec<u64>,
    /// (segment ordinal << 32 | day index) -> matches.
    value_days: rustc_hash::FxHashMap<u64, u64>,
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
        let to_global = match (self.field, self.view.segments.get(&reader.segment_id())) {
            (Some(f), Some(seg)) => seg.to_global[f].clone(),
            _ => Vec::new(),
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
        Ok(SegmentColumnTally {
            dates,
            facets: self
                .field
                .and_then(|f| reader.facet_reader(super::tables::FIELDS[f]).ok()),
            value_totals: vec![0; to_global.len()],
            to_global,
            total: 0,
            undated: 0,
            first_day,
            days: vec![0; span],
            value_days: Default::default(),
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
            for (k, n) in f.value_days {
                *out.value_days.entry(k).or_default() += n;
            }
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
                *self.value_days.entry(o << 32 | i as u64).or_default() += 1;
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
        for (key, n) in self.value_days {
            let (o, i) = ((key >> 32) as usize, (key & 0xffff_ffff) as i64);
            if let Some(&g) = self.to_global.get(o) {
                *fruit.value_days.entry((g, self.first_day + i)).or_default() += n;
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
struct SplitDays {
    view: Arc<View>,
    children: Arc<Children>,
    field: usize,
    /// Global id (place: child index) -> column.
    slot_of: HashMap<u32, u32>,
    first_day: i64,
    span: usize,
}

struct SegmentSplitDays {
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
}

impl Collector for SplitDays {
    type Fruit = (Vec<Vec<u64>>, Vec<u64>);
    type Child = SegmentSplitDays;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSplitDays> {
        let seg = self
            .view
            .segments
            .get(&reader.segment_id())
            .cloned()
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError("facet view built for another searcher".into())
            })?;
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
        Ok(SegmentSplitDays {
            seg_first: docs.day_range.map_or(0, |r| r.0 as i64),
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
        let d = doc as usize;
        let (Some(&a), Some(&e)) = (docs.starts.get(d), docs.starts.get(d + 1)) else {
            return;
        };
        let record = docs.data.get(a as usize..e as usize).unwrap_or_default();
        let Some(([day, source, lang, n_speakers, n_roots], rest)) =
            record.split_first_chunk::<5>()
        else {
            return;
        };
        let day = (*day != NONE)
            .then(|| self.seg_first + *day as i64 - self.first_day)
            .filter(|&d| d >= 0)
            .map(|d| d as usize);
        let (speakers, rest) = rest.split_at(rest.len().min(*n_speakers as usize));
        let (roots, places) = rest.split_at(rest.len().min(*n_roots as usize));
        let slot_of_ord = std::mem::take(&mut self.slot_of_ord);
        let slot = |o: u32| slot_of_ord.get(o as usize).copied().unwrap_or(NONE);
        match self.field {
            SOURCE => self.add(doc, slot(*source), day),
            LANG => self.add(doc, slot(*lang), day),
            SPEAKER => {
                for &o in speakers {
                    self.add(doc, slot(o), day);
                }
            }
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
                    self.add(doc, slot(c), day);
                }
            }
        }
        self.slot_of_ord = slot_of_ord;
    }

    fn harvest(self) -> (Vec<u64>, Vec<u64>) {
        (self.counts, self.totals)
    }
}

/// A series as CSV: `period,start,count` and one column per split value.
pub fn to_csv(s: &Series) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["period".to_string(), "start".into(), "count".into()];
    header.extend(s.columns.iter().cloned());
    w.write_record(&header)?;
    for r in &s.rows {
        let mut row = vec![r.period.clone(), r.start.clone(), r.count.to_string()];
        row.extend(r.split.iter().map(u64::to_string));
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}
