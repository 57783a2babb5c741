//! Errors of the analysis core, each with the bilingual message a user sees.
//!
//! One error type for the core layer: anything that stops one input from being analyzed.
//! The other inputs always go on; the message names what is wrong in 中文 and English.

use thiserror::Error;

/// A message a user reads: what kind of problem it is (a stable `snake_case` id the UI and
/// scripts can branch on) and the text in both languages. Shown as `中文 / English` where
/// one line must hold both (the CLI, the JSON report's `message`); the page shows the
/// language the user chose.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    /// What kind of problem: a stable id such as `too_large` or `storage_full`.
    #[serde(default)]
    pub kind: String,
    /// The message in Chinese.
    #[serde(default)]
    pub zh: String,
    /// The message in English.
    #[serde(default)]
    pub en: String,
}

impl Message {
    /// A message of `kind` in both languages.
    pub fn new(kind: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            kind: kind.to_string(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in Chinese (`zh == true`) or English; the other language when that one is
    /// empty.
    pub fn text(&self, zh: bool) -> &str {
        let (first, second) = if zh {
            (&self.zh, &self.en)
        } else {
            (&self.en, &self.zh)
        };
        if first.is_empty() {
            second
        } else {
            first
        }
    }

    /// The same message about one named input: `name：…` / `name: …`.
    pub fn about(&self, name: &str) -> Message {
        Message {
            kind: self.kind.clone(),
            zh: format!("{name}：{}", self.zh),
            en: format!("{name}: {}", self.en),
        }
    }
}

impl Message {
    /// Reads a message written `中文 / English` on one line: the separator is the first
    /// ` / ` followed by ASCII with more Chinese characters before it than after it (a
    /// name quoted in both halves may hold ` / ` or Chinese itself). Text without one is
    /// taken as both.
    pub fn split(kind: &str, text: &str) -> Message {
        let chinese = |s: &str| {
            s.chars()
                .filter(|c| !c.is_ascii() && c.is_alphabetic())
                .count()
        };
        let at = text.match_indices(" / ").map(|(i, _)| i).find(|&i| {
            let rest = &text[i + 3..];
            rest.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && chinese(&text[..i]) > chinese(rest)
        });
        match at {
            Some(i) => Message::new(kind, &text[..i], &text[i + 3..]),
            None => Message::new(kind, text, text),
        }
    }
}

/// An error a user reads: its kind and its message in both languages. Every error type of
/// the core implements it; its `Display` is the two languages joined, `中文 / English`.
pub trait Bilingual: std::fmt::Display {
    /// The stable id of this kind of error (`snake_case`).
    fn kind(&self) -> &'static str;

    /// What went wrong, in both languages.
    fn message(&self) -> Message {
        Message::split(self.kind(), &self.to_string())
    }
}

impl Bilingual for IngestError {
    fn kind(&self) -> &'static str {
        IngestError::kind(self)
    }

    fn message(&self) -> Message {
        IngestError::message(self)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.zh.is_empty(), self.en.is_empty()) {
            (false, false) => write!(f, "{} / {}", self.zh, self.en),
            (true, _) => f.write_str(&self.en),
            (false, true) => f.write_str(&self.zh),
        }
    }
}

/// Why one input could not be analyzed. (Serializable: a helper web worker that analyzed an
/// input sends it back.) [`IngestError::message`] gives its kind and both languages; its
/// `Display` is the two joined, `中文 / English`.
#[derive(Clone, Debug, Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[error("{}", self.message())]
pub enum IngestError {
    /// The file holds nothing.
    Empty,
    /// The bytes are not text.
    Binary,
    /// A file type Cuoshi does not read (its extension).
    UnsupportedType(String),
    /// The bytes could not be decoded (why).
    Undecodable(String),
    /// Over the size limit.
    TooLarge {
        /// The input's size, MB.
        size_mb: u64,
        /// The limit, MB.
        limit_mb: u64,
    },
    /// Nothing is left once boilerplate and markup are removed.
    NoText,
    /// The same text as an input already loaded (its name).
    Duplicate(String),
    /// The container is corrupt or not of its type (why).
    Corrupt(String),
    /// The file could not be read (why).
    Unreadable(String),
    /// A run of this many characters without punctuation.
    NoProse(usize),
    /// An encoding name Cuoshi does not know.
    UnknownEncoding(String),
    /// No document has this id.
    NoSuchDocument(String),
    /// No removed item has this number.
    NotRestorable(usize),
    /// Over the request's decompression budget.
    RequestTooLarge {
        /// The limit.
        limit_mb: u64,
    },
    /// Over the request's number of archive entries.
    TooManyEntries(usize),
    /// Archives nested deeper than allowed.
    NestedTooDeep(usize),
    /// Over the request's characters of text.
    TooManyChars(u64),
    /// An entry sharing compressed data with another (its name): a zip bomb.
    OverlappingEntry(String),
    /// An entry path with `.` or `..` components.
    UnsafePath,
    /// A system or hidden file in an archive.
    HiddenEntry,
    /// A corpus record with a key twice.
    DuplicateKey { record: usize, key: String },
    /// A corpus record whose field is not a string.
    NotAString { record: usize, key: String },
    /// A corpus record without `text`.
    NoTextField(usize),
    /// A corpus record that is not an object.
    NotAnObject(usize),
    /// A corpus line that is not JSON.
    MalformedJson { line: usize, detail: String },
    /// A corpus line that is not UTF-8.
    LineNotUtf8(usize),
}

