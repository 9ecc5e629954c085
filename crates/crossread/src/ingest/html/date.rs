//! The publication date of a web page, and where it was found.
//!
//! Sources are tried in order of trust, and the first that gives a date wins:
//!
//! 1. [`DateSource::Meta`]: `<meta>` tags that name the publication time
//!    (`article:published_time`, `datePublished`, Dublin Core `dc.date.issued`, ...) and
//!    microdata `itemprop="datePublished"`;
//! 2. [`DateSource::JsonLd`]: `datePublished` of a schema.org article in JSON-LD (else of any
//!    object, else `dateCreated`);
//! 3. [`DateSource::Time`]: a `<time>` element, those marked as the publication time first;
//! 4. [`DateSource::Url`]: a date in the URL path (`/2019/11/19/`, `/2019-11-19/`,
//!    `/20191119/`);
//! 5. [`DateSource::Text`]: a date written in the visible text, one labelled "Published" or
//!    "Posted" first, else the first one near the top of the page.
//!
//! One exception: when the URL's date is one day off the date found in the markup, the URL's
//! wins: markup timestamps are often UTC, the URL carries the outlet's own calendar date.
//!
//! Modification dates are never taken: `article:modified_time`, `dateModified`, a `<time>`
//! or text date labelled "Updated"/"Modified", and neither are copyright lines or anything
//! inside `<script>` (cookie expiry dates). Dates before 1970 or after 2099 are ignored as
//! template placeholders (`0001-01-01`).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use dom_query::{Document, Element, Selection};
use regex::Regex;
use serde_json::Value;

use crate::ingest::date::parse_date;

/// Where a page's publication date was found, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DateSource {
    /// A `<meta>` tag or microdata attribute.
    Meta,
    /// JSON-LD structured data.
    JsonLd,
    /// A `<time>` element.
    Time,
    /// The page's URL.
    Url,
    /// The visible text.
    Text,
}

/// `<meta>` names and properties (lowercase) that carry the publication time, best first.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "publicationdate",
    "original-publish-date",
    "originalpublicationdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "article.published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "date",
    "displaydate",
    "dateposted",
];

/// The publication date of `doc`, fetched from `url`. Scripts and styles of `doc` are
/// removed by the last stage (text), so call this after anything else that needs them.
///
/// One exception to the order: a timestamp is often written in UTC (`...T02:10:00Z`), a day
/// after the outlet's own calendar date; when the URL carries a date one day off the one found
/// in the markup, the URL's (the outlet's local date) is taken.
pub(crate) fn publication_date(
    doc: &Document,
    url: Option<&str>,
) -> Option<(NaiveDate, DateSource)> {
    let url_date = url.and_then(from_url);
    let marked = from_meta(doc)
        .map(|d| (d, DateSource::Meta))
        .or_else(|| from_json_ld(doc).map(|d| (d, DateSource::JsonLd)))
        .or_else(|| from_time(doc).map(|d| (d, DateSource::Time)));
    match (marked, url_date) {
        (Some((d, _)), Some(u)) if (d - u).num_days().abs() == 1 => Some((u, DateSource::Url)),
        (Some(found), _) => Some(found),
        (None, Some(u)) => Some((u, DateSource::Url)),
        (None, None) => from_text(doc).map(|d| (d, DateSource::Text)),
    }
}

/// A date in a plausible range.
/// The elements below the document root for which `keep` holds, in document order: what
/// `doc.select` returns for a simple selector, found by one walk over the tree instead of
/// parsing a selector and running the CSS matcher (a tenth of the instructions).
fn elements_where<'a>(doc: &'a Document, mut keep: impl FnMut(&Element) -> bool) -> Selection<'a> {
    Selection::from(
        doc.root()
            .descendants_it()
            .filter(|n| n.element_ref().is_some_and(|e| keep(&e)))
            .collect::<Vec<_>>(),
    )
}

/// A type selector: the element's local name is `name` (HTML element names are lower-case).
fn is(e: &Element, name: &str) -> bool {
    &*e.name.local == name
}

