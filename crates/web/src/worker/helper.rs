//! The helper web worker: a second analyzer, so that a large request uses both cores.
//!
//! The analysis worker (`crate::worker::agent`) starts one helper once its own dictionary is built
//! (the page's start has the other core until then): a dedicated worker nested in it and
//! running the same Wasm, started from the same loader script under the name
//! [`HELPER_NAME`], for which the worker's entry point ([`is_helper`]) serves articles
//! instead of registering the reactor. The helper builds its own dictionary, says so
//! ([`FromHelper::Loaded`]), then analyzes the articles the engine hands it
//! ([`ToHelper::Analyze`]) and sends each document back; the engine adds them to its
//! corpus in order ([`cuoshi_engine::sharing`]). Messages travel in the page's encoding
//! (`crate::codec::Json`), an article as in a workspace file ([`SavedInput`]). A helper
//! that cannot start, or fails, is dropped: the engine then does all the work itself.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::channel::mpsc;
use futures::stream::StreamExt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions};

use crate::codec::Json;
use cuoshi_core::pipeline::{Analyzer, Input};
use cuoshi_core::settings::AnalyzerSettings;
use cuoshi_core::workspace::SavedInput;
use cuoshi_engine::sharing::{answer, FromHelper, ToHelper};
use cuoshi_engine::Outcome;

/// The name a helper worker is started under (`self.name` inside it).
pub const HELPER_NAME: &str = "cuoshi-helper";

fn worker_scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global()
        .dyn_into::<DedicatedWorkerGlobalScope>()
        .ok()
}

/// True inside a helper worker (the worker's entry point asks).
pub fn is_helper() -> bool {
    worker_scope().is_some_and(|scope| scope.name() == HELPER_NAME)
}

thread_local! {
    /// The helper's analyzer, built when the helper starts.
    static ANALYZER: RefCell<Option<Analyzer>> = const { RefCell::new(None) };
}

/// The helper's main: answers the engine's messages, after building the dictionary.
pub fn serve() {
    let Some(scope) = worker_scope() else {
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(message) = Json::decode::<ToHelper>(event.data()) else {
            return;
        };
        let reply = ANALYZER.with(|cell| {
            let mut cell = cell.borrow_mut();
            answer(cell.get_or_insert_with(Analyzer::new), message)
        });
        if let Some(reply) = reply {
            if matches!(reply, FromHelper::Analyzed { .. }) {
                count_analyzed(&replies, 1.0);
            }
            let _ = replies.post_message(&Json::encode(reply));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages wait in the queue until this task (the dictionary's build) ends.
    ANALYZER.with(|cell| *cell.borrow_mut() = Some(Analyzer::new()));
    count_analyzed(&scope, 0.0);
    let _ = scope.post_message(&Json::encode(FromHelper::Loaded));
}

/// Counts the articles this helper analyzed in `globalThis.cuoshiHelperAnalyzed` (0 from
/// the moment its dictionary is built), which the end-to-end test reads (`e2e/run.mjs`;
/// anyone can in the browser's devtools).
fn count_analyzed(scope: &DedicatedWorkerGlobalScope, more: f64) {
    let key = JsValue::from_str("cuoshiHelperAnalyzed");
    let before = js_sys::Reflect::get(scope, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(scope, &key, &JsValue::from_f64(before + more));
}

/// The engine's side of a helper worker: spawned, fed articles, and read.
pub struct Helper {
    worker: Worker,
    loaded: Rc<Cell<bool>>,
    outcomes: mpsc::UnboundedReceiver<Outcome>,
    /// The lexicons last sent (the helper starts with the default ones).
    lexicons: AnalyzerSettings,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Helper {
    /// Starts a helper beside this worker (from this worker's own loader script); `None`
    /// where the browser cannot (no nested workers), and the engine works alone.
    pub fn spawn() -> Option<Helper> {
        let scope = worker_scope()?;
        let script = scope.location().href();
        let options = WorkerOptions::new();
        options.set_name(HELPER_NAME);
        let worker = Worker::new_with_options(&script, &options).ok()?;
        let loaded = Rc::new(Cell::new(false));
        let (sender, outcomes) = mpsc::unbounded();
        let on_message = {
            let (loaded, sender) = (loaded.clone(), sender.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let outcome = match Json::decode::<FromHelper>(event.data()) {
                    Some(FromHelper::Loaded) => return loaded.set(true),
                    Some(FromHelper::Analyzed { step, analysis }) => {
                        Outcome::Analyzed(step, analysis)
                    }
                    Some(FromHelper::Failed(_)) | None => Outcome::Failed,
                };
                let _ = sender.unbounded_send(outcome);
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let _ = sender.unbounded_send(Outcome::Failed);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Helper {
            worker,
            loaded,
            outcomes,
            lexicons: AnalyzerSettings::default(),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn post(&self, message: ToHelper) {
        let _ = self.worker.post_message(&Json::encode(message));
    }
}

impl cuoshi_engine::Helper for Helper {
    fn ready(&self) -> bool {
        self.loaded.get()
    }

    fn send(&mut self, step: usize, input: &Input, lexicons: &AnalyzerSettings) {
        if *lexicons != self.lexicons {
            self.lexicons = lexicons.clone();
            self.post(ToHelper::Lexicons(lexicons.clone()));
        }
        self.post(ToHelper::Analyze {
            step,
            article: SavedInput::of(input),
        });
    }

    fn take(&mut self) -> Option<Outcome> {
        self.outcomes.try_recv().ok()
    }

    async fn next(&mut self) -> Outcome {
        self.outcomes.next().await.unwrap_or(Outcome::Failed)
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
