//! Briefs as Markdown, JSON and a self-contained HTML page.
//!
//! All three show the same thing: the summary in reading order, each sentence followed by
//! `[n]` markers for every article that states it, and the numbered list of sources. The HTML
//! page has no external assets (inline CSS, no script needed): hovering or focusing a marker
//! shows the sentence as that source words it.

use crossread_model::{Article, Brief, ClaimSide, ConflictKind, Entity, EntityKind, SourceSpan};
use html_escape::encode_text as esc;
use std::fmt::Write as _;

/// 1-based number of an article in the brief's source list.
fn number(brief: &Brief, id: &str) -> Option<usize> {
    brief
        .articles
        .iter()
        .position(|a| a.id == id)
        .map(|i| i + 1)
}

/// `[1][3]`: the numbers of the citing articles, ascending.
fn markers(brief: &Brief, sources: &[String]) -> String {
    let mut numbers: Vec<usize> = sources.iter().filter_map(|id| number(brief, id)).collect();
    numbers.sort_unstable();
    let mut out = String::new();
    for n in numbers {
        let _ = write!(out, "[{n}]");
    }
    out
}

/// A one-line heading for the story: the first headline among the sources, else a count.
fn heading(brief: &Brief) -> String {
    brief
        .articles
        .iter()
        .find_map(|a| a.title.clone())
        .unwrap_or_else(|| format!("{} articles", brief.articles.len()))
}

/// Markdown: the summary with `[n]` markers and a numbered source list.
pub fn markdown(brief: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", heading(brief));
    for s in &brief.summary {
        let _ = writeln!(out, "{} {}\n", s.text.trim(), markers(brief, &s.sources));
    }
    markdown_cross_reading(&mut out, brief);
    out.push_str("## Sources\n\n");
    for (i, a) in brief.articles.iter().enumerate() {
        let _ = write!(out, "{}. {}", i + 1, a.source);
        if let Some(t) = &a.title {
            let _ = write!(out, " — {t}");
        }
        if let Some(d) = &a.date {
            let inferred = if a.date_inferred { ", inferred" } else { "" };
            let _ = write!(out, " ({d}{inferred})");
        }
        if let Some(u) = &a.url {
            let _ = write!(out, " <{u}>");
        }
        if a.source != a.id {
            let _ = write!(out, " `{}`", a.id);
        }
        out.push('\n');
    }
    out
}

/// How many entities the Markdown and HTML briefs list (the JSON lists all of them).
const SHOWN_ENTITIES: usize = 20;

/// Entities worth listing for a reader: named more than once, or under several names.
fn shown_entities(brief: &Brief) -> impl Iterator<Item = &Entity> {
    brief
        .entities
        .iter()
        .filter(|e| !e.aliases.is_empty() || e.mentions.values().sum::<u32>() > 1)
        .take(SHOWN_ENTITIES)
}

fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

fn conflict_label(kind: ConflictKind) -> &'static str {
    match kind {
        ConflictKind::Negation => "one denies what the other states",
        ConflictKind::Number => "different numbers",
        ConflictKind::Date => "different dates",
        ConflictKind::Role => "different roles",
        ConflictKind::Place => "different places",
    }
}

/// "1 mention", "2 mentions".
fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Ids of the articles an entity is mentioned in.
fn entity_sources(e: &Entity) -> Vec<String> {
    e.mentions.keys().cloned().collect()
}

