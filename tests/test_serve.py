"""Editing YAML while `mkdocs serve` runs changes the served page, with no restart."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import edit
from tests.site_helpers import SITE_PATH, copy_project, free_port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def test_yaml_edit_reaches_the_served_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    root = f"http://127.0.0.1:{port}{SITE_PATH}"  # mkdocs serve mounts the site at site_url's path
    url = f"{root}topics/02-troop-numbers/"
    try:
        wait_for(url, "How many troops", 60)
        pid = server.pid
        edit(project / "content/topics/02-troop-numbers.yaml",
             "status_note: Reported by one outlet, from one origin, the ISW",
             "status_note: EDITED-WHILE-SERVING Reported by one outlet, from one origin, the ISW")
        seconds = wait_for(url, "EDITED-WHILE-SERVING", 60)
        assert server.poll() is None and server.pid == pid
        print(f"edit reached the served page in {seconds:.2f} s")
        # Search works in the preview too: Pagefind indexes it in the background after each build.
        wait_for(f"{root}pagefind/pagefind-entry.json", '"languages"', 60)

        # A broken edit keeps the last good page and says where the problem is.
        edit(project / "content/topics/02-troop-numbers.yaml",
             "stance: differs\n        quote: The NIS did not", "stance: diffrs\n        quote: The NIS did not")
        time.sleep(3)
        assert "EDITED-WHILE-SERVING" in fetch(url)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "content/topics/02-troop-numbers.yaml:43:17: claims[0].evidence[2].stance: unknown stance 'diffrs'" in output, output[-3000:]
    assert "the preview shows the last good version" in output
    assert "factsheet: search (preview): Indexed" in output
    assert "Traceback" not in output


def test_the_preview_collects_garbage_between_builds_and_never_keeps_it_frozen() -> None:
    import gc

    from factsheet.engine.idle import IdleCollector

    collector = IdleCollector(delay=0.01)
    collector.build_finished()
    deadline = time.monotonic() + 5
    while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.get_freeze_count() > 0  # survivors frozen: the next build's collections skip them
    import weakref

    class Node:
        pass

    node = Node()
    node.self = node  # type: ignore[attr-defined]  # a cycle: only the garbage collector frees it
    alive = weakref.ref(node)
    collector.collect()  # it survives, and is frozen with the rest
    del node
    collector.collect()  # the next idle collection unfreezes first, so the dead cycle is freed
    assert alive() is None
    collector.build_started()  # a build cancels a pending collection
    collector.stop()
    assert gc.get_freeze_count() == 0
