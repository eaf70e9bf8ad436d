"""Golden files: the whole generated Markdown of the fixture sheet.

Refresh with `pytest tests/test_rendering.py --update-goldens`, then review `git diff tests/golden`.
"""
from __future__ import annotations

from pathlib import Path

from generator.build import Project, render

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
        "actors.md", "figures.md", "index.md", "method.md", "sources.md",
        "topics/closure.md", "topics/duration.md", "topics/repairs.md"]
