#!/usr/bin/env python3
"""Tests of score.py on a hand-made, imperfect brief (stdlib unittest; needs ../shared/data).

  python3 bench/xread/test_score.py

The fake brief's wordings are cut from the gold spans at run time, so no article text is stored
here. Every expected number below was worked out by hand from the rules in GUIDELINES.md.
"""
import json
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402


class ScoreTest(unittest.TestCase):
    def setUp(self):
        self.g = score.load_gold(HERE / "gold" / "multinews-train-5708.json", score.DEFAULT_DATA)

    def quote(self, doc, i):
        return [q for q in self.g["quotes"] if q["doc"] == doc][i]["text"]

    def fake(self):
        conflict = self.g["conflicts"][0]
        chopped = " ".join(self.quote("d0", 1).split()[:-2])  # Roizen, two words short
        return {
            "articles": [{"id": "d0"}, {"id": "d1"}],
            "entities": [
                {"name": "Jacques Roizen", "kind": "person", "aliases": ["Roizen", "Paula Shea"]},
                {"name": "Edward Snowden", "kind": "person", "aliases": ["Ed Snowden"]},
                {"name": "Snowden", "kind": "person", "aliases": []},
                {"name": "United", "kind": "organization", "aliases": ["United Airlines", "Nowhere Inc"]},
            ],
            "quotes": [
                {"speaker": "Roizen", "text": chopped, "sources": ["d0"], "variants": []},
                {"speaker": "Jacques Roizen", "text": "nothing alike", "sources": ["d1"],
                 "variants": [self.quote("d1", 0)]},
                {"speaker": None, "text": "words nobody in these articles said", "sources": ["d0", "d1"]},
                {"speaker": "the official", "text": self.quote("d0", 0), "sources": ["d0"]},
                {"speaker": "Perry", "text": self.quote("d1", 2), "sources": ["d1", "unknown-doc"]},
                {"speaker": "Peter Jones", "text": self.quote("d0", 6), "sources": ["d0"]},
                # Shea's words given to Roizen, whose system entity also (wrongly) holds "Paula
                # Shea": the rule accepts a system entity that carries the gold speaker.
                {"speaker": "Jacques Roizen", "text": self.quote("d0", 7), "sources": ["d0"]},
            ],
            "timeline": [
                {"date": "2013-06-17", "precision": "day", "text": "", "sources": ["d1", "d0"]},
                {"date": "2013-06-16", "precision": "day", "text": "", "sources": ["d1"]},
            ],
            "claims": {"conflicts": [
                {"a": {"text": conflict["b"]["text"]}, "b": {"text": conflict["a"]["text"]}, "kind": "date"},
                {"a": {"text": "foo"}, "b": {"text": "bar"}, "kind": "number"},
            ]},
        }

    def test_partial_brief(self):
        m = score.metrics(score.score_cluster(self.g, self.fake()))
        self.assertAlmostEqual(m["quote_recall"], 6 / 17)
        self.assertAlmostEqual(m["quote_precision"], 6 / 8)  # unknown-doc is not counted
        self.assertAlmostEqual(m["speaker_accuracy"], 5 / 6)  # Shea's words given to Jones
        self.assertAlmostEqual(m["alias_precision"], 3 / 5)
        self.assertAlmostEqual(m["alias_recall"], 3 / 9)
        self.assertAlmostEqual(m["date_recall"], 1.0)
        self.assertAlmostEqual(m["date_precision"], 2 / 3)
        self.assertAlmostEqual(m["conflict_recall"], 1.0)  # sides swapped still match
        self.assertAlmostEqual(m["conflict_precision"], 1 / 2)
        self.assertAlmostEqual(m["conflict_kind_accuracy"], 0.0)

    def test_empty_brief(self):
        m = score.metrics(score.score_cluster(self.g, {"articles": []}))
        self.assertEqual(m["quote_recall"], 0.0)
        self.assertIsNone(m["quote_precision"])
        self.assertEqual(m["date_recall"], 0.0)

    def test_self_test_is_perfect(self):
        self.assertEqual(score.main(["--self-test", "--json"]), 0)

    def test_every_gold_file_is_in_exactly_one_set(self):
        sets = json.loads((score.HERE / "sets.json").read_text(encoding="utf-8"))
        files = sorted(p.stem for p in (score.HERE / "gold").glob("*.json"))
        listed = sorted(sets["development"] + sets["heldout"])
        self.assertEqual(listed, files)
        self.assertEqual([p.stem for p in score.set_paths("heldout")], sets["heldout"])

    def test_token_f1(self):
        self.assertAlmostEqual(score.token_f1("He was very paranoid", "He was clearly not stable"), 4 / 9)
        self.assertEqual(score.token_f1("", "x"), 0.0)

    def test_description_speakers(self):
        sm = lambda gold, sys_: score.speaker_matches(gold, sys_, self.g, {}, {}, {})
        self.assertTrue(sm("an official with the New York Joint Terrorism Task Force", "the official"))
        self.assertFalse(sm("an official with the New York Joint Terrorism Task Force", "a passenger"))
        self.assertFalse(sm("the manager of a bank", None))


if __name__ == "__main__":
    unittest.main()
