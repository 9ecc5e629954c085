//! Ingest: files and directories in, [`Article`]s and [`Cluster`]s out.
//!
//! ```text
//! read_paths(paths)          I/O edge: walk directories, open files, check sizes
//!   └─ one file → driver     read the first 8 KiB: empty? binary? which format?
//!        ├─ .gz              decompressed on the fly; the rest as for the inner name
//!        ├─ .txt .md .json   whole file (≤ max_file_bytes) → text::parse_text / json::parse_json
//!        ├─ .html .htm       whole page (≤ max_file_bytes) → html::article_from_html
//!        ├─ .warc            streamed record by record; HTML responses → html::article_from_html
//!        ├─ .rss .atom       whole feed (≤ max_file_bytes) → feed::articles_from_feed
//!        │                   (also `.xml` and other names whose root element is a feed)
//!        └─ .jsonl, Multi-News, SGML
//!                            streamed record by record (≤ max_record_bytes each)
//! for_each_item(paths, …, on)  the same, handing each article, cluster, error and warning to
//!                            `on` as soon as it is read (read_paths collects them)
//! parse_bytes(name, bytes)   the same driver over a byte slice: pure, no file system
//!   └─ each file's articles → url::UrlSeen: a canonical URL already read is skipped (warning)
//! ```
//!
//! ```
//! use std::path::Path;
//! use crossread::ingest::{parse_bytes, Options};
//!
//! let got = parse_bytes(
//!     Path::new("notes/story.txt"),
//!     b"Senate passes bill\nThe Senate passed the bill on Tuesday.\n",
//!     &Options::default(),
//! );
//! assert!(got.errors.is_empty());
//! let article = &got.articles[0];
//! assert_eq!((article.id.as_str(), article.source.as_str()), ("story", "story"));
//! assert_eq!(article.title.as_deref(), Some("Senate passes bill"));
//! assert_eq!(article.text, "The Senate passed the bill on Tuesday.");
//!
//! let bad = parse_bytes(Path::new("x.jsonl"), b"{\"text\":\"ok\"}\n{\"text\" 1}\n", &Options::default());
//! assert_eq!(bad.articles.len(), 1);
//! assert_eq!(bad.errors[0].to_string(), "x.jsonl:2: malformed JSON: expected `:` at column 9");
//! ```
//!
//! # Design choices
//!
//! - **One driver for files and bytes.** The driver reads from any `Read`; [`read_paths`] hands
//!   it a `File`, [`parse_bytes`] a `&[u8]`. So the pure function that tests and fuzzers call
//!   runs exactly the code the CLI runs, streaming included, and the only code that touches the
//!   file system is the directory walk and `File::open`.
//! - **Streaming where files can be large.** JSON Lines, Multi-News and SGML files are read
//!   through a 64 KiB buffer one bounded line (or `<DOC>`) at a time, so a data file of
//!   hundreds of MB needs one record of memory. Whole-file reading is kept for one-article
//!   formats, which are small; their size is checked from metadata before reading.
//! - **One streaming code path.** Every reader hands what it reads to a callback
//!   ([`for_each_item`]); [`read_paths`] and [`parse_bytes`] are that callback pushing into an
//!   [`Ingested`]. So `crossread extract` on a multi-GB web archive prints each article as it is
//!   read and holds one batch of records, while the commands that need every article at once
//!   collect them through the same code. A [`Progress`] (atomic counters and a cancel flag) is
//!   the only channel back: the library never prints, the CLI polls it for its progress bar.
//! - **Errors are data.** Nothing here prints or panics on input. Each problem becomes an
//!   [`Error`] in [`Ingested::errors`] and reading goes on: the next line of a JSON Lines file,
//!   the next file of a directory. The caller decides the exit code (the CLI exits 2 when
//!   `errors` is non-empty or nothing was read). Skipped empty articles go to
//!   [`Ingested::warnings`] instead: data sets have them and they are not a failure, unless
//!   they leave a file with no article at all, which is then an error.
//! - **Format by name first, content second.** The extension decides when it is known;
//!   otherwise the first 8 KiB are sniffed (a root element `<rss>`/`<feed>`/`<rdf:RDF>`
//!   after the XML prolog → feed, `<html>` → web page, `<DOC` → SGML, `|||||`/`NEWLINE_CHAR`
//!   → Multi-News, `{` → JSON). Inside a directory a file of unknown type (`.xml` included)
//!   is skipped (logged at `debug`) unless it sniffs as a feed, SGML or Multi-News (DUC files
//!   are named `APW19981016.0240`); a file named explicitly is read as text when nothing else
//!   fits, except `.xml`, which the feed reader then refuses by name.
//! - **Binary files** are those with a NUL byte in the first 8 KiB, as git and ripgrep decide.
//! - **Text is kept as read**, after decoding: UTF-8 without BOM, `\r\n` turned into `\n`,
//!   surrounding whitespace trimmed. Later stages keep byte spans into this text, so ingest
//!   does no other normalisation, except for formats whose layout is not text (SGML markup,
//!   Multi-News `NEWLINE_CHAR`), which become one paragraph per line like the data sets' JSON.
//! - **A URL is read once.** Articles are offered to one [`url::UrlSeen`] in input order (files
//!   in the order given, a directory in walk order, records in file order) after the parallel
//!   reads are merged, so the first copy of a page, by its canonical URL, is kept whatever the
//!   thread count, and each later copy is a [`Error::DuplicateUrl`] warning. Members of
//!   clusters are not compared: a data set's cluster is a unit its references were written for.
//! - **An id names one article.** After that check, an article whose id an earlier article of
//!   the run already has (`a/index.html` and `b/index.html`, a guid repeated across two
//!   snapshots of a feed, a JSON Lines file with a repeated id) is renamed `<id>-2`, `-3`, ...
//!   with an [`Error::DuplicateId`] warning, in the same deterministic input order, so a
//!   citation always names one article. Cluster members keep the ids their data set gave.
//! - **Outlets**: the `source` field, else the URL's host without `www.`, else the file stem
//!   (for documents inside a cluster: the document id; for SGML: the agency of the DOCNO).
//!   Dates become `YYYY-MM-DD` when they can be read ([`normalize_date`]), else stay raw.
//!
//! Rejected alternatives: memory-mapping the files (no gain for one pass of line splitting,
//! and `unsafe` is forbidden here); an XML parser for SGML (TREC files are not XML);
//! deriving the JSON record types with serde (one lenient reader serves articles and clusters
//! and names the bad field).

mod date;
mod error;
pub mod feed;
mod gz;
pub mod html;
mod json;
mod lines;
mod multinews;
mod sgml;
mod text;
pub mod url;
pub mod warc;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::model::{Article, Cluster};

pub use date::{normalize_date, parse_date};
pub use error::Error;
pub use text::looks_like_headline;

