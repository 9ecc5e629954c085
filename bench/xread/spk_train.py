#!/usr/bin/env python3
"""Train crossread's speaker model (crates/crossread/src/xread/quotes/model.rs) from the gold.

Stdlib only (Python 3.11), deterministic. Three steps:

  python3 bench/xread/spk_train.py extract   # run examples/spk_features on every development
                                             # cluster, label each candidate against the gold,
                                             # write bench/xread/spk_train.tsv (numbers only)
  python3 bench/xread/spk_train.py fit       # fit on spk_train.tsv, write
                                             # crates/crossread/src/xread/quotes/weights.rs
  python3 bench/xread/spk_train.py cv        # leave-one-cluster-out and 15-old -> 3-opened
                                             # evaluation: rules vs model vs model without the
                                             # rules feature
  python3 bench/xread/spk_train.py fit --check   # exit 1 unless weights.rs is what fit writes

Model: a conditional logit. A quotation's candidates c get p(c) = softmax(w . x_c); the loss is
-log(sum of p over the candidates that match the gold speaker) + L2/2 |w|^2, minimised by
damped Newton steps (the Hessian of the plain softmax loss plus the ridge; a line search keeps
every step a descent). Why a linear model: ~470 labelled quotations, 37 features; a linear
table is readable in the source, has one global optimum (no seed), and trains in a second
with the standard library. Why Python: the labels need the scorer's speaker matching
(score.py), which is Python.

Labels: a gold quote is matched to the system quotation of its article with the best token-F1
(>= 0.5, as score.py matches quotes); each candidate is positive when score.py's
speaker_matches accepts its name (entity forms and aliases of the system entity table). Gold
quotes with no positive candidate count as errors in the evaluation and are left out of the
fit (there is nothing to learn from them).

spk_train.tsv holds no text: cluster, gold quote number, candidate number, label, and the
feature values.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402

TSV = HERE / "spk_train.tsv"
WEIGHTS_RS = REPO / "crates" / "crossread" / "src" / "xread" / "quotes" / "weights.rs"
MODEL_RS = REPO / "crates" / "crossread" / "src" / "xread" / "quotes" / "model.rs"
OPENED = ["M002", "multinews-train-2852", "multinews-val-3666"]
L2 = 10.0


def feature_names():
    """FEATURES from model.rs, in order."""
    src = MODEL_RS.read_text(encoding="utf-8")
    body = src.split("pub const FEATURES: &[&str] = &[", 1)[1].split("];", 1)[0]
    names = []
    for line in body.splitlines():
        line = line.strip()
        if line.startswith('"'):
            names.append(line.split('"')[1])
    return names


# ---------------------------------------------------------------- extract

def example_binary():
    tgt = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return tgt / "release" / "examples" / "spk_features"


def extract(args):
    sets = json.loads((HERE / "sets.json").read_text())
    binary = Path(args.bin) if args.bin else example_binary()
    rows = []
    stats = {"gold": 0, "found": 0, "oracle": 0}
    for cl in sets["development"]:
        g = score.load_gold(HERE / "gold" / f"{cl}.json", score.DEFAULT_DATA)
        with tempfile.TemporaryDirectory(prefix="spk-") as tmp:
            path = Path(tmp) / f"{cl}.jsonl"
            rec = {"id": cl, "documents": [{"id": d["id"], "text": d["text"]}
                                           for d in g["_documents"]], "references": []}
            path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
            out = subprocess.run([str(binary), str(path)], capture_output=True, text=True,
                                 check=True)
        dump = json.loads(out.stdout.strip().splitlines()[0])
        owners = {}
        for i, e in enumerate(g["entities"]):
            for f in {score.norm_form(x) for x in [e["name"], *e["aliases"]]}:
                owners.setdefault(f, set()).add(i)
        gold_forms = {f: next(iter(o)) for f, o in owners.items() if len(o) == 1}
        forms_of_gold = {}
        for f, i in gold_forms.items():
            forms_of_gold.setdefault(i, set()).add(f)
        sys_forms_by_form = {}
        for e in dump["entities"]:
            forms = {score.norm_form(x) for x in [e["name"], *e["aliases"]] if x}
            for f in forms:
                sys_forms_by_form.setdefault(f, set()).update(forms)
        for gi, q in enumerate(g["quotes"]):
            stats["gold"] += 1
            best, best_f = None, 0.0
            for sq in dump["quotes"]:
                if sq["doc"] != q["doc"]:
                    continue
                f = max(score.token_f1(q["text"], u) for u in sq["units"])
                if f > best_f:
                    best, best_f = sq, f
            if best is None or best_f < score.F1_MIN:
                continue
            stats["found"] += 1
            labels = [int(score.speaker_matches(q["speaker"], c["name"], g, gold_forms,
                                                forms_of_gold, sys_forms_by_form))
                      for c in best["cands"]]
            stats["oracle"] += any(labels)
            for ci, (c, y) in enumerate(zip(best["cands"], labels)):
                rows.append([cl, str(gi), str(ci), str(y)] + [fmt(v) for v in c["x"]])
    names = feature_names()
    with TSV.open("w", encoding="utf-8") as f:
        f.write("\t".join(["cluster", "quote", "cand", "label"] + names) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{TSV.relative_to(REPO)}: {len(rows)} candidate rows; gold quotes {stats['gold']}, "
          f"found {stats['found']}, with a right candidate {stats['oracle']}")


def fmt(v):
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# ---------------------------------------------------------------- data

def load_groups(path=TSV):
    """[(cluster, [(label, {feature index: value})])] per gold quote, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    nf = len(header) - 4
    groups, key = [], None
    for line in lines[1:]:
        p = line.split("\t")
        k = (p[0], p[1])
        if k != key:
            groups.append((p[0], []))
            key = k
        x = {j: float(v) for j, v in enumerate(p[4:]) if float(v) != 0.0}
        groups[-1][1].append((int(p[3]), x))
    return groups, nf, header[4:]


