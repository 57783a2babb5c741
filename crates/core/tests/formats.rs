//! Format equivalence, through the whole pipeline: each seed article gives the same cleaned
//! text (and the same text in its own script) whether it arrives as UTF-8, GBK/GB18030
//! (Big5 for the traditional seeds 003 and 004), UTF-16LE with a BOM, wrapped in an HTML page, inside
//! a Word document, or inside a zip archive. Every fixture is generated here from the seeds.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Cursor, Write};

use cuoshi_core::corpus::Corpus;
use cuoshi_core::pipeline::Input;

fn seeds() -> Vec<(String, String)> {
    let dir = format!("{}/../../tests/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5);
    out
}

/// A zip archive of `(path, bytes)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (path, bytes) in entries {
        w.start_file(*path, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A minimal Word document, one paragraph per line of `text`.
fn docx_of(text: &str) -> Vec<u8> {
    let body: String = text
        .lines()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(p)
            )
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

/// The seed as a saved web page: head, script, style, navigation, one `<p>` a line (a seed
/// that is already markup goes in as it is; a front matter block stays on top).
fn html_page(raw: &str) -> String {
    let (front, body) = match raw
        .strip_prefix("---\n")
        .and_then(|r| r.find("\n---\n").map(|i| (i, r)))
    {
        Some((i, r)) => (format!("---\n{}\n---\n", &r[..i]), r[i + 5..].to_string()),
        None => (String::new(), raw.to_string()),
    };
    let has_markup = ["<p>", "<p ", "<div", "<br", "</"]
        .iter()
        .any(|t| body.to_ascii_lowercase().contains(t));
    let content = if has_markup {
        body
    } else {
        body.lines()
            .map(|l| format!("<p>{}</p>\n", xml_escape(l)))
            .collect()
    };
    format!(
        "{front}<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>新闻_某某网</title>\
         <script>var s = '<p>不是正文</p>';</script><style>p {{ margin: 0 }}</style></head>\n\
         <body><nav><a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻</a></nav>\n<div class=\"article\">\n{content}</div>\n\
         <script>track();</script></body></html>"
    )
}

fn utf16le_bom(s: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// Adds `input` alone, returns (text, original text, encoding) of the one document, and
/// removes it again so that the next format is not refused as a duplicate.
fn analyze_alone(corpus: &mut Corpus, input: Input) -> (String, String, String) {
    let label = input.name.clone();
    let out = corpus.add(&input);
    assert_eq!(out.len(), 1, "{label}: {out:?}");
    let id = out
        .into_iter()
        .next()
        .unwrap()
        .unwrap_or_else(|e| panic!("{label}: {}", e.message));
    let doc = corpus
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap()
        .clone();
    assert!(corpus.remove(&id));
    (
        doc.text.clone(),
        doc.original_text().to_string(),
        doc.encoding,
    )
}

#[test]
fn every_seed_cleans_the_same_in_every_format() {
    let mut corpus = Corpus::new();
    for (i, (stem, raw)) in seeds().into_iter().enumerate() {
        let traditional = i >= 3;
        let (expected, expected_original, enc) =
            analyze_alone(&mut corpus, Input::new(format!("{stem}.txt"), raw.clone()));
        assert_eq!(enc, "UTF-8");
        assert!(expected.chars().count() > 1000, "{stem}");
        if traditional {
            assert_ne!(
                expected, expected_original,
                "{stem}: the original script is kept"
            );
        } else {
            assert!(
                expected_original == expected
                    || expected_original.chars().count() == expected.chars().count()
            );
        }

        // GB18030 is GBK plus the rest of Unicode (seed 001 has a no-break space and a »,
        // which GBK lacks); detection reports it as GBK, whose decoder reads both.
        let (encoder, legacy) = if traditional {
            (encoding_rs::BIG5, encoding_rs::BIG5)
        } else {
            (encoding_rs::GB18030, encoding_rs::GBK)
        };
        let (encoded, _, unmappable) = encoder.encode(&raw);
        // Big5 lacks pinyin's tone marks: like a browser saving the page, the encoder writes
        // them as numeric character references (`&#462;`), which the cleaner reads back.
        assert!(
            traditional || !unmappable,
            "{stem}: every character fits {}",
            encoder.name()
        );
        let legacy_name = format!("{stem}.{}.txt", legacy.name());
        let zip_entry = format!("folder/{legacy_name}");
        let formats: Vec<(String, Input)> = vec![
            (
                legacy.name().to_string(),
                Input::new(legacy_name.clone(), encoded.clone().into_owned()),
            ),
            (
                "UTF-16LE".into(),
                Input::new(format!("{stem}.utf16.txt"), utf16le_bom(&raw)),
            ),
            (
                "HTML page".into(),
                Input::new(format!("{stem}.html"), html_page(&raw)),
            ),
            (
                "docx".into(),
                Input::new(format!("{stem}.docx"), docx_of(&raw)),
            ),
            (
                "zip".into(),
                Input::new(
                    format!("{stem}.zip"),
                    zip_of(&[(zip_entry.as_str(), encoded.as_ref())]),
                ),
            ),
            (
                "zip of docx".into(),
                Input::new(
                    format!("{stem}-docx.zip"),
                    zip_of(&[("a/b.docx", &docx_of(&raw))]),
                ),
            ),
        ];
        for (what, input) in formats {
            let (text, original, encoding) = analyze_alone(&mut corpus, input);
            assert_eq!(text, expected, "{stem} as {what}");
            assert_eq!(
                original, expected_original,
                "{stem} as {what}: original script"
            );
            if what == legacy.name() || what == "zip" {
                assert_eq!(encoding, legacy.name(), "{stem} as {what}");
            }
            if what == "UTF-16LE" {
                assert_eq!(encoding, "UTF-16LE");
            }
        }
    }
}

#[test]
fn copies_in_other_formats_are_duplicates() {
    let (stem, raw) = seeds().remove(3);
    let mut corpus = Corpus::new();
    assert!(corpus.add(&Input::new(format!("{stem}.txt"), raw.clone()))[0].is_ok());
    let (big5, _, _) = encoding_rs::BIG5.encode(&raw);
    for input in [
        Input::new("copy.big5.txt", big5.into_owned()),
        Input::new("copy.docx", docx_of(&raw)),
        Input::new("copy.html", html_page(&raw)),
    ] {
        let e = corpus.add(&input).remove(0).unwrap_err();
        assert!(
            e.message.contains("重复")
                && e.message.contains("Duplicate")
                && e.message.contains(&stem),
            "{}",
            e.message
        );
    }
    assert_eq!(corpus.documents().len(), 1);
}
