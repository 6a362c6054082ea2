"""The loader's batched writes keep the rows one INSERT/UPDATE per fact gave: references stay
with their own case appearance, the first title names an application, and a merged case
column nothing ever set stays SQL NULL (not the JSON `null`)."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select, text

from vedtak.models import Application, CaseAppearance, CaseReference, Document
from vedtak.store.loader import load_record


@pytest.mark.parametrize("loaded_before", [[], ["minutes"], ["minutes", "other"]])
def test_references_stay_with_their_appearance(engine, book, minutes, loaded_before):
    """Also when other documents' case appearances are in the store before the book's (their ids
    come first, and the book's appearance ids are read back by document and position)."""
    earlier = {"minutes": minutes, "other": _other_copy(minutes)}
    for name in loaded_before:
        load_record(engine, earlier[name])
    load_record(engine, book)
    with engine.connect() as conn:
        rows = conn.execute(
            select(CaseAppearance.seq, CaseReference.referenced_case_id)
            .join(CaseReference, CaseReference.appearance_id == CaseAppearance.id)
            .join(Document, Document.id == CaseAppearance.document_id)
            .where(Document.sha256 == book["document"]["sha256"])
            .order_by(CaseAppearance.seq, CaseReference.referenced_case_id)
        ).all()
        everywhere = conn.scalar(select(func.count()).select_from(CaseReference))
    assert [tuple(r) for r in rows] == [
        (0, "PS-HELSE 54/24"),  # Sak PS-HELSE 51/24 refers to 54/24 and 55/24
        (0, "PS-HELSE 55/24"),
        (1, "PS-HELSE 44/24"),  # Sak PS-HELSE 54/24 refers to 44/24
    ]
    assert everywhere == 3 + sum(len(c.get("references") or []) for name in loaded_before
                                 for c in earlier[name]["cases"])


def _other_copy(record: dict) -> dict:
    """The same record as another content (another sha256, another source)."""
    other = copy.deepcopy(record)
    other["document"]["sha256"] = "f" * 64
    other["document"]["source"] = "other.pdf"
    return other


@pytest.mark.parametrize(
    ("later_titles", "expected"),
    [
        ([], "Kunstig Intelligens for helse"),
        (["Kunstig intelligens i helsetjenesten"], "Kunstig Intelligens for helse"),
        ([None, "Maskinlæring for helse"], "Kunstig Intelligens for helse"),
    ],
)
def test_first_title_names_the_application(engine, book, later_titles, expected):
    record = copy.deepcopy(book)
    first = next(a for a in record["applications"] if a["application_id"] == "355340")
    for title in later_titles:
        record["applications"].append({**copy.deepcopy(first), "title": title})
    load_record(engine, record)
    with engine.connect() as conn:
        title = conn.scalar(select(Application.title).where(Application.application_id == "355340"))
    assert title == expected


def test_unset_merged_columns_are_sql_null(engine, book):
    load_record(engine, book)  # case papers only: proposals, no adopted decision yet
    with engine.connect() as conn:
        nulls = conn.execute(
            text("SELECT COUNT(*) FROM cases WHERE decision IS NULL AND decision_bbox IS NULL")
        ).scalar_one()
        total = conn.execute(text("SELECT COUNT(*) FROM cases")).scalar_one()
        boxed = conn.execute(text(
            "SELECT case_id FROM cases WHERE proposed_decision IS NOT NULL AND proposed_bbox IS NOT NULL ORDER BY case_id"
        )).scalars().all()
    assert nulls == total
    # PS-HELSE 54/24's header box has no bbox in the record: its merged proposal box stays SQL NULL.
    assert boxed == ["PS-HELSE 51/24", "PS-HELSE 55/24"]
