//! Where the analysis runs: the page's connection to an [`Engine`].
//!
//! [`Backend::Worker`] (the default) starts the analysis web worker of `crate::worker::agent`
//! and posts it the requests, so segmentation never blocks the page. [`Backend::InPage`]
//! runs the same engine, through the same serve loop ([`cuoshi_engine::Session`], without a
//! helper), on the page itself; browser tests use it because their test server has no
//! worker script. Either way the app sees one thing, an [`EngineLink`]: a callback to send
//! requests and one to cancel them; the answers reach its `Callback<Response>` in order,
//! and [`use_engine`] hides which backend answers.
//!
//! **A worker that stops is noticed.** The page holds the worker itself: when it reports an
//! uncaught error (a crash, memory exhausted: Wasm's `unreachable`) or the user cancels,
//! the page ends it, tells the app which inputs the requests in flight carried
//! ([`Stopped`]), and starts a new worker that resumes the workspace as last kept — the
//! corpus as it was before the request, since a request's changes are kept only when it
//! ends. The inputs that stopped it are not kept, so a reload does not run them again.
//!
//! The worker's URL is relative (`worker.js`) and resolved against the document's base URL,
//! so the site works from a sub-path such as `/cuoshi/`; trunk names the worker's output
//! after its binary (`worker.js`, `worker_bg.wasm`) without a hash for this reason.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use futures::channel::mpsc;
use futures::stream::StreamExt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::platform::spawn_local;
use yew::prelude::*;

use cuoshi_engine::serve::NoHelper;
use cuoshi_engine::{Engine, Page, Request, Response, Session};

use crate::codec::{Json, READY};
use crate::host::{self, next_task, BrowserHost};
pub use crate::page::state::Stopped;
use crate::store::IdbStorage;

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
/// The latest handler of a stopped worker.
type StopHandler = Rc<RefCell<Callback<Stopped>>>;

/// Hands `response` to the current handler, holding no borrow while it runs.
fn deliver(handler: &Handler, response: Response) {
    let callback = handler.borrow().clone();
    callback.emit(response);
}

/// The app's end of the engine.
#[derive(Clone, PartialEq)]
pub struct EngineLink {
    /// Sends a request; every request is answered by progress responses and one final
    /// answer ([`Response::is_final`]), unless the worker stops first.
    pub send: Callback<Request>,
    /// Cancels every request not yet answered: the worker backend ends its worker and
    /// starts another; the in-page one cannot cancel (`None`).
    pub cancel: Option<Callback<()>>,
}

