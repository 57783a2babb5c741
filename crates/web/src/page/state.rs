//! The page's one state and its one reducer.
//!
//! Everything the page shows derives from [`State`]: where the engine is (dictionary,
//! analyzing, ready), how many requests and file reads are still under way, the last
//! [`Report`] received with the corrections in force, the refusals and messages to show,
//! and every choice the user made about how to look at the corpus — the language, the tab,
//! the matrix's mode and sort, the aligned view's filters, the reader's documents and mode,
//! the concordance term, a pending new measure, an open confirmation, the open document
//! details, the settings panel with the lexicons in force. Components never keep
//! their own copy of any of it; they dispatch an [`Action`] and [`State::apply`] computes the
//! next state. The choices worth keeping across a reload are [`State::settings`]. The
//! reducer is plain Rust with no browser imports, so its tests call `reduce` natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use cuoshi_core::concordance::KwicLine;
use cuoshi_core::corpus::ReportView;
use cuoshi_core::corrections::Correction;
use cuoshi_core::error::Message;

/// Cheap shared text in the state.
pub type AttrText = Rc<str>;
use cuoshi_core::model::{InputError, Report};
use cuoshi_core::settings::AnalyzerSettings;

use super::i18n::Lang;
use cuoshi_engine::protocol::{
    BenchResult, DocChoices, FileOut, FilePayload, ReportPage, Response, Stage, WorkspaceSummary,
};

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

/// The views of the corpus, one tab each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    #[default]
    Matrix,
    Aligned,
    Slogans,
    Figures,
    Keywords,
    Similarity,
    Reader,
    Timeline,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Matrix,
        Tab::Aligned,
        Tab::Slogans,
        Tab::Figures,
        Tab::Keywords,
        Tab::Similarity,
        Tab::Reader,
        Tab::Timeline,
    ];

    /// The tab's name (its `data-testid` is `tab-<name>`, and the stored setting).
    pub fn name(self) -> &'static str {
        match self {
            Tab::Matrix => "matrix",
            Tab::Aligned => "aligned",
            Tab::Slogans => "slogans",
            Tab::Figures => "figures",
            Tab::Keywords => "keywords",
            Tab::Similarity => "similarity",
            Tab::Reader => "reader",
            Tab::Timeline => "timeline",
        }
    }

    pub fn from_name(name: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.name() == name)
    }

    /// `(中文, English)` label.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Tab::Matrix => ("措施矩阵", "Matrix"),
            Tab::Aligned => ("措施对齐", "Aligned"),
            Tab::Slogans => ("数字概括语", "Slogans"),
            Tab::Figures => ("数据", "Figures"),
            Tab::Keywords => ("关键词", "Keywords"),
            Tab::Similarity => ("相似度", "Similarity"),
            Tab::Reader => ("对照阅读", "Reader"),
            Tab::Timeline => ("时间线", "Timeline"),
        }
    }
}

/// What the matrix counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatrixMode {
    /// Measures.
    #[default]
    Counts,
    /// Measures per 10,000 characters of the document's text.
    Per10k,
}

/// What the matrix is sorted by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// The documents (columns), by their value in this category's row.
    Row(String),
    /// The categories (rows), by their value in this document's column.
    Column(String),
    /// The categories, by their row totals.
    RowTotals,
    /// The documents, by their column totals.
    ColumnTotals,
}

/// A matrix sort: the key and its direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixSort {
    pub key: SortKey,
    pub descending: bool,
}

/// Which aligned groups to show by how many documents share them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Share {
    All,
    /// Found in two or more documents (what the documents have in common: the default).
    #[default]
    Shared,
    /// Found in one document only.
    Unique,
}

/// The aligned view's filters; an empty string means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlignedFilter {
    pub share: Share,
    pub category: String,
    pub instrument: String,
}

/// What the similarity matrix compares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SimBasis {
    /// The documents' measure-category profiles.
    #[default]
    Categories,
    /// The documents' term vectors.
    Terms,
}

/// How the reader shows a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReaderMode {
    /// The cleaned, simplified text with its measures highlighted.
    #[default]
    Simplified,
    /// The text as written (traditional characters kept), where the report carries it.
    Original,
    /// The segmented words.
    Words,
}

/// A concordance asked for, and its lines once the engine answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Concordance {
    pub term: String,
    pub lines: Option<Rc<[KwicLine]>>,
}

/// Text selected in the reader, waiting for a category to become a new measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMeasure {
    pub doc: String,
    /// Char offsets into the document's cleaned text.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A question the page asks before doing something that cannot be undone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Remove every document, correction and setting kept in the browser.
    ClearAll,
    /// Replace the corpus by the workspace file of [`State::import`].
    Import,
}

/// A workspace file the user picked to import, waiting for their decision: what it holds
/// comes from the engine (`Request::Inspect`) before the question is asked.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    /// The file, as read.
    pub file: Rc<FilePayload>,
    /// What it holds, once the engine said.
    pub summary: Option<Rc<WorkspaceSummary>>,
}

/// The analysis worker stopped before answering every request sent to it (it failed, or the
/// user cancelled); a new worker resumes the workspace as last kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stopped {
    /// True when the user cancelled; false when the worker failed.
    pub cancelled: bool,
    /// What the browser said as the worker failed, if anything.
    pub error: Option<String>,
    /// The names of the inputs the unanswered requests carried.
    pub inputs: Vec<String>,
    /// True when the new worker resumes the kept workspace (a request the page did not
    /// send itself, answered like one).
    pub resuming: bool,
}

