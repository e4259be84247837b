//! Speakers: people quoted directly ("...," Zelenskyy said / said Rutte / X said:
//! "...") or reported ("X said that", "according to X", "X told reporters", "X wrote
//! on X", transcripts "NAME:", tweets "— Name (@handle)"), each under one
//! canonical full name per article with the quotes attributed to them.
//!
//! Rules over tokens, no model: a capitalised name run next to a speech verb is a
//! speaker when it looks like a person (no organisation word, not a place or a
//! common word, a first name or a title or a full name elsewhere in the article).

use rustc_hash::FxHashMap as HashMap;

use super::attribution::Scene;
use super::firms::is_firm;
use super::names::{lists, WordLists};
use super::persons::{
    canonical, looks_like_person, run_name, runs, set_particles, womans_surname, Run,
};
use super::quotes::{nearest_quote, tweet_signatures};
use super::text::{fold, tokenize, with_fold, Token};
use super::{Quote, Speaker};

/// Extracts the speakers of an article body.
pub fn extract(text: &str) -> Vec<Speaker> {
    let prepared = super::prepare(text);
    let text = prepared.as_deref().unwrap_or(text);
    extract_with_tokens(text, &tokenize(text))
}

/// [`extract`] over the text's tokens, when the caller has them already.
pub fn extract_with_tokens(text: &str, toks: &[Token]) -> Vec<Speaker> {
    extract_with_firms(text, toks).0
}

