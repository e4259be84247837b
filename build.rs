//! Records the tantivy version from Cargo.lock, for benchmark reports.
fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let mut version = "unknown".to_string();
    let mut in_tantivy = false;
    for line in lock.lines() {
        if line == "name = \"tantivy\"" {
            in_tantivy = true;
        } else if in_tantivy && line.starts_with("version = ") {
            version = line
                .trim_start_matches("version = ")
                .trim_matches('"')
                .to_string();
            break;
        }
    }
    println!("cargo:rustc-env=NEWSDEX_TANTIVY_VERSION={version}");
}
