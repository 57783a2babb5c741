//! User corrections: re-categorize a measure, delete a false one, add one the extraction
//! missed — kept as a list and replayed over the analysis.
//!
//! The analysis itself is never edited: a [`super::corpus::Corpus`] keeps the documents as
//! analyzed plus the ordered list of [`Correction`]s, and every report replays the list
//! ([`apply_to_documents`]) before the comparison is computed, so every view and export
//! sees the corrected measures, and an undo is just dropping one entry. Corrected
//! measures say so (`correction`: `recategorized` or `added`), deleted ones disappear.
//! An added measure gets the id `{doc}-u{n}` (its rank among that document's additions),
//! the sentence that contains it, the figures, slogans and deadline inside it, and its
//! instrument type from the taxonomy. A correction that no longer applies (its document
//! removed, its measure gone) is skipped and reported by [`validate`], never a panic.

use serde::{Deserialize, Serialize};

use super::deadline;
use super::model::{DocumentReport, Measure, Report};
use super::pipeline::Analyzer;
use super::sentence;
use super::taxonomy::Taxonomy;

/// `Measure.correction` of a measure whose category the user changed.
pub const RECATEGORIZED: &str = "recategorized";
/// `Measure.correction` of a measure the user added.
pub const ADDED: &str = "added";
/// `Measure.origin` of a measure the user added or re-categorized.
pub const USER: &str = "user";

/// One user correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// Give a measure another primary category.
    Recategorize {
        doc_id: String,
        measure_id: String,
        category: String,
    },
    /// Remove a measure that is not one.
    Delete { doc_id: String, measure_id: String },
    /// Make a measure of the text between two char offsets of the document's cleaned text.
    Add {
        doc_id: String,
        start: usize,
        end: usize,
        category: String,
    },
}

impl Correction {
    /// The document the correction is about.
    pub fn doc_id(&self) -> &str {
        match self {
            Correction::Recategorize { doc_id, .. }
            | Correction::Delete { doc_id, .. }
            | Correction::Add { doc_id, .. } => doc_id,
        }
    }

    /// The measure it names (none for an addition).
    pub fn measure_id(&self) -> Option<&str> {
        match self {
            Correction::Recategorize { measure_id, .. } | Correction::Delete { measure_id, .. } => {
                Some(measure_id)
            }
            Correction::Add { .. } => None,
        }
    }
}

/// Why a correction cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionError {
    #[error("没有文档“{0}” / There is no document “{0}”")]
    NoDocument(String),
    #[error("文档“{doc}”中没有措施“{measure}” / Document “{doc}” has no measure “{measure}”")]
    NoMeasure { doc: String, measure: String },
    #[error("没有类别“{0}” / There is no category “{0}”")]
    UnknownCategory(String),
    #[error("所选文字超出文档范围（{start}–{end}，全文 {len} 字） / The selection lies outside the text ({start}–{end} of {len} characters)")]
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("所选文字为空 / The selection is empty")]
    EmptySpan,
}

impl crate::error::Bilingual for CorrectionError {
    fn kind(&self) -> &'static str {
        match self {
            CorrectionError::NoDocument(_) => "no_such_document",
            CorrectionError::NoMeasure { .. } => "no_such_measure",
            CorrectionError::UnknownCategory(_) => "unknown_category",
            CorrectionError::BadSpan { .. } => "bad_span",
            CorrectionError::EmptySpan => "empty_span",
        }
    }
}

/// The id of the `n`-th (from 1) measure added to document `doc_id`.
pub fn added_id(doc_id: &str, n: usize) -> String {
    format!("{doc_id}-u{n}")
}

/// Replays `corrections` in order over `documents`; returns the ones skipped (index into
/// `corrections`, why). Adds are numbered by their rank among the document's Add
/// corrections, whether or not an earlier one was skipped, so ids stay put.
pub fn apply_to_documents(
    documents: &mut [DocumentReport],
    corrections: &[Correction],
    taxonomy: &Taxonomy,
) -> Vec<(usize, CorrectionError)> {
    let mut adds: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut skipped = Vec::new();
    for (i, c) in corrections.iter().enumerate() {
        let n = if let Correction::Add { doc_id, .. } = c {
            let n = adds.entry(doc_id.as_str()).or_default();
            *n += 1;
            *n
        } else {
            0
        };
        let outcome = match documents.iter_mut().find(|d| d.id == c.doc_id()) {
            None => Err(CorrectionError::NoDocument(c.doc_id().to_string())),
            Some(doc) => apply_one(doc, c, n, taxonomy),
        };
        if let Err(e) = outcome {
            skipped.push((i, e));
        }
    }
    skipped
}

