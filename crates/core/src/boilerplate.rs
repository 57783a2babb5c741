//! Which lines of a web page are not the article: navigation, tool links, disclaimers,
//! credits, document-site notices, link lists.
//!
//! A copied Chinese news or document page wraps the article in the site's furniture:
//! breadcrumbs (当前位置：首页 » …), font-size and share links (放大字体 缩小字体 告诉好友
//! 打印本页 关闭窗口), copyright and disclaimer paragraphs (版权所有, 免责声明, ICP备案),
//! editor credits (责任编辑：…), related-link headings (相关文档, 推荐资讯, 点击排行, 查看更多),
//! bare URLs, 返回首页 links, and on document-sharing sites (文库) numbered notices about
//! VIP membership, downloads and 版权申诉. This module decides, one line at a time, whether
//! a line is such furniture, and says which kind. The rules are written from the vocabulary
//! of Chinese web pages in general, and weighed by line length: a short line made of site
//! words is furniture, a long paragraph with sentences is never removed for a word it
//! happens to contain. Lines are expected simplified and width-normalized.

/// Why a line was taken for boilerplate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Navigation,
    PageTools,
    Disclaimer,
    Credit,
    LinkList,
    Url,
    DocumentSite,
    Byline,
    Summary,
    NoText,
}

/// Navigation words: breadcrumbs, site menus.
const NAV_START: &[&str] = &[
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "你现在的位置",
    "所在位置",
    "位置:",
    "位置：",
];
const SITE_MENU: &[&str] = &[
    "网站首页",
    "网站地图",
    "关于我们",
    "联系我们",
    "隐私政策",
    "使用协议",
    "广告服务",
    "帮助中心",
    "网站留言",
    "RSS订阅",
    "法律声明",
    "意见反馈",
    "网站导航",
    "版权隐私",
    "友情链接",
    "投稿须知",
    "加入我们",
    "人才招聘",
    "设为首页",
    "加入收藏",
];

/// Page tools: font size, share, print, close.
const TOOLS: &[&str] = &[
    "放大字体",
    "缩小字体",
    "字体:大",
    "字体：大",
    "字号:",
    "字号：",
    "【大 中 小】",
    "[大 中 小]",
    "告诉好友",
    "推荐给好友",
    "推荐给朋友",
    "打印本页",
    "打印本文",
    "打印此页",
    "打印文章",
    "【打印】",
    "[打印]",
    "关闭窗口",
    "【关闭】",
    "[关闭]",
    "收藏本页",
    "收藏此页",
    "分享到",
    "一键分享",
    "扫一扫",
    "微信扫一扫",
    "资讯搜索",
    "返回顶部",
    "+ 关注",
    "+关注",
    "保存本页",
    "纠错",
    "我要纠错",
    "【纠错】",
    "打印本页】",
    "字体大小",
];

/// Disclaimer and copyright words.
const DISCLAIMER: &[&str] = &[
    "免责声明",
    "版权声明",
    "版权所有",
    "copyright",
    "©",
    "(c)20",
    "侵权必究",
    "转载请注明",
    "未经授权",
    "本站不承担",
    "不承担任何责任",
    "仅代表作者",
    "不代表本站",
    "本网站对",
    "本站对所有发布",
    "ICP备",
    "ICP证",
    "公网安备",
    "网安备",
    "违法和不良信息举报",
    "本文若有侵权",
    "如有侵权",
    "请自行核实",
    "仅供参考",
    "与本站无关",
    "仅作参考",
];

