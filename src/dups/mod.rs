//! Near-duplicate articles: the same story re-issued by another outlet, with a new
//! headline, a dateline, boilerplate, trimmed paragraphs or an edited sentence.
//!
//! Each article's body becomes a MinHash sketch of its word 5-shingles
//! ([`sketch`], on the pipeline's workers; the MinHash is probminhash's optimal
//! densified one-permutation hashing, one pass over the shingles). At the index
//! sink, [`Clusters`] finds the earlier articles whose sketch shares a band (LSH),
//! checks each against the sketch, and files the article in the cluster of the
//! most similar one that is [`same_story`], else in a new cluster of its own. The
//! sketches persist beside the index (`newsdex-sketches.bin`), so a re-run finds
//! copies of what earlier runs indexed.

mod bands;
mod table;

use std::cell::RefCell;
use std::hash::BuildHasherDefault;

use probminhash::densminhash::OptDensMinHash;
use probminhash::nohasher::NoHashHasher;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

pub use table::{Clusters, SKETCH_FILE};

/// MinHash values per sketch.
pub const HASHES: usize = 64;
/// LSH bands, each of [`ROWS`] values (the first 48; all 64 are compared): two
/// articles are compared when one band is equal. With 16 bands of 3, a pair of
/// Jaccard similarity 0.5 is compared with probability 0.88, one of 0.3 with 0.36,
/// one of 0.1 with 0.016. 21 bands found 0.6 points more of the test set's copies
/// (scripts/eval_dups.py) for a third more memory.
pub const BANDS: usize = 16;
const ROWS: usize = 3;
/// Words per shingle.
const SHINGLE_WORDS: usize = 5;
/// Only the shingles of an article's first words are sketched: copies keep the
/// lead and trim or pad the end, and the sketch costs the same for a long article.
pub const LEAD_SHINGLES: usize = 200;
/// Fewer shingles than this (about 30 words) is too little text to call a copy.
pub const MIN_SHINGLES: u32 = 25;

/// An article's sketch: its signature, and the keys that find it (LSH bands).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch {
    pub signature: Signature,
    /// One key per band, from the full MinHash values.
    pub bands: [u32; BANDS],
}

/// What two articles are compared by (80 bytes an article, kept in memory for
/// every article of the index while it ingests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The low byte of each MinHash value (b-bit MinHash).
    pub values: [u8; HASHES],
    /// How many shingles were sketched (with repeats; at most [`LEAD_SHINGLES`]).
    pub shingles: u32,
    /// The figures the text gives, one bit each of 64 (a Bloom filter of one
    /// hash): see [`same_story`].
    pub numbers: u64,
}

type Hasher = OptDensMinHash<f64, u64, NoHashHasher>;

thread_local! {
    static HASHER: RefCell<Hasher> =
        RefCell::new(Hasher::new(HASHES, BuildHasherDefault::<NoHashHasher>::default()));
    static WORD: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The hash of each of the first `max` words of `text` (runs of letters and digits,
/// lowercased).
fn word_hashes(text: &str, max: usize, out: &mut Vec<u64>) {
    if text.is_ascii() {
        // Most news: bytes, lowercased in a buffer on the stack.
        let mut buf = [0u8; 64];
        for w in text
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(max)
        {
            let w = &w[..w.len().min(buf.len())];
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w);
            lower.make_ascii_lowercase();
            out.push(xxh3_64(lower));
        }
        return;
    }
    WORD.with_borrow_mut(|word| {
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(max)
        {
            word.clear();
            word.extend(w.chars().flat_map(char::to_lowercase));
            out.push(xxh3_64(word.as_bytes()));
        }
    });
}

/// Whether a number is a figure a story reports ("1.5", "6-3/16", "155,221",
/// "740"), not a date, a year or a day of the month, which datelines and copyright
/// lines add to a copy ("2017", "1987-02-26", "3").
fn is_figure(token: &[u8]) -> bool {
    if token.iter().any(|b| matches!(b, b'.' | b',' | b'/')) {
        return true;
    }
    let year = token.len() == 4 && (token.starts_with(b"19") || token.starts_with(b"20"));
    token.iter().all(u8::is_ascii_digit) && token.len() >= 3 && !year
}

/// One bit of 64 for each figure of `text` (see [`is_figure`]), a number written
/// whole: "6-3/16", "1.5", "155,221" (digits, and `.,/-` between digits).
fn number_bits(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut bits = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b'.' | b',' | b'/' | b'-')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let token = &bytes[start..i];
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) && is_figure(token) {
            bits |= 1 << (xxh3_64(token) % 64);
        }
    }
    bits
}

