"""Benchmark of `factsheet suggest`: how well it finds what the editors curated, and how fast. Run: `make bench-suggest`.

On the real sheet, each source in turn is held out: the evidence items citing it are removed
(claims left with none are removed too, as they would not exist before the article came in),
`suggest` reads the source against what remains, and its output is compared with the curated items:
  - recall at 3: the curated quote overlaps one of the three passages suggested for its claim;
  - stance and `via` agreement, on the items found (via: the same origin, the last of the chain);
  - coverage: for the claims only that source supported, a candidate claim covers the curated quote;
  - precision: of the (claim, source) pairs suggested, the share the editors curated.
Speed: seconds per source on a synthetic sheet of 1,000 claims (benchmarks/synth.py), the
content loaded once, and a whole `factsheet suggest` command in a fresh process.

`--compare` also ranks with rank-bm25, scikit-learn's TF-IDF and rapidfuzz in place of bm25s,
threshold-free (recall at 3 over every passage, and the curated claim's rank for its passage);
it needs those packages installed (`pip install rank-bm25 scikit-learn rapidfuzz`).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_sheet  # noqa: E402

from factsheet.check.fragments import quoted_span  # noqa: E402
from factsheet.check.quotes import Seed, SeedLibrary  # noqa: E402
from factsheet.ingest import rank, suggest as suggesting  # noqa: E402
from factsheet.ingest.passages import passages  # noqa: E402
from factsheet.read.content import Content, TopicFile, load_content  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"recall at 3": 0.90, "stance agreement": 0.80, "via agreement": 0.80}


def held_out(content: Content, source_id: str) -> tuple[Content, list[tuple[str, object]]]:
    """The content without the source's evidence, and the claims only it supported (id, claim)."""
    topics, dropped = [], []
    for topic in content.topics:
        claims = []
        for claim in topic.topic.claims:
            rest = [e for e in claim.evidence if e.source != source_id]
            if rest:
                claims.append(claim.model_copy(update={"evidence": rest}))
            else:
                dropped.append((claim.id, claim))
        if claims:
            topics.append(TopicFile(topic.id, topic.topic.model_copy(update={"claims": claims}), topic.doc))
    return replace(content, topics=topics), dropped


