"""The OCR module's own rules, on real strings and drawn images (no Tesseract needed here)."""

from __future__ import annotations

import numpy as np
import pytest

from vedtak.document import Document, Line, Page, PageOcr
from vedtak.pdf import ocr
from vedtak.pdf.raw import RawPage, needs_ocr, text_lost
from vedtak.document import Word


@pytest.mark.parametrize(
    "prev, text, nxt, mended",
    [
        ("U.off.", "8", "14]", "§"),          # `[U.off. 8 14]`
        ("[U.off.", "$", "14]", "§"),         # `[U.off. $ 14]` when `[` and `U.off.` are one word
        ("U.off.", "S", "14]", "§"),
        ("søknad", "8", "", "8"),             # a digit anywhere else stays
        ("U.off.", "514]", "", "§ 14]"),      # `[U.off. 514]`: the sign and the number read as one
        ("møte", "4122", "", "4/22"),         # `fra møte 4122`: the slash read as `1`
        ("møte", "126", "", "1/26"),
        ("møte", "2024", "", "2024"),         # a year stays
        ("søknad", "4122", "", "4122"),
        ("møte", "$", "", "$"),
        ("", "KI.", "09:00", "Kl."),          # `KI. 09:00 — 15:30`
        ("", "KI.", "10.00", "Kl."),
        ("Tid", "K1.", "09:00", "Kl."),      # `K1. 09:00 – 15:30`
        ("", "KI.", "er", "KI."),             # KI (kunstig intelligens) at a sentence end stays
        ("Tromsø", "—", "Norges", "–"),       # `Universitetet i Tromsø — Norges arktiske universitet`
        ("en", "bloc.-", "", "bloc."),         # `avslås en bloc.-`: a speck read as a hyphen
        ("", "forsknings-", "", "forsknings-"),  # a line-end hyphen stays (the layout mends it)
        ("", "—Porteføljestyret", "vedtar", "Porteføljestyret"),  # a speck glued before a capital
        ("", "«Pilot", "Helse»", "«Pilot"),   # Norwegian quotes stay
        ("", "Porteføljestyret", "", "Porteføljestyret"),
        ("[U.off.", "14]", "", "§ 14]"),      # `Tildeling av forprosjektmidler [U.off. 14]`: the sign lost
        ("U.off.", "14]", "", "§ 14]"),
        ("søknader", "14", "", "14"),         # a number anywhere else stays
        ("", "|.Unni", "Tangen", "Unni"),     # `|.Unni Tangen` in an attendance table: the cell's rule glued
        ("", "|Data", "og", "Data"),          # `|Data og modeller for global helse` in a table of applications
        ("", "|", "", "|"),
        ("til", "orientering..", "", "orientering."),  # `tar informasjonen til orientering..`
        ("", "osv...", "", "osv..."),          # an ellipsis stays
        ("fra", "møte", "", "møte"),
        ("møte", "2125", "", "2/25"),         # `fra møte` / `2125` at the start of the next line of a title
    ],
)
def test_mend_text(prev, text, nxt, mended):
    assert ocr.mend_text(prev, text, nxt) == mended


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t236\t230\t561\t40\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t236\t232\t220\t31\t96.5\tMøteprotokoll\n"
    "5\t1\t1\t1\t1\t2\t470\t231\t37\t39\t91.0\tSak\n"
    "5\t1\t1\t1\t1\t3\t520\t240\t10\t10\t12.0\t \n"
    "4\t1\t1\t1\t2\t0\t236\t290\t700\t38\t-1\t\n"
    "5\t1\t1\t1\t2\t1\t236\t292\t150\t30\t88.25\tPS-HAV\n"
)


def test_parse_tsv_words_and_line_extents():
    words, lines = ocr.parse_tsv(TSV)
    assert [w.text for w in words] == ["Møteprotokoll", "Sak", "PS-HAV"]  # the blank word is not one
    assert words[0].right == 236 + 220 and words[0].bottom == 232 + 31 and words[0].conf == 96.5
    assert lines == {(1, 1, 1): (230, 270), (1, 1, 2): (290, 328)}
    assert words[2].line == (1, 1, 2)


