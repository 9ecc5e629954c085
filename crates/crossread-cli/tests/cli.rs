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
    let out = crossread()
        .args(["brief", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The articles as crossread reads them (the spans point into these texts).
fn article_texts() -> Vec<(String, String)> {
    let ingested = crossread::ingest::read_paths(
        &[root().join("examples/sessions")],
        &crossread::ingest::Options::default(),
    );
    assert!(ingested.errors.is_empty());
    ingested
        .all_articles()
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect()
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
    assert_eq!(
        sources.len(),
        2,
        "the recusal is cited by both seeds: {recusal}"
    );
}

#[test]
fn seeds_brief_has_no_caption_or_tweet_line() {
    let brief = brief_json(&["examples/sessions"]);
    for s in brief["summary"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        assert!(!text.contains("Yuri Gripas"), "photo credit leaked: {text}");
        assert!(
            !text.contains("@MaineFirstMedia"),
            "tweet line leaked: {text}"
        );
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
            assert_eq!(
                id,
                s["sources"][k].as_str().unwrap(),
                "spans follow the sources"
            );
            let start = sp["start"].as_u64().unwrap() as usize;
            let end = sp["end"].as_u64().unwrap() as usize;
            let body = &texts.iter().find(|(i, _)| i == id).unwrap().1;
            let cited = body
                .get(start..end)
                .expect("span in range, on char boundaries");
            assert!(!cited.is_empty());
            assert_eq!(cited, cited.trim(), "span is trimmed");
            if k == 0 {
                assert_eq!(
                    cited,
                    s["text"].as_str().unwrap(),
                    "text is its first span exactly"
                );
            }
        }
    }
}

#[test]
fn markdown_and_html_formats() {
    let out = crossread()
        .args(["brief", "examples/sessions"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Sources"));
    assert!(md.contains("[1][2]"), "a sentence cited by both: {md}");
    assert!(
        !md.contains("[2][1]"),
        "markers are in ascending order: {md}"
    );
    let out = crossread()
        .args(["brief", "--format", "html", "examples/sessions"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("src=\"http") && !html.contains("<link"),
        "self-contained"
    );
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
    let total: usize = brief["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().len() + 1)
        .sum();
    assert!(total <= 301);
}

#[test]
fn brief_does_not_depend_on_argument_order() {
    let a = brief_json(&[
        "examples/sessions/000_e23ae44cfa9b68ee.txt",
        "examples/sessions/003_06423a56b0682a78.txt",
    ]);
    let b = brief_json(&[
        "examples/sessions/003_06423a56b0682a78.txt",
        "examples/sessions/000_e23ae44cfa9b68ee.txt",
    ]);
    assert_eq!(a, b);
}

/// Runs `crossread brief` on one bad input; returns (exit code, stdout, stderr).
fn brief_on(path: &Path) -> (i32, String, String) {
    let out = crossread()
        .args(["brief", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_inputs_are_one_line_errors_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"abc\0def").unwrap();
    std::fs::write(d.join("latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    let big = std::fs::File::create(d.join("big.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    std::fs::create_dir(d.join("nothing")).unwrap();
    let cases = [
        ("empty.txt", "is empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "invalid UTF-8"),
        ("big.txt", "too large"),
        ("nothing", "no articles"),
        ("missing.txt", "cannot read"),
    ];
    for (name, problem) in cases {
        let (code, _, stderr) = brief_on(&d.join(name));
        assert_eq!(code, 2, "{name}: {stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{name}: one line: {stderr}");
        assert!(lines[0].contains(name), "{name} named: {stderr}");
        assert!(
            lines[0].contains(problem),
            "{name}: {problem:?} in {stderr}"
        );
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn malformed_json_line_is_named_and_the_rest_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let mut lines = Vec::new();
    for i in 1..=20 {
        if i == 17 {
            lines.push(r#"{"id":"x17","text": oops}"#.to_string());
        } else {
            lines.push(format!(
                r#"{{"id":"a{i}","source":"outlet{i}","text":"The council approved the new stadium plan on Monday after a debate number {i}."}}"#
            ));
        }
    }
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (code, stdout, stderr) = brief_on(&path);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("feed.jsonl:17:") && stderr.contains("malformed JSON"),
        "{stderr}"
    );
    let brief: Value = serde_json::from_str(&stdout).expect("a brief of the good lines");
    assert_eq!(brief["articles"].as_array().unwrap().len(), 19);
}

#[test]
fn a_bad_file_in_a_directory_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("examples/sessions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("broken.txt"), b"\xff\xfe\xfd").unwrap();
    let (code, stdout, stderr) = brief_on(dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("broken.txt"), "{stderr}");
    let brief: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(brief["articles"].as_array().unwrap().len(), 2);
    assert!(!brief["summary"].as_array().unwrap().is_empty());
}

#[test]
fn summarize_and_eval_on_a_cluster_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clusters.jsonl");
    let doc = |id: &str, t: &str| serde_json::json!({"id": id, "text": t});
    let c1 = serde_json::json!({"id": "c1", "documents": [
        doc("d1", "The council approved the new stadium plan on Monday after a long debate.\nOpponents said the stadium would cost taxpayers far more than promised."),
        doc("d2", "After a long debate, the city council approved the new stadium plan on Monday.\nThe team owner thanked the fans for their support of the plan.")],
        "references": ["The council approved a new stadium plan on Monday; opponents fear the cost."]});
    let c2 = serde_json::json!({"id": "c2", "documents": [
        doc("d1", "Heavy snow closed the mountain pass for the third day in a row on Friday.\nCrews expect to reopen the road by Sunday if the weather clears.")],
        "references": ["Snow kept the mountain pass closed for a third day."]});
    std::fs::write(&path, format!("{c1}\n{c2}\n")).unwrap();
    let out = crossread()
        .args(["summarize", "--words", "20"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "c1");
    assert!(lines[0]["summary"]
        .as_str()
        .unwrap()
        .contains("approved the new stadium plan"));
    assert!(
        lines[1]["summary"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .count()
            <= 20
    );

    let out = crossread()
        .args(["eval", "--json", "--words", "20"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["clusters"], 2);
    let r1 = report["rouge1"]["f1"].as_f64().unwrap();
    assert!(r1 > 0.3 && r1 <= 1.0, "{report}");
}

/// Runs crossread with `args` on `path`, asserts success, and parses stdout as JSON.
fn run_json(args: &[&str], path: &Path) -> Value {
    let out = crossread().args(args).arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A small mixed pile: two stories, one article reprinted by a second outlet.
fn mixed_pile(dir: &Path) -> PathBuf {
    let stadium = [
        "The Riverton city council approved the new downtown stadium plan on Monday after a long debate. Council member Ana Ortiz said the vote followed months of hearings. Opponents said the stadium would cost taxpayers far more than the Riverton Hawks owners promised. Construction is expected to begin next spring near the river front, the council said.",
        "After a heated debate, the Riverton council voted to approve the downtown stadium for the Riverton Hawks on Monday. Mayor Tom Green said the team will pay half the cost. Critics warned that the stadium deal leaves taxpayers exposed if attendance falls short of projections.",
    ];
    let snow = [
        "Heavy snow closed Bishop Pass in the Sierra Nevada for a third straight day on Friday, stranding dozens of trucks. The state transportation department said crews expected to reopen the highway by Sunday if the storm eased. Forecasters warned that another two feet of snow could fall above 7,000 feet.",
        "Bishop Pass remained shut on Friday as a winter storm dumped more snow across the Sierra Nevada, the transportation department said. Truck drivers waited at the foot of the pass. Officials hope to reopen the road by Sunday, though forecasters expect two more feet of snow at high elevations.",
    ];
    let mut lines = Vec::new();
    let mut add = |id: &str, source: &str, text: &str, label: &str| {
        lines.push(serde_json::json!({"id": id, "source": source, "date": "2024-01-12", "text": text, "label": label}).to_string());
    };
    add("s1", "riverton-times", stadium[0], "stadium");
    add("s2", "valley-news", stadium[1], "stadium");
    add("s3", "wire-reprint", stadium[0], "stadium");
    add("w1", "sierra-daily", snow[0], "snow");
    add("w2", "mountain-post", snow[1], "snow");
    let path = dir.join("pile.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn cluster_groups_stories_and_finds_the_reprint() {
    let dir = tempfile::tempdir().unwrap();
    let pile = mixed_pile(dir.path());
    let report = run_json(&["cluster", "--format", "json"], &pile);
    let stories = report["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2, "{report}");
    let mut groups: Vec<Vec<&str>> = stories
        .iter()
        .map(|s| {
            let mut ids: Vec<&str> = s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    groups.sort();
    assert_eq!(groups, vec![vec!["s1", "s2", "s3"], vec!["w1", "w2"]]);
    assert_eq!(
        stories[0]["articles"].as_array().unwrap().len(),
        3,
        "largest story first"
    );
    assert_eq!(report["near_duplicates"], serde_json::json!([["s1", "s3"]]));
    // No article has a headline: each story is titled by a member's lead, cut to headline size.
    for s in stories {
        let title = s["title"]
            .as_str()
            .unwrap_or_else(|| panic!("untitled: {s}"));
        assert!(!title.is_empty() && title.len() <= 93, "{title}");
    }
    assert!(
        stories[1]["title"]
            .as_str()
            .unwrap()
            .trim_end_matches('…')
            .starts_with("Bishop Pass")
            || stories[1]["title"]
                .as_str()
                .unwrap()
                .starts_with("Heavy snow closed Bishop Pass"),
        "{report}"
    );
}

#[test]
fn brief_all_prints_one_brief_per_story() {
    let dir = tempfile::tempdir().unwrap();
    let pile = mixed_pile(dir.path());
    let v = run_json(&["brief", "--all", "--format", "json"], &pile);
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    for s in stories {
        let members: Vec<&str> = s["story"]["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        for sent in s["brief"]["summary"].as_array().unwrap() {
            for src in sent["sources"].as_array().unwrap() {
                assert!(
                    members.contains(&src.as_str().unwrap()),
                    "a brief cites only its story's articles"
                );
            }
        }
    }
}

#[test]
fn eval_clusters_scores_against_labels() {
    let dir = tempfile::tempdir().unwrap();
    let pile = mixed_pile(dir.path());
    let scores = run_json(&["eval-clusters", "--json"], &pile);
    assert_eq!(scores["items"], 5);
    assert_eq!(scores["bcubed"]["f1"], 1.0, "{scores}");
    assert_eq!(scores["pairwise"]["f1"], 1.0, "{scores}");
}
