//! Figures: the quantities an article reports, with their unit and what they count.
//!
//! A figure is a number (Arabic or Chinese, see [`super::numerals`]) followed by a unit
//! of count, money, rate, time span or size: `174.9亿元`, `近6000个`, `459人`, `90%以上`,
//! `11方面`, `两次`, `三个工作日`, `3年`, `100元/亩`. 万/亿 stay in the unit (174.9 亿元),
//! approximation markers (近, 约, 超过, 多, 余, 以上, 以内 …) go to `qualifier`, a range
//! `3-5天` keeps the end that carries the unit as value (5) and `3至` as qualifier, and the
//! thing counted (`subject`) is read from the words after the unit (7次 专题会议) or, failing
//! that, before the number (重点项目174个).
//!
//! Not figures: dates and clock times (2月10日, 2020年, 9:00), document numbers
//! (〔2020〕5号, 12号令), phone numbers, ordinals (第一, 第 1 0 条, 第2、3条), list markers
//! (1、 2.), ages (35岁), numbers inside numeric slogans (五个一, 两个维护), idioms (千家万户,
//! 三番五次), round numbers of speech (数百条, 百年大计), 二 as "secondary" (二次开发,
//! 二类新药), and a bare Chinese 一 (一个, 一批: an article, not a count) except before a
//! span of time or a person assigned (一个月, 一周以来, 明确一名联络员). A number before 年
//! counts years when it is small and no month or 底/度 follows (贴息期限不超过1年). Chinese
//! numerals only count with a short list of counting units, since 两组 / 三次产业 / 两位数
//! are turns of phrase.

use super::model::Figure;
use super::numerals::{is_cn_numeral, is_digit, read_arabic, read_chinese};
use crate::convert::is_han;

/// Units after an Arabic number, longest first where one is a prefix of another.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "个基点",
    "基点",
    "个工作日",
    "个方面",
    "个批次",
    "批次",
    "个课时",
    "课时",
    "学时",
    "个小时",
    "分钟",
    "个月",
    "个",
    "%",
    "％",
    "‰",
    "人次",
    "人",
    "项",
    "次",
    "方面",
    "家",
    "户",
    "辆",
    "吨",
    "台",
    "套",
    "件",
    "条",
    "所",
    "批",
    "场",
    "名",
    "位",
    "亩",
    "倍",
    "张",
    "份",
    "天",
    "小时",
    "周",
    "架",
    "箱",
    "座",
    "栋",
    "间",
    "张床",
    "床",
    "例",
    "笔",
    "宗",
    "支",
    "处",
    "只",
    "头",
    "班",
    "趟",
    "艘",
    "款",
    "种",
    "类",
    "组",
    "元",
    "美元",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "公顷",
    "米",
    "立方米",
    "千瓦时",
    "千瓦",
    "公斤",
    "千克",
    "斤",
    "页",
    "本",
    "册",
    "轮",
    "期",
    "季度",
    "单",
    "标箱",
    "车次",
    "班次",
    "架次",
    "户次",
    "家次",
    "起",
    "则",
    "省份",
    "省",
];

/// Units a Chinese numeral may count with (两次, 三个工作日, 十一个方面).
const CN_UNITS: &[&str] = &[
    "个百分点",
    "个工作日",
    "个方面",
    "个批次",
    "个课时",
    "个小时",
    "个月",
    "个",
    "人次",
    "人",
    "名",
    "项",
    "次",
    "方面",
    "家",
    "户",
    "条",
    "所",
    "场",
    "元",
    "成",
    "倍",
    "天",
    "辆",
    "吨",
    "件",
    "套",
    "台",
    "位",
    "批",
    "批次",
    "轮",
    "课时",
    "小时",
    "分钟",
    "周",
    "年",
    "省",
    "类",
    "起",
];

/// Units a lone 一 counts with: spans of time and a person assigned (一个月, 一周以来,
/// 一年以上, 明确一名联络员). Elsewhere a lone 一 is an article (一个, 一批, 一次性).
const YI_UNITS: &[&str] = &["个工作日", "个小时", "个月", "小时", "周", "年", "名"];

/// Chars before a lone 一 that make it an ordinal or a reference, not a count (第一,
/// 同一天, 上一年度, 新的一年, 最后一名, 每一名, 逐一, 之一).
const YI_NOT_AFTER: &[char] = &[
    '第', '同', '前', '后', '這', '这', '那', '每', '上', '下', '新', '的', '统', '唯', '单', '任',
    '其', '另', '某', '哪', '逐', '之', '万', '日', '最', '末',
];

