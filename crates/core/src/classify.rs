//! Scoring a clause against the taxonomy's weighted cue lexicon.
//!
//! Each category of [`Taxonomy`] carries cue words with weights (`data/taxonomy.json`).
//! A clause scores, per category, the sum of the weights of the distinct cues it contains.
//! Short cues (one or two chars) must lie inside one segmented word, so 开工 matches
//! 开工率 but not 召开|工作; cues of three chars or more are multi-word terms and match
//! anywhere as substrings (人流物流, 外防输入, 一企一策). Lookup walks the clause once,
//! trying the substrings at each char in a hash map that also holds every cue's beginnings,
//! longer ones only while they begin some cue, so the cost is linear in the text, whatever
//! the size of the lexicon.

use std::collections::HashMap;

use super::taxonomy::Taxonomy;

/// A key of the lexicon: a cue, or the beginning of one.
#[derive(Debug, Clone, Default)]
struct Cue {
    /// (category index, weight) for every category that lists it as a cue.
    hits: Vec<(usize, f32)>,
    /// True when a longer cue begins with it.
    longer: bool,
}

/// A compiled cue lexicon.
#[derive(Debug, Clone)]
pub struct Classifier {
    ids: Vec<String>,
    /// Cue → (category index, weight) for every category that lists it; each beginning of
    /// a cue is a key too (with no hits unless it is a cue itself).
    cues: HashMap<String, Cue>,
    max_len: usize,
    /// Bit set over the Basic Multilingual Plane: chars that begin some cue. Most chars
    /// begin none, so most positions cost one bit test instead of hash lookups.
    first: Vec<u64>,
}

impl Classifier {
    pub fn new(taxonomy: &Taxonomy) -> Self {
        let mut cues: HashMap<String, Cue> = HashMap::new();
        let mut max_len = 1;
        for (k, c) in taxonomy.categories.iter().enumerate() {
            for (cue, &w) in &c.cues {
                let cue = cue.trim();
                let n = cue.chars().count();
                if n == 0 || !w.is_finite() {
                    continue;
                }
                max_len = max_len.max(n);
                cues.entry(cue.to_string()).or_default().hits.push((k, w));
                for (i, _) in cue.char_indices().skip(1) {
                    cues.entry(cue[..i].to_string()).or_default().longer = true;
                }
            }
        }
        let mut first = vec![0u64; 0x10000 / 64];
        for cue in cues.keys() {
            if let Some(c) = cue.chars().next() {
                let k = c as usize;
                if k < 0x10000 {
                    first[k / 64] |= 1 << (k % 64);
                } else {
                    // Outside the BMP: mark every slot so such cues are never skipped.
                    first.iter_mut().for_each(|w| *w = u64::MAX);
                }
            }
        }
        Classifier {
            ids: taxonomy.categories.iter().map(|c| c.id.clone()).collect(),
            cues,
            max_len: max_len.min(16),
            first,
        }
    }

    /// The number of categories.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of category `k`.
    pub fn id(&self, k: usize) -> &str {
        &self.ids[k]
    }

    /// Scores `chars[start..end]`. `word_of[i - base]` is the index of the segmented word
    /// holding char `i` (chars outside the slice count as separate words).
    pub fn score(
        &self,
        chars: &[char],
        start: usize,
        end: usize,
        word_of: &[u32],
        base: usize,
    ) -> Vec<f32> {
        let mut scores = vec![0.0; self.ids.len()];
        self.add_scores(chars, start, end, word_of, base, 1.0, &mut scores);
        scores
    }

    /// Adds `factor ×` the scores of `chars[start..end]` into `scores`.
    #[allow(clippy::too_many_arguments)]
    pub fn add_scores(
        &self,
        chars: &[char],
        start: usize,
        end: usize,
        word_of: &[u32],
        base: usize,
        factor: f32,
        scores: &mut [f32],
    ) {
        let end = end.min(chars.len());
        let word = |i: usize| i.checked_sub(base).and_then(|k| word_of.get(k)).copied();
        let mut seen: Vec<&str> = Vec::new();
        let mut key = String::new();
        for i in start..end {
            let k = chars[i] as usize;
            if k < 0x10000 && self.first[k / 64] & (1 << (k % 64)) == 0 {
                continue;
            }
            key.clear();
            for n in 1..=self.max_len.min(end - i) {
                key.push(chars[i + n - 1]);
                let Some((cue, entry)) = self.cues.get_key_value(key.as_str()) else {
                    // No cue begins with `key`: none begins with a longer substring either.
                    break;
                };
                let hits = &entry.hits;
                if hits.is_empty() {
                    continue;
                }
                if n <= 2 {
                    let first = word(i);
                    let last = word(i + n - 1);
                    // Inside one word, or two chars the segmenter left as single-char words
                    // (an unknown compound such as 主|抓), never across longer words (召开|工作).
                    let single = |k: usize| {
                        let w = word(k);
                        w.is_some() && (k == 0 || word(k - 1) != w) && word(k + 1) != w
                    };
                    let ok = first.is_some()
                        && (first == last || (n == 2 && single(i) && single(i + 1)));
                    if !ok {
                        continue;
                    }
                }
                if seen.contains(&cue.as_str()) {
                    continue;
                }
                seen.push(cue.as_str());
                for &(k, w) in hits {
                    if let Some(s) = scores.get_mut(k) {
                        *s += w * factor;
                    }
                }
            }
        }
    }

