//! Web archives: `.warc` and `.warc.gz` files, one article per HTML response record, streamed.
//!
//! ```text
//! bytes ─ Input (own buffer, byte offsets) ─► record framing: `WARC/1.x` line, header block
//!   (≤ 64 KiB), Content-Length bytes of block, CRLF CRLF       ── broken? resync ─┐
//!   ─► warc::parser + Record::try_from: header fields, mandatory ones checked       │
//!   ─► response + application/http? ─► HTTP head (httparse): 2xx? HTML?           │
//!   ─► payload: de-chunked, Content-Encoding gzip/deflate undone, HTTP charset     │
//!   ─► batch of ≤ 64 records ─► html::article_from_html in parallel ─► in order    │
//!   next `WARC/` line ◄────────────────────────────────────────────────────────────┘
//! ```
//!
//! # Design choices
//!
//! - **The `warc` crate (0.4) parses and validates each header block**: the version line, the
//!   named fields, the mandatory `WARC-Record-ID`/`WARC-Date`/`WARC-Type`/`Content-Length`, the
//!   date. Its readers are not used for framing, because on the inputs this module must survive
//!   they cannot recover: a header block that never ends (LF-only lines, garbage) is read into
//!   memory to the end of the file; a body is buffered line by line with no size limit (a
//!   Content-Length of 10 GB is honoured); and after a broken record the stream is left
//!   wherever the failure happened, so the next "record" starts mid-body. Its `header()`
//!   accessor also panics on a non-UTF-8 value, so values are read from the raw map here. The
//!   alternatives were no better: `rust_warc` has the same unbounded reads and no validation;
//!   `warcat` is a command-line tool first with a much heavier tree; FastWARC is Python.
//! - **Framing is ours, over our own buffer** (`Input`), which knows the byte offset of
//!   every record (for messages) and can look ahead without consuming, which resync needs.
//!   Memory is bounded: a header block of at most [`MAX_HEADER_BYTES`], bodies that are not
//!   HTML responses are skipped without being stored, and an HTML response is stored only up
//!   to [`super::Options::max_record_bytes`] (a larger one is reported; a larger response with
//!   no Content-Type that does not start like HTML is skipped as not a page).
//! - **Resync on the next line that starts `WARC/`**: after a record whose header cannot be
//!   parsed, which has no Content-Length, or whose body is not followed by CRLF CRLF (its
//!   Content-Length is wrong), reading goes on at the next line starting `WARC/` followed by a
//!   digit. That is the only marker a record start has; a body line that happens to start so
//!   (an archive inside an archive) would be taken for one and reported as broken, and a
//!   Content-Length that is too long swallows the records it overlaps. Both cost records, never
//!   a panic, and every loss is reported with the record number and offset. A record whose
//!   header parses but is invalid (no `WARC-Date`, say) is skipped by its length, without
//!   resync. A corrupt gzip member in mid-file costs the record it holds: the decompressor
//!   ([`super::gz::Members`]) reports it and goes on at the next member, and reading resyncs on
//!   the next `WARC/` line there. Other read errors (a truncated last member) end the file,
//!   after the records read whole before them.
//! - **Which records are articles**: `WARC-Type: response` with an HTTP payload (`Content-Type:
//!   application/http`, or none), status 2xx, and `Content-Type` `text/html` or
//!   `application/xhtml+xml` (else `WARC-Identified-Payload-Type`, else the payload sniffed as
//!   HTML). Requests, metadata, revisits, `dns:` responses, redirects, 404s and images are
//!   skipped silently. An HTML page with no article text (an index page) is a warning, not an
//!   error: a crawl is full of them.
//! - **The HTTP layer**: chunked transfer coding is undone (when the chunks do not parse the
//!   payload is taken as stored: some writers de-chunk but keep the header), and so is
//!   `Content-Encoding` gzip or deflate, bounded by the record limit (a small record can
//!   inflate to gigabytes). The charset of the HTTP `Content-Type` wins over the page's own
//!   `<meta>`, as in browsers: [`super::html::article_from_html`] takes no charset hint, so a
//!   payload that is not UTF-8 is decoded here with the HTTP charset and handed over as UTF-8
//!   (valid UTF-8 is left alone: the HTML module believes valid UTF-8 over any declaration).
//! - **Ids** are the URL's host and path (and query) as a slug, `https://www.example.com/news/
//!   a-b.html?id=3` → `example.com-news-a-b.html-id-3`: stable across runs, readable, and
//!   unique for distinct pages. A page fetched twice gets the first 8 characters of its
//!   `WARC-Record-ID` appended (`…-4f1c2d9a`), then its record number if even that repeats;
//!   ids are unique within one file. Uniqueness costs one 64-bit hash per article kept in a set,
//!   the only thing that grows with the archive (about 16 MB per million articles).
//! - **Dates**: the page's own publication date, else the day of `WARC-Date` (when it was
//!   crawled, which for news is usually the day it was published or the day after).
//! - **Parallelism**: reading and framing are sequential (one stream), extraction runs on
//!   rayon's pool over a batch of up to [`BATCH_RECORDS`] HTML records (or [`BATCH_BYTES`] of
//!   payload), passed on in record order, so the output does not depend on the thread count
//!   and at most one batch is held.