/// Verbs right before 一名 that assign a person (明确一名联络员); 一名 after anything else
/// introduces someone in a story (接诊了一名患者, 局一名退休干部).
const ASSIGN_VERBS: &[&str] = &[
    "明确", "确定", "指定", "配备", "配置", "选配", "安排", "选派", "派驻", "增派", "委派", "派出",
    "落实", "设立", "设置", "至少", "聘请", "聘用", "招聘", "增加", "配",
];

/// Units of a rate's denominator after money (100元/亩, 200元/人).
const RATE_DENOMINATORS: &[&str] = &[
    "亩",
    "人次",
    "人",
    "户",
    "月",
    "年",
    "吨",
    "天",
    "次",
    "平方米",
    "辆",
    "台",
    "头",
    "只",
    "家",
    "间",
    "床",
    "场",
    "公里",
    "千瓦时",
    "度",
    "班",
    "公斤",
    "千克",
    "斤",
    "升",
    "袋",
    "箱",
    "笔",
];

/// What may follow 年 after a number of years (3年内, 5年以上, 1年期); 年 followed by
/// 月, 度, 底, 级 … is a date or a name (20年3月, 19年底, 三年级, 九十年代).
const NOT_AFTER_YEARS: &[char] = &[
    '月', '度', '底', '初', '末', '级', '代', '份', '中', '春', '秋', '冬', '夏',
];

/// Scale characters kept in the unit (亿元, 万人).
const SCALES: &[&str] = &[
    "万亿", "千亿", "百亿", "千万", "百万", "十万", "亿", "万", "千",
];

/// Qualifiers written before a number.
const PRE_QUALIFIERS: &[&str] = &[
    "不超过",
    "不少于",
    "不低于",
    "不高于",
    "将近",
    "接近",
    "大约",
    "超过",
    "不到",
    "不足",
    "至少",
    "最多",
    "高达",
    "近",
    "约",
    "超",
    "逾",
];

/// Qualifiers written after the unit.
const POST_QUALIFIERS: &[&str] = &["以上", "以下", "以内", "左右", "上下", "之多", "多"];

/// Chars that end a subject phrase.
const SUBJECT_STOP: &[char] = &[
    '的', '了', '和', '与', '及', '或', '等', '是', '在', '将', '已', '为', '获', '得', '达', '共',
    '累', '均', '都', '到', '从', '由', '向', '对', '被', '把', '让', '使', '也', '还', '并', '且',
    '而', '就', '以', '其', '中', '后', '前', '内',
];

/// Verbs that end the lead-in before a number (实施 …重点项目 174个).
const LEAD_VERBS: &[&str] = &[
    "实施", "确定", "发布", "达成", "提出", "安排", "新增", "累计", "完成", "发放", "帮助", "组织",
    "召开", "开展", "举办", "出台", "落实", "签约", "引进", "培训", "招聘", "解决", "有", "达",
    "共", "计", "为",
];

fn starts_with_at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(n, c)| chars.get(i + n) == Some(&c))
}

