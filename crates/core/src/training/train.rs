//! Training and honest evaluation of the learned model on the annotated articles.
//!
//! An annotation lists each measure by keys that must all occur in a reported measure's
//! text or sentence (`tests/fixtures/gold/README.md`). To turn that into examples, each
//! gold measure is located in every sentence whose text holds all its keys (compared
//! without white space, quotes and 、, as `scripts/score.py` does); the clauses from the
//! first key to the last are that measure's span. A clause in some span is a positive
//! example of the measure head; any other clause is a negative one — at full weight for
//! the development set, whose annotations are exhaustive, at [`SEED_NEGATIVE`] for the
//! seeds, whose annotations may not be. Two neighbouring positive clauses are a join
//! example (positive when one span holds both); each span is a category example (its
//! primary category positive, the `also` ones positive at half weight, the rest negative).
//!
//! [`cross_validate`] splits the articles into k folds (article `i` in fold `i mod k`,
//! by name order), trains on k − 1 and analyzes the held-out fold, so no clause of a test
//! article is ever trained on, and scores it as `score.py` does, per source, for the rules
//! and for the model (both after the pipeline's structure filter). Its out-of-fold raw
//! scores calibrate the confidence: [`fit_platt`] on the points of the exhaustively
//! annotated articles, stored in the shipped model by [`train_all`]; the table reports
//! the reliability (Brier score, ECE, bins) of each fold calibrated on the others.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::classify::Classifier;
use crate::learn::features;
use crate::learn::logreg::{Example, Features, Fit, Head};
use crate::learn::Model;
use crate::measures::{self, Scan, SentenceView};
use crate::model::{DocumentReport, Measure};
use crate::pipeline::{prepare, Input};
use crate::segment::Segmenter;
use crate::taxonomy::Taxonomy;

/// The weight of a seed article's negative examples (its annotations may miss measures).
pub const SEED_NEGATIVE: f32 = 0.3;
/// The clause probability from which a clause is reported.
pub const THRESHOLD: f32 = 0.2;

/// One measure of an annotation.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldMeasure {
    pub category: String,
    #[serde(default)]
    pub also: Vec<String>,
    pub keys: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
struct GoldFile {
    measures: Vec<GoldMeasure>,
}

/// One annotated article.
#[derive(Clone, Debug)]
pub struct Article {
    pub name: String,
    pub bytes: Vec<u8>,
    pub measures: Vec<GoldMeasure>,
    /// `seeds`, or the development set's part (`a` … `d`).
    pub source: String,
    /// Every measure is annotated (the development set).
    pub exhaustive: bool,
}

