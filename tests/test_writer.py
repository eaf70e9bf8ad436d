"""The writer touches only what it wrote: a user's files are never overwritten or removed."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factsheet.publish.writer import MANIFEST, ForeignFiles, write_tree
from tests.test_cli import MKDOCS_YML, run


def test_unchanged_files_keep_their_timestamps(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.md": "A", "b/c.md": "C"})
    os.utime(tmp_path / "a.md", (1, 1))
    os.utime(tmp_path / "b/c.md", (1, 1))
    report = write_tree(tmp_path, {"a.md": "A", "b/c.md": "C2"})
    assert (report.written, report.unchanged) == (["b/c.md"], 1)
    assert (tmp_path / "a.md").stat().st_mtime == 1
    assert (tmp_path / "b/c.md").stat().st_mtime > 1


def test_the_manifest_lists_what_was_written_and_only_that_is_removed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.md": "A", "b/c.md": "C"})
    assert json.loads((tmp_path / MANIFEST).read_text())["files"] == ["a.md", "b/c.md"]
    report = write_tree(tmp_path, {"a.md": "A"})
    assert report.removed == ["b/c.md"] and not (tmp_path / "b").exists()
    assert json.loads((tmp_path / MANIFEST).read_text())["files"] == ["a.md"]


def test_a_folder_holding_files_we_did_not_write_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/more.txt").write_text("mine too")
    with pytest.raises(ForeignFiles) as caught:
        write_tree(tmp_path, {"a.md": "A"})
    assert str(caught.value) == (f"{tmp_path / 'notes.md'} and 1 other file: not written by factsheet, so it will not "
                                 f"write into {tmp_path} (choose an empty or new folder)")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["more.txt", "notes.md", "sub"]


def test_foreign_ok_writes_beside_other_files_but_never_over_them(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine")
    report = write_tree(tmp_path, {"a.md": "A"}, foreign_ok=True)
    assert report.written == ["a.md"] and (tmp_path / "notes.md").read_text() == "mine"
    write_tree(tmp_path, {}, foreign_ok=True)  # nothing generated any more: only our file goes
    assert (tmp_path / "notes.md").read_text() == "mine" and not (tmp_path / "a.md").exists()
    with pytest.raises(ForeignFiles, match="notes.md: not written by factsheet"):
        write_tree(tmp_path, {"notes.md": "ours?"}, foreign_ok=True)
    assert (tmp_path / "notes.md").read_text() == "mine"


def test_a_file_identical_to_ours_is_adopted(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("A")  # written by an older factsheet, before manifests
    report = write_tree(tmp_path, {"a.md": "A"})
    assert report.unchanged == 1 and json.loads((tmp_path / MANIFEST).read_text())["files"] == ["a.md"]


def test_a_manifest_cannot_name_files_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("mine")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / MANIFEST).write_text(json.dumps({"files": ["../outside.md", "/etc/hostname"]}))
    write_tree(folder, {"a.md": "A"})
    assert outside.read_text() == "mine"


def test_render_out_dot_inside_a_project_refuses_and_deletes_nothing(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    before = sorted(p.relative_to(small).as_posix() for p in small.rglob("*"))
    code, out = run("render", "--out", ".")
    assert code == 1
    assert "not written by factsheet, so it will not write into ." in out
    assert "choose a new or empty folder, or pass --force to write beside them" in out
    assert sorted(p.relative_to(small).as_posix() for p in small.rglob("*")) == before


def test_schema_out_refuses_a_folder_of_other_files(small: Path) -> None:
    (small / "content/notes.txt").write_text("mine")
    code, out = run("schema", "--out", "content")
    assert code == 1 and "not written by factsheet" in out
    assert not (small / "content/sheet.schema.json").exists()
    code, out = run("schema", "--out", "content", "--force")
    assert code == 0 and (small / "content/sheet.schema.json").exists()
    assert (small / "content/notes.txt").read_text() == "mine" and (small / "content/sheet.yaml").exists()


def test_a_users_own_page_in_docs_dir_survives_a_build_and_is_published(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    (small / "docs").mkdir()
    (small / "docs/desk-notes.md").write_text("# Desk notes\n\nOur own page.\n")
    for _ in range(2):
        code, out = run("build")
        assert code == 0, out
    assert (small / "docs/desk-notes.md").read_text() == "# Desk notes\n\nOur own page.\n"
    assert sorted(p.name for p in (small / "docs").iterdir()) == ["desk-notes.md"]
    page = (small / "site/desk-notes/index.html").read_text()
    assert "Our own page." in page and 'http-equiv="Content-Security-Policy"' in page
    assert 'href="desk-notes/"' in (small / "site/index.html").read_text()  # in the nav


def test_a_users_page_at_one_of_our_paths_is_refused(small: Path) -> None:
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    (small / "docs").mkdir()
    (small / "docs/method.md").write_text("# Our method\n")
    code, out = run("build")
    assert code == 1
    assert "docs/method.md: factsheet makes a page at this path from content/; rename yours" in out
    assert (small / "docs/method.md").read_text() == "# Our method\n"


def test_the_writer_never_writes_through_a_link(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mine")
    out = tmp_path / "out"
    write_tree(out, {"a.md": "A", "sub/b.md": "B"})
    (out / "a.md").unlink()
    (out / "a.md").symlink_to(secret)  # one of our files replaced by a link to someone else's
    with pytest.raises(ForeignFiles, match="a.md: not written by factsheet"):
        write_tree(out, {"a.md": "A2", "sub/b.md": "B"})
    assert secret.read_text() == "mine"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "a.md").unlink()
    (out / "sub/b.md").unlink()
    (out / "sub").rmdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)  # a folder of ours that leads outside
    with pytest.raises(ForeignFiles, match="factsheet never writes through a link"):
        write_tree(out, {"sub/b.md": "B"}, foreign_ok=True)
    assert list(elsewhere.iterdir()) == []


def test_names_with_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "evil\nOK: 0 problems").mkdir()
    (tmp_path / "evil\nOK: 0 problems" / "x").write_text("mine")
    code, out = run("new", str(tmp_path / "evil\nOK: 0 problems"))
    assert code == 1 and "evil\\nOK: 0 problems: not empty" in out and "\nOK: 0 problems" not in out


def test_add_source_shows_a_file_name_with_control_characters_escaped(small: Path) -> None:
    code, out = run("add-source", "page\nOK: added.html")
    assert code == 1 and "page\\nOK: added.html: no such file" in out and "\nOK: added" not in out
    (small / "pipe.html").unlink(missing_ok=True)
    os.mkfifo(small / "pipe.html")  # a FIFO never hangs the command
    code, out = run("add-source", "pipe.html")
    assert code == 1 and "pipe.html: no such file" in out
