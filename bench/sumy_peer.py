#!/usr/bin/env python3
"""Run a sumy summarizer (LexRank or TextRank) over cluster JSONL: one {"id","summary"} per line.

    bench/.venv/bin/python bench/sumy_peer.py --method lexrank --words 260 DATA.jsonl > out.jsonl

sumy's default tokenizer needs NLTK's punkt data, which cannot be downloaded here, so sentences
are split by nupunkt's default Punkt model (pip-installable) and words by
nltk.word_tokenize(..., preserve_line=True) (needs no data). Stemming (Snowball) and the
English stop list are sumy's own, as in sumy's documented usage.

A cluster's documents are concatenated in order; each "\\n"-separated paragraph becomes a sumy
paragraph (so a sentence never spans two paragraphs or two documents). The summarizer returns
its top-rated sentences in document order; the count is "just large enough": the shortest
prefix of the rating order whose sentences hold at least the budget's words. The joined
sentences are then cut to the budget (first N whitespace words).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nupunkt  # noqa: E402
from nltk.tokenize import word_tokenize  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.nlp.tokenizers import Tokenizer  # noqa: E402
from sumy.parsers.plaintext import PlaintextParser  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.summarizers.text_rank import TextRankSummarizer  # noqa: E402
from sumy.utils import get_stop_words  # noqa: E402

import rouge_common as rc  # noqa: E402

LANGUAGE = "english"


class _NupunktSentences:
    def __init__(self):
        self._model = nupunkt.load("default")

    def tokenize(self, text):
        return self._model.tokenize(text)


class _LineWords:
    @staticmethod
    def tokenize(text):
        return word_tokenize(text, preserve_line=True)


class OfflineTokenizer(Tokenizer):
    """sumy's Tokenizer with data-free sentence and word splitters."""

    def _get_sentence_tokenizer(self, language):
        return _NupunktSentences()

    def _get_word_tokenizer(self, language):
        return _LineWords()


def cluster_text(cluster):
    paragraphs = []
    for doc in cluster["documents"]:
        paragraphs.extend(p.strip() for p in doc["text"].split("\n") if p.strip())
    return "\n\n".join(paragraphs)


def enough_words(budget_words):
    """An ItemsCount-like callable: the shortest rating-order prefix reaching the budget."""

    def count(infos):
        chosen, total = [], 0
        for info in infos:
            if total >= budget_words:
                break
            chosen.append(info)
            total += len(rc.words(str(info.sentence)))
        return chosen

    return count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--method", choices=["lexrank", "textrank"], required=True)
    ap.add_argument("--words", type=int, required=True)
    ap.add_argument("data")
    args = ap.parse_args()

    tokenizer = OfflineTokenizer(LANGUAGE)
    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[args.method](
        Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)

    out = sys.stdout
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            cluster = json.loads(line)
            parser = PlaintextParser.from_string(cluster_text(cluster), tokenizer)
            sentences = summarizer(parser.document, enough_words(args.words))
            summary = " ".join(str(s) for s in sentences)
            summary = rc.truncate(summary, ("words", args.words))
            out.write(json.dumps({"id": cluster["id"], "summary": summary}) + "\n")


if __name__ == "__main__":
    main()
