"""Characters: every one the loader accepts reaches the feed and JSON-LD well-formed; every one it refuses is located."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from lxml import etree

import factsheet.read.yamlsafe as yamlsafe
from factsheet.publish.build import Project, render
from factsheet.read.yamlsafe import load_yaml_text
from tests.conftest import edit
from tests.test_hostile2_frontmatter import every_char_the_loader_accepts

NON_CHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(p + e) for p in range(0, 0x110000, 0x10000) for e in (0xFFFE, 0xFFFF)]
BIDI_CONTROLS = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]


def problems(text: str) -> list[str]:
    doc, found = load_yaml_text(text, "f.yaml")
    assert doc is None
    return [str(p) for p in found]


@pytest.mark.parametrize("char", NON_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in NON_CHARACTERS])
def test_each_non_character_is_refused_raw_and_escaped_at_its_place(char: str) -> None:
    name = f"U+{ord(char):04X}"
    assert problems(f"a: 1\nb: 2\nc: 3\nd: 4\ne: ab{char}\n") == [
        f"f.yaml:5:6: non-character {name} is not allowed (XML, so feed.xml, cannot carry it) (delete it)"]
    escape = f"\\U{ord(char):08X}"
    assert problems(f'a: 1\ne: "x{escape}"\n') == [
        f"f.yaml:2:4: non-character {name} is not allowed (XML, so feed.xml, cannot carry it) (remove the escape that produces it)"]


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=[f"U+{ord(c):04X}" for c in BIDI_CONTROLS])
def test_every_bidirectional_control_is_refused_alike(char: str) -> None:
    assert problems(f"title: pay{char}exe\n") == [
        f"f.yaml:1:11: control or bidirectional character U+{ord(char):04X} is not allowed (delete it; it can hide or reorder text)"]


def test_surrogate_escapes_say_what_to_write() -> None:
    assert problems('title: "Reactions \\ud83e\\ude96"\n') == [
        "f.yaml:1:19: `\\ud83e\\ude96` is a UTF-16 surrogate pair, which YAML does not read as one character "
        "(write \\U0001FA96 instead, or the character itself)"]
    assert problems('title: "\\U0000DC00"\n')[0].startswith("f.yaml:1:9: an escape of half a UTF-16 surrogate pair")


def test_a_character_only_the_yaml_reader_refuses_is_still_located(monkeypatch: pytest.MonkeyPatch) -> None:
    # Were our own check to miss one, libyaml's reader error is placed, not shown as 1:1 over two lines.
    monkeypatch.setattr(yamlsafe, "FORBIDDEN_CHARS", re.compile("(?!)"))
    found = problems("a: 1\nb: 2\nc: 3\nd: 4\ne: ab\ufffe\n")
    assert found == ["f.yaml:5:6: non-character U+FFFE is not allowed (XML, so feed.xml, cannot carry it) (delete it)"]


@pytest.fixture(scope="module")
def every_char_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The fixture sheet with every accepted character in statements, notes and titles, rendered with its open data."""
    import shutil

    from tests.conftest import FIXTURE

    root = tmp_path_factory.mktemp("chars") / "small"
    shutil.copytree(FIXTURE, root)
    chunks = every_char_the_loader_accepts()
    title = yaml.dump(chunks[0], default_style='"', allow_unicode=True, width=10**9).strip()
    per_file = 40  # claims a topic file, each with 20 chunks: under the 5 MB limit
    for f in range(0, len(chunks), 20 * per_file):
        lines = [f"title: {title}", "claims:"]
        for i in range(f, min(f + 20 * per_file, len(chunks)), 20):
            text = yaml.dump("".join(chunks[i:i + 20]), default_style='"', allow_unicode=True, width=10**9).strip()
            note = yaml.dump(chunks[i], default_style='"', allow_unicode=True, width=10**9).strip()
            lines += [f"  - id: chars-{i}", f"    statement: {text}", "    claimed_by: [council]", "    claimed_on: 2024-03-04",
                      "    status: unconfirmed", f"    status_note: {note}", "    history:", "      - date: 2024-03-04",
                      "        status: unconfirmed", f"        note: {note}", "    evidence:", "      - source: gazette",
                      "        stance: asserts", "        quote: Engineers told the Gazette the repairs could take up to three months.",
                      f"        note: {note}"]
        (root / f"content/topics/chars-{f:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit(root / "content/sheet.yaml", "title: Fixture sheet — the Old Bridge", f"title: {title}")
    return render(Project(root / "content", root / "seeds"))


def test_feed_is_well_formed_xml_with_every_character(every_char_pages: dict[str, str]) -> None:
    feed = etree.fromstring(every_char_pages["feed.xml"].encode("utf-8"))  # lxml refuses what XML cannot carry
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {e.text for e in feed.iter(f"{atom}title")}
    notes = {e.text for e in feed.iter(f"{atom}summary")}
    claims = [c for c in json.loads(every_char_pages["claims.json"])["claims"] if c["topic"].startswith("chars-")]
    assert len(claims) > 250
    for claim in claims:  # exactly, carriage returns too (written as &#13;, which a parser keeps)
        assert f"Unconfirmed: {claim['statement']}" in titles
        assert claim["history"][0]["note"] in notes


def test_json_ld_and_claims_json_parse_with_every_character(every_char_pages: dict[str, str]) -> None:
    bodies = [body for name, page in sorted(every_char_pages.items()) if name.startswith("topics/chars-")
              for body in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    assert bodies
    statements = [node["claimReviewed"] for body in bodies for node in json.loads(body)["@graph"] if node["@type"] == "ClaimReview"]
    data = json.loads(every_char_pages["claims.json"])
    assert statements == [c["statement"] for c in data["claims"] if c["topic"].startswith("chars-")]
    assert len(statements) > 250
