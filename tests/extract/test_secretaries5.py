"""Hand batch 5: how twelve more secretaries wrote the same facts, each from a real string vedtak misread.

A Word heading that prints the board code first and ends its number with a colon (`PS-BYGG 12/25: Tildeling …`),
attendance as one sentence of `Name, affiliation` items separated by semicolons, `Fråverande:` for the absent, and
the sentence label `Porteføljestyret vedtok:` (nynorsk `Porteføljestyret vedtok samrøystes:`) over a decision; a case
heading that prints only the number (`24/23 Tildeling – ...`), and attendance written as sentences (`Ragnhild Dahl
hadde meldt forfall.`, `Frå administrasjonen møtte ...`), or as a comma list broken inside a name."""

from __future__ import annotations

from pathlib import Path

import pytest
from linemaker import line_at as _line, record_from as _record
from pagedraw import draw as _draw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from vedtak.document import Line
from vedtak.extract import extract_file
from vedtak.extractors.applications import extract_applications
from vedtak.extractors.cases import parse_header
from vedtak.extractors.conflicts import extract_conflicts
from vedtak.extractors.tables import reserve_rank
from vedtak.extractors.people import attendees
from vedtak.lexicon import TABLE_REFERENCE, cell_outcome, decision_label_end, sentence_role
from vedtak.nlp.vocab import AttendanceRole, Outcome
from vedtak.schema import validate_record

W, H = A4




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


# --------------------------------------------------------------------------------------------- a header box beside the form

