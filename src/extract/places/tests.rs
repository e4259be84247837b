//! Place extraction tests: each rule with hand-written sentences.

use super::*;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fn names(text: &str) -> Vec<String> {
    extract(gaz(), "", text)
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn seed_article_places() {
    let text = include_str!("../../../tests/fixtures/seed-article.txt");
    let places = extract(gaz(), "", text);
    let paths: Vec<&str> = places.iter().filter_map(|p| p.path.as_deref()).collect();
    assert!(
        paths.contains(&"/Europe/Ukraine/Kyiv City/Kyiv"),
        "{paths:?}"
    );
    assert!(paths.contains(&"/Europe/Ukraine"), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.starts_with("/Europe/Russia")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("/Asia/United Arab Emirates/Abu Dhabi")),
        "{paths:?}"
    );
    assert!(paths.contains(&"/Asia/United Arab Emirates"), "{paths:?}");
}

#[test]
fn multi_word_names_win_over_parts() {
    assert_eq!(
        names("Talks were held in Abu Dhabi, United Arab Emirates, on Monday."),
        vec!["Abu Dhabi", "United Arab Emirates"]
    );
}

#[test]
fn person_and_club_names_are_not_places() {
    assert!(names("Jordan Henderson scored twice.").is_empty());
    assert!(names("Paris Hilton arrived late.").is_empty());
    assert_eq!(
        names("Real Madrid beat Barcelona in Madrid."),
        vec!["Barcelona", "Madrid"]
    );
}

#[test]
fn diseases_landmarks_institutions_and_compounds_are_not_places() {
    let none = Vec::<String>::new();
    // A disease named after a place, and the name alone afterwards.
    assert_eq!(
        names("The Marburg virus spread. Marburg kills slowly."),
        none
    );
    // A landmark, a building, a ministry's subject, a feature next to a name.
    assert_eq!(names("Crowds filled St. Peter's Square on Sunday."), none);
    assert_eq!(names("The White House said nothing."), none);
    assert_eq!(
        names("The Ministry of Commerce said the measures were unfair."),
        none
    );
    // "Lake Erie" is no town called Lake: a named feature, without a facet.
    let erie = extract(gaz(), "", "Swans died on the coast of Lake Erie.");
    assert_eq!(erie.len(), 1);
    assert_eq!(
        (erie[0].name.as_str(), erie[0].path.as_deref()),
        ("Lake Erie", None)
    );
    // Compounds and strain codes; holidays.
    assert_eq!(names("Stores in mid-Atlantic states closed."), none);
    assert_eq!(
        names("A virus similar to A/California/7/2009 was found."),
        none
    );
    assert_eq!(names("Birds began dying a week before Christmas."), none);
}

#[test]
fn datelines_articles_and_hyphenated_names() {
    assert_eq!(
        names("Matthew Daly, The Associated Press. WASHINGTON (AP) A deal was struck."),
        vec!["Washington"]
    );
    assert_eq!(names("A New Jersey woman died."), vec!["New Jersey"]);
    assert_eq!(
        names("He flew to Port-au-Prince on Monday."),
        vec!["Port-au-Prince"]
    );
    // A country named like its adjective, but not an adjective named like a country.
    assert_eq!(
        names("The Vatican reports that the Pope has recovered."),
        vec!["Vatican"]
    );
    assert_eq!(
        names("Saudi authorities expressed concern."),
        Vec::<String>::new()
    );
    // "Calgary-based" is a mention; "Zaire/Congo" two.
    assert_eq!(names("The Calgary-based company grew."), vec!["Calgary"]);
}

#[test]
fn sentence_initial_common_words_are_not_places() {
    assert!(names("Nice weather is expected. Reading is fun. Split the bill.").is_empty());
    assert_eq!(names("He moved to Nice in 2019."), vec!["Nice"]);
}

#[test]
fn demonyms_are_not_mentions() {
    let p = extract(gaz(), "", "Ukrainian troops held the line near Kharkiv.");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].mentions, vec!["Kharkiv"]);
    assert_eq!(p[0].country, "UA");
}

