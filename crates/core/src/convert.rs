//! Character-level normalization: traditional → simplified, full-width → ASCII, pinyin
//! annotations and page-continuation markers removed.
//!
//! Everything downstream (measure rules, slogans, the gazetteer, the scorer) is written in
//! simplified characters with ASCII digits, so this module makes every input look that way.
//! Traditional text is converted with OpenCC's `t2s` tables (the pure-Rust `ferrous-opencc`,
//! whose dictionaries are embedded, so it also works in the browser); the converter is built
//! once per process or worker in a `OnceLock`. Some mirror sites insert the pinyin of every
//! "difficult" character after it — 復(fù)工復(fù)產(chǎn) — which would break every phrase;
//! such annotations are removed only right after a Han character and only when the
//! parentheses hold a pinyin syllable, never a name, a number or a note. Printed papers
//! put 下转第四版 / 上接第一版 between the halves of an article; those markers go too.

use std::sync::OnceLock;

use ferrous_opencc::{config::BuiltinConfig, OpenCC};

/// The t2s converter, built on first use (`None` if its embedded tables failed to load).
fn converter() -> Option<&'static OpenCC> {
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    T2S.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

/// A Han (CJK ideograph) character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x3007)
}

/// Traditional → simplified; returns the text and how many Han characters changed, out of
/// how many.
pub fn to_simplified(text: &str) -> (String, usize, usize) {
    let han = text.chars().filter(|&c| is_han(c)).count();
    let Some(cc) = converter() else {
        return (text.to_string(), 0, han);
    };
    let out = cc.convert(text);
    let changed = if out.chars().count() == text.chars().count() {
        text.chars()
            .zip(out.chars())
            .filter(|(a, b)| a != b && is_han(*a))
            .count()
    } else {
        // A phrase changed length: count characters one by one instead.
        let mut buf = [0u8; 4];
        text.chars()
            .filter(|&c| {
                is_han(c)
                    && !cc
                        .convert(c.encode_utf8(&mut buf))
                        .chars()
                        .eq(std::iter::once(c))
            })
            .count()
    };
    (out, changed, han)
}

/// Traditional → simplified with the offset map of [`super::offsets`]: returns the
/// simplified text, the stretches whose length changed (char offsets within `text`), and
/// how many Han characters changed out of how many. When the whole conversion keeps the
/// length, characters correspond one for one and the map is empty; otherwise the text is
/// converted run by run (Han runs and the runs between them), each run that changes
/// length becoming one stretch.
pub fn to_simplified_aligned(text: &str) -> (String, Vec<super::offsets::Stretch>, usize, usize) {
    let Some(cc) = converter() else {
        let han = text.chars().filter(|&c| is_han(c)).count();
        return (text.to_string(), Vec::new(), 0, han);
    };
    let whole = cc.convert(text);
    if whole.chars().count() == text.chars().count() {
        let mut han = 0;
        let mut changed = 0;
        for (a, b) in text.chars().zip(whole.chars()) {
            if is_han(a) {
                han += 1;
                changed += usize::from(a != b);
            }
        }
        return (whole, Vec::new(), changed, han);
    }
    let mut out = String::with_capacity(whole.len());
    let mut map = Vec::new();
    let (mut s_off, mut o_off) = (0usize, 0usize);
    let (mut changed, mut han) = (0usize, 0usize);
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let kind = is_han(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_han(c) != kind)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        let converted = cc.convert(run);
        let (m, n) = (converted.chars().count(), run.chars().count());
        if kind {
            han += n;
            changed += if m == n {
                run.chars()
                    .zip(converted.chars())
                    .filter(|(a, b)| a != b)
                    .count()
            } else {
                n
            };
        }
        if m != n {
            map.push([s_off, o_off, m, n]);
        }
        out.push_str(&converted);
        s_off += m;
        o_off += n;
    }
    (out, map, changed, han)
}

/// Full-width ASCII letters, digits and a few signs → ASCII; ideographic and no-break
/// spaces → space; zero-width characters removed. Chinese punctuation is kept.
pub fn normalize_width(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let mapped = match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '＋' | '＠' | '＃' | '＆' | '＝' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            // A full-width point or comma between digits is a decimal point / thousands mark.
            '．' if digit_around(&chars, i) => '.',
            '\u{3000}' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{00ad}' => continue,
            _ => c,
        };
        out.push(mapped);
    }
    out
}

