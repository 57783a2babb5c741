//! The workspace file: everything the user loaded and did, saved and restored losslessly.
//!
//! A workspace keeps the *inputs* — each article's original bytes (whatever their encoding:
//! GBK stays GBK), its name, the title and date a JSON corpus gave it, an encoding the user
//! chose, the removed lines the user put back — never the analysis, which is recomputed on restore, so a workspace saved by one
//! version still opens in the next. With the inputs go the ordered corrections (they name
//! documents by id, which is why each input keeps its id), the user's taxonomy, dictionary
//! and stop words as the text they loaded, and the interface's settings. The file is JSON
//! with the bytes in base64 and a `format` marker; anything else — another JSON, a
//! truncated file, a newer version — is refused with a bilingual [`WorkspaceError`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::corrections::Correction;
use super::input::{Input, MetaHint};
use super::settings::AnalyzerSettings;

/// The workspace format version written to `version`.
pub const WORKSPACE_VERSION: u32 = 1;

/// The `format` marker that tells a workspace from any other JSON.
pub const FORMAT: &str = "cuoshi-workspace";

/// Everything needed to rebuild the user's session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub version: u32,
    /// The articles, in document order.
    pub inputs: Vec<SavedInput>,
    /// The user's corrections, in the order made.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// The user's taxonomy (JSON text), where one replaced the default.
    #[serde(default)]
    pub taxonomy: Option<String>,
    /// The user's dictionary additions, as loaded.
    #[serde(default)]
    pub dictionary: Option<String>,
    /// The user's stop words, as loaded.
    #[serde(default)]
    pub stopwords: Option<String>,
    /// Interface settings (language, view, per-10k …), name → value.
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
    /// The corrections the measure model was refit from, naming the measures of the
    /// shipped model's analysis; empty for the shipped model. The fit is deterministic, so
    /// these are the learned state: a restore refits from them before applying
    /// `corrections` (which name the measures of the refit model's analysis).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learned_from: Vec<Correction>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            version: WORKSPACE_VERSION,
            inputs: Vec::new(),
            corrections: Vec::new(),
            taxonomy: None,
            dictionary: None,
            stopwords: None,
            settings: BTreeMap::new(),
            learned_from: Vec::new(),
        }
    }
}

/// One article as the user gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedInput {
    /// The document id it had (`d3`), so that corrections still name it; a restore keeps
    /// it where it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    /// The original bytes (base64 in the file).
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    /// An encoding the user chose over the detected one (an `encoding_rs` label).
    #[serde(default)]
    pub encoding: Option<String>,
    /// Removed lines the user put back (indices into the cleaner's lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keep_lines: Vec<usize>,
    /// The user's edits of the document's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<super::meta_edit::MetaEdit>,
}

impl Workspace {
    /// The lexicons the workspace's documents were analyzed with.
    pub fn lexicons(&self) -> AnalyzerSettings {
        AnalyzerSettings {
            taxonomy: self.taxonomy.clone(),
            dictionary: self.dictionary.clone().unwrap_or_default(),
            stopwords: self.stopwords.clone().unwrap_or_default(),
        }
    }
}

impl SavedInput {
    /// `input` as saved (no id, no metadata edits yet).
    pub fn of(input: &Input) -> Self {
        SavedInput {
            name: input.name.clone(),
            bytes: input.bytes.clone(),
            title: input.hint.title.clone(),
            date: input.hint.date.clone(),
            encoding: input.encoding.clone(),
            keep_lines: input.keep_lines.clone(),
            ..SavedInput::default()
        }
    }

    /// The input to analyze again.
    pub fn input(&self) -> Input {
        Input {
            name: self.name.clone(),
            bytes: self.bytes.clone(),
            hint: MetaHint {
                title: self.title.clone(),
                date: self.date.clone(),
            },
            encoding: self.encoding.clone(),
            keep_lines: self.keep_lines.clone(),
        }
    }
}

