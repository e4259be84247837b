//! Person names in text: runs of capitalised words with titles and roles split off
//! ("NATO Secretary-General Mark Rutte" -> "Mark Rutte"), the judgement whether a run
//! names a person (not an organisation, a place, a people or a brand), and the
//! canonical full name a surname refers to in an article.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::gazetteer::Gazetteer;

use super::lexicon::{
    set_function_words, set_headline_verbs, set_public_bodies, PARTICLES, PRONOUNS,
};
use super::names::WordLists;
use super::place_words::{
    is_country_state_or_city, is_people_word, is_place_phrase, is_place_word, is_resident_word,
    place_gazetteer,
};
use super::text::{fold, with_fold, Token};

crate::word_set!(pub(super) set_particles, PARTICLES);
crate::word_set!(set_pronouns, PRONOUNS);

/// A run of capitalised tokens that may name a person: `title_start..name_start` are
/// titles/roles, `name_start..=last` the name.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    pub(super) title_start: usize,
    pub(super) name_start: usize,
    pub(super) last: usize,
}

pub(super) fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Capitalised runs of the text, titles split off the front.
pub(super) fn runs(text: &str, toks: &[Token], w: &WordLists) -> Vec<Run> {
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
            // (Asked only after a period.)
            let abbrev = || cur.chars().count() == 1 || super::text::is_abbreviation(cur);
            // (Or five spaces and more: a quoted nickname made spaces, see
            // `without_nicknames`; two or three separate a caption from the text.)
            let joinable = matches!(gap, " " | "-" | "’" | "'")
                || (gap.len() >= 5 && gap.bytes().all(|b| b == b' '))
                || (matches!(gap, ". " | ".") && abbrev());
            if next.sentence_start && !(gap == ". " && abbrev()) {
                break;
            }
            // Possessive "'s" / "’s" ends the run.
            if (gap == "’" || gap == "'") && next.text(text) == "s" {
                break;
            }
            // A Korean given name's lowercase second syllable: "Choi Soon-sil", "Moon
            // Jae-in" (after a family name and a short first syllable).
            let korean_syllable = gap == "-"
                && j > i
                && (2..=5).contains(&(toks[j].end - toks[j].start))
                && !next.cap
                && next.end - next.start <= 4
                && next.text(text).bytes().all(|b| b.is_ascii_lowercase())
                && !text[next.end..].starts_with(|c: char| c == '-' || c.is_alphanumeric());
            if korean_syllable {
                j += 1;
                continue;
            }
            let next_is_verb = next.cap && set_headline_verbs().has_any_case(next.text(text));
            if joinable && next.cap && !next_is_verb {
                j += 1;
                continue;
            }
            // One or two particles before the next capitalised word: "Javier Perez de
            // Cuellar", "Ursula von der Leyen", "Tomas de la Cruz".
            if joinable && set_particles().has(next.text(text)) {
                let second = toks.get(j + 2).filter(|n| {
                    set_particles().has(n.text(text)) && &text[next.end..n.start] == " "
                });
                let last_particle = if second.is_some() { j + 2 } else { j + 1 };
                // ("Raed al-Saleh": a particle may be joined by a hyphen.)
                if toks.get(last_particle + 1).is_some_and(|n| {
                    n.cap && matches!(&text[toks[last_particle].end..n.start], " " | "-")
                }) {
                    j = last_particle + 1;
                    continue;
                }
            }
            break;
        }
        // The name is what follows the last title, role, organisation or sentence-initial
        // common word: "NATO Secretary-General Mark Rutte", "Senate Minority Leader Harry Reid".
        let mut s = i;
        for k in i..j {
            let word = toks[k].text(text);
            // (Not a family name before a Korean given name: "Moon Jae-in said".)
            let initial_common = toks[k].sentence_start
                && w.is_lowercase_word(word)
                && !w.is_first_name(word)
                && !korean_given_after(text, toks, k, j);
            let role = w.is_title(word)
                || w.is_org_word(word)
                || initial_common
                || (toks[k].all_caps && !toks[j].all_caps);
            // "R-Ky": a party and state tag, not a name.
            if role || word.len() == 1 && k < j && &text[toks[k].end..toks[k + 1].start] == "-" {
                s = k + 1;
            }
        }
        // The tail of an office or a place glued before a first name: "(Chancellor of
        // the) Exchequer Nigel Lawson", "(Minister for Foreign) Affairs Charlie
        // Flanagan", "Russia Elvira Nabiullina", "Democrat Adam Schiff".
        if s + 1 < j && toks[s].end - toks[s].start > 1 {
            let word = toks[s].text(text);
            // (Across a line break too: wire copy breaks lines mid-sentence.)
            let after_of_the = s == i
                && i > 0
                && text[toks[i - 1].end..toks[i].start]
                    .chars()
                    .all(char::is_whitespace)
                && matches!(toks[i - 1].text(text), "of" | "for" | "the");
            // Right after a stripped title, the rest of the office ("Foreign Affairs").
            let after_role = s > i;
            // A word news writes in lowercase ("Technician", "Meanwhile"), a place, a
            // people or a place's resident ("Welshman", "Californian").
            let not_a_name = after_of_the
                || after_role
                || w.is_lowercase_word(word)
                || is_place_word(word)
                || is_people_word(word)
                || is_resident_word(word)
                || is_agent_noun(word);
            // ("Moon Jae-in": a Korean family name before its given name.)
            if not_a_name
                && !korean_given_after(text, toks, s, j)
                && !w.is_first_name(word)
                && w.is_first_name(toks[s + 1].text(text))
            {
                s += 1;
            }
        } else if s + 1 == j && toks[s].end - toks[s].start > 1 {
            // Two words, the first a country, a state, a big city or a people and no
            // first name: no full name ("Malaysia Zahid", "Seoul
            // Samsung", "Pakistani Taliban"), only what follows it. (Unless the two
            // are a place: "South Korea".)
            let word = toks[s].text(text);
            if &text[toks[s].end..toks[j].start] == " "
                && !w.is_first_name(word)
                && (is_country_state_or_city(word) || is_people_word(word))
                && place_gazetteer()
                    .lookup_name(&text[toks[s].start..toks[j].end])
                    .is_empty()
            {
                s += 1;
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

/// Whether tokens `k + 1` and `k + 2` (within a run ending at `j`) are a Korean given
/// name, hyphenated with a lowercase second syllable: "Moon [Jae-in]".
fn korean_given_after(text: &str, toks: &[Token], k: usize, j: usize) -> bool {
    k + 2 <= j && &text[toks[k + 1].end..toks[k + 2].start] == "-" && !toks[k + 2].cap
}

/// Is this run a person's name (and not an organisation, a place or a common word)?
pub(super) fn looks_like_person(
    text: &str,
    toks: &[Token],
    r: &Run,
    w: &WordLists,
    known_surnames: &HashMap<String, String>,
    transcript: bool,
) -> bool {
    // The name's words, particles ("de", "van") aside; more than five is no name. A
    // hyphenated word is one ("Kilroy-Silk", "Soon-sil").
    let mut buf = [""; 6];
    let mut starts = [0usize; 6];
    let mut count = 0;
    for (k, tok) in toks.iter().enumerate().take(r.last + 1).skip(r.name_start) {
        let t = tok.text(text);
        if count > 0 && k > r.name_start && &text[toks[k - 1].end..tok.start] == "-" {
            buf[count - 1] = &text[starts[count - 1]..tok.end];
            continue;
        }
        if set_particles().has(t) {
            continue;
        }
        if count == buf.len() {
            return false;
        }
        buf[count] = t;
        starts[count] = tok.start;
        count += 1;
    }
    let names = &buf[..count];
    if names.is_empty() || names.len() > 5 {
        return false;
    }
    if names.iter().any(|n| w.is_org_word(n)) {
        return false;
    }
    // Members under a plural title: "Fine Gael TDs", "Labour MPs".
    if names.len() > 1 && w.is_plural_title(names[names.len() - 1]) {
        return false;
    }
    // "A320 Airbus": no name has a digit; "Clevebaco L.P": none ends in a letter alone.
    let ends_in_letter = count > 1 && names[count - 1].chars().count() == 1;
    if ends_in_letter || names.iter().any(|n| n.bytes().any(|b| b.is_ascii_digit())) {
        return false;
    }
    // A word written twice ("Beyonce Beyonce") is a caption or a tag, not a name.
    if names.windows(2).any(|p| p[0] == p[1]) {
        return false;
    }
    // One word right after an organisation's word is the rest of its name, not a
    // person under a title: "Statistics Canada", "Royal Mint" (but "Senate Majority
    // Leader Reid": a title comes between).
    if names.len() == 1 && r.name_start > r.title_start {
        let before = toks[r.name_start - 1].text(text);
        if w.is_org_word(before) && !w.is_title(before) {
            return false;
        }
    }
    // "Friday", "June 5": dates, not names; but "Theresa May" is one, and so are "Jan
    // de Vries" and "June Carter" (a first name that is a month, with a surname, not
    // after a word that opens a date: "in March Hu said").
    let first_is_name = w.is_first_name(names[0]) && names.len() > 1;
    let date_before = r.name_start > 0
        && matches!(
            lower(toks[r.name_start - 1].text(text)).as_str(),
            "in" | "on"
                | "since"
                | "by"
                | "until"
                | "from"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "through"
                | "during"
                | "before"
                | "after"
                | "of"
                | "to"
        );
    let month_first_name = first_is_name && !date_before;
    if names.iter().enumerate().any(|(i, n)| {
        super::names::is_calendar_word(n)
            && !(first_is_name && i > 0)
            && !(month_first_name && i == 0)
    }) {
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
    if names.len() == 1 && r.title_start == r.name_start && r.name_start >= 2 {
        let before = toks[r.name_start - 1];
        let gap = &text[before.end..first.start];
        // The tail of an organisation's name: "... Cooperation and Development",
        // "Chamber of Commerce".
        if gap == " "
            && matches!(before.text(text), "of" | "and" | "for" | "&")
            && toks[r.name_start - 2].cap
        {
            return false;
        }
        // A state abbreviation after a town: "Ashton, Md.".
        if gap.trim() == "," && first.end - first.start <= 3 && text[first.end..].starts_with('.') {
            return false;
        }
    }
    // A title or role before the name ("Sen.", "Secretary"), not a word that only
    // opened the sentence ("So Moscow thought", "The Treasury said").
    let titled = (r.title_start..r.name_start).any(|k| {
        let word = toks[k].text(text);
        w.is_title(word) || w.is_org_word(word)
    });
    // "The Treasury said", "the Fed said", "the Tories": a person's name takes no
    // article.
    let the = |k: usize| toks[k].text(text).eq_ignore_ascii_case("the");
    let after_the = (r.title_start..r.name_start).any(the)
        || (r.title_start > 0
            && the(r.title_start - 1)
            && &text[toks[r.title_start - 1].end..toks[r.title_start].start] == " ");
    if names.len() == 1 && after_the && !titled && !transcript {
        return false;
    }
    if names.len() == 1 {
        let word = names[0];
        // "Mr. King", "Ms. White": after an honorific, a title or a common word is a
        // surname.
        let honorific = titled
            && matches!(
                lower(toks[r.title_start].text(text).trim_end_matches('.')).as_str(),
                "mr" | "mrs" | "ms" | "dr" | "miss"
            );
        if word.chars().count() < 2 || (w.is_title(word) && !honorific) {
            return false;
        }
        if with_fold(word, |f| known_surnames.contains_key(f)) {
            return true;
        }
        // "Meanwhile, the breeders' association said": a word opening the sentence
        // before a comma, and no surname the article has named, is an adverb.
        let last_tok = toks[r.last];
        if !titled
            && !transcript
            && first.sentence_start
            && text[last_tok.end..].starts_with(", ")
            && !w.is_first_name(word)
        {
            return false;
        }
        if set_pronouns().has_any_case(word) {
            return false;
        }
        // "Petroleum", "Mines", "Chamber": a word news writes in lowercase, here the
        // tail of a company's name.
        if (w.is_common(word) || (!transcript && w.is_lowercase_word(word))) && !honorific {
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
    // A country, a state, a big city or a region by its whole name is no person, even
    // after a word that is a first name ("Hoechst AG of West Germany said", "New
    // Jersey said", "the U.S. And West Germany agreed"), unless a person's title names
    // one.
    let joined = names.join(" ");
    let place = is_place_phrase(&joined);
    // (The title right before the name: "the U.S. And West Germany" has "U.S." among
    // its title words, as "U.S. Senator" has.)
    let title_before =
        r.name_start > r.title_start && w.is_title(toks[r.name_start - 1].text(text));
    if place && !title_before {
        return false;
    }
    // Several words: a first name, a middle initial, or no word that is a common one.
    // A first name and a surname that is also a common word ("Tom Rice", "Barbara
    // Boxer") is a person; with more words, a common last one is likelier a headline's
    // next word ("Al Sharpton Just Said ...").
    if w.is_first_name(names[0]) || titled {
        let common_ok = names.len() == 2 && !place;
        return common_ok
            || !w.is_common(last_word)
            || with_fold(last_word, |f| known_surnames.contains_key(f));
    }
    if names.iter().any(|n| n.chars().count() == 1) {
        return true;
    }
    // Without a first name, no word news writes in lowercase: "Mines Subroto" is the
    // tail of an office ("Mines and Energy Minister Subroto"). A name written family
    // name first keeps its family name ("Moon Jae-in").
    // (Nor a name with a particle inside: "Marine Le Pen".)
    let family_first = super::east_asian::family_name_first(&joined).is_some()
        || (r.name_start..=r.last).any(|k| set_particles().has_any_case(toks[k].text(text)));
    let lowercase = |n: &&str| {
        if family_first {
            w.is_common(n)
        } else {
            w.is_lowercase_word(n)
        }
    };
    !names.iter().any(lowercase)
}

/// A role named by what one does: "Goalscorer", "Rocker", "Novelist" ("-er", "-or",
/// "-ist"). Asked of a word glued before a first name, which no surname is there.
fn is_agent_noun(word: &str) -> bool {
    word.chars().count() >= 5 && ["er", "or", "ist"].iter().any(|s| word.ends_with(s))
}

/// A name with its leading titles and "the" cut off ("Mr. Trump" -> "Trump", "the
/// Taoiseach Enda Kenny" -> "Enda Kenny"); the name itself if nothing would be left.
pub fn without_titles(name: &str) -> &str {
    let w = super::names::lists();
    let mut rest = name.trim();
    while let Some((first, tail)) = rest.split_once(' ') {
        if !(w.is_title(first) || first.eq_ignore_ascii_case("the")) {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

/// "BuzzFeed", "HuffPost": a capital inside the word (but "McConnell", "DeSantis",
/// "O'Malley", and each part of "Leigh-Pemberton" on its own).
pub(super) fn is_camel_case(word: &str) -> bool {
    word.split('-').any(is_camel_case_part)
}

fn is_camel_case_part(word: &str) -> bool {
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

/// A knight's honour: "Sir John" (Bourn) is named by his first name, not a surname.
/// (A peer's title names the surname: "Lord Kinnock" is Neil Kinnock.)
const HONOURS: &[&str] = &["sir", "dame"];

/// Titles that say a woman is meant, kept before a surname alone ("Baroness
/// Kennedy", "Mrs Thatcher"): she is no man's full name of the article or the
/// archive (Baroness Kennedy is not Charles Kennedy). Men's titles are dropped: a man
/// is the common case, and "Mr Howard" is Michael Howard as "Howard" is.
const WOMENS_TITLES: &[&str] = &["mrs", "ms", "miss", "baroness", "lady", "madam", "madame"];

/// The surname of a name that is a woman's title and a surname alone: "Baroness
/// Kennedy" -> "Kennedy".
pub fn womans_surname(name: &str) -> Option<&str> {
    let (title, rest) = name.split_once(' ')?;
    let title = lower(title.trim_end_matches('.'));
    (!rest.contains(' ') && WOMENS_TITLES.contains(&title.as_str())).then_some(rest)
}

/// Whether a full name may be the woman a title and a surname name: its first name
/// is no man's name only ("Angela Merkel" may be "Mrs Merkel"; "Charles Kennedy" is
/// not "Baroness Kennedy").
pub fn may_be_a_woman(full_name: &str) -> bool {
    let first = full_name.split(' ').next().unwrap_or("");
    !super::names::lists().is_mans_name(first)
}

/// The name words of a run as one string ("Volodymyr Zelenskyy"); a single name
/// keeps a knight's honour ("Sir John") or a woman's title ("Baroness Kennedy",
/// "Mrs Thatcher" for "Mrs. Thatcher").
pub(super) fn run_name(text: &str, toks: &[Token], r: &Run) -> String {
    let title = (r.name_start == r.last && r.name_start > r.title_start)
        .then(|| toks[r.name_start - 1])
        .filter(|t| matches!(&text[t.end..toks[r.name_start].start], " " | ". "));
    if let Some(t) = title {
        let word = lower(t.text(text));
        if WOMENS_TITLES.contains(&word.as_str()) && !toks[r.name_start].all_caps {
            return format!("{} {}", t.text(text), toks[r.name_start].text(text));
        }
    }
    let honoured = title.is_some_and(|t| {
        HONOURS.contains(&lower(t.text(text)).as_str())
            && &text[t.end..toks[r.name_start].start] == " "
    });
    let from = if honoured {
        r.name_start - 1
    } else {
        r.name_start
    };
    let s = &text[toks[from].start..toks[r.last].end];
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

/// The full name a surname or partial name refers to in this article. A name that
/// is no full name's surname but the first word of exactly one is that full name: a
/// knight ("Sir John" after "Sir John Bourn"), a Malay or Arabic name shortened to
/// its first part ("Police chief Khalid" after "Khalid Abu Bakar").
pub(super) fn canonical(name: &str, full: &HashMap<String, String>) -> String {
    let knight = name
        .strip_prefix("Sir ")
        .or_else(|| name.strip_prefix("Dame "));
    if let Some(given) = knight {
        return opening_one_full_name(given, full, 2).unwrap_or_else(|| name.to_string());
    }
    // "Mrs Merkel" is the article's Angela Merkel, but "Baroness Kennedy" no Charles.
    // ("Ms Choi" is the article's Choi Soon-sil.)
    if let Some(surname) = womans_surname(name) {
        let theirs = canonical(surname, full);
        return if theirs != surname && may_be_a_woman(&theirs) {
            theirs
        } else {
            name.to_string()
        };
    }
    let last = name.rsplit(' ').next().unwrap_or(name);
    match with_fold(last, |f| full.get(f)) {
        Some(f) if f.len() >= name.len() && fold(f).ends_with(&fold(name)) => f.clone(),
        Some(f)
            if super::east_asian::family_name_first(f)
                .is_some_and(|family| fold(family) == fold(name)) =>
        {
            f.clone()
        }
        Some(_) => name.to_string(),
        // (Of three words or more: "Trump" is no "Trump Tower".)
        None if !name.contains(' ') => {
            opening_one_full_name(name, full, 3).unwrap_or_else(|| name.to_string())
        }
        None => name.to_string(),
    }
}

/// The one full name of the article of at least `words` words whose first word is
/// `first`, if exactly one.
fn opening_one_full_name(
    first: &str,
    full: &HashMap<String, String>,
    words: usize,
) -> Option<String> {
    let mut opening = full
        .values()
        .filter(|f| f.split(' ').count() >= words && f.split(' ').next() == Some(first));
    match (opening.next(), opening.next()) {
        (Some(f), None) => Some(f.clone()),
        _ => None,
    }
}

/// Words that are part of person names in this article ("Jordan" in "Jordan Henderson",
/// "Clinton" after "Hillary Clinton"), by first-name cue or title.
pub(super) fn person_words(
    g: &Gazetteer,
    text: &str,
    toks: &[Token],
    w: &WordLists,
) -> HashSet<String> {
    let mut out = HashSet::default();
    for i in 0..toks.len() {
        let t = &toks[i];
        if !t.cap || t.all_caps {
            continue;
        }
        let word = t.text(text);
        // The next word of the same name: after a space, or after "J." (an initial).
        let next_adjacent = |k: usize| {
            toks.get(k + 1).filter(|n| {
                let gap = &text[toks[k].end..n.start];
                let initial = toks[k].end - toks[k].start == 1;
                n.cap && !n.all_caps && (gap == " " || (initial && gap == ". "))
            })
        };
        let titled = w.is_title(word)
            && matches!(
                lower(word).as_str(),
                "mr" | "mrs"
                    | "ms"
                    | "dr"
                    | "sen"
                    | "senator"
                    | "rep"
                    | "gov"
                    | "president"
                    | "mayor"
            );
        // "West Virginia" and "Santa Monica" start with first names but are places.
        let place_follows =
            || next_adjacent(i).is_some_and(|n| !g.lookup_name(&text[t.start..n.end]).is_empty());
        // "Georgia residents", "Georgia Public Service Commission": a first name that is
        // also a well-known place starts a person's name only before a word that can be
        // a surname.
        let place_first_name = || {
            if !is_place_word(word) {
                return false;
            }
            // The next word, or a public body's head within the next few
            // ("Georgia Environmental Protection Division").
            let mut k = i;
            let mut steps = 0;
            while let Some(n) = next_adjacent(k).filter(|_| steps < 4) {
                let nw = n.text(text);
                if (steps == 0 && w.is_common(nw)) || set_public_bodies().has_any_case(nw) {
                    return true;
                }
                k += 1;
                steps += 1;
            }
            false
        };
        if ((w.is_first_name(word) && !(t.sentence_start && w.is_common(word))) || titled)
            && !place_follows()
            && (titled || !place_first_name())
        {
            // First name followed by one or two capitalised words: a person.
            let mut k = i;
            let mut n = 0;
            while let Some(next) = next_adjacent(k) {
                let nw = next.text(text);
                // "Canada That Got": a function word is not a surname.
                if w.is_org_word(nw) || w.is_title(nw) || set_function_words().has_any_case(nw) {
                    break;
                }
                out.insert(lower(nw));
                k += 1;
                n += 1;
                if n == 2 {
                    break;
                }
            }
            if n > 0 && !titled {
                out.insert(lower(word));
            }
        }
    }
    out
}

/// The text with each quoted nickname between a first name and a surname made
/// spaces (same length, so every offset stays valid): `Francisco "Lu-Olo" Guterres`
/// is Francisco Guterres, not a "Guterres" whose first name is lost, and the
/// nickname is no quotation. `None` when the text has none.
pub(super) fn without_nicknames(text: &str, w: &WordLists) -> Option<String> {
    let mut out: Option<String> = None;
    let bytes = text.as_bytes();
    let mut from = 0;
    // (A byte search: '"', or the lead byte of '“'. Most articles have quotes.)
    while let Some(off) = memchr::memchr2(b'"', 0xE2, &bytes[from..]) {
        let open = from + off;
        if bytes[open] == 0xE2 && !text[open..].starts_with('“') {
            from = open + 1;
            continue;
        }
        let open_len = if bytes[open] == b'"' {
            1
        } else {
            '“'.len_utf8()
        };
        from = open + open_len;
        // A first name and a space before: "Francisco |"Lu-Olo" Guterres".
        let Some(before) = text[..open].strip_suffix(' ') else {
            continue;
        };
        let first = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if !first.starts_with(char::is_uppercase) || !w.is_first_name(first) {
            continue;
        }
        // One to three capitalised words, then the closing quote, a space and a
        // capitalised word.
        let rest = &text[from..];
        // (Within 30 bytes: not a scan of the rest of the text.)
        let closing = (1..rest.len().min(31)).find(|&n| {
            rest.as_bytes()[n] == b'"' || (rest.is_char_boundary(n) && rest[n..].starts_with('”'))
        });
        let Some(len) = closing else {
            continue;
        };
        let nick = &rest[..len];
        let words: Vec<&str> = nick.split(' ').collect();
        let is_nick_word = |p: &&str| {
            p.starts_with(char::is_uppercase)
                && p.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.'))
        };
        if words.len() > 3 || !words.iter().all(is_nick_word) {
            continue;
        }
        let close = from + len;
        let close_len = if bytes[close] == b'"' {
            1
        } else {
            '”'.len_utf8()
        };
        let after = &text[close + close_len..];
        if !after
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(char::is_uppercase))
        {
            continue;
        }
        let o = out.get_or_insert_with(|| text.to_string());
        // (As many spaces as bytes: every offset stays valid.)
        o.replace_range(
            open..close + close_len,
            &" ".repeat(close + close_len - open),
        );
        from = close + close_len;
    }
    out
}