use std::collections::HashSet;
use std::convert::TryFrom;
use std::hash::{Hash, Hasher};
use std::io::{self, Read};

use encoding_rs::{Encoding, UTF_8};
use warc::{EmptyBody, RawRecordHeader, Record, RecordType, WarcHeader};

use super::gz::Gap;
use super::html::{self, HtmlError};
use super::{Error, Format, Sink};

/// Longest WARC header block read before a record is declared broken.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
/// Longest HTTP response head looked at.
const MAX_HTTP_HEAD_BYTES: usize = 64 * 1024;
/// HTML records extracted together (in parallel) before their articles are passed on.
pub const BATCH_RECORDS: usize = 64;
/// A batch is also cut when its payloads add up to this many bytes.
pub const BATCH_BYTES: usize = 64 << 20;
/// The read buffer grows by this much at a time.
const CHUNK: usize = 64 * 1024;

/// What is wrong with one WARC record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcProblem {
    /// Where a record should start there is no `WARC/` version line.
    #[error("expected a `WARC/1.x` version line, found `{found}`")]
    NotARecord {
        /// The first bytes found instead (escaped).
        found: String,
    },
    /// The header block has no end within [`MAX_HEADER_BYTES`].
    #[error("WARC header block has no end within {limit} bytes")]
    HeaderTooLong {
        /// The limit.
        limit: usize,
    },
    /// The file ends inside the header block.
    #[error("file ends inside the WARC header block")]
    HeaderCut,
    /// A header line the WARC grammar does not allow.
    #[error("malformed WARC header at line {line} of the record")]
    MalformedHeader {
        /// 1-based line within the record (the version line is line 1).
        line: usize,
    },
    /// No `Content-Length`: the end of the record cannot be found.
    #[error("no Content-Length header")]
    NoLength,
    /// The header block is well-formed but not a valid record (a mandatory field missing or
    /// malformed), as the `warc` crate checks it.
    #[error("invalid WARC record: {0}")]
    Invalid(String),
    /// The file ends before the record's Content-Length bytes.
    #[error("record cut short: {got} of its {expected} bytes before the end of the file")]
    Cut {
        /// Bytes announced.
        expected: u64,
        /// Bytes there.
        got: u64,
    },
    /// The Content-Length bytes are not followed by the CRLF CRLF that ends a record.
    #[error("no CRLF CRLF after the record's {length} bytes (wrong Content-Length?)")]
    NoRecordEnd {
        /// The Content-Length.
        length: u64,
    },
    /// An HTML response larger than [`super::Options::max_record_bytes`]; skipped.
    #[error("HTML response of {size} bytes is over the {limit}-byte record limit")]
    TooLarge {
        /// Its size (record block, or decoded payload).
        size: u64,
        /// The limit.
        limit: usize,
    },
    /// The HTTP response head could not be parsed.
    #[error("malformed HTTP response head: {0}")]
    Http(String),
    /// A `Content-Encoding` this reader does not undo (`br`, `zstd`, ...).
    #[error("unsupported Content-Encoding `{0}`")]
    UnsupportedEncoding(String),
    /// The payload's `Content-Encoding` could not be undone.
    #[error("cannot decode Content-Encoding `{encoding}`: {error}")]
    BadEncoding {
        /// The encoding.
        encoding: String,
        /// What the decoder said.
        error: io::Error,
    },
    /// Reading the file failed (for a `.warc.gz`: the gzip stream is truncated or corrupt).
    #[error("cannot {}: {error}", if *compressed { "decompress" } else { "read" })]
    Read {
        /// Whether the file is gzip-compressed.
        compressed: bool,
        /// What the operating system or the decompressor said.
        error: io::Error,
    },
    /// The page gave no article.
    #[error("{0}")]
    Html(HtmlError),
}

