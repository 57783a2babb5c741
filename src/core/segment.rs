//! Word segmentation: jieba-rs with its embedded dictionary plus a policy-domain dictionary.
//!
//! Building the dictionary is the most expensive step of the whole analysis, so a
//! [`Segmenter`] is built once (per process, per web worker) and shared. The policy
//! dictionary (`data/policy_dict.txt`, `word freq tag` lines) keeps terms such as 复工复产,
//! 一企一策 or 点对点 whole, which the classifier's cues rely on.

use jieba_rs::Jieba;

const POLICY_DICT: &str = include_str!("../../data/policy_dict.txt");

/// Why a user dictionary was refused.
#[derive(Debug, thiserror::Error)]
#[error("词典第 {line} 行无效：{reason} / Dictionary line {line} is invalid: {reason}")]
pub struct DictError {
    pub line: usize,
    pub reason: String,
}

/// A jieba segmenter with the policy dictionary loaded.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Builds jieba's default dictionary and adds the policy-domain words.
    pub fn new() -> Self {
        let mut segmenter = Segmenter {
            jieba: Jieba::new(),
        };
        segmenter
            .add_dictionary(POLICY_DICT)
            .expect("the embedded policy dictionary is valid");
        segmenter
    }

    /// Adds words from a `word [freq] [tag]` text, one per line; `#` starts a comment.
    pub fn add_dictionary(&mut self, text: &str) -> Result<usize, DictError> {
        let mut added = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let word = parts.next().unwrap_or_default();
            let freq = match parts.next() {
                Some(f) => Some(f.parse::<usize>().map_err(|_| DictError {
                    line: i + 1,
                    reason: format!("“{f}” is not a frequency"),
                })?),
                None => None,
            };
            let tag = parts.next();
            self.jieba.add_word(word, freq, tag);
            added += 1;
        }
        Ok(added)
    }

    /// Segments `text` into words (HMM on for unknown words). Slices borrow from `text`.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    /// Segments `text` into words with their char offsets `(word, start, end)`.
    pub fn cut_with_offsets<'a>(&self, text: &'a str) -> Vec<(&'a str, usize, usize)> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| (t.word, t.start, t.end))
            .collect()
    }

    /// True when `word` is in the dictionary.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_policy_terms_whole() {
        let s = Segmenter::new();
        let words = s.cut("坚持一企一策，推动企业复工复产，开展点对点包车服务");
        for term in ["一企一策", "复工复产", "点对点", "包车"] {
            assert!(words.contains(&term), "{term} not whole in {words:?}");
        }
    }

    #[test]
    fn user_dictionary_errors_name_the_line() {
        let mut s = Segmenter::new();
        assert_eq!(s.add_dictionary("# c\n新词甲 10 n\n新词乙\n").unwrap(), 2);
        assert!(s.knows("新词甲"));
        let e = s.add_dictionary("好词 1\n坏词 x n\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
