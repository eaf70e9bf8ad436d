"""Which claims a passage bears on: BM25 over the sheet's claims (bm25s, sparse matrices).

Each claim is a document made of its statement and the quotes of its evidence: the words the
editors and the other outlets used for it. Each passage of the new source is a query, so word
weights (IDF) come from the whole sheet. A score is divided by the passage's own best possible
score, so that long and short passages compare: 1.0 would mean every informative word of the
passage is in the claim. (benchmarks/suggest.py measured this against rank-bm25, scikit-learn's
TF-IDF and rapidfuzz; see the README's 'Adding an article'.)
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..check.quotes import UNSPACED

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
