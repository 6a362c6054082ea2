"""Search over the samples/pdf store, on SQLite (FTS5 over lemmas) and PostgreSQL (tsvector + GIN)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from vedtak.models import Case
from vedtak.cli import app
from vedtak.access import Access
from vedtak.search.query import Filters, SearchError, search

SEED_APPLICATION = "355815"  # rejected en bloc in PS-HELSE 54/24 (minutes of 6/24, attached to book 1/25)
SEED_PERSON = "Ole A. Andreassen"  # inhabil in 54/24 and 55/24; Sameline Grimsgaard settestyreleder


def cli(*args: str) -> list[dict]:
    result = CliRunner().invoke(app, ["search", *args, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_application_mentions_name_case_outcome_stage_meeting_document_page(store_url):
    hits = cli("--application", SEED_APPLICATION, "--db", store_url)
    assert hits, "355815 is in the seed minutes of 6/24"
    for hit in hits:
        assert hit["kind"] == "mention" and hit["application_id"] == SEED_APPLICATION
        assert (hit["case_id"], hit["outcome"], hit["stage"]) == ("PS-HELSE 54/24", "rejected", "adopted")
        assert (hit["meeting"], hit["meeting_date"]) == ("6/24", "2024-12-02")
        assert re.fullmatch(r"[0-9a-f]{64}", hit["document"]["sha256"])
        assert hit["document"]["source"].startswith("samples/pdf/helse_1-25_seed_")
        assert isinstance(hit["page"], int) and hit["page"] >= 1
    # one mention per seed layout (three PDFs of the same book)
    assert len({h["document"]["sha256"] for h in hits}) == 3


def test_person_conflicts_with_acting_chair(store_url):
    result = CliRunner().invoke(app, ["search", "--person", SEED_PERSON, "--db", store_url, "--limit", "50"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if "inhabile" in ln]
    assert {re.search(r"PS-HELSE \d+/24", ln)[0] for ln in lines} == {"PS-HELSE 54/24", "PS-HELSE 55/24"}
    assert all("acting chair Sameline Grimsgaard" in ln for ln in lines)

    hits = cli("--person", SEED_PERSON, "--db", store_url, "--limit", "50")
    conflicts = [h for h in hits if h["kind"] == "conflict"]
    assert {h["case_id"] for h in conflicts} == {"PS-HELSE 54/24", "PS-HELSE 55/24"}
    assert all(h["role"] == "inhabile" and h["acting_chair"] == ["Sameline Grimsgaard"] for h in conflicts)
    assert all(h["meeting_date"] == "2024-12-02" and h["page"] and h["document"] for h in conflicts)
    roles = {h["role"] for h in hits if h["kind"] == "attendance"}
    assert "chair" in roles and "present" in roles


def test_person_part_of_name_and_case_filter(engine):
    hits = search(engine, None, Filters(person="andreassen", case="55/24"), limit=50).hits
    assert hits and {h["case_id"] for h in hits} == {"PS-HELSE 55/24"}
    assert all(h["kind"] == "conflict" for h in hits)


def _texts(engine, case_id: str) -> str:
    with engine.connect() as conn:
        row = conn.execute(select(Case.title, Case.proposed_decision, Case.decision).where(Case.case_id == case_id)).one()
    return " ".join(t or "" for t in row)


def test_inflected_word_finds_other_inflections(engine):
    result = search(engine, "avslått", limit=200)
    hits = result.hits
    assert hits and all(h["kind"] == "case" and h["matched"] for h in hits)
    only_avslas = [h for h in hits if "<mark>avslås</mark>" in (h["snippet"] or "")
                   and not re.search(r"(?i)\bavslått", _texts(engine, h["case_id"]))]
    assert only_avslas, "a decision saying only `avslås` must be found by `avslått`"
    for hit in hits:
        assert hit["meeting"] and hit["meeting_date"] and hit["document"]["sha256"] and hit["page"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ["avslås", "avslår", "AVSLÅTT"])
def test_every_inflection_finds_the_same_cases(engine, query):
    base = {h["case_id"] for h in search(engine, "avslått", limit=200).hits}
    assert {h["case_id"] for h in search(engine, query, limit=200).hits} == base


def test_free_text_with_filters(engine):
    all_hits = search(engine, "søknad", limit=200).hits
    helse = search(engine, "søknad", Filters(board="ps-helse"), limit=200).hits
    assert helse and {h["board_code"] for h in helse} == {"PS-HELSE"}
    assert len(helse) < len(all_hits)
    in_2024 = search(engine, "søknad", Filters(date_from=__import__("datetime").date(2024, 1, 1),
                                                date_to=__import__("datetime").date(2024, 12, 31)), limit=200).hits
    assert in_2024 and all(h["meeting_date"].startswith("2024") for h in in_2024)
    granted = search(engine, None, Filters(application=SEED_APPLICATION, outcome="granted")).hits
    assert granted == []
    adopted = search(engine, None, Filters(application=SEED_APPLICATION, stage="adopted")).hits
    assert adopted and all(h["stage"] == "adopted" for h in adopted)
    by_case = search(engine, "søknad", Filters(case="PS-HELSE 55/24")).hits
    assert [h["case_id"] for h in by_case] == ["PS-HELSE 55/24"]


def test_filters_only_list_cases_newest_first(engine):
    hits = search(engine, None, Filters(board="PS-KLIMA"), limit=200).hits
    dates = [h["meeting_date"] for h in hits]
    assert hits and dates == sorted(dates, reverse=True)


def _exempt_proposal_word(engine) -> tuple[str, str]:
    """A word that occurs only in the proposal of an exempt case (not in any public text)."""
    with engine.connect() as conn:
        rows = conn.execute(select(Case.case_id, Case.exempt, Case.title, Case.proposed_decision, Case.decision)).all()
    public = " ".join(" ".join(t or "" for t in (r.title, r.decision, None if r.exempt else r.proposed_decision))
                      for r in rows).casefold()
    for r in rows:
        if r.exempt and r.proposed_decision:
            for word in re.findall(r"[^\W\d_]{6,}", r.proposed_decision):
                if word.casefold() not in public:
                    return r.case_id, word
    pytest.fail("samples have no exempt proposal with a word of its own")


def test_exempt_proposal_text_is_not_searchable_in_public(engine):
    case_id, word = _exempt_proposal_word(engine)
    assert case_id not in {h["case_id"] for h in search(engine, word, access=Access.PUBLIC, limit=200).hits}
    full = search(engine, word, access=Access.FULL, limit=200).hits
    hit = next(h for h in full if h["case_id"] == case_id)
    assert "proposed_decision" in hit["matched"] and "<mark>" in hit["snippet"]


def test_exempt_proposed_mentions_hidden_in_public(engine):
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT a.application_id FROM application_mentions m JOIN applications a ON a.id = m.application_pk "
            "JOIN cases c ON c.id = m.case_pk WHERE c.exempt IS NOT NULL AND m.stage = 'proposed' "
            "AND NOT EXISTS (SELECT 1 FROM application_mentions m2 WHERE m2.application_pk = m.application_pk "
            "AND m2.stage = 'adopted') ORDER BY a.application_id LIMIT 1")).first()
    assert row, "samples have a proposed-only application in an exempt case"
    assert search(engine, None, Filters(application=row[0]), access=Access.PUBLIC).hits == []
    assert search(engine, None, Filters(application=row[0]), access=Access.FULL).hits


HOSTILE = ["' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE cases; --", '"', "*", "NEAR(a b)", "a OR b", "{title}: x",
           "x" * 5000, "ø" * 300, "😀", "-", "^", ":"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_is_harmless(engine, value):
    with engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(Case))
    try:
        search(engine, value, limit=5)
    except SearchError:
        pass
    for name in ("application", "person", "case", "board"):
        try:
            result = search(engine, None, Filters(**{name: value}), limit=5)
        except SearchError:
            continue
        if name in ("application", "case", "board"):
            assert result.hits == [], f"{name}={value!r} matched something"
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Case)) == before


@pytest.mark.parametrize(("filters", "message"), [
    (Filters(outcome="approved"), "--outcome"),
    (Filters(stage="final"), "--stage"),
    (Filters(person="a\x00b"), "NUL"),
    (Filters(date_from=__import__("datetime").date(2025, 1, 2), date_to=__import__("datetime").date(2025, 1, 1)), "after"),
])
def test_bad_filters_are_named(engine, filters, message):
    with pytest.raises(SearchError, match=message):
        search(engine, None, filters)


def test_pagination(engine):
    first = search(engine, "søknad", limit=3)
    second = search(engine, "søknad", limit=3, offset=first.next_offset)
    assert first.next_offset == 3 and len(first.hits) == 3
    assert not {h["case_id"] for h in first.hits} & {h["case_id"] for h in second.hits}
