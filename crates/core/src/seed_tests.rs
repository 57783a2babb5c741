//! End-to-end checks of the extraction stage on the five reference articles.
//!
//! The seeds run through the whole [`Analyzer`] (decode, clean, segment, extract) so that
//! these tests catch a regression anywhere along the way that changes what a reader gets:
//! the 五个一 of 004 with its five spelled-out items, the 174.9 亿元 of 001, measures
//! with well-formed offsets, and no measure built from page furniture.

use crate::model::DocumentReport;
use crate::pipeline::{Analyzer, Input};

const SEEDS: [(&str, &str); 5] = [
    (
        "000_06bc0e056766a6c3.txt",
        include_str!("../../../tests/fixtures/seeds/000_06bc0e056766a6c3.txt"),
    ),
    (
        "001_f2e52fa04076f08f.txt",
        include_str!("../../../tests/fixtures/seeds/001_f2e52fa04076f08f.txt"),
    ),
    (
        "002_8d4f1b56ddd1a958.txt",
        include_str!("../../../tests/fixtures/seeds/002_8d4f1b56ddd1a958.txt"),
    ),
    (
        "003_9068b13d1ddf9a92.txt",
        include_str!("../../../tests/fixtures/seeds/003_9068b13d1ddf9a92.txt"),
    ),
    (
        "004_72afcfd04ab40aa2.txt",
        include_str!("../../../tests/fixtures/seeds/004_72afcfd04ab40aa2.txt"),
    ),
];

fn analyze_all() -> Vec<DocumentReport> {
    let analyzer = Analyzer::new();
    SEEDS
        .iter()
        .enumerate()
        .map(|(i, (name, text))| {
            analyzer
                .analyze_document(&format!("d{}", i + 1), &Input::new(*name, text.as_bytes()))
                .expect("seed analyzes")
        })
        .collect()
}

#[test]
fn seeds_extract_well_formed_measures_slogans_and_figures() {
    let docs = analyze_all();

    // 004: 五个一 with its five listed items, and the other counted formulas.
    let d4 = &docs[4];
    let five = d4
        .slogans
        .iter()
        .find(|s| s.text == "五个一")
        .expect("五个一 in 004");
    assert_eq!(five.count, Some(5));
    assert_eq!(
        five.items,
        [
            "一张负面清单",
            "一个驻企业服务员",
            "一张企业责任书",
            "一个企业防控方案",
            "一套复工复产政策"
        ]
    );
    assert!(!five.count_mismatch);
    for s in [
        "两确保三争取",
        "两零两全",
        "四张图",
        "三个令",
        "一中心、四平台、一网格",
    ] {
        assert!(
            d4.slogans.iter().any(|x| x.text == s),
            "{s} missing from 004"
        );
    }
    let three = d4
        .slogans
        .iter()
        .find(|s| s.text == "三个令")
        .expect("三个令");
    assert_eq!(three.items, ["12号令", "13号令", "14号令"]);
    assert!(
        d4.figures.iter().all(|f| !f.text.contains("号")),
        "document numbers are not figures"
    );

    // 001: the money figure keeps its scale as unit, and the counts are read.
    let d1 = &docs[1];
    let money = d1
        .figures
        .iter()
        .find(|f| f.unit == "亿元")
        .expect("亿元 figure in 001");
    assert_eq!(money.value, 174.9);
    assert_eq!(money.text, "174.9亿元");
    for (v, u) in [
        (174.0, "个"),
        (459.0, "人"),
        (6000.0, "个"),
        (7.0, "次"),
        (45.0, "项"),
        (11.0, "方面"),
    ] {
        assert!(
            d1.figures.iter().any(|f| f.value == v && f.unit == u),
            "{v}{u} missing from 001"
        );
    }
    assert!(
        d1.figures.iter().all(|f| f.unit != "年"),
        "dates are not figures"
    );
    let jobs = d1.figures.iter().find(|f| f.value == 6000.0).expect("6000");
    assert_eq!(jobs.qualifier.as_deref(), Some("近"));

    // Every document yields measures; offsets and sizes hold.
    for d in &docs {
        assert!(
            d.measures.len() >= 5,
            "{}: only {} measures",
            d.name,
            d.measures.len()
        );
        let chars: Vec<char> = d.text.chars().collect();
        for m in &d.measures {
            assert_eq!(
                chars[m.start..m.end].iter().collect::<String>(),
                m.text,
                "{}",
                m.id
            );
            assert!(m.text.chars().count() <= 120, "{}", m.id);
            assert!(m.sentence.chars().count() <= 600, "{}", m.id);
            assert!(m.id.starts_with(&format!("{}-m", d.id)));
            assert!(
                !m.text.contains("出席会议")
                    && !m.text.contains("参加会议")
                    && !m.text.contains("主持会议")
            );
        }
    }

    // Points a careful reader takes out, by category.
    let has = |d: &DocumentReport, cat: &str, keys: &[&str]| {
        d.measures
            .iter()
            .any(|m| m.category == cat && keys.iter().all(|k| m.sentence.contains(k)))
    };
    assert!(has(&docs[1], "labor", &["点对点", "包车"]));
    assert!(has(&docs[1], "supervision", &["四率排名"]));
    assert!(has(&docs[0], "livelihood", &["采收采摘", "产销对接"]));

    // A measure carries the slogans and figures inside it.
    assert!(d1
        .measures
        .iter()
        .any(|m| m.slogans.iter().any(|s| s == "一企一员")));
    assert!(d1
        .measures
        .iter()
        .any(|m| m.figures.iter().any(|f| f.value == 459.0)));
}

#[test]
fn seeds_have_no_measure_from_page_furniture() {
    let docs = analyze_all();
    for d in &docs {
        for m in &d.measures {
            for bad in ["免责声明", "责编", "文章来源", "原创力文档", "版权申诉"]
            {
                assert!(!m.text.contains(bad), "{}: {} holds {bad}", d.name, m.text);
            }
        }
    }
}

/// Times the extraction stage on ~2.5 MB of article text (run with `--ignored`, in release
/// for meaningful numbers).
#[test]
#[ignore]
fn extraction_speed_on_a_large_text() {
    use crate::{figures, measures, segment::Segmenter, slogans, taxonomy::Taxonomy};
    let analyzer = Analyzer::new();
    let one: String = SEEDS
        .iter()
        .enumerate()
        .map(|(i, (n, t))| {
            analyzer
                .analyze_document(&format!("d{i}"), &Input::new(*n, t.as_bytes()))
                .expect("seed")
                .text
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = one.repeat(2_500_000 / one.len() + 1);
    let seg = Segmenter::new();
    let tax = Taxonomy::default();
    let t = std::time::Instant::now();
    let mut words = 0;
    for s in crate::sentence::split(&text) {
        words += seg.cut_with_offsets(&s.text).len();
    }
    eprintln!("segmentation alone: {words} words in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let m = measures::extract("d1", &text, &seg, &tax);
    let tm = t.elapsed();
    let t = std::time::Instant::now();
    let s = slogans::extract(&text);
    let ts = t.elapsed();
    let t = std::time::Instant::now();
    let f = figures::extract(&text);
    let tf = t.elapsed();
    eprintln!(
        "{} bytes: measures {} in {tm:?}, slogans {} in {ts:?}, figures {} in {tf:?}",
        text.len(),
        m.len(),
        s.len(),
        f.len()
    );
}
