//! Web archives in: which records become articles, their url/date/id, and broken records that
//! are reported by file, record number and offset while the good ones around them are kept.
//!
//! Every archive here is built in code, record by record, so each test shows its input.

use std::io::Write;
use std::path::{Path, PathBuf};

use crossread::ingest::warc::WarcProblem;
use crossread::ingest::{for_each_item, parse_bytes, read_paths, Error, Item, Options, Progress};

/// One WARC record with the given type, target URI and block.
fn record(kind: &str, uri: Option<&str>, n: u32, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-0{}T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{n:08x}-aaaa-bbbb-cccc-000000000000>\r\n",
        1 + n % 9
    );
    if let Some(uri) = uri {
        r.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
    }
    r.push_str(&format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    ));
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

/// An HTTP response block.
fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A news page; `date` goes in a `<meta>` when given.
fn page(title: &str, date: Option<&str>, words: &str) -> String {
    let meta = date
        .map(|d| format!(r#"<meta property="article:published_time" content="{d}T08:00:00Z">"#))
        .unwrap_or_default();
    format!(
        r#"<html lang="en"><head><title>{title}</title>{meta}</head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{title}</h1>
        <p>The council approved the {words} plan on Thursday after a long public debate in the town hall.</p>
        <p>Officials said the {words} work would begin in the spring and take two years to finish.</p>
        <p>Residents who spoke at the meeting welcomed the {words} decision but asked about the cost.</p>
        </article><footer>Copyright 2024</footer></body></html>"#
    )
}

fn html_response(uri: &str, n: u32, body: &[u8]) -> Vec<u8> {
    let block = http(
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body,
    );
    record(
        "response",
        Some(uri),
        n,
        "application/http; msgtype=response",
        &block,
    )
}

fn messages(errors: &[Error]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// warcinfo, request, 200 HTML, 404, image, revisit, metadata, garbled, 200 HTML without a date.
fn mixed_archive() -> (Vec<Vec<u8>>, Vec<u64>) {
    let mut records = vec![
        record(
            "warcinfo",
            None,
            1,
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            Some("https://www.river.example/news/dam-opens"),
            2,
            "application/http; msgtype=request",
            b"GET /news/dam-opens HTTP/1.1\r\nHost: www.river.example\r\n\r\n",
        ),
        html_response(
            "https://www.river.example/news/dam-opens",
            3,
            page("Dam opens", Some("2024-02-27"), "dam").as_bytes(),
        ),
        record(
            "response",
            Some("https://www.river.example/missing"),
            4,
            "application/http; msgtype=response",
            &http(
                "404 Not Found",
                &[("Content-Type", "text/html")],
                page("Not found", None, "missing").as_bytes(),
            ),
        ),
        record(
            "response",
            Some("https://www.river.example/logo.png"),
            5,
            "application/http; msgtype=response",
            &http(
                "200 OK",
                &[("Content-Type", "image/png")],
                b"\x89PNG\r\n\x1a\n\0\0",
            ),
        ),
        record(
            "revisit",
            Some("https://www.river.example/news/dam-opens"),
            6,
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ),
        record(
            "metadata",
            Some("https://www.river.example/news/dam-opens"),
            7,
            "application/warc-fields",
            b"outlinks: x\r\n",
        ),
    ];
    // A header line with no colon: the header cannot be parsed, so its length is unknown.
    records
        .push(b"WARC/1.0\r\nWARC-Type response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec());
    records.push(html_response(
        "https://river.example/news/bridge?id=7&utm_source=x",
        9,
        page("Bridge repaired", None, "bridge").as_bytes(),
    ));
    let mut offsets = Vec::new();
    let mut at = 0u64;
    for r in &records {
        offsets.push(at);
        at += r.len() as u64;
    }
    (records, offsets)
}

#[test]
fn html_responses_become_articles_and_a_garbled_record_is_reported() {
    let (records, offsets) = mixed_archive();
    let got = parse_bytes(
        Path::new("crawl.warc"),
        &records.concat(),
        &Options::default(),
    );
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "river.example-news-dam-opens",
            "river.example-news-bridge-id-7-utm-source-x"
        ]
    );
    let dam = &got.articles[0];
    assert_eq!(
        dam.url.as_deref(),
        Some("https://www.river.example/news/dam-opens")
    );
    // The page's own date wins over the crawl date (WARC-Date 2024-03-04).
    assert_eq!(dam.date.as_deref(), Some("2024-02-27"));
    assert_eq!(dam.source, "river.example");
    assert!(dam.text.starts_with("The council approved the dam plan"));
    // No date in the page: the day it was crawled.
    assert_eq!(got.articles[1].date.as_deref(), Some("2024-03-01"));
    assert_eq!(
        messages(&got.errors),
        [format!(
            "crawl.warc: record 8 at byte {}: malformed WARC header at line 2 of the record",
            offsets[7]
        )]
    );
    match &got.errors[0] {
        Error::Warc {
            record,
            offset,
            problem: WarcProblem::MalformedHeader { line: 2 },
            ..
        } => assert_eq!((*record, *offset), (8, offsets[7])),
        other => panic!("{other:?}"),
    }
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

/// Each record its own gzip member, as WARC writers do.
fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(r).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

#[test]
fn warc_gz_members_and_a_truncated_last_member() {
    let (mut records, _) = mixed_archive();
    let last = html_response(
        "https://river.example/news/late",
        10,
        page("Late story", None, "late").as_bytes(),
    );
    records.push(last);
    let mut bytes = gzip_members(&records);
    let whole = parse_bytes(Path::new("crawl.warc.gz"), &bytes, &Options::default());
    assert_eq!(whole.articles.len(), 3);
    assert_eq!(whole.errors.len(), 1);

    // One gzip member for the whole file (`gzip crawl.warc`) reads the same.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&records.concat()).unwrap();
    let single = parse_bytes(
        Path::new("crawl.warc.gz"),
        &gz.finish().unwrap(),
        &Options::default(),
    );
    assert_eq!(messages(&single.errors), messages(&whole.errors));
    assert_eq!(single.articles, whole.articles);

    // Cut the last member in half: the two articles before it are kept.
    bytes.truncate(bytes.len() - 200);
    let got = parse_bytes(Path::new("crawl.warc.gz"), &bytes, &Options::default());
    assert_eq!(got.articles.len(), 2);
    let errors = messages(&got.errors);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("record 8 at byte"), "{errors:?}");
    assert!(
        errors[1].starts_with("crawl.warc.gz: record 10 at byte ")
            && errors[1].contains("cannot decompress"),
        "{errors:?}"
    );
}

/// A corrupt member in mid-file costs the record it holds, not the rest of the archive, and
/// nothing of it becomes an article (a corrupt member can inflate to garbage before its
/// checksum fails).
#[test]
fn a_corrupt_gzip_member_costs_one_record() {
    let stories = ["dam", "bridge", "tunnel"];
    let records: Vec<Vec<u8>> = stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let words = format!("{s} ").repeat(40);
            let url = format!("https://river.example/news/{s}");
            html_response(&url, i as u32 + 1, page(s, None, &words).as_bytes())
        })
        .collect();
    let members: Vec<Vec<u8>> = records
        .iter()
        .map(|r| gzip_members(std::slice::from_ref(r)))
        .collect();
    let whole = parse_bytes(
        Path::new("crawl.warc.gz"),
        &members.concat(),
        &Options::default(),
    );
    assert_eq!(whole.articles.len(), 3, "{:?}", messages(&whole.errors));

    for damage in ["deflate data", "checksum"] {
        let mut middle = members[1].clone();
        let at = match damage {
            "deflate data" => middle.len() / 2,
            _ => middle.len() - 7,
        };
        middle[at] ^= 0x55;
        let bytes = [members[0].clone(), middle, members[2].clone()].concat();
        let got = parse_bytes(Path::new("crawl.warc.gz"), &bytes, &Options::default());
        let urls: Vec<_> = got.articles.iter().map(|a| a.url.as_deref()).collect();
        assert_eq!(
            urls,
            [
                Some("https://river.example/news/dam"),
                Some("https://river.example/news/tunnel")
            ],
            "{damage}: {:?}",
            messages(&got.errors)
        );
        let errors = messages(&got.errors);
        assert_eq!(errors.len(), 1, "{damage}: {errors:?}");
        assert!(
            errors[0].starts_with("crawl.warc.gz: record 2 at byte ")
                && errors[0].contains("corrupt gzip member")
                && errors[0].contains("to the next member"),
            "{damage}: {errors:?}"
        );
    }
}

