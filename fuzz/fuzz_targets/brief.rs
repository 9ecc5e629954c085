//! The whole brief (summary, entities, quotes, timeline, claims) on arbitrary text: never
//! panics, and every cited span is the exact text it claims to be. The input is split into up
//! to four articles at NUL bytes; an article whose first line looks like `YYYY-MM-DD` gets
//! that line as its date, so date resolution runs on both dated and undated articles.
#![no_main]

use crossread::pipeline::Briefer;
use crossread_model::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let articles: Vec<Article> = text
        .split('\0')
        .take(4)
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(i, t)| {
            let (date, body) = match t.split_once('\n') {
                Some((first, rest)) if first.len() == 10 && first.as_bytes()[4] == b'-' => {
                    (Some(first.to_string()), rest)
                }
                _ => (None, t),
            };
            Article {
                id: format!("a{i}"),
                source: format!("outlet{}", i % 3),
                title: None,
                date,
                url: None,
                text: body.to_string(),
                byline: None,
                lang: None,
            }
        })
        .collect();
    if articles.is_empty() {
        return;
    }
    let brief = Briefer::default().brief(&articles);
    for sentence in &brief.summary {
        for span in &sentence.spans {
            let article = articles
                .iter()
                .find(|a| a.id == span.article)
                .expect("a cited article exists");
            assert!(
                article.text.get(span.start..span.end).is_some(),
                "span {}..{} is not a slice of {}",
                span.start,
                span.end,
                article.id
            );
        }
        assert!(
            !sentence.sources.is_empty(),
            "a summary sentence without a source"
        );
    }
});