impl Stopped {
    /// What the user reads: what happened, which inputs were not loaded, and that the
    /// corpus from before is kept.
    pub fn message(&self) -> Message {
        let names = self.inputs.join("、");
        let (zh_names, en_names) = if names.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("未载入：{names}。"),
                format!(" Not loaded: {}.", self.inputs.join(", ")),
            )
        };
        if self.cancelled {
            Message::new(
                "cancelled",
                format!("已取消。{zh_names}之前的文档与更正保留不变。"),
                format!("Cancelled.{en_names} The documents and corrections from before are kept."),
            )
        } else {
            let why = self.error.as_deref().unwrap_or("").trim();
            let (zh_why, en_why) = if why.is_empty() {
                (String::new(), String::new())
            } else {
                (format!("（{why}）"), format!(" ({why})"))
            };
            Message::new(
                "worker_stopped",
                format!(
                    "分析进程意外停止{zh_why}，可能是输入过大或内存不足。{zh_names}之前的文档与更正保留不变；可移除该输入后重试。"
                ),
                format!(
                    "The analysis stopped unexpectedly{en_why}: an input may be too large, or memory ran out.{en_names} \
                     The documents and corrections from before are kept; remove that input and try again."
                ),
            )
        }
    }
}

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Where the engine is; it starts by loading the dictionary.
    pub stage: Stage,
    /// Progress of the current analysis: `done` of `total` documents.
    pub done: usize,
    pub total: usize,
    /// Requests sent to the engine whose final answer has not come back yet.
    pub in_flight: usize,
    /// Files being read by the browser before they are sent.
    pub reading: usize,
    /// True while the saved workspace is read from the browser's storage.
    pub loading: bool,
    /// The report of the page of documents shown (every document when they fit on one
    /// page: see [`cuoshi_engine::window`]), as the engine last sent it; `None` until it first
    /// answers. The whole report stays in the engine, which makes the exports.
    pub report: Option<SharedReport>,
    /// Documents in the whole corpus.
    pub total_docs: usize,
    /// The corrections in force, in the order they were made.
    pub corrections: Rc<[Correction]>,
    /// Inputs refused on the page before reaching the engine (unreadable files).
    pub notices: Rc<[InputError]>,
    /// Bilingual messages from the engine (a refused correction, a failed export).
    pub messages: Rc<[Message]>,
    /// Why the browser's storage could not keep the workspace, if it could not.
    pub storage: Option<Message>,
    /// The selected matrix cell, whose measures the evidence panel lists.
    pub selection: Option<Selection>,
    /// How many texts were pasted so far (names them 粘贴文本1, 粘贴文本2 …).
    pub pasted: usize,
    /// The interface language.
    pub lang: Lang,
    /// The view shown.
    pub tab: Tab,
    pub matrix_mode: MatrixMode,
    pub matrix_sort: Option<MatrixSort>,
    pub aligned: AlignedFilter,
    pub similarity: SimBasis,
    pub concordance: Option<Concordance>,
    /// The documents the reader shows side by side (empty: the first two).
    pub reader_docs: Vec<String>,
    pub reader_mode: ReaderMode,
    /// Segmented words by document id, as the engine sent them.
    pub segmented: Rc<BTreeMap<String, Rc<[String]>>>,
    pub pending: Option<PendingMeasure>,
    pub confirm: Option<Confirm>,
    /// The workspace file waiting for the user's decision to import it.
    pub import: Option<PendingImport>,
    /// The workspace the last import replaced, which "undo import" puts back.
    pub previous: Option<Rc<WorkspaceSummary>>,
    /// How many corrections the measure model has learned from (0: the shipped model).
    pub learned: usize,
    /// Measures below this confidence are left out of the report (0: none).
    pub min_confidence: f32,
    /// Only documents of this kind are shown (empty: any).
    pub filter_kind: AttrText,
    /// Only documents with an issuer containing this text are shown (empty: any).
    pub filter_issuer: AttrText,
    /// The name of the last file exported.
    pub exported: Option<String>,
    /// The document whose details (encoding, removed lines, warnings, metadata) are open.
    pub details: Option<String>,
    /// Each document's forced encoding and restored lines, by id (as the engine sent them).
    pub choices: Rc<BTreeMap<String, DocChoices>>,
    /// True while the settings panel (taxonomy, dictionary, stop words) is open.
    pub settings_open: bool,
    /// The lexicons in force, once the engine sent them.
    pub lexicons: Option<Rc<AnalyzerSettings>>,
    /// Why the last lexicons applied were refused (bilingual).
    pub lexicon_error: Option<Message>,
    /// The last benchmark the engine ran (the bench page, `?bench`).
    pub benchmark: Option<Rc<BenchResult>>,
    /// The page of documents shown (see [`cuoshi_engine::window`]), as the engine last sent it.
    pub doc_page: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            stage: Stage::Dictionary,
            done: 0,
            total: 0,
            in_flight: 0,
            reading: 0,
            loading: false,
            report: None,
            corrections: Rc::from(Vec::new()),
            notices: Rc::from(Vec::new()),
            messages: Rc::from(Vec::new()),
            storage: None,
            selection: None,
            pasted: 0,
            lang: Lang::default(),
            tab: Tab::default(),
            matrix_mode: MatrixMode::default(),
            matrix_sort: None,
            aligned: AlignedFilter::default(),
            similarity: SimBasis::default(),
            concordance: None,
            reader_docs: Vec::new(),
            reader_mode: ReaderMode::default(),
            segmented: Rc::default(),
            pending: None,
            confirm: None,
            import: None,
            previous: None,
            learned: 0,
            min_confidence: 0.0,
            filter_kind: AttrText::from(""),
            filter_issuer: AttrText::from(""),
            exported: None,
            details: None,
            choices: Rc::default(),
            settings_open: false,
            lexicons: None,
            lexicon_error: None,
            benchmark: None,
            doc_page: 0,
            total_docs: 0,
        }
    }
}