#[test]
fn wrong_content_length_is_reported_and_the_next_record_is_found() {
    let good = html_response(
        "https://a.example/one",
        1,
        page("One", None, "first").as_bytes(),
    );
    // Content-Length 20 bytes short of the block: the record does not end where it says.
    let block = http(
        "200 OK",
        &[("Content-Type", "text/html")],
        page("Two", None, "second").as_bytes(),
    );
    let mut short = record(
        "response",
        Some("https://a.example/two"),
        2,
        "application/http; msgtype=response",
        &block,
    );
    let declared = format!("Content-Length: {}", block.len());
    let text = String::from_utf8(short.clone()).unwrap();
    short = text
        .replacen(
            &declared,
            &format!("Content-Length: {}", block.len() - 20),
            1,
        )
        .into_bytes();
    let third = html_response(
        "https://a.example/three",
        3,
        page("Three", None, "third").as_bytes(),
    );
    let offset = good.len();
    let got = parse_bytes(
        Path::new("x.warc"),
        &[good, short, third].concat(),
        &Options::default(),
    );
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a.example-one", "a.example-three"]);
    assert_eq!(
        messages(&got.errors),
        [format!(
            "x.warc: record 2 at byte {offset} (https://a.example/two): no CRLF CRLF after the \
             record's {} bytes (wrong Content-Length?)",
            block.len() - 20
        )]
    );
}

