"""A MkDocs warning that fails a build names the content file and line that made the page it is about."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from factsheet.pages import rendering
from factsheet.publish.located import ContentPlaces
from tests.conftest import FIXTURE, edit
from tests.test_cli import MKDOCS_YML, run


def warning(message: str) -> logging.LogRecord:
    return logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1, message, (), None)


def test_a_warning_about_a_topic_page_is_placed_at_the_line_it_quotes(small: Path) -> None:
    (small / "generated/topics").mkdir(parents=True)
    (small / "generated/topics/closure.md").write_text("x")
    edit(small / "content/topics/closure.yaml", "status_note: The contractor denies it.", "status_note: see nowhere.md")
    record = warning("Doc file 'topics/closure.md' contains a link 'nowhere.md', but the target is not found.")
    assert ContentPlaces(Path("generated"), Path("content")).filter(record)
    assert record.getMessage() == ("content/topics/closure.yaml:20:22: Doc file 'topics/closure.md' contains a link "
                                   "'nowhere.md', but the target is not found. (in the page made from it, topics/closure.md)")


def test_a_topic_written_as_yml_is_placed_in_its_own_file(small: Path) -> None:
    (small / "generated/topics").mkdir(parents=True)
    (small / "generated/topics/closure.md").write_text("x")
    edit(small / "content/topics/closure.yaml", "status_note: The contractor denies it.", "status_note: see nowhere.md")
    (small / "content/topics/closure.yaml").rename(small / "content/topics/closure.yml")
    record = warning("Doc file 'topics/closure.md' contains a link 'nowhere.md', but the target is not found.")
    assert ContentPlaces(Path("generated"), Path("content")).filter(record)
    assert record.getMessage().startswith("content/topics/closure.yml:20:22: ")


def test_a_warning_about_a_page_of_several_files_names_the_file_holding_the_text(small: Path) -> None:
    (small / "generated/matrix").mkdir(parents=True)
    (small / "generated/matrix/index.md").write_text("x")
    record = warning("Doc file 'matrix/index.md' contains a link '#engineers-x', but there is no such anchor on this page.")
    ContentPlaces(Path("generated"), Path("content")).filter(record)
    assert record.getMessage().startswith("content: Doc file 'matrix/index.md'")  # quoted text in no content file
    record = warning("Doc file 'sources/index.md' contains a link 'herald.txt'.")
    (small / "generated/sources").mkdir()
    (small / "generated/sources/index.md").write_text("x")
    ContentPlaces(Path("generated"), Path("content")).filter(record)
    assert record.getMessage().startswith("content/sources.yaml:12:11: ")


def test_warnings_about_other_pages_are_left_as_they_are(small: Path) -> None:
    record = warning("Doc file 'about.md' contains a link 'x.md', but the target is not found.")
    ContentPlaces(Path("generated"), Path("content")).filter(record)
    assert record.getMessage() == "Doc file 'about.md' contains a link 'x.md', but the target is not found."


def test_a_build_that_fails_on_a_warning_names_the_content_line(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Were the escaping to give way, a statement's Markdown link would reach MkDocs, which warns about the page.
    monkeypatch.setattr(rendering, "finalize", lambda value: str(value))
    monkeypatch.setattr(rendering, "md_text", lambda value: str(value))  # a claim's heading, written in Python
    rendering.environment.cache_clear()
    try:
        edit(small / "content/topics/closure.yaml", "statement: The cracks were caused by the contractor's work.",
             "statement: The cracks were caused by [the contractor](nowhere.md).")
        (small / "mkdocs.yml").write_text(MKDOCS_YML)
        code, out = run("build")
    finally:
        rendering.environment.cache_clear()
    assert code == 1
    assert ("WARNING: content/topics/closure.yaml:17:59: Doc file 'topics/closure.md' contains a link 'nowhere.md', but "
            "the target 'topics/nowhere.md' is not found among documentation files. (in the page made from it, "
            "topics/closure.md)") in out
    assert not (small / "site").exists()
