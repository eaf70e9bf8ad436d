"""What the evidence of a claim adds up to: origins, independence, status rules, figures.

An item of evidence comes from an *origin*: the last actor of its `via` chain (the party
the source attributes it to), or the source's publisher when the source reports in its
own voice. Two origins are independent only if they do not share a root: actors that
speak for another (`part_of`) count as that other. Five outlets repeating the NIS are
one origin, not five confirmations.
"""
from __future__ import annotations

import re
import weakref
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..read.content import Content
from ..read.model import Actor, Claim, Evidence, Figure, Qualifier, Source, Stance, Status

SUPPORTING = (Stance.asserts, Stance.reports)


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

    def _origin(self, item: Evidence) -> Origin:
        chain = item.via_chain
        if chain:
            actor = chain[-1]
            root = self.root(actor)
            return Origin(actor, self.actors[actor].name, root, self.actors[root].name)
        publisher = self.sources[item.source].publisher
        key = f"source:{publisher}"
        return Origin(key, publisher, key, publisher)

    def name(self, party_id: str) -> str:
        if party_id in self.actors:
            return self.actors[party_id].name
        return self.sources[party_id].publisher

    def attribution(self, item: Evidence) -> str:
        """'South Korean media, citing National Intelligence Service (NIS)', or the publisher."""
        chain = item.via_chain
        if not chain:
            return f"{self.sources[item.source].publisher} (own reporting)"
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
        return f"Reported by {outlets}, citing {len(names)} independent origins: {_join(names)}."

    def against_lines(self) -> list[tuple[Stance, str]]:
        """'Russia (the Kremlin) denies it.', with the stance for its icon."""
        verbs = {Stance.denies: "denies it", Stance.disputes: "disputes it", Stance.cannot_confirm: "cannot confirm it"}
        return [(stance, f"{who} {verbs[stance]}.") for stance, who in self.against]

    def origin_names(self) -> list[str]:
        """Each independent origin's name: the origin itself, or its root when sources name several under it."""
        return [group[0].name if len(group) == 1 else group[0].root_name for _, group in self.origins]


def corroboration(claim: Claim, parties: Parties) -> Corroboration:
    outlets: dict[str, None] = {}
    roots: dict[str, dict[str, Origin]] = defaultdict(dict)
    against: dict[tuple[Stance, str], None] = {}
    for item in claim.evidence:
        origin = parties.origin(item)
        if item.stance in SUPPORTING:
            outlets[parties.sources[item.source].publisher] = None
            roots[origin.root].setdefault(origin.key, origin)
        else:
            against[(item.stance, origin.name)] = None
    groups = tuple((next(iter(g.values())).root_name, tuple(g.values())) for g in roots.values())
    return Corroboration(tuple(outlets), groups, tuple(against))


def attributed_differently(claim: Claim, parties: Parties) -> dict[str, list[str]]:
    """Origin name → publishers, where sources name different origins under one root.

    e.g. one outlet says the NIS said it, another an unnamed intelligence source in Seoul:
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
    Rule("denial-means-denied-or-disputed", "A claim that a party denies is *denied* or *disputed*, never *confirmed* or *unconfirmed*."),
    Rule("dispute-means-disputed", "A claim that a party or source disputes is *disputed* (or *denied*, when a party also denies it)."),
    Rule("confirmed-needs-two-origins", "A claim is *confirmed* only when at least two independent origins support it."),
    Rule("denied-needs-a-denial", "A claim is *denied* only when the evidence includes a denial."),
    Rule("disputed-needs-a-dispute", "A claim is *disputed* only when the evidence includes a denial or a dispute."),
]
RULE = {r.name: r for r in RULES}


def status_violations(claim: Claim, parties: Parties) -> list[tuple[Rule, str]]:
    """The rules the claim's status breaks, each with what in the evidence breaks it."""
    stances = {item.stance for item in claim.evidence}
    support = parties.support(claim)
    status = claim.status
    found: list[tuple[Rule, str]] = []
    deniers = [who for stance, who in support.against if stance is Stance.denies]
    disputers = [who for stance, who in support.against if stance is Stance.disputes]
    if Stance.denies in stances and status not in (Status.denied, Status.disputed):
        found.append((RULE["denial-means-denied-or-disputed"], f"{_join(deniers)} {'deny' if len(deniers) > 1 else 'denies'} it"))
    elif Stance.disputes in stances and status not in (Status.disputed, Status.denied):
        found.append((RULE["dispute-means-disputed"], f"{_join(disputers)} {'dispute' if len(disputers) > 1 else 'disputes'} it"))
    if status is Status.confirmed and support.independent < 2:
        names = ", ".join(support.origin_names()) or "none"
        found.append((RULE["confirmed-needs-two-origins"], f"{support.independent} independent origin supports it ({names})"))
    if status is Status.denied and Stance.denies not in stances:
        found.append((RULE["denied-needs-a-denial"], "no evidence item has stance 'denies'"))
    if status is Status.disputed and not stances & {Stance.denies, Stance.disputes}:
        found.append((RULE["disputed-needs-a-dispute"], "no evidence item has stance 'disputes' or 'denies'"))
    return found


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureUse:
    """A figure where it stands: which claim, which evidence, who gives it."""

    figure: Figure
    claim: Claim
    item: Evidence
    topic_id: str

    def shown(self) -> str:
        return figure_text(self.figure)


QUALIFIER_WORDS = {Qualifier.exactly: "", Qualifier.about: "about ", Qualifier.at_least: "at least ",
                   Qualifier.more_than: "more than ", Qualifier.up_to: "up to "}


def figure_text(figure: Figure) -> str:
    value = int(figure.value) if float(figure.value).is_integer() else figure.value
    return f"{QUALIFIER_WORDS[figure.qualifier]}{value:,} {figure.unit}"


def disagrees(uses: list[FigureUse]) -> bool:
    """Sources disagree when they give different values or count different things."""
    return len({(float(u.figure.value), u.figure.unit.casefold()) for u in uses}) > 1


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty"]


def value_in_quote(value: int | float, quote: str) -> bool:
    """Whether the quote states the value: as digits, with or without separators, or as a word."""
    text = quote.replace("\u00a0", " ")
    forms = {str(value), f"{value:,}"}
    if isinstance(value, float) and value.is_integer():
        forms |= {str(int(value)), f"{int(value):,}"}
    whole = int(value) if float(value).is_integer() else None
    if whole is not None and whole % 1000 == 0 and whole >= 1000:
        forms |= {f"{whole // 1000}K", f"{whole // 1000}k"}
    if whole is not None and 0 <= whole < len(NUMBER_WORDS):
        if re.search(rf"\b{NUMBER_WORDS[whole]}\b", text, re.IGNORECASE):
            return True
    return any(re.search(rf"(?<![\d,.]){re.escape(form)}(?![\d]|,\d)", text) for form in forms)


def latest_changes(claims: list[tuple[str, Claim]], limit: int = 10) -> list[tuple[date, str, Claim, int]]:
    """The newest history entries across the sheet: (date, topic id, claim, index in its history)."""
    entries = [(change.date, topic_id, claim, i) for topic_id, claim in claims for i, change in enumerate(claim.history)]
    entries.sort(key=lambda e: (e[0], e[2].id), reverse=True)
    return entries[:limit]