/// Everything that can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The engine answered: progress, a report, a file, a question's answer. Its final
    /// answers ([`Response::is_final`]) close one request under way.
    Engine(Response),
    /// Settings read back: from the browser's storage or an imported workspace.
    Settings(BTreeMap<String, String>),
    /// A bilingual message from the engine.
    Notice(Message),
    /// A request went to the engine.
    Sent,
    /// The analysis worker stopped before answering (see [`Stopped`]): nothing is in
    /// flight any more, and the user is told which inputs were not loaded.
    Stopped(Stopped),
    /// The browser started reading `n` files.
    ReadStarted(usize),
    /// The browser finished reading `n` files; `refused` could not be read.
    ReadFinished {
        count: usize,
        refused: Vec<InputError>,
    },
    /// Reading the saved workspace from storage started (true) or ended (false).
    Loading(bool),
    /// The browser's storage refused to keep the workspace (bilingual message), or works
    /// again (`None`).
    Storage(Option<Message>),
    /// A text was pasted (and sent).
    Pasted,
    /// A matrix cell was clicked; clicking the selected cell again closes it.
    Select(Selection),
    /// The evidence panel was closed.
    Deselect,
    /// The page's own refusal notices were dismissed.
    DismissNotices,
    /// The engine's messages were dismissed.
    DismissMessages,
    SetLang(Lang),
    SetTab(Tab),
    SetMatrixMode(MatrixMode),
    /// Sort the matrix by a key: descending, then ascending, then unsorted.
    SortMatrix(SortKey),
    FilterAligned(AlignedFilter),
    SetSimilarity(SimBasis),
    /// A concordance was asked for (the engine's answer follows).
    AskConcordance(String),
    CloseConcordance,
    /// Show this document in the reader, or stop showing it.
    ToggleReaderDoc(String),
    SetReaderMode(ReaderMode),
    /// Text selected in the reader (or the selection dropped).
    Pending(Option<PendingMeasure>),
    /// Ask for confirmation, or close the question (which also drops a pending import).
    Confirm(Option<Confirm>),
    /// The user picked a workspace file to import; the engine is asked what it holds.
    ImportChosen(Rc<FilePayload>),
    /// The confidence below which measures are hidden.
    MinConfidence(f32),
    /// Show only the documents of this kind and issuer (empty: any).
    FilterDocs(String, String),
    /// Open a document's details, or close them (`None`, or the open one again).
    ShowDetails(Option<String>),
    /// Open or close the settings panel.
    ShowSettings(bool),
    /// New lexicons were refused (bilingual message), or a new attempt starts (`None`).
    LexiconError(Option<Message>),
}

/// How many documents the reader shows when the user has not chosen.
pub const READER_DEFAULT_DOCS: usize = 2;

impl State {
    /// True while the dictionary loads, the saved workspace is read, a file is read or a
    /// request is under way.
    pub fn busy(&self) -> bool {
        self.stage == Stage::Dictionary || self.in_flight > 0 || self.reading > 0 || self.loading
    }

    /// The number of documents analyzed.
    pub fn docs(&self) -> usize {
        self.total_docs
    }

    /// Refused inputs: the engine's and the page's own, in that order.
    pub fn refusals(&self) -> Vec<InputError> {
        let engine = self.report.iter().flat_map(|r| r.errors.iter());
        engine.chain(self.notices.iter()).cloned().collect()
    }

    /// The documents the reader shows: the chosen ones still in the corpus, else the first
    /// [`READER_DEFAULT_DOCS`].
    pub fn reader_shown(&self) -> Vec<String> {
        // Of the page of documents shown.
        let Some(report) = &self.report else {
            return Vec::new();
        };
        let chosen: Vec<String> = self
            .reader_docs
            .iter()
            .filter(|id| report.documents.iter().any(|d| &d.id == *id))
            .cloned()
            .collect();
        if chosen.is_empty() {
            report
                .documents
                .iter()
                .take(READER_DEFAULT_DOCS)
                .map(|d| d.id.clone())
                .collect()
        } else {
            chosen
        }
    }

    /// The choices kept across a reload and written into workspace files.
    pub fn settings(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        out.insert("lang".into(), self.lang.code().into());
        out.insert("tab".into(), self.tab.name().into());
        out.insert(
            "matrix_mode".into(),
            match self.matrix_mode {
                MatrixMode::Counts => "counts",
                MatrixMode::Per10k => "per10k",
            }
            .into(),
        );
        out.insert(
            "similarity".into(),
            match self.similarity {
                SimBasis::Categories => "categories",
                SimBasis::Terms => "terms",
            }
            .into(),
        );
        out.insert("reader_docs".into(), self.reader_docs.join(","));
        out.insert(
            "min_confidence".into(),
            format!("{:.2}", self.min_confidence),
        );
        out.insert("filter_kind".into(), self.filter_kind.to_string());
        out.insert("filter_issuer".into(), self.filter_issuer.to_string());
        out
    }

