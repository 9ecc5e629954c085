//! Development tool: ROUGE of the summarizer on the dev sets under config overrides.
//!
//! `cargo run --release -p crossread --example tune -- key=value ...` where key is a field of
//! `summarize::Config` (min_words, max_words, unigram_weight, position_boost, position_scale,
//! df_exponent, centrality_exponent, citation_threshold) or `r=0.5,1.0` for the cost exponents.
//! Prints R1/R2/RL F1 and the mean summary length for multinews_dev92 @ 260 words and
//! multiling2011_en @ 250 words, each also split into even- and odd-numbered clusters (tune on
//! one half, confirm on the other); `dump=1` prints every cluster's scores on stderr.
use crossread::eval;
use crossread::ingest::{read_paths, Options};
use crossread::model::Budget;
use crossread::summarize::{Config, Summarizer};
use std::path::PathBuf;

fn main() {
    let mut cfg = Config::default();
    let mut gen_scale = 1.0;
    let mut dump = false;
    for arg in std::env::args().skip(1) {
        let (k, v) = arg.split_once('=').expect("key=value");
        let f = || v.parse::<f64>().expect("number");
        match k {
            "min_words" => cfg.min_words = f() as usize,
            "max_words" => cfg.max_words = f() as usize,
            "unigram_weight" => cfg.unigram_weight = f(),
            "position_boost" => cfg.position_boost = f(),
            "position_scale" => cfg.position_scale = f(),
            "df_exponent" => cfg.df_exponent = f(),
            "centrality_exponent" => cfg.centrality_exponent = f(),
            "citation_threshold" => cfg.citation_threshold = f(),
            "gen_scale" => gen_scale = f(),
            "dump" => dump = f() > 0.0,
            "r" => cfg.cost_exponents = v.split(',').map(|x| x.parse().expect("number")).collect(),
            _ => panic!("unknown key {k}"),
        }
    }
    let data = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    for (name, words) in [
        ("multinews_dev92.jsonl", 260),
        ("multiling2011_en.jsonl", 250),
    ] {
        let ing = read_paths(&[data.join(name)], &Options::default());
        let budget = Budget::Words(words);
        let gen = Budget::Words((words as f64 * gen_scale) as usize);
        let mut s = Summarizer::new(Config {
            budget: gen,
            ..cfg.clone()
        });
        let mut len = 0;
        let scores: Vec<_> = ing
            .clusters
            .iter()
            .map(|c| {
                let text = s.summary_text(&c.articles);
                len += text.split_whitespace().count();
                let sc = eval::score(&text, &c.references, budget);
                if dump {
                    eprintln!(
                        "{}\t{}\t{:.2}\t{:.2}",
                        c.id,
                        c.articles.len(),
                        100.0 * sc.rouge1.f1,
                        100.0 * sc.rouge2.f1
                    );
                }
                sc
            })
            .collect();
        let m = eval::mean(&scores);
        println!(
            "{name:<24} R1 {:.2}  R2 {:.2}  RL {:.2}  words {:.0}",
            100.0 * m.rouge1.f1,
            100.0 * m.rouge2.f1,
            100.0 * m.rouge_l.f1,
            len as f64 / scores.len() as f64
        );
        // Split halves (even / odd cluster index): tune on one, confirm on the other.
        for (half, parity) in [("even", 0), ("odd", 1)] {
            let part: Vec<_> = scores.iter().skip(parity).step_by(2).cloned().collect();
            let m = eval::mean(&part);
            println!(
                "  {half:<4} R1 {:.2}  R2 {:.2}",
                100.0 * m.rouge1.f1,
                100.0 * m.rouge2.f1
            );
        }
    }
}
