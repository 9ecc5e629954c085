//! Feeds in (RSS 2.0, RSS 1.0, Atom), bad feeds out with a clear error, and a page read once
//! when it comes both as a saved page and as a feed item.
//!
//! The feeds in `tests/fixtures/feeds/` are hand-written (license-clean) and small.
//! `truncated.rss` is the first 1,900 bytes of `rss2-content.rss`: it breaks off inside the
//! second item.

use std::io::Write;
use std::path::{Path, PathBuf};

use crossread::ingest::feed::{articles_from_feed, html_to_text, FeedError};
use crossread::ingest::{parse_bytes, read_paths, Error, Format, Ingested, Options};
use crossread::model::Article;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn html_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn read(paths: &[PathBuf]) -> Ingested {
    read_paths(paths, &Options::default())
}

fn messages(errors: &[Error]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn ids(articles: &[Article]) -> Vec<&str> {
    articles.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn rss2_content_encoded_cdata_html() {
    let path = fixture("rss2-content.rss");
    let got = read(std::slice::from_ref(&path));
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    assert!(got.warnings.is_empty(), "{:?}", messages(&got.warnings));
    assert_eq!(
        ids(&got.articles),
        [
            "https://www.gazette.example/?p=1041",
            "https://www.gazette.example/news/bus-routes/"
        ]
    );
    let a = &got.articles[0];
    // content:encoded wins over the short description; paragraphs are lines; the script is
    // gone; entities (&hellip; &nbsp; &ldquo;) are characters.
    assert_eq!(
        a.text,
        "The river authority opened the new flood barrier on the east bank on Wednesday, after \
         four years of work.\nThe barrier at dusk.\nEngineers said the gates would close \
         automatically when the river rose above 4.2\u{a0}metres.\n\u{201c}It is the end of \
         sandbags for this street,\u{201d} said one resident."
            .replace('\u{a0}', " ")
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Flood barrier opens on the east bank")
    );
    // 22:15 at -05:00 is the next day in UTC; the date is kept as the outlet wrote it.
    assert_eq!(a.date.as_deref(), Some("2021-04-07"));
    assert_eq!(a.byline.as_deref(), Some("Alex Example"));
    assert_eq!(a.source, "Riverside Gazette \u{2013} News");
    assert_eq!(a.lang.as_deref(), Some("en-gb"));
    assert_eq!(
        a.url.as_deref(),
        Some("http://www.gazette.example/news/flood-barrier-opens/?utm_source=rss&utm_medium=rss")
    );
    let b = &got.articles[1];
    // Escaped HTML in a description and in a title; the name from `email (Name)`.
    assert_eq!(
        b.text,
        "The council approved three new bus routes on Thursday.\nServices start in June."
    );
    assert_eq!(b.title.as_deref(), Some("Council approves new bus routes"));
    assert_eq!(b.byline.as_deref(), Some("Sam Writer"));
    assert_eq!(b.date.as_deref(), Some("2021-04-08"));
}

#[test]
fn atom_with_xhtml_content() {
    let got = read(&[fixture("atom-xhtml.atom")]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    assert_eq!(
        ids(&got.articles),
        [
            "tag:harbour-times.example,2024:ferry-returns",
            "tag:harbour-times.example,2024:port-fr"
        ]
    );
    let a = &got.articles[0];
    assert_eq!(
        a.text,
        "The island ferry returned to service on Thursday after a month of repairs.\n\
         Operators said the new engines cut the crossing to forty minutes."
    );
    assert_eq!(a.title.as_deref(), Some("Ferry returns to service"));
    // `published` (as written, -05:00) before `updated`.
    assert_eq!(a.date.as_deref(), Some("2024-05-02"));
    // The relative link resolved against xml:base; the `replies` link is not the article.
    assert_eq!(
        a.url.as_deref(),
        Some("https://harbour-times.example/2024/05/02/ferry-returns")
    );
    assert_eq!(a.byline.as_deref(), Some("Robin Quay, Lee Dock"));
    assert_eq!(a.source, "Harbour Times");
    assert_eq!(a.lang.as_deref(), Some("en-US"));
    let b = &got.articles[1];
    // Only `updated`, plain-text content with its own xml:lang.
    assert_eq!(b.date.as_deref(), Some("2024-05-03"));
    assert_eq!(b.text, "Le port a rouvert vendredi matin.");
    assert_eq!(b.lang.as_deref(), Some("fr"));
}

#[test]
fn rss1_rdf() {
    let got = read(&[fixture("rss1.rdf")]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    // No guid in RSS 1.0: the id comes from the link.
    assert_eq!(
        ids(&got.articles),
        [
            "valley-wire.example/stories/1",
            "valley-wire.example/stories/2"
        ]
    );
    let a = &got.articles[0];
    assert_eq!(a.text, "The old mill reopened as a museum on Saturday.");
    assert_eq!(a.date.as_deref(), Some("2023-09-16"));
    assert_eq!(a.byline.as_deref(), Some("Kim Miller"));
    assert_eq!(a.source, "Valley Wire");
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert_eq!(got.articles[1].date.as_deref(), Some("2023-09-17"));
}

#[test]
fn not_xml_is_a_clear_error() {
    let got = read(&[fixture("not-xml.rss")]);
    assert!(got.articles.is_empty());
    let msgs = messages(&got.errors);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].ends_with(
            "not-xml.rss: not an RSS or Atom feed: not XML (it starts with `This is not a feed \
             at all, just words so`)"
        ),
        "{}",
        msgs[0]
    );
    assert!(matches!(
        &got.errors[0],
        Error::Feed {
            error: FeedError::NotXml { .. },
            ..
        }
    ));
}

#[test]
fn a_web_page_is_not_a_feed() {
    // Named `.rss`, a web page is an error naming its root element.
    let page = std::fs::read(fixture("page.xml")).unwrap();
    let got = parse_bytes(Path::new("news.rss"), &page, &Options::default());
    assert_eq!(
        messages(&got.errors),
        ["news.rss: not an RSS or Atom feed: the root element is <html>"]
    );
    // Named `.xml`, it is sniffed as what it is: a web page.
    let got = read(&[fixture("page.xml")]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    assert_eq!(got.articles.len(), 1);
    assert_eq!(
        got.articles[0].text,
        "This web page was saved with an .xml name."
    );
    // Other XML named `.xml` is not read as prose: the feed reader names the problem.
    let got = parse_bytes(
        Path::new("sitemap.xml"),
        b"<?xml version=\"1.0\"?><urlset><url><loc>https://a.example/</loc></url></urlset>",
        &Options::default(),
    );
    assert_eq!(
        messages(&got.errors),
        ["sitemap.xml: not an RSS or Atom feed: the root element is <urlset>"]
    );
}

#[test]
fn truncated_feed_keeps_the_complete_items() {
    let got = read(&[fixture("truncated.rss")]);
    assert_eq!(ids(&got.articles), ["https://www.gazette.example/?p=1041"]);
    assert!(got.articles[0].text.ends_with("said one resident."));
    let msgs = messages(&got.errors);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].contains("truncated.rss: malformed feed: "),
        "{}",
        msgs[0]
    );
    assert!(
        msgs[0].ends_with("; kept 1 complete item before it"),
        "{}",
        msgs[0]
    );

    // Broken inside the first item: nothing to keep, still one clear error, no panic.
    let whole = std::fs::read(fixture("rss2-content.rss")).unwrap();
    for cut in [40, 300, 700, 1200] {
        let got = parse_bytes(Path::new("cut.rss"), &whole[..cut], &Options::default());
        assert!(got.articles.is_empty(), "cut at {cut}");
        assert_eq!(
            got.errors.len(),
            1,
            "cut at {cut}: {:?}",
            messages(&got.errors)
        );
        assert!(
            got.errors[0]
                .to_string()
                .starts_with("cut.rss: malformed feed: "),
            "cut at {cut}: {}",
            got.errors[0]
        );
    }
    // Every cut of every fixture: an error or articles, never a panic.
    for name in [
        "rss2-content.rss",
        "atom-xhtml.atom",
        "rss1.rdf",
        "sparse.xml",
    ] {
        let whole = std::fs::read(fixture(name)).unwrap();
        for cut in (0..whole.len()).step_by(7) {
            let got = parse_bytes(Path::new(name), &whole[..cut], &Options::default());
            assert!(
                !got.errors.is_empty() || !got.articles.is_empty() || cut == 0,
                "{name} cut at {cut}"
            );
        }
    }
}

#[test]
fn empty_channel_has_no_articles() {
    let got = read(&[fixture("empty-channel.rss")]);
    assert!(got.articles.is_empty());
    let msgs = messages(&got.errors);
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].ends_with("empty-channel.rss: no articles found"),
        "{}",
        msgs[0]
    );
}

