#![no_main]
//! Publication dates and dates in URLs.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = newsdex::extract::date::parse_date(data);
    let _ = newsdex::extract::date::date_from_url(data);
});
