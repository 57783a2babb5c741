//! Corrections teach the model: a workspace's re-categorizations, deletions and additions
//! become training examples, and the model is refit on them.
//!
//! The shipped model is the fit of the shipped examples; refitting from those examples
//! plus the user's would need the annotated articles inside the page. Instead each head
//! is refit on the user's examples with an L2 penalty that pulls it toward the shipped
//! head ([`super::logreg::Head::fit`] with a prior): the shipped weights stand for the
//! shipped examples (a Gaussian prior centred on them), so a few corrections move the
//! model where they speak and nowhere else. A user category the shipped model has never
//! seen starts from its cue lexicon ([`super::Model::seed_head`]) until its examples move
//! it. The user's examples count [`USER_WEIGHT`] times a plain one; the other measures of a
//! corrected document, as analyzed and let stand, are weak category examples (they keep a new
//! category from claiming everything). Deterministic, and about a second for a
//! workspace of tens of documents (the documents with corrections are segmented again).

use crate::corrections::Correction;
use crate::learn::features;
use crate::learn::logreg::{Example, Features, Fit, Head};
use crate::learn::Model;
use crate::measures::{self, Scan};
use crate::model::DocumentReport;
use crate::pipeline::Analyzer;

/// How much a user's correction counts against one uncorrected measure.
pub const USER_WEIGHT: f32 = 5.0;
/// How many documents without corrections lend their measures as negatives of new
/// categories.
pub const CONTEXT_DOCUMENTS: usize = 20;
/// What one of their measures counts as a negative (little: a similar measure among them
/// is what the user wants the new category to find).
pub const CONTEXT_WEIGHT: f32 = 0.2;
/// How hard a refit head is held to the shipped one.
const PRIOR: Fit = Fit {
    l2: 5e-3,
    steps: 150,
    rate: 1.0,
};

/// A span the user said something about: a measure of `category`, or none (`None`).
struct Target {
    start: usize,
    end: usize,
    category: Option<String>,
    weight: f32,
}

