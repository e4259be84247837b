//! Whether a name an article quotes is a firm, a paper or a body rather than a
//! person: wire copy quotes companies as it quotes people ("Goldman said", "Tanjug
//! said", "Nintendo said it would"); the company's full name, a description of it,
//! its employees or the pronoun it takes elsewhere in the article tell them apart.
//! Used by [`super::speakers`] on the speakers it found.

use super::lexicon::{COMPANY_NOUNS, MEDIA_NOUNS_AFTER, POSTS, POSTS_OF_A_NAME};
use super::names::WordLists;
use super::persons::Run;
use super::text::Token;

crate::word_set!(set_company_nouns, COMPANY_NOUNS);

/// Whether the name is a firm's or a body's rather than a person's (see the module
/// notes): the article names it as a company somewhere; or it gives it employees, or
/// (for a one-word name) says that "it" did something, and gives it no title; or it
/// is an "Al" or "El" name the article does not treat as a person's. One pass over the
/// article per name (memchr's SIMD search: a `str::match_indices` per test took 8% of
/// extraction).
pub(super) fn is_firm(text: &str, toks: &[Token], runs: &[Run], w: &WordLists, name: &str) -> bool {
    if let Some(rest) = ARTICLES.iter().find_map(|a| name.strip_prefix(a)) {
        if !rest.contains(' ') && !treated_as_person(text, toks, runs, w, name, rest) {
            return true;
        }
    }
    let one_word = !name.contains(' ');
    let (mut speaks_as_it, mut employs) = (false, false);
    for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
        let (before, rest) = (&text[..at], &text[at + name.len()..]);
        if before.ends_with(|c: char| c.is_alphanumeric())
            || rest.starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        if named_as_company(before, rest, one_word) {
            return true;
        }
        speaks_as_it |= one_word && says_it_after(rest);
        employs |= post_after(before, rest) || post_before(before, rest);
    }
    (speaks_as_it || employs) && !introduced(text, toks, runs, w, name)
}

/// Words between a name and a post: "Fiat chief executive", "Gartner's principal
/// analyst", "Midcon senior vice president".
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
const POST_MODIFIERS: [&str; 6] =
    ["chief ", "senior ", "principal ", "lead ", "top ", "former "];

/// Whether the text after a name is a post at it (see [`POSTS`]): "Gartner| analyst
/// Carolina Milanesi", "a Sony| representative", "Goodyear|'s chairman": news names
/// people by their employer, and nobody is employed by a person named alone. Without
/// the possessive, the post must be followed by its holder's name or the name preceded
/// by an article: wire copy also writes a person's post after their name ("Mike
/// Boswell chairman of Sunshine Mining", "named Thomas Burke president").
fn post_after(before: &str, rest: &str) -> bool {
    let (possessive, mut rest) = match rest
        .strip_prefix("'s ")
        .or_else(|| rest.strip_prefix("’s "))
    {
        Some(r) => (true, r),
        None => match rest.strip_prefix(' ') {
            Some(r) => (false, r),
            None => return false,
        },
    };
    let posts = if possessive { POSTS_OF_A_NAME } else { POSTS };
    let after_article = ["a ", "an ", "the ", "A ", "An ", "The "].iter().any(|a| {
        before
            .strip_suffix(a)
            .is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric()))
    });
    for _ in 0..2 {
        match POST_MODIFIERS.iter().find_map(|m| rest.strip_prefix(m)) {
            Some(r) => rest = r,
            None => break,
        }
    }
    let holder_follows = |after: &str| {
        after
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()))
    };
    posts.iter().any(|post| {
        rest.strip_prefix(post).is_some_and(|after| {
            !after.starts_with(|c: char| c.is_alphanumeric())
                && (possessive || after_article || holder_follows(after))
                // "Trump's executive order": "executive" before a lowercase noun is
                // an adjective (but "chief executive officer").
                && !(*post == "executive"
                    && after.strip_prefix(' ').is_some_and(|a| {
                        a.starts_with(|c: char| c.is_lowercase()) && !a.starts_with("officer")
                    }))
        })
    })
}

