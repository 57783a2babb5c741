//! Document metadata: title, date, source, reporter, place.
//!
//! Read from the cleaned document's front matter and from *all* its lines, including the
//! ones the cleaner removed, since that is where pages keep their datelines (发布日期：…,
//! 2020年02月12日08:28 来源：…), credits (记者 张三, 文章来源：某某日报) and original titles
//! (原标题：…). Dates follow the report contract: the publication date wins over the date of
//! the event, a month and day without a year stay without one — a year is never guessed.
//! The place is the locality whose government acts: each gazetteer name found is scored,
//! and a name that heads the article or acts (X市委, X市政府, X召开, X出台, X市委书记)
//! weighs far more than one merely mentioned; a local paper credits its city. A national
//! commentary that names places only in passing gets no place.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::boilerplate::{self, Kind};
use super::clean::Cleaned;
use super::gazetteer::{self, Level};
use super::model::{Date, Meta};
use super::structure::{self, DocKind, Structure};

fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// A full date: 2020-03-12, 2020/3/12, 2020.3.12, 2020年3月12日 (with optional spaces),
/// anchored: it is tried only where a year begins (see [`captures_from`]).
fn full_date_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    re(
        &R,
        r"^((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})",
    )
}

/// True when `word` occurs in `text` followed right away by a match of `anchored` (a
/// pattern behind `^`); with no pattern, when `word` occurs. A quick test that a line can
/// hold a match of a slower, unanchored pattern.
fn followed_by(text: &str, word: &str, anchored: Option<&Regex>) -> bool {
    text.match_indices(word)
        .any(|(at, _)| anchored.is_none_or(|r| r.is_match(&text[at + word.len()..])))
}

/// What `captures_iter` of an unanchored pattern finds in `text` (successive leftmost
/// matches that do not overlap), for a pattern without look-around whose every match begins
/// with one of `starts`: `anchored` is that pattern behind `^`, tried only where a start
/// occurs. The regex engine is built without its DFAs and prefilters (to keep the Wasm
/// small), so an unanchored search runs every char of a long line through its NFA, while an
/// anchored one stops as soon as the pattern cannot match.
fn captures_from<'t>(
    anchored: &'static Regex,
    text: &'t str,
    starts: &'static [&'static str],
) -> impl Iterator<Item = regex::Captures<'t>> {
    // Where each start occurs next, at or after `from`.
    let mut next: Vec<Option<usize>> = starts.iter().map(|s| text.find(s)).collect();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        for (at, start) in next.iter_mut().zip(starts) {
            if at.is_some_and(|a| a < from) {
                *at = text
                    .get(from..)
                    .and_then(|t| t.find(start))
                    .map(|i| from + i);
            }
        }
        let at = next.iter().flatten().min().copied()?;
        let rest = text.get(at..)?;
        match anchored.captures(rest) {
            Some(c) => {
                // The patterns given never match the empty string; step on if one did.
                let end = c.get(0).map_or(0, |m| m.end());
                from = at + end.max(rest.chars().next().map_or(1, char::len_utf8));
                return Some(c);
            }
            None => from = at + rest.chars().next().map_or(1, char::len_utf8),
        }
    })
}

/// A month and day: 2月18日 (optionally after a year).
fn month_day_re() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    re(&R, r"(?:((?:19|20)\d{2})年)?(\d{1,2})月(\d{1,2})[日号]")
}

fn make_date(y: Option<&str>, m: &str, d: &str) -> Option<Date> {
    let year = match y {
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1949..=2100).contains(y))?,
        ),
        None => None,
    };
    let month = m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
    let day = d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?;
    Some(Date {
        year,
        month: Some(month),
        day: Some(day),
    })
}

fn find_full_date(text: &str) -> Option<Date> {
    // The regex needs a year 19xx/20xx: skip the (slow, no-DFA) regex engine without one.
    if !text.contains("19") && !text.contains("20") {
        return None;
    }
    let r = full_date_re()?;
    captures_from(r, text, &["19", "20"]).find_map(|c| {
        make_date(
            c.get(1).map(|m| m.as_str()),
            c.get(2)?.as_str(),
            c.get(3)?.as_str(),
        )
    })
}

fn find_month_day(text: &str) -> Option<Date> {
    // Every match holds 月, a day and 日 or 号: without them, skip the regex engine.
    static T: OnceLock<Option<Regex>> = OnceLock::new();
    let tail = re(&T, r"^\d{1,2}[日号]");
    if !followed_by(text, "月", tail) {
        return None;
    }
    let r = month_day_re()?;
    r.captures_iter(text).find_map(|c| {
        make_date(
            c.get(1).map(|m| m.as_str()),
            c.get(2)?.as_str(),
            c.get(3)?.as_str(),
        )
    })
}

