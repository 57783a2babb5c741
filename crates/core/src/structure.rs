//! The structure of a document: the parts of a Chinese official document as GB/T 9704-2012
//! lays them out, and the parts of a news page.
//!
//! An official document (公文) prints, in order: 份号/密级 and urgency (特急, 特提), the issuing
//! body's mark (`某某市人民政府文件`), the document number (`筑府办发电〔2020〕5号`, with 〔〕,
//! [], () or 【】), the title (`某某关于…的通知`: issuer + 关于 + matter + kind of document),
//! the addressees (`各区、市、县人民政府，…：`), the body, the attachment note (`附件：…`), the
//! signature (the issuing bodies) with the date written (成文日期, also in Chinese numerals:
//! 二〇二〇年二月十一日), notes (`（此件公开发布）`), the copy list (`抄送：…`) and the printing
//! line (`某某办公室 2020年2月10日印发`). A news page has a headline, a dateline (`本报讯`,
//! `新华社北京2月20日电`), source, reporter and editor lines, and site furniture (breadcrumbs,
//! channel lists, e-paper page lines).
//!
//! [`parse`] finds these parts in a text with lines or flattened to one line, and keeps them
//! as spans (what part each span of the text is), so that a reader can show them and the
//! analysis can leave the parts that are not body text out of its measures
//! ([`Structure::not_body`]). From them it reads the document's title, number, issuers, date
//! written and kind. The rules follow the layout of the standard and the wording of official
//! writing, not any one article.

use crate::convert::is_han;
use std::sync::OnceLock;

use regex::Regex;

use super::model::Date;

pub use super::model::{Part, Span};

/// The kind of a document (see `spec/report.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    PolicyDocument,
    ImplementationPlan,
    NewsReport,
    MeetingReport,
    PressConference,
    Interview,
    Announcement,
}

impl DocKind {
    /// Every kind, in the order a form lists them.
    pub const ALL: [DocKind; 7] = [
        DocKind::PolicyDocument,
        DocKind::ImplementationPlan,
        DocKind::NewsReport,
        DocKind::MeetingReport,
        DocKind::PressConference,
        DocKind::Interview,
        DocKind::Announcement,
    ];

    /// The kind whose id (`meta.kind`) is `id`.
    pub fn from_id(id: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == id)
    }

    /// Its name in Chinese and in English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            DocKind::PolicyDocument => ("政策文件", "policy document"),
            DocKind::ImplementationPlan => ("实施方案", "implementation plan"),
            DocKind::NewsReport => ("新闻报道", "news report"),
            DocKind::MeetingReport => ("会议报道", "meeting report"),
            DocKind::PressConference => ("新闻发布会", "press conference"),
            DocKind::Interview => ("访谈", "interview"),
            DocKind::Announcement => ("通知公告", "announcement"),
        }
    }

    /// Its id in the report (`meta.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::PolicyDocument => "policy_document",
            DocKind::ImplementationPlan => "implementation_plan",
            DocKind::NewsReport => "news_report",
            DocKind::MeetingReport => "meeting_report",
            DocKind::PressConference => "press_conference",
            DocKind::Interview => "interview",
            DocKind::Announcement => "announcement",
        }
    }
}

/// What [`parse`] finds.
#[derive(Clone, Debug, PartialEq)]
pub struct Structure {
    pub spans: Vec<Span>,
    /// The document's title (issuer + 关于 + matter + kind) or a news headline.
    pub title: Option<String>,
    /// True when `title` has the form of a document's title (…关于…的通知).
    pub doc_title: bool,
    pub doc_number: Option<String>,
    /// The issuing bodies as written; the organizer of a meeting or press conference.
    pub issuer: Vec<String>,
    /// 成文日期: the date under the signature, or printed under the title.
    pub sign_date: Option<Date>,
    /// A news dateline's date (新华社北京2月18日电).
    pub dateline_date: Option<Date>,
    pub kind: DocKind,
}

impl Structure {
    /// The spans (char ranges) that are not body text.
    pub fn not_body(&self) -> Vec<(usize, usize)> {
        self.spans
            .iter()
            .filter(|s| s.part.is_not_body())
            .map(|s| (s.start, s.end))
            .collect()
    }
}

fn ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

fn text_of(cs: &[char], a: usize, b: usize) -> String {
    cs.get(a..b.min(cs.len())).unwrap_or(&[]).iter().collect()
}

fn starts_with_at(cs: &[char], at: usize, w: &str) -> bool {
    let mut i = at;
    for c in w.chars() {
        if cs.get(i) != Some(&c) {
            return false;
        }
        i += 1;
    }
    true
}

fn ends_with_at(cs: &[char], end: usize, w: &str) -> bool {
    let n = w.chars().count();
    end >= n && starts_with_at(cs, end - n, w)
}

fn find_from(cs: &[char], from: usize, w: &str) -> Option<usize> {
    (from..cs.len()).find(|&i| starts_with_at(cs, i, w))
}

/// Kinds of official documents (文种) a title ends with, longest first.
const DOC_KINDS: &[&str] = &[
    "实施细则",
    "实施意见",
    "实施方案",
    "工作方案",
    "行动方案",
    "分工方案",
    "行动计划",
    "指导意见",
    "若干措施",
    "若干意见",
    "若干规定",
    "政策意见",
    "政策解读",
    "通知",
    "意见",
    "决定",
    "通告",
    "公告",
    "通报",
    "报告",
    "请示",
    "批复",
    "方案",
    "办法",
    "细则",
    "规定",
    "措施",
    "纪要",
    "规划",
    "决议",
    "命令",
    "议案",
    "解读",
    "函",
];

/// The endings of the names of bodies that issue documents or organize meetings.
const ORG_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "领导小组",
    "工作组",
    "小组",
    "指挥部",
    "联防联控机制",
    "机制",
    "管委会",
    "管理委员会",
    "新闻办",
    "总局",
    "分局",
    "分行",
    "支行",
    "中心",
    "协会",
    "学会",
    "联合会",
    "党委",
    "党组",
    "县委",
    "市委",
    "区委",
    "省委",
    "州委",
    "中央",
    "国务院",
    "局",
    "厅",
    "部",
    "委",
    "院",
    "署",
    "会",
    "所",
    "办",
    "处",
    "行",
    "司",
    "公司",
    "集团",
    "大学",
];

fn is_org(name: &str) -> bool {
    let n = name.chars().count();
    (2..=40).contains(&n)
        && ORG_SUFFIXES.iter().any(|s| name.ends_with(s))
        && name
            .chars()
            .all(|c| is_han(c) || c == '（' || c == '）' || c == '(' || c == ')')
        && !["会议", "大会", "发布会", "推进会", "座谈会", "工作会"]
            .iter()
            .any(|w| name.ends_with(w))
}

/// Bodies of the central government: a document of theirs has no place.
pub fn is_national_body(name: &str) -> bool {
    const HEADS: &[&str] = &[
        "国务院",
        "国家",
        "中共中央",
        "党中央",
        "中央",
        "全国",
        "中国人民银行",
        "最高人民",
        "海关总署",
        "税务总局",
        "国家税务总局",
    ];
    // A branch named after its place (中国人民银行成都分行) is local.
    if !super::gazetteer::get().mentions(name).is_empty() {
        return false;
    }
    if HEADS.iter().any(|h| name.starts_with(h)) {
        return true;
    }
    // A ministry: 交通运输部, 工业和信息化部 (no place before it).
    let first_part: String = name.chars().take_while(|&c| c != '部').collect();
    name.contains('部')
        && first_part.chars().count() <= 7
        && !first_part.chars().any(|c| "省市县区州盟旗".contains(c))
        && !name.starts_with("各")
        && super::gazetteer::get().mentions(&first_part).is_empty()
}