fn digit_around(chars: &[char], i: usize) -> bool {
    let is_digit =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    i > 0 && is_digit(chars.get(i - 1)) && is_digit(chars.get(i + 1))
}

/// Vowels with tone marks (and ü), as printed in pinyin.
fn is_toned(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Could `s` be one pinyin syllable? `strict` requires a tone mark.
fn is_pinyin_syllable(s: &str, strict: bool) -> bool {
    let n = s.chars().count();
    if n == 0 || n > 6 {
        return false;
    }
    let plain_ok = s.chars().all(|c| c.is_ascii_lowercase() || is_toned(c));
    if !plain_ok {
        return false;
    }
    let toned = s.chars().any(is_toned);
    let has_vowel = s.chars().any(|c| "aeiouv".contains(c) || is_toned(c));
    if strict {
        toned
    } else {
        has_vowel
    }
}

/// Finds `(syllable)` / `（syllable）` right after a Han character. Returns
/// `(start_byte, end_byte, strict_match)` for each annotation.
fn pinyin_spans(text: &str, allow_untoned: bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        // In a text annotated throughout, a `?` or U+FFFD before the annotation is a Han
        // character lost in an earlier re-encoding: its annotation goes too.
        let lost = allow_untoned && matches!(prev, Some('?' | '\u{fffd}'));
        if (c == '(' || c == '（') && (prev.is_some_and(is_han) || lost) {
            let open_len = c.len_utf8();
            let rest = text.get(i + open_len..).unwrap_or("");
            // A syllable is at most six letters: look no further than eight characters.
            let window = rest.char_indices().nth(8).map_or(rest.len(), |(j, _)| j);
            if let Some(close) = rest.get(..window).and_then(|w| w.find([')', '）'])) {
                let inner = rest.get(..close).unwrap_or("");
                if is_pinyin_syllable(inner, !allow_untoned) {
                    let close_len = rest
                        .get(close..)
                        .and_then(|s| s.chars().next())
                        .map_or(1, char::len_utf8);
                    let end = i + open_len + close + close_len;
                    spans.push((i, end));
                    while iter.peek().is_some_and(|(j, _)| *j < end) {
                        iter.next();
                    }
                    // The character before the next annotation is still the Han character.
                    continue;
                }
            }
        }
        prev = Some(c);
    }
    spans
}