/// Reads the seeds (`seeds/` + `gold/`) and the development set (`dev/docs` + `dev/gold`)
/// under `fixtures`, sorted by name.
pub fn load_fixtures(fixtures: &std::path::Path) -> std::io::Result<Vec<Article>> {
    let mut out = Vec::new();
    let sets = [
        (fixtures.join("seeds"), fixtures.join("gold"), false),
        (fixtures.join("dev/docs"), fixtures.join("dev/gold"), true),
    ];
    for (docs, gold, exhaustive) in sets {
        let mut names: Vec<String> = std::fs::read_dir(&docs)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for name in names {
            let gold_path = gold.join(name.replace(".txt", ".json"));
            let Ok(json) = std::fs::read_to_string(&gold_path) else {
                continue;
            };
            let g: GoldFile = serde_json::from_str(&json)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            let source = if exhaustive {
                name.split('_').next().unwrap_or("dev").to_string()
            } else {
                "seeds".to_string()
            };
            out.push(Article {
                bytes: std::fs::read(docs.join(&name))?,
                name,
                measures: g.measures,
                source,
                exhaustive,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// What the scorer ignores: white space, quote marks, book-title marks, 、 and dots.
fn dropped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '「'
                | '」'
                | '『'
                | '』'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '、'
                | '·'
                | '•'
        )
}

/// `text` without the chars the scorer ignores, and each kept char's index in `text`.
fn normalized(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::new();
    let mut at = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !dropped(c) {
            out.push(c);
            at.push(i);
        }
    }
    (out, at)
}

fn norm_str(s: &str) -> Vec<char> {
    s.chars().filter(|&c| !dropped(c)).collect()
}

fn occurrences(hay: &[char], key: &[char]) -> Vec<usize> {
    if key.is_empty() || key.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - key.len())
        .filter(|&i| hay[i..i + key.len()] == *key)
        .collect()
}

fn contains(hay: &[char], key: &[char]) -> bool {
    !occurrences(hay, key).is_empty()
}

/// The smallest window of `sentence` (char offsets into it) holding one occurrence of each
/// key, if all occur.
fn key_window(sentence: &[char], keys: &[Vec<char>]) -> Option<(usize, usize)> {
    let (norm, at) = normalized(sentence);
    let occ: Vec<Vec<usize>> = keys.iter().map(|k| occurrences(&norm, k)).collect();
    if occ.iter().any(|o| o.is_empty()) {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for &anchor in &occ[0] {
        let (mut lo, mut hi) = (anchor, anchor + keys[0].len());
        for (o, k) in occ.iter().zip(keys).skip(1) {
            let &p = o.iter().min_by_key(|&&p| p.abs_diff(anchor))?;
            lo = lo.min(p);
            hi = hi.max(p + k.len());
        }
        if best.is_none_or(|(a, b)| hi - lo < b - a) {
            best = Some((lo, hi));
        }
    }
    best.map(|(lo, hi)| (at[lo], at[hi - 1] + 1))
}

/// The examples one article gives.
#[derive(Clone, Debug, Default)]
pub struct ArticleExamples {
    pub clauses: Vec<Example>,
    pub joins: Vec<Example>,
    /// Features of a gold span, its primary category, its other categories.
    pub spans: Vec<(Features, String, Vec<String>)>,
}

/// The shared tools of training: dictionary, taxonomy, cue lexicon.
pub struct Kit {
    pub segmenter: Segmenter,
    pub taxonomy: Taxonomy,
    pub classifier: Classifier,
}

impl Kit {
    pub fn new() -> Self {
        let taxonomy = Taxonomy::default();
        Kit {
            segmenter: Segmenter::new(),
            classifier: Classifier::new(&taxonomy),
            taxonomy,
        }
    }

    fn ids(&self) -> Vec<String> {
        self.taxonomy
            .categories
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }

    /// Runs `visit` over the sentences of `bytes` as the pipeline cleans it; returns the
    /// rules' measures and the prepared report.
    fn walk(
        &self,
        name: &str,
        bytes: &[u8],
        visit: impl FnMut(&SentenceView),
    ) -> (DocumentReport, Vec<Measure>) {
        let prepared = prepare("d1", &Input::new(name, bytes.to_vec()))
            .expect("a fixture article is readable");
        let (doc, chars, slogans) = prepared.parts();
        let scan = Scan {
            chars,
            slogans,
            figures: &doc.figures,
        };
        let mut rules = measures::walk(
            "d1",
            &scan,
            &self.segmenter,
            &self.taxonomy,
            &self.classifier,
            visit,
        );
        // As the pipeline does after either path.
        crate::structure::drop_outside_body(&mut rules, &doc.meta.structure, &doc.text);
        (doc.clone(), rules)
    }

    /// The model's measures of one article as the pipeline reports them (structure filter
    /// included), as document `id`.
    pub fn analyze(&self, id: &str, name: &str, bytes: &[u8], model: &Model) -> DocumentReport {
        let prepared =
            prepare(id, &Input::new(name, bytes.to_vec())).expect("a fixture article is readable");
        let (doc, chars, slogans) = prepared.parts();
        let scan = Scan {
            chars,
            slogans,
            figures: &doc.figures,
        };
        let mut doc = doc.clone();
        doc.measures = measures::extract_model(
            id,
            &scan,
            &self.segmenter,
            &self.taxonomy,
            &self.classifier,
            model,
        );
        crate::structure::drop_outside_body(&mut doc.measures, &doc.meta.structure, &doc.text);
        doc
    }

    /// The examples of one article.
    pub fn examples(&self, article: &Article) -> ArticleExamples {
        let ids = self.ids();
        let keys: Vec<Vec<Vec<char>>> = article
            .measures
            .iter()
            .map(|m| m.keys.iter().map(|k| norm_str(k)).collect())
            .collect();
        let mut out = ArticleExamples::default();
        let neg = if article.exhaustive {
            1.0
        } else {
            SEED_NEGATIVE
        };
        self.walk(&article.name, &article.bytes, |view| {
            let s = view.sentence;
            let chars: Vec<char> = view.chars[s.start..s.end].to_vec();
            let n = view.clauses.len();
            // Spans: (first clause, last clause, gold measure).
            let mut spans: Vec<(usize, usize, usize)> = Vec::new();
            for (g, k) in keys.iter().enumerate() {
                let Some((a, b)) = key_window(&chars, k) else {
                    continue;
                };
                let (a, b) = (a + s.start, b + s.start);
                let inside: Vec<usize> = (0..n)
                    .filter(|&i| view.clauses[i].start < b && a < view.clauses[i].end)
                    .collect();
                if let (Some(&f), Some(&l)) = (inside.first(), inside.last()) {
                    spans.push((f, l, g));
                }
            }
            let positive: Vec<bool> = (0..n)
                .map(|i| spans.iter().any(|&(f, l, _)| f <= i && i <= l))
                .collect();
            for i in 0..n {
                out.clauses.push(Example {
                    x: features::clause(view, i, &ids),
                    y: if positive[i] { 1.0 } else { 0.0 },
                    weight: if positive[i] { 1.0 } else { neg },
                });
                if i > 0 && positive[i] && positive[i - 1] {
                    let together = spans.iter().any(|&(f, l, _)| f < i && i <= l);
                    let first = spans
                        .iter()
                        .filter(|&&(f, l, _)| f <= i - 1 && i - 1 <= l)
                        .map(|&(f, _, _)| f)
                        .min()
                        .unwrap_or(i - 1);
                    out.joins.push(Example {
                        x: features::join(view, first, i, &ids),
                        y: if together { 1.0 } else { 0.0 },
                        weight: 1.0,
                    });
                }
            }
            for &(f, l, g) in &spans {
                let m = &article.measures[g];
                out.spans.push((
                    features::category(view, f, l, &ids),
                    m.category.clone(),
                    m.also.clone(),
                ));
            }
        });
        out
    }
}

impl Default for Kit {
    fn default() -> Self {
        Self::new()
    }
}

/// How the heads are fit.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub measure: Fit,
    pub join: Fit,
    pub category: Fit,
    pub threshold: f32,
    pub join_threshold: f32,
    pub weak_threshold: f32,
    /// Weights smaller than this are dropped from the model.
    pub prune: f32,
    /// Cross-validation scores the category heads on the reference spans only (fast; for
    /// experiments).
    pub spans_only: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            measure: Fit {
                l2: 1e-3,
                steps: 150,
                rate: 0.3,
            },
            join: Fit {
                l2: 1e-3,
                steps: 150,
                rate: 0.3,
            },
            category: Fit {
                l2: 1e-3,
                steps: 150,
                rate: 0.3,
            },
            threshold: THRESHOLD,
            // Chosen by 5-fold cross-validation (docs/model.md): a weak clause may join
            // a measure, so that its text holds the whole action (recall_in_text), at no
            // cost to the share of reported measures that match.
            join_threshold: 0.5,
            weak_threshold: 0.03,
            prune: 2e-3,
            spans_only: false,
        }
    }
}

