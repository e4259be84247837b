//! Recognition: the candidate place mentions of a text. The longest gazetteer match
//! starting at each capitalised token, kept only when nothing says it is something
//! else (a person's name, an organisation, a common word opening a sentence, a
//! demonym, a disease, a landmark or building, part of a longer name). The parent
//! module resolves each kept mention to one entry.

use rustc_hash::FxHashSet as HashSet;

use crate::extract::gazetteer::{key_hash, name_key, with_name_key, Gazetteer, Kind};
use crate::extract::languages::LanguageWords;
use crate::extract::lexicon::{
    set_before_ok, set_directions, set_public_bodies, AFTER_OK, BODY_NAME_WORDS, BUILDING_WORDS,
    CONNECTORS, DISEASE_WORDS, FEATURE_WORDS, FIGURES, INSTITUTION_HEADS, LANDMARK_WORDS,
};
use crate::extract::names::WordLists;
use crate::extract::text::Token;
use crate::extract::wordset::with_lower;

mod abbreviations;

use abbreviations::{dateline_tail, expand_abbreviated_prefix};

crate::word_set!(set_connectors, CONNECTORS);
crate::word_set!(set_after_ok, AFTER_OK);
crate::word_set!(set_features, FEATURE_WORDS);
crate::word_set!(set_diseases, DISEASE_WORDS);
crate::word_set!(set_landmarks, LANDMARK_WORDS);
crate::word_set!(set_buildings, BUILDING_WORDS);
crate::word_set!(set_institutions, INSTITUTION_HEADS);
crate::word_set!(set_figures, FIGURES);
crate::word_set!(set_body_name_words, BODY_NAME_WORDS);

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
    matches!(gap, " " | "-" | "." | ". " | "'" | "’")
}

/// Finds candidate mentions: the longest gazetteer match starting at each
/// capitalised token, kept when no rule of [`Candidate::is_place`] says otherwise.
pub(super) fn candidates<'g>(
    g: &'g Gazetteer,
    text: &str,
    toks: &[Token],
    w: &WordLists,
    lang: Option<&LanguageWords>,
) -> Vec<Mention<'g>> {
    let scan = Scan {
        g,
        text,
        toks,
        w,
        lang,
        persons: crate::extract::persons::person_words(g, text, toks, w),
    };
    let mut out = Vec::new();
    // Names that mean a disease or a person wherever the article uses them.
    let mut not_places: HashSet<String> = HashSet::default();
    let mut i = 0;
    while i < toks.len() {
        if let Some((last, state)) = scan.lone_state_abbreviation(i) {
            out.push(state);
            i = last + 1;
            continue;
        }
        let Some(c) = scan.longest_match(i) else {
            i += 1;
            continue;
        };
        // The name of a disease means the disease in the whole article, and a
        // person's surname the person ("Since Obama took office ... the Obama
        // administration").
        if c.names_a_disease() || c.a_persons_surname() {
            not_places.insert(c.key.clone());
        }
        i = c.j + 1;
        if c.is_place() {
            out.push(c.mention());
            if let Some((last, state)) = scan.state_abbreviation(c.j) {
                out.push(state);
                i = last + 1;
            }
        }
    }
    out.retain(|m| !not_places.contains(&m.key));
    mark_dateline(text, &mut out);
    out
}

/// What recognition reads: the text, its tokens, the word lists and the words of
/// the article's person names.
struct Scan<'a, 'g> {
    g: &'g Gazetteer,
    text: &'a str,
    toks: &'a [Token],
    w: &'a WordLists,
    /// The word lists of the article's language when it is not English.
    lang: Option<&'a LanguageWords>,
    persons: HashSet<String>,
}

impl<'a, 'g> Scan<'a, 'g> {
    /// A common word: of English news, or frequent in the article's language.
    fn is_common(&self, word: &str) -> bool {
        self.w.is_common(word) || self.lang.is_some_and(|l| l.is_frequent(word))
    }

    /// Does a capitalised word next to a match say the match is part of a longer
    /// name? Not when it is a frequent word of the article's language: a German
    /// noun ("Stadt Köln"), or a word opening a sentence ("Bei München").
    fn cap_marks_a_name(&self, t: Token) -> bool {
        t.cap
            && !t.all_caps
            && !self.lang.is_some_and(|l| {
                (l.capitalises_nouns || t.sentence_start) && l.is_frequent(t.text(self.text))
            })
    }

