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
///
/// A fixed mmap threshold leaves the trim threshold at 128 KiB: a heap whose free
/// top grew past it was given back to the kernel and faulted in again, zeroed, by
/// the next search's count arrays (6% of `bench query`'s CPU on term_low queries at
/// 1M articles). Keeping up to 32 MiB: 14% less CPU there; `bench ingest` of 100k
/// articles, peak anonymous memory 405 MB against 377.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a malloc parameter; it is called before any thread
    // starts, and a refused setting leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 32 << 20);
    }
}
