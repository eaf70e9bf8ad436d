"""Render phase: validated content → Markdown pages, as {relative path: text}.

One Jinja environment for the whole build. Its `finalize` hook escapes every value a
template prints (see `escaping.py`), so a template cannot forget to escape; Markdown
that our code builds from checked parts is marked `Md` and passes through. The raw HTML
written most often (claim bodies, the commonest listing entries) is plain Python in
`claimhtml.py` and `entryhtml.py`, escaping each value with markupsafe: at 10,000 claims
Jinja's own cost per fragment was most of its time.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import jinja2

from ..read.content import Content, TopicFile
from ..read.dates import long_date
from ..views.escaping import Md, finalize, md_id, md_paragraphs, md_text, md_url, title_meta
from ..check.evidence import RULES
from ..views.icons import icon_css
from ..views.links import HtmlLinks, Links
from ..memo import Same
from ..read.model import Claim, Status
from .claimhtml import HOME_ATTRIBUTIONS, claim_body
from .entryhtml import ENTRIES
from .opendata import claim_reviews, json_for_script, open_data_files
from .mapsvg import map_sources, place_maps
from ..check.quotes import SeedLibrary
from ..views.siteindex import Index, IndexCache, topic_path
from ..check.statuses import STANCES, STATUSES

CSS_PATH = "stylesheets/factsheet.css"
SEARCH_JS_PATH = "javascripts/fs-search.js"
"""Starts Pagefind's search box; a file, not an inline script, so the CSP needs no exception."""
CLAIMS_JS_PATH = "javascripts/fs-claims.js"
HOME_QUANTITIES = 10
HOME_ORIGINS = 20
SITE_PAGES = {"index.md": "index.md.j2", "method.md": "method.md.j2", "topics/index.md": "topics.md.j2",
              "changes.md": "changes.md.j2"}
CHANGES_SHOWN = 500

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
    env.filters.update(id=md_id, url=md_url, paragraphs=md_paragraphs, date=long_date, title_meta=title_meta)
    env.globals.update(place_maps=place_maps, map_sources=map_sources)
    env.globals.update(STATUSES=STATUSES, STANCES=STANCES, Md=Md, RULES=RULES, HOME_QUANTITIES=HOME_QUANTITIES,
                       HOME_ATTRIBUTIONS=HOME_ATTRIBUTIONS, HOME_ORIGINS=HOME_ORIGINS, Status=Status,
                       CHANGES_SHOWN=CHANGES_SHOWN)
    return env


@lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    """For the raw-HTML parts of pages: HTML autoescape is the whole escaping there."""
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template_source), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def _template_source(name: str) -> str:
    return (files("factsheet.pages") / "templates" / name).read_text(encoding="utf-8")



@dataclass
class RenderCache:
    """Pages kept from the previous build, with what they were made from (for `mkdocs serve`).

    Cached content models are the same objects while their files are unchanged, so their
    identity tells whether a topic changed.
    """

    topics: dict[str, tuple[Same, str]] = field(default_factory=dict)
    site_pages: dict[str, tuple[Same, str]] = field(default_factory=dict)
    listing_fields: dict[str, tuple[object, tuple[object, ...]]] = field(default_factory=dict)
    views: IndexCache = field(default_factory=IndexCache)
    listing_pages: dict[str, tuple[Same, str]] = field(default_factory=dict)
    entry_fields: _EntryCache = field(default_factory=lambda: _EntryCache())


@dataclass(frozen=True)
class SiteOptions:
    """How the built site is addressed and what goes in it."""

    directory_urls: bool = True
    """As MkDocs' use_directory_urls: raw-HTML links are written as the built site's URLs."""
    site_url: str | None = None
    """mkdocs.yml's site_url: makes claim URLs in the open data absolute."""
    open_data: bool = True
    """Write claims.json, claims.csv and feed.xml (skipped by the live preview, to stay fast)."""
    incremental: bool = True
    """Remember what each listing page was made from, to skip it next time (worth it only when serving)."""


