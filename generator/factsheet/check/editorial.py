"""Checks a fact-checking editor makes by eye, made mechanically: each a located warning.

- a quote cut so that a hedge or an attribution of its own sentence is left out;
- a status note whose count of outlets or origins contradicts the computed one;
- one figure given in two units only by a different word (a disagreement of words, not numbers);
- an item counted as its outlet's own voice whose sentence copies another source's text;
- `cannot-confirm` that names no one, or the party whose claim it is;
- an event date equal to the date the claim was made.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from ..errors import Problem
from ..read.content import Content, TopicFile
from ..read.model import Claim, Evidence, Stance, parse_when
from .evidence import SUPPORTING, Parties, figure_text, figure_uses
from .quotes import Seed, SeedLibrary, normalise, quote_parts

NUMBER_WORDS = {w: n for n, w in enumerate(["no", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                               "nine", "ten", "eleven", "twelve"])}
_COUNT = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s+(independent\s+)?(outlets?|origins?)\b"
                    r"(?!\s+(?:gives?|says?|adds?|calls?|puts?)\b)", re.I)
"""A count in a note ("four outlets", "one origin"), not a subset it goes on to describe ("one outlet gives …")."""
_COUNTED = re.compile(r"o(?:utlet|rigin)", re.I)
"""What every match of _COUNT holds (with the same case folding)."""
_ABBREVIATIONS = ("[A-Z]", "Mr", "Mrs", "Dr", "St", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov",
                  "Dec", "Gen", "Gov")
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|" + "".join(rf"(?<!\b{a}[.!?])" for a in _ABBREVIATIONS)
                           + r"[\"'”’)\]]*(?=\s))")
"""Where a sentence ends: . ! ? (not after an abbreviation such as Oct. or U.S.) or a line break.
The pattern starts with the character class, which the engine skips to at C speed (2.4x faster than a
leading lookahead, itself 27x faster than the lookbehinds first); the lookbehinds then run only there."""
COPY_SIMILARITY = 0.9
COPY_MIN_WORDS = 8


@lru_cache(maxsize=1)
def hedge_patterns() -> re.Pattern[str]:
    """The hedge and attribution words of hedges.txt, as one pattern."""
    lines = (files("factsheet.check") / "hedges.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


def editorial_problems(content: Content, seeds: SeedLibrary, parties: Parties) -> list[Problem]:
    problems: list[Problem] = []
    for topic in content.topics:
        problems += topic_editorial_problems(topic, seeds, parties)
    return problems + unit_word_problems(content, parties)


def topic_editorial_problems(topic: TopicFile, seeds: SeedLibrary, parties: Parties) -> list[Problem]:
    """One topic's warnings: they depend only on it, the sources, actors and seeds (so the preview keeps them)."""
    return [p for i, claim in enumerate(topic.topic.claims) for p in _claim_problems(topic, ("claims", i), claim, seeds, parties)]


def unit_word_problems(content: Content, parties: Parties) -> list[Problem]:
    """The same figure in two unit words, across the whole sheet."""
    return list(_unit_words(content, parties))


def _claim_problems(topic: TopicFile, here: tuple[str | int, ...], claim: Claim, seeds: SeedLibrary,
                    parties: Parties) -> Iterator[Problem]:
    doc = topic.doc
    speakers = {parties.party_root(p) for p in claim.claimed_by}
    for j, item in enumerate(claim.evidence):
        at = here + ("evidence", j)
        seed = seeds.get(parties.sources[item.source].seed)
        if seed is not None:
            dropped = dropped_hedge(seed, item.quote)
            if dropped:
                word, sentence = dropped
                yield Problem(doc.locate(at + ("quote",)), f"the quote leaves out '{word}' from its own sentence: "
                              f"\"{_short(sentence)}\"", "quote the words that hedge or attribute it too, and say it "
                              "in the statement (see README, 'Figures, quotes and warnings')", warning=True)
        if item.stance is Stance.cannot_confirm:
            if not item.via_chain:
                yield Problem(doc.locate(at + ("stance",)), "cannot-confirm names no one: `via` must say who cannot "
                              "confirm it", "add `via:` with the party unable to confirm, or use stance 'mentions' "
                              "for an outlet's \"no information yet\"", warning=True)
            elif parties.origin(item).root in speakers:
                yield Problem(doc.locate(at + ("via",)), f"cannot-confirm names {parties.origin(item).name}, who makes "
                              "the claim: the page would say the claimant cannot confirm its own claim",
                              "name the party that cannot confirm it, or use stance 'differs' when the accounts of who "
                              "said it differ", warning=True)
    yield from _counts(doc, here, claim, parties)
    yield from _copied(doc, here, claim, seeds, parties)
    if claim.happened and claim.claimed_on:
        when = parse_when(claim.happened)
        if when.start == when.end == claim.claimed_on and not when.month_only:
            yield Problem(doc.locate(here + ("happened",)), f"happened is {claim.happened}, the day the claim was "
                          "made: is that when the event happened, or when it was said?", "give the event's own date, or "
                          "leave `happened` out if the sources do not say", warning=True)


