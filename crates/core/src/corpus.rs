//! A living corpus: documents added and removed over time, each analyzed once.
//!
//! The web worker and the command line both hold one [`Corpus`]. Each added document gets
//! a stable id (`d1`, `d2`, … never reused) so that the interface can key on it while
//! others come and go; a document whose cleaned text is already present is refused as a
//! duplicate; a bad input becomes an [`InputError`] and touches nothing else.
//!
//! The corpus also keeps each document's input (its original bytes and hints), so that it
//! can be saved as a [`Workspace`] and restored with the same ids, and the user's
//! [`Correction`]s and metadata edits, which every [`Corpus::report`] replays over the
//! analysis. Changing the user's lexicons ([`Corpus::set_settings`]) re-analyzes every
//! document from its kept input under the same id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::meta_edit::MetaEdit;

use super::container;
use super::corrections::{self, Correction};
use super::error::{Bilingual, IngestError};
use super::model::{DocumentReport, InputError, Report};
use super::pipeline::{Analyzer, Input};
use super::settings::{AnalyzerSettings, SettingsError};
use super::workspace::{SavedInput, Workspace};

/// Which part of the corpus a report shows: the user's filters. The default keeps all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportView {
    /// Measures the model is less sure of are left out (0: none).
    pub min_confidence: f32,
    /// Only documents of this kind (`meta.kind`); empty: any.
    pub kind: String,
    /// Only documents one of whose issuers contains this text; empty: any.
    pub issuer: String,
}

impl ReportView {
    /// True when the view keeps `doc` (its metadata as the user edited it).
    fn keeps(&self, doc: &DocumentReport, edit: Option<&MetaEdit>) -> bool {
        if self.kind.is_empty() && self.issuer.trim().is_empty() {
            return true;
        }
        let mut doc = DocumentReport {
            meta: doc.meta.clone(),
            ..DocumentReport::default()
        };
        if let Some(edit) = edit {
            edit.apply(&mut doc);
        }
        let kind = self.kind.is_empty() || doc.meta.kind.as_deref() == Some(self.kind.as_str());
        let issuer = self.issuer.trim();
        kind && (issuer.is_empty() || doc.meta.issuer.iter().any(|i| i.contains(issuer)))
    }
}

/// Documents analyzed so far, the inputs refused, and the analyzer that reads them.
#[derive(Debug, Default)]
pub struct Corpus {
    analyzer: Analyzer,
    documents: Vec<DocumentReport>,
    errors: Vec<InputError>,
    next_id: usize,
    /// Each document's input as given (after container expansion), by document id.
    inputs: BTreeMap<String, Input>,
    /// The user's corrections, in the order made.
    corrections: Vec<Correction>,
    /// The user's metadata edits, by document id.
    meta_edits: BTreeMap<String, MetaEdit>,
    /// The lexicons the analyzer was built from.
    settings: AnalyzerSettings,
    /// How many times a document was analyzed (see [`Corpus::analyses`]).
    analyses: usize,
    /// The corrections the measure model was refit from, as they named the measures of
    /// the shipped model's analysis (empty: the shipped model).
    learned_from: Vec<Correction>,
}

impl Corpus {
    /// Analyzes every input with `analyzer` and compares them: the report of a one-shot
    /// corpus.
    pub fn analyze(analyzer: Analyzer, inputs: &[Input]) -> Report {
        let mut corpus = Corpus::with_analyzer(analyzer);
        corpus.add_all(inputs, |_, _| {});
        corpus.report()
    }

    /// An empty corpus; builds the analyzer (the dictionary), the slow step.
    pub fn new() -> Self {
        Self::with_analyzer(Analyzer::new())
    }

    pub fn with_analyzer(analyzer: Analyzer) -> Self {
        Corpus {
            analyzer,
            documents: Vec::new(),
            errors: Vec::new(),
            next_id: 1,
            inputs: BTreeMap::new(),
            corrections: Vec::new(),
            meta_edits: BTreeMap::new(),
            settings: AnalyzerSettings::default(),
            analyses: 0,
            learned_from: Vec::new(),
        }
    }

    /// How many document analyses this corpus has run: adding one article runs one, and
    /// an article whose bytes are already loaded runs none (it is refused at once).
    pub fn analyses(&self) -> usize {
        self.analyses
    }

    /// The lexicons (taxonomy, dictionary, stop words) the analysis runs with.
    pub fn settings(&self) -> &AnalyzerSettings {
        &self.settings
    }

