//! Facet filters and counts: resolving what a user types (`Zelenskyy`, `Kyiv`,
//! `/Europe/Ukraine`) to facets present in the index, and counting the top
//! speakers, places (one level under the place filter) and sources.

use serde::Serialize;
use std::collections::BTreeSet;

use tantivy::schema::Facet;
use tantivy::Searcher;

use super::facet_counts::LabelCache;
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

/// Resolves a filter value to facets: an exact path (`/Europe/Ukraine`), else every
/// facet whose last component, or whose full name's last word (a surname), matches
/// case- and accent-insensitively. Returns the input as a path when nothing matches
/// (the filter then matches nothing, which is the truth).
pub fn resolve(
    labels: &LabelCache,
    searcher: &Searcher,
    field: usize,
    value: &str,
    match_surname: bool,
) -> Vec<Facet> {
    let value = value.trim();
    if value.starts_with('/') {
        if let Ok(f) = Facet::from_text(value) {
            return vec![f];
        }
    }
    let exact = Facet::from_path([value]);
    let exact_path = exact.to_path_string();
    let want = fold(value);
    let mut found_exact = false;
    let mut matches: BTreeSet<String> = BTreeSet::new();
    labels.for_each_path(searcher, field, &mut |path| {
        if path == exact_path {
            found_exact = true;
        }
        let last = fold(path.rsplit('/').next().unwrap_or(""));
        if last == want || (match_surname && last.rsplit(' ').next() == Some(want.as_str())) {
            matches.insert(path.to_string());
        }
    });
    if found_exact || matches.is_empty() {
        return vec![exact];
    }
    matches
        .iter()
        .filter_map(|p| Facet::from_text(p).ok())
        .collect()
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
