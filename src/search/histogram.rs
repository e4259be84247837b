//! The date histogram of a result set: matches per day (counted by
//! [`super::facet_counts::Aggregate`]) bucketed by day, month or year as the span of
//! the results needs.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

const SECS_PER_DAY: i64 = 86_400;

/// Matches per UTC day, from `first_day` (days since the epoch) on, and the number
/// of matches without a date.
#[derive(Default, Debug, Clone)]
pub struct DayCountsFruit {
    pub first_day: i64,
    pub counts: Vec<u64>,
    pub undated: u64,
}

impl DayCountsFruit {
    /// The days with matches, in order.
    fn nonzero(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, &n)| (self.first_day + i as i64, n))
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
    let (Some((first, _)), Some((last, _))) = (days.nonzero().next(), days.nonzero().last()) else {
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
    for (day, n) in days.nonzero() {
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
        let first_day = days[0].0;
        let mut counts = vec![0; (days[days.len() - 1].0 - first_day + 1) as usize];
        for &(d, n) in days {
            counts[(d - first_day) as usize] += n;
        }
        DayCountsFruit {
            first_day,
            counts,
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
