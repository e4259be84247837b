//! Recognition: the candidate place mentions of a text. The longest gazetteer match
//! starting at each capitalised token, kept only when nothing says it is something
//! else (a person's name, an organisation, a common word opening a sentence, a
//! demonym, a disease, a landmark or building, part of a longer name). The parent
//! module resolves each kept mention to one entry.

use rustc_hash::FxHashSet as HashSet;

use crate::extract::gazetteer::{key_hash, name_key, with_name_key, Gazetteer, Kind};
use crate::extract::lexicon::{
    AFTER_OK, BEFORE_OK, BUILDING_WORDS, CONNECTORS, DIRECTIONS, DISEASE_WORDS, FEATURE_WORDS,
    INSTITUTION_HEADS, LANDMARK_WORDS,
};
use crate::extract::names::WordLists;
use crate::extract::text::Token;
use crate::extract::wordset::with_lower;

crate::word_set!(set_connectors, CONNECTORS);
crate::word_set!(set_after_ok, AFTER_OK);
crate::word_set!(set_before_ok, BEFORE_OK);
crate::word_set!(set_directions, DIRECTIONS);
crate::word_set!(set_features, FEATURE_WORDS);
crate::word_set!(set_diseases, DISEASE_WORDS);
crate::word_set!(set_landmarks, LANDMARK_WORDS);
crate::word_set!(set_buildings, BUILDING_WORDS);
crate::word_set!(set_institutions, INSTITUTION_HEADS);

/// A candidate mention: tokens `first..=last` and the gazetteer entries of its name.
pub(super) struct Mention<'g> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) ids: &'g [u32],
    pub(super) key: String,
    /// [`key_hash`] of `key`.
    pub(super) key_hash: u64,
    /// Part of the article's dateline ("KYIV, Feb 3 (Reuters) -").
    pub(super) dateline: bool,
}

fn gap_is_name_joiner(gap: &str) -> bool {
    // Not ", ": "Washington, D.C." is two mentions of one place, as readers (and
    // annotators) take it; "Paris, France" two places.
    matches!(gap, " " | "-" | "." | ". " | "'" | "’" | ", ")
}

