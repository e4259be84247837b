//! Named features the gazetteer does not hold: streets and roads ("Main Street",
//! "E. Broad St.", "County Road 43", "Interstate 395") and waters and landforms
//! ("Lake Lanier", "Naugatuck River", "Boston Harbor"). Local news locates its
//! stories by them, and annotators count them as place mentions; GeoNames' cities
//! and regions have no entry for them, so they are listed without coordinates and
//! are no facet (see `Place`).

use crate::extract::lexicon::{
    set_before_ok, set_directions, set_public_bodies, FEATURE_PREFIXES, FEATURE_SUFFIXES,
    METONYM_STREETS, NOT_FEATURE_WORDS, NUMBERED_ROADS, STREET_SUFFIXES,
};
use crate::extract::names::{is_calendar_word, WordLists};
use crate::extract::text::Token;
use crate::extract::wordset::with_lower;

crate::word_set!(set_street_suffixes, STREET_SUFFIXES);
crate::word_set!(set_feature_suffixes, FEATURE_SUFFIXES);
crate::word_set!(set_feature_prefixes, FEATURE_PREFIXES);
crate::word_set!(set_numbered_roads, NUMBERED_ROADS);
crate::word_set!(set_metonyms, METONYM_STREETS);
crate::word_set!(set_not_features, NOT_FEATURE_WORDS);

/// All type words: street and feature suffixes, feature prefixes, numbered roads.
fn type_words() -> &'static crate::extract::wordset::WordSet {
    static SET: std::sync::OnceLock<crate::extract::wordset::WordSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        crate::extract::wordset::WordSet::new(
            STREET_SUFFIXES
                .iter()
                .chain(FEATURE_SUFFIXES)
                .chain(FEATURE_PREFIXES)
                .chain(NUMBERED_ROADS)
                .copied(),
        )
    })
}

/// A feature's name: tokens `first..=last`, bytes `start..end` of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Feature {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Most name words before a feature's type word ("Old Alton Edwardsville Road").
const MAX_NAME_WORDS: usize = 4;

/// The named features of a text, in order, not overlapping.
pub(super) fn features(text: &str, toks: &[Token], w: &WordLists) -> Vec<Feature> {
    let scan = Scan { text, toks, w };
    let mut out: Vec<Feature> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        // Every feature has a type word: one probe rules out most capitalised words.
        if !t.cap || !(t.text(text) == "I" || type_words().has_any_case(t.text(text))) {
            continue;
        }
        let Some(f) = scan
            .numbered_road(k)
            .or_else(|| scan.with_type_suffix(k))
            .or_else(|| scan.with_type_prefix(k))
        else {
            continue;
        };
        // A longer name goes on ("Wall Street Journal", "Lake Erie Monsters").
        if scan.name_goes_on(f.last) || scan.names_something_else(&f) {
            continue;
        }
        match out.last_mut() {
            // Overlapping names: the one that covers the other ("North Lake Street"
            // over "Lake Street"), else the first.
            Some(p) if p.last >= f.first => {
                if f.first <= p.first && f.last >= p.last {
                    *p = f;
                }
            }
            _ => out.push(f),
        }
    }
    out
}

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Token],
    w: &'a WordLists,
}

