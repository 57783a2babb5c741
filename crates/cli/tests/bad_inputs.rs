//! Every bad input of the ingestion issue, through the `cuoshi` command line: an empty file,
//! binary data renamed `.txt`, undecodable bytes, a 50 MB file, one 2 MB line without
//! punctuation, 100 000 nested `<div>`s, a corrupt and a zip-bomb `.docx`, a corrupt and a
//! zip-bomb `.zip`, a duplicate. Each run also gets a good seed: the bad file must come back
//! with its bilingual message (in the report's `errors` and on standard error, or as a
//! warning when the document is still read), the seed must be analyzed, the exit code 0,
//! and nothing may take long. Fixtures are generated in a fresh temporary directory.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::{seed_path, SEED};

/// A fresh directory for one test's fixtures.
fn temp_dir(test: &str) -> PathBuf {
    common::temp_dir("bad-inputs", test)
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (path, bytes) in entries {
        w.start_file(*path, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// What one run of the command line gave.
struct Run {
    report: serde_json::Value,
    stderr: String,
    took: Duration,
}

impl Run {
    fn documents(&self) -> &Vec<serde_json::Value> {
        self.report["documents"].as_array().unwrap()
    }

    fn error_for(&self, name_ends: &str) -> String {
        let errors = self.report["errors"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        errors
            .iter()
            .find(|e| e["name"].as_str().unwrap().ends_with(name_ends))
            .unwrap_or_else(|| panic!("no error for {name_ends}: {errors:?}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// Writes `bytes` as `dir/name` and analyzes it with the good seed; checks the seed survived
/// and the exit code.
fn run_with_seed(dir: &Path, name: &str, bytes: &[u8]) -> Run {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_cuoshi"))
        .args(["analyze", &seed_path(), path.to_str().unwrap()])
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = Run {
        report,
        stderr,
        took,
    };
    let seed = run
        .documents()
        .iter()
        .find(|d| d["name"].as_str().unwrap().ends_with(SEED));
    let seed = seed.unwrap_or_else(|| panic!("{name}: the good seed was not analyzed"));
    assert!(
        !seed["measures"].as_array().unwrap().is_empty(),
        "{name}: the seed lost its measures"
    );
    let _ = std::fs::remove_file(&path);
    run
}

/// The bad file is refused with a message holding both `zh` and `en`, in the report and
/// on standard error, and only the seed is analyzed.
fn assert_refused(run: &Run, name: &str, zh: &str, en: &str) {
    let message = run.error_for(name);
    assert!(
        message.contains(zh) && message.contains(en),
        "{name}: {message}"
    );
    assert!(
        run.stderr.contains(name) && run.stderr.contains(zh) && run.stderr.contains(en),
        "{name}: stderr {}",
        run.stderr
    );
    assert_eq!(run.documents().len(), 1, "{name}: only the seed");
}

/// A generous bound for a debug build on a busy machine; a release build is far faster.
fn quick(run: &Run, name: &str, limit_secs: u64) {
    assert!(
        run.took < Duration::from_secs(limit_secs),
        "{name} took {:?}",
        run.took
    );
}

#[test]
fn empty_file() {
    let dir = temp_dir("empty");
    let run = run_with_seed(&dir, "empty.txt", b"");
    assert_refused(&run, "empty.txt", "文件为空", "The file is empty");
    let run = run_with_seed(&dir, "blank.txt", b" \n\t\r\n ");
    assert_refused(&run, "blank.txt", "文件为空", "The file is empty");
}

#[test]
fn binary_renamed_txt() {
    let dir = temp_dir("binary");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    let run = run_with_seed(&dir, "photo.txt", &png);
    assert_refused(&run, "photo.txt", "二进制", "binary data");
    let pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n".repeat(20);
    let run = run_with_seed(&dir, "report.txt", &pdf);
    assert_refused(&run, "report.txt", "二进制", "binary data");
}

#[test]
fn undecodable_bytes() {
    let dir = temp_dir("undecodable");
    // Declared UTF-8 by its BOM, but the bytes are not UTF-8.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::iter::repeat_n(b"\xFF\xFE\xC0\xC1\x80".as_slice(), 400).flatten());
    let run = run_with_seed(&dir, "broken.txt", &bytes);
    assert_refused(&run, "broken.txt", "无法解码", "could not be decoded");
    // UTF-16 by its BOM, but lone surrogates.
    let mut bytes = b"\xFF\xFE".to_vec();
    bytes.extend(std::iter::repeat_n(b"\x00\xD8".as_slice(), 500).flatten());
    let run = run_with_seed(&dir, "surrogates.txt", &bytes);
    assert_refused(&run, "surrogates.txt", "无法解码", "UTF-16LE");
}

#[test]
fn fifty_megabyte_file() {
    let dir = temp_dir("large");
    let sentence = "市政府要求各地落实一企一策，推动企业复工复产。\n".as_bytes();
    let big: Vec<u8> = sentence
        .iter()
        .copied()
        .cycle()
        .take(50 * 1024 * 1024)
        .collect();
    let run = run_with_seed(&dir, "big.txt", &big);
    assert_refused(&run, "big.txt", "文件过大", "File too large");
    assert!(
        run.error_for("big.txt").contains("50 MB")
            && run.error_for("big.txt").contains("limit 20 MB")
    );
    quick(&run, "big.txt", 20);
}

#[test]
fn two_megabyte_line_without_punctuation() {
    let dir = temp_dir("long-line");
    let han: Vec<char> =
        "复工复产企业政府推动落实服务保障经济发展建设项目资金金融机构人员防控疫情工作"
            .chars()
            .collect();
    let mut seed = 3u64;
    let blob: String = (0..700_000)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            han[(seed >> 33) as usize % han.len()]
        })
        .collect();
    assert!(blob.len() > 2_000_000);
    let run = run_with_seed(&dir, "blob.txt", blob.as_bytes());
    assert_refused(&run, "blob.txt", "没有标点", "without punctuation");
    assert!(run.error_for("blob.txt").contains("700000"));
    quick(&run, "blob.txt", 10);

    // The same blob inside an article: the article is read, the blob removed with a
    // warning (and listed by a short preview, not 2 MB).
    let article = format!("市政府召开复工复产工作会议。\n{blob}\n会议要求，各地要落实一企一策，推动企业尽快复工复产。\n");
    let run = run_with_seed(&dir, "with-blob.txt", article.as_bytes());
    let doc = run
        .documents()
        .iter()
        .find(|d| d["name"].as_str().unwrap().ends_with("with-blob.txt"))
        .unwrap();
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("没有标点") || warnings.contains("无标点"),
        "{warnings}"
    );
    assert!(warnings.contains("without punctuation"), "{warnings}");
    assert!(doc["text"].as_str().unwrap().contains("一企一策"));
    assert!(doc["removed"].to_string().len() < 10_000);
    quick(&run, "with-blob.txt", 10);

    // ASCII letters without a break are a blob too.
    let run = run_with_seed(&dir, "letters.txt", "a".repeat(2_000_000).as_bytes());
    assert_refused(&run, "letters.txt", "没有标点", "without punctuation");
    quick(&run, "letters.txt", 10);
}

#[test]
fn deeply_nested_html() {
    let dir = temp_dir("nested");
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>会议要求，各地要落实一企一策，推动企业尽快复工复产。</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let run = run_with_seed(&dir, "nested.html", page.as_bytes());
    let doc = run
        .documents()
        .iter()
        .find(|d| d["name"].as_str().unwrap().ends_with("nested.html"))
        .unwrap();
    let warnings = doc["warnings"].to_string();
    assert!(
        warnings.contains("嵌套") && warnings.contains("nested deeper"),
        "{warnings}"
    );
    assert!(doc["text"].as_str().unwrap().contains("一企一策"));
    quick(&run, "nested.html", 10);
    // Nothing but nesting: refused, not hung.
    let empty = format!("{}{}", "<div>".repeat(n), "</div>".repeat(n));
    let run = run_with_seed(&dir, "only-divs.html", empty.as_bytes());
    assert_refused(&run, "only-divs.html", "没有正文", "No article text");
    quick(&run, "only-divs.html", 10);
}

#[test]
fn corrupt_and_bomb_docx() {
    let dir = temp_dir("docx");
    let run = run_with_seed(
        &dir,
        "corrupt.docx",
        b"PK\x03\x04 this is not really a zip archive",
    );
    assert_refused(&run, "corrupt.docx", "损坏", "corrupt");
    let no_document = zip_of(&[("[Content_Types].xml", b"<Types/>")]);
    let run = run_with_seed(&dir, "empty-zip.docx", &no_document);
    assert_refused(&run, "empty-zip.docx", "word/document.xml", "corrupt");
    // 81 MB of XML that compresses to a few hundred kB.
    let mut xml = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(81 * 1024 * 1024, b' ');
    let bomb = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", &xml),
    ]);
    drop(xml);
    assert!(bomb.len() < 2 * 1024 * 1024);
    let run = run_with_seed(&dir, "bomb.docx", &bomb);
    assert_refused(&run, "bomb.docx", "文件过大", "File too large");
    quick(&run, "bomb.docx", 30);
}

#[test]
fn corrupt_and_bomb_zip() {
    let dir = temp_dir("zip");
    let run = run_with_seed(&dir, "corrupt.zip", b"PK\x03\x04\x14\x00 truncated");
    assert_refused(&run, "corrupt.zip", "损坏", "corrupt");
    let spaces = vec![b' '; 21 * 1024 * 1024];
    let bomb = zip_of(&[("bomb.txt", &spaces)]);
    drop(spaces);
    let run = run_with_seed(&dir, "bomb.zip", &bomb);
    // The entry is refused by its name.
    assert_refused(&run, "bomb.zip/bomb.txt", "文件过大", "File too large");
    quick(&run, "bomb.zip", 30);
    // Nested deeper than the limit.
    let inner = zip_of(&[("a.txt", "会议要求落实一企一策。".as_bytes())]);
    let middle = zip_of(&[("inner.zip", &inner)]);
    let outer = zip_of(&[("middle.zip", &middle)]);
    let run = run_with_seed(&dir, "outer.zip", &outer);
    assert_refused(
        &run,
        "middle.zip/inner.zip",
        "嵌套超过 2 层",
        "nested more than 2 deep",
    );
}

#[test]
fn duplicate_of_an_article_already_loaded() {
    let dir = temp_dir("duplicate");
    let copy = std::fs::read(seed_path()).unwrap();
    let run = run_with_seed(&dir, "copy-of-seed.txt", &copy);
    assert_refused(&run, "copy-of-seed.txt", "重复", "Duplicate");
    // The same article in another encoding is the same article.
    let text = String::from_utf8(copy).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let run = run_with_seed(&dir, "copy-gbk.txt", &gbk);
    assert_refused(&run, "copy-gbk.txt", "重复", "Duplicate");
}

#[test]
fn encoding_flag_forces_the_decoding_and_unknown_labels_are_refused() {
    let dir = std::env::temp_dir().join(format!("cuoshi-encoding-flag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big5.txt");
    let (bytes, _, _) =
        encoding_rs::BIG5.encode("市政府協調金融機構出臺延長還款期限、降低融資成本的措施。");
    std::fs::write(&path, &bytes).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuoshi"))
        .args(["analyze", "--encoding", "big5", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"][0]["encoding"], "Big5");
    assert!(v["documents"][0]["text"]
        .as_str()
        .unwrap()
        .contains("降低融资成本"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuoshi"))
        .args(["analyze", "--encoding", "klingon", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("klingon"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
