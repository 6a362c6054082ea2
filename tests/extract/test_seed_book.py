"""The seed meeting book (Porteføljestyret for helse, 1/25, with the minutes of 6/24 inside),
checked by hand against the real text, in every layout the samples render it in."""

from __future__ import annotations

import pytest

from vedtak.schema import validate_record as validate

CASES_1_25 = [f"PS-HELSE {n}/25" for n in range(1, 8)]
CASES_6_24 = [f"PS-HELSE {n}/24" for n in range(49, 59)]


def by_id(record: dict) -> dict:
    return {c["case_id"]: c for c in record["cases"]}


def test_validates_against_schema(seed_book):
    validate(seed_book)
    assert seed_book["document"]["kind"] == "case_papers"
    assert seed_book["document"]["board_code"] == "PS-HELSE"


def test_all_17_cases_with_a_section(seed_book):
    ids = [c["case_id"] for c in seed_book["cases"]]
    assert sorted(i for i in ids if i) == sorted(CASES_1_25 + CASES_6_24)
    assert ids.count(None) == 1  # the last case paper, whose header box is missing


@pytest.mark.parametrize(
    "case_id, title, case_type",
    [
        ("PS-HELSE 1/25", "Godkjenning av sakslisten", "decision"),
        ("PS-HELSE 2/25", "Godkjent møteprotokoll porteføljestyremøte 6/24", "information"),
        ("PS-HELSE 3/25", "Spørsmål om habilitet", "decision"),
        ("PS-HELSE 4/25", "Orienteringer", None),
        ("PS-HELSE 5/25", "Bærekraftige kommunale helse- og omsorgstjenester, utlysninger for 2025-2027 og prosedyre for 2025", "decision"),
        ("PS-HELSE 6/25", "Prosedyre for søknadsbehandling av søknader til Pilot Helse", "decision"),
        ("PS-HELSE 7/25", "Innovasjonsprosjekt i offentlig sektor 2023, behandling etter klage på avvisning.", "decision"),
        ("PS-HELSE 54/24", "Bevilgning av forprosjekter til Pilot Helse [U.off. § 14]", None),
        ("PS-HELSE 55/24", "Bevilgning av søknader til utlysningen om bærekraft i de kommunale helse- og omsorgstjenestene [U.off. § 14]", None),
        ("PS-HELSE 57/24", "Eventuelt", None),
    ],
)
def test_titles_and_types(seed_book, case_id, title, case_type):
    case = by_id(seed_book)[case_id]
    assert case["title"] == title
    if case_type is not None or case_id.endswith("/24"):
        assert case["case_type"] == case_type


def test_meetings(seed_book):
    meetings = {m["number"]: m for m in seed_book["meetings"]}
    book, minutes = meetings["1/25"], meetings["6/24"]
    assert (book["date"], book["time"], book["source_kind"]) == ("2025-03-05", "10:00–16:00", "meeting_book")
    assert book["place"] == "Norges forskningsråd, Møterom Hassel 2"
    assert minutes["date"] == "2024-12-02"
    assert minutes["place"] == "Forskningsrådet, møterom Frisch 1 og 2"
    assert minutes["chair"] == "Ole A. Andreassen"
    assert len(minutes["present"]) == 14 and "Oddrun Samdal" in minutes["present"]
    assert minutes["absent"] == ["Bettina Husebø"]
    assert minutes["observers"] == ["Marianne van der Wel", "Sissel Lorck"]
    assert "Anne Kjersti Fahlvik" in minutes["staff"] and "Anne Kjersti Fahlvik" not in minutes["present"]
    assert minutes["substitutes"] == [{"person": "Oddrun Samdal", "case_ids": ["PS-HELSE 55/24"]}]


def test_proposals_and_decisions(seed_book):
    cases = by_id(seed_book)
    for cid in CASES_1_25:
        assert cases[cid]["proposed_decision"], cid
        assert cases[cid]["decision"] is None
    for cid in CASES_6_24:
        if cid != "PS-HELSE 57/24":
            assert cases[cid]["decision"], cid
        assert cases[cid]["proposed_decision"] is None
    assert cases["PS-HELSE 1/25"]["proposed_decision"] == "Porteføljestyret for helse godkjenner innkalling og saksliste."
    assert cases["PS-HELSE 49/24"]["decision"] == "Porteføljestyret godkjenner sakslisten."
    assert cases["PS-HELSE 54/24"]["exempt"] == "U.off. § 14"
    assert cases["PS-HELSE 1/25"]["exempt"] is None


def test_references(seed_book):
    cases = by_id(seed_book)
    assert {"PS-HELSE 44/24", "PS-HELSE 45/24"} <= set(cases["PS-HELSE 5/25"]["references"])
    assert "PS-HELSE 23/24" in cases["PS-HELSE 6/25"]["references"]
    assert "PS-HELSE 30/23" in cases["PS-HELSE 7/25"]["references"]
    assert {"PS-HELSE 54/24", "PS-HELSE 55/24"} <= set(cases["PS-HELSE 51/24"]["references"])


