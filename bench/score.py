#!/usr/bin/env python3
"""Score systems' {"id","summary"} outputs with Google's rouge-score, the one scorer of peers.sh.

Score one data set (writes JSON, prints rows):

    bench/.venv/bin/python bench/score.py --data DATA.jsonl --words 260 --set NAME \
        --out bench/out/NAME.scores.json  lexrank=bench/out/NAME.lexrank.jsonl  ...

Each system's wall seconds are read from OUTPUT.time beside its output when present.
Print the combined table of several scored sets:

    bench/.venv/bin/python bench/score.py --table bench/out/*.scores.json

Convention (same as crossread's eval, see bench/rouge_common.py): summaries cut to the budget,
references whole, stemmer on, per-reference scores averaged, then averaged over clusters. A
cluster missing from a system's output scores 0 and is counted in "missing".
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rouge_common as rc  # noqa: E402


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_set(args):
    budget = ("words", args.words) if args.words is not None else ("bytes", args.bytes)
    clusters = load_jsonl(args.data)
    sc = rc.scorer()
    result = {"set": args.set or os.path.splitext(os.path.basename(args.data))[0],
              "data": args.data, "budget": {budget[0]: budget[1]}, "systems": []}
    for spec in args.systems:
        name, _, path = spec.partition("=")
        entry = {"system": name, "output": path, "seconds": None, "missing": 0,
                 "clusters": [], "mean": rc.zero(), "error": None}
        time_path = os.path.splitext(path)[0] + ".time"
        if os.path.exists(time_path):
            with open(time_path) as f:
                text = f.read().strip()
            entry["seconds"] = float(text) if text else None
        failed_path = os.path.splitext(path)[0] + ".failed"
        if os.path.exists(failed_path):
            with open(failed_path, encoding="utf-8") as f:
                entry["error"] = f.read().strip()
            result["systems"].append(entry)
            continue
        try:
            outputs = {o["id"]: o["summary"] for o in load_jsonl(path)}
        except (OSError, ValueError, KeyError, TypeError) as e:
            entry["error"] = f"{type(e).__name__}: {e}"
            result["systems"].append(entry)
            continue
        rows = []
        for c in clusters:
            if c["id"] not in outputs:
                entry["missing"] += 1
            s = rc.score(sc, outputs.get(c["id"], ""), c["references"], budget)
            rows.append({"id": c["id"], "scores": s})
        entry["clusters"] = rows
        entry["mean"] = rc.mean([r["scores"] for r in rows])
        result["systems"].append(entry)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    print_table([result])


def fmt_seconds(s):
    return "-" if s is None else f"{s:.3f}"


def print_table(results):
    head = (f"{'system':<10} {'set':<17} {'budget':>7} {'R1 F1':>6} {'R2 F1':>6} {'RL F1':>6} "
            f"{'wall s':>9} {'vs LexRank':>11}  note")
    print(head)
    print("-" * len(head))
    for r in results:
        (kind, n), = r["budget"].items()
        lex = next((s["seconds"] for s in r["systems"] if s["system"] == "lexrank"), None)
        for s in r["systems"]:
            m = s["mean"]
            speed = "-"
            if lex and s["seconds"] and s["system"] != "lexrank":
                speed = f"{lex / s['seconds']:.1f}x"
            note = s["error"] or (f"{s['missing']} clusters missing" if s["missing"] else "")
            print(f"{s['system']:<10} {r['set']:<17} {str(n) + kind[0]:>7} "
                  f"{100 * m['rouge1']['f1']:6.2f} {100 * m['rouge2']['f1']:6.2f} "
                  f"{100 * m['rouge_l']['f1']:6.2f} {fmt_seconds(s['seconds']):>9} {speed:>11}  {note}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", nargs="+", metavar="SCORES.json")
    ap.add_argument("--data")
    ap.add_argument("--set")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--words", type=int)
    g.add_argument("--bytes", type=int)
    ap.add_argument("--out")
    ap.add_argument("systems", nargs="*", metavar="NAME=OUTPUT.jsonl")
    args = ap.parse_args()
    if args.table:
        results = []
        for p in args.table:
            with open(p, encoding="utf-8") as f:
                results.append(json.load(f))
        print_table(results)
        return
    if not args.data or (args.words is None and args.bytes is None) or not args.systems:
        ap.error("need --data, --words or --bytes, and NAME=OUTPUT.jsonl systems (or --table)")
    score_set(args)


if __name__ == "__main__":
    main()