def _page_of_lines(shape=(1100, 850), rows=range(100, 1000, 40), x=(80, 770)) -> np.ndarray:
    """A white page with rows of 'text' (dashed ink, 8 px high), like a page of body text."""
    grey = np.full(shape, 255, dtype=np.uint8)
    for y in rows:
        for x0 in range(x[0], x[1], 24):
            grey[y:y + 8, x0:x0 + 17] = 30
    return grey


@pytest.mark.parametrize("turn", [0.0, 0.4, -0.7, 1.3])
def test_estimate_skew_finds_the_turn_of_the_page(turn):
    from PIL import Image

    img = Image.fromarray(_page_of_lines(), "L").rotate(turn, resample=Image.BICUBIC, fillcolor=255)
    found = ocr.estimate_skew(ocr._ink(np.asarray(img)))
    assert found == pytest.approx(turn, abs=0.06)


def test_find_rules_gives_ruling_lines_in_points():
    dpi = 144  # 2 pixels a point
    grey = np.full((800, 600), 255, dtype=np.uint8)
    grey[100:103, 50:550] = 0    # a horizontal rule 250 pt long at y = 50.75 pt
    grey[100:700, 300:302] = 0   # a vertical rule from it down
    grey[400:408, 60:90] = 0     # a short thick dash: not a rule
    edges = ocr.find_rules(grey, dpi)
    h = [e for e in edges if e.orientation == "h"]
    v = [e for e in edges if e.orientation == "v"]
    assert len(h) == 1 and len(v) == 1
    assert (h[0].x0, h[0].x1) == (25.0, 275.0) and h[0].top == pytest.approx(50.75)
    assert v[0].top == 50.0 and v[0].bottom == 350.0 and v[0].x0 == pytest.approx(150.5)


def test_find_shaded_gives_a_grey_box_without_border():
    dpi = 144
    rng = np.random.default_rng(1)
    grey = np.clip(255 - np.abs(rng.normal(0, 6, (800, 600))), 0, 255).astype(np.uint8)
    grey[200:400, 320:560] = 224                       # 0.88 grey, as the samples shade a header box
    for y in range(215, 390, 24):                      # text on it
        grey[y:y + 9, 330:540:3] = 20
    grey[600:640, 40:300:2] = 20                        # text on white paper: no box
    rects = ocr.find_shaded(grey, dpi)
    assert len(rects) == 1
    r = rects[0]
    assert r.filled and not r.stroked
    assert (r.x0, r.top, r.x1, r.bottom) == pytest.approx((160, 100, 280, 200), abs=3.5)


def test_a_dropped_bullet_is_found_as_a_round_blob_left_of_the_line():
    yy, xx = np.mgrid[0:200, 0:600]
    ink = np.zeros((200, 600), dtype=bool)
    ink[(yy - 118) ** 2 + (xx - 76) ** 2 <= 36] = True  # the bullet: a filled disc a third of the line high, mid-line
    ink[100:136, 100:400] = True    # the line's first word and the rest (its box starts at x = 100)
    assert ocr._blob_left_of(ink, 100, 136, 100, 36) == (70, 112, 83, 125)
    ink[112:124, 40:50] = True      # more ink further left: an indented item, not a bullet first
    assert ocr._blob_left_of(ink, 100, 136, 100, 36) is None
    speck = np.zeros((200, 600), dtype=bool)
    speck[112:124, 70:82] = True    # a solid square of dust on the glass is no bullet
    speck[100:136, 100:400] = True
    assert ocr._blob_left_of(speck, 100, 136, 100, 36) is None
    low = np.zeros((200, 600), dtype=bool)
    low[(yy - 131) ** 2 + (xx - 76) ** 2 <= 36] = True  # a round speck at the foot of the line
    low[100:136, 100:400] = True
    assert ocr._blob_left_of(low, 100, 136, 100, 36) is None
    flat = np.zeros((200, 600), dtype=bool)
    flat[116:118, 50:80] = True     # a dash is not a bullet
    assert ocr._blob_left_of(flat, 100, 136, 100, 36) is None