/// Whether the text before a name is a post at it: "analysts at |Citibank", "chief
/// operating officer of |Sony", "an executive with |Drexel"; the name ends there (not
/// "director of |Smith's campaign", "analyst at |Morgan Stanley").
fn post_before(before: &str, rest: &str) -> bool {
    let Some(before) = [" at ", " of ", " with "]
        .iter()
        .find_map(|p| before.strip_suffix(p))
    else {
        return false;
    };
    let name_ends = !(rest.starts_with(['\'', '’', '-'])
        || rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())));
    name_ends
        && POSTS.iter().any(|post| {
            // A capitalised post only in the plural, at a sentence's start ("Analysts
            // at Citibank"): "President of Slovenia Borut Pahor" is a title.
            ends_with_word(before, post) && (post.ends_with('s') || before.ends_with(post))
        })
}

/// Whether the text after a one-word name says that "it" did something: "Airbus|
/// said its deliveries ...", "Nintendo| said it would ...", "Ofcom| says it has
/// ...": a firm or a body speaks of itself as "it"; a person, as "he", "she" or "I".
fn says_it_after(rest: &str) -> bool {
    const DEEDS: [&str; 14] = [
        "has",
        "had",
        "would",
        "will",
        "expects",
        "expected",
        "plans",
        "planned",
        "intends",
        "agreed",
        "completed",
        "received",
        "sold",
        "acquired",
    ];
    // (After a closing bracket or a comma too: "(Nationair) said it plans",
    // "<Intelmatique>, said it".)
    let Some(rest) = rest.trim_start_matches([')', '>', ',']).strip_prefix(' ') else {
        return false;
    };
    let mut words = rest.split(' ').take(4);
    let mut verb = words.next().unwrap_or("");
    if !matches!(verb, "said" | "says") {
        // One adverb between: "Airbus also said".
        if !verb.chars().all(|c| c.is_lowercase()) {
            return false;
        }
        verb = words.next().unwrap_or("");
    }
    matches!(verb, "said" | "says")
        && match words.next().unwrap_or("") {
            "its" => true,
            "it" => words
                .next()
                .is_some_and(|w| DEEDS.contains(&w.trim_end_matches([',', '.']))),
            _ => false,
        }
}

/// Whether the article gives a name a title somewhere ("President Reagan", "Mines and
/// Energy Minister Subroto", "Sen. Al Franken"): a person, whatever "it" says.
fn introduced(text: &str, toks: &[Token], runs: &[Run], w: &WordLists, name: &str) -> bool {
    runs.iter().any(|r| {
        text[toks[r.name_start].start..toks[r.last].end] == *name
            && (r.title_start..r.name_start).any(|k| w.is_title(toks[k].text(text)))
    })
}

/// First words that are an article in Arabic and Spanish names of channels, papers and
/// groups ("Al Jazeera", "Al Shabaka", "El Pais", "El Financiero") and a first name
/// too ("Al Franken"), with the space after them.
const ARTICLES: [&str; 2] = ["Al ", "El "];

/// Whether the article treats a two-word name whose first word is one of [`ARTICLES`]
/// as a person's, as it treats people: a title before it ("Sen. Al Franken"), the
/// surname alone elsewhere ("Franken said"), or a role after it ("said Al Breach, an
/// economist at UBS", "said Al Posti, Alcoa's manager"). A channel or a paper gets
/// none of these: "Al Jazeera" is never "Jazeera".
fn treated_as_person(
    text: &str,
    toks: &[Token],
    runs: &[Run],
    w: &WordLists,
    name: &str,
    surname: &str,
) -> bool {
    if introduced(text, toks, runs, w, name) {
        return true;
    }
    memchr::memmem::find_iter(text.as_bytes(), surname.as_bytes()).any(|at| {
        let (before, rest) = (&text[..at], &text[at + surname.len()..]);
        if before.ends_with(|c: char| c.is_alphanumeric())
            || rest.starts_with(|c: char| c.is_alphanumeric())
        {
            return false;
        }
        // A mention of the whole name ("Al Jazeera", "Al-Jazeera", "al Qaeda"), or the
        // surname alone.
        let first = name[..name.len() - surname.len()].trim_end();
        let whole = before
            .strip_suffix([' ', '-'])
            .is_some_and(|b| ends_with_word(b, first));
        !whole || role_after(rest)
    })
}

