//! News feeds: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom files, one article per item.
//!
//! Parsing is `feed-rs` (it reads all three families, namespaces, `xml:base` and the feed's
//! declared encoding); what is ours is the mapping of an item to an [`Article`]:
//!
//! | field | from |
//! |---|---|
//! | `text` | `content:encoded` / Atom `content`, else `description` / `summary`, else a Media RSS description; HTML made plain text, one paragraph per line |
//! | `title` | the item's title (HTML made plain) |
//! | `date` | `pubDate` / `published` / `dc:date`, else `updated`: `YYYY-MM-DD` as written (no conversion to UTC, as [`super::normalize_date`]) |
//! | `url` | the item's link (`alternate`), resolved against `xml:base` or the feed's own link when relative; dropped when it cannot be made absolute |
//! | `byline` | the authors' names (`dc:creator`, `author`; an e-mail alone is not a name) |
//! | `source` | the item's own outlet (RSS `<source>`, Atom `<source><title>`: an aggregator such as Google News names each item's publisher there), else the feed's title, else the link's host, else the file stem |
//! | `lang` | the item's language (Atom: its content's `xml:lang`), else the feed's `language` / `xml:lang` / `dc:language` |
//! | `id` | the `guid` / Atom `id`; else the canonical link without its scheme; else `<file stem>-<n>` (n from 1); a repeat within the file gets `-2`, `-3`, ... |
//!
//! An item with no text is reported as an empty article (a warning), like an empty JSON record.
//! A file that is not XML or whose root element is not a feed is an error naming the file. A
//! truncated or otherwise broken feed keeps the items that were complete before the damage:
//! the document is cut after the last complete `</item>` / `</entry>`, closed, and parsed again,
//! and the error says how many items were kept.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use feed_rs::model::{Entry, Feed, Link, Text};

use crate::model::Article;

use super::date::parse_date;
use super::url::canonical;
use super::Fields;

/// Why a feed file gave no article, or not all of them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// The bytes are not XML at all.
    #[error("not an RSS or Atom feed: not XML (it starts with `{start}`)")]
    NotXml {
        /// The first characters of the file, for the message.
        start: String,
    },
    /// Well-formed XML (or HTML) whose root element is not `rss`, `feed` or `rdf:RDF`.
    #[error("not an RSS or Atom feed: the root element is <{root}>")]
    NotAFeed {
        /// The root element's name.
        root: String,
    },
    /// The XML breaks off or is malformed; `kept` items before the damage were read.
    #[error("malformed feed: {message}; kept {} before it", Items(*kept))]
    Malformed {
        /// What the parser said.
        message: String,
        /// How many items were read anyway.
        kept: usize,
    },
}

/// What one feed file gives.
#[derive(Debug, Default)]
pub struct FeedItems {
    /// One article per item that has text, in document order.
    pub articles: Vec<Article>,
    /// The ids of items without any text (skipped).
    pub empty: Vec<String>,
    /// Why the file could not be read, or not all of it.
    pub error: Option<FeedError>,
    /// Problems that did not stop reading (bytes that were not in the declared encoding).
    pub notes: Vec<String>,
}

