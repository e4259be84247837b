//! The integration tests: one binary, one harness (`util`), a module per concern.

mod extract;
mod formats;
mod hostile;
mod reingest;
mod search;
mod util;
