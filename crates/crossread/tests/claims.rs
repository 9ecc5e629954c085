//! Claims on the seed story (examples/sessions) and on constructed cases: corroboration,
//! wire copies counted once, conflicts, and no false conflicts between paraphrases.
//!
//! `cargo test -p crossread --test claims -- --ignored --nocapture dev_clusters` prints the
//! conflicts found on Multi-News dev clusters (read in place from `../shared/data`).

use crossread::model::{Article, Claims, ConflictKind, DocId, EntityKind, Span};
use crossread::xread::claims::{claims, Claimer, Config};
use crossread::xread::Mention;

const SEED_000: &str = include_str!("../../../examples/sessions/000_e23ae44cfa9b68ee.txt");
const SEED_003: &str = include_str!("../../../examples/sessions/003_06423a56b0682a78.txt");

fn art(id: &str, source: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: source.into(),
        title: None,
        date: None,
        url: None,
        byline: None,
        lang: None,
        text: text.into(),
    }
}

/// Mentions of whole-word occurrences of each alias (longest alias first, no overlaps).
fn mentions(articles: &[Article], aliases: &[(&str, u32, EntityKind)]) -> Vec<Mention> {
    let mut sorted = aliases.to_vec();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (d, a) in articles.iter().enumerate() {
        let text = &a.text;
        for &(alias, entity, kind) in &sorted {
            for (i, _) in text.match_indices(alias) {
                let end = i + alias.len();
                let before = text[..i].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let doc = DocId(d as u32);
                if out
                    .iter()
                    .any(|m| m.doc == doc && m.span.start < end && i < m.span.end)
                {
                    continue;
                }
                out.push(Mention {
                    doc,
                    span: Span::new(i, end),
                    entity,
                    kind,
                });
            }
        }
    }
    out.sort_by_key(|m| (m.doc, m.span.start));
    out
}

fn seeds() -> Vec<Article> {
    vec![
        art("000", "outlet-a", SEED_000),
        art("003", "outlet-b", SEED_003),
    ]
}

fn seed_mentions(articles: &[Article]) -> Vec<Mention> {
    use EntityKind::*;
    mentions(
        articles,
        &[
            ("Jeff Sessions", 0, Person),
            ("Sessions", 0, Person),
            ("Session", 0, Person),
            ("Sergei Kislyak", 1, Person),
            ("Sergey Kislyak", 1, Person),
            ("Kislyak", 1, Person),
            ("Donald Trump", 2, Person),
            ("Trump", 2, Person),
        ],
    )
}

fn corroborated_with<'a>(c: &'a Claims, needle: &str) -> Option<&'a crossread::model::Claim> {
    c.corroborated.iter().find(|x| x.text.contains(needle))
}

fn print(c: &Claims) {
    for x in &c.corroborated {
        println!("CORR {} {:?} {}", x.outlets, x.sources, x.text);
    }
    for x in &c.single_source {
        println!("SINGLE {:?} {}", x.sources, x.text);
    }
    for x in &c.conflicts {
        println!(
            "CONFLICT {:?}\n  A {:?} {}\n  B {:?} {}",
            x.kind, x.a.sources, x.a.text, x.b.sources, x.b.text
        );
    }
}

fn check_seed(c: &Claims) {
    // The contradiction: playing a prominent part of the campaign / not working for it.
    let neg = c
        .conflicts
        .iter()
        .find(|x| x.kind == ConflictKind::Negation)
        .expect("negation conflict flagged");
    let texts = [neg.a.text.as_str(), neg.b.text.as_str()];
    assert!(
        texts.iter().any(|t| t.contains("playing a prominent part")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("not working for the campaign")),
        "{texts:?}"
    );
    assert_eq!(c.conflicts.len(), 1, "only the one real conflict");
    // The recusal is corroborated by both outlets.
    let recusal = corroborated_with(c, "recuse").expect("recusal corroborated");
    assert_eq!(recusal.outlets, 2);
    let mut sources = recusal.sources.clone();
    sources.sort();
    assert_eq!(sources, ["000", "003"]);
    // The spokesperson's count of conversations rests on one outlet.
    assert!(corroborated_with(c, "over 25 conversations").is_none());
    let single = c
        .single_source
        .iter()
        .find(|x| x.text.contains("over 25 conversations"))
        .expect("25 conversations is a single-source claim");
    assert_eq!(
        (single.outlets, single.sources.as_slice()),
        (1, &["003".to_string()][..])
    );
    // Fragments, captions and the tweet embed are not claims.
    let all = c.corroborated.iter().chain(&c.single_source);
    for x in all {
        assert!(
            !x.text.contains("Instagram/Yuri Gripas") && !x.text.contains("@MaineFirstMedia"),
            "{}",
            x.text
        );
        assert!(x.text.split_whitespace().count() >= 6, "{}", x.text);
    }
}

