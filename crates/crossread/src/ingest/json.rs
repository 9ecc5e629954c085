//! JSON (`.json`, one record) and JSON Lines (`.jsonl`, one record per line).
//!
//! A record is an article `{"id","text","title"?,"url"?,"source"?,"date"?,"byline"?,"lang"?}`
//! or a cluster `{"id","documents":[article...],"references"?:[...]}` (`"articles"` is read as
//! `"documents"`, so the model's own `Cluster` serialization reads back). Records are read
//! into `serde_json::Value` and then interpreted by hand rather than derived with serde: the
//! same code serves both shapes, fields can be lenient (a numeric `id`, a `source` object with
//! a `name` as news APIs send it, `null` for absent) and each problem gets a message that
//! names the field. A `.json` file may also hold an array of records.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::model::Cluster;

use super::lines::for_each_record;
use super::{Error, Fields, Sink};

/// A `.json` file: one record, or an array of records.
pub(crate) fn parse_json(sink: &mut Sink<'_, '_>, stem: &str, contents: &str) {
    let value: Value = match serde_json::from_str(contents) {
        Ok(v) => v,
        Err(e) => {
            sink.error(json_error(sink, &e, e.line() as u64, e.column() as u64));
            return;
        }
    };
    match value {
        Value::Array(items) => {
            for (k, item) in items.into_iter().enumerate() {
                record(sink, &format!("{stem}-{k}"), None, item);
            }
        }
        item => record(sink, stem, None, item),
    }
}

/// A `.jsonl` stream. Returns whether it had any non-blank line.
pub(crate) fn parse_json_lines<R: BufRead>(
    sink: &mut Sink<'_, '_>,
    stem: &str,
    reader: R,
    limit: usize,
) -> bool {
    for_each_record(
        sink,
        reader,
        limit,
        |sink, n, text| match serde_json::from_str::<Value>(text) {
            Ok(value) => record(sink, &format!("{stem}-{n}"), Some(n), value),
            Err(e) => {
                let err = json_error(sink, &e, n, e.column() as u64);
                sink.error(err);
            }
        },
    )
}

/// A serde_json error as ours, at `line`/`column` (1-based).
fn json_error(sink: &Sink<'_, '_>, e: &serde_json::Error, line: u64, column: u64) -> Error {
    let full = e.to_string();
    // serde_json appends " at line L column C"; we say where ourselves.
    let message = match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full).to_string(),
        None => full,
    };
    match e.classify() {
        serde_json::error::Category::Data => Error::InvalidRecord {
            path: sink.path.to_path_buf(),
            line: Some(line),
            message,
        },
        _ => Error::Json {
            path: sink.path.to_path_buf(),
            line,
            column,
            message,
        },
    }
}

/// One record: an article, or a cluster when it has `documents`.
fn record(sink: &mut Sink<'_, '_>, default_id: &str, line: Option<u64>, value: Value) {
    let invalid = |sink: &Sink<'_, '_>, message: String| Error::InvalidRecord {
        path: sink.path.to_path_buf(),
        line,
        message,
    };
    let Value::Object(mut obj) = value else {
        let e = invalid(
            sink,
            format!("expected a JSON object, found {}", kind(&value)),
        );
        sink.error(e);
        return;
    };
    let documents = obj.remove("documents").or_else(|| obj.remove("articles"));
    let Some(documents) = documents else {
        match fields(&mut obj, default_id) {
            Ok(f) => sink.fields(f, line),
            Err(message) => {
                let e = invalid(sink, message);
                sink.error(e);
            }
        }
        return;
    };
    let id = match text_field(&mut obj, "id") {
        Ok(id) => id.unwrap_or_else(|| default_id.to_string()),
        Err(message) => {
            let e = invalid(sink, message);
            sink.error(e);
            return;
        }
    };
    let Value::Array(documents) = documents else {
        let e = invalid(
            sink,
            format!("cluster `{id}`: `documents` must be an array"),
        );
        sink.error(e);
        return;
    };
    let references = match references(obj.remove("references")) {
        Ok(r) => r,
        Err(message) => {
            let e = invalid(sink, format!("cluster `{id}`: {message}"));
            sink.error(e);
            return;
        }
    };
    let mut articles = Vec::with_capacity(documents.len());
    for (k, doc) in documents.into_iter().enumerate() {
        let Value::Object(mut doc) = doc else {
            let e = invalid(
                sink,
                format!("cluster `{id}`: document {k} is {}", kind(&doc)),
            );
            sink.error(e);
            continue;
        };
        match fields(&mut doc, &format!("{id}-{k}")) {
            Ok(f) => {
                let doc_id = f.id.clone();
                match f.into_article(None) {
                    Some(a) => articles.push(a),
                    None => sink.warn(Error::EmptyArticle {
                        path: sink.path.to_path_buf(),
                        line,
                        id: format!("{id}/{doc_id}"),
                    }),
                }
            }
            Err(message) => {
                let e = invalid(sink, format!("cluster `{id}`: document {k}: {message}"));
                sink.error(e);
            }
        }
    }
    sink.cluster(
        Cluster {
            id,
            articles,
            references,
        },
        line,
    );
}

