"""The Content-Security-Policy: the theme's scripts by hash, nothing else inline."""
from __future__ import annotations

import base64
import hashlib

import pytest

from factsheet.publish.csp import UnexpectedScript, add_csp, inline_scripts

PAGE = ('<html><head><meta charset="utf-8"><script>__md_scope=new URL("..",location)</script>'
        '<script src="assets/x.js"></script><script id="__config" type="application/json">{"a": 1}</script>'
        "</head><body></body></html>")


def sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_the_theme_inline_script_is_hashed() -> None:
    assert inline_scripts(PAGE) == ['__md_scope=new URL("..",location)']
    out = add_csp(PAGE, "p.html")
    theme_hash = sha('__md_scope=new URL("..",location)')
    assert out.startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                          f"script-src 'self' 'wasm-unsafe-eval' {theme_hash}; style-src 'self';")
    assert "'unsafe-inline'" not in out and "frame-ancestors" not in out


def test_an_unknown_inline_script_fails_the_build() -> None:
    with pytest.raises(UnexpectedScript, match=r"p.html: unexpected inline script \('alert\(1\)'\)"):
        add_csp(PAGE.replace("</head>", "<script>alert(1)</script></head>"), "p.html")


TRICKY = ["<SCRIPT>alert(1)</SCRIPT>", "<ScRiPt>a</sCrIpT>", "<script>a", "<script>a</script", "<script\n>a\n</script\n>",
          "<scripts>x</scripts><script>b</script>", "<script>a<script>b</script>c</script>", "<script src=x>y</script><script>z</script>",
          "<script type='application/json'>{}</script><script>w</script>", "<script>1</SCRIPT><script>2", "<script a='>'>v</script>",
          "</script><script>", "<script></script>", "<script>\u2026\U0001f600</script>"]


def one_regex(page: str) -> list[str]:
    """What inline_scripts found with one regex (a lazy `.*?` body, slow on long JSON-LD)."""
    import re

    found = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S | re.I)
    data = r"""\btype=["']?(application/json|application/ld\+json)"""
    return [body for attrs, body in found if not re.search(r"\bsrc=", attrs, re.I) and not re.search(data, attrs, re.I)]


@pytest.mark.parametrize("page", TRICKY)
def test_inline_scripts_are_found_as_the_one_regex_finds_them(page: str) -> None:
    for text in (page, PAGE + page + PAGE, page + page):
        assert inline_scripts(text) == one_regex(text)


def test_an_unknown_inline_script_in_capitals_fails_the_build() -> None:
    with pytest.raises(UnexpectedScript):
        add_csp(PAGE.replace("</head>", "<SCRIPT>alert(1)</SCRIPT></head>"), "p.html")
