//! Errors of the analysis core, each with the bilingual message a user sees.
//!
//! One error type for the core layer: anything that stops one input from being analyzed.
//! The other inputs always go on; the message names what is wrong in 中文 and English.

use thiserror::Error;

/// Why one input could not be analyzed. (Serializable: a helper web worker that analyzed an
/// input sends it back.)
#[derive(Clone, Debug, Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IngestError {
    #[error("文件为空 / The file is empty")]
    Empty,
    #[error("无法识别的二进制内容，不是文本 / This looks like binary data, not text")]
    Binary,
    #[error("不支持的文件类型“{0}” / Unsupported file type “{0}”")]
    UnsupportedType(String),
    #[error("无法解码文本（{0}） / The text could not be decoded ({0})")]
    Undecodable(String),
    #[error("文件过大（{size_mb} MB，上限 {limit_mb} MB） / File too large ({size_mb} MB, limit {limit_mb} MB)")]
    TooLarge { size_mb: u64, limit_mb: u64 },
    #[error("清理后没有正文 / No article text is left after cleaning")]
    NoText,
    #[error("与“{0}”内容重复 / Duplicate of “{0}”")]
    Duplicate(String),
    #[error("文件已损坏或格式不对（{0}） / The file is corrupt or not what its name says ({0})")]
    Corrupt(String),
    #[error("无法读取文件：{0} / The file could not be read: {0}")]
    Unreadable(String),
    #[error("只有 {0} 字没有标点的文字，不像文章 / Only a run of {0} characters without punctuation: not an article")]
    NoProse(usize),
    #[error("未知的编码“{0}” / Unknown encoding “{0}”")]
    UnknownEncoding(String),
    #[error("没有编号为“{0}”的文档 / No document with id “{0}”")]
    NoSuchDocument(String),
    #[error("第 {0} 条删除内容无法恢复 / Removed item {0} cannot be restored")]
    NotRestorable(usize),
    #[error("本次加载解压后超过 {limit_mb} MB（所有压缩包合计），未读取 / Over {limit_mb} MB decompressed in this request (all archives together): not read")]
    RequestTooLarge { limit_mb: u64 },
    #[error("本次加载的压缩包条目超过 {0} 个，未读取 / More than {0} archive entries in this request: not read")]
    TooManyEntries(usize),
    #[error("压缩包嵌套超过 {0} 层，未读取 / Archives nested more than {0} deep: not read")]
    NestedTooDeep(usize),
    #[error("本次加载的文字超过 {0} 字，未分析 / Over {0} characters of text in this request: not analyzed")]
    TooManyChars(u64),
    #[error("与条目“{0}”共用或重叠压缩数据（疑似压缩炸弹），未读取 / Shares or overlaps the compressed data of entry “{0}” (a zip bomb?): not read")]
    OverlappingEntry(String),
    #[error("路径含“.”或“..”，未读取 / The path has a “.” or “..” component: not read")]
    UnsafePath,
    #[error("系统或隐藏文件（__MACOSX，或以“.”开头），已跳过 / A system or hidden file (__MACOSX, or a name starting with “.”): skipped")]
    HiddenEntry,
    #[error("第 {record} 条记录的键“{key}”出现两次 / Record {record} has the key “{key}” twice")]
    DuplicateKey { record: usize, key: String },
    #[error("第 {record} 条记录的“{key}”不是字符串 / Record {record}: “{key}” is not a string")]
    NotAString { record: usize, key: String },
    #[error("第 {0} 条记录没有“text”字段 / Record {0} has no “text” field")]
    NoTextField(usize),
    #[error("第 {0} 条记录不是对象（{{…}}） / Record {0} is not an object ({{…}})")]
    NotAnObject(usize),
    #[error("JSON 第 {line} 行格式错误 / Malformed JSON on line {line} ({detail})")]
    MalformedJson { line: usize, detail: String },
    #[error("第 {0} 行不是 UTF-8 文本 / Line {0} is not UTF-8 text")]
    LineNotUtf8(usize),
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
}
