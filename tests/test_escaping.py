"""Editors' text is inert: rendered through the site's own Markdown, it comes back as itself."""
from __future__ import annotations

import html
import re

import markdown
import pytest

from factsheet.views.escaping import MARKDOWN_EXTENSIONS, md_text, md_url, plain_html

PAYLOADS = [
    "<script>alert(1)</script>",
    "T {: onclick=alert(1) }",
    '[x](https://ok.example){: href="javascript:alert(1)" }',
    '<div markdown="1" onclick="alert(1)">**b**</div>',
    '--8<-- "/etc/passwd"',
    "{{ 7*7 }}",
    "a <![ b",
    "a | b",
    ":material-check: :smile:",
    "![img](https://x.example/a.png)",
    "<https://auto.example>",
    "1. not a list",
    "# not a heading",
    "&amp; &lt; &#x3C;",
    "back\\slash *star* _under_ `code`",
    "[^1] footnote ref",
]


def render_inline(text: str) -> str:
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    out = md.convert(f"| h |\n| - |\n| {text} |\n")  # inside a table cell: the strictest place
    match = re.search(r"<td>(.*)</td>", out, re.S)
    assert match, out
    return match.group(1)


@pytest.mark.parametrize("text", PAYLOADS)
def test_payload_renders_as_its_own_text(text: str) -> None:
    cell = render_inline(md_text(text))
    assert "<" not in cell.replace("&lt;", ""), cell  # no element at all
    assert html.unescape(cell) == text


@pytest.mark.parametrize("text", PAYLOADS)
def test_payload_is_inert_in_a_heading_with_an_id(text: str) -> None:
    out = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(f"## {md_text(text)} {{ #claim-1 }}")
    assert out.startswith('<h2 id="claim-1">') and out.endswith("</h2>"), out
    inner = out[len('<h2 id="claim-1">'):-len("</h2>")]
    assert html.unescape(inner) == text


def test_urls_cannot_end_their_link_early() -> None:
    assert md_url("https://x.example/a_(b) c") == "https://x.example/a_%28b%29%20c"
    with pytest.raises(ValueError):
        md_url("javascript:alert(1)")


def test_plain_html_is_what_markdown_makes_of_a_listed_link() -> None:
    # Listing indexes write their links as raw HTML (entryhtml.listing_links) only where plain_html
    # is sure: exactly the HTML Python-Markdown made of the same Markdown list, over the naughty strings.
    from tests.test_headings import corpus

    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    written = 0
    for text in corpus() + PAYLOADS:
        made = plain_html(text)
        if made is None:
            continue
        md.reset()
        assert md.convert(f"- [{md_text(text)}](x.md#a)\n- [b](y.md)") == (
            f'<ul>\n<li><a href="x.md#a">{made}</a></li>\n<li><a href="y.md">b</a></li>\n</ul>'), text
        written += 1
    assert written > 5000  # most labels are written directly
    assert plain_html("a *b*") is None and plain_html(" a") is None and plain_html("a\tb") is None


def test_a_label_that_is_not_plain_text_keeps_its_listing_in_markdown() -> None:
    from factsheet.pages.entryhtml import listing_links

    class Link:
        def anchor(self, kind: str, ident: str) -> str:
            return f"1/#{ident}"

    labels = {"a": "Plain & simple", "b": "With *stars*"}
    assert listing_links(None, Link(), "sources", labels, ("a",)) == [  # type: ignore[arg-type]
        "<ul>", '<li><a href="1/#a">Plain &amp; simple</a></li>', "</ul>"]
    assert listing_links(None, Link(), "sources", labels, ("a", "b")) == []  # type: ignore[arg-type]
