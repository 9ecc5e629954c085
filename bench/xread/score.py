#!/usr/bin/env python3
"""Score crossread's cross-reading (quotes, speakers, aliases, dates, conflicts) against the
hand-made gold in bench/xread/gold/ (stdlib only, Python 3.11).

For each gold file the cluster is written as a one-line cluster JSONL into a temp dir, the
binary is run as `crossread brief --format json FILE`, and its brief is compared with the gold.
The gold stores byte offsets only; the text is read from the data set (../shared/data).

  python3 bench/xread/score.py                    # the development set (sets.json), table
  python3 bench/xread/score.py --set heldout      # the held-out set (never with --errors)
  python3 bench/xread/score.py --json             # the same numbers as JSON
  python3 bench/xread/score.py --bin PATH         # another binary
  python3 bench/xread/score.py --briefs DIR       # score ready-made briefs DIR/<cluster>.json
  python3 bench/xread/score.py --self-test        # gold against itself: must be 1.0 everywhere

Matching rules (see GUIDELINES.md, "Scoring"):
  tokens      lowercased \\w+ tokens; token-F1 over token multisets
  quotes      a gold quote is found when a system quote lists its doc in `sources` and its `text`
              or one of its `variants` has token-F1 >= 0.5 with the gold quote; precision is over
              (system quote, source doc) pairs whose doc is in the gold: matched when any of its
              wordings has F1 >= 0.5 with some gold quote of that doc
  speakers    among found gold quotes (best-matching system quote), the system speaker equals the
              gold speaker up to aliases (gold entity forms, or the system entity that carries
              the system speaker has the gold speaker among its forms); a nameless gold speaker
              (a description) matches when one side's content words contain the other's
  aliases     pairwise "same entity" over surface forms of the gold vocabulary (forms normalized:
              case, apostrophes, a leading "the"); system pairs count only when both forms are in
              the gold vocabulary
  dates       a gold date is found when a timeline event lists its doc and has the same `date`
              string; precision is over (event, source doc) pairs whose doc is in the gold
  conflicts   a gold conflict is found when a system conflict's two sides match its two
              sentences (token-F1 >= 0.5 each, either order)
"""
import argparse
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
F1_MIN = 0.5
ARTICLES = {"a", "an", "the"}


# ---------------------------------------------------------------- text helpers

# Set by --errors: print each missed or extra quote, wrong speaker, missed or wrong alias pair,
# missed gold date and extra (event, doc) date pair on stderr.
SHOW_ERRORS = False


def tokens(s):
    return re.findall(r"\w+", s.lower())


def token_f1(a, b):
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if common == 0:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