def _box_beside(path: Path) -> Path:
    """A shaded header box on the left that prints each label above its value (`Saksnummer` / `PS-LUFTFART 3/25`),
    the title and the form beside it, and a proposal that points to an unruled table under `Vurdering`."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillColorRGB(0.9, 0.9, 0.9)
    c.rect(50, H - 260, 160, 210, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    box = ["Saksnummer", "PS-LUFTFART 3/25", "Møte", "1/25, 11.02.2025", "Sakstype", "Beslutningssak", "Ansvarlig",
           "Avdelingsdirektør Rune Faleide", "Saksbehandler", "Anette Mo Sandvik"]
    for k, text in enumerate(box):
        _draw(c, 56, 66 + 14 * k, text, bold=k % 2 == 0, size=9)
    _draw(c, 230, 66, "Tildeling – Lavutslippsluftfart", bold=True, size=12)
    _draw(c, 230, 88, "Forslag til vedtak", bold=True)
    for k, text in enumerate(["Porteføljestyret tildeler støtte til to søknader og setter én", "søknad på reserveliste, slik det framgår av tabellen under",
                              "«Vurdering». Den øvrige søknaden avslås."]):
        _draw(c, 230, 102 + 13 * k, text, size=9)
    _draw(c, 230, 300, "Bakgrunn", bold=True)
    _draw(c, 230, 314, "Det kom inn fire søknader til utlysningen.", size=9)
    _draw(c, 230, 336, "Vurdering", bold=True)
    rows = [("Søknad", "Søker", "Forslag"), ("352301", "SINTEF Energi", "Tildeles"), ("352318", "NTNU", "Tildeles"),
            ("352362", "Transportøkonomisk institutt", "1. reserve"), ("352305", "NORCE", "Avslås")]
    for k, (a, b, o) in enumerate(rows):
        y = 356 + 15 * k
        for x, text in ((232, a), (290, b), (470, o)):
            _draw(c, x, y, text, bold=k == 0, size=9)
        if k == 0:
            c.line(230, H - y - 4, 560, H - y - 4)
    c.showPage()
    c.save()
    return path


def test_a_header_box_beside_the_form_with_labels_above_values(tmp_path: Path):
    record = extract_file(_box_beside(tmp_path / "beside.pdf"))
    validate_record(record)
    (case,) = record["cases"]
    assert (case["case_id"], case["title"], case["case_type"]) == ("PS-LUFTFART 3/25", "Tildeling – Lavutslippsluftfart", "decision")
    assert case["proposed_decision"].startswith("Porteføljestyret tildeler støtte til to søknader")
    got = [(a["application_id"], a["outcome"], a["rank"], a["stage"]) for a in record["applications"]]
    assert got == [("352301", "granted", None, "proposed"), ("352318", "granted", None, "proposed"),
                   ("352362", "reserve", 1, "proposed"), ("352305", "rejected", None, "proposed")]
    assert not [f for f in record["findings"] if f["code"] in ("missing_case_header", "unassigned_application_ids")]


@pytest.mark.parametrize(("cell", "outcome", "rank"), [
    ("1. reserve", Outcome.RESERVE, 1), ("2. reserve", Outcome.RESERVE, 2), ("Reserveliste nr. 1", Outcome.RESERVE, 1),
    ("Reserveliste, plass 2", Outcome.RESERVE, 2), ("Innvilge", Outcome.GRANTED, None), ("Avslå", Outcome.REJECTED, None),
])
def test_outcome_cells_with_the_place_before_the_word(cell: str, outcome: Outcome, rank: int | None):
    assert cell_outcome(cell) == outcome
    assert (reserve_rank(None, cell) if outcome == Outcome.RESERVE else None) == rank


@pytest.mark.parametrize(("text", "refers"), [
    ("Porteføljestyret tildeler støtte slik det framgår av tabellen under «Vurdering».", True),
    ("Porteføljestyret løyver midlar i samsvar med tabell 2.", True),
    ("Porteføljestyret innvilgar søknadene 350214 og 350229.", False),
])
def test_a_proposal_that_points_to_a_table(text: str, refers: bool):
    assert bool(TABLE_REFERENCE.search(text)) is refers


def test_label_value_lines_give_the_title_under_sak():
    header = parse_header([_line(t, 60 + 12 * k) for k, t in enumerate([
        "Saksnr.: PS-KYST 17/24", "Sak: Habilitet", "Møte: 3/24 – 10.09.2024", "Sakstype: Vedtakssak",
        "Sakshandsamar: Vegard Lunde"])], None)
    assert (header.case_id, header.title, header.case_type) == ("PS-KYST 17/24", "Habilitet", "decision")


# --------------------------------------------------------------------------------------------- conflicts told in prose

def _conflicts(text: str, recorded_in: str = "PS-ARKTIS 23/23") -> list[tuple[str, str, str]]:
    found, _ = extract_conflicts(text, [], recorded_in=recorded_in, meeting="3/23", stage="adopted", default_board="PS-ARKTIS")
    return [(c.case_id, c.person, c.role) for c in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kamilla Sørensen Lyng er tilsett ved UiT Noregs arktiske universitet, som er søkjar på fire av søknadene i sak "
     "24/23. Ho er inhabil og fråtredde under behandlinga av saka. Eirik Hætta er medsøkjar på søknad 338712 og er "
     "inhabil i same sak.",
     [("PS-ARKTIS 24/23", "Kamilla Sørensen Lyng", "inhabile"), ("PS-ARKTIS 24/23", "Eirik Hætta", "inhabile")]),
    ("Ragnar Eidsvik er tilsett ved Havforskingsinstituttet, som er søkjar på søknader i pakke 3 i sak 19/24. Han er "
     "inhabil for søknadene i pakke 3 og fråtrer medan dei vert handsama. Styreleiar Ola Brekken er styremedlem i ein "
     "søkjarinstitusjon og er inhabil i sak 19/24. Nestleiar Kristin Vassdal leier møtet under handsaminga av saka.",
     [("PS-ARKTIS 19/24", "Ragnar Eidsvik", "inhabile"), ("PS-ARKTIS 19/24", "Ola Brekken", "inhabile"),
      ("PS-ARKTIS 19/24", "Kristin Vassdal", "acting_chair")]),
    # a pronoun with no person named before it names nobody
    ("Ho er inhabil i sak 24/23.", []),
])
def test_a_conflict_told_with_a_pronoun_or_in_the_same_case(text: str, expected: list[tuple[str, str, str]]):
    assert _conflicts(text) == expected


# --------------------------------------------------------------------------------------------- conflict tables

def _conflict_table_minutes(path: Path, header: tuple[str, str, str], rows: list[tuple[str, str, str]]) -> Path:
    """Minutes whose habilitet case holds a conflicts table (`Gjelder | Navn | Årsak` with `Sak 5/26` in its rows),
    then the allocation case the table names."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw(c, 56, 60, "Møteprotokoll", bold=True, size=14)
    _draw(c, 56, 80, "Porteføljestyret for aldring og eldres helse (PS-ELDRE), møte 1/26", bold=True)
    _draw(c, 56, 100, "Dato: 4. mars 2026")
    _draw(c, 56, 130, "Sak 3/26 Habilitet", bold=True)
    _draw(c, 56, 146, "Følgende medlemmer er inhabile og fratrådte under behandlingen av den aktuelle saken:")
    for k, row in enumerate([header, *rows]):
        y = 166 + 16 * k
        for x, text in zip((60, 140, 290), row):
            _draw(c, x, y, text, bold=k == 0)
        c.line(56, H - y - 5, 540, H - y - 5)
    y = 166 + 16 * (len(rows) + 1) + 10
    _draw(c, 56, y, "Vedtak (enstemmig):", bold=True)
    _draw(c, 56, y + 14, "Porteføljestyret tar habilitetsvurderingen til etterretning.")
    _draw(c, 56, y + 40, "Sak 5/26 Tildeling – Gode overganger", bold=True)
    _draw(c, 56, y + 56, "Vedtak (mot én stemme):", bold=True)
    _draw(c, 56, y + 70, "Søknadene 363402 og 363418 innvilges.")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("header", "rows"), [
    (("Gjelder", "Navn", "Årsak"), [("Sak 5/26", "Fatima Rashid", "Medsøker i én søknad"),
                                    ("Sak 5/26", "Knut Åge Solberg", "Ansatt ved søkerinstitusjon")]),
    (("Inhabil i", "Styremedlem", "Grunnlag"), [("sak 5/26", "Fatima Rashid", "Medsøker i én søknad"),
                                                ("sak 5/26", "Knut Åge Solberg", "Ansatt ved søkerinstitusjon")]),
])
def test_a_conflicts_table_whose_case_column_is_read_by_its_cells(tmp_path: Path, header: tuple[str, str, str],
                                                                   rows: list[tuple[str, str, str]]):
    record = extract_file(_conflict_table_minutes(tmp_path / "conflicts.pdf", header, rows))
    validate_record(record)
    # a case number in a table's row is a cell, never a case heading
    assert [(c["case_id"], c["title"]) for c in record["cases"]] == [
        ("PS-ELDRE 3/26", "Habilitet"), ("PS-ELDRE 5/26", "Tildeling – Gode overganger")]
    got = [(x["case_id"], x["person"], x["role"], x["ground"], x["recorded_in"]) for x in record["conflicts"]]
    assert got == [("PS-ELDRE 5/26", "Fatima Rashid", "inhabile", "Medsøker i én søknad", "PS-ELDRE 3/26"),
                   ("PS-ELDRE 5/26", "Knut Åge Solberg", "inhabile", "Ansatt ved søkerinstitusjon", "PS-ELDRE 3/26")]
    assert not [f for f in record["findings"] if f["code"] in ("habilitet_unresolved", "minutes_case_without_decision")]


