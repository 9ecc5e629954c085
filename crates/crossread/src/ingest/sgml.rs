//! DUC/TREC SGML: `<DOC><DOCNO>…</DOCNO>…<HEADLINE>…<DATE_TIME>…<TEXT>…</TEXT></DOC>`.
//!
//! Files are streamed line by line and cut into `<DOC>` records (several per file, several per
//! line, or one spread over many lines), so only one record is ever in memory and the record
//! size limit applies to it. Each record is read with a few tolerant string searches rather
//! than an XML parser: TREC files are SGML, not XML (unquoted attributes, `&MD;`-style entities,
//! no root element), so a strict parser would reject most of them.
//!
//! The id is the `DOCNO` (TREC, DUC 2001–2007) or the `id` attribute of `<DOC>` (AQUAINT-2,
//! Gigaword, TAC). The text is every `<LP>` and `<TEXT>` element, one paragraph per line: with
//! `<P>` tags a paragraph is a `<P>` element; without them, blank lines separate paragraphs, and
//! so does indentation when only some lines are indented (TREC AP and DUC 2004 indent the
//! first line of each paragraph and hard-wrap the rest). Lines inside a paragraph are unwrapped,
//! remaining tags are dropped and entities decoded. The outlet comes from the id's letter
//! prefix (`APW` → Associated Press), the date from `DATE_TIME`/`DATE`/`DATE1`/`DD`, else
//! from the id when the collection encodes it there.

use std::borrow::Cow;
use std::io::BufRead;
use std::sync::LazyLock;

use regex::Regex;

use super::date::{date_from_docno, parse_date, parse_yymmdd};
use super::lines::{Line, LineReader};
use super::{Error, Fields, Sink};

/// An SGML stream. Returns whether it had any non-blank line.
pub(crate) fn parse_sgml<R: BufRead>(sink: &mut Sink<'_, '_>, reader: R, limit: usize) -> bool {
    let mut lines = LineReader::new(reader, limit);
    let mut line_buf = Vec::new();
    let mut record = String::new();
    let mut saw_content = false;
    // The open record: its first line, its size so far, and whether it is already lost.
    let mut open: Option<(u64, u64, bool)> = None;
    loop {
        let line = match lines.next_line(&mut line_buf) {
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
        let text = match line {
            Line::Eof => break,
            Line::TooLong { len } => {
                saw_content = true;
                match open.as_mut() {
                    Some((_, size, lost)) => {
                        *size += len + 1;
                        *lost = true;
                        record.clear();
                    }
                    None => sink.error(Error::RecordTooLarge {
                        path: sink.path.to_path_buf(),
                        line: n,
                        size: len,
                        limit: limit as u64,
                    }),
                }
                continue;
            }
            Line::Fits => match std::str::from_utf8(&line_buf) {
                Ok(text) => Cow::Borrowed(text),
                Err(e) => {
                    saw_content = true;
                    sink.error(Error::InvalidUtf8 {
                        path: sink.path.to_path_buf(),
                        line: n,
                        offset: lines.offset + e.valid_up_to() as u64,
                    });
                    if let Some((_, _, lost)) = open.as_mut() {
                        *lost = true;
                        record.clear();
                    }
                    // Keep scanning the line for record boundaries; its bad bytes are gone.
                    Cow::Owned(String::from_utf8_lossy(&line_buf).into_owned())
                }
            },
        };
        if !text.trim().is_empty() {
            saw_content = true;
        }
        let lower = text.to_ascii_lowercase();
        let mut pos = 0;
        loop {
            if open.is_none() {
                match find_open(&lower, pos, "doc") {
                    Some(start) => {
                        open = Some((n, 0, false));
                        record.clear();
                        pos = start;
                    }
                    None => break,
                }
            }
            let Some((start_line, size, lost)) = open.as_mut() else {
                break;
            };
            let close = lower
                .get(pos..)
                .and_then(|rest| rest.find("</doc>"))
                .map(|i| pos + i);
            let end = close.map_or(text.len(), |i| i + "</doc>".len());
            let piece = text.get(pos..end).unwrap_or("");
            *size += piece.len() as u64 + u64::from(close.is_none());
            if !*lost {
                record.push_str(piece);
                if close.is_none() {
                    record.push('\n');
                }
                if *size > limit as u64 {
                    *lost = true;
                    record.clear();
                }
            }
            if close.is_none() {
                break;
            }
            let (start_line, size, lost) = (*start_line, *size, *lost);
            open = None;
            pos = end;
            if size > limit as u64 {
                sink.error(Error::RecordTooLarge {
                    path: sink.path.to_path_buf(),
                    line: start_line,
                    size,
                    limit: limit as u64,
                });
            } else if !lost {
                match parse_doc(&record) {
                    Ok(fields) => sink.fields(fields, Some(start_line)),
                    Err(message) => sink.error(Error::InvalidRecord {
                        path: sink.path.to_path_buf(),
                        line: Some(start_line),
                        message: message.to_string(),
                    }),
                }
            }
            record.clear();
        }
    }
    if let Some((start_line, _, _)) = open {
        sink.error(Error::Unterminated {
            path: sink.path.to_path_buf(),
            line: start_line,
            tag: "DOC",
        });
    }
    saw_content
}

/// Position of the next `<tag>` or `<tag attr…>` in `lower` (lower-case) at or after `from`.
fn find_open(lower: &str, from: usize, tag: &str) -> Option<usize> {
    let mut pos = from;
    loop {
        let i = pos + lower.get(pos..)?.find('<')?;
        let after = lower.get(i + 1..)?;
        if let Some(rest) = after.strip_prefix(tag) {
            if rest.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace()) {
                return Some(i);
            }
        }
        pos = i + 1;
    }
}

