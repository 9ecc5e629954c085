//! Named entities with aliases merged: the seed story, and the merging rules on small
//! stories written for each rule.

use std::path::PathBuf;

use crossread::ingest::{read_paths, Options};
use crossread::model::{Article, DocId, EntityKind, Span};
use crossread::xread::entities::{extract, EntityTable};

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: id.into(),
        title: None,
        date: None,
        url: None,
        byline: None,
        lang: None,
        text: text.into(),
    }
}

fn seeds() -> Vec<Article> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/sessions"
    ));
    let mut arts = read_paths(&[dir], &Options::default()).articles;
    arts.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(arts.len(), 2);
    arts
}

/// The entity with this canonical name.
fn entity<'a>(t: &'a EntityTable, name: &str) -> &'a crossread::model::Entity {
    t.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in {:#?}", names(t)))
}

fn names(t: &EntityTable) -> Vec<(String, EntityKind, Vec<String>)> {
    t.entities
        .iter()
        .map(|e| (e.name.clone(), e.kind, e.aliases.clone()))
        .collect()
}

/// Entities whose name or an alias is `name`.
fn holding<'a>(t: &'a EntityTable, name: &str) -> Vec<&'a str> {
    t.entities
        .iter()
        .filter(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn seed_story_reaches_the_must_have_entities() {
    let arts = seeds();
    let t = extract(&arts);
    let sessions = entity(&t, "Jeff Sessions");
    assert_eq!(sessions.kind, EntityKind::Person);
    for alias in ["Sessions", "Session"] {
        assert!(
            sessions.aliases.iter().any(|a| a == alias),
            "{:?}",
            sessions.aliases
        );
    }
    // Both articles mention him, and the first entity is the most mentioned.
    assert_eq!(sessions.mentions.len(), 2);
    assert_eq!(t.entities[0].name, "Jeff Sessions");
    let kislyak = entity(&t, "Sergei Kislyak");
    assert_eq!(kislyak.kind, EntityKind::Person);
    for alias in ["Sergey Kislyak", "Kislyak", "Russia's ambassador to the US"] {
        assert!(
            kislyak.aliases.iter().any(|a| a == alias),
            "{:?}",
            kislyak.aliases
        );
    }
    // One entity each: no other entity holds these names.
    for name in ["Sessions", "Session", "Sergey Kislyak", "Kislyak", "Trump"] {
        assert_eq!(holding(&t, name).len(), 1, "{name}: {:#?}", names(&t));
    }
    assert_eq!(entity(&t, "Donald Trump").kind, EntityKind::Person);
    assert!(entity(&t, "Donald Trump")
        .aliases
        .iter()
        .any(|a| a == "Trump"));
    for (name, kind) in [
        ("Adam Schiff", EntityKind::Person),
        ("Sarah Isgur Flores", EntityKind::Person),
        ("Hillary Clinton", EntityKind::Person),
        ("Justice Department", EntityKind::Organization),
        ("Senate Armed Services Committee", EntityKind::Organization),
        ("Heritage Foundation", EntityKind::Organization),
    ] {
        assert_eq!(entity(&t, name).kind, kind, "{name}");
    }
    assert!(entity(&t, "Sarah Isgur Flores")
        .aliases
        .iter()
        .any(|a| a == "Sessions spokesperson"));
}

#[test]
fn seed_story_has_no_sentence_initial_or_date_junk() {
    let t = extract(&seeds());
    for junk in [
        "The",
        "However",
        "When",
        "But",
        "Now",
        "Instead",
        "Amid",
        "During",
        "Having",
        "There",
        "January",
        "Wednesday",
        "March",
        "Russian",
        "Russians",
        "Democrats",
        "EST",
        "I",
    ] {
        assert!(holding(&t, junk).is_empty(), "{junk}: {:#?}", names(&t));
    }
}

#[test]
fn mentions_point_at_names_and_resolve() {
    let arts = seeds();
    let t = extract(&arts);
    assert!(t
        .mentions
        .windows(2)
        .all(|w| (w[0].doc, w[0].span.start) <= (w[1].doc, w[1].span.start)));
    for m in &t.mentions {
        let text = &arts[m.doc.0 as usize].text;
        let s = m.span.slice(text).expect("mention on char boundaries");
        let e = &t.entities[m.entity as usize];
        assert_eq!(m.kind, e.kind);
        assert!(
            s == e.name || e.aliases.iter().any(|a| a == s),
            "mention {s:?} is not a name of {:?}",
            e.name
        );
        assert_eq!(t.entity_at(m.doc, m.span), Some(m.entity));
        assert!(e.mentions.contains_key(&arts[m.doc.0 as usize].id));
    }
    // Counts per article add up to the mentions.
    let total: u32 = t.entities.iter().flat_map(|e| e.mentions.values()).sum();
    assert_eq!(total as usize, t.mentions.len());
    let sessions = t.resolve("Jeff Sessions").expect("resolves");
    assert_eq!(t.resolve("Attorney General Sessions"), Some(sessions));
    assert_eq!(t.resolve("session's"), Some(sessions));
    assert_eq!(t.resolve("SERGEY KISLYAK"), t.resolve("Sergei Kislyak"));
    assert!(t.resolve("Sergei Kislyak").is_some());
    assert_eq!(t.resolve("Nobody Here"), None);
    assert_eq!(t.resolve(""), None);
    // A span outside every mention.
    assert_eq!(
        t.entity_at(DocId(0), Span::new(0, 0)),
        t.entity_at(DocId(0), Span::new(0, 1))
    );
    assert_eq!(t.entity_at(DocId(99), Span::new(0, 5)), None);
}

#[test]
fn titles_are_stripped_and_the_full_name_is_canonical() {
    let t = extract(&[
        article(
            "a",
            "President Trump met reporters on Monday. He spoke for an hour.",
        ),
        article(
            "b",
            "The talks were hosted by Donald Trump at his club. Sen. Elizabeth Warren criticised \
             the plan, and Mr. Trump answered her online. Warren said she would keep asking.",
        ),
    ]);
    let trump = entity(&t, "Donald Trump");
    assert_eq!(trump.kind, EntityKind::Person);
    assert!(
        trump.aliases.iter().any(|a| a == "President Trump"),
        "{:?}",
        trump.aliases
    );
    assert_eq!(trump.mentions.values().sum::<u32>(), 3);
    let warren = entity(&t, "Elizabeth Warren");
    assert!(warren.aliases.iter().any(|a| a == "Warren"));
    assert!(holding(&t, "President").is_empty() && holding(&t, "Sen.").is_empty());
    // The mention span excludes the title.
    let m = t
        .mentions
        .iter()
        .find(|m| m.doc == DocId(0))
        .expect("a mention");
    assert_eq!(
        m.span
            .slice("President Trump met reporters on Monday. He spoke for an hour."),
        Some("Trump")
    );
}

/// A title whose last part is lower case ("President-elect", "Vice-president") is a title,
/// not a compound adjective like "Egyptian-born": its titled form is an alias, and the name
/// after it is found.
#[test]
fn hyphenated_titles_give_titled_forms() {
    let t = extract(&[
        article(
            "a",
            "Later that day, President-elect Donald Trump said the report was wrong. \
             Vice-president Mary Ellison agreed with him.",
        ),
        article(
            "b",
            "Donald Trump and Mary Ellison met on Friday. The Egyptian-born engineer stayed home.",
        ),
    ]);
    let trump = entity(&t, "Donald Trump");
    assert!(
        trump
            .aliases
            .iter()
            .any(|a| a == "President-elect Donald Trump"),
        "{:?}",
        trump.aliases
    );
    let ellison = entity(&t, "Mary Ellison");
    assert!(
        ellison
            .aliases
            .iter()
            .any(|a| a == "Vice-president Mary Ellison"),
        "{:?}",
        ellison.aliases
    );
    assert!(holding(&t, "Egyptian-born").is_empty());
}

#[test]
fn people_sharing_a_surname_stay_apart_and_bare_surnames_follow_the_latest_full_name() {
    let t = extract(&[
        article(
            "a",
            "Hillary Clinton spoke in Ohio on Monday. Later that day Clinton met voters. \
             Bill Clinton joined the event in the evening. Clinton told the crowd a story.",
        ),
        article(
            "b",
            "George W. Bush praised his father, George H. W. Bush, at the ceremony. \
             The elder statesman smiled.",
        ),
    ]);
    let hillary = t.resolve("Hillary Clinton").expect("Hillary");
    let bill = t.resolve("Bill Clinton").expect("Bill");
    assert_ne!(hillary, bill);
    assert_ne!(t.resolve("George W. Bush"), t.resolve("George H. W. Bush"));
    assert!(t.resolve("George W. Bush").is_some() && t.resolve("George H. W. Bush").is_some());
    // "Clinton" is ambiguous by name...
    assert_eq!(t.resolve("Clinton"), None);
    // ...but each mention goes to the latest full name before it.
    let text = &t.mentions;
    let bare: Vec<u32> = text
        .iter()
        .filter(|m| m.doc == DocId(0) && m.span.len() == "Clinton".len())
        .map(|m| m.entity)
        .collect();
    assert_eq!(bare, vec![hillary, bill]);
    assert_eq!(t.entities[hillary as usize].mentions["a"], 2);
    assert_eq!(t.entities[bill as usize].mentions["a"], 2);
}

#[test]
fn spelling_variants_and_typos_merge_only_with_strong_evidence() {
    let t = extract(&[
        article("a", "Sergei Lavrov met the envoy. Lavrov said talks went well."),
        article("b", "Sergey Lavrov, the foreign minister, arrived late. Critics faulted Lavrov."),
        article(
            "c",
            "Mark Evans and Mary Evans ran the shop. The shop was sold by Mark Evans and Mary Evans in 2001.",
        ),
        article("d", "Robert Sessions testified. Later Session said he had no comment."),
    ]);
    let lavrov = entity(&t, "Sergei Lavrov");
    assert!(
        lavrov.aliases.iter().any(|a| a == "Sergey Lavrov"),
        "{:?}",
        lavrov.aliases
    );
    assert!(
        lavrov.aliases.iter().any(|a| a == "foreign minister"),
        "{:?}",
        lavrov.aliases
    );
    assert_eq!(lavrov.mentions.len(), 2);
    // Mark and Mary: one edit apart but short and in the same article: two people.
    assert_ne!(t.resolve("Mark Evans"), t.resolve("Mary Evans"));
    assert!(t.resolve("Mark Evans").is_some());
    // A one-letter typo of a surname joins it.
    assert_eq!(holding(&t, "Session"), vec!["Robert Sessions"]);
}

#[test]
fn organizations_places_and_acronyms() {
    let t = extract(&[
        article(
            "a",
            "The Federal Bureau of Investigation opened a case in Chicago. The FBI said it \
             would work with the Department of Justice.",
        ),
        article(
            "b",
            "Agents from the FBI flew to Paris, France. The Justice Department declined to comment. \
             Romanian officials and Haitian workers were not involved.",
        ),
    ]);
    let fbi = entity(&t, "Federal Bureau of Investigation");
    assert_eq!(fbi.kind, EntityKind::Organization);
    assert!(fbi.aliases.iter().any(|a| a == "FBI"));
    assert_eq!(holding(&t, "Justice Department").len(), 1);
    assert_eq!(
        holding(&t, "Justice Department"),
        holding(&t, "Department of Justice")
    );
    for p in ["Chicago", "Paris", "France"] {
        assert_eq!(entity(&t, p).kind, EntityKind::Place, "{p}");
    }
    assert!(holding(&t, "Romanian").is_empty() && holding(&t, "Haitian").is_empty());
}

#[test]
fn output_is_deterministic_and_independent_of_article_order() {
    let arts = seeds();
    let a = extract(&arts);
    let b = extract(&arts);
    assert_eq!(a, b);
    let rev: Vec<Article> = arts.iter().rev().cloned().collect();
    let r = extract(&rev);
    assert_eq!(names(&a), names(&r));
    for (x, y) in a.entities.iter().zip(&r.entities) {
        assert_eq!(x.mentions, y.mentions);
    }
}

#[test]
fn odd_input_never_panics() {
    assert!(extract(&[]).entities.is_empty());
    let odd = [
        article("empty", ""),
        article("space", "   \n\n  "),
        article("punct", "... ,,, !!! ’s ' \" — “”"),
        article(
            "unicode",
            "Călin Popescu-Tăriceanu a vorbit. Ärzte in München trafen Émile Zola’s Erben. 東京 Ťž",
        ),
        article(
            "caps",
            "THE FBI AND CIA MET IN D.C. U.S. U.S.A. W. H. O’Neil’s",
        ),
        article("trail", "He met Sen."),
    ];
    let t = extract(&odd);
    for m in &t.mentions {
        assert!(m.span.slice(&odd[m.doc.0 as usize].text).is_some());
    }
    let big = "Jeff Sessions met Sergey Kislyak in Washington. ".repeat(5000);
    let start = std::time::Instant::now();
    let t = extract(&[article("big", &big)]);
    assert!(start.elapsed().as_secs() < 20);
    assert_eq!(t.entities[0].mentions["big"], 5000);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any text: no panic, every mention on char boundaries, inside its article, capitalised,
    /// and found again by `entity_at`.
    #[test]
    fn any_text_gives_well_formed_mentions(
        a in "([A-Z][a-zé]{0,6}|[a-z]{1,5}|U\\.S\\.|Mr\\.|’s|'s|,|\\.|\"|“|”|—|-| |\n|Ω|東){0,60}",
        b in "([A-Z][a-z]{0,6}|[a-z]{1,5}|Sen\\.|W\\.|s’| |\\. ){0,40}",
    ) {
        let arts = [article("a", &a), article("b", &b)];
        let t = extract(&arts);
        for m in &t.mentions {
            let text = &arts[m.doc.0 as usize].text;
            let s = m.span.slice(text);
            proptest::prop_assert!(s.is_some_and(|s| s.starts_with(char::is_uppercase)), "{:?} in {:?}", m, text);
            proptest::prop_assert_eq!(t.entity_at(m.doc, m.span), Some(m.entity));
            proptest::prop_assert!((m.entity as usize) < t.entities.len());
        }
    }
}

#[test]
fn organizations_with_and_without_their_country_merge_unless_two_countries_compete() {
    let t = extract(&[
        article(
            "a",
            "Sailors of the British Royal Navy were seized. The Royal Navy said its ships were \
             in Iraqi waters, and the Ministry of Defence agreed.",
        ),
        article(
            "b",
            "The MOD released a map. The Russian Foreign Ministry and the British Foreign Ministry \
             disagreed, and the Foreign Ministry in Tehran said nothing.",
        ),
    ]);
    assert_eq!(holding(&t, "British Royal Navy"), holding(&t, "Royal Navy"));
    assert_eq!(holding(&t, "MOD"), vec!["Ministry of Defence"]);
    let ru = t.resolve("Russian Foreign Ministry");
    let uk = t.resolve("British Foreign Ministry");
    assert!(ru.is_some() && uk.is_some());
    assert_ne!(ru, uk);
    let bare = t.resolve("Foreign Ministry");
    assert!(bare != ru && bare != uk, "{:#?}", names(&t));
}

#[test]
fn nicknames_merge_and_one_word_speakers_are_not_assumed_people() {
    let t = extract(&[
        article(
            "a",
            "State Rep. Matthew Lesser won the primary. Voters backed Matt Lesser again, and \
             Lesser thanked them.",
        ),
        article(
            "b",
            "Oil giant Shell said the protest was peaceful. Shell said it respected it.",
        ),
    ]);
    assert_eq!(holding(&t, "Matthew Lesser"), holding(&t, "Matt Lesser"));
    assert_eq!(holding(&t, "Lesser").len(), 1);
    assert_ne!(entity(&t, "Shell").kind, EntityKind::Person);
}

/// Whether `a` and `b` are forms (name or alias) of one entity.
fn same_entity(t: &EntityTable, a: &str, b: &str) -> bool {
    t.entities.iter().any(|e| {
        let has = |x: &str| e.name == x || e.aliases.iter().any(|y| y == x);
        has(a) && has(b)
    })
}

#[test]
fn titled_forms_military_ranks_and_generational_suffixes() {
    let arts = [
        article(
            "a",
            "A military court found Army Spc. Charles Graner guilty of abuse on Friday. \
             The jury sentenced Graner to ten years. Mr Graner did not speak.",
        ),
        article(
            "b",
            "The SEAL, Navy Petty Officer 1st Class Charles Keating IV, was killed in Iraq. \
             A memorial service for Keating will be held on Thursday.",
        ),
    ];
    let t = extract(&arts);
    assert!(
        same_entity(&t, "Charles Graner", "Army Spc. Charles Graner"),
        "{:#?}",
        names(&t)
    );
    // A bare surname's titled form joins the person, not only the full name's.
    assert!(
        same_entity(&t, "Charles Graner", "Mr Graner"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Charles Keating IV", "Keating"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Keating", "Charles Keating IV"),
        "{:#?}",
        names(&t)
    );
    // A post-nominal is no surname either.
    let t = extract(&[article(
        "a",
        "The prosecutor, Neil Flewitt QC, spoke first. Neil Flewitt said the men were guilty. \
         Flewitt sat down.",
    )]);
    assert!(
        same_entity(&t, "Neil Flewitt QC", "Neil Flewitt"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Neil Flewitt QC", "Flewitt"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn writers_slips_in_given_names_and_swapped_letters_merge() {
    let arts = [
        article(
            "a",
            "Police named Hasib Hussain as the bomber. Photographs show Hassib Hussain \
             at the station. Mohammed Siddique Khan and Mohammad Siddique Khan led them.",
        ),
        article(
            "b",
            "The bomber Shehzad Tanweer was seen on video. Tanweer spoke.",
        ),
        article("c", "The bomber Shezhad Tanweer appeared in the film."),
        article(
            "d",
            "Jurors convicted Charles Graner on Friday. Graner was jailed.",
        ),
        article("e", "Jurors heard that Garner's defense had failed."),
    ];
    let t = extract(&arts);
    assert!(
        same_entity(&t, "Hasib Hussain", "Hassib Hussain"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Mohammed Siddique Khan", "Mohammad Siddique Khan"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Shehzad Tanweer", "Shezhad Tanweer"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Charles Graner", "Garner"),
        "{:#?}",
        names(&t)
    );
    // A changed last letter is another name, even in one article.
    let t = extract(&[article(
        "a",
        "Mario Cuomo spoke first. Then Maria Cuomo, his daughter, spoke. Cuomo left.",
    )]);
    assert!(
        !same_entity(&t, "Mario Cuomo", "Maria Cuomo"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn nicknames_middle_names_and_given_names_alone() {
    let arts = [
        article(
            "a",
            "He had information about Ed Snowden, he said. Edward Snowden is in Moscow. \
             Snowden did not comment.",
        ),
        article(
            "b",
            "The SEAL Charlie Keating IV died in Iraq. Charles Keating IV was 31.",
        ),
        article(
            "c",
            "Seaman James Derek Lovelace died in training. \"Derek was very new to our \
             community,\" the captain said. Shahzad Tanweer lived in Leeds. Shahzad was 22. \
             Mohammed Sidique Khan led the group; Sidique Khan was 30.",
        ),
    ];
    let t = extract(&arts);
    assert!(
        same_entity(&t, "Edward Snowden", "Ed Snowden"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Edward Snowden", "Snowden"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Charles Keating IV", "Charlie Keating IV"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "James Derek Lovelace", "Derek"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Shahzad Tanweer", "Shahzad"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Mohammed Sidique Khan", "Sidique Khan"),
        "{:#?}",
        names(&t)
    );
    // A given name two people of the article share goes to the one named last, and never
    // chains the two together.
    let t = extract(&[article(
        "a",
        "Shahzad Tanweer and Shahzad Ahmed met in Leeds. Shahzad said nothing.",
    )]);
    assert!(
        !same_entity(&t, "Shahzad Tanweer", "Shahzad"),
        "{:#?}",
        names(&t)
    );
    assert!(
        !same_entity(&t, "Shahzad Tanweer", "Shahzad Ahmed"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn a_relative_does_not_take_the_subjects_bare_surname() {
    let t = extract(&[article(
        "a",
        "Seaman James Derek Lovelace died on Friday. Lovelace was 21. His mother, Katie \
         Lovelace, died in 2015. \"We grieve for SN Lovelace,\" the captain said.",
    )]);
    assert!(
        same_entity(&t, "James Derek Lovelace", "SN Lovelace"),
        "{:#?}",
        names(&t)
    );
    assert!(
        !same_entity(&t, "Katie Lovelace", "Lovelace"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn place_and_organization_short_forms_and_slips() {
    let arts = [
        article(
            "a",
            "Detainees were held at Guantanamo Bay in Cuba. The bombers met at King's Cross \
             on Thursday. A United States Army court met. The robbers, the Cold Hand Bandits, \
             struck again. The flight landed at Newark Liberty International Airport.",
        ),
        article(
            "b",
            "Prisoners at Guantanomo Bay were questioned. Cameras at Kings Cross saw them. \
             The U.S. Army said so. The Cold Hands Bandits are armed. Passengers left \
             Newark Liberty Airport late. They were flown to Guantanamo last year.",
        ),
        article(
            "c",
            "The three men reached Luton Station early. They had driven from Luton.",
        ),
    ];
    let t = extract(&arts);
    assert!(
        same_entity(&t, "Guantanamo Bay", "Guantanomo Bay"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Guantanamo Bay", "Guantanamo"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "King's Cross", "Kings Cross"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "United States Army", "U.S. Army"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Cold Hand Bandits", "Cold Hands Bandits"),
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(
            &t,
            "Newark Liberty International Airport",
            "Newark Liberty Airport"
        ),
        "{:#?}",
        names(&t)
    );
    // A town and its station are two places.
    assert!(
        !same_entity(&t, "Luton", "Luton Station"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn a_place_name_that_is_a_persons_surname_and_mixed_case_acronyms() {
    let arts = [
        article(
            "a",
            "Lt. Col. Steven Lee Jordan will be tried, the Department of Defense said. \
             Jordan faces eight counts. He once served in Jordan. \"DoD policy is clear,\" \
             a spokesman said.",
        ),
        article(
            "b",
            "King Abdullah of Jordan met the envoy. Jordan said it would help.",
        ),
    ];
    let t = extract(&arts);
    let person = entity(&t, "Steven Lee Jordan");
    assert_eq!(person.kind, EntityKind::Person);
    assert!(
        person.aliases.iter().any(|a| a == "Jordan"),
        "{:#?}",
        names(&t)
    );
    // The country stays: after "in", and in the article that names no such person.
    assert_eq!(
        entity(&t, "Jordan").kind,
        EntityKind::Place,
        "{:#?}",
        names(&t)
    );
    assert_eq!(
        entity(&t, "Jordan").mentions.values().sum::<u32>(),
        3,
        "{:#?}",
        names(&t)
    );
    assert!(
        same_entity(&t, "Department of Defense", "DoD"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn r3_an_age_makes_a_person_and_profession_titles_are_stripped() {
    let t = extract(&[article(
        "a",
        "At least one protester was arrested, Xiao Tan, 32, of Chinese origin. Police held \
         Xiao Tan for an hour.\n\
         Filmmaker Zhang Yimou praised the girl. Zhang said she sang well.\n\
         In Paris, 2008, was a busy year.",
    )]);
    // "NAME, 32," gives an age: a person, though no given name or title says so.
    assert_eq!(entity(&t, "Xiao Tan").kind, EntityKind::Person);
    // A profession before a name is a title: not part of the name, and the surname is
    // an alias of the full name.
    assert_eq!(entity(&t, "Zhang Yimou").kind, EntityKind::Person);
    assert!(
        holding(&t, "Zhang").contains(&"Zhang Yimou"),
        "{:#?}",
        names(&t)
    );
    // A year after a place is no age.
    assert_ne!(entity(&t, "Paris").kind, EntityKind::Person);
}

#[test]
fn r3_a_university_is_its_short_name() {
    let t = extract(&[
        article(
            "a",
            "Donald Lloyd-Jones of Northwestern University led the study. The study was \
             published on Tuesday.",
        ),
        article(
            "b",
            "Experts at Northwestern said the drugs are safe. Northwestern runs the trial.",
        ),
    ]);
    let short = holding(&t, "Northwestern");
    assert_eq!(short.len(), 1, "{:#?}", names(&t));
    assert_eq!(short, holding(&t, "Northwestern University"));
}

#[test]
fn an_acronym_before_a_title_is_part_of_the_title() {
    // "GOP Chair JB Romano", "FBI Director James Comey": the acronym owns the title, as a
    // place does ("U.S. Attorney General"); the person is "JB Romano", not "GOP Chair JB
    // Romano", so the bare "Romano" elsewhere is the same entity.
    let arts = [
        article(
            "a",
            "The state Republican Party lashed out at critics. \"This is what they do,\" claimed GOP Chair JB Romano. \
             FBI Director James Comey declined to comment.",
        ),
        article(
            "b",
            "Romano later said the party had not approved the ad. Comey was not asked.",
        ),
    ];
    let t = extract(&arts);
    let all = names(&t);
    assert!(
        !all.iter()
            .any(|(n, _, _)| n.contains("Chair") || n.contains("Director")),
        "{all:#?}"
    );
    let romano = holding(&t, "JB Romano");
    assert_eq!(romano.len(), 1, "{all:#?}");
    assert_eq!(holding(&t, "Romano"), romano, "{all:#?}");
}

#[test]
fn al_names_with_numbers_and_codes_merge() {
    let arts = vec![
        article(
            "a",
            "Air France Flight 447 vanished over the Atlantic. The Airbus A330 carried 228 \
             people. The A330 is a jet. Flight 447 sent automatic messages.",
        ),
        article(
            "b",
            "Air France Flight AF447 was lost on Monday. Relatives waited for news of AF447 \
             in Paris. Other A330s were checked, and the Airbus A330-200 had a good record.",
        ),
        article("c", "Flight 232 landed safely in Sioux City on Tuesday."),
    ];
    let t = extract(&arts);
    for (a, b) in [
        ("Air France Flight 447", "Flight 447"),
        ("Air France Flight 447", "Air France Flight AF447"),
        ("Flight 447", "AF447"),
        ("Airbus A330", "A330s"),
        ("Airbus A330", "Airbus A330-200"),
    ] {
        assert!(same_entity(&t, a, b), "{a} / {b}: {:#?}", names(&t));
    }
    // Another number is another flight.
    assert!(
        !same_entity(&t, "Flight 232", "Flight 447"),
        "{:#?}",
        names(&t)
    );
    // A year after a city is no part of its name.
    let t = extract(&[article(
        "a",
        "The games in Beijing 2008 were a success, Li said.",
    )]);
    assert!(holding(&t, "Beijing 2008").is_empty(), "{:#?}", names(&t));
}

#[test]
fn al_ordinals_lower_case_titles_and_shorter_titled_forms() {
    let arts = vec![
        article(
            "a",
            "Navy Petty Officer 1st Class Charles Keating IV was killed. Army Spc. Charles \
             Graner was convicted. Republican Rep. Duncan Hunter spoke. \"It was wrong,\" said \
             French president Nicolas Sarkozy.",
        ),
        article(
            "b",
            "Keating was 31. Graner appealed. Hunter said he disagreed. Sarkozy said the search \
             would go on.",
        ),
    ];
    let t = extract(&arts);
    for (a, b) in [
        (
            "Charles Keating IV",
            "Navy Petty Officer 1st Class Charles Keating IV",
        ),
        ("Charles Graner", "Spc. Charles Graner"),
        ("Charles Graner", "Army Spc. Charles Graner"),
        ("Duncan Hunter", "Rep. Duncan Hunter"),
        ("Nicolas Sarkozy", "French president Nicolas Sarkozy"),
    ] {
        assert!(same_entity(&t, a, b), "{a} / {b}: {:#?}", names(&t));
    }
}

#[test]
fn al_a_name_without_a_modifier_keeps_its_head_and_must_fit_one_name() {
    let arts = vec![
        article(
            "a",
            "The Astana Cycling Team left the race. The Global Human Rights Torch Relay reached \
             Taipei. Riders of Astana were tested.",
        ),
        article(
            "b",
            "Astana Team said the rider was suspended. The Human Rights Torch Relay went on. \
             The Senate Armed Services Committee and the Senate Judiciary Committee met; the \
             Senate Committee chair spoke.",
        ),
    ];
    let t = extract(&arts);
    assert!(
        same_entity(&t, "Astana Team", "Astana Cycling Team"),
        "{:#?}",
        names(&t)
    );
    assert!(same_entity(&t, "Astana", "Astana Team"), "{:#?}", names(&t));
    assert!(
        same_entity(
            &t,
            "Human Rights Torch Relay",
            "Global Human Rights Torch Relay"
        ),
        "{:#?}",
        names(&t)
    );
    // Two longer names fit: the short one joins neither, and they stay apart.
    assert!(
        !same_entity(
            &t,
            "Senate Armed Services Committee",
            "Senate Judiciary Committee"
        ),
        "{:#?}",
        names(&t)
    );
    for long in [
        "Senate Armed Services Committee",
        "Senate Judiciary Committee",
    ] {
        assert!(
            !same_entity(&t, "Senate Committee", long),
            "{:#?}",
            names(&t)
        );
    }
}

#[test]
fn al_particle_surnames_and_hyphenated_given_names() {
    let arts = vec![
        article(
            "a",
            "Sudanese President Omar al-Bashir left South Africa. The court had ordered \
             al-Bashir's arrest. U.N. Secretary-General Ban Ki-moon spoke to reporters. \
             Ban said the court must be respected.",
        ),
        article(
            "b",
            "President Bashir flew home on Monday. Mr Bashir denies the charges. An Egyptian-born lawyer, Karim Hassan, filed the case.",
        ),
    ];
    let t = extract(&arts);
    for (a, b) in [
        ("Omar al-Bashir", "al-Bashir"),
        ("Omar al-Bashir", "Bashir"),
        ("Omar al-Bashir", "President Bashir"),
        ("Ban Ki-moon", "Ban"),
    ] {
        assert!(same_entity(&t, a, b), "{a} / {b}: {:#?}", names(&t));
    }
    // A compound adjective is still no name word.
    assert!(
        t.entities.iter().all(|e| !e.name.contains("Egyptian")),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn al_two_people_with_one_particle_surname_stay_apart() {
    let arts = vec![
        article(
            "a",
            "Omar al-Bashir met Abdel Rahim al-Bashir in Khartoum. Omar al-Bashir spoke first.",
        ),
        article("b", "Later Abdel Rahim al-Bashir said Bashir had left."),
    ];
    let t = extract(&arts);
    assert!(
        !same_entity(&t, "Omar al-Bashir", "Abdel Rahim al-Bashir"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn al_an_owning_international_body_in_front_of_a_name_is_like_a_country() {
    let arts = vec![
        article(
            "a",
            "The U.N. Security Council met on Friday. Members of the Security Council called \
             for calm. The UN Development Programme and the EU Development Programme both \
             sent aid.",
        ),
        article(
            "b",
            "Britain asked the United Nations Security Council for a statement. The UN \
             Security Council agreed.",
        ),
    ];
    let t = extract(&arts);
    for (a, b) in [
        ("U.N. Security Council", "United Nations Security Council"),
        ("U.N. Security Council", "Security Council"),
    ] {
        assert!(same_entity(&t, a, b), "{a} / {b}: {:#?}", names(&t));
    }
    // Two different owners keep their bodies apart.
    assert!(
        !same_entity(&t, "UN Development Programme", "EU Development Programme"),
        "{:#?}",
        names(&t)
    );
}

#[test]
fn al_a_peerage_after_an_office_is_a_titled_form() {
    let arts = vec![
        article(
            "a",
            "Foreign Office Minister Lord Triesman said the sailors were in Iraqi waters.",
        ),
        article("b", "Triesman told the BBC that talks would go on."),
    ];
    let t = extract(&arts);
    let e = entity(&t, "Triesman");
    assert!(
        e.aliases.iter().any(|a| a == "Lord Triesman"),
        "{:#?}",
        names(&t)
    );
}