#[test]
fn items_without_links_dates_or_text_and_a_relative_link() {
    let got = read(&[fixture("sparse.xml")]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    // No guid and no link: `<stem>-<n>`, n counting every item of the file.
    assert_eq!(
        ids(&got.articles),
        [
            "sparse-1",
            "notices.example/board/library-hours",
            "sparse-4"
        ]
    );
    let a = &got.articles[0];
    assert_eq!((a.date.as_deref(), a.url.as_deref()), (None, None));
    // No outlet name in an item: the feed's title.
    assert_eq!(a.source, "Notice Board");
    // A relative link resolved against the channel's link.
    assert_eq!(
        got.articles[1].url.as_deref(),
        Some("https://notices.example/board/library-hours")
    );
    // An item whose description is only an image has no text: a warning, not an error.
    let warnings = messages(&got.warnings);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .ends_with("sparse.xml: article `notices.example/board/photo` has no text; skipped"),
        "{}",
        warnings[0]
    );
}

#[test]
fn feed_detection_by_name_and_by_contents() {
    let f = |n: &str| Format::from_name(Path::new(n));
    assert_eq!(f("news.rss"), Some(Format::Feed));
    assert_eq!(f("news.ATOM"), Some(Format::Feed));
    assert_eq!(f("news.rss.gz"), Some(Format::Feed));
    assert_eq!(f("news.xml"), None);
    let rss = std::fs::read(fixture("rss2-content.rss")).unwrap();
    assert_eq!(Format::sniff(&rss), Some(Format::Feed));
    let atom = std::fs::read(fixture("atom-xhtml.atom")).unwrap();
    assert_eq!(Format::sniff(&atom), Some(Format::Feed));
    let rdf = std::fs::read(fixture("rss1.rdf")).unwrap();
    assert_eq!(Format::sniff(&rdf), Some(Format::Feed));
    assert_eq!(Format::sniff(b"<feedback>no</feedback>"), None);
    assert_eq!(
        Format::sniff(b"<?xml version=\"1.0\"?>\n<!-- x -->\n<!DOCTYPE html>\n<html>"),
        Some(Format::Html)
    );

    // In a directory, `.xml` and unknown names are read when they are feeds, skipped when not.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.xml"), &rss).unwrap();
    std::fs::write(dir.path().join("b"), &atom).unwrap();
    std::fs::write(dir.path().join("c.xml"), b"<urlset></urlset>").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&rdf).unwrap();
    std::fs::write(dir.path().join("d.rdf.gz"), gz.finish().unwrap()).unwrap();
    let got = read(&[dir.path().to_path_buf()]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    assert_eq!(got.articles.len(), 6);
    assert_eq!(got.articles[5].id, "valley-wire.example/stories/2");
}

