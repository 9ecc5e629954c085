//! Scale of the clustering step: articles/s and bytes per article for a synthetic stream of
//! one million articles (the text processing that makes `Features` is not measured here).
//!
//! Run (release, single thread, ~1 minute):
//!
//! ```text
//! cargo bench -p crossread --bench cluster                      # 1,000,000 articles
//! cargo bench -p crossread --bench cluster -- --articles 200000 --quiet-days 100000
//! taskset -c 0 cargo bench -p crossread --bench cluster         # pinned to one core
//! ```
//!
//! Under `cargo test --benches` (no `--bench` flag) it runs a 20,000-article smoke version.
//!
//! # The synthetic stream
//! 365 simulated days; term ids drawn from a Zipfian vocabulary of 200,000 stems (exponent
//! 1.05), weighted like tf·idf (rarer ranks weigh more). Stories are born at a steady rate
//! (one per 9 articles), live a geometric number of days (mean 3, at most 20) and have a
//! heavy-tailed popularity (Pareto, α = 1.3), so a few stories get hundreds of articles and
//! most get a handful. Each story belongs to one of 2,000 *themes* (Zipfian: "earthquake",
//! "election" ...) and draws 10 of its 40 topic terms from the theme's 15 terms, so stories
//! of one theme share topic words; the other 30 terms and its 5 names (ids with `NAME_BIT`)
//! are its own. An article of a story draws 24 times from the story's topic terms, takes 2–4
//! of its names and fills up with background terms; 10% of the articles are noise
//! (background terms and random names only). Each article keeps its `top_terms` (128)
//! heaviest terms, normalised, as real `Features` do. The first line printed calibrates the
//! generator: two articles of one story have a mean cosine of 0.37 (the dev piles' same-story
//! pairs are mostly 0.2–0.6), two stories of one theme 0.04.
//!
//! # What is reported
//! * articles/s of `Clusterer::add` over the whole stream (including the daily closing of
//!   quiet stories and merging of stories that grew), and per 100,000-article slice, which
//!   shows whether the cost grows with the number of stories seen;
//! * memory: growth of the process RSS over the run divided by the number of articles (the
//!   generator holds only the current day; its story table and the label vector are
//!   subtracted in the second figure), next to the clusterer's own count of its heap bytes
//!   (`Clusterer::heap_bytes`);
//! * quality against the generator's labels (B-cubed) at arrival and after the final
//!   `merge_similar`, asserted, so that a broken clusterer cannot look fast.
//!
//! Recorded (2-core VM shared with other builds, `taskset -c 0`, 2026-11-23, clustering step's
//! own thread CPU time): about 31,000 articles per CPU-second, 1,267 bytes/article RSS growth;
//! with `--quiet-days 100000` (no story ever closes: 353,000 open stories at the end) about
//! 30,000 per CPU-second and 1,561 bytes/article. History and method: BENCHMARKS.md, "Stories:
//! scale".
use crossread::cluster::{evaluate, Clusterer, Config, Features, NAME_BIT};
use std::time::Instant;

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
}

/// Zipfian sampler over ranks `0..n` by inverse CDF.
struct Zipf {
    cdf: Vec<f64>,
}
impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (1..=n)
            .map(|r| {
                acc += 1.0 / (r as f64).powf(s);
                acc
            })
            .collect();
        cdf.iter_mut().for_each(|c| *c /= acc);
        Zipf { cdf }
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

const VOCAB: usize = 200_000;
const THEMES: usize = 2_000;
const DAYS: i32 = 365;

struct Story {
    theme: usize,
    topic: Vec<u32>,
    names: Vec<u32>,
    death: i32,
    popularity: f64,
}

