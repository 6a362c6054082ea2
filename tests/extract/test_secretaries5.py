"""Hand batch 5: how twelve more secretaries wrote the same facts, each from a real string vedtak misread.

A Word heading that prints the board code first and ends its number with a colon (`PS-BYGG 12/25: Tildeling …`),
attendance as one sentence of `Name, affiliation` items separated by semicolons, `Fråverande:` for the absent, and
the sentence label `Porteføljestyret vedtok:` (nynorsk `Porteføljestyret vedtok samrøystes:`) over a decision; a case
heading that prints only the number (`24/23 Tildeling – ...`), and attendance written as sentences (`Ragnhild Dahl
hadde meldt forfall.`, `Frå administrasjonen møtte ...`), or as a comma list broken inside a name."""

from __future__ import annotations

import pytest
from linemaker import lines_from

from vedtak.document import Document, Page
from vedtak.extract import extract_document
from vedtak.extractors.people import attendees
from vedtak.lexicon import decision_label_end, sentence_role
from vedtak.nlp.vocab import AttendanceRole
from vedtak.schema import validate_record


def _record(text: str) -> dict:
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    return record


_BYGG = """PROTOKOLL
Porteføljestyret for bygg, anlegg og eigedom
Møte: PS-BYGG 2/25 · Dato: tysdag 27. mai 2025 · Tid: 10.00–15.30 · Stad: Forskingsrådet, Lysaker
Til stades: Kari Fløtten, NTNU (leiar); Hallvard Skjeldal, Statsbygg; Mona Lie Aasen, SINTEF
Community; Rune Gjerstad, Veidekke; Silje Marie Tveit, Høgskulen på Vestlandet; Emil Haraldsen,
Norconsult.
Fråverande: Anders Vik, Multiconsult.
Observatør: Tone Haug Lien, Kommunal- og distriktsdepartementet.
Frå Forskingsrådet: Geir Arne Moe (sekretær) og Live Skarstein.

PS-BYGG 9/25: Godkjenning av innkalling og saksliste
Vedtak: Innkalling og saksliste vart godkjende.

PS-BYGG 10/25: Protokoll frå møte 1/25
Vedtak: Protokollen frå møte 1/25 vart godkjend.
"""


def test_a_code_first_heading_ending_its_number_with_a_colon_opens_a_case():
    record = _record(_BYGG)
    got = [(c["case_id"], c["title"], c["decision"]) for c in record["cases"]]
    assert got == [
        ("PS-BYGG 9/25", "Godkjenning av innkalling og saksliste", "Innkalling og saksliste vart godkjende."),
        ("PS-BYGG 10/25", "Protokoll frå møte 1/25", "Protokollen frå møte 1/25 vart godkjend."),
    ]
    assert not [f for f in record["findings"] if f["code"] == "no_cases"]


def test_attendance_as_semicolon_items_with_affiliations_and_the_absent_under_fraverande():
    (meeting,) = _record(_BYGG)["meetings"]
    assert meeting["present"] == ["Kari Fløtten", "Hallvard Skjeldal", "Mona Lie Aasen", "Rune Gjerstad",
                                  "Silje Marie Tveit", "Emil Haraldsen"]
    assert meeting["chair"] == "Kari Fløtten"
    assert meeting["absent"] == ["Anders Vik"]
    assert meeting["observers"] == ["Tone Haug Lien"]


@pytest.mark.parametrize(("lines", "names"), [
    (["Kari Fløtten, NTNU (leiar); Hallvard Skjeldal, Statsbygg; Mona Lie Aasen, SINTEF", "Community; Rune Gjerstad, Veidekke."],
     ["Kari Fløtten", "Hallvard Skjeldal", "Mona Lie Aasen", "Rune Gjerstad"]),
    # a semicolon inside brackets separates nothing
    (["Kari Fløtten (leiar; NTNU), Per Olsen"], ["Kari Fløtten", "Per Olsen"]),
    # a list with no semicolon is read as before: the name before the first comma
    (["Anders Vik, Multiconsult."], ["Anders Vik"]),
])
def test_semicolon_items_are_one_attendee_each(lines: list[str], names: list[str]):
    assert [n for n, _ in attendees(lines)] == names


@pytest.mark.parametrize(("line", "decision"), [
    ("Porteføljestyret vedtok: Innkalling og saksliste ble godkjent.", "Innkalling og saksliste ble godkjent."),
    ("Porteføljestyret vedtok samrøystes: Porteføljestyret tek habilitetsvurderinga til vitande.",
     "Porteføljestyret tek habilitetsvurderinga til vitande."),
    ("Styret vedtok enstemmig:", ""),
])
def test_the_board_resolved_with_a_colon_is_a_decision_label(line: str, decision: str):
    end = decision_label_end(line)
    assert end is not None and line[end:].strip() == decision


@pytest.mark.parametrize("line", [
    "Porteføljestyret vedtok å godkjenne innkallingen.",  # a resolution in running text, no label
    "Porteføljestyret vedtok tildeling i samsvar med tabellen nedenfor.",
])
def test_a_resolution_sentence_is_no_label(line: str):
    assert decision_label_end(line) is None


def test_minutes_whose_decisions_open_with_porteføljestyret_vedtok():
    record = _record("""Protokoll frå møte i Porteføljestyret for frivillig sektor
Møte PS-FRIVILLIG 2/23

Sak PS-FRIVILLIG 11/23 Habilitet
Ingen medlemer melde om tilhøve som kunne gjere dei inhabile.
Porteføljestyret vedtok samrøystes:
Porteføljestyret tek habilitetsvurderinga til vitande.

Sak PS-FRIVILLIG 12/23 Godkjenning av protokoll
Porteføljestyret vedtok: Protokollen vart godkjend.
""")
    got = [(c["case_id"], c["decision"]) for c in record["cases"]]
    assert got == [("PS-FRIVILLIG 11/23", "Porteføljestyret tek habilitetsvurderinga til vitande."),
                   ("PS-FRIVILLIG 12/23", "Protokollen vart godkjend.")]


