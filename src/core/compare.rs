//! Cross-document comparison: the category × document matrix, aligned measures, similarity.
//!
//! Everything here reads finished [`DocumentReport`]s; nothing is re-extracted. Aligned
//! groups join measures of the same category whose segmented content words overlap, so
//! that 点对点包车返岗 in one city lines up with 点对点包车接回员工 in another; a measure no
//! other document shares stays a group of its own (`shared` = 1), so that a reader can ask
//! both "what do they all do" and "what does only this one do". Two similarities are
//! given — of measure-category profiles and of keyword vectors — and the most and least
//! alike pair by their mean. Same-unit figures are lined up across documents
//! ([`figures_by_unit`]) and the matrix can be read per 10,000 characters ([`per_10k`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::keywords::is_content_word;
use serde::{Deserialize, Serialize};

use super::model::{AlignedGroup, Comparison, DocumentReport, Members, Pairs};
use super::segment::Segmenter;
use super::taxonomy::Taxonomy;

/// Least word overlap (Jaccard) for two measures to share a group.
const ALIGN_THRESHOLD: f64 = 0.25;

/// Builds the comparison of `documents` under `taxonomy`.
pub fn compare(
    documents: &[DocumentReport],
    taxonomy: &Taxonomy,
    segmenter: &Segmenter,
) -> Comparison {
    let similarities = || (similarity(documents, taxonomy), term_similarity(documents));
    // Natively (the command line), the alignment runs beside the similarities: for hundreds
    // of documents each takes a good part of a second. The browser's worker has one thread.
    #[cfg(not(target_arch = "wasm32"))]
    let (aligned, (similarity, term_similarity)) = std::thread::scope(|scope| {
        let other = scope.spawn(similarities);
        let aligned = align(documents, segmenter);
        (
            aligned,
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    #[cfg(target_arch = "wasm32")]
    let (aligned, (similarity, term_similarity)) = (align(documents, segmenter), similarities());
    let pairs = pairs(&similarity, &term_similarity);
    Comparison {
        matrix: matrix(documents, taxonomy),
        aligned,
        similarity,
        term_similarity,
        pairs,
    }
}

/// A count per 10,000 characters of text (0 for an empty text): how the matrix is read
/// when documents differ in length.
pub fn per_10k(count: u32, chars: usize) -> f64 {
    if chars == 0 {
        0.0
    } else {
        f64::from(count) * 10_000.0 / chars as f64
    }
}

/// Category id → document id → measure count, with a zero for every empty cell.
pub fn matrix(
    documents: &[DocumentReport],
    taxonomy: &Taxonomy,
) -> BTreeMap<String, BTreeMap<String, u32>> {
    let mut matrix: BTreeMap<String, BTreeMap<String, u32>> = taxonomy
        .categories
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                documents.iter().map(|d| (d.id.clone(), 0)).collect(),
            )
        })
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

/// A document's keyword vector: word → tf·idf weight (the raw count where no weight was
/// set, e.g. before [`super::keywords::weigh`]).
fn term_vector(doc: &DocumentReport) -> BTreeMap<&str, f64> {
    let weighed = doc.keywords.iter().any(|k| k.weight > 0.0);
    doc.keywords
        .iter()
        .map(|k| {
            (
                k.word.as_str(),
                if weighed {
                    k.weight
                } else {
                    f64::from(k.count)
                },
            )
        })
        .collect()
}

/// Document × document cosine similarity of keyword (term) vectors.
///
/// Words are numbered in their sorted order and each vector is a sorted list of `(word,
/// weight)`, so a dot product is one merge of two lists that sums the products in the words'
/// order; the matrix is symmetric and each pair is computed once (a corpus of hundreds of
/// documents has hundreds of thousands of pairs).
pub fn term_similarity(documents: &[DocumentReport]) -> Vec<Vec<f64>> {
    let maps: Vec<BTreeMap<&str, f64>> = documents.iter().map(term_vector).collect();
    let words: BTreeSet<&str> = maps.iter().flat_map(|m| m.keys().copied()).collect();
    let number: HashMap<&str, u32> = words
        .into_iter()
        .enumerate()
        .map(|(i, w)| (w, i as u32))
        .collect();
    let vectors: Vec<Vec<(u32, f64)>> = maps
        .iter()
        .map(|m| m.iter().map(|(w, x)| (number[w], *x)).collect())
        .collect();
    let norms: Vec<f64> = vectors
        .iter()
        .map(|v| v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt())
        .collect();
    let n = vectors.len();
    let mut out = vec![vec![0.0; n]; n];
    for i in 0..n {
        out[i][i] = 1.0;
        for j in i + 1..n {
            if norms[i] == 0.0 || norms[j] == 0.0 {
                continue;
            }
            let dot: f64 = common_products(&vectors[i], &vectors[j]).sum();
            let cos = ((dot / (norms[i] * norms[j])) * 1000.0).round() / 1000.0;
            out[i][j] = cos;
            out[j][i] = cos;
        }
    }
    out
}

/// `x · y` for each word the two sorted vectors share, in the words' order.
fn common_products<'a>(a: &'a [(u32, f64)], b: &'a [(u32, f64)]) -> impl Iterator<Item = f64> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let p = a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                    return Some(p);
                }
            }
        }
        None
    })
}

