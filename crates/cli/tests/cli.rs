//! The `cuoshi` command line, run as a process: required report fields, standard input,
//! bad files reported without stopping the others, exit codes.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn cuoshi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cuoshi"))
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs `cuoshi ARGS` on seeds 001 and 004, expects success, returns its JSON output.
fn json_of_two_seeds(args: &[&str]) -> serde_json::Value {
    let out = cuoshi()
        .args(args)
        .args([
            fixture("001_f2e52fa04076f08f.txt"),
            fixture("004_72afcfd04ab40aa2.txt"),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn analyze_prints_the_required_fields() {
    let v = json_of_two_seeds(&["analyze", "--format", "json"]);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for d in docs {
        assert!(d["name"].is_string() && d["text"].is_string());
        for k in ["title", "date", "place"] {
            assert!(d["meta"].get(k).is_some(), "meta.{k} missing");
        }
        for k in ["year", "month", "day"] {
            assert!(d["meta"]["date"].get(k).is_some(), "date.{k} missing");
        }
        let m = &d["measures"][0];
        for k in ["text", "sentence", "start", "end", "category"] {
            assert!(m.get(k).is_some(), "measure.{k} missing");
        }
        assert!(d["slogans"].is_array() && d["figures"].is_array());
    }
    assert!(v["comparison"]["matrix"]["labor"].is_object());
}

#[test]
fn reads_standard_input_and_reports_bad_files_without_stopping() {
    let mut child = cuoshi()
        .args(["analyze", "-", "missing-file.txt", "scan.pdf"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("市政府要求各地落实一企一策，协调金融机构降低融资成本。".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("scan.pdf"));
}

#[test]
fn exits_non_zero_only_when_nothing_was_analyzed() {
    let out = cuoshi()
        .args(["analyze", "nothing-here.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = cuoshi().args(["analyze"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FILE"));
}

#[test]
fn bench_times_the_pipeline_and_segmentation_as_json() {
    let v = json_of_two_seeds(&["bench", "--min-ms", "50"]);
    assert_eq!(v["documents"], 2);
    assert!(v["input_bytes"].as_u64().unwrap() > 1000);
    let seg = &v["segmentation"];
    assert_eq!(seg["documents"], 2);
    assert!(seg["rounds"].as_u64().unwrap() >= 1);
    assert!(seg["elapsed_ms"].as_f64().unwrap() >= 50.0);
    assert!(seg["mb_per_s"].as_f64().unwrap() > 0.0);
    for k in ["dictionary_ms", "analyze_ms", "compare_ms"] {
        assert!(v[k].as_f64().is_some(), "{k} missing");
    }

    let none = cuoshi().arg("bench").output().unwrap();
    assert_eq!(none.status.code(), Some(2));
}
