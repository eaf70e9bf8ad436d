"""Keys for caches kept across `mkdocs serve` rebuilds.

Content models are cached per file and are the same objects while their files are
unchanged, so "unchanged" is an identity test. The key holds the objects themselves
(never bare `id()`s, which Python reuses once an object is gone).
"""
from __future__ import annotations

from typing import Any


class Same:
    """Equal to another Same over the very same objects (and equal plain values)."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Any) -> None:
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Same) or len(other.parts) != len(self.parts):
            return False
        return all(a is b or (isinstance(a, (str, int, float, tuple, type(None))) and a == b)
                   for a, b in zip(self.parts, other.parts))

    def __hash__(self) -> int:  # only used as a value to compare, never as a dict key
        raise TypeError("Same is compared, not hashed")
