//! Which person each speaker entry is, so that facet counts count people and hits
//! show canonical names (issue 20): "Trump" in a 2017 article counts for Donald Trump,
//! "Stoltenberg" in a 1987 one for Gerhard Stoltenberg.
//!
//! Counting goes by key: a person's index in the registry, or, for a speaker entry
//! the registry does not have (an index written before it, or a damaged file), the
//! registry's size plus the entry's global id in the view, so that entry is counted
//! under its own label as before.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{year_of, Registry};
use crate::search::tables::store::{Strs, U32s};
use crate::search::tables::NONE;

/// The person of a speaker entry: one for all its articles, or one per period.
#[derive(Clone, Debug, PartialEq)]
enum Owner {
    None,
    One(u32),
    /// (years or all, undated articles too, person), as the registry's forms say.
    ByYear(Vec<(Option<Vec<i32>>, bool, u32)>),
}

impl Owner {
    fn person(&self, year: impl FnOnce() -> Option<i32>) -> Option<u32> {
        match self {
            Owner::None => None,
            Owner::One(p) => Some(*p),
            Owner::ByYear(forms) => {
                let year = year();
                forms
                    .iter()
                    .find(|(years, undated, _)| match (years, year) {
                        (None, _) => true,
                        (Some(ys), Some(y)) => ys.contains(&y),
                        (Some(_), None) => *undated,
                    })
                    .map(|f| f.2)
            }
        }
    }
}

/// The people with more than one name form (or a form that is theirs in some years
/// only), as [`super::FORMS_FILE`] holds them: (canonical name, [(form, years or
/// all, undated too)]). Every other speaker entry is a person by itself, shown as it
/// is.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Linked {
    pub people: Vec<(String, Vec<LinkedForm>)>,
}

/// (form, the years it is the person's or all, undated articles too).
pub type LinkedForm = (String, Option<Vec<i32>>, bool);

impl Linked {
    pub fn of(registry: &Registry) -> Linked {
        Linked {
            people: registry
                .people
                .iter()
                .filter(|p| p.forms.len() > 1 || p.forms.iter().any(|f| f.years.is_some()))
                .map(|p| {
                    let forms = p
                        .forms
                        .iter()
                        .map(|f| (f.name.clone(), f.years.clone(), f.undated))
                        .collect();
                    (p.name.clone(), forms)
                })
                .collect(),
        }
    }

    pub fn load(dir: &std::path::Path) -> Option<Linked> {
        serde_json::from_slice(&std::fs::read(dir.join(super::FORMS_FILE)).ok()?).ok()
    }
}

/// Who each name form is: the linked people as a lookup, built once per file.
pub struct Forms {
    /// Canonical names by person index.
    names: Vec<String>,
    /// By speaker label without its slash.
    by_form: FxHashMap<String, Owner>,
}

impl Forms {
    pub fn new(linked: Linked) -> Forms {
        let mut by_form: FxHashMap<String, Owner> = FxHashMap::default();
        let mut names = Vec::with_capacity(linked.people.len());
        for (i, (name, forms)) in linked.people.into_iter().enumerate() {
            names.push(name);
            for (form, years, undated) in forms {
                let all_years = years.is_none();
                let entry = by_form.entry(form).or_insert(Owner::None);
                let part = (years, undated, i as u32);
                *entry = match std::mem::replace(entry, Owner::None) {
                    Owner::None if all_years => Owner::One(i as u32),
                    Owner::None => Owner::ByYear(vec![part]),
                    Owner::One(p) => Owner::ByYear(vec![(None, true, p), part]),
                    Owner::ByYear(mut parts) => {
                        parts.push(part);
                        Owner::ByYear(parts)
                    }
                };
            }
        }
        // A form for all years comes last, after the periods that are someone else's.
        for owner in by_form.values_mut() {
            if let Owner::ByYear(parts) = owner {
                parts.sort_by_key(|p| p.0.is_none());
            }
        }
        Forms { names, by_form }
    }

    /// The canonical name of a speaker entry (its label without the slash) in an
    /// article of `day` (days since 1970), or the entry itself.
    pub fn canonical<'a>(&'a self, form: &'a str, day: Option<i32>) -> &'a str {
        self.by_form
            .get(form)
            .and_then(|o| o.person(|| day.map(year_of)))
            .and_then(|p| self.names.get(p as usize))
            .map_or(form, String::as_str)
    }
}

/// The people of a view's speaker entries, for counting.
pub struct PeopleMap {
    forms: Arc<Forms>,
    /// By global speaker id of the view.
    of_global: Vec<Owner>,
    /// Per segment: the key of each speaker ordinal, or [`BY_YEAR`]. Made at a
    /// segment's first count, so that counting reads one array as before.
    of_segment: std::sync::Mutex<FxHashMap<tantivy::index::SegmentId, Arc<SegmentKeys>>>,
}

