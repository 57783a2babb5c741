//! Integration tests on the five reference articles (tests/fixtures/seeds): concrete
//! results a reader can check by eye, and per-seed floors against the gold annotations.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use cuoshi_core::examples::EXAMPLES;
use cuoshi_core::model::{DocumentReport, Report};
use cuoshi_core::pipeline::{Analyzer, Input};

fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let inputs: Vec<Input> = EXAMPLES.iter().map(|(n, b)| Input::new(*n, *b)).collect();
        cuoshi_core::corpus::Corpus::analyze(Analyzer::new(), &inputs)
    })
}

fn doc(prefix: &str) -> &'static DocumentReport {
    report()
        .documents
        .iter()
        .find(|d| d.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} missing from the report"))
}

#[test]
fn every_seed_is_analyzed_without_errors() {
    let r = report();
    assert_eq!(r.documents.len(), 5, "errors: {:?}", r.errors);
    assert!(r.errors.is_empty());
    for d in &r.documents {
        assert!(!d.measures.is_empty(), "{} has no measures", d.name);
    }
}

#[test]
fn slogan_five_ones_in_004_lists_its_five_items() {
    let d = doc("004");
    let s = d
        .slogans
        .iter()
        .find(|s| s.text == "五个一")
        .unwrap_or_else(|| {
            panic!(
                "五个一 not found: {:?}",
                d.slogans.iter().map(|s| &s.text).collect::<Vec<_>>()
            )
        });
    assert_eq!(s.count, Some(5));
    assert_eq!(s.items.len(), 5, "items: {:?}", s.items);
    assert!(
        s.items.iter().any(|i| i.contains("负面清单")),
        "items: {:?}",
        s.items
    );
    assert!(!s.count_mismatch);
}

#[test]
fn figure_174_9_yi_yuan_in_001() {
    let d = doc("001");
    assert!(
        d.figures
            .iter()
            .any(|f| (f.value - 174.9).abs() < 1e-9 && f.unit == "亿元"),
        "figures: {:?}",
        d.figures.iter().map(|f| &f.text).collect::<Vec<_>>()
    );
}

#[test]
fn date_of_001_is_2020_03_12_and_004_has_no_year() {
    assert_eq!(doc("001").meta.date.display(), "2020-03-12");
    let d = &doc("004").meta.date;
    assert_eq!((d.year, d.month, d.day), (None, Some(2), Some(18)));
}

#[test]
fn no_measure_contains_page_furniture() {
    for d in &report().documents {
        for m in &d.measures {
            for bad in [
                "免责声明",
                "告诉好友",
                "原创力文档",
                "VIP",
                "责编",
                "layout",
            ] {
                assert!(
                    !m.text.contains(bad),
                    "{}: measure {:?} contains {bad}",
                    d.name,
                    m.text
                );
            }
        }
    }
}

#[test]
fn measure_offsets_point_at_their_text() {
    for d in &report().documents {
        let chars: Vec<char> = d.text.chars().collect();
        for m in &d.measures {
            assert!(
                m.start < m.end && m.end <= chars.len(),
                "{}: bad offsets {m:?}",
                d.name
            );
            let span: String = chars[m.start..m.end].iter().collect();
            assert_eq!(span, m.text, "{}: offsets of {}", d.name, m.id);
            assert!(
                m.sentence.contains(&m.text),
                "{}: sentence of {}",
                d.name,
                m.id
            );
        }
    }
}

#[test]
fn traditional_seeds_come_out_simplified_without_pinyin() {
    for prefix in ["003", "004"] {
        let d = doc(prefix);
        assert_eq!(d.script, "traditional", "{prefix}");
        assert!(d.text.contains("复工复产"), "{prefix} not converted");
        assert!(
            !d.text.contains("(fù)") && !d.text.contains("復"),
            "{prefix} kept pinyin or traditional"
        );
    }
}

#[test]
fn matrix_has_every_category_and_document() {
    let r = report();
    assert_eq!(r.comparison.matrix.len(), r.taxonomy.len());
    for row in r.comparison.matrix.values() {
        assert_eq!(row.len(), 5);
    }
    let total: u32 = r
        .comparison
        .matrix
        .values()
        .flat_map(|row| row.values())
        .sum();
    let measures: usize = r.documents.iter().map(|d| d.measures.len()).sum();
    assert_eq!(total as usize, measures);
}
