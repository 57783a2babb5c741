//! Containers: inputs that hold articles rather than being one — `.docx` (Word), `.zip`
//! (folders of articles), `.json` / `.jsonl` corpora (one article per object or line).
//!
//! [`expand`] turns one input into the articles it holds, each as a plain-text [`Input`]
//! (a docx becomes its paragraphs; a zip entry keeps its path as `archive.zip/dir/a.txt`).
//! One [`Budget`] covers a whole request ([`expand_within`]): bytes decompressed across all
//! archives, nesting levels and entries, archive entries, nesting depth, and characters of
//! the articles yielded. It is checked while reading — every entry is read through a
//! `Read::take` of what is left, never trusting declared sizes — so a zip bomb or a zip of
//! zips stops at the limit with a message instead of eating the tab's memory. Entries that
//! share or overlap another entry's compressed data are refused before any inflating. Every
//! part of an input that is not read gets an error with its name and why; a bad record of a
//! JSON corpus refuses that record only.

use std::collections::HashSet;
use std::fmt;
use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::error::IngestError;
use super::input::{Input, MetaHint, MAX_INPUT_BYTES};

/// Most entries read from one archive (more and the archive is refused whole).
pub const MAX_ENTRIES: usize = 2000;
/// Most archive entries read in one request, all archives together.
pub const MAX_REQUEST_ENTRIES: usize = 10_000;
/// Most bytes decompressed in one request: every entry of every archive at every nesting
/// level, and the XML of every Word document, together.
pub const MAX_REQUEST_BYTES: u64 = 200 * 1024 * 1024;
/// The largest container (`.zip`, `.json`, `.jsonl`) accepted as given, in bytes: checked
/// before it is read or parsed.
pub const MAX_CONTAINER_BYTES: u64 = 200 * 1024 * 1024;
/// How deep archives may nest (a zip in a zip is read; deeper is refused).
pub const MAX_DEPTH: usize = 2;
/// Most characters of article text one request yields for analysis.
pub const MAX_REQUEST_CHARS: u64 = 50_000_000;
/// Most bytes of `word/document.xml` read from one Word document.
pub const MAX_DOCX_XML_BYTES: u64 = MAX_INPUT_BYTES as u64 * 4;

/// The limits of one request ([`Budget`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes decompressed, all archives and Word documents together.
    pub bytes: u64,
    /// Archive entries, all archives together.
    pub entries: usize,
    /// Archive nesting depth.
    pub depth: usize,
    /// Characters of the articles yielded.
    pub chars: u64,
}