#[test]
fn ids_are_unique_within_a_file() {
    let feed = br#"<rss version="2.0"><channel><title>T</title>
        <item><guid>7</guid><description>One.</description></item>
        <item><guid>7</guid><description>Two.</description></item>
        <item><link>https://a.example/x</link><description>Three.</description></item>
        <item><link>https://a.example/x?utm_source=y</link><description>Four.</description></item>
        </channel></rss>"#;
    let got = articles_from_feed(feed, "t");
    assert!(got.error.is_none());
    assert_eq!(
        ids(&got.articles),
        ["7", "7-2", "a.example/x", "a.example/x-2"]
    );
    // Through the driver the fourth item is the same page as the third: read once.
    let got = parse_bytes(Path::new("t.rss"), feed, &Options::default());
    assert_eq!(ids(&got.articles), ["7", "7-2", "a.example/x"]);
    assert_eq!(
        messages(&got.warnings),
        [
            "t.rss: article `a.example/x-2` has the same URL as `a.example/x` from t.rss \
          (https://a.example/x); skipped"
        ]
    );
}

/// An aggregator (Google News and the like) names each item's publisher in `<source>`: that
/// is the outlet the brief must cite, not the aggregator's own title.
#[test]
fn an_aggregator_feed_credits_each_item_to_its_own_outlet() {
    let rss = br#"<rss version="2.0"><channel><title>Top stories - News Aggregator</title>
        <item><title>Dam opens</title><link>https://agg.example/1</link>
          <description>The dam opened on Monday.</description>
          <source url="https://www.courier.example">The Daily Courier &amp; Post</source></item>
        <item><title>Dam shut</title><link>https://agg.example/2</link>
          <description>The dam shut on Tuesday.</description>
          <source url="https://www.tribune.example/rss"/></item>
        <item><title>Dam again</title><link>https://agg.example/3</link>
          <description>The dam opened again.</description></item>
        </channel></rss>"#;
    let got = articles_from_feed(rss, "agg");
    assert!(got.error.is_none(), "{:?}", got.error);
    let sources: Vec<&str> = got.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "The Daily Courier & Post",
            "tribune.example",
            "Top stories - News Aggregator"
        ]
    );

    let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title>
        <entry><id>urn:1</id><title>Copied</title><summary>Copied text.</summary>
          <source><id>urn:origin</id><title type="html">Origin &lt;b&gt;Blog&lt;/b&gt;</title>
            <link href="https://origin.example/"/></source></entry>
        <entry><id>urn:2</id><title>Own</title><summary>Own text.</summary></entry>
        </feed>"#;
    let got = articles_from_feed(atom, "planet");
    assert!(got.error.is_none(), "{:?}", got.error);
    let sources: Vec<&str> = got.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["Origin Blog", "Planet"]);
}

