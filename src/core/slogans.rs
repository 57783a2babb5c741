//! Numeric slogans (数字概括语).
//!
//! STUB — owned by the extraction work; see the signature contract below.

use super::model::Slogan;

/// Finds the numeric slogans of a cleaned text, with their items where spelled out.
pub fn extract(text: &str) -> Vec<Slogan> {
    let _ = text;
    Vec::new()
}
