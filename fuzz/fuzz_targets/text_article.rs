#![no_main]
//! Plain-text articles with headers.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = newsdex::ingest::parse::parse_text(data);
});
