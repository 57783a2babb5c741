//! Every case of the reliability issue, through the `cuoshi` command line run under
//! `ulimit -v 1048576` (1 GB of address space): a zip of overlapping zips, zips of zips past
//! the request's decompression budget, one `.docx` behind hundreds of names, an article of
//! many similar measures, a JSONL corpus of 600 articles with bad lines (an abridged
//! report), a `.json` corpus with a duplicate key and a non-string `text`, zip entries with
//! `..`, and 3 GB sparse files. Each run also gets a good seed: the run must finish, the bad
//! part come back with its bilingual message, the seed be analyzed, the exit code 0.
//! Fixtures are generated in a fresh temporary directory.
#![cfg(all(unix, not(target_arch = "wasm32")))]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::{seed_path, SEED};

/// A fresh directory for one test's fixtures.
fn temp_dir(test: &str) -> PathBuf {
    common::temp_dir("limits", test)
}

fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true)
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in entries {
        w.start_file(*path, options()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A zip whose entry `first` holds `bytes` and `copies` more entries point at its data.
fn zip_sharing(first: &str, bytes: &[u8], copies: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(first, options()).unwrap();
    w.write_all(bytes).unwrap();
    let ext = first.rsplit('.').next().unwrap();
    for k in 0..copies {
        w.shallow_copy_file(first, &format!("copy{k}.{ext}"))
            .unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_of(paragraphs: &[String]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", xml.as_bytes()),
    ])
}

/// What one run of the command line gave.
struct Run {
    report: serde_json::Value,
    took: Duration,
}

impl Run {
    fn errors(&self) -> Vec<(String, String)> {
        (self.report["errors"]
            .as_array()
            .cloned()
            .unwrap_or_default())
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
    }

    /// The message of the first error whose name contains `name`.
    fn error_for(&self, name: &str) -> String {
        let errors = self.errors();
        errors
            .iter()
            .find(|(n, _)| n.contains(name))
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no error for {name}: {errors:?}"))
    }

    fn seed_is_intact(&self) {
        let seed = (self.report["documents"].as_array().unwrap())
            .iter()
            .find(|d| d["name"].as_str().is_some_and(|n| n.ends_with(SEED)))
            .expect("the seed is analyzed");
        assert!(seed["measures"].as_array().unwrap().len() > 10);
    }
}

/// Runs `cuoshi analyze FILES... <seed>` with 1 GB of address space; it must exit 0 and
/// print a whole JSON report.
fn analyze_limited(files: &[&Path], extra: &[&str]) -> Run {
    let started = Instant::now();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_cuoshi"))
        .arg("analyze")
        .args(extra)
        .args(files)
        .arg(seed_path())
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "exit {:?} after {took:?}: {}",
        out.status.code(),
        &stderr[..stderr.len().min(2000)]
    );
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON report ({e}): {stderr}"));
    let run = Run { report, took };
    run.seed_is_intact();
    run
}

fn bilingual(m: &str) {
    assert!(
        m.contains(" / ") && m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{m}"
    );
}

#[test]
fn zips_of_zips_stop_at_one_budget() {
    let dir = temp_dir("zips");
    // Overlapping: 50 names for one inner zip, each of 50 names for 20 MB of spaces —
    // 50 GB if read naively, 41 kB on disk.
    let spaces = vec![b' '; 20 * 1024 * 1024];
    let inner = zip_sharing("a.txt", &spaces, 49);
    let overlapping = dir.join("overlap.zip");
    std::fs::write(&overlapping, zip_sharing("in.zip", &inner, 49)).unwrap();
    // Distinct entries, no sharing to detect: 4 inner zips of 5 × 20 MB each, 400 MB in
    // all, past the request's 200 MB.
    let names: Vec<String> = (0..5).map(|k| format!("e{k}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &spaces[..])).collect();
    let inner = zip_of(&entries);
    let outer_names: Vec<String> = (0..4).map(|k| format!("in{k}.zip")).collect();
    let outer: Vec<(&str, &[u8])> = outer_names
        .iter()
        .map(|n| (n.as_str(), &inner[..]))
        .collect();
    let budget = dir.join("budget.zip");
    std::fs::write(&budget, zip_of(&outer)).unwrap();
    // Deeper than a zip in a zip, and entries with `.` and `..` in their paths.
    let deep = zip_of(&[("b.zip", &zip_of(&[("c.zip", &zip_of(&[("d.txt", b"x")]))]))]);
    let dots = zip_of(&[
        ("../up.txt", "甲".as_bytes()),
        ("a/./b.txt", "乙".as_bytes()),
    ]);
    let deep_path = dir.join("deep.zip");
    let dots_path = dir.join("dots.zip");
    std::fs::write(&deep_path, deep).unwrap();
    std::fs::write(&dots_path, dots).unwrap();

    // The small archives first: past the budget nothing more is read.
    let run = analyze_limited(&[&deep_path, &dots_path, &overlapping, &budget], &[]);
    let m = run.error_for("overlap.zip/copy0.zip");
    assert!(m.contains("zip bomb") && m.contains("in.zip"), "{m}");
    bilingual(&m);
    assert!(run
        .error_for("overlap.zip/in.zip/copy0.txt")
        .contains("zip bomb"));
    let m = run.error_for("budget.zip/in");
    let over = run
        .errors()
        .into_iter()
        .find(|(_, m)| m.contains("200 MB decompressed"))
        .unwrap_or_else(|| panic!("{:?}", run.errors()));
    bilingual(&over.1);
    assert!(
        over.0.contains("entries after it") || over.0.contains("budget.zip/"),
        "{over:?}"
    );
    bilingual(&m);
    assert!(run
        .error_for("deep.zip/b.zip/c.zip")
        .contains("nested more than 2"));
    assert!(run.error_for("dots.zip/../up.txt").contains("“..”"));
    assert!(run.error_for("dots.zip/a/./b.txt").contains("“.”"));
    assert!(run.took < Duration::from_secs(120), "{:?}", run.took);
}

#[test]
fn one_docx_behind_many_names_is_read_once() {
    let dir = temp_dir("docx");
    let paragraphs: Vec<String> = (0..20_000)
        .map(|i| format!("第{i}条 县政府协调金融机构降低融资成本。"))
        .collect();
    let path = dir.join("many.zip");
    std::fs::write(&path, zip_sharing("a.docx", &docx_of(&paragraphs), 500)).unwrap();
    let run = analyze_limited(&[&path], &[]);
    let shared = run
        .errors()
        .iter()
        .filter(|(n, m)| n.contains("many.zip/copy") && m.contains("a.docx"))
        .count();
    assert_eq!(shared, 500);
    assert!(run.took < Duration::from_secs(120), "{:?}", run.took);
}

#[test]
fn corpora_refuse_their_bad_records_only_and_large_ones_are_abridged() {
    let dir = temp_dir("corpora");
    // 600 small distinct articles, with a bad line, a GBK line and a duplicate key.
    let sentences = [
        "县政府协调金融机构降低融资成本",
        "组织点对点包车接回外地员工",
        "减免中小企业三个月房租",
        "发放稳岗补贴支持企业复工复产",
        "开通防疫物资运输绿色通道",
    ];
    let mut jsonl = Vec::new();
    for i in 0..600 {
        let text = format!(
            "第{i}号通知\n{}，{}，做到应返尽返。",
            sentences[i % 5],
            sentences[(i / 5) % 5]
        );
        jsonl.extend_from_slice(
            serde_json::json!({"text": text, "title": format!("第{i}号")})
                .to_string()
                .as_bytes(),
        );
        jsonl.push(b'\n');
        if i == 10 {
            jsonl.extend_from_slice(b"{oops\n");
            jsonl.extend_from_slice(b"{\"text\":\"\xd2\xd2\"}\n");
            jsonl.extend_from_slice(b"{\"text\":\"a\",\"text\":\"b\"}\n");
        }
    }
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, jsonl).unwrap();
    let json = dir.join("records.json");
    std::fs::write(
        &json,
        r#"[{"text":"县政府要求推动企业复工复产。"},{"text":"甲","title":"一","title":"二"},{"text":5}]"#,
    )
    .unwrap();
    let run = analyze_limited(&[&corpus, &json], &[]);
    assert!(run.error_for("corpus.jsonl#12").contains("line 12"));
    assert!(run.error_for("corpus.jsonl#13").contains("not UTF-8"));
    assert!(run.error_for("corpus.jsonl#14").contains("“text” twice"));
    let m = run.error_for("records.json#2");
    assert!(m.contains("“title” twice"), "{m}");
    bilingual(&m);
    assert!(run.error_for("records.json#3").contains("is not a string"));
    let documents = run.report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 600 + 1 + 1);
    let c = &run.report["comparison"];
    assert_eq!(c["abridged"], true);
    assert_eq!(c["similarity"], serde_json::json!([]));
    assert_eq!(c["closest"].as_array().unwrap().len(), 100);
    assert!(c["matrix"]["labor"].as_object().unwrap().len() == documents.len());
}

#[test]
fn huge_files_are_refused_by_their_size_without_being_read() {
    let dir = temp_dir("sparse");
    let mut paths = Vec::new();
    for name in ["huge.txt", "huge.json", "huge.zip", "huge.jsonl"] {
        let path = dir.join(name);
        let f = std::fs::File::create(&path).unwrap();
        // Sparse: 3 GB long, nothing on disk. A JSONL file is streamed line by line, so
        // its one 300 MB line is read without being kept.
        f.set_len(if name.ends_with("jsonl") {
            300 << 20
        } else {
            3 << 30
        })
        .unwrap();
        paths.push(path);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let run = analyze_limited(&refs, &[]);
    for name in ["huge.txt", "huge.json", "huge.zip"] {
        let m = run.error_for(name);
        assert!(m.contains("3072 MB") && m.contains("too large"), "{m}");
    }
    assert!(run
        .error_for("huge.jsonl#1")
        .contains("(300 MB, limit 20 MB)"));
    assert!(run.took < Duration::from_secs(60), "{:?}", run.took);
}

#[test]
fn an_article_of_many_similar_measures_finishes() {
    let dir = temp_dir("similar");
    let verbs = ["支持", "鼓励", "推动", "组织", "落实"];
    let objects = [
        "企业复工复产",
        "点对点包车接回员工",
        "降低融资成本",
        "减免中小企业房租",
        "发放稳岗补贴",
    ];
    let mut text = String::from("关于支持企业复工复产的若干措施\n");
    for i in 0..1500 {
        text.push_str(&format!(
            "{}{}，{}{}。",
            verbs[i % 5],
            objects[(i / 5) % 5],
            verbs[(i / 25) % 5],
            objects[(i / 125) % 5]
        ));
        if i % 5 == 4 {
            text.push('\n');
        }
    }
    let path = dir.join("similar.txt");
    std::fs::write(&path, text).unwrap();
    let run = analyze_limited(&[&path], &[]);
    let doc = (run.report["documents"].as_array().unwrap())
        .iter()
        .find(|d| d["name"].as_str().unwrap().ends_with("similar.txt"))
        .unwrap();
    assert!(doc["measures"].as_array().unwrap().len() > 500);
    assert!(run.took < Duration::from_secs(120), "{:?}", run.took);
}
