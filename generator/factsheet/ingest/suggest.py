"""`factsheet suggest SOURCE_ID`: the passages of a source that bear on each claim, as evidence
items ready to paste, and the check-worthy passages that match no claim, as draft claims.

Every item is read back as `factsheet check` reads it (the safe loader, the model, its quote
found in the seed, its figures stated in the quote); an item whose stance the claim's current
status would contradict names the rule. Nothing is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import yaml

from ..check.evidence import Parties, parties_of, status_violations, value_in_quote
from ..check.quotes import Seed, SeedLibrary
from ..errors import FactsheetError
from ..read.content import Content, TopicFile, slug, validate_shape
from ..read.model import Claim, Evidence, Qualifier, Source, Stance
from ..read.yamlsafe import load_yaml_text
from .attribution import Attribution, Names, attribute, context, is_media
from .cues import STANCE_CUES
from .passages import Passage, Stated, figures, passages
from .rank import CANDIDATE_SHARE, FLOOR, ClaimIndex, alone_scores, carried, offered_claims, tokens

TOP_PASSAGES = 3
"""Passages shown per claim."""
MIN_TOKENS = 5
"""A passage with fewer distinct words to rank on ('(C) News Agency. All rights reserved') is no evidence."""
DIVERSITY_POOL = 5
"""Of a claim's best passages, this many are weighed for three of distinct origins and stances."""
OWN_PASSAGE = 1.5
"""A passage whose best claim is this one ranks as if its score were this much higher in the claim's list:
the claim it is most about should show it, before passages more about other claims."""
SAME_FIGURE = 1.5
"""...and a passage that states one of the claim's own numbers ('12,000' where the claim gives 12,000)."""
DIFFERS = next((s for s in Stance if s.value == "differs"), Stance.disputes)
"""Another figure than the claim's: 'differs' where the sheet has that stance, else 'disputes'."""


class SuggestError(FactsheetError):
    pass


@dataclass
class Item:
    """A proposed evidence item for one claim."""

    passage: Passage
    score: float
    """The passage's BM25 score against the claim (its rank among the claim's passages)."""
    stance: Stance
    via: tuple[str, ...]
    stated: list[Stated]
    figures: list[dict[str, object]]
    rules: list[str] = field(default_factory=list)
    """Status rules the claim's current status would break with this item."""

    def data(self, source_id: str) -> dict[str, object]:
        out: dict[str, object] = {"source": source_id, "stance": self.stance.value}
        if self.via:
            out["via"] = self.via[0] if len(self.via) == 1 else list(self.via)
        out["quote"] = self.passage.text
        if self.figures:
            out["figures"] = self.figures
        return out


@dataclass
class ClaimSuggestions:
    topic: TopicFile
    index: int
    """The claim's place in its topic file's `claims:`."""
    claim: Claim
    items: list[Item]


@dataclass
class Candidate:
    """A check-worthy passage that matches no claim, with a draft claim that passes the check."""

    passage: Passage
    reasons: list[str]
    claim: dict[str, object]


@dataclass
class Suggestions:
    source: Source
    claims: list[ClaimSuggestions]
    candidates: list[Candidate]
    passages: int


# -- stance, via, figures -------------------------------------------------------------------------


def _cue(text: str) -> Stance | None:
    return next((stance for stance, pattern in STANCE_CUES if pattern.search(text)), None)


def _differs(claim_values: set[Decimal], stated: list[Stated]) -> bool:
    """The passage gives another figure of the same size where the claim gives one."""
    given = {s.value for s in stated}
    if not claim_values or not given or claim_values & given:
        return False
    return any(v > 30 and c > 30 and Decimal("0.2") <= v / c <= 5 for v in given for c in claim_values)


