"""Board papers as other secretaries write them: labels, case numbers and boards the samples never used.

Each document is built from text (tests/support/linemaker.py), so each test shows the real strings."""

from __future__ import annotations

from linemaker import lines_from
from vedtak.document import Document, Page
from vedtak.extract import extract_document
from vedtak.schema import validate_record


def record_of(text: str, furniture: tuple[str, ...] = ()) -> dict:
    """The record of a one-page document holding `text`, with running headers `furniture`."""
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)), furniture=furniture)
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    return record


def cases_of(record: dict) -> dict[str, dict]:
    return {c["case_id"]: c for c in record["cases"]}


MINUTES_DEMOS = """Møteprotokoll
Porteføljestyret for demokrati og styring, møte 3/25

Dato 12.05.2025
Sted Lysaker

Til stede Kari Nordmann (leder)
Per Olsen

Sak PS-DEMOS 14/25 Tildeling av midler
Porteføljestyrets vedtak:
Søknadene 310151 og 310152 innvilges.

Sak PS-DEMOS 15/25 Godkjenning av sakslisten
Vedtak (enstemmig):
Porteføljestyret godkjenner sakslisten.
"""


def test_decision_labels_with_qualifier_and_possessive():
    record = record_of(MINUTES_DEMOS)
    cases = cases_of(record)
    assert cases["PS-DEMOS 14/25"]["decision"] == "Søknadene 310151 og 310152 innvilges."
    assert cases["PS-DEMOS 15/25"]["decision"] == "Porteføljestyret godkjenner sakslisten."
    assert [(a["application_id"], a["outcome"], a["stage"]) for a in record["applications"]] == [
        ("310151", "granted", "adopted"), ("310152", "granted", "adopted")]


def test_printed_board_code_wins_over_the_name():
    """`Porteføljestyret for demokrati ...` would derive `PS-DEMOKRATI`; the papers print `PS-DEMOS`."""
    record = record_of(MINUTES_DEMOS)
    assert record["document"]["board_code"] == "PS-DEMOS"
    assert record["meetings"][0]["board_code"] == "PS-DEMOS"


def test_code_first_heading_with_four_digit_year():
    record = record_of("""Møteprotokoll
Porteføljestyret for energi, transport og lavutslipp, møte 5/2024

PS-ENERGI sak 34/2024 Tildeling til grønn plattform
Vedtak:
Søknad 330112 avslås.
""")
    assert record["document"]["kind"] == "minutes"
    case = cases_of(record)["PS-ENERGI 34/24"]
    assert case["title"] == "Tildeling til grønn plattform"
    assert case["decision"] == "Søknad 330112 avslås."


def test_bare_case_numbers_take_the_board_from_the_running_header():
    """`Sak 17/25` everywhere; the board code only in the running header `PS-LIVSVIT · Møte 2/25`."""
    record = record_of("""Møteprotokoll
Møte 2/25
Til stede Kari Nordmann (leder)

Sak 17/25 Godkjenning av protokoll
Vedtak:
Protokollen godkjennes.

Sak 18/25 Tildelinger
Vedtak:
Søknad 340001 innvilges.
""", furniture=("PS-LIVSVIT · Møte 2/25",))
    assert record["document"]["kind"] == "minutes"
    assert sorted(cases_of(record)) == ["PS-LIVSVIT 17/25", "PS-LIVSVIT 18/25"]
    assert record["applications"][0]["case_id"] == "PS-LIVSVIT 18/25"


def test_a_board_vedtak_has_never_heard_of():
    record = record_of("""Møteprotokoll
Porteføljestyret for romforskning, møte 1/26

Sak 3/26 Godkjenning av sakslisten
Vedtak:
Sakslisten godkjennes.
""")
    assert list(cases_of(record)) == ["PS-ROMFORSKNING 3/26"]


def test_meeting_number_after_a_code_is_no_heading():
    """`1. Godkjent møteprotokoll fra møte` / `PS-HELSE 6/2024` in a list of attachments runs on."""
    record = record_of("""Møteprotokoll
Porteføljestyret for helse, møte 1/25

Sak PS-HELSE 2/25 Godkjent møteprotokoll
Vedtak:
Porteføljestyret tar godkjent møteprotokoll fra møte
PS-HELSE 6/2024
Til orientering.
""")
    assert list(cases_of(record)) == ["PS-HELSE 2/25"]


