//! The one serve loop: how requests reach the [`Engine`] and its answers reach the page.
//!
//! Everything that drives the engine goes through a [`Session`]: the analysis web worker
//! in production, the in-page engine of the browser tests, and the native tests (through
//! [`Engine::handle`], or a session of their own with an inline helper). A new request is
//! added to [`crate::protocol`] and answered in [`Engine`]; this loop never needs to know.
//!
//! The session starts the engine (progress "dictionary", the build, "ready"), then takes
//! one request at a time: [`Request::Resume`] opens the [`Storage`] and restores what it
//! holds; a request that adds documents is run step by step with progress at most every
//! [`PROGRESS_EVERY_MS`], a [`Helper`] analyzing a share of the articles from the back
//! ([`Sharing`]); everything else is answered in one go. Before the report that closes a
//! change, the workspace is handed to the storage and the page is told where it stands
//! ([`Response::Stored`]), so that what the user sees is what a reload brings back.
//!
//! What the loop needs of the place it runs in — a clock and a way to let other tasks run
//! ([`Host`]), the page's end ([`Page`]), a store ([`Storage`]), a helper ([`Helper`]) —
//! are traits; the web crate implements them with the browser, the tests without.

use std::future::Future;

use futures::stream::{Stream, StreamExt};

use cuoshi_core::container;
use cuoshi_core::error::Message;
use cuoshi_core::pipeline::Input;
use cuoshi_core::settings::AnalyzerSettings;
use cuoshi_core::workspace;

use crate::engine::{count_adds, steps, Engine, Step};
use crate::protocol::{FilePayload, Request, Response, Stage, WorkspaceSummary};
use crate::sharing::{Analysis, Next, Sharing};

/// The least time between two progress messages while documents are analyzed.
pub const PROGRESS_EVERY_MS: f64 = 100.0;

/// How much work the engine does between two looks at the helper's messages. A look is a
/// task of its own, which costs milliseconds while both cores are busy; the helper is kept
/// [`HELPER_DEPTH`] articles ahead (more than this much work), so it never runs dry.
pub const LISTEN_EVERY_MS: f64 = 100.0;

/// How many articles the helper is given ahead, at most (a few milliseconds of work each).
pub const HELPER_DEPTH: usize = 32;

/// What the loop needs of the place it runs in.
pub trait Host {
    /// A clock in milliseconds (std's clock panics on wasm32).
    fn now(&self) -> f64;
    /// Lets other tasks run (a message sent reaches the page) before going on.
    fn yield_now(&self) -> impl Future<Output = ()>;
    /// Resumes in a new task of the event loop, after the messages waiting in its queue
    /// (the helper's) were handled.
    fn next_macrotask(&self) -> impl Future<Output = ()>;
}

/// The page's end of the conversation.
pub trait Page {
    /// Sends `response`; false once the page has gone.
    fn send(&mut self, response: Response) -> impl Future<Output = bool>;
}

/// Where the workspace is kept between visits (IndexedDB in the browser).
pub trait Storage {
    /// Opens the store called `name` and returns the workspace file it holds, if any; an
    /// error is the bilingual message the user reads (the work goes on in memory).
    fn open(&mut self, name: &str) -> impl Future<Output = Result<Option<Vec<u8>>, Message>>;
    /// True once a store is open: snapshots are worth taking.
    fn keeps(&self) -> bool;
    /// Writes a workspace file over the last one; an error is the bilingual message (also
    /// when another tab wrote a newer one since this one was read: kind `stale_workspace`).
    fn save(&mut self, bytes: Vec<u8>) -> impl Future<Output = Result<(), Message>>;
    /// Keeps the workspace an import replaced (`None` forgets it): one step of undo.
    fn keep_previous(
        &mut self,
        bytes: Option<Vec<u8>>,
    ) -> impl Future<Output = Result<(), Message>> {
        let _ = bytes;
        async { Ok(()) }
    }
    /// The workspace an import replaced, if one is kept.
    fn previous(&mut self) -> impl Future<Output = Option<Vec<u8>>> {
        async { None }
    }
}

