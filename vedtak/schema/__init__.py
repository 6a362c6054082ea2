"""The JSON Schema of the version 1 record, and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the record, shipped in the package."""
    return json.loads(resources.files("vedtak.schema").joinpath("record-v1.json").read_text(encoding="utf-8"))


def validate_record(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `record` fits version 1."""
    import jsonschema

    jsonschema.validate(record, record_schema(), format_checker=jsonschema.FormatChecker())
