"""factsheet: curated YAML claim records → a searchable fact-sheet website.

The phases live in folders of their own: read/ (files → models), check/ (rules across
records and seeds), views/ (what every page works out once), pages/ (Markdown, raw HTML and
open data), publish/ (writing, the build, search, the CSP), engine/ (MkDocs glue).
"""
from __future__ import annotations

__version__ = "0.2.0"

from .errors import ContentError, FactsheetError, Location, Problem  # noqa: E402
from .publish.build import Project, build_site, check_sheet, generate, render  # noqa: E402

__all__ = ["ContentError", "FactsheetError", "Location", "Problem", "Project", "build_site", "check_sheet", "generate",
           "render"]
