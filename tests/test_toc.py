"""The table of contents of a topic page: one short entry per claim (theme/partials/toc-item.html)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2
import pytest

THEME = Path(__file__).resolve().parent.parent / "generator/factsheet/engine/theme"


class Item:
    def __init__(self, title: str, children: tuple["Item", ...] = ()) -> None:
        self.title, self.children, self.url, self.typeset = title, list(children), "#x", None


def entry(title: str) -> str:
    out = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME)).get_template("partials/toc-item.html").render(toc_item=Item(title))
    return re.search(r'<span class="md-ellipsis">(.*?)</span>', out).group(1)  # type: ignore[union-attr]


def test_a_short_title_is_kept_whole() -> None:
    assert entry("Confirmed The bridge is closed.") == "Confirmed The bridge is closed."
    assert entry("a" * 90) == "a" * 90


@pytest.mark.parametrize("title", [
    "word " * 30,
    "abc, def: " * 12,
    "x" * 85 + "&amp;" + "y" * 10,  # a cut just after an entity keeps it whole
    "x" * 87 + "&amp;" + "y" * 10,  # a cut inside one drops it
    "x" * 88 + "&lt;script&gt;" + "y" * 10,
    "字" * 200,  # no space to cut at
])
def test_a_long_title_is_cut_at_a_word_never_inside_an_entity(title: str) -> None:
    short = entry(title)
    assert short.endswith("…") and len(short) <= 91
    text = short[:-1]
    assert title.startswith(text) and not text.endswith((" ", ",", ":"))
    assert not re.search(r"&[a-z#0-9]*$", text)  # no half entity, which would show as "&am"
    assert "<" not in text and html.unescape(text) in html.unescape(title)  # still escaped text, nothing else


def test_the_real_topic_pages_list_every_claim_briefly_and_keep_the_full_heading(site: Path) -> None:
    page = (site / "topics/01-deployment/index.html").read_text(encoding="utf-8")
    toc = page[page.index('class="md-nav md-nav--secondary"'):]
    toc = toc[: toc.index("</nav>\n")]
    entries = dict(re.findall(r'<a href="#([a-z0-9-]+)" class="md-nav__link"><span class="md-ellipsis">(.*?)</span>', toc))
    headings = re.findall(r'<h2 id="([a-z0-9-]+)">', page)
    assert headings and all(h in entries for h in headings)
    assert all(len(text) <= 91 for text in entries.values())
    shortened = [h for h in headings if entries[h].endswith("…")]
    assert shortened  # the real sheet has long statements
    for ident in shortened:
        heading = re.search(rf'<h2 id="{ident}">(.*?)<a class="headerlink"', page, re.S).group(1)  # type: ignore[union-attr]
        assert re.sub(r"<[^>]+>", "", heading).startswith(entries[ident][:-1])
