//! The code in a page's `<head>`, cut before parsing.
//!
//! On the saved news pages of extraction_dev a third of the bytes is JavaScript and CSS inside
//! the head. html5ever tokenizes all of it into text nodes that nothing reads: the head's
//! scripts are read only for their JSON (JSON-LD metadata, kept here), rs-trafilatura's
//! page-type features read the *body's* text, and its cleaning removes the head before the
//! main-content search. So the contents of the head's `<style>` elements and of its
//! `<script>` elements (other than JSON ones) are cut; the elements themselves stay, so element
//! counts and the tree's shape are unchanged.
//!
//! Only what is certainly in the head is touched. The scan follows the HTML tokenizer and
//! tree builder for what may come before the body (whitespace, comments, the doctype, and the
//! `html`, `head`, `base`, `link`, `meta`, `title`, `script` and `style` elements, which the
//! parser puts in the head even after `</head>`) and stops at the first thing that starts the
//! body or that it does not model exactly (text, any other tag, `<noscript>`, `<template>`,
//! a `<!--` inside a script, whose escaping rules it does not follow, an unfinished tag).

/// `html` without the code in its head, or `None` when there is none to cut.
pub(crate) fn cut_head_code(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    loop {
        while b.get(i).is_some_and(|c| is_space(*c)) {
            i += 1;
        }
        if b.get(i) != Some(&b'<') {
            break; // text (or the end): the body starts here
        }
        let rest = b.get(i + 1..).unwrap_or_default();
        if let Some(comment) = rest.strip_prefix(b"!--") {
            // `<!-->`, `<!--->` and `--!>` also end comments; such pages are left alone.
            let Some(end) = memchr::memmem::find(comment, b"-->") else {
                break;
            };
            let text = comment.get(..end).unwrap_or_default();
            if comment.starts_with(b">")
                || comment.starts_with(b"->")
                || memchr::memmem::find(text, b"--!").is_some()
            {
                break;
            }
            i += 1 + 3 + end + 3;
            continue;
        }
        match rest.first() {
            // A doctype or a bogus comment: ends at the first `>`.
            Some(b'!' | b'?') => match memchr::memchr(b'>', rest) {
                Some(gt) => i += 1 + gt + 1,
                None => break,
            },
            Some(b'/') => {
                let Some(tag) = Tag::parse(b, i + 2) else {
                    break;
                };
                if tag.name != b"head" {
                    break;
                }
                i = tag.end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tag) = Tag::parse(b, i + 1) else {
                    break;
                };
                match tag.name.as_slice() {
                    b"html" | b"head" | b"base" | b"basefont" | b"bgsound" | b"link" | b"meta" => {
                        i = tag.end;
                    }
                    name @ (b"title" | b"script" | b"style") => {
                        let content = tag.end;
                        let Some(close) = end_tag(b, content, name) else {
                            break;
                        };
                        let text = b.get(content..close).unwrap_or_default();
                        if name == b"script" && memchr::memmem::find(text, b"<!--").is_some() {
                            break;
                        }
                        let Some(after) = Tag::parse(b, close + 2 + name.len()).map(|t| t.end)
                        else {
                            break;
                        };
                        let keep = name == b"title" || (name == b"script" && tag.json_type);
                        if !keep && close > content {
                            cuts.push((content, close));
                        }
                        i = after;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in cuts {
        // Cuts start after a `>` and end before a `<`: both are char boundaries.
        out.push_str(html.get(at..start)?);
        at = end;
    }
    out.push_str(html.get(at..)?);
    Some(out)
}

/// HTML's whitespace between tags.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// A tag as the HTML tokenizer reads it.
struct Tag {
    /// Lower-cased name.
    name: Vec<u8>,
    /// Index just past its `>`.
    end: usize,
    /// It has a `type` attribute that may name JSON (or hides its value behind a character
    /// reference), so a script is kept whole.
    json_type: bool,
}

impl Tag {
    /// The tag whose name starts at `at`, following the tokenizer's tag and attribute states
    /// (quoted values may hold `>`); `None` when the input ends first.
    fn parse(b: &[u8], at: usize) -> Option<Tag> {
        let mut i = at;
        while b
            .get(i)
            .is_some_and(|c| !is_space(*c) && *c != b'/' && *c != b'>')
        {
            i += 1;
        }
        let name = b.get(at..i)?.to_ascii_lowercase();
        let mut json_type = false;
        loop {
            // Before an attribute name.
            match *b.get(i)? {
                c if is_space(c) || c == b'/' => {
                    i += 1;
                    continue;
                }
                b'>' => {
                    return Some(Tag {
                        name,
                        end: i + 1,
                        json_type,
                    })
                }
                _ => {}
            }
            let name_at = i;
            // The first character is part of the name even when it is `=`.
            i += 1;
            while b
                .get(i)
                .is_some_and(|c| !is_space(*c) && !matches!(c, b'/' | b'>' | b'='))
            {
                i += 1;
            }
            let attr = b.get(name_at..i)?;
            while b.get(i).is_some_and(|c| is_space(*c)) {
                i += 1;
            }
            if b.get(i) != Some(&b'=') {
                continue; // no value
            }
            i += 1;
            while b.get(i).is_some_and(|c| is_space(*c)) {
                i += 1;
            }
            let value = match *b.get(i)? {
                q @ (b'"' | b'\'') => {
                    let start = i + 1;
                    let len = memchr::memchr(q, b.get(start..)?)?;
                    i = start + len + 1;
                    b.get(start..start + len)?
                }
                b'>' => b"",
                _ => {
                    let start = i;
                    while b.get(i).is_some_and(|c| !is_space(*c) && *c != b'>') {
                        i += 1;
                    }
                    b.get(start..i)?
                }
            };
            if attr.eq_ignore_ascii_case(b"type") {
                let lower = value.to_ascii_lowercase();
                json_type |=
                    memchr::memmem::find(&lower, b"json").is_some() || lower.contains(&b'&');
            }
        }
    }
}

/// Index of the `</name` that ends raw text starting at `from`: followed by whitespace, `/` or
/// `>`, as the tokenizer requires of an end tag there.
fn end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = at + memchr::memmem::find(b.get(at..)?, b"</")?;
        let after = lt + 2 + name.len();
        if b.get(lt + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_some_and(|c| is_space(*c) || matches!(c, b'/' | b'>'))
        {
            return Some(lt);
        }
        at = lt + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_head_scripts_and_styles_keeps_json_ld_and_title() {
        let page = concat!(
            "<!DOCTYPE html><!-- a comment --><html lang=en><head><meta charset=\"utf-8\">",
            "<title>A &lt;title&gt;</title>",
            "<script src=\"a.js\"></script><script>var a = '<div>' + b;</script>",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>",
            "<style media=\"x > y\">p { color: red }</style>",
            "<link rel=stylesheet href=s.css></head>\n",
            "<script>late()</script>",
            "<body><script>inBody()</script><p>Text</p></body></html>"
        );
        let cut = cut_head_code(page).unwrap();
        assert_eq!(
            cut,
            concat!(
                "<!DOCTYPE html><!-- a comment --><html lang=en><head><meta charset=\"utf-8\">",
                "<title>A &lt;title&gt;</title>",
                "<script src=\"a.js\"></script><script></script>",
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>",
                "<style media=\"x > y\"></style>",
                "<link rel=stylesheet href=s.css></head>\n",
                "<script></script>",
                "<body><script>inBody()</script><p>Text</p></body></html>"
            )
        );
    }

    #[test]
    fn stops_where_the_body_may_start() {
        // Text in the head starts the body: the script after it is the body's.
        assert_eq!(cut_head_code("<head>x<script>a()</script>"), None);
        // A tag it does not model, and a script with escaped `<!--` content.
        assert_eq!(
            cut_head_code("<head><noscript><style>p{}</style></noscript>"),
            None
        );
        assert_eq!(
            cut_head_code("<head><script><!-- <script>a()</script> --></script><style>p{}</style>"),
            None
        );
        // An unterminated script or tag.
        assert_eq!(cut_head_code("<head><script>a()"), None);
        assert_eq!(cut_head_code("<head><style x=\">p{}</style>"), None);
        assert_eq!(cut_head_code(""), None);
        // `</scripts>` does not end a script.
        assert_eq!(
            cut_head_code("<script>a('</scripts>')</script ><p>x").as_deref(),
            Some("<script></script ><p>x")
        );
    }

    #[test]
    fn keeps_scripts_whose_type_may_be_json() {
        let page =
            "<script type='APPLICATION/LD+JSON'>{}</script><script type=\"&#97;\">{}</script>";
        assert_eq!(cut_head_code(page), None);
    }
}
