"""Regression PDFs for layouts the sample generator does not make, drawn here with reportlab."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from pagedraw import draw as _text
from reportlab.pdfgen import canvas

from vedtak.extract import extract_file
from vedtak.schema import validate_record

W, H = A4




def test_running_case_header_on_every_page_is_not_a_new_case(tmp_path: Path):
    """A case paper whose pages all carry `Sak PS-HELSE 5/25 – ...` at the top, with the
    proposal flowing over the page break: one case, and the proposal has no header text in it."""
    path = tmp_path / "running.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _text(c, 56, 40, "Sak PS-HELSE 5/25 – Bærekraftige kommunale helse- og omsorgstjenester")
    _text(c, 56, 80, "Sak PS-HELSE 5/25", True)
    _text(c, 56, 94, "Bærekraftige kommunale helse- og omsorgstjenester", True)
    for i, (label, value) in enumerate([("Til", "Porteføljestyret for helse"), ("Ansvarlig Direktør", "Ole Johan Borge"),
                                        ("Saksbehandler", "Torbjørg Øyslebø"), ("Fra", "Områdedirektør Anne Kjersti Fahlvik")]):
        _text(c, 56, 120 + 14 * i, label, True)
        _text(c, 200, 120 + 14 * i, value)
    _text(c, 56, 190, "BESLUTNINGSSAK", True)
    _text(c, 56, 230, "Forslag til vedtak", True)
    y = 230
    for k in range(40):
        _text(c, 200, y, f"Porteføljestyret vedtar punkt {k + 1} i prosedyren for utlysningen og")
        y += 14
    c.showPage()
    _text(c, 56, 40, "Sak PS-HELSE 5/25 – Bærekraftige kommunale helse- og omsorgstjenester")
    _text(c, 200, 80, "ber administrasjonen følge opp.")
    _text(c, 56, 110, "Kort bakgrunn", True)
    _text(c, 200, 110, "Porteføljestyret har satt av 104 mill. kroner til utlysningen i 2025.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert [x["case_id"] for x in record["cases"]] == ["PS-HELSE 5/25"]
    proposal = record["cases"][0]["proposed_decision"]
    assert proposal.endswith("ber administrasjonen følge opp.")
    assert "Sak PS-HELSE" not in proposal


def test_minutes_with_a_case_label_column(tmp_path: Path):
    """Minutes laid out as label | value: `Sak` | `PS-HELSE 49/24 Godkjenning av sakslisten`,
    `Vedtak` | the decision."""
    path = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _text(c, 56, 60, "Møteprotokoll", True)
    _text(c, 56, 80, "Porteføljestyret for helse, møte 6/24", True)
    _text(c, 56, 110, "Dato", True)
    _text(c, 180, 110, "02.12.2024")
    _text(c, 56, 130, "Til stede", True)
    _text(c, 180, 130, "Ole A. Andreassen (leder)")
    _text(c, 180, 144, "Annica Øygard")
    y = 180
    for number, title, decision in [("49/24", "Godkjenning av sakslisten", "Porteføljestyret godkjenner sakslisten."),
                                    ("50/24", "Tildeling", "Søknadene 355316 og 355292 innvilges.")]:
        _text(c, 56, y, "Sak", True)
        _text(c, 180, y, f"PS-HELSE {number} {title}", True)
        _text(c, 56, y + 18, "Vedtak", True)
        _text(c, 180, y + 18, decision)
        y += 50
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert record["document"]["kind"] == "minutes"
    assert [(x["case_id"], x["title"], x["decision"]) for x in record["cases"]] == [
        ("PS-HELSE 49/24", "Godkjenning av sakslisten", "Porteføljestyret godkjenner sakslisten."),
        ("PS-HELSE 50/24", "Tildeling", "Søknadene 355316 og 355292 innvilges."),
    ]
    assert [(a["application_id"], a["outcome"]) for a in record["applications"]] == [("355316", "granted"), ("355292", "granted")]
    assert record["meetings"][0]["chair"] == "Ole A. Andreassen"


def test_minutes_running_header_and_case_footer_are_furniture(tmp_path: Path):
    """Minutes whose every page starts `Møteprotokoll – Porteføljestyret for helse – møte 6/24` and
    ends `Sak PS-HELSE 6/24 · side N av M`: one meeting, no bogus case blocks."""
    path = tmp_path / "running-minutes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    blocks = [(f"{n}/24", f"Sak nummer {n}", f"Porteføljestyret tar sak {n} til orientering.") for n in range(49, 61)]
    page, y = 1, 120

    def furniture() -> None:
        _text(c, 56, 40, "Møteprotokoll – Porteføljestyret for helse – møte 6/24")
        _text(c, 56, H - 30, f"Sak PS-HELSE 6/24 · side {page} av 3")

    furniture()
    _text(c, 56, 80, "Møteprotokoll", True)
    _text(c, 56, 96, "Porteføljestyret for helse, møte 6/24", True)
    _text(c, 56, 110, "Dato", True)
    _text(c, 180, 110, "02.12.2024")
    y = 150
    for number, title, decision in blocks:
        if y > 720:
            c.showPage()
            page += 1
            furniture()
            y = 80
        _text(c, 56, y, f"Sak PS-HELSE {number}", True)
        _text(c, 56, y + 14, "Vedtak:", True)
        _text(c, 56, y + 28, title, True)
        _text(c, 56, y + 42, decision)
        y += 64
    c.showPage()
    c.save()
    record = extract_file(path)
    assert [m["number"] for m in record["meetings"]] == ["6/24"]
    assert [x["case_id"] for x in record["cases"]] == [f"PS-HELSE {n}/24" for n in range(49, 61)]
    assert all("side" not in (x["decision"] or "") for x in record["cases"])


def _rule(c: canvas.Canvas, x0: float, top: float, x1: float, bottom: float) -> None:
    c.setLineWidth(0.5)
    c.line(x0, H - top, x1, H - bottom)


def _grid(c: canvas.Canvas, xs: list[float], ys: list[float]) -> None:
    """A ruled table: vertical rules at xs, horizontal rules at ys (tops, from the top of the page)."""
    for y in ys:
        _rule(c, xs[0], y, xs[-1], y)
    for x in xs:
        _rule(c, x, ys[0], x, ys[-1])


def _case_paper_head(c: canvas.Canvas, case_id: str, title: str, board: str, director: str, officer: str) -> None:
    """The top of a case paper: case number and title, the Til / Ansvarlig / Saksbehandler lines, the case type."""
    _text(c, 56, 60, f"Sak {case_id}", True)
    _text(c, 56, 74, title, True)
    for i, (label, value) in enumerate([("Til", board), ("Ansvarlig Direktør", director), ("Saksbehandler", officer)]):
        _text(c, 56, 100 + 14 * i, label, True)
        _text(c, 200, 100 + 14 * i, value)
    _text(c, 56, 150, "BESLUTNINGSSAK", True)


def _cells(c: canvas.Canvas, xs: list[float], ys: list[float], rows: list[tuple[str, ...]]) -> None:
    """Each row's texts in the cells of a ruled grid (`_grid(c, xs, ys)`), 4 pt in from the left rule."""
    for k, row in enumerate(rows):
        for x, value in zip(xs, row):
            _text(c, x + 4, ys[k] + 14, value)


