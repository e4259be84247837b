//! The embedded gazetteer (`data/gazetteer.tsv.zst`, generated from GeoNames by
//! `scripts/build_gazetteer.py`): continents, countries, admin areas and cities
//! with coordinates, population and alternate names, indexed by folded name.
//! Built once at start-up and shared read-only.

use rustc_hash::FxHashMap;

use super::text::fold;

/// The compressed gazetteer, embedded in the binary.
pub static GAZETTEER_ZST: &[u8] = include_bytes!("../../data/gazetteer.tsv.zst");

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Continent,
    Country,
    Admin1,
    Admin2,
    City,
    /// A macro-region or sea from the hand-made table ("Middle East", "Indian Ocean").
    Region,
}

/// One place. Its strings borrow from the gazetteer text, which lives for the process.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: Kind,
    pub name: &'static str,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166 alpha-2 country code ("" for continents).
    pub country: &'static str,
    /// Admin1 code within the country ("12"), "" when unknown; for countries and
    /// regions, the continent's name (for paths).
    pub admin1: &'static str,
    pub population: u64,
    pub geonameid: u32,
    /// GeoNames feature code for cities (PPLC, PPLA, ...).
    pub feature: &'static str,
}

impl Entry {
    /// A country, continent or first-level region, or a city of 100,000 or more: a
    /// name readers know as a place before anything else.
    pub fn is_major(&self) -> bool {
        matches!(self.kind, Kind::Country | Kind::Continent | Kind::Admin1)
            || self.population >= 100_000
    }
}

/// Index of places by folded name.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded name -> entries, split in shards by key hash so that start-up can fill
    /// them on all cores.
    names: Vec<FxHashMap<Box<str>, Vec<u32>>>,
    /// First words of multi-word names: a longer span is tried only after one.
    firsts: rustc_hash::FxHashSet<Box<str>>,
    countries: FxHashMap<&'static str, u32>,
    admin1: FxHashMap<&'static str, u32>,
    continents: FxHashMap<&'static str, &'static str>,
    /// Folded demonym ("ukrainian") -> country entry.
    demonyms: FxHashMap<String, u32>,
    /// Most tokens in any name key.
    pub max_tokens: usize,
}

/// The lookup key of a name: folded, non-alphanumerics as single spaces.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
            } else if !out.is_empty() && !out.ends_with(' ') && b != b'\'' {
                out.push(' ');
            }
        }
    } else {
        for c in fold(s).chars() {
            if c.is_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with(' ') && c != '\'' {
                out.push(' ');
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Calls `f` with [`name_key`] of `s`, without allocating for short ASCII names.
pub fn with_name_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 64;
    if s.len() > MAX || !s.is_ascii() {
        return f(&name_key(s));
    }
    let mut buf = [0u8; MAX];
    let mut n = 0;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        } else if n > 0 && buf[n - 1] != b' ' && b != b'\'' {
            buf[n] = b' ';
            n += 1;
        }
    }
    while n > 0 && buf[n - 1] == b' ' {
        n -= 1;
    }
    // SAFETY: the buffer holds only lowercased ASCII alphanumerics and spaces (written
    // above from an ASCII `s`); ASCII bytes are valid UTF-8.
    f(unsafe { std::str::from_utf8_unchecked(&buf[..n]) })
}

const NAME_SHARDS: usize = 16;

fn shard_hash(key: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(key.as_bytes());
    // Fx's low bits are weak for short keys: mix before taking the shard.
    h.finish().rotate_right(29)
}

impl Gazetteer {
    /// Loads the embedded gazetteer.
    pub fn embedded() -> Self {
        let bytes = zstd::decode_all(GAZETTEER_ZST)
            .expect("the embedded gazetteer is valid zstd (checked by a test)");
        let text =
            String::from_utf8(bytes).expect("the embedded gazetteer is UTF-8 (checked by a test)");
        // Loaded once per process (see `extract::shared_gazetteer`): entries borrow from it.
        Self::parse(Box::leak(text.into_boxed_str()))
    }

    /// A gazetteer with no places (when place extraction is off).
    pub fn empty() -> Self {
        Self::parse("")
    }