/// Read a WARC stream into `sink`. Returns whether it had anything but whitespace.
pub(crate) fn parse_warc<R: Read>(sink: &mut Sink<'_, '_>, reader: R, compressed: bool) -> bool {
    let limit = sink.opts().max_record_bytes;
    let progress = sink.progress();
    let mut input = Input::new(reader);
    let mut ids = Ids::default();
    let mut batch = Batch::default();
    let mut record = 0u64;
    loop {
        if progress.is_cancelled() {
            break;
        }
        let start = match input.skip_blank() {
            Ok(true) => input.offset,
            Ok(false) => {
                if let Some(error) = input.error.take() {
                    batch.flush(sink);
                    let resumable = Gap::resumable(&error);
                    let problem = WarcProblem::Read { compressed, error };
                    sink.error(warc_error(sink, record + 1, input.offset, None, problem));
                    if resumable {
                        input.resume();
                        continue;
                    }
                }
                break;
            }
            Err(error) => {
                batch.flush(sink);
                sink.error(warc_error(
                    sink,
                    record + 1,
                    input.offset,
                    None,
                    WarcProblem::Read { compressed, error },
                ));
                break;
            }
        };
        record += 1;
        progress.add_record();
        let at = Place { record, start };
        match read_record(&mut input, limit) {
            Ok(Outcome::Skipped) => {}
            Ok(Outcome::Page(page)) => {
                let id = ids.assign(&page, record);
                batch.push(at, id, page);
                if batch.is_full() {
                    batch.flush(sink);
                }
            }
            Err(mut failure) => {
                // Keep the output in record order: what came before the broken record first.
                batch.flush(sink);
                if let WarcProblem::Read { compressed: c, .. } = &mut failure.problem {
                    *c = compressed;
                }
                // The data ended because reading failed (a truncated gzip member): say that.
                // After a corrupt member in mid-file, reading goes on with the next one.
                let mut resumable = false;
                if matches!(
                    failure.problem,
                    WarcProblem::Cut { .. } | WarcProblem::HeaderCut
                ) {
                    if let Some(error) = input.error.take() {
                        resumable = Gap::resumable(&error);
                        failure.problem = WarcProblem::Read { compressed, error };
                    }
                }
                let Failure {
                    problem,
                    url,
                    then,
                    warning,
                } = failure;
                let e = warc_error(sink, record, start, url, problem);
                if warning {
                    sink.warn(e);
                } else {
                    sink.error(e);
                }
                if resumable {
                    input.resume();
                    continue;
                }
                match then {
                    Then::Continue => {}
                    Then::Resync => match input.resync() {
                        Ok(true) => {}
                        Ok(false) => {
                            if let Some(error) = input.error.take() {
                                let resumable = Gap::resumable(&error);
                                let problem = WarcProblem::Read { compressed, error };
                                sink.error(warc_error(
                                    sink,
                                    record + 1,
                                    input.offset,
                                    None,
                                    problem,
                                ));
                                if resumable {
                                    input.resume();
                                    continue;
                                }
                            }
                            break;
                        }
                        Err(error) => {
                            sink.error(warc_error(
                                sink,
                                record,
                                start,
                                None,
                                WarcProblem::Read { compressed, error },
                            ));
                            break;
                        }
                    },
                    Then::Stop => break,
                }
            }
        }
    }
    batch.flush(sink);
    record > 0
}

/// Where a record is.
#[derive(Debug, Clone, Copy)]
struct Place {
    record: u64,
    start: u64,
}

fn warc_error(
    sink: &Sink<'_, '_>,
    record: u64,
    offset: u64,
    url: Option<String>,
    problem: WarcProblem,
) -> Error {
    Error::Warc {
        path: sink.path.to_path_buf(),
        record,
        offset,
        url,
        problem,
    }
}

/// An HTML response, ready for extraction.
#[derive(Debug)]
struct Page {
    url: Option<String>,
    record_id: String,
    /// `WARC-Date` as `YYYY-MM-DD`.
    date: String,
    html: Vec<u8>,
}

/// What one record gave.
enum Outcome {
    /// Not an article (not a response, not HTML, not 2xx, ...).
    Skipped,
    /// An HTML page.
    Page(Page),
}

/// A broken record, and how to go on.
struct Failure {
    problem: WarcProblem,
    url: Option<String>,
    then: Then,
    warning: bool,
}

enum Then {
    /// The stream is at the next record.
    Continue,
    /// The stream is lost: look for the next `WARC/` line.
    Resync,
    /// The stream cannot be read any further.
    Stop,
}

impl Failure {
    fn new(problem: WarcProblem, then: Then) -> Self {
        Failure {
            problem,
            url: None,
            then,
            warning: false,
        }
    }

    fn at(mut self, url: &Option<String>) -> Self {
        self.url.clone_from(url);
        self
    }
}

