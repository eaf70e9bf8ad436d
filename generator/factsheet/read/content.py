"""Gather phase: read every content file into models, collecting every problem.

Layout of a content folder:
    sheet.yaml        the sheet (title, summary, as_of)
    sources.yaml      `sources:` list
    actors.yaml       `actors:` list
    topics/*.yaml     one topic a file; the file name (without .yaml) is its id
"""
from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Location, Problem
from .model import ID_RE, Actor, ActorList, Claim, Place, PlaceList, Sheet, Source, SourceList, Topic
from .files import display_path, locate_file, read_problem, visible
from .yamlsafe import Path_, YamlDocument, load_yaml_file

FIXED_FILES = {"sheet.yaml": Sheet, "sources.yaml": SourceList, "actors.yaml": ActorList}
OPTIONAL_FILES = {"places.yaml": PlaceList}
"""Read when present: a sheet need not name places."""


@dataclass(frozen=True)
class TopicFile:
    """A topic with the id its file name gives it."""

    id: str
    topic: Topic
    doc: YamlDocument


@dataclass(eq=False)  # one build's content, compared by identity (see check.evidence.parties_of)
class Content:
    """Everything the editors wrote, validated for shape, with where each part stands."""

    sheet: Sheet
    sources: list[Source]
    actors: list[Actor]
    topics: list[TopicFile]
    sources_doc: YamlDocument
    actors_doc: YamlDocument
    places: list[Place] = field(default_factory=list)
    places_doc: YamlDocument | None = None
    places_unread: bool = False
    """places.yaml is there but could not be read (its problems are reported): claims' places go unchecked."""

    def claims(self) -> list[tuple[TopicFile, int, Claim]]:
        return [(t, i, c) for t in self.topics for i, c in enumerate(t.topic.claims)]


RESERVED_TOPIC_IDS = {"index"}

FileCache = dict[str, tuple[tuple[int, int], Any, list[Problem]]]
"""display path → ((mtime_ns, size), (document, model) or None, problems): reused while a file is unchanged."""


def load_content(content_dir: Path, cache: FileCache | None = None) -> tuple[Content | None, list[Problem]]:
    """Read and shape-check every file; the content if all is well, and all problems.

    With a cache (kept by the MkDocs plugin across `serve` rebuilds), files whose size and
    modification time are unchanged are not read again.
    """
    problems: list[Problem] = []
    docs: dict[str, YamlDocument] = {}
    parsed: dict[str, Any] = {}
    if not content_dir.is_dir():
        return None, [Problem(Location(display_path(content_dir)), "content folder not found", "run from the project folder or pass --content")]

    def read(path: Path, model: type[BaseModel]) -> Any:
        shown = display_path(path)
        found_file = locate_file(path, content_dir, shown, "content file")
        if isinstance(found_file, Problem):
            problems.append(found_file)
            return None
        real, stat = found_file
        signature = (stat.st_mtime_ns, stat.st_size)
        if cache is not None and shown in cache and cache[shown][0] == signature:
            _, loaded, found = cache[shown]
        else:
            loaded, found = _read(real, shown, model)
            if cache is not None:
                cache[shown] = (signature, loaded, found)
        problems.extend(found)
        if loaded is None:
            return None
        docs[shown] = loaded[0]
        return loaded[1]

    for name, model in FIXED_FILES.items():
        parsed[name] = read(content_dir / name, model)
    present = _yaml_files(content_dir, problems) or []
    for name, model in OPTIONAL_FILES.items():
        parsed[name] = read(content_dir / name, model) if any(p.name == name for p in present) else None
    for stray in present:
        if stray.name not in FIXED_FILES and stray.name not in OPTIONAL_FILES:
            problems.append(Problem(Location(display_path(stray)), "unexpected content file", "topics go in the topics/ folder; other files are sheet.yaml, sources.yaml, actors.yaml and places.yaml"))

    topics: list[TopicFile] = []
    topic_paths = _yaml_files(content_dir / "topics", problems)
    if topic_paths == []:
        problems.append(Problem(Location(display_path(content_dir / "topics")), "no topic files found", "add content/topics/<topic-id>.yaml"))
    for path in topic_paths or []:
        topic_id = path.name.rsplit(".", 1)[0]
        if not ID_RE.match(topic_id):
            problems.append(Problem(Location(display_path(path)), f"topic file name '{visible(path.name)}' is not a valid id", f"rename it to {slug(topic_id)}.yaml"))
            continue
        if topic_id in RESERVED_TOPIC_IDS:
            # topics/index.md is the page that lists every topic.
            problems.append(Problem(Location(display_path(path)), f"topic file name '{path.name}' is reserved for the list of all topics",
                                    f"rename it, e.g. to {topic_id}-topic.yaml"))
            continue
        topic = read(path, Topic)
        if topic is not None:
            topics.append(TopicFile(topic_id, topic, docs[display_path(path)]))

    # Topics that failed are left out, but the rest is still returned so that
    # cross-record checks run too: the editor sees every problem in one run.
    if any(parsed[name] is None for name in FIXED_FILES):
        return None, problems
    content = Content(
        parsed["sheet.yaml"], list(parsed["sources.yaml"].sources), list(parsed["actors.yaml"].actors), topics,
        docs[display_path(content_dir / "sources.yaml")], docs[display_path(content_dir / "actors.yaml")],
    )
    if parsed["places.yaml"] is not None:
        content.places = list(parsed["places.yaml"].places)
        content.places_doc = docs[display_path(content_dir / "places.yaml")]
    content.places_unread = parsed["places.yaml"] is None and any(p.name in OPTIONAL_FILES for p in present)
    return content, problems


