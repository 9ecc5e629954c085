//! Stories: group a stream of articles from many outlets into stories, online.
//!
//! ```text
//! Article ──Analyzer::bag──▶ Bag ──Bag::weigh(DocFreq)──▶ Features ──Clusterer::add──▶ StoryId
//!  (text processing: clean, tokenize,        (≤ top_terms ids+weights,   (clustering step:
//!   names, lead weighting)                    date)                      index, no text)
//! ```
//!
//! The two halves are separate on purpose: text processing is embarrassingly parallel and
//! costs far more than clustering; the clustering step sees only compact [`Features`] and is
//! what has to scale (a million articles in memory, see `benches/cluster.rs`).
//!
//! * **Online and incremental.** Articles arrive in time order. Each one joins the open story
//!   it matches best or opens a new one; a story that has had no article for `quiet_days`
//!   closes and leaves the candidate index. There is no fixed number of clusters.
//! * **Evidence.** Headline (weighted `title_weight`), body (the lead weighted up to
//!   `1 + lead_boost` times), names (runs of capitalised words, an offline stand-in for named
//!   entities) and time (a decay with the distance in days to the story). Joining needs a
//!   high idf-weighted cosine to the story's centroid *and* shared names, so that two stories
//!   about related events in the same week (two earthquakes, two votes) stay apart even though
//!   they share topic words. A lower score is enough when the best story stands out from the
//!   runner-up by a wide margin. Two headlines that fill one event slot differently (the same
//!   word with another number, "stage 13" / "stage 15"; another place the event is *in*) keep
//!   their articles apart whatever the vectors say ([`EventSig`]). See [`Clusterer`] for the
//!   index and the decision rule.
//! * **Batch** ([`cluster`]): document frequencies are counted over the whole batch (terms
//!   found in one article only are left out: they cannot link it to anything and only dilute
//!   its vector), the articles are put in a canonical order (undated first, then by date, id,
//!   headline, text), run through the online clusterer, and open stories that grew are merged
//!   once more at the end. The result does not depend on the input order and is deterministic.
//! * **Small collections.** idf is computed as if `idf_prior_docs` more documents without the
//!   term had been seen, and common news words ("said", "told", "year") are not terms: in a
//!   pile of 30 articles on 3 stories the stories' own words ("Haiti") would otherwise look
//!   common and lose to words that happen to occur twice.
//!
//! Rejected alternatives: a fixed-k method (k-means, spectral) needs the number of stories;
//! HDBSCAN or agglomerative clustering over all pairs is quadratic and not incremental;
//! single-link over nearest articles chains related stories together (a centroid does not);
//! LSH over MinHash signatures finds near-copies well (the `dedup` stage) but ranks related
//! paraphrases poorly compared with an inverted index over salient terms.
//!
//! ```
//! use crossread::cluster::{cluster, Config};
//! use crossread::model::Article;
//!
//! let article = |id: &str, date: &str, text: &str| Article {
//!     id: id.into(),
//!     source: "wire".into(),
//!     title: None,
//!     date: Some(date.into()),
//!     url: None,
//!     text: text.into(),
//!     byline: None,
//!     lang: None,
//! };
//! let articles = [
//!     article("a", "2024-03-04", "A magnitude 6.2 earthquake struck Amatrice in central Italy, killing 120."),
//!     article("b", "2024-03-05", "Rescuers in Amatrice searched the rubble after the Italy earthquake killed 120."),
//!     article("c", "2024-03-05", "Parliament in Oslo passed the fisheries budget after a long debate in Norway."),
//! ];
//! let stories = cluster(&articles, &Config::default());
//! assert_eq!(stories[0].articles, ["a", "b"]);
//! assert_eq!(stories[1].articles, ["c"]);
//! assert_eq!(stories[0].first.as_deref(), Some("2024-03-04"));
//! ```

mod clusterer;
pub mod eval;
mod event;
mod features;
mod title;

pub use clusterer::{Clusterer, Match, StoryId};
pub use eval::{evaluate, Prf, Scores};
pub use event::EventSig;
pub use features::{bags, day_number, day_string, Analyzer, Bag, DocFreq, Features, NAME_BIT};
pub use title::{lead_headline, MAX_TITLE_BYTES};

