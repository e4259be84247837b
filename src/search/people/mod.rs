//! People across the archive (issue 20): the speaker entries that name one person.
//!
//! Extraction makes a name canonical inside one article; across articles the same
//! person is often a full name in some ("Donald Trump") and a surname alone in others
//! ("Trump"). The rule: a surname alone, in a given year, joins the full name with
//! that surname the archive quotes most in the same period (that year, the one before
//! or the one after) when that name has at least [`DOMINANCE`] of the period's
//! articles quoting such full names: a paper writes "Trump said" of the Trump its
//! readers know (Donald, not Ivanka or Melania, in 2017), and when that name has at
//! least [`MIN_ARTICLES`] in the period. Full names of about equal
//! weight ("Boris Johnson" and "Dustin Johnson" in one year) or none: the surname stays
//! its own entry. Undated articles join when the archive has one full name with that
//! surname at all. Periods keep apart people decades apart: "Stoltenberg" in 1987 is
//! Gerhard (Bonn's finance minister), in 2017 Jens (NATO).
//!
//! The registry is built from the facet tables at the end of an ingest and written
//! beside the index (`newsdex-people.json`); ids are a hash of the canonical name, so
//! indexing the same dump again gives the same ids.

mod cache;
mod map;

pub(crate) use cache::cached_file;

pub use map::{Forms, KeyedRecords, Linked, PeopleMap, SegmentPeople};

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;

use chrono::Datelike;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};

use super::tables::{FacetIndex, NONE, SPEAKER};
use crate::extract::text::fold;
use crate::schema::NewsSchema;

/// The share of a period's full-name articles that a full name needs to take the
/// surname alone.
const DOMINANCE: f64 = 0.75;

/// The articles a full name needs in the period to take the surname alone at all. A
/// name quoted once or twice is weak evidence: the lone "Clinton said" of 1998 is
/// Bill, not the "Hillary Rodham Clinton" of one article; the lone "Saleh" is the
/// "Raed al-Saleh" its article gave, not another article's "Nejm Saleh". On news-en,
/// of the merges to full names with at most 3 articles, 19 of 31 hand-checked were
/// wrong; with 4 or more, 4 of 23.
const MIN_ARTICLES: u64 = 4;

/// The registry's file in the index directory.
pub const FILE: &str = "newsdex-people.json";

/// What searches read to count and show people: the name forms of the people with
/// more than one (a tenth of the registry's size; reading the whole registry took a
/// cold search 40 ms at a million articles).
pub const FORMS_FILE: &str = "newsdex-people-forms.json";

/// One person: the name forms that are theirs, and when.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Person {
    /// Stable: a hash of the canonical name.
    pub id: String,
    /// The fullest form the archive uses.
    pub name: String,
    pub forms: Vec<Form>,
    /// Articles quoting them, by any form.
    pub articles: u64,
    /// First and last publication day (YYYY-MM-DD) of those articles.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// A speaker entry (facet label without its slash) that names a person.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Form {
    pub name: String,
    /// The years in which this form is this person's; absent: all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Vec<i32>>,
    /// Whether undated articles with this form are this person's (with `years`;
    /// searches by person leave them to the form's own entry).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undated: bool,
    pub articles: u64,
}

/// Everyone the archive quotes, most quoted first.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registry {
    pub people: Vec<Person>,
}

/// A form of a person while linking: (entry index, its years or all, undated).
type FormOf = (usize, Option<Vec<i32>>, bool);

/// What one speaker entry has in one year (`None`: undated).
#[derive(Clone, Copy, Default)]
struct YearTally {
    articles: u64,
    first_day: i32,
    last_day: i32,
}

pub(crate) fn year_of(day: i32) -> i32 {
    chrono::DateTime::from_timestamp(day as i64 * 86_400, 0).map_or(1970, |d| d.year())
}

fn iso_day(day: i32) -> Option<String> {
    chrono::DateTime::from_timestamp(day as i64 * 86_400, 0)
        .map(|d| d.date_naive().format("%Y-%m-%d").to_string())
}

