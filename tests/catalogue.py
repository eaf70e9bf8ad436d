"""Every message `factsheet check` can give, each with an input that triggers it.

Each case edits a copy of the fixture sheet (tests/fixtures/small). test_catalogue.py
asserts the exact messages and writes ERRORS.md from this list, so the errors
documentation is always the tested truth.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOPIC = "content/topics/repairs.yaml"
CLAIM = "content/topics/closure.yaml"
TOPIC_EVIDENCE = ("    evidence:\n      - source: gazette\n        stance: asserts\n        via: engineers\n"
                  "        quote: Engineers told the Gazette the repairs could take up to three months.\n")
PLACES = "content/places.yaml"
PLACE = "places:\n  - id: old-bridge\n    name: Gent\n    country: Belgium\n"


@dataclass(frozen=True)
class Case:
    title: str
    file: str
    new: str
    """The text that triggers it: replaces `old` in `file`, or the whole file if `old` is None."""
    old: str | None = None
    expected: list[str] = field(default_factory=list)
    shown: str | None = None
    """What ERRORS.md shows as the example, when `new` is too long to print."""
    setup: Callable[[Path, Any], None] | None = None
    """Done to the copy (root, a pytest MonkeyPatch) after the edit (none if `new` is "<setup>"): links, FIFOs, failing reads."""


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


CASES: list[Case] = [
    # -- reading YAML
    Case("Python object tag (code execution)", TOPIC, '!!python/object/apply:os.system ["touch /tmp/x"]\n'),
    Case("Python name tag", TOPIC, "title: !!python/name:os.system\n"),
    Case("Alias bomb (nine levels)", TOPIC, alias_bomb(), shown='a0: &a0 ["lol","lol", …]\na1: &a1 [*a0,*a0, …]\n…\na8: &a8 [*a7,*a7, …]'),
    Case("100,000 nested brackets", TOPIC, "title: " + "[" * 100_000 + "]" * 100_000 + "\n", shown="title: [[[[… (100,000 deep)"),
    Case("1,100 nested list items", TOPIC, "".join("  " * i + "-\n" for i in range(1100)), shown="-\n  -\n    -\n      … (1,100 levels)"),
    Case("Duplicated key", TOPIC, "title: one\ntitle: two\n"),
    Case("Two documents in one file", TOPIC, "title: a\n---\ntitle: b\n"),
    Case("Empty file", TOPIC, ""),
    Case("Top-level list", TOPIC, "- title: x\n"),
    Case("Top-level single value", TOPIC, "just some text\n"),
    Case("Tab in indentation", TOPIC, "title: x\nclaims:\n\t- id: a\n"),
    Case("Control character (NUL)", TOPIC, 'title: "x\\0y"\n'),
    Case("Bidirectional override (U+202E)", TOPIC, "title: pay\u202eexe.txt\n", shown="title: pay(U+202E)exe.txt"),
    Case("Not UTF-8", TOPIC, "title: caf\udce9\n", shown="title: café (saved as Latin-1)"),
    Case("12 MB file", TOPIC, "title: " + "x" * (12 * 1024 * 1024) + "\n", shown="(a 12 MB file)"),
    Case("YAML syntax error", TOPIC, "title: [unclosed\nclaims: []\n"),
    Case("A key that is not text", TOPIC, "? [a, b]\n: 1\n"),
    # -- YAML 1.1 surprises do not happen: values stay the text typed
    Case("`NO` where a status belongs", CLAIM, "status: NO", old="status: confirmed"),
    Case("`1.10` and `12:30` stay text", CLAIM, "status_note: 1.10 at 12:30", old="status_note: Two outlets report the council's statement in their own words."),
    Case("Impossible date", CLAIM, "claimed_on: 2024-13-45", old="claimed_on: 2024-03-04"),
    # -- fields and types
    Case("Missing field", CLAIM, "", old="    statement: The cracks were caused by the contractor's work.\n"),
    Case("Unknown field", CLAIM, "    statment: x\n    status_note: The contractor", old="    status_note: The contractor"),
    Case("Empty value", CLAIM, "    status_note:", old="    status_note: The contractor denies it."),
    Case("Blank text", CLAIM, "    status_note: '  '", old="    status_note: The contractor denies it."),
    Case("Unknown status", CLAIM, "status: confirmd", old="status: confirmed"),
    Case("Unknown stance", CLAIM, "stance: denys", old="stance: denies"),
    Case("Text where a list belongs", CLAIM, "claimed_by: council", old="claimed_by: [council]"),
    Case("Text where a mapping belongs", TOPIC, "    evidence:\n      - gazette\n", old=TOPIC_EVIDENCE),
    Case("Empty list", TOPIC, "    evidence: []\n", old=TOPIC_EVIDENCE),
    Case("Empty quote", TOPIC, "quote: ''", old="quote: Engineers told the Gazette the repairs could take up to three months."),
    Case("A number that is not a number", "content/topics/duration.yaml", "value: six,", old="value: 6,"),
    Case("Invalid id", CLAIM, "  - id: Cracks_From", old="  - id: cracks-from-contractor"),
    Case("Path-like id", CLAIM, "  - id: ../../index", old="  - id: cracks-from-contractor"),
    Case("`javascript:` URL", "content/sources.yaml", "url: ' JaVaScRiPt:alert(1)'", old="url: https://gazette.example/bridge"),
    Case("`data:` URL", "content/sources.yaml", "url: 'data:text/html,<script>alert(1)</script>'", old="url: https://gazette.example/bridge"),
    Case("URL that tries to end its link", "content/sources.yaml", "url: 'https://ok.example) [e](javascript:alert(1)'", old="url: https://gazette.example/bridge"),
    # -- files
    Case("Missing content file", "content/actors.yaml", "<delete>"),
    Case("Stray content file", "content/notes.yaml", "a: 1\n"),
    Case("Bad topic file name", "content/topics/Repairs Plan.yaml", "title: x\nclaims: []\n"),
    Case("Reserved topic file name", "content/topics/index.yaml", "title: x\nclaims: []\n"),
    # -- references and ids
    Case("Unknown source", CLAIM, "      - source: herld", old="      - source: herald"),
    Case("Unknown actor", CLAIM, "via: contracter", old="via: contractor"),
    Case("Unknown actor or source as claimant", CLAIM, "claimed_by: [councel]", old="claimed_by: [council]"),
    Case("Unknown actor in a via chain", TOPIC, "via: [engineers, enginers]", old="via: engineers"),
    Case("Duplicate id", "content/actors.yaml", "    part_of: council\n  - id: council\n    name: The council again\n    kind: local government",
         old="    part_of: council"),
    Case("The same claim id twice", "content/topics/repairs.yaml", "id: closed-six-weeks", old="id: repairs-three-months"),
    Case("Ids that differ only in case (Claim-1, claim-1)", "content/topics/repairs.yaml", "id: Closed-Six-Weeks", old="id: repairs-three-months"),
    Case("Unknown part_of", "content/actors.yaml", "    part_of: councl", old="    part_of: council"),
    Case("part_of loop", "content/actors.yaml", "  - id: council\n    name: City council\n    part_of: spokesperson",
         old="  - id: council\n    name: City council"),
    Case("Missing seed file", "content/sources.yaml", "seed: herold.txt", old="seed: herald.txt"),
    # -- quotes and figures
    Case("Quote not in its source", TOPIC, "the repairs could take up to four months", old="the repairs could take up to three months"),
    Case("Quote with nothing like it in its source", TOPIC, "quote: Zebras.", old="quote: Engineers told the Gazette the repairs could take up to three months."),
    Case("Unknown quantity", "content/topics/duration.yaml", "{quantity: closure-wks, value: 6", old="{quantity: closure-weeks, value: 6"),
    Case("Figure not stated in its quote", "content/topics/duration.yaml", "value: 9, unit", old="value: 4, unit"),
    # -- history
    Case("History out of order", "content/topics/duration.yaml", "date: 2024-03-05", old="date: 2024-03-01"),
    Case("History that ends elsewhere", "content/topics/duration.yaml", "status: confirmed, note", old="status: disputed, note"),
    # -- status rules
    Case("Confirmed on one origin", TOPIC, "status: confirmed", old="status: unconfirmed"),
    Case("A denied claim marked unconfirmed", CLAIM, "status: unconfirmed", old="status: denied"),
    Case("A disputed claim marked unconfirmed", TOPIC, "stance: disputes", old="stance: asserts"),
    Case("Denied without a denial", TOPIC, "status: denied", old="status: unconfirmed"),
    Case("Disputed without a dispute", TOPIC, "status: disputed", old="status: unconfirmed"),
    Case("An account that differs, on an unconfirmed claim", TOPIC, "stance: differs", old="stance: asserts"),
    Case("A denial outweighed by two independent origins", CLAIM,
         "      - source: herald\n        stance: reports\n        quote: The council closed the Old Bridge on Monday, citing cracks found by inspectors.\n"
         "      - source: gazette\n        stance: reports\n        via: engineers\n        quote: Engineers told the Gazette the repairs could take up to three months.\n"
         "      - source: gazette\n        stance: denies\n        via: contractor\n        quote: The contractor denied that the cracks were caused by its work.",
         old="      - source: gazette\n        stance: denies\n        via: contractor\n        quote: The contractor denied that the cracks were caused by its work."),
    Case("A statement on the record that no source attributes to its speaker", CLAIM, "status: on-record", old="status: confirmed"),
    Case("A stance that is no slip of the keys (no opposite proposed)", TOPIC, "stance: revises", old="stance: asserts"),
    Case("Unknown alternative claim", TOPIC, "    alternative_to: [closed-for-good]\n    evidence:", old="    evidence:"),
    Case("A claim as its own alternative", TOPIC, "    alternative_to: [repairs-three-months]\n    evidence:", old="    evidence:"),
    Case("A figure with a value and a range", "content/topics/duration.yaml", "value: 4, low: 2, high: 4, unit", old="value: 4, unit"),
    Case("A range that runs backwards", "content/topics/duration.yaml", "low: 4, high: 2, unit", old="value: 4, unit"),
    Case("A value that is not a number as newsrooms write them", "content/topics/duration.yaml", "value: 4 weeks, unit",
         old="value: 4, unit"),
    Case("A time of day on a range", "content/topics/closure.yaml", "    happened: 2024-03-01 09:00/2024-03-04\n    status: confirmed",
         old="    status: confirmed"),
    # -- editorial warnings: what a fact-checking editor would flag by eye
    Case("A quote cut off from the hedge of its sentence", CLAIM, "quote: the Old Bridge will stay closed for",
         old='quote: The city council said on Monday that the Old Bridge will stay closed for'),
    Case("A status note that miscounts the origins", TOPIC, "status_note: Two independent origins.", old="status_note: One origin."),
    Case("Cannot-confirm that names the claimant", TOPIC, "stance: cannot-confirm", old="stance: asserts"),
    Case("Cannot-confirm that names no one", "content/topics/duration.yaml", "stance: cannot-confirm\n        quote: A second",
         old="stance: disputes\n        via: spokesperson\n        quote: A second"),
    Case("One figure in two unit words", CLAIM,
         "        quote: A council spokesperson said the closure would last … at least six weeks.\n"
         "        figures:\n          - {quantity: closure-weeks, value: 6, unit: week, qualifier: at-least}",
         old="        quote: A council spokesperson said the closure would last … at least six weeks."),
    Case("An event dated on the day it was claimed", CLAIM, "    happened: 2024-03-04\n    status: confirmed",
         old="    status: confirmed"),
    # -- sources in other languages and media (added with `factsheet add-source`)
    Case("A text source without a seed", "content/sources.yaml", "    kind: news-site\n", old="    seed: herald.txt\n    kind: news-site\n"),
    Case("A video without a seed, description, link or date", "content/sources.yaml", "    medium: video\n",
         old="    seed: herald.txt\n"),
    Case("Unknown medium", "content/sources.yaml", "    medium: film\n    seed: herald.txt\n", old="    seed: herald.txt\n"),
    Case("A language that is not a BCP 47 tag", "content/sources.yaml", "    language: Korean\n    seed: herald.txt\n",
         old="    seed: herald.txt\n"),
    Case("`javascript:` archive URL", "content/sources.yaml", "    archive_url: javascript:alert(1)\n    seed: herald.txt\n",
         old="    seed: herald.txt\n"),
    Case("Impossible retrieval date", "content/sources.yaml", "    retrieved: 2024-02-30\n    seed: herald.txt\n",
         old="    seed: herald.txt\n"),
    # -- files that are not the project's, or cannot be read (round two of hostile input)
    Case("Content file linked to a file outside content/", "content/topics/outside.yaml", "<setup>",
         shown="content/topics/outside.yaml -> ../../elsewhere.yaml (a file outside the project)",
         setup=lambda root, mp: _link(root, "content/topics/outside.yaml", "../../elsewhere.yaml", "title: x\nclaims: []\n")),
    Case("Seed linked to a file outside seeds/", "seeds/herald.txt", "<setup>",
         shown="seeds/herald.txt -> ../secrets.txt (e.g. a CI machine's credentials)",
         setup=lambda root, mp: _link(root, "seeds/herald.txt", "../secrets.txt", "TOKEN=hunter2\n")),
    Case("Link to nothing", "content/actors.yaml", "<setup>", shown="content/actors.yaml -> gone.yaml (which does not exist)",
         setup=lambda root, mp: _link(root, "content/actors.yaml", "gone.yaml", None)),
    Case("Loop of links", "content/actors.yaml", "<setup>", shown="content/actors.yaml -> actors.yaml (itself)",
         setup=lambda root, mp: _link(root, "content/actors.yaml", "actors.yaml", None)),
    Case("A folder where a content file belongs", "content/topics/repairs.yaml", "<setup>", shown="content/topics/repairs.yaml/ (a folder)",
         setup=lambda root, mp: _replace(root / "content/topics/repairs.yaml", lambda path: path.mkdir())),
    Case("A FIFO where a content file belongs", "content/topics/repairs.yaml", "<setup>", shown="content/topics/repairs.yaml (a named pipe, mkfifo)",
         setup=lambda root, mp: _replace(root / "content/topics/repairs.yaml", os.mkfifo)),
    Case("Content file without read permission", "content/topics/repairs.yaml", "<setup>", shown="(chmod 000 content/topics/repairs.yaml)",
         setup=lambda root, mp: _failing_read(mp, root / "content/topics/repairs.yaml", errno.EACCES)),
    Case("Content file the disk cannot read (EIO)", "content/topics/repairs.yaml", "<setup>", shown="(a read fails: Input/output error)",
         setup=lambda root, mp: _failing_read(mp, root / "content/topics/repairs.yaml", errno.EIO)),
    Case("Unreadable seed", "seeds/herald.txt", "<setup>", shown="(chmod 000 seeds/herald.txt)",
         setup=lambda root, mp: _failing_read(mp, root / "seeds/herald.txt", errno.EACCES)),
    Case("A file where the topics folder belongs", "content/topics", "<setup>", shown="content/topics (a file, not a folder)",
         setup=lambda root, mp: _replace(root / "content/topics", lambda path: path.write_text("title: x\n"))),
    Case("21 MB seed", "seeds/herald.txt", "x" * (21 * 1024 * 1024), shown="(a 21 MB seed)"),
    Case("Topic file name with a newline (forging a message line)", "content/topics/a\nOK: all quotes found.yaml",
         "title: x\nclaims: []\n", shown="(file name: 'a', a newline, 'OK: all quotes found.yaml')"),
    Case("Closest passage with a terminal escape in its seed", TOPIC, "the repairs could take up to four months",
         old="the repairs could take up to three months", shown="(seeds/gazette.txt holds ESC [2J; the quote is not in it)",
         setup=lambda root, mp: _seed_escape(root)),
    # -- characters XML, JSON's escapes or a reader's eyes cannot carry
    Case("Raw U+FFFE (a non-character) in a summary", TOPIC, "how long the work may take \ufffe.",
         old="How long the work may take.", shown="  How long the work may take (U+FFFE)."),
    Case("`\\uFFFF` escape", TOPIC, 'title: "Repairs \\uFFFF"', old="title: Repairs"),
    Case("Emoji written as a JSON surrogate pair", TOPIC, 'title: "Reactions \\ud83e\\ude96"', old="title: Repairs"),
    Case("Half a surrogate pair", TOPIC, 'title: "Reactions \\udc00"', old="title: Repairs"),
    Case("Arabic letter mark (U+061C)", TOPIC, "title: Rep\u061cairs", old="title: Repairs", shown="title: Rep(U+061C)airs"),
    # -- places (content/places.yaml) and the gazetteer
    Case("A claim naming a place the sheet does not define", CLAIM, "    places: [old-bridge]\n    status: confirmed",
         old="    status: confirmed"),
    Case("A claim naming an unknown place", CLAIM, "    places: [old-brige]\n    status: confirmed", old="    status: confirmed",
         setup=lambda root, mp: _places(root, PLACE, [])),
    Case("A place the gazetteer does not have", PLACES, PLACE.replace("name: Gent", "name: Old Bridge"),
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A place in an unknown country", PLACES, PLACE.replace("country: Belgium", "country: Belguim"),
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A place name the gazetteer has more than once", PLACES, PLACE.replace("name: Gent\n    country: Belgium", "name: Springfield\n    country: US"),
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A GeoNames id of a place in another country", PLACES, PLACE + "    geonames: 2013348\n",
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A GeoNames id that is not a number", PLACES, PLACE + "    geonames: Gent-1\n",
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A latitude out of range", PLACES, PLACE + "    lat: 95\n    lon: 3.7\n",
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A latitude without a longitude", PLACES, PLACE + "    lat: 51.05\n",
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("The same place id twice", PLACES, PLACE + PLACE.removeprefix("places:\n"),
         setup=lambda root, mp: _places(root, None, ["old-bridge"])),
    Case("A place no claim names", PLACES, PLACE),
]


def _places(root: Path, places: str | None, named: list[str]) -> None:
    """Write content/places.yaml (unless None) and name `named` on the first claim of closure.yaml."""
    if places is not None:
        (root / PLACES).write_text(places, encoding="utf-8")
    if named:
        claim = root / CLAIM
        text = claim.read_text(encoding="utf-8")
        claim.write_text(text.replace("    status: confirmed", f"    places: [{', '.join(named)}]\n    status: confirmed", 1),
                         encoding="utf-8")


def _link(root: Path, name: str, target: str, text: str | None) -> None:
    """Make `name` a symbolic link to `target` (relative to the link), first writing `text` there if given."""
    link = root / name
    if text is not None:
        (link.parent / target).write_text(text, encoding="utf-8")
    if link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to(target)


def _replace(path: Path, make: Callable[[Path], object]) -> None:
    if path.is_dir():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    else:
        path.unlink()
    make(path)


def _failing_read(monkeypatch: Any, path: Path, code: int) -> None:
    """Opening `path` fails with `code`, as for a mode-000 file (tests run as root, who may read it) or a bad disk."""
    import factsheet.read.files as files

    real_open, target = os.open, os.path.realpath(path)

    def failing_open(name: Any, *args: Any, **kwargs: Any) -> int:
        if os.path.realpath(name) == target:
            raise OSError(code, os.strerror(code), str(name)) if code != errno.EACCES else PermissionError(code, os.strerror(code), str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", failing_open)


def _seed_escape(root: Path) -> None:
    seed = root / "seeds/gazette.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("could take up to three months", "could take up to \x1b[2Jthree months"),
                    encoding="utf-8")
