//! The conversation between the page and the analysis engine: the messages, nothing else.
//!
//! The page never analyzes anything: it sends a [`Request`] and receives [`Response`]s.
//! Requests that change the corpus (add files or the built-in examples, remove, clear,
//! correct a measure, undo a correction, restore a saved workspace) are answered by progress
//! while documents are analyzed, the corrections as they stand, where the workspace was
//! kept ([`Response::Stored`]), and finally the report of the page of documents shown.
//! Questions (export a file, a concordance of a term, the segmentation of a document) are
//! answered by exactly one [`Response::File`], [`Response::Concordance`],
//! [`Response::Segmented`] or [`Response::Failed`]. Every request thus ends with one
//! *final* response ([`Response::is_final`], decided here and nowhere else), which is how the
//! page counts what is still under way.
//!
//! One document's input can be changed after it was added — decoded in another encoding,
//! a removed line put back, its metadata edited — and the user's lexicons (taxonomy,
//! dictionary, stop words) replaced; these are changes too, answered like the others (a
//! refusal is a bilingual [`Response::Notice`], or [`Response::LexiconsRefused`] for the
//! lexicons, and nothing else moves), and every report comes with each document's input
//! choices ([`Response::Choices`]). The lexicons in force are a question, answered by
//! [`Response::Lexicons`].
//!
//! Messages between the engine and its helper worker are not here: they never reach the
//! page ([`crate::sharing`]). The workspace snapshots the engine keeps are not messages
//! either: the serve loop hands them to its storage ([`crate::serve`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use cuoshi_core::bench::SegmentationBench;
use cuoshi_core::concordance::KwicLine;
use cuoshi_core::corpus::{MetaEdit, ReportView};
use cuoshi_core::corrections::Correction;
use cuoshi_core::error::Message;
use cuoshi_core::model::Report;
use cuoshi_core::settings::AnalyzerSettings;

/// How many characters of context a concordance line shows on each side.
pub const KWIC_WINDOW: usize = 18;
/// The most concordance lines sent for one term.
pub const KWIC_LIMIT: usize = 200;

/// One file (or pasted text) as read on the page: its name and raw bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePayload {
    /// The file's name (or a name given to pasted text).
    pub name: String,
    /// The raw bytes; the engine detects the encoding. Sent as a byte string (one char per
    /// byte) so that the JSON between page and worker stays compact.
    #[serde(with = "crate::wire::byte_string")]
    pub bytes: Vec<u8>,
}

impl FilePayload {
    /// A file of this name and these bytes.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FilePayload {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// What can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    /// Every measure, one a row (UTF-8 with BOM, for Excel and WPS).
    MeasuresCsv,
    /// Every document, one a row.
    DocumentsCsv,
    /// The category × document matrix.
    MatrixCsv,
    /// A workbook: documents, measures, matrix, slogans, figures.
    Xlsx,
    /// The JSON report of `report.md`.
    Json,
}

impl ExportKind {
    /// The file's name and MIME type.
    pub fn file(self) -> (&'static str, &'static str) {
        match self {
            ExportKind::MeasuresCsv => ("cuoshi-measures.csv", "text/csv;charset=utf-8"),
            ExportKind::DocumentsCsv => ("cuoshi-documents.csv", "text/csv;charset=utf-8"),
            ExportKind::MatrixCsv => ("cuoshi-matrix.csv", "text/csv;charset=utf-8"),
            ExportKind::Xlsx => (
                "cuoshi-report.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ExportKind::Json => ("cuoshi-report.json", "application/json"),
        }
    }
}

/// The name and MIME type of a workspace file.
pub const WORKSPACE_FILE: (&str, &str) = ("cuoshi-workspace.json", "application/json");

/// A file the engine made for the user to save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileOut {
    /// The name to save it under.
    pub name: String,
    /// Its MIME type.
    pub mime: String,
    /// Its bytes.
    #[serde(with = "crate::wire::byte_string")]
    pub bytes: Vec<u8>,
}

