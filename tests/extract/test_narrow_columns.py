"""Narrow label columns and two-column pages, drawn here with reportlab as other producers lay them out.

Each test is a layout the variation generator's documents showed vedtak misreading: a label broken inside
a word by a narrow cell, a form label opening every page (read as a running header), a decision label
wrapped over two lines, a header box drawn as a table in a page's right-hand column, and minutes whose
account of a case (with its conflicts) stands between the title and the decision."""

from __future__ import annotations

from pathlib import Path

import pytest
from linemaker import lines_from
from reportlab.lib.pagesizes import A4
from pagedraw import draw as _text
from reportlab.pdfgen import canvas

from vedtak.document import Document, Page
from vedtak.extract import extract_document, extract_file
from vedtak.lexicon import FORM_LABELS, label_readings, match_label_lines, opens_section
from vedtak.schema import validate_record

W, H = A4




@pytest.mark.parametrize(("parts", "key"), [
    (["Administrasjon", "ens forslag til", "vedtak"], "proposal"),   # LibreOffice breaks a long word in a narrow cell
    (["Administrasjonen", "sitt framlegg", "til vedtak"], "proposal"),
    (["Hvorfor saken", "fremmes til", "dette møtet"], "why"),
    (["Forberedelse /", "prosess"], "process"),
])
def test_a_label_over_several_lines_of_a_narrow_cell(parts: list[str], key: str):
    rule = match_label_lines(parts, FORM_LABELS)
    assert rule is not None and rule.key == key


def test_label_readings_try_the_spaced_join_first():
    readings = label_readings(["Administrasjon", "ens forslag til", "vedtak"])
    assert readings[0] == "Administrasjon ens forslag til vedtak"
    assert "Administrasjonens forslag til vedtak" in readings
    assert label_readings(["Til stede"]) == ["Til stede"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Innstilling", True),
    ("Administrasjonens forslag til vedtak", True),
    ("Porteføljestyrets vedtak:", True),
    ("Vedtak (samrøystes):", True),
    ("Saksbehandler", True),
    ("Til stede", True),
    ("Porteføljestyret for helse – møte 1/25", False),
    ("Side 3 av 12", False),
    ("Porteføljestyret vedtar følgende:", False),
])
def test_opens_section(text: str, expected: bool):
    assert opens_section(text) is expected


