"""Titles in front matter: MkDocs reads back exactly what was written, for any text the loader accepts.

JSON's `\\ud83e\\ude96` escapes are not YAML: MkDocs dropped such front matter silently and rendered
it as Markdown, so a title with an emoji and attribute-list syntax became a live link.
"""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from factsheet.publish.build import build_site
from factsheet.read.yamlsafe import FORBIDDEN_CHARS
from factsheet.views.escaping import title_meta
from tests.site_helpers import event_handlers
from tests.conftest import FIXTURE, edit
from tests.test_cli import MKDOCS_YML

HOSTILE_TITLE = "[Details](https://example.org){: onclick=alert(1) tabindex=0 autofocus=autofocus onfocus=alert(2) } \U0001FA96"
TITLES = [
    "Reactions \U0001FA96", HOSTILE_TITLE, "a: b", "- x", "# c", "'q' \"qq\" \\ back", "\u2028line\u2029para", "\ufeffbom",
    "\U0010FFFD plane 16", "tab\tand\nnewline", "...", "---", "{a: 1}", "[1, 2]", "&amp; <b>", "%YAML 1.2", "!tag", "*alias",
    "\u00a0nbsp\u3000ideographic", "\U0001F469\u200D\U0001F467 zwj", "é" * 300, "null", "~", "",
]


def every_char_the_loader_accepts() -> list[str]:
    """Every code point the content may hold, in titles of 200 characters."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not FORBIDDEN_CHARS.match(chr(c))]
    return ["".join(chars[i:i + 200]) for i in range(0, len(chars), 200)]


def front_matter(title: str) -> dict[str, object]:
    body, meta = get_data(f"---\ntitle: {title_meta(title)}\n---\n\n# Body\n")
    assert body == "# Body\n", "the front matter must parse, not be rendered as text"
    return meta


@pytest.mark.parametrize("title", TITLES)
def test_hostile_titles_survive_mkdocs_front_matter_parser(title: str) -> None:
    assert front_matter(title) == {"title": html.escape(" ".join(title.split()), quote=True)}


def test_every_character_the_loader_accepts_survives_front_matter() -> None:
    chunks = every_char_the_loader_accepts()
    assert len(chunks) > 5000  # all 17 planes
    for chunk in chunks:
        assert front_matter(chunk)["title"] == html.escape(" ".join(chunk.split()), quote=True), chunk[:20]


def test_the_front_matter_line_is_ascii_for_an_emoji() -> None:
    assert title_meta("Reactions \U0001FA96") == '"Reactions \\U0001FA96"'


def hostile_title_sheet(root: Path, *, csp: bool) -> Path:
    shutil.copytree(FIXTURE, root)
    quoted = '"' + HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    edit(root / "content/sheet.yaml", "title: Fixture sheet — the Old Bridge", f"title: {quoted}")
    edit(root / "content/topics/closure.yaml", "title: The closure", f"title: {quoted}")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("  - factsheet\n", "  - factsheet:\n      csp: false\n") if not csp else MKDOCS_YML)
    return build_site(root / "mkdocs.yml")


@pytest.fixture(scope="module", params=[True, False], ids=["csp", "no-csp"])
def titled_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_title_sheet(tmp_path_factory.mktemp("titles") / "small", csp=request.param)


@pytest.mark.parametrize("page", ["index.html", "topics/closure/index.html"])
def test_a_built_page_keeps_its_front_matter_title_and_no_markup_of_it(titled_site: Path, page: str) -> None:
    text = (titled_site / page).read_text(encoding="utf-8")
    escaped = html.escape(HOSTILE_TITLE, quote=True)
    assert f"<title>{escaped}" in text  # the page title is the front matter's, intact
    assert "title:" not in re.sub(r"<[^>]*>", "", text), "front matter rendered as text"
    assert event_handlers(text) == [], "an event handler made it into the page"
    assert 'href="https://example.org"' not in text  # the attribute-list link was never made


@pytest.mark.browser
def test_the_hostile_title_shows_literally_and_runs_nothing_with_or_without_csp(titled_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from tests.site_helpers import serve_site

    dialogs: list[str] = []
    with serve_site(titled_site) as address:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/", "/topics/closure/"):
            page.goto(address + path)
            page.wait_for_load_state("load")
            page.keyboard.press("Tab")  # where autofocus or tabindex would lead
            page.wait_for_timeout(200)
            assert page.title().startswith(HOSTILE_TITLE)
            assert HOSTILE_TITLE in page.locator("h1").first.inner_text()
            assert page.locator("[onclick], [onfocus]").count() == 0
        context.close()
    assert dialogs == []