/// What the page asks of the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Analyze and add these files.
    Add(Vec<FilePayload>),
    /// Analyze and add the five built-in reference articles.
    AddExamples,
    /// Remove the document with this id.
    Remove(String),
    /// Forget the messages of refused inputs.
    DismissErrors,
    /// Remove every document, correction and message.
    Clear,
    /// Apply a correction (re-categorize, delete or add a measure).
    Correct(Correction),
    /// Undo the correction at this index of the list.
    UndoCorrection(usize),
    /// Replace the corpus by a saved workspace (from IndexedDB or an imported file).
    Restore(FilePayload),
    /// What a workspace file holds, before the user decides to import it: answered by
    /// [`Response::Inspected`] (or [`Response::Failed`] for a file that is not one).
    Inspect(FilePayload),
    /// Import a workspace file the user confirmed: the corpus in force is kept as the
    /// previous workspace (in the storage, so across a reload) and then replaced.
    Import(FilePayload),
    /// Put back the workspace an import replaced (one step of undo).
    UndoImport,
    /// Refit the measure model from the corrections and analyze every document again with
    /// it (the corrections stay as made).
    Learn,
    /// Back to the shipped measure model.
    ResetModel,
    /// Show only what this view keeps — the documents of a kind or an issuer, the
    /// measures the model is sure enough of (a user's measure always stays) — in every
    /// view, count and export. The default keeps all.
    SetView(ReportView),
    /// Make an export file of the report as it stands.
    Export(ExportKind),
    /// Make a workspace file, with the page's settings in it.
    SaveWorkspace(BTreeMap<String, String>),
    /// The concordance (KWIC) of a term across all documents.
    Concordance(String),
    /// The segmented words of a document's text.
    Segment(String),
    /// Decode document `doc` again as `encoding` (an `encoding_rs` label from
    /// [`cuoshi_core::decode::ENCODINGS`]), or by detection again (`None` or `auto`); it is
    /// analyzed again under the same id.
    Redecode {
        /// The document.
        doc: String,
        /// The encoding label, or `None` to detect again.
        encoding: Option<String>,
    },
    /// Put back the line entry `index` of document `doc`'s `removed` list came from.
    RestoreLine {
        /// The document.
        doc: String,
        /// The index in its `removed` list.
        index: usize,
    },
    /// Undo every restored line of document `doc`.
    ResetLines(String),
    /// Edit document `doc`'s title, date, source or place (an empty text clears a field).
    EditMeta {
        /// The document.
        doc: String,
        /// The field and its new value.
        edit: MetaEdit,
    },
    /// The user's lexicons in force (answered by [`Response::Lexicons`]).
    Lexicons,
    /// Analyze everything again with these lexicons (taxonomy JSON, dictionary lines, stop
    /// words); a bad file is refused ([`Response::LexiconsRefused`]) and nothing changes.
    SetLexicons(AnalyzerSettings),
    /// Time the segmentation of every loaded document's cleaned text, again and again for
    /// at least `min_ms` milliseconds (the browser benchmark, `e2e/bench.mjs`).
    Benchmark {
        /// The least time to measure for, in milliseconds.
        min_ms: f64,
    },
    /// Show page `n` of the documents (clamped to the last): answered by the report of
    /// that page alone ([`Response::Report`]), from the report already assembled.
    ShowPage(usize),
    /// Keep the workspace in the browser's IndexedDB database of this name from now on,
    /// and restore what it holds: the first request of a page that keeps its work. The
    /// serve loop answers it with its [`crate::serve::Storage`] — in the worker, so the
    /// corpus's bytes never cross to the page; without storage it just reports.
    Resume(String),
}

/// What the user chose for one document's input, beyond the file itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocChoices {
    /// The encoding label the user forced; `None` when the encoding was detected.
    pub encoding: Option<String>,
    /// How many removed lines the user put back.
    pub restored: usize,
}

/// Where the engine is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Building the segmentation dictionary (once, when the engine starts).
    Dictionary,
    /// Analyzing documents: `done` of `total`.
    Analyzing,
    /// Idle, waiting for requests.
    Ready,
}