def render_site(content: Content, seeds: SeedLibrary, cache: RenderCache | None = None,
                options: SiteOptions = SiteOptions()) -> dict[str, str]:
    """Every generated file of the site, by path relative to the docs folder."""
    cache = cache or RenderCache()
    directory_urls = options.directory_urls
    index = Index.build(content, seeds, cache.views)
    index.site_url = options.site_url
    index.directory_urls = directory_urls
    shared = (content.sheet, content.sources_doc, content.actors_doc, seeds.signature, content.places_doc)
    # A one-shot build renders everything once: the keys below only serve the next rebuild.
    keyed = options.incremental
    # The home page shows claims (latest changes, origins); the other site pages only the
    # topics and their statuses, so editing a statement does not re-render them.
    outline = Same(*shared, tuple((t.id, t.topic.title, tuple(c.status for c in t.topic.claims)) for t in content.topics),
                   directory_urls, options.site_url) if keyed else None
    pages = {}
    for path, template in SITE_PAGES.items():
        key = None if not keyed else outline if path not in ("index.md", "changes.md") else Same(
            *shared, tuple(_listing_fields(cache, t) for t in content.topics), directory_urls, options.site_url)
        kept = cache.site_pages.get(path)
        if not keyed or kept is None or kept[0] != key:
            kept = cache.site_pages[path] = (key, _render(template, index, "../" * path.count("/"), here=path))
        pages[path] = kept[1]
    pages.update(render_listings(index, directory_urls, cache.listing_pages, (*shared, options.site_url), options.incremental,
                                 cache.entry_fields))
    for topic in content.topics:
        key = _topic_key(index, topic, shared, directory_urls, options.site_url) if keyed else None
        cached = cache.topics.get(topic.id)
        if not keyed or cached is None or cached[0] != key:
            cached = (key, render_topic(index, topic, directory_urls))
            cache.topics[topic.id] = cached
        pages[topic_path(topic)] = cached[1]
    assets = files("factsheet.pages") / "assets"
    pages[CSS_PATH] = (assets / "factsheet.css").read_text(encoding="utf-8") + icon_css()
    pages[SEARCH_JS_PATH] = (assets / "fs-search.js").read_text(encoding="utf-8")
    pages[CLAIMS_JS_PATH] = (assets / "fs-claims.js").read_text(encoding="utf-8")
    if options.open_data:
        pages.update(open_data_files(index, options.site_url))
    return pages


def _topic_key(index: Index, topic: TopicFile, shared: tuple[object, ...], directory_urls: bool,
               site_url: str | None) -> Same:
    """Everything a topic page shows: while it is the same, a rebuild keeps the page."""
    # Which timeline page shows an event depends on the other topics' dates too.
    events = tuple(index.event_page.get(c.id) for c in topic.topic.claims)
    # A claim names its rival accounts (in attributed voice: who claims them), which may stand in other topics.
    rivals = tuple((v.claim.id, v.claim.status, v.claim.statement, tuple(v.claim.claimed_by), v.topic.id)
                   for c in topic.topic.claims for v in index.alternatives(c))
    return Same(topic.topic, *shared, _panel_inputs(index, topic), events, rivals, directory_urls, site_url)


def _listing_fields(cache: RenderCache, topic: TopicFile) -> tuple[object, ...]:
    """What the listing pages (home, figures, sources, actors) show of a topic's claims (the home page: the key
    claims and their conclusions too).

    A status note or a quote does not appear there, so editing one re-renders only its topic.
    """
    kept = cache.listing_fields.get(topic.id)
    if kept is not None and kept[0] is topic.topic:
        return kept[1]
    fields = (topic.id, topic.topic.title, tuple(
        (c.id, c.statement, c.status, tuple(c.claimed_by), c.key, c.conclusion, tuple(c.alternative_to), tuple(
            (e.source, e.stance, e.via_chain, tuple((f.quantity, f.value, f.unit, f.qualifier) for f in e.figures))
            for e in c.evidence), tuple((h.date, h.status, h.note) for h in c.history))
        for c in topic.topic.claims))
    cache.listing_fields[topic.id] = (topic.topic, fields)
    return fields


def _panel_inputs(index: Index, topic: TopicFile) -> tuple[object, ...]:
    """The figures of other topics that this topic's disagreement panels show."""
    used = sorted({f.quantity for c in topic.topic.claims for e in c.evidence for f in e.figures} & index.disagreeing_ids)
    return tuple((q, _panel(index, q)) for q in used)


def _panel(index: Index, quantity: str) -> tuple[object, ...]:
    """What a quantity's disagreement panel shows, kept while the very same figures give it."""
    def work(uses: object) -> tuple[object, ...]:
        return tuple((text, tuple(index.attributions(group, dated=True))) for text, group in index.figure_groups(quantity))
    cache = index.quantity_cache
    return cache.per_quantity(index.figures[quantity], "panel", work) if cache is not None else work(None)


