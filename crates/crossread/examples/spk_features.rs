//! Print the speaker model's candidates and features of every quotation of each story, one
//! JSON line per story: what `bench/xread/spk_train.py` trains on.
//!
//! `cargo run --release -p crossread --example spk_features -- CLUSTERS.jsonl`
use crossread::ingest::{read_paths, Options};
use crossread::xread::entities::extract;
use crossread::xread::quotes::{speaker_candidates, Speaker};
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: spk_features CLUSTERS.jsonl");
        std::process::exit(2);
    };
    let ing = read_paths(&[path.into()], &Options::default());
    for c in &ing.clusters {
        let arts = &c.articles;
        let table = extract(arts);
        let name = |sp: Speaker, doc: usize| -> (Option<String>, bool) {
            match sp {
                Speaker::Entity(e) => {
                    (table.entities.get(e as usize).map(|x| x.name.clone()), true)
                }
                Speaker::Text(s) => (s.slice(&arts[doc].text).map(str::to_string), false),
                Speaker::Unknown => (None, false),
            }
        };
        let quotes: Vec<_> = speaker_candidates(arts, &table)
            .into_iter()
            .map(|q| {
                let cands: Vec<_> = q
                    .candidates
                    .iter()
                    .map(|c| {
                        let (n, ent) = name(c.speaker, q.doc);
                        json!({"name": n, "entity": ent, "x": c.x.to_vec()})
                    })
                    .collect();
                json!({"doc": arts[q.doc].id, "units": q.units, "cands": cands, "chosen": q.chosen})
            })
            .collect();
        let entities: Vec<_> = table
            .entities
            .iter()
            .map(|e| json!({"name": e.name, "aliases": e.aliases}))
            .collect();
        println!(
            "{}",
            json!({"cluster": c.id, "entities": entities, "quotes": quotes})
        );
    }
}