/// Index of the first body paragraph (a kept line with a full stop); lines before it are
/// the header (headline, dateline, byline).
fn first_body_line(c: &Cleaned) -> usize {
    c.all_lines
        .iter()
        .zip(&c.line_kinds)
        .position(|(l, k)| k.is_none() && (l.contains('。') || l.chars().count() > 120))
        .unwrap_or(c.all_lines.len())
}

fn front(c: &Cleaned, key: &str) -> Option<String> {
    c.front_matter
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Text after `label` + optional colon, if the line carries that label.
fn after_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let i = line.find(label)?;
    let rest = line.get(i + label.len()..)?.trim_start();
    Some(
        rest.strip_prefix(':')
            .or_else(|| rest.strip_prefix('：'))
            .unwrap_or(rest)
            .trim_start(),
    )
}

fn extract_date(c: &Cleaned, body_start: usize, st: &Structure) -> Date {
    if let Some(d) = front(c, "date").and_then(|d| find_full_date(&d)) {
        return d;
    }
    // Labelled publication dates anywhere on the page.
    for line in &c.all_lines {
        for label in [
            "发布日期",
            "发布时间",
            "发稿时间",
            "发表时间",
            "更新时间",
            "日期",
            "时间",
        ] {
            if let Some(d) = after_label(line, label)
                .and_then(|rest| find_full_date(rest.get(..rest.len().min(40)).unwrap_or(rest)))
            {
                return d;
            }
        }
    }
    // A dateline in the header or in a byline/tool line.
    let header = |i: usize| {
        i < body_start
            || matches!(
                c.line_kinds.get(i),
                Some(Some(Kind::Byline | Kind::PageTools))
            )
    };
    for (_, line) in c.all_lines.iter().enumerate().filter(|(i, _)| header(*i)) {
        if let Some(d) = find_full_date(line) {
            return d;
        }
    }
    // 新华社北京3月1日电 / 某某客户端2月18日消息: the dispatch date, year unknown.
    for (_, line) in c
        .all_lines
        .iter()
        .enumerate()
        .filter(|(i, _)| header(*i) || *i == body_start)
    {
        let head = line.chars().take(40).collect::<String>();
        if ["消息", "日电", "讯"].iter().any(|w| head.contains(w)) {
            if let Some(d) = find_month_day(&head) {
                return d;
            }
        }
    }
    if let Some(d) = &st.dateline_date {
        return d.clone();
    }
    if let Some(d) = &st.sign_date {
        return d.clone();
    }
    if let Some(d) = front(c, "html_title").and_then(|t| find_full_date(&t)) {
        return d;
    }
    // The event date of the first body paragraphs.
    for line in c
        .all_lines
        .iter()
        .zip(&c.line_kinds)
        .skip(body_start)
        .filter(|(_, k)| k.is_none())
        .map(|(l, _)| l)
        .take(2)
    {
        // The lead of a long (one-line) page only: a date further on is not the event's.
        let lead: String = line.chars().take(200).collect();
        if let Some(d) = find_full_date(&lead).or_else(|| find_month_day(&lead)) {
            return d;
        }
    }
    Date::default()
}

/// Strips a site name after the headline of an HTML `<title>`: 标题_某某网, 标题 - 某某网.
fn strip_site_suffix(title: &str) -> String {
    let cut = title
        .find(['_', '|', '｜'])
        .or_else(|| title.find(" - "))
        .or_else(|| title.find(" — "));
    title
        .get(..cut.unwrap_or(title.len()))
        .unwrap_or(title)
        .trim()
        .to_string()
}

fn extract_title(c: &Cleaned, body_start: usize, st: &Structure) -> Option<String> {
    if let Some(t) = front(c, "title") {
        return Some(t);
    }
    // A document's own title (…关于…的通知) wins over any heading of the page.
    if st.doc_title {
        if let Some(t) = &st.title {
            return Some(t.clone());
        }
    }
    for line in &c.all_lines {
        if let Some(rest) = line
            .trim_start_matches(['(', '（', '【', '['])
            .strip_prefix("原标题")
        {
            let t = rest
                .trim_start_matches([':', '：', ' '])
                .trim_end_matches([')', '）', '】', ']'])
                .trim();
            if !t.is_empty() && t.chars().count() <= 80 {
                return Some(t.to_string());
            }
        }
    }
    for (line, kind) in c.all_lines.iter().zip(&c.line_kinds).take(body_start) {
        let n = line.chars().count();
        if kind.is_none()
            && (4..=80).contains(&n)
            && !line.ends_with(['：', ':'])
            && !structure::is_furniture(line)
        {
            return Some(line.trim().to_string());
        }
    }
    // The headline of the cleaned text (a one-line page, a page opening with furniture).
    if let Some(t) = &st.title {
        return Some(t.clone());
    }
    if let Some(t) = front(c, "html_title") {
        let t = strip_site_suffix(&t);
        if !t.is_empty() {
            return Some(t);
        }
    }
    // A document site's heading: 复工复产审批要瘦身,服务应加力.docxVIP
    for (line, kind) in c
        .all_lines
        .iter()
        .zip(&c.line_kinds)
        .take(body_start.max(1))
    {
        let lower = line.to_lowercase();
        if *kind == Some(Kind::DocumentSite) && boilerplate::has_file_extension(&lower) {
            let cut = [
                ".docx", ".doc", ".pdf", ".pptx", ".ppt", ".xlsx", ".xls", ".wps", ".txt",
            ]
            .iter()
            .filter_map(|e| lower.find(e))
            .min()
            .unwrap_or(line.len());
            let t = line.get(..cut).unwrap_or(line).trim();
            if !t.is_empty() {
                return Some(t.to_string());
            }
        }
    }
    None
}

