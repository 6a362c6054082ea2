"""One vocabulary: the StrEnums of vedtak.nlp.vocab are what the JSON Schema, the ORM's CHECK
constraints, the lexicon, the records and the stage names all use. One test cross-checks them all."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import CheckConstraint

from models.store import Base
from vedtak.lexicon import CELL_OUTCOMES, COLUMN_WORDS, ROLE_WORDS
from vedtak.nlp.vocab import AttendanceRole, CaseType, ColumnMeaning, DocumentKind, FindingCode, Outcome, Role, Stage
from vedtak.schema import record_schema
from vedtak.stages import STAGES, stage_of

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _values(enum) -> set[str]:
    return {m.value for m in enum}


def _check_values(table: str, column: str) -> set[str]:
    """The values a table's CHECK constraint allows in a column (`role IN ('inhabile', ...)`)."""
    for c in Base.metadata.tables[table].constraints:
        if isinstance(c, CheckConstraint) and str(c.sqltext).startswith(f"{column} IN"):
            return {v.strip(" '") for v in str(c.sqltext).split("(", 1)[1].rstrip(")").split(",")}
    raise AssertionError(f"no CHECK constraint on {table}.{column}")


def test_one_vocabulary_everywhere():
    props = record_schema()["properties"]
    item = lambda name: props[name]["items"]["properties"]  # noqa: E731
    # JSON Schema
    assert set(props["document"]["properties"]["kind"]["enum"]) == _values(DocumentKind)
    assert set(item("cases")["case_type"]["enum"]) - {None} == _values(CaseType)
    assert set(item("conflicts")["role"]["enum"]) == _values(Role)
    assert set(item("applications")["outcome"]["enum"]) == _values(Outcome)
    for name in ("conflicts", "conflict_declarations", "applications", "budget_cuts"):
        assert set(item(name)["stage"]["enum"]) == _values(Stage), name
    # ORM constraints
    assert _check_values("documents", "kind") == _values(DocumentKind)
    assert _check_values("conflicts", "role") == _values(Role)
    assert _check_values("application_mentions", "outcome") == _values(Outcome)
    assert _check_values("application_mentions", "stage") == _values(Stage)
    assert _check_values("attendance", "role") == _values(AttendanceRole)
    # the lexicon covers every member it maps to, and maps to nothing else
    assert set(ROLE_WORDS) == set(AttendanceRole)
    assert set(COLUMN_WORDS) == set(ColumnMeaning)
    assert set(CELL_OUTCOMES.values()) == set(Outcome)
    # the records the samples give (golden files) use only these values and declared stage names
    for path in sorted(GOLDEN.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["document"]["kind"] in _values(DocumentKind)
        assert {c["role"] for c in record["conflicts"]} <= _values(Role), path.name
        assert {a["outcome"] for a in record["applications"]} <= _values(Outcome), path.name
        assert {x["stage"] for k in ("conflicts", "applications", "budget_cuts") for x in record[k]} <= _values(Stage)
        assert {f["code"] for f in record["findings"]} <= _values(FindingCode), path.name
        for kind in ("meetings", "cases", "conflicts", "applications", "budget_cuts", "findings", "conflict_declarations"):
            for x in record[kind]:
                stage_of(x["provenance"]["extractor"])  # raises for a name no stage declares
    assert [s.name for s in STAGES][:3] == ["document", "blocks", "segment"]