/// The value of the un-namespaced attribute `name`, as `[name=...]` selectors read it.
fn attr<'e>(e: &'e Element, name: &str) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
        .map(|a| &*a.value)
}

fn plausible(d: NaiveDate) -> Option<NaiveDate> {
    (1970..=2099).contains(&d.year()).then_some(d)
}

fn parse(raw: &str) -> Option<NaiveDate> {
    parse_date(raw).and_then(plausible)
}

fn from_meta(doc: &Document) -> Option<NaiveDate> {
    let mut best: Option<(usize, NaiveDate)> = None;
    for m in elements_where(doc, |e| is(e, "meta")).iter() {
        let Some(content) = m.attr("content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            let Some(key) = m.attr(attr) else { continue };
            let key = key.trim().to_ascii_lowercase();
            let Some(rank) = META_KEYS.iter().position(|k| *k == key) else {
                continue;
            };
            if best.is_some_and(|(r, _)| r <= rank) {
                continue;
            }
            if let Some(d) = parse(&content) {
                best = Some((rank, d));
            }
        }
    }
    if let Some((_, d)) = best {
        return Some(d);
    }
    // Microdata on other elements: <span itemprop="datePublished" content="...">.
    elements_where(doc, |e| attr(e, "itemprop") == Some("datePublished"))
        .iter()
        .find_map(|s| {
            s.attr("content")
                .or_else(|| s.attr("datetime"))
                .and_then(|v| parse(&v))
                .or_else(|| parse(&s.text()))
        })
}

fn from_json_ld(doc: &Document) -> Option<NaiveDate> {
    let mut article = None;
    let mut any = None;
    let mut created = None;
    let ld_json = |e: &Element| {
        is(e, "script")
            && attr(e, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
    };
    for script in elements_where(doc, ld_json).iter() {
        let raw = script.text();
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("-->")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        walk_json(&value, &mut |obj| {
            let is_article = obj.get("@type").is_some_and(|t| {
                let types: Vec<&str> = match t {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                types.iter().any(|t| {
                    let t = t.to_ascii_lowercase();
                    t.contains("article") || t.contains("posting") || t == "report"
                })
            });
            let published = obj
                .get("datePublished")
                .and_then(Value::as_str)
                .and_then(parse);
            if let Some(d) = published {
                if is_article && article.is_none() {
                    article = Some(d);
                }
                any.get_or_insert(d);
            }
            if let Some(d) = obj
                .get("dateCreated")
                .and_then(Value::as_str)
                .and_then(parse)
            {
                created.get_or_insert(d);
            }
        });
    }
    article.or(any).or(created)
}

/// Call `f` on every object in `v` (serde_json caps nesting at 128, so recursion is bounded).
fn walk_json(v: &Value, f: &mut dyn FnMut(&serde_json::Map<String, Value>)) {
    match v {
        Value::Object(o) => {
            f(o);
            for child in o.values() {
                walk_json(child, f);
            }
        }
        Value::Array(a) => {
            for child in a {
                walk_json(child, f);
            }
        }
        _ => {}
    }
}

/// Does the element (or a close ancestor) mark a modification time, not publication?
fn marked_modified(s: &Selection<'_>) -> bool {
    let mut node = s.clone();
    for _ in 0..3 {
        let marks = [node.attr("class"), node.attr("id"), node.attr("itemprop")];
        if marks.iter().flatten().any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("updat") || v.contains("modif") || v.contains("edited")
        }) {
            return true;
        }
        node = node.parent();
        if node.is_empty() {
            break;
        }
    }
    false
}

/// Does the element (or a close ancestor) mark the publication time?
fn marked_published(s: &Selection<'_>) -> bool {
    if s.has_attr("pubdate") {
        return true;
    }
    let mut node = s.clone();
    for _ in 0..3 {
        let marks = [node.attr("class"), node.attr("id"), node.attr("itemprop")];
        if marks.iter().flatten().any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("publish") || v.contains("posted") || v.contains("created")
        }) {
            return true;
        }
        node = node.parent();
        if node.is_empty() {
            break;
        }
    }
    false
}