fn match_list(chars: &[char], i: usize, list: &[&'static str]) -> Option<&'static str> {
    // Longest match first.
    list.iter()
        .filter(|u| starts_with_at(chars, i, u))
        .max_by_key(|u| u.chars().count())
        .copied()
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// A space inside a spaced-out number (近 20 万, 第 1 0 条): ASCII, no-break or ideographic.
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{3000}')
}

/// The char before `i`, looking past one gap (第 1 0 条 → 第).
fn prev_solid(chars: &[char], i: usize) -> Option<char> {
    let p = i.checked_sub(1).map(|k| chars[k])?;
    if is_gap(p) && i >= 2 && !is_gap(chars[i - 2]) {
        Some(chars[i - 2])
    } else {
        Some(p)
    }
}

/// Finds the figures of a cleaned text.
pub fn extract(text: &str) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().collect();
    extract_chars(&chars, &super::slogans::find_all(&chars))
}

/// [`extract`] over the text's chars, given every occurrence of a numeric slogan in it
/// ([`super::slogans::find_all`]): figures inside a slogan (三个一批) are skipped.
pub fn extract_chars(chars: &[char], slogans: &[super::model::Slogan]) -> Vec<Figure> {
    let skip: Vec<(usize, usize)> = slogans.iter().map(|s| (s.start, s.end)).collect();
    let in_slogan = |s: usize, e: usize| skip.iter().any(|&(a, b)| s < b && a < e);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_digit(c) {
            let prev = prev_solid(chars, i);
            if prev.is_some_and(|p| is_digit(p) || p.is_ascii_alphabetic() || p == '.' || p == '．')
            {
                i += 1;
                continue;
            }
            let Some((value, n)) = read_arabic(chars, i) else {
                i += 1;
                continue;
            };
            // A chain 12、13、14号令 shares the unit written after its last number.
            let mut chain = vec![(i, value, n)];
            let mut j = i + n;
            while j + 1 < chars.len() && chars[j] == '、' && is_digit(chars[j + 1]) {
                match read_arabic(chars, j + 1) {
                    Some((v, m)) => {
                        chain.push((j + 1, v, m));
                        j = j + 1 + m;
                    }
                    None => break,
                }
            }
            let last_end = j;
            if chain.len() > 1 {
                // 第2、3条: the whole chain is ordinal.
                if prev != Some('第') && unit_after(chars, last_end, false).is_some() {
                    for &(s, v, m) in &chain {
                        if let Some(f) = arabic_figure(chars, s, v, m, chain.len() > 1, last_end) {
                            if !in_slogan(f.start, f.end) {
                                out.push(f);
                            }
                        }
                    }
                }
                i = last_end;
                continue;
            }
            if let Some(f) = arabic_figure(chars, i, value, n, false, i + n) {
                if !in_slogan(f.start, f.end) {
                    i = f.end;
                    out.push(f);
                    continue;
                }
            }
            i += n;
            continue;
        }
        if is_cn_numeral(c) {
            // Skip the rest of a numeral run that began before (十一 read from 十).
            let prev = i.checked_sub(1).map(|k| chars[k]);
            let run_end = {
                let mut k = i;
                while k < chars.len() && is_cn_numeral(chars[k]) {
                    k += 1;
                }
                k
            };
            if prev.is_some_and(|p| is_cn_numeral(p) || is_digit(p) || p == '第') {
                i = run_end;
                continue;
            }
            if let Some(f) = chinese_figure(chars, i) {
                if !in_slogan(f.start, f.end) {
                    i = f.end;
                    out.push(f);
                    continue;
                }
            }
            i = run_end.max(i + 1);
            continue;
        }
        if starts_with_at(chars, i, "百分之") {
            if let Some((v, n)) = read_chinese(chars, i + 3).or_else(|| read_arabic(chars, i + 3)) {
                let end = i + 3 + n;
                out.push(Figure {
                    value: v,
                    unit: "%".into(),
                    text: chars[i..end].iter().collect(),
                    qualifier: None,
                    subject: None,
                    start: i,
                    end,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The unit at `k` (optional 多/余 + scale + optional 多/余 + base unit): `(end, unit)`.
/// After an Arabic number one gap may stand before a scale or % (近 20 万).
fn unit_after(chars: &[char], k: usize, chinese: bool) -> Option<(usize, String)> {
    let mut k = k;
    if !chinese
        && chars.get(k).is_some_and(|&c| is_gap(c))
        && (match_list(chars, k + 1, SCALES).is_some()
            || matches!(chars.get(k + 1), Some('%') | Some('％')))
    {
        k += 1;
    }
    let mut unit = String::new();
    // 80余万个, 1000多万元: the approximation stands before the scale.
    if matches!(chars.get(k), Some('多') | Some('余')) && match_list(chars, k + 1, SCALES).is_some()
    {
        k += 1;
    }
    if let Some(s) = match_list(chars, k, SCALES) {
        unit.push_str(s);
        k += len(s);
    }
    let mut mid_qualifier = false;
    if matches!(chars.get(k), Some('多') | Some('余')) {
        mid_qualifier = true;
        k += 1;
    }
    let list = if chinese { CN_UNITS } else { UNITS };
    match match_list(chars, k, list) {
        Some(u) => {
            let u = if u == "％" { "%" } else { u };
            unit.push_str(u);
            let mut end = k + len(u);
            // A rate: 100元/亩, 200元/人.
            if u.ends_with('元') && chars.get(end) == Some(&'/') {
                if let Some(d) = match_list(chars, end + 1, RATE_DENOMINATORS) {
                    unit.push('/');
                    unit.push_str(d);
                    end += 1 + len(d);
                }
            }
            Some((end, unit))
        }
        None if !unit.is_empty() && !mid_qualifier && !chinese && unit != "千" => Some((k, unit)),
        None => None,
    }
}

/// True where 年 after a number (`v`, spanning `i..i + n`, 年 at `k`) counts years (贴息期限
///不超过1年, 3年内) rather than naming one (2020年, 20年3月, 19年底).
fn counts_years(chars: &[char], v: f64, n: usize, k: usize) -> bool {
    n <= 2
        && v > 0.0
        && v <= 50.0
        && !chars
            .get(k + 1)
            .is_some_and(|&c| NOT_AFTER_YEARS.contains(&c) || is_digit(c))
}

/// True where a number before 起 is a starting point (自2月10起, 从10起), not a count of
/// cases (受理投诉117起).
fn starts_from(chars: &[char], i: usize) -> bool {
    let from = i.saturating_sub(10);
    chars[from..i]
        .iter()
        .rev()
        .take_while(|&&c| !matches!(c, '，' | '。' | '；' | ',' | ';'))
        .any(|&c| matches!(c, '自' | '从' | '于' | '月'))
}

/// Builds the figure of an Arabic number at `i` (value `v`, `n` chars); `unit_from` is
/// where the unit is read (after the last number of a 、 chain).
fn arabic_figure(
    chars: &[char],
    i: usize,
    v: f64,
    n: usize,
    in_chain: bool,
    unit_from: usize,
) -> Option<Figure> {
    let next = chars.get(i + n).copied();
    let prev = i.checked_sub(1).map(|k| chars[k]);
    // Ordinals and document numbers.
    if matches!(
        prev_solid(chars, i),
        Some('第') | Some('〔') | Some('[') | Some('【') | Some('#')
    ) {
        return None;
    }
    if matches!(prev, Some(':') | Some('：')) && i >= 2 && is_digit(chars[i - 2]) {
        return None; // 18:30
    }
    if prev == Some('-') && i >= 2 && (chars[i - 2].is_ascii_alphanumeric()) {
        return None; // COVID-19, 400-050-0827
    }
    // List markers: "1、" "2." at a line or clause start.
    if !in_chain
        && matches!(
            next,
            Some('、') | Some('.') | Some('．') | Some('）') | Some(')')
        )
        && prev.is_none_or(|p| p.is_whitespace() || "，。；：,;:（(\n".contains(p))
    {
        return None;
    }
    // Clock times and phone-like runs.
    if matches!(next, Some(':') | Some('：')) && chars.get(i + n + 1).is_some_and(|&c| is_digit(c))
    {
        return None;
    }
    let mut k = unit_from;
    // A range 3-5天, 3至6个月: the value is the end that carries the unit (6个月), the low
    // end goes to the qualifier (3至).
    let mut range_lo: Option<String> = None;
    let mut value = v;
    let mut digits = n;
    if !in_chain {
        if let Some(&d) = chars.get(k) {
            if matches!(d, '-' | '—' | '~' | '～' | '至' | '到')
                && chars.get(k + 1).is_some_and(|&c| is_digit(c))
            {
                if let Some((hi, m)) = read_arabic(chars, k + 1) {
                    if chars.get(k + 1 + m).is_some_and(|&c| c != '-') && hi > v {
                        range_lo = Some(format_num(v));
                        value = hi;
                        digits = m;
                        k = k + 1 + m;
                    }
                }
            }
        }
    }
    // Dates and numbers that are names.
    if let Some(&d) = chars.get(k) {
        if d == '年' {
            if !counts_years(chars, value, digits, k) {
                return None;
            }
        } else if matches!(
            d,
            '月' | '日' | '号' | '时' | '届' | '级' | '楼' | '路' | '版' | '期'
        ) {
            return None;
        }
        if d == '点' && !starts_with_at(chars, k, "点五") {
            return None; // 8点 (clock); 个百分点 is matched below as a unit
        }
    }
    let (uend, unit) = if chars.get(k) == Some(&'年') {
        (k + 1, "年".to_string())
    } else {
        unit_after(chars, k, false)?
    };
    // 5G, 3D and the like.
    if chars.get(uend).is_some_and(|c| c.is_ascii_alphabetic()) && unit.is_empty() {
        return None;
    }
    if unit == "起" && starts_from(chars, i) {
        return None;
    }
    let mut qualifier = None;
    let mut start = i;
    if !in_chain {
        if let Some(q) = pre_qualifier(chars, i) {
            start = i - len(q);
            qualifier = Some(q.to_string());
        } else if i >= 2 && is_gap(chars[i - 1]) {
            // 近 20 万: one gap between the qualifier and the number.
            if let Some(q) = pre_qualifier(chars, i - 1) {
                start = i - 1 - len(q);
                qualifier = Some(q.to_string());
            }
        }
    }
    let mut end = uend;
    // 多/余 between number and unit.
    let mid: Option<String> = chars[unit_from..uend]
        .iter()
        .find(|&&c| c == '多' || c == '余')
        .map(|c| c.to_string());
    let unit: String = unit.chars().filter(|&c| c != '多' && c != '余').collect();
    if let Some(m) = mid {
        qualifier = Some(m);
    }
    if let Some(q) = match_list(chars, end, POST_QUALIFIERS) {
        // 多 after a unit only as 一年多 / 3个多月 style; keep it simple: accept.
        qualifier = Some(q.to_string());
        end += len(q);
    }
    if let Some(lo) = range_lo {
        qualifier = Some(format!("{lo}至"));
    }
    let (text_start, text_end) = if in_chain { (i, i + n) } else { (start, end) };
    let subject = subject_of(chars, start, end);
    Some(Figure {
        value,
        unit,
        text: chars[text_start..text_end].iter().collect(),
        qualifier,
        subject,
        start: text_start,
        end: text_end,
    })
}

fn format_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn pre_qualifier(chars: &[char], i: usize) -> Option<&'static str> {
    PRE_QUALIFIERS
        .iter()
        .copied()
        .filter(|q| i >= len(q) && starts_with_at(chars, i - len(q), q))
        .max_by_key(|q| len(q))
}

/// A Chinese-numeral figure at `i` (两次, 十一个方面, 三千万元), or `None`.
fn chinese_figure(chars: &[char], i: usize) -> Option<Figure> {
    let (v, n) = read_chinese(chars, i)?;
    if v == 0.0 || (n == 1 && matches!(chars[i], '〇' | '零')) {
        return None;
    }
    let lone_yi = n == 1 && matches!(chars[i], '一' | '壹');
    // 百家, 千人, 数百条, 几十个: round numbers of speech, not counts (一百, 近百, 千余名
    // are).
    let prev = i.checked_sub(1).map(|k| chars[k]);
    let qualified =
        pre_qualifier(chars, i).is_some() || matches!(chars.get(i + n), Some('余') | Some('多'));
    if matches!(chars[i], '百' | '千' | '佰' | '仟') && !qualified {
        return None;
    }
    if prev.is_some_and(|p| matches!(p, '数' | '几')) && matches!(chars[i], '十' | '百' | '千')
    {
        return None;
    }
    // Idiom shapes ABAC: 三番五次 (a numeral two chars back), 千家万户 (one right after).
    if i >= 2
        && (is_cn_numeral(chars[i - 2]) || matches!(chars[i - 2], '万' | '亿'))
        && is_han(chars[i - 1])
    {
        return None;
    }
    // A range 三至五天, 两到三年: the value is the end that carries the unit.
    let mut range_lo = None;
    let mut value = v;
    let mut k = i + n;
    if matches!(
        chars.get(k),
        Some('至') | Some('到') | Some('-') | Some('—')
    ) {
        if let Some((hi, m)) = read_chinese(chars, k + 1) {
            if hi > v {
                range_lo = Some(format_num(v));
                value = hi;
                k += 1 + m;
            }
        }
    }
    let (uend, unit) = unit_after(chars, k, true)?;
    let after = chars.get(uend).copied();
    if after
        .is_some_and(|c| is_cn_numeral(c) || matches!(c, '万' | '亿' | '数' | '手' | '心' | '面'))
    {
        return None; // 千家万户, 两位数, 一年一度
    }
    // A lone 一 is an article (一个, 一批, 一次性) except before a span of time or a person
    // assigned (一个月, 一周以来, 明确一名联络员).
    if lone_yi && range_lo.is_none() {
        if !YI_UNITS.contains(&unit.as_str()) || prev.is_some_and(|p| YI_NOT_AFTER.contains(&p)) {
            return None;
        }
        if unit == "名"
            && !ASSIGN_VERBS
                .iter()
                .any(|w| i >= len(w) && starts_with_at(chars, i - len(w), w))
        {
            return None;
        }
        if after == Some('岁') {
            return None; // 一周岁: an age
        }
    }
    // A lone 二 before 次/类/批 is "secondary" or "second" (二次开发, 二类新药, 二批):
    // counting says 两.
    if n == 1 && chars[i] == '二' && matches!(unit.as_str(), "次" | "类" | "批" | "批次") {
        return None;
    }
    if unit.ends_with('次') && starts_with_at(chars, uend, "产业") {
        return None; // 三次产业: the tertiary sector, not three times
    }
    if unit.ends_with('个') && after.is_some_and(|c| !is_han(c)) {
        return None; // “四个”: a bare count word, not a figure
    }
    // 三类: a count of kinds where the phrase ends (分为…三类，); before a noun (三类人员,
    // 一类新药) it names a class.
    // 三类、四类客车 lists classes by number.
    if unit == "类"
        && (after.is_some_and(is_han)
            || (after == Some('、') && chars.get(uend + 1).is_some_and(|&c| is_cn_numeral(c))))
    {
        return None;
    }
    if unit == "年" && after.is_some_and(|c| NOT_AFTER_YEARS.contains(&c)) {
        return None; // 三年级, 九十年代
    }
    // 一周以来, 两周内; but 四周 before other words is "all around" (在四周设置), 周岁 an age.
    if unit == "周"
        && after.is_some_and(|c| {
            is_han(c) && !matches!(c, '内' | '以' | '后' | '时' | '左' | '之' | '多')
        })
    {
        return None;
    }
    if unit == "起" && starts_from(chars, i) {
        return None;
    }
    let mut qualifier = pre_qualifier(chars, i).map(str::to_string);
    let start = qualifier.as_ref().map_or(i, |q| i - len(q));
    let mut end = uend;
    let mid = chars[i + n..uend]
        .iter()
        .find(|&&c| c == '多' || c == '余')
        .map(|c| c.to_string());
    if mid.is_some() {
        qualifier = mid;
    }
    let unit: String = unit.chars().filter(|&c| c != '多' && c != '余').collect();
    if let Some(q) = match_list(chars, end, &["以上", "以下", "以内", "左右"]) {
        qualifier = Some(q.to_string());
        end += len(q);
    }
    if let Some(lo) = range_lo {
        qualifier = Some(format!("{lo}至"));
    }
    Some(Figure {
        value,
        unit,
        text: chars[start..end].iter().collect(),
        qualifier,
        subject: subject_of(chars, start, end),
        start,
        end,
    })
}

/// What a figure counts: the noun phrase after it, else the one before the number.
fn subject_of(chars: &[char], start: usize, end: usize) -> Option<String> {
    let mut k = end;
    let mut after = String::new();
    while k < chars.len()
        && is_han(chars[k])
        && !SUBJECT_STOP.contains(&chars[k])
        && after.chars().count() < 8
    {
        after.push(chars[k]);
        k += 1;
    }
    if after.chars().count() >= 2 {
        return Some(after);
    }
    // Before: the Han run ending at the number, after its last lead verb.
    let mut b = start;
    while b > 0 && is_han(chars[b - 1]) && start - b < 16 {
        b -= 1;
    }
    let run: Vec<char> = chars[b..start].to_vec();
    if run.is_empty() {
        return None;
    }
    let mut from = 0;
    for v in LEAD_VERBS {
        let vc: Vec<char> = v.chars().collect();
        for p in (0..run.len()).rev() {
            if run[p..].starts_with(&vc) {
                from = from.max(p + vc.len());
                break;
            }
        }
    }
    let rest: String = run[from..].iter().collect::<String>();
    let rest: String = rest.trim_start_matches(['了', '的', '地']).to_string();
    let n = rest.chars().count();
    if n >= 2 {
        Some(rest.chars().skip(n.saturating_sub(8)).collect())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(f64, String, Option<String>)> {
        extract(text)
            .into_iter()
            .map(|f| (f.value, f.unit, f.qualifier))
            .collect()
    }

    fn check_offsets(text: &str) {
        let chars: Vec<char> = text.chars().collect();
        for f in extract(text) {
            assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
        }
    }

    #[test]
    fn money_keeps_its_scale_in_the_unit() {
        let text = "初步确定2020年实施市级重点项目174个，当年计划投资174.9亿元。";
        let f = extract(text);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].value, f[0].unit.as_str()), (174.0, "个"));
        assert_eq!(f[0].subject.as_deref(), Some("市级重点项目"));
        assert_eq!(
            (f[1].value, f[1].unit.as_str(), f[1].text.as_str()),
            (174.9, "亿元", "174.9亿元")
        );
        check_offsets(text);
    }

    #[test]
    fn qualifiers_are_kept_apart() {
        assert_eq!(
            figs("发布用工岗位信息近6000个"),
            [(6000.0, "个".into(), Some("近".into()))]
        );
        assert_eq!(
            figs("多地复工率达90%以上"),
            [(90.0, "%".into(), Some("以上".into()))]
        );
        assert_eq!(
            figs("帮助1万余人返岗"),
            [(1.0, "万人".into(), Some("余".into()))]
        );
        assert_eq!(figs("降低0.5个百分点"), [(0.5, "个百分点".into(), None)]);
        check_offsets("发布用工岗位信息近6000个，多地复工率达90%以上");
    }

    #[test]
    fn counts_with_subjects_after_the_unit() {
        let f = extract("先后召开7次专题会议，提出了11方面、45项具体工作措施，达成就业意向459人。");
        let got: Vec<(f64, &str)> = f.iter().map(|f| (f.value, f.unit.as_str())).collect();
        assert_eq!(
            got,
            [(7.0, "次"), (11.0, "方面"), (45.0, "项"), (459.0, "人")]
        );
        assert_eq!(f[0].subject.as_deref(), Some("专题会议"));
        assert_eq!(f[3].subject.as_deref(), Some("就业意向"));
    }

    #[test]
    fn chinese_numerals_with_counting_units() {
        assert_eq!(figs("全市召开两次调度会"), [(2.0, "次".into(), None)]);
        assert_eq!(
            figs("出台十一个方面的措施"),
            [(11.0, "个方面".into(), None)]
        );
        assert_eq!(
            figs("审批时限压缩至三个工作日"),
            [(3.0, "个工作日".into(), None)]
        );
        assert_eq!(
            figs("安排三千万元专项资金"),
            [(3000.0, "万元".into(), None)]
        );
    }

    #[test]
    fn dates_times_numbers_and_ordinals_are_not_figures() {
        for t in [
            "2月10日下午，宿迁市召开会议",
            "2020年是全面建成小康社会之年",
            "服务时间9:00-18:30",
            "举报电话：400-050-0827",
            "根据〔2020〕5号文件和指挥部的12、13、14号令",
            "第一时间结合实际，第3条规定",
            "1、本通知自印发之日起施行",
            "2.加强督查",
            "COVID-19疫情",
        ] {
            assert!(extract(t).is_empty(), "{t}: {:?}", extract(t));
        }
    }

    #[test]
    fn rhetorical_counts_idioms_and_slogans_are_not_figures() {
        for t in [
            "全国每日新增确诊病例降至两位数",
            "一手抓疫情防控，一手抓经济社会发展，打赢两战",
            "两组数据，一减一增",
            "一头连着千家万户",
            "三令五申，三番五次强调",
            "加快推进三次产业复工复产",
            "要抓好“五个一”，树牢“四个意识”，做到“两个维护”",
            "建立一批项目，开展一次排查",
        ] {
            assert!(extract(t).is_empty(), "{t}: {:?}", extract(t));
        }
    }

    #[test]
    fn ranges_and_chains() {
        let f = extract("每户补贴3-5万元");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].value, f[0].unit.as_str(), f[0].qualifier.as_deref()),
            (5.0, "万元", Some("3至"))
        );
        let f = extract("分别新增12、15家企业");
        assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), [12.0, 15.0]);
        assert!(f.iter().all(|f| f.unit == "家"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "1",
            "１２３",
            "百分之",
            "近",
            "3-",
            "12、",
            "十",
            "两",
            "%",
            "1.",
            "3至",
        ] {
            let _ = extract(t);
        }
        check_offsets("百分之九十的企业复工，约3.5万户，超过200家");
    }

    #[test]
    fn figures_inside_the_slogans_given_are_skipped() {
        let text = "落实“六稳”“六保”任务，新增贷款20亿元。";
        let chars: Vec<char> = text.chars().collect();
        let slogans = crate::slogans::find_all(&chars);
        assert!(!slogans.is_empty());
        assert_eq!(extract_chars(&chars, &slogans), extract(text));
        let within = |f: &Figure| slogans.iter().any(|s| f.start < s.end && s.start < f.end);
        assert!(!extract_chars(&chars, &slogans).iter().any(within));
        assert!(extract_chars(&chars, &slogans)
            .iter()
            .any(|f| f.value == 20.0));
    }

    fn one(text: &str) -> (f64, String, Option<String>) {
        let f = figs(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn numbers_of_years_are_spans_but_years_are_dates() {
        assert_eq!(
            one("贴息期限不超过1年。"),
            (1.0, "年".into(), Some("不超过".into()))
        );
        assert_eq!(one("3年期满后有困难的可以延期"), (3.0, "年".into(), None));
        assert_eq!(one("本政策暂定三年有效期"), (3.0, "年".into(), None));
        for t in [
            "2020年是全面建成小康社会之年",
            "20年3月起执行",
            "19年底前完成",
            "三年级学生",
            "九十年代以来",
            "第二年奖励3万",
        ] {
            assert!(figs(t).iter().all(|f| f.1 != "年"), "{t}: {:?}", figs(t));
        }
    }

    #[test]
    fn a_lone_yi_counts_spans_and_persons_assigned() {
        assert_eq!(one("稳定用工一个月的企业"), (1.0, "个月".into(), None));
        assert_eq!(
            one("关于一周以来校外培训机构排查情况"),
            (1.0, "周".into(), None)
        );
        assert_eq!(one("请确定一名联络员"), (1.0, "名".into(), None));
        assert_eq!(
            one("项目一年以上未动工"),
            (1.0, "年".into(), Some("以上".into()))
        );
        for t in [
            "局一名退休干部捐款",
            "对新的一年充满期待",
            "以企业上一年度贡献为基数",
            "给予一次性奖补",
            "谋划一批项目，开展一次排查，建立一个机制",
            "一年一度的展会",
            "小孩没满一周岁",
            "同一天乘车",
        ] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
    }

    #[test]
    fn ranges_keep_the_end_that_carries_the_unit() {
        assert_eq!(
            one("给予3至6个月的临时性兜底安置"),
            (6.0, "个月".into(), Some("3至".into()))
        );
        assert_eq!(
            one("每项任务至少明确2-3个阶段性目标"),
            (3.0, "个".into(), Some("2至".into()))
        );
        assert_eq!(
            one("三至五天内办结"),
            (5.0, "天".into(), Some("3至".into()))
        );
        // Two numbers that each carry their unit are two figures.
        assert_eq!(figs("销售5000万元-1亿元企业").len(), 2);
    }

    #[test]
    fn more_units_of_count_and_measure() {
        for (t, v, u) in [
            ("利率下降50个基点", 50.0, "个基点"),
            ("分5个批次复工审批", 5.0, "个批次"),
            ("培训不少于20个课时/班", 20.0, "个课时"),
            ("新挖总面积180公顷的景观湖", 180.0, "公顷"),
            ("铁路两侧500米范围内", 500.0, "米"),
            ("已受理群众投诉117起", 117.0, "起"),
            ("检查经营户1737家次", 1737.0, "家次"),
            ("之前已发布5则通告", 5.0, "则"),
            ("课程时间一般在20分钟", 20.0, "分钟"),
            ("鄂湘赣三省共同发布", 3.0, "省"),
            ("分为优先支持、重点支持和适当支持三类，分步实施", 3.0, "类"),
            ("给予企业100元/亩奖励", 100.0, "元/亩"),
            ("按1只/4h·人的标准配备", 1.0, "只"),
            ("链接省外岗位信息80余万个", 80.0, "万个"),
        ] {
            let f = figs(t);
            assert_eq!(f.len(), 1, "{t}: {f:?}");
            assert_eq!((f[0].0, f[0].1.as_str()), (v, u), "{t}");
        }
        assert_eq!(figs("链接省外岗位信息80余万个")[0].2.as_deref(), Some("余"));
        // 起 after a date or 自/从 marks a start, not cases.
        assert!(figs("自3月10起执行，从15起施行").is_empty());
    }

    #[test]
    fn spaced_numbers() {
        assert_eq!(
            one("预计近 20 万纳税人因此受益"),
            (20.0, "万".into(), Some("近".into()))
        );
        check_offsets("预计近 20 万纳税人因此受益");
        for t in ["第 1 0 条 鼓励企业", "按第2、3条执行", "附表 1 人员名单"] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
    }

    #[test]
    fn secondary_classes_round_numbers_and_ages_are_not_figures() {
        for t in [
            "中药大品种二次开发项目",
            "引进一类新药、二类新药",
            "收集读者建议数百条",
            "这是百年大计",
            "入选千人计划",
            "上百名工人",
            "这名35岁的男性患者",
            "在四周设置警示标志",
            "重点保障四类人员",
            "使用ETC的三类、四类客车",
        ] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
        assert_eq!(one("召开两次调度会"), (2.0, "次".into(), None));
        assert_eq!(
            one("千余名医生排班"),
            (1000.0, "名".into(), Some("余".into()))
        );
        assert_eq!(one("近百家企业"), (100.0, "家".into(), Some("近".into())));
        // 以上 before a numeral is no 上百.
        assert_eq!(
            figs("处二倍以上十倍以下的罚款"),
            [
                (2.0, "倍".into(), Some("以上".into())),
                (10.0, "倍".into(), Some("以下".into()))
            ]
        );
    }
}
