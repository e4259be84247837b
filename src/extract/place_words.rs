//! Words in a capitalised run that make it a place, a people or an organisation
//! rather than a person: places by their own names and the gazetteer's readings
//! ("Seoul", "Texas"), peoples and groups ("Americans", "Tories"), a place's
//! residents ("Welshman", "Texan"), and the judgement whether a whole speaker entry
//! reads as an organisation or a place ("Seoul Samsung", "Japanese Embassy").

/// Whether a speaker entry reads as an organisation or a place rather than a person:
/// an organisation word in it ("Eastern Reserve", "Japanese Embassy"), or, unless it
/// opens with a first name, a place or a people before the last word ("Seoul
/// Samsung", "European Airbus", "New York Fed") or the whole entry a place ("Rio de
/// Janeiro").
pub fn reads_as_organisation_or_place(name: &str) -> bool {
    let w = super::names::lists();
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((&first, _)) = words.split_first() else {
        return false;
    };
    if words.iter().any(|x| w.is_org_word(x)) {
        return true;
    }
    let initial = |x: &str| x.trim_end_matches('.').chars().count() == 1;
    if words.len() < 2 || w.is_first_name(first) || initial(first) {
        return false;
    }
    // Without a first name, a first or last word news writes in lowercase makes a
    // company, a body or a place: "Copper Mines", "Phillips Petroleum", "Harbor
    // Park", "Bookmaker Ladbrokes". (A Korean given name, "Moon Jae-in", makes a
    // person.)
    let last = words[words.len() - 1];
    if !super::east_asian::is_korean_given_name(words[1])
        && (w.is_lowercase_word(first) || w.is_lowercase_word(last))
    {
        return true;
    }
    // A place before the last word, or the whole a place: "Tullamore Wicklow Tesco".
    is_people_word(first)
        || is_place_phrase(name)
        || (1..words.len()).any(|n| is_place_phrase(&words[..n].join(" ")))
        || words[1..words.len() - 1].iter().any(|x| is_place_word(x))
}

pub(super) fn is_place_word(word: &str) -> bool {
    is_place_phrase(word)
}

/// "Americans", "Latinos", "Democrats": peoples and groups, not persons.
pub(super) fn is_people_word(word: &str) -> bool {
    let g = place_gazetteer();
    super::gazetteer::with_name_key(word, |k| {
        let stem = k.strip_suffix('s').unwrap_or(k);
        // "Tories": a party's people.
        let ies = k
            .strip_suffix("ies")
            .is_some_and(|s| is_group_word(&format!("{s}y")));
        g.is_demonym(k) || g.is_demonym(stem) || is_group_word(stem) || ies
    })
}

/// Someone from a place: "Welshman", "Frenchwoman" (a people and "man"),
/// "Californian", "Bostonian", "Texan" (a place and "n", "an" or "ian"; "Texas" drops
/// its "s").
pub(super) fn is_resident_word(word: &str) -> bool {
    let stem = ["woman", "man"].iter().find_map(|s| word.strip_suffix(s));
    if let Some(stem) = stem.filter(|s| s.chars().count() >= 3) {
        return is_people_word(stem) || is_place_word(stem);
    }
    let Some(base) = word.strip_suffix('n') else {
        return false;
    };
    let candidates = [
        base.to_string(),
        base.strip_suffix('a').unwrap_or("").to_string(),
        base.strip_suffix("ia").unwrap_or("").to_string(),
        format!("{base}s"),
    ];
    candidates
        .iter()
        .any(|c| c.chars().count() >= 4 && is_place_word(c))
}

/// Groups of people by stance, role or generation (singular, lowercase).
fn is_group_word(stem: &str) -> bool {
    matches!(
        stem,
        "democrat"
            | "republican"
            | "tory"
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

/// A country, or a state or province of a million people or a city of two million,
/// by its own name (not an alternate name). Smaller ones are too often a name too:
/// "Gao" (a region of Mali) is a Chinese family name, "Milan" a Serbian first name.
pub(super) fn is_country_state_or_city(word: &str) -> bool {
    use super::gazetteer::Kind;
    let g = place_gazetteer();
    g.lookup_name(word).iter().any(|&id| {
        let e = g.entry(id);
        e.name.eq_ignore_ascii_case(word)
            && match e.kind {
                Kind::Country => true,
                Kind::Admin1 => e.population >= 1_000_000,
                Kind::City => e.population >= 2_000_000,
                _ => false,
            }
    })
}

pub(super) fn is_place_phrase(s: &str) -> bool {
    use super::gazetteer::Kind;
    let g = place_gazetteer();
    g.lookup_name(s).iter().any(|&id| {
        let e = g.entry(id);
        e.is_major() || e.kind == Kind::Region
    })
}

pub(super) fn place_gazetteer() -> &'static super::gazetteer::Gazetteer {
    use std::sync::OnceLock;
    static G: OnceLock<std::sync::Arc<super::gazetteer::Gazetteer>> = OnceLock::new();
    G.get_or_init(super::shared_gazetteer)
}