/// Related-link headings and lists.
const LINK_LIST: &[&str] = &[
    "相关文档",
    "相关文章",
    "相关阅读",
    "相关新闻",
    "相关链接",
    "相关资讯",
    "相关评论",
    "推荐资讯",
    "推荐图文",
    "推荐阅读",
    "推荐文章",
    "点击排行",
    "热门文章",
    "热门推荐",
    "热点新闻",
    "最新文章",
    "最新资讯",
    "查看更多",
    "查看全部",
    "更多>>",
    "更多>",
    "上一篇",
    "下一篇",
    "猜你喜欢",
    "延伸阅读",
    "您可能关注的文档",
    "你可能关注的文档",
    "精彩推荐",
    "大家都在看",
    "图片新闻",
    "热门评论",
    "发表评论",
    "网友评论",
    "我要评论",
    "已有0条评论",
    "条评论",
];

/// Document-sharing sites (文库): strong single words, and weaker ones counted together.
const DOC_SITE_STRONG: &[&str] = &[
    "VIP",
    "原创力文档",
    "book118",
    "道客巴巴",
    "豆丁网",
    "百度文库",
    "版权申诉",
    "文档贡献者",
    "文档评论",
    "用户编号",
    "认证主体",
    "IP属地",
    "统一社会信用代码",
    "组织机构代码",
    "该用户很懒",
    "官方认证",
    "版权声明书",
    "下载权益",
    "上传文档",
    "下载本文档",
    "举报电话",
    "付费前",
    "二次下载",
    "文档格式转换",
    "本文档共",
];
const DOC_SITE_WEAK: &[&str] = &[
    "文档",
    "下载",
    "付费",
    "上传",
    "会员",
    "本站",
    "网友",
    "退款",
    "积分",
    "点击",
    "关注",
    "权益",
    "阅读全部",
    "预览",
    "侵权",
    "服务费",
    "举报",
    "客服",
];

/// Editor credits at the start of a line.
const CREDITS: &[&str] = &[
    "责编",
    "责任编辑",
    "编辑",
    "网络编辑",
    "值班编辑",
    "审核",
    "审校",
    "校对",
    "编审",
    "初审",
    "复审",
    "终审",
    "一审",
    "二审",
    "三审",
    "监制",
    "签发",
    "美编",
    "制作",
];

fn count_chars(s: &str) -> usize {
    s.chars().count()
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| super::convert::is_han(c)).count()
}

/// Strips opening brackets and spaces a credit or label may be wrapped in.
fn unwrap_start(line: &str) -> &str {
    line.trim_start_matches(|c: char| c.is_whitespace() || "（(【[「<《".contains(c))
}

/// Does the line start with `word` followed by a colon (ASCII or full-width)?
fn labelled(line: &str, word: &str) -> bool {
    unwrap_start(line)
        .strip_prefix(word)
        .map(|rest| rest.trim_start())
        .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('：'))
}

/// The longest run of characters without punctuation or white space that a line of prose
/// can hold: a clause of Chinese prose is a few dozen characters, so a run twenty times
/// longer is a blob (an inline image, a minified script, a mis-decoded binary), not text.
pub const MAX_UNPUNCTUATED_RUN: usize = 1_000;

/// Does `line` hold a run of more than [`MAX_UNPUNCTUATED_RUN`] characters without any
/// punctuation or white space? Linear, and stops at the first such run.
pub fn is_unpunctuated_blob(line: &str) -> bool {
    if line.len() <= MAX_UNPUNCTUATED_RUN {
        return false;
    }
    let mut run = 0usize;
    for c in line.chars() {
        if c.is_whitespace()
            || c.is_ascii_punctuation()
            || "，。、；：！？…—「」『』“”‘’（）《》【】·".contains(c)
        {
            run = 0;
        } else {
            run += 1;
            if run > MAX_UNPUNCTUATED_RUN {
                return true;
            }
        }
    }
    false
}

/// Is the line nothing but URLs, markdown links, separators?
fn is_links_only(line: &str) -> bool {
    let mut rest = line.trim();
    if rest.is_empty() {
        return false;
    }
    let mut links = 0;
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|｜/·•,，、>»›".contains(c));
        if rest.is_empty() {
            break;
        }
        if rest.starts_with('[') {
            // [text](url)
            let Some(close) = rest.find("](") else {
                return false;
            };
            let after = rest.get(close + 2..).unwrap_or("");
            let Some(end) = after.find(')') else {
                return false;
            };
            rest = after.get(end + 1..).unwrap_or("");
            links += 1;
        } else if let Some(url_len) = url_prefix_len(rest) {
            rest = rest.get(url_len..).unwrap_or("");
            links += 1;
        } else {
            return false;
        }
    }
    links > 0
}