/// The category-head examples of `id` from gold spans.
pub fn category_examples(spans: &[&(Features, String, Vec<String>)], id: &str) -> Vec<Example> {
    spans
        .iter()
        .map(|(x, primary, also)| {
            let (y, weight) = if primary == id {
                (1.0, 1.0)
            } else if also.iter().any(|a| a == id) {
                // Reporting an `also` category counts as right: the head learns the chance
                // that its category is acceptable.
                (1.0, 1.0)
            } else {
                (0.0, 1.0)
            };
            Example {
                x: x.clone(),
                y,
                weight,
            }
        })
        .collect()
}

/// Fits a model on the examples of some articles.
pub fn fit(examples: &[&ArticleExamples], ids: &[String], settings: &Settings) -> Model {
    let clauses: Vec<Example> = examples
        .iter()
        .flat_map(|e| e.clauses.iter().cloned())
        .collect();
    let joins: Vec<Example> = examples
        .iter()
        .flat_map(|e| e.joins.iter().cloned())
        .collect();
    let spans: Vec<&(Features, String, Vec<String>)> =
        examples.iter().flat_map(|e| e.spans.iter()).collect();
    let (mut measure, mut join) = if settings.spans_only {
        (Head::default(), Head::default())
    } else {
        (
            Head::fit(&clauses, None, settings.measure),
            Head::fit(&joins, None, settings.join),
        )
    };
    measure.prune(settings.prune);
    join.prune(settings.prune);
    let categories = ids
        .iter()
        .map(|id| {
            let mut h = Head::fit(&category_examples(&spans, id), None, settings.category);
            h.prune(settings.prune);
            (id.clone(), h)
        })
        .collect();
    Model {
        measure,
        join,
        categories,
        threshold: settings.threshold,
        join_threshold: settings.join_threshold,
        weak_threshold: settings.weak_threshold,
        corrections: 0,
        calibration: None,
    }
    .quantized()
}

