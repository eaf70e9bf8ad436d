"""Who a passage attributes what it says to: the sheet's actors found by their names, and the
party a verb of attribution points at ('the ministry said', 'according to officials', 'X, citing Y').

Names come from the actors file only: each actor's id, its name, the parts of a name such as
'Jane Doe, Harbour Minister' or 'City Council (the Council)', a person's surname, 'X' for
'Government of X', its kind ('the water board'), and a description that is a possessive noun
phrase ("The city's water board"). Where one name fits several actors, the one whose country
is named just before it is taken, and the editors' choice for the claim decides the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..read.model import Actor
from .cues import ACCORDING_TO, CITING, CONTINUES, HEARSAY, MEDIA_KINDS, PRONOUN_SUBJECT, SPEECH

WINDOW_BEFORE = 3
"""A verb of attribution points back at a party named at most this many words before it, in its clause."""
PERSON_KINDS = ("person", "spokes", "minister", "head", "expert", "president", "chair", "secretary", "leader",
                "official", "director", "commander", "analyst", "professor", "mayor", "governor")
_APPOSITIVE = re.compile(r"^,\s+[^,.;:\"“”]{1,60},\s*$")
_INVERTED = re.compile(r"[\"”'],?\s*$|,\s*[\"”]\s*$")


def _fold(text: str) -> str:
    # Compared case-folded, with hyphens as spaces and curly apostrophes straight.
    return re.sub(r"[-‐‑–—]", " ", text.replace("’", "'")).casefold()


def aliases(actor: Actor) -> dict[str, int]:
    """The ways a text may name the actor, each with a weight (2: a name of its own, 1: a looser one)."""
    out: dict[str, int] = {}

    def add(name: str, weight: int) -> None:
        name = " ".join(_fold(name).strip(" .,;:'\"").split())
        name = re.sub(r"^(?:the|an|a) ", "", name)
        if len(name) >= 3 and out.get(name, 0) < weight:
            out[name] = weight

    add(actor.id.replace("-", " "), 2)
    name = actor.name
    for inner in re.findall(r"\(([^)]*)\)", name):
        add(inner, 2)
        add(re.sub(r"^(?:President|Prime Minister)\s+", "", inner.strip()), 2)
    main = re.sub(r"\s*\([^)]*\)", "", name).strip()
    add(main, 2)
    add(re.sub(r"^(?:unnamed|anonymous) ", "", main, flags=re.IGNORECASE), 2)  # 'Unnamed experts' are cited as 'experts'
    first, _, role = main.partition(", ")
    add(first, 2)
    if role:
        add(role, 1)
    government = re.match(r"(?:The )?Government of (.+)$", main, re.IGNORECASE) or re.match(r"(.+?) government$", main, re.IGNORECASE)
    if government:
        add(government.group(1), 1)
    tokens = first.split()
    if (role or any(k in actor.kind.lower() for k in PERSON_KINDS)) and 2 <= len(tokens) <= 4 and "-" not in tokens[-1] \
            and len(tokens[-1]) >= 4 and tokens[-1][0].isupper():
        add(tokens[-1], 2)  # a surname: 'Doe said'
    if len(actor.kind.split()) >= 2 and not any(k in actor.kind.lower() for k in PERSON_KINDS + ("unnamed",)):
        add(actor.kind, 1)  # 'the intelligence agency', 'the think tank'
    possessed = re.match(r"^[\w .]+'s ([a-z][a-z ]+)$", first.replace("’", "'"))
    if possessed:
        add(possessed.group(1), 1)  # "The city's water board" is also 'the water board'
    description = (actor.description or "").split(";")[0].split(". ")[0]
    possessive = re.match(r"^([A-Z][\w .]*'s) ([a-z][a-z ]+[a-z])\.?$", description.replace("’", "'"))
    if possessive:
        add(description, 2)
        add(possessive.group(2), 1)
    return out


@dataclass(frozen=True)
class Mention:
    """A place where the text names an actor; `actors` are every actor that name fits, likeliest first."""

    actors: tuple[str, ...]
    start: int
    end: int
    weight: int


@dataclass
class Names:
    """Every actor's names, compiled once for a sheet."""

    actors: dict[str, Actor]
    by_alias: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None
    surnames: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, actors: list[Actor]) -> Names:
        names = cls({a.id: a for a in actors})
        for actor in actors:
            for alias, weight in aliases(actor).items():
                names.by_alias.setdefault(alias, []).append((actor.id, weight))
                if " " not in alias and len(alias) >= 6 and weight == 2:
                    names.surnames.append((alias, actor.id))
        # One alternation, longest names first, so that a match is the most specific name at its place.
        ordered = sorted(names.by_alias, key=len, reverse=True)
        names.pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in ordered) + r")(?:'s)?\b") if ordered else None
        return names

    def mentions(self, text: str) -> list[Mention]:
        folded = _fold(text)
        found: list[Mention] = []
        for match in self.pattern.finditer(folded) if self.pattern else ():
            alias = match.group().removesuffix("'s")
            options = sorted(self.by_alias[alias], key=lambda o: -o[1])
            ids = self._by_country(folded[max(0, match.start() - 40):match.start()], [a for a, _ in options])
            found.append(Mention(ids, match.start(), match.end(), options[0][1]))
        for word in re.finditer(r"[a-z]{6,}", folded):  # 'Kowalsky' for 'Kowalskyy': a spelling variant of a surname
            for alias, actor in self.surnames:
                if word.group() != alias and abs(len(alias) - len(word.group())) <= 2 and fuzz.ratio(alias, word.group()) >= 88 \
                        and not any(m.start <= word.start() < m.end for m in found):
                    found.append(Mention((actor,), word.start(), word.end(), 2))
        return sorted(found, key=lambda m: m.start)

    def _by_country(self, before: str, ids: list[str]) -> tuple[str, ...]:
        if len(ids) < 2:
            return tuple(ids)
        words = before.split()[-4:]

        def named(actor_id: str) -> bool:
            country = self.actors[actor_id].country
            stem = _fold(country)[:max(4, len(country) - 2)] if country else ""
            return bool(stem) and stem in " ".join(words)
        return tuple(sorted(ids, key=lambda a: not named(a)))


