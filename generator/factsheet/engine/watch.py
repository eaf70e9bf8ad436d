"""The preview notices a save of the content at once.

`mkdocs serve` finds changes by polling every watched folder twice a second, so an edit waits
a quarter of a second on average, and up to half, before the rebuild even starts: a third of
the preview's second at 10,000 claims. The content and seed folders are watched instead with
the system's own file events (watchdog's native observer: inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows), which report a save within milliseconds. A rebuild is
asked for as MkDocs' own watches ask for one; where that is not possible (an MkDocs whose
live-reload server differs), the folders go to MkDocs' polling watch as before.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.factsheet")


class PromptWatch:
    """File events of some folders, each asking the live-reload server for a rebuild."""

    def __init__(self, server: Any, folders: Iterable[Path]) -> None:
        self.server = server
        self.observer: Any = None
        folders = [f for f in folders if f.is_dir()]
        condition = getattr(server, "_rebuild_cond", None)  # MkDocs 1.6 and ProperDocs' live-reload server
        if not isinstance(condition, threading.Condition) or not hasattr(server, "_want_rebuild"):
            self._poll(folders)
            return
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer

            handler = FileSystemEventHandler()
            handler.on_any_event = self._changed  # type: ignore[method-assign]
            observer = Observer()
            for folder in folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.daemon = True
            observer.start()
        except Exception as exc:  # noqa: BLE001 - e.g. the system's limit of watches reached
            log.info("factsheet: watching %s by polling (%s)", ", ".join(map(str, folders)), exc)
            self._poll(folders)
            return
        self.observer = observer

    def _poll(self, folders: list[Path]) -> None:
        for folder in folders:
            self.server.watch(str(folder))

    def _changed(self, event: Any) -> None:
        if event.is_directory or event.event_type in ("opened", "closed", "closed_no_write"):
            return  # reading a file (the build itself reads every one) is not an edit; a write is "modified"
        condition = self.server._rebuild_cond  # noqa: SLF001 - see the class's module
        with condition:
            self.server._want_rebuild = True  # noqa: SLF001
            condition.notify_all()

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None
