//! The query text as a tantivy query over the title and body fields of every
//! language group that has articles in the index (see `crate::analyzer`). Each query
//! word is analysed as each field analyses its text, so one query searches the whole
//! archive: "Häuser" is `haus` among German articles and `häuser` among English ones.
//! A field named in the query (`title:storm`) means that field in every group.

use tantivy::query::{BooleanQuery, EmptyQuery, Query, QueryParser, QueryParserError};
use tantivy::query_grammar::{Occur, UserInputAst, UserInputLeaf};
use tantivy::schema::Field;
use tantivy::{Index, Searcher, TantivyDocument};

use crate::analyzer::{field_name, GROUPS};
use crate::schema::NewsSchema;

/// Language groups with indexed text in the searcher's segments, English always.
pub(super) fn present_groups(searcher: &Searcher, schema: &NewsSchema) -> Vec<usize> {
    let has_text = |field: Field| {
        searcher.segment_readers().iter().any(|r| {
            r.inverted_index(field)
                .is_ok_and(|ii| ii.total_num_tokens() > 0)
        })
    };
    (0..GROUPS.len())
        .filter(|&g| g == 0 || has_text(schema.bodies[g]) || has_text(schema.titles[g]))
        .collect()
}

/// Parses `text` into a query over the text fields of `groups`.
pub(super) fn parse(
    index: &Index,
    schema: &NewsSchema,
    groups: &[usize],
    text: &str,
) -> Result<Box<dyn Query>, QueryParserError> {
    let fields = groups
        .iter()
        .flat_map(|&g| [schema.titles[g], schema.bodies[g]])
        .collect();
    let mut parser = QueryParser::for_index(index, fields);
    for &g in groups {
        parser.set_field_boost(schema.titles[g], schema.title_boost);
    }
    let ast = tantivy::query_grammar::parse_query(text)
        .map_err(|_| QueryParserError::SyntaxError(text.to_string()))?;
    let excludes = has_exclusion(&ast);
    match parser.build_query_from_user_input_ast(spread(ast, groups)) {
        // Words that no analyzer keeps (stop words of every language present, such
        // as German "die der" in a German-only archive) match nothing: not an error
        // unless the query really is only exclusions.
        Err(QueryParserError::AllButQueryForbidden) if !excludes => Ok(Box::new(EmptyQuery)),
        other => other.map(flatten_disjunction),
    }
}

/// A disjunction of disjunctions as one disjunction of their clauses: "oil OR gas" is
/// parsed as (title:oil body:oil) OR (title:gas body:gas), and tantivy finds the top
/// hits of a disjunction by block-max WAND only when its clauses are terms; nested,
/// it scores every match. The matches and the scores (sums of the same term scores)
/// are the same.
fn flatten_disjunction(query: Box<dyn Query>) -> Box<dyn Query> {
    fn should_only(q: &dyn Query) -> Option<&BooleanQuery> {
        q.downcast_ref::<BooleanQuery>()
            .filter(|b| b.clauses().iter().all(|(o, _)| *o == Occur::Should))
    }
    fn leaves(q: &dyn Query, out: &mut Vec<(Occur, Box<dyn Query>)>) {
        match should_only(q) {
            Some(b) => b.clauses().iter().for_each(|(_, c)| leaves(&**c, out)),
            None => out.push((Occur::Should, q.box_clone())),
        }
    }
    let nested = should_only(&*query).is_some_and(|outer| {
        outer
            .clauses()
            .iter()
            .any(|(_, q)| should_only(&**q).is_some())
    });
    if !nested {
        return query;
    }
    let mut flat = Vec::new();
    leaves(&*query, &mut flat);
    Box::new(BooleanQuery::new(flat))
}

/// Does the query exclude anything (`-word`, `NOT word`)?
fn has_exclusion(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .any(|(occur, sub)| *occur == Some(Occur::MustNot) || has_exclusion(sub)),
        UserInputAst::Boost(sub, _) => has_exclusion(sub),
        UserInputAst::Leaf(_) => false,
    }
}

