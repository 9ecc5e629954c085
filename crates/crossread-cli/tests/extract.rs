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
