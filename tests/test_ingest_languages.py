"""A sheet whose sources are in Korean, Japanese and Arabic, with a video cited by description:
it checks, builds strictly, and says plainly what is translated and what is only described."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from factsheet.publish.build import Project, build_site, check_sheet
from factsheet.read.yamlsafe import FORBIDDEN_CHARS
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "ingest" / "multilingual"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("multilingual") / "sheet"
    shutil.copytree(FIXTURE, root)
    return build_site(root / "mkdocs.yml")


def test_the_fixture_seeds_carry_right_to_left_marks() -> None:
    # The point of the Arabic seed: the marks are there, and quotes match without them.
    assert "\u200f" in (FIXTURE / "seeds" / "akhbar-ar.txt").read_text(encoding="utf-8")


def test_quotes_are_checked_in_each_source_s_own_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "sheet")
    monkeypatch.chdir(tmp_path / "sheet")
    checked = check_sheet(Project(Path("content"), Path("seeds")))
    assert checked.warnings == []
    topic = Path("content/topics/strike.yaml")
    # A quote with one word changed in Korean is refused, with the closest passage of the Korean text.
    topic.write_text(topic.read_text(encoding="utf-8").replace("사흘 동안 파업에", "나흘 동안 파업에"), encoding="utf-8")
    with pytest.raises(Exception) as failed:
        check_sheet(Project(Path("content"), Path("seeds")))
    report = failed.value.report()  # type: ignore[attr-defined]
    assert "quote not found in the text of source 'ilbo' (ilbo-ko.txt)" in report
    # The hint is the passage as compared (no spaces between Hangul); pasted back as the quote, it is found.
    hint = re.search(r'closest passage \(\d+% similar\): "([^"]+)"', report).group(1)  # type: ignore[union-attr]
    assert hint.startswith("부산항페리노조는")
    topic.write_text(topic.read_text(encoding="utf-8").replace("부산항 페리 노조는 월요일부터 나흘 동안 파업에 들어간다고 밝혔다.", hint),
                     encoding="utf-8")
    assert check_sheet(Project(Path("content"), Path("seeds"))).warnings == []


def _evidence_items(page: str) -> dict[str, str]:
    return dict(re.findall(r'<li id="quote:([^"]+)">(.*?)</li>', page))


def test_a_translated_quote_is_shown_in_its_language_beside_the_sheet_s_translation(site: Path) -> None:
    items = _evidence_items((site / "topics/strike/index.html").read_text(encoding="utf-8"))
    korean = items["strike-from-monday-2"]
    assert '<blockquote class="fs-quote" lang="ko" dir="auto"><p>부산항 페리 노조는 월요일부터 사흘 동안 파업에 들어간다고 밝혔다.</p></blockquote>' in korean
    assert ('<p class="fs-translation">Translated by this sheet: “The Busan harbour ferry union said it would go '
            'on strike for three days from Monday.”</p>') in korean
    # The passage link targets the original words, not the translation.
    link = re.search(r'class="fs-passage" href="([^"]+)"', korean).group(1)  # type: ignore[union-attr]
    assert link.startswith("https://ilbo.example/ferry#:~:text=%EB%B6%80%EC%82%B0%ED%95%AD")
    arabic = items["strike-from-monday-4"]
    assert '<blockquote class="fs-quote" lang="ar" dir="auto"><p>قالت نقابة عمال العبارات' in arabic
    assert "%E2%80%8F" not in arabic and not FORBIDDEN_CHARS.search(arabic), "a right-to-left mark reached the page"


def test_a_video_is_cited_by_description_and_says_so(site: Path) -> None:
    items = _evidence_items((site / "topics/strike/index.html").read_text(encoding="utf-8"))
    video = items["strike-from-monday-5"]
    assert '<p class="fs-described"><em>Described, not a verified quote (video):</em> The union&#39;s chair' in video
    assert ">See it at video.example</a>" in video and "“" not in video
    sources = (site / "sources/index.html").read_text(encoding="utf-8")
    assert "<strong>A video, not a text:</strong> A two-minute video the union posted" in sources
    assert "it is not a quote checked word for word" in sources
    assert "<li><strong>Retrieved:</strong> 10 May 2024</li>" in sources
    assert '<li><strong>Archived copy:</strong> <a href="https://archive.example/2024/herald.example/ferry-strike">' in sources


def test_open_data_carries_language_translation_and_what_was_checked(site: Path) -> None:
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    assert sources["ilbo"]["language"] == "ko" and sources["akhbar"]["language"] == "ar"
    assert sources["union-video"]["medium"] == "video" and sources["union-video"]["retrieved"] == "2024-05-10"
    assert sources["herald"]["archive_url"] == "https://archive.example/2024/herald.example/ferry-strike"
    evidence = {e["source"]: e for e in data["claims"][0]["evidence"]}
    assert evidence["union-video"]["quote_checked"] is False
    assert all(e["quote_checked"] for s, e in evidence.items() if s != "union-video")
    assert evidence["shimbun"]["translation"] == "The ferry workers' union announced a three-day strike from Monday."
    assert evidence["herald"]["translation"] is None


def test_open_data_of_the_fixture_matches_its_published_schema(site: Path) -> None:
    import jsonschema

    schema = json.loads((ROOT / "schema" / "claims-json.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads((site / "claims.json").read_text(encoding="utf-8")), schema)


def test_check_counts_descriptions_apart_from_checked_quotes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factsheet.cli import cli

    shutil.copytree(FIXTURE, tmp_path / "sheet")
    monkeypatch.chdir(tmp_path / "sheet")
    result = CliRunner().invoke(cli, ["check"])
    assert (result.exit_code, result.output) == (0, "OK: 2 claims in 1 topic, 5 sources, 3 actors; all 7 quotes found in "
                                                    "their sources, 1 description of a video, photo or recording (not checked)\n")
