//! Abbreviated and capitalised forms of places: a state's AP abbreviation after a
//! town or on its own ("Lexington, Ky.", "Missing Ill. man"), "St."/"Mt."/"Ft."
//! spelled out for the gazetteer, and the tail of a dateline in capitals.

use super::{Mention, Scan};
use crate::extract::gazetteer::{key_hash, name_key};
use crate::extract::lexicon::STATE_ABBREVIATIONS;

/// "St. Paris" -> "Saint Paris", "Mt. Pleasant" -> "Mount Pleasant", "Ft. Myers" ->
/// "Fort Myers" (any case); `None` for other names.
pub(super) fn expand_abbreviated_prefix(span: &str) -> Option<String> {
    let (head, rest) = span.split_once(". ")?;
    let full = match head.to_ascii_lowercase().as_str() {
        "st" => "Saint",
        "ste" => "Sainte",
        "mt" => "Mount",
        "ft" => "Fort",
        _ => return None,
    };
    Some(format!("{full} {rest}"))
}

/// Does the text after a name in capitals make it a dateline: a dash, or a state
/// and a dash ("ATLANTA -", "TORRINGTON —", "CHARLESTON, W.Va. --")?
pub(super) fn dateline_tail(after: &str) -> bool {
    let mut s = after;
    if let Some(rest) = s.strip_prefix(", ") {
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '–'))
            .unwrap_or(rest.len());
        if len == 0 || len > 8 {
            return false;
        }
        s = &rest[len..];
    }
    // "HAMMOND, Ind. (AP) -": an agency's tag before the dash.
    s.trim_start().starts_with(['-', '—', '–', '('])
}

impl<'g> Scan<'_, 'g> {
    /// A state's abbreviation after the place ending at token `j` and a comma
    /// ("Lexington, Ky.", "Charleston, W. Va.", "Vancouver, B.C."), or its postal code
    /// where the place has a reading in that state ("Paris, TX"): a mention of the
    /// state, and its last token.
    pub(super) fn state_abbreviation(&self, j: usize) -> Option<(usize, Mention<'g>)> {
        let (text, toks) = (self.text, self.toks);
        let next = *toks.get(j + 1)?;
        if !next.cap || &text[toks[j].end..next.start] != ", " {
            return None;
        }
        let rest = &text[next.start..];
        let ends_word = |len: usize| !rest[len..].starts_with(char::is_alphanumeric);
        let (len, ids) = if let Some(&(abbr, code)) = STATE_ABBREVIATIONS
            .iter()
            .find(|(a, _)| rest.starts_with(a) && ends_word(a.len()))
        {
            (abbr.len(), self.g.admin1(code)?)
        } else {
            let code = rest.get(..2)?;
            if !next.all_caps || next.end - next.start != 2 || !ends_word(2) {
                return None;
            }
            let ids = self.g.admin1(&format!("US.{code}"))?;
            let place = self.g.lookup_name(&text[toks[j].start..toks[j].end]);
            let admin1 = self.g.entry(ids[0]).admin1;
            if !place.iter().any(|&id| self.g.entry(id).admin1 == admin1) {
                return None;
            }
            (2, ids)
        };
        let end = next.start + len;
        let last = (j + 1..toks.len())
            .take_while(|&k| toks[k].end <= end)
            .last()?;
        Some((last, self.abbreviation(next.start, end, ids)))
    }

    /// A state's AP abbreviation on its own, where it cannot be a word: before a
    /// lowercase word ("Missing Ill. man", "avoiding Ind. tax", "Mass. legislators")
    /// or after a party's letter ("Sen. Bob Casey, D-Pa."). A mention of the state
    /// starting at token `i`, and its last token.
    pub(super) fn lone_state_abbreviation(&self, i: usize) -> Option<(usize, Mention<'g>)> {
        let (text, toks) = (self.text, self.toks);
        let t = toks[i];
        // The longest form ("Nebr.", "Sask.") has four letters before the period.
        if !t.cap || t.all_caps || t.end - t.start > 4 || !text[t.end..].starts_with('.') {
            return None;
        }
        let abbr = &text[t.start..t.end + 1];
        let &(_, code) = STATE_ABBREVIATIONS.iter().find(|(a, _)| *a == abbr)?;
        let party = i > 0
            && &text[toks[i - 1].end..t.start] == "-"
            && matches!(toks[i - 1].text(text), "D" | "R" | "I");
        let before_lowercase = toks.get(i + 1).is_some_and(|n| {
            &text[t.end..n.start] == ". " && n.text(text).starts_with(|c: char| c.is_lowercase())
        });
        if !party && !before_lowercase {
            return None;
        }
        Some((
            i,
            self.abbreviation(t.start, t.end + 1, self.g.admin1(code)?),
        ))
    }

    /// The mention of a state's abbreviation at bytes `start..end`.
    fn abbreviation(&self, start: usize, end: usize, ids: &'g [u32]) -> Mention<'g> {
        let key = name_key(&self.text[start..end]);
        Mention {
            start,
            end,
            ids,
            key_hash: key_hash(&key),
            key,
            dateline: false,
        }
    }
}
