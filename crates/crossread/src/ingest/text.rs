//! Plain-text and Markdown articles, and the headline heuristic.
//!
//! A `.txt` file is one article. Its first line is taken as the headline only when it looks
//! like one: short, with a letter, not a sentence (no final `.`/`!`/`?`/`;`/`:`/`,`), not a
//! quotation, not starting in lower case, not a byline/URL/date/list item, and followed by
//! more text. Getting this wrong costs little either way: a missed headline stays in the text
//! (the text stage drops non-prose lines), a taken one only moves to `title`. Markdown adds the
//! unambiguous cases: an ATX heading (`# Title`) or a setext one (`Title` over `=====`).

use crate::model::Article;

use super::date::parse_date;

/// Text as the pipeline keeps it: without a byte-order mark, with `\n` line ends, trimmed.
pub(crate) fn clean_text(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if s.contains('\r') {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_string()
    } else {
        s.trim().to_string()
    }
}

/// One article from a text file's contents; `None` when it has no text.
pub(crate) fn parse_text(stem: &str, contents: &str, markdown: bool) -> Option<Article> {
    let cleaned = clean_text(contents);
    if cleaned.is_empty() {
        return None;
    }
    let (title, body) = split_headline(&cleaned, markdown);
    Some(Article {
        id: stem.to_string(),
        source: stem.to_string(),
        title,
        date: None,
        url: None,
        text: body.to_string(),
        byline: None,
        lang: None,
    })
}

/// Split off the first line when it is a headline: `(title, rest)`. `text` is cleaned.
pub(crate) fn split_headline(text: &str, markdown: bool) -> (Option<String>, &str) {
    let (first, rest) = match text.split_once('\n') {
        Some((first, rest)) => (first.trim(), rest),
        None => return (None, text),
    };
    if markdown {
        if first.starts_with('#') {
            let title = first
                .trim_start_matches('#')
                .trim()
                .trim_end_matches('#')
                .trim();
            let rest = rest.trim_start();
            if !title.is_empty() && !rest.is_empty() {
                return (Some(title.to_string()), rest);
            }
        }
        if let Some((underline, after)) = rest.split_once('\n') {
            let u = underline.trim();
            let setext =
                !u.is_empty() && (u.bytes().all(|b| b == b'=') || u.bytes().all(|b| b == b'-'));
            let after = after.trim_start();
            if setext && !first.is_empty() && !after.is_empty() {
                return (Some(first.to_string()), after);
            }
        }
    }
    let rest = rest.trim_start();
    if !rest.is_empty() && looks_like_headline(first) {
        (Some(first.to_string()), rest)
    } else {
        (None, text)
    }
}

/// Whether one (trimmed) line reads as a headline rather than a sentence.
pub fn looks_like_headline(line: &str) -> bool {
    const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‹', '›'];
    const FINAL: &[char] = &['.', '!', '?', '…', ';', ':', ','];
    let line = line.trim();
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().next_back()) else {
        return false;
    };
    let words = line.split_whitespace().count();
    let is_byline = line.starts_with("By ")
        && words <= 6
        && line.chars().nth(3).is_some_and(char::is_uppercase);
    line.chars().count() <= 150
        && words <= 20
        && line.chars().any(char::is_alphabetic)
        && !FINAL.contains(&last)
        && !QUOTES.contains(&first)
        && !QUOTES.contains(&last)
        && !first.is_lowercase()
        && !is_byline
        && !line.starts_with("http://")
        && !line.starts_with("https://")
        && !line.starts_with("- ")
        && !line.starts_with("* ")
        && !line.starts_with("• ")
        && parse_date(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_when_it_looks_like_one() {
        let a = parse_text(
            "s",
            "Jeff Sessions\nU.S. Attorney General Jeff Sessions arrives.\n",
            false,
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Jeff Sessions"));
        assert_eq!(a.text, "U.S. Attorney General Jeff Sessions arrives.");
        assert_eq!((a.id.as_str(), a.source.as_str()), ("s", "s"));
    }

    #[test]
    fn no_headline_for_sentences_quotes_and_lone_lines() {
        for text in [
            "The news conference began shortly after 4 p.m. EST.\nMore text.",
            "\"I will recuse myself\"\nMore text.",
            "“I will recuse myself”\nMore text.",
            "Did he lie?\nMore text.",
            "and then it began\nMore text.",
            "By John Smith\nMore text.",
            "March 2, 2017\nMore text.",
            "Jeff Sessions",
            "https://example.com/a\nMore text.",
        ] {
            let (title, rest) = split_headline(text, false);
            assert_eq!(title, None, "{text}");
            assert_eq!(rest, text);
        }
        let long = format!("{}\nrest", "word ".repeat(30).trim());
        assert_eq!(split_headline(&long, false).0, None);
    }

    #[test]
    fn markdown_headings() {
        let (t, rest) = split_headline("# Sessions recuses himself.\n\nBody here.", true);
        assert_eq!(t.as_deref(), Some("Sessions recuses himself."));
        assert_eq!(rest, "Body here.");
        let (t, rest) = split_headline("Sessions recuses.\n=====\nBody.", true);
        assert_eq!(t.as_deref(), Some("Sessions recuses."));
        assert_eq!(rest, "Body.");
        // Not a heading outside Markdown: the final period makes it a sentence.
        assert_eq!(
            split_headline("# Sessions recuses himself.\nBody.", false).0,
            None
        );
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean_text("\u{feff}  a\r\nb\rc  \n"), "a\nb\nc");
        assert!(parse_text("s", " \n\t\r\n", false).is_none());
    }
}
