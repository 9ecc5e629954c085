//! The timeline on the seed story (examples/sessions: two articles about Jeff Sessions'
//! recusal, neither dated in metadata) and end-to-end properties.

use crossread::xread::timeline::{timeline, Timeline};
use crossread_model::{Article, DatePrecision, TimelineEvent};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sessions");

fn seeds() -> Vec<Article> {
    let mut paths: Vec<_> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            Article {
                id: id.clone(),
                source: id,
                title: None,
                date: None,
                url: None,
                byline: None,
                lang: None,
                text: std::fs::read_to_string(p).unwrap(),
            }
        })
        .collect()
}

fn find<'a>(t: &'a Timeline, date: &str, words: &[&str]) -> &'a TimelineEvent {
    t.events
        .iter()
        .find(|e| e.date == date && words.iter().all(|w| e.text.contains(w)))
        .unwrap_or_else(|| panic!("no event {date} with {words:?} in {:#?}", t.events))
}

#[test]
fn seed_article_dates_are_inferred() {
    let t = timeline(&seeds());
    let d: Vec<_> = t.article_dates.iter().map(|d| d.unwrap()).collect();
    // 003 carries a tweet embed dated March 2, 2017; 000 names no full date and takes the
    // story's median.
    for ad in &d {
        assert_eq!(ad.date.to_string(), "2017-03-02");
        assert!(ad.inferred);
    }
}

#[test]
fn seed_must_reach_events() {
    let t = timeline(&seeds());
    for e in &t.events {
        eprintln!(
            "{} {:?} {:?} {} | {}",
            e.date, e.precision, e.sources, e.inferred, e.text
        );
    }
    let hearing = find(&t, "2017-01-10", &["confirmation hearing"]);
    assert_eq!(hearing.precision, DatePrecision::Day);
    find(&t, "2016-07", &["Heritage Foundation"]);
    let sept = find(&t, "2016-09-08", &["September 8"]);
    assert!(sept.sources.contains(&"003_06423a56b0682a78".to_string()));
    let flores = find(&t, "2017-03-01", &["Wednesday evening"]);
    assert!(flores.inferred, "resolved against an inferred article date");
    // Both ledes report the day's news (the recusal at the news conference): one event on the
    // inferred article date, with both outlets.
    let peg = t
        .events
        .iter()
        .find(|e| e.date == "2017-03-02")
        .expect("an event on 2017-03-02");
    assert_eq!(peg.sources.len(), 2, "{peg:?}");
    assert!(peg.inferred);
    // Read alone, 003 dates its news conference to 2017-03-02.
    let alone = timeline(&seeds()[1..]);
    find(&alone, "2017-03-02", &["news conference"]);
    // 000's "in September" is the same month as 003's September 8 meeting.
    assert!(t.events.iter().any(|e| e.date.starts_with("2016-09")
        && e.sources.contains(&"000_e23ae44cfa9b68ee".to_string())));
}

#[test]
fn events_are_sorted_and_quote_their_sources() {
    let arts = seeds();
    let t = timeline(&arts);
    assert!(t.events.windows(2).all(|w| w[0].date <= w[1].date));
    for e in &t.events {
        assert!(!e.sources.is_empty());
        let first = arts.iter().find(|a| a.id == e.sources[0]).unwrap();
        assert!(first.text.contains(&e.text), "{e:?}");
        let want = match e.precision {
            DatePrecision::Day => 10,
            DatePrecision::Month => 7,
            DatePrecision::Year => 4,
        };
        assert_eq!(e.date.len(), want);
    }
}

#[test]
fn odd_input() {
    assert_eq!(timeline(&[]), Timeline::default());
    let empty = Article {
        id: "e".into(),
        source: "e".into(),
        title: None,
        date: Some("not a date".into()),
        url: None,
        byline: None,
        lang: None,
        text: String::new(),
    };
    let t = timeline(std::slice::from_ref(&empty));
    assert!(t.events.is_empty());
    assert_eq!(t.article_dates, vec![None]);
    let mut weird = empty;
    weird.text =
        "日本語のテキスト。Ünïcödé on Wednesday — “yesterday” 2017-02-30 0000-01-01 ".repeat(50);
    let t = timeline(&[weird]);
    assert!(
        t.events.is_empty(),
        "no anchor: nothing resolvable {:?}",
        t.events
    );
}

