"""Shared helpers for tests that build or serve a whole site."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

from tests.conftest import ROOT

PROJECT_PARTS = ["mkdocs.yml", "overrides", "content", "seeds", "generated/.gitignore"]


def copy_project(dest: Path) -> Path:
    """The real project's content and config, in a folder a test may change."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        target = dest / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
