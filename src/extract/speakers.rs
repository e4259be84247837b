//! Speakers: people quoted directly ("...," Zelenskyy said / said Rutte / X said:
//! "...") or reported ("X said that", "according to X", "X told reporters", "X wrote
//! on X", transcripts "NAME:", tweets "— Name (@handle)"), each under one
//! canonical full name per article with the quotes attributed to them.
//!
//! Rules over tokens, no model: a capitalised name run next to a speech verb is a
//! speaker when it looks like a person (no organisation word, not a place or a
//! common word, a first name or a title or a full name elsewhere in the article).

use std::collections::HashMap;

use super::names::{lists, WordLists};
use super::text::{fold, tokenize, Token};
use super::{Quote, Speaker};

/// Verbs of saying, in the forms news uses.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "wrote",
    "writes",
    "tweeted",
    "tweets",
    "stated",
    "states",
    "argued",
    "argues",
    "noted",
    "notes",
    "explained",
    "explains",
    "warned",
    "warns",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "announced",
    "announces",
    "replied",
    "replies",
    "responded",
    "responds",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "suggested",
    "suggests",
    "recalled",
    "recalls",
    "urged",
    "urges",
    "predicted",
    "predicts",
    "declared",
    "declares",
    "continued",
    "emphasized",
    "emphasised",
    "emphasizes",
    "stressed",
    "stresses",
    "commented",
    "remarked",
    "posted",
    "testified",
    "countered",
    "conceded",
    "cautioned",
    "complained",
    "complains",
    "contended",
    "contends",
    "observed",
    "maintained",
    "maintains",
    "agreed",
    "agrees",
    "concluded",
    "promised",
    "promises",
    "vowed",
    "vows",
    "boasted",
    "bragged",
    "joked",
    "lamented",
    "quipped",
    "retorted",
    "shouted",
    "wondered",
    "mused",
    "reiterated",
    "charged",
    "alleged",
    "accused",
    "accuses",
    "blasted",
    "slammed",
    "praised",
    "praises",
    "criticized",
    "criticised",
    "criticizes",
    "thundered",
    "fumed",
    "answered",
    "believes",
    "believed",
    "thinks",
    "thought",
    "wants",
    "wanted",
    "hopes",
    "hoped",
    "fears",
    "feared",
    "expects",
    "expected",
    "knows",
    "called",
    "calls",
    "blamed",
    "blames",
    "described",
    "describes",
    "dismissed",
    "dismisses",
    "echoed",
    "estimated",
    "expressed",
    "indicated",
    "indicates",
    "mentioned",
    "proposed",
    "proposes",
    "questioned",
    "revealed",
    "signaled",
    "signalled",
    "touted",
    "touts",
    "pledged",
    "pledges",
    "attacked",
    "attacks",
    "defended",
    "defends",
    "demanded",
    "demands",
    "disputed",
    "doubted",
    "worried",
    "welcomed",
    "condemned",
    "condemns",
    "rejected",
    "rejects",
    "refused",
    "reminded",
    "repeated",
    "threatened",
    "threatens",
    "recounted",
    "objected",
    "opposed",
    "opposes",
    "supports",
    "endorsed",
    "endorses",
    "acknowledges",
    "explain",
    "contrasted",
    "compared",
    "labeled",
    "labelled",
    "framed",
    "sees",
    "saw",
    "felt",
    "feels",
    "considers",
    "considered",
    "argue",
    "announce",
    "insist",
    "suggest",
    "warn",
    "vowing",
    "saying",
    "telling",
    "arguing",
    "claiming",
    "insisting",
    "calling",
    "writing",
    "noting",
    "adding",
    "warning",
    "explaining",
    "urging",
    "accusing",
    "comparing",
    "describing",
    "promising",
    "predicting",
    "stressing",
    "suggesting",
    "asserting",
    "asserted",
    "asserts",
    "revealing",
    "tweeting",
    "declaring",
    "questioning",
    "criticizing",
    "blaming",
    "defending",
    "plans",
    "planned",
    "intends",
    "pushed",
    "pressed",
    "cast",
    "painted",
    "characterized",
    "pointed",
    "bemoaned",
    "rebutted",
    "hailed",
    "exclaimed",
    "beamed",
    "lashed",
    "weighed",
];

const VERB: u8 = 1;
const INVERT: u8 = 2;
const NOUN: u8 = 4;
const ACCORDING: u8 = 8;

