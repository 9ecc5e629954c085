//! Multi-member gzip that survives a corrupt member: what a `.warc.gz` needs.
//!
//! A `.warc.gz` is one gzip member per record (the WARC standard's recommendation, and what
//! Common Crawl and every common crawler write), so a corrupt member costs one record, not the
//! rest of the file, provided the reader can find the next member. flate2's `MultiGzDecoder`
//! cannot: after a bad member its state is an error for good. [`Members`] decodes member by
//! member with flate2 and, when one is corrupt, reports it once as a [`Gap`] (an `io::Error`
//! whose inner error is the `Gap`, so readers that do not know it simply stop there, as with
//! any read error) and then goes on with the next member: the next `1f 8b 08` in the
//! compressed bytes with a header that parses. A reader that knows about gaps
//! ([`super::warc`]) reports the record that was cut and resynchronises on the next record.
//!
//! A header found by scanning can be a false one, three bytes inside deflate data that happen
//! to look like a gzip header; its member then fails too and is reported as one more gap. Each
//! scan starts at least one byte further on, so reading always ends. A truncated last member
//! is an error with nothing after it, as before.

use std::fmt;
use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// A one-member gzip file decompressed in one call by libdeflate (about half the
/// instructions of flate2's streaming `MultiGzDecoder` on the extraction_dev pages, which are
/// `.html.gz`), or `None` when it is not certainly that: the caller then streams it through
/// `MultiGzDecoder` as before, so every answer given here is the bytes `MultiGzDecoder` gives.
///
/// libdeflate decodes the first member only and checks that member's CRC and size. What
/// `MultiGzDecoder` would add is further members, so the answer is only taken when
/// - the file's last 8 bytes (the last member's CRC and size) agree with the output, which
///   a further member would have to fake (a `bgzip` file's empty last member does not), and
/// - the file's first 10 bytes (the member header) occur nowhere else in it, which rules out
///   a member repeated by `cat a.gz a.gz`, the one case the first check cannot see.
///
/// The size in the footer sizes the output buffer; above `limit` the streaming path is left
/// to report the file as too large.
pub(crate) fn gunzip_whole(gz: &[u8], limit: u64) -> Option<Vec<u8>> {
    const HEADER: usize = 10;
    const FOOTER: usize = 8;
    if gz.len() < HEADER + FOOTER || !gz.starts_with(&MAGIC) {
        return None;
    }
    let footer = &gz[gz.len() - FOOTER..];
    let crc = u32::from_le_bytes([footer[0], footer[1], footer[2], footer[3]]);
    let size = u32::from_le_bytes([footer[4], footer[5], footer[6], footer[7]]);
    if u64::from(size) > limit {
        return None;
    }
    if memchr::memmem::find(&gz[HEADER..], &gz[..HEADER]).is_some() {
        return None;
    }
    let mut out = vec![0; size as usize];
    let written = libdeflater::Decompressor::new()
        .gzip_decompress(gz, &mut out)
        .ok()?;
    (written == out.len() && libdeflater::crc32(&out) == crc).then_some(out)
}

/// The first bytes of a gzip member: magic `1f 8b`, method 8 (deflate).
const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// A corrupt gzip member was skipped: what the decoder said, and how many compressed bytes
/// were passed over to reach the next member (`None`: there was none, the stream ends here).
#[derive(Debug)]
pub(crate) struct Gap {
    /// The decoder's error on the corrupt member.
    pub error: io::Error,
    /// Compressed bytes skipped to the next member, when one was found.
    pub skipped: Option<u64>,
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.skipped {
            Some(n) => write!(
                f,
                "corrupt gzip member ({}); skipped {n} compressed bytes to the next member",
                self.error
            ),
            None => write!(f, "{}", self.error),
        }
    }
}

impl std::error::Error for Gap {}

impl Gap {
    /// The gap inside a read error, if it is one that reading can go on after.
    pub(crate) fn resumable(error: &io::Error) -> bool {
        error
            .get_ref()
            .and_then(|e| e.downcast_ref::<Gap>())
            .is_some_and(|gap| gap.skipped.is_some())
    }
}

/// Output of one member held back until the member's checksum has been verified: a corrupt
/// member can inflate to garbage before its CRC says so, and a record of garbage must not
/// become an article. A member larger than this (a whole archive compressed as one member,
/// which the standard advises against) is passed on in pieces of this size, unverified.
const HOLD: usize = 8 << 20;

