//! What the place rules know of the languages other than English whose articles
//! get places (German, French, Spanish, Italian, Portuguese): each language's
//! frequent words (the 5,000 most frequent in the `wordfreq` data, in
//! `data/frequent_words.tsv`, made by `scripts/build_wordlists.py`), its months and
//! weekdays, and its determiners.
//!
//! The rules they serve (in `places/recognize.rs`): a frequent word of the language
//! ("Stelle", "Nada", "Povo") is a place only where a major place has that name
//! and the word is not opening a sentence; a city's name after a determiner is a
//! noun ("das Essen", "die Halle"); and in German, where every noun is capitalised,
//! a capitalised neighbour that is a frequent word does not make a name longer
//! ("Stadt Köln" is Köln).

use std::sync::OnceLock;

use super::wordset::{with_lower, WordSet};

static FREQUENT_WORDS: &str = include_str!("../../data/frequent_words.tsv");

/// The languages, besides English, whose articles get places.
pub const PLACE_LANGUAGES: [&str; 5] = ["de", "es", "fr", "it", "pt"];

/// Months and weekdays (lowercase), which are capitalised in German and at a
/// sentence's start elsewhere, and name villages ("Sonntag", "Maio").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
const CALENDAR: [(&str, &[&str]); 5] = [
    ("de", &["januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
        "september", "oktober", "november", "dezember", "montag", "dienstag", "mittwoch",
        "donnerstag", "freitag", "samstag", "sonnabend", "sonntag"]),
    ("es", &["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes",
        "miércoles", "jueves", "viernes", "sábado", "domingo"]),
    ("fr", &["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche"]),
    ("it", &["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre", "lunedì", "martedì", "mercoledì",
        "giovedì", "venerdì", "sabato", "domenica"]),
    ("pt", &["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
        "setembro", "outubro", "novembro", "dezembro", "segunda", "terça", "quarta", "quinta",
        "sexta", "sábado", "domingo"]),
];

/// The points of the compass, and "centre": names of regions in several countries
/// (Haiti's Nord, Cameroon's Ouest) that on their own mean a direction.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
const DIRECTIONS: [(&str, &[&str]); 5] = [
    ("de", &["nord", "süd", "ost", "west", "norden", "süden", "osten", "westen", "mitte", "zentrum"]),
    ("es", &["norte", "sur", "este", "oeste", "centro", "oriente", "occidente"]),
    ("fr", &["nord", "sud", "est", "ouest", "centre", "orient", "occident", "midi"]),
    ("it", &["nord", "sud", "est", "ovest", "centro", "oriente", "occidente", "meridione"]),
    ("pt", &["norte", "sul", "leste", "este", "oeste", "centro", "oriente", "ocidente"]),
];

/// Articles and determiners: before a capitalised word they make it a noun.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
const DETERMINERS: [(&str, &[&str]); 5] = [
    ("de", &["der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer",
        "eines", "kein", "keine", "diese", "dieser", "dieses", "diesem", "diesen", "jede",
        "jeder", "jedes", "unser", "unsere", "ihr", "ihre", "sein", "seine", "im", "am", "zum",
        "zur", "vom", "beim"]),
    ("es", &["el", "la", "los", "las", "un", "una", "unos", "unas", "del", "al", "este", "esta",
        "estos", "estas", "ese", "esa", "su", "sus", "nuestro", "nuestra"]),
    ("fr", &["le", "la", "les", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette",
        "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos"]),
    ("it", &["il", "lo", "la", "gli", "le", "un", "uno", "una", "del", "dello", "della",
        "dei", "degli", "delle", "al", "allo", "alla", "ai", "agli", "alle", "questo", "questa",
        "suo", "sua"]),
    ("pt", &["o", "os", "as", "um", "uma", "uns", "umas", "do", "dos", "das", "ao", "aos",
        "pelo", "pela", "pelos", "pelas", "este", "esta", "esse", "essa", "seu", "sua"]),
];

/// The word lists of one language.
pub struct LanguageWords {
    /// Frequent words, months and weekdays, lowercase.
    frequent: WordSet,
    calendar: WordSet,
    directions: WordSet,
    determiners: WordSet,
    /// Every noun is capitalised (German): capitals do not mark names.
    pub capitalises_nouns: bool,
}

impl LanguageWords {
    /// Is `w` (any case) a frequent word, month or weekday of the language?
    pub fn is_frequent(&self, w: &str) -> bool {
        with_lower(w, |l| self.frequent.has(l))
    }

    /// Is `w` (any case) a month or a weekday?
    pub fn is_calendar(&self, w: &str) -> bool {
        with_lower(w, |l| self.calendar.has(l))
    }

    /// Is `w` (any case) a point of the compass?
    pub fn is_direction(&self, w: &str) -> bool {
        with_lower(w, |l| self.directions.has(l))
    }

    /// Is `w` (as written: determiners are lowercase mid-sentence) a determiner?
    pub fn is_determiner(&self, w: &str) -> bool {
        self.determiners.has(w)
    }
}

/// The word lists of `lang`, when its articles get places by these rules (not
/// English, whose lists are in `names`).
pub fn words(lang: Option<&str>) -> Option<&'static LanguageWords> {
    static ALL: OnceLock<Vec<LanguageWords>> = OnceLock::new();
    let i = PLACE_LANGUAGES.iter().position(|l| Some(*l) == lang)?;
    let all = ALL.get_or_init(|| {
        PLACE_LANGUAGES
            .iter()
            .map(|&code| {
                let listed = FREQUENT_WORDS
                    .lines()
                    .filter_map(|l| l.split_once('\t'))
                    .filter(|(l, _)| *l == code)
                    .map(|(_, w)| w);
                let of = |table: &[(&str, &'static [&'static str])]| {
                    table
                        .iter()
                        .find(|(l, _)| *l == code)
                        .map_or(&[][..], |t| t.1)
                };
                let calendar = of(&CALENDAR);
                LanguageWords {
                    frequent: WordSet::new(listed.chain(calendar.iter().copied())),
                    calendar: WordSet::new(calendar.iter().copied()),
                    directions: WordSet::new(of(&DIRECTIONS).iter().copied()),
                    determiners: WordSet::new(of(&DETERMINERS).iter().copied()),
                    capitalises_nouns: code == "de",
                }
            })
            .collect()
    });
    all.get(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_lists() {
        let de = words(Some("de")).unwrap();
        assert!(de.is_frequent("Stelle") && de.is_frequent("Sonntag") && de.is_frequent("das"));
        assert!(!de.is_frequent("Fulda"));
        assert!(de.is_determiner("das") && !de.is_determiner("Das"));
        assert!(de.capitalises_nouns);
        let pt = words(Some("pt")).unwrap();
        assert!(pt.is_frequent("Povo") && pt.is_frequent("Maio") && !pt.capitalises_nouns);
        assert!(pt.is_calendar("Maio") && !pt.is_calendar("Povo"));
        assert!(words(Some("fr")).unwrap().is_direction("Ouest"));
        assert!(
            words(Some("en")).is_none() && words(None).is_none() && words(Some("ru")).is_none()
        );
    }
}
