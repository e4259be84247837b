//! What a search asks for, and the one place it is checked. The CLI's flags and the
//! HTTP API's query string both fill [`SearchParams`] (text as the user typed it);
//! [`SearchParams::validate`] turns them into a [`SearchRequest`] (parsed dates, sort,
//! limits in range), and [`SearchRequest::check`] holds the limits, so a request
//! built directly by library code meets the same rules.

use serde::Serialize;

use crate::extract::date;

/// Longest query text accepted.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Most hits one page may hold.
pub const MAX_LIMIT: usize = 1000;
/// Most results one request may page through (`offset + limit`).
pub const MAX_WINDOW: usize = 10_000;
/// Most speaker, place and source filters one request may hold together.
pub const MAX_FILTERS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Relevance,
    Date,
}

/// A search request that is out of range or does not parse, with what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RequestError(pub String);

/// A validated search.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    /// tantivy query syntax; empty matches every article.
    pub query: String,
    /// Inclusive lower bound, UTC seconds.
    pub from: Option<i64>,
    /// Exclusive upper bound, UTC seconds.
    pub to: Option<i64>,
    /// Every speaker must be quoted (AND).
    pub speakers: Vec<String>,
    /// Facet prefixes (`/Europe/Ukraine`) or place names; any may match (OR).
    pub places: Vec<String>,
    /// Any of these sources (OR).
    pub sources: Vec<String>,
    /// Any of these languages (OR), ISO 639-1: `de`.
    pub langs: Vec<String>,
    pub sort: SortBy,
    pub limit: usize,
    pub offset: usize,
    /// Compute facet counts and the date histogram.
    pub facets: bool,
    /// Build highlighted snippets.
    pub snippets: bool,
    /// Facet values to list per facet.
    pub facet_size: usize,
    /// Matches whose facets are counted exactly; past that they are estimated from
    /// a sample (see [`super::facet_counts`]). `None`: all exactly.
    pub facets_exact_up_to: Option<u64>,
    /// Only the articles of this near-duplicate cluster (see [`crate::dups`]).
    pub cluster: Option<u64>,
    /// Fold the articles of one cluster into its best-ranked one ("+N similar"): on
    /// by default.
    pub collapse: bool,
}

/// Matches whose facets a search counts exactly by default.
pub const FACETS_EXACT_UP_TO: u64 = 10_000;

impl SearchRequest {
    pub fn new(query: &str) -> Self {
        SearchRequest {
            query: query.to_string(),
            limit: 10,
            snippets: true,
            facet_size: 10,
            facets_exact_up_to: Some(FACETS_EXACT_UP_TO),
            collapse: true,
            ..Default::default()
        }
    }

    /// Does the request filter by speaker, place, source or language (which resolve
    /// through the facet labels)?
    pub fn filters_by_facets(&self) -> bool {
        !(self.speakers.is_empty()
            && self.places.is_empty()
            && self.sources.is_empty()
            && self.langs.is_empty())
    }

    /// The limits every search meets, however it was built.
    pub fn check(&self) -> Result<(), RequestError> {
        let fail = |m: String| Err(RequestError(m));
        if self.query.len() > MAX_QUERY_BYTES {
            return fail(format!("the query is longer than {MAX_QUERY_BYTES} bytes"));
        }
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return fail(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {}",
                self.limit
            ));
        }
        if self.offset.saturating_add(self.limit) > MAX_WINDOW {
            return fail(format!(
                "offset + limit must not exceed {MAX_WINDOW} (offset {}, limit {})",
                self.offset, self.limit
            ));
        }
        if self.speakers.len() + self.places.len() + self.sources.len() + self.langs.len()
            > MAX_FILTERS
        {
            return fail(format!(
                "at most {MAX_FILTERS} speaker, place and source filters together"
            ));
        }
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from >= to {
                return fail("the date range is empty: `from` is not before `to`".into());
            }
        }
        Ok(())
    }
}

/// Search parameters as a user gives them, before validation: the CLI's flags and the
/// API's query string both become this.
#[derive(Clone, Debug, Default)]
pub struct SearchParams {
    pub query: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub speakers: Vec<String>,
    pub places: Vec<String>,
    pub sources: Vec<String>,
    pub langs: Vec<String>,
    /// `relevance` (default) or `date`.
    pub sort: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
    pub facets: bool,
    /// Count every match's facets, however many (else large result sets are sampled).
    pub exact_facets: bool,
    /// Only this near-duplicate cluster (its hex id); shows all its articles.
    pub cluster: Option<String>,
    /// Show every copy of a story instead of folding them into one result.
    pub no_collapse: bool,
}