def test_table_inside_the_proposal_cell_reads_in_place(tmp_path: Path):
    """A form drawn as a table whose `Forslag til vedtak` cell holds an application table and,
    below it, the budget-cut sentence (LibreOffice books): the sentence is read after the table."""
    path = tmp_path / "nested.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _case_paper_head(c, "PS-MULTEK 45/22", "Tildeling av midler til Muliggjørende teknologier 2022",
                     "Porteføljestyret for muliggjørende teknologier", "Liv Myklebust-Løvås", "Nils Lunde")
    # outer form: label | value, two rows
    _grid(c, [50, 170, 540], [170, 420, 470])
    _text(c, 56, 184, "Forslag til vedtak", True)
    _text(c, 176, 184, "Porteføljestyret vedtar følgende tildelinger:")
    _text(c, 176, 198, "Vedtak for hver søknad følger av tabellen under.")
    rows = [("Søknadsnr", "Prosjekttittel", "Vedtak"), ("417843", "Bærekraftige løsninger", "Innvilges"),
            ("416908", "Kvanteteknologi i endring", "Innvilges"), ("416189", "Tiltak for kunstig", "Innvilges"),
            ("417730", "Samarbeid om nanomaterialer", "Avslås")]
    ys = [210 + 24 * k for k in range(len(rows) + 1)]
    _grid(c, [176, 240, 420, 500], ys)
    _cells(c, [176, 240, 420, 500], ys, rows)
    _text(c, 244, ys[3] + 22, "intelligens")
    _text(c, 176, 350, "For å være innenfor rammen reduseres budsjettet for søknad 417843 med")
    _text(c, 176, 364, "2,5 mill. kroner, og med 0,250 millioner kroner for hver av søknadene")
    _text(c, 176, 378, "416908 og 416189.")
    _text(c, 56, 434, "Kort bakgrunn", True)
    _text(c, 176, 434, "Porteføljestyret vedtok prosedyren i sak 38/22.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    [case] = record["cases"]
    proposal = " ".join(case["proposed_decision"].split())
    assert proposal.startswith("Porteføljestyret vedtar følgende tildelinger: Vedtak for hver søknad følger av tabellen under. Søknadsnr")
    assert proposal.endswith("417730 Samarbeid om nanomaterialer Avslås For å være innenfor rammen reduseres budsjettet for søknad "
                             "417843 med 2,5 mill. kroner, og med 0,250 millioner kroner for hver av søknadene 416908 og 416189.")
    assert [(a["application_id"], a["outcome"]) for a in record["applications"]] == [
        ("417843", "granted"), ("416908", "granted"), ("416189", "granted"), ("417730", "rejected")]
    assert {(b["application_id"], b["amount_nok"]) for b in record["budget_cuts"]} == {
        ("417843", 2500000), ("416908", 250000), ("416189", 250000)}


def test_tightly_boxed_bullet_dash_stays_on_its_row():
    """pdfium boxes a bullet `-` 3 points high near the baseline (real coordinates of a LibreOffice
    minutes page): it belongs to the row beside it, not to a row of its own."""
    from vedtak.document import Word
    from vedtak.pdf.layout import rows_of

    words = [Word("-", 71.0, 653.7, 74.3, 656.7, 10.0), Word("Søknad", 77.1, 649.5, 110.0, 656.9, 10.0),
             Word("846486", 114.3, 649.7, 146.0, 656.8, 10.0), Word("avslått.", 169.8, 648.6, 201.4, 656.8, 10.0),
             Word("-", 71.0, 669.9, 74.3, 672.9, 10.0), Word("Søknad", 77.1, 665.7, 110.0, 673.1, 10.0),
             Word("846709", 114.3, 665.9, 146.0, 673.0, 10.0), Word("avslått.", 169.8, 664.8, 201.4, 673.1, 10.0)]
    assert [" ".join(w.text for w in row) for row in rows_of(words)] == ["- Søknad 846486 avslått.", "- Søknad 846709 avslått."]


def _page(number: int, texts: list[tuple[float, str]]) -> "Page":
    from vedtak.document import Line, Page

    return Page(number, W, H, tuple(Line(t, number, 71.0, top, 300.0, top + 9) for top, t in texts))


def test_list_items_at_a_page_break_are_not_furniture():
    """A 3-page minutes whose list of applications runs over the page breaks: `- Søknad 678361
    avslås.` at the foot of page 2 and `- Søknad 679087 avslås.` at the top of page 3 look alike
    digits aside, but they are content; the running header and `Side N av 3` are furniture."""
    from vedtak.pdf.layout import remove_furniture

    head = "Porteføljestyret for velferd og utdanning – møte 1/20"
    pages = [
        _page(1, [(40, head), (80, "Møteprotokoll"), (400, "Tekst"), (800, "Side 1 av 3")]),
        _page(2, [(40, head), (80, "Sak PS-VELFERD 15/20"), (740, "- Søknad 679344 avslås."), (766, "- Søknad 678361 avslås."), (800, "Side 2 av 3")]),
        _page(3, [(40, head), (62, "- Søknad 679087 avslås."), (90, "Det ble stilt spørsmål."), (800, "Side 3 av 3")]),
    ]
    out = remove_furniture(pages)
    assert [l.text for l in out[1].lines][-2:] == ["- Søknad 679344 avslås.", "- Søknad 678361 avslås."]
    assert [l.text for l in out[2].lines][0] == "- Søknad 679087 avslås."
    assert all(p.furniture == (head, f"Side {p.number} av 3") for p in out)


def test_running_footer_with_page_number_is_furniture():
    """A footer that differs only in its page number (`Porteføljestyret for helse 2`) repeats."""
    from vedtak.pdf.layout import remove_furniture

    pages = [_page(k, [(100, f"Tekst {k}"), (400, "Mer tekst"), (800, f"Porteføljestyret for helse {k}")]) for k in (1, 2, 3)]
    out = remove_furniture(pages)
    assert all(p.furniture == (f"Porteføljestyret for helse {p.number}",) for p in out)


def test_running_header_read_by_ocr_with_its_dash_varying_is_furniture():
    """A scanned book's running header as Tesseract read it, page by page (multek 5/22): the en
    dash is read as `–`, `-`, `.—` or dropped; it is one header, not content of each page."""
    from vedtak.pdf.layout import remove_furniture

    reads = ["Porteføljestyret for muliggjørende teknologier møte 5/22",
             "Porteføljestyret for muliggjørende teknologier – møte 5/22",
             "Porteføljestyret for muliggjørende teknologier – møte 5/22 -",
             "Porteføljestyret for muliggjørende teknologier.— møte 5/22",
             "Porteføljestyret for muliggjørende teknologier - møte 5/22"]
    pages = [_page(k, [(34, head), (100, f"Tekst {k}"), (400, "Porteføljestyret godkjenner møteprotokollen.")])
             for k, head in enumerate(reads, 1)]
    out = remove_furniture(pages)
    assert [p.furniture for p in out] == [(head,) for head in reads]
    assert [[l.text for l in p.lines] for p in out][1] == ["Tekst 2", "Porteføljestyret godkjenner møteprotokollen."]


def test_table_row_split_by_a_page_break(tmp_path: Path):
    """A LibreOffice application table whose row breaks over a page: `837641 | Samarbeid om
    batterier og energilagring i | Venteliste` at the foot of page 1, ` | Norden | ` at the top of
    page 2. The title is `... i Norden` and the text reads it before the outcome."""
    path = tmp_path / "split-row.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _case_paper_head(c, "PS-ENERGI 87/19", "Tildeling av midler til Energiomstilling og lavutslipp",
                     "Porteføljestyret for energi, transport og lavutslipp", "Ole Hansen", "Kari Lie")
    _text(c, 56, 180, "Forslag til vedtak", True)
    _text(c, 56, 196, "Vedtak for hver søknad følger av tabellen under.")
    xs = [50, 130, 370, 470]
    rows = [("Søknadsnr", "Prosjekttittel", "Vedtak"), ("836121", "Bærekraftige løsninger for tungtransport", "Innvilget")]
    ys = [700 + 24 * k for k in range(len(rows))] + [760, 790]
    _grid(c, xs, ys)
    _cells(c, xs, ys, rows)
    _text(c, 54, 774, "837641")
    _text(c, 134, 774, "Samarbeid om batterier og energilagring i")
    _text(c, 374, 774, "Venteliste")
    c.showPage()
    _grid(c, xs, [50, 70, 94])
    _text(c, 134, 64, "Norden")
    _text(c, 54, 86, "837321")
    _text(c, 134, 86, "Batterier og energilagring i endring")
    _text(c, 374, 86, "Avslått")
    _text(c, 56, 130, "Kort bakgrunn", True)
    _text(c, 56, 146, "Porteføljestyret vedtok prosedyren i sak 46/18.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    [case] = record["cases"]
    assert ("837641 Samarbeid om batterier og energilagring i Norden Venteliste 837321 Batterier"
            in " ".join(case["proposed_decision"].split()))
    assert [(a["application_id"], a["outcome"], a["title"]) for a in record["applications"]] == [
        ("836121", "granted", "Bærekraftige løsninger for tungtransport"),
        ("837641", "reserve", "Samarbeid om batterier og energilagring i Norden"),
        ("837321", "rejected", "Batterier og energilagring i endring")]
