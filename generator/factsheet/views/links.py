"""Links between generated pages: Markdown links for the Markdown parts, final site URLs for raw HTML."""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from .escaping import Md, md_id, md_text
from ..read.model import Claim, Status
from ..read.content import TopicFile
from .siteindex import Index, topic_path
from ..check.statuses import STATUSES, Term

def page_url(target: str, here: str, directory_urls: bool = True) -> str:
    """The relative URL from the page made of `here` (a .md path) to `target` (.md path, maybe #anchor).

    Raw HTML is not rewritten by MkDocs, so its links must be the built site's own URLs.
    """
    path, _, anchor = target.partition("#")
    return _page_to_page(path, here, directory_urls) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)  # each page to each other page: at 10,000 claims, 4,096 kept missing ten thousand times
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


def host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
    return host.removeprefix("www.")


def badge(term: Term, root: str) -> Md:
    """A status badge: icon and word, coloured by CSS, linking to its definition."""
    return Md(f"[{term.label}]({root}method.md#status-{term.value}){{ .fs-badge .fs-badge--{term.value} }}")


@dataclass(frozen=True)
class Links:
    """Markdown links between generated pages, relative to the page being written."""

    index: Index
    root: str

    def badge(self, status: Status) -> Md:
        return badge(STATUSES[status], self.root)

    def listing(self, kind: str) -> Md:
        return Md(f"{self.root}{kind}/index.md")

    def anchor(self, kind: str, ident: str) -> Md:
        """Where a source, actor or quantity has its entry, from the page being written."""
        return Md(f"{self.root}{self.index.listings[kind].page_of[ident]}#{md_id(ident)}")

    def page(self, path: str) -> Md:
        return Md(f"{self.root}{path}")

    def claim(self, topic: TopicFile, claim: Claim) -> Md:
        """A link to a claim, in attributed voice (who claims it), as every listing gives it."""
        return Md(f"[{md_text(self.index.attributed(claim))}]({self.root}{topic_path(topic)}#{md_id(claim.id)})")



@dataclass(frozen=True)
class HtmlLinks:
    """Links for the raw-HTML parts of a page: final site URLs, escaped text.

    One per page (see `for_page`), remembering each link it made: a topic page names the
    same sources and actors for claim after claim.
    """

    index: Index
    here: str
    directory_urls: bool
    _made: dict[tuple[str, str], Markup] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_page(cls, index: Index, here: str, directory_urls: bool) -> HtmlLinks:
        key = (here, directory_urls)
        links = index.page_links.get(key)
        if links is None:
            links = index.page_links[key] = cls(index, here, directory_urls)
        return links  # type: ignore[return-value]

    def url(self, target: str) -> str:
        return page_url(target, self.here, self.directory_urls)

    def badge(self, status: Status) -> Markup:
        term = STATUSES[status]
        return self._kept(("badge", term.value), lambda: Markup(
            f'<a class="fs-badge fs-badge--{term.value}" href="{self.url(f"method.md#status-{term.value}")}">{term.label}</a>'))

    def status(self, status: Status) -> Markup:
        """A status badge that is not a link, for lists of claims: each entry's one link is its claim
        (a badge link beside it was a second tab stop and a small target to miss on a phone); the list's
        introduction links to what the statuses mean, once."""
        made = self._made.get(("status", status))
        if made is None:
            term = STATUSES[status]
            made = self._made[("status", status)] = Markup(f'<span class="fs-badge fs-badge--{term.value}">{term.label}</span>')
        return made

    def anchor(self, kind: str, ident: str) -> str:
        return self.url(f"{self.index.listings[kind].page_of[ident]}#{md_id(ident)}")

    def party(self, party_id: str) -> Markup:
        if party_id in self.index.parties.actors:
            return self._kept(("actor", party_id),
                              lambda: _a(self.anchor("actors", party_id), self.index.parties.actors[party_id].name))
        return self.source(party_id)

    def source(self, source_id: str) -> Markup:
        made = self._made.get(("source", source_id))
        if made is None:
            made = self._made[("source", source_id)] = _a(self.anchor("sources", source_id),
                                                          self.index.sources[source_id].publisher)
        return made

    def _kept(self, key: tuple[str, str], make: Callable[[], Markup]) -> Markup:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = make()
        return made

    def claim(self, topic: TopicFile, claim: Claim) -> Markup:
        """A link to a claim, in attributed voice (who claims it), as every listing gives it."""
        kept = self.index.claim_links.get(claim.id)
        if kept is None or kept[0] is not topic or kept[1] is not claim:
            # What every page's link to the claim shares: its topic page, its anchor and its text, escaped
            # (escaping goes character by character, so the page's URL and the anchor are escaped apart).
            kept = self.index.claim_links[claim.id] = (
                topic, claim, topic_path(topic), escape(f"#{md_id(claim.id)}"), escape(self.index.attributed(claim)))
        return Markup(f'<a href="{self._page_href(kept[2])}{kept[3]}">{kept[4]}</a>')

    def citation_href(self, topic: TopicFile, claim: Claim, number: int) -> str:
        """The URL of a claim's numbered evidence item, escaped for an attribute: an id has no character
        that escaping changes (ID_PATTERN: a-z, 0-9 and '-')."""
        return f"{self._page_href(topic_path(topic))}#quote:{md_id(claim.id)}-{number}"

    def _page_href(self, path: str) -> str:
        """The URL of the page made of `path` (a .md path without an anchor), escaped: once per page linked to."""
        href = self._made.get(("href", path))
        if href is None:
            href = self._made[("href", path)] = escape(_page_to_page(path, self.here, self.directory_urls))
        return href


def _a(href: str, text: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')

