#!/usr/bin/env bash
# ROUGE and whole-process wall time of sumy (LexRank, TextRank), a lead baseline and crossread on
# the same dev data, scored by one scorer (bench/score.py: Google's rouge-score, stemmer on).
#
#   bench/peers.sh
#
# Environment (all optional):
#   CROSSREAD=path   crossread binary to use; default target/release/crossread, built here with
#                    `cargo build --release` (not built when CROSSREAD is given)
#   SYSTEMS="lead lexrank textrank crossread"   systems to run
#   SETS="multinews_dev92:260 multiling2011_en:250"   data set name:word budget
#   DATA_DIR=../shared/data   PYTHON=python3.11 (used to create bench/.venv)
#   REPEAT=3         timed runs per system and set after one warm-up run; the median is reported
#
# Raw outputs, per-run wall seconds (*.time), stderr (*.log), failures (*.failed) and scores (*.scores.json) go to
# bench/out/. A system that fails is reported in the table and the others still run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
VENV=$BENCH/.venv
OUT=$BENCH/out
DATA_DIR=${DATA_DIR:-$ROOT/../shared/data}
PYTHON=${PYTHON:-python3.11}
SYSTEMS=${SYSTEMS:-lead lexrank textrank crossread}
SETS=${SETS:-multinews_dev92:260 multiling2011_en:250}
REPEAT=${REPEAT:-3}

say() { printf '%s\n' "peers: $*" >&2; }

# 1. Python environment (idempotent: only installs what is missing).
if ! "$VENV/bin/python" -c 'import rouge_score, sumy, nupunkt, nltk' 2>/dev/null; then
    say "setting up $VENV"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install -q -r "$BENCH/requirements.txt"
fi
PY=$VENV/bin/python

# 2. crossread binary (built before anything is timed).
want_crossread=0
case " $SYSTEMS " in *" crossread "*) want_crossread=1 ;; esac
if [ "$want_crossread" = 1 ]; then
    if [ -z "${CROSSREAD:-}" ]; then
        CROSSREAD=$ROOT/target/release/crossread
        say "cargo build --release"
        if ! (cd "$ROOT" && cargo build --release --quiet); then
            say "cargo build --release failed: crossread is reported as failed (no stale binary used)"
            CROSSREAD=build-failed
        fi
    fi
fi

mkdir -p "$OUT"

# run_timed NAME OUTPUT CMD...: whole-process wall time of CMD (stdout -> OUTPUT) into
# OUTPUT.time: one untimed warm-up run (file cache, Python bytecode), then $REPEAT timed runs, of
# which the median is kept (all of them go to OUTPUT.times).
run_timed() {
    local name=$1 output=$2
    shift 2
    local base=${output%.jsonl}
    rm -f "$base.time" "$base.times" "$base.failed"
    if ! "$@" >"$output" 2>"$base.log"; then
        local rc=$?
        printf 'FAILED (exit %s): %s\n' "$rc" "$(tail -n 1 "$base.log")" >"$base.failed"
        say "$name $(cat "$base.failed") (log: $base.log)"
        : >"$output"
        return
    fi
    local i start end
    for ((i = 0; i < REPEAT; i++)); do
        start=$EPOCHREALTIME
        "$@" >"$output" 2>"$base.log"
        end=$EPOCHREALTIME
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }' >>"$base.times"
    done
    sort -n "$base.times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }' >"$base.time"
    say "$name: median $(cat "$base.time") s of $REPEAT runs"
}

scores=()
for entry in $SETS; do
    set_name=${entry%%:*}
    words=${entry##*:}
    data=$DATA_DIR/$set_name.jsonl
    [ -f "$data" ] || { say "missing data file $data"; exit 2; }
    specs=()
    for system in $SYSTEMS; do
        output=$OUT/$set_name.$system.jsonl
        case $system in
            lead) run_timed "$set_name lead" "$output" "$PY" "$BENCH/lead_peer.py" --words "$words" "$data" ;;
            lexrank | textrank)
                run_timed "$set_name $system" "$output" \
                    "$PY" "$BENCH/sumy_peer.py" --method "$system" --words "$words" "$data" ;;
            crossread)
                if [ "$CROSSREAD" = build-failed ]; then
                    rm -f "$OUT/$set_name.crossread.time"
                    echo "FAILED: cargo build --release failed" >"$OUT/$set_name.crossread.failed"
                    : >"$output"
                else
                    run_timed "$set_name crossread" "$output" "$CROSSREAD" summarize --words "$words" "$data"
                fi
                ;;
            *) say "unknown system $system"; exit 2 ;;
        esac
        specs+=("$system=$output")
    done
    "$PY" "$BENCH/score.py" --data "$data" --set "$set_name" --words "$words" \
        --out "$OUT/$set_name.scores.json" "${specs[@]}" >/dev/null
    scores+=("$OUT/$set_name.scores.json")
done

echo
echo "ROUGE F1 x100 (rouge-score, stemmer on; summaries cut to the budget; mean over references,"
echo "then clusters). wall s = whole process, median of $REPEAT runs after a warm-up; 'vs LexRank' = LexRank wall s / system wall s."
echo
"$PY" "$BENCH/score.py" --table "${scores[@]}" | tee "$OUT/table.txt"
