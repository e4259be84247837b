//! Geographic coherence: the towns a local story names lie near each other. "Douglas
//! County", "Alexandria", "Brandon" and "Kensington" each name a dozen US places,
//! but only in west-central Minnesota do all four lie within a few miles; a reader
//! of the local paper takes them there without the state being named.
//!
//! For each reading of a name (a town or county), this counts the article's *other*
//! names that have a reading nearby, each weighed by how unlikely that closeness is
//! by chance. A circle of [`RADIUS_KM`] covers about 1% of the populated United
//! States, so a name with `k` town and county readings has one near a given point by
//! chance about `k` times in a hundred: it weighs `1 - k / 100`. A name of a few
//! readings lying nearby is strong evidence; "Springfield" or "Franklin" (dozens)
//! little; a name of a hundred readings none.

use rustc_hash::FxHashMap as HashMap;

use super::super::gazetteer::{Entry, Gazetteer, Kind};
use super::recognize::Mention;

/// Latitude and longitude, in degrees.
type Point = (f32, f32);

/// A reading on the grid: its name (first mention), entry id, point, and whether it
/// is plausible (see [`PLAUSIBLE`]).
type Reading = (usize, u32, Point, bool);

/// What a name weighs as support (see [`chance_weight`]).
#[derive(Clone, Copy)]
struct Weight {
    /// Its town and county readings.
    readings: usize,
    /// Weight by its plausible readings (zero when it has none).
    plausible: f32,
    /// Weight by all its readings, in a cluster (see [`CLUSTER`]).
    any: f32,
    /// Its likeliest reading is [`famous`].
    famous: bool,
}

/// Readings within this distance support each other.
const RADIUS_KM: f32 = 100.0;

/// A reading supports others only when its prior is within this of its name's best
/// reading (a town a hundred times smaller than its namesake, of the same kind, is
/// not).
const PLAUSIBLE: f32 = 2.0;

/// Names with readings that all lie near each other, this many or more, support each
/// other whatever their readings' priors: a reader of a local paper takes "Douglas
/// County", "Alexandria" and "Brandon" to the one place where all lie together, small
/// as it is. Two names alone need plausible readings: "Nashville" and "Franklin" are
/// not Indiana's because both have a town there.
const CLUSTER: usize = 3;

/// A name with this many town and county readings has one near almost any point:
/// its support weighs nothing.
const CHANCE_READINGS: f32 = 100.0;

/// Can this reading be supported (or support others): towns and counties, whose
/// coordinates say where they are (a state's or country's centroid does not).
fn local(kind: Kind) -> bool {
    matches!(kind, Kind::City | Kind::Admin2)
}

/// How much a name with this many town and county readings weighs when one lies near
/// a reading of another: how unlikely that is by chance.
fn chance_weight(readings: usize) -> f32 {
    (1.0 - readings as f32 / CHANCE_READINGS).max(0.0)
}

/// A place known the world over: a country, a state, a capital, a city of half a
/// million.
fn famous(e: &Entry) -> bool {
    match e.kind {
        Kind::City => e.feature == "PPLC" || e.population >= 500_000,
        Kind::Admin2 => false,
        _ => true,
    }
}

fn distance_km(a: Point, b: Point) -> f32 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// A one-degree grid cell.
fn cell(lat: f32, lon: f32) -> (i32, i32) {
    (lat.floor() as i32, lon.floor() as i32)
}

/// The reading of mention `mi` with the highest prior. `at`, `priors` as in
/// [`support`].
fn likeliest<'g>(
    g: &'g Gazetteer,
    mentions: &[Mention],
    (at, priors): (&[usize], &[f32]),
    mi: usize,
) -> Option<&'g Entry> {
    let m = &mentions[mi];
    let priors = priors.get(at[mi]..at[mi] + m.ids.len())?;
    let (&id, _) = m.ids.iter().zip(priors).max_by(|a, b| a.1.total_cmp(b.1))?;
    Some(g.entry(id))
}

