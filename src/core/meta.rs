//! Document metadata: title, date, source, reporter, place.
//!
//! STUB — owned by the ingestion work; see the signature contract below.

use super::clean::Cleaned;
use super::model::Meta;

/// Reads the metadata of a cleaned document.
pub fn extract(cleaned: &Cleaned) -> Meta {
    Meta { title: cleaned.all_lines.first().cloned(), ..Meta::default() }
}
