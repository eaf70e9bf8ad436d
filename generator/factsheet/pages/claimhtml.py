"""A claim's body, as one raw HTML block in its topic's Markdown, written in plain Python.

Markdown would cost three times as much to convert, and nothing inside a raw block is
Markdown, so text needs only HTML escaping: every value goes through `escape`, except the
links our `HtmlLinks` makes, which are already `Markup`. Plain Python, not a Jinja template:
a template's own cost (lookups, calls, autoescape) was most of the time at 10,000 claims.
Each function returns lines; the caller joins them and drops blank ones (a blank line would
end the raw block).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from markupsafe import escape

from ..check.evidence import figure_text
from ..check.statuses import STANCES
from ..read.dates import long_date, when_text
from ..read.model import Claim, Evidence, Quantity, Source, Stance, Status, parse_when
from ..views.links import HtmlLinks, host
from ..views.siteindex import Index

HOME_ATTRIBUTIONS = 3
"""How many attributions a "Sources disagree" row names before "and N more"."""
EVIDENCE_GROUPS = (("for", "Supporting"), ("against", "Against, or telling it differently"),
                   ("unconfirmed", "Cannot confirm"), ("neutral", "Mentioned, without support"))
_GROUP_OF = {Stance.asserts: "for", Stance.reports: "for", Stance.denies: "against", Stance.disputes: "against",
             Stance.differs: "against", Stance.cannot_confirm: "unconfirmed", Stance.mentions: "neutral"}
_GROUP_HEADS = tuple((group, f'<p class="fs-group fs-group--{group}"><strong>{title}</strong></p>')
                     for group, title in EVIDENCE_GROUPS)
_STANCE_HTML = {stance: f'<span class="fs-stance fs-stance--{escape(term.value)}">{escape(term.label)}</span>'
                for stance, term in STANCES.items()}
_AGAINST_OPEN = {stance: f' <em class="fs-against fs-against--{escape(stance.value)}">' for stance in Stance}


def claim_body(index: Index, link: HtmlLinks, claim: Claim, panel_owner: dict[str, str]) -> Iterator[str]:
    """The lines of a claim's body: verdict, panels, evidence, history."""
    cid = claim.id
    view = index.views[cid]
    yield '<div class="fs-claim">'
    yield from _verdict(index, link, claim)
    for quantity in index.panels(claim):
        yield from _panel(index, link, quantity, cid, panel_owner)
    yield from _attributed(view.attributed)
    # Each item keeps its place in the record in its id (matrix links), whichever group it is shown in.
    groups: dict[str, list[tuple[int, Evidence]]] = {}
    for n, item in enumerate(claim.evidence, start=1):
        groups.setdefault(_GROUP_OF[item.stance], []).append((n, item))
    anchor = escape(cid)
    passages = view.links
    for group, head in _GROUP_HEADS:
        items = groups.get(group)
        if items:
            yield head
            yield '<ul class="fs-evidence">'
            for n, item in items:
                yield _evidence_item(index, link, anchor, n, item, passages[n - 1])
            yield "</ul>"
    yield from _history(index, link, claim, anchor)
    yield "</div>"


