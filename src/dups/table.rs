//! The clusters of an index: every sketched article's sketch and cluster, the LSH
//! band tables that find an article's candidates, and the file they persist in.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use rustc_hash::FxHashMap;

use super::bands::BandTable;
use super::{same_story, Signature, Sketch, BANDS, HASHES};

/// The file in the index directory that holds the sketches.
pub const SKETCH_FILE: &str = "newsdex-sketches.bin";
/// The file's first bytes: its format, and the sketch's shape.
const MAGIC: [u8; 8] = [b'N', b'D', b'X', b'S', b'K', 1, HASHES as u8, BANDS as u8];
/// One article in the file: its cluster, shingle count, numbers, values and band
/// keys.
const RECORD: usize = 8 + 4 + 8 + HASHES + 4 * BANDS;

/// Which cluster each new article belongs to, given the articles sketched before it
/// (in earlier runs and in this one).
#[derive(Default)]
pub struct Clusters {
    clusters: Vec<u64>,
    /// Per article: the first article of its cluster (its own index if it is).
    founders: Vec<u32>,
    signatures: Vec<Signature>,
    /// Per band: band key -> the first article holding it.
    bands: [BandTable; BANDS],
    /// Records not yet in the file.
    pending: Vec<u8>,
    path: Option<PathBuf>,
    /// This run has written to the file.
    written: bool,
    /// Why writing the file failed between two saves (reported by the next save).
    failed: Option<anyhow::Error>,
}

/// Pending records are written once they fill this many bytes.
const PENDING_BYTES: usize = 1 << 20;

impl Clusters {
    /// Empty clusters, kept in memory only.
    pub fn new() -> Self {
        Clusters::default()
    }

