//! Saved web pages: the article body and its metadata from an HTML document.
//!
//! ```text
//! bytes ─ decode ─► String ─ cut head code ─ parse (once) ─┬─ rs-trafilatura ─► body text (cleaned up by body.rs),
//!                                                         │                    title, byline
//!                                                         └─ dom_query ──────► publication date (date.rs),
//!                                                                              canonical URL, site name, language
//! ```
//!
//! [`article_from_html`] is the one entry point: it takes the page's bytes (a file, later a WARC
//! record) and the URL it was fetched from, if known, and does no I/O.
//!
//! # Design choices
//!
//! - **Main-content extraction is rs-trafilatura's**, the Rust port of trafilatura, which tops
//!   the public article-extraction benchmark; writing a boilerplate remover by hand would not
//!   reach it. [`body`] only post-processes its output where we measured it failing.
//! - **Decoding is ours** because rs-trafilatura trusts the declared charset: a Windows-1252 page
//!   that declares UTF-8 (a common mis-save) would come out full of U+FFFD. Here valid UTF-8
//!   wins over any declaration, then the declared charset, then `chardetng`'s guess.
//! - **Dates are ours** ([`date`]) because a brief's timeline needs the *publication* date and
//!   where it came from; the crate's single date mixes in modification stamps.
//! - **Deep or huge documents**: pages over [`MAX_HTML_BYTES`] are refused, and a page nested
//!   deeper than [`MAX_DEPTH`] elements is flattened before parsing (see [`depth`]): the HTML
//!   tree walkers recurse, and 100,000 nested `<div>`s would overflow the stack.

mod body;
mod date;
pub(crate) mod decode;
mod depth;
mod head_code;

use std::fmt;

use dom_query::Document;

use crate::model::Article;

pub use date::DateSource;

/// Largest HTML document [`article_from_html`] accepts, in bytes (64 MiB).
pub const MAX_HTML_BYTES: usize = 64 << 20;

/// Deepest element nesting kept; deeper documents are flattened first.
pub const MAX_DEPTH: usize = 512;

/// What the page says about itself besides the body text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where [`Meta::date`] was found.
    pub date_source: Option<DateSource>,
    /// Author line.
    pub byline: Option<String>,
    /// The outlet's name (`og:site_name`, JSON-LD publisher), when the page names it.
    pub site_name: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`), else the URL it was
    /// fetched from.
    pub url: Option<String>,
    /// Declared language (`<html lang>`, `content-language`, `og:locale`).
    pub lang: Option<String>,
    /// The character encoding the bytes were decoded with (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Problems that did not stop extraction (a charset that did not match the bytes, a page
    /// flattened because it was too deep).
    pub notes: Vec<String>,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HtmlError {
    /// The document is larger than [`MAX_HTML_BYTES`].
    #[error("HTML document is too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The page has no main text (an index page, an empty shell filled by JavaScript).
    #[error("no article text found in the page")]
    NoText,
}

/// The article a web page carries, and its metadata.
///
/// `bytes` is the page as saved (any charset), `url` the address it was fetched from (used
/// when the page names no canonical URL, and as a date source), `id` the article id to give.
/// The outlet ([`Article::source`]) is the page's site name, else the URL's host, else `id`.
///
/// ```
/// use crossread::ingest::html::{article_from_html, DateSource};
///
/// let page = br#"<html lang="en"><head><title>Dam opens | The Courier</title>
///   <meta property="og:site_name" content="The Courier">
///   <meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>
///   <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
///   <article><h1>Dam opens</h1>
///   <p>The new dam on the river opened on Thursday after six years of building work.</p>
///   <p>Engineers said the reservoir would take two winters to fill completely.</p>
///   <p>Farmers downstream welcomed the steadier supply of water for the summer.</p>
///   </article><footer>Copyright 2024 The Courier</footer></body></html>"#;
/// let (article, meta) = article_from_html(page, Some("https://courier.example/dam"), "dam")?;
/// assert_eq!(article.source, "The Courier");
/// assert_eq!(article.title.as_deref(), Some("Dam opens"));
/// assert_eq!(article.date.as_deref(), Some("2024-05-02"));
/// assert_eq!(meta.date_source, Some(DateSource::Meta));
/// assert!(article.text.starts_with("The new dam on the river opened"));
/// assert!(!article.text.contains("Copyright"));
/// # Ok::<(), crossread::ingest::html::HtmlError>(())
/// ```
pub fn article_from_html(
    bytes: &[u8],
    url: Option<&str>,
    id: &str,
) -> Result<(Article, Meta), HtmlError> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(HtmlError::TooLarge {
            size: bytes.len(),
            limit: MAX_HTML_BYTES,
        });
    }
    let mut meta = Meta::default();
    let decoded = decode::decode(bytes);
    meta.encoding = decoded.encoding.name();
    meta.notes.extend(decoded.note);
    let mut html = decoded.text;
    // The head's JavaScript and CSS (a third of a news page's bytes) is read by nothing here;
    // cutting it first spares the parser and every later walk (see `head_code`).
    if let Some(cut) = head_code::cut_head_code(&html) {
        html = cut;
    }
    if let Some(flat) = depth::flatten_if_deeper(&html, MAX_DEPTH) {
        meta.notes.push(format!(
            "elements nested deeper than {MAX_DEPTH} levels were flattened"
        ));
        html = flat;
    }

    // The page is parsed once. rs-trafilatura mutates its tree while cleaning it and our date
    // pass removes the scripts from ours, so it gets a copy of the parsed tree (an arena copy,
    // a fraction of the cost of a second html5ever parse).
    let doc = Document::from(html.as_str());
    let extractor_doc = doc.clone();
    let page_url = canonical_url(&doc).or_else(|| url.map(str::to_string));
    meta.lang = language(&doc);
    meta.site_name = site_name(&doc);
    // Last: its text stage removes the scripts (JSON-LD included) from `doc`.
    let found = date::publication_date(&doc, page_url.as_deref().or(url));
    meta.date = found.map(|(d, _)| d.format("%Y-%m-%d").to_string());
    meta.date_source = found.map(|(_, s)| s);

    // No URL and no forced page type: measured on extraction_dev, passing the page's URL made
    // the crate's URL heuristics take a municipal news page for a listing (P .67 -> .12), and
    // forcing the article profile did the same; its own classifier without the URL did best.
    // Categories, tags and licence are not read here, so the crate does not search for them.
    let options = rs_trafilatura::Options {
        url: None,
        include_tables: true,
        metadata_taxonomy: false,
        ..rs_trafilatura::Options::default()
    };
    let extracted =
        rs_trafilatura::extract_document_with_options(&html, extractor_doc, &options).ok();
    let raw_text = match extracted {
        Some(r) => {
            let m = r.metadata;
            meta.title = m.title.and_then(non_blank);
            meta.byline = m.author.and_then(non_blank).map(strip_by);
            if meta.lang.is_none() {
                meta.lang = m.language.and_then(non_blank);
            }
            r.content_text
        }
        None => String::new(),
    };
    // The crate sometimes keeps the wrong side of "Headline | Site" (the site's name).
    let is_site = |t: &str| {
        meta.site_name
            .as_deref()
            .is_some_and(|site| t.eq_ignore_ascii_case(site))
    };
    if !matches!(meta.title.as_deref(), Some(t) if !is_site(t)) {
        meta.title = page_title(&doc, meta.site_name.as_deref()).or(meta.title.take());
    }
    let text = body::article_text(&raw_text, meta.title.as_deref());
    meta.url = page_url;
    if text.is_empty() {
        return Err(HtmlError::NoText);
    }
    let source = meta
        .site_name
        .clone()
        .or_else(|| meta.url.as_deref().and_then(super::outlet_from_url))
        .unwrap_or_else(|| id.to_string());
    let article = Article {
        id: id.to_string(),
        source,
        title: meta.title.clone(),
        date: meta.date.clone(),
        url: meta.url.clone(),
        text,
        byline: meta.byline.clone(),
        lang: meta.lang.clone(),
    };
    Ok((article, meta))
}

