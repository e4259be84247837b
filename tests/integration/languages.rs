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
        (1, 2, 1, 1, 1, 1),
        "{langs:?}"
    );
    req.langs = vec!["de".into()];
    let german = t.search(&req);
    let mut ids: Vec<&str> = german.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, vec!["de-1", "de-2"]);
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
    let de = by_id("de-1");
    assert_eq!(
        (de["lang"].as_str(), de["extraction"].as_str()),
        (Some("de"), Some("unsupported language"))
    );
    assert_eq!(de["speakers"], serde_json::json!([]));
    assert_eq!(de["places"], serde_json::json!([]));
    assert_eq!(by_id("pt-1")["lang"], "pt");
}