def render_listings(index: Index, directory_urls: bool = True, cache: dict[str, tuple[Same, str]] | None = None,
                    shared: tuple[object, ...] = (), incremental: bool = True,
                    fields_cache: _EntryCache | None = None) -> dict[str, str]:
    """Every listing page; with a cache, only the pages whose entries show something new are rendered."""
    cache = {} if cache is None else cache
    fields = _EntryFields(index, fields_cache or _EntryCache(), Same(*shared)) if incremental else None
    layout = tuple((kind, listing.pages) for kind, listing in sorted(index.listings.items()))
    pages = {}

    def page(path: str, inputs: Callable[[], Same], make: Callable[[], str]) -> None:
        if not incremental:
            pages[path] = make()
            return
        kept = cache.get(path)
        key = inputs()
        if kept is None or kept[0] != key:
            kept = cache[path] = (key, make())
        pages[path] = kept[1]

    for listing in index.listings.values():
        if listing.split:
            index_page = f"{listing.kind}/index.md"
            page(index_page, lambda: Same("index", *shared, layout, tuple(listing.labels.items()), directory_urls),
                 functools.partial(_render, "listing_index.md.j2", index, "../" * index_page.count("/"),
                                   listing=listing, here=index_page))
        for n, (path, ids) in enumerate(listing.pages):
            root = "../" * path.count("/")
            entry = functools.partial(raw_html, index, path, directory_urls)
            template = "status.md.j2" if listing.kind.startswith("status/") else f"{listing.kind}.md.j2"
            status = Status(listing.kind.split("/", 1)[1]) if listing.kind.startswith("status/") else None

            def inputs(kind: str = listing.kind, ids: tuple[str, ...] = ids, n: int = n, template: str = template) -> Same:
                assert fields is not None
                return Same(template, *shared, layout, ids, n, directory_urls, fields.entries(index, kind, ids))

            page(path, inputs,
                 functools.partial(_render, template, index, root, listing=listing, ids=ids, part=n + 1,
                                   entry_html=entry, here=path, status=status))
    return pages


@dataclass
class _TopicEntries:
    """A topic's claims as listing pages show them (kept while the topic's model is the same object)."""

    topic: object
    title: str
    claims: tuple[tuple[object, ...], ...]
    by_claim: dict[str, tuple[object, ...]]


@dataclass
class _EntryCache:
    topics: dict[str, _TopicEntries] = field(default_factory=dict)
    order: tuple[object, ...] = ()
    """Each topic's id, title and claims' tuples, in order, with the shared inputs, at the last build."""
    shared: Same | None = None
    entries: dict[tuple[str, tuple[str, ...]], tuple[object, ...]] = field(default_factory=dict)
    """Each listing page's entries at the last build that worked them out."""


class _EntryFields:
    """Each claim as listings show it, as one tuple, the very same tuple while what it shows is
    unchanged: comparing a page's entries is then mostly identity tests, not a walk through models.
    When no claim's tuple changed (a status note or a quote was edited), no page's entries did."""

    def __init__(self, index: Index, cache: _EntryCache, shared: Same) -> None:
        self.cache = cache
        self.topics: dict[str, _TopicEntries] = {}
        self.claims: dict[str, tuple[object, ...]] = {}
        for topic in index.content.topics:
            kept = cache.topics.get(topic.id)
            if kept is None or kept.topic is not topic.topic:
                kept = cache.topics[topic.id] = self._entries(topic, kept)
            self.topics[topic.id] = kept
            self.claims.update(kept.by_claim)
        for gone in cache.topics.keys() - self.topics.keys():
            del cache.topics[gone]
        order = tuple(part for t in self.topics.values() for part in (t.title, *t.claims))
        self.unchanged = (cache.shared is not None and cache.shared == shared and len(order) == len(cache.order)
                          and all(a is b or a == b for a, b in zip(order, cache.order)))
        cache.order, cache.shared = order, shared
        if not self.unchanged:
            cache.entries.clear()

    def entries(self, index: Index, kind: str, ids: tuple[str, ...]) -> tuple[object, ...]:
        slot = (kind, ids)
        kept = self.cache.entries.get(slot) if self.unchanged else None
        if kept is None:
            kept = self.cache.entries[slot] = _entry_inputs(index, self, kind, ids)
        return kept

    @staticmethod
    def _entries(topic: TopicFile, old: _TopicEntries | None) -> _TopicEntries:
        by_claim = {}
        for c in topic.topic.claims:
            # All a listing shows of a claim (not its status note or quotes): a status note edit
            # re-renders the claim's topic page only.
            value = (topic.id, c.id, c.statement, c.status, tuple(c.claimed_by), c.claimed_on, c.happened, tuple(c.places),
                     tuple((e.source, e.stance, e.via_chain, e.said_on, tuple(e.figures)) for e in c.evidence))
            before = old.by_claim.get(c.id) if old is not None else None
            by_claim[c.id] = before if before == value else value
        return _TopicEntries(topic.topic, topic.topic.title, tuple(by_claim.values()), by_claim)


