"""Work in a forked child while the parent goes on with other work: a one-shot build checks the
content while it renders its pages, on two cores instead of one after the other. (Rendering the
listings and open data in a second child as well gained nothing on two cores: 14.8 s against
13.8 s at 10,000 claims, medians of three.)

The child gets a copy of everything read so far (fork shares it until written), runs its
work, and sends the result back pickled through a pipe. Anything unusual (no fork on this
system, other threads running, a child that fails or dies, a result that cannot be pickled)
runs the work here in the parent instead, so the outcome is always the one the plain order
gives, only sooner.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

children_peak_mb = 0.0
"""The largest peak memory (MB) of the children so far: a build's peak is the larger of its own and this."""


def available() -> bool:
    # Forking a process with other threads can copy a lock another thread holds; macOS and
    # Windows make fork without exec unsafe or impossible.
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Pending(Generic[T]):
    """Work started in a child; `result()` waits for it."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self.pid = 0
        self.read_fd = -1
        if not available():
            return  # done here, when result() is asked for
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            try:
                os.close(read_fd)
                _send(write_fd, work)
            finally:
                os._exit(0)
        os.close(write_fd)
        self.pid, self.read_fd = pid, read_fd

    def result(self) -> T:
        if not self.pid:
            return self.work()
        with os.fdopen(self.read_fd, "rb") as pipe:
            data = pipe.read()
        outcome = self._reap()
        try:
            kind, value = pickle.loads(data) if outcome == 0 and data else ("failed", None)
        except Exception:  # noqa: BLE001 - a torn message: do the work here
            kind, value = "failed", None
        # A child that failed is not reported from there: doing the work here raises the same
        # error, in this process, with its usual message.
        return value if kind == "ok" else self.work()

    def cancel(self) -> None:
        """Stop the child (the parent failed or was interrupted)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()
            os.close(self.read_fd)

    def _reap(self) -> int:
        global children_peak_mb
        pid, self.pid = self.pid, 0
        _, status, usage = os.wait4(pid, 0)
        children_peak_mb = max(children_peak_mb, usage.ru_maxrss / 1024)
        return status


def _send(write_fd: int, work: Callable[[], object]) -> None:
    try:
        message = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent does the work again and reports it there
        message = pickle.dumps(("failed", None))
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(message)
