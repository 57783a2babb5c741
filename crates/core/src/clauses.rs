//! Cutting a sentence into clauses, the units a measure is built from.
//!
//! Chinese policy prose packs several actions into one sentence: "要A，要B；C" chains,
//! "一是…，二是…" and "一要…二要…" enumerations, numbered items (1. / 1、 / （一） / ①),
//! and plain runs of ，-separated verb phrases. This module cuts a sentence's char range
//! at ，；：(and their ASCII forms) and at white space between words, never inside
//! quotes, brackets or book-title marks (“点对点、一站式”, 《意见》, （四类地区）).
//! A cut at ； or before an enumeration marker is *strong*: the grouping in
//! [`super::measures`] never joins clauses across it. Enumeration markers are left out
//! of the clause so that a measure's text starts with its action.

/// One clause; `start`/`end` are char offsets into the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
    /// True when the clause starts a new strong segment (after ；, or an enumeration).
    pub strong: bool,
    /// True when an enumeration marker (一是, （二）, 3.) introduced the clause.
    pub enumerated: bool,
}

fn opener_closer(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '〔' => '〕',
        '[' => ']',
        _ => return None,
    })
}

fn is_strong_mark(c: char) -> bool {
    matches!(c, '；' | ';')
}

fn is_weak_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '。' | '！' | '？' | '!' | '?')
}

fn is_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | ','
                | '：'
                | ':'
                | '；'
                | ';'
                | '。'
                | '、'
                | '！'
                | '？'
                | '!'
                | '?'
                | '…'
                | '—'
                | '-'
                | '·'
        )
}

