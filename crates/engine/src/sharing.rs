//! Sharing one request's analyses between the engine and a helper worker, in order.
//!
//! A browser's web worker has one thread, and analyzing hundreds of articles is most of
//! the time a large request takes; a second worker (`crate::helper`) with its own analyzer
//! halves it. The corpus must still take the articles in the order given — ids, duplicate
//! refusals and progress depend on it — so the two do not simply split the list: the engine
//! runs the steps from the front, the helper is handed articles from the back, a few at a
//! time, and where the two meet the engine waits for the helper's last results and adds them
//! in order. A slow helper (still building its dictionary) only gets fewer articles; a
//! helper that fails hands its articles back ([`Sharing::helper_failed`]). The plan, and
//! the messages engine and helper exchange ([`ToHelper`], [`FromHelper`], answered by
//! [`answer`]), are kept here, free of the browser, so that they are tested natively.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use cuoshi_core::error::IngestError;
use cuoshi_core::model::DocumentReport;
use cuoshi_core::pipeline::{Analyzer, Input};
use cuoshi_core::settings::AnalyzerSettings;
use cuoshi_core::workspace::SavedInput;

/// One unit of work, short enough to report progress between two of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// One article, a container (zip, docx, JSON corpus) already expanded; or the refusal
    /// of an input that could not be expanded.
    Add(Result<Input, (String, IngestError)>),
    /// Remove the document with this id.
    Remove(String),
    /// Forget the refused inputs' messages.
    DismissErrors,
    /// Remove everything.
    Clear,
}

/// What the engine asks of a helper.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToHelper {
    /// Analyze with these lexicons from now on (sent before the first article, and again
    /// when the user changes them).
    Lexicons(AnalyzerSettings),
    /// Analyze the article of this step.
    Analyze {
        /// The step's index in the request.
        step: usize,
        /// The article, as in a workspace file.
        article: SavedInput,
    },
}

/// What a helper tells the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromHelper {
    /// The dictionary is built: send articles.
    Loaded,
    /// The analysis of a step's article, under a provisional id (the corpus gives the real
    /// one).
    Analyzed {
        /// The step's index in the request.
        step: usize,
        /// The document, or why the article was refused.
        analysis: Box<Analysis>,
    },
    /// The lexicons could not be built (bilingual): this helper analyzes nothing more.
    Failed(String),
}

/// The id a helper analyzes under; the corpus renumbers the document.
pub const PROVISIONAL_ID: &str = "d0";

/// A helper's answer to `message`, with `analyzer` (rebuilt for new lexicons); `None` when
/// there is nothing to say.
pub fn answer(analyzer: &mut Analyzer, message: ToHelper) -> Option<FromHelper> {
    match message {
        ToHelper::Lexicons(settings) => match Analyzer::with_settings(&settings) {
            Ok(built) => {
                *analyzer = built;
                None
            }
            Err(e) => Some(FromHelper::Failed(e.to_string())),
        },
        ToHelper::Analyze { step, article } => Some(FromHelper::Analyzed {
            step,
            analysis: Box::new(analyzer.analyze_document(PROVISIONAL_ID, &article.input())),
        }),
    }
}

/// A helper's analysis of one article (boxed where it travels: a document is large).
pub type Analysis = Result<DocumentReport, IngestError>;

/// What the engine does next.
#[derive(Debug)]
pub enum Next {
    /// Run this step (its index) itself.
    Run(usize, Step),
    /// Add this article (its step's index), which the helper analyzed.
    Insert(usize, Input, Box<Analysis>),
    /// The next step is the helper's and its result has not come: wait for one.
    Wait,
    /// Every step is done.
    Done,
}

/// One request's steps, shared between the engine (from the front) and a helper (from the
/// back).
#[derive(Debug)]
pub struct Sharing {
    steps: Vec<Option<Step>>,
    /// Whether each step analyzes an article (the others are never handed out).
    analyzes: Vec<bool>,
    /// Steps `front..` have not been run or inserted.
    front: usize,
    /// Steps `back..` are the helper's zone: handed out, or left for the engine to run after
    /// the two have met.
    back: usize,
    /// Steps handed to the helper, whose results have not come.
    pending: BTreeSet<usize>,
    /// Results come from the helper, by step.
    results: BTreeMap<usize, Box<Analysis>>,
}

impl Sharing {
    /// Shares `steps`; `analyzes` tells which would analyze an article (and so may go to the
    /// helper).
    pub fn new(steps: Vec<Step>, analyzes: impl Fn(&Step) -> bool) -> Self {
        let analyzes: Vec<bool> = steps.iter().map(analyzes).collect();
        Sharing {
            back: steps.len(),
            steps: steps.into_iter().map(Some).collect(),
            analyzes,
            front: 0,
            pending: BTreeSet::new(),
            results: BTreeMap::new(),
        }
    }

