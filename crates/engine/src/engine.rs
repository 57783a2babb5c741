//! The analysis engine: one corpus, its analyzer built once, and the answer to each request.
//!
//! A request that adds or removes documents is cut into [`Step`]s ([`steps`]: containers
//! are expanded first, so progress counts articles), which the serve loop runs one at a
//! time — some of them analyzed by a helper worker ([`crate::sharing`]) — and closes with
//! [`Engine::finish`]. Other requests are answered in one go ([`Engine::answer`]).
//! Exports, concordances and corrections are computed here, off the page's thread. The
//! engine never waits and never talks to the browser: the serve loop ([`crate::serve`])
//! does the waiting, the progress and the keeping.

use std::collections::BTreeMap;

use cuoshi_core::bench;
use cuoshi_core::concordance::kwic;
use cuoshi_core::container;
use cuoshi_core::corpus::{Corpus, ReportView};
use cuoshi_core::error::{Bilingual, IngestError, Message};
use cuoshi_core::examples::EXAMPLES;
use cuoshi_core::export;
use cuoshi_core::model::{InputError, Report};
use cuoshi_core::pipeline::Input;
use cuoshi_core::settings::{export_taxonomy, AnalyzerSettings};
use cuoshi_core::taxonomy::Taxonomy;
use cuoshi_core::workspace::{self, Workspace};

use crate::protocol::{
    BenchResult, DocChoices, ExportKind, FileOut, ReportPage, Request, Response, Stage,
    WorkspaceSummary, KWIC_LIMIT, KWIC_WINDOW, WORKSPACE_FILE,
};
use crate::sharing::Analysis;
use crate::window;

/// The size of this Wasm instance's linear memory (0 natively).
fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size::<0>() * 65536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

pub use crate::sharing::Step;

/// Splits a request that adds or removes documents into its steps (adding one article is
/// one step: containers are expanded here, so a JSON corpus of 600 articles reports its
/// progress article by article); `None` for the other requests, which the engine answers
/// in one go.
pub fn steps(request: &Request) -> Option<Vec<Step>> {
    // One budget for the whole request: every file, archive, nesting level and article.
    let budget = container::Budget::new();
    let articles = |input: Input| {
        container::expand_within(&input, &budget)
            .into_iter()
            .map(Step::Add)
    };
    Some(match request {
        Request::Add(files) => files
            .iter()
            .flat_map(|f| articles(Input::new(f.name.clone(), f.bytes.clone())))
            .collect(),
        Request::AddExamples => EXAMPLES
            .iter()
            .flat_map(|(name, bytes)| articles(Input::new(*name, *bytes)))
            .collect(),
        Request::Remove(id) => vec![Step::Remove(id.clone())],
        Request::DismissErrors => vec![Step::DismissErrors],
        Request::Clear => vec![Step::Clear],
        _ => return None,
    })
}

/// A clock in milliseconds, for [`Request::Benchmark`]; the platform gives it (std's clock
/// panics on wasm32).
pub type Clock = fn() -> f64;

/// The analysis engine: one corpus, its analyzer built once.
#[derive(Debug, Default)]
pub struct Engine {
    corpus: Corpus,
    clock: Option<Clock>,
    /// The page of documents the page shows (see [`window`]).
    page: usize,
    /// The report of the whole corpus as last assembled; `None` once a step changed it.
    assembled: Option<Report>,
    /// The corpus changed since the serve loop last took a snapshot to keep.
    unsaved: bool,
    /// The user's filters of the report (see [`Request::SetView`]).
    view: ReportView,
}

impl Engine {
    /// Builds the dictionary (the slow step: once per worker).
    pub fn new() -> Self {
        Engine {
            corpus: Corpus::new(),
            ..Engine::default()
        }
    }

    /// The clock [`Request::Benchmark`] reads; without one the benchmark is refused.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The corpus the engine holds.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Runs one step. Refused inputs are kept in the corpus's errors; nothing panics.
    pub fn run(&mut self, step: Step) {
        self.assembled = None;
        match step {
            Step::Add(article) => {
                let _ = self.corpus.add_expanded(article);
            }
            Step::Remove(id) => {
                self.corpus.remove(&id);
            }
            Step::DismissErrors => self.corpus.clear_errors(),
            Step::Clear => self.corpus.clear(),
        }
    }

    /// True when `step` would analyze an article (one whose bytes are not loaded yet): the
    /// steps a helper worker may take ([`crate::sharing`]).
    pub fn analyzes(&self, step: &Step) -> bool {
        matches!(step, Step::Add(Ok(input)) if !self.corpus.knows_bytes(input))
    }

    /// Adds an article a helper worker analyzed with [`Engine::lexicons_in_force`], as
    /// [`Engine::run`] would have added it.
    pub fn run_analyzed(&mut self, input: Input, analysis: Box<Analysis>) {
        self.assembled = None;
        let _ = self.corpus.add_analyzed(&input, *analysis);
    }

    /// The analysis of `input` under a provisional id, as a helper makes it (the corpus
    /// renumbers it when it takes it, [`Engine::restore_analyzed`]).
    pub fn analyze(&self, input: &Input) -> Analysis {
        (self.corpus.analyzer()).analyze_document(crate::sharing::PROVISIONAL_ID, input)
    }

    /// The settings a helper's analyzer must be built with to analyze as this engine does.
    pub fn lexicons_in_force(&self) -> &AnalyzerSettings {
        self.corpus.settings()
    }

