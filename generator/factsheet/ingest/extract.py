"""An article's text and metadata, from a saved web page (trafilatura, htmldate), a plain-text
file with the header lines the seeds carry, or a URL when the machine is online."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..errors import FactsheetError, Problem
from ..read.files import read_file, visible

MIN_WORDS = 40
"""Fewer words than this is not an article (a cookie wall, a video page, an error page)."""
MAX_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT = 20
TAG = re.compile(r"<(TITLE|PUBLISHED_DATE|DATE|URL|AUTHOR|PUBLISHER|SITE_NAME|LANGUAGE)>(.*?)</\1>", re.DOTALL)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_URL = re.compile(r"https?://[^\s<>\"'`\\)\]]+")


class ExtractError(FactsheetError):
    """The input is not an article factsheet can add; the message says why and what to do."""


@dataclass(frozen=True)
class Article:
    text: str
    """The article's text, as the seed will hold it."""
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


def read(target: str, *, online: bool = True) -> Article:
    """The article at a path (.html, .htm or text) or an http(s) URL."""
    if re.match(r"https?://", target, re.IGNORECASE):
        if not online:
            raise ExtractError(f"{target}: fetching is turned off (--offline); save the page and add the file")
        return from_html(_fetch(target), target)
    path = Path(target)
    shown = visible(target)  # a control character in a file name must not forge a line of output
    if not path.is_file():
        raise ExtractError(f"{shown}: no such file (give a saved page, a .txt file or an http(s) URL)")
    raw = read_file(path, shown, MAX_BYTES, "an article is smaller: save the article's page alone")
    if isinstance(raw, Problem):
        raise ExtractError(str(raw))
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return from_html(raw.decode("utf-8", errors="replace"), None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ExtractError(f"{shown}:{line}:1: the file is not UTF-8 text (save it as UTF-8)") from None
    return from_text(text)


def _fetch(url: str) -> str:
    import trafilatura

    try:
        downloaded = trafilatura.fetch_url(url)
    except Exception as exc:  # network errors come in many types; all mean the same to an editor
        raise ExtractError(f"{url}: could not be fetched ({type(exc).__name__}); save the page and add the file") from None
    if downloaded is None:
        raise ExtractError(f"{url}: could not be fetched (offline, or the site refused); save the page and add the file")
    return str(downloaded)


def from_html(html: str, url: str | None) -> Article:
    """trafilatura's main text and metadata; htmldate for the publication date it finds best."""
    import trafilatura
    from htmldate import find_date

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True)
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    published = None
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        published = date.fromisoformat(found) if found else None
    except (ValueError, TypeError):
        published = None
    meta = document if document is not None else None
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", html[:5000], re.IGNORECASE)
    return Article(
        text=text,
        title=_clean(getattr(meta, "title", None)),
        author=_clean(getattr(meta, "author", None)),
        publisher=_clean(getattr(meta, "sitename", None)),
        published=published,
        url=_clean(getattr(meta, "url", None)) or url,
        language=lang.group(1) if lang else detect_language(text),
    )


def from_text(text: str) -> Article:
    """A text file; its header lines, where it has them: the tags the seeds carry (<TITLE>…</TITLE>,
    <PUBLISHED_DATE>, <URL>, <AUTHOR>), else a first line as the title, a 'By …' line, a date and a URL near the top."""
    head = text[:4000]
    tags = {name: _clean(value) for name, value in TAG.findall(head)}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    top = "\n".join(lines[:12])
    title = tags.get("TITLE") or (re.sub(r"^#+\s*", "", lines[0]) if lines and not lines[0].startswith("<") else None)
    author = tags.get("AUTHOR")
    if author is None:
        by = re.search(r"^By\s+\[?([^\]\n]+?)\]?(?:\(.*\))?\s*$", top, re.MULTILINE)
        author = _clean(by.group(1)) if by else None
    published = _date(tags.get("PUBLISHED_DATE") or tags.get("DATE") or "") or _date(top)
    url_found = tags.get("URL") or (_URL.search(top).group() if _URL.search(top) else None)  # type: ignore[union-attr]
    return Article(text=text, title=_clean(title), author=author, publisher=tags.get("PUBLISHER") or tags.get("SITE_NAME"),
                   published=published, url=url_found, language=tags.get("LANGUAGE") or detect_language(text))


def _date(text: str) -> date | None:
    for match in _ISO_DATE.finditer(text):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    written = re.search(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"\s+(\d{1,2}),\s+(\d{4})\b", text)
    if written:
        from datetime import datetime

        return datetime.strptime(" ".join(written.groups()), "%B %d %Y").date()
    return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def detect_language(text: str) -> str | None:
    """The text's language (ISO 639-1, a BCP 47 tag) by py3langid's bundled model; None for too little text."""
    if len(text.split()) < 5 and len(text) < 20:
        return None
    import py3langid

    language, _ = py3langid.classify(text[:20_000])
    return str(language)


def with_overrides(article: Article, **given: object) -> Article:
    """The article with what the editor gave on the command line in place of what was extracted."""
    return replace(article, **{k: v for k, v in given.items() if v is not None})