/// How many bytes are looked at to detect binary files and sniff formats.
const HEAD_BYTES: usize = 8 * 1024;
/// More errors than this in one file are counted, not listed.
const MAX_ERRORS_PER_FILE: u64 = 50;

/// Limits of one ingest run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Largest file read whole (`.txt`, `.md`, `.json`, `.html`, feeds), in bytes. Default 32 MiB.
    pub max_file_bytes: u64,
    /// Largest record (JSON line, Multi-News line, SGML `<DOC>`) read, in bytes. Default 32 MiB.
    pub max_record_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: 32 << 20,
            max_record_bytes: 32 << 20,
        }
    }
}

/// Everything read from some paths.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Articles read one per record (text files, JSON articles, SGML documents), in order.
    pub articles: Vec<Article>,
    /// Clusters (JSON Lines clusters, Multi-News lines), in order.
    pub clusters: Vec<Cluster>,
    /// What went wrong. Each entry is one line naming the file (and line).
    pub errors: Vec<Error>,
    /// What was skipped without being a failure (articles with no text).
    pub warnings: Vec<Error>,
}

impl Ingested {
    /// Every article: the loose ones first, then the members of each cluster in order.
    pub fn all_articles(&self) -> impl Iterator<Item = &Article> + '_ {
        self.articles
            .iter()
            .chain(self.clusters.iter().flat_map(|c| c.articles.iter()))
    }

    /// How many articles [`Self::all_articles`] yields.
    pub fn article_count(&self) -> usize {
        self.articles.len()
            + self
                .clusters
                .iter()
                .map(|c| c.articles.len())
                .sum::<usize>()
    }

    /// True when no article was read.
    pub fn is_empty(&self) -> bool {
        self.article_count() == 0
    }

    /// Append everything `other` read.
    pub fn extend(&mut self, other: Ingested) {
        self.articles.extend(other.articles);
        self.clusters.extend(other.clusters);
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }

    /// Add one streamed item to the list it belongs to.
    pub fn push(&mut self, item: Item) {
        match item {
            Item::Article(a) => self.articles.push(a),
            Item::Cluster(c) => self.clusters.push(c),
            Item::Error(e) => self.errors.push(e),
            Item::Warning(e) => self.warnings.push(e),
        }
    }
}

/// One thing read, as [`for_each_item`] hands it over (in input order).
#[derive(Debug)]
pub enum Item {
    /// An article (a text file, a JSON record, a web page, a WARC response, ...).
    Article(Article),
    /// A cluster (a JSON Lines cluster, a Multi-News line).
    Cluster(Cluster),
    /// Something that could not be read; reading goes on.
    Error(Error),
    /// Something skipped without being a failure (an article with no text, a WARC page with
    /// no article in it).
    Warning(Error),
}

/// How far a run has got, shared between the reader and whoever shows it, plus a cancel flag.
///
/// Counters only, updated with relaxed atomics (they are for display): the library never
/// prints, so the CLI polls these from its progress-bar thread.
#[derive(Debug, Default)]
pub struct Progress {
    bytes_read: AtomicU64,
    bytes_total: AtomicU64,
    records: AtomicU64,
    articles: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// Bytes read from the files so far, as stored on disk (compressed bytes for `.gz`).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// The sum of the sizes of the files to read (known once the paths were listed).
    pub fn bytes_total(&self) -> u64 {
        self.bytes_total.load(Ordering::Relaxed)
    }

    /// WARC records read so far (good or broken).
    pub fn records(&self) -> u64 {
        self.records.load(Ordering::Relaxed)
    }

    /// Articles handed over so far (cluster members included).
    pub fn articles(&self) -> u64 {
        self.articles.load(Ordering::Relaxed)
    }

    /// Ask the run to stop early (the reader of the output went away). Readers check it
    /// between files and between WARC record batches.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(crate) fn add_record(&self) {
        self.records.fetch_add(1, Ordering::Relaxed);
    }
}

/// A reader that counts the bytes it reads into [`Progress::bytes_read`].
struct Counting<'p, R> {
    inner: R,
    progress: &'p Progress,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress
            .bytes_read
            .fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, one article (`.txt`, `.text`).
    Text,
    /// Markdown, one article (`.md`, `.markdown`).
    Markdown,
    /// One JSON record or an array of them (`.json`).
    Json,
    /// One JSON record per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// Raw Multi-News: one cluster per line (`.src`, `.src.cleaned`).
    MultiNews,
    /// DUC/TREC SGML `<DOC>` records (`.sgml`, `.sgm`, or any name when the contents start
    /// with markup that has a `<DOC>`).
    Sgml,
    /// A saved web page, one article (`.html`, `.htm`, `.xhtml`, or a file named on the
    /// command line that starts `<!doctype html` or `<html`): see [`html`].
    Html,
    /// A web archive (`.warc`, or any file starting `WARC/1.`): one article per HTML response
    /// record, streamed; see [`warc`].
    Warc,
    /// An RSS 0.9x/2.0, RSS 1.0 or Atom feed, one article per item (`.rss`, `.atom`, or any
    /// name, `.xml` included, whose root element is `<rss>`, `<feed>` or `<rdf:RDF>`): see
    /// [`feed`].
    Feed,
}

impl Format {
    /// The format a file name stands for, when its extension is known.
    pub fn from_name(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".src") || name.ends_with(".src.cleaned") {
            return Some(Format::MultiNews);
        }
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            // Not `.xml`: most XML is not TREC SGML, so those files are sniffed instead.
            "sgml" | "sgm" => Format::Sgml,
            "html" | "htm" | "xhtml" => Format::Html,
            "warc" => Format::Warc,
            // Not `.xml` (sitemaps, configs, TREC files are XML too): sniffed instead.
            "rss" | "atom" => Format::Feed,
            _ => return None,
        })
    }

    /// The format the first bytes of a file look like, if any.
    pub fn sniff(head: &[u8]) -> Option<Format> {
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
        let trimmed = head.get(start..)?;
        if trimmed.starts_with(b"WARC/1.") || trimmed.starts_with(b"WARC/0.") {
            return Some(Format::Warc);
        }
        if trimmed.first() == Some(&b'<') {
            // The root element after the XML declaration, comments and DOCTYPE decides first.
            match feed::root_name(head).as_deref() {
                Some(name) if feed::is_feed_root(name) => return Some(Format::Feed),
                Some(name) if name.eq_ignore_ascii_case("html") => return Some(Format::Html),
                _ => {}
            }
            let lower = trimmed.to_ascii_lowercase();
            let has_doc = memchr::memmem::find_iter(&lower, b"<doc").any(|i| {
                lower
                    .get(i + 4)
                    .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
            });
            if has_doc {
                return Some(Format::Sgml);
            }
            if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
                return Some(Format::Html);
            }
        }
        if memchr::memmem::find(head, multinews::SEPARATOR.as_bytes()).is_some()
            || memchr::memmem::find(head, multinews::NEWLINE.as_bytes()).is_some()
        {
            return Some(Format::MultiNews);
        }
        match trimmed.first() {
            Some(b'{') => {
                // Several lines that each open an object: JSON Lines; else one JSON document.
                // No newline in the head: one line, which JSON Lines reads as well, streamed.
                let Some(line_end) = memchr::memchr(b'\n', trimmed) else {
                    return Some(Format::JsonLines);
                };
                let first = trimmed.get(..line_end)?.trim_ascii_end();
                let next = trimmed.get(line_end..)?.trim_ascii_start();
                if first.ends_with(b"}") && (next.is_empty() || next.starts_with(b"{")) {
                    Some(Format::JsonLines)
                } else {
                    Some(Format::Json)
                }
            }
            Some(b'[') => Some(Format::Json),
            _ => None,
        }
    }

    fn one_article_file(self) -> bool {
        matches!(
            self,
            Format::Text | Format::Markdown | Format::Json | Format::Html | Format::Feed
        )
    }
}

