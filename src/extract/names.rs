//! Word lists the extractors share, embedded and built once: first names
//! (a cue for person names), common lowercase words (a capitalised one at a
//! sentence start is not a name), titles and roles stripped from speaker names,
//! and words that mark an organisation.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

static FIRST_NAMES: &str = include_str!("../../data/names.txt");
static COMMON_WORDS: &str = include_str!("../../data/common_words.txt");

/// Titles and roles that precede a name ("President", "Sen.", "Secretary-General").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "lt",
    "gen",
    "general",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "adm",
    "admiral",
    "sgt",
    "sergeant",
    "rev",
    "reverend",
    "fr",
    "father",
    "pastor",
    "rabbi",
    "bishop",
    "cardinal",
    "pope",
    "sheikh",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "secretary",
    "speaker",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "justice",
    "judge",
    "attorney",
    "director",
    "commissioner",
    "mayor",
    "ambassador",
    "minister",
    "prime",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "sheriff",
    "deputy",
    "former",
    "acting",
    "first",
    "general",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "detective",
    "inspector",
    "superintendent",
    "coach",
    "manager",
    "ceo",
    "cfo",
    "executive",
    "founder",
    "candidate",
    "nominee",
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "assemblyman",
    "assemblywoman",
    "delegate",
    "lawmaker",
    "state",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "health",
    "economy",
    "trade",
    "energy",
    "labor",
    "labour",
    "education",
    "justice",
    "homeland",
    "security",
    "national",
    "deputy",
    "assistant",
    "associate",
    "senior",
    "junior",
    "staff",
    "press",
    "white",
    "house",
    "democratic",
    "republican",
    "gop",
    "dem",
    "u",
    "s",
    "us",
    "uk",
    "eu",
    "un",
    "nato",
    "presidential",
    "gubernatorial",
    "hopeful",
    "incumbent",
    "challenger",
    "analyst",
    "professor",
    "author",
    "writer",
    "columnist",
    "correspondent",
    "anchor",
    "host",
    "moderator",
    "actor",
    "actress",
    "singer",
    "star",
    "rapper",
    "billionaire",
    "businessman",
    "businesswoman",
    "activist",
    "lawyer",
    "economist",
    "expert",
    "official",
    "commander",
    "admiral",
    "marshal",
    "emir",
    "crown",
    "sultan",
    "ayatollah",
    "imam",
    "archbishop",
    "dean",
    "provost",
    "principal",
    "trustee",
    "treasurer",
    "comptroller",
    "auditor",
    "clerk",
    "whip",
    "majority",
    "minority",
];

/// Words that make a capitalised phrase an organisation, not a person.
const ORG_WORDS: &[&str] = &[
    "ministry",
    "department",
    "house",
    "office",
    "party",
    "committee",
    "council",
    "association",
    "university",
    "college",
    "school",
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "llc",
    "group",
    "news",
    "post",
    "times",
    "journal",
    "agency",
    "police",
    "court",
    "senate",
    "congress",
    "parliament",
    "government",
    "administration",
    "commission",
    "bank",
    "fund",
    "foundation",
    "institute",
    "center",
    "centre",
    "church",
    "army",
    "navy",
    "force",
    "forces",
    "union",
    "league",
    "club",
    "network",
    "channel",
    "tv",
    "radio",
    "press",
    "times",
    "review",
    "campaign",
    "team",
    "board",
    "service",
    "services",
    "authority",
    "organization",
    "organisation",
    "federation",
    "society",
    "hospital",
    "airlines",
    "airways",
    "motors",
    "reuters",
    "bloomberg",
    "cnn",
    "bbc",
    "fox",
    "msnbc",
    "abc",
    "cbs",
    "nbc",
    "twitter",
    "facebook",
    "google",
    "apple",
    "microsoft",
    "amazon",
    "kremlin",
    "pentagon",
    "white",
    "statement",
    "report",
    "poll",
    "survey",
    "study",
    "data",
    "research",
    "project",
    "street",
    "avenue",
    "road",
    "square",
    "district",
    "county",
    "city",
    "state",
    "states",
    "republic",
    "kingdom",
    "nations",
    "international",
    "global",
    "national",
    "federal",
    "central",
    "democrats",
    "republicans",
    "gop",
    "media",
    "magazine",
    "gazette",
    "tribune",
    "herald",
    "telegraph",
    "guardian",
    "daily",
    "weekly",
    "sun",
    "mirror",
    "express",
    "examiner",
];

