"""`factsheet add-source`: the seed and the source entry, both or neither, comments kept, and every
refusal a message that says where and what to do."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import cli
from factsheet.ingest import add
from factsheet.publish.build import Project, check_sheet
from factsheet.read.content import load_content
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "ingest" / "pages"
ARTICLE = """<TITLE>Bridge repairs to start in April, engineers say</TITLE>
<PUBLISHED_DATE>2024-03-06</PUBLISHED_DATE>
<URL>https://courier.example/bridge-repairs</URL>
<AUTHOR>Sam Reporter</AUTHOR>

Repairs to the Old Bridge will start in April, engineers told the Courier on Wednesday, and could take up to
three months. The council said the bridge would stay closed until the work is finished. A spokesperson for the
contractor denied that its work had caused the cracks, calling the claim baseless. Inspectors found the cracks
during a routine check last week, the council said, and closed the bridge the same day.
"""
COMMENTED = """# yaml-language-server: $schema=../schema/sources.schema.json
# Every source the evidence quotes. Keep them in the order they were added.
sources:
  - id: gazette   # the local daily
    title: Bridge closed after inspection
    publisher: The Gazette
    published: 2024-03-04
    url: https://gazette.example/bridge
    seed: gazette.txt
    kind: newspaper

  # A news site; no URL recorded.
  - id: herald
    title: 'Old Bridge shut — council'
    publisher: The Herald
    seed: herald.txt
    kind: news-site
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def article(small: Path) -> Path:
    path = small.parent / "courier.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_text_file_becomes_a_seed_and_a_source_that_checks(small: Path, article: Path) -> None:
    before = (small / "content/sources.yaml").read_text(encoding="utf-8")
    code, out = run("add-source", str(article), "--retrieved", "2024-03-07")
    assert code == 0, out
    assert out == ("Added source 'courier-example' (84 words): seeds/courier-example.txt and content/sources.yaml\n"
                   "  title: Bridge repairs to start in April, engineers say\n  publisher: courier.example\n"
                   "  author: Sam Reporter\n  published: 2024-03-06\n  url: https://courier.example/bridge-repairs\n"
                   "  language: en\n  retrieved: 2024-03-07\n"
                   "Check these against the article, then: factsheet suggest courier-example\n")
    assert (small / "seeds/courier-example.txt").read_text(encoding="utf-8") == ARTICLE
    after = (small / "content/sources.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "  - id: courier-example\n"
        "    title: Bridge repairs to start in April, engineers say\n"
        "    publisher: courier.example\n"
        "    author: Sam Reporter\n"
        "    published: 2024-03-06\n"
        "    url: https://courier.example/bridge-repairs\n"
        "    seed: courier-example.txt\n"
        "    kind: news-site\n"
        "    retrieved: 2024-03-07\n"
        "    language: en\n")
    assert check_sheet(Project(Path("content"), Path("seeds"))).warnings == []
    content, _ = load_content(Path("content"))
    source = next(s for s in content.sources if s.id == "courier-example")  # type: ignore[union-attr]
    assert (str(source.retrieved), source.language) == ("2024-03-07", "en")


def test_the_round_trip_keeps_comments_the_schema_line_quoting_and_blank_lines(small: Path, article: Path) -> None:
    (small / "content/sources.yaml").write_text(COMMENTED, encoding="utf-8")
    code, out = run("add-source", str(article), "--id", "courier", "--publisher", "The Courier", "--kind", "newspaper",
                    "--archive-url", "https://archive.example/courier/bridge-repairs", "--retrieved", "2024-03-07")
    assert code == 0, out
    after = (small / "content/sources.yaml").read_text(encoding="utf-8")
    assert after.startswith(COMMENTED), "the file's own text must stay exactly as it was"
    assert after[len(COMMENTED):] == (
        "\n"  # entries are separated by a blank line here, so the new one is too
        "  - id: courier\n"
        "    title: Bridge repairs to start in April, engineers say\n"
        "    publisher: The Courier\n"
        "    author: Sam Reporter\n"
        "    published: 2024-03-06\n"
        "    url: https://courier.example/bridge-repairs\n"
        "    seed: courier.txt\n"
        "    kind: newspaper\n"
        "    retrieved: 2024-03-07\n"
        "    archive_url: https://archive.example/courier/bridge-repairs\n"
        "    language: en\n")
    assert check_sheet(Project(Path("content"), Path("seeds"))).warnings == []


