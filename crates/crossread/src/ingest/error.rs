//! The one error type of the ingest stage.
//!
//! Every variant names the file (and the 1-based line where there is one) as fields, and its
//! `Display` is one line that starts `path:line:` like a compiler diagnostic, so a CLI can print
//! `errors` one per line without any formatting of its own. An I/O error's cause is part of the
//! message rather than a `source()`, so printing the chain (`{:#}` in anyhow) does not repeat it.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Something wrong with one input file, record or article.
///
/// Errors never abort a run: [`super::read_paths`] and [`super::parse_bytes`] collect them in
/// [`super::Ingested::errors`] (or `warnings`) and go on with the next record or file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path could not be opened, listed or read (nonexistent, permission denied, ...).
    #[error("{}: cannot read: {error}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        error: io::Error,
    },
    /// The file has no bytes, or only whitespace.
    #[error("{}: is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A NUL byte in the first 8 KiB: the file is not text.
    #[error("{}: is a binary file (NUL byte at byte offset {offset})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: u64,
    },
    /// A compressed (`.gz`) file that could not be decompressed (truncated, corrupt).
    #[error("{}: cannot decompress: {error}", path.display())]
    Decompress {
        /// The file.
        path: PathBuf,
        /// What the decompressor said.
        error: io::Error,
    },
    /// A web page that gave no article.
    #[error("{}: {error}", path.display())]
    Html {
        /// The file.
        path: PathBuf,
        /// Why.
        error: super::html::HtmlError,
    },
    /// A feed file that gave no article, or not all of them.
    #[error("{}: {error}", path.display())]
    Feed {
        /// The file.
        path: PathBuf,
        /// Why.
        error: super::feed::FeedError,
    },
    /// An article whose canonical URL was already read from another file or record; it is
    /// skipped (a warning). See [`super::url::UrlSeen`].
    #[error(
        "{}: article `{}` has the same URL as `{}` from {} ({url}); skipped",
        path.display(), one_line(id), one_line(kept_id), kept_path.display()
    )]
    DuplicateUrl {
        /// The file of the skipped article.
        path: PathBuf,
        /// The skipped article's id.
        id: String,
        /// The canonical URL both have.
        url: String,
        /// The file the kept article was read from.
        kept_path: PathBuf,
        /// The kept article's id.
        kept_id: String,
    },
    /// An article whose id an earlier article of the run already has (two `index.html` pages
    /// in different folders, a guid repeated across feed snapshots): it is kept under a new
    /// id, `<id>-2`, `-3`, ..., so every citation names one article (a warning).
    #[error(
        "{}: article id `{}` is already used by an earlier article; renamed `{}`",
        path.display(), one_line(id), one_line(renamed)
    )]
    DuplicateId {
        /// The file of the renamed article.
        path: PathBuf,
        /// The id it came with.
        id: String,
        /// The id it now has.
        renamed: String,
    },
    /// The bytes are not UTF-8.
    #[error("{}:{line}: invalid UTF-8 at byte offset {offset}", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: u64,
        /// Byte offset of the first bad byte in the file.
        offset: u64,
    },
    /// A one-article file (`.txt`, `.md`, `.json`) larger than [`super::Options::max_file_bytes`].
    #[error(
        "{}: file is too large: {} ({size} bytes), over the {} limit for one-article files",
        path.display(), Size(*size), Size(*limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// One record (JSON line, Multi-News line, SGML `<DOC>`) larger than
    /// [`super::Options::max_record_bytes`]; the record is skipped.
    #[error(
        "{}:{line}: record is too large: {} ({size} bytes), over the {} limit per record",
        path.display(), Size(*size), Size(*limit)
    )]
    RecordTooLarge {
        /// The file.
        path: PathBuf,
        /// 1-based line where the record starts.
        line: u64,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// JSON syntax error.
    #[error("{}:{line}: malformed JSON: {} at column {column}", path.display(), one_line(message))]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// 1-based column (in bytes) within that line.
        column: u64,
        /// What the JSON parser expected.
        message: String,
    },
    /// Well-formed input that is not an article or a cluster (missing `text`, wrong type,
    /// a `<DOC>` without `DOCNO`, ...).
    #[error("{}: invalid record: {}", Loc(path, *line), one_line(message))]
    InvalidRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line, when the format has lines.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// An SGML element opened and never closed before the end of the file.
    #[error("{}:{line}: <{tag}> is never closed", path.display())]
    Unterminated {
        /// The file.
        path: PathBuf,
        /// 1-based line where the element opens.
        line: u64,
        /// The element name.
        tag: &'static str,
    },
    /// An article whose text is empty after trimming; it is skipped (a warning).
    #[error("{}: article `{}` has no text; skipped", Loc(path, *line), one_line(id))]
    EmptyArticle {
        /// The file.
        path: PathBuf,
        /// 1-based line, when the format has lines.
        line: Option<u64>,
        /// The article id.
        id: String,
    },
    /// A cluster none of whose documents has text; it is skipped (a warning).
    #[error("{}: cluster `{}` has no article with text; skipped", Loc(path, *line), one_line(id))]
    EmptyCluster {
        /// The file.
        path: PathBuf,
        /// 1-based line, when the format has lines.
        line: Option<u64>,
        /// The cluster id.
        id: String,
    },
    /// A file, or a directory named on the command line, that gave no article at all.
    #[error("{}: no articles found", path.display())]
    NoArticles {
        /// The file or directory.
        path: PathBuf,
    },
    /// A WARC record that could not be read or gave no article; the records before and after
    /// it are still read.
    #[error("{}: record {record} at byte {offset}{}: {problem}", path.display(), At(url))]
    Warc {
        /// The file.
        path: PathBuf,
        /// 1-based number of the record in the file (broken ones counted).
        record: u64,
        /// Byte offset where the record starts (in the decompressed stream of a `.warc.gz`).
        offset: u64,
        /// The record's `WARC-Target-URI`, when it was read.
        url: Option<String>,
        /// What is wrong.
        problem: super::warc::WarcProblem,
    },
    /// Too many errors in one file: the rest are counted, not listed.
    #[error("{}: {count} more errors not shown", path.display())]
    MoreErrors {
        /// The file.
        path: PathBuf,
        /// How many errors were left out.
        count: u64,
    },
}

