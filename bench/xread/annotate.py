#!/usr/bin/env python3
"""Annotation helper for the cross-reading gold (stdlib only).

The gold files store byte offsets only, never article text (the data is licensed). This
script is how the offsets were made, so nobody types an offset by hand:

  annotate.py show DATASET CLUSTER [DOC]    print the text with numbered candidate quotes
                                            «Qn ...» and dates [Dn ...] (offsets listed)
  annotate.py find DATASET CLUSTER DOC PHRASE [N]
                                            byte offsets of the N-th (1-based) occurrence of
                                            PHRASE in DOC, with its sentence
  annotate.py build DECISIONS OUT.json      turn a decisions file (below) into a gold file
  annotate.py print GOLD.json               print a gold file with the text it points to
                                            (reads the data; for reviewing, output not stored)

DATASET is a file name in ../shared/data (or a path). Decisions file, one item per line
(`#` starts a comment, fields separated by ` | `):

  dataset multiling2011_en.jsonl
  cluster M007
  doc M0070 | 2005-01-15 | text                 article date and where it comes from
  Q M0070 | 3 | Charles Graner                   candidate quote 3 of the doc, speaker
  Q+ M0070 | words of the quote | 1 | Speaker    a quote found by phrase (N-th occurrence)
  D M0070 | 2 | 2005-01-14 | day                 candidate date 2 of the doc
  D+ M0070 | last year | 1 | 2004 | year         a date found by phrase
  E Charles Graner | person | Graner; Charles A. Graner Jr.
  C M0070 | phrase in sentence a | 1 | M0072 | phrase in sentence b | 1 | number
"""
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent / "shared" / "data"

# Quote candidates: a pair of double marks (straight or curly) inside one paragraph.
QUOTE_RE = re.compile(r'"([^"\n]+)"|“([^”“\n]+)”|‘([^’‘\n]{3,}?)’(?=\W|$)')
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DATE_RE = re.compile(
    r"\b(?:(?:%s),? )?(?:%s)(?: \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?\b"
    r"|\b(?:%s)\b(?: (?:morning|afternoon|evening|night))?"
    r"|\b\d{1,2} (?:%s)(?: \d{4})?\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|\b(?:last|next|this|earlier this|later this) (?:year|month|week|spring|summer|fall|autumn|winter)\b"
    r"|\b(?:1[89]|20)\d\d\b" % (WEEKDAYS, MONTHS, WEEKDAYS, MONTHS), re.I)


def dataset_path(name):
    p = Path(name)
    return p if p.exists() else DATA / name


