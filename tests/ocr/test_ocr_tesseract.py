"""OCR with the real Tesseract on scanned copies of a sample (a few pages at 150 dpi: fast).

The copies come from `samples.generator.scanned`, as the benchmark's do; the expected record is
the text-layer original's. Without Tesseract these tests skip loudly (and fail in CI); the last
one shows what a machine without it gets.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from samples.generator.scanned import PageScan, scan_image, scan_pdf, write_image_pdf
from vedtak.eval.compare import compare
from vedtak.pdf import ocr
from vedtak.schema import validate_record

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.xdist_group("ocr")  # one worker OCRs the scanned minutes once for the whole module
MINUTES = "klima_2-23_minutes_rl"  # 3 pages; the scan plan turns page 3 upside down


@pytest.fixture(scope="module")
def tesseract():
    problem = ocr.tesseract_problem()
    if problem:
        pytest.skip(f"MISSING COMPONENT: {problem}")


@pytest.fixture(scope="module")
def scanned(tesseract, tmp_path_factory) -> dict:
    """The scanned minutes, extracted twice with one fresh OCR cache: records and Tesseract runs."""
    from vedtak.extract import extract_file

    folder = tmp_path_factory.mktemp("scan")
    pdf = folder / f"{MINUTES}.pdf"
    plan = scan_pdf(REPO / "samples" / "pdf" / f"{MINUTES}.pdf", pdf, dpi=150)
    mp = pytest.MonkeyPatch()
    mp.setenv("VEDTAK_CACHE_DIR", str(folder / "cache"))
    try:
        before = ocr.tesseract_runs()
        first = extract_file(pdf)
        between = ocr.tesseract_runs()
        again = extract_file(pdf)
        after = ocr.tesseract_runs()
    finally:
        mp.undo()
    expected = json.loads((REPO / "samples" / "expected" / f"{MINUTES}.json").read_text(encoding="utf-8"))
    return {"plan": plan, "record": first, "again": again, "runs": (between - before, after - between),
            "expected": expected, "cache": folder / "cache" / "ocr"}


def test_scanned_minutes_read_like_the_original(scanned):
    assert scanned["plan"][2].turn == 180 and all(abs(p.skew) < 1 for p in scanned["plan"])
    record = scanned["record"]
    validate_record(record)
    assert record["document"]["kind"] == "minutes"
    scores = compare(record, scanned["expected"])
    assert scores["meetings"][0].f1 == 1.0, scores["meetings"]
    assert scores["conflicts"][0].f1 == 1.0, scores["conflicts"]
    assert scores["applications"][0].f1 >= 0.9, scores["applications"]
    assert scores["budget_cuts"][0].f1 == 1.0, scores["budget_cuts"]
    ids = {c["case_id"] for c in record["cases"]}
    assert ids == {c["case_id"] for c in scanned["expected"]["cases"]}


def test_every_page_says_it_came_from_ocr_and_records_carry_it(scanned):
    record = scanned["record"]
    pages = record["document"]["ocr_pages"]
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert all(0.8 <= p["confidence"] <= 1 for p in pages)
    confidence = {p["page"]: p["confidence"] for p in pages}
    for kind in ("meetings", "cases", "conflicts", "applications"):
        for item in record[kind]:
            prov = item["provenance"]
            assert prov["ocr_confidence"] == confidence[prov["page"]], (kind, item)
    assert not [f for f in record["findings"] if f["code"].startswith("ocr_")]  # a clean scan: nothing to doubt


def test_a_rerun_reads_every_page_from_the_cache(scanned):
    first_run, second_run = scanned["runs"]
    assert first_run >= 3  # one reading a page, and OSD and a second reading for the upside-down one
    assert second_run == 0
    assert scanned["again"] == scanned["record"]
    assert len(list(scanned["cache"].rglob("*.txt"))) == first_run


def test_a_page_lying_sideways_is_turned_upright(tesseract, tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from vedtak.pdf.reader import read_document

    monkeypatch.setenv("VEDTAK_CACHE_DIR", str(tmp_path / "cache"))
    src = pdfium.PdfDocument(str(REPO / "samples" / "pdf" / f"{MINUTES}.pdf"))
    try:
        image = scan_image(src[0], PageScan(dpi=150, skew=-0.6, turn=90, grain=6.0, specks=10), seed=1)
    finally:
        src.close()
    assert image.width > image.height  # landscape: the page lies on its side
    write_image_pdf([image], 150, tmp_path / "sideways.pdf")
    doc = read_document(tmp_path / "sideways.pdf")
    page = doc.pages[0]
    assert page.ocr is not None and page.ocr.rotation in (90, 270) and page.ocr.confidence > 0.8
    assert page.height > page.width  # upright again
    assert page.ocr.skew == pytest.approx(0.6 if page.ocr.rotation == 270 else -0.6, abs=0.15) or abs(page.ocr.skew) <= 0.8
    texts = [line.text for line in page.lines]
    assert "Møteprotokoll" in texts and "Halvor Haugen (leder)" in texts


def test_the_store_and_search_mark_an_ocr_source(scanned, tmp_path):
    from vedtak.search.query import Filters, search
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.loader import load_record

    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        load_record(engine, json.loads(json.dumps(scanned["record"])), source="arkiv/klima_2-23_skannet.pdf")
        load_record(engine, json.loads(json.dumps(scanned["expected"])), source="arkiv/klima_2-23_tekst.pdf")
        result = search(engine, filters=Filters(application="351849"))
    finally:
        engine.dispose()
    by_source = {}
    for hit in result.hits:
        by_source.setdefault(hit["document"]["source"], []).append(hit["document"])
    assert set(by_source) == {"arkiv/klima_2-23_skannet.pdf", "arkiv/klima_2-23_tekst.pdf"}
    mean = sum(p["confidence"] for p in scanned["record"]["document"]["ocr_pages"]) / 3
    for doc in by_source["arkiv/klima_2-23_skannet.pdf"]:
        assert doc["ocr_pages"] == 3 and doc["ocr_confidence"] == pytest.approx(mean, abs=0.001)
    assert all("ocr_pages" not in doc for doc in by_source["arkiv/klima_2-23_tekst.pdf"])  # a text layer: no mark

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    from vedtak.api.app import create_app

    with TestClient(create_app(url, token="t" * 32)) as client:
        page = client.get("/", params={"application": "351849"})
    assert page.status_code == 200
    marks = re.findall(r'<span class="ocr" title="([^"]*)">OCR</span>', page.text)
    assert len(marks) == len(by_source["arkiv/klima_2-23_skannet.pdf"]) and "3 side(r) lest med OCR" in marks[0]


def test_without_tesseract_a_scan_gives_a_finding_saying_what_to_install(tmp_path, monkeypatch):
    from vedtak.extract import extract_file

    pdf = tmp_path / "skannet.pdf"
    scan_pdf(REPO / "samples" / "pdf" / f"{MINUTES}.pdf", pdf, dpi=150, pages=[1])
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without Tesseract
    ocr.tesseract_problem.cache_clear()
    try:
        record = extract_file(pdf)
    finally:
        ocr.tesseract_problem.cache_clear()
    validate_record(record)
    assert record["document"]["kind"] == "other"
    assert [f["code"] for f in record["findings"]] == ["no_text_layer", "ocr_unavailable"]
    assert "apt-get install tesseract-ocr tesseract-ocr-nor tesseract-ocr-osd" in record["findings"][1]["message"]
    assert record["document"]["ocr_pages"] == [{"page": 1, "confidence": None}]


def test_a_blank_page_is_not_shown_to_tesseract(tmp_path, monkeypatch):
    from PIL import Image

    from vedtak.extract import extract_file

    monkeypatch.setenv("VEDTAK_CACHE_DIR", str(tmp_path / "cache"))
    write_image_pdf([Image.new("L", (1240, 1754), 255)], 150, tmp_path / "blank.pdf")
    runs = ocr.tesseract_runs()
    record = extract_file(tmp_path / "blank.pdf")
    assert ocr.tesseract_runs() == runs
    assert "ocr_pages" not in record["document"]
    assert [f["code"] for f in record["findings"]] == ["no_text_layer"]


def _line_image(text: str, tmp_path: Path):
    """One line of 11-pt Helvetica printed by reportlab, rasterised at 300 dpi in grey (a clean scan)."""
    import numpy as np
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    path = tmp_path / "line.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 60), invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(20, 25, text)
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        grey = ocr.render_page(page, 300)
        page.close()
    finally:
        pdf.close()
    return np.array(grey)


def test_a_doubtful_word_is_read_again_cut_to_its_line(tesseract, tmp_path, monkeypatch):
    """`Data og nedeller for matsikkerhet` (scanned minutes, conf 36): a speck just above `modeller`
    joined its box, twice the line's height. Read again alone, cut to its line, it is `modeller`;
    a word Tesseract was sure of is left as it was."""
    monkeypatch.setenv("VEDTAK_CACHE_DIR", str(tmp_path / "cache"))
    grey = _line_image("Data og modeller for matsikkerhet", tmp_path)
    words, _ = ocr._read_words(grey, 300)
    assert [w.text for w in words] == ["Data", "og", "modeller", "for", "matsikkerhet"]
    k = 2
    m = words[k]
    h = m.bottom - m.top
    grey[m.top - h - 4:m.top - h + 4, m.left + 20:m.left + 28] = 40  # the speck, a line's height above
    bad = ocr._TsvWord("nedeller", m.left, m.top - h - 4, m.right, m.bottom, 36.0, m.line)
    sure = ocr._TsvWord("Dato", *(getattr(words[0], f) for f in ("left", "top", "right", "bottom")), 97.0, words[0].line)
    runs = ocr.tesseract_runs()
    out = ocr.reread_doubtful(grey, 300, [sure, *words[1:k], bad, *words[k + 1:]])
    assert [w.text for w in out] == ["Dato", "og", "modeller", "for", "matsikkerhet"]
    assert out[2].conf >= ocr.REREAD_CONF and out[2].top > m.top - h // 2  # its box is the word's, not the speck's
    assert ocr.tesseract_runs() == runs + 1  # only the doubtful word was read again