#[test]
fn context_resolves_ambiguity() {
    let us = extract(
        gaz(),
        "",
        "Officials in Atlanta and Savannah said Georgia would recount.",
    );
    assert!(
        us.iter()
            .any(|p| p.path.as_deref() == Some("/North America/United States/Georgia")),
        "{us:?}"
    );
    let eu = extract(gaz(), "", "Russia and Georgia held talks in Tbilisi.");
    assert!(
        eu.iter()
            .any(|p| p.path.as_deref() == Some("/Asia/Georgia")),
        "{eu:?}"
    );
}

#[test]
fn possessive_names_commas_and_state_abbreviations() {
    assert_eq!(
        names("Delegates of the People's Republic of China arrived."),
        vec!["China"]
    );
    assert_eq!(
        names("He flew to Washington, D.C. on Monday."),
        vec!["Washington"]
    );
    assert_eq!(
        names("Sydney is the capital of NSW and the largest city."),
        vec!["Sydney", "New South Wales"]
    );
}

#[test]
fn a_speakers_surname_is_not_a_place() {
    let g = gaz();
    let text = "Senator Jack Reed of Rhode Island spoke. Later, Reed said the bill would pass in Washington.";
    let toks = tokenize(text);
    let places = extract_with_persons(g, "", text, &toks, &["Jack Reed".to_string()], None);
    assert!(
        places
            .iter()
            .all(|p| p.mentions.iter().all(|m| m != "Reed")),
        "{places:?}"
    );
    assert!(places.iter().any(|p| p.name == "Rhode Island"));
}

/// Place mentions of a text in a language other than English.
fn mentions_in(lang: &str, text: &str) -> Vec<String> {
    let toks = tokenize(text);
    let mut out: Vec<String> = extract_with_persons(gaz(), "", text, &toks, &[], Some(lang))
        .into_iter()
        .flat_map(|p| p.mentions)
        .collect();
    out.sort();
    out
}

#[test]
fn frequent_words_of_a_language_are_places_only_when_a_major_place_is_meant() {
    // German nouns are capitalised: "Sonntag", "Stelle" (villages) are nouns.
    assert_eq!(
        mentions_in(
            "de",
            "Am Sonntag trafen sie sich an dieser Stelle in Berlin."
        ),
        ["Berlin"]
    );
    assert_eq!(
        mentions_in("pt", "O povo foi às ruas de Lisboa em maio."),
        ["Lisboa"]
    );
    assert_eq!(
        mentions_in("es", "Nada cambió en Sevilla. Tema cerrado."),
        ["Sevilla"]
    );
    // A major place by another name is still one: "Deutschland", "München";
    // a small one is not ("Namen" is Namur in Dutch, "names" in German).
    assert_eq!(
        mentions_in(
            "de",
            "Die Namen der Opfer wurden in Deutschland und München verlesen."
        ),
        ["Deutschland", "München"]
    );
    // A frequent word that is a big city's own name, mid-sentence, is the city.
    assert_eq!(mentions_in("pt", "O jogo foi no Porto."), ["Porto"]);
}

#[test]
fn a_towns_name_after_a_determiner_is_a_noun() {
    assert_eq!(
        mentions_in("de", "Das Essen war gut, sagte er in Essen."),
        ["Essen"]
    );
    assert_eq!(
        mentions_in("de", "Er kam in die Halle."),
        Vec::<String>::new()
    );
    // Countries take articles.
    assert_eq!(mentions_in("de", "Er reiste in die Schweiz."), ["Schweiz"]);
}

#[test]
fn capitals_of_german_nouns_and_sentence_starts_do_not_make_names_longer() {
    assert_eq!(
        mentions_in("de", "Die Stadt Köln plant neue Wege."),
        ["Köln"]
    );
    assert_eq!(
        mentions_in("de", "Bei München gab es Proteste."),
        ["München"]
    );
    // In Spanish a capitalised word mid-sentence still marks a name.
    assert_eq!(
        mentions_in("es", "Visitó la Biblioteca Nacional en Madrid."),
        ["Madrid"]
    );
}

