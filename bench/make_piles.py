#!/usr/bin/env python3
"""Build labeled piles for story clustering from ../shared/data (stdlib only).

    python3 bench/make_piles.py [--data /work/shared/data] [--out bench/out/piles] [--seed 7]

Each pile is a JSON Lines file of documents from several data-set clusters, shuffled together:

    {"id": "...", "text": "...", "title"?: "...", "date"?: "YYYY-MM-DD", "label": "<cluster id>"}

Output goes to bench/out/ (git-ignored): the data is licensed, so no text is ever committed.
A summary of every pile (clusters, documents, why they are related) goes to piles.json beside it.

Piles
- mn_all, mn_half_a, mn_half_b: every Multi-News dev cluster (no titles, no dates); the halves
  split the clusters by position (even / odd). Tune on half A only, report half B as held out.
- mn_related_N: groups of 4 Multi-News clusters whose reference summaries share the most
  content words (tf-idf cosine), e.g. several Trump stories: topic words alone cannot separate them.
- mn_related_week: all related groups in one pile, with synthetic dates: every cluster gets a
  start day inside one 7-day window and its documents fall on that day or the next, so
  different stories about related events share the same week (dates are *synthetic*).
- ml_dated / ml_undated: MultiLing 2011 (10 Wikinews topics x 10 articles) with the headline
  and the date read from each article's first lines; ml_undated drops the dates. A MultiLing
  "topic" spans months to years (London bombings 2005-2009), i.e. several news stories, so with
  dates a story clusterer is *expected* to split topics: both numbers are reported.
- ml_related: the MultiLing topics whose references overlap most (tsunami, Chile and Haiti
  earthquakes), dated.
- mls_all, mls_related, mls_hard, mls_all_lenient: the same MultiLing articles (dated, with
  headlines) labeled by *story*, by hand (bench/stories/multiling_stories.json, written under
  bench/stories/GUIDELINES.md): all 100 articles (66 stories); the three earthquake topics;
  only the stories in "hard pairs" (different stories about closely related events at most 7
  days apart: two Tour de France stages, the 7/7 and 21/7 London attack inquiries, the Haiti
  evacuation halt and the missionaries' arrest); and mls_all with the labeler's judgement calls
  merged, to show how much a score depends on them.

Multi-News documents that are crawl failures cannot belong to any story and are dropped (the
count is printed): fewer than 50 words, or an opening (first 120 characters) that occurs in
more than one cluster ("Tweet with a location ...", "These crawls are part of an effort ...").
"""
import argparse
import json
import math
import os
import random
import re
from collections import Counter, defaultdict