/// The sketch of an article's body; `None` when it is too short to tell a copy.
pub fn sketch(text: &str) -> Option<Sketch> {
    let max = LEAD_SHINGLES + SHINGLE_WORDS - 1;
    let mut words = Vec::with_capacity(max.min(text.len() / 4));
    word_hashes(text, max, &mut words);
    let shingles = words.len().checked_sub(SHINGLE_WORDS - 1)?;
    if (shingles as u32) < MIN_SHINGLES {
        return None;
    }
    let values = HASHER.with_borrow_mut(|hasher| {
        hasher.reinit();
        for w in words.windows(SHINGLE_WORDS) {
            // Order matters within a shingle: each word's hash is turned by its place.
            let h = w
                .iter()
                .enumerate()
                .fold(0u64, |h, (i, x)| h ^ x.rotate_left(11 * i as u32));
            hasher.sketch(&xxh3_64(&h.to_le_bytes()));
        }
        hasher.end_sketch();
        hasher.get_hsketch_u64()
    });
    let mut sketch = Sketch {
        signature: Signature {
            values: [0; HASHES],
            shingles: shingles as u32,
            numbers: number_bits(text),
        },
        bands: [0; BANDS],
    };
    for (byte, v) in sketch.signature.values.iter_mut().zip(&values) {
        *byte = xxh3_64(&v.to_le_bytes()) as u8;
    }
    for (b, key) in sketch.bands.iter_mut().enumerate() {
        let rows = &values[b * ROWS..(b + 1) * ROWS];
        let mut bytes = [0u8; ROWS * 8];
        for (chunk, v) in bytes.chunks_exact_mut(8).zip(rows) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        *key = xxh3_64_with_seed(&bytes, b as u64) as u32;
    }
    Some(sketch)
}

/// The estimated Jaccard similarity of the two texts' shingle sets. Two different
/// values agree on their low byte once in 256: that chance is taken out.
pub fn jaccard(a: &Signature, b: &Signature) -> f64 {
    let equal = a
        .values
        .iter()
        .zip(&b.values)
        .filter(|(x, y)| x == y)
        .count();
    let chance = 1.0 / 256.0;
    ((equal as f64 / HASHES as f64 - chance) / (1.0 - chance)).max(0.0)
}

