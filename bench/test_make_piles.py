#!/usr/bin/env python3
"""Tests of the story-level piles of make_piles.py (stdlib unittest; needs ../shared/data).

  python3 bench/test_make_piles.py

The labels file itself is checked by `multiling_story_labels_cover_every_article` in
crates/crossread/tests/cluster.rs; this checks what the piles are built from: every MultiLing
article gets a date, every hard pair is really at most 7 days apart, and the piles hold what
their names say.
"""
import datetime
import itertools
import os
import sys
import unittest
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_piles  # noqa: E402

DATA = os.path.join(HERE, "..", "..", "shared", "data", "multiling2011_en.jsonl")


@unittest.skipUnless(os.path.exists(DATA), "needs ../shared/data/multiling2011_en.jsonl")
class StoryPilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ml = make_piles.load(DATA)
        cls.ml_docs = {d["id"]: (c["id"], d) for c in cls.ml for d in c["documents"]}
        cls.stories = make_piles.load_story_labels()
        cls.piles = {n: p for n, p, _ in make_piles.story_piles(cls.stories, cls.ml_docs)}

    def dates(self, story):
        return [datetime.date.fromisoformat(make_piles.multiling_doc("", self.ml_docs[i][1], True)["date"])
                for i in self.stories["stories"][story]["articles"]]

    def test_every_article_has_a_headline_and_a_date(self):
        for i, (topic, d) in self.ml_docs.items():
            rec = make_piles.multiling_doc(topic, d, True)
            self.assertRegex(rec.get("date", ""), r"^\d{4}-\d{2}-\d{2}$", i)
            self.assertTrue(rec["title"], i)
            self.assertFalse(make_piles.DATE_LINE.match(rec["text"]), i)

    def test_hard_pairs_are_at_most_a_week_apart(self):
        for pair in self.stories["hard_pairs"]:
            a, b = pair["stories"]
            gap = min(abs((x - y).days) for x, y in itertools.product(self.dates(a), self.dates(b)))
            self.assertEqual(gap, pair["days_apart"], pair)
            self.assertLessEqual(gap, 7, pair)

    def test_piles_hold_the_labeled_stories(self):
        labels = self.stories["labels"]
        mls_all = self.piles["mls_all"]
        self.assertEqual(sorted(labels), sorted(self.ml_docs), "labels cover every article")
        self.assertEqual(sorted(d["id"] for d in mls_all), sorted(labels))
        self.assertTrue(all(d["label"] == labels[d["id"]] for d in mls_all))
        related = {d["id"] for d in self.piles["mls_related"]}
        self.assertEqual(related, {i for i, (t, _) in self.ml_docs.items()
                                   if t in make_piles.EARTHQUAKE_TOPICS})
        hard = {s for p in self.stories["hard_pairs"] for s in p["stories"]}
        self.assertEqual({d["label"] for d in self.piles["mls_hard"]}, hard)
        lenient = Counter(d["label"] for d in self.piles["mls_all_lenient"])
        merged = sum(len(g) - 1 for g in self.stories["alternative_merges"])
        self.assertEqual(len(lenient), len(set(labels.values())) - merged)


if __name__ == "__main__":
    unittest.main()
