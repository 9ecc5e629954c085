//! Reading a stream line by line without ever holding more than one bounded line.
//!
//! `BufRead::read_until` would grow its buffer to the length of the line, so a file of several
//! GB without a newline would be read whole into memory. This reader stores at most `limit`
//! bytes of a line and only counts the rest.

use super::{Error, Sink};
use std::io::{self, BufRead};

/// Calls `f(sink, line number, text)` for every non-blank line of a one-record-per-line stream
/// (JSONL, Multi-News). I/O errors, over-long lines and invalid UTF-8 are reported to `sink`
/// with their line, and reading goes on with the next line; a UTF-8 byte-order mark at the start
/// is dropped. Returns whether the stream had any non-blank line.
pub(crate) fn for_each_record<R: BufRead>(
    sink: &mut Sink<'_, '_>,
    reader: R,
    limit: usize,
    mut f: impl FnMut(&mut Sink<'_, '_>, u64, &str),
) -> bool {
    let mut lines = LineReader::new(reader, limit);
    let mut buf = Vec::new();
    let mut saw_content = false;
    loop {
        let line = match lines.next_line(&mut buf) {
            Ok(line) => line,
            Err(error) => {
                sink.error(Error::Io {
                    path: sink.path.to_path_buf(),
                    error,
                });
                return saw_content;
            }
        };
        let n = lines.number;
        match line {
            Line::Eof => return saw_content,
            Line::TooLong { len } => {
                saw_content = true;
                sink.error(Error::RecordTooLarge {
                    path: sink.path.to_path_buf(),
                    line: n,
                    size: len,
                    limit: limit as u64,
                });
                continue;
            }
            Line::Fits => {}
        }
        let bytes = if n == 1 {
            buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&buf)
        } else {
            &buf
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                saw_content = true;
                sink.error(Error::InvalidUtf8 {
                    path: sink.path.to_path_buf(),
                    line: n,
                    offset: lines.offset + e.valid_up_to() as u64,
                });
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        saw_content = true;
        f(sink, n, text);
    }
}

/// One line read from a stream.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of the stream: no more bytes.
    Eof,
    /// A line (without its `\n`, and without a `\r` before it) is in the buffer.
    Fits,
    /// The line is `len` bytes long, over the limit; the buffer holds only its first bytes.
    TooLong {
        /// The full length of the line, without its `\n`.
        len: u64,
    },
}

/// Reads lines with a byte limit and keeps the 1-based number and byte offset of the last one.
pub(crate) struct LineReader<R> {
    inner: R,
    limit: usize,
    /// 1-based number of the line last read (0 before the first).
    pub number: u64,
    /// Byte offset in the stream of the start of the line last read.
    pub offset: u64,
    next_offset: u64,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        LineReader {
            inner,
            limit,
            number: 0,
            offset: 0,
            next_offset: 0,
        }
    }

    /// Read the next line into `buf` (cleared first).
    pub(crate) fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Line> {
        buf.clear();
        let mut len: u64 = 0;
        let mut saw_any = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            saw_any = true;
            let (part, consumed, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (&chunk[..i], i + 1, true),
                None => (chunk, chunk.len(), false),
            };
            let room = self.limit.saturating_sub(buf.len());
            buf.extend_from_slice(&part[..part.len().min(room)]);
            len += part.len() as u64;
            self.inner.consume(consumed);
            if done {
                break;
            }
        }
        if !saw_any {
            return Ok(Line::Eof);
        }
        self.number += 1;
        self.offset = self.next_offset;
        // The `+ 1` counts the newline; at the end of the stream there may be none, but then
        // no line follows whose offset it could make wrong.
        self.next_offset += len + 1;
        if len > self.limit as u64 {
            return Ok(Line::TooLong { len });
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Ok(Line::Fits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<(Line, Vec<u8>, u64, u64)> {
        let mut r = LineReader::new(io::BufReader::with_capacity(3, input), limit);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        loop {
            let l = r.next_line(&mut buf).unwrap();
            if l == Line::Eof {
                return out;
            }
            out.push((l, buf.clone(), r.number, r.offset));
        }
    }

    #[test]
    fn splits_and_counts() {
        let got = lines(b"ab\r\ncdefgh\n\nij", 4);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], (Line::Fits, b"ab".to_vec(), 1, 0));
        assert_eq!(got[1], (Line::TooLong { len: 6 }, b"cdef".to_vec(), 2, 4));
        assert_eq!(got[2], (Line::Fits, b"".to_vec(), 3, 11));
        assert_eq!(got[3], (Line::Fits, b"ij".to_vec(), 4, 12));
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        assert_eq!(lines(b"a\n", 10).len(), 1);
        assert_eq!(lines(b"", 10).len(), 0);
    }
}
