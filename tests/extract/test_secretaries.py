"""Ways other secretaries write the same facts, each from a real string of a board paper vedtak misread.

A header written as one band of labelled values (`Beslutningssak · Til: … · Fra: …`, `Sakstype: Beslutningssak
Til: …`), the case type printed at the foot of a floated box, two short case papers side by side on one page,
outcome nouns in a table (`Tildeling`), reserve ranks written after or before their ids, a conflict sentence
that refers back to `saka`, the same conflict told twice, and staff with a comma inside their brackets."""

from __future__ import annotations

from pathlib import Path

import pytest
from linemaker import line_at as _line, lines_from, record_from as _record
from pagedraw import draw as _draw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from vedtak.document import Document, Line, Page
from vedtak.extract import extract_file
from vedtak.extractors.applications import extract_applications
from vedtak.extractors.cases import case_type_in_body, parse_header
from vedtak.extractors.conflicts import extract_conflicts
from vedtak.extractors.fields import split_label_band
from vedtak.extractors.people import attendees
from vedtak.extractors.text import block_text, text_sentences
from vedtak.lexicon import HEADER_LABELS, cell_outcome
from vedtak.nlp.vocab import Outcome
from vedtak.schema import validate_record

W, H = A4




# --------------------------------------------------------------------------------------------- header bands

@pytest.mark.parametrize(("text", "parts"), [
    ("Beslutningssak · Til: Porteføljestyret for avanserte materialer · Fra:",
     ["Beslutningssak", "Til: Porteføljestyret for avanserte materialer", "Fra:"]),
    ("Områdedirektør Jostein Brekken · Saksbehandler: Mette Lunde",
     ["Områdedirektør Jostein Brekken", "Saksbehandler: Mette Lunde"]),
    ("Sakstype: Beslutningssak Til: Porteføljestyret for samfunnssikkerhet og beredskap",
     ["Sakstype: Beslutningssak", "Til: Porteføljestyret for samfunnssikkerhet og beredskap"]),
    ("Fra: Områdedirektør Ingrid Wiig Saksbehandler: Sindre Lyng Kolstad",
     ["Fra: Områdedirektør Ingrid Wiig", "Saksbehandler: Sindre Lyng Kolstad"]),
    # running text is never cut: no separator, and the line does not open with a label
    ("Saken gjelder et notat fra direktøren Til: styret", ["Saken gjelder et notat fra direktøren Til: styret"]),
    ("Porteføljestyret for helse", ["Porteføljestyret for helse"]),
])
def test_a_band_of_labelled_values_is_read_one_label_at_a_time(text: str, parts: list[str]):
    pieces = split_label_band(_line(text), HEADER_LABELS)
    assert [p.text for p in pieces] == parts
    assert all(p.x0 < p.x1 for p in pieces) and pieces[0].x0 == pytest.approx(57.0)
    assert all(a.x1 <= b.x0 + 0.01 for a, b in zip(pieces, pieces[1:]))  # boxes in reading order, not overlapping


def test_a_header_band_gives_type_officer_and_sender():
    lines = [_line(t, 60 + 12 * k) for k, t in enumerate([
        "Sak PS-MATERIALER 3/19", "Årsrapport 2018",
        "Orienteringssak · Til: Porteføljestyret for avanserte materialer ·",
        "Fra: Områdedirektør Jostein Brekken · Saksbehandler: Mette", "Lunde Aasmundstad"])]
    header = parse_header(lines, None)
    assert (header.case_id, header.title, header.case_type) == ("PS-MATERIALER 3/19", "Årsrapport 2018", "information")
    assert header.from_ == "Områdedirektør Jostein Brekken"
    assert header.case_officers == ("Mette Lunde Aasmundstad",)


def test_the_case_type_at_the_foot_of_a_floated_box_counts_but_not_the_next_cases():
    body = [_line("Innstilling", 100), _line("Innkalling og saksliste godkjennes.", 112), _line("BESLUTNINGSSAK", 300)]
    assert case_type_in_body(body, None) == "decision"
    # `ORIENTERINGSSAK` printed right above the next case's `Sak` line is that case's type
    above_next = [*body[:2], _line("ORIENTERINGSSAK", 500)]
    assert case_type_in_body(above_next, _line("Sak PS-KULTURARV 5/26", 513)) is None
    assert case_type_in_body(body[:2], None) is None