    /// How many articles the helper has and has not answered.
    pub fn in_flight(&self) -> usize {
        self.pending.len()
    }

    /// The next article for the helper, `(step, input)` (the input stays here, to be added
    /// with the helper's analysis), while it has fewer than `depth`
    /// and fewer than the steps left to the engine: the last one not yet run, never the
    /// engine's next (so that where the two meet, the engine waits little for work it
    /// handed out).
    pub fn hand_out(&mut self, depth: usize) -> Option<(usize, &Input)> {
        let engine_left = self.back.saturating_sub(self.front);
        if self.pending.len() >= depth.min(engine_left) {
            return None;
        }
        let step = (self.front + 1..self.back)
            .rev()
            .find(|&i| self.analyzes[i])?;
        let Some(Step::Add(Ok(input))) = &self.steps[step] else {
            return None;
        };
        self.back = step;
        self.pending.insert(step);
        Some((step, input))
    }

    /// The helper's result for `step`.
    pub fn received(&mut self, step: usize, result: Box<Analysis>) {
        if self.pending.remove(&step) {
            self.results.insert(step, result);
        }
    }

    /// The helper is gone: the engine runs what it had not answered.
    pub fn helper_failed(&mut self) {
        self.pending.clear();
    }

    /// What the engine does next.
    pub fn next_step(&mut self) -> Next {
        let Some(step) = self.steps.get_mut(self.front) else {
            return Next::Done;
        };
        let i = self.front;
        if self.pending.contains(&i) {
            return Next::Wait;
        }
        let Some(step) = step.take() else {
            return Next::Done;
        };
        self.front += 1;
        match (self.results.remove(&i), step) {
            (Some(result), Step::Add(Ok(input))) => Next::Insert(i, input, result),
            (_, step) => Next::Run(i, step),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adds(n: usize) -> Vec<Step> {
        (0..n)
            .map(|i| Step::Add(Ok(Input::new(format!("{i}.txt"), vec![b'a'; i + 1]))))
            .collect()
    }

    fn analyzes(step: &Step) -> bool {
        matches!(step, Step::Add(Ok(_)))
    }

    fn doc(name: &str) -> DocumentReport {
        DocumentReport {
            name: name.into(),
            ..DocumentReport::default()
        }
    }

    /// Runs `sharing` with a helper that answers each article at once after `every` engine
    /// steps; returns the order of names as the engine took them, marked `h` where the
    /// helper analyzed them.
    fn drive(mut sharing: Sharing, depth: usize, every: usize) -> Vec<String> {
        let mut order = Vec::new();
        let mut handed: Vec<(usize, Input)> = Vec::new();
        let mut ticks = 0;
        loop {
            while let Some((step, input)) = sharing.hand_out(depth) {
                handed.push((step, input.clone()));
            }
            ticks += 1;
            if ticks % every == 0 || matches!(sharing.next_peek(), Some(true)) {
                if let Some((step, input)) = (!handed.is_empty()).then(|| handed.remove(0)) {
                    sharing.received(step, Box::new(Ok(doc(&input.name))));
                }
            }
            match sharing.next_step() {
                Next::Run(_, Step::Add(Ok(input))) => order.push(input.name),
                Next::Run(_, other) => order.push(format!("{other:?}")),
                Next::Insert(_, input, analysis) => {
                    assert_eq!(input.name, analysis.unwrap().name);
                    order.push(format!("h{}", input.name));
                }
                Next::Wait => assert!(!handed.is_empty(), "waits only on work handed out"),
                Next::Done => return order,
            }
        }
    }

    impl Sharing {
        /// Whether the next step waits on the helper.
        fn next_peek(&self) -> Option<bool> {
            (self.front < self.steps.len()).then(|| self.pending.contains(&self.front))
        }
    }

    fn names(order: &[String]) -> Vec<String> {
        order
            .iter()
            .map(|n| n.trim_start_matches('h').to_string())
            .collect()
    }

    #[test]
    fn every_step_is_taken_once_in_order_and_the_helper_gets_the_back() {
        let order = drive(Sharing::new(adds(20), analyzes), 3, 1);
        let expected: Vec<String> = (0..20).map(|i| format!("{i}.txt")).collect();
        assert_eq!(names(&order), expected);
        let helped: Vec<usize> = (0..20).filter(|&i| order[i].starts_with('h')).collect();
        assert!(helped.len() >= 8, "the helper shares the work: {order:?}");
        assert!(!order[0].starts_with('h'), "the engine starts at the front");
        // The helper's articles are one stretch at the back.
        assert_eq!(helped, (helped[0]..20).collect::<Vec<_>>());
    }

    #[test]
    fn a_slow_helper_gets_fewer_articles() {
        let fast = drive(Sharing::new(adds(30), analyzes), 4, 1);
        let slow = drive(Sharing::new(adds(30), analyzes), 4, 5);
        let helped = |o: &[String]| o.iter().filter(|n| n.starts_with('h')).count();
        assert!(helped(&slow) < helped(&fast), "{slow:?} / {fast:?}");
        assert_eq!(names(&slow), names(&fast));
    }

    #[test]
    fn other_steps_stay_in_place_and_are_never_handed_out() {
        let mut steps = adds(6);
        steps.insert(3, Step::Remove("d1".into()));
        steps.push(Step::Add(Err(("bad.zip".into(), IngestError::Empty))));
        let order = drive(Sharing::new(steps, analyzes), 2, 1);
        assert_eq!(order[3], "Remove(\"d1\")");
        assert!(order[7].starts_with("Add(Err"), "{order:?}");
        assert_eq!(order.len(), 8);
    }

    #[test]
    fn a_failed_helper_hands_its_articles_back() {
        let mut sharing = Sharing::new(adds(5), analyzes);
        let handed: Vec<usize> =
            std::iter::from_fn(|| sharing.hand_out(2).map(|(i, _)| i)).collect();
        assert_eq!(handed, [4, 3]);
        assert_eq!(sharing.in_flight(), 2);
        sharing.helper_failed();
        let mut ran = Vec::new();
        loop {
            match sharing.next_step() {
                Next::Run(_, Step::Add(Ok(input))) => ran.push(input.name),
                Next::Done => break,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(ran, ["0.txt", "1.txt", "2.txt", "3.txt", "4.txt"]);
        // A late answer of a gone helper changes nothing.
        sharing.received(4, Box::new(Ok(doc("late"))));
        assert!(matches!(sharing.next_step(), Next::Done));
    }

    #[test]
    fn a_helper_answers_articles_with_the_lexicons_it_was_sent() {
        let mut input = Input::new("a.txt", "市政府要求各地落实一企一策，推动企业复工复产。");
        input.hint.title = Some("标题".into());
        let article = SavedInput::of(&input);
        assert_eq!(article.input(), input);
        let mut analyzer = Analyzer::new();
        let ask = |step| ToHelper::Analyze {
            step,
            article: article.clone(),
        };
        let Some(FromHelper::Analyzed { step: 7, analysis }) = answer(&mut analyzer, ask(7)) else {
            panic!("an analysis of step 7")
        };
        let doc = analysis.unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("标题"));
        assert!(!doc.measures.is_empty(), "{doc:?}");

        // New lexicons: a stop word list that drops 企业 from the keywords.
        let settings = AnalyzerSettings {
            stopwords: "企业\n".into(),
            ..AnalyzerSettings::default()
        };
        assert_eq!(answer(&mut analyzer, ToHelper::Lexicons(settings)), None);
        let Some(FromHelper::Analyzed { analysis, .. }) = answer(&mut analyzer, ask(8)) else {
            panic!("an analysis")
        };
        assert!(analysis.unwrap().keywords.iter().all(|k| k.word != "企业"));
        let bad = AnalyzerSettings {
            taxonomy: Some("{".into()),
            ..AnalyzerSettings::default()
        };
        assert!(matches!(
            answer(&mut analyzer, ToHelper::Lexicons(bad)),
            Some(FromHelper::Failed(_))
        ));
    }

    #[test]
    fn helper_messages_round_trip() {
        let message = ToHelper::Analyze {
            step: 3,
            article: SavedInput::of(&Input::new("a.txt", vec![0xff, 0, b'a'])),
        };
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(serde_json::from_str::<ToHelper>(&json).unwrap(), message);
        let refused = FromHelper::Analyzed {
            step: 1,
            analysis: Box::new(Err(IngestError::TooLarge {
                size_mb: 9,
                limit_mb: 8,
            })),
        };
        let json = serde_json::to_string(&refused).unwrap();
        assert_eq!(serde_json::from_str::<FromHelper>(&json).unwrap(), refused);
    }

    #[test]
    fn the_helper_never_holds_more_than_the_engine_has_left() {
        let mut sharing = Sharing::new(adds(4), analyzes);
        let handed: Vec<usize> =
            std::iter::from_fn(|| sharing.hand_out(10).map(|(i, _)| i)).collect();
        assert_eq!(handed, [3, 2], "two for the helper, two for the engine");
        assert!(matches!(sharing.next_step(), Next::Run(..)));
        assert!(
            sharing.hand_out(10).is_none(),
            "one left to the engine, two handed out"
        );
    }

    #[test]
    fn one_article_stays_with_the_engine() {
        let mut sharing = Sharing::new(adds(1), analyzes);
        assert!(sharing.hand_out(4).is_none());
        assert!(matches!(sharing.next_step(), Next::Run(..)));
        assert!(matches!(sharing.next_step(), Next::Done));
    }
}