/// Organisations that publish: papers, stations, agencies, client apps.
const MEDIA_SUFFIXES: &[&str] = &[
    "日报",
    "晚报",
    "晨报",
    "都市报",
    "时报",
    "商报",
    "电视台",
    "广播电视总台",
    "广播电视台",
    "融媒体中心",
    "新闻网",
    "新闻客户端",
];

fn extract_source(c: &Cleaned) -> Option<String> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    let label = re(
        &R,
        r"^(?:文章|新闻|信息|稿件|本文|内容)?(?:来源|稿源|出处)\s*[:：]\s*([^\s)）|｜,，;；:：]{2,30})",
    );
    const LABEL_STARTS: &[&str] = &[
        "文章", "新闻", "信息", "稿件", "本文", "内容", "来源", "稿源", "出处",
    ];
    // Each regex runs only on lines holding a word it needs (the regex engine is built
    // without its DFAs and prefilters to keep the Wasm small, so it scans every char).
    for line in c
        .all_lines
        .iter()
        .filter(|l| ["来源", "稿源", "出处"].iter().any(|w| l.contains(w)))
    {
        if let Some(cap) = label.and_then(|r| captures_from(r, line, LABEL_STARTS).next()) {
            let s = cap.get(1).map_or("", |m| m.as_str());
            let s = ["作者", "发布", "时间", "日期", "浏览", "编辑", "点击"]
                .iter()
                .fold(s, |s, w| s.split(w).next().unwrap_or(s));
            if s.chars().count() >= 2 {
                return Some(s.to_string());
            }
        }
    }
    // 某某日报记者 张三
    static P: OnceLock<Option<Regex>> = OnceLock::new();
    let paper = re(
        &P,
        r"([\x{4e00}-\x{9fff}]{2,10}?(?:日报|晚报|晨报|都市报|时报|电视台|广播电视总台|广播电视台|融媒体中心|新闻网|新闻客户端|客户端))\s*(?:\d{1,2}月\d{1,2}日)?(?:记者|讯|消息|电)",
    );
    let outlets = [
        "日报",
        "晚报",
        "晨报",
        "都市报",
        "时报",
        "电视台",
        "广播电视总台",
        "广播电视台",
        "融媒体中心",
        "新闻网",
        "客户端",
    ];
    // A match holds an outlet followed by (a date and) 记者, 讯, 消息 or 电: only lines
    // with one go through the regex engine.
    static T: OnceLock<Option<Regex>> = OnceLock::new();
    let tail = re(&T, r"^\s*(?:\d{1,2}月\d{1,2}日)?(?:记者|讯|消息|电)");
    for line in c
        .all_lines
        .iter()
        .filter(|l| outlets.iter().any(|w| followed_by(l, w, tail)))
    {
        if let Some(m) = paper.and_then(|r| r.captures(line)).and_then(|c| c.get(1)) {
            return Some(m.as_str().to_string());
        }
    }
    // 本报讯 + the paper named in the front matter (tags: 某某日报新闻).
    if c.all_lines
        .iter()
        .any(|l| l.contains("本报讯") || l.contains("本报记者"))
    {
        for key in ["source", "tags", "categories", "author"] {
            if let Some(v) = front(c, key) {
                for word in v.split([',', ' ', '[', ']', '"']) {
                    if let Some(i) = MEDIA_SUFFIXES
                        .iter()
                        .filter_map(|s| word.find(s).map(|i| i + s.len()))
                        .min()
                    {
                        return word.get(..i).map(str::to_string);
                    }
                }
            }
        }
    }
    None
}

