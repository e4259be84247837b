//! Publication dates: parsing the formats dumps use (ISO 8601, RFC 2822,
//! "February 3, 2026", "3 Feb 2026", "2026/02/04", Unix seconds or milliseconds)
//! and finding a date in an article URL's path. Dates inside the body are never
//! taken as the publication date.
//!
//! A date is kept in the publisher's local time: "2026-02-04T23:30:00-05:00" is
//! 23:30 on 4 February, the day its readers saw on the page, not 04:30 on the 5th
//! in UTC. The zone is read and dropped; the result is counted in seconds as if the
//! local time were UTC. (On the htmldate evaluation pages, converting to UTC filed
//! 5 of 337 pages under a neighbouring day; the reference, htmldate, keeps the
//! local day too.) Unix timestamps carry no zone and stay UTC.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// Years accepted as publication dates.
const MIN_YEAR: i32 = 1800;
const MAX_YEAR: i32 = 2200;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_from_name(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "mar" must not match "marks"; accept abbreviations and full names ("sept" too).
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (FULL[i].starts_with(&w) || w == "sept").then_some(i as u32 + 1)
}

/// A local date and time as seconds since the epoch, counted as if it were UTC.
pub fn to_seconds(date: NaiveDate, time: NaiveTime) -> Option<i64> {
    Some(date.and_time(time).and_utc().timestamp())
}

/// Parses a publication date written in any common format; `None` if it is not one.
pub fn parse_date(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return parse_all_digits(t);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return checked(d.naive_local().and_utc().timestamp());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return checked(d.naive_local().and_utc().timestamp());
    }
    parse_tokens(t)
}

