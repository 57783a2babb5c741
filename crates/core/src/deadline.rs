//! Deadlines inside a measure: 2月21日前, 三个工作日内, 至2020年末, 年底前.
//!
//! Policy texts set time limits in a few fixed shapes — a date or period end followed by
//! 前/之前/以前, a count of days or months followed by 内/之内/以内, or 至/到 a date or
//! period end. A measure's `deadline` is the first such phrase in its clause, as written.
//! 截至 (“as of”, which introduces statistics) is not a deadline. A hand-written scanner
//! over chars (anchored on 前, 内, 至, 到) keeps this linear and cheap.

use super::numerals::{cn_digit, is_digit};

fn is_num(c: char) -> bool {
    is_digit(c) || cn_digit(c).is_some() || matches!(c, '十' | '百')
}

fn at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(n, c)| chars.get(i + n) == Some(&c))
}

/// The start of the run of numeral chars (at most 4) ending at `end`, if any.
fn num_back(chars: &[char], end: usize) -> Option<usize> {
    let mut s = end;
    while s > 0 && end - s < 4 && is_num(chars[s - 1]) {
        s -= 1;
    }
    (s < end).then_some(s)
}

/// The end of the run of numeral chars (at most 4) starting at `i`, if any.
fn num_fwd(chars: &[char], i: usize) -> Option<usize> {
    let mut e = i;
    while e < chars.len() && e - i < 4 && is_num(chars[e]) {
        e += 1;
    }
    (e > i).then_some(e)
}

/// Extends a date phrase starting at `s` back over `NUM年` and 今年/本月 style prefixes.
fn extend_back(chars: &[char], mut s: usize) -> usize {
    if s > 0 && chars[s - 1] == '年' {
        if let Some(n) = num_back(chars, s - 1) {
            s = n;
        } else if s >= 2 && matches!(chars[s - 2], '今' | '本' | '当' | '明') {
            s -= 2;
        }
    } else if s >= 2
        && (at(chars, s - 2, "本月") || at(chars, s - 2, "今年") || at(chars, s - 2, "本年"))
    {
        s -= 2;
    }
    s
}

/// A date or period end ending at `end` (2月21日, 3月底, 年底, 6月): its start.
fn date_back(chars: &[char], end: usize) -> Option<usize> {
    if end == 0 {
        return None;
    }
    let last = chars[end - 1];
    let start = match last {
        '日' | '号' => {
            let n = num_back(chars, end - 1)?;
            if n == 0 || chars[n - 1] != '月' {
                return None;
            }
            num_back(chars, n - 1)?
        }
        '底' | '末' => {
            if end < 2 || !matches!(chars[end - 2], '年' | '月') {
                return None;
            }
            if chars[end - 2] == '月' {
                num_back(chars, end - 2).unwrap_or(end - 2)
            } else {
                end - 2
            }
        }
        '旬' => {
            if end < 3 || !matches!(chars[end - 2], '上' | '中' | '下') || chars[end - 3] != '月'
            {
                return None;
            }
            num_back(chars, end - 3)?
        }
        '月' => num_back(chars, end - 1)?,
        _ => return None,
    };
    Some(extend_back(chars, start))
}

/// A date or period end starting at `i` (after 至/到): its end.
fn date_fwd(chars: &[char], i: usize) -> Option<usize> {
    let mut k = i;
    let mut year = false;
    if let Some(e) = num_fwd(chars, k) {
        if chars.get(e) == Some(&'年') {
            k = e + 1;
            year = true;
        }
    }
    if let Some(e) = num_fwd(chars, k) {
        if chars.get(e) == Some(&'月') {
            let mut end = e + 1;
            if let Some(d) = num_fwd(chars, end) {
                if matches!(chars.get(d), Some('日') | Some('号')) {
                    end = d + 1;
                }
            } else if matches!(chars.get(end), Some('底') | Some('末')) {
                end += 1;
            }
            return Some(end);
        }
    }
    if year && matches!(chars.get(k), Some('底') | Some('末')) {
        return Some(k + 1);
    }
    if at(chars, k, "年底") || at(chars, k, "年末") || at(chars, k, "月底") || at(chars, k, "月末")
    {
        return Some(k + 2);
    }
    None
}

/// A time span ending at `end` (三个工作日, 15天, 1个月): its start.
fn span_back(chars: &[char], end: usize) -> Option<usize> {
    const UNITS: &[&str] = &[
        "工作日",
        "自然日",
        "小时",
        "个月",
        "日",
        "天",
        "周",
        "月",
        "年",
    ];
    for u in UNITS {
        let n = u.chars().count();
        if end >= n && at(chars, end - n, u) {
            let mut s = end - n;
            if s > 0 && chars[s - 1] == '个' {
                s -= 1;
            }
            return num_back(chars, s);
        }
    }
    None
}

/// The first deadline phrase of `text`, as written.
pub fn find(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    find_in(&chars).map(|(s, e)| chars[s..e].iter().collect())
}

/// The span of the first deadline phrase of `chars`.
pub fn find_in(chars: &[char]) -> Option<(usize, usize)> {
    for k in 0..chars.len() {
        match chars[k] {
            // …前 / 之前 / 以前 after a date.
            '前' => {
                let d_end = if k > 0 && matches!(chars[k - 1], '之' | '以') {
                    k - 1
                } else {
                    k
                };
                if let Some(s) = date_back(chars, d_end) {
                    return Some((s, k + 1));
                }
            }
            // …内 / 之内 / 以内 after a span.
            '内' => {
                let d_end = if k > 0 && matches!(chars[k - 1], '之' | '以') {
                    k - 1
                } else {
                    k
                };
                if let Some(s) = span_back(chars, d_end) {
                    return Some((s, k + 1));
                }
                // 今年年内
                if k >= 3 && (at(chars, k - 3, "今年年") || at(chars, k - 3, "本年年")) {
                    return Some((k - 3, k + 1));
                }
            }
            // 至 / 到 a date, but not 截至 (as of) nor the end of a range (2月至4月).
            '至' | '到' if !(k > 0 && matches!(chars[k - 1], '截' | '月' | '日' | '年' | '号')) => {
                if let Some(e) = date_fwd(chars, k + 1) {
                    return Some((k, e));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_before_which() {
        assert_eq!(
            find("在2月21日前做到网格调整到位").as_deref(),
            Some("2月21日前")
        );
        assert_eq!(
            find("各县区要于3月底前完成摸排").as_deref(),
            Some("3月底前")
        );
        assert_eq!(find("力争年底前全部开工").as_deref(), Some("年底前"));
    }

    #[test]
    fn finds_periods_within_which() {
        assert_eq!(
            find("审批部门应在三个工作日内办结").as_deref(),
            Some("三个工作日内")
        );
        assert_eq!(find("15天之内完成审核").as_deref(), Some("15天之内"));
    }

    #[test]
    fn finds_until_and_skips_as_of() {
        assert_eq!(
            find("阶段性减免社保费至2020年末").as_deref(),
            Some("至2020年末")
        );
        assert_eq!(find("截至2月20日，全市复工企业达到90%"), None);
        assert_eq!(find("坚持到底"), None);
        assert_eq!(find("减免2020年2月至4月房租"), None);
        assert_eq!(find("加强督查"), None);
        assert_eq!(find("在当前形势下，提前谋划，以前的做法"), None);
        assert_eq!(
            find("今年6月30日之前完成").as_deref(),
            Some("今年6月30日之前")
        );
        assert_eq!(find("到2020年底").as_deref(), Some("到2020年底"));
        assert_eq!(find("确保今年年内开工").as_deref(), Some("今年年内"));
    }
}
