//! URL canonicalisation, and the one place that decides which of several copies of a URL is read.
//!
//! The same article reaches a user under many addresses: `http` and `https`, with and without
//! `www.`, the mobile host, the AMP page, with `utm_*` campaign parameters from a newsletter or
//! a feed, with a `#comments` fragment. [`canonical`] maps all of those to one key, and
//! [`UrlSeen`] keeps the first article read under each key so a page saved twice, or a page
//! that is also an item of a feed, is read once.
//!
//! The key is for comparing, not for fetching: `http` is folded into `https` and mobile hosts
//! into the desktop host whether or not the site serves them. Parsing is the WHATWG algorithm of
//! the `url` crate (what browsers do: percent-encoding, IDNA hosts, dot segments, default ports),
//! and only the rules below are ours.
//!
//! | rule | example |
//! |---|---|
//! | scheme `http`/`https` only, folded to `https`; no scheme → `http` assumed | `HTTP://a.example/x` → `https://a.example/x` |
//! | host lower-cased (IDNA), trailing dot dropped | `A.Example./x` → `a.example/x` |
//! | `www.`, `m.`, `mobile.`, `amp.` prefix dropped while two labels remain | `m.bbc.co.uk` → `bbc.co.uk` |
//! | user name and password dropped | `u:p@a.example` → `a.example` |
//! | ports 80 and 443 dropped | `a.example:443` → `a.example` |
//! | fragment dropped, except `#!` (a hash-bang route names the content) | `/x#comments` → `/x` |
//! | tracking parameters dropped ([`TRACKING_PARAMS`], `utm_*`, ...) | `?utm_source=rss&id=3` → `?id=3` |
//! | remaining parameters sorted (by name, then value) | `?b=2&a=1` → `?a=1&b=2` |
//! | `index.html` & co. and the trailing slash dropped | `/news/index.html`, `/news/` → `/news` |
//! | AMP: `amp=1`, `outputType=amp`, a first or last path segment `amp`, `.amp.html`, `.amp` | `/amp/x`, `/x/amp`, `/x.amp.html` → `/x`, `/x.html` |
//! | Google AMP cache wrappers unwrapped | `a-example.cdn.ampproject.org/c/s/a.example/x` → `a.example/x` |
//!
//! Left alone on purpose: the case of the path (servers differ), a path segment `amp` in the
//! middle (`/news/amp/123` has no known desktop twin), and parameters that are not on the list
//! (an `id=` or `p=` can be what names the article).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::Article;

use super::Error;

/// Query parameters that only say how the reader arrived (campaigns, click ids, share buttons,
/// newsletters, referrers), compared case-insensitively. `utm_*`, `at_*` (AT Internet),
/// `_hs*` (HubSpot), `oly_*` (Omeda) and `pk_*`/`mtm_*` (Matomo) are dropped as prefixes.
///
/// Sources: the lists of ClearURLs and of Firefox's query-stripping, reduced to parameters
/// seen on news sites (NYT `smid`, Guardian `CMP`/`INTCMP`, WaPo `itid`, CNN `cid`...), plus
/// AMP switches. A parameter is only listed when it never selects content.
pub const TRACKING_PARAMS: &[&str] = &[
    // Ad and social click ids.
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "mkt_tok",
    "_ga",
    "_gl",
    "vero_id",
    "wickedid",
    "spm",
    "__twitter_impression",
    // Referrers and share buttons.
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "source",
    "share",
    "shared",
    "sh",
    "smid",
    "smtyp",
    "soc_src",
    "soc_trk",
    "sr_share",
    // Outlets' own campaign parameters.
    "cmp",
    "cmpid",
    "intcmp",
    "icid",
    "cid",
    "ncid",
    "ocid",
    "itid",
    "s_cid",
    "mbid",
    "ito",
    "rss",
    "feed",
    "partner",
    "taid",
    "emc",
    "ns_mchannel",
    "ns_source",
    "ns_campaign",
    "ns_linkname",
    "ns_fee",
    // AMP switches: the AMP and the ordinary page are the same article.
    "amp",
    "outputtype",
];

/// Prefixes of tracking parameter names (see [`TRACKING_PARAMS`]).
const TRACKING_PREFIXES: &[&str] = &["utm_", "at_", "_hs", "hsa_", "oly_", "pk_", "mtm_"];

/// Host prefixes that serve the same paths as the bare host (see the module notes).
const HOST_PREFIXES: &[&str] = &["www.", "m.", "mobile.", "amp."];

