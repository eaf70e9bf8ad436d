"""Checking quotes against the seed texts they claim to come from."""
from __future__ import annotations

import bisect
import difflib
import heapq
import math
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import Problem
from ..read.files import display_path, locate_file, read_file, visible

MAX_SEED_BYTES = 20 * 1024 * 1024
"""A seed is the text of one source: a long report is under 1 MB; 20 MB is some three million words."""
FULL_SCAN = 5000
"""Seeds of up to this many sentences compare a missing quote with every passage."""
CANDIDATES = 200
POSTINGS_BUDGET = 400_000
"""At most this many (word, sentence) pairs are scored per missing quote, rarest words first."""

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
})
# An editor skips words with an ellipsis: "…", "[…]" or "[...]".
ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…)\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+|(?<=[。！？])[」』）]?\s*|\n+")

# Bidirectional marks and controls: a page in Arabic or Hebrew may carry them, but the YAML may not
# (they can reorder what a reader sees), so a seed's are skipped when comparing and never copied out.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar) and Hangul,
# whose line breaks an extraction may move: whitespace between two of their characters is not compared.
UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff"
            "\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff")
_SPECIAL = re.compile(f"[{BIDI_CONTROLS}{UNSPACED}]")
_PIECE = re.compile(f"[^\\s{BIDI_CONTROLS}]+")
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_UNSPACED_GAP = re.compile(f"(?<=[{UNSPACED}])\\s+(?=[{UNSPACED}])")
_WIDE_GAP = re.compile(r"\s{2,}")
_WORD = re.compile(f"[{UNSPACED}]|[^\\W{UNSPACED}]+")
"""A word for the closest-passage index; in an unspaced script, each character."""


def normalise(text: str) -> str:
    """Text as compared: curly quotes straight, dashes as '-', whitespace single spaces
    (none between characters of unspaced scripts), bidirectional controls dropped."""
    if text.isascii():  # nothing to translate, no unspaced script or control: most quotes, at C speed
        folded = " ".join(text.split())
        return text if folded == text else folded  # the text itself when unchanged: cached, not held twice
    return _fold(text.translate(_TRANSLATE))


def _fold(translated: str) -> str:
    """`normalise` after its character translation."""
    if translated.isascii() or not _SPECIAL.search(translated):  # _SPECIAL's characters are none of them ASCII
        return " ".join(translated.split())
    # The same text as joining _pieces(), by regular expressions: a seed in Korean is normalised at
    # C speed (20 MB in under a second, not ten) and the word-by-word loop is left to passage links.
    return " ".join(_UNSPACED_GAP.sub("", _BIDI.sub("", translated)).split())


def _pieces(translated: str) -> list[tuple[int, str, str]]:
    """(raw offset, separator in the normalised text, piece) for each run between whitespace or controls."""
    out: list[tuple[int, str, str]] = []
    end = 0
    for match in _PIECE.finditer(translated):
        piece = match.group()
        if not out:
            sep = ""
        elif not any(c.isspace() for c in translated[end:match.start()]) or (
                _UNSPACED_CHAR.match(out[-1][2][-1]) and _UNSPACED_CHAR.match(piece[0])):
            sep = ""  # only controls between them, or two characters of an unspaced script
        else:
            sep = " "
        out.append((match.start(), sep, piece))
        end = match.end()
    return out


def without_controls(text: str) -> str:
    """Text with its bidirectional controls removed: what may be copied into the YAML or a link."""
    return _BIDI.sub("", text)


# East Asian wide characters other than Hangul (Korean is written with spaces): CSS drops a line
# break between two of them, so a browser's text search does not see it.
_WIDE = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3200-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_WIDE_BREAK = re.compile(f"(?<=[{_WIDE}])[^\\S\\n]*\\n\\s*(?=[{_WIDE}])")


