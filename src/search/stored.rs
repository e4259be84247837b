//! Reading a stored document's values as the search hits, the article view and
//! exports show them.

use tantivy::schema::Value;
use tantivy::TantivyDocument;

pub(super) fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

pub(super) fn facet_values(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_facet())
        .map(facet_path)
        .collect()
}

/// A facet's path ("/Europe/Ukraine") from its encoded form (steps separated by NUL),
/// as [`tantivy::schema::Facet::to_path_string`] writes it ('/' and '\\' in a step escaped as "\\/"),
/// without its formatter and regex: exports and hits turn every stored facet into
/// its path, and tantivy's way took a fifth of an export's time.
pub(crate) fn facet_path(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len() + 1);
    for step in encoded.split('\0') {
        out.push('/');
        if step.contains(['/', '\\']) {
            for c in step.chars() {
                if matches!(c, '/' | '\\') {
                    out.push_str("\\/");
                } else {
                    out.push(c);
                }
            }
        } else {
            out.push_str(step);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn facet_paths_are_written_as_tantivy_writes_them() {
        for path in [
            "/Europe/Ukraine/Kyiv City/Kyiv",
            "/",
            "/www.rt.com",
            "/AC\\/DC/x",
            "/a\\\\b",
            "/Île-de-France/Paris",
        ] {
            let facet = tantivy::schema::Facet::from_text(path).unwrap();
            assert_eq!(
                super::facet_path(facet.encoded_str()),
                facet.to_path_string(),
                "{path}"
            );
        }
    }
}