/// Read a feed file. `stem` names the items that have neither a guid nor a link
/// (`<stem>-<n>`) and is the outlet of last resort. Pure: no I/O, never panics on any input.
///
/// ```
/// use crossread::ingest::feed::articles_from_feed;
///
/// let rss = br#"<?xml version="1.0"?>
/// <rss version="2.0"><channel><title>The Courier</title><link>https://courier.example/</link>
///   <item><title>Dam opens</title><link>/news/dam?utm_source=rss</link>
///     <guid isPermaLink="false">courier-1041</guid>
///     <pubDate>Thu, 02 May 2024 23:30:00 -0500</pubDate>
///     <description>&lt;p&gt;The dam opened on &lt;b&gt;Thursday&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Water flows.&lt;/p&gt;</description>
///   </item></channel></rss>"#;
/// let got = articles_from_feed(rss, "courier");
/// assert!(got.error.is_none());
/// let a = &got.articles[0];
/// assert_eq!((a.id.as_str(), a.source.as_str()), ("courier-1041", "The Courier"));
/// assert_eq!(a.text, "The dam opened on Thursday.\nWater flows.");
/// assert_eq!(a.date.as_deref(), Some("2024-05-02"));
/// assert_eq!(a.url.as_deref(), Some("https://courier.example/news/dam?utm_source=rss"));
/// ```
pub fn articles_from_feed(bytes: &[u8], stem: &str) -> FeedItems {
    let mut out = FeedItems::default();
    let root = match root_element(bytes) {
        Ok(root) => root,
        Err(e) => {
            out.error = Some(e);
            return out;
        }
    };
    let bytes = match as_utf8(bytes) {
        Some((text, note)) => {
            out.notes.push(note);
            Cow::Owned(text.into_bytes())
        }
        None => Cow::Borrowed(bytes),
    };
    let bytes = match rss_version_fixed(&bytes, &root) {
        Some(fixed) => Cow::Owned(fixed),
        None => bytes,
    };
    let bytes = bytes.as_ref();
    let feed = match parse(bytes, &root) {
        Ok(feed) => feed,
        Err(message) => {
            // Keep what was complete before the damage, when something was.
            let repaired = repair(bytes, &root).and_then(|fixed| parse(&fixed, &root).ok());
            let kept = repaired.as_ref().map_or(0, |f| f.entries.len());
            out.error = Some(FeedError::Malformed { message, kept });
            match repaired {
                Some(feed) => feed,
                None => return out,
            }
        }
    };
    let mut ids = IdSet::default();
    let site = site_link(&feed);
    let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    // feed-rs reads neither RSS nor Atom `<source>`; a scan of our own gives them in document
    // order, which is feed-rs's order of entries (and a repaired feed is a prefix of it).
    let item_sources = item_sources(bytes);
    for (n, entry) in feed.entries.iter().enumerate() {
        let url = item_link(entry, site.as_ref());
        let id = ids.unique(item_id(entry, url.as_deref(), stem, n + 1));
        let fields = Fields {
            id: id.clone(),
            text: item_text(entry),
            // Always as HTML: RSS titles are "plain" yet often carry escaped `<i>` markup, and
            // the converter keeps a `<` that opens no tag ("a < b").
            title: entry.title.as_ref().map(|t| html_to_text(&t.content)),
            url,
            source: item_sources
                .get(n)
                .cloned()
                .flatten()
                .or_else(|| source.clone()),
            date: entry
                .published
                .or(entry.updated)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            byline: byline(entry),
            lang: entry.language.clone().or_else(|| feed.language.clone()),
        };
        match fields.into_article(Some(stem)) {
            Some(article) => out.articles.push(article),
            None => out.empty.push(id),
        }
    }
    out
}

/// The feed-rs parse, configured for us: no invented ids (its fallback is a random UUID, and
/// ids must be stable) and dates read as written (its own parser converts to UTC, which can
/// move an evening story to the next day).
fn parse(bytes: &[u8], root: &str) -> Result<Feed, String> {
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(|raw| {
            parse_date(raw)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
        })
        .sanitize_content(false)
        .build();
    parser.parse(bytes).map_err(|e| {
        if let feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) = e
        {
            // feed-rs also says this when the XML breaks off before the root's first child.
            return if root == "rss" {
                "no <channel> in <rss>".to_string()
            } else {
                format!("no feed content in <{root}>")
            };
        }
        let message = e.to_string();
        // "unable to parse XML: Parser error: ..." → the part that says what is wrong.
        message
            .rsplit_once("error: ")
            .map_or(message.clone(), |(_, m)| m.to_string())
    })
}

/// The root element's qualified name, after the XML declaration, comments, processing
/// instructions and a DOCTYPE; an error when it is not one of the feed roots.
fn root_element(bytes: &[u8]) -> Result<String, FeedError> {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    match root_name(head) {
        Some(name) if is_feed_root(&name) => Ok(name),
        Some(name) => Err(FeedError::NotAFeed { root: name }),
        None => {
            let text = String::from_utf8_lossy(head.get(..head.len().min(160)).unwrap_or(head));
            let text = text.trim_start_matches('\u{feff}').trim_start();
            if text.starts_with('<') {
                // Markup that ends (or is cut) before its first element.
                return Err(FeedError::Malformed {
                    message: "no root element before the end of the file".into(),
                    kept: 0,
                });
            }
            let start = text
                .chars()
                .take(40)
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .trim_end()
                .to_string();
            Err(FeedError::NotXml { start })
        }
    }
}

/// Whether a root element name is a feed's: `rss`, `feed` (Atom), `RDF` in any prefix (RSS 1.0).
pub(crate) fn is_feed_root(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    matches!(name, "rss" | "feed") || local == "RDF"
}