    /// Parses the gazetteer TSV; malformed lines are skipped.
    pub fn parse(text: &'static str) -> Self {
        let mut raw_names: Vec<(&'static str, u32)> = Vec::with_capacity(700_000);
        let mut g = Gazetteer {
            entries: Vec::with_capacity(230_000),
            names: Vec::new(),
            firsts: Default::default(),
            countries: FxHashMap::default(),
            admin1: FxHashMap::default(),
            continents: FxHashMap::default(),
            demonyms: FxHashMap::default(),
            max_tokens: 1,
        };
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = [""; 12];
            for (slot, col) in cols.iter_mut().zip(line.split('\t')) {
                *slot = col;
            }
            let f = |i: usize| cols.get(i).copied().unwrap_or("");
            let num = |i: usize| f(i).parse::<f32>().unwrap_or(0.0);
            let int = |i: usize| f(i).parse::<u64>().unwrap_or(0);
            let (entry, aliases) = match f(0) {
                "K" => {
                    g.continents.insert(f(1), f(2));
                    let e = Entry {
                        kind: Kind::Continent,
                        name: f(2),
                        lat: num(3),
                        lon: num(4),
                        country: "",
                        admin1: "",
                        population: 0,
                        geonameid: 0,
                        feature: "CONT",
                    };
                    (e, "")
                }
                "C" => {
                    let e = Entry {
                        kind: Kind::Country,
                        name: f(2),
                        lat: num(4),
                        lon: num(5),
                        country: f(1),
                        admin1: f(3), // continent name, for paths
                        population: int(6),
                        geonameid: int(7) as u32,
                        feature: "PCLI",
                    };
                    let idx = g.entries.len() as u32;
                    g.countries.insert(f(1), idx);
                    for d in f(9).split('|').filter(|d| !d.is_empty()) {
                        g.demonyms.insert(name_key(d), idx);
                    }
                    (e, f(8))
                }
                tag @ ("A" | "B") => {
                    let code = f(1);
                    let mut parts = code.splitn(3, '.');
                    let cc = parts.next().unwrap_or("");
                    let a1 = parts.next().unwrap_or("");
                    let e = Entry {
                        kind: if tag == "A" {
                            Kind::Admin1
                        } else {
                            Kind::Admin2
                        },
                        name: f(2),
                        lat: num(3),
                        lon: num(4),
                        country: cc,
                        admin1: a1,
                        population: int(5),
                        geonameid: 0,
                        feature: if tag == "A" { "ADM1" } else { "ADM2" },
                    };
                    if tag == "A" {
                        g.admin1.insert(code, g.entries.len() as u32);
                    }
                    (e, f(6))
                }
                "D" => {
                    for d in f(1).split('|').filter(|d| !d.is_empty()) {
                        g.demonyms.insert(name_key(d), u32::MAX);
                    }
                    continue;
                }
                "R" => {
                    let e = Entry {
                        kind: Kind::Region,
                        name: f(1),
                        lat: num(4),
                        lon: num(5),
                        country: f(3),
                        admin1: f(2), // continent name, for paths
                        population: 0,
                        geonameid: 0,
                        feature: "RGN",
                    };
                    (e, f(6))
                }
                "P" => {
                    let e = Entry {
                        kind: Kind::City,
                        name: f(2),
                        lat: num(3),
                        lon: num(4),
                        country: f(5),
                        admin1: f(6),
                        population: int(9),
                        geonameid: int(1) as u32,
                        feature: f(8),
                    };
                    (e, f(10))
                }
                _ => continue,
            };
            let idx = g.entries.len() as u32;
            raw_names.push((entry.name, idx));
            g.entries.push(entry);
            for a in aliases.split('|').filter(|a| !a.is_empty()) {
                raw_names.push((a, idx));
            }
        }
        g.index_names(raw_names);
        g
    }