def propose_stance(text: str, claim: Claim, via: tuple[str, ...], names: Names, parties: Parties,
                   stated: list[Stated]) -> tuple[Stance, tuple[str, ...]]:
    """The stance, and the via it goes with (a claimant that 'did not confirm' is no via)."""
    cue = _cue(text)
    if cue is not None and cue is not _cue(claim.statement):
        claimants = {parties.root(a) if a in parties.actors else a for a in claim.claimed_by}
        if cue is Stance.cannot_confirm and via and parties.root(via[-1]) in claimants:
            return DIFFERS, ()  # the claim's own origin not confirming it: the outlet's account differs
        return cue, via
    if _differs({s.value for s in figures(claim.statement)}, stated):
        return DIFFERS, via  # another figure, in the same party's name
    if not via:
        return Stance.reports, via
    return (Stance.reports if is_media(names.actors[via[0]]) else Stance.asserts), via


def propose_via(attribution: Attribution, prior: list[str], chains: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The chain's actors, each the one the claim's editors already use where a name fits several;
    an origin the claim's other items give as a relay ('X, citing Y') takes that chain."""
    if attribution.several:
        rank = {a: i for i, a in enumerate(prior)}  # the claim's other items' vias first, then its claimants
        mentions = sorted(attribution.chain, key=lambda m: min((rank[a] for a in m.actors if a in rank), default=len(rank)))[:1]
    else:
        mentions = list(attribution.chain)
    chosen = []
    for mention in mentions:
        known = [a for a in mention.actors if a in prior]
        chosen.append(known[0] if known else mention.actors[0])
    via = tuple(dict.fromkeys(chosen))
    if len(via) == 1:
        longer = next((c for c in chains if len(c) > 1 and c[0] == via[0]), None)
        if longer:
            return longer
    return via


def _figures(claim: Claim, stated: list[Stated], source_id: str) -> list[dict[str, object]]:
    """A figure of the claim's quantity, in the unit the claim uses, where the passage states one of its size."""
    known = [f for e in claim.evidence if e.source != source_id for f in e.figures]
    if not known:
        return []
    sizes = _known_sizes(claim, source_id)
    for number in stated:
        if sizes and not any(Decimal("0.2") <= number.value / s <= 5 for s in sizes if s):
            continue
        value = int(number.value) if number.value == number.value.to_integral_value() else str(number.value)
        figure: dict[str, object] = {"quantity": known[0].quantity, "value": value, "unit": known[0].unit}
        if number.qualifier is not Qualifier.exactly:
            figure["qualifier"] = number.qualifier.value
        return [figure]
    return []


def read_back(data: dict[str, object]) -> Evidence | None:
    """The item as `factsheet check` reads it: through the safe loader, then the model."""
    doc, problems = load_yaml_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "<suggestion>")
    if doc is None:
        return None
    model = validate_shape(doc, Evidence)
    return None if isinstance(model, list) else model  # type: ignore[return-value]


# -- ranking ------------------------------------------------------------------------------------


