//! The analysis web worker: a yew-agent reactor that owns the [`Engine`].
//!
//! The page's main thread never segments or analyzes: it sends [`Request`]s over a reactor
//! bridge, and this worker answers with [`Response`]s — reports, but also the exports
//! (CSV, XLSX, JSON, workspace files), concordances, segmentations and corrections, all
//! computed here. The engine (one corpus, and the
//! dictionary built once per worker, the moment the worker starts) lives in a worker-global
//! cell; the reactor reports "dictionary loading", then "ready", then progress while it
//! analyzes — at most every [`PROGRESS_EVERY_MS`], each message a render for the page —
//! and finally the report of the page of documents shown. A [`Keeper`] beside the engine
//! keeps the workspace in IndexedDB from here, so snapshots of the corpus never travel to
//! the page. Messages travel as JSON text ([`Json`]) — the report's optional fields make a
//! self-describing format the safe choice — with file bytes beside the text as
//! `Uint8Array`s, so a corpus of megabytes is copied once, not escaped and parsed.

use std::cell::RefCell;

use futures::sink::SinkExt;
use futures::stream::StreamExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use yew_agent::reactor::{reactor, ReactorScope};
use yew_agent::{Codec, Registrable};

use crate::ui::backend::{browser_clock, yield_now};
use crate::ui::protocol::{byte_string, count_adds, steps, Engine, Request, Response, Stage, Step};
use crate::ui::store::Keeper;

/// The least time between two progress messages while documents are analyzed.
const PROGRESS_EVERY_MS: f64 = 100.0;

/// Page ⇄ worker message encoding: JSON text, and file bytes beside it.
#[derive(Debug)]
pub struct Json;

impl Codec for Json {
    /// `[json, buffer…]`: the message as JSON text, its files' bytes beside it as
    /// `Uint8Array`s (see [`byte_string`]).
    fn encode<I: Serialize>(input: I) -> JsValue {
        // Our own message types always serialize (no maps with non-string keys).
        let (text, buffers) = byte_string::bytes_aside(|| {
            serde_json::to_string(&input).unwrap_or_else(|_| "null".to_string())
        });
        let message = js_sys::Array::of1(&JsValue::from_str(&text));
        for buffer in buffers {
            message.push(&js_sys::Uint8Array::from(buffer.as_slice()));
        }
        message.into()
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let message = js_sys::Array::from(&input);
        let text = message.get(0).as_string().unwrap_or_default();
        let buffers = (1..message.length())
            .map(|i| js_sys::Uint8Array::new(&message.get(i)).to_vec())
            .collect();
        byte_string::bytes_from(buffers, || serde_json::from_str(&text))
            .expect("page and worker exchange the same message types")
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

/// Sends `responses` to the page through the keeper (which writes snapshots here, in the
/// worker); false once the page has gone.
async fn deliver(
    scope: &mut ReactorScope<Request, Response>,
    keeper: &Keeper,
    responses: Vec<Response>,
) -> bool {
    for response in responses {
        if let Some(response) = keeper.response(response).await {
            if scope.send(response).await.is_err() {
                return false;
            }
        }
    }
    true
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
    let mut keeper = Keeper::default();
    while let Some(request) = scope.next().await {
        let (request, notice) = keeper.request(request).await;
        if !deliver(&mut scope, &keeper, notice.into_iter().collect()).await {
            return;
        }
        let Some(steps) = steps(&request) else {
            // Corrections, restore and questions: answered in one go.
            let mut out = Vec::new();
            with_engine(|engine| engine.answer(request, |r| out.push(r)));
            if !deliver(&mut scope, &keeper, out).await {
                return;
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
        let mut reported = browser_clock();
        for step in steps {
            let adds = matches!(step, Step::Add(_));
            with_engine(|engine| engine.run(step));
            if adds {
                done += 1;
                // Every message costs the page a render: at most one per PROGRESS_EVERY_MS.
                let now = browser_clock();
                if now - reported >= PROGRESS_EVERY_MS || done == total {
                    reported = now;
                    let _ = scope
                        .send(Response::progress(Stage::Analyzing, done, total))
                        .await;
                    yield_now().await;
                }
            }
        }
        let mut out = Vec::new();
        with_engine(|engine| engine.finish(changed, |r| out.push(r)));
        if !deliver(&mut scope, &keeper, out).await {
            return;
        }
    }
}

/// Registers the reactor in this worker (called by `src/bin/worker.rs`).
pub fn register() {
    Analysis::registrar().encoding::<Json>().register();
}