/// Keeps measures out of the spans that are not body text: a measure lying for the most
/// part in them is dropped; one that begins or ends with a whole such span (a signature
/// fused to the last sentence of a flattened page) is cut short of it.
pub fn drop_outside_body(measures: &mut Vec<super::model::Measure>, spans: &[Span], text: &str) {
    let out: Vec<(usize, usize)> = spans
        .iter()
        .filter(|s| s.part.is_not_body())
        .map(|s| (s.start, s.end))
        .collect();
    if out.is_empty() {
        return;
    }
    let cs: Vec<char> = text.chars().collect();
    measures.retain_mut(|m| {
        let (mut s, mut e) = (m.start, m.end);
        for &(a, b) in &out {
            // A whole span inside the measure, at its start or at its end.
            if s <= a && b <= e && b > a {
                let before = a - s;
                let after = e - b;
                if after <= before {
                    e = a;
                } else {
                    s = b;
                }
            }
        }
        while s < e && cs.get(s).is_some_and(|c| ws(*c)) {
            s += 1;
        }
        while e > s && cs.get(e - 1).is_some_and(|c| ws(*c)) {
            e -= 1;
        }
        if (s, e) != (m.start, m.end) && e > s && e <= cs.len() {
            m.start = s;
            m.end = e;
            m.text = cs[s..e].iter().collect();
        }
        let len = m.end.saturating_sub(m.start);
        let covered: usize = out
            .iter()
            .map(|&(a, b)| m.end.min(b).saturating_sub(m.start.max(a)))
            .sum();
        len >= 4 && covered * 2 <= len
    });
}

fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// A document number: 机关代字 + bracketed year + serial + 号.
fn doc_number_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    re(
        &R,
        r"([\x{4e00}-\x{9fff}A-Za-z]{1,30})\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*[第的]?\s*(\d{1,4})\s*号",
    )
}

/// Char offset of a byte offset of `s`.
fn char_at(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count())
}

/// Urgency and security labels printed before the number (GB/T 9704: 特急, 加急, 特提, 平急).
const LABELS: &[&str] = &[
    "特急", "加急", "特提", "平急", "明电", "急件", "机密", "秘密", "绝密",
];

/// Where the head of a document ends: the first full stop, at most `limit` chars in.
fn head_end(cs: &[char], limit: usize) -> usize {
    cs.iter()
        .position(|&c| c == '。')
        .unwrap_or(cs.len())
        .min(limit)
        .min(cs.len())
}

struct RawNumber {
    /// Where the 机关代字 run starts and the number ends (chars).
    run_start: usize,
    start_of_bracket: usize,
    end: usize,
}

fn raw_numbers(cs: &[char], head: usize) -> Vec<RawNumber> {
    let Some(r) = doc_number_re() else {
        return Vec::new();
    };
    let head_text: String = cs[..head].iter().collect();
    let mut out = Vec::new();
    for c in r.captures_iter(&head_text) {
        let (Some(all), Some(run)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let run_start = char_at(&head_text, run.start());
        let start_of_bracket = char_at(&head_text, run.end());
        let end = char_at(&head_text, all.end());
        // A number cited in the text: （苏政传发〔2020〕20号）, 《…》（…号）.
        let before = run_start.checked_sub(1).and_then(|i| cs.get(i)).copied();
        // …的通知（某教发【2022】7号）: a title's own number, printed after it.
        let after_title = matches!(before, Some('（' | '('))
            && DOC_KINDS.iter().any(|w| ends_with_at(cs, run_start - 1, w));
        if matches!(before, Some('（' | '(' | '《' | '、' | '》' | '和' | '及')) && !after_title
        {
            continue;
        }
        if matches!(cs.get(end), Some('）' | ')' | '》')) && !after_title {
            continue;
        }
        out.push(RawNumber {
            run_start,
            start_of_bracket,
            end,
        });
    }
    out
}

/// Where a document's title (…关于…的通知) is: (start, end, start of 关于).
fn find_doc_title(cs: &[char], head: usize, barriers: &[usize]) -> Option<(usize, usize, usize)> {
    let mut depth = 0i32;
    for i in 0..head.saturating_sub(1) {
        match cs[i] {
            '《' | '“' => depth += 1,
            '》' | '”' => depth -= 1,
            _ => {}
        }
        if depth > 0 || !starts_with_at(cs, i, "关于") {
            continue;
        }
        // 根据《…关于…》: a citation, not the title.
        let Some(end) = title_end(cs, i) else {
            continue;
        };
        let start = title_start(cs, i, barriers);
        let t = text_of(cs, start, end);
        if t.contains('，') || t.contains(',') && !t.contains('《') {
            continue;
        }
        return Some((start, end, i));
    }
    None
}

/// Where the title whose 关于 is at `at` ends: after the kind of document, at depth 0 of
/// 《》 and “”, where a boundary, an addressee or a number follows.
fn title_end(cs: &[char], at: usize) -> Option<usize> {
    let mut depth = 0i32;
    let limit = (at + 160).min(cs.len());
    let mut j = at + 2;
    while j < limit {
        let c = cs[j];
        match c {
            '《' | '“' => depth += 1,
            '》' | '”' => depth -= 1,
            '。' | '；' | '！' => return None,
            _ => {}
        }
        j += 1;
        if depth > 0 {
            continue;
        }
        for w in DOC_KINDS {
            if !ends_with_at(cs, j, w) {
                continue;
            }
            let n = w.chars().count();
            let before = (j - n).checked_sub(1).map(|i| cs[i]);
            let next = cs.get(j).copied();
            let boundary = next.is_none_or(|c| ws(c) || "：:（(〔[【".contains(c) || c == '各');
            let after_de = before == Some('的') && next.is_none_or(|c| !"的和及与、之".contains(c));
            let addressee = addressee_at(cs, j).is_some_and(|(a, _)| (j..a).all(|k| ws(cs[k])));
            if boundary || after_de || addressee {
                // A title does not go on with a sentence: …的通知精神.
                if next.is_some_and(|c| "精要中和规".contains(c)) && !boundary {
                    continue;
                }
                return Some(j);
            }
        }
    }
    None
}

/// Where the title whose 关于 is at `at` starts: back over the issuer's name and any names
/// of joint issuers before it, to a barrier (a number's end, `文件`, a colon).
fn title_start(cs: &[char], at: usize, barriers: &[usize]) -> usize {
    let floor = barriers
        .iter()
        .copied()
        .filter(|&b| b <= at)
        .max()
        .unwrap_or(0);
    let mut s = at;
    while s > floor && is_han(cs[s - 1]) {
        s -= 1;
    }
    if ends_with_at(cs, at, "文件") {
        return at;
    }
    // 某某文件某某关于: the mark is not part of the title.
    let run = text_of(cs, s, at);
    if let Some(k) = run.rfind("文件") {
        s += run[..k + "文件".len()].chars().count();
    }
    // Joint issuers before it, each ending like a body's name, separated by spaces.
    loop {
        let mut k = s;
        while k > floor && ws(cs[k - 1]) {
            k -= 1;
        }
        if k == s {
            break;
        }
        let mut p = k;
        while p > floor && is_han(cs[p - 1]) {
            p -= 1;
        }
        let piece = text_of(cs, p, k);
        if p < k && is_org(&piece) && !piece.ends_with("文件") {
            s = p;
        } else {
            break;
        }
    }
    s
}

/// An addressee list starting at `at` (after spaces): a run that ends with a colon, holds no
/// sentence end, and begins like a list of bodies. Returns its (start, end).
fn addressee_at(cs: &[char], at: usize) -> Option<(usize, usize)> {
    let mut s = at;
    while s < cs.len() && ws(cs[s]) {
        s += 1;
    }
    let limit = (s + 220).min(cs.len());
    let colon = (s..limit).find(|&i| cs[i] == '：' || cs[i] == ':')?;
    let run = text_of(cs, s, colon);
    if run.is_empty()
        || run.contains('。')
        || run.contains('；')
        || run.contains('“')
        || run.contains('《')
    {
        return None;
    }
    const OPENERS: &[&str] = &[
        "各",
        "省",
        "市",
        "县",
        "区",
        "国务院",
        "中央",
        "有关",
        "本市",
        "全市",
        "全省",
        "全县",
        "党中央",
        "局内",
        "委内",
        "厅内",
        "部内",
        "人民银行",
        "国家",
    ];
    let bodyish = ORG_SUFFIXES.iter().any(|w| run.contains(w))
        || ["单位", "机构", "企业", "部门", "学校", "银行", "人民政府"]
            .iter()
            .any(|w| run.contains(w));
    let verbs = [
        "为", "根据", "按照", "经", "现", "近日", "日前", "会议", "指出", "强调", "表示", "介绍",
    ];
    if verbs.iter().any(|v| run.starts_with(v)) || !bodyish {
        return None;
    }
    // A body's name fused before the list: 国家税务总局各省、…
    let start = if OPENERS.iter().any(|o| run.starts_with(o)) {
        s
    } else {
        let k = run.find('各').filter(|&k| k <= 30)?;
        s + run[..k].chars().count()
    };
    let pieces = run.split(['、', '，', ',']).count();
    if pieces < 2 && run.chars().count() > 40 {
        return None;
    }
    Some((start, colon + 1))
}

/// A full date at char `i`: Arabic (2020年2月12日, 2020-02-12) or Chinese numerals
/// (二〇二〇年二月十一日). Returns the date and its end.
pub fn date_at(cs: &[char], i: usize) -> Option<(Date, usize)> {
    arabic_date_at(cs, i).or_else(|| chinese_date_at(cs, i))
}

fn digits(cs: &[char], mut i: usize, max: usize) -> (Option<u32>, usize) {
    let start = i;
    let mut v = 0u32;
    while i < cs.len() && i - start < max {
        match cs[i].to_digit(10).or_else(|| {
            let c = cs[i];
            ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32)
        }) {
            Some(d) => v = v * 10 + d,
            None => break,
        }
        i += 1;
    }
    ((i > start).then_some(v), i)
}