def _side_by_side(path: Path) -> Path:
    """Two short case papers side by side on one page (reportlab, two columns), as PS-MATERIALER's book."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw(c, 57, 30, "Porteføljestyret for avanserte materialer – saksdokumenter møte 1/19", size=9)
    for x, number, title, proposal in ((57, 1, "Godkjenning av innkalling og saksliste", ["Innkalling og saksliste godkjennes."]),
                                       (314, 2, "Habilitet", ["Ingen av styrets medlemmer er inhabile i sakene som",
                                                              "behandles i møtet."])):
        rows = [(f"PS-MATERIALER {number}/19", True), (title, True),
                ("Beslutningssak · Til: Porteføljestyret for avanserte", False),
                ("materialer · Fra: Områdedirektør Jostein Brekken", False), ("", False), ("Innstilling:", True),
                *[(p, False) for p in proposal], ("", False), ("Bakgrunn", True),
                ("Innkalling og saksdokumenter ble sendt ut 5. februar", False), ("2019.", False)]
        for k, (text, bold) in enumerate(rows):
            _draw(c, x, 60 + 12.5 * k, text, bold, size=9)
    c.showPage()
    c.save()
    return path


def test_two_short_case_papers_side_by_side_are_two_columns(tmp_path: Path):
    record = extract_file(_side_by_side(tmp_path / "side_by_side.pdf"))
    validate_record(record)
    cases = {c["case_id"]: (c["title"], c["proposed_decision"], c["case_type"]) for c in record["cases"]}
    assert cases == {
        "PS-MATERIALER 1/19": ("Godkjenning av innkalling og saksliste", "Innkalling og saksliste godkjennes.", "decision"),
        "PS-MATERIALER 2/19": ("Habilitet", "Ingen av styrets medlemmer er inhabile i sakene som behandles i møtet.", "decision"),
    }


# --------------------------------------------------------------------------------------------- applications

@pytest.mark.parametrize(("cell", "outcome"), [
    ("Tildeling", Outcome.GRANTED), ("Bevilgning", Outcome.GRANTED), ("Løyving", Outcome.GRANTED),
    ("Anbefales", Outcome.GRANTED), ("Tilrådd", Outcome.GRANTED),
    ("Ikke anbefalt", Outcome.REJECTED), ("Ikkje tilrådd", Outcome.REJECTED), ("Avvises", Outcome.REJECTED),
    ("Reserve (1)", Outcome.RESERVE), ("Avslag", Outcome.REJECTED),
])
def test_outcome_cells_as_other_boards_write_them(cell: str, outcome: Outcome):
    assert cell_outcome(cell) == outcome


@pytest.mark.parametrize(("text", "expected"), [
    # ranks after the ids, the ids said twice in one sentence: one mention each
    ("Søknadene 362063 og 362070 vert førte opp på ei rangert reserveliste, med 362063 som nummer 1 og 362070 "
     "som nummer 2.", [("362063", "reserve", 1), ("362070", "reserve", 2)]),
    ("Søknadene 362070 og 362063 settes på reserveliste, med 362063 som nr. 1 og 362070 som nr. 2.",
     [("362070", "reserve", 2), ("362063", "reserve", 1)]),
    # ranks before the ids, in a dash list (a `1.` before an id ends no sentence)
    ("Porteføljestyret vedtek følgjande:\n– Vert sette på reserveliste i prioritert rekkjefølgje: 1. 318252, 2. 318266\n"
     "– Vert avslått: 318271 og 318285",
     [("318252", "reserve", 1), ("318266", "reserve", 2), ("318271", "rejected", None), ("318285", "rejected", None)]),
])
def test_reserve_ranks_where_the_text_gives_them(text: str, expected: list[tuple[str, str, int | None]]):
    result = extract_applications(text, [], case_id="PS-SPRÅK 17/21", stage="proposed")
    assert [(m.application_id, m.outcome, m.rank) for m in result.mentions] == expected
    assert result.unread == []


def test_a_rank_before_an_id_ends_no_sentence():
    assert text_sentences("reserveliste i prioritert rekkjefølgje: 1. 318252, 2. 318266") == [
        "reserveliste i prioritert rekkjefølgje: 1. 318252, 2. 318266"]


# --------------------------------------------------------------------------------------------- conflicts

def _conflicts(text: str, recorded_in: str, about_itself: bool = False) -> set[tuple[str, str, str]]:
    lines = lines_from(text)
    found, _ = extract_conflicts(block_text(lines), lines, recorded_in=recorded_in, meeting="5/22", stage="adopted",
                                 default_board="PS-KOMPETANSE", about_itself=about_itself)
    return {(c.case_id, c.person, c.role) for c in found}


def test_a_sentence_that_refers_back_to_the_case_named_before():
    text = ("Liv Marit Aase erklærte seg inhabil i sak 36/22 og gjekk ut av møtet under behandlinga av saka.\n"
            "Styreleiar Geir Ove Strand var òg inhabil i sak 36/22, då han sit i styret til ein av søkjarinstitusjonane.\n"
            "Nestleiar Sigrid Hope leia møtet under behandlinga av saka.")
    assert _conflicts(text, "PS-KOMPETANSE 34/22") == {
        ("PS-KOMPETANSE 36/22", "Liv Marit Aase", "inhabile"), ("PS-KOMPETANSE 36/22", "Geir Ove Strand", "inhabile"),
        ("PS-KOMPETANSE 36/22", "Sigrid Hope", "acting_chair")}


def test_a_cases_own_account_of_who_left_and_who_chaired():
    text = "Torunn Vikøren og Magnus Skjelbred forlét møtet under behandlinga av saka, og Arvid Sunde leia møtet."
    assert _conflicts(text, "PS-KOMPETANSE 36/22", about_itself=True) == {
        ("PS-KOMPETANSE 36/22", "Arvid Sunde", "acting_chair"), ("PS-KOMPETANSE 36/22", "Torunn Vikøren", "inhabile"),
        ("PS-KOMPETANSE 36/22", "Magnus Skjelbred", "inhabile")}
    # no case named: in the case's own account it is that case; in a habilitet case's text, no case at all
    own = "Ingrid Hjelmeland melde at ho sit i styret til ein av søkjarane, Fjord Norge AS, og er inhabil."
    assert _conflicts(own, "PS-REISELIV 11/21", about_itself=True) == {("PS-REISELIV 11/21", "Ingrid Hjelmeland", "inhabile")}
    assert _conflicts(own, "PS-REISELIV 10/21") == set()
    # the chair named at the opening of the minutes is no stand-in; a role word is no subject
    assert _conflicts("Styreleder Kari Nordmann ledet møtet.", "PS-KOMPETANSE 33/22") == set()


def test_a_conflict_told_twice_in_the_minutes_is_one_conflict():
    record = _record("""Møteprotokoll
Porteføljestyret for havrom og maritim næring (PS-HAVROM)
Møte 1/26 vart halde 4. februar 2026.
Til stades: Torunn Vikøren (leiar), Magnus Skjelbred, Arvid Sunde og Eivind Ulvestad.
Frå Forskingsrådet: Guro Seim (avdelingsdirektør) og Rolf Ask (sakshandsamar, referent).

Sak PS-HAVROM 02/26 – Habilitet

Magnus Skjelbred fråtrådte under behandlinga av sak 04/26, då han er medsøkjar på ein av søknadene.
Arvid Sunde vart peika ut som setjeleiar under behandlinga av saka.
Vedtak (samrøystes):
Porteføljestyret tek habilitetsvurderingane til vitande.

