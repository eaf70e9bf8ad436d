"""Read one YAML file into plain data, remembering where every value stands.

The editors' YAML may come from strangers, so this reader is deliberately narrow.
It streams libyaml's events (C speed, no recursion) and builds the data itself, so:
no tags are honoured (no Python objects), no anchors or aliases (no alias bombs),
nesting is bounded before anything deep is built (the C composer would crash),
duplicate keys are errors, and every scalar stays the text the editor typed
(YAML 1.1 would turn `NO` into False and `12:30` into 750; here both stay text,
and the model decides what a field means). Only an unquoted empty value, `~` or
`null` reads as "nothing".
"""
from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Location, Problem
from .files import read_file

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the root."""

# C0/C1 controls (tab, newline and carriage return allowed) and every bidirectional control
# (Unicode's Bidi_Control: the Arabic letter mark, the marks, embeddings, overrides and isolates)
# that can make text read differently from what it says (e.g. "pay\u202Eexe.txt").
CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Non-characters (U+FDD0..U+FDEF and the last two code points of every plane), which XML cannot
# carry (feed.xml would not parse) or which Unicode reserves, and surrogates, which only `\u`
# escapes can make (half of a UTF-16 pair is not a character; no UTF-8 file can hold it).
NON_CHARS = "\ufdd0-\ufdef" + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
SURROGATES = "\ud800-\udfff"
FORBIDDEN_CHARS = re.compile(f"[{CONTROL_CHARS}{NON_CHARS}{SURROGATES}]")
_CONTROL = re.compile(f"[{CONTROL_CHARS}]")
# FORBIDDEN_CHARS and more (every character from U+1FFFE up), as one class that the regular expression
# engine tests 8x faster than the 34 plane ends: a clean file (the usual case) is passed by this alone.
_MAYBE_FORBIDDEN = re.compile(f"[{CONTROL_CHARS}\ufdd0-\ufdef\ufffe\uffff{SURROGATES}\U0001fffe-\U0010ffff]")
NULLS = {"", "~", "null", "Null", "NULL"}
_NULL_LONGEST = max(map(len, NULLS))  # a longer scalar is never null: one length test spares the set lookup

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_DICT, _LIST = object(), object()
"""The kinds of container node in a YamlDocument (a key node's kind is its text, a scalar value's None)."""


@dataclass
class YamlDocument:
    """A file's data and where each value and key in it starts (`locate` gives the 1-based place).

    The places are kept flat, not in a dict keyed by each value's path: every key and every value is
    a node, in the file's order, with its start (line << 32 | column, 0-based), the node after its
    subtree, and its kind. At 10,000 claims the dicts of paths and libyaml's marks held 78 MB; these, 10.
    """

    path: str
    data: Any
    """The plain data; read.content drops it once the model is made (nothing reads it again)."""
    _starts: array = field(default_factory=lambda: array("Q"), repr=False)
    _ends: array = field(default_factory=lambda: array("L"), repr=False)
    _kinds: list[Any] = field(default_factory=list, repr=False)

    def locate(self, where: Path_, *, key: bool = False) -> Location:
        """The place of `where` (with `key`, of its key if a mapping holds it), or of its nearest
        ancestor that exists."""
        kinds, ends = self._kinds, self._ends
        if not kinds:
            return Location(self.path)
        node, by_key = 0, -1  # the deepest node reached, and the key node that led to it (-1: none)
        for part in where:
            kind, child, end = kinds[node], node + 1, ends[node]
            if kind is _DICT:
                while child < end and kinds[child] != part:
                    child = ends[child + 1]  # past the key's value
                if child >= end:
                    break
                node, by_key = child + 1, child
            elif kind is _LIST and isinstance(part, int) and part >= 0:
                for _ in range(part):
                    if child >= end:
                        break
                    child = ends[child]
                if child >= end:
                    break
                node, by_key = child, -1
            else:
                break
        start = self._starts[by_key if key and by_key >= 0 else node]
        return Location(self.path, (start >> 32) + 1, (start & 0xFFFFFFFF) + 1)


class _Stop(Exception):
    """Raised inside the event walk to end it with one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def char_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def load_yaml_file(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read `path` (shown to editors as `display`); the document, or the problems."""
    raw = read_file(path, display, MAX_FILE_BYTES, "split it into several topic files")
    if isinstance(raw, Problem):
        return None, [raw]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(Location(display, line, column), "the file is not UTF-8 text", "save it as UTF-8")]
    return load_yaml_text(text, display)


def load_yaml_text(text: str, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    if _MAYBE_FORBIDDEN.search(text):
        problems = [_forbidden(display, text, m.start(), m.group()) for m in FORBIDDEN_CHARS.finditer(text)]
        if problems:
            return None, problems
    doc = YamlDocument(display, None)
    escaped: list[Problem] = []  # characters made by escapes: every one reported, the reading goes on
    try:
        _build(doc, text, escaped)
    except _Stop as stop:
        return None, [*escaped, stop.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [*escaped, _syntax_problem(display, text, exc)]
    except yaml.reader.ReaderError as exc:  # a character the reader refuses, at its offset in the text
        return None, [_forbidden(display, text, exc.position, chr(exc.character) if isinstance(exc.character, int) else str(exc.character))]
    except yaml.YAMLError as exc:  # no other error is known to be unmarked; one line, whatever it says
        return None, [Problem(Location(display), f"YAML error: {' '.join(str(exc).split())}", "check the file's syntax")]
    if escaped:
        return None, escaped
    if doc.data is None:
        return None, [Problem(Location(display), "the file is empty", "a content file holds one mapping of fields")]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [Problem(doc.locate(()), f"expected a mapping of fields at the top of the file, found {kind}", "start the file with `field: value` lines")]
    return doc, []


def _forbidden(display: str, text: str, offset: int, char: str) -> Problem:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Problem(Location(display, line, column), forbidden_message(char), "delete it; it can hide or reorder text"
                   if _CONTROL.match(char) else "delete it")


def forbidden_message(char: str) -> str:
    if _CONTROL.match(char):
        return f"control or bidirectional character {char_name(char)} is not allowed"
    if "\ud800" <= char <= "\udfff":
        return f"{char_name(char)} is half of a UTF-16 surrogate pair, not a character"
    return f"non-character {char_name(char)} is not allowed (XML, so feed.xml, cannot carry it)"


def _syntax_problem(display: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    problem = exc.problem or "invalid YAML"
    if mark and text[mark.index : mark.index + 1] == "\t":
        return Problem(where, "a tab is not allowed here (YAML indents with spaces)", "replace the tab with spaces")
    if mark and "invalid Unicode character escape" in problem:
        return _surrogate_escape(where, text, mark.index)
    context = f" {exc.context}" if exc.context else ""
    return Problem(where, f"YAML syntax error: {problem}{context}", "check the indentation and quoting on this line or the one above")


_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _surrogate_escape(where: Location, text: str, index: int) -> Problem:
    """libyaml refuses `\\u` escapes of UTF-16 surrogates (JSON writes an emoji so); say what to write."""
    pair = _PAIR.match(text, index - 2)
    where = Location(where.path, where.line, max(1, where.column - 2))  # at the backslash, not the digits
    if pair:
        code = 0x10000 + ((int(pair.group(1), 16) - 0xD800) << 10) + (int(pair.group(2), 16) - 0xDC00)
        return Problem(where, f"`{pair.group()}` is a UTF-16 surrogate pair, which YAML does not read as one character",
                       f"write \\U{code:08X} instead, or the character itself")
    return Problem(where, "an escape of half a UTF-16 surrogate pair (U+D800 to U+DFFF) is not a character",
                   "write the character itself, or \\U and its eight hex digits")


def _at(doc: YamlDocument, event: Any) -> Location:
    return Location(doc.path, event.start_mark.line + 1, event.start_mark.column + 1)


_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_IN_LIST, _AT_ROOT = object(), object()
"""Where the open container puts its next value, when not under a key."""
_TEXT_TAGS = (None, "!", "tag:yaml.org,2002:str")


def _build(doc: YamlDocument, text: str, escaped: list[Problem]) -> None:
    """Turn libyaml's events, pulled straight from the C parser (yaml.parse's wrapper costs 3x more),
    into dicts, lists and strings, recording marks."""
    parser = _Loader(text)
    try:
        _walk(doc, parser.get_event, escaped)
    finally:
        parser.dispose()


def _walk(doc: YamlDocument, next_event: Any, escaped: list[Problem]) -> None:
    # One loop, the open container in locals (its pending key, first line of each key, node), the
    # enclosing ones on a stack: called per value, a helper function took a third of the reading.
    # Scalars (three events in four) come first, a key's apart from a value's, and `pending` also says
    # where a value goes (_IN_LIST, _AT_ROOT, a key of the open mapping, or None: a key is due).
    starts, ends, kinds = doc._starts, doc._ends, doc._kinds
    add_start, add_end, add_kind = starts.append, ends.append, kinds.append
    stack: list[tuple[Any, Any, dict[str, int], int]] = []
    container: Any = None
    pending: Any = _AT_ROOT
    seen: dict[str, int] = {}  # each key's line (0-based)
    opened = 0  # the open container's node
    node = 0  # the next node's number
    documents = 0
    intern = sys.intern  # keys are a small vocabulary: one string each, not one per record
    forbidden = FORBIDDEN_CHARS.search
    for event in iter(next_event, None):
        kind = type(event)
        if kind is _SCALAR:
            if event.anchor:
                raise _Stop(Problem(_at(doc, event), "anchors and aliases (& and *) are not allowed", "write the value out in full"))
            tag = event.tag
            if tag is not None and tag not in _TEXT_TAGS:
                raise _Stop(Problem(_at(doc, event), f"YAML tags such as {tag.replace('tag:yaml.org,2002:', '!!')} are not allowed", "remove the tag; write plain text (quote it if needed)"))
            mark = event.start_mark
            add_start(mark.line << 32 | mark.column)
            node += 1
            add_end(node)
            value: Any = event.value
            style = event.style
            if not style and tag is None and len(value) <= _NULL_LONGEST and value in NULLS and event.implicit[0]:
                value = None
            elif style == '"' and forbidden(value):
                bad = forbidden(value).group()  # type: ignore[union-attr]
                escaped.append(Problem(_at(doc, event), forbidden_message(bad), "remove the escape that produces it"))
            elif pending is not None and len(value) <= 64 and " " not in value:
                value = intern(value)  # an id, date or word: the models keep it as is, once, not once per use
            if pending is None:  # this value is a key
                if value is None:
                    raise _Stop(Problem(_at(doc, event), "a key must be plain text, found nothing", "write `name: value`"))
                if value in seen:
                    raise _Stop(Problem(_at(doc, event), f"duplicate key '{value}' (first at line {seen[value] + 1})", "keep one of the two"))
                pending = intern(value)
                seen[pending] = mark.line
                add_kind(pending)
                continue
            if pending is _IN_LIST:
                container.append(value)
            elif pending is _AT_ROOT:
                doc.data = value
            else:
                container[pending] = value
                pending = None
            add_kind(None)
        elif kind is _MAPPING or kind is _SEQUENCE:
            if event.anchor:
                raise _Stop(Problem(_at(doc, event), "anchors and aliases (& and *) are not allowed", "write the value out in full"))
            tag = event.tag
            if tag not in _TEXT_TAGS:
                raise _Stop(Problem(_at(doc, event), f"YAML tags such as {tag.replace('tag:yaml.org,2002:', '!!')} are not allowed", "remove the tag; write plain text (quote it if needed)"))
            mark = event.start_mark
            add_start(mark.line << 32 | mark.column)
            add_end(node + 1)
            if len(stack) >= MAX_DEPTH:
                raise _Stop(Problem(_at(doc, event), f"nesting deeper than {MAX_DEPTH} levels", "content records are shallow; check the brackets and dashes"))
            value = {} if kind is _MAPPING else []
            if pending is None:
                raise _Stop(Problem(_at(doc, event), "a key must be plain text, found a list or mapping", "write `name: value`"))
            if pending is _IN_LIST:
                container.append(value)
            elif pending is _AT_ROOT:
                doc.data = value
            else:
                container[pending] = value
                pending = None
            add_kind(_DICT if kind is _MAPPING else _LIST)
            stack.append((container, pending, seen, opened))
            container, pending, seen, opened = value, (None if kind is _MAPPING else _IN_LIST), {}, node
            node += 1
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            ends[opened] = node
            container, pending, seen, opened = stack.pop()
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Stop(Problem(_at(doc, event), "a second YAML document (`---`) in one file", "keep one document a file; split the rest into another file"))
        elif kind is yaml.AliasEvent:
            raise _Stop(Problem(_at(doc, event), "anchors and aliases (& and *) are not allowed", "write the value out in full"))
        elif kind is yaml.StreamEndEvent:
            break