/// [`extract_with_tokens`], and the one-word names quoted as speakers that are firms
/// or bodies ("Gartner said", where the article has "Gartner analyst Carolina
/// Milanesi"): no speakers, and no places either (not Jupiter, Florida, for "Jupiter
/// Research").
pub fn extract_with_firms(text: &str, toks: &[Token]) -> (Vec<Speaker>, Vec<String>) {
    let w = lists();
    if toks.is_empty() {
        return (Vec::new(), Vec::new());
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
            // "Zhao Dongmin" is a Zhao: "Zhao said" is his. "Raed al-Saleh" is both an
            // al-Saleh and a Saleh.
            let surname = match super::east_asian::family_name_first(&name) {
                Some(family) => fold(family),
                None => fold(name.rsplit(' ').next().unwrap_or(&name)),
            };
            let after_particle = r.last > r.name_start
                && &text[toks[r.last - 1].end..toks[r.last].start] == "-"
                && set_particles().has(toks[r.last - 1].text(text));
            let keys = [
                Some(surname),
                after_particle.then(|| fold(toks[r.last].text(text))),
            ];
            for key in keys.into_iter().flatten() {
                let e = full.entry(key).or_insert_with(|| name.clone());
                if (name.len() > e.len() || womans_surname(e).is_some())
                    && name.split(' ').count() <= 3
                {
                    *e = name.clone();
                }
            }
        } else if r.last == r.name_start && r.title_start < r.name_start && !toks[r.last].all_caps {
            // "Baroness Kennedy ... Kennedy said": her, where no full name has the
            // surname.
            let name = run_name(text, toks, r);
            if let Some(surname) = womans_surname(&name) {
                full.entry(fold(surname)).or_insert(name);
            }
        }
    }
    let scene = Scene::new(text, toks, &all_runs, w, &full);
    let transcript_names = transcript_speakers(text, toks, &all_runs, w);
    // "he said" acts are given to the person last named; they only add quotes to
    // people the article attributes speech to by name (a new speaker from a pronoun
    // alone is too often the wrong one).
    let (acts, pronoun_acts) = scene.attributions();
    let qs = &scene.qs;

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
        let quote = nearest_quote(text, qs, act.start, act.end);
        add(name, quote, &mut speakers);
    }
    for act in &pronoun_acts {
        let name = canonical(&run_name(text, toks, &act.run), &full);
        let key = fold(&name);
        if speakers.iter().any(|s| fold(&s.name) == key) {
            let quote = nearest_quote(text, qs, act.start, act.end);
            add(name, quote, &mut speakers);
        }
    }
    for (name, quote) in transcript_names {
        add(canonical(&name, &full), quote, &mut speakers);
    }
    for (name, start, end) in tweet_signatures(text) {
        add(
            canonical(&name, &full),
            nearest_quote(text, qs, start, end),
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
        if !with_fold(toks[r.last].text(text), |f| surnames.contains(f)) {
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
    let (speakers, firms): (Vec<Speaker>, Vec<Speaker>) = speakers
        .into_iter()
        .partition(|s| !is_firm(text, toks, &all_runs, w, &s.name));
    let firms = firms
        .into_iter()
        .map(|s| s.name)
        .filter(|n| !n.contains(' '))
        .collect();
    (speakers, firms)
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
    fn a_word_opening_the_sentence_is_no_title() {
        // "So", "The" open the sentence; the place or body after them is no person.
        assert!(names("So Moscow thought the system was aimed at its missiles.").is_empty());
        assert!(names("The Treasury said it would act.").is_empty());
        // A word opening the sentence before a comma is an adverb or a company,
        // not a person in apposition; a surname the article has named still is.
        assert!(names("Meanwhile, the breeders' association said plantings fell.").is_empty());
        assert_eq!(
            names("Richard Lyng spoke first. Lyng, the secretary, said prices would rise."),
            vec!["Richard Lyng"]
        );
        // A real title still makes a lone surname a person.
        assert_eq!(
            names("Sen. Grassley said he would vote no."),
            vec!["Grassley"]
        );
    }

    #[test]
    fn a_quoted_nickname_or_a_garbled_letter_keeps_the_full_name() {
        let text = "Francisco \"Lu-Olo\" Guterres leads the count. \"We will win,\" Guterres said.";
        assert_eq!(names(text), vec!["Francisco Guterres"]);
        let typographic = "Joaquin “El Chapo” Guzman was moved. “I am innocent,” Guzman said.";
        assert_eq!(names(typographic), vec!["Joaquin Guzman"]);
        // A quotation after a name is no nickname.
        assert_eq!(
            names("Obama said \"Yes We Can\" Tuesday. \"It works,\" said Barack Obama."),
            vec!["Barack Obama"]
        );
        // Edges: a quote mark ending the text, a dash (the same lead byte as '“'), an
        // unclosed quotation.
        for text in [
            "said Francisco \"",
            "Francisco — \"Lu\" Guterres said",
            "Francisco \"Lu-Olo",
            "Francisco \"abcdefghijklmnopqrstuvwxyz abcdefghij\" Guterres said it.",
        ] {
            let _ = names(text);
        }
        assert_eq!(
            names("\"It is a fine film,\" said Pen\u{FFFD}lope Cruz."),
            vec!["Pen\u{FFFD}lope Cruz"]
        );
    }

    #[test]
    fn a_company_or_an_agency_is_no_speaker() {
        assert!(names("\"Rates will rise,\" Nomura Securities said on Monday.").is_empty());
        assert!(names("\"Output fell,\" the Labor Statistics Bureau said.").is_empty());
        assert!(names("\"We are pleased,\" said Standard Chartered Plc.").is_empty());
        assert!(names("\"No visas will be issued,\" the Japanese Embassy said.").is_empty());
        assert!(names("\"Rates will stay,\" Eastern Reserve said on Friday.").is_empty());
        assert!(names("\"Loans grew,\" Banque Paribas said on Monday.").is_empty());
        // Partners' names before the legal form.
        assert!(names(
            "Kaufman and Broad Inc said it would buy the land. Kaufman said the price was fair."
        )
        .is_empty());
        // Wire copy puts a comma inside a firm's name.
        assert!(names(
            "Goldman, Sachs and Co will underwrite the issue. \"Demand is strong,\" Goldman said."
        )
        .is_empty());
        assert!(names("\"We agreed,\" Westdeutsche Landesbank Girozentrale said.").is_empty());
        // A word news writes in lowercase alone is the tail of a company's name.
        assert!(names("\"Output will rise,\" Petroleum said in a statement.").is_empty());
        // A party's members of parliament.
        assert!(names("\"We oppose the bill,\" Fine Gael TDs said.").is_empty());
        // A one-word name the article describes as a company.
        assert!(names(
            "The study was done by handset maker Ericsson. \"Growth will stay solid,\" Ericsson said."
        )
        .is_empty());
        assert_eq!(
            names("\"Growth will stay solid,\" Ericsson said. Ericsson is a chief executive."),
            vec!["Ericsson"]
        );
        // A model number, a legal form's letters.
        assert!(names("\"Orders are strong,\" A320 Airbus said.").is_empty());
        assert!(names("\"We hold 5 pct,\" Clevebaco L.P. said in a filing.").is_empty());
        // A word twice is a caption, not a name.
        assert!(names("\"I love it,\" Beyonce Beyonce said.").is_empty());
        // The rest of an agency's name after its organisation word is no surname.
        assert!(names("Output rose 0.4 pct in January, Statistics Canada said.").is_empty());
        assert!(names("\"Two men were rescued,\" the Irish Coast Guard said.").is_empty());
        assert_eq!(
            names("\"We will vote,\" Senate Majority Leader Reid said."),
            vec!["Reid"]
        );
        assert!(
            names("\"Sales rose,\" Sears said. \"Sales rose,\" Sears Industries said.")
                .iter()
                .all(|n| n != "Sears Industries")
        );
        assert_eq!(
            names("\"Demand is weak,\" said Anne Stone, an analyst at Prudential Securities."),
            vec!["Anne Stone"]
        );
    }

    #[test]
    fn a_womans_title_keeps_her_from_a_mans_full_name() {
        // The article's man with her surname is someone else.
        assert_eq!(
            names("Charles Kennedy said the party would win. \"Voters are tired,\" Baroness Kennedy said."),
            vec!["Charles Kennedy", "Baroness Kennedy"]
        );
        // A woman's full name is hers; her surname alone after her title too.
        assert_eq!(
            names("Angela Merkel met him. \"We agree,\" Mrs. Merkel said. Merkel said more."),
            vec!["Angela Merkel"]
        );
        assert_eq!(
            names("\"It was my fault,\" Ms Thorne said. \"I am sorry,\" Thorne added."),
            vec!["Ms Thorne"]
        );
        // Written family name first: Choi is her family name.
        assert_eq!(
            names("Choi Soon-sil was held. \"I am innocent,\" Ms Choi said."),
            vec!["Choi Soon-sil"]
        );
    }

    #[test]
    fn a_pronoun_names_only_who_it_may_be_and_never_the_one_told() {
        // "she" is no man's full name: the second quote is not his.
        let s = extract(
            "\"Taxes will rise,\" Charles Kennedy said at the rally.\n\"They will fall,\" she said.",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "Charles Kennedy");
        assert_eq!(s[0].quotes.len(), 1, "{:?}", s[0].quotes);
        // "he" is no woman named by her title.
        let s = extract("\"We lost,\" Mrs Reagan said.\n\"We won,\" he said.");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].quotes.len(), 1, "{:?}", s[0].quotes);
        // After "he told", the name is the listener.
        assert!(names("\"I will stay in office,\" he told Al Jazeera on Monday.").is_empty());
        assert!(names("\"Pressers are his sweet spot,\" she told Le Figaro.").is_empty());
    }

    #[test]
    fn the_name_after_told_is_the_one_told() {
        assert!(names("Turkish analysts told Al Jazeera that the call went well.").is_empty());
        assert!(names("Two residents told Reuters the shelling went on all night.").is_empty());
        // (Not "asked": "\"Why now?\" asked Smith" is his.)
        assert_eq!(names("\"Why now?\" asked John Smith."), ["John Smith"]);
    }

    #[test]
    fn talks_after_a_name_are_talks() {
        assert!(names("Brexit talks resumed in Brussels on Monday.").is_empty());
        assert!(names("The Soviet-American talks on arms ended.").is_empty());
    }

    #[test]
    fn a_country_by_its_whole_name_is_no_speaker() {
        assert!(names("Bayer AG of West Germany said it had bought the dye maker.").is_empty());
        assert!(names("West Germany said it would cut its discount rate.").is_empty());
        assert!(names("Japan, the U.S. And West Germany agreed to hold rates.").is_empty());
        // Nor a firm the article names with its legal form.
        assert!(
            names("Fried. Krupp GmbH won the order. Krupp said it would build the plant.")
                .is_empty()
        );
        assert!(names("<Hoogovens Groep BV> bought it. Hoogovens said sales grew.").is_empty());
        // A first name that is a state's name does not make the person a place.
        assert_eq!(
            names("\"We will win,\" Virginia Foxx said on Monday."),
            ["Virginia Foxx"]
        );
    }

    #[test]
    fn a_country_or_a_people_glued_before_one_word_is_no_first_name() {
        assert_eq!(
            names("\"We will send them back,\" Malaysia Zahid said on Tuesday."),
            vec!["Zahid"]
        );
        assert!(names("\"Orders rose,\" Seoul Samsung said.")
            .iter()
            .all(|n| n != "Seoul Samsung"));
        assert!(names("\"We fight on,\" Pakistani Taliban said.")
            .iter()
            .all(|n| n != "Pakistani Taliban"));
        // A first name that is also a place stays: "Jordan Henderson".
        assert_eq!(
            names("\"We were poor,\" Jordan Henderson said."),
            vec!["Jordan Henderson"]
        );
    }

    #[test]
    fn an_offices_tail_or_a_place_is_not_glued_to_the_name() {
        assert_eq!(
            names("Chancellor of the Exchequer Nigel Lawson said rates would fall."),
            vec!["Nigel Lawson"]
        );
        assert_eq!(
            names("Minister for Foreign Affairs Charlie Flanagan said the talks had ended."),
            vec!["Charlie Flanagan"]
        );
        // Wire copy breaks the line inside the office.
        assert_eq!(
            names("The Chancellor of the\nExchequer Nigel Lawson said rates would fall."),
            vec!["Nigel Lawson"]
        );
        // Offices that are titles: the head of the Irish government, an undersecretary.
        assert_eq!(
            names("\"We will act,\" Taoiseach Enda Kenny told reporters in Dublin."),
            vec!["Enda Kenny"]
        );
        assert_eq!(
            names("U.S. Agriculture Undersecretary Daniel Amstutz said the bonus would help."),
            vec!["Daniel Amstutz"]
        );
        assert_eq!(
            names("\"The bridge is unsafe,\" Cllr Seamus Morris said. \"We agree,\" said Baroness Susan Greenfield."),
            vec!["Seamus Morris", "Susan Greenfield"]
        );
        assert_eq!(
            names("The envoy to Russia Elvira Nabiullina said nothing would change."),
            vec!["Elvira Nabiullina"]
        );
        // Particles stay, two in a row too.
        assert_eq!(
            names("Commission President Ursula von der Leyen said the plan was ready."),
            vec!["Ursula von der Leyen"]
        );
        assert_eq!(
            names("U.N. Secretary General Javier Perez de Cuellar said talks would resume."),
            vec!["Javier Perez de Cuellar"]
        );
        // A word news writes in lowercase, a place's resident, a plural title.
        assert_eq!(
            names("\"It was loud,\" Technician Leslie Keefe said after the show."),
            vec!["Leslie Keefe"]
        );
        assert_eq!(
            names("\"I was born here,\" Welshman Mark Litton said. \"So was I,\" Californian Thomas Slattery said."),
            vec!["Mark Litton", "Thomas Slattery"]
        );
        assert_eq!(
            names("\"It was a great night,\" Goalscorer Jimmy Floyd Hasselbaink said."),
            vec!["Jimmy Floyd Hasselbaink"]
        );
        assert_eq!(
            names("Commissioners William Seale and Ann Poe said the fee would rise."),
            vec!["Ann Poe", "William Seale"]
        );
        assert_eq!(
            names("\"We will fight on,\" Tories Ken Clarke said."),
            vec!["Ken Clarke"]
        );
        // A first name opening the name stays: "Mary Mitchell O'Connor".
        assert_eq!(
            names("Minister Mary Mitchell O'Connor said the plan was ready."),
            vec!["Mary Mitchell O'Connor"]
        );
    }

    #[test]
    fn quote_then_said_name() {
        assert_eq!(
            names("“We will win,” said Mark Rutte. Later, “never,” Rutte said."),
            vec!["Mark Rutte"]
        );
    }

    #[test]
    fn an_offices_word_without_a_first_name_is_no_name() {
        assert!(names("\"Output will rise,\" Mines Subroto said.")
            .iter()
            .all(|n| n != "Mines Subroto"));
        assert_eq!(
            names("\"France first,\" Marine Le Pen said."),
            vec!["Marine Le Pen"]
        );
        // A family name opening the sentence stays.
        assert_eq!(
            names("Moon Jae-in said talks would resume."),
            vec!["Moon Jae-in"]
        );
    }

    #[test]
    fn a_firms_analyst_is_the_speaker_not_the_firm() {
        assert_eq!(
            names("\"Sterling would suffer,\" Phillips and Drew analyst Stephen Lewis said."),
            vec!["Stephen Lewis"]
        );
    }

    #[test]
    fn a_knight_is_named_by_his_first_name() {
        assert_eq!(
            names("\"The scheme failed,\" Sir John said in his report."),
            vec!["Sir John"]
        );
        // The article's full name with that first name, once it has given one.
        assert_eq!(
            names("Auditor Sir John Bourn spoke first. Sir John said the scheme had failed."),
            vec!["John Bourn"]
        );
    }

    #[test]
    fn a_particle_joined_by_a_hyphen() {
        assert_eq!(
            names("White Helmets founder Raed al-Saleh thanked them. \"We are grateful,\" Saleh said."),
            vec!["Raed al-Saleh"]
        );
    }

    #[test]
    fn a_first_name_that_is_a_month() {
        assert_eq!(
            names("Association secretary Jan de Vries said prices would rise."),
            vec!["Jan de Vries"]
        );
        assert!(names("In March Hu said the budget was neutral.")
            .iter()
            .all(|n| n != "March Hu"));
    }

    #[test]
    fn a_name_shortened_to_its_first_part() {
        assert_eq!(
            names("Police chief Khalid Abu Bakar spoke on Friday. Police chief Khalid said two suspects had fled."),
            vec!["Khalid Abu Bakar"]
        );
        // Not a building named after him.
        assert_eq!(
            names("He met them at Trump Tower in New York. \"We agreed,\" Trump said."),
            vec!["Trump"]
        );
    }

    #[test]
    fn a_sentence_opening_adverb_is_no_part_of_the_name() {
        assert_eq!(
            names("Gerhard Stoltenberg spoke. Meanwhile Stoltenberg said the tax would stay."),
            vec!["Gerhard Stoltenberg"]
        );
    }

    #[test]
    fn a_hyphenated_surname_alone_is_the_full_name() {
        assert_eq!(
            names(
                "Governor Robin Leigh-Pemberton spoke. \"Rates are right,\" Leigh-Pemberton said."
            ),
            vec!["Robin Leigh-Pemberton"]
        );
        assert_eq!(
            names("The economy is strong, Leigh-Pemberton said on Monday."),
            vec!["Leigh-Pemberton"]
        );
    }

    #[test]
    fn a_family_name_written_first_is_the_surname() {
        assert_eq!(
            names("Zhao Dongmin runs the plant. \"Prices will fall,\" Zhao said."),
            vec!["Zhao Dongmin"]
        );
        assert_eq!(
            names("Prosecutors questioned Choi Soon-sil on Monday. Choi said she was innocent."),
            vec!["Choi Soon-sil"]
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