/// The name of the first element of `head`, skipping a BOM, whitespace, `<?...?>`,
/// `<!--...-->` and `<!...>` declarations; `None` when `head` does not start like markup.
pub(crate) fn root_name(head: &[u8]) -> Option<String> {
    let at = root_offset(head)?;
    let name: Vec<u8> = head
        .get(at + 1..)?
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_' | b'.'))
        .copied()
        .collect();
    if name.is_empty() {
        return None;
    }
    String::from_utf8(name).ok()
}

/// The byte offset of the `<` of the first element (see [`root_name`]).
fn root_offset(head: &[u8]) -> Option<usize> {
    let mut rest = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        if rest.first() != Some(&b'<') {
            return None;
        }
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(rest, b"-->")?;
            rest = rest.get(end + 3..)?;
        } else if rest.starts_with(b"<?") {
            let end = memchr::memmem::find(rest, b"?>")?;
            rest = rest.get(end + 2..)?;
        } else if rest.starts_with(b"<!") {
            // A DOCTYPE; an internal subset `[...]` may hold `>`.
            let close = match (memchr::memchr(b'[', rest), memchr::memchr(b'>', rest)) {
                (Some(open), Some(gt)) if open < gt => {
                    let subset_end = memchr::memmem::find(rest.get(open..)?, b"]")? + open;
                    memchr::memchr(b'>', rest.get(subset_end..)?)? + subset_end
                }
                (_, gt) => gt?,
            };
            rest = rest.get(close + 1..)?;
        } else {
            return Some(head.len() - rest.len());
        }
    }
}

/// The bytes as UTF-8 when they are not valid UTF-8 yet claim to be (or claim nothing):
/// Windows-1252 saved under a UTF-8 declaration is common, and the XML parser would reject
/// the whole file at the first bad byte. Decoded as web pages are ([`super::html`]'s
/// decoder: mostly-UTF-8 keeps UTF-8 with U+FFFD, else the `chardetng` guess). `None` when
/// the bytes are fine as they are (valid UTF-8, a byte-order mark, or another declared
/// encoding, which the XML parser applies itself).
fn as_utf8(bytes: &[u8]) -> Option<(String, String)> {
    static DECL: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)"#)
            .expect("valid regex")
    });
    if std::str::from_utf8(bytes).is_ok() || encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let declared = DECL
        .captures(bytes.get(..bytes.len().min(1024)).unwrap_or(bytes))
        .and_then(|c| c.get(1))
        .and_then(|m| encoding_rs::Encoding::for_label(m.as_bytes()));
    if declared.is_some_and(|e| e != encoding_rs::UTF_8) {
        return None;
    }
    let decoded = super::html::decode::decode(bytes);
    let note = format!("not valid UTF-8; decoded as {}", decoded.encoding.name());
    Some((decoded.text, note))
}

/// RSS with a `version` feed-rs does not dispatch on (none, `0.93`, `0.94`, `2.01`) given
/// `version="2.0"`: every RSS 0.9x/2.x item is read by the 2.0 reader, and without this the
/// whole file would be refused as "not a feed". `None` when nothing needs changing.
fn rss_version_fixed(bytes: &[u8], root: &str) -> Option<Vec<u8>> {
    static VERSION: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"\sversion\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid regex")
    });
    if root != "rss" {
        return None;
    }
    let start = root_offset(bytes)?;
    let tag_len = memchr::memchr(b'>', bytes.get(start..)?)? + 1;
    let tag = bytes.get(start..start + tag_len)?;
    let mut fixed_tag = Vec::with_capacity(tag.len() + 16);
    match VERSION.captures(tag) {
        Some(c) => {
            let value = c
                .get(1)
                .or_else(|| c.get(2))
                .map_or(&b""[..], |m| m.as_bytes());
            if matches!(value, b"2.0" | b"0.91" | b"0.92" | b"") {
                return None;
            }
            let whole = c.get(0)?;
            fixed_tag.extend_from_slice(tag.get(..whole.start())?);
            fixed_tag.extend_from_slice(b" version=\"2.0\"");
            fixed_tag.extend_from_slice(tag.get(whole.end()..)?);
        }
        None => {
            fixed_tag.extend_from_slice(b"<rss version=\"2.0\"");
            fixed_tag.extend_from_slice(tag.get(4..)?);
        }
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(bytes.get(..start)?);
    out.extend_from_slice(&fixed_tag);
    out.extend_from_slice(bytes.get(start + tag_len..)?);
    Some(out)
}