/// Connects to `backend` once (again only if the backend changes).
#[hook]
pub fn use_engine(
    backend: &Backend,
    on_response: Callback<Response>,
    on_stopped: Callback<Stopped>,
) -> EngineLink {
    let handler: Handler = {
        let initial = on_response.clone();
        use_mut_ref(move || initial)
    };
    *handler.borrow_mut() = on_response;
    let stopped: StopHandler = {
        let initial = on_stopped.clone();
        use_mut_ref(move || initial)
    };
    *stopped.borrow_mut() = on_stopped;
    let link = use_memo(backend.clone(), move |backend| match backend {
        Backend::Worker(path) => connect_worker(path, handler, stopped),
        Backend::InPage(factory) => connect_in_page(factory.clone(), handler),
    });
    (*link).clone()
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

/// What reaches the app from a worker, in order.
enum Event {
    Answer(Response),
    Stopped(Stopped),
}

/// One running worker and what it was sent.
struct Live {
    worker: Worker,
    /// True once the worker said [`READY`]; until then requests wait in `queue`.
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<Request>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The worker backend: the live worker, the requests it has not answered, and the
/// request that resumes the kept workspace (sent again to a new worker).
struct Link {
    url: String,
    events: mpsc::UnboundedSender<Event>,
    live: RefCell<Option<Live>>,
    /// The input names of each request not yet answered, oldest first.
    pending: RefCell<VecDeque<Vec<String>>>,
    resume: RefCell<Option<String>>,
}

/// The names of the inputs a request carries.
fn inputs_of(request: &Request) -> Vec<String> {
    match request {
        Request::Add(files) => files.iter().map(|f| f.name.clone()).collect(),
        Request::Restore(file) => vec![file.name.clone()],
        _ => Vec::new(),
    }
}

impl Link {
    /// Starts a worker (a browser that refuses is reported as a stop) and sends it the
    /// request that resumes the kept workspace, if the app sent one.
    fn start(self: &Rc<Self>) {
        let worker = match loader(&self.url).and_then(|url| Worker::new(&url)) {
            Ok(worker) => worker,
            Err(e) => {
                let _ = self.events.unbounded_send(Event::Stopped(Stopped {
                    cancelled: false,
                    error: e.as_string().or_else(|| Some("Worker".into())),
                    inputs: Vec::new(),
                    resuming: false,
                }));
                return;
            }
        };
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<Request>>> = Rc::default();
        let on_message = {
            let (ready, queue) = (ready.clone(), queue.clone());
            let link = Rc::downgrade(self);
            let worker = worker.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(link) = link.upgrade() else { return };
                if event.data().as_string().as_deref() == Some(READY) {
                    ready.set(true);
                    for request in queue.borrow_mut().drain(..) {
                        let _ = worker.post_message(&Json::encode(request));
                    }
                    return;
                }
                let Some(response) = Json::decode::<Response>(event.data()) else {
                    return;
                };
                if response.is_final() {
                    link.pending.borrow_mut().pop_front();
                }
                let _ = link.events.unbounded_send(Event::Answer(response));
            })
        };
        let on_error = {
            let link = Rc::downgrade(self);
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                if let Some(link) = link.upgrade() {
                    let said = event.message();
                    // Not from inside this handler: stopping drops it.
                    spawn_local(
                        async move { link.stop(false, (!said.is_empty()).then_some(said)) },
                    );
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.live.borrow_mut() = Some(Live {
            worker,
            ready,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        });
        let resume = self.resume.borrow().clone();
        if let Some(name) = resume {
            self.post(Request::Resume(name));
        }
    }

    /// Posts `request` to the live worker (held until it is ready) and counts it pending.
    fn post(&self, request: Request) {
        if let Request::Resume(name) = &request {
            *self.resume.borrow_mut() = Some(name.clone());
        }
        self.pending.borrow_mut().push_back(inputs_of(&request));
        if let Some(live) = self.live.borrow().as_ref() {
            if live.ready.get() {
                let _ = live.worker.post_message(&Json::encode(request));
            } else {
                live.queue.borrow_mut().push(request);
            }
        }
    }

    /// Ends the worker, tells the app what was not answered, and starts another.
    fn stop(self: &Rc<Self>, cancelled: bool, error: Option<String>) {
        if self.pending.borrow().is_empty() && cancelled {
            return;
        }
        drop(self.live.borrow_mut().take());
        let inputs = self.pending.borrow_mut().drain(..).flatten().collect();
        let _ = self.events.unbounded_send(Event::Stopped(Stopped {
            cancelled,
            error,
            inputs,
            resuming: self.resume.borrow().is_some(),
        }));
        self.start();
    }
}

/// The worker's start script: the wasm-bindgen glue at `url` (`worker.js`, built for
/// `no-modules`) does not start itself, so the worker runs a small script from a `Blob` that
/// loads the glue and then its Wasm (`worker_bg.wasm`, beside it).
fn loader(url: &str) -> Result<String, JsValue> {
    let wasm = url.replace(".js", "_bg.wasm");
    let script = format!(r#"importScripts({url:?});wasm_bindgen({{ module_or_path: {wasm:?} }});"#);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(&script)),
        &options,
    )?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

fn connect_worker(path: &str, handler: Handler, stopped: StopHandler) -> EngineLink {
    let (events, mut arrivals) = mpsc::unbounded::<Event>();
    let link = Rc::new(Link {
        url: resolve(path),
        events,
        live: RefCell::new(None),
        pending: RefCell::default(),
        resume: RefCell::new(None),
    });
    link.start();
    spawn_local(async move {
        while let Some(event) = arrivals.next().await {
            match event {
                Event::Answer(response) => {
                    // A report is decoded in the message's task; rendering it waits for
                    // the next one, so that neither holds the page for long.
                    if matches!(response, Response::Report(_)) {
                        next_task().await;
                    }
                    deliver(&handler, response)
                }
                Event::Stopped(what) => {
                    let callback = stopped.borrow().clone();
                    callback.emit(what);
                }
            }
        }
    });
    let cancel = {
        let link = link.clone();
        Some(Callback::from(move |()| link.stop(true, None)))
    };
    EngineLink {
        send: Callback::from(move |request: Request| link.post(request)),
        cancel,
    }
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

fn connect_in_page(factory: EngineFactory, handler: Handler) -> EngineLink {
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
    EngineLink {
        send: Callback::from(move |request: Request| {
            let _ = requests.unbounded_send(request);
        }),
        cancel: None,
    }
}
