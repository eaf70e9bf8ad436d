"""factsheet: curated YAML claim records → a searchable fact-sheet website."""
from __future__ import annotations

from .build import Project, build_site, check, generate, render
from .errors import ContentError, FactsheetError, Location, Problem

__all__ = ["ContentError", "FactsheetError", "Location", "Problem", "Project", "build_site", "check", "generate", "render"]
__version__ = "0.1.0"
