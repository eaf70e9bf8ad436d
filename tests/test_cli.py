"""The `factsheet` command as editors use it."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import cli
from tests.conftest import ROOT, edit

MKDOCS_YML = """site_name: Fixture
site_url: https://example.org/fixture/
theme:
  name: material
plugins:
  - factsheet
validation:
  anchors: warn
  unrecognized_links: warn
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_check_ok(small: Path) -> None:
    code, out = run("check")
    assert (code, out) == (0, "OK: 5 claims in 3 topics, 2 sources, 4 actors; all 7 quotes found in their sources\n")


def test_check_reports_every_problem_and_exits_1(small: Path) -> None:
    edit(small / "content/topics/closure.yaml", "status: confirmed", "status: confirmd")
    edit(small / "content/topics/repairs.yaml", "via: engineers", "via: enginers")
    code, out = run("check")
    assert code == 1
    assert out == (
        "content/topics/closure.yaml:7:13: claims[0].status: unknown status 'confirmd'; expected one of: "
        "confirmed, unconfirmed, disputed, denied, on-record (did you mean 'confirmed'?)\n"
        "content/topics/repairs.yaml:15:14: unknown actor 'enginers' (did you mean 'engineers'?)\n"
        "Error: 2 problems in the content; fix them and run again\n"
    )


def test_check_never_shows_a_traceback_even_for_binary_garbage(small: Path) -> None:
    (small / "content/topics/closure.yaml").write_bytes(b"\xff\xfe\x00garbage")
    code, out = run("check")
    assert code == 1
    assert "Traceback" not in out
    assert out.startswith("content/topics/closure.yaml:1:1: the file is not UTF-8 text")


def test_render_writes_markdown_and_only_rewrites_what_changed(small: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "md"
    code, out = run("render", "--out", str(out_dir))
    assert code == 0 and "wrote 25, removed 0, unchanged 0" in out
    assert (out_dir / "topics/closure.md").read_text().startswith(
        "---\ntitle: \"The closure\"\ndescription: \"2 claims: The Old Bridge will stay closed for at least six weeks.\"\n---\n\n# The closure\n")
    edit(small / "content/topics/repairs.yaml", "status_note: One origin.", "status_note: One origin only.")
    code, out = run("render", "--out", str(out_dir))
    assert "wrote 3, removed 0, unchanged 22" in out
    (small / "content/topics/repairs.yaml").unlink()
    code, out = run("render", "--out", str(out_dir))
    assert "removed 1" in out and not (out_dir / "topics/repairs.md").exists()


def search_text(site: Path) -> str:
    """Everything in the Pagefind index, decompressed."""
    import gzip

    return "".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in (site / "pagefind").rglob("*.pf_*"))


def site_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_build_replaces_site_only_on_success(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    code, out = run("build")
    assert code == 0, out
    assert (small / "site/topics/closure/index.html").is_file()
    before = site_hash(small / "site")

    edit(small / "content/topics/closure.yaml", "via: contractor", "via: nobody")
    code, out = run("build")
    assert code == 1
    assert "content/topics/closure.yaml:24:14: unknown actor 'nobody'" in out
    assert "The previous site was left as it was." in out
    assert site_hash(small / "site") == before
    # Only the lock file that keeps two builds apart stays (see publish/staging.py).
    assert [p.name for p in small.glob(".site-*")] == [".site-lock"], "no staging folder may be left behind"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, name
        assert re.search(rf"factsheet {name}\b", readme), f"README does not document `factsheet {name}`"


def test_two_builds_of_the_same_content_are_byte_identical(small: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    assert run("build")[0] == 0
    first = site_hash(small / "site")
    assert run("build")[0] == 0
    assert site_hash(small / "site") == first


def test_a_deleted_claim_disappears_from_the_next_build(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    assert run("build")[0] == 0
    assert 'id="cracks-from-contractor"' in (small / "site/topics/closure/index.html").read_text()
    assert "cracks-from-contractor" in search_text(small / "site")
    text = (small / "content/topics/closure.yaml").read_text()
    (small / "content/topics/closure.yaml").write_text(text[:text.index("  - id: cracks-from-contractor")])
    assert run("build")[0] == 0
    assert "cracks-from-contractor" not in (small / "site/topics/closure/index.html").read_text()
    assert "cracks-from-contractor" not in search_text(small / "site")
    assert "cracks-from-contractor" not in (small / "site/actors/index.html").read_text()


def test_a_mkdocs_warning_fails_the_build_and_keeps_the_old_site(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    assert run("build")[0] == 0
    before = site_hash(small / "site")
    (small / "mkdocs.yml").write_text(MKDOCS_YML + "nav:\n  - index.md\n  - missing.md\n")
    code, out = run("build")
    assert code == 1
    assert "WARNING: A reference to 'missing.md' is included in the 'nav' configuration" in out
    assert "Error: Aborted with 1 warnings in strict mode! The previous site was left as it was." in out
    assert site_hash(small / "site") == before
