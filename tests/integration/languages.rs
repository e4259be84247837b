//! Articles in many languages: each is filed under the language of its text, which
//! a search can filter on and count; speakers and places are extracted only where
//! the extractor has rules for the language, and `extract` says so elsewhere.

use newsdex::search::SearchRequest;

use crate::util::*;

fn article(id: &str, lang_declared: Option<&str>, title: &str, text: &str) -> String {
    let mut v = serde_json::json!({"id": id, "title": title, "text": text, "date": "2024-05-13"});
    if let Some(l) = lang_declared {
        v["language"] = l.into();
    }
    v.to_string() + "\n"
}

fn multilingual() -> TestDir {
    let t = TestDir::new();
    t.write(
        "world.jsonl",
        [
            article("en-1", None, "Talks resume in Geneva", "The delegations met again in Geneva on Monday. \"A deal is close,\" said Maria Lopez, the mediator, after the meeting."),
            // Declared English, written in German: the text wins.
            article("de-1", Some("en"), "Gespräche in Genf", "Die Delegationen trafen sich am Montag erneut in Genf. Eine Einigung sei nahe, sagte die Vermittlerin nach dem Treffen am Abend."),
            article("de-2", None, "Häuser am Rhein", "Die Häuser am Rhein stehen nach dem Hochwasser leer, und viele Bewohner warten auf Hilfe der Stadt."),
            article("de-3", None, "Verkauf am See", "Das alte Haus am See wurde am Freitag für eine Million Euro an eine Stiftung verkauft, teilte die Gemeinde mit."),
            article("fr-1", None, "Reprise des négociations", "Les délégations se sont à nouveau réunies lundi à Genève et ont déclaré qu'un accord était proche."),
            article("ru-1", None, "Переговоры", "Делегации снова встретились в понедельник в Женеве и заявили, что соглашение близко."),
            article("zh-1", None, "會談", "代表團週一在日內瓦再次會面，並表示即將達成協議。"),
            // Too short to tell: the declared language stands.
            article("pt-1", Some("pt-BR"), "Ok", "Sim."),
        ]
        .concat(),
    );
    t.ingest();
    t
}

