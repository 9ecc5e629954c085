//! Speed of feed ingest: a 1,000-item RSS 2.0 feed, and URL canonicalisation.
//!
//! The feed is built at bench time from the development articles in ../shared/data (not
//! bundled: licensed): 1,000 items, each an article's paragraphs as `<p>` HTML in a CDATA
//! `content:encoded`, with a guid, a link carrying `utm_*` parameters, an RFC 2822 `pubDate`,
//! a `dc:creator` and a short escaped-HTML `description` (about 3 MB in all). The bench
//! asserts the number of articles, so a broken reader cannot look fast.
//!
//! Run: `cargo bench -p crossread --bench feed` (add `-- --quick` for a short run).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crossread::ingest::feed::articles_from_feed;
use crossread::ingest::url::canonical;
use crossread::ingest::{parse_bytes, read_paths, Options};
use std::fmt::Write;
use std::hint::black_box;
use std::path::{Path, PathBuf};

const ITEMS: usize = 1_000;

fn texts() -> Vec<String> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
        .join("multinews_dev92.jsonl");
    let ingested = read_paths(std::slice::from_ref(&path), &Options::default());
    assert!(ingested.errors.is_empty(), "{:?}", ingested.errors);
    ingested.all_articles().map(|a| a.text.clone()).collect()
}

fn feed(texts: &[String]) -> (String, Vec<String>) {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>Bench Wire</title>\
         <link>https://www.bench-wire.example/</link><language>en-us</language>\n",
    );
    let mut urls = Vec::with_capacity(ITEMS);
    for i in 0..ITEMS {
        let text = &texts[i % texts.len()];
        let html: String = text
            .lines()
            .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let first = text.lines().next().unwrap_or("");
        let summary: String = first.chars().take(200).collect();
        let url = format!(
            "https://www.bench-wire.example/{}/{:02}/story-{i}/?utm_source=rss&utm_medium=feed&id={i}",
            2000 + i % 20,
            1 + i % 12
        );
        let _ = writeln!(
            xml,
            "<item><title>Story {i}</title><link>{}</link><guid isPermaLink=\"false\">bench-{i}</guid>\
             <pubDate>Tue, {:02} Mar 2021 18:30:00 -0500</pubDate><dc:creator>Reporter {i}</dc:creator>\
             <description>&lt;p&gt;{}&lt;/p&gt;</description>\
             <content:encoded><![CDATA[{html}]]></content:encoded></item>",
            url.replace('&', "&amp;"),
            1 + i % 28,
            summary.replace('&', "&amp;amp;").replace('<', "&amp;lt;"),
        );
        urls.push(url);
    }
    xml.push_str("</channel></rss>\n");
    (xml, urls)
}

fn bench(c: &mut Criterion) {
    let (xml, urls) = feed(&texts());
    let bytes = xml.as_bytes();
    assert_eq!(articles_from_feed(bytes, "bench").articles.len(), ITEMS);

    let mut g = c.benchmark_group("feed");
    g.sample_size(20);
    g.throughput(Throughput::Elements(ITEMS as u64));
    g.bench_function("articles_from_feed_1000_items", |b| {
        b.iter(|| {
            let got = articles_from_feed(black_box(bytes), "bench");
            assert_eq!(got.articles.len(), ITEMS);
            got
        })
    });
    g.bench_function("parse_bytes_1000_items_with_url_dedup", |b| {
        b.iter(|| {
            let got = parse_bytes(
                Path::new("bench.rss"),
                black_box(bytes),
                &Options::default(),
            );
            assert_eq!(got.articles.len(), ITEMS);
            got
        })
    });
    g.bench_function("canonical_1000_urls", |b| {
        b.iter(|| {
            urls.iter()
                .filter_map(|u| canonical(black_box(u)))
                .map(|c| c.len())
                .sum::<usize>()
        })
    });
    g.finish();
    eprintln!("feed size: {} bytes, {ITEMS} items", bytes.len());
}

criterion_group!(benches, bench);
criterion_main!(benches);
