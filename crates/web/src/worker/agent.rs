//! The analysis web worker: the engine's serve loop, connected to the page by messages.
//!
//! The page's main thread never segments or analyzes: it posts requests to this worker,
//! and this worker answers — reports, but also the exports, concordances, segmentations
//! and corrections, all computed here. The worker only connects the engine's one loop
//! ([`Session::run`]) to the browser: the page's messages are its requests, IndexedDB its
//! storage ([`IdbStorage`], so snapshots of the corpus never travel to the page), a nested
//! worker its helper ([`Helper`], started once the engine is ready), and the browser's
//! clock and event loop its host. Messages travel as [`Json`]; the first says [`READY`].
//!
//! The page holds the worker itself (`crate::page::backend`), so it sees the worker's
//! errors and can end it: a crash or a cancelled request ends this worker, and a new one
//! resumes the workspace as last kept.

use futures::channel::mpsc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use cuoshi_engine::{Engine, Page, Request, Response, Session};

use crate::codec::{Json, READY};
use crate::host::{self, BrowserHost};
use crate::store::IdbStorage;
use crate::worker::helper::Helper;

/// The page, as the worker sees it.
struct ToPage(DedicatedWorkerGlobalScope);

impl Page for ToPage {
    async fn send(&mut self, response: Response) -> bool {
        self.0.post_message(&Json::encode(response)).is_ok()
    }
}

/// The worker's main: listens to the page, says so, and answers its requests one at a
/// time, in order.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let (requests, queue) = mpsc::unbounded::<Request>();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(request) = Json::decode::<Request>(event.data()) {
            let _ = requests.unbounded_send(request);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
    wasm_bindgen_futures::spawn_local(async move {
        let session = Session {
            page: ToPage(scope),
            storage: IdbStorage::default(),
            helper: None,
            host: BrowserHost,
        };
        session
            .run(|| Engine::new().with_clock(host::now), Helper::spawn, queue)
            .await;
    });
}