def _verdict(index: Index, link: HtmlLinks, claim: Claim) -> Iterator[str]:
    """The status note, when and where, who claims it, how well it is supported, rivals, why."""
    cid = claim.id
    yield f'<p class="fs-verdict">{escape(claim.status_note)}</p>'
    if claim.conclusion:
        yield f'<p class="fs-conclusion"><strong>In short:</strong> {escape(claim.conclusion)}</p>'
    if claim.happened:
        timeline = escape(link.url(index.event_page[cid] + "#event-" + cid))
        yield (f'<p class="fs-when">Happened: <strong>{escape(when_text(parse_when(claim.happened)))}</strong>'
               f' · <a href="{timeline}">on the timeline</a></p>')
    if claim.places:
        places = ", ".join(f'<a href="{escape(link.anchor("places", place))}">{escape(index.places.name(place))}</a>'
                           for place in claim.places)
        yield f'<p class="fs-where">Where: {places}</p>'
    parties = ", ".join(link.party(party) for party in claim.claimed_by)
    when = f" on {_day(claim.claimed_on)}" if claim.claimed_on else "; the sources do not say when"
    yield f"<p>Claimed by {parties}{when}.</p>"
    support = index.views[cid].support
    sentence = support.reported_sentence() if claim.status is Status.on_record else support.sentence()
    against = "".join(f'{_AGAINST_OPEN[stance]}{escape(text)}</em>' for stance, text in support.against_lines())
    yield f"<p><strong>{escape(sentence)}</strong>{against}</p>"
    if claim.alternative_to:
        rivals = "; ".join(f"{link.badge(other.claim.status)} {link.claim(other.topic, other.claim)}"
                           for other in index.alternatives(claim))
        yield f'<p class="fs-alternatives">A rival account of the same events, with its own status: {rivals}</p>'
    if claim.status_reason:
        yield ('<div class="admonition note"><p class="admonition-title">Why this status</p>'
               f"<p>{escape(claim.status_reason)}</p></div>")


def _panel(index: Index, link: HtmlLinks, quantity: Quantity, cid: str, panel_owner: dict[str, str]) -> Iterator[str]:
    """"Sources disagree" on a quantity: the figures under its first claim on the page, a pointer under the others."""
    owner = panel_owner.get(quantity.id, cid)
    if owner != cid:
        yield (f'<p class="fs-see-panel">Sources disagree on {escape(quantity.label.lower())}: '
               f'<a href="#{escape(owner)}">see the figures under the claim above</a>.</p>')
        return
    yield f'<div class="admonition warning"><p class="admonition-title">Sources disagree: {escape(quantity.label)}</p>'
    yield ("<table><thead><tr><th>Figure</th><th>Given by (who, via which origin, in which source, when)</th></tr>"
           "</thead><tbody>")
    for text, who in index.panel_rows(quantity.id):
        named = "; ".join(escape(w) for w in who[:HOME_ATTRIBUTIONS])
        more = f"; and {len(who) - HOME_ATTRIBUTIONS} more" if len(who) > HOME_ATTRIBUTIONS else ""
        yield f"<tr><td><strong>{escape(text)}</strong></td><td>{named}{more}</td></tr>"
    yield "</tbody></table>"
    yield (f'<p><a href="{escape(link.anchor("figures", quantity.id))}">'
           "Every figure for this quantity, claim by claim</a></p></div>")


def _attributed(attributed: dict[str, list[str]]) -> Iterator[str]:
    """Sources that attribute the claim to different origins."""
    if not attributed:
        return
    yield ('<div class="admonition info"><p class="admonition-title">Attributed to different origins</p>'
           "<p>Sources attribute this claim to different parties:</p><ul>")
    for origin, publishers in attributed.items():
        yield f"<li><strong>{escape(origin)}</strong>, according to {', '.join(escape(p) for p in publishers)}</li>"
    yield "</ul></div>"