def test_a_header_box_drawn_as_a_grid_with_a_case_column_still_opens_its_case(tmp_path: Path):
    """`Saksnr. | Tittel | Sakstype` over `Sak PS-ELDRE 6/26 | Årsrapport 2025 | Beslutningssak`: a table with no person
    column, the header of a case paper."""
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for k, row in enumerate([("Saksnr.", "Tittel", "Sakstype"), ("Sak PS-ELDRE 6/26", "Årsrapport 2025", "Beslutningssak"),
                             ("Til", "Porteføljestyret for aldring", ""), ("Saksbehandler", "Kari Nordmann", "")]):
        y = 70 + 16 * k
        for x, text in zip((60, 200, 400), row):
            if text:
                _draw(c, x, y, text, bold=k == 0)
        c.line(56, H - y - 5, 540, H - y - 5)
    _draw(c, 56, 160, "Forslag til vedtak", bold=True)
    _draw(c, 56, 176, "Porteføljestyret godkjenner årsrapporten.")
    c.showPage()
    c.save()
    record = extract_file(path)
    assert [(x["case_id"], x["proposed_decision"]) for x in record["cases"]] == [
        ("PS-ELDRE 6/26", "Porteføljestyret godkjenner årsrapporten.")]


# --------------------------------------------------------------------------------------------- a box above the form

