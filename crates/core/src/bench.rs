//! Segmentation throughput, measured the same way natively and inside the web worker.
//!
//! The performance budget compares jieba-rs inside Wasm with native jieba-rs on the same
//! corpus, so both sides must time exactly the same work: [`segmentation`] cuts every
//! cleaned text with the analyzer's [`Segmenter`], round after round until at least
//! `min_ms` have passed, and keeps the tokens inside (only their count leaves). The clock is
//! passed in — `std::time::Instant` on the command line, `performance.now()` in the worker
//! (std's clock panics on wasm32) — so this module stays free of platform imports.

use serde::{Deserialize, Serialize};

use super::segment::Segmenter;

/// One segmentation measurement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentationBench {
    /// Texts segmented per round.
    pub documents: usize,
    /// UTF-8 bytes segmented per round.
    pub bytes: usize,
    /// Rounds over the whole corpus.
    pub rounds: usize,
    /// Tokens produced in one round.
    pub tokens: usize,
    /// Wall time of all rounds, milliseconds.
    pub elapsed_ms: f64,
    /// Throughput: bytes × rounds / elapsed, in MB/s (10^6 bytes a second).
    pub mb_per_s: f64,
}

/// Segments `texts` with `segmenter` round after round until `min_ms` milliseconds (by
/// `now`, in milliseconds) have passed, at most `max_rounds` rounds and at least one.
pub fn segmentation<'a>(
    segmenter: &Segmenter,
    texts: impl Iterator<Item = &'a str> + Clone,
    now: &dyn Fn() -> f64,
    min_ms: f64,
    max_rounds: usize,
) -> SegmentationBench {
    let documents = texts.clone().count();
    let bytes: usize = texts.clone().map(str::len).sum();
    let mut tokens = 0;
    let mut rounds = 0;
    let start = now();
    let mut elapsed = 0.0;
    while rounds == 0 || (elapsed < min_ms && rounds < max_rounds.max(1)) {
        tokens = texts.clone().map(|t| segmenter.cut(t).len()).sum();
        rounds += 1;
        elapsed = now() - start;
    }
    let mb_per_s = if elapsed > 0.0 {
        (bytes * rounds) as f64 / 1e6 / (elapsed / 1000.0)
    } else {
        0.0
    };
    SegmentationBench {
        documents,
        bytes,
        rounds,
        tokens,
        elapsed_ms: elapsed,
        mb_per_s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn counts_rounds_bytes_and_tokens_with_the_given_clock() {
        let segmenter = Segmenter::new();
        let texts = ["推动企业复工复产", "开展点对点包车服务"];
        // A fake clock that advances 10 ms a reading: start, then one reading per round.
        let t = Cell::new(0.0);
        let now = || {
            t.set(t.get() + 10.0);
            t.get()
        };
        let b = segmentation(&segmenter, texts.iter().copied(), &now, 35.0, 100);
        assert_eq!(b.documents, 2);
        assert_eq!(b.bytes, texts.iter().map(|t| t.len()).sum::<usize>());
        assert_eq!(b.rounds, 4, "10, 20, 30 < 35 ms, then 40");
        assert!(b.tokens >= 4, "{b:?}");
        assert_eq!(b.elapsed_ms, 40.0);
        let expected = (b.bytes * 4) as f64 / 1e6 / 0.040;
        assert!((b.mb_per_s - expected).abs() < 1e-9);
    }

    #[test]
    fn at_least_one_round_and_at_most_the_cap() {
        let segmenter = Segmenter::new();
        let still = || 0.0;
        let b = segmentation(&segmenter, ["复工复产"].into_iter(), &still, 1000.0, 3);
        assert_eq!(b.rounds, 3, "a clock that never moves stops at the cap");
        assert_eq!(b.mb_per_s, 0.0);
        let b = segmentation(&segmenter, std::iter::empty(), &still, 0.0, 3);
        assert_eq!((b.rounds, b.bytes, b.tokens), (1, 0, 0));
    }
}