#[test]
fn months_weekdays_and_directions_of_a_language_are_not_places() {
    assert_eq!(mentions_in("pt", "Maio foi chuvoso em Lisboa."), ["Lisboa"]);
    assert_eq!(
        mentions_in("fr", "Le Nord a voté. Mardi, Paris a suivi."),
        ["Paris"]
    );
    assert_eq!(
        mentions_in("it", "Il Sud attende. Giovedì a Roma."),
        ["Roma"]
    );
}

fn mentions(text: &str) -> Vec<String> {
    extract(gaz(), "", text)
        .into_iter()
        .flat_map(|p| p.mentions)
        .collect()
}

fn path_of(text: &str, mention: &str) -> Option<String> {
    extract(gaz(), "", text)
        .into_iter()
        .find(|p| p.mentions.iter().any(|m| m == mention))
        .and_then(|p| p.path)
}

#[test]
fn state_abbreviations_after_a_town_name_the_state() {
    let text = "The Armor School moved from Fort Knox, Ky., to Athens, Ga., last year.";
    assert_eq!(mentions(text), vec!["Fort Knox", "Ky.", "Athens", "Ga."]);
    assert_eq!(
        path_of(text, "Ky.").as_deref(),
        Some("/North America/United States/Kentucky")
    );
    // "Washington, D.C." is two mentions of one place, as "Lexington, Ky." is two.
    assert_eq!(
        mentions("She called her mother in Washington, D.C. on Friday."),
        vec!["Washington", "D.C."]
    );
    // Alone, an abbreviation that is also a word is a state only before a
    // lowercase word.
    assert_eq!(mentions("Ind. voters went to the polls."), vec!["Ind."]);
    assert!(mentions("Wait a Mo. Then go.").is_empty());
}

#[test]
fn datelines_in_capitals_after_a_headline() {
    assert_eq!(
        mentions("City adjusts budget. TORRINGTON — City Council approved changes."),
        vec!["TORRINGTON"]
    );
    assert_eq!(
        mentions("Killer pleads guilty. CHARLESTON, W.Va. -- A man admitted guilt."),
        vec!["CHARLESTON", "W.Va."]
    );
    // Capitals that are no dateline stay acronyms.
    assert!(mentions("Officials at NATO met the press.").is_empty());
}

#[test]
fn a_public_body_names_its_jurisdiction() {
    assert_eq!(
        mentions("A resolution was introduced in the Ohio Senate on Monday."),
        vec!["Ohio"]
    );
    assert_eq!(
        mentions("Agents of the Georgia Bureau of Investigation raided the home."),
        vec!["Georgia"]
    );
    assert_eq!(
        mentions("He was taken to the Douglas County Hospital in Alexandria, Minn."),
        vec!["Douglas County", "Alexandria", "Minn."]
    );
    // A council after "City": the town, not "Springfield City".
    assert_eq!(
        mentions("The Springfield City Council approved the plan."),
        vec!["Springfield"]
    );
    // National bodies, newspapers and court words are not the place.
    assert!(mentions("The United States Department of Agriculture said so.").is_empty());
    assert!(mentions("He asked the Supreme Court for a ruling.").is_empty());
    assert!(mentions("A Washington Post reporter called.").is_empty());
}

#[test]
fn a_legislators_home_town_after_the_party() {
    assert_eq!(
        mentions("State Sen. Ray Miller, D-Columbus, said the numbers were staggering."),
        vec!["Columbus"]
    );
}

#[test]
fn a_first_name_that_is_a_place_before_a_common_word() {
    // "Georgia residents": no person named Georgia; "Georgia Smith" is one.
    assert_eq!(
        mentions("Help for needy Georgia residents, officials in Atlanta said."),
        vec!["Georgia", "Atlanta"]
    );
    assert_eq!(
        mentions("Georgia Smith said she was moving."),
        Vec::<String>::new()
    );
}

