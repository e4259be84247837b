//! Who says it and when: quotes per person and per month over every match, by
//! speaker ordinal and day, with each segment's speaker labels read once.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::query::Query;
use tantivy::DateTime;

/// Counts over the matching quotes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteFacets {
    /// Quotes per person (their name forms counted together), most first (top 20).
    pub speakers: Vec<Counted>,
    /// Quotes per month of publication (YYYY-MM), in order.
    pub months: Vec<Counted>,
    /// Matching quotes in undated articles.
    pub undated: u64,
}

/// A label and its count.
#[derive(Clone, Debug, Serialize)]
pub struct Counted {
    pub name: String,
    pub count: u64,
}

/// Each segment's speaker labels by ordinal, read once per segment (segments never
/// change): counting speakers then reads no dictionary.
pub(super) type Labels = Mutex<FxHashMap<tantivy::index::SegmentId, Arc<Vec<String>>>>;

/// Speakers (as people: `person_of` a label, where it is a form of one person in
/// every year) and months over every quote `query` matches.
pub(super) fn count(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    labels: &Labels,
    person_of: Option<&FxHashMap<String, String>>,
) -> anyhow::Result<QuoteFacets> {
    let tally = searcher.search(query, &Tally { labels })?;
    // Segments merged away leave the cache.
    let live: Vec<tantivy::index::SegmentId> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.segment_id())
        .collect();
    labels
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|id, _| live.contains(id));
    // A label that is a form of one person in every year counts as that person.
    let mut people: FxHashMap<&str, u64> = FxHashMap::default();
    for (label, n) in &tally.speakers {
        let name = person_of
            .and_then(|p| p.get(label))
            .map_or(label.as_str(), String::as_str);
        *people.entry(name).or_default() += n;
    }
    let mut speakers: Vec<Counted> = people
        .into_iter()
        .map(|(name, count)| Counted {
            name: name.to_string(),
            count,
        })
        .collect();
    speakers.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    speakers.truncate(20);
    let months = tally
        .months
        .iter()
        .map(|(&m, &count)| Counted {
            name: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
            count,
        })
        .collect();
    Ok(QuoteFacets {
        speakers,
        months,
        undated: tally.undated,
    })
}

/// Counts speakers (labels) and months (year * 12 + month - 1) over matching quotes.
struct Tally<'a> {
    labels: &'a Labels,
}

#[derive(Default)]
struct TallyFruit {
    speakers: FxHashMap<String, u64>,
    months: std::collections::BTreeMap<i64, u64>,
    undated: u64,
}

struct SegmentTally {
    dates: Option<tantivy::columnar::Column<DateTime>>,
    facets: Option<tantivy::fastfield::FacetReader>,
    /// The segment's speaker labels by ordinal.
    labels: Arc<Vec<String>>,
    /// By the segment's speaker ordinal.
    ords: Vec<u64>,
    /// By day (since the epoch): a date becomes a month once per day, at harvest.
    days: FxHashMap<i64, u64>,
    undated: u64,
}

/// A segment's speaker labels by ordinal, from one pass over its dictionary.
fn segment_labels(reader: &tantivy::fastfield::FacetReader) -> Vec<String> {
    let mut out = Vec::with_capacity(reader.num_facets());
    if let Ok(mut stream) = reader.facet_dict().stream() {
        while stream.advance() {
            let label = std::str::from_utf8(stream.key())
                .map(crate::search::facet_path)
                .unwrap_or_default();
            out.push(label.trim_start_matches('/').to_string());
        }
    }
    out
}

impl tantivy::collector::Collector for Tally<'_> {
    type Fruit = TallyFruit;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _ord: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let facets = reader.facet_reader("speaker").ok();
        let labels = {
            let mut cache = self.labels.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry(reader.segment_id())
                .or_insert_with(|| {
                    Arc::new(facets.as_ref().map(segment_labels).unwrap_or_default())
                })
                .clone()
        };
        Ok(SegmentTally {
            labels,
            dates: reader.fast_fields().date("date").ok(),
            ords: vec![0; facets.as_ref().map_or(0, |f| f.num_facets())],
            facets,
            days: FxHashMap::default(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TallyFruit>) -> tantivy::Result<TallyFruit> {
        let mut out = TallyFruit::default();
        for f in fruits {
            for (k, n) in f.speakers {
                *out.speakers.entry(k).or_default() += n;
            }
            for (k, n) in f.months {
                *out.months.entry(k).or_default() += n;
            }
            out.undated += f.undated;
        }
        Ok(out)
    }
}

impl tantivy::collector::SegmentCollector for SegmentTally {
    type Fruit = TallyFruit;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        if let Some(o) = self.facets.as_ref().and_then(|r| r.facet_ords(doc).next()) {
            if let Some(n) = self.ords.get_mut(o as usize) {
                *n += 1;
            }
        }
        match self.dates.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => {
                let day = d.into_timestamp_secs().div_euclid(86_400);
                *self.days.entry(day).or_default() += 1;
            }
            None => self.undated += 1,
        }
    }

    fn harvest(mut self) -> TallyFruit {
        let mut speakers: FxHashMap<String, u64> = FxHashMap::default();
        for (o, &n) in self.ords.iter().enumerate().filter(|(_, n)| **n > 0) {
            if let Some(label) = self.labels.get(o) {
                *speakers.entry(label.clone()).or_default() += n;
            }
        }
        let mut months = std::collections::BTreeMap::new();
        for (day, n) in self.days {
            use chrono::Datelike;
            match chrono::DateTime::from_timestamp(day * 86_400, 0) {
                Some(t) => {
                    *months
                        .entry(t.year() as i64 * 12 + t.month0() as i64)
                        .or_default() += n
                }
                None => self.undated += n,
            }
        }
        TallyFruit {
            speakers,
            months,
            undated: self.undated,
        }
    }
}