/// The entities, quotes, timeline and claims sections of a Markdown brief (only those that
/// have something to show).
fn markdown_cross_reading(out: &mut String, brief: &Brief) {
    let entities: Vec<&Entity> = shown_entities(brief).collect();
    if !entities.is_empty() {
        out.push_str("## Who\n\n");
        for e in entities {
            let n: u32 = e.mentions.values().sum();
            let _ = write!(out, "- **{}** ({})", e.name, kind_label(e.kind));
            if !e.aliases.is_empty() {
                let _ = write!(out, ", also \"{}\"", e.aliases.join("\", \""));
            }
            let _ = writeln!(
                out,
                ": {n} {} {}",
                plural(n, "mention"),
                markers(brief, &entity_sources(e))
            );
        }
        out.push('\n');
    }
    if !brief.quotes.is_empty() {
        out.push_str("## Quotes\n\n");
        for q in &brief.quotes {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            let _ = writeln!(
                out,
                "- “{}” — {who} {}",
                q.text.trim(),
                markers(brief, &q.sources)
            );
            for v in &q.variants {
                let _ = writeln!(out, "  - also worded: “{}”", v.trim());
            }
        }
        out.push('\n');
    }
    if !brief.timeline.is_empty() {
        out.push_str("## Timeline\n\n");
        for e in &brief.timeline {
            let inferred = if e.inferred { " (date inferred)" } else { "" };
            let _ = writeln!(
                out,
                "- **{}**{inferred}: {} {}",
                e.date,
                e.text.trim(),
                markers(brief, &e.sources)
            );
        }
        out.push('\n');
    }
    let c = &brief.claims;
    if !c.corroborated.is_empty() || !c.single_source.is_empty() || !c.conflicts.is_empty() {
        out.push_str("## Claims\n\n");
        if !c.conflicts.is_empty() {
            out.push_str("### Outlets disagree\n\n");
            for k in &c.conflicts {
                let side =
                    |s: &ClaimSide| format!("{} {}", s.text.trim(), markers(brief, &s.sources));
                let _ = writeln!(
                    out,
                    "- {}: {}\n  - versus: {}",
                    conflict_label(k.kind),
                    side(&k.a),
                    side(&k.b)
                );
            }
            out.push('\n');
        }
        for (label, list) in [
            ("Corroborated", &c.corroborated),
            ("Single source", &c.single_source),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {label}\n");
            for claim in list {
                let _ = writeln!(
                    out,
                    "- {} {} ({} outlet{})",
                    claim.text.trim(),
                    markers(brief, &claim.sources),
                    claim.outlets,
                    if claim.outlets == 1 { "" } else { "s" }
                );
            }
            out.push('\n');
        }
    }
}

/// JSON (pretty): `{"articles":[...], "summary":[{"text","sources","spans"}], "entities":[...],
/// "quotes":[...], "timeline":[...], "claims":{...}}`.
pub fn json(brief: &Brief) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(brief).expect("a brief serializes")
}

/// The text a span cites, looked up in the articles of the brief.
fn cited<'a>(articles: &'a [Article], span: &SourceSpan) -> Option<&'a str> {
    articles
        .iter()
        .find(|a| a.id == span.article)
        .and_then(|a| a.text.get(span.start..span.end))
}