fn skip_ws(cs: &[char], mut i: usize) -> usize {
    while i < cs.len() && cs[i] == ' ' {
        i += 1;
    }
    i
}

fn arabic_date_at(cs: &[char], i: usize) -> Option<(Date, usize)> {
    if i > 0 && cs[i - 1].is_ascii_digit() {
        return None;
    }
    let (y, j) = digits(cs, i, 4);
    let y = y.filter(|y| (1949..=2100).contains(y) && j - i == 4)?;
    let j = skip_ws(cs, j);
    let sep = *cs.get(j)?;
    if !"年-/.".contains(sep) {
        return None;
    }
    let (m, k) = digits(cs, skip_ws(cs, j + 1), 2);
    let m = m.filter(|m| (1..=12).contains(m))?;
    let k = skip_ws(cs, k);
    let sep2 = *cs.get(k)?;
    let ok = match sep {
        '年' => sep2 == '月',
        _ => sep2 == sep,
    };
    if !ok {
        return None;
    }
    let (d, mut e) = digits(cs, skip_ws(cs, k + 1), 2);
    let d = d.filter(|d| (1..=31).contains(d))?;
    if sep == '年' {
        e = skip_ws(cs, e);
        if matches!(cs.get(e), Some('日' | '号')) {
            e += 1;
        } else {
            return None;
        }
    }
    Some((
        Date {
            year: Some(y as i32),
            month: Some(m),
            day: Some(d),
        },
        e,
    ))
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'Ｏ' | 'O' | '0' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 十一 → 11, 二十 → 20, 三十一 → 31, 五 → 5.
fn cn_number(cs: &[char], i: usize) -> (Option<u32>, usize) {
    let mut j = i;
    let mut v: Option<u32> = None;
    while j < cs.len() && j - i < 3 {
        match cs[j] {
            '十' => v = Some(v.unwrap_or(1) * 10),
            c => match cn_digit(c).filter(|&d| d > 0) {
                Some(d) => v = Some(v.map_or(d, |x| if x % 10 == 0 { x + d } else { x * 10 + d })),
                None => break,
            },
        }
        j += 1;
    }
    (v, j)
}

fn chinese_date_at(cs: &[char], i: usize) -> Option<(Date, usize)> {
    let mut y = 0u32;
    for k in 0..4 {
        y = y * 10 + cn_digit(*cs.get(i + k)?)?;
    }
    if !(1949..=2100).contains(&y) || cs.get(i + 4) != Some(&'年') {
        return None;
    }
    let (m, j) = cn_number(cs, i + 5);
    let m = m.filter(|m| (1..=12).contains(m))?;
    if cs.get(j) != Some(&'月') {
        return None;
    }
    let (d, k) = cn_number(cs, j + 1);
    let d = d.filter(|d| (1..=31).contains(d))?;
    if !matches!(cs.get(k), Some('日' | '号')) {
        return None;
    }
    Some((
        Date {
            year: Some(y as i32),
            month: Some(m),
            day: Some(d),
        },
        k + 1,
    ))
}

/// A signature: bodies' names right before a full date that stands alone (a line's end,
/// a space, a note or 印发 follow). Returns (start of the names, date start, date end, names).
struct Signature {
    start: usize,
    end: usize,
    date: Date,
    names: Vec<String>,
    printing: bool,
}

fn signatures(cs: &[char]) -> Vec<Signature> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let Some((date, end)) = date_at(cs, i) else {
            i += 1;
            continue;
        };
        let next = cs.get(end).copied();
        let printing = starts_with_at(cs, end, "印发") || starts_with_at(cs, end, "发布");
        // Flattened pages run the next part on: 《…》 of an attachment, 附件.
        let alone = next.is_none_or(|c| ws(c) || "（(注《附".contains(c)) || printing;
        if alone {
            if let Some((start, names)) = names_before(cs, i) {
                out.push(Signature {
                    start,
                    end: if printing { end + 2 } else { end },
                    date,
                    names,
                    printing,
                });
            }
        }
        i = end;
    }
    out
}

/// The bodies' names right before char `at` (spaces between): back to a sentence's end.
fn names_before(cs: &[char], at: usize) -> Option<(usize, Vec<String>)> {
    let mut k = at;
    while k > 0 && ws(cs[k - 1]) {
        k -= 1;
    }
    let mut s = k;
    while s > 0 && k - s < 160 {
        let c = cs[s - 1];
        if "。；！？：:，,\n".contains(c) || c.is_ascii_digit() || c == '.' || c == '）' || c == ')'
        {
            break;
        }
        s -= 1;
    }
    let run = text_of(cs, s, k);
    let pieces: Vec<&str> = run
        .split(|c: char| ws(c))
        .filter(|p| !p.is_empty())
        .collect();
    let last = *pieces.last()?;
    // The last name may be fused after other words (…检查表龙岩市工业和信息化局).
    let last = trim_to_body_name(last);
    if !is_org(&last) {
        return None;
    }
    let mut names = vec![last];
    // Earlier pieces: more issuers, or the first half of a name broken by a space.
    for p in pieces.iter().rev().skip(1) {
        if is_org(p) {
            names.insert(0, p.to_string());
        } else if names.len() == 1
            && p.chars().count() >= 4
            && p.chars().all(is_han)
            && super::gazetteer::get()
                .mentions(p)
                .first()
                .is_some_and(|m| m.start == 0)
        {
            let joined = format!("{p}{}", names[0]);
            names[0] = joined;
        } else {
            break;
        }
    }
    let total: usize = names.iter().map(|n| n.chars().count()).sum();
    let start = k - total - (names.len() - 1).min(k);
    // Recompute the start from the text: the names and the spaces between them.
    let mut st = k;
    let mut left = total;
    while st > s && left > 0 {
        if !ws(cs[st - 1]) {
            left -= 1;
        }
        st -= 1;
    }
    let _ = start;
    Some((st, names))
}

