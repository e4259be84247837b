//! What the words next to a place name say about which place it is: a state or
//! country after a comma ("Nashville, Tennessee"), "the" before a sea's name.

use super::super::gazetteer::{Entry, Gazetteer, Kind};
use super::recognize::Mention;

/// A region that qualifies a name: a country, or a first-level division of one.
type Region<'g> = (&'g str, Option<&'g str>);

/// "Nashville, Tennessee", "Alexandria, Minn.", "Paris, France": a name followed by a
/// comma and a state or country names the place of that name there. The regions the
/// next mention can name, or none: when the name has no reading in them, when no
/// comma joins the two, or when they are
/// items of a list: a third name follows ("Boston, New York, Philadelphia and
/// Washington"), or both name states ("Kansas, Oklahoma") or countries ("the US,
/// France").
pub(super) fn qualifiers<'g>(
    g: &'g Gazetteer,
    body: &str,
    mentions: &[Mention<'g>],
    mi: usize,
) -> Vec<Region<'g>> {
    let (m, Some(next)) = (&mentions[mi], mentions.get(mi + 1)) else {
        return Vec::new();
    };
    let joined = |a: &Mention, b: &Mention, joiners: &[&str]| {
        body.get(a.end..b.start)
            .is_some_and(|gap| joiners.contains(&gap.trim()))
    };
    if !joined(m, next, &[","]) {
        return Vec::new();
    }
    let regions: Vec<(Kind, Region<'g>)> = next
        .ids
        .iter()
        .map(|&id| g.entry(id))
        .filter_map(|e| match e.kind {
            Kind::Country => Some((e.kind, (e.country, None))),
            Kind::Admin1 => Some((e.kind, (e.country, Some(e.admin1)))),
            _ => None,
        })
        .collect();
    // "Boston, New York, Philadelphia and Washington": a third name makes a list,
    // unless it is the country of the second ("Midland, Michigan, USA").
    let country_of_next = |third: &Mention| {
        third.ids.iter().any(|&id| {
            let e = g.entry(id);
            e.kind == Kind::Country && regions.iter().any(|r| r.1 .0 == e.country)
        })
    };
    if mentions.get(mi + 2).is_some_and(|third| {
        joined(next, third, &[",", "and", ", and", "or", ", or"]) && !country_of_next(third)
    }) {
        return Vec::new();
    }
    let listed = m.ids.iter().any(|&id| {
        let kind = g.entry(id).kind;
        matches!(kind, Kind::Country | Kind::Admin1) && regions.iter().any(|r| r.0 == kind)
    });
    let regions: Vec<Region<'g>> = regions.into_iter().map(|r| r.1).collect();
    // None when the name has no reading there.
    if listed || !m.ids.iter().any(|&id| lies_in(g.entry(id), &regions)) {
        return Vec::new();
    }
    regions
}

/// Does the entry lie in one of the regions (a town or county of the state; anything
/// but the country itself in the country)?
pub(super) fn lies_in(e: &Entry, regions: &[Region<'_>]) -> bool {
    regions.iter().any(|&(country, admin1)| {
        e.country == country
            && match admin1 {
                Some(a) => e.admin1 == a && matches!(e.kind, Kind::City | Kind::Admin2),
                None => e.kind != Kind::Country,
            }
    })
}

/// Does the word "the" come right before byte `start`?
pub(super) fn after_the(body: &str, start: usize) -> bool {
    let before = &body.as_bytes()[..start.min(body.len())];
    let Some(b) = before.strip_suffix(b" ") else {
        return false;
    };
    let n = b.len();
    n >= 3
        && b[n - 3..].eq_ignore_ascii_case(b"the")
        && (n == 3 || !b[n - 4].is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comes_right_before() {
        let text = "in the Red Sea; The Atlantic; bathe Sea; ’the Gulf";
        let at = |name: &str| text.find(name).unwrap();
        assert!(after_the(text, at("Red Sea")));
        assert!(after_the(text, at("Atlantic")));
        assert!(!after_the(text, at("Sea;")));
        assert!(after_the(text, at("Gulf")));
        assert!(!after_the(text, 0));
        assert!(!after_the("the", 3));
    }
}