/// The most and least alike pair of documents by the mean of both similarities
/// (`None` with fewer than two documents). Ties go to the earlier pair.
pub fn pairs(similarity: &[Vec<f64>], term_similarity: &[Vec<f64>]) -> Option<Pairs> {
    let n = similarity.len().min(term_similarity.len());
    let mut all = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let a = similarity[i].get(j).copied().unwrap_or(0.0);
            let b = term_similarity[i].get(j).copied().unwrap_or(0.0);
            all.push((i, j, (((a + b) / 2.0) * 1000.0).round() / 1000.0));
        }
    }
    let first = *all.first()?;
    let (mut most, mut least) = (first, first);
    for &p in &all[1..] {
        if p.2 > most.2 {
            most = p;
        }
        if p.2 < least.2 {
            least = p;
        }
    }
    Some(Pairs { most, least })
}

/// One figure of a [`UnitComparison`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureEntry {
    pub doc_id: String,
    pub value: f64,
    /// The figure as written (`近6000个`).
    pub text: String,
    /// What is counted, where the text says.
    pub subject: Option<String>,
}

/// Every figure of one unit (亿元, 家, 人 …) across the documents, for a bar chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitComparison {
    pub unit: String,
    /// In `documents` order, then in text order.
    pub entries: Vec<FigureEntry>,
}