/// A body's name at the end of a run of words: from its first place name, or from 中共,
/// 中国, 国务院, 国家 …; the whole run when it starts like a name.
fn trim_to_body_name(run: &str) -> String {
    const HEADS: &[&str] = &["中共", "中国", "国务院", "国家", "全国", "共青团"];
    if HEADS.iter().any(|h| run.starts_with(h)) {
        return run.to_string();
    }
    let g = super::gazetteer::get();
    let ms = g.mentions(run);
    if ms.first().is_some_and(|m| m.start == 0) || ms.is_empty() {
        if run.chars().count() <= 30 {
            return run.to_string();
        }
    }
    for h in HEADS {
        if let Some(k) = run.find(h) {
            return run[k..].to_string();
        }
    }
    if let Some(m) = ms.last() {
        // The earliest place of the trailing name: 龙岩市工业和信息化局.
        let tail_from = ms
            .iter()
            .rev()
            .take_while(|x| run[x.end..].chars().all(is_han))
            .last()
            .unwrap_or(m);
        return run[tail_from.start..].to_string();
    }
    run.to_string()
}

/// News datelines at the start of a body: 新华社北京2月18日电, 本报讯, 某某网8月24日消息.
fn dateline(cs: &[char], from: usize) -> Option<(usize, usize, Option<Date>)> {
    let limit = (from + 80).min(cs.len());
    for i in from..limit {
        for w in ["本报讯", "本刊讯", "讯"] {
            if starts_with_at(cs, i, w) && (w != "讯" || i > from) {
                let end = i + w.chars().count();
                if w == "讯"
                    && !(from..i)
                        .all(|k| is_han(cs[k]) || cs[k].is_ascii_digit() || "月日".contains(cs[k]))
                {
                    continue;
                }
                return Some((
                    if w == "讯" {
                        line_start(cs, i, from)
                    } else {
                        i
                    },
                    end,
                    month_day(cs, from, end),
                ));
            }
        }
        for w in ["日电", "日消息", "日讯"] {
            if starts_with_at(cs, i, w) {
                let s = line_start(cs, i, from);
                let end = i + w.chars().count();
                let d = month_day(cs, s, end);
                if d.is_some() {
                    return Some((s, end, d));
                }
            }
        }
        if "。！？\n".contains(cs[i]) {
            break;
        }
    }
    None
}

fn line_start(cs: &[char], at: usize, floor: usize) -> usize {
    let mut s = at;
    while s > floor && !ws(cs[s - 1]) && !"。！？".contains(cs[s - 1]) {
        s -= 1;
    }
    s
}

/// The M月D日 between `a` and `b`, year unknown.
fn month_day(cs: &[char], a: usize, b: usize) -> Option<Date> {
    for i in a..b {
        if i > a && cs[i - 1].is_ascii_digit() {
            continue;
        }
        let (m, j) = digits(cs, i, 2);
        if let Some(m) = m.filter(|m| (1..=12).contains(m)) {
            if cs.get(j) == Some(&'月') {
                let (d, k) = digits(cs, j + 1, 2);
                if let Some(d) = d.filter(|d| (1..=31).contains(d)) {
                    if matches!(cs.get(k), Some('日' | '号')) {
                        return Some(Date {
                            year: None,
                            month: Some(m),
                            day: Some(d),
                        });
                    }
                }
            }
        }
    }
    None
}

/// Is a line (or a one-line page's leading segment) site furniture rather than a headline:
/// breadcrumbs, channel lists, e-paper page lines, reporter and source lines?
pub fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return true;
    }
    const HEADS: &[&str] = &[
        "首页",
        "当前位置",
        "您的位置",
        "你的位置",
        "您现在的位置",
        "位置：",
        "位置:",
        "网站首页",
        "返回首页",
        "主页",
        "导航",
        "字号",
        "打印",
        "关闭",
        "分享到",
        "扫一扫",
    ];
    if HEADS.iter().any(|h| t.starts_with(h)) {
        return true;
    }
    if t.contains('>')
        || t.contains('»')
        || t.contains('＞')
        || t.contains("—正文")
        || t.ends_with("正文")
    {
        return true;
    }
    // E-paper: 第03版：要闻 上一版 下一版, 版面导航.
    if [
        "上一版",
        "下一版",
        "版面导航",
        "上一篇",
        "下一篇",
        "上一期",
        "往期回顾",
    ]
    .iter()
    .any(|w| t.contains(w))
        || (t.starts_with('第') && t.contains("版") && t.chars().count() < 30)
    {
        return true;
    }
    // Reporter, source, editor lines: ◆本报记者 张三, 来源：…, 责任编辑：…
    let core = t.trim_start_matches(|c: char| !is_han(c));
    const CREDIT: &[&str] = &[
        "本报记者",
        "记者",
        "通讯员",
        "特约记者",
        "实习生",
        "来源",
        "作者",
        "编辑",
        "责任编辑",
        "责编",
        "审核",
        "校对",
        "发布时间",
        "发布日期",
        "时间：",
        "日期：",
        "浏览",
        "阅读",
        "点击",
    ];
    if CREDIT.iter().any(|w| core.starts_with(w))
        && t.chars().count() <= 60
        && !t.contains(['，', '。', '；'])
    {
        return true;
    }
    if t.chars().count() <= 40 && (t.contains("记者") || t.contains("通讯员")) && !t.contains('，')
    {
        return true;
    }
    // A run of channel names: many short words, no punctuation.
    let words: Vec<&str> = t
        .split(|c: char| ws(c) || c == '|' || c == '｜')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= 4
        && words.iter().all(|w| w.chars().count() <= 5)
        && !t.contains(['，', '。', '：'])
    {
        return true;
    }
    false
}

/// Does a segment start a body rather than continue a headline? `first`: the segment
/// would be the headline's first (a headline may hold a comma: 某地上线系统，干部减负).
fn starts_body(seg: &str, first: bool) -> bool {
    let chars: Vec<char> = seg.chars().collect();
    if chars.is_empty() {
        return false;
    }
    if date_at(&chars, 0).is_some()
        || month_day(&chars, 0, chars.len().min(8)).is_some_and(|_| chars[0].is_ascii_digit())
    {
        return true;
    }
    const STRONG: &[&str] = &[
        "本报讯",
        "新华社",
        "中新社",
        "新华网",
        "人民网",
        "央视网",
        "记者",
        "一、",
        "一是",
        "（一）",
        "(一)",
        "第一条",
        "编者按",
    ];
    if STRONG.iter().any(|o| seg.starts_with(o)) {
        return true;
    }
    let comma = seg.contains(['，', ',']);
    const WEAK: &[&str] = &[
        "近日", "日前", "今年", "今天", "今日", "昨天", "昨日", "为", "根据", "按照", "各", "当前",
        "目前", "据",
    ];
    if WEAK.iter().any(|o| seg.starts_with(o)) && (comma || seg.ends_with(['：', ':'])) {
        return true;
    }
    let n = chars.len();
    if seg.contains('。') {
        return true;
    }
    if first {
        n > 60 && comma
    } else {
        n > 30 && comma
    }
}

