//! Speed of the core: a brief of one story, from article texts to cited summary sentences
//! (cleaning, segmentation, tokenization, concept weighting, selection, citations).
//!
//! Corpus: the development sets in ../shared/data (not bundled: licensed). `multiling2011_en`
//! has 10 clusters of 10 articles each (the "10-article cluster" of the speed target);
//! `multinews_dev92` has 92 clusters of 2–10 articles. One `Summarizer` is reused across
//! iterations, as the CLI reuses it across clusters (its stem cache stays warm).
//!
//! Run: `cargo bench -p crossread --bench brief` (add `-- --quick` for a short run). Pin to one
//! core with `taskset -c 0` to measure the single-core figure.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use crossread::ingest::{read_paths, Options};
use crossread::model::{Budget, Cluster};
use crossread::summarize::{Config, Summarizer};
use std::hint::black_box;
use std::path::PathBuf;

fn load(name: &str) -> Vec<Cluster> {
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
        "{} has no clusters",
        path.display()
    );
    ingested.clusters
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("brief");
    for (name, words) in [
        ("multiling2011_en.jsonl", 250),
        ("multinews_dev92.jsonl", 260),
    ] {
        let clusters = load(name);
        let mut summarizer = Summarizer::new(Config {
            budget: Budget::Words(words),
            ..Config::default()
        });
        // Broken stages must not look fast: every cluster gets a non-empty summary.
        for cl in &clusters {
            assert!(
                !summarizer.brief(&cl.articles).summary.is_empty(),
                "{}",
                cl.id
            );
        }
        let bytes: usize = clusters
            .iter()
            .flat_map(|c| &c.articles)
            .map(|a| a.text.len())
            .sum();
        group.throughput(Throughput::Bytes((bytes / clusters.len()) as u64));
        group.bench_function(BenchmarkId::new("per_cluster", name), |b| {
            let mut i = 0;
            b.iter(|| {
                let cl = &clusters[i % clusters.len()];
                i += 1;
                black_box(summarizer.brief(black_box(&cl.articles)))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
