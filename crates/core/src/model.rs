//! The report data model: the JSON contract of `spec/report.md`.
//!
//! Every type here serializes to exactly the field names the contract requires; outside
//! tools (scorers, notebooks) read them, so fields may be added but never renamed.
//! Offsets (`start`, `end`) count Unicode scalar values (`char`s) into the document's
//! cleaned `text`.

use serde::{Deserialize, Serialize};

pub use super::members::Members;

/// The report format version written to `version`.
pub const REPORT_VERSION: u32 = 1;

/// A publication or event date; each part is `None` where the text does not give it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Date {
    /// Reads a date written by a person or a data file: `2020-03-12`, `2020/3/12`,
    /// `2020.3.12`, `2020年3月12日`, `2020-03`, `2020`, `03-12` or `????-03-12` (year
    /// unknown), full-width digits too; a time after it (`2020-03-12 10:30`) is ignored.
    /// `None` for anything else, or a month, day or year out of range. The one reader of
    /// such dates: the page's form and a corpus's `date` field both use it.
    pub fn parse(text: &str) -> Option<Date> {
        let s = text.trim();
        let s = s.split([' ', 'T', '\u{3000}']).next().unwrap_or(s).trim();
        if s.is_empty() {
            return None;
        }
        let number = |t: &str| -> Result<Option<u32>, ()> {
            let t = t.trim();
            if t.is_empty() || t.chars().all(|c| c == '?' || c == '？') {
                return Ok(None);
            }
            let digits: String = t
                .chars()
                .map(|c| match c {
                    '０'..='９' => {
                        char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c)
                    }
                    _ => c,
                })
                .collect();
            if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 4 {
                return Err(());
            }
            digits.parse::<u32>().map(Some).map_err(|_| ())
        };
        let parts = || -> Result<(Option<u32>, Option<u32>, Option<u32>), ()> {
            if s.contains(['年', '月', '日']) {
                let (y, rest) = match s.split_once('年') {
                    Some((y, rest)) => (number(y)?, rest),
                    None => (None, s),
                };
                let (m, rest) = match rest.split_once('月') {
                    Some((m, rest)) => (number(m)?, rest),
                    None if rest.trim().is_empty() => (None, rest),
                    None => return Err(()),
                };
                let d = match rest.trim().strip_suffix(['日', '号']) {
                    Some(d) => number(d)?,
                    None if rest.trim().is_empty() => None,
                    None => return Err(()),
                };
                return Ok((y, m, d));
            }
            let parts: Vec<&str> = s.split(['-', '/', '.', '－', '／']).collect();
            match parts.as_slice() {
                [y] => Ok((number(y)?, None, None)),
                [a, b] => {
                    let first = a.trim();
                    if first.len() == 4 || first.chars().all(|c| c == '?') {
                        Ok((number(a)?, number(b)?, None))
                    } else {
                        Ok((None, number(a)?, number(b)?))
                    }
                }
                [y, m, d] => Ok((number(y)?, number(m)?, number(d)?)),
                _ => Err(()),
            }
        };
        let (year, month, day) = parts().ok()?;
        if year.is_some_and(|y| !(1000..=9999).contains(&y))
            || month.is_some_and(|m| !(1..=12).contains(&m))
            || day.is_some_and(|d| !(1..=31).contains(&d))
            || (day.is_some() && month.is_none())
            || (year.is_none() && month.is_none())
        {
            return None;
        }
        Some(Date {
            year: year.and_then(|y| i32::try_from(y).ok()),
            month,
            day,
        })
    }

    /// `2020-03-12`, `????-02-18`, or an empty string when nothing is known.
    pub fn display(&self) -> String {
        if self.year.is_none() && self.month.is_none() && self.day.is_none() {
            return String::new();
        }
        let year = self
            .year
            .map_or_else(|| "????".to_string(), |y| format!("{y:04}"));
        let mut out = year;
        if let Some(m) = self.month {
            out.push_str(&format!("-{m:02}"));
            if let Some(d) = self.day {
                out.push_str(&format!("-{d:02}"));
            }
        }
        out
    }
}

