//! A keyword-in-context (KWIC) concordance: every occurrence of a term across documents,
//! with the text to its left and right.
//!
//! Clicking a keyword shows how each article uses it — 包车 next to 点对点 in one city and
//! next to 返岗 in another. Occurrences are found as substrings of each document's cleaned
//! text (Chinese has no spaces, so a term inside a longer word counts too, as in any
//! Chinese concordancer), without overlaps, in document and text order. Offsets are chars,
//! as everywhere in the report; line breaks in the context read as spaces so that each line
//! of the concordance is one line.

use serde::{Deserialize, Serialize};

use super::model::DocumentReport;

/// One occurrence of the term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicLine {
    pub doc_id: String,
    /// Up to `window` chars before the term.
    pub left: String,
    /// The term as it occurs.
    pub term: String,
    /// Up to `window` chars after the term.
    pub right: String,
    /// Char offset of the term in the document's `text`.
    pub start: usize,
}

fn one_line(chars: &[char]) -> String {
    chars
        .iter()
        .map(|&c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Every occurrence of `term` in `documents` (at most `limit`; 0 means no limit), with
/// `window` chars of context each side. An empty or blank term finds nothing.
pub fn kwic(
    documents: &[DocumentReport],
    term: &str,
    window: usize,
    limit: usize,
) -> Vec<KwicLine> {
    let term = term.trim();
    let mut out = Vec::new();
    if term.is_empty() {
        return out;
    }
    let term_chars = term.chars().count();
    for doc in documents {
        if doc.text.is_empty() {
            continue;
        }
        let mut chars: Option<Vec<char>> = None;
        let (mut byte_pos, mut char_pos) = (0usize, 0usize);
        for (at, _) in doc.text.match_indices(term) {
            if limit > 0 && out.len() >= limit {
                return out;
            }
            char_pos += doc.text[byte_pos..at].chars().count();
            byte_pos = at;
            let chars = chars.get_or_insert_with(|| doc.text.chars().collect());
            let start = char_pos;
            let end = start + term_chars;
            out.push(KwicLine {
                doc_id: doc.id.clone(),
                left: one_line(&chars[start.saturating_sub(window)..start]),
                term: term.to_string(),
                right: one_line(&chars[end..(end + window).min(chars.len())]),
                start,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::EXAMPLES;
    use crate::pipeline::{Analyzer, Input};

    #[test]
    fn finds_a_term_across_the_seeds_with_its_context() {
        let inputs: Vec<Input> = EXAMPLES.iter().map(|(n, b)| Input::new(*n, *b)).collect();
        let report = crate::corpus::Corpus::analyze(Analyzer::new(), &inputs);
        let lines = kwic(&report.documents, "复工复产", 10, 0);
        let docs: std::collections::BTreeSet<&str> =
            lines.iter().map(|l| l.doc_id.as_str()).collect();
        assert!(docs.len() >= 3, "{docs:?}");
        for l in &lines {
            let doc = report.documents.iter().find(|d| d.id == l.doc_id).unwrap();
            let chars: Vec<char> = doc.text.chars().collect();
            let at: String = chars[l.start..l.start + 4].iter().collect();
            assert_eq!(at, "复工复产");
            let left: String = chars[l.start.saturating_sub(10)..l.start].iter().collect();
            assert_eq!(l.left, left.replace('\n', " "));
            let right: String = chars[l.start + 4..(l.start + 14).min(chars.len())]
                .iter()
                .collect();
            assert_eq!(l.right, right.replace('\n', " "));
            assert!(l.left.chars().count() <= 10 && l.right.chars().count() <= 10);
        }
        // In document order, then text order.
        let order: Vec<(&str, usize)> =
            lines.iter().map(|l| (l.doc_id.as_str(), l.start)).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|(d, s)| (d[1..].parse::<usize>().unwrap(), *s));
        assert_eq!(order, sorted);
        assert_eq!(kwic(&report.documents, "复工复产", 10, 3).len(), 3);
        assert!(kwic(&report.documents, "  ", 10, 0).is_empty());
        assert!(kwic(&report.documents, "不存在的词语组合", 10, 0).is_empty());
    }

    #[test]
    fn context_is_cut_at_the_text_edges() {
        let mut doc = crate::export::tests::tiny_doc("d1", "包车返岗，\n再包车");
        doc.measures.clear();
        let lines = kwic(&[doc], "包车", 3, 0);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            (
                lines[0].left.as_str(),
                lines[0].right.as_str(),
                lines[0].start
            ),
            ("", "返岗，", 0)
        );
        assert_eq!(
            (
                lines[1].left.as_str(),
                lines[1].right.as_str(),
                lines[1].start
            ),
            ("， 再", "", 7)
        );
    }
}
