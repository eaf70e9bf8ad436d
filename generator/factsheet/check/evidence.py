"""What the evidence of a claim adds up to: origins, independence, status rules, figures.

An item of evidence comes from an *origin*: the last actor of its `via` chain (the party
the source attributes it to), or the source's publisher when the source reports in its
own voice. Two origins are independent only if they do not share a root: actors that
speak for another (`part_of`) count as that other. Five outlets repeating the police are
one origin, not five confirmations.
"""
from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from ..read.content import Content
from ..read.model import SCALES, Actor, Claim, Evidence, Figure, Qualifier, Source, Stance, Status, number_value

SUPPORTING = (Stance.asserts, Stance.reports)
NEUTRAL = (Stance.mentions,)
"""Reports that a claim is made without supporting it ("each side denied responsibility"): counts for nothing."""
AGAINST = (Stance.denies, Stance.disputes, Stance.differs, Stance.cannot_confirm)


@dataclass(frozen=True)
class Origin:
    """Where an item of evidence comes from, and the root that decides independence."""

    key: str
    """The origin actor's id, or `source:<publisher>` for a source's own reporting."""
    name: str
    root: str
    root_name: str


class Parties:
    """Actors and sources by id, with the `part_of` roots worked out once."""

    def __init__(self, actors: list[Actor], sources: list[Source]) -> None:
        self.actors = {a.id: a for a in actors}
        self.sources = {s.id: s for s in sources}
        self._origins: dict[tuple[str, tuple[str, ...]], Origin] = {}
        self._support: dict[int, tuple[Claim, Corroboration]] = {}

    def support(self, claim: Claim) -> Corroboration:
        """The claim's corroboration, worked out once per build (the status rules and its page both ask)."""
        kept = self._support.get(id(claim))
        if kept is None or kept[0] is not claim:
            kept = self._support[id(claim)] = (claim, corroboration(claim, self))
        return kept[1]

    def root(self, actor_id: str) -> str:
        seen = {actor_id}
        current = actor_id
        while (parent := self.actors[current].part_of) and parent in self.actors and parent not in seen:
            seen.add(parent)
            current = parent
        return current

    def origin(self, item: Evidence) -> Origin:
        key = (item.source, item.via_chain)
        known = self._origins.get(key)
        if known is None:
            known = self._origins[key] = self._origin(item)
        return known

    def own_voice(self, source_id: str) -> Source:
        """Whose voice a source's own reporting is: its own, or that of the source it copies (`based_on`)."""
        source = self.sources[source_id]
        seen = {source_id}
        while source.based_on and source.based_on[0] in self.sources and source.based_on[0] not in seen:
            seen.add(source.based_on[0])
            source = self.sources[source.based_on[0]]
        return source

    def _origin(self, item: Evidence) -> Origin:
        chain = item.via_chain
        if chain:
            actor = chain[-1]
            root = self.root(actor)
            return Origin(actor, self.actors[actor].name, root, self.actors[root].name)
        # An outlet's own voice is its own origin, not independent of a source it copies (`based_on`).
        publisher = self.sources[item.source].publisher
        return Origin(f"source:{publisher}", publisher, self.party_root(item.source), self.own_voice(item.source).publisher)

    def party_root(self, party_id: str) -> str:
        """The root that decides independence for a claimant or origin: an actor's `part_of` root, or a
        source's own voice (the voice of the source it copies, if it copies one)."""
        if party_id in self.actors:
            return self.root(party_id)
        return f"source:{self.own_voice(party_id).publisher}"

    def name(self, party_id: str) -> str:
        if party_id in self.actors:
            return self.actors[party_id].name
        return self.sources[party_id].publisher

    def attribution(self, item: Evidence) -> str:
        """'Local media, citing City Police (CP)', or the publisher."""
        chain = item.via_chain
        if not chain:
            voice = self.own_voice(item.source)
            publisher = self.sources[item.source].publisher
            if voice.id != item.source:
                return f"{publisher} (rewriting {voice.publisher})"
            return f"{publisher} (own reporting)"
        return ", citing ".join(self.actors[a].name for a in chain)