    /// Rebuilds the analyzer from `settings` and analyzes every document again from its
    /// kept input, under the same id. A bad file is refused before anything changes.
    /// Returns the documents that could not be analyzed again (they are removed, and their
    /// errors kept in [`Corpus::errors`]). Corrections naming measures that no longer exist
    /// are skipped by [`Corpus::report`].
    pub fn set_settings(
        &mut self,
        settings: AnalyzerSettings,
    ) -> Result<Vec<InputError>, SettingsError> {
        self.analyzer = Analyzer::with_settings(&settings)?;
        self.settings = settings;
        let mut failed = Vec::new();
        let mut kept = Vec::new();
        for doc in std::mem::take(&mut self.documents) {
            let again = self
                .inputs
                .get(&doc.id)
                .map(|input| self.analyzer.analyze_document(&doc.id, input));
            self.analyses += usize::from(again.is_some());
            match again {
                Some(Ok(fresh)) => kept.push(fresh),
                Some(Err(e)) => failed.push(InputError::refused(doc.name.clone(), &e)),
                None => kept.push(doc),
            }
        }
        self.documents = kept;
        let live: Vec<String> = self.documents.iter().map(|d| d.id.clone()).collect();
        self.inputs.retain(|id, _| live.contains(id));
        self.errors.extend(failed.iter().cloned());
        if !self.learned_from.is_empty() {
            // The new analyzer has the shipped model: learn again, for the new taxonomy.
            let learned_from = std::mem::take(&mut self.learned_from);
            self.refit_from(learned_from);
        }
        Ok(failed)
    }

    /// How many corrections the measure model has learned from (0: the shipped model).
    pub fn learned(&self) -> usize {
        self.learned_from.len()
    }

    /// Refits the measure model from the corrections ([`crate::training::refit`]) and
    /// analyzes every document again with it. The corrections stay as made: one that
    /// names a measure follows it to the measure now at the same place in the text (a
    /// re-categorized measure the new model no longer finds becomes an added one). The
    /// fit always starts from the shipped model's analysis, so it is the same in a later
    /// session ([`Workspace::learned_from`]). Nothing changes without a shipped model.
    pub fn learn(&mut self) {
        if crate::learn::Model::shipped().is_none() {
            return;
        }
        if !self.learned_from.is_empty() {
            self.reset_model();
        }
        let learned_from = self.corrections.clone();
        let model = self.refit(&learned_from);
        self.learned_from = learned_from;
        self.use_model(model);
    }

    /// Back to the shipped model: every document analyzed again with it, the corrections
    /// following their measures as in [`Corpus::learn`].
    pub fn reset_model(&mut self) {
        self.learned_from.clear();
        self.use_model(crate::learn::Model::shipped());
    }

    /// The shipped model refit from `corrections` on the documents as they are (the
    /// shipped model's analysis); the shipped model itself without corrections.
    fn refit(&self, corrections: &[Correction]) -> Option<crate::learn::Model> {
        let base = crate::learn::Model::shipped()?;
        if corrections.is_empty() {
            return Some(base);
        }
        let documents = &self.documents;
        Some(crate::training::refit::refit(
            &base,
            &self.analyzer,
            documents,
            corrections,
        ))
    }

    /// Refits from `learned_from` (corrections of the shipped model's analysis, which the
    /// documents have now) and analyzes every document again, before any correction of
    /// the learned analysis is applied (a restore, new lexicons).
    fn refit_from(&mut self, learned_from: Vec<Correction>) {
        let model = self.refit(&learned_from);
        let corrections = std::mem::take(&mut self.corrections);
        self.use_model(model);
        self.corrections = corrections;
        self.learned_from = learned_from;
    }

    /// Analyzes every document again with `model`, the corrections anchored to where
    /// their measures are in the text.
    fn use_model(&mut self, model: Option<crate::learn::Model>) {
        let spans = |docs: &[DocumentReport], doc: &str, measure: &str| {
            let d = docs.iter().find(|d| d.id == doc)?;
            let m = d.measures.iter().find(|m| m.id == measure)?;
            Some((m.start, m.end))
        };
        let anchored: Vec<Option<(usize, usize)>> = (self.corrections.iter())
            .map(|c| spans(&self.documents, c.doc_id(), c.measure_id()?))
            .collect();
        self.analyzer.set_model(model);
        for doc in &mut self.documents {
            if let Some(Ok(fresh)) = (self.inputs.get(&doc.id))
                .map(|input| self.analyzer.analyze_document(&doc.id, input))
            {
                self.analyses += 1;
                *doc = fresh;
            }
        }
        let documents = &self.documents;
        let follow = |c: Correction, at: Option<(usize, usize)>| -> Option<Correction> {
            let Some((start, end)) = at else {
                return Some(c);
            };
            let doc = documents.iter().find(|d| d.id == c.doc_id())?;
            let overlap =
                |m: &&crate::model::Measure| m.end.min(end).saturating_sub(m.start.max(start));
            let now = doc
                .measures
                .iter()
                .filter(|m| overlap(m) > 0)
                .max_by_key(overlap);
            match (c, now) {
                (
                    Correction::Recategorize {
                        doc_id, category, ..
                    },
                    Some(m),
                ) => Some(Correction::Recategorize {
                    doc_id,
                    measure_id: m.id.clone(),
                    category,
                }),
                (
                    Correction::Recategorize {
                        doc_id, category, ..
                    },
                    None,
                ) => Some(Correction::Add {
                    doc_id,
                    start,
                    end,
                    category,
                }),
                (Correction::Delete { doc_id, .. }, Some(m)) => Some(Correction::Delete {
                    doc_id,
                    measure_id: m.id.clone(),
                }),
                (Correction::Delete { .. }, None) => None,
                (added @ Correction::Add { .. }, _) => Some(added),
            }
        };
        self.corrections = std::mem::take(&mut self.corrections)
            .into_iter()
            .zip(anchored)
            .filter_map(|(c, at)| follow(c, at))
            .collect();
    }

