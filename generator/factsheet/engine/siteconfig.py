"""What a fact sheet needs from mkdocs.yml, brought by the plugin instead of copied by hand.

With `theme: {name: material}` and `plugins: [factsheet]` the plugin adds its theme
templates (the Pagefind search box, only page content indexed), its stylesheet and script,
and the Markdown extensions the escaping of editors' text expects. A configuration the site
cannot work with fails with every such problem, each naming its key and the fix, so nothing
exits 0 with broken pages.
"""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..views.escaping import MARKDOWN_EXTENSIONS

THEME_DIR = str(files("factsheet.engine") / "theme")
OUR_TEMPLATES = ("main.html", "partials/header.html")
# Pagefind's own UI script and stylesheet are not here: fs-search.js loads them on first use.
EXTRA_CSS = ("stylesheets/factsheet.css",)
EXTRA_JAVASCRIPT = ("javascripts/fs-search.js", "javascripts/fs-claims.js")
# MkDocs turns these on by itself; they add no syntax that editors' text could use.
MKDOCS_DEFAULT_EXTENSIONS = {"toc", "tables", "fenced_code"}
MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}


def shown(path: str | Path, config: Any) -> str:
    """A path as the user wrote it in mkdocs.yml: relative to the file's folder."""
    base = Path(config.config_file_path or ".").parent
    return os.path.relpath(path, base)


def apply_site_config(config: Any, *, csp: bool, search: bool) -> list[str]:
    """Complete `config` (a loaded MkDocsConfig) for a fact sheet; the problems it cannot fix.

    Each problem reads `key: what is wrong; the fix`.
    """
    problems: list[str] = []
    theme = config.theme
    if theme.name != "material":
        problems.append(f"theme.name: factsheet builds on the Material theme, not {theme.name!r}; "
                        "set `theme: {name: material}` in mkdocs.yml")
        return problems  # the rest is about Material
    custom = theme.custom_dir
    for template in OUR_TEMPLATES:
        if custom and (Path(custom) / template).is_file():
            problems.append(f"theme.custom_dir: {shown(Path(custom) / template, config)} hides factsheet's own {template} "
                            "(the search box and what search indexes); remove or rename it")
    if THEME_DIR not in theme.dirs:
        # After the user's custom_dir, before Material's own templates.
        theme.dirs.insert(1 if custom else 0, THEME_DIR)
    font = theme["font"] if "font" in theme else False
    if font and csp:
        if dict(font) == MATERIAL_DEFAULT_FONT:
            theme["font"] = False  # Material's default loads Google Fonts, which the CSP blocks
        else:
            problems.append("theme.font: fonts are loaded from Google Fonts, which the site's Content-Security-Policy "
                            "blocks; set `font: false` under theme")
    problems += _markdown_extensions(config)
    for name in EXTRA_CSS:
        if name not in config.extra_css:
            config.extra_css.append(name)
    present = {getattr(s, "path", s) for s in config.extra_javascript}
    for name in EXTRA_JAVASCRIPT:
        if name not in present:
            config.extra_javascript.append(name)
    if search:
        for name in config.plugins:
            if name.split("/")[-1] == "search":
                problems.append(f"plugins: {name!r} builds a second search index (30 MB at 10,000 claims) that the page "
                                "never uses; remove it: factsheet brings Pagefind search")
    return problems


def _markdown_extensions(config: Any) -> list[str]:
    names = [e if isinstance(e, str) else next(iter(e)) for e in config.markdown_extensions]
    extra = sorted(set(names) - set(MARKDOWN_EXTENSIONS) - MKDOCS_DEFAULT_EXTENSIONS)
    if extra:
        # The escaping of editors' text covers the syntax of our extensions only.
        return [f"markdown_extensions: {', '.join(extra)} would make editors' text live markup (factsheet escapes "
                f"for {', '.join(MARKDOWN_EXTENSIONS)} only); remove {'them' if len(extra) > 1 else 'it'}"]
    for name in MARKDOWN_EXTENSIONS:
        if name not in names:
            config.markdown_extensions.append(name)
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink", True)
    return []