const CN_ORDINALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CIRCLED: &[char] = &['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

/// The length in chars of an enumeration marker starting at `i`, if any:
/// 一是 二要 其一 第一 第三条 首先 （一） (1) 1. 1、 ①.
pub fn marker_len(chars: &[char], i: usize, end: usize) -> Option<usize> {
    let at = |k: usize| {
        if i + k < end {
            chars.get(i + k).copied()
        } else {
            None
        }
    };
    let c0 = at(0)?;
    if CIRCLED.contains(&c0) {
        return Some(1);
    }
    // 一是 / 二要 / 十是 (and 十一是).
    if CN_ORDINALS.contains(&c0) {
        let mut k = 1;
        if c0 == '十' && at(1).is_some_and(|c| CN_ORDINALS.contains(&c) && c != '十') {
            k = 2;
        }
        if matches!(at(k), Some('是') | Some('要') | Some('须')) {
            // Something must follow the marker.
            return at(k + 1).map(|_| k + 1);
        }
    }
    // 第三条 / 第12条: a numbered article.
    if c0 == '第' {
        let mut k = 1;
        while at(k).is_some_and(|c| {
            CN_ORDINALS.contains(&c) || c == '百' || c == '零' || c.is_ascii_digit()
        }) && k < 6
        {
            k += 1;
        }
        if k > 1 && at(k) == Some('条') {
            return Some(k + 1);
        }
    }
    // 其一 其二 / 第一，
    if (c0 == '其' || c0 == '第')
        && at(1).is_some_and(|c| CN_ORDINALS.contains(&c))
        && matches!(at(2), Some('，') | Some(',') | Some('、') | Some('是'))
    {
        return Some(3);
    }
    if matches!(c0, '首' | '其' | '再' | '最') {
        let two: String = [c0, at(1).unwrap_or(' ')].iter().collect();
        if matches!(two.as_str(), "首先" | "其次" | "再次" | "最后")
            && matches!(at(2), Some('，') | Some(','))
        {
            return Some(3);
        }
    }
    // （一） (1) （1）
    if matches!(c0, '（' | '(') {
        let mut k = 1;
        while at(k).is_some_and(|c| CN_ORDINALS.contains(&c) || c.is_ascii_digit()) && k < 4 {
            k += 1;
        }
        if k > 1 && matches!(at(k), Some('）') | Some(')')) {
            return Some(k + 1);
        }
    }
    // 1. 1、 1．12、 but not 1.5 (a decimal).
    if c0.is_ascii_digit() {
        let mut k = 1;
        while at(k).is_some_and(|c| c.is_ascii_digit()) && k < 3 {
            k += 1;
        }
        if matches!(at(k), Some('.') | Some('．') | Some('、'))
            && !at(k + 1).is_some_and(|c| c.is_ascii_digit())
        {
            return Some(k + 1);
        }
    }
    None
}

/// True when the number of a numbered article starts at `i`: 一、 十二、 （三） (3) 3. 3、
/// 第三条 — the markers of policy documents, not the 一是/首先 of running prose.
pub fn article_marker_at(chars: &[char], i: usize) -> bool {
    let Some(&c) = chars.get(i) else { return false };
    if CN_ORDINALS.contains(&c) {
        let mut k = i;
        while k < chars.len() && k - i < 3 && CN_ORDINALS.contains(&chars[k]) {
            k += 1;
        }
        return chars.get(k) == Some(&'、');
    }
    (matches!(c, '（' | '(' | '第') || c.is_ascii_digit() || CIRCLED.contains(&c))
        && marker_len(chars, i, chars.len()).is_some()
}

/// True when a marker at `i` may start an enumerated item: at the range start or after
/// punctuation or white space.
fn marker_allowed(chars: &[char], i: usize, start: usize) -> bool {
    i == start
        || chars
            .get(i.wrapping_sub(1))
            .is_some_and(|&c| is_trim(c) || c == '”')
}

/// Cuts `chars[start..end]` into clauses.
pub fn split(chars: &[char], start: usize, end: usize) -> Vec<Clause> {
    let end = end.min(chars.len());
    let mut out = Vec::new();
    let mut stack: Vec<char> = Vec::new();
    let mut ascii_quote = false;
    let mut clause_start = start;
    let mut strong = true;
    let mut enumerated = false;
    let mut i = start;
    while i < end {
        let c = chars[i];
        if stack.is_empty() && !ascii_quote {
            if marker_allowed(chars, i, start) {
                if let Some(n) = marker_len(chars, i, end) {
                    push(chars, clause_start, i, strong, enumerated, &mut out);
                    strong = true;
                    enumerated = true;
                    i += n;
                    clause_start = i;
                    continue;
                }
            }
            if is_strong_mark(c) || is_weak_mark(c) || c.is_whitespace() {
                let pushed = push(chars, clause_start, i, strong, enumerated, &mut out);
                if pushed {
                    strong = false;
                    enumerated = false;
                }
                if is_strong_mark(c) {
                    strong = true;
                }
                clause_start = i + 1;
                i += 1;
                continue;
            }
        }
        if c == '"' {
            ascii_quote = !ascii_quote;
        } else if let Some(close) = opener_closer(c) {
            if stack.len() < 8 {
                stack.push(close);
            }
        } else if stack.last() == Some(&c) {
            stack.pop();
        } else if !stack.is_empty()
            && matches!(c, '。' | '；')
            && stack.iter().all(|&s| s == '）' || s == ')')
        {
            // An unbalanced bracket must not swallow the rest of the sentence.
            stack.clear();
            continue;
        }
        i += 1;
    }
    push(chars, clause_start, end, strong, enumerated, &mut out);
    out
}

/// Trims punctuation and pushes a non-empty clause; returns whether one was pushed.
fn push(
    chars: &[char],
    mut s: usize,
    mut e: usize,
    strong: bool,
    enumerated: bool,
    out: &mut Vec<Clause>,
) -> bool {
    while s < e && is_trim(chars[s]) {
        s += 1;
    }
    while e > s && is_trim(chars[e - 1]) {
        e -= 1;
    }
    if s >= e {
        return false;
    }
    out.push(Clause {
        start: s,
        end: e,
        strong,
        enumerated,
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(String, bool)> {
        let chars: Vec<char> = s.chars().collect();
        split(&chars, 0, chars.len())
            .into_iter()
            .map(|c| (chars[c.start..c.end].iter().collect(), c.strong))
            .collect()
    }

    #[test]
    fn cuts_at_commas_and_semicolons_with_strength() {
        let t = texts("要完善调整网格划分，充实配强网格力量；要明确政策界限，充分运用好政策。");
        assert_eq!(
            t,
            [
                ("要完善调整网格划分".into(), true),
                ("充实配强网格力量".into(), false),
                ("要明确政策界限".into(), true),
                ("充分运用好政策".into(), false),
            ]
        );
    }

    #[test]
    fn never_cuts_inside_quotes_or_brackets() {
        let t = texts(
            "允许企业开展外地职工“点对点，一站式”直达包车返程，防控工作要“条块结合，以块为主”。",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].0, "允许企业开展外地职工“点对点，一站式”直达包车返程");
        let t = texts("明确海南区(四类地区，试行)实施防控策略");
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn enumerations_start_strong_segments_without_their_marker() {
        let t = texts(
            "主要措施：一是减免房租，二是缓缴社保费；（三）设立绿色通道。1.开通热线；2、派驻专员",
        );
        let got: Vec<&str> = t.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            got,
            [
                "主要措施",
                "减免房租",
                "缓缴社保费",
                "设立绿色通道",
                "开通热线",
                "派驻专员"
            ]
        );
        assert!(t[1].1 && t[2].1 && t[3].1 && t[4].1 && t[5].1);
        let t = texts("第十二条 对缓缴社保费的企业，免收滞纳金。");
        assert_eq!(t[0].0, "对缓缴社保费的企业");
        assert!(t[0].1);
        // A decimal is not a list marker.
        let t = texts("计划投资174.9亿元");
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn unbalanced_brackets_and_empty_ranges_do_not_panic() {
        assert!(texts("").is_empty());
        assert!(texts("，，；").is_empty());
        let t = texts("（未闭合的括号，要加强督查；要开展调度");
        assert!(!t.is_empty());
        let chars: Vec<char> = "要加强".chars().collect();
        assert!(split(&chars, 2, 99).len() == 1);
    }
}
