//! Keyword distinctiveness: how much more (or less) one document uses a word than the rest
//! of the corpus, as a signed log-likelihood ratio (Dunning's G²).
//!
//! tf·idf (the keyword `weight`) ranks a document's words; G² answers the comparative
//! question the keywords view asks — "which words set this article apart from the others?" —
//! with a statistic whose size means something: 3.84 is significant at p < 0.05, 6.63 at
//! p < 0.01, 10.83 at p < 0.001 (one degree of freedom). For each of a document's keyword
//! candidates, `a` is its count there and `b` its count in the other documents' candidate
//! lists; the two sample sizes are the documents' lengths in characters. The sign is
//! positive when the document's rate is the higher one. Computed when the report is
//! assembled ([`super::pipeline::Analyzer::assemble`]), as it depends on the whole corpus;
//! a corpus of one document gives every word 0.

use std::collections::HashMap;

use super::model::DocumentReport;

/// Signed G² of a word seen `a` times in a sample of `c` and `b` times in a sample of `d`.
/// Positive when `a / c > b / d`; 0 when either sample is empty.
pub fn log_likelihood(a: f64, b: f64, c: f64, d: f64) -> f64 {
    if c <= 0.0 || d <= 0.0 || a + b <= 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g2 = (2.0 * (term(a, e1) + term(b, e2))).max(0.0);
    if a / c >= b / d {
        g2
    } else {
        -g2
    }
}

/// Sets `distinctiveness` on every keyword of every document (rounded to 0.01).
pub fn score(documents: &mut [DocumentReport]) {
    let mut corpus_counts: HashMap<String, u64> = HashMap::new();
    for doc in documents.iter() {
        for k in &doc.keywords {
            *corpus_counts.entry(k.word.clone()).or_default() += u64::from(k.count);
        }
    }
    let sizes: Vec<f64> = documents
        .iter()
        .map(|d| d.text.chars().count() as f64)
        .collect();
    let total: f64 = sizes.iter().sum();
    for (doc, &c) in documents.iter_mut().zip(&sizes) {
        let d = total - c;
        for k in doc.keywords.iter_mut() {
            let a = f64::from(k.count);
            let b = corpus_counts
                .get(&k.word)
                .map_or(0.0, |&n| n as f64 - a)
                .max(0.0);
            k.distinctiveness = (log_likelihood(a, b, c, d) * 100.0).round() / 100.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::EXAMPLES;
    use crate::pipeline::{Analyzer, Input};

    #[test]
    fn matches_the_textbook_value_and_sign() {
        // 10 in 1,000 against 10 in 10,000: 2·(10·ln(10/1.818) + 10·ln(10/18.18)) ≈ 22.14.
        let g = log_likelihood(10.0, 10.0, 1000.0, 10000.0);
        assert!((g - 22.14).abs() < 0.01, "{g}");
        assert!(log_likelihood(1.0, 100.0, 1000.0, 10000.0) < 0.0);
        assert_eq!(log_likelihood(5.0, 0.0, 100.0, 0.0), 0.0);
        assert_eq!(log_likelihood(0.0, 0.0, 100.0, 100.0), 0.0);
    }

    #[test]
    fn the_seeds_own_words_stand_out() {
        let inputs: Vec<Input> = EXAMPLES.iter().map(|(n, b)| Input::new(*n, *b)).collect();
        let report = crate::corpus::Corpus::analyze(Analyzer::new(), &inputs);
        assert_eq!(report.documents.len(), 5);
        for doc in &report.documents {
            let top = doc
                .keywords
                .iter()
                .max_by(|a, b| a.distinctiveness.total_cmp(&b.distinctiveness))
                .expect("keywords");
            assert!(
                top.distinctiveness > 3.84,
                "{}: {} {}",
                doc.name,
                top.word,
                top.distinctiveness
            );
        }
        // A word every article shares is less distinctive than one only this article uses.
        let d = &report.documents[0];
        let shared = d.keywords.iter().find(|k| {
            report.documents[1..]
                .iter()
                .all(|o| o.keywords.iter().any(|x| x.word == k.word))
        });
        let own = d.keywords.iter().find(|k| {
            report.documents[1..]
                .iter()
                .all(|o| o.keywords.iter().all(|x| x.word != k.word))
                && k.count >= 2
        });
        if let (Some(shared), Some(own)) = (shared, own) {
            if shared.count <= own.count {
                assert!(
                    own.distinctiveness > shared.distinctiveness,
                    "{own:?} vs {shared:?}"
                );
            }
        }
        let single = crate::corpus::Corpus::analyze(Analyzer::new(), &inputs[..1]);
        assert!(single.documents[0]
            .keywords
            .iter()
            .all(|k| k.distinctiveness == 0.0));
    }
}