#[test]
fn odd_feeds_never_panic() {
    let cases: Vec<Vec<u8>> = vec![
        b"<rss version=\"2.0\"></rss>".to_vec(),
        b"<rss version=\"9.9\"><channel><item><description>x</description></item></channel></rss>"
            .to_vec(),
        b"<rss><channel><item><description>x</description></item></channel></rss>".to_vec(),
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"weird/type\">x</content></entry></feed>"
            .to_vec(),
        b"<feed><entry><title>t</title></entry></feed>".to_vec(),
        b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><item><description>caf\xe9 \x93quoted\x94</description></item></channel></rss>".to_vec(),
        b"<rss version=\"2.0\"><channel><item><description>bad \xff\xfe utf-8</description></item></channel></rss>".to_vec(),
        b"<rss version=\"2.0\"><channel><item><description>&bogus; &#0; &#xD800;</description></item></channel></rss>".to_vec(),
        format!(
            "<rss version=\"2.0\"><channel><item><description><![CDATA[{}deep{}]]></description></item></channel></rss>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )
        .into_bytes(),
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"xhtml\">{}deep{}</content></entry></feed>",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        )
        .into_bytes(),
        b"\xef\xbb\xbf<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>BOM</title><description>ok</description></item></channel></rss>".to_vec(),
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let got = parse_bytes(Path::new("odd.rss"), bytes, &Options::default());
        assert!(
            !got.errors.is_empty() || !got.articles.is_empty(),
            "case {i}: neither an article nor an error"
        );
        for e in &got.errors {
            assert!(e.to_string().starts_with("odd.rss: "), "case {i}: {e}");
        }
    }
    let text = |i: usize| {
        let got = parse_bytes(Path::new("odd.rss"), &cases[i], &Options::default());
        assert!(
            got.errors.is_empty(),
            "case {i}: {:?}",
            messages(&got.errors)
        );
        got.articles[0].text.clone()
    };
    // RSS with an unknown version, or none, is read as RSS 2.0.
    assert_eq!(text(1), "x");
    assert_eq!(text(2), "x");
    // The declared encoding is honoured; stray bytes in a UTF-8 feed do not lose the file.
    assert_eq!(text(5), "café \u{201c}quoted\u{201d}");
    assert!(text(6).starts_with("bad "), "{}", text(6));
    assert_eq!(text(8), "deep");
    assert_eq!(text(10), "ok");
    // A character reference XML forbids (`&#0;`) breaks the XML: one clear error.
    let got = parse_bytes(Path::new("odd.rss"), &cases[7], &Options::default());
    assert_eq!(
        messages(&got.errors),
        [
            "odd.rss: malformed feed: invalid character reference: 0x0 character is not permitted \
          in XML; kept no complete item before it"
        ]
    );
}

