//! Speed of reading a saved web page: `ingest::html::article_from_html` (decoding, one parse,
//! rs-trafilatura's main content, our metadata, date and body clean-up) on each of the 97
//! pages of ../shared/data/extraction_dev (not bundled: licensed), decompressed beforehand so
//! only the extraction is timed. The bench asserts how many pages give an article, so a broken
//! extractor cannot look fast. Whole-process timing against Python trafilatura is
//! bench/extraction.sh.
//!
//! Run: `cargo bench -p crossread --bench extract` (add `-- --quick` for a short run). Pin to
//! one core with `taskset -c 0` to measure the single-core figure.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crossread::ingest::html::article_from_html;
use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;

fn pages() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/extraction_dev/html"
    ));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(&path).expect("page file");
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), bytes)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let extracted = pages
        .iter()
        .filter(|(_, html)| article_from_html(html, None, "p").is_ok())
        .count();
    // Every dev page has an article body; one that stops giving one is a regression.
    assert_eq!(extracted, pages.len(), "pages without an article");
    let bytes: usize = pages.iter().map(|(_, html)| html.len()).sum();

    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("97 extraction_dev pages", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                black_box(article_from_html(black_box(html), None, "p").ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
