"""Make editors' text inert in generated Markdown (and so in the HTML made from it).

HTML autoescaping alone leaves Markdown syntax live: `[x](javascript:…)`, attr_list's
`{: onclick=… }`, emoji shortcodes, table pipes. So every character that the
Markdown extensions in use treat specially is backslash-escaped, after `&` and `<`
become entities (so no raw HTML or entity can be formed). The set of special
characters is read from Python-Markdown itself, configured with the same
extensions as the site, so adding an extension cannot silently open a hole.
"""
from __future__ import annotations

import html
import re
import sys
from functools import lru_cache
from urllib.parse import quote

import markdown
import yaml

from ..read.model import ID_RE

_MkDocsLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # what mkdocs.utils.meta reads front matter with

# The extensions the generated Markdown relies on; mkdocs.yml must enable exactly these.
MARKDOWN_EXTENSIONS = ["attr_list", "admonition", "footnotes", "tables", "toc", "fenced_code"]


class Md(str):
    """Markdown built by our own code from checked parts: printed as it is."""


@lru_cache(maxsize=1)
def _escape_table() -> dict[int, str]:
    special = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).ESCAPED_CHARS
    table = {ord(c): "\\" + c for c in special}
    table.update({ord("&"): "&amp;", ord("<"): "&lt;", ord("\n"): " ", ord("\r"): " "})
    return table


def md_text(text: str) -> Md:
    """Inline text, shown literally: no HTML, no link, no attribute, no emphasis."""
    return Md(text.translate(_escape_table()))


# What Python-Markdown shows exactly as written once `md_text` has escaped it: no backslash, code,
# emphasis, brace, bracket or pipe (their escapes and attr_list's braces are its business), no tab
# (expanded by column), control, line or paragraph separator.
_PLAIN = re.compile(r"[^\\`*_{}\[\]|\t\n\r\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def plain_html(text: str) -> str | None:
    """The HTML that Python-Markdown makes of `md_text(text)` inside a link in a list, for raw HTML
    written without it; None where that is not certain (the caller then writes Markdown).
    tests/test_escaping.py compares it with Python-Markdown's own over the naughty strings."""
    if _PLAIN.fullmatch(text) is None or text != text.strip():
        return None
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_paragraphs(text: str) -> Md:
    return Md("\n\n".join(md_text(p) for p in text.split("\n\n")))


def md_id(ident: str) -> Md:
    """An id for an anchor; ids were checked by the model, this guards the templates."""
    if not ID_RE.match(ident):
        raise ValueError(f"unsafe id {ident!r}")
    return Md(ident)


def md_url(url: str) -> Md:
    """A link target: http(s) only (checked by the model), and no character that ends it early."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"unsafe URL {url!r}")
    return Md(quote(url, safe="/:?#[]@!$&*+,;=%~-._").replace("[", "%5B").replace("]", "%5D"))


def title_meta(title: str) -> Md:
    """A page title for the front matter: HTML-escaped, then a YAML double-quoted scalar.

    Without it, MkDocs takes the title from the first heading and Material prints it with
    `striptags`, which turns `&lt;/title&gt;&lt;script&gt;` back into live markup.
    Material prints `page.meta.title` as it is, so an escaped title stays inert.
    PyYAML's own emitter writes the scalar (JSON's `\\ud83e\\ude96` surrogate escapes are
    not YAML: MkDocs dropped such front matter silently and rendered it as Markdown), and it is
    read back here with the loader MkDocs uses, so a title it cannot read fails the build.
    """
    value = html.escape(" ".join(title.split()), quote=True)
    scalar = yaml.dump(value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=sys.maxsize).rstrip("\n")
    if "\n" in scalar or yaml.load(f"title: {scalar}\n", _MkDocsLoader) != {"title": value}:
        raise ValueError(f"title {title!r} does not survive front matter")
    return Md(scalar)


def finalize(value: object) -> str:
    """Jinja's finalize hook: everything a template prints is escaped unless it is `Md`."""
    if isinstance(value, Md):
        return value
    if value is None:
        raise ValueError("a template printed None")
    return md_text(str(value))