_PARTIES: weakref.WeakKeyDictionary[Content, Parties] = weakref.WeakKeyDictionary()


def parties_of(content: Content) -> Parties:
    """One Parties per build's content, shared by the status rules and the pages."""
    kept = _PARTIES.get(content)
    if kept is None:
        kept = _PARTIES[content] = Parties(content.actors, content.sources)
    return kept


@dataclass(frozen=True)
class Corroboration:
    """How a claim's supporting evidence is spread over outlets and independent origins."""

    outlets: tuple[str, ...]
    """Publishers of the sources that assert or report the claim."""
    origins: tuple[tuple[str, tuple[Origin, ...]], ...]
    """Independent origins: (root name, the distinct origins under that root)."""
    against: tuple[tuple[Stance, str], ...]
    """(stance, who) for denials, disputes and cannot-confirms."""

    @property
    def independent(self) -> int:
        return len(self.origins)

    def sentence(self) -> str:
        """The plain statement a reader sees first."""
        n = len(self.outlets)
        outlets = f"{n} outlet{'s' if n != 1 else ''}"
        if not self.origins:
            return "No source asserts or reports this claim."
        names = self.origin_names()
        if len(names) == 1:
            every = "all citing" if n > 1 else "citing"
            return f"Reported by {outlets}, {every} one origin: {names[0]}."
        return f"Reported by {outlets}, citing {len(names)} independent origins: {and_list(names)}."

    def reported_sentence(self) -> str:
        """For a statement on the record: how many outlets report that it was made."""
        n = len(self.outlets)
        return f"Reported as said by {n} outlet{'s' if n != 1 else ''}." if n else "No source reports it was said."

    def against_lines(self) -> list[tuple[Stance, str]]:
        """'The ministry (its spokesman) denies it.', 'The Gazette's account differs.', with the stance for its icon."""
        verbs = {Stance.denies: "denies it", Stance.disputes: "disputes it", Stance.cannot_confirm: "cannot confirm it"}
        return [(stance, f"{who}'s account differs." if stance is Stance.differs else f"{who} {verbs[stance]}.")
                for stance, who in self.against]

    def origin_names(self) -> list[str]:
        """Each independent origin's name: the origin itself, or its root when sources name several under it."""
        return [group[0].name if len(group) == 1 else group[0].root_name for _, group in self.origins]


def corroboration(claim: Claim, parties: Parties) -> Corroboration:
    outlets: dict[str, None] = {}
    roots: dict[str, dict[str, Origin]] = defaultdict(dict)
    against: dict[tuple[Stance, str], None] = {}
    # One article is one line of evidence: an outlet that attributes the claim to someone does
    # not become a second origin by also saying it in its own voice.
    attributing = {item.source for item in claim.evidence if item.stance in SUPPORTING and item.via_chain}
    for item in claim.evidence:
        if item.stance in SUPPORTING:
            outlets[parties.sources[item.source].publisher] = None
            if item.via_chain or item.source not in attributing:
                origin = parties.origin(item)
                roots[origin.root].setdefault(origin.key, origin)
        elif item.stance in AGAINST:
            against[(item.stance, against_party(item, parties))] = None
    groups = tuple((next(iter(g.values())).root_name, tuple(g.values())) for g in roots.values())
    return Corroboration(tuple(outlets), groups, tuple(against))


def against_party(item: Evidence, parties: Parties) -> str:
    """Who an item against a claim names: the party that denies, disputes or cannot confirm it,
    or, for an account that differs, the outlet whose account it is."""
    if item.stance is Stance.differs:
        publisher = parties.sources[item.source].publisher
        return publisher if not item.via_chain else f"{publisher} ({parties.attribution(item)})"
    return parties.origin(item).name