Sak PS-HAVROM 04/26 – Tildeling av midlar [U.off. § 14]

Magnus Skjelbred forlét møtet under behandlinga av saka, og Arvid Sunde leia møtet.
Vedtak (samrøystes):
Søknad 362015 vert innvilga.
""")
    assert sorted((c["case_id"], c["person"], c["role"], c["recorded_in"]) for c in record["conflicts"]) == [
        ("PS-HAVROM 4/26", "Arvid Sunde", "acting_chair", "PS-HAVROM 2/26"),
        ("PS-HAVROM 4/26", "Magnus Skjelbred", "inhabile", "PS-HAVROM 2/26")]
    assert record["meetings"][0]["staff"] == ["Guro Seim", "Rolf Ask"]


def test_staff_with_a_comma_inside_their_brackets():
    assert [n for n, _ in attendees(["Guro Seim (avdelingsdirektør) og Rolf Ask (sakshandsamar, referent)."])] == [
        "Guro Seim", "Rolf Ask"]


# --------------------------------------------------------------------------------------------- narrow label cells

def _two_grids(path: Path) -> Path:
    """A form whose text column starts at 132.7 pt above a header box whose values start at 148.8 pt, the
    label `Saksbehandlers forslag til vedtak` too wide for its cell (its first word runs up to the text)."""
    c = canvas.Canvas(str(path), pagesize=A4)

    form = [("Saksbehandlers", "Porteføljestyret tar godkjent"), ("forslag til", "møteprotokoll fra møte 4/24 til"),
            ("vedtak", "orientering."), ("", ""), ("Kort bakgrunn", "Møteprotokollen fra møte 4/24 ble"),
            ("", "godkjent i møtet og publisert på"), ("", "Forskningsrådets nettsider.")]
    for k, (label, value) in enumerate(form):
        _draw(c, 56.7, 76 + 12.6 * k, label + " ", True)  # a table cell's text ends with its space, as LibreOffice's and reportlab's do
        _draw(c, 132.7, 76 + 12.6 * k, value)
    box = [("Sak PS-NATTEK", "Godkjent møteprotokoll fra"), ("42/2024", "møte 4/24"), ("", "ORIENTERINGSSAK"),
           ("Til", "Porteføljestyret for naturvitenskap"), ("Saksbehandler", "Jorunn Bjørnstad Rustad"),
           ("Fra", "Områdedirektør Snorre H. Flatebø")]
    for k, (label, value) in enumerate(box):
        _draw(c, 60.7, 200 + 12.6 * k, label, True)
        _draw(c, 148.8, 200 + 12.6 * k, value)
    c.showPage()
    c.save()
    return path


def test_a_label_too_wide_for_its_cell_is_cut_at_its_own_forms_text_column(tmp_path: Path):
    record = extract_file(_two_grids(tmp_path / "two_grids.pdf"))
    validate_record(record)
    (case,) = record["cases"]
    assert case["case_id"] == "PS-NATTEK 42/24"
    assert case["proposed_decision"] == "Porteføljestyret tar godkjent møteprotokoll fra møte 4/24 til orientering."
    assert case["case_type"] == "information"


def _grids_side_by_side(path: Path) -> Path:
    """The end of one case paper's form at the top of the right half (`Videre saksgang`) beside the next
    case's header box on the left, rows interleaved."""
    c = canvas.Canvas(str(path), pagesize=A4)

    _draw(c, 306.6, 75.0, "Videre", True)
    _draw(c, 382.6, 75.1, "Administrasjonen følger opp i tråd")
    _draw(c, 306.6, 87.6, "saksgang", True)
    _draw(c, 382.6, 87.7, "med orienteringene.")
    box = [("PS-GLOBUT", "Orienteringer"), ("16/23", "ORIENTERINGSSAK"), ("Til", "Porteføljestyret for global utvikling"),
           ("Saksbehandler", "Unni Hovland Sundby"), ("Fra", "Områdedirektør Audun A. Årdal")]
    for k, (label, value) in enumerate(box):
        _draw(c, 60.7, 81.0 + 12.6 * k + (6 if k > 1 else 0), label, True)
        _draw(c, 148.8, 81.0 + 12.6 * k + (6 if k > 1 else 0), value)
    form = [("Forslag til", "Porteføljestyret tar informasjonen"), ("vedtak:", "til orientering.")]
    for k, (label, value) in enumerate(form):
        _draw(c, 56.7, 180 + 12.6 * k, label, True)
        _draw(c, 132.7, 180 + 12.6 * k, value)
    for k in range(20):  # the rest of the page: the left column's running text
        _draw(c, 132.7, 230 + 12.6 * k, "Administrasjonen vil i møtet orientere om status.")
    c.showPage()
    c.save()
    return path


def test_two_forms_side_by_side_are_read_one_after_the_other(tmp_path: Path):
    from vedtak.pdf.reader import read_document

    texts = [l.text for l in read_document(_grids_side_by_side(tmp_path / "side.pdf")).lines]
    end = texts.index("med orienteringene.")
    assert texts[: end + 1] == ["Videre", "saksgang", "Administrasjonen følger opp i tråd", "med orienteringene."]
    assert texts[end + 1 : end + 3] == ["PS-GLOBUT", "16/23"]


def test_a_label_drawn_over_its_value_is_a_word_of_its_own(tmp_path: Path):
    """`Administrasjonen` in bold runs 6 pt out of its narrow cell, over `Porteføljestyret` (another text
    object): two words, as on the page; characters of one text object that overlap stay one word."""
    from vedtak.pdf.backends import get_backend

    path = tmp_path / "overrun.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw(c, 56.7, 80, "Administrasjonen", True)  # 82 pt wide: ends at 138.7
    _draw(c, 132.7, 80, "Porteføljestyret tar godkjent")
    text = c.beginText(56.7, H - 120)
    text.setFont("Helvetica", 10)
    text.setCharSpace(-3)  # tight letters inside one text object: each overlaps the one before by 3 pt
    text.textOut("Saksbehandler")
    c.drawText(text)
    c.showPage()
    c.save()
    (page,) = list(get_backend("pdfium")(path))
    words = [w.text for w in page.words]
    assert words[:4] == ["Administrasjonen", "Porteføljestyret", "tar", "godkjent"]
    assert "Saksbehandler" in words