/// Length in bytes of a URL (optionally in `<…>`) at the start of `s`.
fn url_prefix_len(s: &str) -> Option<usize> {
    let (inner, wrapped) = match s.strip_prefix('<') {
        Some(r) => (r, true),
        None => (s, false),
    };
    let lower = inner
        .get(..inner.len().min(12))
        .unwrap_or("")
        .to_ascii_lowercase();
    if !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with("//"))
    {
        return None;
    }
    let end = inner
        .find(|c: char| c.is_whitespace() || (wrapped && c == '>'))
        .unwrap_or(inner.len());
    let extra = if wrapped && inner.get(end..).is_some_and(|r| r.starts_with('>')) {
        2
    } else {
        usize::from(wrapped)
    };
    Some(end + extra)
}

/// A dateline/byline: publication date, source, author, view counts — no sentence.
fn is_byline(line: &str) -> bool {
    let n = count_chars(line);
    if n > 90 || line.contains('。') {
        return false;
    }
    let labels = [
        "来源:",
        "来源：",
        "作者:",
        "作者：",
        "发布时间",
        "发布日期",
        "发布者",
        "浏览次数",
        "点击数",
        "阅读数",
        "阅读量",
        "浏览量",
        "访问量",
        "稿源",
        "时间:",
        "时间：",
        "日期:",
        "日期：",
    ];
    let hits = labels.iter().filter(|l| line.contains(*l)).count();
    let starts_with_date = {
        let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.len() == 4
            && line.get(4..).is_some_and(|r| {
                r.starts_with('年')
                    || r.starts_with('-')
                    || r.starts_with('/')
                    || r.starts_with('.')
            })
    };
    // 金华新闻客户端2月18日消息 某某日报记者 张三 / 新华社北京3月1日电（记者 张三）
    let dispatch = (line.contains("消息") || line.contains("日电") || line.contains("讯"))
        && line.contains("记者")
        && n <= 50;
    hits >= 2
        || (hits >= 1 && (starts_with_date || n <= 40))
        || (starts_with_date && n <= 40 && (line.contains("来源") || line.contains(':')))
        || dispatch
}

