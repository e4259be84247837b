//! The integration tests: one binary, one harness (`util`), a module per concern.

mod crash;
mod dups;
mod export;
mod extract;
mod faults;
mod formats;
mod hostile;
mod http;
mod languages;
mod props;
mod quotes;
mod reingest;
mod search;
mod util;
mod warc;
mod web_e2e;