/// The contents of every `<tag …>…</tag>` in `doc` (`lower` is `doc` in ASCII lower case, so
/// byte positions agree). An element left open runs to the end of `doc`.
fn elements<'a>(doc: &'a str, lower: &str, tag: &str) -> Vec<(usize, &'a str)> {
    let close_tag = format!("</{tag}");
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = find_open(lower, pos, tag) {
        let Some(body_start) = lower
            .get(open..)
            .and_then(|r| r.find('>'))
            .map(|i| open + i + 1)
        else {
            break;
        };
        let body_end = lower
            .get(body_start..)
            .and_then(|r| r.find(&close_tag))
            .map_or(doc.len(), |i| body_start + i);
        out.push((open, doc.get(body_start..body_end).unwrap_or("")));
        pos = body_end.max(body_start);
    }
    out
}

/// The first non-blank element among `tags`, in the order of `tags`.
fn first_of<'a>(doc: &'a str, lower: &str, tags: &[&str]) -> Option<&'a str> {
    tags.iter()
        .flat_map(|tag| elements(doc, lower, tag))
        .map(|(_, body)| body)
        .find(|body| !strip_tags(body).trim().is_empty())
}

/// One `<DOC>…</DOC>` record.
pub(crate) fn parse_doc(doc: &str) -> Result<Fields, &'static str> {
    static ID_ATTR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).expect("valid regex")
    });
    let lower = doc.to_ascii_lowercase();
    let docno = first_of(doc, &lower, &["docno"]).map(inline);
    let id = docno.filter(|s| !s.is_empty()).or_else(|| {
        let open_tag = doc.get(..doc.find('>')?)?;
        let c = ID_ATTR.captures(open_tag)?;
        let id = c
            .get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))?
            .as_str()
            .trim();
        (!id.is_empty()).then(|| id.to_string())
    });
    let Some(id) = id else {
        return Err("<DOC> without <DOCNO> or id attribute");
    };
    let title = first_of(doc, &lower, &["headline", "head", "hl", "title", "ti"]).map(inline);
    let raw_date = first_of(
        doc,
        &lower,
        &["date_time", "date", "date1", "dd", "pubdate"],
    )
    .map(inline);
    let date = raw_date
        .as_deref()
        .and_then(|d| parse_date(d).or_else(|| parse_yymmdd(d)))
        .or_else(|| date_from_docno(&id))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .or(raw_date);
    let mut bodies = elements(doc, &lower, "lp");
    bodies.extend(elements(doc, &lower, "text"));
    bodies.sort_by_key(|(pos, _)| *pos);
    let mut text = String::new();
    for (_, body) in bodies {
        let p = paragraphs(body);
        if !p.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&p);
        }
    }
    Ok(Fields {
        source: Some(outlet(&id)),
        id,
        text,
        title: title.filter(|t| !t.is_empty()),
        url: None,
        date,
        byline: None,
        lang: None,
    })
}

/// The outlet a document number's letter prefix stands for, else the prefix, else the id.
pub(crate) fn outlet(id: &str) -> String {
    let prefix: String = id
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    let name = match prefix.as_str() {
        "" => return id.to_string(),
        "AP" | "APW" => "Associated Press",
        "NYT" => "New York Times",
        "XIE" | "XIN" => "Xinhua",
        "AFP" => "Agence France-Presse",
        "LA" => "Los Angeles Times",
        "LTW" => "Los Angeles Times-Washington Post",
        "WPB" => "Washington Post",
        "FT" => "Financial Times",
        "WSJ" => "Wall Street Journal",
        "SJMN" => "San Jose Mercury News",
        "FBIS" => "Foreign Broadcast Information Service",
        "CNA" => "Central News Agency",
        "FR" => "Federal Register",
        "ZF" => "Ziff-Davis",
        _ => return prefix,
    };
    name.to_string()
}