impl SearchParams {
    /// Parses and checks the parameters into a request.
    pub fn validate(self) -> Result<SearchRequest, RequestError> {
        let mut req = SearchRequest::new(&self.query);
        req.from = self
            .from
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_bound(s, false))
            .transpose()?;
        req.to = self
            .to
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_bound(s, true))
            .transpose()?;
        let keep = |v: Vec<String>| -> Vec<String> {
            v.into_iter().filter(|s| !s.trim().is_empty()).collect()
        };
        req.speakers = keep(self.speakers);
        req.places = keep(self.places);
        req.sources = keep(self.sources);
        req.langs = self
            .langs
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                crate::extract::lang::normalise(l)
                    .ok_or_else(|| RequestError(format!("not a language code: {l:?} (try de)")))
            })
            .collect::<Result<_, _>>()?;
        req.sort = match self.sort.as_deref().map(str::trim) {
            None | Some("") | Some("relevance") => SortBy::Relevance,
            Some("date") => SortBy::Date,
            Some(other) => {
                return Err(RequestError(format!(
                    "sort must be relevance or date, not {other:?}"
                )))
            }
        };
        if let Some(limit) = self.limit {
            req.limit = limit;
        }
        req.offset = self.offset;
        req.facets = self.facets;
        if self.exact_facets {
            req.facets_exact_up_to = None;
        }
        if let Some(c) = self.cluster.as_deref().filter(|c| !c.trim().is_empty()) {
            req.cluster = Some(crate::search::dups::parse_cluster(c).ok_or_else(|| {
                RequestError(format!(
                    "not a cluster id: {c:?} (16 hex digits, as `newsdex dups` and search results show)"
                ))
            })?);
        }
        req.collapse = !self.no_collapse && req.cluster.is_none();
        req.check()?;
        Ok(req)
    }
}

/// Parses a `from`/`to` date; `end` makes a bare day inclusive (the bound becomes the
/// start of the next day).
pub fn parse_bound(s: &str, end: bool) -> Result<i64, RequestError> {
    let ts = date::parse_date(s)
        .ok_or_else(|| RequestError(format!("not a date: {s:?} (try 2026-02-04)")))?;
    let bare_day = ts % 86_400 == 0 && !s.contains(':');
    Ok(if end && bare_day { ts + 86_400 } else { ts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &str) -> SearchParams {
        SearchParams {
            query: query.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_bare_day_is_inclusive_at_the_end() {
        let p = SearchParams {
            from: Some("2026-02-04".into()),
            to: Some("2026-02-04".into()),
            ..params("x")
        };
        let r = p.validate().unwrap();
        assert_eq!(r.to.unwrap() - r.from.unwrap(), 86_400);
    }

    #[test]
    fn every_limit_is_checked_in_one_place() {
        let bad = [
            SearchParams {
                limit: Some(0),
                ..params("")
            },
            SearchParams {
                limit: Some(MAX_LIMIT + 1),
                ..params("")
            },
            SearchParams {
                offset: MAX_WINDOW,
                ..params("")
            },
            SearchParams {
                sort: Some("up".into()),
                ..params("")
            },
            SearchParams {
                from: Some("notadate".into()),
                ..params("")
            },
            SearchParams {
                from: Some("2026-02-05".into()),
                to: Some("2026-02-01".into()),
                ..params("")
            },
            SearchParams {
                speakers: vec!["x".into(); MAX_FILTERS + 1],
                ..params("")
            },
            params(&"x".repeat(MAX_QUERY_BYTES + 1)),
        ];
        for p in bad {
            let shown = format!("{p:?}");
            assert!(p.validate().is_err(), "{shown}");
        }
        let ok = SearchParams {
            limit: Some(MAX_LIMIT),
            offset: MAX_WINDOW - MAX_LIMIT,
            sort: Some("date".into()),
            speakers: vec!["".into(), "Mark Rutte".into()],
            ..params("peace")
        };
        let r = ok.validate().unwrap();
        assert_eq!(r.sort, SortBy::Date);
        assert_eq!(r.speakers, vec!["Mark Rutte"]);
    }
}
