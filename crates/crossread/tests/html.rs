//! Web pages in: main text, metadata and dates, and bad input that must not panic.
//!
//! The pages in `tests/fixtures/html/` are hand-written (license-clean) and small; each date
//! page takes its date from one source, and `misleading.html` has only dates that are not the
//! publication date.

use std::io::Write;
use std::path::{Path, PathBuf};

use crossread::ingest::html::{article_from_html, DateSource, HtmlError, MAX_HTML_BYTES};
use crossread::ingest::{parse_bytes, read_paths, Error, Options};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn page(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture exists")
}

fn date_of(name: &str) -> (Option<String>, Option<DateSource>) {
    let (article, meta) = article_from_html(&page(name), None, "x").expect("an article");
    assert_eq!(article.date, meta.date);
    (meta.date, meta.date_source)
}

#[test]
fn date_from_meta_not_modified_time() {
    assert_eq!(
        date_of("date-meta.html"),
        (Some("2021-04-07".into()), Some(DateSource::Meta))
    );
}

#[test]
fn date_from_json_ld_article_not_website() {
    assert_eq!(
        date_of("date-jsonld.html"),
        (Some("2022-05-30".into()), Some(DateSource::JsonLd))
    );
}

#[test]
fn date_from_time_marked_published() {
    assert_eq!(
        date_of("date-time.html"),
        (Some("2019-03-01".into()), Some(DateSource::Time))
    );
}

#[test]
fn date_from_canonical_url_or_given_url() {
    assert_eq!(
        date_of("date-url.html"),
        (Some("2018-05-06".into()), Some(DateSource::Url))
    );
    // No canonical link: the URL the page was fetched from.
    let (_, meta) = article_from_html(
        &without_json_ld(page("date-jsonld.html")),
        Some("https://gazette.example/news/2016-02-03/flood"),
        "x",
    )
    .unwrap();
    assert_eq!(meta.date.as_deref(), Some("2016-02-03"));
    assert_eq!(meta.date_source, Some(DateSource::Url));
}

#[test]
fn date_from_text_skips_last_updated_and_script_expiry() {
    assert_eq!(
        date_of("date-text.html"),
        (Some("2017-08-12".into()), Some(DateSource::Text))
    );
}

#[test]
fn misleading_dates_give_no_date() {
    // Only a modification time, an expiry date (meta and cookie), a "last updated" stamp and
    // a copyright line: none is the publication date.
    assert_eq!(date_of("misleading.html"), (None, None));
}

#[test]
fn metadata_and_main_text() {
    let (a, meta) = article_from_html(&page("date-meta.html"), None, "flood").unwrap();
    assert_eq!(a.id, "flood");
    assert_eq!(a.source, "Riverside Gazette");
    assert_eq!(a.title.as_deref(), Some("Flood barrier opens"));
    assert_eq!(a.byline.as_deref(), Some("Alex Example"));
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://gazette.example/news/flood-barrier-opens")
    );
    assert_eq!(meta.encoding, "UTF-8");
    let lines: Vec<&str> = a.text.lines().collect();
    assert_eq!(lines.len(), 4, "{}", a.text);
    assert!(lines[0].starts_with("The river authority opened"));
    for junk in [
        "Home",
        "Sport",
        "All rights reserved",
        "By Alex",
        "Updated 9 April",
    ] {
        assert!(!a.text.contains(junk), "{junk:?} in {}", a.text);
    }
}

#[test]
fn outlet_falls_back_to_host_then_id() {
    let bytes = page("date-url.html");
    let (a, _) = article_from_html(&bytes, None, "x").unwrap();
    assert_eq!(a.source, "gazette.example");
    let no_canonical = String::from_utf8(bytes)
        .unwrap()
        .replace("rel=\"canonical\"", "rel=\"x\"");
    let (a, _) = article_from_html(no_canonical.as_bytes(), None, "my-id").unwrap();
    assert_eq!(a.source, "my-id");
}

#[test]
fn windows_1252_served_as_utf8() {
    let mut bytes = String::from_utf8(page("date-meta.html"))
        .unwrap()
        .into_bytes();
    // "café" and curly quotes in Windows-1252 in a page that declares UTF-8.
    let at = bytes.windows(9).position(|w| w == b"Residents").unwrap();
    let insert: &[u8] = b"At the caf\xe9 on the quay, \x93it is about time\x94, said one. ";
    bytes.splice(at..at, insert.iter().copied());
    let (a, meta) = article_from_html(&bytes, None, "x").unwrap();
    assert_eq!(meta.encoding, "windows-1252");
    assert!(
        a.text
            .contains("At the café on the quay, “it is about time”"),
        "{}",
        a.text
    );
    assert!(!a.text.contains('\u{fffd}'));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let body = String::from_utf8(page("date-meta.html")).unwrap();
    let deep = format!(
        "{}{}{}",
        "<div>".repeat(100_000),
        body,
        "</div>".repeat(100_000)
    );
    let (a, meta) = article_from_html(deep.as_bytes(), None, "x").unwrap();
    assert!(a.text.contains("The river authority opened"));
    assert!(meta.notes.iter().any(|n| n.contains("flattened")));
    // Unclosed inline elements, 100,000 deep.
    let deep = format!(
        "<html><body>{}<p>Text.</p></body></html>",
        "<b><i>".repeat(50_000)
    );
    let _ = article_from_html(deep.as_bytes(), None, "x");
}

