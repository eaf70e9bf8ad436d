"""Links to the quoted passage itself: URL text fragments (`#:~:text=start,end`).

A browser that supports text fragments scrolls to and highlights the passage. The
fragment must use the page's own characters (curly quotes, dashes), so it is cut
from the seed text where the quote was found, not from the editor's typing; and it
is made long enough that its first match in the seed is the quoted passage.
"""
from __future__ import annotations

from urllib.parse import quote, unquote

from .quotes import Seed, collapse

SHORT_WORDS = 10
EDGE_WORDS = 4


def _collapse(text: str) -> str:
    # Bidirectional controls never go into a link: the page's text is matched without them.
    return collapse(text)


def quoted_span(seed: Seed, quote_text: str) -> tuple[int, int, list[str]] | None:
    """Where the quote stands in the raw seed text: start, end, and each part as the seed writes it."""
    spans = seed.spans(quote_text)
    if spans is None:
        return None
    raw = [(seed.raw_offset(a), seed.raw_offset(b - 1) + 1) for a, b in spans]
    return raw[0][0], raw[-1][1], [_collapse(seed.text[a:b]) for a, b in raw]


class _Percent(dict[int, str]):
    """Each character's percent-encoding (UTF-8, as `quote` writes it; "-" too, which a fragment
    reserves), worked out once: `str.translate` with this table is several times faster than `quote`."""

    def __missing__(self, char: int) -> str:
        encoded = self[char] = quote(chr(char), safe="").replace("-", "%2D")
        return encoded


_PERCENT = _Percent()


def _encode(text: str) -> str:
    return text.translate(_PERCENT)


def text_fragment(seed: Seed, quote_text: str) -> str | None:
    """`:~:text=…` for the quote, or None if it cannot be placed."""
    span = quoted_span(seed, quote_text)
    if span is None:
        return None
    start_at, end_at, parts = span
    words_first = parts[0].split()
    words_last = words_first if len(parts) == 1 else parts[-1].split()
    if len(parts) == 1 and len(words_first) <= SHORT_WORDS:
        return f":~:text={_encode(parts[0])}"
    # One part is already the whole passage, collapsed.
    wanted = parts[0] if len(parts) == 1 else _collapse(seed.text[start_at:end_at])
    for n in range(EDGE_WORDS, max(len(words_first), len(words_last)) + 1):
        start = " ".join(words_first[:n])
        end = " ".join(words_last[-n:])
        if _first_match(start, end, seed.collapsed, seed.folded) == wanted:
            return f":~:text={_encode(start)},{_encode(end)}"
    return None


def match_fragment(fragment: str, page_text: str) -> str | None:
    """What a browser would highlight: the first match of start, through the first end after it.

    A simplified model of the spec's matching (case-insensitive, whitespace-collapsed), used to
    check that every fragment we publish lands on its quote.
    """
    terms = [unquote(t) for t in fragment.removeprefix(":~:text=").split(",")]
    text = _collapse(page_text)
    return _first_match(terms[0], terms[1] if len(terms) > 1 else None, text, text.casefold())


def _first_match(start_term: str, end_term: str | None, text: str, folded: str) -> str | None:
    start = folded.find(start_term.casefold())
    if start < 0:
        return None
    if end_term is None:
        return text[start:start + len(start_term)]
    end = folded.find(end_term.casefold(), start + len(start_term))
    return None if end < 0 else text[start:end + len(end_term)]


def link_to_passage(url: str, seed: Seed | None, quote_text: str) -> str:
    fragment = None
    if seed is not None:
        key = ("fragment", quote_text)
        if key not in seed.memo:
            seed.memo[key] = text_fragment(seed, quote_text)
        fragment = seed.memo[key]  # type: ignore[assignment]
    if fragment is None:
        return url
    return f"{url}{fragment}" if "#" in url else f"{url}#{fragment}"