/// The folds of the cross-validation whose out-of-fold scores calibrate the shipped model.
pub const CALIBRATION_FOLDS: usize = 5;

/// Trains the shipped model on every article, its confidence calibrated on the
/// out-of-fold scores of a [`CALIBRATION_FOLDS`]-fold [`cross_validate`].
pub fn train_all(kit: &Kit, articles: &[Article], settings: &Settings) -> Model {
    let cv = cross_validate(kit, articles, CALIBRATION_FOLDS, settings);
    train_calibrated(kit, articles, settings, &cv)
}

/// [`train_all`] with the cross-validation already run.
pub fn train_calibrated(
    kit: &Kit,
    articles: &[Article],
    settings: &Settings,
    cv: &CvResult,
) -> Model {
    let examples: Vec<ArticleExamples> = articles.iter().map(|a| kit.examples(a)).collect();
    let refs: Vec<&ArticleExamples> = examples.iter().collect();
    let mut model = fit(&refs, &kit.ids(), settings);
    model.calibration = Some(fit_platt(&cv.points));
    model.quantized()
}

/// One reported measure of the cross-validation: its article, raw score, and whether it
/// matches a reference measure of its category.
#[derive(Clone, Copy, Debug)]
pub struct Point {
    pub article: usize,
    pub raw: f32,
    pub right: bool,
    /// From an exhaustively annotated article (only those calibrate: a seed measure that
    /// matches no reference may still be one).
    pub exhaustive: bool,
}

fn logit(p: f32) -> f64 {
    let p = (p as f64).clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Platt scaling: (a, b) of `σ(a·logit(raw) + b)` fit to the points of exhaustively
/// annotated articles by weighted logistic regression (deterministic).
pub fn fit_platt(points: &[Point]) -> (f32, f32) {
    let examples: Vec<Example> = points
        .iter()
        .filter(|p| p.exhaustive)
        .map(|p| Example {
            x: vec![(0, logit(p.raw) as f32)],
            y: if p.right { 1.0 } else { 0.0 },
            weight: 1.0,
        })
        .collect();
    if examples.is_empty() {
        return (1.0, 0.0);
    }
    let h = Head::fit(
        &examples,
        None,
        Fit {
            l2: 1e-4,
            steps: 400,
            rate: 0.5,
        },
    );
    (h.weight(0), h.bias)
}

/// How well confidences predict a match: Brier score, expected calibration error, and a
/// reliability table of (bin lower edge ×10, count, mean confidence, share right).
#[derive(Clone, Debug, Default)]
pub struct Reliability {
    pub n: usize,
    pub brier: f64,
    pub ece: f64,
    pub bins: Vec<(usize, usize, f64, f64)>,
}

/// The reliability of `(confidence, right)` pairs in ten equal bins.
pub fn reliability(pairs: &[(f32, bool)]) -> Reliability {
    let n = pairs.len();
    let mut bins: Vec<(usize, usize, f64, f64)> = (0..10).map(|b| (b, 0, 0.0, 0.0)).collect();
    let mut brier = 0.0;
    for &(c, y) in pairs {
        let y = if y { 1.0 } else { 0.0 };
        brier += (c as f64 - y).powi(2);
        let b = ((c * 10.0) as usize).min(9);
        bins[b].1 += 1;
        bins[b].2 += c as f64;
        bins[b].3 += y;
    }
    let mut ece = 0.0;
    for b in bins.iter_mut().filter(|b| b.1 > 0) {
        b.2 /= b.1 as f64;
        b.3 /= b.1 as f64;
        ece += (b.2 - b.3).abs() * b.1 as f64;
    }
    let d = n.max(1) as f64;
    Reliability {
        n,
        brier: brier / d,
        ece: ece / d,
        bins: bins.into_iter().filter(|b| b.1 > 0).collect(),
    }
}

/// The model's inference time on the articles' sentences: (clauses, seconds spent in
/// [`Model::find`] alone — segmentation and the rules' walk not counted).
pub fn inference_time(kit: &Kit, articles: &[Article], model: &Model) -> (usize, f64) {
    let model = model.aligned(&kit.taxonomy);
    let mut clauses = 0;
    let mut seconds = 0.0;
    for a in articles {
        kit.walk(&a.name, &a.bytes, |view| {
            let t = std::time::Instant::now();
            let found = model.find(view, &kit.classifier);
            seconds += t.elapsed().as_secs_f64();
            clauses += view.clauses.len();
            std::hint::black_box(found);
        });
    }
    (clauses, seconds)
}

/// Scores of measures against annotations, as `scripts/score.py` counts them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    pub gold: usize,
    pub strict: usize,
    pub any: usize,
    pub in_text: usize,
    pub reported: usize,
    pub matched: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.gold += o.gold;
        self.strict += o.strict;
        self.any += o.any;
        self.in_text += o.in_text;
        self.reported += o.reported;
        self.matched += o.matched;
    }
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn recall(&self) -> f64 {
        Self::ratio(self.strict, self.gold)
    }
    pub fn recall_any(&self) -> f64 {
        Self::ratio(self.any, self.gold)
    }
    pub fn recall_in_text(&self) -> f64 {
        Self::ratio(self.in_text, self.gold)
    }
    pub fn share(&self) -> f64 {
        Self::ratio(self.matched, self.reported)
    }
}