def _entry_inputs(index: Index, fields: _EntryFields, kind: str, ids: tuple[str, ...]) -> tuple[object, ...]:
    """What a listing page shows of its entries, as plain values."""
    claims = fields.claims
    if kind == "sources":
        return tuple((i, tuple(claims[c.claim.id] for c in index.citations.get(i, ()))) for i in ids)
    if kind == "actors":
        return tuple((i, tuple((role, claims[c.claim.id]) for role, c in index.by_party.get(i, ()))) for i in ids)
    if kind == "timeline":
        return tuple((part, tuple(claims[v.claim.id] for _, v in index.events[part])) for part in ids)
    if kind == "places":
        return tuple((i, index.places.entries[i].place, index.places.entries[i].located,
                      tuple(claims[v.claim.id] for v in index.places.entries[i].claims)) for i in ids)
    if kind == "figures":
        return tuple((i, i in index.disagreeing_ids, tuple((u.figure, claims[u.claim.id]) for u in index.figures.get(i, ())))
                     for i in ids)
    # Matrix and status pages show whole topics, but not status notes or quotes.
    topics = fields.topics
    if kind == "matrix":
        return tuple((i, topics[i].title, topics[i].claims) for i in ids)
    status = Status(kind.split("/", 1)[1])
    return tuple((i, topics[i].title, tuple(c for c in topics[i].claims if c[3] is status)) for i in ids)


def render_topic(index: Index, topic: TopicFile, directory_urls: bool = True) -> str:
    # A statement on the record is checked as said, not reviewed for truth: no ClaimReview rating for it.
    graph = claim_reviews(index, [c.id for c in topic.topic.claims if c.status is not Status.on_record], index.site_url)
    reviews = Md(f'<script type="application/ld+json">{json_for_script(graph)}</script>')
    # One "Sources disagree" panel per quantity per page: under the first claim that gives it.
    panel_owner: dict[str, str] = {}
    for claim in topic.topic.claims:
        for quantity in index.panels(claim):
            panel_owner.setdefault(quantity.id, claim.id)
    # Each claim: its heading (badge, attributed statement, id) and its body, in plain Python (as a
    # template loop, each claim cost a dozen Jinja calls).
    badge = Links(index, "../").badge
    claims = Md("".join(
        f"## {badge(claim.status)} {md_text(index.attributed(claim))} {{ #{md_id(claim.id)} }}\n\n"
        f"{claim_html(index, topic, claim, directory_urls, panel_owner)}\n\n" for claim in topic.topic.claims))
    return _render("topic.md.j2", index, "../", topic=topic, here=topic_path(topic), reviews=reviews, claims=claims)


def raw_html(index: Index, here: str, directory_urls: bool, template: str, **values: object) -> Md:
    """An entry's HTML as one raw HTML block of the page `here`: written in Python if `template`
    names one of `entryhtml.ENTRIES`, else rendered from that .html.j2 template."""
    link = HtmlLinks.for_page(index, here, directory_urls)
    write = ENTRIES.get(template)
    if write is not None:
        return _block("\n".join(write(index, link, **values)))
    return _block(html_environment().get_template(template).render(index=index, link=link, **values))


def _block(html: str) -> Md:
    """HTML as one raw HTML block: without blank lines, which would end it."""
    return Md("\n".join(line for line in html.splitlines() if line.strip()))


def claim_html(index: Index, topic: TopicFile, claim: Claim, directory_urls: bool,
               panel_owner: dict[str, str] | None = None) -> Md:
    """A claim's body, as a raw HTML block (claimhtml.py)."""
    link = HtmlLinks.for_page(index, topic_path(topic), directory_urls)
    return _block("\n".join(claim_body(index, link, claim, panel_owner or {})))


def _render(name: str, index: Index, root: str, here: str | None = None, **extra: object) -> str:
    """A Markdown page; `here` is its path (by default the template's name without .j2), for raw-HTML links."""
    template = environment().get_template(name)
    html = functools.partial(raw_html, index, here or name[: -len(".j2")], index.directory_urls)
    return template.render(index=index, sheet=index.content.sheet, root=Md(root), link=Links(index, root),
                           html=html, **extra)