def _raw(words=(), chars=0, garbled=0) -> RawPage:
    return RawPage(1, 595.0, 842.0, tuple(words), (), (), chars, garbled)


@pytest.mark.parametrize(
    "raw, needed",
    [
        (_raw(), True),                                                           # a scan: no text layer
        (_raw([Word("Møteprotokoll", 50, 60, 130, 72)], 13, 0), False),          # a text layer
        (_raw([Word("Mteprotokoll", 50, 60, 130, 72)], 100, 6), True),           # fonts lost 6 % of the glyphs
        (_raw([Word("Møteprotokoll", 50, 60, 130, 72)], 100, 5), False),         # 5 %: within what happens
    ],
)
def test_needs_ocr(raw, needed):
    assert needs_ocr(raw) is needed
    assert text_lost(raw.chars, raw.garbled) is (needed and bool(raw.words))


def _page(number: int, info: PageOcr | None, text: str = "Sak PS-HAV 8/26") -> Page:
    lines = (Line(text, number, 50, 60, 200, 72),) if text else ()
    return Page(number, 595.0, 842.0, lines, ocr=info)


def test_ocr_findings_name_what_to_install_and_the_doubtful_pages():
    missing = "Tesseract is not installed (" + ocr.INSTALL_HINT + ")"
    doc = Document("0" * 64, "skannet.pdf", (
        _page(1, None), _page(2, PageOcr(0.95)), _page(3, PageOcr(0.61, rotation=180)),
        _page(4, PageOcr(None, problem=missing), ""), _page(5, PageOcr(None, problem=missing), ""),
        _page(6, PageOcr(0.2), ""),  # OCR read nothing there: no confidence worth reporting
        _page(7, PageOcr(0.85, lost_text=True)),  # damaged fonts: the text layer was there but lost its letters
    ))
    findings = ocr.ocr_findings(doc)
    assert [(f.code, f.provenance.page) for f in findings] == [
        ("ocr_unavailable", 4), ("unreadable_text", 7), ("ocr_low_confidence", 3)]
    assert "page(s) 4, 5" in findings[0].message and "apt-get install tesseract-ocr tesseract-ocr-nor" in findings[0].message
    assert "read by OCR from the page image instead (mean word confidence 0.85)" in findings[1].message
    assert "0.61" in findings[2].message
    assert [(p.page, p.confidence) for p in ocr.ocr_pages(doc)] == [
        (2, 0.95), (3, 0.61), (4, None), (5, None), (6, 0.2), (7, 0.85)]


def test_record_marks_ocr_pages_and_the_provenance_on_them():
    from vedtak.records import Case, DocumentRecord, OcrPage, Provenance
    from vedtak.schema import validate_record

    def case(cid: str, page: int) -> Case:
        return Case(cid, "2/26", "Orienteringer", None, None, "Porteføljestyret tar informasjonen til orientering.", None,
                    (), None, (), None, (), Provenance(page, (50.0, 60.0, 200.0, 72.0), "cases.minutes_block"),
                    decision_provenance=Provenance(page, None, "cases.decision"))

    rec = DocumentRecord("a" * 64, "skannet.pdf", "minutes", 2, None, "PS-HAV", "nb", "rules", "pdfium", "1",
                         cases=(case("PS-HAV 8/26", 1), case("PS-HAV 9/26", 2)), ocr_pages=(OcrPage(2, 0.912),))
    out = rec.to_json()
    validate_record(out)
    assert out["document"]["ocr_pages"] == [{"page": 2, "confidence": 0.912}]
    first, second = out["cases"]
    assert "ocr_confidence" not in first["provenance"] and "ocr_confidence" not in first["decision_provenance"]
    assert second["provenance"]["ocr_confidence"] == 0.912 == second["decision_provenance"]["ocr_confidence"]
    plain = DocumentRecord("a" * 64, "tekst.pdf", "minutes", 2, None, "PS-HAV", "nb", "rules", "pdfium", "1").to_json()
    assert "ocr_pages" not in plain["document"]  # a text-layer document's record is as before


