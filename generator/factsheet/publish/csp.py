"""A Content-Security-Policy for every built page, as a <meta> tag.

Static hosts such as GitHub Pages send no headers, so the policy travels in the page.
It allows the theme's own inline scripts by their SHA-256 and nothing else inline:
a script that slipped into a page some other way would not run. Any inline script
that is not one of the theme's known ones fails the build instead of being hashed,
so the policy can never be widened to cover an injection.
"""
from __future__ import annotations

import base64
import hashlib
import re

from ..errors import FactsheetError

# Material for MkDocs' inline scripts, by how each starts (their bodies vary with the page depth).
THEME_SCRIPT_PREFIXES = (
    "__md_scope=new URL(",
    "var palette=__md_get(",
    "var target=document.getElementById(location.hash.slice(1))",
)
_SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.I)
_SCRIPT_END = re.compile(r"</script>", re.I)
_DATA_TYPES = re.compile(r"""\btype=["']?(application/json|application/ld\+json)""", re.I)
CHARSET = '<meta charset="utf-8">'

# 'wasm-unsafe-eval' lets Pagefind run its WebAssembly search; it does not allow eval() of scripts.
POLICY = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
          "base-uri 'none'; form-action 'none'; object-src 'none'")


class UnexpectedScript(FactsheetError):
    """An inline script that is not the theme's: refuse to publish the page."""


def inline_scripts(html: str) -> list[str]:
    """Bodies of the inline scripts a browser would run (not data blocks, not src= scripts)."""
    bodies = []
    pos = 0
    # Each script's start, then the first end after it (what `<script\b([^>]*)>(.*?)</script>`
    # with re.S finds), sought as a literal: a lazy `.*?` stepped through the topic pages'
    # 80 kB JSON-LD character by character.
    while (start := _SCRIPT_START.search(html, pos)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        if end is None:
            break  # an unclosed script: no script after it is closed either
        pos = end.end()
        attrs = start.group(1)
        if re.search(r"\bsrc=", attrs, re.I) or _DATA_TYPES.search(attrs):
            continue
        bodies.append(html[start.end():end.start()])
    return bodies


def policy_for(html: str, where: str) -> str:
    hashes = []
    for body in inline_scripts(html):
        if not body.startswith(THEME_SCRIPT_PREFIXES):
            raise UnexpectedScript(f"{where}: unexpected inline script ({body[:60]!r}); refusing to allow it in the Content-Security-Policy")
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return POLICY.format(hashes=" ".join(sorted(set(hashes))))


def add_csp(html: str, where: str) -> str:
    """The page with its policy as the first thing after the charset declaration."""
    if CHARSET not in html:
        raise UnexpectedScript(f"{where}: no {CHARSET} to place the Content-Security-Policy after")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, where)}">'
    return html.replace(CHARSET, f"{CHARSET}\n    {meta}", 1)
