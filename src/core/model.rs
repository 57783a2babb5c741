//! The report data model: the JSON contract of `spec/report.md`.
//!
//! Every type here serializes to exactly the field names the contract requires; outside
//! tools (scorers, notebooks) read them, so fields may be added but never renamed.
//! Offsets (`start`, `end`) count Unicode scalar values (`char`s) into the document's
//! cleaned `text`.

use serde::{Deserialize, Serialize};

/// The report format version written to `version`.
pub const REPORT_VERSION: u32 = 1;

/// A publication or event date; each part is `None` where the text does not give it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Date {
    /// `2020-03-12`, `????-02-18`, or an empty string when nothing is known.
    pub fn display(&self) -> String {
        if self.year.is_none() && self.month.is_none() && self.day.is_none() {
            return String::new();
        }
        let year = self.year.map_or_else(|| "????".to_string(), |y| format!("{y:04}"));
        let mut out = year;
        if let Some(m) = self.month {
            out.push_str(&format!("-{m:02}"));
            if let Some(d) = self.day {
                out.push_str(&format!("-{d:02}"));
            }
        }
        out
    }
}

/// Document metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Date,
    pub source: Option<String>,
    pub reporter: Option<String>,
    /// The locality whose government acts; `None` for a national piece.
    pub place: Option<String>,
    /// Every place named, most important first.
    pub places: Vec<String>,
}

/// A quantity with its unit (`174.9亿元`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    pub unit: String,
    /// The figure as written, e.g. `近6000个`.
    pub text: String,
    /// Approximation marker kept apart from the value: 近, 约, 多, 余, 以上, 以内 …
    pub qualifier: Option<String>,
    /// What is counted, where the text says (重点项目, 计划投资 …).
    pub subject: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A numeric slogan (数字概括语) such as 五个一 or 一企一策.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slogan {
    pub text: String,
    /// The count the formula states (五个一 → 5), where it states one.
    pub count: Option<u32>,
    /// The parts the article spells out, in order.
    pub items: Vec<String>,
    /// True when a count is stated, items were found, and their numbers differ.
    pub count_mismatch: bool,
    pub start: usize,
    pub end: usize,
}

/// One policy measure: a directive clause with an action and an object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub text: String,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    /// Primary category id.
    pub category: String,
    /// All categories the measure touches, primary first.
    pub categories: Vec<String>,
    /// `supply`, `demand` or `environment`.
    pub instrument: String,
    pub slogans: Vec<String>,
    pub figures: Vec<Figure>,
    pub deadline: Option<String>,
    pub confidence: f32,
}

/// A frequent, distinctive word of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    pub word: String,
    pub count: u32,
    pub weight: f64,
}

/// One analyzed document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    pub id: String,
    pub name: String,
    pub encoding: String,
    /// `simplified` or `traditional`: the script of the input.
    pub script: String,
    pub meta: Meta,
    /// Cleaned, simplified text the analysis ran on.
    pub text: String,
    pub measures: Vec<Measure>,
    pub slogans: Vec<Slogan>,
    pub figures: Vec<Figure>,
    pub keywords: Vec<Keyword>,
    /// Lines the cleaner removed (boilerplate), so a user can check them.
    pub removed: Vec<String>,
    pub warnings: Vec<String>,
}

/// A taxonomy entry as written in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyEntry {
    pub id: String,
    pub label: String,
    pub instrument: String,
}

/// A group of similar measures across documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignedGroup {
    pub label: String,
    pub category: String,
    /// Document id → ids of that document's measures in the group.
    pub members: std::collections::BTreeMap<String, Vec<String>>,
}

/// Cross-document views.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Category id → document id → number of measures.
    pub matrix: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>>,
    pub aligned: Vec<AlignedGroup>,
    /// Document × document cosine similarity of category profiles, in `documents` order.
    pub similarity: Vec<Vec<f64>>,
}

/// An input that could not be analyzed; the others still are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    pub name: String,
    pub message: String,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub taxonomy: Vec<TaxonomyEntry>,
    pub documents: Vec<DocumentReport>,
    pub comparison: Comparison,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InputError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_display_keeps_unknown_year_unknown() {
        let d = Date { year: None, month: Some(2), day: Some(18) };
        assert_eq!(d.display(), "????-02-18");
        let d = Date { year: Some(2020), month: Some(3), day: Some(12) };
        assert_eq!(d.display(), "2020-03-12");
        assert_eq!(Date::default().display(), "");
    }

    #[test]
    fn date_serializes_nulls() {
        let d = Date { year: None, month: Some(2), day: Some(18) };
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"year":null,"month":2,"day":18}"#);
    }
}
