//! The walk stage: from the paths a user gives to the list of files to read.
//! Directories are walked recursively (symlinks followed, loops reported);
//! inside a directory only article files (`.json`, `.jsonl`, `.ndjson`, `.txt`, `.md`,
//! and their `.gz` / `.zst` copies) are taken; a file named explicitly is always read.

use std::path::{Path, PathBuf};

use super::manifest::FileStamp;
use super::read::is_article_file;

/// A file to ingest.
#[derive(Clone, Debug)]
pub struct InputFile {
    pub path: PathBuf,
    pub stamp: FileStamp,
}

/// A path that could not be walked.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Is this directory a tantivy index?
fn is_index_dir(dir: &Path) -> bool {
    dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()
}

/// Lists the input files under `roots`, sorted within each root, each once;
/// `index_dir` and any other index directory met on the way are skipped.
pub fn walk(roots: &[PathBuf], index_dir: Option<&Path>) -> (Vec<InputFile>, Vec<WalkError>) {
    let own_index = index_dir.and_then(|d| d.canonicalize().ok());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(WalkError {
                    path: root.clone(),
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            if seen.insert(root.clone()) {
                files.push(InputFile {
                    path: root.clone(),
                    stamp: FileStamp::of(&meta),
                });
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // Never read an index (ours, or another kept in the dump folder) as articles.
                let dir = e.file_type().is_dir();
                let own = dir && own_index.is_some() && e.path().canonicalize().ok() == own_index;
                !(own || dir && is_index_dir(e.path()))
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && is_article_file(e.path()) => {
                    let path = e.path().to_path_buf();
                    match e.metadata() {
                        Ok(m) => {
                            if seen.insert(path.clone()) {
                                files.push(InputFile {
                                    path,
                                    stamp: FileStamp::of(&m),
                                });
                            }
                        }
                        Err(err) => errors.push(WalkError {
                            path,
                            message: format!("cannot read: {err}"),
                        }),
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let message = if err.loop_ancestor().is_some() {
                        "symlink loop, skipped".to_string()
                    } else {
                        format!(
                            "cannot read: {}",
                            err.io_error()
                                .map_or_else(|| err.to_string(), |e| e.to_string())
                        )
                    };
                    errors.push(WalkError { path, message });
                }
            }
        }
    }
    (files, errors)
}
