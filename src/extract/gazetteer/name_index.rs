//! The gazetteer's name index: the lookup key of a name ([`name_key`]), and the map
//! from key hashes to the entries that have the name, with a flag for keys that start
//! a multi-word name.

use rustc_hash::FxHashMap;

use crate::extract::text::{ascii_alnum, fold};

/// The lookup key of a name: folded, non-alphanumerics as single spaces.
pub fn name_key(s: &str) -> String {
    if s.is_ascii() {
        let mut buf = vec![0u8; s.len()];
        let n = ascii_key_into(s.as_bytes(), &mut buf);
        buf.truncate(n);
        return String::from_utf8(buf).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') && c != '\'' {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`name_key`] of ASCII text into `out` (at least as long as `s`): alphanumerics
/// lowercased, other runs as one space (apostrophes dropped), no space at either
/// end. Returns the key's length; the key is ASCII.
fn ascii_key_into(s: &[u8], out: &mut [u8]) -> usize {
    let out = &mut out[..s.len()];
    let mut n = 0;
    for &b in s {
        if ascii_alnum(b) {
            // Lowercases a letter and keeps a digit (0x30..=0x39 have the bit set).
            out[n] = b | 0x20;
            n += 1;
        } else if n > 0 && out[n - 1] != b' ' && b != b'\'' {
            out[n] = b' ';
            n += 1;
        }
    }
    while n > 0 && out[n - 1] == b' ' {
        n -= 1;
    }
    n
}

/// Calls `f` with [`name_key`] of `s`, without allocating for short ASCII names.
pub fn with_name_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 64;
    if s.len() > MAX || !s.is_ascii() {
        return f(&name_key(s));
    }
    let mut buf = [0u8; MAX];
    let n = ascii_key_into(s.as_bytes(), &mut buf);
    // SAFETY: `ascii_key_into` writes only lowercased ASCII alphanumerics and spaces;
    // ASCII bytes are valid UTF-8.
    f(unsafe { std::str::from_utf8_unchecked(&buf[..n]) })
}

const NAME_SHARDS: usize = 16;

/// The name index's hash of a key. The index keeps hashes, not key strings: a lookup
/// is one probe of a compact table (the extractors make millions of them, and with
/// pointers to key strings each cost several cache misses while tantivy's indexing
/// threads share the caches). Two keys would have to share all 64 bits to be
/// confused: about 10^-8 for the whole gazetteer, 10^-14 per lookup.
pub fn key_hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

fn shard_of(h: u64) -> usize {
    (h >> 60) as usize % NAME_SHARDS
}

/// Bit of [`Slot::len`]: some multi-word name starts with this (one-word) key.
const STARTS_MULTIWORD: u32 = 1 << 31;

/// What the index holds for one key.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// The one entry's index, or where the key's entries start in [`NameShard::ids`].
    at: u32,
    /// Number of entries, with the [`STARTS_MULTIWORD`] flag.
    len: u32,
}

/// Key hash -> entries, split in shards so that start-up can fill them on all cores.
#[derive(Default)]
pub(super) struct NameIndex(Vec<NameShard>);

impl NameIndex {
    /// From (key hash, entry, hash of the first word of a multi-word key) in
    /// gazetteer order.
    pub(super) fn build(names: impl Iterator<Item = (u64, u32, Option<u64>)>) -> Self {
        use rayon::prelude::*;
        let mut pairs: Vec<Vec<(u64, u32)>> = vec![Vec::new(); NAME_SHARDS];
        let mut firsts: Vec<Vec<u64>> = vec![Vec::new(); NAME_SHARDS];
        for (h, idx, first) in names {
            pairs[shard_of(h)].push((h, idx));
            if let Some(f) = first {
                firsts[shard_of(f)].push(f);
            }
        }
        NameIndex(
            pairs
                .into_par_iter()
                .zip(firsts.into_par_iter())
                .map(|(pairs, firsts)| NameShard::build(pairs, firsts))
                .collect(),
        )
    }

    /// The entries of the key with hash `h`, and whether a multi-word name starts
    /// with it.
    pub(super) fn get(&self, h: u64) -> (&[u32], bool) {
        match self.0.get(shard_of(h)) {
            Some(shard) => shard.get(h),
            None => (&[], false),
        }
    }
}

#[derive(Default)]
struct NameShard {
    slots: FxHashMap<u64, Slot>,
    /// Entries of keys that have more than one, in runs.
    ids: Vec<u32>,
}

impl NameShard {
    /// From (key hash, entry) pairs in gazetteer order, and hashes of first words.
    fn build(mut pairs: Vec<(u64, u32)>, firsts: Vec<u64>) -> Self {
        // Stable: a key's entries stay in gazetteer order.
        pairs.sort_by_key(|&(h, _)| h);
        let mut shard = NameShard {
            slots: FxHashMap::with_capacity_and_hasher(pairs.len(), Default::default()),
            ids: Vec::new(),
        };
        for group in pairs.chunk_by(|a, b| a.0 == b.0) {
            let mut ids: Vec<u32> = group.iter().map(|&(_, idx)| idx).collect();
            // Names of one entry come together: a repeat can only follow itself.
            ids.dedup();
            let slot = if let [one] = ids[..] {
                Slot { at: one, len: 1 }
            } else {
                let at = shard.ids.len() as u32;
                shard.ids.extend_from_slice(&ids);
                Slot {
                    at,
                    len: ids.len() as u32,
                }
            };
            shard.slots.insert(group[0].0, slot);
        }
        for h in firsts {
            shard.slots.entry(h).or_insert(Slot { at: 0, len: 0 }).len |= STARTS_MULTIWORD;
        }
        shard
    }

    /// The key's entries, and whether a multi-word name starts with it.
    fn get(&self, h: u64) -> (&[u32], bool) {
        let Some(slot) = self.slots.get(&h) else {
            return (&[], false);
        };
        let n = (slot.len & !STARTS_MULTIWORD) as usize;
        let ids = if n == 1 {
            std::slice::from_ref(&slot.at)
        } else {
            let at = slot.at as usize;
            &self.ids[at..at + n]
        };
        (ids, slot.len & STARTS_MULTIWORD != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_punctuation() {
        assert_eq!(name_key("U.S."), "u s");
        assert_eq!(name_key("Côte d’Ivoire"), "cote divoire");
        assert_eq!(name_key("Winston-Salem"), "winston salem");
    }
}