    /// The clusters of the index in `dir`, from its sketch file (none yet: empty). A
    /// file of another format is set aside: the articles it sketched keep their
    /// clusters, new ones are compared with the articles sketched from now on.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join(SKETCH_FILE);
        let mut clusters = Clusters::new();
        clusters.path = Some(path.clone());
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(clusters),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let mut magic = [0u8; MAGIC.len()];
        if reader.read_exact(&mut magic).is_err() || magic != MAGIC {
            std::fs::rename(&path, path.with_extension("bin.old"))
                .with_context(|| format!("cannot set aside {}", path.display()))?;
            return Ok(clusters);
        }
        let records = reader.get_ref().metadata().map_or(0, |m| m.len()) as usize / RECORD;
        clusters.signatures.reserve_exact(records);
        clusters.clusters.reserve_exact(records);
        clusters.founders.reserve_exact(records);
        let mut record = [0u8; RECORD];
        // The first article of each cluster, as read.
        let mut first: FxHashMap<u64, u32> = FxHashMap::default();
        // A record cut short (a run stopped while writing it) ends the file.
        while reader.read_exact(&mut record).is_ok() {
            let (cluster, sketch) = decode(&record);
            let founder = first.get(&cluster).copied();
            first.entry(cluster).or_insert(clusters.len() as u32);
            let mut held = [false; BANDS];
            for (band, key) in sketch.bands.iter().enumerate() {
                held[band] = clusters.bands[band].get(*key).is_some();
            }
            clusters.insert(cluster, sketch, founder, held);
        }
        Ok(clusters)
    }

    /// How many articles are sketched.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// The cluster of a new article: that of the most similar earlier article of the
    /// same story, else `own` (the article starts a cluster). An article without a
    /// sketch (too short) is always alone.
    pub fn assign(&mut self, own: u64, sketch: Option<Sketch>) -> u64 {
        let Some(sketch) = sketch else {
            return own;
        };
        let mut best: Option<(f64, u32)> = None;
        let mut tried: [u32; BANDS] = [u32::MAX; BANDS];
        let mut held = [false; BANDS];
        for (band, key) in sketch.bands.iter().enumerate() {
            let Some(i) = self.bands[band].get(*key) else {
                continue;
            };
            held[band] = true;
            if tried.contains(&i) {
                continue;
            }
            tried[band] = i;
            let Some(j) = same_story(&sketch.signature, &self.signatures[i as usize]) else {
                continue;
            };
            // A copy of a copy must also be a copy of the cluster's first article:
            // clusters do not drift from story to story through a chain of
            // look-alikes (template stories).
            let founder = self.founders[i as usize];
            if founder != i
                && same_story(&sketch.signature, &self.signatures[founder as usize]).is_none()
            {
                continue;
            }
            if best.is_none_or(|(b, _)| j > b) {
                best = Some((j, i));
            }
        }
        let cluster = best.map_or(own, |(_, i)| self.clusters[i as usize]);
        if self.path.is_some() {
            encode(cluster, &sketch, &mut self.pending);
            if self.pending.len() >= PENDING_BYTES {
                // Written as it comes, synced at the commit ([`Clusters::save`]).
                if let Err(e) = self.append(false) {
                    self.failed.get_or_insert(e);
                }
            }
        }
        self.insert(
            cluster,
            sketch,
            best.map(|(_, i)| self.founders[i as usize]),
            held,
        );
        cluster
    }

    /// Adds an article of `cluster`, whose first article is `founder` (`None`: this
    /// one), to the bands whose key no earlier article `held`.
    fn insert(&mut self, cluster: u64, sketch: Sketch, founder: Option<u32>, held: [bool; BANDS]) {
        let i = self.signatures.len() as u32;
        for (band, key) in sketch.bands.iter().enumerate() {
            if !held[band] {
                self.bands[band].insert_new(*key, i);
            }
        }
        self.clusters.push(cluster);
        self.founders.push(founder.unwrap_or(i));
        self.signatures.push(sketch.signature);
    }

    /// Writes the sketches assigned since the last save to the file and syncs it
    /// (before the index commits its articles: a sketch without its article is
    /// harmless, an article without its sketch would not be found by its copies).
    pub fn save(&mut self) -> anyhow::Result<()> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.append(true)
    }

    /// Appends the pending records to the file, then syncs it if `sync`.
    fn append(&mut self, sync: bool) -> anyhow::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.pending.is_empty() && !(sync && self.written) {
            return Ok(());
        }
        let first = !self.written;
        let write = || -> std::io::Result<()> {
            let mut file = OpenOptions::new().create(true).append(true).open(path)?;
            let len = file.metadata()?.len();
            if len == 0 {
                file.write_all(&MAGIC)?;
            } else if first {
                // Drop a record an interrupted run cut short.
                let whole =
                    MAGIC.len() as u64 + (len - MAGIC.len() as u64) / RECORD as u64 * RECORD as u64;
                if whole != len {
                    file.set_len(whole)?;
                }
            }
            file.write_all(&self.pending)?;
            if sync {
                file.sync_data()?;
            }
            Ok(())
        };
        write().with_context(|| format!("cannot write {}", path.display()))?;
        self.written = true;
        self.pending.clear();
        Ok(())
    }
}

fn encode(cluster: u64, sketch: &Sketch, out: &mut Vec<u8>) {
    let signature = &sketch.signature;
    out.extend_from_slice(&cluster.to_le_bytes());
    out.extend_from_slice(&signature.shingles.to_le_bytes());
    out.extend_from_slice(&signature.numbers.to_le_bytes());
    out.extend_from_slice(&signature.values);
    for key in &sketch.bands {
        out.extend_from_slice(&key.to_le_bytes());
    }
}

fn decode(record: &[u8; RECORD]) -> (u64, Sketch) {
    let (cluster, rest) = record.split_at(8);
    let (shingles, rest) = rest.split_at(4);
    let (numbers, rest) = rest.split_at(8);
    let (values, keys) = rest.split_at(HASHES);
    let mut sketch = Sketch {
        signature: Signature {
            values: [0; HASHES],
            shingles: u32::from_le_bytes(shingles.try_into().unwrap_or_default()),
            numbers: u64::from_le_bytes(numbers.try_into().unwrap_or_default()),
        },
        bands: [0; BANDS],
    };
    sketch.signature.values.copy_from_slice(values);
    for (key, bytes) in sketch.bands.iter_mut().zip(keys.chunks_exact(4)) {
        *key = u32::from_le_bytes(bytes.try_into().unwrap_or_default());
    }
    (
        u64::from_le_bytes(cluster.try_into().unwrap_or_default()),
        sketch,
    )
}

