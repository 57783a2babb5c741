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

use rustc_hash::FxHashMap;

use super::keywords::is_content_word;
use serde::{Deserialize, Serialize};

use super::model::{AlignedGroup, Comparison, DocumentReport, Members, Pairs};
use super::segment::Segmenter;
use super::taxonomy::Taxonomy;

/// Least word overlap (Jaccard) for two measures to share a group.
const ALIGN_THRESHOLD: f64 = 0.25;

/// Up to this many documents the comparison is given in full: every shared group lists
/// every document, and both similarity matrices are written. Past it the report is
/// *abridged* so that it grows with the corpus, not with its square: a shared group lists
/// only the documents with members (`shared` still counts them), the two N × N matrices are
/// left empty, and [`CLOSEST_PAIRS`] pairs are kept in `closest` instead (the most and
/// least alike pair in `pairs` as before, over every pair).
pub const FULL_COMPARISON_DOCUMENTS: usize = 500;

/// How many of the most alike pairs an abridged comparison keeps.
pub const CLOSEST_PAIRS: usize = 100;

/// Past this many documents no pair is looked for (`pairs` is `None`, `closest` empty):
/// the pass over all pairs takes time with the square of the corpus, seconds at 20,000.
pub const MAX_PAIRED_DOCUMENTS: usize = 20_000;

/// Builds the comparison of `documents` under `taxonomy`.
pub fn compare(
    documents: &[DocumentReport],
    taxonomy: &Taxonomy,
    segmenter: &Segmenter,
) -> Comparison {
    if documents.len() > FULL_COMPARISON_DOCUMENTS {
        return abridged(documents, taxonomy, segmenter);
    }
    let similarities = || (similarity(documents, taxonomy), term_similarity(documents));
    let (aligned, (similarity, term_similarity)) = align_beside(documents, segmenter, similarities);
    let pairs = pairs(&similarity, &term_similarity);
    Comparison {
        matrix: matrix(documents, taxonomy),
        aligned,
        similarity,
        term_similarity,
        pairs,
        ..Comparison::default()
    }
}