#[test]
fn a_ten_article_story_takes_milliseconds() {
    let arts: Vec<Article> = seeds()
        .into_iter()
        .cycle()
        .take(10)
        .enumerate()
        .map(|(i, mut a)| {
            a.id = format!("{i}");
            a
        })
        .collect();
    let _ = timeline(&arts);
    let t0 = std::time::Instant::now();
    let t = timeline(&arts);
    let el = t0.elapsed();
    eprintln!("10 articles: {el:?}, {} events", t.events.len());
    assert!(!t.events.is_empty());
    // A guard against quadratic blowups even in a debug build (release: ~2 ms, see
    // `stage_timings`).
    assert!(el < std::time::Duration::from_millis(500), "{el:?}");
}

/// Dates found in the MultiLing 2011 development clusters, printed for review (run with
/// `cargo test -p crossread --test timeline -- --ignored --nocapture multiling`). The data are
/// licensed and live outside the repository; the test does nothing when they are absent.
#[test]
#[ignore]
fn multiling_dates_for_review() {
    // DATA=multinews_dev92.jsonl reads the Multi-News clusters instead.
    let name = std::env::var("DATA").unwrap_or_else(|_| "multiling2011_en.jsonl".into());
    let path = format!("{}/../../../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let Ok(data) = std::fs::read_to_string(path) else {
        return;
    };
    let clusters: usize = std::env::var("CLUSTERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let mut total = (0, 0, std::time::Duration::ZERO);
    for line in data.lines().take(clusters) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let arts: Vec<Article> = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| Article {
                id: d["id"].as_str().unwrap().into(),
                source: d["id"].as_str().unwrap().into(),
                title: None,
                date: None,
                url: None,
                byline: None,
                lang: None,
                text: d["text"].as_str().unwrap().into(),
            })
            .collect();
        let t0 = std::time::Instant::now();
        let t = timeline(&arts);
        total.2 += t0.elapsed();
        total.0 += arts.len();
        total.1 += t.events.len();
        println!(
            "==== {} ({} articles, {} events)",
            v["id"],
            arts.len(),
            t.events.len()
        );
        for (a, d) in arts.iter().zip(&t.article_dates) {
            println!("-- {} anchor {:?}", a.id, d);
            for m in crossread::xread::dates::find_dates(&a.text, d.map(|d| d.date)) {
                let lo = a
                    .text
                    .floor_char_boundary_compat(m.span.start.saturating_sub(40));
                let hi = a.text.ceil_char_boundary_compat(m.span.end + 25);
                println!(
                    "   {:<10} {}  [{}]  …{}…",
                    m.date,
                    if m.relative { "r" } else { " " },
                    &a.text[m.span.start..m.span.end],
                    a.text[lo..hi].replace('\n', " / ")
                );
            }
        }
        for e in &t.events {
            println!(
                "EV {} {:?} {}",
                e.date,
                e.sources,
                e.text.chars().take(90).collect::<String>()
            );
        }
    }
    println!(
        "{} articles, {} events, timeline time {:?}",
        total.0, total.1, total.2
    );
}

trait Boundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
    fn ceil_char_boundary_compat(&self, i: usize) -> usize;
}
impl Boundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
    fn ceil_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i += 1;
        }
        i
    }
}

/// Where the time goes (release: `cargo test --release -p crossread --test timeline --
/// --ignored --nocapture stage_timings`).
#[test]
#[ignore]
fn stage_timings() {
    use std::time::Instant;
    let arts: Vec<Article> = seeds().into_iter().cycle().take(10).collect();
    let _ = timeline(&arts);
    let t = Instant::now();
    let d = crossread::xread::timeline::article_dates(&arts);
    println!("article_dates {:?}", t.elapsed());
    let t = Instant::now();
    for (a, d) in arts.iter().zip(&d) {
        let _ = crossread::xread::dates::find_dates(&a.text, d.map(|d| d.date));
    }
    println!("find_dates x10 {:?}", t.elapsed());
    let t = Instant::now();
    for a in &arts {
        let _ = crossread::xread::prose_sentences(&a.text);
    }
    println!("prose_sentences x10 {:?}", t.elapsed());
    let t = Instant::now();
    let _ = crossread_text::tokenize::Tokenizer::new();
    println!("Tokenizer::new {:?}", t.elapsed());
    let mut best = std::time::Duration::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        let _ = timeline(&arts);
        best = best.min(t.elapsed());
    }
    println!("timeline (best of 20) {best:?}");
}
