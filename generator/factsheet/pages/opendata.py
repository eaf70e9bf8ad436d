"""Open data written into the built site: claims.json, claims.csv, feed.xml, and ClaimReview JSON-LD.

claims.json is made from the models below, and its JSON Schema (`schema/claims-json.schema.json`,
from `factsheet schema`) from the same models, so the two cannot disagree. Nothing here reads the
clock: the files are the same for the same content.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from pydantic import BaseModel, ConfigDict, Field

from ..views.siteindex import Index, topic_path
from ..read.content import slug
from ..read.model import ID_PATTERN, Status
from ..check.statuses import STATUSES

SCHEMA_VERSION = "2.0"
"""2.0: status `on-record`; stances `mentions` and `differs`; figures as typed (text), with ranges and
additions; `said_on`, `alternative_to`, `based_on`, `party_to_conflict` (see CHANGELOG.md)."""
FILES = ("claims.json", "claims.csv", "datapackage.json", "feed.xml")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FigureOut(_Out):
    quantity: str
    value: str | None = Field(description="The number as the source gives it (\"12000\", \"6.30\", \"1.2 million\"); null for a range.")
    low: str | None = Field(description="A range's low end, as typed.")
    high: str | None = Field(description="A range's high end, as typed.")
    unit: str
    qualifier: str
    increment: bool = Field(description="An addition (\"an additional 10,000\"), never compared with totals.")


class EvidenceOut(_Out):
    source: str
    stance: str
    via: list[str] = Field(description="Who the source attributes it to, nearest first; the last is the origin.")
    origin: str = Field(description="The origin's name, or the source's publisher for its own reporting.")
    quote: str
    note: str | None
    said_on: date | None = Field(description="When the party said it, where the source says so.")
    figures: list[FigureOut]
    passage_url: str | None = Field(description="The source's URL pointing at the quoted passage, when online.")
    translation: str | None = Field(description="The sheet's own translation of the quote, for a source in another language.")
    quote_checked: bool = Field(description=(
        "True: the quote was found word for word in the source's text. False: the source is a video, photo or "
        "recording with no text, and `quote` is the sheet's description of what it shows or says."))


class ChangeOut(_Out):
    date: date
    status: str
    note: str


class ClaimOut(_Out):
    id: str
    topic: str
    url: str = Field(description="The claim's anchor on the site (absolute when mkdocs.yml sets site_url).")
    statement: str
    status: str = Field(description=(
        "confirmed, unconfirmed, disputed or denied for a claim about the world; on-record for a statement a "
        "party made, checked as said (no verdict on its content)."))
    status_label: str
    status_note: str
    status_reason: str | None
    claimed_by: list[str]
    claimed_on: date | None
    happened: str | None = Field(description="When the event happened: a day, a month or a range (a/b), ~ if approximate.")
    outlets: int = Field(description="Outlets that assert or report the claim.")
    independent_origins: list[str] = Field(description="Independent origins behind those reports.")
    evidence: list[EvidenceOut]
    alternative_to: list[str] = Field(description="Ids of rival explanations of the same event.")
    history: list[ChangeOut]


class SourceOut(_Out):
    id: str
    title: str
    publisher: str
    author: str | None
    published: date | None
    url: str | None
    kind: str
    based_on: list[str] = Field(description="Sources this one copies or rewrites: its own voice is not independent of theirs.")
    retrieved: date | None = Field(description="When the sheet's copy of the source was taken.")
    archive_url: str | None = Field(description="An archived copy of the source.")
    language: str | None = Field(description="The source's language, a BCP 47 tag; quotes are in it.")
    medium: str = Field(description="text, or video, photo, audio: a source whose evidence is described, not quoted, when it has no text.")
    description: str | None = Field(description="What a video, photo or recording is and shows.")


class ActorOut(_Out):
    id: str
    name: str
    kind: str
    country: str | None
    part_of: str | None
    party_to_conflict: bool


class TopicOut(_Out):
    id: str
    title: str
    claims: list[str]


class ClaimsFile(_Out):
    """claims.json: the whole fact sheet."""

    schema_version: str = Field(description=f"Version of this format; currently {SCHEMA_VERSION}.")
    title: str
    summary: str
    as_of: date
    publisher: str | None
    topics: list[TopicOut]
    claims: list[ClaimOut]
    sources: list[SourceOut]
    actors: list[ActorOut]


def claim_url(index: Index, claim_id: str, site_url: str | None) -> str:
    view = index.views[claim_id]
    path = topic_path(view.topic)[: -len(".md")] + f"/#{claim_id}"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def claims_file(index: Index, site_url: str | None) -> dict[str, Any]:
    """claims.json as plain data, in the shape of `ClaimsFile` (whose schema is published).

    Plain dicts rather than model instances: at 10,000 claims the models would cost the build
    a hundred megabytes for nothing; tests validate the output against the schema instead.
    """
    content, parties = index.content, index.parties
    claims = []
    for view in index.views.values():
        claim = view.claim
        claims.append({
            "id": claim.id, "topic": view.topic.id, "url": claim_url(index, claim.id, site_url),
            "statement": claim.statement, "status": claim.status.value, "status_label": STATUSES[claim.status].label,
            "status_note": claim.status_note, "status_reason": claim.status_reason, "claimed_by": list(claim.claimed_by),
            "claimed_on": _iso(claim.claimed_on), "happened": claim.happened, "outlets": len(view.support.outlets),
            "independent_origins": view.support.origin_names(),
            "evidence": [{
                "source": item.source, "stance": item.stance.value, "via": list(item.via_chain),
                "origin": parties.origin(item).name, "quote": item.quote, "note": item.note,
                "said_on": _iso(item.said_on),
                "figures": [{"quantity": f.quantity, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit,
                             "qualifier": f.qualifier.value, "increment": f.increment} for f in item.figures],
                "passage_url": link, "translation": item.translation,
                "quote_checked": parties.sources[item.source].seed is not None,
            } for item, link in zip(claim.evidence, view.links)],
            "alternative_to": list(claim.alternative_to),
            "history": [{"date": h.date.isoformat(), "status": h.status.value, "note": h.note} for h in claim.history],
        })
    sheet = content.sheet
    return {
        "schema_version": SCHEMA_VERSION, "title": sheet.title, "summary": sheet.summary, "as_of": sheet.as_of.isoformat(),
        "publisher": sheet.publisher,
        "topics": [{"id": t.id, "title": t.topic.title, "claims": [c.id for c in t.topic.claims]} for t in content.topics],
        "claims": claims,
        "sources": [{"id": s.id, "title": s.title, "publisher": s.publisher, "author": s.author,
                     "published": _iso(s.published), "url": s.url, "kind": s.kind.value, "based_on": list(s.based_on),
                     "retrieved": _iso(s.retrieved), "archive_url": s.archive_url, "language": s.language,
                     "medium": s.medium.value, "description": s.description} for s in content.sources],
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "part_of": a.part_of,
                    "party_to_conflict": a.party_to_conflict} for a in content.actors],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


CSV_COLUMNS = ["id", "topic", "statement", "status", "claimed_by", "claimed_on", "happened", "sources", "outlets",
               "independent_origins", "last_change", "url"]


# OWASP's CSV injection advice: a cell a spreadsheet would read as a formula (=, +, -, @, tab,
# carriage return; and their full-width forms, which some spreadsheets take as formulas too) starts
# with a single quote, so it is shown as the text it is. Nothing else in the text changes.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> object:
    """A value for claims.csv: text that a spreadsheet would run as a formula gets a leading `'`."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def claims_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for claim in data["claims"]:
        writer.writerow([csv_cell(value) for value in (
            claim["id"], claim["topic"], claim["statement"], claim["status"], "; ".join(claim["claimed_by"]),
            claim["claimed_on"] or "", claim["happened"] or "", len({e["source"] for e in claim["evidence"]}),
            claim["outlets"], len(claim["independent_origins"]),
            claim["history"][-1]["date"] if claim["history"] else "", claim["url"],
        )])
    return out.getvalue()