def _case_paper_page(c: canvas.Canvas, number: int, title: str, proposal: str, label: list[str]) -> None:
    """One case paper page whose form opens at the very top of the page (above the header box)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_x = max(150.0, 56 + max(stringWidth(part, "Helvetica-Bold", 10) for part in label) + 20)
    _text(c, 56, 30, "Porteføljestyret for klima og polar – møte 1/26", size=8)
    for k, part in enumerate(label):
        _text(c, 56, 70 + 12.6 * k, part, True)
    _text(c, text_x, 70, proposal)
    _text(c, 56, 120, "Kort bakgrunn", True)
    _text(c, text_x, 120, "Innkalling til møte og saksdokumenter ble sendt ut 12.08.26.")
    _text(c, 56, 170, f"Sak PS-KLIMA {number}/26", True)
    _text(c, 180, 170, title, True)
    for k, (lab, value) in enumerate([("Til", "Porteføljestyret for klima og polar"), ("Saksbehandler", "Geir Bakke Dahl"),
                                      ("Fra", "Områdedirektør Astrid K. Rønning")]):
        _text(c, 56, 190 + 16 * k, lab, True)
        _text(c, 180, 190 + 16 * k, value)
    _text(c, 180, 250, "BESLUTNINGSSAK", True)
    _text(c, 480, 810, f"Side {number} av 3", size=8)
    c.showPage()


@pytest.mark.parametrize("label", [["Innstilling"], ["Administrasjonens forslag til vedtak"], ["Saksbehandlers", "forslag til vedtak"], ["Administrasjon", "ens forslag til", "vedtak"]])
def test_form_label_opening_every_page_is_no_running_header(tmp_path: Path, label: list[str]):
    """`Innstilling` (or `Saksbehandlers` / `forslag til vedtak`) at the same spot at the top of every page
    repeats like a running header, but it is the label that opens each form; header boxes after the form."""
    path = tmp_path / "top.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _case_paper_page(c, 1, "Godkjenning av innkalling og saksliste", "Porteføljestyret godkjenner innkalling og saksliste.", label)
    _case_paper_page(c, 2, "Godkjent møteprotokoll fra møte 6/25", "Porteføljestyret tar møteprotokollen til orientering.", label)
    _case_paper_page(c, 3, "Orienteringer", "Porteføljestyret tar informasjonen til orientering.", label)
    c.save()
    record = extract_file(path)
    validate_record(record)
    proposals = {x["case_id"]: x["proposed_decision"] for x in record["cases"]}
    assert proposals == {
        "PS-KLIMA 1/26": "Porteføljestyret godkjenner innkalling og saksliste.",
        "PS-KLIMA 2/26": "Porteføljestyret tar møteprotokollen til orientering.",
        "PS-KLIMA 3/26": "Porteføljestyret tar informasjonen til orientering.",
    }
    assert not [f for f in record["findings"] if f["code"] == "case_paper_without_proposal"]


def test_minutes_with_decision_labels_wrapped_in_a_narrow_column(tmp_path: Path):
    """`Vedtak i` / `saken:` and `Vedtak` / `(samrøystes):` in a label column, the bold title beside the
    label's first line and the decision below it."""
    path = tmp_path / "minutes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _text(c, 56, 70, "Møteprotokoll", True, 16)
    _text(c, 56, 95, "Porteføljestyret for demokrati og styring, møte 3/24", True, 12)
    _text(c, 56, 130, "Dato", True)
    _text(c, 135, 130, "27.09.2024")
    _text(c, 56, 150, "Til stede", True)
    _text(c, 135, 150, "Tuva Myklebust (leder), Kjetil Løvås, Trond de Vries")
    y = 190
    for number, label, title, decision in [
        ("21/24", ["Vedtak i", "saken:"], "Godkjenning av sakslisten", "Porteføljestyret godkjenner sakslisten."),
        ("22/24", ["Vedtak", "(samrøystes):"], "Godkjenning av møteprotokoll", "Møteprotokollen frå møte 2/24 vert godkjend."),
    ]:
        _text(c, 56, y, f"Sak {number}", True)
        _text(c, 56, y + 12.6, label[0], True)
        _text(c, 56, y + 25.2, label[1], True)
        _text(c, 135, y + 12.6, title, True)
        _text(c, 135, y + 38, decision)
        y += 70
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    cases = {x["case_id"]: (x["title"], x["decision"]) for x in record["cases"]}
    assert record["document"]["kind"] == "minutes"
    # no code printed anywhere: the board's code is derived from its name
    assert cases == {
        "PS-DEMOKRATI 21/24": ("Godkjenning av sakslisten", "Porteføljestyret godkjenner sakslisten."),
        "PS-DEMOKRATI 22/24": ("Godkjenning av møteprotokoll", "Møteprotokollen frå møte 2/24 vert godkjend."),
    }


def _table(c: canvas.Canvas, x: float, y: float, widths: tuple[float, float], rows: list[tuple[str, str]]) -> None:
    """A ruled label | value table with its top-left corner at (x, y), 16 pt rows."""
    height = 16 * len(rows)
    c.setLineWidth(0.5)
    for k in range(len(rows) + 1):
        c.line(x, H - (y + 16 * k), x + sum(widths), H - (y + 16 * k))
    for edge in (x, x + widths[0], x + sum(widths)):
        c.line(edge, H - y, edge, H - (y + height))
    for k, (label, value) in enumerate(rows):
        _text(c, x + 3, y + 16 * k + 11, label, True, 9)
        _text(c, x + widths[0] + 3, y + 16 * k + 11, value, False, 9)