fn extract_reporter(c: &Cleaned) -> Option<String> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    let r = re(
        &R,
        r"记者\s*[:：]?\s*([\x{4e00}-\x{9fff}]{2,4}(?:[、 ][\x{4e00}-\x{9fff}]{2,4})*)(?:$|[\s)）,，。])",
    )?;
    const NOT_NAMES: &[&str] = &[
        "专访",
        "采访",
        "了解",
        "获悉",
        "走访",
        "看到",
        "注意到",
        "发现",
        "来到",
        "从",
        "在",
        "近日",
        "日前",
        "表示",
        "说",
        "问",
        "节",
        "证",
        "站",
        "会",
        "们",
        "调查",
        "观察",
        "探访",
        "实地",
    ];
    for line in c.all_lines.iter().filter(|l| l.contains("记者")) {
        for cap in r.captures_iter(line) {
            let Some(m) = cap.get(1) else { continue };
            let name = m.as_str().split(['、', ' ']).next().unwrap_or("");
            if !name.is_empty() && !NOT_NAMES.iter().any(|w| name.starts_with(w)) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// What follows a place name when its government acts.
const ACTING_AFTER: &[&str] = &[
    "委",
    "政府",
    "人民政府",
    "人大",
    "政协",
    "召开",
    "出台",
    "印发",
    "发布",
    "成立",
    "制定",
    "实施",
    "推出",
    "启动",
    "部署",
    "举行",
    "组织",
    "建立",
    "坚持",
    "坚决",
    "高度重视",
    "全力",
    "积极",
    "大力",
    "着力",
    "迅速",
    "第一时间",
    "如何",
    "聚焦",
    "多措并举",
    "统筹",
    "紧扣",
    "立足",
    "把",
    "将",
    "已",
    "市委",
    "市政府",
    "县委",
    "县政府",
    "区委",
    "区政府",
    "州委",
    "州政府",
    "省委",
    "省政府",
    "盟委",
    "疫情防控",
    "复工复产",
];

const MEDIA_AFTER: &[&str] = &[
    "日报",
    "晚报",
    "晨报",
    "都市报",
    "时报",
    "电视",
    "广播",
    "新闻",
    "融媒",
    "频道",
    "网",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    Full,
    Short,
    Paper,
}

/// One place name found, with its context.
struct Hit {
    cands: Vec<usize>,
    how: How,
    headline: bool,
    boiler: bool,
    acting: bool,
    media: bool,
}

impl Hit {
    fn paper(idx: usize) -> Self {
        Hit {
            cands: vec![idx],
            how: How::Paper,
            headline: false,
            boiler: false,
            acting: false,
            media: true,
        }
    }
}

#[derive(Default, Clone, Copy, Debug)]
struct Score {
    acting: u32,
    headline: bool,
    full: u32,
    short: u32,
    boiler: u32,
    media: bool,
    first: usize,
}

impl Score {
    fn value(&self) -> f64 {
        3.0 * f64::from(self.acting)
            + if self.headline { 4.0 } else { 0.0 }
            + f64::from(self.full)
            + 0.7 * f64::from(self.short)
            + 0.3 * f64::from(self.boiler)
            + if self.media { 2.0 } else { 0.0 }
    }

    fn qualifies(&self) -> bool {
        self.acting > 0 || self.headline || self.media || self.full >= 3
    }
}

fn extract_places(
    c: &Cleaned,
    title: Option<&str>,
    source: Option<&str>,
    body_start: usize,
    issuers: &[String],
) -> (Option<usize>, Vec<String>) {
    let g = gazetteer::get();
    let mut scores: HashMap<usize, Score> = HashMap::new();
    let mut order = 0usize;
    let mut texts: Vec<(String, bool, bool)> = Vec::new(); // (text, headline, boilerplate)
    if let Some(t) = title {
        texts.push((t.to_string(), true, false));
    }
    for (i, (line, kind)) in c.all_lines.iter().zip(&c.line_kinds).enumerate() {
        let is_headline = i < body_start && kind.is_none() && title.is_none_or(|t| t != line);
        texts.push((
            line.clone(),
            is_headline && line.chars().count() <= 80,
            kind.is_some(),
        ));
    }
    let mut pool: Vec<Hit> = Vec::new();
    for (text, headline, boiler) in &texts {
        for m in g.mentions(text) {
            let after = text.get(m.end..).unwrap_or("");
            let media = MEDIA_AFTER.iter().any(|w| after.starts_with(w));
            let acting = !media && !boiler && ACTING_AFTER.iter().any(|w| after.starts_with(w));
            let how = if m.short { How::Short } else { How::Full };
            pool.push(Hit {
                cands: m.places,
                how,
                headline: *headline,
                boiler: *boiler,
                acting,
                media,
            });
        }
        for (_, idx) in g.papers_in(text) {
            pool.push(Hit::paper(idx));
        }
    }
    for key in ["tags", "categories", "source"] {
        if let Some(v) = front(c, key) {
            pool.extend(g.papers_in(&v).into_iter().map(|(_, idx)| Hit::paper(idx)));
        }
    }
    if let Some(idx) = source.and_then(|s| g.paper_place(s)) {
        pool.push(Hit::paper(idx));
    }
    // The issuing body's place acts above all: 龙岩市工业和信息化局, 中共柳河县委.
    for issuer in issuers {
        let name = issuer.strip_prefix("中共").unwrap_or(issuer);
        // The most specific of the places it opens with: 泰州市海陵区… is 海陵区's.
        let ms = g.mentions(name);
        let mut chain = ms.iter().take_while({
            let mut end = 0;
            move |m| {
                let ok = m.start == end;
                end = m.end;
                ok
            }
        });
        if let Some(m) = chain.by_ref().last() {
            for _ in 0..3 {
                pool.push(Hit {
                    cands: m.places.clone(),
                    how: How::Full,
                    headline: true,
                    boiler: false,
                    acting: true,
                    media: false,
                });
            }
        }
    }
    // Shared names (朝阳区): prefer the candidate whose enclosing place is also named.
    let unambiguous: Vec<usize> = pool
        .iter()
        .filter(|h| h.cands.len() == 1)
        .map(|h| h.cands[0])
        .collect();
    for hit in pool {
        let Some(&first) = hit.cands.first() else {
            continue;
        };
        let idx = hit
            .cands
            .iter()
            .copied()
            .find(|&c| unambiguous.iter().any(|&u| g.is_ancestor(u, c)))
            .unwrap_or(first);
        let s = scores.entry(idx).or_insert_with(|| {
            order += 1;
            Score {
                first: order,
                ..Score::default()
            }
        });
        match (hit.how, hit.boiler) {
            (_, true) => s.boiler += 1,
            (How::Paper, _) => {}
            (How::Short, _) => s.short += 1,
            (How::Full, _) => s.full += 1,
        }
        s.acting += u32::from(hit.acting);
        s.headline |= hit.headline;
        s.media |= hit.media;
    }
    let mut ranked: Vec<(usize, Score)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.value()
            .partial_cmp(&a.1.value())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| g.places[b.0].level.cmp(&g.places[a.0].level))
            .then_with(|| a.1.first.cmp(&b.1.first))
    });
    let place = ranked
        .iter()
        .find(|(_, s)| s.qualifies())
        .filter(|(_, s)| {
            ranked
                .first()
                .is_some_and(|(_, best)| s.value() >= best.value() * 0.5)
        })
        .map(|(idx, _)| {
            // A prefecture that only outranks its acting county-level city by mentions
            // yields to it: the most specific level that acts.
            let best = *idx;
            let best_score = ranked
                .iter()
                .find(|(i, _)| *i == best)
                .map(|(_, s)| *s)
                .unwrap_or_default();
            let child = ranked.iter().find(|(i, s)| {
                g.places[*i].level == Level::County
                    && g.is_ancestor(best, *i)
                    && s.acting >= best_score.acting.max(1)
            });
            child.map_or(best, |(i, _)| *i)
        });
    let places = ranked
        .iter()
        .filter(|(_, s)| s.full + s.short + s.acting > 0 || s.media || s.headline)
        .map(|(i, _)| g.places[*i].name.clone())
        .collect();
    (place, places)
}

