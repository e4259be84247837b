//! Facet filters and counts: resolving what a user types (`Zelenskyy`, `Kyiv`,
//! `/Europe/Ukraine`) to facets present in the index, and counting the top
//! speakers, places (one level under the place filter) and sources.

use serde::Serialize;
use tantivy::schema::{Facet, Field};
use tantivy::Searcher;

use crate::extract::text::fold;

/// One facet value and its count in the result set.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    /// Display label: the last path component.
    pub label: String,
    /// The full facet path, usable as a filter.
    pub path: String,
    pub count: u64,
}

/// Facet counts of a result set.
#[derive(Clone, Debug, Serialize, Default)]
pub struct Facets {
    pub speakers: Vec<FacetCount>,
    /// Children of `place_parent`.
    pub places: Vec<FacetCount>,
    pub place_parent: String,
    pub sources: Vec<FacetCount>,
}

/// Every facet of a field present in the index (distinct, sorted).
pub fn all_facets(searcher: &Searcher, field: Field) -> Vec<Facet> {
    let mut out = Vec::new();
    for seg in searcher.segment_readers() {
        let Ok(inv) = seg.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inv.terms().stream() else {
            continue;
        };
        while stream.advance() {
            if let Ok(f) = Facet::from_encoded(stream.key().to_vec()) {
                out.push(f);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Resolves a filter value to facets: an exact path (`/Europe/Ukraine`), else every
/// facet whose last component, or whose full name's last word (a surname), matches
/// case- and accent-insensitively. Returns the input as a path when nothing matches
/// (the filter then matches nothing, which is the truth).
pub fn resolve(searcher: &Searcher, field: Field, value: &str, match_surname: bool) -> Vec<Facet> {
    let value = value.trim();
    if value.starts_with('/') {
        if let Ok(f) = Facet::from_text(value) {
            return vec![f];
        }
    }
    let exact = Facet::from_path([value]);
    let all = all_facets(searcher, field);
    if all.contains(&exact) {
        return vec![exact];
    }
    let want = fold(value);
    let mut out: Vec<Facet> = all
        .iter()
        .filter(|f| {
            let path = f.to_path();
            let last = path.last().map(|s| fold(s)).unwrap_or_default();
            last == want || (match_surname && last.rsplit(' ').next() == Some(want.as_str()))
        })
        .cloned()
        .collect();
    if out.is_empty() {
        out.push(exact);
    }
    out
}

fn top(counts: std::collections::HashMap<String, u64>, k: usize) -> Vec<FacetCount> {
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    // Most frequent first; ties in path order, so output is stable.
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(k);
    v.into_iter()
        .map(|(path, count)| FacetCount {
            label: path.rsplit('/').next().unwrap_or("").to_string(),
            path,
            count,
        })
        .collect()
}

/// Builds the facet section from the counts of speakers, places (children of
/// `place_parent`) and sources.
pub fn build(counts: super::facet_counts::FacetFruit, place_parent: &str, k: usize) -> Facets {
    let [speakers, places, sources] = counts;
    Facets {
        speakers: top(speakers, k),
        places: top(places, k),
        place_parent: place_parent.to_string(),
        sources: top(sources, k),
    }
}