/// Parse one file's contents. `name` is its path: it names the file in messages, gives the
/// stem used as id and outlet, and decides the format (else the contents are sniffed, else
/// the bytes are read as text, as for a file named on the command line). Pure: no I/O.
pub fn parse_bytes(name: &Path, bytes: &[u8], opts: &Options) -> Ingested {
    let mut out = Ingested::default();
    let progress = Progress::default();
    let mut on = |item| out.push(item);
    let mut ctx = Ctx::new(opts, &progress, &mut on, true);
    drive(
        name,
        Origin::Named,
        Some(bytes.len() as u64),
        bytes,
        &mut ctx,
    );
    out
}

/// Parse one file's contents in a given format (no detection from the name or contents).
pub fn parse_bytes_as(name: &Path, format: Format, bytes: &[u8], opts: &Options) -> Ingested {
    let mut out = Ingested::default();
    let progress = Progress::default();
    let mut on = |item| out.push(item);
    let mut ctx = Ctx::new(opts, &progress, &mut on, true);
    drive(
        name,
        Origin::Forced(format),
        Some(bytes.len() as u64),
        bytes,
        &mut ctx,
    );
    out
}

/// Read files and directories. Directories are walked recursively in sorted order, skipping
/// hidden entries and files of unknown type; every problem is collected in `errors`. An
/// article whose canonical URL was already read is skipped with a warning (see [`url`]).
pub fn read_paths(paths: &[PathBuf], opts: &Options) -> Ingested {
    let mut out = Ingested::default();
    for_each_item(paths, opts, &Progress::default(), |item| out.push(item));
    tracing::debug!(
        articles = out.articles.len(),
        clusters = out.clusters.len(),
        errors = out.errors.len(),
        warnings = out.warnings.len(),
        "ingested"
    );
    out
}

/// Read files and directories as [`read_paths`] does, handing each article, cluster, error and
/// warning to `on` as soon as it is read, in the order `read_paths` would list them. Nothing
/// is kept: a web archive of any size is read with one batch of records in memory.
/// `progress` is updated as the files are read; [`Progress::cancel`] stops the run early.
pub fn for_each_item(
    paths: &[PathBuf],
    opts: &Options,
    progress: &Progress,
    mut on: impl FnMut(Item),
) {
    let _span = tracing::debug_span!("ingest", paths = paths.len()).entered();
    let mut ctx = Ctx::new(opts, progress, &mut on, true);
    // List everything first, so the progress total is known before reading starts.
    let planned: Vec<Planned> = paths
        .iter()
        .map(|path| match fs::metadata(path) {
            Err(error) => Planned::Failed(Error::Io {
                path: path.clone(),
                error,
            }),
            Ok(meta) if meta.is_dir() => {
                let mut visited = HashSet::new();
                let mut jobs = Vec::new();
                walk(path, &mut jobs, &mut visited);
                Planned::Dir(path, jobs)
            }
            Ok(meta) => Planned::File(path, meta),
        })
        .collect();
    let file_size = |meta: &fs::Metadata| if meta.is_file() { meta.len() } else { 0 };
    let total: u64 = planned
        .iter()
        .map(|p| match p {
            Planned::File(_, meta) => file_size(meta),
            Planned::Dir(_, jobs) => jobs
                .iter()
                .map(|j| match j {
                    Job::File(_, meta) => file_size(meta),
                    Job::Failed(_) => 0,
                })
                .sum(),
            Planned::Failed(_) => 0,
        })
        .sum();
    progress.bytes_total.fetch_add(total, Ordering::Relaxed);
    for planned in planned {
        if progress.is_cancelled() {
            return;
        }
        match planned {
            Planned::Failed(e) => ctx.emit(Item::Error(e)),
            Planned::Dir(path, jobs) => {
                let before = ctx.produced;
                run_jobs(jobs, &mut ctx);
                if ctx.produced == before && !progress.is_cancelled() {
                    ctx.emit(Item::Error(Error::NoArticles { path: path.clone() }));
                }
            }
            Planned::File(path, meta) => read_file(path, meta, Origin::Named, &mut ctx),
        }
    }
}

/// One path named by the caller, listed.
enum Planned<'p> {
    File(&'p PathBuf, fs::Metadata),
    Dir(&'p PathBuf, Vec<Job>),
    Failed(Error),
}

/// What a run carries through the readers: its limits, its progress and where items go.
pub(crate) struct Ctx<'a> {
    pub opts: &'a Options,
    pub progress: &'a Progress,
    on: &'a mut dyn FnMut(Item),
    /// Articles and clusters handed over so far.
    produced: u64,
    /// Whether this is the run's own context, which hands items to the caller: only there do
    /// articles count in [`Progress::articles`] and meet `seen`. The per-file collectors of a
    /// parallel batch pass their items on to it, in order, which keeps both deterministic.
    counts: bool,
    /// Canonical URLs read so far (in the run's own context only): a later copy becomes a
    /// [`Error::DuplicateUrl`] warning.
    seen: url::UrlSeen,
    /// Article ids handed over so far (in the run's own context only).
    ids: IdsSeen,
}

/// The article ids of a run, so that every id is given once: a repeat is renamed `<id>-2`,
/// `-3`, ... (the first free one) with an [`Error::DuplicateId`] warning. Ids are kept as 64-bit
/// hashes (SipHash with fixed keys, so runs are deterministic): 16 bytes per article in a
/// multi-million-record archive instead of the ids themselves. Two different ids with one hash
/// (about one chance in 10^7 at a million articles) would rename the second needlessly, never
/// lose it.
#[derive(Default)]
struct IdsSeen {
    seen: HashSet<u64>,
}

impl IdsSeen {
    fn key(id: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    }