    /// Edits document `id`'s metadata (merged over earlier edits); every view and export
    /// shows the edit, and it survives re-analysis and workspaces.
    pub fn edit_meta(&mut self, id: &str, edit: MetaEdit) -> Result<(), InputError> {
        if !self.documents.iter().any(|d| d.id == id) {
            return Err(InputError::refused(
                id,
                &IngestError::NoSuchDocument(id.to_string()),
            ));
        }
        let merged = self
            .meta_edits
            .get(id)
            .map_or_else(|| edit.clone(), |old| old.merged(&edit));
        self.meta_edits.insert(id.to_string(), merged);
        Ok(())
    }

    /// Forgets the user's metadata edits of document `id`.
    pub fn reset_meta(&mut self, id: &str) {
        self.meta_edits.remove(id);
    }

    /// The user's metadata edit of document `id`, if any.
    pub fn meta_edit(&self, id: &str) -> Option<&MetaEdit> {
        self.meta_edits.get(id)
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
            .map(|article| self.add_expanded(article))
            .collect()
    }

    /// Adds one article of [`container::expand`]'s list — analyzed, or its refusal kept —
    /// so that a caller can expand a container first and report progress per article.
    pub fn add_expanded(
        &mut self,
        article: Result<Input, (String, IngestError)>,
    ) -> Result<String, InputError> {
        match article {
            Ok(article) => self.add_article(&article),
            Err((name, e)) => Err(self.refuse(name, e)),
        }
    }

    fn refuse(&mut self, name: String, e: IngestError) -> InputError {
        let error = InputError::refused(name, &e);
        self.errors.push(error.clone());
        error
    }

    /// True when an article with the same bytes (read the same way) is loaded: adding it
    /// again is refused without an analysis.
    pub fn knows_bytes(&self, input: &Input) -> bool {
        self.loaded_with_bytes(input).is_some()
    }

    fn loaded_with_bytes(&self, input: &Input) -> Option<&String> {
        (self.inputs.iter())
            .find(|(_, kept)| kept.bytes == input.bytes && kept.encoding == input.encoding)
            .map(|(id, _)| id)
    }

    /// Adds one article analyzed elsewhere — by another web worker with this corpus's
    /// settings, under any provisional id: the document is renumbered to the id it gets
    /// here. Everything else is as [`Corpus::add_expanded`] (known bytes and duplicate texts
    /// refused, the refusal kept).
    pub fn add_analyzed(
        &mut self,
        input: &Input,
        analysis: Result<DocumentReport, IngestError>,
    ) -> Result<String, InputError> {
        self.add_article_with(input, |id, _| {
            analysis.map(|mut doc| {
                doc.renumber(id);
                doc
            })
        })
    }

    /// Analyzes and adds one article (not a container). The same bytes (read the same way)
    /// as a loaded document's are refused before any analysis; otherwise the cleaned text
    /// decides (the same article saved twice, as HTML and as text, is one document).
    fn add_article(&mut self, input: &Input) -> Result<String, InputError> {
        self.add_article_with(input, |id, analyzer| analyzer.analyze_document(id, input))
    }

    /// [`Corpus::add_article`] with the analysis given by `analyze(id, analyzer)`.
    fn add_article_with(
        &mut self,
        input: &Input,
        analyze: impl FnOnce(&str, &Analyzer) -> Result<DocumentReport, IngestError>,
    ) -> Result<String, InputError> {
        if let Some(first_id) = self.loaded_with_bytes(input) {
            let first = self
                .documents
                .iter()
                .find(|d| &d.id == first_id)
                .map_or_else(|| first_id.clone(), |d| d.name.clone());
            return Err(self.refuse(input.name.clone(), IngestError::Duplicate(first)));
        }
        let id = format!("d{}", self.next_id);
        self.analyses += 1;
        let outcome = analyze(&id, &self.analyzer).and_then(|doc| {
            match (self.documents.iter()).find(|d| crate::duplicates::same_article(d, &doc)) {
                Some(first) => Err(IngestError::Duplicate(first.name.clone())),
                None => Ok(doc),
            }
        });
        match outcome {
            Ok(doc) => {
                self.next_id += 1;
                self.documents.push(doc);
                self.inputs.insert(id.clone(), input.clone());
                Ok(id)
            }
            Err(e) => Err(self.refuse(input.name.clone(), e)),
        }
    }

    /// Adds every input — one request, within one [`container::Budget`] — calling
    /// `progress(done, total)` after each input.
    pub fn add_all(&mut self, inputs: &[Input], mut progress: impl FnMut(usize, usize)) {
        let budget = container::Budget::new();
        for (i, input) in inputs.iter().enumerate() {
            for article in container::expand_within(input, &budget) {
                let _ = self.add_expanded(article);
            }
            progress(i + 1, inputs.len());
        }
    }