def load_cluster(dataset, cluster):
    with open(dataset_path(dataset), encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            if c["id"] == cluster:
                return {d["id"]: d["text"].encode("utf-8") for d in c["documents"]}
    raise SystemExit(f"cluster {cluster} not in {dataset}")


def sha1(b):
    return hashlib.sha1(b).hexdigest()


def char_to_byte(text):
    """Byte offset of every char index (plus the end)."""
    out, pos = [], 0
    for ch in text:
        out.append(pos)
        pos += len(ch.encode("utf-8"))
    out.append(pos)
    return out


def candidates(b):
    """(quotes, dates): lists of (start, end) byte spans, quotes without their marks."""
    text = b.decode("utf-8")
    cb = char_to_byte(text)
    quotes = []
    for m in QUOTE_RE.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        s, e = m.start(g), m.end(g)
        # trim spaces and trailing punctuation-free whitespace inside the marks
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        # a quotation wholly inside inner single marks ("'When I ... day.'"): drop those too
        if e - s > 2 and text[s] in "'\u2018" and text[e - 1] in "'\u2019":
            s, e = s + 1, e - 1
        quotes.append((cb[s], cb[e]))
    dates = [(cb[m.start()], cb[m.end()]) for m in DATE_RE.finditer(text)]
    return quotes, dates


def sentence_around(b, start, end):
    lo = max(b.rfind(b"\n", 0, start), max(b.rfind(x, 0, start) for x in (b". ", b"? ", b"! ")) + 1)
    hi_c = [i for i in (b.find(b"\n", end), b.find(b". ", end), b.find(b"? ", end), b.find(b"! ", end)) if i >= 0]
    hi = min(hi_c) + 1 if hi_c else len(b)
    return b[lo + 1 if lo >= 0 else 0:hi].decode("utf-8", "replace").strip()


def cmd_show(dataset, cluster, doc=None):
    docs = load_cluster(dataset, cluster)
    for did, b in docs.items():
        if doc and did != doc:
            continue
        quotes, dates = candidates(b)
        marks = []
        for i, (s, e) in enumerate(quotes, 1):
            marks.append((s, 0, f"«Q{i} "))
            marks.append((e, 1, "»"))
        for i, (s, e) in enumerate(dates, 1):
            marks.append((s, 0, f"[D{i} "))
            marks.append((e, 1, "]"))
        marks.sort(key=lambda m: (m[0], -m[1]))
        out, pos = [], 0
        for off, _, tag in marks:
            out.append(b[pos:off].decode("utf-8"))
            out.append(tag)
            pos = off
        out.append(b[pos:].decode("utf-8"))
        print(f"===== {did} sha1={sha1(b)} bytes={len(b)}")
        print("".join(out))


def find(b, phrase, n=1):
    p = phrase.encode("utf-8")
    pos = -1
    for _ in range(n):
        pos = b.find(p, pos + 1)
        if pos < 0:
            raise KeyError(phrase)
    return pos, pos + len(p)


ABBREV = {b"mr", b"mrs", b"ms", b"dr", b"sgt", b"sgts", b"pvt", b"gen", b"col", b"lt", b"maj", b"spc",
          b"det", b"st", b"jr", b"sr", b"sen", b"rep", b"gov", b"gens", b"capt", b"cpl", b"adm", b"ft",
          b"jan", b"feb", b"mar", b"apr", b"aug", b"sep", b"sept", b"oct", b"nov", b"dec", b"no", b"vs"}


def abbrev_before(b, dot):
    """True when the '.' at byte `dot` ends an abbreviation (title, initial, month, U.S.)."""
    m = re.search(rb"([A-Za-z.]+)$", b[max(0, dot - 12):dot])
    if not m:
        return False
    w = m.group(1)
    return w.lower() in ABBREV or len(w) == 1 or b"." in w


def sentence_span(b, start, end):
    """Sentence (or line) around a span: from after the previous '. ' / newline to the next."""
    lo = start
    while lo > 0:
        if b[lo - 1:lo] == b"\n":
            break
        if lo >= 2 and b[lo - 2:lo - 1] in (b".", b"?", b"!") and b[lo - 1:lo] == b" " and b[lo:lo + 1].isupper() \
                and not abbrev_before(b, lo - 2):
            break
        lo -= 1
    hi = end
    while hi < len(b):
        if b[hi:hi + 1] == b"\n":
            break
        if b[hi:hi + 1] in (b".", b"?", b"!") and not abbrev_before(b, hi) and (hi + 1 == len(b) or b[hi + 1:hi + 2] in (b" ", b"\n", b'"')):
            hi += 1
            while hi < len(b) and b[hi:hi + 1] in (b'"',):
                hi += 1
            if hi < len(b) and b[hi:hi + 1] in (b" ", b"\n"):
                break
            continue
        hi += 1
    while lo < hi and b[lo:lo + 1].isspace():
        lo += 1
    return lo, hi


def cmd_find(dataset, cluster, doc, phrase, n=1):
    b = load_cluster(dataset, cluster)[doc]
    s, e = find(b, phrase, int(n))
    ss, se = sentence_span(b, s, e)
    print(json.dumps({"doc": doc, "start": s, "end": e, "sentence": [ss, se]}))
    print(b[ss:se].decode("utf-8"))


def cmd_build(decisions, out):
    meta, docs, gold = {}, None, {"entities": [], "quotes": [], "dates": [], "conflicts": []}
    cands = {}
    doc_meta = {}
    for lineno, raw in enumerate(open(decisions, encoding="utf-8"), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        kw, _, rest = line.partition(" ")
        f = [x.strip() for x in re.split(r"\s\|(?:\s|$)", rest)]
        try:
            if kw in ("dataset", "cluster"):
                meta[kw] = rest.strip()
                if "dataset" in meta and "cluster" in meta and docs is None:
                    docs = load_cluster(meta["dataset"], meta["cluster"])
                    cands = {d: candidates(b) for d, b in docs.items()}
            elif kw == "doc":
                date = f[1] if f[1] != "-" else None
                doc_meta[f[0]] = {"sha1": sha1(docs[f[0]]), "date": date, "date_source": f[2]}
            elif kw == "Q":
                s, e = cands[f[0]][0][int(f[1]) - 1]
                gold["quotes"].append({"doc": f[0], "start": s, "end": e, "speaker": f[2]})
            elif kw == "Q+":
                s, e = find(docs[f[0]], f[1], int(f[2]))
                gold["quotes"].append({"doc": f[0], "start": s, "end": e, "speaker": f[3]})
            elif kw == "D":
                s, e = cands[f[0]][1][int(f[1]) - 1]
                gold["dates"].append({"doc": f[0], "start": s, "end": e, "date": f[2], "precision": f[3]})
            elif kw == "D+":
                s, e = find(docs[f[0]], f[1], int(f[2]))
                gold["dates"].append({"doc": f[0], "start": s, "end": e, "date": f[3], "precision": f[4]})
            elif kw == "E":
                name, kind = f[0], f[1]
                aliases = [a.strip() for a in f[2].split(";") if a.strip()] if len(f) > 2 else []
                gold["entities"].append({"name": name, "kind": kind, "aliases": aliases})
            elif kw == "C":
                sides = []
                for d, ph, n in ((f[0], f[1], f[2]), (f[3], f[4], f[5])):
                    s, e = find(docs[d], ph, int(n))
                    ss, se = sentence_span(docs[d], s, e)
                    sides.append({"doc": d, "start": ss, "end": se})
                gold["conflicts"].append({"a": sides[0], "b": sides[1], "kind": f[6]})
            else:
                raise ValueError(f"unknown keyword {kw}")
        except (KeyError, IndexError, ValueError) as err:
            raise SystemExit(f"{decisions}:{lineno}: {err!r}: {line}")
    missing = [d for d in docs if d not in doc_meta]
    for d in missing:
        doc_meta[d] = {"sha1": sha1(docs[d]), "date": None, "date_source": "none"}
    result = {"dataset": meta["dataset"], "cluster": meta["cluster"], "docs": doc_meta, **gold}
    for k in ("quotes", "dates"):
        result[k].sort(key=lambda x: (x["doc"], x["start"]))
    Path(out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(result['quotes'])} quotes, {len(result['dates'])} dates, "
          f"{len(result['entities'])} entities, {len(result['conflicts'])} conflicts")


def cmd_print(gold_path):
    g = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    docs = load_cluster(g["dataset"], g["cluster"])
    t = lambda d, s, e: docs[d][s:e].decode("utf-8")
    for q in g["quotes"]:
        print(f"Q {q['doc']} {q['speaker']!r}: {t(q['doc'], q['start'], q['end'])}")
    for d in g["dates"]:
        print(f"D {d['doc']} {d['date']} ({d['precision']}): {t(d['doc'], d['start'], d['end'])}")
    for c in g["conflicts"]:
        print(f"C {c['kind']}:\n  {c['a']['doc']}: {t(c['a']['doc'], c['a']['start'], c['a']['end'])}"
              f"\n  {c['b']['doc']}: {t(c['b']['doc'], c['b']['start'], c['b']['end'])}")


if __name__ == "__main__":
    cmds = {"show": cmd_show, "find": cmd_find, "build": cmd_build, "print": cmd_print}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        raise SystemExit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