    /// Give `article` an id no earlier article has; the warning when it had to be renamed.
    fn claim(&mut self, path: &Path, article: &mut Article) -> Option<Error> {
        if self.seen.insert(Self::key(&article.id)) {
            return None;
        }
        let renamed = (2u64..)
            .map(|k| format!("{}-{k}", article.id))
            .find(|candidate| self.seen.insert(Self::key(candidate)))
            .expect("an unbounded range always has a free id");
        let id = std::mem::replace(&mut article.id, renamed.clone());
        Some(Error::DuplicateId {
            path: path.to_path_buf(),
            id,
            renamed,
        })
    }
}

impl<'a> Ctx<'a> {
    fn new(
        opts: &'a Options,
        progress: &'a Progress,
        on: &'a mut dyn FnMut(Item),
        counts: bool,
    ) -> Self {
        Ctx {
            opts,
            progress,
            on,
            produced: 0,
            counts,
            seen: url::UrlSeen::new(),
            ids: IdsSeen::default(),
        }
    }

    /// Hand over one item read from `path`: an article whose canonical URL was already read
    /// becomes a warning instead, and one whose id was already given is renamed (in the run's
    /// own context; collectors pass items on unchecked).
    pub(crate) fn emit_from(&mut self, path: &Path, item: Item) {
        let item = match item {
            Item::Article(mut article) if self.counts => match self.seen.check(path, &article) {
                Ok(()) => {
                    if let Some(renamed) = self.ids.claim(path, &mut article) {
                        self.emit(Item::Warning(renamed));
                    }
                    Item::Article(article)
                }
                Err(duplicate) => Item::Warning(duplicate),
            },
            item => item,
        };
        self.emit(item);
    }

    /// Hand one item over.
    pub(crate) fn emit(&mut self, item: Item) {
        let articles = match &item {
            Item::Article(_) => 1,
            Item::Cluster(c) => c.articles.len() as u64,
            Item::Error(_) | Item::Warning(_) => 0,
        };
        if articles > 0 {
            self.produced += 1;
            if self.counts {
                self.progress
                    .articles
                    .fetch_add(articles, Ordering::Relaxed);
            }
        }
        (self.on)(item);
    }
}

/// One entry found by [`walk`]: a file to read, or a problem met while listing.
enum Job {
    File(PathBuf, fs::Metadata),
    Failed(Error),
}

/// How many one-article files are read in parallel before their results are handed on.
const PARALLEL_FILES: usize = 64;

/// Read the files a walk found, keeping their order.
///
/// Web pages cost milliseconds each to extract, so a folder of saved pages is CPU-bound: its
/// one-article files are read in parallel (rayon's pool: `--threads`) in batches of
/// [`PARALLEL_FILES`], whose results are passed on in walk order, so the output does not
/// depend on the thread count and only one batch is held. Within a batch the largest files
/// start first ([`map_costliest_first`]), so the threads finish together. Streamed formats (WARC, JSON Lines,
/// Multi-News, SGML) are read one at a time on this thread, straight into the caller, since a
/// single one can hold millions of records (a WARC parallelises its own records).
fn run_jobs(jobs: Vec<Job>, ctx: &mut Ctx<'_>) {
    let mut pending = Vec::with_capacity(PARALLEL_FILES);
    for job in jobs {
        if ctx.progress.is_cancelled() {
            return;
        }
        let streamed = matches!(&job, Job::File(path, _)
            if Format::from_name(path).is_some_and(|f| !f.one_article_file()));
        if streamed {
            read_in_parallel(&mut pending, ctx);
            if let Job::File(path, meta) = job {
                read_file(&path, meta, Origin::InDirectory, ctx);
            }
        } else {
            pending.push(job);
            if pending.len() == PARALLEL_FILES {
                read_in_parallel(&mut pending, ctx);
            }
        }
    }
    read_in_parallel(&mut pending, ctx);
}

/// Read `jobs` in parallel and pass what they gave on in order; empties `jobs`.
fn read_in_parallel(jobs: &mut Vec<Job>, ctx: &mut Ctx<'_>) {
    if jobs.is_empty() {
        return;
    }
    let (opts, progress) = (ctx.opts, ctx.progress);
    // A file's size stands in for its cost: extraction time grows with the page's size (for a
    // `.gz` the compressed size, which tracks it closely enough to order the work).
    let size = |job: &Job| match job {
        Job::File(_, meta) => meta.len(),
        Job::Failed(_) => 0,
    };
    let results: Vec<(Option<PathBuf>, Vec<Item>)> =
        map_costliest_first(std::mem::take(jobs), size, |job| {
            let mut items = Vec::new();
            let mut on = |item| items.push(item);
            let mut one = Ctx::new(opts, progress, &mut on, false);
            let path = match job {
                Job::File(path, meta) => {
                    read_file(&path, meta, Origin::InDirectory, &mut one);
                    Some(path)
                }
                Job::Failed(e) => {
                    one.emit(Item::Error(e));
                    None
                }
            };
            (path, items)
        });
    for (path, items) in results {
        for item in items {
            match &path {
                Some(path) => ctx.emit_from(path, item),
                None => ctx.emit(item),
            }
        }
    }
}

/// `items.into_iter().map(f).collect()`, run on rayon's pool with the costliest items started
/// first; the results come back in the items' order, whatever the thread count.
///
/// Why not a plain `into_par_iter()`: rayon splits the list into halves, so one thread can be
/// left with the biggest pages at the end of its half while the other has run out of work.
/// Handing out the items from one queue, largest first (the classic "longest processing time
/// first" rule), leaves only small items for the end, so the threads finish within about one
/// small item of each other. Ties keep their order (the sort is stable).
fn map_costliest_first<T: Send, R: Send>(
    items: Vec<T>,
    cost: impl Fn(&T) -> u64,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let n = items.len();
    let mut queue: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    queue.sort_by_key(|(_, item)| std::cmp::Reverse(cost(item)));
    // Each worker takes the next slot by its index; the slot's lock is only ever taken once.
    let queue: Vec<Mutex<Option<(usize, T)>>> =
        queue.into_iter().map(|q| Mutex::new(Some(q))).collect();
    let next = AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, n.max(1));
    let done: Vec<Vec<(usize, R)>> = (0..workers)
        .into_par_iter()
        .with_max_len(1)
        .map(|_| {
            let mut done = Vec::new();
            while let Some(slot) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
                let taken = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some((index, item)) = taken {
                    done.push((index, f(item)));
                }
            }
            done
        })
        .collect();
    let mut slots: Vec<Option<R>> = (0..n).map(|_| None).collect();
    for (index, result) in done.into_iter().flatten() {
        slots[index] = Some(result);
    }
    // Every index was taken exactly once: the cursor hands each out to one worker only.
    slots.into_iter().flatten().collect()
}