/// Word -> which attribution lists hold it (speech verb, invertible verb, saying noun).
fn attribution_flags() -> &'static rustc_hash::FxHashMap<&'static str, u8> {
    static FLAGS: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    FLAGS.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        for (list, flag) in [
            (SPEECH_VERBS, VERB),
            (INVERTIBLE, INVERT),
            (SAYING_NOUNS, NOUN),
            (&["according", "asked", "asks"][..], ACCORDING),
        ] {
            for w in list {
                *m.entry(*w).or_insert(0) |= flag;
            }
        }
        m
    })
}

/// Capitalised verbs of headlines ("Clinton Urges Britain to Remain"); "States",
/// "Notes" or "Plans" are left out as they are mostly nouns.
const HEADLINE_VERBS: &[&str] = &[
    "says", "said", "tells", "told", "urges", "warns", "claims", "slams", "blasts", "vows",
    "insists", "denies", "admits", "calls", "praises", "attacks", "accuses", "defends", "rips",
    "mocks", "tweets", "responds", "explains", "argues", "suggests", "promises", "pledges",
    "predicts", "tweeted", "wrote", "writes",
];

/// Verbs after which the speaker may follow (`," said Rutte`).
const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "asked",
    "asks",
    "wrote",
    "writes",
    "tweeted",
    "continued",
    "explained",
    "noted",
    "replied",
    "recalled",
    "warned",
    "told",
    "insisted",
    "declared",
    "stated",
    "argued",
    "countered",
    "quipped",
    "concluded",
    "posted",
    "according",
    "beamed",
    "exclaimed",
    "cautioned",
    "suggested",
    "admitted",
    "acknowledged",
    "observed",
    "remarked",
    "responded",
    "laughed",
    "joked",
    "recalled",
    "conceded",
    "predicted",
    "agreed",
    "complained",
    "wondered",
    "mused",
    "boasted",
    "emphasized",
    "stressed",
    "claimed",
];

/// Words that may stand between a subject and its verb ("Rutte also said").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "has",
    "had",
    "have",
    "then",
    "once",
    "would",
    "will",
    "never",
    "further",
    "again",
    "earlier",
    "often",
    "told",
    "did",
    "does",
    "just",
    "even",
    "still",
    "first",
    "not",
    "may",
    "might",
    "could",
    "should",
    "can",
    "must",
    "is",
    "was",
    "has",
    "long",
    "previously",
    "soon",
    "too",
    "herself",
    "himself",
    "last",
    "yet",
    "all",
    "both",
    "now",
];

/// Nouns that make "X's statement" an attribution to X.
const SAYING_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "remarks",
    "comments",
    "comment",
    "tweets",
    "speech",
    "testimony",
    "announcement",
    "claim",
    "claims",
    "letter",
    "message",
    "words",
    "memo",
    "post",
    "answer",
    "rhetoric",
    "argument",
    "promise",
    "pledge",
    "vow",
    "warning",
    "criticism",
    "position",
    "view",
    "views",
    "op",
    "essay",
    "campaign",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "proposal",
    "plan",
];

/// Lowercase words that never stand between "said" and the speaker's name.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "to",
    "that",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "and",
    "or",
    "but",
    "this",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "for",
    "with",
    "by",
    "from",
    "as",
    "about",
    "after",
    "before",
    "when",
    "while",
    "during",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "then",
    "also",
    "there",
];

const PRONOUNS: &[&str] = &["he", "she"];

/// Lowercase particles inside names ("Ludwig van Beethoven", "Osama bin Laden").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "del", "della", "di", "bin", "al", "la", "le", "ibn",
    "dos", "du",
];

crate::word_set!(set_headline_verbs, HEADLINE_VERBS);
crate::word_set!(set_between, BETWEEN);
crate::word_set!(set_function_words, FUNCTION_WORDS);
crate::word_set!(set_pronouns, PRONOUNS);
crate::word_set!(set_particles, PARTICLES);

