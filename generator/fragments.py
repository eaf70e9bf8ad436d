"""Links to the quoted passage itself: URL text fragments (`#:~:text=start,end`).

A browser that supports text fragments scrolls to and highlights the passage. The
fragment must use the page's own characters (curly quotes, dashes), so it is cut
from the seed text where the quote was found, not from the editor's typing; and it
is made long enough that its first match in the seed is the quoted passage.
"""
from __future__ import annotations

import re
from urllib.parse import quote, unquote

from .quotes import Seed, quote_parts

_VARIANTS = {" ": r"\s+", "'": "['\u2018\u2019\u201a\u201b\u2032]", '"': '["\u201c\u201d\u201e\u201f\u2033]',
             "-": "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]"}
SHORT_WORDS = 10
EDGE_WORDS = 4


def _pattern(normalised: str) -> re.Pattern[str]:
    return re.compile("".join(_VARIANTS.get(c, re.escape(c)) for c in normalised))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def quoted_span(seed: Seed, quote_text: str) -> tuple[int, int, list[str]] | None:
    """Where the quote stands in the raw seed text: start, end, and each part as the seed writes it."""
    position, start, raw_parts = 0, None, []
    for part in quote_parts(quote_text):
        match = _pattern(part).search(seed.text, position)
        if match is None:
            return None
        start = match.start() if start is None else start
        position = match.end()
        raw_parts.append(_collapse(match.group()))
    return (start, position, raw_parts) if start is not None else None


def _encode(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


def text_fragment(seed: Seed, quote_text: str) -> str | None:
    """`:~:text=…` for the quote, or None if it cannot be placed."""
    span = quoted_span(seed, quote_text)
    if span is None:
        return None
    start_at, _, parts = span
    words_first, words_last = parts[0].split(), parts[-1].split()
    if len(parts) == 1 and len(words_first) <= SHORT_WORDS:
        return f":~:text={_encode(parts[0])}"
    for n in range(EDGE_WORDS, max(len(words_first), len(words_last)) + 1):
        start = " ".join(words_first[:n])
        end = " ".join(words_last[-n:])
        fragment = f":~:text={_encode(start)},{_encode(end)}"
        if match_fragment(fragment, seed.text) == _collapse(seed.text[start_at:span[1]]):
            return fragment
    return None


def match_fragment(fragment: str, page_text: str) -> str | None:
    """What a browser would highlight: the first match of start, through the first end after it.

    A simplified model of the spec's matching (case-insensitive, whitespace-collapsed), used to
    check that every fragment we publish lands on its quote.
    """
    terms = [unquote(t) for t in fragment.removeprefix(":~:text=").split(",")]
    text = _collapse(page_text)
    folded = text.casefold()
    start = folded.find(terms[0].casefold())
    if start < 0:
        return None
    if len(terms) == 1:
        return text[start:start + len(terms[0])]
    end = folded.find(terms[1].casefold(), start + len(terms[0]))
    return None if end < 0 else text[start:end + len(terms[1])]


def link_to_passage(url: str, seed: Seed | None, quote_text: str) -> str:
    fragment = text_fragment(seed, quote_text) if seed else None
    if fragment is None:
        return url
    return f"{url}{fragment}" if "#" in url else f"{url}#{fragment}"
