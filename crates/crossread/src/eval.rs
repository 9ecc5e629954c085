//! ROUGE evaluation, matching Google's `rouge-score` package (Porter stemmer on).
//!
//! The research convention this follows (see `../shared/README.md`):
//!
//! - the **system summary** is cut to the word or byte budget before scoring ([`truncate`]);
//!   the **references are scored whole**, never cut;
//! - with several references, the scores against each reference are averaged (precision,
//!   recall and F1 separately), not the best one kept as `rouge-score`'s `score_multi` does;
//! - over a data set, the per-cluster scores are averaged ([`mean`]), again component by
//!   component (the mean F1 is the mean of the F1s, not the F1 of the mean P and R).
//!
//! Tokenization and stemming are those of `rouge-score` (lowercase, `[a-z0-9]+` tokens,
//! NLTK's Porter stemmer on tokens longer than three characters), provided by the `rougers`
//! crate. `tests/rouge_fixtures.rs` checks this module against scores computed by the Python
//! package on the dev sets (`bench/rouge_fixtures.py`).

use crossread_model::Budget;
use rougers::{Document, RougeScorer, RougeType, Score};
use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one ROUGE variant, as fractions in `0.0..=1.0`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Matched units over the candidate's units.
    pub precision: f64,
    /// Matched units over the reference's units.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl From<Score> for Prf {
    fn from(s: Score) -> Self {
        Prf {
            precision: s.precision,
            recall: s.recall,
            f1: s.fmeasure,
        }
    }
}

impl Prf {
    fn add(&mut self, other: &Prf) {
        self.precision += other.precision;
        self.recall += other.recall;
        self.f1 += other.f1;
    }

    fn scale(&mut self, k: f64) {
        self.precision *= k;
        self.recall *= k;
        self.f1 *= k;
    }
}

/// ROUGE-1, ROUGE-2 and ROUGE-L (whole-text LCS, `rouge-score`'s `rougeL`, not `rougeLsum`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RougeScores {
    /// Unigram overlap.
    pub rouge1: Prf,
    /// Bigram overlap.
    pub rouge2: Prf,
    /// Longest common subsequence.
    pub rouge_l: Prf,
}

impl RougeScores {
    fn add(&mut self, other: &RougeScores) {
        self.rouge1.add(&other.rouge1);
        self.rouge2.add(&other.rouge2);
        self.rouge_l.add(&other.rouge_l);
    }

    fn scale(&mut self, k: f64) {
        self.rouge1.scale(k);
        self.rouge2.scale(k);
        self.rouge_l.scale(k);
    }
}

