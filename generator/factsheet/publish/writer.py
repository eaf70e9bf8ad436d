"""Write generated files to a folder, touching only what changed and only what we wrote.

The folder keeps a manifest (`.factsheet-manifest.json`) of the files factsheet wrote there.
Unchanged files keep their timestamps, so `mkdocs serve --dirty` and any other engine
watching the folder see only real changes. A file that is no longer generated (a deleted
topic) is removed only if the manifest says we wrote it; a file we did not write is never
overwritten or removed, and a folder holding such files is refused unless the caller allows
it (then they are left exactly as they are).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactsheetError

MANIFEST = ".factsheet-manifest.json"
MANIFEST_NOTE = "Files written by factsheet in this folder; it removes or rewrites only these."


class ForeignFiles(FactsheetError):
    """The output folder holds files factsheet did not write."""

    def __init__(self, out_dir: Path, foreign: list[str], hint: str) -> None:
        self.foreign = foreign
        more = f" and {len(foreign) - 1} other file{'s' if len(foreign) > 2 else ''}" if len(foreign) > 1 else ""
        super().__init__(f"{out_dir / foreign[0]}{more}: not written by factsheet, so it will not write into {out_dir} "
                         f"({hint})")


@dataclass
class WriteReport:
    files: list[str] = field(default_factory=list)
    """Every file the folder now holds for us, written or unchanged."""
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def read_manifest(out_dir: Path) -> set[str]:
    """The files factsheet wrote in `out_dir` last time (none if it never wrote there)."""
    path = out_dir / MANIFEST
    if not path.is_file():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise FactsheetError(f"{path}: not a manifest factsheet can read; delete the folder {out_dir} if nothing "
                             "in it is yours, and run again") from None
    return {f for f in files if _safe_relative(f)}


def foreign_files(out_dir: Path, files: dict[str, str], manifest: set[str]) -> list[str]:
    """Files in `out_dir` that factsheet did not write (a file identical to what it would write counts as ours)."""
    if not out_dir.is_dir():
        return []
    foreign = []
    for root, dirs, names in os.walk(out_dir):
        dirs.sort()
        for name in sorted(names):
            rel = (Path(root) / name).relative_to(out_dir).as_posix()
            if rel == MANIFEST or rel in manifest or _same(out_dir / rel, files.get(rel)):
                continue
            foreign.append(rel)
    return foreign


def write_tree(out_dir: Path, files: dict[str, str], *, foreign_ok: bool = False,
               hint: str = "choose an empty or new folder") -> WriteReport:
    """Write `files` ({relative path: text}) into `out_dir`, recording them in its manifest.

    With `foreign_ok`, other files may share the folder: they are left alone, and a file we
    would write over one of them is an error all the same.
    """
    for rel in files:
        if not _safe_relative(rel) or rel == MANIFEST:
            raise ValueError(f"not a path factsheet may write: {rel!r}")
    manifest = read_manifest(out_dir)
    foreign = foreign_files(out_dir, files, manifest)
    blocking = [rel for rel in foreign if rel in files] if foreign_ok else foreign
    if blocking:
        raise ForeignFiles(out_dir, blocking, hint)
    report = WriteReport(files=sorted(files))
    out_dir.mkdir(parents=True, exist_ok=True)
    _refuse_links(out_dir, files, hint)
    # The manifest is written first with old and new names together: if the run is killed
    # midway, every file it may have written is still known to be ours.
    _write_manifest(out_dir, manifest | set(files))
    for rel, text in sorted(files.items()):
        target = out_dir / rel
        if _same(target, text):
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        report.written.append(rel)
    for rel in sorted(manifest - set(files)):
        target = out_dir / rel
        if target.is_file() and not target.is_symlink():
            target.unlink()
            report.removed.append(rel)
            _remove_empty_parents(target.parent, out_dir)
    _write_manifest(out_dir, set(files))
    return report


def _refuse_links(out_dir: Path, files: dict[str, str], hint: str) -> None:
    """Never write through a symbolic link: a link at one of our paths, or a linked folder, could
    point anywhere (a user's file, a system file); it is refused like a file we did not write."""
    root = out_dir.resolve()
    linked = []
    for rel in sorted(files):
        target = out_dir / rel
        parent = target.parent.resolve() if target.parent.exists() else None
        if target.is_symlink() or (parent is not None and parent != root and root not in parent.parents):
            linked.append(rel)
    if linked:
        raise ForeignFiles(out_dir, linked, f"{hint}; it is a symbolic link, or stands in a linked folder, and "
                                            "factsheet never writes through a link")


def _write_manifest(out_dir: Path, names: set[str]) -> None:
    text = json.dumps({"note": MANIFEST_NOTE, "files": sorted(names)}, indent=1, ensure_ascii=False) + "\n"
    path = out_dir / MANIFEST
    if not _same(path, text):
        tmp = path.with_name(MANIFEST + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


def _same(path: Path, text: str | None) -> bool:
    if text is None or not path.is_file() or path.is_symlink():
        return False
    data = text.encode("utf-8")
    return path.stat().st_size == len(data) and path.read_bytes() == data


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _safe_relative(rel: str) -> bool:
    path = Path(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts and "\\" not in rel
