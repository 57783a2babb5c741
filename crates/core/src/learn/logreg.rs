//! A small weighted logistic regression over hashed sparse features, written out rather
//! than taken from a crate.
//!
//! Why not linfa-logistic: it pulls ndarray, argmin and (for its solver) a dense design
//! matrix — hundreds of kilobytes of Wasm and dense memory for ~20,000 clauses × 2^18
//! hashed features — where the need is a sparse, weighted, L2-regularized fit whose result
//! is bit-for-bit the same on every run. This one is ~150 lines: full-batch gradient steps
//! with per-coordinate AdaGrad rates, in a fixed order, from zero (or from a prior's
//! weights), with the L2 penalty pulling toward the prior. Nothing is random, so two runs
//! on the same examples give the same weights.

/// Hashed features: (index, value), sorted by index, no index twice.
pub type Features = Vec<(u32, f32)>;

/// One training example: features, target in [0, 1], and how much it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub x: Features,
    pub y: f32,
    pub weight: f32,
}

/// One binary decision: a bias and sparse weights over hashed features.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Head {
    pub bias: f32,
    /// (index, weight) sorted by index; indices absent have weight 0.
    pub weights: Vec<(u32, f32)>,
}

/// How a head is fit.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    /// L2 strength (per unit of example weight, the loss being a weighted mean).
    pub l2: f64,
    /// Full-batch steps.
    pub steps: usize,
    /// AdaGrad base rate.
    pub rate: f64,
}

impl Default for Fit {
    fn default() -> Self {
        Fit {
            l2: 1e-4,
            steps: 120,
            rate: 0.5,
        }
    }
}

pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl Head {
    /// The weight at `index` (binary search).
    pub fn weight(&self, index: u32) -> f32 {
        self.weights
            .binary_search_by_key(&index, |p| p.0)
            .map_or(0.0, |k| self.weights[k].1)
    }

    /// The logit of `x`: each feature's weight found by binary search (x is short, the
    /// weights many), summed in index order.
    pub fn logit(&self, x: &[(u32, f32)]) -> f64 {
        let mut z = self.bias as f64;
        let mut from = 0;
        for &(i, v) in x {
            match self.weights[from..].binary_search_by_key(&i, |p| p.0) {
                Ok(k) => {
                    z += v as f64 * self.weights[from + k].1 as f64;
                    from += k + 1;
                }
                Err(k) => from += k,
            }
        }
        z
    }

    pub fn prob(&self, x: &[(u32, f32)]) -> f64 {
        sigmoid(self.logit(x))
    }

    /// Fits a head to `examples`, starting from and regularized toward `prior` (zero when
    /// `None`). Deterministic: the same examples in the same order give the same head.
    pub fn fit(examples: &[Example], prior: Option<&Head>, fit: Fit) -> Head {
        // The coordinates that can move: those the examples touch (others keep the prior).
        let mut active: Vec<u32> = examples
            .iter()
            .flat_map(|e| e.x.iter().map(|p| p.0))
            .collect();
        active.sort_unstable();
        active.dedup();
        let slot = |i: u32| active.binary_search(&i).ok();
        // Examples with their features as slots into `active`.
        let xs: Vec<Vec<(usize, f64)>> = examples
            .iter()
            .map(|e| {
                e.x.iter()
                    .filter_map(|&(i, v)| slot(i).map(|s| (s, v as f64)))
                    .collect()
            })
            .collect();
        let prior_w: Vec<f64> = active
            .iter()
            .map(|&i| prior.map_or(0.0, |p| p.weight(i) as f64))
            .collect();
        let prior_b = prior.map_or(0.0, |p| p.bias as f64);
        let total: f64 = examples
            .iter()
            .map(|e| e.weight as f64)
            .sum::<f64>()
            .max(1e-9);
        let mut w = prior_w.clone();
        let mut b = prior_b;
        // From zero, AdaGrad's first steps are the rate whatever the gradient; from a prior
        // that would throw away what the prior knows, so a refit starts with a full
        // accumulator: steps in proportion to the gradient.
        let g0 = if prior.is_some() { 1.0 } else { 1e-8 };
        let mut g2 = vec![g0; w.len()];
        let mut gb2 = g0;
        let mut grad = vec![0.0f64; w.len()];
        for _ in 0..fit.steps {
            grad.iter_mut().for_each(|g| *g = 0.0);
            let mut gb = 0.0;
            for (x, e) in xs.iter().zip(examples) {
                let z = b + x.iter().map(|&(s, v)| w[s] * v).sum::<f64>();
                let r = (sigmoid(z) - e.y as f64) * e.weight as f64 / total;
                gb += r;
                for &(s, v) in x {
                    grad[s] += r * v;
                }
            }
            for s in 0..w.len() {
                let g = grad[s] + fit.l2 * (w[s] - prior_w[s]);
                g2[s] += g * g;
                w[s] -= fit.rate * g / g2[s].sqrt();
            }
            if prior.is_some() {
                // A refit holds the bias to the prior's too.
                gb += fit.l2 * (b - prior_b);
            }
            gb2 += gb * gb;
            b -= fit.rate * gb / gb2.sqrt();
        }
        let mut weights: Vec<(u32, f32)> = active
            .iter()
            .zip(&w)
            .map(|(&i, &x)| (i, x as f32))
            .collect();
        // Keep the prior's weights on coordinates the examples never touch.
        if let Some(p) = prior {
            weights.extend(
                p.weights
                    .iter()
                    .filter(|(i, _)| slot(*i).is_none())
                    .copied(),
            );
            weights.sort_unstable_by_key(|p| p.0);
        }
        Head {
            bias: b as f32,
            weights,
        }
    }

    /// Drops weights smaller than `min` in magnitude (a smaller model file).
    pub fn prune(&mut self, min: f32) {
        self.weights.retain(|(_, w)| w.abs() >= min);
    }
}

