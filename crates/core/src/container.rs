//! Containers: inputs that hold articles rather than being one — `.docx` (Word), `.zip`
//! (folders of articles), `.json` / `.jsonl` corpora (one article per object or line).
//!
//! [`expand`] turns one input into the articles it holds, each as a plain-text [`Input`]
//! (a docx becomes its paragraphs; a zip entry keeps its path as `archive.zip/dir/a.txt`).
//! Everything is bounded — entry count, bytes per entry, bytes in all, nesting depth — and
//! read through a limit rather than trusting declared sizes, so a zip bomb is refused with a
//! message instead of eating the tab's memory.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Deserialize;

use super::error::IngestError;
use super::pipeline::{Input, MetaHint, MAX_INPUT_BYTES};

/// Most entries read from one archive.
pub const MAX_ENTRIES: usize = 2000;
/// Most bytes read from one archive, all entries together, once decompressed.
pub const MAX_ARCHIVE_BYTES: u64 = 200 * 1024 * 1024;
/// How deep archives may nest (a zip in a zip is read; deeper is refused).
const MAX_DEPTH: usize = 2;

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

/// The articles held by `input`: itself when it is not a container.
pub fn expand(input: &Input) -> Vec<Result<Input, (String, IngestError)>> {
    expand_at(input, 0)
}

fn expand_at(input: &Input, depth: usize) -> Vec<Result<Input, (String, IngestError)>> {
    let refuse = |e: IngestError| vec![Err((input.name.clone(), e))];
    match extension(&input.name).as_deref() {
        Some("docx") => match docx_text(&input.bytes) {
            Ok(text) => {
                // The document's text is UTF-8 by construction: no encoding to override.
                let mut article = Input::new(input.name.clone(), text.into_bytes());
                article.hint = input.hint.clone();
                article.keep_lines = input.keep_lines.clone();
                vec![Ok(article)]
            }
            Err(e) => refuse(e),
        },
        Some("zip") if depth >= MAX_DEPTH => {
            refuse(IngestError::Corrupt("嵌套过深 / nested too deep".into()))
        }
        Some("zip") => match zip_entries(&input.name, &input.bytes) {
            Ok(entries) => entries
                .iter()
                .flat_map(|entry| expand_at(entry, depth + 1))
                .collect(),
            Err(e) => refuse(e),
        },
        Some("json") => match json_articles(&input.name, &input.bytes, false) {
            Ok(articles) => articles.into_iter().map(Ok).collect(),
            Err(e) => refuse(e),
        },
        Some("jsonl") => match json_articles(&input.name, &input.bytes, true) {
            Ok(articles) => articles.into_iter().map(Ok).collect(),
            Err(e) => refuse(e),
        },
        _ => vec![Ok(input.clone())],
    }
}

fn open_zip(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, IngestError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| IngestError::Corrupt(e.to_string()))
}

/// Reads at most `limit` bytes of an entry; more means the entry is too large (or a bomb).
fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Corrupt(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            size_mb: (out.len() as u64).div_ceil(1024 * 1024),
            limit_mb: limit / (1024 * 1024),
        });
    }
    Ok(out)
}

/// The text of a Word document: its paragraphs, one per line.
pub fn docx_text(bytes: &[u8]) -> Result<String, IngestError> {
    let mut archive = open_zip(bytes)?;
    let xml = {
        let entry = archive.by_name("word/document.xml").map_err(|_| {
            IngestError::Corrupt("没有 word/document.xml / no word/document.xml".into())
        })?;
        read_bounded(entry, MAX_INPUT_BYTES as u64 * 4)?
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

/// The files of a zip archive, each as an input named `archive.zip/path`.
fn zip_entries(name: &str, bytes: &[u8]) -> Result<Vec<Input>, IngestError> {
    let mut archive = open_zip(bytes)?;
    if archive.len() > MAX_ENTRIES {
        return Err(IngestError::Corrupt(format!(
            "超过 {MAX_ENTRIES} 个文件 / more than {MAX_ENTRIES} files"
        )));
    }
    let mut total: u64 = 0;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| IngestError::Corrupt(e.to_string()))?;
        let path = entry
            .name()
            .map_err(|e| IngestError::Corrupt(e.to_string()))?
            .to_string();
        let hidden = path
            .split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX");
        if entry.is_dir() || hidden {
            continue;
        }
        let remaining = MAX_ARCHIVE_BYTES.saturating_sub(total);
        let limit = remaining.min(MAX_INPUT_BYTES as u64);
        let bytes = read_bounded(entry, limit)?;
        total += bytes.len() as u64;
        out.push(Input::new(format!("{name}/{path}"), bytes));
    }
    Ok(out)
}

#[derive(Deserialize)]
struct JsonArticle {
    text: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

fn article(file: &str, n: usize, a: JsonArticle) -> Input {
    let name = a.name.unwrap_or_else(|| format!("{file}#{n}"));
    let mut input = Input::new(name, a.text.into_bytes());
    input.hint = MetaHint {
        title: a.title,
        date: a.date,
    };
    input
}

/// The article on line `n` (1-based) of a JSONL corpus `file`; `None` for a blank line.
/// The command line streams large corpora through this, one line at a time.
pub fn jsonl_line(file: &str, n: usize, line: &str) -> Option<Result<Input, IngestError>> {
    let line = line.trim_start_matches('\u{feff}');
    if line.trim().is_empty() {
        return None;
    }
    Some(
        serde_json::from_str::<JsonArticle>(line)
            .map(|a| article(file, n, a))
            .map_err(|e| IngestError::Corrupt(format!("JSON 第 {n} 行 / line {n}: {e}"))),
    )
}

/// Articles of a JSON corpus: an array of `{text, name?, title?, date?}` objects, one such
/// object, or (`lines`) one object per line.
fn json_articles(file: &str, bytes: &[u8], lines: bool) -> Result<Vec<Input>, IngestError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| IngestError::Undecodable("JSON 须为 UTF-8 / JSON must be UTF-8".into()))?;
    let text = text.trim_start_matches('\u{feff}');
    let bad = |line: usize, e: serde_json::Error| {
        IngestError::Corrupt(format!("JSON 第 {line} 行 / line {line}: {e}"))
    };
    let mut out = Vec::new();
    if lines {
        for (i, line) in text.lines().enumerate() {
            if let Some(article) = jsonl_line(file, i + 1, line) {
                out.push(article?);
            }
        }
    } else {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<JsonArticle>),
            One(JsonArticle),
        }
        match serde_json::from_str(text).map_err(|e| bad(e.line(), e))? {
            OneOrMany::Many(all) => out.extend(
                all.into_iter()
                    .enumerate()
                    .map(|(i, a)| article(file, i + 1, a)),
            ),
            OneOrMany::One(a) => out.push(article(file, 1, a)),
        }
    }
    if out.is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(out)
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
        let (_, e) = bad[0].as_ref().unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
