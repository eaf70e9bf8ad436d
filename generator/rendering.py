"""Render phase: validated content → Markdown pages, as {relative path: text}.

One Jinja environment for the whole build. Its `finalize` hook escapes every value a
template prints (see `escaping.py`), so a template cannot forget to escape; Markdown
that our code builds from checked parts is marked `Md` and passes through.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files

import jinja2

from .content import Content, TopicFile
from .escaping import Md, finalize, md_id, md_paragraphs, md_text, md_url
from .model import Actor, Claim, Evidence, Source, Stance, Status
from .statuses import STANCES, STATUSES, Term

CSS_PATH = "stylesheets/factsheet.css"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def long_date(day: date) -> str:
    # Not strftime: month names must not depend on the machine's locale.
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Citation:
    """An evidence item where a page cites it."""

    topic: TopicFile
    claim: Claim
    evidence: Evidence


@dataclass
class Index:
    """Lookups computed once per build and shared by every page."""

    content: Content
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    by_actor: dict[str, list[tuple[str, Citation]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, content: Content) -> Index:
        index = cls(content, {s.id: s for s in content.sources}, {a.id: a for a in content.actors})
        for topic, _, claim in content.claims():
            for actor in claim.claimed_by:
                index.by_actor[actor].append(("claims", Citation(topic, claim, claim.evidence[0])))
            for item in claim.evidence:
                citation = Citation(topic, claim, item)
                index.citations[item.source].append(citation)
                if item.via and item.via not in claim.claimed_by:
                    index.by_actor[item.via].append((item.stance.value, citation))
        return index

    def status_counts(self, claims: list[Claim]) -> dict[Status, int]:
        counts = Counter(c.status for c in claims)
        return {status: counts.get(status, 0) for status in Status}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=False,  # the output is Markdown; `finalize` escapes for Markdown and HTML
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(id=md_id, url=md_url, paragraphs=md_paragraphs, text=md_text, date=long_date)
    env.globals.update(STATUSES=STATUSES, STANCES=STANCES, Stance=Stance, Md=Md, host=_host)
    return env


def _template_source(name: str) -> str:
    return (files("generator") / "templates" / name).read_text(encoding="utf-8")


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0]
    return host.removeprefix("www.")


def badge(term: Term, root: str) -> Md:
    """A status badge: icon and word, coloured by CSS, linking to its definition."""
    return Md(f"[{term.icon} {term.label}]({root}method.md#status-{term.value}){{ .fs-badge .fs-badge--{term.value} }}")


def render_site(content: Content) -> dict[str, str]:
    """Every generated file of the site, by path relative to the docs folder."""
    index = Index.build(content)
    pages = {
        "index.md": _render("index.md.j2", index, ""),
        "sources.md": _render("sources.md.j2", index, ""),
        "actors.md": _render("actors.md.j2", index, ""),
        "method.md": _render("method.md.j2", index, ""),
    }
    for topic in content.topics:
        pages[topic_path(topic)] = render_topic(index, topic)
    pages[CSS_PATH] = (files("generator") / "assets" / "factsheet.css").read_text(encoding="utf-8")
    return pages


def topic_path(topic: TopicFile) -> str:
    return f"topics/{topic.id}.md"


def render_topic(index: Index, topic: TopicFile) -> str:
    return _render("topic.md.j2", index, "../", topic=topic)


@dataclass(frozen=True)
class Links:
    """Markdown links between generated pages, relative to the page being written."""

    index: Index
    root: str

    def badge(self, status: Status) -> Md:
        return badge(STATUSES[status], self.root)

    def actor(self, actor_id: str) -> Md:
        return Md(f"[{md_text(self.index.actors[actor_id].name)}]({self.root}actors.md#{md_id(actor_id)})")

    def source(self, source_id: str) -> Md:
        return Md(f"[{md_text(self.index.sources[source_id].publisher)}]({self.root}sources.md#{md_id(source_id)})")

    def claim(self, topic: TopicFile, claim: Claim) -> Md:
        return Md(f"[{md_text(claim.statement)}]({self.root}{topic_path(topic)}#{md_id(claim.id)})")

    def icon(self, term: Term) -> Md:
        return Md(term.icon)


def _render(name: str, index: Index, root: str, **extra: object) -> str:
    template = environment().get_template(name)
    return template.render(index=index, sheet=index.content.sheet, root=Md(root), link=Links(index, root), **extra)