/// Scores `measures` of one article against its annotation.
pub fn score(measures: &[Measure], gold: &[GoldMeasure]) -> Score {
    let prepared: Vec<(Vec<char>, Vec<char>, &str)> = measures
        .iter()
        .map(|m| {
            (
                norm_str(&m.text),
                norm_str(&m.sentence),
                m.category.as_str(),
            )
        })
        .collect();
    let mut s = Score {
        gold: gold.len(),
        reported: measures.len(),
        ..Score::default()
    };
    let mut matched = vec![false; measures.len()];
    for g in gold {
        let keys: Vec<Vec<char>> = g.keys.iter().map(|k| norm_str(k)).collect();
        let (mut hs, mut ha, mut ht) = (false, false, false);
        for (i, (text, sent, cat)) in prepared.iter().enumerate() {
            if keys.iter().all(|k| contains(text, k) || contains(sent, k)) {
                ha = true;
                matched[i] = true;
                if g.category == *cat || g.also.iter().any(|a| a == cat) {
                    hs = true;
                    ht = ht || keys.iter().all(|k| contains(text, k));
                }
            }
        }
        s.strict += hs as usize;
        s.any += ha as usize;
        s.in_text += ht as usize;
    }
    s.matched = matched.iter().filter(|&&m| m).count();
    s
}

/// Cross-validation results: per source, rules and model.
#[derive(Clone, Debug, Default)]
pub struct CvResult {
    pub rules: BTreeMap<String, Score>,
    pub model: BTreeMap<String, Score>,
    /// Each article's report as the model trained without its fold analyzed it.
    pub documents: Vec<DocumentReport>,
    /// Every reported measure's raw score and verdict.
    pub points: Vec<Point>,
    /// Per source: (reference spans, spans whose top category head is one of the
    /// reference's categories) — the category decision alone, on the annotators' spans.
    pub span_categories: BTreeMap<String, (usize, usize)>,
    /// The raw scores' reliability (development set).
    pub raw: Reliability,
    /// The calibrated confidences' reliability (development set), each fold's calibration
    /// fit on the other folds' points.
    pub calibrated: Reliability,
}

