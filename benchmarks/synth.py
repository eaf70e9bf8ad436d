"""Realistic synthetic fact sheets for the benchmark: N claims, N/10 sources, N/20 actors.

Topics of 100 claims; every claim with 2-3 evidence items whose quotes are written into
the seed text of their source; figures, event dates, history and every status, each
consistent with the status rules, so the sheet passes `factsheet check` like real content.
Proportions follow the real sheet (44 claims, 113 quotes, about 1,000 bytes of YAML per
claim; statements of about 114 characters, status notes of 74, quotes of 137; event dates
on 10 claims, figures on 8, history on 2): here about 2.6 quotes per claim, event dates on
1 claim in 4, figures on 1 in 5 and history on 1 in 10, each quantity given by about 5 claims.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

PLACES = ["Vladivostok", "Ussuriysk", "Khabarovsk", "Blagoveshchensk", "Donetsk", "Kursk", "Pyongyang", "Seoul"]
VERBS = ["moved", "trained", "stationed", "equipped", "transported", "deployed"]
OPENERS = ["Officials said", "According to the agency,", "Lawmakers were told that", "A military source said",
           "The ministry confirmed that", "Intelligence officials believe", "Local reports said", "Diplomats said"]
WHEN = ["last week", "this month", "in early October", "over the weekend", "on Tuesday", "late on Friday"]
CLOSERS = ["according to the agency's statement to lawmakers", "the briefing added without giving further details",
           "a claim that could not be independently verified", "citing satellite imagery and intercepted messages",
           "in what analysts called a significant escalation", "two people familiar with the matter said"]


class _IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key, as the editors write them in content/."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def make_sheet(root: Path, claims: int, seed: int = 7) -> Path:
    """Write content/, seeds/ and mkdocs.yml for a sheet of `claims` claims under `root`."""
    rng = random.Random(seed)
    n_sources, n_actors = max(2, claims // 10), max(4, claims // 20)
    content, seeds = root / "content", root / "seeds"
    (content / "topics").mkdir(parents=True, exist_ok=True)
    seeds.mkdir(parents=True, exist_ok=True)
    (root / "generated").mkdir(exist_ok=True)

    actors = [{"id": f"actor-{i}", "name": f"Agency {i}", "kind": "agency", "country": rng.choice(["North", "South", "East"]),
               **({"part_of": f"actor-{i - 1}"} if i % 5 == 4 else {})} for i in range(n_actors)]
    sources = [{"id": f"source-{i}", "title": f"Report number {i} on troop movements", "publisher": f"Outlet {i}",
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "seed": f"seed-{i}.txt",
                "kind": rng.choice(["wire", "newspaper", "broadcaster", "news-site"]),
                **({"url": f"https://outlet{i}.example/report/{i}"} if i % 3 else {})} for i in range(n_sources)]
    quantities = [{"id": f"quantity-{q}", "label": f"Troops moved in operation {q}"} for q in range(max(1, claims // 25))]
    seed_text: list[list[str]] = [[f"Report {i}. Background paragraph with no claim in it."] for i in range(n_sources)]

    def quote(i: int, j: int, source: int, value: int) -> str:
        # Sentences as varied as news copy, so a text fragment needs a few words, not a dozen.
        text = (f"{rng.choice(OPENERS)} {value:,} soldiers were {rng.choice(VERBS)} to {rng.choice(PLACES)} "
                f"in operation {i}-{j} {rng.choice(WHEN)}, {rng.choice(CLOSERS)}.")
        seed_text[source].append(text)
        return text

    topics = []
    for t in range(max(1, claims // 100)):
        topic_claims = []
        for k in range(min(100, claims - t * 100)):
            i = t * 100 + k
            kind = i % 4
            q = (i // 5) % len(quantities)
            quantity = f"quantity-{q}"
            value = 1000 + (q % 23) * 500  # 1,000 to 12,000; sources agree on a quantity's value unless a claim disputes it
            sources_here = rng.sample(range(n_sources), 3)
            actor = rng.randrange(n_actors)
            with_figures = i % 5 == 0
            evidence = [{"source": f"source-{sources_here[0]}", "stance": "asserts", "via": f"actor-{actor}",
                         "quote": quote(i, 0, sources_here[0], value)}]
            if with_figures:
                evidence[0]["figures"] = [{"quantity": quantity, "value": value, "unit": "soldiers"}]
            if kind == 0:  # confirmed: a second, independent origin (the outlet's own reporting)
                status = "confirmed"
                evidence.append({"source": f"source-{sources_here[1]}", "stance": "reports", "quote": quote(i, 1, sources_here[1], value)})
            elif kind == 1:
                status = "unconfirmed"
                evidence.append({"source": f"source-{sources_here[1]}", "stance": "asserts", "via": f"actor-{actor}",
                                 "quote": quote(i, 1, sources_here[1], value)})
            elif kind == 2:
                status = "disputed"
                other = value + 500
                evidence.append({"source": f"source-{sources_here[1]}", "stance": "disputes", "quote": quote(i, 1, sources_here[1], other)})
                if with_figures:
                    evidence[-1]["figures"] = [{"quantity": quantity, "value": other, "unit": "soldiers", "qualifier": "about"}]
            else:
                status = "denied"
                evidence.append({"source": f"source-{sources_here[1]}", "stance": "denies", "via": f"actor-{(actor + 1) % n_actors}",
                                 "quote": quote(i, 1, sources_here[1], value)})
            if i % 7 < 4:  # 4 claims in 7: about 2.6 quotes per claim, as in the real sheet
                # As editors write it: who cannot confirm it (another party than the claimant).
                evidence.append({"source": f"source-{sources_here[2]}", "stance": "cannot-confirm",
                                 "via": f"actor-{(actor + 2) % n_actors}", "quote": quote(i, 2, sources_here[2], value)})
            claim = {"id": f"claim-{i}",
                     "statement": f"{value:,} soldiers were moved in operation {i} near {rng.choice(PLACES)}, "
                                  f"officials said after a closed briefing to lawmakers.",
                     "claimed_by": [f"actor-{actor}"], "claimed_on": "2024-10-18", "status": status,
                     "status_note": f"Synthetic claim {i}, status {status}: the evidence below is what the desk weighed.",
                     "evidence": evidence}
            if i % 4 == 1:  # event dates over two years, so the timeline has about 100 events a month at 10k
                claim["happened"] = f"{2023 + (i // 4) % 2}-{1 + (i // 8) % 12:02d}-{1 + i % 28:02d}"
            if i % 10 == 0:
                claim["history"] = [{"date": "2024-10-17", "status": "unconfirmed", "note": "First reported."},
                                    {"date": "2024-10-18", "status": status, "note": "Status reviewed."}]
                if status == "unconfirmed":
                    claim["history"] = claim["history"][1:]
            topic_claims.append(claim)
        topics.append({"title": f"Topic {t}", "summary": f"Synthetic topic {t}.", "claims": topic_claims})

    def dump(path: Path, data: object) -> None:
        text = yaml.dump(data, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=200)
        path.write_text(text, encoding="utf-8")

    dump(content / "sheet.yaml", {"title": f"Synthetic sheet of {claims} claims", "summary": "Made by benchmarks/synth.py.",
                                  "as_of": "2024-10-18", "quantities": quantities})
    dump(content / "sources.yaml", {"sources": sources})
    dump(content / "actors.yaml", {"actors": actors})
    for t, topic in enumerate(topics):
        dump(content / "topics" / f"topic-{t:04d}.yaml", topic)
    for i, lines in enumerate(seed_text):
        (seeds / f"seed-{i}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = Path(__file__).resolve().parent.parent
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_name: North Korean troops in Russia — fact sheet", f"site_name: Synthetic {claims}"), encoding="utf-8")
    return root