/// A run of capitalised tokens that may name a person: `title_start..name_start` are
/// titles/roles, `name_start..=last` the name.
#[derive(Clone, Copy, Debug)]
struct Run {
    title_start: usize,
    name_start: usize,
    last: usize,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Capitalised runs of the text, titles split off the front.
fn runs(text: &str, toks: &[Token], w: &WordLists) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() {
            let gap = &text[toks[j].end..toks[j + 1].start];
            let next = toks[j + 1];
            // A period joins only after an initial or an abbreviated title ("J. K.", "Mr. X").
            let cur = toks[j].text(text);
            let abbrev = cur.chars().count() == 1
                || matches!(
                    cur,
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Dr"
                        | "St"
                        | "Sen"
                        | "Rep"
                        | "Gov"
                        | "Gen"
                        | "Lt"
                        | "Col"
                        | "Sgt"
                        | "Capt"
                        | "Prof"
                        | "Rev"
                        | "Jr"
                );
            let joinable =
                matches!(gap, " " | "-" | "’" | "'") || (matches!(gap, ". " | ".") && abbrev);
            if next.sentence_start && !(gap == ". " && abbrev) {
                break;
            }
            // Possessive "'s" / "’s" ends the run.
            if (gap == "’" || gap == "'") && next.text(text) == "s" {
                break;
            }
            let next_is_verb = next.cap && set_headline_verbs().has_any_case(next.text(text));
            if joinable && next.cap && !next_is_verb {
                j += 1;
                continue;
            }
            if joinable
                && set_particles().has(next.text(text))
                && toks
                    .get(j + 2)
                    .is_some_and(|n| n.cap && &text[next.end..n.start] == " ")
            {
                j += 2;
                continue;
            }
            break;
        }
        // The name is what follows the last title, role, organisation or sentence-initial
        // common word: "NATO Secretary-General Mark Rutte", "Senate Minority Leader Harry Reid".
        let mut s = i;
        for k in i..j {
            let word = toks[k].text(text);
            let initial_common =
                toks[k].sentence_start && w.is_common(word) && !w.is_first_name(word);
            let role = w.is_title(word)
                || w.is_org_word(word)
                || initial_common
                || (toks[k].all_caps && !toks[j].all_caps);
            // "R-Ky": a party and state tag, not a name.
            if role || word.len() == 1 && k < j && &text[toks[k].end..toks[k + 1].start] == "-" {
                s = k + 1;
            }
        }
        out.push(Run {
            title_start: i,
            name_start: s,
            last: j,
        });
        i = j + 1;
    }
    out
}

/// Is this run a person's name (and not an organisation, a place or a common word)?
fn looks_like_person(
    text: &str,
    toks: &[Token],
    r: &Run,
    w: &WordLists,
    known_surnames: &HashMap<String, String>,
    transcript: bool,
) -> bool {
    let names: Vec<&str> = (r.name_start..=r.last)
        .map(|k| toks[k].text(text))
        .filter(|t| !set_particles().has(t))
        .collect();
    if names.is_empty() || names.len() > 5 {
        return false;
    }
    if names.iter().any(|n| w.is_org_word(n)) {
        return false;
    }
    if names.iter().any(|n| super::names::is_calendar_word(n)) {
        return false;
    }
    let first = toks[r.name_start];
    let last_word = *names.last().unwrap_or(&"");
    // "(D-Md.)", "R-Ky.": a party and state tag.
    if names.len() == 1 && r.name_start > 0 && text[toks[r.name_start - 1].end..first.start] == *"-"
    {
        return false;
    }
    if first.all_caps && !transcript {
        return false;
    }
    let titled = r.name_start > r.title_start;
    if names.len() == 1 {
        let word = names[0];
        if word.chars().count() < 2 || w.is_title(word) {
            return false;
        }
        if known_surnames.contains_key(&fold(word)) {
            return true;
        }
        if set_pronouns().has(lower(word).as_str()) || w.is_common(word) {
            return false;
        }
        if titled {
            return true;
        }
        // A lone capitalised word: a surname unless it is a place, a people, a brand.
        if transcript {
            return true;
        }
        return !is_place_word(word)
            && !w.is_first_name(word)
            && !is_camel_case(word)
            && !is_people_word(word);
    }
    // Several words: a first name, a middle initial, or no word that is a common one.
    if w.is_first_name(names[0]) || titled {
        return !w.is_common(last_word) || known_surnames.contains_key(&fold(last_word));
    }
    if names.iter().any(|n| n.chars().count() == 1) {
        return true;
    }
    !names.iter().any(|n| w.is_common(n)) && !is_place_phrase(&names.join(" "))
}

fn is_place_word(word: &str) -> bool {
    is_place_phrase(word)
}

