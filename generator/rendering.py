"""Render phase: validated content → Markdown pages, as {relative path: text}.

One Jinja environment for the whole build. Its `finalize` hook escapes every value a
template prints (see `escaping.py`), so a template cannot forget to escape; Markdown
that our code builds from checked parts is marked `Md` and passes through.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files

import functools
import posixpath

import jinja2
from markupsafe import Markup, escape

from .content import Content, TopicFile
from .escaping import Md, finalize, md_id, md_paragraphs, md_text, md_url, title_meta
from .evidence import (RULES, Corroboration, FigureUse, Parties, attributed_differently, corroboration,
                       disagrees, figure_text, latest_changes)
from .fragments import link_to_passage
from .icons import icon_css
from .search import INIT_JS, INIT_JS_PATH
from .model import Claim, Evidence, Quantity, Source, Stance, Status, When, parse_when
from .memo import Same
from .quotes import SeedLibrary
from .statuses import STANCES, STATUSES, Term

CSS_PATH = "stylesheets/factsheet.css"
LISTING_PAGE = 25
MATRIX_TOPICS = 10
MATRIX_COLUMNS = 12
HOME_QUANTITIES = 10
HOME_ATTRIBUTIONS = 3
SITE_PAGES = ["index.md", "method.md", "timeline.md", "tags.md"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def long_date(day: date) -> str:
    # Not strftime: month names must not depend on the machine's locale.
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def when_text(when: When) -> str:
    """'8–13 October 2024', 'June 2024', 'about 3 October 2024': as precise as the record, no more."""
    start, end = when.start, when.end
    if when.month_only:
        first = f"{MONTHS[start.month - 1]} {start.year}"
        text = first if (start.year, start.month) == (end.year, end.month) else \
            f"{MONTHS[start.month - 1]}{'' if start.year == end.year else f' {start.year}'} – {MONTHS[end.month - 1]} {end.year}"
    elif start == end:
        text = long_date(start)
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    elif start.year == end.year:
        text = f"{start.day} {MONTHS[start.month - 1]} – {long_date(end)}"
    else:
        text = f"{long_date(start)} – {long_date(end)}"
    return f"about {text}" if when.approximate else text


@dataclass(frozen=True)
class Citation:
    """An evidence item where a page cites it."""

    topic: TopicFile
    claim: Claim
    evidence: Evidence


@dataclass(frozen=True)
class ClaimView:
    """A claim with what its evidence adds up to, worked out once per build."""

    topic: TopicFile
    claim: Claim
    support: Corroboration
    attributed: dict[str, list[str]]
    links: tuple[str | None, ...]
    """Per evidence item: the source's URL, pointing at the quoted passage where possible."""


@dataclass(frozen=True)
class Listing:
    """A listing (sources, actors, figures) laid out on pages of at most LISTING_PAGE entries.

    One page while it is small; past that, an index page and numbered pages, so that no page
    grows with the sheet and an edit rebuilds only the pages that show what changed.
    """

    kind: str
    title: str
    pages: tuple[tuple[str, tuple[str, ...]], ...]
    """(page path, the ids of its entries)."""
    page_of: dict[str, str]
    labels: dict[str, str]

    @classmethod
    def lay_out(cls, kind: str, title: str, entries: list[tuple[str, str]], size: int | None = None) -> Listing:
        ids = [ident for ident, _ in entries]
        size = size or LISTING_PAGE
        if len(ids) <= size:
            pages = ((f"{kind}/index.md", tuple(ids)),)
        else:
            pages = tuple((f"{kind}/{n + 1}.md", tuple(ids[i:i + size]))
                          for n, i in enumerate(range(0, len(ids), size)))
        page_of = {ident: path for path, chunk in pages for ident in chunk}
        return cls(kind, title, pages, page_of, dict(entries))

    @property
    def split(self) -> bool:
        return len(self.pages) > 1


