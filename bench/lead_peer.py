#!/usr/bin/env python3
"""Lead baseline: the first N whitespace words of a cluster's first document.

    bench/.venv/bin/python bench/lead_peer.py --words 260 DATA.jsonl > out.jsonl
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rouge_common as rc  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, required=True)
    ap.add_argument("data")
    args = ap.parse_args()
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                c = json.loads(line)
                summary = rc.truncate(c["documents"][0]["text"], ("words", args.words))
                sys.stdout.write(json.dumps({"id": c["id"], "summary": summary}) + "\n")


if __name__ == "__main__":
    main()