/// The article fields of one object.
fn fields(obj: &mut Map<String, Value>, default_id: &str) -> Result<Fields, String> {
    let text = match obj.remove("text") {
        None => return Err("missing field `text`".to_string()),
        Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(other) => return Err(format!("`text` must be a string, found {}", kind(&other))),
    };
    let id = text_field(obj, "id")?.filter(|s| !s.trim().is_empty());
    Ok(Fields {
        id: id.unwrap_or_else(|| default_id.to_string()),
        text,
        title: text_field(obj, "title")?,
        url: text_field(obj, "url")?,
        source: text_field(obj, "source")?,
        date: text_field(obj, "date")?,
        byline: text_field(obj, "byline")?,
        lang: text_field(obj, "lang")?,
    })
}

/// A short text field: a string, a number or a boolean as written, an object's `name`
/// (`"source": {"id": null, "name": "Reuters"}`), `None` when absent or null.
fn text_field(obj: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(Value::Object(mut o)) if matches!(o.get("name"), Some(Value::String(_))) => {
            match o.remove("name") {
                Some(Value::String(s)) => Ok(Some(s)),
                _ => Ok(None),
            }
        }
        Some(other) => Err(format!("`{key}` must be a string, found {}", kind(&other))),
    }
}

/// Reference summaries: a string, or an array whose items are strings or arrays of sentences.
fn references(value: Option<Value>) -> Result<Vec<String>, String> {
    let join = |items: Vec<Value>| -> Result<String, String> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) => out.push(s),
                other => return Err(format!("a reference sentence is {}", kind(&other))),
            }
        }
        Ok(out.join("\n"))
    };
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s]),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|item| match item {
                Value::String(s) => Ok(s),
                Value::Array(sentences) => join(sentences),
                other => Err(format!("a reference is {}", kind(&other))),
            })
            .collect(),
        Some(other) => Err(format!(
            "`references` must be an array, found {}",
            kind(&other)
        )),
    }
}

/// "an object", "a number", ... for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{Ingested, Options};

    fn run(name: &str, input: &str) -> Ingested {
        super::super::parse_bytes(Path::new(name), input.as_bytes(), &Options::default())
    }

    #[test]
    fn article_lines_with_every_field() {
        let got = run(
            "a.jsonl",
            concat!(
                r#"{"id":"x","text":" Body. ","title":"T","url":"https://www.example.com/a","date":"March 2, 2017"}"#,
                "\n\n",
                r#"{"text":"Two.","source":{"id":null,"name":"Reuters"},"id":7}"#,
                "\n",
            ),
        );
        assert!(got.errors.is_empty(), "{:?}", got.errors);
        let a = &got.articles;
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id, "x");
        assert_eq!(a[0].text, "Body.");
        assert_eq!(a[0].title.as_deref(), Some("T"));
        assert_eq!(a[0].source, "example.com");
        assert_eq!(a[0].date.as_deref(), Some("2017-03-02"));
        assert_eq!(a[1].id, "7");
        assert_eq!(a[1].source, "Reuters");
    }

    #[test]
    fn clusters_and_references() {
        let got = run(
            "c.jsonl",
            concat!(
                r#"{"id":"c1","documents":[{"id":"d0","text":"A.\nB."},{"id":"d1","text":"  "}],"references":["R1",["S1","S2"]]}"#,
                "\n",
                r#"{"id":"c2","articles":[{"text":"C.","url":"http://news.example.org/x"}]}"#,
            ),
        );
        assert!(got.errors.is_empty(), "{:?}", got.errors);
        assert_eq!(got.warnings.len(), 1);
        assert_eq!(
            got.warnings[0].to_string(),
            "c.jsonl:1: article `c1/d1` has no text; skipped"
        );
        let c = &got.clusters;
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].articles.len(), 1);
        assert_eq!(c[0].articles[0].source, "d0");
        assert_eq!(
            c[0].references,
            vec!["R1".to_string(), "S1\nS2".to_string()]
        );
        assert_eq!(c[1].articles[0].id, "c2-0");
        assert_eq!(c[1].articles[0].source, "news.example.org");
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_kept() {
        let got = run(
            "x.jsonl",
            "{\"text\":\"one\"}\n{\"text\": \"two\" \"id\": 1}\n[1]\n{\"id\":\"n\"}\n{\"text\":3}\n{\"text\":\"six\"}\n",
        );
        let texts: Vec<_> = got.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["one", "six"]);
        let errors: Vec<_> = got.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "x.jsonl:2: malformed JSON: expected `,` or `}` at column 16",
                "x.jsonl:3: invalid record: expected a JSON object, found an array",
                "x.jsonl:4: invalid record: missing field `text`",
                "x.jsonl:5: invalid record: `text` must be a string, found a number",
            ]
        );
        assert_eq!(got.articles[0].id, "x-1");
    }

    #[test]
    fn json_file_object_array_and_error_position() {
        let got = run("one.json", r#"{"text":"Body","title":"T"}"#);
        assert_eq!(got.articles[0].id, "one");
        assert_eq!(got.articles[0].source, "one");
        let got = run("many.json", r#"[{"text":"a"},{"text":"b","id":"B"}]"#);
        let ids: Vec<_> = got.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["many-0", "B"]);
        let got = run("bad.json", "{\n  \"text\": \"a\",\n  oops\n}");
        assert_eq!(got.errors.len(), 1);
        assert_eq!(
            got.errors[0].to_string(),
            "bad.json:3: malformed JSON: key must be a string at column 3"
        );
    }
}
