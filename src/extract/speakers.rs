//! Speakers: people quoted directly ("...," Zelenskyy said / said Rutte / X said:
//! "...") or reported ("X said that", "according to X", "X told reporters", "X wrote
//! on X", transcripts "NAME:", tweets "— Name (@handle)"), each under one
//! canonical full name per article with the quotes attributed to them.
//!
//! Rules over tokens, no model: a capitalised name run next to a speech verb is a
//! speaker when it looks like a person (no organisation word, not a place or a
//! common word, a first name or a title or a full name elsewhere in the article).

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::{
    BETWEEN, FUNCTION_WORDS, HEADLINE_VERBS, INVERTIBLE, SAYING_NOUNS, SPEECH_VERBS,
};
use super::names::{lists, with_lower, WordLists};
use super::persons::{canonical, looks_like_person, run_name, runs, Run};
use super::quotes::{nearest_quote, quotes, tweet_signatures};
use super::text::{fold, tokenize, Token};
use super::{Quote, Speaker};

const VERB: u8 = 1;
const INVERT: u8 = 2;
const NOUN: u8 = 4;

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
        ] {
            for w in list {
                *m.entry(*w).or_insert(0) |= flag;
            }
        }
        m
    })
}

crate::word_set!(set_headline_verbs, HEADLINE_VERBS);
crate::word_set!(set_between, BETWEEN);
crate::word_set!(pub(super) set_function_words, FUNCTION_WORDS);

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
    let mut full: HashMap<String, String> = HashMap::default();
    for r in &all_runs {
        if r.last > r.name_start
            && !toks[r.name_start].all_caps
            && looks_like_person(text, toks, r, w, &HashMap::default(), false)
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
    let mut run_ending: HashMap<usize, usize> = HashMap::default();
    let mut run_starting: HashMap<usize, usize> = HashMap::default();
    for (n, r) in all_runs.iter().enumerate() {
        run_ending.insert(r.last, n);
        run_starting.insert(r.title_start, n);
    }
    let transcript_names = transcript_speakers(text, toks, &all_runs, w);

    // The first of two coordinated subjects: "Barack Obama and Hillary Clinton
    // declared", "Martin O’Malley (D) and former Arkansas Gov. Mike Huckabee (R)
    // announced": the run ending before "and", given the run after it.
    let coordinated = |n: usize| -> Option<usize> {
        let mut c = all_runs[n].title_start;
        for _ in 0..3 {
            if c == 0 || text[toks[c - 1].end..toks[c].start] != *" " {
                return None;
            }
            if toks[c - 1].text(text) == "and" {
                break;
            }
            c -= 1;
        }
        let and = c.checked_sub(1).filter(|&a| toks[a].text(text) == "and")?;
        let mut e = and.checked_sub(1)?;
        let gap = &text[toks[e].end..toks[and].start];
        if gap.trim() == ")" {
            // Skip a party tag: "O’Malley (D) and".
            let open = (e.saturating_sub(6)..=e)
                .rev()
                .find(|&c| c > 0 && text[toks[c - 1].end..toks[c].start].contains('('))?;
            e = open.checked_sub(1)?;
        } else if gap != " " {
            return None;
        }
        run_ending.get(&e).copied()
    };
    let qs = quotes(text);
    let mut acts: Vec<Act> = Vec::new();
    // "he said" acts, given to the person last named; they only add quotes to people
    // the article attributes speech to by name (a new speaker from a pronoun alone is
    // too often the wrong one).
    let mut pronoun_acts: Vec<Act> = Vec::new();
    let act_for = |n: usize, start: usize, end: usize| Act {
        run: all_runs[n],
        start,
        end,
    };
    for (k, t) in toks.iter().enumerate() {
        let word = t.text(text);
        let according = if t.cap {
            word.eq_ignore_ascii_case("according")
        } else {
            word == "according"
        };
        if according && toks.get(k + 1).is_some_and(|n| n.text(text) == "to") {
            // "according to X", "according to election lawyer X".
            let mut a = k + 2;
            while a < k + 5 && toks.get(a).is_some_and(|n| !n.cap) {
                let nw = toks[a].text(text);
                if set_function_words().has(nw) {
                    break;
                }
                a += 1;
            }
            if let Some(&n) = run_starting.get(&a).or_else(|| run_starting.get(&(k + 2))) {
                acts.push(act_for(n, t.start, toks[all_runs[n].last].end));
            }
            continue;
        }
        // Capitalised verbs only in headlines ("Clinton Urges Britain ..."), never opening a sentence.
        // One lookup tells which of the word lists (if any) hold this word.
        let flags_of = |l: &str| attribution_flags().get(l).copied().unwrap_or(0);
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
        // "X's statement", "X’s remarks"
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
        let invertible = flags & INVERT != 0;
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
            // "he said": the person last named before, within a few paragraphs.
            if gap == " " && matches!(pw, "he" | "she" | "He" | "She") {
                let at = toks[prev].start;
                let antecedent = all_runs
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(_, r)| toks[r.last].end < at)
                    .take_while(|(_, r)| at - toks[r.last].end < 400)
                    .find(|(_, r)| {
                        toks[r.title_start].sentence_start
                            && !qs.iter().any(|q| {
                                q.start <= toks[r.title_start].start && toks[r.last].end <= q.end
                            })
                            && looks_like_person(text, toks, r, w, &full, false)
                    })
                    .map(|(n, _)| n);
                if let Some(n) = antecedent {
                    pronoun_acts.push(act_for(n, at, t.end));
                    found = true;
                }
                break;
            }
            if gap == " " {
                if let Some(&n) = run_ending.get(&prev) {
                    // "Senator Barbara Boxer of California said": the name is before "of".
                    let r = all_runs[n];
                    let n = (r.title_start >= 2 && toks[r.title_start - 1].text(text) == "of")
                        .then(|| run_ending.get(&(r.title_start - 2)).copied())
                        .flatten()
                        .filter(|&m| {
                            !looks_like_person(text, toks, &r, w, &full, false)
                                && looks_like_person(text, toks, &all_runs[m], w, &full, false)
                        })
                        .unwrap_or(n);
                    acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                    if let Some(m) = coordinated(n) {
                        acts.push(act_for(m, toks[all_runs[m].title_start].start, t.end));
                    }
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
                        if let Some(m) = coordinated(n) {
                            acts.push(act_for(m, toks[all_runs[m].title_start].start, t.end));
                        }
                        found = true;
                    }
                }
            } else if gap_t.ends_with(',')
                && !gap_t.contains(['"', '”', '“'])
                && run_ending.get(&prev).is_some_and(|&n| {
                    let r = &all_runs[n];
                    r.title_start > 0
                        && text[toks[r.title_start - 1].end..toks[r.title_start].start].trim()
                            == ","
                        && r.last > r.name_start
                        && w.is_first_name(toks[r.name_start].text(text))
                        && looks_like_person(text, toks, r, w, &full, false)
                })
            {
                // The name is the appositive: "Clinton's campaign chairman, John Podesta, said".
                let n = run_ending[&prev];
                acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                found = true;
            } else if gap_t.ends_with(',') && !gap_t.contains(['"', '”', '“']) {
                // The sentence opens with the name and its description runs to the
                // verb: "Paul Porter, a truck driver from Ava, Mo., who ..., said".
                let opener = (prev.saturating_sub(60)..=prev)
                    .rev()
                    .take_while(|&c| {
                        c == 0
                            || !text[toks[c - 1].end..toks[c].start]
                                .contains(['“', '”', '"', '\n', ';'])
                    })
                    .find(|&c| toks[c].sentence_start && toks[c].cap)
                    .and_then(|c| run_starting.get(&c).copied())
                    .filter(|&n| {
                        let r = &all_runs[n];
                        r.last < prev
                            && toks
                                .get(r.last + 1)
                                .is_some_and(|x| text[toks[r.last].end..x.start].trim() == ",")
                            && looks_like_person(text, toks, r, w, &full, false)
                    });
                if let Some(n) = opener {
                    acts.push(act_for(n, toks[all_runs[n].title_start].start, t.end));
                    found = true;
                    break;
                }
                // Skip an appositive back to the previous comma; past a second one
                // when the first closes no name ("Jacob Shiansky, 24, who was
                // visiting, told").
                let mut c = prev;
                let mut steps = 0;
                let mut commas = 0;
                while c > 0 && steps < 40 {
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
                            break;
                        }
                        commas += 1;
                        if commas == 2 {
                            break;
                        }
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
                        // "said Virginia delegate Beau Correll": a place or an
                        // organisation before the role and the name.
                        let r = all_runs[n];
                        let later = (!looks_like_person(text, toks, &r, w, &full, false))
                            .then(|| {
                                (r.last + 1..(r.last + 4).min(toks.len()))
                                    .take_while(|&c| text[toks[c - 1].end..toks[c].start] == *" ")
                                    .find_map(|c| run_starting.get(&c).copied())
                            })
                            .flatten()
                            .filter(|&m| {
                                looks_like_person(text, toks, &all_runs[m], w, &full, false)
                            });
                        let n = later.unwrap_or(n);
                        // "said Clinton reached out to ...": the name opens the reported
                        // clause (a verb follows it); it is not the speaker.
                        let after = toks.get(all_runs[n].last + 1).filter(|x| {
                            !x.cap && text[toks[all_runs[n].last].end..x.start] == *" "
                        });
                        let clause_subject = after.is_some_and(|x| {
                            let xw = x.text(text);
                            set_between().has(xw)
                                || attribution_flags().get(xw).is_some_and(|f| f & VERB != 0)
                                || (xw.len() > 3 && xw.ends_with("ed"))
                        });
                        if !clause_subject {
                            acts.push(act_for(n, t.start, toks[all_runs[n].last].end));
                        }
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

    let mut speakers: Vec<Speaker> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::default();
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
        // Inside someone's quotation ("“Trump said Hispanics live in hell,” she said"):
        // speech the quoted speaker reports, not a source of the article.
        if qs.iter().any(|q| q.start <= act.start && act.end <= q.end) {
            continue;
        }
        let name = canonical(&run_name(text, toks, &act.run), &full);
        let quote = nearest_quote(text, &qs, act.start, act.end);
        add(name, quote, &mut speakers);
    }
    for act in &pronoun_acts {
        let name = canonical(&run_name(text, toks, &act.run), &full);
        let key = fold(&name);
        if speakers.iter().any(|s| fold(&s.name) == key) {
            let quote = nearest_quote(text, &qs, act.start, act.end);
            add(name, quote, &mut speakers);
        }
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
    let surnames: rustc_hash::FxHashSet<String> = speakers
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

/// Transcript lines "NAME: text" / "Name Surname: text"; a name must start two lines
/// or be a known person so headings ("Update:") are not taken.
fn transcript_speakers(
    text: &str,
    toks: &[Token],
    runs: &[Run],
    w: &WordLists,
) -> Vec<(String, Option<Quote>)> {
    let mut counts: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
    for r in runs {
        let first = toks[r.title_start];
        let after = &text[toks[r.last].end..];
        if !after.starts_with(':') {
            continue;
        }
        // Only blanks between the line's start and the name.
        let before = text[..first.start].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        if !(before.is_empty() || before.ends_with('\n')) {
            continue;
        }
        if r.last - r.name_start > 2
            || !looks_like_person(text, toks, r, w, &HashMap::default(), true)
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
    // In the order the speakers first appear.
    let mut counts: Vec<(String, Vec<(usize, usize)>)> = counts.into_iter().collect();
    counts.sort_by_key(|(_, lines)| lines[0].0);
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
    fn appositives_coordination_and_reported_clauses() {
        // The name is the appositive.
        assert_eq!(
            names(
                "Clinton's campaign chairman, John Podesta, said in a statement that it was over."
            ),
            vec!["John Podesta"]
        );
        // A long description between the opening name and the verb.
        assert_eq!(
            names(
                "Paul Porter, a truck driver from Ava, Mo., who backs Mr. Trump, said he agreed."
            ),
            vec!["Paul Porter"]
        );
        // Both subjects speak.
        let mut both = names("Barack Obama and Hillary Clinton declared a new beginning.");
        both.sort();
        assert_eq!(both, vec!["Barack Obama", "Hillary Clinton"]);
        // A name opening the reported clause is not the speaker.
        assert_eq!(
            names("A former ambassador said Clinton reached out to McConnell."),
            Vec::<String>::new()
        );
        // Speech inside someone's quotation is theirs to report, not the article's.
        assert_eq!(
            names("\"During the debate Tom Brady said nothing,\" Jane Smith said."),
            vec!["Jane Smith"]
        );
        // "Senator X of State said", "said Place role X", "according to role X".
        assert_eq!(
            names("Senator Barbara Boxer of California said she had reached out."),
            vec!["Barbara Boxer"]
        );
        assert_eq!(
            names("\"It is a show,\" said Virginia delegate Beau Correll."),
            vec!["Beau Correll"]
        );
        assert_eq!(
            names("The figure is legal, according to election lawyer Charlie Spies."),
            vec!["Charlie Spies"]
        );
    }

    #[test]
    fn common_word_surnames_and_pronoun_quotes() {
        // Surnames that are common words, with a first name or an honorific.
        assert_eq!(
            names("Tom Rice said the plan would fail."),
            vec!["Tom Rice"]
        );
        assert_eq!(
            names("Mr. King said he was not familiar with it."),
            vec!["King"]
        );
        // ... but not the next word of a title-case headline.
        assert_eq!(
            names("Al Sharpton Just Said Something Unexpected"),
            Vec::<String>::new()
        );
        // "he said" gives its quote to the speaker last named.
        let s = extract(
            "Jane Smith said the vote was close. She left early. \"We will win,\" she said.",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "Jane Smith");
        assert!(
            s[0].quotes.iter().any(|q| q.text == "We will win,"),
            "{:?}",
            s[0].quotes
        );
        // A pronoun alone does not make a new speaker.
        assert_eq!(
            names("Jane Smith lives in Ohio. \"We will win,\" she said."),
            Vec::<String>::new()
        );
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
        // A region named elsewhere in the article does not make its last word a surname.
        assert!(names(
            "Authorities across Europe have issued restrictions. Birds carried the disease into Western Europe."
        )
        .is_empty());
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
