//! The page's one state and its one reducer.
//!
//! Everything the page shows derives from [`State`]: where the engine is (dictionary,
//! analyzing, ready), how many requests and file reads are still under way, the last
//! [`Report`] received, the refusals noticed on the page itself (a file the browser could not
//! read), and which matrix cell is selected. Components never keep their own copy of any of
//! it; they dispatch an [`Action`] and [`State::apply`] computes the next state. The reducer is
//! plain Rust with no browser imports, so its tests call `reduce` natively.

use std::rc::Rc;

use crate::core::model::{InputError, Report};

use super::protocol::{Response, Stage};

/// The report as the state and the components share it. Two handles are equal when they
/// hold the same report, so re-rendering never compares reports field by field.
#[derive(Clone, Debug)]
pub struct SharedReport(pub Rc<Report>);

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedReport {
    type Target = Report;

    fn deref(&self) -> &Report {
        &self.0
    }
}

/// A matrix cell: a category of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub category: String,
    pub doc: String,
}

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Where the engine is; it starts by loading the dictionary.
    pub stage: Stage,
    /// Progress of the current analysis: `done` of `total` documents.
    pub done: usize,
    pub total: usize,
    /// Requests sent to the engine whose report has not come back yet.
    pub in_flight: usize,
    /// Files being read by the browser before they are sent.
    pub reading: usize,
    /// The last report of the corpus; `None` until the engine first answers.
    pub report: Option<SharedReport>,
    /// Inputs refused on the page before reaching the engine (unreadable files).
    pub notices: Rc<[InputError]>,
    /// The selected matrix cell, whose measures the evidence panel lists.
    pub selection: Option<Selection>,
    /// How many texts were pasted so far (names them 粘贴文本1, 粘贴文本2 …).
    pub pasted: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            stage: Stage::Dictionary,
            done: 0,
            total: 0,
            in_flight: 0,
            reading: 0,
            report: None,
            notices: Rc::from(Vec::new()),
            selection: None,
            pasted: 0,
        }
    }
}

/// Everything that can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The engine reported progress.
    Progress {
        stage: Stage,
        done: usize,
        total: usize,
    },
    /// The engine sent the report of the corpus (the answer to one request).
    Report(Rc<Report>),
    /// A request went to the engine.
    Sent,
    /// The browser started reading `n` files.
    ReadStarted(usize),
    /// The browser finished reading `n` files; `refused` could not be read.
    ReadFinished {
        count: usize,
        refused: Vec<InputError>,
    },
    /// A text was pasted (and sent).
    Pasted,
    /// A matrix cell was clicked; clicking the selected cell again closes it.
    Select(Selection),
    /// The evidence panel was closed.
    Deselect,
    /// The page's own refusal notices were dismissed.
    DismissNotices,
}

impl State {
    /// True while the dictionary loads, a file is read or an analysis runs.
    pub fn busy(&self) -> bool {
        self.stage == Stage::Dictionary || self.in_flight > 0 || self.reading > 0
    }

    /// The number of documents analyzed.
    pub fn docs(&self) -> usize {
        self.report.as_ref().map_or(0, |r| r.documents.len())
    }

    /// Refused inputs: the engine's and the page's own, in that order.
    pub fn refusals(&self) -> Vec<InputError> {
        let engine = self.report.iter().flat_map(|r| r.errors.iter());
        engine.chain(self.notices.iter()).cloned().collect()
    }

    /// The next state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        match action {
            Action::Progress { stage, done, total } => {
                next.stage = stage;
                next.done = done;
                next.total = total;
            }
            Action::Report(report) => {
                next.in_flight = next.in_flight.saturating_sub(1);
                if let Some(sel) = &next.selection {
                    if !report.documents.iter().any(|d| d.id == sel.doc) {
                        next.selection = None;
                    }
                }
                next.report = Some(SharedReport(report));
            }
            Action::Sent => next.in_flight += 1,
            Action::ReadStarted(n) => next.reading += n,
            Action::ReadFinished { count, refused } => {
                next.reading = next.reading.saturating_sub(count);
                if !refused.is_empty() {
                    next.notices = self.notices.iter().cloned().chain(refused).collect();
                }
            }
            Action::Pasted => next.pasted += 1,
            Action::Select(sel) => {
                next.selection = if self.selection.as_ref() == Some(&sel) {
                    None
                } else {
                    Some(sel)
                };
            }
            Action::Deselect => next.selection = None,
            Action::DismissNotices => next.notices = Rc::from(Vec::new()),
        }
        next
    }
}

