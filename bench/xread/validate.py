#!/usr/bin/env python3
"""Check the cross-reading gold files (stdlib only).

  python3 bench/xread/validate.py [GOLD.json ...] [--data DIR]

Checks, per file: the schema; every document of the cluster is listed with the sha1 of its
UTF-8 text (a mismatch means the data changed: re-annotate); every span lies inside its document
on UTF-8 character boundaries; quote spans exclude the quote marks but sit right inside a pair
of them; date strings match their precision; speakers are an entity name or alias, or a
description (a lowercase word in it: "a police spokesman"); a surface form belongs to one entity
only; conflict sides come from two different documents; no span is annotated twice.
Exits 1 when anything is wrong.
"""
import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent.parent / "shared" / "data"
OPEN_MARKS = "\"“‘'«”’"
CLOSE_MARKS = "\"”’'»“‘"
PRECISION_RE = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
KINDS = {"person", "organization", "place", "other"}
CONFLICT_KINDS = {"negation", "number", "date", "role", "place"}


def validate(path, data_dir):
    errs = []
    err = errs.append
    try:
        g = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        return [f"cannot read: {e}"]
    for k in ("dataset", "cluster", "docs", "entities", "quotes", "dates", "conflicts"):
        if k not in g:
            err(f"missing key {k!r}")
    if errs:
        return errs
    texts = None
    with open(Path(data_dir) / g["dataset"], encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            if c["id"] == g["cluster"]:
                texts = {d["id"]: d["text"].encode("utf-8") for d in c["documents"]}
    if texts is None:
        return [f"cluster {g['cluster']} not in {g['dataset']}"]
    if set(texts) != set(g["docs"]):
        err(f"docs listed {sorted(g['docs'])} != cluster docs {sorted(texts)}")
    for d, m in g["docs"].items():
        if d in texts and hashlib.sha1(texts[d]).hexdigest() != m.get("sha1"):
            err(f"{d}: sha1 mismatch (data changed)")
        if m.get("date_source") not in ("text", "inferred", "none"):
            err(f"{d}: bad date_source {m.get('date_source')!r}")
        date = m.get("date")
        if (date is None) != (m.get("date_source") == "none"):
            err(f"{d}: date {date!r} does not agree with date_source {m.get('date_source')!r}")
        if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            err(f"{d}: bad date {date!r}")

    def span(what, s):
        d = s.get("doc")
        if d not in texts:
            err(f"{what}: unknown doc {d!r}")
            return None
        b = texts[d]
        st, en = s.get("start"), s.get("end")
        if not (isinstance(st, int) and isinstance(en, int) and 0 <= st < en <= len(b)):
            err(f"{what}: span {st}..{en} outside {d} ({len(b)} bytes)")
            return None
        try:
            return b[st:en].decode("utf-8"), b[:st].decode("utf-8"), b[en:].decode("utf-8")
        except UnicodeDecodeError:
            err(f"{what}: span {st}..{en} not on char boundaries")
            return None

    forms = {}
    for e in g["entities"]:
        if e.get("kind") not in KINDS:
            err(f"entity {e.get('name')!r}: bad kind {e.get('kind')!r}")
        for f in {x.casefold() for x in [e["name"], *e.get("aliases", [])]}:
            if f in forms and forms[f] != e["name"]:
                err(f"form {f!r} in two entities: {forms[f]!r} and {e['name']!r}")
            forms[f] = e["name"]
    seen = set()
    for i, q in enumerate(g["quotes"]):
        what = f"quote {i} ({q.get('doc')} {q.get('start')})"
        key = ("q", q.get("doc"), q.get("start"), q.get("end"))
        if key in seen:
            err(f"{what}: annotated twice")
        seen.add(key)
        r = span(what, q)
        if r:
            text, before, after = r
            if text[0] in OPEN_MARKS + CLOSE_MARKS or text[-1] in CLOSE_MARKS + OPEN_MARKS:
                err(f"{what}: span includes a quote mark")
            if text != text.strip():
                err(f"{what}: span has surrounding spaces")
            if not before.rstrip()[-1:] in OPEN_MARKS or not after.lstrip()[:1] in CLOSE_MARKS:
                err(f"{what}: span is not directly inside quote marks")
        sp = q.get("speaker") or ""
        if sp.casefold() not in forms and not re.search(r"\b[a-z]", sp):
            err(f"{what}: speaker {sp!r} is neither an entity form nor a description")
    for i, d in enumerate(g["dates"]):
        what = f"date {i} ({d.get('doc')} {d.get('start')})"
        key = ("d", d.get("doc"), d.get("start"), d.get("end"))
        if key in seen:
            err(f"{what}: annotated twice")
        seen.add(key)
        span(what, d)
        pat = PRECISION_RE.get(d.get("precision"))
        if pat is None or not re.fullmatch(pat, str(d.get("date"))):
            err(f"{what}: date {d.get('date')!r} does not match precision {d.get('precision')!r}")
    for i, c in enumerate(g["conflicts"]):
        what = f"conflict {i}"
        if c.get("kind") not in CONFLICT_KINDS:
            err(f"{what}: bad kind {c.get('kind')!r}")
        if c["a"].get("doc") == c["b"].get("doc"):
            err(f"{what}: both sides in one document")
        span(what + ".a", c["a"])
        span(what + ".b", c["b"])
    return errs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    a = ap.parse_args(argv)
    paths = [Path(p) for p in a.gold] or sorted((HERE / "gold").glob("*.json"))
    bad = 0
    for p in paths:
        errs = validate(p, a.data)
        for e in errs:
            print(f"{p.name}: {e}")
        bad += bool(errs)
        if not errs:
            print(f"{p.name}: ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
