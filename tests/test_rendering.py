"""Golden files: the whole generated Markdown of the fixture sheet.

Refresh with `pytest tests/test_rendering.py --update-goldens`, then review `git diff tests/golden`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.publish.build import Project, render

GOLDEN = Path(__file__).resolve().parent / "golden" / "small"


def test_fixture_sheet_renders_as_golden(small: Path, update_goldens: bool) -> None:
    pages = render(Project(small / "content", small / "seeds"))
    pages = {path: text for path, text in pages.items() if path.endswith(".md")}
    if update_goldens:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file; run with --update-goldens and review the diff"


def test_nav_never_lists_claims(small: Path) -> None:
    pages = render(Project(small / "content", small / "seeds"))
    assert sorted(p for p in pages if p.endswith(".md")) == [
        "actors/index.md", "changes.md", "figures/index.md", "index.md", "matrix/index.md", "method.md", "places/index.md",
        "sources/index.md",
        "status/confirmed/index.md", "status/denied/index.md", "status/disputed/index.md", "status/on-record/index.md",
        "status/unconfirmed/index.md", "timeline/index.md",
        "topics/closure.md", "topics/duration.md", "topics/index.md", "topics/repairs.md"]


def test_long_listings_are_split_into_bounded_pages(small: Path) -> None:
    from factsheet.views import siteindex

    original = siteindex.LISTING_PAGE, siteindex.CLAIMS_PAGE
    siteindex.LISTING_PAGE = 2  # four actors in the fixture -> two pages
    siteindex.CLAIMS_PAGE = 1  # a topic a page for the matrix and the status pages
    try:
        pages = render(Project(small / "content", small / "seeds"))
    finally:
        siteindex.LISTING_PAGE, siteindex.CLAIMS_PAGE = original
    # Every link of a split listing's index page reaches an anchor on the page it names.
    import re

    checked = []
    for index_page in [p for p in pages if p.endswith("/index.md") and p.rsplit("/", 1)[0] + "/1.md" in pages]:
        folder = index_page.rsplit("/", 1)[0]
        # Raw HTML links, the built site's URLs: from folder/index.md (served at folder/) to folder/N/.
        for target, anchor in re.findall(r'<li><a href="(\d+)/#([a-z0-9-]+)">', pages[index_page]):
            page = pages[f"{folder}/{target}.md"]
            assert f'id="{anchor}"' in page or f"#{anchor} }}" in page, (index_page, target, anchor)
            checked.append(folder)
    assert {"actors", "matrix", "status/confirmed"} <= set(checked)
    assert "status/unconfirmed/index.md" in pages and "status/confirmed/2.md" in pages
    assert {p for p in pages if p.startswith("actors/")} == {"actors/index.md", "actors/1.md", "actors/2.md"}
    assert '<li><a href="1/#contractor">The contractor</a></li>' in pages["actors/index.md"]
    assert pages["actors/2.md"].startswith("# Who says what (2 of 2)\n\n[All who says what](../actors/index.md) · [Previous](../actors/1.md)")
    assert '<a href="../../actors/2/#engineers">Engineers</a>' in pages["topics/repairs.md"]


def test_raw_html_links_follow_the_url_style() -> None:
    from factsheet.views.links import page_url

    assert page_url("method.md#status-denied", "topics/a.md") == "../../method/#status-denied"
    assert page_url("sources/index.md#s", "topics/a.md") == "../../sources/#s"
    assert page_url("sources/2.md#s", "sources/index.md") == "2/#s"
    assert page_url("index.md", "topics/a.md") == "../../"
    assert page_url("topics/a.md#c", "topics/a.md") == "./#c"
    assert page_url("method.md#x", "topics/a.md", directory_urls=False) == "../method.html#x"
    assert page_url("sources/index.md#s", "topics/a.md", directory_urls=False) == "../sources/index.html#s"


def test_matrix_falls_back_to_a_list_when_a_topic_cites_many_sources(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet.pages import entryhtml

    monkeypatch.setattr(entryhtml, "MATRIX_COLUMNS", 1)
    pages = render(Project(small / "content", small / "seeds"))
    closure = pages["matrix/index.md"].split("## The closure", 1)[1].split("## ", 1)[0]
    assert '<ul class="fs-matrix-list">' in closure and "<table>" not in closure
    assert ('<a href="../sources/#gazette">The Gazette</a> <a class="fs-stance fs-stance--reports" '
            'href="../topics/closure/#quote:closed-six-weeks-1">reports</a>') in closure


def test_incremental_builds_equal_fresh_builds_after_every_edit(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches kept for `mkdocs serve` must never change what is published."""
    import os

    from factsheet.publish.build import Builder

    from tests.conftest import edit

    from factsheet.views import siteindex

    monkeypatch.setattr(siteindex, "CLAIMS_PAGE", 1)
    project = Project(small / "content", small / "seeds")
    kept = Builder(project)
    kept.render()
    topic = small / "content/topics/closure.yaml"
    edits = [
        (topic, "status_note: The contractor denies it.", "status_note: The contractor denies it, firmly."),
        (topic, "statement: The Old Bridge will stay closed for at least six weeks.",
         "statement: The Old Bridge stays closed for at least six weeks."),
        (small / "content/actors.yaml", "  - id: spokesperson", "  - id: mayor\n    name: The mayor\n    kind: official\n  - id: spokesperson"),
        (small / "content/topics/repairs.yaml", "status: unconfirmed", "status: unconfirmed\n    status_reason: Testing."),
        # Event dates move claims between timeline pages (one claim a page here), and the
        # claims of other topics link to theirs.
        (topic, "  - id: cracks-from-contractor", "  - id: cracks-from-contractor\n    happened: 2024-10-03"),
        (small / "content/topics/repairs.yaml", "status: unconfirmed", "status: unconfirmed\n    happened: 2024-10-01"),
        (topic, "happened: 2024-10-03", "happened: 2024-09"),
        # A stance shows in the sources matrix, which is re-rendered from values, not models.
        (topic, "stance: reports\n        quote: A council spokesperson", "stance: asserts\n        quote: A council spokesperson"),
        # A status moves a claim between status pages and changes the counts of the site pages.
        (small / "content/topics/repairs.yaml", "status: unconfirmed", "status: disputed"),
        # The home page leads with the key claims and their conclusions.
        (small / "content/topics/repairs.yaml", "    claimed_by: [engineers]", "    claimed_by: [engineers]\n    key: true\n    conclusion: Only the engineers say so."),
        (small / "content/topics/repairs.yaml", "conclusion: Only the engineers say so.", "conclusion: Only the engineers say so, so far."),
        # A claim names its rival accounts in attributed voice, which depends on who claims them.
        (small / "content/topics/repairs.yaml", "    key: true", "    key: true\n    alternative_to: [closure-at-least-six-weeks]"),
        (small / "content/topics/duration.yaml", "    claimed_by: [council]", "    claimed_by: [council, engineers]"),
    ]
    for n, (path, old, new) in enumerate(edits):
        edit(path, old, new)
        os.utime(path, ns=(n + 10**18, n + 10**18))  # a new mtime even within the clock's resolution
        assert kept.render()[0] == Builder(project).render()[0], f"edit {n} changed the output of an incremental build"
    text = topic.read_text()
    topic.write_text(text[:text.index("  - id: cracks-from-contractor")])
    assert kept.render()[0] == Builder(project).render()[0], "deleting a claim changed the output of an incremental build"