/// Walk one directory: entries sorted by name, hidden ones skipped, symlink loops cut.
fn walk(dir: &Path, jobs: &mut Vec<Job>, visited: &mut HashSet<PathBuf>) {
    // Canonical paths catch a symlink that points back up the tree.
    if let Ok(canonical) = fs::canonicalize(dir) {
        if !visited.insert(canonical) {
            tracing::debug!(path = %dir.display(), "directory already visited; skipped");
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            jobs.push(Job::Failed(Error::Io {
                path: dir.to_path_buf(),
                error,
            }));
            return;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(error) => jobs.push(Job::Failed(Error::Io {
                path: dir.to_path_buf(),
                error,
            })),
        }
    }
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            tracing::debug!(path = %child.display(), "hidden; skipped");
            continue;
        }
        match fs::metadata(&child) {
            Err(error) => jobs.push(Job::Failed(Error::Io { path: child, error })),
            Ok(meta) if meta.is_dir() => walk(&child, jobs, visited),
            Ok(meta) if meta.is_file() => jobs.push(Job::File(child, meta)),
            Ok(_) => tracing::debug!(path = %child.display(), "not a regular file; skipped"),
        }
    }
}

/// Open one file and run the driver on it.
fn read_file(path: &Path, meta: fs::Metadata, origin: Origin, ctx: &mut Ctx<'_>) {
    // Pipes and devices report a size of 0: only a regular file's size is known up front.
    let size = meta.is_file().then_some(meta.len());
    if let (Some(size), Some(format)) = (size, Format::from_name(path)) {
        if format.one_article_file() && size > ctx.opts.max_file_bytes {
            ctx.emit(Item::Error(Error::TooLarge {
                path: path.to_path_buf(),
                size,
                limit: ctx.opts.max_file_bytes,
            }));
            ctx.progress.bytes_read.fetch_add(size, Ordering::Relaxed);
            return;
        }
    }
    match File::open(path) {
        Ok(file) => {
            let progress = ctx.progress;
            let counted = Counting {
                inner: file,
                progress,
            };
            drive(path, origin, size, counted, ctx);
        }
        Err(error) => ctx.emit(Item::Error(Error::Io {
            path: path.to_path_buf(),
            error,
        })),
    }
}

/// Where a file comes from, which decides what happens when its type is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Named by the user: read as text when nothing else fits.
    Named,
    /// Found in a directory: skipped unless it is recognisably one of ours.
    InDirectory,
    /// The caller says which format.
    Forced(Format),
}

/// `inner`, or, when reading it already failed, that error once.
struct ThenFail<R> {
    inner: R,
    error: Option<std::io::Error>,
}

impl<R: Read> Read for ThenFail<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.error.take() {
            Some(error) => Err(error),
            None => self.inner.read(buf),
        }
    }
}

/// Whether a file's name, without `.gz`, ends with `.ext` (ASCII case-insensitive).
fn has_extension(path: &Path, ext: &str) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, e)| e == ext)
}

/// Whether a file is gzip-compressed, by its name (`.gz`).
fn is_gzip(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".gz"))
}

/// Detect, check and parse one file's stream; `.gz` files are decompressed on the fly, and the
/// size limits then apply to the decompressed bytes (a small file can inflate to gigabytes).
fn drive<R: Read>(path: &Path, origin: Origin, size: Option<u64>, reader: R, ctx: &mut Ctx<'_>) {
    if is_gzip(path) && has_extension(path, "warc") {
        // One member per record: a corrupt member must cost one record, not the file.
        drive_plain(path, origin, None, gz::Members::new(reader), true, ctx);
    } else if is_gzip(path) {
        let limit = ctx.opts.max_file_bytes;
        let format = match origin {
            Origin::Forced(format) => Some(format),
            _ => Format::from_name(path),
        };
        // A compressed web page or text file (most saved pages are `.html.gz`) is read whole
        // and decompressed in one call when it can be; its compressed size is within the
        // limit, so holding it is no worse than holding the page.
        if format.is_some_and(Format::one_article_file) && size.is_some_and(|s| s <= limit) {
            let mut reader = reader;
            let mut compressed = Vec::with_capacity(size.unwrap_or(0) as usize);
            // A read error comes after the bytes before it, as when streaming.
            let error = reader.read_to_end(&mut compressed).err();
            if error.is_none() {
                if let Some(plain) = gz::gunzip_whole(&compressed, limit) {
                    // Its size is now known (and within the limit): the buffer is sized once.
                    let size = Some(plain.len() as u64);
                    return drive_plain(path, origin, size, Cursor::new(plain), true, ctx);
                }
            }
            let rest = Cursor::new(compressed).chain(ThenFail {
                inner: std::io::empty(),
                error,
            });
            let decoder = flate2::read::MultiGzDecoder::new(rest);
            return drive_plain(path, origin, None, decoder, true, ctx);
        }
        let decoder = flate2::read::MultiGzDecoder::new(reader);
        drive_plain(path, origin, None, decoder, true, ctx);
    } else {
        drive_plain(path, origin, size, reader, false, ctx);
    }
}

/// [`drive`] on an uncompressed stream. `compressed` only changes how read errors are named.
fn drive_plain<R: Read>(
    path: &Path,
    origin: Origin,
    size: Option<u64>,
    mut reader: R,
    compressed: bool,
    ctx: &mut Ctx<'_>,
) {
    let opts = ctx.opts;
    let read_error = |error: std::io::Error| {
        if compressed {
            Error::Decompress {
                path: path.to_path_buf(),
                error,
            }
        } else {
            Error::Io {
                path: path.to_path_buf(),
                error,
            }
        }
    };
    let by_name = match origin {
        Origin::Forced(format) => Some(format),
        _ => Format::from_name(path),
    };
    let known = by_name.is_some();
    let mut head = Vec::with_capacity(HEAD_BYTES);
    // A read error after some bytes (a truncated `.gz`) is handed to the format's reader after
    // those bytes, so a stream format keeps the records before it.
    let mut late_error = None;
    if let Err(error) = reader
        .by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
    {
        if head.is_empty() {
            ctx.emit(Item::Error(read_error(error)));
            return;
        }
        late_error = Some(error);
    }
    let skip = |why: &str| tracing::debug!(path = %path.display(), "{why}; skipped");
    if head.is_empty() {
        if known || origin != Origin::InDirectory {
            ctx.emit(Item::Error(Error::Empty {
                path: path.to_path_buf(),
            }));
        } else {
            skip("empty file of unknown type");
        }
        return;
    }
    // Web archives hold images and compressed payloads: NUL bytes are expected there.
    let archive = by_name == Some(Format::Warc) || Format::sniff(&head) == Some(Format::Warc);
    if let Some(offset) = memchr::memchr(0, &head).filter(|_| !archive) {
        if known || origin != Origin::InDirectory {
            ctx.emit(Item::Error(Error::Binary {
                path: path.to_path_buf(),
                offset: offset as u64,
            }));
        } else {
            skip("binary file of unknown type");
        }
        return;
    }
    let format = match (by_name, Format::sniff(&head), origin) {
        (Some(format), _, _) => format,
        (
            None,
            Some(f @ (Format::Sgml | Format::MultiNews | Format::Feed)),
            Origin::InDirectory,
        ) => f,
        (None, _, Origin::InDirectory) => return skip("unknown file type"),
        // A file named `.xml` is markup, never prose: read as a feed, which names the problem.
        (None, None, _) if has_extension(path, "xml") => Format::Feed,
        (None, sniffed, _) => sniffed.unwrap_or(Format::Text),
    };
    tracing::debug!(path = %path.display(), ?format, "reading");

    let mut sink = Sink::new(path, ctx);
    let stem = file_stem(path);
    let rest = Cursor::new(head).chain(ThenFail {
        inner: reader,
        error: late_error,
    });
    let saw_content = if format.one_article_file() {
        let limit = opts.max_file_bytes;
        if let Some(size) = size.filter(|s| *s > limit) {
            sink.error(Error::TooLarge {
                path: path.to_path_buf(),
                size,
                limit,
            });
            return sink.finish(true);
        }
        // Sized once when the size is known (it is at most the limit here), instead of grown
        // by doubling and copying.
        let mut bytes = Vec::with_capacity(size.unwrap_or(0) as usize);
        if let Err(error) = rest.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
            sink.error(read_error(error));
            return sink.finish(true);
        }
        if bytes.len() as u64 > limit {
            // The file grew after its size was read, or its size was not known.
            sink.error(Error::TooLarge {
                path: path.to_path_buf(),
                size: bytes.len() as u64,
                limit,
            });
            return sink.finish(true);
        }
        one_article_file(&mut sink, &stem, format, &bytes)
    } else if format == Format::Warc {
        warc::parse_warc(&mut sink, rest, compressed)
    } else {
        let reader = BufReader::with_capacity(64 * 1024, rest);
        let limit = opts.max_record_bytes;
        match format {
            Format::JsonLines => json::parse_json_lines(&mut sink, &stem, reader, limit),
            Format::MultiNews => {
                let name = file_name_to_first_dot(path);
                multinews::parse_multinews(&mut sink, &name, reader, limit)
            }
            _ => sgml::parse_sgml(&mut sink, reader, limit),
        }
    };
    sink.finish(saw_content);
}

