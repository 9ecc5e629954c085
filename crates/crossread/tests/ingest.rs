//! `crossread::ingest` on real files: every format, every bad input the issue lists, the seed
//! articles, the shared data set, and a property test that no input makes it panic.
//!
//! Inputs are small hand-written samples created in a temp dir; the licensed data in
//! `../shared/data` is only read in place, never copied.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crossread::ingest::{parse_bytes, read_paths, Error, Ingested, Options};
use proptest::prelude::*;
use tempfile::TempDir;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sessions");
const DEV92: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/multinews_dev92.jsonl"
);

/// A temp dir to write files into.
struct Dir(TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().expect("temp dir"))
    }
    fn path(&self) -> PathBuf {
        self.0.path().to_path_buf()
    }
    /// Write `rel` (creating parent dirs) and return its path.
    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.path().join(rel);
        fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        fs::write(&path, contents).expect("write");
        path
    }
}

fn read(paths: &[PathBuf]) -> Ingested {
    read_paths(paths, &Options::default())
}

/// Error messages with the temp dir prefix removed, so they read like `x.txt: is empty`.
fn messages(errors: &[Error], dir: &Dir) -> Vec<String> {
    let prefix = format!("{}/", dir.path().display());
    errors
        .iter()
        .map(|e| e.to_string().replace(&prefix, ""))
        .collect()
}

fn ids(got: &Ingested) -> Vec<&str> {
    got.all_articles().map(|a| a.id.as_str()).collect()
}

// ----- formats -------------------------------------------------------------------------------