/// Checks that `c` would apply to `doc` as it stands (already corrected).
pub fn check(
    doc: Option<&DocumentReport>,
    c: &Correction,
    taxonomy: &Taxonomy,
) -> Result<(), CorrectionError> {
    let doc = doc
        .filter(|d| d.id == c.doc_id())
        .ok_or_else(|| CorrectionError::NoDocument(c.doc_id().to_string()))?;
    let mut copy = doc.clone();
    apply_one(&mut copy, c, usize::MAX, taxonomy)
}

fn find_measure(doc: &mut DocumentReport, measure_id: &str) -> Result<usize, CorrectionError> {
    doc.measures
        .iter()
        .position(|m| m.id == measure_id)
        .ok_or_else(|| CorrectionError::NoMeasure {
            doc: doc.id.clone(),
            measure: measure_id.to_string(),
        })
}

fn apply_one(
    doc: &mut DocumentReport,
    c: &Correction,
    n: usize,
    taxonomy: &Taxonomy,
) -> Result<(), CorrectionError> {
    match c {
        Correction::Recategorize {
            measure_id,
            category,
            ..
        } => {
            let category_entry = taxonomy
                .get(category)
                .ok_or_else(|| CorrectionError::UnknownCategory(category.clone()))?;
            let at = find_measure(doc, measure_id)?;
            let m = &mut doc.measures[at];
            m.category = category.clone();
            m.categories.retain(|c| c != category);
            m.categories.insert(0, category.clone());
            m.instrument = category_entry.instrument.clone();
            if m.correction.as_deref() != Some(ADDED) {
                m.correction = Some(RECATEGORIZED.to_string());
            }
            m.origin = Some(USER.to_string());
            Ok(())
        }
        Correction::Delete { measure_id, .. } => {
            let at = find_measure(doc, measure_id)?;
            doc.measures.remove(at);
            Ok(())
        }
        Correction::Add {
            start,
            end,
            category,
            ..
        } => {
            let category_entry = taxonomy
                .get(category)
                .ok_or_else(|| CorrectionError::UnknownCategory(category.clone()))?;
            let measure = added_measure(doc, *start, *end, n)?;
            let measure = Measure {
                category: category.clone(),
                categories: vec![category.clone()],
                instrument: category_entry.instrument.clone(),
                ..measure
            };
            let at = doc.measures.partition_point(|m| m.start <= measure.start);
            doc.measures.insert(at, measure);
            Ok(())
        }
    }
}

/// The measure the user selected from `start` to `end` (category left empty).
fn added_measure(
    doc: &DocumentReport,
    start: usize,
    end: usize,
    n: usize,
) -> Result<Measure, CorrectionError> {
    let chars: Vec<char> = doc.text.chars().collect();
    if start >= end || end > chars.len() {
        return Err(if start == end && end <= chars.len() {
            CorrectionError::EmptySpan
        } else {
            CorrectionError::BadSpan {
                start,
                end,
                len: chars.len(),
            }
        });
    }
    let text: String = chars[start..end].iter().collect();
    if text.trim().is_empty() {
        return Err(CorrectionError::EmptySpan);
    }
    // The sentence(s) the selection lies in.
    let sentences = sentence::split_chars(&chars);
    let touching: Vec<&sentence::Sentence> = sentences
        .iter()
        .filter(|s| s.start < end && start < s.end)
        .collect();
    let sentence = match (touching.first(), touching.last()) {
        (Some(first), Some(last)) => chars[first.start.min(start)..last.end.max(end)]
            .iter()
            .collect(),
        _ => text.clone(),
    };
    let mut slogans: Vec<String> = Vec::new();
    for s in doc
        .slogans
        .iter()
        .filter(|s| s.start >= start && s.end <= end)
    {
        if !slogans.contains(&s.text) {
            slogans.push(s.text.clone());
        }
    }
    let figures = doc
        .figures
        .iter()
        .filter(|f| f.start >= start && f.end <= end)
        .cloned()
        .collect();
    Ok(Measure {
        id: added_id(&doc.id, n),
        deadline: deadline::find(&text),
        text,
        sentence,
        start,
        end,
        category: String::new(),
        categories: Vec::new(),
        instrument: String::new(),
        slogans,
        figures,
        confidence: 1.0,
        actors: Vec::new(),
        correction: Some(ADDED.to_string()),
        origin: Some(USER.to_string()),
    })
}