/// Sorts features by index and sums duplicates.
pub fn normalize(mut x: Features) -> Features {
    x.sort_unstable_by_key(|p| p.0);
    let mut out: Features = Vec::with_capacity(x.len());
    for (i, v) in x {
        match out.last_mut() {
            Some(last) if last.0 == i => last.1 += v,
            _ => out.push((i, v)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(x: &[(u32, f32)], y: f32) -> Example {
        Example {
            x: normalize(x.to_vec()),
            y,
            weight: 1.0,
        }
    }

    #[test]
    fn learns_a_separable_rule_and_is_deterministic() {
        // Feature 1 means positive, feature 2 negative; 3 is noise on both.
        let data: Vec<Example> = (0..40)
            .map(|k| {
                if k % 2 == 0 {
                    ex(&[(1, 1.0), (3, 1.0)], 1.0)
                } else {
                    ex(&[(2, 1.0), (3, 1.0)], 0.0)
                }
            })
            .collect();
        let h = Head::fit(&data, None, Fit::default());
        assert!(h.prob(&[(1, 1.0), (3, 1.0)]) > 0.9);
        assert!(h.prob(&[(2, 1.0), (3, 1.0)]) < 0.1);
        assert_eq!(h, Head::fit(&data, None, Fit::default()));
    }

    #[test]
    fn weights_and_priors() {
        // Same features, conflicting labels: the weights decide the probability.
        let mut data = vec![ex(&[(5, 1.0)], 1.0), ex(&[(5, 1.0)], 0.0)];
        data[0].weight = 3.0;
        let h = Head::fit(
            &data,
            None,
            Fit {
                steps: 400,
                ..Fit::default()
            },
        );
        let p = h.prob(&[(5, 1.0)]);
        assert!((p - 0.75).abs() < 0.05, "{p}");
        // A strong prior toward a negative weight holds against one weak example.
        let prior = Head {
            bias: 0.0,
            weights: vec![(5, -3.0), (9, 2.0)],
        };
        let one = vec![ex(&[(5, 1.0)], 1.0)];
        let h = Head::fit(
            &one,
            Some(&prior),
            Fit {
                l2: 1.0,
                ..Fit::default()
            },
        );
        assert!(h.weight(5) < -1.0, "{h:?}");
        assert_eq!(h.weight(9), 2.0, "untouched coordinates keep the prior");
    }

    #[test]
    fn normalize_sums_duplicates() {
        assert_eq!(
            normalize(vec![(3, 1.0), (1, 2.0), (3, 0.5)]),
            vec![(1, 2.0), (3, 1.5)]
        );
        let h = Head {
            bias: 0.5,
            weights: vec![(1, 1.0), (4, -1.0)],
        };
        assert_eq!(h.logit(&[(0, 9.0), (1, 2.0), (4, 1.0)]), 1.5);
    }
}