/// A storage that keeps nothing (a page that did not ask to keep its work).
#[derive(Debug, Default)]
pub struct NoStorage;

impl Storage for NoStorage {
    async fn open(&mut self, _name: &str) -> Result<Option<Vec<u8>>, Message> {
        Ok(None)
    }

    fn keeps(&self) -> bool {
        false
    }

    async fn save(&mut self, _bytes: Vec<u8>) -> Result<(), Message> {
        Ok(())
    }
}

/// What a helper said.
#[derive(Debug)]
pub enum Outcome {
    /// The document of a step, analyzed.
    Analyzed(usize, Box<Analysis>),
    /// The helper failed (an error in its worker, or lexicons it could not build): drop it.
    Failed,
}

/// A second analyzer beside the engine (a helper worker in the browser).
pub trait Helper {
    /// True once it has built its dictionary and takes articles.
    fn ready(&self) -> bool;
    /// Hands it the article of `step`, to analyze with `lexicons`.
    fn send(&mut self, step: usize, input: &Input, lexicons: &AnalyzerSettings);
    /// What it has said since last asked, if anything (never waits).
    fn take(&mut self) -> Option<Outcome>;
    /// Its next word, waiting for it.
    fn next(&mut self) -> impl Future<Output = Outcome>;
}

/// No helper: the engine does all the work.
#[derive(Debug)]
pub enum NoHelper {}

impl Helper for NoHelper {
    fn ready(&self) -> bool {
        match *self {}
    }
    fn send(&mut self, _: usize, _: &Input, _: &AnalyzerSettings) {
        match *self {}
    }
    fn take(&mut self) -> Option<Outcome> {
        match *self {}
    }
    async fn next(&mut self) -> Outcome {
        match *self {}
    }
}

/// A host whose tasks never wait and whose clock moves one progress interval each time it
/// is read, so that every article's progress is reported: a request is answered in one go
/// (native tests, [`Engine::handle`]).
#[derive(Debug, Default)]
pub struct Immediate(std::cell::Cell<f64>);

impl Host for Immediate {
    fn now(&self) -> f64 {
        self.0.set(self.0.get() + PROGRESS_EVERY_MS);
        self.0.get()
    }
    async fn yield_now(&self) {}
    async fn next_macrotask(&self) {}
}

/// A page that collects what it is sent.
struct Collect<F>(F);

impl<F: FnMut(Response)> Page for Collect<F> {
    async fn send(&mut self, response: Response) -> bool {
        (self.0)(response);
        true
    }
}

/// One engine's conversation with a page: the loop that serves it, and what it runs with.
pub struct Session<P, S, H, T> {
    /// Where the answers go.
    pub page: P,
    /// Where the workspace is kept.
    pub storage: S,
    /// The helper, while there is one (a failed helper is dropped).
    pub helper: Option<H>,
    /// The clock and the event loop.
    pub host: T,
}

impl<P: Page, S: Storage, H: Helper, T: Host> Session<P, S, H, T> {
    /// Builds the engine with `build` (the slow step), telling the page "dictionary" before
    /// and "ready" after; `None` when the page has gone.
    pub async fn start(&mut self, build: impl FnOnce() -> Engine) -> Option<Engine> {
        if !(self.page)
            .send(Response::progress(Stage::Dictionary, 0, 1))
            .await
        {
            return None;
        }
        self.host.yield_now().await; // let "dictionary" leave before the slow build
        let engine = build();
        (self.page)
            .send(Response::progress(Stage::Ready, 0, 0))
            .await
            .then_some(engine)
    }

