//! What a user changes about one document after loading it — the encoding it is read in, a
//! removal undone — and the original characters behind every highlight: each re-analysis
//! keeps the document's id and leaves the other documents alone.
#![cfg(not(target_arch = "wasm32"))]

use cuoshi_core::convert;
use cuoshi_core::corpus::Corpus;
use cuoshi_core::decode;
use cuoshi_core::offsets;
use cuoshi_core::pipeline::Input;

fn seed(prefix: &str) -> (String, String) {
    let dir = format!("{}/../../tests/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    (
        path.file_name().unwrap().to_string_lossy().into_owned(),
        std::fs::read_to_string(path).unwrap(),
    )
}

const OTHER: &str = "县里协调金融机构出台延长还款期限、降低融资成本的措施，帮助企业渡过难关。";

#[test]
fn traditional_seeds_show_their_own_characters_under_every_measure() {
    let mut corpus = Corpus::new();
    for prefix in ["003", "004"] {
        let (name, raw) = seed(prefix);
        let id = corpus.add(&Input::new(name.clone(), raw))[0]
            .clone()
            .unwrap();
        let doc = corpus.documents().iter().find(|d| d.id == id).unwrap();
        assert_eq!(doc.script, "traditional");
        assert!(!doc.original.is_empty());
        let text_len = doc.text.chars().count();
        let original_len = doc.original_text().chars().count();
        assert!(!doc.measures.is_empty(), "{name}");
        let mut traditional_shown = 0;
        for m in &doc.measures {
            let (s, e) = doc.original_span(m.start, m.end);
            assert!(s <= e && e <= original_len, "{name} {}", m.id);
            let shown = doc.original_slice(m.start, m.end);
            let analyzed = offsets::slice_chars(&doc.text, m.start, m.end);
            assert_eq!(convert::to_simplified(shown).0, analyzed, "{name} {}", m.id);
            if shown != analyzed {
                traditional_shown += 1;
            }
            assert_eq!(
                doc.text_span(s, e),
                (m.start, m.end),
                "{name} {}: back again",
                m.id
            );
        }
        assert!(
            traditional_shown * 2 > doc.measures.len(),
            "{name}: most measures hold a converted character"
        );
        assert!(doc.original_text().contains("復工復產"), "{name}");
        // Every span of the text maps inside the original and back over itself.
        let mut seed = 17u64;
        for _ in 0..500 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let a = (seed >> 33) as usize % (text_len + 1);
            let b = a + (seed >> 13) as usize % (text_len + 1 - a);
            let (s, e) = doc.original_span(a, b);
            assert!(s <= e && e <= original_len);
            let (p, q) = doc.text_span(s, e);
            assert!(p <= a && q >= b);
        }
    }
}

#[test]
fn a_simplified_document_has_no_second_copy() {
    let mut corpus = Corpus::new();
    let (name, raw) = seed("001");
    corpus.add(&Input::new(name, raw));
    let doc = &corpus.documents()[0];
    assert_eq!(doc.script, "simplified");
    assert!(doc.original.is_empty() && doc.original_map.is_empty());
    let json = serde_json::to_value(doc).unwrap();
    assert!(
        json.get("original").is_none(),
        "not written when it is the text"
    );
    assert_eq!(
        doc.original_slice(0, 4),
        offsets::slice_chars(&doc.text, 0, 4)
    );
}