/// Why a workspace file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("工作区文件不是有效的 JSON（{0}） / The workspace file is not valid JSON ({0})")]
    NotJson(String),
    #[error("这不是措施的工作区文件 / This is not a Cuoshi workspace file")]
    NotWorkspace,
    #[error("工作区文件来自更新的版本（{found}，本版本支持 {supported}） / The workspace comes from a newer version ({found}; this one reads {supported})")]
    TooNew { found: u64, supported: u32 },
    #[error("工作区文件已损坏（{0}） / The workspace file is corrupt ({0})")]
    Corrupt(String),
}

impl crate::error::Bilingual for WorkspaceError {
    fn kind(&self) -> &'static str {
        match self {
            WorkspaceError::NotJson(_) => "workspace_not_json",
            WorkspaceError::NotWorkspace => "not_a_workspace",
            WorkspaceError::TooNew { .. } => "workspace_too_new",
            WorkspaceError::Corrupt(_) => "workspace_corrupt",
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    #[serde(flatten)]
    workspace: &'a Workspace,
}

/// The workspace as a JSON file.
pub fn to_bytes(w: &Workspace) -> Vec<u8> {
    serde_json::to_vec(&Envelope {
        format: FORMAT,
        workspace: w,
    })
    .unwrap_or_default()
}

/// Reads a workspace file written by [`to_bytes`].
pub fn from_bytes(bytes: &[u8]) -> Result<Workspace, WorkspaceError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| WorkspaceError::NotJson(e.to_string()))?;
    let object = value.as_object().ok_or(WorkspaceError::NotWorkspace)?;
    if object.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(WorkspaceError::NotWorkspace);
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(WORKSPACE_VERSION) => {
            return Err(WorkspaceError::TooNew {
                found: v,
                supported: WORKSPACE_VERSION,
            })
        }
        Some(_) => {}
        None => return Err(WorkspaceError::Corrupt("version".into())),
    }
    serde_json::from_value(value).map_err(|e| WorkspaceError::Corrupt(e.to_string()))
}

mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD
            .decode(text.trim())
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::examples::EXAMPLES;
    use crate::pipeline::{Input, MetaHint};

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn round_trips_every_byte_correction_and_setting() {
        let w = Workspace {
            inputs: vec![
                SavedInput {
                    id: Some("d1".into()),
                    name: "乌海.txt".into(),
                    bytes: gbk("市政府要求各地落实一企一策，推动企业复工复产。"),
                    title: Some("标题".into()),
                    date: Some("2020-03-12".into()),
                    encoding: Some("GBK".into()),
                    keep_lines: vec![2, 5],
                    meta: Some(crate::corpus::MetaEdit {
                        place: Some("乌海市".into()),
                        ..Default::default()
                    }),
                },
                SavedInput {
                    id: None,
                    name: "raw.bin".into(),
                    bytes: (0..=255).collect(),
                    ..Default::default()
                },
            ],
            corrections: vec![
                Correction::Delete {
                    doc_id: "d1".into(),
                    measure_id: "d1-m1".into(),
                },
                Correction::Add {
                    doc_id: "d1".into(),
                    start: 3,
                    end: 9,
                    category: "labor".into(),
                },
                Correction::Recategorize {
                    doc_id: "d1".into(),
                    measure_id: "d1-u1".into(),
                    category: "finance".into(),
                },
            ],
            taxonomy: Some(r#"[{"id":"a","label":"甲","instrument":"supply"}]"#.into()),
            dictionary: Some("点对点 10 n\n".into()),
            stopwords: Some("我们\n他们".into()),
            settings: BTreeMap::from([
                ("lang".into(), "zh".into()),
                ("per10k".into(), "true".into()),
            ]),
            ..Workspace::default()
        };
        let bytes = to_bytes(&w);
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(
            text.contains(r#""format":"cuoshi-workspace""#)
                && text.contains(r#""kind":"recategorize""#)
        );
        assert_eq!(from_bytes(&bytes).unwrap(), w);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&bytes);
        assert_eq!(from_bytes(&with_bom).unwrap(), w);
    }

    #[test]
    fn refuses_what_is_not_a_workspace_in_both_languages() {
        let good = to_bytes(&Workspace::default());
        let cases: Vec<Vec<u8>> = vec![
            good[..good.len() / 2].to_vec(),
            b"\x00\x01garbage".to_vec(),
            br#"{"version":1,"taxonomy":[],"documents":[]}"#.to_vec(),
            br#"[1,2]"#.to_vec(),
            br#"{"format":"cuoshi-workspace","version":9,"inputs":[]}"#.to_vec(),
            br#"{"format":"cuoshi-workspace","version":1,"inputs":[{"name":"a","bytes":"***"}]}"#
                .to_vec(),
            br#"{"format":"cuoshi-workspace","version":1}"#.to_vec(),
            br#"{"format":"cuoshi-workspace","inputs":[]}"#.to_vec(),
        ];
        for bad in cases {
            let e = from_bytes(&bad).unwrap_err().to_string();
            assert!(e.contains("工作区") && e.contains("workspace"), "{e}");
        }
        assert!(matches!(
            from_bytes(br#"{"format":"cuoshi-workspace","version":9}"#),
            Err(WorkspaceError::TooNew { found: 9, .. })
        ));
    }

    #[test]
    fn a_corpus_saves_and_restores_documents_and_corrections() {
        let mut corpus = Corpus::new();
        for (name, bytes) in EXAMPLES.iter().take(3) {
            assert!(corpus.add(&Input::new(*name, *bytes))[0].is_ok());
        }
        let mut gbk_input = Input::new(
            "gbk.txt",
            gbk("县里协调金融机构出台延长还款期限、降低融资成本的措施。"),
        );
        gbk_input.hint = MetaHint {
            title: Some("县里的措施".into()),
            date: Some("2020-02-18".into()),
        };
        gbk_input.encoding = Some("gbk".into());
        assert_eq!(corpus.add(&gbk_input), [Ok("d4".to_string())]);
        assert!(corpus.remove("d2"));
        let report = corpus.report();
        let m = &report.documents[0].measures[0];
        let to = if m.category == "labor" {
            "finance"
        } else {
            "labor"
        };
        corpus
            .correct(Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: m.id.clone(),
                category: to.into(),
            })
            .unwrap();
        corpus
            .correct(Correction::Add {
                doc_id: "d4".into(),
                start: 0,
                end: 4,
                category: "finance".into(),
            })
            .unwrap();
        let before = corpus.report();

        let mut w = corpus.workspace();
        assert_eq!(w.inputs.len(), 3);
        assert_eq!(
            w.inputs[2].bytes, gbk_input.bytes,
            "GBK bytes kept as they were"
        );
        assert_eq!(w.inputs[2].title.as_deref(), Some("县里的措施"));
        assert_eq!(w.inputs[2].encoding.as_deref(), Some("gbk"));
        w.settings.insert("lang".into(), "en".into());
        let restored = from_bytes(&to_bytes(&w)).unwrap();
        assert_eq!(restored, w);

        let mut fresh = Corpus::new();
        assert_eq!(fresh.restore(&restored), []);
        let after = fresh.report();
        assert_eq!(after, before);
        assert_eq!(fresh.corrections(), corpus.corrections());
        // New documents never reuse a restored id.
        assert_eq!(
            fresh.add(&Input::new(
                "n.txt",
                "市里要求各地落实包保责任制，确保物资供应。"
            )),
            [Ok("d5".to_string())]
        );
    }

    #[test]
    fn a_restore_reports_what_it_could_not_bring_back() {
        let w = Workspace {
            inputs: vec![
                SavedInput {
                    id: Some("d2".into()),
                    name: "a.txt".into(),
                    bytes: "市政府要求各地落实一企一策，推动企业复工复产。".into(),
                    ..Default::default()
                },
                SavedInput {
                    id: Some("d3".into()),
                    name: "scan.pdf".into(),
                    bytes: b"%PDF-1.4".to_vec(),
                    ..Default::default()
                },
            ],
            corrections: vec![
                Correction::Delete {
                    doc_id: "d3".into(),
                    measure_id: "d3-m1".into(),
                },
                Correction::Delete {
                    doc_id: "d2".into(),
                    measure_id: "d2-m99".into(),
                },
            ],
            ..Workspace::default()
        };
        let mut corpus = Corpus::new();
        let errors = corpus.restore(&w);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].message.contains("pdf"));
        assert_eq!(corpus.documents().len(), 1);
        assert_eq!(corpus.documents()[0].id, "d2");
        assert!(corpus.corrections().is_empty());
    }
}