    /// Restores a saved workspace ([`Request::Restore`]), with the analyses of some of its
    /// inputs made by a helper worker (`analyzed[k]` for input `k`, with the workspace's
    /// lexicons; `None`, or past the end, to analyze it here), and closes the request.
    pub fn restore_analyzed(
        &mut self,
        saved: &Workspace,
        mut analyzed: Vec<Option<Box<Analysis>>>,
        mut emit: impl FnMut(Response),
    ) {
        let errors = self.corpus.restore_with(saved, |k| {
            analyzed.get_mut(k).and_then(Option::take).map(|a| *a)
        });
        for e in errors {
            emit(Response::Notice(e.text.about(&e.name)));
        }
        emit(Response::Settings(saved.settings.clone()));
        self.finish(true, emit);
    }

    /// The report of the whole corpus as it stands (a copy).
    pub fn report(&mut self) -> Report {
        self.assembled().clone()
    }

    /// The report of the whole corpus, assembled once after each change.
    fn assembled(&mut self) -> &Report {
        let (corpus, view) = (&self.corpus, &self.view);
        self.assembled
            .get_or_insert_with(|| corpus.report_for(view))
    }

    /// The report of the page shown ([`Request::ShowPage`]), with the page and the total.
    pub fn report_page(&mut self) -> ReportPage {
        let page = self.page;
        let full = self.assembled();
        let total = full.documents.len();
        let page = page.min(window::pages(total) - 1);
        let report = if total <= window::PAGE {
            full.clone()
        } else {
            window::windowed(full, page)
        };
        self.page = page;
        ReportPage {
            report,
            page,
            total,
            learned: self.corpus.learned(),
        }
    }

    /// The responses that close a request which changed the corpus: the corrections, the
    /// input choices, the report of the page shown, and "ready"; `changed` marks the
    /// workspace to be kept ([`Engine::take_snapshot`]). The whole report is assembled again.
    pub fn finish(&mut self, changed: bool, mut emit: impl FnMut(Response)) {
        self.assembled = None;
        self.unsaved |= changed;
        emit(Response::Corrections(self.corpus.corrections().to_vec()));
        emit(Response::Choices(self.choices()));
        emit(Response::Report(Box::new(self.report_page())));
        emit(Response::progress(Stage::Ready, 0, 0));
    }

    /// The workspace as it stands, as the bytes of a workspace file, when it changed since
    /// last taken (`None` otherwise): what the serve loop hands its storage.
    pub fn take_snapshot(&mut self) -> Option<Vec<u8>> {
        std::mem::take(&mut self.unsaved).then(|| workspace::to_bytes(&self.corpus.workspace()))
    }

    /// The corpus in force is the one kept (it was just read back from the storage): no
    /// snapshot to take.
    pub fn mark_kept(&mut self) {
        self.unsaved = false;
    }

    /// The corpus in force as a workspace (inputs, corrections, lexicons).
    pub fn workspace(&self) -> workspace::Workspace {
        self.corpus.workspace()
    }