    /// Applies stored settings; unknown keys and values are ignored.
    fn apply_settings(&mut self, settings: &BTreeMap<String, String>) {
        if let Some(lang) = settings.get("lang").and_then(|v| Lang::from_code(v)) {
            self.lang = lang;
        }
        if let Some(tab) = settings.get("tab").and_then(|v| Tab::from_name(v)) {
            self.tab = tab;
        }
        match settings.get("matrix_mode").map(String::as_str) {
            Some("counts") => self.matrix_mode = MatrixMode::Counts,
            Some("per10k") => self.matrix_mode = MatrixMode::Per10k,
            _ => {}
        }
        match settings.get("similarity").map(String::as_str) {
            Some("categories") => self.similarity = SimBasis::Categories,
            Some("terms") => self.similarity = SimBasis::Terms,
            _ => {}
        }
        if let Some(min) = settings
            .get("min_confidence")
            .and_then(|v| v.parse::<f32>().ok())
        {
            self.min_confidence = if min.is_finite() {
                min.clamp(0.0, 0.95)
            } else {
                0.0
            };
        }
        if let Some(kind) = settings.get("filter_kind") {
            self.filter_kind = AttrText::from(kind.as_str());
        }
        if let Some(issuer) = settings.get("filter_issuer") {
            self.filter_issuer = AttrText::from(issuer.as_str());
        }
        if let Some(docs) = settings.get("reader_docs") {
            self.reader_docs = docs
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
        }
    }

    /// One final answer arrived.
    fn answered(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    fn push_message(&mut self, message: Message) {
        if !message.zh.is_empty() || !message.en.is_empty() {
            self.messages = self.messages.iter().cloned().chain([message]).collect();
        }
    }

    /// The next state after `action`.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        match action {
            Action::Engine(response) => {
                if response.is_final() {
                    next.answered();
                }
                next.take(response);
            }
            Action::Settings(settings) => next.apply_settings(&settings),
            Action::Notice(message) => next.push_message(message),
            Action::Sent => next.in_flight += 1,
            Action::Stopped(stopped) => {
                // A new worker starts: its dictionary, then the resume of the kept workspace.
                next.stage = Stage::Dictionary;
                next.in_flight = usize::from(stopped.resuming);
                next.done = 0;
                next.total = 0;
                next.push_message(stopped.message());
            }
            Action::ReadStarted(n) => next.reading += n,
            Action::ReadFinished { count, refused } => {
                next.reading = next.reading.saturating_sub(count);
                if !refused.is_empty() {
                    next.notices = self.notices.iter().cloned().chain(refused).collect();
                }
            }
            Action::Loading(loading) => next.loading = loading,
            Action::Storage(problem) => next.storage = problem,
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
            Action::DismissMessages => next.messages = Rc::from(Vec::new()),
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTab(tab) => {
                next.tab = tab;
                next.pending = None;
            }
            Action::SetMatrixMode(mode) => next.matrix_mode = mode,
            Action::SortMatrix(key) => {
                next.matrix_sort = match &self.matrix_sort {
                    Some(s) if s.key == key && s.descending => Some(MatrixSort {
                        key,
                        descending: false,
                    }),
                    Some(s) if s.key == key => None,
                    _ => Some(MatrixSort {
                        key,
                        descending: true,
                    }),
                };
            }
            Action::FilterAligned(filter) => next.aligned = filter,
            Action::SetSimilarity(basis) => next.similarity = basis,
            Action::AskConcordance(term) => {
                next.concordance = Some(Concordance { term, lines: None });
            }
            Action::CloseConcordance => next.concordance = None,
            Action::ToggleReaderDoc(id) => {
                let mut shown = self.reader_shown();
                if let Some(i) = shown.iter().position(|d| *d == id) {
                    // Keep at least one document in the reader.
                    if shown.len() > 1 {
                        shown.remove(i);
                    }
                } else {
                    shown.push(id);
                }
                next.reader_docs = shown;
            }
            Action::SetReaderMode(mode) => next.reader_mode = mode,
            Action::Pending(pending) => next.pending = pending,
            Action::Confirm(confirm) => {
                if confirm.is_none() {
                    next.import = None;
                }
                next.confirm = confirm;
            }
            Action::FilterDocs(kind, issuer) => {
                next.filter_kind = AttrText::from(kind.as_str());
                next.filter_issuer = AttrText::from(issuer.as_str());
            }
            Action::MinConfidence(min) => {
                next.min_confidence = if min.is_finite() {
                    min.clamp(0.0, 0.95)
                } else {
                    0.0
                }
            }
            Action::ImportChosen(file) => {
                next.import = Some(PendingImport {
                    file,
                    summary: None,
                })
            }
            Action::ShowDetails(id) => {
                next.details = match id {
                    Some(id) if self.details.as_deref() != Some(id.as_str()) => Some(id),
                    _ => None,
                };
            }
            Action::ShowSettings(open) => {
                next.settings_open = open;
                next.lexicon_error = None;
            }
            Action::LexiconError(error) => next.lexicon_error = error,
        }
        next
    }
}

impl State {
    /// The part of the corpus the user's filters keep, as the engine reads it.
    pub fn report_view(&self) -> ReportView {
        ReportView {
            min_confidence: self.min_confidence,
            kind: self.filter_kind.to_string(),
            issuer: self.filter_issuer.to_string(),
        }
    }

