//! The raw Multi-News format (`train.src`, `test.src.cleaned`, ...): one cluster per line,
//! documents joined by `|||||`, newlines written as `NEWLINE_CHAR`.
//!
//! Each document becomes one paragraph per line, like the cluster JSON Lines of the data sets:
//! the `NEWLINE_CHAR`s become line breaks, each line is trimmed and blank lines are dropped.
//! Cluster ids are `<name>-<line>` (1-based line, as in error messages, so `sed -n 17p` shows
//! cluster `test-17`) and document ids `<name>-<line>-<k>` with `k` the 0-based position of the
//! document in the line, counted before empty documents are dropped so ids do not shift.
//! `<name>` is the file name up to its first dot (`test.src.cleaned` → `test`). Reference
//! summaries live in the matching `.tgt` file and are not paired here.

use std::io::BufRead;

use crate::model::{Article, Cluster};

use super::lines::for_each_record;
use super::{Error, Sink};

/// The document separator.
pub(crate) const SEPARATOR: &str = "|||||";
/// How the format writes a newline.
pub(crate) const NEWLINE: &str = "NEWLINE_CHAR";

/// A Multi-News stream. Returns whether it had any non-blank line.
pub(crate) fn parse_multinews<R: BufRead>(
    sink: &mut Sink<'_, '_>,
    name: &str,
    reader: R,
    limit: usize,
) -> bool {
    for_each_record(sink, reader, limit, |sink, n, text| {
        let id = format!("{name}-{n}");
        let mut articles = Vec::new();
        let pieces: Vec<&str> = text.split(SEPARATOR).collect();
        for (k, doc) in pieces.iter().enumerate() {
            let doc_id = format!("{id}-{k}");
            let body = unflatten(doc);
            if body.is_empty() {
                // A trailing separator leaves an empty last piece: layout, not a document.
                let trailing = k > 0 && k + 1 == pieces.len();
                if !trailing {
                    sink.warn(Error::EmptyArticle {
                        path: sink.path.to_path_buf(),
                        line: Some(n),
                        id: doc_id,
                    });
                }
                continue;
            }
            articles.push(Article {
                source: doc_id.clone(),
                id: doc_id,
                title: None,
                date: None,
                url: None,
                text: body,
                byline: None,
                lang: None,
            });
        }
        sink.cluster(
            Cluster {
                id,
                articles,
                references: Vec::new(),
            },
            Some(n),
        );
    })
}

/// One document's text: `NEWLINE_CHAR` to line breaks, lines trimmed, blank lines dropped.
pub(crate) fn unflatten(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    for line in doc.split(NEWLINE).flat_map(str::lines) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unflattens_paragraphs() {
        assert_eq!(
            unflatten(" First para. NEWLINE_CHAR NEWLINE_CHAR Second  para. NEWLINE_CHAR "),
            "First para.\nSecond  para."
        );
        assert_eq!(unflatten(" NEWLINE_CHAR  "), "");
    }
}