#[test]
fn text_and_markdown_files() {
    let dir = Dir::new();
    let txt = dir.write("story.txt", "Senate passes bill\r\n\r\nThe Senate passed the bill on Tuesday.\r\nIt now goes to the House.\r\n");
    let md = dir.write("notes.md", "# Markdown title.\n\nBody *text*.\n");
    let got = read(&[txt, md]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let a = &got.articles;
    assert_eq!(a.len(), 2);
    assert_eq!((a[0].id.as_str(), a[0].source.as_str()), ("story", "story"));
    assert_eq!(a[0].title.as_deref(), Some("Senate passes bill"));
    assert_eq!(
        a[0].text,
        "The Senate passed the bill on Tuesday.\nIt now goes to the House."
    );
    assert_eq!(a[1].title.as_deref(), Some("Markdown title."));
    assert_eq!(a[1].text, "Body *text*.");
}

#[test]
fn seed_headlines() {
    let dir = Path::new(SEEDS);
    assert!(dir.is_dir(), "seed articles missing at {}", dir.display());
    let got = read(&[dir.to_path_buf()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(ids(&got), ["000_e23ae44cfa9b68ee", "003_06423a56b0682a78"]);
    let (first, second) = (&got.articles[0], &got.articles[1]);
    assert_eq!(first.title.as_deref(), Some("Jeff Sessions"));
    assert!(
        first
            .text
            .starts_with("U.S. Attorney General Jeff Sessions arrives"),
        "{}",
        &first.text[..80]
    );
    assert_eq!(first.source, "000_e23ae44cfa9b68ee");
    assert_eq!(
        second.title, None,
        "a long first sentence is not a headline"
    );
    assert!(second
        .text
        .starts_with("The news conference began shortly after 4 p.m. EST"));
}

#[test]
fn json_article_file() {
    let dir = Dir::new();
    let p = dir.write(
        "one.json",
        r#"{"text": "Body.", "title": "T", "url": "https://www.bbc.co.uk/news/1", "date": "Thu, 02 Mar 2017 18:00:00 +0000"}"#,
    );
    let got = read(&[p]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let a = &got.articles[0];
    assert_eq!(a.id, "one");
    assert_eq!(a.source, "bbc.co.uk");
    assert_eq!(a.date.as_deref(), Some("2017-03-02"));
    assert_eq!(a.url.as_deref(), Some("https://www.bbc.co.uk/news/1"));
}

#[test]
fn jsonl_articles_and_clusters() {
    let dir = Dir::new();
    let articles = dir.write(
        "feed.jsonl",
        concat!(
            r#"{"id":"a1","text":"First.","source":"Reuters","date":"2 March 2017"}"#,
            "\n",
            r#"{"id":"a2","text":"Second.","url":"http://apnews.com/x"}"#,
            "\n",
            r#"{"id":"a3","text":"Third."}"#,
            "\n"
        ),
    );
    let clusters = dir.write(
        "sets.jsonl",
        concat!(
            r#"{"id":"c1","documents":[{"id":"d0","text":"Para one.\nPara two."},{"id":"d1","text":"Other."}],"references":["Ref."]}"#,
            "\n"
        ),
    );
    let got = read(&[articles, clusters]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let sources: Vec<_> = got.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["Reuters", "apnews.com", "feed"]);
    assert_eq!(got.articles[0].date.as_deref(), Some("2017-03-02"));
    let c = &got.clusters[0];
    assert_eq!(c.id, "c1");
    assert_eq!(c.references, ["Ref."]);
    assert_eq!(c.articles[0].text, "Para one.\nPara two.");
    assert_eq!(c.articles[1].source, "d1");
    assert_eq!(ids(&got), ["a1", "a2", "a3", "d0", "d1"]);
}

#[test]
fn multinews_raw_files() {
    let dir = Dir::new();
    let p = dir.write(
        "test.src.cleaned",
        "Doc one. NEWLINE_CHAR NEWLINE_CHAR Its second paragraph. ||||| Doc two. \nNext cluster.|||||\n",
    );
    let got = read(&[p]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.clusters.len(), 2);
    assert_eq!(ids(&got), ["test-1-0", "test-1-1", "test-2-0"]);
    assert_eq!(
        got.clusters[0].articles[0].text,
        "Doc one.\nIts second paragraph."
    );
    // Detected from the contents too, when the name says nothing.
    let p = dir.write("mn_sample", "A. NEWLINE_CHAR B. ||||| C.\n");
    assert_eq!(ids(&read(&[p])), ["mn_sample-1-0", "mn_sample-1-1"]);
}

const DUC_FILE: &str = "<DOC>
<DOCNO> APW19981016.0240 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 10/16/1998 12:34:00 </DATE_TIME>
<BODY>
<HEADLINE> Storm hits &quot;coast&quot; </HEADLINE>
<TEXT>
<P>
   The storm reached the coast on Friday,
forcing thousands to leave.
</P>
<P>
   Officials said &amp; repeated it.
</P>
</TEXT>
</BODY>
</DOC>
<DOC>
<DOCNO> NYT19981017.0001 </DOCNO>
<TEXT>
   Second story first paragraph
wrapped here.
   Second paragraph.
</TEXT>
</DOC>
";

#[test]
fn duc_sgml_without_extension_in_a_directory() {
    let dir = Dir::new();
    dir.write("d30001t/APW19981016.0240", DUC_FILE);
    dir.write(
        "d30001t/README",
        "Not an article, not sniffed: skipped inside a directory.\n",
    );
    let got = read(&[dir.path()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let a = &got.articles;
    assert_eq!(ids(&got), ["APW19981016.0240", "NYT19981017.0001"]);
    assert_eq!(a[0].source, "Associated Press");
    assert_eq!(a[0].title.as_deref(), Some("Storm hits \"coast\""));
    assert_eq!(a[0].date.as_deref(), Some("1998-10-16"));
    assert_eq!(a[0].text, "The storm reached the coast on Friday, forcing thousands to leave.\nOfficials said & repeated it.");
    assert_eq!(a[1].source, "New York Times");
    assert_eq!(a[1].date.as_deref(), Some("1998-10-17"));
    assert_eq!(
        a[1].text,
        "Second story first paragraph wrapped here.\nSecond paragraph."
    );
}

#[test]
fn aquaint2_xml() {
    let dir = Dir::new();
    let p = dir.write(
        "afp.xml",
        "<DOCSTREAM>\n<DOC id=\"AFP_ENG_20050304.0001\" type=\"story\">\n<HEADLINE>\nTalks resume\n</HEADLINE>\n\
         <DATELINE>PARIS, March 4</DATELINE>\n<TEXT>\n<P>\nTalks resumed\non Friday.\n</P>\n</TEXT>\n</DOC>\n</DOCSTREAM>\n",
    );
    let got = read(&[p]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let a = &got.articles[0];
    assert_eq!(a.id, "AFP_ENG_20050304.0001");
    assert_eq!(a.source, "Agence France-Presse");
    assert_eq!(a.date.as_deref(), Some("2005-03-04"));
    assert_eq!(a.text, "Talks resumed on Friday.");
}

#[test]
fn shared_dev_data_reads_whole() {
    let path = Path::new(DEV92);
    assert!(
        path.is_file(),
        "shared data set missing at {}: it is needed by this test",
        path.display()
    );
    let got = read(&[path.to_path_buf()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.clusters.len(), 92);
    assert!(got.articles.is_empty());
    for c in &got.clusters {
        assert!(!c.articles.is_empty(), "{}", c.id);
        assert!(!c.references.is_empty(), "{}", c.id);
        for a in &c.articles {
            assert_eq!(
                a.source, a.id,
                "no source or url: the document id is the outlet"
            );
            assert_eq!(a.text.trim(), a.text);
        }
    }
}

// ----- directories -----------------------------------------------------------------------------

#[test]
fn directory_walk_is_recursive_sorted_and_skips_hidden_and_unknown() {
    let dir = Dir::new();
    dir.write("b.txt", "Bravo text.");
    dir.write("a/z.txt", "Zulu text.");
    dir.write("a/c.md", "Charlie text.");
    dir.write(".hidden.txt", "Hidden text.");
    dir.write(".git/x.txt", "Hidden dir text.");
    dir.write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    dir.write("notes.docx", "plain words in an unknown extension");
    let got = read(&[dir.path()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(ids(&got), ["c", "z", "b"]);
    // Same answer every time.
    assert_eq!(ids(&read(&[dir.path()])), ["c", "z", "b"]);
}

#[test]
fn explicit_file_with_unknown_extension_is_read_as_text() {
    let dir = Dir::new();
    let p = dir.write("notes.docx", "Plain words in an unknown extension.");
    let got = read(&[p]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(ids(&got), ["notes"]);
}

#[test]
fn bad_file_in_a_directory_is_reported_and_the_others_used() {
    let dir = Dir::new();
    dir.write("good1.txt", "First good article.");
    dir.write("bad.txt", b"abc\0\x01\x02");
    dir.write("empty.txt", "");
    dir.write(
        "good2.jsonl",
        "{\"text\":\"Second good.\"}\n{oops\n{\"text\":\"Third good.\"}\n",
    );
    let got = read(&[dir.path()]);
    assert_eq!(got.article_count(), 3);
    assert_eq!(
        messages(&got.errors, &dir),
        [
            "bad.txt: is a binary file (NUL byte at byte offset 3)",
            "empty.txt: is empty",
            "good2.jsonl:2: malformed JSON: key must be a string at column 2",
        ]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    let dir = Dir::new();
    dir.write("a/x.txt", "Some text.");
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/loop")).expect("symlink");
    let got = read(&[dir.path()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(ids(&got), ["x"]);
}

// ----- bad input (issue 2, "must reach") -------------------------------------------------------

#[test]
fn empty_file() {
    let dir = Dir::new();
    let got = read(&[dir.write("x.txt", ""), dir.write("y.jsonl", "\n  \n")]);
    assert_eq!(
        messages(&got.errors, &dir),
        ["x.txt: is empty", "y.jsonl: is empty"]
    );
}

#[test]
fn binary_file() {
    let dir = Dir::new();
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend([0u8, 159, 146, 150]);
    let got = read(&[dir.write("paper.txt", &bytes), dir.write("blob", &bytes)]);
    assert_eq!(
        messages(&got.errors, &dir),
        [
            "paper.txt: is a binary file (NUL byte at byte offset 9)",
            "blob: is a binary file (NUL byte at byte offset 9)",
        ]
    );
}

#[test]
fn invalid_utf8() {
    let dir = Dir::new();
    let got = read(&[dir.write("latin1.txt", b"Caf\xe9 society\nline two\n")]);
    assert_eq!(
        messages(&got.errors, &dir),
        ["latin1.txt:1: invalid UTF-8 at byte offset 3"]
    );
    assert!(got.is_empty());
}

#[test]
fn hundred_mb_text_file_is_refused_without_reading_it() {
    let dir = Dir::new();
    let path = dir.path().join("huge.txt");
    File::create(&path)
        .and_then(|f| f.set_len(100 << 20))
        .expect("sparse file");
    dir.write("small.txt", "A small article.");
    let got = read(&[path.clone(), dir.path()]);
    assert_eq!(
        messages(&got.errors, &dir),
        [
            "huge.txt: file is too large: 100.0 MiB (104857600 bytes), over the 32.0 MiB limit for one-article files",
            "huge.txt: file is too large: 100.0 MiB (104857600 bytes), over the 32.0 MiB limit for one-article files",
        ]
    );
    assert_eq!(
        ids(&got),
        ["small"],
        "the directory's other file is still used"
    );
}

#[test]
fn large_streamed_files_are_not_limited_by_file_size() {
    let dir = Dir::new();
    let line = format!("{{\"text\":\"{}\"}}\n", "word ".repeat(50));
    let p = dir.write("many.jsonl", line.repeat(100));
    let opts = Options {
        max_file_bytes: 1000,
        max_record_bytes: 1000,
    };
    let got = read_paths(&[p], &opts);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.articles.len(), 100);
    let opts = Options {
        max_file_bytes: 1000,
        max_record_bytes: 100,
    };
    let p = dir.write(
        "one.jsonl",
        format!("{{\"text\":\"a\"}}\n{line}{{\"text\":\"b\"}}\n"),
    );
    let got = read_paths(&[p], &opts);
    assert_eq!(
        messages(&got.errors, &dir),
        ["one.jsonl:2: record is too large: 261 B (261 bytes), over the 100 B limit per record"]
    );
    assert_eq!(got.articles.len(), 2);
}

#[test]
fn malformed_json_on_line_n_keeps_every_good_line() {
    let dir = Dir::new();
    let mut lines: Vec<String> = (1..=20)
        .map(|i| format!("{{\"id\":\"a{i}\",\"text\":\"Article {i}.\"}}"))
        .collect();
    lines[16] = r#"{"id":"a17","text":"Article 17." "date":"2017-03-02"}"#.to_string();
    let got = read(&[dir.write("x.jsonl", lines.join("\n"))]);
    assert_eq!(
        messages(&got.errors, &dir),
        ["x.jsonl:17: malformed JSON: expected `,` or `}` at column 34"]
    );
    assert_eq!(got.articles.len(), 19);
    assert!(!ids(&got).contains(&"a17"));
    assert_eq!(ids(&got).last(), Some(&"a20"));
}

#[test]
fn malformed_json_file() {
    let dir = Dir::new();
    let got = read(&[dir.write("a.json", "{\n  \"text\": \"x\",\n}\n")]);
    assert_eq!(
        messages(&got.errors, &dir),
        ["a.json:3: malformed JSON: trailing comma at column 1"]
    );
}

#[test]
fn directory_with_no_articles() {
    let dir = Dir::new();
    dir.write("sub/README", "no articles here");
    dir.write("sub/.hidden.txt", "hidden");
    let sub = dir.path().join("sub");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let got = read(&[sub, empty]);
    assert_eq!(
        messages(&got.errors, &dir),
        ["sub: no articles found", "empty: no articles found"]
    );
}

#[test]
fn nonexistent_and_unreadable_paths() {
    let dir = Dir::new();
    let file = dir.write("f.txt", "Text.");
    let got = read(&[dir.path().join("missing.txt"), file.join("child.txt")]);
    let msgs = messages(&got.errors, &dir);
    assert_eq!(msgs.len(), 2);
    assert!(
        msgs[0].starts_with("missing.txt: cannot read: "),
        "{}",
        msgs[0]
    );
    assert!(
        msgs[1].starts_with("f.txt/child.txt: cannot read: "),
        "{}",
        msgs[1]
    );
    assert!(msgs.iter().all(|m| !m.contains('\n')));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.write("locked.txt", "Secret.");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        // Root reads anything; the check only means something for other users.
        if File::open(&locked).is_err() {
            let got = read(&[locked]);
            let msgs = messages(&got.errors, &dir);
            assert!(msgs[0].starts_with("locked.txt: cannot read: "), "{msgs:?}");
        }
    }
}

#[test]
fn empty_articles_are_warnings_not_errors() {
    let dir = Dir::new();
    let p = dir.write(
        "w.jsonl",
        "{\"id\":\"e\",\"text\":\"   \"}\n{\"id\":\"f\",\"text\":\"Fine.\"}\n",
    );
    let got = read(&[p]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(
        messages(&got.warnings, &dir),
        ["w.jsonl:1: article `e` has no text; skipped"]
    );
    assert_eq!(ids(&got), ["f"]);
}

// ----- never panic -----------------------------------------------------------------------------

const NAMES: &[&str] = &[
    "a.txt",
    "a.md",
    "a.json",
    "a.jsonl",
    "train.src",
    "d.sgml",
    "noext",
    "x.docx",
];

/// Fragments of every format, so random inputs reach past the first check.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<DOC>".to_string()),
        Just("</DOC>".to_string()),
        Just("<DOC id=\"X_1\">".to_string()),
        Just("<DOCNO>APW19981016.1</DOCNO>".to_string()),
        Just("<TEXT>".to_string()),
        Just("</TEXT>".to_string()),
        Just("<P>".to_string()),
        Just("<HEADLINE>".to_string()),
        Just("&amp;&MD;&#x1F600;&".to_string()),
        Just("|||||".to_string()),
        Just("NEWLINE_CHAR".to_string()),
        Just("{\"id\":\"a\",\"text\":\"b\",\"documents\":[".to_string()),
        Just("{\"text\":".to_string()),
        Just("}".to_string()),
        Just("]".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("March 2, 2017".to_string()),
        "[ -~é“”]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_bytes_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600), name in 0..NAMES.len()) {
        let got = parse_bytes(Path::new(NAMES[name]), &bytes, &Options::default());
        check(&got);
    }

    #[test]
    fn parse_bytes_never_panics_on_format_fragments(parts in proptest::collection::vec(fragment(), 0..40), name in 0..NAMES.len(), limit in 1usize..200) {
        let input = parts.concat();
        let opts = Options { max_file_bytes: limit as u64 * 4, max_record_bytes: limit };
        check(&parse_bytes(Path::new(NAMES[name]), input.as_bytes(), &opts));
        check(&parse_bytes(Path::new(NAMES[name]), input.as_bytes(), &Options::default()));
    }
}

/// What every successful parse promises, and that every error is one line.
fn check(got: &Ingested) {
    for a in got.all_articles() {
        assert!(!a.text.is_empty());
        assert_eq!(a.text.trim(), a.text);
        assert!(!a.source.is_empty());
    }
    for e in got.errors.iter().chain(&got.warnings) {
        assert!(!e.to_string().contains('\n'), "{e}");
    }
    assert!(
        got.article_count() > 0 || !got.errors.is_empty(),
        "nothing read and no error"
    );
}

/// Peak resident memory of this process, in bytes (Linux only).
#[cfg(target_os = "linux")]
fn peak_rss() -> u64 {
    let status = fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM");
    kb * 1024
}

/// Slow (writes 400 MB): run with `cargo test -p crossread --test ingest -- --ignored`.
#[cfg(target_os = "linux")]
#[test]
#[ignore]
fn huge_records_stream_in_bounded_memory() {
    use std::io::Write;
    let dir = Dir::new();
    let chunk = "word ".repeat(1 << 16).into_bytes();
    let write_big = |name: &str, head: &str, tail: &str| {
        let path = dir.path().join(name);
        let mut f = std::io::BufWriter::new(File::create(&path).expect("create"));
        f.write_all(head.as_bytes()).expect("write");
        for _ in 0..(200 << 20) / chunk.len() {
            f.write_all(&chunk).expect("write");
        }
        f.write_all(tail.as_bytes()).expect("write");
        f.flush().expect("flush");
        path
    };
    let jsonl = write_big(
        "one-line.jsonl",
        "{\"text\":\"",
        "\"}\n{\"text\":\"after\"}\n",
    );
    let sgml = write_big(
        "one-doc.sgml",
        "<DOC><DOCNO>A</DOCNO><TEXT>\n",
        "\n</TEXT></DOC>\n<DOC><DOCNO>B</DOCNO><TEXT>after</TEXT></DOC>\n",
    );
    let opts = Options {
        max_file_bytes: 1 << 20,
        max_record_bytes: 1 << 20,
    };
    let before = peak_rss();
    let got = read_paths(&[jsonl, sgml], &opts);
    let grown = peak_rss().saturating_sub(before);
    assert_eq!(ids(&got), ["one-line-2", "B"]);
    assert_eq!(got.errors.len(), 2, "{:?}", got.errors);
    assert!(
        grown < 64 << 20,
        "peak memory grew by {grown} bytes reading 400 MB"
    );
}

/// Two articles never share an id in one run, whatever their files: the brief cites articles by
/// id. A repeat is renamed with a warning, deterministically in input order.
#[test]
fn repeated_ids_across_files_and_lines_are_renamed_with_a_warning() {
    let dir = Dir::new();
    dir.write(
        "2016/report.txt",
        "The dam opened on Monday after years of work.",
    );
    dir.write(
        "2017/report.txt",
        "The dam closed on Friday for repairs to the gates.",
    );
    let jsonl = dir.write(
        "more.jsonl",
        concat!(
            r#"{"id":"report","text":"A third report on the dam, from the wire."}"#,
            "\n",
            r#"{"id":"report-2","text":"A fourth report, whose id the renaming must skip."}"#,
            "\n",
        ),
    );
    for _ in 0..3 {
        let got = read(&[
            dir.path().join("2016"),
            dir.path().join("2017"),
            jsonl.clone(),
        ]);
        let ids: Vec<&str> = got.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["report", "report-2", "report-3", "report-2-2"]);
        assert!(got.articles[1].text.starts_with("The dam closed"));
        let warnings: Vec<String> = got.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings[0].contains("2017/report.txt: article id `report` is already used")
                && warnings[0].ends_with("renamed `report-2`"),
            "{warnings:?}"
        );
        assert!(got.errors.is_empty(), "{:?}", got.errors);
    }
}
