"""A site built from hostile content: every payload shows as its own text; nothing runs."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from factsheet.publish.build import build_site
from tests.conftest import edit
from tests.site_helpers import event_handlers
from tests.test_cli import MKDOCS_YML

# (file, old text, payload put in its place, the page where it must show literally)
PAYLOADS = [
    ("content/sheet.yaml", "title: Fixture sheet — the Old Bridge", "T {: onclick=alert(1) }", "index.html"),
    ("content/topics/closure.yaml", "title: The closure", "</title><script>alert(1)</script>", "topics/closure/index.html"),
    ("content/topics/closure.yaml", "statement: The Old Bridge will stay closed for at least six weeks.",
     '[x](https://ok.example){: href="javascript:alert(1)" }', "topics/closure/index.html"),
    ("content/topics/closure.yaml", "status_note: Two outlets report the council's statement in their own words.",
     '<div markdown="1" onclick="alert(1)">**b**</div>', "topics/closure/index.html"),
    ("content/topics/closure.yaml", "status_note: The contractor denies it.", '--8<-- "/etc/passwd"', "topics/closure/index.html"),
    ("content/topics/closure.yaml", "statement: The cracks were caused by the contractor's work.", "<script>alert(1)</script>",
     "topics/closure/index.html"),
    ("content/topics/repairs.yaml", "status_note: One origin.", "{{ 7*7 }}", "topics/repairs/index.html"),
    ("content/actors.yaml", "name: Engineers", "a <![ b", "actors/index.html"),
    ("content/actors.yaml", "name: A second council spokesperson", "a | b", "figures/index.html"),
    ("content/sources.yaml", "publisher: The Herald", "![img](https://x.example/a.png)", "sources/index.html"),
    ("content/sources.yaml", "title: Bridge closed after inspection", "<img src=x onerror=alert(1)> :material-skull:", "sources/index.html"),
]
QUOTED = "<b onmouseover=alert(1)>said</b> [y](javascript:alert(1))"


def yaml_text(payload: str) -> str:
    return "'" + payload.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import FIXTURE

    root = tmp_path_factory.mktemp("hostile") / "small"
    shutil.copytree(FIXTURE, root)
    for path, old, payload, _ in PAYLOADS:
        key = old.split(":", 1)[0]
        edit(root / path, old, f"{key}: {yaml_text(payload)}")
    # A hostile sentence in a seed, quoted verbatim as evidence.
    with (root / "seeds/gazette.txt").open("a", encoding="utf-8") as seed:
        seed.write(QUOTED + "\n")
    edit(root / "content/topics/repairs.yaml", "quote: Engineers told the Gazette the repairs could take up to three months.",
         f"quote: {yaml_text(QUOTED)}")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "generated").mkdir()
    return build_site(root / "mkdocs.yml")


def all_tags(site: Path) -> list[tuple[str, str]]:
    return [(str(p.relative_to(site)), tag) for p in site.rglob("*.html")
            for tag in re.findall(r"<[a-zA-Z][^>]*>", p.read_text(encoding="utf-8"))]


def test_no_event_handler_javascript_url_or_injected_script_anywhere(hostile_site: Path) -> None:
    tags = all_tags(hostile_site)
    assert len(tags) > 1000
    for page in hostile_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Parsed as a browser does: a payload's "onclick=" inside a quoted value is text, not a handler.
        assert event_handlers(text) == [], page
        assert "alert(1)</script>" not in text, page  # the payload exists only as escaped text
        assert "<img src=x" not in text and "<div markdown" not in text and "<![" not in text, page
        assert "49" not in re.sub(r"<[^>]*>", "", text).replace("sha256", ""), page  # {{ 7*7 }} never evaluated


def visible_text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment)
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


@pytest.mark.parametrize(("payload", "page"), [(p[2], p[3]) for p in PAYLOADS] + [(QUOTED, "topics/repairs/index.html")])
def test_each_payload_shows_as_its_own_text(hostile_site: Path, payload: str, page: str) -> None:
    text = visible_text((hostile_site / page).read_text(encoding="utf-8"))
    assert payload in text


def test_table_cell_with_a_pipe_keeps_the_row_intact(hostile_site: Path) -> None:
    page = (hostile_site / "figures/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert rows and all(row.count("<td") in (0, 5) for row in rows)
    assert any(">a | b<" in row for row in rows)


def test_heading_payload_keeps_its_anchor(hostile_site: Path) -> None:
    page = (hostile_site / "topics/closure/index.html").read_text(encoding="utf-8")



def test_a_title_cannot_break_out_of_the_title_element(hostile_site: Path) -> None:
    page = (hostile_site / "topics/closure/index.html").read_text(encoding="utf-8")
    # The site's name is the (hostile) sheet title, escaped like every other title.
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - T {: onclick=alert(1) }</title>" in page


def test_json_ld_cannot_break_out_of_its_script(hostile_site: Path) -> None:
    import json

    statements = []
    for page in hostile_site.rglob("*.html"):
        for body in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            assert "<" not in body and ">" not in body and "&" not in body, body[:200]
            statements += [node["claimReviewed"] for node in json.loads(body)["@graph"] if node["@type"] == "ClaimReview"]
    assert "<script>alert(1)</script>" in statements
    assert '[x](https://ok.example){: href="javascript:alert(1)" }' in statements


def test_setting_raw_blocks_aside_gives_the_same_html_for_hostile_text(hostile_site: Path) -> None:
    from factsheet.publish.build import Project, render
    from tests.test_site import converted_both_ways

    root = hostile_site.parent
    results = converted_both_ways(render(Project(root / "content", root / "seeds")))
    assert results and all(aside == plain for _, plain, aside in results), [p for p, plain, aside in results if aside != plain]
