//! The user's lexicons: taxonomy, dictionary additions and stop words, as files.
//!
//! Users edit the measure taxonomy (rename, add, remove categories, edit cues), add words
//! to the segmenter's dictionary (jieba's `word freq tag` lines) and add stop words (one
//! word a line) that keywords leave out. [`AnalyzerSettings`] holds the three as the text a
//! user loaded or will save — the same text that is exported and imported as files:
//! `taxonomy.json` (the shape of `data/taxonomy.json`), `dict.txt` and `stopwords.txt`.
//! [`crate::pipeline::Analyzer::with_settings`] validates them all before it builds
//! anything, so a bad file is refused with a bilingual message naming its line or field,
//! and the analyzer in use stays as it was.

use std::collections::BTreeSet;

use super::segment::DictError;
use super::taxonomy::{Taxonomy, TaxonomyError};

/// Suggested file names for export.
pub const TAXONOMY_FILE: &str = "taxonomy.json";
pub const DICTIONARY_FILE: &str = "dict.txt";
pub const STOPWORDS_FILE: &str = "stopwords.txt";

/// The user's lexicons as text; empty or `None` parts keep the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnalyzerSettings {
    /// A taxonomy in the JSON shape of `data/taxonomy.json`; `None` keeps the default.
    pub taxonomy: Option<String>,
    /// Extra dictionary lines (`word [freq] [tag]`, `#` comments), added to the built-in ones.
    pub dictionary: String,
    /// Extra stop words, one a line (`#` comments), on top of the built-in list.
    pub stopwords: String,
}

/// Why the settings were refused; the message says which file and where.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}")]
    Taxonomy(#[from] TaxonomyError),
    #[error("{0}")]
    Dictionary(#[from] DictError),
    #[error("停用词第 {line} 行无效：{reason} / Stop-word line {line} is invalid: {reason}")]
    StopWords { line: usize, reason: String },
}

impl crate::error::Bilingual for SettingsError {
    fn kind(&self) -> &'static str {
        match self {
            SettingsError::Taxonomy(e) => e.kind(),
            SettingsError::Dictionary(e) => e.kind(),
            SettingsError::StopWords { .. } => "stop_word_line",
        }
    }
}

impl AnalyzerSettings {
    /// Parses and validates the taxonomy (the default when none is given).
    pub fn parse_taxonomy(&self) -> Result<Taxonomy, SettingsError> {
        match self.taxonomy.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(json) => Ok(Taxonomy::from_json(json)?),
            None => Ok(Taxonomy::default()),
        }
    }

    /// Parses the stop words.
    pub fn parse_stopwords(&self) -> Result<BTreeSet<String>, SettingsError> {
        parse_stopwords(&self.stopwords)
    }
}

/// Reads a stop-word list: one word a line, blank lines and `#` comments skipped. A line
/// holding several words (white space inside) is refused, naming the line.
pub fn parse_stopwords(text: &str) -> Result<BTreeSet<String>, SettingsError> {
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let word = line.trim().trim_start_matches('\u{feff}');
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        if word.chars().any(char::is_whitespace) {
            return Err(SettingsError::StopWords {
                line: i + 1,
                reason: format!(
                    "“{word}” 含空格，每行一个词 / “{word}” holds a space: one word a line"
                ),
            });
        }
        if word.chars().count() > 32 {
            return Err(SettingsError::StopWords {
                line: i + 1,
                reason: "词过长（超过 32 字） / word longer than 32 chars".into(),
            });
        }
        out.insert(word.to_string());
    }
    Ok(out)
}

/// A taxonomy as the JSON file users edit and import (pretty, the `data/taxonomy.json` shape).
pub fn export_taxonomy(taxonomy: &Taxonomy) -> String {
    serde_json::to_string_pretty(taxonomy).unwrap_or_else(|_| "[]".into())
}

/// The default taxonomy as that JSON file: where a user starts editing.
pub fn default_taxonomy_json() -> String {
    export_taxonomy(&Taxonomy::default())
}

