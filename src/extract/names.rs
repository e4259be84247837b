//! Word lists the extractors share, embedded and built once: first names
//! (a cue for person names), common lowercase words (a capitalised one at a
//! sentence start is not a name), titles and roles stripped from speaker names,
//! and words that mark an organisation.

use std::collections::HashSet;
use std::sync::OnceLock;

static FIRST_NAMES: &str = include_str!("../../data/names.txt");
static COMMON_WORDS: &str = include_str!("../../data/common_words.txt");

/// Titles and roles that precede a name ("President", "Sen.", "Secretary-General").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sen", "senator", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "lt", "gen", "general",
    "col", "colonel", "maj", "major", "capt", "captain", "adm", "admiral", "sgt", "sergeant", "rev",
    "reverend", "fr", "father", "pastor", "rabbi", "bishop", "cardinal", "pope", "sheikh", "sir",
    "dame", "lord", "lady", "president", "vice", "secretary", "speaker", "leader", "chairman",
    "chairwoman", "chair", "chief", "justice", "judge", "attorney", "director", "commissioner",
    "mayor", "ambassador", "minister", "prime", "premier", "king", "queen", "prince", "princess",
    "sheriff", "deputy", "former", "acting", "first", "general", "chancellor", "spokesman",
    "spokeswoman", "spokesperson", "officer", "detective", "inspector", "superintendent",
    "coach", "manager", "ceo", "cfo", "executive", "founder", "candidate", "nominee", "councilman",
    "councilwoman", "councillor", "councilor", "assemblyman", "assemblywoman", "delegate",
    "lawmaker", "state", "foreign", "defense", "defence", "interior", "finance", "health",
    "economy", "trade", "energy", "labor", "labour", "education", "justice", "homeland", "security",
    "national", "deputy", "assistant", "associate", "senior", "junior", "staff", "press",
    "white", "house", "democratic", "republican", "gop", "dem", "u", "s", "us", "uk", "eu", "un",
    "nato", "presidential", "gubernatorial", "hopeful", "incumbent", "challenger", "analyst",
    "professor", "author", "writer", "columnist", "correspondent", "anchor", "host", "moderator",
    "actor", "actress", "singer", "star", "rapper", "billionaire", "businessman", "businesswoman",
    "activist", "lawyer", "economist", "expert", "official", "commander", "admiral", "marshal",
    "emir", "crown", "sultan", "ayatollah", "imam", "archbishop", "dean", "provost", "principal",
    "trustee", "treasurer", "comptroller", "auditor", "clerk", "whip", "majority", "minority",
];

/// Words that make a capitalised phrase an organisation, not a person.
const ORG_WORDS: &[&str] = &[
    "ministry", "department", "house", "office", "party", "committee", "council", "association",
    "university", "college", "school", "inc", "corp", "corporation", "company", "co", "ltd",
    "llc", "group", "news", "post", "times", "journal", "agency", "police", "court", "senate",
    "congress", "parliament", "government", "administration", "commission", "bank", "fund",
    "foundation", "institute", "center", "centre", "church", "army", "navy", "force", "forces",
    "union", "league", "club", "network", "channel", "tv", "radio", "press", "times", "review",
    "campaign", "team", "board", "service", "services", "authority", "organization",
    "organisation", "federation", "society", "hospital", "airlines", "airways", "motors",
    "reuters", "bloomberg", "cnn", "bbc", "fox", "msnbc", "abc", "cbs", "nbc", "twitter",
    "facebook", "google", "apple", "microsoft", "amazon", "kremlin", "pentagon", "white",
    "statement", "report", "poll", "survey", "study", "data", "research", "project", "street",
    "avenue", "road", "square", "district", "county", "city", "state", "states", "republic",
    "kingdom", "nations", "international", "global", "national", "federal", "central",
    "democrats", "republicans", "gop", "media", "magazine", "gazette", "tribune", "herald",
    "telegraph", "guardian", "daily", "weekly", "sun", "mirror", "express", "examiner",
];

pub struct WordLists {
    pub first_names: HashSet<String>,
    pub common: HashSet<String>,
    pub titles: HashSet<&'static str>,
    pub org_words: HashSet<&'static str>,
}

/// The shared word lists (built on first use).
pub fn lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| WordLists {
        first_names: FIRST_NAMES.lines().map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect(),
        common: COMMON_WORDS.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect(),
        titles: TITLES.iter().copied().collect(),
        org_words: ORG_WORDS.iter().copied().collect(),
    })
}

impl WordLists {
    pub fn is_first_name(&self, w: &str) -> bool {
        self.first_names.contains(&w.to_lowercase())
    }
    pub fn is_common(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        l == "a" || l == "i" || self.common.contains(&l) || is_calendar_word(w)
    }
    pub fn is_title(&self, w: &str) -> bool {
        self.titles.contains(w.to_lowercase().trim_end_matches('.'))
    }
    pub fn is_org_word(&self, w: &str) -> bool {
        self.org_words.contains(w.to_lowercase().as_str())
    }
}

/// Months and weekdays: capitalised, but never a place or a person on their own.
pub fn is_calendar_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec",
    ];
    WORDS.contains(&w.to_lowercase().as_str())
}