/// Read one record from the start of its version line; leaves `input` after its CRLF CRLF.
fn read_record<R: Read>(input: &mut Input<R>, limit: usize) -> Result<Outcome, Failure> {
    // `compressed` is set by `parse_warc`, which knows the file.
    let io_fail = |error| {
        Failure::new(
            WarcProblem::Read {
                compressed: false,
                error,
            },
            Then::Stop,
        )
    };
    input.fill(6).map_err(io_fail)?;
    let data = input.data();
    let looks_like_version =
        data.starts_with(b"WARC/") && data.get(5).is_some_and(u8::is_ascii_digit);
    if !looks_like_version {
        let line_end = memchr::memchr(b'\n', data).map_or(data.len(), |i| i + 1);
        let found = &data[..line_end.min(16)];
        return Err(Failure::new(
            WarcProblem::NotARecord {
                found: String::from_utf8_lossy(found).escape_debug().to_string(),
            },
            Then::Resync,
        ));
    }
    // Look for the blank line in what is buffered, reading more only while it is not there:
    // most header blocks are a few hundred bytes, and asking for a fixed look-ahead would
    // move the buffer's contents for every record.
    let block_end = loop {
        let available = input.data().len();
        let window = &input.data()[..available.min(MAX_HEADER_BYTES)];
        if let Some(end) = header_end(window) {
            break end;
        }
        if available > MAX_HEADER_BYTES || input.eof {
            let problem = if available > MAX_HEADER_BYTES {
                WarcProblem::HeaderTooLong {
                    limit: MAX_HEADER_BYTES,
                }
            } else {
                WarcProblem::HeaderCut
            };
            return Err(Failure::new(problem, Then::Resync));
        }
        input.fill(available + 1).map_err(io_fail)?;
    };
    let data = input.data();
    let block = &data[..block_end];
    let Ok((_, (version, fields, length))) = warc::parser::headers(block) else {
        return Err(Failure::new(
            WarcProblem::MalformedHeader {
                line: bad_header_line(block),
            },
            Then::Resync,
        ));
    };
    if !fields
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-length"))
    {
        return Err(Failure::new(WarcProblem::NoLength, Then::Resync));
    }
    let raw = RawRecordHeader {
        version: version.to_string(),
        headers: fields
            .into_iter()
            .map(|(name, value)| (WarcHeader::from(name), value.to_vec()))
            .collect(),
    };
    let length = length as u64;
    input.consume(block_end);

    let lossy = |h: WarcHeader| {
        raw.headers
            .get(&h)
            .map(|v| String::from_utf8_lossy(v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let url = lossy(WarcHeader::TargetURI).map(|u| {
        // WARC 1.0 allows `<uri>`; writers differ.
        u.trim_start_matches('<').trim_end_matches('>').to_string()
    });
    let block_type = lossy(WarcHeader::ContentType);
    let payload_type = lossy(WarcHeader::IdentifiedPayloadType);
    let truncated = lossy(WarcHeader::Truncated);
    let record = match Record::<EmptyBody>::try_from(raw) {
        Ok(r) => r,
        Err(e) => {
            skip_block(input, length).map_err(|f| f.at(&url))?;
            return Err(Failure::new(WarcProblem::Invalid(e.to_string()), Then::Continue).at(&url));
        }
    };
    let is_http = block_type
        .as_deref()
        .is_none_or(|t| mime(t) == "application/http");
    if *record.warc_type() != RecordType::Response || !is_http {
        skip_block(input, length).map_err(|f| f.at(&url))?;
        return Ok(Outcome::Skipped);
    }

    // The HTTP head: read a prefix of the block, decide, then read or skip the rest.
    let mut block_bytes = Vec::new();
    let head_len = length.min(MAX_HTTP_HEAD_BYTES as u64);
    let got = input
        .read_into(head_len, &mut block_bytes)
        .map_err(|e| io_fail(e).at(&url))?;
    if got < head_len {
        return Err(Failure::new(
            WarcProblem::Cut {
                expected: length,
                got,
            },
            Then::Stop,
        )
        .at(&url));
    }
    let head = match http_head(&block_bytes) {
        Ok(head) => head,
        Err(problem) => {
            skip_block(input, length - got).map_err(|f| f.at(&url))?;
            return Err(Failure::new(problem, Then::Continue).at(&url));
        }
    };
    let content_type = head.content_type.clone().or(payload_type);
    let html_type = content_type
        .as_deref()
        .map(|t| matches!(mime(t).as_str(), "text/html" | "application/xhtml+xml"));
    if !(200..300).contains(&head.status) || html_type == Some(false) {
        skip_block(input, length - got).map_err(|f| f.at(&url))?;
        return Ok(Outcome::Skipped);
    }
    if length > limit as u64 {
        // Untyped and not HTML on its face (a video, an archive): not a page, just skipped.
        let prefix = block_bytes.get(head.len..).unwrap_or_default();
        let looks_html = html_type == Some(true) || Format::sniff(prefix) == Some(Format::Html);
        skip_block(input, length - got).map_err(|f| f.at(&url))?;
        if !looks_html {
            return Ok(Outcome::Skipped);
        }
        return Err(Failure::new(
            WarcProblem::TooLarge {
                size: length,
                limit,
            },
            Then::Continue,
        )
        .at(&url));
    }
    let rest = length - got;
    let more = input
        .read_into(rest, &mut block_bytes)
        .map_err(|e| io_fail(e).at(&url))?;
    if more < rest {
        return Err(Failure::new(
            WarcProblem::Cut {
                expected: length,
                got: got + more,
            },
            Then::Stop,
        )
        .at(&url));
    }
    end_of_record(input, length).map_err(|f| f.at(&url))?;

    let stored = block_bytes.get(head.len..).unwrap_or_default();
    let payload = decode_payload(stored, &head, limit)
        .map_err(|p| Failure::new(p, Then::Continue).at(&url))?;
    if html_type.is_none() && Format::sniff(&payload) != Some(Format::Html) {
        return Ok(Outcome::Skipped);
    }
    if let Some(how) = truncated {
        tracing::info!(
            url = url.as_deref().unwrap_or(""),
            "WARC record truncated ({how}); extracted as it is"
        );
    }
    let html = match head.charset.as_deref() {
        Some(label) => transcode(payload, label),
        None => payload,
    };
    Ok(Outcome::Page(Page {
        url,
        record_id: record.warc_id().to_string(),
        date: record.date().format("%Y-%m-%d").to_string(),
        html,
    }))
}

/// Skip `length` bytes of block and the record end after them.
fn skip_block<R: Read>(input: &mut Input<R>, length: u64) -> Result<(), Failure> {
    let skipped = input.skip(length).map_err(|error| {
        Failure::new(
            WarcProblem::Read {
                compressed: false,
                error,
            },
            Then::Stop,
        )
    })?;
    if skipped < length {
        return Err(Failure::new(
            WarcProblem::Cut {
                expected: length,
                got: skipped,
            },
            Then::Stop,
        ));
    }
    end_of_record(input, length)
}

/// After a block: CRLF CRLF (leniently: up to four CR/LF bytes), then the end of the file or
/// the next `WARC/` line. Anything else means the Content-Length was wrong.
fn end_of_record<R: Read>(input: &mut Input<R>, length: u64) -> Result<(), Failure> {
    let read_fail = |error| {
        Failure::new(
            WarcProblem::Read {
                compressed: false,
                error,
            },
            Then::Stop,
        )
    };
    input.fill(4 + 5).map_err(read_fail)?;
    let data = input.data();
    let newlines = data
        .iter()
        .take(4)
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let next = &data[newlines..];
    if next.is_empty() || next.starts_with(b"WARC/") || newlines == 4 {
        input.consume(newlines);
        Ok(())
    } else {
        Err(Failure::new(
            WarcProblem::NoRecordEnd { length },
            Then::Resync,
        ))
    }
}

/// The 1-based line of a header block the WARC grammar rejects (the `warc` parser does not
/// say where): the version line, a line that is not `Name: value`, or a Content-Length that
/// is not a number.
fn bad_header_line(block: &[u8]) -> usize {
    let token = |b: &u8| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(b);
    for (i, line) in block.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if i == 0 {
            if std::str::from_utf8(line).is_err() {
                return 1;
            }
            continue;
        }
        if line.is_empty() {
            break;
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            return i + 1;
        };
        let name = line[..colon].trim_ascii_end();
        let value = line[colon + 1..].trim_ascii();
        let bad_length = name.eq_ignore_ascii_case(b"content-length")
            && std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .is_none();
        if name.is_empty() || !name.iter().all(token) || bad_length {
            return i + 1;
        }
    }
    1
}

/// Offset just past the blank line that ends a header block (`\n\r\n` or `\n\n`).
fn header_end(data: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'\n', data).find_map(|i| match data.get(i + 1..) {
        Some([b'\n', ..]) => Some(i + 2),
        Some([b'\r', b'\n', ..]) => Some(i + 3),
        _ => None,
    })
}

/// `text/HTML; charset=utf-8` → `text/html`.
fn mime(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type, unquoted.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// What the HTTP response head says.
#[derive(Debug)]
struct HttpHead {
    status: u16,
    /// Length of the head, blank line included.
    len: usize,
    content_type: Option<String>,
    charset: Option<String>,
    chunked: bool,
    /// `Content-Encoding` values, lower case, in the order they were applied.
    encodings: Vec<String>,
}

/// Parse the status line and headers at the start of `block`.
fn http_head(block: &[u8]) -> Result<HttpHead, WarcProblem> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let len = match response.parse(block) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => {
            return Err(WarcProblem::Http(format!(
                "no end within the first {} bytes",
                block.len()
            )))
        }
        Err(e) => return Err(WarcProblem::Http(e.to_string())),
    };
    let status = response.code.unwrap_or(0);
    let value = |name: &str| {
        response
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
            .collect::<Vec<_>>()
    };
    let content_type = value("content-type").into_iter().find(|v| !v.is_empty());
    let list = |name: &str| -> Vec<String> {
        value(name)
            .iter()
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty() && v != "identity")
            .collect()
    };
    Ok(HttpHead {
        status,
        len,
        charset: content_type.as_deref().and_then(charset),
        content_type,
        chunked: list("transfer-encoding").iter().any(|t| t == "chunked"),
        encodings: list("content-encoding"),
    })
}

