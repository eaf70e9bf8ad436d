"""Shared helpers for tests that build or serve a whole site."""
from __future__ import annotations

import functools
import html.parser
import http.server
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from urllib.parse import urlsplit

import yaml

from tests.conftest import ROOT

PROJECT_PARTS = ["mkdocs.yml", "docs", "content", "seeds"]
LAID_OUT = ("() => !document.querySelector('.md-typeset .fs-claim:not([data-fs-laid]), "
            ".md-typeset .fs-entry:not([data-fs-laid]), .md-typeset table:not([data-fs-laid])')")
"""True once the claims, entries and tables below the screen are laid out (factsheet.css skips their layout
while a page loads and fs-claims.js lays them out when the browser is idle): tools that measure text or
geometry (innerText, axe) see a page as a reader's screen has it only from then on."""
SITE_PATH = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
"""The path of the real sheet's site_url, where `mkdocs serve` mounts the site."""


def copy_project(dest: Path) -> Path:
    """The real project's content and config, in a folder a test may change."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        target = dest / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve_site(site: Path, path: str = "/") -> Iterator[str]:
    """Serve a built site on loopback at `path` (as its site_url has it); its address, without a final slash."""
    with tempfile.TemporaryDirectory() as root:
        served = site.resolve()
        if path.strip("/"):
            mount = Path(root) / path.strip("/")
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(served, target_is_directory=True)
            served = Path(root)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}" + ("/" + path.strip("/") if path.strip("/") else "")
        finally:
            server.shutdown()


class _Attributes(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]


def attributes(page: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every start tag, as a browser's parser reads them (text in a value stays text)."""
    parser = _Attributes()
    parser.feed(page)
    return parser.found


def event_handlers(page: str) -> list[tuple[str, str, str]]:
    """Attributes a browser would run as code: on* handlers, and javascript:, data: or vbscript: links."""
    return [(tag, name, value) for tag, name, value in attributes(page)
            if name.startswith("on") or (name in ("href", "src", "action", "formaction")
                                         and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")))]
