"""The listing pages' most numerous entries, as raw HTML, written in plain Python.

Each function gives the lines of one entry (a source, an actor, a topic's claims of one
status, a month of the timeline, a quantity's figures); `rendering.raw_html` joins them into one raw HTML block.
Every value goes through `escape`, except the links `HtmlLinks` makes, already `Markup`.
Plain Python, not Jinja: at 10,000 claims the templates' own cost was most of the time.
The rarer entries (places, maps) stay templates in `templates/`.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from markupsafe import escape

from ..check.evidence import FigureUse, figure_text
from ..check.statuses import STANCES
from ..read.content import TopicFile
from ..read.dates import long_date, when_text
from ..read.model import Actor, Claim, Evidence, Quantity, Source, Stance, When
from ..views.escaping import plain_html
from ..views.links import HtmlLinks, host
from ..views.siteindex import ClaimView, Index


MATRIX_COLUMNS = 12
"""The most sources a topic's matrix shows as a table's columns; beyond them, a list is readable where a table is not."""


def _claim_item(link: HtmlLinks, topic: TopicFile, claim: Claim) -> str:
    """A claim as listings name it: its status badge (not a link: see `HtmlLinks.status`), then its link in
    attributed voice."""
    return f"{link.status(claim.status)} {link.claim(topic, claim)}"


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
               f" ({_stance_parts(evidence.stance, str.lower)[1]}{via})</li>")
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
    """A status page's claims, topic by topic: without a badge each, as the page is of one status."""
    yield '<div data-pagefind-ignore="all">'
    for topic, claims in groups:
        yield f'<p id="{escape(topic.id)}"><strong>{escape(topic.topic.title)}</strong></p>'
        yield '<ul class="fs-status-list">'
        for claim in claims:
            yield f"<li>{link.claim(topic, claim)}</li>"
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


def quantity_entry(index: Index, link: HtmlLinks, quantity: Quantity) -> Iterator[str]:
    """A quantity's figures: whether sources disagree (with a chart), revisions, and every figure given."""
    uses = index.figures[quantity.id]
    yield '<div class="fs-entry">'
    if quantity.id in index.disagreeing_ids:
        yield from _disagreement(index, quantity)
    elif uses:
        worded = (" Their figures are worded differently but can all be true together: an addition is never set"
                  " against a total, and a number inside a range, or above an \"at least\", agrees with it."
                  if index.distinct_figures(quantity.id) > 1 else "")
        yield f"<p>All sources that give a figure for this agree.{worded}</p>"
    else:
        yield "<p>No evidence gives a figure for this yet.</p>"
    revisions = index.revisions(quantity.id)
    if revisions:
        yield "<p><strong>Revised by those who gave them</strong> (a revision, not a disagreement):</p>"
        yield "<ul>"
        for earlier, later in revisions:
            yield (f"<li>{escape(index.parties.attribution(later.item))}: {_figure_on(earlier)}, then "
                   f"{_figure_on(later)}</li>")
        yield "</ul>"
    if uses:
        yield ('<table class="fs-stack"><thead><tr><th>Figure</th><th>Attributed to</th><th>Source</th><th>Date</th>'
               "<th>Claim</th></tr></thead><tbody>")
        for use in uses:
            yield _figure_row(index, link, use)
        yield "</tbody></table>"
    yield "</div>"


def _disagreement(index: Index, quantity: Quantity) -> Iterator[str]:
    """The warning and a bar chart of the distinct figures, drawn as inline SVG."""
    yield ('<div class="admonition warning"><p class="admonition-title">Sources disagree</p>'
           f"<p>{index.distinct_figures(quantity.id)} different figures are given for this.</p></div>")
    bars = index.chart(quantity.id)
    height = len(bars) * 28 + 4
    chart_id = escape(f"chart-{quantity.id}")
    yield (f'<svg class="fs-chart" role="img" viewBox="0 0 640 {height}" width="640" height="{height}"'
           f' aria-labelledby="{chart_id}">')
    summary = "; ".join(f"{escape(text)} ({_sources(count)})" for text, _, count in bars)
    yield f'<title id="{chart_id}">{escape(quantity.label)}: {summary}</title>'
    for n, (text, width, count) in enumerate(bars):
        yield f'<rect x="0" y="{n * 28 + 4}" width="{width}" height="20" rx="3"></rect>'
        yield f'<text x="{width + 8}" y="{n * 28 + 19}">{escape(text)} · {_sources(count)}</text>'
    yield "</svg>"


