"""A one-shot build checks in a forked child while it renders (publish/overlap.py): the same
pages, warnings and errors as the plain order, and the plain order whenever the child fails."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from factsheet.errors import ContentError
from factsheet.pages.rendering import SiteOptions
from factsheet import overlap
from factsheet.publish.build import Builder, Project

from .conftest import ROOT, edit

ONE_SHOT = SiteOptions(incremental=False)


def _both(project: Project, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """What a one-shot build gives side by side, and what it gives in the plain order."""
    def outcome() -> object:
        try:
            return Builder(project, ONE_SHOT).render()
        except ContentError as exc:
            return [str(p) for p in exc.problems]

    assert overlap.available()
    beside = outcome()
    with monkeypatch.context() as m:
        m.setattr(overlap, "available", lambda: False)
        plain = outcome()
    return beside, plain


def test_the_real_sheet_renders_the_same_beside_its_check(monkeypatch: pytest.MonkeyPatch) -> None:
    beside, plain = _both(Project(ROOT / "content", ROOT / "seeds"), monkeypatch)
    assert beside == plain
    assert overlap.children_peak_mb > 0


def test_broken_content_gives_every_error_as_the_plain_order_does(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    topic = next((small / "content" / "topics").glob("*.yaml"))
    text = topic.read_text(encoding="utf-8")
    first_quote = text.split("quote: ", 1)[1].split("\n", 1)[0]
    edit(topic, first_quote, '"A sentence that no seed holds."')
    edit(small / "content" / "sheet.yaml", "title:", "titel:")
    beside, plain = _both(Project(small / "content", small / "seeds"), monkeypatch)
    assert isinstance(beside, list) and len(beside) >= 2
    assert beside == plain


def test_a_child_that_dies_or_cannot_send_its_result_leaves_the_work_to_the_parent() -> None:
    parent = os.getpid()
    assert overlap.Pending(lambda: os.getpid() == parent or os._exit(3)).result() is True
    unpicklable = overlap.Pending(lambda: (lambda: os.getpid())).result()
    assert unpicklable() == parent  # made again here: a lambda cannot be pickled
    assert overlap.Pending(lambda: os.getpid()).result() != parent  # the work did run in a child


def test_cancel_stops_the_child() -> None:
    import time

    pending = overlap.Pending(lambda: time.sleep(60))
    start = time.monotonic()
    pending.cancel()
    assert time.monotonic() - start < 5
