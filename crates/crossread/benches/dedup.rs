//! Speed of near-duplicate detection: signing texts and inserting signatures into the index.
//!
//! Corpus: the development sets in ../shared/data (not bundled: licensed), 379 articles,
//! signed with one reused `Signer`; and, for the index, 50,000 synthetic articles (words
//! drawn from the dev articles' vocabulary, one in ten a copy of an earlier one: exact, cut to
//! half, or with a new opening), inserted into a fresh index per iteration. The bench asserts
//! the number of copies found, so a broken stage cannot look fast. The 1-million-article run
//! (speed and memory at scale) is the ignored test `scale_one_million` in tests/dedup.rs.
//!
//! Run: `cargo bench -p crossread --bench dedup` (add `-- --quick` for a short run). Pin to one
//! core with `taskset -c 0` to measure the single-core figure.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crossread::dedup::{Config, Index, Signature, Signer};
use crossread::ingest::{read_paths, Options};
use std::hint::black_box;
use std::path::PathBuf;

fn texts() -> Vec<String> {
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
        out.extend(
            ingested
                .clusters
                .into_iter()
                .flat_map(|c| c.articles.into_iter().map(|a| a.text)),
        );
    }
    out
}

/// splitmix64.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The first char boundary at or after `i`.
fn boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Synthetic articles and the number of planted copies.
fn synthetic(texts: &[String], n: usize, cfg: &Config) -> (Vec<Signature>, usize) {
    let words: Vec<&str> = texts.iter().flat_map(|t| t.split_whitespace()).collect();
    let mut rng = Rng(7);
    let mut signer = Signer::new(cfg);
    let mut originals: Vec<String> = Vec::new();
    let (mut sigs, mut copies) = (Vec::with_capacity(n), 0);
    for _ in 0..n {
        let text = if originals.len() > 100 && rng.below(10) == 0 {
            copies += 1;
            let o = &originals[rng.below(originals.len())];
            match rng.below(3) {
                0 => o.clone(),
                1 => o[..boundary(o, o.len() / 2)].to_string(),
                _ => {
                    let lead: Vec<&str> = (0..50).map(|_| words[rng.below(words.len())]).collect();
                    let at = boundary(o, o.len() / 8);
                    format!("{}\n{}", lead.join(" "), &o[at..])
                }
            }
        } else {
            let len = 250 + rng.below(450);
            let t: Vec<&str> = (0..len).map(|_| words[rng.below(words.len())]).collect();
            let t = t.join(" ");
            originals.push(t.clone());
            t
        };
        sigs.push(signer.sign(&text));
    }
    (sigs, copies)
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let cfg = Config::default();
    let bytes: usize = texts.iter().map(String::len).sum();

    let mut group = c.benchmark_group("dedup");
    group.throughput(Throughput::Bytes(bytes as u64));
    let mut signer = Signer::new(&cfg);
    group.bench_function("sign dev articles", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(signer.sign(black_box(t)));
            }
        })
    });

    let n = 50_000;
    let (sigs, copies) = synthetic(&texts, n, &cfg);
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    group.bench_function("insert 50k", |b| {
        b.iter(|| {
            let mut index = Index::with_capacity(&cfg, n).expect("default config is valid");
            let mut out = Vec::new();
            let mut found = 0;
            for (i, s) in sigs.iter().enumerate() {
                index.insert_into(i as u32, s, &mut out);
                found += usize::from(!out.is_empty());
            }
            // Every planted copy is found (copies of one original also find each other).
            assert!(found >= copies * 98 / 100, "{found} of {copies}");
            assert!(found <= copies, "{found} > {copies}: a random text matched");
            black_box(index.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