def test_without_tesseract_the_problem_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without Tesseract
    ocr.tesseract_problem.cache_clear()
    try:
        problem = ocr.tesseract_problem()
    finally:
        ocr.tesseract_problem.cache_clear()
    assert problem == f"Tesseract is not installed ({ocr.INSTALL_HINT})"


def _w(text: str, left: int, top: int, right: int, bottom: int, line=(1, 1, 1), conf: float = 95.0):
    return ocr._TsvWord(text, left, top, right, bottom, conf, line)


def test_bullets_and_specks_at_the_start_of_a_line():
    ink = np.zeros((400, 1000), dtype=bool)
    words = [
        _w("*", 100, 112, 112, 124, line=(1, 1, 1)), _w("Arbeidet", 130, 100, 260, 130, line=(1, 1, 1)),
        _w("«351258", 100, 150, 260, 180, line=(1, 1, 2)), _w("Tiltak", 270, 150, 360, 180, line=(1, 1, 2)),
        _w(".", 80, 210, 84, 214, line=(1, 1, 3)), _w("Sak", 100, 200, 150, 230, line=(1, 1, 3)),
        _w("-", 100, 262, 110, 266, line=(1, 1, 4)), _w("Søknad", 130, 250, 240, 280, line=(1, 1, 4)),
    ]
    lines = {(1, 1, k): (100 + 50 * (k - 1), 136 + 50 * (k - 1)) for k in range(1, 5)}
    texts = sorted((w.line[2], w.left, w.text) for w in ocr._bullets(words, lines, ink))
    assert [t for _, _, t in texts] == ["•", "Arbeidet", "•", "351258", "Tiltak", "Sak", "-", "Søknad"]


def test_font_boxes_give_a_line_one_box_from_its_baseline():
    # 300 dpi, 10 pt: capitals ~30 px above the baseline at y = 130; `og` and `søknader` go below it.
    line = [_w("Vedtak:", 100, 100, 220, 130), _w("og", 230, 108, 262, 139), _w("søknader", 270, 99, 420, 139),
            _w("•", 80, 110, 92, 122)]
    body = [_w("Porteføljestyret", 100, 150 + 40 * k, 400, 180 + 40 * k, line=(2, 1, k)) for k in range(5)]
    boxes = ocr.font_boxes(line + body)
    assert len({b for b in boxes[:4]}) == 1  # every word of the line, the bullet too, has the same box
    top, bottom, size = boxes[0]
    assert bottom - top == pytest.approx((ocr.FONT_BOX[0] + ocr.FONT_BOX[1]) * size)
    assert top < 100 and bottom > 130 and 130 - top == pytest.approx(ocr.FONT_BOX[0] * size)
    heading = ocr.font_boxes([_w("Møteprotokoll", 100, 40, 500, 100, line=(0, 1, 1))] + body)
    assert heading[0][2] > ocr.BIGGER * boxes[0][2]  # a bigger font keeps its own size


def test_bold_words_by_stroke_width_with_the_line_deciding():
    ink = np.zeros((200, 1000), dtype=bool)
    words = []
    for k, (thick, line) in enumerate([(3, 1), (3, 1), (3, 2), (5, 3), (5, 3), (3, 3)]):
        x = 20 + 150 * k
        for s in range(x, x + 120, 12):  # vertical strokes `thick` pixels wide
            ink[50:80, s:s + thick] = True
        words.append(_w("ordene", x, 50, x + 120, 80, line=(line, 1, 1)))
    # lines 1 and 2 regular; line 3 two bold words and one thin (`[U.off.` in a bold title): all bold
    assert ocr.bold_words(words, ink) == [False, False, False, True, True, True]


