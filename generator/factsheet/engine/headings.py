"""Our own headings (claims, sources, actors...) converted by the plugin, not by Python-Markdown (speed glue).

A generated page's headings are `## [Label](../method.md#status-x){ .fs-badge .fs-badge--x } text { #id }`
or `## text { #id }`, the text escaped by `md_text`. Python-Markdown ran its whole chain of inline
patterns over each of them (10,000 on the topic pages at 10,000 claims), only to undo the
escaping. Here a heading of exactly that form, whose text Markdown would show as it is, becomes
the same HTML and table-of-contents entry directly; the badge's link is resolved and recorded by
MkDocs' own link code, so its link checks still see it. Anything else (another toc setting, a
character Markdown might treat differently) is left to Python-Markdown. tests/test_site.py
compares both ways on every page of the real and hostile content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

try:  # MkDocs' own link resolution, which records links for its anchor checks (MkDocs < 2 is frozen)
    from mkdocs.structure.pages import _RelativePathTreeprocessor
except ImportError:  # pragma: no cover
    _RelativePathTreeprocessor = None

_HEADING = re.compile(
    r"(#{2,6}) (?:\[([A-Za-z][A-Za-z ]*)\]\(((?:\.\./)*method\.md#status-([a-z-]+))\)\{ \.fs-badge \.fs-badge--\4 \} )?"
    r"(.+) \{ #([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?) \}")  # greedy: one ` { #id }` ends a heading, found from the end
# What md_text escapes (Python-Markdown's ESCAPED_CHARS for our extensions, and & <).
_ESCAPABLE = r"\\`*_{}\[\]()>#+\-.!|"
_BACKSLASH = re.compile(rf"\\([{_ESCAPABLE}])")
# Text with none of these but in an escape is text Markdown shows as it is (possessive: no backtracking).
_LIVE = r"\\`*_{}\[\]()>#+\-.!|&<\x00-\x1f\x7f-\x9f"
_PLAIN = re.compile(rf"(?:[^{_LIVE}]++|\\[{_ESCAPABLE}]|&amp;|&lt;)*+")
EXPECTED_TOC = {"permalink": True}
"""The toc settings the plugin gives; with any other, headings are left to Python-Markdown."""


def fast_headings_apply(config: Any) -> bool:
    """Whether this site's Markdown settings make headings as `Headings` writes them."""
    names = [e if isinstance(e, str) else next(iter(e)) for e in config.markdown_extensions]
    return _RelativePathTreeprocessor is not None and "toc" in names and "attr_list" in names and (config.mdx_configs or {}).get("toc") == EXPECTED_TOC


def _plain(markdown: str) -> str | None:
    """The text that `md_text` made `markdown` from, if Markdown shows it as it is; else None."""
    if _PLAIN.fullmatch(markdown) is None:
        return None
    text = markdown
    if "\\" in text:
        # Every backslash starts an escape (_PLAIN says so): with no escaped backslash, drop them all.
        text = text.replace("\\", "") if "\\\\" not in text else _BACKSLASH.sub(r"\1", text)
    if "&" in text:  # each & starts &amp; or &lt; (in this order no unescaped & is read again)
        text = text.replace("&lt;", "<").replace("&amp;", "&")
    # Markdown strips a heading and collapses whitespace in its toc entry: only single spaces here
    # (the only ASCII whitespace _PLAIN lets through is the space).
    if text.isascii():
        return text if "  " not in text and text[:1] != " " and text[-1:] != " " else None
    return text if " ".join(text.split()) == text else None


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Headings:
    """Converts one page's generated headings; `page_links` resolves a link as MkDocs does (and records it)."""

    page_links: Any
    """MkDocs' _RelativePathTreeprocessor for the page: its path_to_url and links_to_anchors."""
    _badges: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_page(cls, page: Any, files: Any, config: Any) -> Headings:
        return cls(_RelativePathTreeprocessor(page.file, files, config))

    def convert(self, chunk: str) -> tuple[str, dict[str, Any]] | None:
        """(HTML, toc token) of a heading chunk, or None to leave it to Python-Markdown."""
        m = _HEADING.fullmatch(chunk)
        if m is None:
            return None
        hashes, label, target, status, text, ident = m.groups()
        plain = _plain(text)
        if plain is None:
            return None
        inner = _html(plain)
        # The toc entry is taken before Markdown puts back escaped characters: `\>` stays `>` there.
        name = plain.replace("&", "&amp;").replace("<", "&lt;")
        if label is not None:
            inner = f"{self._badge(label, target, status)} {inner}"
            name = f"{label} {name}"
        level = len(hashes)
        html = (f'<h{level} id="{ident}">{inner}<a class="headerlink" href="#{ident}" '
                f'title="Permanent link">&para;</a></h{level}>')
        return html, {"level": level, "id": ident, "name": name}

    def _badge(self, label: str, target: str, status: str) -> str:
        badge = self._badges.get(target + label)
        if badge is None:
            url = self.page_links.path_to_url(target)
            badge = self._badges[target + label] = f'<a class="fs-badge fs-badge--{status}" href="{_html(url)}">{label}</a>'
        return badge


def merged_toc(toc: TableOfContents, ours: list[dict[str, Any]]) -> TableOfContents | None:
    """The page's table of contents with our headings after Markdown's own; None if an id clashes
    (Markdown would have numbered its own heading's id differently with ours in view)."""
    theirs = [{"level": a.level, "id": a.id, "name": a.title} for a in _walk(toc)]
    if {t["id"] for t in theirs} & {t["id"] for t in ours}:
        return None
    return get_toc(nest_toc_tokens(theirs + [dict(t) for t in ours]))


def _walk(items: Any) -> list[AnchorLink]:
    found = []
    for item in items:
        found.append(item)
        found += _walk(item.children)
    return found
