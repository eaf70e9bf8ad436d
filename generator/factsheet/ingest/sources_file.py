"""One source entry added to content/sources.yaml by a round trip (ruamel.yaml) that keeps the
file's comments, schema line, key order, quoting and blank lines as they were."""
from __future__ import annotations

import re
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..errors import FactsheetError


class SourcesFileError(FactsheetError):
    pass


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def with_source(text: str, entry: dict[str, Any], shown: str) -> str:
    """The file's text with `entry` appended to its `sources:` list, all else as it was."""
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise SourcesFileError(f"{where}: cannot be read as YAML to add a source ({getattr(exc, 'problem', exc)}); "
                               "run `factsheet check` and fix it first") from None
    if not isinstance(data, CommentedMap) or not isinstance(data.get("sources"), CommentedSeq):
        raise SourcesFileError(f"{shown}: has no `sources:` list to add to; see the README for its shape")
    data["sources"].append(CommentedMap(entry))
    out = StringIO()
    yaml.dump(data, out)
    dumped = out.getvalue()
    if re.search(r"\n[ \t]*\n(?:[ \t]*#.*\n)*[ \t]*- id:", text):  # entries apart by a blank line: so is the new one
        head, sep, tail = dumped.rpartition(f"- id: {entry['id']}\n")
        line_start = head.rfind("\n") + 1
        dumped = head[:line_start] + "\n" + head[line_start:] + sep + tail
    return dumped