def data_package(data: dict[str, Any], site_url: str | None) -> dict[str, Any]:
    """datapackage.json: a Frictionless Tabular Data Package describing claims.csv's columns."""
    ident = ID_PATTERN.removeprefix("^").removesuffix("$").replace("(?:", "(")
    text = {"type": "string"}
    fields = [
        {"name": "id", **text, "description": "The claim's id; its anchor on the site.",
         "constraints": {"required": True, "unique": True, "pattern": ident}},
        {"name": "topic", **text, "description": "The id of the topic (page) the claim is on.",
         "constraints": {"required": True, "pattern": ident}},
        {"name": "statement", **text, "description": "What is claimed. A cell starting with =, +, -, @, a tab or a "
         "carriage return (or their full-width forms) has a single quote put before it, so that a spreadsheet shows "
         "it as text (OWASP's CSV injection advice); remove that quote to get the statement as written.",
         "constraints": {"required": True}},
        {"name": "status", **text, "constraints": {"required": True, "enum": [s.value for s in Status]}},
        {"name": "claimed_by", **text, "description": "Ids of who makes the claim, separated by '; '."},
        {"name": "claimed_on", "type": "date", "format": "default", "description": "When it was claimed, if known."},
        {"name": "happened", **text, "description": "When the event happened: a day, a month or a range (a/b); ~ if approximate."},
        {"name": "sources", "type": "integer", "description": "Sources quoted as evidence.", "constraints": {"minimum": 0}},
        {"name": "outlets", "type": "integer", "description": "Outlets that assert or report it.", "constraints": {"minimum": 0}},
        {"name": "independent_origins", "type": "integer", "description": "Independent origins behind those reports.",
         "constraints": {"minimum": 0}},
        {"name": "last_change", "type": "date", "format": "default", "description": "Date of the last status change."},
        {"name": "url", **text, **({"format": "uri"} if site_url else {}),
         "description": "The claim on the site" + ("." if site_url else ", relative to the site (no site_url was set).")},
    ]
    return {
        "profile": "tabular-data-package",
        "name": "factsheet-claims",
        "title": data["title"],
        "description": "The claims of this fact sheet, one row per claim (claims.json has everything).",
        "resources": [{
            "name": "claims", "path": "claims.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]},
        }],
    }