/// Document metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Date,
    pub source: Option<String>,
    pub reporter: Option<String>,
    /// The locality whose government acts; `None` for a national piece.
    pub place: Option<String>,
    /// Every place named, most important first.
    pub places: Vec<String>,
    /// `policy_document`, `implementation_plan`, `news_report`, `meeting_report`,
    /// `press_conference`, `interview` or `announcement` (see [`super::structure`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The issuing bodies as written; the organizer of a meeting; empty for plain news.
    #[serde(default)]
    pub issuer: Vec<String>,
    /// The document number (文号) as written.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// The GB/T 2260 code of `place`.
    #[serde(default)]
    pub place_code: Option<String>,
    /// The parts of the document (title, number, addressees, signature …) as char spans of
    /// `text`, for the reader; the parts that are not body text hold no measure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub structure: Vec<Span>,
}

/// A quantity with its unit (`174.9亿元`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    pub unit: String,
    /// The figure as written, e.g. `近6000个`.
    pub text: String,
    /// Approximation marker kept apart from the value: 近, 约, 多, 余, 以上, 以内 …
    pub qualifier: Option<String>,
    /// What is counted, where the text says (重点项目, 计划投资 …).
    pub subject: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A numeric slogan (数字概括语) such as 五个一 or 一企一策.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slogan {
    pub text: String,
    /// The count the formula states (五个一 → 5), where it states one.
    pub count: Option<u32>,
    /// The parts the article spells out, in order.
    pub items: Vec<String>,
    /// True when a count is stated, items were found, and their numbers differ.
    pub count_mismatch: bool,
    pub start: usize,
    pub end: usize,
}

/// One policy measure: a directive clause with an action and an object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub text: String,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    /// Primary category id.
    pub category: String,
    /// All categories the measure touches, primary first.
    pub categories: Vec<String>,
    /// `supply`, `demand` or `environment`.
    pub instrument: String,
    pub slogans: Vec<String>,
    pub figures: Vec<Figure>,
    pub deadline: Option<String>,
    pub confidence: f32,
    /// The bodies that act: the clause's subject (市金融监管局、各银行机构) or the
    /// 责任单位 line of its numbered article.
    #[serde(default)]
    pub actors: Vec<String>,
    /// `recategorized` or `added` when the user corrected this measure (see
    /// [`super::corrections`]); absent for the analysis's own, uncorrected measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
    /// `model` for a measure the learned model found, `user` for one the user added or
    /// re-categorized; absent when the rules found it (no model shipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// A frequent, distinctive word of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    pub word: String,
    pub count: u32,
    pub weight: f64,
    /// Signed log-likelihood (G²) of the word in this document against the rest of the
    /// corpus: positive when the document uses it more (see [`super::distinct`]).
    #[serde(default)]
    pub distinctiveness: f64,
}

/// One analyzed document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    pub id: String,
    pub name: String,
    pub encoding: String,
    /// `simplified` or `traditional`: the script of the input.
    pub script: String,
    pub meta: Meta,
    /// Cleaned, simplified text the analysis ran on.
    pub text: String,
    pub measures: Vec<Measure>,
    pub slogans: Vec<Slogan>,
    pub figures: Vec<Figure>,
    pub keywords: Vec<Keyword>,
    /// Lines the cleaner removed (boilerplate), so a user can check them.
    pub removed: Vec<String>,
    pub warnings: Vec<String>,
    /// For each entry of `removed`, the line index that
    /// [`super::corpus::Corpus::restore_line`] puts back; `None` where it cannot (front
    /// matter, page markers). Empty in reports written before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_lines: Vec<Option<usize>>,
    /// `text` in the input's own script (traditional stays traditional); empty when it is
    /// the same as `text`. Read it with [`DocumentReport::original_text`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub original: String,
    /// Where `text` and `original` differ in length: `[text_start, original_start,
    /// text_len, original_len]` char runs (see [`super::offsets`]); empty when they
    /// correspond char for char. Use [`DocumentReport::original_span`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub original_map: Vec<super::offsets::Stretch>,
}

