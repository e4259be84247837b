//! The `newsdex` binary: parses arguments and runs one command of the library.

use clap::Parser;

fn main() {
    let cli = newsdex::cli::Cli::parse();
    std::process::exit(newsdex::cli::run(cli));
}
