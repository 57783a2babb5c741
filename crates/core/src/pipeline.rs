//! The analysis pipeline: inputs → [`Report`].
//!
//! [`Analyzer`] holds what is costly to build — the segmenter's dictionary and the
//! taxonomy — and runs every stage for each input. One bad input becomes an entry of
//! `errors` and never stops the others; a duplicate of an article already analyzed is
//! refused by its cleaned text. The stages that need neither dictionary nor taxonomy
//! (decoding, cleaning, metadata, slogans, figures) are [`prepare`], apart from the rest
//! ([`Analyzer::finish`]), so that a caller with threads can run them while the dictionary
//! is still being built.

pub use super::input::{Input, MetaHint, MAX_INPUT_BYTES};

use super::classify::Classifier;
use super::error::IngestError;
use super::model::{Comparison, Date, DocumentReport, InputError, Report, REPORT_VERSION};
use super::segment::Segmenter;
use super::settings::{AnalyzerSettings, SettingsError};
use super::taxonomy::Taxonomy;
use super::{clean, compare, container, decode, figures, keywords, measures, meta, slogans};

/// Most measures kept of one document; past it the rest are dropped with a warning (a
/// policy document has tens, the longest hundreds).
pub const MAX_MEASURES: usize = 5000;

/// Keeps the first [`MAX_MEASURES`] measures of `doc`, with a warning when there were more.
fn cap_measures(doc: &mut DocumentReport) {
    if doc.measures.len() > MAX_MEASURES {
        doc.warnings.push(too_many_measures(doc.measures.len()));
        doc.measures.truncate(MAX_MEASURES);
    }
}

/// The warning of a document whose measures were cut at [`MAX_MEASURES`].
pub fn too_many_measures(found: usize) -> String {
    format!(
        "找到 {found} 条措施，只保留前 {MAX_MEASURES} 条 / {found} measures found: only the first {MAX_MEASURES} are kept"
    )
}

/// File-name endings read as articles (containers are expanded first, see [`container`]).
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx",
];

/// Reads a corpus's `date` field ([`Date::parse`]); only a date with its year counts (a
/// month and day alone would hide a full date the text gives).
pub fn parse_date_hint(text: &str) -> Option<Date> {
    Date::parse(text).filter(|d| d.year.is_some_and(|y| (1900..=2100).contains(&y)))
}

/// Refuses file types that are neither articles nor containers, by the name's ending.
/// A name without an extension (pasted text, standard input) is read as text.
pub fn check_type(name: &str) -> Result<(), IngestError> {
    match container::extension(name) {
        Some(ext)
            if !ARTICLE_EXTENSIONS.contains(&ext.as_str()) && !container::is_container(name) =>
        {
            Err(IngestError::UnsupportedType(ext))
        }
        _ => Ok(()),
    }
}

/// An input decoded, cleaned and read for everything that needs neither the dictionary nor
/// the taxonomy; [`Analyzer::finish`] completes it.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The report so far: `measures` and `keywords` are still empty.
    doc: DocumentReport,
    /// The cleaned text's chars.
    chars: Vec<char>,
    /// Every occurrence of a numeric slogan (the report keeps one per slogan).
    slogans: Vec<super::model::Slogan>,
}

impl Prepared {
    /// The report so far, the cleaned text's chars and every slogan occurrence.
    pub fn parts(&self) -> (&DocumentReport, &[char], &[super::model::Slogan]) {
        (&self.doc, &self.chars, &self.slogans)
    }
}