def codes(record: dict) -> list[str]:
    return [f["code"] for f in record["findings"]]


def test_conflicts_from_a_bullet_list_keep_their_ground():
    record = record_of("""Møteprotokoll
Porteføljestyret for livsvitenskap, møte 1/26

Sak PS-LIVSVIT 3/26 Spørsmål om habilitet
Porteføljestyrets vedtak:
Følgende medlemmer er inhabile og fratrer under behandlingen:
– Håkon Strøm, sak 5/26 (nær relasjon til søker)
– Trond van der Hagen, sak 5/26 (medsøker)
– Geir Holm-Berg, sak 6/26 (prosjektleder i søknaden) Siden porteføljestyreleder Håkon Strøm er inhabil i sak 5/26, er Nils Rønning oppnevnt som settestyreleder under behandling av saken.

Ingen medlemmer er inhabile for øvrige saker.
""")
    got = [(c["case_id"], c["person"], c["role"], c["ground"]) for c in record["conflicts"]]
    assert got == [("PS-LIVSVIT 5/26", "Håkon Strøm", "inhabile", "nær relasjon til søker"),
                   ("PS-LIVSVIT 5/26", "Trond van der Hagen", "inhabile", "medsøker"),
                   ("PS-LIVSVIT 6/26", "Geir Holm-Berg", "inhabile", "prosjektleder i søknaden"),
                   ("PS-LIVSVIT 5/26", "Nils Rønning", "acting_chair", None)]
    assert "habilitet_unresolved" not in codes(record)


def test_outcome_lists_with_dashes():
    record = record_of("""Møteprotokoll
Porteføljestyret for livsvitenskap, møte 1/26

Sak PS-LIVSVIT 5/26 Tildeling av midler
Vedtak:
Porteføljestyret vedtar følgende:
– Innvilges: 307071 og 308505
– Avslås: 310151, 310152 og 310160
""")
    got = [(a["application_id"], a["outcome"]) for a in record["applications"]]
    assert got == [("307071", "granted"), ("308505", "granted"), ("310151", "rejected"), ("310152", "rejected"),
                   ("310160", "rejected")]
    assert "unassigned_application_ids" not in codes(record)


def test_finding_no_cases_for_papers_without_readable_case_numbers():
    """`Sak 17/25` everywhere and no board anywhere: the cases cannot be numbered, and the record says so."""
    record = record_of("""Møteprotokoll
Møte 2/25
Til stede Kari Nordmann (leder)

Sak 17/25 Godkjenning av protokoll
Vedtak:
Protokollen godkjennes.
""")
    assert record["cases"] == []
    assert codes(record) == ["no_cases"]
    assert record["findings"][0]["provenance"]["extractor"] == "findings.no_cases"


def test_finding_minutes_case_without_decision():
    record = record_of("""Møteprotokoll
Porteføljestyret for helse, møte 6/24
Til stede Ole A. Andreassen (leder)

Sak PS-HELSE 56/24 Tildeling av midler
Saken ble utsatt til neste møte.

Sak PS-HELSE 57/24 Eventuelt
""")
    found = [(f["code"], f["case_id"]) for f in record["findings"]]
    assert found == [("minutes_case_without_decision", "PS-HELSE 56/24")]  # `Eventuelt` decides nothing


def test_finding_habilitet_case_read_as_nothing():
    record = record_of("""Møteprotokoll
Porteføljestyret for helse, møte 6/24
Til stede Ole A. Andreassen (leder)

Sak PS-HELSE 51/24 Spørsmål om habilitet
Vedtak:
Habilitet ble vurdert i tråd med retningslinjene, og styret sluttet seg til vurderingen.
""")
    [finding] = record["findings"]
    assert (finding["code"], finding["case_id"]) == ("habilitet_unresolved", "PS-HELSE 51/24")