def _cell(text: str, top: float, x0: float, region: int, bold: bool = False) -> Line:
    return Line(text, 1, x0, top, x0 + 5.0 * len(text), top + 10.0, region, "cell", False, 4.0, bold, 10.0)


def test_the_title_below_the_case_number_in_its_own_cell():
    """`Sak PS-FOLKEHELSE 9/24` / `Godkjenning av innkalling og saksliste` in one cell, `Til` / `Fra` / ... in the cell
    beside it sharing its rows."""
    header = parse_header([
        _cell("Sak PS-FOLKEHELSE 9/24", 68, 63, 1, True), _cell("Godkjenning av innkalling og saksliste", 83, 63, 1),
        _cell("Til", 69, 318, 3), _cell("Porteføljestyret for folkehelse", 69, 406, 3), _cell("Områdedirektør", 82, 406, 3),
        _cell("Fra", 83, 318, 3), _cell("Kristin Sæther Moen", 94, 406, 3), _cell("Saksbehandler", 133, 318, 3),
        _cell("Marit Lunde Hovland", 133, 406, 3), _cell("BESLUTNINGSSAK", 166, 63, 2, True)], None)
    assert (header.case_id, header.title, header.case_type) == (
        "PS-FOLKEHELSE 9/24", "Godkjenning av innkalling og saksliste", "decision")
    assert header.case_officers == ("Marit Lunde Hovland",)


def test_a_habilitet_row_of_the_form_names_who_is_disqualified_in_this_case():
    record = _record("""Sak PS-FOLKEHELSE 12/24 Tildeling – Levekår
Til: Porteføljestyret for folkehelse
Saksbehandler: Marit Lunde Hovland
BESLUTNINGSSAK
L|Forslag til vedtak
    Søknadene 341855 og 341861 innvilges.
L|Kort bakgrunn
    Utlysningen ble vedtatt i sak 21/23 med en ramme på 60 mill. kroner.
L|Habilitet
    Styreleder Ragnhild Løvås er ansatt ved Universitetet i Oslo, som er
    prosjektansvarlig institusjon for en av søknadene, og er inhabil.
    Styremedlem Gunnhild Tveit Aas er medsøker på en av søknadene fra
    NTNU og er også inhabil. Begge fratrer under behandlingen av saken.
    Nestleder Per-Olav Kvalheim leder møtet under behandlingen av saken.
L|Videre saksgang
    Administrasjonen følger opp vedtakene.
""")
    got = [(c["case_id"], c["person"], c["role"], c["stage"]) for c in record["conflicts"]]
    assert got == [("PS-FOLKEHELSE 12/24", "Ragnhild Løvås", "inhabile", "proposed"),
                   ("PS-FOLKEHELSE 12/24", "Gunnhild Tveit Aas", "inhabile", "proposed"),
                   ("PS-FOLKEHELSE 12/24", "Per-Olav Kvalheim", "acting_chair", "proposed")]


