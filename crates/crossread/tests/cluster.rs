//! Story clustering: order independence (proptest), determinism, related events kept apart,
//! bad input, and (ignored) scores on the labeled piles of `bench/make_piles.py`:
//!
//! ```text
//! python3 bench/make_piles.py
//! cargo test -p crossread --test cluster -- --ignored --nocapture piles
//! CROSSREAD_CLUSTER_CONFIG='{"threshold":0.3}' cargo test ...   # config overrides (JSON)
//! CROSSREAD_CLUSTER_DEBUG=1 cargo test ...                      # per-article best matches
//! ```

use std::path::{Path, PathBuf};

use crossread::cluster::{cluster, evaluate, Analyzer, Clusterer, Config, DocFreq, Scores};
use crossread::ingest::{parse_bytes, Options};
use crossread::model::{Article, Story};
use proptest::prelude::*;

fn article(id: &str, date: Option<&str>, title: Option<&str>, text: &str) -> Article {
    Article {
        id: id.into(),
        source: "s".into(),
        title: title.map(str::to_string),
        date: date.map(str::to_string),
        url: None,
        text: text.into(),
        byline: None,
        lang: None,
    }
}

fn assignments(stories: &[Story]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = stories
        .iter()
        .flat_map(|s| s.articles.iter().map(|a| (a.clone(), s.id.clone())))
        .collect();
    out.sort();
    out
}

/// Two different earthquakes and two different Senate votes in one week, each reported by
/// several outlets in different words.
fn related_week() -> Vec<(Article, &'static str)> {
    let a = |id, date, title, text| article(id, Some(date), Some(title), text);
    vec![
        (a("it1", "2016-08-24", "Earthquake devastates towns in central Italy",
           "A magnitude 6.2 earthquake struck central Italy early on Wednesday, flattening much of \
            Amatrice and Accumoli. At least 120 people were killed, the Civil Protection agency said, \
            and rescuers searched the rubble through the night. Prime Minister Matteo Renzi visited \
            the area."), "italy"),
        (a("it2", "2016-08-24", "Italy quake: death toll rises in Amatrice",
           "Rescuers dug through collapsed buildings in Amatrice after the earthquake in central \
            Italy killed at least 120 people. The mayor of Amatrice, Sergio Pirozzi, said half the \
            town no longer exists. Aftershocks rattled Accumoli and Pescara del Tronto."), "italy"),
        (a("it3", "2016-08-25", "Renzi pledges to rebuild Amatrice",
           "Matteo Renzi promised to rebuild Amatrice and the villages around Accumoli as the toll \
            from the central Italy earthquake passed 240. Civil Protection officials said thousands \
            spent the night in tents."), "italy"),
        (a("mm1", "2016-08-24", "Earthquake damages Bagan temples in Myanmar",
           "A magnitude 6.8 earthquake struck central Myanmar on Wednesday, killing at least three \
            people and damaging scores of ancient pagodas in Bagan. Rescuers searched the rubble of \
            a collapsed building in Chauk, officials said."), "myanmar"),
        (a("mm2", "2016-08-25", "Myanmar quake: Bagan pagodas damaged",
           "Nearly 200 pagodas in Bagan were damaged by the earthquake in Myanmar, the culture \
            ministry said. The quake, centred near Chauk on the Irrawaddy river, killed four people."),
         "myanmar"),
        (a("hc1", "2016-08-23", "Senate passes hospital funding bill",
           "The Senate voted 62-38 on Tuesday to pass the Hospital Funding Act, sponsored by \
            Senator Maria Cantwell, which sends $40 billion to rural hospitals in Washington and \
            other states. The House is expected to take up the bill."), "hospitals"),
        (a("hc2", "2016-08-24", "Rural hospitals win $40 billion in Senate vote",
           "Rural hospitals would receive $40 billion under the Hospital Funding Act the Senate \
            approved 62-38. Cantwell said the bill would keep clinics open across Washington."),
         "hospitals"),
        (a("df1", "2016-08-24", "Senate passes defense spending bill",
           "The Senate voted 71-29 on Wednesday to pass a $600 billion defense bill written by \
            Senator John McCain, which funds new ships for the Navy and a pay raise for troops. \
            The House is expected to take up the bill."), "defense"),
        (a("df2", "2016-08-25", "McCain defense bill clears Senate",
           "A $600 billion defense bill from John McCain cleared the Senate 71-29, funding Navy \
            shipbuilding and a troop pay raise. McCain said Arizona bases would benefit."),
         "defense"),
    ]
}