/// Applies `corrections` to `report` and recomputes its comparison. Corrections that no
/// longer apply are skipped (see [`validate`]).
pub fn apply(report: &mut Report, corrections: &[Correction], analyzer: &Analyzer) {
    apply_to_documents(&mut report.documents, corrections, analyzer.taxonomy());
    report.comparison =
        super::compare::compare(&report.documents, analyzer.taxonomy(), analyzer.segmenter());
}

/// The corrections that would be skipped on `report`: (index into `corrections`, why).
pub fn validate(
    report: &Report,
    corrections: &[Correction],
    analyzer: &Analyzer,
) -> Vec<(usize, CorrectionError)> {
    let mut documents = report.documents.clone();
    apply_to_documents(&mut documents, corrections, analyzer.taxonomy())
}

/// `corrections` without the one at `index`, the others kept valid: corrections of a
/// measure that an undone Add created go too, and later additions of that document are
/// renumbered (`d1-u3` becomes `d1-u2`) along with the corrections naming them.
pub fn without(corrections: &[Correction], index: usize) -> Vec<Correction> {
    let Some(removed) = corrections.get(index) else {
        return corrections.to_vec();
    };
    let mut out: Vec<Correction> = corrections.to_vec();
    out.remove(index);
    let Correction::Add { doc_id, .. } = removed else {
        return out;
    };
    let rank = corrections[..index]
        .iter()
        .filter(|c| matches!(c, Correction::Add { doc_id: d, .. } if d == doc_id))
        .count()
        + 1;
    let later = corrections[index + 1..]
        .iter()
        .filter(|c| matches!(c, Correction::Add { doc_id: d, .. } if d == doc_id))
        .count();
    let gone = added_id(doc_id, rank);
    out.retain(|c| c.measure_id() != Some(gone.as_str()) || c.doc_id() != doc_id);
    for c in out.iter_mut() {
        if let Correction::Recategorize {
            doc_id: d,
            measure_id,
            ..
        }
        | Correction::Delete {
            doc_id: d,
            measure_id,
        } = c
        {
            if d != doc_id {
                continue;
            }
            for k in rank + 1..=rank + later {
                if *measure_id == added_id(doc_id, k) {
                    *measure_id = added_id(doc_id, k - 1);
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::examples::EXAMPLES;
    use crate::pipeline::Input;

    fn seeds() -> Corpus {
        let mut c = Corpus::new();
        for (name, bytes) in EXAMPLES.iter().take(2) {
            assert!(c.add(&Input::new(*name, *bytes))[0].is_ok());
        }
        c
    }

    fn other_category(m: &Measure) -> String {
        if m.category == "finance" {
            "labor"
        } else {
            "finance"
        }
        .to_string()
    }

    #[test]
    fn recategorize_moves_the_matrix_count() {
        let mut corpus = seeds();
        let before = corpus.report();
        let m = before.documents[0].measures[0].clone();
        let to = other_category(&m);
        let mut report = before.clone();
        let c = Correction::Recategorize {
            doc_id: "d1".into(),
            measure_id: m.id.clone(),
            category: to.clone(),
        };
        apply(&mut report, std::slice::from_ref(&c), corpus.analyzer());
        let matrix = &report.comparison.matrix;
        assert_eq!(
            matrix[&m.category]["d1"] + 1,
            before.comparison.matrix[&m.category]["d1"]
        );
        assert_eq!(matrix[&to]["d1"], before.comparison.matrix[&to]["d1"] + 1);
        let now = report.documents[0]
            .measures
            .iter()
            .find(|x| x.id == m.id)
            .unwrap();
        assert_eq!(now.category, to);
        assert_eq!(now.categories[0], to);
        assert_eq!(
            now.instrument,
            corpus.analyzer().taxonomy().instrument_of(&to)
        );
        assert_eq!(now.correction.as_deref(), Some(RECATEGORIZED));
        // The corpus keeps it, and its report shows it.
        corpus.correct(c.clone()).unwrap();
        assert_eq!(corpus.corrections(), [c]);
        assert_eq!(corpus.report().comparison.matrix, report.comparison.matrix);
        let json = serde_json::to_string(&corpus.report()).unwrap();
        assert!(json.contains(r#""correction":"recategorized""#));
    }

    #[test]
    fn delete_removes_the_measure_and_its_count() {
        let mut corpus = seeds();
        let before = corpus.report();
        let m = before.documents[1].measures[2].clone();
        corpus
            .correct(Correction::Delete {
                doc_id: "d2".into(),
                measure_id: m.id.clone(),
            })
            .unwrap();
        let after = corpus.report();
        assert!(after.documents[1].measures.iter().all(|x| x.id != m.id));
        assert_eq!(
            after.documents[1].measures.len() + 1,
            before.documents[1].measures.len()
        );
        assert_eq!(
            after.comparison.matrix[&m.category]["d2"] + 1,
            before.comparison.matrix[&m.category]["d2"]
        );
        assert!(after
            .comparison
            .aligned
            .iter()
            .all(|g| g.members.get("d2").is_none_or(|ids| !ids.contains(&m.id))));
        // Deleting it again is refused with a bilingual message; the list is unchanged.
        let e = corpus
            .correct(Correction::Delete {
                doc_id: "d2".into(),
                measure_id: m.id.clone(),
            })
            .unwrap_err();
        assert!(
            e.message.contains("没有措施") && e.message.contains("no measure"),
            "{}",
            e.message
        );
        assert_eq!(corpus.corrections().len(), 1);
        // Undo brings it back.
        corpus.undo_correction(0);
        assert_eq!(
            corpus.report().documents[1].measures,
            before.documents[1].measures
        );
    }

    #[test]
    fn add_creates_a_measure_with_its_sentence() {
        let mut corpus = seeds();
        let doc = corpus.report().documents[0].clone();
        let chars: Vec<char> = doc.text.chars().collect();
        // Select the middle of the longest sentence.
        let s = sentence::split(&doc.text)
            .into_iter()
            .max_by_key(|s| s.end - s.start)
            .unwrap();
        let (start, end) = (s.start + 2, s.end - 2);
        let c = Correction::Add {
            doc_id: "d1".into(),
            start,
            end,
            category: "supply_chain".into(),
        };
        corpus.correct(c.clone()).unwrap();
        let report = corpus.report();
        let added = report.documents[0]
            .measures
            .iter()
            .find(|m| m.id == "d1-u1")
            .expect("added measure");
        assert_eq!(added.text, chars[start..end].iter().collect::<String>());
        assert_eq!((added.start, added.end), (start, end));
        assert_eq!(added.sentence, s.text);
        assert_eq!(added.category, "supply_chain");
        assert_eq!(
            added.instrument,
            corpus.analyzer().taxonomy().instrument_of("supply_chain")
        );
        assert_eq!(added.correction.as_deref(), Some(ADDED));
        let starts: Vec<usize> = report.documents[0]
            .measures
            .iter()
            .map(|m| m.start)
            .collect();
        assert!(
            starts.windows(2).all(|w| w[0] <= w[1]),
            "measures stay in text order"
        );
        assert_eq!(
            report.comparison.matrix["supply_chain"]["d1"],
            doc.measures
                .iter()
                .filter(|m| m.category == "supply_chain")
                .count() as u32
                + 1
        );
        // An added measure can be re-categorized and stays marked as added.
        corpus
            .correct(Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: "d1-u1".into(),
                category: "labor".into(),
            })
            .unwrap();
        let m = corpus.report().documents[0]
            .measures
            .iter()
            .find(|m| m.id == "d1-u1")
            .unwrap()
            .clone();
        assert_eq!(
            (m.category.as_str(), m.correction.as_deref()),
            ("labor", Some(ADDED))
        );
    }

    #[test]
    fn bad_corrections_are_refused_or_skipped_never_panic() {
        let mut corpus = seeds();
        let len = corpus.documents()[0].text.chars().count();
        for bad in [
            Correction::Add {
                doc_id: "d1".into(),
                start: len,
                end: len + 5,
                category: "labor".into(),
            },
            Correction::Add {
                doc_id: "d1".into(),
                start: 5,
                end: 5,
                category: "labor".into(),
            },
            Correction::Add {
                doc_id: "d1".into(),
                start: 9,
                end: 2,
                category: "labor".into(),
            },
            Correction::Add {
                doc_id: "d1".into(),
                start: 0,
                end: 4,
                category: "no_such".into(),
            },
            Correction::Add {
                doc_id: "d9".into(),
                start: 0,
                end: 4,
                category: "labor".into(),
            },
            Correction::Delete {
                doc_id: "d1".into(),
                measure_id: "d2-m1".into(),
            },
            Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: "d1-m1".into(),
                category: "nope".into(),
            },
        ] {
            let e = corpus.correct(bad.clone()).unwrap_err();
            assert!(e.message.contains(" / "), "bilingual: {}", e.message);
        }
        assert!(corpus.corrections().is_empty());
        // Replayed over a report without the document, a correction is skipped and reported.
        let report = corpus.report();
        let list = [
            Correction::Delete {
                doc_id: "d7".into(),
                measure_id: "d7-m1".into(),
            },
            Correction::Delete {
                doc_id: "d1".into(),
                measure_id: "d1-m1".into(),
            },
        ];
        let skipped = validate(&report, &list, corpus.analyzer());
        assert_eq!(skipped, [(0, CorrectionError::NoDocument("d7".into()))]);
        let mut r = report.clone();
        apply(&mut r, &list, corpus.analyzer());
        assert_eq!(
            r.documents[0].measures.len() + 1,
            report.documents[0].measures.len()
        );
        // Removing a document drops its corrections.
        corpus.correct(list[1].clone()).unwrap();
        assert!(corpus.remove("d1"));
        assert!(corpus.corrections().is_empty());
        corpus.undo_correction(42);
    }

    #[test]
    fn decoding_a_document_anew_keeps_its_corrections_only_if_its_text_stays() {
        let mut corpus = Corpus::new();
        let gbk = encoding_rs::GBK
            .encode("县里协调金融机构出台延长还款期限、降低融资成本的措施。")
            .0
            .into_owned();
        assert_eq!(
            corpus.add(&Input::new("gbk.txt", gbk)),
            [Ok("d1".to_string())]
        );
        corpus
            .correct(Correction::Add {
                doc_id: "d1".into(),
                start: 0,
                end: 4,
                category: "finance".into(),
            })
            .unwrap();
        corpus.redecode("d1", Some("gbk")).unwrap();
        assert_eq!(
            corpus.corrections().len(),
            1,
            "same text: the correction stays"
        );
        let before = corpus.documents()[0].text.clone();
        if corpus.redecode("d1", Some("big5")).is_ok() && corpus.documents()[0].text != before {
            assert!(
                corpus.corrections().is_empty(),
                "other text: its offsets no longer hold"
            );
        }
    }

    #[test]
    fn undoing_an_add_renumbers_the_later_ones() {
        let add = |s: usize| Correction::Add {
            doc_id: "d1".into(),
            start: s,
            end: s + 4,
            category: "labor".into(),
        };
        let recat = |id: &str| Correction::Recategorize {
            doc_id: "d1".into(),
            measure_id: id.into(),
            category: "finance".into(),
        };
        let list = vec![
            add(0),
            add(10),
            recat("d1-u1"),
            recat("d1-u2"),
            add(20),
            Correction::Delete {
                doc_id: "d1".into(),
                measure_id: "d1-u3".into(),
            },
        ];
        let out = without(&list, 0);
        assert_eq!(
            out,
            vec![
                add(10),
                recat("d1-u1"),
                add(20),
                Correction::Delete {
                    doc_id: "d1".into(),
                    measure_id: "d1-u2".into()
                }
            ]
        );
        assert_eq!(without(&list, 3), [&list[..3], &list[4..]].concat());
        assert_eq!(without(&list, 99), list);
    }
}