    /// Starts the engine, then the helper (`spawn`: once the engine is ready, so that the
    /// page's start has the other core), and answers `requests` in order until they end or
    /// the page goes.
    pub async fn run(
        mut self,
        build: impl FnOnce() -> Engine,
        spawn: impl FnOnce() -> Option<H>,
        mut requests: impl Stream<Item = Request> + Unpin,
    ) {
        let Some(mut engine) = self.start(build).await else {
            return;
        };
        self.helper = spawn();
        while let Some(request) = requests.next().await {
            if !self.serve(&mut engine, request).await {
                return;
            }
        }
    }

    /// Answers one request; false once the page has gone.
    pub async fn serve(&mut self, engine: &mut Engine, request: Request) -> bool {
        // A workspace read back from the storage is not written again.
        let mut from_storage = false;
        let request = match request {
            Request::Resume(name) => {
                let opened = self.storage.open(&name).await;
                let previous = self.storage.previous().await;
                let previous = previous.as_deref().and_then(summary);
                if !self.page.send(Response::Previous(previous)).await {
                    return false;
                }
                match opened {
                    Ok(Some(bytes)) if !bytes.is_empty() => {
                        from_storage = true;
                        Request::Restore(FilePayload::new("IndexedDB", bytes))
                    }
                    Ok(_) => Request::ShowPage(0),
                    Err(message) => {
                        if !self.page.send(Response::Stored(Some(message))).await {
                            return false;
                        }
                        Request::ShowPage(0)
                    }
                }
            }
            Request::Import(file) if workspace::from_bytes(&file.bytes).is_ok() => {
                let before = engine.workspace();
                let kept = (self.storage)
                    .keep_previous(Some(workspace::to_bytes(&before)))
                    .await;
                let previous = kept.is_ok() && self.storage.keeps();
                let previous = previous.then(|| WorkspaceSummary::of("", &before));
                let problem = kept.err().map(|m| Response::Stored(Some(m)));
                if !self
                    .tell(problem.into_iter().chain([Response::Previous(previous)]))
                    .await
                {
                    return false;
                }
                Request::Restore(file)
            }
            Request::Import(file) => Request::Restore(file),
            Request::UndoImport => match self.storage.previous().await {
                Some(bytes) => {
                    let forgot = self.storage.keep_previous(None).await;
                    let problem = forgot.err().map(|m| Response::Stored(Some(m)));
                    if !self
                        .tell(problem.into_iter().chain([Response::Previous(None)]))
                        .await
                    {
                        return false;
                    }
                    Request::Restore(FilePayload::new("previous", bytes))
                }
                None => Request::ShowPage(0),
            },
            other => other,
        };
        if let Request::Restore(file) = &request {
            if let Ok(saved) = workspace::from_bytes(&file.bytes) {
                return self.restore(engine, saved, from_storage).await;
            }
        }
        let Some(steps) = steps(&request) else {
            // Corrections, a refused restore and questions: answered in one go.
            let mut out = Vec::new();
            engine.answer(request, |r| out.push(r));
            return self.deliver(engine, out).await;
        };
        let changed = !matches!(request, Request::DismissErrors);
        let total = count_adds(&steps);
        if total > 0 {
            self.progress(0, total).await;
        }
        let sharing = Sharing::new(steps, |step| engine.analyzes(step));
        self.share(engine, sharing, total, |engine, next| match next {
            Next::Run(_, step) => engine.run(step),
            Next::Insert(_, input, analysis) => engine.run_analyzed(input, analysis),
            Next::Wait | Next::Done => {}
        })
        .await;
        let mut out = Vec::new();
        engine.finish(changed, |r| out.push(r));
        self.deliver(engine, out).await
    }

    /// Sends `responses` in order; false once the page has gone.
    async fn tell(&mut self, responses: impl IntoIterator<Item = Response>) -> bool {
        for response in responses {
            if !self.page.send(response).await {
                return false;
            }
        }
        true
    }

