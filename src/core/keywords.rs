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

/// Function words and policy-writing filler that say nothing about a document.
const STOP_WORDS: &[&str] = &[
    "我们",
    "他们",
    "一个",
    "一些",
    "这个",
    "这些",
    "那些",
    "进行",
    "开展",
    "工作",
    "方面",
    "问题",
    "情况",
    "要求",
    "以及",
    "同时",
    "通过",
    "对于",
    "关于",
    "已经",
    "没有",
    "可以",
    "需要",
    "当前",
    "目前",
    "进一步",
    "加强",
    "做好",
    "切实",
    "全面",
    "积极",
    "有关",
    "相关",
    "其中",
    "就是",
    "还是",
    "以上",
    "以下",
    "之后",
    "之前",
    "不断",
    "持续",
    "认真",
    "深入",
    "坚持",
    "推动",
    "推进",
    "落实",
    "实现",
    "确保",
    "强调",
    "指出",
    "表示",
    "会议",
    "记者",
    "本报讯",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "各类",
    "各项",
    "有效",
    "重要",
    "主要",
    "更加",
    "作为",
    "因为",
    "所以",
    "但是",
    "如果",
    "并且",
    "而且",
    "或者",
    "其他",
    "这样",
    "怎么",
    "什么",
    "自己",
    "大家",
    "今年",
    "去年",
];

/// True for words worth counting: two or more chars, mostly Han, not a stop word.
pub fn is_content_word(word: &str) -> bool {
    let chars = word.chars().count();
    chars >= 2
        && word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !STOP_WORDS.contains(&word)
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