/// Classifies one line (simplified, width-normalized, trimmed).
pub fn classify(line: &str) -> Option<Kind> {
    let line = line.trim();
    let n = count_chars(line);
    if n == 0 {
        return None;
    }
    let lower = line.to_lowercase();
    let sentences = line.matches('。').count();
    let short = n <= 60 && sentences <= 1;

    if is_links_only(line) {
        return Some(Kind::Url);
    }
    if NAV_START.iter().any(|w| unwrap_start(line).starts_with(w)) && n <= 120 {
        return Some(Kind::Navigation);
    }
    if line.contains("首页")
        && n <= 80
        && ["»", ">", "›", "→", "/", "|", "｜", "＞"]
            .iter()
            .any(|s| line.contains(s))
    {
        return Some(Kind::Navigation);
    }
    let menu_hits = SITE_MENU.iter().filter(|w| line.contains(*w)).count();
    let bars = line.matches(['|', '｜']).count();
    if menu_hits >= 2 || (menu_hits >= 1 && bars >= 2) || (bars >= 4 && sentences == 0) {
        return Some(Kind::Navigation);
    }
    // 返回首页, 返回右江日报新闻, 返回列表
    if unwrap_start(line).starts_with("返回") && n <= 30 && sentences == 0 {
        return Some(Kind::Navigation);
    }
    if n <= 200 && TOOLS.iter().any(|w| line.contains(w)) {
        return Some(Kind::PageTools);
    }
    if DISCLAIMER.iter().any(|w| lower.contains(&w.to_lowercase()))
        && (n <= 400 || lower.starts_with("免责声明") || lower.starts_with("版权声明"))
    {
        return Some(Kind::Disclaimer);
    }
    if n <= 60 && CREDITS.iter().any(|w| labelled(line, w)) {
        return Some(Kind::Credit);
    }
    // (文章来源：右江日报) / 来源：人民网 / 本文来源 / 原标题：…
    if n <= 50
        && [
            "文章来源",
            "新闻来源",
            "信息来源",
            "稿件来源",
            "本文来源",
            "来源",
            "原标题",
            "出处",
            "转自",
            "作者",
        ]
        .iter()
        .any(|w| labelled(line, w))
    {
        return Some(Kind::Credit);
    }
    if ["核心提示", "内容提要", "摘要", "导读"]
        .iter()
        .any(|w| labelled(line, w))
    {
        return Some(Kind::Summary);
    }
    let link_hits = LINK_LIST.iter().filter(|w| line.contains(*w)).count();
    if link_hits >= 1 && n <= 30 && sentences == 0 {
        return Some(Kind::LinkList);
    }
    let strong = DOC_SITE_STRONG.iter().filter(|w| line.contains(*w)).count();
    let weak = DOC_SITE_WEAK.iter().filter(|w| line.contains(*w)).count();
    if (strong >= 1 && n <= 300)
        || (strong >= 1 && weak >= 2 && n <= 600)
        || (weak >= 3 && n <= 400)
        || (weak >= 2 && n <= 40 && sentences == 0)
    {
        return Some(Kind::DocumentSite);
    }
    // A file name as the page's heading: 复工复产审批要瘦身.docx
    if n <= 120 && sentences == 0 && has_file_extension(&lower) {
        return Some(Kind::DocumentSite);
    }
    if short && is_byline(line) {
        return Some(Kind::Byline);
    }
    if han_count(line) == 0 {
        return Some(Kind::NoText);
    }
    None
}

/// Ends with a document file extension (optionally followed by a site tag like VIP).
pub fn has_file_extension(lower: &str) -> bool {
    [
        ".docx", ".doc", ".pdf", ".pptx", ".ppt", ".xlsx", ".xls", ".wps", ".txt",
    ]
    .iter()
    .any(|ext| {
        lower.find(ext).is_some_and(|i| {
            let rest = lower.get(i + ext.len()..).unwrap_or("");
            rest.chars()
                .all(|c| c.is_ascii_alphanumeric() || c.is_whitespace())
        })
    })
}

