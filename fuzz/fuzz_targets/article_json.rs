#![no_main]
//! JSON article records: parse, then extract whatever parsed.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Ok(raw) = newsdex::ingest::parse::parse_json(data) {
        let _ = newsdex::extract::date::parse_date(raw.date.as_deref().unwrap_or(""));
    }
});