#[test]
fn seed_with_mentions() {
    let arts = seeds();
    let m = seed_mentions(&arts);
    let c = claims(&arts, &m, &Config::default());
    print(&c);
    check_seed(&c);
    // The "opted to recuse" paraphrase joins the recusal claim: it is not left on its own.
    assert!(
        !c.single_source
            .iter()
            .any(|x| x.text.contains("opted to “recuse”")),
        "{:?}",
        c.single_source
    );
}

#[test]
fn seed_without_mentions() {
    let c = claims(&seeds(), &[], &Config::default());
    print(&c);
    check_seed(&c);
}

#[test]
fn output_does_not_depend_on_article_order() {
    let arts = seeds();
    let rev: Vec<Article> = arts.iter().rev().cloned().collect();
    let a = claims(&arts, &seed_mentions(&arts), &Config::default());
    let b = claims(&rev, &seed_mentions(&rev), &Config::default());
    assert_eq!(a, b);
}

const WIRE: &str = "The city council voted on Tuesday to expand the bus network to the northern suburbs, \
    adding six routes and forty new buses by next spring. The mayor said the expansion would cut \
    commuting times for thousands of residents who now drive to work. Opponents on the council argued \
    that the money should instead repair roads and bridges across the city. The state grant that pays \
    for the plan was approved by lawmakers in a close vote last year.";

#[test]
fn wire_copies_count_once() {
    let copy = format!("SPRINGFIELD (AP) — {WIRE}\nRead more: local news");
    let own = "Six new bus routes will reach the northern suburbs after the city council voted on Tuesday \
        to expand the bus network. Residents of the northern suburbs packed the hearing, and several spoke \
        in favour of the expansion plan.";
    let arts = [
        art("a", "Daily A", WIRE),
        art("b", "Times B", &copy),
        art("c", "Herald C", own),
    ];
    let c = claims(&arts, &[], &Config::default());
    print(&c);
    let vote = corroborated_with(&c, "voted on Tuesday").expect("the vote is corroborated");
    assert_eq!(vote.sources.len(), 3);
    assert_eq!(vote.outlets, 2, "the two copies are one outlet");
    // Stated only by the two copies of the wire story: single-source, though two articles.
    let opp = c
        .single_source
        .iter()
        .find(|x| x.text.contains("Opponents"))
        .expect("single-source");
    assert_eq!((opp.outlets, opp.sources.len()), (1, 2));
    assert!(corroborated_with(&c, "Opponents").is_none());
    // Same source name: one outlet even without copying.
    let same = [art("a", "Daily A", WIRE), art("c", "Daily A", own)];
    let c = claims(&same, &[], &Config::default());
    assert!(c.corroborated.is_empty(), "{:?}", c.corroborated);
}