impl IngestError {
    /// The stable id of this kind of error (`snake_case`).
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Empty => "empty",
            IngestError::Binary => "binary",
            IngestError::UnsupportedType(_) => "unsupported_type",
            IngestError::Undecodable(_) => "undecodable",
            IngestError::TooLarge { .. } => "too_large",
            IngestError::NoText => "no_text",
            IngestError::Duplicate(_) => "duplicate",
            IngestError::Corrupt(_) => "corrupt",
            IngestError::Unreadable(_) => "unreadable",
            IngestError::NoProse(_) => "no_prose",
            IngestError::UnknownEncoding(_) => "unknown_encoding",
            IngestError::NoSuchDocument(_) => "no_such_document",
            IngestError::NotRestorable(_) => "not_restorable",
            IngestError::RequestTooLarge { .. } => "request_too_large",
            IngestError::TooManyEntries(_) => "too_many_entries",
            IngestError::NestedTooDeep(_) => "nested_too_deep",
            IngestError::TooManyChars(_) => "too_many_chars",
            IngestError::OverlappingEntry(_) => "overlapping_entry",
            IngestError::UnsafePath => "unsafe_path",
            IngestError::HiddenEntry => "hidden_entry",
            IngestError::DuplicateKey { .. } => "duplicate_key",
            IngestError::NotAString { .. } => "not_a_string",
            IngestError::NoTextField(_) => "no_text_field",
            IngestError::NotAnObject(_) => "not_an_object",
            IngestError::MalformedJson { .. } => "malformed_json",
            IngestError::LineNotUtf8(_) => "line_not_utf8",
        }
    }

    /// What went wrong, in both languages.
    pub fn message(&self) -> Message {
        let (zh, en) = match self {
            IngestError::Empty => ("文件为空".into(), "The file is empty".into()),
            IngestError::Binary => (
                "无法识别的二进制内容，不是文本".into(),
                "This looks like binary data, not text".into(),
            ),
            IngestError::UnsupportedType(t) => (
                format!("不支持的文件类型“{t}”"),
                format!("Unsupported file type “{t}”"),
            ),
            IngestError::Undecodable(why) => (
                format!("无法解码文本（{why}）"),
                format!("The text could not be decoded ({why})"),
            ),
            IngestError::TooLarge { size_mb, limit_mb } => (
                format!("文件过大（{size_mb} MB，上限 {limit_mb} MB）"),
                format!("File too large ({size_mb} MB, limit {limit_mb} MB)"),
            ),
            IngestError::NoText => (
                "清理后没有正文".into(),
                "No article text is left after cleaning".into(),
            ),
            IngestError::Duplicate(of) => {
                (format!("与“{of}”内容重复"), format!("Duplicate of “{of}”"))
            }
            IngestError::Corrupt(why) => (
                format!("文件已损坏或格式不对（{why}）"),
                format!("The file is corrupt or not what its name says ({why})"),
            ),
            IngestError::Unreadable(why) => (
                format!("无法读取文件：{why}"),
                format!("The file could not be read: {why}"),
            ),
            IngestError::NoProse(n) => (
                format!("只有 {n} 字没有标点的文字，不像文章"),
                format!("Only a run of {n} characters without punctuation: not an article"),
            ),
            IngestError::UnknownEncoding(e) => (
                format!("未知的编码“{e}”"),
                format!("Unknown encoding “{e}”"),
            ),
            IngestError::NoSuchDocument(id) => (
                format!("没有编号为“{id}”的文档"),
                format!("No document with id “{id}”"),
            ),
            IngestError::NotRestorable(i) => (
                format!("第 {i} 条删除内容无法恢复"),
                format!("Removed item {i} cannot be restored"),
            ),
            IngestError::RequestTooLarge { limit_mb } => (
                format!("本次加载解压后超过 {limit_mb} MB（所有压缩包合计），未读取"),
                format!("Over {limit_mb} MB decompressed in this request (all archives together): not read"),
            ),
            IngestError::TooManyEntries(v) => (
                format!("本次加载的压缩包条目超过 {v} 个，未读取"),
                format!("More than {v} archive entries in this request: not read"),
            ),
            IngestError::NestedTooDeep(v) => (
                format!("压缩包嵌套超过 {v} 层，未读取"),
                format!("Archives nested more than {v} deep: not read"),
            ),
            IngestError::TooManyChars(v) => (
                format!("本次加载的文字超过 {v} 字，未分析"),
                format!("Over {v} characters of text in this request: not analyzed"),
            ),
            IngestError::OverlappingEntry(v) => (
                format!("与条目“{v}”共用或重叠压缩数据（疑似压缩炸弹），未读取"),
                format!("Shares or overlaps the compressed data of entry “{v}” (a zip bomb?): not read"),
            ),
            IngestError::UnsafePath => (
                format!("路径含“.”或“..”，未读取"),
                format!("The path has a “.” or “..” component: not read"),
            ),
            IngestError::HiddenEntry => (
                format!("系统或隐藏文件（__MACOSX，或以“.”开头），已跳过"),
                format!("A system or hidden file (__MACOSX, or a name starting with “.”): skipped"),
            ),
            IngestError::DuplicateKey { record, key } => (
                format!("第 {record} 条记录的键“{key}”出现两次"),
                format!("Record {record} has the key “{key}” twice"),
            ),
            IngestError::NotAString { record, key } => (
                format!("第 {record} 条记录的“{key}”不是字符串"),
                format!("Record {record}: “{key}” is not a string"),
            ),
            IngestError::NoTextField(v) => (
                format!("第 {v} 条记录没有“text”字段"),
                format!("Record {v} has no “text” field"),
            ),
            IngestError::NotAnObject(v) => (
                format!("第 {v} 条记录不是对象（{{…}}）"),
                format!("Record {v} is not an object ({{…}})"),
            ),
            IngestError::MalformedJson { line, detail } => (
                format!("JSON 第 {line} 行格式错误"),
                format!("Malformed JSON on line {line} ({detail})"),
            ),
            IngestError::LineNotUtf8(v) => (
                format!("第 {v} 行不是 UTF-8 文本"),
                format!("Line {v} is not UTF-8 text"),
            ),
        };
        Message::new(self.kind(), zh, en)
    }
}