@dataclass(frozen=True)
class _SourceHtml:
    """What every item citing a source repeats, escaped once per build (a source is cited some 25 times at 10,000 claims)."""

    publisher: str
    published: str
    """Its date, or "undated"."""
    quote_open: str
    quote_close: str
    passage_close: str | None
    """What follows a passage link's URL: the link's text (None without a URL)."""
    archive: str | None
    """The link to the archived copy, for a source without a URL."""

    @classmethod
    def of(cls, index: Index, source_id: str) -> _SourceHtml:
        key = ("source", source_id)
        kept = index.html_pieces.get(key)
        if kept is None:
            kept = index.html_pieces[key] = cls._make(index.sources[source_id])
        return kept  # type: ignore[return-value]

    @classmethod
    def _make(cls, source: Source) -> _SourceHtml:
        if source.seed is None:
            quote_open = (f'<p class="fs-described"><em>Described, not a verified quote ({escape(source.medium.value)}):</em> ')
            quote_close = "</p>"
        else:
            lang = f' lang="{escape(source.language)}" dir="auto"' if source.language else ""
            quote_open, quote_close = f'<blockquote class="fs-quote"{lang}><p>', "</p></blockquote>"
        passage_close = None
        if source.url:
            verb = "See it" if source.seed is None else "Read it"
            passage_close = f'">{verb} at {escape(host(source.url))}</a>'
        archive = None
        if source.archive_url:
            archive = (f'<a class="fs-archive" href="{escape(source.archive_url)}">'
                       f"Archived copy at {escape(host(source.archive_url))}</a>")
        return cls(escape(source.publisher), _day(source.published) if source.published else "undated",
                   quote_open, quote_close, passage_close, archive)


@lru_cache(maxsize=4096)
def _day(day: date) -> str:
    """A date as text, escaped (a few hundred dates recur on thousands of items)."""
    return escape(long_date(day))


def _evidence_item(index: Index, link: HtmlLinks, anchor: str, n: int, item: Evidence, passage: str | None) -> str:
    """One item, on one line: stance, who and when, the quote set off as a quotation, its citation."""
    source = _SourceHtml.of(index, item.source)
    when = f"{_day(item.said_on)} (when it was said)" if item.said_on else source.published
    via = f", via {_via(index, item)}" if item.via else ""
    translation = (f'<p class="fs-translation">Translated by this sheet: “{escape(item.translation)}”</p>'
                   if item.translation else "")
    figures = "".join(f' · <strong class="fs-figure">{escape(figure_text(f))}</strong>' for f in item.figures)
    note = f" · {escape(item.note)}" if item.note else ""
    return (f'<li id="quote:{anchor}-{n}">{_STANCE_HTML[item.stance]} · {source.publisher}, {when}{via}'
            f"{source.quote_open}{escape(item.quote)}{source.quote_close}{translation}"
            f'<p class="fs-cite">{_citation(link, item.source, source, passage)}{figures}{note}</p></li>')


def _via(index: Index, item: Evidence) -> str:
    """Who the source attributes the item to, escaped: a chain names only its actors, and a few hundred
    chains recur on 20,000 items at 10,000 claims."""
    key = ("via", item.via_chain)
    kept = index.html_pieces.get(key)
    if kept is None:
        kept = index.html_pieces[key] = escape(index.parties.attribution(item))
    return kept  # type: ignore[return-value]


def _citation(link: HtmlLinks, source_id: str, source: _SourceHtml, passage: str | None) -> str:
    """One link: to the passage itself where the source is online, else an archived copy, else the
    source's entry, which says plainly where the text came from."""
    if passage:
        return f'<a class="fs-passage" href="{escape(passage)}{source.passage_close}'
    if source.archive is not None:
        return source.archive
    return (f'<a class="fs-nolink" href="{escape(link.anchor("sources", source_id))}">'
            "No public link: where this text came from</a>")


def _history(index: Index, link: HtmlLinks, claim: Claim, anchor: str) -> Iterator[str]:
    """When it was last reviewed, and each change of status."""
    history = claim.history
    reviewed = history[-1].date if history else index.content.sheet.as_of
    yield (f'<p class="fs-reviewed">Last reviewed {_day(reviewed)} · '
           f'<a class="fs-copy" href="#{anchor}">Link to this claim</a></p>')
    if not history:
        return
    yield f'<details class="fs-history"><summary>History ({len(history)} change{"s" if len(history) != 1 else ""})</summary>'
    yield "<ul>"
    for change in history:
        yield f"<li>{_day(change.date)}: {link.badge(change.status)} {escape(change.note)}</li>"
    yield "</ul>"
    yield "</details>"
