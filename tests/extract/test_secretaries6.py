"""Hand batches 6 and 7 and variation set 14: each test holds a real string or layout vedtak misread at first contact.

Two-column pages with margin headings in each column (the right column's label row cut at its own text edge), a
column's form carried over a page break, a list item a paragraph's space into the bottom band, ids listed over a
column break; a label box three points below the value beside it; a band that names the paper before its number
(`SAKSFRAMLEGG · PS-BATTERI 1/26`, `Saksframlegg · Porteføljestyret for samisk forsking PS-SAMEFORSK 9/18`), a band of
particulars (`Møte 1/26 · 10.02.2026 · Vedtakssak · Sakshandsamar: …`), a memo band (`SAKSFREMLEGG` | `Norges
forskningsråd`), ticked boxes for the case type, an exemption statement above the title; minutes that print the
proposal, the discussion and the decision of each case; tables with a group column, numbers set flush right, a unit in
a header, shaded header cells, a cell run into the next column, and a caption below the table."""

from __future__ import annotations

from dataclasses import replace

import pytest
from linemaker import line_at as _line, record_from as _record

from vedtak.blocks import build_blocks, table_lines
from vedtak.document import Document, Line, Page, Region, Word
from vedtak.extract import extract_document
from vedtak.extractors.cases import minutes_proposal, parse_header
from vedtak.extractors.fields import split_label_band
from vedtak.extractors.segment import join_case_labels
from vedtak.extractors.tables import caption_below, referred_tables
from vedtak.extractors.text import block_text, paragraphs
from vedtak.lexicon import HEADER_LABELS, checked_option, column_meaning
from vedtak.nlp.vocab import ColumnMeaning
from vedtak.pdf.layout import build_page
from vedtak.pdf.raw import RawPage
from vedtak.schema import validate_record

W, H = 595.0, 842.0


def _words(text: str, x0: float, top: float, *, size: float = 10.0, bold: bool = False, height: float | None = None,
           tops: dict[str, float] | None = None) -> list[Word]:
    """The words of one line of text, 5 pt a character and a space, at (x0, top); `tops` moves single words (a word
    without ascenders in tight boxes starts lower)."""
    out, x = [], x0
    for w in text.split():
        t = (tops or {}).get(w, top)
        out.append(Word(w, x, t, x + 5.0 * len(w), top + (height or size * 1.15), size, bold))
        x += 5.0 * (len(w) + 1)
    return out


def _page(*rows: list[Word], number: int = 1) -> RawPage:
    return RawPage(number, W, H, tuple(w for row in rows for w in row))


def _texts(page: Page) -> list[str]:
    return [l.text for l in page.lines]