/// A headline for a page without a document's title: the first line that is not furniture,
/// or on a one-line page the run of segments before the body starts.
pub fn headline(text: &str) -> Option<(usize, usize)> {
    let mut at = 0usize; // char offset of the current line
    for line in text.split('\n') {
        let n = line.chars().count();
        let start = at;
        at += n + 1;
        let t = line.trim();
        if t.is_empty() || n <= 80 && is_furniture(t) {
            continue;
        }
        // One-line pages and lines holding the lead: segments split by spaces.
        let segs = segments(line);
        let mut title_end = None;
        let mut title_start = None;
        for (s, e) in segs {
            let seg: String = line.chars().skip(s).take(e - s).collect();
            if title_start.is_none() {
                if is_furniture(&seg) || is_doc_number(&seg) || seg.chars().count() < 2 {
                    continue;
                }
                if starts_body(&seg, true) {
                    break;
                }
                title_start = Some(s);
                title_end = Some(e);
                if seg.ends_with(['。', '；']) {
                    break;
                }
                continue;
            }
            if starts_body(&seg, false)
                || seg.ends_with(['：', ':'])
                || is_furniture(&seg)
                || is_doc_number(&seg)
                || seg.contains(['。', '，', ','])
            {
                break;
            }
            if e - title_start.unwrap_or(s) > 90 {
                break;
            }
            title_end = Some(e);
        }
        if let (Some(s), Some(e)) = (title_start, title_end) {
            let len = e - s;
            let head: String = line.chars().skip(s).take(len).collect();
            if (4..=120).contains(&len) && !head.ends_with('。') && !head.ends_with(['：', ':']) {
                return Some((start + s, start + e));
            }
            if len > 120 {
                return None;
            }
        }
        // A long first line with no usable head: no headline.
        if n > 120 {
            return None;
        }
    }
    None
}

fn is_doc_number(seg: &str) -> bool {
    let cs: Vec<char> = seg.chars().collect();
    let n = cs.len();
    n <= 30
        && raw_numbers(&cs, n)
            .iter()
            .any(|r| r.end >= n.saturating_sub(1))
}

/// Segments of a line split by runs of spaces (2+ spaces or one ideographic space split
/// for certain; one ASCII space too, between Chinese words), as char ranges.
fn segments(line: &str) -> Vec<(usize, usize)> {
    let cs: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        while i < cs.len() && ws(cs[i]) {
            i += 1;
        }
        let s = i;
        while i < cs.len() && !ws(cs[i]) {
            i += 1;
        }
        if i > s {
            out.push((s, i));
        }
    }
    out
}