impl DocumentReport {
    /// Gives the document the id `id`, and its measures the ids that go with it
    /// (`{id}-m{n}`): how a document analyzed under a provisional id joins a corpus.
    pub fn renumber(&mut self, id: &str) {
        for measure in &mut self.measures {
            if let Some(n) = measure.id.strip_prefix(self.id.as_str()) {
                measure.id = format!("{id}{n}");
            }
        }
        self.id = id.to_string();
    }

    /// The cleaned text as written in the input's script (`text` itself for a simplified
    /// input).
    pub fn original_text(&self) -> &str {
        if self.original.is_empty() {
            &self.text
        } else {
            &self.original
        }
    }

    /// The span of [`DocumentReport::original_text`] (char offsets) showing the chars
    /// `[start, end)` of `text`: where a measure's highlight goes in the original.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.original.is_empty() {
            let n = self.text.chars().count();
            return (start.min(end).min(n), end.max(start).min(n));
        }
        super::offsets::to_original(
            &self.original_map,
            start,
            end,
            self.original.chars().count(),
        )
    }

    /// The original characters of the chars `[start, end)` of `text` (e.g. a measure's
    /// `start`/`end`).
    pub fn original_slice(&self, start: usize, end: usize) -> &str {
        let (s, e) = self.original_span(start, end);
        super::offsets::slice_chars(self.original_text(), s, e)
    }

    /// The `text` span matching a selection `[start, end)` made in the original text.
    pub fn text_span(&self, start: usize, end: usize) -> (usize, usize) {
        let n = self.text.chars().count();
        if self.original.is_empty() {
            return (start.min(end).min(n), end.max(start).min(n));
        }
        super::offsets::to_simplified(&self.original_map, start, end, n)
    }
}

/// A taxonomy entry as written in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyEntry {
    pub id: String,
    pub label: String,
    pub instrument: String,
}

/// The label of category `id` in `taxonomy`; the id itself for a category it does not
/// list (one a correction or an older workspace brought). The one place the fall-back is
/// decided: the views and the exports both ask here.
pub fn category_label<'a>(taxonomy: &'a [TaxonomyEntry], id: &'a str) -> &'a str {
    (taxonomy.iter())
        .find(|e| e.id == id)
        .map_or(id, |e| e.label.as_str())
}

/// The instrument type of category `id` in `taxonomy`; empty for a category it does not list.
pub fn category_instrument<'a>(taxonomy: &'a [TaxonomyEntry], id: &str) -> &'a str {
    (taxonomy.iter())
        .find(|e| e.id == id)
        .map_or("", |e| e.instrument.as_str())
}

/// A group of similar measures across documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignedGroup {
    pub label: String,
    pub category: String,
    /// `supply`, `demand` or `environment`: the instrument type of the group's measures.
    #[serde(default)]
    pub instrument: String,
    /// Document id → ids of that document's measures in the group. A shared group lists
    /// every document (an empty list where it has no member); a unique group (`shared`
    /// = 1) only its own document, so read it with `get`. Only the documents with
    /// members are held (see [`super::members`]).
    pub members: Members,
    /// How many documents have members (1 for a measure unique to one document).
    #[serde(default)]
    pub shared: usize,
}

/// The most and the least alike pair of documents: `(i, j, score)` with `i < j` indices
/// into `documents` and the score the mean of the two similarities.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pairs {
    pub most: (usize, usize, f64),
    pub least: (usize, usize, f64),
}