    /// The best category of `scores` and its score (the first on a tie).
    pub fn best(scores: &[f32]) -> Option<(usize, f32)> {
        let mut best: Option<(usize, f32)> = None;
        for (k, &s) in scores.iter().enumerate() {
            if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        best
    }
}

/// Word indices per char of `text` from a segmenter's `(word, start, end)` output.
pub fn word_index(len: usize, words: &[(&str, usize, usize)]) -> Vec<u32> {
    let mut out = vec![u32::MAX; len];
    for (w, &(_, s, e)) in words.iter().enumerate() {
        for slot in out.iter_mut().take(e.min(len)).skip(s) {
            *slot = w as u32;
        }
    }
    // Chars the segmenter skipped each count as a word of their own.
    let mut next = words.len() as u32;
    for slot in out.iter_mut() {
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn scores(text: &str) -> Vec<(String, f32)> {
        let t = Taxonomy::default();
        let c = Classifier::new(&t);
        let seg = Segmenter::new();
        let words = seg.cut_with_offsets(text);
        let chars: Vec<char> = text.chars().collect();
        let idx = word_index(chars.len(), &words);
        let s = c.score(&chars, 0, chars.len(), &idx, 0);
        let mut v: Vec<(String, f32)> = s
            .iter()
            .enumerate()
            .filter(|(_, &x)| x > 0.0)
            .map(|(k, &x)| (c.id(k).to_string(), x))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }

    #[test]
    fn multi_word_cues_match_as_substrings() {
        let s = scores("实行“备案制+负面清单+承诺制”，简化企业复工复产确认程序");
        assert_eq!(s[0].0, "approval");
        let s = scores("保障人员有序流动和人流物流畅通");
        assert_eq!(s[0].0, "logistics");
    }

    #[test]
    fn short_cues_must_sit_inside_one_word() {
        // 召开工作会议 contains 开工 across two words: no projects score.
        let s = scores("召开工作会议");
        assert!(s.iter().all(|(id, _)| id != "projects"), "{s:?}");
        let s = scores("全力提高项目开工率");
        assert_eq!(s[0].0, "projects");
    }

    #[test]
    fn each_cue_counts_once_per_clause() {
        let a = scores("加大贷款投放");
        let b = scores("加大贷款投放，贷款贷款");
        let fa = a.iter().find(|(i, _)| i == "finance").map(|x| x.1);
        let fb = b.iter().find(|(i, _)| i == "finance").map(|x| x.1);
        assert_eq!(fa, fb);
    }

    #[test]
    fn best_takes_the_first_on_ties_and_none_when_empty() {
        assert_eq!(Classifier::best(&[0.0, 2.0, 2.0]), Some((1, 2.0)));
        assert_eq!(Classifier::best(&[0.0, 0.0]), None);
    }

    #[test]
    fn cues_that_begin_longer_cues_match_alone_and_inside_them() {
        let t = Taxonomy::from_json(
            r#"[{"id": "a", "label": "甲", "instrument": "supply", "cues": {"人流物流": 3, "人流": 1}},
                {"id": "b", "label": "乙", "instrument": "supply", "cues": {"物流畅通": 2}}]"#,
        )
        .unwrap();
        let c = Classifier::new(&t);
        let score = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            // Every char a word of its own.
            let idx: Vec<u32> = (0..chars.len() as u32).collect();
            c.score(&chars, 0, chars.len(), &idx, 0)
        };
        // 人流物流 3 + 人流 1 (two single-char words), 物流畅通 2.
        assert_eq!(score("保障人流物流畅通"), [4.0, 2.0]);
        assert_eq!(score("人流物"), [1.0, 0.0], "a cue's beginning is no cue");
        assert_eq!(score("物流畅"), [0.0, 0.0]);
        let chars: Vec<char> = "人流".chars().collect();
        let s = c.score(&chars, 0, 2, &[0, 0], 0);
        assert_eq!(s, [1.0, 0.0], "a cue that begins a longer one still counts");
    }
}