impl Limits {
    /// The limits of a request in the page and on the command line.
    pub const DEFAULT: Limits = Limits {
        bytes: MAX_REQUEST_BYTES,
        entries: MAX_REQUEST_ENTRIES,
        depth: MAX_DEPTH,
        chars: MAX_REQUEST_CHARS,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What one request has spent of its [`Limits`]. Shared by every input of the request (and
/// by threads: the counters are atomic); once a limit is reached, what comes after is
/// refused without being read.
#[derive(Debug, Default)]
pub struct Budget {
    limits: Limits,
    bytes: AtomicU64,
    entries: AtomicUsize,
    chars: AtomicU64,
}

impl Budget {
    /// A fresh budget with the default limits.
    pub fn new() -> Self {
        Self::with_limits(Limits::DEFAULT)
    }

    pub fn with_limits(limits: Limits) -> Self {
        Budget {
            limits,
            bytes: AtomicU64::new(0),
            entries: AtomicUsize::new(0),
            chars: AtomicU64::new(0),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Bytes still allowed to decompress.
    pub fn bytes_left(&self) -> u64 {
        (self.limits.bytes).saturating_sub(self.bytes.load(Ordering::Relaxed))
    }

    fn over_bytes(&self) -> IngestError {
        IngestError::RequestTooLarge {
            limit_mb: self.limits.bytes / (1024 * 1024),
        }
    }

    fn spend_bytes(&self, n: u64) -> Result<(), IngestError> {
        let before = self.bytes.fetch_add(n, Ordering::Relaxed);
        if before.saturating_add(n) > self.limits.bytes {
            return Err(self.over_bytes());
        }
        Ok(())
    }

    fn spend_entry(&self) -> Result<(), IngestError> {
        if self.entries.fetch_add(1, Ordering::Relaxed) >= self.limits.entries {
            return Err(IngestError::TooManyEntries(self.limits.entries));
        }
        Ok(())
    }

    /// Spends `n` characters of article text; past the limit the article is refused.
    pub fn spend_chars(&self, n: u64) -> Result<(), IngestError> {
        let before = self.chars.fetch_add(n, Ordering::Relaxed);
        if before.saturating_add(n) > self.limits.chars {
            // What was refused is not analyzed: give it back, so that a smaller article
            // after it still fits.
            self.chars.fetch_sub(n, Ordering::Relaxed);
            return Err(IngestError::TooManyChars(self.limits.chars));
        }
        Ok(())
    }

    /// Spends the characters of `article` (its bytes where they are not UTF-8: a bound).
    pub fn spend_article(&self, article: &Input) -> Result<(), IngestError> {
        let chars =
            std::str::from_utf8(&article.bytes).map_or(article.bytes.len(), |s| s.chars().count());
        self.spend_chars(chars as u64)
    }

    /// True when nothing more can be decompressed.
    fn exhausted(&self) -> bool {
        self.bytes_left() == 0 || self.entries.load(Ordering::Relaxed) >= self.limits.entries
    }
}

/// The lower-cased extension of a name, if any.
pub fn extension(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && !ext.is_empty()
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            Some(ext.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// True when `name` is a container this module expands.
pub fn is_container(name: &str) -> bool {
    matches!(
        extension(name).as_deref(),
        Some("docx" | "zip" | "json" | "jsonl")
    )
}

/// One expanded article, or the name of what was refused and why.
pub type Expanded = Result<Input, (String, IngestError)>;

/// The articles held by `input` (itself when it is not a container), within a budget of
/// its own.
pub fn expand(input: &Input) -> Vec<Expanded> {
    expand_within(input, &Budget::new())
}

/// The articles held by `input`, spending `budget` (share one budget between the inputs of
/// one request).
pub fn expand_within(input: &Input, budget: &Budget) -> Vec<Expanded> {
    let mut sink = Sink {
        out: Vec::new(),
        budget,
    };
    sink.expand(input, 0);
    sink.out
}

/// Where expanded articles go, each spending its characters.
struct Sink<'a> {
    out: Vec<Expanded>,
    budget: &'a Budget,
}

impl Sink<'_> {
    fn article(&mut self, article: Input) {
        match self.budget.spend_article(&article) {
            Ok(()) => self.out.push(Ok(article)),
            Err(e) => self.out.push(Err((article.name, e))),
        }
    }

    fn refuse(&mut self, name: impl Into<String>, e: IngestError) {
        self.out.push(Err((name.into(), e)));
    }

    fn expand(&mut self, input: &Input, depth: usize) {
        let too_large = |limit: u64| IngestError::TooLarge {
            size_mb: (input.bytes.len() as u64).div_ceil(1024 * 1024),
            limit_mb: limit / (1024 * 1024),
        };
        match extension(&input.name).as_deref() {
            Some("docx") if input.bytes.len() > MAX_INPUT_BYTES => {
                self.refuse(&input.name, too_large(MAX_INPUT_BYTES as u64))
            }
            Some("docx") => match docx_text_within(&input.bytes, self.budget) {
                Ok(text) => {
                    // The document's text is UTF-8 by construction: no encoding to override.
                    let mut article = Input::new(input.name.clone(), text.into_bytes());
                    article.hint = input.hint.clone();
                    article.keep_lines = input.keep_lines.clone();
                    self.article(article);
                }
                Err(e) => self.refuse(&input.name, e),
            },
            Some("zip" | "json" | "jsonl") if input.bytes.len() as u64 > MAX_CONTAINER_BYTES => {
                self.refuse(&input.name, too_large(MAX_CONTAINER_BYTES))
            }
            Some("zip") if depth >= self.budget.limits.depth => self.refuse(
                &input.name,
                IngestError::NestedTooDeep(self.budget.limits.depth),
            ),
            Some("zip") => {
                if let Err(e) = self.zip_entries(&input.name, &input.bytes, depth) {
                    self.refuse(&input.name, e);
                }
            }
            Some("json") => self.json_articles(&input.name, &input.bytes),
            Some("jsonl") => self.jsonl_articles(&input.name, &input.bytes),
            _ => self.article(input.clone()),
        }
    }

    /// The files of a zip archive, each expanded as an input named `archive.zip/path`;
    /// an error for the archive as a whole.
    fn zip_entries(&mut self, name: &str, bytes: &[u8], depth: usize) -> Result<(), IngestError> {
        let mut archive = open_zip(bytes)?;
        if archive.len() > MAX_ENTRIES {
            return Err(IngestError::Corrupt(format!(
                "超过 {MAX_ENTRIES} 个文件 / more than {MAX_ENTRIES} files"
            )));
        }
        let shared = overlapping(&mut archive);
        let before = self.out.len();
        for i in 0..archive.len() {
            let path = match archive.name_for_index(i) {
                Some(Ok(path)) => path.to_string(),
                _ => format!("#{}", i + 1),
            };
            let full = format!("{name}/{path}");
            if path.ends_with('/') {
                continue; // A folder: its files are entries of their own.
            }
            let parts: Vec<&str> = path.split(['/', '\\']).collect();
            if parts.iter().any(|p| *p == "." || *p == "..") {
                self.refuse(full, IngestError::UnsafePath);
                continue;
            }
            if parts.iter().any(|p| p.starts_with('.') || *p == "__MACOSX") {
                self.refuse(full, IngestError::HiddenEntry);
                continue;
            }
            if let Some(first) = &shared[i] {
                self.refuse(full, IngestError::OverlappingEntry(first.clone()));
                continue;
            }
            if self.budget.exhausted() {
                // Nothing more can be read: one line for this entry and the rest.
                let e = if self.budget.bytes_left() == 0 {
                    self.budget.over_bytes()
                } else {
                    IngestError::TooManyEntries(self.budget.limits.entries)
                };
                let rest = archive.len() - i - 1;
                let label = if rest == 0 {
                    full
                } else {
                    format!("{full} …（及其后 {rest} 个条目 / and {rest} entries after it）")
                };
                self.refuse(label, e);
                break;
            }
            if let Err(e) = self.budget.spend_entry() {
                self.refuse(full, e);
                continue;
            }
            let read = archive
                .by_index(i)
                .map_err(|e| IngestError::Corrupt(e.to_string()))
                .and_then(|entry| {
                    if entry.is_dir() {
                        return Ok(None);
                    }
                    read_bounded(entry, MAX_INPUT_BYTES as u64, self.budget).map(Some)
                });
            match read {
                Ok(Some(bytes)) => self.expand(&Input::new(full, bytes), depth + 1),
                Ok(None) => {}
                Err(e) => self.refuse(full, e),
            }
        }
        if self.out.len() == before {
            return Err(IngestError::Empty);
        }
        Ok(())
    }

    /// Articles of a JSON corpus: an array of `{text, name?, title?, date?}` objects, or one
    /// such object. A bad record refuses that record only; malformed JSON the whole file.
    fn json_articles(&mut self, file: &str, bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return self.refuse(
                file,
                IngestError::Undecodable("JSON 须为 UTF-8 / JSON must be UTF-8".into()),
            );
        };
        let text = text.trim_start_matches('\u{feff}');
        let mut de = serde_json::Deserializer::from_str(text);
        let records = match de
            .deserialize_any(Records)
            .and_then(|r| de.end().map(|()| r))
        {
            Ok(records) => records,
            Err(e) => {
                return self.refuse(
                    file,
                    IngestError::MalformedJson {
                        line: e.line(),
                        detail: e.to_string(),
                    },
                )
            }
        };
        if records.is_empty() {
            return self.refuse(file, IngestError::Empty);
        }
        for (i, record) in records.into_iter().enumerate() {
            match record.article(file, i + 1) {
                Ok(article) => self.article(article),
                Err(e) => self.refuse(record_name(file, i + 1), e),
            }
        }
    }

    /// Articles of a JSONL corpus, one object a line; a bad line refuses that line only.
    fn jsonl_articles(&mut self, file: &str, bytes: &[u8]) {
        let before = self.out.len();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            match jsonl_record(file, i + 1, line) {
                Some(Ok(article)) => self.article(article),
                Some(Err((name, e))) => self.refuse(name, e),
                None => {}
            }
        }
        if self.out.len() == before {
            self.refuse(file, IngestError::Empty);
        }
    }
}

/// For each entry of `archive`, the name of an earlier entry whose bytes in the archive
/// (local header and compressed data) it shares or overlaps: such entries are how a small
/// zip inflates the same data many times (one `.docx` behind many names, or Fifield's
/// overlapping zip bomb). Read from the directory alone, before any inflating. Of each run
/// of overlapping entries the first (by index) is read, the others refused.
fn overlapping(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Vec<Option<String>> {
    let n = archive.len();
    let mut ranges: Vec<(u64, u64, usize)> = (0..n)
        .filter_map(|i| {
            let f = archive.by_index_raw(i).ok()?;
            let start = f.header_start();
            let data = f.data_start().unwrap_or(start);
            let end = data.saturating_add(f.compressed_size()).max(start + 1);
            Some((start, end, i))
        })
        .collect();
    ranges.sort_unstable();
    let mut shared = vec![None; n];
    let mut k = 0;
    while k < ranges.len() {
        // One run of ranges that overlap one another.
        let mut end = ranges[k].1;
        let mut run = k + 1;
        while run < ranges.len() && ranges[run].0 < end {
            end = end.max(ranges[run].1);
            run += 1;
        }
        if run - k > 1 {
            let first = ranges[k..run].iter().map(|r| r.2).min().unwrap_or(0);
            let first_name = match archive.name_for_index(first) {
                Some(Ok(name)) => name.to_string(),
                _ => format!("#{}", first + 1),
            };
            for r in &ranges[k..run] {
                if r.2 != first {
                    shared[r.2] = Some(first_name.clone());
                }
            }
        }
        k = run;
    }
    shared
}

fn open_zip(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, IngestError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| IngestError::Corrupt(e.to_string()))
}

/// Reads at most `limit` bytes of an entry, and no more than `budget` has left; more means
/// the entry is too large (or a bomb), or the request has decompressed enough.
fn read_bounded(reader: impl Read, limit: u64, budget: &Budget) -> Result<Vec<u8>, IngestError> {
    let left = budget.bytes_left();
    if left == 0 {
        return Err(budget.over_bytes());
    }
    let cap = limit.min(left);
    let mut out = Vec::new();
    reader
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Corrupt(e.to_string()))?;
    if out.len() as u64 > cap {
        budget.spend_bytes(cap)?;
        return Err(if cap < limit {
            budget.over_bytes()
        } else {
            IngestError::TooLarge {
                size_mb: (out.len() as u64).div_ceil(1024 * 1024),
                limit_mb: limit / (1024 * 1024),
            }
        });
    }
    budget.spend_bytes(out.len() as u64)?;
    Ok(out)
}

/// The text of a Word document: its paragraphs, one per line.
pub fn docx_text(bytes: &[u8]) -> Result<String, IngestError> {
    docx_text_within(bytes, &Budget::new())
}

/// [`docx_text`], its XML's bytes spent from `budget`.
pub fn docx_text_within(bytes: &[u8], budget: &Budget) -> Result<String, IngestError> {
    let mut archive = open_zip(bytes)?;
    let xml = {
        let entry = archive.by_name("word/document.xml").map_err(|_| {
            IngestError::Corrupt("没有 word/document.xml / no word/document.xml".into())
        })?;
        read_bounded(entry, MAX_DOCX_XML_BYTES, budget)?
    };
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut text = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().0 == "w:t" => in_text = true,
            Ok(Event::End(e)) => match e.name().0 {
                "w:t" => in_text = false,
                "w:p" => text.push('\n'),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().0 {
                "w:tab" => text.push('\t'),
                "w:br" | "w:cr" => text.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                text.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => text.push_str(
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).unwrap_or(""),
                ),
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(IngestError::Corrupt(e.to_string())),
            _ => {}
        }
        buf.clear();
    }
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(text)
}

/// The fields of one corpus record that the analysis reads.
#[derive(Debug, Default)]
struct JsonArticle {
    text: String,
    name: Option<String>,
    title: Option<String>,
    date: Option<String>,
}

/// Why a record is refused (its number is given by the caller).
#[derive(Debug)]
enum Problem {
    DuplicateKey(String),
    NotAString(String),
    NoText,
    NotAnObject,
}

/// One record of a JSON corpus as read: the article, or why it is refused. Reading a bad
/// record never fails the file (only malformed JSON does).
#[derive(Debug)]
struct Record(Result<JsonArticle, Problem>);

impl Record {
    fn article(self, file: &str, n: usize) -> Result<Input, IngestError> {
        match self.0 {
            Ok(a) => Ok(article(file, n, a)),
            Err(Problem::DuplicateKey(key)) => Err(IngestError::DuplicateKey { record: n, key }),
            Err(Problem::NotAString(key)) => Err(IngestError::NotAString { record: n, key }),
            Err(Problem::NoText) => Err(IngestError::NoTextField(n)),
            Err(Problem::NotAnObject) => Err(IngestError::NotAnObject(n)),
        }
    }
}

struct RecordVisitor;

macro_rules! not_an_object {
    ($($method:ident: $t:ty),*) => {
        $(fn $method<E: de::Error>(self, _: $t) -> Result<Record, E> {
            Ok(Record(Err(Problem::NotAnObject)))
        })*
    };
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an article object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut article = JsonArticle::default();
        let mut text = false;
        let mut problem = None;
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let field = match key.as_str() {
                "text" => Some(&mut article.text),
                "name" => article.name.insert(String::new()).into(),
                "title" => article.title.insert(String::new()).into(),
                "date" => article.date.insert(String::new()).into(),
                _ => None,
            };
            match field {
                Some(slot) => match map.next_value::<serde_json::Value>()? {
                    serde_json::Value::String(s) => *slot = s,
                    serde_json::Value::Null if key != "text" => {}
                    _ => {
                        problem.get_or_insert(Problem::NotAString(key.clone()));
                    }
                },
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            text |= key == "text";
            if !seen.insert(key.clone()) {
                problem.get_or_insert(Problem::DuplicateKey(key));
            }
        }
        // An optional field given as null is as absent.
        for field in [&mut article.name, &mut article.title, &mut article.date] {
            if field.as_deref() == Some("") {
                *field = None;
            }
        }
        Ok(Record(match problem {
            Some(p) => Err(p),
            None if !text => Err(Problem::NoText),
            None => Ok(article),
        }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Record, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Record(Err(Problem::NotAnObject)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Record, E> {
        Ok(Record(Err(Problem::NotAnObject)))
    }

    not_an_object!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor)
    }
}

/// The records of a `.json` corpus: an array of records, or one.
struct Records;

impl<'de> Visitor<'de> for Records {
    type Value = Vec<Record>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of article objects, or one")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Record>, A::Error> {
        let mut out = Vec::new();
        while let Some(record) = seq.next_element::<Record>()? {
            out.push(record);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Record>, A::Error> {
        RecordVisitor.visit_map(map).map(|r| vec![r])
    }
}

/// The name of record `n` of corpus `file` (also the article's name when it gives none).
fn record_name(file: &str, n: usize) -> String {
    format!("{file}#{n}")
}

fn article(file: &str, n: usize, a: JsonArticle) -> Input {
    let name = a.name.unwrap_or_else(|| record_name(file, n));
    let mut input = Input::new(name, a.text.into_bytes());
    input.hint = MetaHint {
        title: a.title,
        date: a.date,
    };
    input
}

/// The article on line `n` (1-based) of a JSONL corpus `file`; `None` for a blank line; a
/// bad line is refused under the name `file#n`. The command line streams large corpora
/// through this, one line at a time.
pub fn jsonl_record(file: &str, n: usize, line: &[u8]) -> Option<Expanded> {
    let refuse = |e: IngestError| Some(Err((record_name(file, n), e)));
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Ok(line) = std::str::from_utf8(line) else {
        return refuse(IngestError::LineNotUtf8(n));
    };
    let line = line.trim_start_matches('\u{feff}');
    if line.trim().is_empty() {
        return None;
    }
    if line.len() > MAX_INPUT_BYTES {
        return refuse(IngestError::TooLarge {
            size_mb: (line.len() as u64).div_ceil(1024 * 1024),
            limit_mb: (MAX_INPUT_BYTES / (1024 * 1024)) as u64,
        });
    }
    match serde_json::from_str::<Record>(line) {
        Ok(record) => Some(
            record
                .article(file, n)
                .map_err(|e| (record_name(file, n), e)),
        ),
        Err(e) => refuse(IngestError::MalformedJson {
            line: n,
            detail: e.to_string(),
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A zip archive of `(path, bytes)` entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (path, bytes) in entries {
            w.start_file(*path, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// A zip whose entry `first` holds `bytes` and `copies` more entries point at the same
    /// compressed data (shallow copies: one local header, many directory entries).
    pub(crate) fn zip_sharing(first: &str, bytes: &[u8], copies: usize) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(first, options).unwrap();
        w.write_all(bytes).unwrap();
        let ext = extension(first).unwrap_or_default();
        for k in 0..copies {
            w.shallow_copy_file(first, &format!("copy{k}.{ext}"))
                .unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// A minimal Word document whose paragraphs are `paragraphs`.
    pub(crate) fn docx_of(paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|p| {
                let escaped = p
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                format!("<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>")
            })
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
             <w:body>{body}</w:body></w:document>"
        );
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", xml.as_bytes()),
        ])
    }

    fn ok_names(out: &[Result<Input, (String, IngestError)>]) -> Vec<String> {
        out.iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|i| i.name.clone())
            .collect()
    }

    fn refusals(out: &[Expanded]) -> Vec<(String, IngestError)> {
        out.iter()
            .filter_map(|r| r.as_ref().err().cloned())
            .collect()
    }

    #[test]
    fn entries_sharing_one_docx_are_refused_before_inflating_it_again() {
        // One Word document of 4 MB of XML behind 400 names: read once, not 400 times.
        let paragraphs: Vec<String> = (0..40_000)
            .map(|i| format!("第{i}条 县政府协调金融机构降低融资成本。"))
            .collect();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let doc = docx_of(&refs);
        let z = zip_sharing("a.docx", &doc, 400);
        assert!(z.len() < 1024 * 1024, "{}", z.len());
        let started = std::time::Instant::now();
        let out = expand(&Input::new("many.zip", z));
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(ok_names(&out), ["many.zip/a.docx"]);
        let errors = refusals(&out);
        assert_eq!(errors.len(), 400);
        assert_eq!(errors[0].0, "many.zip/copy0.docx");
        assert_eq!(errors[0].1, IngestError::OverlappingEntry("a.docx".into()));
        let m = errors[0].1.to_string();
        assert!(
            m.contains("a.docx") && m.contains("zip bomb") && m.contains(" / "),
            "{m}"
        );
    }

    #[test]
    fn a_zip_of_overlapping_zips_fails_fast_with_a_message() {
        // Each inner zip: one entry of 20 MB of spaces (20 kB deflated) behind 50 names;
        // the outer zip holds that inner zip 50 times over, itself shared. Read naively
        // this is 50 × 50 × 20 MB = 50 GB; the first copy is read, the others refused.
        let spaces = vec![b' '; MAX_INPUT_BYTES];
        let inner = zip_sharing("a.txt", &spaces, 49);
        let outer = zip_sharing("in.zip", &inner, 49);
        assert!(outer.len() < 64 * 1024, "{}", outer.len());
        let started = std::time::Instant::now();
        let out = expand(&Input::new("bomb.zip", outer));
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(ok_names(&out), ["bomb.zip/in.zip/a.txt"]);
        let errors = refusals(&out);
        assert_eq!(errors.len(), 49 + 49);
        assert!(errors
            .iter()
            .all(|(_, e)| matches!(e, IngestError::OverlappingEntry(_))));
    }

    #[test]
    fn one_budget_covers_every_archive_and_nesting_level_of_a_request() {
        // Distinct entries (no sharing to detect): 4 inner zips of 6 entries of 1 MB each,
        // and a budget of 5 MB for the whole request.
        let entry = |k: u8| vec![b'a' + k; 1024 * 1024];
        let entries: Vec<(String, Vec<u8>)> =
            (0..6).map(|k| (format!("e{k}.txt"), entry(k))).collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let inner = zip_of(&refs);
        let names: Vec<String> = (0..4).map(|k| format!("in{k}.zip")).collect();
        let outer = zip_of(
            &names
                .iter()
                .map(|n| (n.as_str(), inner.as_slice()))
                .collect::<Vec<_>>(),
        );
        let budget = Budget::with_limits(Limits {
            bytes: 5 * 1024 * 1024,
            ..Limits::DEFAULT
        });
        let out = expand_within(&Input::new("outer.zip", outer.clone()), &budget);
        let read = ok_names(&out);
        assert!((3..=4).contains(&read.len()), "{read:?}");
        let errors = refusals(&out);
        assert!(
            errors
                .iter()
                .any(|(_, e)| matches!(e, IngestError::RequestTooLarge { limit_mb: 5 })),
            "{errors:?}"
        );
        // The rest of the archive is one line, not one per entry.
        assert!(errors.len() <= 3, "{errors:?}");
        assert!(
            errors.iter().any(|(n, _)| n.contains("entries after it")),
            "{errors:?}"
        );
        // The budget is the request's: a second input finds it spent.
        let again = expand_within(&Input::new("second.zip", outer), &budget);
        assert!(ok_names(&again).is_empty());
        assert!(refusals(&again)[0].1.to_string().contains("5 MB"));
        // Entries and characters likewise.
        let budget = Budget::with_limits(Limits {
            entries: 2,
            ..Limits::DEFAULT
        });
        let out = expand_within(&Input::new("z.zip", inner.clone()), &budget);
        assert_eq!(ok_names(&out).len(), 2);
        assert!(matches!(
            refusals(&out)[0].1,
            IngestError::TooManyEntries(2)
        ));
        let budget = Budget::with_limits(Limits {
            chars: 3 * 1024 * 1024,
            ..Limits::DEFAULT
        });
        let out = expand_within(&Input::new("z.zip", inner), &budget);
        assert_eq!(ok_names(&out).len(), 3);
        assert_eq!(refusals(&out).len(), 3);
        assert!(matches!(refusals(&out)[0].1, IngestError::TooManyChars(_)));
    }

    #[test]
    fn nesting_deeper_than_a_zip_in_a_zip_is_refused_by_name() {
        let innermost = zip_of(&[("c.txt", "丙".as_bytes())]);
        let middle = zip_of(&[("deep.zip", &innermost)]);
        let outer = zip_of(&[("middle.zip", &middle), ("a.txt", "甲".as_bytes())]);
        let out = expand(&Input::new("o.zip", outer));
        assert_eq!(ok_names(&out), ["o.zip/a.txt"]);
        assert_eq!(
            refusals(&out),
            [(
                "o.zip/middle.zip/deep.zip".to_string(),
                IngestError::NestedTooDeep(2)
            )]
        );
    }

    #[test]
    fn skipped_entries_each_get_a_line_with_name_and_why() {
        let z = zip_of(&[
            ("a.txt", "甲".as_bytes()),
            ("../evil.txt", "乙".as_bytes()),
            ("dir/./b.txt", "丙".as_bytes()),
            ("__MACOSX/._a.txt", b"junk"),
            (".DS_Store", b"junk"),
        ]);
        let out = expand(&Input::new("z.zip", z));
        assert_eq!(ok_names(&out), ["z.zip/a.txt"]);
        let errors = refusals(&out);
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert_eq!(
            errors[0],
            ("z.zip/../evil.txt".into(), IngestError::UnsafePath)
        );
        assert_eq!(
            errors[1],
            ("z.zip/dir/./b.txt".into(), IngestError::UnsafePath)
        );
        assert!(errors[0].1.to_string().contains("“..”"));
        assert_eq!(errors[2].1, IngestError::HiddenEntry);
        assert_eq!(errors[3].0, "z.zip/.DS_Store");
    }

    #[test]
    fn a_bad_record_refuses_that_record_only() {
        let json = r#"[{"text":"甲文"},{"text":"乙文","title":"一","title":"二"},{"text":5},{"title":"无正文"},[1,2],{"text":"丁文","name":null,"extra":{"a":[1,{"b":2}]}}]"#;
        let out = expand(&Input::new("c.json", json));
        assert_eq!(ok_names(&out), ["c.json#1", "c.json#6"]);
        assert_eq!(
            refusals(&out),
            [
                (
                    "c.json#2".to_string(),
                    IngestError::DuplicateKey {
                        record: 2,
                        key: "title".into()
                    }
                ),
                (
                    "c.json#3".to_string(),
                    IngestError::NotAString {
                        record: 3,
                        key: "text".into()
                    }
                ),
                ("c.json#4".to_string(), IngestError::NoTextField(4)),
                ("c.json#5".to_string(), IngestError::NotAnObject(5)),
            ]
        );
        for (_, e) in refusals(&out) {
            let m = e.to_string();
            assert!(m.contains(" / ") && !m.contains("invalid type"), "{m}");
        }
        // JSONL alike, line by line, with a line in another encoding among them.
        let mut jsonl = b"{\"text\":\"\xe7\x94\xb2\"}\n{oops\n".to_vec();
        jsonl.extend_from_slice(b"{\"text\":\"\xd2\xd2\"}\n{\"text\":\"\xe4\xb8\x99\",\"text\":\"x\"}\r\n\n{\"text\":\"\xe4\xb8\x81\"}");
        let out = expand(&Input::new("c.jsonl", jsonl));
        assert_eq!(ok_names(&out), ["c.jsonl#1", "c.jsonl#6"]);
        let errors = refusals(&out);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].0, "c.jsonl#2");
        assert!(matches!(
            errors[0].1,
            IngestError::MalformedJson { line: 2, .. }
        ));
        assert_eq!(errors[1], ("c.jsonl#3".into(), IngestError::LineNotUtf8(3)));
        assert!(matches!(
            errors[2].1,
            IngestError::DuplicateKey { record: 4, .. }
        ));
        // Malformed JSON in a `.json` file refuses the file (there is no next record to
        // find), with its line.
        let bad = expand(&Input::new("bad.json", "[{\"text\":\"a\"},\n{oops]"));
        assert!(matches!(
            refusals(&bad)[..],
            [(_, IngestError::MalformedJson { line: 2, .. })]
        ));
    }

    #[test]
    fn containers_are_measured_before_they_are_read() {
        // A container over the limit is refused by its length alone.
        let big = vec![b'['; MAX_CONTAINER_BYTES as usize + 1];
        let out = expand(&Input::new("big.json", big));
        assert!(matches!(
            refusals(&out)[..],
            [(_, IngestError::TooLarge { limit_mb: 200, .. })]
        ));
    }

    #[test]
    fn extensions_are_alphanumeric_endings_only() {
        assert_eq!(extension("a/b.DOCX").as_deref(), Some("docx"));
        assert_eq!(extension("corpus.jsonl#3"), None);
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("粘贴的文本"), None);
    }

    #[test]
    fn plain_inputs_pass_through() {
        let out = expand(&Input::new("a.txt", "文本"));
        assert_eq!(ok_names(&out), ["a.txt"]);
    }

    #[test]
    fn docx_paragraphs_become_lines() {
        let doc = docx_of(&["标题 A&B", "第一段<内容>。", "第二段。"]);
        let out = expand(&Input::new("报告.docx", doc));
        let input = out[0].as_ref().unwrap();
        assert_eq!(
            String::from_utf8(input.bytes.clone()).unwrap(),
            "标题 A&B\n第一段<内容>。\n第二段。\n"
        );
    }

    #[test]
    fn corrupt_docx_is_refused_with_a_message() {
        let out = expand(&Input::new("坏.docx", b"PK\x03\x04 not really".to_vec()));
        let (name, e) = out[0].as_ref().unwrap_err();
        assert_eq!(name, "坏.docx");
        assert!(
            e.to_string().contains("损坏") && e.to_string().contains("corrupt"),
            "{e}"
        );
    }

    #[test]
    fn zip_entries_expand_recursively_and_skip_hidden_files() {
        let inner = zip_of(&[("c.txt", "丙".as_bytes())]);
        let doc = docx_of(&["丁"]);
        let z = zip_of(&[
            ("dir/a.txt", "甲".as_bytes()),
            ("__MACOSX/dir/._a.txt", b"junk"),
            ("dir/b.docx", &doc),
            ("inner.zip", &inner),
        ]);
        let out = expand(&Input::new("corpus.zip", z));
        assert_eq!(
            ok_names(&out),
            [
                "corpus.zip/dir/a.txt",
                "corpus.zip/dir/b.docx",
                "corpus.zip/inner.zip/c.txt"
            ]
        );
    }

    #[test]
    fn zip_bomb_is_refused() {
        let zeros = vec![b' '; MAX_INPUT_BYTES + 1024];
        let z = zip_of(&[("bomb.txt", &zeros)]);
        assert!(z.len() < 1024 * 1024, "the bomb compresses");
        let out = expand(&Input::new("bomb.zip", z));
        let (_, e) = out[0].as_ref().unwrap_err();
        assert!(matches!(e, IngestError::TooLarge { .. }), "{e}");
    }

    #[test]
    fn json_and_jsonl_corpora_carry_hints() {
        let jsonl = "{\"text\":\"甲文\",\"title\":\"甲\",\"date\":\"2020-02-12\"}\n\n{\"text\":\"乙文\",\"name\":\"乙.txt\"}\n";
        let out = expand(&Input::new("c.jsonl", jsonl));
        assert_eq!(ok_names(&out), ["c.jsonl#1", "乙.txt"]);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.hint.title.as_deref(), Some("甲"));
        assert_eq!(first.hint.date.as_deref(), Some("2020-02-12"));
        let json = "[{\"text\":\"丙\"},{\"text\":\"丁\"}]";
        assert_eq!(
            ok_names(&expand(&Input::new("c.json", json))),
            ["c.json#1", "c.json#2"]
        );
        let bad = expand(&Input::new("bad.jsonl", "{\"text\":\"ok\"}\n{oops\n"));
        // The bad line refuses itself only.
        assert_eq!(ok_names(&bad), ["bad.jsonl#1"]);
        let (name, e) = bad[1].as_ref().unwrap_err();
        assert!(
            name == "bad.jsonl#2" && e.to_string().contains("line 2"),
            "{e}"
        );
    }
}