    /// Answers the requests that are not split into steps ([`steps`] is `None`):
    /// corrections, restore, questions. The serve loop calls it.
    pub(crate) fn answer(&mut self, request: Request, mut emit: impl FnMut(Response)) {
        match request {
            Request::Correct(correction) => {
                if let Err(e) = self.corpus.correct(correction) {
                    emit(Response::Notice(e.text));
                }
                self.finish(true, emit);
            }
            Request::UndoCorrection(index) => {
                self.corpus.undo_correction(index);
                self.finish(true, emit);
            }
            Request::SetView(mut view) => {
                let min = view.min_confidence;
                view.min_confidence = if min.is_finite() {
                    min.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                if view != self.view {
                    self.view = view;
                    self.assembled = None;
                }
                self.finish(false, emit);
            }
            Request::Learn | Request::ResetModel => {
                let total = self.corpus.documents().len();
                emit(Response::progress(Stage::Analyzing, 0, total));
                if request == Request::Learn {
                    self.corpus.learn();
                } else {
                    self.corpus.reset_model();
                }
                self.finish(true, emit);
            }
            Request::Restore(file) | Request::Import(file) => {
                match workspace::from_bytes(&file.bytes) {
                    Ok(saved) => {
                        let total = saved.inputs.len();
                        if total > 0 {
                            emit(Response::progress(Stage::Analyzing, 0, total));
                        }
                        self.restore_analyzed(&saved, Vec::new(), emit);
                    }
                    Err(e) => {
                        emit(Response::Notice(e.message().about(&file.name)));
                        self.finish(true, emit);
                    }
                }
            }
            Request::Export(kind) => emit(self.export(kind)),
            Request::SaveWorkspace(settings) => {
                let mut saved = self.corpus.workspace();
                saved.settings = settings;
                let (name, mime) = WORKSPACE_FILE;
                emit(Response::File(FileOut {
                    name: name.into(),
                    mime: mime.into(),
                    bytes: workspace::to_bytes(&saved),
                }));
            }
            Request::Concordance(term) => {
                // The texts are what corrections never change: no need for a report.
                let lines = if term.trim().is_empty() {
                    Vec::new()
                } else {
                    kwic(
                        self.corpus.documents(),
                        term.trim(),
                        KWIC_WINDOW,
                        KWIC_LIMIT,
                    )
                };
                emit(Response::Concordance { term, lines });
            }
            Request::Redecode { doc, encoding } => {
                let label = encoding
                    .as_deref()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && *l != "auto");
                let outcome = self.corpus.redecode(&doc, label);
                self.close(outcome, emit);
            }
            Request::RestoreLine { doc, index } => {
                let outcome = self.corpus.restore_line(&doc, index);
                self.close(outcome, emit);
            }
            Request::ResetLines(doc) => {
                let outcome = self.corpus.reset_lines(&doc);
                self.close(outcome, emit);
            }
            Request::EditMeta { doc, edit } => {
                let outcome = self.corpus.edit_meta(&doc, edit);
                self.close(outcome, emit);
            }
            Request::Lexicons => emit(Response::Lexicons(self.lexicons())),
            Request::Resume(_) | Request::UndoImport => {
                emit(Response::Report(Box::new(self.report_page())))
            }
            Request::Inspect(file) => emit(match workspace::from_bytes(&file.bytes) {
                Ok(saved) => Response::Inspected(WorkspaceSummary::of(&file.name, &saved)),
                Err(e) => Response::Failed(e.message().about(&file.name)),
            }),
            Request::ShowPage(page) => {
                self.page = page;
                emit(Response::Report(Box::new(self.report_page())));
            }
            Request::SetLexicons(mut settings) => {
                // The default taxonomy, unchanged, is no user taxonomy.
                let default = settings.taxonomy.as_deref().map(|t| {
                    t.trim().is_empty()
                        || Taxonomy::from_json(t).is_ok_and(|t| t == Taxonomy::default())
                });
                if default == Some(true) {
                    settings.taxonomy = None;
                }
                match self.corpus.set_settings(settings) {
                    Ok(failed) => {
                        for e in failed {
                            emit(Response::Notice(e.text.about(&e.name)));
                        }
                        self.finish(true, emit);
                    }
                    Err(e) => {
                        emit(Response::LexiconsRefused(e.message()));
                        self.finish(false, emit);
                    }
                }
            }
            Request::Segment(doc) => {
                let words = self
                    .corpus
                    .documents()
                    .iter()
                    .find(|d| d.id == doc)
                    .map(|d| {
                        let segmenter = self.corpus.analyzer().segmenter();
                        segmenter
                            .cut(&d.text)
                            .into_iter()
                            .map(String::from)
                            .collect()
                    });
                emit(match words {
                    Some(words) => Response::Segmented { doc, words },
                    None => Response::Failed(IngestError::NoSuchDocument(doc).message()),
                });
            }
            Request::Benchmark { min_ms } => emit(match self.clock {
                Some(clock) => Response::Benchmark(BenchResult {
                    segmentation: bench::segmentation(
                        self.corpus.analyzer().segmenter(),
                        self.corpus.documents().iter().map(|d| d.text.as_str()),
                        &clock,
                        min_ms.clamp(0.0, 60_000.0),
                        10_000,
                    ),
                    memory_bytes: memory_bytes(),
                }),
                None => Response::Failed(Message::new(
                    "no_clock",
                    "此环境没有计时器",
                    "No clock to time the benchmark with",
                )),
            }),
            Request::Add(_)
            | Request::AddExamples
            | Request::Remove(_)
            | Request::DismissErrors
            | Request::Clear => {
                // Requests with steps never come here: the serve loop runs them step by
                // step (`Session::serve`), the one place they are run.
                debug_assert!(false, "a request with steps reached Engine::answer");
                self.finish(false, emit);
            }
        }
    }

    /// One export of the whole report as it stands (corrections applied).
    pub fn export(&mut self, kind: ExportKind) -> Response {
        let report = self.assembled();
        let (name, mime) = kind.file();
        let bytes = match kind {
            ExportKind::MeasuresCsv => export::measures_csv(report, &report.taxonomy),
            ExportKind::DocumentsCsv => export::documents_csv(report),
            ExportKind::MatrixCsv => export::matrix_csv(report, &report.taxonomy),
            ExportKind::Json => export::json(report),
            ExportKind::Xlsx => match export::xlsx(report) {
                Ok(bytes) => bytes,
                Err(e) => return Response::Failed(e.message()),
            },
        };
        Response::File(FileOut {
            name: name.into(),
            mime: mime.into(),
            bytes,
        })
    }
}

impl Engine {
    /// Closes a request that changes one document: its refusal (bilingual, naming the
    /// document) when refused — the document stays as it was — then the closing responses.
    fn close(&mut self, outcome: Result<(), InputError>, mut emit: impl FnMut(Response)) {
        let changed = outcome.is_ok();
        if let Err(e) = outcome {
            emit(Response::Notice(e.text.about(&e.name)));
        }
        self.finish(changed, emit);
    }

    /// Each document's forced encoding and restored lines.
    pub fn choices(&self) -> BTreeMap<String, DocChoices> {
        self.corpus
            .documents()
            .iter()
            .filter_map(|d| {
                let input = self.corpus.input(&d.id)?;
                let choices = DocChoices {
                    encoding: input.encoding.clone(),
                    restored: input.keep_lines.len(),
                };
                (choices != DocChoices::default()).then(|| (d.id.clone(), choices))
            })
            .collect()
    }

    /// The lexicons in force, the taxonomy always given as JSON.
    pub fn lexicons(&self) -> AnalyzerSettings {
        let mut settings = self.corpus.settings().clone();
        settings.taxonomy = Some(export_taxonomy(self.corpus.analyzer().taxonomy()));
        settings
    }
}

