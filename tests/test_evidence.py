"""The evidence model: origins and independence, status rules, figures, history, text fragments."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.publish.build import Project, check_sheet, render
from factsheet.cli import cli
from factsheet.check.evidence import Parties, corroboration, value_in_quote
from factsheet.check.fragments import match_fragment, quoted_span, text_fragment
from factsheet.check.quotes import Seed, SeedLibrary
from tests.conftest import ROOT, edit
from tests.test_validation import check_problems

CLOSURE, REPAIRS, DURATION = "content/topics/closure.yaml", "content/topics/repairs.yaml", "content/topics/duration.yaml"
HINT = ("(change the status, or add `status_reason:` to tell readers why it stands; the rules are on the method page "
        "and in the README, 'Origins, independence and status rules')")


# -- status rules: the fixture is valid (each status with the evidence it needs); each edit breaks one rule


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    (REPAIRS, "status: unconfirmed", "status: confirmed",
     f"{REPAIRS}:10:13: claims[0].status: 'confirmed' contradicts the evidence: rule confirmed-needs-two-origins: "
     f"1 independent origin supports it (Engineers) {HINT}"),
    (CLOSURE, "status: denied", "status: unconfirmed",
     f"{CLOSURE}:19:13: claims[1].status: 'unconfirmed' contradicts the evidence: rule denial-means-denied-or-disputed: "
     f"The contractor denies it {HINT}"),
    (REPAIRS, "stance: asserts", "stance: disputes",
     f"{REPAIRS}:10:13: claims[0].status: 'unconfirmed' contradicts the evidence: rule dispute-means-disputed: "
     f"Engineers disputes it {HINT}"),
    (REPAIRS, "status: unconfirmed", "status: denied",
     f"{REPAIRS}:10:13: claims[0].status: 'denied' contradicts the evidence: rule denied-needs-a-denial: "
     f"no evidence item has stance 'denies' {HINT}"),
    (REPAIRS, "status: unconfirmed", "status: disputed",
     f"{REPAIRS}:10:13: claims[0].status: 'disputed' contradicts the evidence: rule disputed-needs-a-disagreement: "
     f"no item denies, disputes or differs, and its figures and attributions agree {HINT}"),
    (REPAIRS, "stance: asserts", "stance: differs",
     f"{REPAIRS}:10:13: claims[0].status: 'unconfirmed' contradicts the evidence: rule difference-means-disputed: "
     f"The Gazette (Engineers): the account differs {HINT}"),
    (DURATION, "    status_reason: The fixture's editors saw the closure themselves.\n", "",
     f"{DURATION}:29:13: claims[1].status: 'confirmed' contradicts the evidence: rule confirmed-needs-two-origins: "
     f"1 independent origin supports it (The Herald) {HINT}"),
])
def test_a_status_that_outruns_its_evidence_is_an_error(small: Path, path: str, old: str, new: str, expected: str) -> None:
    edit(small / path, old, new)
    assert check_problems(small) == [expected]


def test_origins_sharing_a_root_are_one_origin(small: Path) -> None:
    # A spokesperson speaks for the council: two outlets quoting them are not two confirmations.
    edit(small / CLOSURE, "      - source: gazette\n        stance: reports\n", "      - source: gazette\n        stance: reports\n        via: council\n")
    edit(small / CLOSURE, "      - source: herald\n        stance: reports\n", "      - source: herald\n        stance: reports\n        via: spokesperson\n")
    assert check_problems(small) == [
        f"{CLOSURE}:7:13: claims[0].status: 'confirmed' contradicts the evidence: rule confirmed-needs-two-origins: "
        f"1 independent origin supports it (City council) {HINT}"]


def test_cannot_confirm_is_not_a_denial(small: Path) -> None:
    edit(small / REPAIRS, "        quote: Engineers told the Gazette the repairs could take up to three months.\n",
         "        quote: Engineers told the Gazette the repairs could take up to three months.\n"
         "      - source: herald\n        stance: cannot-confirm\n        via: council\n        quote: A council spokesperson said\n")
    content = check_sheet(Project(small / "content", small / "seeds")).content
    claim = next(c for _, _, c in content.claims() if c.id == "repairs-three-months")
    support = corroboration(claim, Parties(content.actors, content.sources))
    assert support.against_lines()[0][1] == "City council cannot confirm it."


def test_via_chain_names_every_link_and_the_last_is_the_origin(small: Path) -> None:
    edit(small / REPAIRS, "via: engineers", "via: [engineers, enginers]")
    assert check_problems(small) == [f"{REPAIRS}:15:26: unknown actor 'enginers' (did you mean 'engineers'?)"]
    edit(small / REPAIRS, "via: [engineers, enginers]", "via: [council, engineers]")
    content = check_sheet(Project(small / "content", small / "seeds")).content
    parties = Parties(content.actors, content.sources)
    item = next(c for _, _, c in content.claims() if c.id == "repairs-three-months").evidence[0]
    assert parties.origin(item).key == "engineers"
    assert parties.attribution(item) == "City council, citing Engineers"


# -- the plain sentences a reader sees, on the real content


@pytest.fixture(scope="module")
def real() -> tuple[dict[str, object], Parties]:
    content = check_sheet(Project(ROOT / "content", ROOT / "seeds")).content
    return {c.id: c for _, _, c in content.claims()}, Parties(content.actors, content.sources)


def test_many_outlets_one_origin(real) -> None:  # type: ignore[no-untyped-def]
    claims, parties = real
    assert corroboration(claims["nis-1500-special-forces-vladivostok"], parties).sentence() == \
        "Reported by 4 outlets, all citing one origin: National Intelligence Service (NIS)."


def test_russia_denies_and_nato_cannot_confirm(real) -> None:  # type: ignore[no-untyped-def]
    claims, parties = real
    support = corroboration(claims["north-korea-sending-troops"], parties)
    assert support.sentence() == ("Reported by 5 outlets, citing 3 independent origins: National Intelligence Service (NIS), "
                                  "Ukrainian intelligence and Institute for the Study of War (ISW).")
    assert [text for _, text in support.against_lines()] == ["Russia (the Kremlin) denies it.",
                                                             "Mark Rutte, NATO Secretary-General cannot confirm it."]


def test_home_page_shows_disagreement_and_the_single_origin() -> None:
    home = render(Project(ROOT / "content", ROOT / "seeds"))["index.md"]
    disagree = home[home.index("## Where sources disagree"):home.index("## Who the claims come from")]
    assert "**12,000 troops \\(also: about 12,000 troops\\)** (National Intelligence Service \\(NIS\\), in Yonhap News Agency; " in disagree
    assert "**about 10,000 troops** (National Intelligence Service \\(NIS\\), in Unnamed publisher)" in disagree
    # Zelenskyy's 10,000 count troops being prepared, and the Donetsk dead are 6 in both accounts: no disagreement.
    assert "Ukrainian intelligence" not in disagree and "Donetsk" not in disagree
    origins = home[home.index("## Who the claims come from"):]
    assert origins.splitlines()[6].startswith("| National Intelligence Service \\(NIS\\) |")


# -- figures


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("{quantity: closure-weeks, value: 6", "{quantity: closure-wks, value: 6",
     f"{DURATION}:15:24: unknown quantity 'closure-wks' (did you mean 'closure-weeks'?)"),
    ("value: 4, unit", "value: 9, unit",
     f"{DURATION}:21:46: figure 9 is not stated in the quote of this evidence (quote the words that give the number "
     "(12,000, 1.2 million, six), or correct the value)"),
])
def test_figure_problems(small: Path, old: str, new: str, expected: str) -> None:
    edit(small / DURATION, old, new)
    assert check_problems(small) == [expected]


@pytest.mark.parametrize(("value", "quote", "stated"), [
    ("12000", "a total of 12,000 soldiers", True),
    ("12000", "12000 troops", True),
    ("10000", "Deploy 10K North Korean Troops", True),
    ("6", "six North Korean soldiers", True),
    ("1.2", "with 1.2 million troops", True),
    ("1500", "approximately 1,500 soldiers", True),
    ("500", "approximately 1,500 soldiers", False),
    ("150", "1,500", False),
    ("6", "sixty", False),
    # Scale words, as newsrooms write them
    ("1200000", "with 1.2 million troops", True),
    ("1.2 million", "with 1.2 million troops", True),
    ("4000000", "some 4 million people", True),
    ("13000000000", "worth 13 billion dollars", True),
    ("1300000", "with 1.2 million troops", False),
    ("12000000", "with 1.2 million troops", False),
    # Values as typed: 6.30 is not 6.3
    ("6.30", "at 6.30 in the evening", True),
    ("6.3", "at 6.30 in the evening", False),
])
def test_value_in_quote(value: str, quote: str, stated: bool) -> None:
    assert value_in_quote(value, quote) is stated


def test_disagreement_panel_on_the_claim_and_the_figures_page(small: Path) -> None:
    pages = render(Project(small / "content", small / "seeds"))
    topic = pages["topics/duration.md"]
    assert '<div class="admonition warning"><p class="admonition-title">Sources disagree: Weeks the bridge stays closed</p>' in topic
    assert "<tr><td><strong>at least 6 weeks</strong></td><td>City council, in The Gazette (4 March 2024)</td></tr>" in topic
    assert "<tr><td><strong>4 weeks</strong></td><td>A second council spokesperson, in The Herald (undated)</td></tr>" in topic
    assert '<div class="admonition warning"><p class="admonition-title">Sources disagree</p><p>2 different figures are given for this.</p></div>' in pages["figures/index.md"]
    assert "Sources disagree" not in pages["topics/closure.md"]  # no figures there


# -- history


def test_history_out_of_order_and_after_as_of(small: Path) -> None:
    edit(small / DURATION, "date: 2024-03-01", "date: 2024-03-05")
    assert check_problems(small) == [
        f"{DURATION}:23:16: history date 2024-03-05 is after the sheet's as_of date 2024-03-04 (update as_of in sheet.yaml)",
        f"{DURATION}:24:16: history is out of order: 2024-03-04 comes after 2024-03-05 (list changes oldest first)",
    ]


def test_history_must_end_at_the_current_status(small: Path) -> None:
    edit(small / DURATION, "status: disputed, note", "status: confirmed, note")
    assert check_problems(small) == [
        f"{DURATION}:24:36: the last history entry says 'confirmed' but the claim's status is 'disputed' (add a history entry for the current status)"]


# -- long quotes warn but do not fail


def test_long_quote_is_a_warning(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factsheet.check.validation.LONG_QUOTE_WORDS", 10)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        f"{CLOSURE}:12:16: warning: quote is 18 words long; readers need at most about 10 "
        "(keep the sentence that says it, or skip words with …)")
    assert result.output.rstrip().endswith("; 5 warnings")


# -- text fragments: every published link lands on its quote


def test_every_citation_fragment_on_the_real_content_lands_on_its_quote() -> None:
    content = check_sheet(Project(ROOT / "content", ROOT / "seeds")).content
    seeds = SeedLibrary(ROOT / "seeds")
    sources = {s.id: s for s in content.sources}
    checked = 0
    for _, _, claim in content.claims():
        for item in claim.evidence:
            source = sources[item.source]
            if not source.url:
                continue
            seed = seeds.get(source.seed)
            assert seed is not None
            fragment = text_fragment(seed, item.quote)
            assert fragment, (claim.id, item.quote)
            start, end, _ = quoted_span(seed, item.quote)  # type: ignore[misc]
            assert match_fragment(fragment, seed.text) == " ".join(seed.text[start:end].split()), (claim.id, fragment)
            checked += 1
    assert checked >= 40


def test_fragment_grows_until_its_first_match_is_the_quote() -> None:
    seed = Seed("s", "The council said the bridge will stay shut. The council said the bridge will reopen in May "
                     "after all the repairs are done and checked by engineers.")
    quote = "The council said the bridge will reopen in May after all the repairs are done and checked by engineers."
    fragment = text_fragment(seed, quote)
    assert fragment == (":~:text=The%20council%20said%20the%20bridge%20will%20reopen,"
                        "repairs%20are%20done%20and%20checked%20by%20engineers.")
    assert match_fragment(fragment, seed.text) == quote


def test_fragment_uses_the_pages_own_characters() -> None:
    seed = Seed("s", "He said it was \u201chighly likely\u201d \u2014 and the report was\ntrue.")
    fragment = text_fragment(seed, 'it was "highly likely" - and the report was true.')
    assert fragment == ":~:text=it%20was%20%E2%80%9Chighly%20likely%E2%80%9D%20%E2%80%94%20and%20the%20report%20was%20true."
    fragment = text_fragment(seed, "He said … the report was true.")
    assert match_fragment(fragment, seed.text) == "He said it was \u201chighly likely\u201d \u2014 and the report was true."
