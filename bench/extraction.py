#!/usr/bin/env python3
"""Article-body extraction: run Python trafilatura, and score any extractor's output.

    extraction.py trafilatura DIR > out.jsonl     # one {"id","text"} per page of DIR/*.html.gz
    extraction.py score GROUND_TRUTH.json OUT.jsonl [--worst N] [--name NAME]

The score is the article-extraction benchmark's measure (as ../shared/README.md states it):
the text is split into `\\w+` tokens (Python `re`, Unicode), 4-token shingles are counted as a
multiset, and per page tp = matched shingles, fp = extracted but not true, fn = true but not
extracted, normalised so tp+fp+fn = 1. Per page precision = tp/(tp+fp) and recall =
tp/(tp+fn), with (1, 1) when fp = fn = 0 and (0, 0) when tp = 0; both are averaged over all
pages (a page with no output counts as (0, 0) unless its truth is empty too), and F1 is the
harmonic mean of the two averages. Shingles use the tokens as written (no lower-casing).

trafilatura options: `extract(html, include_comments=False, include_tables=True)` with
everything else at its defaults (no URL, no favor_precision/recall): its default article
extraction without the reader comments, which are not part of an article body.
"""
import gzip
import json
import os
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    out = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        s = " ".join(tokens[i:i + n])
        if s:
            out.append(s)
    return Counter(out)


def tp_fp_fn(true, pred):
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for k in set(t) | set(p):
        a, b = t.get(k, 0), p.get(k, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return 0.0, 0.0, 0.0


def precision_recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


def run_trafilatura(folder):
    import trafilatura

    out = sys.stdout
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".html.gz"):
            continue
        with gzip.open(os.path.join(folder, name), "rb") as f:
            html = f.read()
        text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
        out.write(json.dumps({"id": name[: -len(".html.gz")], "text": text}) + "\n")


def score(truth_path, pred_path, worst=0, name="extractor"):
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    pred = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                pred[r["id"]] = r.get("text") or ""
    rows = []
    for key in sorted(truth):
        tp, fp, fn = tp_fp_fn(truth[key].get("articleBody", ""), pred.get(key, ""))
        p, r = precision_recall(tp, fp, fn)
        rows.append((key, p, r))
    mp = sum(p for _, p, _ in rows) / len(rows)
    mr = sum(r for _, _, r in rows) / len(rows)
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    missing = sum(1 for k in truth if k not in pred)
    print(f"{name}: pages {len(rows)} (missing {missing})  precision {mp:.4f}  recall {mr:.4f}  F1 {f1:.4f}")
    if worst:
        rows.sort(key=lambda x: (2 * x[1] * x[2] / (x[1] + x[2]) if x[1] + x[2] else 0.0))
        for key, p, r in rows[:worst]:
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"  {key[:16]}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  {truth[key].get('url', '')}")
    return mp, mr, f1


def main(argv):
    if len(argv) >= 2 and argv[0] == "trafilatura":
        run_trafilatura(argv[1])
    elif len(argv) >= 3 and argv[0] == "score":
        worst = 0
        name = "extractor"
        rest = argv[3:]
        while rest:
            if rest[0] == "--worst":
                worst = int(rest[1])
                rest = rest[2:]
            elif rest[0] == "--name":
                name = rest[1]
                rest = rest[2:]
            else:
                sys.exit(f"unknown argument {rest[0]}")
        score(argv[1], argv[2], worst, name)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