/// A whole `.txt`/`.md`/`.json`/`.html`/feed file. Returns whether it had anything but
/// whitespace.
fn one_article_file(sink: &mut Sink<'_, '_>, stem: &str, format: Format, bytes: &[u8]) -> bool {
    if format == Format::Feed {
        if bytes.trim_ascii().is_empty() {
            return false;
        }
        let got = feed::articles_from_feed(bytes, stem);
        for note in &got.notes {
            tracing::info!(path = %sink.path.display(), "{note}");
        }
        for id in got.empty {
            sink.warn(Error::EmptyArticle {
                path: sink.path.to_path_buf(),
                line: None,
                id,
            });
        }
        for article in got.articles {
            sink.article(article);
        }
        if let Some(error) = got.error {
            sink.error(Error::Feed {
                path: sink.path.to_path_buf(),
                error,
            });
        }
        return true;
    }
    if format == Format::Html {
        if bytes.trim_ascii().is_empty() {
            return false;
        }
        let id = html_id(sink.path);
        match html::article_from_html(bytes, None, &id) {
            Ok((article, meta)) => {
                for note in meta.notes {
                    tracing::info!(path = %sink.path.display(), "{note}");
                }
                sink.article(article);
            }
            Err(error) => sink.error(Error::Html {
                path: sink.path.to_path_buf(),
                error,
            }),
        }
        return true;
    }
    let contents = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes
                .get(..offset)
                .map_or(0, |b| memchr::memchr_iter(b'\n', b).count())
                + 1;
            sink.error(Error::InvalidUtf8 {
                path: sink.path.to_path_buf(),
                line: line as u64,
                offset: offset as u64,
            });
            return true;
        }
    };
    let contents = contents.strip_prefix('\u{feff}').unwrap_or(contents);
    if contents.trim().is_empty() {
        return false;
    }
    match format {
        Format::Json => json::parse_json(sink, stem, contents),
        _ => match text::parse_text(stem, contents, format == Format::Markdown) {
            Some(article) => sink.article(article),
            None => return false,
        },
    }
    true
}

/// `a/b/story.txt` → `story`; the whole name when there is no stem.
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .or_else(|| path.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A web page's article id: the file name without `.gz` and its extension
/// (`a/abc.html.gz` → `abc`, `story.v2.htm` → `story.v2`).
fn html_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let name = if lower.ends_with(".gz") {
        name.get(..name.len() - 3).unwrap_or(&name)
    } else {
        &name
    };
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ if !name.is_empty() => name.to_string(),
        _ => file_stem(path),
    }
}

/// `data/test.src.cleaned` → `test`.
fn file_name_to_first_dot(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.split_once('.') {
        Some((first, _)) if !first.is_empty() => first.to_string(),
        _ => file_stem(path),
    }
}

/// The raw fields of one article, before defaults and normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fields {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub byline: Option<String>,
    pub lang: Option<String>,
}

impl Fields {
    /// The article, with `fallback` (else the id) as outlet when there is neither `source` nor
    /// a URL host; `None` when the text is empty after trimming.
    pub(crate) fn into_article(self, fallback: Option<&str>) -> Option<Article> {
        let text = text::clean_text(&self.text);
        if text.is_empty() {
            return None;
        }
        let non_blank =
            |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let url = non_blank(self.url);
        let source = non_blank(self.source)
            .or_else(|| url.as_deref().and_then(outlet_from_url))
            .unwrap_or_else(|| fallback.unwrap_or(&self.id).to_string());
        Some(Article {
            id: self.id.trim().to_string(),
            source,
            title: non_blank(self.title),
            date: self.date.as_deref().and_then(normalize_date),
            url,
            text,
            byline: non_blank(self.byline),
            lang: non_blank(self.lang),
        })
    }
}

