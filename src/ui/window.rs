//! The window of documents the page shows at once, so that a corpus of thousands stays
//! usable.
//!
//! Every view lays documents out side by side (matrix columns, aligned columns, similarity
//! rows and columns, keyword cards, the document list), which is readable — and cheap to
//! render — for a few dozen. With more, the page shows them [`PAGE`] at a time: [`windowed`]
//! cuts the report down to one page of documents, with the comparison restricted to them
//! (their matrix columns, their block of the similarity matrices, the aligned groups they
//! take part in, counted among them), and the views render that report unchanged. The full
//! report stays in the state for the totals, the corrections and the exports, which the
//! engine makes from the whole corpus. Pure data, tested natively.

use std::collections::BTreeSet;

use crate::core::model::{Comparison, Report};

/// Documents shown at once.
pub const PAGE: usize = 50;

/// How many pages `total` documents make (at least one).
pub fn pages(total: usize) -> usize {
    total.div_ceil(PAGE).max(1)
}

/// The documents page `page` shows: `start..end` indices into the report's documents.
pub fn range(total: usize, page: usize) -> std::ops::Range<usize> {
    let start = (page.min(pages(total) - 1) * PAGE).min(total);
    start..(start + PAGE).min(total)
}

/// The report restricted to page `page` of its documents (a copy of those documents; the
/// state skips this and shares the report itself when every document fits on one page).
pub fn windowed(report: &Report, page: usize) -> Report {
    let shown = range(report.documents.len(), page);
    let ids: BTreeSet<&str> = report.documents[shown.clone()]
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let block = |m: &Vec<Vec<f64>>| -> Vec<Vec<f64>> {
        m.get(shown.clone())
            .unwrap_or_default()
            .iter()
            .map(|row| row.get(shown.clone()).unwrap_or_default().to_vec())
            .collect()
    };
    let c = &report.comparison;
    let matrix = c
        .matrix
        .iter()
        .map(|(category, per_doc)| {
            let kept = per_doc
                .iter()
                .filter(|(id, _)| ids.contains(id.as_str()))
                .map(|(id, n)| (id.clone(), *n))
                .collect();
            (category.clone(), kept)
        })
        .collect();
    let aligned = c
        .aligned
        .iter()
        .filter_map(|g| {
            let members: std::collections::BTreeMap<String, Vec<String>> = g
                .members
                .iter()
                .filter(|(id, _)| ids.contains(id.as_str()))
                .map(|(id, m)| (id.clone(), m.clone()))
                .collect();
            let shared = members.values().filter(|m| !m.is_empty()).count();
            (shared > 0).then(|| {
                let mut group = g.clone();
                group.members = members;
                group.shared = shared;
                group
            })
        })
        .collect();
    Report {
        version: report.version,
        taxonomy: report.taxonomy.clone(),
        documents: report.documents[shown.clone()].to_vec(),
        comparison: Comparison {
            matrix,
            aligned,
            similarity: block(&c.similarity),
            term_similarity: block(&c.term_similarity),
            // Indices into the whole list: the similarity view finds the page's own pairs.
            pairs: None,
        },
        errors: report.errors.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{AlignedGroup, DocumentReport};
    use std::collections::BTreeMap;

    fn report(n: usize) -> Report {
        let documents = (1..=n)
            .map(|i| DocumentReport {
                id: format!("d{i}"),
                name: format!("{i}.txt"),
                ..DocumentReport::default()
            })
            .collect();
        let ids: Vec<String> = (1..=n).map(|i| format!("d{i}")).collect();
        let sim: Vec<Vec<f64>> = (0..n)
            .map(|i| (0..n).map(|j| (i * 1000 + j) as f64).collect())
            .collect();
        let group = |members: &[(&str, &[&str])]| AlignedGroup {
            label: "g".into(),
            category: "labor".into(),
            instrument: "supply".into(),
            members: members
                .iter()
                .map(|(d, m)| (d.to_string(), m.iter().map(|s| s.to_string()).collect()))
                .collect(),
            shared: members.iter().filter(|(_, m)| !m.is_empty()).count(),
        };
        Report {
            version: 1,
            taxonomy: Vec::new(),
            documents,
            comparison: Comparison {
                matrix: BTreeMap::from([(
                    "labor".to_string(),
                    ids.iter().map(|id| (id.clone(), 1)).collect(),
                )]),
                aligned: vec![
                    // d1 and d60 share a measure; d2 alone; d70 alone.
                    group(&[("d1", &["d1-m1"]), ("d2", &[]), ("d60", &["d60-m1"])]),
                    group(&[("d2", &["d2-m1"])]),
                    group(&[("d70", &["d70-m1"])]),
                ],
                similarity: sim.clone(),
                term_similarity: sim,
                pairs: None,
            },
            errors: Vec::new(),
        }
    }

    #[test]
    fn pages_and_ranges_clamp_to_the_documents() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(PAGE), 1);
        assert_eq!(pages(PAGE + 1), 2);
        assert_eq!(range(0, 0), 0..0);
        assert_eq!(range(120, 0), 0..50);
        assert_eq!(range(120, 2), 100..120);
        assert_eq!(range(120, 9), 100..120, "past the end: the last page");
    }

    #[test]
    fn a_page_keeps_its_documents_and_their_comparison() {
        let full = report(120);
        let page = windowed(&full, 1);
        let ids: Vec<&str> = page.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), 50);
        assert_eq!((ids[0], ids[49]), ("d51", "d100"));
        assert_eq!(page.comparison.matrix["labor"].len(), 50);
        assert!(page.comparison.matrix["labor"].contains_key("d60"));
        assert!(!page.comparison.matrix["labor"].contains_key("d1"));
        // The similarity block of documents 51..100, in order.
        assert_eq!(page.comparison.similarity.len(), 50);
        assert_eq!(page.comparison.similarity[0].len(), 50);
        assert_eq!(page.comparison.similarity[0][0], 50_050.0);
        assert_eq!(page.comparison.term_similarity[9][0], 59_050.0);
        // Groups with a member on the page, counted among the page's documents.
        let aligned = &page.comparison.aligned;
        assert_eq!(aligned.len(), 2, "{aligned:?}");
        assert_eq!(aligned[0].members.keys().collect::<Vec<_>>(), ["d60"]);
        assert_eq!(aligned[0].shared, 1);
        assert_eq!(aligned[1].members.keys().collect::<Vec<_>>(), ["d70"]);

        let first = windowed(&full, 0);
        assert_eq!(first.comparison.aligned.len(), 2, "d1's group and d2's");
        assert_eq!(
            first.comparison.aligned[0].shared, 1,
            "d60 is on another page"
        );
        assert_eq!(
            first.comparison.aligned[0].members.len(),
            2,
            "d1 and d2 (empty)"
        );
    }

    #[test]
    fn a_small_corpus_is_one_page_of_everything() {
        let full = report(5);
        for page in [0, 3] {
            let shown = windowed(&full, page);
            assert_eq!(shown.documents, full.documents);
            assert_eq!(shown.comparison.matrix, full.comparison.matrix);
            assert_eq!(shown.comparison.similarity, full.comparison.similarity);
        }
    }
}
