//! The date histogram of a result set: a tantivy [`Collector`] over the `date` fast
//! field counting matches per day, then bucketed by day, month or year as the
//! span of the results needs.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::DATE_FAST_FIELD;

const SECS_PER_DAY: i64 = 86_400;

/// Counts matches per UTC day (days since the epoch); articles without a date are counted apart.
pub struct DayCounts;

pub struct DayCountsSegment {
    column: Option<Column<tantivy::DateTime>>,
    /// Counts by day, from the segment's first day (dense: no map work per document).
    first_day: i64,
    days: Vec<u32>,
    undated: u64,
}

/// Per-day counts and the number of matches without a date.
#[derive(Default, Debug, Clone)]
pub struct DayCountsFruit {
    pub days: BTreeMap<i64, u64>,
    pub undated: u64,
}

impl Collector for DayCounts {
    type Fruit = DayCountsFruit;
    type Child = DayCountsSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let column = reader.fast_fields().date(DATE_FAST_FIELD).ok();
        let (first_day, span) = match &column {
            Some(c) if c.values.num_vals() > 0 => {
                let lo = c.min_value().into_timestamp_secs().div_euclid(SECS_PER_DAY);
                let hi = c.max_value().into_timestamp_secs().div_euclid(SECS_PER_DAY);
                (lo, (hi - lo + 1).clamp(0, 200_000) as usize)
            }
            _ => (0, 0),
        };
        Ok(DayCountsSegment {
            column,
            first_day,
            days: vec![0; span],
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<DayCountsFruit>) -> tantivy::Result<DayCountsFruit> {
        let mut out = DayCountsFruit::default();
        for f in fruits {
            out.undated += f.undated;
            for (d, n) in f.days {
                *out.days.entry(d).or_default() += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for DayCountsSegment {
    type Fruit = DayCountsFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        match self.column.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => {
                let i = d.into_timestamp_secs().div_euclid(SECS_PER_DAY) - self.first_day;
                match self.days.get_mut(i as usize) {
                    Some(c) if i >= 0 => *c += 1,
                    _ => self.undated += 1,
                }
            }
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> DayCountsFruit {
        let first = self.first_day;
        DayCountsFruit {
            days: self
                .days
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (first + i as i64, *n as u64))
                .collect(),
            undated: self.undated,
        }
    }
}

/// Bucket size of a histogram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Month,
    Year,
}

#[derive(Clone, Debug, Serialize)]
pub struct Bucket {
    /// `2026-02-04`, `2026-02` or `2026`.
    pub key: String,
    /// First second of the bucket (UTC), for range filters.
    pub start: String,
    pub count: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Histogram {
    pub interval: Interval,
    pub buckets: Vec<Bucket>,
    pub undated: u64,
}

/// Buckets day counts by the interval the span needs (days up to ~3 months,
/// months up to ~6 years, years beyond), filling empty buckets in between.
pub fn bucket(days: &DayCountsFruit) -> Histogram {
    let (Some((&first, _)), Some((&last, _))) =
        (days.days.first_key_value(), days.days.last_key_value())
    else {
        return Histogram {
            interval: Interval::Day,
            buckets: Vec::new(),
            undated: days.undated,
        };
    };
    let span = last - first;
    let interval = if span <= 92 {
        Interval::Day
    } else if span <= 366 * 6 {
        Interval::Month
    } else {
        Interval::Year
    };
    let key_of = |day: i64| -> (i32, u32, u32) {
        let d = DateTime::<Utc>::from_timestamp(day * SECS_PER_DAY, 0)
            .unwrap_or_default()
            .date_naive();
        match interval {
            Interval::Day => (d.year(), d.month(), d.day()),
            Interval::Month => (d.year(), d.month(), 1),
            Interval::Year => (d.year(), 1, 1),
        }
    };
    let mut counts: BTreeMap<(i32, u32, u32), u64> = BTreeMap::new();
    for (&day, &n) in &days.days {
        *counts.entry(key_of(day)).or_default() += n;
    }
    // Fill the gaps so a chart shows quiet periods.
    let mut buckets = Vec::new();
    let (mut cur, end) = (key_of(first), key_of(last));
    while cur <= end && buckets.len() < 10_000 {
        let count = counts.get(&cur).copied().unwrap_or(0);
        let (y, m, d) = cur;
        let key = match interval {
            Interval::Day => format!("{y:04}-{m:02}-{d:02}"),
            Interval::Month => format!("{y:04}-{m:02}"),
            Interval::Year => format!("{y:04}"),
        };
        buckets.push(Bucket {
            key,
            start: format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
            count,
        });
        cur = match interval {
            Interval::Day => {
                let date = chrono::NaiveDate::from_ymd_opt(y, m, d).and_then(|x| x.succ_opt());
                match date {
                    Some(n) => (n.year(), n.month(), n.day()),
                    None => break,
                }
            }
            Interval::Month => {
                if m == 12 {
                    (y + 1, 1, 1)
                } else {
                    (y, m + 1, 1)
                }
            }
            Interval::Year => (y + 1, 1, 1),
        };
    }
    Histogram {
        interval,
        buckets,
        undated: days.undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fruit(days: &[(i64, u64)]) -> DayCountsFruit {
        DayCountsFruit {
            days: days.iter().copied().collect(),
            undated: 0,
        }
    }

    #[test]
    fn short_spans_are_daily_with_gaps_filled() {
        let h = bucket(&fruit(&[(20000, 2), (20002, 1)]));
        assert_eq!(h.interval, Interval::Day);
        assert_eq!(
            h.buckets.iter().map(|b| b.count).collect::<Vec<_>>(),
            vec![2, 0, 1]
        );
    }

    #[test]
    fn long_spans_are_monthly_or_yearly() {
        assert_eq!(
            bucket(&fruit(&[(20000, 1), (20400, 1)])).interval,
            Interval::Month
        );
        let y = bucket(&fruit(&[(6000, 1), (20400, 1)]));
        assert_eq!(y.interval, Interval::Year);
        assert_eq!(y.buckets.first().unwrap().key, "1986");
    }
}