def _yaml_files(folder: Path, problems: list[Problem]) -> list[Path] | None:
    """The folder's *.yaml and *.yml entries, sorted; None, with a problem, if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(Problem(Location(display_path(folder)), "is a file, not a folder", "make it a folder of YAML files"))
        return None
    except OSError as exc:
        problems.append(read_problem(display_path(folder), exc))
        return None
    return [folder / name for name in names if fnmatch.fnmatchcase(name, "*.y*ml")]


def _read(path: Path, shown: str, model: type[BaseModel]) -> tuple[tuple[YamlDocument, BaseModel] | None, list[Problem]]:
    doc, problems = load_yaml_file(path, shown)
    if doc is None:
        return None, problems
    result = validate_shape(doc, model)
    if isinstance(result, list):
        return None, result
    doc.data = None  # nothing reads it once the model is made: at 10,000 claims the raw trees held 26 MB more
    return (doc, result), []


def slug(text: str) -> str:
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)[:64] or "id"


# -- pydantic errors → located, friendly problems ---------------------------------------------


def validate_shape(doc: YamlDocument, model: type[BaseModel]) -> BaseModel | list[Problem]:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        return [_problem(doc, model, err) for err in exc.errors(include_url=False)]


def close_term(typed: str, allowed: list[str]) -> str | None:
    """The vocabulary word the editor most likely meant to type, only if it is a slip of the keys.

    A word merely alike is not proposed: "revises" is close to "denies" in letters and opposite
    in meaning, and a wrong "did you mean" is worse than none.
    """
    word = typed.strip().lower()
    best = None
    for term in allowed:
        distance = _edits(word, term)
        inflected = len(word) >= 4 and term.startswith(word[:-1]) and len(term) - len(word) <= 3
        if distance <= max(1, max(len(word), len(term)) // 3) or inflected:
            if best is None or distance < best[0]:
                best = (distance, term)
    return best[1] if best else None


def _edits(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def field_path(loc: Path_) -> str:
    """`('claims', 2, 'status')` → `claims[2].status`, as editors count (from 0, like the YAML list)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(doc: YamlDocument, model: type[BaseModel], err: Any) -> Problem:
    loc: Path_ = tuple(err["loc"])
    kind, given, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = str(loc[-1]) if loc else "file"
    where = f"{field_path(loc)}: " if loc else ""
    if kind == "missing":
        parent = loc[:-1]
        return Problem(doc.locate(parent), f"{field_path(parent) + ': ' if parent else ''}missing field '{name}'", f"add `{name}: …`")
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
        return Problem(doc.locate(loc, key=True), f"{field_path(loc[:-1]) + ': ' if loc[:-1] else ''}unknown field '{name}'", hint)
    at = doc.locate(loc)
    if given is None and kind in ("string_type", "list_type", "date_type", "enum", "model_type", "dict_type"):
        return Problem(at, f"{where}is empty", "write a value, or remove the line if the field is optional")
    if kind == "enum":
        allowed = [v.strip("'") for v in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        close = close_term(str(given), allowed)
        hint = (f"did you mean '{close}'?" if close else
                "see the method page, or the README's content model, for what each means")
        return Problem(at, f"{where}unknown {name} '{given}'; expected one of: {', '.join(allowed)}", hint)
    if kind.startswith("date_"):
        return Problem(at, f"{where}'{given}' is not a valid date ({err['msg'].split(', ', 1)[-1]})", "write it as YYYY-MM-DD")
    if kind == "string_pattern_mismatch":
        return Problem(at, f"{where}'{given}' is not a valid id: use lowercase letters, digits and hyphens, at most 64", f"e.g. '{slug(str(given))}'")
    if kind in ("string_type", "list_type", "model_type", "dict_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list (lines starting with `- `)"}.get(kind, "a mapping of fields")
        return Problem(at, f"{where}expected {wanted}, found {_describe(given)}", "check the indentation" if kind != "string_type" else "write text on the same line")
    if kind == "too_short":
        return Problem(at, f"{where}must not be empty", "add at least one item")
    if kind == "string_too_short":
        return Problem(at, f"{where}is empty", "write some text")
    if kind == "value_error":
        return Problem(at, f"{where}{err['msg'].removeprefix('Value error, ')}")
    return Problem(at, f"{where}{err['msg']}")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """The field names of the model found at `loc` (following list items)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None