/// The payload as the server meant it: de-chunked and decompressed, at most `limit` bytes.
fn decode_payload(stored: &[u8], head: &HttpHead, limit: usize) -> Result<Vec<u8>, WarcProblem> {
    let mut payload = if head.chunked {
        dechunk(stored).unwrap_or_else(|| stored.to_vec())
    } else {
        stored.to_vec()
    };
    // Applied in order, so undone in reverse.
    for encoding in head.encodings.iter().rev() {
        payload = match encoding.as_str() {
            "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&payload[..]), limit),
            "deflate" => {
                // HTTP's "deflate" is zlib-wrapped, but some servers send raw deflate.
                inflate(flate2::read::ZlibDecoder::new(&payload[..]), limit)
                    .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&payload[..]), limit))
            }
            other => return Err(WarcProblem::UnsupportedEncoding(other.to_string())),
        }
        .map_err(|error| match error {
            Inflate::TooLarge(size) => WarcProblem::TooLarge { size, limit },
            Inflate::Io(error) => WarcProblem::BadEncoding {
                encoding: encoding.clone(),
                error,
            },
        })?;
    }
    Ok(payload)
}

enum Inflate {
    TooLarge(u64),
    Io(io::Error),
}

/// Read a decoder to the end, refusing more than `limit` bytes.
fn inflate(decoder: impl Read, limit: usize) -> Result<Vec<u8>, Inflate> {
    let mut out = Vec::new();
    decoder
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(Inflate::Io)?;
    if out.len() > limit {
        return Err(Inflate::TooLarge(out.len() as u64));
    }
    Ok(out)
}