/// k-fold cross-validation by article.
pub fn cross_validate(kit: &Kit, articles: &[Article], k: usize, settings: &Settings) -> CvResult {
    let k = k.max(2);
    let examples: Vec<ArticleExamples> = articles.iter().map(|a| kit.examples(a)).collect();
    let mut out = CvResult::default();
    let mut docs: Vec<Option<DocumentReport>> = vec![None; articles.len()];
    for fold in 0..k {
        let train: Vec<&ArticleExamples> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, e)| e)
            .collect();
        let model = fit(&train, &kit.ids(), settings);
        for (i, a) in articles.iter().enumerate().filter(|(i, _)| i % k == fold) {
            let entry = out.span_categories.entry(a.source.clone()).or_default();
            for (x, primary, also) in &examples[i].spans {
                let best = model
                    .categories
                    .iter()
                    .map(|(id, h)| (id, h.logit(x)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(id, _)| id.clone())
                    .unwrap_or_default();
                entry.0 += 1;
                entry.1 += (best == *primary || also.contains(&best)) as usize;
            }
            if settings.spans_only {
                continue;
            }
            let mut doc = kit.analyze(&format!("d{}", i + 1), &a.name, &a.bytes, &model);
            doc.name = a.name.clone();
            let s = score(&doc.measures, &a.measures);
            out.model.entry(a.source.clone()).or_default().add(&s);
            // Calibration: is a measure of raw score r one of its category?
            for m in &doc.measures {
                out.points.push(Point {
                    article: i,
                    raw: m.confidence,
                    right: score(std::slice::from_ref(m), &a.measures).strict > 0,
                    exhaustive: a.exhaustive,
                });
            }
            let (_, rules) = kit.walk(&a.name, &a.bytes, |_| {});
            let r = score(&rules, &a.measures);
            out.rules.entry(a.source.clone()).or_default().add(&r);
            docs[i] = Some(doc);
        }
    }
    // Each fold's measures calibrated by a Platt fit on the other folds' points.
    let mut raw_pairs = Vec::new();
    let mut cal_pairs = Vec::new();
    for fold in 0..k {
        let others: Vec<Point> = out
            .points
            .iter()
            .filter(|p| p.article % k != fold)
            .copied()
            .collect();
        let (a, b) = fit_platt(&others);
        for (i, doc) in docs.iter_mut().enumerate() {
            let Some(doc) = doc.as_mut().filter(|_| i % k == fold) else {
                continue;
            };
            for m in doc.measures.iter_mut() {
                m.confidence = crate::learn::calibrated(m.confidence, a, b);
            }
        }
        for p in out.points.iter().filter(|p| p.article % k == fold) {
            if p.exhaustive {
                raw_pairs.push((p.raw, p.right));
                cal_pairs.push((crate::learn::calibrated(p.raw, a, b), p.right));
            }
        }
    }
    out.raw = reliability(&raw_pairs);
    out.calibrated = reliability(&cal_pairs);
    out.documents = docs.into_iter().flatten().collect();
    out
}