def norm_form(s):
    """Normalize a surface form: case, curly apostrophes/quotes, spaces, a leading 'the'."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = " ".join(s.split()).casefold()
    if s.startswith("the "):
        s = s[4:]
    return s


def content_words(s):
    return [t for t in tokens(s) if t not in ARTICLES]


def contains_seq(big, small):
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


# ---------------------------------------------------------------- gold

def load_gold(path, data_dir):
    g = json.loads(Path(path).read_text(encoding="utf-8"))
    docs = None
    with open(Path(data_dir) / g["dataset"], encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            if c["id"] == g["cluster"]:
                docs = c["documents"]
                break
    if docs is None:
        raise SystemExit(f"{path}: cluster {g['cluster']} not found in {g['dataset']}")
    texts = {d["id"]: d["text"].encode("utf-8") for d in docs}
    stale = [d for d, m in g["docs"].items()
             if d not in texts or hashlib.sha1(texts[d]).hexdigest() != m["sha1"]]
    if stale:
        raise SystemExit(f"{path}: text changed for {stale} (sha1 mismatch): re-annotate")
    cut = lambda d, s, e: texts[d][s:e].decode("utf-8")
    g["_documents"] = docs
    for q in g["quotes"]:
        q["text"] = cut(q["doc"], q["start"], q["end"])
    for d in g["dates"]:
        d["text"] = cut(d["doc"], d["start"], d["end"])
        b = texts[d["doc"]]
        d["context"] = " ".join(b[max(0, d["start"] - 70):d["end"] + 40]
                                .decode("utf-8", errors="replace").split())
    for c in g["conflicts"]:
        for side in ("a", "b"):
            c[side]["text"] = cut(c[side]["doc"], c[side]["start"], c[side]["end"])
    return g


def fake_brief(g):
    """A brief that states exactly the gold: the self-test's system output."""
    return {
        "articles": [{"id": d["id"]} for d in g["_documents"]],
        "entities": [{"name": e["name"], "kind": e["kind"], "aliases": e["aliases"], "mentions": {}}
                     for e in g["entities"]],
        "quotes": [{"speaker": q["speaker"], "text": q["text"], "sources": [q["doc"]], "variants": []}
                   for q in g["quotes"]],
        "timeline": [{"date": d["date"], "precision": d["precision"], "text": "", "sources": [d["doc"]]}
                     for d in g["dates"]],
        "claims": {"corroborated": [], "single_source": [],
                   "conflicts": [{"a": {"text": c["a"]["text"], "sources": [c["a"]["doc"]]},
                                  "b": {"text": c["b"]["text"], "sources": [c["b"]["doc"]]},
                                  "kind": c["kind"]} for c in g["conflicts"]]},
    }


def run_brief(g, binary):
    with tempfile.TemporaryDirectory(prefix="xread-score-") as tmp:
        path = Path(tmp) / f"{g['cluster']}.jsonl"
        rec = {"id": g["cluster"],
               "documents": [{"id": d["id"], "text": d["text"]} for d in g["_documents"]],
               "references": []}
        path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        out = subprocess.run([str(binary), "brief", "--format", "json", str(path)],
                             capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"{binary} failed on {g['cluster']}: {out.stderr.strip()[:2000]}")
    return json.loads(out.stdout)


# ---------------------------------------------------------------- scoring

def ratio(num, den):
    return num / den if den else None


