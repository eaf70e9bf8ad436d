"""Which pages Pagefind is pointed at (publish/search.py): exactly those it would index."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factsheet.publish.search import _command, indexed_pages

MARKED = '<html><body><nav>menu</nav><div data-pagefind-body><p>{}</p></div></body></html>'
PLAIN = '<html><body><p>{}</p></body></html>'


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    return tmp_path


def test_only_marked_pages_are_named(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": MARKED.format("home"), "topics/a/index.html": MARKED.format("alpha"),
                            "matrix/1/index.html": PLAIN.format("listing"), "404.html": PLAIN.format("missing")})
    assert indexed_pages(site) == ["index.html", "topics/a/index.html"]
    assert _command(site)[-2:] == ["--glob", "{index.html,topics/a/index.html}"]


def test_no_mark_or_a_glob_character_leaves_pagefind_its_default(tmp_path: Path) -> None:
    plain = _site(tmp_path / "plain", {"index.html": PLAIN.format("home")})
    assert indexed_pages(plain) is None
    assert "--glob" not in _command(plain)
    for odd in ("a{b}.html", "a,b.html", "a[1].html", "a*.html", "a<b>.html"):
        site = _site(tmp_path / odd.replace("*", "star"), {"index.html": MARKED.format("home"), odd: MARKED.format("odd")})
        assert indexed_pages(site) is None, odd


def test_the_index_is_the_one_pagefind_makes_of_the_whole_site(tmp_path: Path) -> None:
    pages = {"index.html": MARKED.format("home page"), "topics/a/index.html": MARKED.format("alpha claim"),
             "topics/b/index.html": MARKED.format("beta claim"), "matrix/1/index.html": PLAIN.format("alpha listing"),
             "sources/index.html": PLAIN.format("gamma listing")}
    site = _site(tmp_path / "site", pages)
    whole = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ".headerlink"]
    for command, out in ((whole, "whole"), (_command(site), "named")):
        subprocess.run([*command, "--output-path", str(tmp_path / out)], check=True, capture_output=True)
    files = {p.relative_to(tmp_path / "whole"): p.read_bytes() for p in (tmp_path / "whole").rglob("*") if p.is_file()}
    named = {p.relative_to(tmp_path / "named"): p.read_bytes() for p in (tmp_path / "named").rglob("*") if p.is_file()}
    assert files == named