/// Where [`Members`] is.
enum State<R> {
    /// Decoding a member that started at byte `start` of the compressed stream.
    Member {
        decoder: GzDecoder<Raw<R>>,
        start: u64,
    },
    /// Between members (or before the first).
    Between(Raw<R>),
    /// The stream has ended (or a read error left no way on).
    Done,
}

/// A reader of concatenated gzip members that goes on after a corrupt one (see the module
/// notes). Bytes after the last member that are not gzip are an error, like flate2's.
pub(crate) struct Members<R> {
    state: State<R>,
    /// Verified output not yet read, from `pos`.
    out: Vec<u8>,
    pos: usize,
}

impl<R: Read> Members<R> {
    pub(crate) fn new(inner: R) -> Self {
        Members {
            state: State::Between(Raw::new(inner)),
            out: Vec::new(),
            pos: 0,
        }
    }
}

/// Inflate into `out` until the member ends (`true`, its CRC checked) or `out` holds
/// [`HOLD`] bytes (`false`).
fn inflate<R: Read>(decoder: &mut GzDecoder<Raw<R>>, out: &mut Vec<u8>) -> io::Result<bool> {
    let mut chunk = [0u8; 32 * 1024];
    while out.len() < HOLD {
        match decoder.read(&mut chunk) {
            Ok(0) => return Ok(true),
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos < self.out.len() || buf.is_empty() {
                let n = (self.out.len() - self.pos).min(buf.len());
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            self.out.clear();
            self.pos = 0;
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut raw) => {
                    if raw.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    let start = raw.taken;
                    self.state = State::Member {
                        decoder: GzDecoder::new(raw),
                        start,
                    };
                }
                State::Member { mut decoder, start } => {
                    match inflate(&mut decoder, &mut self.out) {
                        Ok(true) => self.state = State::Between(decoder.into_inner()),
                        Ok(false) => self.state = State::Member { decoder, start },
                        Err(error) => {
                            self.out.clear();
                            let mut raw = decoder.into_inner();
                            let kind = error.kind();
                            // Scan from where the decoder stopped, or one byte on if it consumed
                            // nothing, so that every gap moves forward.
                            let from = usize::from(raw.taken == start);
                            let skipped = match next_member(&mut raw, from)? {
                                Some(n) => {
                                    self.state = State::Between(raw);
                                    Some(n)
                                }
                                // No member after it (the common case: a truncated last member).
                                None => None,
                            };
                            return Err(io::Error::new(kind, Gap { error, skipped }));
                        }
                    }
                }
            }
        }
    }
}

/// The compressed bytes, buffered so that a gzip header cut by the end of a read can be kept
/// while more is read (a `BufReader` refills only when empty).
struct Raw<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Bytes consumed so far.
    taken: u64,
}

impl<R: Read> Raw<R> {
    fn new(inner: R) -> Self {
        Raw {
            inner,
            buf: vec![0; 64 * 1024],
            pos: 0,
            end: 0,
            taken: 0,
        }
    }

    /// Buffer at least `n` bytes unless the stream ends first; the bytes buffered.
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.pos < n {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(0) => break,
                    Ok(k) => self.end += k,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }
}

impl<R: Read> Read for Raw<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let data = self.fill_buf()?;
        let n = data.len().min(out.len());
        out[..n].copy_from_slice(&data[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Raw<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.fill_at_least(1)
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.taken += n as u64;
    }
}

