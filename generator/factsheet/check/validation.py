"""Validate phase: rules that span records. Pure: returns problems, never raises."""
from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..read.content import Content, TopicFile, display_path, field_path
from ..errors import Problem
from .evidence import WARNING_RULES, Parties, parties_of, status_violations, value_in_quote
from ..memo import Same
from ..read.model import Claim, Evidence, Medium, Source
from .editorial import topic_editorial_problems, unit_word_problems
from .quotes import Seed, SeedLibrary, quote_parts
from ..read.places import locate
from ..read.yamlsafe import Path_, YamlDocument

MIN_SIMILARITY_SHOWN = 0.4
LONG_QUOTE_WORDS = 50


def nearest(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known id, if any is close."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else "no id is close; check the spelling or add the record"


@dataclass
class _TopicChecks:
    """One topic's problems, and what they were worked out from."""

    inputs: Same
    problems: list[Problem]
    status: list[Problem] | None = field(default=None)
    """Status-rule problems, once worked out (they run only on otherwise valid content)."""
    editorial: list[Problem] | None = field(default=None)
    """Editorial warnings (hedges, counts, copies), once worked out, likewise."""


ValidationCache = dict[str, _TopicChecks]


@dataclass(frozen=True)
class _Context:
    source_ids: set[str]
    actor_ids: set[str]
    sources: dict[str, Source]
    quantities: set[str]
    seeds: SeedLibrary
    as_of: date


def validate(content: Content, seeds: SeedLibrary, cache: ValidationCache | None = None) -> list[Problem]:
    """Every problem in the content. With a cache, unchanged topics are not checked again."""
    problems: list[Problem] = []
    source_ids = _unique_ids(content.sources_doc, "sources", [s.id for s in content.sources], problems)
    actor_ids = _unique_ids(content.actors_doc, "actors", [a.id for a in content.actors], problems)
    seed_names = seeds.names()

    for i, source in enumerate(content.sources):
        problems += _source_problems(content.sources_doc, i, source, seeds, seed_names)
    for i, actor in enumerate(content.actors):
        if actor.part_of is not None and actor.part_of not in actor_ids:
            where = content.actors_doc.locate(("actors", i, "part_of"))
            problems.append(Problem(where, f"unknown actor '{actor.part_of}'", nearest(actor.part_of, actor_ids)))
    problems += _part_of_cycles(content)
    problems += _duplicate_claims(content)
    problems += _alternatives(content)
    problems += _places(content)
    context = _Context(source_ids, actor_ids, {s.id: s for s in content.sources},
                       {q.id for q in content.sheet.quantities}, seeds, content.sheet.as_of)
    cache = {} if cache is None else cache
    shared = (content.sheet, content.sources_doc, content.actors_doc, seeds.signature)
    for topic in content.topics:
        inputs = Same(topic.topic, *shared)
        kept = cache.get(topic.id)
        if kept is None or kept.inputs != inputs:
            kept = cache[topic.id] = _TopicChecks(inputs, _topic_problems(topic, context))
        problems += kept.problems
    if not any(p for p in problems if not p.warning):
        # Status rules need every id resolved, so they run only on otherwise valid content.
        parties = parties_of(content)
        for topic in content.topics:
            kept = cache[topic.id]
            if kept.status is None:
                kept.status = [p for i, claim in enumerate(topic.topic.claims)
                               for p in _status_problems(topic.doc, ("claims", i), claim, parties)]
            problems += kept.status
            if kept.editorial is None:
                # The editorial warnings of an unchanged topic are kept between preview rebuilds: at 10,000
                # claims working them all out again took seconds of every save.
                kept.editorial = topic_editorial_problems(topic, seeds, parties)
            problems += kept.editorial
        problems += unit_word_problems(content, parties)
    return problems


def _source_problems(doc: YamlDocument, i: int, source: Source, seeds: SeedLibrary, seed_names: list[str]) -> list[Problem]:
    """A text needs its seed; footage, a photo or a recording without one is cited by description,
    so readers need to be told what it is, where to see it and when it was seen."""
    if source.seed is not None:
        if seeds.get(source.seed) is None:
            where = doc.locate(("sources", i, "seed"))
            refused = seeds.refusal(source.seed)  # there, but outside seeds/, too large or unreadable
            return [refused or Problem(where, f"seed file '{source.seed}' not found in {display_path(seeds.folder)}", nearest(source.seed, seed_names))]
        return []
    where = doc.locate(("sources", i, "id"))
    if source.medium is Medium.text:
        return [Problem(where, f"source '{source.id}' has no seed: a text is checked against its copy in seeds/",
                        "add `seed: <file in seeds/>`, or for a video, photo or recording add `medium:` and `description:`")]
    wanted = [("description", source.description, "`description:`, what it is and what it shows"),
              ("link", source.url or source.archive_url, "`url:` or `archive_url:`, where readers can see it"),
              ("retrieval date", source.retrieved, "`retrieved:`, the date it was viewed (YYYY-MM-DD)")]
    return [Problem(where, f"source '{source.id}' is a {source.medium.value} with no seed and no {name}", f"add {hint}")
            for name, value, hint in wanted if value is None]


def _duplicate_claims(content: Content) -> list[Problem]:
    found, first = [], {}
    for topic, i, claim in content.claims():
        key = claim.id.casefold()
        if key in first:
            where = topic.doc.locate(("claims", i, "id"))
            there, j = first[key]
            found.append(Problem(where, f"duplicate claim id '{claim.id}' (first at {there.doc.locate(('claims', j, 'id'))})",
                                 "give each claim its own id"))
        else:
            first[key] = (topic, i)  # located only if another claim has the id (each save checks every claim)
    return found


def _alternatives(content: Content) -> list[Problem]:
    """Rival accounts must name claims of the sheet (in any topic), and not the claim itself."""
    ids = {c.id for _, _, c in content.claims()}
    found = []
    for topic, i, claim in content.claims():
        for k, other in enumerate(claim.alternative_to):
            where = topic.doc.locate(("claims", i, "alternative_to", k))
            if other == claim.id:
                found.append(Problem(where, f"claim '{claim.id}' is listed as its own alternative", "name the rival claim's id"))
            elif other not in ids:
                found.append(Problem(where, f"unknown claim '{other}'", nearest(other, ids)))
    return found


def _places(content: Content) -> list[Problem]:
    """Places must be defined once and locatable; claims may name only defined places, and each place is named."""
    found: list[Problem] = []
    doc = content.places_doc
    ids = _unique_ids(doc, "places", [p.id for p in content.places], found) if doc is not None else set()
    named: set[str] = set()
    for topic, i, claim in content.claims():
        for k, place in enumerate(claim.places):
            named.add(place)
            if place not in ids and not content.places_unread:
                hint = nearest(place, ids) if ids else "define it in content/places.yaml, with id, name and country"
                found.append(Problem(topic.doc.locate(("claims", i, "places", k)), f"unknown place '{place}'", hint))
    if doc is None:
        return found
    _, unlocated = locate(tuple(content.places))
    for i, problem in unlocated:
        found.append(Problem(doc.locate(("places", i, problem.field)), problem.message, problem.hint))
    for i, place in enumerate(content.places):
        if place.id not in named:
            found.append(Problem(doc.locate(("places", i, "id")), f"place '{place.id}' is named by no claim",
                                 "add it to the `places:` of the claims whose events happened there, or remove it",
                                 warning=True))
    return found


def _topic_problems(topic: TopicFile, ctx: _Context) -> list[Problem]:
    problems: list[Problem] = []
    doc = topic.doc
    parties_ids = ctx.actor_ids | ctx.source_ids
    for i, claim in enumerate(topic.topic.claims):
        here = ("claims", i)
        for k, party in enumerate(claim.claimed_by):
            if party not in parties_ids:
                problems.append(Problem(doc.locate(here + ("claimed_by", k)), f"unknown actor or source '{party}'", nearest(party, parties_ids)))
        for j, item in enumerate(claim.evidence):
            problems += _evidence_problems(doc, here + ("evidence", j), item, ctx)
        problems += _history_problems(doc, here, claim, ctx.as_of)
    return problems


def _evidence_problems(doc: YamlDocument, at: Path_, item: Evidence, ctx: _Context) -> list[Problem]:
    problems: list[Problem] = []
    for k, actor in enumerate(item.via_chain):
        if actor not in ctx.actor_ids:
            where = doc.locate(at + (("via", k) if isinstance(item.via, list) else ("via",)))
            problems.append(Problem(where, f"unknown actor '{actor}'", nearest(actor, ctx.actor_ids)))
    for k, figure in enumerate(item.figures):
        fat = at + ("figures", k)
        if figure.quantity not in ctx.quantities:
            hint = nearest(figure.quantity, ctx.quantities) if ctx.quantities else "list it under `quantities:` in sheet.yaml"
            problems.append(Problem(doc.locate(fat + ("quantity",)), f"unknown quantity '{figure.quantity}'", hint))
        for name, typed in (("value", figure.value), ("low", figure.low), ("high", figure.high)):
            if typed is not None and not value_in_quote(typed, item.quote):
                problems.append(Problem(doc.locate(fat + (name,)), f"figure {typed} is not stated in the quote of this evidence",
                                        "quote the words that give the number (12,000, 1.2 million, six), or correct the value"))
    parts = quote_parts(item.quote)
    # Normalised parts hold words one space apart: counting spaces is split()'s answer without its lists.
    words = " ".join(parts).count(" ") + 1 if parts else 0
    if words > LONG_QUOTE_WORDS:
        problems.append(Problem(doc.locate(at + ("quote",)), f"quote is {words} words long; readers need at most about {LONG_QUOTE_WORDS}",
                                "keep the sentence that says it, or skip words with …", warning=True))
    source = ctx.sources.get(item.source)
    if source is None:
        problems.append(Problem(doc.locate(at + ("source",)), f"unknown source '{item.source}'", nearest(item.source, ctx.source_ids)))
        return problems
    seed = ctx.seeds.get(source.seed)
    if seed is not None and seed.find(item.quote) is None:
        problems.append(_quote_problem(doc, at + ("quote",), item.quote, source.id, seed))
    return problems


def _status_problems(doc: YamlDocument, here: Path_, claim: Claim, parties: Parties) -> list[Problem]:
    if claim.status_reason:
        return []  # the editors explain the status; readers are shown why
    return [
        Problem(doc.locate(here + ("status",)),
                f"{field_path(here + ('status',))}: '{claim.status.value}' contradicts the evidence: rule {rule.name}: {why}",
                "change the status, or add `status_reason:` to tell readers why it stands; the rules are on the "
                "method page and in the README, 'Origins, independence and status rules'",
                warning=rule.name in WARNING_RULES)
        for rule, why in status_violations(claim, parties)
    ]


def _history_problems(doc: YamlDocument, here: Path_, claim: Claim, as_of: object) -> list[Problem]:
    found: list[Problem] = []
    for k, change in enumerate(claim.history):
        at = here + ("history", k, "date")
        if k and change.date < claim.history[k - 1].date:
            found.append(Problem(doc.locate(at), f"history is out of order: {change.date} comes after {claim.history[k - 1].date}", "list changes oldest first"))
        if change.date > as_of:  # type: ignore[operator]
            found.append(Problem(doc.locate(at), f"history date {change.date} is after the sheet's as_of date {as_of}", "update as_of in sheet.yaml"))
    if claim.history and claim.history[-1].status is not claim.status:
        last = len(claim.history) - 1
        found.append(Problem(doc.locate(here + ("history", last, "status")),
                             f"the last history entry says '{claim.history[-1].status.value}' but the claim's status is '{claim.status.value}'",
                             "add a history entry for the current status"))
    return found


def _part_of_cycles(content: Content) -> list[Problem]:
    parent = {a.id: a.part_of for a in content.actors}
    found = []
    for i, actor in enumerate(content.actors):
        seen, current = {actor.id}, actor.part_of
        while current in parent:
            if current == actor.id:
                where = content.actors_doc.locate(("actors", i, "part_of"))
                found.append(Problem(where, f"actor '{actor.id}' is part of itself through part_of", "remove one part_of link of the loop"))
                break
            if current in seen:
                break
            seen.add(current)
            current = parent[current]
    return found


def _unique_ids(doc: YamlDocument, field: str, ids: list[str], problems: list[Problem]) -> set[str]:
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        key = ident.casefold()
        if key in first:  # located only then: locating each record walks the list before it (1,000 sources, 500,000 steps)
            problems.append(Problem(doc.locate((field, i, "id")), f"duplicate id '{ident}' (first at "
                                    f"{doc.locate((field, first[key], 'id'))})", "give each record its own id"))
        else:
            first[key] = i
    return set(ids)


def _quote_problem(doc: YamlDocument, at: tuple[str | int, ...], quote: str, source_id: str, seed: Seed) -> Problem:
    passage, score = seed.closest(quote)
    message = f"quote not found in the text of source '{source_id}' ({seed.name})"
    if score < MIN_SIMILARITY_SHOWN:
        return Problem(doc.locate(at), message, "nothing in the seed is close; check the source")
    target = " ".join(quote_parts(quote))
    return Problem(doc.locate(at), message, f"closest passage ({score:.0%} similar): \"{passage}\"; "
                                             f"{describe_difference(target, passage)}")


def describe_difference(quote: str, passage: str, most: int = 2) -> str:
    """What differs between a quote and the passage it nearly is, word by word, naming odd characters.

    'the quote has "four" where the seed has "three"'; 'the quote has a reverse solidus (\\) that the seed does not'.
    """
    ours, theirs = quote.split(), passage.split()
    found = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, b = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        after = f', after "{" ".join(ours[max(0, i1 - 3):i1])}"' if i1 else " at its start"
        if op == "delete":
            found.append(f"the quote has \"{a}\" that the seed does not{after}")
        elif op == "insert":
            found.append(f"the seed has \"{b}\" that the quote leaves out{after}")
        else:
            found.append(_replaced(a, b))
        if len(found) == most:
            break
    return "; ".join(found) if found else "they differ only in letter case or spacing"


def _replaced(ours: str, theirs: str) -> str:
    """'the quote has X where the seed has Y', naming a lone odd character that makes the difference."""
    extra = [c for op, i1, i2, _, _ in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
             if op == "delete" for c in ours[i1:i2]]
    missing = [c for op, _, _, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
               if op == "insert" for c in theirs[j1:j2]]
    if len(extra) == 1 and not missing and not extra[0].isalnum():
        return f"the quote has {_shown(extra[0])} in \"{ours}\" that the seed does not"
    if len(missing) == 1 and not extra and not missing[0].isalnum():
        return f"the seed has {_shown(missing[0])} in \"{theirs}\" that the quote leaves out"
    return f"the quote has \"{ours}\" where the seed has \"{theirs}\""


def _shown(text: str) -> str:
    if len(text) == 1 and not text.isalnum():
        name = unicodedata.name(text, f"U+{ord(text):04X}").lower()
        return f"a {name} ({text})" if text.isprintable() and not text.isspace() else f"a {name}"
    return f"\"{text}\""