def test_habilitet_alone_as_a_title_is_no_row():
    record = _record("""Sak PS-LUFTFART 2/25
Til: Porteføljestyret for luftfart
Saksbehandler: Anette Mo Sandvik
BESLUTNINGSSAK
Habilitet
L|Forslag til vedtak
    Ingen medlemmer av porteføljestyret er inhabile i sakene som behandles i møtet.
""")
    assert [(c["case_id"], c["title"]) for c in record["cases"]] == [("PS-LUFTFART 2/25", "Habilitet")]
    assert record["conflicts"] == []


# --------------------------------------------------------------------------------------------- reserve places in words

@pytest.mark.parametrize(("text", "expected"), [
    ("Søknadene 338695 og 338723 vert sette på reservelista, med 338695 som første og 338723 som andre reserve.",
     [("338695", "reserve", 1), ("338723", "reserve", 2)]),
    ("Søknadene 363410 og 363425 settes på reserveliste som henholdsvis nummer 1 og 2.",
     [("363410", "reserve", 1), ("363425", "reserve", 2)]),
    ("Søknadene 363410 og 363425 vert sette på reservelista som høvesvis nummer 2 og 1.",
     [("363410", "reserve", 2), ("363425", "reserve", 1)]),
    # places that do not match the reserves in number give none
    ("Søknadene 363410, 363425 og 363433 settes på reserveliste som henholdsvis nummer 1 og 2.",
     [("363410", "reserve", None), ("363425", "reserve", None), ("363433", "reserve", None)]),
])
def test_reserve_places_in_words_and_respectively(text: str, expected: list[tuple[str, str, int | None]]):
    result = extract_applications(text, [], case_id="PS-ARKTIS 24/23", stage="adopted")
    assert [(m.application_id, m.outcome, m.rank) for m in result.mentions] == expected


# --------------------------------------------------------------------------------------------- a case-header box with the title beside