#[test]
fn too_large_is_an_error_not_a_crash() {
    let big = vec![b' '; MAX_HTML_BYTES + 1];
    assert!(matches!(
        article_from_html(&big, None, "x"),
        Err(HtmlError::TooLarge { .. })
    ));
    // Through the file reader, a 200 MB page is refused from its size before reading.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.html");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let got = read_paths(&[path], &Options::default());
    assert!(got.articles.is_empty());
    assert!(
        matches!(got.errors.as_slice(), [Error::TooLarge { .. }]),
        "{:?}",
        got.errors
    );
}

#[test]
fn odd_pages_never_panic() {
    for bytes in [
        &b""[..],
        b"<",
        b"<html>",
        b"\xff\xfe\x00",
        b"<p>\xe9\xe9\xe9</p>",
        b"<script>",
        b"<!--",
        "<p>é</p><time datetime=\"2019-02-30\">x</time>".as_bytes(),
        b"<meta charset=\"x-unknown\"><p>text</p>",
        b"<script type=\"application/ld+json\">{\"datePublished\": [1, {\"a\": null}]</script>",
    ] {
        let _ = article_from_html(bytes, Some("not a url"), "x");
        let _ = article_from_html(bytes, None, "");
    }
}

/// The page without its (first) script block.
fn without_json_ld(page: Vec<u8>) -> Vec<u8> {
    let s = String::from_utf8(page).unwrap();
    let start = s.find("<script").unwrap();
    let end = s.find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &s[..start], &s[end..]).into_bytes()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzipped_pages_and_ids() {
    let gz = gzip(&page("date-meta.html"));
    let got = parse_bytes(Path::new("pages/abc.html.gz"), &gz, &Options::default());
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.articles.len(), 1);
    assert_eq!(got.articles[0].id, "abc");
    assert_eq!(got.articles[0].date.as_deref(), Some("2021-04-07"));
    let got = parse_bytes(
        Path::new("story.v2.htm"),
        &page("date-meta.html"),
        &Options::default(),
    );
    assert_eq!(got.articles[0].id, "story.v2");
}

#[test]
fn truncated_gzip_is_an_error_and_other_files_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let gz = gzip(&page("date-meta.html"));
    std::fs::write(dir.path().join("a-good.html.gz"), &gz).unwrap();
    std::fs::write(dir.path().join("b-cut.html.gz"), &gz[..gz.len() / 2]).unwrap();
    std::fs::write(dir.path().join("c-empty.html"), b"   ").unwrap();
    std::fs::write(
        dir.path().join("d-shell.html"),
        b"<html><body><div id=app></div></body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("e-good.htm"), page("date-text.html")).unwrap();
    let got = read_paths(&[dir.path().to_path_buf()], &Options::default());
    let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a-good", "e-good"]);
    let messages: Vec<String> = got.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].contains("b-cut.html.gz: cannot decompress"),
        "{messages:?}"
    );
    assert!(
        messages[1].ends_with("c-empty.html: is empty"),
        "{messages:?}"
    );
    assert!(
        messages[2].ends_with("d-shell.html: no article text found in the page"),
        "{messages:?}"
    );
}

/// A short page whose body only the `<article>` fallback finds: its paragraphs stay separate
/// lines instead of running together ("said.It is"), which glued words across sentences.
#[test]
fn article_fallback_keeps_paragraph_breaks() {
    let html = b"<html><head><title>Bridge reopens</title></head><body><article>\
        <h1>Bridge reopens</h1><p>The city reopened the old bridge on Tuesday after two years \
        of repairs, the mayor said.</p><p>It is a good day, Mayor Ann Lee told reporters.</p>\
        </article></body></html>";
    let (article, _) = article_from_html(html, None, "x").expect("an article");
    assert_eq!(
        article.text,
        "The city reopened the old bridge on Tuesday after two years of repairs, the mayor \
         said.\nIt is a good day, Mayor Ann Lee told reporters."
    );
}
