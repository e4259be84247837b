//! Facet filters and counts: resolving what a user types (`Zelenskyy`, `Kyiv`,
//! `/Europe/Ukraine`) to facets present in the index, and counting the top
//! speakers, places (one level under the place filter), sources and languages.

use serde::Serialize;
use std::collections::BTreeSet;

use tantivy::schema::Facet;

use super::facet_counts::Counts;
use super::tables::store::Strs;
use super::tables::{Children, View, LANG, SOURCE, SPEAKER};
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
    /// Languages the articles are filed under (ISO 639-1).
    pub langs: Vec<FacetCount>,
    /// Whether the counts are of every match; else they are estimated from a sample
    /// of a large result set (see `--exact-facets`, `exact=true`).
    pub exact: bool,
}

/// Resolves a filter value to facets: an exact path (`/Europe/Ukraine`), else every
/// facet whose last component, or whose full name's last word (a surname), matches
/// case- and accent-insensitively. Returns the input as a path when nothing matches
/// (the filter then matches nothing, which is the truth).
pub fn resolve(view: &View, field: usize, value: &str, match_surname: bool) -> Vec<Facet> {
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
    view.for_each_path(field, &mut |path| {
        if path == exact_path {
            found_exact = true;
        }
        let last = path.rsplit('/').next().unwrap_or("");
        let surname = || last.rsplit(' ').next().unwrap_or("");
        if folds_to(last, &want) || (match_surname && folds_to(surname(), &want)) {
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

/// Whether `s` folds to `want` (see [`fold`]), without allocating for ASCII `s`:
/// resolving a filter compares it with every label of the index.
fn folds_to(s: &str, want: &str) -> bool {
    if !s.is_ascii() {
        return fold(s) == want;
    }
    let fold_byte = |b: u8| {
        if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        }
    };
    s.len() == want.len() && s.bytes().zip(want.bytes()).all(|(a, b)| fold_byte(a) == b)
}

/// The `k` largest counts, most frequent first; ties in path order (ids are in path
/// order), so output is stable.
fn top(counts: &[u32], paths: &Strs, k: usize) -> Vec<FacetCount> {
    top_by(counts, |id| paths.get(id as usize).map(str::to_string), k)
}

/// [`top`], with the path of an id from `path` (ties in id order).
fn top_by(counts: &[u32], path: impl Fn(u32) -> Option<String>, k: usize) -> Vec<FacetCount> {
    let mut v: Vec<(u32, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(id, &n)| (n, id as u32))
        .collect();
    let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if v.len() > k && k > 0 {
        v.select_nth_unstable_by(k - 1, order);
    }
    v.truncate(k);
    v.sort_unstable_by(order);
    v.into_iter()
        .filter_map(|(count, id)| {
            let path = path(id)?;
            Some(FacetCount {
                label: path.rsplit('/').next().unwrap_or("").to_string(),
                path,
                count: count as u64,
            })
        })
        .collect()
}

/// Builds the facet section from the counts of speakers, places (children of
/// `place_parent`) and sources.
pub fn build(
    counts: &Counts,
    view: &View,
    children: &Children,
    place_parent: &str,
    k: usize,
) -> Facets {
    Facets {
        speakers: match &counts.people {
            // One row per person, under the canonical name.
            Some(people) => top_by(
                &counts.speakers,
                |key| people.path(key, &view.labels[SPEAKER]),
                k,
            ),
            None => top(&counts.speakers, &view.labels[SPEAKER], k),
        },
        places: top(&counts.places, &children.paths, k),
        place_parent: place_parent.to_string(),
        sources: top(&counts.sources, &view.labels[SOURCE], k),
        langs: top(&counts.langs, &view.labels[LANG], k),
        exact: counts.exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_folds_to_what_the_user_typed() {
        assert!(folds_to("Zelenskyy", "zelenskyy"));
        assert!(folds_to("O`Brien", "o'brien"));
        assert!(folds_to("Rutte", &fold("RUTTE")));
        assert!(folds_to("Erdoğan", &fold("Erdogan")));
        assert!(folds_to("Pérez", "perez"));
        assert!(!folds_to("Trumps", "trump"));
        assert!(!folds_to("Trum", "trump"));
    }
}
