#![no_main]
//! The query string, through newsdex's parser guard and tantivy's query parser.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &str| {
    static S: OnceLock<newsdex::search::Searchable> = OnceLock::new();
    let s = S.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdex-fuzz-{}", std::process::id()));
        let schema = newsdex::schema::NewsSchema::new();
        let index = newsdex::writer::open_or_create(&dir, &schema).unwrap();
        newsdex::search::Searchable::from_index(index, schema, None, false).unwrap()
    });
    let _ = s.parse_query(data);
});
