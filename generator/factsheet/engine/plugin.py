"""MkDocs glue: complete the config, run the generator before every build, add its pages, watch the content.

The generated pages live in their own folder (`pages_dir`, git-ignored), never in `docs_dir`:
the editors' own pages in `docs_dir` are built with ours, and nothing of theirs is touched.
Works under MkDocs 1.6 and ProperDocs (its maintained fork), which reads the same entry point.
"""
from __future__ import annotations

import gc
import html
import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .anchors import speed_up_mkdocs
from ..publish.build import Builder, Project
from ..pages.rendering import SiteOptions
from ..publish.csp import UnexpectedScript, add_csp
from ..errors import ContentError, FactsheetError
from ..read.yamlsafe import load_yaml_file
from .idle import IdleCollector
from .watch import PromptWatch
from .headings import Headings, fast_headings_apply, merged_toc
from .rawblocks import SetAside, set_aside
from ..publish.search import PreviewIndexer, SearchIndexError, index_site, searchable
from ..publish.writer import MANIFEST
from .siteconfig import apply_site_config, shown

log = logging.getLogger("mkdocs.plugins.factsheet")
NAV_TOPICS = 20


def sheet_title(content_dir: Path) -> str | None:
    """sheet.yaml's title, read safely; None if it cannot be read (the build then reports why)."""
    doc, problems = load_yaml_file(content_dir / "sheet.yaml", "sheet.yaml")
    title = doc.data.get("title") if doc is not None and isinstance(doc.data, dict) else None
    return " ".join(title.split()) if isinstance(title, str) and title.strip() and not problems else None


def default_nav(topics: list[str], own_pages: list[str] = ()) -> list[Any]:
    """The nav when mkdocs.yml gives none: topics, never claims, and at most NAV_TOPICS of them.

    MkDocs copies the whole nav into every page, so past NAV_TOPICS topics the nav shows the
    page that lists them all instead, and no page grows with the sheet.
    """
    listed = ["topics/index.md", *(f"topics/{t}.md" for t in topics)] if len(topics) <= NAV_TOPICS else ["topics/index.md"]
    return ["index.md", {"Topics": listed}, "timeline/index.md", "places/index.md", "figures/index.md", "sources/index.md",
            "matrix/index.md", "actors/index.md", "method.md", "changes.md", *own_pages]


