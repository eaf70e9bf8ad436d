"""`factsheet suggest`'s output: YAML to paste into the topic files, with comments saying where
and why, or JSON for other tools."""
from __future__ import annotations

import json
from typing import Any

import yaml

from .suggest import Suggestions

ITEM_INDENT = " " * 6
"""Evidence items sit at this depth in a topic file (`claims:` → `- id:` → `evidence:` → `- source:`)."""
CLAIM_INDENT = " " * 2


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as the content files have them; figures on one line each."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


class _OneLine(dict):  # type: ignore[type-arg]
    pass


_Indented.add_representer(_OneLine, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


def to_yaml(data: dict[str, object], indent: str) -> str:
    shaped = dict(data)
    if "figures" in shaped:
        shaped["figures"] = [_OneLine(f) for f in shaped["figures"]]  # type: ignore[union-attr]
    if "evidence" in shaped:
        shaped["evidence"] = [dict(e) for e in shaped["evidence"]]  # type: ignore[union-attr]
    text = yaml.dump([shaped], Dumper=_Indented, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return "".join(indent + line for line in text.splitlines(keepends=True))


def _where(suggested: Any) -> tuple[str, int]:
    location = suggested.topic.doc.locate(("claims", suggested.index, "evidence"), key=True)
    return location.path, location.line


def as_yaml(result: Suggestions) -> str:
    source = result.source
    out = [f"# factsheet suggest {source.id}: {result.passages} passages of seeds/{source.seed} read against the sheet's claims.",
           "# Nothing was written. Paste an item under its claim's `evidence:`; each passes `factsheet check` as it stands",
           "# (a status it would contradict is named). Check the stance and `via` against the article: they are proposals.",
           ""]
    if not result.claims:
        out.append("# No claim of the sheet matches a passage of this source.")
    for suggested in result.claims:
        path, line = _where(suggested)
        out.append(f"# == {suggested.claim.id} ({path}, evidence at line {line})")
        out.append(f"#    {suggested.claim.statement}")
        for n, item in enumerate(suggested.items, 1):
            notes = [f"score {item.score:.1f}"]
            if item.stated:
                notes.append("figures as written: " + ", ".join(f'"{s.written}"' for s in item.stated))
            out.append(f"# {n}. " + " · ".join(notes))
            for rule in item.rules:
                out.append(f"#    with this item, status '{suggested.claim.status.value}' breaks {rule}: change the status, "
                           "or add `status_reason:`")
            out.append(to_yaml(item.data(source.id), ITEM_INDENT).rstrip("\n"))
        out.append("")
    if result.candidates:
        out.append("# == Candidate claims: check-worthy passages that match no claim. Drafts: put the statement in the")
        out.append("#    sheet's words and choose its topic; each passes `factsheet check` under a topic's `claims:`.")
        for candidate in result.candidates:
            out.append(f"# {'; '.join(candidate.reasons)}")
            out.append(to_yaml(candidate.claim, CLAIM_INDENT).rstrip("\n"))
    return "\n".join(out) + "\n"


def as_json(result: Suggestions) -> str:
    data = {
        "source": result.source.id, "passages": result.passages,
        "claims": [{
            "claim": s.claim.id, "topic": s.topic.id, "file": _where(s)[0], "evidence_line": _where(s)[1],
            "statement": s.claim.statement,
            "items": [{"evidence": item.data(result.source.id), "score": round(item.score, 3),
                       "figures_as_written": [f.written for f in item.stated], "status_rules_broken": item.rules,
                       "seed_offsets": [item.passage.start, item.passage.end]} for item in s.items],
        } for s in result.claims],
        "candidates": [{"claim": c.claim, "reasons": c.reasons, "seed_offsets": [c.passage.start, c.passage.end]}
                       for c in result.candidates],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