use crossread_model::{Article, Story};
use serde::{Deserialize, Serialize};

/// Settings of story clustering. The defaults were chosen on half of the Multi-News dev
/// clusters (`bench/make_piles.py`, `tests/cluster.rs`), with the other half held out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Dimensions kept per article (its heaviest terms and names).
    pub top_terms: usize,
    /// Weight of a headline word relative to a body word deep in the article.
    pub title_weight: f32,
    /// Extra weight of a word at the very start of the body, decaying with position.
    pub lead_boost: f32,
    /// Scale of that decay, in words.
    pub lead_words: f32,
    /// Multiplier of name features relative to content stems.
    pub name_weight: f32,
    /// Multiplier of terms found in no other document of a batch.
    pub unique_weight: f32,
    /// Pseudo-documents without the term added to every idf (see [`DocFreq::idf_with_prior`]).
    pub idf_prior_docs: f32,
    /// Exponent of the (log) term frequency.
    pub tf_exponent: f32,
    /// Heaviest article terms looked up in the inverted index.
    pub query_terms: usize,
    /// Heaviest centroid terms a story is posted under.
    pub story_terms: usize,
    /// Most stories one posting list holds (the most recently posted).
    pub posting_cap: usize,
    /// Candidate stories compared in full.
    pub max_candidates: usize,
    /// Terms a story centroid keeps (it is pruned back when it grows past twice this).
    pub centroid_terms: usize,
    /// Least `cosine · decay` to join a story.
    pub threshold: f32,
    /// Least score to join a story that beats every other candidate by the factor `margin`.
    pub margin_threshold: f32,
    /// How many times the runner-up's score a match needs to join with `margin_threshold`.
    pub margin: f32,
    /// Least score for two stories to merge ([`Clusterer::merge_similar`]).
    pub merge_threshold: f32,
    /// Least part of the score contributed by shared names, when the article and the story
    /// have names.
    pub name_threshold: f32,
    /// Score from which a match needs no shared names.
    pub strong_threshold: f32,
    /// Days between an article and a story's date range that cost nothing.
    pub grace_days: i32,
    /// Days after which the time factor halves, beyond the grace days.
    pub half_life_days: f32,
    /// A story with no article for more than this many days is closed.
    pub quiet_days: i32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            top_terms: 128,
            title_weight: 3.0,
            lead_boost: 2.0,
            lead_words: 60.0,
            name_weight: 1.0,
            unique_weight: 0.0,
            idf_prior_docs: 10.0,
            tf_exponent: 1.0,
            query_terms: 12,
            story_terms: 16,
            posting_cap: 64,
            max_candidates: 8,
            centroid_terms: 144,
            threshold: 0.28,
            merge_threshold: 0.35,
            margin_threshold: 0.22,
            margin: 3.0,
            name_threshold: 0.05,
            strong_threshold: 0.5,
            grace_days: 1,
            half_life_days: 3.0,
            quiet_days: 7,
        }
    }
}

/// Clusters a batch of articles into stories, largest first (ties by id). The result does
/// not depend on the order of `articles`.
pub fn cluster(articles: &[Article], cfg: &Config) -> Vec<Story> {
    let days: Vec<Option<i32>> = articles
        .iter()
        .map(|a| a.date.as_deref().and_then(day_number))
        .collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&articles[x], &articles[y]);
        days[x]
            .cmp(&days[y])
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.text.cmp(&b.text))
    });
    // Tokenize in canonical order so that stem ids (and ties broken by them) do not depend
    // on the input order either (nor on the number of threads: see [`bags`]).
    let ordered: Vec<&Article> = order.iter().map(|&i| &articles[i]).collect();
    let bags: Vec<Bag> = bags(&ordered, cfg);
    let mut df = DocFreq::default();
    for bag in &bags {
        df.add(bag);
    }
    let mut clusterer = Clusterer::new(cfg.clone());
    for (bag, &i) in bags.iter().zip(&order) {
        let a = &articles[i];
        clusterer.add(&a.id, a.title.as_deref(), &bag.weigh(&df, cfg));
    }
    clusterer.merge_similar();
    // Arrival index k is the k-th article of the canonical order.
    clusterer.stories_titled(|k| lead_headline(&ordered[k].text))
}