    /// Removes a document; returns false when no document has that id.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.documents.len();
        self.documents.retain(|d| d.id != id);
        self.inputs.remove(id);
        self.corrections.retain(|c| c.doc_id() != id);
        self.meta_edits.remove(id);
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
        self.inputs.clear();
        self.corrections.clear();
        self.meta_edits.clear();
        if !self.learned_from.is_empty() {
            self.learned_from.clear();
            self.analyzer.set_model(crate::learn::Model::shipped());
        }
    }

    /// The report of the corpus as it stands: documents with the corrections applied,
    /// comparison, errors.
    pub fn report(&self) -> Report {
        self.report_for(&ReportView::default())
    }

    /// [`Corpus::report`] of what `view` keeps: the documents of its kind and issuer, and
    /// their measures the model is at least `min_confidence` sure of (a user's measure
    /// always stays). Every count, comparison and export follows.
    pub fn report_for(&self, view: &ReportView) -> Report {
        let mut documents: Vec<DocumentReport> = (self.documents.iter())
            .filter(|d| view.keeps(d, self.meta_edits.get(&d.id)))
            .cloned()
            .collect();
        let min_confidence = view.min_confidence;
        for doc in &mut documents {
            if let Some(edit) = self.meta_edits.get(&doc.id) {
                edit.apply(doc);
            }
        }
        corrections::apply_to_documents(
            &mut documents,
            &self.corrections,
            self.analyzer.taxonomy(),
        );
        if min_confidence > 0.0 {
            for doc in &mut documents {
                doc.measures
                    .retain(|m| m.correction.is_some() || m.confidence >= min_confidence);
            }
        }
        self.analyzer.assemble(documents, self.errors.clone())
    }

    /// The input document `id` was analyzed from (after container expansion), with the
    /// encoding and restored lines the user chose.
    pub fn input(&self, id: &str) -> Option<&Input> {
        self.inputs.get(id)
    }

    /// Analyzes document `id` again from its kept input, changed by `change`, in place and
    /// under the same id. On failure nothing changes and the error says why (it is not
    /// added to [`Corpus::errors`]: the document is still there).
    fn reanalyze(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut Input) -> Result<(), IngestError>,
    ) -> Result<(), InputError> {
        let missing = || InputError::refused(id, &IngestError::NoSuchDocument(id.to_string()));
        let pos = self
            .documents
            .iter()
            .position(|d| d.id == id)
            .ok_or_else(missing)?;
        let mut input = self.inputs.get(id).cloned().ok_or_else(missing)?;
        let name = input.name.clone();
        let fail = |e: IngestError| InputError::refused(name.clone(), &e);
        change(&mut input).map_err(fail)?;
        self.analyses += 1;
        let doc = self.analyzer.analyze_document(id, &input).map_err(fail)?;
        if let Some(other) = self
            .documents
            .iter()
            .find(|d| d.id != id && crate::duplicates::same_article(d, &doc))
        {
            return Err(fail(IngestError::Duplicate(other.name.clone())));
        }
        if let Some(slot) = self.documents.get_mut(pos) {
            // Another text moves every offset and renumbers the measures: the document's
            // corrections no longer point where the user meant.
            if slot.text != doc.text {
                self.corrections.retain(|c| c.doc_id() != id);
            }
            *slot = doc;
        }
        self.inputs.insert(id.to_string(), input);
        Ok(())
    }

    /// Decodes document `id` again as `encoding` (an `encoding_rs` label: `gbk`, `big5`,
    /// `utf-16le` …, see [`super::decode::ENCODINGS`]; `None` goes back to detection) and
    /// analyzes it again under the same id. Lines restored earlier are forgotten (another
    /// decoding has other lines). An unknown label, or a decoding that fails, leaves the
    /// document as it was.
    pub fn redecode(&mut self, id: &str, encoding: Option<&str>) -> Result<(), InputError> {
        self.reanalyze(id, |input| {
            if let Some(label) = encoding {
                super::decode::encoding_name(label)?;
            }
            input.encoding = encoding.map(|l| l.trim().to_string());
            input.keep_lines.clear();
            Ok(())
        })
    }

    /// Puts back the line that entry `removed_index` of document `id`'s `removed` list came
    /// from (a boilerplate line, a closing credit, a blob) and analyzes the document again
    /// under the same id. Entries whose `removed_lines` is `None` (front matter, page
    /// markers) cannot be restored.
    pub fn restore_line(&mut self, id: &str, removed_index: usize) -> Result<(), InputError> {
        let line = self
            .documents
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.removed_lines.get(removed_index).copied().flatten());
        self.reanalyze(id, |input| {
            let line = line
                .flatten()
                .ok_or(IngestError::NotRestorable(removed_index))?;
            if !input.keep_lines.contains(&line) {
                input.keep_lines.push(line);
            }
            Ok(())
        })
    }

    /// Undoes every [`Corpus::restore_line`] of document `id`: the cleaner's rules again.
    pub fn reset_lines(&mut self, id: &str) -> Result<(), InputError> {
        self.reanalyze(id, |input| {
            input.keep_lines.clear();
            Ok(())
        })
    }

    /// The user's corrections, in the order made.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Records a correction after checking that it applies to the document as corrected so
    /// far; a refused one (unknown document, measure or category, a selection outside the
    /// text) changes nothing and says why.
    pub fn correct(&mut self, c: Correction) -> Result<(), InputError> {
        let doc = self.documents.iter().find(|d| d.id == c.doc_id());
        let corrected = doc.map(|d| {
            let mut one = [d.clone()];
            let mine: Vec<Correction> = self
                .corrections
                .iter()
                .filter(|x| x.doc_id() == d.id)
                .cloned()
                .collect();
            corrections::apply_to_documents(&mut one, &mine, self.analyzer.taxonomy());
            let [one] = one;
            one
        });
        match corrections::check(corrected.as_ref(), &c, self.analyzer.taxonomy()) {
            Ok(()) => {
                self.corrections.push(c);
                Ok(())
            }
            Err(e) => Err(InputError::new(
                doc.map_or_else(|| c.doc_id().to_string(), |d| d.name.clone()),
                e.message(),
            )),
        }
    }

    /// Drops the correction at `index` (nothing happens past the end); corrections of a
    /// measure an undone addition created go with it.
    pub fn undo_correction(&mut self, index: usize) {
        self.corrections = corrections::without(&self.corrections, index);
    }

    /// The workspace of this corpus: every document's input, with its id, and the
    /// corrections. The taxonomy, dictionary, stop words and settings are the caller's to
    /// fill in (the corpus holds the analyzer built from them, not their text).
    pub fn workspace(&self) -> Workspace {
        let inputs = self
            .documents
            .iter()
            .filter_map(|d| {
                let input = self.inputs.get(&d.id)?;
                Some(SavedInput {
                    id: Some(d.id.clone()),
                    meta: self.meta_edits.get(&d.id).cloned(),
                    ..SavedInput::of(input)
                })
            })
            .collect();
        let text = |s: &String| Some(s.clone()).filter(|s| !s.trim().is_empty());
        Workspace {
            inputs,
            corrections: self.corrections.clone(),
            taxonomy: self.settings.taxonomy.clone(),
            dictionary: text(&self.settings.dictionary),
            stopwords: text(&self.settings.stopwords),
            learned_from: self.learned_from.clone(),
            ..Workspace::default()
        }
    }

    /// Replaces the corpus by the workspace's documents (analyzed again, under their saved
    /// ids where possible) and corrections. Returns what could not be restored: refused
    /// inputs and corrections that no longer apply (also kept in [`Corpus::errors`]).
    /// The workspace's taxonomy, dictionary and stop words are applied first; if they are
    /// refused, the corpus keeps its own and the refusal is the first error returned.
    pub fn restore(&mut self, w: &Workspace) -> Vec<InputError> {
        self.restore_with(w, |_| None)
    }

    /// [`Corpus::restore`] with some articles analyzed elsewhere (by a helper worker, with
    /// the workspace's lexicons): `analyzed(k)` gives the analysis of the workspace's input
    /// `k`, under any provisional id, or `None` to analyze it here.
    pub fn restore_with(
        &mut self,
        w: &Workspace,
        mut analyzed: impl FnMut(usize) -> Option<Result<DocumentReport, IngestError>>,
    ) -> Vec<InputError> {
        self.clear();
        let mut errors = Vec::new();
        let settings = w.lexicons();
        if settings != self.settings {
            if let Err(e) = self.set_settings(settings) {
                errors.push(InputError::new("workspace", e.message()));
            }
        }
        self.next_id = 1;
        let saved_number = |id: &Option<String>| {
            id.as_deref()
                .and_then(|i| i.strip_prefix('d')?.parse::<usize>().ok())
                .filter(|&n| n > 0)
        };
        let mut highest = w
            .inputs
            .iter()
            .filter_map(|s| saved_number(&s.id))
            .max()
            .unwrap_or(0);
        let mut renamed: BTreeMap<String, String> = BTreeMap::new();
        for (k, saved) in w.inputs.iter().enumerate() {
            // A container (only in a hand-made workspace) expands to several ids: fresh ones.
            let wanted = saved_number(&saved.id)
                .filter(|n| !self.documents.iter().any(|d| d.id == format!("d{n}")))
                .filter(|_| !container::is_container(&saved.name));
            self.next_id = wanted.unwrap_or(highest + 1);
            let input = saved.input();
            let outcomes = match analyzed(k) {
                Some(analysis) if !container::is_container(&saved.name) => {
                    vec![self.add_analyzed(&input, analysis)]
                }
                _ => self.add(&input),
            };
            for outcome in outcomes {
                match outcome {
                    Ok(id) => {
                        highest = highest.max(id[1..].parse().unwrap_or(0));
                        if let Some(edit) = &saved.meta {
                            self.meta_edits.insert(id.clone(), edit.clone());
                        }
                        if let Some(old) = saved.id.as_ref().filter(|old| **old != id) {
                            renamed.insert(old.clone(), id);
                        }
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        self.next_id = highest + 1;
        if !w.learned_from.is_empty() {
            self.refit_from(w.learned_from.iter().map(|c| rename(c, &renamed)).collect());
        }
        for c in &w.corrections {
            let c = rename(c, &renamed);
            if let Err(e) = self.correct(c) {
                self.errors.push(e.clone());
                errors.push(e);
            }
        }
        errors
    }
}

/// `c` with its document (and the document part of its measure id) renamed.
fn rename(c: &Correction, renamed: &BTreeMap<String, String>) -> Correction {
    let Some(new) = renamed.get(c.doc_id()) else {
        return c.clone();
    };
    let old = c.doc_id();
    let measure = |m: &String| {
        m.strip_prefix(old)
            .filter(|rest| rest.starts_with('-'))
            .map_or_else(|| m.clone(), |rest| format!("{new}{rest}"))
    };
    match c.clone() {
        Correction::Recategorize {
            measure_id,
            category,
            ..
        } => Correction::Recategorize {
            doc_id: new.clone(),
            measure_id: measure(&measure_id),
            category,
        },
        Correction::Delete { measure_id, .. } => Correction::Delete {
            doc_id: new.clone(),
            measure_id: measure(&measure_id),
        },
        Correction::Add {
            start,
            end,
            category,
            ..
        } => Correction::Add {
            doc_id: new.clone(),
            start,
            end,
            category,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

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
    fn adding_one_document_analyzes_only_that_one_and_known_bytes_none() {
        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        c.add(&Input::new("b.txt", B));
        assert_eq!(c.analyses(), 2);
        let more = "各地要组织企业开展线上招聘，落实稳岗返还政策。";
        assert!(c.add(&Input::new("c.txt", more))[0].is_ok());
        assert_eq!(
            c.analyses(),
            3,
            "the two loaded documents are not analyzed again"
        );
        assert_eq!(c.report().comparison.matrix["labor"].len(), 3);

        // The same bytes again, under another name: refused without an analysis.
        let dup = c
            .add(&Input::new("copy of b.txt", B))
            .remove(0)
            .unwrap_err();
        assert!(dup.message.contains("b.txt"), "{}", dup.message);
        assert_eq!(c.analyses(), 3);
        // Read in another encoding they are another input, analyzed (and here refused as
        // the same cleaned text).
        let mut forced = Input::new("b-utf8.txt", B);
        forced.encoding = Some("utf-8".into());
        assert!(c.add(&forced)[0].is_err());
        assert_eq!(c.analyses(), 4);
        // Once removed, the same bytes are welcome again.
        assert!(c.remove("d2"));
        assert!(c.add(&Input::new("b.txt", B))[0].is_ok());
        assert_eq!(c.documents().len(), 3);
    }

    #[test]
    fn a_document_analyzed_elsewhere_joins_under_its_own_id() {
        let helper = Analyzer::new();
        let mut direct = Corpus::new();
        direct.add(&Input::new("a.txt", A));
        direct.add(&Input::new("b.txt", B));

        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        let b = Input::new("b.txt", B);
        assert!(!c.knows_bytes(&b));
        let elsewhere = helper.analyze_document("tmp", &b);
        assert_eq!(c.add_analyzed(&b, elsewhere), Ok("d2".to_string()));
        assert_eq!(c.report(), direct.report(), "as if analyzed here");
        assert!(c.documents()[1]
            .measures
            .iter()
            .all(|m| m.id.starts_with("d2-m")));
        assert_eq!(c.analyses(), 2);

        // Known bytes, a duplicate text and a failed analysis are refused and kept.
        assert!(c.knows_bytes(&b));
        let again = helper.analyze_document("tmp", &b);
        assert!(c
            .add_analyzed(&b, again)
            .unwrap_err()
            .message
            .contains("b.txt"));
        let copy = Input::new("copy.txt", format!("{B}\n"));
        let same_text = helper.analyze_document("tmp", &copy);
        assert!(c.add_analyzed(&copy, same_text).is_err());
        let empty = Input::new("empty.txt", "");
        let failed = helper.analyze_document("tmp", &empty);
        assert!(c.add_analyzed(&empty, failed).is_err());
        assert_eq!(c.errors().len(), 3);
        assert_eq!(c.documents().len(), 2);
        assert_eq!(
            c.add(&Input::new("c.txt", "各地要组织企业开展线上招聘。"))[0],
            Ok("d3".into())
        );
    }

    #[test]
    fn a_restore_takes_analyses_made_elsewhere() {
        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        c.add(&Input::new("b.txt", B));
        c.add(&Input::new(
            "c.txt",
            "各地要组织企业开展线上招聘，落实稳岗返还政策。",
        ));
        assert!(c.remove("d1"));
        let saved = c.workspace();

        let mut here = Corpus::new();
        here.restore(&saved);
        let helper = Analyzer::new();
        let mut shared = Corpus::new();
        let mut asked = Vec::new();
        let errors = shared.restore_with(&saved, |k| {
            asked.push(k);
            (k % 2 == 1).then(|| helper.analyze_document("d0", &saved.inputs[k].input()))
        });
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(asked, [0, 1]);
        assert_eq!(shared.report(), here.report());
        let ids: Vec<&str> = shared.documents().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d2", "d3"], "the saved ids");
        assert_eq!(shared.workspace(), saved);
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
    fn meta_edits_flow_into_the_report_and_the_workspace() {
        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        c.add(&Input::new("b.txt", B));
        let edit = MetaEdit {
            title: Some("改过的标题".into()),
            date: Some(Date {
                year: Some(2020),
                month: Some(2),
                day: None,
            }),
            ..MetaEdit::default()
        };
        c.edit_meta("d1", edit).unwrap();
        c.edit_meta(
            "d1",
            MetaEdit {
                place: Some("乌海市".into()),
                ..MetaEdit::default()
            },
        )
        .unwrap();
        assert!(c.edit_meta("d9", MetaEdit::default()).is_err());
        let report = c.report();
        let d1 = &report.documents[0].meta;
        assert_eq!(d1.title.as_deref(), Some("改过的标题"));
        assert_eq!(d1.date.display(), "2020-02");
        assert_eq!(d1.place.as_deref(), Some("乌海市"));
        assert_eq!(d1.places[0], "乌海市");
        // Clearing with an empty string, and the edit travels in a workspace.
        c.edit_meta(
            "d2",
            MetaEdit {
                place: Some(String::new()),
                ..MetaEdit::default()
            },
        )
        .unwrap();
        let w = c.workspace();
        let mut again = Corpus::new();
        assert!(again.restore(&w).is_empty());
        let r = again.report();
        assert_eq!(r.documents[0].meta.title.as_deref(), Some("改过的标题"));
        assert_eq!(r.documents[1].meta.place, None);
        assert!(c.remove("d1"));
        assert!(c.meta_edit("d1").is_none());
    }

    #[test]
    fn the_model_learns_from_corrections_keeps_them_and_travels_in_the_workspace() {
        if crate::learn::Model::shipped().is_none() {
            return;
        }
        let mut t = crate::taxonomy::Taxonomy::default();
        let mut power = t.categories[0].clone();
        power.id = "power".into();
        power.label = "电力保障".into();
        power.cues = [("电价".to_string(), 1.0)].into_iter().collect();
        t.categories.push(power);
        let mut c = Corpus::new();
        c.set_settings(AnalyzerSettings {
            taxonomy: Some(serde_json::to_string(&t).unwrap()),
            ..AnalyzerSettings::default()
        })
        .unwrap();
        c.add(&Input::new(
            "a.txt",
            "一、保障企业生产。要优先保障重点企业电网检修和用电负荷需求，电力企业要开辟用电报装绿色通道。\
             二、对用电量大的工业企业实行电价优惠，阶段性降低企业用电成本。\
             三、供电部门要做好迎峰度夏电网运行调度，确保居民和企业用电不断供。\
             四、加大对小微企业的贷款投放，降低融资成本。",
        ));
        let fourth = "县供电公司要加强电网巡检，保障园区企业用电稳定，实行“不停电”检修。同时要加大稳岗返还力度。";
        c.add(&Input::new("b.txt", fourth));
        let grid = |c: &Corpus| {
            let report = c.report();
            (report.documents[1].measures.iter())
                .find(|m| m.text.contains("电网巡检"))
                .map(|m| m.category.clone())
        };
        assert_ne!(grid(&c).as_deref(), Some("power"));
        let power: Vec<(String, (usize, usize))> = (c.documents()[0].measures.iter())
            .filter(|m| m.text.contains('电'))
            .map(|m| (m.id.clone(), (m.start, m.end)))
            .collect();
        assert!(power.len() >= 3);
        for (id, _) in &power {
            c.correct(Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: id.clone(),
                category: "power".into(),
            })
            .unwrap();
        }
        c.learn();
        assert_eq!(c.learned(), power.len());
        assert_eq!(
            grid(&c).as_deref(),
            Some("power"),
            "the fourth is suggested"
        );
        // The corrections stay as made: what is at their places is in the user's category.
        let report = c.report();
        for (_, (start, end)) in &power {
            let m =
                (report.documents[0].measures.iter()).find(|m| m.start < *end && *start < m.end);
            assert_eq!(
                m.map(|m| m.category.as_str()),
                Some("power"),
                "{start}–{end}"
            );
        }
        // Kept in the workspace, learned again on restore.
        let w = c.workspace();
        assert_eq!(w.learned_from.len(), power.len());
        let mut again = Corpus::new();
        assert!(again.restore(&w).is_empty());
        assert_eq!(again.learned(), power.len());
        assert_eq!(grid(&again).as_deref(), Some("power"));
        // Reset: the shipped model again.
        again.reset_model();
        assert_eq!(again.learned(), 0);
        assert_ne!(grid(&again).as_deref(), Some("power"));
        assert!(again.workspace().learned_from.is_empty());
    }

    #[test]
    fn measures_below_the_confidence_asked_for_leave_every_count() {
        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        c.add(&Input::new("b.txt", B));
        let all = c.report();
        let confidences: Vec<f32> = (all.documents.iter())
            .flat_map(|d| d.measures.iter().map(|m| m.confidence))
            .collect();
        let median = {
            let mut v = confidences.clone();
            v.sort_by(f32::total_cmp);
            v[v.len() / 2]
        };
        let sure = c.report_for(&ReportView {
            min_confidence: median,
            ..ReportView::default()
        });
        let kept: usize = sure.documents.iter().map(|d| d.measures.len()).sum();
        assert_eq!(kept, confidences.iter().filter(|&&p| p >= median).count());
        assert!(kept < confidences.len());
        let counted: usize = (sure.comparison.matrix.iter())
            .flat_map(|(_, row)| row.values())
            .map(|&n| n as usize)
            .sum();
        let before: usize = (all.comparison.matrix.iter())
            .flat_map(|(_, row)| row.values())
            .map(|&n| n as usize)
            .sum();
        assert!(counted < before, "the matrix follows");
        assert_eq!(c.report_for(&ReportView::default()), all);
        // Documents by kind and issuer.
        c.edit_meta(
            "d2",
            MetaEdit {
                kind: Some("interview".into()),
                issuer: Some("某某试验局".into()),
                ..MetaEdit::default()
            },
        )
        .unwrap();
        let ids = |v: ReportView| -> Vec<String> {
            c.report_for(&v)
                .documents
                .iter()
                .map(|d| d.id.clone())
                .collect()
        };
        let kind = |k: &str| ReportView {
            kind: k.into(),
            ..ReportView::default()
        };
        assert_eq!(ids(kind("interview")), ["d2"]);
        let issuer = ReportView {
            issuer: "试验局".into(),
            ..ReportView::default()
        };
        assert_eq!(ids(issuer), ["d2"]);
        let matrix = c.report_for(&kind("interview")).comparison.matrix;
        assert!(matrix.values().flat_map(|r| r.keys()).all(|d| d == "d2"));
    }

    #[test]
    fn kind_issuer_and_number_are_edited_like_the_other_fields() {
        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        let edit = MetaEdit {
            kind: Some("implementation_plan".into()),
            issuer: Some("市人民政府办公厅、 市财政局".into()),
            doc_number: Some("筑府办发〔2020〕5号".into()),
            ..MetaEdit::default()
        };
        c.edit_meta("d1", edit).unwrap();
        let meta = &c.report().documents[0].meta;
        assert_eq!(meta.kind.as_deref(), Some("implementation_plan"));
        assert_eq!(meta.issuer, ["市人民政府办公厅", "市财政局"]);
        assert_eq!(meta.doc_number.as_deref(), Some("筑府办发〔2020〕5号"));
        // A kind the report does not know is not taken; empty texts clear.
        let clear = MetaEdit {
            kind: Some("poem".into()),
            issuer: Some(String::new()),
            doc_number: Some(" ".into()),
            ..MetaEdit::default()
        };
        c.edit_meta("d1", clear).unwrap();
        let meta = &c.report().documents[0].meta;
        assert_eq!((meta.kind.as_deref(), meta.issuer.len()), (None, 0));
        assert_eq!(meta.doc_number, None);
    }

    #[test]
    fn new_settings_reanalyze_every_document_under_the_same_ids() {
        let mut c = Corpus::new();
        c.add(&Input::new("a.txt", A));
        c.add(&Input::new("b.txt", B));
        c.remove("d1");
        let mut taxonomy: serde_json::Value =
            serde_json::from_str(&crate::settings::default_taxonomy_json()).unwrap();
        taxonomy[3]["label"] = serde_json::Value::from("金融服务");
        let settings = AnalyzerSettings {
            taxonomy: Some(taxonomy.to_string()),
            dictionary: String::new(),
            stopwords: "融资成本\n".into(),
        };
        assert!(c.set_settings(settings.clone()).unwrap().is_empty());
        let report = c.report();
        assert_eq!(report.documents.len(), 1);
        assert_eq!(report.documents[0].id, "d2");
        assert!(report
            .taxonomy
            .iter()
            .any(|t| t.id == "finance" && t.label == "金融服务"));
        assert!(report.documents[0]
            .keywords
            .iter()
            .all(|k| k.word != "融资成本"));
        // A bad taxonomy changes nothing.
        let bad = AnalyzerSettings {
            taxonomy: Some("[]".into()),
            ..AnalyzerSettings::default()
        };
        assert!(c.set_settings(bad).is_err());
        assert_eq!(c.settings(), &settings);
        // The settings travel in a workspace.
        let w = c.workspace();
        assert_eq!(w.stopwords.as_deref(), Some("融资成本\n"));
        let mut again = Corpus::new();
        assert!(again.restore(&w).is_empty());
        assert_eq!(again.settings(), &settings);
        assert_eq!(again.report().documents[0].id, "d2");
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
