//! The one rule of duplicates: two articles are the same when their cleaned texts are the
//! same (the same article saved as HTML and as text is one document). The corpus compares
//! the texts it holds ([`same_article`]); a stream that does not keep them — the command
//! line's `--format jsonl` — remembers a hash of each ([`Seen`]).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::error::IngestError;
use super::model::DocumentReport;

/// True when `a` and `b` are the same article.
pub fn same_article(a: &DocumentReport, b: &DocumentReport) -> bool {
    a.text == b.text
}

/// The articles seen so far in a stream, by a hash of their cleaned text, with the name of
/// the first of each.
#[derive(Debug, Default)]
pub struct Seen {
    first: HashMap<u64, String>,
}

impl Seen {
    /// `doc` as the first of its text, or its refusal as a duplicate of the first.
    pub fn first(&mut self, doc: &DocumentReport) -> Result<(), IngestError> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        doc.text.hash(&mut h);
        match self.first.get(&h.finish()) {
            Some(first) => Err(IngestError::Duplicate(first.clone())),
            None => {
                self.first.insert(h.finish(), doc.name.clone());
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_cleaned_text_is_the_same_article() {
        let doc = |name: &str, text: &str| DocumentReport {
            name: name.into(),
            text: text.into(),
            ..DocumentReport::default()
        };
        let (a, b, c) = (
            doc("a.txt", "同一篇"),
            doc("a.html", "同一篇"),
            doc("c.txt", "另一篇"),
        );
        assert!(same_article(&a, &b) && !same_article(&a, &c));
        let mut seen = Seen::default();
        assert!(seen.first(&a).is_ok() && seen.first(&c).is_ok());
        assert_eq!(seen.first(&b), Err(IngestError::Duplicate("a.txt".into())));
    }
}
