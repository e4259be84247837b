#![no_main]
//! Record splitting of raw file bytes (JSON, JSONL, text) and parsing each record.
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for name in ["a.json", "a.jsonl", "a.txt"] {
        let mut r: &[u8] = data;
        newsdex::ingest::read::read_records(Path::new(name), &mut r, &mut |rec| {
            if let Ok(rec) = rec {
                let _ = newsdex::ingest::parse::parse_record(&rec);
            }
            std::ops::ControlFlow::Continue(())
        });
    }
});