/// `s` trimmed, `None` when blank.
fn non_blank(s: String) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

/// `og:title`, else `<title>`, without a " | Site name" part.
fn page_title(doc: &Document, site: Option<&str>) -> Option<String> {
    let raw = first_attr(doc, r#"meta[property="og:title"]"#, "content")
        .or_else(|| non_blank(doc.select("title").text().to_string()))?;
    let mut unified = raw.clone();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        unified = unified.replace(sep, "\u{1f}");
    }
    let parts: Vec<&str> = unified
        .split('\u{1f}')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return Some(raw.trim().to_string());
    }
    let not_site: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !site.is_some_and(|s| p.eq_ignore_ascii_case(s)))
        .collect();
    let candidates = if not_site.is_empty() { parts } else { not_site };
    candidates
        .into_iter()
        .max_by_key(|p| p.chars().count())
        .map(str::to_string)
}

/// "By Jane Doe" → "Jane Doe".
fn strip_by(byline: String) -> String {
    match byline.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => {
            byline.get(3..).unwrap_or("").trim().to_string()
        }
        _ => byline,
    }
}

/// First non-empty value of an attribute over the elements `selector` matches.
///
/// The matches are visited lazily, in document order: the head's `<meta>` and `<link>`
/// elements come early, so a found value costs a short walk instead of a whole-tree select.
fn first_attr(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    let matcher = dom_query::Matcher::new(selector).ok()?;
    let root = dom_query::Selection::from(doc.root());
    let found = root
        .select_matcher_iter(&matcher)
        .filter_map(|n| n.attr(attr))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty());
    found
}