impl From<&IngestError> for Message {
    fn from(e: &IngestError) -> Message {
        e.message()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_bilingual() {
        let m = IngestError::UnsupportedType("pdf".into()).to_string();
        assert!(m.contains("不支持") && m.contains("Unsupported") && m.contains("pdf"));
        let m = IngestError::TooLarge {
            size_mb: 60,
            limit_mb: 50,
        }
        .to_string();
        assert!(m.contains("60 MB") && m.contains("上限 50"));
    }

    #[test]
    fn each_error_has_a_kind_and_both_languages() {
        let e = IngestError::Duplicate("a.txt".into());
        let m = e.message();
        assert_eq!(m.kind, "duplicate");
        assert_eq!(m.text(true), "与“a.txt”内容重复");
        assert_eq!(m.text(false), "Duplicate of “a.txt”");
        assert_eq!(e.to_string(), "与“a.txt”内容重复 / Duplicate of “a.txt”");
        let about = m.about("b.txt");
        assert_eq!(about.text(false), "b.txt: Duplicate of “a.txt”");
        assert_eq!(
            Message::new("x", "", "only English").text(true),
            "only English"
        );
    }

    #[test]
    fn one_line_messages_split_at_the_language_boundary() {
        let m = Message::split("k", "文件“a / b.txt”为空 / The file “a / b.txt” is empty");
        assert_eq!(m.zh, "文件“a / b.txt”为空");
        assert_eq!(m.en, "The file “a / b.txt” is empty");
        let m = Message::split("k", "与“通知.txt”内容重复 / Duplicate of “通知.txt”");
        assert_eq!(m.en, "Duplicate of “通知.txt”");
        let m = Message::split("k", "plain");
        assert_eq!((m.zh.as_str(), m.en.as_str()), ("plain", "plain"));
    }
}
