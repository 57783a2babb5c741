//! Figures: quantities with units.
//!
//! STUB — owned by the extraction work; see the signature contract below.

use super::model::Figure;

/// Finds the figures of a cleaned text.
pub fn extract(text: &str) -> Vec<Figure> {
    let _ = text;
    Vec::new()
}
