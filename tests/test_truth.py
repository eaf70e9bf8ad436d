"""Saying exactly what the sources say: statements on the record, accounts that differ, figures as written."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factsheet.check.evidence import SUPPORTING, Parties, corroboration, parties_of
from factsheet.publish.build import Project, check_sheet, render
from factsheet.read.model import Stance, Status, parse_when
from tests.conftest import ROOT, edit
from tests.test_validation import check_problems

DURATION, CLOSURE = "content/topics/duration.yaml", "content/topics/closure.yaml"
# What a quoted sentence must say for the page to say a party denies or cannot confirm something.
DENIAL = re.compile(r"\b(den(y|ies|ied)|fake news|dismiss\w*)\b", re.I)
CANNOT_CONFIRM = re.compile(r"\b(confirm\w*|no evidence)\b", re.I)
SPEECH = re.compile(r"\b(said|denied|warned|suggested|stated)\b")


@pytest.fixture(scope="module")
def real():  # type: ignore[no-untyped-def]
    checked = check_sheet(Project(ROOT / "content", ROOT / "seeds"))
    return checked.content, checked.warnings


def test_the_real_sheet_checks_without_a_warning(real) -> None:  # type: ignore[no-untyped-def]
    _, warnings = real
    assert [str(w) for w in warnings] == []  # no hedge, count, unit, copy or attribution warning


def test_no_page_says_a_party_denies_or_cannot_confirm_unless_its_sentence_does(real) -> None:  # type: ignore[no-untyped-def]
    content, _ = real
    parties = parties_of(content)
    for _, _, claim in content.claims():
        speakers = {parties.root(p) for p in claim.claimed_by if p in parties.actors}
        for item in claim.evidence:
            if item.stance is Stance.denies:
                assert item.via_chain and DENIAL.search(item.quote), (claim.id, item.quote)
            if item.stance is Stance.cannot_confirm:
                assert item.via_chain, claim.id
                assert parties.origin(item).root not in speakers, claim.id  # never the claimant itself
                assert CANNOT_CONFIRM.search(item.quote), (claim.id, item.quote)
            assert item.stance is not Stance.disputes, (claim.id, "no source of this sheet disputes; accounts differ")


def test_no_truth_badge_sits_on_a_statement_of_what_someone_said(real) -> None:  # type: ignore[no-untyped-def]
    content, _ = real
    statements = [c for _, _, c in content.claims() if SPEECH.search(c.statement)]
    assert len(statements) >= 8
    assert {c.id: c.status for c in statements} == {c.id: Status.on_record for c in statements}
    page = render(Project(ROOT / "content", ROOT / "seeds"))["topics/04-reactions.md"]
    denial = page[page.rindex("\n## ", 0, page.index("{ #russia-denies-using-troops }")):]
    denial = denial[:denial.index('<details class="fs-history">')]  # its history shows the old status, as history
    assert "fs-badge--on-record" in denial and "fs-badge--confirmed" not in denial
    assert "Reported as said by 2 outlets." in denial


def test_the_open_question_is_a_claim_with_both_sides(real) -> None:  # type: ignore[no-untyped-def]
    content, _ = real
    parties = parties_of(content)
    claim = next(c for _, _, c in content.claims() if c.id == "deployed-in-occupied-ukraine")
    assert claim.status is Status.disputed and claim.alternative_to == ["front-after-training"]
    lines = [text for _, text in parties.support(claim).against_lines()]
    assert "Mark Rutte, NATO Secretary-General cannot confirm it." in lines
    assert any(text.startswith("Al Jazeera (National Intelligence Service (NIS)") and "account differs" in text for text in lines)
    home = render(Project(ROOT / "content", ROOT / "seeds"))["index.md"]
    rivals = home[home.index("## Where sources disagree"):home.index("## Who the claims come from")]
    assert "**Rival accounts**:" in rivals and "#deployed-in-occupied-ukraine" in rivals and "#front-after-training" in rivals


def test_equal_figures_never_disagree_on_the_figures_page() -> None:
    pages = render(Project(ROOT / "content", ROOT / "seeds"))
    figures = pages["figures/index.md"]
    prepared = figures[figures.index("{ #troops-being-prepared }"):]
    prepared = prepared[:prepared.index("\n## ")]
    assert "Sources disagree" not in prepared and "All sources that give a figure for this agree" in prepared
    assert "an additional 10,000 troops" in prepared  # an addition, not set against the totals
    total = figures[figures.index("{ #troops-total }"):]
    assert "12,000 troops (also: about 12,000 troops)" in total  # one figure however it is qualified
    assert "(a party to the conflict)" in prepared  # Ukraine gives it


def test_one_article_is_never_two_origins(small: Path) -> None:
    # The Gazette quotes the council and also says it in its own voice: still one line of evidence.
    edit(small / CLOSURE, "      - source: herald\n        stance: reports\n        quote: A council spokesperson said the closure would last … at least six weeks.\n",
         "      - source: gazette\n        stance: reports\n        via: council\n"
         "        quote: The city council said on Monday that the Old Bridge will stay closed\n")
    assert check_problems(small) == [
        f"{CLOSURE}:7:13: claims[0].status: 'confirmed' contradicts the evidence: rule confirmed-needs-two-origins: "
        "1 independent origin supports it (City council) (change the status, or add `status_reason:` to tell readers why "
        "it stands; the rules are on the method page and in the README, 'Origins, independence and status rules')"]


def test_an_outlet_that_rewrites_another_is_not_independent_of_it(small: Path) -> None:
    edit(small / "content/sources.yaml", "    seed: herald.txt\n", "    seed: herald.txt\n    based_on: [gazette]\n")
    problems = check_problems(small)
    assert problems[0].startswith(f"{CLOSURE}:7:13: claims[0].status: 'confirmed' contradicts the evidence: rule "
                                  "confirmed-needs-two-origins: 1 independent origin supports it (The Gazette)")


def test_copied_sentences_are_found_and_named(small: Path) -> None:
    text = (small / "seeds/herald.txt").read_text(encoding="utf-8")
    (small / "seeds/herald.txt").write_text(text + "The city council said on Monday that the Old Bridge will stay closed for "
                                            "at least six weeks after inspectors found cracks.\n", encoding="utf-8")
    edit(small / CLOSURE, "        quote: A council spokesperson said the closure would last … at least six weeks.",
         "        quote: The city council said on Monday that the Old Bridge will stay closed for at least six weeks after inspectors found cracks.")
    warnings = [str(w) for w in check_sheet(Project(small / "content", small / "seeds")).warnings]
    assert any("this sentence of 'herald' is" in w and "the same as one of 'gazette'" in w
               and "add `based_on: [gazette]`" in w for w in warnings), warnings


def test_a_figure_of_1_2_million_and_a_range_each_work_and_a_wrong_value_is_refused(small: Path) -> None:
    # A range: "between four and eight weeks" holds the council's "at least six": no disagreement.
    seed = small / "seeds/herald.txt"
    seed.write_text(seed.read_text().replace("it could be four weeks", "it could be between four and eight weeks"))
    edit(small / DURATION, "said it could be four weeks.", "said it could be between four and eight weeks.")
    edit(small / DURATION, "value: 4, unit: weeks", "low: 4, high: 8, unit: weeks")
    pages = render(Project(small / "content", small / "seeds"))
    assert "between 4 and 8 weeks" in pages["topics/duration.md"]
    assert "Sources disagree" not in pages["topics/duration.md"]
    assert "can all be true together" in pages["figures/index.md"]
    edit(small / DURATION, "high: 8,", "high: 9,")
    assert check_problems(small) == [f"{DURATION}:21:53: figure 9 is not stated in the quote of this evidence (quote the "
                                     "words that give the number (12,000, 1.2 million, six), or correct the value)"]


def test_1_2_million_on_the_real_sheet_and_a_wrong_scale_refused(tmp_path: Path) -> None:
    for part in ("content", "seeds"):
        shutil.copytree(ROOT / part, tmp_path / part)
    edit(tmp_path / "content/topics/02-troop-numbers.yaml", "value: 1.2 million", "value: 1200000")
    check_sheet(Project(tmp_path / "content", tmp_path / "seeds"))  # the same number, written in digits
    edit(tmp_path / "content/topics/02-troop-numbers.yaml", "value: 1200000", "value: 1.3 million")
    problems = check_problems(tmp_path)
    assert len(problems) == 1 and "figure 1.3 million is not stated in the quote" in problems[0]


def test_a_partys_later_figure_is_a_revision_not_a_disagreement(small: Path) -> None:
    # The council (through its second spokesperson) gives four weeks after its own "at least six".
    edit(small / DURATION, "        via: council\n", "        via: council\n        said_on: 2024-03-01\n")
    edit(small / DURATION, "        via: spokesperson\n", "        via: spokesperson\n        said_on: 2024-03-03\n")
    pages = render(Project(small / "content", small / "seeds"))
    assert "Sources disagree" not in pages["topics/duration.md"]
    figures = pages["figures/index.md"]
    assert "Revised by those who gave them" in figures
    assert "at least 6 weeks (1 March 2024), then 4 weeks (3 March 2024)" in figures


def test_values_stay_as_typed_and_events_can_carry_a_time(small: Path) -> None:
    when = parse_when("2024-03-04 18:30")
    assert when.time == "18:30" and when.start == when.end
    edit(small / CLOSURE, "    status: confirmed", "    happened: 2024-03-02 18:30\n    status: confirmed")
    pages = render(Project(small / "content", small / "seeds"))
    assert "2 March 2024, 18:30" in pages["topics/closure.md"]


def test_mentions_counts_for_nothing(small: Path) -> None:
    content = check_sheet(Project(small / "content", small / "seeds")).content
    parties = Parties(content.actors, content.sources)
    claim = next(c for _, _, c in content.claims() if c.id == "repairs-three-months")
    item = claim.evidence[0].model_copy(update={"stance": Stance.mentions})
    support = corroboration(claim.model_copy(update={"evidence": [item]}), parties)
    assert support.independent == 0 and support.against == () and item.stance not in SUPPORTING
