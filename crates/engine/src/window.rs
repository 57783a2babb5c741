//! The window of documents the page shows at once, so that a corpus of thousands stays
//! usable.
//!
//! Every view lays documents out side by side (matrix columns, aligned columns, similarity
//! rows and columns, keyword cards, the document list), which is readable — and cheap to
//! render — for a few dozen. With more, the page shows them [`PAGE`] at a time: [`windowed`]
//! cuts the report down to one page of documents, with the comparison restricted to them
//! (their matrix columns, their block of the similarity matrices, the aligned groups they
//! take part in, counted among them), and the views render that report unchanged. The
//! engine cuts the page (`Engine::report_page`) and sends the page alone: what crosses from
//! the worker to the page, and what the page decodes on its main thread, stays the size of
//! one page however large the corpus. The whole report never leaves the engine, which makes
//! the exports from it. Pure data, tested natively.

use std::collections::BTreeSet;

use cuoshi_core::members::Cut;
use cuoshi_core::model::{AlignedGroup, Comparison, Report};

/// Documents shown at once: enough to compare side by side (a matrix of 25 columns still
/// reads on a laptop), few enough that the page renders them within one frame budget.
pub const PAGE: usize = 25;

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
    // A shared group lists the page's documents only; the groups share that list.
    let mut cut = Cut::new(|id: &str| ids.contains(id));
    let aligned = c
        .aligned
        .iter()
        .filter_map(|g| {
            // Listed as an unabridged report lists it: every document of the page when
            // the group is shared in the corpus.
            let members = cut.members(&g.members);
            let every = members.lists_every() || g.shared >= 2;
            let members = members.listing_every(every);
            (!members.is_empty()).then(|| AlignedGroup {
                label: g.label.clone(),
                category: g.category.clone(),
                instrument: g.instrument.clone(),
                shared: members.len(),
                members,
            })
        })
        .collect();
    // An abridged report has no matrices: the page's block is computed from its own
    // documents (each cell depends on its two documents only, so it is the same block).
    let (similarity, term_similarity) = if c.similarity.len() == report.documents.len() {
        (block(&c.similarity), block(&c.term_similarity))
    } else {
        let docs = &report.documents[shown.clone()];
        let categories: Vec<&str> = report.taxonomy.iter().map(|e| e.id.as_str()).collect();
        (
            cuoshi_core::compare::similarity_of(docs, &categories),
            cuoshi_core::compare::term_similarity(docs),
        )
    };
    Report {
        version: report.version,
        taxonomy: report.taxonomy.clone(),
        documents: report.documents[shown.clone()].to_vec(),
        comparison: Comparison {
            matrix,
            aligned,
            // The page's own most and least alike pairs, by the core's one rule.
            pairs: cuoshi_core::compare::pairs(&similarity, &term_similarity),
            similarity,
            term_similarity,
            ..Comparison::default()
        },
        errors: report.errors.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuoshi_core::model::{DocumentReport, Members};
    use std::collections::BTreeMap;

    /// `n` documents; each `(x, y)` makes a group where document x has a measure, and y
    /// too (y > 0), with document 2 an empty member of the first group.
    fn report(n: usize, groups: &[(usize, usize)]) -> Report {
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
        let aligned = groups
            .iter()
            .enumerate()
            .map(|(k, &(x, y))| {
                let mut members: BTreeMap<String, Vec<String>> =
                    BTreeMap::from([(format!("d{x}"), vec![format!("d{x}-m1")])]);
                if y > 0 {
                    members.insert(format!("d{y}"), vec![format!("d{y}-m1")]);
                }
                if k == 0 {
                    members.insert("d2".into(), Vec::new());
                }
                AlignedGroup {
                    label: "g".into(),
                    category: "labor".into(),
                    instrument: "supply".into(),
                    shared: members.values().filter(|m| !m.is_empty()).count(),
                    members: members.into(),
                }
            })
            .collect();
        Report {
            version: 1,
            taxonomy: Vec::new(),
            documents,
            comparison: Comparison {
                matrix: BTreeMap::from([(
                    "labor".to_string(),
                    ids.iter().map(|id| (id.clone(), 1)).collect(),
                )]),
                aligned,
                similarity: sim.clone(),
                term_similarity: sim,
                pairs: None,
                ..Comparison::default()
            },
            errors: Vec::new(),
        }
    }

    #[test]
    fn a_page_of_an_abridged_report_is_the_page_of_the_full_one() {
        use cuoshi_core::pipeline::{Analyzer, Input};
        // The seeds, analyzed once, then the same report abridged by hand: no matrices,
        // shared groups listing their members only. A page of either is the same page.
        let full = cuoshi_core::corpus::Corpus::analyze(
            Analyzer::new(),
            &cuoshi_core::examples::EXAMPLES
                .iter()
                .map(|(n, b)| Input::new(*n, *b))
                .collect::<Vec<_>>(),
        );
        let mut abridged = full.clone();
        let c = &mut abridged.comparison;
        c.similarity.clear();
        c.term_similarity.clear();
        c.abridged = true;
        for g in &mut c.aligned {
            g.members = g.members.clone().listing_every(false);
        }
        assert_ne!(abridged, full);
        for page in 0..2 {
            let (a, f) = (windowed(&abridged, page), windowed(&full, page));
            assert_eq!(a.comparison.similarity, f.comparison.similarity);
            assert_eq!(a.comparison.term_similarity, f.comparison.term_similarity);
            assert_eq!(a.comparison.aligned, f.comparison.aligned);
            assert_eq!(a.comparison.pairs, f.comparison.pairs);
        }
    }

    #[test]
    fn pages_and_ranges_clamp_to_the_documents() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(PAGE), 1);
        assert_eq!(pages(PAGE + 1), 2);
        assert_eq!(range(0, 0), 0..0);
        let total = PAGE * 2 + 20;
        assert_eq!(range(total, 0), 0..PAGE);
        assert_eq!(range(total, 2), PAGE * 2..total);
        assert_eq!(
            range(total, 9),
            PAGE * 2..total,
            "past the end: the last page"
        );
    }

    #[test]
    fn a_page_keeps_its_documents_and_their_comparison() {
        // Page 1 holds documents PAGE+1 ..= 2·PAGE; "a" is on page 0, "b" and "c" on page 1.
        let (a, b, c) = (1, PAGE + 10, PAGE + 20);
        let d = |i: usize| format!("d{i}");
        let full = report(PAGE * 2 + 20, &[(a, b), (2, 0), (c, 0)]);
        let page = windowed(&full, 1);
        let ids: Vec<&str> = page.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), PAGE);
        assert_eq!(
            (ids[0], ids[PAGE - 1]),
            (d(PAGE + 1).as_str(), d(2 * PAGE).as_str())
        );
        assert_eq!(page.comparison.matrix["labor"].len(), PAGE);
        assert!(page.comparison.matrix["labor"].contains_key(&d(b)));
        assert!(!page.comparison.matrix["labor"].contains_key(&d(a)));
        // The similarity block of the page's documents, in order.
        let at = |i: usize, j: usize| ((i - 1) * 1000 + (j - 1)) as f64;
        assert_eq!(page.comparison.similarity.len(), PAGE);
        assert_eq!(page.comparison.similarity[0].len(), PAGE);
        assert_eq!(page.comparison.similarity[0][0], at(PAGE + 1, PAGE + 1));
        assert_eq!(
            page.comparison.term_similarity[9][0],
            at(PAGE + 10, PAGE + 1)
        );
        // Groups with a member on the page, counted among the page's documents.
        let aligned = &page.comparison.aligned;
        assert_eq!(aligned.len(), 2, "{aligned:?}");
        let listed = |g: &AlignedGroup| -> Vec<String> {
            g.members.listed().map(|(id, _)| id.to_string()).collect()
        };
        assert_eq!(listed(&aligned[0]), [d(b)]);
        assert_eq!(aligned[0].shared, 1);
        assert_eq!(listed(&aligned[1]), [d(c)]);

        let first = windowed(&full, 0);
        assert_eq!(first.comparison.aligned.len(), 2, "a's group and 2's");
        assert_eq!(
            first.comparison.aligned[0].shared, 1,
            "b is on another page"
        );
        assert_eq!(
            listed(&first.comparison.aligned[0]),
            [d(a), d(2)],
            "a and 2 (empty)"
        );
    }

    #[test]
    fn a_page_lists_the_whole_groups_entries_of_its_documents() {
        // Groups as the alignment makes them: one list of every document, which a shared
        // group lists whole.
        let n = PAGE * 2 + 5;
        let mut full = report(n, &[]);
        let mut ids: Vec<String> = (1..=n).map(|i| format!("d{i}")).collect();
        ids.sort();
        let ids: std::sync::Arc<[String]> = ids.into();
        let at = |id: &str| ids.iter().position(|x| x == id).unwrap();
        let group = |docs: &[usize]| {
            let members = docs
                .iter()
                .map(|&i| (at(&format!("d{i}")), vec![format!("d{i}-m1")]));
            AlignedGroup {
                label: "g".into(),
                category: "labor".into(),
                instrument: "supply".into(),
                members: Members::new(&ids, members, docs.len() >= 2),
                shared: docs.len(),
            }
        };
        full.comparison.aligned = vec![
            group(&[1, PAGE + 3, PAGE + 7]),
            group(&[2, 3]),
            group(&[PAGE + 1]),
        ];
        let page = windowed(&full, 1);
        let shown: BTreeSet<&str> = page.documents.iter().map(|d| d.id.as_str()).collect();
        let aligned = &page.comparison.aligned;
        assert_eq!(aligned.len(), 2, "{aligned:?}");
        for (cut, whole) in aligned
            .iter()
            .zip([0, 2].map(|k| &full.comparison.aligned[k]))
        {
            // The whole group's map, filtered to the page: what the page lists.
            let filtered: Vec<_> = (whole.members.listed())
                .filter(|(id, _)| shown.contains(id))
                .collect();
            assert_eq!(cut.members.listed().collect::<Vec<_>>(), filtered);
        }
        assert_eq!(aligned[0].members.listed().len(), PAGE);
        assert_eq!((aligned[0].shared, aligned[1].shared), (2, 1));
        assert!(aligned[0]
            .members
            .shares_documents_with(&aligned[1].members));
    }

    #[test]
    fn a_small_corpus_is_one_page_of_everything() {
        let full = report(5, &[(1, 3)]);
        for page in [0, 3] {
            let shown = windowed(&full, page);
            assert_eq!(shown.documents, full.documents);
            assert_eq!(shown.comparison.matrix, full.comparison.matrix);
            assert_eq!(shown.comparison.similarity, full.comparison.similarity);
        }
    }
}