/// `https://www.example.com/a` → `example.com`. A URL without a scheme is read as `http://`.
fn outlet_from_url(url: &str) -> Option<String> {
    let parsed = match ::url::Url::parse(url) {
        Ok(u) => u,
        Err(_) if !url.contains("://") => ::url::Url::parse(&format!("http://{url}")).ok()?,
        Err(_) => return None,
    };
    let host = parsed.host_str()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Passes on what one file gives, caps its error count and knows the file's name.
pub(crate) struct Sink<'a, 'c> {
    pub path: &'a Path,
    stem: String,
    ctx: &'a mut Ctx<'c>,
    errors: u64,
    produced: usize,
}

impl<'a, 'c> Sink<'a, 'c> {
    fn new(path: &'a Path, ctx: &'a mut Ctx<'c>) -> Self {
        Sink {
            path,
            stem: file_stem(path),
            ctx,
            errors: 0,
            produced: 0,
        }
    }

    /// The run's limits.
    pub(crate) fn opts(&self) -> &'c Options {
        self.ctx.opts
    }

    /// The run's progress counters (and cancel flag).
    pub(crate) fn progress(&self) -> &'c Progress {
        self.ctx.progress
    }

    /// Record an error (past the per-file cap, only count it).
    pub(crate) fn error(&mut self, e: Error) {
        self.errors += 1;
        if self.errors <= MAX_ERRORS_PER_FILE {
            self.ctx.emit(Item::Error(e));
        }
    }

    /// Record a warning.
    pub(crate) fn warn(&mut self, e: Error) {
        self.ctx.emit(Item::Warning(e));
    }

    /// Add an article.
    pub(crate) fn article(&mut self, article: Article) {
        self.produced += 1;
        self.ctx.emit_from(self.path, Item::Article(article));
    }

    /// Add an article from its fields (outlet fallback: the file stem), or warn it is empty.
    pub(crate) fn fields(&mut self, fields: Fields, line: Option<u64>) {
        let id = fields.id.clone();
        match fields.into_article(Some(&self.stem)) {
            Some(article) => self.article(article),
            None => self.warn(Error::EmptyArticle {
                path: self.path.to_path_buf(),
                line,
                id,
            }),
        }
    }

    /// Add a cluster, or warn and drop it when it has no article.
    pub(crate) fn cluster(&mut self, cluster: Cluster, line: Option<u64>) {
        if cluster.articles.is_empty() {
            self.warn(Error::EmptyCluster {
                path: self.path.to_path_buf(),
                line,
                id: cluster.id,
            });
            return;
        }
        self.produced += 1;
        self.ctx.emit(Item::Cluster(cluster));
    }

    /// Close the file: count suppressed errors, and say so when it gave nothing.
    fn finish(self, saw_content: bool) {
        if self.errors > MAX_ERRORS_PER_FILE {
            self.ctx.emit(Item::Error(Error::MoreErrors {
                path: self.path.to_path_buf(),
                count: self.errors - MAX_ERRORS_PER_FILE,
            }));
        }
        if self.produced == 0 && self.errors == 0 && !self.ctx.progress.is_cancelled() {
            let path = self.path.to_path_buf();
            self.ctx.emit(Item::Error(if saw_content {
                Error::NoArticles { path }
            } else {
                Error::Empty { path }
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, bytes: &[u8]) -> Ingested {
        parse_bytes(Path::new(name), bytes, &Options::default())
    }

    fn messages(errors: &[Error]) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    /// `map_costliest_first` on its own pool of `threads`, also returning the order in which
    /// the items were started.
    fn costliest_first_on(threads: usize, costs: &[u64]) -> (Vec<String>, Vec<usize>) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let started = Mutex::new(Vec::new());
        let items: Vec<(usize, u64)> = costs.iter().copied().enumerate().collect();
        let results = pool.install(|| {
            map_costliest_first(
                items,
                |&(_, cost)| cost,
                |(i, cost)| {
                    started.lock().unwrap().push(i);
                    format!("{i}:{cost}")
                },
            )
        });
        (results, started.into_inner().unwrap())
    }

    #[test]
    fn costliest_first_keeps_the_items_order_in_its_results() {
        let costs = [3, 90, 0, 7, 90, 12, 1, 45, 2, 2, 60];
        let expected: Vec<String> = costs
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{i}:{c}"))
            .collect();
        for threads in [1, 2, 3, 8] {
            for _ in 0..20 {
                assert_eq!(
                    costliest_first_on(threads, &costs).0,
                    expected,
                    "{threads} threads"
                );
            }
        }
        assert!(costliest_first_on(2, &[]).0.is_empty());
    }

    #[test]
    fn costliest_first_starts_the_largest_items_first() {
        // One thread takes the queue in order: largest first, ties in the items' order.
        let (_, started) = costliest_first_on(1, &[3, 90, 0, 7, 90, 12]);
        assert_eq!(started, [1, 4, 5, 3, 0, 2]);
        // With more threads (whose interleaving varies) each item is still started once.
        let (_, mut started) = costliest_first_on(3, &[5, 1, 80, 2, 70, 3]);
        started.sort();
        assert_eq!(started, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn formats_from_names() {
        let f = |n: &str| Format::from_name(Path::new(n));
        assert_eq!(f("a/b.TXT"), Some(Format::Text));
        assert_eq!(f("b.md"), Some(Format::Markdown));
        assert_eq!(f("b.json"), Some(Format::Json));
        assert_eq!(f("b.jsonl"), Some(Format::JsonLines));
        assert_eq!(f("train.src"), Some(Format::MultiNews));
        assert_eq!(f("test.src.cleaned"), Some(Format::MultiNews));
        assert_eq!(f("d.sgml"), Some(Format::Sgml));
        assert_eq!(f("d.xml"), None);
        assert_eq!(f("p.html"), Some(Format::Html));
        assert_eq!(f("p.HTM"), Some(Format::Html));
        assert_eq!(f("abc.html.gz"), Some(Format::Html));
        assert_eq!(f("c.jsonl.gz"), Some(Format::JsonLines));
        assert_eq!(f("crawl.warc"), Some(Format::Warc));
        assert_eq!(f("CC-NEWS-1.warc.gz"), Some(Format::Warc));
        assert_eq!(f("APW19981016.0240"), None);
        assert_eq!(f("README"), None);
    }

    #[test]
    fn formats_from_contents() {
        assert_eq!(
            Format::sniff(b"\n<DOC>\n<DOCNO>x</DOCNO>"),
            Some(Format::Sgml)
        );
        assert_eq!(
            Format::sniff(b"<DOCSTREAM>\n<DOC id=\"a\">"),
            Some(Format::Sgml)
        );
        assert_eq!(Format::sniff(b"<html><body>"), Some(Format::Html));
        assert_eq!(
            Format::sniff(b"\n<!DOCTYPE html>\n<html>"),
            Some(Format::Html)
        );
        assert_eq!(
            Format::sniff(b"a NEWLINE_CHAR b ||||| c"),
            Some(Format::MultiNews)
        );
        assert_eq!(
            Format::sniff(b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n"),
            Some(Format::JsonLines)
        );
        assert_eq!(
            Format::sniff(b"{\n  \"text\": \"a\"\n}\n"),
            Some(Format::Json)
        );
        assert_eq!(Format::sniff(b"[{\"text\":\"a\"}]"), Some(Format::Json));
        assert_eq!(Format::sniff(b"{\"text\":\"a\"}"), Some(Format::JsonLines));
        assert_eq!(
            Format::sniff(b"WARC/1.1\r\nWARC-Type: warcinfo"),
            Some(Format::Warc)
        );
        assert_eq!(Format::sniff(b"WARC/x"), None);
        assert_eq!(Format::sniff(b"Plain words."), None);
        assert_eq!(Format::sniff(b"   "), None);
    }

    #[test]
    fn unknown_name_is_sniffed_then_text() {
        let got = parse("notes", b"Headline here\nBody text.");
        assert_eq!(got.articles.len(), 1);
        assert_eq!(got.articles[0].title.as_deref(), Some("Headline here"));
        let got = parse("dump", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
        assert_eq!(got.articles.len(), 2);
    }

    #[test]
    fn empty_binary_invalid_utf8() {
        assert_eq!(messages(&parse("e.txt", b"").errors), ["e.txt: is empty"]);
        assert_eq!(
            messages(&parse("e.txt", b" \n\t ").errors),
            ["e.txt: is empty"]
        );
        assert_eq!(
            messages(&parse("e.jsonl", b"\n\n").errors),
            ["e.jsonl: is empty"]
        );
        assert_eq!(
            messages(&parse("b.txt", b"abc\0def").errors),
            ["b.txt: is a binary file (NUL byte at byte offset 3)"]
        );
        assert_eq!(
            messages(&parse("u.txt", b"ok\nline two \xff\xfe").errors),
            ["u.txt:2: invalid UTF-8 at byte offset 12"]
        );
        let got = parse(
            "u.jsonl",
            b"{\"text\":\"a\"}\n{\"text\":\"\xc3\"}\n{\"text\":\"c\"}\n",
        );
        assert_eq!(
            messages(&got.errors),
            ["u.jsonl:2: invalid UTF-8 at byte offset 22"]
        );
        assert_eq!(got.articles.len(), 2);
    }

    #[test]
    fn limits() {
        let opts = Options {
            max_file_bytes: 10,
            max_record_bytes: 16,
        };
        let got = parse_bytes(Path::new("big.txt"), b"0123456789ab", &opts);
        assert_eq!(
            messages(&got.errors),
            ["big.txt: file is too large: 12 B (12 bytes), over the 10 B limit for one-article files"]
        );
        let got = parse_bytes(
            Path::new("r.jsonl"),
            b"{\"text\":\"a\"}\n{\"text\":\"much too long\"}\n{\"text\":\"c\"}",
            &opts,
        );
        assert_eq!(
            messages(&got.errors),
            ["r.jsonl:2: record is too large: 24 B (24 bytes), over the 16 B limit per record"]
        );
        assert_eq!(got.articles.len(), 2);
    }

    #[test]
    fn nothing_but_empty_articles_is_an_error() {
        let got = parse("e.json", br#"{"text":"  "}"#);
        assert_eq!(
            messages(&got.warnings),
            ["e.json: article `e` has no text; skipped"]
        );
        assert_eq!(messages(&got.errors), ["e.json: no articles found"]);
    }

    #[test]
    fn error_cap_per_file() {
        let input = "{\n".repeat(80);
        let got = parse("many.jsonl", input.as_bytes());
        assert_eq!(got.errors.len() as u64, MAX_ERRORS_PER_FILE + 1);
        assert_eq!(
            got.errors.last().unwrap().to_string(),
            "many.jsonl: 30 more errors not shown"
        );
    }

    #[test]
    fn outlets() {
        assert_eq!(
            outlet_from_url("https://www.nytimes.com/2017/x").as_deref(),
            Some("nytimes.com")
        );
        assert_eq!(
            outlet_from_url("bbc.co.uk/news").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(outlet_from_url("not a url at all"), None);
        let f = Fields {
            id: "i".into(),
            text: "t".into(),
            title: Some("  ".into()),
            url: Some("https://www.cnn.com/a".into()),
            source: Some("  ".into()),
            date: Some("bad date".into()),
            byline: None,
            lang: None,
        };
        let a = f.into_article(Some("stem")).unwrap();
        assert_eq!(a.source, "cnn.com");
        assert_eq!(a.title, None);
        assert_eq!(a.date.as_deref(), Some("bad date"));
    }

    #[test]
    fn multinews_lines() {
        let got = parse(
            "data/test.src.cleaned",
            b"First doc. NEWLINE_CHAR NEWLINE_CHAR Para two. ||||| Second doc. ||||| \n\nOnly one.|||||  |||||Last.\n",
        );
        assert!(got.errors.is_empty(), "{:?}", got.errors);
        assert_eq!(
            messages(&got.warnings),
            ["data/test.src.cleaned:3: article `test-3-1` has no text; skipped"]
        );
        let c = &got.clusters;
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].id, "test-1");
        let ids: Vec<_> = c[0].articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["test-1-0", "test-1-1"]);
        assert_eq!(c[0].articles[0].text, "First doc.\nPara two.");
        assert_eq!(c[0].articles[0].source, "test-1-0");
        let ids: Vec<_> = c[1].articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["test-3-0", "test-3-2"]);
    }

    #[test]
    fn sgml_stream_several_docs_and_problems() {
        let input = "<DOC><DOCNO>NYT19980601.0001</DOCNO><TEXT>One.</TEXT></DOC><DOC><DOCNO>X2</DOCNO>\n\
            <TEXT>\nTwo.\n</TEXT>\n</DOC>\n<DOC>\n<TEXT>no id</TEXT>\n</DOC>\n<DOC>\n<DOCNO>E</DOCNO><TEXT> </TEXT></DOC>\n<DOC>\n<DOCNO>open";
        let got = parse("d.sgml", input.as_bytes());
        let ids: Vec<_> = got.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["NYT19980601.0001", "X2"]);
        assert_eq!(got.articles[0].source, "New York Times");
        assert_eq!(got.articles[0].date.as_deref(), Some("1998-06-01"));
        assert_eq!(got.articles[1].source, "X");
        assert_eq!(
            messages(&got.errors),
            [
                "d.sgml:6: invalid record: <DOC> without <DOCNO> or id attribute",
                "d.sgml:11: <DOC> is never closed",
            ]
        );
        assert_eq!(
            messages(&got.warnings),
            ["d.sgml:9: article `E` has no text; skipped"]
        );
    }

    #[test]
    fn sgml_record_limit() {
        let opts = Options {
            max_file_bytes: 1 << 20,
            max_record_bytes: 64,
        };
        let big = format!(
            "<DOC>\n<DOCNO>A</DOCNO>\n<TEXT>\n{}\n</TEXT>\n</DOC>\n",
            "word ".repeat(40)
        );
        let input = format!("{big}<DOC><DOCNO>B</DOCNO><TEXT>ok</TEXT></DOC>\n");
        let got = parse_bytes(Path::new("d.sgml"), input.as_bytes(), &opts);
        assert_eq!(got.articles.len(), 1);
        assert_eq!(got.errors.len(), 1);
        assert!(
            got.errors[0]
                .to_string()
                .starts_with("d.sgml:1: record is too large"),
            "{}",
            got.errors[0]
        );
    }

    #[test]
    fn all_articles_order() {
        let mut got = parse("a.txt", b"Alpha text.");
        got.extend(parse(
            "c.jsonl",
            br#"{"id":"c","documents":[{"id":"d0","text":"Beta."}]}"#,
        ));
        let ids: Vec<_> = got.all_articles().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "d0"]);
        assert_eq!(got.article_count(), 2);
        assert!(!got.is_empty());
    }
}
