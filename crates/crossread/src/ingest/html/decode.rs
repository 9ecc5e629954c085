//! Bytes to text: which character encoding a saved page really uses.
//!
//! Order of belief: a byte-order mark; then bytes that are valid UTF-8 (whatever the page
//! declares: a page saved by a browser or an editor is re-encoded as UTF-8 more often than its
//! `<meta charset>` is updated, and Windows-1252 text that happens to be valid UTF-8 is vanishingly
//! rare); then the declared charset unless it is UTF-8; then, for bytes that are not UTF-8 but
//! claim to be or claim nothing, `chardetng`'s guess (the detector Firefox uses). A page that is
//! UTF-8 with a few stray bytes stays UTF-8 with U+FFFD for the strays.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

/// How far into the document a `<meta charset>` is looked for (the HTML standard says 1024
/// bytes; real pages put it after long comments and scripts, so look further).
const PRESCAN_BYTES: usize = 8 * 1024;

/// The decoded page.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Set when the bytes did not match the declared charset.
    pub note: Option<String>,
}

/// Decode `bytes` (see the module docs for the order of belief).
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(rest);
        return Decoded {
            text: text.into_owned(),
            encoding,
            note: None,
        };
    }
    let declared = declared_charset(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: UTF_8,
            note: None,
        };
    }
    if let Some(enc) = declared.filter(|e| *e != UTF_8) {
        let (text, _, _) = enc.decode(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc,
            note: None,
        };
    }
    // Not UTF-8, and declared UTF-8 or nothing.
    let (valid_non_ascii, invalid) = utf8_counts(bytes);
    let encoding = if valid_non_ascii >= 4 * invalid {
        UTF_8
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Deny)
    };
    let (text, _, _) = encoding.decode(bytes);
    let note = Some(match declared {
        Some(d) if d == encoding => format!("invalid {} bytes replaced", d.name()),
        Some(d) => format!(
            "declared {} but the bytes are not; decoded as {}",
            d.name(),
            encoding.name()
        ),
        None => format!("no charset declared; decoded as {}", encoding.name()),
    });
    Decoded {
        text: text.into_owned(),
        encoding,
        note,
    }
}

/// The charset named by a `<meta charset>` or `<meta http-equiv=content-type>` near the top.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#)
            .expect("valid regex")
    });
    let head = bytes.get(..bytes.len().min(PRESCAN_BYTES))?;
    let label = META.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    // The HTML standard: a page that declares UTF-16 in ASCII-compatible bytes is UTF-8.
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            enc
        },
    )
}

/// Valid non-ASCII UTF-8 characters and invalid byte runs in `bytes`.
fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_declared_as_utf8() {
        let page = b"<meta charset=\"utf-8\"><p>Caf\xe9 cr\xe8me \x93quoted\x94 na\xefve</p>";
        let d = decode(page);
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(d.text.contains("Café crème “quoted” naïve"), "{}", d.text);
        assert!(d.note.unwrap().contains("declared UTF-8"));
    }

    #[test]
    fn declared_and_real() {
        let d = decode(
            b"<meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'>\xe9t\xe9",
        );
        assert_eq!(d.encoding.name(), "windows-1252");
        assert!(d.text.ends_with("été"));
        assert!(d.note.is_none());
        // Valid UTF-8 beats a stale declaration.
        let d = decode("<meta charset=windows-1252>été".as_bytes());
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.ends_with("été"));
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte() {
        let mut page = "<p>été à Zürich, naïve café \u{2014} ok</p>"
            .as_bytes()
            .to_vec();
        page.push(0xff);
        let d = decode(&page);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("Zürich"));
    }

    #[test]
    fn bom() {
        let d = decode(b"\xff\xfe<\0p\0>\0");
        assert_eq!(d.encoding.name(), "UTF-16LE");
        assert_eq!(d.text, "<p>");
    }
}