def test_two_column_page_with_the_header_box_as_a_table_in_a_column(tmp_path: Path):
    """A page in two columns: the left one holds a case paper's form, the right one a second case paper
    whose header box is a ruled table. Read column by column, each form keeps its own proposal."""
    path = tmp_path / "two_columns.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    left, right, width = 56, 306, 234
    for x, number, title, proposal in [
        (left, "21/26", "Godkjenning av innkalling", ["Porteføljestyret godkjenner", "innkalling og saksliste."]),
        (right, "22/26", "Godkjent møteprotokoll", ["Porteføljestyret tar godkjent", "møteprotokoll til orientering."]),
    ]:
        _table(c, x, 80, (80, width - 80), [(f"PS-MULTEK {number}", title), ("Til", "Porteføljestyret"),
                                            ("Saksbehandler", "Marit Aasen Nygård"), ("Fra", "Ståle B. Aasen"), ("", "BESLUTNINGSSAK")])
        _text(c, x, 200, "Innstilling", True)
        for k, part in enumerate(proposal):
            _text(c, x + 76, 200 + 12.6 * k, part)
        _text(c, x, 240, "Kort bakgrunn", True)
        for k in range(44):  # the last line reaches into the page's bottom band (from 766 pt)
            _text(c, x + 76, 240 + 12.6 * k, f"Bakgrunn for saken, linje {k + 1}.")
    _text(c, 480, 815, "Side 1 av 1", size=8)
    c.showPage()
    c.save()
    from vedtak.pdf.reader import read_document

    texts = [line.text for line in read_document(path).lines]
    # column by column: the left column's last line, in the bottom band, before the right column begins
    assert texts.index("Bakgrunn for saken, linje 44.") < texts.index("Porteføljestyret tar godkjent")
    record = extract_file(path)
    validate_record(record)
    proposals = {x["case_id"]: x["proposed_decision"] for x in record["cases"]}
    assert proposals == {
        "PS-MULTEK 21/26": "Porteføljestyret godkjenner innkalling og saksliste.",
        "PS-MULTEK 22/26": "Porteføljestyret tar godkjent møteprotokoll til orientering.",
    }


def test_minutes_account_of_a_case_is_read_for_conflicts_not_taken_as_title():
    """`PS-ENERGI sak 34/2024 Habilitet`, then (after a paragraph gap) who declared themselves
    disqualified, then the decision: the title stays `Habilitet`, the conflict is read."""
    text = """Møteprotokoll
Porteføljestyret for energi, transport og lavutslipp, møte 4/24

Dato 12.09.2024
Til stede Håkon Brekke (leder), Ingrid Sørbø, Petter A. Lind

PS-ENERGI sak 34/2024 Habilitet

Petter A. Lind erklærte seg inhabil i sak PS-ENERGI 36/24 og fratrådte under behandlingen.

Vedtak (enstemmig):
Porteføljestyret slutter seg til habilitetsvurderingene.

PS-ENERGI sak 36/2024 Tildeling – Grønn plattform, utlysning 2024
[U.off. § 14]
Vedtak (enstemmig):
Porteføljestyret vedtar tildelingen slik det går fram av tabellen.
"""
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    cases = {x["case_id"]: x for x in record["cases"]}
    assert cases["PS-ENERGI 34/24"]["title"] == "Habilitet"
    assert cases["PS-ENERGI 34/24"]["decision"] == "Porteføljestyret slutter seg til habilitetsvurderingene."
    assert "PS-ENERGI 36/24" in cases["PS-ENERGI 34/24"]["references"]
    assert cases["PS-ENERGI 36/24"]["title"] == "Tildeling – Grønn plattform, utlysning 2024 [U.off. § 14]"
    assert [(x["case_id"], x["person"], x["stage"]) for x in record["conflicts"]] == [
        ("PS-ENERGI 36/24", "Petter A. Lind", "adopted")]