/// Reads one input as document `id` up to what needs the dictionary: type and size checks,
/// decoding, cleaning, metadata, slogans and figures.
pub fn prepare(id: &str, input: &Input) -> Result<Prepared, IngestError> {
    check_type(&input.name)?;
    if input.bytes.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge {
            size_mb: (input.bytes.len() as u64).div_ceil(1024 * 1024),
            limit_mb: (MAX_INPUT_BYTES / (1024 * 1024)) as u64,
        });
    }
    let mut docx_text = String::new();
    let bytes = match container::extension(&input.name).as_deref() {
        Some("docx") if input.bytes.starts_with(b"PK") => {
            docx_text = container::docx_text(&input.bytes)?;
            docx_text.as_bytes()
        }
        Some("zip" | "json" | "jsonl") => {
            return Err(IngestError::Corrupt(
                "容器须先展开 / expand containers first".into(),
            ))
        }
        _ => input.bytes.as_slice(),
    };
    let decoded = match input.encoding.as_deref() {
        // A Word document's text is UTF-8 whatever the user picks.
        Some(_) if !docx_text.is_empty() => decode::decode(bytes)?,
        Some(label) => decode::decode_as(bytes, label)?,
        None => decode::decode(bytes)?,
    };
    let mut cleaned = clean::clean_with(&decoded.text, &input.keep_lines);
    // The decoder's warnings come first (they are about the whole input).
    cleaned.warnings.splice(0..0, decoded.warnings);
    if cleaned.text.trim().is_empty() {
        return Err(if cleaned.blob_chars > 0 {
            IngestError::NoProse(cleaned.blob_chars)
        } else {
            IngestError::NoText
        });
    }
    let mut meta = meta::extract(&cleaned);
    if let Some(title) = input.hint.title.as_ref().filter(|t| !t.trim().is_empty()) {
        meta.title = Some(title.trim().to_string());
    }
    if let Some(date) = input.hint.date.as_deref().and_then(parse_date_hint) {
        meta.date = date;
    }
    let text = cleaned.text;
    // The original script is kept only where it differs from the analyzed text.
    let original = if cleaned.original == text {
        String::new()
    } else {
        cleaned.original
    };
    let chars: Vec<char> = text.chars().collect();
    let found = slogans::find_all(&chars);
    let figures = figures::extract_chars(&chars, &found);
    Ok(Prepared {
        doc: DocumentReport {
            id: id.to_string(),
            name: input.name.clone(),
            encoding: decoded.encoding,
            script: cleaned.script.as_str().to_string(),
            meta,
            text,
            measures: Vec::new(),
            slogans: slogans::distinct(found.clone()),
            figures,
            keywords: Vec::new(),
            removed: cleaned.removed,
            warnings: cleaned.warnings,
            removed_lines: cleaned.removed_lines,
            original,
            original_map: cleaned.original_map,
        },
        chars,
        slogans: found,
    })
}

/// Runs the whole analysis; built once, used for any number of inputs.
#[derive(Debug)]
pub struct Analyzer {
    segmenter: Segmenter,
    taxonomy: Taxonomy,
    /// The taxonomy's cue lexicon, compiled once for every document.
    classifier: Classifier,
    /// The user's stop words, left out of keywords on top of the built-in list.
    stopwords: std::collections::BTreeSet<String>,
    /// The learned measure model, aligned to the taxonomy; `None` leaves the measures to
    /// the rules (no model shipped).
    model: Option<super::learn::Model>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::from_parts(Segmenter::new(), Taxonomy::default(), Default::default())
    }
}

impl Analyzer {
    /// Builds the dictionary and loads the default taxonomy (the slow step: do it once).
    pub fn new() -> Self {
        Self::default()
    }

    fn from_parts(
        segmenter: Segmenter,
        taxonomy: Taxonomy,
        stopwords: std::collections::BTreeSet<String>,
    ) -> Self {
        Analyzer {
            segmenter,
            classifier: Classifier::new(&taxonomy),
            model: super::learn::Model::shipped().map(|m| m.aligned(&taxonomy)),
            taxonomy,
            stopwords,
        }
    }

    /// Builds an analyzer from the user's taxonomy, dictionary and stop words; a bad file
    /// is refused (naming its line or field) before anything is built.
    pub fn with_settings(settings: &AnalyzerSettings) -> Result<Self, SettingsError> {
        let taxonomy = settings.parse_taxonomy()?;
        let stopwords = settings.parse_stopwords()?;
        let mut segmenter = Segmenter::new();
        segmenter.add_dictionary(&settings.dictionary)?;
        Ok(Self::from_parts(segmenter, taxonomy, stopwords))
    }

    /// The measure model in use (`None`: the rules).
    pub fn model(&self) -> Option<&super::learn::Model> {
        self.model.as_ref()
    }