@dataclass
class Index:
    """Lookups computed once per build and shared by every page."""

    content: Content
    parties: Parties
    views: dict[str, ClaimView] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    by_party: dict[str, list[tuple[str, Citation]]] = field(default_factory=lambda: defaultdict(list))
    figures: dict[str, list[FigureUse]] = field(default_factory=lambda: defaultdict(list))
    disagreeing_ids: set[str] = field(default_factory=set)
    listings: dict[str, Listing] = field(default_factory=dict)
    site_url: str | None = None
    directory_urls: bool = True

    @classmethod
    def build(cls, content: Content, seeds: SeedLibrary,
              cache: dict[str, tuple[Same, list[ClaimView]]] | None = None) -> Index:
        index = cls(content, Parties(content.actors, content.sources))
        cache = {} if cache is None else cache
        shared = (content.sources_doc, content.actors_doc, seeds.signature)
        for topic in content.topics:
            kept = cache.get(topic.id)
            if kept is None or kept[0] != Same(topic.topic, *shared):
                kept = cache[topic.id] = (Same(topic.topic, *shared), [index._view(topic, c, seeds) for c in topic.topic.claims])
            for view in kept[1]:
                index._add(view)
        index.disagreeing_ids = {q.id for q in content.sheet.quantities if disagrees(index.figures[q.id])}
        index.listings = {
            "sources": Listing.lay_out("sources", "Sources", [(s.id, s.title) for s in content.sources]),
            "actors": Listing.lay_out("actors", "Who says what", [(a.id, a.name) for a in content.actors]),
            "figures": Listing.lay_out("figures", "Figures", [(q.id, q.label) for q in content.sheet.quantities]),
            # A topic is ~100 claims: a few topics a page keep the matrix pages bounded.
            "matrix": Listing.lay_out("matrix", "Sources matrix", [(t.id, t.topic.title) for t in content.topics], size=MATRIX_TOPICS),
        }
        return index

    def _view(self, topic: TopicFile, claim: Claim, seeds: SeedLibrary) -> ClaimView:
        links = []
        for item in claim.evidence:
            source = self.sources[item.source]
            links.append(link_to_passage(source.url, seeds.get(source.seed), item.quote) if source.url else None)
        return ClaimView(topic, claim, corroboration(claim, self.parties), attributed_differently(claim, self.parties), tuple(links))

    def _add(self, view: ClaimView) -> None:
        topic, claim = view.topic, view.claim
        for party in claim.claimed_by:
            self.by_party[party].append(("claims", Citation(topic, claim, claim.evidence[0])))
        for item in claim.evidence:
            citation = Citation(topic, claim, item)
            self.citations[item.source].append(citation)
            origin = item.via_chain[-1] if item.via_chain else None
            if origin and origin not in claim.claimed_by:
                self.by_party[origin].append((item.stance.value, citation))
            for figure in item.figures:
                self.figures[figure.quantity].append(FigureUse(figure, claim, item, topic.id))
        self.views[claim.id] = view

    @property
    def sources(self) -> dict[str, Source]:
        return self.parties.sources

    @property
    def quantities(self) -> list[Quantity]:
        return self.content.sheet.quantities

    def disagreeing(self) -> list[Quantity]:
        return [q for q in self.quantities if q.id in self.disagreeing_ids]

    def figure_groups(self, quantity_id: str) -> list[tuple[str, list[FigureUse]]]:
        """Each distinct figure ('about 10,000 troops') with the evidence that gives it, in order of appearance."""
        groups: dict[str, list[FigureUse]] = {}
        for use in self.figures[quantity_id]:
            groups.setdefault(figure_text(use.figure), []).append(use)
        return list(groups.items())

    def timeline(self) -> list[tuple[str, list[tuple[When, ClaimView]]]]:
        """Claims with an event date, by month of their start, earliest first."""
        events = sorted(((parse_when(v.claim.happened), v) for v in self.views.values() if v.claim.happened),
                        key=lambda e: (e[0].start, e[0].end, e[1].claim.id))
        months: dict[str, list[tuple[When, ClaimView]]] = {}
        for when, view in events:
            months.setdefault(f"{MONTHS[when.start.month - 1]} {when.start.year}", []).append((when, view))
        return list(months.items())

    def with_status(self, status: Status) -> list[tuple[TopicFile, list[Claim]]]:
        return [(t, [c for c in t.topic.claims if c.status is status]) for t in self.content.topics
                if any(c.status is status for c in t.topic.claims)]

    def matrix(self, topic: TopicFile) -> tuple[list[str], list[tuple[Claim, dict[str, list[tuple[int, Evidence]]]]]]:
        """The sources a topic cites, and for each claim, each source's evidence (with its citation number)."""
        sources: dict[str, None] = {}
        rows = []
        for claim in topic.topic.claims:
            cells: dict[str, list[tuple[int, Evidence]]] = defaultdict(list)
            for n, item in enumerate(claim.evidence, start=1):
                sources[item.source] = None
                cells[item.source].append((n, item))
            rows.append((claim, cells))
        return list(sources), rows

    def attributions(self, uses: list[FigureUse], dated: bool = False) -> list[str]:
        """'South Korean media, citing NIS, in Al Jazeera (18 October 2024)' for each use, each said once."""
        seen: dict[str, None] = {}
        for use in uses:
            source = self.sources[use.item.source]
            when = f" ({long_date(source.published) if source.published else 'undated'})" if dated else ""
            seen[f"{self.parties.attribution(use.item)}, in {source.publisher}{when}"] = None
        return list(seen)

    def chart(self, quantity_id: str, width: int = 360) -> list[tuple[str, int, int]]:
        """Bars for a small chart of the distinct figures: (label, bar length, number of sources)."""
        groups = self.figure_groups(quantity_id)
        largest = max(float(uses[0].figure.value) for _, uses in groups) or 1.0
        return [(text, max(2, round(width * float(uses[0].figure.value) / largest)), len({u.item.source for u in uses}))
                for text, uses in groups]

    def distinct_figures(self, quantity_id: str) -> int:
        return len(self.figure_groups(quantity_id))

    def panels(self, claim: Claim) -> list[Quantity]:
        """Quantities this claim gives figures for on which sources disagree."""
        mine = {f.quantity for item in claim.evidence for f in item.figures}
        return [q for q in self.quantities if q.id in mine and q.id in self.disagreeing_ids]

    def origin_counts(self) -> list[tuple[str, int, int]]:
        """(origin name, claims it supports, claims it alone supports), most claims first."""
        backed: Counter[str] = Counter()
        alone: Counter[str] = Counter()
        for view in self.views.values():
            names = {o.name for _, group in view.support.origins for o in group}
            backed.update(names)
            if len(view.support.origins) == 1 and len(names) == 1:
                alone.update(names)
        return sorted(((n, backed[n], alone[n]) for n in backed), key=lambda r: (-r[1], r[0]))

    def latest(self) -> list[tuple[object, str, Claim, int]]:
        return latest_changes([(v.topic.id, v.claim) for v in self.views.values()])

    def status_counts(self, claims: list[Claim]) -> dict[Status, int]:
        counts = Counter(c.status for c in claims)
        return {status: counts.get(status, 0) for status in Status}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=False,  # the output is Markdown; `finalize` escapes for Markdown and HTML
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(id=md_id, url=md_url, paragraphs=md_paragraphs, text=md_text, date=long_date, title_meta=title_meta)
    env.globals.update(STATUSES=STATUSES, STANCES=STANCES, Stance=Stance, Md=Md, host=_host, RULES=RULES,
                       figure_text=figure_text,
                       HOME_QUANTITIES=HOME_QUANTITIES, HOME_ATTRIBUTIONS=HOME_ATTRIBUTIONS,
                       LISTING_PAGE=LISTING_PAGE)
    return env


@lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    """For the raw-HTML parts of pages: HTML autoescape is the whole escaping there."""
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template_source), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=long_date, when=when_text, happened=lambda text: when_text(parse_when(text)))
    env.globals.update(MATRIX_COLUMNS=MATRIX_COLUMNS, STATUSES=STATUSES, STANCES=STANCES, Stance=Stance, host=_host, figure_text=figure_text, HOME_ATTRIBUTIONS=HOME_ATTRIBUTIONS)
    return env


def page_url(target: str, here: str, directory_urls: bool = True) -> str:
    """The relative URL from the page made of `here` (a .md path) to `target` (.md path, maybe #anchor).

    Raw HTML is not rewritten by MkDocs, so its links must be the built site's own URLs.
    """
    path, _, anchor = target.partition("#")
    return _page_to_page(path, here, directory_urls) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=4096)
def _page_to_page(path: str, here: str, directory_urls: bool) -> str:
    def url_of(md_path: str) -> str:
        stem = md_path[: -len(".md")]
        if not directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/"

    here_url, target_url = url_of(here), url_of(path)
    here_dir = here_url if directory_urls else posixpath.dirname(here_url) + "/"
    rel = posixpath.relpath("/" + target_url, "/" + here_dir.lstrip("/"))
    if target_url.endswith("/") or target_url == "":
        rel = "./" if rel == "." else f"{rel}/"
    return rel


def _template_source(name: str) -> str:
    return (files("generator") / "templates" / name).read_text(encoding="utf-8")


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
    return host.removeprefix("www.")


def badge(term: Term, root: str) -> Md:
    """A status badge: icon and word, coloured by CSS, linking to its definition."""
    return Md(f"[{term.label}]({root}method.md#status-{term.value}){{ .fs-badge .fs-badge--{term.value} }}")