def attributed_differently(claim: Claim, parties: Parties) -> dict[str, list[str]]:
    """Origin name → publishers, where sources name different origins under one root.

    e.g. one outlet says the police said it, another an unnamed official at city hall:
    the same statement, attributed to different origins.
    """
    by_root: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item in claim.evidence:
        if item.stance in SUPPORTING and item.via_chain:
            origin = parties.origin(item)
            publishers = by_root[origin.root][origin.name]
            publisher = parties.sources[item.source].publisher
            if publisher not in publishers:
                publishers.append(publisher)
    out: dict[str, list[str]] = {}
    for names in by_root.values():
        if len(names) > 1:
            out.update(names)
    return out


# -- status rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    text: str
    """The rule as the method page states it."""


RULES = [
    Rule("denial-means-denied-or-disputed", "A claim that a party denies is *denied by its subject* or *disputed*, never *confirmed* or *unconfirmed*."),
    Rule("dispute-means-disputed", "A claim that a party or source disputes is *disputed* (or *denied by its subject*, when a party also denies it)."),
    Rule("difference-means-disputed", "A claim on which the sources' accounts differ (a figure, who said it, what happened) is *disputed*."),
    Rule("confirmed-needs-two-origins", "A claim is *confirmed* only when at least two independent origins support it."),
    Rule("denied-needs-a-denial", "A claim is *denied by its subject* only when the evidence includes a denial."),
    Rule("supported-denial-is-disputed", "A denied claim that two or more independent origins support is *disputed*: the denial does not outweigh them."),
    Rule("disputed-needs-a-disagreement", "A claim is *disputed* only when a party denies or disputes it, or the sources' accounts differ, their figures disagree or they name different origins."),
    Rule("on-record-needs-the-speaker", "A statement is *on the record* only when a source attributes it to the party that made it."),
]
RULE = {r.name: r for r in RULES}
WARNING_RULES = {"supported-denial-is-disputed"}
"""Rules added after content was written with the older ones: a warning, so old sheets keep building."""


def status_violations(claim: Claim, parties: Parties) -> list[tuple[Rule, str]]:
    """The rules the claim's status breaks, each with what in the evidence breaks it."""
    stances = {item.stance for item in claim.evidence}
    support = parties.support(claim)
    status = claim.status
    found: list[tuple[Rule, str]] = []
    if status is Status.on_record:
        speakers = {parties.party_root(p) for p in claim.claimed_by}
        if not any(item.stance in SUPPORTING and parties.origin(item).root in speakers for item in claim.evidence):
            found.append((RULE["on-record-needs-the-speaker"],
                          f"no item says {and_list([parties.name(p) for p in claim.claimed_by])} said it (give `via:`)"))
        return found
    def named(stance: Stance) -> list[str]:  # asked only for a broken rule (a list for each stance took longer)
        return [who for s, who in support.against if s is stance]

    if Stance.denies in stances and status not in (Status.denied, Status.disputed):
        deniers = named(Stance.denies)
        found.append((RULE["denial-means-denied-or-disputed"], f"{and_list(deniers)} {'deny' if len(deniers) > 1 else 'denies'} it"))
    elif Stance.disputes in stances and status not in (Status.disputed, Status.denied):
        disputers = named(Stance.disputes)
        found.append((RULE["dispute-means-disputed"], f"{and_list(disputers)} {'dispute' if len(disputers) > 1 else 'disputes'} it"))
    elif Stance.differs in stances and status not in (Status.disputed, Status.denied):
        found.append((RULE["difference-means-disputed"], f"{and_list(named(Stance.differs))}: the account differs"))
    if status is Status.confirmed and support.independent < 2:
        names = ", ".join(support.origin_names()) or "none"
        found.append((RULE["confirmed-needs-two-origins"], f"{support.independent} independent origin supports it ({names})"))
    if status is Status.denied and Stance.denies not in stances:
        found.append((RULE["denied-needs-a-denial"], "no evidence item has stance 'denies'"))
    if status is Status.denied and Stance.denies in stances and support.independent >= 2:
        found.append((RULE["supported-denial-is-disputed"],
                      f"{support.independent} independent origins support it ({and_list(support.origin_names())})"))
    if status is Status.disputed and not (stances & {Stance.denies, Stance.disputes, Stance.differs}
                                          or claim_figures_disagree(claim, parties) or attributed_differently(claim, parties)):
        found.append((RULE["disputed-needs-a-disagreement"],
                      "no item denies, disputes or differs, and its figures and attributions agree"))
    return found