#[test]
fn streets_and_waters_are_listed_without_a_facet() {
    let text = "Alexandria police closed Main Street. In Alexandria, crews also worked \
                on Highway 29 and near Lake Vermont.";
    let places = extract(gaz(), "", text);
    let street = places.iter().find(|p| p.name == "Main Street").unwrap();
    assert_eq!((street.path.as_deref(), street.geonameid), (None, None));
    // Located at the article's own town, named twice.
    assert_eq!(street.near.as_deref(), Some("Alexandria"));
    assert!(street.lat.is_some());
    assert!(places.iter().any(|p| p.name == "Highway 29"));
    assert!(places.iter().any(|p| p.name == "Lake Vermont"));
    // A place inside a street's name is part of the name.
    assert_eq!(
        mentions("They live on Washington Drive."),
        vec!["Washington Drive"]
    );
}

#[test]
fn the_state_of_the_story_decides_between_towns_of_one_name() {
    // Egypt's Alexandria is the bigger city; Louisiana's parish says which one.
    let text = "Alexandria woman charged. The woman, of Alexandria, was arrested \
                in Rapides Parish on Friday.";
    assert_eq!(
        path_of(text, "Alexandria").as_deref(),
        Some("/North America/United States/Louisiana/Alexandria")
    );
    // Repeating a name is no evidence for its likeliest reading.
    let text = "Georgia residents. Georgia voters. Areas of Georgia. In Georgia, \
                officials in Atlanta and Texas agreed.";
    assert_eq!(
        path_of(text, "Georgia").as_deref(),
        Some("/North America/United States/Georgia")
    );
}

#[test]
fn a_country_alone_does_not_make_a_capital_a_village() {
    // US context, no state: Brussels and Paris stay the capitals.
    let text = "Washington and Brussels disagreed; officials in New York and \
                Chicago said Brussels and Paris would follow the United States.";
    assert_eq!(
        path_of(text, "Brussels").as_deref(),
        Some("/Europe/Belgium/Brussels Capital/Brussels")
    );
    assert_eq!(
        path_of(text, "Paris").as_deref(),
        Some("/Europe/France/Île-de-France/Paris")
    );
    // A big city named like its state is the city; its state is named so too.
    assert_eq!(
        path_of("Rents rose in New York this year.", "New York").as_deref(),
        Some("/North America/United States/New York/New York City")
    );
}

#[test]
fn saints_surnames_and_alternate_names_are_not_towns() {
    // A saint's day, not the place St. Patrick.
    assert!(mentions("Crowds gathered for the St. Patrick's Day parade.").is_empty());
    // A town's name as a person's surname: an administration, a speech verb, an age.
    assert!(mentions("Critics blamed the Obama administration.").is_empty());
    assert!(mentions("Willis said the police had received reports.").is_empty());
    assert!(mentions("Deputies chatted with McDonald, 24, about the bag.").is_empty());
    // An alternate name of a town far from the story: "Hamas" is one of Hamm's.
    assert!(mentions("Israel and Hamas declared a cease-fire.")
        .iter()
        .all(|m| m != "Hamas"));
    // In a US story, too: "The Bank" is Portsmouth's alternate name,
    // "Venice" the old name of Dayton, Ohio, "Philadelphia" Amman's ancient one.
    let text = "Officials in Boston said The Bank would lend. Tourists left Venice \
                for Chicago and Philadelphia.";
    assert!(path_of(text, "The Bank").is_none());
    assert_ne!(
        path_of(text, "Venice").as_deref(),
        Some("/North America/United States/Ohio/Dayton")
    );
    assert_eq!(
        path_of(text, "Philadelphia").as_deref(),
        Some("/North America/United States/Pennsylvania/Philadelphia")
    );
    // A big city's short name needs no support; "St." is spelled out.
    assert_eq!(
        path_of("Flights from Frankfurt were cancelled.", "Frankfurt").as_deref(),
        Some("/Europe/Germany/Hesse/Frankfurt am Main")
    );
    assert_eq!(
        path_of(
            "Mourners gathered in St. Paris, Ohio, on Friday.",
            "St. Paris"
        )
        .as_deref(),
        Some("/North America/United States/Ohio/Saint Paris")
    );
}