/// Last path segments that stand for the directory itself.
const INDEX_PAGES: &[&str] = &[
    "index.html",
    "index.htm",
    "index.shtml",
    "index.php",
    "index.asp",
    "index.aspx",
    "default.htm",
    "default.html",
    "default.asp",
    "default.aspx",
];

/// The canonical form of an `http(s)` URL (see the module notes for the rules); `None` when
/// `url` is not an absolute `http(s)` URL (a relative path, `mailto:`, `urn:`, garbage).
///
/// ```
/// use crossread::ingest::url::canonical;
/// assert_eq!(
///     canonical("HTTP://WWW.Example.com:80/news/story/?utm_source=rss&b=2&a=1#top").as_deref(),
///     Some("https://example.com/news/story?a=1&b=2"),
/// );
/// assert_eq!(canonical("mailto:desk@example.com"), None);
/// ```
pub fn canonical(url: &str) -> Option<String> {
    let url = url.trim();
    let parsed = match ::url::Url::parse(url) {
        Ok(u) => u,
        // "www.example.com/a" as people paste it: read as http, like outlet_from_url does.
        Err(::url::ParseError::RelativeUrlWithoutBase)
            if !url.contains("://") && !url.starts_with('/') && url.contains('.') =>
        {
            ::url::Url::parse(&format!("http://{url}")).ok()?
        }
        Err(_) => return None,
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    if let Some(inner) = unwrap_amp_cache(&parsed) {
        return canonical(&inner);
    }
    let host = host_key(parsed.host_str()?)?;

    let mut out = String::with_capacity(url.len());
    out.push_str("https://");
    out.push_str(&host);
    if let Some(port) = parsed.port().filter(|p| *p != 80 && *p != 443) {
        out.push(':');
        out.push_str(&port.to_string());
    }
    out.push_str(&path_key(parsed.path()));

    let mut params: Vec<(&str, &str)> = parsed
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .filter(|(name, _)| !is_tracking(name))
        .collect();
    // Sorted on the encoded text: `a%20b` and `a+b` stay distinct, which is safe (no false
    // duplicate), and the order is total, so the key is deterministic.
    params.sort_unstable();
    params.dedup();
    for (i, (name, value)) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(name);
        if !value.is_empty() {
            out.push('=');
            out.push_str(value);
        }
    }
    if let Some(route) = parsed.fragment().filter(|f| f.starts_with('!')) {
        out.push('#');
        out.push_str(route);
    }
    Some(out)
}

/// The host without a trailing dot and without one of [`HOST_PREFIXES`], when at least two
/// labels remain (`m.co` stays `m.co`; `www.bbc.co.uk` becomes `bbc.co.uk`).
fn host_key(host: &str) -> Option<String> {
    // The url crate has already lower-cased and IDNA-encoded a domain.
    let host = host.trim_end_matches('.');
    if host.is_empty() {
        return None;
    }
    for prefix in HOST_PREFIXES {
        if let Some(rest) = host.strip_prefix(prefix) {
            if rest.contains('.') {
                return Some(rest.to_string());
            }
        }
    }
    Some(host.to_string())
}

/// The path with index pages, AMP markers and the trailing slash removed, and percent escapes
/// upper-cased (`%2f` and `%2F` are the same byte).
fn path_key(path: &str) -> String {
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(upper_escapes)
        .collect();
    if segments
        .last()
        .is_some_and(|s| INDEX_PAGES.iter().any(|i| s.eq_ignore_ascii_case(i)))
    {
        segments.pop();
    }
    // `/amp/story` (AMP folder) and `/story/amp` (WordPress AMP plugin); not the whole path.
    if segments.len() > 1 && segments.last().is_some_and(|s| s == "amp") {
        segments.pop();
    }
    if segments.len() > 1 && segments.first().is_some_and(|s| s == "amp") {
        segments.remove(0);
    }
    if let Some(last) = segments.last_mut() {
        if let Some(stem) = last.strip_suffix(".amp.html") {
            *last = format!("{stem}.html");
        } else if let Some(stem) = last.strip_suffix(".amp").filter(|s| !s.is_empty()) {
            // BBC: `/news/world-123.amp`.
            *last = stem.to_string();
        }
    }
    let mut out = String::with_capacity(path.len());
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// `%2f` → `%2F`; everything else unchanged.
fn upper_escapes(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = String::with_capacity(segment.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            if let (Some(h), Some(l)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() {
                    out.push('%');
                    out.push(h.to_ascii_uppercase() as char);
                    out.push(l.to_ascii_uppercase() as char);
                    i += 3;
                    continue;
                }
            }
        }
        // Not an escape: copy the whole UTF-8 character (the url crate leaves none in paths,
        // but stay correct for any input).
        let ch_len = segment
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        out.push_str(segment.get(i..i + ch_len).unwrap_or(""));
        i += ch_len;
    }
    out
}

