//! The learned measure model: which clauses are measures, which neighbours join into one
//! measure, and which categories a measure has — three kinds of logistic-regression head
//! ([`logreg`]) over hashed features ([`features`]), trained on the annotated articles of
//! `tests/fixtures` by [`crate::training::train`] (`cuoshi train`), shipped in `data/measure_model.bin`,
//! and refit from a workspace's corrections by [`crate::training::refit`].
//!
//! A document is read sentence by sentence ([`crate::measures::walk`]): each clause gets
//! the probability that it belongs to a measure; clauses at or above the threshold are
//! joined with the one before when the join head says they are one action (and the text
//! stays under 120 chars); each group's categories are the category heads' ranking (one
//! head per category, so a user's new category is one more head, seeded from its cue
//! lexicon until examples exist). A measure's `confidence` is the calibrated probability
//! that it is a measure of its primary category: the raw score (its best clause's
//! probability times its primary category's) mapped by Platt scaling
//! ([`Model::calibration`]), fit by [`crate::training::train`] on out-of-fold scores of the annotated
//! articles.

pub mod features;
pub mod logreg;

use logreg::Head;

use crate::classify::Classifier;
use crate::measures::{Finder, SentenceView};
use crate::taxonomy::Taxonomy;

/// The longest measure text, in chars.
const MAX_TEXT: usize = 120;
/// The shipped model, written by `cuoshi train`.
const SHIPPED: &[u8] = include_bytes!("../../data/measure_model.bin");
const MAGIC_V1: &[u8; 8] = b"CUOSHIM1";
/// Version 2 adds the calibration after the header.
const MAGIC: &[u8; 8] = b"CUOSHIM2";

/// The three decisions' heads.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Is a clause part of a measure?
    pub measure: Head,
    /// Does a clause join the measure before it?
    pub join: Head,
    /// One head per category id, in the taxonomy's order once [`Model::aligned`].
    pub categories: Vec<(String, Head)>,
    /// The clause probability from which a clause is a measure's.
    pub threshold: f32,
    /// The join probability from which a clause joins the measure before it.
    pub join_threshold: f32,
    /// The clause probability from which a clause may join (not start) a measure.
    pub weak_threshold: f32,
    /// How many user corrections the model has learned from (0 for the shipped model).
    pub corrections: usize,
    /// Platt scaling of the raw score `r` (clause × category probability):
    /// `confidence = σ(a·logit(r) + b)` for `Some((a, b))`; `r` itself for `None`.
    pub calibration: Option<(f32, f32)>,
}

pub use crate::measures::Found;

impl Model {
    /// The shipped model, `None` when none is shipped (the rules then find the measures).
    pub fn shipped() -> Option<Model> {
        static SHIPPED_MODEL: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
        SHIPPED_MODEL
            .get_or_init(|| Model::from_bytes(SHIPPED))
            .clone()
    }