fn from_time(doc: &Document) -> Option<NaiveDate> {
    let times = elements_where(doc, |e| is(e, "time"));
    let date_of = |s: &Selection<'_>| {
        s.attr("datetime")
            .and_then(|v| parse(&v))
            .or_else(|| parse(s.text().trim()))
    };
    let mut first = None;
    for t in times.iter() {
        if marked_modified(&t) || labelled_modified(&t) {
            continue;
        }
        let Some(d) = date_of(&t) else { continue };
        if marked_published(&t) {
            return Some(d);
        }
        first.get_or_insert(d);
    }
    first
}

/// Is the `<time>` preceded by an "Updated" label in its parent's text?
fn labelled_modified(t: &Selection<'_>) -> bool {
    let parent = t.parent();
    let text = parent.text();
    let own = t.text();
    let before = match (own.trim().is_empty(), text.find(own.trim())) {
        (false, Some(at)) => text.get(..at).unwrap_or_default(),
        _ => return false,
    };
    nearest_label(before) == Some(Label::Modified)
}

fn from_url(url: &str) -> Option<NaiveDate> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[/_-])((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2]|[1-9])[/_-]?(0[1-9]|[12]\d|3[01]|[1-9])(?:[/_.-]|$)",
        )
        .expect("valid regex")
    });
    // Only the path: a query string's ids look like dates too often.
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let path = path.find('/').map_or("", |at| path.get(at..).unwrap_or(""));
    for c in PATH.captures_iter(path) {
        let (y, m, d) = (c.get(1)?, c.get(2)?, c.get(3)?);
        // Without separators only the 8-digit form is accepted (`20191119`), not `2019119`.
        let compact = y.end() == m.start() || m.end() == d.start();
        if compact && (m.len() != 2 || d.len() != 2) {
            continue;
        }
        let date = NaiveDate::from_ymd_opt(
            y.as_str().parse().ok()?,
            m.as_str().parse().ok()?,
            d.as_str().parse().ok()?,
        );
        if let Some(date) = date.and_then(plausible) {
            return Some(date);
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Published,
    Modified,
    Excluded,
}

/// The label closest before a date: within the last 60 bytes of `before`, and after any
/// digit there (a label belongs to the date right after it, not to one further on:
/// "Updated 5 March · 1 March" labels only the first).
fn nearest_label(before: &str) -> Option<Label> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(published|posted|first appeared|released|dated)|(updated|modified|edited|revised)|(©|\(c\)|copyright|expires?|expiry|valid until|deadline|born|died)",
        )
        .expect("valid regex")
    });
    let mut start = before.len().saturating_sub(60);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?").expect("valid regex")
    });
    let window = before.get(start..)?;
    // A time of day ("Posted: Fri 6:45 PM, Feb 16, 2018") is part of the same stamp.
    let window = TIME.replace_all(window, " ");
    let window = window
        .rfind(|c: char| c.is_ascii_digit())
        .and_then(|at| window.get(at + 1..))
        .unwrap_or(&window);
    let last = LABEL.captures_iter(window).last()?;
    Some(if last.get(1).is_some() {
        Label::Published
    } else if last.get(2).is_some() {
        Label::Modified
    } else {
        Label::Excluded
    })
}

/// How far into the visible text an unlabelled date is accepted.
const TEXT_HEAD_BYTES: usize = 2000;

/// A date in running text: `(?i)\b` + [`DATE_AFTER_BOUNDARY`]. The date is group 1; it may
/// run into the next word, as element texts are joined without a space ("2015The
/// river..."), so it ends at a non-digit, not `\b`.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{DATE_AFTER_BOUNDARY}")).expect("valid regex"));

/// [`DATE`] without its leading `\b`, which [`date_matches`] tests itself: a Unicode `\b`
/// makes the regex crate's fast DFA give up on text with any non-ASCII character and fall
/// back to a much slower engine, and page text nearly always has some (’, —, é).
static DATE_NO_BOUNDARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i){DATE_AFTER_BOUNDARY}")).expect("valid regex"));