#[test]
fn related_events_in_one_week_stay_apart_and_each_story_holds_together() {
    let data = related_week();
    let articles: Vec<Article> = data.iter().map(|(a, _)| a.clone()).collect();
    let stories = cluster(&articles, &Config::default());
    let pred = assignments(&stories);
    let gold: Vec<(String, String)> = data
        .iter()
        .map(|(a, l)| (a.id.clone(), l.to_string()))
        .collect();
    let s = evaluate(&pred, &gold);
    let shown: Vec<&Vec<String>> = stories.iter().map(|s| &s.articles).collect();
    assert_eq!(
        s.pairwise.precision, 1.0,
        "merged different events: {shown:?}"
    );
    assert_eq!(s.pairwise.recall, 1.0, "split a story: {shown:?}");
    let italy = stories.iter().find(|s| s.articles.len() == 3).unwrap();
    assert_eq!(italy.first.as_deref(), Some("2016-08-24"));
    assert_eq!(italy.last.as_deref(), Some("2016-08-25"));
    assert!(italy.title.is_some());
}

/// Multi-News has no headlines: every story still gets a title, the lead of its most central
/// article cut to headline length, and a titled member's headline still wins.
#[test]
fn untitled_stories_get_their_lead_as_title() {
    let mut articles: Vec<Article> = related_week()
        .into_iter()
        .map(|(mut a, _)| {
            a.title = None;
            a
        })
        .collect();
    let stories = cluster(&articles, &Config::default());
    assert!(stories.len() >= 4);
    for s in &stories {
        let title = s
            .title
            .as_deref()
            .unwrap_or_else(|| panic!("untitled: {s:?}"));
        assert!(
            title.len() <= crossread::cluster::MAX_TITLE_BYTES + 3,
            "{title}"
        );
        let body = title.trim_end_matches('…');
        assert!(
            s.articles
                .iter()
                .any(|id| articles.iter().any(|a| &a.id == id
                    && a.text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .starts_with(body))),
            "{title} is no member's lead"
        );
    }
    articles[1].title = Some("Italy quake: death toll rises in Amatrice".into());
    let stories = cluster(&articles, &Config::default());
    let italy = stories
        .iter()
        .find(|s| s.articles.contains(&"it2".to_string()))
        .unwrap();
    assert_eq!(
        italy.title.as_deref(),
        Some("Italy quake: death toll rises in Amatrice")
    );
}