/// Undo chunked transfer coding; `None` when the chunks do not parse.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let (start, size) = match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete(found)) => found,
            _ => return None,
        };
        if size == 0 {
            return Some(out);
        }
        let size = usize::try_from(size).ok()?;
        let chunk = data.get(start..start.checked_add(size)?)?;
        out.extend_from_slice(chunk);
        data = data.get(start + size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))?;
    }
}

/// The payload as UTF-8 when the HTTP charset names another encoding and the bytes are not
/// UTF-8 already (see the module docs); otherwise unchanged.
fn transcode(payload: Vec<u8>, label: &str) -> Vec<u8> {
    let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
        return payload;
    };
    if encoding == UTF_8
        || Encoding::for_bom(&payload).is_some()
        || std::str::from_utf8(&payload).is_ok()
    {
        return payload;
    }
    let (text, _, _) = encoding.decode(&payload);
    text.into_owned().into_bytes()
}

/// Article ids given in one file (as hashes: see the module docs).
#[derive(Default)]
struct Ids {
    seen: HashSet<u64, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>,
}

impl Ids {
    /// A new id for `page`: its URL slug, made unique with its record id or number.
    fn assign(&mut self, page: &Page, record: u64) -> String {
        let base = page
            .url
            .as_deref()
            .and_then(url_slug)
            .unwrap_or_else(|| format!("record-{record}"));
        let short_id: String = page
            .record_id
            .rsplit(':')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let mut candidates = vec![base.clone()];
        if !short_id.is_empty() {
            candidates.push(format!("{base}-{short_id}"));
        }
        candidates.push(format!("{base}-{record}"));
        for candidate in candidates {
            if self.seen.insert(hash(&candidate)) {
                return candidate;
            }
        }
        // Only reachable if a slug ends in the same digits as another's record number.
        let mut n = 2u64;
        loop {
            let candidate = format!("{base}-{record}-{n}");
            if self.seen.insert(hash(&candidate)) {
                return candidate;
            }
            n += 1;
        }
    }
}

fn hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Longest id made from a URL, in bytes.
const MAX_SLUG: usize = 120;

/// `https://www.Example.com/News/a_b.html?id=3#top` → `example.com-news-a-b.html-id-3`.
pub(crate) fn url_slug(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut raw = String::with_capacity(url.len());
    raw.push_str(host);
    raw.push_str(parsed.path());
    if let Some(query) = parsed.query() {
        raw.push('?');
        raw.push_str(query);
    }
    let mut slug = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // ASCII only, so any byte index is a char boundary.
    slug.truncate(MAX_SLUG);
    let slug = slug.trim_matches(['-', '.']);
    (!slug.is_empty()).then(|| slug.to_string())
}

/// HTML records waiting for extraction.
#[derive(Default)]
struct Batch {
    pages: Vec<(Place, String, Page)>,
    bytes: usize,
}

impl Batch {
    fn push(&mut self, at: Place, id: String, page: Page) {
        self.bytes += page.html.len();
        self.pages.push((at, id, page));
    }

    fn is_full(&self) -> bool {
        self.pages.len() >= BATCH_RECORDS || self.bytes >= BATCH_BYTES
    }