/// Removes a closing reporter/author credit from the end of a paragraph:
/// `……到位”。（记者 于海东）` → (`……到位”。`, Some(`（记者 于海东）`)).
pub fn split_trailing_credit(line: &str) -> (&str, Option<&str>) {
    let trimmed = line.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return (line, None);
    };
    if last != ')' && last != '）' {
        return (line, None);
    }
    let Some(open) = trimmed.rfind(['(', '（']) else {
        return (line, None);
    };
    let inner = trimmed.get(open..).unwrap_or("");
    let body = trimmed.get(..open).unwrap_or("");
    let words = [
        "记者",
        "通讯员",
        "作者",
        "实习生",
        "本报",
        "编辑",
        "责编",
        "供稿",
        "撰稿",
        "来源",
    ];
    let is_credit = words.iter().any(|w| inner.contains(w))
        && count_chars(inner) <= 40
        && !inner.contains('。');
    if is_credit
        && !body.trim().is_empty()
        && body.trim_end().ends_with(['。', '！', '？', '”', '」'])
    {
        (body.trim_end(), Some(inner))
    } else {
        (line, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(line: &str, kind: Kind) {
        assert_eq!(classify(line), Some(kind), "{line}");
    }

    #[test]
    fn navigation_lines() {
        is("当前位置: 首页 » 资讯 » 国内 » 正文", Kind::Navigation);
        is("您的位置：首页 > 政务公开 > 工作动态", Kind::Navigation);
        is("首页 > 新闻中心 > 本地新闻", Kind::Navigation);
        is(
            "网站首页 | 关于我们 | 联系我们 | 网站地图",
            Kind::Navigation,
        );
        is("返回首页", Kind::Navigation);
        is("返回市政府新闻", Kind::Navigation);
    }

    #[test]
    fn page_tool_lines() {
        is("放大字体 缩小字体 发布日期:2021-05-01", Kind::PageTools);
        is("[ 告诉好友 ] [ 打印本页 ] [ 关闭窗口 ]", Kind::PageTools);
        is("【打印】【关闭】", Kind::PageTools);
        is("分享到：微信 微博 QQ空间", Kind::PageTools);
    }

    #[test]
    fn disclaimer_and_credit_lines() {
        is(
            "免责声明：本文仅代表作者个人观点，与本站无关。",
            Kind::Disclaimer,
        );
        is("版权所有：某某市人民政府办公室", Kind::Disclaimer);
        is(
            "Copyright © 2020 某某网 All Rights Reserved",
            Kind::Disclaimer,
        );
        is("(责编:张三、李四)", Kind::Credit);
        is("责任编辑：王五", Kind::Credit);
        is("（文章来源：某某日报）", Kind::Credit);
        is("来源：新华网", Kind::Credit);
        is("原标题：统筹推进复工复产", Kind::Credit);
        is(
            "核心提示:原标题:统筹推进复工复产 近日，本市出台措施",
            Kind::Summary,
        );
    }

    #[test]
    fn link_lists_urls_and_document_sites() {
        is("相关文档", Kind::LinkList);
        is("推荐资讯", Kind::LinkList);
        is("0条 [查看全部] 相关评论", Kind::LinkList);
        is("https://example.com/news/1.html", Kind::Url);
        is("<http://example.com/a?b=1>", Kind::Url);
        is(
            "[返回新闻列表](//example.com/list.html)｜[返回首页](//example.com/)",
            Kind::Url,
        );
        is(
            "5. 5、该文档为VIP文档，如果想要下载，成为VIP会员后，下载免费。",
            Kind::DocumentSite,
        );
        is(
            "本站所有内容均由网友上传，付费前请自行鉴别，本站不退款。",
            Kind::DocumentSite,
        );
        is("关于做好春耕工作的通知.docxVIP", Kind::DocumentSite);
        is("用户编号:123456789", Kind::DocumentSite);
        is("91510100MA6ADW1H0N", Kind::NoText);
    }

    #[test]
    fn bylines() {
        is("2021年03月05日09:30 来源:某某市广播电视台", Kind::Byline);
        is(
            "发布时间：2021-03-05 来源：市政府办 浏览次数：120",
            Kind::Byline,
        );
        is("某某新闻客户端3月5日消息 某某日报记者 张三", Kind::Byline);
    }

    #[test]
    fn article_lines_are_kept() {
        for line in [
            "全球内蒙古频道:张三 精准发力 推动企业平稳复工",
            "疫情防控上,守牢网格这个关口",
            "会议强调，要多措并举，突出重点，扎实有力促进复工复产。",
            "要优化审批流程，推行网上办理、下载电子证照，减少群众跑腿。",
            "市委书记出席会议并讲话。相关部门负责人参加会议。",
            "一是提高农民群众防疫自觉性。",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn trailing_credits_split_off() {
        assert_eq!(
            split_trailing_credit("做到“六到位”。(记者 于海东)"),
            ("做到“六到位”。", Some("(记者 于海东)"))
        );
        assert_eq!(
            split_trailing_credit("海南区(四类地区)"),
            ("海南区(四类地区)", None)
        );
        assert_eq!(
            split_trailing_credit("（记者 张三）"),
            ("（记者 张三）", None)
        );
    }
}
