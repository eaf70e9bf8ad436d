"""Bounded work on seeds: a size limit, and a missing quote that does not compare itself with every sentence.

(How long it takes is measured by hand and reported, never timed in a test: a 20 MB seed with a
missing quote took 129 s to check before, about 5 s after, on the project's 2-core machine.)
"""
from __future__ import annotations

import difflib
import random

import pytest

from factsheet.check import quotes
from factsheet.check.quotes import CANDIDATES, FULL_SCAN, MAX_SEED_BYTES, Seed


def big_seed(sentences: int, planted: str) -> Seed:
    rng = random.Random(7)
    words = ("the council said bridge engineers repairs would take weeks months inspectors found cracks contractor "
             "denied closure traffic river city spokesperson statement monday report").split()
    text = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 24))).capitalize() + "." for _ in range(sentences)]
    text.insert(sentences * 3 // 4, planted)
    return Seed("big.txt", " ".join(text))


def test_the_seed_limit_is_twenty_megabytes() -> None:
    assert MAX_SEED_BYTES == 20 * 1024 * 1024


def test_a_missing_quote_in_a_large_seed_compares_only_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    seed = big_seed(FULL_SCAN * 6, "Vladivostok harbour received the first battalion of marines on Tuesday.")
    compared: list[str] = []
    real = difflib.SequenceMatcher.set_seq1
    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", lambda self, a: (compared.append(a), real(self, a))[1])
    passage, score = seed.closest("Vladivostok harbour received the first battalion of soldiers on Wednesday.")
    assert passage == "Vladivostok harbour received the first battalion of marines on Tuesday."
    assert score > 0.8
    assert 0 < len(compared) <= 3 * CANDIDATES + 1  # (and the matcher's empty start), not the 60,000 passages
    index = seed._sentence_words
    compared.clear()
    seed.closest("The contractor denied the spokesperson's report about the river traffic.")
    assert seed._sentence_words is index  # built once per seed, not per miss
    assert len(compared) <= 3 * CANDIDATES + 1


def test_a_small_seed_still_compares_every_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    seed = big_seed(100, "A planted sentence.")
    monkeypatch.setattr(quotes, "FULL_SCAN", 5000)
    assert seed._passages_like("anything") == seed.passages
    assert len(seed.passages) == 2 * len(seed.sentences) - 1


def test_closest_passage_is_shown_with_its_controls_escaped() -> None:
    seed = Seed("s.txt", "Intro.\nThe bridge \x1b[31mwill\x07 stay shut.\n")
    passage, _ = seed.closest("The bridge will stay shut for good.")
    assert passage == "The bridge \\x1b[31mwill\\x07 stay shut."
