"""The lookups a build works out once and every page shares: claim views, citations,
figures by quantity, and how long listings are laid out on pages."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from ..read.content import Content, TopicFile
from ..read.dates import MONTHS, long_date
from ..check.evidence import (Corroboration, FigureUse, Parties, and_list, attributed_differently, current_figures, disagrees,
                               figure_text, figure_uses, latest_changes, parties_of)
from ..check.fragments import link_to_passage
from ..memo import Same
from ..read.model import Claim, Evidence, Quantity, Source, Status, When, parse_when
from ..check.quotes import SeedLibrary
from ..check.statuses import STATUSES
from .places import PlaceIndex

T = TypeVar("T")
LISTING_PAGE = 25
CLAIMS_PAGE = 300

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


@dataclass
class TopicParts:
    """What one topic adds to the index: its claim views, and its citations, parties' entries and
    figures grouped by source, party and quantity (kept across preview rebuilds while unchanged)."""

    key: Same
    views: list[ClaimView]
    by_party: dict[str, list[tuple[str, Citation]]] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)
    figures: dict[str, list[FigureUse]] = field(default_factory=dict)
    statuses: Counter[Status] = field(default_factory=Counter)


@dataclass
class IndexCache:
    """The index's parts kept between `mkdocs serve` rebuilds: each topic's, and what is worked
    out per quantity from its figures (kept while the very same figures give it)."""

    topics: dict[str, TopicParts] = field(default_factory=dict)
    quantities: dict[tuple[str, str], tuple[Same, object]] = field(default_factory=dict)

    def per_quantity(self, uses: list[FigureUse], name: str, work: Callable[[list[FigureUse]], T]) -> T:
        """`work(uses)`, worked out again only when the figures of the quantity are not the same objects."""
        if not uses:
            return work(uses)
        slot = (uses[0].figure.quantity, name)
        key = Same(*uses)
        kept = self.quantities.get(slot)
        if kept is None or kept[0] != key:
            kept = self.quantities[slot] = (key, work(uses))
        return kept[1]  # type: ignore[return-value]


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
    page_size: str = f"at most {LISTING_PAGE}"
    """How full a page gets, for the index page: 'at most 25' entries, or 'about 300 claims each'."""

    @classmethod
    def lay_out(cls, kind: str, title: str, entries: list[tuple[str, str]], size: int | None = None,
                weights: dict[str, int] | None = None) -> Listing:
        """Pages of at most `size` entries or, with weights (claims per entry), of about `size` claims."""
        ids = [ident for ident, _ in entries]
        size = size or LISTING_PAGE
        chunks: list[list[str]] = [[]]
        filled = 0
        for ident in ids:
            weight = weights.get(ident, 1) if weights else 1
            if chunks[-1] and filled + weight > size:
                chunks.append([])
                filled = 0
            chunks[-1].append(ident)
            filled += weight
        if len(chunks) == 1:
            pages = ((f"{kind}/index.md", tuple(chunks[0])),)
        else:
            pages = tuple((f"{kind}/{n + 1}.md", tuple(chunk)) for n, chunk in enumerate(chunks))
        page_of = {ident: path for path, chunk in pages for ident in chunk}
        return cls(kind, title, pages, page_of, dict(entries),
                   f"about {size} claims each" if weights is not None else f"at most {size}")

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
    events: dict[str, list[tuple[When, ClaimView]]] = field(default_factory=dict)
    """Claims with an event date, earliest first, in parts of at most CLAIMS_PAGE within a month."""
    event_page: dict[str, str] = field(default_factory=dict)
    """Claim id → the timeline page that shows its event."""
    site_url: str | None = None
    directory_urls: bool = True
    page_links: dict[tuple[str, bool], object] = field(default_factory=dict)
    """Each page's raw-HTML link maker (links.HtmlLinks.for_page), shared by its blocks."""
    claim_links: dict[str, tuple[object, ...]] = field(default_factory=dict)
    """Claim id → (topic, claim, its anchor's .md target and escaped attributed text), for links.HtmlLinks.claim
    (a claim is linked from a dozen listing pages)."""
    places: PlaceIndex = field(default_factory=PlaceIndex)
    """Each place with the claims whose events happened there."""
    quantity_cache: IndexCache | None = None
    html_pieces: dict[tuple[object, ...], object] = field(default_factory=dict, compare=False, repr=False)
    """Escaped HTML that many claim bodies repeat (a source's name and links, an attribution), made once per
    build (pages.claimhtml)."""

    @classmethod
    def build(cls, content: Content, seeds: SeedLibrary, cache: IndexCache | None = None) -> Index:
        index = cls(content, parties_of(content))
        cache = IndexCache() if cache is None else cache
        shared = (content.sources_doc, content.actors_doc, seeds.signature)
        for topic in content.topics:
            kept = cache.topics.get(topic.id)
            if kept is None or kept.key != Same(topic.topic, *shared):
                kept = cache.topics[topic.id] = index._parts(Same(topic.topic, *shared), topic, seeds)
            index._merge(kept)
        index.disagreeing_ids = {q.id for q in content.sheet.quantities
                                 if cache.per_quantity(index.figures[q.id], "disagrees", disagrees)}
        index.quantity_cache = cache
        index.listings = {
            "sources": Listing.lay_out("sources", "Sources", [(s.id, s.title) for s in content.sources]),
            "actors": Listing.lay_out("actors", "Who says what", [(a.id, a.name) for a in content.actors]),
            "figures": Listing.lay_out("figures", "Figures", [(q.id, q.label) for q in content.sheet.quantities]),
            # Topics on pages of about CLAIMS_PAGE claims, so that no page grows with the sheet.
            "matrix": Listing.lay_out("matrix", "Sources matrix", [(t.id, t.topic.title) for t in content.topics],
                                      size=CLAIMS_PAGE, weights={t.id: len(t.topic.claims) for t in content.topics}),
        }
        index.places = PlaceIndex.build(content.places, index.views.values())
        index.listings["places"] = Listing.lay_out("places", "Places", [(p.id, p.name) for p in content.places])
        index.events = index._timeline_parts()
        index.listings["timeline"] = Listing.lay_out(
            "timeline", "Timeline", [(part, index._part_label(part)) for part in index.events], size=CLAIMS_PAGE,
            weights={part: len(events) for part, events in index.events.items()})
        index.event_page = {view.claim.id: index.listings["timeline"].page_of[part]
                            for part, events in index.events.items() for _, view in events}
        for status in Status:
            counts = {t.id: cache.topics[t.id].statuses.get(status, 0) for t in content.topics}
            index.listings[f"status/{status.value}"] = Listing.lay_out(
                f"status/{status.value}", f"{STATUSES[status].label} claims",
                [(t.id, t.topic.title) for t in content.topics if counts[t.id]], size=CLAIMS_PAGE, weights=counts)
        return index

    def _view(self, topic: TopicFile, claim: Claim, seeds: SeedLibrary) -> ClaimView:
        links = []
        for item in claim.evidence:
            source = self.sources[item.source]
            links.append(link_to_passage(source.url, seeds.get(source.seed), item.quote) if source.url else None)
        return ClaimView(topic, claim, self.parties.support(claim), attributed_differently(claim, self.parties), tuple(links))

    def _parts(self, key: Same, topic: TopicFile, seeds: SeedLibrary) -> TopicParts:
        """What one topic adds to the lookups, grouped by source, party and quantity, in the claims' order."""
        parts = TopicParts(key, [self._view(topic, c, seeds) for c in topic.topic.claims],
                           statuses=Counter(c.status for c in topic.topic.claims))
        for view in parts.views:
            claim = view.claim
            for party in claim.claimed_by:
                parts.by_party.setdefault(party, []).append(("claims", Citation(topic, claim, claim.evidence[0])))
            for item in claim.evidence:
                citation = Citation(topic, claim, item)
                parts.citations.setdefault(item.source, []).append(citation)
                origin = item.via_chain[-1] if item.via_chain else None
                if origin and origin not in claim.claimed_by:
                    parts.by_party.setdefault(origin, []).append((item.stance.value, citation))
                for relay in item.via_chain[:-1]:  # "local media, citing the police": the media relay it
                    if relay not in claim.claimed_by:
                        parts.by_party.setdefault(relay, []).append(("relays", citation))
            for use in figure_uses(claim, self.parties, topic.id):
                parts.figures.setdefault(use.figure.quantity, []).append(use)
        return parts

    def _merge(self, parts: TopicParts) -> None:
        for view in parts.views:
            self.views[view.claim.id] = view
        for party, entries in parts.by_party.items():
            self.by_party[party] += entries
        for source, citations in parts.citations.items():
            self.citations[source] += citations
        for quantity, uses in parts.figures.items():
            self.figures[quantity] += uses

    @property
    def sources(self) -> dict[str, Source]:
        return self.parties.sources

    @property
    def quantities(self) -> list[Quantity]:
        return self.content.sheet.quantities

    def disagreeing(self) -> list[Quantity]:
        return [q for q in self.quantities if q.id in self.disagreeing_ids]

    def figure_groups(self, quantity_id: str) -> list[tuple[str, list[FigureUse]]]:
        """Each distinct figure with the evidence that gives it, largest first.

        One value is one figure however it is qualified: "12,000" and "about 12,000" are one
        row ("12,000 troops (also: about 12,000 troops)"), never two figures that disagree.
        """
        groups: dict[tuple[object, ...], list[FigureUse]] = {}
        for use in self.figures[quantity_id]:
            f = use.figure
            groups.setdefault((f.increment, f.unit.casefold(), f.span), []).append(use)
        out = []
        for key, uses in sorted(groups.items(), key=lambda g: (g[0][0], -g[0][2][1], g[0][1])):
            texts = list(dict.fromkeys(figure_text(u.figure) for u in uses))
            out.append((texts[0] + (f" (also: {', '.join(texts[1:])})" if len(texts) > 1 else ""), uses))
        return out

    def panel_rows(self, quantity_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """A "Sources disagree" panel's rows: each distinct figure and who gives it (attributions, dated),
        kept while the very same figures give it (a topic page's cache key holds them too)."""
        def work(uses: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
            return tuple((text, tuple(self.attributions(group, dated=True))) for text, group in self.figure_groups(quantity_id))
        cache = self.quantity_cache
        return cache.per_quantity(self.figures[quantity_id], "panel", work) if cache is not None else work(None)

    def key_claims(self, most: int = 6) -> list[ClaimView]:
        """The claims the home page leads with: those marked `key`, else the first of each topic."""
        marked = [v for v in self.views.values() if v.claim.key]
        if marked:
            return marked
        return [self.views[t.topic.claims[0].id] for t in self.content.topics][:most]

    def single_origin(self) -> list[ClaimView]:
        """Claims about the world that rest on one origin, however many outlets repeat them."""
        return [v for v in self.views.values()
                if v.claim.status is not Status.on_record and v.support.independent == 1]

    def with_status_count(self, status: Status) -> int:
        return sum(1 for v in self.views.values() if v.claim.status is status)

    def attributed(self, claim: Claim) -> str:
        """The claim in attributed voice, as headings and listings give it: "City Police says: …".

        Only what the sheet confirms, and statements that already name their speaker, read
        without a speaker in front: nothing else reads as the site's own assertion.
        """
        if claim.status in (Status.confirmed, Status.on_record):
            return claim.statement
        names = [self.parties.name(p) for p in claim.claimed_by]
        return f"{and_list(names)} {'says' if len(names) == 1 else 'say'}: {claim.statement}"

    def alternatives(self, claim: Claim) -> list[ClaimView]:
        """The rival accounts linked to a claim, either way round, in the sheet's order."""
        linked = self._rivals.get(claim.id)
        if not linked:
            return []
        return [self.views[i] for i in sorted((i for i in linked if i != claim.id and i in self.views), key=self._position.__getitem__)]

    @cached_property
    def _rivals(self) -> dict[str, set[str]]:
        # Both ways round, worked out once: a scan of every claim for each claim took 240 s at 10,000.
        linked: dict[str, set[str]] = defaultdict(set)
        for view in self.views.values():
            for other in view.claim.alternative_to:
                linked[view.claim.id].add(other)
                linked[other].add(view.claim.id)
        return linked

    @cached_property
    def _position(self) -> dict[str, int]:
        return {claim_id: n for n, claim_id in enumerate(self.views)}

    def rival_accounts(self) -> list[list[ClaimView]]:
        """Each set of claims linked as alternatives, once, for the home page's list of disagreements."""
        groups: list[list[ClaimView]] = []
        seen: set[str] = set()
        for view in self.views.values():
            if view.claim.id in seen or not self.alternatives(view.claim):
                continue
            group = [view, *self.alternatives(view.claim)]
            seen |= {v.claim.id for v in group}
            groups.append(group)
        return groups

    def party_to_conflict(self, use: FigureUse) -> bool:
        """Whether who gives a figure is a side of the conflict (shown beside it)."""
        actor = self.parties.actors.get(use.origin)
        return bool(actor and actor.party_to_conflict)

    def revisions(self, quantity_id: str) -> list[tuple[FigureUse, FigureUse]]:
        """(earlier, later) figures where a party revised its own figure."""
        return current_figures(self.figures[quantity_id])[1]

    def _timeline_parts(self) -> dict[str, list[tuple[When, ClaimView]]]:
        """Events by month of their start ('month-2024-10'), a busy month cut in parts ('month-2024-10-2')."""
        events = sorted(((parse_when(v.claim.happened), v) for v in self.views.values() if v.claim.happened),
                        key=lambda e: (e[0].start, e[0].end, e[1].claim.id))
        parts: dict[str, list[tuple[When, ClaimView]]] = {}
        month, n = "", 1
        for when, view in events:
            this = f"month-{when.start.year}-{when.start.month:02d}"
            if this != month:
                month, n = this, 1
            elif len(parts[_part(month, n)]) >= CLAIMS_PAGE:
                n += 1
            parts.setdefault(_part(month, n), []).append((when, view))
        return parts

    @staticmethod
    def _part_label(part: str) -> str:
        _, year, month, *more = part.split("-")
        return f"{MONTHS[int(month) - 1]} {year}" + (f" (part {more[0]})" if more else "")

    def timeline(self, ids: tuple[str, ...]) -> list[tuple[str, str, list[tuple[When, ClaimView]]]]:
        """(anchor, label, events) for the parts of the timeline on one page."""
        return [(part, self._part_label(part), self.events[part]) for part in ids]

    def with_status(self, status: Status, topic_ids: tuple[str, ...]) -> list[tuple[TopicFile, list[Claim]]]:
        """The claims of one status in each of these topics (a status page's), topics with none left out."""
        wanted = set(topic_ids)
        groups = [(t, [c for c in t.topic.claims if c.status is status]) for t in self.content.topics if t.id in wanted]
        return [(topic, claims) for topic, claims in groups if claims]

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
        """'local media, citing the police, in The Gazette (4 March 2024)' for each use, each said once."""
        seen: dict[str, None] = {}
        for use in uses:
            source = self.sources[use.item.source]
            given = use.given_on
            when = f" ({long_date(given) if given else 'undated'})" if dated else ""
            side = " (a party to the conflict)" if self.party_to_conflict(use) else ""
            seen[f"{self.parties.attribution(use.item)}{side}, in {source.publisher}{when}"] = None
        return list(seen)

    def chart(self, quantity_id: str, width: int = 360) -> list[tuple[str, int, int]]:
        """Bars for a small chart of the distinct figures: (label, bar length, number of sources)."""
        groups = self.figure_groups(quantity_id)
        largest = float(max(uses[0].figure.span[1] for _, uses in groups)) or 1.0
        return [(text, max(2, round(width * float(uses[0].figure.span[1]) / largest)), len({u.item.source for u in uses}))
                for text, uses in groups]

    def distinct_figures(self, quantity_id: str) -> int:
        return len(self.figure_groups(quantity_id))

    def panels(self, claim: Claim) -> list[Quantity]:
        """Quantities this claim gives figures for on which sources disagree, in the sheet's order."""
        mine = {f.quantity for item in claim.evidence for f in item.figures} & self.disagreeing_ids
        return [quantity for _, quantity in sorted(self._quantities[q] for q in mine)]

    @cached_property
    def _quantities(self) -> dict[str, tuple[int, Quantity]]:
        """Each quantity with its place in the sheet (looked up per claim, not searched)."""
        return {q.id: (n, q) for n, q in enumerate(self.quantities)}

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

    def latest(self, limit: int = 10) -> list[tuple[object, str, Claim, int]]:
        return latest_changes([(v.topic.id, v.claim) for v in self.views.values()], limit)

    def change_count(self) -> int:
        return sum(len(v.claim.history) for v in self.views.values())

    def status_counts(self, claims: list[Claim]) -> dict[Status, int]:
        counts = Counter(c.status for c in claims)
        return {status: counts.get(status, 0) for status in Status}


def _part(month: str, n: int) -> str:
    return month if n == 1 else f"{month}-{n}"


def topic_path(topic: TopicFile) -> str:
    return f"topics/{topic.id}.md"