def score_cluster(g, brief):
    """Counts (numerators and denominators) for one cluster."""
    gold_docs = set(g["docs"])
    c = Counter()

    # Forms of each gold entity (normalized); a form claimed by two gold entities is ambiguous.
    owners = {}
    for i, e in enumerate(g["entities"]):
        for f in {norm_form(x) for x in [e["name"], *e["aliases"]]}:
            owners.setdefault(f, set()).add(i)
    gold_forms = {f: next(iter(o)) for f, o in owners.items() if len(o) == 1}
    forms_of_gold = {}
    for f, i in gold_forms.items():
        forms_of_gold.setdefault(i, set()).add(f)

    sys_entities = brief.get("entities") or []
    sys_forms_by_form = {}
    for e in sys_entities:
        forms = {norm_form(x) for x in [e.get("name", ""), *(e.get("aliases") or [])] if x}
        for f in forms:
            sys_forms_by_form.setdefault(f, set()).update(forms)

    # ---- quotes
    squotes = brief.get("quotes") or []
    wordings = [[q.get("text") or "", *(q.get("variants") or [])] for q in squotes]
    by_doc = {}
    for q in g["quotes"]:
        by_doc.setdefault(q["doc"], []).append(q)
    for q in g["quotes"]:
        c["quote_gold"] += 1
        best, best_f = None, 0.0
        for i, sq in enumerate(squotes):
            if q["doc"] not in (sq.get("sources") or []):
                continue
            f = max(token_f1(q["text"], w) for w in wordings[i])
            if f > best_f:
                best, best_f = i, f
        if best is None or best_f < F1_MIN:
            if SHOW_ERRORS:
                print(f"quote missed {g['cluster']}/{q['doc']}: {q['text'][:90]!r}", file=sys.stderr)
            continue
        c["quote_found"] += 1
        c["speaker_gold"] += 1
        if speaker_matches(q["speaker"], squotes[best].get("speaker"), g, gold_forms,
                           forms_of_gold, sys_forms_by_form):
            c["speaker_ok"] += 1
        elif SHOW_ERRORS:
            print(f"speaker {g['cluster']}/{q['doc']}: gold {q['speaker']!r} system "
                  f"{squotes[best].get('speaker')!r}: {q['text'][:70]!r}", file=sys.stderr)
    for i, sq in enumerate(squotes):
        for d in set(sq.get("sources") or []):
            if d not in gold_docs:
                continue
            c["quote_sys"] += 1
            if any(token_f1(gq["text"], w) >= F1_MIN for gq in by_doc.get(d, []) for w in wordings[i]):
                c["quote_sys_ok"] += 1
            elif SHOW_ERRORS:
                print(f"quote extra {g['cluster']}/{d}: speaker {sq.get('speaker')!r}: "
                      f"{(sq.get('text') or '')[:90]!r}", file=sys.stderr)

    # ---- aliases (pairwise over the gold vocabulary)
    gold_pairs = set()
    for forms in forms_of_gold.values():
        gold_pairs.update(frozenset(p) for p in itertools.combinations(sorted(forms), 2))
    sys_pairs = set()
    for e in sys_entities:
        forms = {norm_form(x) for x in [e.get("name", ""), *(e.get("aliases") or [])] if x}
        forms &= set(gold_forms)
        sys_pairs.update(frozenset(p) for p in itertools.combinations(sorted(forms), 2))
    if SHOW_ERRORS:
        # Missed gold pairs and wrong system pairs, grouped per gold entity / system entity.
        missed = gold_pairs - sys_pairs
        for i, forms in sorted(forms_of_gold.items()):
            m = sorted(tuple(sorted(p)) for p in missed if p <= forms)
            if m:
                name = g["entities"][i]["name"]
                print(f"alias missed {g['cluster']} [{name}]: "
                      + "; ".join(f"{a!r}={b!r}" for a, b in m), file=sys.stderr)
        wrong = sys_pairs - gold_pairs
        for a_, b_ in sorted(tuple(sorted(p)) for p in wrong):
            ga, gb = g["entities"][gold_forms[a_]]["name"], g["entities"][gold_forms[b_]]["name"]
            print(f"alias wrong {g['cluster']}: {a_!r} ({ga}) = {b_!r} ({gb})", file=sys.stderr)
    c["alias_gold"] += len(gold_pairs)
    c["alias_sys"] += len(sys_pairs)
    c["alias_ok"] += len(gold_pairs & sys_pairs)

    # ---- dates
    events = brief.get("timeline") or []
    sys_dates = {}
    for ev in events:
        for d in set(ev.get("sources") or []):
            sys_dates.setdefault(d, set()).add(ev.get("date"))
    gold_dates = {}
    for d in g["dates"]:
        gold_dates.setdefault(d["doc"], set()).add(d["date"])
        text_dated = g["docs"][d["doc"]]["date_source"] == "text"
        hit = d["date"] in sys_dates.get(d["doc"], set())
        if SHOW_ERRORS and not hit:
            src = g["docs"][d["doc"]]
            print(f"date missed {g['cluster']} {d['doc']} ({src.get('date_source')} "
                  f"{src.get('date')}): {d['text']!r} = {d['date']} in {d['context']!r} "
                  f"(system: {sorted(x for x in sys_dates.get(d['doc'], set()) if x)})",
                  file=sys.stderr)
        c["date_gold"] += 1
        c["date_found"] += hit
        c["date_gold_textdoc"] += text_dated
        c["date_found_textdoc"] += hit and text_dated
    for ev in events:
        for d in set(ev.get("sources") or []):
            if d in gold_docs:
                ok = ev.get("date") in gold_dates.get(d, set())
                if SHOW_ERRORS and not ok:
                    print(f"date extra {g['cluster']} {d} ({g['docs'][d].get('date_source')} "
                          f"{g['docs'][d].get('date')}): {ev.get('date')} "
                          f"{(ev.get('text') or '')[:160]!r}", file=sys.stderr)
                c["date_sys"] += 1
                c["date_sys_ok"] += ok
                if g["docs"][d]["date_source"] == "text":
                    c["date_sys_textdoc"] += 1
                    c["date_sys_ok_textdoc"] += ok

    # ---- conflicts
    sconf = (brief.get("claims") or {}).get("conflicts") or []
    def side_text(s):
        return (s or {}).get("text") or ""
    def same(gc, sc):
        ga, gb = gc["a"]["text"], gc["b"]["text"]
        sa, sb = side_text(sc.get("a")), side_text(sc.get("b"))
        return ((token_f1(ga, sa) >= F1_MIN and token_f1(gb, sb) >= F1_MIN)
                or (token_f1(ga, sb) >= F1_MIN and token_f1(gb, sa) >= F1_MIN))
    for gc in g["conflicts"]:
        c["conflict_gold"] += 1
        m = [sc for sc in sconf if same(gc, sc)]
        c["conflict_found"] += bool(m)
        c["conflict_kind_ok"] += any(sc.get("kind") == gc["kind"] for sc in m)
        if SHOW_ERRORS and not m:
            print(f"conflict missed {g['cluster']} ({gc['kind']}): {gc['a']['doc']} "
                  f"{gc['a']['text'][:200]!r} <> {gc['b']['doc']} {gc['b']['text'][:200]!r}",
                  file=sys.stderr)
    for sc in sconf:
        c["conflict_sys"] += 1
        ok = any(same(gc, sc) for gc in g["conflicts"])
        c["conflict_sys_ok"] += ok
        if SHOW_ERRORS and not ok:
            print(f"conflict extra {g['cluster']} ({sc.get('kind')}): "
                  f"{side_text(sc.get('a'))[:200]!r} <> {side_text(sc.get('b'))[:200]!r}",
                  file=sys.stderr)
    return c