    /// Replaces the measure model (a refit one, or `None` for the rules); it is aligned
    /// to the taxonomy.
    pub fn set_model(&mut self, model: Option<super::learn::Model>) {
        self.model = model.map(|m| m.aligned(&self.taxonomy));
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The user's stop words (the built-in list is in [`keywords`]).
    pub fn stopwords(&self) -> &std::collections::BTreeSet<String> {
        &self.stopwords
    }

    /// The taxonomy's cue lexicon, compiled.
    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Analyzes one input as document `id`.
    pub fn analyze_document(&self, id: &str, input: &Input) -> Result<DocumentReport, IngestError> {
        prepare(id, input).map(|p| self.finish(p))
    }

    /// Completes a [`prepare`]d document: its measures and keyword counts.
    pub fn finish(&self, prepared: Prepared) -> DocumentReport {
        let Prepared {
            mut doc,
            chars,
            slogans,
        } = prepared;
        let scan = measures::Scan {
            chars: &chars,
            slogans: &slogans,
            figures: &doc.figures,
        };
        doc.measures = match &self.model {
            Some(model) => measures::extract_model(
                &doc.id,
                &scan,
                &self.segmenter,
                &self.taxonomy,
                &self.classifier,
                model,
            ),
            None => measures::extract_with(
                &doc.id,
                &scan,
                &self.segmenter,
                &self.taxonomy,
                &self.classifier,
            ),
        };
        // Addressees, signatures, copy lists and site furniture hold no measure.
        super::structure::drop_outside_body(&mut doc.measures, &doc.meta.structure, &doc.text);
        cap_measures(&mut doc);
        doc.keywords = keywords::count_terms_with(&doc.text, &self.segmenter, &self.stopwords);
        doc
    }

    /// Builds the report of already analyzed documents: keyword weights and comparison.
    pub fn assemble(&self, mut documents: Vec<DocumentReport>, errors: Vec<InputError>) -> Report {
        weigh(&mut documents);
        let comparison = self.compare(&documents);
        Report {
            version: REPORT_VERSION,
            taxonomy: self.taxonomy.entries(),
            documents,
            comparison,
            errors,
        }
    }

    /// The comparison of [`weigh`]ed documents (the report's `comparison`).
    pub fn compare(&self, documents: &[DocumentReport]) -> Comparison {
        compare::compare(documents, &self.taxonomy, &self.segmenter)
    }
}

/// Sets what depends on the whole corpus in each document's keywords: the tf·idf weights
/// (in the keywords' new order) and distinctiveness.
pub fn weigh(documents: &mut [DocumentReport]) {
    let mut terms: Vec<_> = documents
        .iter_mut()
        .map(|d| std::mem::take(&mut d.keywords))
        .collect();
    keywords::weigh(&mut terms);
    for (doc, terms) in documents.iter_mut().zip(terms) {
        doc.keywords = terms;
    }
    super::distinct::score(documents);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_line_in_utf8_is_a_warning_of_the_document() {
        let line =
            "市政府要求各地落实一企一策，推动企业尽快复工复产，保障人员有序流动和物流畅通。\n";
        let mut bytes = line.repeat(100).into_bytes();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("县里协调金融机构降低融资成本。").0);
        let doc = prepare("d1", &Input::new("mixed.txt", bytes)).unwrap().doc;
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.contains("Line 101 is not UTF-8")),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn measures_past_the_limit_are_dropped_with_a_warning() {
        let mut doc = DocumentReport {
            measures: vec![Default::default(); MAX_MEASURES + 7],
            ..DocumentReport::default()
        };
        cap_measures(&mut doc);
        assert_eq!(doc.measures.len(), MAX_MEASURES);
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0].contains("5007 measures found: only the first 5000 are kept"));
        cap_measures(&mut doc);
        assert_eq!(doc.warnings.len(), 1, "at the limit nothing more is said");
    }

    #[test]
    fn date_hints_are_read_without_inventing_parts() {
        let d = parse_date_hint("2020-03-12").unwrap();
        assert_eq!(d.display(), "2020-03-12");
        assert_eq!(parse_date_hint("2020年3月").unwrap().display(), "2020-03");
        assert_eq!(parse_date_hint("3月12日"), None);
        assert_eq!(parse_date_hint("soon"), None);
        assert_eq!(
            parse_date_hint("2020-03-12 10:30:00").unwrap().display(),
            "2020-03-12"
        );
    }

    #[test]
    fn hints_override_the_text_and_docx_is_read() {
        let a = Analyzer::new();
        let mut input = Input::new("a.txt", "市政府要求各地落实一企一策，推动企业复工复产。");
        input.hint = MetaHint {
            title: Some("给定标题".into()),
            date: Some("2021-05-06".into()),
        };
        let doc = a.analyze_document("d1", &input).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("给定标题"));
        assert_eq!(doc.meta.date.display(), "2021-05-06");
        let docx = crate::container::tests::docx_of(&["县政府协调金融机构降低融资成本。"]);
        let doc = a
            .analyze_document("d2", &Input::new("b.docx", docx))
            .unwrap();
        assert!(doc.text.contains("降低融资成本"));
    }

    #[test]
    fn refuses_unsupported_types_by_name() {
        assert!(check_type("a.txt").is_ok());
        assert!(check_type("dir/a.HTML").is_ok());
        assert!(check_type("pasted text").is_ok());
        assert!(
            check_type("a.docx").is_ok()
                && check_type("a.zip").is_ok()
                && check_type("a.jsonl").is_ok()
        );
        assert!(check_type(".hidden").is_ok());
        assert_eq!(
            check_type("a.pdf"),
            Err(IngestError::UnsupportedType("pdf".into()))
        );
    }

    #[test]
    fn bad_inputs_become_errors_and_the_rest_survive() {
        let a = Analyzer::new();
        let good = "市政府要求各地落实一企一策，推动企业复工复产。";
        let report = crate::corpus::Corpus::analyze(
            a,
            &[
                Input::new("good.txt", good),
                Input::new("empty.txt", ""),
                Input::new("scan.pdf", "%PDF-1.4"),
                Input::new("copy.txt", good),
            ],
        );
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.documents[0].id, "d1");
        let names: Vec<&str> = report.errors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["empty.txt", "scan.pdf", "copy.txt"]);
        assert!(report.errors[0].message.contains("empty"));
        assert!(report.errors[1].message.contains("pdf"));
        assert!(report.errors[2].message.contains("good.txt"));
    }

    #[test]
    fn prepare_needs_no_dictionary_and_finish_adds_measures_and_keywords() {
        let text = "市政府要求各地落实“六稳”“六保”任务，推动企业复工复产，安排专项资金3.5亿元。";
        let prepared = prepare("d7", &Input::new("a.txt", text)).unwrap();
        assert!(prepared.doc.measures.is_empty() && prepared.doc.keywords.is_empty());
        assert_eq!(prepared.doc.slogans, slogans::extract(&prepared.doc.text));
        assert_eq!(prepared.doc.figures, figures::extract(&prepared.doc.text));
        assert!(prepared.slogans.len() >= prepared.doc.slogans.len());
        assert!(prepare("d8", &Input::new("b.pdf", "%PDF-1.4")).is_err());
        let a = Analyzer::new();
        let doc = a.finish(prepared);
        assert_eq!(doc.id, "d7");
        assert!(!doc.measures.is_empty() && !doc.keywords.is_empty());
        // The measures are the learned model's where one is shipped, else the rules'.
        if a.model().is_none() {
            assert_eq!(
                doc.measures,
                measures::extract("d7", &doc.text, a.segmenter(), a.taxonomy())
            );
        }
        assert_eq!(
            doc,
            a.analyze_document("d7", &Input::new("a.txt", text))
                .unwrap()
        );
    }

    #[test]
    fn assemble_is_weigh_then_compare() {
        let a = Analyzer::new();
        let docs: Vec<DocumentReport> = crate::examples::EXAMPLES
            .iter()
            .enumerate()
            .map(|(i, (n, b))| {
                a.analyze_document(&format!("d{i}"), &Input::new(*n, *b))
                    .unwrap()
            })
            .collect();
        let report = a.assemble(docs.clone(), Vec::new());
        let mut weighed = docs.clone();
        weigh(&mut weighed);
        assert_ne!(weighed, docs, "weights and distinctiveness are set");
        assert!(weighed[0].keywords.iter().all(|k| k.weight > 0.0));
        assert_eq!(report.documents, weighed);
        assert_eq!(report.comparison, a.compare(&weighed));
    }
}