def _sources(count: int) -> str:
    return f"{count} source{'s' if count != 1 else ''}"


def _figure_on(use: FigureUse) -> str:
    """A figure, with the day it was given if known."""
    day = f" ({_date(use.given_on)})" if use.given_on else ""
    return f"{escape(figure_text(use.figure))}{day}"


def _figure_row(index: Index, link: HtmlLinks, use: FigureUse) -> str:
    """One figure: who gives it (and whether a party to the conflict), where, when, for which claim."""
    party = ' <em class="fs-party">(a party to the conflict)</em>' if index.party_to_conflict(use) else ""
    given_on = _date(use.given_on) if use.given_on else "undated"
    claim = use.claim
    return (f'<tr><td data-label="Figure"><strong>{escape(figure_text(use.figure))}</strong></td>'
            f'<td data-label="Attributed to">{escape(index.parties.attribution(use.item))}{party}</td>'
            f'<td data-label="Source">{link.source(use.item.source)}</td><td data-label="Given on">{given_on}</td>'
            f'<td data-label="Claim">{_claim_item(link, index.views[claim.id].topic, claim)}</td></tr>')


def matrix_topic(index: Index, link: HtmlLinks, topic: TopicFile) -> Iterator[str]:
    """Which source says what about each of a topic's claims: a table of claims by sources, each cell the
    source's stances linked to their citations; with too many sources for a table, a list of the same."""
    sources, rows = index.matrix(topic)
    yield '<div data-pagefind-ignore="all">'
    if len(sources) > MATRIX_COLUMNS:
        yield '<ul class="fs-matrix-list">'
        for claim, cells in rows:
            said = " · ".join(f"{link.source(source_id)} " + "".join(_stance(link, topic, claim, n, item, str.lower)
                                                                      for n, item in items)
                              for source_id, items in cells.items())
            yield f"<li>{link.claim(topic, claim)}: {said}</li>"
        yield "</ul>"
    else:
        yield '<div class="fs-matrix md-typeset__scrollwrap"><div class="md-typeset__table"><table class="fs-stack">'
        yield f'<thead><tr><th>Claim</th>{"".join(f"<th>{link.source(s)}</th>" for s in sources)}</tr></thead>'
        yield "<tbody>"
        labels = [escape(index.sources[s].publisher) for s in sources]
        for claim, cells in rows:
            row = "".join(f'<td data-label="{label}">'
                          + "<br>".join(_stance(link, topic, claim, n, item, str) for n, item in cells.get(s, ())) + "</td>"
                          for s, label in zip(sources, labels))
            yield f'<tr><td data-label="Claim">{link.status(claim.status)} {link.claim(topic, claim)}</td>{row}</tr>'
        yield "</tbody></table></div></div>"
    yield "</div>"


def _stance(link: HtmlLinks, topic: TopicFile, claim: Claim, number: int, item: Evidence,
            case: Callable[[str], str]) -> str:
    opening, label = _stance_parts(item.stance, case)
    return f'{opening}{link.citation_href(topic, claim, number)}">{label}</a>'


@functools.lru_cache(maxsize=None)
def _stance_parts(stance: Stance, case: Callable[[str], str]) -> tuple[str, str]:
    """A stance link's opening up to its href, and its label, escaped once per build, not once per cell."""
    return f'<a class="fs-stance fs-stance--{escape(stance.value)}" href="', escape(case(STANCES[stance].label))


def listing_links(index: Index, link: HtmlLinks, kind: str, labels: dict[str, str], ids: tuple[str, ...]) -> list[str]:
    """A listing index's part: a link to each entry, as the HTML Python-Markdown made of the Markdown list
    (sources/index.md lists a thousand); no lines at all if a label is not plain text (`plain_html`),
    and the template writes the list in Markdown."""
    lines = ["<ul>"]
    for ident in ids:
        text = plain_html(labels[ident])
        if text is None:
            return []
        lines.append(f'<li><a href="{escape(link.anchor(kind, ident))}">{text}</a></li>')
    lines.append("</ul>")
    return lines


ENTRIES: dict[str, Callable[..., Iterable[str]]] = {
    "source_entry": source_entry, "actor_entry": actor_entry, "status_list": status_list,
    "timeline_month": timeline_month, "quantity_entry": quantity_entry, "matrix_topic": matrix_topic,
    "listing_links": listing_links,
}
"""The entries written here, by the name the listing templates give `entry_html`."""
