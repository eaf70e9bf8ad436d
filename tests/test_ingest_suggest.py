"""`factsheet suggest`: every item it prints pastes into the topic files and passes `factsheet check`
as it stands; the cues it reads are general newsroom English; it writes nothing."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from factsheet.check.quotes import SeedLibrary
from factsheet.cli import cli
from factsheet.errors import ContentError
from factsheet.ingest import report
from factsheet.ingest.attribution import Names, attribute
from factsheet.ingest.passages import figures, passages
from factsheet.ingest.suggest import DIFFERS, propose_stance, suggest
from factsheet.publish.build import Project, check_sheet
from factsheet.read.content import load_content
from factsheet.read.model import Actor, Claim, Stance
from tests.conftest import ROOT
from tests.site_helpers import copy_project

PAGES = ROOT / "tests" / "fixtures" / "ingest" / "pages"
MOSCOW_TIMES_URL = ("https://www.themoscowtimes.com/2024/10/18/north-korea-sending-large-scale-troop-deployments-to-fight-"
                    "in-ukraine-war-seoul-says-a86740")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def problems(root: Path) -> list[str]:
    try:
        checked = check_sheet(Project(root / "content", root / "seeds"))
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return [str(w) for w in checked.warnings if not w.warning]


def paste(root: Path, data: dict[str, object]) -> list[str]:
    """Paste every suggested item, as printed, under its claim's `evidence:` line; the rules it announced."""
    announced = []
    by_file: dict[str, list[tuple[int, str]]] = {}
    for claim in data["claims"]:  # type: ignore[union-attr]
        for item in claim["items"]:
            by_file.setdefault(claim["file"], []).append((claim["evidence_line"], report.to_yaml(item["evidence"], report.ITEM_INDENT)))
            announced += [f"{claim['claim']}: {rule}" for rule in item["status_rules_broken"]]
    for file, inserts in by_file.items():
        path = root / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for line, text in sorted(inserts, reverse=True):
            assert lines[line - 1].strip() == "evidence:", f"{file}:{line} is not an evidence: line"
            lines.insert(line, text)
        path.write_text("".join(lines), encoding="utf-8")
    return announced


def status_problem_claims(found: list[str], root: Path) -> set[str]:
    """The claims (by id) whose status the checker says contradicts their evidence."""
    out = set()
    content, _ = load_content(root / "content")
    for message in found:
        match = re.match(r"(.+?):(\d+):\d+: claims\[(\d+)\]\.status: .* contradicts the evidence", message)
        assert match, f"only status rules may fail after pasting: {message}"
        topic = next(t for t in content.topics if str(root / "content/topics" / t.id) in str(Path(match.group(1)).resolve())  # type: ignore[union-attr]
                     or match.group(1).endswith(f"{t.id}.yaml"))
        out.add(topic.topic.claims[int(match.group(3))].id)
    return out


