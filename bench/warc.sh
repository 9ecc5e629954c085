#!/usr/bin/env bash
# Web archives: `crossread extract` streaming a WARC.gz built from the 97 extraction_dev pages
# (bench/make_warc.py: the pages repeated under distinct URLs, plus image and 404 records), at
# 1,000, 5,000 and 10,000 records. For each: wall time, records/s, articles printed and max
# RSS from /usr/bin/time -v (and CPU seconds, user + system, which a busy machine disturbs
# less than wall time). Memory must not grow with the record count. The 5,000-record
# archive is also read with one thread, to see what extracting a batch in parallel buys.
#
#   bench/warc.sh [OUT]      # OUT: where to save the report (default: stdout only)
#
# Archives are written to bench/out/ (git-ignored) and reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/extraction_dev/html
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$CARGO_TARGET_DIR/release/crossread
OUT=${1:-/dev/null}
mkdir -p bench/out
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release -q -p crossread-cli

run() { # records threads -> one table row
    local n=$1 threads=$2 warc=bench/out/bench-$1.warc.gz
    [ -s "$warc" ] || python3 bench/make_warc.py "$DATA" "$n" "$warc"
    /usr/bin/time -v "$BIN" --threads "$threads" extract "$warc" > "$WORK/out.jsonl" 2> "$WORK/err" || true
    local wall cpu rss articles errors
    wall=$(grep 'Elapsed (wall clock)' "$WORK/err" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    cpu=$(grep -E '(User|System) time \(seconds\)' "$WORK/err" | awk '{ s += $NF } END { print s }')
    rss=$(grep 'Maximum resident set size' "$WORK/err" | awk '{print $NF}')
    articles=$(wc -l < "$WORK/out.jsonl")
    errors=$(grep -c '^crossread:' "$WORK/err" || true)
    awk -v n="$n" -v t="$threads" -v w="$wall" -v c="$cpu" -v r="$rss" -v a="$articles" \
        -v e="$errors" -v mb="$(du -m "$warc" | cut -f1)" \
        'BEGIN { printf "| %d | %d MB | %d | %.1f | %.1f | %.0f | %.0f | %d | %d | %.0f |\n", n, mb, t, w, c, n / w, n / c, a, e, r / 1024 }'
}

{
    echo "# crossread extract on a WARC.gz of extraction_dev pages"
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "crossread: $(git rev-parse --short HEAD)$(git diff --quiet -- . ':!bench/runs' || echo '+dirty')"
    echo
    echo "| records | file | threads | wall s | CPU s | records/s (wall) | records per CPU s | articles | errors | max RSS MB |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    run 1000 2
    run 5000 2
    run 10000 2
    run 5000 1
} | tee "$OUT"