/// Whether a query parameter name (percent-decoded only for the ASCII case) is tracking.
fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TRACKING_PARAMS.contains(&lower.as_str())
        || TRACKING_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// The publisher's URL inside a Google AMP cache address:
/// `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/x` →
/// `https://www.example.com/x` (`/c/` a page, `/v/` a viewer, `/s/` when it is https), and the
/// same under `https://www.google.com/amp/s/...`.
fn unwrap_amp_cache(url: &::url::Url) -> Option<String> {
    let host = url.host_str()?;
    let path = url.path();
    let rest = if host.ends_with(".cdn.ampproject.org") {
        path.strip_prefix("/c/")
            .or_else(|| path.strip_prefix("/v/"))
            .or_else(|| path.strip_prefix("/i/"))?
    } else if matches!(host, "www.google.com" | "google.com") {
        path.strip_prefix("/amp/")?
    } else {
        return None;
    };
    let (scheme, rest) = match rest.strip_prefix("s/") {
        Some(rest) => ("https", rest),
        None => ("http", rest),
    };
    if rest.is_empty() || rest.starts_with('/') {
        return None;
    }
    let mut inner = format!("{scheme}://{rest}");
    if let Some(q) = url.query() {
        inner.push('?');
        inner.push_str(q);
    }
    Some(inner)
}

/// Where the first article under a canonical URL came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its article id.
    pub id: String,
}

/// The canonical URLs read so far, each with the article that was kept for it.
///
/// The first article offered under a URL is kept and later ones are duplicates. Callers offer
/// articles in a deterministic order (input order, then walk order), so which copy is kept
/// does not depend on how files were read in parallel. A streaming reader (a web archive) can
/// offer each record as it goes: the set holds one short string per distinct URL, not the
/// articles.
///
/// ```
/// use std::path::Path;
/// use crossread::ingest::url::UrlSeen;
/// use crossread::model::Article;
///
/// let article = |id: &str, url: &str| Article {
///     id: id.into(),
///     source: "s".into(),
///     title: None,
///     date: None,
///     url: Some(url.into()),
///     text: "t".into(),
///     byline: None,
///     lang: None,
/// };
/// let mut seen = UrlSeen::default();
/// assert!(seen.first_time(Path::new("a.html"), &article("a", "https://www.example.com/x")));
/// let dup = article("b", "http://example.com/x?utm_source=rss");
/// assert!(!seen.first_time(Path::new("feed.xml"), &dup));
/// assert_eq!(
///     seen.check(Path::new("feed.xml"), &dup).unwrap_err().to_string(),
///     "feed.xml: article `b` has the same URL as `a` from a.html \
///      (https://example.com/x); skipped",
/// );
/// ```
#[derive(Debug, Default, Clone)]
pub struct UrlSeen {
    seen: HashMap<String, Kept>,
}

impl UrlSeen {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Offer `article`, read from `path`: `true` when it is the first under its canonical URL
    /// (or has no URL to compare), and then it is remembered; `false` for a duplicate.
    pub fn first_time(&mut self, path: &Path, article: &Article) -> bool {
        self.check(path, article).is_ok()
    }

    /// Like [`Self::first_time`], with the warning to record for a duplicate: an
    /// [`Error::DuplicateUrl`] naming this file and article and the kept one.
    pub fn check(&mut self, path: &Path, article: &Article) -> Result<(), Error> {
        let Some(key) = article.url.as_deref().and_then(canonical) else {
            return Ok(());
        };
        match self.seen.get(&key) {
            Some(kept) => Err(Error::DuplicateUrl {
                path: path.to_path_buf(),
                id: article.id.clone(),
                url: key,
                kept_path: kept.path.clone(),
                kept_id: kept.id.clone(),
            }),
            None => {
                self.seen.insert(
                    key,
                    Kept {
                        path: path.to_path_buf(),
                        id: article.id.clone(),
                    },
                );
                Ok(())
            }
        }
    }

    /// The article kept under `url`'s canonical form, if any.
    pub fn kept(&self, url: &str) -> Option<&Kept> {
        self.seen.get(&canonical(url)?)
    }