#[cfg(test)]
mod tests {
    use super::super::sketch;
    use super::*;

    const BRIDGE: &str = "Officials in the capital said on Monday that the bridge project \
        would be reviewed by an independent panel before the end of the year, after months of \
        complaints from residents and local businesses. The panel will hear evidence in public \
        and publish its findings, the officials said, adding that no decision had been taken on \
        costs. Opposition leaders welcomed the review but said it came too late for many families.";
    const FLOODS: &str = "Heavy rain flooded dozens of homes in the river valley overnight, \
        and emergency crews spent the morning pumping water from basements and clearing roads \
        blocked by fallen trees. Forecasters warned that more storms could arrive by the weekend. \
        The mayor opened the school gym as a shelter and asked drivers to stay away from the \
        low bridge on the main road until engineers had checked it.";

    #[test]
    fn copies_join_the_first_articles_cluster_and_the_file_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut clusters = Clusters::open(dir.path()).unwrap();
        let first = BRIDGE;
        assert_eq!(clusters.assign(1, sketch(first)), 1);
        assert_eq!(clusters.assign(2, sketch(FLOODS)), 2);
        let copy = format!("PARIS (AFP) - {first} Copyright AFP.");
        assert_eq!(clusters.assign(3, sketch(&copy)), 1);
        assert_eq!(clusters.assign(4, None), 4);
        clusters.save().unwrap();

        // A later run finds copies of what this one indexed.
        let mut again = Clusters::open(dir.path()).unwrap();
        assert_eq!(again.len(), 3);
        assert_eq!(
            again.assign(5, sketch(&format!("{first} More to follow."))),
            1
        );
        // A record cut short by a stopped run is dropped, the rest is read.
        again.save().unwrap();
        let path = dir.path().join(SKETCH_FILE);
        let len = std::fs::metadata(&path).unwrap().len();
        OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(&[7; 9])
            .unwrap();
        let mut third = Clusters::open(dir.path()).unwrap();
        assert_eq!(third.len(), 4);
        assert_eq!(third.assign(6, sketch(FLOODS)), 2);
        third.save().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), len + RECORD as u64);
    }

    #[test]
    fn a_file_of_another_format_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SKETCH_FILE), b"something else").unwrap();
        let clusters = Clusters::open(dir.path()).unwrap();
        assert!(clusters.is_empty());
        assert!(dir.path().join("newsdex-sketches.bin.old").exists());
    }
}

#[cfg(test)]
mod scale {
    use super::*;

    fn rss_mb() -> f64 {
        let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        s.lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    }

    /// Memory and time of opening the sketch file of the index in
    /// `$NEWSDEX_SKETCH_DIR` (by hand, as below).
    #[test]
    #[ignore]
    fn clusters_of_an_index() {
        let Some(dir) = std::env::var_os("NEWSDEX_SKETCH_DIR") else {
            return;
        };
        let before = rss_mb();
        let t = std::time::Instant::now();
        let clusters = Clusters::open(std::path::Path::new(&dir)).unwrap();
        println!(
            "{} sketches: {:.1} s, {:.0} MB more resident",
            clusters.len(),
            t.elapsed().as_secs_f64(),
            rss_mb() - before
        );
    }

    /// Memory and time of a million random sketches (run by hand: `cargo test
    /// --release --lib clusters_of_a_million -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn clusters_of_a_million() {
        let before = rss_mb();
        let t = std::time::Instant::now();
        let mut clusters = Clusters::new();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..1_000_000u64 {
            let mut sketch = Sketch {
                signature: Signature {
                    values: [0; HASHES],
                    shingles: 100,
                    numbers: 0,
                },
                bands: [0; BANDS],
            };
            for v in sketch.signature.values.iter_mut() {
                *v = next() as u8;
            }
            for b in sketch.bands.iter_mut() {
                *b = next() as u32;
            }
            clusters.assign(i, Some(sketch));
        }
        println!(
            "1M sketches: {:.1} s, {:.0} MB more resident",
            t.elapsed().as_secs_f64(),
            rss_mb() - before
        );
    }
}
