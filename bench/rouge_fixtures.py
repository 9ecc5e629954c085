#!/usr/bin/env python3
"""Write ROUGE fixtures for crates/crossread/tests/rouge_fixtures.rs, scored by Google's rouge-score.

    bench/.venv/bin/python bench/rouge_fixtures.py [--data ../shared/data] [--out tests/fixtures/rouge]

Dev-set fixtures hold ids, budgets, the candidate RULE and scores only: the data sets are
licensed and no text of them may be copied into the repository. The Rust test rebuilds the
candidates from ../shared/data with the same rule.

Candidate rule: the first 300 whitespace-separated words of documents[0].text, joined by single
spaces, then cut to the budget (crossread's eval::truncate). References are scored whole; with
several references the per-reference scores are averaged; the mean is over clusters.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rouge_common as rc  # noqa: E402

RULE = ("first 300 whitespace-separated words of documents[0].text joined by single spaces, "
        "then cut to the budget")
SETS = [("multinews_dev92", 260, 1500), ("multiling2011_en", 250, 1500)]

# Hand-written pairs (our own text, safe to commit) around tokenizer corners.
PAIRS = [
    ("unicode: accents, Kelvin sign, dotted I, ligature, CJK, emoji",
     "Café owners in İstanbul measured 5 \u212a of cooling; the ﬁnal report 北京 said 👍 naïve.",
     ["The cafe owners of Istanbul measured five K of cooling, and the final report said naive."],
     {"words": 100}),
    ("punctuation and quotes",
     "\u201cWe won\u2019t stop,\u201d she said \u2014 again!!! (Really?) [yes] {no} <maybe> ...done.",
     ["\"We will not stop,\" she said again. Really, yes: it is done."],
     {"words": 100}),
    ("numbers, money, dates, percentages",
     "On Sept. 8, 2017 the U.S. paid $12.40 per share (up 3.5%) for 1,000,000 shares at 9:30 a.m.",
     ["The US paid 12.40 dollars a share on September 8 2017, up 3.5 percent, for 1000000 shares."],
     {"words": 100}),
    ("hyphens and dashes",
     "A well-known, long-term, state-of-the-art e-mail co-operation \u2013 the so-called X-ray\u2011based re-election.",
     ["The well known long term state of the art email cooperation, a so called x ray re election."],
     {"words": 100}),
    ("apostrophes and possessives",
     "Trump's aides didn't say; the Sessions' recusal isn't O'Neill's \u2018fault\u2019, it's the DOJ's.",
     ["Trump aides did not say it was the fault of O'Neill; the recusal is the Justice Department's."],
     {"words": 100}),
    ("stemmer corners",
     "Generously relational conditional ponies caresses agreed feed sky skies dying lying hopping hoped "
     "generalizations oscillators flies died owned humbled sized meeting stating siezing itemization",
     ["generous relate condition pony caress agree feed skies die lie hop hope general oscillate fly "
      "die own humble size meet state seize item"],
     {"words": 100}),
    ("word budget cuts the candidate, several references averaged",
     "The senate passed the bill on Friday after a long debate over taxes and spending cuts.",
     ["The senate passed the bill.", "After a long debate the bill passed on Friday.",
      "Lawmakers argued over taxes."],
     {"words": 8}),
    ("byte budget cuts inside a multibyte char",
     "Zoë Saldaña’s résumé — naïve café “menus” über alles",
     ["Zoe Saldana resume naive cafe menus uber alles"],
     {"bytes": 20}),
    ("byte budget cuts inside a word; whitespace collapsed first",
     "Officials   said\n\nthe\tflooding destroyed  bridges and homes across the region.",
     ["Officials said the flooding destroyed bridges and homes."],
     {"bytes": 30}),
    ("empty candidate", "", ["Something happened today."], {"words": 50}),
    ("candidate of punctuation only", "-- ... !!! \u2014 \u201c\u201d", ["Something happened."],
     {"words": 50}),
    ("empty reference among others", "Rain fell in Paris.", ["", "Rain fell in Paris today."],
     {"words": 50}),
    ("repeated n-grams clip counts",
     "the the the the cat cat the cat", ["the cat the cat sat"], {"words": 50}),
]


def budget_tuple(b):
    (kind, n), = b.items()
    return (kind, n)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "fixtures", "rouge"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sc = rc.scorer()

    for name, words_budget, bytes_budget in SETS:
        with open(os.path.join(args.data, name + ".jsonl"), encoding="utf-8") as f:
            clusters = [json.loads(line) for line in f if line.strip()]
        runs = []
        for budget in ({"words": words_budget}, {"bytes": bytes_budget}):
            rows = []
            for c in clusters:
                cand = " ".join(rc.words(c["documents"][0]["text"])[:300])
                s = rc.score(sc, cand, c["references"], budget_tuple(budget))
                rows.append({"id": c["id"], "references": len(c["references"]), "scores": s})
            runs.append({"budget": budget, "clusters": rows,
                         "mean": rc.mean([r["scores"] for r in rows])})
        doc = {"set": name, "data": f"../shared/data/{name}.jsonl", "candidate_rule": RULE,
               "scorer": "rouge-score (Google), RougeScorer(['rouge1','rouge2','rougeL'], "
                         "use_stemmer=True); references whole; mean over references, then clusters",
               "runs": runs}
        path = os.path.normpath(os.path.join(args.out, name + ".json"))
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        m = runs[0]["mean"]
        print(f"{path}: {len(clusters)} clusters; @{words_budget}w R1 {m['rouge1']['f1']:.4f} "
              f"R2 {m['rouge2']['f1']:.4f} RL {m['rouge_l']['f1']:.4f}")

    pairs = []
    for label, cand, refs, budget in PAIRS:
        pairs.append({"label": label, "candidate": cand, "references": refs, "budget": budget,
                      "truncated": rc.truncate(cand, budget_tuple(budget)),
                      "scores": rc.score(sc, cand, refs, budget_tuple(budget))})
    path = os.path.normpath(os.path.join(args.out, "pairs.json"))
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"scorer": "rouge-score (Google), stemmer on", "pairs": pairs}, f,
                  indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{path}: {len(pairs)} pairs")


if __name__ == "__main__":
    main()
