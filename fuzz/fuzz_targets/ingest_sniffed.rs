//! Format detection: the same bytes under a name with no known extension (sniffed), and
//! gzip-named (decompression errors, inflated sizes).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::check_named("fuzz.input", data);
    common::check_named("fuzz.input.gz", data);
});