def collapse(text: str) -> str:
    """Text as a browser shows it: whitespace folded, a line break between two wide East Asian
    characters dropped (CSS's segment-break rule), no bidirectional controls."""
    text = without_controls(text)
    if _SPECIAL.search(text):
        text = _WIDE_BREAK.sub("", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def quote_parts(quote: str) -> tuple[str, ...]:
    """The pieces of a quote between its ellipses, normalised, empty pieces dropped.

    Cached: the length check, the seed search and the passage link each ask for every quote.
    """
    if "…" not in quote and "[" not in quote:  # no ellipsis: one part (the split's scan took longer)
        part = normalise(quote)
        return (part,) if part else ()
    return tuple(p for p in (normalise(part) for part in ELLIPSIS.split(quote)) if p)


@dataclass
class Seed:
    """One seed document's text, normalised once for every quote checked against it."""

    name: str
    text: str
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    """Answers already worked out for this text (quote spans, text fragments), kept across rebuilds."""

    @cached_property
    def _translated(self) -> str:
        # Translation maps one character to one, so offsets in the translated text are raw offsets.
        translated = self.text.translate(_TRANSLATE)
        return self.text if translated == self.text else translated  # a seed's text is held once when unchanged

    @cached_property
    def normalised(self) -> str:
        """The text as compared, built once per seed."""
        return _fold(self._translated)

    @cached_property
    def _offset_pairs(self) -> tuple[list[int], list[int]]:
        """Offsets of the normalised text and the raw offsets they stand at, in order: from each, the
        text runs on alike up to the next (words, for a text with unspaced scripts or controls)."""
        text = self._translated
        if not text.isascii() and _SPECIAL.search(text):
            raw, normalised, offset = [], [], 0
            for start, sep, piece in _pieces(self._translated):
                raw.append(start)
                normalised.append(offset + len(sep))
                offset += len(sep) + len(piece)
            return raw, normalised
        # Here normalising only folds whitespace, so offsets shift only after a run of two or more
        # whitespace characters: one entry for each (and the leading run), not one for each word
        # (listing the 900,000 words of 1,000 seeds took a fifth of a second).
        lead = len(text) - len(text.lstrip())
        raw, normalised = [lead], [0]
        if lead + len(self.normalised) + len(text) - len(text.rstrip()) == len(text):
            return raw, normalised  # every inner run of whitespace is one character: no gap to list (no scan for one)
        for gap in _WIDE_GAP.finditer(text, lead):
            start, end = gap.span()
            if end == len(text):
                break  # trailing whitespace: no word follows it
            normalised.append(normalised[-1] + (start - raw[-1]) + 1)  # the word after the one space it becomes
            raw.append(end)
        return raw, normalised

    def raw_offset(self, normalised_offset: int) -> int:
        """Where a character of the normalised text stands in the raw text."""
        raw, normalised = self._offset_pairs
        i = bisect.bisect_right(normalised, normalised_offset) - 1
        return raw[i] + (normalised_offset - normalised[i])

    @cached_property
    def collapsed(self) -> str:
        """The raw characters with whitespace folded: what a browser's text search sees."""
        return collapse(self.text)

    @cached_property
    def folded(self) -> str:
        return self.collapsed.casefold()

    @cached_property
    def sentences(self) -> list[str]:
        """The seed's sentences, normalised: a sentence, or two in a row, is suggested when a quote is not found."""
        # Split where the raw text ends a sentence, normalise the already translated characters
        # (translation is one character for one, so the offsets are the same).
        translated, out, start = self._translated, [], 0
        for end in _SENTENCE_END.finditer(self.text):
            out.append(translated[start:end.start()])
            start = end.end()
        out.append(translated[start:])
        return [_fold(s) for s in out if s.strip()]

    @cached_property
    def passages(self) -> list[str]:
        """Sentences and pairs of them in a row: every passage the closest-passage hint may suggest."""
        sentences = self.sentences
        return sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]

    @cached_property
    def _sentence_words(self) -> dict[str, list[int]]:
        """Each word (case-folded) → the sentences holding it: built once, so a quote not found in a
        large seed looks up its words instead of comparing itself with every sentence."""
        index: dict[str, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            for word in set(_WORD.findall(sentence.casefold())):
                index.setdefault(word, []).append(i)
        return index

    def _passages_like(self, target: str) -> list[str]:
        """Passages worth comparing with `target`: all of them in a seed of up to FULL_SCAN sentences;
        in a larger one, the sentences sharing most of its rarest words, each alone and with its neighbours."""
        sentences = self.sentences
        if len(sentences) <= FULL_SCAN:
            return self.passages
        index, total = self._sentence_words, len(sentences)
        postings = sorted((index[w] for w in set(_WORD.findall(target.casefold())) if w in index), key=len)
        scores: dict[int, float] = {}
        budget = POSTINGS_BUDGET
        for posting in postings:
            if budget <= 0:
                break
            weight = math.log(total / len(posting))  # rare words count for more
            for i in posting[:budget]:
                scores[i] = scores.get(i, 0.0) + weight
            budget -= len(posting)
        best = set(heapq.nlargest(CANDIDATES, scores, key=scores.__getitem__))
        out = []
        for i in sorted(best):
            out.append(sentences[i])
            if i + 1 < total:
                out.append(f"{sentences[i]} {sentences[i + 1]}")
            if i > 0 and i - 1 not in best:
                out.append(f"{sentences[i - 1]} {sentences[i]}")
        return out

    def find(self, quote: str) -> int | None:
        """Offset in the normalised text where the quote starts, or None if it is not there."""
        spans = self.spans(quote)
        return spans[0][0] if spans else None

    def spans(self, quote: str) -> list[tuple[int, int]] | None:
        """(start, end) in the normalised text of each part of the quote, in order; None if absent."""
        key = ("spans", quote)
        if key not in self.memo:
            self.memo[key] = self._spans(quote)
        return self.memo[key]  # type: ignore[return-value]

    def _spans(self, quote: str) -> list[tuple[int, int]] | None:
        spans, position = [], 0
        for part in quote_parts(quote):
            found = self.normalised.find(part, position)
            if found < 0:
                return None
            position = found + len(part)
            spans.append((found, position))
        return spans or None

    def closest(self, quote: str) -> tuple[str, float]:
        """The passage most like the quote, and how alike (0 to 1); its controls shown escaped
        (it is printed in a message, where a seed's escape sequence or newline must not act)."""
        target = " ".join(quote_parts(quote))
        best, score = "", 0.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        for passage in self._passages_like(target):
            matcher.set_seq1(passage)
            if matcher.real_quick_ratio() <= score or matcher.quick_ratio() <= score:
                continue
            ratio = matcher.ratio()
            if ratio > score:
                best, score = passage, ratio
        return visible(best), score


class SeedLibrary:
    """The seed folder; each file read at most once (and kept while the folder is unchanged).

    A seed is read only from inside the folder (a link to a file elsewhere is refused), only if it
    is a regular file of at most MAX_SEED_BYTES; `refusal` says why one was not read.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seeds: dict[str, Seed | None] = {}
        self._refused: dict[str, Problem] = {}
        self._root: Path | None = None
        self.signature = self.current_signature()

    def _real_folder(self) -> Path | None:
        """The folder's real path, resolved once for all its seeds (None if it cannot be: locate_file says why)."""
        if self._root is None:
            try:
                self._root = self.folder.resolve(strict=True)
            except OSError:
                return None
        return self._root

    def _entries(self) -> list[tuple[str, os.stat_result]]:
        """(name, status) of each regular file in the folder, links followed; nothing if it cannot be listed."""
        try:
            with os.scandir(self.folder) as entries:
                found = list(entries)
        except OSError:
            return []
        out = []
        for entry in found:
            try:
                info = entry.stat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                out.append((entry.name, info))
        return out

    def current_signature(self) -> tuple[tuple[str, int, int], ...]:
        return tuple(sorted((name, info.st_mtime_ns, info.st_size) for name, info in self._entries()))

    def names(self) -> list[str]:
        """The seed files' names (escaped where they hold control characters), for hints."""
        return sorted(visible(name) for name, _ in self._entries())

    def get(self, name: str | None) -> Seed | None:
        if name is None:  # a video, photo or recording cited by description
            return None
        if name not in self._seeds:
            self._seeds[name] = self._read(name)
        return self._seeds[name]

    def refusal(self, name: str) -> Problem | None:
        """Why the seed `name` was not read, when it is there but may not be (None if simply absent)."""
        return self._refused.get(name)

    def _read(self, name: str) -> Seed | None:
        if Path(name).name != name or name.startswith("."):
            return None
        path = self.folder / name
        shown = display_path(path)
        found = locate_file(path, self.folder, shown, "seed file", self._real_folder())
        if isinstance(found, Problem):
            if found.message != "file not found":
                self._refused[name] = found
            return None
        raw = read_file(found[0], shown, MAX_SEED_BYTES, "a seed holds the text of one source; keep the passages "
                                                          "the evidence quotes, or split it into one seed per document")
        if isinstance(raw, Problem):
            self._refused[name] = raw
            return None
        return Seed(name, raw.decode("utf-8", errors="replace"))