/// "BuzzFeed", "HuffPost": a capital inside the word (but "McConnell", "DeSantis", "O'Malley").
fn is_camel_case(word: &str) -> bool {
    let rest: Vec<char> = word.chars().skip(1).collect();
    let inner = rest.iter().skip(1).any(|c| c.is_uppercase());
    let prefix_ok = [
        "Mc", "Mac", "De", "Di", "Da", "Le", "La", "Van", "Von", "Du", "O",
    ]
    .iter()
    .any(|p| {
        word.starts_with(p)
            && word[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    });
    inner && !prefix_ok
}

/// "Americans", "Latinos", "Democrats": peoples and groups, not persons.
fn is_people_word(word: &str) -> bool {
    use super::gazetteer::name_key;
    let g = place_gazetteer();
    let k = name_key(word);
    let stem = k.strip_suffix('s').unwrap_or(&k);
    g.is_demonym(&k)
        || g.is_demonym(stem)
        || matches!(
            stem,
            "democrat"
                | "republican"
                | "liberal"
                | "conservative"
                | "progressive"
                | "voter"
                | "official"
                | "mourner"
                | "protester"
                | "critic"
                | "supporter"
                | "fan"
                | "expert"
                | "analyst"
                | "latino"
                | "hispanic"
                | "millennial"
                | "evangelical"
        )
}

fn is_place_phrase(s: &str) -> bool {
    use super::gazetteer::{name_key, Kind};
    let g = place_gazetteer();
    g.lookup(&name_key(s)).iter().any(|&id| {
        let e = g.entry(id);
        matches!(e.kind, Kind::Country | Kind::Continent | Kind::Admin1) || e.population >= 100_000
    })
}

fn place_gazetteer() -> &'static super::gazetteer::Gazetteer {
    use std::sync::OnceLock;
    static G: OnceLock<std::sync::Arc<super::gazetteer::Gazetteer>> = OnceLock::new();
    G.get_or_init(super::shared_gazetteer)
}