/// Refits `base` (aligned to the analyzer's taxonomy on the way) from `corrections` made
/// on `documents` — the documents as analyzed, before the corrections were applied.
/// Corrections that name no document or measure are skipped.
pub fn refit(
    base: &Model,
    analyzer: &Analyzer,
    documents: &[DocumentReport],
    corrections: &[Correction],
) -> Model {
    let taxonomy = analyzer.taxonomy();
    let shipped_ids: Vec<String> = base.categories.iter().map(|(id, _)| id.clone()).collect();
    let base = base.aligned(taxonomy);
    let ids: Vec<String> = base.categories.iter().map(|(id, _)| id.clone()).collect();
    let mut clause_examples: Vec<Example> = Vec::new();
    let mut spans: Vec<(Features, String, f32)> = Vec::new();
    let mut learned = 0;
    // In a document with corrections, a measure the user left alone is one the user saw
    // and let stand: a weak example for every head. In the first [`CONTEXT_DOCUMENTS`]
    // others nobody has looked, but their measures are (weakly) not in a category the
    // shipped model never knew: negatives for the new heads only.
    let mut others = 0;
    // (features, category, weight, only a negative for new heads)
    let mut context: Vec<(Features, String, f32)> = Vec::new();
    for doc in documents {
        let mine: Vec<&Correction> = corrections
            .iter()
            .filter(|c| c.doc_id() == doc.id)
            .collect();
        let seen = !mine.is_empty();
        if !seen {
            if others >= CONTEXT_DOCUMENTS {
                continue;
            }
            others += 1;
        }
        let mut targets: Vec<Target> = Vec::new();
        let mut touched: Vec<&str> = Vec::new();
        for c in &mine {
            match c {
                Correction::Recategorize {
                    measure_id,
                    category,
                    ..
                } => {
                    if let Some(m) = doc.measures.iter().find(|m| m.id == *measure_id) {
                        targets.push(Target {
                            start: m.start,
                            end: m.end,
                            category: Some(category.clone()),
                            weight: USER_WEIGHT,
                        });
                        touched.push(&m.id);
                        learned += 1;
                    }
                }
                Correction::Delete { measure_id, .. } => {
                    if let Some(m) = doc.measures.iter().find(|m| m.id == *measure_id) {
                        targets.push(Target {
                            start: m.start,
                            end: m.end,
                            category: None,
                            weight: USER_WEIGHT,
                        });
                        touched.push(&m.id);
                        learned += 1;
                    }
                }
                Correction::Add {
                    start,
                    end,
                    category,
                    ..
                } => {
                    if start < end {
                        targets.push(Target {
                            start: *start,
                            end: *end,
                            category: Some(category.clone()),
                            weight: USER_WEIGHT,
                        });
                        learned += 1;
                    }
                }
            }
        }
        // The other measures, as analyzed: weak category examples.
        for m in doc
            .measures
            .iter()
            .filter(|m| !touched.contains(&m.id.as_str()))
        {
            targets.push(Target {
                start: m.start,
                end: m.end,
                category: Some(m.category.clone()),
                weight: 1.0,
            });
        }
        let chars: Vec<char> = doc.text.chars().collect();
        let found = crate::slogans::find_all(&chars);
        let scan = Scan {
            chars: &chars,
            slogans: &found,
            figures: &doc.figures,
        };
        measures::walk(
            &doc.id,
            &scan,
            analyzer.segmenter(),
            taxonomy,
            analyzer.classifier(),
            |view| {
                let s = view.sentence;
                for t in targets
                    .iter()
                    .filter(|t| t.start < s.end && s.start < t.end)
                {
                    let inside: Vec<usize> = (0..view.clauses.len())
                        .filter(|&i| view.clauses[i].start < t.end && t.start < view.clauses[i].end)
                        .collect();
                    let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
                        continue;
                    };
                    if t.weight >= USER_WEIGHT {
                        for &i in &inside {
                            clause_examples.push(Example {
                                x: features::clause(view, i, &ids),
                                y: if t.category.is_some() { 1.0 } else { 0.0 },
                                weight: t.weight,
                            });
                        }
                    }
                    if let Some(cat) = &t.category {
                        let x = features::category(view, first, last, &ids);
                        if seen {
                            spans.push((x, cat.clone(), t.weight));
                        } else {
                            context.push((x, cat.clone(), CONTEXT_WEIGHT));
                        }
                    }
                }
            },
        );
    }
    let measure = if clause_examples.is_empty() {
        base.measure.clone()
    } else {
        Head::fit(&clause_examples, Some(&base.measure), PRIOR)
    };
    let categories = base
        .categories
        .iter()
        .map(|(id, head)| {
            // Only the user's own examples move a head; the weak ones only hold it.
            let taught = spans.iter().any(|(_, c, w)| *w >= USER_WEIGHT && c == id)
                || spans.iter().any(|(_, _, w)| *w >= USER_WEIGHT);
            if !taught {
                return (id.clone(), head.clone());
            }
            let new = !shipped_ids.contains(id);
            let examples: Vec<Example> = spans
                .iter()
                .chain(context.iter().filter(|_| new))
                .map(|(x, c, w)| Example {
                    x: x.clone(),
                    y: if c == id { 1.0 } else { 0.0 },
                    weight: *w,
                })
                .collect();
            (id.clone(), Head::fit(&examples, Some(head), PRIOR))
        })
        .collect();
    Model {
        measure,
        categories,
        corrections: learned,
        ..base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Input;
    use crate::settings::AnalyzerSettings;
    use crate::taxonomy::Taxonomy;

    /// The default taxonomy plus a user category for power supply.
    fn analyzer() -> Analyzer {
        let mut t = Taxonomy::default();
        let mut c = t.categories[0].clone();
        c.id = "power".into();
        c.label = "电力保障".into();
        c.instrument = "environment".into();
        // One cue, which the fourth measure does not hold: what it learns comes from examples.
        c.cues = [("电价", 1.0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        t.categories.push(c);
        let settings = AnalyzerSettings {
            taxonomy: Some(serde_json::to_string(&t).unwrap()),
            ..AnalyzerSettings::default()
        };
        Analyzer::with_settings(&settings).unwrap()
    }

    #[test]
    /// The electricity measures of one document (three or four, as the model cuts them)
    /// re-categorized as a new user category teach it: a similar measure in another
    /// document is suggested in it, an unrelated one is not.
    fn three_recategorized_measures_teach_a_new_category() {
        let Some(base) = Model::shipped() else {
            return; // no model shipped: nothing to refit
        };
        let mut a = analyzer();
        let doc1 = a
            .analyze_document(
                "d1",
                &Input::new(
                    "a.txt",
                    "一、保障企业生产。要优先保障重点企业电网检修和用电负荷需求，电力企业要开辟用电报装绿色通道。\
                     二、对用电量大的工业企业实行电价优惠，阶段性降低企业用电成本。\
                     三、供电部门要做好迎峰度夏电网运行调度，确保居民和企业用电不断供。\
                     四、加大对小微企业的贷款投放，降低融资成本。",
                ),
            )
            .unwrap();
        let doc2 = a
            .analyze_document(
                "d2",
                &Input::new("b.txt", "县供电公司要加强电网巡检，保障园区企业用电稳定，实行“不停电”检修。同时要加大稳岗返还力度。"),
            )
            .unwrap();
        let power: Vec<&crate::model::Measure> = doc1
            .measures
            .iter()
            .filter(|m| m.text.contains('电'))
            .collect();
        assert!(power.len() >= 3, "{:#?}", doc1.measures);
        let corrections: Vec<Correction> = power
            .iter()
            .map(|m| Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: m.id.clone(),
                category: "power".into(),
            })
            .collect();
        let before = doc2
            .measures
            .iter()
            .find(|m| m.text.contains("电网巡检"))
            .map(|m| m.category.clone());
        assert_ne!(before.as_deref(), Some("power"), "{:#?}", doc2.measures);
        let refit_model = refit(&base, &a, &[doc1.clone(), doc2.clone()], &corrections);
        assert_eq!(refit_model.corrections, power.len());
        // Deterministic.
        assert_eq!(
            refit_model,
            refit(&base, &a, &[doc1, doc2.clone()], &corrections)
        );
        a.set_model(Some(refit_model));
        let again = a
            .analyze_document(
                "d2",
                &Input::new("b.txt", "县供电公司要加强电网巡检，保障园区企业用电稳定，实行“不停电”检修。同时要加大稳岗返还力度。"),
            )
            .unwrap();
        let grid = again
            .measures
            .iter()
            .find(|m| m.text.contains("电网巡检"))
            .expect("the grid measure");
        assert_eq!(grid.category, "power", "{:#?}", again.measures);
        let other = again.measures.iter().find(|m| m.text.contains("稳岗返还"));
        assert!(
            other.is_none_or(|m| m.category != "power"),
            "{:#?}",
            again.measures
        );
    }
}
