//! The conversation between the page and the analysis engine, and the engine itself.
//!
//! The page never analyzes anything: it sends a [`Request`] (add these files, add the
//! built-in examples, remove a document, clear) and receives [`Response`]s — progress while
//! the dictionary loads and while documents are analyzed, then the whole [`Report`] of the
//! corpus as it stands. The [`Engine`] that answers holds one [`Corpus`] (and so builds the
//! dictionary once); it runs inside the web worker in production (`crate::agent`) and on the
//! page itself in browser tests. Both sides use the same types, so this module has no
//! browser imports and is tested natively.

use serde::{Deserialize, Serialize};

use crate::core::corpus::Corpus;
use crate::core::examples::EXAMPLES;
use crate::core::model::Report;
use crate::core::pipeline::Input;

/// One file (or pasted text) as read on the page: its name and raw bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePayload {
    pub name: String,
    /// The raw bytes; the engine detects the encoding. Sent as a byte string (one char per
    /// byte) so that the JSON between page and worker stays compact.
    #[serde(with = "byte_string")]
    pub bytes: Vec<u8>,
}

impl FilePayload {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FilePayload {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// What the page asks of the engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Analyze and add these files.
    Add(Vec<FilePayload>),
    /// Analyze and add the five built-in reference articles.
    AddExamples,
    /// Remove the document with this id.
    Remove(String),
    /// Forget the messages of refused inputs.
    DismissErrors,
    /// Remove every document and message.
    Clear,
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
    Progress {
        stage: Stage,
        done: usize,
        total: usize,
    },
    /// The report of the whole corpus; sent exactly once after each request.
    Report(Box<Report>),
}

impl Response {
    pub fn progress(stage: Stage, done: usize, total: usize) -> Self {
        Response::Progress { stage, done, total }
    }
}

/// One unit of work, short enough to report progress between two of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Add(Input),
    Remove(String),
    DismissErrors,
    Clear,
}

/// Splits a request into its steps (adding one document is one step).
pub fn steps(request: Request) -> Vec<Step> {
    match request {
        Request::Add(files) => files
            .into_iter()
            .map(|f| Step::Add(Input::new(f.name, f.bytes)))
            .collect(),
        Request::AddExamples => EXAMPLES
            .iter()
            .map(|(name, bytes)| Step::Add(Input::new(*name, *bytes)))
            .collect(),
        Request::Remove(id) => vec![Step::Remove(id)],
        Request::DismissErrors => vec![Step::DismissErrors],
        Request::Clear => vec![Step::Clear],
    }
}

/// The analysis engine: one corpus, its analyzer built once.
#[derive(Debug, Default)]
pub struct Engine {
    corpus: Corpus,
}

impl Engine {
    /// Builds the dictionary (the slow step: once per worker).
    pub fn new() -> Self {
        Engine {
            corpus: Corpus::new(),
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Runs one step. Refused inputs are kept in the corpus's errors; nothing panics.
    pub fn run(&mut self, step: Step) {
        match step {
            Step::Add(input) => {
                let _ = self.corpus.add(&input);
            }
            Step::Remove(id) => {
                self.corpus.remove(&id);
            }
            Step::DismissErrors => self.corpus.clear_errors(),
            Step::Clear => self.corpus.clear(),
        }
    }

    /// The report of the corpus as it stands.
    pub fn report(&self) -> Report {
        self.corpus.report()
    }

    /// Answers a request at once: progress after each added document, then the report.
    /// (The worker runs the same steps but yields between them so progress reaches the page
    /// while the work goes on.)
    pub fn handle(&mut self, request: Request, mut emit: impl FnMut(Response)) {
        let steps = steps(request);
        let total = count_adds(&steps);
        let mut done = 0;
        if total > 0 {
            emit(Response::progress(Stage::Analyzing, 0, total));
        }
        for step in steps {
            let adds = matches!(step, Step::Add(_));
            self.run(step);
            if adds {
                done += 1;
                emit(Response::progress(Stage::Analyzing, done, total));
            }
        }
        emit(Response::Report(Box::new(self.report())));
        emit(Response::progress(Stage::Ready, 0, 0));
    }
}

/// How many documents a list of steps analyzes (the `total` of the progress).
pub fn count_adds(steps: &[Step]) -> usize {
    steps.iter().filter(|s| matches!(s, Step::Add(_))).count()
}

/// Serializes bytes as a string of chars U+0000..=U+00FF, one per byte.
mod byte_string {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        text.chars()
            .map(|c| {
                u8::try_from(u32::from(c))
                    .map_err(|_| serde::de::Error::custom("not a byte string"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "市政府要求各地落实一企一策，推动企业复工复产。";
    const B: &str = "县里协调金融机构出台延长还款期限、降低融资成本的措施。";

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
        let progress: Vec<(usize, usize)> = out
            .iter()
            .filter_map(|r| match r {
                Response::Progress {
                    stage: Stage::Analyzing,
                    done,
                    total,
                } => Some((*done, *total)),
                _ => None,
            })
            .collect();
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
        assert_eq!(count_adds(&steps(Request::AddExamples)), 5);
    }
}
