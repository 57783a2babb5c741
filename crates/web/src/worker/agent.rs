//! The analysis web worker: a yew-agent reactor that owns the [`Engine`].
//!
//! The page's main thread never segments or analyzes: it sends [`Request`]s over a reactor
//! bridge, and this worker answers with [`Response`]s — reports, but also the exports
//! (CSV, XLSX, JSON, workspace files), concordances, segmentations and corrections, all
//! computed here. The engine (one corpus, and the
//! dictionary built once per worker, the moment the worker starts) lives in a worker-global
//! cell; the reactor reports "dictionary loading", then "ready", then progress while it
//! analyzes — at most every [`PROGRESS_EVERY_MS`], each message a render for the page —
//! and finally the report of the page of documents shown. A helper worker
//! ([`crate::worker::helper`]), started once the engine is ready, analyzes a share of each
//! request's articles, and of a restored workspace's, on the other core ([`Sharing`]). A
//! [`Keeper`] beside the engine keeps the workspace in IndexedDB from here, so snapshots of
//! the corpus never travel to the page. Messages travel as JSON text ([`Json`]) — the report's optional fields make a
//! self-describing format the safe choice — with file bytes beside the text as
//! `Uint8Array`s, so a corpus of megabytes is copied once, not escaped and parsed.

use std::cell::RefCell;

use futures::sink::SinkExt;
use futures::stream::StreamExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use yew_agent::reactor::{reactor, ReactorScope};
use yew_agent::{Codec, Registrable};

use cuoshi_core::container;
use cuoshi_core::pipeline::Input;
use cuoshi_core::workspace;
use crate::worker::helper::{Helper, Outcome};
use crate::page::backend::{browser_clock, yield_now};
use cuoshi_engine::protocol::{byte_string, count_adds, steps, Engine, Request, Response, Stage, Step};
use cuoshi_engine::sharing::{self, Next, Sharing};
use crate::store::Keeper;

/// The least time between two progress messages while documents are analyzed.
const PROGRESS_EVERY_MS: f64 = 100.0;

/// How much work the engine does between two looks at the helper's messages. A look is a
/// task of its own, which costs milliseconds while both cores are busy; the helper is kept
/// [`HELPER_DEPTH`] articles ahead (more than this much work), so it never runs dry.
const LISTEN_EVERY_MS: f64 = 100.0;

/// How many articles the helper is given ahead, at most (a few milliseconds of work each).
const HELPER_DEPTH: usize = 32;

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
    // The helper builds its own dictionary on the other core while the page starts, so that
    // it is ready for the first large request (not before: the page's start needs that core).
    let mut helper = Helper::spawn();
    let mut keeper = Keeper::default();
    while let Some(request) = scope.next().await {
        let (request, notice) = keeper.request(request).await;
        if !deliver(&mut scope, &keeper, notice.into_iter().collect()).await {
            return;
        }
        if let Request::Restore(file) = &request {
            if restore_shared(&mut scope, &keeper, &mut helper, &file.bytes).await {
                continue;
            }
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
        if total > 0 {
            let _ = scope
                .send(Response::progress(Stage::Analyzing, 0, total))
                .await;
            yield_now().await;
        }
        run_steps(&mut scope, &mut helper, steps, total).await;
        let mut out = Vec::new();
        with_engine(|engine| engine.finish(changed, |r| out.push(r)));
        if !deliver(&mut scope, &keeper, out).await {
            return;
        }
    }
}

/// Runs one request's steps, sharing the analyses with the helper while it is there
/// ([`Sharing`]).
async fn run_steps(
    scope: &mut ReactorScope<Request, Response>,
    helper: &mut Option<Helper>,
    steps: Vec<Step>,
    total: usize,
) {
    let sharing = Sharing::new(steps, |step| with_engine(|engine| engine.analyzes(step)));
    run_shared(scope, helper, sharing, total, |next| match next {
        Next::Run(_, step) => with_engine(|engine| engine.run(step)),
        Next::Insert(_, input, analysis) => {
            with_engine(|engine| engine.run_analyzed(input, analysis))
        }
        Next::Wait | Next::Done => {}
    })
    .await;
}