def _case_boxes(path: Path) -> Path:
    """Minutes whose cases open with a shaded box: the code on the left, the title beside it, its first line half a
    point higher than the code (`Orientering om ...` read before `PS-KVANTE 37/26`), or wrapped around it."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw(c, 56, 60, "Møteprotokoll", bold=True, size=14)
    _draw(c, 56, 80, "Porteføljestyret for kvanteteknologi, møte nr. 4/2026", bold=True)
    for top, code, title, decision in ((120, "PS-KVANTE 37/26", ["Orientering om nasjonal satsing på kvanteteknologi"],
                                        "Styret tar orienteringen til etterretning."),
                                       (220, "PS-KVANTE 39/26", ["Tildeling – Kvantedatamaskiner, programvare og algoritmer [U.off. §", "14]"],
                                        "Søknad 361340 innvilges.")):
        c.setFillColorRGB(0.88, 0.88, 0.88)
        c.rect(60, H - top - 22, 480, 34, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        _draw(c, 68, top, code, bold=True)
        for k, part in enumerate(title):
            _draw(c, 182, top - (5.5 if len(title) > 1 else 0.7) + 11 * k, part, bold=True, size=9)
        _draw(c, 56, top + 34, "Styrets vedtak:", bold=True)
        _draw(c, 56, top + 48, decision)
    c.showPage()
    c.save()
    return path


def test_a_case_header_box_with_the_title_beside_the_code(tmp_path: Path):
    record = extract_file(_case_boxes(tmp_path / "boxes.pdf"))
    validate_record(record)
    assert [(c["case_id"], c["title"], c["decision"]) for c in record["cases"]] == [
        ("PS-KVANTE 37/26", "Orientering om nasjonal satsing på kvanteteknologi", "Styret tar orienteringen til etterretning."),
        ("PS-KVANTE 39/26", "Tildeling – Kvantedatamaskiner, programvare og algoritmer [U.off. § 14]", "Søknad 361340 innvilges."),
    ]
    assert not [f for f in record["findings"] if f["code"] == "case_number_unread"]


def test_a_title_beside_the_number_that_reads_like_minutes_is_the_title(tmp_path: Path):
    """`PS-DIGSIK 28/23 | Protokoll fra møte 3/23 | ORIENTERINGSSAK` in one header row: the title, not minutes."""
    path = tmp_path / "row.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for top, (code, title, kind, proposal) in zip((60, 460), [
            ("PS-DIGSIK 27/23", "Habilitet", "BESLUTNINGSSAK", "Porteføljestyret tar habilitetsvurderingen til etterretning."),
            ("PS-DIGSIK 28/23", "Protokoll fra møte 3/23", "ORIENTERINGSSAK", "Porteføljestyret tar protokollen fra møte 3/23 til orientering.")]):
        for x, text in ((68, code), (170, title), (408, kind)):
            _draw(c, x, top, text, bold=True)
        for k, (label, value) in enumerate([("Til:", "Porteføljestyret for digital sikkerhet"), ("Saksbehandler:", "Morten Aas Hjelle")]):
            _draw(c, 68, top + 30 + 12 * k, label)
            _draw(c, 167, top + 30 + 12 * k, value)
        _draw(c, 68, top + 80, "Forslag til vedtak", bold=True, size=12)
        _draw(c, 68, top + 94, proposal)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert [(x["case_id"], x["title"], x["case_type"]) for x in record["cases"]] == [
        ("PS-DIGSIK 27/23", "Habilitet", "decision"), ("PS-DIGSIK 28/23", "Protokoll fra møte 3/23", "information")]
    assert record["document"]["kind"] == "case_papers"


def test_an_absence_in_the_note_column_of_an_attendance_table(tmp_path: Path):
    """`Navn | Rolle | Merknad`: `Nina Ødegård | Medlem | Forfall` is absent; her stand-in `Møtte for Nina Ødegård` is
    present."""
    path = tmp_path / "attendance.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw(c, 56, 60, "Protokoll fra møte 1/26", bold=True, size=14)
    _draw(c, 56, 80, "Porteføljestyret for aldring og eldres helse (PS-ELDRE)")
    _draw(c, 56, 104, "Deltakere", bold=True)
    rows = [("Navn", "Rolle", "Merknad"), ("Ingrid Moe Halvorsen", "Leder", ""), ("Fatima Rashid", "Medlem", ""),
            ("Nina Ødegård", "Medlem", "Forfall"), ("Kjell Arne Berg", "Varamedlem", "Møtte for Nina Ødegård"),
            ("Lene Foss", "Observatør", "Helse- og omsorgsdepartementet")]
    for k, row in enumerate(rows):
        for x, text in zip((60, 250, 400), row):
            if text:
                _draw(c, x, 124 + 14 * k, text, bold=k == 0)
        c.line(56, H - 124 - 14 * k - 4, 560, H - 124 - 14 * k - 4)
    for x in (56, 246, 396, 560):
        c.line(x, H - 110, x, H - 124 - 14 * (len(rows) - 1) - 4)
    c.line(56, H - 110, 560, H - 110)
    _draw(c, 56, 230, "Sak 1/26 Godkjenning av innkalling og saksliste", bold=True)
    _draw(c, 56, 246, "Vedtak:", bold=True)
    _draw(c, 56, 260, "Innkalling og saksliste godkjennes.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    (meeting,) = record["meetings"]
    assert meeting["present"] == ["Ingrid Moe Halvorsen", "Fatima Rashid", "Kjell Arne Berg"]
    assert (meeting["absent"], meeting["observers"], meeting["chair"]) == (["Nina Ødegård"], ["Lene Foss"], "Ingrid Moe Halvorsen")
