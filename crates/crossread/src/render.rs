//! Briefs as Markdown, JSON and a self-contained HTML page.
//!
//! All three show the same thing: the summary in reading order, each sentence followed by
//! `[n]` markers for every article that states it, and the numbered list of sources. The HTML
//! page has no external assets (inline CSS, no script needed): hovering or focusing a marker
//! shows the sentence as that source words it.

use crossread_model::{Article, Brief, SourceSpan};
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
    out.push_str("## Sources\n\n");
    for (i, a) in brief.articles.iter().enumerate() {
        let _ = write!(out, "{}. {}", i + 1, a.source);
        if let Some(t) = &a.title {
            let _ = write!(out, " — {t}");
        }
        if let Some(d) = &a.date {
            let _ = write!(out, " ({d})");
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

/// JSON (pretty): `{"articles":[...], "summary":[{"text","sources","spans"}]}`.
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
            let _ = write!(out, " ({})", esc(d));
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
}
