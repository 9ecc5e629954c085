//! Speed of batch clustering's text processing (`cluster::bags`: clean, tokenize, names, lead
//! weighting) on one thread and in parallel, and of the whole batch `cluster::cluster`.
//!
//! Corpus: the development sets in ../shared/data (not bundled: licensed), 379 articles, each
//! repeated 8 times under new ids (3,032 articles) so that the parallel path, which needs a few
//! hundred articles per worker, is taken. The bench asserts that the parallel bags equal the
//! sequential ones, so a broken path cannot look fast.
//!
//! Run: `cargo bench -p crossread --bench cluster_features` (`-- --quick` for a short run);
//! `taskset -c 0` pins it to one core (then both paths run on one core).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crossread::cluster::{bags, cluster, Analyzer, Bag, Config};
use crossread::ingest::{read_paths, Options};
use crossread::model::Article;
use std::hint::black_box;
use std::path::PathBuf;

const COPIES: usize = 8;

fn articles() -> Vec<Article> {
    let mut out = Vec::new();
    for name in ["multinews_dev92.jsonl", "multiling2011_en.jsonl"] {
        let path =
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(name);
        let ingested = read_paths(std::slice::from_ref(&path), &Options::default());
        assert!(
            ingested.errors.is_empty() && !ingested.clusters.is_empty(),
            "{}: {:?}",
            path.display(),
            ingested.errors
        );
        out.extend(ingested.clusters.into_iter().flat_map(|c| c.articles));
    }
    let base = out.clone();
    for k in 1..COPIES {
        out.extend(base.iter().map(|a| Article {
            id: format!("{}#{k}", a.id),
            ..a.clone()
        }));
    }
    out
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let refs: Vec<&Article> = articles.iter().collect();
    let cfg = Config::default();
    let sequential = |refs: &[&Article]| -> Vec<Bag> {
        let mut an = Analyzer::new(&cfg);
        refs.iter().map(|a| an.bag(a)).collect()
    };
    assert_eq!(bags(&refs, &cfg), sequential(&refs));
    let mut g = c.benchmark_group("cluster_features");
    g.throughput(Throughput::Elements(articles.len() as u64));
    g.sample_size(10);
    g.bench_function("bags_one_thread", |b| {
        b.iter(|| black_box(sequential(black_box(&refs))))
    });
    g.bench_function(
        format!("bags_parallel_{}_threads", rayon::current_num_threads()),
        |b| b.iter(|| black_box(bags(black_box(&refs), &cfg))),
    );
    g.bench_function("cluster_batch", |b| {
        b.iter(|| black_box(cluster(black_box(&articles), &cfg)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
