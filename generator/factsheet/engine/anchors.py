"""A faster way for MkDocs 1.6 to find the anchors in a page's raw HTML.

MkDocs feeds every page's whole text through Python's HTML parser only to collect the ids
that anchor links may point at (mkdocs.structure.pages._RawHTMLPreprocessor). Our pages are
mostly raw HTML from our own templates (editors' text is always escaped, so no stray `<`),
where a regular expression finds the same ids, and that parse was a fifth of a 10,000-claim
build. MkDocs is pinned below 2.0 and frozen; if its internals differ, nothing is patched.
tests/test_site.py checks that both ways find the same ids on every page of the real content.
"""
from __future__ import annotations

import html
import re
from typing import Any

_START_TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:\s+[^\s>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"""([^\s>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def anchor_ids(text: str) -> set[str]:
    """The ids (and <a name>s) of the start tags in `text`, as MkDocs' _HTMLHandler collects them."""
    found = set()
    for tag, attributes in _START_TAG.findall(text):
        for name, double, single, bare in _ATTRIBUTE.findall(attributes):
            name = name.lower()
            if name == "id" or (name == "name" and tag.lower() == "a"):
                found.add(html.unescape(double or single or bare))
    return found


def _run(self: Any, lines: list[str]) -> list[str]:
    self.present_anchor_ids = anchor_ids("\n".join(lines))
    return lines


def speed_up_mkdocs() -> bool:
    """Swap in the faster collector; False (and nothing changed) if MkDocs is not as expected."""
    try:
        from mkdocs.structure import pages
    except ImportError:
        return False
    target = getattr(pages, "_RawHTMLPreprocessor", None)
    if target is None or not callable(getattr(target, "run", None)):
        return False
    target.run = _run
    return True