    /// Restores a saved workspace, the helper analyzing a share of its articles when it is
    /// there and the workspace has the lexicons in force (the usual reload).
    async fn restore(
        &mut self,
        engine: &mut Engine,
        saved: workspace::Workspace,
        from_storage: bool,
    ) -> bool {
        let total = saved.inputs.len();
        if total > 0 {
            self.progress(0, total).await;
        }
        let mut analyzed: Vec<Option<Box<Analysis>>> = Vec::new();
        if self.helper.is_some() && total >= 2 && saved.lexicons() == *engine.lexicons_in_force() {
            // Containers (only in a hand-made workspace) are expanded by the restore itself.
            let article = |input: &Input| !container::is_container(&input.name);
            let steps = (saved.inputs.iter())
                .map(|s| Step::Add(Ok(s.input())))
                .collect();
            analyzed = (0..total).map(|_| None).collect();
            let sharing = Sharing::new(
                steps,
                |step| matches!(step, Step::Add(Ok(input)) if article(input)),
            );
            self.share(engine, sharing, total, |engine, next| match next {
                Next::Run(k, Step::Add(Ok(input))) if article(&input) => {
                    analyzed[k] = Some(Box::new(engine.analyze(&input)));
                }
                Next::Insert(k, _, analysis) => analyzed[k] = Some(analysis),
                _ => {}
            })
            .await;
        }
        let mut out = Vec::new();
        engine.restore_analyzed(&saved, analyzed, |r| out.push(r));
        if from_storage {
            engine.mark_kept();
        }
        self.deliver(engine, out).await
    }

    /// Takes the steps of `sharing` in order — its own with `take`, the helper's as they
    /// come — and reports progress, at most every [`PROGRESS_EVERY_MS`]. Every
    /// [`LISTEN_EVERY_MS`] of work the engine takes in what the helper has sent.
    async fn share(
        &mut self,
        engine: &mut Engine,
        mut sharing: Sharing,
        total: usize,
        mut take: impl FnMut(&mut Engine, Next),
    ) {
        let mut done = 0;
        let mut reported = (self.host.now(), 0);
        let mut listened = reported.0;
        loop {
            if let Some(h) = self.helper.as_mut().filter(|h| h.ready()) {
                while let Some((step, input)) = sharing.hand_out(HELPER_DEPTH) {
                    h.send(step, input, engine.lexicons_in_force());
                }
            }
            match sharing.next_step() {
                Next::Wait => {
                    let outcome = match self.helper.as_mut() {
                        Some(h) => h.next().await,
                        None => Outcome::Failed,
                    };
                    done += self.heard(outcome, &mut sharing);
                }
                Next::Done => break,
                next => {
                    done += usize::from(matches!(next, Next::Run(_, Step::Add(_))));
                    take(engine, next);
                }
            }
            let now = self.host.now();
            // Also while the helper is still building its dictionary: "loaded" is a message.
            if now - listened >= LISTEN_EVERY_MS && self.helper.is_some() {
                listened = now;
                self.host.next_macrotask().await;
                while let Some(outcome) = self.helper.as_mut().and_then(|h| h.take()) {
                    done += self.heard(outcome, &mut sharing);
                }
            }
            // Every message costs the page a render: at most one per PROGRESS_EVERY_MS, and
            // the last count once (the helper's articles count when they come).
            let (last, sent) = reported;
            if done != sent && (now - last >= PROGRESS_EVERY_MS || done == total) {
                reported = (now, done);
                self.progress(done, total).await;
            }
        }
    }

    /// Takes in what the helper said; returns how many articles that completes (0 or 1). A
    /// failed helper is dropped, and its articles go back to the engine.
    fn heard(&mut self, outcome: Outcome, sharing: &mut Sharing) -> usize {
        match outcome {
            Outcome::Analyzed(step, analysis) => {
                sharing.received(step, analysis);
                1
            }
            Outcome::Failed => {
                sharing.helper_failed();
                self.helper = None;
                0
            }
        }
    }