/// A filter of words by their length and first, second and last bytes (ASCII
/// letters lowercased): a clear bit proves a word absent without hashing it.
///
/// Most words the extractors look up are in none of the lists ("the", "of",
/// "announced"), and most lookups are of those; a probe of this table costs a few
/// instructions where hashing and probing a set cost about seventy. About eight
/// bits per word (at least 16,384: 2 KB) keep one word in nine passing wrongly.
pub struct Prefilter {
    bits: Box<[u64]>,
    /// 64 minus log2 of the number of bits.
    shift: u32,
}

impl Prefilter {
    #[inline]
    fn bit(&self, w: &[u8]) -> usize {
        let n = w.len();
        if n == 0 {
            return 0;
        }
        // `| 0x20` lowercases ASCII letters (and merges a few punctuation bytes,
        // which only lets more words pass).
        let at = |i: usize| u64::from(w[i] | 0x20);
        let x = (n as u64) | at(0) << 16 | at(1.min(n - 1)) << 24 | at(n - 1) << 32;
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    pub fn new<'a>(words: impl IntoIterator<Item = &'a str> + Clone) -> Self {
        let n = words.clone().into_iter().count();
        let nbits = (n * 8).next_power_of_two().max(1 << 14);
        let mut f = Prefilter {
            bits: vec![0u64; nbits / 64].into_boxed_slice(),
            shift: 64 - nbits.trailing_zeros(),
        };
        for w in words {
            let b = f.bit(w.as_bytes());
            f.bits[b / 64] |= 1 << (b % 64);
        }
        f
    }

    /// False when no word of the set has `w`'s signature: `w` is not in it, nor is
    /// any word differing from it only in the case of ASCII letters.
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let b = self.bit(w.as_bytes());
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

/// A set of lowercase words with hashed lookup (the lists are too long to scan),
/// behind a [`Prefilter`].
pub struct WordSet(FxHashSet<&'static str>, Prefilter);

impl WordSet {
    pub fn new(words: &[&'static str]) -> Self {
        WordSet(
            words.iter().copied().collect(),
            Prefilter::new(words.iter().copied()),
        )
    }

    /// Is this exact (lowercase) word in the set?
    pub fn has(&self, w: &str) -> bool {
        self.1.may_hold(w) && self.0.contains(w)
    }

    /// Is this word in the set, ignoring case? (Lowercasing a non-ASCII word may
    /// change its bytes and length, so only ASCII words are filtered.)
    pub fn has_any_case(&self, w: &str) -> bool {
        if w.is_ascii() && !self.1.may_hold(w) {
            return false;
        }
        with_lower(w, |l| self.0.contains(l))
    }
}

/// A lazily built [`WordSet`] of a constant list: `word_set!(speech_verbs, SPEECH_VERBS);`
#[macro_export]
macro_rules! word_set {
    ($vis:vis $fn_name:ident, $list:ident) => {
        $vis fn $fn_name() -> &'static $crate::extract::names::WordSet {
            static SET: std::sync::OnceLock<$crate::extract::names::WordSet> =
                std::sync::OnceLock::new();
            SET.get_or_init(|| $crate::extract::names::WordSet::new($list))
        }
    };
}

/// Calls `f` with the lowercase form of `w`, without allocating for short ASCII words.
///
/// The extractors' word-list and gazetteer checks call this millions of times per
/// second; validating each lowercased copy as UTF-8 again cost 5% of extraction.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 64;
    if w.len() <= MAX && w.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // SAFETY: `w` is ASCII (checked above) and ASCII lowercasing keeps every byte
        // ASCII; ASCII bytes are valid UTF-8.
        f(unsafe { std::str::from_utf8_unchecked(b) })
    } else {
        f(&w.to_lowercase())
    }
}

