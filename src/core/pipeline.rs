//! The analysis pipeline: inputs → [`Report`].
//!
//! [`Analyzer`] holds what is costly to build — the segmenter's dictionary and the
//! taxonomy — and runs every stage for each input. One bad input becomes an entry of
//! `errors` and never stops the others; a duplicate of an article already analyzed is
//! refused by its cleaned text.

use super::error::IngestError;
use super::corpus::Corpus;
use super::model::{DocumentReport, InputError, Report, REPORT_VERSION};
use super::segment::Segmenter;
use super::taxonomy::Taxonomy;
use super::{clean, compare, decode, figures, keywords, measures, meta, slogans};

/// The largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// File-name endings read as text articles.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// One article to analyze: a name (file name, or a label for pasted text) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Input { name: name.into(), bytes: bytes.into() }
    }
}

/// Refuses file types that are not text articles, by the name's ending.
pub fn check_type(name: &str) -> Result<(), IngestError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            let ext = ext.to_ascii_lowercase();
            if TEXT_EXTENSIONS.contains(&ext.as_str()) {
                Ok(())
            } else {
                Err(IngestError::UnsupportedType(ext))
            }
        }
        // No extension (pasted text, standard input): read as text.
        _ => Ok(()),
    }
}

/// Runs the whole analysis; built once, used for any number of inputs.
#[derive(Debug, Default)]
pub struct Analyzer {
    segmenter: Segmenter,
    taxonomy: Taxonomy,
}

impl Analyzer {
    /// Builds the dictionary and loads the default taxonomy (the slow step: do it once).
    pub fn new() -> Self {
        Self::default()
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Analyzes one input as document `id`.
    pub fn analyze_document(&self, id: &str, input: &Input) -> Result<DocumentReport, IngestError> {
        check_type(&input.name)?;
        if input.bytes.len() > MAX_INPUT_BYTES {
            return Err(IngestError::TooLarge {
                size_mb: (input.bytes.len() as u64).div_ceil(1024 * 1024),
                limit_mb: (MAX_INPUT_BYTES / (1024 * 1024)) as u64,
            });
        }
        let decoded = decode::decode(&input.bytes)?;
        let cleaned = clean::clean(&decoded.text);
        if cleaned.text.trim().is_empty() {
            return Err(IngestError::NoText);
        }
        let meta = meta::extract(&cleaned);
        let text = cleaned.text;
        let measures = measures::extract(id, &text, &self.segmenter, &self.taxonomy);
        let slogans = slogans::extract(&text);
        let figures = figures::extract(&text);
        let keywords = keywords::count_terms(&text, &self.segmenter);
        Ok(DocumentReport {
            id: id.to_string(),
            name: input.name.clone(),
            encoding: decoded.encoding,
            script: cleaned.script.as_str().to_string(),
            meta,
            text,
            measures,
            slogans,
            figures,
            keywords,
            removed: cleaned.removed,
            warnings: cleaned.warnings,
        })
    }

    /// Analyzes every input and compares them (a one-shot [`Corpus`]).
    pub fn analyze(self, inputs: &[Input]) -> Report {
        let mut corpus = Corpus::with_analyzer(self);
        corpus.add_all(inputs, |_, _| {});
        corpus.report()
    }

    /// Builds the report of already analyzed documents: keyword weights and comparison.
    pub fn assemble(&self, mut documents: Vec<DocumentReport>, errors: Vec<InputError>) -> Report {
        let mut terms: Vec<_> = documents.iter_mut().map(|d| std::mem::take(&mut d.keywords)).collect();
        keywords::weigh(&mut terms);
        for (doc, terms) in documents.iter_mut().zip(terms) {
            doc.keywords = terms;
        }
        let comparison = compare::compare(&documents, &self.taxonomy, &self.segmenter);
        Report {
            version: REPORT_VERSION,
            taxonomy: self.taxonomy.entries(),
            documents,
            comparison,
            errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unsupported_types_by_name() {
        assert!(check_type("a.txt").is_ok());
        assert!(check_type("dir/a.HTML").is_ok());
        assert!(check_type("pasted text").is_ok());
        assert!(check_type(".hidden").is_ok());
        assert_eq!(check_type("a.pdf"), Err(IngestError::UnsupportedType("pdf".into())));
    }

    #[test]
    fn bad_inputs_become_errors_and_the_rest_survive() {
        let a = Analyzer::new();
        let good = "市政府要求各地落实一企一策，推动企业复工复产。";
        let report = a.analyze(&[
            Input::new("good.txt", good),
            Input::new("empty.txt", ""),
            Input::new("scan.pdf", "%PDF-1.4"),
            Input::new("copy.txt", good),
        ]);
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.documents[0].id, "d1");
        let names: Vec<&str> = report.errors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["empty.txt", "scan.pdf", "copy.txt"]);
        assert!(report.errors[0].message.contains("empty"));
        assert!(report.errors[1].message.contains("pdf"));
        assert!(report.errors[2].message.contains("good.txt"));
    }
}
