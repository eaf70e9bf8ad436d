"""Which claims a passage bears on: BM25 over the sheet's claims (bm25s, sparse matrices).

A claim is scored by its statement and by each quote of its evidence, apart (it gets its best):
the words the editors and the other outlets used for it. Each passage of the new source is a query, so word
weights (IDF) come from the whole sheet. A score is divided by the passage's own best possible
score, so that long and short passages compare: 1.0 would mean every informative word of the
passage is in the claim. (benchmarks/suggest.py measured this against rank-bm25, scikit-learn's
TF-IDF and rapidfuzz; see the README's 'Adding an article'.)
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..check.quotes import UNSPACED
from .cues import REFERS_BACK

if TYPE_CHECKING:
    from ..read.content import TopicFile
    from ..read.model import Claim, Evidence
    from .attribution import Names
    from .passages import Passage

_TOKEN = re.compile(rf"\d[\d,.]*\d|\d|[{UNSPACED}]+|[^\W\d_{UNSPACED}]+")
_UNSPACED_RUN = re.compile(f"[{UNSPACED}]")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | {"said", "says", "also", "would", "could", "according", "reported", "told"}


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def tokens(text: str) -> list[str]:
    """Words for ranking: case-folded, stemmed, stop words out, '12,000' as 12000, unspaced scripts as bigrams."""
    out: list[str] = []
    stop = _stopwords()
    for token in _TOKEN.findall(text.casefold()):
        if token[0].isdigit():
            out.append(token.replace(",", "").rstrip("."))
        elif _UNSPACED_RUN.match(token):
            out += [token[i:i + 2] for i in range(max(1, len(token) - 1))]
        elif token not in stop and len(token) > 1:
            out.append(_stem(token))
    return out


class ClaimIndex:
    """BM25 scores of a query against every claim document, and the query's own ceiling."""

    def __init__(self, documents: list[list[str]]) -> None:
        import bm25s

        self.size = len(documents)
        self._term_best: dict[str, float] = {}
        self.vocabulary = {t for doc in documents for t in doc}
        self._bm25 = bm25s.BM25()
        # bm25s drops an empty document; a placeholder word keeps every claim at its index.
        self._bm25.index([doc or ["\x00"] for doc in documents], show_progress=False)

    def scores(self, query: list[str]) -> np.ndarray:
        """BM25 of the query against each claim (higher: more of its rarer words, more often)."""
        known = [t for t in dict.fromkeys(query) if t in self.vocabulary]
        if not known:
            return np.zeros(self.size, dtype="float32")
        return np.asarray(self._bm25.get_scores(known), dtype="float32")

    def ceiling(self, query: list[str]) -> float:
        """The best score the query could get: the sum over its words of the best score each gets
        alone. A score over it is the share of the query's weight that a claim holds."""
        return max(sum(self._best(t) for t in dict.fromkeys(query) if t in self.vocabulary), 1e-9)

    def _best(self, term: str) -> float:
        if term not in self._term_best:
            self._term_best[term] = float(np.asarray(self._bm25.get_scores([term])).max())
        return self._term_best[term]


# -- a source's passages against the sheet's claims ------------------------------------------------

FLOOR = 0.16
"""The least share of a passage's weight (its ceiling) a claim must hold for the passage to bear on it."""
RELATIVE = 0.5
"""...and at least this part of the share of the passage's best claim."""
CLAIMS_PER_PASSAGE = 4
"""A passage is offered to at most this many claims, its best-scoring ones."""
CARRY = 0.6
"""How much of the passage before counts for a passage that refers back to it."""
CANDIDATE_SHARE = 0.5
"""A claim that holds half of what a passage states bears on it; a check-worthy passage that no claim holds
half of, and that is no claim's best passage, is a candidate claim."""


def scores(found: tuple[Passage, ...], claims: list[tuple[TopicFile, int, Claim]], source_id: str,
           index_factory: type[ClaimIndex], names: Names | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(raw BM25, share of the passage's ceiling) of every passage against every claim, a passage
    that refers back also scoring part of the passage before it (`carried`)."""
    return carried(found, *alone_scores(found, claims, source_id, index_factory, names))


def alone_scores(found: tuple[Passage, ...], claims: list[tuple[TopicFile, int, Claim]], source_id: str,
                 index_factory: type[ClaimIndex], names: Names | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Raw BM25 of every passage on its own against every claim, and each passage's ceiling.

    A claim's statement and each quote of its evidence are scored apart and the claim gets its
    best one: a broad claim with many quotes is one long document otherwise, whose length
    weighs down every match (BM25's length normalisation), and one quote an outlet paraphrases
    is what a new passage resembles. A quote is scored without the names of the parties it
    cites that are not the claim's claimants (`speaking`)."""
    if not found or not claims:
        return np.zeros((len(found), len(claims)), dtype="float32"), np.ones(len(found), dtype="float32")
    owners: list[int] = []
    pieces: list[list[str]] = []
    for c, (_, _, claim) in enumerate(claims):
        for text in [claim.statement] + [speaking(e, claim, names) for e in claim.evidence if e.source != source_id]:
            owners.append(c)
            pieces.append(tokens(text))
    index = index_factory(pieces)
    queries = [tokens(p.text) for p in found]
    by_piece = np.vstack([index.scores(q) for q in queries])
    starts = np.flatnonzero(np.diff(np.array(owners), prepend=-1))  # each claim's pieces are contiguous, in order
    return np.maximum.reduceat(by_piece, starts, axis=1), np.array([index.ceiling(q) for q in queries], dtype="float32")


def speaking(evidence: Evidence, claim: Claim, names: Names | None) -> str:
    """The quote with the names of the parties it cites blanked, but for the claim's own claimants.

    A broad claim gathers other parties' reactions ('the NATO chief could not confirm it'): their
    names say who speaks on the claim, not what it is about, and would draw every passage where
    the same party speaks on something else. A claimant's name is part of what the claim is."""
    speakers = set(evidence.via_chain) - set(claim.claimed_by)
    if names is None or not speakers:
        return evidence.quote
    text = evidence.quote
    for mention in names.mentions(text):
        if mention.actors[0] in speakers:  # the likeliest party the name fits
            text = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    return text


def carried(found: tuple[Passage, ...], raw: np.ndarray, ceilings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A passage that refers back ('It said…', 'those reports') also scores part of the passage before it."""
    out, out_ceilings = raw.copy(), ceilings.copy()
    for p in range(1, len(found)):
        if REFERS_BACK.search(found[p].text):
            out[p] += CARRY * raw[p - 1]
            out_ceilings[p] += CARRY * ceilings[p - 1]
    return out, out / out_ceilings[:, None]


def offered_claims(share: np.ndarray, alone: np.ndarray, ceilings: np.ndarray) -> set[int]:
    """The claims some passage bears on: each passage's best few claims, each holding enough of its
    weight; and a claim that holds half of what a passage states itself, whatever the passage it
    refers back to adds ('However, …' after a denial weighs the denial's claims first)."""
    offered: set[int] = set()
    for p, row in enumerate(share):
        offered |= {int(c) for c in np.argsort(-row)[:CLAIMS_PER_PASSAGE] if row[c] >= FLOOR and row[c] >= RELATIVE * row.max()}
        own = alone[p] / ceilings[p]
        offered |= {int(c) for c in np.argsort(-own)[:CLAIMS_PER_PASSAGE] if own[c] >= CANDIDATE_SHARE}
    return offered