# --------------------------------------------------------------------------------------------- minutes as others write them

def test_minutes_with_headings_ending_at_their_colon_and_bare_attendance_labels():
    record = _record("""PROTOKOLL
Porteføljestyret for likestilling og inkludering – møte 3/22
Dato og tid: Torsdag 8. september 2022, kl. 10.00–14.30
Medlemmer: Randi Kjos (leder), Tarjei Bøe, Amina Yusuf, Jon Erik Fossum og Lise-Lotte Berg
Vararepresentant: Petter Nome (for Hilde Vangsnes)
Forfall: Hilde Vangsnes
Sekretariat: Cecilie Strand (seniorrådgiver) og Mohammad Rezaei (rådgiver)

Sak PS-LIKESTILLING 15/22:
Godkjenning av innkalling og saksliste
Beslutning: Innkalling og saksliste ble godkjent.

Sak PS-LIKESTILLING 19/22:
Tildeling – Inkludering i arbeidsliv og utdanning [U.off. § 14]
Beslutning: Styret fattet vedtak om tildeling i samsvar med tabellen nedenfor.
    337801 | Bjørg Lunde | Innvilget
    337836 | Olav Ruud | Reserve 1
    337853 | Mats Brenna | Avslått
""")
    (meeting,) = record["meetings"]
    assert meeting["present"] == ["Randi Kjos", "Tarjei Bøe", "Amina Yusuf", "Jon Erik Fossum", "Lise-Lotte Berg", "Petter Nome"]
    assert meeting["chair"] == "Randi Kjos" and meeting["absent"] == ["Hilde Vangsnes"]
    assert meeting["staff"] == ["Cecilie Strand", "Mohammad Rezaei"]
    cases = {c["case_id"]: (c["title"], c["decision"]) for c in record["cases"]}
    assert cases["PS-LIKESTILLING 15/22"] == ("Godkjenning av innkalling og saksliste", "Innkalling og saksliste ble godkjent.")
    assert cases["PS-LIKESTILLING 19/22"][0] == "Tildeling – Inkludering i arbeidsliv og utdanning [U.off. § 14]"


@pytest.mark.parametrize(("account", "decision"), [
    # a numbered list closing the account is the decision
    ("Leiaren gjorde merksam på ein skrivefeil i sak 4/21.\n1. Protokollen frå møte 1/21 vart godkjend.",
     "1. Protokollen frå møte 1/21 vart godkjend."),
    # the sentence that says what the board resolved, also where it starts mid-line
    ("Administrasjonen presenterte innstillingen. Styret vedtok å godkjenne protokollen fra møte 1/26.",
     "Styret vedtok å godkjenne protokollen fra møte 1/26."),
    ("Seniorrådgiver Cecilie Strand orienterte om budsjettet.\nPorteføljestyret tok orienteringen til etterretning.",
     "Porteføljestyret tok orienteringen til etterretning."),
    ("Styret diskuterte innretningen av utlysningen.", None),   # an account only: no decision, and a finding
])
def test_a_decision_with_no_label(account: str, decision: str | None):
    record = _record(f"""Møteprotokoll
Porteføljestyret for reiseliv og opplevingsnæringar (PS-REISELIV)
Møte 2/21, 16. juni 2021
Til stades: Ingrid Hjelmeland (leiar), Olav Myklebust

Sak 10/21 – Protokoll frå førre møte

{account}
""")
    (case,) = record["cases"]
    assert case["decision"] == decision
    unread = [f for f in record["findings"] if f["code"] == "minutes_case_without_decision"]
    assert bool(unread) is (decision is None)


@pytest.mark.parametrize("label", ["Enstemmig vedtak:", "Porteføljestyret fatter følgende vedtak:", "Styret sit vedtak:"])
def test_more_decision_labels(label: str):
    from vedtak.lexicon import DECISION_LABEL

    assert DECISION_LABEL.match(label)


def test_a_comma_list_of_names_broken_inside_a_name():
    assert [n for n, _ in attendees(["Ingrid Hjelmeland (leiar), Olav Myklebust (nestleiar), Brita Kvamme, Joakim",
                                     "Fet, Sunniva Rørvik, Arne Ulvestad"])] == [
        "Ingrid Hjelmeland", "Olav Myklebust", "Brita Kvamme", "Joakim Fet", "Sunniva Rørvik", "Arne Ulvestad"]


def test_a_rank_at_the_end_of_its_clause():
    result = extract_applications("Søknad 330150 vert sett på reservelista som nummer 1 og søknad 330168 som nummer 2.", [],
                                  case_id="PS-REISELIV 11/21", stage="adopted")
    assert [(m.application_id, m.outcome, m.rank) for m in result.mentions] == [("330150", "reserve", 1), ("330168", "reserve", 2)]


# --------------------------------------------------------------------------------------------- titles outside the header box