def test_specks_read_as_signs_within_a_line_are_dropped():
    words = [_w("til", 100, 100, 140, 130), _w(".", 150, 120, 154, 124, conf=40.0), _w("orientering.", 160, 100, 300, 130),
             _w("omstilling", 100, 150, 240, 180, line=(1, 1, 2)), _w("*", 250, 150, 260, 160, line=(1, 1, 2), conf=77.0),
             _w("*", 90, 200, 100, 210, line=(1, 1, 3)), _w("Arbeidet", 110, 200, 200, 230, line=(1, 1, 3))]
    assert [w.text for w in ocr._mend_words(words)] == ["til", "orientering.", "omstilling", "*", "Arbeidet"]


@pytest.mark.parametrize(
    "text, width, height, median_h, speck",
    [
        # real readings of scanned copies (Tesseract's boxes in pixels at 300 dpi, usual word height ~31)
        ("å", 6, 6, 31, True),        # `søknadsbehandlingen: å 1. Søknader`: a 6-pixel speck
        ("å", 22, 36, 32, False),     # `bes om å godkjenne`: the word å
        ("Å", 6, 7, 32, True),        # `413581. Å Sak 6/26`
        ("Å", 9, 9, 29.5, True),      # `Helga Sundby Å Medlem` in an attendance table: a 9-pixel speck
        ("i", 10, 27, 30, False),     # `prosent i 2025`: the word i
        ("9", 18, 29, 30, False),
        ("-", 8, 9, 32, True),        # `møte 4/24 -`, `Habilitet - vurderes`: a square speck
        ("-", 3, 3, 31, True),        # `følgende: - Porteføljestyret`
        ("-", 11, 5, 32, False),      # `- Søknad 425452 settes på reserveliste.`: a list dash
        ("-", 18, 3, 31, False),      # `teknologier - møte 5/22`: an en dash read as a hyphen
        ("—", 19, 4, 32, False),
        ('"', 7, 6, 31, True),        # `oppnevnt som " settemedlem`
        ("*|", 4, 4, 31, True),       # `i skolen i *| Norden`
        ("/", 14, 32, 32, False),     # `Forberedelse / prosess`
        ("«", 12, 10, 31, False),     # a quote mark is as big as a small letter
        ("7", 14, 22, 31, False),     # a digit
        ("Mee", 114, 65, 31, False),  # a misread word is no speck
        ("å", 6, 6, 0, False),        # a page without words: nothing to measure against
    ],
)
def test_a_speck_is_told_by_its_size(text, width, height, median_h, speck):
    assert ocr.is_speck(text, width, height, median_h) is speck


def test_a_bullet_read_as_a_sign_opening_a_line_is_still_found_left_of_the_next_word():
    # `; Statsbudsjettet 2024`: the bullet of a list item read as `;` (conf 0), its box taking in a speck
    yy, xx = np.mgrid[0:200, 0:600]
    ink = np.zeros((200, 600), dtype=bool)
    ink[(yy - 118) ** 2 + (xx - 76) ** 2 <= 36] = True
    ink[100:136, 100:400] = True
    words = [_w(";", 68, 90, 84, 147, conf=0.0), _w("Statsbudsjettet", 100, 100, 400, 136)]
    out = ocr._bullets(words, {(1, 1, 1): (100, 136)}, ink)
    assert [w.text for w in out] == ["Statsbudsjettet", "•"]
    speck = ocr._bullets([_w("*", 80, 113, 86, 118, conf=29.0), _w("Administrasjonen", 100, 100, 400, 136)],
                         {(1, 1, 1): (100, 136)}, np.zeros((200, 600), dtype=bool))
    assert [w.text for w in speck] == ["Administrasjonen"]  # a 6-pixel `*` is dust, not a bullet


def test_a_speck_above_a_bullet_in_the_same_columns_is_not_part_of_it():
    # multek 4/23, `• Statsbudsjettet 2024`: a square speck 8 px wide sits 35 px above the bullet's disc
    yy, xx = np.mgrid[0:200, 0:600]
    ink = np.zeros((200, 600), dtype=bool)
    ink[(yy - 150) ** 2 + (xx - 76) ** 2 <= 36] = True
    ink[100:108, 72:80] = True
    ink[130:166, 100:400] = True
    assert ocr._blob_left_of(ink, 100, 175, 100, 40) == (70, 144, 83, 157)