/// The alignment of `documents`, and `other`'s result. Natively (the command line) the two
/// run side by side: for hundreds of documents each takes a good part of a second. The
/// browser's worker has one thread, so there they run one after the other.
fn align_beside<T: Send>(
    documents: &[DocumentReport],
    segmenter: &Segmenter,
    other: impl FnOnce() -> T + Send,
) -> (Vec<AlignedGroup>, T) {
    #[cfg(not(target_arch = "wasm32"))]
    return std::thread::scope(|scope| {
        let other = scope.spawn(other);
        let aligned = align(documents, segmenter);
        (
            aligned,
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    #[cfg(target_arch = "wasm32")]
    (align(documents, segmenter), other())
}

/// The comparison of more than [`FULL_COMPARISON_DOCUMENTS`] documents: no N × N matrix,
/// groups listing their members only, the pairs found by one pass over all pairs that keeps
/// O(N) memory.
fn abridged(
    documents: &[DocumentReport],
    taxonomy: &Taxonomy,
    segmenter: &Segmenter,
) -> Comparison {
    let scan_pairs = |documents: &[DocumentReport], taxonomy: &Taxonomy, keep: usize| {
        if documents.len() > MAX_PAIRED_DOCUMENTS {
            (None, Vec::new())
        } else {
            scan_pairs(documents, taxonomy, keep)
        }
    };
    let (aligned, (pairs, closest)) = align_beside(documents, segmenter, || {
        scan_pairs(documents, taxonomy, CLOSEST_PAIRS)
    });
    Comparison {
        matrix: matrix(documents, taxonomy),
        aligned,
        similarity: Vec::new(),
        term_similarity: Vec::new(),
        pairs,
        closest,
        abridged: true,
    }
}

/// A similarity in thousandths (every similarity is rounded to three decimals), for exact
/// comparisons.
fn millis(x: f64) -> i64 {
    (x * 1000.0).round() as i64
}

/// The most and least alike pair of `documents` (as [`pairs`] finds them from the two
/// matrices) and the `keep` most alike pairs (by score, then the earlier pair first),
/// computed row by row without either matrix: the figures are those the matrices would
/// hold.
pub fn scan_pairs(
    documents: &[DocumentReport],
    taxonomy: &Taxonomy,
    keep: usize,
) -> (Option<Pairs>, Vec<(usize, usize, f64)>) {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let ids: Vec<&str> = taxonomy.categories.iter().map(|c| c.id.as_str()).collect();
    let profiles: Vec<Vec<f64>> = documents.iter().map(|d| profile_of(d, &ids)).collect();
    let terms = TermVectors::of(documents);
    let n = documents.len();
    let mut dots = vec![-0.0; n];
    let mut row = vec![0.0; n];
    let mut most: Option<(usize, usize, f64)> = None;
    let mut least: Option<(usize, usize, f64)> = None;
    // The kept pairs, the least of them on top: (score, the later pair first).
    let mut best: BinaryHeap<Reverse<(i64, Reverse<(usize, usize)>)>> = BinaryHeap::new();
    for i in 0..n {
        terms.row(i, &mut dots, &mut row);
        for j in i + 1..n {
            let a = cosine(&profiles[i], &profiles[j]);
            let score = (((a + row[j]) / 2.0) * 1000.0).round() / 1000.0;
            if most.is_none_or(|m| score > m.2) {
                most = Some((i, j, score));
            }
            if least.is_none_or(|l| score < l.2) {
                least = Some((i, j, score));
            }
            if keep > 0 {
                let key = Reverse((millis(score), Reverse((i, j))));
                if best.len() < keep {
                    best.push(key);
                } else if best.peek().is_some_and(|top| key < *top) {
                    best.pop();
                    best.push(key);
                }
            }
        }
    }
    let mut closest: Vec<(usize, usize, f64)> = best
        .into_iter()
        .map(|Reverse((m, Reverse((i, j))))| (i, j, m as f64 / 1000.0))
        .collect();
    closest.sort_by(|a, b| {
        millis(b.2)
            .cmp(&millis(a.2))
            .then((a.0, a.1).cmp(&(b.0, b.1)))
    });
    let pairs = most.zip(least).map(|(most, least)| Pairs { most, least });
    (pairs, closest)
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

/// A document's measure count in each of the categories `ids`.
fn profile_of(doc: &DocumentReport, ids: &[&str]) -> Vec<f64> {
    ids.iter()
        .map(|c| doc.measures.iter().filter(|m| m.category == *c).count() as f64)
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
    let ids: Vec<&str> = taxonomy.categories.iter().map(|c| c.id.as_str()).collect();
    similarity_of(documents, &ids)
}

/// [`similarity`] over the categories `ids` (a report's taxonomy entries, in order): what
/// a page of an abridged report computes for its own documents.
pub fn similarity_of(documents: &[DocumentReport], ids: &[&str]) -> Vec<Vec<f64>> {
    let profiles: Vec<Vec<f64>> = documents.iter().map(|d| profile_of(d, ids)).collect();
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
/// weight)`. A corpus of hundreds of documents has hundreds of thousands of pairs, most
/// sharing few keywords, so the dot products are not merged pair by pair: for each document,
/// its words' postings (the later documents that have the word, with its weight) add into
/// one row of sums. Each sum still adds its products in the words' order, from the same
/// start as `Iterator::sum` (-0.0), so the figures are those of a pairwise merge.
pub fn term_similarity(documents: &[DocumentReport]) -> Vec<Vec<f64>> {
    let terms = TermVectors::of(documents);
    let n = documents.len();
    let mut out = vec![vec![0.0; n]; n];
    let mut dots = vec![-0.0; n];
    let mut row = vec![0.0; n];
    for i in 0..n {
        out[i][i] = 1.0;
        terms.row(i, &mut dots, &mut row);
        for j in i + 1..n {
            out[i][j] = row[j];
            out[j][i] = row[j];
        }
    }
    out
}

/// The documents' keyword vectors, numbered, with their norms and postings: what
/// [`term_similarity`] and [`scan_pairs`] read a row at a time.
struct TermVectors {
    vectors: Vec<Vec<(u32, f64)>>,
    norms: Vec<f64>,
    /// postings[word]: (document, weight), in document order.
    postings: Vec<Vec<(usize, f64)>>,
}

impl TermVectors {
    fn of(documents: &[DocumentReport]) -> Self {
        let maps: Vec<BTreeMap<&str, f64>> = documents.iter().map(term_vector).collect();
        let words: BTreeSet<&str> = maps.iter().flat_map(|m| m.keys().copied()).collect();
        let number: HashMap<&str, u32> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (*w, i as u32))
            .collect();
        let vectors: Vec<Vec<(u32, f64)>> = maps
            .iter()
            .map(|m| m.iter().map(|(w, x)| (number[w], *x)).collect())
            .collect();
        let norms: Vec<f64> = vectors
            .iter()
            .map(|v| v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt())
            .collect();
        let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); words.len()];
        for (d, vector) in vectors.iter().enumerate() {
            for &(w, x) in vector {
                postings[w as usize].push((d, x));
            }
        }
        TermVectors {
            vectors,
            norms,
            postings,
        }
    }

    /// Sets `row[j]` for every `j > i` to the similarity of documents `i` and `j` (rounded
    /// to three decimals; 0 where either has no keywords). `dots` is all -0.0 before and
    /// after.
    fn row(&self, i: usize, dots: &mut [f64], row: &mut [f64]) {
        let n = self.vectors.len();
        if self.norms[i] == 0.0 {
            row[i + 1..n].fill(0.0);
            return;
        }
        for &(w, x) in &self.vectors[i] {
            let list = &self.postings[w as usize];
            let later = list.partition_point(|&(d, _)| d <= i);
            for &(j, y) in &list[later..] {
                dots[j] += x * y;
            }
        }
        for j in i + 1..n {
            let dot = std::mem::replace(&mut dots[j], -0.0);
            row[j] = if self.norms[j] == 0.0 {
                0.0
            } else {
                ((dot / (self.norms[i] * self.norms[j])) * 1000.0).round() / 1000.0
            };
        }
    }
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

/// The content words of every measure, sorted and distinct. Each distinct text is
/// segmented once: segmenting is most of the alignment's time, and a corpus repeats
/// measures word for word (the benchmark's 12,034 measures have 10,282 texts).
struct MeasureWords<'a> {
    /// Per distinct text, in order of first appearance.
    words: Vec<Vec<&'a str>>,
    /// Per document, per measure: the index of its text in `words`.
    texts: Vec<Vec<u32>>,
}

impl<'a> MeasureWords<'a> {
    fn of(documents: &'a [DocumentReport], segmenter: &Segmenter) -> Self {
        let mut index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let texts = documents
            .iter()
            .map(|d| {
                (d.measures.iter())
                    .map(|m| {
                        *index.entry(&m.text).or_insert_with(|| {
                            distinct.push(&m.text);
                            distinct.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let words = map_halves(distinct, |text| content_words(text, segmenter));
        MeasureWords { words, texts }
    }

    /// The words of measure `m` of document `d`.
    #[cfg(test)]
    fn get(&self, d: usize, m: usize) -> &[&'a str] {
        &self.words[self.texts[d][m] as usize]
    }
}

/// The content words of `text`, sorted and distinct.
fn content_words<'a>(text: &'a str, segmenter: &Segmenter) -> Vec<&'a str> {
    let mut words: Vec<&str> = segmenter
        .cut(text)
        .into_iter()
        .filter(|w| is_content_word(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Each text's words as numbers, ascending, the words numbered from the rarest (in the
/// fewest texts) to the commonest, so that a set's first words are its rarest (see
/// [`prefix`]); and how many words there are.
fn ranked(words: &[Vec<&str>]) -> (Vec<Vec<u32>>, usize) {
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    // How many texts have each word, by its number in order of first appearance.
    let mut texts_with: Vec<u32> = Vec::new();
    let numbered: Vec<Vec<u32>> = (words.iter())
        .map(|text| {
            (text.iter())
                .map(|w| {
                    let next = numbers.len() as u32;
                    let n = *numbers.entry(w).or_insert(next);
                    if n == next {
                        texts_with.push(0);
                    }
                    texts_with[n as usize] += 1;
                    n
                })
                .collect()
        })
        .collect();
    let mut order: Vec<u32> = (0..texts_with.len() as u32).collect();
    order.sort_unstable_by_key(|&n| (texts_with[n as usize], n));
    let mut rank = vec![0; texts_with.len()];
    for (r, &n) in order.iter().enumerate() {
        rank[n as usize] = r as u32;
    }
    let sets = (numbered.into_iter())
        .map(|mut set| {
            set.iter_mut().for_each(|n| *n = rank[*n as usize]);
            set.sort_unstable();
            set
        })
        .collect();
    (sets, texts_with.len())
}

/// How many of the first (rarest) of `n` words a group is indexed by, and a measure looks
/// groups up by: every group as close as [`ALIGN_THRESHOLD`] is found by them.
///
/// Two sets x and y that close share o ≥ ⌈t·|x|⌉ words (their union has at least |x|),
/// and o ≥ ⌈t·|y|⌉. In the common words' order, the rarest shared word has o − 1 shared
/// words after it, so it is among the first |x| − o + 1 words of x and the first |y| − o +
/// 1 of y: within both prefixes (prefix filtering). Leaving out the commonest quarter of
/// every set leaves out the longest lists of groups (复工复产, 企业, 疫情 …), which most
/// of the lookups went through. (A threshold of 0.25 is exact in binary: the scores
/// compared with it and this bound agree.)
fn prefix(n: usize) -> usize {
    let least_shared = (n as f64 * ALIGN_THRESHOLD).ceil() as usize;
    n + 1 - least_shared.clamp(1, n.max(1))
}

struct Group<'a> {
    category: &'a str,
    instrument: &'a str,
    /// The first measure's text (in [`MeasureWords`]): the group's words and label.
    text: u32,
    /// Document index → its measure in the group, in the documents' order: one measure a
    /// document at most.
    members: Vec<(usize, &'a str)>,
}

/// What a lookup reads of each group it finds, kept in flat arrays apart from the groups
/// (their members are not read at all).
#[derive(Clone, Copy)]
struct Seen {
    /// The group's words: `words[start..start + len]` of the lookup's word list.
    start: u32,
    len: u32,
    /// The document of its last member.
    last: u32,
    /// The last lookup (counted from 1) that found it.
    lookup: u32,
}

/// Puts every measure with content words into the closest group of its category that
/// holds no measure of its document yet — by the Jaccard overlap of words, at least
/// [`ALIGN_THRESHOLD`], the best score winning and a tie going to the later group — or
/// into a new group of its own. Documents are taken in order, their measures in order.
fn group<'a>(documents: &'a [DocumentReport], words: &MeasureWords) -> Vec<Group<'a>> {
    let (sets, count) = ranked(&words.words);
    let mut groups: Vec<Group> = Vec::new();
    let mut seen: Vec<Seen> = Vec::new();
    // Each group's words, one group after the other (see `Seen`).
    let mut group_words: Vec<u32> = Vec::new();
    let mut categories: Vec<&str> = Vec::new();
    // `postings[word]` lists the groups indexed by the word (see `prefix`), by category
    // number: a measure is scored only against groups of its category.
    let mut postings: Vec<Vec<(u32, Vec<u32>)>> = vec![Vec::new(); count];
    let mut lookup = 0;
    let mut candidates: Vec<u32> = Vec::new();
    // The words of the measure looking up (true at their numbers): counting a group's
    // words that are marked is branch-free, where merging two sorted lists was not (the
    // grouping took three times as long with a merge).
    let mut marked = vec![false; count];
    for (d, doc) in documents.iter().enumerate() {
        // The groups this document starts: none of them can take another of its measures,
        // and every list of groups is in group order, so a lookup stops before them. (Read
        // through, they made one article of many similar measures quadratic.)
        let own = groups.len() as u32;
        for (m, text) in doc.measures.iter().zip(&words.texts[d]) {
            let set = &sets[*text as usize];
            if set.is_empty() {
                continue;
            }
            let category = match categories.iter().position(|c| *c == m.category) {
                Some(k) => k as u32,
                None => {
                    categories.push(&m.category);
                    categories.len() as u32 - 1
                }
            };
            let prefix = &set[..prefix(set.len())];
            lookup += 1;
            candidates.clear();
            for &w in prefix {
                for (_, list) in postings[w as usize].iter().filter(|(c, _)| *c == category) {
                    let earlier = list.partition_point(|&g| g < own);
                    for &g in &list[..earlier] {
                        let s = &mut seen[g as usize];
                        // Documents come in order: a group holds this one only as its last
                        // member.
                        if s.lookup != lookup && s.last != d as u32 {
                            candidates.push(g);
                        }
                        s.lookup = lookup;
                    }
                }
            }
            let mut best: Option<(f64, u32)> = None;
            set.iter().for_each(|&w| marked[w as usize] = true);
            for &g in &candidates {
                let Seen { start, len, .. } = seen[g as usize];
                let (small, large) = (set.len().min(len as usize), set.len().max(len as usize));
                // Not even the smaller set inside the larger one would be close enough.
                if (small as f64 / large as f64) < ALIGN_THRESHOLD {
                    continue;
                }
                let other = &group_words[start as usize..(start + len) as usize];
                let inter = other.iter().filter(|&&w| marked[w as usize]).count();
                let union = other.len() + set.len() - inter;
                let score = inter as f64 / union as f64;
                if score >= ALIGN_THRESHOLD
                    && best.is_none_or(|(b, bg)| score > b || (score == b && g > bg))
                {
                    best = Some((score, g));
                }
            }
            set.iter().for_each(|&w| marked[w as usize] = false);
            match best {
                Some((_, g)) => {
                    groups[g as usize].members.push((d, &m.id));
                    seen[g as usize].last = d as u32;
                }
                None => {
                    let g = groups.len() as u32;
                    for &w in prefix {
                        let lists = &mut postings[w as usize];
                        match lists.iter_mut().find(|(c, _)| *c == category) {
                            Some((_, list)) => list.push(g),
                            None => lists.push((category, vec![g])),
                        }
                    }
                    seen.push(Seen {
                        start: group_words.len() as u32,
                        len: set.len() as u32,
                        last: d as u32,
                        lookup,
                    });
                    group_words.extend_from_slice(set);
                    groups.push(Group {
                        category: &m.category,
                        instrument: &m.instrument,
                        text: *text,
                        members: vec![(d, &m.id)],
                    });
                }
            }
        }
    }
    groups
}

/// Groups similar measures across documents. Every measure with content words ends up in
/// exactly one group; groups found in one document only are kept too (`shared` = 1), after
/// the shared ones, each list in order of first appearance.
pub fn align(documents: &[DocumentReport], segmenter: &Segmenter) -> Vec<AlignedGroup> {
    let words = MeasureWords::of(documents, segmenter);
    let groups = group(documents, &words);
    let full = documents.len() <= FULL_COMPARISON_DOCUMENTS;
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
        let members = (g.members.into_iter()).map(|(d, id)| (place[d], vec![id.to_string()]));
        let label: Vec<&str> = words.words[g.text as usize]
            .iter()
            .take(4)
            .copied()
            .collect();
        AlignedGroup {
            label: label.join("·"),
            category: g.category.to_string(),
            instrument: g.instrument.to_string(),
            // A shared group lists every document (empty where it has no member), as in
            // report.md; a unique one only its own, which keeps a large corpus's report
            // small; past FULL_COMPARISON_DOCUMENTS every group lists its members only.
            members: Members::new(&ids, members, shared >= 2 && full),
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
    use crate::model::Measure;

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

    fn seeds() -> crate::model::Report {
        use crate::pipeline::{Analyzer, Input};
        let inputs: Vec<Input> = crate::examples::EXAMPLES
            .iter()
            .map(|(n, b)| Input::new(*n, *b))
            .collect();
        crate::corpus::Corpus::analyze(Analyzer::new(), &inputs)
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
        use crate::pipeline::{Analyzer, Input};
        // Of the seeds only 001 gives 亿元; a second article with 亿元 and 家 joins it.
        let mut inputs: Vec<Input> = crate::examples::EXAMPLES
            .iter()
            .map(|(n, b)| Input::new(*n, *b))
            .collect();
        inputs.push(Input::new(
            "county.txt",
            "县政府安排专项资金3.5亿元支持企业复工复产，已有1200家企业复工，新增贷款约20亿元。",
        ));
        let report = crate::corpus::Corpus::analyze(Analyzer::new(), &inputs);
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
    fn term_similarity_is_the_pairwise_cosine_to_the_last_bit() {
        let report = seeds();
        let mut docs = report.documents.clone();
        // Documents without keywords and with disjoint ones, besides the seeds.
        docs.push(doc("d90", &[]));
        docs[1].keywords.truncate(3);
        let fast = term_similarity(&docs);
        let vectors: Vec<BTreeMap<&str, f64>> = docs.iter().map(term_vector).collect();
        let norm = |v: &BTreeMap<&str, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
        for (i, a) in vectors.iter().enumerate() {
            for (j, b) in vectors.iter().enumerate() {
                let expected = if i == j {
                    1.0
                } else if norm(a) == 0.0 || norm(b) == 0.0 {
                    0.0
                } else {
                    let (x, y) = if i < j { (a, b) } else { (b, a) };
                    let dot: f64 = x.iter().filter_map(|(w, p)| y.get(w).map(|q| p * q)).sum();
                    ((dot / (norm(x) * norm(y))) * 1000.0).round() / 1000.0
                };
                assert_eq!(
                    fast[i][j].to_bits(),
                    expected.to_bits(),
                    "{i},{j}: {} against {expected}",
                    fast[i][j]
                );
            }
        }
    }

    #[test]
    fn scanning_pairs_finds_what_the_matrices_give() {
        let t = Taxonomy::default();
        let report = seeds();
        let mut docs = Vec::new();
        for k in 0..14 {
            let mut d = report.documents[k % 5].clone();
            d.renumber(&format!("d{}", k + 1));
            // Variety: fewer keywords, fewer measures, and one document with neither.
            d.keywords.truncate(40 - 2 * k);
            d.measures.truncate(30 - k);
            docs.push(d);
        }
        docs.push(doc("d99", &[]));
        let (s, ts) = (similarity(&docs, &t), term_similarity(&docs));
        let (scanned, closest) = scan_pairs(&docs, &t, 10);
        assert_eq!(scanned, pairs(&s, &ts));
        let mut all: Vec<(usize, usize, f64)> = Vec::new();
        for i in 0..docs.len() {
            for j in i + 1..docs.len() {
                all.push((
                    i,
                    j,
                    (((s[i][j] + ts[i][j]) / 2.0) * 1000.0).round() / 1000.0,
                ));
            }
        }
        all.sort_by(|a, b| {
            millis(b.2)
                .cmp(&millis(a.2))
                .then((a.0, a.1).cmp(&(b.0, b.1)))
        });
        assert_eq!(closest, all[..10]);
    }

    #[test]
    fn past_the_full_size_the_comparison_is_abridged_and_linear() {
        let seg = Segmenter::new();
        let t = Taxonomy::default();
        let n = FULL_COMPARISON_DOCUMENTS + 1;
        let docs: Vec<DocumentReport> = (0..n)
            .map(|k| {
                let text = ["开展点对点包车接回员工", "降低中小企业融资成本"][k % 2];
                let mut d = doc(&format!("d{}", k + 1), &[("labor", text)]);
                d.keywords = vec![crate::model::Keyword {
                    word: format!("词{}", k % 7),
                    count: 1,
                    weight: 0.0,
                    distinctiveness: 0.0,
                }];
                d
            })
            .collect();
        let c = compare(&docs, &t, &seg);
        assert!(c.abridged && c.similarity.is_empty() && c.term_similarity.is_empty());
        assert_eq!(c.closest.len(), CLOSEST_PAIRS);
        assert_eq!(c.closest[0].2, 1.0);
        assert!(c.pairs.is_some());
        // Two shared groups, each listing its own members only.
        assert_eq!(c.aligned.len(), 2);
        assert_eq!(c.aligned[0].shared + c.aligned[1].shared, n);
        for g in &c.aligned {
            assert_eq!(g.members.listed().len(), g.shared);
        }
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"abridged\":true") && json.contains("\"similarity\":[]"));
        // One document fewer: the full comparison, as before.
        let c = compare(&docs[..n - 1], &t, &seg);
        assert!(!c.abridged && c.closest.is_empty() && c.similarity.len() == n - 1);
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains("abridged") && !json.contains("closest"));
    }

    #[test]
    fn map_halves_keeps_the_order() {
        for n in [0, 1, 2, 7] {
            let items: Vec<usize> = (0..n).collect();
            let doubled = map_halves(items, |x| x * 2);
            assert_eq!(doubled, (0..n).map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    /// What [`group`] computes, by its plain definition: each measure scored against every
    /// group of its category. Each group as its first text and its members.
    fn group_plainly<'a>(
        documents: &'a [DocumentReport],
        words: &MeasureWords,
    ) -> Vec<(u32, Vec<(usize, &'a str)>)> {
        // Category, first text, members.
        type Plain<'a> = (&'a str, u32, Vec<(usize, &'a str)>);
        let mut groups: Vec<Plain> = Vec::new();
        for (d, doc) in documents.iter().enumerate() {
            for (m, &text) in doc.measures.iter().zip(&words.texts[d]) {
                let set = &words.words[text as usize];
                if set.is_empty() {
                    continue;
                }
                let mut best: Option<(f64, usize)> = None;
                for (g, (category, first, members)) in groups.iter().enumerate() {
                    if *category != m.category || members.last().unwrap().0 == d {
                        continue;
                    }
                    let other = &words.words[*first as usize];
                    let inter = set.iter().filter(|w| other.contains(w)).count();
                    let score = inter as f64 / (set.len() + other.len() - inter) as f64;
                    // In group order, so that a tie goes to the later.
                    if score >= ALIGN_THRESHOLD && best.is_none_or(|(b, _)| score >= b) {
                        best = Some((score, g));
                    }
                }
                match best {
                    Some((_, g)) => groups[g].2.push((d, &m.id)),
                    None => groups.push((&m.category, text, vec![(d, &m.id)])),
                }
            }
        }
        groups.into_iter().map(|(_, t, m)| (t, m)).collect()
    }

    #[test]
    fn grouping_finds_what_scoring_every_group_finds() {
        // Random measures over a vocabulary whose first words are the commonest, as in
        // policy texts: the groups looked up by the rarest words only (`prefix`) must be
        // the very groups that scoring every group of the category gives.
        let vocabulary: Vec<String> = (0..40).map(|i| format!("词{i:02}")).collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for round in 0..30 {
            let mut texts: Vec<Vec<&str>> = vec![Vec::new()];
            let mut documents = Vec::new();
            let mut of = Vec::new();
            for d in 0..20 {
                let measures: Vec<(&str, &str)> = (0..next(7))
                    .map(|_| (["labor", "finance"][next(2) as usize], ""))
                    .collect();
                documents.push(doc(&format!("d{d}"), &measures));
                of.push(
                    (0..measures.len())
                        .map(|_| {
                            // Now and then an empty text, or one already seen.
                            if texts.len() > 1 && next(10) == 0 {
                                return next(texts.len() as u64) as u32;
                            }
                            let mut words: Vec<&str> = (0..1 + next(12))
                                .map(|_| {
                                    let i = next(40) * next(40) / 40;
                                    vocabulary[i as usize].as_str()
                                })
                                .collect();
                            words.sort_unstable();
                            words.dedup();
                            texts.push(words);
                            texts.len() as u32 - 1
                        })
                        .collect(),
                );
            }
            let words = MeasureWords {
                words: texts,
                texts: of,
            };
            let fast: Vec<_> = group(&documents, &words)
                .into_iter()
                .map(|g| (g.text, g.members))
                .collect();
            let plain = group_plainly(&documents, &words);
            assert_eq!(fast, plain, "round {round}");
            assert!(fast.iter().any(|(_, m)| m.len() >= 3), "round {round}");
        }
    }

    #[test]
    fn one_article_of_many_similar_measures_aligns_in_near_linear_time() {
        // 60,000 measures of one article over a few words (as one article near the 20 MB
        // limit can hold): none may join a group of its own document, so each starts a
        // group; looking them all up again for every later measure was quadratic (minutes).
        let vocabulary: Vec<String> = (0..12).map(|i| format!("词{i:02}")).collect();
        let mut texts: Vec<Vec<&str>> = Vec::new();
        let mut of = Vec::new();
        for i in 0..60_000usize {
            let mut words: Vec<&str> = [0, 1, 2 + i % 10, 2 + (i / 10) % 10]
                .iter()
                .map(|&k| vocabulary[k].as_str())
                .collect();
            words.sort_unstable();
            words.dedup();
            texts.push(words);
            of.push(i as u32);
        }
        // A second article of three measures, which do join the first one's groups.
        let second = texts.len() as u32;
        texts.push(vec![vocabulary[0].as_str(), vocabulary[1].as_str()]);
        let measures = vec![("labor", ""); 60_000];
        let documents = [doc("d1", &measures), doc("d2", &[("labor", ""); 3])];
        let words = MeasureWords {
            words: texts,
            texts: vec![of, vec![second; 3]],
        };
        let started = std::time::Instant::now();
        let groups = group(&documents, &words);
        let elapsed = started.elapsed();
        assert_eq!(groups.len(), 60_000);
        assert_eq!(
            groups.iter().filter(|g| g.members.len() == 2).count(),
            3,
            "each measure of the second article joins a group"
        );
        // Measured: 0.65 s in a debug build; 64 s before the fix (quadratic).
        assert!(elapsed.as_secs() < 20, "{elapsed:?}");
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
        let words = MeasureWords::of(&docs, &seg);
        assert_eq!(words.get(0, 0), ["一企一策", "复工复产"]);
        assert_eq!(words.get(0, 1), ["复工复产", "点对点"]);
        assert_eq!(words.get(1, 0), ["包车", "复工复产"]);
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