/// Parses the structure of `text` (a cleaned document: lines joined by `\n`, or one line).
pub fn parse(text: &str) -> Structure {
    let cs: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let head = head_end(&cs, 400);

    // Document numbers in the head.
    let raws = raw_numbers(&cs, head);
    // 发文机关标志: …文件 before the number.
    let mut issuer_mark: Option<String> = None;
    let mut barriers: Vec<usize> = raws.iter().map(|r| r.end).collect();
    for r in &raws {
        let run = text_of(&cs, r.run_start, r.start_of_bracket);
        if let Some(k) = run.find("文件") {
            let mark = &run[..k];
            if is_org(mark) || mark.chars().count() >= 4 {
                issuer_mark = Some(mark.to_string());
                let ms = r.run_start;
                spans.push(Span {
                    part: Part::IssuerMark,
                    start: ms,
                    end: ms + run[..k + "文件".len()].chars().count(),
                });
            }
        }
    }
    // 某某市人民政府文件 on a line of its own.
    if issuer_mark.is_none() {
        if let Some(i) = find_from(&cs[..head], 0, "文件") {
            let mut s0 = i;
            while s0 > 0 && is_han(cs[s0 - 1]) {
                s0 -= 1;
            }
            let mark = text_of(&cs, s0, i);
            let next = cs.get(i + 2).copied();
            if is_org(&mark) && next.is_none_or(|c| ws(c) || is_han(c)) && i < 200 {
                spans.push(Span {
                    part: Part::IssuerMark,
                    start: s0,
                    end: i + 2,
                });
                barriers.push(i + 2);
                issuer_mark = Some(mark);
            }
        }
    }
    // A colon ends furniture before a title (抄报: 关于…).
    for (i, &c) in cs.iter().enumerate().take(head) {
        if (c == ':' || c == '：') && i < 200 {
            barriers.push(i + 1);
        }
    }
    let title = find_doc_title(&cs, head, &barriers);
    let title_issuer = title.map(|(s, _, at)| text_of(&cs, s, at));

    // The number: trimmed of the mark, the title, the issuer and the labels before it.
    let mut doc_number = None;
    for r in &raws {
        let mut s = r.run_start;
        if let Some((ts, te, _)) = title {
            if r.run_start < te && r.end > te {
                s = s.max(te);
            }
            if r.end <= ts && r.run_start < ts {
                // before the title: fine
            }
        }
        let mut run = text_of(&cs, s, r.start_of_bracket);
        if let Some(k) = run.rfind("文件") {
            run = run[k + "文件".len()..].to_string();
        }
        for name in title_issuer.iter().chain(issuer_mark.iter()) {
            let name = name.trim();
            if !name.is_empty()
                && run.starts_with(name)
                && run.chars().count() > name.chars().count()
            {
                run = run[name.len()..].to_string();
            }
        }
        // 的通知国办函: after the title's kind of document.
        for w in [
            "的通知",
            "的意见",
            "的决定",
            "的通告",
            "的公告",
            "的批复",
            "的报告",
            "的函",
        ] {
            if let Some(k) = run.rfind(w) {
                let rest = &run[k + w.len()..];
                if rest.chars().count() >= 2 {
                    run = rest.to_string();
                }
            }
        }
        // Labels before the number (特提, 明电 …), printed before it or fused with it.
        while let Some(l) = LABELS.iter().find(|l| run.starts_with(*l)) {
            run = run[l.len()..].to_string();
        }
        for l in LABELS {
            if let Some(k) = run.rfind(l) {
                let rest = &run[k + l.len()..];
                if rest.chars().count() >= 2 && k > 0 {
                    run = rest.to_string();
                }
            }
        }
        // 按照…津卫医政【2020】100号: a number cited in a sentence.
        if run.chars().count() > 12
            || [
                "按照", "根据", "依据", "依照", "参照", "执行", "落实", "贯彻",
            ]
            .iter()
            .any(|v| text_of(&cs, r.run_start, r.start_of_bracket).contains(v))
        {
            continue;
        }
        let start = r.start_of_bracket - run.chars().count();
        let number: String = text_of(&cs, start, r.end);
        spans.push(Span {
            part: Part::DocNumber,
            start,
            end: r.end,
        });
        if doc_number.is_none() {
            doc_number = Some(number.trim().to_string());
        }
    }

    let mut title_text = None;
    let mut doc_title = false;
    if let Some((s, e, _)) = title {
        spans.push(Span {
            part: Part::Title,
            start: s,
            end: e,
        });
        title_text = Some(text_of(&cs, s, e).replace('\n', ""));
        doc_title = true;
    }

    // Addressees: after the title or the number, or at the head's first colon.
    let after = spans
        .iter()
        .filter(|s| matches!(s.part, Part::Title | Part::DocNumber))
        .map(|s| s.end)
        .max();
    let mut addressee = None;
    if let Some(a) = after {
        // Skip a repeated title or number between them.
        let mut at = a;
        for _ in 0..4 {
            if let Some(r) = addressee_at(&cs, at) {
                addressee = Some(r);
                break;
            }
            // step over the next segment
            while at < cs.len() && ws(cs[at]) {
                at += 1;
            }
            while at < cs.len() && !ws(cs[at]) && cs[at] != '：' && cs[at] != ':' {
                at += 1;
            }
            if at >= head {
                break;
            }
        }
    }
    if let Some((s, e)) = addressee {
        spans.push(Span {
            part: Part::Addressee,
            start: s,
            end: e,
        });
    }

    // Signatures with their dates; the first after the head is the document's.
    let sigs = signatures(&cs);
    let mut sign_date = None;
    let mut sig_names: Vec<String> = Vec::new();
    for sg in &sigs {
        spans.push(Span {
            part: if sg.printing {
                Part::Printing
            } else {
                Part::Signature
            },
            start: sg.start,
            end: sg.end,
        });
        if sign_date.is_none() && !sg.printing {
            sign_date = Some(sg.date.clone());
            sig_names = sg.names.clone();
        }
    }
    if sign_date.is_none() {
        if let Some(sg) = sigs.first() {
            sign_date = Some(sg.date.clone());
            sig_names = sg.names.clone();
        }
    }
    // A document whose page dropped the signature: the last date standing alone after a
    // full stop (…从其规定。 2020年2月8日).
    if sign_date.is_none() && doc_title {
        let mut i = cs.len();
        while i > 0 {
            i -= 1;
            let Some((d, e)) = date_at(&cs, i) else {
                continue;
            };
            let mut k = i;
            while k > 0 && ws(cs[k - 1]) {
                k -= 1;
            }
            let after_stop = k == 0 || "。；\n".contains(cs[k - 1]) || k < i && cs[k - 1] == '）';
            let alone = cs.get(e).is_none_or(|c| ws(*c) || "（(".contains(*c));
            if after_stop && alone && i > head {
                spans.push(Span {
                    part: Part::Signature,
                    start: i,
                    end: e,
                });
                sign_date = Some(d);
                break;
            }
        }
    }
    // A date in brackets under the title: (2023年2月8日).
    if let Some((_, e, _)) = title {
        let mut k = e;
        while k < cs.len() && ws(cs[k]) {
            k += 1;
        }
        if matches!(cs.get(k), Some('（' | '(')) {
            if let Some((d, de)) = date_at(&cs, k + 1) {
                if matches!(cs.get(de), Some('）' | ')')) {
                    spans.push(Span {
                        part: Part::Signature,
                        start: k,
                        end: de + 1,
                    });
                    if sign_date.is_none() || sigs.is_empty() {
                        sign_date = Some(d);
                    }
                }
            }
        }
    }

    // Notes, copy lists, attachment notes.
    for (w, part) in [
        ("（此件", Part::Note),
        ("(此件", Part::Note),
        ("抄送：", Part::CopyTo),
        ("抄送:", Part::CopyTo),
        ("抄报：", Part::CopyTo),
        ("抄报:", Part::CopyTo),
        ("附件：", Part::Attachment),
        ("附件:", Part::Attachment),
    ] {
        let mut from = 0;
        while let Some(i) = find_from(&cs, from, w) {
            let mut e = i;
            while e < cs.len() && cs[e] != '\n' && cs[e] != '。' && e - i < 240 {
                if part == Part::Note && (cs[e] == '）' || cs[e] == ')') {
                    e += 1;
                    break;
                }
                e += 1;
            }
            if part == Part::CopyTo && cs.get(e) == Some(&'。') {
                e += 1;
            }
            // 附件 in running text (附件1所列) is not the note.
            let at_line_start = i == 0 || ws(cs[i - 1]) || "。：:；".contains(cs[i - 1]);
            if part != Part::Attachment || at_line_start {
                spans.push(Span {
                    part,
                    start: i,
                    end: e,
                });
            }
            from = e.max(i + 1);
        }
    }

    // A news page: headline, dateline, bylines.
    let mut dateline_date = None;
    let body_from = spans
        .iter()
        .map(|s| s.end)
        .filter(|&e| e <= head)
        .max()
        .unwrap_or(0);
    if title_text.is_none() {
        if let Some((s, e)) = headline(text) {
            spans.push(Span {
                part: Part::Headline,
                start: s,
                end: e,
            });
            title_text = Some(text_of(&cs, s, e).trim().to_string());
        }
    }
    let dl_from = spans
        .iter()
        .filter(|s| s.part == Part::Headline)
        .map(|s| s.end)
        .max()
        .unwrap_or(body_from);
    if let Some((s, e, d)) = dateline(&cs, dl_from) {
        spans.push(Span {
            part: Part::Dateline,
            start: s,
            end: e,
        });
        dateline_date = d;
    }
    // A dispatch line closing the story: （新华社重庆2月17日电）.
    if dateline_date.is_none() {
        let tail = cs.len().saturating_sub(40);
        if let Some(i) = (tail..cs.len())
            .rev()
            .find(|&i| starts_with_at(&cs, i, "日电"))
        {
            let s = (tail..i)
                .rev()
                .find(|&k| "（(".contains(cs[k]))
                .unwrap_or(i);
            if s < i {
                if let Some(d) = month_day(&cs, s, i + 1) {
                    spans.push(Span {
                        part: Part::Dateline,
                        start: s,
                        end: (i + 3).min(cs.len()),
                    });
                    dateline_date = Some(d);
                }
            }
        }
    }
    // Line-level furniture and credits.
    let mut at = 0usize;
    for line in text.split('\n') {
        let n = line.chars().count();
        if n > 0
            && n <= 80
            && is_furniture(line)
            && !spans.iter().any(|s| s.start <= at && at < s.end)
        {
            spans.push(Span {
                part: Part::Furniture,
                start: at,
                end: at + n,
            });
        }
        at += n + 1;
    }
    spans.sort_by_key(|s| (s.start, s.end));

    let kind = classify(&cs, title_text.as_deref(), doc_title, &sigs);
    let issuer = issuer(
        &cs,
        kind,
        issuer_mark.as_deref(),
        &sig_names,
        title_issuer.as_deref(),
        title_text.as_deref(),
    );
    Structure {
        spans,
        title: title_text,
        doc_title,
        doc_number,
        issuer,
        sign_date,
        dateline_date,
        kind,
    }
}

/// The lead of a page: its first few hundred chars.
fn lead(cs: &[char]) -> String {
    text_of(cs, 0, 300)
}

fn classify(cs: &[char], title: Option<&str>, doc_title: bool, sigs: &[Signature]) -> DocKind {
    let lead = lead(cs);
    let t = title.unwrap_or("");
    // The kind of document the title ends with (of the document it issues, for 印发).
    let core = t.trim_end_matches(['”', '》']);
    let plan = [
        "实施方案",
        "工作方案",
        "行动方案",
        "分工方案",
        "行动计划",
        "工作计划",
        "方案》",
        "计划》",
    ];
    let announces = ["通告", "公告"];
    if doc_title {
        if t.contains("解读") {
            return DocKind::Announcement;
        }
        if announces.iter().any(|w| core.ends_with(w)) {
            return DocKind::Announcement;
        }
        let issued = t.contains("印发") || t.contains("转发");
        if plan.iter().any(|w| t.contains(w))
            && (issued || core.ends_with("方案") || core.ends_with("计划"))
        {
            return DocKind::ImplementationPlan;
        }
        return DocKind::PolicyDocument;
    }
    let whole: String = cs.iter().take(4000).collect();
    if [
        "特此通告",
        "现通告如下",
        "特此公告",
        "现公告如下",
        "现将有关事项通告如下",
    ]
    .iter()
    .any(|w| whole.contains(w))
    {
        return DocKind::Announcement;
    }
    if t.contains("解读")
        || t.contains("印发通知")
        || t.contains("印发《")
        || t.contains("发出通知")
        || t.contains("下发通知")
        || t.contains("发布通告")
        || t.contains("发布公告")
    {
        return DocKind::Announcement;
    }
    if lead.contains("发布会") || t.contains("发布会") {
        return DocKind::PressConference;
    }
    if t.contains("——访")
        || t.contains("—访")
        || t.contains("专访")
        || t.contains("访谈")
        || lead.contains("专访")
        || lead.contains("采访了")
        || lead.contains("接受了") && lead.contains("采访")
    {
        return DocKind::Interview;
    }
    let meeting = [
        "会议",
        "推进会",
        "座谈会",
        "工作会",
        "调度会",
        "部署会",
        "专题会",
        "常务会",
        "全体会",
        "动员会",
        "视频会",
    ];
    let first_sentence: String = lead.split('。').next().unwrap_or("").to_string();
    if (t.contains("召开") || t.contains("举行") || meeting.iter().any(|w| t.ends_with(w)))
        && (meeting.iter().any(|w| t.contains(w)) || t.contains("会"))
        || (first_sentence.contains("召开") || first_sentence.contains("主持召开"))
            && meeting.iter().any(|w| first_sentence.contains(w))
    {
        return DocKind::MeetingReport;
    }
    // A signed text with numbered articles and no headline is a document.
    if !sigs.is_empty() && (whole.contains("一、") || whole.contains("第一条")) && title.is_none()
    {
        return DocKind::PolicyDocument;
    }
    DocKind::NewsReport
}

