"""Icons as CSS: each of Material's icons used by the vocabulary, embedded once in the stylesheet.

Inline SVG icons (pymdownx.emoji) cost about 300 bytes each time they appear; a claim shows
four or five. As CSS masks they cost nothing per use, and they take the text's colour.
"""
from __future__ import annotations

import base64
from functools import lru_cache
from importlib.resources import files

from ..check.statuses import FIGURE, STANCES, STATUSES, Term


def _svg(name: str) -> str:
    return (files("material") / "templates" / ".icons" / "material" / f"{name}.svg").read_text(encoding="utf-8")


def _rule(selectors: list[str], term: Term) -> str:
    data = base64.b64encode(_svg(term.icon).encode("utf-8")).decode("ascii")
    url = f'url("data:image/svg+xml;base64,{data}")'
    before = ", ".join(f".md-typeset {s}::before" for s in selectors)
    return f"{before} {{ -webkit-mask-image: {url}; mask-image: {url}; }}"


@lru_cache(maxsize=1)
def icon_css() -> str:
    rules = ["/* Icons: Material Design Icons (Apache License 2.0), from the mkdocs-material theme. */"]
    rules += [_rule([f".fs-badge--{t.value}"], t) for t in STATUSES.values()]
    rules += [_rule([f".fs-stance--{t.value}", f".fs-against--{t.value}"], t) for t in STANCES.values()]
    rules.append(_rule([".fs-figure"], FIGURE))
    return "\n".join(rules) + "\n"
