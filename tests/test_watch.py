"""The preview's watch of the content (engine/watch.py): a save asks for a rebuild at once, reading does not."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from factsheet.engine.watch import PromptWatch


class FakeServer:
    """What MkDocs' live-reload server offers: a condition, a flag, and its polling watch."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self.polled: list[str] = []

    def watch(self, path: str) -> None:
        self.polled.append(path)


def _asked(server: FakeServer, seconds: float) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=seconds)


def test_a_save_asks_for_a_rebuild_within_a_tenth_of_a_second(tmp_path: Path) -> None:
    (tmp_path / "topics").mkdir()
    topic = tmp_path / "topics" / "a.yaml"
    topic.write_text("title: A\n", encoding="utf-8")
    server = FakeServer()
    watch = PromptWatch(server, [tmp_path, tmp_path / "missing"])
    try:
        assert server.polled == []
        topic.read_text(encoding="utf-8")  # the build reads every file: not an edit
        assert not _asked(server, 0.3)
        start = time.monotonic()
        topic.write_text("title: B\n", encoding="utf-8")
        assert _asked(server, 2)
        assert time.monotonic() - start < 0.1  # MkDocs' polling took up to 0.5 s
    finally:
        watch.stop()


def test_a_server_without_that_interface_polls_the_folders_as_before(tmp_path: Path) -> None:
    class Other:
        def __init__(self) -> None:
            self.polled: list[str] = []

        def watch(self, path: str) -> None:
            self.polled.append(path)

    server = Other()
    PromptWatch(server, [tmp_path])
    assert server.polled == [str(tmp_path)]
