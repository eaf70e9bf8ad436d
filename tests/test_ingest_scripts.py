"""Quotes in any script: unspaced scripts (Chinese, Japanese; Korean line breaks) and right-to-left
text with bidirectional controls in the seed, which never reach a link or the YAML."""
from __future__ import annotations

from urllib.parse import unquote

import pytest

from factsheet.check.fragments import match_fragment, quoted_span, text_fragment
from factsheet.check.quotes import Seed, collapse, normalise
from factsheet.read.yamlsafe import FORBIDDEN_CHARS

JAPANESE = "国家情報院は、北朝鮮が\nロシアに特殊部隊を派遣したと発表した。ロシアはこれを否定した。"
CHINESE = "韩国国家情报院表示，朝鲜已向\n俄罗斯派遣特种部队。俄罗斯否认了这一说法。"
KOREAN = "국가정보원은 18일 북한이 러시아에\n특수부대를 보냈다고 밝혔다. 러시아는 이를 부인했다."
# An Arabic page saved with right-to-left marks (U+200F) and an isolate (U+2067 … U+2069).
ARABIC = "قالت الوكالة\u200f إن كوريا الشمالية أرسلت قوات\u200f. ونفت \u2067روسيا\u2069 ذلك."


@pytest.mark.parametrize(("text", "quote"), [
    (JAPANESE, "北朝鮮がロシアに特殊部隊を派遣した"),
    (JAPANESE, "ロシアはこれを否定した。"),
    (CHINESE, "朝鲜已向俄罗斯派遣特种部队。"),
    (CHINESE, "朝鲜已向 俄罗斯派遣特种部队"),
    (KOREAN, "북한이 러시아에 특수부대를 보냈다고"),
    (ARABIC, "الوكالة إن كوريا الشمالية"),
    (ARABIC, "أرسلت قوات. ونفت روسيا ذلك."),
])
def test_quotes_are_found_across_line_breaks_and_controls(text: str, quote: str) -> None:
    seed = Seed("s.txt", text)
    assert seed.find(quote) is not None
    start, end, parts = quoted_span(seed, quote)  # type: ignore[misc]
    assert normalise(text[start:end]) == normalise(quote)
    fragment = text_fragment(seed, quote)
    assert fragment is not None
    assert not FORBIDDEN_CHARS.search(unquote(fragment)), "a bidirectional control reached a link"
    # The fragment lands on the quote in the page's text as a browser shows it.
    assert normalise(match_fragment(fragment, collapse(text)) or "") == normalise(quote)


def test_words_of_a_spaced_script_still_need_their_order() -> None:
    seed = Seed("s.txt", KOREAN)
    assert seed.find("특수부대를 러시아에") is None
    assert Seed("s.txt", JAPANESE).find("ロシアは否定した") is None


def test_a_line_break_between_unspaced_characters_is_dropped_as_a_browser_does() -> None:
    assert collapse(JAPANESE).startswith("国家情報院は、北朝鮮がロシアに")
    assert collapse("Seoul\nsaid") == "Seoul said"  # Latin line breaks stay spaces
    assert "\u200f" not in collapse(ARABIC) and "\u2067" not in collapse(ARABIC)


def test_sentences_of_unspaced_scripts_are_passages_for_the_closest_hint() -> None:
    passages = Seed("s.txt", JAPANESE).passages
    assert "ロシアはこれを否定した。" in passages
    passage, score = Seed("s.txt", JAPANESE).closest("ロシアはこれを否認した。")
    assert passage == "ロシアはこれを否定した。" and score > 0.8


def test_plain_latin_text_is_normalised_as_before() -> None:
    text = "Seoul’s  spy agency — it said\n“12,000”."
    assert normalise(text) == " ".join(text.translate(str.maketrans("’—“”", "'-\"\"")).split())