/// Two stories about the same president in the same week, reported by several outlets: the
/// shared name alone must not merge them.
#[test]
fn same_person_different_events_in_one_week_stay_apart() {
    let a = |id, date, title, text| article(id, Some(date), Some(title), text);
    let data = [
        (a("c1", "2017-05-09", "Trump fires FBI Director James Comey",
           "President Donald Trump fired FBI Director James Comey on Tuesday, citing a memo by \
            Deputy Attorney General Rod Rosenstein that criticised his handling of the Clinton \
            email investigation. Comey learned of his dismissal from television screens while \
            speaking to agents in Los Angeles."), "comey"),
        (a("c2", "2017-05-10", "Democrats demand special prosecutor after Comey firing",
           "Democrats called for a special prosecutor after Trump dismissed James Comey, who was \
            leading the FBI inquiry into Russian interference. Rosenstein's memo faulted Comey \
            over the Clinton emails; Senate Democrat Chuck Schumer said the firing was part of a \
            cover-up."), "comey"),
        (a("c3", "2017-05-10", "Comey was fired days after seeking more resources",
           "Days before he was fired, James Comey asked Rod Rosenstein for more money and staff \
            for the FBI investigation, officials said. Trump's letter dismissing the FBI director \
            was delivered to the bureau's headquarters in Washington."), "comey"),
        (a("l1", "2017-05-10", "Trump hosts Russian foreign minister Lavrov",
           "President Donald Trump met Russian Foreign Minister Sergei Lavrov in the Oval Office \
            on Wednesday, with ambassador Sergei Kislyak. They discussed Syria and Ukraine; \
            Lavrov said relations were free of the combative rhetoric of the Obama era."), "lavrov"),
        (a("l2", "2017-05-10", "Photos of Lavrov meeting come from Russian agency TASS",
           "Photos of Trump with Sergei Lavrov and Sergei Kislyak in the Oval Office were released \
            by the Russian news agency TASS after US press were barred. Lavrov later held a news \
            conference at the Russian embassy about Syria and Ukraine."), "lavrov"),
        (a("l3", "2017-05-11", "Lavrov says Syria and Ukraine dominated Oval Office talks",
           "Sergei Lavrov said his Oval Office meeting with Trump focused on Syria and Ukraine. \
            The Kremlin welcomed the talks, and Kislyak, the Russian ambassador, also attended."),
         "lavrov"),
    ];
    let articles: Vec<Article> = data.iter().map(|(a, _)| a.clone()).collect();
    let stories = cluster(&articles, &Config::default());
    let gold: Vec<(String, String)> = data
        .iter()
        .map(|(a, l)| (a.id.clone(), l.to_string()))
        .collect();
    let s = evaluate(&assignments(&stories), &gold);
    let shown: Vec<&Vec<String>> = stories.iter().map(|s| &s.articles).collect();
    assert_eq!(
        s.pairwise.precision, 1.0,
        "merged different events: {shown:?}"
    );
    assert!(s.bcubed.recall >= 0.99, "split the stories: {shown:?}");
}

