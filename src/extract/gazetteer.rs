//! The embedded gazetteer (`data/gazetteer.tsv.gz`, generated from GeoNames by
//! `scripts/build_gazetteer.py`): continents, countries, admin areas and cities
//! with coordinates, population and alternate names, indexed by folded name.
//! Built once at start-up and shared read-only.

use std::collections::HashMap;
use std::io::Read;

use super::text::fold;

/// The compressed gazetteer, embedded in the binary.
pub static GAZETTEER_GZ: &[u8] = include_bytes!("../../data/gazetteer.tsv.gz");

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

/// One place.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: Kind,
    pub name: String,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166 alpha-2 country code ("" for continents).
    pub country: String,
    /// Admin1 code within the country ("12"), "" when unknown.
    pub admin1: String,
    pub population: u64,
    pub geonameid: u32,
    /// GeoNames feature code for cities (PPLC, PPLA, ...).
    pub feature: String,
}

/// Index of places by folded name.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    names: HashMap<String, Vec<u32>>,
    countries: HashMap<String, u32>,
    admin1: HashMap<String, u32>,
    continents: HashMap<String, String>,
    /// Folded demonym ("ukrainian") -> country entry.
    demonyms: HashMap<String, u32>,
    /// Most tokens in any name key.
    pub max_tokens: usize,
}

/// The lookup key of a name: folded, non-alphanumerics as single spaces.
pub fn name_key(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
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

impl Gazetteer {
    /// Loads the embedded gazetteer.
    pub fn embedded() -> Self {
        let mut text = String::new();
        flate2::read::GzDecoder::new(GAZETTEER_GZ)
            .read_to_string(&mut text)
            .expect("the embedded gazetteer is valid gzip (checked by a test)");
        Self::parse(&text)
    }

    /// Parses the gazetteer TSV; malformed lines are skipped.
    pub fn parse(text: &str) -> Self {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(230_000),
            names: HashMap::with_capacity(600_000),
            countries: HashMap::new(),
            admin1: HashMap::new(),
            continents: HashMap::new(),
            demonyms: HashMap::new(),
            max_tokens: 1,
        };
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let f = |i: usize| cols.get(i).copied().unwrap_or("");
            let num = |i: usize| f(i).parse::<f32>().unwrap_or(0.0);
            let int = |i: usize| f(i).parse::<u64>().unwrap_or(0);
            let (entry, aliases) = match f(0) {
                "K" => {
                    g.continents.insert(f(1).to_string(), f(2).to_string());
                    let e = Entry {
                        kind: Kind::Continent,
                        name: f(2).into(),
                        lat: num(3),
                        lon: num(4),
                        country: String::new(),
                        admin1: String::new(),
                        population: 0,
                        geonameid: 0,
                        feature: "CONT".into(),
                    };
                    (e, "")
                }
                "C" => {
                    let e = Entry {
                        kind: Kind::Country,
                        name: f(2).into(),
                        lat: num(4),
                        lon: num(5),
                        country: f(1).into(),
                        admin1: f(3).into(), // continent name, for paths
                        population: int(6),
                        geonameid: int(7) as u32,
                        feature: "PCLI".into(),
                    };
                    let idx = g.entries.len() as u32;
                    g.countries.insert(f(1).to_string(), idx);
                    for d in f(9).split('|').filter(|d| !d.is_empty()) {
                        g.demonyms.insert(name_key(d), idx);
                    }
                    (e, f(8))
                }
                tag @ ("A" | "B") => {
                    let code = f(1);
                    let mut parts = code.splitn(3, '.');
                    let cc = parts.next().unwrap_or("").to_string();
                    let a1 = parts.next().unwrap_or("").to_string();
                    let e = Entry {
                        kind: if tag == "A" {
                            Kind::Admin1
                        } else {
                            Kind::Admin2
                        },
                        name: f(2).into(),
                        lat: num(3),
                        lon: num(4),
                        country: cc,
                        admin1: a1,
                        population: int(5),
                        geonameid: 0,
                        feature: if tag == "A" { "ADM1" } else { "ADM2" }.into(),
                    };
                    if tag == "A" {
                        g.admin1.insert(code.to_string(), g.entries.len() as u32);
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
                        name: f(1).into(),
                        lat: num(4),
                        lon: num(5),
                        country: f(3).into(),
                        admin1: f(2).into(), // continent name, for paths
                        population: 0,
                        geonameid: 0,
                        feature: "RGN".into(),
                    };
                    (e, f(6))
                }
                "P" => {
                    let e = Entry {
                        kind: Kind::City,
                        name: f(2).into(),
                        lat: num(3),
                        lon: num(4),
                        country: f(5).into(),
                        admin1: f(6).into(),
                        population: int(9),
                        geonameid: int(1) as u32,
                        feature: f(8).into(),
                    };
                    (e, f(10))
                }
                _ => continue,
            };
            let idx = g.entries.len() as u32;
            let name = entry.name.clone();
            g.entries.push(entry);
            g.add_name(&name, idx);
            for a in aliases.split('|').filter(|a| !a.is_empty()) {
                g.add_name(a, idx);
            }
        }
        g
    }

    fn add_name(&mut self, name: &str, idx: u32) {
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        self.max_tokens = self.max_tokens.max(key.split(' ').count());
        let ids = self.names.entry(key).or_default();
        if !ids.contains(&idx) {
            ids.push(idx);
        }
    }

    /// Entries whose name or alias has this key.
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.names.get(key).map_or(&[], Vec::as_slice)
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
            Kind::Continent => parts.push(e.name.clone()),
            Kind::Region => {
                parts.push(e.admin1.clone());
                if let Some(c) = self.country(&e.country) {
                    parts.push(self.entry(c).name.clone());
                }
                parts.push(e.name.clone());
            }
            Kind::Country => {
                parts.push(e.admin1.clone());
                parts.push(e.name.clone());
            }
            _ => {
                if let Some(c) = self.country(&e.country) {
                    let ce = self.entry(c);
                    parts.push(ce.admin1.clone());
                    parts.push(ce.name.clone());
                } else {
                    parts.push(e.country.clone());
                }
                if e.kind != Kind::Admin1 && !e.admin1.is_empty() {
                    let code = format!("{}.{}", e.country, e.admin1);
                    if let Some(a) = self.admin1.get(&code) {
                        let an = &self.entry(*a).name;
                        if *an != e.name {
                            parts.push(an.clone());
                        }
                    }
                }
                parts.push(e.name.clone());
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

    /// Number of distinct name keys.
    pub fn num_names(&self) -> usize {
        self.names.len()
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
