//! Speed of cross-reading: each stage (entities, quotes, timeline, claims) and the whole brief
//! (summary + cross-reading, as `crossread brief` builds it) on one story.
//!
//! Corpus: `../shared/data/multiling2011_en.jsonl` (10 stories of 10 articles, not bundled:
//! licensed). Run: `cargo bench -p crossread --bench cross_read` (add `-- --quick` for a short
//! run); pin to one core with `taskset -c 0` for the single-core figure.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use crossread::ingest::{read_paths, Options};
use crossread::model::Cluster;
use crossread::pipeline::Briefer;
use crossread::xread::{claims, entities, quotes, timeline};
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
    let clusters = load("multiling2011_en.jsonl");
    let mut group = c.benchmark_group("cross_read");
    let name = "multiling2011_en";
    // Broken stages must not look fast: every story yields entities and a timeline.
    for cl in &clusters {
        let t = entities::extract(&cl.articles);
        assert!(!t.entities.is_empty(), "{}", cl.id);
        assert!(
            !timeline::timeline(&cl.articles).events.is_empty(),
            "{}",
            cl.id
        );
    }
    let mut i = 0;
    let mut next = || {
        i += 1;
        &clusters[i % clusters.len()].articles
    };
    group.bench_function(BenchmarkId::new("entities", name), |b| {
        b.iter(|| black_box(entities::extract(black_box(next()))))
    });
    let tables: Vec<_> = clusters
        .iter()
        .map(|c| entities::extract(&c.articles))
        .collect();
    let mut k = 0;
    group.bench_function(BenchmarkId::new("quotes", name), |b| {
        b.iter(|| {
            k = (k + 1) % clusters.len();
            black_box(quotes::quotes_in(&clusters[k].articles, &tables[k]))
        })
    });
    group.bench_function(BenchmarkId::new("timeline", name), |b| {
        b.iter(|| black_box(timeline::timeline(black_box(next()))))
    });
    let cfg = claims::Config::default();
    group.bench_function(BenchmarkId::new("claims", name), |b| {
        b.iter(|| {
            k = (k + 1) % clusters.len();
            black_box(claims::claims(
                &clusters[k].articles,
                &tables[k].mentions,
                &cfg,
            ))
        })
    });
    let mut briefer = Briefer::default();
    group.bench_function(BenchmarkId::new("whole_brief", name), |b| {
        b.iter(|| black_box(briefer.brief(black_box(next()))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
