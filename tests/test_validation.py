"""`check`: shape and cross-record problems, each with its exact text, place and hint."""
from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.publish.build import Project, check_sheet
from factsheet.errors import ContentError
from tests.conftest import edit


def check_problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check_sheet(Project(root / "content", root / "seeds"))
    return [str(p) for p in caught.value.problems]


def test_fixture_is_valid(small: Path) -> None:
    content = check_sheet(Project(small / "content", small / "seeds")).content
    assert [t.id for t in content.topics] == ["closure", "duration", "repairs"]
    assert len(content.claims()) == 5


TOPIC = "content/topics/closure.yaml"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("status: confirmed", "status: NO",
     f"{TOPIC}:7:13: claims[0].status: unknown status 'NO'; expected one of: confirmed, unconfirmed, disputed, denied, on-record (see the method page, or the README's content model, for what each means)"),
    ("status: confirmed", "status: confirmd",
     f"{TOPIC}:7:13: claims[0].status: unknown status 'confirmd'; expected one of: confirmed, unconfirmed, disputed, denied, on-record (did you mean 'confirmed'?)"),
    ("stance: denies", "stance: denys",
     f"{TOPIC}:23:17: claims[1].evidence[0].stance: unknown stance 'denys'; expected one of: asserts, reports, mentions, differs, disputes, denies, cannot-confirm (did you mean 'denies'?)"),
    ("    status_note: The contractor", "    statment: x\n    status_note: The contractor",
     f"{TOPIC}:20:5: claims[1]: unknown field 'statment' (did you mean 'statement'?)"),
    ("    statement: The cracks were caused by the contractor's work.\n", "",
     f"{TOPIC}:16:5: claims[1]: missing field 'statement' (add `statement: …`)"),
    ("claimed_on: 2024-03-04", "claimed_on: 2024-13-45",
     f"{TOPIC}:6:17: claims[0].claimed_on: '2024-13-45' is not a valid date (month value is outside expected range of 1-12) (write it as YYYY-MM-DD)"),
    ("claimed_by: [council]", "claimed_by: council",
     f"{TOPIC}:5:17: claims[0].claimed_by: expected a list (lines starting with `- `), found 'council' (check the indentation)"),
    ("  - id: cracks-from-contractor", "  - id: Cracks_From",
     f"{TOPIC}:16:9: claims[1].id: 'Cracks_From' is not a valid id: use lowercase letters, digits and hyphens, at most 64 (e.g. 'cracks-from')"),
    ("  - id: cracks-from-contractor", "  - id: ../../index",
     f"{TOPIC}:16:9: claims[1].id: '../../index' is not a valid id: use lowercase letters, digits and hyphens, at most 64 (e.g. 'index')"),
    ("    status_note: The contractor denies it.", "    status_note:",
     f"{TOPIC}:20:17: claims[1].status_note: is empty (write a value, or remove the line if the field is optional)"),
    ("    status_note: The contractor denies it.", "    status_note: '  '",
     f"{TOPIC}:20:18: claims[1].status_note: is empty; write some text"),
])
def test_shape_problems(small: Path, old: str, new: str, expected: str) -> None:
    edit(small / TOPIC, old, new)
    assert check_problems(small) == [expected]


def test_every_problem_in_every_file_in_one_run(small: Path) -> None:
    edit(small / TOPIC, "claimed_by: [council]", "claimed_by: [councel]")
    edit(small / TOPIC, "      - source: herald", "      - source: herld")
    edit(small / TOPIC, "via: contractor", "via: contracter")
    edit(small / "content/topics/repairs.yaml", "status: unconfirmed", "status: maybe")
    edit(small / "content/sources.yaml", "seed: herald.txt", "seed: herold.txt")
    edit(small / "content/actors.yaml", "  - id: engineers", "  - id: council")
    assert check_problems(small) == [
        "content/actors.yaml:8:9: duplicate id 'council' (first at content/actors.yaml:2:9) (give each record its own id)",
        "content/sources.yaml:12:11: seed file 'herold.txt' not found in seeds (did you mean 'herald.txt'?)",
        f"{TOPIC}:5:18: unknown actor or source 'councel' (did you mean 'council'?)",
        f"{TOPIC}:13:17: unknown source 'herld' (did you mean 'herald'?)",
        f"{TOPIC}:18:18: unknown actor or source 'engineers' (no id is close; check the spelling or add the record)",
        f"{TOPIC}:24:14: unknown actor 'contracter' (did you mean 'contractor'?)",
        "content/topics/repairs.yaml:10:13: claims[0].status: unknown status 'maybe'; expected one of: confirmed, unconfirmed, disputed, denied, on-record (see the method page, or the README's content model, for what each means)",
    ]


def test_claim_ids_are_unique_across_topics_regardless_of_case(small: Path) -> None:
    edit(small / "content/topics/repairs.yaml", "id: repairs-three-months", "id: closed-six-weeks")
    assert check_problems(small) == [
        "content/topics/repairs.yaml:7:9: duplicate claim id 'closed-six-weeks' (first at content/topics/closure.yaml:3:9) (give each claim its own id)",
    ]


def test_quote_not_in_seed_names_the_closest_passage(small: Path) -> None:
    edit(small / "content/topics/repairs.yaml", "the repairs could take up to three months", "the repairs could take up to four months")
    assert check_problems(small) == [
        "content/topics/repairs.yaml:16:16: quote not found in the text of source 'gazette' (gazette.txt) "
        "(closest passage (95% similar): \"Engineers told the Gazette the repairs could take up to three months.\"; the quote has \"four\" where the seed has \"three\")",
    ]


def test_quote_with_nothing_close(small: Path) -> None:
    edit(small / "content/topics/repairs.yaml", "quote: Engineers told the Gazette the repairs could take up to three months.", "quote: Zebras.")
    assert check_problems(small) == [
        "content/topics/repairs.yaml:16:16: quote not found in the text of source 'gazette' (gazette.txt) (nothing in the seed is close; check the source)",
    ]


def test_missing_files_and_stray_files(small: Path) -> None:
    (small / "content/actors.yaml").unlink()
    (small / "content/notes.yaml").write_text("a: 1\n")
    assert check_problems(small) == [
        "content/actors.yaml:1:1: file not found (create it; see the README for a actors.yaml example)",
        "content/notes.yaml:1:1: unexpected content file (topics go in the topics/ folder; other files are sheet.yaml, sources.yaml, actors.yaml and places.yaml)",
    ]


def test_bad_url_schemes_are_refused(small: Path) -> None:
    for bad in (" JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "https://ok.example) [e](javascript:alert(1)"):
        (small / "content/sources.yaml").write_text(
            (small / "content/sources.yaml").read_text().replace("url: https://gazette.example/bridge", f"url: '{bad}'"))
        found = check_problems(small)
        assert len(found) == 1 and found[0].startswith("content/sources.yaml:6:10: sources[0].url: "), found
        (small / "content/sources.yaml").write_text(
            (small / "content/sources.yaml").read_text().replace(f"url: '{bad}'", "url: https://gazette.example/bridge"))