/// Reads the metadata of a cleaned document.
/// Metadata is read from the first this many chars of a document's lines …
const META_HEAD_CHARS: usize = 60_000;
/// … and the last this many (footer datelines, sources, credits) …
const META_TAIL_CHARS: usize = 10_000;
/// … each line cut at this many chars: a huge document costs no more than a long one.
const META_LINE_CHARS: usize = 5_000;

/// The part of a long document metadata is read from (`None`: all of it), so that a 20 MB
/// input or a 2 MB line costs no more than an ordinary article. Blob lines the cleaner
/// removed unconverted are left out whole.
fn bounded(c: &Cleaned) -> Option<Cleaned> {
    let lens: Vec<usize> = c.all_lines.iter().map(|l| l.chars().count()).collect();
    let total: usize = lens.iter().sum();
    if total <= META_HEAD_CHARS && lens.iter().all(|&n| n <= META_LINE_CHARS) {
        return None;
    }
    let mut view = Cleaned {
        all_lines: Vec::new(),
        line_kinds: Vec::new(),
        ..c.clone_without_lines()
    };
    let mut at = 0usize;
    for ((line, kind), n) in c.all_lines.iter().zip(&c.line_kinds).zip(&lens) {
        let start = at;
        at += n;
        if *kind == Some(Kind::NoText) && *n > META_LINE_CHARS {
            continue;
        }
        if start < META_HEAD_CHARS || start + META_TAIL_CHARS >= total {
            let cut = line
                .char_indices()
                .nth(META_LINE_CHARS)
                .map_or(line.len(), |(i, _)| i);
            view.all_lines
                .push(line.get(..cut).unwrap_or(line).to_string());
            view.line_kinds.push(*kind);
        }
    }
    Some(view)
}