    /// The longest gazetteer name starting at token `i` (a capitalised word), over
    /// tokens joined by name joiners and connectors.
    fn longest_match(&'a self, i: usize) -> Option<Candidate<'a, 'g>> {
        let (g, text, toks) = (self.g, self.text, self.toks);
        let t = toks[i];
        if !t.cap {
            return None;
        }
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
            return None;
        }
        let max = if multi {
            g.max_tokens.min(toks.len() - i)
        } else {
            1
        };
        // Extend over joinable tokens, then try the longest span first. Inside a
        // name every word is capitalised or a connector ("Isle of Man"): the span
        // ends at the first other word (which may still end it: "Route 66").
        let mut j_max = i;
        while j_max + 1 < i + max {
            let gap = &text[toks[j_max].end..toks[j_max + 1].start];
            if !gap_is_name_joiner(gap) {
                break;
            }
            j_max += 1;
            let t = toks[j_max];
            if !t.cap && !set_connectors().has(t.text(text)) {
                break;
            }
        }
        (i..=j_max).rev().find_map(|j| {
            let last = toks[j];
            if !last.cap && !last.text(text).chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            // "Springfield City Council": the town, and its council.
            if j > i
                && last.text(text) == "City"
                && toks.get(j + 1).is_some_and(|n| {
                    &text[last.end..n.start] == " "
                        && set_public_bodies().has_any_case(n.text(text))
                })
            {
                return None;
            }
            let span = &text[t.start..last.end];
            let mut ids = g.lookup_name(span);
            // "St. Paris", "Mt. Pleasant", "Ft. Myers": the gazetteer spells them out.
            let expanded = if ids.is_empty() && j > i && t.end - t.start <= 3 {
                expand_abbreviated_prefix(span)
            } else {
                None
            };
            if let Some(full) = &expanded {
                ids = g.lookup_name(full);
            }
            if ids.is_empty() {
                return None;
            }
            let key = name_key(expanded.as_deref().unwrap_or(span));
            let key_hash = key_hash(&key);
            let major = ids.iter().any(|&id| g.entry(id).is_major());
            Some(Candidate {
                scan: self,
                i,
                j,
                ids,
                key,
                key_hash,
                major,
            })
        })
    }
}

/// A gazetteer match, tokens `i..=j`, to be judged by the rules.
struct Candidate<'a, 'g> {
    scan: &'a Scan<'a, 'g>,
    i: usize,
    j: usize,
    ids: &'g [u32],
    key: String,
    key_hash: u64,
    /// One of its readings is a major place.
    major: bool,
}

