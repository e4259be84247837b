//! The date histogram of a result set: matches per day (counted by
//! [`super::facet_counts::Aggregate`]) bucketed by day, month or year as the span of
//! the results needs.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
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
///
/// It walks the buckets, not the days: a result set over thirty years has some
/// ten thousand days with matches, and a calendar date for each was most of the
/// time a search spent on its histogram.
pub fn bucket(days: &DayCountsFruit) -> Histogram {
    let first = days.counts.iter().position(|&n| n > 0);
    let last = days.counts.iter().rposition(|&n| n > 0);
    let (Some(first), Some(last)) = (first, last) else {
        return Histogram {
            interval: Interval::Day,
            buckets: Vec::new(),
            undated: days.undated,
        };
    };
    let (first, last) = (days.first_day + first as i64, days.first_day + last as i64);
    let span = last - first;
    let interval = if span <= 92 {
        Interval::Day
    } else if span <= 366 * 6 {
        Interval::Month
    } else {
        Interval::Year
    };
    let epoch = DateTime::<Utc>::UNIX_EPOCH.date_naive();
    let mut buckets = Vec::new();
    let mut day = first;
    while day <= last && buckets.len() < 10_000 {
        let date = DateTime::<Utc>::from_timestamp(day * SECS_PER_DAY, 0)
            .unwrap_or_default()
            .date_naive();
        let (y, m, d) = (date.year(), date.month(), date.day());
        // The bucket's first day, and the first day of the next bucket.
        let (start, next) = match interval {
            Interval::Day => ((y, m, d), date.succ_opt()),
            Interval::Month => (
                (y, m, 1),
                NaiveDate::from_ymd_opt(y + (m == 12) as i32, m % 12 + 1, 1),
            ),
            Interval::Year => ((y, 1, 1), NaiveDate::from_ymd_opt(y + 1, 1, 1)),
        };
        let next = next
            .map_or(last + 1, |n| (n - epoch).num_days())
            .max(day + 1);
        let counted =
            (day - days.first_day) as usize..(next.min(last + 1) - days.first_day) as usize;
        let count = days.counts.get(counted).unwrap_or_default().iter().sum();
        let (y, m, d) = start;
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
        day = next;
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

    /// The bucket of every day with matches, one date at a time: what the walk over
    /// buckets must add up to.
    fn by_date(days: &DayCountsFruit, interval: Interval) -> Vec<(String, u64)> {
        let mut sums = std::collections::BTreeMap::new();
        let nonzero = days.counts.iter().enumerate().filter(|(_, n)| **n > 0);
        for (day, &n) in nonzero.map(|(i, n)| (days.first_day + i as i64, n)) {
            let d = DateTime::<Utc>::from_timestamp(day * SECS_PER_DAY, 0)
                .unwrap()
                .date_naive();
            let key = match interval {
                Interval::Day => d.format("%Y-%m-%d").to_string(),
                Interval::Month => d.format("%Y-%m").to_string(),
                Interval::Year => d.format("%Y").to_string(),
            };
            *sums.entry(key).or_insert(0) += n;
        }
        sums.into_iter().collect()
    }

    #[test]
    fn buckets_add_up_the_days_of_each_across_month_year_and_leap_day_boundaries() {
        // Days before and after 1970, over leap days and year ends, a few per month.
        for (from, to, interval) in [
            (-400i64, -330i64, Interval::Day), // 1968-11-27 .. 1969-02-05
            (11_010, 11_080, Interval::Day),   // 2000-02-24 .. 2000-05-04
            (-800, 1_000, Interval::Month),
            (19_000, 20_500, Interval::Month),
            (-3_000, 20_000, Interval::Year),
        ] {
            let days: Vec<(i64, u64)> = (from..=to)
                .filter(|d| d.rem_euclid(7) != 3)
                .map(|d| (d, (d.rem_euclid(5) + 1) as u64))
                .collect();
            let fruit = fruit(&days);
            let h = bucket(&fruit);
            assert_eq!(h.interval, interval, "{from}..{to}");
            let shown: Vec<(String, u64)> = h
                .buckets
                .iter()
                .filter(|b| b.count > 0)
                .map(|b| (b.key.clone(), b.count))
                .collect();
            assert_eq!(shown, by_date(&fruit, interval), "{from}..{to}");
            assert_eq!(
                h.buckets.iter().map(|b| b.count).sum::<u64>(),
                days.iter().map(|d| d.1).sum::<u64>()
            );
            // Consecutive buckets, each starting where its key says.
            for b in &h.buckets {
                assert!(b.start.starts_with(&b.key), "{} {}", b.key, b.start);
            }
        }
    }

    #[test]
    fn empty_months_between_matches_are_shown_with_zero() {
        // 2024-01-15 and 2024-05-10: January to May, with three empty months.
        let h = bucket(&fruit(&[(19_737, 3), (19_853, 2)]));
        assert_eq!(h.interval, Interval::Month);
        let keys: Vec<_> = h
            .buckets
            .iter()
            .map(|b| (b.key.as_str(), b.count))
            .collect();
        assert_eq!(
            keys,
            [
                ("2024-01", 3),
                ("2024-02", 0),
                ("2024-03", 0),
                ("2024-04", 0),
                ("2024-05", 2)
            ]
        );
        assert_eq!(h.buckets[1].start, "2024-02-01T00:00:00Z");
    }
}
