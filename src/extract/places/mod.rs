//! Places: finds mentions of gazetteer names in the text (longest match over
//! capitalised token sequences, multi-word names included), rejects what is not a
//! place (person names, organisations, common words at a sentence start, demonyms),
//! and resolves each mention to one gazetteer entry the way a reader would: the
//! other places in the article, the dateline, population and feature importance.
//! Recognition (the candidate mentions and the rules that reject them) is in
//! `recognize.rs`; this module resolves them.

mod coherence;
mod features;
mod qualify;
mod recognize;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::gazetteer::{name_key, Entry, Gazetteer, Kind};
use super::names::lists;
use super::text::{tokenize, Token};
use super::Place;
use features::{features, Feature};
use qualify::{after_the, lies_in, qualifiers};
use recognize::candidates;

/// Is `key` the place's own name, or its words a part of it ("Frankfurt" of
/// "Frankfurt am Main", "Hague" of "The Hague")?
fn short_form_of(key: &str, name: &str) -> bool {
    let own = name_key(name);
    let words: Vec<&str> = own.split(' ').collect();
    key.split(' ').all(|w| words.contains(&w))
}

/// How likely an entry is to be meant, before context.
fn prior(g: &Gazetteer, id: u32, key: &str, key_hash: u64) -> f32 {
    let r = g.ranking(id);
    // The entry's own name rather than an alternate spelling.
    let exact = if g.is_own_name(id, key_hash)
        || r.name_len as usize == key.len()
            && super::wordset::with_lower(g.entry(id).name, |l| l == key)
    {
        1.0
    } else {
        0.0
    };
    r.base_prior + exact
}

/// Recognises and resolves the places of an article.
pub fn extract(g: &Gazetteer, title: &str, body: &str) -> Vec<Place> {
    extract_with_tokens(g, title, body, &tokenize(body))
}

/// [`extract`] over the body's tokens, when the caller has them already.
pub fn extract_with_tokens(g: &Gazetteer, title: &str, body: &str, toks: &[Token]) -> Vec<Place> {
    extract_with_persons(g, title, body, toks, &[], None)
}

