"""Write generated files to a folder, touching only what changed.

Unchanged files keep their timestamps, so `mkdocs serve --dirty` and any other
engine watching the folder see only real changes; files no longer generated
(a deleted claim's topic, a renamed topic) are removed so nothing stale is published.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def write_tree(out_dir: Path, files: dict[str, str]) -> WriteReport:
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    for rel, text in sorted(files.items()):
        target = out_dir / rel
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        report.written.append(rel)
    for path in sorted(out_dir.rglob("*"), reverse=True):  # children before their folders
        rel = path.relative_to(out_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(out_dir).parts):
            continue  # .gitignore and other dotfiles are the folder's own
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in files:
            path.unlink()
            report.removed.append(rel)
    return report