def test_a_title_printed_as_a_heading_below_a_header_block(tmp_path: Path):
    """A letterhead, a borderless `Saksnummer | PS-POLAR 17/18` block with no title, then the title as a heading."""
    path = tmp_path / "letterhead.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)

    _draw(c, 62, 70, "NORGES FORSKNINGSRÅD", True, serif=True)
    _draw(c, 400, 70, "SAKSFREMLEGG", True, serif=True)
    for k, (label, value) in enumerate([("Saksnummer", "PS-POLAR 17/18"), ("Møte", "3/18, 12. juni 2018"),
                                        ("Saksbehandler", "Mats Kristoffer Olsen"), ("Sakstype", "Beslutningssak"),
                                        ("Offentlighet", "Unntatt offentlighet, jf. offentleglova § 14")]):
        _draw(c, 62, 120 + 14 * k, label, serif=True)
        _draw(c, 153, 120 + 14 * k, value, serif=True)
    _draw(c, 68, 224, "Tildeling – Polarforskning i samarbeid med Svalbard-miljøene", True, 13, serif=True)
    _draw(c, 68, 241, "[U.off. § 14]", True, 13, serif=True)
    _draw(c, 68, 265, "Forslag til vedtak", True, serif=True)
    _draw(c, 68, 281, "Porteføljestyret innvilger søknadene 282204 og 282215.", serif=True)
    _draw(c, 68, 310, "Bakgrunn", True, serif=True)
    _draw(c, 68, 326, "Utlysningen hadde en ramme på 35 mill. kroner.", serif=True)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    (case,) = record["cases"]
    assert case["case_id"] == "PS-POLAR 17/18"
    assert case["title"] == "Tildeling – Polarforskning i samarbeid med Svalbard-miljøene [U.off. § 14]"
    assert case["exempt"] == "U.off. § 14" and case["case_type"] == "decision"
    assert case["proposed_decision"] == "Porteføljestyret innvilger søknadene 282204 og 282215."


def test_a_title_printed_above_the_header_and_the_type_and_meeting_beside_the_case_number():
    header = [_line(t, 90 + 12 * k) for k, t in enumerate(["Sak PS-NANO 07/20 VEDTAKSSAK Møte 2/20 · 28.04.2020",
                                                            "Til: Porteføljestyret for nanoteknologi"])]
    info = parse_header(header, None)
    assert (info.case_id, info.title, info.case_type) == ("PS-NANO 7/20", None, "decision")
    from vedtak.extractors.cases import heading_title

    assert heading_title([_line("Godkjenning av innkalling og sakliste", 68)]) == "Godkjenning av innkalling og sakliste"
    assert heading_title([_line("Innkalling og sakliste vart sende ut 14.04.2020.", 68)]) is None  # running text
    assert heading_title([_line("Framlegg til vedtak", 68)]) is None  # a label


@pytest.mark.parametrize(("text", "opens"), [
    ("Innstilling til vedtak", True), ("Innstilling frå administrasjonen", True), ("Innstilling:", True),
    ("Innstilling fra styret ble lagt fram", False),
])
def test_recommendation_labels(text: str, opens: bool):
    from vedtak.lexicon import RECOMMENDATION_START

    assert bool(RECOMMENDATION_START.match(text)) is opens


@pytest.mark.parametrize(("text", "exempt"), [
    ("Tildeling [U.off. § 14]", "U.off. § 14"), ("Unntatt offentlighet, jf. offentleglova § 14", "U.off. § 14"),
    ("Unntatt offentlighet, offl. § 13", "U.off. § 13"), ("Offentlig", None),
])
def test_exemption_as_written(text: str, exempt: str | None):
    from vedtak.extractors.cases import exempt_of

    assert exempt_of(text) == exempt