/// Whether two sketches are of the same story: most of their shingles shared
/// (Jaccard >= 0.5), or the shorter text nearly all inside the longer one (a copy
/// with paragraphs trimmed, or with boilerplate added) and a good part of the
/// longer one shared too; and their numbers agree. A copy keeps its story's
/// figures, while template stories (a daily market operation, a company's
/// quarterly results) repeat the wording with other figures: when over a fifth of
/// the numbers of the text with fewer are not in the other, they are two stories.
pub fn same_story(a: &Signature, b: &Signature) -> Option<f64> {
    let (few, many) = if a.numbers.count_ones() <= b.numbers.count_ones() {
        (a.numbers, b.numbers)
    } else {
        (b.numbers, a.numbers)
    };
    let missing = (few & !many).count_ones();
    if missing * 5 > few.count_ones() {
        return None;
    }
    let j = jaccard(a, b);
    if j >= 0.5 {
        return Some(j);
    }
    // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
    let (na, nb) = (a.shingles as f64, b.shingles as f64);
    let containment = j * (na + nb) / ((1.0 + j) * na.min(nb));
    (j >= 0.3 && containment >= 0.8).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The central bank raised its main interest rate by a quarter of a \
        point on Thursday, the third increase this year, and said it expected inflation to \
        ease only slowly over the coming months. The governor told reporters that wage growth \
        remained strong and that the bank was ready to act again if prices kept rising. \
        Markets had expected the move, and the currency barely changed after the announcement. \
        Economists said the decision showed the bank was more worried about inflation than \
        about the risk of a recession. Mortgage lenders are expected to pass the increase on \
        to borrowers within days, adding to pressure on households already facing higher \
        energy bills.";

    #[test]
    fn a_copy_with_a_dateline_and_boilerplate_is_the_same_story() {
        let copy =
            format!("LONDON (Reuters) - {STORY}\n\nReporting by Jane Smith; Editing by Tom Brown");
        let (a, b) = (sketch(STORY).unwrap(), sketch(&copy).unwrap());
        assert!(
            same_story(&a.signature, &b.signature).is_some(),
            "jaccard {}",
            jaccard(&a.signature, &b.signature)
        );
    }

    #[test]
    fn a_copy_with_its_last_paragraph_trimmed_is_the_same_story() {
        let trimmed = &STORY[..STORY.find("Mortgage").unwrap()];
        let (a, b) = (sketch(STORY).unwrap(), sketch(trimmed).unwrap());
        assert!(
            same_story(&a.signature, &b.signature).is_some(),
            "jaccard {}",
            jaccard(&a.signature, &b.signature)
        );
    }

    #[test]
    fn another_story_on_the_same_subject_is_not() {
        let other = "The central bank kept its main interest rate unchanged on Thursday, \
            surprising some investors who had bet on a cut after weak retail sales figures. \
            Its governor said the economy was slowing but that inflation, still above the \
            target, left no room for lower borrowing costs yet. The currency rose against the \
            dollar and government bond yields climbed. Business groups urged the bank to act \
            soon, warning that small firms were struggling to refinance their loans.";
        let (a, b) = (sketch(STORY).unwrap(), sketch(other).unwrap());
        assert!(
            same_story(&a.signature, &b.signature).is_none(),
            "jaccard {}",
            jaccard(&a.signature, &b.signature)
        );
    }

    #[test]
    fn a_template_story_with_other_figures_is_not() {
        let day = |amount: &str, rate: &str, date: &str| {
            format!(
                "The Federal Reserve entered the government securities market to arrange \
                 {amount} billion dlrs of customer repurchase agreements on {date}, a \
                 spokesman for the New York Fed said. Fed funds were trading at {rate} pct at \
                 the time of the direct injection of temporary reserves, dealers said."
            )
        };
        let monday = sketch(&day("1.5", "6-1/8", "March 2")).unwrap();
        let tuesday = sketch(&day("2.25", "6-3/16", "March 3")).unwrap();
        assert!(jaccard(&monday.signature, &tuesday.signature) > 0.4);
        assert!(same_story(&monday.signature, &tuesday.signature).is_none());
        let again = sketch(&format!("NEW YORK - {}", day("1.5", "6-1/8", "March 2"))).unwrap();
        assert!(same_story(&monday.signature, &again.signature).is_some());
    }

    #[test]
    fn ascii_and_other_text_hash_words_alike() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        word_hashes("Zelenskyy SAID: talks-in Kyiv", 10, &mut a);
        word_hashes("zelenskyy said talks in kyiv ÷", 10, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn numbers_are_read_whole() {
        assert_eq!(number_bits("at 6-3/16 pct"), number_bits("6-3/16"));
        assert_ne!(number_bits("at 6-3/16 pct"), number_bits("at 6-1/4 pct"));
        assert_eq!(number_bits("155,221 bags."), number_bits("155,221"));
        // Dates, years and small counts are not figures: a dateline adds them.
        assert_eq!(
            number_bits("LONDON, 1987-02-26 - on March 3, 2017, 12 ships"),
            0
        );
        // Digits inside a word are not a number: "G7", "3M", "2nd".
        assert_eq!(number_bits("the G7 and 3M, on the 2nd"), 0);
    }

    #[test]
    fn case_and_punctuation_do_not_matter_and_short_texts_have_no_sketch() {
        let shouted = STORY.to_uppercase().replace(',', " ;");
        assert_eq!(sketch(STORY), sketch(&shouted));
        assert_eq!(sketch("Shares rose 3 pct in early trading."), None);
        assert_eq!(sketch(""), None);
    }
}