/// The outlet's name as the page declares it: `og:site_name`, else `application-name`, else
/// the JSON-LD publisher's name. (rs-trafilatura also guesses one from the page's text, which
/// picked up navigation menus, so its guess is not used.)
fn site_name(doc: &Document) -> Option<String> {
    let plausible = |s: String| {
        let words = s.split_whitespace().count();
        (1..=8).contains(&words).then_some(s)
    };
    first_attr(doc, r#"meta[property="og:site_name"]"#, "content")
        .and_then(plausible)
        .or_else(|| {
            first_attr(doc, r#"meta[name="application-name"]"#, "content").and_then(plausible)
        })
        .or_else(|| {
            doc.select(r#"script[type="application/ld+json" i]"#)
                .iter()
                .filter_map(|s| serde_json::from_str::<serde_json::Value>(s.text().trim()).ok())
                .find_map(|v| publisher_name(&v))
                .and_then(plausible)
        })
}

/// `publisher.name` of the first object that has one (in `@graph` arrays too).
fn publisher_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Object(o) => o
            .get("publisher")
            .and_then(|p| match p {
                serde_json::Value::Array(a) => a.first(),
                p => Some(p),
            })
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .or_else(|| o.values().find_map(publisher_name)),
        serde_json::Value::Array(a) => a.iter().find_map(publisher_name),
        _ => None,
    }
}

/// `<link rel=canonical>`, else `og:url`, when it is an absolute http(s) URL.
fn canonical_url(doc: &Document) -> Option<String> {
    let absolute = |u: &String| u.starts_with("http://") || u.starts_with("https://");
    first_attr(doc, r#"link[rel~="canonical"]"#, "href")
        .filter(absolute)
        .or_else(|| first_attr(doc, r#"meta[property="og:url"]"#, "content").filter(absolute))
}

/// `<html lang>`, else `<meta http-equiv=content-language>`, else `og:locale`
/// (`en_US` → `en-US`); only values shaped like a language tag.
fn language(doc: &Document) -> Option<String> {
    let tag = |v: String| {
        let v = v.replace('_', "-");
        let first = v.split([',', ';', ' ']).next()?.trim().to_string();
        let ok = (2..=15).contains(&first.len())
            && first
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && first.split('-').next().is_some_and(|p| {
                (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
            });
        ok.then_some(first)
    };
    first_attr(doc, "html[lang]", "lang")
        .and_then(tag)
        .or_else(|| first_attr(doc, "html[xml\\:lang]", "xml:lang").and_then(tag))
        .or_else(|| {
            first_attr(doc, r#"meta[http-equiv="content-language" i]"#, "content").and_then(tag)
        })
        .or_else(|| first_attr(doc, r#"meta[property="og:locale"]"#, "content").and_then(tag))
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateSource::Meta => "meta",
            DateSource::JsonLd => "json-ld",
            DateSource::Time => "time",
            DateSource::Url => "url",
            DateSource::Text => "text",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        let lang = |h: &str| language(&Document::from(h));
        assert_eq!(
            lang(r#"<html lang="en-US"><body></body></html>"#).as_deref(),
            Some("en-US")
        );
        assert_eq!(
            lang(r#"<html><head><meta property="og:locale" content="pt_BR"></head></html>"#)
                .as_deref(),
            Some("pt-BR")
        );
        assert_eq!(lang(r#"<html lang="{{ lang }}"></html>"#), None);
    }

    #[test]
    fn title_without_site_name() {
        let t = |h: &str, site: Option<&str>| page_title(&Document::from(h), site);
        let page = "<title>Dam opens | The Courier</title>";
        assert_eq!(t(page, Some("The Courier")).as_deref(), Some("Dam opens"));
        let page = "<title>Site</title><meta property=\"og:title\" content=\"Dam opens on the river - Site\">";
        assert_eq!(t(page, None).as_deref(), Some("Dam opens on the river"));
        assert_eq!(t("<title>Plain</title>", None).as_deref(), Some("Plain"));
        assert_eq!(t("<p>x</p>", None), None);
    }

    #[test]
    fn site_name_from_json_ld_publisher_with_a_text_date() {
        let para = "<p>The river authority opened the new flood barrier on the east bank after four years of construction work and several delays.</p>";
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","publisher":{{"@type":"Organization","name":"Valley Post"}}}}</script></head>
            <body><article><p>Published 3 June 2015</p>{}</article></body></html>"#,
            para.repeat(4)
        );
        let (a, meta) = article_from_html(page.as_bytes(), None, "x").unwrap();
        assert_eq!(a.source, "Valley Post");
        assert_eq!(meta.date_source, Some(DateSource::Text));
        assert_eq!(a.date.as_deref(), Some("2015-06-03"));
    }

    #[test]
    fn byline_without_by() {
        assert_eq!(strip_by("By Jamie Roe".into()), "Jamie Roe");
        assert_eq!(strip_by("BY  Jamie Roe".into()), "Jamie Roe");
        assert_eq!(strip_by("Byron Doe".into()), "Byron Doe");
        assert_eq!(strip_by("B".into()), "B");
        assert_eq!(strip_by("Bé".into()), "Bé");
    }

    #[test]
    fn canonical_only_when_absolute() {
        let c = |h: &str| canonical_url(&Document::from(h));
        assert_eq!(
            c(r#"<link rel="canonical" href="https://a.example/x">"#).as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(
            c(r#"<link rel="canonical" href="/x"><meta property="og:url" content="https://b.example/y">"#)
                .as_deref(),
            Some("https://b.example/y")
        );
    }
}