/// The structure is read from at most this many chars of the cleaned text.
const STRUCTURE_CHARS: usize = 200_000;

/// Is a title a national body's (国务院…, 交通运输部…) with no place named in it?
fn national_title(title: &str) -> bool {
    let g = gazetteer::get();
    if !g.mentions(title).is_empty() {
        return false;
    }
    let cs: Vec<char> = title.chars().collect();
    (0..cs.len()).any(|i| {
        (i + 2..=(i + 12).min(cs.len())).any(|j| {
            let w: String = cs[i..j].iter().collect();
            (w.ends_with('部') || w.ends_with("院") || w.ends_with("总局"))
                && structure::is_national_body(&w)
                && (i == 0
                    || !('\u{4e00}'..='\u{9fff}').contains(&cs[i - 1])
                    || "访和与及、".contains(cs[i - 1]))
        })
    })
}

pub fn extract(cleaned: &Cleaned) -> Meta {
    let head: String = if cleaned.text.len() > STRUCTURE_CHARS * 3 {
        cleaned.text.chars().take(STRUCTURE_CHARS).collect()
    } else {
        cleaned.text.clone()
    };
    let st = structure::parse(&head);
    let view = bounded(cleaned);
    let cleaned = view.as_ref().unwrap_or(cleaned);
    let body_start = first_body_line(cleaned);
    let title = extract_title(cleaned, body_start, &st);
    let documentlike = matches!(
        st.kind,
        DocKind::PolicyDocument | DocKind::ImplementationPlan | DocKind::Announcement
    );
    let date = match (&st.sign_date, documentlike) {
        (Some(d), true) if front(cleaned, "date").is_none() => d.clone(),
        _ => extract_date(cleaned, body_start, &st),
    };
    let source = extract_source(cleaned);
    let reporter = extract_reporter(cleaned);
    let national = st
        .issuer
        .first()
        .is_some_and(|i| structure::is_national_body(i))
        && documentlike
        || title.as_deref().is_some_and(national_title);
    let (place_idx, places) = extract_places(
        cleaned,
        title.as_deref(),
        source.as_deref(),
        body_start,
        &st.issuer,
    );
    let g = gazetteer::get();
    let place_idx = place_idx.filter(|_| !national);
    Meta {
        title,
        date,
        source,
        reporter,
        place: place_idx.map(|i| g.places[i].name.clone()),
        places,
        kind: Some(st.kind.as_str().to_string()),
        issuer: st.issuer.clone(),
        doc_number: st.doc_number.clone(),
        place_code: place_idx.map(|i| g.places[i].code.clone()),
        structure: st.spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;

    fn meta(text: &str) -> Meta {
        extract(&clean(text))
    }

    fn date(y: Option<i32>, m: u32, d: u32) -> Date {
        Date {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    #[test]
    fn front_matter_title_and_date() {
        let m = meta("---\ntitle: \"某市出台惠企政策\"\ndate: 2021-05-06 08:00:00 +0800\n---\n<p>本报讯 5月5日，会议召开。</p>");
        assert_eq!(m.title.as_deref(), Some("某市出台惠企政策"));
        assert_eq!(m.date, date(Some(2021), 5, 6));
    }

    #[test]
    fn labelled_dates_and_sources() {
        let m = meta("标题一行\n发布日期:2020-03-12 来源:人民网\n4月1日，全市召开会议。");
        assert_eq!(m.date, date(Some(2020), 3, 12));
        assert_eq!(m.source.as_deref(), Some("人民网"));
        let m =
            meta("标题一行\n2020年02月12日08:28 来源:某某市广播电视总台\n2月10日下午，会议召开。");
        assert_eq!(m.date, date(Some(2020), 2, 12));
        assert_eq!(m.source.as_deref(), Some("某某市广播电视总台"));
    }

    #[test]
    fn month_day_without_year_stays_without_year() {
        let m = meta("某某新闻客户端3月4日消息 某某日报记者 张小明\n3月4日下午，某地召开会议。");
        assert_eq!(m.date, date(None, 3, 4));
        assert_eq!(m.reporter.as_deref(), Some("张小明"));
        let m = meta("5月6日下午，会议强调要推动复工复产。");
        assert_eq!(m.date, date(None, 5, 6));
        assert_eq!(meta("会议强调要推动复工复产。").date, Date::default());
    }

    #[test]
    fn original_title_wins_over_channel_heading() {
        let m = meta(
            "某某频道:张三 精准发力 推动复工\n原标题:精准发力 推动复工\n会议强调，要推动复工。",
        );
        assert_eq!(m.title.as_deref(), Some("精准发力 推动复工"));
    }

    #[test]
    fn reporter_forms() {
        assert_eq!(
            meta("本报讯(记者黄小明)会议召开。").reporter.as_deref(),
            Some("黄小明")
        );
        assert_eq!(
            meta("会议召开。(记者 于小东)").reporter.as_deref(),
            Some("于小东")
        );
        assert_eq!(meta("记者专访了某市市长。").reporter, None);
    }

    #[test]
    fn acting_county_city_beats_its_prefecture() {
        let m = meta("金华日报记者 张三\n义乌召开全市复工复产推进会。义乌市委书记指出，要落实好金华市的部署。");
        assert_eq!(m.place.as_deref(), Some("义乌市"));
        assert!(m.places.contains(&"金华市".to_string()));
    }

    #[test]
    fn acting_city_over_mentioned_places() {
        let m = meta("某市推动企业复工\n乌海市成立领导小组。明确乌达区、海南区实施精准防控。乌海市印发通知。");
        assert_eq!(m.place.as_deref(), Some("乌海市"));
        assert_eq!(m.places.first().map(String::as_str), Some("乌海市"));
    }

    #[test]
    fn national_commentary_has_no_place() {
        let m = meta(
            "复工复产要提速\n各地各部门要优化审批流程。有些省份建立了协调机制。(山东潍坊市 王越)",
        );
        assert_eq!(m.place, None);
    }

    #[test]
    fn a_national_document_has_no_place() {
        let m = meta("国务院办公厅关于做好春耕生产工作的通知\n国办发〔2020〕9号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n湖北省、广东省要做好春耕生产。\n国务院办公厅\n2020年2月20日");
        assert_eq!(m.place, None);
        assert_eq!(m.kind.as_deref(), Some("policy_document"));
        assert_eq!(m.issuer, ["国务院办公厅"]);
        assert_eq!(m.doc_number.as_deref(), Some("国办发〔2020〕9号"));
        assert_eq!(m.date, date(Some(2020), 2, 20));
    }

    #[test]
    fn the_signature_date_beats_a_deadline_and_the_issuer_gives_the_place() {
        let m = meta("龙岩市工业和信息化局关于加强电力设施管理的通知 各县(市、区)工信科技局： 请于2022年6月30日前完成整改。 龙岩市工业和信息化局 2022年3月4日");
        assert_eq!(m.date, date(Some(2022), 3, 4));
        assert_eq!(m.place.as_deref(), Some("龙岩市"));
        assert_eq!(m.place_code.as_deref(), Some("350800"));
        let m = meta("牟定县人民政府关于春节期间安全管理的通告\n现通告如下：\n一、禁止燃放烟花爆竹。\n特此通告\n牟定县人民政府\n二〇二三年一月十七日");
        assert_eq!(m.date, date(Some(2023), 1, 17));
        assert_eq!(m.kind.as_deref(), Some("announcement"));
        assert_eq!(m.place.as_deref(), Some("牟定县"));
    }

    #[test]
    fn traditional_one_line_page() {
        let m = meta("鎮巴縣水利局召開會議部署河長制重點工作 3月23日，鎮巴縣水利局組織召開專題會議。會議要求，各站所要抓好河長制工作。");
        assert_eq!(
            m.title.as_deref(),
            Some("镇巴县水利局召开会议部署河长制重点工作")
        );
        assert_eq!(m.date, date(None, 3, 23));
        assert_eq!(m.place.as_deref(), Some("镇巴县"));
        assert_eq!(m.kind.as_deref(), Some("meeting_report"));
        assert_eq!(m.issuer, ["镇巴县水利局"]);
    }

    #[test]
    fn dateline_and_publication_dates() {
        let m = meta("某地出台措施 新华社北京2月18日电 记者张三 2月16日，某地出台措施。");
        assert_eq!(m.date, date(None, 2, 18));
        let m = meta("济宁:今年新改建高标准农田40万亩\n发布时间:2024-03-31 04:11   内容来源:济宁新闻网\n今年,济宁市将坚持建管并重。");
        assert_eq!(m.date, date(Some(2024), 3, 31));
        assert_eq!(m.place.as_deref(), Some("济宁市"));
    }

    #[test]
    fn seeds_match_their_gold_metadata() {
        use crate::examples::EXAMPLES;
        let golds = [
            include_str!("../../../tests/fixtures/gold/000_06bc0e056766a6c3.json"),
            include_str!("../../../tests/fixtures/gold/001_f2e52fa04076f08f.json"),
            include_str!("../../../tests/fixtures/gold/002_8d4f1b56ddd1a958.json"),
            include_str!("../../../tests/fixtures/gold/003_9068b13d1ddf9a92.json"),
            include_str!("../../../tests/fixtures/gold/004_72afcfd04ab40aa2.json"),
        ];
        for ((name, bytes), gold) in EXAMPLES.iter().zip(golds) {
            let gold: serde_json::Value = serde_json::from_str(gold).unwrap();
            assert_eq!(gold["file"].as_str(), Some(*name));
            let m = extract(&clean(&crate::decode::decode(bytes).unwrap().text));
            let gd = &gold["date"];
            let want = Date {
                year: gd["year"].as_i64().map(|y| y as i32),
                month: gd["month"].as_u64().map(|v| v as u32),
                day: gd["day"].as_u64().map(|v| v as u32),
            };
            assert_eq!(m.date, want, "{name}: date");
            assert_eq!(m.place.as_deref(), gold["place"].as_str(), "{name}: place");
            if let Some(t) = gold["title_contains"].as_str() {
                assert!(
                    m.title.as_deref().is_some_and(|title| title.contains(t)),
                    "{name}: title {:?}",
                    m.title
                );
            }
        }
    }

    #[test]
    fn seeds_sources_and_reporters() {
        use crate::examples::EXAMPLES;
        let m: Vec<Meta> = EXAMPLES
            .iter()
            .map(|(_, b)| extract(&clean(&crate::decode::decode(b).unwrap().text)))
            .collect();
        assert_eq!(m[0].source.as_deref(), Some("右江日报"));
        assert_eq!(m[0].reporter.as_deref(), Some("黄显标"));
        assert_eq!(m[1].source.as_deref(), Some("人民网"));
        assert_eq!(m[1].reporter.as_deref(), Some("于海东"));
        assert_eq!(m[1].places.first().map(String::as_str), Some("乌海市"));
        assert!(m[1].places.iter().any(|p| p == "海勃湾区"));
        assert_eq!(m[3].source.as_deref(), Some("宿迁市广播电视总台"));
        assert_eq!(m[4].reporter.as_deref(), Some("陆雍蓉"));
        // Its 金华日报 is garbled in the source page; the client app that sent it is not.
        assert!(
            m[4].source
                .as_deref()
                .is_some_and(|s| s.starts_with("金华")),
            "{:?}",
            m[4].source
        );
        assert!(
            m[0].places.iter().all(|p| p != "长葛市"),
            "市长葛国科 is a person"
        );
    }

    #[test]
    fn unnamed_city_government_takes_the_paper_city() {
        let m = meta("---\ntags: 右江日报新闻\n---\n<p>本报讯(记者张三)市委、市政府召开会议。</p><p>（文章来源：右江日报）</p>");
        assert_eq!(m.place.as_deref(), Some("百色市"));
        assert_eq!(m.source.as_deref(), Some("右江日报"));
    }

    #[test]
    fn anchored_captures_find_what_the_unanchored_pattern_finds() {
        let anchored = full_date_re().unwrap();
        let plain = Regex::new(&anchored.as_str()[1..]).unwrap();
        let groups = |c: regex::Captures| -> Vec<String> {
            c.iter()
                .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
                .collect()
        };
        for text in [
            "",
            "2020",
            "发布于2020年3月12日，更新于 2021 - 1 - 5 。",
            "201920203.4.5 和 1999/12/31、2020.1.2.3",
            "２０２０年3月1日 20200年1月2日 1920-01-02",
            "编号20号文件，2019年第3期第4号",
        ] {
            let expected: Vec<Vec<String>> = plain.captures_iter(text).map(groups).collect();
            let found: Vec<Vec<String>> = captures_from(anchored, text, &["19", "20"])
                .map(groups)
                .collect();
            assert_eq!(found, expected, "{text}");
        }
        assert_eq!(
            captures_from(anchored, "2020年3月1日", &["19", "20"]).count(),
            1
        );
    }

    #[test]
    fn lines_are_tested_for_what_a_pattern_needs_before_the_regex_runs() {
        let day = Regex::new(r"^\d{1,2}[日号]").unwrap();
        assert!(followed_by("今年3月5日召开", "月", Some(&day)));
        assert!(followed_by("本月起，3月12号", "月", Some(&day)));
        assert!(!followed_by("3月份以来，本月底", "月", Some(&day)));
        assert!(followed_by("3月份", "月", None));
        assert!(!followed_by("三季度", "月", None));
        assert_eq!(find_month_day("3月份以来，本月底"), None);
        assert_eq!(
            find_month_day("新华社北京3月1日电").unwrap().display(),
            "????-03-01"
        );
    }
}
