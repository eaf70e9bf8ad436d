"""The listing pages' most numerous entries, as raw HTML, written in plain Python.

Each function gives the lines of one entry (a source, an actor, a topic's claims of one
status, a month of the timeline); `rendering.raw_html` joins them into one raw HTML block.
Every value goes through `escape`, except the links `HtmlLinks` makes, already `Markup`.
Plain Python, not Jinja: at 10,000 claims the templates' own cost was most of the time.
The rarer entries (matrix, places, maps) stay templates in `templates/`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from markupsafe import escape

from ..check.statuses import STANCES
from ..read.content import TopicFile
from ..read.dates import long_date, when_text
from ..read.model import Actor, Claim, Source, Stance, When
from ..views.links import HtmlLinks, host
from ..views.siteindex import ClaimView, Index


def _claim_item(link: HtmlLinks, topic: TopicFile, claim: Claim) -> str:
    """A claim as listings name it: its status badge, then its link in attributed voice."""
    return f"{link.badge(claim.status)} {link.claim(topic, claim)}"


def _date(day: date) -> str:
    return escape(long_date(day))


def source_entry(index: Index, link: HtmlLinks, source: Source) -> Iterator[str]:
    """What a source is, where to read it, and the claims that cite it."""
    yield '<div class="fs-entry">'
    yield "<ul>"
    yield f"<li><strong>Publisher:</strong> {escape(source.publisher)} ({escape(source.kind.value)})</li>"
    if source.author:
        yield f"<li><strong>Author:</strong> {escape(source.author)}</li>"
    yield f"<li><strong>Published:</strong> {_date(source.published) if source.published else 'no date given'}</li>"
    if source.url:
        yield f'<li><strong>Link:</strong> <a href="{escape(source.url)}">{escape(host(source.url))}</a></li>'
    elif source.seed:
        yield ("<li><strong>Link:</strong> none. This text is not public online as far as the editors know: it reached"
               " them without an address, and every quote from it was checked, word for word, against the copy kept"
               f" with this fact sheet ({escape(source.seed)}). A reader cannot follow these quotes to the source itself.</li>")
    if source.archive_url:
        archive = source.archive_url
        yield f'<li><strong>Archived copy:</strong> <a href="{escape(archive)}">{escape(host(archive))}</a></li>'
    if source.retrieved:
        yield f"<li><strong>Retrieved:</strong> {_date(source.retrieved)}</li>"
    if source.language:
        checked = " and checked in its own text" if source.seed else ""
        yield (f"<li><strong>Language:</strong> {escape(source.language)}; quotes are given as the source wrote them"
               f"{checked}</li>")
    medium = escape(source.medium.value)
    if source.seed is None:
        yield (f"<li><strong>A {medium}, not a text:</strong> {escape(source.description)} Its evidence describes"
               " what it shows or says; it is not a quote checked word for word.</li>")
    elif source.medium.value != "text":
        described = f"{escape(source.description)} " if source.description else ""
        yield (f"<li><strong>A {medium}:</strong> {described}Quotes are checked against the transcript kept with"
               " this fact sheet.</li>")
    yield "</ul>"
    cited = index.citations[source.id]
    yield f"<p><strong>Cited by {len(cited)} claim{'s' if len(cited) != 1 else ''}:</strong></p>"
    yield "<ul>"
    for citation in cited:
        evidence = citation.evidence
        via = f", via {escape(index.parties.attribution(evidence))}" if evidence.via else ""
        yield (f"<li>{_claim_item(link, citation.topic, citation.claim)}"
               f" ({escape(STANCES[evidence.stance].label.lower())}{via})</li>")
    if not cited:
        yield "<li>No claim cites this source yet.</li>"
    yield "</ul>"
    yield "</div>"


def actor_entry(index: Index, link: HtmlLinks, actor: Actor) -> Iterator[str]:
    """Who an actor is, and each claim it makes, relays or takes a stance on."""
    yield '<div class="fs-entry">'
    country = f", {escape(actor.country)}" if actor.country else ""
    speaks_for = f"; speaks for {link.party(actor.part_of)}" if actor.part_of else ""
    party = "; a party to the conflict" if actor.party_to_conflict else ""
    yield f"<p>{escape(actor.kind.capitalize())}{country}{speaks_for}{party}.</p>"
    if actor.description:
        yield f"<p>{escape(actor.description)}</p>"
    yield "<ul>"
    roles = index.by_party[actor.id]
    for role, citation in roles:
        if role == "claims":
            what = "<strong>Claims</strong>"
        else:
            publisher = escape(index.sources[citation.evidence.source].publisher)
            label = "Relays" if role == "relays" else escape(STANCES[Stance(role)].label)
            what = f"<strong>{label}</strong> (as reported by {publisher})"
        yield f"<li>{what}: {_claim_item(link, citation.topic, citation.claim)}</li>"
    if not roles:
        yield "<li>No claim on this sheet involves this actor yet.</li>"
    yield "</ul>"
    yield "</div>"


def status_list(index: Index, link: HtmlLinks, groups: list[tuple[TopicFile, list[Claim]]]) -> Iterator[str]:
    """A status page's claims, topic by topic."""
    yield '<div data-pagefind-ignore="all">'
    for topic, claims in groups:
        yield f'<p id="{escape(topic.id)}"><strong>{escape(topic.topic.title)}</strong></p>'
        yield '<ul class="fs-status-list">'
        for claim in claims:
            yield f"<li>{_claim_item(link, topic, claim)}</li>"
        yield "</ul>"
    yield "</div>"


def timeline_month(index: Index, link: HtmlLinks, events: list[tuple[When, ClaimView]]) -> Iterator[str]:
    """A month of events, each with when it happened and, if known, when and by whom it was reported."""
    yield '<ul class="fs-timeline">'
    for when, view in events:
        claim = view.claim
        reported = ""
        if claim.claimed_on:
            parties = ", ".join(link.party(party) for party in claim.claimed_by)
            reported = f' <span class="fs-reported">(reported {_date(claim.claimed_on)} by {parties})</span>'
        yield (f'<li id="event-{escape(claim.id)}"><strong>{escape(when_text(when))}</strong>: '
               f"{_claim_item(link, view.topic, claim)}{reported}</li>")
    yield "</ul>"


ENTRIES: dict[str, Callable[..., Iterator[str]]] = {
    "source_entry": source_entry, "actor_entry": actor_entry, "status_list": status_list,
    "timeline_month": timeline_month,
}
"""The entries written here, by the name the listing templates give `entry_html`."""