#[test]
fn a_towns_police_and_a_states_governor() {
    // A small town's own police department; not a subject's department.
    assert_eq!(
        mentions("Call the Hopkinton Police Department with tips."),
        vec!["Hopkinton"]
    );
    assert!(mentions("The Commerce Department said exports rose.").is_empty());
    // "Alaska Gov. Sarah Palin": the state, before a title.
    assert_eq!(
        mentions("On Thursday, Alaska Gov. Sarah Palin said she would reject it."),
        vec!["Alaska"]
    );
    // A first name that is a place, before a public body's name.
    assert_eq!(
        mentions("They contacted the Georgia Environmental Protection Division."),
        vec!["Georgia"]
    );
}

#[test]
fn lone_state_abbreviations_agency_datelines_and_county_bodies() {
    // Before a lowercase word, or after a party's letter: the state.
    assert_eq!(mentions("Missing Ill. man found in a lake."), vec!["Ill."]);
    assert_eq!(
        mentions("Sen. Bob Casey, D-Pa., called it troubling."),
        vec!["Pa."]
    );
    // "CITY, St. (AP)": a dateline with the agency's tag.
    assert_eq!(
        mentions("Man dies in jail. COVINGTON, Ky. (AP) - A man held in a jail died."),
        vec!["COVINGTON", "Ky."]
    );
    // What is named after a county is the county's.
    assert_eq!(
        mentions("Take a stroll around the Walker County Fairgrounds this week."),
        vec!["Walker County"]
    );
}

#[test]
fn figures_titles_and_people_behind_a_bodys_name() {
    assert!(mentions("By the grace of God, and of Jesus, and Santa Claus.").is_empty());
    assert!(mentions("Sens. Tim Grendell and Bob Gibbs introduced it.").is_empty());
    assert!(mentions("The meeting was at Charles Beatley Library.").is_empty());
}

fn paths(text: &str) -> Vec<String> {
    extract(gaz(), "", text)
        .into_iter()
        .filter_map(|p| p.path)
        .collect()
}

#[test]
fn the_towns_of_a_local_story_lie_near_each_other() {
    // No state named: Chickamauga and Rossville lie beside Georgia's LaFayette, not
    // Louisiana's (the bigger); alone, the name is Louisiana's.
    let p = paths("The fair drew visitors from LaFayette, Chickamauga and Rossville on Saturday.");
    assert_eq!(
        p[0], "/North America/United States/Georgia/LaFayette",
        "{p:?}"
    );
    let p = paths("The fair drew visitors from LaFayette on Saturday.");
    assert_eq!(p, ["/North America/United States/Louisiana/Lafayette"]);
    // Osakis places Douglas County in Minnesota, not Nebraska (the most populous).
    let p = paths("Deputies searched the lake near Osakis, the Douglas County sheriff said.");
    assert!(
        p.contains(&"/North America/United States/Minnesota/Douglas County".to_string()),
        "{p:?}"
    );
}

#[test]
fn three_names_that_lie_together_go_there_however_small() {
    // Swansea and Gaston, South Carolina, are villages beside Swansea, Massachusetts,
    // and Gaston County, North Carolina; with Lexington the three lie together.
    let p = paths("Deputies from Swansea and Gaston searched the woods near Lexington.");
    for place in ["Swansea", "Gaston"] {
        let want = format!("/North America/United States/South Carolina/{place}");
        assert!(p.contains(&want), "{want} in {p:?}");
    }
    // Two names alone need readings a reader would consider.
    let p = paths("Deputies from Swansea searched the woods near Lexington.");
    assert!(
        !p.contains(&"/North America/United States/South Carolina/Swansea".to_string()),
        "{p:?}"
    );
    // Nor when the story names another country more often than theirs: Swansea is
    // then Wales's.
    let p = paths(
        "Britain's coastguard said deputies from Swansea and Gaston searched the \
         woods near Lexington, and Britain thanked them.",
    );
    assert!(
        p.contains(&"/Europe/United Kingdom/Wales/Swansea".to_string()),
        "{p:?}"
    );
}

