//! Property tests of the offset maps (original ↔ simplified ↔ cleaned) and of the whole
//! pipeline on generated input: articles built from policy sentences in simplified and
//! traditional characters, pinyin annotations, HTML, entities, front matter, numbered
//! articles, white space of every kind and arbitrary characters.
//!
//! Whatever the input, the analysis never panics, every measure's highlight lies inside
//! its sentence and is exactly its text, every slogan and figure lies inside the text, and
//! every span maps to the original script and back over itself. Case counts are modest so
//! that `cargo test` stays fast; raise them with `PROPTEST_CASES=…` to search longer.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use cuoshi_core::clean;
use cuoshi_core::convert;
use cuoshi_core::model::DocumentReport;
use cuoshi_core::offsets::{self, Stretch};
use cuoshi_core::pipeline::{Analyzer, Input};
use cuoshi_core::sentence;
use proptest::prelude::*;

/// `cases` cases, or `PROPTEST_CASES` where set; failures are printed, not saved.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// Policy sentences and their pieces, as local reports write them.
const SIMPLIFIED: &[&str] = &[
    "市政府要求各地落实一企一策，推动企业复工复产。",
    "各银行机构要落实“四个不”要求，即不抽贷、不断贷、不压贷、不缓贷。",
    "对承租国有物业的中小企业，免收2个月租金。",
    "截至3月底，全市已发放补贴174.9亿元，惠及近6000个市场主体。",
    "开展“点对点”包车服务，运送务工人员1.2万人次。",
    "县政府协调金融机构降低融资成本，2020年6月底前完成。",
    "（责任单位：市税务局、市财政局）",
    "五个一：一是一人一档，二是一企一策，三是一岗一责，四是一日一报，五是一周一督。",
    "进一步优化营商环境，加快重点项目建设",
    "复工复产忙 织牢防控网",
];

const TRADITIONAL: &[&str] = &[
    "各區縣政府要求轉變作風，落實「一企一策」，幫助企業復工復產。",
    "截至3月底，全市已發放補貼174.9億元，惠及近6000個市場主體。",
    "積極開展「點對點」服務，協調銀行機構降低融資成本。",
    "進一步優化營商環境，對受疫情影響的中小企業減免房租3個月。",
    "（責任單位：市稅務局）",
    "臺灣後臺發展，於是乾燥的麵條。",
];

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "\u{3000}",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "\u{200b}",
    "一、",
    "二、",
    "（三）",
    "4.",
    "第五条",
    "fù gōng fù chǎn",
    "(fù)",
    "（gōng）",
    "<p>",
    "</p>",
    "<div class=\"x\">",
    "</div>",
    "<br>",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "</a>",
    "<!-- c -->",
    "<table><tr><td>",
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&#20225;",
    "&#x4f01;",
    "---\n",
    "title: 通知\n",
    "下转第二版",
    "（上接第一版）",
    "ＡＢＣ１２３，",
    "１７４．９亿元",
    "。",
    "；",
    "，",
    "！？",
    "”",
    "……",
    "一企一策",
    "五个一",
    "😀",
    "\u{0301}",
];

/// A generated article: fragments of every kind above and arbitrary characters.
fn article() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        3 => prop::sample::select(SIMPLIFIED).prop_map(str::to_string),
        3 => prop::sample::select(TRADITIONAL).prop_map(str::to_string),
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[\\u4e00-\\u9fff]{1,12}",
    ];
    prop::collection::vec(fragment, 1..40).prop_map(|parts| parts.concat())
}

/// A generated article in the traditional script only, with line breaks and numbering.
fn traditional_article() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        4 => prop::sample::select(TRADITIONAL).prop_map(str::to_string),
        1 => prop::sample::select(&["\n", "一、", "（二）", " ", "。"][..]).prop_map(str::to_string),
    ];
    prop::collection::vec(fragment, 1..16).prop_map(|parts| parts.concat())
}

/// A sorted map of stretches with equal gaps on both sides, and the two texts' lengths.
fn stretch_map() -> impl Strategy<Value = (Vec<Stretch>, usize, usize)> {
    (
        prop::collection::vec((0usize..6, 1usize..4, 1usize..4), 0..8),
        0usize..10,
    )
        .prop_map(|(runs, tail)| {
            let (mut s, mut o, mut map) = (0, 0, Vec::new());
            for (gap, m, n) in runs {
                s += gap;
                o += gap;
                map.push([s, o, m, n]);
                s += m;
                o += n;
            }
            (map, s + tail, o + tail)
        })
}

fn analyze(text: &str) -> Option<DocumentReport> {
    analyzer()
        .analyze_document("d1", &Input::new("p.txt", text.as_bytes()))
        .ok()
}

