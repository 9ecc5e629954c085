//! Pathologically deep pages: flatten element nesting past a limit before parsing.
//!
//! The HTML parser builds any depth, but the extractor walks the tree recursively, so a page
//! with 100,000 nested `<div>`s would overflow the stack (an abort, not a catchable panic).
//! Running on a thread with a huge stack only moves the limit. Instead a cheap tag scanner
//! (no tree, one pass, linear) measures nesting, and when it exceeds the limit a second pass
//! drops the start and end tags that lie deeper, keeping all text. Real pages rarely nest
//! beyond 60 levels, so ordinary pages are never touched.
//!
//! Elements whose end tag is optional (`p`, `li`, `td`, ...) are not counted: the parser closes
//! them implicitly, so a page of unclosed `<p>`s is not deep.

/// `html` with tags deeper than `max` removed, or `None` when it is not that deep.
pub(crate) fn flatten_if_deeper(html: &str, max: usize) -> Option<String> {
    let mut drops: Vec<(usize, usize)> = Vec::new();
    scan(html.as_bytes(), max, &mut drops);
    if drops.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in drops {
        // Tag boundaries are ASCII `<` and `>`, so these are char boundaries.
        out.push_str(html.get(at..start)?);
        at = end;
    }
    out.push_str(html.get(at..)?);
    Some(out)
}

const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"keygen", b"command",
];
const OPTIONAL_END: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"rb",
    b"rt",
    b"rp",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"html",
    b"head",
    b"body",
];
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"plaintext",
];

/// Record the byte ranges of tags nested deeper than `max`.
fn scan(b: &[u8], max: usize, drops: &mut Vec<(usize, usize)>) {
    let mut depth = 0usize;
    // Dropped start tags not yet matched by a dropped end tag.
    let mut excess = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) {
        let lt = i + off;
        let rest = b.get(lt + 1..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i = match memchr::memmem::find(rest, b"-->") {
                Some(e) => lt + 1 + e + 3,
                None => return,
            };
            continue;
        }
        let (is_end, name_at) = match rest.first() {
            Some(b'/') => (true, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
            Some(b'!' | b'?') => {
                i = match memchr::memchr(b'>', rest) {
                    Some(e) => lt + 1 + e + 1,
                    None => return,
                };
                continue;
            }
            _ => {
                i = lt + 1;
                continue;
            }
        };
        let name_end = b
            .get(name_at..)
            .unwrap_or_default()
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(b.len(), |p| name_at + p);
        // Lower-cased on the stack: every listed name is shorter than the buffer, so a longer
        // name is only ever tested for membership, which it fails in either case.
        let raw_name = b.get(name_at..name_end).unwrap_or_default();
        let mut buf = [0u8; 16];
        let name: &[u8] = match buf.get_mut(..raw_name.len()) {
            Some(lower) => {
                lower.copy_from_slice(raw_name);
                lower.make_ascii_lowercase();
                lower
            }
            None => raw_name,
        };
        let Some(gt) = tag_end(b, name_end) else {
            return;
        };
        let self_closing = gt > 0 && b.get(gt - 1) == Some(&b'/');
        let tag_end = gt + 1;
        let counted = !name.is_empty() && !VOID.contains(&name) && !OPTIONAL_END.contains(&name);
        if is_end {
            if counted {
                if excess > 0 {
                    excess -= 1;
                    drops.push((lt, tag_end));
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            i = tag_end;
            continue;
        }
        if RAW_TEXT.contains(&name) && !self_closing {
            // Skip to the matching end tag; its contents are not markup.
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            let after = b.get(tag_end..).unwrap_or_default();
            // Skip its end tag too: the start tag was not counted, so the end tag must not
            // be (it would close, or be dropped as, one of the elements around it).
            let close_at = match find_ci(after, &close) {
                Some(e) => tag_end + e,
                None => return,
            };
            i = match self::tag_end(b, close_at + close.len()) {
                Some(g) => g + 1,
                None => return,
            };
            continue;
        }
        if counted && !self_closing {
            if depth >= max {
                excess += 1;
                drops.push((lt, tag_end));
            } else {
                depth += 1;
            }
        }
        i = tag_end;
    }
}

/// Index of the `>` that ends a tag whose attributes start at `from` (quotes respected).
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let k = at + memchr::memchr3(b'"', b'\'', b'>', b.get(at..)?)?;
        let c = *b.get(k)?;
        if c == b'>' {
            return Some(k);
        }
        // A quoted value: the tag cannot end before the same quote closes it.
        at = k + 1 + memchr::memchr(c, b.get(k + 1..)?)? + 1;
    }
}

/// First ASCII-case-insensitive occurrence of `needle` (lowercase) in `hay`.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = 0;
    while let Some(off) = memchr::memchr(first, hay.get(at..)?) {
        let pos = at + off;
        if hay
            .get(pos..pos + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(pos);
        }
        at = pos + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_untouched() {
        let page = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script></div></body></html>";
        assert_eq!(flatten_if_deeper(page, 3), None);
    }

    #[test]
    fn deep_pages_flattened_text_kept() {
        let page = format!(
            "{}text{}",
            "<div class=\"x\">".repeat(10),
            "</div>".repeat(10)
        );
        let flat = flatten_if_deeper(&page, 3).unwrap();
        assert_eq!(
            flat,
            format!(
                "{}text{}",
                "<div class=\"x\">".repeat(3),
                "</div>".repeat(3)
            )
        );
    }

    #[test]
    fn quoted_gt_and_upper_case_raw_text_do_not_end_early() {
        // A `>` inside a quoted value does not end the tag; `<SCRIPT>` code is not markup.
        let page = format!(
            "{}<SCRIPT>var s = '<div><div><div>';</SCRIPT>text{}",
            "<div title=\"a > b\" class='c>d'>".repeat(3),
            "</div>".repeat(3)
        );
        assert_eq!(flatten_if_deeper(&page, 3), None);
        let quoted = format!(
            "{}text{}",
            "<div title=\"a > b\" class='c>d'>".repeat(3),
            "</div>".repeat(3)
        );
        assert_eq!(
            flatten_if_deeper(&quoted, 2),
            Some(format!(
                "{}text{}",
                "<div title=\"a > b\" class='c>d'>".repeat(2),
                "</div>".repeat(2)
            ))
        );
    }

    #[test]
    fn raw_text_inside_the_dropped_region_stays_closed() {
        // The `<script>` sits deeper than the limit: its end tag must neither be dropped as
        // an excess end tag (leaving the script open over the rest of the page) nor close a
        // `<div>`.
        let page = format!(
            "{}<script>var x = 1;</script>inner{}after",
            "<div>".repeat(5),
            "</div>".repeat(5)
        );
        let flat = flatten_if_deeper(&page, 3).unwrap();
        assert_eq!(
            flat,
            format!(
                "{}<script>var x = 1;</script>inner{}after",
                "<div>".repeat(3),
                "</div>".repeat(3)
            )
        );
    }

    #[test]
    fn a_long_tag_name_counts_as_an_element() {
        let page = "<averyveryverylongcustomelement><averyveryverylongcustomelement>x</averyveryverylongcustomelement></averyveryverylongcustomelement>";
        assert_eq!(
            flatten_if_deeper(page, 1).as_deref(),
            Some("<averyveryverylongcustomelement>x</averyveryverylongcustomelement>")
        );
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for page in [
            "<div",
            "<!-- x",
            "<script>never closed",
            "<a href='>",
            "</",
            "<",
            "é<é>",
        ] {
            let _ = flatten_if_deeper(page, 0);
        }
    }
}
