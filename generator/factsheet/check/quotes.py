"""Checking quotes against the seed texts they claim to come from."""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

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


def normalise(text: str) -> str:
    """Text as compared: curly quotes straight, dashes as '-', whitespace single spaces
    (none between characters of unspaced scripts), bidirectional controls dropped."""
    translated = text.translate(_TRANSLATE)
    if not _SPECIAL.search(translated):
        return " ".join(translated.split())
    return "".join(sep + piece for _, sep, piece in _pieces(translated))


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
        return self.text.translate(_TRANSLATE)

    @cached_property
    def normalised(self) -> str:
        """The text as compared, built once per seed."""
        return normalise(self.text)

    @cached_property
    def _word_starts(self) -> tuple[list[int], list[int]]:
        """Where each word starts in the raw text and in the normalised text (only for passage links)."""
        if _SPECIAL.search(self._translated):
            raw, normalised, offset = [], [], 0
            for start, sep, piece in _pieces(self._translated):
                raw.append(start)
                normalised.append(offset + len(sep))
                offset += len(sep) + len(piece)
            return raw, normalised
        raw = [m.start() for m in re.finditer(r"\S+", self._translated)]
        normalised, offset = [], 0
        for word in self.normalised.split(" "):
            normalised.append(offset)
            offset += len(word) + 1
        return raw, normalised

    def raw_offset(self, normalised_offset: int) -> int:
        """Where a character of the normalised text stands in the raw text."""
        raw, normalised = self._word_starts
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
    def passages(self) -> list[str]:
        """Sentences (and pairs of them) to suggest when a quote is not found."""
        sentences = [normalise(s) for s in _SENTENCE_END.split(self.text) if s.strip()]
        pairs = [f"{a} {b}" for a, b in zip(sentences, sentences[1:])]
        return sentences + pairs

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
        """The passage most like the quote, and how alike (0 to 1)."""
        target = " ".join(quote_parts(quote))
        best, score = "", 0.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        for passage in self.passages:
            matcher.set_seq1(passage)
            if matcher.real_quick_ratio() <= score or matcher.quick_ratio() <= score:
                continue
            ratio = matcher.ratio()
            if ratio > score:
                best, score = passage, ratio
        return best, score


class SeedLibrary:
    """The seed folder; each file read at most once (and kept while the folder is unchanged)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seeds: dict[str, Seed | None] = {}
        self.signature = self.current_signature()

    def current_signature(self) -> tuple[tuple[str, int, int], ...]:
        if not self.folder.is_dir():
            return ()
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in self.folder.iterdir() if p.is_file()))

    def names(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir() if p.is_file()) if self.folder.is_dir() else []

    def get(self, name: str | None) -> Seed | None:
        if name is None:  # a video, photo or recording cited by description
            return None
        if name not in self._seeds:
            path = self.folder / name
            ok = Path(name).name == name and not name.startswith(".") and path.is_file()
            self._seeds[name] = Seed(name, path.read_text(encoding="utf-8", errors="replace")) if ok else None
        return self._seeds[name]