@dataclass(frozen=True)
class Attribution:
    """A chain of places the passage names as its source: [relay, …, origin]; empty for the outlet's own voice."""

    chain: tuple[Mention, ...]
    carried: bool = False
    """Attributed by 'it said', 'the agency added' or 'reportedly' to the party named last before."""
    several: bool = False
    """`chain` lists several parties the passage attributes to, likeliest first: one of them is the origin."""


def _gap_ok(folded: str, end: int, start: int) -> bool:
    """Whether a verb can point back over this gap: a few words of one clause, or an appositive."""
    gap = folded[end:start]
    return bool(_APPOSITIVE.match(gap)) or (len(gap.split()) <= WINDOW_BEFORE and not re.search(r"[,.;:!?\"“”]", gap))


def attribute(text: str, names: Names, previous: Attribution | None = None) -> Attribution:
    """The party (or chain of parties) the passage attributes its content to."""
    folded = _fold(text)
    # A party named inside quotation marks is being quoted, not quoting: it cannot be the speaker.
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", folded)]
    mentions = [m for m in names.mentions(text) if not any(a <= m.start < b for a, b in quoted)]
    attributed: list[Mention] = []
    cited: dict[Mention, Mention | None] = {}
    for i, mention in enumerate(mentions):
        lead = re.sub(r"\b(?:the|a|an)\s+$", "", folded[max(0, mention.start - 30):mention.start])
        if ACCORDING_TO.search(lead):
            attributed.append(mention)
            if CITING.search(lead):
                relay = mentions[i - 1] if i and len(folded[mentions[i - 1].end:mention.start].split()) <= 3 else None
                cited[mention] = relay
    subjectless = False
    for verb in SPEECH.finditer(folded):
        if any(a <= verb.start() < b for a, b in quoted):
            continue
        before = [m for m in mentions if m.end <= verb.start() and _gap_ok(folded, m.end, verb.start())]
        inverted = _INVERTED.search(folded[max(0, verb.start() - 5):verb.start()])  # '…," said the minister'
        after = [m for m in mentions if m.start >= verb.end() and len(re.sub(r"\b(?:the|a|an)\b", "", folded[verb.end():m.start]).split()) <= 1]
        if before:
            choice = before[-1]
            if verb.group() == "cited" and after:  # 'X cited Y': Y is the origin, through X
                cited.setdefault(after[0], choice)
                attributed.append(after[0])
        elif after and (inverted or folded[verb.end():after[0].start].strip() == "by"):
            choice = after[0]  # '…," said the minister', or 'confirmed by the ministry'
        else:
            if PRONOUN_SUBJECT.search(folded[:verb.start()]) or CONTINUES.search(folded):
                # 'his office said': the party this passage names by its own name before, else the one before it
                earlier = [m for m in mentions if m.end <= verb.start() and m.weight == 2]
                if earlier and not attributed:
                    attributed.append(earlier[0])
                    continue
                subjectless = True
            continue
        if choice not in attributed:
            attributed.append(choice)
    if not attributed:
        if previous and previous.chain and (subjectless or HEARSAY.search(folded) or CONTINUES.search(folded)):
            return Attribution(previous.chain, carried=True)
        return Attribution(())
    origin = next((m for m in attributed if m in cited), None)
    if origin is not None:
        relay = cited[origin]
        return Attribution((relay, origin) if relay is not None and relay.actors != origin.actors else (origin,))
    return Attribution(tuple(sorted(attributed, key=lambda m: (-m.weight, m.start))), several=True)


def context(text: str, names: Names, attribution: Attribution) -> Attribution:
    """What a later 'it said' or 'his office said' refers back to: this passage's attribution, else
    the party it names first (by its own name rather than a looser one)."""
    if attribution.chain:
        return attribution
    mentions = sorted(names.mentions(text), key=lambda m: (-m.weight, m.start))
    return Attribution(mentions[:1])


def is_media(actor: Actor) -> bool:
    return any(kind in actor.kind.lower() for kind in MEDIA_KINDS)