impl From<Response> for Action {
    fn from(response: Response) -> Self {
        match response {
            Response::Progress { stage, done, total } => Action::Progress { stage, done, total },
            Response::Report(report) => Action::Report(Rc::from(report)),
        }
    }
}

#[cfg(any(target_arch = "wasm32", test))]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::protocol::{Engine, FilePayload, Request};
    use yew::Reducible;

    fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(state, |s, a| s.reduce(a))
    }

    fn engine_actions(engine: &mut Engine, request: Request) -> Vec<Action> {
        let mut out = vec![Action::Sent];
        engine.handle(request, |r| out.push(Action::from(r)));
        out
    }

    fn ready() -> Action {
        Action::Progress {
            stage: Stage::Ready,
            done: 0,
            total: 0,
        }
    }

    #[test]
    fn busy_while_the_dictionary_loads_then_idle() {
        let s = Rc::new(State::default());
        assert!(s.busy());
        assert_eq!(s.docs(), 0);
        let s = s.reduce(ready());
        assert!(!s.busy());
    }

    #[test]
    fn busy_until_the_report_of_every_request_arrives() {
        let s = run(Rc::new(State::default()), [ready(), Action::ReadStarted(2)]);
        assert!(s.busy());
        let s = run(
            s,
            [
                Action::Sent,
                Action::ReadFinished {
                    count: 2,
                    refused: vec![],
                },
            ],
        );
        assert!(s.busy(), "the analysis is still running");
        let mut engine = Engine::new();
        let mut actions = engine_actions(
            &mut engine,
            Request::Add(vec![FilePayload::new(
                "a.txt",
                "市政府要求各地落实一企一策。",
            )]),
        );
        actions.remove(0); // already sent above
        let s = run(s, actions);
        assert!(!s.busy());
        assert_eq!(s.docs(), 1);
        assert_eq!(s.stage, Stage::Ready);
    }

    #[test]
    fn refusals_join_the_engine_and_the_page() {
        let mut engine = Engine::new();
        let files = vec![
            FilePayload::new("a.txt", "市政府要求各地落实一企一策。"),
            FilePayload::new("x.pdf", "%PDF"),
        ];
        let s = run(
            Rc::new(State::default()),
            engine_actions(&mut engine, Request::Add(files)),
        );
        let unreadable = InputError {
            name: "y.txt".into(),
            message: "无法读取文件 / The file could not be read".into(),
        };
        let s = run(
            s,
            [
                Action::ReadStarted(1),
                Action::ReadFinished {
                    count: 1,
                    refused: vec![unreadable],
                },
            ],
        );
        let names: Vec<String> = s.refusals().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["x.pdf", "y.txt"]);
        assert_eq!(s.docs(), 1, "the good document survives");
        let s = s.reduce(Action::DismissNotices);
        assert_eq!(s.refusals().len(), 1);
    }

    #[test]
    fn selection_toggles_and_drops_with_its_document() {
        let mut engine = Engine::new();
        let s = run(
            Rc::new(State::default()),
            engine_actions(
                &mut engine,
                Request::Add(vec![FilePayload::new(
                    "a.txt",
                    "市政府要求各地落实一企一策，推动企业复工复产。",
                )]),
            ),
        );
        let sel = Selection {
            category: "labor".into(),
            doc: "d1".into(),
        };
        let s = s.reduce(Action::Select(sel.clone()));
        assert_eq!(s.selection.as_ref(), Some(&sel));
        let s2 = s.clone().reduce(Action::Select(sel.clone()));
        assert_eq!(s2.selection, None, "a second click closes it");
        let s = run(s, engine_actions(&mut engine, Request::Remove("d1".into())));
        assert_eq!(s.selection, None);
        assert_eq!(s.docs(), 0);
    }

    #[test]
    fn stray_reports_never_underflow() {
        let mut engine = Engine::new();
        let mut actions = engine_actions(&mut engine, Request::Clear);
        actions.remove(0);
        let s = run(Rc::new(State::default()), actions);
        assert_eq!(s.in_flight, 0);
        let s = s.reduce(Action::ReadFinished {
            count: 3,
            refused: vec![],
        });
        assert_eq!(s.reading, 0);
        assert!(!s.busy());
    }

    #[test]
    fn pasted_texts_are_counted() {
        let s = run(Rc::new(State::default()), [Action::Pasted, Action::Pasted]);
        assert_eq!(s.pasted, 2);
    }
}