/// Restores a saved workspace, with the helper analyzing a share of its articles when it
/// is there and the workspace has the lexicons in force (the usual reload); `false` when
/// the file is no workspace, which the engine then answers ([`Engine::answer`]).
async fn restore_shared(
    scope: &mut ReactorScope<Request, Response>,
    keeper: &Keeper,
    helper: &mut Option<Helper>,
    bytes: &[u8],
) -> bool {
    let Ok(saved) = workspace::from_bytes(bytes) else {
        return false;
    };
    let total = saved.inputs.len();
    if total > 0 {
        let _ = scope
            .send(Response::progress(Stage::Analyzing, 0, total))
            .await;
        yield_now().await;
    }
    let mut analyzed: Vec<Option<Box<sharing::Analysis>>> = Vec::new();
    if helper.is_some()
        && total >= 2
        && with_engine(|engine| saved.lexicons() == *engine.lexicons_in_force())
    {
        // Containers (only in a hand-made workspace) are expanded by the restore itself.
        let article = |input: &Input| !container::is_container(&input.name);
        let steps = (saved.inputs.iter())
            .map(|s| Step::Add(Ok(s.input())))
            .collect();
        analyzed = (0..total).map(|_| None).collect();
        run_shared(
            scope,
            helper,
            Sharing::new(steps, |step| matches!(step, Step::Add(Ok(i)) if article(i))),
            total,
            |next| match next {
                Next::Run(k, Step::Add(Ok(input))) if article(&input) => {
                    analyzed[k] = Some(Box::new(with_engine(|e| e.analyze(&input))));
                }
                Next::Insert(k, _, analysis) => analyzed[k] = Some(analysis),
                _ => {}
            },
        )
        .await;
    }
    let mut out = Vec::new();
    with_engine(|engine| engine.restore_analyzed(&saved, analyzed, |r| out.push(r)));
    deliver(scope, keeper, out).await;
    true
}

/// Takes the steps of `sharing` in order — its own with `take`, the helper's as they come —
/// and reports progress, at most every [`PROGRESS_EVERY_MS`]. Every [`LISTEN_EVERY_MS`] of
/// work the engine takes in what the helper has sent.
async fn run_shared(
    scope: &mut ReactorScope<Request, Response>,
    helper: &mut Option<Helper>,
    mut sharing: Sharing,
    total: usize,
    mut take: impl FnMut(Next),
) {
    let mut done = 0;
    let mut reported = (browser_clock(), 0);
    let mut listened = reported.0;
    loop {
        if let Some(h) = helper.as_mut().filter(|h| h.ready()) {
            while let Some((step, input)) = sharing.hand_out(HELPER_DEPTH) {
                with_engine(|engine| h.send(step, input, engine.lexicons_in_force()));
            }
        }
        match sharing.next_step() {
            Next::Wait => {
                let outcome = match helper.as_mut() {
                    Some(h) => h.next().await,
                    None => Outcome::Failed,
                };
                done += heard(outcome, &mut sharing, helper);
            }
            Next::Done => break,
            next => {
                done += usize::from(matches!(next, Next::Run(_, Step::Add(_))));
                take(next);
            }
        }
        let now = browser_clock();
        // Also while the helper is still building its dictionary: "loaded" is a message too.
        if now - listened >= LISTEN_EVERY_MS && helper.is_some() {
            listened = now;
            next_macrotask().await;
            while let Some(outcome) = helper.as_mut().and_then(|h| h.take()) {
                done += heard(outcome, &mut sharing, helper);
            }
        }
        // Every message costs the page a render: at most one per PROGRESS_EVERY_MS, and the
        // last count once (the helper's articles count when they come, and are added after).
        let (last, sent) = reported;
        if done != sent && (now - last >= PROGRESS_EVERY_MS || done == total) {
            reported = (now, done);
            let _ = scope
                .send(Response::progress(Stage::Analyzing, done, total))
                .await;
            yield_now().await;
        }
    }
}

/// Takes in what the helper said; returns how many articles that completes (0 or 1). A
/// failed helper is dropped, and its articles go back to the engine.
fn heard(outcome: Outcome, sharing: &mut Sharing, helper: &mut Option<Helper>) -> usize {
    match outcome {
        Outcome::Analyzed(step, analysis) => {
            sharing.received(step, analysis);
            1
        }
        Outcome::Failed => {
            sharing.helper_failed();
            *helper = None;
            0
        }
    }
}

/// Resumes in a new task of this worker's event loop (a message to itself through a
/// `MessageChannel`: not clamped like a nested `setTimeout`), so that the messages waiting
/// in the queue — the helper's — are handled first.
async fn next_macrotask() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = web_sys::MessageChannel::new().is_ok_and(|channel| {
            channel.port1().set_onmessage(Some(&resolve));
            channel.port2().post_message(&JsValue::NULL).is_ok()
        });
        if !posted {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Registers the reactor in this worker (called by `src/bin/worker.rs`).
pub fn register() {
    Analysis::registrar().encoding::<Json>().register();
}