/// What the engine tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// Where the engine is: the stage, and for [`Stage::Analyzing`] how many articles of
    /// how many are done.
    Progress {
        /// The stage.
        stage: Stage,
        /// Articles done.
        done: usize,
        /// Articles in all.
        total: usize,
    },
    /// The corrections in force, in the order they were made.
    Corrections(Vec<Correction>),
    /// The workspace was kept in the browser's storage (`None`), or could not be (why, in
    /// 中文 and English).
    Stored(Option<Message>),
    /// The settings of a restored workspace.
    Settings(BTreeMap<String, String>),
    /// A bilingual message about a request that was partly refused (nothing else is lost).
    Notice(Message),
    /// The report of the page of documents shown: the final answer to a request that
    /// changes the corpus, and to [`Request::ShowPage`].
    Report(Box<ReportPage>),
    /// A file to save: the final answer to an export.
    File(FileOut),
    /// The concordance of `term`: the final answer to [`Request::Concordance`].
    Concordance {
        /// The term asked for.
        term: String,
        /// Its lines across the documents.
        lines: Vec<KwicLine>,
    },
    /// The words of document `doc`: the final answer to [`Request::Segment`].
    Segmented {
        /// The document.
        doc: String,
        /// Its words, in order.
        words: Vec<String>,
    },
    /// A question could not be answered (bilingual message): its final answer.
    Failed(Message),
    /// Each document's input choices (forced encoding, restored lines), by document id;
    /// sent with every report.
    Choices(BTreeMap<String, DocChoices>),
    /// The lexicons in force, the taxonomy always as JSON (the default's when the user has
    /// none): the final answer to [`Request::Lexicons`].
    Lexicons(AnalyzerSettings),
    /// Why new lexicons were refused (bilingual); the ones in force stay.
    LexiconsRefused(Message),
    /// What a workspace file holds: the final answer to [`Request::Inspect`].
    Inspected(WorkspaceSummary),
    /// The workspace an import replaced, which [`Request::UndoImport`] puts back (`None`:
    /// nothing to undo). Sent after a resume, an import and an undo.
    Previous(Option<WorkspaceSummary>),
    /// The segmentation measurement, and the engine's linear memory in bytes (0 outside
    /// Wasm): the final answer to [`Request::Benchmark`].
    Benchmark(BenchResult),
}

/// The report of one page of documents ([`crate::window::PAGE`] at most), and where that page
/// stands in the corpus. The page's messages stay the same size however large the corpus:
/// the whole report never leaves the engine (exports are made there too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    /// The report cut down to the page's documents (see [`crate::window::windowed`]); the
    /// refused inputs are all of them.
    pub report: Report,
    /// The page shown, counted from 0.
    pub page: usize,
    /// Documents in the whole corpus.
    pub total: usize,
    /// How many corrections the measure model has learned from (0: the shipped model).
    #[serde(default)]
    pub learned: usize,
}

impl std::ops::Deref for ReportPage {
    type Target = Report;

    fn deref(&self) -> &Report {
        &self.report
    }
}

/// What a workspace holds, shown before it replaces the corpus and beside the undo.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    /// The file's name (empty for the workspace an import replaced).
    pub name: String,
    /// How many articles.
    pub documents: usize,
    /// The first names of its articles (at most [`WorkspaceSummary::NAMES`]).
    pub names: Vec<String>,
    /// How many corrections.
    pub corrections: usize,
    /// True when it has its own taxonomy, dictionary or stop words.
    pub lexicons: bool,
}

impl WorkspaceSummary {
    /// How many article names a summary lists.
    pub const NAMES: usize = 8;

    /// The summary of `saved`, a file called `name`.
    pub fn of(name: &str, saved: &cuoshi_core::workspace::Workspace) -> Self {
        WorkspaceSummary {
            name: name.to_string(),
            documents: saved.inputs.len(),
            names: (saved.inputs.iter().take(Self::NAMES))
                .map(|i| i.name.clone())
                .collect(),
            corrections: saved.corrections.len(),
            lexicons: saved.taxonomy.is_some()
                || saved.dictionary.is_some()
                || saved.stopwords.is_some(),
        }
    }
}

/// What the engine measured for [`Request::Benchmark`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchResult {
    /// The segmentation's speed.
    pub segmentation: SegmentationBench,
    /// The engine's Wasm linear memory in bytes (0 natively).
    pub memory_bytes: usize,
}

impl Response {
    /// A progress message.
    pub fn progress(stage: Stage, done: usize, total: usize) -> Self {
        Response::Progress { stage, done, total }
    }

    /// True for the one response that ends the answer to a request.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Response::Report(_)
                | Response::File(_)
                | Response::Concordance { .. }
                | Response::Segmented { .. }
                | Response::Failed(_)
                | Response::Lexicons(_)
                | Response::Benchmark(_)
                | Response::Inspected(_)
        )
    }
}
