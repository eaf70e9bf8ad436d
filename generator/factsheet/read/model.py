"""The content model: what the editors' YAML may say, as pydantic models.

These models define the shape (fields, types, vocabularies) and are published as
JSON Schema for editors' autocompletion. Cross-record rules (ids that must exist,
quotes that must be in their seed) live in `validation.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ID_RE = re.compile(ID_PATTERN)


def _one_line(value: str) -> str:
    # Folded and literal YAML blocks end in a newline; a statement is one line of text.
    text = " ".join(value.split())
    if not text:
        raise ValueError("is empty; write some text")
    return text


def _paragraphs(value: str) -> str:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value)]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise ValueError("is empty; write some text")
    return text


def _http_url(value: str) -> str:
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", value)
    if not scheme or scheme.group(1).lower() not in ("http", "https"):
        found = f" (found '{scheme.group(1)}:')" if scheme else ""
        raise ValueError(f"only http:// and https:// links are allowed{found}")
    if value != value.strip() or any(c.isspace() for c in value) or any(c in value for c in '<>"\\`'):
        raise ValueError("a URL may not contain spaces, quotes, backslashes or angle brackets")
    try:
        host = urlsplit(value).netloc
    except ValueError:
        host = ""
    if not host:
        raise ValueError("a URL needs a valid host, as in https://example.org/page")
    return value


SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER = re.compile(rf"^(\d+(?:\.\d+)?)(?: ({'|'.join(SCALES)}))?$")


def number_value(text: str) -> Decimal:
    """The number a figure's value stands for: `12000`, `6.30`, `1.2 million`."""
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(text)
    return Decimal(match.group(1)) * SCALES.get(match.group(2) or "", 1)


def _number(value: object) -> str:
    # Kept as typed (`6.30` stays 6.30): the text is what the quote is checked for.
    text = " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    if text is None or _NUMBER.match(text) is None:
        raise ValueError(f"'{value}' is not a number; write digits without separators, e.g. 12000, 6.30 or "
                         "1.2 million")
    return text


_WHEN = re.compile(r"^(~)?(\d{4}-\d{2}(?:-\d{2})?)(?:[T ](\d{2}:\d{2}))?(?:/(\d{4}-\d{2}(?:-\d{2})?))?$")


@dataclass(frozen=True)
class When:
    """When something happened: a day or a month, or a range of them, maybe approximate."""

    start: date
    end: date
    month_only: bool
    approximate: bool
    time: str | None = None
    """A time of day (HH:MM, local to the story as the source gives it), for a single day."""


def parse_when(text: str) -> When:
    match = _WHEN.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date: write 2024-10-03, 2024-10-03 18:30 (with a time), 2024-10 "
                         "(a month), 2024-10-08/2024-10-13 (a range), with ~ in front if approximate")
    approximate, first, time, last = match.group(1) == "~", match.group(2), match.group(3), match.group(4) or match.group(2)
    if time is not None and (len(first) != 10 or match.group(4)):
        raise ValueError(f"'{text}': a time of day goes with a single day, as in 2024-10-03 18:30")
    if time is not None and not (int(time[:2]) < 24 and int(time[3:]) < 60):
        raise ValueError(f"'{text}': {time} is not a time of day (00:00 to 23:59)")
    if len(first) != len(last):
        raise ValueError(f"'{text}': both ends of a range must be days, or both months")
    try:
        start, end = _day(first, end=False), _day(last, end=True)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid date ({exc})") from None
    if end < start:
        raise ValueError(f"'{text}': the range ends before it starts")
    return When(start, end, len(first) == 7, approximate, time)


def _day(text: str, end: bool) -> date:
    if len(text) == 10:
        return date.fromisoformat(text)
    year, month = int(text[:4]), int(text[5:7])
    first = date(year, month, 1)
    if not end:
        return first
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _when(value: str) -> str:
    parse_when(value)
    return value.strip()


