"""Validate phase: rules that span records. Pure: returns problems, never raises."""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from .content import Content, display_path
from .errors import Location, Problem
from .quotes import Seed, SeedLibrary
from .yamlsafe import YamlDocument

MIN_SIMILARITY_SHOWN = 0.4


def nearest(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known id, if any is close."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else "no id is close; check the spelling or add the record"


def validate(content: Content, seeds: SeedLibrary) -> list[Problem]:
    problems: list[Problem] = []
    source_ids = _unique_ids(content.sources_doc, "sources", [s.id for s in content.sources], problems)
    actor_ids = _unique_ids(content.actors_doc, "actors", [a.id for a in content.actors], problems)
    seed_names = seeds.names()

    for i, source in enumerate(content.sources):
        if seeds.get(source.seed) is None:
            where = content.sources_doc.locate(("sources", i, "seed"))
            problems.append(Problem(where, f"seed file '{source.seed}' not found in {display_path(seeds.folder)}", nearest(source.seed, seed_names)))
    for i, actor in enumerate(content.actors):
        if actor.part_of is not None and actor.part_of not in actor_ids:
            where = content.actors_doc.locate(("actors", i, "part_of"))
            problems.append(Problem(where, f"unknown actor '{actor.part_of}'", nearest(actor.part_of, actor_ids)))

    sources = {s.id: s for s in content.sources}
    first_claim: dict[str, Location] = {}
    for topic, i, claim in content.claims():
        doc = topic.doc
        here = ("claims", i)
        where = doc.locate(here + ("id",))
        key = claim.id.casefold()
        if key in first_claim:
            problems.append(Problem(where, f"duplicate claim id '{claim.id}' (first at {first_claim[key]})", "give each claim its own id"))
        else:
            first_claim[key] = where
        for k, actor in enumerate(claim.claimed_by):
            if actor not in actor_ids:
                problems.append(Problem(doc.locate(here + ("claimed_by", k)), f"unknown actor '{actor}'", nearest(actor, actor_ids)))
        for j, item in enumerate(claim.evidence):
            at = here + ("evidence", j)
            if item.via is not None and item.via not in actor_ids:
                problems.append(Problem(doc.locate(at + ("via",)), f"unknown actor '{item.via}'", nearest(item.via, actor_ids)))
            source = sources.get(item.source)
            if source is None:
                problems.append(Problem(doc.locate(at + ("source",)), f"unknown source '{item.source}'", nearest(item.source, source_ids)))
                continue
            seed = seeds.get(source.seed)
            if seed is not None and seed.find(item.quote) is None:
                problems.append(_quote_problem(doc, at + ("quote",), item.quote, source.id, seed))
    return problems


def _unique_ids(doc: YamlDocument, field: str, ids: list[str], problems: list[Problem]) -> set[str]:
    first: dict[str, Location] = {}
    for i, ident in enumerate(ids):
        where = doc.locate((field, i, "id"))
        if ident.casefold() in first:
            problems.append(Problem(where, f"duplicate id '{ident}' (first at {first[ident.casefold()]})", "give each record its own id"))
        else:
            first[ident.casefold()] = where
    return set(ids)


def _quote_problem(doc: YamlDocument, at: tuple[str | int, ...], quote: str, source_id: str, seed: Seed) -> Problem:
    passage, score = seed.closest(quote)
    message = f"quote not found in the text of source '{source_id}' ({seed.name})"
    if score < MIN_SIMILARITY_SHOWN:
        return Problem(doc.locate(at), message, "nothing in the seed is close; check the source")
    return Problem(doc.locate(at), message, f"closest passage ({score:.0%} similar): \"{passage}\"")