/// The mentions that name a country (their likeliest reading is one): the name
/// (first mention), the country, and the mention's readings. `priors` as in
/// [`support`].
fn country_mentions<'g>(
    g: &'g Gazetteer,
    mentions: &[Mention<'g>],
    names: &HashMap<u64, usize>,
    (at, priors): (&[usize], &[f32]),
) -> Vec<(usize, &'g str, &'g [u32])> {
    mentions
        .iter()
        .enumerate()
        .filter_map(|(mi, m)| {
            let e = likeliest(g, mentions, (at, priors), mi)?;
            (e.kind == Kind::Country).then(|| (names[&m.key_hash], e.country, m.ids))
        })
        .collect()
}

/// How often the article names each country (see [`country_mentions`]), apart from
/// the names of a cluster (`cluster`, and `first`; first mentions) and names of a
/// town or county in the state of the `reading` it supports ("Palestine" beside
/// Elkhart, Texas, is a town there).
fn named_countries<'g>(
    g: &Gazetteer,
    country_mentions: &[(usize, &'g str, &[u32])],
    (cluster, first): (&[usize], usize),
    reading: &Entry,
) -> Vec<(&'g str, usize)> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for &(name, country, ids) in country_mentions {
        let in_its_state = || {
            ids.iter().any(|&id| {
                let e = g.entry(id);
                local(e.kind) && (e.country, e.admin1) == (reading.country, reading.admin1)
            })
        };
        if name == first || cluster.contains(&name) || in_its_state() {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == country) {
            Some(c) => c.1 += 1,
            None => counts.push((country, 1)),
        }
    }
    counts
}

