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