impl Error {
    /// The file or directory the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Error::Io { path, .. }
            | Error::Empty { path }
            | Error::Decompress { path, .. }
            | Error::Html { path, .. }
            | Error::Feed { path, .. }
            | Error::DuplicateUrl { path, .. }
            | Error::DuplicateId { path, .. }
            | Error::Binary { path, .. }
            | Error::InvalidUtf8 { path, .. }
            | Error::TooLarge { path, .. }
            | Error::RecordTooLarge { path, .. }
            | Error::Json { path, .. }
            | Error::InvalidRecord { path, .. }
            | Error::Unterminated { path, .. }
            | Error::EmptyArticle { path, .. }
            | Error::EmptyCluster { path, .. }
            | Error::NoArticles { path }
            | Error::Warc { path, .. }
            | Error::MoreErrors { path, .. } => path,
        }
    }

    /// The 1-based line the error is about, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::InvalidUtf8 { line, .. }
            | Error::RecordTooLarge { line, .. }
            | Error::Json { line, .. }
            | Error::Unterminated { line, .. } => Some(*line),
            Error::InvalidRecord { line, .. }
            | Error::EmptyArticle { line, .. }
            | Error::EmptyCluster { line, .. } => *line,
            _ => None,
        }
    }
}

/// `s` with control characters (newlines in an id, say) escaped, so messages stay one line.
fn one_line(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_debug().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// ` (url)` when there is one, escaped to one line.
struct At<'a>(&'a Option<String>);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(url) => write!(f, " ({})", one_line(url)),
            None => Ok(()),
        }
    }
}

/// `path` or `path:line`.
struct Loc<'a>(&'a Path, Option<u64>);

impl fmt::Display for Loc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(line) => write!(f, "{}:{line}", self.0.display()),
            None => write!(f, "{}", self.0.display()),
        }
    }
}

/// A byte count for people: `512 B`, `3.2 KiB`, `100.0 MiB`.
struct Size(u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
        if self.0 < 1024 {
            return write!(f, "{} B", self.0);
        }
        // Lossy on purpose: this is for display only.
        let mut value = self.0 as f64 / 1024.0;
        let mut unit = UNITS[0];
        for next in &UNITS[1..] {
            if value < 1024.0 {
                break;
            }
            value /= 1024.0;
            unit = next;
        }
        write!(f, "{value:.1} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(Size(10).to_string(), "10 B");
        assert_eq!(Size(100 * 1024 * 1024).to_string(), "100.0 MiB");
        assert_eq!(Size(1536).to_string(), "1.5 KiB");
    }

    #[test]
    fn display_is_one_line_with_location() {
        let e = Error::Json {
            path: "examples/x.jsonl".into(),
            line: 17,
            column: 33,
            message: "expected `,` or `}`".into(),
        };
        assert_eq!(
            e.to_string(),
            "examples/x.jsonl:17: malformed JSON: expected `,` or `}` at column 33"
        );
        assert_eq!(e.line(), Some(17));
        let e = Error::InvalidRecord {
            path: "a.json".into(),
            line: None,
            message: "m".into(),
        };
        assert_eq!(e.to_string(), "a.json: invalid record: m");
        let w = Error::EmptyArticle {
            path: "a.jsonl".into(),
            line: Some(2),
            id: "a\nb".into(),
        };
        assert_eq!(
            w.to_string(),
            "a.jsonl:2: article `a\\nb` has no text; skipped"
        );
        assert_eq!(e.path(), Path::new("a.json"));
        let e = Error::TooLarge {
            path: "big.txt".into(),
            size: 100 << 20,
            limit: 32 << 20,
        };
        assert_eq!(
            e.to_string(),
            "big.txt: file is too large: 100.0 MiB (104857600 bytes), over the 32.0 MiB limit \
             for one-article files"
        );
    }
}