def _record_of(lines: list[Line]) -> dict:
    """The validated record of placed lines on one page (rules only)."""
    doc = Document("0" * 64, "test.pdf", (Page(1, W, H, tuple(lines)),))
    record = extract_document(doc, nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    return record


# --------------------------------------------------------------------------------------------- two-column pages

def _column(x: float, top: float, rows: list[tuple[float, str]], step: float = 12.6) -> list[Word]:
    """Lines of a column: (offset from the column's left edge, text), one under the other."""
    return [w for k, (dx, text) in enumerate(rows) for w in _words(text, x + dx, top + step * k)]


_BODY = [(78.0, "Styret godkjenner saken"), (78.0, "slik den er lagt fram.")] * 5


def test_a_margin_label_row_in_the_right_column_is_cut_at_that_column_s_own_text_edge():
    # v12311: `Sak 26/24` / `Vedtak (mot én` + `Orienteringer` / `stemme):` in the right column's margin, 5 pt apart
    left = _column(57, 80, [(0.0, "Sak 23/24"), *_BODY, (0.0, "Sak 24/24"), *_BODY])
    right = _column(307, 80, [(78.0, "teksten fra venstre"), *_BODY, (0.0, "Sak 26/24")])
    label = _words("Vedtak (mot én", 307, 80 + 12.6 * 12)
    title = _words("Orienteringer", 385, 80 + 12.6 * 12)  # at the column's text edge, 8 pt after the label's last word
    rest = _column(307, 80 + 12.6 * 13, [(0.0, "stemme):"), (78.0, "Administrasjonen orienterte.")])
    page = build_page(_page(left, right, label, title, rest))
    assert page.gutter is not None
    texts = _texts(page)
    assert "Vedtak (mot én" in texts and "Orienteringer" in texts
    assert not any("én Orienteringer" in t for t in texts)


def test_a_page_keeps_the_gutter_of_the_page_before_where_its_right_column_holds_two_lines():
    # v12374: the right column's last lines (`prosedyrer.`, `Videre saksgang`) beside the left column's list items
    first = build_page(_page(_column(57, 80, _BODY * 3), _column(307, 80, _BODY * 3)))
    assert first.gutter is not None
    second = _page(_column(57, 80, [(0.0, "- Søknad 316914 avslås."), (0.0, ""), (0.0, "- Søknad 316840 avslås.")]),
                   _column(307, 80, [(78.0, "prosedyrer.")]), _column(307, 80 + 2 * 12.6, [(0.0, "Videre"), (78.0, "")]),
                   number=2)
    alone = build_page(second)
    carried = build_page(second, carried=first.gutter)
    # read row by row, the right column's line comes between the left column's items; with the gutter, after them
    assert _texts(alone)[:2] == ["- Søknad 316914 avslås.", "prosedyrer."]
    assert _texts(carried)[:3] == ["- Søknad 316914 avslås.", "- Søknad 316840 avslås.", "prosedyrer."]
    assert carried.gutter == first.gutter


def test_a_column_s_list_item_a_paragraph_s_space_into_the_bottom_band_is_its_text_not_the_footer():
    # v12311: `• 341503 Ny kunnskap om` at 767.6 (the band starts at 766), the footer `Side 2 av 3` far below
    left = _column(135, 90, [(0.0, f"• 3405{k:02d} Ny kunnskap om emne") for k in range(27)], step=25.2)  # the last at 745.2
    bottom_item = _words("• 341503 Ny kunnskap om", 135, 767.6)
    right = _column(307, 80, [(78.0, "klimatilpasning i sør")] + _BODY * 4)
    footer = _words("Side 2 av 3", 480, 812, size=8)
    page = build_page(_page(left, bottom_item, right, footer))
    texts = _texts(page)
    assert texts.index("• 341503 Ny kunnskap om") < texts.index("klimatilpasning i sør")
    assert texts[-1] == "Side 2 av 3"


def test_ids_listed_over_a_column_break_are_one_paragraph():
    # v1136: `… Dette gjeld søknadene 360845, 359822, 360781, 360006,` at a column's foot, `360420 og 360546.` at the next's head
    foot = _line("innvilga. Dette gjeld søknadene 360845, 359822, 360781, 360006,", top=765.6, x0=135)
    head = replace(_line("360420 og 360546.", top=75.1, x0=385), gap_before=1000.0)
    done = replace(_line("Søknadene 360445 og 359339 vert førte opp på ei rangert reserveliste.", top=100.3, x0=385), gap_before=13.0)
    assert [len(p) for p in paragraphs([foot, head, done])] == [2, 1]
    assert block_text([foot, head]).endswith("360006, 360420 og 360546.")
    ended = _line("Porteføljestyret tek informasjonen til orientering.", top=765.6, x0=135)
    assert len(paragraphs([ended, head])) == 2  # a finished sentence ends the paragraph at the column break


def test_a_bold_label_whose_box_starts_three_points_below_its_value_is_read_with_that_value():
    # v12301 (LibreOffice): `Møtende medlemmer` (bold, box 178.3-188.2) | `Idun Årdal (leder)` (175.4-188.2)
    rows = []
    for k, (label, value) in enumerate([("Sted", "Forskningsrådet, møterom Abel"), ("Møtende medlemmer", "Idun Årdal (leder)"),
                                        ("", "Unni Eggen"), ("Observatører:", "Vilde van den Berg, Kunnskapsdepartementet"),
                                        ("Fravær", "Oddvar Sundby Skogstad")]):
        top = 160 + 16.3 * k
        if label:
            rows.append(_words(label, 71, top + 2.9, bold=True, height=9.9))
        rows.append(_words(value, 184, top, height=12.8))
    page = build_page(_page(*rows))
    texts = _texts(page)
    assert texts.index("Møtende medlemmer") < texts.index("Idun Årdal (leder)")
    assert texts.index("Fravær") < texts.index("Oddvar Sundby Skogstad")
    assert all(l.label for l in page.lines if l.text in ("Møtende medlemmer", "Fravær"))


def test_x_height_words_on_a_row_that_crosses_the_gutter_stay_on_that_row():
    # v12319 (landscape): `samme` and `er` (no ascenders, tight boxes) start 2 pt below `drøftet` beside them
    text = "I diskusjonen ble det vist til sak 21/23, der porteføljestyret drøftet de samme problemstillingene videre"
    spanning = _words(text, 71, 72.6, tops={"samme": 74.6, "er": 74.6})
    left = _column(71, 120, [(0.0, "• Arbeidet med porteføljeplanen og budsjettet")] * 24)
    right = _column(420, 120, [(0.0, "Søknad 320249 avslås nå.")] * 24)
    page = build_page(_page(spanning, left, right))
    assert page.gutter is not None
    assert page.lines[0].text == text


# --------------------------------------------------------------------------------------------- labels and headings

def test_a_whole_decision_label_below_a_title_takes_no_title_from_the_line_above():
    # v12382: `Sak PS-LMB 4/26` / `Orienteringer` / `Styret fattet følgende vedtak:` / text
    record = _record("""Møteprotokoll
Porteføljestyret for landbasert mat, miljø og bioressurser (PS-LMB) – møte 1/26

Sak PS-LMB 3/26
Spørsmål om habilitet
Styret fattet følgende vedtak:
Ingen medlemmer er inhabile for sakene på dette møte.

Sak PS-LMB 4/26
Orienteringer
Styret fattet følgende vedtak:
Administrasjonen orienterte om følgende:
• Arbeidet med porteføljeplanen
Porteføljestyret tar informasjonen til orientering.
""")
    got = {c["case_id"]: (c["title"], c["decision"].split("\n")[0]) for c in record["cases"]}
    assert got["PS-LMB 4/26"] == ("Orienteringer", "Administrasjonen orienterte om følgende:")


def test_a_wrapped_sentence_label_ending_in_a_bare_vedtak_is_still_joined():
    # v12305: `Styret fattet følgende` / `vedtak:` in a narrow label column, the title beside the first line
    lines = [_line("Sak PS-LMB 22/23", top=100), _line("Styret fattet følgende", top=113, label=True),
             _line("Godkjenning av sakslisten", top=113, x0=240), _line("vedtak:", top=126, label=True),
             _line("Porteføljestyret godkjenner sakslisten.", top=139, x0=240)]
    joined = [l.text for l in join_case_labels(lines)]
    assert "Styret fattet følgende vedtak:" in joined


@pytest.mark.parametrize(("header", "meaning"), [
    ("Innstillin g", ColumnMeaning.OUTCOME),  # v12376: a narrow LibreOffice cell broke the word with no hyphen
    ("Omsøkt (1000 kr)", ColumnMeaning.AMOUNT), ("Innstilt (1000 kr)", ColumnMeaning.AMOUNT), ("Pakke", None),
])
def test_header_cells(header: str, meaning: ColumnMeaning | None):
    assert column_meaning(header) == meaning


@pytest.mark.parametrize(("text", "option"), [
    ("☒ Beslutningssak       ☐ Orienteringssak", "Beslutningssak"), ("☐ Beslutningssak ☒ Orienteringssak", "Orienteringssak"),
    ("☐ Beslutningssak ☐ Orienteringssak", None), ("Beslutningssak", None),
])
def test_the_ticked_option_of_a_line_of_boxes(text: str, option: str | None):
    assert checked_option(text) == option


def test_a_band_of_particulars_is_read_one_piece_at_a_time():
    line = _line("Møte 1/26 · 10.02.2026 · Vedtakssak · Sakshandsamar: Ingrid Heggem · Til: Porteføljestyret for batteri")
    assert [p.text for p in split_label_band(line, HEADER_LABELS)] == [
        "Møte 1/26", "10.02.2026", "Vedtakssak", "Sakshandsamar: Ingrid Heggem", "Til: Porteføljestyret for batteri"]


def _bold(line: Line) -> Line:
    return replace(line, bold=True)


def test_a_band_that_names_the_paper_before_its_number_heads_the_case():
    # r4 (hand batch 7): `SAKSFRAMLEGG · PS-BATTERI 3/26` / title / particulars / `1 Framlegg til vedtak`
    lines = [_bold(_line("SAKSFRAMLEGG · PS-BATTERI 3/26", top=70)), _bold(_line("Protokoll frå møte 5/25", top=102)),
             _line("Møte 1/26 · 10.02.2026 · Orienteringssak · Sakshandsamar: Ingrid Heggem · Til: Porteføljestyret", top=125),
             _bold(_line("1 Framlegg til vedtak", top=153)), _line("Porteføljestyret tek protokollen frå møte 5/25 til orientering.", top=168)]
    record = _record_of(lines)
    (case,) = record["cases"]
    assert (case["case_id"], case["title"], case["case_type"], case["case_officers"]) == (
        "PS-BATTERI 3/26", "Protokoll frå møte 5/25", "information", ["Ingrid Heggem"])
    assert case["proposed_decision"] == "Porteføljestyret tek protokollen frå møte 5/25 til orientering."


def test_a_band_with_the_board_s_name_before_the_number_heads_the_case():
    # c02 (hand batch 6): the number closes a band that also names the board
    lines = [_line("Saksframlegg · Porteføljestyret for samisk forsking PS-SAMEFORSK 9/18", top=62, region=1, kind="box"),
             _bold(_line("Godkjenning av innkalling og sakliste", top=131)), _bold(_line("Bakgrunn", top=159)),
             _line("Innkalling og sakliste vart sende ut 10. april 2018.", top=182),
             _bold(_line("Framlegg til vedtak", top=208)), _line("Innkalling og sakliste vert godkjende.", top=232)]
    (case,) = _record_of(lines)["cases"]
    assert (case["case_id"], case["title"], case["proposed_decision"]) == (
        "PS-SAMEFORSK 9/18", "Godkjenning av innkalling og sakliste", "Innkalling og sakliste vert godkjende.")


def test_a_card_header_with_labelled_particulars_opens_a_paper():
    # c4 (hand batch 7): `Møte: 1/26, 26.02.2026  Type: Vedtakssak  Sakshandsamar: …` under the number and title
    record = _record("""Møtedokument
Porteføljestyret for havmiljø (PS-HAVMILJØ)

PS-HAVMILJØ 1/26
Godkjenning av innkalling og sakliste
Møte: 1/26, 26.02.2026 Type: Vedtakssak Sakshandsamar: Solveig Dale Frå: Administrasjonen
L|Framlegg til vedtak
    Porteføljestyret godkjenner innkallinga og saklista.
""")
    (case,) = record["cases"]
    assert (case["case_id"], case["title"]) == ("PS-HAVMILJØ 1/26", "Godkjenning av innkalling og sakliste")
    assert not [f for f in record["findings"] if f["code"] == "missing_case_header"]


def test_a_memo_band_and_labels_read_as_a_column_then_their_values():
    # r01 (hand batch 6): `SAKSFREMLEGG` | `Norges forskningsråd`, the labels, then the values, then a bold title
    labels = ["Saksnr.:", "Møte:", "Saksbehandler:", "Sakstype:", "Offentlighet:"]
    values = ["PS-NORDOMR 5/14", "1/14 – 12. februar 2014", "Ellen Marie Hanssen", "Beslutningssak", "Unntatt offentlighet, offl. § 14"]
    lines = [_bold(_line("SAKSFREMLEGG", top=69, x0=63)), _line("Norges forskningsråd", top=71, x0=304)]
    lines += [_line(t, top=94.4 + 11.7 * k, x0=63, label=True) for k, t in enumerate(labels)]
    lines += [_line(t, top=94.4 + 11.7 * k, x0=142) for k, t in enumerate(values)]
    lines += [_bold(_line("Tildeling – Forskerprosjekter, Arktis 2030", top=186, x0=63)), _bold(_line("1. Innledning", top=211, x0=63)),
              _line("Utlysningen fikk 14 søknader.", top=228, x0=63), _bold(_line("2. Forslag til vedtak", top=260, x0=63)),
              _line("Porteføljestyret innvilger de fem søknadene.", top=277, x0=90)]
    (case,) = _record_of(lines)["cases"]
    assert (case["case_id"], case["title"], case["case_type"], case["exempt"]) == (
        "PS-NORDOMR 5/14", "Tildeling – Forskerprosjekter, Arktis 2030", "decision", "U.off. § 14")


def test_header_lines_that_are_no_title():
    # r02 and c02 (hand batch 6): the band's meeting and date, an exemption statement, a second type word as the title
    head = _line("Sak PS-KREATIV 24/18", top=68, region=1, kind="box")
    box = [replace(_line(t, top=68, x0=x, region=1, kind="box")) for t, x in (("Møte 3/18", 199), ("06.06.2018", 301), ("BESLUTNINGSSAK", 403))]
    title = [_line("Tildeling – Innovasjonsprosjekter i kreative næringer 2018 [U.off. § 14]", top=101),
             _line("Unntatt fra offentlighet etter offentleglova § 14", top=114)]
    info = parse_header([head, *box, *title], "PS-KREATIV")
    assert (info.title, info.case_type) == ("Tildeling – Innovasjonsprosjekter i kreative næringer 2018 [U.off. § 14]", "decision")
    typed = parse_header([replace(head, text="Sak PS-KREATIV 22/18"), *box[:2], replace(box[2], text="ORIENTERINGSSAK"),
                          _line("Orienteringssaker", top=101)], "PS-KREATIV")
    assert (typed.title, typed.case_type) == ("Orienteringssaker", "information")


def test_a_grid_header_s_title_and_ticked_type_below_it():
    # c01 (hand batch 6): the grid's last value (`Vedlegg` | `Ingen`) never runs on into the title below the grid
    cells = [("Saksnr.", 70, 1), ("Sak PS-IKTSAM 28/17", 190, 2), ("Saksbehandler", 70, 3), ("Marit Lien Dahle", 190, 4),
             ("Vedlegg", 70, 5), ("Ingen", 190, 6)]
    head = _line("Sak PS-IKTSAM 28/17", top=70, x0=190, region=2, kind="cell")
    grid = [_line(t, top=70 + 14 * (r // 2 if r > 2 else 0), x0=x, region=r, kind="cell") for t, x, r in cells if r != 2]
    below = [_line("Godkjenning av innkalling og saksliste", top=130), _line("☒ Beslutningssak       ☐ Orienteringssak", top=146)]
    info = parse_header([head, *grid, *below], "PS-IKTSAM")
    assert (info.title, info.case_type) == ("Godkjenning av innkalling og saksliste", "decision")
    assert not any("Godkjenning" in a or "☒" in a for a in info.attachments)


# --------------------------------------------------------------------------------------------- minutes

_TANNHELSE = """PROTOKOLL
Porteføljestyret for odontologi og tannhelse (PS-TANNHELSE) – møte 4/14
Til stede: Marte Skjelbred (styreleder), Per Øyvind Haug (nestleder), Knut Arne Tvedt og Linn Hovden
Forfall: Ahmed Sultani

Sak 28/14 Godkjenning av protokoll fra møte 3/14
Forslag til vedtak:
Protokollen fra møte 3/14 godkjennes.
Behandling:
Linn Hovden påpekte at hun var til stede under behandlingen av sak 22/14.
Vedtak:
Protokollen fra møte 3/14 godkjennes med den rettelsen at Linn Hovden var til stede under sak 22/14.

Sak 32/14 Tildeling – Klinisk forskning 2014 [U.off. § 14]
Forslag til vedtak:
Søknadene 235301 og 235318 innvilges. Søknad 235337 avslås.
Behandling:
Styret sluttet seg til forslaget.
Vedtak:
Søknadene 235301 og 235318 innvilges. Søknad 235337 avslås.
"""


def test_minutes_that_print_the_proposal_the_discussion_and_the_decision():
    # r03 (hand batch 6): minutes, not case papers; the proposal is the case's proposed decision
    record = _record(_TANNHELSE)
    assert [m["source_kind"] for m in record["meetings"]] == ["minutes"]
    got = {c["case_id"]: (c["proposed_decision"], c["decision"]) for c in record["cases"]}
    assert got["PS-TANNHELSE 28/14"] == (
        "Protokollen fra møte 3/14 godkjennes.",
        "Protokollen fra møte 3/14 godkjennes med den rettelsen at Linn Hovden var til stede under sak 22/14.")
    stages = sorted((a["application_id"], a["stage"], a["outcome"]) for a in record["applications"])
    assert stages == sorted([(i, s, o) for s in ("proposed", "adopted")
                             for i, o in (("235301", "granted"), ("235318", "granted"), ("235337", "rejected"))])


def test_the_proposal_of_a_minutes_block_ends_at_the_next_label():
    account = [_line("Forslag til vedtak:", top=100), _line("Møteplanen for 2015 vedtas.", top=113), _line("Behandling:", top=126),
               _line("Flere medlemmer har undervisning i uke 16.", top=139)]
    proposal, rest = minutes_proposal(account)
    assert [l.text for l in proposal] == ["Møteplanen for 2015 vedtas."]
    assert [l.text for l in rest] == ["Behandling:", "Flere medlemmer har undervisning i uke 16."]
    assert minutes_proposal(account[2:]) == ([], account[2:])


# --------------------------------------------------------------------------------------------- tables

def _table_doc(rows: list[list[tuple[float, str]]], top: float = 574.0, step: float = 14.0, extra: list[Line] = ()) -> Document:
    lines = [_line(text, top=top + step * k, x0=x, label=False) for k, row in enumerate(rows) for x, text in row]
    return Document("0" * 64, "t.pdf", (Page(1, W, H, tuple([*lines, *extra])),))


def test_a_group_column_printed_once_leaves_its_rows_first_cell_empty():
    # r02 (hand batch 6): `Pakke` A / B over the rows of its package; `10 000` set flush right under `Omsøkt (1000 kr)`
    header = [(65, "Pakke"), (99, "Søknadsnr."), (153, "Prosjektleder"), (357, "Omsøkt (1000 kr)"), (476, "Innstilling")]
    rows = [[(65, "A"), (99, "283301"), (153, "Lene Ask"), (386, "10 000"), (476, "Innvilges")],
            [(99, "283312"), (153, "Håkon Fyhring"), (390, "9 850"), (476, "Innvilges")],
            [(99, "283336"), (153, "Terje Rasmussen"), (390, "9 400"), (476, "Reserve 1")],
            [(65, "B"), (99, "283350"), (153, "Oddvar Strand"), (390, "8 900"), (476, "Avslås")]]
    (table,) = [b.table for b in build_blocks(_table_doc([header, *rows])) if b.table is not None]
    assert [(r[0], r[1], r[-1]) for r in table.rows] == [("A", "283301", "Innvilges"), ("", "283312", "Innvilges"),
                                                        ("", "283336", "Reserve 1"), ("B", "283350", "Avslås")]


def test_a_one_line_cell_run_into_the_next_column_is_cut_at_its_edge():
    # c01 (hand batch 6): `9 950 Innvilges` under `Innstilt (1000 kr)` | `Innstilling`, a word space apart
    header = [(169, "Søknadsnr."), (221, "Prosjektansvarlig"), (427, "Innstilt kr"), (489, "Innstilling")]
    rows = [[(169, "271314"), (221, "Universitetet i Bergen"), (462, "9 950 Innvilges")],
            [(169, "271385"), (221, "Høgskolen i Oslo"), (479, "– Reserve 1")]]  # no amount: a dash
    doc = _table_doc([header, *rows])
    (table,) = [b.table for b in build_blocks(doc) if b.table is not None]
    assert [(r[0], r[2], r[3]) for r in table.rows] == [("271314", "9 950", "Innvilges"), ("271385", "–", "Reserve 1")]
    page_lines = {id(l) for l in doc.pages[0].lines}
    assert all(id(l) in page_lines for l in table_lines(table))  # the table keeps the page's own lines


def test_a_caption_below_the_table_names_the_table_a_decision_points_to():
    # r01 (hand batch 6): `Tabell 1. Søknader og forslag, …` under the table, `… foreslått innvilget i tabell 1` in the proposal
    header = [(65, "Søknadsnr."), (200, "Institusjon"), (488, "Forslag")]
    rows = [[(65, "236410"), (200, "UiT"), (488, "Innvilges")], [(65, "236488"), (200, "NORUT"), (488, "Reserve 1")]]
    caption = _line("Tabell 1. Søknader og forslag, sortert etter karakter.", top=574 + 14 * 3 + 4, x0=63)
    doc = _table_doc([header, *rows], extra=[caption])
    (table,) = [b.table for b in build_blocks(doc) if b.table is not None]
    lines = list(doc.pages[0].lines)
    assert caption_below(table, lines) == caption.text
    assert referred_tables("Porteføljestyret innvilger søknadene som er foreslått innvilget i tabell 1.", [table], lines) == [table]
    assert referred_tables("Se tabell 2.", [table], lines) == []


def test_shaded_header_cells_side_by_side_are_one_header_row():
    # c01 (hand batch 6): each header cell its own shaded box, two-line headers set 6 pt higher than one-line ones
    regions = (Region("box", 68, 580, 160, 608), Region("box", 166, 580, 215, 608), Region("box", 370, 580, 420, 608),
               Region("box", 486, 580, 540, 608))
    head = [_line("Panel", top=590, x0=71, region=1, kind="box"), _line("Søknadsnr.", top=590, x0=169, region=2, kind="box"),
            _line("Søkt (1000", top=584, x0=373, region=3, kind="box"), _line("kr)", top=596, x0=373, region=3, kind="box"),
            _line("Innstilling", top=590, x0=489, region=4, kind="box")]
    body = [_line("Panel 1", top=611, x0=71), _line("271314", top=611, x0=169), _line("9 950", top=611, x0=399),
            _line("Innvilges", top=611, x0=489)]
    doc = Document("0" * 64, "t.pdf", (Page(1, W, H, tuple([*head, *body]), regions),))
    (table,) = [b.table for b in build_blocks(doc) if b.table is not None]
    assert table.headers == ("Panel", "Søknadsnr.", "Søkt (1000 kr)", "Innstilling")
    assert table.rows == (("Panel 1", "271314", "9 950", "Innvilges"),)


# --------------------------------------------------------------------------------------------- who and who not (hand batch 7)

def test_minutes_under_a_title_no_rule_knows_as_minutes():
    # o1: `Møtebok` over attendance and case blocks; a list that goes on after an unclosed parenthesis, a substitute
    # who met for an absent member, names each with a title, and a guest
    record = _record("""Møtebok
Porteføljestyret for urfolk og samisk samfunn (PS-URFOLK)
Møte: 1/25
Til stades: Máret Sárá Eira (leiar), Nils Henrik Balto (nestleiar), Inga Margrethe Somby (på
Teams), Oddvar Skum og Tor Einar Haldorsen (frå sak 3/25).
Varamedlem: Ellen Kristine Labba møtte for Berit Ranveig Nystad heile møtet.
Forfall: Berit Ranveig Nystad.
Frå Forskingsrådet: Jan Åge Riseth, spesialrådgjevar, og Heidi Marstein, rådgjevar
(referent).
Gjest: Prosjektleiar Per Ivar Kuoljok, Sámi allaskuvla, deltok under sak 6/25.

Sak 1/25 Godkjenning av innkalling og sakliste
Vedtak:
Innkallinga og saklista vart godkjende.

Sak 3/25 Godkjenning av protokoll frå møte 4/24
Vedtak:
Protokollen frå møte 4/24 vart godkjend.
""")
    assert [c["case_id"] for c in record["cases"]] == ["PS-URFOLK 1/25", "PS-URFOLK 3/25"]
    (meeting,) = record["meetings"]
    assert meeting["present"] == ["Máret Sárá Eira", "Nils Henrik Balto", "Inga Margrethe Somby", "Oddvar Skum",
                                  "Tor Einar Haldorsen", "Ellen Kristine Labba"]
    assert (meeting["absent"], meeting["staff"]) == (["Berit Ranveig Nystad"], ["Jan Åge Riseth", "Heidi Marstein"])


def test_a_habilitet_section_before_the_first_case_is_read_for_conflicts_not_attendance():
    # r1: the section names each case; a member who left the room, and who stood in, in the case's own account
    record = _record("""Møteprotokoll
Porteføljestyret for psykisk helse (PS-PSYKHELSE) – møte 3/25
Til stede: Hanne Mette Rustad (leder), Øyvind Lerdal (nestleder), Tariq Mahmood og Vegard Nilsen Tveit
Forfall: Siri Holm Jacobsen

Habilitet
Styreleder Hanne Mette Rustad er nær kollega av prosjektlederen for søknad 350212 og er inhabil i sak 24/25.
Nestleder Øyvind Lerdal ledet møtet under sak 24/25.
Kjersti Bakke Ødegaard ble vurdert som habil.

Sak 24/25 Tildeling – Psykisk helse hos barn og unge
Hanne Mette Rustad og Tariq Mahmood forlot rommet før behandlingen, og Vegard Nilsen Tveit tiltrådte som settemedlem.
Vedtak:
Porteføljestyret innvilger søknadene 350204 og 350212.
""")
    got = sorted((c["case_id"], c["person"], c["role"]) for c in record["conflicts"])
    assert got == [("PS-PSYKHELSE 24/25", "Hanne Mette Rustad", "inhabile"), ("PS-PSYKHELSE 24/25", "Tariq Mahmood", "inhabile"),
                   ("PS-PSYKHELSE 24/25", "Vegard Nilsen Tveit", "substitute"), ("PS-PSYKHELSE 24/25", "Øyvind Lerdal", "acting_chair")]
    (meeting,) = record["meetings"]
    assert meeting["absent"] == ["Siri Holm Jacobsen"]  # the section's names are no attendance


def test_two_labelled_attendance_columns_side_by_side_are_read_column_by_column(tmp_path):
    # c1: `Møtende medlemmer` on the left, `Observatører` / `Fra Forskningsrådet` on the right, row by row on the page
    from pagedraw import draw
    from reportlab.pdfgen import canvas

    from vedtak.extract import extract_file

    path = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(path), pagesize=(W, H))
    draw(c, 57, 68, "Protokoll", bold=True, size=14)
    draw(c, 57, 97, "Porteføljestyret for global utvikling (PS-GLOBAL) · Møte 5/25")
    for text, x, y, bold in [("Møtende medlemmer", 57, 147, True), ("Kristin Aune Nygaard, leder", 71, 166, False),
                             ("Bjørnar Ellingsen, nestleder", 71, 179, False), ("Amina Yusuf Warsame (Teams)", 71, 193, False),
                             ("Jon Helge Tøsse", 71, 206, False), ("Forfall", 57, 228, True), ("Tiril Brattland", 71, 246, False),
                             ("Observatører", 309, 147, True), ("Sindre Haug, Utenriksdepartementet", 323, 166, False),
                             ("Fra Forskningsrådet", 309, 198, True), ("Morten Øien, avdelingsdirektør", 323, 216, False)]:
        draw(c, x, y, text, bold=bold)
    draw(c, 57, 300, "Sak 37/25 Godkjenning av innkalling og saksliste", bold=True)
    draw(c, 57, 316, "Vedtak: Innkalling og saksliste godkjennes.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    (meeting,) = record["meetings"]
    assert meeting["present"] == ["Kristin Aune Nygaard", "Bjørnar Ellingsen", "Amina Yusuf Warsame", "Jon Helge Tøsse"]
    assert (meeting["chair"], meeting["absent"], meeting["observers"], meeting["staff"]) == (
        "Kristin Aune Nygaard", ["Tiril Brattland"], ["Sindre Haug"], ["Morten Øien"])


def test_a_member_by_case_matrix_of_conflicts():
    # c3: `Medlem | Sak 29/25 | Sak 30/25 | Forhold`, `Inhabil` / `Inhabil for søknad 366201` / `–` in the case columns
    header = [(200, "Medlem"), (300, "Sak 29/25"), (360, "Sak 30/25"), (420, "Forhold")]
    rows = [[(200, "Ole Kristian Brun"), (300, "Inhabil"), (360, "Inhabil"), (420, "Medsøker")],
            [(200, "Harald Ruud"), (300, "Inhabil for"), (360, "–"), (420, "Nær kollega")],
            [(200, "Eva Lind"), (300, "–"), (360, "–"), (420, "Habil")]]
    (table,) = [b.table for b in build_blocks(_table_doc([header, *rows], step=16)) if b.table is not None]
    from vedtak.extractors.tables import conflicts_from_table, is_conflict_table
    assert is_conflict_table(table)
    got = [(c.case_id, c.person, c.ground) for c in conflicts_from_table(table, recorded_in="PS-AUTONOM 28/25", meeting="4/25",
                                                                          stage="proposed", default_board="PS-AUTONOM")]
    assert got == [("PS-AUTONOM 29/25", "Ole Kristian Brun", "Medsøker"), ("PS-AUTONOM 30/25", "Ole Kristian Brun", "Medsøker"),
                   ("PS-AUTONOM 29/25", "Harald Ruud", "Nær kollega")]


def test_an_attendance_matrix_with_centred_headers_and_a_member_absent_from_every_case():
    # c2: `Namn` and `Rolle` centred over left-set cells; `forfall` in every case column
    header = [(119, "Namn"), (233, "Rolle"), (299, "20/26"), (348, "21/26")]
    rows = [[(68, "Ragnhild Fossheim Lie"), (208, "leiar"), (309, "✓"), (358, "✓")],
            [(68, "Vilde Engen Strand"), (208, "medlem"), (299, "forfall"), (348, "forfall")],
            [(68, "Sigve Rønning"), (208, "varamedlem"), (309, "–"), (358, "✓")]]
    (table,) = [b.table for b in build_blocks(_table_doc([header, *rows], step=16)) if b.table is not None]
    from vedtak.extractors.tables import attendance_from_table
    assert [(n, str(r)) for n, r, _ in attendance_from_table(table)] == [
        ("Ragnhild Fossheim Lie", "chair"), ("Vilde Engen Strand", "absent"), ("Sigve Rønning", "substitute")]


def test_a_table_header_of_two_rows():
    # o01 (hand batch 6): `Beløp (mill. kr)` over `Søkt | Tilrådd`, the outcome column after them
    header = [(74, "Søknad"), (204, "Institusjon"), (351, "Beløp (mill. kr)"), (442, "Tilråding")]
    sub = [(351, "Søkt"), (397, "Tilrådd")]
    rows = [[(74, "255604"), (204, "Havforskingsinstituttet"), (351, "9,60"), (397, "9,60"), (442, "Innvilge")],
            [(74, "255638"), (204, "Nofima"), (351, "7,80"), (397, "–"), (442, "Reserve 1")]]
    (table,) = [b.table for b in build_blocks(_table_doc([header, sub, *rows], step=15)) if b.table is not None]
    assert table.headers == ("Søknad", "Institusjon", "Søkt", "Tilrådd", "Tilråding")
    assert table.meanings[-1] == ColumnMeaning.OUTCOME
    assert [r[-1] for r in table.rows] == ["Innvilge", "Reserve 1"]


def test_an_attendance_table_with_group_rows_and_a_note_column():
    # d02 (hand batch 6): `Medlemmer` / `Observatører` / `Forskningsrådet` rows over the names, the note gives the rest
    header = [(57, "Navn"), (200, "Institusjon / stilling"), (420, "Merknad")]
    rows = [[(57, "Medlemmer")], [(57, "Kari Skogstad"), (200, "NMBU"), (420, "Leder")], [(57, "Arild Sæterdal"), (200, "Norsk Landbrukssamvirke"), (420, "Forfall")],
            [(57, "Ellen Dahl Rustad"), (200, "Borregaard AS"), (420, "Vara for Arild Sæterdal")], [(57, "Observatører")],
            [(57, "Siv Wenche Holm"), (200, "Landbruks- og matdepartementet")], [(57, "Forskningsrådet")],
            [(57, "Linda Fosse"), (200, "Seniorrådgiver"), (420, "Referent")]]
    (table,) = [b.table for b in build_blocks(_table_doc([header, *rows], step=14)) if b.table is not None]
    from vedtak.extractors.tables import attendance_from_table, is_attendance_table
    assert is_attendance_table(table)
    assert [(n, str(r)) for n, r, _ in attendance_from_table(table)] == [
        ("Kari Skogstad", "chair"), ("Arild Sæterdal", "absent"), ("Ellen Dahl Rustad", "substitute"),
        ("Siv Wenche Holm", "observer"), ("Linda Fosse", "staff")]


def test_a_second_role_column_and_a_span_of_cases_in_an_attendance_table():
    # d1 (hand batch 7): `Navn | Rolle | Deltakelse` with `Forfall` in the second, `Sak 43/24–44/24` in a cell
    record = _record("""PROTOKOLL
Møte i Porteføljestyret for klinisk behandling (PS-KLINISK)
Møte nr.: 4/2024
Sak 40/24 Godkjenning av innkalling og saksliste
Vedtak:
Innkalling og saksliste godkjennes.
""")
    assert [c["case_id"] for c in record["cases"]] == ["PS-KLINISK 40/24"]
    from vedtak.extractors.segment import kind_of_header
    cell = [_line("Aud Sylvi Brekke", top=100), _line("Avdelingsdirektør", top=100, x0=240), _line("Sak 43/24–44/24", top=100, x0=430),
            _line("Vedtak:", top=140), _line("Godkjent.", top=154)]
    assert kind_of_header(cell, 2) == "mention"
    header = [(57, "Navn"), (240, "Rolle"), (430, "Deltakelse")]
    rows = [[(57, "Fredrik Nesje"), (240, "Medlem"), (430, "Forfall")], [(57, "Lars Erik Torp"), (240, "Varamedlem"), (430, "Møtte for Fredrik Nesje")]]
    (table,) = [b.table for b in build_blocks(_table_doc([header, *rows])) if b.table is not None]
    from vedtak.extractors.tables import attendance_from_table
    assert [(n, str(r)) for n, r, _ in attendance_from_table(table)] == [("Fredrik Nesje", "absent"), ("Lars Erik Torp", "substitute")]


def test_a_case_paper_s_own_habilitet_heading_and_a_type_word_inside_a_band_piece():
    # c4 (hand batch 7): `Møte: 1/26, 26.02.2026   Type: Vedtakssak   Sakshandsamar: …`; a bold `Habilitet` in the paper
    lines = [_bold(_line("PS-HAVMILJØ 4/26", top=70)), _bold(_line("Tildeling – Plast og miljøgifter i havet [U.off. § 14]", top=84)),
             _line("Møte: 1/26, 26.02.2026 Type: Vedtakssak Sakshandsamar: Knut Aksnes Frå: Administrasjonen", top=98),
             _bold(_line("Framlegg til vedtak", top=130)), _line("Søknadene 378804 og 378811 vert innvilga.", top=144),
             _bold(_line("Bakgrunn", top=170)), _line("Utlysinga vart vedteken i sak 27/25.", top=184),
             _bold(_line("Habilitet", top=210)),
             _line("Leiar Arild Sunde er medsøkjar i søknad 378811 og er inhabil i saka. Nestleiar Trude Myhre", top=224),
             _line("Sæbø leier møtet under handsaminga av saka.", top=237)]
    record = _record_of(lines)
    (case,) = record["cases"]
    assert (case["case_id"], case["case_type"]) == ("PS-HAVMILJØ 4/26", "decision")
    got = sorted((c["case_id"], c["person"], c["role"]) for c in record["conflicts"])
    assert got == [("PS-HAVMILJØ 4/26", "Arild Sunde", "inhabile"), ("PS-HAVMILJØ 4/26", "Trude Myhre Sæbø", "acting_chair")]


def test_a_title_that_opens_with_sak_and_no_colon_is_no_label():
    from vedtak.extractors.fields import match_inline
    assert match_inline("Sak avgjord i ekstraordinært fjernmøte 12. mai 2016", HEADER_LABELS) is None
    assert match_inline("Sak: Habilitet", HEADER_LABELS)[1] == "Habilitet"


def test_observer_labels():
    from vedtak.lexicon import ATTENDANCE_LABELS, match_label
    assert match_label("Observatør fra Samferdselsdepartementet", ATTENDANCE_LABELS).key == "observers"
    assert match_label("Observatør Fra Forskningsrådet", ATTENDANCE_LABELS) is None  # c03: two labels stacked, read as one


def test_three_attendance_columns_beside_a_list_the_layout_took_for_labels(tmp_path):
    # c05 (hand batch 6): `Møtte` with its names on the left, `Forfall` / `Observatør` and `Frå Forskingsrådet` beside them
    from pagedraw import draw
    from reportlab.pdfgen import canvas

    from vedtak.extract import extract_file

    path = tmp_path / "three.pdf"
    c = canvas.Canvas(str(path), pagesize=(W, H))
    draw(c, 57, 70, "Protokoll frå møte 4/18 i Porteføljestyret for maritim næring og sjøfart (PS-SJØFART)", bold=True)
    cells = [("Møtte", 57, 130, True), ("Marianne Sandberg (leiar)", 68, 143, False), ("Halvor Nesse", 68, 155, False),
             ("Kari Brevik", 68, 168, False), ("Stig Rune Aase", 68, 181, False), ("Eli Hovland", 68, 194, False),
             ("Gaute Indrebø (vara for Ane", 68, 206, False), ("Kvamme)", 68, 220, False),
             ("Forfall", 227, 130, True), ("Ane Kvamme", 237, 143, False), ("Observatør", 227, 160, True),
             ("Tore Lien, Nærings- og", 237, 173, False), ("fiskeridepartementet", 237, 186, False),
             ("Frå Forskingsrådet", 397, 130, True), ("Randi Ulstein,", 407, 143, False), ("avdelingsdirektør", 407, 155, False),
             ("Bjarne Vik, spesialrådgjevar", 407, 168, False)]
    for text, x, y, bold in cells:
        draw(c, x, y, text, bold=bold)
    c.setFillColorRGB(0.88, 0.88, 0.88)  # the case heading in a shaded band, as the page draws it
    c.rect(57, H - 256, 480, 18, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    draw(c, 62, 250, "PS-SJØFART 29/18 Godkjenning av innkalling og sakliste", bold=True)
    draw(c, 57, 270, "Vedtak:", bold=True)
    draw(c, 57, 290, "Innkallinga og saklista vart godkjende.")
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    (meeting,) = record["meetings"]
    assert meeting["present"] == ["Marianne Sandberg", "Halvor Nesse", "Kari Brevik", "Stig Rune Aase", "Eli Hovland", "Gaute Indrebø"]
    assert (meeting["absent"], meeting["observers"], meeting["staff"]) == (["Ane Kvamme"], ["Tore Lien"], ["Randi Ulstein", "Bjarne Vik"])
    assert [c["case_id"] for c in record["cases"]] == ["PS-SJØFART 29/18"]


def test_a_row_of_labels_read_after_a_column_the_layout_put_first():
    # c05 (hand batch 6): the reading order gives `Møtte` and its names first, then `Forfall`, `Frå Forskingsrådet`, ...
    from vedtak.extractors.fields import parse_fields
    from vedtak.extractors.meetings import ATTENDANCE_VOCABULARY
    left = [("Møtte", 57, 122), ("Marianne Sandberg (leiar)", 68, 135), ("Halvor Nesse", 68, 147), ("Kari Brevik", 68, 160),
            ("Stig Rune Aase", 68, 173), ("Eli Hovland", 68, 186), ("Gaute Indrebø (vara for Ane", 68, 198), ("Kvamme)", 68, 212)]
    rest = [("Forfall", 227, 122), ("Frå Forskingsrådet", 397, 122), ("Ane Kvamme", 237, 135), ("Randi Ulstein,", 407, 135),
            ("avdelingsdirektør", 407, 147), ("Observatør", 227, 152), ("Tore Lien, Nærings- og", 237, 165),
            ("fiskeridepartementet", 237, 178)]
    lines = [_line(t, top=y, x0=x, label=True) for t, x, y in left] + [_line(t, top=y, x0=x) for t, x, y in rest]
    _, fields = parse_fields(lines, ATTENDANCE_VOCABULARY)
    got = {f.key: [t for t in f.text_lines] for f in fields}
    assert got["present"][-2:] == ["Gaute Indrebø (vara for Ane", "Kvamme)"]
    assert (got["absent"], got["staff"]) == (["Ane Kvamme"], ["Randi Ulstein,", "avdelingsdirektør"])


def test_who_stands_in_in_a_clause_of_its_own_and_in_a_habilitet_paper_s_other_sections():
    # o2 and r4 (hand batch 7): after who leads the meeting, and in `Vurdering` below a proposal that names conflicts
    c, _ = extract_conflicts_of("Nestleiar Kjell Arne Vatne leier møtet under sak 10/24, og varamedlem Solfrid Brekke møter "
                                "som setjemedlem i sak 10/24.")
    assert sorted((x.case_id, x.person, x.role) for x in c) == [
        ("PS-DISTRIKT 10/24", "Kjell Arne Vatne", "acting_chair"), ("PS-DISTRIKT 10/24", "Solfrid Brekke", "substitute")]
    record = _record("""Sak PS-BATTERI 2/26 Habilitet
Til: Porteføljestyret for batteri og energilagring
L|Framlegg til vedtak
    Åsmund Krogstad er inhabil i sak 4/26. Nestleiar Kari Vatne leier møtet under handsaminga av saka.
L|Vurdering
    Når leiaren er inhabil, leier nestleiaren møtet. Varamedlem Odd Einar Strøm er kalla inn som setjemedlem i sak 4/26
    slik at styret er vedtaksført.
""")
    got = sorted((x["case_id"], x["person"], x["role"]) for x in record["conflicts"])
    assert ("PS-BATTERI 4/26", "Odd Einar Strøm", "substitute") in got
    assert ("PS-BATTERI 4/26", "Åsmund Krogstad", "inhabile") in got


def extract_conflicts_of(text: str):
    from vedtak.extractors.conflicts import extract_conflicts
    lines = [_line(text)]
    return extract_conflicts(text, lines, recorded_in="PS-DISTRIKT 8/24", meeting="2/24", stage="proposed",
                             default_board="PS-DISTRIKT", use_ner=False)


def test_reserve_places_in_words_a_cross_reference_and_a_substitute_in_a_numbered_list():
    # d02, c04 (hand batch 6)
    from vedtak.extractors.applications import extract_applications
    text = "Søknadene 259158 og 259163 settes på reserveliste, 259158 som nummer én og 259163 som nummer to."
    got = [(m.application_id, m.outcome, m.rank) for m in extract_applications(text, [_line(text)], case_id="PS-BIORES 46/16",
                                                                                 stage="adopted").mentions]
    assert got == [("259158", "reserve", 1), ("259163", "reserve", 2)]
    c, _ = extract_conflicts_of("Kristin Aune fratrådte under behandlingen av søknad 246701, jf. sak 21/15.")
    assert all(x.case_id != "PS-DISTRIKT 21/15" for x in c)  # the case it only refers to is none of its conflicts
    record = _record("""PROTOKOLL
Porteføljestyret for idrett og fysisk aktivitet (PS-IDRETT) – møte 3/15
Til stede:
1. Anne Lise Berg (leder)
2. Siri Holm, varamedlem (møtte for Jonas Vik)
Forfall: Jonas Vik

Sak 20/15 Godkjenning av innkalling
Vedtak:
Innkallingen godkjennes.
""")
    (meeting,) = record["meetings"]
    assert "Jonas Vik" not in meeting["present"] and meeting["absent"] == ["Jonas Vik"]


def test_a_sentence_decision_label_wrapped_over_three_lines_of_a_margin_column():
    # v12422 (variation set 15): `Styret gjorde` + the title beside it / `følgjande` / `vedtak:`
    lines = [_line("PS-GLOBUT sak 40/2025", top=100), _line("Styret gjorde", top=113, label=True),
             _line("Godkjenning av sakslista", top=113, x0=240), _line("følgjande", top=126, label=True),
             _line("vedtak:", top=139, label=True), _line("Porteføljestyret godkjenner sakslista.", top=139, x0=240)]
    joined = [l.text for l in join_case_labels(lines)]
    assert "Styret gjorde følgjande vedtak:" in joined and "følgjande" not in joined
