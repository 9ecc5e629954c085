//! `crossread extract`: web pages in, one JSON record per article out.
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crossread/tests/fixtures/html")
}

fn extract(args: &[&str], paths: &[PathBuf]) -> (Vec<u8>, String, Option<i32>) {
    let out = Command::cargo_bin("crossread")
        .expect("binary built")
        .arg("extract")
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn jsonl_has_every_field_in_order() {
    let (stdout, stderr, code) = extract(&[], &[fixtures().join("date-meta.html")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    let line = String::from_utf8(stdout).unwrap();
    assert_eq!(line.lines().count(), 1);
    let keys: Vec<&str> = [
        "id", "title", "text", "date", "byline", "source", "url", "lang",
    ]
    .into_iter()
    .collect();
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| line.find(&format!("\"{k}\":")).expect(k))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{line}");
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["id"], "date-meta");
    assert_eq!(v["date"], "2021-04-07");
    assert_eq!(v["source"], "Riverside Gazette");
    assert_eq!(v["byline"], "Alex Example");
    assert_eq!(v["lang"], "en-GB");
    assert!(v["text"]
        .as_str()
        .unwrap()
        .starts_with("The river authority opened"));
}

#[test]
fn json_array_over_a_folder_with_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["date-time.html", "date-url.html"] {
        std::fs::copy(fixtures().join(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("cut.html.gz"), b"\x1f\x8b\x08\x00\x00").unwrap();
    let (stdout, stderr, code) = extract(&["--format", "json"], &[dir.path().to_path_buf()]);
    // The bad file is reported and the run fails (2), but the good pages are printed.
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("cut.html.gz: cannot decompress"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["date-time", "date-url"]);
    assert_eq!(v[1]["date"], "2018-05-06");
    assert_eq!(v[0]["byline"], Value::Null);
}

/// A WARC record (each written as its own gzip member by `warc_gz`).
fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Date: 2020-01-02T03:04:05Z\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\n\
         Content-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn warc_gz(records: &[Vec<u8>]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    for r in records {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(r).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    b.extend_from_slice(body);
    b
}

#[test]
fn warc_gz_prints_one_line_per_html_page() {
    let page = |name: &str| std::fs::read(fixtures().join(name)).unwrap();
    let records = vec![
        warc_record(
            "request",
            "https://news.example/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            &response("200 OK", "text/html", &page("date-meta.html")),
        ),
        warc_record(
            "response",
            "https://news.example/gone",
            &response("404 Not Found", "text/html", &page("date-time.html")),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            &response("200 OK", "image/png", b"\x89PNG\0\0"),
        ),
        warc_record(
            "response",
            "https://news.example/b?page=2",
            &response(
                "200 OK",
                "text/html; charset=utf-8",
                &page("date-time.html"),
            ),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("crawl.warc.gz");
    std::fs::write(&clean, warc_gz(&records)).unwrap();
    let (stdout, stderr, code) = extract(&[], &[clean]);
    assert_eq!(code, Some(0), "{stderr}");
    // No progress bar: stderr is not a terminal here.
    assert_eq!(stderr, "");
    let lines: Vec<Value> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["news.example-a", "news.example-b-page-2"]);
    assert_eq!(lines[0]["date"], "2021-04-07");
    assert_eq!(lines[0]["source"], "Riverside Gazette");
    assert_eq!(lines[1]["date"], "2019-03-01");

    // A garbled record in the middle: reported with its number, the pages around it printed.
    let mut broken = records.clone();
    broken.insert(2, b"WARC/1.1\r\nno colon here\r\n\r\n".to_vec());
    let bad = dir.path().join("broken.warc.gz");
    std::fs::write(&bad, warc_gz(&broken)).unwrap();
    let (stdout, stderr, code) = extract(&["--format", "json"], &[bad]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("broken.warc.gz: record 3 at byte ")
            && stderr.contains("malformed WARC header at line 2 of the record"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

fn feed_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crossread/tests/fixtures/feeds")
}

#[test]
fn a_feed_gives_one_line_per_item() {
    let dir = tempfile::tempdir().unwrap();
    // Named `.xml`: recognised by its root element.
    let feed = dir.path().join("feed.xml");
    std::fs::copy(feed_fixtures().join("rss2-content.rss"), &feed).unwrap();
    let (stdout, stderr, code) = extract(&[], std::slice::from_ref(&feed));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    let lines: Vec<Value> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "https://www.gazette.example/?p=1041");
    assert_eq!(lines[0]["date"], "2021-04-07");
    assert_eq!(lines[0]["byline"], "Alex Example");
    assert_eq!(lines[1]["title"], "Council approves new bus routes");
    assert!(lines[1]["text"]
        .as_str()
        .unwrap()
        .starts_with("The council approved"));

    // With the saved page of the first item's URL before it, that item is read once: the
    // page is kept and stderr says what was skipped; skipping a copy is not a failure.
    let page = fixtures().join("date-meta.html");
    let (stdout, stderr, code) = extract(&[], &[page, feed]);
    assert_eq!(code, Some(0), "{stderr}");
    let ids: Vec<String> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "\"date-meta\"",
            "\"https://www.gazette.example/news/bus-routes/\""
        ]
    );
    assert!(
        stderr.contains("has the same URL as `date-meta`"),
        "{stderr}"
    );
}

#[test]
fn a_feed_that_is_not_xml_fails_with_its_name() {
    let (stdout, stderr, code) = extract(&[], &[feed_fixtures().join("not-xml.rss")]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("not-xml.rss: not an RSS or Atom feed: not XML"),
        "{stderr}"
    );
}