def test_minutes_with_code_first_headings_no_labels_and_conflicts_noted_at_the_end(tmp_path: Path):
    """`PS-TRANSPORT 10/26 Protokoll fra møte 1/26` in bold, an account starting `Til protokollen ...` (no header
    label), decisions as `Styret vedtok å ...`, and the conflicts noted after the last case."""
    path = tmp_path / "transport.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 60.0

    def put(text: str, bold: bool = False, gap: float = 0.0) -> None:
        nonlocal y
        y += gap
        _draw(c, 62, y, text, bold)
        y += 14

    put("PROTOKOLL", True)
    put("Porteføljestyret for transport og mobilitet (PS-TRANSPORT) – møte 2/26", True)
    put("Til stede: Kristin Vatne (styreleder), Håkon Engebretsen (nestleder), Anders Myhre")
    put("PS-TRANSPORT 10/26 Protokoll fra møte 1/26", True, 12)
    put("Til protokollen fra møte 1/26 var det kommet en rettelse om rammen i sak 4/26.")
    put("Styret vedtok å godkjenne protokollen fra møte 1/26 med denne rettelsen.")
    put("PS-TRANSPORT 11/26 Tildeling – Innovasjonsprosjekter [U.off. § 14]", True, 12)
    put("Styret drøftet særlig balansen mellom prosjekter i by og distrikt.")
    put("Styret vedtok å innvilge søknadene 359412 og 359430. Søknadene 359455 og 359468 ble satt på")
    put("reserveliste, i den rekkefølgen de er nevnt.")
    put("PS-TRANSPORT 14/26 Eventuelt", True, 12)
    put("Ingen saker ble meldt.")
    put("Merknader til protokollen", True, 12)
    put("Habilitet", True)
    put("Styreleder Kristin Vatne er inhabil i sak 11/26. Nestleder Håkon Engebretsen ledet møtet under")
    put("behandlingen av sak 11/26.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert record["document"]["kind"] == "minutes"
    cases = {x["case_id"]: x["decision"] for x in record["cases"]}
    assert cases == {
        "PS-TRANSPORT 10/26": "Styret vedtok å godkjenne protokollen fra møte 1/26 med denne rettelsen.",
        "PS-TRANSPORT 11/26": "Styret vedtok å innvilge søknadene 359412 og 359430. Søknadene 359455 og 359468 ble satt på "
                              "reserveliste, i den rekkefølgen de er nevnt.",
        "PS-TRANSPORT 14/26": None}
    assert sorted((a["application_id"], a["outcome"], a["rank"]) for a in record["applications"]) == [
        ("359412", "granted", None), ("359430", "granted", None), ("359455", "reserve", 1), ("359468", "reserve", 2)]
    assert sorted((x["case_id"], x["person"], x["role"]) for x in record["conflicts"]) == [
        ("PS-TRANSPORT 11/26", "Håkon Engebretsen", "acting_chair"), ("PS-TRANSPORT 11/26", "Kristin Vatne", "inhabile")]


@pytest.mark.parametrize(("text", "name"), [
    ("Habilitet Styreleder Kristin Vatne", "Kristin Vatne"),       # a heading run into the sentence
    ("Oddrun Samdal, settemedlem sak 55/24", "Oddrun Samdal"),
    ("professor Oddrun Samdal ved Universitetet i Bergen", "Oddrun Samdal"),
])
def test_names_with_titles_and_headings_around_them(text: str, name: str):
    from vedtak.nlp.names import clean_person_name

    assert clean_person_name(text) == name


def test_nynorsk_loyve_grants_and_the_noun_does_not():
    result = extract_applications("Porteføljestyret løyver til saman kr 21,4 mill. til følgjande prosjekt: 318602 (kr 7,9 mill.) "
                                  "og 318624 (kr 4,5 mill.).", [], case_id="PS-VANN 3/19", stage="proposed")
    assert [(m.application_id, m.outcome) for m in result.mentions] == [("318602", "granted"), ("318624", "granted")]
    from vedtak.nlp.outcomes import outcome_spans

    assert outcome_spans("Løyvinga til søknad 318602 er klar.") == []


def test_a_decision_that_introduces_a_dash_list_keeps_its_colon():
    record = _record("""Møteprotokoll
Porteføljestyret for jordbruk og matproduksjon (PS-JORDBRUK), møte 5/24
Til stede: Tone Bakkeli, Per Hovde

Sak 42/24 Tildeling av midler [U.off. § 14]

Administrasjonen la fram innstillingen.
Konklusjon: Porteføljestyret fatter følgende vedtak:
– Innvilges: 351102, 351118 og 351125
– Settes på reserveliste, i prioritert rekkefølge: 351133, 351147
– Avslås: 351150 og 351164
""")
    (case,) = record["cases"]
    assert case["decision"].startswith("Porteføljestyret fatter følgende vedtak:\n– Innvilges: 351102")
    assert sorted((a["application_id"], a["outcome"], a["rank"]) for a in record["applications"]) == [
        ("351102", "granted", None), ("351118", "granted", None), ("351125", "granted", None),
        ("351133", "reserve", 1), ("351147", "reserve", 2), ("351150", "rejected", None), ("351164", "rejected", None)]


def test_tables_whose_caption_gives_the_outcome(tmp_path: Path):
    """`Tabell 1 Søknader som foreslås innvilget` over `Søknadsnr. | Prosjekttittel | Søker` (no outcome column),
    and a second table whose caption closes the page before it."""
    path = tmp_path / "captions.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)

    _draw(c, 56, 60, "Sak PS-POLAR 17/18", True)
    _draw(c, 56, 74, "Tildeling – Polarforskning [U.off. § 14]", True)
    _draw(c, 56, 100, "Forslag til vedtak", True)
    _draw(c, 56, 114, "Porteføljestyret innvilger søknadene i tabell 1 og avslår søknadene i tabell 2.")
    _draw(c, 56, 140, "Tabell 1 Søknader som foreslås innvilget")
    for k, row in enumerate([("Søknadsnr.", "Prosjekttittel", "Søker"), ("282204", "Havis i Framstredet", "Norsk Polarinstitutt"),
                             ("282215", "Permafrost på Svalbard", "UNIS")]):
        for x, cell in zip((56, 140, 360), row):
            _draw(c, x, 160 + 16 * k, cell, bold=k == 0)
    _draw(c, 56, 790, "Tabell 2 Nynorsk: Avslåtte søknader")
    c.showPage()
    for k, row in enumerate([("Søknadsnr.", "Prosjekttittel", "Søker"), ("282251", "Mikroplast i Arktis", "NILU")]):
        for x, cell in zip((56, 140, 360), row):
            _draw(c, x, 60 + 16 * k, cell, bold=k == 0)
    _draw(c, 56, 110, "Bakgrunn", True)
    _draw(c, 56, 124, "Utlysningen hadde en ramme på 35 mill. kroner.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert sorted((a["application_id"], a["outcome"]) for a in record["applications"]) == [
        ("282204", "granted"), ("282215", "granted"), ("282251", "rejected")]
    assert not [f for f in record["findings"] if f["code"] in ("unknown_table", "unassigned_application_ids")]


def test_a_title_with_its_exemption_bracket_wrapped():
    record = _record("""Møteprotokoll
Porteføljestyret for utdanning (PS-UTDANNING), møte 4/25
Til stades: Ragnvald Sunde, Ingvild Bergset

PS-UTDANNING 36/25 Tildeling – Praksisnær utdanningsforsking [U.off. §
14]

Solveig Myren gjekk gjennom innstillinga.
Styret sitt vedtak: Søknad 355263 og 355274 vert sette på reservelista i denne rekkjefølgja.
""")
    (case,) = record["cases"]
    assert case["title"] == "Tildeling – Praksisnær utdanningsforsking [U.off. § 14]" and case["exempt"] == "U.off. § 14"
    assert [(a["application_id"], a["rank"]) for a in record["applications"]] == [("355263", 1), ("355274", 2)]


def test_a_header_grid_read_value_before_label():
    """A CSS grid that the text layer gives value first: `PS-MIGRASJON 19/25`, `3/25 – 03.06.2025`, `Sak`, `Møte`,
    `Godkjenning av ...`, `Tittel`, ... (labels at 69 pt, values at 137 pt and 372 pt)."""
    cells = [("Sak PS-MIGRASJON 19/25", 137, 85), ("3/25 – 03.06.2025", 372, 85), ("Sak", 69, 85), ("Møte", 304, 85),
             ("Godkjenning av innkalling og saksliste", 137, 108), ("Tittel", 69, 107), ("Beslutningssak", 137, 131),
             ("2025/04206", 372, 131), ("Sakstype", 69, 131), ("Arkivref.", 304, 131),
             ("Avdelingsdirektør Geir Hovland", 137, 154), ("Oda Brekken", 372, 154), ("Ansvarlig", 69, 154), ("Saksbeh.", 304, 154)]
    header = parse_header([_line(t, top, x) for t, x, top in cells], None)
    assert (header.case_id, header.title, header.case_type) == ("PS-MIGRASJON 19/25", "Godkjenning av innkalling og saksliste", "decision")
    assert header.responsible_director == "Avdelingsdirektør Geir Hovland" and header.case_officers == ("Oda Brekken",)


def test_a_reserves_place_is_its_outcome_cells_number_not_the_overall_rank():
    from vedtak.blocks import Table
    from vedtak.extractors.tables import applications_from_table
    from vedtak.nlp.vocab import ColumnMeaning as C

    rows = (("1", "352871", "Arbeidsinkludering", "Innvilges"), ("4", "352912", "Språk og arbeid", "Reserveliste (1)"),
            ("5", "352929", "Bosetting", "Reserveliste (2)"), ("6", "352933", "Mobilitet", "Avslås"))
    table = Table(("Rang", "Søknadsnummer", "Prosjekttittel", "Innstilling"), (C.RANK, C.APPLICATION_ID, C.TITLE, C.OUTCOME),
                  rows, tuple(() for _ in rows), ())
    mentions, unread = applications_from_table(table, [_line("x")], case_id="PS-MIGRASJON 22/25", stage="proposed")
    assert [(m.application_id, m.outcome, m.rank) for m in mentions] == [
        ("352871", "granted", None), ("352912", "reserve", 1), ("352929", "reserve", 2), ("352933", "rejected", None)]
    assert unread == []


def test_a_list_item_ends_where_the_text_returns_to_the_margin():
    from vedtak.extractors.text import paragraphs

    lines = [_line("Porteføljestyret bevilger til sammen kr 38,6 mill. til fire prosjekter, slik:", 100, 57),
             _line("– 361240 Enzymer for foredling av tang og tare (Møreforsking) – kr 9,5 mill.", 113, 71),
             _line("To søknader settes på reserveliste, rangert:", 126, 57),
             _line("1. 361266 Fermentert fôr til laks", 139, 71)]
    assert [[l.text[:12] for l in p] for p in paragraphs(lines)] == [
        ["Porteføljest"], ["– 361240 Enz"], ["To søknader "], ["1. 361266 Fe"]]


def test_a_habilitet_paper_that_sets_out_its_assessment_in_the_background_section():
    record = _record("""Saksdokumenter
Porteføljestyret for omstilling (PS-OMSTILLING) – møte 4/23
\f
Sak PS-OMSTILLING 28/23 Habilitet
Til: Porteføljestyret for omstilling
Fra: Områdedirektør Kari Lie

Forslag til vedtak
Porteføljestyret tar administrasjonens habilitetsvurdering til etterretning.

Bakgrunn
Administrasjonen har gått gjennom søkerlisten i sak 30/23 mot medlemmenes egenerklæringer. Marte
Lund Grini er inhabil i sak 30/23 fordi arbeidsgiveren hennes, Fafo, er søker.
""")
    assert [(c["case_id"], c["person"], c["stage"]) for c in record["conflicts"]] == [
        ("PS-OMSTILLING 30/23", "Marte Lund Grini", "proposed")]
    assert not [f for f in record["findings"] if f["code"] == "habilitet_unresolved"]


def test_no_conflict_declared_with_a_possessive():
    from vedtak.extractors.conflicts import NONE_DECLARED

    assert NONE_DECLARED.search("Ingen av porteføljestyrets medlemmer er vurdert inhabile i sakene som behandles i møtet.")


def test_a_table_skips_its_repeated_header_and_ends_at_cells_out_of_its_columns():
    from vedtak.blocks import build_blocks

    rows = [("Søknadsnr.", "Prosjekttittel", "Forslag"), ("356686", "Ny kunnskap om kvanteteknologi", "Innvilget"),
            ("Søknadsnr.", "Prosjekttittel", "Forslag"), ("356999", "Tiltak for digital sikkerhet", "Avslag"),
            ("356686", "Tiltak for bioteknologi for helse", "Avslag")]
    lines = []
    for k, row in enumerate(rows):
        for x, text in zip((57.0, 140.0, 420.0), row):
            lines.append(Line(text, 1, x, 100 + 16 * k, x + 5.0 * len(text), 110 + 16 * k, 0, "free", False, 6.0, k in (0, 2), 10.0))
    lines.append(Line("Kort bakgrunn", 1, 57.0, 200, 120, 210, 0, "free", False, 6.0, True, 10.0))
    lines.append(Line("Porteføljestyret vedtok prosedyren i sak 19/24.", 1, 200.0, 200, 430, 210, 0, "free", False, 6.0, False, 10.0))
    (table,) = [b.table for b in build_blocks(Document("0" * 64, "t.pdf", (Page(1, 595.0, 842.0, tuple(lines)),))) if b.table]
    assert table.rows == (("356686", "Ny kunnskap om kvanteteknologi", "Innvilget"), ("356999", "Tiltak for digital sikkerhet", "Avslag"),
                          ("356686", "Tiltak for bioteknologi for helse", "Avslag"))


def test_an_attendance_matrix_with_a_presence_column_and_a_vote_note():
    from vedtak.blocks import Table
    from vedtak.extractors.tables import attendance_from_table
    from vedtak.nlp.vocab import AttendanceRole, ColumnMeaning as C

    rows = (("Ellen Marie Strand", "Styreleder", "Ja"), ("Ragnhild Opsahl", "Medlem", "Forfall"), ("Terje Vold", "Medlem", "Ja"))
    table = Table(("Navn", "Funksjon", "Til stede"), (C.PERSON, C.ROLE, C.PRESENCE), rows, tuple(() for _ in rows), ())
    assert [(n, r) for n, r, _ in attendance_from_table(table)] == [
        ("Ellen Marie Strand", AttendanceRole.CHAIR), ("Ragnhild Opsahl", AttendanceRole.ABSENT), ("Terje Vold", AttendanceRole.PRESENT)]
    result = extract_applications("Porteføljestyret innvilger søknadene 294410 og 294448. Søknad 294452 settes på reserveliste. "
                                  "Vedtaket ble fattet mot én stemme (Yusuf Demir), som ville innvilge 294452 i stedet for 294448.",
                                  [], case_id="PS-OPPVEKST 11/19", stage="adopted")
    assert [(m.application_id, m.outcome) for m in result.mentions] == [
        ("294410", "granted"), ("294448", "granted"), ("294452", "reserve")]


def test_a_habilitet_paper_with_no_proposal_read_still_gives_the_assessment_in_its_sections():
    record = _record("""Saksdokumenter
Porteføljestyret for omstilling (PS-OMSTILLING) – møte 4/23
\f
Sak PS-OMSTILLING 28/23 Habilitet
Til: Porteføljestyret for omstilling
Fra: Områdedirektør Kari Lie
BESLUTNINGSSAK

Bakgrunn
Administrasjonen har gått gjennom søkerlisten i sak 30/23. Marte Lund Grini er inhabil i sak 30/23.
""")
    assert [(c["case_id"], c["person"], c["stage"]) for c in record["conflicts"]] == [
        ("PS-OMSTILLING 30/23", "Marte Lund Grini", "proposed")]


# --------------------------------------------------------------------------------------------- a ruled table over a page break

def _ruled_row(c: canvas.Canvas, cols: tuple[float, ...], top: float, bottom: float, cells: tuple[str, ...],
               rule_above: bool, rule_below: bool, bold: bool = False) -> None:
    """One row of a ruled table as a browser prints it: uprights at every column edge, and the rules above
    and below only where the row is not broken by the page."""
    for x in cols:
        c.line(x, H - top, x, H - bottom)
    for y, drawn in ((top, rule_above), (bottom, rule_below)):
        if drawn:
            c.line(cols[0], H - y, cols[-1], H - y)
    for x, text in zip(cols, cells):
        for k, piece in enumerate(text.split("\n")):
            if piece:
                _draw(c, x + 6, top + 13 + 13 * k, piece, bold=bold)


def test_a_ruled_minutes_table_broken_by_a_page_with_its_header_repeated(tmp_path: Path):
    """Hand batch 2 (h09, Chromium): the row of `17/19` runs off page 1 with no rule under it; page 2 repeats
    `Sak | Tittel | Vedtak` with no rule between it and the rest of the row (`§ 14]` | `Søknadene ... ble
    avslått.`). The uprights say where the rows end, and the repeated header is no gap that ends the table."""
    from vedtak.pdf.layout import closing_rules
    from vedtak.pdf.raw import Edge

    path = tmp_path / "broken_table.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    cols = (56.7, 107.7, 334.5, 540.0)
    _draw(c, 56, 60, "Protokoll fra møte i Porteføljestyret for transport og mobilitet (PS-MOBILITET)", True)
    _draw(c, 56, 80, "Møte 3/19 · Onsdag 5. juni 2019 kl. 09.30–15.00")
    _draw(c, 56, 100, "Til stede: Anne Brit Rosvold (leder), Jon Ivar Sæle, Peder Aune")
    header = ("Sak", "Tittel", "Vedtak")
    _ruled_row(c, cols, 640, 660, header, True, True, bold=True)
    _ruled_row(c, cols, 660, 690, ("14/19", "Godkjenning av saksliste", "Sakslisten ble godkjent."), False, True)
    _ruled_row(c, cols, 690, 842 - 40, ("17/19", "Tildeling – Transport 2025,\ninnovasjonsprosjekter [U.off.",
                                        "Styret innvilget søknadene 296612, 296630\nog 296655."), False, False)
    c.showPage()
    _ruled_row(c, cols, 50, 70, header, True, False, bold=True)
    _ruled_row(c, cols, 70, 100, ("", "§ 14]", "Søknadene 296604 og 296689 ble avslått."), False, True)
    _ruled_row(c, cols, 100, 120, ("18/19", "Utlysninger høsten 2019", "Styret sluttet seg til forslaget."), False, True)
    _ruled_row(c, cols, 120, 140, ("19/19", "Eventuelt", "Ingen saker."), False, True)
    c.showPage()
    c.save()

    record = extract_file(path)
    validate_record(record)
    cases = {x["case_id"]: x for x in record["cases"]}
    assert list(cases) == ["PS-MOBILITET 14/19", "PS-MOBILITET 17/19", "PS-MOBILITET 18/19", "PS-MOBILITET 19/19"]
    assert cases["PS-MOBILITET 17/19"]["title"] == "Tildeling – Transport 2025, innovasjonsprosjekter [U.off. § 14]"
    assert cases["PS-MOBILITET 17/19"]["exempt"]
    assert cases["PS-MOBILITET 18/19"]["decision"] == "Styret sluttet seg til forslaget."
    assert sorted((a["application_id"], a["outcome"]) for a in record["applications"]) == [
        ("296604", "rejected"), ("296612", "granted"), ("296630", "granted"), ("296655", "granted"), ("296689", "rejected")]
    assert not [f for f in record["findings"] if f["code"] == "case_number_unread"]

    # the rule itself: where three uprights end or begin together with no rule across them, and nowhere else
    uprights = [Edge(x, 50, x, 70, "v") for x in cols] + [Edge(x, 70, x, 100, "v") for x in cols]
    assert closing_rules(uprights + [Edge(cols[0], 50, cols[-1], 50, "h")]) == (
        Edge(cols[0], 70.0, cols[-1], 70.0, "h"), Edge(cols[0], 100.0, cols[-1], 100.0, "h"))
    assert closing_rules([Edge(56.7, 50, 56.7, 70, "v"), Edge(540, 50, 540, 70, "v")]) == ()  # a box's two sides
    ruled = uprights + [Edge(cols[0], y, cols[-1], y, "h") for y in (50, 70, 100)]
    assert closing_rules(ruled) == ()
