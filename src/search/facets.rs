//! Facet filters and counts: resolving what a user types (`Zelenskyy`, `Kyiv`,
//! `/Europe/Ukraine`) to facets present in the index, and counting the top
//! speakers, places (one level under the place filter) and sources.

use serde::Serialize;
use tantivy::collector::FacetCounts;
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

fn to_counts(counts: &FacetCounts, parent: &str, k: usize) -> Vec<FacetCount> {
    counts
        .top_k(parent, k)
        .into_iter()
        .map(|(f, n)| FacetCount {
            label: f
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            path: f.to_path_string(),
            count: n,
        })
        .collect()
}

/// Builds the facet section from the three collectors' counts.
pub fn build(
    speakers: &FacetCounts,
    places: &FacetCounts,
    place_parent: &str,
    sources: &FacetCounts,
    k: usize,
) -> Facets {
    Facets {
        speakers: to_counts(speakers, "/", k),
        places: to_counts(places, place_parent, k),
        place_parent: place_parent.to_string(),
        sources: to_counts(sources, "/", k),
    }
}