/// Cross-document views.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Category id → document id → number of measures.
    pub matrix: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>>,
    pub aligned: Vec<AlignedGroup>,
    /// Document × document cosine similarity of category profiles, in `documents` order.
    pub similarity: Vec<Vec<f64>>,
    /// Document × document cosine similarity of keyword (term) vectors, in `documents` order.
    #[serde(default)]
    pub term_similarity: Vec<Vec<f64>>,
    /// The most and least alike documents; `None` with fewer than two documents.
    #[serde(default)]
    pub pairs: Option<Pairs>,
    /// In an abridged comparison (more than
    /// [`super::compare::FULL_COMPARISON_DOCUMENTS`] documents): the most alike pairs
    /// `(i, j, score)`, best first, in place of the matrices. Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closest: Vec<(usize, usize, f64)>,
    /// True when the comparison is abridged: `similarity` and `term_similarity` are empty
    /// and shared groups list only their members (docs/spec/report.md).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub abridged: bool,
}

/// An input that could not be analyzed; the others still are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    /// The input's name as the user gave it.
    pub name: String,
    /// Why, in both languages on one line (`中文 / English`).
    pub message: String,
    /// Why, with its kind and each language apart (`kind`, `zh`, `en` in the JSON).
    #[serde(flatten)]
    pub text: crate::error::Message,
}

impl InputError {
    /// The input `name` refused with `message`.
    pub fn new(name: impl Into<String>, message: crate::error::Message) -> Self {
        InputError {
            name: name.into(),
            message: message.to_string(),
            text: message,
        }
    }

    /// The input `name` refused for `error`.
    pub fn refused(name: impl Into<String>, error: &crate::error::IngestError) -> Self {
        InputError::new(name, error.message())
    }
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub taxonomy: Vec<TaxonomyEntry>,
    pub documents: Vec<DocumentReport>,
    pub comparison: Comparison,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InputError>,
}

/// What a span of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// 发文机关标志: `某某市人民政府文件`.
    IssuerMark,
    /// 发文字号.
    DocNumber,
    /// 标题 of a document.
    Title,
    /// 主送机关.
    Addressee,
    /// 附件说明.
    Attachment,
    /// 发文机关署名 with 成文日期.
    Signature,
    /// 附注: `（此件公开发布）`.
    Note,
    /// 抄送 / 抄报.
    CopyTo,
    /// 印发机关和印发日期.
    Printing,
    /// A news page's headline.
    Headline,
    /// 本报讯, 新华社北京2月20日电, 某某网3月4日消息.
    Dateline,
    /// Reporter, source, editor lines.
    Byline,
    /// Breadcrumbs, channel lists, e-paper page lines, print/close buttons.
    Furniture,
}

impl Part {
    /// Its name in Chinese and in English (GB/T 9704's names for a document's parts).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Part::IssuerMark => ("发文机关标志", "issuer's mark"),
            Part::DocNumber => ("发文字号", "document number"),
            Part::Title => ("标题", "title"),
            Part::Addressee => ("主送机关", "addressees"),
            Part::Attachment => ("附件说明", "attachments"),
            Part::Signature => ("署名与成文日期", "signature and date"),
            Part::Note => ("附注", "note"),
            Part::CopyTo => ("抄送", "copied to"),
            Part::Printing => ("印发机关和日期", "printed by"),
            Part::Headline => ("标题", "headline"),
            Part::Dateline => ("电头", "dateline"),
            Part::Byline => ("署名行", "byline"),
            Part::Furniture => ("网页栏目", "page furniture"),
        }
    }

    /// Parts that are never body text: no measure comes from them.
    pub fn is_not_body(self) -> bool {
        !matches!(self, Part::Headline)
    }
}

/// One span of a document, in chars of the text parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub part: Part,
    pub start: usize,
    pub end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_display_keeps_unknown_year_unknown() {
        let d = Date {
            year: None,
            month: Some(2),
            day: Some(18),
        };
        assert_eq!(d.display(), "????-02-18");
        let d = Date {
            year: Some(2020),
            month: Some(3),
            day: Some(12),
        };
        assert_eq!(d.display(), "2020-03-12");
        assert_eq!(Date::default().display(), "");
    }

    #[test]
    fn date_serializes_nulls() {
        let d = Date {
            year: None,
            month: Some(2),
            day: Some(18),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"year":null,"month":2,"day":18}"#
        );
    }
}