    async fn progress(&mut self, done: usize, total: usize) {
        let _ = self
            .page
            .send(Response::progress(Stage::Analyzing, done, total))
            .await;
        self.host.yield_now().await;
    }

    /// Sends a request's answers in order; before the report that closes a change, the
    /// workspace is kept and the page told how that went.
    async fn deliver(&mut self, engine: &mut Engine, out: Vec<Response>) -> bool {
        for response in out {
            if matches!(response, Response::Report(_)) && self.storage.keeps() {
                if let Some(bytes) = engine.take_snapshot() {
                    let kept = self.storage.save(bytes).await.err();
                    if !self.page.send(Response::Stored(kept)).await {
                        return false;
                    }
                }
            }
            if !self.page.send(response).await {
                return false;
            }
        }
        true
    }
}

impl Engine {
    /// Answers a request at once, through the one serve loop ([`Session`]) with no
    /// storage, no helper and a host that never waits: progress after each added document,
    /// then the closing responses; or the one answer to a question. Native tests and the
    /// reducer's tests use it; the worker and the in-page engine serve through a
    /// [`Session`] of their own.
    pub fn handle(&mut self, request: Request, emit: impl FnMut(Response)) {
        let mut session: Session<_, NoStorage, NoHelper, Immediate> = Session {
            page: Collect(emit),
            storage: NoStorage,
            helper: None,
            host: Immediate::default(),
        };
        futures::executor::block_on(session.serve(self, request));
    }
}