/// The support of each reading of each mention, laid out as `mentions[i].ids` (the
/// readings of mention `i` start at `at[i]`): the summed weights of the other names
/// with a plausible town or county reading within [`RADIUS_KM`], or in a cluster
/// (see [`CLUSTER`]) of those with any, whichever is more. Zero for readings that
/// are not towns or counties, and for all when the article names fewer than two
/// places.
///
/// `priors`: each reading's prior, laid out as the result.
pub(super) fn support(
    g: &Gazetteer,
    mentions: &[Mention],
    at: &[usize],
    priors: &[f32],
) -> Vec<f32> {
    let total = at
        .last()
        .map_or(0, |&a| a + mentions.last().map_or(0, |m| m.ids.len()));
    let mut out = vec![0.0; total];
    // The distinct names, by their first mention.
    let mut names: HashMap<u64, usize> = HashMap::default();
    for (mi, m) in mentions.iter().enumerate() {
        names.entry(m.key_hash).or_insert(mi);
    }
    if names.len() < 2 {
        return out;
    }
    // The town and county readings of each name on a grid, marked plausible or not,
    // and the name's weights.
    let mut grid: HashMap<(i32, i32), Vec<Reading>> = HashMap::default();
    let mut weight: HashMap<usize, Weight> = HashMap::default();
    for &mi in names.values() {
        let m = &mentions[mi];
        let own = priors.get(at[mi]..at[mi] + m.ids.len()).unwrap_or_default();
        let best = own.iter().copied().fold(f32::MIN, f32::max);
        // Readings far less likely than the name's best are not ones a reader
        // considers: "London" near a town in Ohio is no evidence for Ohio.
        let readings: Vec<(u32, Point, bool)> = m
            .ids
            .iter()
            .zip(own)
            .map(|(&id, &p)| (id, g.entry(id), p))
            .filter(|(_, e, _)| local(e.kind))
            .map(|(id, e, p)| (id, (e.lat, e.lon), p >= best - PLAUSIBLE))
            .collect();
        if readings.is_empty() {
            continue;
        }
        // A place known the world over neither lends its namesakes to a cluster (the
        // towns named after Boston, Rotterdam and Valencia lie together in New York)
        // nor goes to one.
        let famous = likeliest(g, mentions, (at, priors), mi).is_some_and(famous);
        let plausible = readings.iter().filter(|r| r.2).count();
        let w = Weight {
            readings: readings.len(),
            plausible: if plausible == 0 {
                0.0
            } else {
                chance_weight(plausible)
            },
            any: chance_weight(readings.len()),
            famous,
        };
        weight.insert(mi, w);
        // A name that supports nothing need not be found.
        if w.any > 0.0 {
            for (id, p, plausible) in readings.into_iter().filter(|r| r.2 || !famous) {
                grid.entry(cell(p.0, p.1))
                    .or_default()
                    .push((mi, id, p, plausible));
            }
        }
    }
    if weight.len() < 2 {
        return out;
    }
    // Asked only of clusters.
    let countries = std::cell::OnceCell::new();
    // The other names with a plausible reading near, and with any.
    let (mut seen, mut any_seen): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for (mi, m) in mentions.iter().enumerate() {
        let first = names[&m.key_hash];
        if first != mi {
            // Later mentions of a name have its first mention's readings.
            let (from, to) = (at[first], at[mi]);
            out.copy_within(from..from + m.ids.len(), to);
            continue;
        }
        // A name of one town or county reading has nothing to decide.
        if weight.get(&mi).is_none_or(|w| w.readings < 2) {
            continue;
        }
        for (k, &id) in m.ids.iter().enumerate() {
            let e = g.entry(id);
            if !local(e.kind) {
                continue;
            }
            let (clat, clon) = cell(e.lat, e.lon);
            // Degrees of longitude the radius spans at this latitude.
            let cos = e.lat.to_radians().cos().max(0.2);
            let span = (RADIUS_KM / (111.0 * cos)).ceil() as i32;
            seen.clear();
            any_seen.clear();
            for dlat in -1..=1 {
                for dlon in -span..=span {
                    let Some(list) = grid.get(&(clat + dlat, clon + dlon)) else {
                        continue;
                    };
                    // Another name of the same place ("Forsyth" of "Forsyth
                    // County") is no evidence of where it is.
                    for &(other, other_id, p, plausible) in list {
                        if other == first
                            || other_id == id
                            || any_seen.contains(&other) && (!plausible || seen.contains(&other))
                            || distance_km((e.lat, e.lon), p) > RADIUS_KM
                        {
                            continue;
                        }
                        if !any_seen.contains(&other) {
                            any_seen.push(other);
                        }
                        if plausible && !seen.contains(&other) {
                            seen.push(other);
                        }
                    }
                }
            }
            // A cluster of weak readings needs more: a story that names countries
            // names this reading's most often. Swansea, Gaston and Lexington lie
            // together in South Carolina, but a story naming Britain twice means
            // Wales's Swansea.
            let cluster = any_seen.len() + 1 >= CLUSTER && !weight[&mi].famous && {
                let countries =
                    countries.get_or_init(|| country_mentions(g, mentions, &names, (at, priors)));
                let counts = named_countries(g, countries, (&any_seen, first), e);
                let named = |c: &str| counts.iter().find(|n| n.0 == c).map_or(0, |n| n.1);
                counts.iter().all(|n| n.1 <= named(e.country))
            };
            let plausible: f32 = seen.iter().map(|o| weight[o].plausible).sum();
            out[at[mi] + k] = if cluster {
                plausible.max(any_seen.iter().map(|o| weight[o].any).sum())
            } else {
                plausible
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_of_many_readings_supports_little() {
        assert!(chance_weight(1) > 0.95);
        assert!((chance_weight(30) - 0.7).abs() < 1e-6);
        assert_eq!(chance_weight(150), 0.0);
    }

    #[test]
    fn distances_are_great_circle_kilometres() {
        // Alexandria to Brandon, Minnesota: about 18 km.
        let d = distance_km((45.8852, -95.3775), (45.9652, -95.5987));
        assert!((15.0..22.0).contains(&d), "{d}");
        // Paris to London: about 344 km.
        let d = distance_km((48.8566, 2.3522), (51.5074, -0.1278));
        assert!((335.0..355.0).contains(&d), "{d}");
    }
}