/// How many documents a list of steps analyzes (the `total` of the progress).
pub fn count_adds(steps: &[Step]) -> usize {
    steps.iter().filter(|s| matches!(s, Step::Add(_))).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::FilePayload;

    const A: &str = "市政府要求各地落实一企一策，推动企业复工复产。";
    const B: &str = "县里协调金融机构出台延长还款期限、降低融资成本的措施。";

    fn test_clock() -> f64 {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1000.0
    }

    #[test]
    fn a_request_refuses_its_bad_records_only_as_the_command_line_does() {
        // One bad line of a JSONL corpus and one bad record of a JSON corpus: each refused
        // by its name, the other records kept (the page used to refuse the whole file).
        let jsonl = format!("{{\"text\":\"{A}\"}}\n{{oops\n{{\"text\":\"{B}\"}}\n");
        let json = format!("[{{\"text\":\"{A}\",\"text\":\"x\"}},{{\"text\":7}}]");
        let steps = steps(&Request::Add(vec![
            FilePayload::new("c.jsonl", jsonl),
            FilePayload::new("c.json", json),
        ]))
        .unwrap();
        let outcome: Vec<Result<String, String>> = steps
            .into_iter()
            .map(|step| match step {
                Step::Add(Ok(input)) => Ok(input.name),
                Step::Add(Err((name, e))) => Err(format!("{name}: {e}")),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(outcome.len(), 5, "{outcome:?}");
        assert_eq!(outcome[0], Ok("c.jsonl#1".to_string()));
        assert!(outcome[1].as_ref().unwrap_err().starts_with("c.jsonl#2: "));
        assert_eq!(outcome[2], Ok("c.jsonl#3".to_string()));
        assert!(outcome[3].as_ref().unwrap_err().contains("“text” twice"));
        assert!(outcome[4].as_ref().unwrap_err().contains("is not a string"));
    }

    #[test]
    fn the_benchmark_times_the_loaded_documents_and_needs_a_clock() {
        let mut engine = Engine::new();
        engine.handle(Request::Add(vec![FilePayload::new("a.txt", A)]), |_| {});
        let mut out = Vec::new();
        engine.handle(Request::Benchmark { min_ms: 5.0 }, |r| out.push(r));
        assert!(
            matches!(&out[..], [Response::Failed(m)] if m.kind == "no_clock" && m.en.contains("No clock"))
        );

        let mut engine = engine.with_clock(test_clock);
        let mut out = Vec::new();
        engine.handle(Request::Benchmark { min_ms: 5.0 }, |r| out.push(r));
        let [Response::Benchmark(BenchResult { segmentation, .. })] = &out[..] else {
            panic!("{out:?}");
        };
        assert!(out[0].is_final());
        assert_eq!(segmentation.documents, 1);
        assert!(segmentation.tokens > 5 && segmentation.elapsed_ms >= 5.0);
    }

    /// The `(done, total)` of each "analyzing" progress response.
    fn analyzing(out: &[Response]) -> Vec<(usize, usize)> {
        out.iter()
            .filter_map(|r| match r {
                Response::Progress {
                    stage: Stage::Analyzing,
                    done,
                    total,
                } => Some((*done, *total)),
                _ => None,
            })
            .collect()
    }

    fn last_page(out: &[Response]) -> ReportPage {
        out.iter()
            .rev()
            .find_map(|r| match r {
                Response::Report(page) => Some((**page).clone()),
                _ => None,
            })
            .expect("a report")
    }

    #[test]
    fn the_page_gets_one_page_of_documents_and_exports_get_them_all() {
        let mut engine = Engine::new();
        let n = window::PAGE + 3;
        let files: Vec<FilePayload> = (1..=n)
            .map(|i| FilePayload::new(format!("{i}.txt"), format!("第{i}号：{A}")))
            .collect();
        let mut out = Vec::new();
        engine.handle(Request::Add(files), |r| out.push(r));
        let first = last_page(&out);
        assert_eq!((first.page, first.total), (0, n));
        assert_eq!(first.documents.len(), window::PAGE);
        assert_eq!(first.comparison.similarity.len(), window::PAGE);

        let mut out = Vec::new();
        engine.handle(Request::ShowPage(1), |r| out.push(r));
        assert_eq!(out.len(), 1, "one final answer: {out:?}");
        assert!(out[0].is_final());
        let second = last_page(&out);
        assert_eq!((second.page, second.total), (1, n));
        let ids: Vec<&str> = second.documents.iter().map(|d| d.id.as_str()).collect();
        let p = window::PAGE;
        assert_eq!(ids, [p + 1, p + 2, p + 3].map(|i| format!("d{i}")));

        // A change answers with the page shown; past the end is the last page.
        let mut out = Vec::new();
        engine.handle(Request::Remove("d1".into()), |r| out.push(r));
        let after = last_page(&out);
        assert_eq!((after.page, after.total), (1, n - 1));
        assert_eq!(after.documents.len(), 2);
        let mut out = Vec::new();
        engine.handle(Request::ShowPage(99), |r| out.push(r));
        assert_eq!(last_page(&out).page, 1);

        // Exports are of the whole corpus.
        let Response::File(file) = engine.export(ExportKind::Json) else {
            panic!("no file")
        };
        let json: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
        assert_eq!(json["documents"].as_array().unwrap().len(), n - 1);
    }

    #[test]
    fn payload_bytes_can_travel_beside_the_json() {
        use crate::wire::byte_string::{bytes_aside, bytes_from};
        let all: Vec<u8> = (0..=255).collect();
        let request = Request::Add(vec![
            FilePayload::new("x.txt", all.clone()),
            FilePayload::new("a.txt", A),
        ]);
        let (json, buffers) = bytes_aside(|| serde_json::to_string(&request).unwrap());
        assert_eq!(buffers, [all.clone(), A.as_bytes().to_vec()]);
        assert!(json.len() < 80, "only numbers stand for the bytes: {json}");
        let back: Request = bytes_from(buffers, || serde_json::from_str(&json).unwrap());
        assert_eq!(back, request);
        // Outside, bytes are text again; a missing buffer is an error, not a panic.
        assert!(serde_json::to_string(&request).unwrap().len() > 256);
        let missing: Result<Request, _> = bytes_from(Vec::new(), || serde_json::from_str(&json));
        assert!(missing.is_err());
    }

    #[test]
    fn payload_bytes_round_trip_through_json() {
        let all: Vec<u8> = (0..=255).collect();
        let p = FilePayload::new("x.txt", all.clone());
        let json = serde_json::to_string(&Request::Add(vec![p])).unwrap();
        let back: Request = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Request::Add(vec![FilePayload::new("x.txt", all)]));
        // Chinese UTF-8 costs two JSON bytes per input byte, not a number per byte.
        let json = serde_json::to_string(&FilePayload::new("a", A)).unwrap();
        assert!(json.len() < A.len() * 2 + 40, "{}", json.len());
    }

    #[test]
    fn responses_round_trip_through_json_with_empty_errors() {
        let mut engine = Engine::new();
        let mut out = Vec::new();
        engine.handle(Request::Add(vec![FilePayload::new("a.txt", A)]), |r| {
            out.push(r)
        });
        let report = out
            .iter()
            .find(|r| matches!(r, Response::Report(_)))
            .unwrap();
        let json = serde_json::to_string(report).unwrap();
        let back: Response = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, report);
    }

    #[test]
    fn add_reports_progress_per_document_then_the_report() {
        let mut engine = Engine::new();
        let mut out = Vec::new();
        let files = vec![
            FilePayload::new("a.txt", A),
            FilePayload::new("b.pdf", "%PDF"),
            FilePayload::new("c.txt", B),
        ];
        engine.handle(Request::Add(files), |r| out.push(r));
        let progress = analyzing(&out);
        assert_eq!(progress, [(0, 3), (1, 3), (2, 3), (3, 3)]);
        let Some(Response::Report(report)) = out.iter().find(|r| matches!(r, Response::Report(_)))
        else {
            panic!("no report")
        };
        assert_eq!(report.documents.len(), 2);
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].name, "b.pdf");
        assert_eq!(out.last(), Some(&Response::progress(Stage::Ready, 0, 0)));
    }

    #[test]
    fn a_corpus_file_reports_progress_article_by_article() {
        let mut engine = Engine::new();
        let lines = [A, B, "第三篇：区里组织点对点包车接回返岗员工。"]
            .map(|t| serde_json::json!({ "text": t }).to_string())
            .join("\n");
        let mut out = Vec::new();
        engine.handle(
            Request::Add(vec![
                FilePayload::new("corpus.jsonl", lines),
                FilePayload::new("bad.zip", "not a zip"),
            ]),
            |r| out.push(r),
        );
        let progress = analyzing(&out);
        assert_eq!(progress, [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]);
        let page = last_page(&out);
        assert_eq!(page.total, 3);
        assert_eq!(page.errors.len(), 1, "the broken zip is refused, by name");
        assert_eq!(page.errors[0].name, "bad.zip");
    }

    #[test]
    fn remove_dismiss_and_clear_each_answer_with_a_report() {
        let mut engine = Engine::new();
        engine.handle(
            Request::Add(vec![
                FilePayload::new("a.txt", A),
                FilePayload::new("e.txt", ""),
            ]),
            |_| {},
        );
        let mut last = None;
        engine.handle(Request::Remove("d1".into()), |r| {
            if let Response::Report(r) = r {
                last = Some(r)
            }
        });
        let report = last.take().unwrap();
        assert!(report.documents.is_empty());
        assert_eq!(report.errors.len(), 1);
        engine.handle(Request::DismissErrors, |r| {
            if let Response::Report(r) = r {
                last = Some(r)
            }
        });
        assert!(last.take().unwrap().errors.is_empty());
        engine.handle(Request::Add(vec![FilePayload::new("b.txt", B)]), |_| {});
        engine.handle(Request::Clear, |_| {});
        assert!(engine.report().documents.is_empty());
    }

    #[test]
    fn examples_are_five_steps() {
        assert_eq!(count_adds(&steps(&Request::AddExamples).unwrap()), 5);
        assert!(steps(&Request::Export(ExportKind::Json)).is_none());
    }

    #[test]
    fn articles_a_helper_analyzed_make_the_same_report() {
        use crate::sharing::{Next, Sharing};
        use cuoshi_core::pipeline::Analyzer;
        let mut files: Vec<FilePayload> = EXAMPLES
            .iter()
            .map(|(name, bytes)| FilePayload::new(*name, *bytes))
            .collect();
        files.push(FilePayload::new("again.txt", EXAMPLES[0].1));
        files.push(FilePayload::new("empty.txt", ""));
        files.push(FilePayload::new("b.txt", B));
        let request = Request::Add(files);

        let mut alone = Engine::new();
        alone.handle(Request::Add(vec![FilePayload::new("a.txt", A)]), |_| {});
        alone.handle(request.clone(), |_| {});

        let mut shared = Engine::new();
        shared.handle(Request::Add(vec![FilePayload::new("a.txt", A)]), |_| {});
        let helper = Analyzer::with_settings(shared.lexicons_in_force()).unwrap();
        let mut sharing = Sharing::new(steps(&request).unwrap(), |s| shared.analyzes(s));
        let mut helped = 0;
        loop {
            while let Some((step, input)) = sharing.hand_out(2) {
                let analysis = helper.analyze_document("tmp", input);
                sharing.received(step, Box::new(analysis));
            }
            match sharing.next_step() {
                Next::Run(_, step) => shared.run(step),
                Next::Insert(_, input, analysis) => {
                    helped += 1;
                    shared.run_analyzed(input, analysis);
                }
                Next::Wait => unreachable!("every article handed out is answered"),
                Next::Done => break,
            }
        }
        assert!(helped >= 3, "the helper analyzed a share: {helped}");
        assert_eq!(shared.report(), alone.report());
        assert_eq!(
            shared.report().errors.len(),
            2,
            "the copy and the empty file"
        );
    }

    /// Runs `request`, checks it has exactly one final answer, returns every response.
    pub(super) fn finals(engine: &mut Engine, request: Request) -> Vec<Response> {
        let mut out = Vec::new();
        engine.handle(request, |r| out.push(r));
        assert_eq!(
            out.iter().filter(|r| r.is_final()).count(),
            1,
            "one final answer: {out:?}"
        );
        out
    }

    #[test]
    fn the_model_learns_from_corrections_and_is_reset() {
        let mut engine = Engine::new();
        finals(&mut engine, Request::AddExamples);
        let learned = |out: &[Response]| {
            out.iter().find_map(|r| match r {
                Response::Report(page) => Some(page.learned),
                _ => None,
            })
        };
        let m = engine.report().documents[0].measures[0].clone();
        let other = if m.category == "fiscal" {
            "labor"
        } else {
            "fiscal"
        };
        finals(
            &mut engine,
            Request::Correct(cuoshi_core::corrections::Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: m.id.clone(),
                category: other.into(),
            }),
        );
        let out = finals(&mut engine, Request::Learn);
        let shipped = cuoshi_core::learn::Model::shipped().is_some();
        assert_eq!(learned(&out), Some(usize::from(shipped)));
        assert!(
            engine.take_snapshot().is_some(),
            "the learned state is kept"
        );
        let corrected = engine.report().documents[0]
            .measures
            .iter()
            .find(|x| x.start < m.end && m.start < x.end)
            .cloned();
        assert_eq!(
            corrected.map(|x| x.category),
            Some(other.to_string()),
            "the correction stays"
        );
        let out = finals(&mut engine, Request::ResetModel);
        assert_eq!(learned(&out), Some(0));
    }

    #[test]
    fn exports_are_files_made_by_the_engine() {
        let mut engine = Engine::new();
        engine.handle(
            Request::Add(vec![
                FilePayload::new("a.txt", A),
                FilePayload::new("b.txt", B),
            ]),
            |_| {},
        );
        for kind in [
            ExportKind::MeasuresCsv,
            ExportKind::DocumentsCsv,
            ExportKind::MatrixCsv,
            ExportKind::Xlsx,
            ExportKind::Json,
        ] {
            let out = finals(&mut engine, Request::Export(kind));
            let Some(Response::File(file)) = out.last() else {
                panic!("{out:?}")
            };
            assert_eq!((file.name.as_str(), file.mime.as_str()), kind.file());
            match kind {
                ExportKind::Xlsx => assert_eq!(&file.bytes[..2], b"PK"),
                ExportKind::Json => assert_eq!(file.bytes[0], b'{'),
                _ => assert_eq!(&file.bytes[..3], b"\xEF\xBB\xBF"),
            }
            // Files survive the page ⇄ worker JSON.
            let json = serde_json::to_string(out.last().unwrap()).unwrap();
            assert_eq!(
                &serde_json::from_str::<Response>(&json).unwrap(),
                out.last().unwrap()
            );
        }
    }

    #[test]
    fn a_workspace_file_restores_documents_corrections_and_settings() {
        let mut engine = Engine::new();
        finals(
            &mut engine,
            Request::Add(vec![
                FilePayload::new("a.txt", A),
                FilePayload::new("b.txt", B),
            ]),
        );
        assert!(engine.take_snapshot().is_some(), "a change is kept");
        let report = engine.report();
        let m = &report.documents[0].measures[0];
        finals(
            &mut engine,
            Request::Correct(cuoshi_core::corrections::Correction::Delete {
                doc_id: "d1".into(),
                measure_id: m.id.clone(),
            }),
        );
        let settings = BTreeMap::from([("lang".to_string(), "en".to_string())]);
        let out = finals(&mut engine, Request::SaveWorkspace(settings.clone()));
        let Some(Response::File(file)) = out.last() else {
            panic!()
        };

        let mut fresh = Engine::new();
        let out = finals(
            &mut fresh,
            Request::Restore(FilePayload::new("w.json", file.bytes.clone())),
        );
        assert!(out.contains(&Response::Settings(settings)));
        assert!(out.contains(&Response::Corrections(
            engine.corpus().corrections().to_vec()
        )));
        assert_eq!(fresh.report().documents.len(), 2);
        assert_eq!(
            fresh.report().documents[0].measures.len(),
            report.documents[0].measures.len() - 1
        );

        // Not a workspace: a message, and the corpus as it was.
        let out = finals(
            &mut fresh,
            Request::Restore(FilePayload::new("bad.json", "nonsense")),
        );
        assert!(out
            .iter()
            .any(|r| matches!(r, Response::Notice(m) if m.en.contains("bad.json"))));
        assert_eq!(fresh.report().documents.len(), 2);
    }

    #[test]
    fn questions_have_one_answer_and_change_nothing() {
        let mut engine = Engine::new();
        engine.handle(Request::Add(vec![FilePayload::new("a.txt", A)]), |_| {});
        let out = finals(&mut engine, Request::Concordance("企业".into()));
        let [Response::Concordance { term, lines }] = out.as_slice() else {
            panic!("{out:?}")
        };
        assert_eq!(term, "企业");
        assert!(lines.iter().all(|l| l.term == "企业" && l.doc_id == "d1"));
        let out = finals(&mut engine, Request::Segment("d1".into()));
        let [Response::Segmented { words, .. }] = out.as_slice() else {
            panic!("{out:?}")
        };
        assert_eq!(words.concat(), engine.report().documents[0].text);
        let out = finals(&mut engine, Request::Segment("d7".into()));
        assert!(matches!(out.as_slice(), [Response::Failed(_)]));
        let out = finals(&mut engine, Request::Concordance("  ".into()));
        assert!(
            matches!(out.as_slice(), [Response::Concordance { lines, .. }] if lines.is_empty())
        );
    }
}