/// Removes pinyin annotations written after Han characters; returns the text and the count.
/// Untoned syllables (neutral tone, `们(men)`) are removed only in a text that already has
/// at least two toned annotations, i.e. one that is annotated throughout.
pub fn strip_pinyin(text: &str) -> (String, usize) {
    let strict = pinyin_spans(text, false);
    let spans = if strict.len() >= 2 {
        pinyin_spans(text, true)
    } else {
        strict
    };
    if spans.is_empty() {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &(s, e) in &spans {
        out.push_str(text.get(last..s).unwrap_or(""));
        last = e;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    (out, spans.len())
}

/// True when an opening bracket is followed, after white space, by a char that can begin
/// a page marker's words (上转, 下接, 紧接, 转自, 接, 续 …): where a marker can start.
fn may_open_page_marker(text: &str) -> bool {
    text.match_indices(['（', '(', '【', '[']).any(|(i, open)| {
        text[i + open.len()..]
            .trim_start()
            .starts_with(['上', '下', '紧', '转', '接', '续'])
    })
}

/// Page-continuation markers of printed papers: （下转第四版） （上接第一版） (转A2版) (紧接第1版)
/// (续第三版). Returns the text without them and the markers removed.
pub fn strip_page_markers(text: &str) -> (String, Vec<String>) {
    static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"[（(【\[]\s*(?:[上下]转|[上下]接|紧接|转接|转自|接|转|续)\s*第?\s*[0-9A-Za-z一二三四五六七八九十百]{1,4}\s*(?:版|页|面)\s*[）)】\]]",
        )
        .ok()
    });
    let Some(re) = re.as_ref() else {
        return (text.to_string(), Vec::new());
    };
    // A marker needs one of 转接续 and one of 版页面, and opens with a bracket followed
    // (after spaces) by 上下紧转接续: most texts skip the regex engine.
    if !text.contains(['转', '接', '续'])
        || !text.contains(['版', '页', '面'])
        || !may_open_page_marker(text)
    {
        return (text.to_string(), Vec::new());
    }
    let found: Vec<String> = re.find_iter(text).map(|m| m.as_str().to_string()).collect();
    if found.is_empty() {
        return (text.to_string(), found);
    }
    (re.replace_all(text, "").into_owned(), found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_becomes_simplified_and_is_counted() {
        let (s, changed, han) = to_simplified("宿遷市召開服務企業復工復產工作會議");
        assert_eq!(s, "宿迁市召开服务企业复工复产工作会议");
        assert!(changed >= 8 && han == 17, "{changed}/{han}");
        let (s, changed, _) = to_simplified("宿迁市召开服务企业复工复产工作会议");
        assert_eq!(
            (s.as_str(), changed),
            ("宿迁市召开服务企业复工复产工作会议", 0)
        );
    }

    #[test]
    fn full_width_digits_and_letters_become_ascii() {
        assert_eq!(
            normalize_width("２０２０年ＧＤＰ增长６．１％"),
            "2020年GDP增长6.1%"
        );
        assert_eq!(normalize_width("一、\u{3000}要求．"), "一、 要求．");
        assert_eq!(normalize_width("复\u{200b}工"), "复工");
    }

    #[test]
    fn pinyin_after_han_is_removed() {
        let (s, n) = strip_pinyin("服務(wù)企業(yè)復(fù)工復(fù)產(chǎn)");
        assert_eq!((s.as_str(), n), ("服務企業復工復產", 5));
        let (s, _) = strip_pinyin("專題會（huì）商會");
        assert_eq!(s, "專題會商會");
    }

    #[test]
    fn untoned_syllables_only_in_annotated_texts() {
        let (s, n) = strip_pinyin("咱們(men)的企業(yè)復(fù)工");
        assert_eq!((s.as_str(), n), ("咱們的企業復工", 3));
        let (s, n) = strip_pinyin("復(fù)工復(fù)產?(chǎn)品");
        assert_eq!((s.as_str(), n), ("復工復產?品", 3));
        let (s, n) = strip_pinyin("使用了新系统(beta)版本");
        assert_eq!((s.as_str(), n), ("使用了新系统(beta)版本", 0));
    }

    #[test]
    fn other_parentheses_are_kept() {
        for s in [
            "措施落实到位。（记者 于海东）",
            "乌达区、海南区(四类地区)实施",
            "第一条(1)规定",
            "指数(PMI)回升",
            "ABC(fù)不是汉字后",
            "(fù)开头",
        ] {
            assert_eq!(strip_pinyin(s).0, s, "{s}");
        }
    }

    #[test]
    fn unclosed_parentheses_stay_linear() {
        let s = "字(".repeat(50_000);
        let started = std::time::Instant::now();
        assert_eq!(strip_pinyin(&s).1, 0);
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn page_markers_are_removed() {
        let (s, found) = strip_page_markers("全面完成全年各项目标任务。(下转第四版)");
        assert_eq!(s, "全面完成全年各项目标任务。");
        assert_eq!(found, ["(下转第四版)"]);
        assert_eq!(
            strip_page_markers("（上接第1版）要用足政策").0,
            "要用足政策"
        );
        assert_eq!(strip_page_markers("（转A2版）").0, "");
        assert_eq!(
            strip_page_markers("（第四版）不是标记").0,
            "（第四版）不是标记"
        );
    }

    #[test]
    fn page_markers_are_looked_for_only_after_an_opening_bracket() {
        assert!(may_open_page_marker("文字（下转第四版）"));
        assert!(may_open_page_marker("文字( 转A2版)"));
        assert!(may_open_page_marker("【\u{3000}续第三版】"));
        assert!(!may_open_page_marker("（第四版）转接续"));
        assert!(!may_open_page_marker("接续转载，见第二版面"));
        // Such a text keeps everything, and a real marker is still removed.
        let text = "（见第二版）转载请注明来源，版面有限。";
        assert_eq!(strip_page_markers(text), (text.to_string(), vec![]));
        let (s, found) = strip_page_markers("复工复产。（下转第四版）");
        assert_eq!(
            (s.as_str(), found),
            ("复工复产。", vec!["（下转第四版）".to_string()])
        );
    }
}
