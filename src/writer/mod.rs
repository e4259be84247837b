//! The index as the write stage sees it: opening or creating it, checking that it
//! was built with this schema, and turning an [`Article`] into a tantivy document.
//! The pipeline's index sink (`ingest::index_sink`) writes those documents.

use std::path::Path;

use anyhow::Context;
use tantivy::schema::Facet;
use tantivy::{DateTime, Index, TantivyDocument};

use crate::extract::Article;
use crate::schema::NewsSchema;

/// Opens the index in `dir`, creating it (and the directory) if needed.
pub fn open_or_create(dir: &Path, schema: &NewsSchema) -> anyhow::Result<Index> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create index directory {}", dir.display()))?;
    let index = if dir.join("meta.json").exists() {
        Index::open_in_dir(dir)
            .with_context(|| format!("cannot open index at {}", dir.display()))?
    } else {
        Index::builder()
            .schema(schema.schema.clone())
            .settings(settings())
            .create_in_dir(dir)
            .with_context(|| format!("cannot create index at {}", dir.display()))?
    };
    check_schema(&index, dir)?;
    Ok(index)
}

/// The stored articles (and quotes) are compressed in blocks of this many bytes
/// (tantivy's default is 16 KB): showing a hit decompresses its whole block, and at
/// 16 KB, 3-4 articles of which one is shown, that was about a tenth of a term
/// search's instructions at 1M articles. An index keeps the size it was created with.
pub const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// The settings of a new index (and of its quote index).
pub fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..Default::default()
    }
}

/// What each commit records in `meta.json` (its payload): the schema version the
/// index was built with.
pub fn commit_payload() -> String {
    format!("newsdex-schema-{}", NewsSchema::new().version)
}

/// Checks that `index` (at `dir`) was built with this newsdex's schema and version,
/// and registers its analyzer.
pub fn check_schema(index: &Index, dir: &Path) -> anyhow::Result<()> {
    let rebuild = "delete it and index again, or index into a new directory";
    if index.schema() != NewsSchema::new().schema {
        anyhow::bail!(
            "the index at {} was built with another schema; {rebuild}",
            dir.display()
        );
    }
    let metas = index
        .load_metas()
        .with_context(|| format!("cannot read {}", dir.join("meta.json").display()))?;
    let built_with = metas.payload.as_deref();
    // A new, empty index has no payload until its first commit.
    if built_with != Some(commit_payload().as_str()) && !metas.segments.is_empty() {
        anyhow::bail!(
            "the index at {} was built by another version of newsdex ({}; this one reads {}), whose terms would not match this one's queries; {rebuild}",
            dir.display(),
            built_with.unwrap_or("newsdex-schema-1"),
            commit_payload()
        );
    }
    crate::analyzer::register(index);
    Ok(())
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
    check_schema(&index, dir)?;
    Ok((index, NewsSchema::new()))
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
    // Title and body go to the fields of the article's language group, analysed as
    // that language is.
    let group = crate::analyzer::group_of(a.lang.as_deref());
    doc.add_text(schema.titles[group], &a.title);
    doc.add_text(schema.bodies[group], &a.body);
    if let Some(ts) = a.date {
        doc.add_date(schema.date, DateTime::from_timestamp_secs(ts));
    }
    if let Some(ts) = a.fetched {
        doc.add_date(schema.fetched, DateTime::from_timestamp_secs(ts));
    }
    if let Some(lang) = &a.language {
        doc.add_text(schema.language, lang);
    }
    if let Some(lang) = &a.lang {
        doc.add_facet(schema.lang, Facet::from_path([facet_component(lang)]));
    }
    for author in &a.authors {
        doc.add_text(schema.authors, author);
    }
    for s in &a.speakers {
        doc.add_facet(schema.speaker, Facet::from_path([facet_component(&s.name)]));
    }
    for path in a.places.iter().filter_map(|p| p.path.as_deref()) {
        let parts: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
        doc.add_facet(schema.place, Facet::from_path(parts));
    }
    doc.add_u64(schema.hash, a.content_hash);
    let extraction = serde_json::to_string(&a.extract_output()).unwrap_or_default();
    doc.add_text(schema.extraction, extraction);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_index_stores_articles_in_small_blocks_and_an_old_one_keeps_its_own() {
        let schema = NewsSchema::new();
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path(), &schema).unwrap();
        assert_eq!(index.settings().docstore_blocksize, DOCSTORE_BLOCK_BYTES);
        // An index created with tantivy's default keeps it when opened again.
        let old = tempfile::tempdir().unwrap();
        Index::create_in_dir(old.path(), schema.schema.clone()).unwrap();
        let reopened = open_or_create(old.path(), &schema).unwrap();
        assert_eq!(
            reopened.settings().docstore_blocksize,
            tantivy::IndexSettings::default().docstore_blocksize
        );
    }

    #[test]
    fn a_new_quote_index_stores_quotes_in_small_blocks_too() {
        let dir = tempfile::tempdir().unwrap();
        let quotes = crate::quotes::open_or_create(dir.path()).unwrap();
        assert_eq!(quotes.settings().docstore_blocksize, DOCSTORE_BLOCK_BYTES);
    }
}
