//! The matches of a disjunction of terms (`oil OR gas`; a single word is one too, a
//! term in each title and body field), found by OR-ing each term's postings into a
//! bitset a block at a time, as tantivy does for the terms of a regex. tantivy's
//! union scorer instead merges the terms document by document through a sliding
//! window, for scores the count does not need: at a million articles that walk was
//! most of the time of counting a large result set.
//!
//! Used where a search counts every match in a pass of its own (the top hits come
//! from block-max WAND): the total, the facet counts and the histogram.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, SegmentReader, Term};

/// The terms of a query that matches exactly the documents any of them matches:
/// term queries (boosted or not) joined by SHOULD at any depth. `None` for anything
/// else (phrases, ranges, conjunctions, exclusions, all documents).
pub(super) fn disjunction_terms(query: &dyn Query) -> Option<Vec<Term>> {
    let mut terms = Vec::new();
    collect(query, &mut terms).then_some(terms)
}

/// [`disjunction_terms`] of two or more terms: one term's matches tantivy already
/// reads a block at a time (and counts from its document frequency).
pub(super) fn union_terms(query: &dyn Query) -> Option<Vec<Term>> {
    disjunction_terms(query).filter(|t| t.len() > 1)
}

fn collect(query: &dyn Query, terms: &mut Vec<Term>) -> bool {
    if let Some(t) = query.downcast_ref::<TermQuery>() {
        terms.push(t.term().clone());
        return true;
    }
    if query.downcast_ref::<EmptyQuery>().is_some() {
        return true;
    }
    if let Some(b) = query.downcast_ref::<BooleanQuery>() {
        return b.get_minimum_number_should_match() <= 1
            && b.clauses()
                .iter()
                .all(|(occur, sub)| *occur == Occur::Should && collect(&**sub, terms));
    }
    // A boost does not show what it wraps: one term without positions is a boosted
    // term query (a title's boost); anything else is left to tantivy.
    if query.downcast_ref::<BoostQuery>().is_some() {
        let mut inner = Vec::new();
        let mut positions = false;
        query.query_terms(&mut |t, with_positions| {
            inner.push(t.clone());
            positions |= with_positions;
        });
        if inner.len() == 1 && !positions {
            terms.append(&mut inner);
            return true;
        }
    }
    false
}

/// A segment's live documents that any of a set of terms matches.
pub(super) struct Matches<'a> {
    words: Vec<u64>,
    reader: &'a SegmentReader,
}

impl<'a> Matches<'a> {
    /// Reads the postings of `terms` in `reader`.
    pub(super) fn of(reader: &'a SegmentReader, terms: &[Term]) -> tantivy::Result<Matches<'a>> {
        let mut words = vec![0u64; (reader.max_doc() as usize).div_ceil(64)];
        for term in terms {
            let inverted = reader.inverted_index(term.field())?;
            let Some(mut postings) =
                inverted.read_block_postings(term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    if let Some(w) = words.get_mut(doc as usize / 64) {
                        *w |= 1 << (doc % 64);
                    }
                }
                postings.advance();
            }
        }
        Ok(Matches { words, reader })
    }

    /// How many live documents match.
    pub(super) fn count(&self) -> u64 {
        match self.reader.alive_bitset() {
            None => self.words.iter().map(|w| w.count_ones() as u64).sum(),
            Some(_) => {
                let mut n = 0;
                self.for_each_block(|docs| n += docs.len() as u64);
                n
            }
        }
    }

