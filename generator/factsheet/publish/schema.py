"""JSON Schemas of the content files, for editors' YAML autocompletion.

yaml-language-server understands draft-07 at most, so pydantic's output is moved
to draft-07 spelling (`definitions` rather than `$defs`).
"""
from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ..read.model import ActorList, PlaceList, Sheet, SourceList, Topic
from ..pages.opendata import ClaimsFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "sheet.schema.json": Sheet,
    "sources.schema.json": SourceList,
    "actors.schema.json": ActorList,
    "topic.schema.json": Topic,
    "places.schema.json": PlaceList,
    "claims-json.schema.json": ClaimsFile,
}


def draft7(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    out: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#"}
    out.update({k: v for k, v in schema.items() if k != "$defs"})
    if "$defs" in schema:
        out["definitions"] = schema["$defs"]
    return out


def schema_files() -> dict[str, str]:
    return {name: json.dumps(draft7(model), indent=2, ensure_ascii=False) + "\n" for name, model in SCHEMAS.items()}
