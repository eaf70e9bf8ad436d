"""An article's text and metadata: from saved pages (built by the tests from the seed texts, with the
menus, banners and footers real pages carry) and from text files with the seeds' header lines."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factsheet.check.quotes import normalise
from factsheet.ingest.extract import ExtractError, detect_language, from_text, read
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "ingest" / "pages"
SEEDS = ROOT / "seeds"


def test_a_saved_page_gives_the_article_and_leaves_the_page_around_it() -> None:
    article = read(str(PAGES / "moscow-times.html"))
    assert article.title == "North Korea Sending 'Large-Scale' Troop Deployments to Fight in Ukraine War, Seoul Says"
    assert article.publisher == "The Moscow Times"
    assert article.author == "AFP"
    assert article.published == date(2024, 10, 18)
    assert article.url == ("https://www.themoscowtimes.com/2024/10/18/north-korea-sending-large-scale-troop-deployments-"
                           "to-fight-in-ukraine-war-seoul-says-a86740")
    assert article.language == "en"
    text = normalise(article.text)
    # Every paragraph of the article is there, word for word ...
    for sentence in ("The NIS said it had \"detected that from the 8th to the 13th [of October], North Korea transported its "
                     "special forces to Russia via a Russian Navy transport ship",
                     "More troops are likely to be sent to Russia soon, South Korean officials said",
                     "\"This might even be a driving factor behind sending North Korean soldiers"):
        assert normalise(sentence) in text
    # ... and none of the menus, the cookie banner, the related links or the footer.
    for boilerplate in ("Subscribe to our newsletter", "We use cookies", "Read more", "Kremlin Denies Reports", "Privacy policy"):
        assert boilerplate not in article.text


def test_a_page_s_language_comes_from_its_html_lang_and_dates_from_its_metadata() -> None:
    article = read(str(PAGES / "ilbo-ko.html"))
    assert (article.language, article.publisher, article.published) == ("ko", "Harbour Ilbo", date(2024, 5, 11))
    assert article.title == "페리 노조, 월요일부터 파업"
    assert "회사 측은 협상이 계속되고 있다고 말했다." in article.text
    assert "로그인" not in article.text and "무단 전재" not in article.text


def test_a_video_page_has_no_article_text() -> None:
    assert read(str(PAGES / "video-only.html")).words < 10


def test_the_seeds_tagged_header_lines_are_read() -> None:
    article = from_text((SEEDS / "000_af6221791d598f10.txt").read_text(encoding="utf-8"))
    assert article.title == "South Korea’s spy agency says North Korea sending troops to Russia"
    assert article.published == date(2024, 10, 18)
    assert article.url == "https://www.aljazeera.com/news/2024/10/18/south-koreas-spy-agency-says-north-korea-sending-troops-to-russia"
    assert article.author == "Al Jazeera"
    assert article.language == "en"


def test_a_markdown_header_a_byline_and_a_written_date_are_read() -> None:
    article = from_text((SEEDS / "004_2b208dadbcc981b8.txt").read_text(encoding="utf-8"))
    assert article.title == "North Korea Sending 'Large-Scale' Troop Deployments to Fight in Ukraine War, Seoul Says"
    assert (article.author, article.published) == ("AFP", date(2024, 10, 18))


def test_a_first_line_title_and_an_author_date_line_are_read() -> None:
    article = from_text((SEEDS / "003_48b0506c3ce8f6ff.txt").read_text(encoding="utf-8"))
    assert article.title == "(2nd LD) N. Korea decides to dispatch 12,000 soldiers to support Russia in Ukraine war: spy agency"
    assert article.published == date(2024, 10, 18)


@pytest.mark.parametrize(("text", "language"), [
    ("The ferry workers' union said on Friday that its members would strike from Monday for three days.", "en"),
    ("Le syndicat des marins a annoncé vendredi une grève de trois jours à partir de lundi.", "fr"),
    ("부산항 페리 노조는 월요일부터 사흘 동안 파업에 들어간다고 밝혔다.", "ko"),
    ("フェリー労働組合は、月曜日から三日間のストライキを行うと発表した。", "ja"),
    ("قالت نقابة عمال العبارات إن الإضراب سيبدأ يوم الاثنين ويستمر ثلاثة أيام.", "ar"),
])
def test_the_language_is_detected_offline_by_the_bundled_model(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_what_cannot_be_read_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match=r"no such file \(give a saved page, a \.txt file or an http\(s\) URL\)"):
        read(str(tmp_path / "missing.html"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"First line\ncaf\xe9 au lait\n")
    with pytest.raises(ExtractError, match=r"latin1\.txt:2:1: the file is not UTF-8 text \(save it as UTF-8\)"):
        read(str(latin1))
    with pytest.raises(ExtractError, match=r"fetching is turned off \(--offline\); save the page and add the file"):
        read("https://news.example/story", online=False)
