//! The `newsdex` binary: parses arguments and runs one command of the library.

use clap::Parser;

fn main() {
    tune_allocator();
    let cli = newsdex::cli::Cli::parse();
    std::process::exit(newsdex::cli::run(cli));
}

/// glibc's malloc serves blocks under its mmap threshold from its heaps, and raises
/// the threshold (up to 32 MB) each time a larger mapped block is freed: after that,
/// the multi-megabyte arrays an ingest grows and frees (tantivy's buffers, the
/// near-duplicate band tables) stay in the heaps as holes. A fixed 1 MiB threshold
/// maps them and gives them back. `newsdex bench ingest` of 1M scaled articles: peak
/// anonymous memory 1,038 MB without it, 681 MB with it; on 100k, three alternating
/// runs each, 4,163 against 4,205 articles/s (README, "Choices").
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a malloc parameter; it is called before any thread
    // starts, and a refused setting leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