impl<'g> Candidate<'_, 'g> {
    fn first(&self) -> Token {
        self.scan.toks[self.i]
    }

    fn last(&self) -> Token {
        self.scan.toks[self.j]
    }

    fn single(&self) -> bool {
        self.i == self.j
    }

    /// The first word.
    fn word(&self) -> &str {
        self.first().text(self.scan.text)
    }

    fn surface(&self) -> &str {
        &self.scan.text[self.first().start..self.last().end]
    }

    /// Token `k` after the match (0: the one right after it).
    fn after(&self, k: usize) -> Option<Token> {
        self.scan.toks.get(self.j + 1 + k).copied()
    }

    /// The text between two tokens.
    fn gap(&self, a: Token, b: Token) -> &str {
        &self.scan.text[a.end..b.start]
    }

    fn any_kind(&self, kinds: &[Kind]) -> bool {
        self.ids
            .iter()
            .any(|&id| kinds.contains(&self.scan.g.entry(id).kind))
    }

    /// The rules, each a reason the match is not a place mention.
    fn is_place(&self) -> bool {
        !(self.short_word()
            || self.garbled_contraction()
            || self.acronym()
            || self.demonym()
            || self.lone_direction()
            || self.org_or_title_word()
            || self.in_compound()
            || self.names_a_disease()
            || self.landmark()
            || self.currency()
            || self.heads_an_organisation()
            || self.common_word()
            || self.feature_word_of_a_name()
            || self.common_words_only()
            || self.institutions_subject()
            || self.building()
            || self.common_words_at_sentence_start()
            || self.calendar_word()
            || self.after_a_determiner()
            || self.part_of_a_persons_name()
            || self.a_saints_name()
            || self.a_figure()
            || self.a_persons_surname()
            || self.a_small_towns_possessive()
            || self.inside_a_longer_name())
    }

    /// Is the match the first word of a public body's or institution's name, which
    /// names its jurisdiction or location: "Ohio Senate", "Georgia Bureau of
    /// Investigation", "Douglas County Sheriff's Office", "Hartford Hospital"?
    /// Only for states, counties and cities: a national body ("United States
    /// Department of Agriculture", "Supreme Court") names an institution, not where
    /// the story is; and not for common words ("Superior Court").
    fn names_a_public_body(&self) -> bool {
        // A small town's name right before "Department" is likelier a subject
        // ("Commerce Department", the town of Commerce, California); "Hopkinton
        // Police Department" is the town's.
        let g = self.scan.g;
        let subject_department = self.after(0).is_some_and(|n| {
            with_lower(n.text(self.scan.text), |l| {
                matches!(l, "department" | "dept")
            })
        });
        let jurisdiction = self.ids.iter().any(|&id| {
            let e = g.entry(id);
            match e.kind {
                Kind::Admin1 | Kind::Admin2 => true,
                Kind::City => e.population >= 100_000 || !subject_department,
                _ => false,
            }
        });
        // "Charles Beatley Library": a person's name, after whom the body is named.
        let persons_name = self.single()
            && !self.any_kind(&[Kind::Country, Kind::Admin1])
            && self.scan.w.is_first_name(self.word())
            && self
                .after(0)
                .is_some_and(|n| !set_public_bodies().has_any_case(n.text(self.scan.text)));
        let body_word = self.scan.toks[self.i..=self.j]
            .iter()
            .any(|t| set_body_name_words().has_any_case(t.text(self.scan.text)));
        if !jurisdiction || persons_name || body_word || self.all_common() {
            return false;
        }
        let (text, toks) = (self.scan.text, self.scan.toks);
        let mut prev = self.last();
        for t in toks.iter().skip(self.j + 1).take(6) {
            let gap = &text[prev.end..t.start];
            let word = t.text(text);
            let joined = (gap == " " && (t.cap || matches!(word, "of" | "and" | "for")))
                || (matches!(gap, "'" | "’") && word == "s");
            if !joined {
                return false;
            }
            if t.cap && set_public_bodies().has_any_case(word) {
                return true;
            }
            prev = *t;
        }
        false
    }

    fn mention(&self) -> Mention<'g> {
        let (text, surface) = (self.scan.text, self.surface());
        let mut end = self.last().end;
        // "U.S." keeps its final period.
        if surface.len() <= 6 && surface.contains('.') && text[end..].starts_with('.') {
            end += 1;
        }
        Mention {
            start: self.first().start,
            end,
            ids: self.ids,
            key: self.key.clone(),
            key_hash: self.key_hash,
            dateline: self.capitals_dateline(),
        }
    }

    /// A name in capitals opening a sentence before a dash: "ATLANTA - A former
    /// ...", "CHARLESTON, W.Va. -- All lanes ..." (after a headline, too).
    fn capitals_dateline(&self) -> bool {
        let t = self.first();
        t.all_caps && t.sentence_start && dateline_tail(&self.scan.text[self.last().end..])
    }

    /// Short words: only exact, known all-caps forms ("US", "UK", "UAE").
    fn short_word(&self) -> bool {
        self.single() && self.word().chars().count() < 3 && !self.first().all_caps
    }

    /// A contraction whose apostrophe was garbled ("Itâ s": UTF-8's ’ read as
    /// Latin-1 folds to "Ita", Paraguay).
    fn garbled_contraction(&self) -> bool {
        let text = self.scan.text;
        let end = self.last().end;
        let Some(stem) = self.surface().strip_suffix('â') else {
            return false;
        };
        let rest = text[end..].trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
        let suffix: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        stem.chars().count() <= 5
            && matches!(suffix.as_str(), "s" | "t" | "ll" | "re" | "ve" | "d" | "m")
    }

    /// Capitals: acronyms ("NATO") are not places; short country forms ("US",
    /// "UAE") and datelines ("KYIV, Feb 3", "WASHINGTON (AP) -") are.
    fn acronym(&self) -> bool {
        let (t, text) = (self.first(), self.scan.text);
        if !t.all_caps {
            return false;
        }
        let country_form = self.surface().len() <= 4
            && self.any_kind(&[Kind::Country, Kind::Admin1, Kind::Region]);
        // At most one character after the line's start (or the text's).
        let at_line_start = t.start <= 1 || text.as_bytes()[t.start - 2..t.start].contains(&b'\n');
        // "WASHINGTON (AP) -", "SAN DIEGO (Reuters) -": a dateline anywhere.
        let agency = text[self.last().end..].starts_with(" (");
        !country_form && !at_line_start && !agency && !self.capitals_dateline()
    }

    /// Demonyms and adjectives ("Ukrainian") are not place mentions, but "Vatican"
    /// is a country's name as well as its adjective.
    fn demonym(&self) -> bool {
        let g = self.scan.g;
        // The set first: most names are no demonym, and a name may have hundreds of
        // readings.
        g.is_demonym(&self.key)
            && !self
                .ids
                .iter()
                .any(|&id| g.entry(id).kind == Kind::Country && g.is_own_name(id, self.key_hash))
    }

    /// A lone direction word ("Western", "North") is a modifier, not a place.
    fn lone_direction(&self) -> bool {
        self.single()
            && (set_directions().has_any_case(self.word())
                || self.scan.lang.is_some_and(|l| l.is_direction(self.word())))
    }

    /// Organisation and title words are not places on their own ("Congress",
    /// "Secretary").
    fn org_or_title_word(&self) -> bool {
        let (w, word) = (self.scan.w, self.word());
        self.single() && !self.first().all_caps && (w.is_org_word(word) || w.is_title(word))
    }

    /// Inside a compound: "mid-Atlantic", "A/California/7/2009" (a virus strain).
    fn in_compound(&self) -> bool {
        let (text, toks, i) = (self.scan.text, self.scan.toks, self.i);
        let before = &text[..self.first().start];
        let after = &text[self.last().end..];
        let lower_joined = |s: &str| s.chars().next().is_some_and(char::is_lowercase);
        let code_slash = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        (before.ends_with('-') && i > 0 && lower_joined(toks[i - 1].text(text)))
            || (before.ends_with('/') && i > 0 && toks[i - 1].end - toks[i - 1].start <= 1)
            || (after.starts_with('/') && code_slash(after[1..].chars().next()))
    }

    /// A disease named after a (small) place: "Marburg virus", "Reston ebolavirus".
    fn names_a_disease(&self) -> bool {
        !self.major
            && self.after(0).is_some_and(|next| {
                self.gap(self.last(), next) == " "
                    && set_diseases().has_any_case(next.text(self.scan.text))
            })
    }

    /// A landmark: "St. Peter's Square", "St. Peter's Basilica".
    /// A saint's day, whatever place shares the name: "St. Patrick's Day".
    fn landmark(&self) -> bool {
        let (Some(s), Some(next)) = (self.after(0), self.after(1)) else {
            return false;
        };
        let gap = self.gap(self.last(), s);
        let nw = next.text(self.scan.text);
        let possessive = (gap == "'" || gap == "’") && s.text(self.scan.text) == "s" && next.cap;
        let feast = with_lower(nw, |l| matches!(l, "day" | "eve"));
        possessive
            && (feast
                || !self.major
                    && (set_features().has_any_case(nw) || set_landmarks().has_any_case(nw)))
    }

    /// Currency prefixes: "US$460", "A$5".
    fn currency(&self) -> bool {
        self.scan.text[self.last().end..].starts_with('$')
    }

    /// "University of ...", "Bank of ...": the head of an organisation's name.
    fn heads_an_organisation(&self) -> bool {
        if !self.single() || self.any_kind(&[Kind::Country, Kind::Admin1, Kind::Continent]) {
            return false;
        }
        let (Some(of), Some(after)) = (self.after(0), self.after(1)) else {
            return false;
        };
        of.text(self.scan.text) == "of" && after.cap && self.gap(self.last(), of) == " "
    }

    /// A common word ("University", "Center", "Bank") capitalised is a place only
    /// when the place is a major one and the word is not opening a sentence, nor the
    /// head of a longer name ("Lake Erie", "Eastern Creek" are not the towns Lake and
    /// Creek).
    fn common_word(&self) -> bool {
        let t = self.first();
        if !self.single() || t.all_caps || !self.scan.is_common(self.word()) {
            return false;
        }
        let heads_a_name = self
            .after(0)
            .is_some_and(|n| self.scan.cap_marks_a_name(n) && self.gap(self.last(), n) == " ");
        // English common words are checked against any major reading; a frequent
        // word of another language (a list that holds its own place names: "berlin",
        // "porto") needs a reading that is plainly meant.
        let prominent = if self.scan.w.is_common(self.word()) {
            self.major
        } else {
            self.prominent()
        };
        !prominent || t.sentence_start || heads_a_name
    }

    /// A reading prominent enough to be what a frequent word names: a continent; a
    /// place of 100,000 people or more by its own name ("Porto", "Essen"); by another
    /// name, a national capital or a place of a million or more ("Lisboa",
    /// "München", "Deutschland"; not "Mann" for the Isle of Man nor "Namen" for
    /// Namur).
    fn prominent(&self) -> bool {
        let g = self.scan.g;
        self.ids.iter().any(|&id| {
            let e = g.entry(id);
            let own = g.is_own_name(id, self.key_hash);
            e.kind == Kind::Continent
                || (own && e.population >= 100_000)
                || e.population >= 1_000_000
                || e.feature == "PPLC"
        })
    }

    /// A feature word next to another name is part of it: "Lake Erie", "Eastern
    /// Creek".
    fn feature_word_of_a_name(&self) -> bool {
        let t = self.first();
        if !self.single() || t.all_caps || !set_features().has_any_case(self.word()) {
            return false;
        }
        let toks = self.scan.toks;
        let cap_before = self.i > 0 && toks[self.i - 1].cap && self.gap(toks[self.i - 1], t) == " ";
        let cap_after = self
            .after(0)
            .is_some_and(|n| n.cap && self.gap(self.last(), n) == " ");
        cap_before || cap_after
    }

    fn all_common(&self) -> bool {
        let text = self.scan.text;
        self.scan.toks[self.i..=self.j]
            .iter()
            .all(|x| self.scan.is_common(x.text(text)))
    }

    /// Names made of common words only ("White House") are small places only when
    /// nothing else is meant.
    fn common_words_only(&self) -> bool {
        !self.single() && !self.major && self.all_common()
    }

    /// The subject of an institution, a small place's name: "Ministry of Commerce",
    /// "Chamber of Commerce".
    fn institutions_subject(&self) -> bool {
        let (toks, text, i) = (self.scan.toks, self.scan.text, self.i);
        self.single()
            && !self.major
            && i >= 2
            && toks[i - 1].text(text) == "of"
            && set_institutions().has_any_case(toks[i - 2].text(text))
    }

    /// A building named like a town, or like a city's translated name ("White House"
    /// is also Casablanca's): "White House", "Town Hall".
    fn building(&self) -> bool {
        if self.single() || !set_buildings().has_any_case(self.last().text(self.scan.text)) {
            return false;
        }
        let g = self.scan.g;
        let own_name_of_major = self
            .ids
            .iter()
            .any(|&id| g.entry(id).population >= 100_000 && g.is_own_name(id, self.key_hash));
        !own_name_of_major
    }

    /// Common words are places only when capitalised mid-sentence.
    fn common_words_at_sentence_start(&self) -> bool {
        self.first().sentence_start && self.all_common()
    }

    fn calendar_word(&self) -> bool {
        self.single()
            && (crate::extract::names::is_calendar_word(self.word())
                || self.scan.lang.is_some_and(|l| l.is_calendar(self.word())))
    }

    /// In a language with articles, a town's name after a lowercase determiner is a
    /// noun: "das Essen", "die Halle" (a town named with its article is written
    /// "La Paz", one match). Countries and regions take articles ("die Schweiz",
    /// "la France") and stay places.
    fn after_a_determiner(&self) -> bool {
        let Some(lang) = self.scan.lang else {
            return false;
        };
        if !self.single()
            || self.i == 0
            || self.any_kind(&[Kind::Country, Kind::Admin1, Kind::Continent, Kind::Region])
        {
            return false;
        }
        let prev = self.scan.toks[self.i - 1];
        let word = prev.text(self.scan.text);
        let determiner = if prev.sentence_start {
            with_lower(word, |l| lang.is_determiner(l))
        } else {
            lang.is_determiner(word)
        };
        self.gap(prev, self.first()) == " " && determiner
    }

    /// A religious or holiday figure: "God", "Jesus", "Santa Claus".
    fn a_figure(&self) -> bool {
        set_figures().has_any_case(self.surface())
    }

    /// A saint's name after "St." that is no place of that name: "St. Patrick's
    /// Day", "St. Mary's" ("St. Louis" is matched whole, and never gets here).
    fn a_saints_name(&self) -> bool {
        if !self.single() || self.i == 0 {
            return false;
        }
        let prev = self.scan.toks[self.i - 1];
        let pw = prev.text(self.scan.text);
        matches!(self.gap(prev, self.first()), ". " | " ")
            && with_lower(pw, |l| matches!(l, "st" | "saint" | "ste"))
    }

    /// A small town's name used as a person's surname: "the Obama administration",
    /// "Willis said", "McDonald, 24, of Archer". Not for major places ("Moscow said",
    /// a government speaking).
    fn a_persons_surname(&self) -> bool {
        if !self.single() || self.major || self.first().all_caps {
            return false;
        }
        let text = self.scan.text;
        let Some(next) = self.after(0) else {
            return false;
        };
        let gap = self.gap(self.last(), next);
        let nw = next.text(text);
        let office = gap == " "
            && matches!(
                nw,
                "administration" | "administrations" | "campaign" | "presidency" | "era"
            );
        // Only verbs a town does not do ("Greer plans a park" is the town).
        let speaks = gap == " "
            && matches!(
                nw,
                "said" | "says" | "told" | "added" | "explained" | "noted" | "recalled" | "asked"
            );
        // An age in apposition: "McDonald, 24,".
        let age = gap == ", "
            && nw.len() <= 3
            && nw.bytes().all(|b| b.is_ascii_digit())
            && text[next.end..].starts_with(',');
        office || speaks || age
    }

    /// A small town's name with a possessive: a person's or a brand's ("Patrick's
    /// bill", "the local McDonald's").
    fn a_small_towns_possessive(&self) -> bool {
        let towns_only = self
            .ids
            .iter()
            .all(|&id| matches!(self.scan.g.entry(id).kind, Kind::City | Kind::Admin2));
        if !self.single() || self.major || !towns_only {
            return false;
        }
        let rest = &self.scan.text[self.last().end..];
        rest.starts_with("'s") || rest.starts_with("’s")
    }

    /// Part of a person's name in this article.
    fn part_of_a_persons_name(&self) -> bool {
        self.single() && with_lower(self.word(), |l| self.scan.persons.contains(l))
    }

    /// Inside a longer capitalised name: "Paris Hilton", "Real Madrid", "Washington
    /// Post"; after an honorific ("Mr. Jordan").
    fn inside_a_longer_name(&self) -> bool {
        let (g, w, text) = (self.scan.g, self.scan.w, self.scan.text);
        if let Some(next) = self.after(0) {
            let gap = self.gap(self.last(), next);
            let nw = next.text(text);
            if self.scan.cap_marks_a_name(next)
                && (gap == " " || gap == "-")
                && !set_after_ok().has_any_case(nw)
            {
                // "Kyiv Mayor" is fine, "Washington Post" / "Jordan Henderson" is not.
                let next_is_place = !g.lookup_name(nw).is_empty() && !w.is_first_name(nw);
                // "Walker County Fair", "Laurel County Adult Education": what is named
                // after a county is the county's.
                let county = with_lower(self.last().text(text), |l| {
                    matches!(l, "county" | "parish" | "borough")
                }) && !self.single();
                if (!next_is_place || w.is_org_word(nw)) && !self.names_a_public_body() && !county {
                    return true;
                }
            }
        }
        if self.i == 0 {
            return false;
        }
        let prev = self.scan.toks[self.i - 1];
        let pw = prev.text(text);
        let gap = self.gap(prev, self.first());
        // "O'Connor", "O’Neill": an Irish surname, not Connor in County Antrim.
        if pw == "O" && matches!(gap, "'" | "’") {
            return true;
        }
        // "Sen. Ray Miller, D-Columbus": a legislator's party and home town.
        let party_tag = gap == "-" && matches!(pw, "D" | "R" | "I");
        if self.scan.cap_marks_a_name(prev)
            && (gap == " " || gap == "-")
            && !set_before_ok().has_any_case(pw)
            && !party_tag
        {
            return true;
        }
        with_lower(pw, |l| {
            matches!(l, "mr" | "mrs" | "ms" | "dr" | "sen" | "gov" | "rep")
        })
    }
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