#[test]
fn a_state_or_country_after_a_comma_says_which_place() {
    // An Indiana story: "Nashville, Tennessee" is Tennessee's, not Indiana's town.
    let text = "Indiana lawmakers met in Bloomington and Columbus. A doctor from \
                Nashville, Tennessee, testified.";
    assert_eq!(
        path_of(text, "Nashville").as_deref(),
        Some("/North America/United States/Tennessee/Nashville")
    );
    // A country's name is a town when its state follows.
    assert_eq!(
        path_of("She was born in Lebanon, Pennsylvania, in 1950.", "Lebanon").as_deref(),
        Some("/North America/United States/Pennsylvania/Lebanon")
    );
    assert_eq!(
        path_of("The band played in Paris, Texas, on Friday.", "Paris").as_deref(),
        Some("/North America/United States/Texas/Paris")
    );
    // Lists of states and of countries are lists.
    assert_eq!(
        path_of("Storms hit Kansas, Oklahoma and Texas.", "Kansas").as_deref(),
        Some("/North America/United States/Kansas")
    );
    assert_eq!(
        path_of("Aid reached Lebanon, Syria and Jordan.", "Lebanon").as_deref(),
        Some("/Asia/Lebanon")
    );
}

#[test]
fn a_state_gives_way_only_to_a_city_that_is_much_of_it() {
    let path = |text: &str, name: &str| path_of(text, name).unwrap_or_default();
    // Oklahoma City is a fifth of its state, Québec a fourteenth of its province.
    assert_eq!(
        path("Storms hit Oklahoma on Sunday.", "Oklahoma"),
        "/North America/United States/Oklahoma"
    );
    assert_eq!(
        path("The mine in Quebec reopened.", "Quebec"),
        "/North America/Canada/Quebec"
    );
    // New York City is more than a quarter of its state; Mecca a city of a million;
    // Washington the capital.
    assert!(path("Stocks rose in New York on Monday.", "New York").ends_with("/New York City"));
    assert!(path("Pilgrims arrived in Mecca.", "Mecca").ends_with("/Mecca Region/Mecca"));
    assert!(path("Officials in Washington said.", "Washington").contains("District of Columbia"));
}

#[test]
fn a_name_with_the_is_the_sea_not_the_province() {
    // Egypt and Sudan have provinces called Red Sea.
    let text = "A cargo ship sank in Red Sea waters. Officials said the Red Sea was rough.";
    assert_eq!(path_of(text, "Red Sea").as_deref(), Some("/Africa/Red Sea"));
}

#[test]
fn a_countrys_point_lies_among_its_towns() {
    // world-countries puts Kuwait at 45.75 E, in Iraq.
    let g = gaz();
    let kw = g.entry(g.country("KW").unwrap());
    assert!((47.0..48.5).contains(&kw.lon), "{}", kw.lon);
}

#[test]
fn a_capitals_name_keeps_its_meaning_beside_a_namesakes_neighbours() {
    // Cynthiana and Carlisle lie beside Paris, Kentucky; a reader still takes "Paris"
    // for France's capital unless the state is named.
    let p = paths("The relay ran from Paris through Cynthiana and Carlisle last week.");
    assert!(
        p.contains(&"/Europe/France/Île-de-France/Paris".to_string()),
        "{p:?}"
    );
}

#[test]
fn a_countrys_name_keeps_its_meaning_beside_its_namesakes_neighbours() {
    // Hershey and Annville lie beside Lebanon, Pennsylvania; the country is meant.
    let p = paths("Volunteers from Hershey and Annville collected aid for Lebanon on Sunday.");
    assert!(p.contains(&"/Asia/Lebanon".to_string()), "{p:?}");
    assert!(
        p.contains(&"/North America/United States/Pennsylvania/Hershey".to_string()),
        "{p:?}"
    );
}