Line = Annotated[str, AfterValidator(_one_line)]
"""One line of text: inner whitespace and line breaks fold to single spaces."""
Paragraphs = Annotated[str, AfterValidator(_paragraphs)]
"""Text in paragraphs separated by blank lines."""
Quote = Annotated[str, Field(min_length=1)]
"""A verbatim passage of a seed; whitespace is normalised only when matching."""
Id = Annotated[str, Field(pattern=ID_PATTERN)]
"""A stable identifier: lowercase letters, digits and inner hyphens (it becomes an anchor)."""
HttpUrl = Annotated[str, AfterValidator(_http_url)]
EventDate = Annotated[str, AfterValidator(_when)]
"""2024-10-03, 2024-10-03 18:30, 2024-10 (a month), 2024-10-08/2024-10-13 (a range); ~ in front if approximate."""


class Status(str, Enum):
    """How sure the sheet is of a claim. Definitions are in `statuses.py`.

    The first four weigh a claim about the world; `on-record` marks a claim that a party said
    something (a statement, a denial, an assessment): the sheet checks that it was said, not
    whether what was said is true, so it carries no verdict.
    """

    confirmed = "confirmed"
    unconfirmed = "unconfirmed"
    disputed = "disputed"
    denied = "denied"
    on_record = "on-record"


class Stance(str, Enum):
    """What a piece of evidence does with the claim."""

    asserts = "asserts"
    reports = "reports"
    mentions = "mentions"
    differs = "differs"
    disputes = "disputes"
    denies = "denies"
    cannot_confirm = "cannot-confirm"


class SourceKind(str, Enum):
    wire = "wire"
    newspaper = "newspaper"
    broadcaster = "broadcaster"
    news_site = "news-site"
    official = "official"
    think_tank = "think-tank"
    other = "other"


class Medium(str, Enum):
    """What a source is: a text (its copy in seeds/ checks every quote) or footage, a photo or a recording."""

    text = "text"
    video = "video"
    photo = "photo"
    audio = "audio"


# A well-formed BCP 47 language tag (RFC 5646): language, then optional script, region and variants.
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*$"


def _language(value: str) -> str:
    if not re.match(LANGUAGE_PATTERN, value):
        raise ValueError(f"'{value}' is not a BCP 47 language tag; write e.g. en, ko, zh-Hant, pt-BR, ar")
    return value


Language = Annotated[str, AfterValidator(_language), Field(json_schema_extra={"pattern": LANGUAGE_PATTERN})]
"""A BCP 47 language tag: en, ko, zh-Hant, ar."""


class Qualifier(str, Enum):
    """How exact a figure is, as its source words it."""

    exactly = "exactly"
    about = "about"
    at_least = "at-least"
    more_than = "more-than"
    up_to = "up-to"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quantity(Record):
    """Something counted or measured that several sources may give figures for."""

    id: Id
    label: Line = Field(description="What is counted, e.g. 'weeks the bridge stays closed' or 'people evacuated in total'.")


class Sheet(Record):
    """The fact sheet itself: `content/sheet.yaml`."""

    title: Line
    summary: Paragraphs
    as_of: date = Field(description="The date the sheet is current to (YYYY-MM-DD).")
    publisher: Line | None = Field(None, description="Who publishes the sheet and reviews the claims.")
    bottom_line: Line | None = Field(None, description=(
        "The sheet's answer in one or two sentences, first on the home page: what is known, what is not."))
    open_questions: list[Line] = Field(default_factory=list, description=(
        "What is not known yet, in the editors' words; shown under \"What we don't know\" on the home page."))
    corrections: Paragraphs | None = Field(None, description=(
        "The corrections policy: how errors are corrected and shown (on the changes page)."))
    report_url: HttpUrl | None = Field(None, description="Where readers report an error (a form or a page); http(s) only.")
    contact_email: Line | None = Field(None, description="An address readers can write to; shown as text, not a link.")
    quantities: list[Quantity] = Field(default_factory=list, description="Quantities that evidence gives figures for.")