/// Cut a summary to a budget, the way the benchmarks do before scoring.
///
/// - [`Budget::Words`]`(n)`: the first `n` whitespace-separated words (Unicode `White_Space`,
///   as [`str::split_whitespace`]), joined by single spaces.
/// - [`Budget::Bytes`]`(n)`: whitespace runs are first collapsed to single spaces (the text a
///   summary of sentences joined by one space would have), then the first `n` bytes are
///   kept, backing off to a char boundary. Like ROUGE-1.5.5's `-b`, this may cut a word.
///
/// A summary within the budget comes back with its whitespace normalised and nothing else
/// changed; ROUGE tokenization ignores whitespace, so this never changes a score by itself.
pub fn truncate(summary: &str, budget: Budget) -> String {
    match budget {
        Budget::Words(n) => join_words(summary.split_whitespace().take(n)),
        Budget::Bytes(n) => {
            let mut text = join_words(summary.split_whitespace());
            if text.len() > n {
                let mut end = n;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            text
        }
    }
}

fn join_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn scorer() -> RougeScorer {
    RougeScorer::new(["rouge1", "rouge2", "rougeL"], true).expect("valid ROUGE types")
}

fn from_scores(scores: &rougers::Scores) -> RougeScores {
    let get = |t| Prf::from(scores.get(t).expect("requested ROUGE type"));
    RougeScores {
        rouge1: get(RougeType::N(1)),
        rouge2: get(RougeType::N(2)),
        rouge_l: get(RougeType::L),
    }
}

/// Score a candidate summary against a cluster's references.
///
/// The candidate is cut to `budget` with [`truncate`]; the references are used whole. The
/// result is the average of the scores against each reference. With no references every
/// score is 0.
pub fn score(candidate: &str, references: &[String], budget: Budget) -> RougeScores {
    if references.is_empty() {
        return RougeScores::default();
    }
    let scorer = scorer();
    let candidate: Document = scorer.document(&truncate(candidate, budget));
    let per_reference: Vec<RougeScores> = references
        .iter()
        .map(|reference| {
            from_scores(&scorer.score_documents(&scorer.document(reference), &candidate))
        })
        .collect();
    mean(&per_reference)
}

/// Component-wise mean of several scores (all zero for an empty slice).
pub fn mean(scores: &[RougeScores]) -> RougeScores {
    let mut total = RougeScores::default();
    if scores.is_empty() {
        return total;
    }
    for s in scores {
        total.add(s);
    }
    total.scale(1.0 / scores.len() as f64);
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn refs(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn truncate_words_keeps_first_n_and_normalises_spaces() {
        let text = "  one two\n three\tfour  five ";
        assert_eq!(truncate(text, Budget::Words(3)), "one two three");
        assert_eq!(truncate(text, Budget::Words(10)), "one two three four five");
        assert_eq!(truncate(text, Budget::Words(0)), "");
        assert_eq!(truncate("", Budget::Words(5)), "");
    }

    #[test]
    fn truncate_bytes_stops_at_a_char_boundary() {
        assert_eq!(truncate("abc def", Budget::Bytes(5)), "abc d");
        assert_eq!(truncate("abc\n\n def", Budget::Bytes(100)), "abc def");
        // "é" is two bytes (1..3): a cut at 2 backs off to 1.
        assert_eq!(truncate("aé b", Budget::Bytes(2)), "a");
        assert_eq!(truncate("aé b", Budget::Bytes(3)), "aé");
        assert_eq!(truncate("€", Budget::Bytes(2)), "");
        assert_eq!(truncate("x", Budget::Bytes(0)), "");
    }

    #[test]
    fn identical_texts_score_one() {
        let s = score("The cat sat.", &refs(&["the cat sat"]), Budget::Words(100));
        for prf in [s.rouge1, s.rouge2, s.rouge_l] {
            assert!(close(prf.precision, 1.0) && close(prf.recall, 1.0) && close(prf.f1, 1.0));
        }
    }

    #[test]
    fn hand_checked_small_pair() {
        // candidate tokens: the cat was on the mat          (6)
        // reference tokens: the cat sat on the mat today    (7)
        // unigram hits: the×2, cat, on, mat = 5  -> P 5/6, R 5/7
        // bigrams: cand {the cat, cat was, was on, on the, the mat}
        //          ref  {the cat, cat sat, sat on, on the, the mat, mat today}
        //          hits: the cat, on the, the mat = 3 -> P 3/5, R 3/6
        // LCS: the cat on the mat = 5 -> P 5/6, R 5/7
        let s = score(
            "The cat was on the mat.",
            &refs(&["The cat sat on the mat today."]),
            Budget::Words(100),
        );
        let f = |p: f64, r: f64| 2.0 * p * r / (p + r);
        assert!(close(s.rouge1.precision, 5.0 / 6.0));
        assert!(close(s.rouge1.recall, 5.0 / 7.0));
        assert!(close(s.rouge1.f1, f(5.0 / 6.0, 5.0 / 7.0)));
        assert!(close(s.rouge2.precision, 3.0 / 5.0));
        assert!(close(s.rouge2.recall, 3.0 / 6.0));
        assert!(close(s.rouge_l.recall, 5.0 / 7.0));
    }

    #[test]
    fn stemming_and_punctuation_follow_rouge_score() {
        // "running" -> "run", "cats" -> "cat"; "it's" -> "it" "s"; short tokens not stemmed.
        let s = score(
            "Cats running, it's",
            &refs(&["cat run it s"]),
            Budget::Words(100),
        );
        assert!(close(s.rouge1.f1, 1.0));
        assert!(close(s.rouge2.f1, 1.0));
    }

    #[test]
    fn budget_cuts_the_candidate_but_not_the_reference() {
        // Cut to 2 words the candidate is "a b": P = 1, R = 2/4.
        let s = score("a b c d", &refs(&["a b c d"]), Budget::Words(2));
        assert!(close(s.rouge1.precision, 1.0));
        assert!(close(s.rouge1.recall, 0.5));
        // Cut to 3 bytes the candidate is "a b".
        let s = score("a b c d", &refs(&["a b c d"]), Budget::Bytes(3));
        assert!(close(s.rouge1.recall, 0.5));
    }

    #[test]
    fn several_references_are_averaged_not_maxed() {
        // vs "a b": R1 P=1 R=1; vs "c d": 0. Average 0.5 (score_multi would keep 1.0).
        let s = score("a b", &refs(&["a b", "c d"]), Budget::Words(100));
        assert!(close(s.rouge1.precision, 0.5));
        assert!(close(s.rouge1.recall, 0.5));
        assert!(close(s.rouge1.f1, 0.5));
    }

    #[test]
    fn empty_inputs_score_zero() {
        assert_eq!(
            score("", &refs(&["a b"]), Budget::Words(10)),
            RougeScores::default()
        );
        assert_eq!(score("a b", &[], Budget::Words(10)), RougeScores::default());
        assert_eq!(
            score("a b", &refs(&[""]), Budget::Words(10)),
            RougeScores::default()
        );
    }

    #[test]
    fn mean_is_component_wise() {
        let a = score("a b", &refs(&["a b"]), Budget::Words(10));
        let b = RougeScores::default();
        let m = mean(&[a, b]);
        assert!(close(m.rouge1.f1, 0.5));
        assert!(close(m.rouge2.recall, 0.5));
        assert_eq!(mean(&[]), RougeScores::default());
    }

    #[test]
    fn scores_serialize_with_stable_names() {
        let json = serde_json::to_value(RougeScores::default()).unwrap();
        assert!(json["rouge1"]["precision"].is_number());
        assert!(json["rouge_l"]["f1"].is_number());
    }
}
