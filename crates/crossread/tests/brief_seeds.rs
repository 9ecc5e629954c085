//! The whole brief of the seed story (examples/sessions), end to end through
//! [`crossread::pipeline::Briefer`]: the cross-reading a reader of these two reports must get.
//! Each stage has its own finer tests; this one checks that they are wired together right and
//! that the brief, as printed, says what the issue asks of it.

use std::path::PathBuf;

use crossread::ingest::{read_paths, Options};
use crossread::model::{Brief, ConflictKind, DatePrecision, EntityKind};
use crossread::pipeline::Briefer;

const A: &str = "000_e23ae44cfa9b68ee";
const B: &str = "003_06423a56b0682a78";

fn seed_brief() -> Brief {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/sessions"
    ));
    let articles = read_paths(&[dir], &Options::default()).articles;
    assert_eq!(articles.len(), 2);
    Briefer::default().brief(&articles)
}

fn sorted(v: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = v.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

#[test]
fn entities_merge_the_names_of_one_person_and_keep_the_others() {
    let brief = seed_brief();
    let find = |form: &str| {
        let hits: Vec<_> = brief
            .entities
            .iter()
            .filter(|e| e.name == form || e.aliases.iter().any(|a| a == form))
            .collect();
        assert_eq!(hits.len(), 1, "{form:?} should name exactly one entity");
        hits[0]
    };
    let kislyak = find("Sergei Kislyak");
    assert!(std::ptr::eq(kislyak, find("Sergey Kislyak")));
    assert!(std::ptr::eq(kislyak, find("Kislyak")));
    assert_eq!(kislyak.kind, EntityKind::Person);
    assert_eq!(
        sorted(&kislyak.mentions.keys().cloned().collect::<Vec<_>>()),
        [A, B]
    );

    let sessions = find("Jeff Sessions");
    assert_eq!(sessions.name, "Jeff Sessions");
    for form in ["Sessions", "Session"] {
        assert!(std::ptr::eq(sessions, find(form)), "{form}");
    }
    assert_eq!(sessions.kind, EntityKind::Person);

    for (name, kind) in [
        ("Donald Trump", EntityKind::Person),
        ("Adam Schiff", EntityKind::Person),
        ("Sarah Isgur Flores", EntityKind::Person),
        ("Hillary Clinton", EntityKind::Person),
        ("Justice Department", EntityKind::Organization),
        ("Senate Armed Services Committee", EntityKind::Organization),
        ("Heritage Foundation", EntityKind::Organization),
    ] {
        let e = find(name);
        assert_eq!((e.name.as_str(), e.kind), (name, kind));
    }
    // "President Trump" and "Trump" are Donald Trump: the title is not part of the name.
    assert!(std::ptr::eq(find("Donald Trump"), find("Trump")));
}

#[test]
fn quotes_have_their_speakers_and_the_recusal_is_one_quote_from_both_outlets() {
    let brief = seed_brief();
    let quote = |words: &str| {
        brief
            .quotes
            .iter()
            .find(|q| q.text.contains(words) || q.variants.iter().any(|v| v.contains(words)))
            .unwrap_or_else(|| panic!("no quote with {words:?}: {:#?}", brief.quotes))
    };
    let speaker = |words: &str| quote(words).speaker.clone().unwrap_or_default();
    assert_eq!(
        speaker("Jeff Sessions is an honest man. He did not say anything wrong"),
        "Donald Trump"
    );
    assert_eq!(speaker("clearly misled"), "Adam Schiff");
    assert_eq!(
        speaker("There was absolutely nothing misleading about his answer"),
        "Sarah Isgur Flores"
    );
    let recusal =
        quote("I have decided to recuse myself from any existing or future investigations");
    assert_eq!(recusal.speaker.as_deref(), Some("Jeff Sessions"));
    assert_eq!(sorted(&recusal.sources), [A, B]);
    assert_eq!(recusal.variants.len(), 1, "two wordings: {recusal:#?}");
    assert_ne!(recusal.text, recusal.variants[0]);
}

#[test]
fn timeline_resolves_absolute_relative_and_yearless_dates() {
    let brief = seed_brief();
    let event = |date: &str, words: &str| {
        brief
            .timeline
            .iter()
            .find(|e| e.date == date && e.text.contains(words))
            .unwrap_or_else(|| panic!("no {date} event with {words:?}: {:#?}", brief.timeline))
    };
    assert_eq!(
        event("2017-01-10", "confirmation hearing").precision,
        DatePrecision::Day
    );
    assert_eq!(
        event("2016-07", "Heritage Foundation").precision,
        DatePrecision::Month
    );
    assert_eq!(
        event("2016-09-08", "September 8").precision,
        DatePrecision::Day
    );
    // 000 says only "in September": a month, in the year before the article.
    assert_eq!(
        event("2016-09", "in September").precision,
        DatePrecision::Month
    );
    assert!(brief.timeline.iter().any(|e| e.date == "2017-03-02"));
    // The spokesperson's "Wednesday evening", against 003's date inferred from its text.
    let wednesday = event("2017-03-01", "Wednesday evening");
    assert!(wednesday.inferred);
    assert_eq!(wednesday.sources, [B]);
    // Sorted by date.
    let dates: Vec<&str> = brief.timeline.iter().map(|e| e.date.as_str()).collect();
    let mut by_date = dates.clone();
    by_date.sort_unstable();
    assert_eq!(dates, by_date);
    // Neither file is dated: the source list shows the inferred dates as inferred.
    for a in &brief.articles {
        assert_eq!(a.date.as_deref(), Some("2017-03-02"), "{}", a.id);
        assert!(a.date_inferred);
    }
}

#[test]
fn claims_are_sorted_by_sourcing_and_the_contradiction_is_flagged() {
    let brief = seed_brief();
    let c = &brief.claims;
    let recusal = c
        .corroborated
        .iter()
        .find(|k| k.text.contains("recus"))
        .unwrap_or_else(|| panic!("recusal not corroborated: {:#?}", c.corroborated));
    assert_eq!(recusal.outlets, 2);
    assert_eq!(sorted(&recusal.sources), [A, B]);
    let single = c
        .single_source
        .iter()
        .find(|k| {
            k.text
                .contains("over 25 conversations with foreign ambassadors")
        })
        .unwrap_or_else(|| panic!("not single-source: {:#?}", c.single_source));
    assert_eq!(
        (single.outlets, single.sources.as_slice()),
        (1, [B.to_string()].as_slice())
    );
    assert!(!c
        .corroborated
        .iter()
        .any(|k| k.text.contains("over 25 conversations")));

    let conflict = c
        .conflicts
        .iter()
        .find(|k| {
            let texts = [k.a.text.as_str(), k.b.text.as_str()];
            texts.iter().any(|t| t.contains("playing a prominent part"))
                && texts
                    .iter()
                    .any(|t| t.contains("not working for the campaign"))
        })
        .unwrap_or_else(|| panic!("campaign-role conflict not flagged: {:#?}", c.conflicts));
    assert_eq!(conflict.kind, ConflictKind::Negation);
    let sides = [conflict.a.sources.clone(), conflict.b.sources.clone()].concat();
    assert_eq!(sorted(&sides), [A, B]);
}

#[test]
fn the_printed_brief_shows_every_section() {
    let brief = seed_brief();
    let md = crossread::render::markdown(&brief);
    for section in [
        "## Who",
        "## Quotes",
        "## Timeline",
        "## Claims",
        "### Outlets disagree",
    ] {
        assert!(md.contains(section), "{section} missing:\n{md}");
    }
    let json: serde_json::Value = serde_json::from_str(&crossread::render::json(&brief)).unwrap();
    for key in ["entities", "quotes", "timeline", "claims"] {
        assert!(json[key].is_array() || json[key].is_object(), "{key}");
    }
}