/// The requests that change one document's input or metadata, and the user's lexicons.
#[cfg(test)]
mod ingest_tests {
    use super::*;
    use crate::protocol::FilePayload;
    use cuoshi_core::corpus::MetaEdit;
    use cuoshi_core::model::Date;

    const OTHER: &str = "县里协调金融机构出台延长还款期限、降低融资成本的措施。";
    const TRADITIONAL: &str = "市政府協調金融機構出臺延長還款期限、降低融資成本的措施，要求各地落實一企一策，推動企業復工復產。";
    const WITH_CREDIT: &str = "市政府召开复工复产工作会议\n责任编辑：张三\n会议要求，各地要落实一企一策，推动企业尽快复工复产。";

    use super::tests::finals as answers;

    fn notices(out: &[Response]) -> Vec<String> {
        out.iter()
            .filter_map(|r| match r {
                Response::Notice(m) => Some(m.to_string()),
                _ => None,
            })
            .collect()
    }

    fn choices(out: &[Response]) -> BTreeMap<String, DocChoices> {
        out.iter()
            .find_map(|r| match r {
                Response::Choices(c) => Some(c.clone()),
                _ => None,
            })
            .expect("choices come with the report")
    }

    fn doc(engine: &mut Engine, id: &str) -> cuoshi_core::model::DocumentReport {
        engine
            .report()
            .documents
            .into_iter()
            .find(|d| d.id == id)
            .unwrap()
    }