const STYLE: &str = r#"
body{font:17px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;line-height:1.25} h2{font-size:1.1rem;margin-top:2rem}
.s{margin:0 0 .8rem}
.c{position:relative;color:#0645ad;cursor:help;font-size:.8em;vertical-align:super}
.c .t{display:none;position:absolute;left:0;top:1.4em;z-index:9;width:26rem;max-width:80vw;
 background:#fffbe6;border:1px solid #d8c47a;border-radius:4px;padding:.5rem .7rem;
 font-size:.85rem;line-height:1.4;color:#222;box-shadow:0 2px 8px rgba(0,0,0,.15)}
.c:hover .t,.c:focus .t{display:block}
.t b{display:block;color:#555;font-weight:normal;font-style:italic}
ol{padding-left:1.4rem} .id{color:#777;font-size:.85em}
.m{color:#0645ad;font-size:.8em;vertical-align:super} .k{color:#777;font-size:.8em;font-variant:small-caps}
.al{color:#555;font-size:.9em} ul.who{padding-left:1.2rem}
blockquote{margin:.6rem 0;padding:.2rem .9rem;border-left:3px solid #d8c47a}
blockquote footer{color:#555;font-size:.9em} .v{color:#666;font-size:.85em}
ol.tl time{font-family:monospace;margin-right:.4rem}
.x{border:1px solid #e3a3a3;background:#fff5f5;border-radius:4px;padding:.3rem .8rem;margin:.6rem 0}
.x p{margin:.3rem 0}
"#;

/// A self-contained HTML page. `articles` are the articles the brief was made from (their text
/// supplies the wording each marker shows).
pub fn html(brief: &Brief, articles: &[Article]) -> String {
    let title = heading(brief);
    let mut body = format!("<h1>{}</h1>\n", esc(&title));
    html_brief(&mut body, brief, articles, "h2");
    page(&title, &body)
}

/// One self-contained page with the briefs of several stories, in the order given.
pub fn html_all(briefs: &[Brief], articles: &[Article]) -> String {
    let title = format!("{} stories", briefs.len());
    let mut body = format!("<h1>{}</h1>\n", esc(&title));
    for brief in briefs {
        let _ = writeln!(body, "<section>\n<h2>{}</h2>", esc(&heading(brief)));
        html_brief(&mut body, brief, articles, "h3");
        body.push_str("</section>\n");
    }
    page(&title, &body)
}

/// Markdown of several briefs, separated by rules.
pub fn markdown_all(briefs: &[Brief]) -> String {
    briefs
        .iter()
        .map(markdown)
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

/// `<sup>[1][2]</sup>`-style markers for HTML.
fn html_markers(brief: &Brief, sources: &[String]) -> String {
    format!("<span class=\"m\">{}</span>", markers(brief, sources))
}

/// The entities, quotes, timeline and claims sections of an HTML brief.
fn html_cross_reading(out: &mut String, brief: &Brief, h: &str) {
    let entities: Vec<&Entity> = shown_entities(brief).collect();
    if !entities.is_empty() {
        let _ = writeln!(out, "<{h}>Who</{h}>\n<ul class=\"who\">");
        for e in entities {
            let n: u32 = e.mentions.values().sum();
            let _ = write!(
                out,
                "<li><b>{}</b> <span class=\"k\">{}</span>",
                esc(&e.name),
                kind_label(e.kind)
            );
            if !e.aliases.is_empty() {
                let _ = write!(
                    out,
                    " <span class=\"al\">also {}</span>",
                    esc(&e.aliases.join(", "))
                );
            }
            let _ = writeln!(
                out,
                " · {n} {} {}</li>",
                plural(n, "mention"),
                html_markers(brief, &entity_sources(e))
            );
        }
        out.push_str("</ul>\n");
    }
    if !brief.quotes.is_empty() {
        let _ = writeln!(out, "<{h}>Quotes</{h}>");
        for q in &brief.quotes {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            let _ = write!(
                out,
                "<blockquote>“{}”<footer>— {} {}</footer>",
                esc(q.text.trim()),
                esc(who),
                html_markers(brief, &q.sources)
            );
            for v in &q.variants {
                let _ = write!(
                    out,
                    "<div class=\"v\">also worded: “{}”</div>",
                    esc(v.trim())
                );
            }
            out.push_str("</blockquote>\n");
        }
    }
    if !brief.timeline.is_empty() {
        let _ = writeln!(out, "<{h}>Timeline</{h}>\n<ol class=\"tl\">");
        for e in &brief.timeline {
            let inferred = if e.inferred {
                " <span class=\"k\" title=\"resolved against an article date inferred from its text\">inferred</span>"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<li><time datetime=\"{d}\">{d}</time>{inferred} {} {}</li>",
                esc(e.text.trim()),
                html_markers(brief, &e.sources),
                d = esc(&e.date)
            );
        }
        out.push_str("</ol>\n");
    }
    let c = &brief.claims;
    if !c.conflicts.is_empty() {
        let _ = writeln!(out, "<{h}>Outlets disagree</{h}>");
        for k in &c.conflicts {
            let _ = writeln!(
                out,
                "<div class=\"x\"><div class=\"k\">{}</div><p>{} {}</p><p>{} {}</p></div>",
                conflict_label(k.kind),
                esc(k.a.text.trim()),
                html_markers(brief, &k.a.sources),
                esc(k.b.text.trim()),
                html_markers(brief, &k.b.sources)
            );
        }
    }
    for (label, list) in [
        ("Corroborated by several outlets", &c.corroborated),
        ("Single source", &c.single_source),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<{h}>{label}</{h}>\n<ul>");
        for claim in list {
            let _ = writeln!(
                out,
                "<li>{} {} <span class=\"k\">{} outlet{}</span></li>",
                esc(claim.text.trim()),
                html_markers(brief, &claim.sources),
                claim.outlets,
                if claim.outlets == 1 { "" } else { "s" }
            );
        }
        out.push_str("</ul>\n");
    }
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{t}</title><style>{STYLE}</style></head><body>\n{body}</body></html>\n",
        t = esc(title)
    )
}

/// The summary paragraphs and the source list of one brief; `h` is the source list's heading tag.
fn html_brief(out: &mut String, brief: &Brief, articles: &[Article], h: &str) {
    for s in &brief.summary {
        let _ = write!(out, "<p class=\"s\">{}", esc(s.text.trim()));
        let mut numbered: Vec<(usize, &SourceSpan)> = s
            .spans
            .iter()
            .filter_map(|span| Some((number(brief, &span.article)?, span)))
            .collect();
        numbered.sort_by_key(|(n, _)| *n);
        for (n, span) in numbered {
            let a = &brief.articles[n - 1];
            let wording = cited(articles, span).unwrap_or(&s.text);
            let _ = write!(
                out,
                "<span class=\"c\" tabindex=\"0\">[{n}]<span class=\"t\"><b>{src}</b>{w}</span></span>",
                src = esc(&a.source),
                w = esc(wording.trim())
            );
        }
        out.push_str("</p>\n");
    }
    html_cross_reading(out, brief, h);
    let _ = writeln!(out, "<{h}>Sources</{h}>\n<ol>");
    for a in &brief.articles {
        out.push_str("<li>");
        match &a.url {
            Some(u) => {
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    html_escape::encode_double_quoted_attribute(u),
                    esc(&a.source)
                );
            }
            None => out.push_str(&esc(&a.source)),
        }
        if let Some(t) = &a.title {
            let _ = write!(out, " — {}", esc(t));
        }
        if let Some(d) = &a.date {
            let inferred = if a.date_inferred { ", inferred" } else { "" };
            let _ = write!(out, " ({}{inferred})", esc(d));
        }
        if a.source != a.id {
            let _ = write!(out, " <span class=\"id\">{}</span>", esc(&a.id));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossread_model::{ArticleRef, SummarySentence};

    fn sample() -> (Brief, Vec<Article>) {
        let a = Article {
            id: "a".into(),
            source: "Outlet A".into(),
            title: Some("Sessions recuses <himself>".into()),
            date: Some("2017-03-02".into()),
            url: None,
            text: "Sessions said he will recuse himself.".into(),
            byline: None,
            lang: None,
        };
        let b = Article {
            id: "b".into(),
            source: "Outlet B".into(),
            title: None,
            date: None,
            url: Some("https://b.example/x?a=1&b=2".into()),
            text: "Intro. Sessions will recuse himself, he said.".into(),
            byline: None,
            lang: None,
        };
        let brief = Brief {
            articles: vec![ArticleRef::from(&a), ArticleRef::from(&b)],
            summary: vec![SummarySentence {
                text: a.text.clone(),
                sources: vec!["a".into(), "b".into()],
                spans: vec![
                    SourceSpan {
                        article: "a".into(),
                        start: 0,
                        end: a.text.len(),
                    },
                    SourceSpan {
                        article: "b".into(),
                        start: 7,
                        end: b.text.len(),
                    },
                ],
            }],
            ..Brief::default()
        };
        (brief, vec![a, b])
    }

    #[test]
    fn markdown_has_markers_and_sources() {
        let (brief, _) = sample();
        let md = markdown(&brief);
        assert!(md.starts_with("# Sessions recuses <himself>\n"));
        assert!(md.contains("Sessions said he will recuse himself. [1][2]\n"));
        assert!(md.contains("1. Outlet A — Sessions recuses <himself> (2017-03-02) `a`\n"));
        assert!(md.contains("2. Outlet B <https://b.example/x?a=1&b=2> `b`\n"));
    }

    #[test]
    fn html_is_escaped_and_shows_each_wording() {
        let (brief, articles) = sample();
        let page = html(&brief, &articles);
        assert!(page.contains("<title>Sessions recuses &lt;himself&gt;</title>"));
        assert!(page.contains("<b>Outlet B</b>Sessions will recuse himself, he said.</span>"));
        assert!(page.contains("href=\"https://b.example/x?a=1&amp;b=2\""));
        assert!(
            !page.contains("<script src") && !page.contains("<link"),
            "no external assets"
        );
    }

    #[test]
    fn json_round_trips() {
        let (brief, _) = sample();
        let back: Brief = serde_json::from_str(&json(&brief)).unwrap();
        assert_eq!(back, brief);
    }

    /// The sample brief with one of each cross-reading item.
    fn cross_read_sample() -> Brief {
        use crossread_model::{Claim, Claims, Conflict, DatePrecision, Quote, TimelineEvent};
        let (mut brief, _) = sample();
        brief.entities = vec![
            Entity {
                name: "Jeff Sessions".into(),
                kind: EntityKind::Person,
                aliases: vec!["Sessions".into(), "Session".into()],
                mentions: [("a".to_string(), 3), ("b".to_string(), 1)].into(),
            },
            // Named once under one name: JSON only, not listed for the reader.
            Entity {
                name: "Reuters".into(),
                kind: EntityKind::Organization,
                aliases: vec![],
                mentions: [("b".to_string(), 1)].into(),
            },
            // Named once, but under two names: listed ("1 mention", singular).
            Entity {
                name: "Sergey Kislyak".into(),
                kind: EntityKind::Person,
                aliases: vec!["Sergei Kislyak".into()],
                mentions: [("b".to_string(), 1)].into(),
            },
        ];
        brief.quotes = vec![Quote {
            speaker: Some("Jeff Sessions".into()),
            text: "I have decided to recuse <myself>".into(),
            sources: vec!["b".into(), "a".into()],
            variants: vec!["I have decided to recuse myself from any matters".into()],
        }];
        brief.timeline = vec![TimelineEvent {
            date: "2017-03-01".into(),
            precision: DatePrecision::Day,
            text: "The spokesperson answered on Wednesday evening.".into(),
            sources: vec!["b".into()],
            inferred: true,
        }];
        let side = |t: &str, id: &str| ClaimSide {
            text: t.into(),
            sources: vec![id.into()],
        };
        brief.claims = Claims {
            corroborated: vec![Claim {
                text: "Sessions will recuse himself.".into(),
                sources: vec!["a".into(), "b".into()],
                outlets: 2,
            }],
            single_source: vec![Claim {
                text: "He had over 25 conversations.".into(),
                sources: vec!["b".into()],
                outlets: 1,
            }],
            conflicts: vec![Conflict {
                a: side("He was working for the campaign.", "a"),
                b: side("He was not working for the campaign.", "b"),
                kind: ConflictKind::Negation,
            }],
        };
        brief
    }

    #[test]
    fn markdown_shows_who_quotes_timeline_and_claims() {
        let md = markdown(&cross_read_sample());
        assert!(md.contains("## Who\n\n- **Jeff Sessions** (person), also \"Sessions\", \"Session\": 4 mentions [1][2]\n"), "{md}");
        assert!(
            md.contains("- **Sergey Kislyak** (person), also \"Sergei Kislyak\": 1 mention [2]\n"),
            "{md}"
        );
        assert!(
            !md.contains("Reuters"),
            "a name seen once is not listed: {md}"
        );
        assert!(md.contains("- “I have decided to recuse <myself>” — Jeff Sessions [1][2]\n  - also worded: “I have decided to recuse myself from any matters”\n"), "{md}");
        assert!(md.contains("- **2017-03-01** (date inferred): The spokesperson answered on Wednesday evening. [2]\n"), "{md}");
        assert!(md.contains("- one denies what the other states: He was working for the campaign. [1]\n  - versus: He was not working for the campaign. [2]\n"), "{md}");
        assert!(
            md.contains("### Corroborated\n\n- Sessions will recuse himself. [1][2] (2 outlets)\n"),
            "{md}"
        );
        assert!(
            md.contains("### Single source\n\n- He had over 25 conversations. [2] (1 outlet)\n"),
            "{md}"
        );
        // Sections come between the summary and the sources.
        assert!(md.find("## Who").unwrap() < md.find("## Sources").unwrap());
    }

    #[test]
    fn html_shows_cross_reading_escaped() {
        let brief = cross_read_sample();
        let (_, articles) = sample();
        let page = html(&brief, &articles);
        assert!(page.contains("<b>Jeff Sessions</b>"));
        assert!(page.contains("“I have decided to recuse &lt;myself&gt;”<footer>— Jeff Sessions <span class=\"m\">[1][2]</span>"), "{page}");
        assert!(page.contains("<time datetime=\"2017-03-01\">2017-03-01</time>"));
        assert!(page.contains("He was not working for the campaign."));
        assert!(page.contains("Single source"));
    }

    #[test]
    fn empty_cross_reading_adds_no_sections() {
        let (brief, articles) = sample();
        let md = markdown(&brief);
        for section in ["## Who", "## Quotes", "## Timeline", "## Claims"] {
            assert!(!md.contains(section), "{section} in {md}");
        }
        assert!(!html(&brief, &articles).contains("Timeline"));
    }

    #[test]
    fn json_has_the_cross_reading_fields() {
        let brief = cross_read_sample();
        let v: serde_json::Value = serde_json::from_str(&json(&brief)).unwrap();
        assert_eq!(v["entities"][0]["name"], "Jeff Sessions");
        assert_eq!(v["entities"][0]["kind"], "person");
        assert_eq!(v["entities"][0]["mentions"]["a"], 3);
        assert_eq!(v["quotes"][0]["speaker"], "Jeff Sessions");
        assert_eq!(v["timeline"][0]["precision"], "day");
        assert_eq!(v["timeline"][0]["inferred"], true);
        assert_eq!(v["claims"]["conflicts"][0]["kind"], "negation");
        assert_eq!(v["claims"]["corroborated"][0]["outlets"], 2);
        let back: Brief = serde_json::from_str(&json(&brief)).unwrap();
        assert_eq!(back, brief);
    }
}
