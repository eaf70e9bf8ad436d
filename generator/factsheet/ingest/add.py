"""`factsheet add-source`: an article's text into seeds/ and its entry into content/sources.yaml,
both or neither.

Refused, each with where and what to do: a text or URL already in the sheet, a page with no
article text, metadata the safe loader would refuse, and an entry the model would not accept.
Files are written to a temporary name and renamed into place; if the sources file cannot be
written, the new seed is removed again.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..check.quotes import SeedLibrary, normalise
from ..errors import ContentError, FactsheetError
from ..read.content import Content, display_path, load_content, slug, validate_shape
from ..read.model import SourceKind, SourceList
from ..read.yamlsafe import FORBIDDEN_CHARS, char_name, load_yaml_text
from .extract import MIN_WORDS, TAG, Article, read, with_overrides
from .sources_file import with_source

SAME_TEXT_CHARS = 200
"""A new text that holds, or is held by, an existing seed of at least this length is the same article."""
_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


class AddError(FactsheetError):
    pass


@dataclass(frozen=True)
class Added:
    source_id: str
    seed: Path
    entry: dict[str, Any]
    article: Article


def add_source(target: str, content_dir: Path, seeds_dir: Path, *, online: bool = True, today: date | None = None,
               source_id: str | None = None, kind: str | None = None, archive_url: str | None = None,
               retrieved: date | None = None, **given: Any) -> Added:
    """Add the article at `target`; `given` replaces what was extracted (title, publisher, author, published, url, language)."""
    article = with_overrides(read(target, online=online), **given)
    if article.words < MIN_WORDS:
        raise AddError(f"{target}: no article text found ({article.words} words; an article has at least {MIN_WORDS}). "
                       "If the page hides its text, copy the article into a .txt file and add that")
    content, problems = load_content(content_dir)
    if content is None:
        raise ContentError(problems)
    seeds = SeedLibrary(seeds_dir)
    _refuse_duplicates(target, article, content, seeds)
    entry = _entry(target, article, content, seeds_dir, today or date.today(), source_id, kind, archive_url, retrieved)
    sources_path = content_dir / "sources.yaml"
    shown = display_path(sources_path)
    new_text = with_source(sources_path.read_text(encoding="utf-8"), entry, shown)
    doc, found = load_yaml_text(new_text, shown)
    checked = validate_shape(doc, SourceList) if doc is not None else found
    if isinstance(checked, list):
        raise ContentError(checked)
    seed_path = seeds_dir / str(entry["seed"])
    _write_new(seed_path, _seed_text(article, target))
    try:
        _replace(sources_path, new_text)
    except BaseException:
        seed_path.unlink(missing_ok=True)  # nothing half-written: the seed goes with the failed entry
        raise
    return Added(str(entry["id"]), seed_path, entry, article)


def _url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith(("utm_", "fbclid", "gclid")))
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, parts.netloc.lower().removeprefix("www."), parts.path.rstrip("/"), query, ""))


def _refuse_duplicates(target: str, article: Article, content: Content, seeds: SeedLibrary) -> None:
    for i, source in enumerate(content.sources):
        for key in ("url", "archive_url"):
            known = getattr(source, key)
            if article.url and known and _url_key(known) == _url_key(article.url):
                where = content.sources_doc.locate(("sources", i, key))
                raise AddError(f"{target}: its URL is already in the sheet, as source '{source.id}' ({where}); "
                               "cite that source, or pass --url if this is another page")
    text = _body(article.text)
    for i, source in enumerate(content.sources):
        seed = seeds.get(source.seed)
        if seed is None:
            continue
        known = _body(seed.text)
        if text == known or (min(len(text), len(known)) >= SAME_TEXT_CHARS and (text in known or known in text)):
            where = content.sources_doc.locate(("sources", i, "seed"))
            raise AddError(f"{target}: its text is already in the sheet, as source '{source.id}' "
                           f"(seeds/{source.seed}, {where}); cite that source instead")


def _body(text: str) -> str:
    """The text as compared for sameness: without the header lines (<TITLE>, <URL>…) a copy may differ in."""
    return normalise(TAG.sub("", text).translate(_MARKS))


def _entry(target: str, article: Article, content: Content, seeds_dir: Path, today: date, source_id: str | None,
           kind: str | None, archive_url: str | None, retrieved: date | None) -> dict[str, Any]:
    if not article.title:
        raise AddError(f"{target}: no title found; pass --title \"…\"")
    host = urlsplit(article.url).netloc.removeprefix("www.") if article.url else None
    publisher = article.publisher or host
    if not publisher:
        raise AddError(f"{target}: no publisher found (no site name, no URL); pass --publisher \"…\"")
    taken = {s.id for s in content.sources} | {a.id for a in content.actors}
    if source_id is not None and source_id in taken:
        raise AddError(f"--id {source_id}: that id is taken by a source or an actor; choose another")
    ident = source_id or _free(slug(publisher if len(publisher) <= 40 else publisher.split()[0]), taken)
    seed = _free_name(seeds_dir, ident)
    entry: dict[str, Any] = {"id": ident, "title": article.title, "publisher": publisher}
    if article.author:
        entry["author"] = article.author
    if article.published:
        entry["published"] = article.published
    if article.url:
        entry["url"] = article.url
    entry["seed"] = seed
    entry["kind"] = kind or (SourceKind.news_site.value if article.url else SourceKind.other.value)
    entry["retrieved"] = retrieved or today
    if archive_url:
        entry["archive_url"] = archive_url
    if article.language:
        entry["language"] = article.language
    for key, value in entry.items():
        bad = FORBIDDEN_CHARS.search(str(value).translate(_MARKS))
        if bad:
            raise AddError(f"{target}: the {key} holds {char_name(bad.group())}, a control or bidirectional character "
                           f"that content files may not hold (it can hide or reorder text); pass --{key.replace('_', '-')} \"…\"")
        if isinstance(value, str):
            entry[key] = value.translate(_MARKS)
    return entry


def _free(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _free_name(folder: Path, base: str) -> str:
    name, n = f"{base}.txt", 2
    while (folder / name).exists():
        name, n = f"{base}-{n}.txt", n + 1
    return name


def _seed_text(article: Article, target: str) -> str:
    """The text as extracted; a page's text under the header lines the seeds carry."""
    if article.text.lstrip().startswith("<TITLE>") or not target.lower().endswith((".html", ".htm", ".xhtml")) and \
            not target.lower().startswith(("http://", "https://")):
        return article.text if article.text.endswith("\n") else article.text + "\n"
    header = [f"<TITLE>{article.title}</TITLE>"]
    if article.published:
        header.append(f"<PUBLISHED_DATE>{article.published.isoformat()}</PUBLISHED_DATE>")
    if article.url:
        header.append(f"<URL>{article.url}</URL>")
    if article.author:
        header.append(f"<AUTHOR>{article.author}</AUTHOR>")
    return "\n".join(header) + "\n\n" + article.text.strip() + "\n"


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".add-source-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if path.exists():  # written by someone else meanwhile: never replace a file we did not write
            raise AddError(f"{display_path(path)}: appeared while adding; run again")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _replace(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".sources-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