/// Paragraphs of a text element, one per line.
fn paragraphs(body: &str) -> String {
    static P_TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)</?p(?:\s[^<>]*)?>").expect("valid regex"));
    let mut out = String::new();
    let mut push = |para: &str| {
        let para = inline(para);
        if !para.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&para);
        }
    };
    if P_TAG.is_match(body) {
        for chunk in P_TAG.split(body) {
            push(chunk);
        }
        return out;
    }
    let body = strip_tags(body);
    let indented = |l: &str| l.starts_with([' ', '\t']);
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let indent_marks_paragraphs =
        lines.iter().any(|l| indented(l)) && !lines.iter().all(|l| indented(l));
    let mut para = String::new();
    for line in body.lines() {
        let starts_new = line.trim().is_empty() || (indent_marks_paragraphs && indented(line));
        if starts_new && !para.is_empty() {
            push(&para);
            para.clear();
        }
        para.push_str(line);
        para.push('\n');
    }
    push(&para);
    out
}

/// Tags dropped, entities decoded, whitespace collapsed to single spaces, trimmed.
fn inline(s: &str) -> String {
    let stripped = strip_tags(s);
    let decoded = decode_entities(&stripped);
    let mut out = String::with_capacity(decoded.len());
    for word in decoded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Markup tags (`<P>`, `<F P=102>`, `<!-- … -->`) removed; a lone `<` in prose stays.
fn strip_tags(s: &str) -> Cow<'_, str> {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</?[A-Za-z!?][^<>]*>").expect("valid regex"));
    TAG.replace_all(s, " ")
}

/// HTML entities, plus the SGML ones of the TREC/AQUAINT New York Times files.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let s = if s.contains("&MD;")
        || s.contains("&HT;")
        || s.contains("&QL;")
        || s.contains("&UR;")
        || s.contains("&LR;")
        || s.contains("&QC;")
        || s.contains("&QR;")
        || s.contains("&TF;")
    {
        Cow::Owned(
            s.replace("&MD;", "\u{2014}")
                .replace("&HT;", " ")
                .replace("&QL;", "")
                .replace("&UR;", "")
                .replace("&LR;", "")
                .replace("&QC;", "")
                .replace("&QR;", "")
                .replace("&TF;", ""),
        )
    } else {
        Cow::Borrowed(s)
    };
    Cow::Owned(html_escape::decode_html_entities(&s).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUC: &str = "<DOC>\n<DOCNO> APW19981016.0240 </DOCNO>\n<DOCTYPE> NEWS STORY </DOCTYPE>\n\
        <DATE_TIME> 10/16/1998 12:34:00 </DATE_TIME>\n<BODY>\n<HEADLINE>\nQuake &amp; fire\n</HEADLINE>\n\
        <TEXT>\n<P>\n   A strong earthquake hit\nthe city on Friday.\n</P>\n<P>\nNo one was hurt.\n</P>\n</TEXT>\n</BODY>\n</DOC>\n";

    #[test]
    fn duc_record() {
        let f = parse_doc(DUC).unwrap();
        assert_eq!(f.id, "APW19981016.0240");
        assert_eq!(f.source.as_deref(), Some("Associated Press"));
        assert_eq!(f.title.as_deref(), Some("Quake & fire"));
        assert_eq!(f.date.as_deref(), Some("1998-10-16"));
        assert_eq!(
            f.text,
            "A strong earthquake hit the city on Friday.\nNo one was hurt."
        );
    }

    #[test]
    fn indented_paragraphs_without_p_tags() {
        let body = "\n   More than 150 former officers of the\ngovernment were released.\n   The report said\nso.\n";
        assert_eq!(
            paragraphs(body),
            "More than 150 former officers of the government were released.\nThe report said so."
        );
        // Every line indented: only blank lines separate paragraphs.
        let body = "\n   One line\n   wrapped.\n\n   Two.\n";
        assert_eq!(paragraphs(body), "One line wrapped.\nTwo.");
    }

    #[test]
    fn aquaint2_id_attribute_and_fallbacks() {
        let doc = "<DOC id=\"XIN_ENG_20050304.0001\" type=\"story\"><HEADLINE>H</HEADLINE><TEXT><P>a &MD; b</P></TEXT></DOC>";
        let f = parse_doc(doc).unwrap();
        assert_eq!(f.id, "XIN_ENG_20050304.0001");
        assert_eq!(f.source.as_deref(), Some("Xinhua"));
        assert_eq!(f.date.as_deref(), Some("2005-03-04"));
        assert_eq!(f.text, "a \u{2014} b");
        assert!(parse_doc("<DOC><TEXT>x</TEXT></DOC>").is_err());
        let f = parse_doc("<DOC><DOCNO>FT911-3</DOCNO><DATE>910514</DATE><TEXT>x</TEXT></DOC>")
            .unwrap();
        assert_eq!(f.date.as_deref(), Some("1991-05-14"));
        assert_eq!(f.source.as_deref(), Some("Financial Times"));
        assert_eq!(outlet("QQ123"), "QQ");
        assert_eq!(outlet("123"), "123");
    }
}
