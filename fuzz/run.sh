#!/usr/bin/env bash
# Build every fuzz target and run each for SECONDS (default 10) from the committed seed inputs
# (test fixtures, the bundled example). Stable toolchain: no sanitizer (`-s none`), so this
# catches panics, overflows-as-panics off, and the targets' own assertions; use nightly with
# the default AddressSanitizer for longer runs (README.md).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-10}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo fuzz build -s none
seeds() {
    case $1 in
        ingest_html | ingest_sniffed) echo ../crates/crossread/tests/fixtures/html ;;
        ingest_text | brief) echo ../examples/sessions ;;
        ingest_feed) echo ../crates/crossread/tests/fixtures/feeds ;;
        ingest_warc) echo seeds/warc ;;
    esac
}
for target in $(cargo fuzz list); do
    mkdir -p "corpus/$target"
    echo "== $target (${seconds}s)"
    # shellcheck disable=SC2046 # seeds() prints zero or one directory
    cargo fuzz run "$target" -s none "corpus/$target" $(seeds "$target") -- \
        -max_total_time="$seconds" -max_len=65536 2>&1 | grep -E '^Done|panicked|SUMMARY|Test unit written' || true
    # libFuzzer exits non-zero on a crash; `cargo fuzz run` passes that on. Re-check artifacts.
    if compgen -G "artifacts/$target/*" >/dev/null; then
        echo "fuzz target $target found a failing input: fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
