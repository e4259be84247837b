//! Counts over time: the number of matching articles per calendar day, week, month
//! or year, every period between the first and the last (or the request's date
//! range) listed, empty ones as 0, and optionally one column per top value of a
//! facet (`newsdex counts`, `GET /api/counts`).
//!
//! A first pass is the search's own facet count (total, per-day counts, facet
//! counts, from which the top values are taken); a second pass over the same
//! per-segment tables counts each top value per day.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

mod collect;

use collect::{ColumnTally, SplitDays};

use super::histogram::DayCountsFruit;
use super::tables::store::Strs;
use super::tables::{LANG, PLACE, SECS_PER_DAY, SOURCE, SPEAKER};
use super::{SearchError, SearchRequest, Searchable, SortBy};

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
fn top_ids<'a>(counts: &[u64], label: &dyn Fn(u32) -> &'a str, top: usize) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..counts.len() as u32)
        .filter(|&i| counts[i as usize] > 0)
        .collect();
    ids.sort_by(|&x, &y| {
        counts[y as usize]
            .cmp(&counts[x as usize])
            .then_with(|| label(x).cmp(label(y)))
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
            dense_cells: collect::DENSE_CELLS,
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
            let ids = top_ids(&totals, &|i| labels.get(i as usize).unwrap_or(""), top);
            let slot: rustc_hash::FxHashMap<u32, usize> =
                ids.iter().enumerate().map(|(s, &g)| (g, s)).collect();
            tally.split_days = vec![vec![0u64; span]; ids.len()];
            for &(g, d, n) in &fruit.value_days {
                if let Some(&s) = slot.get(&g) {
                    tally.split_days[s][(d - first_day) as usize] += n;
                }
            }
            tally.column_totals = ids.iter().map(|&g| totals[g as usize]).collect();
            tally.columns = ids
                .iter()
                .map(|&g| {
                    labels
                        .get(g as usize)
                        .unwrap_or("")
                        .trim_start_matches('/')
                        .to_string()
                })
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
        // Counts are exact: a series is a measurement, not a glance.
        let mut r = r.clone();
        r.facets_exact_up_to = None;
        let ranked = self.rank(&r, None, &super::rank::keep_hits)?;
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
        let (dense, labels): (&[u32], &Strs) = match by_facet {
            SplitBy::Source => (&counts.sources, &view.labels[SOURCE]),
            SplitBy::Speaker => (&counts.speakers, &view.labels[SPEAKER]),
            SplitBy::Lang => (&counts.langs, &view.labels[LANG]),
            SplitBy::Place => (&counts.places, &children.paths),
        };
        let dense: Vec<u64> = dense.iter().map(|&n| n as u64).collect();
        // Speakers counted by person have person keys, shown by canonical name.
        let people = counts
            .people
            .clone()
            .filter(|_| by_facet == SplitBy::Speaker);
        let label = |i: u32| -> &str {
            match &people {
                Some(p) => p.name(i, labels).unwrap_or(""),
                None => labels.get(i as usize).unwrap_or(""),
            }
        };
        let ids = top_ids(&dense, &label, top);
        if ids.is_empty() {
            return Ok(tally);
        }
        tally.columns = ids
            .iter()
            .map(|&i| {
                let l = label(i);
                if by_facet == SplitBy::Place {
                    l.to_string()
                } else {
                    l.trim_start_matches('/').to_string()
                }
            })
            .collect();
        let filtered = self.filtered_query(&view, &r)?;
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
            people,
        };
        let searcher = self.searcher();
        (tally.split_days, tally.column_totals) =
            self.search_wide(&searcher, &*filtered.query, &collector)?;
        Ok(tally)
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
