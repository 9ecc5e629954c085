//! `crossread::eval` against scores computed by Google's `rouge-score` (Porter stemmer on).
//!
//! The fixtures in `tests/fixtures/rouge/` are written by `bench/rouge_fixtures.py`. The dev-set
//! fixtures carry ids, budgets and scores only (the data is licensed and stays in
//! `../shared/data`); this test rebuilds the same candidates from the data and must agree on
//! every per-cluster score and on the means to 1e-4 (0.01 ROUGE points).

use std::path::Path;

use crossread::eval::{mean, score, truncate, Prf, RougeScores};
use crossread::model::Budget;
use serde::Deserialize;
use serde_json::Value;

const TOLERANCE: f64 = 1e-4;
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rouge");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

#[derive(Deserialize)]
struct SetFixture {
    runs: Vec<Run>,
}

#[derive(Deserialize)]
struct Run {
    budget: Budget,
    clusters: Vec<ClusterRow>,
    mean: RougeScores,
}

#[derive(Deserialize)]
struct ClusterRow {
    id: String,
    references: usize,
    scores: RougeScores,
}

#[derive(Deserialize)]
struct PairsFixture {
    pairs: Vec<Pair>,
}

#[derive(Deserialize)]
struct Pair {
    label: String,
    candidate: String,
    references: Vec<String>,
    budget: Budget,
    truncated: String,
    scores: RougeScores,
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (the dev data lives in ../shared/data next to the repository; \
             fixtures are made by bench/rouge_fixtures.py)",
            path.display()
        )
    })
}

/// Differences beyond the tolerance, as readable lines.
fn diff(what: &str, got: &RougeScores, want: &RougeScores) -> Vec<String> {
    let mut out = Vec::new();
    let pairs: [(&str, &Prf, &Prf); 3] = [
        ("rouge1", &got.rouge1, &want.rouge1),
        ("rouge2", &got.rouge2, &want.rouge2),
        ("rougeL", &got.rouge_l, &want.rouge_l),
    ];
    for (name, g, w) in pairs {
        for (metric, a, b) in [
            ("P", g.precision, w.precision),
            ("R", g.recall, w.recall),
            ("F", g.f1, w.f1),
        ] {
            if (a - b).abs() > TOLERANCE {
                out.push(format!(
                    "{what} {name} {metric}: crossread {a:.6} rouge-score {b:.6}"
                ));
            }
        }
    }
    out
}

/// The fixture's candidate rule: the first 300 whitespace words of the first document.
fn candidate(cluster: &Value) -> String {
    let text = cluster["documents"][0]["text"]
        .as_str()
        .expect("documents[0].text");
    text.split_whitespace()
        .take(300)
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_set(name: &str) {
    let fixture: SetFixture =
        serde_json::from_str(&read(&Path::new(FIXTURES).join(format!("{name}.json"))))
            .expect("fixture JSON");
    let data = read(&Path::new(DATA).join(format!("{name}.jsonl")));
    let clusters: Vec<Value> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{name} line {}: {e}", i + 1))
        })
        .collect();

    assert!(!fixture.runs.is_empty());
    let mut failures = Vec::new();
    for run in &fixture.runs {
        assert_eq!(clusters.len(), run.clusters.len(), "{name}: cluster count");
        let mut all = Vec::new();
        for (cluster, row) in clusters.iter().zip(&run.clusters) {
            assert_eq!(
                cluster["id"].as_str(),
                Some(row.id.as_str()),
                "{name}: cluster order"
            );
            let references: Vec<String> = cluster["references"]
                .as_array()
                .expect("references")
                .iter()
                .map(|r| r.as_str().expect("reference text").to_owned())
                .collect();
            assert_eq!(references.len(), row.references, "{name} {}", row.id);
            let got = score(&candidate(cluster), &references, run.budget);
            failures.extend(diff(
                &format!("{name} {:?} {}", run.budget, row.id),
                &got,
                &row.scores,
            ));
            all.push(got);
        }
        failures.extend(diff(
            &format!("{name} {:?} mean", run.budget),
            &mean(&all),
            &run.mean,
        ));
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn multinews_dev92_matches_rouge_score() {
    check_set("multinews_dev92");
}

#[test]
fn multiling2011_en_matches_rouge_score() {
    check_set("multiling2011_en");
}

#[test]
fn tricky_pairs_match_rouge_score() {
    let fixture: PairsFixture =
        serde_json::from_str(&read(&Path::new(FIXTURES).join("pairs.json"))).expect("pairs JSON");
    assert!(fixture.pairs.len() >= 10);
    let mut failures = Vec::new();
    for pair in &fixture.pairs {
        let cut = truncate(&pair.candidate, pair.budget);
        if cut != pair.truncated {
            failures.push(format!(
                "{}: truncate {cut:?} != {:?}",
                pair.label, pair.truncated
            ));
        }
        let got = score(&pair.candidate, &pair.references, pair.budget);
        failures.extend(diff(&pair.label, &got, &pair.scores));
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
