"""The staged site/: built in a private folder beside it, swapped in at once, cleaned up after a crash.

- One build at a time per site folder: an exclusive lock (flock) on `.site-lock` beside site/ (the
  sheet's .gitignore covers `/.site-*`); a second build says whom it waits for, then waits.
- A staging folder `.site-new-XXXXXXXX` is made only after its marker file `.site-new-XXXXXXXX.building`
  (created exclusively, holding the builder's process id). A build that holds the lock removes every
  marked staging folder it finds, which only a killed build can have left, and never an unmarked one.
- The swap: on Linux, renameat2(RENAME_EXCHANGE) exchanges the new folder and site/ in one step, so
  site/ is never missing. Elsewhere, or on a file system without it, two renames: site/ is missing for
  the moment between them (microseconds), and the old site is set aside under the marked name first.
"""
from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds are not locked against each other there
    fcntl = None  # type: ignore[assignment]

from ..errors import FactsheetError

notes = logging.getLogger("factsheet")
MARK = ".building"


@contextmanager
def build_lock(final: Path) -> Iterator[None]:
    """Hold the lock of the site folder `final` for one build; wait, saying so, while another holds it."""
    if fcntl is None:
        yield
        return
    path = final.parent / f".{final.name}-lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            notes.warning("factsheet: another build of %s is running (process %s holds %s); waiting for it to finish",
                          final, holder, path)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def remove_stale(final: Path) -> list[Path]:
    """Remove what killed builds of `final` left (marked staging folders only); call with the lock held."""
    removed = []
    for marker in sorted(final.parent.glob(f".{final.name}-new-*{MARK}")):
        stem = marker.with_name(marker.name[: -len(MARK)])
        for folder in (stem, stem.with_name(stem.name + "-old")):
            if folder.is_symlink() or folder.is_file():
                folder.unlink()
            elif folder.is_dir():
                shutil.rmtree(folder)
            else:
                continue
            removed.append(folder)
        marker.unlink()
    return removed


def new_staging(final: Path) -> Path:
    """A fresh private folder beside `final`, marked as ours before it exists."""
    fd, marker = tempfile.mkstemp(prefix=f".{final.name}-new-", suffix=MARK, dir=final.parent)
    try:
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    finally:
        os.close(fd)
    staging = Path(marker[: -len(MARK)])
    staging.mkdir(mode=0o700)
    return staging


def discard(staging: Path) -> None:
    """Remove a staging folder and its marker (a failed build)."""
    shutil.rmtree(staging, ignore_errors=True)
    Path(f"{staging}{MARK}").unlink(missing_ok=True)


def swap_in(staging: Path, final: Path) -> None:
    """Make the built `staging` folder the site folder `final`, then remove the old site and the marker."""
    if final.exists() and not final.is_dir():
        raise FactsheetError(f"{final}: not a folder, so the built site cannot replace it; move it away and build again")
    staging.chmod(0o755)  # mkdtemp-like privacy while building; a published site is world-readable
    if not final.exists() and not final.is_symlink():
        os.rename(staging, final)
    elif exchange(staging, final):
        _remove(staging)  # the old site, now under the staging name
    else:
        retired = staging.with_name(staging.name + "-old")
        os.rename(final, retired)
        os.rename(staging, final)
        _remove(retired)
    Path(f"{staging}{MARK}").unlink(missing_ok=True)


def _remove(path: Path) -> None:
    if path.is_symlink():
        path.unlink()  # site/ was a link: the folder it pointed at is not ours to delete
    else:
        shutil.rmtree(path)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # a C library without it (old glibc, musl)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):  # the file system cannot
        return False
    raise OSError(code, os.strerror(code), str(b))