class Source(Record):
    """A document that the evidence quotes."""

    id: Id
    title: Line
    publisher: Line
    author: Line | None = None
    published: date | None = Field(None, description="Publication date; leave out if the source gives none.")
    url: HttpUrl | None = Field(None, description="Where readers can read it; leave out if unknown.")
    seed: Line | None = Field(None, description=(
        "File name in seeds/ that holds the source's text; leave out only for a video, photo or recording "
        "(`medium:`), whose evidence is then a description, not a checked quote."))
    kind: SourceKind
    based_on: list[Id] = Field(default_factory=list, description=(
        "Ids of sources this one copies or rewrites (a wire story it runs): what it says in its own voice "
        "counts as theirs, not as an independent origin."))
    retrieved: date | None = Field(None, description="When the copy in seeds/ was taken from the page (YYYY-MM-DD).")
    archive_url: HttpUrl | None = Field(None, description="An archived copy of the page, for when it changes or goes.")
    language: Language | None = Field(None, description="The language of the source (BCP 47: en, ko, zh-Hant, ar); quotes stay in it.")
    medium: Medium = Field(Medium.text, description="text, or video, photo, audio: a source cited by what it shows or says.")
    description: Line | None = Field(None, description="What a video, photo or recording is and shows (needed when it has no seed).")


class Actor(Record):
    """A person or organisation that makes, relays or denies claims."""

    id: Id
    name: Line
    kind: Line = Field(description="e.g. intelligence agency, government, person, think tank, media")
    country: Line | None = None
    part_of: Id | None = Field(None, description="Id of the actor this one speaks for (a spokesman for a government).")
    description: Line | None = None
    party_to_conflict: bool = Field(False, description=(
        "A side of the conflict the story is about: shown beside the figures and claims it gives."))


Number = Annotated[str, BeforeValidator(_number)]
"""A number as typed: digits with an optional decimal part, and an optional scale word (1.2 million)."""


class Figure(Record):
    """A number that an item of evidence gives; its value (or both ends of its range) must appear in the quote."""

    quantity: Id = Field(description="Id of a quantity listed in sheet.yaml.")
    value: Number | None = Field(None, description="The number as the quote gives it: 12000, 6.30, 1.2 million.")
    low: Number | None = Field(None, description="For a range (\"between 100 and 300\"): its low end; give `high` too, not `value`.")
    high: Number | None = Field(None, description="For a range: its high end.")
    unit: Line = Field(description=(
        "What the value counts. Use one word for one thing across sources (troops, not troops and soldiers): "
        "a different unit is shown as a disagreement."))
    qualifier: Qualifier = Qualifier.exactly
    increment: bool = Field(False, description=(
        "The figure is an addition (\"an additional 10,000\", \"10,000 more\"), not a total: it is never compared with totals."))

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        if (self.value is None) == (self.low is None and self.high is None) or (self.low is None) != (self.high is None):
            raise ValueError("give either `value`, or both `low` and `high` for a range "
                             "(value: 12000, or low: 100 and high: 300)")
        if self.low is not None and number_value(self.low) > number_value(self.high or "0"):
            raise ValueError(f"the range's low end {self.low} is above its high end {self.high} (swap them)")
        return self

    @property
    def span(self) -> tuple[Decimal, Decimal]:
        """(lowest, highest) value: one number twice, or a range's ends."""
        if self.value is not None:
            return number_value(self.value), number_value(self.value)
        return number_value(self.low or "0"), number_value(self.high or "0")


class Evidence(Record):
    """One source's support for, or against, a claim, with its own words."""

    source: Id
    stance: Stance
    quote: Quote = Field(description="Verbatim from the source's seed text; `…` may skip words.")
    via: Id | list[Id] | None = Field(None, description=(
        "Who the source attributes this to: an actor id, or a chain such as [local-media, police] "
        "for 'local media, citing the police'. The last is the origin."))
    note: Line | None = None
    figures: list[Figure] = Field(default_factory=list)
    said_on: date | None = Field(None, description=(
        "When the party said it, where the source says so and it differs from the source's date "
        "(a denial \"last week\"); figures are dated by it."))
    translation: Line | None = Field(None, description=(
        "The sheet's translation of a quote in another language; shown beside the quote, which stays as the source wrote it."))

    @cached_property
    def via_chain(self) -> tuple[str, ...]:
        # Cached: every page that cites the item asks (a frozen model never changes).
        if self.via is None:
            return ()
        return (self.via,) if isinstance(self.via, str) else tuple(self.via)