#[test]
fn a_document_decoded_wrongly_can_be_decoded_again_under_its_id() {
    let (name, raw) = seed("003");
    let (big5, _, _) = encoding_rs::BIG5.encode(&raw);
    let mut corpus = Corpus::new();
    corpus.add(&Input::new("other.txt", OTHER));
    let id = corpus.add(&Input::new(name.clone(), big5.into_owned()))[0]
        .clone()
        .unwrap();
    let right = corpus
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap()
        .clone();
    assert_eq!(right.encoding, "Big5");
    let other_before = corpus.documents()[0].clone();

    corpus.redecode(&id, Some("gbk")).unwrap();
    let wrong = corpus
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap()
        .clone();
    assert_eq!(wrong.encoding, "GBK");
    assert_ne!(wrong.text, right.text);
    assert_eq!(corpus.input(&id).unwrap().encoding.as_deref(), Some("gbk"));

    corpus.redecode(&id, Some("big5")).unwrap();
    let again = corpus.documents().iter().find(|d| d.id == id).unwrap();
    assert_eq!(
        (again.text.as_str(), again.encoding.as_str()),
        (right.text.as_str(), "Big5")
    );
    corpus.redecode(&id, None).unwrap();
    assert_eq!(
        corpus.documents().iter().find(|d| d.id == id).unwrap().text,
        right.text
    );

    let e = corpus.redecode(&id, Some("ebcdic-klingon")).unwrap_err();
    assert!(
        e.message.contains("未知的编码") && e.message.contains("Unknown encoding"),
        "{}",
        e.message
    );
    let e = corpus.redecode("d99", Some("gbk")).unwrap_err();
    assert!(
        e.message.contains("d99") && e.message.contains("No document"),
        "{}",
        e.message
    );
    // Nothing else moved: same ids, same order, the other document untouched.
    let ids: Vec<&str> = corpus.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1", id.as_str()]);
    assert_eq!(corpus.documents()[0], other_before);
    assert!(corpus.errors().is_empty());
    assert_eq!(decode::encoding_name("GB2312").unwrap(), "GBK");
}

#[test]
fn a_wrong_removal_can_be_undone_under_the_same_id() {
    let text = "市政府召开复工复产工作会议\n责任编辑：张三\n会议要求，各地要落实一企一策，推动企业尽快复工复产。(记者 李四)\n免责声明：本文仅供参考。";
    let mut corpus = Corpus::new();
    corpus.add(&Input::new("other.txt", OTHER));
    let id = corpus.add(&Input::new("a.txt", text))[0].clone().unwrap();
    let doc = corpus
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap()
        .clone();
    assert!(!doc.text.contains("责任编辑"));
    assert_eq!(doc.removed.len(), doc.removed_lines.len());
    let editor = doc
        .removed
        .iter()
        .position(|r| r.contains("责任编辑"))
        .unwrap();
    assert!(doc.removed_lines[editor].is_some());

    corpus.restore_line(&id, editor).unwrap();
    let restored = corpus
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap()
        .clone();
    assert!(
        restored.text.contains("责任编辑：张三"),
        "{}",
        restored.text
    );
    assert!(!restored.removed.iter().any(|r| r.contains("责任编辑")));
    assert!(
        !restored.text.contains("免责声明"),
        "only that line comes back"
    );

    // The closing credit split off a kept line comes back with its line.
    let credit = restored
        .removed
        .iter()
        .position(|r| r.contains("记者 李四"))
        .unwrap();
    corpus.restore_line(&id, credit).unwrap();
    let restored = corpus
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap()
        .clone();
    assert!(
        restored.text.contains("复工复产。(记者 李四)") && restored.text.contains("责任编辑"),
        "{}",
        restored.text
    );

    let e = corpus.restore_line(&id, 99).unwrap_err();
    assert!(
        e.message.contains("99") && e.message.contains("cannot be restored"),
        "{}",
        e.message
    );
    corpus.reset_lines(&id).unwrap();
    assert_eq!(
        corpus.documents().iter().find(|d| d.id == id).unwrap().text,
        doc.text
    );
    let ids: Vec<&str> = corpus.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1", id.as_str()]);
}

#[test]
fn front_matter_is_not_restorable() {
    let mut corpus = Corpus::new();
    let id = corpus.add(&Input::new(
        "fm.md",
        "---\nlayout: post\n---\n会议要求，各地要落实一企一策，推动企业尽快复工复产。",
    ))[0]
        .clone()
        .unwrap();
    let doc = corpus.documents()[0].clone();
    let i = doc
        .removed
        .iter()
        .position(|r| r == "layout: post")
        .unwrap();
    assert_eq!(doc.removed_lines[i], None);
    let e = corpus.restore_line(&id, i).unwrap_err();
    assert!(e.message.contains("无法恢复"), "{}", e.message);
}