    /// Takes in what the engine said (whether it closes a request is decided by
    /// [`Response::is_final`], in [`State::apply`]).
    fn take(&mut self, response: Response) {
        match response {
            Response::Progress { stage, done, total } => {
                self.stage = stage;
                self.done = done;
                self.total = total;
            }
            Response::Report(page) => {
                let ReportPage {
                    report,
                    page,
                    total,
                    learned,
                } = *page;
                self.learned = learned;
                self.take_report(Rc::new(report), page, total);
            }
            Response::Corrections(list) => self.corrections = Rc::from(list),
            Response::Stored(problem) => self.storage = problem,
            Response::Settings(settings) => self.apply_settings(&settings),
            Response::Notice(message) => self.push_message(message),
            Response::Failed(message) => {
                // A file that is not a workspace ends the import it was picked for.
                if self.import.as_ref().is_some_and(|i| i.summary.is_none()) {
                    self.import = None;
                }
                self.push_message(message)
            }
            Response::Inspected(summary) => {
                if let Some(import) = &mut self.import {
                    import.summary = Some(Rc::new(summary));
                    self.confirm = Some(Confirm::Import);
                }
            }
            Response::Previous(previous) => self.previous = previous.map(Rc::new),
            Response::File(FileOut { name, .. }) => self.exported = Some(name),
            Response::Concordance { term, lines } => {
                if let Some(c) = &mut self.concordance {
                    if c.term == term {
                        c.lines = Some(Rc::from(lines));
                    }
                }
            }
            Response::Segmented { doc, words } => {
                let mut map = (*self.segmented).clone();
                map.insert(doc, Rc::from(words));
                self.segmented = Rc::new(map);
            }
            Response::Choices(choices) => self.choices = Rc::new(choices),
            Response::Lexicons(lexicons) => self.lexicons = Some(Rc::new(lexicons)),
            Response::LexiconsRefused(message) => self.lexicon_error = Some(message),
            Response::Benchmark(result) => self.benchmark = Some(Rc::new(result)),
        }
    }

    /// A report of page `page` of the documents, `total` in all: what depended on
    /// documents that are gone is dropped.
    fn take_report(&mut self, report: Rc<Report>, page: usize, total: usize) {
        let previous_total = self.total_docs;
        let next = self;
        if let Some(sel) = &next.selection {
            if !report.documents.iter().any(|d| d.id == sel.doc) {
                next.selection = None;
            }
        }
        if let Some(p) = &next.pending {
            if !report.documents.iter().any(|d| d.id == p.doc) {
                next.pending = None;
            }
        }
        // Words of documents that are gone are forgotten.
        if next
            .segmented
            .keys()
            .any(|id| !report.documents.iter().any(|d| &d.id == id))
        {
            next.segmented = Rc::new(
                next.segmented
                    .iter()
                    .filter(|(id, _)| report.documents.iter().any(|d| &d.id == *id))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            );
        }
        // A concordance is of the corpus as it was: ask again on the next click.
        if let Some(c) = &mut next.concordance {
            if previous_total != total {
                c.lines = None;
            }
        }
        if let Some(id) = &next.details {
            if !report.documents.iter().any(|d| &d.id == id) {
                next.details = None;
            }
        }
        next.report = Some(SharedReport(report));
        next.doc_page = page;
        next.total_docs = total;
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
    use cuoshi_core::error::IngestError;
    use cuoshi_engine::protocol::{FilePayload, Request};
    use cuoshi_engine::Engine;
    use yew::Reducible;

    fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(state, |s, a| s.reduce(a))
    }

    fn engine_actions(engine: &mut Engine, request: Request) -> Vec<Action> {
        let mut out = vec![Action::Sent];
        engine.handle(request, |r| out.push(Action::Engine(r)));
        out
    }

    fn ready() -> Action {
        Action::Engine(Response::progress(Stage::Ready, 0, 0))
    }

    #[test]
    fn an_import_is_asked_about_with_what_it_holds_and_can_be_undone() {
        let mut engine = Engine::new();
        let s = run(
            Rc::new(State::default()),
            engine_actions(&mut engine, Request::AddExamples),
        );
        let mut other = Engine::new();
        other.handle(
            Request::Add(vec![FilePayload::new(
                "one.txt",
                "各地要加大财政补贴力度。",
            )]),
            |_| {},
        );
        let bytes = cuoshi_core::workspace::to_bytes(&other.workspace());
        let file = Rc::new(FilePayload::new("mine.json", bytes));
        let mut actions = vec![Action::ImportChosen(file.clone())];
        actions.extend(engine_actions(
            &mut engine,
            Request::Inspect((*file).clone()),
        ));
        let s = run(s, actions);
        assert_eq!(s.confirm, Some(Confirm::Import), "asked before replacing");
        let summary = s.import.as_ref().unwrap().summary.clone().unwrap();
        assert_eq!((summary.documents, summary.name.as_str()), (1, "mine.json"));
        assert_eq!(s.docs(), 5, "nothing replaced yet");
        // Declining keeps everything.
        let declined = run(s.clone(), [Action::Confirm(None)]);
        assert!(declined.import.is_none() && declined.confirm.is_none());
        assert_eq!(declined.docs(), 5);
        // Accepting: the engine says what it replaced, which the undo offers back.
        let s = run(s, [Action::Confirm(None)]);
        let s = run(
            s,
            engine_actions(&mut engine, Request::Import((*file).clone())),
        );
        assert_eq!(s.docs(), 1);
        let s = s.reduce(Action::Engine(Response::Previous(Some(WorkspaceSummary {
            documents: 5,
            ..WorkspaceSummary::default()
        }))));
        assert_eq!(s.previous.as_ref().map(|p| p.documents), Some(5));
        // A file that is not a workspace: a message, no question.
        let bad = Rc::new(FilePayload::new("bad.json", "{}"));
        let mut actions = vec![Action::ImportChosen(bad.clone())];
        actions.extend(engine_actions(
            &mut engine,
            Request::Inspect((*bad).clone()),
        ));
        let s = run(s, actions);
        assert!(s.import.is_none() && s.confirm.is_none());
        assert!(s.messages.last().unwrap().en.contains("bad.json"));
    }