struct Generator {
    rng: Rng,
    words: Zipf,
    themes: Vec<Vec<u32>>,
    theme_pick: Zipf,
    stories: Vec<Story>,
    /// Stories alive today (indices into `stories`) and their cumulative popularity.
    alive: Vec<usize>,
    alive_cdf: Vec<f64>,
    noise_labels: u32,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        let words = Zipf::new(VOCAB, 1.05);
        // Theme terms: mid-frequency words (not the very common ones).
        let themes = (0..THEMES)
            .map(|_| {
                (0..15)
                    .map(|_| (200 + words.sample(&mut rng) % (VOCAB - 200)) as u32)
                    .collect()
            })
            .collect();
        Generator {
            rng,
            words,
            themes,
            theme_pick: Zipf::new(THEMES, 1.0),
            stories: Vec::new(),
            alive: Vec::new(),
            alive_cdf: Vec::new(),
            noise_labels: 0,
        }
    }

    fn idf(rank: u32) -> f32 {
        1.0 + ((rank as f32 + 1.0).ln())
    }

    fn new_story(&mut self, day: i32) {
        let theme_id = self.theme_pick.sample(&mut self.rng);
        let theme = &self.themes[theme_id];
        let mut topic: Vec<u32> = (0..10)
            .map(|_| theme[self.rng.below(theme.len())])
            .collect();
        topic.extend((0..30).map(|_| (1000 + self.rng.below(VOCAB - 1000)) as u32));
        let names = (0..5)
            .map(|_| NAME_BIT | (self.rng.next() as u32 & !NAME_BIT))
            .collect();
        let mut life = 0;
        while life < 20 && self.rng.unit() < 2.0 / 3.0 {
            life += 1;
        }
        let popularity = (1.0 - self.rng.unit()).powf(-1.0 / 1.3);
        self.stories.push(Story {
            theme: theme_id,
            topic,
            names,
            death: day + life,
            popularity,
        });
    }

    /// Opens the day: births, deaths, popularity table.
    fn start_day(&mut self, day: i32, births: usize) {
        for _ in 0..births {
            self.new_story(day);
        }
        self.alive.retain(|&s| self.stories[s].death >= day);
        let first_new = self.stories.len() - births;
        self.alive.extend(first_new..self.stories.len());
        let mut acc = 0.0;
        self.alive_cdf.clear();
        for &s in &self.alive {
            acc += self.stories[s].popularity;
            self.alive_cdf.push(acc);
        }
    }

    /// One article of `day` with `k` terms: its features and gold label.
    fn article(&mut self, day: i32, k: usize) -> (Features, u32) {
        let mut terms: Vec<(u32, f32)> = Vec::with_capacity(40);
        let label;
        if self.alive.is_empty() || self.rng.unit() < 0.1 {
            self.noise_labels += 1;
            label = u32::MAX - self.noise_labels;
            for _ in 0..3 {
                let name = NAME_BIT | (self.rng.next() as u32 & !NAME_BIT);
                terms.push((name, 2.0 * 8.0));
            }
        } else {
            let total = *self.alive_cdf.last().unwrap_or(&1.0);
            let u = self.rng.unit() * total;
            let k = self
                .alive_cdf
                .partition_point(|&c| c < u)
                .min(self.alive.len() - 1);
            let s = self.alive[k];
            label = s as u32;
            let st = &self.stories[s];
            for _ in 0..24 {
                let t = st.topic[self.rng.below(st.topic.len())];
                terms.push((t, (1.0 + self.rng.unit() as f32) * Self::idf(t)));
            }
            let names = 2 + self.rng.below(3);
            for _ in 0..names {
                let n = st.names[self.rng.below(st.names.len())];
                terms.push((n, (1.5 + self.rng.unit() as f32) * 8.0));
            }
        }
        // Background terms until the article has `k` distinct terms; duplicates add up.
        loop {
            while terms.len() < k + 4 {
                let t = self.words.sample(&mut self.rng) as u32;
                terms.push((t, (0.3 + 0.4 * self.rng.unit() as f32) * Self::idf(t)));
            }
            terms.sort_unstable_by_key(|t| t.0);
            terms.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 += b.1;
                }
                same
            });
            if terms.len() >= k {
                break;
            }
        }
        // Keep the `k` heaviest, normalise: the shape of real `Features`.
        terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(k);
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        terms.iter_mut().for_each(|t| t.1 /= norm);
        terms.sort_unstable_by_key(|t| t.0);
        (
            Features {
                day: Some(738_000 + day),
                terms,
                ..Features::default()
            },
            label,
        )
    }
}