pub struct WordLists {
    pub first_names: FxHashSet<Box<str>>,
    pub common: FxHashSet<Box<str>>,
    first_name_filter: Prefilter,
    common_filter: Prefilter,
    pub titles: WordSet,
    pub org_words: WordSet,
}

/// The shared word lists (built on first use).
pub fn lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let first_names: FxHashSet<Box<str>> = FIRST_NAMES
            .lines()
            .map(|l| l.trim().to_lowercase().into_boxed_str())
            .filter(|l| !l.is_empty())
            .collect();
        let common: FxHashSet<Box<str>> = COMMON_WORDS
            .lines()
            .map(|l| Box::<str>::from(l.trim()))
            .filter(|l| !l.is_empty())
            .collect();
        WordLists {
            first_name_filter: Prefilter::new(first_names.iter().map(|w| &**w)),
            common_filter: Prefilter::new(common.iter().map(|w| &**w)),
            first_names,
            common,
            titles: WordSet::new(TITLES),
            org_words: WordSet::new(ORG_WORDS),
        }
    })
}

impl WordLists {
    pub fn is_first_name(&self, w: &str) -> bool {
        if w.is_ascii() && !self.first_name_filter.may_hold(w) {
            return false;
        }
        with_lower(w, |l| self.first_names.contains(l))
    }
    pub fn is_common(&self, w: &str) -> bool {
        with_lower(w, |l| {
            l == "a"
                || l == "i"
                || (self.common_filter.may_hold(l) && self.common.contains(l))
                || calendar().has(l)
        })
    }
    pub fn is_title(&self, w: &str) -> bool {
        self.titles.has_any_case(w.trim_end_matches('.'))
    }
    pub fn is_org_word(&self, w: &str) -> bool {
        self.org_words.has_any_case(w)
    }
}

/// Months and weekdays: capitalised, but never a place or a person on their own.
pub fn is_calendar_word(w: &str) -> bool {
    calendar().has_any_case(w)
}

word_set!(calendar, CALENDAR_WORDS);

const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    // Holidays: "a week before Christmas" names no town.
    "christmas",
    "easter",
    "thanksgiving",
    "ramadan",
    "hanukkah",
    "passover",
    "diwali",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefilter_passes_every_word_of_its_set_in_any_ascii_case() {
        let w = lists();
        for word in w.first_names.iter().chain(w.common.iter()) {
            let upper = word.to_ascii_uppercase();
            let title: String = word
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            for form in [word.to_string(), upper, title] {
                if form.is_ascii() {
                    assert!(w.is_first_name(&form) || !w.first_names.contains(&**word));
                    assert!(w.is_common(&form) || !w.common.contains(&**word));
                }
            }
        }
        let titles = WordSet::new(TITLES);
        for t in TITLES {
            assert!(titles.has(t), "{t}");
            assert!(titles.has_any_case(&t.to_ascii_uppercase()), "{t}");
        }
    }

    #[test]
    fn prefilter_rejects_most_other_words() {
        let set = WordSet::new(&["said", "told", "added", "according"]);
        let others = [
            "the",
            "of",
            "and",
            "a",
            "in",
            "president",
            "on",
            "with",
            "for",
            "was",
        ];
        let passed = others.iter().filter(|w| set.1.may_hold(w)).count();
        assert!(
            passed <= 2,
            "{passed} of {} unrelated words passed",
            others.len()
        );
        assert!(!set.has("the") && set.has("said") && set.has_any_case("Told"));
    }

    proptest::proptest! {
        #[test]
        fn prefilter_has_no_false_negatives(words in proptest::collection::vec("[a-zA-Z0-9'.-]{0,12}", 1..50)) {
            let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
            let f = Prefilter::new(lower.iter().map(String::as_str));
            for (w, l) in words.iter().zip(&lower) {
                proptest::prop_assert!(f.may_hold(l));
                proptest::prop_assert!(f.may_hold(w), "{} (as {})", w, l);
            }
        }
    }
}
