//! Query-string parameters of `/api/search` into a [`SearchRequest`]: repeated keys
//! (`speaker=a&speaker=b`), percent-decoding, and the same validation as the CLI.

use percent_encoding::percent_decode_str;

use super::MAX_LIMIT;
use crate::search::{SearchRequest, SortBy, MAX_QUERY_BYTES, MAX_WINDOW};

/// `key=value` pairs of a query string, decoded (`+` is a space).
pub fn pairs(raw: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for part in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let dec = |s: &str| {
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| format!("parameter {s:?} is not UTF-8"))
        };
        out.push((dec(k)?, dec(v)?));
    }
    Ok(out)
}

/// Builds and validates a search request from the query string.
pub fn search_request(raw: &str) -> Result<SearchRequest, String> {
    let mut req = SearchRequest::new("");
    req.facets = true;
    for (k, v) in pairs(raw)? {
        match k.as_str() {
            "q" => {
                if v.len() > MAX_QUERY_BYTES {
                    return Err(format!("q is longer than {MAX_QUERY_BYTES} bytes"));
                }
                req.query = v;
            }
            "from" if !v.is_empty() => req.from = Some(crate::cli::parse_bound(&v, false)?),
            "to" if !v.is_empty() => req.to = Some(crate::cli::parse_bound(&v, true)?),
            "speaker" if !v.is_empty() => req.speakers.push(v),
            "place" if !v.is_empty() => req.places.push(v),
            "source" if !v.is_empty() => req.sources.push(v),
            "sort" => {
                req.sort = match v.as_str() {
                    "" | "relevance" => SortBy::Relevance,
                    "date" => SortBy::Date,
                    other => return Err(format!("sort must be relevance or date, not {other:?}")),
                }
            }
            "limit" => {
                req.limit = v
                    .parse()
                    .map_err(|_| format!("limit must be a number, not {v:?}"))?;
                if req.limit == 0 || req.limit > MAX_LIMIT {
                    return Err(format!("limit must be between 1 and {MAX_LIMIT}"));
                }
            }
            "offset" => {
                req.offset = v
                    .parse()
                    .map_err(|_| format!("offset must be a number, not {v:?}"))?
            }
            "facets" => req.facets = v != "0" && v != "false",
            _ => {}
        }
    }
    if req.speakers.len() + req.places.len() + req.sources.len() > 50 {
        return Err("too many filters".into());
    }
    if req.offset.saturating_add(req.limit) > MAX_WINDOW {
        return Err(format!("offset + limit must not exceed {MAX_WINDOW}"));
    }
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_and_decoding() {
        let r = search_request("q=peace+talks&speaker=Mark%20Rutte&speaker=Zelenskyy&place=%2FEurope&sort=date&limit=5").unwrap();
        assert_eq!(r.query, "peace talks");
        assert_eq!(r.speakers, vec!["Mark Rutte", "Zelenskyy"]);
        assert_eq!(r.places, vec!["/Europe"]);
        assert_eq!((r.sort, r.limit), (SortBy::Date, 5));
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(search_request("limit=1000").is_err());
        assert!(search_request("limit=x").is_err());
        assert!(search_request("from=notadate").is_err());
        assert!(search_request("sort=up").is_err());
        assert!(search_request("offset=9999&limit=10").is_err());
        assert!(search_request("q=%FF").is_err());
    }
}