    /// Builds the name index: keys folded in parallel, then one map per shard filled
    /// in parallel (start-up time, see the `gazetteer_load` benchmark).
    fn index_names(&mut self, raw: Vec<(&'static str, u32)>) {
        use rayon::prelude::*;
        let keyed: Vec<(String, u32, u64)> = raw
            .par_iter()
            .map(|&(name, idx)| {
                let key = name_key(name);
                let h = shard_hash(&key);
                (key, idx, h)
            })
            .filter(|(k, _, _)| !k.is_empty())
            .collect();
        self.max_tokens = keyed
            .iter()
            .map(|(k, _, _)| k.bytes().filter(|&b| b == b' ').count() + 1)
            .max()
            .unwrap_or(1);
        self.firsts = keyed
            .iter()
            .filter_map(|(k, _, _)| k.split_once(' ').map(|(first, _)| Box::from(first)))
            .collect();
        let mut buckets: Vec<Vec<usize>> = (0..NAME_SHARDS)
            .map(|_| Vec::with_capacity(keyed.len() / NAME_SHARDS + 1))
            .collect();
        for (i, (_, _, h)) in keyed.iter().enumerate() {
            buckets[(*h as usize) % NAME_SHARDS].push(i);
        }
        self.names = buckets
            .into_par_iter()
            .map(|bucket| {
                let mut map: FxHashMap<Box<str>, Vec<u32>> =
                    FxHashMap::with_capacity_and_hasher(bucket.len(), Default::default());
                for i in bucket {
                    let (key, idx, _) = &keyed[i];
                    let ids = map.entry(key.as_str().into()).or_default();
                    // Names of one entry come together: a repeat can only be the last id.
                    if ids.last() != Some(idx) {
                        ids.push(*idx);
                    }
                }
                map
            })
            .collect();
    }

    /// Does some multi-word name start with this (single-word) key?
    pub fn starts_multiword(&self, first_key: &str) -> bool {
        self.firsts.contains(first_key)
    }

    /// Entries whose name or alias has this key.
    pub fn lookup(&self, key: &str) -> &[u32] {
        if self.names.is_empty() {
            return &[];
        }
        self.names[(shard_hash(key) as usize) % NAME_SHARDS]
            .get(key)
            .map_or(&[], Vec::as_slice)
    }

    /// Entries whose name or alias has the key of `s` (see [`name_key`]).
    pub fn lookup_name(&self, s: &str) -> &[u32] {
        with_name_key(s, |k| self.lookup(k))
    }

    pub fn entry(&self, idx: u32) -> &Entry {
        &self.entries[idx as usize]
    }

    /// The country entry of an ISO code.
    pub fn country(&self, cc: &str) -> Option<u32> {
        self.countries.get(cc).copied()
    }

    /// Is this key a demonym or another adjective that names no place ("Ukrainian", "Arab")?
    pub fn is_demonym(&self, key: &str) -> bool {
        self.demonyms.contains_key(key)
    }

    /// The country a demonym ("Ukrainian") refers to, if it names one.
    pub fn demonym(&self, key: &str) -> Option<u32> {
        self.demonyms.get(key).copied().filter(|&i| i != u32::MAX)
    }

    /// Hierarchical facet components: continent, country, admin1, place.
    pub fn path_components(&self, idx: u32) -> Vec<String> {
        let e = self.entry(idx);
        let mut parts = Vec::with_capacity(4);
        match e.kind {
            Kind::Continent => parts.push(e.name.to_string()),
            Kind::Region => {
                parts.push(e.admin1.to_string());
                if let Some(c) = self.country(e.country) {
                    parts.push(self.entry(c).name.to_string());
                }
                parts.push(e.name.to_string());
            }
            Kind::Country => {
                parts.push(e.admin1.to_string());
                parts.push(e.name.to_string());
            }
            _ => {
                if let Some(c) = self.country(e.country) {
                    let ce = self.entry(c);
                    parts.push(ce.admin1.to_string());
                    parts.push(ce.name.to_string());
                } else {
                    parts.push(e.country.to_string());
                }
                if e.kind != Kind::Admin1 && !e.admin1.is_empty() {
                    let code = format!("{}.{}", e.country, e.admin1);
                    if let Some(a) = self.admin1.get(code.as_str()) {
                        let an = self.entry(*a).name;
                        if an != e.name {
                            parts.push(an.to_string());
                        }
                    }
                }
                parts.push(e.name.to_string());
            }
        }
        parts.retain(|p| !p.is_empty());
        parts
    }

    /// The facet path string `/Europe/Ukraine/Kyiv City/Kyiv`.
    pub fn path(&self, idx: u32) -> String {
        let parts = self.path_components(idx);
        let mut s = String::new();
        for p in parts {
            s.push('/');
            s.push_str(&p.replace('/', "-"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    pub fn gaz() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::embedded)
    }

    #[test]
    fn keys_fold_punctuation() {
        assert_eq!(name_key("U.S."), "u s");
        assert_eq!(name_key("Côte d’Ivoire"), "cote divoire");
        assert_eq!(name_key("Winston-Salem"), "winston salem");
    }

    #[test]
    fn kyiv_has_its_hierarchy() {
        let g = gaz();
        let kyiv = g
            .lookup("kyiv")
            .iter()
            .copied()
            .find(|&i| g.entry(i).geonameid == 703448)
            .expect("Kyiv");
        assert_eq!(g.path(kyiv), "/Europe/Ukraine/Kyiv City/Kyiv");
        assert!(g.lookup("kiev").contains(&kyiv));
        let ua = g.country("UA").unwrap();
        assert_eq!(g.path(ua), "/Europe/Ukraine");
        assert_eq!(g.demonym("ukrainian"), Some(ua));
        assert!(g
            .lookup("united arab emirates")
            .contains(&g.country("AE").unwrap()));
    }
}
