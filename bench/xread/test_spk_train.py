#!/usr/bin/env python3
"""Tests of the speaker-model trainer (stdlib unittest): python3 bench/xread/test_spk_train.py"""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spk_train as t  # noqa: E402


class TrainerTest(unittest.TestCase):
    def test_fit_learns_the_feature_that_marks_the_speaker(self):
        # Feature 0 marks the right candidate in every group, feature 1 is noise.
        groups = [("c", [(1, {0: 1.0, 1: 1.0}), (0, {1: 1.0}), (0, {})]) for _ in range(20)]
        w = t.fit(groups, 2, l2=1.0)
        self.assertGreater(w[0], 1.0)
        self.assertEqual(t.accuracy(w, groups), (20, 20))
        # Held at 0 when dropped.
        self.assertEqual(t.fit(groups, 2, l2=1.0, drop={0})[0], 0.0)

    def test_committed_weights_are_the_trainers_output(self):
        groups, nf, names = t.load_groups()
        self.assertEqual(names, t.feature_names())
        w = t.fit(groups, nf)
        self.assertEqual(t.WEIGHTS_RS.read_text(encoding="utf-8"),
                         t.weights_rs(w, names, len(groups)))

    def test_checksum_matches_rust(self):
        # The same constant is asserted by model.rs `the_committed_table_is_the_trainers`.
        self.assertEqual(t.checksum([1.0, -0.5]), 0x468fa312d708417a)

if __name__ == "__main__":
    unittest.main()