def _printed_ink(text: str, font: str, dpi: int) -> np.ndarray:
    """The ink of `text` as printed in `font` (11 pt) and rasterised at `dpi`, cut to its box."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(200, 40), invariant=1)
    c.setFont(font, 11)
    c.drawString(10, 15, text)
    c.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    try:
        page = pdf[0]
        ink = ocr._ink(ocr.render_page(page, dpi))
        page.close()
    finally:
        pdf.close()
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


@pytest.mark.parametrize("font", ["Helvetica-Bold", "Helvetica", "Times-Roman"])
@pytest.mark.parametrize("dpi", [300, 150])
@pytest.mark.parametrize(
    "read, printed",
    [
        ("71/26", "7/26"),      # `Sak 71/26 Vedtak:` (klima 1/26 minutes): the slash split into `1/`
        ("231/25", "23/25"),    # `Sak PS-ENERGI 231/25`
        ("7126", "7/26"),       # the slash read as `1`
        ("4122", "4/22"),       # `fra møte 4122`
        ("126", "1/26"),        # `møte 126`: the slash lost
        ("526", "5/26"),
        ("2016", "2016"),       # a year's `1` stands upright: it stays
        ("11/25", "11/25"),
        ("1/26", "1/26"),
        ("526", "526"),         # a three-digit number with no slash in the print stays
        ("412345", "412345"),   # an application id
        ("21/24,", "21/24,"),
        ("211/24,", "21/24,"),  # a sign after the number is kept
    ],
)
def test_a_slash_read_as_one_is_told_by_its_lean(read, printed, font, dpi):
    assert ocr.mend_number(read, _printed_ink(printed, font, dpi)) == printed


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman", "Helvetica-Bold"])
@pytest.mark.parametrize("dpi", [300, 200])  # OCR reads every page at 300 dpi (150-dpi scans rendered up to it)
@pytest.mark.parametrize(
    "prev, read, printed, mended",
    [
        ("for", "Språk", "språk", "språk"),                  # `Tiltak for Språk og identitet` (humsam 5/23 minutes)
        ("til", "Orientering.", "orientering.", "orientering."),  # `møte 2/26 til Orientering.`
        ("om", "Omstilling", "omstilling", "omstilling"),
        ("for", "Samarbeid", "Samarbeid", "Samarbeid"),      # a capital within a title stays: as high as an ascender
        ("-", "Søknad", "Søknad", "Søknad"),
        ("og", "Ola", "Ola", "Ola"),                         # too few small letters to measure against
        ("og", "Sindre", "Sindre", "Sindre"),
        ("vedtak.", "Orientering", "orientering", "Orientering"),  # after a sentence's end the capital is kept as read
        ("", "Språk", "språk", "Språk"),                     # nothing before it: a line or paragraph may open here
        ("for", "SFF", "SFF", "SFF"),                        # an abbreviation
        ("Prosjekttittel", "Vedtak", "Vedtak", "Vedtak"),    # a table's head read as one line (velferd 2/26 minutes)
    ],
)
def test_a_capital_within_a_sentence_is_told_by_its_height(prev, read, printed, mended, font, dpi):
    assert ocr.small_initial(read, prev, _printed_ink(printed, font, dpi)) == mended


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("-", 18, "–"),  # an en dash opening a list item, 18 of 35 pixels: read by Tesseract as a hyphen
    ("-", 11, "-"),  # a hyphen, 11 of 35 pixels
    ("–", 18, "–"),
    ("Innvilges:", 120, "Innvilges:"),
])
def test_dash_by_width(text: str, width: int, expected: str):
    from vedtak.pdf.ocr import dash_by_width

    assert dash_by_width(text, width, 35.0) == expected


@pytest.mark.parametrize(("line", "furniture"), [
    ("Side 1 av 8", True), ("Side I av 8", True), ("side l av 12", True), ("Sak 12/25", False),
])
def test_page_of_read_from_a_scan(line: str, furniture: bool):
    from vedtak.pdf.layout import PAGE_OF

    assert (PAGE_OF.search(line) is not None) is furniture


@pytest.mark.parametrize(
    "text, top, bottom, size",
    [
        ("teknologi", 408, 482, 18.0 * 300 / 72),  # a title's second line, 18 pt (k, l up; g down); real boxes, 300 dpi
        ("Vedlegg", 1194, 1236, 10.0 * 300 / 72),  # 10 pt body text: V up, g down
        ("Dato", 517, 549, 10.0 * 300 / 72),       # no descender
        ("og", 100, 120, None),                    # small letters only: no size
        ("en", 100, 118, None),
        ("12", 100, 130, None),                    # under three letters or digits
    ],
)
def test_a_line_of_one_word_is_measured_from_its_own_letters(text, top, bottom, size):
    baseline, measured = ocr.one_word_metrics(text, top, bottom)
    if size is None:
        assert measured is None and baseline == bottom
    else:
        assert measured == pytest.approx(size, rel=0.1)
        assert baseline <= bottom


def test_font_boxes_give_a_title_line_of_one_word_the_title_size():
    body = [_w("Porteføljestyret", 100, 600 + 60 * k, 400, 630 + 60 * k, line=(2, 1, k)) for k in range(5)]
    title = [_w("Porteføljestyret", 302, 308, 963, 382, line=(1, 1, 1)), _w("for", 992, 308, 1112, 367, line=(1, 1, 1)),
             _w("teknologi", 296, 408, 688, 482, line=(1, 1, 2))]
    boxes = ocr.font_boxes(title + body)
    assert boxes[2][2] > ocr.BIGGER * boxes[3][2]  # `teknologi` is set as big as the line above it


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman", "Helvetica-Bold"])
@pytest.mark.parametrize("dpi", [300, 200])
@pytest.mark.parametrize(
    "read, printed",
    [
        ("2018-2022", "2018–2022"),    # `I perioden 2018–2022 har Forskningsrådet tildelt` (scanned minutes)
        ("1-7.", "1–7."),              # `en samlet karakter på skalaen 1–7.`
        ("2016-", "2016–"),            # a range broken at a line's end
        ("2024—2026.", "2024–2026."),  # an en dash read as an em dash
        ("2023-2025.", "2023–2025."),
        ("30-22.", "30-22."),          # `jf. sak PS-NATTEK 30-22.`: a case number printed with a hyphen stays
        ("2019-2023", "2019-2023"),    # a range printed with a hyphen stays
        ("30-", "30-"),
        ("2016", "2016"),              # no dash: nothing to tell
    ],
)
def test_the_dash_of_a_number_range_is_told_by_its_length(read, printed, font, dpi):
    # the usual word height of a page is about 0.8 of its font size (33 pixels for 10 pt at 300 dpi)
    median_h = 0.8 * 11 * dpi / 72
    assert ocr.range_dash(read, _printed_ink(printed, font, dpi), median_h) == printed


def test_the_word_before_a_line_s_first_word_is_the_last_of_the_line_above_in_its_paragraph():
    """`Godkjent møteprotokoll fra møte` / `2125` in a header box: the meeting number opens the next line."""
    title = [_w("møteprotokoll", 100, 100, 400, 135, line=(17, 1, 2)), _w("fra", 420, 100, 480, 135, line=(17, 1, 2)),
             _w("møte", 500, 100, 600, 135, line=(17, 1, 2)), _w("2125", 100, 150, 190, 185, line=(17, 1, 3))]
    assert [w.text for w in ocr._mend_words(title)][-1] == "2/25"
    other = title[:3] + [_w("2125", 100, 150, 190, 185, line=(17, 2, 1))]  # another paragraph: no context
    assert [w.text for w in ocr._mend_words(other)][-1] == "2125"


@pytest.mark.parametrize(
    "word, mended",
    [
        ("intemasjonale", "internasjonale"),  # `Porteføljestyret for global utvikling og intemasjonale relasjoner`: rn read as m
        ("orientéring.", "orientering."),      # `møteprotokoll fra porteføljestyremøte 3/23 til orientéring.`
        ("medlémmer", "medlemmer"),            # `Flere medlémmer pekte på at budsjettet`
        ("deniokrati", "demokrati"),           # `Ny kunnskap om deniokrati og tillit`: m read as ni
        ("Årktis", "Arktis"),                  # `Ny kunnskap om satellittdata i Årktis`
        ("Dramrnensveien", "Drammensveien"),
        ("pörteføljeplanen", "pörteføljeplanen"),  # the dictionary lacks the compound: nothing to check against
        ("kulturaiv", "kulturaiv"),            # `i` for `r` is no known confusion
        ("Rustad", "Rustad"),                  # names stay
        ("Flatebø", "Flatebø"),
        ("Vestrheim", "Vestrheim"),
        ("Tangen-Hovland", "Tangen-Hovland"),
        ("internasjonale", "internasjonale"),  # a known word stays
        ("rnøte", "møte"),
        ("Teams", "Teams"),
        ("333026", "333026"),
    ],
)
def test_a_word_no_dictionary_knows_is_mended_by_a_known_confusion(word, mended):
    assert ocr.lexicon_mend(word) == mended


def test_lexicon_mend_needs_exactly_one_candidate():
    known = {"barn", "bam"}.__contains__  # `bam` read for `barn`, and `bam` is a word too: no change either way
    assert ocr.lexicon_mend("baniX", known) == "baniX"
    assert ocr.lexicon_mend("bamm", {"barnm", "bamrn"}.__contains__) == "bamm"  # two candidates: ambiguous
    assert ocr.lexicon_mend("kornmune", {"kommune"}.__contains__) == "kommune"


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman"])
@pytest.mark.parametrize("dpi", [300, 200])
@pytest.mark.parametrize(
    "read, printed, speck, mended",
    [
        ("Rustad-Flatebø)", "Rustad-Flatebø", True, "Rustad-Flatebø"),  # an attendance list: a speck after the name
        ("gjennomsnitts!", "gjennomsnitts", True, "gjennomsnitts"),
        ("(leder)", "(leder)", False, "(leder)"),                        # a real bracket spans the line
        ("søker)", "søker)", False, "søker)"),
        ("Viktig!", "Viktig!", False, "Viktig!"),
    ],
)
def test_a_speck_after_a_word_read_as_a_sign_is_told_by_its_height(read, printed, speck, mended, font, dpi):
    ink = _printed_ink(printed, font, dpi)
    if speck:  # a speck of dust, 4 pixels square, a little after the word, at mid-height
        h, w = ink.shape
        ink = np.concatenate([ink, np.zeros((h, 12), dtype=bool)], axis=1)
        ink[h // 2 - 2:h // 2 + 2, w + 6:w + 10] = True
    median_h = 0.8 * 11 * dpi / 72
    assert ocr.trailing_speck(read, ink, median_h) == mended


def test_the_upright_rules_of_a_one_row_table_are_found():
    """`Søknadsnr | Prosjekttittel | Vedtak` over one application (scanned minutes): the table is two
    rows of ~14 pt, its upright rules shorter than a free-standing rule must be; they run from rule to rule."""
    dpi = 144  # 2 pixels a point
    grey = np.full((800, 1200), 255, dtype=np.uint8)
    for y in (100, 128, 156):                 # three horizontal rules, 14 pt apart
        grey[y:y + 2, 60:1100] = 0
    for x in (60, 480, 1000, 1098):           # upright rules from the top rule to the bottom one: 28 pt
        grey[100:158, x:x + 2] = 0
    grey[400:436, 300:304] = 0                # an `l` of a big heading, 18 pt: meets no rule
    v = sorted(e.x0 for e in ocr.find_rules(grey, dpi) if e.orientation == "v")
    assert v == [30.5, 240.5, 500.5, 549.5]