@dataclass
class RenderCache:
    """Pages kept from the previous build, with what they were made from (for `mkdocs serve`).

    Cached content models are the same objects while their files are unchanged, so their
    identity tells whether a topic changed.
    """

    topics: dict[str, tuple[Same, str]] = field(default_factory=dict)
    listings: tuple[Same, dict[str, str]] | None = None
    listing_fields: dict[str, tuple[object, tuple[object, ...]]] = field(default_factory=dict)
    views: dict[str, tuple[Same, list[ClaimView]]] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteOptions:
    """How the built site is addressed and what goes in it."""

    directory_urls: bool = True
    """As MkDocs' use_directory_urls: raw-HTML links are written as the built site's URLs."""
    site_url: str | None = None
    """mkdocs.yml's site_url: makes claim URLs in the open data absolute."""
    open_data: bool = True
    """Write claims.json, claims.csv and feed.xml (skipped by the live preview, to stay fast)."""


def render_site(content: Content, seeds: SeedLibrary, cache: RenderCache | None = None,
                options: SiteOptions = SiteOptions()) -> dict[str, str]:
    """Every generated file of the site, by path relative to the docs folder."""
    from .opendata import open_data_files

    cache = cache or RenderCache()
    directory_urls = options.directory_urls
    index = Index.build(content, seeds, cache.views)
    index.site_url = options.site_url
    index.directory_urls = directory_urls
    shared = (content.sheet, content.sources_doc, content.actors_doc, seeds.signature)
    listings_key = Same(*shared, tuple(_listing_fields(cache, t) for t in content.topics), directory_urls, options.site_url)
    if cache.listings is not None and cache.listings[0] == listings_key:
        pages = dict(cache.listings[1])
    else:
        pages = {name: _render(f"{name}.j2", index, "") for name in SITE_PAGES}
        pages.update(render_listings(index, directory_urls))
        for status in Status:
            pages[f"status/{status.value}.md"] = _render("status.md.j2", index, "../", status=status, here=f"status/{status.value}.md")
        cache.listings = (listings_key, dict(pages))
    for topic in content.topics:
        key = Same(topic.topic, *shared, _panel_inputs(index, topic), directory_urls, options.site_url)
        cached = cache.topics.get(topic.id)
        if cached is None or cached[0] != key:
            cached = (key, render_topic(index, topic, directory_urls))
            cache.topics[topic.id] = cached
        pages[topic_path(topic)] = cached[1]
    pages[CSS_PATH] = (files("generator") / "assets" / "factsheet.css").read_text(encoding="utf-8") + icon_css()
    pages[INIT_JS_PATH] = INIT_JS
    if options.open_data:
        pages.update(open_data_files(index, options.site_url))
    return pages


def _listing_fields(cache: RenderCache, topic: TopicFile) -> tuple[object, ...]:
    """What the listing pages (home, figures, sources, actors) show of a topic's claims.

    A status note or a quote does not appear there, so editing one re-renders only its topic.
    """
    kept = cache.listing_fields.get(topic.id)
    if kept is not None and kept[0] is topic.topic:
        return kept[1]
    fields = (topic.id, topic.topic.title, tuple(
        (c.id, c.statement, c.status, tuple(c.claimed_by), tuple(
            (e.source, e.stance, e.via_chain, tuple((f.quantity, f.value, f.unit, f.qualifier) for f in e.figures))
            for e in c.evidence), tuple((h.date, h.status, h.note) for h in c.history))
        for c in topic.topic.claims))
    cache.listing_fields[topic.id] = (topic.topic, fields)
    return fields


def _panel_inputs(index: Index, topic: TopicFile) -> tuple[object, ...]:
    """The figures of other topics that this topic's disagreement panels show."""
    used = sorted({f.quantity for c in topic.topic.claims for e in c.evidence for f in e.figures} & index.disagreeing_ids)
    return tuple((q, tuple((text, tuple(index.attributions(uses, dated=True))) for text, uses in index.figure_groups(q)))
                 for q in used)


def render_listings(index: Index, directory_urls: bool = True) -> dict[str, str]:
    pages = {}
    for listing in index.listings.values():
        if listing.split:
            pages[f"{listing.kind}/index.md"] = _render("listing_index.md.j2", index, "../", listing=listing, here=f"{listing.kind}/index.md")
        for n, (path, ids) in enumerate(listing.pages):
            root = "../" * path.count("/")
            entry = functools.partial(raw_html, index, path, directory_urls)
            pages[path] = _render(f"{listing.kind}.md.j2", index, root, listing=listing, ids=ids, part=n + 1, entry_html=entry, here=path)
    return pages