    #[test]
    fn a_stopped_worker_ends_the_requests_and_keeps_the_corpus() {
        let mut engine = Engine::new();
        let files = vec![FilePayload::new(
            "a.txt",
            "各地要加大财政补贴力度，对小微企业给予贷款贴息。",
        )];
        let s = run(
            Rc::new(State::default()),
            engine_actions(&mut engine, Request::Add(files)),
        );
        assert_eq!(s.docs(), 1);
        // A large input is sent, and the worker dies on it.
        let s = run(
            s,
            [
                Action::Sent,
                Action::Engine(Response::progress(Stage::Analyzing, 0, 3)),
            ],
        );
        assert!(s.busy());
        let s = s.reduce(Action::Stopped(Stopped {
            cancelled: false,
            error: Some("RuntimeError: unreachable".into()),
            inputs: vec!["huge.zip".into()],
            resuming: true,
        }));
        assert!(s.busy(), "a new worker loads, then resumes");
        let s = run(s, [ready()]);
        assert!(s.busy(), "the resume is under way");
        // The resume the backend sent again (not counted by `Sent`): its report ends it.
        let mut resumed = Vec::new();
        engine.handle(Request::Resume("db".into()), |r| {
            resumed.push(Action::Engine(r))
        });
        let s = run(s, resumed);
        assert!(!s.busy(), "nothing is in flight any more");
        assert_eq!(s.docs(), 1, "the corpus from before is kept");
        let m = s.messages.last().unwrap();
        assert_eq!(m.kind, "worker_stopped");
        assert!(m.zh.contains("huge.zip") && m.en.contains("huge.zip"));
        assert!(m.en.contains("unreachable") && m.en.contains("kept"));
        let cancelled = Stopped {
            cancelled: true,
            error: None,
            inputs: vec!["a.zip".into(), "b.txt".into()],
            resuming: false,
        }
        .message();
        assert_eq!(cancelled.kind, "cancelled");
        assert!(cancelled.en.contains("a.zip, b.txt") && cancelled.zh.contains("a.zip、b.txt"));
    }

    #[test]
    fn a_benchmark_is_in_flight_until_its_result_arrives() {
        use cuoshi_core::bench::SegmentationBench;
        let s = run(Rc::new(State::default()), [ready(), Action::Sent]);
        assert!(s.busy());
        let result = BenchResult {
            segmentation: SegmentationBench {
                documents: 1,
                mb_per_s: 12.5,
                ..SegmentationBench::default()
            },
            memory_bytes: 1 << 20,
        };
        let s = s.reduce(Action::Engine(Response::Benchmark(result.clone())));
        assert!(!s.busy());
        assert_eq!(s.benchmark.as_deref(), Some(&result));
    }

    #[test]
    fn a_large_corpus_is_shown_a_page_at_a_time() {
        use cuoshi_core::model::DocumentReport;
        let page_of = |ids: std::ops::RangeInclusive<usize>, page: usize, total: usize| {
            Action::Engine(Response::Report(Box::new(ReportPage {
                report: Report {
                    documents: ids
                        .map(|i| DocumentReport {
                            id: format!("d{i}"),
                            ..DocumentReport::default()
                        })
                        .collect(),
                    ..Report::default()
                },
                page,
                total,
                learned: 0,
            })))
        };
        let s = run(Rc::new(State::default()), [ready(), page_of(1..=3, 0, 3)]);
        assert_eq!((s.docs(), s.doc_page), (3, 0));

        let s = run(s, [page_of(101..=107, 2, 107)]);
        assert_eq!(s.docs(), 107, "the status counts every document");
        assert_eq!(s.doc_page, 2);
        assert_eq!(
            s.reader_shown(),
            ["d101", "d102"],
            "the reader reads the page"
        );
        // A chosen reader document on another page is not shown here.
        let s = run(s, [Action::ToggleReaderDoc("d103".into())]);
        let s = run(s, [page_of(51..=100, 1, 107)]);
        assert_eq!(s.reader_shown(), ["d51", "d52"]);
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
        let unreadable = InputError::refused("y.txt", &IngestError::Unreadable("EIO".into()));
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

    fn two_docs(engine: &mut Engine) -> Rc<State> {
        run(
            Rc::new(State::default()),
            engine_actions(
                engine,
                Request::Add(vec![
                    FilePayload::new("a.txt", "市政府要求各地落实一企一策，推动企业复工复产。"),
                    FilePayload::new(
                        "b.txt",
                        "县里协调金融机构出台延长还款期限、降低融资成本的措施。",
                    ),
                ]),
            ),
        )
    }

    #[test]
    fn view_choices_change_and_are_kept_as_settings() {
        let s = run(
            Rc::new(State::default()),
            [
                Action::SetLang(Lang::En),
                Action::SetTab(Tab::Reader),
                Action::SetMatrixMode(MatrixMode::Per10k),
                Action::SetSimilarity(SimBasis::Terms),
                Action::SetReaderMode(ReaderMode::Words),
            ],
        );
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.tab, Tab::Reader);
        assert_eq!(s.reader_mode, ReaderMode::Words);
        let settings = s.settings();
        assert_eq!(settings["tab"], "reader");
        assert_eq!(settings["matrix_mode"], "per10k");
        // Settings read back give the same choices; junk is ignored.
        let mut stored = settings.clone();
        stored.insert("tab".into(), "nonsense".into());
        stored.insert("unknown".into(), "x".into());
        let back = State::default().apply(Action::Settings(settings));
        assert_eq!(back.settings(), s.settings());
        let partial = State::default().apply(Action::Settings(stored));
        assert_eq!(partial.tab, Tab::Matrix);
        assert_eq!(partial.lang, Lang::En);
        for tab in Tab::ALL {
            assert_eq!(Tab::from_name(tab.name()), Some(tab));
        }
    }

