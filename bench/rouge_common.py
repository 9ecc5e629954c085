"""Shared by bench/*.py: the budget cut and the ROUGE convention of crossread's eval.

Mirrors crates/crossread/src/eval.rs:
- the system summary is cut to the budget (words or bytes); references are scored whole;
- several references: the per-reference P, R, F1 are averaged (not maxed);
- over a set: per-cluster P, R, F1 averaged component by component.
"""
import re

from rouge_score import rouge_scorer

# Rust's char::is_whitespace (Unicode White_Space), which is what str::split_whitespace uses.
# Python's str.split() also splits on U+001C..U+001F, which Rust does not: use this instead.
_WS = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")

TYPES = ("rouge1", "rouge2", "rougeL")
KEYS = {"rouge1": "rouge1", "rouge2": "rouge2", "rougeL": "rouge_l"}


def words(text):
    return [w for w in _WS.split(text) if w]


def truncate(text, budget):
    """budget = ("words", n) or ("bytes", n); same result as eval::truncate."""
    kind, n = budget
    if kind == "words":
        return " ".join(words(text)[:n])
    joined = " ".join(words(text)).encode("utf-8")[:n]
    return joined.decode("utf-8", errors="ignore")  # drops a partial last char only


def scorer():
    return rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True)


def zero():
    return {KEYS[t]: {"precision": 0.0, "recall": 0.0, "f1": 0.0} for t in TYPES}


def mean(scores):
    out = zero()
    if not scores:
        return out
    for s in scores:
        for k in out:
            for m in out[k]:
                out[k][m] += s[k][m]
    for k in out:
        for m in out[k]:
            out[k][m] /= len(scores)
    return out


def score(sc, candidate, references, budget):
    cand = truncate(candidate, budget)
    per_ref = []
    for ref in references:
        r = sc.score(ref, cand)  # (target, prediction)
        per_ref.append({KEYS[t]: {"precision": r[t].precision, "recall": r[t].recall,
                                  "f1": r[t].fmeasure} for t in TYPES})
    return mean(per_ref)
