//! Raw article text → the cleaned, simplified text the analysis runs on.
//!
//! This module owns the order of the cleaning steps and the record of what they removed:
//! a Jekyll front matter block is read into key/value pairs; HTML is parsed with a real
//! parser ([`super::html`]) when the text contains markup; markdown autolinks are unwrapped;
//! widths are normalized, pinyin annotations and page-continuation markers removed, and
//! traditional characters converted ([`super::convert`]); then each line is checked against
//! the boilerplate rules ([`super::boilerplate`]). Every line that survives conversion is
//! kept, in order, in `all_lines` (metadata reads datelines, credits and sources from
//! there), with `line_kinds` saying which of them made it into `text`; every line taken out
//! is listed in `removed` so that a user can check it, with the index of its line in
//! `removed_lines` so that the user can put it back ([`clean_with`] keeps the lines it is
//! told to keep, whatever the rules say).
//!
//! Conversion to simplified runs line by line and keeps the text in the input's own script
//! beside the simplified one: `original` holds exactly the kept lines as written (after
//! width normalization and pinyin removal), and `original_map` the places where the two
//! differ in length ([`super::offsets`]), so that the reader can show the original
//! characters of any span. Hostile input stays cheap: a line holding a run of more than
//! [`boilerplate::MAX_UNPUNCTUATED_RUN`] characters without punctuation (a 2 MB blob pasted
//! as one line) is removed before conversion, with a warning, and is listed only by a short
//! preview; nothing here is worse than linear in the input.

use super::boilerplate::{self, Kind};
use super::convert;
use super::html;
use super::offsets::{self, Stretch};

/// The script an input was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// The result of cleaning one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Cleaned {
    /// Cleaned, simplified article text (paragraphs separated by `\n`).
    pub text: String,
    pub script: Script,
    /// Lines removed as boilerplate, simplified (a removed blob only by a short preview).
    pub removed: Vec<String>,
    /// For each entry of `removed`: the index in `all_lines` of the line it came from, which
    /// [`clean_with`] can keep; `None` for front matter and page markers.
    pub removed_lines: Vec<Option<usize>>,
    /// `text` in the input's own script (traditional characters stay traditional); the
    /// same string as `text` when nothing was converted.
    pub original: String,
    /// Where `text` and `original` differ in length (see [`super::offsets`]); empty when
    /// they correspond character for character.
    pub original_map: Vec<Stretch>,
    /// Characters in the lines removed as blobs (runs without punctuation).
    pub blob_chars: usize,
    pub warnings: Vec<String>,
    /// Front-matter keys and values (Jekyll `---` block), if any. An HTML page's `<title>`
    /// is added as `html_title`.
    pub front_matter: Vec<(String, String)>,
    /// Every line of the document after HTML/pinyin removal and conversion, before
    /// boilerplate removal, in order: metadata is read from these. (A blob line, see
    /// [`boilerplate::is_unpunctuated_blob`], is kept unconverted.)
    pub all_lines: Vec<String>,
    /// For each line of `all_lines`: `None` when it is in `text`, else why it was removed.
    pub line_kinds: Vec<Option<Kind>>,
}

impl Cleaned {
    /// A copy of everything but the (possibly huge) texts and lines: what a bounded view of
    /// the document starts from.
    pub fn clone_without_lines(&self) -> Cleaned {
        Cleaned {
            text: String::new(),
            script: self.script,
            removed: Vec::new(),
            removed_lines: Vec::new(),
            original: String::new(),
            original_map: Vec::new(),
            blob_chars: 0,
            warnings: Vec::new(),
            front_matter: self.front_matter.clone(),
            all_lines: Vec::new(),
            line_kinds: Vec::new(),
        }
    }
}

/// Share of Han characters changed by t2s above which the input counts as traditional.
const TRADITIONAL_SHARE: f64 = 0.05;

