#![no_main]
//! WARC reading (members, record framing, HTTP heads, codings) and each page record
//! parsed into an article.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let counts = newsdex::ingest::warc::WarcCounts::default();
    newsdex::ingest::warc::read_warc(data, &counts, &mut |rec| {
        if let Ok(rec) = rec {
            let _ = newsdex::ingest::parse::parse_record(&rec);
        }
        std::ops::ControlFlow::Continue(())
    });
});
