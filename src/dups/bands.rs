//! One LSH band's table: band key -> the first article that holds it.
//!
//! A hash map of every key would cost about twice its entries (its spare room, and
//! doubling as it grows: ~300 MB for 16 bands at a million articles). Instead, the
//! keys live in one sorted array of `key << 32 | article`, 8 bytes an entry, with a
//! directory of where each run of leading key bits starts (a lookup reads one or two
//! cache lines); new keys wait in a map and are merged in by the thousands.

use rustc_hash::FxHashMap;

/// Keys that wait in the map before a merge: at least this many, and an eighth of
/// the sorted ones (so that an entry is moved about nine times in all, and the map
/// stays small beside the array).
const RECENT: usize = 1 << 14;

#[derive(Default)]
pub(super) struct BandTable {
    /// `key << 32 | article`, sorted.
    sorted: Vec<u64>,
    /// Where the entries whose key has each value of its top bits start in `sorted`
    /// (one more at the end); the top bits are `key >> shift`.
    starts: Vec<u32>,
    shift: u32,
    recent: FxHashMap<u32, u32>,
}

impl BandTable {
    /// The article that holds `key`, if any.
    pub(super) fn get(&self, key: u32) -> Option<u32> {
        if let Some(&article) = self.recent.get(&key) {
            return Some(article);
        }
        let bucket = (key >> self.shift) as usize;
        let (&from, &to) = (self.starts.get(bucket)?, self.starts.get(bucket + 1)?);
        self.sorted[from as usize..to as usize]
            .iter()
            .find(|&&e| (e >> 32) as u32 == key)
            .map(|&e| e as u32)
    }

    /// Records that `article` holds `key`, which no earlier article holds (the
    /// caller looked it up).
    pub(super) fn insert_new(&mut self, key: u32, article: u32) {
        debug_assert!(self.get(key).is_none());
        self.recent.insert(key, article);
        if self.recent.len() >= RECENT.max(self.sorted.len() / 8) {
            self.merge();
        }
    }

    /// Moves the waiting keys into the sorted array and rebuilds the directory.
    fn merge(&mut self) {
        let mut new: Vec<u64> = self
            .recent
            .drain()
            .map(|(k, a)| (k as u64) << 32 | a as u64)
            .collect();
        new.sort_unstable();
        // Merged in place from the back: the array grows by `realloc` (which moves
        // large blocks by remapping them) instead of being copied into a new one
        // each time, which left the freed copies in the allocator's heap.
        let old_len = self.sorted.len();
        self.sorted.reserve_exact(new.len());
        self.sorted.resize(old_len + new.len(), 0);
        let merged = &mut self.sorted;
        let (mut i, mut j) = (old_len, new.len());
        for k in (0..merged.len()).rev() {
            if j == 0 {
                break;
            }
            if i > 0 && merged[i - 1] > new[j - 1] {
                merged[k] = merged[i - 1];
                i -= 1;
            } else {
                merged[k] = new[j - 1];
                j -= 1;
            }
        }
        // About four entries a directory slot.
        let bits = (usize::BITS - (merged.len() / 4).leading_zeros()).clamp(1, 24);
        self.shift = 32 - bits;
        let starts = &mut self.starts;
        starts.clear();
        starts.resize((1 << bits) + 1, 0);
        for &e in merged.iter() {
            starts[((e >> 32) as u32 >> self.shift) as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_before_and_after_merges() {
        let mut t = BandTable::default();
        let key = |i: u32| i.wrapping_mul(2_654_435_761);
        for i in 0..(3 * RECENT as u32 + 10) {
            t.insert_new(key(i), i);
        }
        for i in [0, 5, RECENT as u32, 3 * RECENT as u32 + 9] {
            assert_eq!(t.get(key(i)), Some(i));
        }
        assert_eq!(t.get(key(3 * RECENT as u32 + 10)), None);
        assert_eq!(t.get(u32::MAX), None);
        assert!(t.recent.len() < RECENT);
        assert!(t.sorted.windows(2).all(|w| w[0] < w[1]));
    }
}