def test_finding_ids_no_rule_gave_an_outcome():
    record = record_of("""Møteprotokoll
Porteføljestyret for helse, møte 6/24
Til stede Ole A. Andreassen (leder)

Sak PS-HELSE 55/24 Tildeling av midler
Vedtak:
Søknadene 355815 og 355929 ble drøftet, og styret ba om mer informasjon.
""")
    [finding] = record["findings"]
    assert (finding["code"], finding["case_id"], finding["application_id"]) == ("unassigned_application_ids", "PS-HELSE 55/24", "355815")
    assert "355929" in finding["message"]


def test_text_render_shows_findings_first():
    import io

    from rich.console import Console

    from vedtak.render import render_text

    record = record_of("""Møteprotokoll
Porteføljestyret for helse, møte 6/24
Til stede Ole A. Andreassen (leder)

Sak PS-HELSE 55/24 Tildeling av midler
Vedtak:
Søknadene 355815 og 355929 ble drøftet.
""")
    out = io.StringIO()
    render_text(record, Console(file=out, width=200))
    text = out.getvalue()
    assert "unassigned_application_ids" in text
    assert text.index("Findings") < text.index("Cases")


def test_every_provenance_names_a_declared_stage():
    import pytest

    from vedtak.stages import stage_of

    assert stage_of("conflicts.table.inhabile").module == "vedtak.extractors.conflicts"
    with pytest.raises(KeyError, match="stages are document, blocks"):
        stage_of("guesswork.somewhere")


def test_meeting_number_as_a_label():
    record = record_of("""Møteprotokoll
Porteføljestyret for livsvitskap
Møte: 3/25
Dato: 18. juni 2025
Til stades:
Randi Fjellheim (leiar)
Sverre Nakken

Sak PS-LIVSVIT 15/25 Godkjenning av innkalling og sakliste
Vedtak:
Innkalling og sakliste vart godkjende.
""")
    assert record["meetings"][0]["number"] == "3/25"
    assert record["cases"][0]["meeting"] == "3/25"


def test_findings_for_a_meeting_without_number_and_minutes_without_attendance():
    record = record_of("""Møteprotokoll
Porteføljestyret for helse
Dato: 02.12.2024

Sak PS-HELSE 54/24 Godkjenning av sakslisten
Vedtak:
Sakslisten godkjennes.
""")
    found = sorted((f["code"], f["provenance"]["extractor"]) for f in record["findings"])
    assert found == [("meeting_without_number", "findings.meeting_without_number"),
                     ("minutes_without_attendance", "findings.minutes_without_attendance")]


def test_finding_case_paper_without_proposal():
    record = record_of("""Sak PS-HELSE 05/25
Godkjenning av protokoll
Til Porteføljestyret for helse
BESLUTNINGSSAK

Forslag til vedtak

Kort bakgrunn Protokollen har vært på sirkulasjon.
""")
    codes_found = [(f["code"], f["case_id"]) for f in record["findings"]]
    assert ("case_paper_without_proposal", "PS-HELSE 5/25") in codes_found


def test_header_box_with_labelled_title_and_case_type():
    record = record_of("""Sak PS-DEMOS 08/25
Tittel Godkjenning av møteprotokoll fra møte 1/25
Til Porteføljestyret for demokrati, styring og fornyelse
Saksbehandler Ole Brun
Sakstype Beslutningssak

Forslag til vedtak Porteføljestyret godkjenner møteprotokollen fra møte 1/25.
""")
    case = cases_of(record)["PS-DEMOS 8/25"]
    assert case["title"] == "Godkjenning av møteprotokoll fra møte 1/25"
    assert case["case_type"] == "decision"
    assert case["case_officers"] == ["Ole Brun"]


def test_each_mention_of_an_id_points_at_its_own_line():
    record = record_of("""Møteprotokoll
Porteføljestyret for helse, møte 6/24
Til stede Ole A. Andreassen (leder)

Sak PS-HELSE 55/24 Tildeling av midler
Vedtak:
Søknad 355340 settes på rangert reserveliste.
Øvrige søknader avslås. Dette gjelder søknadene 355204 og 355340.
""")
    by_outcome = {a["outcome"]: a["provenance"] for a in record["applications"] if a["application_id"] == "355340"}
    assert set(by_outcome) == {"reserve", "rejected"}
    assert by_outcome["reserve"]["bbox"][1] < by_outcome["rejected"]["bbox"][1]  # the rejected one's own, lower line
