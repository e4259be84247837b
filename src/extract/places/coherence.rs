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

use super::super::gazetteer::{Gazetteer, Kind};
use super::recognize::Mention;

/// Latitude and longitude, in degrees.
type Point = (f32, f32);

/// A plausible reading on the grid: its name (first mention), entry id and point.
type Reading = (usize, u32, Point);

/// Readings within this distance support each other.
const RADIUS_KM: f32 = 100.0;

/// A reading supports others only when its prior is within this of its name's best
/// reading (a town a hundred times smaller than its namesake, of the same kind, is
/// not).
const PLAUSIBLE: f32 = 2.0;

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

/// The support of each reading of each mention, laid out as `mentions[i].ids` (the
/// readings of mention `i` start at `at[i]`): the summed weights of the other names
/// with a town or county reading within [`RADIUS_KM`]. Zero for readings that are
/// not towns or counties, and for all when the article names fewer than two places.
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
    // The plausible town and county readings of each name on a grid, and the name's
    // weight.
    let mut grid: HashMap<(i32, i32), Vec<Reading>> = HashMap::default();
    // Per name (its first mention): how many town and county readings it has, and
    // its weight as support.
    let mut weight: HashMap<usize, (usize, f32)> = HashMap::default();
    for &mi in names.values() {
        let m = &mentions[mi];
        let priors = priors.get(at[mi]..at[mi] + m.ids.len()).unwrap_or_default();
        let best = priors.iter().copied().fold(f32::MIN, f32::max);
        let local_readings = m.ids.iter().filter(|&&id| local(g.entry(id).kind)).count();
        if local_readings == 0 {
            continue;
        }
        // Readings far less likely than the name's best are not ones a reader
        // considers: "London" near a town in Ohio is no evidence for Ohio.
        let plausible: Vec<(u32, Point)> = m
            .ids
            .iter()
            .zip(priors)
            .map(|(&id, &p)| (id, g.entry(id), p))
            .filter(|(_, e, p)| local(e.kind) && *p >= best - PLAUSIBLE)
            .map(|(id, e, _)| (id, (e.lat, e.lon)))
            .collect();
        let w = if plausible.is_empty() {
            0.0
        } else {
            chance_weight(plausible.len())
        };
        weight.insert(mi, (local_readings, w));
        // A name that supports nothing need not be found.
        if w > 0.0 {
            for (id, p) in plausible {
                grid.entry(cell(p.0, p.1)).or_default().push((mi, id, p));
            }
        }
    }
    if weight.len() < 2 {
        return out;
    }
    let mut seen: Vec<usize> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let first = names[&m.key_hash];
        if first != mi {
            // Later mentions of a name have its first mention's readings.
            let (from, to) = (at[first], at[mi]);
            out.copy_within(from..from + m.ids.len(), to);
            continue;
        }
        // A name of one town or county reading has nothing to decide.
        if weight.get(&mi).is_none_or(|&(readings, _)| readings < 2) {
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
            for dlat in -1..=1 {
                for dlon in -span..=span {
                    let Some(list) = grid.get(&(clat + dlat, clon + dlon)) else {
                        continue;
                    };
                    // Another name of the same place ("Forsyth" of "Forsyth
                    // County") is no evidence of where it is.
                    for &(other, other_id, p) in list {
                        if other != first
                            && other_id != id
                            && !seen.contains(&other)
                            && distance_km((e.lat, e.lon), p) <= RADIUS_KM
                        {
                            seen.push(other);
                        }
                    }
                }
            }
            out[at[mi] + k] = seen.iter().map(|o| weight[o].1).sum();
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