    #[test]
    fn redecode_switches_the_encoding_under_the_same_id_and_back() {
        let mut engine = Engine::new();
        let (big5, _, _) = encoding_rs::BIG5.encode(TRADITIONAL);
        answers(
            &mut engine,
            Request::Add(vec![
                FilePayload::new("other.txt", OTHER),
                FilePayload::new("big5.txt", big5.into_owned()),
            ]),
        );
        engine.take_snapshot();
        let right = doc(&mut engine, "d2");
        assert_eq!(right.encoding, "Big5");
        let out = answers(
            &mut engine,
            Request::Redecode {
                doc: "d2".into(),
                encoding: Some("gbk".into()),
            },
        );
        assert!(engine.take_snapshot().is_some(), "the choice is kept");
        assert_eq!(
            choices(&out)["d2"],
            DocChoices {
                encoding: Some("gbk".into()),
                restored: 0
            }
        );
        assert_eq!(doc(&mut engine, "d2").encoding, "GBK");
        let out = answers(
            &mut engine,
            Request::Redecode {
                doc: "d2".into(),
                encoding: Some("auto".into()),
            },
        );
        assert!(choices(&out).is_empty());
        assert_eq!(doc(&mut engine, "d2").text, right.text);
        assert!(engine.take_snapshot().is_some(), "the change back is kept");
        // An unknown label, or an unknown document: a bilingual notice, nothing changes.
        let out = answers(
            &mut engine,
            Request::Redecode {
                doc: "d2".into(),
                encoding: Some("klingon".into()),
            },
        );
        assert!(
            notices(&out)
                .iter()
                .any(|m| m.contains("klingon") && m.contains("Unknown encoding")),
            "{out:?}"
        );
        assert!(
            engine.take_snapshot().is_none(),
            "a refusal changes nothing"
        );
        let out = answers(
            &mut engine,
            Request::Redecode {
                doc: "d9".into(),
                encoding: None,
            },
        );
        assert!(notices(&out).iter().any(|m| m.contains("d9")));
        assert_eq!(engine.report().documents.len(), 2);
        assert_eq!(doc(&mut engine, "d2").text, right.text);
    }