impl UnitComparison {
    /// How many documents have a figure in this unit.
    pub fn documents(&self) -> usize {
        self.entries
            .iter()
            .map(|e| e.doc_id.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Figures grouped by unit: units found in two or more documents first (those are the
/// ones a chart can compare), then by how many documents and figures have them.
pub fn figures_by_unit(documents: &[DocumentReport]) -> Vec<UnitComparison> {
    let mut by_unit: BTreeMap<&str, Vec<FigureEntry>> = BTreeMap::new();
    for doc in documents {
        for f in &doc.figures {
            if f.unit.trim().is_empty() || !f.value.is_finite() {
                continue;
            }
            by_unit
                .entry(f.unit.as_str())
                .or_default()
                .push(FigureEntry {
                    doc_id: doc.id.clone(),
                    value: f.value,
                    text: f.text.clone(),
                    subject: f.subject.clone(),
                });
        }
    }
    let mut units: Vec<UnitComparison> = by_unit
        .into_iter()
        .map(|(unit, entries)| UnitComparison {
            unit: unit.to_string(),
            entries,
        })
        .collect();
    units.sort_by(|a, b| {
        let (da, db) = (a.documents(), b.documents());
        (db >= 2)
            .cmp(&(da >= 2))
            .then(db.cmp(&da))
            .then(b.entries.len().cmp(&a.entries.len()))
            .then(a.unit.cmp(&b.unit))
    });
    units
}

struct Group<'a> {
    category: &'a str,
    instrument: &'a str,
    /// The first measure's content words, sorted.
    words: Vec<&'a str>,
    /// Document index → its measures in the group, in the documents' order.
    members: Vec<(usize, Vec<&'a str>)>,
}

/// Maps `items` in order, natively on two threads (the second half on another thread); in
/// the browser's worker, on its one thread.
fn map_halves<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    if items.len() > 1 {
        let mut items = items;
        let second = items.split_off(items.len() / 2);
        let f = &f;
        return std::thread::scope(|scope| {
            let later = scope.spawn(move || second.into_iter().map(f).collect::<Vec<R>>());
            let mut all: Vec<R> = items.into_iter().map(f).collect();
            all.extend(
                later
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
            all
        });
    }
    items.into_iter().map(f).collect()
}

/// Each measure's content words, sorted and distinct, by document.
fn measure_words<'a>(
    documents: &'a [DocumentReport],
    segmenter: &Segmenter,
) -> Vec<Vec<Vec<&'a str>>> {
    map_halves(documents.iter().collect(), |d: &'a DocumentReport| {
        d.measures
            .iter()
            .map(|m| {
                let mut words: Vec<&str> = segmenter
                    .cut(&m.text)
                    .into_iter()
                    .filter(|w| is_content_word(w))
                    .collect();
                words.sort_unstable();
                words.dedup();
                words
            })
            .collect()
    })
}

/// Groups similar measures across documents. Every measure with content words ends up in
/// exactly one group; groups found in one document only are kept too (`shared` = 1), after
/// the shared ones, each list in order of first appearance.
pub fn align(documents: &[DocumentReport], segmenter: &Segmenter) -> Vec<AlignedGroup> {
    let mut groups: Vec<Group> = Vec::new();
    // A measure is scored only against the groups of its category that share a word with
    // it (any other scores 0, under the threshold): `postings[word number]` lists them by
    // category number, and `shared` counts, per group, the words the measure shares with it.
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let mut categories: Vec<&str> = Vec::new();
    let mut postings: Vec<Vec<(u32, Vec<usize>)>> = Vec::new();
    let mut shared: Vec<usize> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    let all_words = measure_words(documents, segmenter);
    for (d, (doc, doc_words)) in documents.iter().zip(all_words).enumerate() {
        for (m, words) in doc.measures.iter().zip(doc_words) {
            if words.is_empty() {
                continue;
            }
            let category = match categories.iter().position(|c| *c == m.category) {
                Some(k) => k as u32,
                None => {
                    categories.push(&m.category);
                    categories.len() as u32 - 1
                }
            };
            let word_numbers: Vec<u32> = words
                .iter()
                .map(|w| {
                    let next = numbers.len() as u32;
                    *numbers.entry(w).or_insert(next)
                })
                .collect();
            touched.clear();
            for &w in &word_numbers {
                let Some(lists) = postings.get(w as usize) else {
                    continue;
                };
                for (_, list) in lists.iter().filter(|(c, _)| *c == category) {
                    for &g in list {
                        if shared[g] == 0 {
                            touched.push(g);
                        }
                        shared[g] += 1;
                    }
                }
            }
            // Jaccard overlap; the best score wins, a tie goes to the later group.
            let mut best: Option<(f64, usize)> = None;
            for &g in &touched {
                let inter = std::mem::take(&mut shared[g]);
                // Documents come in order: a group holds this one only as its last member.
                if groups[g].members.last().is_some_and(|(last, _)| *last == d) {
                    continue;
                }
                let union = groups[g].words.len() + words.len() - inter;
                let score = inter as f64 / union as f64;
                if score >= ALIGN_THRESHOLD
                    && best.is_none_or(|(b, bg)| score > b || (score == b && g > bg))
                {
                    best = Some((score, g));
                }
            }
            match best {
                Some((_, g)) => match groups[g].members.last_mut() {
                    Some((last, ids)) if *last == d => ids.push(&m.id),
                    _ => groups[g].members.push((d, vec![&m.id])),
                },
                None => {
                    for &w in &word_numbers {
                        if postings.len() <= w as usize {
                            postings.resize_with(w as usize + 1, Vec::new);
                        }
                        let lists = &mut postings[w as usize];
                        match lists.iter_mut().find(|(c, _)| *c == category) {
                            Some((_, list)) => list.push(groups.len()),
                            None => lists.push((category, vec![groups.len()])),
                        }
                    }
                    shared.push(0);
                    groups.push(Group {
                        category: &m.category,
                        instrument: &m.instrument,
                        words,
                        members: vec![(d, vec![&m.id])],
                    });
                }
            }
        }
    }
    // The document ids in id order, how a group's members are listed: one list that all
    // the groups share.
    let mut by_id: Vec<usize> = (0..documents.len()).collect();
    by_id.sort_by(|&a, &b| documents[a].id.cmp(&documents[b].id));
    let ids: Arc<[String]> = by_id.iter().map(|&d| documents[d].id.clone()).collect();
    let mut place = vec![0; documents.len()];
    for (k, &d) in by_id.iter().enumerate() {
        place[d] = k;
    }
    let aligned = |g: Group| {
        let shared = g.members.len();
        let members = (g.members.into_iter())
            .map(|(d, list)| (place[d], list.into_iter().map(String::from).collect()));
        let label: Vec<&str> = g.words.iter().take(4).copied().collect();
        AlignedGroup {
            label: label.join("·"),
            category: g.category.to_string(),
            instrument: g.instrument.to_string(),
            // A shared group lists every document (empty where it has no member), as in
            // report.md; a unique one only its own, which keeps a large corpus's report
            // small.
            members: Members::new(&ids, members, shared >= 2),
            shared,
        }
    };
    // Shared groups first, each part in order of first appearance.
    let (shared, unique): (Vec<Group>, Vec<Group>) =
        groups.into_iter().partition(|g| g.members.len() >= 2);
    shared.into_iter().chain(unique).map(aligned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Measure;

    fn doc(id: &str, measures: &[(&str, &str)]) -> DocumentReport {
        DocumentReport {
            id: id.into(),
            name: format!("{id}.txt"),
            measures: measures
                .iter()
                .enumerate()
                .map(|(i, (cat, text))| Measure {
                    id: format!("{id}-m{}", i + 1),
                    text: (*text).into(),
                    sentence: (*text).into(),
                    category: (*cat).into(),
                    categories: vec![(*cat).into()],
                    instrument: "supply".into(),
                    confidence: 1.0,
                    ..Measure::default()
                })
                .collect(),
            ..DocumentReport::default()
        }
    }

    /// The ids of the measures of document `doc` in group `g` (none where it has none).
    fn ids<'a>(g: &'a AlignedGroup, doc: &str) -> Vec<&'a str> {
        let ids = g.members.get(doc).unwrap_or_default();
        ids.iter().map(String::as_str).collect()
    }

