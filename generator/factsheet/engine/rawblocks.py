"""Keep our raw-HTML blocks away from Python-Markdown's HTML parser (MkDocs glue, for speed).

Claim bodies and listing entries are raw HTML blocks in standard Markdown. Python-Markdown
passes such a block through unchanged, but only after running Python's HTML parser over the
whole page to find where it ends: at 10,000 claims that parse was a third of the build.
The generator knows where its blocks are (a block of lines starting with a block-level tag,
after a blank line; editors' text is escaped, so none of it starts with `<`), so the plugin
sets each one aside as a placeholder paragraph before conversion and puts it back after:
the same HTML, without the parse. On our own pages the headings go with them (headings.py),
and each run of blocks and headings shares one placeholder. The placeholder carries a random token made per build,
which no editor's text can guess. tests/test_site.py checks, page by page, that the result
is identical to Python-Markdown's own handling.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from .anchors import anchor_ids
from .headings import Headings

# Block-level tags that start our templates' raw HTML blocks (Python-Markdown treats each as
# the start of a raw block when it opens a line after a blank line).
_BLOCK_START = re.compile(r"<(?:div|ul|ol|p|table|script|dl|section|figure|blockquote)[\s>]")
STX, ETX = "\x02", "\x03"  # Python-Markdown's own placeholder markers, which it strips from text
_BLANK_LINE = re.compile(r"(?<=\n) +\n")
_OUR_ID = re.compile(r' id="([^"]*)"')
_HEADING_LINE = re.compile(r"^(?:#|=+[ ]*$|-+[ ]*$)", re.M)  # ATX or setext
_BLANK_LINES = re.compile("\n\n")  # as str.split("\n\n") splits, in two thirds of the time on our pages
_SPACES_LINE = re.compile(r"\n +\n")  # what _BLANK_LINE changes (a regex finds it twice as fast as `" \n" in`)


def _needs_normalising(text: str) -> bool:
    return STX in text or ETX in text or "\r" in text or "\t" in text or _SPACES_LINE.search(text) is not None


@dataclass
class SetAside:
    """The raw blocks of one page, and the token of their placeholders."""

    token: str = field(default_factory=lambda: f"fsraw{secrets.token_hex(12)}n")
    runs: list[list[str]] = field(default_factory=list)
    """Each placeholder's HTML, in pieces: joined only once, into the page (a topic page's is most of it)."""
    headings: list[dict[str, Any]] = field(default_factory=list)
    """The toc tokens of the headings set aside, in order."""

    @property
    def blocks(self) -> list[str]:
        """Each placeholder's HTML."""
        return ["".join(run) for run in self.runs]

    def placeholder(self, n: int) -> str:
        return f"{self.token}{n:06d}"

    def restore(self, html: str) -> str:
        """The converted page with each placeholder paragraph replaced by its block."""
        if not self.runs:
            return html
        # Each placeholder stands for a run of blocks and headings, written as Python-Markdown
        # writes them one by one (see `set_aside`); it strips the page, and so do we.
        pieces, at = [], 0
        for m in re.finditer(rf"<p>{self.token}(\d{{6}})</p>", html):
            pieces.append(html[at:m.start()])
            pieces += self.runs[int(m.group(1))]
            at = m.end()
        pieces.append(html[at:])
        return "".join(_stripped(pieces))

    def anchor_ids(self, generated: bool = False) -> set[str]:
        """The ids in the blocks, which MkDocs no longer sees, for its anchor checks.

        In the blocks of a page factsheet generated, every attribute is written `name="value"`
        and every quote in text or values is escaped (`&#34;`), so ` id="` starts an id and
        nothing else: one plain scan finds them (a tenth of the time of the tag parse that
        an editor's own HTML needs). tests/test_site.py checks both ways on every page.
        Each piece is a whole block or heading, every id within one: scanned piece by piece, unjoined.
        """
        if generated:
            find = _OUR_ID.findall
            return {found for run in self.runs for piece in run if piece != "\n" for found in find(piece)}
        return anchor_ids("\n".join(self.blocks))


def _stripped(pieces: list[str]) -> list[str]:
    """`pieces` whose join is `"".join(pieces).strip()`, without copying the whole page once more to strip it."""
    first, last = 0, len(pieces)
    while first < last and not pieces[first].strip():
        first += 1
    while last > first and not pieces[last - 1].strip():
        last -= 1
    pieces = pieces[first:last]
    if pieces:
        pieces[0] = pieces[0].lstrip()
        pieces[-1] = pieces[-1].rstrip()
    return pieces


def set_aside(markdown: str, headings: Headings | None = None) -> tuple[str, SetAside]:
    """`markdown` with its raw HTML blocks (and, given `headings`, our headings) replaced by placeholders.

    Consecutive blocks and headings share one placeholder: a topic page is then one paragraph
    to Python-Markdown, not twenty thousand.
    """
    aside = SetAside()
    chunks = _BLANK_LINES.split(markdown)
    # Whether any block needs Markdown's whitespace normalising: asked once of the page (a block
    # can only hold what its page holds), not of each block. Generated pages never do.
    normal = not _needs_normalising(markdown)
    parts: list[str | None] = []  # per chunk: its HTML if set aside, else None
    raw: list[bool] = []  # per chunk: a raw block (which Markdown follows with a blank line)
    tokens = []
    for chunk in chunks:
        if _BLOCK_START.match(chunk) and chunk.rstrip().endswith(">"):
            parts.append(chunk.rstrip("\n") if normal else _as_markdown_would_see_it(chunk))
            raw.append(True)
            continue
        made = headings.convert(chunk) if headings is not None and chunk.startswith("##") else None
        if made is not None:
            parts.append(made[0])
            raw.append(False)
            tokens.append(made[1])
        elif tokens and _HEADING_LINE.search(chunk):
            # A heading Markdown converts after one of ours: the toc order would need the
            # position of each; rare enough (never, in generated pages) to leave all to Markdown.
            return set_aside(markdown)
        else:
            if aside.token in chunk:
                # Cannot happen by chance; never risk a wrong substitution. Only the Markdown left
                # is looked at: restore() reads placeholders in what Markdown made of it alone.
                return markdown, SetAside()
            parts.append(None)
            raw.append(False)
    kept: list[str] = []
    runs: list[list[str]] = []  # each placeholder's pieces (a run is not grown by concatenation)
    pieces: list[str] | None = None
    for chunk, part, is_raw in zip(chunks, parts, raw):
        if part is None:
            kept.append(chunk)
            pieces = None
            continue
        if pieces is None:
            kept.append(aside.placeholder(len(runs)))
            pieces = []
            runs.append(pieces)
        else:
            pieces.append("\n")  # Python-Markdown joins top-level elements with a newline
        pieces.append(part)
        if is_raw:
            pieces.append("\n")  # and follows a raw block with a blank line
    aside.runs = runs
    aside.headings = tokens
    return "\n\n".join(kept), aside


def _as_markdown_would_see_it(block: str) -> str:
    # What Python-Markdown's NormalizeWhitespace does to all text before it stashes raw HTML;
    # each step only where it can change something (our blocks have no tabs or blank lines).
    if STX in block or ETX in block:
        block = block.replace(STX, "").replace(ETX, "")
    if "\r" in block:
        block = block.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in block:
        block = block.expandtabs(4)
    if " \n" in block:
        block = _BLANK_LINE.sub("\n", block)
    return block.rstrip("\n")
