"""The build as named phases, shared by the CLI and the MkDocs plugin.

gather (read every file) → validate (every rule, every file) → stop if any problem
→ render (all pages in memory) → write (only what changed). Nothing is written
unless everything is valid, so a broken edit never half-updates the site.
"""
from __future__ import annotations

import gc
import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .content import Content, FileCache, load_content
from .errors import ContentError, Problem
from .quotes import SeedLibrary
from .rendering import RenderCache, SiteOptions, render_site
from .validation import ValidationCache, validate
from .writer import WriteReport, write_tree

log = logging.getLogger("mkdocs.plugins.factsheet")


@dataclass(frozen=True)
class Project:
    """Where a fact sheet's parts live."""

    content_dir: Path
    seeds_dir: Path


@dataclass(frozen=True)
class Checked:
    """Content that passed every rule, and the warnings worth an editor's look."""

    content: Content
    warnings: list[Problem]
    seeds: SeedLibrary


class Builder:
    """Runs the phases, keeping what did not change from one build to the next.

    `mkdocs serve` keeps one Builder (in the plugin) across rebuilds, so saving one topic
    re-reads one file and re-renders one page; every rule is still checked on everything.
    """

    def __init__(self, project: Project, options: SiteOptions = SiteOptions()) -> None:
        self.project = project
        self.options = options
        self.files: FileCache = {}
        self.seeds: SeedLibrary | None = None
        self.checks: ValidationCache = {}
        self.pages = RenderCache()

    def check(self) -> Checked:
        """Gather and validate; the content, or ContentError with every error.

        Validation runs even when some topics failed to load (they are left out), so
        one run reports shape and cross-record problems together.
        """
        if self.seeds is None or self.seeds.signature != self.seeds.current_signature():
            self.seeds = SeedLibrary(self.project.seeds_dir)
        with no_cycle_collection():
            content, problems = load_content(self.project.content_dir, self.files)
            if content is not None:
                problems += validate(content, self.seeds, self.checks)
        errors = [p for p in problems if not p.warning]
        if errors or content is None:
            raise ContentError(errors)
        return Checked(content, sorted(p for p in problems if p.warning), self.seeds)

    def render(self) -> tuple[dict[str, str], list[Problem]]:
        checked = self.check()
        with no_cycle_collection():
            return render_site(checked.content, checked.seeds, self.pages, self.options), checked.warnings

    def generate(self, out_dir: Path) -> tuple[WriteReport, list[Problem]]:
        """Check, render and write the Markdown folder that MkDocs reads; also the warnings."""
        pages, warnings = self.render()
        return write_tree(out_dir, pages), warnings


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while our phases run.

    They build acyclic data (models, strings, tuples; at 10,000 claims the collector found 35
    objects to free), yet the collector scanned the growing heap a dozen times: a quarter of
    the generator's time. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(project: Project) -> Checked:
    return Builder(project).check()


def render(project: Project) -> dict[str, str]:
    """Every generated file, after a successful check."""
    return Builder(project).render()[0]


def generate(project: Project, out_dir: Path) -> tuple[WriteReport, list[Problem]]:
    return Builder(project).generate(out_dir)


def build_site(config_file: Path) -> Path:
    """`mkdocs build --strict` into a fresh folder, swapped in for site/ only on success.

    A failed build (content problems, broken links, any warning) raises and leaves
    the previous site/ exactly as it was.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), strict=True)
    final = Path(config.site_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-new-", dir=final.parent))
    config.site_dir = str(staging)
    try:
        build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    retired = final.parent / f".{final.name}-old"
    shutil.rmtree(retired, ignore_errors=True)
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)
    return final