/// Whether the text after a name describes a person's role: a comma and a lowercase
/// noun phrase ("Al Breach, an economist at UBS") or someone's post ("Al Posti,
/// Alcoa's manager of corporate news"). (A body is described by a name: "Al Shabaka,
/// the Palestinian Policy Network".)
fn role_after(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(", ") else {
        return false;
    };
    if let Some(phrase) = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
    {
        return phrase.starts_with(|c: char| c.is_lowercase());
    }
    let word_end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    rest.starts_with(|c: char| c.is_uppercase())
        && ["'s ", "’s "].iter().any(|s| {
            rest[word_end..]
                .strip_prefix(s)
                .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
        })
}

/// Whether one mention of a name (`before` and `rest` are the text around it) names
/// it as a company: followed, after at most one more capitalised word, by a legal
/// form or a stock ticker ("Sears Roebuck and Co", "Goldman Sachs and Co", "Dixons
/// Cyclops Plc", "Kidder Peabody <KP>", "Airbus Industrie"), inside wire copy's angle
/// brackets ("<Airbus Industrie>"), or followed by a noun for a paper or a broadcaster;
/// or, for a one-word name, after a lowercase noun for a company ("handset maker
/// Ericsson", "film giant Disney", "polling agency Gallup"; a person is described by
/// role, "chief executive Jane Fraser", not as a firm).
fn named_as_company(before: &str, rest: &str, one_word: bool) -> bool {
    // (Wire copy marks a company without a ticker in angle brackets: "<Airbus
    // Industrie>".)
    before.ends_with('<')
        || legal_form_after(rest)
        || media_noun_after(rest)
        || (one_word && (company_noun_before(before) || listed_among_firms(before)))
}