def test_label_cell_line_close_to_the_text_beside_it(tmp_path: Path):
    """`Til stades frå` / `Forskingsrådet` in a label column whose second line ends 16 pt before the text
    column (in 13 pt type: too close for a column gap): the row is cut where the text column starts, so
    the staff stay staff and are not read as members present."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path = tmp_path / "attendance.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    text_x = 54 + stringWidth("Forskingsrådet", "Helvetica-Bold", 13.33) + 16  # 16 pt from the label's end
    _text(c, 54, 64, "Møteprotokoll", True, 16)
    _text(c, 54, 93, "Porteføljestyret for demokrati, styring og fornyelse, møte 3/24", True, 13.33)
    rows = [(["Dato"], ["15. mai 2024"]), (["Stad"], ["Teams"]),
            (["Til stades"], ["Ståle Rønning (leiar)", "Håkon Bakke", "Kari M. Løvås"]),
            (["Til stades frå", "Forskingsrådet"], ["Øystein A. Nygård, Områdedirektør", "Åse Grønli-Sæther, avd. dir."])]
    y = 114.0
    for labels, values in rows:
        for k, label in enumerate(labels):
            _text(c, 54, y + 12.6 * k, label, True, 13.33)
        for k, value in enumerate(values):
            _text(c, text_x, y + 12.6 * k, value, False, 13.33)
        y += 12.6 * max(len(labels), len(values)) + 4
    _text(c, 54, y + 20, "PS-DEMOS sak 23/2024", True, 13.33)
    _text(c, 54, y + 36, "Vedtak:", True, 13.33)
    _text(c, text_x, y + 36, "Porteføljestyret godkjenner sakslista.", False, 13.33)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    meeting = record["meetings"][0]
    assert meeting["present"] == ["Ståle Rønning", "Håkon Bakke", "Kari M. Løvås"]
    assert meeting["staff"] == ["Øystein A. Nygård", "Åse Grønli-Sæther"]


def test_a_title_going_on_with_til_is_no_header_box_label():
    """`Sak PS-KLIMA 44/25 Tildeling av midler` / `til klimatilpasning [U.off. § 14]`: the second line is the
    title going on, not the header-box label `Til`, so the block is minutes, not a case paper."""
    text = """Møteprotokoll
Porteføljestyret for klima og polar

Sak PS-KLIMA 44/25 Tildeling av midler
til klimatilpasning [U.off. § 14]

Vedtak:

Søknad 330125 settes på reserveliste.

Sak PS-KLIMA 45/25 Eventuelt

Vedtak:

Ingen saker ble meldt.
"""
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    cases = {x["case_id"]: (x["title"], x["decision"], x["exempt"]) for x in record["cases"]}
    assert record["document"]["kind"] == "minutes"
    assert cases == {
        "PS-KLIMA 44/25": ("Tildeling av midler til klimatilpasning [U.off. § 14]", "Søknad 330125 settes på reserveliste.",
                           "U.off. § 14"),
        "PS-KLIMA 45/25": ("Eventuelt", "Ingen saker ble meldt.", None),
    }


@pytest.mark.parametrize(("line", "board"), [
    ("Porteføljestyret for demokrati og styring", "Porteføljestyret for demokrati og styring"),
    ("Porteføljestyret for demokrati, styring og fornyelse (PS-DEMOS) – møte 3/24",
     "Porteføljestyret for demokrati, styring og fornyelse"),
    ("Porteføljestyret for romfart og satellitter, møte 2/23", "Porteføljestyret for romfart og satellitter"),
    ("Porteføljestyret for helse godkjenner sakslisten.", "Porteføljestyret for helse"),
    ("Porteføljestyret for bioøkonomi tar saken til orientering.", "Porteføljestyret for bioøkonomi"),
])
def test_board_name_from_a_title_line(line: str, board: str):
    """A board vedtak does not know keeps its whole name where a title line gives it; running text
    after a name (`... godkjenner sakslisten`) is never swallowed."""
    from vedtak.extractors.meetings import find_board

    assert find_board([line]) == board


def test_an_id_list_ends_where_a_new_sentence_begins_without_a_full_stop():
    """`– Vert avslått: 360283 og 359873` / `For å være innenfor rammen ... reduseres budsjettet for søknad`
    / `360344 med 400 000 kroner.`: the budget cut's id is no part of the list of rejections."""
    text = """Møteprotokoll
Porteføljestyret for industri og tjenestenæringer, møte 3/23

Sak PS-INDTJEN 37/23 Tildeling av midler
Vedtak:
Porteføljestyret vedtar følgende tildelinger til utlysningen Innovasjon i industri og tjenester 2023:
– Vert innvilga: 360344, 360317 og 360564
– Vert avslått: 360283 og 359873
For å være innenfor rammen for utlysningen reduseres budsjettet for søknad
360344 med 400 000 kroner.
"""
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    assert sorted((a["application_id"], a["outcome"]) for a in record["applications"]) == [
        ("359873", "rejected"), ("360283", "rejected"), ("360317", "granted"), ("360344", "granted"), ("360564", "granted")]
    assert [c["application_id"] for c in record["budget_cuts"]] == ["360344"]
    assert not [f for f in record["findings"] if f["code"] == "conflicting_outcomes"]