const DATE_AFTER_BOUNDARY: &str = concat!(
    r"(",
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)",
    r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}",
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?",
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)",
    r"\.?,?\s+(?:19|20)\d{2}",
    r"|(?:19|20)\d{2}-\d{2}-\d{2}",
    r"|\d{1,2}/\d{1,2}/(?:19|20)\d{2}",
    r")(?:[^0-9]|$)",
);

/// The start and end of each match of [`DATE`] in `text`, as `DATE.find_iter(text)` gives
/// them, found with [`DATE_NO_BOUNDARY`] and a word-boundary test at each candidate start.
///
/// Why it is the same: `DATE` matches at a position exactly when the rest of the pattern
/// does and a Unicode word boundary lies there (`\b` is zero-width and comes first, so the
/// match found from there is the same). The leftmost candidate at or after `at` is therefore
/// `DATE`'s leftmost match if it sits on a boundary; if not, `DATE` has no match there and
/// the search goes on from the next character. Matches are never empty (the pattern ends by
/// consuming a character or the end), so the next search starts at the match's end, as
/// `find_iter` does.
fn date_matches(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let m = DATE_NO_BOUNDARY.find_at(text, at)?;
            if word_boundary(text, m.start()) {
                at = m.end().max(m.start() + 1);
                return Some((m.start(), m.end()));
            }
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Whether a Unicode word boundary (`\b`) lies at byte `at` of `text`: a word character on
/// exactly one side (the regex crate's definition, from `regex-syntax`).
fn word_boundary(text: &str, at: usize) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    is_word(text[..at].chars().next_back()) != is_word(text[at..].chars().next())
}

