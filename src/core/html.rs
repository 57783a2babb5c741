//! HTML → plain lines, with a real HTML5 parser (`scraper`, i.e. html5ever).
//!
//! Saved web pages and copied fragments reach the cleaner with their markup: `<p>` per
//! paragraph, entities such as `&nbsp;`, scripts, styles and navigation bars. Regular
//! expressions cannot parse that reliably (unclosed `<p>`, comments, `<` inside scripts),
//! so this module hands the text to html5ever and walks the tree: script, style, navigation
//! and form controls are dropped, block elements and `<br>` become line breaks, entities come
//! back decoded, and the page `<title>` is returned apart so that metadata can use it.
//! A whole page (`<html>`, `<body>`, a doctype) gets HTML white-space rules — source line
//! wraps inside a paragraph are not paragraph breaks; a fragment pasted into plain text keeps
//! its own line breaks, because there the surrounding text is plain text.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Plain text taken out of an HTML document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// One paragraph a line, trimmed, without empty lines.
    pub text: String,
    /// The page `<title>`, if any.
    pub title: Option<String>,
}

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "iframe", "svg", "template", "object", "embed", "select",
    "button", "textarea", "head", "map", "canvas", "audio", "video",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "tbody", "thead", "tfoot",
    "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "aside", "main",
    "blockquote", "pre", "hr", "form", "center", "address", "figure", "figcaption", "caption",
    "fieldset", "legend", "details", "summary", "body", "html", "title", "option",
];

/// Does `text` contain HTML markup worth parsing? Looks for known tags, closing tags,
/// comments and common entities, so that a stray `<` or `a < b` is not taken for HTML.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    const TAGS: &[&str] = &[
        "p", "div", "br", "span", "a", "html", "body", "head", "table", "tr", "td", "li", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "font", "strong", "b", "img", "script", "style",
        "section", "article", "meta", "title", "em", "i", "center", "!doctype",
    ];
    let mut i = 0;
    while let Some(pos) = lower.get(i..).and_then(|s| s.find('<')) {
        let start = i + pos + 1;
        let rest = lower.get(start..).unwrap_or("");
        if rest.starts_with("!--") {
            return true;
        }
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
        let after = rest.get(name.len()..).and_then(|s| s.chars().next());
        if TAGS.contains(&name.as_str()) && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t' | '\r')) {
            return true;
        }
        i = start;
        if i >= bytes.len() {
            break;
        }
    }
    ["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#"].iter().any(|e| lower.contains(e))
        && lower.contains(';')
}

/// Is this a whole page rather than a fragment?
fn is_full_document(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("<html") || lower.contains("<body") || lower.contains("<!doctype")
}

/// Chinese characters and full-width punctuation: no space is written between them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Appends a text node; `page` applies HTML white-space collapsing.
fn push_text(out: &mut String, text: &str, page: bool) {
    if !page {
        out.push_str(text);
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_whitespace() || c == '\u{3000}' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let mut newline = false;
        while i < chars.len() && chars[i].is_whitespace() && chars[i] != '\u{3000}' {
            newline |= chars[i] == '\n' || chars[i] == '\r';
            i += 1;
        }
        let prev = if start > 0 { Some(chars[start - 1]) } else { out.chars().last() };
        let next = chars.get(i).copied();
        let join_cjk = newline && prev.is_some_and(is_cjk) && next.is_some_and(is_cjk);
        if !join_cjk && !out.ends_with(' ') && !out.ends_with('\n') {
            out.push(' ');
        }
    }
}

/// Converts HTML (a page or a fragment) to plain lines.
pub fn to_text(html: &str) -> HtmlText {
    let page = is_full_document(html);
    let doc = Html::parse_document(html);
    let mut out = String::new();
    let mut title = String::new();
    let mut dropped_depth = 0usize;
    let mut in_title = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if name == "title" {
                        in_title += 1;
                    } else if DROPPED.contains(&name) {
                        dropped_depth += 1;
                    } else if dropped_depth == 0 && BLOCKS.contains(&name) {
                        out.push('\n');
                    }
                }
                Node::Text(t) => {
                    if in_title > 0 {
                        title.push_str(t);
                    } else if dropped_depth == 0 {
                        push_text(&mut out, t, page);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "title" {
                        in_title = in_title.saturating_sub(1);
                    } else if DROPPED.contains(&name) {
                        dropped_depth = dropped_depth.saturating_sub(1);
                    } else if dropped_depth == 0 && BLOCKS.contains(&name) {
                        out.push('\n');
                    }
                }
            }
        }
    }
    let text = out
        .lines()
        .map(|l| l.split([' ', '\t', '\u{a0}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    HtmlText { text, title: (!title.is_empty()).then_some(title) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_but_not_plain_text() {
        assert!(looks_like_html("<p>市政府召开会议</p>"));
        assert!(looks_like_html("正文<br>第二段"));
        assert!(looks_like_html("<!-- 注释 -->正文"));
        assert!(looks_like_html("企业&nbsp;复工"));
        assert!(!looks_like_html("产值 < 100亿元，增速 > 5%"));
        assert!(!looks_like_html("纯文本，没有标签。"));
    }

    #[test]
    fn blocks_become_lines_and_scripts_go() {
        let html = "<html><head><title>复工复产_新闻网</title><style>p{color:red}</style></head><body>\
            <nav><a href='/'>首页</a> » 新闻</nav><div><h1>市政府召开会议</h1>\
            <p>会议强调，要推动&ldquo;一企一策&rdquo;落地。</p><p>第二段&nbsp;内容<br>换行后</p></div>\
            <script>var x = '<p>不是正文</p>';</script></body></html>";
        let t = to_text(html);
        assert_eq!(t.title.as_deref(), Some("复工复产_新闻网"));
        assert_eq!(t.text, "市政府召开会议\n会议强调，要推动“一企一策”落地。\n第二段 内容\n换行后");
    }

    #[test]
    fn page_source_wraps_are_not_paragraph_breaks() {
        let html = "<html><body><p>要加快推进三次产业\n复工复产。Policy\nwords</p></body></html>";
        assert_eq!(to_text(html).text, "要加快推进三次产业复工复产。Policy words");
    }

    #[test]
    fn fragments_keep_their_line_breaks() {
        let t = to_text("<p>第一段。</p>\n\n纯文本一行\n纯文本二行");
        assert_eq!(t.text, "第一段。\n纯文本一行\n纯文本二行");
    }

    #[test]
    fn broken_markup_never_panics() {
        for s in ["<p", "<<<>>>", "</div></div>", "<p><b><i>未闭合", "<script>", "&#xFFFFFFFF;", "<title>"] {
            let _ = to_text(s);
        }
    }
}