STOP = set(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with you your yours yourself yourselves said says say also would could one two new
    year years people like get got make made many much may might must told since last first""".split()
)
STORY_LABELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stories",
                            "multiling_stories.json")
# The three MultiLing topics about earthquakes (the 2004 tsunami, Chile 2010, Haiti 2010): the
# topics ml_related picks by reference overlap.
EARTHQUAKE_TOPICS = ("M000", "M005", "M006")
WORD = re.compile(r"[a-z][a-z0-9]+")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
DATE_LINE = re.compile(
    r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+(\d{1,2}),\s+(\d{4})(?!\d)\s*",
    re.I,
)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def content_words(text):
    return [w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 3]


def tfidf_vectors(texts):
    df = Counter()
    tfs = []
    for t in texts:
        tf = Counter(content_words(t))
        tfs.append(tf)
        df.update(tf.keys())
    n = len(texts)
    vecs = []
    for tf in tfs:
        v = {w: (1 + math.log(c)) * math.log(n / df[w]) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def cosine(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def related_groups(clusters, size, count):
    """Greedy groups of `size` clusters with the most similar references; returns
    [(indices, mean pairwise cosine, shared top words)]."""
    vecs = tfidf_vectors([" ".join(c["references"]) for c in clusters])
    n = len(clusters)
    sim = [[cosine(vecs[i], vecs[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
    used = set()
    groups = []
    pairs = sorted(((sim[i][j], i, j) for i in range(n) for j in range(i + 1, n)), reverse=True)
    for s, i, j in pairs:
        if len(groups) == count:
            break
        if i in used or j in used:
            continue
        group = [i, j]
        while len(group) < size:
            rest = [k for k in range(n) if k not in used and k not in group]
            if not rest:
                break
            group.append(max(rest, key=lambda k: sum(sim[k][g] for g in group)))
        used.update(group)
        pair_sims = [sim[a][b] for a in group for b in group if a < b]
        shared = Counter()
        for g in group:
            shared.update({w for w, _ in sorted(vecs[g].items(), key=lambda x: -x[1])[:40]})
        words = [w for w, c in shared.most_common() if c >= 2][:8]
        groups.append((group, sum(pair_sims) / len(pair_sims), words))
    return groups


def is_junk(text, shared_openings):
    return len(text.split()) < 50 or text[:120] in shared_openings


def multinews_docs(clusters):
    """(label, doc) pairs without crawl failures; prints how many were dropped."""
    opening_clusters = defaultdict(set)
    for c in clusters:
        for d in c["documents"]:
            opening_clusters[d["text"][:120]].add(c["id"])
    shared = {o for o, cs in opening_clusters.items() if len(cs) > 1}
    out, dropped = [], 0
    for c in clusters:
        for d in c["documents"]:
            if is_junk(d["text"], shared):
                dropped += 1
                continue
            out.append(
                {"id": f"{c['id']}/{d['id']}", "text": d["text"], "label": c["id"]}
            )
    return out, dropped


def multiling_doc(cluster_id, doc, dated):
    """Headline = first line (minus a leading 'YYYY/MM/DD '), date = the dateline after it (the
    first of the next three non-empty lines that opens with a date: an image caption may come
    first, as in M0004)."""
    lines = doc["text"].split("\n")
    title = re.sub(r"^\d{4}/\d{2}/\d{2}\s+", "", lines[0]).strip()
    body = lines[1:]
    date = None
    for k in [k for k, line in enumerate(body) if line.strip()][:3]:
        m = DATE_LINE.match(body[k].strip())
        if m:
            date = f"{int(m.group(3)):04d}-{MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
            body[k] = body[k].strip()[m.end():]
            break
    rest = "\n".join(body).strip()
    rec = {"id": doc["id"], "title": title, "text": rest, "label": cluster_id}
    if dated and date:
        rec["date"] = date
    return rec


def load_story_labels(path=STORY_LABELS):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def story_piles(stories, ml_docs):
    """[(name, documents, note)] for the story-level piles: the MultiLing articles (dated, with
    headlines) labeled by hand-made *story* (bench/stories/), not by topic."""
    labels = stories["labels"]

    def docs(ids, label=labels.get):
        return [dict(multiling_doc(ml_docs[i][0], ml_docs[i][1], True), label=label(i))
                for i in sorted(ids)]

    n_stories = len(set(labels.values()))
    out = [("mls_all", docs(labels), f"{n_stories} hand-labeled stories, real dates, headlines")]
    related = [i for i, (topic, _) in ml_docs.items() if topic in EARTHQUAKE_TOPICS]
    out.append(("mls_related", docs(related),
                "stories of the tsunami, Chile and Haiti earthquake topics, dated"))
    hard = {s for pair in stories["hard_pairs"] for s in pair["stories"]}
    hard_ids = [i for i, s in labels.items() if s in hard]
    out.append(("mls_hard", docs(hard_ids),
                f"{len(hard)} stories in {len(stories['hard_pairs'])} hard pairs: different stories "
                "about closely related events at most 7 days apart"))
    merged = {}
    for group in stories["alternative_merges"]:
        for s in group:
            merged[s] = group[0]
    out.append(("mls_all_lenient", docs(labels, lambda i: merged.get(labels[i], labels[i])),
                "mls_all with the judgement calls merged (alternative_merges)"))
    return out


def write(out_dir, name, docs, rng, summary, note):
    docs = list(docs)
    rng.shuffle(docs)
    path = os.path.join(out_dir, f"{name}.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    labels = Counter(d["label"] for d in docs)
    summary[name] = {"documents": len(docs), "clusters": len(labels), "note": note}
    print(f"{name:18} {len(docs):4} documents, {len(labels):3} clusters  {note}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out", "piles"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    summary = {}

    mn = load(os.path.join(args.data, "multinews_dev92.jsonl"))
    docs, dropped = multinews_docs(mn)
    print(f"multi-news: {len(docs)} documents kept, {dropped} crawl failures dropped")
    by_label = defaultdict(list)
    for d in docs:
        by_label[d["label"]].append(d)
    write(args.out, "mn_all", docs, rng, summary, "all clusters, undated")
    half_a = {c["id"] for i, c in enumerate(mn) if i % 2 == 0}
    write(args.out, "mn_half_a", [d for d in docs if d["label"] in half_a], rng, summary,
          "even clusters (tuning half)")
    write(args.out, "mn_half_b", [d for d in docs if d["label"] not in half_a], rng, summary,
          "odd clusters (held out)")

    week = []
    for k, (group, mean_sim, words) in enumerate(related_groups(mn, 4, 6)):
        ids = [mn[g]["id"] for g in group]
        pile = [d for i in ids for d in by_label[i]]
        write(args.out, f"mn_related_{k}", pile, rng, summary,
              f"ref cosine {mean_sim:.2f}; shared: {' '.join(words)}")
        for i in ids:
            start = rng.randrange(7)
            for d in by_label[i]:
                day = start + rng.randrange(2)
                week.append(dict(d, date=f"2024-03-{4 + day:02d}"))
    write(args.out, "mn_related_week", week, rng, summary,
          "all related groups, synthetic dates in one week")

    ml = load(os.path.join(args.data, "multiling2011_en.jsonl"))
    for dated in (True, False):
        name = "ml_dated" if dated else "ml_undated"
        pile = [multiling_doc(c["id"], d, dated) for c in ml for d in c["documents"]]
        write(args.out, name, pile, rng, summary, "10 Wikinews topics, headlines"
              + (", real dates" if dated else ", no dates"))
    group, mean_sim, words = related_groups(ml, 3, 1)[0]
    pile = [multiling_doc(ml[g]["id"], d, True) for g in group for d in ml[g]["documents"]]
    write(args.out, "ml_related", pile, rng, summary,
          f"ref cosine {mean_sim:.2f}; shared: {' '.join(words)}")

    stories = load_story_labels()
    ml_docs = {d["id"]: (c["id"], d) for c in ml for d in c["documents"]}
    for name, pile, note in story_piles(stories, ml_docs):
        write(args.out, name, pile, rng, summary, note)

    with open(os.path.join(args.out, "piles.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
