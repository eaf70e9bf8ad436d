"""The YAML reader: every hostile or broken input gives one located message, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.read.yamlsafe import MAX_FILE_BYTES, load_yaml_file, load_yaml_text


def problems(text: str) -> list[str]:
    doc, found = load_yaml_text(text, "f.yaml")
    assert doc is None
    return [str(p) for p in found]


def test_values_stay_text_and_keep_their_place() -> None:
    doc, found = load_yaml_text("status: NO\nversion: 1.10\ntime: 12:30\nn: 012\nempty:\nq: ''\nlist:\n  - on\n", "f.yaml")
    assert found == []
    assert doc is not None
    assert doc.data == {"status": "NO", "version": "1.10", "time": "12:30", "n": "012", "empty": None, "q": "", "list": ["on"]}
    assert str(doc.locate(("list", 0))) == "f.yaml:8:5"
    assert str(doc.locate(("time",), key=True)) == "f.yaml:3:1"
    assert str(doc.locate(("list", 5, "x"))) == "f.yaml:8:3"  # nearest existing ancestor


@pytest.mark.parametrize(("text", "expected"), [
    ('!!python/object/apply:os.system ["touch /tmp/x"]\n',
     "f.yaml:1:1: YAML tags such as !!python/object/apply:os.system are not allowed (remove the tag; write plain text (quote it if needed))"),
    ("title: !!python/name:os.system\n",
     "f.yaml:1:8: YAML tags such as !!python/name:os.system are not allowed (remove the tag; write plain text (quote it if needed))"),
    ("a: &x [1]\nb: *x\n", "f.yaml:1:4: anchors and aliases (& and *) are not allowed (write the value out in full)"),
    ("id: a\ntext: one\ntext: two\n", "f.yaml:3:1: duplicate key 'text' (first at line 2) (keep one of the two)"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a second YAML document (`---`) in one file (keep one document a file; split the rest into another file)"),
    ("", "f.yaml:1:1: the file is empty (a content file holds one mapping of fields)"),
    ("# just a comment\n", "f.yaml:1:1: the file is empty (a content file holds one mapping of fields)"),
    ("- x\n", "f.yaml:1:1: expected a mapping of fields at the top of the file, found a list (start the file with `field: value` lines)"),
    ("a:\n\tb: 1\n", "f.yaml:2:1: a tab is not allowed here (YAML indents with spaces) (replace the tab with spaces)"),
    ('text: "x\\0y"\n', "f.yaml:1:7: control or bidirectional character U+0000 is not allowed (remove the escape that produces it)"),
    ("text: pay\u202eexe.txt\n", "f.yaml:1:10: control or bidirectional character U+202E is not allowed (delete it; it can hide or reorder text)"),
    ("a: [1, 2\nb: 3\n",
     "f.yaml:2:2: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence (check the indentation and quoting on this line or the one above)"),
    ("? [a]\n: 1\n", "f.yaml:1:3: a key must be plain text, found a list or mapping (write `name: value`)"),
])
def test_refused_inputs(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_alias_bomb_is_refused_at_once() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    assert problems("\n".join(lines) + "\n") == ["f.yaml:1:5: anchors and aliases (& and *) are not allowed (write the value out in full)"]


def test_deep_flow_nesting_is_refused_before_it_is_built() -> None:
    text = "text: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert problems(text) == ["f.yaml:1:38: nesting deeper than 32 levels (content records are shallow; check the brackets and dashes)"]


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * i + "-\n" for i in range(1100))
    assert problems(text) == ["f.yaml:33:65: nesting deeper than 32 levels (content records are shallow; check the brackets and dashes)"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (12 * 1024 * 1024) + b"\n")
    doc, found = load_yaml_file(big, "big.yaml")
    assert doc is None
    assert [str(p) for p in found] == ["big.yaml:1:1: file is 12.0 MB; the limit is 5 MB a file (split it into several topic files)"]
    assert MAX_FILE_BYTES == 5 * 1024 * 1024


def test_non_utf8_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    doc, found = load_yaml_file(bad, "bad.yaml")
    assert [str(p) for p in found] == ["bad.yaml:2:13: the file is not UTF-8 text (save it as UTF-8)"]