# --------------------------------------------------------------------------------------------- number-first headings

_ARKTIS = """MØTEPROTOKOLL
Porteføljestyret for arktis- og
nordområdeforsking (PS-ARKTIS)
Møte 3/2023
Dato: 14. juni 2023, kl. 09.00–15.00
Stad: Framsenteret, Tromsø
Møtande medlemer: Sigrid Nergård (leiar), Eirik
Hætta, Randi Mjøen Skog, Tor-Arne Isaksen,
Kamilla Sørensen Lyng og Jon Ivar Bakken. Ellen
Marie Sara møtte som setjemedlem i sak 24/23.
Forfall: Mathis Aslaksen.

21/23 Godkjenning av innkalling og saksliste
Vedtak:
Innkalling og saksliste vart godkjende.

22/23 Protokoll frå møte 2/23
Vedtak:
Protokollen frå møte 2/23 vart godkjend utan
merknader.
"""


def test_a_case_number_first_with_no_sak_and_no_code_opens_a_case_of_the_documents_board():
    record = _record(_ARKTIS)
    got = [(c["case_id"], c["title"], c["decision"]) for c in record["cases"]]
    assert got == [
        ("PS-ARKTIS 21/23", "Godkjenning av innkalling og saksliste", "Innkalling og saksliste vart godkjende."),
        ("PS-ARKTIS 22/23", "Protokoll frå møte 2/23", "Protokollen frå møte 2/23 vart godkjend utan merknader."),
    ]
    assert not [f for f in record["findings"] if f["code"] in ("no_cases", "case_number_unread")]


@pytest.mark.parametrize("text", [
    # a number in running text, not over a decision label, opens nothing
    "MØTEPROTOKOLL\nPorteføljestyret for arktis- og nordområdeforsking (PS-ARKTIS)\nMøte 3/2023\n"
    "Sak PS-ARKTIS 21/23 Godkjenning av innkalling\nVedtak:\nInnkalling godkjent.\n"
    "Styret drøfta sakene frå møtet.\n24/23 Tildeling vart drøfta i møtet,\nog styret bad om ei ny vurdering.\n",
])
def test_a_number_first_line_in_running_text_opens_no_case(text: str):
    assert [c["case_id"] for c in _record(text)["cases"]] == ["PS-ARKTIS 21/23"]


# --------------------------------------------------------------------------------------------- attendance prose

def test_a_list_broken_inside_a_name_and_a_substitute_in_a_sentence():
    (meeting,) = _record(_ARKTIS)["meetings"]
    assert meeting["present"] == ["Sigrid Nergård", "Eirik Hætta", "Randi Mjøen Skog", "Tor-Arne Isaksen",
                                  "Kamilla Sørensen Lyng", "Jon Ivar Bakken", "Ellen Marie Sara"]
    assert meeting["absent"] == ["Mathis Aslaksen"]


def test_attendance_written_as_sentences():
    (meeting,) = _record("""Protokoll
Porteføljestyret for sivilsamfunn og frivilligheit – møte 2/23
Dato: onsdag 19. april 2023, kl. 09.00–14.00
Stad: Forskingsrådet, Lysaker, og digitalt
Desse medlemene møtte: Solveig Råum (leiar), Arne Fjellstad (nestleiar), Linn Cecilie
Hovde, Magnus Tveito og Hege Aamodt. Peder Nilsen Vik møtte som setjemedlem i sak
12/23. Ragnhild Dahl hadde meldt forfall. Eli Sunde frå Kulturdepartementet møtte som
observatør. Frå administrasjonen møtte Oddny Kleppe og Torbjørn Lid (referent).

Sak PS-FRIVILLIG 10/23 Godkjenning av innkalling og sakliste
Vedtak:
Innkalling og sakliste er godkjende.
""")["meetings"]
    assert meeting["present"] == ["Solveig Råum", "Arne Fjellstad", "Linn Cecilie Hovde", "Magnus Tveito", "Hege Aamodt",
                                  "Peder Nilsen Vik"]
    assert meeting["chair"] == "Solveig Råum"
    assert (meeting["absent"], meeting["observers"], meeting["staff"]) == (
        ["Ragnhild Dahl"], ["Eli Sunde"], ["Oddny Kleppe", "Torbjørn Lid"])


@pytest.mark.parametrize(("sentence", "role"), [
    ("Ragnhild Dahl hadde meldt forfall.", AttendanceRole.ABSENT),
    ("Eli Sunde frå Kulturdepartementet møtte som observatør.", AttendanceRole.OBSERVER),
    ("Peder Nilsen Vik møtte som setjemedlem i sak 12/23.", AttendanceRole.SUBSTITUTE),
    ("Frå administrasjonen møtte Oddny Kleppe og Torbjørn Lid (referent).", AttendanceRole.STAFF),
    ("Fra Forskningsrådet møtte Kari Nordmann.", AttendanceRole.STAFF),
    ("Solveig Råum (leiar), Arne Fjellstad (nestleiar) og Hege Aamodt.", None),
])
def test_the_role_a_sentence_of_attendance_states(sentence: str, role: AttendanceRole | None):
    assert sentence_role(sentence) == role
