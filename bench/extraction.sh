#!/usr/bin/env bash
# Article-body extraction on ../shared/data/extraction_dev (97 pages with a person's marking of
# the body): quality of `crossread extract` and of Python trafilatura by the benchmark's
# measure (bench/extraction.py), and whole-process wall and CPU time of both over the folder
# (median of 5 interleaved runs; crossread: one release process, trafilatura: one Python
# process including its imports).
#
#   bench/extraction.sh [OUT]      # OUT: where to save the report (default: stdout only)
#
# Needs bench/.venv with bench/requirements.txt installed (trafilatura, lxml_html_clean).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/extraction_dev
PY=bench/.venv/bin/python
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=$CARGO_TARGET_DIR/release/crossread
OUT=${1:-/dev/null}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release -q -p crossread-cli

RUNS=5
median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
timed() { # file command... -> appends "wall cpu" seconds (cpu = user + sys) to file
    local file=$1
    shift
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" > /dev/null 2> "$WORK/err" || true
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/time" >> "$file"
}

{
    echo "# crossread extract vs trafilatura on extraction_dev ($(ls $DATA/html | wc -l) pages)"
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "crossread: $(git rev-parse --short HEAD)$(git diff --quiet -- . ':!bench/runs' || echo '+dirty'); trafilatura $($PY -c 'import trafilatura; print(trafilatura.__version__)')"
    echo
    echo "## quality (bench/extraction.py score)"
    $BIN extract $DATA/html > "$WORK/crossread.jsonl" 2> /dev/null || true
    $PY bench/extraction.py trafilatura $DATA/html > "$WORK/trafilatura.jsonl"
    $PY bench/extraction.py score $DATA/ground-truth.json "$WORK/trafilatura.jsonl" --name trafilatura
    $PY bench/extraction.py score $DATA/ground-truth.json "$WORK/crossread.jsonl" --name crossread --worst 10
    echo
    echo "## whole-process time over the folder ($RUNS runs each, interleaved)"
    for _ in $(seq $RUNS); do
        timed "$WORK/cr.t" "$BIN" extract $DATA/html
        timed "$WORK/py.t" $PY bench/extraction.py trafilatura $DATA/html
    done
    cr=$(cut -d' ' -f1 "$WORK/cr.t" | median); py=$(cut -d' ' -f1 "$WORK/py.t" | median)
    crc=$(cut -d' ' -f2 "$WORK/cr.t" | median); pyc=$(cut -d' ' -f2 "$WORK/py.t" | median)
    echo "runs as 'wall cpu' seconds (cpu = user + sys; the machine is shared, so wall varies)"
    echo "crossread:   $(tr '\n' ';' < "$WORK/cr.t")  median wall $cr, cpu $crc"
    echo "trafilatura: $(tr '\n' ';' < "$WORK/py.t")  median wall $py, cpu $pyc"
    echo "speed-up, wall: $(echo "scale=2; $py / $cr" | bc)x; cpu: $(echo "scale=2; $pyc / $crc" | bc)x"
} | tee "$OUT"
