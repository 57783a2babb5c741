//! The analysis web worker: a yew-agent reactor that owns the [`Engine`].
//!
//! The page's main thread never segments or analyzes: it sends [`Request`]s over a reactor
//! bridge, and this worker answers with [`Response`]s — reports, but also the exports
//! (CSV, XLSX, JSON, workspace files), concordances, segmentations and corrections, all
//! computed here. The engine (one corpus, and the
//! dictionary built once per worker, the moment the worker starts) lives in a worker-global
//! cell; the reactor reports "dictionary loading", then "ready", then progress after each
//! document it analyzes — yielding to the worker's event loop between documents so that each
//! progress message leaves at once — and finally the whole report. Messages travel as JSON
//! text ([`Json`]): the report's optional fields make a self-describing format the safe choice.

use std::cell::RefCell;

use futures::sink::SinkExt;
use futures::stream::StreamExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use yew_agent::reactor::{reactor, ReactorScope};
use yew_agent::{Codec, Registrable};

use crate::ui::backend::{browser_clock, yield_now};
use crate::ui::protocol::{count_adds, steps, Engine, Request, Response, Stage, Step};

/// Page ⇄ worker message encoding: JSON text.
#[derive(Debug)]
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        // Our own message types always serialize (no maps with non-string keys).
        let text = serde_json::to_string(&input).unwrap_or_else(|_| "null".to_string());
        JsValue::from_str(&text)
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        serde_json::from_str(&text).expect("page and worker exchange the same message types")
    }
}

thread_local! {
    /// The worker's engine, built on first use (when the first bridge connects).
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

fn with_engine<T>(f: impl FnOnce(&mut Engine) -> T) -> T {
    ENGINE.with(|cell| {
        f(cell
            .borrow_mut()
            .get_or_insert_with(|| Engine::new().with_clock(browser_clock)))
    })
}

/// Answers the page's requests, one at a time, in order.
#[reactor(Analysis)]
pub async fn analysis(mut scope: ReactorScope<Request, Response>) {
    if scope
        .send(Response::progress(Stage::Dictionary, 0, 1))
        .await
        .is_err()
    {
        return;
    }
    yield_now().await; // let "dictionary" leave before the slow build
    with_engine(|_| ());
    if scope
        .send(Response::progress(Stage::Ready, 0, 0))
        .await
        .is_err()
    {
        return;
    }
    while let Some(request) = scope.next().await {
        let Some(steps) = steps(&request) else {
            // Corrections, restore and questions: answered in one go.
            let mut out = Vec::new();
            with_engine(|engine| engine.answer(request, |r| out.push(r)));
            for response in out {
                if scope.send(response).await.is_err() {
                    return;
                }
            }
            continue;
        };
        let changed = !matches!(request, Request::DismissErrors);
        let total = count_adds(&steps);
        let mut done = 0;
        if total > 0 {
            let _ = scope
                .send(Response::progress(Stage::Analyzing, 0, total))
                .await;
            yield_now().await;
        }
        for step in steps {
            let adds = matches!(step, Step::Add(_));
            with_engine(|engine| engine.run(step));
            if adds {
                done += 1;
                let _ = scope
                    .send(Response::progress(Stage::Analyzing, done, total))
                    .await;
                yield_now().await;
            }
        }
        let mut out = Vec::new();
        with_engine(|engine| engine.finish(changed, |r| out.push(r)));
        for response in out {
            if scope.send(response).await.is_err() {
                return;
            }
        }
    }
}

/// Registers the reactor in this worker (called by `src/bin/worker.rs`).
pub fn register() {
    Analysis::registrar().encoding::<Json>().register();
}
