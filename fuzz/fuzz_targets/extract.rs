#![no_main]
//! Speaker and place extraction: no panic, quote offsets inside the text.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

use newsdex::extract::{ExtractOptions, Extractor};
use newsdex::extract::RawArticle;

fuzz_target!(|data: &str| {
    static E: OnceLock<Extractor> = OnceLock::new();
    let e = E.get_or_init(|| Extractor::new(ExtractOptions::default()));
    let raw = RawArticle { body: data.to_string(), ..Default::default() };
    let (a, _) = e.extract(raw);
    for q in a.speakers.iter().flat_map(|s| &s.quotes) {
        assert_eq!(&data[q.start..q.end], q.text);
    }
});