def speaker_matches(gold, system, g, gold_forms, forms_of_gold, sys_forms_by_form):
    if not system:
        return False
    gn, sn = norm_form(gold), norm_form(system)
    if gn == sn:
        return True
    ent = gold_forms.get(gn)
    if ent is not None:
        # A named gold speaker: the system speaker is one of its gold forms, or the system
        # entity called `system` lists the gold speaker (or one of its forms) among its own.
        forms = forms_of_gold[ent]
        if sn in forms:
            return True
        return bool(sys_forms_by_form.get(sn, set()) & forms)
    # A description ("an official with the ... task force"): content words contain each other.
    gw, sw = content_words(gold), content_words(system)
    return contains_seq(gw, sw) or contains_seq(sw, gw)


def metrics(c):
    return {
        "quote_recall": ratio(c["quote_found"], c["quote_gold"]),
        "quote_precision": ratio(c["quote_sys_ok"], c["quote_sys"]),
        "speaker_accuracy": ratio(c["speaker_ok"], c["speaker_gold"]),
        "alias_precision": ratio(c["alias_ok"], c["alias_sys"]),
        "alias_recall": ratio(c["alias_ok"], c["alias_gold"]),
        "date_recall": ratio(c["date_found"], c["date_gold"]),
        "date_recall_text_dated": ratio(c["date_found_textdoc"], c["date_gold_textdoc"]),
        "date_precision": ratio(c["date_sys_ok"], c["date_sys"]),
        "date_precision_text_dated": ratio(c["date_sys_ok_textdoc"], c["date_sys_textdoc"]),
        "conflict_recall": ratio(c["conflict_found"], c["conflict_gold"]),
        "conflict_precision": ratio(c["conflict_sys_ok"], c["conflict_sys"]),
        "conflict_kind_accuracy": ratio(c["conflict_kind_ok"], c["conflict_found"]),
    }


