"""Garbage collection between preview rebuilds, not during them (for `mkdocs serve`).

A preview of a large sheet keeps hundreds of megabytes of cached objects. Python's full
collections scan all of them, a pause of about 0.3 s at 10,000 claims, and one that falls
inside a rebuild delays the edited page by as much. So while serving, the plugin collects
when the editor is reading, a moment after each build, and then freezes the survivors
(`gc.freeze`) so that collections during the next build skip them. Each idle collection
unfreezes first, so nothing frozen is kept once it becomes garbage.
"""
from __future__ import annotations

import gc
import threading


class IdleCollector:
    def __init__(self, delay: float = 2.0) -> None:
        self.delay = delay
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def build_started(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def build_finished(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.collect)
            self._timer.daemon = True
            self._timer.start()

    @staticmethod
    def collect() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self.build_started()
        gc.unfreeze()