#[test]
fn articles_are_filed_under_their_language_and_searched_by_it() {
    let t = multilingual();
    let mut req = SearchRequest::new("");
    req.limit = 100;
    req.facets = true;
    let all = t.search(&req);
    let langs: Vec<(String, u64)> = all
        .facets
        .as_ref()
        .unwrap()
        .langs
        .iter()
        .map(|f| (f.label.clone(), f.count))
        .collect();
    let count = |l: &str| langs.iter().find(|(x, _)| x == l).map_or(0, |(_, n)| *n);
    assert_eq!(
        (
            count("en"),
            count("de"),
            count("fr"),
            count("ru"),
            count("zh"),
            count("pt")
        ),
        (1, 3, 1, 1, 1, 1),
        "{langs:?}"
    );
    req.langs = vec!["de".into()];
    let german = t.search(&req);
    let mut ids: Vec<&str> = german.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, vec!["de-1", "de-2", "de-3"]);
    assert!(german.hits.iter().all(|h| h.lang.as_deref() == Some("de")));
    // The binary and the API take the filter too.
    let out = t.run(&["search", "--index", "index", "--lang", "fr", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1, "{}", stderr(&out));
    assert_eq!(v["hits"][0]["id"], "fr-1");
    let out = t.run(&["search", "--index", "index", "--lang", "German"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn extraction_runs_where_it_has_rules_and_says_so_elsewhere() {
    let t = multilingual();
    let out = t.run(&["extract", "in/world.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: &str| lines.iter().find(|l| l["id"] == id).unwrap();
    let en = by_id("en-1");
    assert_eq!(en["lang"], "en");
    assert!(en.get("extraction").is_none());
    assert_eq!(en["speakers"][0]["name"], "Maria Lopez");
    // German: places, no speakers.
    let de = by_id("de-1");
    assert_eq!(
        (de["lang"].as_str(), de["extraction"].as_str()),
        (
            Some("de"),
            Some("places only: no speaker rules for this language")
        )
    );
    assert_eq!(de["speakers"], serde_json::json!([]));
    assert_eq!(de["places"][0]["mentions"], serde_json::json!(["Genf"]));
    assert!(de["places"][0]["path"]
        .as_str()
        .unwrap()
        .starts_with("/Europe/Switzerland/"));
    // Russian: neither.
    let ru = by_id("ru-1");
    assert_eq!(ru["extraction"], "unsupported language");
    assert_eq!(ru["places"], serde_json::json!([]));
    assert_eq!(by_id("pt-1")["lang"], "pt");
}

fn ids_of(t: &TestDir, q: &str) -> Vec<String> {
    let mut ids: Vec<String> = t.query(q).hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

#[test]
fn each_language_is_searched_with_its_own_analysis() {
    let t = multilingual();
    // German inflections meet in one stem, among German articles only.
    assert_eq!(ids_of(&t, "Häuser"), ["de-2", "de-3"]);
    assert_eq!(ids_of(&t, "haus"), ["de-2", "de-3"]);
    assert_eq!(ids_of(&t, "title:häuser"), ["de-2"]);
    // French, Russian: the plural finds the singular.
    assert_eq!(ids_of(&t, "délégation"), ["fr-1"]);
    assert_eq!(ids_of(&t, "переговоры"), ["ru-1"]);
    assert_eq!(ids_of(&t, "Женева"), ["ru-1"]);
    // English as before: stemmed, in English articles.
    assert_eq!(ids_of(&t, "mediator"), ["en-1"]);
    // A word both languages write alike is found in both.
    assert_eq!(ids_of(&t, "delegation"), ["de-1", "en-1"]);
    assert_eq!(ids_of(&t, "\"met again\""), ["en-1"]);
    // Chinese: a word is a phrase of bigrams, found inside a sentence without spaces.
    assert_eq!(ids_of(&t, "日內瓦"), ["zh-1"]);
    assert_eq!(ids_of(&t, "協議"), ["zh-1"]);
    // German stop words are not indexed: a query of them alone finds nothing German.
    assert!(ids_of(&t, "die").iter().all(|id| !id.starts_with("de-")));
    // The snippet of a German hit highlights the German word.
    let found = t.query("Häuser");
    let hit = found.hits.iter().find(|h| h.id == "de-3").unwrap();
    let sn = &hit.snippets[0];
    let marked: Vec<&str> = sn
        .highlights
        .iter()
        .map(|[a, b]| &sn.text[*a..*b])
        .collect();
    assert_eq!(marked, ["Haus"], "{sn:?}");
    // The stored title and body come back as written.
    assert_eq!(hit.title, "Verkauf am See");
    let out = t.run(&["show", "--index", "index", "zh-1"]);
    assert!(
        stdout(&out).contains("代表團週一在日內瓦再次會面"),
        "{}",
        stdout(&out)
    );
}

/// The lemma of an inflected word finds the sentence holding it, in each language
/// with a stemmer: measured on ../shared/lang (UD treebank sentences and their
/// lemmas), the share must stay above a floor per language.
#[test]
fn lemmas_find_their_inflected_forms_in_every_stemmed_language() {
    use std::collections::{HashMap, HashSet};
    let lang_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/lang");
    let sentences = std::fs::read_to_string(lang_dir.join("sentences.tsv"))
        .expect("the tests read ../shared/lang (the shared data beside the repository)");
    let lemmas = std::fs::read_to_string(lang_dir.join("lemmas.tsv")).unwrap();
    let stemmed = [
        "ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru",
        "sv", "ta", "tr",
    ];
    const PER_LANG: usize = 150;
    let t = TestDir::new();
    let mut lines = String::new();
    // Words of each kept sentence, lowercased: id -> words.
    let mut words: HashMap<String, HashSet<String>> = HashMap::new();
    let mut taken: HashMap<&str, usize> = HashMap::new();
    for line in sentences.lines().skip(1) {
        let (lang, sentence) = line.split_once('\t').unwrap();
        if !stemmed.contains(&lang) || taken.get(lang).copied().unwrap_or(0) >= PER_LANG {
            continue;
        }
        let n = taken.entry(lang).or_default();
        let id = format!("{lang}-{n}");
        *n += 1;
        // Declared, as a dataset would: these are single sentences.
        lines += &article(&id, Some(lang), "", sentence);
        let ws = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.insert(id, ws);
    }
    t.write("ud.jsonl", lines);
    t.ingest();
    let index = newsdex::search::Searchable::open(&t.index()).unwrap();
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for lang in stemmed {
        let (mut found, mut asked) = (0, 0);
        let mut seen = HashSet::new();
        for row in lemmas.lines().skip(1) {
            let cols: Vec<&str> = row.split('\t').collect();
            let (l, form, lemma, upos) = (cols[0], cols[1], cols[2], cols[3]);
            if l != lang || upos == "PROPN" || !lemma.chars().all(char::is_alphabetic) {
                continue;
            }
            let (form_l, lemma_l) = (form.to_lowercase(), lemma.to_lowercase());
            // A sentence with the inflected form but not the lemma itself.
            let Some(id) = (0..PER_LANG).map(|i| format!("{lang}-{i}")).find(|id| {
                words
                    .get(id)
                    .is_some_and(|w| w.contains(&form_l) && !w.contains(&lemma_l))
            }) else {
                continue;
            };
            if !seen.insert(lemma_l.clone()) {
                continue;
            }
            asked += 1;
            let mut req = SearchRequest::new(&format!("body:{lemma_l}"));
            req.langs = vec![lang.to_string()];
            req.limit = 1000;
            req.snippets = false;
            let hits = index.search(&req).expect(&lemma_l).hits;
            if hits.iter().any(|h| h.id == id) {
                found += 1;
            }
        }
        let share = found as f64 / asked.max(1) as f64;
        report.push(format!("{lang} {found}/{asked} {share:.2}"));
        // Snowball reaches a lemma from many inflections, never from all (suppletion,
        // stem changes: en went/go, de ging/gehen; Tamil and Finnish agglutinate).
        // Measured 0.35 (ta) to 0.90 (en); words as written would find none of them,
        // as the sentence does not hold the lemma itself.
        if asked < 20 || share < 0.3 {
            failed.push(lang);
        }
    }
    eprintln!("lemma -> inflected form found: {}", report.join(", "));
    assert!(failed.is_empty(), "below the floor: {failed:?}; {report:?}");
}

/// No common word of German, French, Spanish, Italian or Portuguese becomes a place:
/// over the UD sentences of ../shared/lang, no place mention in an article filed
/// under one of these languages is a frequent word of it that the treebank writes
/// in lowercase most of the time ("das", "bei", "nada", "povo", "maio") where the
/// sentence uses it as such: capitalised only because it opens the sentence. A
/// writer who capitalises one mid-sentence ("en el estado de Victoria") names
/// something.
#[test]
fn no_common_word_of_the_place_languages_becomes_a_place() {
    use std::collections::HashMap;
    let lang_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/lang");
    let sentences = std::fs::read_to_string(lang_dir.join("sentences.tsv"))
        .expect("the tests read ../shared/lang (the shared data beside the repository)");
    let frequent = std::fs::read_to_string(lang_dir.join("frequent-words.tsv")).unwrap();
    let langs = ["de", "es", "fr", "it", "pt"];
    let mut common: HashMap<(&str, &str), ()> = HashMap::new();
    for row in frequent.lines().skip(1) {
        let c: Vec<&str> = row.split('\t').collect();
        if langs.contains(&c[0]) && c[3].parse::<f64>().unwrap() < 0.5 {
            common.insert((c[0], c[1]), ());
        }
    }
    let t = TestDir::new();
    let mut lines = String::new();
    let mut text_of = HashMap::new();
    for (i, row) in sentences.lines().skip(1).enumerate() {
        let (lang, sentence) = row.split_once('\t').unwrap();
        if langs.contains(&lang) {
            lines += &article(&format!("{lang}-{i}"), Some(lang), "", sentence);
            text_of.insert(format!("{lang}-{i}"), sentence);
        }
    }
    t.write("ud.jsonl", lines);
    let out = t.run(&["extract", "--no-speakers", "in/ud.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (mut mentions, mut bad) = (0, Vec::new());
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(lang) = v["lang"].as_str().filter(|l| langs.contains(l)) else {
            continue;
        };
        let text = text_of[v["id"].as_str().unwrap()];
        // Where the word stands capitalised only as a sentence's first word.
        let opens_a_sentence_only = |m: &str| {
            text.match_indices(m).all(|(at, _)| {
                let before = text[..at].trim_end();
                before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '«', '—'])
            })
        };
        for p in v["places"].as_array().unwrap() {
            for m in p["mentions"].as_array().unwrap() {
                mentions += 1;
                let m = m.as_str().unwrap();
                let word = m.to_lowercase();
                if common.contains_key(&(lang, word.as_str())) && opens_a_sentence_only(m) {
                    bad.push(format!("{lang}: {m} ({})", p["name"]));
                }
            }
        }
    }
    // The rules still find places in these sentences (about 1,500).
    assert!(mentions > 1000, "{mentions} mentions");
    assert!(bad.is_empty(), "common words taken for places: {bad:?}");
}
