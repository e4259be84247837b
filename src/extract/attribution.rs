//! Attribution patterns: which name a speech verb ("said", "told", "according to")
//! attributes speech to. [`Scene`] holds an article's tokens, capitalised runs and
//! quotations; its methods are the patterns (subject before the verb, after it,
//! appositives, coordination, "he said"), and [`Scene::attributions`] runs them over
//! the article. `speakers` turns the acts into canonical speakers with quotes.

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::{
    set_function_words, set_headline_verbs, BETWEEN, INVERTIBLE, SAYING_NOUNS, SPEECH_VERBS,
};
use super::names::WordLists;
use super::persons::{looks_like_person, Run};
use super::quotes::{quotes, QuoteSpan};
use super::text::Token;
use super::wordset::{with_lower, Prefilter, WordMap};

const VERB: u8 = 1;
const INVERT: u8 = 2;
const NOUN: u8 = 4;

/// Word -> which attribution lists hold it (speech verb, invertible verb, saying noun).
struct AttributionFlags(WordMap<u8>, Prefilter);

impl AttributionFlags {
    /// The flags of a lowercase word; 0 when no list holds it.
    #[inline]
    fn of(&self, w: &str) -> u8 {
        if !self.1.may_hold(w) {
            return 0;
        }
        self.0.get(w).unwrap_or(0)
    }
}

fn attribution_flags() -> &'static AttributionFlags {
    static FLAGS: std::sync::OnceLock<AttributionFlags> = std::sync::OnceLock::new();
    FLAGS.get_or_init(|| {
        let mut m = WordMap::default();
        let lists = [
            (SPEECH_VERBS, VERB),
            (INVERTIBLE, INVERT),
            (SAYING_NOUNS, NOUN),
        ];
        for (list, flag) in lists {
            for w in list {
                *m.entry(w, 0) |= flag;
            }
        }
        let filter = Prefilter::new(lists.iter().flat_map(|(list, _)| list.iter().copied()));
        AttributionFlags(m, filter)
    })
}

crate::word_set!(set_between, BETWEEN);

/// A speech act: the name run it attributes speech to, and where it is.
pub(super) struct Act {
    pub(super) run: Run,
    /// Byte range of the whole attribution (name and verb), to find the nearby quote.
    pub(super) start: usize,
    pub(super) end: usize,
}

/// An article as the attribution patterns see it: its tokens, its capitalised runs
/// (names with their titles), full names by surname, and its quotations.
pub(super) struct Scene<'a> {
    text: &'a str,
    toks: &'a [Token],
    runs: &'a [Run],
    w: &'a WordLists,
    full: &'a HashMap<String, String>,
    /// Run that ends at token k / starts at token k.
    run_ending: RunIndex<'a>,
    run_starting: RunIndex<'a>,
    pub(super) qs: Vec<QuoteSpan>,
}

/// The run that ends (or starts) at a token: a binary search, as an article's runs
/// are disjoint and in text order.
struct RunIndex<'a> {
    runs: &'a [Run],
    by_last: bool,
}

impl RunIndex<'_> {
    fn get(&self, k: usize) -> Option<usize> {
        let key = |r: &Run| if self.by_last { r.last } else { r.title_start };
        self.runs.binary_search_by_key(&k, key).ok()
    }
}

/// Who the words before a speech verb name as its subject.
enum Subject {
    /// Runs named (two when coordinated: "Obama and Clinton declared"; none for a
    /// pronoun that fits nobody named before it).
    Named(Vec<usize>),
    /// "he said": the run of the person last named, and where the pronoun starts.
    Pronoun(usize, usize),
}

impl<'a> Scene<'a> {
    pub(super) fn new(
        text: &'a str,
        toks: &'a [Token],
        runs: &'a [Run],
        w: &'a WordLists,
        full: &'a HashMap<String, String>,
    ) -> Self {
        Scene {
            text,
            toks,
            runs,
            w,
            full,
            run_ending: RunIndex {
                runs,
                by_last: true,
            },
            run_starting: RunIndex {
                runs,
                by_last: false,
            },
            qs: quotes(text),
        }
    }