/// A broken feed cut after its last complete item and closed again, for a second parse.
fn repair(bytes: &[u8], root: &str) -> Option<Vec<u8>> {
    let last = ["</item>", "</entry>"]
        .iter()
        .filter_map(|end| memchr::memmem::rfind(bytes, end.as_bytes()).map(|at| at + end.len()))
        .max()?;
    let mut fixed = bytes.get(..last)?.to_vec();
    // RSS 0.9x/2.0 items live in <channel>; RSS 1.0 and Atom items are children of the root.
    if root == "rss" {
        fixed.extend_from_slice(b"</channel>");
    }
    fixed.extend_from_slice(format!("</{root}>").as_bytes());
    Some(fixed)
}

/// The site's own address: the feed's `<link>` (RSS) or `alternate` link (Atom), not `self`.
fn site_link(feed: &Feed) -> Option<::url::Url> {
    feed.links
        .iter()
        .filter(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .find_map(|l| ::url::Url::parse(l.href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// The item's link, absolute: feed-rs resolves `xml:base`; a link still relative is resolved
/// against the site's address, and dropped when there is none (a path alone names nothing).
fn item_link(entry: &Entry, site: Option<&::url::Url>) -> Option<String> {
    let link: &Link = entry
        .links
        .iter()
        .filter(|l| l.target.is_none())
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))?;
    let href = link.href.trim();
    if href.is_empty() {
        return None;
    }
    match ::url::Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(::url::ParseError::RelativeUrlWithoutBase) => site
            .and_then(|base| base.join(href).ok())
            .map(|u| u.to_string()),
        Err(_) => None,
    }
}

/// Each item's own outlet, in document order (`None` for an item without one): the text of
/// an RSS `<source url="…">Reuters</source>` (its `url`'s host when it has no text) or the
/// `<title>` of an Atom `<source>`. Items are the `item` and `entry` elements, at any depth
/// (RSS 1.0 puts them beside the channel). The scan stops at the first XML error, so a broken
/// feed gives the sources of the items before the damage, as its repair keeps them.
fn item_sources(bytes: &[u8]) -> Vec<Option<String>> {
    use quick_xml::events::Event;

    /// Where the scan is: in an item, in its `<source>`, in that source's `<title>`.
    #[derive(PartialEq)]
    enum At {
        Outside,
        Item,
        Source { atom: bool },
        SourceTitle,
    }
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut out: Vec<Option<String>> = Vec::new();
    let mut at = At::Outside;
    // Depth of the element that opened the current state, to know which end tag closes it.
    let mut depth = 0usize;
    let mut opened = [0usize; 3];
    // The raw (still escaped) text of the source name and its `url` attribute.
    let mut raw = String::new();
    let mut url = None;
    let finish = |raw: &mut String, url: &mut Option<String>| -> Option<String> {
        // XML-unescaped first: what is left may be HTML (an Atom title of `type="html"`).
        let name = html_to_text(&html_escape::decode_html_entities(raw.as_str()));
        raw.clear();
        let url = url.take();
        let name = name.trim();
        if !name.is_empty() && !name.contains("://") {
            return Some(name.to_string());
        }
        // No name, or a bare address as the name: the host stands for the outlet.
        let link = if name.contains("://") {
            Some(name.to_string())
        } else {
            url
        };
        let host = ::url::Url::parse(link?.trim())
            .ok()?
            .host_str()?
            .to_string();
        Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
    };
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.local_name();
            let name: &str = name.as_ref();
            match at {
                At::Outside if name == "item" || name == "entry" => {
                    out.push(None);
                    if !empty {
                        at = At::Item;
                        opened[0] = depth;
                    }
                }
                At::Item if name == "source" => {
                    url = e
                        .try_get_attribute("url")
                        .ok()
                        .flatten()
                        .map(|a| html_escape::decode_html_entities(&a.value).into_owned());
                    raw.clear();
                    if empty {
                        if let Some(last) = out.last_mut() {
                            *last = finish(&mut raw, &mut url);
                        }
                    } else {
                        // RSS `<source>` holds a name; Atom's holds feed metadata elements.
                        at = At::Source { atom: false };
                        opened[1] = depth;
                    }
                }
                At::Source { .. } if name == "title" && !empty => {
                    raw.clear();
                    at = At::SourceTitle;
                    opened[2] = depth;
                }
                At::Source { .. } => at = At::Source { atom: true },
                _ => {}
            }
            if !empty {
                depth += 1;
            }
            continue;
        }
        match event {
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                match at {
                    At::SourceTitle if depth == opened[2] => at = At::Source { atom: true },
                    At::Source { .. } if depth == opened[1] => {
                        if let Some(last) = out.last_mut() {
                            if last.is_none() {
                                *last = finish(&mut raw, &mut url);
                            }
                        }
                        raw.clear();
                        at = At::Item;
                    }
                    At::Item if depth == opened[0] => at = At::Outside,
                    _ => {}
                }
            }
            Event::Text(t) if matches!(at, At::Source { atom: false } | At::SourceTitle) => {
                raw.push_str(&t);
            }
            Event::GeneralRef(r) if matches!(at, At::Source { atom: false } | At::SourceTitle) => {
                raw.push('&');
                raw.push_str(&r);
                raw.push(';');
            }
            Event::CData(t) if matches!(at, At::Source { atom: false } | At::SourceTitle) => {
                raw.push_str(&html_escape::encode_text(&*t));
            }
            _ => {}
        }
    }
    out
}