def suggest(content: Content, seeds: SeedLibrary, source_id: str, index_factory: type[ClaimIndex] = ClaimIndex) -> Suggestions:
    sources = {s.id: s for s in content.sources}
    if source_id not in sources:
        from ..check.validation import nearest

        raise SuggestError(f"unknown source '{source_id}' ({nearest(source_id, sources)})")
    source = sources[source_id]
    seed = seeds.get(source.seed)
    if seed is None:
        what = f"a {source.medium.value} with no text" if source.seed is None else f"without its seed file '{source.seed}'"
        raise SuggestError(f"source '{source_id}' is {what}: suggest reads a source's text "
                           "(add one with `factsheet add-source`)")
    found = passages(seed.text, source.language or "en")
    first = {}
    for passage in found:  # a page that repeats a sentence (a summary, then the story): its first place is quoted
        first.setdefault(passage.text, passage)
    names = Names.of(content.actors)
    attributions, previous = [], None
    for passage in found:
        attribution = attribute(passage.text, names, previous)
        attributions.append(attribution)
        previous = context(passage.text, names, attribution)
    claims = content.claims()
    alone, ceilings = alone_scores(found, claims, source_id, index_factory, names)
    raw, share = carried(found, alone, ceilings)
    words = [len(set(tokens(p.text))) for p in found]
    stated = [{s.value for s in figures(p.text)} for p in found]
    own = share.argmax(axis=1) if len(claims) else np.zeros(len(found), dtype=int)
    offered = offered_claims(share, alone, ceilings)
    parties = parties_of(content)
    pools: dict[int, list[Item]] = {}
    for c in offered:
        topic, position, claim = claims[c]
        cited = [e.quote for e in claim.evidence if e.source == source_id]
        proposed: list[Item] = []
        shown: set[str] = set()
        numbers = _claim_numbers(claim, source_id)
        least = FLOOR if cited else FLOOR / 2  # a claim that cites the source already gets only strong passages
        def rank(p: int) -> float:
            return -raw[p, c] * (OWN_PASSAGE if own[p] == c else 1) * (SAME_FIGURE if numbers & stated[p] else 1)

        for p in sorted((p for p in range(len(found)) if share[p, c] >= least and words[p] >= MIN_TOKENS), key=rank):
            passage = first[found[p].text]
            if passage.text in shown or any(_overlaps(seed, q, passage) for q in cited):
                continue  # shown already, or the claim already cites it
            item = _item(passage, float(raw[p, c]), claim, attributions[p], names, source_id, parties)
            if item is not None:
                proposed.append(item)
                shown.add(passage.text)
            if len(proposed) == DIVERSITY_POOL:
                break
        pools[c] = proposed
    rivals = _rivals(claims)
    results: list[ClaimSuggestions] = []
    used: set[int] = set()
    shown_claims = set(pools) | {c for c in rivals if any(pools.get(r) for r in rivals[c])}
    for c in sorted(shown_claims, key=lambda c: -float(share[:, c].max())):
        topic, position, claim = claims[c]
        items = _diverse(pools.get(c, []))
        cited = [e.quote for e in claim.evidence if e.source == source_id]
        # A rival account's best passage (the claims are alternative explanations of one event) is
        # shown too, as a passage that differs: an editor weighing a claim should see what competes with it.
        accounts: list[Item] = []
        for r in sorted(rivals.get(c, ())):
            best = (pools.get(r) or [None])[0]
            if best is None or any(i.passage.text == best.passage.text for i in accounts) or \
                    any(_overlaps(seed, q, best.passage) for q in cited):
                continue
            item = _item(best.passage, float(raw[best.passage.index, c]), claim, attributions[best.passage.index], names,
                         source_id, parties, rival=True)
            if item is None:
                continue
            shown_at = next((k for k, i in enumerate(items) if i.passage.text == best.passage.text), None)
            if shown_at is None:
                accounts.append(item)
            else:
                items[shown_at] = item  # shown already for the claim itself: it still supports the other account
        accounts = accounts[:TOP_PASSAGES - 1]  # the claim's own best passage stays first
        items = items[:TOP_PASSAGES - len(accounts)] + accounts
        if items:
            used.add(items[0].passage.index)  # a claim's best passage is not a candidate for another claim
            results.append(ClaimSuggestions(topic, position, claim, items))
    candidates = _candidates(found, attributions, share, used, content, source, names)
    return Suggestions(source, results, candidates, len(found))


def _rivals(claims: list[tuple[TopicFile, int, Claim]]) -> dict[int, set[int]]:
    """Each claim's rival explanations of the same event (`alternative_to`, either way round)."""
    at = {claim.id: c for c, (_, _, claim) in enumerate(claims)}
    out: dict[int, set[int]] = {}
    for c, (_, _, claim) in enumerate(claims):
        for other in claim.alternative_to:
            if other in at and at[other] != c:
                out.setdefault(c, set()).add(at[other])
                out.setdefault(at[other], set()).add(c)
    return out


def _known_sizes(claim: Claim, source_id: str) -> list[Decimal]:
    """The single values of the figures the claim's other evidence gives (not ranges)."""
    return [Decimal(str(f.value)) for e in claim.evidence if e.source != source_id for f in e.figures
            if str(f.value).replace(".", "", 1).isdigit()]


def _claim_numbers(claim: Claim, source_id: str) -> set[Decimal]:
    """The numbers a claim gives: in its statement, and its other evidence's figures."""
    return {s.value for s in figures(claim.statement)} | set(_known_sizes(claim, source_id))


