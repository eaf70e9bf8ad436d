"""Quote matching: verbatim after straightening quotes and dashes and folding whitespace."""
from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.check.quotes import Seed, normalise, quote_parts

SEED = Seed("s.txt", "The NIS said it had “detected that from the 8th to the 13th [of October], North Korea\n\n"
                     "transported its special forces” — a first.\nSecond sentence here. Third one.")


def test_normalise_straightens_and_folds() -> None:
    assert normalise("  “a” ‘b’ c–d—e\u00a0f\n\ng ") == "\"a\" 'b' c-d-e f g"


@pytest.mark.parametrize("quote", [
    '"detected that from the 8th to the 13th [of October], North Korea transported its special forces"',
    "North Korea\ntransported",
    "special forces\" - a first.",
    "The NIS said … North Korea transported",
    "The NIS said [...] the 13th […] a first.",
])
def test_quotes_that_are_in_the_seed(quote: str) -> None:
    assert SEED.find(quote) is not None


@pytest.mark.parametrize("quote", [
    "the nis said",                       # case matters: a quote is verbatim
    "North Korea transported its troops",  # one word changed
    "a first. … The NIS said",             # parts out of order
    "Second sentence here … special forces",
])
def test_quotes_that_are_not(quote: str) -> None:
    assert SEED.find(quote) is None


def test_ellipsis_pieces() -> None:
    assert quote_parts("a … b [...] c […] d") == ("a", "b", "c", "d")


def test_closest_passage_for_a_near_miss() -> None:
    passage, score = SEED.closest("Second sentance here.")
    assert passage == "Second sentence here."
    assert 0.9 < score < 1