    /// Extract every page (in parallel) and pass the results on in record order.
    fn flush(&mut self, sink: &mut Sink<'_, '_>) {
        use rayon::prelude::*;
        if self.pages.is_empty() {
            return;
        }
        let pages = std::mem::take(&mut self.pages);
        self.bytes = 0;
        let results: Vec<_> = pages
            .par_iter()
            .map(|(_, id, page)| html::article_from_html(&page.html, page.url.as_deref(), id))
            .collect();
        for ((at, _, page), result) in pages.into_iter().zip(results) {
            match result {
                Ok((mut article, meta)) => {
                    for note in meta.notes {
                        tracing::info!(path = %sink.path.display(), record = at.record, "{note}");
                    }
                    if article.date.is_none() {
                        article.date = Some(page.date);
                    }
                    sink.article(article);
                }
                Err(error) => {
                    let warning = matches!(error, HtmlError::NoText);
                    let e = warc_error(
                        sink,
                        at.record,
                        at.start,
                        page.url,
                        WarcProblem::Html(error),
                    );
                    if warning {
                        sink.warn(e);
                    } else {
                        sink.error(e);
                    }
                }
            }
        }
    }
}

/// A byte stream with a look-ahead buffer that knows its offset.
///
/// `BufReader` cannot be asked for more than one buffer's worth of look-ahead, and the header
/// block and the resync scan need to look at bytes before deciding to consume them.
///
/// A read error ends the stream like the end of the file, and is kept in `error` for the
/// reader to report once it has used the bytes before it: looking ahead must not cost the
/// records that were read whole before a truncated gzip member.
struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Stream offset of `buf[start]`.
    offset: u64,
    eof: bool,
    error: Option<io::Error>,
}

impl<R: Read> Input<R> {
    fn new(inner: R) -> Self {
        Input {
            inner,
            buf: vec![0; 2 * CHUNK],
            start: 0,
            end: 0,
            offset: 0,
            eof: false,
            error: None,
        }
    }

