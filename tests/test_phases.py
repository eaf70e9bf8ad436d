"""The build's phases pause Python's cycle collector (publish/build.py): a one-shot build freezes
what they made rather than have the collector walk it, and leaves nothing frozen behind."""
from __future__ import annotations

import gc
from pathlib import Path

from factsheet.pages.rendering import SiteOptions
from factsheet.publish.build import Builder, Project, build_site, no_cycle_collection

from .site_helpers import copy_project


def test_freezing_moves_what_the_phase_made_out_of_the_collectors_reach() -> None:
    gc.unfreeze()
    with no_cycle_collection():
        made = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    with no_cycle_collection(freeze=True):
        made += [[n] for n in range(1000)]
    assert gc.get_freeze_count() >= 2000 and gc.isenabled()
    gc.unfreeze()


def test_a_one_shot_build_leaves_nothing_frozen_and_renders_as_the_preview_does(tmp_path: Path) -> None:
    project_dir = copy_project(tmp_path)
    gc.unfreeze()
    build_site(project_dir / "mkdocs.yml")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    project = Project(project_dir / "content", project_dir / "seeds")
    one_shot = Builder(project, SiteOptions(incremental=False)).render()
    gc.unfreeze()
    assert one_shot == Builder(project).render()