/// [`extract_with_tokens`], knowing the speakers found in the article and the firms
/// it quotes like them (their names are never places: "Obama said" names no town,
/// nor "Jupiter said" for Jupiter Research) and its language (ISO
/// 639-1; English when `None` or without word lists of its own, see
/// [`languages::words`](crate::extract::languages::words)).
pub fn extract_with_persons(
    g: &Gazetteer,
    title: &str,
    body: &str,
    toks: &[Token],
    speakers: &[String],
    lang: Option<&str>,
) -> Vec<Place> {
    let w = lists();
    let lang_words = crate::extract::languages::words(lang);
    let mut mentions = candidates(g, body, toks, w, lang_words);
    // Streets, roads and waters (English names only): a place inside one is part of
    // its name ("Washington Drive", "Illinois Route 159"), unless it is the whole
    // name ("Lake Mary", a town).
    let english = lang_words.is_none();
    let mut named_features = if english {
        features(body, toks, w)
    } else {
        Vec::new()
    };
    mentions.retain(|m| {
        !named_features
            .iter()
            .any(|f| f.start <= m.start && m.end <= f.end && (f.start, f.end) != (m.start, m.end))
    });
    named_features.retain(|f| {
        !mentions
            .iter()
            .any(|m| (m.start, m.end) == (f.start, f.end))
    });
    if !speakers.is_empty() {
        let person_words: HashSet<String> = speakers
            .iter()
            .filter_map(|s| s.rsplit(' ').next())
            .map(name_key)
            .collect();
        mentions.retain(|m| !person_words.contains(&m.key));
    }
    if mentions.is_empty() {
        return unresolved(body, &named_features, Vec::new(), None);
    }
    // Context: countries and admin1 areas named without ambiguity, the dateline, demonyms.
    let mut countries: HashMap<&str, f32> = HashMap::default();
    let mut admins: HashMap<(&str, &str), f32> = HashMap::default();
    // What each mention added (country, admin1, country weight, admin weight),
    // so that a mention is not its own context.
    let mut own: Vec<Option<(&str, &str, f32, f32)>> = vec![None; mentions.len()];
    // Each entry's prior, per mention, in the order of its ids (computed once: a
    // common name has hundreds of entries).
    let mut all_priors: Vec<f32> = Vec::with_capacity(mentions.iter().map(|m| m.ids.len()).sum());
    let mut prior_at: Vec<usize> = Vec::with_capacity(mentions.len());
    for m in &mentions {
        prior_at.push(all_priors.len());
        all_priors.extend(m.ids.iter().map(|&i| prior(g, i, &m.key, m.key_hash)));
    }
    let priors_of = |mi: usize| &all_priors[prior_at[mi]..prior_at[mi] + mentions[mi].ids.len()];
    let nearby = coherence::support(g, &mentions, &prior_at, &all_priors);
    for (mi, m) in mentions.iter().enumerate() {
        let weight = if m.dateline { 3.0 } else { 1.0 };
        let priors = m.ids.iter().copied().zip(priors_of(mi).iter().copied());
        let best = priors
            .clone()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|p| p.0);
        // The runner-up's prior: a name whose best reading dominates counts as context.
        let second = priors
            .clone()
            .filter(|p| Some(p.0) != best)
            .map(|p| p.1)
            .fold(f32::MIN, f32::max);
        let best_prior = priors
            .clone()
            .find(|p| Some(p.0) == best)
            .map_or(0.0, |p| p.1);
        if let Some(id) = best {
            let e = g.entry(id);
            let dominant = best_prior - second >= 2.0;
            // A likely but contested reading is weaker evidence.
            let weight = if dominant || matches!(e.kind, Kind::Country) {
                weight
            } else {
                weight * 0.5
            };
            {
                *countries.entry(e.country).or_default() += weight;
                // A state or county named frames the story; a city in it, half as much.
                let admin_weight = match e.kind {
                    Kind::Admin1 | Kind::Admin2 => weight,
                    Kind::City => weight * 0.5,
                    _ => 0.0,
                };
                *admins.entry((e.country, e.admin1)).or_default() += admin_weight;
                own[mi] = Some((e.country, e.admin1, weight, admin_weight));
            }
        }
    }
    let title_toks = tokenize(title);
    let demonym_words = title_toks
        .iter()
        .map(|t| t.text(title))
        .chain(toks.iter().map(|t| t.text(body)));
    for word in demonym_words.filter(|w| w.starts_with(char::is_uppercase) && g.may_be_demonym(w)) {
        if let Some(c) = super::wordset::with_lower(word, |l| g.demonym(l)) {
            *countries.entry(g.entry(c).country).or_default() += 0.5;
        }
    }

    // The mentions of each name.
    let mut by_name: HashMap<u64, Vec<usize>> = HashMap::default();
    for (mi, m) in mentions.iter().enumerate() {
        by_name.entry(m.key_hash).or_default().push(mi);
    }
    let with_the: HashSet<u64> = mentions
        .iter()
        .filter(|m| after_the(body, m.start))
        .map(|m| m.key_hash)
        .collect();
    let same_name_of = |mi: usize| by_name[&mentions[mi].key_hash].as_slice();
    let mut places: Vec<Place> = Vec::new();
    // Per place: its kind and how much the article is about it.
    let mut weights: Vec<(Kind, f32)> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::default();
    // Names of more than one word resolved so far, and their places.
    let mut named_in_full: Vec<(&str, u32)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        // The best reading: its id, score, and the support of its country from the
        // rest of the article.
        let mut best: Option<(u32, f32, f32)> = None;
        // "Nashville, Tennessee": only readings in Tennessee, if the name has one.
        let qualified = qualifiers(g, body, &mentions, mi);
        // "In the Red Sea", "across the Atlantic": a name the article gives "the"
        // is the sea or region, not a province or town of its name (Egypt's Red Sea
        // governorate; Atlantic, Iowa).
        let region = with_the.contains(&m.key_hash)
            && m.ids.iter().any(|&id| g.entry(id).kind == Kind::Region);
        // A big city named like its own state or province ("New York", "São Paulo",
        // "Saratov") is what news usually means: the state gives way to the city
        // (and only to it: "Alexandria" in Louisiana news is not Egypt's because
        // Egypt has a governorate of that name), when the city is its country's
        // capital ("Washington"), a city of a million ("Mecca") or a quarter of the
        // state by the gazetteer's towns: not "Oklahoma" (a fifth) or "Quebec" (a
        // fourteenth).
        let names_country = m.ids.iter().any(|&id| g.entry(id).kind == Kind::Country);
        let big_cities: Vec<&Entry> = m
            .ids
            .iter()
            .map(|&id| g.entry(id))
            .filter(|e| e.kind == Kind::City && e.population >= 500_000 && !names_country)
            .collect();
        let gives_way = |area: &Entry| {
            big_cities.iter().any(|c| {
                c.country == area.country
                    && (c.feature == "PPLC"
                        || c.population >= 1_000_000
                        || c.population.saturating_mul(4) >= area.population)
            })
        };
        // The own name of a country, a state, a capital or a city of a million keeps
        // its meaning, whatever towns of that name lie near the story's others
        // ("Lebanon", Pennsylvania; "Ontario", California; "Paris", Kentucky); a
        // state named after its big city does not ("Alexandria").
        let names_landmark = m.ids.iter().any(|&id| {
            let e = g.entry(id);
            let known = match e.kind {
                Kind::Country => true,
                Kind::Admin1 => !gives_way(e),
                Kind::City => e.feature == "PPLC" || e.population >= 1_000_000,
                _ => false,
            };
            known && g.is_own_name(id, m.key_hash)
        });
        // The population of the biggest major place or regional capital whose own
        // name this is ("Manchester", "Venice"); asked only for alternate names.
        let own_major = std::cell::OnceCell::new();
        let own_major = || {
            *own_major.get_or_init(|| {
                m.ids
                    .iter()
                    .map(|&id| (id, g.entry(id)))
                    .filter(|(id, e)| {
                        (e.is_major()
                            || e.kind == Kind::Region
                            || matches!(e.feature, "PPLA" | "PPLC"))
                            && g.is_own_name(*id, m.key_hash)
                    })
                    .map(|(_, e)| e.population.max(1))
                    .max()
            })
        };
        for (k, (&id, &p)) in m.ids.iter().zip(priors_of(mi)).enumerate() {
            let e = g.entry(id);
            if !qualified.is_empty() && !lies_in(e, &qualified) || region && e.kind != Kind::Region
            {
                continue;
            }
            let mut score = p;
            let mut c = 0.0;
            if matches!(e.kind, Kind::Admin1 | Kind::Admin2) && gives_way(e) {
                score -= 6.0;
            }
            if e.kind != Kind::Continent {
                // A name is not its own context, however often it is repeated:
                // "Alexandria" three times is no evidence for Egypt.
                let same = same_name_of(mi);
                let self_c: f32 = same
                    .iter()
                    .filter_map(|&mj| own[mj])
                    .filter(|o| o.0 == e.country)
                    .map(|o| o.2)
                    .sum();
                c = countries.get(e.country).copied().unwrap_or(0.0) - self_c;
                let local = matches!(e.kind, Kind::City | Kind::Admin2);
                let a = if local {
                    let self_a: f32 = same
                        .iter()
                        .filter_map(|&mj| own[mj])
                        .filter(|o| o.0 == e.country && o.1 == e.admin1)
                        .map(|o| o.3)
                        .sum();
                    admins.get(&(e.country, e.admin1)).copied().unwrap_or(0.0) - self_a
                } else {
                    0.0
                };
                // An alternate name ("Hamas" is one of Hamm's, "God" of Göd's,
                // "Philadelphia" Amman's ancient one, "The Bank" Portsmouth's) names
                // a town only when the rest of the article is in its state or county;
                // exonyms of capitals and big cities ("Kiev", "Bombay") and a city's
                // short name ("Frankfurt") need no such support. In English news
                // only: the gazetteer's alternate names are other languages' own
                // ("Genf", "Mailand").
                if english
                    && local
                    && !g.is_own_name(id, m.key_hash)
                    && !(e.population >= 100_000 && short_form_of(&m.key, e.name))
                {
                    // A capital or a city of a million needs nothing else, a city of
                    // 100,000 ("Cologne", "Seville") its country in the story, a
                    // smaller place its state or county.
                    let supported = if e.feature == "PPLC" || e.population >= 1_000_000 {
                        true
                    } else if e.population >= 100_000 {
                        c > 0.0
                    } else {
                        a > 0.0
                    };
                    // And none when the name is a major place's own ("Venice" is not
                    // Dayton's, "Philadelphia" not Amman's), unless that place is ten
                    // times smaller ("St. Petersburg", Florida's own name, is also
                    // Russia's city's).
                    let yields =
                        own_major().is_some_and(|own| own.saturating_mul(10) >= e.population);
                    if !supported || yields {
                        continue;
                    }
                }
                // A small town needs its state named, not only its country: the
                // country of a US story does not make "Brussels" the village in
                // Wisconsin, nor "Paris" the town in Texas.
                let country_cap = if local && e.population < 100_000 {
                    1.0
                } else {
                    3.0
                };
                score += 3.0 * c.min(country_cap);
                // The state of the story ("Rapides Parish", "Alexandria, Minn.")
                // decides between towns of one name.
                score += 4.0 * a.min(2.0);
                // So do the story's other towns where they lie near this reading
                // (see `coherence`): two such names weigh as much as the state named
                // twice.
                if local && !names_landmark {
                    score += 4.0
                        * nearby
                            .get(prior_at[mi] + k)
                            .copied()
                            .unwrap_or(0.0)
                            .min(2.0);
                }
            }
            if best.is_none_or(|(_, s, _)| score > s) {
                best = Some((id, score, c));
            }
        }
        let Some((mut id, score, c)) = best else {
            continue;
        };
        // A short form of a place the article named in full earlier is that place
        // ("Hall" after "Hall County", "Forsyth" after "Forsyth County"), unless
        // it is a landmark's own name ("Mexico" after "Mexico City") or a town in
        // the same state ("Milwaukee" after "Milwaukee County" is the city).
        let full = named_in_full.iter().find(|(key, full)| {
            key.len() > m.key.len()
                && key.starts_with(m.key.as_str())
                && key.as_bytes()[m.key.len()] == b' '
                && m.ids.contains(full)
        });
        if let Some(&(_, full)) = full.filter(|_| !names_landmark) {
            let (chosen, whole) = (g.entry(id), g.entry(full));
            let town_of_its_state = chosen.kind == Kind::City
                && (chosen.country, chosen.admin1) == (whole.country, whole.admin1);
            if !town_of_its_state {
                id = full;
            }
        }
        let e = g.entry(id);
        if m.key.contains(' ') {
            named_in_full.push((m.key.as_str(), id));
        }
        // Small places with no support from the rest of the article are likelier false hits.
        // (Its own mentions are no support: "Arsenal won" made Arsenal, Mauritius,
        // its own evidence.)
        let supported = c > 0.0 && e.kind != Kind::Country;
        if e.kind == Kind::City && e.population < 5000 && !supported && !m.dateline {
            continue;
        }
        if score < 4.0 && !supported {
            continue;
        }
        let surface = body[m.start..m.end].to_string();
        let slot = *index.entry(id).or_insert_with(|| {
            places.push(Place {
                name: e.name.to_string(),
                mentions: Vec::new(),
                geonameid: Some(e.geonameid),
                lat: Some(e.lat),
                lon: Some(e.lon),
                country: e.country.to_string(),
                path: Some(g.path(id)),
                near: None,
            });
            weights.push((e.kind, 0.0));
            places.len() - 1
        });
        weights[slot].1 += if m.dateline { 3.0 } else { 1.0 };
        if !places[slot].mentions.contains(&surface) {
            places[slot].mentions.push(surface);
        }
    }
    // The article's own town: named features are located there.
    let local = |kinds: &[Kind]| {
        weights
            .iter()
            .enumerate()
            // Named twice or in the dateline: one passing mention is no home.
            .filter(|(_, (k, w))| kinds.contains(k) && *w >= 2.0)
            .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then(b.0.cmp(&a.0)))
            .map(|(slot, _)| slot)
    };
    let home = local(&[Kind::City, Kind::Admin2]).or_else(|| local(&[Kind::Admin1]));
    unresolved(body, &named_features, places, home)
}

/// Adds the named features to the places, one per name (in the text's spelling),
/// located at the place `home` (a slot of `places`), the article's own town, if any.
fn unresolved(
    body: &str,
    named: &[Feature],
    mut places: Vec<Place>,
    home: Option<usize>,
) -> Vec<Place> {
    let resolved = places.len();
    let near = home.map(|h| places[h].clone());
    for f in named {
        let surface = &body[f.start..f.end];
        let key = name_key(surface);
        match places[resolved..]
            .iter_mut()
            .find(|p| name_key(&p.name) == key)
        {
            Some(p) if !p.mentions.iter().any(|m| m == surface) => {
                p.mentions.push(surface.to_string());
            }
            Some(_) => {}
            None => places.push(Place {
                name: surface.split_whitespace().collect::<Vec<_>>().join(" "),
                mentions: vec![surface.to_string()],
                geonameid: None,
                lat: near.as_ref().and_then(|p| p.lat),
                lon: near.as_ref().and_then(|p| p.lon),
                country: near.as_ref().map(|p| p.country.clone()).unwrap_or_default(),
                path: None,
                near: near.as_ref().map(|p| p.name.clone()),
            }),
        }
    }
    places
}

#[cfg(test)]
mod tests;
