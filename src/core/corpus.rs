//! A living corpus: documents added and removed over time, each analyzed once.
//!
//! The web worker and the command line both hold one [`Corpus`]. Each added document gets
//! a stable id (`d1`, `d2`, … never reused) so that the interface can key on it while
//! others come and go; a document whose cleaned text is already present is refused as a
//! duplicate; a bad input becomes an [`InputError`] and touches nothing else.

use super::error::IngestError;
use super::model::{DocumentReport, InputError, Report};
use super::container;
use super::pipeline::{Analyzer, Input};

/// Documents analyzed so far, the inputs refused, and the analyzer that reads them.
#[derive(Debug, Default)]
pub struct Corpus {
    analyzer: Analyzer,
    documents: Vec<DocumentReport>,
    errors: Vec<InputError>,
    next_id: usize,
}

impl Corpus {
    /// An empty corpus; builds the analyzer (the dictionary), the slow step.
    pub fn new() -> Self {
        Self::with_analyzer(Analyzer::new())
    }

    pub fn with_analyzer(analyzer: Analyzer) -> Self {
        Corpus { analyzer, documents: Vec::new(), errors: Vec::new(), next_id: 1 }
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    pub fn documents(&self) -> &[DocumentReport] {
        &self.documents
    }

    pub fn errors(&self) -> &[InputError] {
        &self.errors
    }

    /// Analyzes and adds the articles `input` holds (one, or several for a zip or JSON
    /// corpus); returns each new document's id or why an article was refused (refusals are
    /// also kept in [`Corpus::errors`]).
    pub fn add(&mut self, input: &Input) -> Vec<Result<String, InputError>> {
        container::expand(input)
            .into_iter()
            .map(|article| match article {
                Ok(article) => self.add_article(&article),
                Err((name, e)) => Err(self.refuse(name, e)),
            })
            .collect()
    }

    fn refuse(&mut self, name: String, e: IngestError) -> InputError {
        let error = InputError { name, message: e.to_string() };
        self.errors.push(error.clone());
        error
    }

    /// Analyzes and adds one article (not a container).
    fn add_article(&mut self, input: &Input) -> Result<String, InputError> {
        let id = format!("d{}", self.next_id);
        let outcome = self.analyzer.analyze_document(&id, input).and_then(|doc| {
            match self.documents.iter().find(|d| d.text == doc.text) {
                Some(first) => Err(IngestError::Duplicate(first.name.clone())),
                None => Ok(doc),
            }
        });
        match outcome {
            Ok(doc) => {
                self.next_id += 1;
                self.documents.push(doc);
                Ok(id)
            }
            Err(e) => Err(self.refuse(input.name.clone(), e)),
        }
    }

    /// Adds every input, calling `progress(done, total)` after each input.
    pub fn add_all(&mut self, inputs: &[Input], mut progress: impl FnMut(usize, usize)) {
        for (i, input) in inputs.iter().enumerate() {
            let _ = self.add(input);
            progress(i + 1, inputs.len());
        }
    }

    /// Removes a document; returns false when no document has that id.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.documents.len();
        self.documents.retain(|d| d.id != id);
        before != self.documents.len()
    }

    /// Forgets the refused inputs' messages.
    pub fn clear_errors(&mut self) {
        self.errors.clear();
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.documents.clear();
        self.errors.clear();
    }

    /// The report of the corpus as it stands: documents, comparison, errors.
    pub fn report(&self) -> Report {
        self.analyzer.assemble(self.documents.clone(), self.errors.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "市政府要求各地落实一企一策，推动企业复工复产。";
    const B: &str = "县里协调金融机构出台延长还款期限、降低融资成本的措施。";

    #[test]
    fn ids_are_stable_and_never_reused() {
        let mut c = Corpus::new();
        assert_eq!(c.add(&Input::new("a.txt", A)), [Ok("d1".to_string())]);
        assert_eq!(c.add(&Input::new("b.txt", B)), [Ok("d2".to_string())]);
        assert!(c.remove("d1"));
        assert!(!c.remove("d1"));
        assert_eq!(c.add(&Input::new("a.txt", A)), [Ok("d3".to_string())]);
        let ids: Vec<&str> = c.documents().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d2", "d3"]);
    }

    #[test]
    fn refusals_keep_the_rest() {
        let mut c = Corpus::new();
        assert!(c.add(&Input::new("a.txt", A))[0].is_ok());
        let dup = c.add(&Input::new("again.txt", A)).remove(0).unwrap_err();
        assert!(dup.message.contains("a.txt"), "{}", dup.message);
        let empty = c.add(&Input::new("empty.txt", "")).remove(0).unwrap_err();
        assert!(empty.message.contains("为空"));
        assert_eq!(c.documents().len(), 1);
        let report = c.report();
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.errors.len(), 2);
        assert!(report.comparison.matrix["labor"].contains_key("d1"));
    }

    #[test]
    fn a_zip_adds_each_article_and_refuses_its_bad_ones() {
        let z = container::tests::zip_of(&[
            ("a.txt", A.as_bytes()),
            ("b.txt", B.as_bytes()),
            ("scan.pdf", b"%PDF-1.4"),
        ]);
        let mut c = Corpus::new();
        let out = c.add(&Input::new("folder.zip", z));
        assert_eq!(out.len(), 3);
        assert_eq!(c.documents().len(), 2);
        assert_eq!(c.documents()[0].name, "folder.zip/a.txt");
        assert!(c.errors()[0].message.contains("pdf"));
    }
}