    #[test]
    fn a_removed_line_is_restored_and_reset() {
        let mut engine = Engine::new();
        answers(
            &mut engine,
            Request::Add(vec![
                FilePayload::new("other.txt", OTHER),
                FilePayload::new("a.txt", WITH_CREDIT),
            ]),
        );
        let (other, before) = (doc(&mut engine, "d1"), doc(&mut engine, "d2"));
        let i = before
            .removed
            .iter()
            .position(|r| r.contains("责任编辑"))
            .unwrap();
        let out = answers(
            &mut engine,
            Request::RestoreLine {
                doc: "d2".into(),
                index: i,
            },
        );
        assert_eq!(choices(&out)["d2"].restored, 1);
        assert!(doc(&mut engine, "d2").text.contains("责任编辑：张三"));
        let out = answers(
            &mut engine,
            Request::RestoreLine {
                doc: "d2".into(),
                index: 99,
            },
        );
        assert!(notices(&out)
            .iter()
            .any(|m| m.contains("无法恢复") && m.contains("cannot be restored")));
        let out = answers(&mut engine, Request::ResetLines("d2".into()));
        assert!(choices(&out).is_empty());
        assert_eq!(doc(&mut engine, "d2").text, before.text);
        assert_eq!(
            doc(&mut engine, "d1"),
            other,
            "the other document is untouched"
        );
        assert_eq!(engine.report().documents.len(), 2);
    }

