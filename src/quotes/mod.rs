//! Quotes as search results (issue 17): every attributed quote is a document of a
//! second tantivy index beside the articles' (`INDEX/quotes/`), with its speaker,
//! the article's id, title, date and source, and its offsets in the article, so a
//! quote result is shown without reading the article. The index sink writes it with
//! the articles: an article's quotes are replaced with it, and committed before it
//! (a crash between the two commits leaves quotes a re-run replaces, never an
//! article whose quotes are lost).
//!
//! A search ranks quotes by BM25 over their text; the same quote printed by several
//! outlets is one result, with the articles that print it.
//!
//! `search.rs` answers a request; `tally.rs` counts who says it and when.

mod search;
mod tally;

pub use search::{search, QuoteHit, QuoteRequest, QuoteResults, Quotes};
pub use tally::{Counted, QuoteFacets};

use std::path::{Path, PathBuf};

use anyhow::Context;
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{DateTime, Index, TantivyDocument, Term};

use crate::extract::text::fold;
use crate::extract::Article;

/// The quote index's directory inside the index directory.
pub const DIR: &str = "quotes";

/// The fields of a quote document.
#[derive(Clone)]
pub struct QuoteSchema {
    pub schema: Schema,
    /// The quote's words (English analysis: speakers are extracted from English).
    pub text: Field,
    /// The speaker's canonical name in the article, a one-level facet.
    pub speaker: Field,
    /// The article's id: its quotes are deleted and written again with it.
    pub article: Field,
    pub title: Field,
    pub date: Field,
    pub source: Field,
    pub start: Field,
    pub end: Field,
    /// A hash of the quote's folded words: the same quote in several articles.
    pub key: Field,
}

impl Default for QuoteSchema {
    fn default() -> Self {
        Self::new()
    }
}

impl QuoteSchema {
    pub fn new() -> QuoteSchema {
        let mut b = Schema::builder();
        let words = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(crate::analyzer::GROUPS[0].tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let text = b.add_text_field("text", words);
        let speaker = b.add_facet_field("speaker", FacetOptions::default().set_stored());
        let article = b.add_text_field("article", STRING | STORED);
        let title = b.add_text_field("title", STORED);
        let date = b.add_date_field("date", INDEXED | FAST | STORED);
        let source = b.add_facet_field("source", FacetOptions::default().set_stored());
        let start = b.add_u64_field("start", STORED);
        let end = b.add_u64_field("end", STORED);
        let key = b.add_u64_field("key", NumericOptions::default() | INDEXED | FAST | STORED);
        QuoteSchema {
            schema: b.build(),
            text,
            speaker,
            article,
            title,
            date,
            source,
            start,
            end,
            key,
        }
    }

    /// The quote documents of an article.
    pub fn documents(&self, a: &Article) -> Vec<TantivyDocument> {
        let mut out = Vec::new();
        for s in &a.speakers {
            for q in &s.quotes {
                let mut doc = TantivyDocument::default();
                doc.add_text(self.text, &q.text);
                doc.add_facet(
                    self.speaker,
                    Facet::from_path([crate::writer::facet_component(&s.name)]),
                );
                doc.add_text(self.article, &a.id);
                doc.add_text(self.title, &a.title);
                if let Some(ts) = a.date {
                    doc.add_date(self.date, DateTime::from_timestamp_secs(ts));
                }
                if let Some(source) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
                    doc.add_facet(
                        self.source,
                        Facet::from_path([crate::writer::facet_component(source)]),
                    );
                }
                doc.add_u64(self.start, q.start as u64);
                doc.add_u64(self.end, q.end as u64);
                doc.add_u64(self.key, quote_key(&q.text));
                out.push(doc);
            }
        }
        out
    }

    /// The term that deletes an article's quotes.
    pub fn article_term(&self, id: &str) -> Term {
        Term::from_field_text(self.article, id)
    }
}

/// The same quote whatever its case, accents, punctuation and spacing: a hash of its
/// folded words.
pub fn quote_key(text: &str) -> u64 {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes())
}

fn dir_of(index_dir: &Path) -> PathBuf {
    index_dir.join(DIR)
}

/// Opens the quote index beside the articles' in `index_dir`, creating it if needed.
pub fn open_or_create(index_dir: &Path) -> anyhow::Result<Index> {
    open_or_create_new(index_dir).map(|(index, _)| index)
}

/// [`open_or_create`], and whether it was created now.
pub fn open_or_create_new(index_dir: &Path) -> anyhow::Result<(Index, bool)> {
    let dir = dir_of(index_dir);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the quote index {}", dir.display()))?;
    let schema = QuoteSchema::new().schema;
    let created = !dir.join("meta.json").exists();
    let index = if !created {
        let index = Index::open_in_dir(&dir)
            .with_context(|| format!("cannot open the quote index {}", dir.display()))?;
        if index.schema() != schema {
            anyhow::bail!(
                "the quote index {} was built with another schema; delete the index and index again",
                dir.display()
            );
        }
        index
    } else {
        Index::builder()
            .schema(schema)
            .settings(crate::writer::settings())
            .create_in_dir(&dir)
            .with_context(|| format!("cannot create the quote index {}", dir.display()))?
    };
    crate::analyzer::register(&index);
    Ok((index, created))
}