COLUMNS = [("quote_recall", "q.R"), ("quote_precision", "q.P"), ("speaker_accuracy", "spk"),
           ("alias_precision", "al.P"), ("alias_recall", "al.R"), ("date_recall", "d.R"),
           ("date_precision", "d.P"), ("conflict_recall", "c.R"), ("conflict_precision", "c.P")]


def fmt(x):
    return "  -  " if x is None else f"{x:.3f}"


def set_paths(name):
    """Gold files of one set of sets.json ("all": every gold file)."""
    if name == "all":
        return sorted((HERE / "gold").glob("*.json"))
    sets = json.loads((HERE / "sets.json").read_text(encoding="utf-8"))
    return [HERE / "gold" / f"{c}.json" for c in sets[name]]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*",
                    help="gold files (default: the clusters of --set in bench/xread/sets.json)")
    ap.add_argument("--set", choices=["development", "heldout", "all"], default="development",
                    help="which clusters to score when no gold files are given (default: development)")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    ap.add_argument("--bin", default=str(target / "release" / "crossread"),
                    help="crossread binary (default: $CARGO_TARGET_DIR or target/, release)")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="folder of the data sets")
    ap.add_argument("--briefs", help="folder of ready-made briefs <cluster>.json (no binary run)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--self-test", action="store_true", help="score the gold against itself")
    ap.add_argument("--errors", action="store_true",
                    help="print missed and extra quotes, wrong speakers, missed and wrong alias "
                         "pairs, missed and extra dates on stderr")
    a = ap.parse_args(argv)
    global SHOW_ERRORS
    SHOW_ERRORS = a.errors
    paths = [Path(p) for p in a.gold] or set_paths(a.set)
    if not paths:
        raise SystemExit(f"no gold files in set {a.set!r} (bench/xread/sets.json)")
    if not paths:
        raise SystemExit("no gold files")
    per, total = {}, Counter()
    for p in paths:
        g = load_gold(p, a.data)
        if a.self_test:
            brief = fake_brief(g)
        elif a.briefs:
            brief = json.loads((Path(a.briefs) / f"{g['cluster']}.json").read_text(encoding="utf-8"))
        else:
            brief = run_brief(g, a.bin)
        c = score_cluster(g, brief)
        per[g["cluster"]] = c
        total.update(c)
    result = {"clusters": {k: {"metrics": metrics(c), "counts": dict(c)} for k, c in per.items()},
              "overall": {"metrics": metrics(total), "counts": dict(total)}}
    if a.json:
        print(json.dumps(result, indent=1))
    else:
        w = max(len(k) for k in [*per, "overall"])
        print(f"{'cluster':<{w}}  " + "  ".join(f"{h:>5}" for _, h in COLUMNS)
              + "   gold: quotes dates pairs conflicts")
        for k, c in [*per.items(), ("overall", total)]:
            m = metrics(c)
            print(f"{k:<{w}}  " + "  ".join(f"{fmt(m[col]):>5}" for col, _ in COLUMNS)
                  + f"   {c['quote_gold']:>6} {c['date_gold']:>5} {c['alias_gold']:>5} {c['conflict_gold']:>9}")
        m = metrics(total)
        print(f"\ndates on text-dated docs only: recall {fmt(m['date_recall_text_dated'])}, "
              f"precision {fmt(m['date_precision_text_dated'])}; "
              f"conflict kind accuracy (found): {fmt(m['conflict_kind_accuracy'])}")
    if a.self_test:
        bad = {k: v for k, v in metrics(total).items() if v is not None and abs(v - 1.0) > 1e-9}
        if bad:
            print(f"SELF-TEST FAILED: {bad}", file=sys.stderr)
            return 1
        print("self-test ok", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
