//! The manifest of ingested files (`newsdex-manifest.json` in the index directory):
//! path, size and modification time of each file whose articles are all committed.
//! A re-run skips files that have not changed; `--force` ignores it. Written after
//! each commit, atomically (temporary file + rename), so it never claims a file the
//! index does not hold.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const MANIFEST_FILE: &str = "newsdex-manifest.json";

/// What is remembered of one ingested file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    pub mtime_ns: u128,
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> Self {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        FileStamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub files: BTreeMap<PathBuf, FileStamp>,
}

impl Manifest {
    /// Loads the manifest of an index directory; a missing or unreadable one is empty.
    pub fn load(index_dir: &Path) -> Self {
        std::fs::read(index_dir.join(MANIFEST_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Manifest {
                version: 1,
                files: BTreeMap::new(),
            })
    }

    /// True when the file was ingested and has not changed since.
    pub fn is_unchanged(&self, path: &Path, stamp: FileStamp) -> bool {
        self.files.get(path) == Some(&stamp)
    }

    pub fn record(&mut self, path: PathBuf, stamp: FileStamp) {
        self.files.insert(path, stamp);
    }

    /// Writes the manifest atomically.
    pub fn save(&self, index_dir: &Path) -> std::io::Result<()> {
        let tmp = index_dir.join(format!("{MANIFEST_FILE}.tmp"));
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&serde_json::to_vec(self).map_err(std::io::Error::other)?)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, index_dir.join(MANIFEST_FILE))
    }
}
