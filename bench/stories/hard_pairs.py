#!/usr/bin/env python3
"""How many hard pairs of bench/stories/multiling_stories.json crossread keeps apart.

    python3 bench/stories/hard_pairs.py [PILE.jsonl ...]   (default: bench/out/piles/mls_all.jsonl)

A hard pair is two different stories about closely related events at most 7 days apart (two
Tour de France stages, two legs of the Olympic torch relay). It counts as merged when any
article of one story lands in a predicted story with any article of the other. Runs
`$CARGO_TARGET_DIR/release/crossread cluster` (build it with
`cargo build --release -p crossread-cli`); make the piles with bench/make_piles.py.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    piles = sys.argv[1:] or [os.path.join(ROOT, "bench", "out", "piles", "mls_all.jsonl")]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    exe = os.path.join(target, "release", "crossread")
    with open(os.path.join(HERE, "multiling_stories.json"), encoding="utf-8") as f:
        gold = json.load(f)
    for pile in piles:
        run = subprocess.run([exe, "cluster", "--format", "json", pile],
                             capture_output=True, text=True, check=True)
        pred = {a: s["id"] for s in json.loads(run.stdout)["stories"] for a in s["articles"]}
        merged = []
        for pair in gold["hard_pairs"]:
            a, b = (
                {pred[i] for i in gold["stories"][s]["articles"] if i in pred}
                for s in pair["stories"]
            )
            if a & b:
                merged.append("/".join(pair["stories"]))
        n = len(gold["hard_pairs"])
        print(f"{os.path.basename(pile)}: hard pairs kept apart {n - len(merged)}/{n}")
        for m in merged:
            print(f"  merged {m}")


if __name__ == "__main__":
    main()