/// A segment's records (see `tables::DocArrays`) with each one's speaker ordinals
/// replaced by the keys it counts under, once each: counting then reads the keys
/// instead of looking each up (a match at a million articles names a score of
/// speakers, and their lookups were a quarter of a count's time).
pub struct KeyedRecords {
    pub starts: Vec<u32>,
    pub data: Vec<u32>,
}

/// The keys of one segment's speaker ordinals, and its keyed records once made.
struct SegmentKeys {
    /// By speaker ordinal: the person key, or [`BY_YEAR`].
    keys: Vec<u32>,
    /// Counts of this segment by this map so far.
    uses: std::sync::atomic::AtomicU32,
    keyed: std::sync::OnceLock<Arc<KeyedRecords>>,
}

/// A segment key saying: a different person in different years, ask [`PeopleMap::key`].
const BY_YEAR: u32 = u32::MAX;

/// The people of one segment's speaker ordinals (see [`PeopleMap::segment`]).
pub struct SegmentPeople {
    map: Arc<PeopleMap>,
    keys: Arc<SegmentKeys>,
    to_global: U32s,
    first_day: i32,
}

impl SegmentPeople {
    /// The key a match counts under for its speaker `ordinal`; `day` is its record's
    /// day ([`NONE`]: undated), asked only for an entry that is different people in
    /// different years.
    pub fn key(&self, ordinal: u32, day: u32) -> Option<u32> {
        match self.keys.keys.get(ordinal as usize).copied()? {
            BY_YEAR => {
                let &g = self.to_global.get(ordinal as usize)?;
                Some(self.map.key(g, || {
                    (day != NONE).then(|| year_of(self.first_day + day as i32))
                }))
            }
            key => Some(key),
        }
    }

    /// Calls `f` with the key of each of a match's speaker ordinals, once per key
    /// among its first 16 (more are rare, and repeats among them rarer).
    pub fn keys_of(&self, speakers: &[u32], day: u32, mut f: impl FnMut(u32)) {
        let mut seen = [u32::MAX; 16];
        for (i, &o) in speakers.iter().enumerate() {
            let Some(key) = self.key(o, day) else {
                continue;
            };
            if i > 0 && seen[..i.min(16)].contains(&key) {
                continue;
            }
            if let Some(s) = seen.get_mut(i) {
                *s = key;
            }
            f(key);
        }
    }

    /// The segment's keyed records, made by `make` at its second count by this map
    /// and kept with it: a one-off search (a command line's) does not pay for them.
    pub fn keyed(&self, make: impl FnOnce() -> KeyedRecords) -> Option<Arc<KeyedRecords>> {
        if let Some(k) = self.keys.keyed.get() {
            return Some(k.clone());
        }
        let uses = self
            .keys
            .uses
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        (uses >= 1).then(|| self.keys.keyed.get_or_init(|| Arc::new(make())).clone())
    }
}

impl PeopleMap {
    pub fn new(forms: Arc<Forms>, labels: &Strs) -> PeopleMap {
        let of_global = labels
            .iter()
            .map(|l| {
                forms
                    .by_form
                    .get(l.trim_start_matches('/'))
                    .cloned()
                    .unwrap_or(Owner::None)
            })
            .collect();
        PeopleMap {
            forms,
            of_global,
            of_segment: Default::default(),
        }
    }

    /// How one segment's matches are counted by person: `to_global` are the global
    /// ids of its speaker ordinals, `first_day` the day its records count from. The
    /// key of each ordinal is made at the segment's first count and kept.
    pub fn segment(
        self: &Arc<Self>,
        segment: tantivy::index::SegmentId,
        to_global: &U32s,
        first_day: i32,
    ) -> SegmentPeople {
        let keys = {
            let mut cached = self.of_segment.lock().unwrap_or_else(|e| e.into_inner());
            cached
                .entry(segment)
                .or_insert_with(|| {
                    let names = self.forms.names.len() as u32;
                    Arc::new(SegmentKeys {
                        keys: to_global
                            .iter()
                            .map(|&g| match self.of_global.get(g as usize) {
                                Some(Owner::One(p)) => *p,
                                Some(Owner::ByYear(_)) => BY_YEAR,
                                _ => names + g,
                            })
                            .collect(),
                        uses: Default::default(),
                        keyed: Default::default(),
                    })
                })
                .clone()
        };
        SegmentPeople {
            map: self.clone(),
            keys,
            to_global: to_global.clone(),
            first_day,
        }
    }

    /// Whether this map was made from `forms`.
    pub fn is_of(&self, forms: &Arc<Forms>) -> bool {
        Arc::ptr_eq(&self.forms, forms)
    }

    /// How many keys there are: people, then the view's speaker entries.
    pub fn keys(&self) -> usize {
        self.forms.names.len() + self.of_global.len()
    }

    /// The key an article counts under for speaker entry `global`, given the article's
    /// year (asked only for an entry that is different people in different years).
    pub fn key(&self, global: u32, year: impl FnOnce() -> Option<i32>) -> u32 {
        self.of_global
            .get(global as usize)
            .and_then(|o| o.person(year))
            .unwrap_or(self.forms.names.len() as u32 + global)
    }

