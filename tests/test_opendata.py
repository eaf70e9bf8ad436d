"""Open data in the built site: claims.json (against its schema), claims.csv, the Atom feed, ClaimReview JSON-LD."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from pyld import jsonld

from factsheet.publish.build import Project, build_site, check_sheet
from tests.conftest import ROOT
from tests.site_helpers import copy_project

SCHEMA_ORG = "https://schema.org/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("opendata")) / "mkdocs.yml")


@pytest.fixture(scope="module")
def claim_ids() -> list[str]:
    content = check_sheet(Project(ROOT / "content", ROOT / "seeds")).content
    return [c.id for _, _, c in content.claims()]


def test_claims_json_validates_against_its_published_schema(site: Path, claim_ids: list[str]) -> None:
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schema/claims-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["schema_version"] == "2.0"
    assert [c["id"] for c in data["claims"]] == claim_ids
    troops = next(c for c in data["claims"] if c["id"] == "nis-1500-special-forces-vladivostok")
    assert (troops["status"], troops["outlets"], troops["independent_origins"]) == \
        ("unconfirmed", 4, ["National Intelligence Service (NIS)"])
    aj = next(c for c in data["claims"] if c["id"] == "total-12000-four-brigades")["evidence"][1]
    assert aj["via"] == ["south-korean-media", "nis"] and aj["origin"] == "National Intelligence Service (NIS)"


def test_a_broken_claims_json_fails_the_schema() -> None:
    schema = json.loads((ROOT / "schema/claims-json.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate({"schema_version": "1.0", "title": "x"})


def test_claims_csv_has_one_row_per_claim(site: Path, claim_ids: list[str]) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "claims.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == claim_ids
    row = next(r for r in rows if r["id"] == "russia-denies-using-troops")
    assert row["status"] == "on-record" and row["claimed_by"] == "kremlin; dmitry-peskov" and row["claimed_on"] == ""
    assert row["sources"] == "2" and row["independent_origins"] == "1"  # two outlets report one party's denial
    assert row["url"] == "https://factsheet.example.org/nk-troops-russia/topics/04-reactions/#russia-denies-using-troops"


def test_atom_feed_parses_cleanly(site: Path, claim_ids: list[str]) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "North Korean troops in Russia: status changes and new claims"
    # each history entry is an entry; a claim with no history is announced as new
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert len(feed.entries) == sum(max(1, len(c["history"])) for c in data["claims"])
    change = next(e for e in feed.entries if e.title.startswith("Disputed: North Korea has sent troops"))
    assert change.link.endswith("topics/01-deployment/#north-korea-sending-troops")
    assert change.updated in ("2024-10-18T00:00:00Z", "2026-12-02T00:00:00Z")


def offline_loader(url: str, options: object = None) -> dict[str, object]:
    """The schema.org context, without the network: every term is in the schema.org vocabulary."""
    assert url.rstrip("/") == SCHEMA_ORG.rstrip("/"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA_ORG}}}


def test_every_claim_about_the_world_carries_claimreview_json_ld(site: Path, claim_ids: list[str]) -> None:
    """Statements on the record are checked as said, not rated: they carry no ClaimReview."""
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    on_record = {c["id"] for c in data["claims"] if c["status"] == "on-record"}
    assert len(on_record) >= 8
    found = {}
    for page in (site / "topics").glob("*/index.html"):
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
        assert len(scripts) == 1, page  # one graph a page, naming the reviewer once
        data = json.loads(scripts[0])
        nodes = jsonld.expand(data, {"documentLoader": offline_loader, "base": "https://example.org/topic/"})
        by_id = {node["@id"]: node for node in nodes if "@id" in node}
        reviews = [node for node in nodes if node["@type"] == [SCHEMA_ORG + "ClaimReview"]]
        assert len(reviews) == len(nodes) - 1
        for expanded in reviews:
            author = by_id[expanded[SCHEMA_ORG + "author"][0]["@id"]]
            assert author[SCHEMA_ORG + "name"][0]["@value"] == "factsheet editors"  # sheet.yaml's publisher
            reviewed = expanded[SCHEMA_ORG + "itemReviewed"][0]
            assert reviewed["@type"] == [SCHEMA_ORG + "Claim"]
            assert reviewed[SCHEMA_ORG + "appearance"]
            rating = expanded[SCHEMA_ORG + "reviewRating"][0]
            url = expanded[SCHEMA_ORG + "url"][0]["@value"]
            found[url.rsplit("#", 1)[1]] = rating[SCHEMA_ORG + "alternateName"][0]["@value"]
    assert sorted(found) == sorted(set(claim_ids) - on_record)
    assert "russia-denies-using-troops" not in found  # a denial on the record, not a verdict
    assert found["north-korea-arms-supplier"] == "Disputed"
    assert found["yoon-emergency-meeting"] == "Confirmed"
