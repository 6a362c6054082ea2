"""`vedtak extract` as a user runs it: JSON lines, text tables, and one clear line per bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests_support import ROOT, SAMPLES
from vedtak.schema import validate_record

GOOD = SAMPLES / "pdf" / "klima_2-23_minutes_rl.pdf"
OTHER = SAMPLES / "pdf" / "seed_000_eu4health_news.pdf"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vedtak.cli", "extract", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def make_bad(tmp: Path) -> dict[str, Path]:
    """A small bad-input corpus: not a PDF, empty, truncated, garbage after the header, encrypted."""
    from reportlab.pdfgen import canvas

    bad = {}
    bad["not_pdf"] = tmp / "letter.pdf"
    bad["not_pdf"].write_text("Dette er ikke en PDF.\n", encoding="utf-8")
    bad["empty"] = tmp / "empty.pdf"
    bad["empty"].write_bytes(b"")
    data = GOOD.read_bytes()
    bad["truncated"] = tmp / "truncated.pdf"
    bad["truncated"].write_bytes(data[: len(data) // 3])
    bad["garbage"] = tmp / "garbage.pdf"
    bad["garbage"].write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    bad["encrypted"] = tmp / "encrypted.pdf"
    c = canvas.Canvas(str(bad["encrypted"]), encrypt="hemmelig")
    c.drawString(72, 720, "Sak PS-HELSE 1/25")
    c.save()
    return bad


def test_json_lines_validate():
    proc = run(str(GOOD), str(OTHER), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 2
    for r in records:
        validate_record(r)
    assert records[0]["document"]["kind"] == "minutes"
    assert records[1]["document"]["kind"] == "other"
    assert not records[1]["cases"] and not records[1]["applications"] and not records[1]["conflicts"]


def test_text_format_shows_tables():
    proc = run(str(GOOD), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    assert "Cases" in proc.stdout and "PS-KLIMA" in proc.stdout


@pytest.mark.parametrize("kind, words", [
    ("not_pdf", "not a PDF"),
    ("empty", "empty file"),
    ("truncated", "damaged PDF"),
    ("garbage", "damaged PDF"),
    ("encrypted", "encrypted PDF"),
])
def test_bad_input_one_line_no_partial_json(tmp_path, kind, words):
    path = make_bad(tmp_path)[kind]
    proc = run(str(path))
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and words in lines[0]


def test_bad_file_does_not_stop_the_others(tmp_path):
    bad = make_bad(tmp_path)
    proc = run(str(bad["truncated"]), str(GOOD), str(bad["not_pdf"]))
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    assert json.loads(proc.stdout)["document"]["kind"] == "minutes"
    assert len(proc.stderr.strip().splitlines()) == 2


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_both_backends_report_bad_input(tmp_path, backend):
    from vedtak.errors import InputError
    from vedtak.extract import extract_file

    for kind, path in make_bad(tmp_path).items():
        with pytest.raises(InputError) as err:
            extract_file(path, backend=backend)
        assert str(path) in str(err.value), kind


def test_image_only_pdf_is_other_with_a_finding(tmp_path):
    """A scan without a text layer is not an error, but it must not pass silently."""
    from reportlab.pdfgen import canvas

    from vedtak.extract import extract_file

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 600, 300, 100, fill=1)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert record["document"]["kind"] == "other"
    assert [f["code"] for f in record["findings"]] == ["no_text_layer"]

