"""Every message `check` can give: exact text per case (golden), and ERRORS.md made from them.

Refresh after an intended change: `pytest tests/test_catalogue.py --update-goldens`, then
review `git diff tests/golden/errors.json ERRORS.md`.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factsheet.publish.build import Project, check_sheet
from factsheet.errors import ContentError
from tests.catalogue import CASES, Case
from tests.conftest import FIXTURE, ROOT

GOLDEN = ROOT / "tests" / "golden" / "errors.json"
ERRORS_MD = ROOT / "ERRORS.md"


def apply(case: Case, root: Path) -> None:
    path = root / case.file
    if case.new == "<delete>":
        path.unlink()
    elif case.old is None:
        path.write_text(case.new, encoding="utf-8", errors="surrogateescape")
    else:
        text = path.read_text(encoding="utf-8")
        assert text.count(case.old) == 1, f"{case.title}: {case.old!r} should appear once in {case.file}"
        path.write_text(text.replace(case.old, case.new), encoding="utf-8")


def messages(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    root = tmp / "small"
    shutil.copytree(FIXTURE, root)
    if case.new != "<setup>":
        apply(case, root)
    monkeypatch.chdir(root)
    with pytest.MonkeyPatch.context() as faults:  # a case's failing reads end with it
        if case.setup is not None:
            case.setup(root, faults)
        try:
            return [str(w) for w in check_sheet(Project(Path("content"), Path("seeds"))).warnings]
        except ContentError as exc:
            return [str(p) for p in exc.problems]


@pytest.fixture(scope="module")
def actual(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    found = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for case in CASES:
            found[case.title] = messages(case, tmp_path_factory.mktemp("case"), monkeypatch)
    return found


def golden() -> dict[str, list[str]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}


def test_titles_are_unique() -> None:
    assert len({c.title for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_case_gives_its_exact_messages(case: Case, actual: dict[str, list[str]], update_goldens: bool) -> None:
    if update_goldens:
        pytest.skip("refreshing goldens")
    assert actual[case.title] == golden()[case.title]


def test_errors_md_is_the_catalogue(actual: dict[str, list[str]], update_goldens: bool) -> None:
    if update_goldens:
        GOLDEN.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        ERRORS_MD.write_text(render_errors_md(actual), encoding="utf-8")
    assert ERRORS_MD.read_text(encoding="utf-8") == render_errors_md(golden())


def render_errors_md(results: dict[str, list[str]]) -> str:
    out = [
        "# Error messages",
        "",
        "Every message `factsheet check` (and the build) can give, with an input that triggers it.",
        "Each message names the file, line and column, says what is wrong, and ends with how to fix",
        "it in parentheses. This page is generated from the tested catalogue in `tests/catalogue.py`",
        "(the fixture sheet in `tests/fixtures/small/` with one edit each); do not edit it by hand.",
        "",
    ]
    for case in CASES:
        example = case.shown or case.new
        where = case.file.replace("\n", "\\n")  # a file name with a newline stays on its line
        out += [f"## {case.title}", "", f"In `{where}`:", "", "```yaml", example.rstrip("\n") or "(empty file)"
                if case.new != "<delete>" else "(file deleted)", "```", ""]
        found = results.get(case.title, [])
        if found:
            out += ["```text", *found, "```", ""]
        else:
            out += ["No error: the value is kept as the text typed.", ""]
    return "\n".join(out)
