//! Print the entity table of a story, for eyeballing alias groups.
//!
//! `cargo run -p crossread --example entities_dump -- PATH [CLUSTER_INDEX...]`: PATH is a
//! directory of articles or a clusters JSON Lines file (then only the given cluster indices,
//! default the first three).
use crossread::ingest::{read_paths, Options};
use crossread::xread::entities::extract;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: entities_dump PATH [CLUSTER_INDEX...]");
        std::process::exit(2);
    };
    let ing = read_paths(&[path.into()], &Options::default());
    let mut stories = Vec::new();
    if ing.clusters.is_empty() {
        stories.push(("articles".to_string(), ing.articles.clone()));
    } else {
        let picks: Vec<usize> = if args.len() > 1 {
            args[1..].iter().filter_map(|a| a.parse().ok()).collect()
        } else {
            vec![0, 1, 2]
        };
        for i in picks {
            if let Some(c) = ing.clusters.get(i) {
                stories.push((c.id.clone(), c.articles.clone()));
            }
        }
    }
    for (id, arts) in stories {
        // The first call also builds the word lists; report the best of 20 warm calls.
        let mut table = extract(&arts);
        let mut dt = std::time::Duration::MAX;
        for _ in 0..20 {
            let t0 = std::time::Instant::now();
            table = extract(&arts);
            dt = dt.min(t0.elapsed());
        }
        let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
        println!(
            "== {id}: {} articles, {bytes} bytes, {} entities, {} mentions, {:.2} ms",
            arts.len(),
            table.entities.len(),
            table.mentions.len(),
            dt.as_secs_f64() * 1e3
        );
        for e in &table.entities {
            let n: u32 = e.mentions.values().sum();
            println!("{n:>3} {:?} {:?} {:?}", e.kind, e.name, e.aliases);
        }
    }
}
