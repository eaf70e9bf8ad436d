"""Crash-safe builds: a killed build leaves nothing after the next; two builds of one site take turns; one swap."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factsheet.publish import staging
from factsheet.publish.build import build_site
from tests.conftest import FIXTURE
from tests.test_cli import MKDOCS_YML


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    shutil.copytree(FIXTURE, root)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    return root


def start_build(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "factsheet", "build"], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(condition, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-new-"))


def test_killed_builds_leave_nothing_after_the_next(sheet: Path) -> None:
    build_site(sheet / "mkdocs.yml")
    (sheet / ".site-new-mine").mkdir()  # not ours (no marker): kept
    for _ in range(3):
        build = start_build(sheet)
        # Killed while MkDocs writes the new site into its staging folder.
        wait_for(lambda: any(p.is_dir() and any(p.rglob("*.html")) for p in sheet.glob(".site-new-*")), "a half-built site")
        build.send_signal(signal.SIGKILL)
        build.wait()
        # Each build removes what the one killed before it left: one half-built folder and its marker remain.
        assert len(leftovers(sheet)) == 1 + 2
    assert (sheet / "site/index.html").is_file()  # the last good site, still there
    done = subprocess.run([sys.executable, "-m", "factsheet", "build"], cwd=sheet, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert leftovers(sheet) == [".site-new-mine"]
    assert done.stderr.count("left by a build that was stopped") == 1
    assert (sheet / "site/index.html").is_file()


def test_two_builds_of_one_site_take_turns_and_both_succeed(sheet: Path) -> None:
    import fcntl

    # Another build holds the lock (this test, standing in for it, so the race is not left to timing).
    lock = os.open(sheet / ".site-lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.pwrite(lock, f"{os.getpid()}\n".encode("ascii"), 0)
    second = start_build(sheet)
    time.sleep(3)
    assert second.poll() is None, "the second build must wait while the first holds the lock"
    fcntl.flock(lock, fcntl.LOCK_UN)
    os.close(lock)
    out2, err2 = second.communicate(timeout=300)
    assert second.returncode == 0, err2
    assert out2.startswith("Built ")
    assert f"process {os.getpid()} holds" in err2 and "waiting for it to finish" in err2
    # And two real builds started together both succeed, one after the other.
    first, third = start_build(sheet), start_build(sheet)
    out1, err1 = first.communicate(timeout=300)
    out3, err3 = third.communicate(timeout=300)
    assert (first.returncode, third.returncode) == (0, 0), (err1, err3)
    assert out1.startswith("Built ") and out3.startswith("Built ")
    assert leftovers(sheet) == []
    assert (sheet / "site/index.html").is_file() and (sheet / "site/feed.xml").is_file()


def test_the_swap_exchanges_both_folders_in_one_step(tmp_path: Path) -> None:
    new, site = tmp_path / "new", tmp_path / "site"
    new.mkdir(), site.mkdir()
    (new / "a").write_text("new"), (site / "a").write_text("old")
    if not staging.exchange(new, site):
        pytest.skip("this file system cannot exchange two paths (the two-rename fallback is used)")
    assert (site / "a").read_text() == "new" and (new / "a").read_text() == "old"


def test_a_build_swaps_by_exchange_where_it_can(sheet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(sheet / "mkdocs.yml")
    calls: list[tuple[str, str]] = []
    real = staging.exchange
    monkeypatch.setattr(staging, "exchange", lambda a, b: (calls.append((Path(a).name, Path(b).name)), real(a, b))[1])
    renames: list[str] = []
    real_rename = os.rename
    monkeypatch.setattr(staging.os, "rename", lambda a, b: (renames.append(str(b)), real_rename(a, b))[1])
    build_site(sheet / "mkdocs.yml")
    assert len(calls) == 1 and calls[0][1] == "site"
    if real(sheet / "site", sheet / "site"):  # exchange works here: no rename, so no moment without site/
        assert renames == []
    assert leftovers(sheet) == [] and (sheet / "site/index.html").is_file()


def test_a_site_path_that_is_a_file_is_refused_and_left_alone(sheet: Path) -> None:
    from factsheet.errors import FactsheetError

    (sheet / "site").write_text("my notes")
    with pytest.raises(FactsheetError, match="not a folder"):
        build_site(sheet / "mkdocs.yml")
    assert (sheet / "site").read_text() == "my notes"
    assert leftovers(sheet) == []