/// The name words of a run as one string ("Volodymyr Zelenskyy").
fn run_name(text: &str, toks: &[Token], r: &Run) -> String {
    let s = &text[toks[r.name_start].start..toks[r.last].end];
    let mut name = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Transcript names in capitals: WALLACE -> Wallace.
    if toks[r.name_start].all_caps {
        name = name
            .split(' ')
            .map(|p| {
                let mut c = p.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()
                })
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    name
}

/// A quotation in the text (inside “…” or "…").
#[derive(Clone, Copy, Debug)]
struct QuoteSpan {
    start: usize,
    end: usize,
}

fn quotes(text: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i + c.len_utf8(), '”')),
            (None, '"') => open = Some((i + 1, '"')),
            (Some((s, close)), c) if c == close => {
                if i > s {
                    out.push(QuoteSpan { start: s, end: i });
                }
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

struct Act {
    run: Run,
    /// Byte range of the whole attribution (name and verb), to find the nearby quote.
    start: usize,
    end: usize,
}

/// Extracts the speakers of an article body.
pub fn extract(text: &str) -> Vec<Speaker> {
    extract_with_tokens(text, &tokenize(text))
}

/// [`extract`] over the text's tokens, when the caller has them already.
pub fn extract_with_tokens(text: &str, toks: &[Token]) -> Vec<Speaker> {
    let w = lists();
    if toks.is_empty() {
        return Vec::new();
    }
    let all_runs = runs(text, toks, w);
    // Full names in the article, by folded surname: "zelenskyy" -> "Volodymyr Zelenskyy".
    let mut full: HashMap<String, String> = HashMap::new();
    for r in &all_runs {
        if r.last > r.name_start
            && !toks[r.name_start].all_caps
            && looks_like_person(text, toks, r, w, &HashMap::new(), false)
        {
            let name = run_name(text, toks, r);
            let surname = fold(toks[r.last].text(text));
            let e = full.entry(surname).or_insert_with(|| name.clone());
            if name.len() > e.len() && name.split(' ').count() <= 3 {
                *e = name;
            }
        }
    }
    // Run that ends at token k / starts at token k.
    let mut run_ending: HashMap<usize, usize> = HashMap::new();
    let mut run_starting: HashMap<usize, usize> = HashMap::new();
    for (n, r) in all_runs.iter().enumerate() {
        run_ending.insert(r.last, n);
        run_starting.insert(r.title_start, n);
    }
    let transcript_names = transcript_speakers(text, toks, &all_runs, w);

    let mut acts: Vec<Act> = Vec::new();
    let act_for = |n: usize, start: usize, end: usize| Act {
        run: all_runs[n],
        start,
        end,
    };
    for (k, t) in toks.iter().enumerate() {
        let word = t.text(text);
        // Most words are lowercase already: borrow them.
        let lw: std::borrow::Cow<str> = if t.cap {
            lower(word).into()
        } else {
            word.into()
        };
        // "according to X" (also opening a sentence)
        if lw == "according" && toks.get(k + 1).is_some_and(|n| n.text(text) == "to") {
            if let Some(&n) = run_starting.get(&(k + 2)) {
                acts.push(act_for(n, t.start, toks[all_runs[n].last].end));
            }
            continue;
        }
        // Capitalised verbs only in headlines ("Clinton Urges Britain ..."), never opening a sentence.
        if t.cap && (t.sentence_start || !set_headline_verbs().has(&lw)) {
            continue;
        }
        // "X's statement", "X’s remarks"
        // One lookup tells which of the word lists (if any) hold this word.
        let flags = attribution_flags().get(lw.as_ref()).copied().unwrap_or(0);
        if flags == 0 {
            continue;
        }
        if flags & NOUN != 0 && k >= 2 && toks[k - 1].text(text) == "s" {
            let gap = &text[toks[k - 2].end..toks[k - 1].start];
            if gap == "'" || gap == "’" {
                if let Some(&n) = run_ending.get(&(k - 2)) {
                    acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                }
            }
            continue;
        }
        let invertible = flags & INVERT != 0 || lw == "asked" || lw == "asks";
        if flags & VERB == 0 && !invertible {
            continue;
        }
        // Subject before the verb (not for "asked": "Trump asked voters" names no source).
        let subject_verb = flags & VERB != 0;
        // "Rutte said", "Rutte also said", "Rutte, NATO's chief, said",
        // "Reid (D-Nev.) said", "McConnell, R-Ky., said".
        let mut found = false;
        let mut b = k;
        let mut hops = 0;
        while subject_verb && b > 0 && hops < 3 {
            let prev = b - 1;
            let gap = &text[toks[prev].end..toks[b].start];
            let pw = toks[prev].text(text);
            let adverb =
                !toks[prev].cap && (set_between().has(pw) || (pw.len() > 4 && pw.ends_with("ly")));
            if gap == " " && adverb {
                b = prev;
                hops += 1;
                continue;
            }
            let gap_t = gap.trim();
            if gap == " " {
                if let Some(&n) = run_ending.get(&prev) {
                    acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                    found = true;
                }
            } else if gap_t == ")" || gap_t == ".)" {
                // Back to the opening parenthesis, then the name before it.
                if let Some(open) = (prev.saturating_sub(8)..=prev)
                    .rev()
                    .find(|&c| c > 0 && text[toks[c - 1].end..toks[c].start].contains('('))
                {
                    if let Some(&n) = run_ending.get(&(open - 1)) {
                        acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                        found = true;
                    }
                }
            } else if gap_t.ends_with(',') && !gap_t.contains(['"', '”', '“']) {
                // Skip an appositive back to the previous comma.
                let mut c = prev;
                let mut steps = 0;
                while c > 0 && steps < 25 {
                    let g2 = &text[toks[c - 1].end..toks[c].start];
                    if g2.contains(['“', '”', '"', '\n', ';'])
                        || (g2.contains('.') && !g2.contains(','))
                    {
                        break;
                    }
                    if g2.contains(',') {
                        if let Some(&n) = run_ending.get(&(c - 1)) {
                            // "Lee Zeldin of New York, a Trump supporter, said": the name is before "of".
                            let r = all_runs[n];
                            let of_name = (r.title_start >= 2
                                && toks[r.title_start - 1].text(text) == "of")
                                .then(|| run_ending.get(&(r.title_start - 2)).copied())
                                .flatten()
                                .filter(|&m| {
                                    looks_like_person(text, toks, &all_runs[m], w, &full, false)
                                });
                            let n = of_name.unwrap_or(n);
                            acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                            found = true;
                        }
                        break;
                    }
                    c -= 1;
                    steps += 1;
                }
            }
            break;
        }
        // Subject after the verb: `," said Rutte`, "said election lawyer Joe Birkenstock".
        if !found && invertible {
            let mut a = k + 1;
            let mut skipped = 0;
            while let Some(next) = toks.get(a) {
                let gap = &text[toks[a - 1].end..next.start];
                if gap != " " && gap != "-" {
                    break;
                }
                if next.cap {
                    if let Some(&n) = run_starting.get(&a) {
                        acts.push(act_for(n, t.start, toks[all_runs[n].last].end));
                    }
                    break;
                }
                let nw = next.text(text);
                if skipped >= 3
                    || set_function_words().has(nw)
                    || attribution_flags().get(nw).is_some_and(|f| f & VERB != 0)
                {
                    break;
                }
                skipped += 1;
                a += 1;
            }
        }
    }

    let qs = quotes(text);
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut add = |name: String, quote: Option<Quote>, speakers: &mut Vec<Speaker>| {
        let key = fold(&name);
        let slot = *by_name.entry(key).or_insert_with(|| {
            speakers.push(Speaker {
                name: name.clone(),
                mentions: Vec::new(),
                quotes: Vec::new(),
            });
            speakers.len() - 1
        });
        if let Some(q) = quote {
            if !speakers[slot].quotes.iter().any(|x| x.start == q.start) {
                speakers[slot].quotes.push(q);
            }
        }
    };
    for act in &acts {
        if !looks_like_person(text, toks, &act.run, w, &full, false) {
            continue;
        }
        let name = canonical(&run_name(text, toks, &act.run), &full);
        let quote = nearest_quote(text, &qs, act.start, act.end);
        add(name, quote, &mut speakers);
    }
    for (name, quote) in transcript_names {
        add(canonical(&name, &full), quote, &mut speakers);
    }
    for (name, start, end) in tweet_signatures(text) {
        add(
            canonical(&name, &full),
            nearest_quote(text, &qs, start, end),
            &mut speakers,
        );
    }
    // Mentions: every surface form of each speaker in the text (runs ending in a
    // speaker's surname only: the others cannot name one).
    let surnames: std::collections::HashSet<String> = speakers
        .iter()
        .filter_map(|s| s.name.rsplit(' ').next().map(fold))
        .collect();
    for r in &all_runs {
        if !surnames.contains(&fold(toks[r.last].text(text))) {
            continue;
        }
        let name = canonical(&run_name(text, toks, r), &full);
        if let Some(&slot) = by_name.get(&fold(&name)) {
            let surface = text[toks[r.title_start].start..toks[r.last].end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !speakers[slot].mentions.contains(&surface) {
                speakers[slot].mentions.push(surface);
            }
        }
    }
    speakers
}

/// The full name a surname or partial name refers to in this article.
fn canonical(name: &str, full: &HashMap<String, String>) -> String {
    let last = name.rsplit(' ').next().unwrap_or(name);
    match full.get(&fold(last)) {
        Some(f) if f.len() >= name.len() && fold(f).ends_with(&fold(name)) => f.clone(),
        _ => name.to_string(),
    }
}

/// The quote next to an attribution: just before it (`"…," X said`) or just after (`X said: "…"`).
fn nearest_quote(text: &str, qs: &[QuoteSpan], start: usize, end: usize) -> Option<Quote> {
    // The quote's text without surrounding spaces, and offsets that match it.
    let mk = |q: &QuoteSpan| {
        let raw = &text[q.start..q.end];
        let start = q.start + (raw.len() - raw.trim_start().len());
        let end = q.end - (raw.len() - raw.trim_end().len());
        let end = end.max(start);
        Quote {
            text: text[start..end].to_string(),
            start,
            end,
        }
    };
    let before = qs
        .iter()
        .rev()
        .find(|q| q.end <= start && start - q.end <= 6 && !text[q.end..start].contains('\n'));
    if let Some(q) = before {
        return Some(mk(q));
    }
    let after = qs
        .iter()
        .find(|q| q.start >= end && q.start - end <= 8 && !text[end..q.start].contains('\n'));
    if let Some(q) = after {
        return Some(mk(q));
    }
    // A quote inside the same sentence after "said that"/"said,".
    qs.iter()
        .find(|q| {
            q.start >= end && q.start - end <= 120 && !text[end..q.start].contains(['.', '\n'])
        })
        .map(mk)
}

/// Transcript lines "NAME: text" / "Name Surname: text"; a name must start two lines
/// or be a known person so headings ("Update:") are not taken.
fn transcript_speakers(
    text: &str,
    toks: &[Token],
    runs: &[Run],
    w: &WordLists,
) -> Vec<(String, Option<Quote>)> {
    let mut counts: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for r in runs {
        let first = toks[r.title_start];
        let after = &text[toks[r.last].end..];
        if !after.starts_with(':') {
            continue;
        }
        let line_start = text[..first.start].rfind('\n').map_or(0, |p| p + 1);
        if !text[line_start..first.start].trim().is_empty() {
            continue;
        }
        if r.last - r.name_start > 2 || !looks_like_person(text, toks, r, w, &HashMap::new(), true)
        {
            continue;
        }
        let name = run_name(text, toks, r);
        let line_end = text[toks[r.last].end..]
            .find('\n')
            .map_or(text.len(), |p| toks[r.last].end + p);
        counts
            .entry(name)
            .or_default()
            .push((toks[r.last].end + 1, line_end));
    }
    counts
        .into_iter()
        .filter(|(_, lines)| lines.len() >= 2)
        .map(|(name, lines)| {
            let (s, e) = lines[0];
            let raw = &text[s..e];
            let lead = raw.len() - raw.trim_start().len();
            let q = Quote {
                text: raw.trim().to_string(),
                start: s + lead,
                end: s + lead + raw.trim().len(),
            };
            (name, Some(q))
        })
        .collect()
}

/// Embedded tweets: "— Name / Other script (@handle) Date".
fn tweet_signatures(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("(@") {
        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
        let line = &text[line_start..i];
        let Some(dash) = line.find(['—', '–']) else {
            continue;
        };
        let sig = line[dash..].trim_start_matches(['—', '–']).trim();
        let name = sig.split('/').next().unwrap_or("").trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        if (1..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            out.push((words.join(" "), line_start, i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|s| s.name).collect()
    }

    #[test]
    fn seed_article_speakers() {
        let text = include_str!("../../tests/fixtures/seed-article.txt");
        let sp = extract(text);
        let n: Vec<&str> = sp.iter().map(|s| s.name.as_str()).collect();
        assert!(n.contains(&"Volodymyr Zelenskyy"), "{n:?}");
        assert!(n.contains(&"Mark Rutte"), "{n:?}");
        assert_eq!(n.len(), 2, "{n:?}");
        let z = sp.iter().find(|s| s.name == "Volodymyr Zelenskyy").unwrap();
        assert!(
            z.quotes
                .iter()
                .any(|q| q.text.starts_with("Taking advantage")),
            "{z:?}"
        );
        assert!(
            z.mentions
                .iter()
                .any(|m| m == "President Volodymyr Zelenskyy"),
            "{z:?}"
        );
        for q in sp.iter().flat_map(|s| &s.quotes) {
            assert_eq!(&text[q.start..q.end], q.text);
        }
    }

    #[test]
    fn quote_then_said_name() {
        assert_eq!(
            names("“We will win,” said Mark Rutte. Later, “never,” Rutte said."),
            vec!["Mark Rutte"]
        );
    }

    #[test]
    fn titles_are_stripped_and_surnames_linked() {
        let n = names(
            "NATO Secretary-General Mark Rutte visited Kyiv. Mr. Rutte said the talks went well.",
        );
        assert_eq!(n, vec!["Mark Rutte"]);
    }

    #[test]
    fn reported_speech_and_according_to() {
        assert_eq!(
            names("According to Jane Smith, the vote was close."),
            vec!["Jane Smith"]
        );
        assert_eq!(
            names("John Doe told reporters that he would run."),
            vec!["John Doe"]
        );
        assert_eq!(
            names("Angela Merkel, the German chancellor, said the deal was done."),
            vec!["Angela Merkel"]
        );
    }

    #[test]
    fn organisations_and_groups_are_not_speakers() {
        assert!(names("The ministry said it would respond. Officials said nothing.").is_empty());
        assert!(names("The White House said on Monday it was ready.").is_empty());
        assert!(names("Russia said the strikes were justified.").is_empty());
    }

    #[test]
    fn transcripts_and_tweets() {
        let t = "Interview.\nWALLACE: Good morning.\nPENCE: Thank you.\nWALLACE: Next question.\nPENCE: Sure.\n";
        let mut n = names(t);
        n.sort();
        assert_eq!(n, vec!["Pence", "Wallace"]);
        let tw = "We await the reaction.\n— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) February 3, 2026";
        assert_eq!(names(tw), vec!["Volodymyr Zelenskyy"]);
    }
}