/// Splits a Jekyll/YAML front matter block off the top of the text.
fn split_front_matter(text: &str) -> (Vec<(String, String)>, Vec<String>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("---") else {
        return (Vec::new(), Vec::new(), text);
    };
    let Some(rest) = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))
    else {
        return (Vec::new(), Vec::new(), text);
    };
    let mut pairs = Vec::new();
    let mut raw = Vec::new();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim();
        if l == "---" || l == "..." {
            return (pairs, raw, rest.get(offset..).unwrap_or(""));
        }
        if raw.len() > 80 {
            break;
        }
        raw.push(l.to_string());
        if let Some((k, v)) = l.split_once(':') {
            let key = k.trim();
            if !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                let v = v.trim();
                let v = v
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                    .unwrap_or(v);
                pairs.push((key.to_string(), v.to_string()));
            }
        }
    }
    // No closing fence: not front matter after all.
    (Vec::new(), Vec::new(), text)
}

/// `<https://…>` markdown autolinks → the bare URL, so the HTML parser does not take them
/// for tags.
fn unwrap_autolinks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        let lower = after
            .get(..after.len().min(8))
            .unwrap_or("")
            .to_ascii_lowercase();
        let end = after.find(|c: char| c == '>' || c.is_whitespace());
        match end {
            Some(e)
                if (lower.starts_with("http://") || lower.starts_with("https://"))
                    && after.get(e..).is_some_and(|r| r.starts_with('>')) =>
            {
                out.push_str(after.get(..e).unwrap_or(""));
                rest = after.get(e + 1..).unwrap_or("");
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the handful of entities that turn up in plain text copied from pages.
fn decode_common_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", " ")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Collapses runs of spaces and trims.
fn tidy(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split([' ', '\t']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How many characters of a removed blob line `removed` shows.
const PREVIEW_CHARS: usize = 60;

/// A short preview of a long removed line: its start and its length.
fn preview(line: &str) -> String {
    let n = line.chars().count();
    if n <= PREVIEW_CHARS * 2 {
        return line.to_string();
    }
    let head: String = line.chars().take(PREVIEW_CHARS).collect();
    format!("{head}…（共 {n} 字 / {n} chars）")
}

/// Cleans one decoded document.
pub fn clean(raw: &str) -> Cleaned {
    clean_with(raw, &[])
}

/// Cleans one decoded document, keeping the lines whose indices (into `all_lines`) are in
/// `keep` even where a rule would remove them: how a user undoes a wrong removal.
pub fn clean_with(raw: &str, keep: &[usize]) -> Cleaned {
    let mut warnings = Vec::new();
    let mut removed = Vec::new();
    let normalized = raw.replace("\r\n", "\n").replace('\r', "\n");
    let normalized = normalized.strip_prefix('\u{feff}').unwrap_or(&normalized);
    let (mut front_matter, fm_lines, body) = split_front_matter(normalized);
    removed.extend(fm_lines);

    let body = unwrap_autolinks(body);
    let body = if html::looks_like_html(&body) {
        let parsed = html::to_text(&body);
        if let Some(title) = parsed.title {
            front_matter.push(("html_title".to_string(), title));
        }
        if parsed.flattened {
            warnings.push(format!(
                "HTML 嵌套超过 {} 层，已不按结构提取文字 / HTML nested deeper than {} levels: its text was read without its structure",
                html::MAX_NESTING,
                html::MAX_NESTING
            ));
        }
        parsed.text
    } else {
        decode_common_entities(&body)
    };

    let body = convert::normalize_width(&body);
    let (body, pinyin) = convert::strip_pinyin(&body);
    if pinyin > 0 {
        warnings.push(format!(
            "已删除 {pinyin} 处拼音注音 / Removed {pinyin} pinyin annotations"
        ));
    }
    let (body, markers) = convert::strip_page_markers(&body);
    for (k, v) in front_matter.iter_mut() {
        if !k.is_empty() {
            *v = convert::to_simplified(&convert::normalize_width(v)).0;
        }
    }
    let mut removed_lines = vec![None; removed.len()];
    for m in markers {
        removed.push(convert::to_simplified(&m).0);
        removed_lines.push(None);
    }

    let mut all_lines = Vec::new();
    let mut line_kinds = Vec::new();
    let mut text = String::new();
    let mut original = String::new();
    let mut original_map = Vec::new();
    let (mut text_chars, mut original_chars) = (0usize, 0usize);
    let (mut changed, mut han) = (0usize, 0usize);
    let mut blobs = 0usize;
    let mut blob_chars = 0usize;
    for line in body.lines() {
        let line = tidy(line);
        if line.is_empty() {
            continue;
        }
        let index = all_lines.len();
        let kept_by_user = keep.contains(&index);
        if !kept_by_user && boilerplate::is_unpunctuated_blob(&line) {
            blobs += 1;
            blob_chars += line.chars().count();
            removed.push(preview(&line));
            removed_lines.push(Some(index));
            all_lines.push(line);
            line_kinds.push(Some(Kind::NoText));
            continue;
        }
        let (simplified, line_map, line_changed, line_han) = convert::to_simplified_aligned(&line);
        changed += line_changed;
        han += line_han;
        let kind = if kept_by_user {
            None
        } else {
            boilerplate::classify(&simplified)
        };
        match kind {
            Some(_) => {
                removed.push(simplified.clone());
                removed_lines.push(Some(index));
            }
            None => {
                let (kept, credit) = if kept_by_user {
                    (simplified.as_str(), None)
                } else {
                    boilerplate::split_trailing_credit(&simplified)
                };
                if let Some(credit) = credit {
                    removed.push(credit.to_string());
                    removed_lines.push(Some(index));
                }
                let kept_chars = kept.chars().count();
                let line_chars = line.chars().count();
                let (_, kept_original_chars) =
                    offsets::to_original(&line_map, 0, kept_chars, line_chars);
                if !text.is_empty() {
                    text.push('\n');
                    original.push('\n');
                    text_chars += 1;
                    original_chars += 1;
                }
                let kept_map: Vec<Stretch> = line_map
                    .iter()
                    .copied()
                    .filter(|st| st[0] < kept_chars)
                    .collect();
                offsets::append_shifted(&mut original_map, &kept_map, text_chars, original_chars);
                text.push_str(kept);
                original.push_str(offsets::slice_chars(&line, 0, kept_original_chars));
                text_chars += kept_chars;
                original_chars += kept_original_chars;
            }
        }
        all_lines.push(simplified);
        line_kinds.push(kind);
    }
    let script = if han > 0 && changed >= 3 && changed as f64 / han as f64 >= TRADITIONAL_SHARE {
        warnings.push(
            "已将繁体字转换为简体 / Converted traditional characters to simplified".to_string(),
        );
        Script::Traditional
    } else {
        Script::Simplified
    };
    if blobs > 0 {
        warnings.push(format!(
            "已移除 {blobs} 行超过 {max} 字无标点的文字（不像正文，可恢复） / Removed {blobs} line(s) with a run of over {max} characters without punctuation (not prose; can be restored)",
            max = boilerplate::MAX_UNPUNCTUATED_RUN
        ));
    }
    Cleaned {
        text,
        script,
        removed,
        removed_lines,
        original,
        original_map,
        blob_chars,
        warnings,
        front_matter,
        all_lines,
        line_kinds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_removed() {
        let c = clean("---\nlayout: post\ntitle: \"市政府召开复工复产会议\"\ndate: 2022-02-21 08:41:54 +0800\n---\n会议强调，要推动复工复产。");
        assert_eq!(c.text, "会议强调，要推动复工复产。");
        assert!(c
            .front_matter
            .contains(&("title".into(), "市政府召开复工复产会议".into())));
        assert!(c
            .front_matter
            .contains(&("date".into(), "2022-02-21 08:41:54 +0800".into())));
        assert!(c.removed.iter().any(|l| l == "layout: post"));
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let c = clean("---\n会议强调，要推动复工复产。");
        assert!(c.front_matter.is_empty());
        assert!(c.text.contains("会议强调"));
    }

    #[test]
    fn html_fragments_and_autolinks() {
        let c = clean("<p>会议强调，要推动“一企一策”落地。</p>\n <p>(下转第四版) </p>\n<p>(上接第一版)</p>\n<p>要优化服务。</p>\n\n<http://example.com/a.html>\n\n[返回首页](//example.com/)");
        assert_eq!(c.text, "会议强调，要推动“一企一策”落地。\n要优化服务。");
        assert!(c.removed.iter().any(|l| l == "http://example.com/a.html"));
        assert!(c.removed.iter().any(|l| l.contains("下转第四版")));
    }

    #[test]
    fn traditional_pinyin_text_is_simplified() {
        let c = clean("宿遷市召開服務(wù)企業(yè)復(fù)工復(fù)產(chǎn)工作專題會(huì)商會(huì)。");
        assert_eq!(c.text, "宿迁市召开服务企业复工复产工作专题会商会。");
        assert_eq!(c.script, Script::Traditional);
        let c = clean("宿迁市召开服务企业复工复产工作专题会商会。");
        assert_eq!(c.script, Script::Simplified);
    }

    #[test]
    fn full_width_and_boilerplate_lines() {
        let c = clean("当前位置：首页 > 新闻\n今年实施重点项目１７４个。\n责任编辑：张三\n免责声明：本文仅供参考。");
        assert_eq!(c.text, "今年实施重点项目174个。");
        assert_eq!(c.removed.len(), 3);
        assert_eq!(c.all_lines.len(), 4);
        assert_eq!(c.line_kinds.iter().filter(|k| k.is_none()).count(), 1);
    }

    #[test]
    fn closing_credit_leaves_text_but_stays_in_all_lines() {
        let c = clean("要压实企业主体责任。(记者 张三)");
        assert_eq!(c.text, "要压实企业主体责任。");
        assert_eq!(c.all_lines, ["要压实企业主体责任。(记者 张三)"]);
        assert_eq!(c.removed, ["(记者 张三)"]);
    }

    use crate::decode::decode;
    use crate::examples::EXAMPLES;

    fn cleaned_seed(i: usize) -> Cleaned {
        clean(&decode(EXAMPLES[i].1).unwrap().text)
    }

    #[test]
    fn seeds_lose_their_boilerplate() {
        let banned = [
            "免责声明",
            "告诉好友",
            "VIP",
            "返回首页",
            "layout: post",
            "下转第四版",
            "上接第一版",
            "原创力文档",
            "责编",
            "版权申诉",
            "文档贡献者",
            "当前位置",
            "关闭窗口",
            "文章来源",
            "http",
            "查看更多",
            "相关文档",
            "核心提示",
            "统一社会信用代码",
            "返回右江日报新闻",
            "推荐资讯",
            "点击排行",
        ];
        for (i, (name, _)) in EXAMPLES.iter().enumerate() {
            let c = cleaned_seed(i);
            for b in banned {
                assert!(!c.text.contains(b), "{name}: still contains {b}");
            }
            assert!(
                c.text.chars().count() > 1000,
                "{name}: too little text left"
            );
            assert_eq!(c.all_lines.len(), c.line_kinds.len());
        }
    }

    #[test]
    fn seeds_keep_their_article() {
        let keep = [
            (
                0,
                [
                    "市委、市政府召开全市复工复产工作部署会议",
                    "要用足用活用好自治区和百色市出台的",
                    "孙睿君",
                ],
            ),
            (
                1,
                [
                    "全球内蒙古频道",
                    "乌海市成立由市长任组长",
                    "开工复产“六到位”。",
                ],
            ),
            (
                2,
                ["复工复产审批要瘦身", "一站式办理", "播种人员要尽可能戴口罩"],
            ),
            (
                3,
                [
                    "宿迁市召开服务企业复工复产工作专题会商会",
                    "分类分批组织好企业复工复产",
                    "冯建林",
                ],
            ),
            (
                4,
                [
                    "东阳召开全市疫情防控和复工复产工作推进会",
                    "两确保三争取",
                    "一中心、四平台、一网格",
                ],
            ),
        ];
        for (i, words) in keep {
            let c = cleaned_seed(i);
            for w in words {
                assert!(c.text.contains(w), "{}: lost {w}", EXAMPLES[i].0);
            }
        }
    }

    #[test]
    fn traditional_seeds_come_out_simplified_without_pinyin() {
        for i in [3, 4] {
            let c = cleaned_seed(i);
            assert_eq!(c.script, Script::Traditional, "{}", EXAMPLES[i].0);
            for pinyin in ["(fù)", "(chǎn)", "(yè)", "(wù)", "(huì)", "(zhǎng)"] {
                assert!(!c.text.contains(pinyin), "{}: {pinyin}", EXAMPLES[i].0);
            }
            assert!(
                c.text.contains("复工复产") && !c.text.contains("復工"),
                "{}",
                EXAMPLES[i].0
            );
        }
        for i in [0, 1, 2] {
            assert_eq!(
                cleaned_seed(i).script,
                Script::Simplified,
                "{}",
                EXAMPLES[i].0
            );
        }
        // The parenthesized notes that are not pinyin stay.
        assert!(cleaned_seed(1).text.contains("海南区(四类地区)"));
    }

    fn html_escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    /// The seed as a saved web page: head, script, style, navigation, one `<p>` a line.
    fn as_html_page(raw: &str) -> String {
        let (front, body) = match raw
            .strip_prefix("---\n")
            .and_then(|r| r.find("\n---\n").map(|i| (i, r)))
        {
            Some((i, r)) => (format!("---\n{}\n---\n", &r[..i]), r[i + 5..].to_string()),
            None => (String::new(), raw.to_string()),
        };
        let content = if html::looks_like_html(&body) {
            body
        } else {
            body.lines()
                .map(|l| format!("<p>{}</p>\n", html_escape(l)))
                .collect()
        };
        format!(
            "{front}<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>新闻_某某网</title>\
             <script>var s = '<p>不是正文</p>';</script><style>p {{ margin: 0 }}</style></head>\n\
             <body><nav><a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻</a></nav>\n<div class=\"article\">\n{content}</div>\n\
             <script>track();</script></body></html>"
        )
    }

    #[test]
    fn seeds_clean_the_same_in_every_encoding_and_as_a_page() {
        for (i, (name, bytes)) in EXAMPLES.iter().enumerate() {
            let raw = std::str::from_utf8(bytes).unwrap();
            let expected = cleaned_seed(i).text;
            let legacy = if i >= 3 {
                encoding_rs::BIG5
            } else {
                encoding_rs::GBK
            };
            let (encoded, _, _) = legacy.encode(raw);
            let d = decode(&encoded).unwrap();
            assert_eq!(d.encoding, legacy.name(), "{name}");
            assert_eq!(clean(&d.text).text, expected, "{name} as {}", legacy.name());

            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(raw.encode_utf16().flat_map(u16::to_le_bytes));
            let d = decode(&utf16).unwrap();
            assert_eq!(d.encoding, "UTF-16LE");
            assert_eq!(clean(&d.text).text, expected, "{name} as UTF-16LE");

            let page = clean(&as_html_page(raw));
            assert_eq!(page.text, expected, "{name} as an HTML page");
        }
    }

    #[test]
    fn random_mixtures_never_panic() {
        let pool: Vec<char> =
            "复工(（fù)）<p>&;#\n-—:：。、记者市委东阳海南区?\u{fffd}\u{3000}１ａǎ[]()|»http://"
                .chars()
                .collect();
        let mut seed = 7u64;
        for len in [1usize, 5, 17, 80, 400] {
            for _ in 0..50 {
                let s: String = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        pool[(seed >> 33) as usize % pool.len()]
                    })
                    .collect();
                let c = clean(&s);
                let _ = crate::meta::extract(&c);
            }
        }
    }

    #[test]
    fn the_original_script_is_kept_beside_the_simplified_text() {
        let c = clean("當前位置：首頁 > 新聞\n宿遷市召開服務(wù)企業(yè)復(fù)工復(fù)產(chǎn)會議。\n要壓實企業主體責任。(記者 張三)");
        assert_eq!(
            c.text,
            "宿迁市召开服务企业复工复产会议。\n要压实企业主体责任。"
        );
        assert_eq!(
            c.original,
            "宿遷市召開服務企業復工復產會議。\n要壓實企業主體責任。"
        );
        assert!(c.original_map.is_empty());
        assert_eq!(c.removed.len(), c.removed_lines.len());
        assert_eq!(c.removed_lines, [Some(0), Some(2)]);
        let c = clean("纯简体文本，没有变化。");
        assert_eq!(c.original, c.text);
    }

    #[test]
    fn random_traditional_texts_map_span_for_span() {
        let pool: Vec<char> = "復工復產會議發現車輛開關東陽縣區國際體系。，、\n (（fù)）责任编辑：记者１２ａ後裡乾髮麵".chars().collect();
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        for len in [1usize, 7, 30, 200, 1000] {
            for _ in 0..40 {
                let s: String = (0..len).map(|_| pool[next(pool.len())]).collect();
                let c = clean(&s);
                let (tn, on) = (c.text.chars().count(), c.original.chars().count());
                assert_eq!(c.text.lines().count(), c.original.lines().count(), "{s:?}");
                // Converted whole (phrases in context), the original is the text.
                assert_eq!(convert::to_simplified(&c.original).0, c.text, "{s:?}");
                for _ in 0..20 {
                    let a = next(tn + 1);
                    let b = a + next(tn + 1 - a);
                    let (x, y) = offsets::to_original(&c.original_map, a, b, on);
                    assert!(x <= y && y <= on);
                    let shown = offsets::slice_chars(&c.original, x, y);
                    assert_eq!(
                        shown.chars().count(),
                        offsets::slice_chars(&c.text, a, b).chars().count(),
                        "{s:?} {a}..{b}"
                    );
                    assert_eq!(offsets::to_simplified(&c.original_map, x, y, tn), (a, b));
                }
            }
        }
    }

    #[test]
    fn blobs_are_removed_cheaply_and_can_be_kept() {
        let blob = "复工".repeat(300_000);
        let raw = format!("会议要求落实一企一策。\n{blob}\n要推动复工复产。");
        let started = std::time::Instant::now();
        let c = clean(&raw);
        // A guard against anything worse than linear (a debug build on a busy machine).
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(c.text, "会议要求落实一企一策。\n要推动复工复产。");
        assert_eq!(c.blob_chars, 600_000);
        assert!(
            c.removed[0].chars().count() < 100 && c.removed[0].contains("600000"),
            "{}",
            c.removed[0]
        );
        assert_eq!(c.removed_lines, [Some(1)]);
        assert!(c.warnings.iter().any(|w| w.contains("without punctuation")));
        let kept = clean_with(&raw, &[1]);
        assert_eq!(kept.text.lines().count(), 3);
        assert!(kept.removed.is_empty());
        // Prose with punctuation is never a blob, however long its line.
        let prose = "要推动复工复产，".repeat(50_000);
        assert_eq!(clean(&prose).text, prose);
    }

    #[test]
    fn odd_inputs_never_panic() {
        for s in [
            "", "---", "---\n---", "<", "<http://", "&", "（", "(fù)", "\u{feff}", "\r\r\n",
        ] {
            let _ = clean(s);
        }
    }
}