fn person_id(name: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(name.as_bytes()))
}

/// The surname key of a speaker entry, folded: its last word, or its first for a
/// Chinese or Korean name written family name first ("Wang Lu" is a Wang, "Lu Kang"
/// a Lu, "Moon Jae-in" a Moon).
fn surname(name: &str) -> String {
    if let Some(surname) = crate::extract::womans_surname(name) {
        return fold(surname);
    }
    match crate::extract::family_name_first(name) {
        Some(family) => fold(family),
        None => fold(name.rsplit(' ').next().unwrap_or(name)),
    }
}

impl Registry {
    /// Builds the registry of the speakers of a searcher's segments (live articles).
    pub fn build(searcher: &Searcher, facets: &FacetIndex) -> tantivy::Result<Registry> {
        let view = facets.view(searcher);
        let labels = &view.labels[SPEAKER];
        // (global id, year) -> tally; undated articles under `None`.
        let mut tally: FxHashMap<(u32, Option<i32>), YearTally> = FxHashMap::default();
        for reader in searcher.segment_readers() {
            let seg = view.segment(reader)?;
            let docs = seg.table.docs(reader);
            let first = docs.day_range.map_or(0, |r| r.0);
            let alive = reader.alive_bitset();
            for doc in 0..reader.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let Some(record) = docs.record(doc) else {
                    continue;
                };
                let day = (record.day != NONE).then(|| first + record.day as i32);
                let year = day.map(year_of);
                for &o in record.speakers {
                    let Some(&g) = seg.to_global[SPEAKER].get(o as usize) else {
                        continue;
                    };
                    let t = tally.entry((g, year)).or_insert(YearTally {
                        articles: 0,
                        first_day: i32::MAX,
                        last_day: i32::MIN,
                    });
                    t.articles += 1;
                    if let Some(day) = day {
                        t.first_day = t.first_day.min(day);
                        t.last_day = t.last_day.max(day);
                    }
                }
            }
        }
        let mut by_label: BTreeMap<u32, BTreeMap<Option<i32>, YearTally>> = BTreeMap::new();
        for ((g, y), t) in tally {
            by_label.entry(g).or_default().insert(y, t);
        }
        let name_of = |g: u32| labels.get(g as usize).unwrap_or("").trim_start_matches('/');
        Ok(Registry::link(
            by_label
                .into_iter()
                .map(|(g, years)| (name_of(g).to_string(), years))
                .filter(|(name, _)| !name.is_empty())
                .collect(),
        ))
    }

    /// Links surnames alone to full names by period (see the module's rule), from
    /// each speaker entry's articles by year.
    fn link(entries: Vec<(String, BTreeMap<Option<i32>, YearTally>)>) -> Registry {
        // ("Baroness Kennedy" is a surname with a woman's title.)
        let is_full =
            |name: &str| name.contains(' ') && crate::extract::womans_surname(name).is_none();
        // An organisation or a place taken for a speaker is linked to nothing: "Fed"
        // is not New York Fed, nor "Embassy" the Japanese Embassy.
        let not_a_person: Vec<bool> = entries
            .iter()
            .map(|(name, _)| crate::extract::reads_as_organisation_or_place(name))
            .collect();
        // Full names by surname key: (index in entries).
        let mut full_by_surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (name, _)) in entries.iter().enumerate() {
            if is_full(name) && !not_a_person[i] {
                full_by_surname.entry(surname(name)).or_default().push(i);
            }
        }
        // A full name's articles in the three years around `year`.
        let around = |i: usize, year: i32| -> u64 {
            entries[i]
                .1
                .iter()
                .filter(|(y, _)| y.is_some_and(|y| (y - year).abs() <= 1))
                .map(|(_, t)| t.articles)
                .sum()
        };
        // The candidate with at least DOMINANCE of the weights, if any.
        let dominant = |weights: Vec<(usize, u64)>| -> Option<usize> {
            let total: u64 = weights.iter().map(|w| w.1).sum();
            let &(best, n) = weights
                .iter()
                .max_by_key(|w| (w.1, std::cmp::Reverse(w.0)))?;
            (n >= MIN_ARTICLES && n as f64 >= DOMINANCE * total as f64).then_some(best)
        };
        // Per entry: its person's forms (entry index, years or all, undated).
        let mut forms: BTreeMap<usize, Vec<FormOf>> = BTreeMap::new();
        for (i, (name, years)) in entries.iter().enumerate() {
            if is_full(name) {
                forms.entry(i).or_default().push((i, None, false));
                continue;
            }
            // A woman's title joins no man's full name: "Baroness Kennedy" is no
            // Charles Kennedy.
            let womans = crate::extract::womans_surname(name);
            let candidates: Vec<usize> = if not_a_person[i] {
                Vec::new()
            } else {
                full_by_surname
                    .get(&surname(name))
                    .map(|c| {
                        c.iter()
                            .copied()
                            .filter(|&c| {
                                womans.is_none() || crate::extract::may_be_a_woman(&entries[c].0)
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            // Years (and undated) by the full name they join; `None`: its own.
            let mut joins: BTreeMap<Option<usize>, (Vec<i32>, bool)> = BTreeMap::new();
            for year in years.keys() {
                let to = match year {
                    Some(y) => dominant(candidates.iter().map(|&c| (c, around(c, *y))).collect()),
                    None => dominant(
                        candidates
                            .iter()
                            .map(|&c| (c, entries[c].1.values().map(|t| t.articles).sum()))
                            .collect(),
                    ),
                };
                let slot = joins.entry(to).or_default();
                match year {
                    Some(y) => slot.0.push(*y),
                    None => slot.1 = true,
                }
            }
            // Every year with one person: the whole form is theirs.
            let whole = joins.len() == 1;
            for (to, (ys, undated)) in joins {
                let years = (!whole).then_some(ys);
                forms
                    .entry(to.unwrap_or(i))
                    .or_default()
                    .push((i, years, undated));
            }
        }
        let mut people: Vec<Person> = forms
            .into_iter()
            .map(|(owner, fs)| {
                let name = entries[owner].0.clone();
                let mut articles = 0;
                let (mut first, mut last) = (i32::MAX, i32::MIN);
                let forms = fs
                    .into_iter()
                    .map(|(i, years, undated)| {
                        let (form, tallies) = &entries[i];
                        let mine = |y: &Option<i32>| match (y, &years) {
                            (_, None) => true,
                            (Some(y), Some(ys)) => ys.contains(y),
                            (None, Some(_)) => undated,
                        };
                        let mut n = 0;
                        for (y, t) in tallies.iter().filter(|(y, _)| mine(y)) {
                            n += t.articles;
                            if y.is_some() {
                                first = first.min(t.first_day);
                                last = last.max(t.last_day);
                            }
                        }
                        articles += n;
                        Form {
                            name: form.clone(),
                            undated: undated && years.is_some(),
                            years,
                            articles: n,
                        }
                    })
                    .collect();
                Person {
                    id: person_id(&name),
                    name,
                    forms,
                    articles,
                    first: (first != i32::MAX).then(|| iso_day(first)).flatten(),
                    last: (last != i32::MIN).then(|| iso_day(last)).flatten(),
                }
            })
            .collect();
        people.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        Registry { people }
    }

    /// The people a name means, and the others it also fits, case- and
    /// accent-insensitively: a canonical name means that person; else a form a person
    /// has ("Trump", joined to Donald Trump) means its owners; else a surname means
    /// everyone with it. The others: everyone else with that surname.
    pub fn find(&self, name: &str) -> (Vec<&Person>, Vec<&Person>) {
        // "Mr. Trump", "the Taoiseach Enda Kenny": titles name nobody.
        let want = fold(crate::extract::without_titles(
            name.trim().trim_start_matches('/'),
        ));
        if want.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let pick = |f: &dyn Fn(&Person) -> bool| -> Vec<&Person> {
            self.people.iter().filter(|p| f(p)).collect()
        };
        // (A name with its title: "Baroness Kennedy" is her, "Kennedy" everyone.)
        let titled = fold(name.trim());
        let exact = pick(&|p| fold(&p.name) == want || fold(&p.name) == titled);
        if !exact.is_empty() {
            return (exact, Vec::new());
        }
        let by_surname = pick(&|p| surname(&p.name) == want);
        let owners = pick(&|p| p.forms.iter().any(|f| fold(&f.name) == want));
        if owners.is_empty() {
            return (by_surname, Vec::new());
        }
        let also = by_surname
            .into_iter()
            .filter(|p| !owners.iter().any(|o| o.id == p.id))
            .collect();
        (owners, also)
    }

    pub fn load(dir: &Path) -> Option<Registry> {
        let text = std::fs::read(dir.join(FILE)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Writes the registry beside the index, and the name forms of the people who
    /// have several ([`FORMS_FILE`]), each file replaced at once.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let write = |name: &str, bytes: Vec<u8>| {
            let tmp = dir.join(format!("{name}.tmp"));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(tmp, dir.join(name))
        };
        write(FORMS_FILE, serde_json::to_vec(&map::Linked::of(self))?)?;
        write(FILE, serde_json::to_vec(self)?)
    }
}

/// A speaker filter that fits several people.
#[derive(Clone, Debug, Serialize)]
pub struct Ambiguous {
    /// As the user gave it.
    pub name: String,
    /// Who the search took it to mean (all of them when it is only a surname).
    pub people: Vec<PersonBrief>,
    /// Others with that surname, not searched.
    pub also: Vec<PersonBrief>,
}

/// Who a person is, in a line.
#[derive(Clone, Debug, Serialize)]
pub struct PersonBrief {
    pub id: String,
    pub name: String,
    pub articles: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

impl PersonBrief {
    fn of(p: &Person) -> PersonBrief {
        PersonBrief {
            id: p.id.clone(),
            name: p.name.clone(),
            articles: p.articles,
            first: p.first.clone(),
            last: p.last.clone(),
        }
    }
}

impl Ambiguous {
    /// What a search says of `name` when it means `people` and also fits `also`:
    /// nothing when it fits one person.
    pub fn of(name: &str, people: &[&Person], also: &[&Person]) -> Option<Ambiguous> {
        let brief = |ps: &[&Person]| ps.iter().map(|p| PersonBrief::of(p)).collect();
        (people.len() + also.len() > 1).then(|| Ambiguous {
            name: name.to_string(),
            people: brief(people),
            also: brief(also),
        })
    }
}

/// The articles quoting one of `persons`: each form of theirs, in the years it is
/// theirs.
pub fn query(s: &NewsSchema, persons: &[&Person]) -> Box<dyn Query> {
    query_on(s.speaker, s.date, persons)
}

/// [`query`] over the speaker facet and date fields of any index (the quote index's
/// too).
pub fn query_on(speaker: Field, date: Field, persons: &[&Person]) -> Box<dyn Query> {
    let year_start = |y: i32| {
        chrono::NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or(0, |d| d.and_utc().timestamp())
    };
    let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for form in persons.iter().flat_map(|p| &p.forms) {
        let term = || -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(speaker, &Facet::from_path([form.name.as_str()])),
                IndexRecordOption::Basic,
            ))
        };
        match &form.years {
            None => subs.push((Occur::Should, term())),
            Some(years) => {
                for &y in years {
                    let bound = |y| {
                        Term::from_field_date(date, DateTime::from_timestamp_secs(year_start(y)))
                    };
                    let range =
                        RangeQuery::new(Bound::Included(bound(y)), Bound::Excluded(bound(y + 1)));
                    subs.push((
                        Occur::Should,
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Must, term()),
                            (Occur::Must, Box::new(range)),
                        ])),
                    ));
                }
            }
        }
    }
    Box::new(BooleanQuery::new(subs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, years: &[(i32, u64)]) -> (String, BTreeMap<Option<i32>, YearTally>) {
        let day = |y: i32| ((y - 1970) as f64 * 365.25) as i32 + 30;
        let tallies = years
            .iter()
            .map(|&(y, n)| {
                (
                    Some(y),
                    YearTally {
                        articles: n,
                        first_day: day(y),
                        last_day: day(y) + 100,
                    },
                )
            })
            .collect();
        (name.to_string(), tallies)
    }

    fn person<'a>(r: &'a Registry, name: &str) -> &'a Person {
        r.people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no person {name}"))
    }

    #[test]
    fn a_womans_title_joins_no_mans_full_name() {
        // 2005: the lone "Baroness Kennedy" is not the Charles Kennedy of 300 articles;
        // "Mrs Clinton" in 1998 is Hillary, not Bill.
        let r = Registry::link(vec![
            entry("Charles Kennedy", &[(2005, 300)]),
            entry("Baroness Kennedy", &[(2005, 2)]),
            entry("Bill Clinton", &[(1998, 50)]),
            entry("Hillary Clinton", &[(1998, 10)]),
            entry("Mrs Clinton", &[(1998, 5)]),
        ]);
        assert_eq!(person(&r, "Baroness Kennedy").forms.len(), 1);
        assert_eq!(person(&r, "Charles Kennedy").forms.len(), 1);
        assert_eq!(person(&r, "Hillary Clinton").articles, 15);
        assert_eq!(person(&r, "Bill Clinton").articles, 50);
        // Her name with the title finds her; the surname finds both Kennedys.
        let (people, _) = r.find("Baroness Kennedy");
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].name, "Baroness Kennedy");
        assert_eq!(r.find("kennedy").0.len(), 2);
    }

    #[test]
    fn a_surname_joins_the_one_full_name_of_its_period() {
        // "Trump said" in 2017 articles, "Donald Trump" quoted in 2016-2017.
        let r = Registry::link(vec![
            entry("Donald Trump", &[(2016, 30), (2017, 300)]),
            entry("Trump", &[(2017, 90)]),
        ]);
        assert_eq!(r.people.len(), 1);
        let p = person(&r, "Donald Trump");
        assert_eq!(p.articles, 420);
        assert_eq!(p.forms[1].name, "Trump");
        assert_eq!(p.forms[1].years, None, "every year of it: the whole form");
        assert_eq!(r.find("trump").0.len(), 1);
        assert_eq!(r.find("Donald Trump").0[0].id, p.id);
    }

    #[test]
    fn the_dominant_full_name_of_the_period_takes_the_surname() {
        // Donald, not Ivanka or Melania, in 2017; a glued "After Trump" changes nothing.
        let r = Registry::link(vec![
            entry("Donald Trump", &[(2017, 300)]),
            entry("Ivanka Trump", &[(2017, 6)]),
            entry("Melania Trump", &[(2017, 5)]),
            entry("After Trump", &[(2017, 1)]),
            entry("Trump", &[(2017, 90)]),
        ]);
        assert_eq!(person(&r, "Donald Trump").articles, 390);
        assert!(r.people.iter().all(|p| p.name != "Trump"));
        assert_eq!(person(&r, "Ivanka Trump").articles, 6);
        // "Trump" means Donald; it also fits the others, who are named too.
        let (meant, also) = r.find("TRUMP");
        assert_eq!(meant.len(), 1);
        assert_eq!(meant[0].name, "Donald Trump");
        assert_eq!(also.len(), 3);
    }

    #[test]
    fn a_chinese_name_has_its_family_name_first() {
        assert_eq!(surname("Wang Lu"), "wang");
        assert_eq!(surname("Li Keqiang"), "li");
        assert_eq!(surname("Yang Jiechi"), "yang");
        assert_eq!(surname("Dai Kang"), "dai");
        // Not pinyin after the first word: the last word, as for other names.
        assert_eq!(surname("Kim Kardashian"), "kardashian");
        assert_eq!(surname("Lee Harvey Oswald"), "oswald");
        assert_eq!(surname("Song Brown"), "brown");
        assert_eq!(surname("Donald Trump"), "trump");
        // "Lu said" is Lu Kang, the spokesman; not Wang Lu.
        let r = Registry::link(vec![
            entry("Lu Kang", &[(2017, 6)]),
            entry("Wang Lu", &[(2017, 7)]),
            entry("Lu", &[(2017, 5)]),
        ]);
        assert_eq!(person(&r, "Lu Kang").articles, 11);
        assert_eq!(person(&r, "Wang Lu").articles, 7);
    }

    #[test]
    fn one_surname_decades_apart_is_two_people() {
        // Bonn's finance minister in 1987, NATO's secretary general in 2017.
        let r = Registry::link(vec![
            entry("Gerhard Stoltenberg", &[(1987, 20)]),
            entry("Jens Stoltenberg", &[(2017, 15)]),
            entry("Stoltenberg", &[(1987, 12), (2017, 5)]),
        ]);
        assert_eq!(r.people.len(), 2);
        let gerhard = person(&r, "Gerhard Stoltenberg");
        let jens = person(&r, "Jens Stoltenberg");
        assert_eq!(gerhard.forms[1].years, Some(vec![1987]));
        assert_eq!(jens.forms[1].years, Some(vec![2017]));
        assert_eq!(jens.first.as_deref().map(|d| &d[..4]), Some("2017"));
        let (meant, also) = r.find("Stoltenberg");
        assert_eq!(
            r.find("Mr. Stoltenberg").0.len(),
            meant.len(),
            "a title names nobody"
        );
        assert_eq!(meant.len() + also.len(), 2, "the name fits two people");
    }

    #[test]
    fn an_organisation_or_a_place_is_linked_to_nothing() {
        // Wire copy quotes institutions: "the Fed said", "the New York Fed said",
        // "Seoul Samsung said"; no surname joins them.
        let r = Registry::link(vec![
            entry("New York Fed", &[(1987, 6)]),
            entry("Fed", &[(1987, 6)]),
            entry("Japanese Embassy", &[(1987, 9)]),
            entry("Embassy", &[(1987, 9)]),
            entry("Seoul Samsung", &[(2017, 5)]),
            entry("Samsung", &[(2017, 8)]),
            entry("Georgia Smith", &[(2017, 5)]),
            entry("Smith", &[(2017, 2)]),
            // Without a first name, a first or last word news writes in lowercase.
            entry("Copper Mines", &[(1987, 5)]),
            entry("Mines", &[(1987, 4)]),
            entry("Phillips Petroleum", &[(1987, 5)]),
            entry("Petroleum", &[(1987, 4)]),
            // A place inside: a shop in two Irish towns, quoted as a speaker.
            entry("Tullamore Wicklow Tesco", &[(2017, 5)]),
            entry("Tesco", &[(2017, 6)]),
            entry("Moon Jae-in", &[(2017, 5)]),
            entry("Moon", &[(2017, 2)]),
        ]);
        for alone in ["Fed", "Embassy", "Samsung", "Mines", "Petroleum", "Tesco"] {
            assert_eq!(person(&r, alone).forms.len(), 1, "{alone}");
        }
        // A first name that is also a place opens a person's name.
        assert_eq!(person(&r, "Georgia Smith").forms.len(), 2);
        // A Korean given name makes a person of a surname that is a common word.
        assert_eq!(person(&r, "Moon Jae-in").forms.len(), 2);
    }

    #[test]
    fn two_full_names_in_one_period_leave_the_surname_alone() {
        // "Johnson said": Boris or Lyndon? Both quoted in the same years here.
        let r = Registry::link(vec![
            entry("Boris Johnson", &[(2019, 10)]),
            entry("Dustin Johnson", &[(2019, 4)]),
            entry("Johnson", &[(2019, 7)]),
            entry("Merkel", &[(2015, 3)]),
            // One article is too little to claim every lone "Clinton" of its year.
            entry("Hillary Rodham Clinton", &[(1998, 1)]),
            entry("Clinton", &[(1998, 3)]),
        ]);
        assert_eq!(r.people.len(), 6);
        assert_eq!(person(&r, "Johnson").forms[0].years, None);
        assert_eq!(person(&r, "Clinton").forms.len(), 1);
        assert_eq!(person(&r, "Merkel").articles, 3, "no full name: its own");
    }
}