/// Every measure is its span of the text and lies inside a sentence of the text that is
/// its `sentence`; every slogan and figure lies inside the text; every span maps to the
/// original script and back over itself.
fn check_document(doc: &DocumentReport) -> Result<(), TestCaseError> {
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len();
    let sentences = sentence::split(&doc.text);
    let original_len = doc.original_text().chars().count();
    for m in &doc.measures {
        prop_assert!(
            m.start < m.end && m.end <= n,
            "measure {}..{} outside {} chars",
            m.start,
            m.end,
            n
        );
        prop_assert_eq!(&m.text, &chars[m.start..m.end].iter().collect::<String>());
        prop_assert!(
            sentences
                .iter()
                .any(|s| s.text == m.sentence && s.start <= m.start && m.end <= s.end),
            "measure {:?} ({}..{}) not inside its sentence {:?}",
            m.text,
            m.start,
            m.end,
            m.sentence
        );
        let (os, oe) = doc.original_span(m.start, m.end);
        prop_assert!(os <= oe && oe <= original_len);
        let (ts, te) = doc.text_span(os, oe);
        prop_assert!(
            ts <= m.start && m.end <= te,
            "{}..{} → original {}..{} → {}..{}",
            m.start,
            m.end,
            os,
            oe,
            ts,
            te
        );
        if doc.original_map.is_empty() {
            // Char for char: the original highlight has the measure's length, and reads as
            // the measure once converted.
            let shown = doc.original_slice(m.start, m.end);
            prop_assert_eq!(shown.chars().count(), m.end - m.start);
        }
        for f in &m.figures {
            prop_assert!(
                m.start <= f.start && f.end <= m.end,
                "figure {:?} outside its measure",
                f.text
            );
        }
    }
    for s in &doc.slogans {
        prop_assert!(
            s.start < s.end && s.end <= n,
            "slogan {}..{} outside {} chars",
            s.start,
            s.end,
            n
        );
    }
    for f in &doc.figures {
        prop_assert!(
            f.start < f.end && f.end <= n,
            "figure {}..{} outside {} chars",
            f.start,
            f.end,
            n
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// Spans of the simplified text map inside the original, in order, and back over
    /// themselves; an original span maps inside the simplified text.
    #[test]
    fn offset_maps_round_trip((map, slen, olen) in stretch_map(), a in 0usize..40, b in 0usize..40) {
        let (a, b) = (a.min(slen), b.min(slen));
        let (x, y) = offsets::to_original(&map, a, b, olen);
        prop_assert!(x <= y && y <= olen);
        let (p, q) = offsets::to_simplified(&map, x, y, slen);
        prop_assert!(p <= a.min(b) && q >= a.max(b), "{:?}: {}..{} → {}..{} → {}..{}", map, a, b, x, y, p, q);
        let (s2, _) = offsets::to_original(&map, a.max(b), a.max(b), olen);
        prop_assert!(s2 >= x, "not monotone");
        let (u, v) = offsets::to_simplified(&map, a.min(olen), b.min(olen), slen);
        prop_assert!(u <= v && v <= slen);
    }

    /// The cleaner's original text and map fit each other on any mixed input: stretches
    /// sorted inside both texts, and the texts equally long after the last one.
    #[test]
    fn cleaned_text_and_original_stay_aligned(raw in article()) {
        let cleaned = clean::clean(&raw);
        let n = cleaned.text.chars().count();
        let o = cleaned.original.chars().count();
        let (mut s, mut t) = (0usize, 0usize);
        for st in &cleaned.original_map {
            prop_assert!(st[0] >= s && st[1] >= t && st[0] - s == st[1] - t, "{:?}", cleaned.original_map);
            s = st[0] + st[2];
            t = st[1] + st[3];
        }
        prop_assert!(s <= n && t <= o);
        prop_assert_eq!(n - s, o - t);
        if cleaned.original_map.is_empty() {
            // Line for line, the original converts to the text.
            for (orig, simp) in cleaned.original.lines().zip(cleaned.text.lines()) {
                prop_assert_eq!(orig.chars().count(), simp.chars().count());
            }
        }
        prop_assert_eq!(cleaned.removed.len(), cleaned.removed_lines.len());
    }

    /// The whole pipeline on mixed traditional/simplified/pinyin/HTML input never panics
    /// and keeps every offset consistent.
    #[test]
    fn mixed_inputs_keep_offsets_consistent(raw in article()) {
        if let Some(doc) = analyze(&raw) {
            check_document(&doc)?;
        }
    }

    /// In a traditional article, each measure's highlight in the original script is the
    /// measure itself, written in traditional characters.
    #[test]
    fn traditional_highlights_read_as_the_measure(raw in traditional_article()) {
        let Some(doc) = analyze(&raw) else { return Ok(()) };
        check_document(&doc)?;
        for m in &doc.measures {
            let shown = doc.original_slice(m.start, m.end);
            prop_assert_eq!(convert::to_simplified(shown).0, m.text.clone(), "original {:?}", shown);
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Arbitrary bytes — or a generated article in GB18030, Big5 or UTF-16 — through the
    /// whole pipeline: a report or a refusal, never a panic, and a report is consistent.
    #[test]
    fn any_bytes_analyze_or_are_refused(
        raw in article(),
        noise in prop::collection::vec(any::<u8>(), 0..200),
        how in 0u8..5,
    ) {
        let bytes: Vec<u8> = match how {
            0 => encoding_rs::GB18030.encode(&raw).0.into_owned(),
            1 => encoding_rs::BIG5.encode(&raw).0.into_owned(),
            2 => raw.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            3 => [raw.as_bytes(), &noise].concat(),
            _ => noise,
        };
        if let Ok(doc) = analyzer().analyze_document("d1", &Input::new("p.txt", bytes)) {
            check_document(&doc)?;
        }
    }
}

/// A measure found in every policy sentence above (so the properties are not vacuous).
#[test]
fn generated_articles_have_measures() {
    let doc = analyze(&SIMPLIFIED.join("\n")).expect("analyzed");
    assert!(doc.measures.len() >= 3, "{:?}", doc.measures);
    check_document(&doc).unwrap();
    let doc = analyze(&TRADITIONAL.join("\n")).expect("analyzed");
    assert_eq!(doc.script, "traditional");
    assert!(!doc.measures.is_empty());
    check_document(&doc).unwrap();
}