    /// The text between tokens `a` and `b`.
    fn gap(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].end..self.toks[b].start]
    }

    fn word(&self, k: usize) -> &'a str {
        self.toks[k].text(self.text)
    }

    fn is_person(&self, n: usize) -> bool {
        looks_like_person(
            self.text,
            self.toks,
            &self.runs[n],
            self.w,
            self.full,
            false,
        )
    }

    fn act(&self, n: usize, start: usize, end: usize) -> Act {
        Act {
            run: self.runs[n],
            start,
            end,
        }
    }

    /// Speech acts named in the article, and those of pronouns ("he said").
    pub(super) fn attributions(&self) -> (Vec<Act>, Vec<Act>) {
        let (text, toks) = (self.text, self.toks);
        let mut acts: Vec<Act> = Vec::new();
        let mut pronoun_acts: Vec<Act> = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            let word = t.text(text);
            let according = if t.cap {
                word.eq_ignore_ascii_case("according")
            } else {
                word == "according"
            };
            if according && toks.get(k + 1).is_some_and(|n| n.text(text) == "to") {
                if let Some(n) = self.according_to(k) {
                    acts.push(self.act(n, t.start, toks[self.runs[n].last].end));
                }
                continue;
            }
            // Capitalised verbs only in headlines ("Clinton Urges Britain ..."), never
            // opening a sentence. One lookup tells which of the word lists (if any)
            // hold this word.
            let flags_of = |l: &str| attribution_flags().of(l);
            let flags = if !t.cap {
                flags_of(word)
            } else if t.sentence_start {
                continue;
            } else {
                with_lower(word, |l| {
                    if set_headline_verbs().has(l) {
                        flags_of(l)
                    } else {
                        0
                    }
                })
            };
            if flags == 0 {
                continue;
            }
            // "X's statement", "X’s remarks"
            if flags & NOUN != 0 && k >= 2 && self.word(k - 1) == "s" {
                let gap = self.gap(k - 2, k - 1);
                if gap == "'" || gap == "’" {
                    if let Some(n) = self.run_ending.get(k - 2) {
                        acts.push(self.act(n, toks[self.runs[n].title_start].start, t.end));
                    }
                }
                continue;
            }
            let invertible = flags & INVERT != 0;
            // Subject before the verb (not for "asked": "Trump asked voters" names no source).
            let subject = if flags & VERB != 0 {
                self.subject_before(k)
            } else {
                None
            };
            match subject {
                Some(Subject::Named(ns)) => {
                    for n in ns {
                        acts.push(self.act(n, toks[self.runs[n].title_start].start, t.end));
                    }
                }
                Some(Subject::Pronoun(n, at)) => pronoun_acts.push(self.act(n, at, t.end)),
                None if invertible => {
                    if let Some(n) = self.subject_after(k) {
                        acts.push(self.act(n, t.start, toks[self.runs[n].last].end));
                    }
                }
                None => {}
            }
        }
        (acts, pronoun_acts)
    }

    /// "according to X", "according to election lawyer X" (`k`: "according").
    fn according_to(&self, k: usize) -> Option<usize> {
        let mut a = k + 2;
        while a < k + 5 && self.toks.get(a).is_some_and(|n| !n.cap) {
            if set_function_words().has(self.word(a)) {
                break;
            }
            a += 1;
        }
        self.run_starting
            .get(a)
            .or_else(|| self.run_starting.get(k + 2))
    }

    /// The first of two coordinated subjects: "Barack Obama and Hillary Clinton
    /// declared", "Martin O’Malley (D) and former Arkansas Gov. Mike Huckabee (R)
    /// announced": the run ending before "and", given the run after it.
    fn coordinated(&self, n: usize) -> Option<usize> {
        let (text, toks) = (self.text, self.toks);
        let mut c = self.runs[n].title_start;
        for _ in 0..3 {
            if c == 0 || self.gap(c - 1, c) != " " {
                return None;
            }
            let word = toks[c - 1].text(text);
            if word == "and" {
                break;
            }
            // Only a description may come between "and" and the second name ("and
            // former Arkansas Gov. Mike Huckabee"): a capitalised word that is no title,
            // place or people belongs to another name ("Phillips and Drew analyst
            // Stephen Lewis said": a firm, then its analyst).
            let describes = !toks[c - 1].cap
                || self.w.is_title(word)
                || super::place_words::is_place_word(word)
                || super::place_words::is_people_word(word);
            if !describes {
                return None;
            }
            c -= 1;
        }
        let and = c.checked_sub(1).filter(|&a| toks[a].text(text) == "and")?;
        let mut e = and.checked_sub(1)?;
        let gap = self.gap(e, and);
        if gap.trim() == ")" {
            // Skip a party tag: "O’Malley (D) and".
            let open = (e.saturating_sub(6)..=e)
                .rev()
                .find(|&c| c > 0 && self.gap(c - 1, c).contains('('))?;
            e = open.checked_sub(1)?;
        } else if gap != " " {
            return None;
        }
        self.run_ending.get(e)
    }

    /// A run and the run coordinated with it.
    fn named(&self, n: usize) -> Subject {
        Subject::Named(std::iter::once(n).chain(self.coordinated(n)).collect())
    }

    /// "Senator Barbara Boxer of California": the person's run before "of", when run
    /// `n` follows "of" (and, with `unless_person`, is not itself a person's).
    fn before_of(&self, n: usize, unless_person: bool) -> Option<usize> {
        let r = self.runs[n];
        (r.title_start >= 2 && self.word(r.title_start - 1) == "of")
            .then(|| self.run_ending.get(r.title_start - 2))
            .flatten()
            .filter(|&m| !(unless_person && self.is_person(n)) && self.is_person(m))
    }

    /// The subject before the speech verb at token `k`: "Rutte said", "Rutte also
    /// said", "Rutte, NATO's chief, said", "Reid (D-Nev.) said", "McConnell, R-Ky.,
    /// said", "he said".
    fn subject_before(&self, k: usize) -> Option<Subject> {
        let toks = self.toks;
        // Back over up to three adverbs ("also", "later", "repeatedly"); none after them.
        let mut b = k;
        let mut hops = 0;
        loop {
            if b == 0 || hops == 3 {
                return None;
            }
            let pw = self.word(b - 1);
            let adverb =
                !toks[b - 1].cap && (set_between().has(pw) || (pw.len() > 4 && pw.ends_with("ly")));
            if self.gap(b - 1, b) == " " && adverb {
                b -= 1;
                hops += 1;
            } else {
                break;
            }
        }
        self.subject_at(b - 1, b)
    }

    /// The subject ending at token `prev`, followed by token `b` (the verb or an adverb).
    /// Whether run `n` may be the person "she" (`she`) or "he" names: "she" is no
    /// man's first name ("Charles Kennedy"), "he" no woman's title ("Mrs Reagan").
    fn may_be(&self, n: usize, she: bool) -> bool {
        let r = &self.runs[n];
        if she {
            r.last == r.name_start || !self.w.is_mans_name(self.word(r.name_start))
        } else {
            let name = super::persons::run_name(self.text, self.toks, r);
            super::persons::womans_surname(&name).is_none()
        }
    }

    fn subject_at(&self, prev: usize, b: usize) -> Option<Subject> {
        let (toks, w) = (self.toks, self.w);
        let gap = self.gap(prev, b);
        let pw = self.word(prev);
        let gap_t = gap.trim();
        // "he said": the person last named before, within a few paragraphs.
        if gap == " " && matches!(pw, "he" | "she" | "He" | "She") {
            let at = toks[prev].start;
            return self
                .runs
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, r)| toks[r.last].end < at)
                .take_while(|(_, r)| at - toks[r.last].end < 400)
                .find(|&(n, r)| {
                    toks[r.title_start].sentence_start
                        && !self.qs.iter().any(|q| {
                            q.start <= toks[r.title_start].start && toks[r.last].end <= q.end
                        })
                        && self.may_be(n, pw.eq_ignore_ascii_case("she"))
                        && self.is_person(n)
                })
                // (Nobody it may be: still the pronoun's act, so the name after the
                // verb is no speaker: "she told Sueddeutsche Zeitung".)
                .map_or(Some(Subject::Named(Vec::new())), |(n, _)| {
                    Some(Subject::Pronoun(n, at))
                });
        }
        if gap == " " {
            // "Senator Barbara Boxer of California said": the name is before "of".
            let n = self.run_ending.get(prev)?;
            let n = self.before_of(n, true).unwrap_or(n);
            return Some(self.named(n));
        }
        if gap_t == ")" || gap_t == ".)" {
            // Back to the opening parenthesis, then the name before it.
            let open = (prev.saturating_sub(8)..=prev)
                .rev()
                .find(|&c| c > 0 && self.gap(c - 1, c).contains('('))?;
            let n = self.run_ending.get(open - 1)?;
            return Some(self.named(n));
        }
        if !gap_t.ends_with(',') || gap_t.contains(['"', '”', '“']) {
            return None;
        }
        // The name is the appositive: "Clinton's campaign chairman, John Podesta, said".
        let appositive = self.run_ending.get(prev).filter(|&n| {
            let r = &self.runs[n];
            r.title_start > 0
                && self.gap(r.title_start - 1, r.title_start).trim() == ","
                && r.last > r.name_start
                && w.is_first_name(self.word(r.name_start))
                && self.is_person(n)
        });
        if let Some(n) = appositive {
            return Some(Subject::Named(vec![n]));
        }
        self.sentence_opener(prev)
            .or_else(|| self.before_appositive(prev))
            .map(|n| Subject::Named(vec![n]))
    }

    /// The sentence opens with the name and its description runs to the verb: "Paul
    /// Porter, a truck driver from Ava, Mo., who ..., said" (`prev`: before the comma).
    fn sentence_opener(&self, prev: usize) -> Option<usize> {
        let toks = self.toks;
        (prev.saturating_sub(60)..=prev)
            .rev()
            .take_while(|&c| c == 0 || !self.gap(c - 1, c).contains(['“', '”', '"', '\n', ';']))
            .find(|&c| toks[c].sentence_start && toks[c].cap)
            .and_then(|c| self.run_starting.get(c))
            .filter(|&n| {
                let r = &self.runs[n];
                r.last < prev
                    && toks.get(r.last + 1).is_some()
                    && self.gap(r.last, r.last + 1).trim() == ","
                    && self.is_person(n)
            })
    }

    /// Back over an appositive to the previous comma, past a second one when the first
    /// closes no name ("Jacob Shiansky, 24, who was visiting, told"); "Lee Zeldin of
    /// New York, a Trump supporter, said": the name is before "of".
    fn before_appositive(&self, prev: usize) -> Option<usize> {
        let mut c = prev;
        let mut commas = 0;
        for _ in 0..40 {
            if c == 0 {
                return None;
            }
            let g2 = self.gap(c - 1, c);
            if g2.contains(['“', '”', '"', '\n', ';']) || (g2.contains('.') && !g2.contains(','))
            {
                return None;
            }
            if g2.contains(',') {
                if let Some(n) = self.run_ending.get(c - 1) {
                    return Some(self.before_of(n, false).unwrap_or(n));
                }
                commas += 1;
                if commas == 2 {
                    return None;
                }
            }
            c -= 1;
        }
        None
    }

    /// The subject after the verb at token `k`: `," said Rutte`, "said election lawyer
    /// Joe Birkenstock".
    fn subject_after(&self, k: usize) -> Option<usize> {
        let (text, toks) = (self.text, self.toks);
        let mut a = k + 1;
        let mut skipped = 0;
        while let Some(next) = toks.get(a) {
            let gap = self.gap(a - 1, a);
            if gap != " " && gap != "-" {
                return None;
            }
            if next.cap {
                let n = self.run_starting.get(a)?;
                // "said Virginia delegate Beau Correll": a place or an organisation
                // before the role and the name.
                let r = self.runs[n];
                let later = (!self.is_person(n))
                    .then(|| {
                        (r.last + 1..(r.last + 4).min(toks.len()))
                            .take_while(|&c| self.gap(c - 1, c) == " ")
                            .find_map(|c| self.run_starting.get(c))
                    })
                    .flatten()
                    .filter(|&m| self.is_person(m));
                let n = later.unwrap_or(n);
                // "said Clinton reached out to ...": the name opens the reported clause
                // (a verb follows it); it is not the speaker.
                let last = self.runs[n].last;
                let after = toks
                    .get(last + 1)
                    .filter(|x| !x.cap && text[toks[last].end..x.start] == *" ");
                let clause_subject = after.is_some_and(|x| {
                    let xw = x.text(text);
                    set_between().has(xw)
                        || attribution_flags().of(xw) & VERB != 0
                        || (xw.len() > 3 && xw.ends_with("ed"))
                });
                return (!clause_subject).then_some(n);
            }
            let nw = next.text(text);
            if skipped >= 3
                || set_function_words().has(nw)
                || attribution_flags().of(nw) & VERB != 0
            {
                return None;
            }
            skipped += 1;
            a += 1;
        }
        None
    }
}