/// A stop-word set as the text file users edit and import.
pub fn export_stopwords<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    words.into_iter().map(|w| format!("{w}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_skip_comments_and_name_bad_lines() {
        let w = parse_stopwords("# 我的停用词\n复工复产\n\n  疫情 \n").unwrap();
        assert_eq!(w.into_iter().collect::<Vec<_>>(), ["复工复产", "疫情"]);
        let e = parse_stopwords("好词\n两 个词\n").unwrap_err();
        assert!(matches!(e, SettingsError::StopWords { line: 2, .. }));
        let msg = e.to_string();
        assert!(msg.contains("第 2 行") && msg.contains("line 2"), "{msg}");
    }

    use crate::pipeline::{Analyzer, Input};

    fn with_extra_category() -> String {
        let mut t = Taxonomy::default();
        t.categories[0].label = "防疫措施".into();
        t.categories.push(crate::taxonomy::Category {
            id: "digital".into(),
            label: "数字化转型".into(),
            instrument: "supply".into(),
            cues: [
                ("云办公".to_string(), 3.0),
                ("数字化".to_string(), 3.0),
                ("远程".to_string(), 2.5),
            ]
            .into(),
        });
        export_taxonomy(&t)
    }

    #[test]
    fn a_new_category_with_cues_classifies_and_a_renamed_label_shows() {
        let settings = AnalyzerSettings {
            taxonomy: Some(with_extra_category()),
            ..Default::default()
        };
        let a = Analyzer::with_settings(&settings).unwrap();
        let report = crate::corpus::Corpus::analyze(
            a,
            &[Input::new(
                "a.txt",
                "要推动企业开展云办公和数字化改造，鼓励远程协同。",
            )],
        );
        let m = &report.documents[0].measures;
        assert!(
            m.iter()
                .any(|m| m.category == "digital" && m.instrument == "supply"),
            "{m:#?}"
        );
        assert!(report
            .taxonomy
            .iter()
            .any(|e| e.id == "epidemic_control" && e.label == "防疫措施"));
        assert!(report
            .taxonomy
            .iter()
            .any(|e| e.id == "digital" && e.label == "数字化转型"));
    }

    #[test]
    fn a_user_dictionary_word_stays_whole_and_stop_words_leave_keywords() {
        let text = "积极推进稳链强链工作。稳链强链要落实。企业物流畅通，物流保障到位。";
        let plain = Analyzer::new();
        assert!(!plain.segmenter().cut(text).contains(&"稳链强链"));
        let settings = AnalyzerSettings {
            dictionary: "# 我的词\n稳链强链 50 n\n".into(),
            stopwords: "物流\n".into(),
            ..Default::default()
        };
        let a = Analyzer::with_settings(&settings).unwrap();
        assert!(a.segmenter().cut(text).contains(&"稳链强链"));
        let doc = a
            .analyze_document("d1", &Input::new("a.txt", text))
            .unwrap();
        assert!(
            doc.keywords.iter().any(|k| k.word == "稳链强链"),
            "{:?}",
            doc.keywords
        );
        assert!(doc.keywords.iter().all(|k| k.word != "物流"));
        let doc = plain
            .analyze_document("d1", &Input::new("a.txt", text))
            .unwrap();
        assert!(doc.keywords.iter().any(|k| k.word == "物流"));
    }

    #[test]
    fn bad_files_give_bilingual_errors() {
        let bad_dict = AnalyzerSettings {
            dictionary: "好词 3 n\n坏词 很多 n\n".into(),
            ..Default::default()
        };
        let msg = Analyzer::with_settings(&bad_dict).unwrap_err().to_string();
        assert!(msg.contains("第 2 行") && msg.contains("line 2"), "{msg}");
        let bad_json = AnalyzerSettings {
            taxonomy: Some("[{".into()),
            ..Default::default()
        };
        let msg = Analyzer::with_settings(&bad_json).unwrap_err().to_string();
        assert!(msg.contains("JSON") && msg.contains("分类表"), "{msg}");
        let bad_stop = AnalyzerSettings {
            stopwords: "甲\n乙 丙".into(),
            ..Default::default()
        };
        assert!(Analyzer::with_settings(&bad_stop)
            .unwrap_err()
            .to_string()
            .contains("停用词第 2 行"));
    }

    #[test]
    fn bad_taxonomy_fields_are_named() {
        let bad = r#"[{"id":"a","label":"甲","instrument":"supply"},{"id":"b","label":"乙","instrument":"tax"}]"#;
        let s = AnalyzerSettings {
            taxonomy: Some(bad.into()),
            ..Default::default()
        };
        let msg = s.parse_taxonomy().unwrap_err().to_string();
        assert!(
            msg.contains("instrument") && msg.contains("b") && msg.contains("分类"),
            "{msg}"
        );
        let bad = r#"[{"id":"a","label":"","instrument":"supply"}]"#;
        assert!(Taxonomy::from_json(bad)
            .unwrap_err()
            .to_string()
            .contains("label"));
        let bad = r#"[{"id":"a","label":"甲","instrument":"supply","cues":{"贷款":-1}}]"#;
        assert!(Taxonomy::from_json(bad)
            .unwrap_err()
            .to_string()
            .contains("贷款"));
    }

    #[test]
    fn the_default_taxonomy_round_trips_through_its_file() {
        let json = default_taxonomy_json();
        let t = Taxonomy::from_json(&json).unwrap();
        assert_eq!(t, Taxonomy::default());
        let s = AnalyzerSettings {
            taxonomy: Some(json),
            ..Default::default()
        };
        assert_eq!(s.parse_taxonomy().unwrap(), Taxonomy::default());
        let words = parse_stopwords("甲\n乙").unwrap();
        assert_eq!(parse_stopwords(&export_stopwords(&words)).unwrap(), words);
    }
}