#[test]
fn different_numbers_conflict() {
    let a = art("a", "A", "The earthquake killed 12 people in the northern province of Halmar on Sunday, officials said. Rescue teams were still searching the rubble.");
    let b = art("b", "B", "Officials in Halmar said the earthquake killed 15 people when it struck the northern province on Sunday. Aid agencies sent tents and water.");
    let c = claims(&[a.clone(), b.clone()], &[], &Config::default());
    print(&c);
    assert_eq!(c.conflicts.len(), 1, "{:?}", c.conflicts);
    assert_eq!(c.conflicts[0].kind, ConflictKind::Number);
    assert!(c.conflicts[0].a.text.contains("killed 12"));
    assert!(c.conflicts[0].b.text.contains("killed 15"));
    // Approximate counts do not contradict an exact one.
    let b2 = art(
        "b",
        "B",
        &b.text.replace("killed 15", "killed more than 10"),
    );
    let c = claims(&[a.clone(), b2], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    // The same count written in words is the same claim, not a conflict.
    let b3 = art("b", "B", &b.text.replace("killed 15", "killed twelve"));
    let c = claims(&[a, b3], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    assert!(corroborated_with(&c, "killed 12").is_some(), "{c:?}");
}

#[test]
fn consistent_paraphrases_do_not_conflict() {
    let a = art(
        "a",
        "A",
        "Senator Maria Lopez announced on Monday that she will not seek re-election next year. \
        Lopez has served in the Senate since 2009 and chairs the finance committee.",
    );
    let b = art("b", "B", "Maria Lopez, who chairs the finance committee, said Monday she would retire at the end \
        of her term rather than run again. Lopez was first elected to the Senate in 2008 and took office in 2009.");
    let m = mentions(
        &[a.clone(), b.clone()],
        &[
            ("Maria Lopez", 0, EntityKind::Person),
            ("Lopez", 0, EntityKind::Person),
        ],
    );
    let c = claims(&[a.clone(), b.clone()], &m, &Config::default());
    print(&c);
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    let c = claims(&[a, b], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
}

#[test]
fn empty_input() {
    let cfg = Config::default();
    assert_eq!(claims(&[], &[], &cfg), Claims::default());
    let c = claims(&[art("a", "a", ""), art("b", "b", "Hello?")], &[], &cfg);
    assert_eq!(c, Claims::default());
}

#[test]
fn single_source_is_capped_and_ranked() {
    let arts = seeds();
    let cfg = Config {
        max_single_source: 3,
        ..Config::default()
    };
    let c = claims(&arts, &seed_mentions(&arts), &cfg);
    assert_eq!(c.single_source.len(), 3);
    // Claims with numbers rank high.
    assert!(
        c.single_source
            .iter()
            .any(|x| x.text.chars().any(|ch| ch.is_ascii_digit())),
        "{:?}",
        c.single_source
    );
}

/// Prints every conflict found on the Multi-News dev clusters (`CLAIMS_DEV=multiling2011_en.jsonl`
/// for MultiLing) (each article of a cluster is a
/// different outlet), the claim counts and the time per cluster. Spot-check material, no
/// assertion beyond "runs": `cargo test --release -p crossread --test claims -- --ignored
/// --nocapture dev_clusters`.
#[test]
#[ignore]
fn dev_clusters() {
    use crossread::ingest::{read_paths, Options};
    let file = std::env::var("CLAIMS_DEV").unwrap_or_else(|_| "multinews_dev92.jsonl".into());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");
    let ing = read_paths(&[std::path::Path::new(dir).join(file)], &Options::default());
    assert!(!ing.clusters.is_empty(), "dev data missing");
    let cfg = Config::default();
    let (mut n_conf, mut n_corr, mut n_single, mut n_arts) = (0, 0, 0, 0);
    let mut kinds = std::collections::BTreeMap::new();
    let start = std::time::Instant::now();
    let mut slowest = (0.0f64, String::new());
    for cl in &ing.clusters {
        let t = std::time::Instant::now();
        // `CLAIMS_MENTIONS=1`: with the entity stage's mentions, as the brief runs it.
        let ms_ = if std::env::var("CLAIMS_MENTIONS").is_ok_and(|v| v == "1") {
            crossread::xread::entities::extract(&cl.articles).mentions
        } else {
            Vec::new()
        };
        let c = claims(&cl.articles, &ms_, &cfg);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        if ms > slowest.0 {
            slowest = (
                ms,
                format!(
                    "{} ({} articles, {} bytes)",
                    cl.id,
                    cl.articles.len(),
                    cl.articles.iter().map(|a| a.text.len()).sum::<usize>()
                ),
            );
        }
        n_arts += cl.articles.len();
        n_corr += c.corroborated.len();
        n_single += c.single_source.len();
        for x in &c.conflicts {
            n_conf += 1;
            *kinds.entry(format!("{:?}", x.kind)).or_insert(0) += 1;
            println!(
                "== {} {:?}\n  A {:?} {}\n  B {:?} {}",
                cl.id, x.kind, x.a.sources, x.a.text, x.b.sources, x.b.text
            );
        }
    }
    let total = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "{} clusters, {n_arts} articles: {n_corr} corroborated, {n_single} single-source (capped), {n_conf} conflicts {kinds:?}; {total:.1} ms total, slowest {:.2} ms: {}",
        ing.clusters.len(),
        slowest.0,
        slowest.1
    );
}

/// Where the time goes on the dev clusters: the whole stage vs its fixed parts.
#[test]
#[ignore]
fn dev_timing() {
    use crossread::ingest::{read_paths, Options};
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/multinews_dev92.jsonl"
    ));
    let ing = read_paths(&[path], &Options::default());
    let cfg = Config::default();
    let time = |f: &dyn Fn(&[Article])| {
        let t = std::time::Instant::now();
        for cl in &ing.clusters {
            f(&cl.articles);
        }
        t.elapsed().as_secs_f64() * 1e3 / ing.clusters.len() as f64
    };
    let all = time(&|a| drop(claims(a, &[], &cfg)));
    let claimer = std::cell::RefCell::new(Claimer::new(cfg.clone()));
    let warm = time(&|a| drop(claimer.borrow_mut().run(a, &[])));
    let sents = time(&|a| drop(crossread::xread::all_prose_sentences(a)));
    let dedup = time(&|a| drop(crossread::dedup::near_duplicates(a, &cfg.dedup)));
    let tok = time(&|a| {
        let mut t = crossread_text::tokenize::Tokenizer::new();
        for x in a {
            drop(t.tokenize(&x.text));
        }
    });
    let big = ing
        .clusters
        .iter()
        .max_by_key(|c| c.articles.iter().map(|a| a.text.len()).sum::<usize>())
        .unwrap();
    let t = std::time::Instant::now();
    for _ in 0..10 {
        drop(claimer.borrow_mut().run(&big.articles, &[]));
    }
    println!(
        "largest cluster {} ({} articles, {} bytes): {:.2} ms warm",
        big.id,
        big.articles.len(),
        big.articles.iter().map(|a| a.text.len()).sum::<usize>(),
        t.elapsed().as_secs_f64() * 100.0
    );
    let everything: Vec<Article> = ing
        .clusters
        .iter()
        .flat_map(|c| c.articles.iter().cloned())
        .collect();
    let t = std::time::Instant::now();
    let c = claimer.borrow_mut().run(&everything, &[]);
    println!(
        "all {} articles as one story ({} bytes): {:.1} ms, {} corroborated, {} conflicts",
        everything.len(),
        everything.iter().map(|a| a.text.len()).sum::<usize>(),
        t.elapsed().as_secs_f64() * 1e3,
        c.corroborated.len(),
        c.conflicts.len()
    );
    println!("per cluster (ms): claims {all:.2}, warm Claimer {warm:.2}, prose sentences {sents:.2}, dedup {dedup:.2}, fresh tokenizer {tok:.2}");
}