/// The item's id (see the module notes), before it is made unique within the file.
fn item_id(entry: &Entry, url: Option<&str>, stem: &str, n: usize) -> String {
    let guid = entry.id.trim();
    if !guid.is_empty() {
        return guid.to_string();
    }
    if let Some(key) = url.and_then(canonical) {
        return key.strip_prefix("https://").unwrap_or(&key).to_string();
    }
    format!("{stem}-{n}")
}

/// Ids given so far in one file: a repeat gets `-2`, `-3`, ... so every id is unique.
#[derive(Default)]
struct IdSet {
    seen: std::collections::HashSet<String>,
}

impl IdSet {
    fn unique(&mut self, id: String) -> String {
        if self.seen.insert(id.clone()) {
            return id;
        }
        let mut k = 2usize;
        loop {
            let candidate = format!("{id}-{k}");
            if self.seen.insert(candidate.clone()) {
                return candidate;
            }
            k += 1;
        }
    }
}

/// The item's text: full content, else the summary, else a media description.
fn item_text(entry: &Entry) -> String {
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        let kind = c.content_type.essence().to_string();
        Some(if kind == "text/plain" {
            plain_text(body)
        } else {
            html_to_text(body)
        })
    });
    if let Some(text) = content.filter(|t| !t.is_empty()) {
        return text;
    }
    if let Some(text) = entry
        .summary
        .as_ref()
        .map(text_of)
        .filter(|t| !t.is_empty())
    {
        return text;
    }
    entry
        .media
        .iter()
        .filter_map(|m| m.description.as_ref())
        .map(text_of)
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// A feed text construct as plain text: HTML and XHTML converted, plain text tidied.
fn text_of(t: &Text) -> String {
    if t.content_type.essence().to_string() == "text/plain" {
        plain_text(&t.content)
    } else {
        html_to_text(&t.content)
    }
}