    /// Calls `f` with the matching live documents in order, a block at a time.
    pub(super) fn for_each_block(&self, mut f: impl FnMut(&[DocId])) {
        let alive = self.reader.alive_bitset();
        let mut block = [0 as DocId; 64];
        for (i, &word) in self.words.iter().enumerate() {
            let mut w = word;
            let mut n = 0;
            while w != 0 {
                let doc = (i * 64) as DocId + w.trailing_zeros();
                w &= w - 1;
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    block[n] = doc;
                    n += 1;
                }
            }
            if n > 0 {
                f(&block[..n]);
            }
        }
    }

    /// Runs a collector that needs no scores over the matches.
    pub(super) fn collect<C: Collector>(
        &self,
        collector: &C,
        ord: tantivy::SegmentOrdinal,
    ) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
        let mut child = collector.for_segment(ord, self.reader)?;
        self.for_each_block(|docs| child.collect_block(docs));
        Ok(child.harvest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::{AllQuery, PhraseQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    fn index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).unwrap();
        // Enough documents for several postings blocks and a partial last word.
        for i in 0..1_000u32 {
            let mut text = String::from("filler");
            if i % 3 == 0 {
                text.push_str(" oil");
            }
            if i % 7 == 0 {
                text.push_str(" gas");
            }
            let heading = if i % 11 == 0 { "oil prices" } else { "news" };
            writer
                .add_document(doc!(title => heading, body => text))
                .unwrap();
        }
        writer.commit().unwrap();
        // Deleted documents are not matches.
        writer.delete_term(Term::from_field_text(title, "prices"));
        writer.commit().unwrap();
        (index, title, body)
    }

    fn term(field: tantivy::schema::Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::Basic,
        ))
    }

    #[test]
    fn a_disjunction_of_terms_matches_what_tantivy_counts_deleted_documents_aside() {
        let (index, title, body) = index();
        let searcher = index.reader().unwrap().searcher();
        let query = BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(term(title, "oil"), 2.0)) as Box<dyn Query>,
            ),
            (Occur::Should, term(body, "oil")),
            (
                Occur::Should,
                Box::new(BooleanQuery::new(vec![(Occur::Should, term(body, "gas"))])),
            ),
        ]);
        let terms = disjunction_terms(&query).expect("a disjunction of terms");
        assert_eq!(terms.len(), 3);
        let mut n = 0;
        let mut docs = Vec::new();
        for reader in searcher.segment_readers() {
            let m = Matches::of(reader, &terms).unwrap();
            n += m.count();
            m.for_each_block(|b| docs.extend_from_slice(b));
        }
        let expected = searcher.search(&query, &Count).unwrap() as u64;
        assert_eq!(n, expected);
        assert_eq!(docs.len() as u64, expected);
        assert!(docs.windows(2).all(|w| w[0] < w[1]));
        // Documents 0 (deleted: its title says "prices") and 3 match "oil"; 7 "gas".
        assert!(!docs.contains(&0) && docs.contains(&3) && docs.contains(&7));
        assert!(!docs.contains(&1));
    }

    #[test]
    fn anything_but_a_disjunction_of_terms_is_left_to_tantivy() {
        let (_, title, body) = index();
        let must = BooleanQuery::new(vec![
            (Occur::Must, term(body, "oil")),
            (Occur::Should, term(body, "gas")),
        ]);
        assert!(disjunction_terms(&must).is_none());
        let not = BooleanQuery::new(vec![
            (Occur::Should, term(body, "oil")),
            (Occur::MustNot, term(title, "news")),
        ]);
        assert!(disjunction_terms(&not).is_none());
        let phrase = PhraseQuery::new(vec![
            Term::from_field_text(title, "oil"),
            Term::from_field_text(title, "prices"),
        ]);
        assert!(disjunction_terms(&BoostQuery::new(Box::new(phrase), 2.0)).is_none());
        assert!(disjunction_terms(&AllQuery).is_none());
        assert!(disjunction_terms(&BoostQuery::new(Box::new(AllQuery), 2.0)).is_none());
        let two_of = BooleanQuery::with_minimum_required_clauses(
            vec![
                (Occur::Should, term(body, "oil")),
                (Occur::Should, term(body, "gas")),
            ],
            2,
        );
        assert!(disjunction_terms(&two_of).is_none());
    }
}
