//! What every ingest target checks besides "no panic".

// Each target uses part of this module.
#![allow(dead_code)]

use std::path::Path;

use crossread::ingest::{parse_bytes, parse_bytes_as, Format, Ingested, Options};

/// The name every fuzz input is read under; every error must name it.
const NAME: &str = "fuzz.input";

/// Parse `data` as `format` and check the result.
pub fn check_format(format: Format, data: &[u8]) {
    let got = parse_bytes_as(Path::new(NAME), format, data, &small_limits());
    check(&got, NAME);
}

/// Parse `data` under `name` (format from the name, else sniffed) and check the result.
pub fn check_named(name: &str, data: &[u8]) {
    let got = parse_bytes(Path::new(name), data, &small_limits());
    check(&got, name);
}

/// Limits small enough that the size checks themselves get exercised by fuzz-sized inputs.
fn small_limits() -> Options {
    Options {
        max_file_bytes: 64 * 1024,
        max_record_bytes: 16 * 1024,
    }
}

fn check(got: &Ingested, name: &str) {
    // Something read, or a reason why not: an input never vanishes silently.
    assert!(
        got.article_count() > 0 || !got.errors.is_empty(),
        "no article and no error"
    );
    for e in got.errors.iter().chain(&got.warnings) {
        let message = e.to_string();
        assert!(
            message.contains(name),
            "message does not name the file: {message}"
        );
    }
    for a in got.all_articles() {
        assert!(!a.id.is_empty(), "article without id");
        assert!(!a.text.trim().is_empty(), "article {} has no text", a.id);
    }
}
