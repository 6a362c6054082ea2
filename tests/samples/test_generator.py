"""The sample corpus: expected records are valid, match their committed PDFs, state the seed's facts,
and the generator reproduces them (reportlab byte-for-byte, LibreOffice in content)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from samples.generator.cli import SCHEMA, generate, validator
from samples.generator.expected import sha256_of
from samples.generator.model import canonical_case
from samples.generator.render_rl import soft_points, wrap
from samples.generator.synth import join_og

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SETS = [(SAMPLES / "pdf", SAMPLES / "expected"), (SAMPLES / "unseen" / "pdf", SAMPLES / "unseen" / "expected")]
PAIRS = sorted((pdf_dir / f"{js.stem}.pdf", js) for pdf_dir, exp_dir in SETS for js in exp_dir.glob("*.json"))
SEED = SAMPLES / "expected" / "helse_1-25_seed_rl_beside.json"
SEED_VARIANTS = sorted(SAMPLES.glob("expected/helse_1-25_seed_*.json"))


def load(p: Path) -> dict:
    return json.loads(p.read_text(encoding="utf-8"))


def test_corpus_size():
    """~12 samples in samples/pdf and ~6 held out, each PDF with its expected record and vice versa."""
    for pdf_dir, exp_dir in SETS:
        pdfs = {p.stem for p in pdf_dir.glob("*.pdf")}
        jsons = {p.stem for p in exp_dir.glob("*.json")}
        assert pdfs == jsons, f"{pdf_dir}: PDFs without JSON {pdfs - jsons}, JSON without PDF {jsons - pdfs}"
    assert len(list((SAMPLES / "pdf").glob("*.pdf"))) >= 12
    assert len(list((SAMPLES / "unseen" / "pdf").glob("*.pdf"))) >= 6


@pytest.mark.parametrize("pdf,js", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_expected_is_valid_and_matches_pdf(pdf: Path, js: Path):
    """Schema-valid, sha256 and page count of the committed PDF, source path, no `extractor` key."""
    import pypdfium2

    rec = load(js)
    errors = [f"{list(e.path)}: {e.message}" for e in validator().iter_errors(rec)]
    assert not errors, f"{js}: {errors[:3]}"
    assert rec["document"]["sha256"] == sha256_of(str(pdf)), f"{js}: sha256 differs from {pdf}"
    assert rec["document"]["source"] == str(pdf.relative_to(REPO))
    assert "extractor" not in rec
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        assert rec["document"]["pages"] == len(doc), f"{pdf}: page count"
    finally:
        doc.close()


def _page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")


@pytest.mark.parametrize("pdf,js", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_fact_pages_hold_the_fact(pdf: Path, js: Path):
    """Read back with pdftotext -layout (not the generator's -raw): each stated page shows the fact."""
    if not shutil.which("pdftotext"):
        pytest.skip("MISSING COMPONENT: pdftotext (poppler-utils) is missing: cannot check provenance pages")
    rec = load(js)
    pages = _page_texts(pdf)
    flat = [re.sub(r"\s+", " ", p) for p in pages]
    for a in rec["applications"] + rec.get("budget_cuts", []):
        pg = a["provenance"]["page"]
        assert a["application_id"] in flat[pg - 1], f"{js.name}: {a['application_id']} not on page {pg}"
    for c in rec["conflicts"]:
        pg, surname = c["provenance"]["page"], c["person"].split()[-1]
        assert surname in flat[pg - 1], f"{js.name}: {c['person']} not on page {pg}"
    for c in rec["cases"]:
        pg = c["provenance"]["page"]
        if c["case_id"]:
            num = c["case_id"].split(" ")[1]
            n, yy = num.split("/")
            assert re.search(rf"\b0*{n}/{yy}\b", flat[pg - 1]), f"{js.name}: {c['case_id']} not on page {pg}"
    for m in rec["meetings"]:
        assert m["provenance"]["page"] <= len(pages)


def test_kind_other_is_empty():
    """Seeds 000, 001, 003: kind `other`, nothing extracted."""
    for js in sorted(SAMPLES.glob("expected/seed_00*.json")):
        rec = load(js)
        assert rec["document"]["kind"] == "other"
        for key in ("meetings", "cases", "conflicts", "applications", "findings"):
            assert rec[key] == [], f"{js.name}: {key}"


# ---------------------------------------------------------------- the seed book, hand-checked


@pytest.mark.parametrize("js", SEED_VARIANTS, ids=[p.stem for p in SEED_VARIANTS])
def test_seed_book_cases(js: Path):
    """17 cases with an id (1/25-7/25, 49/24-58/24, 57/24 `Eventuelt` without a decision) and the
    headerless Horisont Europa paper."""
    rec = load(js)
    ids = [c["case_id"] for c in rec["cases"]]
    assert ids == ["PS-HELSE 1/25", "PS-HELSE 2/25"] + [f"PS-HELSE {n}/24" for n in (49, 50, 51, 52, 53, 54, 55, 56, 57, 58)] \
        + ["PS-HELSE 3/25", "PS-HELSE 4/25", "PS-HELSE 5/25", "PS-HELSE 6/25", "PS-HELSE 7/25", None]
    by = {c["case_id"]: c for c in rec["cases"]}
    assert by["PS-HELSE 55/24"]["title"] == ("Bevilgning av søknader til utlysningen om bærekraft i de kommunale "
                                             "helse- og omsorgstjenestene [U.off. § 14]")
    assert by["PS-HELSE 54/24"]["title"] == "Bevilgning av forprosjekter til Pilot Helse [U.off. § 14]"
    assert by["PS-HELSE 54/24"]["exempt"] == "U.off. § 14"
    assert by["PS-HELSE 2/25"]["case_type"] == "information" and by["PS-HELSE 4/25"]["case_type"] is None
    assert by["PS-HELSE 7/25"]["references"] == ["PS-HELSE 30/23"]
    assert by["PS-HELSE 5/25"]["references"] == ["PS-HELSE 44/24", "PS-HELSE 45/24"]
    assert by["PS-HELSE 51/24"]["references"] == ["PS-HELSE 54/24", "PS-HELSE 55/24"]
    assert by["PS-HELSE 6/25"]["case_officers"] == ["Tine Thorbjørnsen", "Siv Øverås"]
    assert by["PS-HELSE 1/25"]["from"] == "Områdedirektør Anne Kjersti Fahlvik"
    assert by["PS-HELSE 4/25"]["attachments"] == ["Rapportering til Styret for 2024", "Investeringsplan for helse 2025-2027"]
    none = by[None]
    assert none["meeting"] == "1/25" and none["title"] is None and none["proposed_decision"].startswith("Administrasjonen")
    assert [f["code"] for f in rec["findings"]] == ["conflicting_outcomes", "missing_case_header"]


@pytest.mark.parametrize("js", SEED_VARIANTS, ids=[p.stem for p in SEED_VARIANTS])
def test_seed_book_applications(js: Path):
    """54/24: 40 rejected + 24 granted; 55/24: 10 granted, 19 rejected, 3 reserve; 7/25: 349497 proposed."""
    rec = load(js)
    got = Counter((a["case_id"], a["outcome"], a["stage"]) for a in rec["applications"])
    assert got == {("PS-HELSE 54/24", "rejected", "adopted"): 40, ("PS-HELSE 54/24", "granted", "adopted"): 24,
                   ("PS-HELSE 55/24", "granted", "adopted"): 10, ("PS-HELSE 55/24", "rejected", "adopted"): 19,
                   ("PS-HELSE 55/24", "reserve", "adopted"): 3, ("PS-HELSE 7/25", "rejected", "proposed"): 1}
    m55 = [(a["application_id"], a["outcome"], a["rank"]) for a in rec["applications"]
           if a["case_id"] == "PS-HELSE 55/24" and a["application_id"] in ("355340", "355272", "355170", "355204")]
    assert m55 == [("355170", "reserve", None), ("355204", "rejected", None), ("355340", "reserve", 1),
                   ("355272", "reserve", 2), ("355204", "rejected", None), ("355340", "rejected", None)]
    cuts = [(c["application_id"], c["amount_nok"]) for c in rec["budget_cuts"]]
    assert cuts == [("355421", 1_000_000), ("355276", 180_000), ("355194", 180_000), ("355284", 180_000)]
    f = rec["findings"][0]
    assert (f["case_id"], f["application_id"]) == ("PS-HELSE 55/24", "355340")


@pytest.mark.parametrize("js", SEED_VARIANTS, ids=[p.stem for p in SEED_VARIANTS])
def test_seed_book_meetings_and_conflicts(js: Path):
    """Both meetings; attendance of 6/24; 16 conflicts with partial scope, acting chair and substitute."""
    rec = load(js)
    book, mins = rec["meetings"]
    assert (book["number"], book["date"], book["time"], book["place"], book["source_kind"]) == \
        ("1/25", "2025-03-05", "10:00–16:00", "Norges forskningsråd, Møterom Hassel 2", "meeting_book")
    assert (mins["number"], mins["date"], mins["place"], mins["chair"]) == \
        ("6/24", "2024-12-02", "Forskningsrådet, møterom Frisch 1 og 2", "Ole A. Andreassen")
    assert len(mins["present"]) == 14 and mins["present"][-1] == "Oddrun Samdal"
    assert "Tove Klæboe Nilsen" in mins["present"]
    assert mins["absent"] == ["Bettina Husebø"] and mins["observers"] == ["Marianne van der Wel", "Sissel Lorck"]
    assert "Alexandra Bjørk-Skaflestad" in mins["staff"] and "Anne Kjersti Fahlvik" not in mins["present"]
    assert mins["substitutes"] == [{"person": "Oddrun Samdal", "case_ids": ["PS-HELSE 55/24"]}]
    c = Counter((x["case_id"], x["role"], x["scope"]) for x in rec["conflicts"])
    assert c == {("PS-HELSE 54/24", "inhabile", None): 4, ("PS-HELSE 54/24", "inhabile", "gruppe 3"): 2,
                 ("PS-HELSE 54/24", "acting_chair", None): 1, ("PS-HELSE 55/24", "inhabile", None): 7,
                 ("PS-HELSE 55/24", "substitute", None): 1, ("PS-HELSE 55/24", "acting_chair", None): 1}
    assert {x["recorded_in"] for x in rec["conflicts"]} == {"PS-HELSE 51/24"}
    sub = next(x for x in rec["conflicts"] if x["role"] == "substitute")
    assert (sub["person"], sub["affiliation"]) == ("Oddrun Samdal", "Universitetet i Bergen")
    assert [(d["recorded_in"], d["scope"], d["stage"]) for d in rec["conflict_declarations"]] == \
        [("PS-HELSE 51/24", "other_cases", "adopted"), ("PS-HELSE 3/25", "all_cases", "proposed")]


def test_seed_layouts_agree():
    """The three renderings of the seed book carry the same facts (pages and sha256 aside)."""
    def strip(rec):
        rec = json.loads(json.dumps(rec))
        rec["document"].pop("sha256"), rec["document"].pop("source"), rec["document"].pop("pages")
        text = json.dumps(rec, sort_keys=True)
        return re.sub(r'"page": \d+', '"page": 0', text)
    texts = {strip(load(p)) for p in SEED_VARIANTS}
    assert len(SEED_VARIANTS) >= 2 and len(texts) == 1


def test_synthetic_findings_present():
    """The synthetic corpus exercises every finding and the nynorsk path."""
    recs = [load(js) for _, js in PAIRS]
    codes = Counter(f["code"] for r in recs for f in r["findings"])
    assert codes["count_mismatch"] >= 2 and codes["conflicting_outcomes"] >= 3
    assert any(r["document"]["language"] == "nn" for r in recs)
    assert any(r["document"]["kind"] == "minutes" for r in recs)
    assert any(a["stage"] == "proposed" and a["outcome"] == "reserve" for r in recs for a in r["applications"])


def test_unseen_is_held_out():
    """Held-out samples share no application ids with the main set."""
    def ids(d):
        return {a["application_id"] for js in d.glob("*.json") for a in load(js)["applications"]}
    assert not ids(SAMPLES / "expected") & ids(SAMPLES / "unseen" / "expected")


# ---------------------------------------------------------------- normalisers and wrapping

@pytest.mark.parametrize("written,canon", [
    ("PS-HELSE 01/25", "PS-HELSE 1/25"), ("PS-HELSE 2/25", "PS-HELSE 2/25"), ("sak 54/24", "PS-HELSE 54/24"),
    ("PS 44/24", "PS-HELSE 44/24"), ("PSHELSE 33/24", "PS-HELSE 33/24"), ("PS-HELSE 30-23", "PS-HELSE 30/23"),
])
def test_canonical_case(written, canon):
    assert canonical_case(written, "PS-HELSE") == canon


def test_join_og():
    assert join_og(["355316", "355292", "355225"]) == "355316, 355292 og 355225"


def test_wrap_breaks_at_soft_hyphen():
    """`forpros\\u00adjekter` breaks as `forpros-` / `jekter` when only the head fits."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    head = "har et forpros-"
    lines = wrap("har et forpros\u00adjekter her", stringWidth(head, "Helvetica", 10) + 1)
    assert lines == ["har et forpros-", "jekter her"]


def test_soft_points_keep_the_word():
    w = "forskningsprosjekter"
    assert soft_points(w).replace("\u00ad", "") == w and soft_points("Andreassen") == "Andreassen"


# ---------------------------------------------------------------- regeneration

def test_regenerate_reportlab_is_byte_identical(tmp_path: Path):
    """Regenerating the reportlab samples into a tmp dir gives the committed PDFs and JSON, byte for byte."""
    written = generate(tmp_path, renderers={"reportlab"}, quiet=True)
    assert len(written) >= 10
    for set_name, smp, pdf, js in written:
        rel = pdf.relative_to(tmp_path)
        assert pdf.read_bytes() == (SAMPLES / rel).read_bytes(), f"{rel} differs from the committed PDF"
        assert js.read_text(encoding="utf-8") == (SAMPLES / js.relative_to(tmp_path)).read_text(encoding="utf-8")


def test_regenerate_libreoffice_same_content(tmp_path: Path):
    """A LibreOffice sample regenerates to the same record (PDF bytes differ by timestamps)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("MISSING COMPONENT: soffice (libreoffice-writer) is missing: cannot check the LibreOffice samples")
    written = generate(tmp_path, only={"multek_5-25_minutes_lo"}, quiet=True)
    (_, _, _, js), = written
    new, old = load(js), load(SAMPLES / "expected" / js.name)
    new["document"].pop("sha256"), old["document"].pop("sha256")
    assert new == old


def test_schema_is_the_projects():
    assert SCHEMA == REPO / "vedtak" / "schema" / "record-v1.json" and SCHEMA.exists()
