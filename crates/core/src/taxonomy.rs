//! The measure taxonomy: categories with stable ids, labels, instrument types and cues.
//!
//! The default taxonomy of `spec/measures.md` is embedded from `data/taxonomy.json`, so
//! the analysis needs no file at run time; users may replace it with their own JSON of the
//! same shape. Cues are words with weights that the classifier in [`super::measures`]
//! matches against a clause's segmented words.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::TaxonomyEntry;

const DEFAULT_TAXONOMY: &str = include_str!("../data/taxonomy.json");

/// One category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub label: String,
    /// `supply`, `demand` or `environment` (Rothwell & Zegveld).
    pub instrument: String,
    /// Cue word → weight.
    #[serde(default)]
    pub cues: BTreeMap<String, f32>,
}

/// An ordered list of categories.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Taxonomy {
    pub categories: Vec<Category>,
}

/// Why a taxonomy file was refused.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("分类表不是有效的 JSON：{0} / The taxonomy is not valid JSON: {0}")]
    Json(String),
    #[error("分类表为空 / The taxonomy has no categories")]
    Empty,
    #[error("分类 id 重复：{0} / Duplicate category id: {0}")]
    DuplicateId(String),
    #[error("第 {index} 个分类（{id}）的 {field} 无效：{reason} / Category {index} ({id}): invalid {field}: {reason}")]
    Field {
        index: usize,
        id: String,
        field: String,
        reason: String,
    },
}

impl crate::error::Bilingual for TaxonomyError {
    fn kind(&self) -> &'static str {
        match self {
            TaxonomyError::Json(_) => "taxonomy_not_json",
            TaxonomyError::Empty => "taxonomy_empty",
            TaxonomyError::DuplicateId(_) => "taxonomy_duplicate_id",
            TaxonomyError::Field { .. } => "taxonomy_field",
        }
    }
}

/// The instrument types a category may have.
pub const INSTRUMENTS: &[&str] = &["supply", "demand", "environment"];

/// The name of an instrument type in Chinese and in English (empty for another word).
pub fn instrument_names(instrument: &str) -> (&'static str, &'static str) {
    match instrument {
        "supply" => ("供给型", "supply"),
        "demand" => ("需求型", "demand"),
        "environment" => ("环境型", "environment"),
        _ => ("", ""),
    }
}

impl Default for Taxonomy {
    fn default() -> Self {
        Self::from_json(DEFAULT_TAXONOMY).expect("the embedded taxonomy is valid")
    }
}

impl Taxonomy {
    /// Parses and validates a taxonomy in the JSON shape of `data/taxonomy.json`.
    pub fn from_json(json: &str) -> Result<Self, TaxonomyError> {
        let taxonomy: Taxonomy =
            serde_json::from_str(json).map_err(|e| TaxonomyError::Json(e.to_string()))?;
        if taxonomy.categories.is_empty() {
            return Err(TaxonomyError::Empty);
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, c) in taxonomy.categories.iter().enumerate() {
            let field = |field: &str, reason: String| TaxonomyError::Field {
                index: i + 1,
                id: c.id.clone(),
                field: field.into(),
                reason,
            };
            if c.id.trim().is_empty() {
                return Err(field("id", "为空 / empty".into()));
            }
            if c.label.trim().is_empty() {
                return Err(field("label", "为空 / empty".into()));
            }
            if !INSTRUMENTS.contains(&c.instrument.as_str()) {
                return Err(field(
                    "instrument",
                    format!("“{}” 须为 supply、demand 或 environment / must be supply, demand or environment", c.instrument),
                ));
            }
            if let Some((cue, w)) = c
                .cues
                .iter()
                .find(|(cue, w)| cue.trim().is_empty() || !w.is_finite() || **w < 0.0)
            {
                return Err(field(
                    "cues",
                    format!("“{cue}”: {w}（权重须为非负数 / the weight must be a number ≥ 0）"),
                ));
            }
            if !seen.insert(c.id.as_str()) {
                return Err(TaxonomyError::DuplicateId(c.id.clone()));
            }
        }
        Ok(taxonomy)
    }

    pub fn get(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The instrument type of a category (`environment` for an unknown id).
    pub fn instrument_of(&self, id: &str) -> &str {
        self.get(id)
            .map_or("environment", |c| c.instrument.as_str())
    }

    /// The label of a category, or its id when unknown.
    pub fn label_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |c| c.label.as_str())
    }

    /// The report's `taxonomy` field.
    pub fn entries(&self) -> Vec<TaxonomyEntry> {
        self.categories
            .iter()
            .map(|c| TaxonomyEntry {
                id: c.id.clone(),
                label: c.label.clone(),
                instrument: c.instrument.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_has_the_thirteen_stable_ids() {
        let t = Taxonomy::default();
        let ids: Vec<&str> = t.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "epidemic_control",
                "labor",
                "logistics",
                "finance",
                "fiscal",
                "approval",
                "targeted_service",
                "supply_chain",
                "projects",
                "organization",
                "supervision",
                "livelihood",
                "work_safety"
            ]
        );
        assert_eq!(t.instrument_of("labor"), "supply");
        assert_eq!(t.instrument_of("livelihood"), "demand");
        assert_eq!(t.label_of("fiscal"), "财税减负");
    }

    #[test]
    fn rejects_duplicates_and_garbage() {
        assert!(matches!(
            Taxonomy::from_json("[]"),
            Err(TaxonomyError::Empty)
        ));
        assert!(matches!(
            Taxonomy::from_json("{"),
            Err(TaxonomyError::Json(_))
        ));
        let dup = r#"[{"id":"a","label":"A","instrument":"supply"},{"id":"a","label":"B","instrument":"supply"}]"#;
        assert!(matches!(
            Taxonomy::from_json(dup),
            Err(TaxonomyError::DuplicateId(_))
        ));
    }
}