/// Skip to the next gzip header at or after byte `from` of what is buffered: the number of
/// bytes skipped, or `None` when the stream ends first. A header is the magic and a flags
/// byte with its reserved bits clear.
fn next_member<R: Read>(raw: &mut Raw<R>, mut from: usize) -> io::Result<Option<u64>> {
    let mut skipped = 0u64;
    loop {
        let data = raw.fill_at_least(from + 4)?;
        if data.len() < from + 4 {
            let n = data.len();
            raw.consume(n);
            return Ok(None);
        }
        let found = memchr::memmem::find_iter(&data[from..], &MAGIC)
            .map(|k| from + k)
            .find(|&at| data.get(at + 3).is_some_and(|flags| flags & 0xe0 == 0));
        match found {
            Some(at) => {
                raw.consume(at);
                return Ok(Some(skipped + at as u64));
            }
            None => {
                // Keep the last three bytes: they may start a header cut by the buffer's end.
                let n = data.len() - 3;
                raw.consume(n);
                skipped += n as u64;
                from = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn member(text: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text).unwrap();
        gz.finish().unwrap()
    }

    /// Read everything, collecting the text and the gaps.
    fn read_all(bytes: &[u8]) -> (Vec<u8>, Vec<String>) {
        let mut reader = Members::new(bytes);
        let (mut out, mut gaps) = (Vec::new(), Vec::new());
        let mut buf = [0u8; 7];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return (out, gaps),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => {
                    let resumable = Gap::resumable(&e);
                    gaps.push(e.to_string());
                    if !resumable {
                        return (out, gaps);
                    }
                }
            }
        }
    }

    /// What flate2's `MultiGzDecoder` makes of `gz`.
    fn streamed(gz: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(gz)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn whole_gunzip_of_one_member_is_what_streaming_gives() {
        let page = b"<html><body><p>caf\xc3\xa9 ".repeat(2000);
        for gz in [member(&page), member(b""), member(b"x")] {
            assert_eq!(gunzip_whole(&gz, 1 << 20), Some(streamed(&gz)));
        }
    }

    #[test]
    fn whole_gunzip_leaves_anything_else_to_the_streaming_decoder() {
        let (a, b) = (member(b"first part "), member(b"second part"));
        let cat = |parts: &[&Vec<u8>]| {
            parts
                .iter()
                .flat_map(|p| p.iter().copied())
                .collect::<Vec<u8>>()
        };
        // More than one member: libdeflate would stop after the first.
        assert_eq!(gunzip_whole(&cat(&[&a, &b]), 1 << 20), None);
        assert_eq!(
            gunzip_whole(&cat(&[&a, &a]), 1 << 20),
            None,
            "a repeated member"
        );
        assert_eq!(
            gunzip_whole(&cat(&[&a, &member(b"")]), 1 << 20),
            None,
            "bgzip's empty last member"
        );
        assert_eq!(streamed(&cat(&[&a, &a])), b"first part first part ");
        // Corrupt, truncated, trailing bytes, not gzip, too large.
        let mut corrupt = a.clone();
        corrupt[12] ^= 0xff;
        assert_eq!(gunzip_whole(&corrupt, 1 << 20), None);
        assert_eq!(gunzip_whole(&a[..a.len() - 1], 1 << 20), None);
        assert_eq!(gunzip_whole(&cat(&[&a, &vec![0; 8]]), 1 << 20), None);
        assert_eq!(gunzip_whole(b"<html>not gzip at all</html>", 1 << 20), None);
        assert_eq!(gunzip_whole(&a, 10), None, "11 bytes above a limit of 10");
        assert_eq!(gunzip_whole(&a, 11).as_deref(), Some(&b"first part "[..]));
    }

    #[test]
    fn members_are_read_in_order() {
        let mut bytes = member(b"first record\n");
        bytes.extend(member(b""));
        bytes.extend(member(b"second record\n"));
        assert_eq!(
            read_all(&bytes),
            (b"first record\nsecond record\n".to_vec(), vec![])
        );
    }

    #[test]
    fn a_corrupt_member_costs_only_itself() {
        let one = member(b"one one one one one\n");
        let mut two = member(b"two two two two two two two two\n");
        let three = member(b"three three three\n");
        // Damage the middle of the second member's deflate data and its CRC.
        let mid = two.len() / 2;
        two[mid] ^= 0xff;
        let len = two.len();
        two[len - 8] ^= 0xff;
        let bytes = [one, two, three].concat();
        let (text, gaps) = read_all(&bytes);
        // Nothing of the corrupt member comes through, not even what inflated before its CRC
        // gave it away.
        let text = String::from_utf8_lossy(&text);
        assert_eq!(text, "one one one one one\nthree three three\n");
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert!(gaps[0].starts_with("corrupt gzip member ("), "{gaps:?}");
    }

    #[test]
    fn a_truncated_last_member_ends_the_stream_with_an_error() {
        let mut bytes = member(b"whole\n");
        let cut = member(b"cut short by the end of the file\n");
        bytes.extend_from_slice(&cut[..cut.len() - 10]);
        let (text, gaps) = read_all(&bytes);
        assert!(text.starts_with(b"whole\n"));
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert!(!gaps[0].contains("skipped"), "{gaps:?}");
    }

    #[test]
    fn garbage_never_loops() {
        for junk in [
            &b"\x1f\x8b\x08"[..],
            b"\x1f\x8b\x08\x00\x00",
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x1f\x8b\x08\x00",
            b"not gzip at all",
            b"\x1f\x1f\x1f\x8b\x8b\x08",
        ] {
            let (_, gaps) = read_all(junk);
            assert!(!gaps.is_empty(), "{junk:?}");
        }
    }
}