#[test]
fn a_short_form_is_the_place_named_in_full_before() {
    // "Hall" and "Forsyth" are the Georgia counties the story named in full (and
    // "Forsyth" is no evidence of where "Forsyth County" lies: it is the same place).
    let places = extract(
        gaz(),
        "",
        "A veteran of Hall County government, he was named manager of Forsyth County. \
         He retired from Hall in December and joined Forsyth in May.",
    );
    let of = |mention: &str| {
        places
            .iter()
            .find(|p| p.mentions.iter().any(|m| m == mention))
            .and_then(|p| p.path.clone())
    };
    assert_eq!(
        of("Hall").as_deref(),
        Some("/North America/United States/Georgia/Hall County")
    );
    assert_eq!(
        of("Forsyth County").as_deref(),
        Some("/North America/United States/Georgia/Forsyth County")
    );
    // Not a city in the county's state, nor a country after its capital.
    let p = paths("The Milwaukee County executive said buses in Milwaukee would run late.");
    assert!(
        p.contains(&"/North America/United States/Wisconsin/Milwaukee".to_string()),
        "{p:?}"
    );
    let p = paths("Trade between Mexico City and Monterrey grew, and Mexico exported more.");
    assert!(p.contains(&"/North America/Mexico".to_string()), "{p:?}");
}

#[test]
fn a_name_after_an_irish_os_apostrophe_is_a_surname() {
    assert_eq!(
        names("Rhonda Poston-O'Connor and Kevin O’Connor met in Denver on Monday."),
        ["Denver"]
    );
}

#[test]
fn a_surname_the_article_uses_for_a_person_is_no_place_anywhere_in_it() {
    assert_eq!(
        names("Since Obama took office, hopes grew in Cairo. Much depends on the Obama administration."),
        ["Cairo"]
    );
}

#[test]
fn a_contraction_with_a_garbled_apostrophe_is_no_place() {
    // "It’s" read as Latin-1: "Itâ s" folds to Itá, Paraguay.
    assert_eq!(
        names("Itâ s the freezing thatâ s the enemy in Alexandria, Minn."),
        ["Alexandria", "Minnesota"]
    );
}

#[test]
fn a_small_place_is_not_its_own_support() {
    // Arsenal, Mauritius, and Hutton, England, with nothing else of their countries.
    assert!(names("Arsenal won 2-0 at home on Saturday.").is_empty());
    assert!(names("Analysts at Hutton expect rates to fall.").is_empty());
    // With its country named, a small place stands.
    let p = names("Ferries from Zeebrugge, Belgium, were cancelled.");
    assert!(p.contains(&"Zeebrugge".to_string()), "{p:?}");
}

#[test]
fn a_small_towns_name_with_a_possessive_is_a_persons_or_a_brands() {
    // Moody, Texas; McDonald, Ohio: the rating agency and the restaurant.
    assert_eq!(
        names("Moody's cut the rating of Ohio bonds, analysts at the local McDonald's said."),
        ["Ohio"]
    );
    // A state's or a region's possessive is still the place.
    let p = names("Siberia's rivers froze early, and Georgia's governor spoke.");
    assert!(
        p.contains(&"Siberia".to_string()) && p.contains(&"Georgia".to_string()),
        "{p:?}"
    );
}

#[test]
fn a_former_state_is_the_land_that_holds_it_now_or_itself() {
    // Wire copy of the 1980s: West and East Germany are Germany's land today;
    // Yugoslavia, split among several, is a place of its own, as the Soviet Union.
    assert_eq!(
        paths("Exports from West Germany rose in March."),
        ["/Europe/Germany"]
    );
    assert_eq!(
        paths("Exports from East Germany fell in March."),
        ["/Europe/Germany"]
    );
    assert_eq!(
        paths("Talks with Yugoslavia and Czechoslovakia resumed."),
        ["/Europe/Yugoslavia", "/Europe/Czechoslovakia"]
    );
}