def _ruled_table(c: canvas.Canvas, x: float, y: float, widths: tuple[float, ...], rows: list[tuple[str, ...]]) -> None:
    """A ruled table, first row the header (bold), 18 pt rows, top-left corner at (x, y)."""
    c.setLineWidth(0.5)
    for k in range(len(rows) + 1):
        c.line(x, H - (y + 18 * k), x + sum(widths), H - (y + 18 * k))
    edge = x
    for w in (0.0, *widths):
        edge += w
        c.line(edge, H - y, edge, H - (y + 18 * len(rows)))
    for k, row in enumerate(rows):
        left = x
        for w, cell in zip(widths, row):
            _text(c, left + 3, y + 18 * k + 12, cell, k == 0, 9)
            left += w


def test_minutes_written_as_one_table_of_cases(tmp_path: Path):
    """`Protokoll fra møte i ...` whose cases are the rows of one `Sak | Tittel | Vedtak` table."""
    path = tmp_path / "case_table.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _text(c, 56, 60, "Protokoll fra møte i Porteføljestyret for transport og mobilitet (PS-MOBILITET)", True, 12)
    _text(c, 56, 84, "Møte 3/19, 5. juni 2019")
    _text(c, 56, 104, "Til stede: Anne Brit Rosvold (leder), Jon Ivar Sæle, Peder Aune")
    _ruled_table(c, 56, 130, (50, 190, 250), [
        ("Sak", "Tittel", "Vedtak"),
        ("14/19", "Godkjenning av saksliste", "Sakslisten ble godkjent."),
        ("15/19", "Habilitet", "Ingen medlemmer er inhabile."),
        ("16/19", "Tildeling [U.off. § 14]", "Styret innvilget søknadene 296612 og 296630."),
    ])
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert record["document"]["kind"] == "minutes"
    cases = {x["case_id"]: (x["title"], x["decision"]) for x in record["cases"]}
    assert cases == {
        "PS-MOBILITET 14/19": ("Godkjenning av saksliste", "Sakslisten ble godkjent."),
        "PS-MOBILITET 15/19": ("Habilitet", "Ingen medlemmer er inhabile."),
        "PS-MOBILITET 16/19": ("Tildeling [U.off. § 14]", "Styret innvilget søknadene 296612 og 296630."),
    }
    assert sorted((a["application_id"], a["outcome"], a["case_id"]) for a in record["applications"]) == [
        ("296612", "granted", "PS-MOBILITET 16/19"), ("296630", "granted", "PS-MOBILITET 16/19")]
    assert record["meetings"][0]["number"] == "3/19"
    assert not [f for f in record["findings"] if f["code"] == "case_number_unread"]


def test_a_case_number_opening_a_case_that_could_not_be_read_is_a_finding():
    """Minutes whose second case stands in the label column with nothing vedtak can read beside it:
    `case_number_unread` names it, rather than a silent miss."""
    text = """Møteprotokoll
Porteføljestyret for kompetanse, møte 5/22
Til stede Geir Ove Strand (leiar), Sigrid Hope

Sak PS-KOMPETANSE 33/22 Godkjenning av sakliste
Vedtak:
Innkalling og sakliste vart godkjende.

L|PS-KOMPETANSE 34/22
"""
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    assert [x["case_id"] for x in record["cases"]] == ["PS-KOMPETANSE 33/22"]
    unread = [f for f in record["findings"] if f["code"] == "case_number_unread"]
    assert [(f["case_id"], f["provenance"]["page"]) for f in unread] == [("PS-KOMPETANSE 34/22", 1)]


