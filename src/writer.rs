//! The write stage: opening or creating the index, turning an [`Article`] into a
//! tantivy document, and deciding per article whether it is new, an update of an
//! article already indexed (same id, other content) or a duplicate (same id, same
//! content), so that re-ingesting a dump adds nothing twice.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DateTime, DocSet, Index, IndexReader, Searcher, TantivyDocument, Term, TERMINATED};
use xxhash_rust::xxh3::xxh3_64;

use crate::extract::Article;
use crate::schema::{NewsSchema, HASH_FAST_FIELD};

/// Opens the index in `dir`, creating it (and the directory) if needed.
pub fn open_or_create(dir: &Path, schema: &NewsSchema) -> anyhow::Result<Index> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create index directory {}", dir.display()))?;
    let has_meta = dir.join("meta.json").exists();
    let index = if has_meta {
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("cannot open index at {}", dir.display()))?;
        if index.schema() != schema.schema {
            anyhow::bail!(
                "the index at {} was built with another schema; index into a new directory or delete it",
                dir.display()
            );
        }
        index
    } else {
        Index::create_in_dir(dir, schema.schema.clone())
            .with_context(|| format!("cannot create index at {}", dir.display()))?
    };
    crate::analyzer::register(&index);
    Ok(index)
}

/// Opens an existing index for searching, with a clear message when there is none.
pub fn open_existing(dir: &Path) -> anyhow::Result<(Index, NewsSchema)> {
    if !dir.join("meta.json").exists() {
        anyhow::bail!(
            "no newsdex index at {} (create one with `newsdex index --index {} PATH...`)",
            dir.display(),
            dir.display()
        );
    }
    let index = Index::open_in_dir(dir)
        .with_context(|| format!("cannot open index at {}", dir.display()))?;
    let schema = NewsSchema::new();
    if index.schema() != schema.schema {
        anyhow::bail!(
            "the index at {} was built with another schema version",
            dir.display()
        );
    }
    crate::analyzer::register(&index);
    Ok((index, schema))
}

/// A facet from free text, one path component (slashes would split it).
pub fn facet_component(s: &str) -> String {
    s.trim().replace('/', "-")
}

/// The tantivy document of an article.
pub fn to_document(schema: &NewsSchema, a: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(schema.id, &a.id);
    if let Some(url) = &a.url {
        doc.add_text(schema.url, url);
    }
    if let Some(source) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        doc.add_facet(schema.source, Facet::from_path([facet_component(source)]));
    }
    doc.add_text(schema.title, &a.title);
    doc.add_text(schema.body, &a.body);
    if let Some(ts) = a.date {
        doc.add_date(schema.date, DateTime::from_timestamp_secs(ts));
    }
    if let Some(lang) = &a.language {
        doc.add_text(schema.language, lang);
    }
    for author in &a.authors {
        doc.add_text(schema.authors, author);
    }
    for s in &a.speakers {
        doc.add_facet(schema.speaker, Facet::from_path([facet_component(&s.name)]));
    }
    for p in &a.places {
        let parts: Vec<&str> = p.path.split('/').filter(|c| !c.is_empty()).collect();
        doc.add_facet(schema.place, Facet::from_path(parts));
    }
    doc.add_u64(schema.hash, a.content_hash);
    let extraction = serde_json::to_string(&a.extract_output()).unwrap_or_default();
    doc.add_text(schema.extraction, extraction);
    doc
}

/// What to do with an article given what the index and this run already hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Add,
    Update,
    Duplicate,
}

/// Remembers the ids seen in this run and looks up the ones of earlier runs, so each
/// article is decided once. Sharded locks: decision and write happen under the
/// shard's lock, so two threads with the same id cannot both add.
pub struct Deduper {
    previous: Option<Searcher>,
    id_field: tantivy::schema::Field,
    shards: Vec<Mutex<HashMap<u64, u64>>>,
}

const SHARDS: usize = 64;

impl Deduper {
    pub fn new(reader: Option<&IndexReader>, schema: &NewsSchema) -> Self {
        let previous = reader.map(|r| r.searcher()).filter(|s| s.num_docs() > 0);
        Deduper {
            previous,
            id_field: schema.id,
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    /// Content hash of the live document with this id in the index as it was when the run started.
    fn previous_hash(&self, id: &str) -> Option<u64> {
        let searcher = self.previous.as_ref()?;
        let term = Term::from_field_text(self.id_field, id);
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(self.id_field).ok()?;
            let Ok(Some(mut postings)) = inv.read_postings(&term, IndexRecordOption::Basic) else {
                continue;
            };
            let hashes = seg.fast_fields().u64(HASH_FAST_FIELD).ok()?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !seg.is_deleted(doc) {
                    return Some(hashes.first(doc).unwrap_or(0));
                }
                doc = postings.advance();
            }
        }
        None
    }

    /// Is this exact article (same id, same content) already indexed or seen in this
    /// run? A cheap check made before extraction, which a duplicate does not need.
    pub fn is_duplicate(&self, id: &str, content_hash: u64) -> bool {
        let key = xxh3_64(id.as_bytes());
        let shard = &self.shards[(key % SHARDS as u64) as usize];
        let seen = shard
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .copied();
        match seen {
            Some(h) => h == content_hash,
            None => self.previous_hash(id) == Some(content_hash),
        }
    }

    /// Decides for one article and runs `write` with the decision while holding the
    /// id's lock; `write` returns whether the write happened (to remember the id).
    pub fn decide<F>(&self, id: &str, content_hash: u64, write: F) -> Decision
    where
        F: FnOnce(Decision) -> bool,
    {
        let key = xxh3_64(id.as_bytes());
        let shard = &self.shards[(key % SHARDS as u64) as usize];
        let mut seen = shard.lock().unwrap_or_else(|e| e.into_inner());
        let decision = match seen.get(&key) {
            Some(&h) if h == content_hash => Decision::Duplicate,
            Some(_) => Decision::Update,
            None => match self.previous_hash(id) {
                Some(h) if h == content_hash => Decision::Duplicate,
                Some(_) => Decision::Update,
                None => Decision::Add,
            },
        };
        if decision == Decision::Duplicate || write(decision) {
            seen.insert(key, content_hash);
        }
        decision
    }
}
