//! The Feed parser on arbitrary bytes: never panics, and whatever it reads is a usable article.
#![no_main]

use crossread::ingest::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::check_format(Format::Feed, data));