/// The AST with each word addressed to `title` or `body` addressed to that field of
/// every group instead (any of them may match).
fn spread(ast: UserInputAst, groups: &[usize]) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, spread(sub, groups)))
                .collect(),
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(spread(*sub, groups)), boost)
        }
        UserInputAst::Leaf(leaf) => {
            let base = match &*leaf {
                UserInputLeaf::Literal(lit) => lit.field_name.clone(),
                UserInputLeaf::Set { field, .. } => field.clone(),
                _ => None,
            };
            let base = base.filter(|f| f == "title" || f == "body");
            match base {
                Some(base) if groups.len() > 1 => UserInputAst::Clause(
                    groups
                        .iter()
                        .map(|&g| {
                            let name = Some(field_name(&base, &GROUPS[g]));
                            let leaf = match (*leaf).clone() {
                                UserInputLeaf::Literal(mut lit) => {
                                    lit.field_name = name;
                                    UserInputLeaf::Literal(lit)
                                }
                                UserInputLeaf::Set { elements, .. } => UserInputLeaf::Set {
                                    field: name,
                                    elements,
                                },
                                other => other,
                            };
                            (Some(Occur::Should), UserInputAst::Leaf(Box::new(leaf)))
                        })
                        .collect(),
                ),
                _ => UserInputAst::Leaf(leaf),
            }
        }
    }
}

/// The first text among `fields` of a stored document, with the position of its
/// field in `fields` (the article's language group for title and body fields).
pub(super) fn stored_text(doc: &TantivyDocument, fields: &[Field]) -> Option<(usize, String)> {
    use tantivy::schema::Value;
    fields.iter().enumerate().find_map(|(g, &f)| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .map(|t| (g, t.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::NewsSchema;

    fn fields_of(ast: &UserInputAst, out: &mut Vec<String>) {
        match ast {
            UserInputAst::Clause(cs) => cs.iter().for_each(|(_, a)| fields_of(a, out)),
            UserInputAst::Boost(a, _) => fields_of(a, out),
            UserInputAst::Leaf(leaf) => match &**leaf {
                UserInputLeaf::Literal(lit) => out.push(lit.field_name.clone().unwrap_or_default()),
                UserInputLeaf::Set { field, .. } => out.push(field.clone().unwrap_or_default()),
                _ => out.push("?".into()),
            },
        }
    }

    fn spread_fields(query: &str, groups: &[usize]) -> Vec<String> {
        let ast = tantivy::query_grammar::parse_query(query).unwrap();
        let mut out = Vec::new();
        fields_of(&spread(ast, groups), &mut out);
        out
    }

    #[test]
    fn a_named_text_field_means_it_in_every_group() {
        let de = crate::analyzer::group_of(Some("de"));
        assert_eq!(
            spread_fields("title:storm", &[0, de]),
            ["title", "title_de"]
        );
        assert_eq!(
            spread_fields("+body:haus -flut", &[0, de]),
            ["body", "body_de", ""]
        );
        // Other fields, and English alone, stay as written.
        assert_eq!(spread_fields("authors:smith", &[0, de]), ["authors"]);
        assert_eq!(spread_fields("title:storm", &[0]), ["title"]);
    }

    /// Whether a query is a BooleanQuery with a BooleanQuery among its clauses.
    fn nested(q: &dyn Query) -> bool {
        q.downcast_ref::<BooleanQuery>().is_some_and(|b| {
            b.clauses()
                .iter()
                .any(|(_, c)| c.downcast_ref::<BooleanQuery>().is_some())
        })
    }

    #[test]
    fn a_disjunction_of_words_is_one_disjunction_of_their_terms() {
        let schema = NewsSchema::new();
        let index = Index::create_in_ram(schema.schema.clone());
        crate::analyzer::register(&index);
        let de = crate::analyzer::group_of(Some("de"));
        for groups in [vec![0], vec![0, de]] {
            let q = parse(&index, &schema, &groups, "oil OR gas OR coal").unwrap();
            let b = q.downcast_ref::<BooleanQuery>().unwrap();
            // A title and a body term per word and group, all of them "should".
            assert_eq!(b.clauses().len(), 3 * 2 * groups.len(), "{q:?}");
            assert!(!nested(&*q), "{q:?}");
            assert!(b.clauses().iter().all(|(o, _)| *o == Occur::Should));
        }
        // A phrase is one clause among them.
        let q = parse(&index, &schema, &[0], "\"oil price\" OR gas").unwrap();
        assert!(!nested(&*q), "{q:?}");
        // Conjunctions and exclusions keep their structure.
        for text in ["+oil +gas", "oil -gas"] {
            let q = parse(&index, &schema, &[0], text).unwrap();
            assert!(nested(&*q), "{text}: {q:?}");
        }
    }
}
