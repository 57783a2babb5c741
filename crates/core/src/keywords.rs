//! Keywords: the frequent and distinctive words of each document.
//!
//! A document's candidate words are counted when it is analyzed ([`count_terms`]); their
//! weights are set once the whole corpus is known ([`weigh`]), as term frequency times
//! inverse document frequency, so words every article shares (复工复产 in a 复工复产 corpus)
//! sink below the words that set one article apart.

use std::collections::{BTreeSet, HashMap};

use super::model::Keyword;
use super::segment::Segmenter;

/// How many candidate words a document keeps.
pub const CANDIDATES: usize = 60;

/// Function words and policy-writing filler that say nothing about a document, in byte
/// order (for [`is_content_word`]'s binary search).
const STOP_WORDS: &[&str] = &[
    "一个",
    "一些",
    "一是",
    "三是",
    "不断",
    "主要",
    "之前",
    "之后",
    "二是",
    "五是",
    "什么",
    "今年",
    "他们",
    "以上",
    "以下",
    "以及",
    "会议",
    "但是",
    "作为",
    "做好",
    "全面",
    "六是",
    "关于",
    "其中",
    "其他",
    "切实",
    "加强",
    "去年",
    "可以",
    "各类",
    "各项",
    "同时",
    "四是",
    "因为",
    "坚持",
    "大家",
    "如果",
    "实现",
    "对于",
    "就是",
    "工作",
    "已经",
    "并且",
    "开展",
    "强调",
    "当前",
    "怎么",
    "情况",
    "我们",
    "或者",
    "所以",
    "持续",
    "指出",
    "推动",
    "推进",
    "方面",
    "更加",
    "有关",
    "有效",
    "本报讯",
    "没有",
    "深入",
    "目前",
    "相关",
    "确保",
    "积极",
    "而且",
    "自己",
    "落实",
    "表示",
    "要求",
    "认真",
    "记者",
    "还是",
    "这个",
    "这些",
    "这样",
    "进一步",
    "进行",
    "通过",
    "那些",
    "重要",
    "问题",
    "需要",
];

/// True for words worth counting: two or more chars, all Han, not a stop word. It runs on
/// every word of every text, and again of every measure when they are aligned: one pass
/// over the chars, then a binary search of the stop words.
pub fn is_content_word(word: &str) -> bool {
    let mut chars = 0;
    for c in word.chars() {
        if !('\u{4e00}'..='\u{9fff}').contains(&c) {
            return false;
        }
        chars += 1;
    }
    chars >= 2 && STOP_WORDS.binary_search(&word).is_err()
}

/// Counts the content words of `text`; returns the most frequent candidates with weight 0.
pub fn count_terms(text: &str, segmenter: &Segmenter) -> Vec<Keyword> {
    count_terms_with(text, segmenter, &BTreeSet::new())
}

/// [`count_terms`] leaving out the user's stop words too (on top of the built-in list).
pub fn count_terms_with(
    text: &str,
    segmenter: &Segmenter,
    stop_words: &BTreeSet<String>,
) -> Vec<Keyword> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for word in segmenter.cut(text) {
        if is_content_word(word) && !stop_words.contains(word) {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut terms: Vec<Keyword> = counts
        .into_iter()
        .map(|(word, count)| Keyword {
            word: word.to_string(),
            count,
            weight: 0.0,
            distinctiveness: 0.0,
        })
        .collect();
    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    terms.truncate(CANDIDATES);
    terms
}

/// Sets each candidate's weight to tf·idf over the corpus and orders by weight.
pub fn weigh(documents: &mut [Vec<Keyword>]) {
    let n = documents.len() as f64;
    let mut df: HashMap<String, u32> = HashMap::new();
    for doc in documents.iter() {
        for k in doc {
            *df.entry(k.word.clone()).or_default() += 1;
        }
    }
    for doc in documents.iter_mut() {
        let total: u32 = doc.iter().map(|k| k.count).sum::<u32>().max(1);
        for k in doc.iter_mut() {
            let idf = ((1.0 + n) / (1.0 + f64::from(df[&k.word]))).ln() + 1.0;
            let tf = f64::from(k.count) / f64::from(total);
            k.weight = (tf * idf * 1000.0).round() / 1000.0;
        }
        doc.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.word.cmp(&b.word))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_content_words_only() {
        let s = Segmenter::new();
        let terms = count_terms("推动复工复产。复工复产要加强物流保障，物流畅通。", &s);
        let get = |w: &str| terms.iter().find(|k| k.word == w).map(|k| k.count);
        assert_eq!(get("复工复产"), Some(2));
        assert_eq!(get("物流"), Some(2));
        assert_eq!(get("推动"), None);
    }

    #[test]
    fn content_words_are_two_han_chars_or_more_and_no_stop_word() {
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "the stop words stay in byte order, for the binary search"
        );
        for w in STOP_WORDS {
            assert!(!is_content_word(w), "{w}");
        }
        for (word, content) in [
            ("复工复产", true),
            ("企业", true),
            ("去年", false),
            ("一个", false),
            ("企", false),
            ("", false),
            ("5G基站", false),
            ("Ａ股", false),
        ] {
            assert_eq!(is_content_word(word), content, "{word}");
        }
    }

    #[test]
    fn user_stop_words_are_left_out() {
        let s = Segmenter::new();
        let stop: BTreeSet<String> = ["物流".to_string()].into();
        let terms = count_terms_with(
            "推动复工复产。复工复产要加强物流保障，物流畅通。",
            &s,
            &stop,
        );
        assert!(terms.iter().all(|k| k.word != "物流"));
        assert!(terms.iter().any(|k| k.word == "复工复产"));
    }

    #[test]
    fn shared_words_weigh_less_than_distinctive_ones() {
        let kw = |w: &str, c| Keyword {
            word: w.into(),
            count: c,
            weight: 0.0,
            distinctiveness: 0.0,
        };
        let mut docs = vec![
            vec![kw("复工", 3), kw("包车", 3)],
            vec![kw("复工", 3), kw("贷款", 3)],
        ];
        weigh(&mut docs);
        assert_eq!(docs[0][0].word, "包车");
        assert!(docs[0][0].weight > docs[0][1].weight);
    }
}