def dropped_hedge(seed: Seed, quote: str) -> tuple[str, str] | None:
    """(word, sentence) when the quote's sentence holds a hedge or attribution outside the quote.

    A quote the seed holds more than once (a summary repeating the article) is reported only if
    every place it stands leaves one out.
    """
    text = seed.text
    ends = _sentence_ends(seed)
    found: tuple[str, str] | None = None
    for start, end in _places(seed, quote):
        begin = ends[bisect.bisect_right(ends, start) - 1] if ends and ends[0] <= start else 0
        after = bisect.bisect_left(ends, end)
        finish = ends[after] if after < len(ends) else len(text)
        hedge = hedge_patterns().search(text[begin:start] + " " + text[end:finish])
        if hedge is None:
            return None
        found = found or (hedge.group(0), " ".join(text[begin:finish].split()))
    return found


def _sentence_ends(seed: Seed) -> list[int]:
    # Once per seed, not once per quote: at 10,000 claims, 26,000 scans of their seeds took 35 s.
    # Kept on the seed (not in a bounded cache): a sheet with more seeds than the cache held rescanned them all.
    ends = seed.memo.get("sentence_ends")
    if ends is None:
        ends = seed.memo["sentence_ends"] = [m.end() for m in _SENTENCE_END.finditer(seed.text)]
    return ends  # type: ignore[return-value]


def _places(seed: Seed, quote: str) -> Iterator[tuple[int, int]]:
    """(start, end) in the raw text of each place the quote stands, first part to last."""
    spans = seed.spans(quote)
    if not spans:
        return
    parts = quote_parts(quote)
    normalised = seed.normalised
    first = spans[0][0]
    while first >= 0:
        position, last_end = first + len(parts[0]), first + len(parts[0])
        for part in parts[1:]:
            found = normalised.find(part, position)
            if found < 0:
                return
            position = last_end = found + len(part)
        yield seed.raw_offset(first), seed.raw_offset(last_end - 1) + 1
        first = normalised.find(parts[0], first + 1)


def _counts(doc: object, here: tuple[str | int, ...], claim: Claim, parties: Parties) -> Iterator[Problem]:
    note = claim.status_note
    if not _COUNTED.search(note):
        return  # nothing counted: _COUNT, tried at every word of every note, took 45 ms at 10,000 claims (this, 5)
    support = parties.support(claim)
    actual = {"outlet": len(support.outlets), "origin": support.independent}
    for match in _COUNT.finditer(note):
        said = match.group(1).lower()
        number = int(said) if said.isdigit() else NUMBER_WORDS[said]
        kind = "outlet" if match.group(3).lower().startswith("outlet") else "origin"
        if number != actual[kind]:
            computed = f"{actual[kind]} {'independent ' if kind == 'origin' else ''}{kind}{'s' if actual[kind] != 1 else ''}"
            yield Problem(doc.locate(here + ("status_note",)), f"the status note says \"{match.group(0)}\" but the "  # type: ignore[attr-defined]
                          f"evidence gives {computed}", "correct the note, or the evidence (an outlet that copies "
                          "another counts once: see `based_on`)", warning=True)


def _copied(doc: object, here: tuple[str | int, ...], claim: Claim, seeds: SeedLibrary, parties: Parties) -> Iterator[Problem]:
    """Own-voice items of different outlets whose sentences are the same text: one copies the other."""
    own = [(j, item) for j, item in enumerate(claim.evidence) if item.stance in SUPPORTING and not item.via_chain]
    voices = {parties.own_voice(item.source).id for _, item in own}
    if len(voices) < 2:
        return
    for j, item in own:
        voice = parties.own_voice(item.source).id
        sentence = normalise(item.quote).casefold()
        if len(sentence.split()) < COPY_MIN_WORDS:
            continue
        for other in sorted(voices - {voice}):
            seed = seeds.get(parties.sources[other].seed)
            if seed is None:
                continue
            match, score = _most_alike(sentence, seed)
            if score >= COPY_SIMILARITY:
                yield Problem(doc.locate(here + ("evidence", j, "source")),  # type: ignore[attr-defined]
                              f"this sentence of '{item.source}' is {score:.0%} the same as one of '{other}': "
                              f"\"{_short(match)}\"; counted as two independent origins",
                              f"if '{item.source}' copies '{other}', add `based_on: [{other}]` to its source entry",
                              warning=True)
                break


def _most_alike(sentence: str, seed: Seed) -> tuple[str, float]:
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(sentence)
    best, score = "", 0.0
    for passage in seed.passages:
        matcher.set_seq1(passage.casefold())
        if matcher.real_quick_ratio() <= score or matcher.quick_ratio() <= score:
            continue
        ratio = matcher.ratio()
        if ratio > score:
            best, score = passage, ratio
    return best, score


def _unit_words(content: Content, parties: Parties) -> Iterator[Problem]:
    """The same number of one quantity given in different units: a disagreement made only of words."""
    seen: dict[tuple[str, object], tuple[str, TopicFile, tuple[str | int, ...]]] = {}
    for topic in content.topics:
        for i, claim in enumerate(topic.topic.claims):
            for j, item in enumerate(claim.evidence):
                for k, figure in enumerate(item.figures):
                    key = (figure.quantity, figure.span)
                    # Located only when a warning needs it: this runs over every figure on each save.
                    first = seen.setdefault(key, (figure.unit, topic, ("claims", i, "evidence", j, "figures", k, "unit")))
                    if first[0].casefold() != figure.unit.casefold():
                        yield Problem(topic.doc.locate(("claims", i, "evidence", j, "figures", k, "unit")),
                                      f"{figure_text(figure)} and {first[0]!r} at {first[1].doc.locate(first[2])} give the same number of "
                                      f"'{figure.quantity}' in different units, which shows as a disagreement",
                                      "if both count the same thing, use one unit word for it", warning=True)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