/// The authors' names, `, `-separated. RSS `author` is an e-mail address with the name in
/// parentheses (`desk@x.example (Jane Doe)`); an address alone is not a byline.
fn byline(entry: &Entry) -> Option<String> {
    let names: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(|n| {
            n.trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .to_string()
        })
        .filter(|n| !n.is_empty() && !is_bare_email(n))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// `desk@x.example`: an address and nothing else.
fn is_bare_email(s: &str) -> bool {
    s.contains('@') && !s.contains(char::is_whitespace)
}

/// Plain text tidied the way [`html_to_text`] tidies HTML: one paragraph per line, runs of
/// spaces folded, blank lines dropped. Entities are decoded: RSS titles are "plain" but often
/// carry `&#8217;` and `&amp;` escaped once more than XML needs.
fn plain_text(s: &str) -> String {
    let decoded = html_escape::decode_html_entities(s);
    let mut out = String::with_capacity(decoded.len());
    for line in decoded.lines() {
        push_line(&mut out, line);
    }
    out
}

/// Append `line` with its whitespace folded, as a new line of `out`, unless it is blank.
///
/// The hot loop of feed ingest: going char by char through `split(char::is_whitespace)` and
/// pushing each word was 3/4 of the HTML conversion. Here a line with nothing to fold (ASCII,
/// single spaces: most lines) is one copy, and otherwise only the whitespace that is not a
/// lone space splits the copy.
fn push_line(out: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let bytes = line.as_bytes();
    let clean = line.is_ascii()
        && !bytes
            .iter()
            .any(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c'))
        && memchr::memmem::find(bytes, b"  ").is_none();
    if clean {
        out.push_str(line);
        return;
    }
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let w = space_len(line, i);
        if w == 0 || (w == 1 && bytes.get(i) == Some(&b' ') && space_len(line, i + 1) == 0) {
            i += 1;
            continue;
        }
        out.push_str(line.get(run_start..i).unwrap_or(""));
        out.push(' ');
        i += w;
        loop {
            let more = space_len(line, i);
            if more == 0 {
                break;
            }
            i += more;
        }
        run_start = i;
    }
    out.push_str(line.get(run_start..).unwrap_or(""));
}

/// The byte length of the whitespace character at byte `i` of `s`, 0 when there is none.
/// Only the lead bytes of Unicode's non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000) are decoded; any other byte, continuation bytes included, is not a space.
fn space_len(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        Some(b) if b.is_ascii() => usize::from(b.is_ascii_whitespace()),
        Some(0xc2 | 0xe1 | 0xe2 | 0xe3) => match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

/// An HTML fragment (an item's content or description) as plain text: one line per paragraph
/// or other block, inline markup dropped, entities decoded, scripts and styles left out.
///
/// Ours, not `ingest::html`: that module finds the main content of a whole page
/// (rs-trafilatura), which discards short fragments as boilerplate and costs a DOM per item. A
/// fragment needs no content detection, only tags removed and block boundaries kept, so one
/// linear pass over the bytes does it, with no tree and no recursion: a fragment nested
/// 100,000 deep costs nothing more. Double-escaped HTML (`&lt;p&gt;` inside the XML escape,
/// which some feed generators produce) is converted a second time.
pub fn html_to_text(html: &str) -> String {
    let once = convert_html(html);
    static TAGS: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)</p>|<p>|<br\s*/?>|</a>|</div>|<div[\s>]").expect("valid regex")
    });
    // Most output has no `<` at all: the memchr pass keeps the regex off the common path.
    if memchr::memchr(b'<', once.as_bytes()).is_some() && TAGS.find_iter(&once).take(2).count() >= 2
    {
        convert_html(&once)
    } else {
        once
    }
}

/// Elements whose content is not text for a reader.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "select",
    "button",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// One pass of [`html_to_text`]: tags out, block boundaries as line ends.
fn convert_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // The raw text of the current line; entities are decoded when the line ends, after the
    // tags are gone, so an escaped `&lt;p&gt;` in the text stays text.
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        if !line.is_empty() {
            if line.contains('&') {
                push_line(out, &html_escape::decode_html_entities(line.as_str()));
            } else {
                push_line(out, line);
            }
            line.clear();
        }
    };
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut line, &mut out, rest, pre > 0, flush);
            break;
        };
        push_text(
            &mut line,
            &mut out,
            rest.get(..lt).unwrap_or(""),
            pre > 0,
            flush,
        );
        rest = rest.get(lt..).unwrap_or("");
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .map_or("", |e| after.get(e + 3..).unwrap_or(""));
            continue;
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            // CDATA is literal text: escape its `&` so the line's entity decoding keeps it.
            line.push_str(&after.get(..end).unwrap_or("").replace('&', "&amp;"));
            rest = after.get(end + 3..).unwrap_or("");
            continue;
        }
        let Some(tag) = Tag::read(rest) else {
            // A `<` that opens no tag ("a < b"): text.
            line.push('<');
            rest = rest.get(1..).unwrap_or("");
            continue;
        };
        rest = rest.get(tag.len..).unwrap_or("");
        let name = tag.name();
        if !tag.closing && !tag.self_closing && SKIPPED.contains(&name) {
            rest = skip_element(rest, name);
            continue;
        }
        if name == "pre" {
            pre = if tag.closing {
                pre.saturating_sub(1)
            } else {
                pre + 1
            };
        }
        if BLOCKS.contains(&name) {
            flush(&mut line, &mut out);
        } else if matches!(name, "td" | "th" | "img") {
            line.push(' ');
        }
    }
    flush(&mut line, &mut out);
    out
}

