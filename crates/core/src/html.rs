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
//!
//! html5ever checks the stack of open elements for every new tag, so a hostile page of
//! 100 000 nested `<div>`s would take minutes: markup nested deeper than [`MAX_NESTING`]
//! levels (estimated in one linear pass) is read instead by a flat, linear tag stripper that
//! keeps the same line rules without building a tree, and the result says so.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Plain text taken out of an HTML document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// One paragraph a line, trimmed, without empty lines.
    pub text: String,
    /// The page `<title>`, if any.
    pub title: Option<String>,
    /// True when the markup nested deeper than [`MAX_NESTING`] and was read by the flat
    /// tag stripper instead of the HTML parser.
    pub flattened: bool,
}

/// The deepest element nesting handed to the HTML parser.
pub const MAX_NESTING: usize = 512;

/// Elements that never nest (void) or that the parser closes implicitly (so that a page of
/// unclosed `<p>` or `<li>` does not count as deep).
const NOT_NESTING: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "wbr", "area", "base", "col", "embed", "source",
    "track", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "!doctype",
];

/// The tag name starting at `rest` (after `<` or `</`), lower-cased.
fn tag_name(rest: &str) -> String {
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// An estimate of the deepest element nesting of `html`, in one pass; stops counting once
/// past `limit`.
fn nesting_depth(html: &str, limit: usize) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = rest.get(i + 1..).unwrap_or("");
        if let Some(closing) = rest.strip_prefix('/') {
            if !NOT_NESTING.contains(&tag_name(closing).as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = tag_name(rest);
        let self_closing = rest
            .find('>')
            .and_then(|e| rest.get(..e))
            .is_some_and(|t| t.ends_with('/'));
        if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                return max;
            }
        }
    }
    max
}

/// Decodes the common named entities and numeric ones (for the flat reader).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        let end = after.as_bytes().iter().take(12).position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let name = after.get(..e)?;
            let c = match name {
                "nbsp" => ' ',
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "ldquo" => '“',
                "rdquo" => '”',
                "lsquo" => '‘',
                "rsquo" => '’',
                "mdash" => '—',
                "hellip" => '…',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = after.get(e + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads `html` without a tree: drops tags (and the content of dropped elements), breaks
/// lines at block elements, decodes entities. Linear in the input.
fn flat_text(html: &str, page: bool) -> HtmlText {
    let mut out = String::new();
    let mut title = String::new();
    let mut dropped: Option<String> = None;
    let mut in_title = false;
    let mut rest = html;
    while !rest.is_empty() {
        let i = rest.find('<').unwrap_or(rest.len());
        let text = rest.get(..i).unwrap_or("");
        if dropped.is_none() {
            if in_title {
                title.push_str(&decode_entities(text));
            } else {
                push_text(&mut out, &decode_entities(text), page);
            }
        }
        let after = rest.get(i + 1..).unwrap_or("");
        let Some(end) = after.find('>') else { break };
        let tag = after.get(..end).unwrap_or("");
        rest = after.get(end + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name = tag_name(tag.trim_start_matches('/'));
        if let Some(d) = &dropped {
            if closing && name == *d {
                dropped = None;
            }
            continue;
        }
        if name == "title" {
            in_title = !closing;
        } else if !closing
            && name != "head"
            && DROPPED.contains(&name.as_str())
            && !tag.ends_with('/')
        {
            dropped = Some(name);
        } else if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    finish(&out, &title, true)
}

/// Joins the collected text into trimmed, non-empty lines.
fn finish(out: &str, title: &str, flattened: bool) -> HtmlText {
    let text = out
        .lines()
        .map(|l| {
            l.split([' ', '\t', '\u{a0}'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    HtmlText {
        text,
        title: (!title.is_empty()).then_some(title),
        flattened,
    }
}

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "iframe", "svg", "template", "object", "embed", "select",
    "button", "textarea", "head", "map", "canvas", "audio", "video",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "blockquote",
    "pre",
    "hr",
    "form",
    "center",
    "address",
    "figure",
    "figcaption",
    "caption",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "html",
    "title",
    "option",
];

/// Does `text` contain HTML markup worth parsing? Looks for known tags, closing tags,
/// comments and common entities, so that a stray `<` or `a < b` is not taken for HTML.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    const TAGS: &[&str] = &[
        "p", "div", "br", "span", "a", "html", "body", "head", "table", "tr", "td", "li", "ul",
        "ol", "h1", "h2", "h3", "h4", "h5", "h6", "font", "strong", "b", "img", "script", "style",
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
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        let after = rest.get(name.len()..).and_then(|s| s.chars().next());
        if TAGS.contains(&name.as_str())
            && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t' | '\r'))
        {
            return true;
        }
        i = start;
        if i >= bytes.len() {
            break;
        }
    }
    ["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#"]
        .iter()
        .any(|e| lower.contains(e))
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
        let prev = if start > 0 {
            Some(chars[start - 1])
        } else {
            out.chars().last()
        };
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
    if nesting_depth(html, MAX_NESTING) > MAX_NESTING {
        return flat_text(html, page);
    }
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
    finish(&out, &title, false)
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
        assert_eq!(
            t.text,
            "市政府召开会议\n会议强调，要推动“一企一策”落地。\n第二段 内容\n换行后"
        );
    }

    #[test]
    fn page_source_wraps_are_not_paragraph_breaks() {
        let html = "<html><body><p>要加快推进三次产业\n复工复产。Policy\nwords</p></body></html>";
        assert_eq!(
            to_text(html).text,
            "要加快推进三次产业复工复产。Policy words"
        );
    }

    #[test]
    fn fragments_keep_their_line_breaks() {
        let t = to_text("<p>第一段。</p>\n\n纯文本一行\n纯文本二行");
        assert_eq!(t.text, "第一段。\n纯文本一行\n纯文本二行");
    }

    #[test]
    fn deep_nesting_is_read_flat_and_fast() {
        let n = 100_000;
        let html = format!(
            "<html><head><title>深</title><script>x()</script></head><body>{}<p>市政府要求落实一企一策&amp;推动复工复产。</p><p>第二段</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let started = std::time::Instant::now();
        let t = to_text(&html);
        assert!(t.flattened);
        assert_eq!(t.text, "市政府要求落实一企一策&推动复工复产。\n第二段");
        assert_eq!(t.title.as_deref(), Some("深"));
        assert!(started.elapsed().as_secs() < 3, "{:?}", started.elapsed());
        // Ordinary pages, even with hundreds of unclosed paragraphs, still get the parser.
        let many = "<p>一段".repeat(2000);
        assert!(!to_text(&many).flattened);
        assert!(!to_text("<div><div><p>正文</p></div></div>").flattened);
    }

    #[test]
    fn broken_markup_never_panics() {
        for s in [
            "<p",
            "<<<>>>",
            "</div></div>",
            "<p><b><i>未闭合",
            "<script>",
            "&#xFFFFFFFF;",
            "<title>",
        ] {
            let _ = to_text(s);
        }
    }
}