/// The table `cuoshi train --cv` prints.
pub fn table(cv: &CvResult) -> String {
    let mut s = String::from("source    system  gold  strict  any-cat  in-text  reported  share\n");
    let row = |s: &mut String, src: &str, sys: &str, x: &Score| {
        s.push_str(&format!(
            "{src:<9} {sys:<6} {:>5}  {:>6.3}  {:>7.3}  {:>7.3}  {:>8}  {:>5.3}\n",
            x.gold,
            x.recall(),
            x.recall_any(),
            x.recall_in_text(),
            x.reported,
            x.share()
        ));
    };
    let mut all_r = Score::default();
    let mut all_m = Score::default();
    let mut dev_r = Score::default();
    let mut dev_m = Score::default();
    for (src, m) in &cv.model {
        let r = cv.rules.get(src).cloned().unwrap_or_default();
        row(&mut s, src, "rules", &r);
        row(&mut s, src, "model", m);
        all_r.add(&r);
        all_m.add(m);
        if src != "seeds" {
            dev_r.add(&r);
            dev_m.add(m);
        }
    }
    row(&mut s, "dev", "rules", &dev_r);
    row(&mut s, "dev", "model", &dev_m);
    row(&mut s, "all", "rules", &all_r);
    row(&mut s, "all", "model", &all_m);
    s.push_str("\ncategory of the reference spans (top head right):");
    for (src, (n, right)) in &cv.span_categories {
        s.push_str(&format!(
            " {src} {:.3} ({n})",
            *right as f64 / (*n).max(1) as f64
        ));
    }
    let (n, right) = cv
        .span_categories
        .values()
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    s.push_str(&format!(" all {:.3}\n", right as f64 / n.max(1) as f64));
    let (r, c) = (&cv.raw, &cv.calibrated);
    s.push_str(&format!(
        "\ncalibration (development set, {} measures; right = matches a reference of its category)\n\
         raw score:  Brier {:.3}  ECE {:.3}\n\
         calibrated: Brier {:.3}  ECE {:.3}  (Platt, each fold fit on the others)\n\
         confidence  measures  mean    right\n",
        c.n, r.brier, r.ece, c.brier, c.ece
    ));
    for &(b, n, mean, right) in &c.bins {
        s.push_str(&format!(
            "{:.1}–{:.1}     {n:>8}  {mean:.3}  {right:.3}\n",
            b as f64 / 10.0,
            (b + 1) as f64 / 10.0
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_windows_skip_quotes_and_take_the_tightest_occurrences() {
        let s: Vec<char> = "要落实“点对点”包车，再说包车返岗。".chars().collect();
        let keys = vec![norm_str("点对点包车")];
        let (a, b) = key_window(&s, &keys).unwrap();
        assert_eq!(s[a..b].iter().collect::<String>(), "点对点”包车");
        let keys = vec![norm_str("落实"), norm_str("返岗")];
        let (a, b) = key_window(&s, &keys).unwrap();
        assert_eq!(
            s[a..b].iter().collect::<String>(),
            "落实“点对点”包车，再说包车返岗"
        );
        assert_eq!(key_window(&s, &[norm_str("没有")]), None);
    }

    #[test]
    fn platt_scaling_fits_overconfident_scores_and_reliability_counts() {
        // Raw scores of 0.9 right half the time, of 0.1 never: calibrated, about 0.5 and 0.
        let mut points = Vec::new();
        for k in 0..200 {
            let (raw, right) = if k % 2 == 0 {
                (0.9, k % 4 == 0)
            } else {
                (0.1, false)
            };
            points.push(Point {
                article: k,
                raw,
                right,
                exhaustive: true,
            });
        }
        let (a, b) = fit_platt(&points);
        let hi = crate::learn::calibrated(0.9, a, b);
        let lo = crate::learn::calibrated(0.1, a, b);
        assert!((hi - 0.5).abs() < 0.05, "{hi}");
        assert!(lo < 0.1, "{lo}");
        let r = reliability(&[(0.9, true), (0.9, false), (0.15, false)]);
        assert_eq!(r.n, 3);
        assert!((r.brier - (0.01 + 0.81 + 0.0225) / 3.0).abs() < 1e-6);
        assert_eq!(r.bins.len(), 2);
        assert!((r.ece - (2.0 * 0.4 + 0.15) / 3.0).abs() < 1e-6);
    }

    #[test]
    fn scores_count_as_score_py_does() {
        let m = |text: &str, sentence: &str, cat: &str| Measure {
            text: text.into(),
            sentence: sentence.into(),
            category: cat.into(),
            ..Measure::default()
        };
        let gold = vec![
            GoldMeasure {
                category: "labor".into(),
                also: vec![],
                keys: vec!["包车".into(), "返岗".into()],
            },
            GoldMeasure {
                category: "fiscal".into(),
                also: vec!["finance".into()],
                keys: vec!["贴息".into()],
            },
        ];
        let ms = vec![
            m("组织包车", "组织包车，点对点返岗。", "labor"),
            m("给予贴息", "给予贴息。", "finance"),
            m("坚定信心", "坚定信心。", "labor"),
        ];
        let s = score(&ms, &gold);
        assert_eq!(
            (s.strict, s.any, s.in_text, s.reported, s.matched),
            (2, 2, 1, 3, 2)
        );
    }
}

#[cfg(test)]
mod shipped {
    use super::*;

    /// `data/measure_model.bin` is what `cuoshi train` makes of the fixtures today.
    #[test]
    fn the_shipped_model_equals_a_fresh_training_run() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let articles = load_fixtures(&fixtures).expect("fixtures");
        assert!(articles.len() >= 37);
        let model = train_all(&Kit::new(), &articles, &Settings::default());
        let shipped = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/measure_model.bin"),
        )
        .unwrap();
        assert!(
            model.to_bytes() == shipped,
            "data/measure_model.bin is stale: run `cargo run --release -p cuoshi -- train`"
        );
        assert_eq!(Model::shipped().as_ref(), Some(&model));
    }
}