    #[test]
    fn matrix_sort_cycles_descending_ascending_off() {
        let key = SortKey::Column("d1".into());
        let s = Rc::new(State::default()).reduce(Action::SortMatrix(key.clone()));
        assert_eq!(
            s.matrix_sort,
            Some(MatrixSort {
                key: key.clone(),
                descending: true
            })
        );
        let s = s.reduce(Action::SortMatrix(key.clone()));
        assert_eq!(
            s.matrix_sort,
            Some(MatrixSort {
                key: key.clone(),
                descending: false
            })
        );
        let s = s.reduce(Action::SortMatrix(key.clone()));
        assert_eq!(s.matrix_sort, None);
        let s = s.reduce(Action::SortMatrix(SortKey::RowTotals));
        assert!(s.matrix_sort.as_ref().is_some_and(|m| m.descending));
    }

    #[test]
    fn filters_confirmations_and_messages() {
        let filter = AlignedFilter {
            share: Share::Shared,
            category: "labor".into(),
            instrument: String::new(),
        };
        let s = run(
            Rc::new(State::default()),
            [
                Action::FilterAligned(filter.clone()),
                Action::Confirm(Some(Confirm::ClearAll)),
                Action::Notice(Message::new("test", "更正无效", "invalid")),
                Action::Storage(Some(Message::new("storage_full", "满", "full"))),
            ],
        );
        assert_eq!(s.aligned, filter);
        assert_eq!(s.confirm, Some(Confirm::ClearAll));
        assert_eq!(s.messages.len(), 1);
        let s = run(
            s,
            [
                Action::Confirm(None),
                Action::DismissMessages,
                Action::Storage(None),
            ],
        );
        assert_eq!(s.confirm, None);
        assert!(s.messages.is_empty() && s.storage.is_none());
        assert!(run(s, [Action::Loading(true)]).storage.is_none());
    }

    #[test]
    fn questions_count_in_flight_until_their_answer() {
        let mut engine = Engine::new();
        let s = two_docs(&mut engine);
        assert!(!s.busy() || s.stage == Stage::Dictionary);
        let s = run(s, [ready(), Action::AskConcordance("企业".into())]);
        let mut actions = engine_actions(&mut engine, Request::Concordance("企业".into()));
        let s = run(s.clone(), actions.drain(..1));
        assert!(s.busy());
        let s = run(s, actions);
        assert!(!s.busy());
        let c = s.concordance.as_ref().unwrap();
        assert_eq!(c.term, "企业");
        assert!(!c.lines.as_ref().unwrap().is_empty());
        // An answer for another term is not shown, but still ends its request.
        let s = run(s, [Action::AskConcordance("融资".into()), Action::Sent]);
        let s = s.reduce(Action::Engine(Response::Concordance {
            term: "企业".into(),
            lines: Vec::new(),
        }));
        assert!(s.concordance.as_ref().unwrap().lines.is_none());
        assert!(!s.busy());
        let s = s.reduce(Action::CloseConcordance);
        assert!(s.concordance.is_none());

        let s = run(
            s,
            engine_actions(&mut engine, Request::Segment("d1".into())),
        );
        assert!(s.segmented["d1"].len() > 3);
        let s = run(
            s,
            engine_actions(
                &mut engine,
                Request::Export(cuoshi_engine::protocol::ExportKind::Json),
            ),
        );
        assert_eq!(s.exported.as_deref(), Some("cuoshi-report.json"));
        let s = run(
            s,
            engine_actions(&mut engine, Request::Segment("nope".into())),
        );
        assert_eq!(s.messages.len(), 1);
        assert!(!s.busy());
    }

    #[test]
    fn corrections_arrive_with_the_report() {
        let mut engine = Engine::new();
        let s = two_docs(&mut engine);
        let doc = &s.report.as_ref().unwrap().documents[0];
        let m = doc.measures[0].clone();
        let other = if m.category == "finance" {
            "labor"
        } else {
            "finance"
        };
        let s = run(
            s.clone(),
            engine_actions(
                &mut engine,
                Request::Correct(Correction::Recategorize {
                    doc_id: doc.id.clone(),
                    measure_id: m.id.clone(),
                    category: other.into(),
                }),
            ),
        );
        assert_eq!(s.corrections.len(), 1);
        let changed = s.report.as_ref().unwrap().documents[0]
            .measures
            .iter()
            .find(|x| x.id == m.id)
            .unwrap()
            .clone();
        assert_eq!(changed.category, other);
        assert_eq!(changed.correction.as_deref(), Some("recategorized"));
        // A refused correction leaves a message and changes nothing.
        let s = run(
            s,
            engine_actions(
                &mut engine,
                Request::Correct(Correction::Delete {
                    doc_id: "d9".into(),
                    measure_id: "x".into(),
                }),
            ),
        );
        assert_eq!(s.corrections.len(), 1);
        assert_eq!(s.messages.len(), 1);
        assert!(!s.busy());
        let s = run(s, engine_actions(&mut engine, Request::UndoCorrection(0)));
        assert!(s.corrections.is_empty());
    }

    #[test]
    fn reader_documents_toggle_and_pending_measures_drop_with_their_document() {
        let mut engine = Engine::new();
        let s = two_docs(&mut engine);
        assert_eq!(s.reader_shown(), ["d1", "d2"]);
        let s = s.reduce(Action::ToggleReaderDoc("d1".into()));
        assert_eq!(s.reader_shown(), ["d2"]);
        let s = s.reduce(Action::ToggleReaderDoc("d2".into()));
        assert_eq!(s.reader_shown(), ["d2"], "one document always stays");
        let pending = PendingMeasure {
            doc: "d1".into(),
            start: 0,
            end: 3,
            text: "市政府".into(),
        };
        let s = s.reduce(Action::Pending(Some(pending.clone())));
        assert_eq!(s.pending.as_ref(), Some(&pending));
        let s = run(s, engine_actions(&mut engine, Request::Remove("d1".into())));
        assert_eq!(s.pending, None);
        let s = s.reduce(Action::SetTab(Tab::Timeline));
        assert_eq!(s.tab, Tab::Timeline);
    }
}