fn from_text(doc: &Document) -> Option<NaiveDate> {
    const CODE: [&str; 5] = ["script", "style", "noscript", "template", "svg"];
    elements_where(doc, |e| CODE.iter().any(|n| is(e, n))).remove();
    let body = elements_where(doc, |e| is(e, "body"));
    let text = if body.exists() {
        body.text()
    } else {
        elements_where(doc, |e| is(e, "html")).text()
    };
    let mut first = None;
    // Where the regex matches is found by its fast search; the capture group (the slower
    // search) is resolved only at each match: the same matches as `captures_iter`.
    for (start, _) in date_matches(&text) {
        let Some(c) = DATE.captures_at(&text, start) else {
            continue;
        };
        let Some(m) = c.get(1) else { continue };
        let before = text.get(..m.start()).unwrap_or_default();
        let label = nearest_label(before);
        let Some(d) = parse(m.as_str()) else { continue };
        match label {
            Some(Label::Published) => return Some(d),
            Some(Label::Modified | Label::Excluded) => {}
            None if m.start() < TEXT_HEAD_BYTES => {
                first.get_or_insert(d);
            }
            None => {}
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_matches_are_the_regex_matches() {
        // DATE is the pattern this module used before it was split in two.
        const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
        assert_eq!(
            DATE.as_str(),
            format!(
                r"(?i)\b({MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?,?\s+(?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/(?:19|20)\d{{2}})(?:[^0-9]|$)"
            )
        );
        let texts = [
            "Posted March 5, 2019 and updated 6 March 2019.",
            "résumé5 March 2019; é 5 March 2019; 日本5 March 2019; _5 March 2019",
            "x2019-01-02 2019-01-02x 12019-01-02 a 1/2/2019 b 11/12/20199",
            "ſept 5, 2019 and Sept. 5, 2019 and SEPTEMBER 5TH, 2019",
            "٣ March 2019 and 3 March ٢٠١٩ and 3 March 20١٩",
            "no dates here at all — just ’quotes’ and naïve café text",
            "",
            "5 March 2019",
            "tail 5 March 2019",
            "May 1, 2020May 2, 2020 may 3, 2020",
            "the 1st of may, 2021’s event; 2nd of June 2022—",
        ];
        for t in texts {
            let want: Vec<(usize, usize)> =
                DATE.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(date_matches(t).collect::<Vec<_>>(), want, "{t:?}");
        }
        // Every character before and after a date.
        let mut t = String::new();
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            t.push(c);
            t.push_str("5 March 2019");
            t.push(c);
            t.push(' ');
        }
        let want: Vec<(usize, usize)> = DATE.find_iter(&t).map(|m| (m.start(), m.end())).collect();
        assert_eq!(date_matches(&t).collect::<Vec<_>>(), want);
    }

    fn date(html: &str, url: Option<&str>) -> Option<(String, DateSource)> {
        publication_date(&Document::from(html), url).map(|(d, s)| (d.to_string(), s))
    }

    #[test]
    fn url_dates() {
        let u = |s: &str| from_url(s).map(|d| d.to_string());
        assert_eq!(
            u("https://x.com/2019/11/19/politics/a.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            u("https://x.com/news/2019-11-19-a-story").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            u("https://x.com/a/20191119/story").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(u("https://x.com/2019/11/story").as_deref(), None);
        assert_eq!(u("https://x.com/story?id=20191119"), None);
        assert_eq!(u("https://x.com/article/2019119"), None);
        assert_eq!(u("https://2019-11-19.x.com/a"), None);
    }

    #[test]
    fn meta_beats_json_ld_beats_time() {
        let page = r#"<html><head>
            <meta property="article:modified_time" content="2020-01-09T10:00:00Z">
            <meta property="article:published_time" content="2020-01-08T10:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-07"}</script>
            </head><body><time datetime="2020-01-06">Jan 6</time></body></html>"#;
        assert_eq!(
            date(page, None),
            Some(("2020-01-08".into(), DateSource::Meta))
        );
    }

    #[test]
    fn json_ld_graph_prefers_the_article() {
        let page = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"WebSite","datePublished":"2010-01-01"},
            {"@type":["NewsArticle"],"dateModified":"2021-05-06","datePublished":"2021-05-04T09:00:00+02:00"}]}</script>"#;
        assert_eq!(
            date(page, None),
            Some(("2021-05-04".into(), DateSource::JsonLd))
        );
    }

    #[test]
    fn time_skips_updated() {
        let page = r#"<body><p>Updated <time datetime="2022-03-05">5 March</time></p>
            <span class="date-modified"><time datetime="2022-03-04"></time></span>
            <time datetime="2022-03-01">1 March</time></body>"#;
        assert_eq!(
            date(page, None),
            Some(("2022-03-01".into(), DateSource::Time))
        );
    }

    #[test]
    fn utc_timestamp_a_day_off_the_url_date() {
        let page = r#"<meta property="article:published_time" content="2019-11-20T02:10:00Z">"#;
        let url = "https://news.example/2019/11/19/story/";
        assert_eq!(
            date(page, Some(url)),
            Some(("2019-11-19".into(), DateSource::Url))
        );
        // Further apart: the markup wins.
        let url = "https://news.example/2019/11/12/story/";
        assert_eq!(
            date(page, Some(url)),
            Some(("2019-11-20".into(), DateSource::Meta))
        );
    }

    #[test]
    fn label_before_a_time_of_day() {
        let filler = "Menu item. ".repeat(300);
        let page = format!("<body><p>{filler}</p><p>Posted: Fri 6:45 PM, Feb 16, 2018</p></body>");
        assert_eq!(
            date(&page, None),
            Some(("2018-02-16".into(), DateSource::Text))
        );
    }

    #[test]
    fn text_labels() {
        let page = "<body><p>Last updated: 5 March 2021</p><p>Published: 1 March 2021</p>\
            <script>document.cookie='a=1; expires=Thu, 01 Jan 2037 00:00:00 GMT'</script>\
            <footer>© 2019 Example Media</footer></body>";
        assert_eq!(
            date(page, None),
            Some(("2021-03-01".into(), DateSource::Text))
        );
        let page = "<body><p>Updated March 5, 2021</p><p>© January 1, 2020 Example</p></body>";
        assert_eq!(date(page, None), None);
    }
}