def topic_path(topic: TopicFile) -> str:
    return f"topics/{topic.id}.md"


def render_topic(index: Index, topic: TopicFile, directory_urls: bool = True) -> str:
    return _render("topic.md.j2", index, "../", topic=topic, here=topic_path(topic),
                   claim_html=lambda claim: claim_html(index, topic, claim, directory_urls))


@dataclass(frozen=True)
class Links:
    """Markdown links between generated pages, relative to the page being written."""

    index: Index
    root: str

    def badge(self, status: Status) -> Md:
        return badge(STATUSES[status], self.root)

    def listing(self, kind: str) -> Md:
        return Md(f"{self.root}{kind}/index.md")

    def actor(self, party_id: str) -> Md:
        """An actor, or a source named as a claimant (an outlet's own reporting)."""
        if party_id in self.index.parties.actors:
            return Md(f"[{md_text(self.index.parties.actors[party_id].name)}]({self.anchor('actors', party_id)})")
        return self.source(party_id)

    def via(self, item: Evidence) -> Md:
        return Md(", citing ".join(self.actor(a) for a in item.via_chain))

    def source(self, source_id: str) -> Md:
        return Md(f"[{md_text(self.index.sources[source_id].publisher)}]({self.anchor('sources', source_id)})")

    def anchor(self, kind: str, ident: str) -> Md:
        """Where a source, actor or quantity has its entry, from the page being written."""
        return Md(f"{self.root}{self.index.listings[kind].page_of[ident]}#{md_id(ident)}")

    def page(self, path: str) -> Md:
        return Md(f"{self.root}{path}")

    def claim(self, topic: TopicFile, claim: Claim) -> Md:
        return Md(f"[{md_text(claim.statement)}]({self.root}{topic_path(topic)}#{md_id(claim.id)})")



@dataclass(frozen=True)
class HtmlLinks:
    """Links for the raw-HTML parts of a page: final site URLs, escaped text."""

    index: Index
    here: str
    directory_urls: bool

    def url(self, target: str) -> str:
        return page_url(target, self.here, self.directory_urls)

    def badge(self, status: Status) -> Markup:
        term = STATUSES[status]
        return Markup(f'<a class="fs-badge fs-badge--{term.value}" href="{self.url(f"method.md#status-{term.value}")}">{term.label}</a>')

    def anchor(self, kind: str, ident: str) -> str:
        return self.url(f"{self.index.listings[kind].page_of[ident]}#{md_id(ident)}")

    def party(self, party_id: str) -> Markup:
        if party_id in self.index.parties.actors:
            return _a(self.anchor("actors", party_id), self.index.parties.actors[party_id].name)
        return self.source(party_id)

    def source(self, source_id: str) -> Markup:
        return _a(self.anchor("sources", source_id), self.index.sources[source_id].publisher)

    def via(self, item: Evidence) -> Markup:
        return Markup(", citing ").join(self.party(a) for a in item.via_chain)

    def claim(self, topic: TopicFile, claim: Claim) -> Markup:
        return _a(self.url(f"{topic_path(topic)}#{md_id(claim.id)}"), claim.statement)

    def citation(self, topic: TopicFile, claim: Claim, number: int) -> str:
        return self.url(f"{topic_path(topic)}#fn:{md_id(claim.id)}-{number}")


def _a(href: str, text: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def raw_html(index: Index, here: str, directory_urls: bool, template: str, **values: object) -> Md:
    """A template's HTML as one raw HTML block of the page `here` (blank lines would end the block)."""
    link = HtmlLinks(index, here, directory_urls)
    html = html_environment().get_template(template).render(index=index, link=link, **values)
    return Md("\n".join(line for line in html.splitlines() if line.strip()))


def claim_html(index: Index, topic: TopicFile, claim: Claim, directory_urls: bool) -> Md:
    """A claim's body, as a raw HTML block, with its ClaimReview JSON-LD."""
    from .opendata import claim_review, json_for_script

    review = Markup(json_for_script(claim_review(index, claim.id, index.site_url)))
    return raw_html(index, topic_path(topic), directory_urls, "claim.html.j2", claim=claim, view=index.views[claim.id], review=review)


def _render(name: str, index: Index, root: str, **extra: object) -> str:
    template = environment().get_template(name)
    here = name[: -len(".j2")] if not extra.get("here") else str(extra.pop("here"))
    html = functools.partial(raw_html, index, here, index.directory_urls)
    return template.render(index=index, sheet=index.content.sheet, root=Md(root), link=Links(index, root),
                           html=html, **extra)