def _span(seed: Seed, quote: str) -> tuple[int, int]:
    found = quoted_span(seed, quote)
    assert found is not None, quote
    return found[0], found[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Tally:
    curated: int = 0
    found: int = 0
    stance: int = 0
    via: int = 0
    via_chain: int = 0
    suggested_pairs: int = 0
    curated_pairs: int = 0
    only_source: int = 0
    covered: int = 0


def evaluate(content: Content, seeds: SeedLibrary, verbose: bool = False) -> Tally:
    tally = Tally()
    for source in content.sources:
        if source.seed is None:
            continue
        seed = seeds.get(source.seed)
        assert seed is not None
        rest, dropped = held_out(content, source.id)
        result = suggesting.suggest(rest, seeds, source.id)
        by_claim = {s.claim.id: s for s in result.claims}
        tally.suggested_pairs += len(by_claim)
        for _, _, claim in content.claims():
            curated = [e for e in claim.evidence if e.source == source.id]
            if not curated or claim.id in dict(dropped):
                continue
            tally.curated_pairs += claim.id in by_claim
            for item in curated:
                tally.curated += 1
                span = _span(seed, item.quote)
                hits = [s for s in (by_claim[claim.id].items if claim.id in by_claim else [])
                        if _overlap(span, (s.passage.start, s.passage.end))]
                if not hits:
                    if verbose:
                        print(f"  MISS {source.id} {claim.id}: {item.quote[:80]}")
                    continue
                hit = hits[0]
                tally.found += 1
                tally.stance += hit.stance is item.stance
                tally.via += (hit.via[-1:] == item.via_chain[-1:])
                tally.via_chain += hit.via == item.via_chain
                if verbose and (hit.stance is not item.stance or hit.via[-1:] != item.via_chain[-1:]):
                    print(f"  DIFF {source.id} {claim.id}: stance {hit.stance.value} (curated {item.stance.value}), "
                          f"via {list(hit.via)} (curated {list(item.via_chain)}): {hit.passage.text[:70]}")
        for claim_id, claim in dropped:
            tally.only_source += 1
            spans = [_span(seed, e.quote) for e in claim.evidence]  # type: ignore[attr-defined]
            covered = any(_overlap(s, (c.passage.start, c.passage.end)) for c in result.candidates for s in spans)
            tally.covered += covered
            if verbose and not covered:
                print(f"  UNCOVERED {source.id} {claim_id}")
    return tally


def _share(n: int, d: int) -> str:
    return f"{n / d:.0%} ({n}/{d})" if d else "n/a"


def report(tally: Tally) -> None:
    rows = [("recall at 3", tally.found, tally.curated), ("stance agreement", tally.stance, tally.found),
            ("via agreement", tally.via, tally.found)]
    print(f"{'figure':<44} {'measured':<16} target")
    for name, n, d in rows:
        held = "held" if d and n / d >= TARGETS[name] else "MISSED"
        print(f"{name:<44} {_share(n, d):<16} ≥ {TARGETS[name]:.0%}: {held}")
    print(f"{'via agreement, whole chain':<44} {_share(tally.via_chain, tally.found):<16}")
    print(f"{'coverage of claims only that source supported':<44} {_share(tally.covered, tally.only_source):<16}")
    print(f"{'precision (suggested claims the editors cited)':<44} {_share(tally.curated_pairs, tally.suggested_pairs):<16}")


# -- ranking libraries, compared threshold-free ---------------------------------------------------


def _rank_bm25(documents: list[list[str]]) -> Callable[[list[str]], np.ndarray]:
    from rank_bm25 import BM25Okapi

    model = BM25Okapi([d or ["\x00"] for d in documents])
    return lambda query: np.asarray(model.get_scores(query))


def _tfidf(documents: list[list[str]]) -> Callable[[list[str]], np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents)
    return lambda query: (matrix @ vectorizer.transform([query]).T).toarray().ravel()


def _rapidfuzz(documents: list[list[str]]) -> Callable[[list[str]], np.ndarray]:
    from rapidfuzz import fuzz, process

    texts = [" ".join(d) for d in documents]
    return lambda query: process.cdist([" ".join(query)], texts, scorer=fuzz.token_set_ratio)[0] / 100


def _bm25s(documents: list[list[str]]) -> Callable[[list[str]], np.ndarray]:
    index = rank.ClaimIndex(documents)
    return index.scores


RANKERS = {"bm25s (kept)": _bm25s, "rank-bm25": _rank_bm25, "scikit-learn TF-IDF": _tfidf, "rapidfuzz token_set": _rapidfuzz}


def compare(content: Content, seeds: SeedLibrary) -> None:
    print(f"\n{'ranker':<22} {'recall@3':<10} {'mean rank of claim':<20} {'seconds (5 sources)'}")
    for name, make in RANKERS.items():
        hits = total = 0
        ranks: list[int] = []
        started = time.perf_counter()
        for source in content.sources:
            seed = seeds.get(source.seed)
            if seed is None:
                continue
            rest, dropped = held_out(content, source.id)
            claims = rest.claims()
            score = make([rank.tokens(" ".join([c.statement] + [e.quote for e in c.evidence])) for _, _, c in claims])
            found = passages(seed.text)
            matrix = np.vstack([score(rank.tokens(p.text)) for p in found])
            position = {c.id: i for i, (_, _, c) in enumerate(claims)}
            for _, _, claim in content.claims():
                if claim.id not in position:
                    continue
                column = matrix[:, position[claim.id]]
                top = np.argsort(-column)[:3]
                for item in (e for e in claim.evidence if e.source == source.id):
                    total += 1
                    span = _span(seed, item.quote)
                    hits += any(_overlap(span, (found[p].start, found[p].end)) for p in top)
                    best = max((p for p in range(len(found)) if _overlap(span, (found[p].start, found[p].end))),
                               key=lambda p: matrix[p, position[claim.id]])
                    ranks.append(int((matrix[best] > matrix[best, position[claim.id]]).sum()) + 1)
        seconds = time.perf_counter() - started
        print(f"{name:<22} {_share(hits, total):<10} {statistics.mean(ranks):<20.2f} {seconds:.2f}")


# -- speed ----------------------------------------------------------------------------------


def speed(claims: int = 1000, sources: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_sheet(Path(tmp), claims)
        started = time.perf_counter()
        content, problems = load_content(root / "content")
        load = time.perf_counter() - started
        assert content is not None, problems
        seeds = SeedLibrary(root / "seeds")
        times = []
        for source in content.sources[:sources]:
            started = time.perf_counter()
            suggesting.suggest(content, seeds, source.id)
            times.append(time.perf_counter() - started)
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "factsheet", "suggest", content.sources[0].id], cwd=root,
                             capture_output=True, text=True)
        command = time.perf_counter() - started
        assert out.returncode == 0, out.stderr
    print(f"\nspeed on a synthetic sheet of {claims:,} claims ({len(content.sources)} sources, {sources} of them suggested):")
    print(f"{'loading the content once':<44} {load:.2f} s")
    print(f"{'suggest per source, median / slowest':<44} {statistics.median(times):.2f} s / {max(times):.2f} s   target ≤ 1 s: "
          f"{'held' if max(times) <= 1 else 'MISSED'}")
    print(f"{'`factsheet suggest` command, fresh process':<44} {command:.2f} s (Python start, imports, loading and suggest)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every miss and disagreement")
    parser.add_argument("--compare", action="store_true", help="also compare ranking libraries")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    content, problems = load_content(ROOT / "content")
    assert content is not None, problems
    seeds = SeedLibrary(ROOT / "seeds")
    print(f"held out in turn: {len(content.sources)} sources of the real sheet ({len(content.claims())} claims)\n")
    report(evaluate(content, seeds, args.verbose))
    if args.compare:
        compare(content, seeds)
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