    /// The bytes looked ahead.
    fn data(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Look ahead at least `n` bytes unless the stream ends first; returns how many are there.
    fn fill(&mut self, n: usize) -> io::Result<usize> {
        while self.end - self.start < n && !self.eof {
            // Move the unread bytes to the front only when the tail is short of room, so each
            // byte is moved about once however small the records are.
            if self.buf.len() - self.end < CHUNK && self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            if self.buf.len() - self.end < CHUNK {
                self.buf.resize(self.end + CHUNK, 0);
            }
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.error = Some(e);
                    self.eof = true;
                }
            }
        }
        Ok(self.end - self.start)
    }

    /// Go on after a corrupt gzip member was skipped (a resumable [`Gap`] in `error`, already
    /// taken and reported): the bytes buffered before it belong to the record it cut, and
    /// are dropped; reading continues with the next member.
    fn resume(&mut self) {
        self.consume(self.end - self.start);
        self.eof = false;
        self.error = None;
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.offset += n as u64;
    }

    /// Move up to `n` bytes to `out`; returns how many there were.
    fn read_into(&mut self, n: u64, out: &mut Vec<u8>) -> io::Result<u64> {
        self.transfer(n, |bytes| out.extend_from_slice(bytes))
    }

    /// Drop up to `n` bytes; returns how many there were.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        self.transfer(n, |_| {})
    }

    fn transfer(&mut self, n: u64, mut take: impl FnMut(&[u8])) -> io::Result<u64> {
        let mut done = 0u64;
        while done < n {
            if self.end == self.start && self.fill(1)? == 0 {
                break;
            }
            let here = ((self.end - self.start) as u64).min(n - done) as usize;
            take(&self.buf[self.start..self.start + here]);
            self.consume(here);
            done += here as u64;
        }
        Ok(done)
    }

    /// Skip CR and LF bytes; false at the end of the stream.
    fn skip_blank(&mut self) -> io::Result<bool> {
        loop {
            if self.fill(1)? == 0 {
                return Ok(false);
            }
            let blank = self
                .data()
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
                .count();
            if blank == 0 {
                return Ok(true);
            }
            self.consume(blank);
        }
    }

    /// Move to the next line that starts `WARC/` and a digit (past the current position's own
    /// line); false when there is none.
    fn resync(&mut self) -> io::Result<bool> {
        const MARK: &[u8] = b"\nWARC/";
        loop {
            let available = self.fill(CHUNK)?;
            let data = self.data();
            let found = memchr::memmem::find_iter(data, MARK)
                .find(|&i| data.get(i + MARK.len()).is_none_or(u8::is_ascii_digit));
            match found {
                Some(i) if data.get(i + MARK.len()).is_some() => {
                    self.consume(i + 1);
                    return Ok(true);
                }
                // The digit is not read yet: keep the mark, read more.
                Some(i) if !self.eof => {
                    self.consume(i);
                    self.fill(available - i + 1)?;
                }
                Some(_) | None if self.eof => {
                    self.consume(available);
                    return Ok(false);
                }
                _ => {
                    // Keep a possible partial mark at the end.
                    self.consume(available.saturating_sub(MARK.len()));
                    let before = self.end - self.start;
                    if self.fill(before + 1)? == before {
                        self.consume(before);
                        return Ok(false);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            url_slug("https://www.Example.com/News/a_b.html?id=3#top").as_deref(),
            Some("example.com-news-a-b.html-id-3")
        );
        assert_eq!(
            url_slug("http://example.com/").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_slug("not a url"), None);
        let long = format!("https://a.example/{}", "x".repeat(300));
        assert_eq!(url_slug(&long).unwrap().len(), MAX_SLUG);
    }

    #[test]
    fn ids_stay_unique() {
        let page = |url: &str, id: &str| Page {
            url: Some(url.into()),
            record_id: id.into(),
            date: "2024-01-01".into(),
            html: Vec::new(),
        };
        let mut ids = Ids::default();
        let a = page(
            "https://a.example/x",
            "<urn:uuid:4F1C2D9A-0000-0000-0000-000000000000>",
        );
        assert_eq!(ids.assign(&a, 1), "a.example-x");
        assert_eq!(ids.assign(&a, 2), "a.example-x-4f1c2d9a");
        assert_eq!(ids.assign(&a, 3), "a.example-x-3");
        assert_eq!(ids.assign(&a, 3), "a.example-x-3-2");
        let none = Page {
            url: None,
            ..page("", "")
        };
        assert_eq!(ids.assign(&none, 9), "record-9");
    }

    #[test]
    fn http_heads() {
        let block: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\nbody";
        let head = http_head(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.charset.as_deref(), Some("ISO-8859-1"));
        assert!(head.chunked);
        assert_eq!(head.encodings, ["gzip"]);
        assert_eq!(head.len, block.len() - 4);
        assert!(matches!(
            http_head(b"garbage\r\n\r\n"),
            Err(WarcProblem::Http(_))
        ));
        assert!(matches!(
            http_head(b"HTTP/1.1 200 OK\r\nA: b"),
            Err(WarcProblem::Http(_))
        ));
    }

    #[test]
    fn chunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"ffffffffff\r\nab"), None);
    }

    #[test]
    fn payload_encodings() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html>hello</html>").unwrap();
        let gz = gz.finish().unwrap();
        let head = |enc: &str| HttpHead {
            status: 200,
            len: 0,
            content_type: None,
            charset: None,
            chunked: false,
            encodings: vec![enc.to_string()],
        };
        assert_eq!(
            decode_payload(&gz, &head("gzip"), 1000).unwrap(),
            b"<html>hello</html>"
        );
        assert!(matches!(
            decode_payload(&gz, &head("gzip"), 5),
            Err(WarcProblem::TooLarge { size: 6, limit: 5 })
        ));
        assert!(matches!(
            decode_payload(b"plain", &head("gzip"), 100),
            Err(WarcProblem::BadEncoding { .. })
        ));
        assert!(matches!(
            decode_payload(b"x", &head("br"), 100),
            Err(WarcProblem::UnsupportedEncoding(e)) if e == "br"
        ));
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"zlib body").unwrap();
        assert_eq!(
            decode_payload(&z.finish().unwrap(), &head("deflate"), 100).unwrap(),
            b"zlib body"
        );
    }

    #[test]
    fn http_charset_wins_for_non_utf8() {
        assert_eq!(
            transcode(b"caf\xe9".to_vec(), "iso-8859-1"),
            "café".as_bytes()
        );
        assert_eq!(
            transcode("café".as_bytes().to_vec(), "iso-8859-1"),
            "café".as_bytes()
        );
        assert_eq!(
            transcode(b"caf\xe9".to_vec(), "no-such-charset"),
            b"caf\xe9"
        );
    }

    #[test]
    fn header_block_end() {
        assert_eq!(header_end(b"WARC/1.0\r\nA: b\r\n\r\nbody"), Some(18));
        assert_eq!(header_end(b"WARC/1.0\nA: b\n\nbody"), Some(15));
        assert_eq!(header_end(b"WARC/1.0\r\nA: b\r\n"), None);
    }

    #[test]
    fn resync_finds_the_next_record_across_reads() {
        // A reader that hands out 3 bytes at a time, so marks straddle reads.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(3).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut input = Input::new(Trickle(
            b"WARC/1.0 junk\nxx WARC/1.0\nWARC/x\nWARC/1.1\r\nrest",
        ));
        assert!(input.resync().unwrap());
        assert!(input.data().starts_with(b"WARC/1.1"));
        assert_eq!(input.offset, 33);
        // The mark straddles the first look-ahead window.
        let mut data = vec![b'x'; CHUNK - 3];
        data.extend_from_slice(b"\nWARC/1.0\r\n");
        let mut input = Input::new(Trickle(&data));
        assert!(input.resync().unwrap());
        assert_eq!(input.offset, CHUNK as u64 - 2);
        assert!(input.data().starts_with(b"WARC/1.0"));
        let mut input = Input::new(Trickle(b"no mark here at all"));
        assert!(!input.resync().unwrap());
        // A mark at the very end, with no version after it, is not a record.
        let mut input = Input::new(&b"junk\nWARC/"[..]);
        assert!(!input.resync().unwrap());
        assert_eq!(input.offset, 10);
    }
}