/// The document details and the settings panel in the reducer.
#[cfg(test)]
mod ingest_tests {
    use super::*;
    use cuoshi_core::corpus::MetaEdit;
    use cuoshi_engine::protocol::{FilePayload, Request};
    use cuoshi_engine::Engine;
    use yew::Reducible;

    fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(state, |s, a| s.reduce(a))
    }

    fn engine_actions(engine: &mut Engine, request: Request) -> Vec<Action> {
        let mut out = vec![Action::Sent];
        engine.handle(request, |r| out.push(Action::Engine(r)));
        out
    }

    fn loaded(engine: &mut Engine) -> Rc<State> {
        let files = vec![
            FilePayload::new("a.txt", "市政府召开复工复产工作会议\n责任编辑：张三\n会议要求，各地要落实一企一策，推动企业尽快复工复产。"),
            FilePayload::new("b.txt", "县里协调金融机构出台延长还款期限、降低融资成本的措施。"),
        ];
        run(
            Rc::new(State::default()),
            engine_actions(engine, Request::Add(files)),
        )
    }

    #[test]
    fn details_open_toggle_and_close_with_their_document() {
        let mut engine = Engine::new();
        let s = loaded(&mut engine);
        let s = s.reduce(Action::ShowDetails(Some("d1".into())));
        assert_eq!(s.details.as_deref(), Some("d1"));
        let s = s.reduce(Action::ShowDetails(Some("d2".into())));
        assert_eq!(s.details.as_deref(), Some("d2"));
        let s2 = s.clone().reduce(Action::ShowDetails(Some("d2".into())));
        assert_eq!(s2.details, None, "the same document again closes them");
        assert_eq!(s.clone().reduce(Action::ShowDetails(None)).details, None);
        let s = run(s, engine_actions(&mut engine, Request::Remove("d2".into())));
        assert_eq!(s.details, None);
        assert!(!s.busy());
    }

    #[test]
    fn document_edits_keep_the_details_open_and_bring_the_choices() {
        let mut engine = Engine::new();
        let s = loaded(&mut engine);
        let s = s.reduce(Action::ShowDetails(Some("d1".into())));
        let i = s.report.as_ref().unwrap().documents[0]
            .removed
            .iter()
            .position(|r| r.contains("责任编辑"))
            .unwrap();
        let s = run(
            s,
            engine_actions(
                &mut engine,
                Request::RestoreLine {
                    doc: "d1".into(),
                    index: i,
                },
            ),
        );
        assert_eq!(s.details.as_deref(), Some("d1"));
        assert_eq!(s.choices["d1"].restored, 1);
        assert!(s.report.as_ref().unwrap().documents[0]
            .text
            .contains("责任编辑"));
        let s = run(
            s,
            engine_actions(
                &mut engine,
                Request::Redecode {
                    doc: "d1".into(),
                    encoding: Some("gb18030".into()),
                },
            ),
        );
        assert_eq!(s.choices["d1"].encoding.as_deref(), Some("gb18030"));
        assert_eq!(
            s.choices["d1"].restored, 0,
            "another decoding forgets restored lines"
        );
        let edit = MetaEdit {
            title: Some("新标题".into()),
            ..MetaEdit::default()
        };
        let s = run(
            s,
            engine_actions(
                &mut engine,
                Request::EditMeta {
                    doc: "d1".into(),
                    edit,
                },
            ),
        );
        assert_eq!(
            s.report.as_ref().unwrap().documents[0]
                .meta
                .title
                .as_deref(),
            Some("新标题")
        );
        // A refusal is a message; the documents stay.
        let s = run(
            s,
            engine_actions(
                &mut engine,
                Request::Redecode {
                    doc: "d1".into(),
                    encoding: Some("klingon".into()),
                },
            ),
        );
        assert_eq!(s.messages.len(), 1);
        assert!(s.messages[0].en.contains("klingon") && s.messages[0].zh.contains("klingon"));
        assert_eq!(s.docs(), 2);
        assert!(!s.busy());
    }

    #[test]
    fn the_settings_panel_gets_the_lexicons_and_shows_a_refusal() {
        let mut engine = Engine::new();
        let s = loaded(&mut engine);
        let s = s.reduce(Action::ShowSettings(true));
        assert!(s.settings_open);
        let s = run(s, engine_actions(&mut engine, Request::Lexicons));
        assert!(!s.busy());
        let lexicons = s.lexicons.clone().unwrap();
        assert!(lexicons.taxonomy.as_deref().unwrap().contains("\"id\""));
        let bad = AnalyzerSettings {
            taxonomy: Some("[]".into()),
            ..AnalyzerSettings::default()
        };
        let before = s.report.clone().unwrap();
        let s = run(s, [Action::LexiconError(None)]);
        let s = run(s, engine_actions(&mut engine, Request::SetLexicons(bad)));
        let s = run(s, engine_actions(&mut engine, Request::Lexicons));
        assert!(
            s.lexicon_error
                .as_ref()
                .unwrap()
                .en
                .contains("no categories")
                && s.lexicon_error.as_ref().unwrap().kind == "taxonomy_empty",
            "{:?}",
            s.lexicon_error
        );
        assert_eq!(
            *s.report.as_ref().unwrap().0,
            *before.0,
            "nothing else changed"
        );
        assert_eq!(s.lexicons, Some(lexicons));
        assert!(!s.busy());
        // Closing (or opening again) forgets the message.
        let s = s.reduce(Action::ShowSettings(false));
        assert!(!s.settings_open && s.lexicon_error.is_none());
    }
}
