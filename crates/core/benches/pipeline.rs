//! `cargo bench`: the native speed of each stage of the analysis, over a corpus.
//!
//! The corpus is a JSONL file (`{"text": …}` per line) named by `CUOSHI_BENCH_CORPUS`;
//! without it, the five reference articles of `tests/fixtures/seeds/`. Each stage runs
//! over the whole corpus per iteration and reports its throughput in bytes of input (MB/s):
//! `decode` (UTF-8 and GB18030 bytes), `clean`, `segment` (jieba-rs over the cleaned
//! text), `extract` (measures + slogans + figures), `analyze` (the whole
//! `Analyzer::analyze_document`) and `compare` (assembling the report of the analyzed
//! corpus: keyword weights, distinctiveness, matrix, similarity, alignment).
//!
//! ```sh
//! cargo bench --bench pipeline
//! CUOSHI_BENCH_CORPUS=tests/fixtures/bench/ncppolicies.jsonl cargo bench --bench pipeline
//! cargo bench --bench pipeline -- segment        # one stage
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use cuoshi_core::pipeline::{Analyzer, Input};
use cuoshi_core::{clean, decode, figures, measures, slogans};

/// The benchmark corpus: each article's raw text.
fn corpus() -> Vec<String> {
    if let Ok(path) = std::env::var("CUOSHI_BENCH_CORPUS") {
        let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let texts: Vec<String> = data
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect();
        assert!(!texts.is_empty(), "{path}: no {{\"text\": …}} lines");
        return texts;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("../../tests/fixtures/seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a seed"))
        .collect()
}

fn bytes_of<T: AsRef<str>>(texts: &[T]) -> u64 {
    texts.iter().map(|t| t.as_ref().len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let texts = corpus();
    let raw_bytes = bytes_of(&texts);
    eprintln!(
        "bench corpus: {} articles, {:.2} MB",
        texts.len(),
        raw_bytes as f64 / 1e6
    );
    let analyzer = Analyzer::new();
    let gb18030: Vec<Vec<u8>> = texts
        .iter()
        .map(|t| encoding_rs::GB18030.encode(t).0.into_owned())
        .collect();
    let cleaned: Vec<String> = texts
        .iter()
        .map(|t| clean::clean(&decode::decode(t.as_bytes()).expect("decodes").text).text)
        .collect();
    let clean_bytes = bytes_of(&cleaned);

    let mut g = c.benchmark_group("stage");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    g.throughput(Throughput::Bytes(raw_bytes));
    g.bench_function("decode/utf8", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(decode::decode(black_box(t.as_bytes())).ok());
            }
        })
    });
    g.throughput(Throughput::Bytes(
        gb18030.iter().map(|b| b.len() as u64).sum(),
    ));
    g.bench_function("decode/gb18030", |b| {
        b.iter(|| {
            for t in &gb18030 {
                black_box(decode::decode(black_box(t)).ok());
            }
        })
    });
    g.throughput(Throughput::Bytes(raw_bytes));
    g.bench_function("clean", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(clean::clean(black_box(t)));
            }
        })
    });
    g.throughput(Throughput::Bytes(clean_bytes));
    g.bench_function("segment", |b| {
        b.iter(|| {
            for t in &cleaned {
                black_box(analyzer.segmenter().cut(black_box(t)));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for (i, t) in cleaned.iter().enumerate() {
                let id = format!("d{i}");
                black_box(measures::extract(
                    &id,
                    black_box(t),
                    analyzer.segmenter(),
                    analyzer.taxonomy(),
                ));
                black_box(slogans::extract(t));
                black_box(figures::extract(t));
            }
        })
    });
    g.throughput(Throughput::Bytes(raw_bytes));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for (i, t) in texts.iter().enumerate() {
                let input = Input::new(format!("a{i}.txt"), t.as_bytes());
                black_box(
                    analyzer
                        .analyze_document(&format!("d{}", i + 1), &input)
                        .ok(),
                );
            }
        })
    });
    let documents: Vec<_> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            analyzer
                .analyze_document(
                    &format!("d{}", i + 1),
                    &Input::new(format!("a{i}.txt"), t.as_bytes()),
                )
                .ok()
        })
        .collect();
    g.bench_function("compare", |b| {
        b.iter_batched(
            || documents.clone(),
            |docs| black_box(analyzer.assemble(docs, Vec::new())),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
