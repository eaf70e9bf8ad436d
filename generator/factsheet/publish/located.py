"""MkDocs warnings about a generated page, placed at the content file and line that made it.

A strict build fails on any MkDocs warning, and MkDocs names only the page ('topics/closure.md'),
which editors never see. While factsheet builds, each such warning is rewritten to start with
`path:line:column:` in the content: the line holding the text the warning quotes (a link, an
anchor) if one does, else the file the page is made from.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..read.files import display_path

_PAGE = re.compile(r"'([^'\n]+\.md)'")
_QUOTED = re.compile(r"'([^'\n]{3,})'")
# The content file each single-source page is made from; other pages draw on every file.
_MADE_FROM = {"index.md": "sheet.yaml", "sources/index.md": "sources.yaml", "actors/index.md": "actors.yaml"}


class ContentPlaces(logging.Filter):
    """Prefix warnings that name a page of `pages_dir` with the content place that made it."""

    def __init__(self, pages_dir: Path, content_dir: Path) -> None:
        super().__init__()
        self.pages_dir, self.content_dir = pages_dir, content_dir

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or not record.name.startswith("mkdocs") or getattr(record, "located", False):
            return True
        record.located = True  # once, though several handlers pass it on
        message = record.getMessage()
        page = next((p for p in _PAGE.findall(message) if (self.pages_dir / p).is_file()), None)
        if page is not None:
            record.msg, record.args = f"{self.place(page, message)}: {message} (in the page made from it, {page})", ()
        return True

    def place(self, page: str, message: str) -> str:
        if page.startswith("topics/") and page.count("/") == 1 and page != "topics/index.md":
            stem = self.content_dir / "topics" / page[len("topics/"):-3]
            # A topic file is read as *.yaml or *.yml (read/content.py).
            files = [f for f in (Path(f"{stem}.yaml"), Path(f"{stem}.yml")) if f.is_file()] or [Path(f"{stem}.yaml")]
        elif page in _MADE_FROM:
            files = [self.content_dir / _MADE_FROM[page]]
        else:
            files = sorted(self.content_dir.rglob("*.y*ml"))
        quoted = [q for q in _QUOTED.findall(message) if q != page]
        for path in files:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for text in quoted:
                for number, line in enumerate(lines, start=1):
                    if text in line:
                        return f"{display_path(path)}:{number}:{line.index(text) + 1}"
        return f"{display_path(files[0])}:1:1" if len(files) == 1 else display_path(self.content_dir)


@contextmanager
def content_places(pages_dir: Path, content_dir: Path) -> Iterator[None]:
    """While building, MkDocs' warnings about generated pages name the content that made them."""
    located = ContentPlaces(pages_dir, content_dir)
    handlers = [h for name in ("mkdocs", "") for h in logging.getLogger(name).handlers]
    for handler in handlers:
        handler.addFilter(located)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(located)
