//! The embedded gazetteer (`data/gazetteer.tsv.zst`, generated from GeoNames by
//! `scripts/build_gazetteer.py`): continents, countries, admin areas and cities
//! with coordinates, population and alternate names, indexed by folded name.
//! Built once at start-up and shared read-only.

use rustc_hash::FxHashMap;

use super::wordset::Prefilter;

mod name_index;
use name_index::NameIndex;
pub use name_index::{key_hash, name_key, with_name_key};

/// The compressed gazetteer, embedded in the binary.
pub static GAZETTEER_ZST: &[u8] = include_bytes!("../../../data/gazetteer.tsv.zst");

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
    /// How readily a reader takes a name for this place, before context: by kind
    /// (and, for cities, feature code) and by population.
    pub fn base_prior(&self) -> f32 {
        let kind = match self.kind {
            Kind::Country => 9.0,
            Kind::Continent => 8.0,
            Kind::Region => 7.0,
            Kind::Admin1 => 5.5,
            Kind::Admin2 => 2.5,
            Kind::City => match self.feature {
                "PPLC" => 6.5,
                "PPLA" => 3.5,
                "PPLA2" => 2.0,
                _ => 1.0,
            },
        };
        let pop = (self.population as f32 + 1.0).log10();
        kind + pop * 0.9
    }

    /// A country, continent or first-level region, or a city of 100,000 or more: a
    /// name readers know as a place before anything else.
    pub fn is_major(&self) -> bool {
        matches!(self.kind, Kind::Country | Kind::Continent | Kind::Admin1)
            || self.population >= 100_000
    }
}

/// What ranking an entry's readings of a name reads, packed in 16 bytes per entry: a
/// common name has hundreds of entries, and each one's prior read the entry (88
/// bytes), compared its feature code and took the logarithm of its population.
#[derive(Clone, Copy)]
pub struct Ranking {
    /// The [`key_hash`] of the entry's own name's key (see [`Gazetteer::is_own_name`]).
    own_key: u64,
    /// [`Entry::base_prior`].
    pub base_prior: f32,
    /// Length of the entry's name in bytes.
    pub name_len: u32,
}

