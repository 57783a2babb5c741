//! Cross-document comparison: the category × document matrix, aligned measures, similarity.
//!
//! Everything here reads finished [`DocumentReport`]s; nothing is re-extracted. Aligned
//! groups join measures of the same category whose segmented content words overlap, so
//! that 点对点包车返岗 in one city lines up with 点对点包车接回员工 in another.

use std::collections::{BTreeMap, BTreeSet};

use super::keywords::is_content_word;
use super::model::{AlignedGroup, Comparison, DocumentReport};
use super::segment::Segmenter;
use super::taxonomy::Taxonomy;

/// Least word overlap (Jaccard) for two measures to share a group.
const ALIGN_THRESHOLD: f64 = 0.25;

/// Builds the comparison of `documents` under `taxonomy`.
pub fn compare(documents: &[DocumentReport], taxonomy: &Taxonomy, segmenter: &Segmenter) -> Comparison {
    Comparison {
        matrix: matrix(documents, taxonomy),
        aligned: align(documents, segmenter),
        similarity: similarity(documents, taxonomy),
    }
}

/// Category id → document id → measure count, with a zero for every empty cell.
pub fn matrix(documents: &[DocumentReport], taxonomy: &Taxonomy) -> BTreeMap<String, BTreeMap<String, u32>> {
    let mut matrix: BTreeMap<String, BTreeMap<String, u32>> = taxonomy
        .categories
        .iter()
        .map(|c| (c.id.clone(), documents.iter().map(|d| (d.id.clone(), 0)).collect()))
        .collect();
    for doc in documents {
        for m in &doc.measures {
            let row = matrix
                .entry(m.category.clone())
                .or_insert_with(|| documents.iter().map(|d| (d.id.clone(), 0)).collect());
            *row.entry(doc.id.clone()).or_default() += 1;
        }
    }
    matrix
}

fn profile(doc: &DocumentReport, taxonomy: &Taxonomy) -> Vec<f64> {
    taxonomy
        .categories
        .iter()
        .map(|c| doc.measures.iter().filter(|m| m.category == c.id).count() as f64)
        .collect()
}

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        ((dot / (na * nb)) * 1000.0).round() / 1000.0
    }
}

/// Document × document cosine similarity of measure-category profiles.
pub fn similarity(documents: &[DocumentReport], taxonomy: &Taxonomy) -> Vec<Vec<f64>> {
    let profiles: Vec<Vec<f64>> = documents.iter().map(|d| profile(d, taxonomy)).collect();
    profiles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            profiles
                .iter()
                .enumerate()
                .map(|(j, b)| if i == j { 1.0 } else { cosine(a, b) })
                .collect()
        })
        .collect()
}

struct Group {
    category: String,
    words: BTreeSet<String>,
    members: BTreeMap<String, Vec<String>>,
}

/// Groups similar measures across documents; keeps groups found in two or more documents.
pub fn align(documents: &[DocumentReport], segmenter: &Segmenter) -> Vec<AlignedGroup> {
    let mut groups: Vec<Group> = Vec::new();
    for doc in documents {
        for m in &doc.measures {
            let words: BTreeSet<String> = segmenter
                .cut(&m.text)
                .into_iter()
                .filter(|w| is_content_word(w))
                .map(String::from)
                .collect();
            if words.is_empty() {
                continue;
            }
            let best = groups
                .iter_mut()
                .filter(|g| g.category == m.category && !g.members.contains_key(&doc.id))
                .map(|g| {
                    let inter = g.words.intersection(&words).count() as f64;
                    let union = g.words.union(&words).count() as f64;
                    (inter / union, g)
                })
                .filter(|(score, _)| *score >= ALIGN_THRESHOLD)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((_, g)) => {
                    g.members.entry(doc.id.clone()).or_default().push(m.id.clone());
                }
                None => groups.push(Group {
                    category: m.category.clone(),
                    words,
                    members: BTreeMap::from([(doc.id.clone(), vec![m.id.clone()])]),
                }),
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| g.members.len() >= 2)
        .map(|g| {
            let members = documents
                .iter()
                .map(|d| (d.id.clone(), g.members.get(&d.id).cloned().unwrap_or_default()))
                .collect();
            let label: Vec<&str> = g.words.iter().take(4).map(String::as_str).collect();
            AlignedGroup { label: label.join("·"), category: g.category, members }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Measure, Meta};

    fn doc(id: &str, measures: &[(&str, &str)]) -> DocumentReport {
        DocumentReport {
            id: id.into(),
            name: format!("{id}.txt"),
            encoding: "UTF-8".into(),
            script: "simplified".into(),
            meta: Meta::default(),
            text: String::new(),
            measures: measures
                .iter()
                .enumerate()
                .map(|(i, (cat, text))| Measure {
                    id: format!("{id}-m{}", i + 1),
                    text: (*text).into(),
                    sentence: (*text).into(),
                    start: 0,
                    end: 0,
                    category: (*cat).into(),
                    categories: vec![(*cat).into()],
                    instrument: "supply".into(),
                    slogans: vec![],
                    figures: vec![],
                    deadline: None,
                    confidence: 1.0,
                })
                .collect(),
            slogans: vec![],
            figures: vec![],
            keywords: vec![],
            removed: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn matrix_counts_and_zero_fills() {
        let t = Taxonomy::default();
        let docs = [doc("d1", &[("labor", "a"), ("labor", "b"), ("finance", "c")]), doc("d2", &[])];
        let m = matrix(&docs, &t);
        assert_eq!(m["labor"]["d1"], 2);
        assert_eq!(m["labor"]["d2"], 0);
        assert_eq!(m["work_safety"]["d1"], 0);
        assert_eq!(m.len(), t.categories.len());
    }

    #[test]
    fn similarity_is_cosine_of_profiles() {
        let t = Taxonomy::default();
        let docs = [
            doc("d1", &[("labor", "a")]),
            doc("d2", &[("labor", "b"), ("labor", "c")]),
            doc("d3", &[("finance", "d")]),
        ];
        let s = similarity(&docs, &t);
        assert_eq!(s[0][1], 1.0);
        assert_eq!(s[0][2], 0.0);
        assert_eq!(s[2][2], 1.0);
    }

    #[test]
    fn aligns_shared_measures_across_documents() {
        let seg = Segmenter::new();
        let docs = [
            doc("d1", &[("labor", "开展点对点包车接回外地员工"), ("finance", "降低融资成本")]),
            doc("d2", &[("labor", "组织点对点包车接回务工人员")]),
        ];
        let groups = align(&docs, &seg);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members["d1"], ["d1-m1"]);
        assert_eq!(groups[0].members["d2"], ["d2-m1"]);
    }
}