def _diverse(proposed: list[Item]) -> list[Item]:
    """The best passage, then the best of each other origin or stance, then the next best: three
    passages from three origins tell an editor more than three from one."""
    chosen: list[Item] = []
    keys: set[tuple[tuple[str, ...], Stance]] = set()
    for item in proposed:
        if (item.via[-1:], item.stance) not in keys and len(chosen) < TOP_PASSAGES:
            chosen.append(item)
            keys.add((item.via[-1:], item.stance))
    for item in proposed:
        if item not in chosen and len(chosen) < TOP_PASSAGES:
            chosen.append(item)
    return sorted(chosen, key=proposed.index)


def _overlaps(seed: Seed, quote: str, passage: Passage) -> bool:
    from ..check.fragments import quoted_span

    span = quoted_span(seed, quote)
    return span is not None and span[0] < passage.end and passage.start < span[1]


def _item(passage: Passage, score: float, claim: Claim, attribution: Attribution, names: Names, source_id: str,
          parties: Parties, rival: bool = False) -> Item | None:
    """The passage as an item for the claim; one that a rival explanation's passage (`rival`) would
    propose as agreeing differs instead, since it supports the other account."""
    stated = figures(passage.text)
    others = [e for e in claim.evidence if e.source != source_id]
    prior = list(dict.fromkeys([a for e in others for a in e.via_chain] + list(claim.claimed_by)))
    via = propose_via(attribution, prior, [e.via_chain for e in others])
    stance, via = propose_stance(passage.text, claim, via, names, parties, stated)
    if rival and stance in (Stance.asserts, Stance.reports):
        stance = DIFFERS
    item = Item(passage, score, stance, via, stated, _figures(claim, stated, source_id))
    model = read_back(item.data(source_id))
    if model is not None and any(not value_in_quote(f.value, model.quote) for f in model.figures):
        item.figures = []  # a figure the checker would not find as written is left to the editor
        model = read_back(item.data(source_id))
    if model is None:
        return None
    updated = claim.model_copy(update={"evidence": [*claim.evidence, model]})
    item.rules = [f"rule {rule.name}: {why}" for rule, why in status_violations(updated, parties)]
    return item


# -- candidate claims -------------------------------------------------------------------------------


def _candidates(found: tuple[Passage, ...], attributions: list[Attribution], share: np.ndarray, used: set[int],
                content: Content, source: Source, names: Names) -> list[Candidate]:
    """Check-worthy passages that no claim holds: each attributed, stating a figure, or naming a party."""
    taken = {c.id for _, _, c in content.claims()}
    out, seen = [], set()
    for p, passage in enumerate(found):
        if passage.index in used or passage.text in seen or passage.words < 8 or \
                (share.shape[1] and float(share[p].max()) >= CANDIDATE_SHARE):
            continue
        seen.add(passage.text)
        attribution = attributions[p]
        via = tuple(dict.fromkeys(m.actors[0] for m in attribution.chain[:1 if attribution.several else None]))
        stated = figures(passage.text)
        named = list(dict.fromkeys(names.actors[m.actors[0]].name for m in names.mentions(passage.text)))
        reasons = []
        if via:
            reasons.append("attributed to " + ", citing ".join(names.actors[a].name for a in via))
        if stated:
            reasons.append("states " + ", ".join(f'"{s.written}"' for s in stated))
        if named and not via:
            reasons.append("names " + ", ".join(named))
        if not reasons:
            continue
        evidence: dict[str, object] = {"source": source.id, "stance": "asserts" if via else "reports"}
        if via:
            evidence["via"] = via[0] if len(via) == 1 else list(via)
        evidence["quote"] = passage.text
        if read_back(evidence) is None:
            continue
        ident = base = slug(" ".join(passage.text.split()[:7]))
        n = 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        claim: dict[str, object] = {"id": ident, "statement": passage.text, "claimed_by": [via[-1] if via else source.id]}
        if source.published:
            claim["claimed_on"] = source.published.isoformat()
        claim.update({"status": "unconfirmed", "status_note": "One source, one origin: a draft from `factsheet suggest`.",
                      "evidence": [evidence]})
        out.append(Candidate(passage, reasons, claim))
    return out
