//! A user's edits of a document's metadata ([`MetaEdit`]): what the corpus keeps, applies
//! to every report and saves in the workspace. Its own module so that the corpus and the
//! workspace both use it without depending on each other.

use serde::{Deserialize, Serialize};

use super::model::{Date, DocumentReport};

/// A user's edit of a document's metadata. `None` keeps what the analysis found; an empty
/// string clears the field (a national piece has no place).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetaEdit {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
    pub place: Option<String>,
    /// The kind's id (`policy_document` …; see [`crate::structure::DocKind`]).
    pub kind: Option<String>,
    /// The issuing bodies, separated by `、`, `，`, `,` or `;`.
    pub issuer: Option<String>,
    /// The document number (文号) as written.
    pub doc_number: Option<String>,
}

impl MetaEdit {
    /// `later` over `self`: fields `later` sets win.
    pub(crate) fn merged(&self, later: &MetaEdit) -> MetaEdit {
        MetaEdit {
            title: later.title.clone().or_else(|| self.title.clone()),
            date: later.date.clone().or_else(|| self.date.clone()),
            source: later.source.clone().or_else(|| self.source.clone()),
            place: later.place.clone().or_else(|| self.place.clone()),
            kind: later.kind.clone().or_else(|| self.kind.clone()),
            issuer: later.issuer.clone().or_else(|| self.issuer.clone()),
            doc_number: (later.doc_number.clone()).or_else(|| self.doc_number.clone()),
        }
    }

    /// Writes the edit into a document's metadata.
    pub fn apply(&self, doc: &mut DocumentReport) {
        let text = |v: &String| Some(v.trim().to_string()).filter(|t| !t.is_empty());
        if let Some(t) = &self.title {
            doc.meta.title = text(t);
        }
        if let Some(d) = &self.date {
            doc.meta.date = d.clone();
        }
        if let Some(s) = &self.source {
            doc.meta.source = text(s);
        }
        if let Some(p) = &self.place {
            doc.meta.place = text(p);
            if let Some(place) = &doc.meta.place {
                doc.meta.places.retain(|x| x != place);
                doc.meta.places.insert(0, place.clone());
            }
        }
        if let Some(k) = &self.kind {
            // Only a kind the report knows; an empty text clears it.
            doc.meta.kind = text(k).filter(|k| crate::structure::DocKind::from_id(k).is_some());
        }
        if let Some(i) = &self.issuer {
            doc.meta.issuer = i
                .split(['、', '，', ',', ';', '；'])
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .map(String::from)
                .collect();
        }
        if let Some(n) = &self.doc_number {
            doc.meta.doc_number = text(n);
        }
    }
}