def and_list(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureUse:
    """A figure where it stands: which claim, which evidence, who gives it, and when."""

    figure: Figure
    claim: Claim
    item: Evidence
    topic_id: str
    given_on: date | None = None
    """When the figure was given: the item's `said_on`, else its source's date."""
    origin: str = ""
    """The root of who gives it, for telling a party's revision of its own figure from a disagreement."""

    def shown(self) -> str:
        return figure_text(self.figure)


QUALIFIER_WORDS = {Qualifier.exactly: "", Qualifier.about: "about ", Qualifier.at_least: "at least ",
                   Qualifier.more_than: "more than ", Qualifier.up_to: "up to "}


def figure_text(figure: Figure) -> str:
    """'about 10,000 troops', 'between 100 and 300 dead', 'an additional 10,000 troops', '6.30 km'."""
    if figure.value is None:
        amount = f"between {_grouped(figure.low or '')} and {_grouped(figure.high or '')}"
    else:
        amount = _grouped(figure.value)
    extra = "an additional " if figure.increment else ""
    return f"{extra}{QUALIFIER_WORDS[figure.qualifier]}{amount} {figure.unit}"


def _grouped(typed: str) -> str:
    """A number as typed, with thousands separators added to plain whole numbers (12000 → 12,000)."""
    return f"{int(typed):,}" if typed.isdigit() else typed


def _interval(figure: Figure) -> tuple[Decimal, Decimal | None]:
    """The values a figure allows, as its qualifier words it: 'at least 6' allows 6 and anything above."""
    low, high = figure.span
    if figure.qualifier in (Qualifier.at_least, Qualifier.more_than):
        return low, None
    if figure.qualifier is Qualifier.up_to:
        return Decimal(0), high
    return low, high


def _compatible(a: Figure, b: Figure) -> bool:
    """Two figures agree when the values they allow meet: equal numbers, or a point inside a range."""
    (a_low, a_high), (b_low, b_high) = _interval(a), _interval(b)
    return (a_high is None or b_low <= a_high) and (b_high is None or a_low <= b_high)


def current_figures(uses: list[FigureUse]) -> tuple[list[FigureUse], list[tuple[FigureUse, FigureUse]]]:
    """The figures still standing, and (earlier, later) pairs where a party revised its own figure.

    A party's later, different figure replaces its earlier one (a toll revised from 500 to 471):
    that is a revision, not a disagreement with itself.
    """
    by_origin: dict[tuple[str, bool, str], list[FigureUse]] = defaultdict(list)
    for use in uses:
        by_origin[(use.origin, use.figure.increment, use.figure.unit.casefold())].append(use)
    standing: list[FigureUse] = []
    revisions: list[tuple[FigureUse, FigureUse]] = []
    for group in by_origin.values():
        dated = sorted((u for u in group if u.given_on), key=lambda u: u.given_on)  # type: ignore[arg-type, return-value]
        latest = dated[-1] if dated else None
        for use in group:
            if latest is not None and use.given_on and use.given_on < latest.given_on and not _compatible(use.figure, latest.figure):
                revisions.append((use, latest))
            else:
                standing.append(use)
    return standing, revisions


def figure_uses(claim: Claim, parties: Parties, topic_id: str) -> list[FigureUse]:
    """Every figure of a claim's evidence, dated and with the root of who gives it."""
    uses = []
    for item in claim.evidence:
        if item.figures:
            given_on = item.said_on or parties.sources[item.source].published
            root = parties.origin(item).root
            uses += [FigureUse(f, claim, item, topic_id, given_on, root) for f in item.figures]
    return uses


def claim_figures_disagree(claim: Claim, parties: Parties) -> bool:
    """Whether the figures a claim's own evidence gives disagree, quantity by quantity."""
    by_quantity: dict[str, list[FigureUse]] = defaultdict(list)
    for use in figure_uses(claim, parties, ""):
        by_quantity[use.figure.quantity].append(use)
    return any(disagrees(uses) for uses in by_quantity.values())


def disagrees(uses: list[FigureUse]) -> bool:
    """Sources disagree when the figures still standing count different things or allow no common value.

    Additions ("an additional 10,000") are compared only with additions, never with totals.
    """
    standing, _ = current_figures(uses)
    for increment in (False, True):
        group = [u for u in standing if u.figure.increment is increment]
        if len({u.figure.unit.casefold() for u in group}) > 1:
            return True
        if any(not _compatible(a.figure, b.figure) for i, a in enumerate(group) for b in group[i + 1:]):
            return True
    return False


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty"]


def _forms(typed: str) -> set[str]:
    """How a quote may write the number typed: 12000 as 12000, 12,000 or 12K; 1200000 as 1.2 million."""
    value = number_value(typed)
    forms = {typed}
    if value == value.to_integral_value():
        whole = int(value)
        forms |= {str(whole), f"{whole:,}"}
        if whole >= 1000 and whole % 1000 == 0:
            forms |= {f"{whole // 1000}K", f"{whole // 1000}k"}
        for word, scale in SCALES.items():
            if whole >= scale and scale >= 10**6:
                amount = Decimal(whole) / scale
                text = f"{amount.normalize():f}"
                if len(text.replace(".", "")) <= 4:
                    forms |= {f"{text} {word}", f"{text}{word[0]}", f"{text} {word[0]}"}
    return forms


@lru_cache(maxsize=4096)
def _number_patterns(typed: str) -> tuple[re.Pattern[str], ...]:
    """What value_in_quote looks for, compiled once per number typed (a sheet repeats its figures):
    the number's word, if it has one, and every form of its digits as one alternation (which matches
    where any one of them would, each with its own lookarounds)."""
    value = number_value(typed)
    found = []
    if value == value.to_integral_value() and 0 <= int(value) < len(NUMBER_WORDS):
        found.append(re.compile(rf"\b{NUMBER_WORDS[int(value)]}\b", re.IGNORECASE))
    forms = "|".join(re.escape(form) for form in sorted(_forms(typed)))
    found.append(re.compile(rf"(?<![\d,.])(?:{forms})(?![\d]|[.,]\d|[a-z])", re.IGNORECASE))
    return tuple(found)


def value_in_quote(typed: str, quote: str) -> bool:
    """Whether the quote states the number as typed: in digits (with or without separators), with a scale word, or as a word."""
    text = quote.replace("\u00a0", " ")
    return any(pattern.search(text) for pattern in _number_patterns(typed))


def figure_values(figure: Figure) -> list[str]:
    """The numbers a figure's quote must state: its value, or both ends of its range."""
    return [figure.value] if figure.value is not None else [figure.low or "", figure.high or ""]


def latest_changes(claims: list[tuple[str, Claim]], limit: int = 10) -> list[tuple[date, str, Claim, int]]:
    """The newest history entries across the sheet: (date, topic id, claim, index in its history)."""
    entries = [(change.date, topic_id, claim, i) for topic_id, claim in claims for i, change in enumerate(claim.history)]
    entries.sort(key=lambda e: (e[0], e[2].id), reverse=True)
    return entries[:limit]