def test_attendance_labels_side_by_side_over_columns_of_names(tmp_path: Path):
    """`Medlemmer til stede | Forfall | Observatør | Fra Forskningsrådet` on one row, the names under each."""
    path = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _text(c, 63, 76, "PROTOKOLL", True, 20)
    _text(c, 63, 106, "Porteføljestyret for industri og prosessnæringer", True, 12)
    _text(c, 63, 126, "Styremøte nr. 6/2020, tirsdag 8. desember 2020")
    columns = [(69, "Medlemmer til stede", ["Camilla Rød (styreleder)", "Jørn Aas", "Øystein Lid"]),
               (195, "Forfall", ["Bente", "Sollie"]),
               (260, "Observatør", ["Trond Viken, NFD"]),
               (402, "Fra Forskningsrådet", ["Elin Holmsen,", "avdelingsdirektør"])]
    for x, label, names in columns:
        _text(c, x, 150, label, True)
        for k, name in enumerate(names):
            _text(c, x, 170 + 14 * k, name)
    _text(c, 63, 240, "Sak 44/20 Godkjenning av innkalling og dagsorden", True, 12)
    _text(c, 63, 260, "Vedtak:", True)
    _text(c, 63, 278, "Innkalling og dagsorden godkjennes.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    meeting = record["meetings"][0]
    assert (meeting["present"], meeting["chair"], meeting["absent"], meeting["observers"], meeting["staff"]) == (
        ["Camilla Rød", "Jørn Aas", "Øystein Lid"], "Camilla Rød", ["Bente Sollie"], ["Trond Viken"], ["Elin Holmsen"])


def test_meeting_number_wrapped_onto_the_next_line():
    """`Porteføljestyret for global utvikling og internasjonale relasjoner, møte` / `1/25`."""
    text = """Møteprotokoll
Porteføljestyret for global utvikling og internasjonale relasjoner, møte
1/25
Dato 16.09.2025
Til stede Tor Arne Hovland-Bjørnstad (leder), Audun Hovland

Sak PS-GLOBUT 1/25 Godkjenning av sakslisten
Vedtak:
Porteføljestyret godkjenner sakslisten.
"""
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    assert [(m["number"], m["date"]) for m in record["meetings"]] == [("1/25", "2025-09-16")]


def test_a_label_whose_first_line_ran_into_its_value(tmp_path: Path):
    """`Saksbehandlers forslag Porteføljestyret ... godkjenner ...` / `til vedtak`: the label's first line
    came too close to the text beside it; `Forslag til møteplan ...` / `Vedtak:` is no label."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path = tmp_path / "run_in.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    text_x = 56.7 + stringWidth("Saksbehandlers forslag", "Helvetica-Bold", 10) + 5  # a word space from the label
    _text(c, 56.7, 75.7, "Saksbehandlers forslag", True)
    _text(c, text_x, 75.7, "Porteføljestyret godkjenner innkalling og saksliste.")
    _text(c, 56.7, 88.3, "til vedtak", True)
    _text(c, 56.7, 112.2, "Kort bakgrunn", True)
    _text(c, 168.7, 112.4, "Innkalling til møte og saksdokumenter ble sendt ut 21.05.26.")
    _text(c, 60.7, 202.7, "Sak PS-LMB 42/26", True)
    _text(c, 190.7, 202.7, "Godkjenning av innkalling og saksliste", True)
    _text(c, 60.7, 220, "Til", True)
    _text(c, 190.7, 220, "Porteføljestyret for landbasert mat, miljø og bioressurser")
    _text(c, 190.7, 238, "BESLUTNINGSSAK", True)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert [(x["case_id"], x["proposed_decision"]) for x in record["cases"]] == [
        ("PS-LMB 42/26", "Porteføljestyret godkjenner innkalling og saksliste.")]
