//! The command line with the user's lexicons: `cuoshi taxonomy` prints the default taxonomy
//! to start editing from; `cuoshi analyze --taxonomy/--dict/--stopwords FILE` use them, and
//! a bad file stops the run with a bilingual message naming the file's line or field.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cuoshi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cuoshi"))
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cuoshi-cli-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn analyze(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = cuoshi().arg("analyze").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), v, stderr)
}

#[test]
fn taxonomy_prints_the_default_which_analyze_accepts_edited() {
    let out = cuoshi().arg("taxonomy").output().unwrap();
    assert!(out.status.success());
    let mut t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cats = t.as_array_mut().unwrap();
    assert_eq!(cats.len(), 13);
    assert_eq!(cats[4]["id"], "fiscal");
    // Rename one, add one with its own cues.
    cats[4]["label"] = "财税支持".into();
    cats.push(serde_json::json!({"id": "digital", "label": "数字化", "instrument": "supply", "cues": {"云办公": 3, "数字化": 3}}));
    let tax = temp("taxonomy.json", &t.to_string());
    let article = temp(
        "a.txt",
        "区政府要推动企业开展云办公和数字化改造，减免中小企业房租。",
    );
    let (code, v, err) = analyze(&["--taxonomy", &tax, &article]);
    assert_eq!(code, 0, "{err}");
    let labels: Vec<&str> = v["taxonomy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"财税支持") && labels.contains(&"数字化"),
        "{labels:?}"
    );
    let cats: Vec<&str> = v["documents"][0]["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["category"].as_str().unwrap())
        .collect();
    assert!(cats.contains(&"digital"), "{cats:?}");
}

#[test]
fn dictionary_and_stop_words_change_keywords() {
    let article = temp(
        "b.txt",
        "要落实稳链强链行动，稳链强链见实效。物流保障要到位，物流要畅通。",
    );
    let dict = temp("dict.txt", "稳链强链 50 n\n");
    let stop = temp("stop.txt", "# 不要\n物流\n");
    let (code, v, err) = analyze(&["--dict", &dict, "--stopwords", &stop, &article]);
    assert_eq!(code, 0, "{err}");
    let words: Vec<&str> = v["documents"][0]["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["word"].as_str().unwrap())
        .collect();
    assert!(words.contains(&"稳链强链"), "{words:?}");
    assert!(!words.contains(&"物流"), "{words:?}");
}

#[test]
fn bad_settings_files_stop_with_a_bilingual_message() {
    let article = temp("c.txt", "要减免中小企业房租。");
    let (code, _, err) = analyze(&["--taxonomy", &temp("bad.json", "[{\"id\":\"a\"}"), &article]);
    assert_eq!(code, 2);
    assert!(err.contains("分类表") && err.contains("taxonomy"), "{err}");
    let (code, _, err) = analyze(&["--dict", &temp("bad.txt", "好词 1 n\n坏词 x n\n"), &article]);
    assert_eq!(code, 2);
    assert!(err.contains("第 2 行") && err.contains("line 2"), "{err}");
    let (code, _, err) = analyze(&["--stopwords", &temp("bad-stop.txt", "两 词\n"), &article]);
    assert_eq!(code, 2);
    assert!(err.contains("停用词") && err.contains("Stop-word"), "{err}");
    let (code, _, err) = analyze(&["--dict", "/nonexistent/dict.txt", &article]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
}
