//! The `crossread` binary on the bundled example and on bad input.
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn crossread() -> Command {
    let mut cmd = Command::cargo_bin("crossread").expect("binary built");
    cmd.current_dir(root());
    cmd
}

fn brief_json(args: &[&str]) -> Value {
    let out = crossread().args(["brief", "--format", "json"]).args(args).output().unwrap();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The articles as crossread reads them (the spans point into these texts).
fn article_texts() -> Vec<(String, String)> {
    let ingested = crossread::ingest::read_paths(
        &[root().join("examples/sessions")],
        &crossread::ingest::Options::default(),
    );
    assert!(ingested.errors.is_empty());
    ingested.all_articles().map(|a| (a.id.clone(), a.text.clone())).collect()
}

#[test]
fn seeds_brief_cites_both_outlets_for_the_recusal() {
    let brief = brief_json(&["examples/sessions"]);
    let articles = brief["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    let summary = brief["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    let recusal = summary
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains("recuse myself"))
        .expect("the recusal sentence is in the brief");
    let sources = recusal["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2, "the recusal is cited by both seeds: {recusal}");
}

#[test]
fn seeds_brief_has_no_caption_or_tweet_line() {
    let brief = brief_json(&["examples/sessions"]);
    for s in brief["summary"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        assert!(!text.contains("Yuri Gripas"), "photo credit leaked: {text}");
        assert!(!text.contains("@MaineFirstMedia"), "tweet line leaked: {text}");
        assert!(!text.contains("Instagram"), "photo credit leaked: {text}");
    }
}

#[test]
fn every_span_is_exactly_its_sentence() {
    let brief = brief_json(&["examples/sessions"]);
    let texts = article_texts();
    for s in brief["summary"].as_array().unwrap() {
        let spans = s["spans"].as_array().unwrap();
        assert_eq!(spans.len(), s["sources"].as_array().unwrap().len());
        for (k, sp) in spans.iter().enumerate() {
            let id = sp["article"].as_str().unwrap();
            assert_eq!(id, s["sources"][k].as_str().unwrap(), "spans follow the sources");
            let start = sp["start"].as_u64().unwrap() as usize;
            let end = sp["end"].as_u64().unwrap() as usize;
            let body = &texts.iter().find(|(i, _)| i == id).unwrap().1;
            let cited = body.get(start..end).expect("span in range, on char boundaries");
            assert!(!cited.is_empty());
            assert_eq!(cited, cited.trim(), "span is trimmed");
            if k == 0 {
                assert_eq!(cited, s["text"].as_str().unwrap(), "text is its first span exactly");
            }
        }
    }
}

#[test]
fn markdown_and_html_formats() {
    let out = crossread().args(["brief", "examples/sessions"]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Sources"));
    assert!(md.contains("[1][2]") || md.contains("[2][1]"), "a sentence cited by both: {md}");
    let out = crossread().args(["brief", "--format", "html", "examples/sessions"]).output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("src=\"http") && !html.contains("<link"), "self-contained");
}

#[test]
fn budget_is_respected_and_sentences_whole() {
    for words in [30usize, 80, 150] {
        let brief = brief_json(&["--words", &words.to_string(), "examples/sessions"]);
        let total: usize = brief["summary"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap().split_whitespace().count())
            .sum();
        assert!(total <= words, "{total} words > budget {words}");
    }
    let brief = brief_json(&["--bytes", "300", "examples/sessions"]);
    let total: usize = brief["summary"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap().len() + 1).sum();
    assert!(total <= 301);
}

#[test]
fn brief_does_not_depend_on_argument_order() {
    let a = brief_json(&["examples/sessions/000_e23ae44cfa9b68ee.txt", "examples/sessions/003_06423a56b0682a78.txt"]);
    let b = brief_json(&["examples/sessions/003_06423a56b0682a78.txt", "examples/sessions/000_e23ae44cfa9b68ee.txt"]);
    assert_eq!(a, b);
}