# ---------------------------------------------------------------- model

def scores(w, cands):
    return [sum(w[j] * v for j, v in x.items()) for _, x in cands]


def softmax(s):
    m = max(s)
    e = [math.exp(v - m) for v in s]
    z = sum(e)
    return [v / z for v in e]


def loss(w, groups, l2):
    total = 0.5 * l2 * sum(v * v for v in w)
    for _, cands in groups:
        p = softmax(scores(w, cands))
        pos = sum(pi for pi, (y, _) in zip(p, cands) if y)
        total -= math.log(max(pos, 1e-300))
    return total


def solve(a, b):
    """Solve a x = b (a symmetric positive definite) by Gaussian elimination."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        d = m[c][c]
        for r in range(c + 1, n):
            f = m[r][c] / d
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def fit(groups, nf, l2=L2, drop=(), iters=50):
    """Weights minimising the loss over groups with at least one positive candidate.
    Features in `drop` are held at 0."""
    groups = [(c, g) for c, g in groups if any(y for y, _ in g)]
    keep = [j for j in range(nf) if j not in drop]
    w = [0.0] * nf
    cur = loss(w, groups, l2)
    for _ in range(iters):
        grad = [l2 * v for v in w]
        hess = [[0.0] * nf for _ in range(nf)]
        for j in range(nf):
            hess[j][j] = l2
        for _, cands in groups:
            p = softmax(scores(w, cands))
            pos = sum(pi for pi, (y, _) in zip(p, cands) if y)
            mu = [0.0] * nf
            mq = [0.0] * nf
            for pi, (y, x) in zip(p, cands):
                for j, v in x.items():
                    mu[j] += pi * v
                    if y:
                        mq[j] += pi / pos * v
            for j in range(nf):
                grad[j] += mu[j] - mq[j]
            for pi, (_, x) in zip(p, cands):
                items = list(x.items())
                for j, v in items:
                    for k, u in items:
                        hess[j][k] += pi * v * u
            nz = [j for j in range(nf) if mu[j]]
            for j in nz:
                for k in nz:
                    hess[j][k] -= mu[j] * mu[k]
        sub_h = [[hess[j][k] for k in keep] for j in keep]
        step = solve(sub_h, [grad[j] for j in keep])
        t = 1.0
        while t > 1e-6:
            cand = w[:]
            for i, j in enumerate(keep):
                cand[j] = w[j] - t * step[i]
            new = loss(cand, groups, l2)
            if new <= cur:
                break
            t /= 2
        if t <= 1e-6:
            break
        w, done = cand, cur - new < 1e-9
        cur = new
        if done:
            break
    return [0.0 if abs(v) < 5e-7 else round(v, 6) for v in w]


def choose(w, cands):
    s = scores(w, cands)
    return max(range(len(cands)), key=lambda i: (s[i], -i))


def accuracy(w, groups):
    ok = sum(cands[choose(w, cands)][0] for _, cands in groups)
    return ok, len(groups)


LINKS = ["subject_of_verb", "verb_before", "according_to", "that_between", "colon_intro",
         "pronoun_fits", "by_before", "verb_in_gap"]


def speech_link(x):
    """model.rs speech_link over a sparse feature dict (the column order of FEATURES)."""
    names = feature_names()
    j = {n: i for i, n in enumerate(names)}
    near = x.get(j["same_sentence"]) or x.get(j["prev_sentence"])
    return bool(near and any(x.get(j[n]) for n in LINKS))


def unknown_margin():
    """UNKNOWN_MARGIN from model.rs."""
    src = MODEL_RS.read_text(encoding="utf-8")
    return float(src.split("pub const UNKNOWN_MARGIN: f64 = ", 1)[1].split(";", 1)[0])


def shipped_accuracy(w, groups, unknown_j, margin):
    """What crossread ships: the rules' speaker where they found one; else the model's best
    candidate when it beats "no speaker" by `margin` and has a speech link (model.rs; the
    ship's further gate, no piece after another quotation of its sentence, needs positions
    the table does not hold and is left out here)."""
    ok = 0
    for _, cands in groups:
        i = 0
        if cands[0][1].get(unknown_j):
            s = scores(w, cands)
            b = choose(w, cands)
            if s[b] - s[0] >= margin and speech_link(cands[b][1]):
                i = b
        ok += cands[i][0]
    return ok, len(groups)


def rules_accuracy(groups, rule_j):
    ok = 0
    for _, cands in groups:
        y, x = cands[0]
        ok += bool(y and x.get(rule_j))
    return ok, len(groups)


# ---------------------------------------------------------------- weights file

def checksum(w):
    h = 0xCBF29CE484222325
    for b in ",".join(f"{v:.6f}" for v in w).encode():
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def weights_rs(w, names, n_groups):
    lines = [
        "//! The speaker model's weights: generated by `python3 bench/xread/spk_train.py fit` from",
        "//! `bench/xread/spk_train.tsv` (the candidates of the development gold, labelled by",
        f"//! `spk_train.py extract`; {n_groups} gold quotations). Do not edit by hand:",
        "//! `spk_train.py fit --check` and a unit test compare this table with the trainer.",
        "",
        "/// One weight per feature of [`super::model::FEATURES`], same order.",
        "#[rustfmt::skip]",
        f"pub const WEIGHTS: [f64; {len(w)}] = [",
    ]
    for v, n in zip(w, names):
        lines.append(f"    {v:.6f}, // {n}")
    lines.append("];")
    lines.append("")
    lines.append("/// FNV-1a of the weights formatted with six decimals, joined by \",\".")
    lines.append(f"pub const WEIGHTS_CHECKSUM: u64 = 0x{checksum(w):016x};")
    return "\n".join(lines) + "\n"


def cmd_fit(args):
    groups, nf, names = load_groups()
    if names != feature_names():
        raise SystemExit("spk_train.tsv's features differ from model.rs FEATURES: run extract")
    w = fit(groups, nf)
    text = weights_rs(w, names, len(groups))
    if args.check:
        ok = WEIGHTS_RS.read_text(encoding="utf-8") == text
        print("weights.rs is the trainer's output" if ok else "weights.rs differs from fit")
        raise SystemExit(0 if ok else 1)
    WEIGHTS_RS.write_text(text, encoding="utf-8")
    ok, n = accuracy(w, groups)
    print(f"wrote {WEIGHTS_RS.relative_to(REPO)}; training accuracy {ok}/{n} = {ok / n:.3f}")
    for v, nm in sorted(zip(w, names), key=lambda t: -abs(t[0])):
        print(f"  {v:+.3f} {nm}")


# ---------------------------------------------------------------- evaluation

def cmd_cv(args):
    groups, nf, names = load_groups()
    rule_j = names.index("rule")
    clusters = sorted({c for c, _ in groups})
    unknown_j = names.index("unknown")
    margin = unknown_margin()
    kinds = ["rules", "model_no_rule", "model", "shipped"]
    preds = {k: {} for k in kinds}
    for cl in clusters:
        train = [g for g in groups if g[0] != cl]
        test = [g for g in groups if g[0] == cl]
        w = fit(train, nf, l2=args.l2)
        w0 = fit(train, nf, l2=args.l2, drop={rule_j})
        preds["rules"][cl] = rules_accuracy(test, rule_j)
        preds["model"][cl] = accuracy(w, test)
        preds["model_no_rule"][cl] = accuracy(w0, test)
        preds["shipped"][cl] = shipped_accuracy(w, test, unknown_j, margin)

    def tot(kind, cls):
        ok = sum(preds[kind][c][0] for c in cls)
        n = sum(preds[kind][c][1] for c in cls)
        return f"{ok / n:.3f} ({ok}/{n})" if n else "-"

    old = [c for c in clusters if c not in OPENED]
    print(f"leave-one-cluster-out, L2={args.l2}, margin {margin} (speaker accuracy over found "
          "gold quotes, per article quotation)")
    head = ["rules", "model - rules", "model + rules", "shipped"]
    print(f"{'set':30}" + "".join(f"{h:>17}" for h in head))
    for name, cls in [("15 old clusters", old), ("3 opened clusters", OPENED),
                      ("all 18", clusters)]:
        print(f"{name:30}" + "".join(f"{tot(k, cls):>17}" for k in kinds))
    if args.per_cluster:
        for cl in clusters:
            print(f"  {cl:28}" + "".join(f"{tot(k, [cl]):>17}" for k in kinds))
    train = [g for g in groups if g[0] not in OPENED]
    test = [g for g in groups if g[0] in OPENED]
    w = fit(train, nf, l2=args.l2)
    w0 = fit(train, nf, l2=args.l2, drop={rule_j})
    res = [rules_accuracy(test, rule_j), accuracy(w0, test), accuracy(w, test),
           shipped_accuracy(w, test, unknown_j, margin)]
    f = lambda t: f"{t[0] / t[1]:.3f} ({t[0]}/{t[1]})"
    print(f"{'train 15 old -> test 3 opened':30}" + "".join(f"{f(r):>17}" for r in res))
    oracle = sum(any(y for y, _ in g) for _, g in groups)
    print(f"oracle (a right candidate exists): {oracle}/{len(groups)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract")
    e.add_argument("--bin", help="spk_features binary (default $CARGO_TARGET_DIR/release/examples)")
    f = sub.add_parser("fit")
    f.add_argument("--check", action="store_true")
    c = sub.add_parser("cv")
    c.add_argument("--l2", type=float, default=L2)
    c.add_argument("--per-cluster", action="store_true")
    args = ap.parse_args()
    {"extract": extract, "fit": cmd_fit, "cv": cmd_cv}[args.cmd](args)


if __name__ == "__main__":
    main()
