"""Loader: record JSON -> rows, idempotence, history, book + minutes merge; SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    BudgetCut,
    Case,
    CaseAppearance,
    Conflict,
    ConflictDeclaration,
    Document,
    DocumentVersion,
    Finding,
    Meeting,
    Person,
    normalise_name,
)
from vedtak.store.loader import LoadStatus, load_record
from vedtak.access import Access
from vedtak.store.queries import case_history, differing_cases, stats

SCHEMA = json.loads((Path(__file__).parents[2] / "vedtak" / "schema" / "record-v1.json").read_text())


@pytest.mark.parametrize("name", ["book_6_24.json", "minutes_6_24.json", "other.json"])
def test_fixtures_are_valid_records(name):
    from store_support import load_fixture

    jsonschema.validate(load_fixture(name), SCHEMA)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Ole A.  Andreassen", "ole a. andreassen"),
        ("OLE A. ANDREASSEN", "ole a. andreassen"),
        ("Tove\u00a0Klæboe Nilsen", "tove klæboe nilsen"),
        ("A\u030ase Bjørk-Skaflestad", "åse bjørk-skaflestad"),
        (" Marianne van der Wel ", "marianne van der wel"),
    ],
)
def test_normalise_name(written, key):
    assert normalise_name(written) == key


def test_book_maps_to_rows(engine, book):
    result = load_record(engine, book)
    assert result.status is LoadStatus.NEW and result.version == 1
    with Session(engine) as s:
        doc = s.scalars(select(Document)).one()
        assert (doc.sha256, doc.kind, doc.pages, doc.board_code, doc.extractor_version) == (
            book["document"]["sha256"], "case_papers", 12, "PS-HELSE", "0.1.0")
        meeting = s.scalars(select(Meeting)).one()
        assert (meeting.board_code, meeting.number, meeting.date.isoformat(), meeting.time, meeting.place) == (
            "PS-HELSE", "6/24", "2024-12-02", "10:00–16:00", "Forskningsrådet, møterom Frisch 1 og 2")
        case = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 54/24")).one()
        assert case.meeting_id == meeting.id
        assert case.title == "Bevilgning av forprosjekter til Pilot Helse [U.off. § 14]"
        assert case.exempt == "U.off. § 14" and case.case_type == "decision"
        assert case.proposed_decision.startswith("Porteføljestyret vedtar") and case.decision is None
        assert (case.proposed_document_id, case.proposed_page) == (doc.id, 4)
        assert case.decision_differs is None
        c51 = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 51/24")).one()
        assert (c51.proposed_page, c51.proposed_bbox) == (2, [200, 320, 550, 380])  # proposed_provenance wins
        app = s.scalars(select(CaseAppearance).where(CaseAppearance.case_pk == c51.id)).one()
        assert [r.referenced_case_id for r in app.references] == ["PS-HELSE 54/24", "PS-HELSE 55/24"]
        assert app.case_officers == ["Kari Nordmann"] and app.from_ == "Områdedirektør Anne Kjersti Fahlvik"
        conflict = s.scalars(select(Conflict)).one()
        assert (conflict.case.case_id, conflict.person.name, conflict.role, conflict.recorded_in, conflict.stage) == (
            "PS-HELSE 54/24", "Eirik Abildsnes", "inhabile", "PS-HELSE 51/24", "proposed")
        decl = s.scalars(select(ConflictDeclaration)).one()
        assert (decl.scope, decl.stage) == ("other_cases", "proposed")
        mentions = s.scalars(select(ApplicationMention).order_by(ApplicationMention.seq)).all()
        assert [(m.application.application_id, m.outcome, m.stage) for m in mentions][:4] == [
            ("355815", "granted", "proposed"), ("355816", "granted", "proposed"),
            ("355817", "granted", "proposed"), ("355340", "reserve", "proposed")]
        assert mentions[0].bbox == [60, 100, 500, 120] and mentions[0].extractor == "applications.listed_ids"
        assert s.scalar(select(Application.title).where(Application.application_id == "355340")) == (
            "Kunstig Intelligens for helse")
        cut = s.scalars(select(BudgetCut)).one()
        assert (cut.application.application_id, cut.amount_nok, cut.stage) == ("355421", 1_000_000, "proposed")
        assert s.scalars(select(Finding.code)).all() == ["count_mismatch"]
        assert s.scalars(select(Attendance)).all() == []  # a book's notice has no attendance


def test_minutes_attendance_and_people(engine, minutes):
    load_record(engine, minutes)
    with Session(engine) as s:
        rows = s.execute(select(Person.name, Attendance.role).join(Attendance.person).order_by(Attendance.id)).all()
        assert ("Ole A. Andreassen", "chair") in rows and ("Ole A. Andreassen", "present") in rows
        assert ("Bettina Husebø", "absent") in rows and ("Marianne van der Wel", "observer") in rows
        assert ("Anne Kjersti Fahlvik", "staff") in rows
        assert ("Siri Bjørk-Skaflestad", "substitute") in rows
        sub = s.scalars(select(Attendance).where(Attendance.role == "substitute")).one()
        assert sub.case_ids == ["PS-HELSE 55/24"]
        # "Tove  Klæboe Nilsen" (two spaces) in conflicts is the same person as in attendance
        assert s.scalar(select(Person.id).where(Person.name_key == "tove klæboe nilsen")) is not None
        assert len(s.scalars(select(Person)).all()) == 7
        meeting = s.scalars(select(Meeting)).one()
        assert meeting.chair.name == "Ole A. Andreassen"
        # the same application rejected twice: two mentions
        assert len(s.scalars(select(ApplicationMention).join(ApplicationMention.application)
                             .where(Application.application_id == "355817")).all()) == 2


def test_same_file_twice_is_unchanged(engine, book):
    first = load_record(engine, book)
    before = stats(engine)
    again = load_record(engine, copy.deepcopy(book))
    assert again.status is LoadStatus.UNCHANGED and again.document_id == first.document_id
    assert stats(engine) == before


@pytest.mark.parametrize("order", ["book_first", "minutes_first"])
def test_book_and_minutes_merge_on_one_case_row(engine, book, minutes, order):
    for record in ([book, minutes] if order == "book_first" else [minutes, book]):
        load_record(engine, record)
    with Session(engine) as s:
        docs = {d.kind: d.id for d in s.scalars(select(Document))}
        cases = {c.case_id: c for c in s.scalars(select(Case))}
        assert len(s.scalars(select(Meeting)).all()) == 1
        c54 = cases["PS-HELSE 54/24"]
        assert c54.proposed_decision.startswith("Porteføljestyret vedtar at følgende søknader tildeles støtte: 355815, 355816 og 355817")
        assert c54.decision.endswith("Søknad 355817 avslås.")
        assert (c54.proposed_document_id, c54.proposed_page) == (docs["case_papers"], 4)
        assert (c54.decision_document_id, c54.decision_page, c54.decision_bbox) == (docs["minutes"], 3, [40, 60, 550, 300])
        assert c54.decision_differs is True
        # 51/24: same text but for a double space -> not a difference
        assert cases["PS-HELSE 51/24"].decision_differs is False
        assert cases["PS-HELSE 51/24"].decision_bbox == [40, 440, 550, 500]
        assert cases["PS-HELSE 55/24"].decision_differs is None  # no minutes for it
        meeting = s.scalars(select(Meeting)).one()
        assert meeting.chair.name == "Ole A. Andreassen"
    diffs = differing_cases(engine, Access.FULL)
    assert [d.case_id for d in diffs] == ["PS-HELSE 54/24"]
    assert diffs[0].proposed_source.endswith("saksdokumenter.pdf") and diffs[0].decision_source.endswith("protokoll.pdf")


def _changed(record: dict, label: str) -> dict:
    new = copy.deepcopy(record)
    new["document"]["sha256"] = hashlib.sha256(label.encode()).hexdigest()
    return new


def test_changed_file_replaces_current_records_and_keeps_history(engine, book):
    load_record(engine, book)
    v2 = _changed(book, "book-6-24 v2")
    v2["cases"] = [c for c in v2["cases"] if c["case_id"] != "PS-HELSE 55/24"]
    v2["cases"][1]["proposed_decision"] = "Søknadene 355815 og 355816 tildeles støtte."
    v2["applications"] = v2["applications"][:2]
    v2["budget_cuts"] = []
    result = load_record(engine, v2)
    assert result.status is LoadStatus.UPDATED and result.version == 2
    with Session(engine) as s:
        versions = s.scalars(select(DocumentVersion).order_by(DocumentVersion.version)).all()
        assert [(v.version, v.valid_to is None) for v in versions] == [(1, False), (2, True)]
        assert [d.is_current for d in s.scalars(select(Document).order_by(Document.id))] == [False, True]
        c54 = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 54/24")).one()
        assert c54.proposed_decision == "Søknadene 355815 og 355816 tildeles støtte."
        c55 = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 55/24")).one()
        assert c55.proposed_decision is None and c55.title is None  # only the superseded version had it
    counts = stats(engine)
    assert counts["application_mentions"] == 2 and counts["history"]["application_mentions"] == 6
    assert counts["budget_cuts"] == 0 and counts["history"]["budget_cuts"] == 1
    assert counts["documents"] == 2 and counts["current_documents"] == 1
    history = case_history(engine, "PS-HELSE 54/24")
    assert [(h["version"], h["current"]) for h in history] == [(1, False), (2, True)]
    assert history[0]["proposed_decision"].startswith("Porteføljestyret vedtar")
    assert history[0]["valid_to"] is not None and history[1]["valid_to"] is None


def test_other_document_has_no_records(engine):
    from store_support import load_fixture

    load_record(engine, load_fixture("other.json"))
    counts = stats(engine)
    assert counts["documents"] == 1
    assert all(counts[k] == 0 for k in ("meetings", "cases", "conflicts", "application_mentions", "findings"))


def test_source_back_to_an_earlier_content_makes_it_current_again(engine, book):
    load_record(engine, book)
    v2 = _changed(book, "book-6-24 v2")
    v2["cases"][1]["proposed_decision"] = "Søknadene 355815 og 355816 tildeles støtte."
    load_record(engine, v2)
    back = load_record(engine, copy.deepcopy(book))
    assert back.status is LoadStatus.UPDATED and back.version == 3
    with Session(engine) as s:
        versions = s.execute(select(DocumentVersion.version, Document.sha256, DocumentVersion.valid_to.is_(None))
                             .join(DocumentVersion.document).order_by(DocumentVersion.version)).all()
        assert versions == [(1, book["document"]["sha256"], False), (2, v2["document"]["sha256"], False),
                            (3, book["document"]["sha256"], True)]
        c54 = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 54/24")).one()
        assert c54.proposed_decision.startswith("Porteføljestyret vedtar")
    assert load_record(engine, copy.deepcopy(book)).status is LoadStatus.UNCHANGED


def test_unchanged_is_by_source_not_by_content(engine, book):
    from vedtak.store.loader import unchanged

    src, sha1 = book["document"]["source"], book["document"]["sha256"]
    load_record(engine, book)
    v2 = _changed(book, "book-6-24 v2")
    sha2 = v2["document"]["sha256"]
    assert unchanged(engine, [(src, sha1), (src, sha2)]) == {(src, sha1)}
    load_record(engine, v2)
    # the source is now at v2: v1's content coming back is a change, not "unchanged"; and a known
    # content under a source never seen (a copy) is that source's first version, not "unchanged"
    assert unchanged(engine, [(src, sha1), (src, sha2), ("annen/kilde.pdf", sha1)]) == {(src, sha2)}


def test_case_paper_without_header_is_kept_apart(engine, book):
    headless = copy.deepcopy(book)
    headless["document"]["sha256"] = hashlib.sha256(b"headless").hexdigest()
    headless["document"]["source"] = "samples/pdf/uten-topptekst.pdf"
    headless["cases"].append({
        "case_id": None, "meeting": "6/24", "title": None, "case_type": None,
        "proposed_decision": "Søknad 355999 avslås.", "decision": None, "exempt": None, "references": [],
        "provenance": {"page": 9, "bbox": None}})
    headless["findings"].append({"code": "missing_case_header", "message": "p. 9: case paper without header box",
                                 "provenance": {"page": 9, "bbox": None}})
    load_record(engine, headless)
    with Session(engine) as s:
        orphan = s.scalars(select(CaseAppearance).where(CaseAppearance.case_pk.is_(None))).one()
        assert (orphan.proposed_decision, orphan.page, orphan.meeting_number) == ("Søknad 355999 avslås.", 9, "6/24")
        assert orphan.meeting_id is not None
        assert len(s.scalars(select(Case)).all()) == 3  # not glued onto 55/24 or any other case
        c55 = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 55/24")).one()
        assert c55.proposed_decision == "Søknadene 355421 og 355276 innvilges."