fn checked(ts: i64) -> Option<i64> {
    let year = DateTime::<Utc>::from_timestamp(ts, 0)?
        .date_naive()
        .format("%Y")
        .to_string();
    let y: i32 = year.parse().ok()?;
    (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(ts)
}

fn parse_all_digits(t: &str) -> Option<i64> {
    match t.len() {
        8 => {
            let (y, m, d) = (
                t[..4].parse().ok()?,
                t[4..6].parse().ok()?,
                t[6..].parse().ok()?,
            );
            ymd(y, m, d).and_then(|d| to_seconds(d, NaiveTime::MIN))
        }
        9 | 10 => checked(t.parse().ok()?),
        13 => checked(t.parse::<i64>().ok()? / 1000),
        _ => None,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    Time(u32, u32, u32),
    Offset(i32),
}

fn tokenize(t: &str) -> Vec<Tok<'_>> {
    let bytes = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // hh:mm[:ss][.fff]
            if i < bytes.len() && bytes[i] == b':' && i - s <= 2 {
                let mut parts = vec![&t[s..i]];
                while i < bytes.len() && bytes[i] == b':' {
                    let p = i + 1;
                    let mut e = p;
                    while e < bytes.len() && bytes[e].is_ascii_digit() {
                        e += 1;
                    }
                    if e == p {
                        break;
                    }
                    parts.push(&t[p..e]);
                    i = e;
                }
                if i < bytes.len() && bytes[i] == b'.' {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let n = |k: usize| parts.get(k).and_then(|p| p.parse().ok()).unwrap_or(0);
                out.push(Tok::Time(n(0), n(1), n(2)));
            } else {
                out.push(Tok::Num(&t[s..i]));
            }
        } else if (b == b'+' || b == b'-')
            && !out.is_empty()
            && matches!(out.last(), Some(Tok::Time(..)))
        {
            // +02:00, -0500 after a time
            let sign = if b == b'-' { -1 } else { 1 };
            i += 1;
            let s = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b':') {
                i += 1;
            }
            let digits: String = t[s..i].chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() == 4 || digits.len() == 2 {
                let h: i32 = digits[..2].parse().unwrap_or(0);
                let m: i32 = digits.get(2..4).and_then(|x| x.parse().ok()).unwrap_or(0);
                out.push(Tok::Offset(sign * (h * 3600 + m * 60)));
            }
        } else if b.is_ascii_alphabetic() {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Tok::Word(&t[s..i]));
        } else {
            i += t[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

fn zone_offset(word: &str) -> Option<i32> {
    Some(match word.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" | "UT" => 0,
        "EST" => -5 * 3600,
        "EDT" => -4 * 3600,
        "CST" => -6 * 3600,
        "CDT" => -5 * 3600,
        "MST" => -7 * 3600,
        "MDT" => -6 * 3600,
        "PST" => -8 * 3600,
        "PDT" => -7 * 3600,
        "BST" => 3600,
        "CET" => 3600,
        "CEST" => 2 * 3600,
        "IST" => 19800,
        "JST" => 9 * 3600,
        _ => return None,
    })
}

/// Token-level parse: finds year, month (number or name) and day in any of the
/// usual orders, an optional time with AM/PM and an optional zone.
fn parse_tokens(t: &str) -> Option<i64> {
    let toks = tokenize(t);
    let mut nums: Vec<&str> = Vec::new();
    let mut month_name: Option<u32> = None;
    let mut month_pos = 0usize; // how many numbers preceded the month name
    let mut time = NaiveTime::MIN;
    let mut pm: Option<bool> = None;
    for tok in &toks {
        match tok {
            Tok::Num(n) => nums.push(n),
            Tok::Word(w) => {
                if let Some(m) = month_from_name(w) {
                    if month_name.is_none() {
                        month_name = Some(m);
                        month_pos = nums.len();
                    }
                } else if zone_offset(w).is_some() {
                    // A zone names the local time, which is kept as written.
                } else if w.eq_ignore_ascii_case("pm") {
                    pm = Some(true);
                } else if w.eq_ignore_ascii_case("am") {
                    pm = Some(false);
                } else if w.eq_ignore_ascii_case("t") {
                } else if w.len() > 2
                    && !is_weekday(w)
                    && !matches!(
                        w.to_ascii_lowercase().as_str(),
                        "st" | "nd"
                            | "rd"
                            | "th"
                            | "at"
                            | "on"
                            | "of"
                            | "the"
                            | "updated"
                            | "published"
                            | "posted"
                    )
                {
                    // Unknown words make the text something other than a date.
                    if nums.is_empty() && month_name.is_none() {
                        return None;
                    }
                }
            }
            Tok::Time(h, m, s) => time = NaiveTime::from_hms_opt(*h, *m, *s)?,
            Tok::Offset(_) => {}
        }
    }
    if let Some(is_pm) = pm {
        use chrono::Timelike;
        let h = time.hour() % 12 + if is_pm { 12 } else { 0 };
        time = time.with_hour(h)?;
    }
    let n = |s: &str| s.parse::<i64>().ok();
    let date = if let Some(m) = month_name {
        // "February 3, 2026", "3 Feb 2026", "Feb. 3rd 2026", "2026 Feb 3"
        let year_idx = nums.iter().position(|s| s.len() == 4)?;
        let day = nums
            .iter()
            .enumerate()
            .filter(|(i, s)| *i != year_idx && s.len() <= 2)
            .min_by_key(|(i, _)| (*i as i64 - month_pos as i64).abs())
            .map(|(_, s)| *s)?;
        ymd(n(nums[year_idx])? as i32, m, n(day)? as u32)?
    } else {
        if nums.len() < 3 {
            return None;
        }
        let (a, b, c) = (nums[0], nums[1], nums[2]);
        if a.len() == 4 {
            ymd(n(a)? as i32, n(b)? as u32, n(c)? as u32)?
        } else if c.len() == 4 {
            let (x, y) = (n(a)? as u32, n(b)? as u32);
            // 03/02/2026 is ambiguous; a first part above 12 must be the day.
            if x > 12 {
                ymd(n(c)? as i32, y, x)?
            } else {
                ymd(n(c)? as i32, x, y)?
            }
        } else {
            return None;
        }
    };
    to_seconds(date, time).and_then(checked)
}

fn is_weekday(w: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let l = w.to_ascii_lowercase();
    l.len() >= 3 && DAYS.iter().any(|d| l.starts_with(d))
}

/// A date in an article URL's path: `/2026/02/04/`, `/2026-02-04/`, `/20260204/`.
pub fn date_from_url(url: &str) -> Option<i64> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segs.iter().enumerate() {
        let is_year = seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit());
        if is_year {
            let y: i32 = seg.parse().ok()?;
            let m = segs.get(i + 1).and_then(|s| s.parse::<u32>().ok());
            let d = segs
                .get(i + 2)
                .and_then(|s| s.get(..2.min(s.len())).and_then(|x| x.parse::<u32>().ok()));
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(date) = ymd(y, m, d) {
                    return to_seconds(date, NaiveTime::MIN);
                }
            }
        }
        // 2026-02-04 or 20260204 at the start of a segment
        let head: String = seg.chars().take(10).collect();
        if head.len() == 10 && head.as_bytes()[4] == b'-' && head.as_bytes()[7] == b'-' {
            if let (Ok(y), Ok(m), Ok(d)) =
                (head[..4].parse(), head[5..7].parse(), head[8..10].parse())
            {
                if let Some(date) = ymd(y, m, d) {
                    return to_seconds(date, NaiveTime::MIN);
                }
            }
        }
        if seg.len() >= 8
            && seg.as_bytes()[..8].iter().all(u8::is_ascii_digit)
            && seg.as_bytes().get(8).is_none_or(|b| !b.is_ascii_digit())
        {
            if let Some(ts) = parse_all_digits(&seg[..8]) {
                return Some(ts);
            }
        }
    }
    None
}