    #[test]
    fn matrix_counts_and_zero_fills() {
        let t = Taxonomy::default();
        let docs = [
            doc("d1", &[("labor", "a"), ("labor", "b"), ("finance", "c")]),
            doc("d2", &[]),
        ];
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
            doc(
                "d1",
                &[
                    ("labor", "开展点对点包车接回外地员工"),
                    ("finance", "降低融资成本"),
                ],
            ),
            doc("d2", &[("labor", "组织点对点包车接回务工人员")]),
        ];
        let groups = align(&docs, &seg);
        assert_eq!(groups.len(), 2);
        assert_eq!(ids(&groups[0], "d1"), ["d1-m1"]);
        assert_eq!(ids(&groups[0], "d2"), ["d2-m1"]);
        assert_eq!(
            (groups[0].shared, groups[0].instrument.as_str()),
            (2, "supply")
        );
        // The measure no other document shares is a group of its own, after the shared ones.
        assert_eq!(groups[1].shared, 1);
        assert_eq!(groups[1].category, "finance");
        assert_eq!(groups[1].members.len(), 1);
        assert_eq!(ids(&groups[1], "d1"), ["d1-m2"]);
    }

    fn seeds() -> crate::core::model::Report {
        use crate::core::pipeline::{Analyzer, Input};
        let inputs: Vec<Input> = crate::core::examples::EXAMPLES
            .iter()
            .map(|(n, b)| Input::new(*n, *b))
            .collect();
        Analyzer::new().analyze(&inputs)
    }

    #[test]
    fn the_seeds_have_shared_and_unique_groups_and_named_pairs() {
        let report = seeds();
        let c = &report.comparison;
        let measures: usize = report.documents.iter().map(|d| d.measures.len()).sum();
        let grouped: usize = c
            .aligned
            .iter()
            .flat_map(|g| g.members.iter())
            .map(|(_, ids)| ids.len())
            .sum();
        assert!(
            grouped <= measures && grouped * 10 >= measures * 9,
            "{grouped} of {measures}"
        );
        assert!(c.aligned.iter().any(|g| g.shared >= 2));
        assert!(c.aligned.iter().any(|g| g.shared == 1));
        for g in &c.aligned {
            assert_eq!(g.shared, g.members.len());
            assert_eq!(
                g.members.listed().len(),
                if g.shared >= 2 {
                    report.documents.len()
                } else {
                    1
                },
                "a shared group lists every document: {g:?}"
            );
            assert!(g.members.shares_documents_with(&c.aligned[0].members));
            assert!(
                ["supply", "demand", "environment"].contains(&g.instrument.as_str()),
                "{g:?}"
            );
        }
        let first_unique = c.aligned.iter().position(|g| g.shared == 1).unwrap();
        assert!(
            c.aligned[first_unique..].iter().all(|g| g.shared == 1),
            "shared groups come first"
        );

        let n = report.documents.len();
        assert_eq!(c.term_similarity.len(), n);
        for i in 0..n {
            assert_eq!(c.term_similarity[i][i], 1.0);
            for j in 0..n {
                assert_eq!(c.term_similarity[i][j], c.term_similarity[j][i]);
                assert!((0.0..=1.0).contains(&c.term_similarity[i][j]));
            }
        }
        let pairs = c.pairs.as_ref().expect("five documents have pairs");
        let mean = |i: usize, j: usize| (c.similarity[i][j] + c.term_similarity[i][j]) / 2.0;
        let (mi, mj, ms) = pairs.most;
        let (li, lj, ls) = pairs.least;
        assert!(mi < mj && li < lj && (mi, mj) != (li, lj));
        assert!(ms > ls);
        for i in 0..n {
            for j in i + 1..n {
                assert!(mean(i, j) <= ms + 1e-3 && mean(i, j) >= ls - 1e-3);
            }
        }
        let json = serde_json::to_value(c).unwrap();
        assert!(json["pairs"]["most"].is_array() && json["aligned"][0]["label"].is_string());
    }

    #[test]
    fn pairs_need_two_documents() {
        assert_eq!(pairs(&[vec![1.0]], &[vec![1.0]]), None);
        let s = vec![
            vec![1.0, 0.2, 0.9],
            vec![0.2, 1.0, 0.4],
            vec![0.9, 0.4, 1.0],
        ];
        let t = vec![
            vec![1.0, 0.0, 0.5],
            vec![0.0, 1.0, 0.6],
            vec![0.5, 0.6, 1.0],
        ];
        let p = pairs(&s, &t).unwrap();
        assert_eq!(p.most, (0, 2, 0.7));
        assert_eq!(p.least, (0, 1, 0.1));
    }

    #[test]
    fn figures_are_grouped_by_unit_across_the_seeds() {
        use crate::core::pipeline::{Analyzer, Input};
        // Of the seeds only 001 gives 亿元; a second article with 亿元 and 家 joins it.
        let mut inputs: Vec<Input> = crate::core::examples::EXAMPLES
            .iter()
            .map(|(n, b)| Input::new(*n, *b))
            .collect();
        inputs.push(Input::new(
            "county.txt",
            "县政府安排专项资金3.5亿元支持企业复工复产，已有1200家企业复工，新增贷款约20亿元。",
        ));
        let report = Analyzer::new().analyze(&inputs);
        let units = figures_by_unit(&report.documents);
        let yi = units
            .iter()
            .find(|u| u.unit == "亿元")
            .expect("亿元 figures");
        assert_eq!(yi.documents(), 2, "{yi:?}");
        assert_eq!(yi.entries.len(), 3, "{yi:?}");
        assert_eq!(
            units[0].unit, "亿元",
            "the unit shared by two documents comes first: {units:?}"
        );
        assert!(
            yi.entries.iter().any(|e| e.value == 174.9)
                && yi.entries.iter().any(|e| e.value == 3.5)
        );
        assert!(yi.entries.iter().all(|e| e.text.contains("亿")));
        let total: usize = report.documents.iter().map(|d| d.figures.len()).sum();
        assert_eq!(units.iter().map(|u| u.entries.len()).sum::<usize>(), total);
        let first_single = units
            .iter()
            .position(|u| u.documents() < 2)
            .unwrap_or(units.len());
        assert!(
            units[first_single..].iter().all(|u| u.documents() < 2),
            "shared units first"
        );
        assert!(units[..first_single].iter().any(|u| u.unit == "亿元"));
    }

    #[test]
    fn per_10k_reads_counts_by_length() {
        assert_eq!(per_10k(3, 5000), 6.0);
        assert_eq!(per_10k(0, 5000), 0.0);
        assert_eq!(per_10k(4, 0), 0.0);
    }

    #[test]
    fn map_halves_keeps_the_order() {
        for n in [0, 1, 2, 7] {
            let items: Vec<usize> = (0..n).collect();
            let doubled = map_halves(items, |x| x * 2);
            assert_eq!(doubled, (0..n).map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_measure_joins_the_later_of_two_equally_close_groups() {
        let seg = Segmenter::new();
        let docs = [
            doc(
                "d1",
                &[("labor", "复工复产一企一策"), ("labor", "复工复产点对点")],
            ),
            doc("d2", &[("labor", "复工复产包车")]),
        ];
        let words = measure_words(&docs, &seg);
        assert_eq!(words[0][0], ["一企一策", "复工复产"]);
        assert_eq!(words[0][1], ["复工复产", "点对点"]);
        assert_eq!(words[1][0], ["包车", "复工复产"]);
        // d1's two measures share a word but one document never joins itself: two groups.
        // d2's measure is as close (1/3) to both and joins the later.
        let groups = align(&docs, &seg);
        assert_eq!(groups.len(), 2);
        assert_eq!(ids(&groups[0], "d1"), ["d1-m2"]);
        assert_eq!(ids(&groups[0], "d2"), ["d2-m1"]);
        assert_eq!(groups[0].label, "复工复产·点对点");
        assert_eq!(groups[1].members.len(), 1);
        assert_eq!(ids(&groups[1], "d1"), ["d1-m1"]);
    }

    #[test]
    fn shared_groups_list_every_document_in_id_order() {
        let seg = Segmenter::new();
        let docs: Vec<DocumentReport> = ["d2", "d10", "d1"]
            .iter()
            .map(|id| doc(id, &[("labor", "开展点对点包车")]))
            .chain([doc("d3", &[])])
            .collect();
        let groups = align(&docs, &seg);
        assert_eq!(groups.len(), 1);
        let listed: Vec<&str> = groups[0].members.listed().map(|(id, _)| id).collect();
        assert_eq!(listed, ["d1", "d10", "d2", "d3"]);
        assert!(ids(&groups[0], "d3").is_empty());
        assert_eq!((groups[0].shared, ids(&groups[0], "d10").len()), (3, 1));
        // Written as the report's map, every document listed; held without d3's entry.
        let json = serde_json::to_value(&groups[0]).unwrap();
        assert_eq!(
            json["members"],
            serde_json::json!({"d1": ["d1-m1"], "d10": ["d10-m1"], "d2": ["d2-m1"], "d3": []})
        );
        assert_eq!(groups[0].members.len(), 3);
        let back: AlignedGroup = serde_json::from_value(json).unwrap();
        assert_eq!(back, groups[0]);
    }
}