    /// How many distinct canonical URLs were seen.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// True when no URL was seen.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(url: &str) -> String {
        canonical(url).unwrap_or_else(|| panic!("{url} has no canonical form"))
    }

    #[test]
    fn scheme_is_folded_and_only_http_counts() {
        assert_eq!(c("http://a.example/x"), "https://a.example/x");
        assert_eq!(c("HTTPS://a.example/x"), "https://a.example/x");
        assert_eq!(c("a.example/x"), "https://a.example/x");
        assert_eq!(canonical("ftp://a.example/x"), None);
        assert_eq!(canonical("mailto:a@b.example"), None);
        assert_eq!(canonical("urn:uuid:1234"), None);
        assert_eq!(canonical("/relative/path"), None);
        assert_eq!(canonical("not a url"), None);
        assert_eq!(canonical(""), None);
    }

    #[test]
    fn host_is_lower_cased_and_prefixes_dropped() {
        assert_eq!(
            c("https://News.Example.COM./x"),
            "https://news.example.com/x"
        );
        assert_eq!(c("https://www.example.com/x"), "https://example.com/x");
        assert_eq!(c("https://m.bbc.co.uk/news/1"), "https://bbc.co.uk/news/1");
        assert_eq!(c("https://mobile.example.com/x"), "https://example.com/x");
        assert_eq!(c("https://amp.example.com/x"), "https://example.com/x");
        // Only one prefix, and never the last two labels.
        assert_eq!(c("https://www.m.example.com/x"), "https://m.example.com/x");
        assert_eq!(c("https://m.co/x"), "https://m.co/x");
        assert_eq!(c("https://www.co/x"), "https://www.co/x");
        // IDNA: the Unicode and the punycode spelling are one host.
        assert_eq!(
            c("https://bücher.example/x"),
            c("https://xn--bcher-kva.example/x")
        );
        // IP addresses are hosts too.
        assert_eq!(c("http://127.0.0.1:8080/x"), "https://127.0.0.1:8080/x");
    }

    #[test]
    fn ports_and_credentials() {
        assert_eq!(c("http://a.example:80/x"), "https://a.example/x");
        assert_eq!(c("https://a.example:443/x"), "https://a.example/x");
        assert_eq!(c("http://a.example:443/x"), "https://a.example/x");
        assert_eq!(c("http://a.example:8080/x"), "https://a.example:8080/x");
        assert_eq!(c("https://user:pw@a.example/x"), "https://a.example/x");
    }

    #[test]
    fn fragment_dropped_except_hash_bang() {
        assert_eq!(c("https://a.example/x#comments"), "https://a.example/x");
        assert_eq!(c("https://a.example/x#"), "https://a.example/x");
        assert_eq!(
            c("https://a.example/#!/story/12"),
            "https://a.example/#!/story/12"
        );
    }

    #[test]
    fn tracking_parameters_dropped_others_sorted() {
        assert_eq!(
            c("https://a.example/x?utm_source=rss&utm_Medium=feed&id=3"),
            "https://a.example/x?id=3"
        );
        for p in [
            "fbclid=1",
            "gclid=1",
            "mc_cid=1",
            "mc_eid=2",
            "ref=home",
            "cmpid=x",
            "CMP=share",
            "smid=tw",
            "_ga=2.1",
            "at_medium=x",
            "ito=1",
            "msclkid=1",
            "igshid=1",
        ] {
            assert_eq!(
                c(&format!("https://a.example/x?{p}")),
                "https://a.example/x",
                "{p}"
            );
        }
        assert_eq!(
            c("https://a.example/x?b=2&a=1&c"),
            "https://a.example/x?a=1&b=2&c"
        );
        assert_eq!(
            c("https://a.example/x?a=2&a=1"),
            "https://a.example/x?a=1&a=2"
        );
        assert_eq!(
            c("https://a.example/x?a=1&a=1&&"),
            "https://a.example/x?a=1"
        );
        assert_eq!(c("https://a.example/x?"), "https://a.example/x");
        // Content-selecting parameters stay: `p=` and `id=` name the article on many sites.
        assert_ne!(c("https://a.example/?p=1"), c("https://a.example/?p=2"));
        // A parameter that merely starts like a tracking one stays.
        assert_eq!(
            c("https://a.example/x?reference=9"),
            "https://a.example/x?reference=9"
        );
    }

    #[test]
    fn trailing_slash_and_index_pages() {
        let want = "https://a.example/news";
        for u in [
            "https://a.example/news",
            "https://a.example/news/",
            "https://a.example/news/index.html",
            "https://a.example/news/INDEX.HTM",
            "https://a.example/news/index.php",
            "https://a.example/news//",
            "https://a.example/news/default.aspx",
        ] {
            assert_eq!(c(u), want, "{u}");
        }
        assert_eq!(c("https://a.example"), "https://a.example/");
        assert_eq!(c("https://a.example/"), "https://a.example/");
        assert_eq!(c("https://a.example/index.html"), "https://a.example/");
        // Dot segments are resolved by the WHATWG parser.
        assert_eq!(c("https://a.example/a/../news/./"), want);
        // Path case is kept: servers may tell `/News` and `/news` apart.
        assert_ne!(c("https://a.example/News"), want);
    }

    #[test]
    fn percent_escapes_upper_cased() {
        assert_eq!(c("https://a.example/a%2fb"), "https://a.example/a%2Fb");
        assert_eq!(
            c("https://a.example/caf%c3%a9"),
            c("https://a.example/café")
        );
    }

    #[test]
    fn amp_variants_are_the_article() {
        let want = "https://a.example/news/story";
        for u in [
            "https://a.example/news/story?amp=1",
            "https://a.example/news/story?amp",
            "https://a.example/news/story?outputType=amp",
            "https://a.example/news/story/amp",
            "https://a.example/news/story/amp/",
            "https://a.example/amp/news/story",
            "https://amp.a.example/news/story",
            "https://a.example/news/story.amp",
        ] {
            assert_eq!(c(u), want, "{u}");
        }
        assert_eq!(
            c("https://a.example/news/story.amp.html"),
            "https://a.example/news/story.html"
        );
        // A path that is only `amp`, or has it in the middle, is left alone.
        assert_eq!(c("https://a.example/amp"), "https://a.example/amp");
        assert_eq!(
            c("https://a.example/news/amp/12"),
            "https://a.example/news/amp/12"
        );
        assert_eq!(c("https://a.example/.amp"), "https://a.example/.amp");
    }

    #[test]
    fn amp_cache_unwrapped() {
        assert_eq!(
            c("https://www-a-example.cdn.ampproject.org/c/s/www.a.example/news/story/amp/"),
            "https://a.example/news/story"
        );
        assert_eq!(
            c("https://www.google.com/amp/s/a.example/news/story.amp"),
            "https://a.example/news/story"
        );
        assert_eq!(
            c("https://x.cdn.ampproject.org/c/a.example/s?id=2"),
            "https://a.example/s?id=2"
        );
        // Not a wrapper: kept as a URL of its own.
        assert_eq!(
            c("https://www.google.com/search?q=x"),
            "https://google.com/search?q=x"
        );
        assert_eq!(
            c("https://x.cdn.ampproject.org/c/"),
            "https://x.cdn.ampproject.org/c"
        );
    }

    fn article(id: &str, url: Option<&str>) -> Article {
        Article {
            id: id.into(),
            source: "s".into(),
            title: None,
            date: None,
            url: url.map(str::to_string),
            text: "t".into(),
            byline: None,
            lang: None,
        }
    }

    #[test]
    fn first_copy_wins_and_articles_without_urls_pass() {
        let mut seen = UrlSeen::new();
        assert!(seen.is_empty());
        assert!(seen.first_time(
            Path::new("a.html"),
            &article("a", Some("https://a.example/x"))
        ));
        assert!(seen.first_time(Path::new("b.txt"), &article("b", None)));
        assert!(seen.first_time(Path::new("b.txt"), &article("b2", None)));
        assert!(seen.first_time(Path::new("c.json"), &article("c", Some("not a url"))));
        assert!(seen.first_time(Path::new("c.json"), &article("c2", Some("not a url"))));
        let dup = article("d", Some("http://www.a.example/x/?utm_campaign=z#top"));
        let err = seen.check(Path::new("f.rss"), &dup).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.rss: article `d` has the same URL as `a` from a.html (https://a.example/x); skipped"
        );
        assert_eq!(err.path(), Path::new("f.rss"));
        assert_eq!(seen.len(), 1);
        let kept = seen.kept("https://a.example/x/").unwrap();
        assert_eq!(
            (kept.path.as_path(), kept.id.as_str()),
            (Path::new("a.html"), "a")
        );
        assert!(seen.first_time(
            Path::new("f.rss"),
            &article("e", Some("https://a.example/y"))
        ));
    }
}