def test_a_long_timeline_is_cut_into_bounded_pages_and_claims_link_to_theirs(small: Path) -> None:
    import re

    from factsheet.views import siteindex

    for n, path in enumerate(sorted((small / "content" / "topics").glob("*.yaml"))):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^(  - id: .+)$", lambda m: f"{m.group(1)}\n    happened: 2024-10-0{n + 1}", text, flags=re.M),
                        encoding="utf-8")
    original = siteindex.CLAIMS_PAGE
    siteindex.CLAIMS_PAGE = 2  # five October events -> October in three parts, a page each
    try:
        pages = render(Project(small / "content", small / "seeds"))
    finally:
        siteindex.CLAIMS_PAGE = original
    assert {p for p in pages if p.startswith("timeline/")} == {"timeline/index.md", "timeline/1.md", "timeline/2.md", "timeline/3.md"}
    assert pages["timeline/index.md"].startswith("# Timeline\n\n3 entries on 3 pages of about 2 claims each.")
    assert '<li><a href="3/#month-2024-10-3">October 2024 (part 3)</a></li>' in pages["timeline/index.md"]
    events = {m: page for page in ("1", "2", "3") for m in re.findall(r'id="event-([a-z0-9-]+)"', pages[f"timeline/{page}.md"])}
    assert len(events) == 5 and sorted(events.values()) == ["1", "1", "2", "2", "3"]
    for topic in [p for p in pages if p.startswith("topics/") and p != "topics/index.md"]:
        links = re.findall(r'href="\.\./\.\./timeline/(\d)/#event-([a-z0-9-]+)">on the timeline', pages[topic])
        assert links and all(events[claim] == page for page, claim in links), topic
