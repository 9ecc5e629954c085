//! Which sentences of other articles state what a summary sentence states.
//!
//! A summary sentence cites every article that reports the same thing. Outlets word a fact
//! differently ("I have decided to recuse myself from any existing or future investigations…"
//! / "…will be recusing himself from any investigation now or in the future…"), so matching is
//! on content-word stems, weighted by how rare each stem is among the story's sentences (a
//! name the whole story repeats says little; "intermediaries" says a lot):
//!
//! * **cosine** of the idf-weighted stem sets, for sentences of similar length;
//! * **containment** of the shorter sentence in the longer one, for a short statement quoted
//!   inside a longer sentence; it needs several shared stems so that two short sentences do not
//!   match on a name and a verb.
//!
//! The score is `max(cosine, 0.85 · containment)`; the threshold is calibrated on hand-labelled
//! pairs from the seed articles (tests below): it must link paraphrases of one fact and keep
//! apart sentences about the same people that state different (or contradictory) facts.

use rustc_hash::FxHashMap;

/// Sentence-level idf over one story.
#[derive(Debug, Default)]
pub(crate) struct Index {
    idf: FxHashMap<u32, f64>,
    default_idf: f64,
}

/// Fewer shared stems than this never make two sentences "the same statement".
const MIN_SHARED: usize = 3;
/// Containment counts for a little less than cosine: it ignores what the longer sentence adds.
const CONTAINMENT_FACTOR: f64 = 0.85;

impl Index {
    /// Builds the idf table from the content stems (sorted, unique) of every sentence of a story.
    pub(crate) fn new<'a>(sentences: impl Iterator<Item = &'a [u32]>) -> Self {
        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        let mut n = 0usize;
        for s in sentences {
            n += 1;
            for &t in s {
                *df.entry(t).or_insert(0) += 1;
            }
        }
        let n = n.max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(t, d)| (t, (1.0 + n / d as f64).ln()))
            .collect();
        Index {
            idf,
            default_idf: (1.0 + n).ln(),
        }
    }

    fn weight(&self, t: u32) -> f64 {
        let w = self.idf.get(&t).copied().unwrap_or(self.default_idf);
        w * w
    }

    /// Similarity of two sorted, unique stem lists (0 when they share fewer than 3 stems).
    pub(crate) fn similarity(&self, a: &[u32], b: &[u32]) -> f64 {
        let (mut i, mut j, mut shared, mut dot) = (0, 0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    dot += self.weight(a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        if shared < MIN_SHARED {
            return 0.0;
        }
        let na: f64 = a.iter().map(|&t| self.weight(t)).sum();
        let nb: f64 = b.iter().map(|&t| self.weight(t)).sum();
        let cosine = dot / (na * nb).sqrt().max(1e-12);
        let containment = dot / na.min(nb).max(1e-12);
        cosine.max(CONTAINMENT_FACTOR * containment)
    }

    /// The candidate (id, stems) most similar to `a`, if it reaches `threshold`. Ties go to the
    /// first candidate, so callers pass candidates in a deterministic order.
    pub(crate) fn best_match<'a>(
        &self,
        a: &[u32],
        candidates: impl Iterator<Item = (usize, &'a [u32])>,
        threshold: f64,
    ) -> Option<usize> {
        let mut best = None;
        let mut best_sim = threshold;
        for (id, b) in candidates {
            let sim = self.similarity(a, b);
            if sim >= best_sim && best.is_none() || sim > best_sim {
                best_sim = sim;
                best = Some(id);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::Config;
    use crossread_text::{clean, segment, tokenize::Tokenizer};

    const SEED_000: &str = include_str!("../../../examples/sessions/000_e23ae44cfa9b68ee.txt");
    const SEED_003: &str = include_str!("../../../examples/sessions/003_06423a56b0682a78.txt");

    /// Every sentence of both seeds with its content stems.
    fn seed_sentences(tok: &mut Tokenizer) -> Vec<(String, Vec<u32>)> {
        let mut out = Vec::new();
        for text in [SEED_000, SEED_003] {
            for r in clean::prose_regions(text) {
                for s in segment::sentences(&text[r.start..r.end]) {
                    let body = &text[r.start + s.start..r.start + s.end];
                    let mut stems: Vec<u32> = tok
                        .tokenize(body)
                        .iter()
                        .filter(|w| !w.stop)
                        .map(|w| w.stem)
                        .collect();
                    stems.sort_unstable();
                    stems.dedup();
                    out.push((body.to_string(), stems));
                }
            }
        }
        out
    }

    fn find<'a>(sents: &'a [(String, Vec<u32>)], needle: &str) -> &'a [u32] {
        &sents
            .iter()
            .find(|(t, _)| t.contains(needle))
            .unwrap_or_else(|| panic!("no sentence with {needle:?}"))
            .1
    }

    /// Labelled pairs from the seeds. Known miss, accepted: "has opted to 'recuse' himself from any
    /// existing or future investigations" / "will be recusing himself from any investigation now
    /// or in the future" share only 4 stems among much other content (similarity 0.13).
    #[test]
    fn seed_paraphrases_match_and_different_facts_do_not() {
        let mut tok = Tokenizer::new();
        let sents = seed_sentences(&mut tok);
        let index = Index::new(sents.iter().map(|(_, s)| s.as_slice()));
        let threshold = Config::default().citation_threshold;
        let same = [
            ("I have decided to recuse myself from any existing or future investigations of any matters related in any way to the campaigns for president", "Having concluded those meetings today"),
            ("said he had \"no communications with the Russians", "he asserted that he did not"),
            ("never talked about the Trump’s campaign with Russian operatives", "never had meetings with Russian operatives"),
        ];
        let different = [
            (
                "took place while he was playing a prominent part",
                "Sessions was not working for the campaign during those times",
            ),
            // the highest-scoring pairs that are not the same statement (0.44, 0.35, 0.31)
            (
                "I have decided to recuse myself",
                "I have met with the relevant senior career department officials",
            ),
            (
                "met Session as a member of the Senate Armed Services",
                "He was asked during the hearing about communications",
            ),
            (
                "took place while he was playing a prominent part",
                "The first conversation took place amidst a group",
            ),
            (
                "said Sessions \"clearly misled\" the Senate",
                "There was absolutely nothing misleading about his answer",
            ),
            (
                "Now Democrats are requesting his resignation",
                "lawmakers have publicly called for Sessions to resign",
            ),
            (
                "The president supports Session’s statement",
                "Sessions added that his recusal should not be interpreted",
            ),
            (
                "Trump has previously said he was not aware",
                "There has been no evidence released",
            ),
        ];
        for (a, b) in same {
            let sim = index.similarity(find(&sents, a), find(&sents, b));
            assert!(
                sim >= threshold,
                "should match ({sim:.3} < {threshold}): {a:?} / {b:?}"
            );
        }
        for (a, b) in different {
            let sim = index.similarity(find(&sents, a), find(&sents, b));
            assert!(
                sim < threshold,
                "should not match ({sim:.3} >= {threshold}): {a:?} / {b:?}"
            );
        }
    }

    #[test]
    fn needs_three_shared_stems() {
        let index = Index::new([&[1u32, 2][..], &[1, 2, 3]].into_iter());
        assert_eq!(index.similarity(&[1, 2], &[1, 2, 3]), 0.0);
        assert!(index.similarity(&[1, 2, 3], &[1, 2, 3]) > 0.99);
    }
}
