//! Summary quality on the development sets must stay above the peers a user would otherwise
//! pick: sumy's LexRank and TextRank, measured with the same ROUGE by `bench/peers.sh`
//! (numbers in BENCHMARKS.md). The floors are LexRank's scores (the stronger peer on both sets),
//! so a change that makes crossread no better than LexRank fails here.
use crossread::eval;
use crossread::ingest::{read_paths, Options};
use crossread::model::Budget;
use crossread::summarize::{Config, Summarizer};
use std::path::PathBuf;

fn mean_rouge(name: &str, words: usize) -> eval::RougeScores {
    let path =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(name);
    let ingested = read_paths(std::slice::from_ref(&path), &Options::default());
    assert!(
        ingested.errors.is_empty(),
        "{}: {:?}",
        path.display(),
        ingested.errors
    );
    assert!(
        !ingested.clusters.is_empty(),
        "{} is missing or empty",
        path.display()
    );
    let budget = Budget::Words(words);
    let mut s = Summarizer::new(Config {
        budget,
        ..Config::default()
    });
    let scores: Vec<_> = ingested
        .clusters
        .iter()
        .map(|c| eval::score(&s.summary_text(&c.articles), &c.references, budget))
        .collect();
    eval::mean(&scores)
}

#[test]
fn multinews_above_lexrank_and_textrank() {
    let m = mean_rouge("multinews_dev92.jsonl", 260);
    // sumy LexRank: R1 44.09, R2 13.66; TextRank: 42.68, 12.58 (F1 x100)
    assert!(
        100.0 * m.rouge1.f1 > 44.09 + 1.0,
        "ROUGE-1 F1 {:.2}",
        100.0 * m.rouge1.f1
    );
    assert!(
        100.0 * m.rouge2.f1 > 13.66 + 1.0,
        "ROUGE-2 F1 {:.2}",
        100.0 * m.rouge2.f1
    );
}

#[test]
fn multiling_above_lexrank_and_textrank() {
    let m = mean_rouge("multiling2011_en.jsonl", 250);
    // sumy LexRank: R1 46.08, R2 16.78; TextRank: 44.85, 15.13 (F1 x100)
    assert!(
        100.0 * m.rouge1.f1 > 46.08 + 1.0,
        "ROUGE-1 F1 {:.2}",
        100.0 * m.rouge1.f1
    );
    assert!(
        100.0 * m.rouge2.f1 > 16.78 + 1.0,
        "ROUGE-2 F1 {:.2}",
        100.0 * m.rouge2.f1
    );
}