def test_applications_of_54_24(seed_book):
    apps = [a for a in seed_book["applications"] if a["case_id"] == "PS-HELSE 54/24"]
    assert len(apps) == 28 + 9 + 15 + 12
    assert all(a["stage"] == "adopted" for a in apps)
    outcome = {a["application_id"]: a["outcome"] for a in apps}
    assert outcome["355815"] == outcome["356105"] == outcome["355835"] == outcome["355702"] == "rejected"
    assert outcome["355683"] == outcome["356070"] == "granted"
    assert sum(1 for a in apps if a["outcome"] == "granted") == 24
    # the stated counts (28, ni, 15) match the ids listed: no count finding
    assert not [f for f in seed_book["findings"] if f["code"] == "count_mismatch"]


def test_applications_of_55_24(seed_book):
    apps = [(a["application_id"], a["outcome"]) for a in seed_book["applications"] if a["case_id"] == "PS-HELSE 55/24"]
    assert ("355421", "granted") in apps and ("355170", "reserve") in apps
    assert apps.count(("355204", "rejected")) == 2
    assert ("355340", "reserve") in apps and ("355340", "rejected") in apps
    ranks = {a["application_id"]: a["rank"] for a in seed_book["applications"] if a["outcome"] == "reserve" and a["rank"]}
    assert ranks == {"355340": 1, "355272": 2}
    assert len(apps) == 4 + 3 + 2 + 3 + 2 + 18
    finding = [f for f in seed_book["findings"] if f["code"] == "conflicting_outcomes"]
    assert [(f["case_id"], f["application_id"]) for f in finding] == [("PS-HELSE 55/24", "355340")]


def test_proposed_application_of_7_25(seed_book):
    apps = [a for a in seed_book["applications"] if a["case_id"] == "PS-HELSE 7/25"]
    assert [(a["application_id"], a["outcome"], a["stage"]) for a in apps] == [("349497", "rejected", "proposed")]


def test_budget_cuts(seed_book):
    cuts = {(b["application_id"], b["amount_nok"]) for b in seed_book["budget_cuts"]}
    assert cuts == {("355421", 1_000_000), ("355276", 180_000), ("355194", 180_000), ("355284", 180_000)}


def test_conflicts(seed_book):
    got = {(c["case_id"], c["person"], c["role"], c["scope"]) for c in seed_book["conflicts"]}
    inhabile_54 = {"Ole A. Andreassen", "Annica Øygard", "Frode Strisland", "Tove Klæboe Nilsen"}
    expected = {("PS-HELSE 54/24", p, "inhabile", None) for p in inhabile_54}
    expected |= {("PS-HELSE 54/24", p, "inhabile", "gruppe 3") for p in ("Eirik Abildsnes", "Tone Frost Bathen")}
    expected |= {("PS-HELSE 54/24", "Sameline Grimsgaard", "acting_chair", None)}
    inhabile_55 = inhabile_54 | {"Eirik Abildsnes", "Marte Kvittum Tangen", "Tone Frost Bathen"}
    expected |= {("PS-HELSE 55/24", p, "inhabile", None) for p in inhabile_55}
    expected |= {("PS-HELSE 55/24", "Sameline Grimsgaard", "acting_chair", None),
                 ("PS-HELSE 55/24", "Oddrun Samdal", "substitute", None)}
    assert got == expected
    assert all(c["recorded_in"] == "PS-HELSE 51/24" and c["stage"] == "adopted" for c in seed_book["conflicts"])
    declared = {(d["recorded_in"], d["scope"], d["stage"]) for d in seed_book["conflict_declarations"]}
    assert declared == {("PS-HELSE 51/24", "other_cases", "adopted"), ("PS-HELSE 3/25", "all_cases", "proposed")}


def test_headerless_case_paper_is_not_glued_onto_7_25(seed_book):
    last = [c for c in seed_book["cases"] if c["case_id"] is None][0]
    assert last["proposed_decision"].startswith("Administrasjonen tar med porteføljestyrets innspill")
    assert "Horisont Europa" not in (by_id(seed_book)["PS-HELSE 7/25"]["proposed_decision"] or "")
    assert any(f["code"] == "missing_case_header" for f in seed_book["findings"])


def test_every_record_has_provenance(seed_book):
    for kind in ("meetings", "cases", "conflicts", "applications", "budget_cuts", "findings"):
        for rec in seed_book[kind]:
            assert rec["provenance"]["page"] >= 1, (kind, rec)
            assert rec["provenance"]["bbox"] is not None, (kind, rec)