    /// The model with one category head per category of `taxonomy`, in its order: a
    /// category the model knows keeps its head; a new one is seeded from its cues.
    pub fn aligned(&self, taxonomy: &Taxonomy) -> Model {
        let categories = taxonomy
            .categories
            .iter()
            .map(|c| {
                let head = self
                    .categories
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, h)| h.clone())
                    .unwrap_or_else(|| self.seed_head(&c.id));
                (c.id.clone(), head)
            })
            .collect();
        Model {
            categories,
            ..self.clone()
        }
    }

    /// A head for a category the model has no examples of: below every known head where
    /// its cues are absent (3 under the lowest known bias), and where a cue of weight 1 is present
    /// about 3 logits up (or the known heads' mean weight on their own cue score, if more).
    pub fn seed_head(&self, id: &str) -> Head {
        let n = self.categories.len().max(1) as f32;
        let bias = self
            .categories
            .iter()
            .map(|(_, h)| h.bias)
            .fold(f32::INFINITY, f32::min);
        let bias = if bias.is_finite() { bias - 3.0 } else { -6.0 };
        let cue = self
            .categories
            .iter()
            .map(|(c, h)| h.weight(features::slot("c", c)))
            .sum::<f32>()
            / n;
        Head {
            bias,
            weights: vec![(features::slot("c", id), cue.max(7.5))],
        }
    }

    /// The calibrated confidence of a raw score (see [`Model::calibration`]).
    pub fn calibrate(&self, raw: f32) -> f32 {
        match self.calibration {
            Some((a, b)) => calibrated(raw, a, b),
            None => raw.clamp(0.0, 1.0),
        }
    }

    fn ids(&self) -> Vec<String> {
        self.categories.iter().map(|(id, _)| id.clone()).collect()
    }

    /// The measures of one sentence. The model must be [`Model::aligned`] to the
    /// classifier's taxonomy.
    pub fn find(&self, view: &SentenceView, classifier: &Classifier) -> Vec<Found> {
        debug_assert_eq!(self.categories.len(), classifier.len());
        if view.heading || view.clauses.is_empty() {
            return Vec::new();
        }
        let ids = self.ids();
        let p: Vec<f64> = (0..view.clauses.len())
            .map(|k| self.measure.prob(&features::clause(view, k, &ids)))
            .collect();
        let thr = self.threshold as f64;
        let joins = |first: usize, k: usize| {
            view.clauses[k].end - view.clauses[first].start <= MAX_TEXT
                && self.join.prob(&features::join(view, first, k, &ids))
                    >= self.join_threshold as f64
        };
        // (first clause, the clause that started it, last clause, best probability).
        let mut groups: Vec<(usize, usize, usize, f64)> = Vec::new();
        // A weak clause not joined to the measure before it: it may open the next one (a
        // condition before its provision: 对新认定的高新技术企业，给予…奖励). Later joins
        // are judged from the clause that started the measure, as if it stood alone.
        let mut pending: Option<usize> = None;
        for k in 0..p.len() {
            if p[k] < self.weak_threshold as f64 {
                pending = None;
                continue;
            }
            if let Some(g) = groups.last_mut() {
                if g.2 + 1 == k
                    && view.clauses[k].end - view.clauses[g.0].start <= MAX_TEXT
                    && joins(g.1, k)
                {
                    g.2 = k;
                    g.3 = g.3.max(p[k]);
                    continue;
                }
            }
            if p[k] >= thr {
                let first = match pending {
                    Some(w) if w + 1 == k && joins(w, k) => w,
                    _ => k,
                };
                groups.push((first, k, k, p[k]));
                pending = None;
            } else {
                pending = Some(k);
            }
        }
        groups
            .into_iter()
            .map(|(first, _, last, pm)| {
                let (categories, pc) = self.categorize(view, first, last, &ids);
                Found {
                    first,
                    last,
                    categories,
                    confidence: self.calibrate((pm * pc) as f32),
                }
            })
            .collect()
    }

    /// The categories of clauses `first..=last`, primary first, and the primary's
    /// probability.
    pub fn categorize(
        &self,
        view: &SentenceView,
        first: usize,
        last: usize,
        ids: &[String],
    ) -> (Vec<usize>, f64) {
        let x = features::category(view, first, last, ids);
        let probs: Vec<f64> = self.categories.iter().map(|(_, h)| h.prob(&x)).collect();
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
        let top = order.first().map_or(0.0, |&k| probs[k]);
        let cats: Vec<usize> = order
            .iter()
            .enumerate()
            .filter(|&(r, &k)| r == 0 || (r < 3 && probs[k] >= 0.5 && probs[k] >= 0.5 * top))
            .map(|(_, &k)| k)
            .collect();
        (cats, top)
    }

    /// The model as bytes: weights quantized to 16 bits per head.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.threshold.to_le_bytes());
        out.extend(self.join_threshold.to_le_bytes());
        out.extend(self.weak_threshold.to_le_bytes());
        out.extend((self.corrections as u32).to_le_bytes());
        let (a, b) = self.calibration.unwrap_or((f32::NAN, f32::NAN));
        out.extend(a.to_le_bytes());
        out.extend(b.to_le_bytes());
        let heads: Vec<(&str, &Head)> = [("measure", &self.measure), ("join", &self.join)]
            .into_iter()
            .chain(self.categories.iter().map(|(id, h)| (id.as_str(), h)))
            .collect();
        out.extend((heads.len() as u32).to_le_bytes());
        for (name, h) in heads {
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(name.as_bytes());
            out.extend(h.bias.to_le_bytes());
            let max = h.weights.iter().fold(0.0f32, |m, w| m.max(w.1.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            out.extend(scale.to_le_bytes());
            let kept: Vec<(u32, i16)> = h
                .weights
                .iter()
                .map(|&(i, w)| (i, (w / scale).round() as i16))
                .filter(|p| p.1 != 0)
                .collect();
            out.extend((kept.len() as u32).to_le_bytes());
            let mut prev = 0u32;
            for (i, q) in kept {
                let mut d = i - prev;
                prev = i;
                // LEB128 delta of the index.
                loop {
                    let b = (d & 0x7f) as u8;
                    d >>= 7;
                    if d == 0 {
                        out.push(b);
                        break;
                    }
                    out.push(b | 0x80);
                }
                out.extend(q.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Model::to_bytes`]; `None` for anything else (an empty file too).
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { b: bytes, at: 0 };
        // Version 1 (no calibration) is still read: a workspace may have saved one.
        let v2 = match r.take(8)? {
            m if m == MAGIC => true,
            m if m == MAGIC_V1 => false,
            _ => return None,
        };
        let threshold = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let join_threshold = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let weak_threshold = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let corrections = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let mut calibration = None;
        if v2 {
            let a = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
            let b = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
            if a.is_finite() && b.is_finite() {
                calibration = Some((a, b));
            }
        }
        let n = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let mut heads = Vec::new();
        for _ in 0..n.min(10_000) {
            let len = u16::from_le_bytes(r.take(2)?.try_into().ok()?) as usize;
            let name = String::from_utf8(r.take(len)?.to_vec()).ok()?;
            let bias = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
            let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
            let count = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
            let mut weights = Vec::with_capacity(count.min(1 << 20));
            let mut prev = 0u32;
            for _ in 0..count {
                let mut d = 0u32;
                let mut shift = 0;
                loop {
                    let b = *r.take(1)?.first()?;
                    d |= ((b & 0x7f) as u32) << shift;
                    shift += 7;
                    if b & 0x80 == 0 || shift > 28 {
                        break;
                    }
                }
                prev = prev.checked_add(d)?;
                let q = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
                weights.push((prev, q as f32 * scale));
            }
            heads.push((name, Head { bias, weights }));
        }
        if heads.len() < 2 || r.at != bytes.len() {
            return None;
        }
        let mut it = heads.into_iter();
        let measure = it.next()?.1;
        let join = it.next()?.1;
        Some(Model {
            measure,
            join,
            categories: it.collect(),
            threshold,
            join_threshold,
            weak_threshold,
            corrections,
            calibration,
        })
    }

    /// The model as it is after a round trip through bytes (weights quantized).
    pub fn quantized(&self) -> Model {
        Model::from_bytes(&self.to_bytes()).expect("a model reads its own bytes")
    }
}

/// `σ(a·logit(raw) + b)`, the raw score kept off 0 and 1.
pub fn calibrated(raw: f32, a: f32, b: f32) -> f32 {
    let r = (raw as f64).clamp(1e-4, 1.0 - 1e-4);
    let z = a as f64 * (r / (1.0 - r)).ln() + b as f64;
    logreg::sigmoid(z) as f32
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
}

impl Finder for Model {
    fn find(&self, view: &SentenceView, classifier: &Classifier) -> Vec<Found> {
        Model::find(self, view, classifier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_bad_bytes_are_none() {
        let m = Model {
            measure: Head {
                bias: 0.5,
                weights: vec![(3, 1.0), (70000, -2.0)],
            },
            join: Head {
                bias: -0.1,
                weights: vec![],
            },
            categories: vec![(
                "fiscal".into(),
                Head {
                    bias: -1.0,
                    weights: vec![(5, 0.25)],
                },
            )],
            threshold: 0.5,
            join_threshold: 0.5,
            weak_threshold: 0.2,
            corrections: 2,
            calibration: Some((1.5, -0.25)),
        };
        let q = m.quantized();
        assert_eq!(q.to_bytes(), m.to_bytes());
        assert!((q.measure.weight(70000) + 2.0).abs() < 1e-3);
        assert_eq!(q.corrections, 2);
        assert_eq!(q.calibration, Some((1.5, -0.25)));
        assert!((q.calibrate(0.5) - calibrated(0.5, 1.5, -0.25)).abs() < 1e-6);
        // Without calibration the raw score is the confidence; version 1 bytes still read.
        let raw = Model {
            calibration: None,
            ..m.clone()
        };
        assert_eq!(raw.quantized().calibrate(0.3), 0.3);
        let mut v1 = raw.to_bytes();
        v1.splice(0..8, *MAGIC_V1);
        v1.drain(24..32);
        assert_eq!(Model::from_bytes(&v1), Some(raw.quantized()));
        assert_eq!(Model::from_bytes(b""), None);
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b[..b.len() - 1]), None);
    }
}
