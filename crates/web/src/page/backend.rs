//! Where the analysis runs: the page's connection to an [`Engine`].
//!
//! [`Backend::Worker`] (the default) spawns the analysis web worker of `crate::worker::agent` and
//! talks to it over a yew-agent reactor bridge, so segmentation never blocks the page.
//! [`Backend::InPage`] runs the same engine, through the same serve loop
//! ([`cuoshi_engine::Session`], without a helper), on the page itself; browser tests use it
//! because their test server has no worker script. Either way the app sees one thing: a
//! `Callback<Request>` to send requests, and a `Callback<Response>` that receives answers
//! in order — [`use_engine`] hides which backend answers.
//!
//! The worker's URL is relative (`worker.js`) and resolved against the document's base URL,
//! so the site works from a sub-path such as `/cuoshi/`; trunk names the worker's output
//! after its binary (`worker.js`, `worker_bg.wasm`) without a hash for this reason.

use std::cell::RefCell;
use std::rc::Rc;

use futures::stream::StreamExt;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_agent::reactor::{ReactorBridge, ReactorSpawner};

use cuoshi_engine::serve::NoHelper;
use cuoshi_engine::{Engine, Page, Request, Response, Session};

use crate::codec::Json;
use crate::host::{self, next_task, BrowserHost};
use crate::store::IdbStorage;
use crate::worker::agent::Analysis;

/// Builds the [`Engine`] (the slow step: the dictionary).
pub type EngineFactory = Rc<dyn Fn() -> Engine>;

/// Which engine answers the page.
#[derive(Clone)]
pub enum Backend {
    /// The analysis web worker, at this URL relative to the document's base URL.
    Worker(AttrValue),
    /// An engine on the page's own thread, built by the factory (browser tests; it blocks
    /// the page while it works). The factory is reached only through this variant, so the
    /// page's own Wasm carries no dictionary unless [`Backend::in_page`] is called.
    InPage(EngineFactory),
}

impl Backend {
    /// The worker at `worker.js`, next to the page.
    pub fn worker() -> Self {
        Backend::Worker(AttrValue::Static("worker.js"))
    }

    /// The crate's [`Engine`], on the page.
    pub fn in_page() -> Self {
        Backend::InPage(Rc::new(|| Engine::new().with_clock(host::now)))
    }
}

impl Default for Backend {
    fn default() -> Self {
        Backend::worker()
    }
}

impl PartialEq for Backend {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Backend::Worker(a), Backend::Worker(b)) => a == b,
            (Backend::InPage(a), Backend::InPage(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Backend::Worker(path) => f.debug_tuple("Worker").field(path).finish(),
            Backend::InPage(_) => f.write_str("InPage"),
        }
    }
}

/// The latest response handler; refreshed on every render, read at each answer.
type Handler = Rc<RefCell<Callback<Response>>>;

/// Hands `response` to the current handler, holding no borrow while it runs.
fn deliver(handler: &Handler, response: Response) {
    let callback = handler.borrow().clone();
    callback.emit(response);
}

/// Connects to `backend` once (again only if the backend changes) and returns the sender.
/// Every request is answered by progress responses and exactly one report.
#[hook]
pub fn use_engine(backend: &Backend, on_response: Callback<Response>) -> Callback<Request> {
    let handler: Handler = {
        let initial = on_response.clone();
        use_mut_ref(move || initial)
    };
    *handler.borrow_mut() = on_response;
    let sender = use_memo(backend.clone(), move |backend| match backend {
        Backend::Worker(path) => connect_worker(path, handler),
        Backend::InPage(factory) => connect_in_page(factory.clone(), handler),
    });
    (*sender).clone()
}

/// `path` resolved against the document's base URL (`<base href>`, else the page's URL).
fn resolve(path: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    base.and_then(|b| web_sys::Url::new_with_base(path, &b).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| path.to_string())
}

fn connect_worker(path: &str, handler: Handler) -> Callback<Request> {
    let bridge: ReactorBridge<Analysis> = ReactorSpawner::<Analysis>::new()
        .encoding::<Json>()
        .as_module(false)
        .spawn(&resolve(path));
    let bridge = Rc::new(RefCell::new(bridge));
    // The reader holds the bridge weakly: when the app goes, the bridge (and worker) go too.
    let reader = Rc::downgrade(&bridge);
    spawn_local(async move {
        loop {
            let next = futures::future::poll_fn(|cx| match reader.upgrade() {
                Some(bridge) => bridge.borrow_mut().poll_next_unpin(cx),
                None => std::task::Poll::Ready(None),
            })
            .await;
            match next {
                Some(response) => {
                    // A report is decoded in the message's task; rendering it waits for the
                    // next one, so that neither holds the page for long.
                    if matches!(response, Response::Report(_)) {
                        next_task().await;
                    }
                    deliver(&handler, response)
                }
                None => break,
            }
        }
    });
    Callback::from(move |request: Request| bridge.borrow().send_input(request))
}

/// The page's handler as the serve loop's page.
struct OnPage(Handler);

impl Page for OnPage {
    async fn send(&mut self, response: Response) -> bool {
        deliver(&self.0, response);
        // Let Yew render each answer, as the worker's messages arrive one task apart.
        host::yield_now().await;
        true
    }
}

fn connect_in_page(factory: EngineFactory, handler: Handler) -> Callback<Request> {
    // One task answers the requests in the order sent, through the worker's own loop.
    let (requests, queue) = futures::channel::mpsc::unbounded::<Request>();
    spawn_local(async move {
        let session: Session<_, _, NoHelper, _> = Session {
            page: OnPage(handler),
            storage: IdbStorage::default(),
            helper: None,
            host: BrowserHost,
        };
        session.run(move || factory(), || None, queue).await;
    });
    Callback::from(move |request: Request| {
        let _ = requests.unbounded_send(request);
    })
}