/// Add text to the current line; inside `<pre>` its newlines end lines.
fn push_text(
    line: &mut String,
    out: &mut String,
    text: &str,
    pre: bool,
    flush: impl Fn(&mut String, &mut String),
) {
    if !pre {
        line.push_str(text);
        return;
    }
    let mut parts = text.split('\n');
    if let Some(first) = parts.next() {
        line.push_str(first);
    }
    for part in parts {
        flush(line, out);
        line.push_str(part);
    }
}

/// The rest after the end tag of a skipped element (its whole content when never closed).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(bytes.get(from..).unwrap_or(&[]), b"</") {
        let at = from + i;
        let candidate = bytes.get(at + 2..at + 2 + name.len()).unwrap_or(&[]);
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            let close = memchr::memchr(b'>', bytes.get(at..).unwrap_or(&[]))
                .map_or(bytes.len(), |g| at + g + 1);
            return rest.get(close..).unwrap_or("");
        }
        from = at + 2;
    }
    ""
}

/// The longest element name compared (`blockquote`, `figcaption`); longer names are kept
/// as empty, which matches no list. Held inline: a feed has hundreds of thousands of tags, and
/// an allocation per tag was a measurable part of the conversion.
const NAME_MAX: usize = 12;

/// One tag at the start of a string.
struct Tag {
    /// Lower-cased local element name, `name_len` bytes.
    name: [u8; NAME_MAX],
    name_len: usize,
    closing: bool,
    self_closing: bool,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl Tag {
    /// The lower-cased local name (empty when longer than [`NAME_MAX`]).
    fn name(&self) -> &str {
        self.name
            .get(..self.name_len)
            .and_then(|n| std::str::from_utf8(n).ok())
            .unwrap_or("")
    }

    /// The tag `s` starts with (`s` starts with `<`), or `None` when the `<` opens no tag.
    fn read(s: &str) -> Option<Tag> {
        let bytes = s.as_bytes();
        let mut i = 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        let first = *bytes.get(i)?;
        if !(first.is_ascii_alphabetic() || (!closing && matches!(first, b'!' | b'?'))) {
            return None;
        }
        while bytes.get(i).is_some_and(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_' | b'!' | b'?')
        }) {
            i += 1;
        }
        let qualified = bytes.get(start..i)?;
        // Attributes: to the `>` that is outside quotes. An unclosed tag runs to the end.
        let mut quote = None;
        while let Some(&b) = bytes.get(i) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            i += 1;
        }
        let self_closing = i > 0 && bytes.get(i - 1) == Some(&b'/');
        let len = (i + 1).min(bytes.len());
        // The local name (`xhtml:p` → `p`): Atom xhtml content may carry a prefix.
        let local = match memchr::memrchr(b':', qualified) {
            Some(colon) => qualified.get(colon + 1..)?,
            None => qualified,
        };
        let mut name = [0u8; NAME_MAX];
        let name_len = if local.len() <= NAME_MAX {
            for (to, from) in name.iter_mut().zip(local) {
                *to = from.to_ascii_lowercase();
            }
            local.len()
        } else {
            0
        };
        Some(Tag {
            name,
            name_len,
            closing,
            self_closing,
            len,
        })
    }
}

/// `0 complete items`, `1 complete item`, `2 complete items`.
struct Items(usize);

impl fmt::Display for Items {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("no complete item"),
            1 => f.write_str("1 complete item"),
            n => write!(f, "{n} complete items"),
        }
    }
}

