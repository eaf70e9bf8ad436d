"""Search with Pagefind: it indexes the built HTML into small chunks, so a reader's first search
downloads a few hundred kilobytes however large the sheet (the theme's own search ships one
index of the whole site, about 30 MB at 10,000 claims).
"""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from ..errors import FactsheetError



LISTINGS = ("sources/", "matrix/", "actors/", "timeline/", "figures/", "places/")
"""Generated views that list claims their topic pages already show: not indexed for search."""
_STATUS_PART = re.compile(r"status/[^/]+/\d+\.md")


def searchable(src_uri: str, generated: bool) -> bool:
    """Whether Pagefind indexes a page: the pages a reader should land on from a search.

    A claim is found on its own topic page, not on six listings that repeat its statement
    (indexing those was more than 40% of Pagefind's time, and made results repetitive). The
    home page, the method, each status's index page (found by the status word) and every
    page of the editors' own stay searchable.
    """
    if not generated:
        return True
    return not src_uri.startswith(LISTINGS) and not _STATUS_PART.fullmatch(src_uri)


class SearchIndexError(FactsheetError):
    """Pagefind failed to index the site."""


_GLOB_SPECIAL = re.compile(r"[][{}<>()*?,!:\\]")  # syntax of Pagefind's globs (the wax crate), and more
_GLOB_MAX = 100_000  # one argument of a command may be at most 128 KiB on Linux


def _command(site_dir: Path, pages: list[str] | None = None) -> list[str]:
    """Pagefind's command line; `pages` are the built files marked for search (see `searchable`).

    Once one page of a site carries the mark, Pagefind leaves every other page out of its index,
    yet still reads and parses each of them; naming the marked ones in its --glob spares it the
    listing views (a third of its time at 10,000 claims, for the same index). Without pages, or
    when a path holds a character a glob treats as syntax or they are too many for one
    argument, Pagefind reads the whole site as it would by itself.
    """
    # Headings' permalink signs (¶) are not text a reader searches for.
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", ".headerlink"]
    if pages and not any(_GLOB_SPECIAL.search(page) for page in pages) and sum(len(p) + 1 for p in pages) < _GLOB_MAX:
        command += ["--glob", pages[0] if len(pages) == 1 else "{" + ",".join(sorted(pages)) + "}"]
    return command


def index_site(site_dir: Path, pages: list[str] | None = None) -> str:
    """Run Pagefind over a built site (`pages`: its files marked for search); its summary line."""
    result = subprocess.run(_command(site_dir, pages), capture_output=True, text=True, check=False)
    return _summary(site_dir, result)


def _summary(site_dir: Path, result: subprocess.CompletedProcess[str]) -> str:
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {result.stderr.strip() or result.stdout.strip()}")
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")]
    return "; ".join(lines) or "indexed"


class PreviewIndexer:
    """Pagefind for the live preview, run after each rebuild without holding up the served page.

    Indexing 10,000 claims takes seconds, longer than an edit may take to reach the page, so it
    runs in a background thread at low priority; a rebuild during a run queues one more run.
    """

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self._lock = threading.Lock()
        self._pending: tuple[Path, list[str] | None] | None = None
        self._worker: threading.Thread | None = None
        self._process: subprocess.Popen[str] | None = None

    def request(self, site_dir: Path, pages: list[str] | None = None) -> None:
        with self._lock:
            self._pending = (site_dir, pages)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="factsheet-search", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                pending, self._pending = self._pending, None
                if pending is None:
                    return
                site_dir, pages = pending
                # Lowest priority: the next rebuild comes first on a small machine.
                self._process = subprocess.Popen(_command(site_dir, pages), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                 text=True, preexec_fn=_lower_priority if os.name == "posix" else None)
            out, err = self._process.communicate()
            result = subprocess.CompletedProcess(self._process.args, self._process.returncode, out, err)
            try:
                self.log.info("factsheet: search (preview): %s", _summary(site_dir, result))
            except SearchIndexError as exc:
                # e.g. a rebuild removed files mid-run, and the next run repairs it. INFO, not
                # WARNING: this thread's message could land in a build and fail `serve --strict`.
                self.log.info("factsheet: search (preview) failed, retried after the next save: %s", exc)

    def stop(self) -> None:
        with self._lock:
            self._pending = None
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()


def _lower_priority() -> None:
    os.nice(19)