class StatusChange(Record):
    """A dated change of a claim's status, with why."""

    date: date
    status: Status
    note: Line


class Claim(Record):
    """One statement about the story, with its status and evidence."""

    id: Id
    statement: Line
    claimed_by: list[Id] = Field(min_length=1, description="Who makes the claim: actor ids, or a source id for an outlet's own reporting.")
    claimed_on: date | None = Field(None, description="When the claim was made; leave out if the sources do not say.")
    happened: EventDate | None = Field(None, description=(
        "When what the claim describes happened, if it is an event (not when it was reported): "
        "2024-10-03, 2024-10, 2024-10-08/2024-10-13, ~ in front if approximate."))
    status: Status
    status_note: Line
    status_reason: Line | None = Field(None, description="Why the status differs from what the evidence alone gives.")
    conclusion: Line | None = Field(None, description=(
        "One line a reader can take away (\"Only the council says so; no one else has confirmed it.\"), shown under the "
        "statement and, for a key claim, on the home page."))
    key: bool = Field(False, description="A claim the home page leads with, among the key claims.")
    evidence: list[Evidence] = Field(min_length=1)
    alternative_to: list[Id] = Field(default_factory=list, description=(
        "Ids of rival explanations of the same event (each keeps its own status); shown together, and on the "
        "home page among the places where sources disagree."))
    history: list[StatusChange] = Field(default_factory=list, description="Dated status changes, oldest first; the last is the current status.")
    places: list[Id] = Field(default_factory=list, description=(
        "Ids of the places (content/places.yaml) where what the claim describes happened, as its sources name them; "
        "not where it was said or reported."))


class Topic(Record):
    """A group of claims: one file in `content/topics/`, one page on the site."""

    title: Line
    summary: Paragraphs | None = None
    claims: list[Claim] = Field(min_length=1)


def _degrees(most: int, axis: str, example: str) -> BeforeValidator:
    def check(value: object) -> float:
        # The YAML reader keeps every value as text: `43.1` arrives as "43.1".
        text = " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", text) or not -most <= number <= most:
            raise ValueError(f"'{value}' is not a {axis}: write decimal degrees from -{most} to {most}, e.g. {example}")
        return number
    return BeforeValidator(check)


Latitude = Annotated[float, _degrees(90, "latitude", "43.1 (north is positive, south negative)"),
                     Field(json_schema_extra={"minimum": -90, "maximum": 90})]
Longitude = Annotated[float, _degrees(180, "longitude", "131.9 (east is positive, west negative)"),
                      Field(json_schema_extra={"minimum": -180, "maximum": 180})]


def _geonames_id(value: object) -> int:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text.isdigit() or not text.isascii() or int(text) == 0:
        raise ValueError(f"'{value}' is not a GeoNames id: write the number the gazetteer gives, e.g. 2013348")
    return int(text)


GeoNamesId = Annotated[int, BeforeValidator(_geonames_id), Field(json_schema_extra={"minimum": 1})]


class Place(Record):
    """A place where events of the claims happened; its coordinates come from the gazetteer unless given."""

    id: Id
    name: Line = Field(description="The place's name as readers know it, e.g. Rotterdam; looked up in the gazetteer.")
    country: Line = Field(description="The country it is in, by its English name (Netherlands, South Africa) or ISO code (NL, ZA).")
    lat: Latitude | None = Field(None, description="Latitude in decimal degrees; give it with `lon` for a place the gazetteer lacks.")
    lon: Longitude | None = Field(None, description="Longitude in decimal degrees (east positive).")
    geonames: GeoNamesId | None = Field(None, description=(
        "The GeoNames id of the place, when the gazetteer has several of that name in the country."))

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both `lat` and `lon`, or neither (the gazetteer then gives them)")
        return self


class PlaceList(Record):
    """`content/places.yaml` (optional)."""

    places: list[Place] = Field(min_length=1)


class SourceList(Record):
    """`content/sources.yaml`."""

    sources: list[Source] = Field(min_length=1)


class ActorList(Record):
    """`content/actors.yaml`."""

    actors: list[Actor] = Field(min_length=1)