impl fmt::Display for FeedItems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} articles, {} empty items",
            self.articles.len(),
            self.empty.len()
        )?;
        if let Some(e) = &self.error {
            write!(f, ", {e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_and_inline_markup_goes() {
        assert_eq!(
            html_to_text("<p>The <b>dam</b> opened.</p><p>Water&nbsp;flows &amp; rises.</p>"),
            "The dam opened.\nWater flows & rises."
        );
        assert_eq!(html_to_text("One<br>Two<br/>Three"), "One\nTwo\nThree");
        assert_eq!(
            html_to_text("<ul><li>a</li><li>b</li></ul><h2>Head</h2>tail"),
            "a\nb\nHead\ntail"
        );
        assert_eq!(html_to_text("  plain\n  words  "), "plain words");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn scripts_styles_comments_are_not_text() {
        assert_eq!(
            html_to_text(
                "<p>Keep</p><script>var x = '<p>no</p>';</script><style>p{}</style><!-- note --><p>this</p>"
            ),
            "Keep\nthis"
        );
        // Unclosed: the rest is skipped, nothing panics.
        assert_eq!(html_to_text("<p>a</p><script>never closed"), "a");
        assert_eq!(html_to_text("<p>a<!-- never closed"), "a");
    }

    #[test]
    fn escaped_text_stays_text() {
        // `&lt;p&gt;` once is text about a tag, not a tag.
        assert_eq!(
            html_to_text("<p>Use &lt;p&gt; for paragraphs</p>"),
            "Use <p> for paragraphs"
        );
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(html_to_text("x <![CDATA[a &amp; b]]> y"), "x a &amp; b y");
        assert_eq!(
            html_to_text("AT&T &copy; 2024 &#8217; &#x2014;"),
            "AT&T © 2024 ’ —"
        );
    }

    #[test]
    fn double_escaped_html_is_converted_twice() {
        assert_eq!(
            html_to_text("&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second para.&lt;/p&gt;"),
            "First para.\nSecond para."
        );
    }

    #[test]
    fn attributes_with_angle_brackets_and_prefixed_xhtml() {
        assert_eq!(
            html_to_text(r#"<p title="a > b">One</p><a href='x>y'>two</a>"#),
            "One\ntwo"
        );
        assert_eq!(
            html_to_text("<xhtml:div><xhtml:p>One</xhtml:p><xhtml:p>Two</xhtml:p></xhtml:div>"),
            "One\nTwo"
        );
        assert_eq!(
            html_to_text("<pre>line 1\nline 2</pre>after"),
            "line 1\nline 2\nafter"
        );
        assert_eq!(
            html_to_text("<table><tr><td>a</td><td>b</td></tr></table>"),
            "a b"
        );
        assert_eq!(html_to_text("<p>cut <a href=\"x"), "cut");
    }

    #[test]
    fn deep_nesting_is_linear() {
        let deep = format!(
            "{}text{}",
            "<div><span>".repeat(100_000),
            "</span></div>".repeat(100_000)
        );
        assert_eq!(html_to_text(&deep), "text");
    }

    #[test]
    fn roots() {
        let r = |s: &str| root_name(s.as_bytes());
        assert_eq!(r("<rss version=\"2.0\">").as_deref(), Some("rss"));
        assert_eq!(
            r("\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<?xml-stylesheet href=\"s\"?><feed xmlns=\"x\">")
                .as_deref(),
            Some("feed")
        );
        assert_eq!(
            r("<!DOCTYPE rss [<!ENTITY a \"b>\">]><rss>").as_deref(),
            Some("rss")
        );
        assert_eq!(r("<rdf:RDF xmlns:rdf=\"x\">").as_deref(), Some("rdf:RDF"));
        assert_eq!(r("<!doctype html><html>").as_deref(), Some("html"));
        assert_eq!(r("plain words"), None);
        assert_eq!(r("<!-- never closed"), None);
        assert!(is_feed_root("rss") && is_feed_root("feed") && is_feed_root("rdf:RDF"));
        assert!(is_feed_root("RDF") && !is_feed_root("html") && !is_feed_root("feedback"));
    }

    /// The folding `push_line` must equal: split on Unicode whitespace, join with one space.
    fn folded(s: &str) -> String {
        s.split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn whitespace_folding() {
        for s in [
            "a b",
            "  a  b\t\tc\n",
            "caf\u{e9}\u{a0}\u{a0}cr\u{e8}me \u{3000}x\u{2009} y\u{85}z",
            "\u{201c}quoted\u{201d}  \u{2014} dash",
            "\u{a0}",
            "x\u{202f}\u{205f}\u{1680}y",
        ] {
            let mut out = String::new();
            push_line(&mut out, s);
            assert_eq!(out, folded(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn whitespace_folding_matches_the_reference(s in "[a-zé \t\n\u{a0}\u{2003}\u{3000}\u{201c}]{0,40}") {
            let mut out = String::new();
            push_line(&mut out, &s);
            proptest::prop_assert_eq!(out, folded(&s));
        }
    }

    #[test]
    fn ids_are_unique_in_a_file() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert_eq!(ids.unique("a-2".into()), "a-2-2");
        assert_eq!(ids.unique("a".into()), "a-3");
    }
}
