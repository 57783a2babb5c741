//! The analysis web worker: a yew-agent reactor that runs the engine's serve loop.
//!
//! The page's main thread never segments or analyzes: it sends requests over a reactor
//! bridge, and this worker answers — reports, but also the exports, concordances,
//! segmentations and corrections, all computed here. The worker only connects the
//! engine's one loop ([`Session::run`]) to the browser: the bridge is its page, IndexedDB
//! its storage ([`IdbStorage`], so snapshots of the corpus never travel to the page), a
//! nested worker its helper ([`Helper`], started once the engine is ready), and the
//! browser's clock and event loop its host. Messages travel as [`Json`].

use futures::sink::SinkExt;
use futures::stream::{SplitSink, StreamExt};
use yew_agent::reactor::{reactor, ReactorScope};
use yew_agent::Registrable;

use cuoshi_engine::{Engine, Page, Request, Response, Session};

use crate::codec::Json;
use crate::host::{self, BrowserHost};
use crate::store::IdbStorage;
use crate::worker::helper::Helper;

/// The page's end of the bridge.
struct Bridge(SplitSink<ReactorScope<Request, Response>, Response>);

impl Page for Bridge {
    async fn send(&mut self, response: Response) -> bool {
        self.0.send(response).await.is_ok()
    }
}

/// Answers the page's requests, one at a time, in order.
#[reactor(Analysis)]
pub async fn analysis(scope: ReactorScope<Request, Response>) {
    let (page, requests) = scope.split();
    let session = Session {
        page: Bridge(page),
        storage: IdbStorage::default(),
        helper: None,
        host: BrowserHost,
    };
    session
        .run(
            || Engine::new().with_clock(host::now),
            Helper::spawn,
            requests,
        )
        .await;
}

/// Registers the reactor in this worker (called by `src/bin/worker.rs`).
pub fn register() {
    Analysis::registrar().encoding::<Json>().register();
}