def test_a_saved_page_becomes_a_seed_with_the_header_lines_the_seeds_carry(small: Path) -> None:
    code, out = run("add-source", str(PAGES / "moscow-times.html"), "--retrieved", "2024-10-18")
    assert code == 0, out
    assert out.startswith("Added source 'the-moscow-times' (")
    seed = (small / "seeds/the-moscow-times.txt").read_text(encoding="utf-8")
    assert seed.startswith("<TITLE>North Korea Sending 'Large-Scale' Troop Deployments to Fight in Ukraine War, Seoul Says</TITLE>\n"
                           "<PUBLISHED_DATE>2024-10-18</PUBLISHED_DATE>\n<URL>https://www.themoscowtimes.com/2024/10/18/")
    assert "We use cookies" not in seed
    assert "kind: news-site\n    retrieved: 2024-10-18\n    language: en\n" in (small / "content/sources.yaml").read_text()
    check_sheet(Project(Path("content"), Path("seeds")))


def test_the_same_url_twice_is_refused_pointing_at_the_source_that_has_it(small: Path, article: Path) -> None:
    assert run("add-source", str(article))[0] == 0
    before = snapshot(small)
    again = small.parent / "again.txt"
    again.write_text(ARTICLE.replace("Repairs to the Old Bridge", "Work on the Old Bridge"), encoding="utf-8")
    code, out = run("add-source", str(again))
    assert code == 1
    assert out == (f"Error: {again}: its URL is already in the sheet, as source 'courier-example' "
                   "(content/sources.yaml:19:10); cite that source, or pass --url if this is another page\n")
    assert snapshot(small) == before


def test_the_same_text_twice_is_refused_even_with_another_url(small: Path, article: Path) -> None:
    assert run("add-source", str(article))[0] == 0
    before = snapshot(small)
    copy = small.parent / "copy.txt"
    copy.write_text(ARTICLE.replace("https://courier.example/bridge-repairs", "https://mirror.example/x"), encoding="utf-8")
    code, out = run("add-source", str(copy))
    assert code == 1
    assert "its text is already in the sheet, as source 'courier-example' (seeds/courier-example.txt, " \
           "content/sources.yaml:20:11); cite that source instead" in out
    assert snapshot(small) == before


def test_a_page_without_article_text_is_refused(small: Path) -> None:
    before = snapshot(small)
    code, out = run("add-source", str(PAGES / "video-only.html"))
    assert code == 1
    assert out == (f"Error: {PAGES / 'video-only.html'}: no article text found (5 words; an article has at least 40). "
                   "If the page hides its text, copy the article into a .txt file and add that\n")
    assert snapshot(small) == before


def test_metadata_the_safe_loader_would_refuse_is_refused(small: Path, article: Path) -> None:
    article.write_text(ARTICLE.replace("Bridge repairs to start", "Bridge \u202erepairs to start"), encoding="utf-8")
    before = snapshot(small)
    code, out = run("add-source", str(article))
    assert code == 1
    assert out == (f"Error: {article}: the title holds U+202E, a control or bidirectional character that content files "
                   "may not hold (it can hide or reorder text); pass --title \"…\"\n")
    assert snapshot(small) == before
    # The marks a right-to-left page carries are dropped instead: the check ignores them in seeds.
    article.write_text(ARTICLE.replace("Bridge repairs to start", "Bridge\u200f repairs to start"), encoding="utf-8")
    assert run("add-source", str(article))[0] == 0
    assert "title: Bridge repairs to start in April" in (small / "content/sources.yaml").read_text(encoding="utf-8")


def test_an_entry_the_model_refuses_is_reported_where_it_would_stand(small: Path, article: Path) -> None:
    before = snapshot(small)
    code, out = run("add-source", str(article), "--language", "Korean", "--archive-url", "javascript:alert(1)")
    assert code == 1
    assert out == ("content/sources.yaml:23:18: sources[2].archive_url: only http:// and https:// links are allowed "
                   "(found 'javascript:')\n"
                   "content/sources.yaml:24:15: sources[2].language: 'Korean' is not a BCP 47 language tag; write e.g. "
                   "en, ko, zh-Hant, pt-BR, ar\n"
                   "Error: 2 problems in the content; fix them and run again\n")
    assert snapshot(small) == before


def test_nothing_is_half_written_when_the_sources_file_cannot_be_replaced(small: Path, article: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(small)

    def fail(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(add, "_replace", fail)
    code, out = run("add-source", str(article))
    assert code == 1
    assert out == "Error: [Errno 13] Permission denied: 'content/sources.yaml'\n"
    assert snapshot(small) == before, "the new seed must be removed again"


def test_a_taken_id_and_a_missing_file_are_refused(small: Path, article: Path) -> None:
    assert run("add-source", str(article), "--id", "herald") == (
        1, "Error: --id herald: that id is taken by a source or an actor; choose another\n")
    code, out = run("add-source", "nowhere.html")
    assert (code, out) == (1, "Error: nowhere.html: no such file (give a saved page, a .txt file or an http(s) URL)\n")
