//! Word lists the extractors share, embedded and built once: first names
//! (a cue for person names), common lowercase words (a capitalised one at a
//! sentence start is not a name), titles and roles stripped from speaker names,
//! and words that mark an organisation.

use std::sync::OnceLock;

use super::wordset::{with_lower, WordSet};

pub(crate) static FIRST_NAMES: &str = include_str!("../../data/names.txt");
/// Men's names that are no women's names (from the same lists).
pub(crate) static MALE_NAMES: &str = include_str!("../../data/male_names.txt");
pub(crate) static COMMON_WORDS: &str = include_str!("../../data/common_words.txt");
/// Words news writes in lowercase at least a quarter of the time, beyond
/// `COMMON_WORDS` ("technician", "meanwhile", "petroleum"): a looser test, for a word
/// glued before a name or closing a company's name.
pub(crate) static LOWERCASE_WORDS: &str = include_str!("../../data/lowercase_words.txt");

/// Titles and roles that precede a name ("President", "Sen.", "Secretary-General").
pub(crate) const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sen",
    "sens",
    "senator",
    "rep",
    "reps",
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
    // Members of a parliament: "Fine Gael TDs", "Labour MPs".
    "mp",
    "mep",
    "msp",
    "td",
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
    "undersecretary",
    "taoiseach",
    "baroness",
    "baron",
    "commodore",
    "magistrate",
    "cllr",
    "supt",
    "comrade",
    "academician",
    "ombudsman",
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
    // In the languages wire copy keeps them in: "Banque Paribas", "Societe Generale".
    "banque",
    "banco",
    "banca",
    "gruppo",
    "groupe",
    "compagnie",
    // "Manchester United", "Utilicorp United".
    "united",
    "societe",
    "landesbank",
    "girozentrale",
    "sparkasse",
    "plc",
    "garda",
    "ministry",
    "embassy",
    "consulate",
    "reserve",
    "commerce",
    "telecom",
    "wireless",
    "studies",
    "consolidated",
    "laboratories",
    "savings",
    "guard",
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
    // Company and agency names' last words, which are nobody's surname: over news-en
    // (issue 20) "Plc", "Treasury", "Bureau", "Securities" were speakers' surnames.
    "plc",
    // Legal forms of European companies: "Hoechst AG of West Germany said".
    "ag",
    "gmbh",
    "kgaa",
    "nv",
    "bv",
    "sa",
    "spa",
    "sarl",
    "bancorp",
    "trust",
    "partners",
    "securities",
    "industries",
    "exchange",
    "bureau",
    "treasury",
    "statistics",
    "systems",
    "electric",
    "chemical",
    "chemicals",
    "communications",
    "resources",
    "holdings",
    "investments",
    "technologies",
    "command",
    "initiative",
    "affairs",
    "mps",
    "development",
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

pub struct WordLists {
    first_names: WordSet,
    male_names: WordSet,
    common: WordSet,
    lowercase: WordSet,
    pub titles: WordSet,
    pub org_words: WordSet,
}

/// The shared word lists (built on first use).
pub fn lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let first_names: Vec<String> = FIRST_NAMES
            .lines()
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        let common = COMMON_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let lowercase = LOWERCASE_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        WordLists {
            first_names: WordSet::new(first_names.iter().map(String::as_str)),
            male_names: WordSet::new(MALE_NAMES.lines().map(str::trim).filter(|l| !l.is_empty())),
            common: WordSet::new(common),
            lowercase: WordSet::new(lowercase),
            titles: WordSet::new(TITLES.iter().copied()),
            org_words: WordSet::new(ORG_WORDS.iter().copied()),
        }
    })
}

impl WordLists {
    pub fn is_first_name(&self, w: &str) -> bool {
        self.first_names.has_any_case(w)
    }
    /// A man's first name that is no woman's ("Charles", not "Leslie").
    pub fn is_mans_name(&self, w: &str) -> bool {
        self.male_names.has_any_case(w)
    }
    pub fn is_common(&self, w: &str) -> bool {
        with_lower(w, |l| {
            l == "a" || l == "i" || self.common.has(l) || calendar().has(l)
        })
    }
    /// A common word, or one news writes in lowercase at least a quarter of the time
    /// ("Technician", "Meanwhile" glued before a name, "Phillips Petroleum").
    pub fn is_lowercase_word(&self, w: &str) -> bool {
        self.is_common(w) || with_lower(w, |l| self.lowercase.has(l))
    }
    /// A title or role, or its plural ("Commissioners William Seale").
    pub fn is_title(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        self.titles.has_any_case(w) || self.singular_is_title(w)
    }
    /// The plural of a title that is no title itself: "Commissioners", "TDs", "MPs".
    pub fn is_plural_title(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        !self.titles.has_any_case(w) && self.singular_is_title(w)
    }
    /// `w` (no trailing period) ends in "s" after a title.
    fn singular_is_title(&self, w: &str) -> bool {
        w.len() > 2 && w.ends_with('s') && self.titles.has_any_case(&w[..w.len() - 1])
    }
    pub fn is_org_word(&self, w: &str) -> bool {
        self.org_words.has_any_case(w)
    }
}

/// Months and weekdays: capitalised, but never a place or a person on their own.
pub fn is_calendar_word(w: &str) -> bool {
    calendar().has_any_case(w)
}

crate::word_set!(calendar, CALENDAR_WORDS);

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
        let first_names = FIRST_NAMES.lines().map(|l| l.trim().to_lowercase());
        let common = COMMON_WORDS.lines().map(|l| l.trim().to_string());
        for (word, first) in first_names
            .map(|n| (n, true))
            .chain(common.map(|c| (c, false)))
        {
            if word.is_empty() {
                continue;
            }
            let upper = word.to_ascii_uppercase();
            let title: String = word
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            for form in [word.to_string(), upper, title] {
                if form.is_ascii() {
                    if first {
                        assert!(w.is_first_name(&form), "{form}");
                    } else {
                        assert!(w.is_common(&form), "{form}");
                    }
                }
            }
        }
        let titles = super::WordSet::new(TITLES.iter().copied());
        for t in TITLES {
            assert!(titles.has(t), "{t}");
            assert!(titles.has_any_case(&t.to_ascii_uppercase()), "{t}");
        }
    }
}