#[test]
fn different_dates_conflict() {
    let a = art("a", "A", "The two foreign ministers met in Geneva on September 8 to discuss the treaty, officials said. Talks will resume next month.");
    let b = art("b", "B", "The two foreign ministers met in Geneva on September 9 to discuss the treaty. Neither side published a statement afterwards.");
    let c = claims(&[a.clone(), b], &[], &Config::default());
    print(&c);
    assert_eq!(c.conflicts.len(), 1, "{:?}", c.conflicts);
    assert_eq!(c.conflicts[0].kind, ConflictKind::Date);
    // The same date is agreement.
    let b2 = art("b", "B", "The two foreign ministers met in Geneva on September 8 to discuss the treaty. Neither side published a statement afterwards.");
    let c = claims(&[a, b2], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    assert!(corroborated_with(&c, "met in Geneva").is_some());
}

#[test]
fn counts_from_different_days_do_not_conflict() {
    let mut a = art("a", "A", "The earthquake killed 12 people in the northern province of Halmar on Sunday, officials said. Rescue teams were still searching the rubble.");
    let mut b = art("b", "B", "Officials in Halmar said the earthquake killed 15 people when it struck the northern province on Sunday. Aid agencies sent tents and water.");
    a.date = Some("2020-03-01".into());
    b.date = Some("2020-03-02".into());
    let c = claims(&[a.clone(), b.clone()], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    // A dated first line counts as the article's day when it has no date field.
    a.date = None;
    b.date = None;
    a.text = format!("Quake hits Halmar\nSunday, March 1, 2020\n{}", a.text);
    b.text = format!("Quake toll rises\nMonday, March 2, 2020\n{}", b.text);
    let c = claims(&[a, b], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
}

#[test]
fn negation_needs_the_same_predicate() {
    // A shared verb alone is not a contradiction: the names were not released, a statement was.
    let a = art(
        "a",
        "A",
        "Police in Springfield released a statement about the shooting on Friday evening.",
    );
    let b = art(
        "b",
        "B",
        "Police in Springfield have not released the names of the two victims yet.",
    );
    let c = claims(&[a, b], &[], &Config::default());
    assert!(c.conflicts.is_empty(), "{:?}", c.conflicts);
    // The same predicate, denied: flagged.
    let a = art(
        "a",
        "A",
        "Governor Ellen Park signed the budget bill into law on Friday afternoon.",
    );
    let b = art(
        "b",
        "B",
        "Governor Ellen Park has not signed the budget bill, her office said on Friday.",
    );
    let c = claims(&[a, b], &[], &Config::default());
    print(&c);
    assert_eq!(c.conflicts.len(), 1, "{:?}", c.conflicts);
    assert_eq!(c.conflicts[0].kind, ConflictKind::Negation);
}

#[test]
fn odd_input_never_panics() {
    let texts = [
        "",
        "\u{feff}“”‘’—–…",
        "Ünïcode Wörds said 1,2 3.4.5 $ % 12 twelve million, 2017 ‘not’ n’t never. Nicht wahr?",
        "数字 1,000,000,000,000,000,000,000,000 people died. Ωmega was not working for the Ωmega campaign.",
        "Mr. X: 04:15:33 — 3.1415 ... $2.5 billion; 10% of 7 and 8 or 9 to 10.",
    ];
    let arts: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| art(&i.to_string(), &i.to_string(), t))
        .collect();
    // Mentions that point anywhere, including outside the texts and into the middle of a char.
    let ms = vec![
        Mention {
            doc: DocId(2),
            span: Span::new(0, 2),
            entity: 0,
            kind: EntityKind::Person,
        },
        Mention {
            doc: DocId(3),
            span: Span::new(1, 5),
            entity: u32::MAX,
            kind: EntityKind::Other,
        },
        Mention {
            doc: DocId(40),
            span: Span::new(0, 1000),
            entity: 1,
            kind: EntityKind::Place,
        },
    ];
    let _ = claims(&arts, &ms, &Config::default());
    let big = "The council approved 12 new routes on Monday. ".repeat(5000);
    let _ = claims(
        &[art("a", "a", &big), art("b", "b", &big.replace("12", "14"))],
        &[],
        &Config::default(),
    );
}

/// Conflicts of a story of two outlets, one article each.
fn conflicts_of(
    a: &str,
    b: &str,
    m: &[(&str, u32, EntityKind)],
) -> Vec<crossread::model::Conflict> {
    let arts = [art("a", "A", a), art("b", "B", b)];
    let ms = mentions(&arts, m);
    claims(&arts, &ms, &Config::default()).conflicts
}

#[test]
fn counted_things_conflict_without_paraphrase() {
    // Same counted phrase, stems matched by prefix ("robbed" / "robberies"), no shared subject
    // word ("three suspects" / "the trio").
    let c = conflicts_of(
        "Detectives are asking the public to help identify three suspects who have been involved in 24 bank robberies.",
        "The trio has robbed 23 banks since November.",
        &[],
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].kind, ConflictKind::Number);
    // A part of the total is not a total.
    let c = conflicts_of(
        "Detectives are asking the public to help identify three suspects who have been involved in 24 bank robberies.",
        "The trio has robbed another 3 banks in Nevada since November.",
        &[],
    );
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn measures_need_a_shared_event_and_estimates_a_tolerance() {
    let a = "Nearly 10 hours into the 16-hour flight, a man six rows ahead started screaming at the crew.";
    let b = "The man started screaming about nine hours into the 15-hour flight, passengers said.";
    let c = conflicts_of(a, b, &[]);
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(
        c[0].a.text.contains("16-hour") && c[0].b.text.contains("15-hour"),
        "{c:?}"
    );
    // "nearly 10" / "about nine" agree (within the 1.5x tolerance); "about 40" / "12" do not.
    let c = conflicts_of(
        "About 40 people died in the fire that destroyed the old market on Friday night.",
        "Firefighters said 12 people died in the fire that destroyed the old market on Friday night.",
        &[],
    );
    assert_eq!(c.len(), 1, "{c:?}");
    let c = conflicts_of(
        "About 40 people died in the fire that destroyed the old market on Friday night.",
        "Firefighters said 45 people died in the fire that destroyed the old market on Friday night.",
        &[],
    );
    assert!(c.is_empty(), "{c:?}");
    // Two different things measured in years.
    let c = conflicts_of(
        "The organizers said it was the first time in the parade's 39-year history that it was called off.",
        "The storm caused the worst damage in the 108-year history of the city's subway system.",
        &[],
    );
    assert!(c.is_empty(), "{c:?}");
    // A count dated by a year is another event.
    let c = conflicts_of(
        "The magnitude-6.2 quake killed 241 people and left hundreds more injured.",
        "In 1997, a magnitude-6.0 quake killed 11 people and damaged 80,000 homes.",
        &[],
    );
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn ages_of_one_person_conflict() {
    let people = [
        ("Alexis Ohanian", 0, EntityKind::Person),
        ("Ohanian", 0, EntityKind::Person),
        ("Serena Williams", 1, EntityKind::Person),
        ("Williams", 1, EntityKind::Person),
        ("Reddit", 2, EntityKind::Organization),
    ];
    let a = "Alexis Ohanian, 34, proposed to the tennis star in Rome last month.";
    // "X, N," against "N-year-old X", before or after a title, or in apposition.
    for b in [
        "The 33-year-old Alexis Ohanian is a co-founder of the website.",
        "The 33-year-old Reddit co-founder Alexis Ohanian popped the question in Rome.",
        "Ohanian, a 33-year-old entrepreneur, popped the question in Rome.",
        "Alexis Ohanian, 33, popped the question in Rome.",
    ] {
        let c = conflicts_of(a, b, &people);
        assert_eq!(c.len(), 1, "{b}: {c:?}");
        assert_eq!(c[0].kind, ConflictKind::Number);
    }
    // The same age, another person's age, an age in a clause about someone else, a sentence
    // giving both ages, a count after a name: no conflict.
    for b in [
        "The 34-year-old Alexis Ohanian is a co-founder of the website.",
        "Serena Williams, 35, said yes to Alexis Ohanian in Rome.",
        "The 33-year-old daughter of Alexis Ohanian was not in Rome.",
        "Photos show Alexis Ohanian, 33, at the sale and Ohanian, 34, in Rome.",
        "Alexis Ohanian, 33 percent owner of the firm, popped the question in Rome.",
    ] {
        let c = conflicts_of(a, b, &people);
        assert!(c.is_empty(), "{b}: {c:?}");
    }
    // Two people merged into one entity by mistake: mentions ending in different words.
    let merged = [
        ("Sheik Hamad", 0, EntityKind::Person),
        ("Sheik Tamim", 0, EntityKind::Person),
    ];
    let c = conflicts_of(
        "The emir will hand power to his son, Sheik Tamim, 33, on Tuesday.",
        "The emir, Sheik Hamad, 61, will hand power to his son on Tuesday.",
        &merged,
    );
    assert!(c.is_empty(), "{c:?}");
    // Without mentions there is no person to give an age to.
    let c = conflicts_of(a, "Alexis Ohanian, 33, popped the question in Rome.", &[]);
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn counts_of_one_group_conflict_across_nouns() {
    // "students" / "pupils", "people" / "victims", "killed" / "deaths".
    for (a, b) in [
        (
            "The bus crash injured 22 students on the mountain road near the school.",
            "The bus crash injured 20 pupils on the mountain road near the school.",
        ),
        (
            "The gunman killed 12 people at the nightclub in Orlando.",
            "The gunman killed 14 victims at the nightclub in Orlando.",
        ),
    ] {
        let c = conflicts_of(a, b, &[]);
        assert_eq!(c.len(), 1, "{a} / {b}: {c:?}");
        assert_eq!(c[0].kind, ConflictKind::Number);
    }
    // The dead and the injured are different counts of the same people; students and
    // soldiers are different people.
    for (a, b) in [
        (
            "The gunman killed 12 people at the nightclub in Orlando.",
            "The gunman injured 30 people at the nightclub in Orlando.",
        ),
        (
            "The bus crash injured 22 students on the mountain road near the school.",
            "The bus crash injured 20 soldiers on the mountain road near the base.",
        ),
    ] {
        let c = conflicts_of(a, b, &[]);
        assert!(c.is_empty(), "{a} / {b}: {c:?}");
    }
}

#[test]
fn one_holder_roles_conflict() {
    let people = [
        ("Carl Graves", 0, EntityKind::Person),
        ("Graves", 0, EntityKind::Person),
        ("Ivan Fredericks", 1, EntityKind::Person),
        ("Fredericks", 1, EntityKind::Person),
        ("Fort Hill", 2, EntityKind::Place),
    ];
    let a = "Graves, 36, was described as the ringleader during his four-day trial before a military jury.";
    let b = "Testimony was heard from Ivan Fredericks, now serving a sentence at Fort Hill for his role as ringleader in the abuse.";
    let c = conflicts_of(a, b, &people);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].kind, ConflictKind::Role);
    // Without mentions the first name of the sentence holds the role.
    let c = conflicts_of(&format!("Prosecutors said {a}"), b, &[]);
    assert_eq!(c.len(), 1, "{c:?}");
    // "a ringleader", "the ringleaders", a sentence naming both, a denial: no conflict.
    for b in [
        "Testimony was heard from Ivan Fredericks, who was described as a ringleader in the abuse.",
        "Testimony was heard from Ivan Fredericks and others described as the ringleaders of the abuse.",
        "Ivan Fredericks testified that Graves was not the ringleader but acted as the ringleader's aide.",
        "Ivan Fredericks denied that he was the ringleader of the abuse at the prison.",
    ] {
        let c = conflicts_of(a, b, &people);
        assert!(c.is_empty(), "{b}: {c:?}");
    }
}

#[test]
fn datelines_are_not_event_dates() {
    let c = conflicts_of(
        "Donors raise money for flood victims\nTuesday, January 18, 2005Through a telethon, Romanian donors have raised 395,000 euro for victims of the flood.",
        "On Sunday, January 16, Romanian donors raised 395,000 euro for victims of the flood in a telethon.",
        &[],
    );
    assert!(c.iter().all(|c| c.kind != ConflictKind::Date), "{c:?}");
}

#[test]
fn single_source_ranks_claims_above_notices_and_phone_numbers() {
    let a = art(
        "a",
        "A",
        "Anyone with information should call Crime Stoppers at 1-800-222-8477 or 274637.\n\
        Tipsters may also text the police tip line at 1-877-527-3247 after hours.\n\
        The fire destroyed 14 homes on Elm Street and injured 3 firefighters, officials said.\n\
        The mayor said the city will open a shelter at the high school on Monday.",
    );
    let b = art(
        "b",
        "B",
        "Residents gathered outside the town hall to watch the smoke rise over the valley.",
    );
    let cfg = Config {
        max_single_source: 2,
        ..Config::default()
    };
    let c = claims(&[a, b], &[], &cfg);
    assert!(
        c.single_source[0].text.contains("14 homes"),
        "{:?}",
        c.single_source
    );
    assert!(
        c.single_source
            .iter()
            .all(|x| !x.text.contains("call") && !x.text.contains("Tipsters")),
        "{:?}",
        c.single_source
    );
}

#[test]
fn a_floor_and_a_ceiling_with_no_value_between_conflict() {
    let darfur = "The United Nations has estimated that as many as 300,000 people have been killed in the Darfur conflict since 2003.";
    let c = conflicts_of(
        darfur,
        "More than 300,000 people have died in the Darfur conflict dating back to 2003, according to United Nations figures.",
        &[],
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].kind, ConflictKind::Number);
    // The predicate may come before the number too.
    let c = conflicts_of(
        "The rebels fought a conflict in Darfur that killed as many as 300,000 people.",
        "More than 300,000 people have died in the Darfur conflict.",
        &[],
    );
    assert_eq!(c.len(), 1, "{c:?}");
    // Bounds that overlap agree: "at least 300,000" / "as many as 300,000", two floors.
    for other in [
        "At least 300,000 people have died in the Darfur conflict dating back to 2003.",
        "More than 250,000 people have died in the Darfur conflict dating back to 2003.",
        "Over 400,000 people have been displaced in the Darfur conflict since 2003.",
    ] {
        let c = conflicts_of(darfur, other, &[]);
        assert!(c.is_empty(), "{other}: {c:?}");
    }
}