impl Scan<'_> {
    fn word(&self, k: usize) -> &str {
        self.toks[k].text(self.text)
    }

    fn gap(&self, a: usize, b: usize) -> &str {
        &self.text[self.toks[a].end..self.toks[b].start]
    }

    fn feature(&self, first: usize, last: usize, end: usize) -> Feature {
        Feature {
            first,
            last,
            start: self.toks[first].start,
            end,
        }
    }

    /// Byte end of token `k`, with its abbreviation's period ("St.").
    fn end_with_period(&self, k: usize) -> usize {
        let end = self.toks[k].end;
        if self.text[end..].starts_with('.') {
            end + 1
        } else {
            end
        }
    }

    /// Can token `k` be a word of a feature's name? Capitalised or a number
    /// ("Fourth", "4th"), not a word that only precedes names ("in", "The"), a
    /// title or a month.
    fn name_word(&self, k: usize) -> bool {
        let t = self.toks[k];
        let word = self.word(k);
        let ordinal = word.starts_with(|c: char| c.is_ascii_digit())
            && word.ends_with(['h', 't', 'd'])
            && word.len() <= 4;
        (t.cap || ordinal)
            && !t.all_caps
            && (set_directions().has_any_case(word) || !set_before_ok().has_any_case(word))
            && !self.w.is_title(word)
            && !is_calendar_word(word)
    }

    /// The name words before token `k` ("North Nokomis" before "Street"): the first
    /// token of the name, if there is one.
    fn name_before(&self, k: usize) -> Option<usize> {
        let mut first = k;
        while first > 0 && k - first < MAX_NAME_WORDS {
            let prev = first - 1;
            let gap = self.gap(prev, first);
            // "E. Broad St.": a direction's initial.
            let initial = gap == ". "
                && self.word(prev).len() == 1
                && matches!(self.word(prev), "N" | "S" | "E" | "W");
            // Not "R-Elbow Lake": a party's letter.
            let hyphened = gap == "-" && self.word(prev).len() > 1;
            if !(gap == " " || hyphened || initial)
                || self.toks[first].sentence_start
                || !self.name_word(prev)
            {
                break;
            }
            first = prev;
        }
        (first < k).then_some(first)
    }

    /// "Main Street", "E. Broad St.", "Naugatuck River", "Freeborn Lake": name words
    /// and a type word.
    fn with_type_suffix(&self, k: usize) -> Option<Feature> {
        let word = self.word(k);
        let street = set_street_suffixes().has_any_case(word);
        if !street && !set_feature_suffixes().has_any_case(word) {
            return None;
        }
        let abbreviated = self.text[self.toks[k].end..].starts_with('.')
            && with_lower(word, |l| {
                matches!(l, "st" | "ave" | "rd" | "dr" | "ln" | "blvd")
            });
        // "St. Cloud", "Dr. Ruth": before a name, the abbreviation is a title.
        if abbreviated
            && self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.cap && !n.sentence_start && self.gap(k, k + 1) == ". ")
        {
            return None;
        }
        let first = self.name_before(k)?;
        let span = &self.text[self.toks[first].start..self.toks[k].end];
        // "Wall Street", "Downing Street": the street stands for an institution.
        if street && set_metonyms().has_any_case(span) {
            return None;
        }
        let end = if abbreviated {
            self.end_with_period(k)
        } else {
            self.toks[k].end
        };
        Some(self.feature(first, k, end))
    }

    /// "Lake Lanier", "River Lune", "Mount Hood", "Gulf of Maine": a type word and
    /// name words.
    fn with_type_prefix(&self, k: usize) -> Option<Feature> {
        if !set_feature_prefixes().has_any_case(self.word(k)) {
            return None;
        }
        let mut last = k;
        let mut of = false;
        while last + 1 < self.toks.len() && last - k < MAX_NAME_WORDS {
            let next = last + 1;
            let gap = self.gap(last, next);
            let w = self.word(next);
            if gap == " " && w == "of" && last == k && !of {
                of = true;
                last = next;
                continue;
            }
            // Words after the first are names, not common words ("Lake Erie
            // Monsters" is no lake's name).
            let later = last > k && !(of && last == k + 1);
            if gap != " "
                || self.toks[next].sentence_start
                || !self.name_word(next)
                || (later && self.w.is_common(w))
            {
                break;
            }
            last = next;
        }
        if last == k || (of && last == k + 1) {
            return None;
        }
        Some(self.feature(k, last, self.toks[last].end))
    }

    /// "Highway 10", "County Road 43", "Illinois Route 159", "Interstate 395",
    /// "I-95": a road's type and number, with the name words before it.
    fn numbered_road(&self, k: usize) -> Option<Feature> {
        let num = k + 1;
        let number = |i: usize| {
            self.toks
                .get(i)
                .is_some_and(|t| t.text(self.text).starts_with(|c: char| c.is_ascii_digit()))
        };
        let word = self.word(k);
        let interstate_letter = word == "I" && number(num) && self.gap(k, num) == "-";
        if !(interstate_letter
            || set_numbered_roads().has_any_case(word) && number(num) && self.gap(k, num) == " ")
        {
            return None;
        }
        let first = self.name_before(k).unwrap_or(k);
        Some(self.feature(first, num, self.toks[num].end))
    }

    /// Does a word of the name say it is a building, a body or an event ("Mount
    /// Washington Hotel", "Gulf War", "City Area Transit")?
    fn names_something_else(&self, f: &Feature) -> bool {
        (f.first..=f.last).any(|k| {
            let word = self.word(k);
            !type_words().has_any_case(word)
                && (set_public_bodies().has_any_case(word) || set_not_features().has_any_case(word))
        })
    }

    /// Does a capitalised word right after token `last` continue the name?
    fn name_goes_on(&self, last: usize) -> bool {
        self.toks.get(last + 1).is_some_and(|n| {
            let word = n.text(self.text);
            n.cap
                && !n.sentence_start
                && self.gap(last, last + 1) == " "
                && !is_calendar_word(word)
                && !set_before_ok().has_any_case(word)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::names::lists;
    use crate::extract::text::tokenize;

    fn found(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        features(text, &toks, lists())
            .into_iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn streets_with_directions_and_abbreviations() {
        assert_eq!(
            found("He lived at 1935 Orchard St., Alexandria, near North Nokomis Street."),
            vec!["Orchard St.", "North Nokomis Street"]
        );
        assert_eq!(
            found("The lane from E. Broad St. to Old Alton Edwardsville Road is shut."),
            vec!["E. Broad St.", "Old Alton Edwardsville Road"]
        );
        // "St." before a name is "Saint"; "Dr." a title.
        assert!(found("He moved to St. Cloud and saw Dr. Jones.").is_empty());
    }

    #[test]
    fn numbered_roads() {
        assert_eq!(
            found("Crews closed Highway 10 and County Road 43 near Illinois Route 159."),
            vec!["Highway 10", "County Road 43", "Illinois Route 159"]
        );
        assert_eq!(
            found("Traffic on I-95 and Interstate 64 slowed."),
            vec!["I-95", "Interstate 64"]
        );
    }

    #[test]
    fn waters_and_landforms() {
        assert_eq!(
            found("Boats left Lake Lanier for the Naugatuck River and the Gulf of Maine."),
            vec!["Lake Lanier", "Naugatuck River", "Gulf of Maine"]
        );
    }

    #[test]
    fn longer_names_and_institutions_are_not_features() {
        // A newspaper, a team, a street standing for a government or a market.
        assert!(found("The Wall Street Journal and the Lake Erie Monsters agreed.").is_empty());
        assert!(found("Downing Street said stocks on Wall Street fell.").is_empty());
        // A month after the name does not extend it.
        assert_eq!(
            found("Work on Main Street June 5 ended."),
            vec!["Main Street"]
        );
    }
}