fn cosine(a: &Features, b: &Features) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.terms[i].1 * b.terms[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Calibration of the generator: mean cosine of an article with the previous article of its
/// story, and with the previous article of another story of the same theme.
fn calibration(gen: &mut Generator, k: usize) -> (f32, f32) {
    use std::collections::HashMap;
    let mut last_story: HashMap<u32, Features> = HashMap::new();
    let mut last_theme: HashMap<usize, (u32, Features)> = HashMap::new();
    let (mut same, mut ns, mut related, mut nr) = (0.0, 0, 0.0, 0);
    for day in 0..30 {
        gen.start_day(day, 30);
        for _ in 0..300 {
            let (f, label) = gen.article(day, k);
            let Some(story) = gen.stories.get(label as usize) else {
                continue;
            };
            if let Some(prev) = last_story.get(&label) {
                same += cosine(&f, prev);
                ns += 1;
            }
            if let Some((other, prev)) = last_theme.get(&story.theme) {
                if *other != label {
                    related += cosine(&f, prev);
                    nr += 1;
                }
            }
            last_theme.insert(story.theme, (label, f.clone()));
            last_story.insert(label, f);
        }
    }
    (same / ns.max(1) as f32, related / nr.max(1) as f32)
}

/// Resident set size of this process, in bytes (Linux; 0 elsewhere).
fn rss_bytes() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<usize>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// CPU time this process has used (user + system), from `/proc/self/stat`: on a machine shared
/// with other jobs the wall-clock rate understates what one core does, so the bench also
/// reports the share of the wall time the process actually ran. `/proc` counts in USER_HZ
/// ticks, which Linux fixes at 100 per second whatever the kernel's internal tick rate.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start with field 3, the state.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// CPU time of the calling thread in nanoseconds (`/proc/thread-self/schedstat`, Linux), read
/// around the clustering step itself: unlike the share of the whole run (which also covers the
/// generator), this counts exactly the time the step ran on a CPU, whatever else the machine
/// does. Cache pollution by the other jobs still shows in it.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn arg(args: &[String], name: &str) -> Option<usize> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.replace('_', "").parse().ok())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let benching = args.iter().any(|a| a == "--bench");
    let n = arg(&args, "--articles").unwrap_or(if benching { 1_000_000 } else { 20_000 });
    let mut cfg = Config::default();
    if let Some(q) = arg(&args, "--quiet-days") {
        cfg.quiet_days = q as i32;
    }
    let top_terms = cfg.top_terms;
    let per_day = n.div_ceil(DAYS as usize);
    let births_per_day = per_day.div_ceil(9);

    let (same, related) = calibration(&mut Generator::new(1), top_terms);
    println!(
        "generator: mean cosine of two articles of one story {same:.2}, \
         of two stories of one theme {related:.2}"
    );
    let mut gen = Generator::new(0x5EED);
    let mut clusterer = Clusterer::new(cfg);
    let mut labels: Vec<(u32, u32)> = Vec::with_capacity(n);
    let mut day_batch: Vec<(Features, u32)> = Vec::with_capacity(per_day);
    let mut id = String::new();
    let rss_before = rss_bytes();
    let (cpu_before, wall_before) = (cpu_seconds(), Instant::now());
    let mut clustering = std::time::Duration::ZERO;
    let mut clustering_cpu_ns: Option<u64> = Some(0);
    let mut slice_time = std::time::Duration::ZERO;
    let mut done = 0usize;
    println!("articles  open stories  stories  articles/s (this slice)");
    'days: for day in 0..DAYS * 2 {
        gen.start_day(day, births_per_day);
        day_batch.clear();
        for _ in 0..per_day.min(n - done) {
            day_batch.push(gen.article(day, top_terms));
        }
        let (t, cpu_start) = (Instant::now(), thread_cpu_ns());
        for (f, _) in &day_batch {
            use std::fmt::Write;
            id.clear();
            let _ = write!(id, "a{:07}", labels.len());
            let s = clusterer.add(&id, None, f);
            labels.push((s.0, 0));
        }
        let dt = t.elapsed();
        clustering_cpu_ns = match (clustering_cpu_ns, cpu_start, thread_cpu_ns()) {
            (Some(sum), Some(a), Some(b)) => Some(sum + b.saturating_sub(a)),
            _ => None,
        };
        clustering += dt;
        slice_time += dt;
        let start = done;
        for (k, (_, label)) in day_batch.iter().enumerate() {
            labels[start + k].1 = *label;
        }
        done += day_batch.len();
        if done / 100_000 != start / 100_000 || done == n {
            println!(
                "{:8}  {:12}  {:7}  {:10.0}",
                done,
                clusterer.open_count(),
                clusterer.story_count(),
                (done - (start / 100_000) * 100_000) as f64 / slice_time.as_secs_f64().max(1e-9)
            );
            slice_time = std::time::Duration::ZERO;
        }
        if done >= n {
            break 'days;
        }
    }
    let rss_after = rss_bytes();
    let cpu_share = match (cpu_before, cpu_seconds()) {
        (Some(a), Some(b)) => Some((b - a) / wall_before.elapsed().as_secs_f64().max(1e-9)),
        _ => None,
    };
    let heap = clusterer.heap_bytes();
    // `labels` (8 bytes per article) and the generator's story table are the benchmark's,
    // not the index's.
    let labels_bytes = labels.capacity() * std::mem::size_of::<(u32, u32)>()
        + gen
            .stories
            .iter()
            .map(|s| std::mem::size_of::<Story>() + 4 * (s.topic.capacity() + s.names.capacity()))
            .sum::<usize>();
    println!();
    println!(
        "clustering step: {n} articles in {:.2} s = {:.0} articles/s (one thread)",
        clustering.as_secs_f64(),
        n as f64 / clustering.as_secs_f64()
    );
    if let Some(share) = cpu_share {
        // Generation and clustering run on the same thread and see the same contention, so
        // the share of the whole loop applies to the clustering step.
        println!(
            "CPU share of the run: {:.0}% (other jobs on the core); per CPU-second: {:.0} articles/s",
            100.0 * share,
            n as f64 / clustering.as_secs_f64() / share.max(1e-9)
        );
    }
    if let Some(ns) = clustering_cpu_ns.filter(|&ns| ns > 0) {
        println!(
            "clustering step on the CPU (thread CPU time): {:.2} s = {:.0} articles per CPU-second",
            ns as f64 / 1e9,
            n as f64 / (ns as f64 / 1e9)
        );
    }
    println!(
        "memory: RSS growth {:.0} bytes/article (minus the bench's own data: {:.0}); \
         counted heap {:.0} bytes/article; {} stories, {} open at the end",
        rss_after.saturating_sub(rss_before) as f64 / n as f64,
        rss_after.saturating_sub(rss_before + labels_bytes) as f64 / n as f64,
        heap as f64 / n as f64,
        clusterer.story_count(),
        clusterer.open_count()
    );
    let online = quality(&labels, "story at arrival (before later merges)");
    let online_digest = digest(&labels);
    let t = Instant::now();
    let merges = clusterer.merge_similar();
    println!(
        "merge_similar (batch mode's last step): {merges} merges in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    for (k, l) in labels.iter_mut().enumerate() {
        l.0 = clusterer.story_of(k).map_or(u32::MAX, |s| s.0);
    }
    let merged = quality(&labels, "after merge_similar");
    // Equal digests before and after a speed change: the same story for every article.
    println!(
        "assignment digest: at arrival {online_digest:016x}, after merge_similar {:016x}",
        digest(&labels)
    );
    assert_eq!(clusterer.len(), n);
    assert!(
        online.bcubed.precision > 0.9 && merged.bcubed.f1 > 0.7,
        "the clusterer is broken on the synthetic stream"
    );
}

/// FNV-1a over the predicted story of every article, in arrival order.
fn digest(labels: &[(u32, u32)]) -> u64 {
    labels.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &(s, _)| {
        s.to_le_bytes()
            .iter()
            .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    })
}

fn quality(labels: &[(u32, u32)], what: &str) -> crossread::cluster::Scores {
    let pred: Vec<(String, String)> = labels
        .iter()
        .enumerate()
        .map(|(k, &(s, _))| (k.to_string(), s.to_string()))
        .collect();
    let gold: Vec<(String, String)> = labels
        .iter()
        .enumerate()
        .map(|(k, &(_, g))| (k.to_string(), g.to_string()))
        .collect();
    let scores = evaluate(&pred, &gold);
    println!(
        "quality vs generator labels, {what}: B-cubed P {:.3} R {:.3} F1 {:.3}; \
         pairwise P {:.3} R {:.3}",
        scores.bcubed.precision,
        scores.bcubed.recall,
        scores.bcubed.f1,
        scores.pairwise.precision,
        scores.pairwise.recall
    );
    scores
}