    #[test]
    fn metadata_edits_show_in_the_report_and_travel_in_the_snapshot() {
        let mut engine = Engine::new();
        answers(
            &mut engine,
            Request::Add(vec![
                FilePayload::new("a.txt", WITH_CREDIT),
                FilePayload::new("b.txt", OTHER),
            ]),
        );
        let edit = MetaEdit {
            title: Some("改过的标题".into()),
            date: Some(Date {
                year: None,
                month: Some(2),
                day: Some(18),
            }),
            source: Some("人民网".into()),
            place: Some("乌海市".into()),
            ..MetaEdit::default()
        };
        let out = answers(
            &mut engine,
            Request::EditMeta {
                doc: "d1".into(),
                edit,
            },
        );
        let Some(bytes) = engine.take_snapshot() else {
            panic!("{out:?}")
        };
        let meta = doc(&mut engine, "d1").meta;
        assert_eq!(meta.title.as_deref(), Some("改过的标题"));
        assert_eq!(meta.date.display(), "????-02-18");
        assert_eq!(
            (meta.source.as_deref(), meta.place.as_deref()),
            (Some("人民网"), Some("乌海市"))
        );
        // Clearing a field with an empty text.
        answers(
            &mut engine,
            Request::EditMeta {
                doc: "d1".into(),
                edit: MetaEdit {
                    source: Some(String::new()),
                    ..MetaEdit::default()
                },
            },
        );
        assert_eq!(doc(&mut engine, "d1").meta.source, None);
        // The snapshot restores the edit after a reload.
        let mut fresh = Engine::new();
        answers(
            &mut fresh,
            Request::Restore(FilePayload::new("IndexedDB", bytes.clone())),
        );
        assert_eq!(
            doc(&mut fresh, "d1").meta.title.as_deref(),
            Some("改过的标题")
        );
        let out = answers(
            &mut engine,
            Request::EditMeta {
                doc: "d7".into(),
                edit: MetaEdit::default(),
            },
        );
        assert!(notices(&out)
            .iter()
            .any(|m| m.contains("d7") && m.contains("No document")));
    }

    #[test]
    fn lexicons_are_sent_applied_and_refused_without_loss() {
        let mut engine = Engine::new();
        answers(
            &mut engine,
            Request::Add(vec![
                FilePayload::new("a.txt", WITH_CREDIT),
                FilePayload::new("b.txt", OTHER),
            ]),
        );
        let out = answers(&mut engine, Request::Lexicons);
        let [Response::Lexicons(start)] = out.as_slice() else {
            panic!("{out:?}")
        };
        let json = start.taxonomy.clone().unwrap();
        assert_eq!(Taxonomy::from_json(&json).unwrap(), Taxonomy::default());

        let mut edited: serde_json::Value = serde_json::from_str(&json).unwrap();
        edited[0]["label"] = "我的分类".into();
        let renamed = edited.to_string();
        let settings = AnalyzerSettings {
            taxonomy: Some(renamed),
            dictionary: "点对点包车 5 n\n".into(),
            stopwords: "会议\n".into(),
        };
        let _ = answers(&mut engine, Request::SetLexicons(settings.clone()));
        assert!(engine.take_snapshot().is_some(), "the lexicons are kept");
        let report = engine.report();
        assert_eq!(report.taxonomy[0].label, "我的分类");
        assert_eq!(report.documents.len(), 2);
        let out = answers(&mut engine, Request::Lexicons);
        let [Response::Lexicons(now)] = out.as_slice() else {
            panic!()
        };
        assert_eq!(
            (now.dictionary.as_str(), now.stopwords.as_str()),
            ("点对点包车 5 n\n", "会议\n")
        );
        assert!(now.taxonomy.as_deref().unwrap().contains("我的分类"));

        // A bad taxonomy: refused with a bilingual message, the report as it was.
        let bad = AnalyzerSettings {
            taxonomy: Some("{ not json".into()),
            ..settings.clone()
        };
        let out = answers(&mut engine, Request::SetLexicons(bad));
        let refused: Vec<String> = out
            .iter()
            .filter_map(|r| match r {
                Response::LexiconsRefused(m) => Some(m.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            refused.len() == 1 && refused[0].contains("JSON") && refused[0].contains("分类表"),
            "{out:?}"
        );
        assert_eq!(engine.report(), report);
        let bad = AnalyzerSettings {
            stopwords: "两 个词\n".into(),
            ..settings
        };
        let out = answers(&mut engine, Request::SetLexicons(bad));
        assert!(out
            .iter()
            .any(|r| matches!(r, Response::LexiconsRefused(m) if m.en.contains("line 1"))));
        assert_eq!(engine.report().taxonomy[0].label, "我的分类");

        // The default taxonomy sent back unchanged is no user taxonomy.
        answers(
            &mut engine,
            Request::SetLexicons(AnalyzerSettings {
                taxonomy: Some(json),
                ..AnalyzerSettings::default()
            }),
        );
        assert_eq!(engine.corpus().settings(), &AnalyzerSettings::default());
    }
}