@pytest.fixture
def real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_project(tmp_path / "real")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("source_id", ["aljazeera", "dprk-1500-article", "apnews-credited", "yonhap", "moscow-times"])
def test_every_suggestion_on_the_real_sheet_pastes_and_passes_the_check(real: Path, source_id: str) -> None:
    before = problems(real)
    code, out = run("suggest", source_id, "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["source"] == source_id
    announced = paste(real, data)
    after = [p for p in problems(real) if p not in before]
    assert status_problem_claims(after, real) <= {a.split(":")[0] for a in announced}


def _hold_out(root: Path, source_id: str) -> None:
    """The sheet as it was before the article came in: its items, its entry and its seed removed."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    for path in sorted((root / "content/topics").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        for claim in list(data["claims"]):
            claim["evidence"] = [e for e in claim["evidence"] if e["source"] != source_id]
            if not claim["evidence"]:
                data["claims"].remove(claim)
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(data, out)
    sources = root / "content/sources.yaml"
    data = yaml.load(sources.read_text(encoding="utf-8"))
    seed = next(s["seed"] for s in data["sources"] if s["id"] == source_id)
    data["sources"] = [s for s in data["sources"] if s["id"] != source_id]
    with sources.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    (root / "seeds" / seed).unlink()


def test_a_new_article_added_then_suggested_pastes_into_the_real_sheet(real: Path) -> None:
    _hold_out(real, "moscow-times")
    before = problems(real)
    code, out = run("add-source", str(PAGES / "moscow-times.html"), "--retrieved", "2024-10-18")
    assert code == 0, out
    assert "Added source 'the-moscow-times'" in out
    code, out = run("suggest", "the-moscow-times", "--json")
    assert code == 0, out
    data = json.loads(out)
    suggested = {c["claim"] for c in data["claims"]}
    # Claims the editors cited The Moscow Times for are among those suggested.
    assert {"six-killed-near-donetsk", "thirteen-thousand-containers", "ukraine-10000-being-prepared"} & suggested
    announced = paste(real, data)
    after = [p for p in problems(real) if p not in before]
    assert status_problem_claims(after, real) <= {a.split(":")[0] for a in announced}
    # The candidate claims paste under a topic's claims: and pass too.
    topic = real / "content/topics/06-background.yaml"
    text = topic.read_text(encoding="utf-8")
    drafts = "".join(report.to_yaml(c["claim"], report.CLAIM_INDENT) for c in data["candidates"])
    assert data["candidates"], "a held-out article brings claims the sheet does not have yet"
    topic.write_text(text.rstrip("\n") + "\n\n" + drafts, encoding="utf-8")
    after = [p for p in problems(real) if p not in before]
    assert status_problem_claims(after, real) <= {a.split(":")[0] for a in announced}


def test_the_printed_yaml_says_where_to_paste_and_writes_nothing(small: Path) -> None:
    before = snapshot(small)
    code, out = run("suggest", "herald")
    assert code == 0
    assert snapshot(small) == before
    assert out.startswith("# factsheet suggest herald: 4 passages of seeds/herald.txt read against the sheet's claims.\n"
                          "# Nothing was written.")
    assert ("# == closure-at-least-six-weeks (content/topics/duration.yaml, evidence at line 9)\n"
            "#    The closure will last at least six weeks.\n"
            "# 1. score 2.8 · figures as written: \"at least six\"\n"
            "      - source: herald\n"
            "        stance: asserts\n"
            "        via: spokesperson\n"
            "        quote: A council spokesperson said the closure would last at least six weeks.\n"
            "        figures:\n"
            "          - {quantity: closure-weeks, value: 6, unit: weeks, qualifier: at-least}\n") in out


def test_an_item_whose_stance_the_status_would_contradict_names_the_rule(small: Path) -> None:
    # The Herald's text gains a denial; the claim is 'confirmed': pasting the item would break a rule.
    seed = small / "seeds/herald.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "The council later denied that the bridge would stay closed for six weeks.\n",
                    encoding="utf-8")
    code, out = run("suggest", "herald")
    assert code == 0
    assert re.search(r"#    with this item, status 'confirmed' breaks rule denial-means-denied-or-disputed: .*: change the "
                     r"status, or add `status_reason:`\n      - source: herald\n        stance: denies\n", out)


def test_messages_for_what_suggest_cannot_read(small: Path) -> None:
    assert run("suggest", "heral") == (1, "Error: unknown source 'heral' (did you mean 'herald'?)\n")
    sources = small / "content/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("    seed: herald.txt\n", "    medium: video\n"
                       "    description: A clip.\n    url: https://herald.example/clip\n    retrieved: 2024-03-04\n"),
                       encoding="utf-8")
    assert run("suggest", "herald") == (1, "Error: source 'herald' is a video with no text: suggest reads a source's "
                                           "text (add one with `factsheet add-source`)\n")
    (small / "content/actors.yaml").write_text("actors: [\n", encoding="utf-8")
    code, out = run("suggest", "gazette")
    assert code == 1 and out.startswith("content/actors.yaml:2:1: YAML syntax error") and "Traceback" not in out


# -- the cues, one at a time -----------------------------------------------------------------------

ACTORS = [Actor(id="ministry", name="Ministry of Transport", kind="ministry"),
          Actor(id="local-media", name="Local media", kind="media"),
          Actor(id="jane-dorsett", name="Jane Dorsett, Harbour Minister", kind="minister", part_of="ministry"),
          Actor(id="water-board", name="The city's water board", kind="public body")]
CLAIM = Claim(id="c", statement="The ferry service will stop for 12,000 passengers on Monday.", claimed_by=["ministry"],
              status="unconfirmed", status_note="x", evidence=[{"source": "s", "stance": "asserts", "quote": "q"}])


def _via(text: str) -> list[tuple[str, ...]]:
    return [m.actors for m in attribute(text, Names.of(ACTORS)).chain]


@pytest.mark.parametrize(("text", "chain"), [
    ("The ministry of transport said the ferries would stop.", [("ministry",)]),
    ("The ferries will stop, Jane Dorsett said on Friday.", [("jane-dorsett",)]),
    ("According to the water board, the ferries will stop.", [("water-board",)]),
    ("Local media, citing the Ministry of Transport, reported that the ferries will stop.", [("local-media",), ("ministry",)]),
    ("Dorsett told reporters the ferries would stop.", [("jane-dorsett",)]),
    ("The ferries will stop on Monday.", []),
    ("“The Ministry of Transport is wrong,” said a passenger.", []),
])
def test_attribution_to_actors_by_their_names(text: str, chain: list[tuple[str, ...]]) -> None:
    assert _via(text) == chain


@pytest.mark.parametrize(("text", "stance"), [
    ("The ministry denied that the ferries would stop.", Stance.denies),
    ("The ministry dismissed the report as fake news.", Stance.denies),
    ("The water board could not confirm that the ferries would stop.", Stance.cannot_confirm),
    # The claim's own origin not confirming what is said in its name: the outlet's account differs.
    ("The ministry could not confirm that the ferries would stop.", DIFFERS),
    ("The report has not been independently verified.", Stance.cannot_confirm),
    ("The ministry said about 10,000 passengers would be affected.", DIFFERS),
    ("The ministry said the ferry service will stop for 12,000 passengers on Monday.", Stance.asserts),
    ("Local media reported that the ferry service will stop for 12,000 passengers.", Stance.reports),
    ("The ferry service will stop for 12,000 passengers on Monday.", Stance.reports),
])
def test_stance_cues(text: str, stance: Stance) -> None:
    from factsheet.check.evidence import Parties
    from factsheet.ingest.suggest import propose_via

    names = Names.of(ACTORS)
    via = propose_via(attribute(text, names), [], [])
    assert propose_stance(text, CLAIM, via, names, Parties(ACTORS, []), figures(text))[0] is stance


def test_figures_as_written() -> None:
    written = [f.written for f in figures("Some 12,000 soldiers, about 10,000 more, 4 million rounds and six tanks "
                                          "arrived between October 8 and 13, 2024, said the 2nd brigade.")]
    assert written == ["Some 12,000", "about 10,000", "4 million", "six"]
    assert [str(f.value) for f in figures("more than 13,000 containers and 10K troops")] == ["13000", "10000"]


def test_passages_are_exact_spans_of_the_seed_and_long_sentences_are_cut_at_clauses() -> None:
    seeds = SeedLibrary(ROOT / "seeds")
    for name in seeds.names():
        seed = seeds.get(name)
        for passage in passages(seed.text):  # type: ignore[union-attr]
            assert seed.find(passage.text) is not None  # type: ignore[union-attr]
            assert passage.words <= 60


def test_suggest_needs_no_network_and_reads_the_sheet_only(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("suggest tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    content, _ = load_content(Path("content"))
    assert suggest(content, SeedLibrary(Path("seeds")), "gazette").claims  # type: ignore[arg-type]



def test_a_claim_scores_by_its_best_quote_and_gives_its_numbers() -> None:
    from factsheet.ingest.passages import Passage
    from factsheet.ingest.rank import ClaimIndex, scores
    from factsheet.ingest.suggest import _claim_numbers

    def claim(ident: str, quotes: list[str]) -> tuple[None, int, Claim]:
        evidence = [{"source": "s", "stance": "asserts", "quote": q} for q in quotes]
        return None, 0, Claim(id=ident, statement="Ferries stop.", claimed_by=["ministry"], status="unconfirmed",
                              status_note="x", evidence=evidence)  # type: ignore[arg-type]

    # A broad claim with many quotes would be one long document; scored by its best quote, a passage
    # that repeats one of them scores as it does against a claim with that quote alone.
    quote = "The harbour ferries will stop running at dawn, the minister said."
    broad = claim("broad", [quote] + [f"Other words, number {i}, about trains and buses." for i in range(12)])
    short = claim("short", [quote])
    raw, share = scores((Passage(0, 0, len(quote), quote),), [broad, short], "new", ClaimIndex)  # type: ignore[list-item]
    assert raw[0, 0] == pytest.approx(raw[0, 1]) and share[0, 0] > 0.5
    assert {str(v) for v in _claim_numbers(CLAIM, "other")} == {"12000"}


def test_two_attributed_statements_joined_by_and_are_two_passages() -> None:
    # Each side has its own party and verb of saying: two claims, each quotable with its own origin.
    text = ("However, local media have reported flooding in the north, and Mayor Ana Diaz has said that 300 homes are empty. "
            "The ministry said the aid included food, water, and Red Cross tents.")
    assert [p.text for p in passages(text)] == [
        "However, local media have reported flooding in the north",
        "Mayor Ana Diaz has said that 300 homes are empty.",
        "The ministry said the aid included food, water, and Red Cross tents."]  # a list stays one passage


def test_a_passage_that_turns_from_the_one_before_offers_the_claim_it_states() -> None:
    import numpy as np

    from factsheet.ingest.passages import Passage
    from factsheet.ingest.rank import carried, offered_claims

    # 'However, …' refers back, so it also scores the long passage before it, which four claims
    # hold; with that carry the claim the passage itself states would be its fifth, below half
    # of its best. It holds all of the passage's own weight, so it is offered all the same.
    found = tuple(Passage(i, 0, 1, t) for i, t in enumerate(["A long denial of many words.", "However, ferries run."]))
    alone = np.array([[9.0, 9.0, 9.0, 9.0, 0.0], [1.0, 1.0, 1.0, 1.0, 2.0]], dtype="float32")
    ceilings = np.array([10.0, 2.0], dtype="float32")
    _, share = carried(found, alone, ceilings)
    assert int(np.argsort(-share[1])[-1]) == 4 and share[1, 4] < 0.5 * share[1].max()
    assert 4 in offered_claims(share, alone, ceilings)
    assert 4 not in offered_claims(share, np.zeros_like(alone), ceilings)  # only what the passage itself states offers it
    many = np.ones((1, 6), dtype="float32")  # six claims each hold all of a passage: it is offered to its best four
    assert len(offered_claims(np.zeros_like(many), many, np.ones(1, dtype="float32"))) == 4


@pytest.mark.parametrize("frost", [
    "Engineers said the cracks came from winter frost in the rusted steel cables.",
    # ...and one the claim would show anyway, as agreeing, since it names the contractor's work too
    "Engineers said the cracks were caused by winter frost in the rusted steel cables, not by the contractor's work.",
])
def test_a_rival_explanations_best_passage_is_shown_as_differing(small: Path, frost: str) -> None:
    # 'alternative_to' says two claims explain one event differently: the passage that best supports
    # the other account is shown under the claim too, as a passage that differs from it.
    (small / "seeds" / "wire.txt").write_text(f"{frost}\nThe council said the Old Bridge will reopen in May.\n", encoding="utf-8")
    with (small / "content" / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write("  - id: wire\n    title: Wire copy\n    publisher: A wire\n    seed: wire.txt\n    kind: wire\n")
    (small / "content" / "topics" / "frost.yaml").write_text(
        "title: Frost\nclaims:\n  - id: frost-cracks\n    statement: Winter frost in the rusted steel cables caused the cracks.\n"
        "    claimed_by: [engineers]\n    status: unconfirmed\n    status_note: One origin.\n"
        "    alternative_to: [cracks-from-contractor]\n    evidence:\n      - source: herald\n        stance: asserts\n"
        "        via: engineers\n        quote: Winter frost in the rusted steel cables caused the cracks, engineers said.\n",
        encoding="utf-8")
    content, _ = load_content(Path("content"))
    by_claim = {s.claim.id: s.items for s in suggest(content, SeedLibrary(Path("seeds")), "wire").claims}  # type: ignore[arg-type]
    assert by_claim["frost-cracks"][0].passage.text == frost
    assert [(i.stance, i.via) for i in by_claim["cracks-from-contractor"] if i.passage.text == frost] == [(DIFFERS, ("engineers",))]


def test_a_quote_is_scored_without_the_names_of_the_parties_it_cites_but_the_claimants() -> None:
    from factsheet.ingest.passages import Passage
    from factsheet.ingest.rank import ClaimIndex, scores, speaking

    # The claim is the ministry's; a quote of the water board reacting to it names the board. A
    # passage where the board speaks on something else shares only that name: it is not about the claim.
    claim = Claim(id="c", statement="Ferries will stop on Monday.", claimed_by=["ministry"], status="unconfirmed", status_note="x",
                  evidence=[{"source": "s", "stance": "cannot-confirm", "via": "water-board",
                             "quote": "The city's water board could not confirm that ferries will stop"},
                            {"source": "s", "stance": "asserts", "via": "ministry",
                             "quote": "The Ministry of Transport said ferries will stop"}])  # type: ignore[list-item]
    names = Names.of(ACTORS)
    assert [speaking(e, claim, names).split() for e in claim.evidence] == [
        ["The", "could", "not", "confirm", "that", "ferries", "will", "stop"],
        ["The", "Ministry", "of", "Transport", "said", "ferries", "will", "stop"]]  # a claimant's name is what the claim is
    text = "The city's water board said reservoir levels are low this summer."
    other = Claim(id="o", statement="Reservoir tunnels are open.", claimed_by=["ministry"], status="unconfirmed", status_note="x",
                  evidence=[{"source": "s", "stance": "asserts", "quote": "Reservoir tunnels are open."}])  # type: ignore[list-item]
    found = (Passage(0, 0, len(text), text),)
    board = scores(found, [(None, 0, claim), (None, 0, other)], "new", ClaimIndex, names)[0]  # type: ignore[list-item]
    unmasked = scores(found, [(None, 0, claim), (None, 0, other)], "new", ClaimIndex)[0]  # type: ignore[list-item]
    assert board[0, 0] == 0 < unmasked[0, 0]