#[test]
fn html_fragments_as_text() {
    assert_eq!(
        html_to_text("<div><p>One <a href=\"/x\">link</a>.</p>\n<p>Two</p></div>"),
        "One link.\nTwo"
    );
}

#[test]
fn the_same_page_as_html_and_as_a_feed_item_is_read_once() {
    // date-meta.html's canonical URL is https://gazette.example/news/flood-barrier-opens; the
    // feed's first item links to http://www.gazette.example/news/flood-barrier-opens/?utm_...
    let page = html_fixture("date-meta.html");
    let feed = fixture("rss2-content.rss");
    let got = read(&[page.clone(), feed.clone()]);
    assert!(got.errors.is_empty(), "{:?}", messages(&got.errors));
    assert_eq!(
        ids(&got.articles),
        ["date-meta", "https://www.gazette.example/news/bus-routes/"]
    );
    assert_eq!(
        messages(&got.warnings),
        [format!(
            "{}: article `https://www.gazette.example/?p=1041` has the same URL as `date-meta` \
             from {} (https://gazette.example/news/flood-barrier-opens); skipped",
            feed.display(),
            page.display()
        )]
    );
    // The first one read wins: the other order keeps the feed item.
    let got = read(&[feed.clone(), page.clone()]);
    assert_eq!(
        ids(&got.articles),
        [
            "https://www.gazette.example/?p=1041",
            "https://www.gazette.example/news/bus-routes/"
        ]
    );
    assert_eq!(got.warnings.len(), 1);
    assert!(got.warnings[0]
        .to_string()
        .contains("has the same URL as `https://www.gazette.example/?p=1041`"));

    // In a directory read in parallel, the walk order decides, whatever the thread count.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&page, dir.path().join("b-page.html")).unwrap();
    std::fs::copy(&feed, dir.path().join("a-feed.rss")).unwrap();
    for threads in [1, 2, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let got = pool.install(|| read(&[dir.path().to_path_buf()]));
        assert_eq!(
            ids(&got.articles),
            [
                "https://www.gazette.example/?p=1041",
                "https://www.gazette.example/news/bus-routes/"
            ],
            "{threads} threads"
        );
        assert_eq!(got.warnings.len(), 1);
        let w = got.warnings[0].to_string();
        assert!(w.contains("b-page.html: article `b-page`"), "{w}");
    }
}

#[test]
fn duplicate_urls_in_json_lines_are_read_once() {
    let input =
        br#"{"id":"a","text":"First copy.","url":"https://www.example.com/story?utm_source=x"}
{"id":"b","text":"Second copy.","url":"http://example.com/story/#top"}
{"id":"c","text":"Other story.","url":"https://example.com/other"}
{"id":"d","text":"No URL."}
"#;
    let got = parse_bytes(Path::new("x.jsonl"), input, &Options::default());
    assert_eq!(ids(&got.articles), ["a", "c", "d"]);
    assert_eq!(
        messages(&got.warnings),
        ["x.jsonl: article `b` has the same URL as `a` from x.jsonl (https://example.com/story); skipped"]
    );
}