/// Two stages of one race won by one rider, and two torch-relay legs in two cities: same
/// names, same words, a day or two apart. Only the headline's event slot ("stage 13" /
/// "stage 15", "in London" / "in Paris") tells them apart.
fn same_kind_events(titles: [&'static str; 6]) -> Vec<(Article, &'static str)> {
    let a = |id, date, title, text| article(id, Some(date), Some(title), text);
    vec![
        (a("s1", "2007-07-21", titles[0],
           "Alexander Vinokourov of Astana won the Tour de France stage on Saturday, attacking on the final climb in the Pyrenees. Michael Rasmussen kept the yellow jersey and Alberto Contador finished second overall."), "stage13"),
        (a("s2", "2007-07-21", titles[1],
           "Vinokourov won the Tour de France stage alone after Astana set the pace in the Pyrenees; Rasmussen kept the yellow jersey ahead of Contador."), "stage13"),
        (a("s3", "2007-07-23", titles[2],
           "Alexander Vinokourov of Astana won the Tour de France stage on Monday, attacking on the final climb in the Pyrenees. Michael Rasmussen kept the yellow jersey and Alberto Contador stayed second overall."), "stage15"),
        (a("t1", "2008-04-06", titles[3],
           "Protesters tried to grab the Olympic torch as it was carried through the city on Sunday. Police arrested dozens of demonstrators supporting Tibet, and China condemned the protests against the Beijing Olympics relay."), "london"),
        (a("t2", "2008-04-06", titles[4],
           "The Olympic torch relay through the city was disrupted by Tibet protesters on Sunday; police made dozens of arrests and China condemned the protests."), "london"),
        (a("t3", "2008-04-07", titles[5],
           "Protesters tried to grab the Olympic torch as it was carried through the city on Monday. Police arrested dozens of demonstrators supporting Tibet, and China condemned the protests against the Beijing Olympics relay."), "paris"),
    ]
}

fn scores(data: &[(Article, &'static str)]) -> (Scores, Vec<Vec<String>>) {
    let articles: Vec<Article> = data.iter().map(|(a, _)| a.clone()).collect();
    let stories = cluster(&articles, &Config::default());
    let gold: Vec<(String, String)> = data
        .iter()
        .map(|(a, l)| (a.id.clone(), l.to_string()))
        .collect();
    let shown = stories.iter().map(|s| s.articles.clone()).collect();
    (evaluate(&assignments(&stories), &gold), shown)
}

#[test]
fn headline_event_slots_split_same_kind_events_and_keep_rising_counts_together() {
    // Control: without an event slot in the headlines the two stages and the two legs merge
    // (so the assertions below test the signature, not the bodies).
    let (s, shown) = scores(&same_kind_events([
        "Vinokourov wins Tour de France stage",
        "Vinokourov takes Tour stage",
        "Vinokourov wins another Tour de France stage",
        "Olympic torch relay met by protests",
        "Protests disrupt Olympic torch relay",
        "Olympic torch relay met by protests again",
    ]));
    assert!(
        s.pairwise.precision < 1.0,
        "control did not merge: {shown:?}"
    );
    // Stage numbers and cities in the headlines: four stories.
    let (s, shown) = scores(&same_kind_events([
        "Tour de France: Vinokourov wins stage 13",
        "Vinokourov takes stage 13 of the Tour",
        "Tour de France: Vinokourov wins stage 15",
        "Olympic torch relay met by protests in London",
        "Protests surround London Olympic torch relay",
        "Olympic torch relay met by protests in Paris",
    ]));
    assert_eq!(
        s.pairwise.precision, 1.0,
        "merged different events: {shown:?}"
    );
    assert!(s.bcubed.recall >= 0.99, "split a story: {shown:?}");
    // A rising count and a place named twice are one story.
    let (_, shown) = scores(&same_kind_events([
        "Vinokourov wins Tour de France stage",
        "Vinokourov takes Tour stage",
        "Vinokourov wins another Tour de France stage",
        "Olympic torch relay: police arrest 30 in London",
        "Olympic torch relay: arrests rise to 37 in London",
        "Olympic torch relay met by protests again",
    ]));
    assert!(
        shown
            .iter()
            .any(|s| s.contains(&"t1".into()) && s.contains(&"t2".into())),
        "a rising count split its story: {shown:?}"
    );
}

#[test]
fn articles_days_apart_rarely_share_a_story() {
    let text =
        "Police in Springfield arrested Tom Baker after a robbery at the First National Bank \
                downtown, Chief Ana Ruiz said.";
    let near = [
        article("a", Some("2020-01-01"), None, text),
        article("b", Some("2020-01-02"), None, text),
    ];
    assert_eq!(cluster(&near, &Config::default()).len(), 1);
    let far = [
        article("a", Some("2020-01-01"), None, text),
        article("b", Some("2020-03-01"), None, text),
    ];
    assert_eq!(cluster(&far, &Config::default()).len(), 2);
}

#[test]
fn bad_articles_never_stop_the_run() {
    let long = "Word ".repeat(200_000);
    let articles = [
        article("empty", None, None, ""),
        article("stop", Some("not a date"), None, "the of and a to"),
        article("junk", Some("9999-99-99"), Some(""), "\u{0}\u{1}💥 ÉÉÉ ..."),
        article("long", Some("2020-01-01"), None, &long),
        article("dup", Some("2020-01-01"), None, "Same id twice."),
        article("dup", Some("2020-01-01"), None, "Same id twice."),
    ];
    let stories = cluster(&articles, &Config::default());
    let total: usize = stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(total, articles.len());
    assert!(cluster(&[], &Config::default()).is_empty());
}

#[test]
fn online_with_running_document_frequencies() {
    let cfg = Config::default();
    let mut an = Analyzer::new(&cfg);
    let mut df = DocFreq::default();
    let mut c = Clusterer::new(cfg.clone());
    let mut data = related_week();
    data.sort_by(|a, b| (&a.0.date, &a.0.id).cmp(&(&b.0.date, &b.0.id)));
    for (a, _) in &data {
        let f = an.features(a, &mut df);
        c.add(&a.id, a.title.as_deref(), &f);
    }
    assert_eq!(c.len(), data.len());
    let gold: Vec<(String, String)> = data
        .iter()
        .map(|(a, l)| (a.id.clone(), l.to_string()))
        .collect();
    let s = evaluate(&assignments(&c.stories()), &gold);
    // Early articles see few document frequencies, so a stream is a little less sure than a
    // batch; it must still not merge the different events.
    assert_eq!(s.pairwise.precision, 1.0, "{:?}", c.stories());
}

/// Articles built from a small vocabulary: a story id picks its topic words and names.
fn small_pile() -> impl Strategy<Value = Vec<Article>> {
    let doc = (
        0u8..4,
        0u8..3,
        prop::collection::vec(0u8..12, 3..12),
        0u8..30,
    );
    prop::collection::vec(doc, 1..14).prop_map(|docs| {
        const TOPIC: [&str; 12] = [
            "quake", "rubble", "rescue", "vote", "senate", "budget", "storm", "flood", "river",
            "court", "trial", "verdict",
        ];
        const NAMES: [&str; 4] = ["Amatrice", "Bagan", "Cantwell", "McCain"];
        docs.into_iter()
            .enumerate()
            .map(|(k, (story, day, words, id))| {
                let mut text = format!("Officials in {} said", NAMES[story as usize]);
                for w in words {
                    text.push(' ');
                    text.push_str(TOPIC[(w as usize + 3 * story as usize) % TOPIC.len()]);
                }
                text.push_str(&format!(". {} again.", NAMES[story as usize]));
                let date = format!("2024-01-{:02}", 1 + 3 * day);
                // Ids may repeat (the tie-break then falls to the text).
                article(&format!("d{}", id % 10), Some(&date), None, &text).with_suffix(k % 3 == 0)
            })
            .collect()
    })
}

trait WithSuffix {
    fn with_suffix(self, undated: bool) -> Self;
}
impl WithSuffix for Article {
    fn with_suffix(mut self, undated: bool) -> Self {
        if undated {
            self.date = None;
        }
        self
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn batch_does_not_depend_on_input_order(
        pile in small_pile(),
        seed in any::<u64>(),
    ) {
        let cfg = Config::default();
        let a = cluster(&pile, &cfg);
        let mut shuffled = pile.clone();
        // Fisher-Yates with a small LCG (deterministic per seed).
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (x >> 33) as usize % (i + 1));
        }
        let b = cluster(&shuffled, &cfg);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a, cluster(&pile, &cfg), "deterministic");
        let total: usize = b.iter().map(|s| s.articles.len()).sum();
        prop_assert_eq!(total, pile.len());
        prop_assert!(b.windows(2).all(|w| w[0].articles.len() > w[1].articles.len()
            || (w[0].articles.len() == w[1].articles.len() && w[0].id <= w[1].id)));
    }
}

// ---------------------------------------------------------------------------------------
// Labeled piles (bench/make_piles.py): scores printed, run with --ignored.

fn piles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/out/piles")
}