class FactsheetConfig(Config):
    content_dir = opt.Type(str, default="content")
    """Folder of the editors' YAML, relative to mkdocs.yml."""
    seeds_dir = opt.Type(str, default="seeds")
    """Folder of the source texts that quotes are checked against."""
    pages_dir = opt.Type(str, default="generated")
    """Folder the generated Markdown is written to (git-ignored; never docs_dir), relative to mkdocs.yml."""
    csp = opt.Type(bool, default=True)
    """Put a Content-Security-Policy <meta> tag in every page (see csp.py)."""
    site_name_from_sheet = opt.Type(bool, default=True)
    """The site's name (header, tab) is content/sheet.yaml's title; false keeps mkdocs.yml's site_name."""
    search = opt.Type(bool, default=True)
    """Index the built site with Pagefind (see search.py); in the background while serving a preview."""


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per `mkdocs serve`, not on every rebuild.

    Each rebuild gives MkDocs a new Jinja environment, which compiled Material's templates
    again: about a quarter of a second of every save. Jinja keys the code by the template's
    name and a checksum of its source, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class FactsheetPlugin(BasePlugin[FactsheetConfig]):
    project: Project
    builder: Builder | None = None
    serving = False
    set_aside: dict[str, SetAside]
    pages_dir: Path
    generated: list[str]
    _ours: frozenset[str] = frozenset()
    preview_search: PreviewIndexer | None = None
    idle_gc: IdleCollector | None = None
    compiled: CompiledTemplates | None = None
    watch: PromptWatch | None = None
    search_pages: list[str] | None = None

    def __init__(self) -> None:
        super().__init__()
        self.set_aside = {}
        self.page_markdown: dict[str, str] = {}
        self.page_headings: dict[str, Headings | None] = {}
        self.generated = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this instance across `serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        speed_up_mkdocs()
        base = Path(config.config_file_path or ".").parent
        self.project = Project(base / self.config.content_dir, base / self.config.seeds_dir)
        self.pages_dir = (base / self.config.pages_dir).resolve()
        problems = apply_site_config(config, csp=self.config.csp, search=self.config.search)
        if self.config.site_name_from_sheet:
            title = sheet_title(self.project.content_dir)
            if title:
                # Escaped: the theme prints the site's name as it is, and the title is the editors' text.
                config.site_name = html.escape(title, quote=True)
        docs = Path(config.docs_dir).resolve()
        if self.pages_dir == docs or docs in self.pages_dir.parents or self.pages_dir in docs.parents:
            problems.append(f"plugins.factsheet.pages_dir: {self.config.pages_dir!r} and docs_dir {shown(docs, config)!r} "
                            "overlap; docs_dir holds your own pages and pages_dir factsheet's: give each its own folder "
                            "(the default pages_dir is 'generated')")
        if problems:
            for problem in problems:
                log.error("mkdocs.yml: %s", problem)
            raise PluginError(f"factsheet: {len(problems)} problem{'s' if len(problems) > 1 else ''} in mkdocs.yml "
                              "(listed above); fix them and build again")
        options = SiteOptions(config.use_directory_urls, config.site_url or None,
                              open_data=not self.serving, incremental=self.serving)
        if self.builder is None or self.builder.project != self.project or self.builder.options != options:
            self.builder = Builder(self.project, options)  # kept across `serve` rebuilds: see on_startup
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.serving:
            self.idle_gc = self.idle_gc or IdleCollector()
            self.idle_gc.build_started()
        try:
            assert self.builder is not None
            report, warnings = self.builder.generate(self.pages_dir)
        except ContentError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            if self.serving:
                # A failed rebuild would print a traceback and stall the preview; keep the
                # last good pages on screen and let the editor fix the lines listed above.
                log.error("factsheet: %s; the preview shows the last good version until they are fixed", exc)
                return
            raise PluginError(f"factsheet: {exc}; fix them and save again") from None
        except FactsheetError as exc:
            raise PluginError(f"factsheet: {exc}") from None
        self.generated = report.files
        if not self.serving:
            # Only `serve` reuses the caches; a one-shot build frees them for MkDocs' own work,
            # and the objects left (modules, config) are frozen out of the cycle collector's
            # full scans, which MkDocs' page objects would otherwise trigger again and again.
            self.builder = None
            gc.freeze()
        for warning in warnings:
            log.info(str(warning))  # INFO, not WARNING: advice must not fail a --strict build
        if report.written or report.removed:
            log.info("factsheet: wrote %d, removed %d, kept %d generated files",
                     len(report.written), len(report.removed), report.unchanged)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages to the editors' own; a page of theirs at one of our paths is refused."""
        ours = [f for f in self.generated if not f.startswith(".") and f != MANIFEST]
        clashes = [f for f in ours if files.get_file_from_path(f) is not None]
        if clashes:
            more = f" (and {len(clashes) - 1} more of your pages)" if len(clashes) > 1 else ""
            raise PluginError(f"factsheet: {Path(config.docs_dir) / clashes[0]}{more}: factsheet makes a page at this "
                              f"path from {self.config.content_dir}/; rename yours")
        own_pages = sorted(f.src_uri for f in files.documentation_pages())
        self._ours = frozenset(ours)
        for name in ours:
            files.append(File(name, str(self.pages_dir), config.site_dir, config.use_directory_urls))
        # The pages main.html marks for Pagefind (see on_page_context), named to it after the build.
        self.search_pages = [f.dest_uri for f in files.documentation_pages() if searchable(f.src_uri, f.src_uri in self._ours)]
        if config.nav is None:
            topics = sorted(f[len("topics/"):-3] for f in ours if f.startswith("topics/") and f.count("/") == 1
                            and f != "topics/index.md")
            config.nav = default_nav(topics, own_pages)
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving:
            self.compiled = self.compiled or CompiledTemplates()
            env.bytecode_cache = self.compiled
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        # Our raw HTML blocks skip Python-Markdown's HTML parser (see rawblocks.py), and the
        # headings of our own pages its inline patterns (see headings.py).
        headings = None
        if page.file.src_uri in self._ours and fast_headings_apply(config):
            headings = Headings.for_page(page, files, config)
            self.page_markdown[page.file.src_uri] = markdown
        markdown, self.set_aside[page.file.src_uri] = set_aside(markdown, headings)
        self.page_headings[page.file.src_uri] = headings
        return markdown

    def on_page_context(self, context: dict[str, Any], *, page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        # main.html marks the page for Pagefind only where a reader should land from a search.
        context["fs_search_body"] = searchable(page.file.src_uri, page.file.src_uri in self._ours)
        return context

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        aside = self.set_aside.pop(page.file.src_uri, None)
        original = self.page_markdown.pop(page.file.src_uri, None)
        headings = self.page_headings.pop(page.file.src_uri, None)
        if aside is None:
            return html
        if aside.headings:
            toc = merged_toc(page.toc, aside.headings)
            if toc is None:
                # An id of Markdown's own headings clashes with one of ours: convert it all as Markdown would.
                page.markdown, aside = set_aside(original)
                page.render(config, files)
                html = page.content
            else:
                page.toc = toc
                if page.links_to_anchors is not None and headings is not None:
                    for target, anchors in headings.page_links.links_to_anchors.items():
                        for anchor, url in anchors.items():
                            page.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        if page.present_anchor_ids is not None:
            # for MkDocs' check of links to anchors
            page.present_anchor_ids |= aside.anchor_ids(generated=page.file.src_uri in self._ours)
        return aside.restore(html)

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        return self._protect(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return self._protect(output_content, template_name) if template_name.endswith(".html") else output_content

    def _protect(self, html: str, where: str) -> str:
        if not self.config.csp:
            return html
        try:
            return add_csp(html, where)
        except UnexpectedScript as exc:
            raise PluginError(str(exc)) from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.idle_gc is not None:
            self.idle_gc.build_finished()
        elif not self.serving:
            # Frozen for the build only: a process that goes on (a test run, a program that calls the
            # build) must get its garbage collected again.
            gc.unfreeze()
        if not self.config.search:
            return
        if self.serving:
            # The preview's search is indexed in the background: the edited page comes first.
            self.preview_search = self.preview_search or PreviewIndexer(log)
            self.preview_search.request(Path(config.site_dir), self.search_pages)
            return
        try:
            log.info("factsheet: search: %s", index_site(Path(config.site_dir), self.search_pages))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error: Exception) -> None:
        if not self.serving:
            gc.unfreeze()  # as after a build that succeeds

    def on_shutdown(self) -> None:
        if self.preview_search is not None:
            self.preview_search.stop()
        if self.idle_gc is not None:
            self.idle_gc.stop()
        if self.watch is not None:
            self.watch.stop()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        # Watched by the system's file events, not MkDocs' half-second polling (see watch.py).
        if self.watch is not None:
            self.watch.stop()
        self.watch = PromptWatch(server, (self.project.content_dir, self.project.seeds_dir))
        # The pages folder is our own output, rewritten from content/ on every build, and not
        # watched: watching it too would make every edit build twice.
        return server
