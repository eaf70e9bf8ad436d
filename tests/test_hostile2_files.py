"""Nothing outside the project is read, and every file that cannot be read is named, with what to do."""
from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.errors import ContentError
from factsheet.publish.build import Project, check_sheet
from tests.catalogue import _failing_read
from tests.conftest import edit
from tests.test_cli import MKDOCS_YML, run

SECRET = "root:x:0:0:SECRET-LINE-7f3a:/root:/bin/bash"
LINE = re.compile(r"^(\S[^\n]*?:\d+:\d+: |Error: )")


def problems(small: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check_sheet(Project(Path("content"), Path("seeds")))
    return [str(p) for p in caught.value.problems]


def outside(small: Path, name: str, text: str) -> Path:
    target = small.parent / name
    target.write_text(text, encoding="utf-8")
    return target


def test_a_seed_linked_outside_is_refused_and_its_text_is_published_nowhere(small: Path) -> None:
    (small / "seeds/passwd.txt").symlink_to(outside(small, "passwd", SECRET + "\n"))
    edit(small / "content/sources.yaml", "seed: herald.txt", "seed: passwd.txt")
    edit(small / "content/topics/closure.yaml", "quote: A council spokesperson said the closure would last … at least six weeks.",
         f"quote: '{SECRET}'")
    (small / "mkdocs.yml").write_text(MKDOCS_YML)
    code, out = run("build")
    assert code == 1
    assert "seeds/passwd.txt:1:1: seed file is a link to a file outside seeds" in out
    assert "SECRET-LINE" not in out.replace(f"quote: '{SECRET}'", "")
    assert not (small / "site").exists()


def test_a_wrong_quote_against_a_linked_secret_never_prints_it(small: Path) -> None:
    (small / "seeds/herald.txt").unlink()
    (small / "seeds/herald.txt").symlink_to(outside(small, "credentials", "AWS_SECRET_ACCESS_KEY=SECRET-LINE-7f3a\n"))
    edit(small / "content/topics/closure.yaml", "quote: A council spokesperson said the closure would last … at least six weeks.",
         "quote: AWS_SECRET_ACCESS_KEY=guess")
    found = problems(small)
    assert found == ["seeds/herald.txt:1:1: seed file is a link to a file outside seeds (factsheet reads only files inside "
                     "seeds; copy the file there instead of linking to it)"]


def test_a_topic_linked_to_outside_yaml_is_not_built(small: Path) -> None:
    (small / "content/topics/elsewhere.yaml").symlink_to(outside(small, "other.yaml", "title: Elsewhere\nclaims: []\n"))
    assert problems(small)[0].startswith("content/topics/elsewhere.yaml:1:1: content file is a link to a file outside content ")


def test_a_topics_folder_linked_outside_is_refused_file_by_file(small: Path) -> None:
    real = small.parent / "topics-elsewhere"
    (small / "content/topics").rename(real)
    (small / "content/topics").symlink_to(real, target_is_directory=True)
    found = problems(small)
    assert len(found) == 3 and all("is a link to a file outside content" in p for p in found)


def test_links_inside_their_folder_are_followed(small: Path) -> None:
    (small / "seeds/herald-copy.txt").symlink_to("herald.txt")
    edit(small / "content/sources.yaml", "seed: herald.txt", "seed: herald-copy.txt")
    assert check_sheet(Project(Path("content"), Path("seeds"))).content is not None


def test_a_fifo_does_not_hang_the_run_and_every_other_problem_is_reported(small: Path) -> None:
    (small / "content/topics/repairs.yaml").unlink()
    os.mkfifo(small / "content/topics/repairs.yaml")
    os.mkfifo(small / "seeds/herald.txt.fifo")
    (small / "content/topics/duration.yaml").unlink()
    (small / "content/topics/duration.yaml").mkdir()
    edit(small / "content/topics/closure.yaml", "status: confirmed", "status: confirmd")
    result = subprocess.run([sys.executable, "-m", "factsheet", "check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        "content/topics/closure.yaml:7:13", "content/topics/duration.yaml:1:1", "content/topics/repairs.yaml:1:1"]
    assert "is not a regular file" in lines[2] and "is a folder, not a file" in lines[1]
    assert lines[-1] == "Error: 3 problems in the content; fix them and run again"


@pytest.mark.parametrize(("code", "words"), [(errno.EACCES, "permission denied"), (errno.EIO, "Input/output error")])
def test_a_file_that_cannot_be_read_is_named_and_the_run_goes_on(small: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 code: int, words: str) -> None:
    _failing_read(monkeypatch, small / "content/topics/repairs.yaml", code)
    _failing_read(monkeypatch, small / "seeds/herald.txt", code)
    edit(small / "content/topics/closure.yaml", "via: contractor", "via: contracter")
    code_, out = run("check")
    assert code_ == 1 and "Traceback" not in out and "Errno" not in out
    assert [line.split(": ", 1)[0] for line in out.splitlines()] == [
        "content/topics/closure.yaml:24:14", "content/topics/repairs.yaml:1:1", "seeds/herald.txt:1:1", "Error"]
    assert f"content/topics/repairs.yaml:1:1: cannot be read: {words} (" in out


def test_file_names_with_control_characters_cannot_forge_lines(small: Path) -> None:
    (small / "content/topics/x\nOK: 5 claims in 3 topics.yaml").write_text("title: x\nclaims: []\n", encoding="utf-8")
    (small / "seeds/gaz\x1b[2Jette.txt").write_text("text", encoding="utf-8")
    edit(small / "content/sources.yaml", "seed: gazette.txt", "seed: gazete.txt")
    code, out = run("check")
    assert code == 1
    assert all(LINE.match(line) for line in out.splitlines()), out
    assert "\x1b" not in out
    assert "content/topics/x\\nOK: 5 claims in 3 topics.yaml:1:1: topic file name" in out
    assert "(did you mean 'gazette.txt'?)" in out


def test_an_unreadable_folder_is_named(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("topics"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr("factsheet.read.content.os.scandir", scandir)
    assert problems(small) == ["content/topics:1:1: cannot be read: permission denied (let the user running factsheet "
                               "read it: `chmod a+r` the file, `a+x` its folders)"]