/// Articles of a pile (through the real ingest) and their gold labels.
fn read_pile(path: &Path) -> (Vec<Article>, Vec<(String, String)>) {
    let bytes = std::fs::read(path).expect("read pile");
    let got = parse_bytes(path, &bytes, &Options::default());
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let gold = String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            (
                v["id"].as_str().unwrap_or_default().to_string(),
                v["label"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (got.articles, gold)
}

fn config_from_env() -> Config {
    match std::env::var("CROSSREAD_CLUSTER_CONFIG") {
        Ok(json) => serde_json::from_str(&json).expect("CROSSREAD_CLUSTER_CONFIG: Config JSON"),
        Err(_) => Config::default(),
    }
}

/// FNV-1a over the stories (ids, titles, articles, dates, in output order): equal digests
/// before and after a speed change show that the clustering did not change at all, which the
/// rounded scores cannot.
fn digest(stories: &[Story]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for s in stories {
        eat(&s.id);
        eat(s.title.as_deref().unwrap_or(""));
        s.articles.iter().for_each(|a| eat(a));
        eat(s.first.as_deref().unwrap_or(""));
        eat(s.last.as_deref().unwrap_or(""));
    }
    h
}

/// Per-article best match against the gold label of the matched story's first article.
fn debug_pile(articles: &[Article], gold: &[(String, String)], cfg: &Config) {
    let label = |id: &str| {
        gold.iter()
            .find(|(i, _)| i == id)
            .map_or("?", |(_, l)| l.as_str())
    };
    let mut order: Vec<&Article> = articles.iter().collect();
    order.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let mut an = Analyzer::new(cfg);
    let bags: Vec<_> = order.iter().map(|a| an.bag(a)).collect();
    let mut df = DocFreq::default();
    bags.iter().for_each(|b| df.add(b));
    let mut c = Clusterer::new(cfg.clone());
    let mut first_of_story: Vec<String> = Vec::new();
    for (a, bag) in order.iter().zip(&bags) {
        let f = bag.weigh(&df, cfg);
        let m = c.best_match(&f);
        let s = c.add(&a.id, a.title.as_deref(), &f);
        if s.0 as usize == first_of_story.len() {
            first_of_story.push(a.id.clone());
        }
        if let Some(m) = m {
            let same = label(&first_of_story[m.story.0 as usize]) == label(&a.id);
            let joined = s == m.story;
            println!(
                "DBG {} cos {:.3} names {:.3} decay {:.2} joined {} {}",
                if same { "SAME" } else { "DIFF" },
                m.cosine,
                m.names,
                m.decay,
                joined,
                a.id
            );
        }
    }
}

#[test]
#[ignore = "needs bench/out/piles from bench/make_piles.py"]
fn piles() {
    let dir = piles_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run bench/make_piles.py)", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    let cfg = config_from_env();
    let debug = std::env::var_os("CROSSREAD_CLUSTER_DEBUG").is_some();
    println!(
        "{:18} {:>5} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>16}",
        "pile", "docs", "gold", "pred", "pw P", "pw R", "pw F1", "B3 P", "B3 R", "B3 F1", "digest"
    );
    for path in paths {
        let (articles, gold) = read_pile(&path);
        let stories = cluster(&articles, &cfg);
        let s: Scores = evaluate(&assignments(&stories), &gold);
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        println!(
            "{:18} {:5} {:5} {:5} | {:6.3} {:6.3} {:6.3} | {:6.3} {:6.3} {:6.3} | {:016x}",
            name,
            s.items,
            s.gold,
            s.predicted,
            s.pairwise.precision,
            s.pairwise.recall,
            s.pairwise.f1,
            s.bcubed.precision,
            s.bcubed.recall,
            s.bcubed.f1,
            digest(&stories)
        );
        if debug {
            debug_pile(&articles, &gold, &cfg);
        }
        if std::env::var_os("CROSSREAD_CLUSTER_SPLITS").is_some() {
            debug_splits(&articles, &gold, &stories, &cfg);
        }
    }
}

/// Gold stories split over several predicted ones, and predicted stories mixing gold ones:
/// each article with its predicted story, word count and heaviest content terms.
fn debug_splits(articles: &[Article], gold: &[(String, String)], stories: &[Story], cfg: &Config) {
    use std::collections::{BTreeMap, BTreeSet};
    let pred: BTreeMap<&str, &str> = stories
        .iter()
        .flat_map(|s| s.articles.iter().map(move |a| (a.as_str(), s.id.as_str())))
        .collect();
    let label: BTreeMap<&str, &str> = gold.iter().map(|(a, l)| (a.as_str(), l.as_str())).collect();
    let mut by_gold: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut by_pred: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (a, l) in &label {
        by_gold.entry(l).or_default().insert(pred[a]);
        by_pred.entry(pred[a]).or_default().insert(l);
    }
    let mut an = Analyzer::new(cfg);
    let bags: Vec<_> = articles.iter().map(|a| an.bag(a)).collect();
    let mut df = DocFreq::default();
    bags.iter().for_each(|b| df.add(b));
    let show = |kind: &str, key: &str, ids: Vec<usize>, an: &Analyzer| {
        println!("  {kind} {key}");
        for i in ids {
            let a = &articles[i];
            let mut t = bags[i].weigh(&df, cfg).terms;
            t.sort_by(|x, y| y.1.total_cmp(&x.1));
            let words: Vec<String> = t
                .iter()
                .take(10)
                .map(|&(id, w)| {
                    let s = if id & crossread::cluster::NAME_BIT != 0 {
                        "N".to_string()
                    } else {
                        an.tokenizer().stem_text(id).to_string()
                    };
                    format!("{s}:{w:.2}")
                })
                .collect();
            println!(
                "    {} gold {} pred {} words {} | {}",
                a.id,
                label[a.id.as_str()],
                pred[a.id.as_str()],
                a.text.split_whitespace().count(),
                words.join(" ")
            );
        }
    };
    for (l, ps) in &by_gold {
        if ps.len() > 1 {
            let ids = (0..articles.len())
                .filter(|&i| label[articles[i].id.as_str()] == *l)
                .collect();
            show("SPLIT", l, ids, &an);
        }
    }
    for (p, ls) in &by_pred {
        if ls.len() > 1 {
            let ids = (0..articles.len())
                .filter(|&i| pred[articles[i].id.as_str()] == *p)
                .collect();
            show("MIXED", p, ids, &an);
        }
    }
}

// Story-level gold on MultiLing (bench/stories/): the labels file is well-formed and covers the
// data set's articles exactly.

/// `bench/stories/multiling_stories.json` against `../shared/data/multiling2011_en.jsonl`:
/// every article id of the data has exactly one story, every story lists exactly its labeled
/// articles (all from one MultiLing topic) and has a description, and the hard pairs and the
/// alternative merges name existing, distinct stories. Skips when the data is not there.
#[test]
fn multiling_story_labels_cover_every_article() {
    use std::collections::{BTreeMap, BTreeSet};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = root.join("../shared/data/multiling2011_en.jsonl");
    let Ok(text) = std::fs::read_to_string(&data) else {
        eprintln!("skipped: {} not found", data.display());
        return;
    };
    // Article id -> MultiLing topic.
    let mut topic_of: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let c: serde_json::Value = serde_json::from_str(line).expect("data line");
        let topic = c["id"].as_str().expect("topic id");
        for d in c["documents"].as_array().expect("documents") {
            let id = d["id"].as_str().expect("document id").to_string();
            assert!(
                topic_of.insert(id.clone(), topic.into()).is_none(),
                "{id} twice in the data"
            );
        }
    }
    assert_eq!(
        topic_of.len(),
        100,
        "MultiLing 2011 English has 100 articles"
    );

    let path = root.join("bench/stories/multiling_stories.json");
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("labels file")).expect("json");
    let labels: BTreeMap<String, String> = gold["labels"]
        .as_object()
        .expect("labels object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("label string").to_string()))
        .collect();
    let ids: BTreeSet<&String> = labels.keys().collect();
    assert_eq!(
        ids,
        topic_of.keys().collect(),
        "labels cover exactly the data's ids"
    );

    let stories = gold["stories"].as_object().expect("stories object");
    let used: BTreeSet<&str> = labels.values().map(String::as_str).collect();
    assert_eq!(
        used,
        stories.keys().map(String::as_str).collect(),
        "labels = stories"
    );
    for (name, s) in stories {
        let members: BTreeSet<&str> = s["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .map(|a| a.as_str().expect("article id"))
            .collect();
        let labeled: BTreeSet<&str> = labels
            .iter()
            .filter(|(_, l)| *l == name)
            .map(|(a, _)| a.as_str())
            .collect();
        assert_eq!(members, labeled, "{name}: articles vs labels");
        let topics: BTreeSet<&str> = members.iter().map(|a| topic_of[*a].as_str()).collect();
        assert_eq!(topics.len(), 1, "{name} spans topics {topics:?}");
        assert_eq!(
            s["topic"].as_str(),
            topics.first().copied(),
            "{name}: topic"
        );
        let desc = s["description"].as_str().unwrap_or_default();
        assert!(desc.len() > 20, "{name}: description");
    }

    let pair = |v: &serde_json::Value, what: &str| -> Vec<String> {
        let names: Vec<String> = v
            .as_array()
            .unwrap_or_else(|| panic!("{what}: array"))
            .iter()
            .map(|s| s.as_str().expect("story name").to_string())
            .collect();
        assert!(names.len() >= 2, "{what}: {names:?}");
        assert_eq!(
            names.iter().collect::<BTreeSet<_>>().len(),
            names.len(),
            "{what}: {names:?}"
        );
        for n in &names {
            assert!(stories.contains_key(n), "{what}: unknown story {n}");
        }
        names
    };
    let hard = gold["hard_pairs"].as_array().expect("hard_pairs");
    assert!(!hard.is_empty());
    for h in hard {
        assert_eq!(pair(&h["stories"], "hard pair").len(), 2);
        let days = h["days_apart"].as_i64().expect("days_apart");
        assert!((0..=7).contains(&days), "{h}: more than a week apart");
    }
    for m in gold["alternative_merges"]
        .as_array()
        .expect("alternative_merges")
    {
        pair(m, "alternative merge");
    }
}