/// Index of places by folded name.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded name -> entries, and the first words of multi-word names.
    names: NameIndex,
    countries: FxHashMap<&'static str, u32>,
    admin1: FxHashMap<&'static str, u32>,
    continents: FxHashMap<&'static str, &'static str>,
    /// Per entry, what ranking its readings reads (see [`Ranking`]).
    ranking: Vec<Ranking>,
    /// Folded demonym ("ukrainian") -> country entry.
    demonyms: FxHashMap<String, u32>,
    /// Most capitalised words are no demonym: this answers them without hashing.
    demonym_filter: Prefilter,
    /// Most tokens in any name key.
    pub max_tokens: usize,
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
        let mut raw_names: Vec<(&'static str, u32, bool)> = Vec::with_capacity(700_000);
        let mut g = Gazetteer {
            entries: Vec::with_capacity(230_000),
            names: NameIndex::default(),
            ranking: Vec::new(),
            countries: FxHashMap::default(),
            admin1: FxHashMap::default(),
            continents: FxHashMap::default(),
            demonyms: FxHashMap::default(),
            demonym_filter: Prefilter::new(std::iter::empty()),
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
            raw_names.push((entry.name, idx, true));
            g.entries.push(entry);
            for a in aliases.split('|').filter(|a| !a.is_empty()) {
                raw_names.push((a, idx, false));
            }
        }
        g.index_names(raw_names);
        g.demonym_filter = Prefilter::new(g.demonyms.keys().map(String::as_str));
        g
    }

    /// Builds the name index and the ranking table: keys folded in parallel (start-up
    /// time, see the `gazetteer_load` benchmark).
    fn index_names(&mut self, raw: Vec<(&'static str, u32, bool)>) {
        use rayon::prelude::*;
        // Per name: its key's hash, its entry, the hash of its first word when it has
        // several, its number of words, and whether it is the entry's own name.
        let hashed: Vec<(u64, u32, Option<u64>, usize, bool)> = raw
            .par_iter()
            .filter_map(|&(name, idx, own)| {
                let k = name_key(name);
                if k.is_empty() {
                    return None;
                }
                let first = k.split_once(' ').map(|(first, _)| key_hash(first));
                let words = k.bytes().filter(|&b| b == b' ').count() + 1;
                Some((key_hash(&k), idx, first, words, own))
            })
            .collect();
        self.max_tokens = hashed.iter().map(|h| h.3).max().unwrap_or(1);
        // An entry whose own name has an empty key matches no mention's key.
        let empty = key_hash("");
        self.ranking = (self.entries.iter())
            .map(|e| Ranking {
                own_key: empty,
                base_prior: e.base_prior(),
                name_len: e.name.len() as u32,
            })
            .collect();
        for &(h, idx, _, _, own) in &hashed {
            if own {
                self.ranking[idx as usize].own_key = h;
            }
        }
        self.names = NameIndex::build(hashed.iter().map(|&(h, idx, first, _, _)| (h, idx, first)));
    }

    /// Entries whose name or alias has this key, and whether some multi-word name
    /// starts with it (a longer span is worth trying after it).
    pub fn lookup_word(&self, key: &str) -> (&[u32], bool) {
        self.names.get(key_hash(key))
    }

    /// Does some multi-word name start with this (single-word) key?
    pub fn starts_multiword(&self, first_key: &str) -> bool {
        self.lookup_word(first_key).1
    }

    /// Entries whose name or alias has this key.
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.lookup_word(key).0
    }

    /// Entries whose name or alias has the key of `s` (see [`name_key`]).
    pub fn lookup_name(&self, s: &str) -> &[u32] {
        with_name_key(s, |k| self.lookup(k))
    }

    /// Is `key` (with hash `h`, see [`key_hash`]) the key of the entry's own name
    /// rather than of an alias? Compared by hash, like every lookup of the index.
    pub fn is_own_name(&self, idx: u32, h: u64) -> bool {
        self.ranking.get(idx as usize).map(|r| r.own_key) == Some(h)
    }

    /// What ranking the entry's readings reads (see [`Ranking`]).
    pub fn ranking(&self, idx: u32) -> &Ranking {
        &self.ranking[idx as usize]
    }

    pub fn entry(&self, idx: u32) -> &Entry {
        &self.entries[idx as usize]
    }

    /// The country entry of an ISO code.
    pub fn country(&self, cc: &str) -> Option<u32> {
        self.countries.get(cc).copied()
    }

    /// The admin1 entry of a code ("US.KY"), as a one-entry slice of readings.
    pub fn admin1(&self, code: &str) -> Option<&[u32]> {
        self.admin1.get(code).map(std::slice::from_ref)
    }

    /// Is this key a demonym or another adjective that names no place ("Ukrainian", "Arab")?
    pub fn is_demonym(&self, key: &str) -> bool {
        self.demonym_filter.may_hold(key) && self.demonyms.contains_key(key)
    }

    /// False when `word` is no demonym, in any case of its ASCII letters (a cheap
    /// test before lowercasing it for [`Gazetteer::demonym`]).
    pub fn may_be_demonym(&self, word: &str) -> bool {
        !word.is_ascii() || self.demonym_filter.may_hold(word)
    }

    /// The country a demonym ("Ukrainian") refers to, if it names one.
    pub fn demonym(&self, key: &str) -> Option<u32> {
        if !self.demonym_filter.may_hold(key) {
            return None;
        }
        self.demonyms.get(key).copied().filter(|&i| i != u32::MAX)
    }

    /// The admin1 entry of a country and admin1 code, looked up by the key "UA.12"
    /// built on the stack (codes are short; a longer one is formatted).
    fn admin1_of(&self, country: &str, admin1: &str) -> Option<u32> {
        let mut buf = [0u8; 32];
        let n = country.len() + 1 + admin1.len();
        if n > buf.len() {
            return self
                .admin1
                .get(format!("{country}.{admin1}").as_str())
                .copied();
        }
        buf[..country.len()].copy_from_slice(country.as_bytes());
        buf[country.len()] = b'.';
        buf[country.len() + 1..n].copy_from_slice(admin1.as_bytes());
        let code = std::str::from_utf8(&buf[..n]).ok()?;
        self.admin1.get(code).copied()
    }

    /// Hierarchical facet components: continent, country, admin1, place.
    pub fn path_components(&self, idx: u32) -> Vec<&'static str> {
        let e = self.entry(idx);
        let mut parts = Vec::with_capacity(4);
        match e.kind {
            Kind::Continent => parts.push(e.name),
            Kind::Region => {
                parts.push(e.admin1);
                if let Some(c) = self.country(e.country) {
                    parts.push(self.entry(c).name);
                }
                parts.push(e.name);
            }
            Kind::Country => {
                parts.push(e.admin1);
                parts.push(e.name);
            }
            _ => {
                if let Some(c) = self.country(e.country) {
                    let ce = self.entry(c);
                    parts.push(ce.admin1);
                    parts.push(ce.name);
                } else {
                    parts.push(e.country);
                }
                if e.kind != Kind::Admin1 && !e.admin1.is_empty() {
                    if let Some(a) = self.admin1_of(e.country, e.admin1) {
                        let an = self.entry(a).name;
                        if an != e.name {
                            parts.push(an);
                        }
                    }
                }
                parts.push(e.name);
            }
        }
        parts.retain(|p| !p.is_empty());
        parts
    }

    /// The facet path string `/Europe/Ukraine/Kyiv City/Kyiv` (a '/' inside a name
    /// becomes '-').
    pub fn path(&self, idx: u32) -> String {
        let parts = self.path_components(idx);
        let mut s = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        for p in parts {
            s.push('/');
            for piece in p.split('/').enumerate() {
                if piece.0 > 0 {
                    s.push('-');
                }
                s.push_str(piece.1);
            }
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