fn split_names(s: &str) -> Vec<String> {
    let pieces: Vec<String> = s
        .split(|c: char| ws(c) || c == '、')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if pieces.len() > 1 && pieces.iter().all(|p| is_org(p)) {
        pieces
    } else {
        vec![s.split(|c: char| ws(c)).collect::<String>()]
    }
}

/// The organizer before 召开/举行/印发 in a sentence: the words back to its start, trimmed to
/// a body's or a place's name.
fn subject_before(s: &str, verbs: &[&str]) -> Option<String> {
    for v in verbs {
        let Some(k) = s.find(v) else { continue };
        let before = &s[..k];
        let seg = before
            .rsplit(['，', '。', ',', ' ', '\u{3000}', '：', ':', '\n'])
            .next()
            .unwrap_or(before)
            .trim();
        let seg =
            seg.trim_start_matches(|c: char| c.is_ascii_digit() || "月日上下午晚，,".contains(c));
        let seg = seg.trim_start_matches(|c: char| !is_han(c));
        if seg.is_empty() {
            continue;
        }
        let names = seg.split('、').map(str::trim).collect::<Vec<_>>();
        let ok = names.iter().all(|n| {
            is_org(n) || {
                let g = super::gazetteer::get();
                let ms = g.mentions(n);
                ms.last().is_some_and(|m| m.end == n.len() && !m.short)
            }
        });
        if ok && seg.chars().count() <= 40 {
            return Some(seg.to_string());
        }
    }
    None
}

