"""A seed cut into the passages a quote may be: sentences (long ones at their clauses), each an
exact span of the seed, and the figures each states as written."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..check.quotes import UNSPACED, collapse
from ..read.model import Qualifier
from ..read.yamlsafe import FORBIDDEN_CHARS
from .cues import MONTHS, NUMBER_WORDS, QUALIFIERS, SCALE_WORDS, SPEECH

MAX_WORDS = 50
"""The checker warns about quotes longer than this; longer sentences are cut at their clauses."""
MIN_WORDS = 4

_LEAD = re.compile(r"^(?:\s|<[A-Z_]+>|[-–—•▲►▶*#>|+]\s)+")
_TRAIL = re.compile(r"(?:\s|</?[A-Z_]+>)+$")
_CONTRAST = re.compile(r",\s+(?=(?:though|although|but|whereas|even though)\b)|;\s+(?=however\b)", re.IGNORECASE)
"""Where a sentence turns to a caveat ('…, though this has not been confirmed'): each side is a passage."""
_AND_NAMED = re.compile(r",\s+and\s+(?=[A-Z])")
"""', and' before a capitalised subject: where two attributed statements are joined ('X have reported A,
and Y has claimed B') each side is a passage, as each is a claim with its own origin."""
_CLAUSE = re.compile(r"(?:;\s+|\s[-–—]\s|,\s+(?=(?:and|but|while|with|as|which|who|where|after|before|though|although|"
                     r"adding|saying|raising|including|amid)\b))")
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")


@dataclass(frozen=True)
class Passage:
    """An exact span of the seed: `text` is it with whitespace folded (what a quote would be)."""

    index: int
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _sentences(text: str, language: str) -> list[tuple[int, int]]:
    from sentencex import segment  # imported late: only suggest needs it

    spans, offset = [], 0
    for piece in segment(language, text):
        spans += _split_lines(text, offset, offset + len(piece))
        offset += len(piece)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if not text[start:end].strip():
            continue
        # A sentence broken by a blank line ('the northern army\n\nmoved its…') is one passage.
        if merged and re.search(r"[a-z,]\s*$", text[merged[-1][0]:merged[-1][1]]) and text[start:end].lstrip()[:1].islower():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A segment cut at its line breaks and at runs of spaces before a capital (a page's layout),
    except a break inside a sentence ('the North\\n\\ntransported')."""
    out, begin = [], start
    for match in re.finditer(r"\n\s*|\s{3,}(?=[A-Z“\"‘])", text[start:end]):
        before = text[start:start + match.start()].rstrip()
        after = text[start + match.end():start + match.end() + 1]
        if before and re.search(r"[a-z,]$", before) and after.islower():
            continue
        out.append((begin, start + match.start()))
        begin = start + match.end()
    out.append((begin, end))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    lead = _LEAD.match(chunk)
    trail = _TRAIL.search(chunk)
    return start + (lead.end() if lead else 0), end - (len(chunk) - trail.start() if trail else 0)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long sentence as runs of whole clauses of at most MAX_WORDS words each (at commas if it has no clauses)."""
    marks = list(_CLAUSE.finditer(text[start:end])) or list(re.finditer(r",\s+", text[start:end]))
    cuts = [start] + [start + m.end() for m in marks] + [end]
    out: list[tuple[int, int]] = []
    run_start = start
    for a, b in zip(cuts, cuts[1:]):
        if len(text[run_start:b].split()) > MAX_WORDS and a > run_start:
            out.append((run_start, a))
            run_start = a
    out.append((run_start, end))
    return out


def _turns(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut where it turns to a caveat, and between two statements each with its own verb of saying."""
    cuts = [start] + [start + m.end() for m in _CONTRAST.finditer(text[start:end])] + [end]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:]):
        begin = a
        for m in _AND_NAMED.finditer(text, a, b):
            if SPEECH.search(text, begin, m.start()) and SPEECH.search(text, m.end(), b):
                out.append((begin, m.start() + 1))  # the comma stays with the first side, as a quote of it would end
                begin = m.end()
        out.append((begin, b))
    return out


def _worth_quoting(text: str) -> bool:
    if FORBIDDEN_CHARS.search(text) or "](" in text:
        return False  # a control character the YAML may not hold, or a Markdown link line of the page
    letters = sum(c.isalpha() for c in text)
    if _UNSPACED_CHAR.search(text):
        return letters >= 6
    return letters >= 12 and len(text.split()) >= MIN_WORDS


@lru_cache(maxsize=64)
def passages(text: str, language: str = "en") -> tuple[Passage, ...]:
    """The seed's passages in order: sentences, and a long sentence's runs of clauses."""
    out: list[Passage] = []
    for start, end in _sentences(text, language or "en"):
        start, end = _trimmed(text, start, end)
        if end <= start:
            continue
        spans = []
        for a, b in _turns(text, start, end):
            spans += _clauses(text, a, b) if len(text[a:b].split()) > MAX_WORDS else [(a, b)]
        for a, b in spans:
            a, b = _trimmed(text, a, b)
            shown = collapse(text[a:b]).rstrip(",;: ")
            if b > a and _worth_quoting(shown):
                out.append(Passage(len(out), a, b, shown))
    return tuple(out)


# -- figures as written -------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")"
    r"(?:(?P<k>[Kk])\b|\s+(?P<s>" + "|".join(SCALE_WORDS) + r")\b)?(?![\w-]|[.,:/]\d)", re.IGNORECASE)


_MONTH_AFTER = re.compile(r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_DAY_RANGE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:to|and|-|–)\s*$",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Stated:
    """A number a passage states, as written ('about 10,000'), with its value and qualifier."""

    written: str
    value: Decimal
    qualifier: Qualifier
    digits: str
    """The number as the quote gives it, without the qualifier ('12,000', 'six', '4 million')."""
    next_word: str


def figures(text: str) -> list[Stated]:
    """Numbers the passage states: not dates, years, ordinals or times."""
    out = []
    for match in _NUMBER.finditer(text):
        number, before = match.group("n"), text[:match.start()]
        if re.fullmatch(r"(?:19|20)\d\d", number) or MONTHS.search(before) or _DAY_RANGE.search(before) or \
                _MONTH_AFTER.match(text[match.end():]):
            continue  # a year, or the day of a date ('October 8', 'from October 8 to 13', '3 October')
        word = number.lower()
        value = Decimal(NUMBER_WORDS[word]) if word in NUMBER_WORDS else Decimal(number.replace(",", ""))
        if match.group("k"):
            value *= 1000
        elif match.group("s"):
            value *= SCALE_WORDS[match.group("s").lower()]
        qualifier, lead = Qualifier.exactly, ""
        for kind, pattern in QUALIFIERS:
            found = pattern.search(before)
            if found:
                qualifier, lead = kind, before[found.start():].strip() + " "
                break
        following = re.match(r"\s+([A-Za-z][\w-]*)", text[match.end():])
        out.append(Stated(lead + match.group(), value, qualifier, match.group(), following.group(1).lower() if following else ""))
    return out