#[test]
fn file_cut_inside_a_body_and_garbage_before_the_first_record() {
    let one = html_response(
        "https://a.example/one",
        1,
        page("One", None, "first").as_bytes(),
    );
    let two = html_response(
        "https://a.example/two",
        2,
        page("Two", None, "second").as_bytes(),
    );
    let mut bytes = b"garbage line\r\n".to_vec();
    bytes.extend(&one);
    bytes.extend(&two[..two.len() - 100]);
    let got = parse_bytes(Path::new("cut.warc"), &bytes, &Options::default());
    assert_eq!(got.articles.len(), 1);
    let errors = messages(&got.errors);
    assert_eq!(
        errors[0],
        "cut.warc: record 1 at byte 0: expected a `WARC/1.x` version line, found `garbage line\\r\\n`"
    );
    assert!(
        errors[1].starts_with(&format!(
            "cut.warc: record 3 at byte {} (https://a.example/two): record cut short:",
            14 + one.len()
        )),
        "{errors:?}"
    );
    assert_eq!(errors.len(), 2);
}

#[test]
fn http_layer_chunked_gzip_charset_and_sniffing() {
    let latin1: Vec<u8> = page("Caf\u{e9} reopens", None, "caf\u{e9}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&latin1).unwrap();
    let gz = gz.finish().unwrap();
    let (a, b) = gz.split_at(gz.len() / 2);
    let mut chunked = format!("{:x}\r\n", a.len()).into_bytes();
    chunked.extend(a);
    chunked.extend(format!("\r\n{:x}\r\n", b.len()).as_bytes());
    chunked.extend(b);
    chunked.extend(b"\r\n0\r\n\r\n");
    let block = http(
        "200 OK",
        &[
            ("Content-Type", "text/html; charset=ISO-8859-1"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    let encoded = record(
        "response",
        Some("https://cafe.example/"),
        1,
        "application/http; msgtype=response",
        &block,
    );
    // No Content-Type at all: the payload is sniffed; a text payload is not a page.
    let untyped = record(
        "response",
        Some("https://b.example/untyped"),
        2,
        "application/http; msgtype=response",
        &http("200 OK", &[], page("Untyped", None, "untyped").as_bytes()),
    );
    let plain = record(
        "response",
        Some("https://b.example/robots.txt"),
        3,
        "application/http; msgtype=response",
        &http("200 OK", &[], b"User-agent: *\nDisallow: /"),
    );
    let got = parse_bytes(
        Path::new("enc.warc"),
        &[encoded, untyped, plain].concat(),
        &Options::default(),
    );
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["cafe.example", "b.example-untyped"]);
    assert_eq!(got.articles[0].title.as_deref(), Some("Café reopens"));
    assert!(got.articles[0].text.contains("the café plan"));
}

#[test]
/// A URL captured twice is read once (the first capture), like the same page given twice.
fn same_url_twice_is_read_once_and_an_empty_page_is_a_warning() {
    let body = page("Dam opens", None, "dam");
    let first = html_response("https://a.example/x", 0xabcd, body.as_bytes());
    let again = html_response("https://a.example/x", 0x1234, body.as_bytes());
    let empty = html_response(
        "https://a.example/index",
        3,
        b"<html><body><nav><a href=/>Home</a></nav></body></html>",
    );
    let offset = first.len() + again.len();
    let got = parse_bytes(
        Path::new("dup.warc"),
        &[first, again, empty].concat(),
        &Options::default(),
    );
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a.example-x"]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    assert_eq!(
        messages(&got.warnings),
        [
            "dup.warc: article `a.example-x-00001234` has the same URL as `a.example-x` from \
             dup.warc (https://a.example/x); skipped"
                .to_string(),
            format!(
                "dup.warc: record 3 at byte {offset} (https://a.example/index): no article \
                 text found in the page"
            )
        ]
    );
}

#[test]
fn record_limit_reports_a_large_page_and_skips_large_non_pages() {
    let opts = Options {
        max_record_bytes: 2000,
        ..Options::default()
    };
    let big_page = html_response(
        "https://a.example/big",
        1,
        page("Big", None, &"very ".repeat(400)).as_bytes(),
    );
    let big_image = record(
        "response",
        Some("https://a.example/big.jpg"),
        2,
        "application/http; msgtype=response",
        &http("200 OK", &[("Content-Type", "image/jpeg")], &[7u8; 100_000]),
    );
    // No Content-Type and not HTML on its face: skipped without a word.
    let big_untyped = record(
        "response",
        Some("https://a.example/blob"),
        4,
        "application/http; msgtype=response",
        &http("200 OK", &[], &[0u8; 100_000]),
    );
    let small = html_response(
        "https://a.example/small",
        3,
        page("Small", None, "small").as_bytes(),
    );
    let got = parse_bytes(
        Path::new("big.warc"),
        &[big_page, big_image, big_untyped, small].concat(),
        &opts,
    );
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a.example-small"]);
    let errors = messages(&got.errors);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .starts_with("big.warc: record 1 at byte 0 (https://a.example/big): HTML response of")
            && errors[0].ends_with("is over the 2000-byte record limit"),
        "{errors:?}"
    );
}

#[test]
fn streaming_over_files_counts_progress_and_keeps_order() {
    let dir = tempfile::tempdir().unwrap();
    let (records, _) = mixed_archive();
    let gz = gzip_members(&records);
    let warc_path = dir.path().join("b-crawl.warc.gz");
    std::fs::write(&warc_path, &gz).unwrap();
    std::fs::write(
        dir.path().join("a-page.html"),
        page("Standalone", None, "standalone"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c-page.html"),
        page("Last page", None, "closing"),
    )
    .unwrap();
    let progress = Progress::default();
    let mut seen = Vec::new();
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    for_each_item(&paths, &Options::default(), &progress, |item| {
        seen.push(match item {
            Item::Article(a) => format!("article {}", a.id),
            Item::Error(e) => format!("error {}", e.path().file_name().unwrap().to_string_lossy()),
            Item::Warning(e) => format!("warning {e}"),
            Item::Cluster(c) => format!("cluster {}", c.id),
        });
    });
    assert_eq!(
        seen,
        [
            "article a-page",
            "article river.example-news-dam-opens",
            "error b-crawl.warc.gz",
            "article river.example-news-bridge-id-7-utm-source-x",
            "article c-page",
        ]
    );
    assert_eq!(progress.records(), 9);
    assert_eq!(progress.articles(), 4);
    let total: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert_eq!(progress.bytes_total(), total);
    assert_eq!(progress.bytes_read(), total);
    // read_paths is the same stream, collected.
    let got = read_paths(&paths, &Options::default());
    assert_eq!(got.articles.len(), 4);
    assert_eq!(got.errors.len(), 1);
}

#[test]
fn cancel_stops_between_batches() {
    let records: Vec<Vec<u8>> = (0..200)
        .map(|n| {
            html_response(
                &format!("https://a.example/{n}"),
                n,
                page("Story", None, "story").as_bytes(),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.warc");
    std::fs::write(&path, records.concat()).unwrap();
    let progress = Progress::default();
    let mut articles = 0;
    for_each_item(&[path], &Options::default(), &progress, |item| {
        if let Item::Article(_) = item {
            articles += 1;
            progress.cancel();
        }
    });
    // The batch in flight is finished, nothing after it is read.
    assert_eq!(articles, 64);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // Cut a valid archive at every length: each prefix gives a result, never a panic.
    let (records, _) = mixed_archive();
    let bytes = records.concat();
    for cut in (0..bytes.len()).step_by(97) {
        let got = parse_bytes(Path::new("p.warc"), &bytes[..cut], &Options::default());
        assert!(got.articles.len() <= 2);
    }
    // Flip bytes of the headers.
    for i in (0..bytes.len()).step_by(41) {
        let mut b = bytes.clone();
        b[i] ^= 0x5a;
        let _ = parse_bytes(Path::new("p.warc"), &b, &Options::default());
    }
}

#[test]
fn lf_only_line_ends_are_accepted() {
    // Hand-made archives often have bare LF line ends: the `warc` crate's parser takes them,
    // and so does the framing here.
    let body = page("Plain lines", None, "plain");
    let block = format!("HTTP/1.1 200 OK\nContent-Type: text/html\n\n{body}");
    let archive = format!(
        "WARC/1.0\nWARC-Type: response\nWARC-Date: 2024-01-02T00:00:00Z\n\
         WARC-Record-ID: <urn:uuid:1>\nWARC-Target-URI: https://lf.example/a\n\
         Content-Length: {}\n\n{block}\n\n",
        block.len()
    );
    let got = parse_bytes(
        Path::new("lf.warc"),
        archive.as_bytes(),
        &Options::default(),
    );
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["lf.example-a"]);
    assert_eq!(got.articles[0].date.as_deref(), Some("2024-01-02"));
}

#[test]
fn endless_header_is_cut_at_the_limit_and_the_next_record_read() {
    let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\n".to_vec();
    for i in 0..5000 {
        bytes.extend(format!("X-Filler-{i}: yyyyyyyyyy\r\n").as_bytes());
    }
    assert!(bytes.len() > crossread::ingest::warc::MAX_HEADER_BYTES);
    bytes.extend(html_response(
        "https://a.example/after",
        2,
        page("After", None, "after").as_bytes(),
    ));
    let got = parse_bytes(Path::new("h.warc"), &bytes, &Options::default());
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a.example-after"]);
    assert_eq!(
        messages(&got.errors),
        ["h.warc: record 1 at byte 0: WARC header block has no end within 65536 bytes"]
    );
}