/// Firms in the plural, then a list that names one: "backed by 100 firms including
/// |Sony", "companies such as Microsoft and |Sony", "rivals, including |Sogou".
fn listed_among_firms(before: &str) -> bool {
    #[rustfmt::skip] // word lists read best as paragraphs, not one word a line
    const FIRMS: [&str; 12] = [
        "companies", "firms", "makers", "banks", "rivals", "carriers", "airlines",
        "retailers", "lenders", "insurers", "automakers", "competitors",
    ];
    // Back over the list's earlier names: capitalised words, commas, "and", "or".
    let mut rest = before;
    loop {
        let trimmed = rest.trim_end_matches([' ', ',']);
        let word_start = trimmed
            .char_indices()
            .rfind(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        let listed = word.starts_with(|c: char| c.is_uppercase()) || matches!(word, "and" | "or");
        if !listed || word_start == 0 || trimmed.len() + 3 < rest.len() {
            break;
        }
        rest = &trimmed[..word_start];
    }
    let Some(head) = ["including ", "like ", "such as "]
        .iter()
        .find_map(|w| rest.strip_suffix(w))
    else {
        return false;
    };
    let head = head.trim_end_matches([' ', ',']);
    // ("Companies such as" opening a sentence.)
    FIRMS.iter().any(|f| ends_with_word(head, f))
}

/// Whether `text` ends with `word` as a whole word, ASCII case ignored.
fn ends_with_word(text: &str, word: &str) -> bool {
    let at = text.len().saturating_sub(word.len());
    text.is_char_boundary(at)
        && text[at..].eq_ignore_ascii_case(word)
        && !text[..at].ends_with(|c: char| c.is_alphanumeric())
}

/// "Tanjug| news agency said": the text after a name is a space and a lowercase noun
/// for a paper, an agency or a broadcaster (a person's name is followed by no such
/// noun; "the Trump administration" has none of these).
fn media_noun_after(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    MEDIA_NOUNS_AFTER.iter().any(|noun| {
        rest.strip_prefix(noun)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// "handset maker |Ericsson": the text before a name ends in a lowercase noun for a
/// company and a space.
fn company_noun_before(before: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.starts_with(|c: char| c.is_lowercase()) && set_company_nouns().has(word)
}

/// "Goldman| Sachs and Co": the text after a name is a legal form or a ticker, after
/// at most one more capitalised word ("Goldman, [Sachs] and Co", "Kaufman and [Broad]
/// Inc": partners' names).
fn legal_form_after(rest: &str) -> bool {
    // (Wire copy also writes them in lowercase: "Baker International corp said".)
    #[rustfmt::skip] // word lists read best as paragraphs, not one word a line
    const FORMS: &[&str] = &[
        "Inc", "Corp", "Co", "Cos", "Ltd", "Plc", "PLC", "LLC", "AG", "SA", "S.A.", "NV",
        "N.V.", "GmbH", "BV", "B.V.", "SpA", "Spa", "KGaA", "and Co", "& Co", "inc", "corp",
        "co", "ltd", "plc", "Industrie", "Industries",
    ];
    let is_form = |rest: &str| {
        let rest = rest.trim_start_matches(',').trim_start();
        // ("co-founder" is no "co".)
        rest.starts_with('<')
            || FORMS.iter().any(|f| {
                rest.strip_prefix(f).is_some_and(|after| {
                    !after.starts_with(|c: char| c.is_alphanumeric() || c == '-')
                })
            })
    };
    if is_form(rest) {
        return true;
    }
    let rest = rest
        .strip_prefix(" and ")
        .or_else(|| rest.strip_prefix(" & "))
        .map_or(rest, |r| &rest[rest.len() - r.len() - 1..]);
    let next = rest.trim_start_matches(',').trim_start_matches(' ');
    let word_end = next
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(next.len());
    (rest.starts_with(' ') || rest.starts_with(", "))
        && word_end > 0
        && next.starts_with(|c: char| c.is_uppercase())
        && is_form(&next[word_end..])
}

/// The firm rules through [`super::speakers::extract`]: whom an article quotes.
#[cfg(test)]
mod tests {
    fn names(text: &str) -> Vec<String> {
        super::super::speakers::extract(text)
            .into_iter()
            .map(|s| s.name)
            .collect()
    }

    #[test]
    fn a_company_the_article_names_with_its_legal_form_is_no_speaker() {
        assert!(names(
            "\"Demand is strong,\" Sears Roebuck said. Sears Roebuck and Co <S> shares rose."
        )
        .is_empty());
        assert!(
            names("\"We will grow,\" Goldman said. Goldman Sachs and Co advised the deal.")
                .is_empty()
        );
        assert!(
            names("\"Sales fell,\" said Dixons Cyclops. Dixons Cyclops Plc makes cameras.")
                .is_empty()
        );
        // Wire copy's lowercase legal form; "co-founded" is none.
        assert!(names(
            "Baker International corp said it sued. \"We will win,\" Baker said in Houston."
        )
        .is_empty());
        assert_eq!(
            names("Hargreaves co-founded the firm. \"It grew fast,\" Hargreaves said."),
            vec!["Hargreaves"]
        );
        // A person named like a company keeps their name: the company is another name.
        assert_eq!(
            names("\"Sales rose,\" said Roy Disney. Walt Disney Co shares fell."),
            vec!["Roy Disney"]
        );
        assert_eq!(
            names("\"Prices will rise,\" said John Smith, an analyst at Smith Barney."),
            vec!["John Smith"]
        );
    }

    #[test]
    fn a_paper_an_agency_or_a_broadcaster_is_no_speaker() {
        assert!(
            names("Tanjug said the talks ended. The official Tanjug news agency said so.")
                .is_empty()
        );
        assert!(names("The government daily Izvestia said a change was near.").is_empty());
        // A person's name before "administration" or "campaign" stays a person's.
        assert_eq!(
            names("\"We will act,\" Kowalski said. The Kowalski campaign declined to comment."),
            ["Kowalski"]
        );
    }

    #[test]
    fn a_body_named_after_what_it_is_is_no_speaker() {
        assert!(
            names("\"Prices rose,\" the statistics office Statnor said. Statnor said so.")
                .is_empty()
        );
        assert!(names("\"Rivals must get access,\" telecom regulator Ofcom said.").is_empty());
        assert!(names("\"We will strike,\" the engineers union Metallix said.").is_empty());
    }

    #[test]
    fn a_name_listed_among_firms_is_a_firm() {
        assert!(
            names("It is backed by 100 firms including Dorvex. \"Costs fell,\" Dorvex said.")
                .is_empty()
        );
        assert!(
            names("Companies such as Kelto and Dorvex sell it. \"Costs fell,\" Dorvex said.")
                .is_empty()
        );
        // Not across a sentence, nor after people; and no panic on a character of
        // several bytes before the name.
        assert_eq!(
            names("Firms including\u{a0}Dorvex agreed. \"Costs fell,\" Dorvex said."),
            ["Dorvex"]
        );
        assert_eq!(
            names("Firms like Kelto sell it. Dorvex agreed. \"Costs fell,\" Dorvex said."),
            ["Dorvex"]
        );
        assert_eq!(
            names("Analysts including Jane Dorvex agreed. \"Costs fell,\" Dorvex said."),
            ["Jane Dorvex"]
        );
    }

    #[test]
    fn a_name_in_angle_brackets_or_before_industries_is_a_firm() {
        assert!(
            names("The <Dorvex Industrie> group signed. \"Costs fell,\" Dorvex said.").is_empty()
        );
        assert!(
            names("Koorbin Industries won the order. \"Costs fell,\" Koorbin said.").is_empty()
        );
        assert!(
            names("Talks with the consortium Dorvex ended. \"Costs fell,\" Dorvex said.")
                .is_empty()
        );
    }

    #[test]
    fn a_name_with_employees_is_a_firm() {
        // A post after the name, with its holder or after an article, or possessive.
        assert_eq!(
            names(
                "Sales rose, Gartner said. \"It was a good year,\" Gartner analyst Jane Doe said."
            ),
            ["Jane Doe"]
        );
        assert!(
            names("\"No comment,\" Dorvex said. A Dorvex representative was not reached.")
                .is_empty()
        );
        assert!(names("Yahoo said the deal was off. Yahoo's board met on Monday.").is_empty());
        assert!(
            names("\"Demand is strong,\" Dorvex said. Dorvex CEO Ann Lee agreed.")
                .iter()
                .all(|n| n != "Dorvex")
        );
        // A post before it with "at", "of" or "with".
        assert!(
            names("\"Rates will fall,\" Citibank said. Analysts at Citibank expect a cut.")
                .is_empty()
        );
        // Not a person's post after their name, an order, or a titled name.
        assert_eq!(
            names("The board named Thomas Burke president. \"We will grow,\" Burke said."),
            ["Thomas Burke"]
        );
        assert_eq!(
            names("\"Silver will rise,\" said Mike Boswell chairman of Sunshine Mining."),
            ["Mike Boswell"]
        );
        assert_eq!(
            names("\"It ends now,\" Trump said. Trump's executive order ended the program."),
            ["Trump"]
        );
        assert_eq!(
            names("\"We will win,\" President Kowalski said. A Kowalski representative agreed."),
            ["Kowalski"]
        );
        // (Whatever the name's extent: the country glued before it is another matter.)
        assert!(
            names("\"Trade will double,\" President of Slovenia Borut Pahor said.")
                .iter()
                .any(|n| n.ends_with("Borut Pahor"))
        );
    }

    #[test]
    fn a_channel_or_paper_named_with_an_article_is_no_speaker() {
        assert!(names(
            "Al Jazeera said the strike killed 12 people. Al Jazeera has reported from the city."
        )
        .is_empty());
        assert!(names("\"The talks failed,\" El Pais said on Monday.").is_empty());
        assert!(
            names("Al Qaeda said it carried out the attack, an al Qaeda video showed.").is_empty()
        );
        // "Al" is a first name too: a person has a title, a role or a surname alone.
        assert_eq!(
            names("\"We will vote no,\" said Sen. Al Franken of Minnesota."),
            ["Al Franken"]
        );
        assert_eq!(
            names("\"It is not good,\" said Al Breach, an economist at a bank in Moscow."),
            ["Al Breach"]
        );
        assert_eq!(
            names("\"Prices will fall,\" said Al Posti, Alcoa's manager of news."),
            ["Al Posti"]
        );
        assert_eq!(
            names("Al Smith said the vote was close. \"We won,\" Smith said."),
            ["Al Smith"]
        );
    }

    #[test]
    fn a_name_that_says_it_did_something_is_a_firm() {
        assert!(names("Nintendo said it would cut prices in Europe.").is_empty());
        assert!(
            names("\"Sales were strong,\" Airbus said. Airbus also said its deliveries rose.")
                .is_empty()
        );
        // Not "it was": anyone may say that; nor a name with a title.
        assert_eq!(
            names("\"We tried,\" Kowalski said. Kowalski said it was hard to do."),
            ["Kowalski"]
        );
        assert_eq!(
            names("\"No,\" President Reagan said. Reagan said it would fail."),
            ["Reagan"]
        );
        // The name itself, not a longer word it begins ("the Kowalskis").
        assert_eq!(
            names("\"We tried,\" Kowalski said. The Kowalskis said it would sell."),
            ["Kowalski"]
        );
        assert!(names("Canadian carrier <Nationair> said it plans to fly to Paris.").is_empty());
    }
}