/// Finds candidate mentions: longest gazetteer match starting at each capitalised token.
pub(super) fn candidates<'g>(
    g: &'g Gazetteer,
    text: &str,
    toks: &[Token],
    w: &WordLists,
) -> Vec<Mention<'g>> {
    let mut out = Vec::new();
    let persons = crate::extract::persons::person_words(g, text, toks, w);
    let mut diseases: HashSet<String> = HashSet::default();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.cap {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, &'g [u32], String)> = None;
        // Longer spans only after a word that starts some multi-word name; one probe
        // answers both, with the key built on the stack.
        let word_text = t.text(text);
        let (single_ids, multi) = with_name_key(word_text, |k| g.lookup_word(k));
        // "People's Republic of China": the possessive belongs to the first word's key.
        let possessive = toks
            .get(i + 1)
            .is_some_and(|n| n.text(text) == "s" && matches!(&text[t.end..n.start], "'" | "’"));
        let multi = multi || possessive && g.starts_multiword(&format!("{}s", name_key(word_text)));
        if single_ids.is_empty() && !multi {
            i += 1;
            continue;
        }
        let max = if multi {
            g.max_tokens.min(toks.len() - i)
        } else {
            1
        };
        // Extend over joinable tokens, then try the longest span first.
        let mut j_max = i;
        while j_max + 1 < i + max {
            let gap = &text[toks[j_max].end..toks[j_max + 1].start];
            if !gap_is_name_joiner(gap) {
                break;
            }
            j_max += 1;
        }
        for j in (i..=j_max).rev() {
            let last = toks[j];
            if !last.cap && !last.text(text).chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if (i + 1..j).any(|k| !toks[k].cap && !set_connectors().has(toks[k].text(text))) {
                continue;
            }
            let span = &text[t.start..last.end];
            let ids = g.lookup_name(span);
            if !ids.is_empty() {
                found = Some((j, ids, name_key(span)));
                break;
            }
        }
        let Some((j, ids, key)) = found else {
            i += 1;
            continue;
        };
        let kh = key_hash(&key);
        let surface = &text[t.start..toks[j].end];
        let single = i == j;
        let word = t.text(text);
        let mut ok = true;
        // Short or all-caps words: only exact, known forms ("US", "UK", "UAE").
        if single && word.chars().count() < 3 && !t.all_caps {
            ok = false;
        }
        // Capitals: acronyms ("NATO") are not places; short country forms ("US", "UAE")
        // and datelines ("KYIV, Feb 3") are.
        if t.all_caps {
            let country_form = surface.len() <= 4
                && ids.iter().any(|&id| {
                    matches!(
                        g.entry(id).kind,
                        Kind::Country | Kind::Admin1 | Kind::Region
                    )
                });
            // At most one character after the line's start (or the text's).
            let at_line_start =
                t.start <= 1 || text.as_bytes()[t.start - 2..t.start].contains(&b'\n');
            // "WASHINGTON (AP) -", "SAN DIEGO (Reuters) -": a dateline anywhere.
            let agency = text[toks[j].end..].starts_with(" (");
            if !country_form && !at_line_start && !agency {
                ok = false;
            }
        }
        // Demonyms and adjectives are not place mentions (but "Vatican" is a country's
        // name as well as its adjective).
        let names_country = ids.iter().any(|&id| {
            let e = g.entry(id);
            e.kind == Kind::Country && g.is_own_name(id, kh)
        });
        if g.is_demonym(&key) && !names_country {
            ok = false;
        }
        // A lone direction word ("Western", "North") is a modifier, not a place.
        if single && set_directions().has_any_case(word) {
            ok = false;
        }
        // Organisation and title words are not places on their own ("Congress", "Secretary").
        if ok && single && !t.all_caps && (w.is_org_word(word) || w.is_title(word)) {
            ok = false;
        }
        let major = ids.iter().any(|&id| g.entry(id).is_major());
        // Inside a compound: "mid-Atlantic", "A/California/7/2009" (a virus strain).
        if ok {
            let before = &text[..t.start];
            let after = &text[toks[j].end..];
            let lower_joined = |s: &str| s.chars().next().is_some_and(char::is_lowercase);
            let code_slash = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            if (before.ends_with('-') && i > 0 && lower_joined(toks[i - 1].text(text)))
                || (before.ends_with('/') && i > 0 && toks[i - 1].end - toks[i - 1].start <= 1)
                || (after.starts_with('/') && code_slash(after[1..].chars().next()))
            {
                ok = false;
            }
        }
        // A disease named after a (small) place: "Marburg virus", "Reston ebolavirus";
        // the name alone then means the disease in the whole article.
        if !major {
            if let Some(next) = toks.get(j + 1) {
                if &text[toks[j].end..next.start] == " "
                    && set_diseases().has_any_case(next.text(text))
                {
                    ok = false;
                    diseases.insert(key.clone());
                }
            }
        }
        // A landmark: "St. Peter's Square", "St. Peter's Basilica".
        if ok && !major {
            if let (Some(s), Some(next)) = (toks.get(j + 1), toks.get(j + 2)) {
                let gap = &text[toks[j].end..s.start];
                let nw = next.text(text);
                if (gap == "'" || gap == "’")
                    && s.text(text) == "s"
                    && next.cap
                    && (set_features().has_any_case(nw) || set_landmarks().has_any_case(nw))
                {
                    ok = false;
                }
            }
        }
        // Currency prefixes: "US$460", "A$5".
        if ok && text[toks[j].end..].starts_with('$') {
            ok = false;
        }
        // "University of ...", "Bank of ...": the head of an organisation's name.
        if ok
            && single
            && !ids.iter().any(|&id| {
                matches!(
                    g.entry(id).kind,
                    Kind::Country | Kind::Admin1 | Kind::Continent
                )
            })
        {
            if let (Some(of), Some(after)) = (toks.get(j + 1), toks.get(j + 2)) {
                if of.text(text) == "of" && after.cap && &text[toks[j].end..of.start] == " " {
                    ok = false;
                }
            }
        }
        // A common word ("University", "Center", "Bank") capitalised is a place only
        // when the place is a major one and the word is not opening a sentence, nor
        // the head of a longer name ("Lake Erie", "Eastern Creek" are not the towns
        // Lake and Creek).
        if ok && single && !t.all_caps && w.is_common(word) {
            let heads_a_name = toks
                .get(j + 1)
                .is_some_and(|n| n.cap && !n.all_caps && &text[toks[j].end..n.start] == " ");
            if !major || t.sentence_start || heads_a_name {
                ok = false;
            }
        }
        // A feature word next to another name is part of it: "Lake Erie", "Eastern
        // Creek".
        if ok && single && !t.all_caps && set_features().has_any_case(word) {
            let joined = |a: &Token, b: &Token| &text[a.end..b.start] == " ";
            let cap_before = i > 0 && toks[i - 1].cap && joined(&toks[i - 1], &t);
            let cap_after = toks
                .get(j + 1)
                .is_some_and(|n| n.cap && joined(&toks[j], n));
            if cap_before || cap_after {
                ok = false;
            }
        }
        // Names made of common words only ("White House", "Green Bay Packers" aside)
        // are small places only when nothing else is meant.
        if ok && !single && !major && toks[i..=j].iter().all(|x| w.is_common(x.text(text))) {
            ok = false;
        }
        // The subject of an institution, a small place's name: "Ministry of Commerce",
        // "Chamber of Commerce".
        if ok
            && single
            && !major
            && i >= 2
            && toks[i - 1].text(text) == "of"
            && set_institutions().has_any_case(toks[i - 2].text(text))
        {
            ok = false;
        }
        // A building named like a town, or like a city's translated name ("White
        // House" is also Casablanca's): "White House", "Town Hall".
        if ok && !single {
            let own_name_of_major = || {
                ids.iter().any(|&id| {
                    let e = g.entry(id);
                    e.population >= 100_000 && g.is_own_name(id, kh)
                })
            };
            if set_buildings().has_any_case(toks[j].text(text)) && !own_name_of_major() {
                ok = false;
            }
        }
        // Common words: only when capitalised mid-sentence.
        if ok && t.sentence_start && toks[i..=j].iter().all(|x| w.is_common(x.text(text))) {
            ok = false;
        }
        if ok && single && crate::extract::names::is_calendar_word(word) {
            ok = false;
        }
        // Part of a person's name in this article.
        if ok && single && with_lower(word, |l| persons.contains(l)) {
            ok = false;
        }
        // Inside a longer capitalised name: "Paris Hilton", "Real Madrid", "Washington Post".
        if ok {
            if let Some(next) = toks.get(j + 1) {
                let gap = &text[toks[j].end..next.start];
                let nw = next.text(text);
                if next.cap
                    && (gap == " " || gap == "-")
                    && !set_after_ok().has_any_case(nw)
                    && !next.all_caps
                {
                    // "Kyiv Mayor" is fine, "Washington Post" / "Jordan Henderson" is not.
                    let next_is_place = !g.lookup_name(nw).is_empty() && !w.is_first_name(nw);
                    if !next_is_place || w.is_org_word(nw) {
                        ok = false;
                    }
                }
            }
            if i > 0 && ok {
                let prev = toks[i - 1];
                let gap = &text[prev.end..t.start];
                let pw = prev.text(text);
                if prev.cap && (gap == " " || gap == "-") && !prev.all_caps {
                    let harmless = set_before_ok().has_any_case(pw);
                    if !harmless {
                        ok = false;
                    }
                }
                if with_lower(pw, |l| {
                    matches!(l, "mr" | "mrs" | "ms" | "dr" | "sen" | "gov" | "rep")
                }) {
                    ok = false;
                }
            }
        }
        if ok {
            let mut end = toks[j].end;
            // "U.S." keeps its final period.
            if surface.len() <= 6 && surface.contains('.') && text[end..].starts_with('.') {
                end += 1;
            }
            out.push(Mention {
                start: t.start,
                end,
                ids,
                key,
                key_hash: kh,
                dateline: false,
            });
        }
        i = j + 1;
    }
    out.retain(|m| !diseases.contains(&m.key));
    mark_dateline(text, &mut out);
    out
}

/// A dateline is a place at the very start of the body followed by a comma or dash.
fn mark_dateline(text: &str, mentions: &mut [Mention<'_>]) {
    if let Some(m) = mentions.first_mut() {
        let before = text[..m.start].trim();
        let after = text[m.end..].trim_start();
        if before.len() <= 2
            && (after.starts_with(',')
                || after.starts_with('—')
                || after.starts_with('-')
                || after.starts_with('('))
        {
            m.dateline = true;
        }
    }
}
