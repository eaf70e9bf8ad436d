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


def evidence_in(claim: Claim, group: str) -> list[tuple[int, Evidence]]:
    """(number in the record, item) of a claim's evidence in one group: for, against, cannot confirm, neutral."""
    return [(n, item) for n, item in enumerate(claim.evidence, start=1) if _GROUP_OF[item.stance] == group]


def claim_body(index: Index, link: HtmlLinks, claim: Claim, panel_owner: dict[str, str]) -> Iterator[str]:
    """The lines of a claim's body: verdict, panels, evidence, history."""
    cid = claim.id
    yield '<div class="fs-claim">'
    yield from _verdict(index, link, claim)
    for quantity in index.panels(claim):
        yield from _panel(index, link, quantity, cid, panel_owner)
    yield from _attributed(index.views[cid].attributed)
    for group, title in EVIDENCE_GROUPS:
        items = evidence_in(claim, group)
        if items:
            yield from _evidence_group(index, link, claim, group, title, items)
    yield from _history(index, link, claim)
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
    when = f" on {escape(long_date(claim.claimed_on))}" if claim.claimed_on else "; the sources do not say when"
    yield f"<p>Claimed by {parties}{when}.</p>"
    support = index.views[cid].support
    sentence = support.reported_sentence() if claim.status is Status.on_record else support.sentence()
    against = "".join(f' <em class="fs-against fs-against--{escape(stance.value)}">{escape(text)}</em>'
                      for stance, text in support.against_lines())
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
    for text, uses in index.figure_groups(quantity.id):
        who = index.attributions(uses, dated=True)
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


def _evidence_group(index: Index, link: HtmlLinks, claim: Claim, group: str, title: str,
                    items: list[tuple[int, Evidence]]) -> Iterator[str]:
    """One group of evidence (for, against...); ids keep each item's place in the record (matrix links)."""
    yield f'<p class="fs-group fs-group--{group}"><strong>{title}</strong></p>'
    yield '<ul class="fs-evidence">'
    passages = index.views[claim.id].links
    for n, item in items:
        yield _evidence_item(index, link, claim.id, n, item, passages[n - 1])
    yield "</ul>"


def _evidence_item(index: Index, link: HtmlLinks, cid: str, n: int, item: Evidence, passage: str | None) -> str:
    """One item, on one line: stance, who and when, the quote set off as a quotation, its citation."""
    stance = STANCES[item.stance]
    source = index.sources[item.source]
    spoken = item.said_on or source.published
    if spoken:
        when = escape(long_date(spoken)) + (" (when it was said)" if item.said_on else "")
    else:
        when = "undated"
    via = f", via {escape(index.parties.attribution(item))}" if item.via else ""
    if source.seed is None:
        quote = (f'<p class="fs-described"><em>Described, not a verified quote ({escape(source.medium.value)}):</em> '
                 f"{escape(item.quote)}</p>")
    else:
        lang = f' lang="{escape(source.language)}" dir="auto"' if source.language else ""
        quote = f'<blockquote class="fs-quote"{lang}><p>{escape(item.quote)}</p></blockquote>'
    translation = (f'<p class="fs-translation">Translated by this sheet: “{escape(item.translation)}”</p>'
                   if item.translation else "")
    figures = "".join(f' · <strong class="fs-figure">{escape(figure_text(f))}</strong>' for f in item.figures)
    note = f" · {escape(item.note)}" if item.note else ""
    return (f'<li id="quote:{escape(cid)}-{n}"><span class="fs-stance fs-stance--{escape(stance.value)}">'
            f"{escape(stance.label)}</span> · {escape(source.publisher)}, {when}{via}{quote}{translation}"
            f'<p class="fs-cite">{_citation(link, source, passage)}{figures}{note}</p></li>')


def _citation(link: HtmlLinks, source: Source, passage: str | None) -> str:
    """One link: to the passage itself where the source is online, else an archived copy, else the
    source's entry, which says plainly where the text came from."""
    if passage:
        verb = "See it" if source.seed is None else "Read it"
        return f'<a class="fs-passage" href="{escape(passage)}">{verb} at {escape(host(source.url))}</a>'
    if source.archive_url:
        archive = source.archive_url
        return f'<a class="fs-archive" href="{escape(archive)}">Archived copy at {escape(host(archive))}</a>'
    return (f'<a class="fs-nolink" href="{escape(link.anchor("sources", source.id))}">'
            "No public link: where this text came from</a>")


def _history(index: Index, link: HtmlLinks, claim: Claim) -> Iterator[str]:
    """When it was last reviewed, and each change of status."""
    history = claim.history
    reviewed = history[-1].date if history else index.content.sheet.as_of
    yield (f'<p class="fs-reviewed">Last reviewed {escape(long_date(reviewed))} · '
           f'<a class="fs-copy" href="#{escape(claim.id)}">Link to this claim</a></p>')
    if not history:
        return
    yield f'<details class="fs-history"><summary>History ({len(history)} change{"s" if len(history) != 1 else ""})</summary>'
    yield "<ul>"
    for change in history:
        yield f"<li>{escape(long_date(change.date))}: {link.badge(change.status)} {escape(change.note)}</li>"
    yield "</ul>"
    yield "</details>"