/// `YYYY-MM-DD` of UTC seconds.
pub fn format_day(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// RFC 3339 of UTC seconds.
pub fn format_rfc3339(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> String {
        parse_date(s)
            .map(format_day)
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn common_formats() {
        assert_eq!(day("2026-02-04"), "2026-02-04");
        // The publisher's local day, not the UTC one.
        assert_eq!(day("2026-02-04T23:30:00-05:00"), "2026-02-04");
        assert_eq!(day("2020-04-02T04:11:00+05:30"), "2020-04-02");
        assert_eq!(day("2017-07-17 17:03:00"), "2017-07-17");
        assert_eq!(day("Tue, 03 Feb 2026 10:00:00 +0000"), "2026-02-03");
        assert_eq!(day("February 3, 2026"), "2026-02-03");
        assert_eq!(day("Feb. 3rd, 2026"), "2026-02-03");
        assert_eq!(day("3 Feb 2026"), "2026-02-03");
        assert_eq!(day("2026/02/04"), "2026-02-04");
        assert_eq!(day("1770163200"), "2026-02-04");
        assert_eq!(day("1770163200000"), "2026-02-04");
        assert_eq!(day("20260204"), "2026-02-04");
        assert_eq!(day("13/02/2026"), "2026-02-13");
        assert_eq!(day("February 3, 2026 11:30 PM EST"), "2026-02-03");
    }

    #[test]
    fn non_dates() {
        for s in [
            "",
            "yesterday",
            "hello world 2026",
            "2026",
            "32/13/2026",
            "99999999999999",
            "Marks 3 2026",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.com/news/2026/02/04/story")
                .map(format_day)
                .as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(
            date_from_url("https://x.com/2026-02-04-story.html")
                .map(format_day)
                .as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(
            date_from_url("https://x.com/a/20260204/b")
                .map(format_day)
                .as_deref(),
            Some("2026-02-04")
        );
        assert_eq!(date_from_url("https://x.com/news/203203-ukraine/"), None);
    }
}
