"""`factsheet new DIR`: a working sheet to start from, one commented example of each file.

The files beside this module are copied as they are (dotfiles are kept here without their
dot, so every packaging tool ships them); the JSON Schemas are written fresh from the model.
Nothing is ever written over: the folder must be new or empty.
"""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import FactsheetError
from ..read.files import visible
from ..publish.schema import schema_files
from ..publish.writer import write_tree

# Kept without their leading dot in the package.
RENAMED = {
    "gitignore": ".gitignore",
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


def starter_files(version: str) -> dict[str, str]:
    """The starter sheet, {path in the new folder: text}."""
    out: dict[str, str] = {}

    def walk(folder: Traversable, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            rel = f"{prefix}{item.name}"
            if item.is_dir():
                if item.name != "__pycache__":
                    walk(item, rel + "/")
            elif not item.name.endswith((".py", ".pyc")):
                text = item.read_text(encoding="utf-8").replace("@VERSION@", version)
                out[RENAMED.get(rel, rel)] = text

    walk(files(__name__), "")
    return out


def create_sheet(dest: Path, version: str) -> list[str]:
    """Write a new sheet into `dest` (new or empty); the paths written."""
    shown = visible(str(dest))  # a control character in the name must not forge a line of output
    if dest.exists() and not dest.is_dir():
        raise FactsheetError(f"{shown}: exists and is not a folder; choose a new folder name")
    if dest.is_dir() and any(dest.iterdir()):
        first = visible(sorted(p.name for p in dest.iterdir())[0])
        raise FactsheetError(f"{shown}: not empty (it holds {first}); factsheet new writes only into a new or empty "
                             "folder, so nothing of yours is overwritten")
    written = []
    for rel, text in starter_files(version).items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as out:  # "x": never over an existing file
            out.write(text)
        written.append(rel)
    write_tree(dest / "schema", schema_files())
    return sorted(written + [f"schema/{name}" for name in schema_files()])
