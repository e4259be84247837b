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
        let ranked = self.rank(&r)?;
        let Some((counts, children)) = ranked.counts else {
            return Err(SearchError::Query("counts were not computed".into()));
        };
        let view = ranked.view;
        let days = &counts.days;
        // The columns: the top values of the split facet, with their global id (or
        // place child index).
        let mut columns: Vec<(u32, String)> = Vec::new();
        if let Some((by_facet, top)) = split {
            let (dense, labels): (&[u32], &[String]) = match by_facet {
                SplitBy::Source => (&counts.sources, &view.labels[SOURCE]),
                SplitBy::Speaker => (&counts.speakers, &view.labels[SPEAKER]),
                SplitBy::Lang => (&counts.langs, &view.labels[LANG]),
                SplitBy::Place => (&counts.places, &children.paths),
            };
            let mut ids: Vec<u32> = (0..dense.len() as u32)
                .filter(|&i| dense[i as usize] > 0)
                .collect();
            ids.sort_by_key(|&i| {
                (
                    std::cmp::Reverse(dense[i as usize]),
                    labels[i as usize].clone(),
                )
            });
            ids.truncate(top);
            columns = ids
                .into_iter()
                .map(|i| {
                    let l = &labels[i as usize];
                    let l = if by_facet == SplitBy::Place {
                        l.as_str()
                    } else {
                        l.trim_start_matches('/')
                    };
                    (i, l.to_string())
                })
                .collect();
        }
        // Per column, matches per day (same days as the totals).
        let mut split_days: Vec<Vec<u64>> = Vec::new();
        let mut column_totals: Vec<u64> = Vec::new();
        if let (Some((by_facet, _)), false) = (split, columns.is_empty()) {
            let filtered = self.filtered_query(&view, &r)?;
            let collector = SplitDays {
                view: view.clone(),
                children: children.clone(),
                field: by_facet.field(),
                slot_of: columns
                    .iter()
                    .enumerate()
                    .map(|(s, (id, _))| (*id, s as u32))
                    .collect(),
                first_day: days.first_day,
                span: days.counts.len(),
            };
            let searcher = self.searcher();
            let fruit = self.search_wide(&searcher, &*filtered.query, &collector)?;
            split_days = fruit.0;
            column_totals = fruit.1;
        }
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
                    split: split_days.iter().map(|d| range(d)).collect(),
                });
                start = end;
            }
        }
        Ok(Series {
            query: req.query.clone(),
            by,
            split: split.filter(|_| !columns.is_empty()).map(|s| s.0),
            columns: columns.into_iter().map(|(_, l)| l).collect(),
            rows,
            total: counts.total,
            undated: days.undated,
            column_totals,
        })
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
