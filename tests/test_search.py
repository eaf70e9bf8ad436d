"""Which pages Pagefind is pointed at (publish/search.py): exactly those it would index."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.publish.search import _command

MARKED = '<html><body><nav>menu</nav><div data-pagefind-body><p>{}</p></div></body></html>'
PLAIN = '<html><body><p>{}</p></body></html>'


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    return tmp_path


def test_the_marked_pages_are_named_in_the_glob(tmp_path: Path) -> None:
    assert _command(tmp_path, ["topics/a/index.html", "index.html"])[-2:] == ["--glob", "{index.html,topics/a/index.html}"]
    assert _command(tmp_path, ["index.html"])[-2:] == ["--glob", "index.html"]


def test_no_pages_or_a_glob_character_leaves_pagefind_its_default(tmp_path: Path) -> None:
    assert "--glob" not in _command(tmp_path)
    assert "--glob" not in _command(tmp_path, [])
    for odd in ("a{b}.html", "a,b.html", "a[1].html", "a*.html", "a<b>.html"):
        assert "--glob" not in _command(tmp_path, ["index.html", odd]), odd
    assert "--glob" not in _command(tmp_path, [f"page-{n:06d}/index.html" for n in range(10_000)])  # too long for one argument


def test_the_index_is_the_one_pagefind_makes_of_the_whole_site(tmp_path: Path) -> None:
    pages = {"index.html": MARKED.format("home page"), "topics/a/index.html": MARKED.format("alpha claim"),
             "topics/b/index.html": MARKED.format("beta claim"), "matrix/1/index.html": PLAIN.format("alpha listing"),
             "sources/index.html": PLAIN.format("gamma listing")}
    site = _site(tmp_path / "site", pages)
    whole = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ".headerlink"]
    named = _command(site, ["index.html", "topics/a/index.html", "topics/b/index.html"])
    assert "--glob" in named
    for command, out in ((whole, "whole"), (named, "named")):
        subprocess.run([*command, "--output-path", str(tmp_path / out)], check=True, capture_output=True)
    files = {p.relative_to(tmp_path / "whole"): p.read_bytes() for p in (tmp_path / "whole").rglob("*") if p.is_file()}
    glob = {p.relative_to(tmp_path / "named"): p.read_bytes() for p in (tmp_path / "named").rglob("*") if p.is_file()}
    assert files == glob


def test_the_plugin_names_exactly_the_pages_its_template_marks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.engine import plugin
    from factsheet.publish.build import build_site

    from .site_helpers import copy_project

    named: list[list[str] | None] = []
    monkeypatch.setattr(plugin, "index_site", lambda site_dir, pages=None: named.append(pages) or "indexed")
    project = copy_project(tmp_path)
    site = build_site(project / "mkdocs.yml")
    marked = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes())
    assert len(named) == 1 and marked and sorted(named[0] or []) == marked