    /// The name a key is shown as: the person's canonical name, or the entry's own
    /// label without its slash.
    pub fn name<'a>(&'a self, key: u32, labels: &'a Strs) -> Option<&'a str> {
        match self.forms.names.get(key as usize) {
            Some(name) => Some(name),
            None => labels
                .get(key as usize - self.forms.names.len())
                .map(|l| l.trim_start_matches('/')),
        }
    }

    /// The facet path a key is shown as: "/" and [`PeopleMap::name`].
    pub fn path(&self, key: u32, labels: &Strs) -> Option<String> {
        self.name(key, labels).map(|n| format!("/{n}"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Form, Person};
    use super::*;

    fn person(name: &str, forms: &[(&str, Option<Vec<i32>>, bool)]) -> Person {
        Person {
            id: name.to_string(),
            name: name.to_string(),
            forms: forms
                .iter()
                .map(|(f, years, undated)| Form {
                    name: f.to_string(),
                    years: years.clone(),
                    undated: *undated,
                    articles: 1,
                })
                .collect(),
            articles: 1,
            first: None,
            last: None,
        }
    }

    fn day(year: i32) -> Option<i32> {
        chrono::NaiveDate::from_ymd_opt(year, 6, 1)
            .map(|d| (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32)
    }

    #[test]
    fn a_surname_is_the_person_of_its_period() {
        let registry = Registry {
            people: vec![
                person(
                    "Gerhard Stoltenberg",
                    &[
                        ("Gerhard Stoltenberg", None, false),
                        ("Stoltenberg", Some(vec![1987]), true),
                    ],
                ),
                person("Jens Stoltenberg", &[("Jens Stoltenberg", None, false)]),
                person("Stoltenberg", &[("Stoltenberg", Some(vec![2017]), false)]),
                person(
                    "Donald Trump",
                    &[("Donald Trump", None, false), ("Trump", None, false)],
                ),
            ],
        };
        let labels =
            Strs::from_strings(["/Donald Trump", "/Nobody Known", "/Stoltenberg", "/Trump"]);
        let forms = Arc::new(Forms::new(Linked::of(&registry)));
        assert_eq!(
            forms.canonical("Stoltenberg", day(1987)),
            "Gerhard Stoltenberg"
        );
        assert_eq!(forms.canonical("Stoltenberg", None), "Gerhard Stoltenberg");
        assert_eq!(forms.canonical("Stoltenberg", day(2017)), "Stoltenberg");
        assert_eq!(forms.canonical("Trump", day(2017)), "Donald Trump");
        assert_eq!(forms.canonical("Nobody Known", None), "Nobody Known");
        let map = PeopleMap::new(forms.clone(), &labels);
        assert!(map.is_of(&forms));
        // "Trump" and "Donald Trump" count under one key, shown as the full name.
        let trump = map.key(3, || Some(2017));
        assert_eq!(trump, map.key(0, || None));
        assert_eq!(map.path(trump, &labels).as_deref(), Some("/Donald Trump"));
        assert_ne!(map.key(2, || Some(1987)), map.key(2, || Some(2017)));
        assert_eq!(
            map.path(map.key(2, || Some(1987)), &labels).as_deref(),
            Some("/Gerhard Stoltenberg")
        );
        // An entry the registry lacks keeps its own label.
        let unknown = map.key(1, || None);
        assert_eq!(map.path(unknown, &labels).as_deref(), Some("/Nobody Known"));
        // Jens Stoltenberg, with one form, is not among the linked people: his entry
        // counts as itself.
        assert_eq!(map.keys(), 3 + 4);
    }

    #[test]
    fn a_match_counts_once_per_person_and_keyed_records_wait_for_a_second_count() {
        let registry = Registry {
            people: vec![person(
                "Donald Trump",
                &[("Donald Trump", None, false), ("Trump", None, false)],
            )],
        };
        let labels = Strs::from_strings(["/Donald Trump", "/Nobody Known", "/Trump"]);
        let map = Arc::new(PeopleMap::new(
            Arc::new(Forms::new(Linked::of(&registry))),
            &labels,
        ));
        let id = tantivy::index::SegmentId::generate_random();
        let to_global = U32s::from(vec![0, 1, 2]);
        let people = map.segment(id, &to_global, 0);
        // "Donald Trump", "Trump" and an unknown speaker: two keys, Trump's first.
        let mut keys = Vec::new();
        people.keys_of(&[0, 2, 1, 2], NONE, |k| keys.push(k));
        assert_eq!(keys, vec![map.key(0, || None), map.key(1, || None)]);
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            KeyedRecords {
                starts: vec![0],
                data: Vec::new(),
            }
        };
        // A one-off search does not make them; the second count does, once.
        assert!(people.keyed(make).is_none());
        let again = map.segment(id, &to_global, 0);
        assert!(again.keyed(make).is_some());
        assert!(map.segment(id, &to_global, 0).keyed(make).is_some());
        assert_eq!(made.get(), 1);
    }
}