def _xml_text(text: str) -> str:
    """Text for XML character data: `&`, `<` and `>` escaped, and a carriage return written as a
    reference, which a parser keeps (a raw one is read back as a line feed)."""
    return xml_escape(text, {"\r": "&#13;"})


def atom_feed(data: dict[str, Any], site_url: str | None) -> str:
    """Status changes (from each claim's history) and new claims, newest first."""
    base = f"{site_url.rstrip('/')}/" if site_url else ""
    # Ids stay the same when as_of moves on: a feed reader must not show old entries as new.
    feed_id = f"{base}feed.xml" if base else f"urn:factsheet:{slug(data['title'])}"
    entries: list[tuple[str, str, str, str, str]] = []
    for claim in data["claims"]:
        if claim["history"]:
            for n, change in enumerate(claim["history"]):
                label = STATUSES[Status(change["status"])].label
                entries.append((change["date"], f"{feed_id}/{claim['id']}/{change['date']}/{n + 1}", f"{label}: {claim['statement']}",
                                change["note"], claim["url"]))
        else:
            entries.append((claim["claimed_on"] or data["as_of"], f"{feed_id}/{claim['id']}/new",
                            f"New claim ({claim['status_label']}): {claim['statement']}", claim["status_note"], claim["url"]))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    updated = max([e[0] for e in entries] + [data["as_of"]])
    author = data["publisher"] or data["title"]
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom"{f" xml:base={quoteattr(base)}" if base else ""}>',
             f"  <title>{_xml_text(data['title'])}: status changes and new claims</title>",
             f"  <id>{_xml_text(feed_id)}</id>",
             f"  <updated>{updated}T00:00:00Z</updated>",
             f"  <author><name>{_xml_text(author)}</name></author>",
             f'  <link rel="alternate" href="{_xml_text(base or "./")}"/>']
    for day, entry_id, title, summary, url in entries:
        lines += ["  <entry>",
                  f"    <id>{_xml_text(entry_id)}</id>",
                  f"    <title>{_xml_text(title)}</title>",
                  f"    <updated>{day}T00:00:00Z</updated>",
                  f'    <link rel="alternate" href={quoteattr(url)}/>',
                  f"    <summary>{_xml_text(summary)}</summary>",
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


PUBLISHER_ID = "#fact-sheet-publisher"


def claim_reviews(index: Index, claim_ids: list[str], site_url: str | None) -> dict[str, object]:
    """schema.org ClaimReview of each claim of a page, in one graph that names the reviewer once."""
    sheet = index.content.sheet
    publisher = {"@id": PUBLISHER_ID, "@type": "Organization", "name": sheet.publisher or sheet.title}
    return {"@context": "https://schema.org", "@graph": [publisher, *(claim_review(index, c, site_url) for c in claim_ids)]}


def claim_review(index: Index, claim_id: str, site_url: str | None) -> dict[str, object]:
    """schema.org ClaimReview of one claim (a node of `claim_reviews`' graph)."""
    view = index.views[claim_id]
    claim, sheet, parties = view.claim, index.content.sheet, index.parties
    appearances = []
    for item in claim.evidence:
        source = parties.sources[item.source]
        # Where the claim appears: the article's URL, or its title where it is not online.
        appearance = {"@type": "CreativeWork", **({"url": source.url} if source.url else {"name": source.title})}
        if appearance not in appearances:
            appearances.append(appearance)
    item_reviewed: dict[str, object] = {
        "@type": "Claim",
        "author": [{"@type": "Organization", "name": parties.name(p)} for p in claim.claimed_by],
        "appearance": appearances,
    }
    if claim.claimed_on:
        item_reviewed["datePublished"] = claim.claimed_on.isoformat()
    return {
        "@type": "ClaimReview",
        # Without site_url, the claim's anchor on its own page: a site-relative path read
        # against the page would double it.
        "url": claim_url(index, claim_id, site_url) if site_url else f"#{claim_id}",
        "claimReviewed": claim.statement,
        "datePublished": sheet.as_of.isoformat(),
        "author": {"@id": PUBLISHER_ID},
        "reviewRating": {"@type": "Rating", "alternateName": STATUSES[claim.status].label, "ratingExplanation": claim.status_note},
        "itemReviewed": item_reviewed,
    }


def json_for_script(data: object) -> str:
    """JSON safe inside <script>: no `</script>`, no `<!--`, no line separators that end a string early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def open_data_files(index: Index, site_url: str | None) -> dict[str, str]:
    data = claims_file(index, site_url)
    return {
        "claims.json": json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
        "claims.csv": claims_csv(data),
        "datapackage.json": json.dumps(data_package(data, site_url), ensure_ascii=False, indent=1) + "\n",
        "feed.xml": atom_feed(data, site_url),
    }
