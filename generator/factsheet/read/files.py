"""Reading the project's own files, and nothing else.

Content and seed files are read only from inside their folder: a symbolic link is followed
only when it points inside the same folder (a seed linked to /etc/passwd or to a CI machine's
credentials would otherwise be published, or printed in a hint). Only regular files are
opened (a FIFO would block the run), within a size limit, and every failure is a located
problem naming the file and what to do, so one run reports them all. File names are shown
with control and format characters escaped, so a name cannot forge or reorder output lines.
"""
from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

from ..errors import Location, Problem

# Categories shown escaped in names and quoted text: controls (a newline forges a message line),
# format characters (bidi marks reorder it), line and paragraph separators, lone surrogates
# (undecodable bytes of a file name, which a terminal cannot print).
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def visible(text: str) -> str:
    r"""The text with every control or format character written as an escape (`\n`, `\u202e`)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if unicodedata.category(char) in _HIDDEN:
            code = ord(char)
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"))
        else:
            out.append(char)
    return "".join(out)


def display_path(path: Path) -> str:
    """The path as editors see it: relative to the working folder when inside it, control characters escaped."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    return visible(shown)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def locate_file(path: Path, folder: Path, shown: str, what: str,
                root: Path | None = None) -> tuple[Path, os.stat_result] | Problem:
    """The real path of a project file and its status, or why it cannot be read.

    `folder` is the project folder the file must stay inside once every link is followed
    (`root`, its real path, when the caller resolved it once for many files);
    `what` names the kind of file in messages ("content file", "seed file").
    """
    try:
        resolved = path.resolve(strict=True)
        info = resolved.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return Problem(Location(shown), f"{what} is a link to {visible(os.readlink(path))}, which does not exist",
                           "replace the link with the file itself")
        return Problem(Location(shown), "file not found", f"create it; see the README for a {visible(path.name)} example")
    except RuntimeError:  # Python 3.11's resolve() on a loop of links
        return Problem(Location(shown), "cannot be read: a loop of symbolic links", "replace the link with the file itself")
    except OSError as exc:
        return read_problem(shown, exc)
    if root is None:
        try:
            root = folder.resolve(strict=True)
        except OSError as exc:
            return read_problem(display_path(folder), exc)
    if not _inside(resolved, root):
        return Problem(Location(shown), f"{what} is a link to a file outside {display_path(folder)}",
                       f"factsheet reads only files inside {display_path(folder)}; copy the file there instead of linking to it")
    if stat.S_ISDIR(info.st_mode):
        return Problem(Location(shown), f"{what} is a folder, not a file", "remove the folder or rename it; a file is expected here")
    if not stat.S_ISREG(info.st_mode):
        return Problem(Location(shown), f"{what} is not a regular file (a pipe, socket or device)",
                       "replace it with a plain text file")
    return resolved, info


def read_file(path: Path, shown: str, limit: int, limit_hint: str) -> bytes | Problem:
    """The bytes of a regular file of at most `limit` bytes, or the located reason it cannot be read."""
    try:
        # O_NONBLOCK: a FIFO put in place after locate_file still cannot block the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return read_problem(shown, exc)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Problem(Location(shown), "not a regular file (a folder, pipe, socket or device)", "replace it with a plain text file")
        if info.st_size > limit:
            return too_large(shown, info.st_size, limit, limit_hint)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        return read_problem(shown, exc)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while read
        return too_large(shown, len(data), limit, limit_hint)
    return data


def too_large(shown: str, size: int, limit: int, hint: str) -> Problem:
    return Problem(Location(shown), f"file is {size / 1024 / 1024:.1f} MB; the limit is {limit // 1024 // 1024} MB a file", hint)


def read_problem(shown: str, exc: OSError) -> Problem:
    """A failed read, said in words, with what to do."""
    if isinstance(exc, PermissionError):
        return Problem(Location(shown), "cannot be read: permission denied",
                       "let the user running factsheet read it: `chmod a+r` the file, `a+x` its folders")
    if isinstance(exc, IsADirectoryError):
        return Problem(Location(shown), "is a folder, not a file", "remove the folder or rename it; a file is expected here")
    if exc.errno in (errno.ELOOP, errno.EMLINK):
        return Problem(Location(shown), "cannot be read: a loop of symbolic links", "replace the link with the file itself")
    reason = exc.strerror or type(exc).__name__
    return Problem(Location(shown), f"cannot be read: {reason}",
                   "the disk or file system failed to read it; check the disk, or copy the file again from a good copy")