fn issuer(
    cs: &[char],
    kind: DocKind,
    mark: Option<&str>,
    signature: &[String],
    title_issuer: Option<&str>,
    title: Option<&str>,
) -> Vec<String> {
    let lead = lead(cs);
    match kind {
        DocKind::PolicyDocument | DocKind::ImplementationPlan | DocKind::Announcement => {
            if let Some(m) = mark.filter(|m| !m.is_empty()) {
                return vec![m.to_string()];
            }
            if !signature.is_empty() {
                return signature.to_vec();
            }
            if let Some(t) = title_issuer.map(str::trim).filter(|t| !t.is_empty()) {
                let names = split_names(t);
                if names.iter().all(|n| is_org(n)) {
                    return names;
                }
            }
            // A policy interpretation: 关于《某某局关于…》的解读.
            if let Some(t) = title {
                if let Some(k) = t.find('《') {
                    let inner = &t[k + '《'.len_utf8()..];
                    if let Some(j) = inner.find("关于") {
                        let name = &inner[..j];
                        if is_org(name) {
                            return vec![name.to_string()];
                        }
                    }
                }
                // 某部办公厅、某部办公厅印发通知
                if let Some(s) = subject_before(t, &["联合印发", "印发", "发出", "下发", "发布"])
                {
                    return split_names(&s);
                }
            }
            Vec::new()
        }
        DocKind::PressConference => {
            let first: String = lead
                .split('。')
                .find(|s| s.contains("发布会"))
                .unwrap_or("")
                .to_string();
            let k = first.find("发布会").unwrap_or(first.len());
            let before = &first[..k];
            // The last body named before 发布会: 省政府新闻办, 重庆市政府.
            for suffix in [
                "政府新闻办公室",
                "政府新闻办",
                "新闻办公室",
                "新闻办",
                "人民政府",
                "政府",
            ] {
                if let Some(p) = before.rfind(suffix) {
                    let head = &before[..p];
                    let g = super::gazetteer::get();
                    let place_start = g
                        .mentions(head)
                        .last()
                        .filter(|m| m.end == head.len())
                        .map(|m| m.start);
                    let start = place_start.unwrap_or_else(|| {
                        head.char_indices()
                            .last()
                            .filter(|(_, c)| "省市县区州".contains(*c))
                            .map_or(head.len(), |(i, _)| i)
                    });
                    return vec![format!("{}{}", &head[start..], suffix)];
                }
            }
            Vec::new()
        }
        DocKind::MeetingReport => {
            let mut cands: Vec<String> = Vec::new();
            if let Some(t) = title {
                cands.push(t.to_string());
            }
            cands.push(lead.split('。').next().unwrap_or("").to_string());
            for c in cands {
                if let Some(s) =
                    subject_before(&c, &["组织召开", "主持召开", "召开", "举行", "举办"])
                {
                    return vec![s];
                }
            }
            Vec::new()
        }
        DocKind::NewsReport | DocKind::Interview => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &Structure, text: &str, part: Part) -> Vec<String> {
        let cs: Vec<char> = text.chars().collect();
        s.spans
            .iter()
            .filter(|x| x.part == part)
            .map(|x| text_of(&cs, x.start, x.end))
            .collect()
    }

    const DOC: &str = "某某市人民政府办公厅文件\n某府办发〔2020〕5号\n某某市人民政府办公厅关于做好企业复工复产工作的通知\n各区、县人民政府，市政府各部门：\n为做好企业复工复产工作，现就有关事项通知如下：\n一、加大信贷支持力度。对受影响企业给予贷款贴息。\n附件：1.企业名单\n某某市人民政府办公厅\n二〇二〇年二月十一日\n（此件公开发布）\n抄送：市委各部门，市人大常委会办公厅。\n某某市人民政府办公厅 2020年2月12日印发";

    #[test]
    fn every_part_of_an_official_document() {
        let s = parse(DOC);
        assert_eq!(s.doc_number.as_deref(), Some("某府办发〔2020〕5号"));
        assert_eq!(
            s.title.as_deref(),
            Some("某某市人民政府办公厅关于做好企业复工复产工作的通知")
        );
        assert!(s.doc_title);
        assert_eq!(
            parts(&s, DOC, Part::IssuerMark),
            ["某某市人民政府办公厅文件"]
        );
        assert_eq!(
            parts(&s, DOC, Part::Addressee),
            ["各区、县人民政府，市政府各部门："]
        );
        assert_eq!(parts(&s, DOC, Part::Attachment), ["附件：1.企业名单"]);
        assert_eq!(
            parts(&s, DOC, Part::Signature),
            ["某某市人民政府办公厅\n二〇二〇年二月十一日"]
        );
        assert_eq!(parts(&s, DOC, Part::Note), ["（此件公开发布）"]);
        assert_eq!(
            parts(&s, DOC, Part::CopyTo),
            ["抄送：市委各部门，市人大常委会办公厅。"]
        );
        assert_eq!(
            parts(&s, DOC, Part::Printing),
            ["某某市人民政府办公厅 2020年2月12日印发"]
        );
        assert_eq!(
            s.sign_date,
            Some(Date {
                year: Some(2020),
                month: Some(2),
                day: Some(11)
            })
        );
        assert_eq!(s.issuer, ["某某市人民政府办公厅"]);
        assert_eq!(s.kind, DocKind::PolicyDocument);
        // The body is not in any span that is not body text.
        let body = DOC.find("对受影响企业").unwrap();
        let at = DOC[..body].chars().count();
        assert!(s.not_body().iter().all(|&(a, b)| !(a..b).contains(&at)));
    }

    #[test]
    fn one_line_document_with_numbers_in_brackets() {
        for (text, number) in [
            ("筑府办发电〔2020〕5号 关于做好返岗工作的通知 各区人民政府，市各部门： 现将有关事项通知如下。", "筑府办发电〔2020〕5号"),
            ("某省林业局文件某林发[2021] 634号某省林业局关于印发《林场电网改造实施方案》的通知各市林业局:为落实要求，制定本方案。", "某林发[2021] 634号"),
            ("某县教育局关于开学工作的通知（某教发【2022】7号） 各学校： 现通知如下。", "某教发【2022】7号"),
            ("关于开学工作的意见 某教(2022)8号 各学校： 现提出如下意见。", "某教(2022)8号"),
        ] {
            let s = parse(text);
            assert_eq!(s.doc_number.as_deref(), Some(number), "{text}");
            assert!(s.title.as_deref().is_some_and(|t| t.contains("关于")), "{text}: {:?}", s.title);
        }
        let s = parse("某市卫健委关于做好发热门诊工作的通知 按照天津市卫健委津卫医政【2020】100号要求，做好工作。");
        assert_eq!(s.doc_number, None);
        // A number cited in the body is not the document's.
        let s = parse("某区关于企业复工的通告 根据《关于延迟复工的通知》（苏政传发〔2020〕20号）的要求，现通告如下：");
        assert_eq!(s.doc_number, None);
        assert_eq!(s.kind, DocKind::Announcement);
    }

    #[test]
    fn joint_issuers_and_signature_dates() {
        let text = "某省人力资源和社会保障厅 某省财政厅关于支持企业稳岗的通知 各设区市人社局、财政局： 现就有关工作通知如下： 一、加强用工服务。 某省人力资源和社会保障厅 某省财政厅 2020年2月12日";
        let s = parse(text);
        assert_eq!(s.issuer, ["某省人力资源和社会保障厅", "某省财政厅"]);
        assert_eq!(s.sign_date.clone().unwrap().display(), "2020-02-12");
        assert_eq!(
            parts(&s, text, Part::Addressee),
            ["各设区市人社局、财政局："]
        );
        // A deadline inside a measure is no signature.
        let s = parse("关于延长申报期限的通知 各单位： 申报期限延长至2020年6月30日，请按时办理。 某市税务局 2020年2月14日");
        assert_eq!(s.sign_date.clone().unwrap().display(), "2020-02-14");
        // The date printed under a title.
        let s = parse("中共某县委 某县人民政府\n关于支持重点产业发展的实施意见\n(2023年2月8日)\n为支持重点产业发展，制定如下意见。");
        assert_eq!(s.sign_date.clone().unwrap().display(), "2023-02-08");
        assert_eq!(s.issuer, ["中共某县委", "某县人民政府"]);
    }

    #[test]
    fn dates_without_a_signature() {
        let s = parse("某市财政局关于规范防控物资管理的通知 各单位： 请及时联系市财政局。 各区可制定本区政策。 2020年2月8日");
        assert_eq!(s.sign_date.clone().unwrap().display(), "2020-02-08");
        let s = parse("某区推动产业链复工 新华社记者 张三 企业有序复工。“真是及时雨！”总经理说。 (新华社重庆2月17日电)");
        assert_eq!(s.dateline_date.clone().unwrap().display(), "????-02-17");
    }

    #[test]
    fn chinese_numeral_dates() {
        let cs: Vec<char> = "二〇二〇年二月十一日".chars().collect();
        assert_eq!(date_at(&cs, 0).unwrap().0.display(), "2020-02-11");
        let cs: Vec<char> = "二○一九年十二月三十一日".chars().collect();
        assert_eq!(date_at(&cs, 0).unwrap().0.display(), "2019-12-31");
        let cs: Vec<char> = "2021年5月19日".chars().collect();
        assert_eq!(date_at(&cs, 0).unwrap().0.display(), "2021-05-19");
    }

    #[test]
    fn news_pages() {
        let text = "首页 > 新闻 > 本地\n义乌市召开复工复产推进会\n2021年08月24日 16:54  来源:某某网\n某某网8月24日消息(记者张三)日前,义乌市召开复工复产推进会。";
        let s = parse(text);
        assert_eq!(s.title.as_deref(), Some("义乌市召开复工复产推进会"));
        assert_eq!(s.kind, DocKind::MeetingReport);
        assert_eq!(s.issuer, ["义乌市"]);
        assert_eq!(
            parts(&s, text, Part::Furniture).first().map(String::as_str),
            Some("首页 > 新闻 > 本地")
        );
        // One line: headline, dateline, reporter.
        let text = "多措并举 全力打好疫情防控阻击战——访某部有关负责人 新华社北京2月18日电 新华社记者张三 疫情发生以来，各地采取措施。";
        let s = parse(text);
        assert_eq!(
            s.title.as_deref(),
            Some("多措并举 全力打好疫情防控阻击战——访某部有关负责人")
        );
        assert_eq!(s.kind, DocKind::Interview);
        assert_eq!(s.dateline_date.clone().unwrap().display(), "????-02-18");
        assert!(s.issuer.is_empty());
        let text = "第03版：要闻 上一版 下一版\n◆本报记者 张三\n某县出台十条措施稳就业\n本报讯 近日，某县出台措施。";
        assert_eq!(parse(text).title.as_deref(), Some("某县出台十条措施稳就业"));
        let text =
            "某省多措并举保民生  2月18日，省政府新闻办召开新闻发布会。省人社厅负责人介绍情况。";
        let s = parse(text);
        assert_eq!(s.title.as_deref(), Some("某省多措并举保民生"));
        assert_eq!(s.kind, DocKind::PressConference);
        assert_eq!(s.issuer, ["省政府新闻办"]);
    }

    #[test]
    fn one_line_pages_get_their_headline() {
        for (text, title) in [
            ("致驻某新区各金融机构及涉外企业的公开信 驻某新区各金融机构和涉外企业: 疫情发生以来，各方积极应对。", "致驻某新区各金融机构及涉外企业的公开信"),
            ("倡议书（2020年2月26日） 全市父老乡亲：   　　突如其来的疫情，牵动着每一个人的心。", "倡议书（2020年2月26日）"),
            ("紧急公告 广大市民朋友： 1月25日，根据最新确诊程序，确诊一例。", "紧急公告"),
            ("各地人社部门密集出台系列惠企惠民政策 “硬核”举措助企业共渡难关 为缓解疫情对企业的影响，近期，各地出台政策。", "各地人社部门密集出台系列惠企惠民政策 “硬核”举措助企业共渡难关"),
            ("为战“疫”加力 助企业纾困——政策落地追踪 新华社北京2月14日电 题：为战“疫”加力", "为战“疫”加力 助企业纾困——政策落地追踪"),
            ("某区上线区级疫情防控系统，干部的这些“人工”都能被智能“取代” 2月4日，某区疫情防控系统上线。", "某区上线区级疫情防控系统，干部的这些“人工”都能被智能“取代”"),
        ] {
            assert_eq!(parse(text).title.as_deref(), Some(title), "{text}");
        }
    }

    #[test]
    fn national_bodies() {
        assert!(is_national_body("国务院办公厅"));
        assert!(is_national_body("交通运输部"));
        assert!(is_national_body("工业和信息化部办公厅"));
        assert!(!is_national_body("陕西省人民政府办公厅"));
        assert!(!is_national_body("龙岩市工业和信息化局"));
    }
}
