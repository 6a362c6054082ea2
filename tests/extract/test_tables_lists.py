"""Tables and lists as first-class sources: drawn as PDFs (ruled with reportlab, and unruled), read by
what their columns mean, whatever the header says among the words the lexicon knows."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from vedtak.extract import extract_file
from vedtak.schema import validate_record

W, H = A4


def _text(c: canvas.Canvas, x: float, y: float, text: str, bold: bool = False, h: float = H) -> None:
    c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
    c.drawString(x, h - y, text)


def _table(c: canvas.Canvas, xs: list[float], top: float, rows: list[tuple[str, ...]], ruled: bool, h: float = H) -> float:
    """Rows of cells from `top` down, 20 pt a row; ruled or not. Returns the y below the table."""
    ys = [top + 20 * k for k in range(len(rows) + 1)]
    if ruled:
        c.setLineWidth(0.5)
        for y in ys:
            c.line(xs[0], h - y, xs[-1], h - y)
        for x in xs:
            c.line(x, h - ys[0], x, h - ys[-1])
    for k, row in enumerate(rows):
        for x, value in zip(xs, row):
            _text(c, x + 4, ys[k] + 14, value, bold=(k == 0), h=h)
    return ys[-1]


def _minutes_head(c: canvas.Canvas, h: float = H) -> None:
    _text(c, 56, 50, "Møteprotokoll", True, h)
    _text(c, 56, 66, "Porteføljestyret for demokrati og styring, møte 2/25", True, h)
    _text(c, 56, 86, "Dato", True, h)
    _text(c, 200, 86, "14.03.2025", h=h)


def _extract(path: Path) -> dict:
    record = extract_file(path)
    validate_record(record)
    return record


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_conflicts_table_keeps_the_ground(tmp_path: Path, ruled: bool):
    """`Sak | Medlem | Grunnlag`: one conflict per row, in the case the row names, with its ground."""
    path = tmp_path / "conflicts.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _minutes_head(c)
    _text(c, 56, 130, "Sak PS-DEMOS 3/25 Spørsmål om habilitet", True)
    _text(c, 56, 146, "Vedtak:", True)
    _text(c, 56, 162, "Følgende medlemmer er inhabile:")
    end = _table(c, [56, 130, 300, 480], 172, [("Sak", "Medlem", "Grunnlag"), ("5/25", "Kari Nordmann", "Medsøker"),
                                              ("6/25", "Per Olsen", "Nær relasjon til søker")], ruled)
    _text(c, 56, end + 24, "Ingen medlemmer er inhabile for øvrige saker.")
    _text(c, 56, end + 60, "Sak PS-DEMOS 5/25 Tildelinger", True)
    _text(c, 56, end + 76, "Vedtak:", True)
    _text(c, 56, end + 92, "Søknad 310151 innvilges.")
    c.showPage()
    c.save()
    record = _extract(path)
    got = [(x["case_id"], x["person"], x["role"], x["ground"], x["recorded_in"]) for x in record["conflicts"]]
    assert got == [("PS-DEMOS 5/25", "Kari Nordmann", "inhabile", "Medsøker", "PS-DEMOS 3/25"),
                   ("PS-DEMOS 6/25", "Per Olsen", "inhabile", "Nær relasjon til søker", "PS-DEMOS 3/25")]
    assert not [f for f in record["findings"] if f["code"] == "habilitet_unresolved"]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("id_header, outcome_header", [("Prosjektnummer", "Innstilling"), ("Søknad", "Vedtak"),
                                                       ("Søknadsnr.", "Styrets vedtak")])
def test_application_table_with_reserve_and_rank(tmp_path: Path, ruled: bool, id_header: str, outcome_header: str):
    """An id column under any header the lexicon knows, and an outcome column saying `Reserve`."""
    path = tmp_path / "applications.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _minutes_head(c)
    _text(c, 56, 130, "Sak PS-DEMOS 5/25 Tildeling av midler", True)
    _text(c, 56, 146, "Vedtak:", True)
    _text(c, 56, 162, "Porteføljestyret vedtar tildelingene i tabellen.")
    _table(c, [56, 170, 340, 430, 520], 172, [
        (id_header, "Prosjekttittel", outcome_header, "Rangering"),
        ("310151", "Tillit i lokaldemokratiet", "Innvilget", ""),
        ("310152", "Valg og medier", "Reserve", "1"),
        ("310160", "Digital forvaltning", "Reserve", "2"),
        ("310161", "Kommunal styring", "Avslag", ""),
    ], ruled)
    c.showPage()
    c.save()
    record = _extract(path)
    got = [(a["application_id"], a["outcome"], a["rank"], a["title"], a["stage"]) for a in record["applications"]]
    assert got == [("310151", "granted", None, "Tillit i lokaldemokratiet", "adopted"),
                   ("310152", "reserve", 1, "Valg og medier", "adopted"),
                   ("310160", "reserve", 2, "Digital forvaltning", "adopted"),
                   ("310161", "rejected", None, "Kommunal styring", "adopted")]
    assert not [f for f in record["findings"] if f["code"] in ("unassigned_application_ids", "unknown_table")]


def test_attendance_table_on_a_landscape_page(tmp_path: Path):
    """`Navn | Rolle` in the minutes' head: chair, members, substitute, observer, staff and absent."""
    w, h = landscape(A4)
    path = tmp_path / "attendance.pdf"
    c = canvas.Canvas(str(path), pagesize=(w, h), invariant=1)
    _minutes_head(c, h)
    _table(c, [56, 260, 460], 110, [
        ("Navn", "Rolle"), ("Kari Nordmann", "Leder"), ("Per Olsen", "Medlem"), ("Ola Hansen", "Varamedlem"),
        ("Eva Berg", "Observatør"), ("Lise Dahl", "Administrasjonen"), ("Tor Lie", "Medlem (forfall)"),
    ], True, h)
    _text(c, 56, 290, "Sak PS-DEMOS 1/25 Godkjenning av sakslisten", True, h)
    _text(c, 56, 306, "Vedtak:", True, h)
    _text(c, 56, 322, "Sakslisten godkjennes.", h=h)
    c.showPage()
    c.save()
    [meeting] = _extract(path)["meetings"]
    assert meeting["chair"] == "Kari Nordmann"
    assert meeting["present"] == ["Kari Nordmann", "Per Olsen", "Ola Hansen"]
    assert meeting["absent"] == ["Tor Lie"]
    assert meeting["observers"] == ["Eva Berg"]
    assert meeting["staff"] == ["Lise Dahl"]
    assert [s["person"] for s in meeting["substitutes"]] == ["Ola Hansen"]


def test_table_no_rule_understands_is_a_finding(tmp_path: Path):
    """A table with application ids under headers no rule reads gives `unknown_table`, not silence."""
    path = tmp_path / "unknown.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _minutes_head(c)
    _text(c, 56, 130, "Sak PS-DEMOS 5/25 Tildeling av midler", True)
    _text(c, 56, 146, "Vedtak:", True)
    _text(c, 56, 162, "Porteføljestyret slutter seg til listen.")
    _table(c, [56, 150, 340, 480], 172, [("Løpenummer", "Kommentar", "Fase"), ("310151", "Sterk søknad", "Behandlet"),
                                         ("310152", "Middels", "Behandlet")], True)
    c.showPage()
    c.save()
    record = _extract(path)
    codes = [f["code"] for f in record["findings"]]
    assert "unknown_table" in codes
    assert "unassigned_application_ids" in codes
    [unknown] = [f for f in record["findings"] if f["code"] == "unknown_table"]
    assert unknown["provenance"]["page"] == 1 and unknown["case_id"] == "PS-DEMOS 5/25"
