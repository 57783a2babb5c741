//! Sentence splitting with char offsets.
//!
//! STUB — owned by the extraction work; see the signature contract below.

/// A sentence of the cleaned text; `start`/`end` are char offsets into that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into sentences at 。！？ and line breaks.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cur = String::new();
    for (i, c) in text.chars().enumerate() {
        if c != '\n' {
            cur.push(c);
        }
        if matches!(c, '。' | '！' | '？' | '\n') {
            if !cur.trim().is_empty() {
                out.push(Sentence { text: std::mem::take(&mut cur), start, end: i + usize::from(c != '\n') });
            }
            cur.clear();
            start = i + 1;
        }
    }
    if !cur.trim().is_empty() {
        let end = start + cur.chars().count();
        out.push(Sentence { text: cur, start, end });
    }
    out
}
