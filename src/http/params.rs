//! Query-string parameters of `/api/search` into a [`SearchRequest`]: repeated keys
//! (`speaker=a&speaker=b`), percent-decoding, and the same validation as the CLI
//! ([`SearchParams::validate`]).

use percent_encoding::percent_decode_str;

use crate::search::export::ExportOrder;
use crate::search::export_format::{Fields, Format};
use crate::search::series::{Period, SplitBy};
use crate::search::{SearchParams, SearchRequest};
#[cfg(test)]
use crate::search::{SortBy, MAX_LIMIT};

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

/// The search parameters among decoded pairs (other keys are left to the caller).
fn search_params(pairs: &[(String, String)]) -> Result<SearchParams, String> {
    let mut p = SearchParams {
        facets: true,
        ..Default::default()
    };
    for (k, v) in pairs.iter().cloned() {
        match k.as_str() {
            "q" => p.query = v,
            "from" => p.from = Some(v),
            "to" => p.to = Some(v),
            "speaker" => p.speakers.push(v),
            "place" => p.places.push(v),
            "source" => p.sources.push(v),
            "lang" => p.langs.push(v),
            "sort" => p.sort = Some(v),
            "limit" => p.limit = Some(number("limit", &v)?),
            "offset" => p.offset = number("offset", &v)?,
            "facets" => p.facets = v != "0" && v != "false",
            "exact" => p.exact_facets = v != "0" && v != "false",
            "cluster" => p.cluster = Some(v),
            "collapse" => p.no_collapse = v == "0" || v == "false",
            _ => {}
        }
    }
    Ok(p)
}

/// Builds and validates a search request from the query string: the parameters
/// become [`SearchParams`], checked by the same code as the CLI's flags.
pub fn search_request(raw: &str) -> Result<SearchRequest, String> {
    search_params(&pairs(raw)?)?
        .validate()
        .map_err(|e| e.to_string())
}

/// What `/api/counts` asks for.
pub struct CountsQuery {
    pub req: SearchRequest,
    pub by: Period,
    pub split: Option<(SplitBy, usize)>,
    /// CSV rather than JSON.
    pub csv: bool,
}

/// `/api/counts`: the search filters, `by`, `split`, `top` and `format` (json or
/// csv).
pub fn counts_request(raw: &str) -> Result<CountsQuery, String> {
    let pairs = pairs(raw)?;
    let req = search_params(&pairs)?
        .validate()
        .map_err(|e| e.to_string())?;
    let (mut by, mut split, mut top, mut csv) = (Period::Month, None, 10, false);
    for (k, v) in pairs {
        match k.as_str() {
            "by" => by = Period::parse(&v)?,
            "split" if !v.is_empty() => split = Some(SplitBy::parse(&v)?),
            "top" => top = number("top", &v)?.clamp(1, 100),
            "format" => {
                csv = match v.as_str() {
                    "csv" => true,
                    "" | "json" => false,
                    other => return Err(format!("format must be json or csv, not {other:?}")),
                }
            }
            _ => {}
        }
    }
    Ok(CountsQuery {
        req,
        by,
        split: split.map(|s| (s, top)),
        csv,
    })
}

/// `/api/export`: the search filters, `format` (jsonl or csv), `fields` and `sort`
/// (`date`: oldest first; anything else: index order).
pub fn export_request(raw: &str) -> Result<(SearchRequest, Format, Fields, ExportOrder), String> {
    // `sort` means the export's order here, not the search's.
    let filters: String = raw
        .split('&')
        .filter(|p| !p.starts_with("sort="))
        .collect::<Vec<_>>()
        .join("&");
    let req = search_request(&filters)?;
    let (mut format, mut fields, mut order) =
        (Format::Jsonl, Fields::default(), ExportOrder::Index);
    for (k, v) in pairs(raw)? {
        match k.as_str() {
            "format" => {
                format = Format::parse(&v)?;
                if format == Format::Parquet {
                    return Err("the API exports jsonl or csv; Parquet from the CLI".into());
                }
            }
            "fields" => fields = Fields::parse(&v)?,
            "sort" => {
                order = match v.as_str() {
                    "date" => ExportOrder::Date,
                    "" | "none" => ExportOrder::Index,
                    other => return Err(format!("sort must be none or date, not {other:?}")),
                }
            }
            _ => {}
        }
    }
    Ok((req, format, fields, order))
}

fn number(key: &str, v: &str) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("{key} must be a number, not {v:?}"))
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
        assert!(search_request(&format!("limit={}", MAX_LIMIT + 1)).is_err());
        assert!(search_request("limit=x").is_err());
        assert!(search_request("from=notadate").is_err());
        assert!(search_request("sort=up").is_err());
        assert!(search_request("offset=9999&limit=10").is_err());
        assert!(search_request("q=%FF").is_err());
    }
}
