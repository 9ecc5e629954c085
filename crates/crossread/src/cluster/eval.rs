//! Clustering quality against gold labels: pairwise and B-cubed precision, recall and F1.
//!
//! * **Pairwise**: every unordered pair of items is a decision "same cluster or not";
//!   precision is the share of predicted same-cluster pairs that are gold pairs, recall the
//!   share of gold pairs that were predicted. Big clusters dominate (pairs grow with size²).
//! * **B-cubed** (Bagga & Baldwin 1998; Amigó et al. 2009): per item, precision is the share
//!   of its predicted cluster that shares its gold label, recall the share of its gold
//!   cluster that is in its predicted cluster; both are averaged over items.
//!
//! Both are computed from the contingency table (predicted × gold counts), so the cost is
//! linear in the number of items. Conventions: the items are those of `gold`; a gold item
//! missing from `pred` counts as a singleton; predicted items without a gold label are
//! ignored; an id listed twice keeps its first label. With no predicted pair pairwise
//! precision is 1 (nothing was wrongly merged), with no gold pair pairwise recall is 1.

use rustc_hash::FxHashMap;
use serde::Serialize;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1 (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Scores of one predicted clustering against gold labels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Pairwise precision / recall / F1.
    pub pairwise: Prf,
    /// B-cubed precision / recall / F1.
    pub bcubed: Prf,
    /// Items scored (those with a gold label).
    pub items: usize,
    /// Predicted clusters among them.
    pub predicted: usize,
    /// Gold clusters.
    pub gold: usize,
}

/// Scores `pred` (`(item id, predicted cluster)`) against `gold` (`(item id, label)`).
pub fn evaluate<I, P, G>(pred: &[(I, P)], gold: &[(I, G)]) -> Scores
where
    I: AsRef<str>,
    P: AsRef<str>,
    G: AsRef<str>,
{
    let mut gold_of: FxHashMap<&str, &str> = FxHashMap::default();
    for (id, label) in gold {
        gold_of.entry(id.as_ref()).or_insert(label.as_ref());
    }
    // Predicted cluster of each gold item; missing items become singletons (keyed by item).
    let mut pred_of: FxHashMap<&str, (bool, &str)> = FxHashMap::default();
    for (id, cluster) in pred {
        if gold_of.contains_key(id.as_ref()) {
            pred_of
                .entry(id.as_ref())
                .or_insert((true, cluster.as_ref()));
        }
    }
    let mut cells: FxHashMap<((bool, &str), &str), u64> = FxHashMap::default();
    let mut pred_size: FxHashMap<(bool, &str), u64> = FxHashMap::default();
    let mut gold_size: FxHashMap<&str, u64> = FxHashMap::default();
    for (&id, &label) in &gold_of {
        let p = pred_of.get(id).copied().unwrap_or((false, id));
        *cells.entry((p, label)).or_insert(0) += 1;
        *pred_size.entry(p).or_insert(0) += 1;
        *gold_size.entry(label).or_insert(0) += 1;
    }
    let n = gold_of.len();
    let pairs = |k: u64| (k * k.saturating_sub(1) / 2) as f64;
    let tp: f64 = cells.values().map(|&k| pairs(k)).sum();
    let pred_pairs: f64 = pred_size.values().map(|&k| pairs(k)).sum();
    let gold_pairs: f64 = gold_size.values().map(|&k| pairs(k)).sum();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(p, g), &k) in &cells {
        let k2 = (k * k) as f64;
        bp += k2 / pred_size[&p] as f64;
        br += k2 / gold_size[g] as f64;
    }
    let items = n.max(1) as f64;
    Scores {
        pairwise: Prf::new(ratio(tp, pred_pairs), ratio(tp, gold_pairs)),
        bcubed: if n == 0 {
            Prf::new(1.0, 1.0)
        } else {
            Prf::new(bp / items, br / items)
        },
        items: n,
        predicted: pred_size.len(),
        gold: gold_size.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(spec: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        spec.to_vec()
    }

    const GOLD: &[(&str, &str)] = &[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")];

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn one_item_misplaced() {
        // gold {a b c}{d e}, predicted {a b}{c d e}
        let pred = labels(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2"), ("e", "2")]);
        let s = evaluate(&pred, GOLD);
        // gold pairs ab ac bc de; predicted ab cd ce de; shared ab de
        close(s.pairwise.precision, 2.0 / 4.0);
        close(s.pairwise.recall, 2.0 / 4.0);
        close(s.pairwise.f1, 0.5);
        // B³ P = (2²/2 + 1²/3 + 2²/3) / 5 = 11/15; R = (2²/3 + 1²/3 + 2²/2) / 5 = 11/15
        close(s.bcubed.precision, 11.0 / 15.0);
        close(s.bcubed.recall, 11.0 / 15.0);
        assert_eq!((s.items, s.predicted, s.gold), (5, 2, 2));
    }

    #[test]
    fn everything_merged() {
        let pred = labels(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "1"), ("e", "1")]);
        let s = evaluate(&pred, GOLD);
        close(s.pairwise.precision, 4.0 / 10.0);
        close(s.pairwise.recall, 1.0);
        close(s.pairwise.f1, 2.0 * 0.4 / 1.4);
        // B³ P = (3·3/5 + 2·2/5) / 5 = 13/25
        close(s.bcubed.precision, 13.0 / 25.0);
        close(s.bcubed.recall, 1.0);
    }

    #[test]
    fn all_singletons_and_missing_items() {
        // c, d, e are missing from the prediction: singletons. "z" has no gold label: ignored.
        let pred = labels(&[("a", "1"), ("b", "2"), ("z", "1")]);
        let s = evaluate(&pred, GOLD);
        close(s.pairwise.precision, 1.0);
        close(s.pairwise.recall, 0.0);
        close(s.pairwise.f1, 0.0);
        close(s.bcubed.precision, 1.0);
        // B³ R = (3 · 1/3 + 2 · 1/2) / 5
        close(s.bcubed.recall, 2.0 / 5.0);
        assert_eq!(s.predicted, 5);
    }

    #[test]
    fn perfect_and_relabelled() {
        let pred = labels(&[("e", "q"), ("d", "q"), ("c", "p"), ("b", "p"), ("a", "p")]);
        let s = evaluate(&pred, GOLD);
        for prf in [s.pairwise, s.bcubed] {
            close(prf.precision, 1.0);
            close(prf.recall, 1.0);
            close(prf.f1, 1.0);
        }
        let empty: &[(&str, &str)] = &[];
        let s = evaluate(empty, empty);
        assert_eq!(s.items, 0);
        close(s.bcubed.f1, 1.0);
    }
}
