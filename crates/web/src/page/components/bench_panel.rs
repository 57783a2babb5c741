//! The bench page's panel (the app opened with `?bench`): times segmentation inside the
//! analysis worker over the documents loaded, and shows the measurement as JSON.
//!
//! The researcher (or `e2e/bench.mjs`) loads a corpus the usual way — drop zone, file
//! picker, examples — then presses 运行基准 / Run benchmark. The worker segments every
//! cleaned text again and again for a few seconds, keeping the tokens inside Wasm, and
//! answers with its throughput and memory; `data-testid="bench-result"` holds that JSON so
//! that a script can read it, next to a readable summary.

use std::rc::Rc;

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::tr;
use cuoshi_engine::protocol::BenchResult;

/// How long the worker segments the corpus again and again, in milliseconds.
pub const BENCH_MS: f64 = 3000.0;

#[derive(Properties, Clone, PartialEq)]
pub struct BenchPanelProps {
    pub result: Option<Rc<BenchResult>>,
    /// True while the engine works (the button waits).
    pub busy: bool,
    /// Documents loaded: the benchmark needs at least one.
    pub docs: usize,
    pub onrun: Callback<f64>,
}

#[component]
pub fn BenchPanel(props: &BenchPanelProps) -> Html {
    let lang = use_lang();
    let onclick = {
        let onrun = props.onrun.clone();
        Callback::from(move |_: MouseEvent| onrun.emit(BENCH_MS))
    };
    let summary = props.result.as_ref().map(|r| {
        let s = &r.segmentation;
        format!(
            "{:.1} MB/s · {} × {:.2} MB · {:.0} ms · {:.1} MiB",
            s.mb_per_s,
            s.rounds,
            s.bytes as f64 / 1e6,
            s.elapsed_ms,
            r.memory_bytes as f64 / 1048576.0
        )
    });
    let json = props
        .result
        .as_ref()
        .and_then(|r| serde_json::to_string(r.as_ref()).ok())
        .unwrap_or_default();
    html! {
        <section class="panel bench-panel" data-testid="bench-panel" aria-labelledby="bench-heading">
            <div class="panel-head">
                <h2 id="bench-heading">{ tr(lang, "基准测试", "Benchmark") }</h2>
            </div>
            <p class="hint">
                { tr(lang, "在分析线程中对已载入文档反复分词约 3 秒，测量吞吐量。",
                           "Segments the loaded documents again and again for about 3 s inside the analysis worker and measures the throughput.") }
            </p>
            <button type="button" class="btn btn-secondary btn-block" data-testid="bench-run"
                    disabled={props.busy || props.docs == 0} {onclick}>
                { tr(lang, "运行基准", "Run benchmark") }
            </button>
            if let Some(summary) = summary {
                <p class="bench-summary" data-testid="bench-summary">{ summary }</p>
            }
            <pre class="bench-result" data-testid="bench-result">{ json }</pre>
        </section>
    }
}