/// The summary of a kept workspace file, if it reads as one.
fn summary(bytes: &[u8]) -> Option<WorkspaceSummary> {
    let saved = workspace::from_bytes(bytes).ok()?;
    Some(WorkspaceSummary::of("", &saved))
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use cuoshi_core::examples::EXAMPLES;
    use cuoshi_core::pipeline::Analyzer;

    use super::*;

    /// A helper that analyzes on the spot what it was handed, one article per word.
    struct Inline {
        analyzer: Analyzer,
        queue: VecDeque<(usize, Input)>,
        analyzed: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl Helper for Inline {
        fn ready(&self) -> bool {
            true
        }
        fn send(&mut self, step: usize, input: &Input, lexicons: &AnalyzerSettings) {
            assert_eq!(lexicons, &AnalyzerSettings::default());
            self.queue.push_back((step, input.clone()));
        }
        fn take(&mut self) -> Option<Outcome> {
            let (step, input) = self.queue.pop_front()?;
            self.analyzed.set(self.analyzed.get() + 1);
            let analysis = self.analyzer.analyze_document("d0", &input);
            Some(Outcome::Analyzed(step, Box::new(analysis)))
        }
        async fn next(&mut self) -> Outcome {
            self.take().unwrap_or(Outcome::Failed)
        }
    }

    /// A store in memory.
    #[derive(Default)]
    struct Memory {
        open: bool,
        saved: Option<Vec<u8>>,
        previous: Option<Vec<u8>>,
        writes: usize,
    }

    impl Storage for Memory {
        async fn open(&mut self, _name: &str) -> Result<Option<Vec<u8>>, Message> {
            self.open = true;
            Ok(self.saved.clone())
        }
        fn keeps(&self) -> bool {
            self.open
        }
        async fn save(&mut self, bytes: Vec<u8>) -> Result<(), Message> {
            self.writes += 1;
            self.saved = Some(bytes);
            Ok(())
        }
        async fn keep_previous(&mut self, bytes: Option<Vec<u8>>) -> Result<(), Message> {
            self.previous = bytes;
            Ok(())
        }
        async fn previous(&mut self) -> Option<Vec<u8>> {
            self.previous.clone()
        }
    }

    /// A clock that moves 60 ms each time it is read, so the helper is listened to.
    #[derive(Default)]
    struct Ticking(std::cell::Cell<f64>);

    impl Host for Ticking {
        fn now(&self) -> f64 {
            self.0.set(self.0.get() + 60.0);
            self.0.get()
        }
        async fn yield_now(&self) {}
        async fn next_macrotask(&self) {}
    }

    fn examples() -> Request {
        let mut files: Vec<FilePayload> = EXAMPLES
            .iter()
            .map(|(name, bytes)| FilePayload::new(*name, *bytes))
            .collect();
        files.push(FilePayload::new("again.txt", EXAMPLES[0].1));
        files.push(FilePayload::new("empty.txt", ""));
        Request::Add(files)
    }

    #[test]
    fn the_loop_with_a_helper_and_a_store_gives_the_report_of_the_engine_alone() {
        let mut alone = Engine::new();
        let mut said_alone = Vec::new();
        alone.handle(examples(), |r| said_alone.push(r));

        let (pages, requests) = futures::channel::mpsc::unbounded();
        let (out, responses) = futures::channel::mpsc::unbounded::<Response>();
        struct Channel(futures::channel::mpsc::UnboundedSender<Response>);
        impl Page for Channel {
            async fn send(&mut self, response: Response) -> bool {
                self.0.unbounded_send(response).is_ok()
            }
        }
        pages.unbounded_send(Request::Resume("db".into())).unwrap();
        pages.unbounded_send(examples()).unwrap();
        drop(pages);
        let analyzed = std::rc::Rc::default();
        let helper = Inline {
            analyzer: Analyzer::new(),
            queue: VecDeque::new(),
            analyzed: std::rc::Rc::clone(&analyzed),
        };
        let session = Session {
            page: Channel(out),
            storage: Memory::default(),
            helper: None,
            host: Ticking::default(),
        };
        futures::executor::block_on(session.run(Engine::new, || Some(helper), requests));
        assert!(
            analyzed.get() >= 2,
            "the helper took part: {}",
            analyzed.get()
        );
        let said: Vec<Response> = futures::executor::block_on(responses.collect());
        assert_eq!(said[0], Response::progress(Stage::Dictionary, 0, 1));
        assert_eq!(said[1], Response::progress(Stage::Ready, 0, 0));
        let reports: Vec<_> = said
            .iter()
            .filter(|r| matches!(r, Response::Report(_)))
            .collect();
        assert_eq!(reports.len(), 2, "the resume, then the examples");
        let last = said_alone
            .iter()
            .rfind(|r| matches!(r, Response::Report(_)));
        assert_eq!(
            reports[1],
            last.unwrap(),
            "the same report as the engine alone"
        );
        assert!(
            said.iter().any(|r| matches!(r, Response::Stored(None))),
            "the change was kept"
        );
        let finals = said.iter().filter(|r| r.is_final()).count();
        assert_eq!(finals, 2, "one final answer a request");
    }

    #[test]
    fn a_kept_workspace_comes_back_through_resume() {
        let mut store = Memory::default();
        let mut engine = Engine::new();
        let mut said = Vec::new();
        futures::executor::block_on(async {
            let mut session: Session<_, _, NoHelper, _> = Session {
                page: Collect(|r| said.push(r)),
                storage: &mut store,
                helper: None,
                host: Immediate::default(),
            };
            session
                .serve(&mut engine, Request::Resume("db".into()))
                .await;
            session.serve(&mut engine, examples()).await;
            session
                .serve(
                    &mut engine,
                    Request::Export(crate::protocol::ExportKind::Json),
                )
                .await;
        });
        assert_eq!(
            store.writes, 1,
            "one change, one write; a question writes nothing"
        );
        let before = engine.report();

        let mut again = Engine::new();
        serve_all(&mut store, &mut again, vec![Request::Resume("db".into())]);
        assert_eq!(again.report().documents, before.documents);
        assert_eq!(again.report().comparison, before.comparison);
    }

    /// Serves `requests` in order with `store`, without a helper; what was said.
    fn serve_all(store: &mut Memory, engine: &mut Engine, requests: Vec<Request>) -> Vec<Response> {
        let mut said = Vec::new();
        futures::executor::block_on(async {
            let mut session: Session<_, _, NoHelper, _> = Session {
                page: Collect(|r| said.push(r)),
                storage: store,
                helper: None,
                host: Immediate::default(),
            };
            for request in requests {
                session.serve(engine, request).await;
            }
        });
        said
    }

    #[test]
    fn an_import_is_inspected_then_undone_even_after_a_reload() {
        let mut store = Memory::default();
        let mut engine = Engine::new();
        let mut said = Vec::new();
        said.extend(serve_all(
            &mut store,
            &mut engine,
            vec![Request::Resume("db".into()), examples()],
        ));
        assert!(
            said.contains(&Response::Previous(None)),
            "nothing to undo yet"
        );
        let mine = engine.report().documents.len();
        assert_eq!(mine, 5);

        // Another workspace, of one article, as a file.
        let mut other = Engine::new();
        other.handle(
            Request::Add(vec![FilePayload::new("one.txt", EXAMPLES[1].1)]),
            |_| {},
        );
        let file = FilePayload::new("other.json", workspace::to_bytes(&other.workspace()));

        let said = serve_all(
            &mut store,
            &mut engine,
            vec![Request::Inspect(file.clone())],
        );
        let Some(Response::Inspected(summary)) = said.last() else {
            panic!("{said:?}")
        };
        assert_eq!(
            (summary.documents, summary.name.as_str()),
            (1, "other.json")
        );
        assert_eq!(
            engine.report().documents.len(),
            mine,
            "inspecting changes nothing"
        );

        let said = serve_all(&mut store, &mut engine, vec![Request::Import(file)]);
        let previous = said.iter().find_map(|r| match r {
            Response::Previous(p) => p.clone(),
            _ => None,
        });
        assert_eq!(previous.map(|p| p.documents), Some(mine));
        assert_eq!(engine.report().documents.len(), 1, "imported");

        // A reload: the undo is still offered, and puts the five articles back.
        let mut reloaded = Engine::new();
        let said = serve_all(
            &mut store,
            &mut reloaded,
            vec![Request::Resume("db".into())],
        );
        assert!(said
            .iter()
            .any(|r| matches!(r, Response::Previous(Some(p)) if p.documents == mine)));
        assert_eq!(reloaded.report().documents.len(), 1);
        let said = serve_all(&mut store, &mut reloaded, vec![Request::UndoImport]);
        assert!(said.contains(&Response::Previous(None)));
        assert_eq!(reloaded.report().documents.len(), mine, "undone");
        let mut again = Engine::new();
        serve_all(&mut store, &mut again, vec![Request::Resume("db".into())]);
        assert_eq!(again.report().documents.len(), mine, "the undo was kept");
    }

    #[test]
    fn a_workspace_read_back_is_not_written_again() {
        let mut store = Memory::default();
        let mut engine = Engine::new();
        let resume = || Request::Resume("db".into());
        serve_all(&mut store, &mut engine, vec![resume(), examples()]);
        serve_all(&mut store, &mut Engine::new(), vec![resume()]);
        assert_eq!(
            store.writes, 1,
            "a reload writes nothing (no echo between tabs)"
        );
    }

    impl<S: Storage> Storage for &mut S {
        async fn open(&mut self, name: &str) -> Result<Option<Vec<u8>>, Message> {
            (**self).open(name).await
        }
        fn keeps(&self) -> bool {
            (**self).keeps()
        }
        async fn save(&mut self, bytes: Vec<u8>) -> Result<(), Message> {
            (**self).save(bytes).await
        }
        async fn keep_previous(&mut self, bytes: Option<Vec<u8>>) -> Result<(), Message> {
            (**self).keep_previous(bytes).await
        }
        async fn previous(&mut self) -> Option<Vec<u8>> {
            (**self).previous().await
        }
    }
}
