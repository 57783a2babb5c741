//! Metadata and structure on articles nobody tuned for: the development set, the seeds and
//! the 585 distinct articles of the bench corpus (`tests/fixtures/bench/ncppolicies.jsonl`, a copy of `../shared/corpus/bench/`,
//! or the file `CUOSHI_BENCH_CORPUS` names).
//!
//! Every bench article must get a title (a one-line page's title is the run before its
//! first sentence); the shares with a date and with a place are printed. Over all of them,
//! no measure is an addressee list, a signature or a copy line.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::clean::clean;
use crate::meta;
use crate::model::DocumentReport;
use crate::pipeline::{Analyzer, Input};

/// The bench corpus's distinct texts, or none where the file is absent.
fn bench_texts() -> Vec<String> {
    let path = std::env::var("CUOSHI_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/bench/ncppolicies.jsonl")
        });
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the bench corpus at {}: {e}", path.display()));
    let mut seen = HashSet::new();
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

fn fixture_texts() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = Vec::new();
    for dir in ["seeds", "dev/docs"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(bytes) = std::fs::read(&p) {
                if let Ok(d) = crate::decode::decode(&bytes) {
                    out.push((p.display().to_string(), d.text));
                }
            }
        }
    }
    out
}

#[test]
fn every_bench_article_gets_a_title() {
    let texts = bench_texts();
    if texts.is_empty() {
        return;
    }
    let (mut titled, mut dated, mut placed) = (0usize, 0usize, 0usize);
    let mut untitled = Vec::new();
    for t in &texts {
        let m = meta::extract(&clean(t));
        if m.title.as_deref().is_some_and(|t| t.chars().count() >= 4) {
            titled += 1;
        } else {
            untitled.push(t.chars().take(60).collect::<String>());
        }
        dated += usize::from(m.date.month.is_some() || m.date.year.is_some());
        placed += usize::from(m.place.is_some());
    }
    let n = texts.len() as f64;
    eprintln!(
        "bench: {} distinct articles; title {:.3}, date {:.3}, place {:.3}",
        texts.len(),
        titled as f64 / n,
        dated as f64 / n,
        placed as f64 / n
    );
    for u in untitled.iter().take(10) {
        eprintln!("  no title: {u}");
    }
    assert!(
        titled as f64 / n >= 0.95,
        "titles on {titled} of {}",
        texts.len()
    );
}

/// Does a measure's text look like an addressee list, a signature or a copy line? Written
/// apart from the structure parser, from the form of these lines.
fn not_a_measure(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.contains("抄送：") || t.contains("抄送:") || t.contains("抄报：") {
        return Some("copy line");
    }
    if t.starts_with('各') && t.ends_with(['：', ':']) && !t.contains('。') {
        return Some("addressee list");
    }
    let cs: Vec<char> = t.chars().collect();
    // Ends with a body's name and a full date: a signature.
    if let Some(i) = (0..cs.len())
        .rev()
        .find(|&i| crate::structure::date_at(&cs, i).is_some_and(|(_, e)| e == cs.len()))
    {
        let before: String = cs[..i].iter().collect();
        let before = before.trim_end();
        if [
            "政府",
            "办公厅",
            "办公室",
            "委员会",
            "局",
            "厅",
            "领导小组",
            "指挥部",
        ]
        .iter()
        .any(|s| before.ends_with(s))
        {
            return Some("signature");
        }
    }
    None
}

fn check_measures(name: &str, doc: &DocumentReport) {
    for m in &doc.measures {
        if let Some(what) = not_a_measure(&m.text) {
            panic!("{name}: a {what} reported as a measure: {}", m.text);
        }
    }
}

#[test]
fn no_addressee_signature_or_copy_line_is_a_measure() {
    let analyzer = Analyzer::new();
    let mut docs: Vec<(String, String)> = fixture_texts();
    // The bench corpus: its documents (通知, 意见, 通告 …), where such lines are.
    docs.extend(
        bench_texts()
            .into_iter()
            .enumerate()
            .filter(|(_, t)| t.contains("关于") && (t.contains("：") || t.contains("抄送")))
            .map(|(i, t)| (format!("bench#{i}"), t)),
    );
    for (i, (name, text)) in docs.iter().enumerate() {
        let input = Input::new(format!("{i}.txt"), text.as_bytes());
        if let Ok(doc) = analyzer.analyze_document(&format!("d{i}"), &input) {
            check_measures(name, &doc);
        }
    }
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert_eq!(
        not_a_measure("各区、县人民政府，市政府各部门："),
        Some("addressee list")
    );
    assert_eq!(
        not_a_measure("某某市人民政府办公厅 2020年2月12日"),
        Some("signature")
    );
    assert_eq!(not_a_measure("抄送：市委各部门。"), Some("copy line"));
    assert_eq!(not_a_measure("对受影响企业给予贷款贴息"), None);
}
