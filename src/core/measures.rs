//! Measures: directive clauses classified with the taxonomy.
//!
//! STUB — owned by the extraction work; see the signature contract below.

use super::model::Measure;
use super::segment::Segmenter;
use super::taxonomy::Taxonomy;

/// Extracts the measures of one document's cleaned `text`; ids are `{doc_id}-m{n}`.
pub fn extract(doc_id: &str, text: &str, segmenter: &Segmenter, taxonomy: &Taxonomy) -> Vec<Measure> {
    let _ = (doc_id, text, segmenter, taxonomy);
    Vec::new()
}
