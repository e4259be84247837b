//! The index schema: `schema/schema.json` (embedded at build time) turned into a
//! tantivy [`Schema`], and [`NewsSchema`], the one struct that owns the [`Field`]
//! handles. No other module names a field by string.

use serde::Deserialize;

use crate::analyzer::{field_name, GROUPS};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, STORED, STRING,
};

/// The schema definition as shipped in `schema/schema.json`.
pub const SCHEMA_JSON: &str = include_str!("../schema/schema.json");

#[derive(Debug, Deserialize)]
struct SchemaFile {
    version: u32,
    fields: Vec<FieldDef>,
}

#[derive(Debug, Deserialize)]
struct FieldDef {
    name: String,
    kind: String,
    stored: bool,
    #[serde(default)]
    tokenizer: Option<String>,
    #[serde(default)]
    boost: Option<f32>,
    /// A text field indexed per language group: besides the field itself (English),
    /// one field per other group (`body_de`, ...) with that group's analyzer.
    #[serde(default)]
    per_language: bool,
    /// A u64 field that is also indexed (filtered on, counted by term).
    #[serde(default)]
    indexed: bool,
}

/// Field handles of the newsdex index, built from the schema definition.
#[derive(Clone, Debug)]
pub struct NewsSchema {
    pub schema: Schema,
    pub version: u32,
    pub id: Field,
    pub url: Field,
    pub source: Field,
    /// The English title and body fields (also those of articles whose language is
    /// unknown): `titles[0]` and `bodies[0]`.
    pub title: Field,
    pub body: Field,
    /// Title and body fields per language group, in the order of
    /// [`crate::analyzer::GROUPS`].
    pub titles: Vec<Field>,
    pub bodies: Vec<Field>,
    pub date: Field,
    pub fetched: Field,
    pub language: Field,
    pub lang: Field,
    pub authors: Field,
    pub speaker: Field,
    pub place: Field,
    pub hash: Field,
    /// The near-duplicate cluster (see [`crate::dups`]).
    pub cluster: Field,
    pub extraction: Field,
    /// Query-time boosts of the text fields searched by default.
    pub title_boost: f32,
}

/// Names of fast fields, for tantivy APIs that take a name (fast-field columns).
pub const DATE_FAST_FIELD: &str = "date";
pub const HASH_FAST_FIELD: &str = "hash";
pub const CLUSTER_FAST_FIELD: &str = "cluster";
/// Names of the facet fields, for tantivy's facet readers: speaker, place, source,
/// language.
pub const FACET_FIELDS: [&str; 4] = ["speaker", "place", "source", "lang"];

impl NewsSchema {
    /// Builds the schema from the embedded definition.
    pub fn new() -> Self {
        Self::from_json(SCHEMA_JSON).expect("schema/schema.json is valid (checked by a test)")
    }

    /// Builds the schema from a definition text; fails on unknown kinds or missing fields.
    pub fn from_json(text: &str) -> anyhow::Result<Self> {
        let file: SchemaFile = serde_json::from_str(text)?;
        let mut builder = Schema::builder();
        let mut title_boost = 1.0;
        for def in &file.fields {
            let stored = def.stored;
            match def.kind.as_str() {
                "id" => {
                    let opts = if stored { STRING | STORED } else { STRING };
                    builder.add_text_field(&def.name, opts);
                }
                "text" => {
                    let text_options = |tokenizer: &str| {
                        let indexing = TextFieldIndexing::default()
                            .set_tokenizer(tokenizer)
                            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                        let opts = TextOptions::default().set_indexing_options(indexing);
                        if stored {
                            opts.set_stored()
                        } else {
                            opts
                        }
                    };
                    let tokenizer = def.tokenizer.as_deref().unwrap_or("default");
                    builder.add_text_field(&def.name, text_options(tokenizer));
                    if def.per_language {
                        for group in &GROUPS[1..] {
                            builder.add_text_field(
                                &field_name(&def.name, group),
                                text_options(group.tokenizer),
                            );
                        }
                    }
                    if def.name == "title" {
                        title_boost = def.boost.unwrap_or(1.0);
                    }
                }
                "facet" => {
                    let opts = if stored {
                        FacetOptions::default().set_stored()
                    } else {
                        FacetOptions::default()
                    };
                    builder.add_facet_field(&def.name, opts);
                }
                "date" => {
                    let mut opts = DateOptions::default()
                        .set_indexed()
                        .set_fast()
                        .set_precision(DateTimePrecision::Seconds);
                    if stored {
                        opts = opts.set_stored();
                    }
                    builder.add_date_field(&def.name, opts);
                }
                "u64" => {
                    let mut opts = NumericOptions::default().set_fast();
                    if def.indexed {
                        opts = opts.set_indexed();
                    }
                    if stored {
                        opts = opts.set_stored();
                    }
                    builder.add_u64_field(&def.name, opts);
                }
                "stored_json" => {
                    builder.add_text_field(&def.name, STORED);
                }
                other => anyhow::bail!("schema field {:?}: unknown kind {other:?}", def.name),
            }
        }
        let schema = builder.build();
        let field = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| anyhow::anyhow!("schema/schema.json lacks the field {name:?}"))
        };
        let per_group = |base: &str| -> anyhow::Result<Vec<Field>> {
            GROUPS.iter().map(|g| field(&field_name(base, g))).collect()
        };
        Ok(NewsSchema {
            version: file.version,
            titles: per_group("title")?,
            bodies: per_group("body")?,
            id: field("id")?,
            url: field("url")?,
            source: field("source")?,
            title: field("title")?,
            body: field("body")?,
            date: field("date")?,
            fetched: field("fetched")?,
            language: field("language")?,
            lang: field("lang")?,
            authors: field("authors")?,
            speaker: field("speaker")?,
            place: field("place")?,
            hash: field("hash")?,
            cluster: field("cluster")?,
            extraction: field("extraction")?,
            title_boost,
            schema,
        })
    }

    /// The name of a field, for messages and tantivy APIs that take names.
    pub fn name(&self, field: Field) -> &str {
        self.schema.get_field_name(field)
    }
}

impl Default for NewsSchema {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schema_loads_with_every_field() {
        let s = NewsSchema::new();
        assert_eq!(s.name(s.place), "place");
        assert_eq!(s.name(s.date), DATE_FAST_FIELD);
        assert_eq!(s.name(s.hash), HASH_FAST_FIELD);
        assert_eq!(s.name(s.cluster), CLUSTER_FAST_FIELD);
        assert_eq!(
            FACET_FIELDS,
            [
                s.name(s.speaker),
                s.name(s.place),
                s.name(s.source),
                s.name(s.lang)
            ]
        );
        assert!(s.title_boost > 1.0);
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let err = NewsSchema::from_json(
            r#"{"version":1,"fields":[{"name":"id","kind":"blob","stored":true}]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown kind"));
    }
}
